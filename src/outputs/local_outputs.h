#pragma once
// Outputs written by this process itself: the terminal or a pipe, files and Splunk's
// spool folder.
#include <memory>
#include <string>

#include "outputs/output.h"

namespace eventgen {

// Each event's text, trailing white space removed, one per line (Eventgen's stdout).
std::unique_ptr<Output> make_stdout_output(int fd);
// Counts events and throws them away.
std::unique_ptr<Output> make_devnull_output();
// Appends lines to `path`, rotating to path.1 .. path.N when it would pass max_bytes.
std::unique_ptr<Output> make_file_output(const std::string& path, int64_t max_bytes, int64_t backup_files);
// Appends each batch to dir/file, reopening the file every time because Splunk's
// batch input deletes files it has indexed.
std::unique_ptr<Output> make_spool_output(const std::string& dir, const std::string& file);
// Splunk's modular input XML stream. `stanza` names the input for each event (may be empty).
std::unique_ptr<Output> make_modinput_output(int fd, const std::string& stanza);

}  // namespace eventgen
