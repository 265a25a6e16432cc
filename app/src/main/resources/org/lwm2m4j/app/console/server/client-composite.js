// The client page's composite operations (LwM2M 1.1): several paths in one request. Paths are
// picked with the tree's checkboxes or typed; Read-Composite shows their values, Write-Composite
// sends SenML JSON, Observe-Composite shows each notification here as it arrives (and in the tree
// and the log, as any notification).
import { api, h, announce } from './api.js';
import { modelOf } from './models.js';
import { senmlValues, sampleRecord } from './senml.js';

/** The composite panel's functions over the client page's context {@code c} (client-page.js). */
export function compositePanel(c) {
  const paths = h('textarea', {
    id: 'composite-paths', class: 'code', rows: '3', spellcheck: 'false', placeholder: '/3/0/0\n/3/0/1',
    oninput: () => syncPicks(),
  });
  const senml = h('textarea', { id: 'composite-senml', class: 'code', rows: '4', spellcheck: 'false', placeholder: '[{"n":"/3/0/14","vs":"+01:00"}]' });
  const result = h('div', { id: 'composite-result', 'aria-live': 'polite' });
  const note = h('p', { class: 'muted', id: 'composite-note' });
  const buttons = [
    h('button', { type: 'button', id: 'composite-read', class: 'primary', onclick: () => read() }, 'Read-Composite'),
    h('button', { type: 'button', id: 'composite-observe', onclick: () => observe() }, 'Observe-Composite'),
  ];
  const writeButton = h('button', { type: 'button', id: 'composite-write', class: 'primary', onclick: () => write() }, 'Write-Composite');
  let observedToken = null;

  c.composite.replaceChildren(
    h('h2', { id: 'composite-title' }, 'Composite operations'),
    note,
    h('div', { class: 'field' }, h('label', { for: 'composite-paths' }, 'Paths, one per line (tick them in the tree or type them)'), paths),
    h('div', { class: 'actions', role: 'group', 'aria-label': 'Composite operations on the paths' }, buttons),
    h('fieldset', {}, h('legend', {}, 'Write-Composite (SenML JSON, names are full resource paths)'),
      h('div', { class: 'field' }, h('label', { for: 'composite-senml' }, 'Values'), senml),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'composite-fill', onclick: () => fill() }, 'Fill from the paths'),
        writeButton)),
    result);
  renderNote();

  function listed() {
    return paths.value.split(/[\s,]+/).map(p => p.trim()).filter(Boolean);
  }

  /** Ticks the tree's checkboxes that the typed paths name. */
  function syncPicks() {
    c.picked = new Set(listed());
    for (const box of c.tree.querySelectorAll('input.pick')) {
      box.checked = c.picked.has(box.dataset.pick);
    }
  }

  /** A checkbox in the tree changed: the path joins or leaves the list. */
  function pick(path, on) {
    const list = listed().filter(p => p !== path);
    if (on) {
      list.push(path);
    }
    c.picked = new Set(list);
    paths.value = list.join('\n');
  }

  /** Whether the client can take composite operations (LwM2M 1.1 and later); says why not otherwise. */
  function renderNote() {
    const version = c.registration ? c.registration.lwm2mVersion : null;
    const unsupported = version === '1.0';
    note.textContent = unsupported
      ? 'This client registered with LwM2M 1.0, which has no composite operations.'
      : 'One request for several objects, instances or resources (LwM2M 1.1).';
    [...buttons, writeButton].forEach(b => { b.disabled = unsupported; });
  }

  function show(...nodes) {
    result.replaceChildren(...nodes.filter(Boolean));
  }

  function table(records, caption) {
    const rows = senmlValues(records);
    return h('div', { class: 'table-wrap' }, h('table', { class: 'result-values' },
      h('caption', { class: 'muted' }, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Path'), h('th', { scope: 'col' }, 'Value'))),
      h('tbody', {}, rows.length
        ? rows.map(([path, value]) => h('tr', {}, h('td', { class: 'mono' }, path), h('td', { 'data-composite-path': path }, value)))
        : h('tr', {}, h('td', { colspan: 2, class: 'empty' }, 'no values')))));
  }

  /** Runs one composite request; a sleeping client's request is queued and finishes through the event stream. */
  async function run(label, call, onDone) {
    show(h('p', { class: 'muted' }, label + '…'));
    try {
      const response = await call();
      if (response.status === 202 && response.data && response.data.requestId) {
        c.pendingRequests.set(response.data.requestId, { label, onDone });
        show(h('p', { class: 'warn' }, label + ': the client sleeps; the request is queued and runs when it wakes.'));
        return;
      }
      onDone(response.data, (response.headers && response.headers.get('LwM2M-Content-Format')) || '');
      announce(label + ': done', 'ok');
    } catch (e) {
      show(h('p', { class: 'error-text', role: 'alert' }, label + ' failed: ' + e.message));
      announce(label + ' failed: ' + e.message, 'error');
    }
  }

  function required(list) {
    if (!list.length) {
      announce('Pick or type at least one path', 'error');
      paths.focus();
      return false;
    }
    return true;
  }

  function read(list = listed()) {
    if (!required(list)) {
      return;
    }
    run('Read-Composite ' + list.join(', '), () => api(c.base + '/composite/read', { method: 'POST', json: list }), (data, wire) => {
      c.absorb(data);
      show(table(data, 'Read ' + new Date().toLocaleTimeString() + (wire ? ' · on the wire: ' + wire : '')));
    });
  }

  function observe() {
    const list = listed();
    if (!required(list)) {
      return;
    }
    run('Observe-Composite ' + list.join(', '), () => api(c.base + '/composite/observations', { method: 'POST', json: list }), data => {
      observedToken = data && data.token;
      c.absorb(data && data.content);
      show(h('p', { class: 'ok', id: 'composite-observing' }, 'Observing ' + list.join(', ') + ' (token ' + observedToken + '); notifications show here.'),
        table(data && data.content, 'Current values'));
      c.loadObservations();
    });
  }

  /** SenML records for the listed resources, with the values the page knows. */
  function fill() {
    const records = [];
    for (const path of listed()) {
      const ids = path.split('/').filter(Boolean).map(Number);
      const object = c.objects.get(ids[0]);
      const model = modelOf(ids[0], object && object.version);
      const resource = ids.length >= 3 && model ? model.resources.find(r => r.id === ids[2]) : null;
      records.push(sampleRecord(path, resource ? resource.type : 'String', c.values.get(path)));
    }
    senml.value = JSON.stringify(records, null, 1);
  }

  function write() {
    let records;
    try {
      records = JSON.parse(senml.value);
    } catch (e) {
      announce('The SenML JSON does not parse: ' + e.message, 'error');
      senml.focus();
      return;
    }
    const written = senmlValues(records).map(([path]) => path);
    run('Write-Composite', () => api(c.base + '/composite', { method: 'PATCH', body: JSON.stringify(records), contentType: 'application/senml+json' }),
      (data, wire) => {
        show(h('p', { class: 'ok' }, 'Written' + (wire ? ' in ' + wire : '') + '. Reading it back…'));
        if (written.length) {
          read(written);
        }
      });
  }

  /** A notification of this page's client: shown here when it answers the composite observation made here. */
  function compositeNotification(data) {
    if (data.composite && (!observedToken || data.token === observedToken)) {
      show(h('p', { class: 'ok' }, 'Notification of ' + (data.paths || []).join(', ')),
        table(data.content, 'Notified ' + new Date().toLocaleTimeString()));
    }
  }

  return { pick, renderComposite: renderNote, compositeNotification };
}
