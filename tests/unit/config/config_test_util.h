#pragma once
// Helpers for the config tests: a private temporary folder per test (never the working
// directory), scoped environment variables, and short ways to run the config pipeline.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "config/eventgen_conf.h"
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "../temp_dir.h"

namespace eventgen::config_test {

namespace fs = std::filesystem;

using testing::TempDir;

// Sets (or unsets) an environment variable for one test and restores it afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = getenv(name)) saved_ = old;
        if (value)
            setenv(name, value, 1);
        else
            unsetenv(name);
    }
    ~ScopedEnv() {
        if (saved_)
            setenv(name_.c_str(), saved_->c_str(), 1);
        else
            unsetenv(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_;
    std::optional<std::string> saved_;
};

// An app folder in a temp dir: app/default/eventgen.conf plus app/samples/<files>.
struct TestApp {
    TempDir dir;
    std::string app_dir = dir.file("app");
    std::string default_conf = dir.file("app/default/eventgen.conf");
    std::string local_conf = dir.file("app/local/eventgen.conf");

    void sample(const std::string& name, const std::string& text = "line\n") const {
        dir.write("app/samples/" + name, text);
    }
    ConfSource source(const std::string& conf_path) const { return ConfSource{conf_path, "app", app_dir}; }

    // Writes default/eventgen.conf (and local/eventgen.conf when given) and loads them.
    EventgenConf load(const std::string& default_text, const std::optional<std::string>& local_text = {}) const {
        dir.write("app/default/eventgen.conf", default_text);
        std::vector<ConfSource> sources{source(default_conf)};
        if (local_text) {
            dir.write("app/local/eventgen.conf", *local_text);
            sources.push_back(source(local_conf));
        }
        return load_eventgen_conf(sources);
    }
    ResolvedSamples resolve(const std::string& default_text, const ResolveOptions& options = {},
                            const std::optional<std::string>& local_text = {}) const {
        return resolve_samples(load(default_text, local_text), options);
    }
};

inline const SampleDefinition* find_sample(const ResolvedSamples& r, const std::string& name) {
    for (const auto& s : r.samples)
        if (s.name == name) return &s;
    return nullptr;
}

inline std::vector<std::string> sample_names(const ResolvedSamples& r) {
    std::vector<std::string> out;
    for (const auto& s : r.samples) out.push_back(s.name);
    return out;
}

inline std::vector<std::string> token_regexes(const SampleDefinition& d) {
    std::vector<std::string> out;
    for (const auto& t : d.tokens) out.push_back(t.regex);
    return out;
}

// Runs `fn`, which must throw ConfigError, and returns the error's full message.
template <class Fn>
std::string config_error_of(Fn&& fn) {
    try {
        fn();
    } catch (const ConfigError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a ConfigError";
    return "";
}

// A sample definition over the built-in [global] settings, with `keys` written in
// stanza [s.log] of /cfg/eventgen.conf from line 2 on (so messages can be asserted).
inline constexpr const char* kConf = "/cfg/eventgen.conf";
inline SampleDefinition sample_def(const std::vector<std::pair<std::string, std::string>>& keys,
                                   const std::string& file_path = "/data/samples/s.log") {
    SampleDefinition d;
    d.name = file_path.empty() ? "s.log" : fs::path(file_path).filename().string();
    d.stanza = "s.log";
    d.file_path = file_path;
    d.settings = load_eventgen_conf_text({}).globals;
    d.settings.stanza = "s.log";
    int line = 1;
    for (const auto& [k, v] : keys) d.settings.set(k, Setting{v, ConfLocation{kConf, ++line, "s.log", k}});
    return d;
}

inline SampleConfig config_with(const std::vector<std::pair<std::string, std::string>>& keys) {
    return make_sample_config(sample_def(keys));
}

inline std::string config_error_with(const std::vector<std::pair<std::string, std::string>>& keys) {
    return config_error_of([&] { make_sample_config(sample_def(keys)); });
}

}  // namespace eventgen::config_test
