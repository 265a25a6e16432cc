// The client list (#/): one page of registrations at a time from GET /api/v1/clients, searched by
// endpoint prefix, with next/previous and a page size. It stays live without downloading the list
// again: rows on the page change in place, and a registration elsewhere only moves the total (the
// page is fetched again, alone, when a new one belongs on it).
import { api, h, announce, when, show } from './api.js';

const PAGE_SIZES = [25, 50, 100, 250, 500, 1000];
const SEARCH_DELAY_MS = 300;
const RELOAD_DELAY_MS = 500;
const PRESENCE_POLL_MS = 5000;

// What the list shows, kept across visits so that coming back from a client shows the same page.
// cursors[i] is the cursor of page i ('' for the first); the server hands them out as `next`.
const view = { q: '', limit: 100, page: 0, cursors: [''] };

/** GET /api/v1/clients for a page: {clients, total, next?}. */
export async function listClients({ q = '', cursor = '', limit = 100 } = {}) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (q) {
    params.set('q', q);
  }
  if (cursor) {
    params.set('cursor', cursor);
  }
  return (await api('/api/v1/clients?' + params)).data;
}

/** Awake or sleeping, as a badge. */
export function presence(registration) {
  return registration.awake === false
    ? h('span', { class: 'badge sleeping' }, 'sleeping')
    : h('span', { class: 'badge awake' }, 'awake');
}

/**
 * The transport the client is reached over, as a badge: udp, dtls, or sms when it registered by SMS
 * (older servers send no channel: dtls when secure, else udp).
 */
export function channelBadge(registration) {
  const channel = registration.channel || (registration.secure ? 'dtls' : 'udp');
  return h('span', { class: 'badge ' + (channel === 'dtls' ? 'ok' : 'plain'), 'data-channel': channel }, channel);
}

/**
 * How the client proved who it is, as a badge: PSK, RPK, X.509, DTLS (secure, mode not recorded) or
 * none; the DTLS identity, when the server knows it, as its tooltip.
 */
export function securityBadge(registration) {
  const mode = registration.security || (registration.secure ? 'DTLS' : 'none');
  return h('span', {
    class: 'badge ' + (mode === 'none' ? 'plain' : 'ok'), 'data-security': mode,
    title: registration.identity ? 'Identity: ' + registration.identity : undefined,
  }, mode);
}

