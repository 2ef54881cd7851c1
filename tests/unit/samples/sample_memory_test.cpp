// A large CSV sample costs at most about twice its file size once compiled (the
// bound bench/memory/csv_memory.sh measures as resident memory on a 40 MB file).
// Measured here as heap bytes in use (glibc's mallinfo2), which is exact and does
// not depend on what else the process holds.
#include <gtest/gtest.h>
#include <malloc.h>

#include <cstdio>

#include "sample_test_util.h"

namespace eventgen {
namespace {

size_t heap_in_use() {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;  // small chunks in use + mmap'd chunks
}

// Apache-style rows with a handful of host/source combinations, about 300 bytes each.
std::string access_csv(size_t target_bytes) {
    std::string text = "_time,index,host,source,sourcetype,_raw\n";
    char row[512];
    for (unsigned n = 0; text.size() < target_bytes; ++n) {
        std::snprintf(row, sizeof row,
                      "%u,main,web%02u,/var/log/httpd/access_%u.log,access_combined,\"10.%u.%u.%u - - "
                      "[04/Jan/2014:20:54:%02u +0000] \"\"GET /product/%u?cat=%u&session=%u HTTP/1.1\"\" 200 %u "
                      "\"\"http://shop.example.com/cart/%u\"\" \"\"Mozilla/5.0 (X11; Linux x86_64) "
                      "AppleWebKit/537.36 Chrome/%u.0\"\"\"\n",
                      1388868874 + n, n % 40, n % 3, n % 250, (n * 7) % 250, (n * 13) % 250, n % 60, n * 7919 % 100000,
                      n % 50, n * 2654435761u, 100 + n % 9000, n, 10 + n % 90);
        text += row;
    }
    return text;
}

TEST(SampleMemory, LargeCsvStaysWithinTwiceItsFileSize) {
    testing::TempDir dir;
    testing::SampleSetup s;
    s.file_name = "access.csv";
    s.settings = {{"sampletype", "csv"}};
    s.contents = access_csv(8 << 20);
    s.tokens.push_back(testing::token_spec(0, "\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2}", "timestamp",
                                           "%d/%b/%Y:%H:%M:%S"));
    s.tokens.push_back(testing::token_spec(1, "session=(\\d+)", "random", "integer[1:999999999]"));
    const size_t file_bytes = s.contents.size();
    SampleConfig config = testing::make_config(dir, s);
    s.contents.clear();
    s.contents.shrink_to_fit();
    const size_t before = heap_in_use();
    CompiledSample sample = CompiledSample::compile(config);
    const size_t used = heap_in_use() - before;
    std::printf("%zu events from a %.1f MB CSV: %.1f MB compiled (%.2f x the file)\n", sample.size(),
                file_bytes / 1e6, used / 1e6, static_cast<double>(used) / static_cast<double>(file_bytes));
    EXPECT_GT(sample.size(), 25000u);
    EXPECT_EQ(sample.metadata_sets(), 120u);  // 40 hosts x 3 sources, each kept once
    EXPECT_LT(used, 2 * file_bytes + (1 << 20));
    // Every worker clone shares the events: a clone costs next to nothing.
    const size_t before_clone = heap_in_use();
    CompiledSample clone = sample.clone();
    EXPECT_LT(heap_in_use() - before_clone, 64u << 10);
}

}  // namespace
}  // namespace eventgen
