#include "engine/id_state.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/log.h"
#include "common/strings.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

// The sample folder, or (under Splunk) the input's checkpoint folder, which survives
// app upgrades.
std::string integer_id_state_path(const SampleConfig& c, const std::string& token_regex, const std::string& state_dir,
                                  const Shard& shard) {
    std::string name = state_dir.empty() ? "state." : "state." + c.def.app + "." + c.name() + ".";
    name += percent_encode(token_regex);
    if (shard.sharded()) name += ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
    return (fs::path(state_dir.empty() ? c.def.sample_dir : state_dir) / name).string();
}

// Replaces `path` atomically (a crash leaves the old or the new value, never half a
// file), readable by all and writable by the owner whatever the umask.
bool write_state_file(const std::string& path, const std::string& text) {
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    bool ok = ::fchmod(fd, 0644) == 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ::close(fd) == 0 && ok;
    if (ok && ::rename(tmp.c_str(), path.c_str()) == 0) return true;
    int err = errno;
    ::unlink(tmp.c_str());
    errno = err;
    return false;
}

}  // namespace

std::vector<std::pair<std::string, int64_t>> load_integer_id_state(const SampleConfig& c, const std::string& state_dir,
                                                                   const Shard& shard) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const auto& t : c.def.tokens) {
        if (t.type != "integerid") continue;
        std::string path = integer_id_state_path(c, t.regex, state_dir, shard);
        if (auto text = read_file(path)) {
            if (auto v = parse_int(*text)) {
                out.emplace_back(t.regex, *v);
                // A run that continues from saved state says so, with where it lives and how to reset it.
                LOG_INFO("sample " << c.name() << ": integerid token " << t.regex << " continues from " << *v
                                   << ", saved by an earlier run in " << path << " (delete that file"
                                   << (state_dir.empty() ? ", or run with --reset-state," : "")
                                   << " to start again from " << t.replacement << ")");
            }
        }
    }
    return out;
}

void save_integer_id_state(const SampleConfig& c, const std::vector<std::pair<std::string, int64_t>>& saved,
                           uint64_t generated, const std::string& state_dir, const Shard& shard) {
    generated = (generated + shard.count - 1) / shard.count * shard.count;
    for (const auto& t : c.def.tokens) {
        if (t.type != "integerid") continue;
        auto start = parse_int(t.replacement);
        for (const auto& [regex, value] : saved)
            if (regex == t.regex) start = value;
        std::string path = integer_id_state_path(c, t.regex, state_dir, shard);
        std::error_code ec;
        if (!fs::exists(path, ec))
            LOG_INFO("sample " << c.name() << ": integerid state saved to " << path << "; the next run continues from it"
                               << (state_dir.empty() ? " (--reset-state starts again)" : ""));
        if (!write_state_file(path, std::to_string(start.value_or(0) + static_cast<int64_t>(generated))))
            LOG_WARN("cannot save integerid state to " << path << ": " << std::strerror(errno));
    }
}

}  // namespace eventgen
