// web/public/widget/connection.js in Node against a WebSocket server on loopback (the `ws`
// package) that plays the server's side of protocol v1 as each test scripts it: what the
// widget says on connecting, that one message is on the wire at a time, that a message whose
// reply was lost is sent again with the same id after a reconnect, and what a refused token
// or a refused message do. The browser tests play the same against the real daemon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { widgetModule, ws } from './web_modules.mjs';

const { Connection } = await widgetModule('connection.js');
const { makeStore } = await widgetModule('config.js');
const { WebSocket, WebSocketServer } = ws();

// A Storage in memory, as localStorage would keep it across a reload.
function memoryStorage() {
  const map = new Map();
  return { getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => map.set(k, String(v)), removeItem: (k) => map.delete(k) };
}

/** A loopback server: every frame received is queued per connection; tests answer. */
async function server() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const sockets = [];
  const waiting = [];
  wss.on('connection', (sock) => {
    const conn = { sock, frames: [], wake: null };
    sock.on('message', (data) => { conn.frames.push(JSON.parse(String(data))); if (conn.wake) conn.wake(); });
    sockets.push(conn);
    waiting.splice(0).forEach((w) => w());
  });
  const next = async (conn) => {
    while (!conn.frames.length) await new Promise((r) => { conn.wake = r; });
    return conn.frames.shift();
  };
  const connection = async (n) => {
    while (sockets.length < n) await new Promise((r) => waiting.push(r));
    return sockets[n - 1];
  };
  return {
    url: `ws://127.0.0.1:${wss.address().port}/v1/chat`,
    connection,
    next,
    send: (conn, frame) => conn.sock.send(JSON.stringify(frame)),
    silent: async (conn, ms = 150) => { await new Promise((r) => setTimeout(r, ms)); return conn.frames.length === 0; },
    close: () => new Promise((r) => { for (const s of wss.clients) s.terminate(); wss.close(r); }),
  };
}

/** A Connection with a memory store and an event log; `until(name)` waits for an event. */
function client(url, storage = memoryStorage()) {
  const store = makeStore('backcoach:test', () => storage, () => memoryStorage());
  const seen = [];
  const waiters = [];
  const record = (name) => (...args) => {
    seen.push([name, ...args]);
    waiters.filter((w) => w.name === name).forEach((w) => { waiters.splice(waiters.indexOf(w), 1); w.resolve(args); });
    return name === 'wanted' ? false : undefined;
  };
  const events = Object.fromEntries(['state', 'welcome', 'reply', 'push', 'failed', 'newConversation', 'queue', 'wanted']
    .map((n) => [n, record(n)]));
  const conn = new Connection({ url, store, WebSocket, timeZone: () => 'Europe/London' }, events);
  const until = (name) => new Promise((resolve) => waiters.push({ name, resolve }));
  return { conn, store, storage, seen, until, stop: () => conn.reset() };
}

const welcome = (extra = {}) => ({ type: 'welcome', user: 'u1', token: 'u1.mac', resumed: false, tier: null, history: [], ...extra });

test('hello, then one message on the wire at a time, oldest first', async () => {
  const s = await server();
  const c = client(s.url);
  try {
    const first = c.conn.send('my lower back hurts');
    const second = c.conn.send('since Monday');
    const sock = await s.connection(1);
    assert.deepEqual(await s.next(sock), { type: 'hello', tz: 'Europe/London' });
    assert.equal(await s.silent(sock), true, 'nothing before the welcome');
    const welcomed = c.until('welcome');
    s.send(sock, welcome());
    assert.equal((await welcomed)[1], true, 'a first welcome has a history to show');
    assert.deepEqual(await s.next(sock), { type: 'say', id: first.id, text: 'my lower back hurts', tz: 'Europe/London' });
    assert.equal(await s.silent(sock), true, 'the second waits for the first reply');
    assert.equal(c.store.token(), 'u1.mac');
    assert.deepEqual(c.store.outbox().map((i) => i.text), ['my lower back hurts', 'since Monday'], 'both kept for a reload');

    const replied = c.until('reply');
    s.send(sock, { type: 'reply', re: first.id, messages: [{ text: 'How old are you?' }], tier: null, flags: [] });
    const [frame, item, shown] = await replied;
    assert.equal(frame.messages[0].text, 'How old are you?');
    assert.equal(item.id, first.id);
    assert.equal(shown, false);
    assert.equal((await s.next(sock)).id, second.id, 'then the second');
    assert.deepEqual(c.store.outbox().map((i) => i.text), ['since Monday']);
  } finally {
    c.stop();
    await s.close();
  }
});

