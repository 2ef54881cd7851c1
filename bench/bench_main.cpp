// Throughput benchmark: runs the eventgen binary on each config in bench/configs
// (output to a file), several times, and reports the median events/s, MB/s and the
// peak resident memory of the process.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

struct Run {
    double seconds = 0;
    unsigned long long events = 0, file_bytes = 0;
    long max_rss_kb = 0;
};

static Run run_once(const std::string& binary, const fs::path& conf, const std::vector<std::string>& extra) {
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
    auto start = std::chrono::steady_clock::now();
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
    unsigned long long piped = 0;
    static char buf[1 << 20];
    for (ssize_t n; (n = read(pipe_fds[0], buf, sizeof buf)) > 0;) piped += static_cast<unsigned long long>(n);
    close(pipe_fds[0]);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    Run r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.max_rss_kb = ru.ru_maxrss;
    std::ifstream in(err_path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::smatch m;
    std::string err = ss.str();
    if (std::regex_search(err, m, std::regex(R"(summary events=(\d+))"))) r.events = std::stoull(m[1]);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::cerr << "run failed for " << conf << ":\n" << err;
    std::error_code ec;
    r.file_bytes = fs::exists(out) ? fs::file_size(out, ec) : piped;
    fs::remove(out);
    fs::remove(err_path);
    return r;
}

int main(int argc, char** argv) {
    std::string binary = EVENTGEN_BINARY;
    int runs = 3;
    std::vector<std::string> extra;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--binary" && i + 1 < argc) binary = argv[++i];
        else if (a == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
        else if (a == "--only" && i + 1 < argc) only = argv[++i];
        else extra.push_back(a);  // passed to eventgen, e.g. --generators 2
    }
    std::vector<fs::path> confs;
    for (const auto& e : fs::directory_iterator(fs::path(BENCH_DIR) / "configs"))
        if (e.path().extension() == ".conf" && (only.empty() || e.path().stem() == only)) confs.push_back(e.path());
    std::sort(confs.begin(), confs.end());
    std::printf("%-20s %12s %14s %10s %12s %10s\n", "config", "events", "events/s", "MB/s", "peak RSS MB", "seconds");
    // Peak RSS is the largest single process: with --multiprocess, the biggest worker or the parent.
    for (const auto& conf : confs) {
        std::vector<Run> rs;
        for (int i = 0; i < runs; ++i) rs.push_back(run_once(binary, conf, extra));
        std::sort(rs.begin(), rs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
        const Run& r = rs[rs.size() / 2];
        std::printf("%-20s %12llu %14.0f %10.1f %12.1f %10.3f\n", conf.stem().c_str(), r.events, r.events / r.seconds,
                    r.file_bytes / r.seconds / 1e6, r.max_rss_kb / 1024.0, r.seconds);
    }
    return 0;
}
