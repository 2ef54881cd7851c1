#pragma once
// Shared by the fault tests: an app whose events carry a unique integerid, an
// exactly-once check over the lines that arrived, and the worker processes of a run.
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "id_events.h"  // id_counts_of, lost_and_doubled

namespace eventgen::test {

// make_ids_app (id_events.h) in a folder removed when the test program ends.
std::string fault_ids_app(const std::string& settings);
// Lines of `path` and of its rotated backups path.1 .. path.N.
std::vector<std::string> lines_with_backups(const std::string& path);
// A number from the summary line in `log`: "summary ... key=N"; -1 when absent.
long summary_value(const std::string& log, const std::string& key);
// A port on 127.0.0.1 nothing listens on.
int closed_loopback_port();

}  // namespace eventgen::test

namespace eventgen::test {

// A child started with stdout and stderr on descriptors the test chooses (a file, a
// pipe nobody reads), optionally as the leader of its own process group.
class Child {
public:
    // `file_size_limit` > 0 sets RLIMIT_FSIZE (ulimit -f) in the child.
    Child(const std::vector<std::string>& args, int out_fd, int err_fd, bool own_group, long file_size_limit = 0);
    ~Child();
    pid_t pid() const { return pid_; }
    // Waits for exit; false on timeout. exit_code() is 128+N for signal N.
    bool wait_exit(int timeout_ms);
    int exit_code() const { return code_; }

private:
    pid_t pid_ = -1;
    int code_ = -1;
    bool done_ = false;
};

// Polls `cond` every few milliseconds until it holds or `timeout_ms` pass.
template <typename Cond>
bool wait_until(Cond cond, int timeout_ms);

}  // namespace eventgen::test

#include <chrono>
#include <thread>
template <typename Cond>
bool eventgen::test::wait_until(Cond cond, int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!cond()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling a condition, not waiting out a race
    }
    return true;
}
