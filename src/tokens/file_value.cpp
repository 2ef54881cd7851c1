#include "tokens/file_value.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>

#include "common/bundled_samples.h"
#include "common/log.h"
#include "common/strings.h"
#include "common/text_file.h"
#include "config/sample_resolver.h"
#include "samples/sample_events.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

class FileValue : public TokenValue {
public:
    FileValue(std::shared_ptr<const ReplacementFile> file, size_t column, bool sequential)
        : file_(std::move(file)), column_(column), sequential_(sequential) {
        if (column_ == 0) {
            for (const auto& line : file_->lines) longest_ = std::max(longest_, line.size());
        } else {
            for (const auto& row : file_->columns) longest_ = std::max(longest_, row[column_ - 1].size());
        }
    }

    void produce(EventContext& ctx, std::string& out) override { out += value(ctx); }
    size_t max_size() const override { return longest_; }
    char* write(EventContext& ctx, char* p) override {
        const std::string& v = value(ctx);
        std::memcpy(p, v.data(), v.size());
        return p + v.size();
    }
    ValueShape shape() const override {
        std::vector<std::string_view> values;
        if (column_ == 0) {
            values.assign(file_->lines.begin(), file_->lines.end());
        } else {
            for (const auto& row : file_->columns) values.push_back(row[column_ - 1]);
        }
        return ValueShape::any_of(values);
    }
    std::unique_ptr<TokenValue> clone() const override { return std::make_unique<FileValue>(*this); }

private:
    const std::string& value(EventContext& ctx) const {
        if (column_ == 0) return file_->lines[pick(ctx)];
        int64_t& row = ctx.file_rows[file_->id];
        if (row < 0) row = static_cast<int64_t>(pick(ctx));
        return file_->columns[row][column_ - 1];
    }
    size_t pick(EventContext& ctx) const {
        size_t n = file_->lines.size();
        return sequential_ ? static_cast<size_t>(ctx.sequence % n) : static_cast<size_t>(ctx.rng.below(n));
    }
    std::shared_ptr<const ReplacementFile> file_;
    size_t column_;
    bool sequential_;
    size_t longest_ = 0;  // of its values
};

// A fallback is worth one line per config location, not one per sample clone.
void note_once(const std::string& text, bool warn) {
    static std::mutex mutex;
    static std::set<std::string> said;
    std::lock_guard<std::mutex> lock(mutex);
    if (!said.insert(text).second) return;
    if (warn) LOG_WARN(text);
    else LOG_INFO(text);
}

}  // namespace

ReplacementFiles::Located ReplacementFiles::locate(const std::string& spec) const {
    // Windows-style paths (C:\Splunk\etc\apps\...) are read with '/' as SA-Eventgen does.
    std::string unix_spec = spec;
    std::replace(unix_spec.begin(), unix_spec.end(), '\\', '/');
    const bool windows = unix_spec != spec || (spec.size() > 2 && std::isalpha(static_cast<unsigned char>(spec[0])) &&
                                               spec[1] == ':' && spec[2] == '/');
    fs::path p(expand_env_vars(unix_spec));
    std::error_code ec;
    // A FIFO, socket or device by that name counts as found, so that reading it says what it
    // is instead of "not found" (reading never blocks on it).
    auto found = [&](const fs::path& c) { return fs::exists(c, ec) && !fs::is_directory(c, ec); };
    auto normal = [&](const fs::path& c) { return fs::absolute(c, ec).lexically_normal().string(); };
    std::vector<fs::path> candidates;
    if (p.is_relative() && !windows) {
        candidates = {fs::path(sample_dir_) / p, fs::path(conf_dir_) / p, p};
    } else {
        candidates = {p};
    }
    for (const auto& c : candidates)
        if (found(c)) return {normal(c), "", false};
    // Configs written for a Splunk install name $SPLUNK_HOME/etc/apps/<app>/samples/x;
    // standalone, the same file sits in the sample folder.
    const fs::path base = p.filename();
    if (base.empty()) return {};
    if (found(fs::path(sample_dir_) / base)) {
        std::string path = normal(fs::path(sample_dir_) / base);
        if (!windows) return {path, "", false};
        return {path, "replacement file '" + spec + "' is a Windows path; using " + path + " from the sample folder",
                true};
    }
    // Most apps name SA-Eventgen's own replacement files, which this app ships too:
    // use those when SPLUNK_HOME is unset or SA-Eventgen is not installed there.
    const std::string& bundled = bundled_samples_dir();
    if (!bundled.empty() && found(fs::path(bundled) / base)) {
        std::string path = normal(fs::path(bundled) / base);
        return {path, "replacement file '" + spec + "' not found" + (windows ? " (a Windows path)" : "") +
                          "; using the copy bundled with eventgen: " + path,
                windows};
    }
    return {};
}

std::shared_ptr<const ReplacementFile> ReplacementFiles::load(const std::string& spec, const ConfLocation& where) {
    Located located = locate(spec);
    const std::string& path = located.path;
    if (path.empty())
        throw ConfigError(where, "replacement file '" + spec + "' not found (looked relative to " + sample_dir_ +
                                     ", " + conf_dir_ + ", the working directory" +
                                     (bundled_samples_dir().empty() ? std::string()
                                                                    : " and eventgen's own " + bundled_samples_dir()) +
                                     ")");
    if (!located.note.empty()) note_once(where.describe() + ": " + located.note, located.warn);
    auto it = files_.find(path);
    if (it != files_.end()) return it->second;
    std::string error;
    auto raw = read_text_file(path, error);
    if (!raw) throw ConfigError(where, "replacement file '" + path + "' " + error);
    // Same reading rules as samples: CR-only and CRLF files (markets.sample) split into lines.
    auto text = std::optional<std::string>(normalize_sample_text(std::move(*raw)));
    auto file = std::make_shared<ReplacementFile>();
    file->path = path;
    file->id = static_cast<int>(files_.size());
    for (auto line : split(*text, '\n')) {
        line = trim(line);
        // Eventgen strips each line; empty lines would only produce empty values.
        if (line.empty()) continue;
        file->lines.emplace_back(line);
        std::vector<std::string> cols;
        for (auto c : split(line, ',')) cols.emplace_back(c);
        file->columns.push_back(std::move(cols));
    }
    if (file->lines.empty()) throw ConfigError(where, "replacement file '" + path + "' is empty");
    files_[path] = file;
    return file;
}

std::unique_ptr<TokenValue> make_file_value(const std::string& replacement, bool sequential,
                                            ReplacementFiles& files, const ConfLocation& where) {
    std::string spec(trim(replacement));
    size_t column = 0;
    size_t colon = spec.rfind(':');
    if (colon != std::string::npos) {
        // "C:\x" (a drive letter) has no number after the colon: not a column.
        if (auto n = parse_int(std::string_view(spec).substr(colon + 1)); n && *n > 0) {
            column = static_cast<size_t>(*n);
            spec = spec.substr(0, colon);
        }
    }
    auto file = files.load(spec, where);
    if (column > 0) {
        for (size_t i = 0; i < file->columns.size(); ++i) {
            if (file->columns[i].size() < column)
                throw ConfigError(where, "line " + std::to_string(i + 1) + " of '" + file->path + "' has " +
                                             std::to_string(file->columns[i].size()) + " column(s); column " +
                                             std::to_string(column) + " was asked for");
        }
    }
    return std::make_unique<FileValue>(std::move(file), column, sequential);
}

}  // namespace eventgen
