// web/public/sw.js in Node, with the parts of a service worker's global scope it uses:
// what a push shows, and where a click on the notification goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = fs.readFileSync(path.join(process.env.BACKCOACH_WEB_ROOT || path.join(here, '../../web/public'), 'sw.js'), 'utf8');

/** A worker scope registered at `scope` with these open tabs; returns what it did. */
function worker(scope, tabs = []) {
  const listeners = {};
  const did = { shown: [], focused: [], opened: [], told: [] };
  const self = {
    addEventListener: (type, fn) => { listeners[type] = fn; },
    registration: { scope, showNotification: async (title, options) => { did.shown.push({ title, ...options }); } },
    clients: {
      matchAll: async () => tabs.map((url) => ({
        url,
        focus: async () => { did.focused.push(url); },
        postMessage: (message) => { did.told.push({ url, message }); },  // made in the worker's realm
      })),
      openWindow: async (url) => { did.opened.push(url); },
    },
  };
  vm.runInNewContext(source, { self });
  const fire = async (type, event) => {
    const waits = [];
    listeners[type]({ ...event, waitUntil: (p) => waits.push(p) });
    await Promise.all(waits);
  };
  return { did, fire };
}

test('a push shows the server\'s title and body, tagged so a newer check-in replaces it', async () => {
  const w = worker('https://coach.example/');
  const message = { title: 'Back coach', body: 'Time for your back check-in', tag: 'checkin' };
  await w.fire('push', { data: { json: () => message } });
  assert.deepEqual(w.did.shown, [{ title: 'Back coach', body: 'Time for your back check-in', tag: 'checkin' }]);
});

test('a click focuses an open tab of the site and asks it to open the chat, or opens the page with the chat open', async () => {
  let closed = 0;
  const notification = { close: () => { closed += 1; } };
  const withTab = worker('https://coach.example/', ['https://other.example/', 'https://coach.example/?x']);
  await withTab.fire('notificationclick', { notification });
  assert.deepEqual(withTab.did.focused, ['https://coach.example/?x']);
  assert.deepEqual(JSON.parse(JSON.stringify(withTab.did.told)), [{ url: 'https://coach.example/?x', message: { type: 'backcoach:open' } }]);
  assert.deepEqual(withTab.did.opened, []);
  const none = worker('https://coach.example/', ['https://other.example/']);
  await none.fire('notificationclick', { notification });
  assert.deepEqual(none.did.opened, ['https://coach.example/#backcoach-chat']);
  assert.equal(closed, 2);
});
