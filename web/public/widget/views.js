// The chat panel's views: the transcript (log, bubbles, notes), the quick replies, the
// typing line and the urgent/emergency banner. The words each shows are chosen by pure
// functions at the top (Node tests); the classes below only put them into the DOM.
// Clinical words come from the server (the banner's, the messages'); the widget's own
// words here are neutral UI words.
import { h, srOnly } from './dom.js';
import { exerciseCard } from './exercise_card.js';
import { rank, TIER_RANK } from './protocol.js';

export const LAUNCHER_WORDS = 'Back pain? Chat with us';

// ------------------------------------------------------------------ pure words

// The connection line for a Connection state event.
export function connectionWords({ kind, retryIn }) {
  switch (kind) {
    case 'online': return { text: 'Connected', online: true, offerRetry: false };
    case 'connecting': return { text: 'Connecting\u2026', online: false, offerRetry: false };
    case 'reconnecting': return { text: 'Reconnecting\u2026', online: false, offerRetry: false };
    case 'offline': return { text: `Offline. Retrying in ${retryIn} s\u2026`, online: false, offerRetry: true };
    default: return { text: 'Not connected', online: false, offerRetry: false };
  }
}

// The quick replies to offer: five or more whole numbers are a pain scale (one row).
export function replyChoices(options) {
  const list = (options || []).filter((o) => typeof o === 'string' && o.length);
  const scale = list.length >= 5 && list.every((o) => /^\d{1,2}$/.test(o));
  return { list, scale, label: scale ? `Pain score from ${list[0]} to ${list[list.length - 1]}` : 'Suggested answers' };
}

export const telHref = (number) => 'tel:' + number.replace(/[^0-9+]/g, '');

/**
 * The banner for a tier and the server's banner object ({heading, text, launcher}, the
 * text with `{number}`), with the page's emergency number: null when there is none to
 * show (a tier below urgent, or a server that sent none).
 */
export function bannerWords(tier, banner, number) {
  if (rank(tier) < TIER_RANK.urgent || !banner || typeof banner !== 'object') return null;
  const fill = (s) => String(s || '').split('{number}').join(number);
  return {
    kind: rank(tier) >= TIER_RANK.emergency ? 'emergency' : 'urgent',
    heading: fill(banner.heading),
    text: fill(banner.text),
    call: { href: telHref(number), label: `Call ${number}` },
    launcher: banner.launcher ? 'Chat: ' + fill(banner.launcher) : LAUNCHER_WORDS,
  };
}

// Why a message was not sent, from its error frame.
export function failedWords(frame) {
  return frame.code === 'too_large' ? 'Not sent: the message is too long.' : 'Not sent: ' + (frame.message || frame.code);
}

// ------------------------------------------------------------------ the transcript

/** The log, the typing line, the quick replies and the pain scale's legend. */
export class Transcript {
  constructor(server, onPick) {
    this.server = server;
    this.onPick = onPick;  // a quick reply was chosen: onPick(text)
    this.timers = [];
    this.bubbles = new Map();  // outbox id -> the person's bubble
    this.noCards = false;  // after an emergency: no exercise cards
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
    this.typing = h('div', { class: 'typing', role: 'status' });
    this.replies = h('div', { class: 'replies', role: 'group', 'aria-label': 'Suggested answers', hidden: true });
    this.legend = h('div', { class: 'scale-legend', 'aria-hidden': 'true', hidden: true },
      h('span', { text: '0 = no pain' }), h('span', { text: '10 = worst imaginable' }));
    // Keep the newest message in view when the panel or the quick-reply bar changes size.
    this.stuck = true;
    this.log.addEventListener('scroll', () => {
      this.stuck = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    });
    if (window.ResizeObserver) new ResizeObserver(() => { if (this.stuck) this.scrollDown(); }).observe(this.log);
  }

  scrollDown() { this.log.scrollTop = this.log.scrollHeight; }

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

  userBubble(item, ready) {
    const state = h('span', { class: 'state', text: ready ? 'Sending\u2026' : 'Waiting for connection\u2026' });
    const el = h('div', { class: 'msg user pending', 'data-id': item.id }, srOnly('You said: '), item.text, state);
    this.bubbles.set(item.id, el);
    this.log.append(el);
    this.scrollDown();
  }

