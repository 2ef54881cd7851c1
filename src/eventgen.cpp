// eventgen: one executable for the standalone CLI, Splunk's modular input and the
// `| eventgen` search command. splunkd runs the input as `--scheme`,
// `--validate-arguments`, or with no arguments and the input configuration on stdin,
// and the search command as `search-command` (commands.conf command.arg.1).
#include <curl/curl.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/check_command.h"
#include "cli/cli_options.h"
#include "cli/generate_command.h"
#include "common/log.h"
#include "common/self_exe.h"
#include "common/strings.h"
#include "splunk/modinput_command.h"
#include "splunk/search_command.h"

namespace {

int run(const std::vector<std::string>& args) {
    if (args.size() == 1 && args[0] == "--scheme") return eventgen::run_scheme();
    if (args.size() == 1 && args[0] == "--validate-arguments") return eventgen::run_validate_arguments();
    // No arguments and a document on stdin: splunkd starting the input. No arguments
    // and nothing on stdin (</dev/null, an empty pipe): a person, who wants the usage.
    if (args.empty() && !isatty(STDIN_FILENO)) {
        std::string document = eventgen::read_input_document();
        if (!eventgen::trim(document).empty()) return eventgen::run_modular_input(document);
        std::cerr << "eventgen: no command, and no input configuration on stdin (splunkd sends one there)\n";
        std::cout << eventgen::usage_text();
        return 0;
    }
    if (!args.empty() && args[0] == "check")
        return eventgen::run_check_command(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "describe")
        return eventgen::run_describe_command(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "search-command")
        return eventgen::run_search_command(std::vector<std::string>(args.begin() + 1, args.end()));
    eventgen::CliCommand cmd = eventgen::parse_cli(args);
    switch (cmd.kind) {
        case eventgen::CliCommand::Kind::Help:
            std::cout << eventgen::usage_text();
            return 0;
        case eventgen::CliCommand::Kind::Version:
            std::cout << "eventgen " << EVENTGEN_VERSION << "\n";
            return 0;
        case eventgen::CliCommand::Kind::Error:
            std::cerr << "eventgen: " << cmd.error << "\n" << eventgen::usage_text();
            return 2;
        case eventgen::CliCommand::Kind::Generate:
            return eventgen::run_generate(cmd.generate);
    }
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    eventgen::use_built_in_name_resolution();
    // libcurl's global set-up is not thread-safe: do it before any thread exists.
    curl_global_init(CURL_GLOBAL_DEFAULT);
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception& e) {
        // Errors are handled where they arise; this only turns one that slipped
        // through (say, an unreadable app.conf) into a message instead of an abort.
        LOG_ERROR(e.what());
        return 1;
    }
}
