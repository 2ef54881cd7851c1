// Finding the executable when the app starts it through its bundled loader.
#include "common/self_exe.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace eventgen {
namespace {

TEST(SelfExe, RecognisesGlibcLoadersOnly) {
    EXPECT_TRUE(is_dynamic_loader_path("/opt/splunk/etc/apps/SA-Eventgen/linux_x86_64/bin/ld-linux-x86-64.so.2"));
    EXPECT_TRUE(is_dynamic_loader_path("/x/linux_aarch64/bin/ld-linux-aarch64.so.1"));
    EXPECT_TRUE(is_dynamic_loader_path("/lib/ld-linux.so.2"));
    EXPECT_FALSE(is_dynamic_loader_path("/x/linux_x86_64/bin/eventgen"));
    EXPECT_FALSE(is_dynamic_loader_path("/usr/bin/ld"));
    EXPECT_FALSE(is_dynamic_loader_path(""));
}

TEST(SelfExe, AStrayEventgenExeIsIgnoredWhenNotStartedThroughTheLoader) {
    ASSERT_FALSE(started_through_loader());  // the test binary runs as itself
    ::setenv("EVENTGEN_EXE", "/somewhere/else/eventgen", 1);
    std::string self = self_executable();
    ::unsetenv("EVENTGEN_EXE");
    EXPECT_NE(self, "/somewhere/else/eventgen");
    EXPECT_NE(self.find("eventgen_unit_tests"), std::string::npos) << self;
}

}  // namespace
}  // namespace eventgen
