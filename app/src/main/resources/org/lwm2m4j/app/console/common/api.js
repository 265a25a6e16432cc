// Shared by both consoles: the HTTP API with the optional bearer token, the event stream,
// a tiny DOM builder (text only, never HTML from data) and the live status region.

const TOKEN_KEY = 'lwm2m4j.apiToken';

/** An answer of the API other than 2xx. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

let pendingToken = null;

/** Asks once for the API token, however many requests were refused meanwhile. */
function askToken(rejected) {
  if (!pendingToken) {
    pendingToken = new Promise((resolve) => {
      const dialog = tokenDialog();
      const input = dialog.querySelector('input');
      const hint = dialog.querySelector('.hint');
      hint.textContent = rejected
        ? 'That token was refused. Enter the token the server was started with (--api-token).'
        : 'This server needs an API token (the --api-token it was started with).';
      input.value = '';
      dialog.querySelector('form').onsubmit = (event) => {
        event.preventDefault();
        const value = input.value.trim();
        if (!value) {
          return;
        }
        sessionStorage.setItem(TOKEN_KEY, value);
        dialog.close();
        pendingToken = null;
        resolve(value);
      };
      dialog.showModal();
      input.focus();
    });
  }
  return pendingToken;
}

function tokenDialog() {
  let dialog = document.getElementById('token-dialog');
  if (dialog) {
    return dialog;
  }
  dialog = h('dialog', { id: 'token-dialog', 'aria-labelledby': 'token-title' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'token-title' }, 'API token needed'),
      h('p', { class: 'hint', id: 'token-hint' }),
      h('label', { for: 'token-input' }, 'API token'),
      h('input', { id: 'token-input', type: 'password', autocomplete: 'off', required: '', 'aria-describedby': 'token-hint' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'token-submit' }, 'Use token'))));
  // the API is useless without it: Escape must not leave the page half-working
  dialog.addEventListener('cancel', (event) => event.preventDefault());
  document.body.append(dialog);
  return dialog;
}

/**
 * Calls the API: {@code options.json} is sent as JSON, {@code options.body} as it is. Answers the
 * parsed JSON (or text, or null for 204) with the status; throws ApiError otherwise. A 401 asks
 * for the token and tries again.
 */
export async function api(path, options = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: 'application/json, application/senml+json;q=0.9, */*;q=0.1' };
    let body = options.body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.contentType) {
      headers['Content-Type'] = options.contentType;
    }
    const current = token();
    if (current) {
      headers.Authorization = 'Bearer ' + current;
    }
    const response = await fetch(path, { method: options.method || 'GET', headers, body });
    if (response.status === 401 && attempt < 5) {
      await askToken(Boolean(current));
      continue;
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = text;
      }
    }
    if (!response.ok) {
      const message = data && data.error ? data.error + (data.lwm2mCode ? ' (LwM2M ' + data.lwm2mCode + ')' : '') : response.status + ' ' + response.statusText;
      throw new ApiError(response.status, message, data);
    }
    return { status: response.status, data, headers: response.headers };
  }
}

/**
 * Subscribes to the API's event stream: {@code handlers} maps event names to functions of the
 * parsed data; {@code onState} hears 'live' and 'reconnecting'. Reconnects (with the token,
 * asking for it if a plain GET of {@code probe} is refused) until closed.
 */
export function subscribe(handlers, onState = () => {}, probe = '/api/v1/clients') {
  let source = null;
  let closed = false;
  let retry = null;
  const open = () => {
    const current = token();
    source = new EventSource('/api/v1/events' + (current ? '?access_token=' + encodeURIComponent(current) : ''));
    source.onopen = () => onState('live');
    for (const [name, handler] of Object.entries(handlers)) {
      source.addEventListener(name, (event) => {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        handler(data);
      });
    }
    source.onerror = () => {
      onState('reconnecting');
      if (source.readyState === EventSource.CLOSED && !closed) {
        // refused (e.g. 401) or the server went away: probe with fetch, which asks for a token if needed
        clearTimeout(retry);
        retry = setTimeout(async () => {
          try {
            await api(probe);
          } catch (e) {
            // the probe only exists to ask for the token if that was the refusal
          }
          if (!closed) {
            open();
          }
        }, 2000);
      }
    };
  };
  open();
  return {
    close() {
      closed = true;
      clearTimeout(retry);
      if (source) {
        source.close();
      }
    },
  };
}

/** An element with attributes (on* as listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked') {
      element.checked = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.append(child);
    } else {
      element.append(document.createTextNode(String(child)));
    }
  }
}

/** Says {@code message} in the page's live region (screen readers announce it) and shows it. */
export function announce(message, kind = 'info') {
  const region = document.getElementById('status');
  if (!region) {
    return;
  }
  region.className = 'status ' + kind;
  region.textContent = '';
  // a new text node, so the same message twice is announced twice
  requestAnimationFrame(() => { region.textContent = message; });
}

/** A local, readable time for an ISO instant (or epoch millis). */
export function when(instant) {
  if (!instant) {
    return '';
  }
  const date = new Date(instant);
  return isNaN(date) ? String(instant) : date.toLocaleString();
}

/** Sets the main content, its heading focused so keyboard and screen reader users land there. */
export function show(title, ...content) {
  const main = document.getElementById('main');
  main.replaceChildren(h('h1', { id: 'page-title', tabindex: '-1' }, title), ...content.filter(Boolean));
  document.title = title + ' · ' + document.body.dataset.app;
  document.getElementById('page-title').focus({ preventScroll: true });
}

/** Marks the nav link of the current page. */
export function markNav(route) {
  for (const link of document.querySelectorAll('nav a[data-route]')) {
    if (link.dataset.route === route) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

/** The connection indicator in the header. */
export function streamState(state) {
  const indicator = document.getElementById('stream-state');
  if (indicator) {
    indicator.textContent = state === 'live' ? 'Live' : 'Reconnecting…';
    indicator.className = 'stream ' + state;
  }
}
