// The LwM2M server entries of the bootstrap configuration form: any number of servers, each with
// its short server id, URI, lifetime, binding and the client's credentials for it — none, PSK, RPK
// or X.509. Keys and certificates are pasted (PEM, base64 or hex) or loaded from a file (PEM or
// DER); the JSON always carries base64 DER, the form the configs API takes.
import { h } from './api.js';

const MODES = [['nosec', 'No security'], ['psk', 'PSK'], ['rpk', 'RPK'], ['x509', 'X.509']];

/** The key and certificate fields of each mode: [JSON field, label, placeholder]. */
const KEY_FIELDS = {
  rpk: [['publicKey', 'Client public key', 'PEM, base64 or hex DER SubjectPublicKeyInfo'],
    ['privateKey', 'Client private key', 'PEM, base64 or hex DER PKCS#8'],
    ['serverPublicKey', 'Server public key', 'PEM, base64 or hex DER SubjectPublicKeyInfo']],
  x509: [['certificate', 'Client certificate', 'PEM, base64 or hex DER certificate'],
    ['privateKey', 'Client private key', 'PEM, base64 or hex DER PKCS#8'],
    ['serverCertificate', 'Server certificate', 'PEM, base64 or hex DER certificate']],
};

/**
 * Pasted key material as base64 DER: PEM armour and white space dropped, hex (with or without
 * colons) converted; anything else is passed on for the API to judge and name.
 */
export function toBase64Der(text) {
  const compact = text.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, '');
  const hex = compact.replace(/:/g, '');
  // DER starts with a SEQUENCE (0x30): "30…" in hex, "M…" in base64, so the two never mix up
  if (hex.length % 2 === 0 && /^30[0-9a-fA-F]+$/.test(hex)) {
    let binary = '';
    for (let i = 0; i < hex.length; i += 2) {
      binary += String.fromCharCode(parseInt(hex.substring(i, i + 2), 16));
    }
    return btoa(binary);
  }
  return compact;
}

/** A file's key material as text for the field: PEM as it is, DER as base64. */
async function readKeyFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('-----BEGIN')) {
    return text.trim();
  }
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

/**
 * The servers fieldset: {@code onChange} is called whenever an entry changes, is added or removed.
 * Entries are numbered from 1 as they are added; their fields have ids {@code srv-N-uri} etc.
 */
