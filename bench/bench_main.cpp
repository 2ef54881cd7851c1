// Throughput benchmark: runs the eventgen binary on each config in bench/configs
// (output to a file, or stdout drained through a pipe), with 1 and 2 workers, several
// rounds, and reports the median events/s, MB/s, peak resident memory, the 2-worker /
// 1-worker ratio, and every MB/s as a share of the machine's limit measured in the
// same rounds: 1 MiB writes through a pipe into a reader (stdout configs) or into the
// page cache in the same temp folder (file configs).
//
// With --baseline OTHER the same rounds also run OTHER (for example main's binary),
// interleaved with the binary under test, so the two compare under the same load.
#include <fcntl.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr size_t kChunk = 1 << 20;  // 1 MiB: the size of eventgen's writes and of the reads here

struct Run {
    double seconds = 0;
    double cpu_seconds = 0;  // user + system of the process and its workers
    double reader_cpu_seconds = 0;  // this process draining the pipe (splunkd's part)
    unsigned long long events = 0, bytes = 0;
    bool piped = false;  // stdout through the pipe (else a file)
    long max_rss_kb = 0;
};

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU seconds (user + system) this process has used so far.
double own_cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

std::vector<char>& chunk() {
    static std::vector<char> buf = [] {
        std::vector<char> b(kChunk);
        for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<char>('a' + i % 26);
        return b;
    }();
    return buf;
}

// Drains `fd` with 1 MiB reads (as splunkd reads a modular input); returns the bytes.
unsigned long long drain(int fd) {
    static std::vector<char> buf(kChunk);
    unsigned long long total = 0;
    for (ssize_t n; (n = read(fd, buf.data(), buf.size())) > 0;) total += static_cast<unsigned long long>(n);
    return total;
}

