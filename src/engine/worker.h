#pragma once
// A generator worker: takes jobs from its channel, renders the events with its own
// copy of the samples, formats them for their outputs and hands full slots to the
// writer. Runs the same in a thread or in a forked process. When it writes outputs
// itself (useOutputQueue = false), a sender thread of its process does the writing
// while the worker fills the next slot.
#include <memory>
#include <string>
#include <vector>

#include "engine/doorbell.h"
#include "engine/worker_channel.h"
#include "engine/worker_sender.h"
#include "generators/generator.h"
#include "outputs/event_format.h"
#include "outputs/sink.h"

namespace eventgen {

struct WorkerSample {
    std::unique_ptr<Generator> generator;
    std::unique_ptr<EventFormat> format;
    // Set when the worker writes this sample's output itself (useOutputQueue = false);
    // the writer then only does the accounting.
    std::unique_ptr<Sink> direct;
    std::string generator_name;  // the sample's name, for error messages
    std::string output_name;     // its output mode
};

class Worker {
public:
    Worker(std::vector<WorkerSample> samples, WorkerChannel& channel, Doorbell& wakeup, Doorbell& writer_bell);
    // Runs until the channel's stop flag is set and no job is left to start.
    void run();

private:
    void run_job(const JobMessage& msg);
    bool acquire_slot();  // false when stopping
    void publish(uint32_t flags);
    // Writes a published slot to its direct output, if any, and hands it to the writer
    // (on the sender thread when there is one).
    void deliver(uint32_t index);
    void write_direct(WorkerSample& ws, Slot& slot);
    bool stop_given_up();
    // Formats the batch's events into slots; false when stopping.
    bool add_events(const EventBatch& batch, EventFormat& format);
    // `writes`: format.writes_bytes(), asked once per batch.
    bool add_event(const EventView& e, EventFormat& format, bool writes);
    // add_events for a format that writes raw lines (EventFormat::writes_raw_lines).
    bool add_raw_lines(const EventBatch& batch, EventFormat& format);
    // Records an event just written at the end of the slot's data: `size` bytes there,
    // `raw_size` of raw text, `output_size` of output.
    void count_in_slot(size_t size, size_t raw_size, size_t output_size);

    std::vector<WorkerSample> samples_;
    WorkerChannel& ch_;
    Doorbell& wakeup_;
    Doorbell& writer_bell_;
    Slot* slot_ = nullptr;
    uint32_t slot_index_ = 0;
    uint64_t job_id_ = 0;
    uint64_t job_written_ = 0;  // events of the current job already published
    uint64_t job_accounted_ = 0;  // ... plus those counted failed (what the tracker sees)
    uint32_t sample_ = 0;
    std::unique_ptr<SlotSender> sender_;  // when some sample writes directly
    // Delivery side (the sender thread's):
    bool direct_failed_ = false;  // a direct output failed: stop writing, count the rest failed
    bool stop_given_up_ = false;  // stopping and the output takes nothing: count the rest failed
    int64_t stop_seen_ms_ = -1;   // when delivery first saw the stop request (steady clock)
    std::string overflow_;  // an event that did not fit the rest of its slot
};

}  // namespace eventgen
