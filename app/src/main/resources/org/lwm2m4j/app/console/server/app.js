// The LwM2M server's console: a single page with hash routes over the REST API.
//   #/                 clients, a page at a time, live (clients.js)
//   #/clients/{ep}     one client: its object tree, operations, notifications and Send data
//   #/security         client credentials
//   #/firmware         firmware images and update jobs
import { api, subscribe, h, announce, when, show, markNav, streamState } from './api.js';
import { securityPage } from './security.js';
import { clientsPage, listClients, presence } from './clients.js';

// a queue-mode client falls asleep without telling anyone: pages showing presence look again this often
const PRESENCE_POLL_MS = 5000;
// the firmware page offers clients with object 5 among this many registrations matching its search
const FIRMWARE_CANDIDATES = 100;

let models = null;
let page = null; // the current page: { event(name, data, kind), dispose() }

// ---- startup -------------------------------------------------------------------------------

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});
window.addEventListener('hashchange', route);
start();

async function start() {
  // a first API call asks for the token if needed, before the event stream needs it
  try {
    await api('/api/v1/clients?limit=1');
  } catch (e) {
    announce('Cannot reach the API: ' + e.message, 'error');
  }
  subscribe({
    registered: registration => page && page.event('registration', registration, 'registered'),
    updated: registration => page && page.event('registration', registration, 'updated'),
    deregistered: registration => page && page.event('deregistered', registration),
    expired: registration => page && page.event('expired', registration),
    notification: data => page && page.event('notification', data),
    sent: data => page && page.event('sent', data),
    request: data => page && page.event('request', data),
    firmware: data => page && page.event('firmware', data),
  }, streamState, '/api/v1/clients?limit=1');
  route();
}

