#include "cli/check_command.h"

#include <iostream>

#include "check/config_check.h"
#include "cli/describe_command.h"

namespace eventgen {

int run_check_command(const std::vector<std::string>& args) {
    bool json = false, strict = false;
    std::string config, sample;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--json") json = true;
        else if (a == "--strict") strict = true;
        else if ((a == "-s" || a == "--sample") && i + 1 < args.size()) sample = args[++i];
        else if (!a.empty() && a[0] == '-') {
            std::cerr << "eventgen check: unknown option '" << a << "'\n";
            return 2;
        } else if (config.empty()) config = a;
        else {
            std::cerr << "eventgen check: unexpected argument '" << a << "'\n";
            return 2;
        }
    }
    if (config.empty()) {
        std::cerr << "eventgen check: needs a configuration: eventgen.conf, an app folder or an app name\n";
        return 2;
    }
    CheckReport report = check_path(config, CheckOptions{sample, nullptr});
    if (json) {
        std::cout << check_report_json(report, config, strict) << "\n";
    } else {
        for (const Finding& f : report.findings) std::cout << f.describe() << "\n";
        std::cout << report.samples.size() << " sample(s) checked: " << report.errors() << " error(s), "
                  << report.warnings() << " warning(s)\n";
    }
    return report.exit_code(strict);
}

int run_describe_command(const std::vector<std::string>& args) {
    bool json = false;
    for (const auto& a : args) {
        if (a == "--json") json = true;
        else {
            std::cerr << "eventgen describe: unknown argument '" << a << "'\n";
            return 2;
        }
    }
    std::cout << (json ? describe_json() + "\n" : describe_text());
    return 0;
}

}  // namespace eventgen
