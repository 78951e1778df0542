// Protocol v1 of GET /v1/chat (docs/protocol.md), as pure functions: the frames the
// widget sends, the frames it accepts, the tiers' order, the reconnect back-off, what an
// error frame asks of the client, and how a reply is recognised as one already shown.
// No DOM and no socket here: connection.js drives them and Node tests call them directly.

export const MAX_TEXT = 2000;  // say.text, in characters (the server's default limit)
export const TIER_RANK = Object.freeze({ self_care: 1, soon: 2, urgent: 3, emergency: 4 });

export const rank = (tier) => TIER_RANK[tier] || 0;

// The hello frame: the token when there is one, and the browser's IANA time zone, so
// daily check-ins come at the person's own clock time.
export function helloFrame(token, tz) {
  const frame = token ? { type: 'hello', token } : { type: 'hello' };
  if (tz) frame.tz = tz;
  return frame;
}

export function sayFrame(item, tz) {
  const frame = { type: 'say', id: item.id, text: item.text.slice(0, MAX_TEXT) };
  if (tz) frame.tz = tz;
  return frame;
}

// A server frame (welcome, reply, push, error) from a text frame's data, or null for
// anything else: a client ignores what it does not know.
export function decodeFrame(data) {
  let frame;
  try { frame = JSON.parse(String(data)); } catch (e) { return null; }
  if (!frame || typeof frame !== 'object' || Array.isArray(frame)) return null;
  return ['welcome', 'reply', 'push', 'error'].includes(frame.type) ? frame : null;
}

// Milliseconds before reconnect attempt number `attempt` (0-based): doubling from 0.5 s
// to at most 15 s, with jitter in its upper half so many widgets do not return at once.
export function reconnectDelay(attempt, random = Math.random) {
  const base = Math.min(15000, 500 * 2 ** attempt);
  return Math.round(base / 2 + random() * base / 2);
}

/**
 * What an error frame asks of the client (docs/protocol.md, the error codes):
 *   'new_conversation' bad_token: forget the token and say hello without one
 *   'hello'            missing_hello: say hello again
 *   'reconnect'        not_ready for no message of ours: close, reconnect later
 *   'retry'            rate_limited, not_ready, internal (three times): the same id again
 *                      after `wait` seconds, still first in line
 *   'fail'             anything else about one of our messages: it is not sent
 *   'ignore'           the rest
 * item: the outbox entry the frame's `re` names, or null.
 */
export function errorAction(frame, item) {
  const code = frame.code;
  if (code === 'bad_token') return { action: 'new_conversation' };
  if (code === 'missing_hello') return { action: 'hello' };
  if (!item) return { action: code === 'not_ready' ? 'reconnect' : 'ignore' };
  const retries = item.retries || 0;
  if (code === 'rate_limited' || code === 'not_ready' || (code === 'internal' && retries < 3)) {
    return { action: 'retry', wait: Math.min(16, 2 ** (retries + 1)) };
  }
  return { action: 'fail' };
}

/**
 * Messages left in the outbox by an earlier page may already be committed (the reply was
 * lost with the connection). If the history ends with exactly those texts they are shown
 * already: each such item is marked `silent`, with `expect` the bot texts that followed it,
 * so the resent reply can be recognised (isShownReply). Changes the items in place.
 */
export function matchPending(outbox, history) {
  const users = [];
  history.forEach((it, i) => { if (it.from === 'user') users.push(i); });
  const n = Math.min(outbox.length, users.length);
  for (let k = n; k > 0; k -= 1) {
    const tail = users.slice(users.length - k);
    if (!tail.every((idx, j) => history[idx].text === outbox[j].text)) continue;
    tail.forEach((idx, j) => {
      const end = j + 1 < tail.length ? tail[j + 1] : history.length;
      outbox[j].silent = true;
      outbox[j].expect = history.slice(idx + 1, end).map((it) => it.text || '');
    });
    return;
  }
}

// A reply to a silent item that says exactly what the history already showed.
export function isShownReply(item, frame) {
  if (!item.silent) return false;
  const texts = (frame.messages || []).map((m) => m.text || '');
  return JSON.stringify(texts) === JSON.stringify(item.expect);
}

// A random (v4) UUID for a say's id.
export function newId(cryptoApi = globalThis.crypto) {
  if (cryptoApi.randomUUID) return cryptoApi.randomUUID();
  const b = cryptoApi.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// The browser's IANA time zone ("Europe/London"), or null where it cannot say.
export function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch (e) {
    return null;
  }
}
