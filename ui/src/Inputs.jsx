import React, { useEffect, useState } from 'react';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import Message from '@splunk/react-ui/Message';
import Modal from '@splunk/react-ui/Modal';
import Select from '@splunk/react-ui/Select';
import Switch from '@splunk/react-ui/Switch';
import Table from '@splunk/react-ui/Table';
import Text from '@splunk/react-ui/Text';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { listInputs, setInputEnabled, updateInput } from './api';
import { isTrue } from './schema';

// The input's parameters (README/inputs.conf.spec); splunkd validates edits by
// running the binary's --validate-arguments, whose message is shown as the error.
const PARAMS = [
    { key: 'verbosity', choices: ['10', '20', '30', '40', '50'], help: '10 debug, 20 info, 30 warning, 40 error, 50 critical.' },
    { key: 'config_source', choices: ['files', 'rest'], help: "files: every app's eventgen.conf on disk; rest: splunkd's configs/conf-eventgen." },
    { key: 'keep_output_mode', choices: ['false', 'true'], help: 'true: samples keep their outputMode instead of writing into the stream.' },
    { key: 'metrics_interval', help: 'Seconds between metrics lines in eventgen.log (the Status tab reads them); 0: only the summary.' },
    { key: 'shard', help: 'I/N: this host makes shard I of N (from 0) of every sample; the other shards run elsewhere.' },
    { key: 'shard_hosts', help: "The fleet's host names in order: each host makes the shard of its own name's position. Not with shard." },
    { key: 'interval', help: 'splunkd restarts the input this many seconds after it exits (empty: not restarted).' },
    { key: 'index', help: 'The default index for events whose eventgen.conf sets none.' },
];

function EditInput({ input, onClose, onSaved }) {
    const [values, setValues] = useState(() => Object.fromEntries(PARAMS.map((p) => [p.key, String(input.content[p.key] ?? '')])));
    const [error, setError] = useState('');
    const save = async () => {
        setError('');
        const changed = {};
        for (const p of PARAMS) if (values[p.key] !== String(input.content[p.key] ?? '')) changed[p.key] = values[p.key];
        try {
            if (Object.keys(changed).length) await updateInput(input.app, input.name, changed);
            onSaved(`Saved input ${input.name}.`);
        } catch (e) {
            setError(e.message);
        }
    };
    return (
        <Modal open onRequestClose={onClose} returnFocus={() => null} style={{ width: 600 }} data-test="input-form">
            <Modal.Header title={`Edit input ${input.name}`} onRequestClose={onClose} />
            <Modal.Body>
                {error && <Message type="error" data-test="input-error">{error}</Message>}
                {PARAMS.map((p) => (
                    <ControlGroup key={p.key} label={p.key} labelFor={`input-${p.key}`} help={p.help}>
                        {p.choices ? (
                            <Select inputId={`input-${p.key}`} value={values[p.key]} onChange={(e, { value }) => setValues((v) => ({ ...v, [p.key]: value }))}>
                                <Select.Option label="(default)" value="" />
                                {p.choices.map((c) => (
                                    <Select.Option key={c} label={c} value={c} />
                                ))}
                            </Select>
                        ) : (
                            <Text inputId={`input-${p.key}`} value={values[p.key]} onChange={(e, { value }) => setValues((v) => ({ ...v, [p.key]: value }))} />
                        )}
                    </ControlGroup>
                ))}
            </Modal.Body>
            <Modal.Footer>
                <Button appearance="secondary" label="Cancel" onClick={onClose} />
                <Button appearance="primary" label="Save" onClick={save} data-test="input-save" />
            </Modal.Footer>
        </Modal>
    );
}

export default function Inputs() {
    const [inputs, setInputs] = useState(null);
    const [error, setError] = useState('');
    const [notice, setNotice] = useState('');
    const [editing, setEditing] = useState(null);
    const load = async () => {
        setError('');
        try {
            setInputs(await listInputs());
        } catch (e) {
            setError(e.message);
            setInputs([]);
        }
    };
    useEffect(() => {
        load();
    }, []);
    const toggle = async (input, enabled) => {
        setError('');
        try {
            await setInputEnabled(input.app, input.name, enabled);
            setNotice(`Input ${input.name} ${enabled ? 'enabled' : 'disabled'}.`);
            await load();
        } catch (e) {
            setError(e.message);
        }
    };
    return (
        <div data-test="inputs">
            {error && <Message type="error" data-test="inputs-error">{error}</Message>}
            {notice && <Message type="success">{notice}</Message>}
            <p>
                One enabled input generates the events of every app&apos;s eventgen.conf; a second enabled input waits and
                takes over if the first stops.
            </p>
            {inputs === null ? (
                <WaitSpinner size="medium" />
            ) : (
                <Table stripeRows data-test="inputs-table">
                    <Table.Head>
                        <Table.HeadCell>On</Table.HeadCell>
                        <Table.HeadCell>Input</Table.HeadCell>
                        <Table.HeadCell>App</Table.HeadCell>
                        {PARAMS.slice(0, 4).map((p) => (
                            <Table.HeadCell key={p.key}>{p.key}</Table.HeadCell>
                        ))}
                        <Table.HeadCell>Actions</Table.HeadCell>
                    </Table.Head>
                    <Table.Body>
                        {inputs.map((i) => {
                            const enabled = !isTrue(i.content.disabled);
                            return (
                                <Table.Row key={i.name} data-test="input-row" data-input={i.name}>
                                    <Table.Cell>
                                        <Switch
                                            appearance="toggle"
                                            selected={enabled}
                                            onClick={() => toggle(i, !enabled)}
                                            aria-label={`${enabled ? 'Disable' : 'Enable'} input ${i.name}`}
                                            data-test="input-toggle"
                                        />
                                    </Table.Cell>
                                    <Table.Cell>{i.name}</Table.Cell>
                                    <Table.Cell>{i.app}</Table.Cell>
                                    {PARAMS.slice(0, 4).map((p) => (
                                        <Table.Cell key={p.key}>{String(i.content[p.key] ?? '')}</Table.Cell>
                                    ))}
                                    <Table.Cell>
                                        <Button label="Edit" appearance="secondary" onClick={() => setEditing(i)} aria-label={`Edit input ${i.name}`} />
                                    </Table.Cell>
                                </Table.Row>
                            );
                        })}
                    </Table.Body>
                </Table>
            )}
            {editing && (
                <EditInput
                    input={editing}
                    onClose={() => setEditing(null)}
                    onSaved={async (m) => {
                        setEditing(null);
                        setNotice(m);
                        await load();
                    }}
                />
            )}
        </div>
    );
}
