#pragma once
// file, mvfile and seqfile tokens: a line (or one comma-separated column of a line)
// from a replacement file. Tokens that name a column of the same file share one row
// per event, which is how mvfile keeps related values together.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "tokens/token_value.h"

namespace eventgen {

struct ReplacementFile {
    std::string path;
    int id = 0;  // index into EventContext::file_rows
    std::vector<std::string> lines;
    std::vector<std::vector<std::string>> columns;  // lines split on ','
};

// Loads each replacement file once per sample and numbers them.
class ReplacementFiles {
public:
    ReplacementFiles(std::string sample_dir, std::string conf_dir)
        : sample_dir_(std::move(sample_dir)), conf_dir_(std::move(conf_dir)) {}
    // Finds and loads `spec` (env vars expanded; relative to the sample folder, the
    // conf folder, then the working directory; then its file name in the sample
    // folder, then in the samples eventgen ships). Throws ConfigError at `where`.
    std::shared_ptr<const ReplacementFile> load(const std::string& spec, const ConfLocation& where);
    size_t count() const { return files_.size(); }

private:
    struct Located {
        std::string path;  // "" when not found
        std::string note;  // said once when a fallback was used
        bool warn = false;
    };
    Located locate(const std::string& spec) const;
    std::string sample_dir_, conf_dir_;
    std::map<std::string, std::shared_ptr<ReplacementFile>> files_;
};

// `replacement` is "path" or "path:column" (column counted from 1).
std::unique_ptr<TokenValue> make_file_value(const std::string& replacement, bool sequential,
                                            ReplacementFiles& files, const ConfLocation& where);

}  // namespace eventgen
