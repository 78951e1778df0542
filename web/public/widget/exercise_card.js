// An exercise card in the transcript (protocol: reply.messages[].exercise) and its hold
// timer. describeDose is pure (Node tests); the rest builds DOM when called.
import { h, srOnly } from './dom.js';

const BREATH_SECONDS = 4;

// "Hold 30 seconds, repeat 3 times, on each side." from the card's numbers.
export function describeDose(ex) {
  const parts = [];
  if (ex.hold_seconds) parts.push(`Hold ${ex.hold_seconds} seconds`);
  if (ex.repetitions) parts.push(`${parts.length ? 'repeat' : 'Repeat'} ${ex.repetitions} times`);
  let text = parts.join(', ');
  if (text && ex.each_side) text += ', on each side';
  return text ? text + '.' : '';
}

// A countdown of hold_seconds with a breathing cue; with each_side a second hold follows.
export class HoldTimer {
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

// The card: its picture from `server`, steps, dose and cues; a timer, when the exercise
// has a hold, is added to `timers` (so an emergency can stop them all).
export function exerciseCard(ex, server, timers) {
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
