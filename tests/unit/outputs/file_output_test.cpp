// file (append, rotation) and spool (append, reopen per batch) outputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "output_test_util.h"
#include "outputs/event_format.h"
#include "outputs/file/file_sink.h"
#include "outputs/sink.h"
#include "outputs/spool/spool_output.h"

namespace eventgen {
namespace {

using testing::batch_of;
using testing::put;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

// Nine characters plus the newline the output adds: ten bytes per event.
std::string ev(int i) { return "event-" + std::to_string(100 + i); }

class FileOutputTest : public ::testing::Test {
protected:
    void write(Sink& sink, std::initializer_list<std::string> raws) { put(sink, *format_, batch_of(raws)); }
    TempDir dir_;
    std::unique_ptr<EventFormat> format_ = testing::format_for("file", "");
};

TEST_F(FileOutputTest, AppendsAndAddsMissingNewlines) {
    std::string path = dir_.file("out.log");
    write_file(path, "old line\n");
    auto sink = make_file_sink(path, 1 << 20, 5);
    write(*sink, {"no newline", "has newline\n", "crlf\r\n"});
    sink->close();
    EXPECT_EQ(read_file(path), "old line\nno newline\nhas newline\ncrlf\r\n");
    EXPECT_EQ(sink->stats().events, 3u);
    EXPECT_EQ(sink->stats().bytes, 11u + 12u + 6u);

    // The next run appends after it.
    auto again = make_file_sink(path, 1 << 20, 5);
    write(*again, {"next run"});
    again->close();
    EXPECT_EQ(read_file(path), "old line\nno newline\nhas newline\ncrlf\r\nnext run\n");
}

TEST_F(FileOutputTest, NothingCreatedBeforeFirstWrite) {
    auto sink = make_file_sink(dir_.file("lazy.log"), 100, 1);
    sink->close();
    EXPECT_FALSE(std::filesystem::exists(dir_.file("lazy.log")));
}

TEST_F(FileOutputTest, RotatesKeepingBackupsInOrder) {
    std::string path = dir_.file("rot.log");
    auto sink = make_file_sink(path, 20, 2);  // two events per file
    for (int i = 0; i < 7; ++i) write(*sink, {ev(i)});
    sink->close();
    // Newest in the file itself, older ones in .1 then .2; the oldest pair fell off.
    EXPECT_EQ(read_file(path), ev(6) + "\n");
    EXPECT_EQ(read_file(path + ".1"), ev(4) + "\n" + ev(5) + "\n");
    EXPECT_EQ(read_file(path + ".2"), ev(2) + "\n" + ev(3) + "\n");
    EXPECT_FALSE(std::filesystem::exists(path + ".3"));
    EXPECT_EQ(sink->stats().events, 7u);
    EXPECT_EQ(sink->stats().bytes, 70u);
}

TEST_F(FileOutputTest, RotationSplitsABatchAtEventBoundaries) {
    std::string path = dir_.file("rot.log");
    auto sink = make_file_sink(path, 25, 3);
    write(*sink, {ev(0), ev(1), ev(2), ev(3), ev(4)});
    sink->close();
    EXPECT_EQ(read_file(path), ev(4) + "\n");
    EXPECT_EQ(read_file(path + ".1"), ev(2) + "\n" + ev(3) + "\n");
    EXPECT_EQ(read_file(path + ".2"), ev(0) + "\n" + ev(1) + "\n");
    EXPECT_FALSE(std::filesystem::exists(path + ".3"));
}

TEST_F(FileOutputTest, ExistingSizeCountsTowardsTheLimit) {
    std::string path = dir_.file("pre.log");
    write_file(path, "fifteen bytes!\n");
    auto sink = make_file_sink(path, 20, 1);
    write(*sink, {ev(0)});  // 15 + 10 > 20: the old content moves to .1 first
    sink->close();
    EXPECT_EQ(read_file(path + ".1"), "fifteen bytes!\n");
    EXPECT_EQ(read_file(path), ev(0) + "\n");
}

TEST_F(FileOutputTest, OversizedEventStillWrittenWhole) {
    std::string path = dir_.file("big.log");
    auto sink = make_file_sink(path, 5, 1);
    write(*sink, {"much longer than five bytes", "second"});
    sink->close();
    EXPECT_EQ(read_file(path + ".1"), "much longer than five bytes\n");
    EXPECT_EQ(read_file(path), "second\n");
}

TEST_F(FileOutputTest, ZeroBackupsTruncates) {
    std::string path = dir_.file("trunc.log");
    auto sink = make_file_sink(path, 20, 0);
    for (int i = 0; i < 5; ++i) write(*sink, {ev(i)});
    sink->close();
    EXPECT_EQ(read_file(path), ev(4) + "\n");
    EXPECT_FALSE(std::filesystem::exists(path + ".1"));
    EXPECT_FALSE(std::filesystem::exists(path + ".0"));
}

TEST_F(FileOutputTest, SpoolAppendsToDirSlashFile) {
    auto sink = make_spool_sink(dir_.path().string(), "spool.txt");
    auto format = testing::format_for("spool", "");
    put(*sink, *format, batch_of({"a", "b\n"}));
    put(*sink, *format, batch_of({"c"}));
    EXPECT_EQ(read_file(dir_.file("spool.txt")), "a\nb\nc\n");
    EXPECT_EQ(sink->stats().events, 3u);
}

TEST_F(FileOutputTest, SpoolFileDeletedBetweenBatchesIsRecreated) {
    std::string path = dir_.file("spool.txt");
    auto sink = make_spool_sink(dir_.path().string(), "spool.txt");
    auto format = testing::format_for("spool", "");
    put(*sink, *format, batch_of({"first"}));
    EXPECT_EQ(read_file(path), "first\n");
    // Splunk's batch input indexes the file and deletes it.
    ASSERT_TRUE(std::filesystem::remove(path));
    put(*sink, *format, batch_of({"second", "third"}));
    EXPECT_EQ(read_file(path), "second\nthird\n");
}

}  // namespace
}  // namespace eventgen
