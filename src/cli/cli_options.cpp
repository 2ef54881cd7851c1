#include "cli/cli_options.h"

#include "common/strings.h"
#include "config/shard.h"
#include "time/relative_time.h"

namespace eventgen {

std::string usage_text() {
    return R"(Usage: eventgen generate CONFIG [options]
       eventgen check CONFIG [--json] [--strict] [-s SAMPLE]
       eventgen describe [--json]
       eventgen --help | --version

check loads and compiles every sample without generating and lists each problem
with file:line, stanza and key; exit 0 clean, 1 warnings only with --strict, 2 errors.
describe lists every output, generator, replacement type and setting (--json: one
JSON document).

Generates events from an Eventgen configuration. CONFIG is an eventgen.conf file,
an app folder (its default/ and local/eventgen.conf are read), or the name of an
app under $SPLUNK_HOME/etc/apps.

Options for generate:
  -s, --sample PATTERN    run only the samples it selects: a sample file or stanza
                          name, or a regex or glob over those names ('web.*', '*.csv')
  -c, --count N           events per interval (turns backfill off)
  -i, --interval SECONDS  seconds between intervals
  -b, --backfill TIME     generate from TIME (e.g. -1h) up to now first, with
                          progress lines on stderr every few seconds
  -e, --end N|TIME        stop after N intervals, or at TIME
      --devnull           discard events (for measuring)
      --modinput          write Splunk's modular input XML stream to stdout
      --keepoutput        keep each sample's outputMode (the default)
      --generators N      generator workers
      --multiprocess      run generator workers as processes
      --disableOutputQueue  let workers write outputs directly
      --seed N            seed every random choice: same config and seed, same events
      --now TIME          take TIME as the current time: an absolute time in UTC
                          (2026-01-01T00:00:00), an epoch, or a relative time (-1d);
                          the run's clock starts there and then moves with the wall
                          clock, so with --seed a run repeats byte for byte
      --metrics-interval S  log throughput and queue depths every S seconds
      --shard I/N         make only shard I of N (0 to N-1): the events whose sequence
                          number mod N is I; every count decision is the fleet's, so N
                          shards with the same --seed and --now make the unsharded run's
                          events. Overrides shard/shard_hosts of inputs.conf and [global]
      --reset-state       start integerid tokens from their configured values, not
                          from the state an earlier run saved (state.* files in the
                          sample folder)
  -v, --verbose           more log detail on stderr (repeatable)
  -q, --quiet             log errors only
  -h, --help              this text
      --version           print the version
)";
}

CliCommand parse_cli(const std::vector<std::string>& args) {
    CliCommand cmd;
    if (args.empty()) {
        cmd.kind = CliCommand::Kind::Help;
        return cmd;
    }
    auto fail = [&](const std::string& msg) {
        cmd.kind = CliCommand::Kind::Error;
        cmd.error = msg;
        return cmd;
    };
    size_t i = 0;
    // Global flags may come before the sub-command.
    while (i < args.size() && (args[i] == "-v" || args[i] == "--verbose" || args[i] == "-vv")) {
        cmd.generate.verbose += args[i] == "-vv" ? 2 : 1;
        ++i;
    }
    if (i >= args.size()) return cmd;
    if (args[i] == "--help" || args[i] == "-h" || args[i] == "help") {
        cmd.kind = CliCommand::Kind::Help;
        return cmd;
    }
    if (args[i] == "--version") {
        cmd.kind = CliCommand::Kind::Version;
        return cmd;
    }
    if (args[i] != "generate") return fail("unknown command '" + args[i] + "'");
    cmd.kind = CliCommand::Kind::Generate;
    GenerateOptions& o = cmd.generate;
    for (++i; i < args.size(); ++i) {
        std::string a = args[i];
        std::string inline_value;
        bool has_inline = false;
        if (starts_with(a, "--") && a.find('=') != std::string::npos) {
            inline_value = a.substr(a.find('=') + 1);
            a = a.substr(0, a.find('='));
            has_inline = true;
        }
        auto value = [&](std::string& into) -> bool {
            if (has_inline) {
                into = inline_value;
                return true;
            }
            if (i + 1 >= args.size()) return false;
            into = args[++i];
            return true;
        };
        std::string v;
        if (a == "-h" || a == "--help") {
            cmd.kind = CliCommand::Kind::Help;
            return cmd;
        } else if (a == "-v" || a == "--verbose" || a == "--verbosity") {
            ++o.verbose;
        } else if (a == "-vv") {
            o.verbose += 2;
        } else if (a == "-q" || a == "--quiet") {
            o.quiet = true;
        } else if (a == "-s" || a == "--sample") {
            if (!value(o.sample)) return fail(a + " needs a sample name");
        } else if (a == "--devnull") {
            o.output_mode = "devnull";
        } else if (a == "--modinput") {
            o.output_mode = "modinput";
        } else if (a == "--keepoutput") {
            o.output_mode.reset();
        } else if (a == "-c" || a == "--count") {
            if (!value(v) || !parse_int(v)) return fail(a + " needs a whole number");
            o.count = *parse_int(v);
        } else if (a == "-i" || a == "--interval") {
            if (!value(v) || !parse_double(v) || *parse_double(v) < 0) return fail(a + " needs a number of seconds");
            o.interval = *parse_double(v);
        } else if (a == "-b" || a == "--backfill") {
            if (!value(v)) return fail(a + " needs a time such as -1h");
            o.backfill = std::string(trim(v));
        } else if (a == "-e" || a == "--end") {
            if (!value(v)) return fail(a + " needs a number of intervals or a time");
            o.end = std::string(trim(v));
        } else if (a == "--generators") {
            if (!value(v) || !parse_int(v) || *parse_int(v) < 1) return fail(a + " needs a number of workers (1 or more)");
            o.generators = *parse_int(v);
        } else if (a == "--reset-state") {
            o.reset_state = true;
        } else if (a == "--multiprocess") {
            o.multiprocess = true;
        } else if (a == "--disableOutputQueue") {
            o.disable_output_queue = true;
        } else if (a == "--seed") {
            if (!value(v) || !parse_int(v)) return fail(a + " needs a whole number");
            o.seed = static_cast<unsigned long long>(*parse_int(v));
        } else if (a == "--now") {
            if (!value(v) || !is_time_setting(trim(v))) return fail(a + " needs a time such as 2026-01-01T00:00:00");
            o.now = std::string(trim(v));
        } else if (a == "--metrics-interval") {
            if (!value(v) || !parse_double(v) || *parse_double(v) < 0) return fail(a + " needs a number of seconds");
            o.metrics_interval = *parse_double(v);
        } else if (a == "--shard") {
            std::string why;
            if (!value(v)) return fail(a + " needs I/N (shard I of N, from 0)");
            if (!parse_shard(v, why)) return fail(a + ": " + why);
            o.shard = std::string(trim(v));
        } else if (a == "--outputters" || a == "--generator-queue-size") {
            if (!value(v)) return fail(a + " needs a value");  // accepted for compatibility; the writer is single
        } else if (a == "--profiler" || a == "--disable-logging" || a == "--counter-output") {
            // Python Eventgen flags with no meaning here; accepted so existing scripts run.
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            return fail("unknown option '" + a + "'");
        } else if (o.config_path.empty()) {
            o.config_path = a;
        } else {
            return fail("unexpected argument '" + a + "'");
        }
    }
    if (o.config_path.empty()) return fail("generate needs a configuration: eventgen.conf, an app folder or an app name");
    return cmd;
}

}  // namespace eventgen