test('a message whose reply was lost goes again with the same id after a reconnect, and is answered once', async () => {
  const s = await server();
  const c = client(s.url);
  try {
    const item = c.conn.send('it aches after sitting');
    const one = await s.connection(1);
    await s.next(one);
    s.send(one, welcome());
    assert.equal((await s.next(one)).id, item.id);
    one.sock.terminate();  // the turn may be committed, but its reply is lost

    const two = await s.connection(2);
    assert.deepEqual(await s.next(two), { type: 'hello', token: 'u1.mac', tz: 'Europe/London' }, 'the same person again');
    const welcomed = c.until('welcome');
    s.send(two, welcome({ resumed: true }));
    assert.equal((await welcomed)[1], false, 'the same person: the transcript stays');
    assert.deepEqual(await s.next(two), { type: 'say', id: item.id, text: 'it aches after sitting', tz: 'Europe/London' });
    const replied = c.until('reply');
    const reply = { type: 'reply', re: item.id, messages: [{ text: 'Thanks.' }], tier: 'self_care', flags: [], duplicate: true };
    s.send(two, reply);
    s.send(two, reply);  // a second tab's resend, say
    await replied;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(c.seen.filter(([n]) => n === 'reply').length, 1, 'one reply shown');
    assert.deepEqual(c.store.outbox(), []);
  } finally {
    c.stop();
    await s.close();
  }
});

test('a message an earlier page sent and the history shows is recognised in its resent reply', async () => {
  const s = await server();
  const storage = memoryStorage();
  storage.setItem('backcoach:test:outbox', JSON.stringify([{ id: 'old-1', text: '34' }]));
  storage.setItem('backcoach:test:token', JSON.stringify('u1.mac'));
  const c = client(s.url, storage);
  try {
    c.conn.connectNow();
    const sock = await s.connection(1);
    assert.equal((await s.next(sock)).token, 'u1.mac');
    s.send(sock, welcome({ resumed: true, history: [{ from: 'user', text: '34' }, { from: 'bot', text: 'Thanks.' }] }));
    assert.equal((await s.next(sock)).id, 'old-1', 'sent again to learn it was committed');
    const replied = c.until('reply');
    s.send(sock, { type: 'reply', re: 'old-1', messages: [{ text: 'Thanks.' }], tier: null, flags: [], duplicate: true });
    const [, item, shown] = await replied;
    assert.equal(item.silent, true);
    assert.equal(shown, true, 'the history already showed this reply');
  } finally {
    c.stop();
    await s.close();
  }
});

test('a refused token starts a new conversation; a refused message is given up, and the next goes', async () => {
  const s = await server();
  const storage = memoryStorage();
  storage.setItem('backcoach:test:token', JSON.stringify('erased.mac'));
  const c = client(s.url, storage);
  try {
    const long = c.conn.send('a message the server finds too long');
    const next = c.conn.send('a short one');
    const sock = await s.connection(1);
    assert.equal((await s.next(sock)).token, 'erased.mac');
    const restarted = c.until('newConversation');
    s.send(sock, { type: 'error', re: null, code: 'bad_token', message: 'unknown token' });
    await restarted;
    assert.deepEqual(await s.next(sock), { type: 'hello', tz: 'Europe/London' }, 'hello again, without the token');
    assert.equal(c.store.token(), null);
    s.send(sock, welcome({ user: 'u2', token: 'u2.mac' }));
    assert.equal((await s.next(sock)).id, long.id);
    const failed = c.until('failed');
    s.send(sock, { type: 'error', re: long.id, code: 'too_large', message: 'text is longer than 2000 characters' });
    const [item, frame] = await failed;
    assert.equal(item.id, long.id);
    assert.equal(frame.code, 'too_large');
    assert.equal((await s.next(sock)).id, next.id, 'the next message is not held up');
    assert.deepEqual(c.store.outbox().map((i) => i.id), [next.id]);
  } finally {
    c.stop();
    await s.close();
  }
});

test('"forget me" closes, forgets the token and the outbox, and stays away until resumed', async () => {
  const s = await server();
  const c = client(s.url);
  try {
    c.conn.send('hello');
    const sock = await s.connection(1);
    await s.next(sock);
    s.send(sock, welcome());
    await s.next(sock);
    c.conn.reset();
    assert.equal(c.store.token(), null);
    assert.deepEqual(c.store.outbox(), []);
    c.conn.connectNow();
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(c.conn.ws, null, 'no reconnect while paused');
    c.conn.resume();
    const again = await s.connection(2);
    assert.deepEqual(await s.next(again), { type: 'hello', tz: 'Europe/London' });
  } finally {
    c.stop();
    await s.close();
  }
});
