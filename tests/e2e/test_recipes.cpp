// The scale-out recipes in docs/ are tested as far as this machine allows: no
// deployment server, forwarder or Kubernetes cluster runs here. What is checked: the
// deployment-server files parse with the app's own conf parser, the content app
// passes `eventgen check`, its input stanza passes the input's external validation
// and every forwarder it names resolves to its own shard; the Kubernetes manifests'
// counts agree with their --shard values, the ConfigMap's files make an app that
// passes `eventgen check`, and the binary runs with each pod's --shard value.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "config/conf_file.h"
#include "config/shard.h"
#include "process.h"
#include "splunk/modinput_protocol.h"

using namespace eventgen;
using namespace eventgen::test;

namespace {

const std::string kRecipes = EVENTGEN_SOURCE_DIR "/docs/recipes";

ConfFile conf_of(const std::string& path) {
    ConfFile f = parse_conf(read_text(path), path);
    EXPECT_TRUE(f.problems.empty()) << path << ": " << (f.problems.empty() ? "" : f.problems.front().what());
    return f;
}

// The block scalar `key: |` of a YAML document, unindented (the ConfigMap's files).
std::string yaml_block(const std::string& yaml, const std::string& key) {
    std::istringstream in(yaml);
    std::string line, out;
    size_t indent = std::string::npos;
    bool on = false;
    while (std::getline(in, line)) {
        if (!on) {
            on = std::regex_match(line, std::regex("\\s*" + key + ": \\|\\s*"));
            continue;
        }
        size_t first = line.find_first_not_of(' ');
        if (first == std::string::npos) {
            out += "\n";
            continue;
        }
        if (indent == std::string::npos) indent = first;
        if (first < indent) break;
        out += line.substr(indent) + "\n";
    }
    return out;
}

int yaml_int(const std::string& yaml, const std::string& key) {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(yaml, m, std::regex("\\n\\s*" + key + ": (\\d+)"))) << key;
    return m.empty() ? -1 : std::stoi(m[1]);
}

}  // namespace

TEST(Recipes, DeploymentServerFilesParseAndEveryForwarderGetsItsOwnShard) {
    const std::string ds = kRecipes + "/deployment-server";
    const std::string app = ds + "/deployment-apps/eventgen_fleet_content";
    ConfFile classes = conf_of(ds + "/serverclass.conf");
    ASSERT_NE(classes.find("serverClass:eventgen_fleet"), nullptr);
    ASSERT_NE(classes.find("serverClass:eventgen_fleet:app:SA-Eventgen"), nullptr);
    ASSERT_NE(classes.find("serverClass:eventgen_fleet:app:eventgen_fleet_content"), nullptr);
    ASSERT_NE(classes.find("global"), nullptr);
    EXPECT_EQ(classes.find("global")->find("restartSplunkd")->value, "true");
    std::vector<std::string> fleet;
    for (const auto& e : classes.find("serverClass:eventgen_fleet")->entries)
        if (e.key.rfind("whitelist.", 0) == 0) fleet.push_back(e.value);
    ASSERT_EQ(fleet.size(), 3u);

    conf_of(app + "/default/app.conf");
    ConfFile inputs = conf_of(app + "/default/inputs.conf");
    const ConfStanza* input = inputs.find("modinput_eventgen://fleet");
    ASSERT_NE(input, nullptr);
    std::map<std::string, std::string> params;
    for (const auto& e : input->entries)
        if (e.key != "disabled") params[e.key] = e.value;
    EXPECT_EQ(validate_input_params(params), "");
    // Each forwarder of the server class takes its own index of shard_hosts.
    std::set<std::string> shards;
    SettingsMap settings = input_settings(input->name, params);
    for (const auto& host : fleet) shards.insert(shard_from_settings(settings, host)->text());
    EXPECT_EQ(shards, (std::set<std::string>{"0/3", "1/3", "2/3"}));
    EXPECT_THROW(shard_from_settings(settings, "ds-01"), ConfigError);

    ProcessResult r = run_process({binary_path(), "check", app});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    // The fleet's volume is one setting of one file.
    EXPECT_NE(conf_of(app + "/default/eventgen.conf").find("web.sample")->find("perDayVolume"), nullptr);
}

TEST(Recipes, KubernetesManifestsAgreeAndTheirConfigMapRuns) {
    const std::string k8s = kRecipes + "/kubernetes";
    std::string job = read_text(k8s + "/job-indexed.yaml");
    std::string sts = read_text(k8s + "/statefulset.yaml");
    std::string cm = read_text(k8s + "/configmap.yaml");
    std::string secret = read_text(k8s + "/secret.yaml");

    // Indexed Job: completions = parallelism = N of --shard INDEX/N, the index from
    // the completion-index annotation.
    EXPECT_NE(job.find("completionMode: Indexed"), std::string::npos);
    int completions = yaml_int(job, "completions");
    EXPECT_EQ(yaml_int(job, "parallelism"), completions);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(job, m, std::regex(R"rx("--shard", "\$\(SHARD_INDEX\)/(\d+)")rx")));
    EXPECT_EQ(std::stoi(m[1]), completions);
    EXPECT_NE(job.find("metadata.annotations['batch.kubernetes.io/job-completion-index']"), std::string::npos);
    // StatefulSet: replicas = N of --shard ORDINAL/N, the ordinal from the pod-index label.
    int replicas = yaml_int(sts, "replicas");
    ASSERT_TRUE(std::regex_search(sts, m, std::regex(R"rx(--shard "\$POD_INDEX/(\d+)")rx")));
    EXPECT_EQ(std::stoi(m[1]), replicas);
    EXPECT_NE(sts.find("metadata.labels['apps.kubernetes.io/pod-index']"), std::string::npos);
    // Both read the token from the Secret the recipe makes.
    ASSERT_TRUE(std::regex_search(secret, m, std::regex(R"(\n  name: (\S+))")));
    for (const std::string* y : {&job, &sts}) {
        EXPECT_NE(y->find("name: " + std::string(m[1])), std::string::npos);
        EXPECT_NE(y->find("path: default/eventgen.conf"), std::string::npos);
        EXPECT_NE(y->find("path: samples/web.sample"), std::string::npos);
    }

    // The ConfigMap's files as the pods see them.
    std::string app = make_temp_dir("eg-recipe-k8s");
    write_file(app + "/default/eventgen.conf", yaml_block(cm, "eventgen.conf"));
    write_file(app + "/samples/web.sample", yaml_block(cm, "web.sample"));
    ASSERT_NE(read_text(app + "/default/eventgen.conf").find("[web.sample]"), std::string::npos);
    std::map<std::string, std::string> env = {{"HEC_TOKEN", "00000000-0000-0000-0000-000000000000"},
                                              {"HEC_HOST", "hec.example.com"}};
    ProcessResult r = run_process({binary_path(), "check", app}, "", std::chrono::seconds(60), env);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    // Each pod's --shard value, through the binary (to devnull, one interval).
    for (int i = 0; i < completions; ++i) {
        r = run_process({binary_path(), "generate", app, "--shard", std::to_string(i) + "/" + std::to_string(completions),
                         "--devnull", "--count", "30", "--end", "1"},
                        "", std::chrono::seconds(60), env);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.err.find("shard=" + std::to_string(i) + "/" + std::to_string(completions)), std::string::npos)
            << r.err;
    }
}
