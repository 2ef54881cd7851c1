// Tests of the Splunk Web stand-in's own parts: conf layering and local writes, the
// metrics extraction, the status searches' arithmetic and the child-process runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deleteLocal, layeredConf, parseConf, writeLocal } from './lib/conf.mjs';
import { answerStatusSearch, kvPairs, resolveTime } from './lib/metrics_index.mjs';
import { runProcess } from './lib/process.mjs';
import { STATUS_TABLE_SEARCH, statusChartSearch } from '../../ui/src/searches.mjs';

const tmpApp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'eg-conf-'));

test('parseConf reads stanzas, comments, continuation lines and keys before any stanza', () => {
    const c = parseConf('top = 1\n# comment\n[a.sample]\ncount = 5\nbreaker = x\\\ny\n[b]\n');
    assert.equal(c.get('default').get('top'), '1');
    assert.equal(c.get('a.sample').get('count'), '5');
    assert.equal(c.get('a.sample').get('breaker'), 'x\ny');
    assert.ok(c.has('b'));
});

test('local/ overrides default/ key by key, and writes keep comments and other stanzas', () => {
    const app = tmpApp();
    fs.mkdirSync(path.join(app, 'default'));
    fs.mkdirSync(path.join(app, 'local'));
    fs.writeFileSync(path.join(app, 'default', 'eventgen.conf'), '[s]\ncount = 5\ninterval = 1\n');
    fs.writeFileSync(path.join(app, 'local', 'eventgen.conf'), '# mine\n[other]\nx = 1\n\n[s]\ninterval = 9\n');
    writeLocal(app, 'eventgen', 's', { count: '7' });
    writeLocal(app, 'eventgen', 'new.sample', { count: '1' });
    assert.equal(fs.readFileSync(path.join(app, 'local', 'eventgen.conf'), 'utf8'),
        '# mine\n[other]\nx = 1\n\n[s]\ninterval = 9\ncount = 7\n\n[new.sample]\ncount = 1\n');
    const { merged, inLocal, inDefault } = layeredConf(app, 'eventgen');
    assert.deepEqual(Object.fromEntries(merged.get('s')), { count: '7', interval: '9' });
    assert.ok(inLocal.has('new.sample') && !inDefault.has('new.sample'));
    assert.equal(fs.readFileSync(path.join(app, 'default', 'eventgen.conf'), 'utf8'), '[s]\ncount = 5\ninterval = 1\n');
    assert.ok(deleteLocal(app, 'eventgen', 'new.sample'));
    assert.ok(!layeredConf(app, 'eventgen').merged.has('new.sample'));
    assert.ok(!deleteLocal(app, 'eventgen', 'missing'));
});

test('kvPairs extracts bare and quoted values as KV_MODE = auto does', () => {
    assert.deepEqual(kvPairs('summary events=3 sample="a b \\"c\\"" app=x'), { events: '3', sample: 'a b "c"', app: 'x' });
});

test('the status table sums deltas per host, app and sample within the time range', () => {
    const now = Date.now() / 1000;
    const ev = (t, host, sample, e, b, s) => ({ _time: now - t, host, app: 'a', sample, scope: 'sample', delta_events: String(e), delta_bytes: String(b), delta_failed: '0', delta_resent: '0', delta_seconds: String(s) });
    const events = [ev(10, 'h1', 's', 100, 1000, 10), ev(5, 'h1', 's', 50, 500, 5), ev(5, 'h2', 's', 7, 70, 1), ev(7200, 'h1', 's', 999, 9, 1),
        { ...ev(5, 'h1', 's', 1, 1, 1), scope: 'run' }];
    const rows = answerStatusSearch(STATUS_TABLE_SEARCH, events, '-60m', 'now');
    assert.equal(rows.length, 2);
    assert.equal(rows[0].host, 'h1');
    assert.equal(rows[0].events, '150');
    assert.equal(rows[0].bytes, '1500');
    assert.equal(rows[0].events_per_second, '10');
    assert.equal(rows[1].events, '7');
    const all = answerStatusSearch(STATUS_TABLE_SEARCH, events, '0', 'now');
    assert.equal(all[0].events, '1149');
    const chart = answerStatusSearch(statusChartSearch('1d'), events, '0', '');
    assert.ok(chart.every((r) => r.sample === 's'));
    assert.equal(chart.reduce((n, r) => n + Number(r.events), 0), 1156);
    assert.equal(answerStatusSearch('search index=main', events, '', ''), null);
});

test('relative time modifiers', () => {
    assert.equal(resolveTime('-15m', 1000, 0), 100);
    assert.equal(resolveTime('now', 1000, 0), 1000);
    assert.equal(resolveTime('', 1000, -1), -1);
    assert.throws(() => resolveTime('@d', 1000, 0));
});

test('a child that exits without reading its stdin gives its status, not an EPIPE crash', async () => {
    // 8 MiB cannot fit in the pipe, so the write is still pending when the child closes
    // its stdin and exits: the case that broke a browser journey in CI.
    const r = await runProcess(['/bin/sh', '-c', 'exec 0<&-; echo gone; exit 3'], 'x'.repeat(8 << 20));
    assert.equal(r.code, 3);
    assert.equal(r.out, 'gone\n');
    const empty = await runProcess(['/bin/sh', '-c', 'exec 0<&-; exit 0']);
    assert.equal(empty.code, 0);
    const fed = await runProcess(['/bin/sh', '-c', 'wc -c'], 'abc');
    assert.equal(fed.out.trim(), '3');
    const missing = await runProcess(['/nonexistent/tool']);
    assert.equal(missing.code, -1);
});
