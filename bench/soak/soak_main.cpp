// eventgen_soak: runs the release binary on a mixed configuration for N minutes and
// reports memory, descriptors and events lost or doubled per output. Not a test
// (see bench/README.md): it is the long run behind issue 18's "nothing lost, nothing
// doubled, nothing hangs".
//
// The mix: a file written directly by every worker with rotation, HEC (in-process
// server) with busy windows and dropped answers, plain lines on stdout drained
// through a pipe, and a devnull sample; worker processes, one killed with SIGKILL
// every --kill-every seconds; SIGTERM at the end. Every event carries a unique
// integerid per sample, so lost = summary-delivered ids that never arrived,
// doubled = ids that arrived twice beyond what the summary reports as `resent`.
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "hec_server.h"
#include "process.h"

namespace fs = std::filesystem;
using namespace eventgen::test;
using Clock = std::chrono::steady_clock;

namespace {

const char* kToken = "11111111-2222-3333-4444-555555555555";

// Ids per prefix ("file", "hec", "out") found in `text`: "<prefix> id=N ...".
void count_ids(const std::string& text, std::map<long, int>& counts, long& torn) {
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) {
            ++torn;  // a last line without its newline
            break;
        }
        size_t p = text.find("id=", pos);
        if (p != std::string::npos && p < end)
            counts[std::strtol(text.c_str() + p + 3, nullptr, 10)]++;
        else
            ++torn;
        pos = end + 1;
    }
}

long rss_kb(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    return 0;
}

long fd_count(pid_t pid) {
    long n = 0;
    std::error_code ec;
    for (auto it = fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec); !ec && it != fs::directory_iterator();
         it.increment(ec))
        ++n;
    return n;
}

// "summary events=N ... resent=R ... scope=sample sample=NAME"
struct SampleSummary {
    long events = -1, failed = -1, resent = -1;
};
long field(const std::string& line, const std::string& key) {
    size_t p = line.find(" " + key + "=");
    return p == std::string::npos ? -1 : std::strtol(line.c_str() + p + key.size() + 2, nullptr, 10);
}
std::map<std::string, SampleSummary> sample_summaries(const std::string& log) {
    std::map<std::string, SampleSummary> out;
    std::istringstream in(log);
    std::string line;
    while (std::getline(in, line)) {
        size_t s = line.find("summary events=");
        size_t n = line.find("scope=sample sample=");
        if (s == std::string::npos || n == std::string::npos) continue;
        std::string name = line.substr(n + 20);
        name = name.substr(0, name.find(' '));
        std::string body = " " + line.substr(s + 8);
        out[name] = SampleSummary{field(body, "events"), field(body, "failed"), field(body, "resent")};
    }
    return out;
}

struct Verdict {
    long delivered = 0, distinct = 0, lost = 0, duplicates = 0, resent = 0, unexplained = 0, torn = 0, failed = 0;
};

