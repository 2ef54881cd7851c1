// .conf files as splunkd reads and writes them: stanzas, `key = value`, comments,
// backslash continuation lines, keys before any stanza in [default]; default/ then
// local/ layering; writes edit local/ line by line, keeping everything else.
import fs from 'node:fs';
import path from 'node:path';

export function parseConf(text) {
    const stanzas = new Map();
    let current = 'default';
    const get = (name) => {
        if (!stanzas.has(name)) stanzas.set(name, new Map());
        return stanzas.get(name);
    };
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        let line = lines[i];
        while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + '\n' + lines[++i];
        const t = line.trim();
        if (!t || t.startsWith('#')) continue;
        const m = /^\[(.*)\]$/.exec(t);
        if (m) {
            current = m[1];
            get(current);
            continue;
        }
        const eq = line.indexOf('=');
        if (eq < 0) continue;
        get(current).set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
    }
    return stanzas;
}

const readConf = (file) => (fs.existsSync(file) ? parseConf(fs.readFileSync(file, 'utf8')) : new Map());

// An app's layered view of <conf>.conf: {stanza -> {key -> value}}, and which
// stanzas exist in local/ and in default/.
export function layeredConf(appDir, conf) {
    const def = readConf(path.join(appDir, 'default', `${conf}.conf`));
    const local = readConf(path.join(appDir, 'local', `${conf}.conf`));
    const merged = new Map();
    for (const layer of [def, local])
        for (const [name, keys] of layer) {
            if (!merged.has(name)) merged.set(name, new Map());
            for (const [k, v] of keys) merged.get(name).set(k, v);
        }
    return { merged, inDefault: new Set(def.keys()), inLocal: new Set(local.keys()) };
}

const escapeStanza = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Sets keys of a stanza in <app>/local/<conf>.conf (creating file and stanza as needed).
export function writeLocal(appDir, conf, stanza, fields) {
    const file = path.join(appDir, 'local', `${conf}.conf`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    let start = lines.findIndex((l) => new RegExp(`^\\s*\\[${escapeStanza(stanza)}\\]\\s*$`).test(l));
    if (start < 0) {
        if (lines.length) lines.push('');
        lines.push(`[${stanza}]`);
        start = lines.length - 1;
    }
    let end = start + 1;
    while (end < lines.length && !/^\s*\[.*\]\s*$/.test(lines[end])) end++;
    for (const [key, value] of Object.entries(fields)) {
        const text = `${key} = ${String(value).replace(/\n/g, '\\\n')}`;
        const at = lines.slice(start + 1, end).findIndex((l) => {
            const eq = l.indexOf('=');
            return eq > 0 && !l.trim().startsWith('#') && l.slice(0, eq).trim() === key;
        });
        if (at >= 0) lines[start + 1 + at] = text;
        else {
            let insert = end;
            while (insert > start + 1 && lines[insert - 1].trim() === '') insert--;
            lines.splice(insert, 0, text);
            end++;
        }
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
}

// Removes a stanza from <app>/local/<conf>.conf; false when it is not there.
export function deleteLocal(appDir, conf, stanza) {
    const file = path.join(appDir, 'local', `${conf}.conf`);
    if (!fs.existsSync(file)) return false;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const start = lines.findIndex((l) => new RegExp(`^\\s*\\[${escapeStanza(stanza)}\\]\\s*$`).test(l));
    if (start < 0) return false;
    let end = start + 1;
    while (end < lines.length && !/^\s*\[.*\]\s*$/.test(lines[end])) end++;
    lines.splice(start, end - start);
    fs.writeFileSync(file, lines.join('\n'));
    return true;
}