// Pins the calling process (and what it forks later) to `cpu`; -1 leaves it alone.
void pin_to(int cpu) {
    if (cpu < 0) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

// The pipe limit: a child writes `bytes` in 1 MiB writes into a pipe (sized 1 MiB, as
// eventgen sizes its stdout pipe), this process reads it. Bytes per second. Writer and
// reader on cores `writer_cpu` and `reader_cpu`, or where the scheduler puts them (-1).
double pipe_limit(unsigned long long bytes, int writer_cpu = -1, int reader_cpu = -1) {
    int fds[2];
    if (pipe(fds) != 0) return 0;
    fcntl(fds[1], F_SETPIPE_SZ, static_cast<int>(kChunk));
    cpu_set_t saved;
    sched_getaffinity(0, sizeof saved, &saved);
    auto start = Clock::now();
    pid_t pid = fork();
    if (pid == 0) {
        pin_to(writer_cpu);
        close(fds[0]);
        const std::vector<char>& b = chunk();
        for (unsigned long long left = bytes; left > 0;) {
            size_t want = static_cast<size_t>(std::min<unsigned long long>(left, kChunk));
            ssize_t n = write(fds[1], b.data(), want);
            if (n <= 0) _exit(1);
            left -= static_cast<unsigned long long>(n);
        }
        _exit(0);
    }
    close(fds[1]);
    pin_to(reader_cpu);
    unsigned long long got = drain(fds[0]);
    sched_setaffinity(0, sizeof saved, &saved);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return static_cast<double>(got) / seconds_since(start);
}

// The file limit: `bytes` in 1 MiB appends into a new file in the temp folder (the
// page cache, like the file configs' output), closed, not synced. Bytes per second.
double file_limit(unsigned long long bytes) {
    std::string path = (fs::temp_directory_path() / "eventgen-bench-file-limit.bin").string();
    fs::remove(path);
    auto start = Clock::now();
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return 0;
    const std::vector<char>& b = chunk();
    unsigned long long done = 0;
    while (done < bytes) {
        ssize_t n = write(fd, b.data(), static_cast<size_t>(std::min<unsigned long long>(bytes - done, kChunk)));
        if (n <= 0) break;
        done += static_cast<unsigned long long>(n);
    }
    close(fd);
    double s = seconds_since(start);
    fs::remove(path);
    return static_cast<double>(done) / s;
}

Run run_once(const std::string& binary, const fs::path& conf, const std::vector<std::string>& extra) {
    std::string out = (fs::temp_directory_path() / ("eventgen-bench-" + conf.stem().string() + ".log")).string();
    std::string err_path = out + ".stderr";
    fs::remove(out);
    setenv("BENCH_OUT", out.c_str(), 1);
    std::vector<std::string> args = {binary, "generate", conf.string(), "--seed", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    // stdout goes through a pipe that this process drains, like splunkd reading a
    // modular input: configs writing to stdout are measured through it.
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return Run{};
    auto start = Clock::now();
    pid_t pid = fork();
    if (pid == 0) {
        FILE* e = freopen(err_path.c_str(), "w", stderr);
        (void)e;
        dup2(pipe_fds[1], 1);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    double reader_cpu_start = own_cpu_seconds();
    unsigned long long piped = drain(pipe_fds[0]);
    double reader_cpu = own_cpu_seconds() - reader_cpu_start;
    close(pipe_fds[0]);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    Run r;
    r.seconds = seconds_since(start);
    r.max_rss_kb = ru.ru_maxrss;
    r.reader_cpu_seconds = reader_cpu;
    r.cpu_seconds = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                    static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    std::ifstream in(err_path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::smatch m;
    std::string err = ss.str();
    if (std::regex_search(err, m, std::regex(R"(summary events=(\d+))"))) r.events = std::stoull(m[1]);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::cerr << "run failed for " << conf << ":\n" << err;
    std::error_code ec;
    r.piped = !fs::exists(out);
    r.bytes = r.piped ? piped : fs::file_size(out, ec);
    fs::remove(out);
    fs::remove(err_path);
    return r;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

std::vector<int> parse_workers(const std::string& text) {
    std::vector<int> w;
    std::stringstream ss(text);
    for (std::string item; std::getline(ss, item, ',');)
        if (int n = std::atoi(item.c_str()); n > 0) w.push_back(n);
    return w;
}

struct Key {
    std::string config;
    int binary;  // 0 = the binary under test, 1 = the baseline
    int workers;
    bool operator<(const Key& o) const {
        return std::tie(config, binary, workers) < std::tie(o.config, o.binary, o.workers);
    }
};

}  // namespace

int main(int argc, char** argv) {
    std::string binary = EVENTGEN_BINARY, baseline;
    int runs = 3;
    std::vector<std::string> extra;
    std::vector<int> workers = {1, 2};
    std::vector<std::string> only;
    unsigned long long limit_bytes = 1ULL << 30;
    bool placement = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--binary" && i + 1 < argc) binary = argv[++i];
        else if (a == "--baseline" && i + 1 < argc) baseline = argv[++i];
        else if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--only" && i + 1 < argc) {
            std::stringstream ss(argv[++i]);
            for (std::string item; std::getline(ss, item, ',');) only.push_back(item);
        } else if (a == "--workers" && i + 1 < argc) workers = parse_workers(argv[++i]);
        else if (a == "--pipe-placement") placement = true;
        else if (a == "--limit-mib" && i + 1 < argc) limit_bytes = std::strtoull(argv[++i], nullptr, 10) << 20;
        else if (a == "-h" || a == "--help") {
            std::puts("eventgen_bench [--only A,B] [--runs N] [--workers 1,2] [--binary PATH] [--baseline PATH]\n"
                      "               [--limit-mib MiB] [--pipe-placement] [eventgen generate args, e.g. --multiprocess]");
            return 0;
        } else extra.push_back(a);  // passed to eventgen, e.g. --multiprocess
    }
    if (workers.empty()) workers = {1};
    std::vector<fs::path> confs;
    for (const auto& e : fs::directory_iterator(fs::path(BENCH_DIR) / "configs"))
        if (e.path().extension() == ".conf" &&
            (only.empty() || std::find(only.begin(), only.end(), e.path().stem().string()) != only.end()))
            confs.push_back(e.path());
    std::sort(confs.begin(), confs.end());
    std::vector<std::string> binaries = {binary};
    if (!baseline.empty()) binaries.push_back(baseline);

    std::printf("load average at start: %s\n", load_average().c_str());
    // The pipe limit depends on where writer and reader run: on one core the copies stay
    // in its cache and run about twice as fast as across two, and left to itself the
    // scheduler picks either, depending on the other load. The limit is measured as
    // eventgen's pipe runs, unpinned; --pipe-placement also measures both placements
    // pinned, to explain its spread (pinned runs suffer more from other load: they
    // cannot move to the idler core).
    const bool two_cores = sysconf(_SC_NPROCESSORS_ONLN) >= 2;
    std::vector<double> pipe_rates, one_core_rates, two_core_rates, file_rates;
    std::map<Key, std::vector<Run>> results;
    for (int round = 0; round < runs; ++round) {
        // The limits in every round, next to the runs they are compared with.
        pipe_rates.push_back(pipe_limit(limit_bytes));
        if (placement) {
            one_core_rates.push_back(pipe_limit(limit_bytes, 0, 0));
            if (two_cores) two_core_rates.push_back(pipe_limit(limit_bytes, 0, 1));
        }
        // The first write after a pause can be several times slower on a virtual machine
        // (the host backs freed guest pages again on first touch); eventgen's runs follow
        // each other closely and write into warm memory, so the limit is the better of two
        // writes in a row.
        file_rates.push_back(std::max(file_limit(limit_bytes), file_limit(limit_bytes)));
        for (const auto& conf : confs)
            for (int w : workers)
                for (size_t k = 0; k < binaries.size(); ++k) {
                    // Alternate which binary goes first, so drift in the load hits both.
                    size_t b = round % 2 ? binaries.size() - 1 - k : k;
                    std::vector<std::string> args = extra;
                    args.insert(args.end(), {"--generators", std::to_string(w)});
                    results[{conf.stem().string(), static_cast<int>(b), w}].push_back(run_once(binaries[b], conf, args));
                }
    }
    const double pipe_mb = median(pipe_rates) / 1e6, file_mb = median(file_rates) / 1e6;
    std::printf("machine limits (median of %d, 1 MiB writes, %llu MiB each): pipe %.0f MB/s, file (page cache in %s) %.0f MB/s\n",
                runs, limit_bytes >> 20, pipe_mb, fs::temp_directory_path().c_str(), file_mb);
    if (placement)
        std::printf("pipe, writer and reader pinned (medians): on one core %.0f MB/s, on two cores %.0f MB/s\n",
                    median(one_core_rates) / 1e6, median(two_core_rates) / 1e6);
    auto [pipe_lo, pipe_hi] = std::minmax_element(pipe_rates.begin(), pipe_rates.end());
    auto [file_lo, file_hi] = std::minmax_element(file_rates.begin(), file_rates.end());
    std::printf("limits over the rounds: pipe %.0f to %.0f MB/s, file %.0f to %.0f MB/s\n", *pipe_lo / 1e6,
                *pipe_hi / 1e6, *file_lo / 1e6, *file_hi / 1e6);
    // "M ev/CPU s": events per CPU second of eventgen (user + system, all its threads and
    // workers), which a loaded machine disturbs far less than the wall-clock rate.
    // "reader CPU": the CPU this benchmark spent draining the pipe, as a share of the
    // run's wall time: on a small machine the reader (splunkd's part) competes with
    // eventgen for the same cores.
    std::printf("%-20s %-8s %7s %12s %12s %9s %14s %12s %9s %7s %12s %10s\n", "config", "binary", "workers", "events",
                "events/s", "MB/s", "share of limit", "peak RSS MB", "seconds", "vs 1 w", "M ev/CPU s",
                "reader CPU");
    // Peak RSS is the largest single process: with --multiprocess, the biggest worker or the parent.
    for (const auto& conf : confs)
        for (size_t b = 0; b < binaries.size(); ++b) {
            double one_worker_eps = 0;
            for (int w : workers) {
                std::vector<Run>& rs = results[{conf.stem().string(), static_cast<int>(b), w}];
                std::vector<double> eps, mbs, rss, secs, per_cpu, reader;
                for (const Run& r : rs) {
                    per_cpu.push_back(r.cpu_seconds > 0 ? r.events / r.cpu_seconds / 1e6 : 0);
                    eps.push_back(r.events / r.seconds);
                    mbs.push_back(r.bytes / r.seconds / 1e6);
                    rss.push_back(r.max_rss_kb / 1024.0);
                    secs.push_back(r.seconds);
                    reader.push_back(r.seconds > 0 ? 100 * r.reader_cpu_seconds / r.seconds : 0);
                }
                double e = median(eps), mb = median(mbs);
                if (w == 1) one_worker_eps = e;
                bool piped = !rs.empty() && rs.front().piped;
                char share[32], ratio[16] = "";
                if (mb > 0)
                    std::snprintf(share, sizeof share, "%.0f%% of %s", 100 * mb / (piped ? pipe_mb : file_mb),
                                  piped ? "pipe" : "file");
                else
                    std::snprintf(share, sizeof share, "-");  // nothing written (--devnull)
                if (w != 1 && one_worker_eps > 0) std::snprintf(ratio, sizeof ratio, "%.2fx", e / one_worker_eps);
                char reader_share[16] = "-";
                if (piped) std::snprintf(reader_share, sizeof reader_share, "%.0f%%", median(reader));
                std::printf("%-20s %-8s %7d %12llu %12.0f %9.1f %14s %12.1f %9.3f %7s %12.2f %10s\n",
                            conf.stem().c_str(), b == 0 ? "test" : "baseline", w, rs.empty() ? 0ULL : rs.front().events,
                            e, mb, share, median(rss), median(secs), ratio, median(per_cpu), reader_share);
            }
        }
    std::printf("load average at end: %s\n", load_average().c_str());
    return 0;
}
