#include "samples/compiled_sample.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>

#include "samples/event_times.h"

namespace eventgen {

namespace {

// The newlines a template's text ends with are trimmed from every event it renders
// (see trim_trailing_newlines): drop them from its last pieces once. Not for the
// sequential path, whose regexes may read them, nor for bundles, whose events join.
void drop_trailing_newlines(EventTemplate& tpl) {
    if (tpl.sequential) return;
    while (!tpl.pieces.empty()) {
        TemplatePiece& last = tpl.pieces.back();
        if (last.kind != TemplatePiece::Kind::Original && last.kind != TemplatePiece::Kind::Literal) return;
        const std::string& text = last.kind == TemplatePiece::Kind::Original ? tpl.original : tpl.literals;
        while (last.length > 0 && text[last.offset + last.length - 1] == '\n') --last.length;
        if (last.length > 0) return;
        tpl.pieces.pop_back();
    }
}

// The fixed-size block a piece of `len` bytes is copied as, with `readable` bytes
// readable from its start: 16, 32, or 0 for an exact copy.
constexpr size_t fixed_copy_width(size_t len, size_t readable) {
    return len <= 16 && readable >= 16 ? 16 : len <= 32 && readable >= 32 ? 32 : 0;
}

// For render_direct: which value piece writes its token's value (the first that
// places it) and which of those a later piece copies from. For render_direct and
// place_pieces: how each text piece is copied.
void mark_placements(EventTemplate& tpl) {
    std::vector<TemplatePiece*> first;
    for (TemplatePiece& p : tpl.pieces) {
        if (p.kind == TemplatePiece::Kind::Original || p.kind == TemplatePiece::Kind::Literal) {
            const std::string& text = p.kind == TemplatePiece::Kind::Original ? tpl.original : tpl.literals;
            const size_t width = fixed_copy_width(p.length, text.size() - p.offset);
            p.placement = width == 16 ? TemplatePiece::kCopy16 : width == 32 ? TemplatePiece::kCopy32 : 0;
            continue;
        }
        if (first.size() <= p.token) first.resize(p.token + 1u, nullptr);
        if (first[p.token] == nullptr) {
            first[p.token] = &p;
            p.placement = TemplatePiece::kWrites;
        } else {
            first[p.token]->placement |= TemplatePiece::kCopiedLater;
            p.placement = 0;
        }
    }
}

// True when every event `tpl` renders can hold only plain_text_bytes(): its own
// text and the alphabet of every value it places (a part of a value: all of it).
bool renders_plain_text(const EventTemplate& tpl, const std::vector<ValueShape>& shapes) {
    if (tpl.sequential) return false;
    const ByteSet& plain = plain_text_bytes();
    for (const TemplatePiece& p : tpl.pieces) {
        const bool original = p.kind == TemplatePiece::Kind::Original;
        const ByteSet bytes = original || p.kind == TemplatePiece::Kind::Literal
                                  ? ByteSet::of(std::string_view(original ? tpl.original : tpl.literals)
                                                    .substr(p.offset, p.length))
                                  : shapes[p.token].alphabet;
        if (!bytes.subset_of(plain)) return false;
    }
    return true;
}

}  // namespace

CompiledSample CompiledSample::compile(const SampleConfig& config,
                                       const std::vector<std::pair<std::string, int64_t>>& integer_id_starts,
                                       TimeUs now, const std::atomic<bool>* stop) {
    CompiledSample s;
    SampleConfig effective = config;
    if (config.autotimestamp) {
        // Eventgen's autotimestamp: known timestamp shapes found in the sample become tokens.
        std::vector<std::string> texts;
        for_each_sample_event(config, [&](SampleEvent& e) { texts.push_back(std::move(e.raw)); });
        int next_index = effective.def.tokens.empty() ? 0 : effective.def.tokens.back().index + 1;
        for (auto& spec : detect_timestamp_tokens(config.def.settings.str("autotimestamps", "[]"), texts,
                                                  config.timezone, now, next_index))
            effective.def.tokens.push_back(spec);
    }
    s.config_ = std::make_shared<const SampleConfig>(effective);
    s.tokens_ = build_tokens(effective.def, integer_id_starts);
    // bundlelines: count means copies of the whole sample. Replay plays the sample's
    // events one by one whatever bundlelines says, as SA-Eventgen's replay does.
    s.bundle_ = config.bundlelines && config.generator != "replay";
    s.merge_bundle_ = s.bundle_ && config.sampletype != "csv";
    auto compiled = std::make_shared<std::vector<CompiledEvent>>();
    auto metadata = std::make_shared<std::vector<EventMetadata>>();
    std::map<std::tuple<std::string, std::string, std::string, std::string>, uint32_t> metadata_index;
    std::vector<Token> host_tokens;
    if (s.tokens_.host) host_tokens.push_back(s.tokens_.host->clone());
    std::vector<ValueShape> shapes, host_shapes;
    for (const auto& t : s.tokens_.tokens) shapes.push_back(t.value->shape());
    for (const auto& t : host_tokens) host_shapes.push_back(t.value->shape());
    // A token whose format each event picks (replaytimestamp with several) is proven
    // with the picked format's shape: one set of shapes per distinct choice.
    const bool multi_format = std::any_of(s.tokens_.tokens.begin(), s.tokens_.tokens.end(),
                                          [](const Token& t) { return t.value->format_count() > 1; });
    std::map<std::string, std::vector<ValueShape>> chosen_shapes;  // by the choice's bytes
    // Events are compiled as they are read, so the file's events never exist twice.
    size_t read = 0;
    for_each_sample_event(config, [&](SampleEvent& e) {
        // A few microseconds an event: a stop is seen within a few milliseconds.
        if (stop && ++read % 1024 == 0 && stop->load(std::memory_order_relaxed)) throw PreparationStopped();
        CompiledEvent ce;
        ce.format_choice = choose_formats(s.tokens_.tokens, e.raw, effective.timezone, now);
        const std::vector<ValueShape>* event_shapes = &shapes;
        if (multi_format) {
            auto [chosen, added] =
                chosen_shapes.try_emplace(std::string(ce.format_choice.begin(), ce.format_choice.end()));
            if (added) {
                chosen->second = shapes;
                for (size_t t = 0; t < s.tokens_.tokens.size(); ++t)
                    if (s.tokens_.tokens[t].value->format_count() > 1)
                        chosen->second[t] = s.tokens_.tokens[t].value->shape_for_format(ce.format_choice[t]);
            }
            event_shapes = &chosen->second;
        }
        ce.body = compile_event_template(e.raw, s.tokens_.tokens, *event_shapes);
        if (std::all_of(ce.format_choice.begin(), ce.format_choice.end(), [](uint8_t f) { return f == 0; }))
            ce.format_choice = {};
        const std::string& time_text = effective.time_field == "_raw" || !e.fields.count(effective.time_field)
                                           ? e.raw
                                           : e.fields.at(effective.time_field);
        ce.original_time = event_time(s.tokens_.tokens, time_text, effective.timezone, now);
        if (!ce.original_time && e.fields.count("_time"))
            ce.original_time = event_time(s.tokens_.tokens, e.fields.at("_time"), effective.timezone, now);
        auto key = std::make_tuple(e.host, e.source, e.sourcetype, e.index);
        auto [it, added] = metadata_index.emplace(std::move(key), static_cast<uint32_t>(metadata->size()));
        if (added) {
            EventMetadata m{e.host, e.source, e.sourcetype, e.index, {}};
            m.host_template = compile_event_template(e.host, host_tokens, host_shapes);
            metadata->push_back(std::move(m));
        }
        ce.metadata = it->second;
        if (!s.bundle_) drop_trailing_newlines(ce.body);
        ce.plain_text = renders_plain_text(ce.body, *event_shapes);
        compiled->push_back(std::move(ce));
    }, [&](size_t most) {
        // Reserved once: growing by doubling would hold the old and the new array at
        // once; capacity never written costs no resident memory.
        compiled->reserve(most);
    });
    s.metadata_ = std::move(metadata);
    s.spans_.resize(s.tokens_.tokens.size() + 1);
    s.note_write_rooms();
    std::vector<uint8_t> use(s.tokens_.tokens.size(), 0);
    for (CompiledEvent& ce : *compiled) {
        ce.direct_room = s.direct_room(ce.body, use);
        mark_placements(ce.body);  // the value marks matter only to render_direct (direct_room != 0)
    }
    s.events_ = std::move(compiled);
    s.plain_metadata_ = !s.tokens_.host && effective.extend_indexes.empty();
    return s;
}

CompiledSample CompiledSample::clone() const {
    CompiledSample s;
    s.config_ = config_;
    s.events_ = events_;
    s.metadata_ = metadata_;
    s.bundle_ = bundle_;
    s.merge_bundle_ = merge_bundle_;
    s.plain_metadata_ = plain_metadata_;
    s.tokens_ = tokens_.clone();
    s.spans_.resize(spans_.size());
    s.write_room_ = write_room_;
    return s;
}

size_t CompiledSample::sequential_events() const {
    size_t n = 0;
    for (const auto& e : *events_) n += e.body.sequential ? 1 : 0;
    return n;
}

size_t CompiledSample::sequential_token_passes() const {
    size_t n = 0;
    for (const auto& e : *events_)
        if (e.body.sequential) n += tokens_.tokens.size() - e.body.sequential_from;
    return n;
}

namespace {

// Bytes a piece copy may write past the piece's end: short pieces are copied as one
// 16- or 32-byte block, with no call and no per-byte loop.
constexpr size_t kCopySlack = 32;
// A token whose value can be longer than this produces into a string instead.
constexpr size_t kMaxWrite = 4096;

// Copies `len` bytes; `readable` bytes may be read from `src`.
inline void copy_piece(char* dst, const char* src, size_t len, size_t readable) {
    const size_t width = fixed_copy_width(len, readable);
    if (width == 16) {
        std::memcpy(dst, src, 16);
    } else if (width == 32) {
        std::memcpy(dst, src, 32);
    } else {
        std::memcpy(dst, src, len);
    }
}

// Copies text piece `p`, which starts at `src`, as mark_placements decided.
inline char* copy_marked_text(const char* src, const TemplatePiece& p, char* dst) {
    if (p.placement & TemplatePiece::kCopy16)
        std::memcpy(dst, src, 16);
    else if (p.placement & TemplatePiece::kCopy32)
        std::memcpy(dst, src, 32);
    else
        std::memcpy(dst, src, p.length);
    return dst + p.length;
}

}  // namespace

void CompiledSample::note_write_rooms() {
    write_room_.clear();
    for (const Token& t : tokens_.tokens) {
        const size_t room = t.value->max_size();
        write_room_.push_back(room <= kMaxWrite ? static_cast<uint32_t>(room) : 0);
    }
}

uint32_t CompiledSample::direct_room(const EventTemplate& tpl, std::vector<uint8_t>& use) const {
    if (tpl.sequential) return 0;
    const auto& tokens = tokens_.tokens;
    const auto& active = tpl.active_tokens;
    // Tokens that draw (random numbers, file rows) must write in the order they apply;
    // stateless ones (timestamps, integerid) may write wherever they are placed.
    size_t next = 0;  // into active: the next drawing token to place
    const auto skip_stateless = [&] {
        while (next < active.size() && tokens[active[next]].value->stateless()) ++next;
    };
    enum : uint8_t { kUnused, kWhole, kPrefix };
    size_t room = 0;
    bool ok = true;
    for (const TemplatePiece& p : tpl.pieces) {
        if (p.kind == TemplatePiece::Kind::Original || p.kind == TemplatePiece::Kind::Literal) {
            room += p.length;
            continue;
        }
        const uint16_t t = p.token;
        const bool whole = p.kind == TemplatePiece::Kind::Value;
        // A value is written once, where it is first placed, and copied from there to
        // its other places; a part of a value must be its start.
        if (write_room_[t] == 0 || (!whole && p.offset != 0) || use[t] == kPrefix) {
            ok = false;
            break;
        }
        room += write_room_[t];
        if (use[t] == kWhole) continue;
        use[t] = whole ? kWhole : kPrefix;
        if (tokens[t].value->stateless()) continue;
        skip_stateless();
        if (next == active.size() || active[next] != t) {
            ok = false;
            break;
        }
        ++next;
    }
    skip_stateless();
    ok = ok && next == active.size() && room <= 4 * kMaxWrite;  // every drawing token placed
    for (const TemplatePiece& p : tpl.pieces)
        if (p.kind == TemplatePiece::Kind::Value || p.kind == TemplatePiece::Kind::ValuePart) use[p.token] = kUnused;
    return ok ? static_cast<uint32_t>(room) : 0;
}

char* CompiledSample::render_direct(const EventTemplate& tpl, EventContext& ctx, char* start) {
    char* dst = start;
    for (const TemplatePiece& p : tpl.pieces) {
        switch (p.kind) {
            case TemplatePiece::Kind::Original:
                dst = copy_marked_text(tpl.original.data() + p.offset, p, dst);
                break;
            case TemplatePiece::Kind::Literal:
                dst = copy_marked_text(tpl.literals.data() + p.offset, p, dst);
                break;
            default: {
                const bool whole = p.kind == TemplatePiece::Kind::Value;
                if (p.placement & TemplatePiece::kWrites) {
                    char* end = tokens_.tokens[p.token].value->write(ctx, dst);
                    if (p.placement & TemplatePiece::kCopiedLater)
                        spans_[p.token] = {static_cast<uint32_t>(dst - start), static_cast<uint32_t>(end - dst)};
                    dst = whole ? end : dst + p.length;
                } else {
                    const auto& span = spans_[p.token];
                    // Its copy earlier in this event (the ranges may overlap).
                    const size_t len = whole ? span.second : p.length;
                    const char* from = start + span.first;
                    if (len <= 32) {
                        char block[32];
                        std::memcpy(block, from, 32);  // the room's slack makes 32 readable
                        std::memcpy(dst, block, 32);
                    } else {
                        std::memmove(dst, from, len);
                    }
                    dst += len;
                }
                break;
            }
        }
    }
    return dst;
}

void CompiledSample::render_pieces(const EventTemplate& tpl, EventContext& ctx, std::string& out) {
    const size_t length = make_values(tpl, ctx);
    const size_t base = out.size();
    out.resize(base + length + kCopySlack);
    place_pieces(tpl, out.data() + base);
    out.resize(base + length);
}

size_t CompiledSample::make_values(const EventTemplate& tpl, EventContext& ctx) {
    const auto& tokens = tokens_.tokens;
    // The values first, in the order the tokens apply (the order of their random
    // draws); tokens with a bounded value write it in place.
    size_t used = 0;
    for (uint16_t t : tpl.active_tokens) {
        const size_t start = used, room = write_room_[t];
        if (room != 0) {
            if (values_.size() < used + room + kCopySlack) values_.resize(used + room + kCopySlack);
            used = static_cast<size_t>(tokens[t].value->write(ctx, values_.data() + used) - values_.data());
        } else {
            values_.resize(used);
            tokens[t].value->produce(ctx, values_);
            used = values_.size();
        }
        spans_[t] = {static_cast<uint32_t>(start), static_cast<uint32_t>(used - start)};
    }
    if (values_.size() < used + kCopySlack) values_.resize(used + kCopySlack);
    // Then the event's length, so the buffer grows once and the pieces are copied
    // without a capacity check each.
    size_t length = 0;
    for (const TemplatePiece& p : tpl.pieces)
        length += p.kind == TemplatePiece::Kind::Value ? spans_[p.token].second : p.length;
    return length;
}

char* CompiledSample::place_pieces(const EventTemplate& tpl, char* dst) {
    for (const TemplatePiece& p : tpl.pieces) {
        switch (p.kind) {
            case TemplatePiece::Kind::Original:
                dst = copy_marked_text(tpl.original.data() + p.offset, p, dst);
                break;
            case TemplatePiece::Kind::Literal:
                dst = copy_marked_text(tpl.literals.data() + p.offset, p, dst);
                break;
            case TemplatePiece::Kind::Value: {
                const auto [first, len] = spans_[p.token];
                copy_piece(dst, values_.data() + first, len, values_.size() - first);
                dst += len;
                break;
            }
            case TemplatePiece::Kind::ValuePart: {
                const size_t first = spans_[p.token].first + p.offset;
                copy_piece(dst, values_.data() + first, p.length, values_.size() - first);
                dst += p.length;
                break;
            }
        }
    }
    return dst;
}

void CompiledSample::render_body(const EventTemplate& tpl, EventContext& ctx, bool force_sequential,
                                 std::string& out) {
    const auto& tokens = tokens_.tokens;
    const bool partial = tpl.sequential && tpl.sequential_from > 0 && !force_sequential;
    if ((!tpl.sequential && !force_sequential) || partial) {
        // A partial template renders what the tokens before sequential_from make;
        // the rest of them apply one by one below, to that text.
        if (!partial) return render_pieces(tpl, ctx, out);
        text_.clear();
        render_pieces(tpl, ctx, text_);
    } else {
        text_ = tpl.original;
    }
    // Sequential path: exactly what Eventgen does, one token at a time.
    for (size_t t = partial ? tpl.sequential_from : 0; t < tokens.size(); ++t) {
        const Token& token = tokens[t];
        token.regex.find_all(text_, matches_);
        if (matches_.empty()) continue;
        values_.clear();
        token.value->produce(ctx, values_);
        next_.clear();
        size_t copied = 0;
        for (const Match& m : matches_) {
            next_.append(text_, copied, m.replace_start() - copied);
            next_ += values_;
            copied = m.replace_end();
        }
        next_.append(text_, copied, std::string::npos);
        text_.swap(next_);
    }
    out += text_;
}

void CompiledSample::render_impl(size_t index, EventContext& ctx, EventBatch& batch, bool force_sequential) {
    const CompiledEvent& ev = (*events_)[index];
    ctx.begin_event();
    ctx.format_choice = ev.format_choice.empty() ? nullptr : ev.format_choice.data();
    if (!ev.body.sequential && !force_sequential) {
        // Into reserved room: straight, or the values first (their length is not
        // known before) and then the pieces.
        char *start, *end;
        if (ev.direct_room != 0) {
            start = batch.begin_room(ctx.time, ev.direct_room + kCopySlack);
            end = render_direct(ev.body, ctx, start);
        } else {
            const size_t length = make_values(ev.body, ctx);
            start = batch.begin_room(ctx.time, length + kCopySlack);
            end = place_pieces(ev.body, start);
        }
        while (end > start && end[-1] == '\n') --end;  // see trim_trailing_newlines
        batch.close_room(end);
        if (ev.plain_text) batch.mark_open_plain();
    } else {
        batch.begin(ctx.time);
        render_body(ev.body, ctx, force_sequential, batch.open_buffer());
        if (batch.open_raw_length() != 0 && batch.open_buffer().back() == '\n') trim_trailing_newlines(batch);
    }
    const EventMetadata& meta = (*metadata_)[ev.metadata];
    if (plain_metadata_ && batch.finish_same(&meta)) return;
    finish_event(meta, ctx, batch);
}

void CompiledSample::finish_event(const EventMetadata& meta, EventContext& ctx, EventBatch& batch) {
    if (plain_metadata_) {
        // The metadata is the sample's own set: the batch knows it by its address.
        batch.finish(EventMeta{meta.host, meta.source, meta.sourcetype, meta.index}, &meta);
        return;
    }
    std::string_view host = meta.host;
    if (tokens_.host) {
        ctx.begin_event();  // the host token picks its own row, as Eventgen clears its state
        host_.clear();
        render_host(meta, ctx, host_);
        host = host_;
    }
    std::string_view index_name = meta.index;
    const auto& extra = config_->extend_indexes;
    if (!extra.empty()) index_name = extra[ctx.rng.below(extra.size())];
    batch.finish(EventMeta{host, meta.source, meta.sourcetype, index_name});
}

void CompiledSample::trim_trailing_newlines(EventBatch& batch) {
    // Eventgen keeps a trailing newline on each sample event while tokens run; blank
    // lines that separate multi-line events in a sample are not part of the event.
    if (batch.open_raw_length() == 0 || batch.open_buffer().back() != '\n') return;  // most events
    std::string_view raw = batch.open_raw();
    size_t keep = raw.size();
    while (keep > 0 && raw[keep - 1] == '\n') --keep;
    if (keep < raw.size()) batch.truncate_open_raw(keep);
}

TimeUs CompiledSample::bundle_offset(size_t index) const {
    const auto& first = (*events_)[0].original_time;
    const auto& mine = (*events_)[index].original_time;
    return first && mine ? *mine - *first : 0;
}

void CompiledSample::render_unit(size_t unit, EventContext& ctx, EventBatch& batch) {
    // Both tail calls: this path saves no registers.
    if (!bundle_) return render_impl(unit, ctx, batch, false);
    return render_bundle(ctx, batch);
}

void CompiledSample::render_bundle(EventContext& ctx, EventBatch& batch) {
    if (merge_bundle_) {
        render_merged_bundle(ctx, batch);
        return;
    }
    // Every row its own event; the window moves with each row's original offset, so
    // timestamp (drawn time) and replaytimestamp (window end) keep the spacing.
    const TimeUs base = ctx.time, earliest = ctx.earliest, latest = ctx.latest;
    for (size_t i = 0; i < events_->size(); ++i) {
        TimeUs offset = bundle_offset(i);
        ctx.time = base + offset;
        ctx.earliest = earliest + offset;
        ctx.latest = latest + offset;
        render(i, ctx, batch);
    }
    ctx.time = base;
    ctx.earliest = earliest;
    ctx.latest = latest;
}

void CompiledSample::render_merged_bundle(EventContext& ctx, EventBatch& batch) {
    // One event, one token state; each line rendered with its own format and time.
    const TimeUs base = ctx.time, earliest = ctx.earliest, latest = ctx.latest;
    const CompiledEvent& first = (*events_)[0];
    ctx.begin_event();
    batch.begin(base);
    for (size_t i = 0; i < events_->size(); ++i) {
        const CompiledEvent& ev = (*events_)[i];
        TimeUs offset = bundle_offset(i);
        ctx.time = base + offset;
        ctx.earliest = earliest + offset;
        ctx.latest = latest + offset;
        ctx.format_choice = ev.format_choice.empty() ? nullptr : ev.format_choice.data();
        render_body(ev.body, ctx, false, batch.open_buffer());
    }
    ctx.time = base;
    ctx.earliest = earliest;
    ctx.latest = latest;
    trim_trailing_newlines(batch);
    finish_event((*metadata_)[first.metadata], ctx, batch);
}

void CompiledSample::render_host(const EventMetadata& meta, EventContext& ctx, std::string& out) {
    const EventTemplate& tpl = meta.host_template;
    Token& token = *tokens_.host;
    if (!tpl.sequential) {
        values_.clear();
        if (!tpl.active_tokens.empty()) token.value->produce(ctx, values_);
        for (const TemplatePiece& p : tpl.pieces) {
            if (p.kind == TemplatePiece::Kind::Original) {
                out.append(tpl.original, p.offset, p.length);
            } else if (p.kind == TemplatePiece::Kind::Literal) {
                out.append(tpl.literals, p.offset, p.length);
            } else if (p.kind == TemplatePiece::Kind::Value) {
                out += values_;
            } else {
                out.append(values_, p.offset, p.length);
            }
        }
        return;
    }
    token.regex.find_all(tpl.original, matches_);
    if (matches_.empty()) {
        out += tpl.original;
        return;
    }
    values_.clear();
    token.value->produce(ctx, values_);
    size_t copied = 0;
    for (const Match& m : matches_) {
        out.append(tpl.original, copied, m.replace_start() - copied);
        out += values_;
        copied = m.replace_end();
    }
    out.append(tpl.original, copied, std::string::npos);
}

void CompiledSample::render(size_t index, EventContext& ctx, EventBatch& batch) {
    render_impl(index, ctx, batch, false);
}

void CompiledSample::render_sequential(size_t index, EventContext& ctx, EventBatch& batch) {
    render_impl(index, ctx, batch, true);
}

}  // namespace eventgen
