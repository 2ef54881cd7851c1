#pragma once
// Runs the eventgen binary as a child process with real pipes, for end-to-end tests.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

// The app's architecture folder (linux_<arch>) of the binaries these tests run.
#ifndef EVENTGEN_TARGET_ARCH
#if defined(__aarch64__)
#define EVENTGEN_TARGET_ARCH "aarch64"
#else
#define EVENTGEN_TARGET_ARCH "x86_64"
#endif
#endif

namespace eventgen::test {

struct ProcessResult {
    int exit_code = -1;   // -1 when killed by a signal
    int signal = 0;
    bool timed_out = false;
    std::string out, err;
};

// Runs `args` (args[0] is the program), feeding `input` on stdin, and waits at most
// `timeout`. Extra environment variables are added to the current environment.
ProcessResult run_process(const std::vector<std::string>& args, const std::string& input = "",
                          std::chrono::milliseconds timeout = std::chrono::seconds(60),
                          const std::map<std::string, std::string>& env = {});

// A child whose stdout/stderr are read incrementally, for signal tests.
class RunningProcess {
public:
    // `input` is written to stdin, which is then closed; `env` is added to the environment.
    explicit RunningProcess(const std::vector<std::string>& args, const std::string& input = "",
                            const std::map<std::string, std::string>& env = {});
    ~RunningProcess();
    pid_t pid() const { return pid_; }
    // Reads stdout until `needle` appears or the timeout passes; true when found.
    bool wait_for_output(const std::string& needle, std::chrono::milliseconds timeout);
    // The same for stderr.
    bool wait_for_error(const std::string& needle, std::chrono::milliseconds timeout);
    // Waits for exit, reading the rest of the output; false on timeout.
    bool wait_exit(std::chrono::milliseconds timeout);
    void signal(int sig);
    const std::string& out() const { return out_; }
    const std::string& err() const { return err_; }
    int exit_code() const { return exit_code_; }

private:
    void pump(int timeout_ms);
    pid_t pid_ = -1;
    int out_fd_ = -1, err_fd_ = -1;
    std::string out_, err_;
    int exit_code_ = -1;
    bool exited_ = false;
};

std::string binary_path();
// What a shell command line puts before a target program: the emulator of a cross
// build ("/usr/bin/qemu-aarch64-static -L / "), else "".
std::string emulator_prefix();
std::string data_dir();
// A fresh empty directory under the system temp folder.
std::string make_temp_dir(const std::string& prefix);
// Copies a directory tree (test fixtures are copied so runs never write into tests/).
void copy_tree(const std::string& from, const std::string& to);
void write_file(const std::string& path, const std::string& text);
std::string read_text(const std::string& path);
std::vector<std::string> lines_of(const std::string& text);

// The child processes of `parent` (from /proc).
std::vector<pid_t> children_of(pid_t parent);
// 0 when the process is gone, else its /proc state letter.
char process_state(pid_t pid);
// The /proc state letter of each of its threads; empty when the process is gone.
std::vector<char> thread_states(pid_t pid);
// The CPU seconds it has used (user + system); -1 when it is gone.
double cpu_seconds(pid_t pid);

}  // namespace eventgen::test
