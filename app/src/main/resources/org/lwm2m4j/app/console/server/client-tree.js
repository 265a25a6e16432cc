// The client page's object tree: the objects the registration announces with their instances (and
// those values revealed), each resource with its model's name, operations and last known value.
// Values are updated in place; the tree is rebuilt only when its structure changes. An instance is
// read once when it is opened (its Refresh button reads it again), so its values show at once.
// Every node has a checkbox that picks it for the composite operations (client-composite.js).
import { h } from './api.js';
import { modelOf, objectsOf } from './models.js';
import { senmlValues } from './senml.js';

/** The tree's functions over the client page's context {@code c} (client-page.js). */
export function objectTree(c) {
  function rebuildTree() {
    c.objects = objectsOf(c.registration);
    for (const path of c.removed) {
      const [objectId, instanceId] = path.split('/').filter(Boolean).map(Number);
      if (c.objects.has(objectId)) {
        c.objects.get(objectId).instances.delete(instanceId);
      }
    }
    // instances seen in values (a Read of an object, a notification) count too
    for (const path of c.values.keys()) {
      const match = /^\/(\d+)\/(\d+)/.exec(path);
      if (match && c.objects.has(Number(match[1]))) {
        c.objects.get(Number(match[1])).instances.add(Number(match[2]));
      }
    }
    if (!c.expanded.size) {
      for (const [id, object] of c.objects) {
        if (id === 3) {
          c.expanded.add('/3');
          object.instances.forEach(i => c.expanded.add('/3/' + i));
        }
      }
    }
    const ids = [...c.objects.keys()].sort((a, b) => a - b);
    c.tree.replaceChildren(...ids.map(id => objectNode(id, c.objects.get(id))));
    markSelected();
    for (const path of c.expanded) {
      const match = /^\/(\d+)\/(\d+)$/.exec(path);
      if (match && !c.instanceStates.has(path) && c.objects.has(Number(match[1]))
        && c.objects.get(Number(match[1])).instances.has(Number(match[2]))) {
        c.loadInstance(path, { wake: false });
      }
    }
  }

  /** Opens or closes a node; an instance closed forgets that it was read, so opening it again reads it again. */
  function toggle(path) {
    if (c.expanded.has(path)) {
      c.expanded.delete(path);
      c.instanceStates.delete(path);
    } else {
      c.expanded.add(path);
    }
    rebuildTree();
  }

  /** Shows how the read of an opened instance went, in its row. */
  function showInstanceState(path) {
    const cell = c.tree.querySelector('[data-instance-state="' + CSS.escape(path) + '"]');
    if (cell) {
      cell.textContent = c.instanceStates.get(path) || '';
    }
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
      c.expanded.has(path)
        ? h('ul', {}, instances.length
          ? instances.map(i => instanceNode(id, i, model))
          : h('li', { class: 'empty' }, 'no instances'))
        : null);
  }

  function instanceNode(objectId, instanceId, model) {
    const path = '/' + objectId + '/' + instanceId;
    return h('li', {},
      nodeRow(path, 'Instance ' + instanceId, { toggle: true, instance: true }),
      c.expanded.has(path)
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
    const open = c.expanded.has(path);
    return h('div', { class: 'node', 'data-path': path },
      options.toggle
        ? h('button', {
          type: 'button', class: 'small toggle', 'aria-expanded': String(open),
          'aria-label': (open ? 'Collapse ' : 'Expand ') + name + ' ' + path,
          onclick: () => toggle(path),
        }, open ? '−' : '+')
        : null,
      h('input', {
        type: 'checkbox', class: 'pick', 'data-pick': path, checked: c.picked.has(path),
        'aria-label': 'Pick ' + path + ' for composite operations', onchange: (event) => c.pick(path, event.target.checked),
      }),
      h('button', { type: 'button', class: 'select', 'data-select': path, onclick: () => c.select(path) },
        name, ' ', h('span', { class: 'path' }, path)),
      options.badge ? h('span', { class: 'badge plain' }, options.badge) : null,
      c.observed.has(path) ? h('span', { class: 'badge ok' }, 'observed') : null,
      options.value ? h('span', { class: 'value', 'data-value-path': path }, displayValue(path)) : null,
      options.readable
        ? h('button', { type: 'button', class: 'small', 'aria-label': 'Read ' + path, onclick: () => c.read(path) }, 'Read')
        : null,
      options.instance && open
        ? h('span', { class: 'muted instance-state', 'data-instance-state': path }, c.instanceStates.get(path) || '')
        : null,
      options.instance && open
        ? h('button', {
          type: 'button', class: 'small', 'data-refresh': path, 'aria-label': 'Refresh the values of ' + path,
          onclick: () => c.loadInstance(path),
        }, 'Refresh')
        : null);
  }

  function displayValue(path) {
    if (c.values.has(path)) {
      return c.values.get(path);
    }
    const prefix = path + '/';
    const parts = [...c.values.entries()].filter(([p]) => p.startsWith(prefix))
      .map(([p, v]) => p.substring(prefix.length) + ': ' + v);
    return parts.length ? '[' + parts.join(', ') + ']' : '';
  }

  /** Takes in values: updates the tree in place, rebuilding it only for new instances. */
  function absorb(records) {
    let structure = false;
    const touched = new Set();
    for (const [path, value] of senmlValues(records)) {
      c.values.set(path, value);
      touched.add(path);
      const match = /^\/(\d+)\/(\d+)/.exec(path);
      if (match && c.objects.has(Number(match[1])) && !c.objects.get(Number(match[1])).instances.has(Number(match[2]))) {
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
      const cell = c.tree.querySelector('[data-value-path="' + CSS.escape(path) + '"]');
      if (cell) {
        cell.textContent = displayValue(path);
        cell.classList.remove('changed');
        void cell.offsetWidth; // restart the highlight
        cell.classList.add('changed');
      }
    }
    if (c.selected && touched.has(c.selected)) {
      const current = document.getElementById('current-value');
      if (current) {
        current.textContent = displayValue(c.selected);
      }
    }
  }

  function markSelected() {
    for (const row of c.tree.querySelectorAll('.node')) {
      row.classList.toggle('selected', row.dataset.path === c.selected);
      const button = row.querySelector('.select');
      if (button) {
        if (row.dataset.path === c.selected) {
          button.setAttribute('aria-current', 'true');
        } else {
          button.removeAttribute('aria-current');
        }
      }
    }
  }

  return { rebuildTree, displayValue, absorb, markSelected, showInstanceState };
}
