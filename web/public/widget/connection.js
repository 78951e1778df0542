// The chat's connection: one WebSocket to GET /v1/chat speaking protocol v1
// (docs/protocol.md, protocol.js), its reconnects, and the outbox that makes sure nothing
// the person types is lost. Each message gets a random id and waits in the outbox (kept in
// the store, so a reload keeps it) until its reply arrives; one `say` is on the wire at a
// time, oldest first, and after a reconnect the same id is sent again (the server answers a
// repeated id with the stored reply instead of a new turn). No DOM and no words: it tells
// its owner what happened through `events`, and the views choose what to show.
import * as P from './protocol.js';

/**
 * options:
 *   url        the ws(s):// address of /v1/chat
 *   store      { token, setToken, outbox, setOutbox, clear } (config.js makeStore)
 *   WebSocket  the WebSocket class (the browser's; in Node tests the `ws` package's)
 *   timeZone   () => the IANA zone to send, or null
 *   helloTimeoutMs  a welcome must come within this after the socket opens (10 s)
 * events (each optional):
 *   state({ kind, retryIn })  kind: connecting, reconnecting, online, offline (retryIn s), closed
 *   welcome(frame, fresh)     fresh: a history to show (the first welcome, or another person's)
 *   reply(frame, item, shown) the reply to `item`; shown: the history already showed it
 *   push(frame)               a message the server started
 *   failed(item, frame)       `item` will not be sent (the error frame says why)
 *   newConversation()         the token was refused: a new conversation starts
 *   queue()                   the outbox or readiness changed
 *   wanted()                  => true to reconnect after a close even with nothing to send
 */
export class Connection {
  constructor(options, events = {}) {
    this.opt = { helloTimeoutMs: 10000, timeZone: P.browserTimeZone, ...options };
    this.events = events;
    this.store = options.store;
    this.token = this.store.token();
    this.user = null;
    this.outbox = this.store.outbox();  // [{id, text, silent?, expect?, retries?}], oldest first
    this.inflight = null;  // id of the one say on the wire: turns reach the server in order
    this.holdTimer = null;  // set while waiting out rate_limited / not_ready
    this.acked = new Set();
    this.ws = null;
    this.ready = false;
    this.attempt = 0;
    this.retryTimer = null;
    this.helloTimer = null;
    this.historyShown = false;
    this.paused = false;  // after "forget me": no reconnect until the person acts
  }

  emit(name, ...args) { return this.events[name] ? this.events[name](...args) : undefined; }

  // Queues `text` and sends it as soon as the connection allows; returns its outbox item.
  send(text) {
    const item = { id: P.newId(), text: text.slice(0, P.MAX_TEXT) };
    this.outbox.push(item);
    this.store.setOutbox(this.outbox);
    this.paused = false;
    if (this.ready) this.flush(); else this.connectNow();
    return item;
  }

