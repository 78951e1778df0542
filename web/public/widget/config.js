// The widget's configuration, read from its <script> tag's data-* attributes (the embed
// contract at the top of widget.js). Pure: the loader hands in the tag's dataset and src
// and the page's address and language, so Node tests read it without a browser.

// The emergency number for a page's language tag: en-GB 999, en-US/en-CA 911, else 112.
export function numberForLocale(lang) {
  let region = '';
  try { region = new Intl.Locale(lang || '').region || ''; } catch (e) { region = ''; }
  if (region === 'GB') return '999';
  if (region === 'US' || region === 'CA') return '911';
  return '112';
}

/**
 * tag: { dataset, src } of the widget's script; page: { href, lang } of the host page.
 * The server is data-server, else the origin the script came from.
 */
export function readConfig(tag, page) {
  const data = tag.dataset || {};
  const fallback = tag.src ? new URL(tag.src, page.href).origin : new URL(page.href).origin;
  const server = new URL(data.server || fallback, page.href).href.replace(/\/+$/, '');
  const ws = new URL('/v1/chat', server + '/');
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    server,
    wsUrl: ws.href,
    emergencyNumber: (data.emergencyNumber || numberForLocale(page.lang)).trim(),
    title: data.title || 'Back pain coach',
    storageKey: 'backcoach:' + server,
    serviceWorker: data.serviceWorker || '',  // a page elsewhere: its own copy of sw.js
  };
}

// localStorage may be unavailable (privacy modes); the widget then works without memory.
// local/session: Storage objects (window.localStorage and window.sessionStorage).
export function makeStore(key, local, session) {
  const get = (area, name) => {
    try { return JSON.parse(area().getItem(key + ':' + name)); } catch (e) { return null; }
  };
  const set = (area, name, value) => {
    try {
      if (value === null || value === undefined) area().removeItem(key + ':' + name);
      else area().setItem(key + ':' + name, JSON.stringify(value));
    } catch (e) { /* storage full or blocked: keep going in memory */ }
  };
  return {
    token: () => get(local, 'token'),
    setToken: (t) => set(local, 'token', t),
    outbox: () => get(local, 'outbox') || [],
    setOutbox: (items) => set(local, 'outbox', items.length ? items.map((i) => ({ id: i.id, text: i.text })) : null),
    wasOpen: () => get(session, 'open') === true,
    setOpen: (open) => set(session, 'open', open ? true : null),
    clear() { ['token', 'outbox'].forEach((n) => set(local, n, null)); set(session, 'open', null); },
  };
}
