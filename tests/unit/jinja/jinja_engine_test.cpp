// Unit tests of the jinja engine's parts: lexer, parser errors, evaluation, filters,
// the loader and the SA-Eventgen time tags. (The differential test compares whole
// templates with Python's Jinja2.)
#include <gtest/gtest.h>

#include <fstream>

#include "generators/jinja/jinja_events.h"
#include "jinja/environment.h"
#include "jinja/lexer.h"
#include "jinja/parser.h"
#include "jinja/template_error.h"
#include "../temp_dir.h"
#include "../time/scoped_tz.h"

namespace eventgen::jinja {
namespace {

std::string render(const std::string& text, uint64_t seed = 1, double now = 1700000000) {
    Environment env({});
    const Template& t = env.add("t", text);
    Rng rng(seed);
    std::string out;
    std::vector<std::pair<int, Value>> vars;
    vars.emplace_back(intern("n"), Value::integer(7));
    vars.emplace_back(intern("items"), Value::list({Value::str("a"), Value::str("b"), Value::str("c")}));
    env.render(t, vars, rng, now, out);
    return out;
}

TemplateError error_of(const std::string& text) {
    try {
        render(text);
    } catch (const TemplateError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for: " << text;
    return TemplateError("", 0, 0, "");
}

TEST(JinjaLexer, TokensCarryLineAndColumn) {
    auto toks = tokenize("ab\n  {{ x + 1 }}", "f");
    ASSERT_GE(toks.size(), 6u);
    EXPECT_EQ(toks[0].type, Tok::Data);
    EXPECT_EQ(toks[1].type, Tok::VarBegin);
    EXPECT_EQ(toks[1].line, 2);
    EXPECT_EQ(toks[1].column, 3);
    EXPECT_EQ(toks[2].text, "x");
    EXPECT_EQ(toks[2].column, 6);
    EXPECT_EQ(toks[3].text, "+");
    EXPECT_EQ(toks[4].type, Tok::Integer);
}

TEST(JinjaLexer, LineStatementsAndLineComments) {
    auto toks = tokenize("# if x\nyes ## note\n# endif\n", "f");
    std::vector<Tok> types;
    for (auto& t : toks) types.push_back(t.type);
    std::vector<Tok> want = {Tok::BlockBegin, Tok::Name, Tok::Name, Tok::BlockEnd, Tok::Data, Tok::Data,
                             Tok::BlockBegin, Tok::Name, Tok::BlockEnd, Tok::Eof};
    EXPECT_EQ(types, want);
    EXPECT_EQ(toks[4].text, "yes");
}

TEST(JinjaLexer, StringEscapesAndNumbers) {
    auto toks = tokenize("{{ 'a\\tb' 1_000 2.5e1 }}", "f");
    EXPECT_EQ(toks[1].text, "a\tb");
    EXPECT_EQ(toks[2].text, "1000");
    EXPECT_EQ(toks[3].type, Tok::Float);
}

TEST(JinjaParser, ErrorsNameFileLineColumnAndWhatWasExpected) {
    auto e = error_of("line one\n{% for x in items %}\n{{ x }}");
    EXPECT_EQ(e.line(), 3);
    EXPECT_NE(e.message().find("'endfor'"), std::string::npos) << e.what();
    e = error_of("{{ 1 + }}");
    EXPECT_EQ(e.line(), 1);
    EXPECT_EQ(e.column(), 8);
    EXPECT_NE(e.message().find("expected an expression"), std::string::npos) << e.what();
    e = error_of("\n\n   {% frob %}");
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 7);
    EXPECT_NE(e.message().find("unknown tag 'frob'"), std::string::npos);
    e = error_of("{{ x|nosuch }}");
    EXPECT_NE(e.message().find("no filter named 'nosuch'"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).rfind("t:1:6: ", 0), 0u) << e.what();
}

TEST(JinjaParser, RuntimeErrorsNameTheExpression) {
    auto e = error_of("ok\n  {{ 1 / 0 }}");
    EXPECT_EQ(e.line(), 2);
    EXPECT_NE(e.message().find("division by zero"), std::string::npos);
    e = error_of("{{ missing.attr }}");
    EXPECT_NE(e.message().find("'missing' is undefined"), std::string::npos);
}

TEST(JinjaParser, PathologicalInputIsAnErrorNotACrash) {
    auto e = error_of("{{ " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }}");
    EXPECT_NE(e.message().find("nested more than 256 deep"), std::string::npos) << e.what();
    std::string ifs;
    for (int k = 0; k < 1000; ++k) ifs += "{% if true %}";
    e = error_of(ifs);
    EXPECT_NE(e.message().find("nested more than 256 deep"), std::string::npos);
    e = error_of("{{ range(10**12)|list|length }}");
    EXPECT_NE(e.message().find("too large"), std::string::npos);
    e = error_of("{{ 'x' * 10**12 }}");
    EXPECT_NE(e.message().find("larger than 1 GiB"), std::string::npos);
    e = error_of("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}");
    EXPECT_NE(e.message().find("recursion"), std::string::npos);
}

TEST(JinjaEval, PythonArithmeticAndPrecedence) {
    EXPECT_EQ(render("{{ 1 + 2 * 3 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }}"), "7 -4 2 3.5 1024");
    EXPECT_EQ(render("{{ 0.1 + 0.2 }} {{ 1e16 }} {{ 3.0 }}"), "0.30000000000000004 1e+16 3.0");
    EXPECT_EQ(render("{{ 'a' ~ 1 ~ none }} {{ 1 < 2 < 3 }} {{ 'b' in items }}"), "a1None True True");
    EXPECT_EQ(render("{{ 'x' if n > 5 else 'y' }} {{ not n is even }}"), "x True");
}

TEST(JinjaEval, LoopsScopesAndMacros) {
    EXPECT_EQ(render("{% for i in items %}{{ loop.index }}{{ i }}{% if loop.last %}!{% endif %}{% endfor %}"), "1a2b3c!");
    EXPECT_EQ(render("{% set x = 1 %}{% for i in range(2) %}{% set x = x + 5 %}{{ x }}{% endfor %}{{ x }}"), "661");
    EXPECT_EQ(render("{% macro m(a, b=2) %}{{ a + b }}{% endmacro %}{{ m(1) }}{{ m(1, b=5) }}"), "36");
    EXPECT_EQ(render("{% for i in range(9) %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}"), "012");
    EXPECT_EQ(render("{% set ns = namespace(t=0) %}{% for i in range(4) %}{% set ns.t = ns.t + i %}{% endfor %}{{ ns.t }}"), "6");
}

TEST(JinjaFilters, CommonFilters) {
    EXPECT_EQ(render("{{ '42'|int + 1 }} {{ 'x'|int(5) }} {{ 3.14159|round(2) }} {{ -3|abs }}"), "43 5 3.14 3");
    EXPECT_EQ(render("{{ items|join('-')|upper }} {{ items|length }} {{ items|first }}{{ items|last }}"), "A-B-C 3 ac");
    EXPECT_EQ(render("{{ [3, 1, 2]|sort }} {{ [1, 1, 2]|unique|list }} {{ [1, 2, 3]|sum }}"), "[1, 2, 3] [1, 2] 6");
    EXPECT_EQ(render("{{ {'b': 1, 'a': '<'}|tojson }}"), "{\"a\": \"\\u003c\", \"b\": 1}");
    EXPECT_EQ(render("{{ missing|default('d') }} {{ '%05.1f'|format(3.14159) }}"), "d 003.1");
}

TEST(JinjaFilters, RandomDrawsFromTheSeededStream) {
    std::string t = "{% for i in range(30) %}{{ range(1000)|random }},{% endfor %}";
    EXPECT_EQ(render(t, 42), render(t, 42));
    EXPECT_NE(render(t, 42), render(t, 43));
    // Literal lists are drawn from on every render (Jinja2 would fold them once).
    std::string lit = "{% for i in range(20) %}{{ [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]|random }}{% endfor %}";
    std::string out = render(lit, 5);
    EXPECT_NE(out, std::string(20, out[0]));
}

TEST(JinjaTimeTags, TimeNowAndTimeSlice) {
    testing::ScopedTz utc("UTC");
    EXPECT_EQ(render("{% time_now %}{{ time_now_epoch }} {{ time_now_formatted }}", 1, 1700000000.7),
              "1700000000.0 2023-11-14T22:13:20");
    EXPECT_EQ(render("{% time_slice earliest='1234', latest='2345', count=2, slices='5' %}{{ time_target_epoch }}"),
              "1678.4");
    EXPECT_EQ(render("{% time_slice earliest=0, latest=10, count=1, slices=2, date_format='%H:%M:%S.%f' %}"
                     "{{ time_target_formatted }}"),
              "00:00:05.000000");
    auto e = error_of("{% time_backfill %}");
    EXPECT_NE(e.message().find("time_backfill"), std::string::npos);
}

TEST(JinjaLoader, IncludesAreCompiledUpFrontAndMissingOnesAreLocated) {
    testing::TempDir dir;
    std::ofstream(dir.file("main.t")) << "a\n{% include 'part.t' %}\n{% import 'lib.t' as lib %}{{ lib.x }}";
    std::ofstream(dir.file("part.t")) << "[part]";
    std::ofstream(dir.file("lib.t")) << "{% set x = 'X' %}";
    Environment env({dir.path().string()});
    const Template& t = env.load("main.t");
    Rng rng(1);
    std::string out;
    env.render(t, {}, rng, 0, out);
    EXPECT_EQ(out, "a\n[part]\nX");

    std::ofstream(dir.file("bad.t")) << "x\n  {% include 'gone.t' %}";
    try {
        env.load("bad.t");
        FAIL() << "missing include not reported";
    } catch (const TemplateError& e) {
        EXPECT_EQ(e.line(), 2);
        EXPECT_EQ(e.column(), 14);
        EXPECT_NE(e.message().find("'gone.t' not found"), std::string::npos) << e.what();
    }
    std::ofstream(dir.file("syntax.t")) << "ok\n{% include 'broken.t' %}";
    std::ofstream(dir.file("broken.t")) << "\n\n{{ ( }}";
    try {
        env.load("syntax.t");
        FAIL() << "error in an included template not reported";
    } catch (const TemplateError& e) {
        EXPECT_NE(e.file().find("broken.t"), std::string::npos) << e.what();
        EXPECT_EQ(e.line(), 3);
    }
}

TEST(JinjaJson, VariablesFromJson) {
    std::string err;
    Value v = value_from_json("{\"a\": [1, 2.5, \"x\", null, true]}", err);
    EXPECT_TRUE(err.empty());
    EXPECT_EQ(to_str(v), "{'a': [1, 2.5, 'x', None, True]}");
    value_from_json("{\"a\": ", err);
    EXPECT_FALSE(err.empty());
}

}  // namespace
}  // namespace eventgen::jinja

