import React, { useEffect, useState } from 'react';
import Button from '@splunk/react-ui/Button';
import Message from '@splunk/react-ui/Message';
import Modal from '@splunk/react-ui/Modal';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { oneshot } from './api';
import { previewSearch } from './searches.mjs';

// Ten events of a stanza, as saved, through the `| eventgen` search command.
export default function Preview({ target, onClose }) {
    const [state, setState] = useState({ loading: true, rows: [], messages: [], error: '' });
    useEffect(() => {
        oneshot(target.app, previewSearch(target.name, target.app, 10))
            .then(({ rows, messages }) => setState({ loading: false, rows, messages, error: '' }))
            .catch((e) => setState({ loading: false, rows: [], messages: [], error: e.message }));
    }, [target.app, target.name]);
    return (
        <Modal open onRequestClose={onClose} returnFocus={() => null} style={{ width: 900 }} data-test="preview">
            <Modal.Header title={`Preview of [${target.name}] (${target.app})`} onRequestClose={onClose} />
            <Modal.Body>
                <p>
                    <code>{previewSearch(target.name, target.app, 10)}</code> — the stanza as saved; save
                    an edit to preview it.
                </p>
                {state.loading && <WaitSpinner size="medium" />}
                {state.error && <Message type="error" data-test="preview-error">{state.error}</Message>}
                {state.messages
                    .filter((m) => m.type === 'WARN' || m.type === 'INFO')
                    .map((m, i) => (
                        <Message key={i} type={m.type === 'WARN' ? 'warning' : 'info'} data-test="preview-message">
                            {m.text}
                        </Message>
                    ))}
                {!state.loading && !state.error && state.rows.length === 0 && <p>The stanza generated no events.</p>}
                <ol data-test="preview-events" style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                    {state.rows.map((r, i) => (
                        <li key={i} data-test="preview-event">
                            {r._raw}
                        </li>
                    ))}
                </ol>
            </Modal.Body>
            <Modal.Footer>
                <Button appearance="primary" label="Close" onClick={onClose} />
            </Modal.Footer>
        </Modal>
    );
}
