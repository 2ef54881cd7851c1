// Emulates what Splunk does with eventgen.log and answers the Status page's two
// searches over it. What is emulated, and how:
// - indexing: every line of each log file (eventgen.log and its rotations) is an
//   event; _time comes from the leading "%Y-%m-%d %H:%M:%S.%3N" (local time), as
//   props.conf [eventgen_main] says; the sourcetype becomes eventgen_metrics when
//   the app's own transforms.conf [eventgen_metrics_sourcetype] REGEX matches (read
//   from the packaged app, not copied here);
// - search-time fields: KV_MODE = auto, i.e. key=value and key="quoted value" pairs;
// - the searches: only the exact strings the page sends (ui/src/searches.mjs) are
//   understood; their `stats`/`bin` pipelines are computed here in JavaScript.
import fs from 'node:fs';
import path from 'node:path';
import { parseConf } from './conf.mjs';
import { STATUS_TABLE_SEARCH, statusChartSearch } from '../../../ui/src/searches.mjs';

export function metricsRegex(appDir) {
    const conf = parseConf(fs.readFileSync(path.join(appDir, 'default', 'transforms.conf'), 'utf8'));
    const stanza = conf.get('eventgen_metrics_sourcetype');
    if (!stanza || stanza.get('FORMAT') !== 'sourcetype::eventgen_metrics')
        throw new Error('transforms.conf has no [eventgen_metrics_sourcetype] giving sourcetype::eventgen_metrics');
    return new RegExp(stanza.get('REGEX'));
}

export function kvPairs(text) {
    const fields = {};
    const re = /([A-Za-z_][A-Za-z0-9_.]*)=("((?:[^"\\]|\\.)*)"|[^\s"]*)/g;
    let m;
    while ((m = re.exec(text))) fields[m[1]] = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2];
    return fields;
}

function parseTime(line) {
    const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})/.exec(line);
    if (!m) return null;
    return new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]).getTime() / 1000;
}

// The eventgen_metrics events of the given log folders: [{_time, host, ...fields}].
// `host` is the indexed host of the folder's forwarder unless the line says its own.
export function indexMetrics(appDir, logSources) {
    const regex = metricsRegex(appDir);
    const events = [];
    for (const { dir, host } of logSources) {
        if (!fs.existsSync(dir)) continue;
        for (const f of fs.readdirSync(dir).filter((n) => /^eventgen\.log(\.\d+)?$/.test(n))) {
            for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
                if (!regex.test(line)) continue;
                const t = parseTime(line);
                if (t === null) continue;
                events.push({ host, ...kvPairs(line), _time: t, sourcetype: 'eventgen_metrics', _raw: line });
            }
        }
    }
    return events;
}

// Splunk's relative time modifiers the page uses: -<n>s|m|h|d, now, 0/'' (all time).
export function resolveTime(spec, now, fallback) {
    if (spec === undefined || spec === '' || spec === '0') return fallback;
    if (spec === 'now') return now;
    const m = /^-(\d+)([smhd])$/.exec(spec);
    if (m) return now - Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2]];
    if (/^\d+(\.\d+)?$/.test(spec)) return Number(spec);
    throw new Error(`time modifier '${spec}' is not understood by the stand-in`);
}

const spanSeconds = (span) => {
    const m = /^(\d+)([smhd])$/.exec(span);
    return m ? Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2]] : null;
};
const n = (v) => (v === undefined || v === '' || Number.isNaN(Number(v)) ? 0 : Number(v));

// Answers one of the page's status searches, or returns null when `search` is not one.
export function answerStatusSearch(search, events, earliest, latest) {
    const now = Date.now() / 1000;
    const from = resolveTime(earliest, now, -Infinity);
    const to = resolveTime(latest, now, Infinity);
    const inRange = events.filter((e) => e.scope === 'sample' && e._time >= from && e._time <= to);
    if (search === STATUS_TABLE_SEARCH) {
        const groups = new Map();
        for (const e of inRange) {
            const shard = e.shard === undefined || e.shard === '' ? '-' : e.shard; // fillnull value="-" shard
            const key = [e.host, shard, e.app, e.sample].join('\n');
            const g = groups.get(key) || { host: e.host, shard, app: e.app, sample: e.sample, events: 0, bytes: 0, failed: 0, resent: 0, seconds: 0, last_seen: 0 };
            g.events += n(e.delta_events);
            g.bytes += n(e.delta_bytes);
            g.failed += n(e.delta_failed);
            g.resent += n(e.delta_resent);
            g.seconds += n(e.delta_seconds);
            g.last_seen = Math.max(g.last_seen, e._time);
            groups.set(key, g);
        }
        // stats sorts by its BY fields.
        const by = (g) => [g.host, g.shard, g.app, g.sample].join('\n');
        const rows = [...groups.values()].sort((a, b) => (by(a) < by(b) ? -1 : 1));
        return rows.map((g) => ({
            ...Object.fromEntries(Object.entries(g).map(([k, v]) => [k, String(Number.isFinite(v) ? +v.toFixed(3) : v)])),
            events_per_second: String(g.seconds > 0 ? Math.round((g.events / g.seconds) * 10) / 10 : 0),
        }));
    }
    const m = /^(.*) \| bin _time span=(\w+) \| stats sum\(delta_events\) AS events BY _time sample$/.exec(search);
    if (m && search === statusChartSearch(m[2])) {
        const span = spanSeconds(m[2]);
        const groups = new Map();
        for (const e of inRange) {
            const t = Math.floor(e._time / span) * span;
            const key = `${t}\n${e.sample}`;
            groups.set(key, (groups.get(key) || 0) + n(e.delta_events));
        }
        return [...groups.entries()]
            .map(([k, v]) => ({ _time: k.split('\n')[0], sample: k.split('\n')[1], events: String(v) }))
            .sort((a, b) => a._time - b._time || (a.sample < b.sample ? -1 : 1));
    }
    return null;
}