namespace eventgen {
namespace {

std::vector<JinjaEvent> read_all(const std::string& text, std::vector<std::string>* bad = nullptr) {
    JinjaEventReader r(text);
    std::vector<JinjaEvent> out;
    JinjaEvent ev;
    std::string err;
    size_t off;
    while (true) {
        auto res = r.next(ev, err, off);
        if (res == JinjaEventReader::Result::End) break;
        if (res == JinjaEventReader::Result::Event) out.push_back(ev);
        else if (bad) bad->push_back(text.substr(off, text.find('\n', off) - off));
    }
    return out;
}

TEST(JinjaEventReader, ObjectsPerLineAcrossLinesAndJoined) {
    std::vector<std::string> bad;
    auto evs = read_all("\n{\"_time\": 12.5, \"_raw\": \"a\"}\n\n  {\"_time\": \"13\",\n \"_raw\": \"multi\nline\", "
                        "\"host\": \"h\", \"x\": [1, {\"y\": null}]}{\"_time\":1,\"_raw\":\"j\\u00e9\\n\"}\nnot json\n"
                        "{\"_raw\": \"no time\"}\n",
                        &bad);
    ASSERT_EQ(evs.size(), 4u);
    EXPECT_EQ(*evs[0].time, 12.5);
    EXPECT_EQ(evs[1].raw, "multi\nline");
    EXPECT_TRUE(evs[1].has_host);
    EXPECT_EQ(evs[1].host, "h");
    EXPECT_EQ(*evs[1].time, 13);
    EXPECT_EQ(evs[2].raw, "j\xc3\xa9\n");
    EXPECT_FALSE(evs[3].has_time);
    ASSERT_EQ(bad.size(), 1u);
    EXPECT_EQ(bad[0], "not json");
}

}  // namespace
}  // namespace eventgen

