#include "engine/batch_writer.h"

#include <cstring>
#include <string>

#include "common/log.h"

namespace eventgen {

BatchWriter::BatchWriter(OutputRouter& router, JobTracker& tracker, Doorbell& bell, size_t workers)
    : router_(router), tracker_(tracker), bell_(bell), channels_(workers, nullptr), worker_bells_(workers, nullptr) {}

BatchWriter::~BatchWriter() {
    if (thread_.joinable()) finish();
}

void BatchWriter::attach(size_t index, WorkerChannel* channel, Doorbell* worker_bell) {
    std::lock_guard<std::mutex> lock(mu_);
    channels_[index] = channel;
    worker_bells_[index] = worker_bell;
}

void BatchWriter::start() { thread_ = std::thread([this] { loop(); }); }

void BatchWriter::finish() {
    finishing_.store(true);
    bell_.ring();
    if (thread_.joinable()) thread_.join();
}

std::vector<uint64_t> BatchWriter::ring_depths() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<uint64_t> out;
    for (auto* ch : channels_)
        out.push_back(ch ? ch->published.load() - ch->consumed.load() : 0);
    return out;
}

uint64_t BatchWriter::passes_started() const {
    std::lock_guard<std::mutex> lock(mu_);
    return passes_;
}

bool BatchWriter::drain_once() {
    std::vector<WorkerChannel*> channels;
    std::vector<Doorbell*> bells;
    {
        std::lock_guard<std::mutex> lock(mu_);
        channels = channels_;
        bells = worker_bells_;
        ++passes_;
    }
    bool any = false;
    for (size_t w = 0; w < channels.size(); ++w) {
        WorkerChannel* ch = channels[w];
        if (!ch) continue;
        uint32_t index = 0;
        // Take a few slots per worker per round so every worker is served.
        for (int taken = 0; taken < 4 && ch->full.pop(index); ++taken) {
            any = true;
            const Slot& slot = ch->slots[index];
            const SlotHeader& h = slot.header;
            FormattedBatch batch;
            batch.sample = h.sample;
            batch.events = h.events;
            batch.data = std::string_view(slot.data, h.data_bytes);
            batch.event_ends = slot.event_ends;
            batch.raw_bytes = h.raw_bytes;
            batch.output_bytes = h.output_bytes;
            try {
                if (h.flags & kSlotDelivered) {
                    std::string error =
                        (h.flags & kSlotFailed) ? std::string(h.error, strnlen(h.error, sizeof h.error)) : "";
                    if (!router_.record_direct(batch, h.direct_failed, error, h.direct_resent))
                        output_failed_.store(true);
                } else if (h.events > 0 && !router_.deliver(batch)) {
                    output_failed_.store(true);
                }
                router_.count_rejected(h.sample, h.failed);
            } catch (const std::exception& e) {
                // The writer's error boundary: the slot is still returned and its job's
                // progress reported, so nothing waits for it forever.
                LOG_ERROR("writer: batch of sample #" << h.sample << " (" << h.events << " events) failed: " << e.what());
                output_failed_.store(true);
            }
            tracker_.progress(h.job_id, h.events + h.failed, (h.flags & kSlotJobDone) != 0);
            ch->consumed.fetch_add(1, std::memory_order_release);
            ch->free_slots.push(index);
            if (bells[w]) bells[w]->ring();
        }
    }
    return any;
}

void BatchWriter::loop() {
    while (true) {
        if (drain_once()) continue;
        if (finishing_.load()) {
            // One last pass: anything published before finish() was called.
            while (drain_once()) {
            }
            return;
        }
        bell_.wait(100);
    }
}

}  // namespace eventgen
