#pragma once
// The spool output's typed settings and sink (tests and the component itself).
#include <memory>
#include <string>

#include "outputs/output_component.h"

namespace eventgen {

struct SpoolOutputConfig : OutputConfig {
    std::string dir, file;  // spoolDir, spoolFile (<SAMPLE> replaced)

    std::string target_key() const override;
    std::unique_ptr<EventFormat> make_format(const OutputOptions& options) const override;
    std::unique_ptr<Sink> make_sink(const OutputOptions& options, const std::atomic<bool>* cancel) const override;
};

// Appends each batch to dir/file, reopening it every time.
std::unique_ptr<Sink> make_spool_sink(const std::string& dir, const std::string& file);

}  // namespace eventgen
