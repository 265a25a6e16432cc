// The LwM2M server's console: a single page with hash routes over the REST API. This file starts
// it and routes; each page is a module of its own:
//   #/                 clients, a page at a time, live (clients.js)
//   #/clients/{ep}     one client: its object tree, operations, notifications and Send data (client-page.js)
//   #/security         client credentials (security.js, shared with the Bootstrap-Server's console)
//   #/firmware         firmware images and update jobs (firmware.js)
// A page is an object { event(name, data, kind), dispose() }: the event stream's events go to the
// page shown, and a page is disposed when the user leaves it.
import { api, subscribe, announce, markNav, streamState } from './api.js';
import { securityPage } from './security.js';
import { clientsPage } from './clients.js';
import { clientPage } from './client-page.js';
import { firmwarePage } from './firmware.js';

let page = null; // the current page

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
    wakeup: data => page && page.event('wakeup', data),
    firmware: data => page && page.event('firmware', data),
    'firmware-image': data => page && page.event('firmware-image', data),
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
