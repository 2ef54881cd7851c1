#pragma once
// A child process whose stdin and stdout stay open as pipes, for request/response
// protocols (the chunked search command protocol): write, read a line, read N bytes,
// each read bounded by a deadline. stderr is collected on the side.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace eventgen::test {

class PipedChild {
public:
    using Deadline = std::chrono::steady_clock::time_point;
    // Starts argv[0] (a path) in `cwd` with `env` added to this process's environment.
    PipedChild(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
               const std::string& cwd);
    ~PipedChild();
    PipedChild(const PipedChild&) = delete;
    PipedChild& operator=(const PipedChild&) = delete;

    // False when the child no longer reads its input.
    bool write_all(const std::string& data);
    void close_input();
    // Reads until `want` bytes are buffered; false at the end of the output or the deadline.
    bool read_until(size_t want, Deadline deadline, bool& timed_out);
    // One line with its newline (or `max` bytes without one); false (with what came)
    // at the end of the output or the deadline.
    bool read_line(std::string& line, size_t max, Deadline deadline, bool& timed_out);
    // Takes `n` buffered bytes.
    std::string take(size_t n);
    // Waits for the exit until the deadline (then kills it); the exit status, or -1 when
    // killed. `trailing_output` gets what it wrote that nobody read.
    int wait(Deadline deadline, bool& timed_out, std::string& trailing_output);
    const std::string& err() const { return err_buf_; }

private:
    // Waits for output until the deadline; false at the end of stdout or the deadline.
    bool pump(Deadline deadline, bool& timed_out);
    pid_t pid_ = -1;
    int in_ = -1, out_ = -1, err_ = -1;
    bool out_open_ = true, err_open_ = true, reaped_ = false;
    std::string out_buf_, err_buf_;
};

}  // namespace eventgen::test
