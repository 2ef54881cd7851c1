import React, { useMemo, useState } from 'react';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import Message from '@splunk/react-ui/Message';
import Modal from '@splunk/react-ui/Modal';
import Select from '@splunk/react-ui/Select';
import Text from '@splunk/react-ui/Text';
import { createStanza, updateStanza } from './api';
import { COMMON_KEYS, addableKey, sampleSettings, settingFor, validate } from './schema';

// Keys splunkd adds to every entry's content; they are not eventgen.conf settings.
const isMeta = (k) => k.startsWith('eai:');

function Field({ settingKey, setting, value, error, onChange }) {
    const id = `field-${settingKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const help = setting ? `${setting.doc || ''}${setting.default != null ? ` Default: ${setting.default}.` : ''}` : 'Not in the settings schema.';
    const choices = setting && setting.type === 'choice' ? setting.allowed || [] : setting && setting.type === 'boolean' ? ['true', 'false'] : null;
    return (
        <ControlGroup label={settingKey} labelFor={id} help={help} error={error || false} data-test={`field-${settingKey}`}>
            {choices ? (
                <Select id={id} value={value} onChange={(e, { value: v }) => onChange(v)} error={!!error} inputId={id}>
                    <Select.Option label="(not set here)" value="" />
                    {choices.map((c) => (
                        <Select.Option key={c} label={c} value={c} />
                    ))}
                    {value && !choices.includes(value) && <Select.Option label={value} value={value} />}
                </Select>
            ) : (
                <Text
                    inputId={id}
                    value={value}
                    error={!!error}
                    placeholder={setting && setting.default != null ? String(setting.default) : ''}
                    onChange={(e, { value: v }) => onChange(v)}
                />
            )}
        </ControlGroup>
    );
}

export default function SampleForm({ target, apps, schema, onClose, onSaved }) {
    const settings = useMemo(() => sampleSettings(schema), [schema]);
    const original = target.content || {};
    const [app, setApp] = useState(target.app);
    const [name, setName] = useState(target.name);
    const [values, setValues] = useState(() => {
        const v = {};
        for (const [k, val] of Object.entries(original)) if (!isMeta(k)) v[k] = typeof val === 'boolean' ? String(val) : String(val ?? '');
        return v;
    });
    const [extraKeys, setExtraKeys] = useState([]);
    const [adding, setAdding] = useState('');
    const [error, setError] = useState('');
    const [saving, setSaving] = useState(false);

    const keys = useMemo(() => {
        const present = Object.keys(values).filter((k) => !isMeta(k));
        const common = COMMON_KEYS.filter((k) => settings.has(k) || k in values);
        return [...new Set([...common, ...present.sort(), ...extraKeys])];
    }, [values, settings, extraKeys]);
    const errors = useMemo(() => {
        const e = {};
        for (const k of keys) {
            const m = validate(settingFor(settings, k), values[k]);
            if (m) e[k] = m;
        }
        return e;
    }, [keys, values, settings]);
    const addable = [...settings.keys()].filter((k) => addableKey(k) && !keys.includes(k)).sort();

    const save = async () => {
        setError('');
        if (Object.keys(errors).length) {
            setError(`Fix ${Object.keys(errors).length} setting(s) first: ${Object.values(errors).join('; ')}`);
            return;
        }
        if (target.isNew && !name.trim()) {
            setError('Give the stanza a name: the sample file name, or a regular expression matching sample files.');
            return;
        }
        // Only what changed is written, so local/ keeps only the admin's edits.
        const changed = {};
        for (const k of keys) {
            const before = original[k] === undefined ? '' : String(original[k]);
            if ((values[k] ?? '') !== before) changed[k] = values[k] ?? '';
        }
        setSaving(true);
        try {
            if (target.isNew) await createStanza(app, name.trim(), changed);
            else if (Object.keys(changed).length) await updateStanza(app, target.name, changed);
            onSaved(`Saved [${name.trim()}] to ${app}/local/eventgen.conf; the input uses it when it next starts.`);
        } catch (e) {
            setError(e.message);
        } finally {
            setSaving(false);
        }
    };

    return (
        <Modal open onRequestClose={onClose} returnFocus={() => null} style={{ width: 720 }} data-test="sample-form">
            <Modal.Header title={target.isNew ? 'New eventgen.conf stanza' : `Edit [${target.name}] (${target.app})`} onRequestClose={onClose} />
            <Modal.Body>
                {error && <Message type="error" data-test="form-error">{error}</Message>}
                {target.isNew && (
                    <>
                        <ControlGroup label="App" labelFor="field-app" help="The app whose local/eventgen.conf gets the stanza; its samples/ folder holds the sample file.">
                            <Select inputId="field-app" value={app} onChange={(e, { value }) => setApp(value)}>
                                {apps.map((a) => (
                                    <Select.Option key={a} label={a} value={a} />
                                ))}
                            </Select>
                        </ControlGroup>
                        <ControlGroup label="Stanza" labelFor="field-stanza" help="A sample file name in the app's samples/ folder (or a regular expression).">
                            <Text inputId="field-stanza" value={name} onChange={(e, { value }) => setName(value)} />
                        </ControlGroup>
                    </>
                )}
                {keys.map((k) => (
                    <Field
                        key={k}
                        settingKey={k}
                        setting={settingFor(settings, k)}
                        value={values[k] ?? ''}
                        error={errors[k]}
                        onChange={(v) => setValues((old) => ({ ...old, [k]: v }))}
                    />
                ))}
                {addable.length > 0 && (
                    <ControlGroup label="Add a setting" labelFor="field-add">
                        <Select inputId="field-add" value={adding} onChange={(e, { value }) => setAdding(value)} filter>
                            <Select.Option label="(choose)" value="" />
                            {addable.map((k) => (
                                <Select.Option key={k} label={k} value={k} />
                            ))}
                        </Select>
                        <Button
                            label="Add"
                            disabled={!adding}
                            onClick={() => {
                                setExtraKeys((x) => [...x, adding]);
                                setAdding('');
                            }}
                        />
                    </ControlGroup>
                )}
            </Modal.Body>
            <Modal.Footer>
                <Button appearance="secondary" label="Cancel" onClick={onClose} />
                <Button appearance="primary" label={saving ? 'Saving…' : 'Save'} disabled={saving} onClick={save} data-test="form-save" />
            </Modal.Footer>
        </Modal>
    );
}
