#include "outputs/sink.h"

#include <algorithm>

namespace eventgen {

uint64_t Sink::write(const FormattedBatch& batch) {
    uint64_t failed;
    try {
        failed = std::min<uint64_t>(send(batch), batch.events);
    } catch (const OutputError&) {
        stats_.failed += batch.events;
        throw;
    }
    stats_.events += batch.events - failed;
    stats_.failed += failed;
    return failed;
}

}  // namespace eventgen