  answered(item) {
    const el = this.bubbles.get(item.id);
    if (!el) return;
    this.bubbles.delete(item.id);
    el.classList.remove('pending');
    el.querySelector('.state').remove();
  }

  // Bot messages are placed before any still-unanswered user messages, so the transcript
  // reads in the same order as the stored history a reload will show.
  botMessages(messages) {
    const before = this.log.querySelector('.msg.user.pending');
    for (const m of messages || []) {
      if (m.text) this.log.insertBefore(h('div', { class: 'msg bot' }, srOnly('Coach: '), m.text), before);
      if (m.exercise && typeof m.exercise === 'object' && !this.noCards) {
        this.log.insertBefore(exerciseCard(m.exercise, this.server, this.timers), before);
      }
    }
    this.scrollDown();
  }

  quickReplies(options) {
    const { list, scale, label } = replyChoices(options);
    this.replies.replaceChildren();
    this.replies.classList.toggle('scale', scale);
    this.replies.setAttribute('aria-label', label);
    this.legend.hidden = !scale;
    for (const o of list) this.replies.append(h('button', { type: 'button', onclick: () => this.onPick(o) }, o));
    this.replies.hidden = list.length === 0;
  }

  clear() {
    this.timers.forEach((t) => t.halt(''));
    this.timers = [];
    this.bubbles.clear();
    this.log.replaceChildren();
    this.quickReplies([]);
  }

  // The welcome's history, then the messages still waiting to be sent.
  renderHistory(history, outbox, ready) {
    this.log.setAttribute('aria-busy', 'true');
    this.clear();
    let last = null;
    for (const item of Array.isArray(history) ? history : []) {
      if (item.from === 'user') this.log.append(h('div', { class: 'msg user' }, srOnly('You said: '), item.text || ''));
      else this.botMessages([item]);
      last = item;
    }
    for (const item of outbox) if (!item.silent) this.userBubble(item, ready);
    this.quickReplies(last && last.from !== 'user' && !outbox.length ? last.quick_replies : []);
    this.log.removeAttribute('aria-busy');
    this.scrollDown();
  }

  // The pending bubbles' state and the typing line, from the outbox and the connection.
  refreshPending(outbox, ready) {
    for (const item of outbox) {
      const el = this.bubbles.get(item.id);
      if (el) el.querySelector('.state').textContent = ready ? 'Sending\u2026' : 'Waiting for connection\u2026';
    }
    const text = ready && outbox.length > 0 ? 'The coach is typing\u2026' : '';
    if (this.typing.textContent !== text) this.typing.textContent = text;
  }

  failed(item, why, retry) {
    if (!this.bubbles.has(item.id)) this.userBubble(item, false);
    const el = this.bubbles.get(item.id);
    this.bubbles.delete(item.id);
    el.classList.remove('pending');
    el.classList.add('failed');
    el.querySelector('.state').textContent = why;
    el.append(h('button', { type: 'button', onclick: () => { el.remove(); retry(item.text); } }, 'Try again'));
  }

  // After an emergency: the timers stop and no more cards are shown.
  stopExercises(message) {
    this.noCards = true;
    this.timers.forEach((t) => t.disable(message));
  }
}

// ------------------------------------------------------------------ the banner

/** The urgent/emergency banner above the transcript (role alert). */
export class Banner {
  constructor() {
    this.el = h('div', { class: 'banner', role: 'alert', hidden: true });
  }

  // Shows `words` (bannerWords), or hides the banner for null. The same words again
  // change nothing, so a screen reader does not announce the alert at every reply.
  show(words) {
    const key = JSON.stringify(words);
    if (key === this.shown) return;
    this.shown = key;
    if (!words) {
      this.el.hidden = true;
      this.el.replaceChildren();
      return;
    }
    this.el.className = 'banner ' + words.kind;
    this.el.replaceChildren(h('strong', { text: words.heading }), h('p', { text: words.text }),
      h('a', { href: words.call.href, text: words.call.label }));
    this.el.hidden = false;
  }
}
