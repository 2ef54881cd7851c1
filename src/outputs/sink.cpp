#include "outputs/sink.h"

#include <algorithm>

namespace eventgen {

uint64_t Sink::write(const FormattedBatch& batch) {
    uint64_t failed;
    try {
        failed = std::min<uint64_t>(send(batch), batch.events);
    } catch (const OutputError& e) {
        // Events that reached the target before it failed (a full disk) still count.
        uint64_t delivered = std::min<uint64_t>(e.delivered(), batch.events);
        stats_.events += delivered;
        stats_.failed += batch.events - delivered;
        throw;
    }
    stats_.events += batch.events - failed;
    stats_.failed += failed;
    return failed;
}

}  // namespace eventgen
