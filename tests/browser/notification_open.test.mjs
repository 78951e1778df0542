// A click on a check-in's notification opens the chat (web/public/sw.js, widget/main.js): the
// page side, in Chromium against a real backcoachd. A page opened with #backcoach-chat opens
// the panel; an open page whose panel is closed opens it when the service worker posts
// {type: "backcoach:open"} — sent here from inside the real, registered sw.js with
// Client.postMessage, as its notificationclick handler does. The handler's choice between
// focusing a tab and opening one is tested in Node (service_worker.test.mjs): headless
// Chromium shows no notification that could be clicked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDaemonAndBrowser, openDemo, widget } from './harness.mjs';

const session = useDaemonAndBrowser();

test('a page opened from the notification opens the chat panel, and drops the fragment', async () => {
  const page = await openDemo(session.browser, session.daemon, { page: '#backcoach-chat' });
  const w = widget(page);
  await w.panel.waitFor();
  await w.connection.filter({ hasText: 'Connected' }).waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the fragment is removed, so a bookmark does not keep it');
  assert.deepEqual(page.errors, []);
});

test('an open page opens its chat panel when the service worker says so', async () => {
  const page = await openDemo(session.browser, session.daemon);
  const w = widget(page);
  await w.launcher.waitFor();
  assert.equal(await w.panel.isVisible(), false);
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('/sw.js');
    await navigator.serviceWorker.ready;
  });
  const worker = page.context().serviceWorkers()[0] || (await page.context().waitForEvent('serviceworker'));
  const told = await worker.evaluate(async () => {
    const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    tabs.forEach((t) => t.postMessage({ type: 'backcoach:open' }));
    return tabs.length;
  });
  assert.equal(told, 1);
  await w.panel.waitFor();
  await w.connection.filter({ hasText: 'Connected' }).waitFor();
  assert.deepEqual(page.errors, []);
});
