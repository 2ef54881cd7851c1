#include "piped_child.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

namespace eventgen::test {

PipedChild::PipedChild(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                       const std::string& cwd) {
    // Everything the child needs is built before fork(): after it, only
    // async-signal-safe calls (the test program may have threads).
    std::map<std::string, std::string> all;
    for (char** e = environ; *e; ++e) {
        std::string kv = *e;
        size_t eq = kv.find('=');
        if (eq != std::string::npos) all[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : env) all[k] = v;
    std::vector<std::string> env_text, argv_copy = argv;
    for (const auto& [k, v] : all) env_text.push_back(k + "=" + v);
    std::vector<char*> envp, args;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    for (auto& a : argv_copy) args.push_back(a.data());
    args.push_back(nullptr);
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        if (chdir(cwd.c_str()) != 0) _exit(126);
        signal(SIGPIPE, SIG_DFL);
        execve(args[0], args.data(), envp.data());
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    in_ = in[1];
    out_ = out[0];
    err_ = err[0];
    fcntl(out_, F_SETFL, O_NONBLOCK);
    fcntl(err_, F_SETFL, O_NONBLOCK);
}

PipedChild::~PipedChild() {
    if (pid_ > 0 && !reaped_) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    close_input();
    close(out_);
    close(err_);
}

bool PipedChild::write_all(const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
        ssize_t n = write(in_, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

void PipedChild::close_input() {
    if (in_ >= 0) close(in_);
    in_ = -1;
}

bool PipedChild::read_until(size_t want, Deadline deadline, bool& timed_out) {
    while (out_buf_.size() < want)
        if (!pump(deadline, timed_out)) return false;
    return true;
}

bool PipedChild::read_line(std::string& line, size_t max, Deadline deadline, bool& timed_out) {
    while (true) {
        size_t nl = out_buf_.find('\n');
        if (nl != std::string::npos) {
            line = take(nl + 1);
            return true;
        }
        if (out_buf_.size() > max) {
            line = out_buf_.substr(0, max);
            return true;
        }
        if (!pump(deadline, timed_out)) {
            line = out_buf_;
            return false;
        }
    }
}

std::string PipedChild::take(size_t n) {
    std::string s = out_buf_.substr(0, n);
    out_buf_.erase(0, n);
    return s;
}

int PipedChild::wait(Deadline deadline, bool& timed_out, std::string& trailing_output) {
    int status = 0;
    while (true) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) break;
        if (std::chrono::steady_clock::now() >= deadline) {
            timed_out = true;
            kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
            break;
        }
        // Keeps reading (a child blocked on a full pipe would never exit) and paces the loop.
        bool ignored = false;
        pump(std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(20)), ignored);
    }
    reaped_ = true;
    bool ignored = false;
    while (out_open_ || err_open_)
        if (!pump(std::chrono::steady_clock::now() + std::chrono::milliseconds(200), ignored) && ignored) break;
    trailing_output = out_buf_;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool PipedChild::pump(Deadline deadline, bool& timed_out) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
        timed_out = true;
        return false;
    }
    // A closed pipe is left out of poll (negative fds are ignored), so poll still waits.
    pollfd p[2] = {{out_open_ ? out_ : -1, POLLIN, 0}, {err_open_ ? err_ : -1, POLLIN, 0}};
    int n = poll(p, 2, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) return true;
    if (n == 0) {
        timed_out = true;
        return false;
    }
    char buf[65536];
    if (p[1].revents) {
        ssize_t k = read(err_, buf, sizeof buf);
        if (k > 0) err_buf_.append(buf, static_cast<size_t>(k));
        else if (k == 0 || errno != EAGAIN) err_open_ = false;
    }
    if (p[0].revents) {
        ssize_t k = read(out_, buf, sizeof buf);
        if (k > 0) out_buf_.append(buf, static_cast<size_t>(k));
        else if (k == 0 || errno != EAGAIN) out_open_ = false;
    }
    return out_open_;
}

}  // namespace eventgen::test
