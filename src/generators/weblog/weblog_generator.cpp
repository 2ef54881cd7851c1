// weblog: Apache access lines from built-in (or the sample folder's) lists of IPs,
// hosts, user agents and statuses; no sample file.
#include <filesystem>

#include "common/strings.h"
#include "generators/support/synthetic.h"
#include "rating/rater.h"
#include "time/time_format.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> list_or(const SampleConfig& c, const char* file, std::vector<std::string> fallback) {
    if (auto text = read_file((fs::path(c.def.sample_dir) / file).string())) {
        std::vector<std::string> out;
        for (auto line : split(*text, '\n'))
            if (!trim(line).empty()) out.emplace_back(trim(line));
        if (!out.empty()) return out;
    }
    return fallback;
}

class WeblogGenerator : public Generator {
public:
    WeblogGenerator(const SampleConfig& c, uint32_t id, uint64_t seed)
        : c_(c), seed_(seed), key_(sample_key(c.name())), stamp_("%d/%b/%Y %H:%M:%S:%f") {
        batch_.set_sample_id(id);
        ips_ = list_or(c, "external_ips.sample", {"1.16.0.1", "12.130.60.4", "27.35.11.11", "64.66.0.20", "91.205.189.15"});
        hosts_ = list_or(c, "webhosts.sample", {"web01.example.com", "web02.example.com", "web03.example.com"});
        agents_ = list_or(c, "useragents.sample",
                          {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
                           "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
                           "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"});
        status_ = list_or(c, "webserverstatus.sample", {"200", "200", "200", "200", "301", "404", "500", "503"});
    }
    uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit, size_t be, size_t bb) override {
        uint64_t span = static_cast<uint64_t>(job.latest - job.earliest);
        return run_job(job, batch_, c_, seed_, key_, emit, be, bb, [&](int64_t, Rng& rng, EventBatch& b) {
            TimeUs t = job.earliest + static_cast<TimeUs>(rng.below(span + 1));
            b.begin(t);
            std::string& o = b.open_buffer();
            o += pick(ips_, rng);
            o += ' ';
            o += pick(hosts_, rng);
            o += " - - [";
            stamp_.append(t, c_.timezone, o);
            o += "] \"GET /product.screen?product_id=HolyGouda&JSESSIONID=SD3SL1FF7ADFF8 HTTP 1.1\" ";
            o += pick(status_, rng);
            o += ' ';
            o += std::to_string(rng.between(100, 1000));
            o += " \"http://shop.buttercupgames.com/cart.do?action=view&itemId=HolyGouda\" \"";
            o += pick(agents_, rng);
            o += "\" ";
            o += std::to_string(rng.between(200, 2000));
        });
    }

private:
    static const std::string& pick(const std::vector<std::string>& v, Rng& rng) { return v[rng.below(v.size())]; }
    SampleConfig c_;
    uint64_t seed_, key_;
    TimeFormat stamp_;
    EventBatch batch_;
    std::vector<std::string> ips_, hosts_, agents_, status_;
};

}  // namespace

const GeneratorDescriptor& weblog_generator() {
    static const GeneratorDescriptor d{
        "weblog", {"weblog"}, "Apache access log lines; no sample file", false, {}, {},
        nullptr, [](const SampleConfig& c, const PrepareContext&) -> std::unique_ptr<PreparedSample> {
            return std::make_unique<PreparedSynthetic>(
                c,
                [](const SampleConfig& c, uint32_t id, uint64_t seed) -> std::unique_ptr<Generator> {
                    return std::make_unique<WeblogGenerator>(c, id, seed);
                },
                [](const SampleConfig& c, TimeUs now, Rng& rng) { return events_for_interval(c, 1, now, rng); });
        }};
    return d;
}

}  // namespace eventgen
