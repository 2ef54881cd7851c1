#pragma once
// spoolDir/spoolFile: where the spool output writes, and the file output's default file.
#include <string>

namespace eventgen {

struct SampleConfig;

struct SpoolLocation {
    std::string dir;   // $VARs expanded
    std::string file;  // <SAMPLE> replaced by the sample file's name
};

SpoolLocation read_spool_location(const SampleConfig& sample);

}  // namespace eventgen
