// The firmware page (#/firmware): images (upload, delete), starting updates on clients with a
// Firmware Update object (/5), found by endpoint prefix, and the jobs as the event stream reports them.
// The image list and the jobs (phase, download progress) follow the 'firmware-image' and 'firmware'
// events, so uploads and updates started elsewhere (the REST API, another browser) show without reload.
import { api, h, announce, when, show } from './api.js';
import { listClients } from './clients.js';

// the firmware page offers clients with object 5 among this many registrations matching its search
const FIRMWARE_CANDIDATES = 100;

// a job's phases as the server names them (FirmwarePhase); the last two end it
const FINAL_PHASES = ['succeeded', 'failed'];
// the Firmware Update object's State resource (/5/0/3)
const STATES = ['idle', 'downloading', 'downloaded', 'updating'];

const BYTES = new Intl.NumberFormat('en');

function phaseKind(phase) {
  return phase === 'succeeded' ? 'ok' : phase === 'failed' ? 'bad' : 'warn';
}

export function firmwarePage() {
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
            forgetImage(i.id);
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

  /** Adds an image the page did not list yet (its own upload's answer and its event both bring it). */
  function keepImage(added) {
    if (!added || !added.id || images.some(i => i.id === added.id)) {
      return;
    }
    const chosen = image.value;
    images = [...images, { id: added.id, name: added.name, size: added.size, sha256: added.sha256 }];
    renderImages();
    if (chosen) {
      image.value = chosen;
    }
    renderJobs();
  }

  function forgetImage(id) {
    if (!images.some(i => i.id === id)) {
      return;
    }
    const chosen = image.value;
    images = images.filter(i => i.id !== id);
    renderImages();
    if (chosen && chosen !== id) {
      image.value = chosen;
    }
  }

  /** The download's bar under the phase: bytes the device acknowledged (push) or fetched (pull) of the package. */
  function progress(job) {
    if (!job.totalBytes) {
      return null;
    }
    const percent = job.percent == null ? 0 : job.percent;
    const text = BYTES.format(job.bytesTransferred || 0) + ' / ' + BYTES.format(job.totalBytes) + ' bytes (' + percent + ' %)';
    return h('div', { class: 'fw-progress' },
      h('progress', { max: 100, value: percent, 'aria-label': 'Download of ' + job.endpoint + ': ' + text }),
      h('div', { class: 'muted' }, text));
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
        h('td', { 'data-label': 'Phase' }, h('span', { class: 'badge ' + phaseKind(job.phase) }, job.phase || ''), progress(job)),
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
      keepImage(data);
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
      } else if (name === 'firmware-image' && data && data.id) {
        if (data.change === 'removed') {
          forgetImage(data.id);
        } else {
          keepImage(data);
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
