#include <cctype>

#include "outputs/fd_writer.h"
#include "outputs/local_outputs.h"

namespace eventgen {

namespace {

class StdoutOutput : public Output {
public:
    explicit StdoutOutput(int fd) : out_(fd, "standard output") {}
    void write(const EventBatch& batch) override {
        for (const EventView& e : batch) {
            std::string_view raw = e.raw;
            while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
            out_.append(raw);
            out_.buffer().push_back('\n');
            stats_.bytes += raw.size() + 1;
        }
        try {
            out_.maybe_flush();
        } catch (const OutputError&) {
            stats_.failed += batch.size();
            throw;
        }
        stats_.events += batch.size();
    }
    void flush() override { out_.flush(); }
    std::string describe() const override { return "stdout"; }

private:
    FdWriter out_;
};

class DevnullOutput : public Output {
public:
    void write(const EventBatch& batch) override {
        stats_.events += batch.size();
        stats_.bytes += batch.raw_bytes() + batch.size();
    }
    std::string describe() const override { return "devnull"; }
};

}  // namespace

std::unique_ptr<Output> make_stdout_output(int fd) { return std::make_unique<StdoutOutput>(fd); }
std::unique_ptr<Output> make_devnull_output() { return std::make_unique<DevnullOutput>(); }

}  // namespace eventgen
