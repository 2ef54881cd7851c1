// SA-Eventgen's jinja time extension: {% time_now %}, {% time_slice %} and our
// {% time_delta %}. Each sets two variables in the current scope: <base>_epoch (a
// float, as SA-Eventgen's) and <base>_formatted (strftime in local time, %f for
// microseconds, %z/%Z empty as for Python's naive datetimes).
#include <cmath>
#include <ctime>

#include "jinja/interp.h"
#include "jinja/text.h"

namespace eventgen::jinja {

namespace {

const char* kDefaultFormat = "%Y-%m-%dT%H:%M:%S%z";

// datetime.fromtimestamp(epoch).strftime(format)
std::string format_local(double epoch, const std::string& format) {
    double whole;
    double frac = std::modf(epoch, &whole);
    double us = std::nearbyint(frac * 1e6);
    if (us >= 1e6) {
        us -= 1e6;
        whole += 1;
    } else if (us < 0) {
        us += 1e6;
        whole -= 1;
    }
    time_t t = static_cast<time_t>(whole);
    struct tm tm {};
    localtime_r(&t, &tm);
    std::string fmt;
    char usbuf[16];
    std::snprintf(usbuf, sizeof usbuf, "%06d", static_cast<int>(us));
    for (size_t k = 0; k < format.size(); ++k) {
        if (format[k] == '%' && k + 1 < format.size()) {
            char c = format[k + 1];
            if (c == 'f') {
                fmt += usbuf;
                ++k;
                continue;
            }
            if (c == 'z' || c == 'Z') {
                ++k;
                continue;
            }
            fmt += format[k];
            fmt += c;
            ++k;
            continue;
        }
        fmt += format[k];
    }
    if (fmt.empty()) return "";
    std::string out(fmt.size() * 4 + 64, '\0');
    size_t n = std::strftime(out.data(), out.size(), fmt.c_str(), &tm);
    out.resize(n);
    return out;
}

double number(const Value& v, const char* what) {
    double d;
    if (v.is_undefined()) undefined_error(v);
    if (!to_float(v, d)) throw RuntimeFault{std::string(what) + " must be a number, not " + to_repr(v)};
    return d;
}
int64_t integer(const Value& v, const char* what) {
    int64_t i;
    if (v.is_undefined()) undefined_error(v);
    if (v.kind == Kind::Float) return static_cast<int64_t>(std::trunc(v.f));
    if (!to_int(v, i)) throw RuntimeFault{std::string(what) + " must be an integer, not " + to_repr(v)};
    return i;
}

}  // namespace

void TimeTagStmt::exec(Interp& in, std::string&) const {
    CallArgs a;
    for (auto& e : args) a.pos.push_back(e->eval(in));
    for (auto& k : kwargs) a.kw.emplace_back(k.name, k.value->eval(in));
    auto get = [&](size_t i, const char* n) { return a.get(i, n); };
    double epoch;
    std::string format = kDefaultFormat;
    if (tag == "time_now") {
        epoch = std::floor(in.now);  // time.mktime(time.localtime()): whole seconds
        if (const Value* f = get(0, "date_format")) format = to_str(*f);
    } else if (tag == "time_slice") {
        const Value *e = get(0, "earliest"), *l = get(1, "latest"), *c = get(2, "count"), *s = get(3, "slices");
        if (!e || !l || !c || !s) throw RuntimeFault{"time_slice needs earliest, latest, count and slices"};
        double earliest = number(*e, "earliest"), latest = number(*l, "latest");
        int64_t slices = integer(*s, "slices"), target = integer(*c, "count");
        if (slices == 0) throw RuntimeFault{"float division by zero (slices = 0)"};
        double size = (latest - earliest) / static_cast<double>(slices);
        epoch = (size * static_cast<double>(target)) + earliest;
        if (const Value* f = get(4, "date_format")) format = to_str(*f);
    } else {  // time_delta: a time shifted by seconds (earliest defaults to now)
        const Value* e = get(0, "earliest");
        const Value* d = get(1, "delta");
        epoch = (e ? number(*e, "earliest") : std::floor(in.now)) + (d ? number(*d, "delta") : 0.0);
        if (const Value* f = get(2, "date_format")) format = to_str(*f);
    }
    in.frame->set(epoch_sym, Value::real(epoch));
    in.frame->set(formatted_sym, Value::str(format_local(epoch, format)));
}

}  // namespace eventgen::jinja
