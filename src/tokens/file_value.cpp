#include "tokens/file_value.h"

#include <filesystem>

#include "common/strings.h"
#include "config/sample_resolver.h"
#include "samples/sample_events.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

class FileValue : public TokenValue {
public:
    FileValue(std::shared_ptr<const ReplacementFile> file, size_t column, bool sequential)
        : file_(std::move(file)), column_(column), sequential_(sequential) {}

    void produce(EventContext& ctx, std::string& out) override {
        if (column_ == 0) {
            out += file_->lines[pick(ctx)];
            return;
        }
        int64_t& row = ctx.file_rows[file_->id];
        if (row < 0) row = static_cast<int64_t>(pick(ctx));
        out += file_->columns[row][column_ - 1];
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
    size_t pick(EventContext& ctx) const {
        size_t n = file_->lines.size();
        return sequential_ ? static_cast<size_t>(ctx.sequence % n) : static_cast<size_t>(ctx.rng.below(n));
    }
    std::shared_ptr<const ReplacementFile> file_;
    size_t column_;
    bool sequential_;
};

}  // namespace

std::string ReplacementFiles::locate(const std::string& spec) const {
    fs::path p(expand_env_vars(spec));
    std::error_code ec;
    std::vector<fs::path> candidates;
    if (p.is_relative()) {
        candidates = {fs::path(sample_dir_) / p, fs::path(conf_dir_) / p, p};
    } else {
        candidates = {p};
    }
    // Configs written for a Splunk install name $SPLUNK_HOME/etc/apps/<app>/samples/x;
    // standalone, the same file sits in the sample folder.
    candidates.push_back(fs::path(sample_dir_) / p.filename());
    for (const auto& c : candidates)
        if (fs::is_regular_file(c, ec)) return fs::absolute(c, ec).lexically_normal().string();
    return "";
}

std::shared_ptr<const ReplacementFile> ReplacementFiles::load(const std::string& spec, const ConfLocation& where) {
    std::string path = locate(spec);
    if (path.empty())
        throw ConfigError(where, "replacement file '" + spec + "' not found (looked relative to " + sample_dir_ +
                                     ", " + conf_dir_ + " and the working directory)");
    auto it = files_.find(path);
    if (it != files_.end()) return it->second;
    auto raw = read_file(path);
    if (!raw) throw ConfigError(where, "cannot read replacement file '" + path + "'");
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
