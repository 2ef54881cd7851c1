#include "fault_util.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "id_events.h"
#include "loopback.h"
#include "process.h"

namespace fs = std::filesystem;

namespace eventgen::test {

namespace {

// The fault tests write large files: their folders go when the test program ends.
std::vector<std::string>& scratch_dirs() {
    static std::vector<std::string> dirs;
    return dirs;
}

class RemoveScratch : public ::testing::Environment {
public:
    void TearDown() override {
        std::error_code ec;
        for (const auto& d : scratch_dirs()) fs::remove_all(d, ec);
    }
};

[[maybe_unused]] ::testing::Environment* const g_remove_scratch =
    ::testing::AddGlobalTestEnvironment(new RemoveScratch);

}  // namespace

std::string fault_ids_app(const std::string& settings) {
    std::string dir = make_ids_app("eg-fault", settings);
    scratch_dirs().push_back(dir);
    return dir;
}

std::vector<std::string> lines_with_backups(const std::string& path) {
    std::vector<std::string> all = lines_of(read_text(path));
    for (int k = 1;; ++k) {
        std::string backup = path + "." + std::to_string(k);
        if (!fs::exists(backup)) break;
        auto more = lines_of(read_text(backup));
        all.insert(all.end(), more.begin(), more.end());
    }
    return all;
}

long summary_value(const std::string& log, const std::string& key) {
    size_t s = log.find("summary events=");
    if (s == std::string::npos) return -1;
    size_t end = log.find('\n', s);
    std::string line = log.substr(s, end == std::string::npos ? std::string::npos : end - s);
    size_t p = line.find(" " + key + "=");
    if (key == "events" && line.rfind("summary events=", 0) == 0) p = 7;
    if (p == std::string::npos) return -1;
    return std::stol(line.substr(p + key.size() + 2));
}

int closed_loopback_port() {
    int port = 0;
    int fd = open_loopback_socket(SOCK_STREAM, 1, port);
    ::close(fd);  // nothing listens there any more; connections are refused
    return port;
}

}  // namespace eventgen::test

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

namespace eventgen::test {

Child::Child(const std::vector<std::string>& args, int out_fd, int err_fd, bool own_group, long file_size_limit) {
    pid_ = fork();
    if (pid_ == 0) {
        if (own_group) setpgid(0, 0);
        if (file_size_limit > 0) {
            rlimit lim{static_cast<rlim_t>(file_size_limit), static_cast<rlim_t>(file_size_limit)};
            setrlimit(RLIMIT_FSIZE, &lim);
        }
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        signal(SIGPIPE, SIG_DFL);
        execv(argv[0], argv.data());
        _exit(127);
    }
    if (own_group) setpgid(pid_, pid_);  // either side may run first
}

Child::~Child() {
    if (!done_ && pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
}

bool Child::wait_exit(int timeout_ms) {
    if (done_) return true;
    int status = 0;
    bool ok = wait_until([&] { return waitpid(pid_, &status, WNOHANG) == pid_; }, timeout_ms);
    if (!ok) return false;
    done_ = true;
    code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
}

}  // namespace eventgen::test
