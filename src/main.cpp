// eventgen: one executable for the standalone CLI and (later) Splunk's modular input.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli_options.h"
#include "cli/generate_command.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
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
