import React, { useEffect, useMemo, useState } from 'react';
import Button from '@splunk/react-ui/Button';
import Message from '@splunk/react-ui/Message';
import Switch from '@splunk/react-ui/Switch';
import Table from '@splunk/react-ui/Table';
import Text from '@splunk/react-ui/Text';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { listStanzas, oneshot, updateStanza, deleteStanza } from './api';
import { checkSearch } from './searches.mjs';
import { isTrue } from './schema';
import SampleForm from './SampleForm';
import Preview from './Preview';

const NOT_SAMPLES = new Set(['default', 'global']);

export const rateOf = (c) => {
    if (c.perDayVolume) return `${c.perDayVolume} GB/day`;
    const count = c.count !== undefined && c.count !== '' ? c.count : '';
    const interval = c.interval !== undefined && c.interval !== '' ? c.interval : '';
    if (count === '' && interval === '') return '';
    return `${count || '?'} every ${interval || '?'} s`;
};

const COLUMNS = [
    { key: 'enabled', label: 'On' },
    { key: 'name', label: 'Stanza' },
    { key: 'app', label: 'App' },
    { key: 'generator', label: 'Mode / generator' },
    { key: 'rate', label: 'Rate' },
    { key: 'output', label: 'Output' },
    { key: 'window', label: 'Earliest / latest' },
    { key: 'findings', label: 'Check' },
];

function rowOf(s, findings) {
    const c = s.content;
    return {
        ...s,
        enabled: !isTrue(c.disabled),
        generator: [c.mode || 'sample', c.generator || 'default'].join(' / '),
        rate: rateOf(c),
        output: c.outputMode || '',
        window: `${c.earliest || ''} / ${c.latest || ''}`,
        // null: the app's check did not run, so nothing is claimed.
        findings: findings && findings.checked.has(s.app) ? findings.byStanza[`${s.app}\n${s.name}`] || [] : null,
    };
}

