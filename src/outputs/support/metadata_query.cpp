#include "outputs/support/metadata_query.h"

#include "common/strings.h"
#include "config/sample_config.h"

namespace eventgen {

std::string metadata_query(const SampleConfig& c) {
    std::string q;
    auto add = [&](const char* key, const std::string& v) {
        if (v.empty()) return;
        q += (q.empty() ? "" : "&") + std::string(key) + "=" + percent_encode(v);
    };
    add("index", c.index);
    add("source", c.source);
    add("sourcetype", c.sourcetype);
    add("host", c.host);
    return q;
}

}  // namespace eventgen
