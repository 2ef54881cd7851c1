// The routing table of the single writer: shared targets, per-sample counters, failures.
#include "outputs/output_router.h"

#include <gtest/gtest.h>

#include <string>

#include "output_test_util.h"
#include "outputs/event_format.h"

namespace eventgen {
namespace {

using testing::batch_of;
using testing::Formatted;
using testing::read_file;
using testing::TempDir;

SampleConfig file_sample(const std::string& path) { return testing::sample_for("file", {{"fileName", path}}); }

std::string target_key(const SampleConfig& c) { return c.output->target_key(); }

// Formats for `mode` and delivers; returns what deliver() returned.
bool deliver(OutputRouter& r, const EventBatch& b, const char* mode = "file") {
    auto format = testing::format_for(mode, "");
    Formatted f(*format, b);
    return r.deliver(*f);
}

TEST(OutputRouter, SamplesOnTheSameFileShareOneOutput) {
    TempDir dir;
    OutputRouter r(OutputOptions{});
    r.add_sample(1, file_sample(dir.file("shared.log")));
    r.add_sample(2, file_sample(dir.file("shared.log")));
    r.add_sample(3, file_sample(dir.file("own.log")));
    ASSERT_EQ(r.describe_outputs().size(), 2u);

    EXPECT_TRUE(deliver(r, batch_of({"one-a", "one-b"}, 1)));
    EXPECT_TRUE(deliver(r, batch_of({"two-a"}, 2)));
    EXPECT_TRUE(deliver(r, batch_of({"three-a", "three-b", "three-c"}, 3)));
    EXPECT_TRUE(deliver(r, batch_of({"one-c"}, 1)));
    EXPECT_EQ(r.close_all(), "");

    // One writer per file: batches land whole and in the order they were delivered.
    EXPECT_EQ(read_file(dir.file("shared.log")), "one-a\none-b\ntwo-a\none-c\n");
    EXPECT_EQ(read_file(dir.file("own.log")), "three-a\nthree-b\nthree-c\n");

    EXPECT_EQ(r.counters(1).events.load(), 3u);
    EXPECT_EQ(r.counters(1).bytes.load(), 15u);  // raw bytes, newlines not included
    EXPECT_EQ(r.counters(2).events.load(), 1u);
    EXPECT_EQ(r.counters(2).bytes.load(), 5u);
    EXPECT_EQ(r.counters(3).events.load(), 3u);
    bool found = false;
    for (const std::string& line : r.describe_outputs())
        if (line.find("shared.log") != std::string::npos) {
            found = true;
            EXPECT_NE(line.find("events=4 "), std::string::npos) << line;
        }
    EXPECT_TRUE(found);
}

TEST(OutputRouter, TargetKeys) {
    SampleConfig a = testing::sample_for("stdout"), b = testing::sample_for("stdout");
    EXPECT_EQ(target_key(a), target_key(b));
    SampleConfig s1 = testing::sample_for("spool", {{"spoolDir", "/x"}, {"spoolFile", "a"}});
    SampleConfig s2 = testing::sample_for("spool", {{"spoolDir", "/x"}, {"spoolFile", "b"}});
    EXPECT_NE(target_key(s1), target_key(s2));
    EXPECT_NE(target_key(file_sample("/x/a")), target_key(s1));

    OutputRouter r(OutputOptions{});
    SampleConfig d1 = testing::sample_for("devnull"), d2 = testing::sample_for("devnull");
    r.add_sample(1, d1);
    r.add_sample(2, d2);
    EXPECT_EQ(r.describe_outputs().size(), 1u);
}

TEST(OutputRouter, FailedTargetCountsEveryLaterBatchAsFailed) {
    OutputRouter r(OutputOptions{});
    r.add_sample(1, file_sample("/dev/full"));
    r.add_sample(2, file_sample("/dev/full"));
    EXPECT_FALSE(deliver(r, batch_of({"a", "b"}, 1)));
    std::string err = r.first_error();
    EXPECT_NE(err.find("No space left"), std::string::npos) << err;
    EXPECT_FALSE(deliver(r, batch_of({"c"}, 2)));  // the target takes no more
    EXPECT_EQ(r.counters(1).failed.load(), 2u);
    EXPECT_EQ(r.counters(1).events.load(), 0u);
    EXPECT_EQ(r.counters(2).failed.load(), 1u);
    r.count_failed(1, 4);
    EXPECT_EQ(r.counters(1).failed.load(), 6u);
    EXPECT_EQ(r.close_all(), err);  // the first error is the one reported
    ASSERT_EQ(r.describe_outputs().size(), 1u);
    EXPECT_NE(r.describe_outputs()[0].find("failed=7"), std::string::npos) << r.describe_outputs()[0];
}

TEST(OutputRouter, UnknownModeRejected) {
    OutputRouter r(OutputOptions{});
    SampleConfig c;
    c.output_mode = "carrier-pigeon";
    EXPECT_THROW(r.add_sample(1, c), OutputError);
}

TEST(OutputRouter, StdoutAndModinputGoToTheConfiguredDescriptor) {
    testing::PipeReader pipe;
    OutputOptions opt;
    opt.stdout_fd = pipe.write_fd();
    OutputRouter r(opt);
    r.add_sample(4, testing::sample_for("stdout"));
    EXPECT_TRUE(deliver(r, batch_of({"hello  "}, 4), "stdout"));
    EXPECT_EQ(r.close_all(), "");
    EXPECT_EQ(pipe.text(), "hello\n");
}

}  // namespace
}  // namespace eventgen
