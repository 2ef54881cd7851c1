// `| eventgen check` reports a jinja template error at its template file:line:column,
// without running the sample (the templates compile while the configuration is read).
#include <gtest/gtest.h>

#include "config/eventgen_conf.h"
#include "splunk/search_check.h"
#include "../temp_dir.h"

using namespace eventgen;
using namespace eventgen::search;

TEST(JinjaCheck, TemplateErrorsAreCheckRowsWithFileLineColumn) {
    eventgen::testing::TempDir dir;
    std::string conf = dir.write("app/default/eventgen.conf",
                                 "[fix]\ngenerator = jinja\njinja_target_template = orders.template\n");
    dir.write("app/samples/templates/orders.template", "{% import 'lib.template' as lib %}ok");
    dir.write("app/samples/templates/lib.template", "{% macro m() %}\n  {{ 1 + }}\n{% endmacro %}");
    EventgenConf c = load_eventgen_conf({ConfSource{conf, "app", dir.file("app")}});
    std::vector<InspectorMessage> messages;
    auto rows = run_check({c}, CheckRequest{}, messages);
    bool found = false;
    for (const auto& row : rows) {
        if (row[5] != "jinja_target_template") continue;
        found = true;
        EXPECT_EQ(row[0], "error");
        EXPECT_EQ(row[2], conf);
        EXPECT_EQ(row[3], "3");
        EXPECT_NE(row[6].find(dir.file("app/samples/templates/lib.template") + ":2:10:"), std::string::npos) << row[6];
        EXPECT_NE(row[6].find("expected an expression"), std::string::npos) << row[6];
    }
    EXPECT_TRUE(found);
}
