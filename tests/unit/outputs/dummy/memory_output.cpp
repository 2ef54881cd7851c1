// A test-only output component, written the way a real one is: its own folder, one
// descriptor (modes, schema, traits, parse), a typed config, a format and a sink.
// Events land in memory (one process), each line prefixed with memoryTag.
#include <mutex>
#include <utility>
#include <vector>

#include "config/sample_config.h"
#include "outputs/output_component.h"

namespace eventgen::testing {

namespace {

std::mutex captured_mu;
std::vector<std::string> captured_lines;

class TagFormat : public EventFormat {
public:
    explicit TagFormat(std::string tag) : tag_(std::move(tag)) {}
    bool append(const EventView& e, FormatBuffer& out) override {
        out += tag_;
        out.append(e.raw);
        out += '\n';
        return true;
    }

private:
    std::string tag_;
};

class MemorySink : public Sink {
public:
    uint64_t send(const FormattedBatch& b) override {
        std::lock_guard<std::mutex> lock(captured_mu);
        size_t start = 0;
        for (uint32_t i = 0; i < b.events; ++i) {
            captured_lines.emplace_back(b.data.substr(start, b.event_ends[i] - 1 - start));
            start = b.event_ends[i];
        }
        count_bytes(b.data.size());
        return 0;
    }
    std::string describe() const override { return "memory"; }
};

class MemoryConfig : public OutputConfig {
public:
    explicit MemoryConfig(std::string tag) : tag_(std::move(tag)) {}
    std::string target_key() const override { return "memory"; }
    std::unique_ptr<EventFormat> make_format(const OutputOptions&) const override {
        return std::make_unique<TagFormat>(tag_);
    }
    std::unique_ptr<Sink> make_sink(const OutputOptions&, const std::atomic<bool>*) const override {
        return std::make_unique<MemorySink>();
    }

private:
    std::string tag_;
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig& c, const std::string&) {
    return std::make_shared<MemoryConfig>(c.def.settings.str("memoryTag", "mem: "));
}

}  // namespace

const OutputDescriptor& memory_output() {
    static const OutputDescriptor d{
        "memory",
        {"memory"},
        "test output: events kept in memory",
        OutputTraits{true, false, UnderModinput::KeepOutputMode},
        {{"memoryTag", SettingType::String, "mem: ", {}, "prefix of every line", false}},
        parse};
    return d;
}

std::vector<std::string> take_memory_lines() {
    std::lock_guard<std::mutex> lock(captured_mu);
    return std::exchange(captured_lines, {});
}

}  // namespace eventgen::testing
