#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <vector>

// Set by CMake for the programs built in a cross build (tests/CMakeLists.txt).
#ifndef EVENTGEN_TEST_EMULATOR
#define EVENTGEN_TEST_EMULATOR ""
#endif

namespace eventgen::test {

namespace fs = std::filesystem;

namespace {

// ELF e_machine of a file, 0 when it is not an ELF file.
int elf_machine(const std::string& path) {
    unsigned char h[20] = {};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(h), sizeof h) || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F')
        return 0;
    return h[5] == 1 ? h[18] | (h[19] << 8) : (h[18] << 8) | h[19];  // EI_DATA: little or big endian
}

// A cross build's tests run under qemu-user (EVENTGEN_TEST_EMULATOR, from CMake's
// CMAKE_CROSSCOMPILING_EMULATOR). With no binfmt_misc, a program of the target
// architecture that a test starts must be handed to the emulator too; so must the
// binary the app's wrapper scripts start (EVENTGEN_EMULATOR). Host programs (tar,
// bash, the emulator itself) run as they are.
std::vector<std::string> with_emulator(const std::vector<std::string>& args) {
    std::vector<std::string> emulator;
    std::istringstream words(EVENTGEN_TEST_EMULATOR);
    for (std::string w; words >> w;) emulator.push_back(w);
    if (emulator.empty() || args.empty()) return args;
    static const int target = elf_machine("/proc/self/exe");  // qemu shows the emulated program here
    if (elf_machine(args[0]) != target) return args;
    emulator.insert(emulator.end(), args.begin(), args.end());
    return emulator;
}

std::string emulator_for_wrappers() {
    std::string e = EVENTGEN_TEST_EMULATOR;
    std::replace(e.begin(), e.end(), ';', ' ');
    return e;
}

pid_t spawn(const std::vector<std::string>& given_args, int in_fd, int out_fd, int err_fd,
            const std::map<std::string, std::string>& given_env) {
    // Built before fork(): the child of a threaded process may only call async-signal-safe functions.
    std::vector<std::string> args = with_emulator(given_args);
    std::map<std::string, std::string> env = given_env;
    if (!emulator_for_wrappers().empty() && !env.count("EVENTGEN_EMULATOR"))
        env["EVENTGEN_EMULATOR"] = emulator_for_wrappers();
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in_fd, 0);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
        signal(SIGPIPE, SIG_DFL);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

int decode_status(int status, int& sig) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) sig = WTERMSIG(status);
    return -1;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& args, const std::string& input,
                          std::chrono::milliseconds timeout, const std::map<std::string, std::string>& env) {
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) throw std::runtime_error("pipe failed");
    pid_t pid = spawn(args, in[0], out[1], err[1], env);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    ProcessResult r;
    size_t written = 0;
    int in_fd = in[1];
    fcntl(in_fd, F_SETFL, O_NONBLOCK);
    if (input.empty()) {
        close(in_fd);
        in_fd = -1;
    }
    auto deadline = std::chrono::steady_clock::now() + timeout;
    bool out_open = true, err_open = true;
    char buf[65536];
    while (out_open || err_open) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            r.timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        pollfd fds[3] = {{out_open ? out[0] : -1, POLLIN, 0}, {err_open ? err[0] : -1, POLLIN, 0},
                         {in_fd, POLLOUT, 0}};
        poll(fds, 3, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (fds[0].revents) {
            ssize_t n = read(out[0], buf, sizeof buf);
            if (n > 0) r.out.append(buf, n);
            else out_open = false;
        }
        if (fds[1].revents) {
            ssize_t n = read(err[0], buf, sizeof buf);
            if (n > 0) r.err.append(buf, n);
            else err_open = false;
        }
        if (in_fd >= 0 && fds[2].revents) {
            ssize_t n = write(in_fd, input.data() + written, input.size() - written);
            if (n > 0) written += n;
            if (n < 0 || written == input.size()) {
                close(in_fd);
                in_fd = -1;
            }
        }
    }
    if (in_fd >= 0) close(in_fd);
    close(out[0]);
    close(err[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_code = decode_status(status, r.signal);
    return r;
}

RunningProcess::RunningProcess(const std::vector<std::string>& args, const std::string& input,
                               const std::map<std::string, std::string>& env) {
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) throw std::runtime_error("pipe failed");
    pid_ = spawn(args, in[0], out[1], err[1], env);
    close(in[0]);
    // The documents splunkd sends are small: they fit in the pipe buffer.
    size_t done = 0;
    while (done < input.size()) {
        ssize_t n = write(in[1], input.data() + done, input.size() - done);
        if (n <= 0) break;
        done += static_cast<size_t>(n);
    }
    close(in[1]);
    close(out[1]);
    close(err[1]);
    out_fd_ = out[0];
    err_fd_ = err[0];
}

