// Runs the packaged modular input once as splunkd does: the app's entry script with
// the <input> document on stdin, SPLUNK_HOME set, splunkd's own LD_LIBRARY_PATH
// replaced by a folder of broken libraries; then parses its XML event stream.
import fs from 'node:fs';
import path from 'node:path';
import { runProcess } from './process.mjs';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function inputDocument(home, params = {}) {
    const all = { disabled: '0', host: '$decideOnStartup', index: 'default', interval: '60', start_by_shell: 'false', ...params };
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<input><server_host>standin</server_host>' +
        '<server_uri>https://127.0.0.1:8089</server_uri><session_key>k</session_key>' +
        `<checkpoint_dir>${esc(path.join(home, 'var/lib/splunk/modinputs/modinput_eventgen'))}</checkpoint_dir>` +
        '<configuration><stanza name="modinput_eventgen://default" app="SA-Eventgen">' +
        Object.entries(all).map(([k, v]) => `<param name="${esc(k)}">${esc(v)}</param>`).join('') +
        '</stanza></configuration></input>\n'
    );
}

export function modinputRun(home, env = {}, params = {}, timeoutMs = 60000) {
    const exe = path.join(home, 'etc/apps/SA-Eventgen/linux_x86_64/bin/modinput_eventgen.sh');
    const broken = path.join(home, 'lib');
    fs.mkdirSync(broken, { recursive: true });
    for (const lib of ['libcurl.so.4', 'libssl.so.3', 'libcrypto.so.3', 'libstdc++.so.6']) fs.writeFileSync(path.join(broken, lib), 'not a shared object');
    return runProcess([exe], inputDocument(home, params), { SPLUNK_HOME: home, LD_LIBRARY_PATH: broken, ...env }, timeoutMs);
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function streamEvents(xml) {
    if (!/^\s*<stream>[\s\S]*<\/stream>\s*$/.test(xml)) throw new Error(`not a closed <stream> document: ${xml.slice(0, 300)}`);
    const events = [];
    const re = /<event\b[^>]*>([\s\S]*?)<\/event>/g;
    let m;
    while ((m = re.exec(xml))) {
        const field = (name) => {
            const f = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(m[1]);
            return f ? unescape(f[1]) : '';
        };
        events.push({ source: field('source'), sourcetype: field('sourcetype'), index: field('index'), host: field('host'), data: field('data') });
    }
    return events;
}
