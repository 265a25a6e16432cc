// The Bootstrap-Server's console: configurations per endpoint with their last session, the push
// of a configuration (server-initiated bootstrap), live session events, and credentials.
//   #/           configurations
//   #/security   bootstrap clients' credentials
import { api, subscribe, h, announce, when, show, markNav, streamState } from './api.js';
import { securityPage } from './security.js';

const CONFIGS = '/api/v1/bootstrap/configs';
const events = []; // the latest session events, newest first
let page = null;

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});
window.addEventListener('hashchange', route);
start();

async function start() {
  try {
    await api(CONFIGS);
  } catch (e) {
    announce('Cannot reach the bootstrap API: ' + e.message, 'error');
  }
  const record = name => data => {
    events.unshift({ name, data, at: new Date() });
    events.length = Math.min(events.length, 200);
    page && page.event(name, data);
  };
  subscribe({ started: record('started'), step: record('step'), finished: record('finished'), failed: record('failed') },
    streamState, CONFIGS);
  route();
}

function route() {
  if (page) {
    page.dispose();
  }
  if (location.hash === '#/security') {
    markNav('security');
    page = securityPage();
  } else {
    markNav('configs');
    page = configsPage();
  }
}

function configsPage() {
  let entries = [];
  const body = h('tbody', { id: 'configs-body' });
  const log = h('ul', { class: 'log', id: 'session-log', 'aria-label': 'Bootstrap session events' });

  // the simple form writes the JSON; the JSON is what is saved
  const endpoint = h('input', { id: 'cfg-endpoint', type: 'text', required: true, autocomplete: 'off' });
  const uri = h('input', { id: 'cfg-uri', type: 'text', value: 'coap://127.0.0.1:5683' });
  const ssid = h('input', { id: 'cfg-ssid', type: 'number', min: '1', max: '65534', value: '1' });
  const lifetime = h('input', { id: 'cfg-lifetime', type: 'number', min: '1', value: '300' });
  const binding = h('input', { id: 'cfg-binding', type: 'text', value: 'U' });
  const mode = h('select', { id: 'cfg-mode' }, h('option', { value: 'nosec' }, 'No security'), h('option', { value: 'psk' }, 'PSK'));
  const identity = h('input', { id: 'cfg-identity', type: 'text', autocomplete: 'off' });
  const key = h('input', { id: 'cfg-key', type: 'password', autocomplete: 'off', placeholder: 'hex' });
  const pskFields = h('div', { class: 'fields', hidden: true },
    h('div', { class: 'field' }, h('label', { for: 'cfg-identity' }, 'PSK identity'), identity),
    h('div', { class: 'field' }, h('label', { for: 'cfg-key' }, 'PSK key (hex)'), key));
  const json = h('textarea', { id: 'cfg-json', class: 'code', spellcheck: 'false', rows: '12' });

  const fromForm = () => {
    const security = mode.value === 'psk' ? { mode: 'psk', identity: identity.value, key: key.value.trim() } : { mode: 'nosec' };
    const config = {
      servers: [{ shortServerId: Number(ssid.value), uri: uri.value.trim(), lifetime: Number(lifetime.value), binding: binding.value.trim() || 'U', security }],
    };
    json.value = JSON.stringify(config, null, 2);
  };
  for (const input of [uri, ssid, lifetime, binding, mode, identity, key]) {
    input.addEventListener('input', fromForm);
  }
  mode.addEventListener('change', () => { pskFields.hidden = mode.value !== 'psk'; fromForm(); });
  fromForm();

  const form = h('form', { id: 'config-form', onsubmit: save },
    h('div', { class: 'field' }, h('label', { for: 'cfg-endpoint' }, 'Endpoint name'), endpoint),
    h('fieldset', {}, h('legend', {}, 'LwM2M server'),
      h('p', { class: 'muted' }, 'Editing these fields rewrites the JSON below.'),
      h('div', { class: 'field' }, h('label', { for: 'cfg-uri' }, 'Server URI'), uri),
      h('div', { class: 'fields' },
        h('div', { class: 'field' }, h('label', { for: 'cfg-ssid' }, 'Short server id'), ssid),
        h('div', { class: 'field' }, h('label', { for: 'cfg-lifetime' }, 'Lifetime (s)'), lifetime),
        h('div', { class: 'field' }, h('label', { for: 'cfg-binding' }, 'Binding'), binding),
        h('div', { class: 'field' }, h('label', { for: 'cfg-mode' }, 'Security'), mode)),
      pskFields),
    h('div', { class: 'field' }, h('label', { for: 'cfg-json' }, 'Configuration (JSON)'), json),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'cfg-save' }, 'Save configuration'),
      h('button', { type: 'button', id: 'cfg-clear', onclick: () => { endpoint.value = ''; fromForm(); endpoint.focus(); } }, 'New')));

  show('Configurations',
    h('div', { class: 'grid-2' },
      h('div', {},
        h('section', { class: 'panel', 'aria-labelledby': 'list-title' },
          h('h2', { id: 'list-title' }, 'Configurations and last sessions'),
          h('div', { class: 'table-wrap' }, h('table', { class: 'cards', id: 'configs-table' },
            h('thead', {}, h('tr', {}, ['Endpoint', 'Servers', 'Last session', ''].map(t => h('th', { scope: 'col' }, t)))), body))),
        h('section', { class: 'panel', 'aria-labelledby': 'events-title' },
          h('h2', { id: 'events-title' }, 'Session events'), log)),
      h('section', { class: 'panel', 'aria-labelledby': 'edit-title' },
        h('h2', { id: 'edit-title', tabindex: '-1' }, 'Add or edit a configuration'), form)));

  renderLog();
  load();

  async function load() {
    try {
      entries = (await api(CONFIGS)).data || [];
    } catch (e) {
      announce('Cannot list configurations: ' + e.message, 'error');
      return;
    }
    body.replaceChildren(...entries.map(entry => h('tr', { 'data-endpoint': entry.endpoint },
      h('td', { 'data-label': 'Endpoint' }, entry.endpoint),
      h('td', { 'data-label': 'Servers', class: 'mono' },
        ((entry.config && entry.config.servers) || []).map(s => s.shortServerId + ': ' + s.uri).join(', ')
        + (entry.config && entry.config.bootstrapServer ? ' · BS ' + entry.config.bootstrapServer.uri : '')),
      h('td', { 'data-label': 'Last session' }, session(entry.lastSession)),
      h('td', {}, h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'small', 'aria-label': 'Edit configuration of ' + entry.endpoint, onclick: () => edit(entry) }, 'Edit'),
        h('button', { type: 'button', class: 'small', 'aria-label': 'Push configuration to ' + entry.endpoint, onclick: () => push(entry) }, 'Push'),
        h('button', { type: 'button', class: 'small danger', 'aria-label': 'Delete configuration of ' + entry.endpoint, onclick: () => remove(entry) }, 'Delete'))))));
    if (!entries.length) {
      body.append(h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No configuration yet.')));
    }
  }

  function session(last) {
    if (!last) {
      return h('span', { class: 'muted' }, 'never');
    }
    const kind = last.outcome === 'finished' ? 'ok' : last.outcome === 'started' ? 'warn' : 'bad';
    return h('span', {}, h('span', { class: 'badge ' + kind }, last.outcome), ' ', when(last.finished || last.started),
      last.address ? h('span', { class: 'muted mono' }, ' from ' + last.address) : null,
      last.mode && last.mode !== 'request' ? h('span', { class: 'muted' }, ' (' + last.mode + ')') : null);
  }

  function edit(entry) {
    endpoint.value = entry.endpoint;
    json.value = JSON.stringify(entry.config, null, 2);
    announce('Editing ' + entry.endpoint + '. Secrets are not shown: enter PSK keys and private keys again before saving.');
    document.getElementById('edit-title').focus();
  }

  async function save(event) {
    event.preventDefault();
    const name = endpoint.value.trim();
    if (!name) {
      announce('Enter the endpoint name', 'error');
      endpoint.focus();
      return;
    }
    let config;
    try {
      config = JSON.parse(json.value);
    } catch (e) {
      announce('The JSON does not parse: ' + e.message, 'error');
      json.focus();
      return;
    }
    try {
      const { status } = await api(CONFIGS + '/' + encodeURIComponent(name), { method: 'PUT', json: config });
      announce('Configuration of ' + name + (status === 201 ? ' created' : ' replaced'), 'ok');
      load();
    } catch (e) {
      announce('Not saved: ' + e.message, 'error');
    }
  }

  async function push(entry) {
    const address = prompt('Push the configuration to ' + entry.endpoint + ' at which address (host:port)? Leave empty for its last known address.', '');
    if (address === null) {
      return;
    }
    try {
      await api(CONFIGS + '/' + encodeURIComponent(entry.endpoint) + '/push', { method: 'POST', json: address.trim() ? { address: address.trim() } : {} });
      announce('Bootstrap of ' + entry.endpoint + ' started', 'ok');
    } catch (e) {
      announce('Push failed: ' + e.message, 'error');
    }
  }

  async function remove(entry) {
    if (!confirm('Delete the configuration of ' + entry.endpoint + '?')) {
      return;
    }
    try {
      await api(CONFIGS + '/' + encodeURIComponent(entry.endpoint), { method: 'DELETE' });
      announce('Configuration of ' + entry.endpoint + ' deleted', 'ok');
      load();
    } catch (e) {
      announce(e.message, 'error');
    }
  }

  function renderLog() {
    log.replaceChildren(...events.map(({ name, data, at }) => h('li', { class: 'event-' + name },
      h('span', { class: 'muted' }, at.toLocaleTimeString()), ' ', h('span', { class: 'kind' }, name), data.endpoint,
      data.operation ? ': ' + data.operation : '', data.reason ? ': ' + data.reason : '',
      data.address ? h('span', { class: 'muted mono' }, ' ' + data.address + (data.mode && data.mode !== 'request' ? ' (' + data.mode + ')' : '')) : null)));
    if (!events.length) {
      log.append(h('li', { class: 'empty' }, 'No session since this page opened.'));
    }
  }

  return {
    event(name) {
      renderLog();
      if (name === 'finished' || name === 'failed') {
        load();
      }
    },
    dispose() {},
  };
}
