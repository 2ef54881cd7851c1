#pragma once
// `eventgen generate`: load the configuration, resolve and validate samples, run them.
#include <string>
#include <vector>

#include "cli/cli_options.h"
#include "config/eventgen_conf.h"

namespace eventgen {

// The conf files for a path: a file, an app folder (default/ then local/), or an app
// name under $SPLUNK_HOME/etc/apps. Empty with `error` set when nothing is found.
std::vector<ConfSource> conf_sources_for(const std::string& path, std::string& error);

// Runs the command; returns the process exit code.
int run_generate(const GenerateOptions& options);

}  // namespace eventgen
