// Golden output of every benchmark config (bench/configs/*.conf, found at run time, so a
// config added later is covered): the real binary, seeded (--seed 1) and started at a
// fixed time (--now), must write exactly the bytes recorded in
// tests/data/golden/bench-configs.txt (SHA-256, byte and line counts, events), and
// 2 worker threads and 2 worker processes must write the same events as one worker
// (the same lines as a multiset: their interleaving is free). This guards the
// performance work: any change to an output byte fails here.
//
// Regenerate on purpose (after a change that is meant to change output):
//   scripts/update-golden.sh [build]
// which runs this test with EVENTGEN_UPDATE_GOLDEN=1: it rewrites the file instead.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "process.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

namespace {

const std::string kBenchDir = EVENTGEN_SOURCE_DIR "/bench";
const std::string kGoldenFile = EVENTGEN_SOURCE_DIR "/tests/data/golden/bench-configs.txt";
const char* kNow = "2026-01-01T12:00:00";  // UTC; output times also in UTC (TZ below)
const long long kDefaultCount = 60000;     // above auto_split_events, so 2 workers split an interval

struct Golden {
    unsigned long long events = 0, bytes = 0, lines = 0;
    std::string sha256;
    bool operator==(const Golden&) const = default;
};

std::string describe(const Golden& g) {
    return std::to_string(g.events) + " " + std::to_string(g.bytes) + " " + std::to_string(g.lines) + " " + g.sha256;
}

std::string sha256_hex(const std::string& data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

std::vector<std::string> bench_configs() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(kBenchDir + "/configs"))
        if (e.path().extension() == ".conf") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

// A config may ask for another count in a comment line "# golden-count: N" (jinja's
// count is renders of 100,000 events each, not events).
long long golden_count(const std::string& conf_text) {
    std::istringstream in(conf_text);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("# golden-count:", 0) == 0) return std::stoll(line.substr(15));
    return kDefaultCount;
}

struct RunOutput {
    std::string bytes;
    unsigned long long events = 0;
};

// Runs one config in a copy of bench/ (runs may write state next to their samples).
RunOutput run_config(const std::string& name, const std::vector<std::string>& workers_args) {
    std::string dir = make_temp_dir("eg-golden");
    copy_tree(kBenchDir + "/configs", dir + "/configs");
    copy_tree(kBenchDir + "/samples", dir + "/samples");
    std::string conf = dir + "/configs/" + name + ".conf";
    std::string out = dir + "/out.log";
    std::vector<std::string> args = {binary_path(), "generate", conf, "--seed", "1", "--now", kNow,
                                     "--count", std::to_string(golden_count(read_text(conf)))};
    args.insert(args.end(), workers_args.begin(), workers_args.end());
    ProcessResult r = run_process(args, "", std::chrono::seconds(120), {{"BENCH_OUT", out}, {"TZ", "UTC"}});
    RunOutput o;
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    // Configs write to ${BENCH_OUT} or to stdout.
    o.bytes = fs::exists(out) ? read_text(out) : r.out;
    size_t p = r.err.find(" summary events=");
    if (p != std::string::npos) o.events = std::stoull(r.err.substr(p + 16));
    fs::remove_all(dir);
    return o;
}

Golden golden_of(const RunOutput& o) {
    Golden g;
    g.events = o.events;
    g.bytes = o.bytes.size();
    g.lines = static_cast<unsigned long long>(std::count(o.bytes.begin(), o.bytes.end(), '\n'));
    g.sha256 = sha256_hex(o.bytes);
    return g;
}

// name -> golden figures; lines "name events bytes lines sha256", '#' comments.
std::map<std::string, Golden> read_golden() {
    std::map<std::string, Golden> m;
    std::ifstream in(kGoldenFile);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string name;
        Golden g;
        fields >> name >> g.events >> g.bytes >> g.lines >> g.sha256;
        m[name] = g;
    }
    return m;
}

void write_golden(const std::map<std::string, Golden>& m) {
    fs::create_directories(fs::path(kGoldenFile).parent_path());
    std::ofstream out(kGoldenFile);
    out << "# Golden output of bench/configs, checked by tests/e2e/test_golden.cpp: one worker,\n"
           "# --seed 1 --now " << kNow << " (UTC), --count " << kDefaultCount << " unless the config says\n"
           "# \"# golden-count: N\". Regenerate on purpose with scripts/update-golden.sh.\n"
           "# config events bytes lines sha256\n";
    for (const auto& [name, g] : m) out << name << " " << describe(g) << "\n";
}

std::vector<std::string> sorted_lines(const std::string& text) {
    std::vector<std::string> lines = lines_of(text);
    std::sort(lines.begin(), lines.end());
    return lines;
}

}  // namespace

TEST(GoldenOutput, EveryBenchConfigWritesItsRecordedBytes) {
    const bool update = std::getenv("EVENTGEN_UPDATE_GOLDEN") != nullptr;
    std::map<std::string, Golden> expected = read_golden(), actual;
    std::vector<std::string> names = bench_configs();
    ASSERT_FALSE(names.empty()) << "no config in " << kBenchDir << "/configs";
    for (const auto& name : names) {
        SCOPED_TRACE(name);
        RunOutput o = run_config(name, {"--generators", "1"});
        ASSERT_GT(o.events, 0u) << name << " generated nothing";
        ASSERT_GT(o.bytes.size(), 0u) << name << " wrote nothing";
        actual[name] = golden_of(o);
        // Twice the same: the run itself is deterministic.
        EXPECT_EQ(golden_of(run_config(name, {"--generators", "1"})), actual[name]) << name << " does not repeat";
        if (update) continue;
        auto it = expected.find(name);
        if (it == expected.end()) {
            ADD_FAILURE() << "bench/configs/" << name << ".conf has no golden output yet: run scripts/update-golden.sh "
                          << "and commit tests/data/golden/bench-configs.txt (got " << describe(actual[name]) << ")";
            continue;
        }
        EXPECT_EQ(describe(actual[name]), describe(it->second))
            << name << ": output changed (events bytes lines sha256); if that is intended, run scripts/update-golden.sh";
    }
    if (update) {
        write_golden(actual);
        std::cout << "wrote " << kGoldenFile << "\n";
        return;
    }
    for (const auto& [name, g] : expected)
        EXPECT_TRUE(std::find(names.begin(), names.end(), name) != names.end())
            << kGoldenFile << " lists " << name << ", which bench/configs no longer has";
}

TEST(GoldenOutput, TwoWorkersWriteTheSameEventsAsOne) {
    for (const auto& name : bench_configs()) {
        SCOPED_TRACE(name);
        RunOutput one = run_config(name, {"--generators", "1"});
        std::vector<std::string> reference = sorted_lines(one.bytes);
        ASSERT_FALSE(reference.empty()) << name;
        for (bool processes : {false, true}) {
            std::vector<std::string> args = {"--generators", "2"};
            if (processes) args.push_back("--multiprocess");
            RunOutput two = run_config(name, args);
            EXPECT_EQ(two.events, one.events) << name << (processes ? " (2 processes)" : " (2 threads)");
            EXPECT_EQ(two.bytes.size(), one.bytes.size()) << name << (processes ? " (2 processes)" : " (2 threads)");
            EXPECT_TRUE(sorted_lines(two.bytes) == reference)
                << name << (processes ? " (2 processes)" : " (2 threads)") << ": other events than one worker's";
        }
    }
}
