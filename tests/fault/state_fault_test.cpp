// integerid state under crashes (issue 18 item 10): it was only saved on a clean
// exit, so ids repeated after kill -9, a crash or an OOM kill, and the state file
// was created 0666 under umask 000.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>

#include "fault_util.h"
#include "process.h"

namespace fs = std::filesystem;
using namespace eventgen::test;

TEST(IntegerIdState, IdsNeverRepeatAfterKill9AndTheFileIgnoresTheUmask) {
    std::string app = fault_ids_app("outputMode = file\ncount = 1000\ninterval = 1\nend = -1\n");
    std::string out1 = app + "/run1.log";
    std::string conf = read_text(app + "/default/eventgen.conf");
    write_file(app + "/default/eventgen.conf", conf + "fileName = " + out1 + "\n");
    mode_t old_mask = umask(0);
    {
        RunningProcess p({binary_path(), "generate", app});
        ASSERT_TRUE(wait_until([&] { return lines_of(read_text(out1)).size() >= 2000; }, 20000)) << p.err();
        p.signal(SIGKILL);  // no clean exit, no summary, no final save
        ASSERT_TRUE(p.wait_exit(std::chrono::seconds(10)));
    }
    umask(old_mask);
    std::string state;
    for (const auto& e : fs::directory_iterator(app + "/samples"))
        if (e.path().filename().string().rfind("state.", 0) == 0) state = e.path().string();
    ASSERT_FALSE(state.empty()) << "no integerid state file after kill -9";
    struct stat st {};
    ASSERT_EQ(stat(state.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u) << "state file mode under umask 000";

    auto first = id_counts_of(lines_of(read_text(out1)));
    std::string out2 = app + "/run2.log";
    write_file(app + "/default/eventgen.conf",
               conf.substr(0, conf.find("end = -1")) + "end = 1\nfileName = " + out2 + "\n");
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(30));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto second = id_counts_of(lines_of(read_text(out2)));
    ASSERT_EQ(second.size(), 1000u);
    long repeated = 0, max_first = -1;
    for (const auto& [id, n] : first) max_first = std::max(max_first, id);
    for (const auto& [id, n] : second) repeated += first.count(id);
    EXPECT_EQ(repeated, 0) << "ids of the killed run came again (last id of run 1: " << max_first << ")";
}
