// The client page's operations panel: what the selected object, instance or resource allows
// (Read, Observe, Cancel, Discover, Write, Execute, Create, Delete, Write-Attributes) with an editor
// typed by its model, and the result of the last operation.
import { h, announce } from './api.js';
import { modelOf } from './models.js';
import { senmlRecord, sampleRecord } from './senml.js';

/** The panel's functions over the client page's context {@code c} (client-page.js). */
export function operationsPanel(c) {
  function describe(path) {
    const ids = path.split('/').filter(Boolean).map(Number);
    const object = c.objects.get(ids[0]);
    const model = modelOf(ids[0], object && object.version);
    const resource = ids.length >= 3 && model ? model.resources.find(r => r.id === ids[2]) : null;
    return { ids, level: ids.length, model, resource };
  }

  function renderOps() {
    if (!c.selected) {
      c.ops.replaceChildren(h('h2', { id: 'ops-title', tabindex: '-1' }, 'Operations'),
        h('p', { class: 'muted' }, 'Select an object, instance or resource in the tree.'), c.result);
      return;
    }
    const d = describe(c.selected);
    const operations = d.resource ? d.resource.operations : '';
    const readable = d.level < 3 || operations.includes('R') || !d.resource;
    const writable = d.level === 2 || (d.level >= 3 && (operations.includes('W') || !d.resource));
    const executable = d.level === 3 && (operations.includes('E') || !d.resource);
    const title = d.resource ? d.resource.name : d.level === 1 ? (d.model ? d.model.name : 'Object ' + d.ids[0]) : 'Instance ' + d.ids[1];

    const format = h('select', { id: 'op-format' },
      ['', 'tlv', 'senml-json', 'senml-cbor', 'lwm2m-json', 'lwm2m-cbor', 'text', 'opaque']
        .map(f => h('option', { value: f }, f || 'default')));
    const content = [
      h('h2', { id: 'ops-title', tabindex: '-1' }, title, ' ', h('span', { class: 'path mono' }, c.selected)),
      d.resource ? h('p', { class: 'muted' },
        [operations || 'no DM operations', d.resource.type, d.resource.units, d.resource.multiple ? 'multiple instances' : 'single',
          d.resource.mandatory ? 'mandatory' : 'optional'].filter(Boolean).join(' · ')) : null,
      d.resource && d.resource.description ? h('p', { class: 'muted' }, d.resource.description) : null,
      d.level === 1 && d.model && d.model.description ? h('p', { class: 'muted' }, d.model.description) : null,
      d.level >= 3 ? h('p', {}, 'Current value: ', h('code', { id: 'current-value' }, c.displayValue(c.selected) || '(not read yet)')) : null,
      h('div', { class: 'field' }, h('label', { for: 'op-format' }, 'Content format on the wire'), format),
      h('div', { class: 'actions', role: 'group', 'aria-label': 'Operations on ' + c.selected },
        readable ? h('button', { type: 'button', id: 'op-read', class: 'primary', onclick: () => c.read(c.selected, format.value) }, 'Read') : null,
        readable ? h('button', { type: 'button', id: 'op-observe', onclick: () => c.observe(c.selected, format.value) }, 'Observe') : null,
        readable ? h('button', { type: 'button', id: 'op-cancel', onclick: () => c.cancel(c.selected) }, 'Cancel observation') : null,
        h('button', { type: 'button', id: 'op-discover', onclick: () => c.discover(c.selected) }, 'Discover'),
        d.level === 2 ? h('button', { type: 'button', id: 'op-delete', class: 'danger', onclick: () => c.remove(c.selected) }, 'Delete instance') : null),
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
          h('button', { type: 'button', id: 'op-execute', class: 'primary', onclick: () => c.execute(c.selected, args.value) }, 'Execute'))));
    }
    if (d.level === 1) {
      content.push(createEditor(d));
    }
    content.push(attributesEditor());
    content.push(h('h3', {}, 'Result'), c.result);
    // on a phone the panel sits below a long tree: a way back to where the user was
    content.push(h('div', { class: 'actions' }, h('button', {
      type: 'button', class: 'small', id: 'back-to-tree', onclick: () => {
        const node = c.tree.querySelector('[data-select="' + CSS.escape(c.selected) + '"]');
        (node || c.tree).scrollIntoView({ block: 'center' });
        if (node) {
          node.focus();
        }
      },
    }, 'Back to the tree')));
    c.ops.replaceChildren(...content.filter(Boolean));
  }

  function valueEditor(d, format) {
    const type = d.resource.type;
    const input = type === 'Boolean'
      ? h('select', { id: 'write-value' }, h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'))
      : h('input', {
        id: 'write-value',
        type: ['Integer', 'Unsigned Integer', 'Float', 'Time'].includes(type) ? 'number' : 'text',
        step: type === 'Float' ? 'any' : undefined,
        value: c.values.has(c.selected) && type !== 'Opaque' ? c.values.get(c.selected) : '',
        placeholder: type === 'Opaque' ? 'hex, e.g. 0a0b0c' : type === 'Objlnk' ? 'e.g. 3:0' : '',
      });
    return h('fieldset', {}, h('legend', {}, 'Write'),
      h('div', { class: 'inline' },
        h('div', { class: 'field' }, h('label', { for: 'write-value' }, 'New value (' + type + (d.resource.units ? ', ' + d.resource.units : '') + ')'), input),
        h('button', {
          type: 'button', id: 'op-write', class: 'primary', onclick: () => {
            let record;
            try {
              record = senmlRecord(c.selected, type, input.value);
            } catch (e) {
              announce(e.message, 'error');
              input.focus();
              return;
            }
            c.write(c.selected, [record], 'PUT', format.value);
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
            c.write(c.selected, records, mode.value, format.value);
          },
        }, 'Write')));
  }

  /** Writable resources of the selection, with their current values where known. */
  function template(d) {
    if (!d.model) {
      return [{ n: c.selected + (d.level === 2 ? '/0' : ''), vs: '' }];
    }
    const resources = d.level === 3 ? [d.resource].filter(Boolean) : d.model.resources.filter(r => r.operations.includes('W'));
    const instancePath = d.level === 3 ? c.selected.split('/').slice(0, 3).join('/') : c.selected;
    return resources.slice(0, 12).map(r => {
      const path = d.level === 3 ? c.selected + '/0' : instancePath + '/' + r.id + (r.multiple ? '/0' : '');
      return sampleRecord(path, r.type, c.values.get(path));
    });
  }

  function createEditor(d) {
    const object = c.objects.get(d.ids[0]);
    const next = object && object.instances.size ? Math.max(...object.instances) + 1 : 0;
    const id = h('input', { id: 'create-instance', type: 'number', min: '0', max: '65534', value: String(next) });
    const area = h('textarea', { id: 'create-senml', class: 'code', spellcheck: 'false' });
    const fill = () => {
      const resources = d.model ? d.model.resources.filter(r => r.operations.includes('W') || (r.mandatory && !r.operations.includes('E'))) : [];
      area.value = JSON.stringify(resources.slice(0, 12).map(r => sampleRecord(c.selected + '/' + id.value + '/' + r.id + (r.multiple ? '/0' : ''), r.type)), null, 1);
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
          c.create(c.selected, records);
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
          c.writeAttributes(c.selected, query);
        },
      }, 'Write attributes'));
  }

  return { renderOps };
}
