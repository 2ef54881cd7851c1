// The periodic metrics lines, the summary and backfill progress.
#include "engine/engine.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "common/log.h"
#include "engine/batch_writer.h"
#include "engine/engine_runtime.h"
#include "engine/id_state.h"
#include "engine/job_tracker.h"
#include "outputs/output_component.h"
#include "rating/rater.h"

namespace eventgen {

void Engine::log_metrics(bool final_line, double seconds) {
    RunFigures f;
    f.final_report = final_line;
    f.seconds = seconds;
    f.workers = options_.workers;
    f.processes = options_.mode == WorkerMode::Process;
    f.worker_restarts = restarts_;
    if (writer_) f.ring_depths = writer_->ring_depths();
    for (auto& rt : samples_) {
        const SampleCounters& c = router_.counters(rt->id);
        f.samples.push_back(SampleFigures{rt->config.name(), rt->config.def.app, c.events, c.bytes, c.failed, c.resent});
    }
    // Output totals are read once the writer has stopped, so only in the final report.
    if (final_line)
        for (const auto& o : router_.output_totals())
            f.outputs.push_back(OutputFigures{o.name, o.events, o.written_bytes, o.failed});
    for (const std::string& line : metrics_.lines(f)) log_metrics_line(line);
}

void Engine::report_if_due() {
    const TimeUs now = clock_.now();
    const double seconds = static_cast<double>(now - run_start_) / 1e6;
    if (now >= next_metrics_) {
        log_metrics(false, seconds);
        next_metrics_ += static_cast<TimeUs>(options_.metrics_interval * 1e6);
    }
    if (!backfill_.any() || now < next_progress_) return;
    report_backfill(seconds);
}

void Engine::report_backfill(double seconds) {
    const TimeUs now = clock_.now();
    const bool was_active = backfill_.active();
    for (auto& rt : samples_) {
        const SampleCounters& c = router_.counters(rt->id);
        backfill_.set_delivered(rt->id, c.events + c.failed);
    }
    if (backfill_.active()) {
        LOG_INFO(backfill_.line(seconds) << (restarts_ ? ", " + std::to_string(restarts_) + " worker restart(s)" : ""));
        next_progress_ = now + progress_period_;
    } else if (was_active) {
        LOG_INFO(backfill_.done_line(seconds));
        next_progress_ = std::numeric_limits<TimeUs>::max();
    }
}

}  // namespace eventgen
