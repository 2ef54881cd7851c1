#pragma once
// A sample ready to generate: its events compiled into templates, its tokens, and
// its metadata. The read-only parts are shared between clones; each worker clones
// the sample to get its own token state and scratch buffers.
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/sample_config.h"
#include "events/event_batch.h"
#include "samples/event_template.h"
#include "samples/sample_events.h"
#include "tokens/token.h"

namespace eventgen {

// An event's host, source, sourcetype and index. Kept once per distinct set (CSV
// rows mostly share them), with the host compiled against the host token.
struct EventMetadata {
    std::string host, source, sourcetype, index;
    EventTemplate host_template;
};

// Kept small: a large sample holds one per event (see bench/README.md, memory).
struct CompiledEvent {
    EventTemplate body;                   // body.original is the event text
    uint32_t metadata = 0;                // index into CompiledSample::metadata()
    // Room to render the event straight into the batch: every value is bounded, is
    // written where it is first placed (whole, or its start) and copied to its other
    // places, and tokens that draw do so in the order they apply. 0: not so.
    uint32_t direct_room : 31 = 0;
    // Every event this template renders is plain text (EventView::plain_text): its
    // text and every value it places can hold only plain_text_bytes().
    uint32_t plain_text : 1 = 0;
    std::vector<uint8_t> format_choice;   // per token: the replaytimestamp format; empty = all first
    std::optional<TimeUs> original_time;  // when the event was logged (replay spacing)
};

class CompiledSample {
public:
    // Loads the sample file and compiles every event. Throws ConfigError, and
    // PreparationStopped once `stop` (when given) is set.
    // `now` gives the year of sample timestamps written without one.
    static CompiledSample compile(const SampleConfig& config,
                                  const std::vector<std::pair<std::string, int64_t>>& integer_id_starts = {},
                                  TimeUs now = 0, const std::atomic<bool>* stop = nullptr);
    CompiledSample clone() const;

    const SampleConfig& config() const { return *config_; }
    size_t size() const { return events_->size(); }
    // What `count` counts: sample events, or with bundlelines copies of the whole
    // sample (one unit). A unit of a CSV bundle is every row, each its own event with
    // its own metadata; a raw bundle is one event made of every line.
    size_t units() const { return bundle_ ? 1 : events_->size(); }
    size_t events_per_unit() const { return bundle_ && !merge_bundle_ ? events_->size() : 1; }
    bool bundled() const { return bundle_; }
    const CompiledEvent& event(size_t i) const { return (*events_)[i]; }
    const EventMetadata& metadata(size_t i) const { return (*metadata_)[(*events_)[i].metadata]; }
    size_t metadata_sets() const { return metadata_->size(); }
    const TokenSet& tokens() const { return tokens_; }
    // Events that could not be proven and run tokens one by one.
    size_t sequential_events() const;
    // Tokens those events apply one by one, summed over them (a partial template
    // covers the ones before the first it could not prove).
    size_t sequential_token_passes() const;

    // Renders sample event `index` with the state in `ctx` and appends it to `batch`.
    // The trailing newline Eventgen keeps while tokens run is not part of the event.
    void render(size_t index, EventContext& ctx, EventBatch& batch);
    // Renders unit `unit` with ctx.time as its time base: a bundle's events keep the
    // spacing their original times had (replaytimestamp's purpose), each with the
    // timestamp format it was written in.
    void render_unit(size_t unit, EventContext& ctx, EventBatch& batch);
    // Test hook: the same event through the sequential path, whatever the template says.
    void render_sequential(size_t index, EventContext& ctx, EventBatch& batch);

private:
    void render_body(const EventTemplate& tpl, EventContext& ctx, bool force_sequential, std::string& out);
    void render_host(const EventMetadata& meta, EventContext& ctx, std::string& out);
    void render_impl(size_t index, EventContext& ctx, EventBatch& batch, bool force_sequential);
    [[gnu::noinline]] void render_bundle(EventContext& ctx, EventBatch& batch);  // render_unit's bundle case
    void render_merged_bundle(EventContext& ctx, EventBatch& batch);
    void trim_trailing_newlines(EventBatch& batch);
    // Hands the open event to the batch with its host, source, sourcetype and index.
    void finish_event(const EventMetadata& meta, EventContext& ctx, EventBatch& batch);
    TimeUs bundle_offset(size_t index) const;
    void note_write_rooms();
    // `use`: scratch, one zero per token (left as found).
    uint32_t direct_room(const EventTemplate& tpl, std::vector<uint8_t>& use) const;
    char* render_direct(const EventTemplate& tpl, EventContext& ctx, char* start);
    // Appends the template's pieces and token values to `out`.
    void render_pieces(const EventTemplate& tpl, EventContext& ctx, std::string& out);
    // render_pieces in two steps: the token values into values_ (returns the event's
    // length), then the pieces to `dst`, which has room for that plus kCopySlack.
    size_t make_values(const EventTemplate& tpl, EventContext& ctx);
    char* place_pieces(const EventTemplate& tpl, char* dst);

    bool bundle_ = false, merge_bundle_ = false;
    bool plain_metadata_ = false;  // no host token, no extendIndexes: each event keeps its set

    std::shared_ptr<const SampleConfig> config_;
    std::shared_ptr<const std::vector<CompiledEvent>> events_;
    std::shared_ptr<const std::vector<EventMetadata>> metadata_;
    TokenSet tokens_;
    // Scratch space reused for every event.
    std::string values_;
    std::vector<uint32_t> write_room_;  // per token: its max_size() when it writes in place, else 0
    std::vector<std::pair<uint32_t, uint32_t>> spans_;
    std::string text_, next_, host_;  // sequential path and host
    std::vector<Match> matches_;
};

}  // namespace eventgen
