// Renders a batch of templates with Eventgen's jinja engine for the differential test
// (tests/jinja/differential.py renders the same cases with Python's Jinja2).
// Input (argv[1]): JSON {"cases": [{"name", "dir", "main", "vars", "seed", "now"}]}.
// Output (stdout): one JSON object per line: {"name", "output"} or {"name", "error"}.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "common/rng.h"
#include "jinja/environment.h"
#include "jinja/template_error.h"

using namespace eventgen;
using namespace eventgen::jinja;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: jinja_render CASES.json\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc;
    doc.Parse(text.str().c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("cases")) {
        std::cerr << "jinja_render: bad cases file\n";
        return 2;
    }
    for (auto& c : doc["cases"].GetArray()) {
        rapidjson::StringBuffer buf;
        rapidjson::Writer<rapidjson::StringBuffer> w(buf);
        w.StartObject();
        w.Key("name");
        w.String(c["name"].GetString());
        try {
            Environment env({c["dir"].GetString()});
            const Template& t = env.load(c["main"].GetString());
            rapidjson::StringBuffer vb;
            rapidjson::Writer<rapidjson::StringBuffer> vw(vb);
            c["vars"].Accept(vw);
            std::string err;
            Value vars = value_from_json(vb.GetString(), err);
            std::vector<std::pair<int, Value>> v;
            for (auto& [k, x] : vars.dict_items()) v.emplace_back(intern(k.s()), x);
            Rng rng(c["seed"].GetUint64());
            std::string out;
            env.render(t, v, rng, c["now"].GetDouble(), out);
            w.Key("output");
            w.String(out.c_str(), static_cast<rapidjson::SizeType>(out.size()));
        } catch (const TemplateError& e) {
            w.Key("error");
            w.String(e.what());
        } catch (const std::exception& e) {
            w.Key("error");
            w.String((std::string("unexpected: ") + e.what()).c_str());
        }
        w.EndObject();
        std::cout << buf.GetString() << "\n";
    }
    return 0;
}
