// The Bootstrap-Server's console: configurations per endpoint with their last session, the push
// of a configuration (server-initiated bootstrap), live session events, and credentials.
//   #/           configurations
//   #/security   bootstrap clients' credentials
import { api, subscribe, h, announce, when, show, markNav, streamState } from './api.js';
import { securityPage } from './security.js';
import { serverList } from './server-form.js';

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

  // the form writes the JSON; the JSON is what is saved. Fields of a loaded config the form does
  // not edit (delete, bootstrapServer, contentFormat…) are kept in `base`.
  let base = {};
  const endpoint = h('input', { id: 'cfg-endpoint', type: 'text', required: true, autocomplete: 'off' });
  const json = h('textarea', { id: 'cfg-json', class: 'code', spellcheck: 'false', rows: '12' });
  const fromForm = () => {
    json.value = JSON.stringify({ ...base, servers: servers.json() }, null, 2);
  };
  const servers = serverList(fromForm);
  servers.element.addEventListener('input', fromForm);
  servers.element.addEventListener('change', fromForm);
  servers.load([]);
  fromForm();

  const form = h('form', { id: 'config-form', onsubmit: save },
    h('div', { class: 'field' }, h('label', { for: 'cfg-endpoint' }, 'Endpoint name'), endpoint),
    servers.element,
    h('div', { class: 'field' }, h('label', { for: 'cfg-json' }, 'Configuration (JSON)'), json),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'cfg-save' }, 'Save configuration'),
      h('button', { type: 'button', id: 'cfg-clear', onclick: () => {
        endpoint.value = '';
        base = {};
        servers.load([]);
        fromForm();
        endpoint.focus();
      } }, 'New')));

  show('Configurations',
    h('section', { class: 'panel', 'aria-labelledby': 'list-title' },
      h('h2', { id: 'list-title' }, 'Configurations and last sessions'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'cards configs', id: 'configs-table' },
        h('thead', {}, h('tr', {}, ['Endpoint', 'Servers', 'Last attempt', 'Last success', ''].map(t => h('th', { scope: 'col' }, t)))),
        body))),
    h('div', { class: 'grid-2' },
      h('section', { class: 'panel', 'aria-labelledby': 'edit-title' },
        h('h2', { id: 'edit-title', tabindex: '-1' }, 'Add or edit a configuration'), form),
      h('section', { class: 'panel', 'aria-labelledby': 'events-title' },
        h('h2', { id: 'events-title' }, 'Session events'), log)));

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
      h('td', { 'data-label': 'Servers', class: 'mono servers' },
        ((entry.config && entry.config.servers) || []).map(s => h('div', {}, s.shortServerId + ': ' + s.uri + ' (' + modeName(s.security) + ')')),
        entry.config && entry.config.bootstrapServer ? h('div', {}, 'BS ' + entry.config.bootstrapServer.uri) : null),
      h('td', { 'data-label': 'Last attempt', class: 'attempt' }, attempt(entry.lastSession)),
      h('td', { 'data-label': 'Last success', class: 'success' }, success(entry.lastSession && entry.lastSession.lastSuccess)),
      h('td', { class: 'row-actions' }, h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'small', 'aria-label': 'Edit configuration of ' + entry.endpoint, onclick: () => edit(entry) }, 'Edit'),
        h('button', { type: 'button', class: 'small', 'aria-label': 'Push configuration to ' + entry.endpoint, onclick: () => push(entry) }, 'Push'),
        h('button', { type: 'button', class: 'small danger', 'aria-label': 'Delete configuration of ' + entry.endpoint, onclick: () => remove(entry) }, 'Delete'))))));
    if (!entries.length) {
      body.append(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No configuration yet.')));
    }
  }

  function modeName(security) {
    const mode = security && security.mode;
    return { nosec: 'no security', psk: 'PSK', rpk: 'RPK', x509: 'X.509' }[mode] || String(mode);
  }

  // the last attempt: its outcome (a failure's reason in words), when, from where, how it began
  function attempt(last) {
    if (!last) {
      return h('span', { class: 'muted' }, 'never');
    }
    const failed = last.outcome.startsWith('failed: ');
    const kind = last.outcome === 'finished' ? 'ok' : failed ? 'bad' : 'warn';
    return h('div', {},
      h('span', { class: 'badge ' + kind }, failed ? 'failed' : last.outcome), ' ', when(last.finished || last.started),
      last.mode && last.mode !== 'request' ? h('span', { class: 'muted' }, ' (' + last.mode + ')') : null,
      last.address ? h('span', { class: 'muted mono' }, ' from ' + last.address) : null,
      failed ? h('div', { class: 'reason' }, last.outcome.substring('failed: '.length)) : null);
  }

  function success(last) {
    if (!last) {
      return h('span', { class: 'muted' }, 'none yet');
    }
    return h('div', {}, when(last.finished),
      last.mode && last.mode !== 'request' ? h('span', { class: 'muted' }, ' (' + last.mode + ')') : null,
      last.servers && last.servers.length ? h('div', { class: 'muted mono servers' }, 'wrote ' + last.servers.join(', ')) : null);
  }

  function edit(entry) {
    endpoint.value = entry.endpoint;
    const { servers: list, ...rest } = entry.config || {};
    base = rest;
    servers.load(list || []);
    fromForm();
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
    const address = prompt('Push the configuration to ' + entry.endpoint + ' at which address (host:port)? '
      + 'Leave empty for the address it last contacted this server from.', '');
    if (address === null) {
      return;
    }
    try {
      const { data } = await api(CONFIGS + '/' + encodeURIComponent(entry.endpoint) + '/push',
        { method: 'POST', json: address.trim() ? { address: address.trim() } : {} });
      const where = data && data.address ? ' at ' + data.address : '';
      const since = data && data.addressFrom === 'last contact'
        ? ' (where it last contacted this server from, ' + when(data.addressSince) + '; if it restarted since, push again with its new address)' : '';
      announce('Bootstrap of ' + entry.endpoint + ' started' + where + since, 'ok');
    } catch (e) {
      announce('Push refused: ' + e.message, 'error');
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
