// How run-time output errors name what failed: the stanza's place, the output and its
// target, and any $VARIABLE left unexpanded because it is not set.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "outputs/output_router.h"

using namespace eventgen;

TEST(OutputLabel, NamesFileLineStanzaModeAndTarget) {
    SampleConfig c;
    c.def.stanza = "web.log";
    c.output_mode = "s2s";
    c.def.settings.set("outputMode", Setting{"s2s", ConfLocation{"/apps/a/default/eventgen.conf", 7, "web.log", "outputMode"}});
    EXPECT_EQ(output_label(c, "s2s idx1:9997"), "/apps/a/default/eventgen.conf:7: [web.log] outputMode = s2s (s2s idx1:9997)");
    SampleConfig bare;
    bare.def.stanza = "x";
    bare.output_mode = "stdout";
    EXPECT_EQ(output_label(bare, "stdout"), "[x] outputMode = stdout (stdout)");
}

TEST(OutputLabel, UnsetVariablesAreNamedOnce) {
    unsetenv("EG_LABEL_TEST_A");
    unsetenv("EG_LABEL_TEST_B");
    setenv("EG_LABEL_TEST_SET", "1", 1);
    EXPECT_EQ(with_unset_variables_named("cannot open '$EG_LABEL_TEST_A/x'"),
              "cannot open '$EG_LABEL_TEST_A/x' ($EG_LABEL_TEST_A is not set)");
    EXPECT_EQ(with_unset_variables_named("$EG_LABEL_TEST_A ${EG_LABEL_TEST_B} $EG_LABEL_TEST_A $EG_LABEL_TEST_SET $5 $"),
              "$EG_LABEL_TEST_A ${EG_LABEL_TEST_B} $EG_LABEL_TEST_A $EG_LABEL_TEST_SET $5 $ "
              "($EG_LABEL_TEST_A $EG_LABEL_TEST_B are not set)");
    EXPECT_EQ(with_unset_variables_named("no variables here"), "no variables here");
    unsetenv("EG_LABEL_TEST_SET");
}
