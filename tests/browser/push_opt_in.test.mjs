// "Remind me here" in a real Chromium against a real backcoachd: nothing is asked before the
// click; the click asks for notification permission first, registers sw.js, subscribes with the
// server's key (GET /v1/push/key) and registers the subscription (POST /v1/me/push).
//
// Headless Chromium has no push service to subscribe with (its subscribe() fails with "push
// service not available"), so the page's PushManager.subscribe/getSubscription and
// Notification.requestPermission are stubbed in-page: the stub records how it was called and
// answers with a subscription of the loopback push service (tests/webpush/push_service.mjs).
// Everything else — the module, the service worker's registration, the HTTP calls and the
// daemon's storage — is real. tests/webpush/webpush_e2e.test.mjs then delivers to such a
// subscription and decrypts the message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDaemonAndBrowser, openDemo, openWidget, expectSoon } from './harness.mjs';
import { PushService } from '../webpush/push_service.mjs';

const session = useDaemonAndBrowser();

function stubPush(subscription) {
  const calls = { permission: 0, subscribe: [] };
  window.__pushCalls = calls;
  Notification.requestPermission = async () => { calls.permission += 1; return 'granted'; };
  PushManager.prototype.getSubscription = async () => null;
  PushManager.prototype.subscribe = async (options) => {
    calls.subscribe.push({ userVisibleOnly: options.userVisibleOnly, key: Array.from(new Uint8Array(options.applicationServerKey)) });
    return { toJSON: () => subscription };
  };
}

test('Remind me here asks only after the click, then subscribes with the server key and registers the browser', async () => {
  const push = await new PushService().start();
  try {
    const subscription = push.subscriber('chromium');
    const page = await openDemo(session.browser, session.daemon);
    await page.addInitScript(stubPush, subscription);
    await page.reload();
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
    const token = await page.evaluate((server) => JSON.parse(localStorage.getItem(`backcoach:${server}:token`)), session.daemon.url);
    let exported;
    await expectSoon(async () => {
      const res = await fetch(session.daemon.url + '/v1/me/conversation', { headers: { Authorization: 'Bearer ' + token } });
      exported = await res.json();
      return exported.push_subscriptions?.length === 1;
    }, 'the subscription in the export');
    assert.equal(exported.push_subscriptions[0].endpoint, subscription.endpoint);
    assert.deepEqual(page.errors, []);
  } finally {
    await push.stop();
  }
});
