// The widget itself: the launcher and the chat panel in one shadow root, wired to the
// connection (connection.js) and the views (views.js). Loaded by widget.js, the one
// <script> a host page embeds, as a module script that carries the tag (data-tag) and
// the version (data-version); evaluating this module starts the widget (start(), at the end). The journal (journal_chart.js,
// routine.js) and "Remind me here" (push_opt_in.js) are imported on first use.
import { readConfig, makeStore } from './config.js';
import { Connection } from './connection.js';
import { h } from './dom.js';
import { MAX_TEXT, rank, TIER_RANK } from './protocol.js';
import { STYLE, ICON } from './style.js';
import { Banner, Transcript, LAUNCHER_WORDS, bannerWords, connectionWords, failedWords, telHref } from './views.js';

// A page opened from a check-in's notification (sw.js) carries this fragment, and an open
// page gets this message from the service worker: either opens the chat panel.
export const OPEN_FRAGMENT = '#backcoach-chat';
export const OPEN_MESSAGE = 'backcoach:open';

class Widget {
  constructor(config, version) {
    this.cfg = config;
    this.version = version;
    this.store = makeStore(config.storageKey, () => window.localStorage, () => window.sessionStorage);
    this.tier = null;
    this.conn = new Connection({ url: config.wsUrl, store: this.store, WebSocket: window.WebSocket }, {
      state: (s) => this.setConnState(connectionWords(s)),
      welcome: (f, fresh) => this.onWelcome(f, fresh),
      reply: (f, item, shown) => this.onReply(f, item, shown),
      push: (f) => { this.setTier(f); this.view.botMessages(f.messages); this.showLastReplies(f.messages); },
      failed: (item, f) => {
        this.view.failed(item, failedWords(f), (text) => this.send(text));
        this.showLastReplies([]);
      },
      newConversation: () => this.view.note('Your earlier conversation could not be found, so a new one is starting.'),
      queue: () => this.view.refreshPending(this.conn.outbox, this.conn.ready),
      wanted: () => this.isOpen(),
    });
    this.build();
  }

  // -------------------------------------------------------------- layout

