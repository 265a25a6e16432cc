// One client's page (#/clients/{ep}): its registration, object tree, operations, the live log of
// its notifications and Send data, and its observations. The page's parts share one context object,
// `c` below: the client's state, the page's elements, and the functions each part adds to it:
//   client-tree.js        the object tree and the values it shows (rebuildTree, absorb, displayValue, markSelected)
//   client-panel.js       the operations panel for the selected node, with its editors (renderOps)
//   client-operations.js  the operations over the REST API and their results (read, write, observe, …)
//   client-composite.js   Read-, Write- and Observe-Composite on the paths picked in the tree (pick)
// Parts call each other through `c`, so none of them imports another.
import { api, h, announce, when, show } from './api.js';
import { channelBadge, presence, securityBadge } from './clients.js';
import { loadModels } from './models.js';
import { senmlValues } from './senml.js';
import { objectTree } from './client-tree.js';
import { operationsPanel } from './client-panel.js';
import { clientOperations } from './client-operations.js';
import { compositePanel } from './client-composite.js';

// a queue-mode client falls asleep without telling anyone: the page looks at its presence this often
const PRESENCE_POLL_MS = 5000;

/** Renders the page of {@code endpoint}; answers the page object app.js routes events to. */
export function clientPage(endpoint) {
  const c = {
    endpoint,
    base: '/api/v1/clients/' + encodeURIComponent(endpoint),
    values: new Map(), // path → display value
    observed: new Set(), // observed paths
    removed: new Set(), // instances deleted since the registration listed them
    expanded: new Set(),
    instanceStates: new Map(), // opened instance → how its Read went; absent: not read since opened
    picked: new Set(), // paths picked for the composite operations
    objects: new Map(),
    registration: null,
    selected: null,
    disposed: false,
    pendingRequests: new Map(), // queued request id → what to do with its result

    facts: h('dl', { class: 'facts', id: 'client-facts' }),
    tree: h('ul', { class: 'tree', id: 'object-tree', 'aria-label': 'Objects of ' + endpoint }),
    composite: h('section', { class: 'panel', id: 'composite', 'aria-labelledby': 'composite-title' }),
    ops: h('section', { class: 'panel ops', id: 'operations', 'aria-labelledby': 'ops-title' }),
    result: h('div', { id: 'result', 'aria-live': 'polite' }),
    log: h('ul', { class: 'log', id: 'event-log', 'aria-label': 'Events of ' + endpoint }),
    observationList: h('ul', { class: 'log', id: 'observation-list', 'aria-label': 'Active observations' }),
  };
  c.select = select;
  Object.assign(c, objectTree(c), operationsPanel(c), clientOperations(c));
  Object.assign(c, compositePanel(c));

  show(endpoint,
    h('section', { class: 'panel', 'aria-label': 'Registration' }, c.facts),
    h('div', { class: 'client-layout' },
      h('div', {},
        h('section', { class: 'panel', 'aria-labelledby': 'tree-title' },
          h('h2', { id: 'tree-title' }, 'Objects'),
          h('p', { class: 'muted' }, 'Select a node to operate on it. Opening an instance reads it; values show the last read or notification.'),
          c.tree),
        c.composite,
        h('section', { class: 'panel', 'aria-labelledby': 'log-title' },
          h('h2', { id: 'log-title' }, 'Notifications and Send data'),
          h('div', { class: 'actions' }, h('button', { type: 'button', class: 'small', onclick: () => c.log.replaceChildren() }, 'Clear log')),
          c.log),
        h('section', { class: 'panel', 'aria-labelledby': 'observations-title' },
          h('h2', { id: 'observations-title' }, 'Observations'),
          c.observationList)),
      c.ops));

  c.renderOps();
  init();

  async function init() {
    try {
      await loadModels();
      c.registration = (await api(c.base)).data;
    } catch (e) {
      if (e.status === 404) {
        c.facts.replaceChildren(h('p', { class: 'error-text' }, endpoint + ' is not registered.'));
        return;
      }
      announce(e.message, 'error');
      return;
    }
    if (c.disposed) {
      return;
    }
    renderFacts();
    c.renderComposite();
    c.rebuildTree();
    c.loadObservations();
  }

  // a queue-mode client falls asleep without telling anyone: look at its presence now and then
  const presencePoll = setInterval(async () => {
    if (!c.registration || !c.registration.queueMode) {
      return;
    }
    try {
      const { data } = await api(c.base);
      if (!c.disposed && data.registrationId === c.registration.registrationId && data.awake !== c.registration.awake) {
        c.registration = data;
        renderFacts();
      }
    } catch (e) {
      // gone or unreachable: the event stream says so
    }
  }, PRESENCE_POLL_MS);

  function renderFacts() {
    const r = c.registration;
    const fact = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, value));
    c.facts.replaceChildren(...[
      fact('Presence', presence(r)),
      fact('Address', h('span', { class: 'mono' }, r.address)),
      fact('Channel', h('span', { id: 'client-channel' }, channelBadge(r))),
      fact('Binding', r.binding + (r.queueMode ? ' (queue mode)' : '')),
      fact('Lifetime', r.lifetime + ' s'),
      fact('LwM2M version', r.lwm2mVersion),
      fact('Security', h('span', { id: 'client-security' }, securityBadge(r),
        r.identity ? h('span', { class: 'mono security-identity' }, ' ' + r.identity) : null)),
      fact('Registered', when(r.registeredAt)),
      fact('Last update', when(r.lastUpdate)),
      r.sms ? fact('SMS', h('span', { class: 'mono' }, r.sms)) : null].filter(Boolean));
  }

  function select(path) {
    c.selected = path;
    c.markSelected();
    c.renderOps();
    document.getElementById('ops-title').focus();
  }

  function logEntry(kind, text, records) {
    const entry = h('li', { class: 'event-' + kind },
      h('span', { class: 'muted' }, new Date().toLocaleTimeString()), ' ',
      h('span', { class: 'kind' }, kind), text,
      records ? h('pre', {}, senmlValues(records).map(([p, v, t]) => p + ' = ' + v + (t ? '  @' + new Date(t * 1000).toLocaleTimeString() : '')).join('\n')) : null);
    c.log.prepend(entry);
    while (c.log.children.length > 200) {
      c.log.lastElementChild.remove();
    }
  }

  return {
    event(name, data) {
      if (name === 'notification' && data.endpoint === endpoint) {
        c.absorb(data.content);
        c.compositeNotification(data);
        logEntry('notification', ' ' + (data.path || (data.paths || []).join(', ')), data.content);
      } else if (name === 'sent' && data.endpoint === endpoint) {
        c.absorb(data.values);
        logEntry('send', '', data.values);
      } else if (name === 'request' && data.endpoint === endpoint) {
        const pending = c.pendingRequests.get(data.requestId);
        if (pending && data.state !== 'queued') {
          c.pendingRequests.delete(data.requestId);
          if (data.state === 'done') {
            pending.onDone(data.content || data.links || (data.created ? { path: data.created } : null),
              data.contentFormat ? data.contentFormat.name + ' (' + data.contentFormat.code + ')' : '');
            announce(pending.label + ': done (the client woke up)', 'ok');
          } else {
            c.showResult(h('p', { class: 'error-text', role: 'alert' }, pending.label + ' failed: ' + data.error));
            announce(pending.label + ' failed: ' + data.error, 'error');
          }
        }
        logEntry('request', ' ' + data.operation + ' ' + (data.path || '') + ': ' + data.state);
      } else if (name === 'wakeup' && data.endpoint === endpoint) {
        logEntry('wakeup', ' SMS to ' + data.msisdn + ': Execute ' + data.path + (data.attempt > 1 ? ' (attempt ' + data.attempt + ')' : ''));
      } else if (name === 'registration' && data.endpoint === endpoint) {
        const changed = !c.registration || c.registration.objectLinks.text !== data.objectLinks.text;
        c.registration = data;
        renderFacts();
        c.renderComposite();
        if (changed) {
          c.removed.clear();
          c.rebuildTree();
        }
        logEntry('update', ' registration ' + (changed ? 'updated with new objects' : 'updated'));
      } else if ((name === 'deregistered' || name === 'expired') && data.endpoint === endpoint) {
        logEntry(name, '');
        announce(endpoint + ' ' + name, 'error');
        c.facts.prepend(h('p', { class: 'error-text' }, endpoint + ' ' + name + ' at ' + new Date().toLocaleTimeString() + '.'));
      }
    },
    dispose() {
      c.disposed = true;
      clearInterval(presencePoll);
    },
  };
}
