import React, { useEffect, useMemo, useState } from 'react';
import Button from '@splunk/react-ui/Button';
import Message from '@splunk/react-ui/Message';
import Select from '@splunk/react-ui/Select';
import Table from '@splunk/react-ui/Table';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { useSplunkTheme } from '@splunk/themes';
import { OWN_APP, oneshot } from './api';
import { STATUS_TABLE_SEARCH, statusChartSearch } from './searches.mjs';

const RANGES = [
    { value: '-15m', label: 'Last 15 minutes', span: '30s' },
    { value: '-60m', label: 'Last 60 minutes', span: '1m' },
    { value: '-24h', label: 'Last 24 hours', span: '30m' },
    { value: '-7d', label: 'Last 7 days', span: '4h' },
    { value: '0', label: 'All time', span: '1d' },
];
const PALETTE = ['#1a9fd9', '#e8743b', '#53a051', '#d94e8f', '#8b63c7', '#c9a227', '#4fa484', '#dc4e41'];

const num = (v) => (v === undefined || v === '' ? 0 : Number(v));
const fmt = (v) => num(v).toLocaleString('en-US');

// Events per time bucket, one line per sample: an SVG the page draws itself, with
// the same figures as a table for screen readers.
function Chart({ rows }) {
    const { textColor = '#888' } = useSplunkTheme ? useSplunkTheme() : {};
    const series = useMemo(() => {
        const bySample = new Map();
        for (const r of rows) {
            if (!bySample.has(r.sample)) bySample.set(r.sample, []);
            bySample.get(r.sample).push({ t: num(r._time), v: num(r.events) });
        }
        for (const pts of bySample.values()) pts.sort((a, b) => a.t - b.t);
        return [...bySample.entries()];
    }, [rows]);
    if (!rows.length) return <p>No metrics lines in this time range.</p>;
    const ts = rows.map((r) => num(r._time));
    const t0 = Math.min(...ts);
    const t1 = Math.max(...ts);
    const vmax = Math.max(1, ...rows.map((r) => num(r.events)));
    const W = 760;
    const H = 200;
    const P = 40;
    const x = (t) => (t1 === t0 ? W / 2 : P + ((t - t0) / (t1 - t0)) * (W - 2 * P));
    const y = (v) => H - P / 2 - (v / vmax) * (H - P);
    const label = (t) => new Date(t * 1000).toLocaleTimeString();
    return (
        <figure style={{ margin: '12px 0' }} data-test="status-chart">
            <svg width={W} height={H} role="img" aria-label="Events per time bucket by sample" style={{ color: textColor }}>
                <line x1={P} y1={H - P / 2} x2={W - P / 2} y2={H - P / 2} stroke="currentColor" strokeOpacity="0.4" />
                <text x={4} y={y(vmax) + 4} fontSize="11" fill="currentColor">{fmt(vmax)}</text>
                <text x={P} y={H - 4} fontSize="11" fill="currentColor">{label(t0)}</text>
                <text x={W - P - 60} y={H - 4} fontSize="11" fill="currentColor">{label(t1)}</text>
                {series.map(([name, pts], i) => (
                    <g key={name} stroke={PALETTE[i % PALETTE.length]} fill={PALETTE[i % PALETTE.length]}>
                        <polyline fill="none" strokeWidth="2" points={pts.map((p) => `${x(p.t)},${y(p.v)}`).join(' ')} />
                        {pts.map((p) => (
                            <circle key={p.t} cx={x(p.t)} cy={y(p.v)} r="3" />
                        ))}
                    </g>
                ))}
            </svg>
            <figcaption>
                {series.map(([name], i) => (
                    <span key={name} style={{ marginRight: 16 }}>
                        <span aria-hidden="true" style={{ color: PALETTE[i % PALETTE.length] }}>■ </span>
                        {name}
                    </span>
                ))}
            </figcaption>
        </figure>
    );
}

