// web/public/widget/protocol.js and config.js in Node: the frames the widget sends and
// accepts (docs/protocol.md), its back-off, what each error code makes it do, and how it
// reads its <script> tag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { widgetModule } from './web_modules.mjs';

const P = await widgetModule('protocol.js');
const C = await widgetModule('config.js');

test('hello carries the token and the zone only when there are some', () => {
  assert.deepEqual(P.helloFrame(null, null), { type: 'hello' });
  assert.deepEqual(P.helloFrame('u.mac', 'Europe/London'), { type: 'hello', token: 'u.mac', tz: 'Europe/London' });
});

test('say keeps the id and cuts the text at 2,000 characters', () => {
  const frame = P.sayFrame({ id: 'm1', text: 'x'.repeat(2500) }, 'Europe/Berlin');
  assert.equal(frame.type, 'say');
  assert.equal(frame.id, 'm1');
  assert.equal(frame.text.length, P.MAX_TEXT);
  assert.equal(frame.tz, 'Europe/Berlin');
  assert.equal('tz' in P.sayFrame({ id: 'm2', text: 'hi' }, null), false);
});

test('only server frames of the four kinds are accepted', () => {
  assert.equal(P.decodeFrame('{"type":"reply","re":"m1"}').re, 'm1');
  for (const type of ['welcome', 'push', 'error']) assert.equal(P.decodeFrame(JSON.stringify({ type })).type, type);
  for (const bad of ['not json', '[1,2]', 'null', '"text"', '{"type":"say"}', '{}']) {
    assert.equal(P.decodeFrame(bad), null, bad);
  }
  assert.equal(P.decodeFrame(Buffer.from('{"type":"push"}')).type, 'push', 'a Buffer (Node ws) reads as text');
});

test('reconnects back off from half a second to at most 15 s, with jitter', () => {
  assert.equal(P.reconnectDelay(0, () => 0), 250);
  assert.equal(P.reconnectDelay(0, () => 1), 500);
  assert.equal(P.reconnectDelay(3, () => 1), 4000);
  assert.equal(P.reconnectDelay(30, () => 1), 15000);
  assert.equal(P.reconnectDelay(30, () => 0), 7500);
});

test('each error code asks for what docs/protocol.md says', () => {
  const item = { id: 'm1', text: 'hi' };
  const cases = [
    [{ code: 'bad_token' }, null, { action: 'new_conversation' }],
    [{ code: 'missing_hello' }, null, { action: 'hello' }],
    [{ code: 'not_ready' }, null, { action: 'reconnect' }],
    [{ code: 'bad_json' }, null, { action: 'ignore' }],
    [{ code: 'rate_limited', re: 'm1' }, item, { action: 'retry', wait: 2 }],
    [{ code: 'not_ready', re: 'm1' }, { ...item, retries: 2 }, { action: 'retry', wait: 8 }],
    [{ code: 'rate_limited', re: 'm1' }, { ...item, retries: 9 }, { action: 'retry', wait: 16 }],
    [{ code: 'internal', re: 'm1' }, { ...item, retries: 2 }, { action: 'retry', wait: 8 }],
    [{ code: 'internal', re: 'm1' }, { ...item, retries: 3 }, { action: 'fail' }],
    [{ code: 'too_large', re: 'm1' }, item, { action: 'fail' }],
  ];
  for (const [frame, it, want] of cases) assert.deepEqual(P.errorAction(frame, it), want, JSON.stringify(frame));
});

test('messages of an earlier page already in the history are recognised, and so are their replies', () => {
  const history = [
    { from: 'bot', text: 'Where does it hurt?' },
    { from: 'user', text: 'lower back' },
    { from: 'bot', text: 'How old are you?' },
    { from: 'user', text: '34' },
    { from: 'bot', text: 'Thanks.' }, { from: 'bot', text: 'How long has it hurt?' },
  ];
  const outbox = [{ id: 'a', text: '34' }, { id: 'b', text: 'two weeks' }];
  P.matchPending(outbox, history);
  assert.deepEqual(outbox[0], { id: 'a', text: '34', silent: true, expect: ['Thanks.', 'How long has it hurt?'] });
  assert.equal(outbox[1].silent, undefined, 'not in the history: still to be shown and sent');
  assert.equal(P.isShownReply(outbox[0], { messages: [{ text: 'Thanks.' }, { text: 'How long has it hurt?' }] }), true);
  assert.equal(P.isShownReply(outbox[0], { messages: [{ text: 'Something else' }] }), false);
  assert.equal(P.isShownReply(outbox[1], { messages: [] }), false);

  const other = [{ id: 'c', text: 'lower back' }, { id: 'd', text: 'no match' }];
  P.matchPending(other, history);
  assert.equal(other.some((i) => i.silent), false, 'only a tail of the history counts');
});

test('ids are version 4 UUIDs, with or without randomUUID', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.match(P.newId(), uuid);
  assert.match(P.newId({ getRandomValues: (b) => globalThis.crypto.getRandomValues(b) }), uuid);
  assert.notEqual(P.newId(), P.newId());
});

test('the tag gives the server, the socket address and the emergency number', () => {
  const page = { href: 'https://clinic.example/back-pain/', lang: 'en-US' };
  const cfg = C.readConfig({ dataset: { server: 'https://coach.example/' }, src: 'https://coach.example/widget.js' }, page);
  assert.equal(cfg.server, 'https://coach.example');
  assert.equal(cfg.wsUrl, 'wss://coach.example/v1/chat');
  assert.equal(cfg.emergencyNumber, '911');
  assert.equal(cfg.title, 'Back pain coach');
  const own = C.readConfig({ dataset: { emergencyNumber: ' 0800 555 ', title: 'Physio' }, src: 'http://127.0.0.1:8080/widget.js' },
    { href: 'http://127.0.0.1:8080/', lang: 'de-DE' });
  assert.equal(own.server, 'http://127.0.0.1:8080');
  assert.equal(own.wsUrl, 'ws://127.0.0.1:8080/v1/chat');
  assert.equal(own.emergencyNumber, '0800 555');
  assert.equal(own.title, 'Physio');
  assert.deepEqual(['en-GB', 'en-CA', 'fr-FR', '', 'not a tag!'].map(C.numberForLocale), ['999', '911', '112', '112', '112']);
});
