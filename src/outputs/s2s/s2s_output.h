#pragma once
// outputMode = s2s: events as Splunk-to-Splunk cooked frames straight into indexers'
// splunktcp ports, load-balanced, with failover, TLS, compression and acknowledgements.
#include <atomic>
#include <memory>
#include <string>

#include "outputs/event_format.h"
#include "outputs/sink.h"

namespace eventgen {

struct S2SSettings;

// One cooked frame per event (s2s_wire.h) carrying its own metadata: host, source,
// sourcetype and index can differ from event to event (CSV rows, host tokens).
std::unique_ptr<EventFormat> make_s2s_format();

// `what` names the output in errors (stanza and targets); `cancel` cuts retries short.
// `name` is the output in the summary ("s2s host:port,..."), `label` names it with its
// stanza in log lines (output_label()).
std::unique_ptr<Sink> make_s2s_sink(const S2SSettings& settings, const std::string& name, const std::string& label,
                                    const std::atomic<bool>* cancel);

}  // namespace eventgen