export default function Samples({ schema, schemaError }) {
    const [stanzas, setStanzas] = useState(null);
    const [error, setError] = useState('');
    const [notice, setNotice] = useState('');
    const [filter, setFilter] = useState('');
    const [sort, setSort] = useState({ key: 'name', dir: 'asc' });
    const [editing, setEditing] = useState(null); // {app, name, content, isNew}
    const [previewing, setPreviewing] = useState(null);
    const [findings, setFindings] = useState(null); // null: not checked (yet)
    const [checkError, setCheckError] = useState('');

    const load = async () => {
        setError('');
        try {
            const all = await listStanzas();
            setStanzas(all.filter((s) => !NOT_SAMPLES.has(s.name)));
        } catch (e) {
            setError(e.message);
            setStanzas([]);
        }
    };
    useEffect(() => {
        load();
    }, []);

    // Check findings of every app that has stanzas, shown beside each stanza.
    const apps = useMemo(() => [...new Set((stanzas || []).map((s) => s.app))].sort(), [stanzas]);
    useEffect(() => {
        let cancelled = false;
        (async () => {
            const next = {};
            const checked = new Set();
            const problems = [];
            for (const app of apps) {
                try {
                    const { rows } = await oneshot(app, checkSearch(app));
                    for (const r of rows) {
                        if (r.severity === 'ok' || !r.stanza) continue;
                        const k = `${app}\n${r.stanza}`;
                        (next[k] = next[k] || []).push(r);
                    }
                    checked.add(app);
                } catch (e) {
                    problems.push(`${app}: ${e.message}`);
                }
            }
            if (!cancelled) {
                setFindings({ checked, byStanza: next });
                setCheckError(problems.length ? `Check could not run: ${problems.join('; ')}` : '');
            }
        })();
        return () => {
            cancelled = true;
        };
    }, [apps]);

    const rows = useMemo(() => {
        const f = filter.trim().toLowerCase();
        const list = (stanzas || [])
            .map((s) => rowOf(s, findings))
            .filter((r) => !f || [r.name, r.app, r.generator, r.output, r.rate].some((v) => v.toLowerCase().includes(f)));
        const dir = sort.dir === 'asc' ? 1 : -1;
        const value = (r) => (sort.key === 'findings' ? (r.findings || []).length : String(r[sort.key]));
        return list.sort((a, b) => (value(a) < value(b) ? -dir : value(a) > value(b) ? dir : 0));
    }, [stanzas, filter, sort, findings]);

    const toggle = async (row) => {
        setError('');
        setNotice('');
        try {
            await updateStanza(row.app, row.name, { disabled: row.enabled ? 'true' : 'false' });
            setNotice(`${row.name} (${row.app}) is now ${row.enabled ? 'off' : 'on'}; it takes effect when the input next starts.`);
            await load();
        } catch (e) {
            setError(e.message);
        }
    };
    const remove = async (row) => {
        // eslint-disable-next-line no-alert
        if (!window.confirm(`Delete [${row.name}] from ${row.app}/local/eventgen.conf?`)) return;
        setError('');
        try {
            await deleteStanza(row.app, row.name);
            setNotice(`Deleted [${row.name}] from ${row.app}/local/eventgen.conf.`);
            await load();
        } catch (e) {
            setError(e.message);
        }
    };
    const onSort = (e, { sortKey }) =>
        setSort((s) => ({ key: sortKey, dir: s.key === sortKey && s.dir === 'asc' ? 'desc' : 'asc' }));

    return (
        <div data-test="samples">
            {schemaError && <Message type="warning">{schemaError}</Message>}
            {error && <Message type="error" data-test="samples-error">{error}</Message>}
            {checkError && <Message type="warning">{checkError}</Message>}
            {notice && <Message type="success" data-test="samples-notice">{notice}</Message>}
            <div style={{ display: 'flex', gap: 8, margin: '8px 0', alignItems: 'center' }}>
                <Text
                    aria-label="Filter samples"
                    placeholder="Filter by stanza, app, generator, output"
                    value={filter}
                    onChange={(e, { value }) => setFilter(value)}
                    style={{ width: 360 }}
                    data-test="samples-filter"
                />
                <Button label="New stanza" onClick={() => setEditing({ app: apps[0] || '', name: '', content: {}, isNew: true })} />
                <Button label="Reload" appearance="subtle" onClick={load} />
            </div>
            {stanzas === null ? (
                <WaitSpinner size="medium" />
            ) : (
                <Table stripeRows data-test="samples-table">
                    <Table.Head>
                        {COLUMNS.map((c) => (
                            <Table.HeadCell
                                key={c.key}
                                sortKey={c.key}
                                sortDir={sort.key === c.key ? sort.dir : 'none'}
                                onSort={onSort}
                            >
                                {c.label}
                            </Table.HeadCell>
                        ))}
                        <Table.HeadCell>Actions</Table.HeadCell>
                    </Table.Head>
                    <Table.Body>
                        {rows.map((r) => (
                            <Table.Row key={`${r.app}/${r.name}`} data-test="sample-row" data-app={r.app} data-stanza={r.name}>
                                <Table.Cell>
                                    <Switch
                                        appearance="toggle"
                                        selected={r.enabled}
                                        onClick={() => toggle(r)}
                                        aria-label={`${r.enabled ? 'Disable' : 'Enable'} ${r.name} in ${r.app}`}
                                        data-test="sample-toggle"
                                    />
                                </Table.Cell>
                                <Table.Cell data-test="sample-name">{r.name}</Table.Cell>
                                <Table.Cell data-test="sample-app">{r.app}</Table.Cell>
                                <Table.Cell>{r.generator}</Table.Cell>
                                <Table.Cell data-test="sample-rate">{r.rate}</Table.Cell>
                                <Table.Cell>{r.output}</Table.Cell>
                                <Table.Cell>{r.window}</Table.Cell>
                                <Table.Cell data-test="sample-findings">
                                    {r.findings === null
                                        ? 'not checked'
                                        : r.findings.length === 0
                                        ? 'ok'
                                        : r.findings.map((f, i) => (
                                              <div key={i} title={f.file ? `${f.file}:${f.line}` : ''}>
                                                  {f.severity}: {f.key ? `${f.key}: ` : ''}
                                                  {f.message}
                                                  {f.suggestion ? ` (did you mean ${f.suggestion}?)` : ''}
                                              </div>
                                          ))}
                                </Table.Cell>
                                <Table.Cell>
                                    <Button
                                        label="Edit"
                                        appearance="secondary"
                                        onClick={() => setEditing({ app: r.app, name: r.name, content: r.content, isNew: false })}
                                        aria-label={`Edit ${r.name} in ${r.app}`}
                                        data-test="sample-edit"
                                    />
                                    <Button
                                        label="Preview"
                                        appearance="secondary"
                                        onClick={() => setPreviewing({ app: r.app, name: r.name })}
                                        aria-label={`Preview ${r.name} in ${r.app}`}
                                        data-test="sample-preview"
                                    />
                                    {r.removable && (
                                        <Button
                                            label="Delete"
                                            appearance="destructive"
                                            onClick={() => remove(r)}
                                            aria-label={`Delete ${r.name} from ${r.app}/local`}
                                        />
                                    )}
                                </Table.Cell>
                            </Table.Row>
                        ))}
                    </Table.Body>
                </Table>
            )}
            {stanzas && rows.length === 0 && <p>No eventgen.conf stanzas{filter ? ' match the filter' : ''}.</p>}
            {editing && (
                <SampleForm
                    target={editing}
                    apps={apps}
                    schema={schema}
                    onClose={() => setEditing(null)}
                    onSaved={async (message) => {
                        setEditing(null);
                        setNotice(message);
                        await load();
                    }}
                />
            )}
            {previewing && <Preview target={previewing} onClose={() => setPreviewing(null)} />}
        </div>
    );
}
