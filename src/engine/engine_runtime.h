#pragma once
// What the engine keeps for each sample while it runs. Internal to the engine's own
// files (engine.cpp runs the loop, engine_jobs.cpp turns intervals into jobs,
// engine_recovery.cpp replaces dead workers, engine_reports.cpp writes metrics).
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "engine/replay_timer.h"
#include "engine/sample_timer.h"
#include "generators/generator_component.h"

namespace eventgen {

struct Engine::Runtime {
    uint32_t id = 0;
    SampleConfig config;
    std::unique_ptr<PreparedSample> prepared;  // master copy; each worker gets its own generator
    std::unique_ptr<SampleTimer> timer;        // interval-driven generators
    std::shared_ptr<const ReplayPlan> replay;  // generators with a replay schedule
    std::unique_ptr<ReplayTimer> replay_timer;
    uint64_t next_seq = 0;
    uint64_t intervals = 0;
    double avg_event_bytes = 0;  // perDayVolume: bytes per unit of count (an event, or a CSV bundle), newlines included
    double owed_bytes = 0;       // perDayVolume: bytes still to make
    uint64_t seed = 0;
    bool repeatable = false;     // seeded: every decision must repeat exactly (no timing feedback)
    bool persist_ids = false;    // integerid values carry over between runs
    std::vector<std::pair<std::string, int64_t>> saved_ids;  // integerid regex -> value the run started from
    uint64_t reserved_seq = 0;  // integerid state on disk already covers sequence numbers below this
};

}  // namespace eventgen
