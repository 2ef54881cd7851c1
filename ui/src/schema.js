// The settings schema (`eventgen describe --json`): which keys a stanza takes, their
// types, defaults and allowed values, and the inline validation built from them.

// Keys shown in every form, in this order, when the schema has them.
export const COMMON_KEYS = [
    'disabled', 'mode', 'generator', 'count', 'interval', 'perDayVolume', 'earliest', 'latest',
    'end', 'outputMode', 'index', 'sourcetype', 'source', 'host',
];

export function sampleSettings(schema) {
    const byKey = new Map();
    for (const s of (schema && schema.settings) || []) if (s.scope !== 'global' && !byKey.has(s.key)) byKey.set(s.key, s);
    return byKey;
}

// The schema entry of a key; token keys (token.3.replacement) match token.<n>.replacement.
export function settingFor(settings, key) {
    return settings.get(key) || settings.get(key.replace(/^token\.\d+\./, 'token.<n>.'));
}

// Keys a form can offer to add: token keys need a number, so they are added by hand.
export const addableKey = (key) => !key.includes('<n>');

const BOOL_TRUE = ['1', 'true', 't', 'yes', 'y', 'on'];
const BOOL_FALSE = ['0', 'false', 'f', 'no', 'n', 'off'];

// The message for a value the setting refuses, or '' when it is fine. An empty value
// means "not set here" (the default applies) and is always fine.
export function validate(setting, raw) {
    const value = String(raw == null ? '' : raw).trim();
    if (!setting || value === '') return '';
    const key = setting.key;
    switch (setting.type) {
        case 'integer':
            return /^[-+]?\d+$/.test(value) ? '' : `${key} must be a whole number; got '${value}'`;
        case 'number':
            return value !== '' && Number.isFinite(Number(value)) ? '' : `${key} must be a number; got '${value}'`;
        case 'boolean':
            return BOOL_TRUE.includes(value.toLowerCase()) || BOOL_FALSE.includes(value.toLowerCase())
                ? ''
                : `${key} must be true or false; got '${value}'`;
        case 'choice': {
            const allowed = setting.allowed || [];
            if (!allowed.length || allowed.includes(value)) return '';
            const near = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
            return near
                ? `${key} is case-sensitive: write '${near}', not '${value}'`
                : `${key} must be one of ${allowed.join(', ')}; got '${value}'`;
        }
        case 'json':
            try {
                JSON.parse(value);
                return '';
            } catch (e) {
                return `${key} must be JSON (${e.message})`;
            }
        default:
            return '';
    }
}

export const isTrue = (v) => BOOL_TRUE.includes(String(v == null ? '' : v).trim().toLowerCase());