function route() {
  const hash = location.hash || '#/';
  if (page) {
    page.dispose();
    page = null;
  }
  let match;
  if ((match = /^#\/clients\/(.+)$/.exec(hash))) {
    markNav('clients');
    page = clientPage(decodeURIComponent(match[1]));
  } else if (hash === '#/security') {
    markNav('security');
    page = securityPage();
  } else if (hash === '#/firmware') {
    markNav('firmware');
    page = firmwarePage();
  } else {
    markNav('clients');
    page = clientsPage();
  }
}

// ---- values and models -------------------------------------------------------------------------

async function loadModels() {
  if (!models) {
    const { data } = await api('/api/v1/objects');
    models = new Map();
    for (const model of data) {
      if (!models.has(model.id)) {
        models.set(model.id, []);
      }
      models.get(model.id).push(model);
    }
  }
  return models;
}

/** The model for an object at the version the client announced, else the nearest known. */
function modelOf(objectId, version) {
  const versions = (models && models.get(objectId)) || [];
  if (!versions.length) {
    return null;
  }
  return versions.find(m => m.version === version)
    || versions.filter(m => version && m.version.split('.')[0] === version.split('.')[0] && m.version <= version).pop()
    || versions[versions.length - 1];
}

/** SenML JSON records as [path, value, time] with base name and time resolved. */
function senmlValues(records) {
  const out = [];
  let baseName = '';
  let baseTime = 0;
  for (const record of records || []) {
    if (record.bn !== undefined) baseName = record.bn;
    if (record.bt !== undefined) baseTime = record.bt;
    const name = baseName + (record.n || '');
    let value;
    if (record.vb !== undefined) value = String(record.vb);
    else if (record.v !== undefined) value = String(record.v);
    else if (record.vs !== undefined) value = record.vs;
    else if (record.vlo !== undefined) value = record.vlo;
    else if (record.vd !== undefined) value = '0x' + base64ToHex(record.vd);
    else continue;
    const time = record.t !== undefined || record.bt !== undefined ? baseTime + (record.t || 0) : undefined;
    out.push([name, value, time]);
  }
  return out;
}

function base64ToHex(text) {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    return [...binary].map(c => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  } catch (e) {
    return text;
  }
}

function hexToBase64Url(hex) {
  const clean = hex.replace(/^0x/i, '').replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) {
    throw new Error('an opaque value is hex digits, two per byte');
  }
  let binary = '';
  for (let i = 0; i < clean.length; i += 2) {
    binary += String.fromCharCode(parseInt(clean.substring(i, i + 2), 16));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** One SenML record for a value typed as the model says. */
function senmlRecord(path, type, text) {
  switch (type) {
    case 'Integer':
    case 'Unsigned Integer':
    case 'Float':
    case 'Time': {
      const number = Number(text);
      if (text.trim() === '' || !isFinite(number)) {
        throw new Error('"' + text + '" is not a number');
      }
      return { n: path, v: number };
    }
    case 'Boolean':
      if (text !== 'true' && text !== 'false') {
        throw new Error('a boolean is true or false');
      }
      return { n: path, vb: text === 'true' };
    case 'Opaque':
      return { n: path, vd: hexToBase64Url(text) };
    case 'Objlnk':
      if (!/^\d+:\d+$/.test(text)) {
        throw new Error('an object link looks like 3:0');
      }
      return { n: path, vlo: text };
    default:
      return { n: path, vs: text };
  }
}

/** The object tree a registration announces: object id → {version, instances}. */
function objectsOf(registration) {
  const objects = new Map();
  const links = (registration.objectLinks && registration.objectLinks.links) || [];
  let root = '';
  for (const link of links) {
    const rt = link.attributes && link.attributes.rt;
    if (rt && rt.replace(/"/g, '') === 'oma.lwm2m' && link.target !== '/') {
      root = link.target.replace(/\/$/, '');
    }
  }
  for (const link of links) {
    let target = link.target;
    if (root && target.startsWith(root + '/')) {
      target = target.substring(root.length);
    }
    const match = /^\/(\d+)(?:\/(\d+))?$/.exec(target);
    if (!match) {
      continue;
    }
    const id = Number(match[1]);
    if (!objects.has(id)) {
      objects.set(id, { version: undefined, instances: new Set() });
    }
    const object = objects.get(id);
    if (match[2] !== undefined) {
      object.instances.add(Number(match[2]));
    } else if (link.attributes && link.attributes.ver) {
      object.version = String(link.attributes.ver).replace(/"/g, '');
    }
  }
  return objects;
}

// ---- one client ------------------------------------------------------------------------------

function clientPage(endpoint) {
  const base = '/api/v1/clients/' + encodeURIComponent(endpoint);
  const values = new Map(); // path → display value
  const observed = new Set(); // observed paths
  const removed = new Set(); // instances deleted since the registration listed them
  const expanded = new Set();
  let objects = new Map();
  let registration = null;
  let selected = null;
  let disposed = false;
  const pendingRequests = new Map(); // queued request id → what to do with its result

  const facts = h('dl', { class: 'facts', id: 'client-facts' });
  const tree = h('ul', { class: 'tree', id: 'object-tree', 'aria-label': 'Objects of ' + endpoint });
  const ops = h('section', { class: 'panel ops', id: 'operations', 'aria-labelledby': 'ops-title' });
  const result = h('div', { id: 'result', 'aria-live': 'polite' });
  const log = h('ul', { class: 'log', id: 'event-log', 'aria-label': 'Events of ' + endpoint });
  const observationList = h('ul', { class: 'log', id: 'observation-list', 'aria-label': 'Active observations' });

  show(endpoint,
    h('section', { class: 'panel', 'aria-label': 'Registration' }, facts),
    h('div', { class: 'client-layout' },
      h('div', {},
        h('section', { class: 'panel', 'aria-labelledby': 'tree-title' },
          h('h2', { id: 'tree-title' }, 'Objects'),
          h('p', { class: 'muted' }, 'Select a node to operate on it. Values show the last read or notification.'),
          tree),
        h('section', { class: 'panel', 'aria-labelledby': 'log-title' },
          h('h2', { id: 'log-title' }, 'Notifications and Send data'),
          h('div', { class: 'actions' }, h('button', { type: 'button', class: 'small', onclick: () => log.replaceChildren() }, 'Clear log')),
          log),
        h('section', { class: 'panel', 'aria-labelledby': 'observations-title' },
          h('h2', { id: 'observations-title' }, 'Observations'),
          observationList)),
      ops));

  renderOps();
  init();

  async function init() {
    try {
      await loadModels();
      registration = (await api(base)).data;
    } catch (e) {
      if (e.status === 404) {
        facts.replaceChildren(h('p', { class: 'error-text' }, endpoint + ' is not registered.'));
        return;
      }
      announce(e.message, 'error');
      return;
    }
    if (disposed) {
      return;
    }
    renderFacts();
    rebuildTree();
    loadObservations();
  }

  // a queue-mode client falls asleep without telling anyone: look at its presence now and then
  const presencePoll = setInterval(async () => {
    if (!registration || !registration.queueMode) {
      return;
    }
    try {
      const { data } = await api(base);
      if (!disposed && data.registrationId === registration.registrationId && data.awake !== registration.awake) {
        registration = data;
        renderFacts();
      }
    } catch (e) {
      // gone or unreachable: the event stream says so
    }
  }, PRESENCE_POLL_MS);

  function renderFacts() {
    const r = registration;
    const fact = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, value));
    facts.replaceChildren(...[
      fact('Presence', presence(r)),
      fact('Address', h('span', { class: 'mono' }, r.address)),
      fact('Binding', r.binding + (r.queueMode ? ' (queue mode)' : '')),
      fact('Lifetime', r.lifetime + ' s'),
      fact('LwM2M version', r.lwm2mVersion),
      fact('Security', r.secure ? 'DTLS' : 'none'),
      fact('Registered', when(r.registeredAt)),
      fact('Last update', when(r.lastUpdate)),
      r.sms ? fact('SMS', r.sms) : null].filter(Boolean));
  }

  function rebuildTree() {
    objects = objectsOf(registration);
    for (const path of removed) {
      const [objectId, instanceId] = path.split('/').filter(Boolean).map(Number);
      if (objects.has(objectId)) {
        objects.get(objectId).instances.delete(instanceId);
      }
    }
    // instances seen in values (a Read of an object, a notification) count too
    for (const path of values.keys()) {
      const match = /^\/(\d+)\/(\d+)/.exec(path);
      if (match && objects.has(Number(match[1]))) {
        objects.get(Number(match[1])).instances.add(Number(match[2]));
      }
    }
    if (!expanded.size) {
      for (const [id, object] of objects) {
        if (id === 3) {
          expanded.add('/3');
          object.instances.forEach(i => expanded.add('/3/' + i));
        }
      }
    }
    const ids = [...objects.keys()].sort((a, b) => a - b);
    tree.replaceChildren(...ids.map(id => objectNode(id, objects.get(id))));
    markSelected();
  }

  function objectNode(id, object) {
    const model = modelOf(id, object.version);
    const path = '/' + id;
    const instances = [...object.instances].sort((a, b) => a - b);
    const name = model ? model.name : 'Object ' + id;
    return h('li', {},
      nodeRow(path, name, {
        toggle: true,
        badge: object.version ? 'v' + object.version : null,
      }),
      expanded.has(path)
        ? h('ul', {}, instances.length
          ? instances.map(i => instanceNode(id, i, model))
          : h('li', { class: 'empty' }, 'no instances'))
        : null);
  }

  function instanceNode(objectId, instanceId, model) {
    const path = '/' + objectId + '/' + instanceId;
    return h('li', {},
      nodeRow(path, 'Instance ' + instanceId, { toggle: true }),
      expanded.has(path)
        ? h('ul', {}, model
          ? model.resources.map(resource => h('li', {}, resourceRow(path + '/' + resource.id, resource)))
          : h('li', { class: 'empty' }, 'no model for this object: read it to see its resources'))
        : null);
  }

  function resourceRow(path, resource) {
    return nodeRow(path, resource.name, {
      badge: resource.operations || '–',
      value: true,
      readable: resource.operations.includes('R'),
    });
  }

  function nodeRow(path, name, options) {
    const open = expanded.has(path);
    return h('div', { class: 'node', 'data-path': path },
      options.toggle
        ? h('button', {
          type: 'button', class: 'small toggle', 'aria-expanded': String(open),
          'aria-label': (open ? 'Collapse ' : 'Expand ') + name + ' ' + path,
          onclick: () => { open ? expanded.delete(path) : expanded.add(path); rebuildTree(); },
        }, open ? '−' : '+')
        : null,
      h('button', { type: 'button', class: 'select', 'data-select': path, onclick: () => select(path) },
        name, ' ', h('span', { class: 'path' }, path)),
      options.badge ? h('span', { class: 'badge plain' }, options.badge) : null,
      observed.has(path) ? h('span', { class: 'badge ok' }, 'observed') : null,
      options.value ? h('span', { class: 'value', 'data-value-path': path }, displayValue(path)) : null,
      options.readable
        ? h('button', { type: 'button', class: 'small', 'aria-label': 'Read ' + path, onclick: () => read(path) }, 'Read')
        : null);
  }

  function displayValue(path) {
    if (values.has(path)) {
      return values.get(path);
    }
    const prefix = path + '/';
    const parts = [...values.entries()].filter(([p]) => p.startsWith(prefix))
      .map(([p, v]) => p.substring(prefix.length) + ': ' + v);
    return parts.length ? '[' + parts.join(', ') + ']' : '';
  }

  /** Takes in values: updates the tree in place, rebuilding it only for new instances. */
  function absorb(records) {
    let structure = false;
    const touched = new Set();
    for (const [path, value] of senmlValues(records)) {
      values.set(path, value);
      touched.add(path);
      const match = /^\/(\d+)\/(\d+)/.exec(path);
      if (match && objects.has(Number(match[1])) && !objects.get(Number(match[1])).instances.has(Number(match[2]))) {
        structure = true;
      }
      const resource = /^(\/\d+\/\d+\/\d+)\/\d+$/.exec(path);
      if (resource) {
        touched.add(resource[1]);
      }
    }
    if (structure) {
      rebuildTree();
      return;
    }
    for (const path of touched) {
      const cell = tree.querySelector('[data-value-path="' + CSS.escape(path) + '"]');
      if (cell) {
        cell.textContent = displayValue(path);
        cell.classList.remove('changed');
        void cell.offsetWidth; // restart the highlight
        cell.classList.add('changed');
      }
    }
    if (selected && touched.has(selected)) {
      const current = document.getElementById('current-value');
      if (current) {
        current.textContent = displayValue(selected);
      }
    }
  }

  function select(path) {
    selected = path;
    markSelected();
    renderOps();
    document.getElementById('ops-title').focus();
  }

  function markSelected() {
    for (const row of tree.querySelectorAll('.node')) {
      row.classList.toggle('selected', row.dataset.path === selected);
      const button = row.querySelector('.select');
      if (button) {
        if (row.dataset.path === selected) {
          button.setAttribute('aria-current', 'true');
        } else {
          button.removeAttribute('aria-current');
        }
      }
    }
  }

  /** What the selected path is: its level, model and resource. */
  function describe(path) {
    const ids = path.split('/').filter(Boolean).map(Number);
    const object = objects.get(ids[0]);
    const model = modelOf(ids[0], object && object.version);
    const resource = ids.length >= 3 && model ? model.resources.find(r => r.id === ids[2]) : null;
    return { ids, level: ids.length, model, resource };
  }

  function renderOps() {
    if (!selected) {
      ops.replaceChildren(h('h2', { id: 'ops-title', tabindex: '-1' }, 'Operations'),
        h('p', { class: 'muted' }, 'Select an object, instance or resource in the tree.'), result);
      return;
    }
    const d = describe(selected);
    const operations = d.resource ? d.resource.operations : '';
    const readable = d.level < 3 || operations.includes('R') || !d.resource;
    const writable = d.level === 2 || (d.level >= 3 && (operations.includes('W') || !d.resource));
    const executable = d.level === 3 && (operations.includes('E') || !d.resource);
    const title = d.resource ? d.resource.name : d.level === 1 ? (d.model ? d.model.name : 'Object ' + d.ids[0]) : 'Instance ' + d.ids[1];

    const format = h('select', { id: 'op-format' },
      ['', 'tlv', 'senml-json', 'senml-cbor', 'lwm2m-json', 'lwm2m-cbor', 'text', 'opaque']
        .map(f => h('option', { value: f }, f || 'default')));
    const content = [
      h('h2', { id: 'ops-title', tabindex: '-1' }, title, ' ', h('span', { class: 'path mono' }, selected)),
      d.resource ? h('p', { class: 'muted' },
        [operations || 'no DM operations', d.resource.type, d.resource.units, d.resource.multiple ? 'multiple instances' : 'single',
          d.resource.mandatory ? 'mandatory' : 'optional'].filter(Boolean).join(' · ')) : null,
      d.resource && d.resource.description ? h('p', { class: 'muted' }, d.resource.description) : null,
      d.level === 1 && d.model && d.model.description ? h('p', { class: 'muted' }, d.model.description) : null,
      d.level >= 3 ? h('p', {}, 'Current value: ', h('code', { id: 'current-value' }, displayValue(selected) || '(not read yet)')) : null,
      h('div', { class: 'field' }, h('label', { for: 'op-format' }, 'Content format on the wire'), format),
      h('div', { class: 'actions', role: 'group', 'aria-label': 'Operations on ' + selected },
        readable ? h('button', { type: 'button', id: 'op-read', class: 'primary', onclick: () => read(selected, format.value) }, 'Read') : null,
        readable ? h('button', { type: 'button', id: 'op-observe', onclick: () => observe(selected, format.value) }, 'Observe') : null,
        readable ? h('button', { type: 'button', id: 'op-cancel', onclick: () => cancel(selected) }, 'Cancel observation') : null,
        h('button', { type: 'button', id: 'op-discover', onclick: () => discover(selected) }, 'Discover'),
        d.level === 2 ? h('button', { type: 'button', id: 'op-delete', class: 'danger', onclick: () => remove(selected) }, 'Delete instance') : null),
    ];
    if (writable && d.level === 3 && d.resource && !d.resource.multiple) {
      content.push(valueEditor(d, format));
    } else if (writable) {
      content.push(senmlEditor(d, format));
    }
    if (executable) {
      const args = h('input', { id: 'exec-args', type: 'text', placeholder: "e.g. 0='x',1" });
      content.push(h('fieldset', {}, h('legend', {}, 'Execute'),
        h('div', { class: 'inline' },
          h('div', { class: 'field' }, h('label', { for: 'exec-args' }, 'Arguments (optional)'), args),
          h('button', { type: 'button', id: 'op-execute', class: 'primary', onclick: () => execute(selected, args.value) }, 'Execute'))));
    }
    if (d.level === 1) {
      content.push(createEditor(d));
    }
    content.push(attributesEditor());
    content.push(h('h3', {}, 'Result'), result);
    // on a phone the panel sits below a long tree: a way back to where the user was
    content.push(h('div', { class: 'actions' }, h('button', {
      type: 'button', class: 'small', id: 'back-to-tree', onclick: () => {
        const node = tree.querySelector('[data-select="' + CSS.escape(selected) + '"]');
        (node || tree).scrollIntoView({ block: 'center' });
        if (node) {
          node.focus();
        }
      },
    }, 'Back to the tree')));
    ops.replaceChildren(...content.filter(Boolean));
  }

  function valueEditor(d, format) {
    const type = d.resource.type;
    const input = type === 'Boolean'
      ? h('select', { id: 'write-value' }, h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'))
      : h('input', {
        id: 'write-value',
        type: ['Integer', 'Unsigned Integer', 'Float', 'Time'].includes(type) ? 'number' : 'text',
        step: type === 'Float' ? 'any' : undefined,
        value: values.has(selected) && type !== 'Opaque' ? values.get(selected) : '',
        placeholder: type === 'Opaque' ? 'hex, e.g. 0a0b0c' : type === 'Objlnk' ? 'e.g. 3:0' : '',
      });
    return h('fieldset', {}, h('legend', {}, 'Write'),
      h('div', { class: 'inline' },
        h('div', { class: 'field' }, h('label', { for: 'write-value' }, 'New value (' + type + (d.resource.units ? ', ' + d.resource.units : '') + ')'), input),
        h('button', {
          type: 'button', id: 'op-write', class: 'primary', onclick: () => {
            let record;
            try {
              record = senmlRecord(selected, type, input.value);
            } catch (e) {
              announce(e.message, 'error');
              input.focus();
              return;
            }
            write(selected, [record], 'PUT', format.value);
          },
        }, 'Write')));
  }

  function senmlEditor(d, format) {
    const area = h('textarea', { id: 'write-senml', class: 'code', spellcheck: 'false' });
    area.value = JSON.stringify(template(d), null, 1);
    const mode = h('select', { id: 'write-mode' },
      h('option', { value: 'PATCH' }, 'Partial update (PATCH)'), h('option', { value: 'PUT' }, 'Replace (PUT)'));
    return h('fieldset', {}, h('legend', {}, 'Write (SenML JSON)'),
      h('div', { class: 'field' }, h('label', { for: 'write-senml' }, 'Values as SenML JSON, names are full paths'), area),
      h('div', { class: 'inline' },
        h('div', { class: 'field' }, h('label', { for: 'write-mode' }, 'Mode'), mode),
        h('button', {
          type: 'button', id: 'op-write', class: 'primary', onclick: () => {
            let records;
            try {
              records = JSON.parse(area.value);
            } catch (e) {
              announce('The SenML JSON does not parse: ' + e.message, 'error');
              area.focus();
              return;
            }
            write(selected, records, mode.value, format.value);
          },
        }, 'Write')));
  }

  /** Writable resources of the selection, with their current values where known. */
  function template(d) {
    if (!d.model) {
      return [{ n: selected + (d.level === 2 ? '/0' : ''), vs: '' }];
    }
    const resources = d.level === 3 ? [d.resource].filter(Boolean) : d.model.resources.filter(r => r.operations.includes('W'));
    const instancePath = d.level === 3 ? selected.split('/').slice(0, 3).join('/') : selected;
    return resources.slice(0, 12).map(r => {
      const path = d.level === 3 ? selected + '/0' : instancePath + '/' + r.id + (r.multiple ? '/0' : '');
      return sampleRecord(path, r.type, values.get(path));
    });
  }

  function sampleRecord(path, type, current) {
    try {
      if (current !== undefined && type !== 'Opaque') {
        return senmlRecord(path, type, current);
      }
    } catch (e) {
      // fall through to an empty sample
    }
    switch (type) {
      case 'Integer': case 'Unsigned Integer': case 'Float': case 'Time': return { n: path, v: 0 };
      case 'Boolean': return { n: path, vb: false };
      case 'Opaque': return { n: path, vd: '' };
      case 'Objlnk': return { n: path, vlo: '0:0' };
      default: return { n: path, vs: '' };
    }
  }

  function createEditor(d) {
    const object = objects.get(d.ids[0]);
    const next = object && object.instances.size ? Math.max(...object.instances) + 1 : 0;
    const id = h('input', { id: 'create-instance', type: 'number', min: '0', max: '65534', value: String(next) });
    const area = h('textarea', { id: 'create-senml', class: 'code', spellcheck: 'false' });
    const fill = () => {
      const resources = d.model ? d.model.resources.filter(r => r.operations.includes('W') || (r.mandatory && !r.operations.includes('E'))) : [];
      area.value = JSON.stringify(resources.slice(0, 12).map(r => sampleRecord(selected + '/' + id.value + '/' + r.id + (r.multiple ? '/0' : ''), r.type)), null, 1);
    };
    id.addEventListener('change', fill);
    fill();
    return h('fieldset', {}, h('legend', {}, 'Create instance'),
      h('div', { class: 'field' }, h('label', { for: 'create-instance' }, 'Instance id'), id),
      h('div', { class: 'field' }, h('label', { for: 'create-senml' }, 'Resources as SenML JSON'), area),
      h('button', {
        type: 'button', id: 'op-create', class: 'primary', onclick: () => {
          let records;
          try {
            records = JSON.parse(area.value);
          } catch (e) {
            announce('The SenML JSON does not parse: ' + e.message, 'error');
            return;
          }
          create(selected, records);
        },
      }, 'Create'));
  }

  function attributesEditor() {
    const names = [['pmin', 'Minimum period (s)'], ['pmax', 'Maximum period (s)'], ['gt', 'Greater than'], ['lt', 'Less than'],
      ['st', 'Step'], ['epmin', 'Min evaluation period (s)'], ['epmax', 'Max evaluation period (s)']];
    const inputs = names.map(([name]) => h('input', { id: 'attr-' + name, type: 'text', inputmode: 'decimal', placeholder: 'unchanged' }));
    return h('fieldset', {}, h('legend', {}, 'Write-Attributes'),
      h('p', { class: 'muted' }, 'Only filled fields are sent; "-" removes an attribute.'),
      h('div', { class: 'fields' }, names.map(([name, label], i) =>
        h('div', { class: 'field' }, h('label', { for: 'attr-' + name }, label + ' (' + name + ')'), inputs[i]))),
      h('button', {
        type: 'button', id: 'op-attributes', onclick: () => {
          const query = new URLSearchParams();
          names.forEach(([name], i) => {
            const value = inputs[i].value.trim();
            if (value) {
              query.set(name, value === '-' ? '' : value);
            }
          });
          if (![...query.keys()].length) {
            announce('Fill at least one attribute', 'error');
            return;
          }
          writeAttributes(selected, query);
        },
      }, 'Write attributes'));
  }

  // ---- operations ----

  function dataUrl(kind, path, format, extra) {
    const query = new URLSearchParams(extra || {});
    if (format) {
      query.set('format', format);
    }
    const text = query.toString();
    return base + '/' + kind + path + (text ? '?' + text : '');
  }

  /** Runs one operation, reporting in the live region and the result panel. */
  async function run(label, call, onDone) {
    showResult(h('p', { class: 'muted' }, label + '…'));
    try {
      const response = await call();
      if (response.status === 202 && response.data && response.data.requestId) {
        pendingRequests.set(response.data.requestId, { label, onDone });
        showResult(h('p', { class: 'warn' }, label + ': the client sleeps; request ' + response.data.requestId
          + ' is queued and runs when it wakes.'));
        announce(label + ' queued until the client wakes');
        return;
      }
      onDone(response.data);
      announce(label + ': done', 'ok');
    } catch (e) {
      showResult(h('p', { class: 'error-text', role: 'alert' }, label + ' failed: ' + e.message));
      announce(label + ' failed: ' + e.message, 'error');
    }
  }

  function showResult(...nodes) {
    result.replaceChildren(...nodes);
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
    run('Read ' + path, () => api(dataUrl('data', path, format)), data => {
      absorb(data);
      showResult(valuesTable(data));
    });
  }

  function write(path, records, method, format) {
    run('Write ' + path, () => api(dataUrl('data', path, format), { method, body: JSON.stringify(records), contentType: 'application/senml+json' }), () => {
      showResult(h('p', { class: 'ok' }, 'Written. Reading it back…'));
      read(path);
    });
  }

  function execute(path, args) {
    run('Execute ' + path, () => api(base + '/execute' + path, { method: 'POST', body: args || '', contentType: 'text/plain' }),
      () => showResult(h('p', { class: 'ok' }, 'Executed ' + path + '.')));
  }

  function create(path, records) {
    run('Create in ' + path, () => api(dataUrl('data', path), { method: 'POST', body: JSON.stringify(records), contentType: 'application/senml+json' }),
      data => {
        const created = data && (data.path || data.created);
        showResult(h('p', { class: 'ok' }, 'Created ' + (created || '') + '.'));
        const match = created && /^\/(\d+)\/(\d+)$/.exec(created);
        if (match && objects.has(Number(match[1]))) {
          removed.delete(created);
          objects.get(Number(match[1])).instances.add(Number(match[2]));
          read(created);
        }
      });
  }

  function remove(path) {
    if (!confirm('Delete ' + path + ' on ' + endpoint + '?')) {
      return;
    }
    run('Delete ' + path, () => api(dataUrl('data', path), { method: 'DELETE' }), () => {
      showResult(h('p', { class: 'ok' }, 'Deleted ' + path + '.'));
      for (const key of [...values.keys()]) {
        if (key === path || key.startsWith(path + '/')) {
          values.delete(key);
        }
      }
      const ids = path.split('/').filter(Boolean).map(Number);
      const object = objects.get(ids[0]);
      if (object) {
        object.instances.delete(ids[1]);
      }
      removed.add(path);
      selected = '/' + ids[0];
      rebuildTree();
      renderOps();
    });
  }

  function discover(path) {
    run('Discover ' + path, () => api(base + '/discover' + path), links => {
      showResult(h('div', { class: 'table-wrap' }, h('table', { class: 'result-links' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Link'), h('th', { scope: 'col' }, 'Attributes'))),
        h('tbody', {}, (links || []).map(link => h('tr', {},
          h('td', { class: 'mono' }, link.target),
          h('td', { class: 'mono' }, Object.entries(link.attributes || {}).map(([k, v]) => v === null ? k : k + '=' + v).join('; '))))))));
    });
  }

  function writeAttributes(path, query) {
    run('Write-Attributes ' + path, () => api(base + '/attributes' + path + '?' + query.toString(), { method: 'PUT' }),
      () => showResult(h('p', { class: 'ok' }, 'Attributes written: ' + decodeURIComponent(query.toString()).replace(/&/g, ', ') + '.')));
  }

  function observe(path, format) {
    run('Observe ' + path, () => api(dataUrl('observations', path, format), { method: 'POST' }), data => {
      observed.add(path);
      absorb(data && data.content);
      showResult(h('p', { class: 'ok' }, 'Observing ' + path + ' (token ' + (data && data.token) + '). Notifications show in the tree and the log.'),
        valuesTable(data && data.content));
      rebuildTree();
      loadObservations();
    });
  }

  function cancel(path) {
    run('Cancel observation of ' + path, () => api(base + '/observations' + path, { method: 'DELETE' }), () => {
      observed.delete(path);
      showResult(h('p', { class: 'ok' }, 'No longer observing ' + path + '.'));
      rebuildTree();
      loadObservations();
    });
  }

  async function loadObservations() {
    try {
      const { data } = await api(base + '/observations');
      observed.clear();
      for (const observation of data || []) {
        (observation.paths || []).forEach(p => observed.add(p));
      }
      observationList.replaceChildren(...(data || []).map(observation => h('li', {},
        h('span', { class: 'mono' }, (observation.paths || []).join(', ')), ' ',
        h('span', { class: 'muted' }, (observation.composite ? 'composite · ' : '') + 'since ' + when(observation.createdAt)), ' ',
        h('button', {
          type: 'button', class: 'small danger', 'aria-label': 'Cancel observation ' + observation.token,
          onclick: () => run('Cancel observation', () => api(base + '/observations?token=' + encodeURIComponent(observation.token), { method: 'DELETE' }),
            () => { loadObservations(); rebuildTree(); }),
        }, 'Cancel'))));
      if (!data || !data.length) {
        observationList.append(h('li', { class: 'empty' }, 'none'));
      }
      rebuildTree();
    } catch (e) {
      observationList.replaceChildren(h('li', { class: 'error-text' }, e.message));
    }
  }

  function logEntry(kind, text, records) {
    const entry = h('li', { class: 'event-' + kind },
      h('span', { class: 'muted' }, new Date().toLocaleTimeString()), ' ',
      h('span', { class: 'kind' }, kind), text,
      records ? h('pre', {}, senmlValues(records).map(([p, v, t]) => p + ' = ' + v + (t ? '  @' + new Date(t * 1000).toLocaleTimeString() : '')).join('\n')) : null);
    log.prepend(entry);
    while (log.children.length > 200) {
      log.lastElementChild.remove();
    }
  }

  return {
    event(name, data) {
      if (name === 'notification' && data.endpoint === endpoint) {
        absorb(data.content);
        logEntry('notification', ' ' + (data.path || (data.paths || []).join(', ')), data.content);
      } else if (name === 'sent' && data.endpoint === endpoint) {
        absorb(data.values);
        logEntry('send', '', data.values);
      } else if (name === 'request' && data.endpoint === endpoint) {
        const pending = pendingRequests.get(data.requestId);
        if (pending && data.state !== 'queued') {
          pendingRequests.delete(data.requestId);
          if (data.state === 'done') {
            pending.onDone(data.content || data.links || (data.created ? { path: data.created } : null));
            announce(pending.label + ': done (the client woke up)', 'ok');
          } else {
            showResult(h('p', { class: 'error-text', role: 'alert' }, pending.label + ' failed: ' + data.error));
            announce(pending.label + ' failed: ' + data.error, 'error');
          }
        }
        logEntry('request', ' ' + data.operation + ' ' + (data.path || '') + ': ' + data.state);
      } else if (name === 'registration' && data.endpoint === endpoint) {
        const changed = !registration || registration.objectLinks.text !== data.objectLinks.text;
        registration = data;
        renderFacts();
        if (changed) {
          removed.clear();
          rebuildTree();
        }
        logEntry('update', ' registration ' + (changed ? 'updated with new objects' : 'updated'));
      } else if ((name === 'deregistered' || name === 'expired') && data.endpoint === endpoint) {
        logEntry(name, '');
        announce(endpoint + ' ' + name, 'error');
        facts.prepend(h('p', { class: 'error-text' }, endpoint + ' ' + name + ' at ' + new Date().toLocaleTimeString() + '.'));
      }
    },
    dispose() {
      disposed = true;
      clearInterval(presencePoll);
    },
  };
}

// ---- firmware --------------------------------------------------------------------------------

// a job's phases as the server names them (FirmwarePhase); the last two end it
const FINAL_PHASES = ['succeeded', 'failed'];
// the Firmware Update object's State resource (/5/0/3)
const STATES = ['idle', 'downloading', 'downloaded', 'updating'];

function phaseKind(phase) {
  return phase === 'succeeded' ? 'ok' : phase === 'failed' ? 'bad' : 'warn';
}

function firmwarePage() {
  const jobs = new Map(); // endpoint → job
  const candidates = new Map(); // endpoint → registration with object 5, among the first found by the search
  let moreClients = false; // the search found more registrations than were looked at
  let searchTimer = null;
  let images = [];
  const imageBody = h('tbody', { id: 'images-body' });
  const jobBody = h('tbody', { id: 'jobs-body' });
  const file = h('input', { id: 'fw-file', type: 'file' });
  const name = h('input', { id: 'fw-name', type: 'text', placeholder: 'defaults to the file name' });
  const image = h('select', { id: 'fw-image' });
  const method = h('select', { id: 'fw-method' }, h('option', { value: 'pull' }, 'Pull (the client downloads the package URI)'),
    h('option', { value: 'push' }, 'Push (the server writes the package)'));
  const targets = h('div', { id: 'fw-targets', role: 'group', 'aria-labelledby': 'fw-targets-label' });
  const targetSearch = h('input', { id: 'fw-target-search', type: 'search', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'endpoint starts with…', oninput: () => searchTargets(300),
    onkeydown: (event) => { if (event.key === 'Enter') { event.preventDefault(); searchTargets(0); } } });
  const content = h('div', { id: 'firmware-content' }, h('p', { class: 'muted' }, 'Loading…'));
  show('Firmware', content);

  const layout = h('div', { class: 'grid-2' },
    h('div', {},
      h('section', { class: 'panel', 'aria-labelledby': 'images-title' },
        h('h2', { id: 'images-title' }, 'Images'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'cards' },
          h('thead', {}, h('tr', {}, ['Name', 'Size', 'SHA-256', ''].map(t => h('th', { scope: 'col' }, t)))), imageBody))),
      h('section', { class: 'panel', 'aria-labelledby': 'upload-title' },
        h('h2', { id: 'upload-title' }, 'Upload an image'),
        h('form', { id: 'fw-upload', onsubmit: upload },
          h('div', { class: 'field' }, h('label', { for: 'fw-file' }, 'Firmware file'), file),
          h('div', { class: 'field' }, h('label', { for: 'fw-name' }, 'Name'), name),
          h('button', { type: 'submit', class: 'primary', id: 'fw-upload-button' }, 'Upload')))),
    h('div', {},
      h('section', { class: 'panel', 'aria-labelledby': 'start-title' },
        h('h2', { id: 'start-title' }, 'Update clients'),
        h('form', { id: 'fw-start', onsubmit: startJobs },
          h('div', { class: 'field' }, h('label', { for: 'fw-image' }, 'Image'), image),
          h('div', { class: 'field' }, h('label', { for: 'fw-method' }, 'Delivery'), method),
          h('div', { class: 'field' }, h('label', { for: 'fw-target-search' }, 'Find clients (endpoint starts with)'), targetSearch),
          h('p', { id: 'fw-targets-label', class: 'muted' }, 'Clients with a Firmware Update object (/5):'),
          targets,
          h('button', { type: 'submit', class: 'primary', id: 'fw-start-button' }, 'Start update'))),
      h('section', { class: 'panel', 'aria-labelledby': 'jobs-title' },
        h('h2', { id: 'jobs-title' }, 'Jobs'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'cards' },
          h('thead', {}, h('tr', {}, ['Client', 'Image', 'Phase', 'State', 'Result', 'Updated'].map(t => h('th', { scope: 'col' }, t)))), jobBody)))));

  load();

  async function load() {
    try {
      images = (await api('/api/v1/firmware')).data || [];
    } catch (e) {
      content.replaceChildren(h('p', { class: 'panel', id: 'firmware-unavailable' }, e.status === 404
        ? 'Firmware updates are not available on this server (it has no /api/v1/firmware API).'
        : 'Cannot list firmware images: ' + e.message));
      return;
    }
    content.replaceChildren(layout);
    renderImages();
    renderJobs();
    await loadTargets();
  }

  /** The clients with object 5 among the first registrations the search finds, and their last jobs. */
  async function loadTargets() {
    const q = targetSearch.value.trim();
    let found;
    try {
      found = await listClients({ q, limit: FIRMWARE_CANDIDATES });
    } catch (e) {
      announce('Cannot list the clients: ' + e.message, 'error');
      return;
    }
    if (q !== targetSearch.value.trim()) {
      return; // the search changed meanwhile; its own load follows
    }
    candidates.clear();
    for (const c of found.clients.filter(hasFirmwareObject)) {
      candidates.set(c.endpoint, c);
    }
    moreClients = Boolean(found.next);
    renderTargets();
    for (const c of candidates.values()) {
      api('/api/v1/clients/' + encodeURIComponent(c.endpoint) + '/firmware')
        .then(({ data }) => { if (remember(data)) { renderJobs(); } })
        .catch(() => {});
    }
  }

  function searchTargets(delay) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(loadTargets, delay);
  }

  function renderImages() {
    imageBody.replaceChildren(...images.map(i => h('tr', {},
      h('td', { 'data-label': 'Name' }, i.name),
      h('td', { 'data-label': 'Size' }, i.size + ' bytes'),
      h('td', { 'data-label': 'SHA-256', class: 'mono' }, (i.sha256 || '').substring(0, 16) + '…'),
      h('td', {}, h('button', {
        type: 'button', class: 'small danger', 'aria-label': 'Delete image ' + i.name, onclick: async () => {
          try {
            await api('/api/v1/firmware/' + encodeURIComponent(i.id), { method: 'DELETE' });
            announce('Image ' + i.name + ' deleted', 'ok');
            load();
          } catch (e) {
            announce(e.message, 'error');
          }
        },
      }, 'Delete')))));
    if (!images.length) {
      imageBody.append(h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No image uploaded yet.')));
    }
    image.replaceChildren(...images.map(i => h('option', { value: i.id }, i.name + ' (' + i.size + ' bytes)')));
  }

  function hasFirmwareObject(registration) {
    return ((registration.objectLinks && registration.objectLinks.links) || []).some(l => /^\/5(\/|$)/.test(l.target));
  }

  function renderTargets() {
    const shown = [...candidates.values()].sort((a, b) => a.endpoint.localeCompare(b.endpoint));
    const checked = new Set([...targets.querySelectorAll('input:checked')].map(i => i.value));
    targets.replaceChildren(...shown.map((c, n) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: c.endpoint, id: 'fw-target-' + n, checked: checked.has(c.endpoint) }), c.endpoint)));
    if (!shown.length) {
      targets.append(h('p', { class: 'empty' }, moreClients
        ? 'None of the first ' + FIRMWARE_CANDIDATES + ' clients found has a Firmware Update object.'
        : 'No registered client has a Firmware Update object.'));
    }
    if (moreClients) {
      targets.append(h('p', { class: 'muted', id: 'fw-targets-more' }, 'Only the first ' + FIRMWARE_CANDIDATES
        + ' clients found were looked at: narrow the search to find others.'));
    }
  }

  /**
   * Keeps {@code job} unless a newer state of the same job is already known: the answer to the
   * start request or the initial GET may arrive after the stream's events of that job.
   */
  function remember(job) {
    if (!job || !job.endpoint) {
      return false;
    }
    const known = jobs.get(job.endpoint);
    if (known && known.startedAt === job.startedAt
      && (FINAL_PHASES.includes(known.phase) || Date.parse(known.updatedAt) > Date.parse(job.updatedAt))) {
      return false;
    }
    jobs.set(job.endpoint, job);
    return true;
  }

  function renderJobs() {
    const all = [...jobs.values()].sort((a, b) => a.endpoint.localeCompare(b.endpoint));
    jobBody.replaceChildren(...all.map(job => {
      const imageName = (images.find(i => i.id === job.image) || {}).name || job.image;
      return h('tr', { 'data-endpoint': job.endpoint },
        h('td', { 'data-label': 'Client' }, h('a', { href: '#/clients/' + encodeURIComponent(job.endpoint) }, job.endpoint)),
        h('td', { 'data-label': 'Image' }, imageName + ' (' + job.method + ')'),
        h('td', { 'data-label': 'Phase' }, h('span', { class: 'badge ' + phaseKind(job.phase) }, job.phase || '')),
        // state, result and resultText are null until the device reported them
        h('td', { 'data-label': 'State' }, job.state == null ? '' : (STATES[job.state] || '') + ' (' + job.state + ')'),
        h('td', { 'data-label': 'Result', class: job.error ? 'error-text' : '' }, job.error || job.resultText || (job.result == null ? '' : String(job.result))),
        h('td', { 'data-label': 'Updated' }, when(job.updatedAt || job.startedAt)));
    }));
    if (!all.length) {
      jobBody.append(h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No update started.')));
    }
  }

  async function upload(event) {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) {
      announce('Choose a file first', 'error');
      file.focus();
      return;
    }
    try {
      const { data } = await api('/api/v1/firmware?name=' + encodeURIComponent(name.value || chosen.name),
        { method: 'POST', body: chosen, contentType: 'application/octet-stream' });
      announce('Uploaded ' + data.name + ' (' + data.size + ' bytes)', 'ok');
      file.value = '';
      name.value = '';
      load();
    } catch (e) {
      announce('Upload failed: ' + e.message, 'error');
    }
  }

  async function startJobs(event) {
    event.preventDefault();
    const chosen = [...targets.querySelectorAll('input:checked')].map(i => i.value);
    if (!image.value || !chosen.length) {
      announce('Choose an image and at least one client', 'error');
      return;
    }
    for (const endpoint of chosen) {
      try {
        const { data } = await api('/api/v1/clients/' + encodeURIComponent(endpoint) + '/firmware',
          { method: 'POST', json: { image: image.value, method: method.value } });
        remember(data);
        announce('Update of ' + endpoint + ' started', 'ok');
      } catch (e) {
        announce('Update of ' + endpoint + ' not started: ' + e.message, 'error');
      }
    }
    renderJobs();
  }

  return {
    event(name, data) {
      if (name === 'firmware' && data && data.endpoint) {
        remember(data);
        renderJobs();
        if (FINAL_PHASES.includes(data.phase)) {
          announce('Firmware update of ' + data.endpoint + ': ' + (data.error || data.resultText || data.phase),
            data.phase === 'succeeded' ? 'ok' : 'error');
        }
      } else if (name === 'registration' && hasFirmwareObject(data) && data.endpoint.startsWith(targetSearch.value.trim())) {
        candidates.set(data.endpoint, data);
        renderTargets();
      } else if ((name === 'deregistered' || name === 'expired') && candidates.delete(data.endpoint)) {
        renderTargets();
      }
    },
    dispose() {
      clearTimeout(searchTimer);
    },
  };
}
