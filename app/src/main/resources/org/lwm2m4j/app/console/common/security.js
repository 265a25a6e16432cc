// The credentials page of both consoles: /api/v1/security/clients and /api/v1/security/server.
import { api, h, announce, show } from './api.js';

/** Lists, adds and deletes client credentials (PSK, RPK, X.509) and shows the server's own. */
export function securityPage() {
  const body = h('tbody', { id: 'security-body' });
  const serverKeys = h('div', { id: 'server-credentials' }, h('p', { class: 'muted' }, 'Loading…'));
  const endpoint = h('input', { id: 'sec-endpoint', type: 'text', required: true, autocomplete: 'off' });
  const mode = h('select', { id: 'sec-mode' },
    h('option', { value: 'psk' }, 'PSK (pre-shared key)'), h('option', { value: 'rpk' }, 'RPK (raw public key)'), h('option', { value: 'x509' }, 'X.509 certificate'));
  const identity = h('input', { id: 'sec-identity', type: 'text', autocomplete: 'off' });
  const key = h('input', { id: 'sec-key', type: 'password', autocomplete: 'off', placeholder: 'hex, e.g. 000102…' });
  const publicKey = h('textarea', { id: 'sec-public-key', class: 'code', placeholder: 'base64 DER SubjectPublicKeyInfo' });
  const pskFields = h('div', {},
    h('div', { class: 'field' }, h('label', { for: 'sec-identity' }, 'PSK identity'), identity),
    h('div', { class: 'field' }, h('label', { for: 'sec-key' }, 'PSK key (hex)'), key));
  const rpkFields = h('div', { hidden: true }, h('div', { class: 'field' }, h('label', { for: 'sec-public-key' }, 'Client public key'), publicKey));
  const x509Note = h('p', { class: 'muted', hidden: true }, 'The client authenticates with a certificate whose CN is its endpoint name, trusted by the server.');
  mode.addEventListener('change', () => {
    pskFields.hidden = mode.value !== 'psk';
    rpkFields.hidden = mode.value !== 'rpk';
    x509Note.hidden = mode.value !== 'x509';
  });
  const form = h('form', {
    id: 'security-form', onsubmit: async (event) => {
      event.preventDefault();
      const json = { mode: mode.value };
      if (mode.value === 'psk') {
        json.identity = identity.value;
        json.key = key.value.trim();
      } else if (mode.value === 'rpk') {
        json.publicKey = publicKey.value.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      }
      try {
        const { status } = await api('/api/v1/security/clients/' + encodeURIComponent(endpoint.value.trim()), { method: 'PUT', json });
        announce('Credentials of ' + endpoint.value + (status === 201 ? ' added' : ' replaced'), 'ok');
        key.value = '';
        load();
      } catch (e) {
        announce('Not saved: ' + e.message, 'error');
      }
    },
  },
  h('div', { class: 'field' }, h('label', { for: 'sec-endpoint' }, 'Endpoint name'), endpoint),
  h('div', { class: 'field' }, h('label', { for: 'sec-mode' }, 'Mode'), mode),
  pskFields, rpkFields, x509Note,
  h('button', { type: 'submit', class: 'primary', id: 'sec-save' }, 'Save credentials'));

  show('Security',
    h('div', { class: 'grid-2' },
      h('section', { class: 'panel', 'aria-labelledby': 'creds-title' },
        h('h2', { id: 'creds-title' }, 'Client credentials'),
        h('p', { class: 'muted' }, 'PSK keys are never shown.'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'cards' },
          h('thead', {}, h('tr', {}, ['Endpoint', 'Mode', 'Identity / key', ''].map(t => h('th', { scope: 'col' }, t)))), body))),
      h('div', {},
        h('section', { class: 'panel', 'aria-labelledby': 'add-title' }, h('h2', { id: 'add-title' }, 'Add or replace'), form),
        h('section', { class: 'panel', 'aria-labelledby': 'server-title' }, h('h2', { id: 'server-title' }, "The server's credentials"), serverKeys))));

  async function load() {
    try {
      const { data } = await api('/api/v1/security/clients');
      body.replaceChildren(...data.map(info => h('tr', { 'data-endpoint': info.endpoint },
        h('td', { 'data-label': 'Endpoint' }, info.endpoint),
        h('td', { 'data-label': 'Mode' }, h('span', { class: 'badge plain' }, info.mode.toUpperCase())),
        h('td', { 'data-label': 'Identity / key', class: 'mono' }, info.identity || (info.publicKey ? info.publicKey.substring(0, 40) + '…' : '')),
        h('td', {}, h('button', {
          type: 'button', class: 'small danger', 'aria-label': 'Delete credentials of ' + info.endpoint, onclick: async () => {
            if (!confirm('Delete the credentials of ' + info.endpoint + '?')) {
              return;
            }
            try {
              await api('/api/v1/security/clients/' + encodeURIComponent(info.endpoint), { method: 'DELETE' });
              announce('Credentials of ' + info.endpoint + ' deleted', 'ok');
              load();
            } catch (e) {
              announce(e.message, 'error');
            }
          },
        }, 'Delete')))));
      if (!data.length) {
        body.append(h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No client credentials.')));
      }
    } catch (e) {
      announce('Cannot list credentials: ' + e.message, 'error');
    }
    try {
      const { data } = await api('/api/v1/security/server');
      serverKeys.replaceChildren(
        h('h3', {}, 'Public key (RPK)'), data.publicKey ? h('pre', { class: 'mono' }, data.publicKey) : h('p', { class: 'empty' }, 'none'),
        h('h3', {}, 'Certificate chain'), data.certificate ? h('pre', { class: 'mono' }, data.certificate) : h('p', { class: 'empty' }, 'none'));
    } catch (e) {
      serverKeys.replaceChildren(h('p', { class: 'error-text' }, e.message));
    }
  }
  load();
  return { event() {}, dispose() {} };
}