/** Renders the list into the page; answers the page object app.js routes events to. */
export function clientsPage() {
  let rows = []; // the registrations of the page shown, in endpoint order
  let total = 0;
  let next = null; // the cursor after this page, null on the last
  let loaded = false;
  let sequence = 0; // answers to older requests are dropped
  let disposed = false;
  let searchTimer = null;
  let reloadTimer = null;
  const rowElements = new Map(); // endpoint → its tr

  const body = h('tbody', { id: 'clients-body' });
  const count = h('p', { class: 'muted', id: 'clients-count' });
  const range = h('span', { id: 'clients-range', 'aria-live': 'polite' });
  const search = h('input', { id: 'clients-search', type: 'search', value: view.q, autocomplete: 'off', spellcheck: 'false',
    placeholder: 'endpoint starts with…', oninput: () => searchSoon(SEARCH_DELAY_MS) });
  const size = h('select', { id: 'clients-page-size', onchange: () => { view.limit = Number(size.value); firstPage(); } },
    PAGE_SIZES.map(n => h('option', { value: String(n) }, String(n))));
  size.value = String(view.limit);
  const previous = h('button', { type: 'button', id: 'clients-previous', onclick: () => load(view.page - 1) }, 'Previous');
  const following = h('button', { type: 'button', id: 'clients-next', onclick: () => load(view.page + 1) }, 'Next');
  const table = h('table', { class: 'cards', id: 'clients-table' },
    h('caption', { class: 'muted' }, 'Registered clients by endpoint, updated live'),
    h('thead', {}, h('tr', {}, ['Endpoint', 'Address', 'Channel', 'Binding', 'Lifetime', 'LwM2M', 'Presence', 'Security', 'Last update']
      .map(title => h('th', { scope: 'col' }, title)))),
    body);
  show('Clients', h('section', { class: 'panel', 'aria-labelledby': 'page-title' },
    h('form', { role: 'search', class: 'inline', onsubmit: (event) => { event.preventDefault(); searchSoon(0); } },
      h('div', { class: 'field' }, h('label', { for: 'clients-search' }, 'Find endpoint (starts with)'), search),
      h('div', { class: 'field page-size' }, h('label', { for: 'clients-page-size' }, 'Per page'), size)),
    count,
    h('div', { class: 'table-wrap' }, table),
    h('nav', { class: 'pager', 'aria-label': 'Pages of clients' }, previous, range, following)));
  renderControls();
  load(view.page);

  // a queue-mode client falls asleep without telling anyone: look at the page again now and then
  const poll = setInterval(() => {
    if (rows.some(c => c.queueMode)) {
      load(view.page, { quiet: true });
    }
  }, PRESENCE_POLL_MS);

  function searchSoon(delay) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      if (search.value.trim() !== view.q) {
        view.q = search.value.trim();
        firstPage();
      }
    }, delay);
  }

  function firstPage() {
    view.page = 0;
    view.cursors = [''];
    load(0);
  }

  async function load(page, { quiet = false } = {}) {
    const mine = ++sequence;
    let data;
    try {
      data = await listClients({ q: view.q, cursor: view.cursors[page] || '', limit: view.limit });
    } catch (e) {
      if (mine !== sequence || disposed) {
        return;
      }
      if (e.status === 400 && page > 0) {
        // a cursor the server no longer knows (e.g. it was upgraded): start again
        firstPage();
        return;
      }
      if (!quiet) {
        announce('Cannot list the clients: ' + e.message, 'error');
      }
      return;
    }
    if (mine !== sequence || disposed) {
      return;
    }
    view.page = page;
    view.cursors.length = page + 1;
    next = data.next || null;
    if (next) {
      view.cursors.push(next);
    }
    rows = data.clients || [];
    total = data.total || 0;
    loaded = true;
    renderRows();
    renderControls();
  }

  function renderRows() {
    rowElements.clear();
    body.replaceChildren(...rows.map(row));
    if (!rows.length) {
      body.append(h('tr', {}, h('td', { colspan: 9, class: 'empty' }, view.q
        ? 'No client\u2019s endpoint starts with \u201c' + view.q + '\u201d.'
        : 'No client is registered yet.')));
    }
  }

  function row(c) {
    const tr = h('tr', { 'data-endpoint': c.endpoint },
      h('td', { 'data-label': 'Endpoint' }, h('a', { href: '#/clients/' + encodeURIComponent(c.endpoint), class: 'client-link' }, c.endpoint)),
      h('td', { 'data-label': 'Address', class: 'mono' }, c.address),
      h('td', { 'data-label': 'Channel' }, channelBadge(c)),
      h('td', { 'data-label': 'Binding' }, c.binding + (c.queueMode ? ' (queue)' : '')),
      h('td', { 'data-label': 'Lifetime' }, c.lifetime + ' s'),
      h('td', { 'data-label': 'LwM2M' }, c.lwm2mVersion),
      h('td', { 'data-label': 'Presence' }, presence(c)),
      h('td', { 'data-label': 'Security' }, securityBadge(c)),
      h('td', { 'data-label': 'Last update' }, when(c.lastUpdate)));
    rowElements.set(c.endpoint, tr);
    return tr;
  }

  function renderControls() {
    count.dataset.total = String(total);
    count.textContent = !loaded ? 'Loading clients…'
      : total === 1 ? '1 client registered.' : total.toLocaleString() + ' clients registered.';
    const first = view.page * view.limit + 1;
    const among = view.q ? ' whose endpoint starts with \u201c' + view.q + '\u201d' : ' of ' + total.toLocaleString();
    const last = first + rows.length - 1;
    range.textContent = !rows.length ? ''
      : (rows.length === 1 ? 'Client ' + first.toLocaleString() : 'Clients ' + first.toLocaleString() + '\u2013' + last.toLocaleString()) + among;
    previous.disabled = view.page === 0;
    following.disabled = !next;
  }

  /** Whether {@code endpoint} sorts into the page shown (as the server sorts: by UTF-16 unit). */
  function belongsHere(endpoint) {
    if (!endpoint.startsWith(view.q)) {
      return false;
    }
    const after = view.page === 0 || (rows.length > 0 && endpoint > rows[0].endpoint);
    const before = !next || (rows.length > 0 && endpoint < rows[rows.length - 1].endpoint);
    return after && before;
  }

  function reloadSoon() {
    if (!reloadTimer) {
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        load(view.page, { quiet: true });
      }, RELOAD_DELAY_MS);
    }
  }

  function replaceRow(registration) {
    const index = rows.findIndex(c => c.endpoint === registration.endpoint);
    rows[index] = registration;
    const old = rowElements.get(registration.endpoint);
    old.replaceWith(row(registration));
  }

  return {
    event(name, data, kind) {
      if (!loaded) {
        return; // the page being fetched is newer than the event
      }
      if (name === 'registration') {
        const isNew = kind === 'registered' && !data.replacedRegistrationId;
        if (isNew) {
          total++;
        }
        if (rowElements.has(data.endpoint)) {
          replaceRow(data);
        } else if (isNew && belongsHere(data.endpoint)) {
          announce(data.endpoint + ' registered');
          reloadSoon();
        }
        renderControls();
      } else if (name === 'deregistered' || name === 'expired') {
        total = Math.max(0, total - 1);
        const index = rows.findIndex(c => c.endpoint === data.endpoint && c.registrationId === data.registrationId);
        if (index >= 0) {
          rows.splice(index, 1);
          rowElements.get(data.endpoint).remove();
          rowElements.delete(data.endpoint);
          if (!rows.length) {
            renderRows();
          }
          announce(data.endpoint + ' ' + name);
        }
        renderControls();
      }
    },
    dispose() {
      disposed = true;
      clearInterval(poll);
      clearTimeout(searchTimer);
      clearTimeout(reloadTimer);
    },
  };
}