  build() {
    this.host = h('div', { 'data-backcoach': this.version });
    const shadow = this.host.attachShadow({ mode: 'open' });
    shadow.append(h('style', { text: STYLE }));
    this.shadow = shadow;
    this.launcherLabel = h('span', { text: LAUNCHER_WORDS });
    this.alertDot = h('span', { class: 'alert-dot', hidden: true });
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'bc-panel',
      onclick: () => (this.isOpen() ? this.close() : this.open()) }, this.launcherLabel, this.alertDot);
    this.launcher.insertAdjacentHTML('afterbegin', ICON);
    this.connText = h('span', { text: 'Not connected' });
    this.reconnectBtn = h('button', { type: 'button', hidden: true, onclick: () => this.conn.connectNow() }, 'Reconnect now');
    this.connLine = h('p', { class: 'conn', role: 'status' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), this.connText, this.reconnectBtn);
    this.banner = new Banner();
    this.view = new Transcript(this.cfg.server, (text) => { this.send(text); this.input.focus(); });
    this.input = h('textarea', { id: 'bc-message', rows: '1', maxlength: String(MAX_TEXT), autocomplete: 'off',
      placeholder: 'Type a message', onkeydown: (e) => this.onKey(e), oninput: () => this.autosize() });
    this.form = h('form', { onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      h('label', { class: 'sr', for: 'bc-message', text: 'Message' }), this.input,
      h('button', { type: 'submit' }, 'Send'));
    this.forgetBtn = h('button', { type: 'button', class: 'hbtn', onclick: () => this.askForget() }, 'Forget me');
    // Shown once the server says it has a Telegram bot (GET /v1/telegram).
    this.telegramBtn = h('button', { type: 'button', class: 'hbtn', hidden: true, 'aria-label': 'Continue on Telegram',
      onclick: () => this.continueOnTelegram() }, 'Telegram');
    // The routine for today (routine.js) above the pain journal's chart (journal_chart.js).
    this.routineBox = h('div', { class: 'routine' });
    this.chartBox = h('div', { class: 'chart' });
    this.journal = h('section', { class: 'journal', id: 'bc-journal', 'aria-label': 'Your pain journal', hidden: true },
      this.routineBox, this.chartBox);
    this.journalBtn = h('button', { type: 'button', class: 'hbtn', 'aria-expanded': 'false', 'aria-controls': 'bc-journal',
      onclick: () => this.toggleJournal() }, 'Journal');
    this.confirm = this.buildConfirm();
    this.panel = h('section', { class: 'panel', id: 'bc-panel', role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'bc-title', hidden: true, onkeydown: (e) => this.onPanelKey(e) },
      h('header', {},
        h('div', { class: 'titles' }, h('h2', { id: 'bc-title', text: this.cfg.title }), this.connLine),
        this.journalBtn, this.telegramBtn,
        this.pushSlot = h('span', { class: 'push-opt-in' }), this.forgetBtn,
        h('button', { type: 'button', class: 'hbtn', 'aria-label': 'Close chat', onclick: () => this.close() }, '\u2715')),
      this.banner.el, this.journal, this.view.log, this.view.typing, this.view.replies, this.view.legend, this.form,
      h('p', { class: 'fine' }, 'Guidance only, not a diagnosis. In an emergency call ',
        h('a', { href: telHref(this.cfg.emergencyNumber), text: this.cfg.emergencyNumber }), '.'),
      this.confirm);
    this.root = h('div', { class: 'root' }, this.panel, this.launcher);
    shadow.append(this.root);
    document.body.append(this.host);
    window.addEventListener('online', () => this.conn.connectNow());
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
    this.view.scrollDown();
    if (!this.conn.paused) this.conn.connectNow();
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

  setConnState({ text, online, offerRetry }) {
    this.connText.textContent = text;
    this.connLine.classList.toggle('online', online);
    this.reconnectBtn.hidden = !offerRetry;
  }

  // -------------------------------------------------------------- the conversation

  submit() {
    const text = this.input.value.trim();
    if (!text) { this.input.focus(); return; }
    this.input.value = '';
    this.autosize();
    this.send(text);
  }

  send(text) {
    this.view.quickReplies([]);
    const item = this.conn.send(text);
    this.view.userBubble(item, this.conn.ready);
    this.view.refreshPending(this.conn.outbox, this.conn.ready);
  }

  onWelcome(f, fresh) {
    this.setTier(f);
    if (fresh) this.view.renderHistory(f.history, this.conn.outbox, true);
    this.offerTelegram();
  }

  onReply(f, item, shown) {
    this.setTier(f);
    if (item.silent && !shown) this.view.userBubble(item, true);
    this.view.answered(item);
    if (!shown) this.view.botMessages(f.messages);
    this.showLastReplies(f.messages);
  }

  showLastReplies(messages) {
    const list = messages || [];
    const last = list[list.length - 1];
    if (!this.conn.outbox.length) this.view.quickReplies(last ? last.quick_replies : []);
  }

  // The server's tier is the truth: it rises with a red flag and falls only when the
  // person corrected what raised it (never from an emergency; docs/protocol.md). The
  // banner's words come with it (frame.banner, from rules/red_flags.yaml).
  setTier(frame) {
    if (frame.tier === undefined) return;
    this.tier = frame.tier;
    const words = bannerWords(frame.tier, frame.banner, this.cfg.emergencyNumber);
    this.banner.show(words);
    this.alertDot.hidden = !words;
    this.launcherLabel.textContent = words ? words.launcher : LAUNCHER_WORDS;
    if (rank(this.tier) >= TIER_RANK.emergency) this.view.stopExercises('Please follow the advice above before any exercise.');
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
        { method: 'POST', headers: { Authorization: 'Bearer ' + this.conn.token } });
      if (res.ok) url = (await res.json()).url;
    } catch (e) { url = null; }
    if (!url || !url.startsWith('https://t.me/')) {
      this.view.note('Telegram is not available right now. Please try again later.');
      return;
    }
    const el = this.view.note('Carry on this conversation in Telegram. The link works once, within 10 minutes.',
      { label: 'Open Telegram', href: url });
    el.querySelector('a').focus();
  }

  // -------------------------------------------------------------- journal, reminders

  // "Remind me here" (Web Push) lives in push_opt_in.js, imported when the panel first
  // opens where the browser can push, so its click can ask for permission at once.
  async loadPushOptIn() {
    if (this.pushLoading || !('serviceWorker' in navigator) || !('PushManager' in window)) return;
    this.pushLoading = true;
    const push = await import('./push_opt_in.js');
    this.pushSlot.append(push.button({ server: this.cfg.server, token: () => this.conn.token, worker: this.cfg.serviceWorker }));
  }

  async toggleJournal() {
    const show = this.journal.hidden;
    this.journal.hidden = !show;
    this.journalBtn.setAttribute('aria-expanded', String(show));
    if (!show) return;
    const [routine, journal] = await Promise.all([import('./routine.js'), import('./journal_chart.js')]);
    const who = { server: this.cfg.server, token: this.conn.token };
    routine.load(this.routineBox, who);
    journal.load(this.chartBox, who);
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

  async forget() {
    this.confirmOk.disabled = true;
    if (this.conn.token) {
      let ok = false;
      try {
        const res = await fetch(this.cfg.server + '/v1/me', { method: 'DELETE', headers: { Authorization: 'Bearer ' + this.conn.token } });
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
    this.conn.reset();
    this.store.setOpen(this.isOpen());
    this.tier = null;
    this.view.clear();
    this.view.noCards = false;
    this.banner.show(null);
    this.alertDot.hidden = true;
    this.launcherLabel.textContent = LAUNCHER_WORDS;
    this.confirm.hidden = true;
    this.confirmOk.disabled = false;
    this.view.note('Your conversation has been erased from our server and this browser.',
      { label: 'Start a new conversation', run: () => { this.view.log.replaceChildren(); this.conn.resume(); this.input.focus(); } });
    this.view.log.querySelector('.note button').focus();
  }
}

/**
 * Starts the widget for the tag { dataset, src } that loaded widget.js; returns it
 * (open(), close()). The panel opens when it was open before a reload, when the page
 * came from a check-in's notification (OPEN_FRAGMENT), and when the service worker asks.
 */
export function start(tag, version) {
  const widget = new Widget(readConfig(tag, { href: location.href, lang: document.documentElement.lang || navigator.language || '' }), version);
  if (location.hash === OPEN_FRAGMENT) {
    history.replaceState(history.state, '', location.href.slice(0, -OPEN_FRAGMENT.length));
    widget.open(false);
  } else if (widget.store.wasOpen()) widget.open(false);
  else if (widget.conn.outbox.length) widget.conn.connectNow();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('message', (e) => {
      if (e.data && e.data.type === OPEN_MESSAGE && !widget.isOpen()) widget.open(false);
    });
    navigator.serviceWorker.startMessages();
  }
  return widget;
}

// The module script widget.js added: start, and hand the widget back to the loader.
const loader = Array.from(document.querySelectorAll('script[type="module"][data-tag]')).find((s) => s.src === import.meta.url);
if (loader) {
  const widget = start(JSON.parse(loader.dataset.tag), loader.dataset.version);
  loader.dispatchEvent(new CustomEvent('backcoach:ready', { detail: widget }));
}
