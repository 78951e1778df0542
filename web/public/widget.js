/*
 * backcoach chat widget: plain modern JavaScript, no build step, no dependencies.
 *
 * Embed with one tag (the server is where backcoachd runs):
 *   <script src="https://coach.example/widget.js" data-server="https://coach.example" defer></script>
 * Optional attributes:
 *   data-emergency-number="999"   number on the urgent/emergency banner (default from the page
 *                                 locale: en-GB 999, en-US 911, otherwise 112)
 *   data-title="Back pain coach"  heading of the chat panel
 *
 * Isolation: everything lives in one shadow root; the only global is window.BackCoach.
 * Protocol v1 over WebSocket (docs/protocol.md): hello/welcome, say/reply, push, error.
 * Nothing the person types is lost: each message gets a random id, waits in an outbox kept in
 * localStorage until its reply arrives, and is resent with the same id after a reconnect (the
 * server answers a repeated id with the stored reply instead of starting a new turn).
 */
(() => {
  'use strict';
  if (window.BackCoach) return;

  const script = document.currentScript;
  const VERSION = '1.0.0';
  const MAX_TEXT = 2000;
  const TIER_RANK = { self_care: 1, soon: 2, urgent: 3, emergency: 4 };
  const BREATH_SECONDS = 4;

  // ---------------------------------------------------------------- configuration

  function readConfig() {
    const data = (script && script.dataset) || {};
    const fallback = script && script.src ? new URL(script.src, location.href).origin : location.origin;
    const server = new URL(data.server || fallback, location.href).href.replace(/\/+$/, '');
    const ws = new URL('/v1/chat', server + '/');
    ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
    return {
      server,
      wsUrl: ws.href,
      emergencyNumber: (data.emergencyNumber || numberForLocale()).trim(),
      title: data.title || 'Back pain coach',
      storageKey: 'backcoach:' + server,
      serviceWorker: data.serviceWorker || '',  // a page elsewhere: its own copy of sw.js
    };
  }

  function numberForLocale() {
    const lang = document.documentElement.lang || navigator.language || '';
    let region = '';
    try { region = new Intl.Locale(lang).region || ''; } catch (e) { region = ''; }
    if (region === 'GB') return '999';
    if (region === 'US' || region === 'CA') return '911';
    return '112';
  }

  // ---------------------------------------------------------------- storage

  // localStorage may be unavailable (privacy modes); the widget then works without memory.
  function makeStore(key) {
    const get = (area, name) => {
      try { return JSON.parse(area.getItem(key + ':' + name)); } catch (e) { return null; }
    };
    const set = (area, name, value) => {
      try {
        if (value === null || value === undefined) area.removeItem(key + ':' + name);
        else area.setItem(key + ':' + name, JSON.stringify(value));
      } catch (e) { /* storage full or blocked: keep going in memory */ }
    };
    const local = () => window.localStorage;
    const session = () => window.sessionStorage;
    return {
      token: () => get(local(), 'token'),
      setToken: (t) => set(local(), 'token', t),
      outbox: () => get(local(), 'outbox') || [],
      setOutbox: (items) => set(local(), 'outbox', items.length ? items.map((i) => ({ id: i.id, text: i.text })) : null),
      wasOpen: () => get(session(), 'open') === true,
      setOpen: (open) => set(session(), 'open', open ? true : null),
      clear() { ['token', 'outbox'].forEach((n) => set(local(), n, null)); set(session(), 'open', null); },
    };
  }

  // The browser's IANA time zone ("Europe/London"), or null where it cannot say.
  function timeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch (e) {
      return null;
    }
  }

  function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  // ---------------------------------------------------------------- DOM helpers

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined && c !== false) el.append(c);
    }
    return el;
  }

  const srOnly = (text) => h('span', { class: 'sr', text });

  const STYLE = `
:host { all: initial; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1b1f24; -webkit-text-size-adjust: 100%; }
.push-opt-in { display: contents; } header .push-status { order: 9; flex-basis: 100%; font-size: 13px; }
.journal { padding: 8px 12px; border-bottom: 1px solid #c9d3dc; } .journal svg { width: 100%; height: auto; }
.journal table { border-collapse: collapse; font-size: 14px; } .journal th, .journal td { padding: 2px 8px; text-align: left; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid #1a56c4; outline-offset: 2px; }
.launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; align-items: center;
  gap: 8px; min-height: 52px; padding: 0 20px 0 16px; border: 0; border-radius: 26px; background: #0a5a85;
  color: #fff; font-weight: 600; box-shadow: 0 4px 14px rgba(0,0,0,.28); }
.launcher:hover { background: #08476a; }
.launcher svg { width: 24px; height: 24px; flex: none; }
.launcher .alert-dot { width: 12px; height: 12px; border-radius: 50%; background: #fff; border: 3px solid #b00020; }
.panel { position: fixed; right: 16px; bottom: 84px; z-index: 2147483001; width: min(400px, calc(100vw - 32px));
  height: min(640px, calc(100vh - 104px)); display: flex; flex-direction: column; overflow: hidden; overflow: clip;
  background: #fff; border-radius: 14px; box-shadow: 0 10px 40px rgba(0,0,0,.3); border: 1px solid #c9d3dc; }
@media (max-width: 480px), (max-height: 560px) {
  .panel { inset: 0; width: 100%; height: 100%; max-height: 100dvh; border-radius: 0; border: 0; }
  .root.open .launcher { display: none; }
}
header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 10px 10px 10px 14px; background: #0a5a85; color: #fff; }
header .titles { flex: 1 1 auto; min-width: 0; }
h2 { margin: 0; font-size: 17px; line-height: 1.2; }
.conn { margin: 2px 0 0; font-size: 13px; display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.conn .dot { width: 8px; height: 8px; border-radius: 50%; background: #ffd166; flex: none; }
.conn.online .dot { background: #7ee2a8; }
.conn button { border: 1px solid #fff; background: transparent; color: #fff; border-radius: 4px; padding: 0 6px; font-size: 13px; }
header .hbtn { flex: none; min-width: 44px; min-height: 40px; border: 1px solid rgba(255,255,255,.75);
  background: transparent; color: #fff; border-radius: 6px; padding: 0 8px; font-size: 14px; }
header .hbtn:hover { background: rgba(255,255,255,.15); }
header :focus-visible, .banner.emergency :focus-visible { outline-color: #fff; }
.banner { margin: 0; padding: 10px 14px; border-bottom: 1px solid #c9d3dc; font-size: 15px; }
.banner.urgent { background: #fff3cd; color: #3b2f00; border-left: 6px solid #9a6700; }
.banner.emergency { background: #a3001e; color: #fff; }
.banner strong { display: block; font-size: 16px; }
.banner p { margin: 2px 0 8px; }
.banner a { display: inline-block; padding: 8px 14px; border-radius: 6px; font-weight: 700; text-decoration: none;
  background: #a3001e; color: #fff; }
.banner.emergency a { background: #fff; color: #a3001e; }
.log { flex: 1 1 auto; overflow-y: auto; overflow-x: hidden; padding: 12px; display: flex; flex-direction: column;
  gap: 8px; background: #f7f9fb; overscroll-behavior: contain; }
.msg { max-width: 88%; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.bot { align-self: flex-start; background: #fff; border: 1px solid #d5dde5; border-bottom-left-radius: 4px; }
.msg.user { align-self: flex-end; background: #0a5a85; color: #fff; border-bottom-right-radius: 4px; }
.msg .state { display: block; font-size: 12px; color: #e3eef6; margin-top: 2px; }
.msg.failed { background: #fdecee; color: #5c0011; border: 1px solid #a3001e; }
.msg.failed .state { color: #5c0011; }
.note { align-self: center; text-align: center; font-size: 14px; color: #3d4852; max-width: 95%; }
.note a { display: inline-block; margin-top: 4px; color: #0a5a85; font-weight: 600; }
.note button, .failed button { margin-top: 4px; border: 1px solid #0a5a85; background: #fff; color: #0a5a85;
  border-radius: 6px; padding: 4px 10px; }
.typing { min-height: 0; padding: 0 14px; font-size: 13px; color: #3d4852; background: #f7f9fb; }
.typing:not(:empty) { padding: 2px 14px 6px; }
.replies { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px; border-top: 1px solid #d5dde5; background: #fff; }
.replies button { min-height: 40px; padding: 4px 14px; border: 1.5px solid #0a5a85; border-radius: 20px;
  background: #fff; color: #0a5a85; font-weight: 600; }
.replies button:hover { background: #e6f0f6; }
.replies.scale { flex-wrap: nowrap; gap: 3px; }
.replies.scale button { flex: 1 1 0; min-width: 24px; padding: 0; border-radius: 6px; }
.scale-legend { display: flex; justify-content: space-between; padding: 0 12px 6px; font-size: 12px; color: #3d4852; background: #fff; }
form { display: flex; gap: 8px; padding: 8px 12px; border-top: 1px solid #d5dde5; background: #fff; align-items: flex-end; }
textarea { flex: 1 1 auto; min-width: 0; resize: none; min-height: 44px; max-height: 120px; padding: 10px;
  border: 1.5px solid #66727e; border-radius: 8px; font-size: 16px; line-height: 1.3; background: #fff; }
form button { flex: none; min-height: 44px; padding: 0 16px; border: 0; border-radius: 8px; background: #0a5a85;
  color: #fff; font-weight: 600; }
.fine { margin: 0; padding: 0 12px 8px; font-size: 12px; color: #3d4852; background: #fff; }
.fine a { color: #0a5a85; }
.card { align-self: stretch; background: #fff; border: 1px solid #c9d3dc; border-radius: 12px; padding: 12px; }
.card h3 { margin: 0 0 2px; font-size: 17px; }
.card .meta { margin: 0 0 8px; font-size: 14px; color: #3d4852; }
.card img { display: block; width: 100%; height: auto; aspect-ratio: 8 / 5; border-radius: 8px; background: #eef4f8; }
.card ol { margin: 10px 0; padding-left: 22px; }
.card li { margin: 3px 0; }
.card p { margin: 6px 0; font-size: 15px; }
.card .stop { color: #5c0011; }
.timer { display: flex; align-items: center; flex-wrap: wrap; gap: 8px 12px; margin-top: 8px; padding: 8px;
  border-radius: 8px; background: #eef4f8; }
.timer .count { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; min-width: 3ch; color: #0a5a85; }
.timer .cue { flex: 1 1 120px; margin: 0; font-size: 15px; }
.timer button { min-height: 40px; padding: 0 12px; border: 1.5px solid #0a5a85; border-radius: 8px; background: #0a5a85; color: #fff; font-weight: 600; }
.timer button.secondary { background: #fff; color: #0a5a85; }
.timer button:disabled { opacity: .6; cursor: default; }
.confirm { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  padding: 16px; background: rgba(16,24,32,.55); }
.confirm > div { background: #fff; border-radius: 12px; padding: 16px; max-width: 340px; box-shadow: 0 6px 24px rgba(0,0,0,.3); }
.confirm h3 { margin: 0 0 6px; font-size: 18px; }
.confirm p { margin: 0 0 12px; }
.confirm .row { display: flex; gap: 8px; flex-wrap: wrap; justify-content: flex-end; }
.confirm button { min-height: 44px; padding: 0 14px; border-radius: 8px; border: 1.5px solid #0a5a85; background: #fff; color: #0a5a85; font-weight: 600; }
.confirm button.danger { background: #a3001e; border-color: #a3001e; color: #fff; }
.confirm .err { color: #a3001e; font-weight: 600; }
`;

  const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z"/></svg>';

  // ---------------------------------------------------------------- exercise card + hold timer

  function describeDose(ex) {
    const parts = [];
    if (ex.hold_seconds) parts.push(`Hold ${ex.hold_seconds} seconds`);
    if (ex.repetitions) parts.push(`${parts.length ? 'repeat' : 'Repeat'} ${ex.repetitions} times`);
    let text = parts.join(', ');
    if (text && ex.each_side) text += ', on each side';
    return text ? text + '.' : '';
  }

  // A countdown of hold_seconds with a breathing cue; with each_side a second hold follows.
  class HoldTimer {
    constructor(ex) {
      this.seconds = ex.hold_seconds;
      this.sides = ex.each_side ? 2 : 1;
      this.side = 0;
      this.tick = null;
      this.count = h('p', { class: 'count', role: 'timer', 'aria-label': 'Seconds left' }, String(this.seconds));
      this.cue = h('p', { class: 'cue' }, ex.each_side ? 'Ready for the first side.' : 'Ready when you are.');
      this.say = h('span', { class: 'sr', role: 'status' });
      this.start = h('button', { type: 'button', onclick: () => this.run() }, 'Start hold', srOnly(' for ' + ex.name));
      this.stop = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => this.halt('Stopped. Start again when ready.') },
        'Stop', srOnly(' timer'));
      this.el = h('div', { class: 'timer' }, this.count, this.cue, this.start, this.stop, this.say);
    }

    run() {
      clearInterval(this.tick);
      const sideText = this.sides === 2 ? (this.side === 0 ? 'First side: ' : 'Other side: ') : '';
      const began = performance.now();
      const total = this.seconds * 1000;
      this.start.hidden = true;
      this.stop.hidden = false;
      this.say.textContent = `${sideText}hold for ${this.seconds} seconds.`;
      const update = () => {
        const elapsed = performance.now() - began;
        const left = Math.max(0, Math.ceil((total - elapsed) / 1000));
        this.count.textContent = String(left);
        const inhale = Math.floor(elapsed / 1000 / BREATH_SECONDS) % 2 === 0;
        this.cue.textContent = sideText + (inhale ? 'breathe in slowly\u2026' : 'breathe out and relax into the stretch\u2026');
        if (elapsed >= total) this.finish();
      };
      update();
      this.tick = setInterval(update, 200);
    }

    finish() {
      clearInterval(this.tick);
      this.side += 1;
      this.stop.hidden = true;
      this.start.hidden = false;
      if (this.side < this.sides) {
        this.cue.textContent = 'Well done. Now switch to the other side.';
        this.say.textContent = 'Switch to the other side.';
        this.start.firstChild.textContent = 'Start other side';
      } else {
        this.side = 0;
        this.cue.textContent = 'Hold complete. Rest, then repeat if it felt comfortable.';
        this.say.textContent = 'Hold complete.';
        this.start.firstChild.textContent = 'Start hold again';
      }
      this.count.textContent = String(this.seconds);
    }

    halt(message) {
      clearInterval(this.tick);
      this.stop.hidden = true;
      this.start.hidden = false;
      this.count.textContent = String(this.seconds);
      this.cue.textContent = message;
    }

    disable(message) {
      this.halt(message);
      this.start.disabled = true;
    }
  }

  function exerciseCard(ex, server, timers) {
    const title = h('h3', { text: ex.name || ex.id });
    const targets = Array.isArray(ex.targets) && ex.targets.length ? 'Targets: ' + ex.targets.join(', ') : '';
    const kind = ex.kind === 'core' ? 'Core exercise' : 'Stretch';
    const src = ex.image ? new URL(ex.image, server + '/').href : null;
    const steps = Array.isArray(ex.steps) ? ex.steps : [];
    const dose = describeDose(ex);
    let timer = null;
    if (ex.hold_seconds > 0) {
      timer = new HoldTimer(ex);
      timers.push(timer);
    }
    return h('article', { class: 'card', 'aria-label': 'Exercise: ' + (ex.name || ex.id) },
      title,
      h('p', { class: 'meta' }, kind + (targets ? ' \u00b7 ' + targets : '')),
      src && h('img', { src, alt: ex.alt || 'Drawing of ' + ex.name, width: '320', height: '200', decoding: 'async' }),
      steps.length && h('ol', { 'aria-label': 'Steps' }, steps.map((s) => h('li', { text: s }))),
      dose && h('p', { class: 'dose' }, h('strong', { text: dose })),
      ex.breathing && h('p', {}, h('strong', { text: 'Breathing: ' }), ex.breathing),
      ex.stop_if && h('p', { class: 'stop' }, h('strong', { text: 'Stop if: ' }), ex.stop_if),
      timer && timer.el);
  }

  // ---------------------------------------------------------------- the widget

  class Widget {
    constructor(config) {
      this.cfg = config;
      this.store = makeStore(config.storageKey);
      this.token = this.store.token();
      this.user = null;
      this.outbox = this.store.outbox();  // [{id, text, silent?, expect?, retries?}], oldest first
      this.inflight = null;  // id of the one say on the wire: turns reach the server in order
      this.holdTimer = null;  // set while waiting out rate_limited / not_ready
      this.acked = new Set();
      this.tier = null;
      this.ws = null;
      this.ready = false;
      this.attempt = 0;
      this.retryTimer = null;
      this.helloTimer = null;
      this.historyShown = false;
      this.paused = false;  // after "forget me": no reconnect until the person acts
      this.timers = [];
      this.build();
    }

    // -------------------------------------------------------------- layout

    build() {
      this.host = h('div', { 'data-backcoach': VERSION });
      const shadow = this.host.attachShadow({ mode: 'open' });
      shadow.append(h('style', { text: STYLE }));
      this.shadow = shadow;
      this.launcherLabel = h('span', { text: 'Back pain? Chat with us' });
      this.alertDot = h('span', { class: 'alert-dot', hidden: true });
      this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'bc-panel',
        onclick: () => (this.isOpen() ? this.close() : this.open()) }, this.launcherLabel, this.alertDot);
      this.launcher.insertAdjacentHTML('afterbegin', ICON);
      this.connText = h('span', { text: 'Not connected' });
      this.reconnectBtn = h('button', { type: 'button', hidden: true, onclick: () => this.connectNow() }, 'Reconnect now');
      this.conn = h('p', { class: 'conn', role: 'status' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), this.connText, this.reconnectBtn);
      this.banner = h('div', { class: 'banner', role: 'alert', hidden: true });
      this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
      this.typing = h('div', { class: 'typing', role: 'status' });
      this.replies = h('div', { class: 'replies', role: 'group', 'aria-label': 'Suggested answers', hidden: true });
      this.legend = h('div', { class: 'scale-legend', 'aria-hidden': 'true', hidden: true },
        h('span', { text: '0 = no pain' }), h('span', { text: '10 = worst imaginable' }));
      this.input = h('textarea', { id: 'bc-message', rows: '1', maxlength: String(MAX_TEXT), autocomplete: 'off',
        placeholder: 'Type a message', onkeydown: (e) => this.onKey(e), oninput: () => this.autosize() });
      this.form = h('form', { onsubmit: (e) => { e.preventDefault(); this.submit(); } },
        h('label', { class: 'sr', for: 'bc-message', text: 'Message' }), this.input,
        h('button', { type: 'submit' }, 'Send'));
      this.forgetBtn = h('button', { type: 'button', class: 'hbtn', onclick: () => this.askForget() }, 'Forget me');
      // Shown once the server says it has a Telegram bot (GET /v1/telegram).
      this.telegramBtn = h('button', { type: 'button', class: 'hbtn', hidden: true, 'aria-label': 'Continue on Telegram',
        onclick: () => this.continueOnTelegram() }, 'Telegram');
      // The pain journal's chart lives in journal_chart.js, loaded on first use.
      this.journal = h('section', { class: 'journal', id: 'bc-journal', 'aria-label': 'Your pain journal', hidden: true });
      this.journalBtn = h('button', { type: 'button', class: 'hbtn', 'aria-expanded': 'false', 'aria-controls': 'bc-journal',
        onclick: () => this.toggleJournal() }, 'Journal');
      const tel = 'tel:' + this.cfg.emergencyNumber.replace(/[^0-9+]/g, '');
      this.confirm = this.buildConfirm();
      this.panel = h('section', { class: 'panel', id: 'bc-panel', role: 'dialog', 'aria-modal': 'false',
        'aria-labelledby': 'bc-title', hidden: true, onkeydown: (e) => this.onPanelKey(e) },
        h('header', {},
          h('div', { class: 'titles' }, h('h2', { id: 'bc-title', text: this.cfg.title }), this.conn),
          this.journalBtn, this.telegramBtn,
          this.pushSlot = h('span', { class: 'push-opt-in' }), this.forgetBtn,
          h('button', { type: 'button', class: 'hbtn', 'aria-label': 'Close chat', onclick: () => this.close() }, '\u2715')),
        this.banner, this.journal, this.log, this.typing, this.replies, this.legend, this.form,
        h('p', { class: 'fine' }, 'Guidance only, not a diagnosis. In an emergency call ',
          h('a', { href: tel, text: this.cfg.emergencyNumber }), '.'),
        this.confirm);
      this.root = h('div', { class: 'root' }, this.panel, this.launcher);
      shadow.append(this.root);
      document.body.append(this.host);
      window.addEventListener('online', () => this.connectNow());
      // Keep the newest message in view when the panel or the quick-reply bar changes size.
      this.stuck = true;
      this.log.addEventListener('scroll', () => {
        this.stuck = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
      });
      if (window.ResizeObserver) new ResizeObserver(() => { if (this.stuck) this.scrollDown(); }).observe(this.log);
    }

    buildConfirm() {
      this.confirmError = h('p', { class: 'err', hidden: true });
      this.confirmCancel = h('button', { type: 'button', onclick: () => this.closeConfirm() }, 'Cancel');
      this.confirmOk = h('button', { type: 'button', class: 'danger', onclick: () => this.forget() }, 'Erase everything');
      return h('div', { class: 'confirm', hidden: true },
        h('div', { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'bc-forget-title', 'aria-describedby': 'bc-forget-text' },
          h('h3', { id: 'bc-forget-title', text: 'Forget this conversation?' }),
          h('p', { id: 'bc-forget-text', text: 'This permanently erases everything you have told the coach, on our server and in this browser. It cannot be undone.' }),
          this.confirmError,
          h('div', { class: 'row' }, this.confirmCancel, this.confirmOk)));
    }

    isOpen() { return !this.panel.hidden; }

    open(focus = true) {
      this.panel.hidden = false;
      this.root.classList.add('open');
      this.launcher.setAttribute('aria-expanded', 'true');
      this.store.setOpen(true);
      if (focus) this.input.focus();
      this.scrollDown();
      if (!this.paused) this.connectNow();
      this.loadPushOptIn();
    }

    close() {
      this.panel.hidden = true;
      this.root.classList.remove('open');
      this.launcher.setAttribute('aria-expanded', 'false');
      this.store.setOpen(false);
      this.launcher.focus();
    }

    onPanelKey(e) {
      if (e.key === 'Escape') {
        e.preventDefault();
        if (!this.confirm.hidden) this.closeConfirm(); else this.close();
      } else if (e.key === 'Tab' && !this.confirm.hidden) {
        // Keep focus inside the confirmation while it is open.
        const first = this.confirmCancel;
        const last = this.confirmOk;
        const active = this.shadow.activeElement;
        if (e.shiftKey && active === first) { e.preventDefault(); last.focus(); }
        else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
      }
    }

    onKey(e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    }

    autosize() {
      this.input.style.height = 'auto';
      this.input.style.height = Math.min(this.input.scrollHeight + 3, 120) + 'px';
    }

    scrollDown() { this.log.scrollTop = this.log.scrollHeight; }

    setConnState(text, online, offerRetry) {
      this.connText.textContent = text;
      this.conn.classList.toggle('online', online);
      this.reconnectBtn.hidden = !offerRetry;
    }

    updateTyping() {
      const waiting = this.ready && this.outbox.length > 0;
      const text = waiting ? 'The coach is typing\u2026' : '';
      if (this.typing.textContent !== text) this.typing.textContent = text;
    }

    // -------------------------------------------------------------- transcript

    note(text, action) {
      const el = h('p', { class: 'note' }, text);
      if (action && action.href) {
        el.append(h('br'), h('a', { href: action.href, target: '_blank', rel: 'noopener', text: action.label }));
      } else if (action) {
        el.append(h('br'), h('button', { type: 'button', onclick: action.run }, action.label));
      }
      this.log.append(el);
      this.scrollDown();
      return el;
    }

    userBubble(item) {
      const state = h('span', { class: 'state', text: this.ready ? 'Sending\u2026' : 'Waiting for connection\u2026' });
      const el = h('div', { class: 'msg user pending', 'data-id': item.id }, srOnly('You said: '), item.text, state);
      item.bubble = el;
      this.log.append(el);
      this.scrollDown();
    }

    // Bot messages are placed before any still-unanswered user messages, so the transcript
    // reads in the same order as the stored history a reload will show.
    botMessages(messages) {
      const before = this.log.querySelector('.msg.user.pending');
      const emergency = this.rank() >= TIER_RANK.emergency;
      for (const m of messages || []) {
        if (m.text) this.log.insertBefore(h('div', { class: 'msg bot' }, srOnly('Coach: '), m.text), before);
        if (m.exercise && typeof m.exercise === 'object' && !emergency) {
          this.log.insertBefore(exerciseCard(m.exercise, this.cfg.server, this.timers), before);
        }
      }
      this.scrollDown();
    }

    quickReplies(options) {
      this.replies.replaceChildren();
      const list = (options || []).filter((o) => typeof o === 'string' && o.length);
      const scale = list.length >= 5 && list.every((o) => /^\d{1,2}$/.test(o));
      this.replies.classList.toggle('scale', scale);
      this.replies.setAttribute('aria-label', scale ? `Pain score from ${list[0]} to ${list[list.length - 1]}` : 'Suggested answers');
      this.legend.hidden = !scale;
      for (const o of list) {
        this.replies.append(h('button', { type: 'button', onclick: () => { this.send(o); this.input.focus(); } }, o));
      }
      this.replies.hidden = list.length === 0;
    }

    clearTranscript() {
      this.timers.forEach((t) => t.halt(''));
      this.timers = [];
      this.log.replaceChildren();
      this.quickReplies([]);
    }

    renderHistory(history) {
      this.log.setAttribute('aria-busy', 'true');
      this.clearTranscript();
      const items = Array.isArray(history) ? history : [];
      this.matchPendingAgainst(items);
      let last = null;
      for (const item of items) {
        if (item.from === 'user') this.log.append(h('div', { class: 'msg user' }, srOnly('You said: '), item.text || ''));
        else this.botMessages([item]);
        last = item;
      }
      for (const item of this.outbox) if (!item.silent) this.userBubble(item);
      this.quickReplies(last && last.from !== 'user' && !this.outbox.length ? last.quick_replies : []);
      this.log.removeAttribute('aria-busy');
      this.historyShown = true;
      this.scrollDown();
    }

    // Messages left in the outbox by an earlier page may already be committed (the reply was
    // lost with the connection). If the history ends with exactly those texts they are shown
    // already; remember the bot texts that followed so the resent reply can be recognised.
    matchPendingAgainst(history) {
      const users = [];
      history.forEach((it, i) => { if (it.from === 'user') users.push(i); });
      const n = Math.min(this.outbox.length, users.length);
      for (let k = n; k > 0; k -= 1) {
        const tail = users.slice(users.length - k);
        if (!tail.every((idx, j) => history[idx].text === this.outbox[j].text)) continue;
        tail.forEach((idx, j) => {
          const end = j + 1 < tail.length ? tail[j + 1] : history.length;
          this.outbox[j].silent = true;
          this.outbox[j].expect = history.slice(idx + 1, end).map((it) => it.text || '');
        });
        return;
      }
    }

    // -------------------------------------------------------------- tier and banner

    rank(tier = this.tier) { return TIER_RANK[tier] || 0; }

    // The server's tier is the truth: it rises with a red flag and falls only when the
    // person corrected what raised it (never from an emergency; docs/protocol.md).
    setTier(tier) {
      if (tier === undefined || tier === this.tier) return;
      this.tier = tier;
      if (this.rank() < TIER_RANK.urgent) {
        this.banner.hidden = true;
        this.alertDot.hidden = true;
        this.launcherLabel.textContent = 'Back pain? Chat with us';
        return;
      }
      const emergency = this.rank() >= TIER_RANK.emergency;
      const number = this.cfg.emergencyNumber;
      const tel = 'tel:' + number.replace(/[^0-9+]/g, '');
      this.banner.className = 'banner ' + (emergency ? 'emergency' : 'urgent');
      this.banner.replaceChildren(
        h('strong', { text: emergency ? 'Get emergency help now' : 'See a doctor today' }),
        h('p', { text: emergency
          ? `Call ${number} or go to the nearest emergency department now. Do not wait to see if it gets better.`
          : `Contact your doctor or an urgent care service today. If you cannot be seen today, or it gets worse, call ${number}.` }),
        h('a', { href: tel, text: `Call ${number}` }));
      this.banner.hidden = false;
      this.alertDot.hidden = false;
      this.launcherLabel.textContent = emergency ? 'Chat: get emergency help' : 'Chat: see a doctor today';
      if (emergency) this.timers.forEach((t) => t.disable('Please follow the advice above before any exercise.'));
    }

    // -------------------------------------------------------------- sending

    submit() {
      const text = this.input.value.trim();
      if (!text) { this.input.focus(); return; }
      this.input.value = '';
      this.autosize();
      this.send(text);
    }

    send(text) {
      const item = { id: newId(), text: text.slice(0, MAX_TEXT) };
      this.outbox.push(item);
      this.store.setOutbox(this.outbox);
      this.quickReplies([]);
      this.userBubble(item);
      this.paused = false;
      if (this.ready) this.flushOutbox(); else this.connectNow();
    }

    // The hello frame: the token when there is one, and the browser's IANA time zone, so
    // daily check-ins come at the person's own clock time (docs/protocol.md).
    hello(withToken = true) {
      const frame = withToken && this.token ? { type: 'hello', token: this.token } : { type: 'hello' };
      const tz = timeZone();
      if (tz) frame.tz = tz;
      return frame;
    }

    // One say at a time, oldest first; the next goes when the previous one's reply is in.
    flushOutbox() {
      const item = this.outbox[0];
      if (!item || !this.ready || !this.ws || this.inflight || this.holdTimer) { this.updateTyping(); return; }
      const say = { type: 'say', id: item.id, text: item.text };
      const tz = timeZone();
      if (tz) say.tz = tz;
      this.ws.send(JSON.stringify(say));
      this.inflight = item.id;
      for (const queued of this.outbox) {
        if (queued.bubble) queued.bubble.querySelector('.state').textContent = 'Sending\u2026';
      }
      this.updateTyping();
    }

    holdSending(seconds) {
      clearTimeout(this.holdTimer);
      this.holdTimer = setTimeout(() => { this.holdTimer = null; this.flushOutbox(); }, seconds * 1000);
    }

    dropFromOutbox(id) {
      const i = this.outbox.findIndex((x) => x.id === id);
      if (i < 0) return null;
      const [item] = this.outbox.splice(i, 1);
      this.store.setOutbox(this.outbox);
      return item;
    }

    // -------------------------------------------------------------- connection

    connectNow() {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      if (this.ws || this.paused) return;
      this.attempt = Math.min(this.attempt, 1);
      this.connect();
    }

    connect() {
      this.setConnState(this.attempt ? 'Reconnecting\u2026' : 'Connecting\u2026', false, false);
      let ws;
      try { ws = new WebSocket(this.cfg.wsUrl); } catch (e) { this.scheduleReconnect(); return; }
      this.ws = ws;
      ws.onopen = () => {
        ws.send(JSON.stringify(this.hello()));
        this.helloTimer = setTimeout(() => ws.close(), 10000);
      };
      ws.onmessage = (e) => this.onFrame(e.data);
      ws.onclose = () => this.onClose(ws);
    }

    onClose(ws) {
      if (this.ws !== ws) return;
      clearTimeout(this.helloTimer);
      this.ws = null;
      this.ready = false;
      this.inflight = null;
      for (const item of this.outbox) {
        if (item.bubble) item.bubble.querySelector('.state').textContent = 'Waiting for connection\u2026';
      }
      this.updateTyping();
      if (this.paused) { this.setConnState('Not connected', false, false); return; }
      if (this.isOpen() || this.outbox.length) this.scheduleReconnect();
      else this.setConnState('Not connected', false, false);
    }

    scheduleReconnect() {
      const base = Math.min(15000, 500 * 2 ** this.attempt);
      const delay = Math.round(base / 2 + Math.random() * base / 2);
      this.attempt += 1;
      this.setConnState(`Offline. Retrying in ${Math.ceil(delay / 1000)} s\u2026`, false, true);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => { this.retryTimer = null; if (!this.ws) this.connect(); }, delay);
    }

    onFrame(data) {
      let frame;
      try { frame = JSON.parse(data); } catch (e) { return; }
      if (!frame || typeof frame !== 'object') return;
      if (frame.type === 'welcome') this.onWelcome(frame);
      else if (frame.type === 'reply') this.onReply(frame);
      else if (frame.type === 'push') { this.botMessages(frame.messages); this.showLastReplies(frame.messages); }
      else if (frame.type === 'error') this.onError(frame);
    }

    onWelcome(f) {
      clearTimeout(this.helloTimer);
      if (this.user && f.user !== this.user) this.historyShown = false;
      this.user = f.user;
      this.token = f.token;
      this.store.setToken(f.token);
      this.ready = true;
      this.attempt = 0;
      this.setConnState('Connected', true, false);
      this.setTier(f.tier);
      if (!this.historyShown) this.renderHistory(f.history);
      this.flushOutbox();
      this.offerTelegram();
    }

    // ------------------------------------------------------- continue on Telegram

    async offerTelegram() {
      if (this.telegramChecked) return;
      this.telegramChecked = true;
      try {
        const res = await fetch(this.cfg.server + '/v1/telegram');
        this.telegramBtn.hidden = !res.ok;
      } catch (e) { this.telegramBtn.hidden = true; }
    }

    // A one-time link (10 minutes) that opens the bot with this conversation.
    async continueOnTelegram() {
      let url = null;
      try {
        const res = await fetch(this.cfg.server + '/v1/telegram/link',
          { method: 'POST', headers: { Authorization: 'Bearer ' + this.token } });
        if (res.ok) url = (await res.json()).url;
      } catch (e) { url = null; }
      if (!url || !url.startsWith('https://t.me/')) {
        this.note('Telegram is not available right now. Please try again later.');
        return;
      }
      const el = this.note('Carry on this conversation in Telegram. The link works once, within 10 minutes.',
        { label: 'Open Telegram', href: url });
      el.querySelector('a').focus();
    }

    showLastReplies(messages) {
      const list = messages || [];
      const last = list[list.length - 1];
      if (!this.outbox.length) this.quickReplies(last ? last.quick_replies : []);
    }

    onReply(f) {
      if (this.acked.has(f.re)) return;
      const item = this.dropFromOutbox(f.re);
      if (!item) return;  // not ours (another tab); its turn shows after a reload
      this.acked.add(f.re);
      if (this.inflight === f.re) this.inflight = null;
      this.setTier(f.tier);
      const texts = (f.messages || []).map((m) => m.text || '');
      const duplicate = item.silent && JSON.stringify(texts) === JSON.stringify(item.expect);
      if (item.silent && !duplicate) this.userBubble(item);
      if (item.bubble) { item.bubble.classList.remove('pending'); item.bubble.querySelector('.state').remove(); }
      if (!duplicate) this.botMessages(f.messages);
      this.showLastReplies(f.messages);
      this.flushOutbox();
    }

    onError(f) {
      const item = f.re ? this.outbox.find((x) => x.id === f.re) : null;
      if (f.code === 'bad_token') {
        this.token = null;
        this.store.setToken(null);
        this.historyShown = false;
        this.note('Your earlier conversation could not be found, so a new one is starting.');
        if (this.ws) this.ws.send(JSON.stringify(this.hello(false)));
      } else if (f.code === 'missing_hello' && this.ws) {
        this.ws.send(JSON.stringify(this.hello()));
      } else if (!item) {
        if (f.code === 'not_ready' && this.ws) this.ws.close();
      } else if (f.code === 'rate_limited' || f.code === 'not_ready' || (f.code === 'internal' && (item.retries || 0) < 3)) {
        // Not the message's fault: the same id goes again, still first in line.
        item.retries = (item.retries || 0) + 1;
        if (this.inflight === item.id) this.inflight = null;
        this.holdSending(Math.min(16, 2 ** item.retries));
      } else {
        if (this.inflight === item.id) this.inflight = null;
        this.failed(item, f.code === 'too_large' ? 'Not sent: the message is too long.' : 'Not sent: ' + (f.message || f.code));
        this.flushOutbox();
      }
      this.updateTyping();
    }

    failed(item, why) {
      this.dropFromOutbox(item.id);
      if (!item.bubble) this.userBubble(item);
      const el = item.bubble;
      el.classList.remove('pending');
      el.classList.add('failed');
      el.querySelector('.state').textContent = why;
      el.append(h('button', { type: 'button', onclick: () => { el.remove(); this.send(item.text); } }, 'Try again'));
      this.showLastReplies([]);
    }

    // -------------------------------------------------------------- forget me

    askForget() {
      this.confirmError.hidden = true;
      this.confirm.hidden = false;
      this.confirmCancel.focus();
    }

    closeConfirm() {
      this.confirm.hidden = true;
      this.confirmOk.disabled = false;
      this.forgetBtn.focus();
    }

    // "Remind me here" (Web Push) lives in push_opt_in.js, loaded when the panel first opens
    // where the browser can push, so its click can ask for permission at once.
    loadPushOptIn() {
      if (this.pushLoading || !('serviceWorker' in navigator) || !('PushManager' in window)) return;
      this.pushLoading = true;
      const s = document.createElement('script');
      s.src = this.cfg.server + '/push_opt_in.js';
      s.onload = () => this.pushSlot.append(window.BackCoachPush.button({
        server: this.cfg.server, token: () => this.token, worker: this.cfg.serviceWorker }));
      document.head.append(s);
    }

    toggleJournal() {
      const show = this.journal.hidden;
      this.journal.hidden = !show;
      this.journalBtn.setAttribute('aria-expanded', String(show));
      if (!show) return;
      const draw = () => window.BackCoachJournal.load(this.journal, { server: this.cfg.server, token: this.token });
      if (window.BackCoachJournal) return draw();
      const s = document.createElement('script');
      s.src = this.cfg.server + '/journal_chart.js';
      s.onload = draw;
      document.head.append(s);
    }

    async forget() {
      this.confirmOk.disabled = true;
      if (this.token) {
        let ok = false;
        try {
          const res = await fetch(this.cfg.server + '/v1/me', { method: 'DELETE', headers: { Authorization: 'Bearer ' + this.token } });
          ok = res.ok || res.status === 404 || res.status === 401;
        } catch (e) { ok = false; }
        if (!ok) {
          this.confirmOk.disabled = false;
          this.confirmError.textContent = 'Could not erase it right now. Check your connection and try again.';
          this.confirmError.hidden = false;
          return;
        }
      }
      this.resetAfterForget();
    }

    resetAfterForget() {
      this.paused = true;
      const ws = this.ws;
      this.ws = null;
      this.ready = false;
      if (ws) ws.close(1000);
      clearTimeout(this.retryTimer);
      this.store.clear();
      this.store.setOpen(this.isOpen());
      clearTimeout(this.holdTimer);
      Object.assign(this, { token: null, user: null, outbox: [], tier: null, historyShown: false, inflight: null, holdTimer: null });
      this.acked.clear();
      this.clearTranscript();
      this.banner.hidden = true;
      this.alertDot.hidden = true;
      this.launcherLabel.textContent = 'Back pain? Chat with us';
      this.updateTyping();
      this.setConnState('Not connected', false, false);
      this.confirm.hidden = true;
      this.confirmOk.disabled = false;
      this.note('Your conversation has been erased from our server and this browser.',
        { label: 'Start a new conversation', run: () => { this.paused = false; this.log.replaceChildren(); this.connectNow(); this.input.focus(); } });
      this.log.querySelector('.note button').focus();
    }
  }

  // ---------------------------------------------------------------- start

  let widget = null;
  function start() {
    widget = new Widget(readConfig());
    if (widget.store.wasOpen()) widget.open(false);
    else if (widget.outbox.length) widget.connectNow();
  }

  window.BackCoach = Object.freeze({
    version: VERSION,
    open: () => widget && widget.open(),
    close: () => widget && widget.close(),
  });

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();