  connectNow() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.ws || this.paused) return;
    this.attempt = Math.min(this.attempt, 1);
    this.connect();
  }

  // "Forget me": closes, forgets the token, the outbox and the person; no reconnect until
  // resume() or send().
  reset() {
    this.paused = true;
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    if (ws) ws.close(1000);
    clearTimeout(this.retryTimer);
    clearTimeout(this.holdTimer);
    clearTimeout(this.helloTimer);
    this.store.clear();
    Object.assign(this, { token: null, user: null, outbox: [], historyShown: false, inflight: null, holdTimer: null });
    this.acked.clear();
    this.emit('state', { kind: 'closed' });
    this.emit('queue');
  }

  resume() {
    this.paused = false;
    this.connectNow();
  }

  // ------------------------------------------------------------ the socket

  connect() {
    this.emit('state', { kind: this.attempt ? 'reconnecting' : 'connecting' });
    let ws;
    try { ws = new this.opt.WebSocket(this.opt.url); } catch (e) { this.scheduleReconnect(); return; }
    this.ws = ws;
    ws.onopen = () => {
      this.write(P.helloFrame(this.token, this.opt.timeZone()));
      this.helloTimer = setTimeout(() => ws.close(), this.opt.helloTimeoutMs);
    };
    ws.onmessage = (e) => this.onFrame(e.data);
    ws.onclose = () => this.onClose(ws);
  }

  write(frame) { if (this.ws) this.ws.send(JSON.stringify(frame)); }

  onClose(ws) {
    if (this.ws !== ws) return;
    clearTimeout(this.helloTimer);
    this.ws = null;
    this.ready = false;
    this.inflight = null;
    this.emit('queue');
    if (!this.paused && (this.emit('wanted') || this.outbox.length)) this.scheduleReconnect();
    else this.emit('state', { kind: 'closed' });
  }

  scheduleReconnect() {
    const delay = P.reconnectDelay(this.attempt);
    this.attempt += 1;
    this.emit('state', { kind: 'offline', retryIn: Math.ceil(delay / 1000) });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => { this.retryTimer = null; if (!this.ws) this.connect(); }, delay);
  }

  // ------------------------------------------------------------ the outbox

  // One say at a time, oldest first; the next goes when the previous one's reply is in.
  flush() {
    const item = this.outbox[0];
    if (item && this.ready && this.ws && !this.inflight && !this.holdTimer) {
      this.write(P.sayFrame(item, this.opt.timeZone()));
      this.inflight = item.id;
    }
    this.emit('queue');
  }

  hold(seconds) {
    clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => { this.holdTimer = null; this.flush(); }, seconds * 1000);
  }

  drop(id) {
    const i = this.outbox.findIndex((x) => x.id === id);
    if (i < 0) return null;
    const [item] = this.outbox.splice(i, 1);
    this.store.setOutbox(this.outbox);
    return item;
  }

  // ------------------------------------------------------------ frames

  onFrame(data) {
    const frame = P.decodeFrame(data);
    if (!frame) return;
    if (frame.type === 'welcome') this.onWelcome(frame);
    else if (frame.type === 'reply') this.onReply(frame);
    else if (frame.type === 'push') this.emit('push', frame);
    else this.onError(frame);
  }

  onWelcome(f) {
    clearTimeout(this.helloTimer);
    if (this.user && f.user !== this.user) this.historyShown = false;
    this.user = f.user;
    this.token = f.token;
    this.store.setToken(f.token);
    this.ready = true;
    this.attempt = 0;
    this.emit('state', { kind: 'online' });
    const fresh = !this.historyShown;
    if (fresh) P.matchPending(this.outbox, Array.isArray(f.history) ? f.history : []);
    this.historyShown = true;
    this.emit('welcome', f, fresh);
    this.flush();
  }

  onReply(f) {
    if (this.acked.has(f.re)) return;
    const item = this.drop(f.re);
    if (!item) return;  // not ours (another tab); its turn shows after a reload
    this.acked.add(f.re);
    if (this.inflight === f.re) this.inflight = null;
    this.emit('reply', f, item, P.isShownReply(item, f));
    this.flush();
  }

  onError(f) {
    const item = f.re ? this.outbox.find((x) => x.id === f.re) : null;
    const what = P.errorAction(f, item);
    if (what.action === 'new_conversation') {
      this.token = null;
      this.store.setToken(null);
      this.historyShown = false;
      this.emit('newConversation');
      this.write(P.helloFrame(null, this.opt.timeZone()));
    } else if (what.action === 'hello') {
      this.write(P.helloFrame(this.token, this.opt.timeZone()));
    } else if (what.action === 'reconnect') {
      if (this.ws) this.ws.close();
    } else if (what.action === 'retry') {
      item.retries = (item.retries || 0) + 1;
      if (this.inflight === item.id) this.inflight = null;
      this.hold(what.wait);
    } else if (what.action === 'fail') {
      if (this.inflight === item.id) this.inflight = null;
      this.drop(item.id);
      this.emit('failed', item, f);
      this.flush();
    }
    this.emit('queue');
  }
}