RunningProcess::~RunningProcess() {
    if (!exited_ && pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    if (out_fd_ >= 0) close(out_fd_);
    if (err_fd_ >= 0) close(err_fd_);
}

void RunningProcess::pump(int timeout_ms) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    poll(fds, 2, timeout_ms);
    char buf[65536];
    if (out_fd_ >= 0 && fds[0].revents) {
        ssize_t n = read(out_fd_, buf, sizeof buf);
        if (n > 0) out_.append(buf, n);
        else {
            close(out_fd_);
            out_fd_ = -1;
        }
    }
    if (err_fd_ >= 0 && fds[1].revents) {
        ssize_t n = read(err_fd_, buf, sizeof buf);
        if (n > 0) err_.append(buf, n);
        else {
            close(err_fd_);
            err_fd_ = -1;
        }
    }
}

bool RunningProcess::wait_for_output(const std::string& needle, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (out_.find(needle) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline || (out_fd_ < 0 && err_fd_ < 0)) return false;
        pump(100);
    }
    return true;
}

bool RunningProcess::wait_for_error(const std::string& needle, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (err_.find(needle) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline || (out_fd_ < 0 && err_fd_ < 0)) return false;
        pump(100);
    }
    return true;
}

bool RunningProcess::wait_exit(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (out_fd_ >= 0 || err_fd_ >= 0) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        pump(100);
    }
    while (true) {
        int status = 0;
        pid_t r = waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
            int sig = 0;
            exit_code_ = decode_status(status, sig);
            exited_ = true;
            return true;
        }
        if (std::chrono::steady_clock::now() > deadline) return false;
        poll(nullptr, 0, 20);
    }
}

void RunningProcess::signal(int sig) { kill(pid_, sig); }

std::string binary_path() { return EVENTGEN_BINARY; }

std::string emulator_prefix() {
    std::string e = emulator_for_wrappers();
    return e.empty() ? e : e + " ";
}
std::string data_dir() { return EVENTGEN_TEST_DATA; }

namespace {
// The folders make_temp_dir made, removed when the test program exits (by the process
// that made them, never by a forked child): runs write large outputs there, and a
// suite run left about a gigabyte behind in /tmp every time.
struct TempDirs {
    pid_t owner = getpid();
    std::mutex mu;
    std::vector<fs::path> dirs;
    ~TempDirs() {
        if (getpid() != owner) return;
        std::error_code ec;
        for (const auto& d : dirs) fs::remove_all(d, ec);
    }
};
TempDirs& temp_dirs() {
    static TempDirs t;
    return t;
}
}  // namespace

std::string make_temp_dir(const std::string& prefix) {
    std::random_device rd;
    fs::path p = fs::temp_directory_path() / (prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(p);
    TempDirs& t = temp_dirs();
    std::lock_guard<std::mutex> lock(t.mu);
    t.dirs.push_back(p);
    return p.string();
}

void copy_tree(const std::string& from, const std::string& to) {
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void write_file(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string line;
    while (std::getline(ss, line)) out.push_back(line);
    return out;
}

namespace {

// The fields of a /proc stat file after the command name (which may hold spaces and
// parentheses), the state letter first; "" when the process or thread is gone.
std::string stat_fields(const fs::path& stat_file) {
    std::ifstream stat(stat_file);
    std::string line;
    if (!std::getline(stat, line)) return "";
    size_t close = line.rfind(')');
    return close == std::string::npos || close + 2 >= line.size() ? "" : line.substr(close + 2);
}

}  // namespace

std::vector<pid_t> children_of(pid_t parent) {
    std::vector<pid_t> out;
    for (const auto& e : fs::directory_iterator("/proc")) {
        std::string name = e.path().filename();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
        char state = 0;
        int ppid = 0;
        if (sscanf(stat_fields(e.path() / "stat").c_str(), "%c %d", &state, &ppid) == 2 && ppid == parent)
            out.push_back(static_cast<pid_t>(std::stoi(name)));
    }
    return out;
}

char process_state(pid_t pid) {
    const std::string fields = stat_fields("/proc/" + std::to_string(pid) + "/stat");
    return fields.empty() ? 0 : fields[0];
}

std::vector<char> thread_states(pid_t pid) {
    std::vector<char> out;
    std::error_code ec;
    for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        const std::string fields = stat_fields(task.path() / "stat");
        if (!fields.empty()) out.push_back(fields[0]);
    }
    return out;
}

double cpu_seconds(pid_t pid) {
    std::istringstream fields(stat_fields("/proc/" + std::to_string(pid) + "/stat"));
    // After the state: ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
    // cmajflt, then utime and stime in clock ticks.
    std::string skip;
    for (int i = 0; i < 11; ++i) fields >> skip;
    long utime = 0, stime = 0;
    if (!(fields >> utime >> stime)) return -1;
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace eventgen::test
