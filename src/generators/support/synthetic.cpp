#include "generators/support/synthetic.h"

namespace eventgen {

double PreparedSynthetic::average_event_bytes(TimeUs now) const {
    auto probe = make_(config_, 0, 0x5EED);
    Job job;
    job.count = job.interval_total = 1000;
    job.earliest = job.latest = job.now = now;
    uint64_t events = 0, bytes = 0;
    probe->generate(job, [&](EventBatch& b) {
        events += b.size();
        bytes += b.raw_bytes() + b.size();  // newline included
        return true;
    });
    return events ? static_cast<double>(bytes) / static_cast<double>(events) : 1.0;
}

}  // namespace eventgen
