// spool: each batch appended to spoolDir/spoolFile, reopening the file every time:
// Splunk's batch input deletes files once indexed.
#include "outputs/spool/spool_output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "config/sample_config.h"
#include "outputs/support/fd_io.h"
#include "outputs/support/line_format.h"
#include "outputs/support/spool_location.h"

namespace eventgen {

namespace {

class SpoolSink : public Sink {
public:
    SpoolSink(const std::string& dir, const std::string& file) : path_(dir + "/" + file) {}
    uint64_t send(const FormattedBatch& b) override {
        int fd = open_for_append(path_, false);
        try {
            write_all(fd, b.data.data(), b.data.size(), "spool file '" + path_ + "'");
        } catch (...) {
            ::close(fd);
            throw;
        }
        if (::close(fd) != 0) throw OutputError("cannot write spool file '" + path_ + "': " + std::strerror(errno));
        count_bytes(b.data.size());
        return 0;
    }
    std::string describe() const override { return "spool " + path_; }

private:
    std::string path_;
};

}  // namespace

std::unique_ptr<Sink> make_spool_sink(const std::string& dir, const std::string& file) {
    return std::make_unique<SpoolSink>(dir, file);
}

std::string SpoolOutputConfig::target_key() const { return "spool:" + dir + "/" + file; }
std::unique_ptr<EventFormat> SpoolOutputConfig::make_format(const OutputOptions&) const { return make_line_format(); }
std::unique_ptr<Sink> SpoolOutputConfig::make_sink(const OutputOptions&, const std::atomic<bool>*) const {
    return make_spool_sink(dir, file);
}

namespace {

std::shared_ptr<const OutputConfig> parse(const SampleConfig& c, const std::string&) {
    auto o = std::make_shared<SpoolOutputConfig>();
    SpoolLocation l = read_spool_location(c);
    o->dir = l.dir;
    o->file = l.file;
    return o;
}

}  // namespace

const OutputDescriptor& spool_output() {
    static const OutputDescriptor d{
        "spool",
        {"spool"},
        "events appended to a file in Splunk's spool folder (indexed and deleted by splunkd's batch input)",
        OutputTraits{false, false, UnderModinput::Keep},
        {
            {"spoolDir", SettingType::Path, "$SPLUNK_HOME/var/spool/splunk", {}, "the spool folder", false},
            {"spoolFile", SettingType::String, "<SAMPLE>", {}, "file name in the spool folder; <SAMPLE>: the sample's",
             false},
        },
        parse};
    return d;
}

}  // namespace eventgen