export function serverList(onChange) {
  const entries = [];
  let next = 1;
  const list = h('div', { id: 'servers-list' });
  const add = h('button', { type: 'button', id: 'server-add', onclick: () => { addServer(); onChange(); } }, 'Add server');
  const element = h('fieldset', { id: 'servers' }, h('legend', {}, 'LwM2M servers'),
    h('p', { class: 'muted' }, 'Editing these fields rewrites the JSON below.'), list, h('div', { class: 'actions' }, add));

  function addServer(config = {}) {
    const n = next++;
    const id = name => 'srv-' + n + '-' + name;
    const security = config.security || { mode: 'nosec' };
    const ssid = h('input', { id: id('ssid'), type: 'number', min: '1', max: '65534',
      value: String(config.shortServerId || Math.max(0, ...entries.map(e => Number(e.ssid.value) || 0)) + 1) });
    const uri = h('input', { id: id('uri'), type: 'text', value: config.uri || 'coap://127.0.0.1:5683' });
    const lifetime = h('input', { id: id('lifetime'), type: 'number', min: '1', value: String(config.lifetime || 300) });
    const binding = h('input', { id: id('binding'), type: 'text', value: config.binding || 'U' });
    const mode = h('select', { id: id('mode') }, MODES.map(([value, text]) => h('option', { value }, text)));
    mode.value = security.mode;
    const identity = h('input', { id: id('identity'), type: 'text', autocomplete: 'off', value: security.identity || '' });
    const key = h('input', { id: id('key'), type: 'password', autocomplete: 'off', placeholder: 'hex' });
    const psk = h('div', { class: 'fields' },
      h('div', { class: 'field' }, h('label', { for: id('identity') }, 'PSK identity'), identity),
      h('div', { class: 'field' }, h('label', { for: id('key') }, 'PSK key (hex)'), key));
    const keys = {};
    const keyBlock = (modeName) => h('div', {}, KEY_FIELDS[modeName].map(([field, label, placeholder]) => {
      const fieldId = id(modeName + '-' + field);
      const area = h('textarea', { id: fieldId, class: 'code', rows: '3', spellcheck: 'false', autocomplete: 'off', placeholder },
        field === 'privateKey' ? '' : (security.mode === modeName && security[field]) || '');
      const upload = h('input', { id: fieldId + '-file', type: 'file', class: 'key-file', 'aria-label': label + ' from a file (PEM or DER)',
        onchange: async (event) => {
          const file = event.target.files[0];
          if (file) {
            area.value = await readKeyFile(file);
            onChange();
          }
        } });
      keys[modeName + '.' + field] = area;
      return h('div', { class: 'field' }, h('label', { for: fieldId }, label), area, upload);
    }));
    const usage = h('select', { id: id('usage'), 'aria-label': 'Certificate usage' },
      ['0 CA constraint', '1 service certificate constraint', '2 trust anchor assertion', '3 domain-issued certificate']
        .map((text, value) => h('option', { value: String(value) }, text)));
    usage.value = String(security.certificateUsage ?? 3);
    const rpk = keyBlock('rpk');
    const x509 = h('div', {}, keyBlock('x509'),
      h('div', { class: 'field' }, h('label', { for: id('usage') }, 'Certificate usage'), usage));
    const showMode = () => {
      psk.hidden = mode.value !== 'psk';
      rpk.hidden = mode.value !== 'rpk';
      x509.hidden = mode.value !== 'x509';
    };
    mode.addEventListener('change', showMode);
    showMode();
    const remove = h('button', { type: 'button', class: 'small danger', id: id('remove'), 'aria-label': 'Remove server ' + n,
      onclick: () => {
        entries.splice(entries.indexOf(entry), 1);
        box.remove();
        onChange();
      } }, 'Remove');
    const box = h('fieldset', { class: 'server', 'data-server': String(n) }, h('legend', {}, 'Server ' + n),
      h('div', { class: 'field' }, h('label', { for: id('uri') }, 'Server URI'), uri),
      h('div', { class: 'fields' },
        h('div', { class: 'field' }, h('label', { for: id('ssid') }, 'Short server id'), ssid),
        h('div', { class: 'field' }, h('label', { for: id('lifetime') }, 'Lifetime (s)'), lifetime),
        h('div', { class: 'field' }, h('label', { for: id('binding') }, 'Binding'), binding),
        h('div', { class: 'field' }, h('label', { for: id('mode') }, 'Security'), mode)),
      psk, rpk, x509, h('div', { class: 'actions' }, remove));
    // fields of the loaded config the form does not edit (default periods…) are kept
    const { shortServerId, uri: u, lifetime: l, binding: b, security: s, ...kept } = config;
    const entry = {
      ssid,
      json() {
        const out = { shortServerId: Number(ssid.value), uri: uri.value.trim(), lifetime: Number(lifetime.value),
          binding: binding.value.trim() || 'U', ...kept };
        const sec = { mode: mode.value };
        if (mode.value === 'psk') {
          sec.identity = identity.value;
          if (key.value.trim()) {
            sec.key = key.value.trim();
          }
        } else if (KEY_FIELDS[mode.value]) {
          for (const [field] of KEY_FIELDS[mode.value]) {
            const value = keys[mode.value + '.' + field].value.trim();
            if (value) {
              sec[field] = toBase64Der(value);
            }
          }
          if (mode.value === 'x509') {
            sec.certificateUsage = Number(usage.value);
          }
        }
        out.security = sec;
        return out;
      },
    };
    entries.push(entry);
    list.append(box);
  }

  return {
    element,
    /** The servers as the configs API takes them. */
    json: () => entries.map(e => e.json()),
    /** Replaces the entries with those of {@code servers} (secrets are not shown by the API: left empty). */
    load(servers) {
      entries.length = 0;
      list.replaceChildren();
      next = 1;
      (servers && servers.length ? servers : [{}]).forEach(addServer);
    },
  };
}
