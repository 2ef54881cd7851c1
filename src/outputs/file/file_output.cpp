// file: events appended to fileName as lines, rotated at fileMaxBytes. Workers may
// write it directly (useOutputQueue = false) through a shared, crash-safe state.
#include "outputs/file/file_output.h"

#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "outputs/file/file_sink.h"
#include "outputs/support/line_format.h"
#include "outputs/support/spool_location.h"

namespace eventgen {

namespace {

class SharedFile : public DirectShare {
public:
    SharedFile() : state_(create_shared_file_state()) {}
    ~SharedFile() override { destroy_shared_file_state(state_); }
    uint64_t progress(uint32_t worker, uint64_t job_id) const override {
        return shared_file_progress(state_, worker, job_id);
    }
    SharedFileState* state() const { return state_; }

private:
    SharedFileState* state_;
};

std::shared_ptr<const OutputConfig> parse(const SampleConfig& c, const std::string&) {
    const SettingsMap& s = c.def.settings;
    auto f = std::make_shared<FileOutputConfig>();
    f->max_bytes = s.integer("fileMaxBytes", 10485760);
    if (f->max_bytes <= 0) s.fail("fileMaxBytes", "must be greater than 0");
    f->backup_files = s.integer("fileBackupFiles", 5);
    // More backups than any disk would want; beyond it the setting is surely a mistake.
    constexpr int64_t kMaxFileBackups = 100000;
    if (f->backup_files < 0 || f->backup_files > kMaxFileBackups)
        s.fail("fileBackupFiles", "must be between 0 and " + std::to_string(kMaxFileBackups));
    f->file_name = expand_env_vars(s.str("fileName", ""));
    if (f->file_name.empty()) {
        SpoolLocation spool = read_spool_location(c);
        f->file_name = spool.dir + "/" + spool.file;
    }
    return f;
}

}  // namespace

std::string FileOutputConfig::target_key() const { return "file:" + file_name; }

std::unique_ptr<EventFormat> FileOutputConfig::make_format(const OutputOptions&) const { return make_line_format(); }

std::unique_ptr<Sink> FileOutputConfig::make_sink(const OutputOptions&, const std::atomic<bool>*) const {
    return make_file_sink(file_name, max_bytes, backup_files);
}

std::unique_ptr<DirectShare> FileOutputConfig::make_direct_share() const { return std::make_unique<SharedFile>(); }

std::unique_ptr<Sink> FileOutputConfig::make_direct_sink(const OutputOptions&, const std::atomic<bool>*,
                                                         DirectShare* share, uint32_t worker) const {
    return make_shared_file_sink(file_name, max_bytes, backup_files, static_cast<SharedFile*>(share)->state(), worker);
}

const OutputDescriptor& file_output() {
    static const OutputDescriptor d{
        "file",
        {"file"},
        "events appended to a file as lines, rotated by size",
        OutputTraits{true, false, UnderModinput::Keep},
        {
            {"fileName", SettingType::Path, std::nullopt, {}, "the file (default: spoolDir/spoolFile)", false},
            {"fileMaxBytes", SettingType::Integer, "10485760", {}, "rotate before the file passes this size", false},
            {"fileBackupFiles", SettingType::Integer, "5", {}, "rotated copies kept (file.1 .. file.N)", false},
        },
        parse};
    return d;
}

}  // namespace eventgen
