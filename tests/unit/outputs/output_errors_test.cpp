#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>

#include "outputs/event_format.h"
#include "outputs/file/file_sink.h"
#include "outputs/sink.h"
#include "outputs/spool/spool_output.h"
#include "output_test_util.h"

namespace eventgen {
namespace {

using testing::batch_of;
using testing::IgnoreSigpipe;
using testing::PipeReader;
using testing::TempDir;

::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
    if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "'" << text << "' does not contain '" << part << "'";
}

// Formats `b` for `mode`, writes and closes; returns the error message, "" if none.
std::string error_of(Sink& sink, const EventBatch& b, const char* mode = "file") {
    auto format = testing::format_for(mode, "");
    try {
        testing::put(sink, *format, b);
        sink.close();
    } catch (const OutputError& e) {
        return e.what();
    }
    return "";
}

TEST(OutputErrors, UnwritableFileNamesThePath) {
    TempDir dir;
    std::string path = dir.file("missing-dir/out.log");
    auto out = make_file_sink(path, 1000, 1);
    std::string err = error_of(*out, batch_of({"x", "y"}));
    EXPECT_TRUE(Contains(err, path));
    EXPECT_TRUE(Contains(err, "No such file"));
    EXPECT_EQ(out->stats().events, 0u);
}

TEST(OutputErrors, UnwritableSpoolNamesThePath) {
    TempDir dir;
    std::string spool_dir = dir.file("no-such-spool");
    auto out = make_spool_sink(spool_dir, "f.txt");
    std::string err = error_of(*out, batch_of({"x"}));
    EXPECT_TRUE(Contains(err, spool_dir + "/f.txt"));
}

int closed_pipe_write_end() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return -1;
    ::close(fds[0]);
    return fds[1];
}

TEST(OutputErrors, ClosedPipeReportsBrokenPipe) {
    IgnoreSigpipe guard;
    int fd = closed_pipe_write_end();
    ASSERT_GE(fd, 0);
    auto out = testing::fd_sink_for("stdout", fd);
    std::string err = error_of(*out, batch_of({"lost"}));
    EXPECT_TRUE(Contains(err, "Broken pipe"));
    EXPECT_TRUE(Contains(err, "standard output"));
    ::close(fd);
}

TEST(OutputErrors, ClosedPipeModinput) {
    IgnoreSigpipe guard;
    int fd = closed_pipe_write_end();
    ASSERT_GE(fd, 0);
    auto out = testing::fd_sink_for("modinput", fd);
    EXPECT_TRUE(Contains(error_of(*out, batch_of({"lost"}), "modinput"), "Broken pipe"));
    ::close(fd);
}

TEST(OutputErrors, DiskFullFile) {
    auto out = make_file_sink("/dev/full", 1 << 30, 0);
    std::string err = error_of(*out, batch_of({"no room"}));
    EXPECT_TRUE(Contains(err, "No space left"));
    EXPECT_TRUE(Contains(err, "/dev/full"));
}

TEST(OutputErrors, DiskFullStdout) {
    int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    auto out = testing::fd_sink_for("stdout", fd);
    EXPECT_TRUE(Contains(error_of(*out, batch_of({"no room"})), "No space left"));
    ::close(fd);
}

TEST(OutputErrors, DiskFullSpool) {
    auto out = make_spool_sink("/dev", "full");
    EXPECT_TRUE(Contains(error_of(*out, batch_of({"a", "b", "c"})), "No space left"));
    EXPECT_EQ(out->stats().events, 0u);
}

// Much more data than the pipe holds, drained a few bytes per read: nothing is lost.
std::string big_payload(EventBatch& b) {
    std::string expect;
    for (int i = 0; i < 20000; ++i) {
        std::string line = "event number " + std::to_string(i) + " with some padding text";
        b.add(i, line, {});
        expect += line + "\n";
    }
    return expect;
}

TEST(OutputSlowReader, BlockingPipeGetsEveryByte) {
    PipeReader pipe(97);
    pipe.shrink();
    auto out = testing::fd_sink_for("stdout", pipe.write_fd());
    EventBatch b;
    std::string expect = big_payload(b);
    EXPECT_EQ(error_of(*out, b, "stdout"), "");
    std::string got = pipe.text();
    EXPECT_EQ(got.size(), expect.size());
    EXPECT_TRUE(got == expect);
    EXPECT_GT(pipe.reads(), 100u);  // the reader really was slower than the writer
}

TEST(OutputSlowReader, NonBlockingPipeGetsEveryByte) {
    PipeReader pipe(97);
    pipe.shrink();
    pipe.make_write_nonblocking();  // the writer now sees EAGAIN and must wait, not drop
    auto out = testing::fd_sink_for("stdout", pipe.write_fd());
    EventBatch b;
    std::string expect = big_payload(b);
    EXPECT_EQ(error_of(*out, b, "stdout"), "");
    std::string got = pipe.text();
    EXPECT_EQ(got.size(), expect.size());
    EXPECT_TRUE(got == expect);
}

}  // namespace
}  // namespace eventgen
