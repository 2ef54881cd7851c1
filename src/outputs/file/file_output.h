#pragma once
// The file output's typed settings (tests and the component itself).
#include <cstdint>
#include <string>

#include "outputs/output_component.h"

namespace eventgen {

struct FileOutputConfig : OutputConfig {
    std::string file_name;          // fileName, or spoolDir/spoolFile
    int64_t max_bytes = 10485760;   // fileMaxBytes
    int64_t backup_files = 5;       // fileBackupFiles

    std::string target_key() const override;
    std::unique_ptr<EventFormat> make_format(const OutputOptions& options) const override;
    std::unique_ptr<Sink> make_sink(const OutputOptions& options, const std::atomic<bool>* cancel) const override;
    std::unique_ptr<DirectShare> make_direct_share() const override;
    std::unique_ptr<Sink> make_direct_sink(const OutputOptions& options, const std::atomic<bool>* cancel,
                                           DirectShare* share, uint32_t worker) const override;
};

}  // namespace eventgen
