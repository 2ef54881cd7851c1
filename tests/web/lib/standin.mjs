// A stand-in for Splunk Web and the splunkd REST endpoints the Eventgen page uses,
// for browser tests. Splunk cannot run here; this emulates, at the HTTP level:
// - Splunk Web's login: a session cookie (splunkd_<port>) and the CSRF cookie
//   splunkweb_csrf_token_<port> set at login; pages without a session redirect there;
// - app pages: /<locale>/app/<app>/ opens the nav's default view; an HTML view
//   (<view type="html" template="app:/templates/x.html">) is rendered from the app's
//   appserver/templates/ with ${make_url('...')} (the only Mako construct allowed;
//   anything else fails loudly); /<locale>/config?autoload=1 defines window.$C;
//   /<locale>/static/[@build/]app/<app>/... serves appserver/static/; the theme API
//   (static/build/api/get_theme.js) answers the configured theme;
// - the proxy /<locale>/splunkd/__raw/services[NS/<owner>/<app>]/...: every request
//   needs the session cookie and X-Splunk-Form-Key equal to the CSRF cookie, else 401;
// - configs/conf-eventgen backed by the real files under $SPLUNK_HOME/etc/apps
//   (default/ + local/ layering, writes to local/ only, deletes only from local/);
// - data/inputs/modinput_eventgen from the apps' inputs.conf; edits run the app's real
//   executable with --validate-arguments, as splunkd does, and refuse what it refuses;
// - search/jobs exec_mode=oneshot: `| eventgen ...` runs through issue-13's
//   search_standin tool (the packaged command over the real chunked protocol); the
//   Status searches are answered from the real eventgen.log (metrics_index.mjs).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { deleteLocal, layeredConf, parseConf, writeLocal } from './conf.mjs';
import { answerStatusSearch, indexMetrics } from './metrics_index.mjs';
import { runProcess } from './process.mjs';

const OWN_APP = 'SA-Eventgen';
const SCHEME = 'modinput_eventgen';

function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

const xmlEscape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cookieOf = (req, name) => {
    for (const part of (req.headers.cookie || '').split(';')) {
        const [k, ...v] = part.trim().split('=');
        if (k === name) return decodeURIComponent(v.join('='));
    }
    return undefined;
};

export class SplunkWebStandin {
    // splunkHome: a fake $SPLUNK_HOME with the packaged app under etc/apps.
    // searchTool: path of issue-13's search_standin binary ('' when not built).
    // theme: what Splunk Web's theme API answers (light | dark).
    // forwarders: extra {dir, host} log folders indexed as other hosts' eventgen.log.
    // readOnly: answer every write as splunkd does for a user without write access.
    constructor({ splunkHome, searchTool = '', theme = 'light', forwarders = [], locale = 'en-US', readOnly = false }) {
        Object.assign(this, { splunkHome, searchTool, theme, forwarders, locale, readOnly });
        this.sessions = new Set();
        this.requests = [];
        this.server = http.createServer((req, res) => this.handle(req, res).catch((e) => this.fail(res, 500, e.stack || String(e))));
    }

    listen() {
        return new Promise((resolve) => {
            this.server.listen(0, '127.0.0.1', () => {
                this.port = this.server.address().port;
                this.url = `http://127.0.0.1:${this.port}`;
                resolve(this);
            });
        });
    }

    close() {
        return new Promise((resolve) => this.server.close(() => resolve()));
    }

    appDir(app) {
        return path.join(this.splunkHome, 'etc', 'apps', app);
    }

    // Installed, enabled apps (splunkd leaves apps with [install] state = disabled out).
    apps() {
        const dir = path.join(this.splunkHome, 'etc', 'apps');
        return fs
            .readdirSync(dir)
            .filter((a) => fs.existsSync(path.join(dir, a, 'default')) || fs.existsSync(path.join(dir, a, 'local')))
            .filter((a) => {
                const install = layeredConf(path.join(dir, a), 'app').merged.get('install');
                return !install || String(install.get('state') || '').toLowerCase() !== 'disabled';
            })
            .sort();
    }

