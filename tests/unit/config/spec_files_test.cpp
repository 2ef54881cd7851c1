// The app's spec files tell the truth: every setting the binary accepts is documented
// in README/eventgen.conf.spec (splunkd warns about keys missing from a spec), and the
// spec documents no key the binary would ignore as unknown. The same for inputs.conf.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "config/sample_config.h"
#include "outputs/registry.h"
#include "splunk/modinput_protocol.h"

namespace eventgen {
namespace {

const std::string kSource = EVENTGEN_SOURCE_DIR;

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << "cannot read " << path;
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The keys of the eventgen.conf settings this build accepts: the core's and every
// component's settings schema.
std::set<std::string> keys_the_binary_accepts() {
    std::set<std::string> keys;
    for (const auto& k : accepted_settings())
        if (k.rfind("eai:", 0) != 0) keys.insert(k);  // splunkd's REST metadata, never written in a .conf
    // Token keys are parsed by the token reader, not listed as settings.
    for (const char* k : {"token.<n>.token", "token.<n>.replacementType", "token.<n>.replacement", "host.token",
                          "host.replacement"})
        keys.insert(k);
    return keys;
}

// "key = ..." lines at the start of a line, in the spec's stanzas after `from` (a
// stanza header) and before the next stanza header when `one_stanza` is set.
std::set<std::string> spec_keys(const std::string& text, const std::string& from = "", bool one_stanza = false) {
    std::set<std::string> keys;
    static const std::regex key_line(R"(^([A-Za-z_][A-Za-z0-9_.<>:]*) = )");
    std::istringstream in(text);
    std::string line;
    bool on = from.empty();
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] == '[') {
            if (line == from) on = true;
            else if (one_stanza && on && !from.empty()) on = false;
            continue;
        }
        std::smatch m;
        if (on && std::regex_search(line, m, key_line)) keys.insert(m[1]);
    }
    return keys;
}

std::string joined(const std::set<std::string>& s) {
    std::string out;
    for (const auto& k : s) out += (out.empty() ? "" : ", ") + k;
    return out;
}

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::set<std::string> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

TEST(SpecFiles, EverySettingTheBinaryAcceptsIsInEventgenConfSpec) {
    auto spec = spec_keys(read_text(kSource + "/README/eventgen.conf.spec"));
    auto missing = minus(keys_the_binary_accepts(), spec);
    EXPECT_TRUE(missing.empty()) << "accepted by the binary but not documented in README/eventgen.conf.spec: "
                                 << joined(missing);
}

TEST(SpecFiles, EventgenConfSpecDocumentsNoKeyTheBinaryIgnores) {
    auto spec = spec_keys(read_text(kSource + "/README/eventgen.conf.spec"));
    auto extra = minus(spec, keys_the_binary_accepts());
    EXPECT_TRUE(extra.empty()) << "documented in README/eventgen.conf.spec but unknown to the binary "
                                  "(it would warn 'unknown setting, ignored'): "
                               << joined(extra);
}

TEST(SpecFiles, EveryKeyOfTheShippedDefaultsIsDocumented) {
    auto spec = spec_keys(read_text(kSource + "/README/eventgen.conf.spec"));
    auto defaults = spec_keys(read_text(kSource + "/default/eventgen.conf"));
    ASSERT_GT(defaults.size(), 20u);
    EXPECT_TRUE(minus(defaults, spec).empty()) << "default/eventgen.conf keys missing from the spec: "
                                               << joined(minus(defaults, spec));
    EXPECT_TRUE(minus(defaults, keys_the_binary_accepts()).empty())
        << "default/eventgen.conf keys the binary does not know: " << joined(minus(defaults, keys_the_binary_accepts()));
}

TEST(SpecFiles, OutputModeLineListsExactlyTheModesThisBuildHas) {
    std::string text = read_text(kSource + "/README/eventgen.conf.spec");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(text, m, std::regex(R"(\noutputMode = ([^\n]*)\n)")));
    std::set<std::string> documented;
    std::string values = m[1];
    const std::regex word(R"([a-z_0-9]+)");
    for (std::sregex_iterator it(values.begin(), values.end(), word), end; it != end; ++it)
        documented.insert(it->str());
    std::set<std::string> built;
    for (const OutputDescriptor* d : output_components()) built.insert(d->modes.begin(), d->modes.end());
    EXPECT_EQ(joined(documented), joined(built));
}

TEST(SpecFiles, InputsConfSpecDocumentsExactlyTheSchemeArguments) {
    pugi::xml_document scheme;
    ASSERT_TRUE(scheme.load_string(scheme_xml().c_str()));
    std::set<std::string> args;
    for (auto arg : scheme.select_nodes("/scheme/endpoint/args/arg")) args.insert(arg.node().attribute("name").value());
    ASSERT_FALSE(args.empty());
    auto spec = spec_keys(read_text(kSource + "/README/inputs.conf.spec"), "[modinput_eventgen://<name>]", true);
    EXPECT_EQ(joined(spec), joined(args));
}

TEST(SpecFiles, SpecsNoLongerCallImplementedFeaturesMissing) {
    std::string text = read_text(kSource + "/README/eventgen.conf.spec") + read_text(kSource + "/README/inputs.conf.spec");
    for (const char* feature : {"replay", "httpevent", "tcpout", "udpout", "syslogout", "splunkstream", "windbag",
                                "counter", "weblog", "autotimestamp"}) {
        std::regex claim(std::string(R"(not (available|implement\w*)[^\n]*\b)") + feature + R"(\b|\b)" + feature +
                         R"([^\n]*(is|are) not (available|implement\w*))");
        EXPECT_FALSE(std::regex_search(text, claim)) << feature << " is described as not implemented";
    }
}

}  // namespace
}  // namespace eventgen