Verdict judge(const std::map<long, int>& counts, long torn, const SampleSummary& s) {
    Verdict v;
    v.delivered = s.events;
    v.failed = s.failed;
    v.resent = s.resent;
    v.torn = torn;
    for (const auto& [id, n] : counts) {
        ++v.distinct;
        v.duplicates += n - 1;
    }
    v.lost = std::max(0L, v.delivered - v.distinct);
    v.unexplained = std::max(0L, v.duplicates - v.resent);
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    double minutes = 10;
    int generators = 2, kill_every = 60;
    std::string binary = EVENTGEN_BINARY;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--minutes") minutes = std::atof(next().c_str());
        else if (a == "--generators") generators = std::atoi(next().c_str());
        else if (a == "--kill-every") kill_every = std::atoi(next().c_str());
        else if (a == "--binary") binary = next();
        else {
            std::cerr << "usage: eventgen_soak [--minutes N] [--generators N] [--kill-every SECONDS (0: never)] "
                         "[--binary PATH]\n";
            return 2;
        }
    }

    HecServerOptions ho;
    HecToken t;
    t.token = kToken;
    ho.tokens.push_back(t);
    HecServer hec(ho);
    // A busy HEC: 503 for 1 s of every 20 s, 429 for 0.5 s of every 45 s, and a few
    // answers dropped after indexing (the client must resend, counted `resent`).
    hec.status_windows(HecFault::busy, std::chrono::seconds(20), std::chrono::seconds(1));
    hec.status_windows(HecFault::throttled, std::chrono::seconds(45), std::chrono::milliseconds(500));
    hec.inject(HecFault::close_after_index, 5);

    std::string dir = (fs::temp_directory_path() / ("eg-soak-" + std::to_string(getpid()))).string();
    fs::create_directories(dir + "/default");
    fs::create_directories(dir + "/samples");
    write_file(dir + "/samples/file.log", "file id=@@id seq=@@seq ts=@@ts\n");
    write_file(dir + "/samples/hec.log", "hec id=@@id seq=@@seq ts=@@ts\n");
    write_file(dir + "/samples/out.log", "out id=@@id seq=@@seq ts=@@ts\n");
    write_file(dir + "/samples/null.log", "null id=@@id seq=@@seq user=@@user ts=@@ts\n");
    std::string tokens =
        "token.0.token = @@id\ntoken.0.replacementType = integerid\ntoken.0.replacement = 0\n"
        "token.1.token = @@seq\ntoken.1.replacementType = random\ntoken.1.replacement = integer[0:999999]\n"
        "token.2.token = @@ts\ntoken.2.replacementType = timestamp\ntoken.2.replacement = %Y-%m-%dT%H:%M:%S.%f\n";
    std::string out_file = dir + "/file-out.log";
    std::string servers = "{\"servers\": [{\"protocol\": \"http\", \"address\": \"127.0.0.1\", \"port\": \"" +
                          std::to_string(hec.port()) + "\", \"key\": \"" + kToken + "\"}]}";
    write_file(dir + "/default/eventgen.conf",
               "[global]\ngeneratorWorkers = " + std::to_string(generators) + "\nthreading = process\n\n"
               "[file.log]\noutputMode = file\nfileName = " + out_file +
               "\nfileMaxBytes = 20000000\nfileBackupFiles = 10000\ncount = 3000\ninterval = 1\nend = -1\n" + tokens +
               "\n[hec.log]\noutputMode = httpevent\nhttpeventServers = " + servers +
               "\nhttpeventMaxPayloadSize = 50000\nhttpeventRetrySeconds = 60\ncount = 300\ninterval = 1\nend = -1\n" +
               tokens + "\n[out.log]\noutputMode = stdout\ncount = 1000\ninterval = 1\nend = -1\n" + tokens +
               "\n[null.log]\noutputMode = devnull\ncount = 5000\ninterval = 1\nend = -1\n" + tokens +
               "token.3.token = @@user\ntoken.3.replacementType = random\ntoken.3.replacement = hex(8)\n");

    int out_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0) return 1;
    std::string err_path = dir + "/stderr.log";
    std::vector<char*> args;
    std::vector<std::string> strs = {binary, "generate", dir, "--metrics-interval", "60"};
    for (auto& s : strs) args.push_back(s.data());
    args.push_back(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
        int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(out_pipe[1], 1);
        dup2(err, 2);
        execv(args[0], args.data());
        _exit(127);
    }
    ::close(out_pipe[1]);
    std::map<long, int> out_ids;
    long out_torn = 0;
    std::thread drain([&] {
        std::string buf, chunk(1 << 16, '\0');
        while (true) {
            ssize_t n = ::read(out_pipe[0], chunk.data(), chunk.size());
            if (n <= 0) break;
            buf.append(chunk.data(), static_cast<size_t>(n));
            size_t last = buf.rfind('\n');
            if (last == std::string::npos) continue;
            count_ids(buf.substr(0, last + 1), out_ids, out_torn);
            buf.erase(0, last + 1);
        }
        if (!buf.empty()) ++out_torn;
    });

    auto start = Clock::now();
    auto end = start + std::chrono::milliseconds(static_cast<long>(minutes * 60000));
    auto next_kill = start + std::chrono::seconds(kill_every > 0 ? kill_every : 1 << 30);
    long rss_first = -1, rss_last = 0, rss_max = 0, fd_first = -1, fd_last = 0, fd_max = 0;
    int kills = 0;
    std::mt19937 rng(12345);
    std::printf("soak: %.1f min, %d worker processes, kill -9 every %d s, dir %s\n", minutes, generators, kill_every,
                dir.c_str());
    while (Clock::now() < end) {
        std::this_thread::sleep_for(std::chrono::seconds(1));  // the soak's own sampling period
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            std::printf("soak: eventgen exited early\n");
            pid = -1;
            break;
        }
        auto kids = children_of(pid);
        long rss = rss_kb(pid), fds = fd_count(pid);
        for (pid_t k : kids) rss += rss_kb(k);
        double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        // Memory and descriptors after a 30 s warm-up, so start-up growth is not a trend.
        if (elapsed >= 30) {
            if (rss_first < 0) {
                rss_first = rss;
                fd_first = fds;
            }
            rss_last = rss;
            fd_last = fds;
            rss_max = std::max(rss_max, rss);
            fd_max = std::max(fd_max, fds);
        }
        if (Clock::now() >= next_kill && !kids.empty()) {
            pid_t victim = kids[rng() % kids.size()];
            ::kill(victim, SIGKILL);
            ++kills;
            next_kill += std::chrono::seconds(kill_every);
        }
        if (static_cast<long>(elapsed) % 60 == 0)
            std::printf("soak: t=%4.0fs rss=%ld kB (parent+%zu workers) fds=%ld kills=%d hec_events=%llu\n", elapsed,
                        rss, kids.size(), fds, kills, static_cast<unsigned long long>(hec.event_count()));
        std::fflush(stdout);
    }
    int code = -1;
    if (pid > 0) {
        ::kill(pid, SIGTERM);
        auto t0 = Clock::now();
        int status = 0;
        while (waitpid(pid, &status, WNOHANG) != pid) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::printf("soak: stopped %.2f s after SIGTERM, exit status %d\n",
                    std::chrono::duration<double>(Clock::now() - t0).count(), code);
    }
    drain.join();
    ::close(out_pipe[0]);

    std::string log = read_text(err_path);
    auto summaries = sample_summaries(log);
    std::map<long, int> file_ids, hec_ids;
    long file_torn = 0, hec_torn = 0;
    count_ids(read_text(out_file), file_ids, file_torn);
    for (int k = 1; fs::exists(out_file + "." + std::to_string(k)); ++k)
        count_ids(read_text(out_file + "." + std::to_string(k)), file_ids, file_torn);
    std::string hec_text;
    for (const auto& e : hec.events()) hec_text += e.event + "\n";
    count_ids(hec_text, hec_ids, hec_torn);

    bool ok = code == 143 || code == 0;
    std::printf("\n%-8s %10s %10s %8s %10s %8s %11s %6s %8s\n", "output", "delivered", "distinct", "lost", "duplicates",
                "resent", "unexplained", "torn", "failed");
    for (auto [name, ids, torn] : {std::tuple{"file.log", &file_ids, file_torn}, std::tuple{"hec.log", &hec_ids, hec_torn},
                                   std::tuple{"out.log", &out_ids, out_torn}}) {
        Verdict v = judge(*ids, torn, summaries[name]);
        std::printf("%-8s %10ld %10ld %8ld %10ld %8ld %11ld %6ld %8ld\n", name, v.delivered, v.distinct, v.lost,
                    v.duplicates, v.resent, v.unexplained, v.torn, v.failed);
        ok = ok && v.delivered >= 0 && v.lost == 0 && v.unexplained == 0 && v.torn == 0 && v.failed == 0;
    }
    std::printf("null.log delivered %ld (devnull)\n", summaries["null.log"].events);
    std::printf("rss (parent+workers, after 30 s): first %ld kB, last %ld kB, max %ld kB\n", rss_first, rss_last,
                rss_max);
    std::printf("descriptors (parent): first %ld, last %ld, max %ld\n", fd_first, fd_last, fd_max);
    long restarts = -1;
    {
        std::istringstream in(log);
        std::string line;
        while (std::getline(in, line))
            if (line.find("summary events=") != std::string::npos && line.find("scope=run") != std::string::npos)
                restarts = field(line, "worker_restarts");
    }
    std::printf("worker kills: %d; worker_restarts in the summary: %ld\n", kills, restarts);
    std::printf("verdict: %s\n", ok ? "PASS (0 lost, 0 unexplained doubles)" : "FAIL");
    std::error_code ec;
    if (ok) fs::remove_all(dir, ec);
    else std::printf("kept %s for inspection\n", dir.c_str());
    return ok ? 0 : 1;
}
