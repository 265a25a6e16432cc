// The client page's operations over the REST API (…/data, …/execute, …/discover, …/attributes,
// …/observations): each reports in the live region and the result panel, and takes the values it
// got into the tree. A request queued for a sleeping client finishes when the event stream says so.
import { api, h, announce, when } from './api.js';
import { senmlValues } from './senml.js';

/** The operations over the client page's context {@code c} (client-page.js). */
export function clientOperations(c) {
  function dataUrl(kind, path, format, extra) {
    const query = new URLSearchParams(extra || {});
    if (format) {
      query.set('format', format);
    }
    const text = query.toString();
    return c.base + '/' + kind + path + (text ? '?' + text : '');
  }

  /** Runs one operation, reporting in the live region and the result panel. */
  async function run(label, call, onDone) {
    showResult(h('p', { class: 'muted' }, label + '…'));
    try {
      const response = await call();
      if (response.status === 202 && response.data && response.data.requestId) {
        c.pendingRequests.set(response.data.requestId, { label, onDone });
        showResult(h('p', { class: 'warn' }, label + ': the client sleeps; request ' + response.data.requestId
          + ' is queued and runs when it wakes.'));
        announce(label + ' queued until the client wakes');
        return;
      }
      onDone(response.data, (response.headers && response.headers.get('LwM2M-Content-Format')) || '');
      announce(label + ': done', 'ok');
    } catch (e) {
      showResult(h('p', { class: 'error-text', role: 'alert' }, label + ' failed: ' + e.message));
      announce(label + ' failed: ' + e.message, 'error');
    }
  }

  function showResult(...nodes) {
    c.result.replaceChildren(...nodes.filter(Boolean));
  }

  /** The content format that travelled on the wire (header LwM2M-Content-Format), if the API named one. */
  function wireFormat(format) {
    return format ? h('p', { class: 'muted' }, 'On the wire: ', h('code', { id: 'result-format' }, format)) : null;
  }

  function valuesTable(records) {
    const rows = senmlValues(records);
    if (!rows.length) {
      return h('p', { class: 'empty' }, 'no values');
    }
    return h('div', { class: 'table-wrap' }, h('table', { class: 'result-values' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Path'), h('th', { scope: 'col' }, 'Value'))),
      h('tbody', {}, rows.map(([path, value]) => h('tr', {}, h('td', { class: 'mono' }, path), h('td', { 'data-result-path': path }, value))))));
  }

  function read(path, format) {
    run('Read ' + path, () => api(dataUrl('data', path, format)), (data, wire) => {
      c.absorb(data);
      showResult(wireFormat(wire), valuesTable(data));
    });
  }

  /**
   * Reads an opened instance for the tree, leaving the result panel alone; its row says how it
   * went. A sleeping client is not woken for it: the Refresh button queues the Read instead.
   */
  async function loadInstance(path, { wake = true } = {}) {
    const state = text => {
      c.instanceStates.set(path, text);
      c.showInstanceState(path);
    };
    if (!wake && c.registration && c.registration.awake === false) {
      state('asleep: Refresh to queue a Read');
      return;
    }
    state('reading…');
    try {
      const response = await api(dataUrl('data', path));
      if (c.disposed) {
        return;
      }
      if (response.status === 202 && response.data && response.data.requestId) {
        c.pendingRequests.set(response.data.requestId, { label: 'Read ' + path, onDone: data => { c.absorb(data); state('read when it woke'); } });
        state('queued until the client wakes');
        return;
      }
      c.absorb(response.data);
      state('read ' + new Date().toLocaleTimeString());
    } catch (e) {
      state('read failed: ' + e.message);
    }
  }

  function write(path, records, method, format) {
    run('Write ' + path, () => api(dataUrl('data', path, format), { method, body: JSON.stringify(records), contentType: 'application/senml+json' }), (data, wire) => {
      showResult(h('p', { class: 'ok' }, 'Written' + (wire ? ' in ' + wire : '') + '. Reading it back…'));
      read(path);
    });
  }

  function execute(path, args) {
    run('Execute ' + path, () => api(c.base + '/execute' + path, { method: 'POST', body: args || '', contentType: 'text/plain' }),
      () => showResult(h('p', { class: 'ok' }, 'Executed ' + path + '.')));
  }

  function create(path, records) {
    run('Create in ' + path, () => api(dataUrl('data', path), { method: 'POST', body: JSON.stringify(records), contentType: 'application/senml+json' }),
      data => {
        const created = data && (data.path || data.created);
        showResult(h('p', { class: 'ok' }, 'Created ' + (created || '') + '.'));
        const match = created && /^\/(\d+)\/(\d+)$/.exec(created);
        if (match && c.objects.has(Number(match[1]))) {
          c.removed.delete(created);
          c.objects.get(Number(match[1])).instances.add(Number(match[2]));
          read(created);
        }
      });
  }

  function remove(path) {
    if (!confirm('Delete ' + path + ' on ' + c.endpoint + '?')) {
      return;
    }
    run('Delete ' + path, () => api(dataUrl('data', path), { method: 'DELETE' }), () => {
      showResult(h('p', { class: 'ok' }, 'Deleted ' + path + '.'));
      for (const key of [...c.values.keys()]) {
        if (key === path || key.startsWith(path + '/')) {
          c.values.delete(key);
        }
      }
      const ids = path.split('/').filter(Boolean).map(Number);
      const object = c.objects.get(ids[0]);
      if (object) {
        object.instances.delete(ids[1]);
      }
      c.removed.add(path);
      c.selected = '/' + ids[0];
      c.rebuildTree();
      c.renderOps();
    });
  }

  function discover(path) {
    run('Discover ' + path, () => api(c.base + '/discover' + path), links => {
      showResult(h('div', { class: 'table-wrap' }, h('table', { class: 'result-links' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Link'), h('th', { scope: 'col' }, 'Attributes'))),
        h('tbody', {}, (links || []).map(link => h('tr', {},
          h('td', { class: 'mono' }, link.target),
          h('td', { class: 'mono' }, Object.entries(link.attributes || {}).map(([k, v]) => v === null ? k : k + '=' + v).join('; '))))))));
    });
  }

  function writeAttributes(path, query) {
    run('Write-Attributes ' + path, () => api(c.base + '/attributes' + path + '?' + query.toString(), { method: 'PUT' }),
      () => showResult(h('p', { class: 'ok' }, 'Attributes written: ' + decodeURIComponent(query.toString()).replace(/&/g, ', ') + '.')));
  }

  function observe(path, format) {
    run('Observe ' + path, () => api(dataUrl('observations', path, format), { method: 'POST' }), (data, wire) => {
      c.observed.add(path);
      c.absorb(data && data.content);
      showResult(h('p', { class: 'ok' }, 'Observing ' + path + ' (token ' + (data && data.token) + '). Notifications show in the tree and the log.'),
        wireFormat(wire), valuesTable(data && data.content));
      c.rebuildTree();
      loadObservations();
    });
  }

  function cancel(path) {
    run('Cancel observation of ' + path, () => api(c.base + '/observations' + path, { method: 'DELETE' }), () => {
      c.observed.delete(path);
      showResult(h('p', { class: 'ok' }, 'No longer observing ' + path + '.'));
      c.rebuildTree();
      loadObservations();
    });
  }

  async function loadObservations() {
    try {
      const { data } = await api(c.base + '/observations');
      c.observed.clear();
      for (const observation of data || []) {
        (observation.paths || []).forEach(p => c.observed.add(p));
      }
      c.observationList.replaceChildren(...(data || []).map(observation => h('li', {},
        h('span', { class: 'mono' }, (observation.paths || []).join(', ')), ' ',
        h('span', { class: 'muted' }, (observation.composite ? 'composite · ' : '') + 'since ' + when(observation.createdAt)), ' ',
        h('button', {
          type: 'button', class: 'small danger', 'aria-label': 'Cancel observation ' + observation.token,
          onclick: () => run('Cancel observation', () => api(c.base + '/observations?token=' + encodeURIComponent(observation.token), { method: 'DELETE' }),
            () => { loadObservations(); c.rebuildTree(); }),
        }, 'Cancel'))));
      if (!data || !data.length) {
        c.observationList.append(h('li', { class: 'empty' }, 'none'));
      }
      c.rebuildTree();
    } catch (e) {
      c.observationList.replaceChildren(h('li', { class: 'error-text' }, e.message));
    }
  }

  return { run, showResult, read, loadInstance, write, execute, create, remove, discover, writeAttributes, observe, cancel, loadObservations };
}
