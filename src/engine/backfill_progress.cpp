#include "engine/backfill_progress.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace eventgen {

void BackfillProgress::add_window(uint32_t sample, TimeUs from, TimeUs to, const std::string& label) {
    if (to <= from) return;  // nothing to fill
    Window w;
    w.from = w.reached = from;
    w.to = to;
    w.label = label;
    windows_[sample] = w;
}

void BackfillProgress::handed_out(uint32_t sample, TimeUs reached, uint64_t events) {
    auto it = windows_.find(sample);
    if (it == windows_.end()) return;
    it->second.reached = std::clamp(reached, it->second.reached, it->second.to);
    it->second.handed += events;
}

void BackfillProgress::all_handed_out(uint32_t sample) {
    auto it = windows_.find(sample);
    if (it != windows_.end()) it->second.reached = it->second.to;
}

void BackfillProgress::set_delivered(uint32_t sample, uint64_t events) {
    auto it = windows_.find(sample);
    if (it != windows_.end()) it->second.delivered = std::min(events, it->second.handed);
}

bool BackfillProgress::active() const {
    for (const auto& [id, w] : windows_)
        if (!w.finished()) return true;
    return false;
}

double BackfillProgress::share_done() const {
    double total = 0, done = 0;
    for (const auto& [id, w] : windows_) {
        double length = static_cast<double>(w.to - w.from);
        double handed = static_cast<double>(w.reached - w.from) / length;
        double delivered = w.handed > 0 ? static_cast<double>(w.delivered) / static_cast<double>(w.handed) : 1.0;
        total += length;
        done += length * handed * delivered;
    }
    return total > 0 ? done / total : 1.0;
}

uint64_t BackfillProgress::events() const {
    uint64_t n = 0;
    for (const auto& [id, w] : windows_) n += w.delivered;
    return n;
}

namespace {

std::string window_label(const std::map<uint32_t, std::string>& labels) {
    std::string first;
    bool same = true;
    for (const auto& [id, l] : labels) {
        if (first.empty()) first = l;
        same = same && l == first;
    }
    if (labels.size() == 1 || same) return first;
    return std::to_string(labels.size()) + " samples";
}

std::string duration(double seconds) {
    std::ostringstream out;
    if (seconds < 10) {
        out.setf(std::ios::fixed);
        out.precision(1);
        out << seconds << "s";
        return out.str();
    }
    long s = std::lround(seconds);
    if (s >= 3600) out << s / 3600 << "h" << (s % 3600) / 60 << "m";
    else if (s >= 60) out << s / 60 << "m" << s % 60 << "s";
    else out << s << "s";
    return out.str();
}

}  // namespace

std::string BackfillProgress::line(double seconds) const {
    std::map<uint32_t, std::string> labels;
    for (const auto& [id, w] : windows_) labels[id] = w.label;
    const double share = share_done();
    const uint64_t n = events();
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(1);
    out << "backfill " << share * 100 << "% done (" << window_label(labels) << "): " << n << " events, "
        << static_cast<uint64_t>(seconds > 0 ? static_cast<double>(n) / seconds : 0) << " events/s";
    if (share > 0.001 && share < 1) out << ", about " << duration(seconds * (1 - share) / share) << " left";
    return out.str();
}

std::string BackfillProgress::done_line(double seconds) const {
    std::ostringstream out;
    out << "backfill done: " << events() << " events in " << duration(seconds);
    return out.str();
}

}  // namespace eventgen
