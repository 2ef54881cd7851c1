// The searches the page runs. The Status searches read the metrics lines of
// eventgen.log (README.md "Metrics lines"; sourcetype eventgen_metrics in _internal).
// Values go bare when they are plain words, else in double quotes (SPL's quoting).
const quote = (v) => (/^[\w.:\/*-]+$/.test(String(v)) ? String(v) : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);

export const previewSearch = (stanza, app, count = 10) => `| eventgen stanza=${quote(stanza)} app=${quote(app)} count=${count}`;
export const checkSearch = (app) => `| eventgen check app=${quote(app)}`;

// One row per host, shard and sample (lines from before shards have no shard: "-");
// the page adds the fleet's total per sample.
export const STATUS_TABLE_SEARCH =
    'search index=_internal sourcetype=eventgen_metrics scope=sample | fillnull value="-" shard' +
    ' | stats sum(delta_events) AS events sum(delta_bytes) AS bytes sum(delta_failed) AS failed' +
    ' sum(delta_resent) AS resent sum(delta_seconds) AS seconds max(_time) AS last_seen BY host shard app sample' +
    ' | eval events_per_second=if(seconds>0, round(events/seconds, 1), 0)';

export const statusChartSearch = (span) =>
    'search index=_internal sourcetype=eventgen_metrics scope=sample' +
    ` | bin _time span=${span} | stats sum(delta_events) AS events BY _time sample`;
