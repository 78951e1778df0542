/*
 * backcoach: the service worker of "Remind me here" (push_opt_in.js). It shows the daily
 * check-in's notification (the server sends its title and body, decrypted by the browser) and,
 * on a click, focuses an open tab of this site or opens the page that registered it, with the
 * chat panel open.
 */
'use strict';

self.addEventListener('push', (event) => {
  let message = {};
  try { message = event.data ? event.data.json() : {}; } catch (e) { message = {}; }
  event.waitUntil(self.registration.showNotification(message.title || '', {
    body: message.body || '',
    tag: message.tag || 'checkin',  // a newer check-in replaces an unread one
  }));
});

// A click opens the chat: a tab of this site already open is focused and asked to open its
// panel (a message the widget listens for); with none, the page opens with a fragment that
// the widget reads the same way (widget/main.js, OPEN_FRAGMENT and OPEN_MESSAGE).
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const home = self.registration.scope;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((tabs) => {
    const open = tabs.find((t) => t.url.startsWith(home));
    if (!open) return self.clients.openWindow(home + '#backcoach-chat');
    open.postMessage({ type: 'backcoach:open' });
    return open.focus();
  }));
});
