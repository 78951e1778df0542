// Web Push of the daily check-in against a real backcoachd and the loopback push service
// (push_service.mjs), which decrypts each message with the browser's keys and checks its VAPID
// JWT. The daemon's clock is shifted (--test-clock-offset) so the reminders set for "the next
// minute" fall due a few seconds after the test set them.
import { test, before, after } from 'node:test';
import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Daemon, expectSoon } from '../browser/harness.mjs';
import { PushService, decrypt } from './push_service.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const webDir = process.env.BACKCOACH_WEB_DIR || path.resolve(here, '../../web');
const WebSocket = createRequire(path.join(webDir, 'package.json'))('ws');

const LEAD_MS = 15000;  // the daemon's clock this long before the reminders' minute
const now = Date.now();
const minute = Math.ceil((now + LEAD_MS + 5000) / 60000) * 60000;
const offsetSeconds = (minute - LEAD_MS - now) / 1000;
const at = new Date(minute).toISOString().slice(11, 16);  // "HH:MM" in UTC

let daemon;
let push;

async function http(method, route, { token, body } = {}) {
  const headers = { Origin: daemon.url };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(daemon.url + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

/** A widget: a WebSocket that said hello; frames collected. */
async function openWidget(token) {
  const ws = new WebSocket(daemon.url.replace('http', 'ws') + '/v1/chat', { origin: daemon.url });
  const frames = [];
  ws.on('message', (data) => frames.push(JSON.parse(data)));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  ws.send(JSON.stringify(token ? { type: 'hello', tz: 'UTC', token } : { type: 'hello', tz: 'UTC' }));
  await expectSoon(async () => frames.some((f) => f.type === 'welcome'), 'the welcome');
  return { ws, frames, token: frames.find((f) => f.type === 'welcome').token };
}

/** A person who allowed notifications in browser `name`, with a daily reminder at `at`. */
async function subscribedPerson(name, { keepOpen = false } = {}) {
  const widget = await openWidget();
  const sub = push.subscriber(name);
  const made = await http('POST', '/v1/me/push', { token: widget.token, body: sub });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  const reminder = await http('PUT', '/v1/me/reminder', { token: widget.token, body: { time: at, tz: 'UTC' } });
  assert.equal(reminder.status, 200, JSON.stringify(reminder.json));
  if (!keepOpen) widget.ws.close();
  return widget;
}

before(async () => {
  push = await new PushService().start();
  daemon = await new Daemon({ args: ['--test-clock-offset', String(offsetSeconds), '--checkin-interval', '0.2'] }).start();
});

after(async () => {
  await daemon?.stop();
  await push?.stop();
});

test('the test push service decrypts the RFC 8291 example with the user agent\'s key', () => {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94', 'base64url'));
  const body = Buffer.from('DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml'
    + 'mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT'
    + 'pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN', 'base64url');
  const plain = decrypt(body, { ecdh, auth: Buffer.from('BTBZMqHH6r4Tts7J_aSIgg', 'base64url') });
  assert.equal(plain.toString(), 'When I grow up, I want to be a watermelon');
});

test('a due check-in reaches a closed widget as a decryptable push, a gone browser is forgotten, an open widget gets no duplicate, and a restart sends nothing twice', async () => {
  const key = await http('GET', '/v1/push/key');
  assert.equal(key.status, 200);
  assert.match(key.json.public_key, /^B[\w-]{86}$/);  // 65 bytes, uncompressed point

  const closed = await subscribedPerson('closed');
  const gone = await subscribedPerson('gone');
  push.status('gone', 410);
  const open = await subscribedPerson('open', { keepOpen: true });

  // The closed widget's browser gets the notification, from the daemon's key.
  await expectSoon(async () => push.messagesFor('closed').length === 1, 'the push to the closed widget', 30000)
    .catch((e) => { throw new Error(`${e.message}; push service: ${JSON.stringify(push.problems)}; daemon:\n${daemon.output}`); });
  const [msg] = push.messagesFor('closed');
  assert.deepEqual(msg.message, { title: 'Back coach', body: 'Time for your back check-in', tag: 'checkin' });
  assert.equal(msg.k, key.json.public_key);
  assert.equal(msg.claims.aud, push.origin);
  assert.equal(msg.headers.urgency, 'normal');
  assert.equal(msg.headers.topic, 'checkin');
  assert.deepEqual(push.problems, []);

  // The open widget has the check-in as a push frame, and its browser no notification.
  await expectSoon(async () => open.frames.some((f) => f.type === 'push'), 'the push frame on the open widget');
  await expectSoon(async () => push.messagesFor('gone').length === 1, 'the attempt on the gone browser');
  // 410: the subscription is deleted (the export lists no browser any more).
  await expectSoon(async () => {
    const exported = await http('GET', '/v1/me/conversation', { token: gone.token });
    return exported.status === 200 && exported.json.push_subscriptions.length === 0;
  }, 'the gone subscription to be deleted');
  const kept = await http('GET', '/v1/me/conversation', { token: closed.token });
  assert.deepEqual(kept.json.push_subscriptions.map((s) => s.endpoint), [`${push.origin}/push/closed`]);
  const secret = push.subscribers.get('closed').auth.toString('base64url');
  assert.ok(!JSON.stringify(kept.json).includes(secret), 'the export holds no auth secret');

  // Opened from the notification, the widget finds the check-in in its history.
  const again = await openWidget(closed.token);
  const welcome = again.frames.find((f) => f.type === 'welcome');
  assert.match(JSON.stringify(welcome.history), /0 \(no pain\) to 10/);

  // kill -9 and restart: no check-in and no notification a second time.
  await new Promise((r) => setTimeout(r, 1500));  // the outbox marks the sends
  await daemon.kill();
  await daemon.start();
  await new Promise((r) => setTimeout(r, 4000));  // several scheduler passes and outbox polls
  assert.equal(push.messagesFor('closed').length, 1);
  assert.equal(push.messagesFor('gone').length, 1);
  assert.equal(push.messagesFor('open').length, 0);
  assert.deepEqual(push.problems, []);
  open.ws.close();
  again.ws.close();
});
