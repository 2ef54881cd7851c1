#include "engine/worker.h"

#include <chrono>
#include <cstdio>
#include <cstring>

#include "common/log.h"

namespace eventgen {

Worker::Worker(std::vector<WorkerSample> samples, WorkerChannel& channel, Doorbell& wakeup, Doorbell& writer_bell)
    : samples_(std::move(samples)), ch_(channel), wakeup_(wakeup), writer_bell_(writer_bell) {}

void Worker::run() {
    // Started here, on the worker's own thread or process (never in a parent that forks).
    for (const WorkerSample& ws : samples_)
        if (ws.direct && !sender_) sender_ = std::make_unique<SlotSender>([this](uint32_t i) { deliver(i); }, wakeup_);
    JobMessage msg;
    while (true) {
        if (ch_.jobs.pop(msg)) {
            if (!ch_.stop.load(std::memory_order_acquire)) run_job(msg);
            continue;
        }
        if (ch_.stop.load(std::memory_order_acquire)) break;
        wakeup_.wait(100);
    }
    if (sender_) sender_->finish();  // the slots handed over are delivered or counted
    writer_bell_.ring();
}

bool Worker::acquire_slot() {
    uint32_t index = 0;
    // A full ring means the writer is behind, enough slots waiting for the sender that
    // the output is: wait for them (backpressure), never drop.
    while ((sender_ && sender_->pending() >= kSlotsInDelivery) || !ch_.free_slots.pop(index)) {
        if (ch_.stop.load(std::memory_order_acquire)) return false;
        wakeup_.wait(50);
    }
    slot_index_ = index;
    slot_ = &ch_.slots[index];
    std::memset(&slot_->header, 0, sizeof slot_->header);
    slot_->header.job_id = job_id_;
    slot_->header.sample = sample_;
    return true;
}

void Worker::publish(uint32_t flags) {
    WorkerSample& ws = samples_[sample_];
    SlotHeader& h = slot_->header;
    h.flags |= flags;
    h.replaced_chars = ws.format->replaced_chars();
    h.job_before = job_written_;
    job_written_ += h.events;
    job_accounted_ += h.events + h.failed;
    slot_ = nullptr;
    // The slot's events have no delivery record until the sender starts on them: a
    // worker process that dies before then has them made again by its replacement.
    if (sender_) {
        h.flags |= kSlotHandedOver;
        sender_->push(slot_index_);
    } else {
        deliver(slot_index_);
    }
}

void Worker::deliver(uint32_t index) {
    Slot& slot = ch_.slots[index];
    WorkerSample& ws = samples_[slot.header.sample];
    if (ws.direct && slot.header.events > 0) write_direct(ws, slot);
    slot.header.flags &= ~kSlotHandedOver;
    ch_.full.push(index);  // never fails: at most kSlotsPerWorker slots exist
    ch_.published.fetch_add(1, std::memory_order_release);
    writer_bell_.ring();
}

bool Worker::stop_given_up() {
    if (stop_given_up_ || !ch_.stop.load(std::memory_order_acquire)) return stop_given_up_;
    int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count();
    if (stop_seen_ms_ < 0) stop_seen_ms_ = now;
    stop_given_up_ = now - stop_seen_ms_ >= kStopGraceMs;
    return stop_given_up_;
}

void Worker::write_direct(WorkerSample& ws, Slot& slot) {
    SlotHeader& h = slot.header;
    h.flags |= kSlotDelivered;
    if (direct_failed_ || stop_given_up()) {
        // The output failed earlier, or takes nothing while stopping: nothing of this batch is written.
        h.direct_failed = h.events;
        if (direct_failed_) h.flags |= kSlotFailed;
        return;
    }
    // Write-ahead: if this process dies now, the engine reads here how far it got.
    DeliveryProgress& p = ch_.direct;
    p.job.store(h.job_id, std::memory_order_relaxed);
    p.before.store(h.job_before, std::memory_order_relaxed);
    p.events.store(h.events, std::memory_order_relaxed);
    p.done.store(0, std::memory_order_relaxed);
    p.failed.store(0, std::memory_order_relaxed);
    p.slot.store(static_cast<uint32_t>(&slot - ch_.slots), std::memory_order_relaxed);
    p.sending(ws.direct->records_own_progress() ? 0 : h.events);
    try {
        FormattedBatch b{h.sample,   h.events,     std::string_view(slot.data, h.data_bytes),
                         slot.event_ends, h.raw_bytes, h.output_bytes, h.job_id, h.job_before, &p};
        uint64_t resent_before = ws.direct->stats().resent;
        h.direct_failed = static_cast<uint32_t>(ws.direct->write(b));
        h.direct_resent = static_cast<uint32_t>(ws.direct->stats().resent - resent_before);
    } catch (const OutputError& e) {
        direct_failed_ = true;
        h.direct_failed = static_cast<uint32_t>(h.events - std::min<uint64_t>(e.delivered(), h.events));
        std::snprintf(h.error, sizeof h.error, "%s", e.what());
    } catch (const std::exception& e) {  // anything else the output threw
        direct_failed_ = true;
        h.direct_failed = h.events;
        std::snprintf(h.error, sizeof h.error, "%s", e.what());
    }
    // The whole batch is accounted for now; the slot tells the writer.
    p.failed.store(h.direct_failed, std::memory_order_relaxed);
    p.done.store(h.events, std::memory_order_release);
    p.in_flight.store(0, std::memory_order_release);
    if (direct_failed_) h.flags |= kSlotFailed;
    // A write that lost events while stopping: the output takes nothing, the rest fail at once.
    if (h.direct_failed > 0 && ch_.stop.load(std::memory_order_acquire)) stop_given_up_ = true;
}

inline void Worker::count_in_slot(size_t size, size_t raw_size, size_t output_size) {
    SlotHeader& h = slot_->header;
    h.data_bytes += static_cast<uint32_t>(size);
    slot_->event_ends[h.events] = h.data_bytes;
    h.raw_bytes += raw_size;
    slot_->raw_ends[h.events] = static_cast<uint32_t>(h.raw_bytes);
    ++h.events;
    h.output_bytes += output_size;
}

bool Worker::add_events(const EventBatch& batch, EventFormat& format) {
    if (format.writes_raw_lines()) return add_raw_lines(batch, format);
    const bool writes = format.writes_bytes();
    for (const EventView& e : batch)
        if (!add_event(e, format, writes)) return false;
    return true;
}

bool Worker::add_raw_lines(const EventBatch& batch, EventFormat& format) {
    for (const EventView& e : batch) {
        Slot* slot = slot_;
        SlotHeader& h = slot->header;
        const size_t n = e.raw.size();
        const size_t size = n + (n == 0 || e.raw.back() != '\n' ? 1 : 0);
        if (h.events == kSlotMaxEvents || size > kSlotDataBytes - h.data_bytes) {
            // A new slot, or an event larger than one: what add_event does.
            if (!add_event(e, format, true)) return false;
            continue;
        }
        char* at = slot->data + h.data_bytes;
        std::memcpy(at, e.raw.data(), n);
        at[size - 1] = '\n';  // the text's own last byte when it is a newline
        count_in_slot(size, n, size);
    }
    return true;
}

inline bool Worker::add_event(const EventView& e, EventFormat& format, bool writes) {
    if (slot_->header.events == kSlotMaxEvents) {
        publish(0);
        if (!acquire_slot()) return false;
    }
    // Formatted straight into the free part of the slot.
    SlotHeader& h = slot_->header;
    FormatBuffer out(slot_->data + h.data_bytes, kSlotDataBytes - h.data_bytes, overflow_);
    if (!format.append(e, out)) {
        ++h.failed;  // e.g. metric_httpevent text that is not a metric; its bytes are dropped
        return true;
    }
    size_t size = out.written();
    if (out.spilled()) {
        // It did not fit: the slot goes as it is and the event, now in overflow_, opens the next.
        size = overflow_.size();
        if (h.events > 0) {
            publish(0);
            if (!acquire_slot()) return false;
        }
        if (size > kSlotDataBytes) {
            // An event larger than a slot cannot travel; count it rather than lose it silently.
            LOG_ERROR("an event of " << size << " bytes is larger than the " << kSlotDataBytes
                                     << "-byte transfer slot; counted as failed");
            ++slot_->header.failed;
            return true;
        }
        std::memcpy(slot_->data + slot_->header.data_bytes, overflow_.data(), size);
    }
    count_in_slot(size, e.raw.size(), writes ? size : e.raw.size() + 1);
    return true;
}

void Worker::run_job(const JobMessage& msg) {
    job_id_ = msg.id;
    job_written_ = 0;
    job_accounted_ = 0;
    sample_ = msg.job.sample;
    WorkerSample& ws = samples_.at(sample_);
    if (!acquire_slot()) return;
    bool keep_going = true;
    try {
        ws.generator->generate(msg.job, [&](EventBatch& batch) {
            keep_going = add_events(batch, *ws.format);
            return keep_going && !ch_.stop.load(std::memory_order_relaxed);
        });
    } catch (const std::exception& e) {
        // The error boundary of a job: its remaining events are counted failed, the
        // worker carries on with the next job (never std::terminate).
        if (!slot_ && !acquire_slot()) return;
        uint64_t made = job_accounted_ + slot_->header.events + slot_->header.failed;
        uint64_t count = static_cast<uint64_t>(msg.job.count);
        uint64_t rest = count > made ? count - made : 0;
        LOG_ERROR("sample " << ws.generator_name << " (output " << ws.output_name << "): generating failed: " << e.what()
                            << "; " << rest << " event(s) of this interval counted failed");
        slot_->header.failed += static_cast<uint32_t>(rest);
    }
    if (slot_) {
        slot_->header.failed += static_cast<uint32_t>(ws.generator->take_failed());
        publish(kSlotJobDone);
    }
}

}  // namespace eventgen
