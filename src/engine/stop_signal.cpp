#include "engine/stop_signal.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>

namespace eventgen {

namespace {
StopSignal* g_signal_target = nullptr;

}  // namespace

StopSignal::StopSignal() {
    if (::pipe2(pipe_, O_CLOEXEC | O_NONBLOCK) != 0) pipe_[0] = pipe_[1] = -1;
}

StopSignal::~StopSignal() {
    if (g_signal_target == this) g_signal_target = nullptr;
    if (pipe_[0] >= 0) ::close(pipe_[0]);
    if (pipe_[1] >= 0) ::close(pipe_[1]);
}

void StopSignal::request_stop() {
    stop_.store(true, std::memory_order_release);
    if (pipe_[1] >= 0) {
        char b = 1;
        ssize_t r = ::write(pipe_[1], &b, 1);
        (void)r;
    }
}

bool StopSignal::wait_for(int64_t timeout_us) const {
    if (stop_requested()) return true;
    if (timeout_us <= 0) return stop_requested();
    pollfd p{pipe_[0], POLLIN, 0};
    int ms = static_cast<int>(std::min<int64_t>((timeout_us + 999) / 1000, 1000 * 1000));
    // Without the wake-up pipe (pipe2 failed), look at the flag at least every 100 ms.
    if (pipe_[0] < 0) ms = std::min(ms, 100);
    ::poll(pipe_[0] >= 0 ? &p : nullptr, pipe_[0] >= 0 ? 1 : 0, ms);
    return stop_requested();
}

void StopSignal::install_signal_handlers() {
    g_signal_target = this;
    struct sigaction sa {};
    sa.sa_handler = [](int sig) {
        if (g_signal_target) {
            g_signal_target->last_signal_.store(sig);
            g_signal_target->request_stop();
        }
    };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    // SIGHUP (the terminal or the session went away) ends the run like SIGTERM: flushed,
    // summarised, instead of killed on the spot.
    sigaction(SIGHUP, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);
    // Past a file size limit (ulimit -f) write() then fails with EFBIG, which the file
    // output reports, instead of the process being killed mid-write.
    signal(SIGXFSZ, SIG_IGN);
}

}  // namespace eventgen