// The fleet: after the rows of each app and sample (one per host and shard), a total
// row when more than one host or shard reported. Events/s of the total is the sum of
// the rows' rates (they ran at the same time), not events over summed seconds.
export function withFleetTotals(rows) {
    const groups = new Map();
    for (const r of rows) {
        const key = `${r.app}\n${r.sample}`;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(r);
    }
    const out = [];
    for (const [, members] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        out.push(...members);
        if (members.length < 2) continue;
        const sum = (k) => String(members.reduce((t, m) => t + num(m[k]), 0));
        out.push({
            total: true,
            hosts: new Set(members.map((m) => m.host)).size,
            shard: '',
            app: members[0].app,
            sample: members[0].sample,
            events_per_second: String(Math.round(members.reduce((t, m) => t + num(m.events_per_second), 0) * 10) / 10),
            events: sum('events'),
            bytes: sum('bytes'),
            failed: sum('failed'),
            resent: sum('resent'),
            last_seen: String(Math.max(...members.map((m) => num(m.last_seen)))),
        });
    }
    return out;
}

export default function Status() {
    const [range, setRange] = useState('-60m');
    const [table, setTable] = useState(null);
    const [chart, setChart] = useState([]);
    const [error, setError] = useState('');
    const load = async () => {
        setError('');
        setTable(null);
        const r = RANGES.find((x) => x.value === range) || RANGES[1];
        try {
            const opts = { earliest: r.value, latest: 'now' };
            const [t, c] = await Promise.all([
                oneshot(OWN_APP, STATUS_TABLE_SEARCH, opts),
                oneshot(OWN_APP, statusChartSearch(r.span), opts),
            ]);
            setTable(t.rows);
            setChart(c.rows);
        } catch (e) {
            setError(`The status search failed: ${e.message}`);
            setTable([]);
            setChart([]);
        }
    };
    useEffect(() => {
        load();
    }, [range]);
    return (
        <div data-test="status">
            {error && <Message type="error" data-test="status-error">{error}</Message>}
            <div style={{ display: 'flex', gap: 8, alignItems: 'center', margin: '8px 0' }}>
                <Select aria-label="Time range" value={range} onChange={(e, { value }) => setRange(value)} data-test="status-range">
                    {RANGES.map((r) => (
                        <Select.Option key={r.value} label={r.label} value={r.value} />
                    ))}
                </Select>
                <Button label="Refresh" appearance="secondary" onClick={load} data-test="status-refresh" />
            </div>
            <p>
                From the metrics lines in <code>index=_internal sourcetype=eventgen_metrics</code>. Events/s is over the
                time the samples ran in this range; bytes count the delivered events&apos; text.
            </p>
            {table === null ? (
                <WaitSpinner size="medium" />
            ) : (
                <>
                    <Table stripeRows data-test="status-table">
                        <Table.Head>
                            {['Host', 'Shard', 'App', 'Sample', 'Events/s', 'Events', 'Bytes', 'Failed', 'Resent', 'Last report'].map((h) => (
                                <Table.HeadCell key={h}>{h}</Table.HeadCell>
                            ))}
                        </Table.Head>
                        <Table.Body>
                            {withFleetTotals(table).map((r) => (
                                <Table.Row
                                    key={`${r.total ? '*' : r.host}/${r.shard}/${r.app}/${r.sample}`}
                                    data-test={r.total ? 'status-total' : 'status-row'}
                                    data-sample={r.sample}
                                    data-host={r.total ? undefined : r.host}
                                    data-shard={r.total ? undefined : r.shard}
                                >
                                    <Table.Cell>{r.total ? <strong>All hosts ({r.hosts})</strong> : r.host}</Table.Cell>
                                    <Table.Cell data-test="status-shard">{r.total ? '' : r.shard}</Table.Cell>
                                    <Table.Cell>{r.app}</Table.Cell>
                                    <Table.Cell>{r.sample}</Table.Cell>
                                    <Table.Cell data-test="status-eps">{fmt(r.events_per_second)}</Table.Cell>
                                    <Table.Cell data-test="status-events">{fmt(r.events)}</Table.Cell>
                                    <Table.Cell data-test="status-bytes">{fmt(r.bytes)}</Table.Cell>
                                    <Table.Cell data-test="status-failed">{fmt(r.failed)}</Table.Cell>
                                    <Table.Cell>{fmt(r.resent)}</Table.Cell>
                                    <Table.Cell>{r.last_seen ? new Date(num(r.last_seen) * 1000).toLocaleString() : ''}</Table.Cell>
                                </Table.Row>
                            ))}
                        </Table.Body>
                    </Table>
                    {table.length === 0 && !error && <p>No metrics in this time range: is a modinput_eventgen input enabled?</p>}
                    <Chart rows={chart} />
                </>
            )}
        </div>
    );
}
