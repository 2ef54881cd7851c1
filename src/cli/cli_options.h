#pragma once
// The `eventgen` command line, mirroring Python Eventgen's `generate` flags.
#include <optional>
#include <string>
#include <vector>

namespace eventgen {

struct GenerateOptions {
    std::string config_path;             // eventgen.conf, an app folder, or an app name
    std::string sample;                  // -s/--sample
    std::optional<std::string> output_mode;  // --devnull / --modinput (--keepoutput keeps the sample's)
    std::optional<long long> count;      // -c/--count
    std::optional<double> interval;      // -i/--interval
    std::optional<std::string> backfill; // -b/--backfill
    std::optional<std::string> end;      // -e/--end
    std::optional<long long> generators; // --generators
    bool multiprocess = false;           // --multiprocess
    bool disable_output_queue = false;   // --disableOutputQueue
    std::optional<unsigned long long> seed;  // --seed
    std::optional<std::string> now;      // --now TIME: the run's clock starts at TIME
    std::optional<double> metrics_interval; // --metrics-interval SECONDS
    int verbose = 0;                     // -v (repeatable)
    bool quiet = false;                  // -q: errors only
    bool reset_state = false;            // --reset-state: integerid tokens start from their configured values
    std::optional<std::string> shard;    // --shard I/N (checked when parsed)
};

struct CliCommand {
    enum class Kind { Generate, Help, Version, Error } kind = Kind::Help;
    GenerateOptions generate;
    std::string error;
};

CliCommand parse_cli(const std::vector<std::string>& args);
std::string usage_text();

}  // namespace eventgen
