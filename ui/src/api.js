// splunkd REST through Splunk Web's proxy (/<locale>/splunkd/__raw/...): the session
// cookie and the X-Splunk-Form-Key header come from @splunk/splunk-utils' fetch init.
import { createRESTURL, createStaticURL } from '@splunk/splunk-utils/url';
import { createFetchInit } from '@splunk/splunk-utils/fetch';

export const OWN_APP = 'SA-Eventgen';

export class RestError extends Error {
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}

function describeStatus(status) {
    if (status === 401) return 'your Splunk session has expired; log in again';
    if (status === 403) return 'you do not have permission for this (ask an admin for write access to the app)';
    if (status === 404) return 'not found';
    return `HTTP ${status}`;
}

// One REST call; resolves with the parsed JSON, rejects with a RestError whose
// message is splunkd's own text when it gives one.
export async function rest(endpoint, namespace, { method = 'GET', body, query } = {}) {
    const params = new URLSearchParams({ output_mode: 'json', ...(query || {}) });
    const url = `${createRESTURL(endpoint, namespace || {})}?${params}`;
    const init = createFetchInit({ method });
    if (body) init.body = new URLSearchParams(body).toString();
    let response;
    try {
        response = await fetch(url, init);
    } catch (e) {
        throw new RestError(`Splunk did not answer (${e.message})`, 0);
    }
    let json = null;
    const text = await response.text();
    try {
        json = text ? JSON.parse(text) : null;
    } catch (e) {
        json = null;
    }
    if (!response.ok) {
        const messages = (json && json.messages) || [];
        const detail = messages.map((m) => m.text).filter(Boolean).join('; ');
        throw new RestError(
            `${method} ${endpoint} failed: ${detail || describeStatus(response.status)} (HTTP ${response.status})`,
            response.status
        );
    }
    return json;
}

const enc = encodeURIComponent;
const ns = (app) => ({ owner: 'nobody', app });

// Every eventgen.conf stanza of every app ("-" namespaces), with the app it lives in.
export async function listStanzas() {
    const json = await rest('configs/conf-eventgen', { owner: '-', app: '-' }, { query: { count: 0 } });
    return (json.entry || []).map((e) => ({
        name: e.name,
        app: (e.acl && e.acl.app) || '',
        removable: !!(e.acl && e.acl.removable),
        canWrite: !(e.acl && e.acl.can_write === false),
        content: e.content || {},
    }));
}

export const updateStanza = (app, name, fields) =>
    rest(`configs/conf-eventgen/${enc(name)}`, ns(app), { method: 'POST', body: fields });
export const createStanza = (app, name, fields) =>
    rest('configs/conf-eventgen', ns(app), { method: 'POST', body: { name, ...fields } });
export const deleteStanza = (app, name) => rest(`configs/conf-eventgen/${enc(name)}`, ns(app), { method: 'DELETE' });

export async function listInputs() {
    const json = await rest('data/inputs/modinput_eventgen', { owner: '-', app: '-' }, { query: { count: 0 } });
    return (json.entry || []).map((e) => ({ name: e.name, app: (e.acl && e.acl.app) || OWN_APP, content: e.content || {} }));
}
export const setInputEnabled = (app, name, enabled) =>
    rest(`data/inputs/modinput_eventgen/${enc(name)}/${enabled ? 'enable' : 'disable'}`, ns(app), { method: 'POST' });
export const updateInput = (app, name, fields) =>
    rest(`data/inputs/modinput_eventgen/${enc(name)}`, ns(app), { method: 'POST', body: fields });

// A blocking (oneshot) search in an app's context; resolves with its result rows.
export async function oneshot(app, search, { earliest = '', latest = '' } = {}) {
    const body = { search, exec_mode: 'oneshot', count: 0, earliest_time: earliest, latest_time: latest };
    const json = await rest('search/jobs', ns(app), { method: 'POST', body });
    const errors = (json.messages || []).filter((m) => m.type === 'ERROR' || m.type === 'FATAL');
    if (errors.length) throw new RestError(errors.map((m) => m.text).join('; '), 200);
    return { rows: json.results || [], messages: json.messages || [] };
}

// The settings schema, `eventgen describe --json`, shipped beside the bundle.
export async function loadSchema() {
    const response = await fetch(createStaticURL(`app/${OWN_APP}/settings-schema.json`), { credentials: 'include' });
    if (!response.ok) throw new RestError(`the settings schema could not be loaded (HTTP ${response.status})`, response.status);
    return response.json();
}