namespace eventgen::jinja {
namespace {

// Not Eventgen's default (SA-Eventgen's environment does not autoescape), but a
// template may turn it on for a block; Markup values pass, everything else is escaped.
TEST(JinjaAutoescape, BlocksEscapeAndMarkupPasses) {
    EXPECT_EQ(render(R"({% autoescape true %}{{ "<a&>" }} {{ "<b>"|safe }} {{ "<c>"|e }}{% endautoescape %} {{ "<d>" }})"),
              "&lt;a&amp;&gt; <b> &lt;c&gt; <d>");
    EXPECT_EQ(render(R"({% autoescape true %}{{ "<"|safe ~ "<" }} {{ "'"|safe + "\"" }}{% endautoescape %})"),
              "<&lt; '&#34;");
    EXPECT_EQ(render(R"({% autoescape true %}{% set b %}<{{ "&" }}>{% endset %}{{ b }} {{ b is escaped }}{% endautoescape %})"),
              "<&amp;> True");
}

TEST(JinjaFilters, StriptagsDecodesEntitiesAsMarkupsafe) {
    EXPECT_EQ(render(R"({{ "a <!-- <x> --> <b>&amp; &lt;c&gt; &#65;&#x42;</b> <open"|striptags }})"),
              "a & <c> AB <open");
}

}  // namespace
}  // namespace eventgen::jinja