    json(res, status, body) {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify(body));
    }

    fail(res, status, text, type = 'ERROR') {
        this.json(res, status, { messages: [{ type, text }] });
    }

    async handle(req, res) {
        const url = new URL(req.url, 'http://localhost');
        this.requests.push({ method: req.method, path: url.pathname, formKey: req.headers['x-splunk-form-key'] });
        const L = `/${this.locale}`;
        if (url.pathname === '/' || url.pathname === L || url.pathname === `${L}/`) return this.redirect(res, `${L}/app/${OWN_APP}/`);
        if (url.pathname === `${L}/account/login`) return this.login(req, res, url);
        const session = cookieOf(req, `splunkd_${this.port}`);
        const loggedIn = session && this.sessions.has(session);
        if (url.pathname.startsWith(`${L}/splunkd/__raw/`)) {
            if (!loggedIn) return this.fail(res, 401, 'call not properly authenticated');
            const csrf = cookieOf(req, `splunkweb_csrf_token_${this.port}`);
            if (!csrf || req.headers['x-splunk-form-key'] !== csrf)
                return this.fail(res, 401, 'Splunk cannot authenticate the request. CSRF validation failed.');
            return this.splunkd(req, res, url, url.pathname.slice(`${L}/splunkd/__raw`.length));
        }
        if (url.pathname === `${L}/config`) return this.config(res);
        const stat = new RegExp(`^${L}/static/(?:@[^/]+/)?(.*)$`).exec(url.pathname);
        if (stat) return this.staticFile(res, stat[1]);
        const appPage = new RegExp(`^${L}/app/([^/]+)/?([^/]*)$`).exec(url.pathname);
        if (appPage) {
            if (!loggedIn) return this.redirect(res, `${L}/account/login?return_to=${encodeURIComponent(url.pathname)}`);
            return this.view(res, decodeURIComponent(appPage[1]), decodeURIComponent(appPage[2]));
        }
        return this.fail(res, 404, `no such page ${url.pathname}`);
    }

    redirect(res, location) {
        res.writeHead(303, { Location: location });
        res.end();
    }

    login(req, res, url) {
        // Emulated: the admin's credentials are accepted without a form.
        const session = crypto.randomBytes(16).toString('hex');
        this.sessions.add(session);
        this.csrf = crypto.randomBytes(16).toString('hex');
        res.writeHead(303, {
            'Set-Cookie': [
                `splunkd_${this.port}=${session}; Path=/; HttpOnly; SameSite=Strict`,
                `splunkweb_csrf_token_${this.port}=${this.csrf}; Path=/; SameSite=Strict`,
            ],
            Location: url.searchParams.get('return_to') || `/${this.locale}/app/${OWN_APP}/`,
        });
        res.end();
    }

    config(res) {
        const $C = {
            SPLUNKD_PATH: `/${this.locale}/splunkd/__raw`,
            MRSPARKLE_ROOT_PATH: '',
            MRSPARKLE_PORT_NUMBER: String(this.port),
            LOCALE: this.locale,
            BUILD_NUMBER: 123456,
            BUILD_PUSH_NUMBER: 0,
            APP_BUILD: 1,
            USERNAME: 'admin',
            SPLUNK_UI_THEME: this.theme,
            VERSION_LABEL: '9.2.0 (stand-in)',
        };
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=UTF-8' });
        res.end(`window.$C = ${JSON.stringify($C)};\n`);
    }

    staticFile(res, rel) {
        if (rel === 'build/api/get_theme.js') {
            res.writeHead(200, { 'Content-Type': 'text/javascript' });
            return res.end(`window.__get_theme__ = { getTheme: function () { return Promise.resolve(${JSON.stringify(this.theme)}); } };\n`);
        }
        const m = /^app\/([^/]+)\/(.+)$/.exec(rel);
        if (!m) return this.fail(res, 404, `no static file ${rel}`);
        const root = path.join(this.appDir(m[1]), 'appserver', 'static');
        const file = path.normalize(path.join(root, m[2]));
        if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile())
            return this.fail(res, 404, `no static file ${rel}`);
        const types = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png' };
        res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
        res.end(fs.readFileSync(file));
    }

    view(res, app, viewName) {
        const uiDir = path.join(this.appDir(app), 'default', 'data', 'ui');
        if (!viewName) {
            const nav = fs.readFileSync(path.join(uiDir, 'nav', 'default.xml'), 'utf8');
            const def = /<view\s+name="([^"]+)"\s+default="true"/.exec(nav);
            if (!def) return this.fail(res, 500, `${app}'s nav has no default view`);
            return this.redirect(res, `/${this.locale}/app/${app}/${def[1]}`);
        }
        const viewFile = path.join(uiDir, 'views', `${viewName}.xml`);
        if (!fs.existsSync(viewFile)) return this.fail(res, 404, `no view ${viewName} in ${app}`);
        const xml = fs.readFileSync(viewFile, 'utf8');
        const tpl = /<view\b[^>]*\btemplate="([^":]+):\/templates\/([^"]+)"[^>]*\btype="html"/.exec(xml);
        if (!tpl) return this.fail(res, 500, `view ${viewName} is not an HTML view with a template`);
        let html = fs.readFileSync(path.join(this.appDir(tpl[1]), 'appserver', 'templates', tpl[2]), 'utf8');
        html = html.replace(/\$\{make_url\('([^']+)'\)\}/g, (all, p) =>
            // make_url puts the locale in front and a cache buster into static paths.
            `/${this.locale}${p.startsWith('/static/') ? p.replace('/static/', '/static/@123456:1/') : p}`
        );
        if (/\$\{|<%/.test(html)) return this.fail(res, 500, `template ${tpl[2]} uses Mako the stand-in does not render`);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' });
        res.end(html);
    }

    // ---- splunkd ----
    async splunkd(req, res, url, rest) {
        const m = /^\/(?:services|servicesNS\/([^/]+)\/([^/]+))\/(.*)$/.exec(rest);
        if (!m) return this.fail(res, 404, `unknown endpoint ${rest}`);
        const owner = m[1] ? decodeURIComponent(m[1]) : '-';
        const app = m[2] ? decodeURIComponent(m[2]) : '-';
        const parts = m[3].split('/').map(decodeURIComponent);
        const body = new URLSearchParams(req.method === 'GET' ? '' : await readBody(req));
        if (url.searchParams.get('output_mode') !== 'json') return this.fail(res, 400, 'the stand-in answers output_mode=json only');
        // A user without write access (readOnly): splunkd refuses every change with 403.
        const isSearch = parts[0] === 'search';
        if (this.readOnly && req.method !== 'GET' && !isSearch)
            return this.fail(res, 403, 'You (user=viewer) do not have permission to perform this operation (requires capability: admin_all_objects).');
        if (parts[0] === 'configs' && parts[1] === 'conf-eventgen') return this.confEndpoint(req, res, app, parts.slice(2), body);
        if (parts[0] === 'data' && parts[1] === 'inputs' && parts[2] === SCHEME) return this.inputsEndpoint(req, res, app, parts.slice(3), body);
        if (parts[0] === 'search' && parts[1] === 'jobs' && parts.length === 2 && req.method === 'POST')
            return this.searchEndpoint(res, app === '-' ? 'search' : app, body);
        return this.fail(res, 404, `the stand-in does not serve ${req.method} ${rest}`);
    }

    exported(app) {
        const meta = path.join(this.appDir(app), 'metadata', 'default.meta');
        return fs.existsSync(meta) && /^\s*export\s*=\s*system/m.test(fs.readFileSync(meta, 'utf8'));
    }

    confEntries(app, names) {
        const { merged, inDefault, inLocal } = layeredConf(this.appDir(app), 'eventgen');
        const defaults = merged.get('default') || new Map();
        const out = [];
        for (const [name, keys] of merged) {
            if (names && !names.includes(name)) continue;
            const content = Object.fromEntries(defaults);
            for (const [k, v] of keys) content[k] = v;
            const disabled = ['1', 'true', 't', 'yes'].includes(String(content.disabled || '').toLowerCase());
            content.disabled = disabled;
            Object.assign(content, { 'eai:appName': app, 'eai:userName': 'nobody' });
            out.push({
                name,
                id: `https://127.0.0.1:8089/servicesNS/nobody/${app}/configs/conf-eventgen/${encodeURIComponent(name)}`,
                author: 'nobody',
                acl: {
                    app,
                    owner: 'nobody',
                    sharing: this.exported(app) ? 'global' : 'app',
                    can_write: true,
                    modifiable: true,
                    removable: inLocal.has(name) && !inDefault.has(name),
                    perms: { read: ['*'], write: ['admin'] },
                },
                content,
            });
        }
        return out;
    }

    confEndpoint(req, res, app, rest, body) {
        const feed = (entry) => this.json(res, 200, { entry, paging: { total: entry.length, perPage: 0, offset: 0 }, messages: [] });
        if (rest.length === 0 && req.method === 'GET') {
            // "-" lists every app's stanzas; an app sees its own and what is exported to the system.
            const apps = app === '-' ? this.apps() : [app, ...this.apps().filter((a) => a !== app && this.exported(a))];
            return feed(apps.flatMap((a) => this.confEntries(a)));
        }
        if (app === '-') return this.fail(res, 400, 'writes need an app namespace');
        if (!fs.existsSync(this.appDir(app))) return this.fail(res, 404, `app ${app} does not exist`);
        if (rest[0] === '_reload') return feed([]);
        const { merged, inLocal, inDefault } = layeredConf(this.appDir(app), 'eventgen');
        const fields = Object.fromEntries([...body.entries()].filter(([k]) => k !== 'name' && k !== 'output_mode'));
        if (rest.length === 0 && req.method === 'POST') {
            const name = body.get('name');
            if (!name) return this.fail(res, 400, 'The following required arguments are missing: name.');
            if (merged.has(name)) return this.fail(res, 409, `An object with name=${name} already exists`);
            writeLocal(this.appDir(app), 'eventgen', name, fields);
            return this.json(res, 201, { entry: this.confEntries(app, [name]), messages: [] });
        }
        const name = rest[0];
        if (!merged.has(name)) return this.fail(res, 404, `Could not find object id=${name}`);
        if (req.method === 'GET') return feed(this.confEntries(app, [name]));
        if (req.method === 'POST') {
            writeLocal(this.appDir(app), 'eventgen', name, fields);
            return feed(this.confEntries(app, [name]));
        }
        if (req.method === 'DELETE') {
            if (inDefault.has(name) || !inLocal.has(name))
                return this.fail(res, 400, `Object id=${name} cannot be deleted in config=eventgen (it is in ${app}/default).`);
            deleteLocal(this.appDir(app), 'eventgen', name);
            return feed([]);
        }
        return this.fail(res, 405, `${req.method} is not allowed here`);
    }

    inputEntries(names) {
        const out = [];
        for (const app of this.apps()) {
            const { merged } = layeredConf(this.appDir(app), 'inputs');
            const schemeDefaults = Object.fromEntries(merged.get(SCHEME) || new Map());
            for (const [stanza, keys] of merged) {
                if (!stanza.startsWith(`${SCHEME}://`)) continue;
                const name = stanza.slice(SCHEME.length + 3);
                if (names && !names.includes(name)) continue;
                const content = { ...schemeDefaults, ...Object.fromEntries(keys) };
                content.disabled = ['1', 'true'].includes(String(content.disabled || '').toLowerCase());
                out.push({ name, acl: { app, owner: 'nobody', sharing: 'app', can_write: true, removable: false }, content });
            }
        }
        return out;
    }

    async inputsEndpoint(req, res, app, rest, body) {
        const feed = (entry) => this.json(res, 200, { entry, paging: { total: entry.length }, messages: [] });
        if (rest.length === 0 && req.method === 'GET') return feed(this.inputEntries());
        const [name, action] = rest;
        const entry = this.inputEntries([name]).find((e) => e.acl.app === app || app === '-');
        if (!entry) return this.fail(res, 404, `Could not find object id=${name}`);
        const appDir = this.appDir(entry.acl.app);
        if (req.method === 'GET' && !action) return feed([entry]);
        if (req.method === 'POST' && (action === 'enable' || action === 'disable')) {
            writeLocal(appDir, 'inputs', `${SCHEME}://${name}`, { disabled: action === 'disable' ? '1' : '0' });
            return feed(this.inputEntries([name]));
        }
        if (req.method === 'POST' && !action) {
            const fields = Object.fromEntries([...body.entries()].filter(([k]) => k !== 'output_mode'));
            const problem = await this.validateInput(entry.acl.app, name, { ...entry.content, ...fields });
            if (problem) return this.fail(res, 400, problem);
            writeLocal(appDir, 'inputs', `${SCHEME}://${name}`, fields);
            return feed(this.inputEntries([name]));
        }
        return this.fail(res, 405, `${req.method} is not allowed here`);
    }

    // splunkd's external validation: the app's executable with --validate-arguments.
    async validateInput(app, name, params) {
        const exe = path.join(this.appDir(app), 'linux_x86_64', 'bin', `${SCHEME}.sh`);
        const declared = ['verbosity', 'config_source', 'keep_output_mode', 'metrics_interval'];
        let doc = `<?xml version="1.0" encoding="UTF-8"?>\n<items><server_host>standin</server_host><server_uri>https://127.0.0.1:8089</server_uri><session_key>k</session_key><checkpoint_dir>${xmlEscape(path.join(this.splunkHome, 'var/lib/splunk/modinputs', SCHEME))}</checkpoint_dir><item name="${xmlEscape(name)}">`;
        for (const [k, v] of Object.entries(params)) if (declared.includes(k)) doc += `<param name="${xmlEscape(k)}">${xmlEscape(v)}</param>`;
        doc += '</item></items>';
        const r = await runProcess([exe, '--validate-arguments'], doc, { SPLUNK_HOME: this.splunkHome });
        if (r.code === 0) return '';
        const m = /<message>([\s\S]*?)<\/message>/.exec(r.out);
        return m ? m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&') : `validation failed: ${r.err || r.out}`;
    }

    async searchEndpoint(res, app, body) {
        if (body.get('exec_mode') !== 'oneshot') return this.fail(res, 400, 'the stand-in runs oneshot searches only');
        const search = (body.get('search') || '').trim();
        if (/^\|\s*eventgen\b/.test(search)) {
            if (!this.searchTool || !fs.existsSync(this.searchTool))
                return this.fail(res, 400, "Unknown search command 'eventgen' (the stand-in has no search_standin tool)", 'FATAL');
            const r = await runProcess([this.searchTool, '--splunk-home', this.splunkHome, '--app', app, search], '', {});
            let out;
            try {
                out = JSON.parse(r.out);
            } catch (e) {
                return this.fail(res, 500, `search_standin printed no JSON (exit ${r.code}): ${r.err}`);
            }
            const messages = (out.messages || []).map((m) => ({ type: m.type, text: m.text }));
            if (!out.ok) {
                if (out.protocol_error) messages.push({ type: 'FATAL', text: `External search command 'eventgen' returned error: ${out.protocol_error}` });
                return this.json(res, 400, { messages });
            }
            return this.json(res, 200, { preview: false, init_offset: 0, messages, fields: (out.fields || []).map((name) => ({ name })), results: out.rows || [] });
        }
        const logs = [{ dir: path.join(this.splunkHome, 'var', 'log', 'splunk'), host: 'standin' }, ...this.forwarders];
        let rows;
        try {
            rows = answerStatusSearch(search, indexMetrics(this.appDir(OWN_APP), logs), body.get('earliest_time'), body.get('latest_time'));
        } catch (e) {
            return this.fail(res, 400, e.message, 'FATAL');
        }
        if (!rows) return this.fail(res, 400, `the stand-in does not run this search: ${search}`, 'FATAL');
        return this.json(res, 200, { preview: false, init_offset: 0, messages: [], fields: Object.keys(rows[0] || {}).map((name) => ({ name })), results: rows });
    }
}

export { parseConf };
