#pragma once
// A private scratch folder for one unit test: a new, uniquely named folder under the
// system temp folder (never the working directory), removed with its contents.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace eventgen::testing {

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "eventgen-test-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // The full path of `relative` inside the folder (nothing is created).
    std::string file(const std::string& relative) const { return (path_ / relative).string(); }

    // Writes `text` to `relative` (creating folders) and returns the full path.
    std::string write(const std::string& relative, const std::string& text) const {
        std::filesystem::path p = path_ / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out << text;
        if (!out) throw std::runtime_error("cannot write " + p.string());
        return p.string();
    }
    std::string mkdir(const std::string& relative) const {
        std::filesystem::create_directories(path_ / relative);
        return file(relative);
    }

private:
    std::filesystem::path path_;
};

}  // namespace eventgen::testing
