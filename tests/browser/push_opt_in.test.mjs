// "Remind me here" in a real Chromium against a real backcoachd: nothing is asked before the
// click; the click asks for notification permission first, registers sw.js, subscribes with the
// server's key (GET /v1/push/key) and registers the subscription (POST /v1/me/push). "Stop
// reminding me here" then deletes it (DELETE /v1/me/push) and unsubscribes the browser.
//
// Headless Chromium has no push service to subscribe with (its subscribe() fails with "push
// service not available"), so the page's PushManager.subscribe/getSubscription,
// PushSubscription.unsubscribe and Notification.requestPermission/permission are stubbed in-page: the stub records how it was called and
// answers with a subscription of the loopback push service (tests/webpush/push_service.mjs).
// Everything else — the module, the service worker's registration, the HTTP calls and the
// daemon's storage — is real. tests/webpush/webpush_e2e.test.mjs then delivers to such a
// subscription and decrypts the message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDaemonAndBrowser, openDemo, openWidget, expectSoon } from './harness.mjs';
import { PushService } from '../webpush/push_service.mjs';

const session = useDaemonAndBrowser();

// The browser's side as a browser keeps it: permission and the subscription last for the
// page's session (sessionStorage, so a reload of the page finds them).
function stubPush(subscription) {
  const calls = { permission: 0, subscribe: [], unsubscribe: 0 };
  window.__pushCalls = calls;
  const granted = () => sessionStorage.getItem('stub:granted') === '1';
  Object.defineProperty(Notification, 'permission', { get: () => (granted() ? 'granted' : 'default') });
  Notification.requestPermission = async () => { calls.permission += 1; sessionStorage.setItem('stub:granted', '1'); return 'granted'; };
  const current = () => (sessionStorage.getItem('stub:subscribed') !== '1' ? null : {
    endpoint: subscription.endpoint,
    toJSON: () => subscription,
    unsubscribe: async () => { calls.unsubscribe += 1; sessionStorage.removeItem('stub:subscribed'); return true; },
  });
  PushManager.prototype.getSubscription = async () => current();
  PushManager.prototype.subscribe = async (options) => {
    calls.subscribe.push({ userVisibleOnly: options.userVisibleOnly, key: Array.from(new Uint8Array(options.applicationServerKey)) });
    sessionStorage.setItem('stub:subscribed', '1');
    return current();
  };
}

/** A demo page of the session's daemon with the push stub, subscribing to `push`. */
async function stubbedPage(push) {
  const subscription = push.subscriber('chromium');
  const page = await openDemo(session.browser, session.daemon);
  await page.addInitScript(stubPush, subscription);
  await page.reload();
  return { page, subscription };
}

async function exportedSubscriptions(page) {
  const token = await page.evaluate((server) => JSON.parse(localStorage.getItem(`backcoach:${server}:token`)), session.daemon.url);
  const res = await fetch(session.daemon.url + '/v1/me/conversation', { headers: { Authorization: 'Bearer ' + token } });
  return (await res.json()).push_subscriptions || [];
}

test('Remind me here asks only after the click, then subscribes with the server key and registers the browser', async () => {
  const push = await new PushService().start();
  try {
    const { page, subscription } = await stubbedPage(push);
    const w = await openWidget(page);
    const remind = w.panel.getByRole('button', { name: 'Remind me here' });
    await remind.waitFor();
    assert.equal(await page.evaluate(() => window.__pushCalls.permission), 0, 'no prompt before the click');

    await remind.click();
    await w.panel.getByRole('status').filter({ hasText: /^Done: your daily check-in/ }).waitFor({ timeout: 15000 });
    const calls = await page.evaluate(() => window.__pushCalls);
    assert.equal(calls.permission, 1);
    assert.equal(calls.subscribe.length, 1);
    assert.equal(calls.subscribe[0].userVisibleOnly, true);
    const key = await (await fetch(session.daemon.url + '/v1/push/key')).json();
    assert.deepEqual(calls.subscribe[0].key, Array.from(Buffer.from(key.public_key, 'base64url')));

    // The real service worker is registered for the page.
    const worker = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
    assert.equal(worker, session.daemon.url + '/sw.js');

    // The daemon keeps the browser for the widget's person.
    let exported;
    await expectSoon(async () => (exported = await exportedSubscriptions(page)).length === 1, 'the subscription in the export');
    assert.equal(exported[0].endpoint, subscription.endpoint);
    assert.deepEqual(page.errors, []);
  } finally {
    await push.stop();
  }
});

test('Stop reminding me here deletes the browser on the server, then unsubscribes it, and is offered after a reload', async () => {
  const push = await new PushService().start();
  try {
    const { page } = await stubbedPage(push);
    let w = await openWidget(page);
    await w.panel.getByRole('button', { name: 'Remind me here' }).click();
    await w.panel.getByRole('status').filter({ hasText: /^Done: your daily check-in/ }).waitFor({ timeout: 15000 });
    await expectSoon(async () => (await exportedSubscriptions(page)).length === 1, 'the subscription on the server');

    // The way back is offered on this device, also after a reload.
    await page.reload();
    w = await openWidget(page);
    const stop = w.panel.getByRole('button', { name: 'Stop reminding me here' });
    await stop.waitFor();
    assert.equal(await w.panel.getByRole('button', { name: 'Remind me here', exact: true }).count(), 0);
    await stop.click();
    await w.panel.getByRole('status').filter({ hasText: /^Reminders on this device are off/ }).waitFor({ timeout: 15000 });
    assert.deepEqual(await exportedSubscriptions(page), [], 'the server forgot this browser');
    assert.equal(await page.evaluate(() => window.__pushCalls.unsubscribe), 1, 'the browser dropped its subscription');
    await w.panel.getByRole('button', { name: 'Remind me here', exact: true }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await push.stop();
  }
});
