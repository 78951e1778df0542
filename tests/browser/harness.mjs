// Shared pieces of the browser tests: a backcoachd child process on port 0 with its own
// temporary database, a headless Chromium driven by playwright-core, and helpers that find the
// widget's parts the way a screen reader user (or an outside checker) would: by ARIA role and name.
//
// Environment (set by tests/browser/CMakeLists.txt):
//   BACKCOACHD            path of the backcoachd executable
//   BACKCOACH_WEB_ROOT    folder served as the web root (web/public)
//   BACKCOACH_WEB_DIR     folder holding node_modules/playwright-core (web/)
//   BACKCOACH_SCREENSHOTS folder for screenshots (under the build folder)
import { spawn } from 'node:child_process';
import { before, after } from 'node:test';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

const here = path.dirname(new URL(import.meta.url).pathname);
const source = path.resolve(here, '../..');
const webDir = process.env.BACKCOACH_WEB_DIR || path.join(source, 'web');
const webRoot = process.env.BACKCOACH_WEB_ROOT || path.join(webDir, 'public');
const shotDir = process.env.BACKCOACH_SCREENSHOTS || path.join(os.tmpdir(), 'backcoach-screenshots');

const { chromium } = createRequire(path.join(webDir, 'package.json'))('playwright-core');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ------------------------------------------------------------------ the daemon

/**
 * A backcoachd process; start() again after kill() reuses the database and the port.
 * pages: extra files ({name: html}) served beside the real web root, for host pages of other
 * kinds (another locale, a widget tag with other attributes). args: more flags.
 */
export class Daemon {
  constructor({ pages, args } = {}) {
    this.extraArgs = args || [];
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backcoach-browser-'));
    this.db = path.join(this.dir, 'backcoach.db');
    this.webRoot = webRoot;
    if (pages) {
      this.webRoot = path.join(this.dir, 'web');
      fs.cpSync(webRoot, this.webRoot, { recursive: true });
      for (const [name, html] of Object.entries(pages)) fs.writeFileSync(path.join(this.webRoot, name), html);
    }
    this.port = 0;
    this.proc = null;
    this.output = '';
  }

  get url() { return `http://127.0.0.1:${this.port}`; }

  async start() {
    const exe = process.env.BACKCOACHD;
    assert.ok(exe, 'BACKCOACHD must name the backcoachd executable');
    const args = ['--listen', `127.0.0.1:${this.port}`, '--db', this.db, '--web-root', this.webRoot,
      ...this.extraArgs];
    const proc = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    const started = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('backcoachd did not start:\n' + this.output)), 20000);
      const onData = (chunk) => {
        this.output += chunk;
        const m = /backcoachd listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(this.output);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', (c) => { this.output += c; });
      proc.on('exit', (code, sig) => { clearTimeout(timer); reject(new Error(`backcoachd exited (${code ?? sig}):\n${this.output}`)); });
    });
    this.port = await started;
    return this;
  }

  async signal(sig) {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(sig);
    await exited;
    this.proc = null;
  }

  kill() { return this.signal('SIGKILL'); }

  async stop() {
    await this.signal('SIGTERM');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ the browser

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A page on the demo site; only requests to the daemon itself are allowed through. */
export async function openDemo(browser, daemon, { viewport = { width: 1280, height: 800 }, page: file = '', locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  page.foreign = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(daemon.url) || url.startsWith('data:')) return route.continue();
    page.foreign.push(url);
    return route.abort();
  });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(daemon.url + '/' + file);
  return page;
}

export async function screenshot(page, name) {
  fs.mkdirSync(shotDir, { recursive: true });
  const file = path.join(shotDir, name + '.png');
  await page.screenshot({ path: file });
  return file;
}

/**
 * For a test file: registers before/after hooks that start one daemon (new Daemon(options)) and
 * one browser, and stop both when the file's tests are done. Returns a session whose .daemon and
 * .browser are set once the before hook has run. Set-up that needs them goes in onStarted(session),
 * run inside that hook: node 20 does not wait for one top-level before hook to finish before
 * starting the next.
 */
export function useDaemonAndBrowser(options, onStarted) {
  const session = { daemon: null, browser: null };
  before(async () => {
    session.daemon = await new Daemon(options).start();
    session.browser = await launchBrowser();
    await onStarted?.(session);
  });
  after(async () => {
    await session.browser?.close();
    await session.daemon?.stop();
  });
  return session;
}

// ------------------------------------------------------------------ the widget, by role and name

export function widget(page) {
  const panel = page.getByRole('dialog', { name: 'Back pain coach' });
  return {
    // The launcher's name changes with the triage tier; it always mentions the chat.
    launcher: page.getByRole('button', { name: /chat/i, expanded: false }),
    closer: page.getByRole('button', { name: /chat/i, expanded: true }),
    panel,
    log: panel.getByRole('log', { name: 'Conversation' }),
    input: panel.getByRole('textbox', { name: 'Message' }),
    send: panel.getByRole('button', { name: 'Send', exact: true }),
    answers: panel.getByRole('group', { name: /Suggested answers|Pain score/ }),
    typing: panel.getByRole('status').filter({ hasText: /typing/ }),
    connection: panel.getByRole('status').filter({ hasText: /Connected|Connecting|Reconnecting|Offline|Not connected/ }),
    cards: panel.getByRole('log').getByRole('article', { name: /^Exercise:/ }),
    banner: panel.getByRole('alert'),
    forget: panel.getByRole('button', { name: 'Forget me' }),
  };
}

export async function openWidget(page) {
  const w = widget(page);
  if (!(await w.panel.isVisible())) await w.launcher.click();
  await w.connection.filter({ hasText: 'Connected' }).waitFor();
  await w.log.filter({ hasText: /\S/ }).waitFor();
  return w;
}

/** Waits until every message sent has its reply (no typing indicator) and the log changed. */
export async function waitForReply(w, before) {
  await expectSoon(async () => (await w.typing.count()) === 0 && (await w.log.innerText()) !== before,
    'the coach to answer');
}

export async function say(w, text) {
  const before = await w.log.innerText();
  await w.input.fill(text);
  await w.send.click();
  await waitForReply(w, before);
}

export async function clickAnswer(w, name) {
  const before = await w.log.innerText();
  await w.answers.getByRole('button', { name, exact: true }).click();
  await waitForReply(w, before);
}

/** The quick replies on offer now (empty when the bot asked nothing with choices). */
export async function offeredAnswers(w) {
  if (!(await w.answers.isVisible())) return [];
  return w.answers.getByRole('button').allInnerTexts();
}

export async function expectSoon(check, what, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The person in the self-care tests: ordinary, recent, mechanical low back pain with no
// warning signs. Choices are matched against what the bot offers; nothing assumes its wording
// or the order of its questions.
const PREFERRED = [/^no$/i, /^3$/, /lower back only/i, /less than a week/i, /lifting|twist/i, /gradual/i,
  /nothing in particular/i, /none of these/i, /^slightly$/i, /^better$/i, /same/i];
const FREE_TEXT = [
  [/how old|your age/i, '34'],
  [/how long/i, 'About four days'],
  [/.*/, 'It aches after sitting at my desk all day'],
];

/** The last thing the coach said, read from the transcript. */
export async function lastBotText(w) {
  const parts = (await w.log.innerText()).split(/(?:Coach|You said):\n?/);
  return (parts[parts.length - 1] || '').trim();
}

/**
 * Answers the bot's questions as that person, clicking the quick replies offered and typing
 * only when none are offered. Stops when exercise cards appear. Returns the answers given.
 */
export async function selfCareConversation(w, maxTurns = 40) {
  const given = [];
  for (let turn = 0; turn < maxTurns; turn += 1) {
    if ((await w.cards.count()) > 0) return given;
    const offered = await offeredAnswers(w);
    let answer = null;
    for (const want of PREFERRED) {
      answer = offered.find((o) => want.test(o));
      if (answer) break;
    }
    if (!answer && offered.length) answer = offered[0];
    if (answer) await clickAnswer(w, answer);
    else {
      const question = await lastBotText(w);
      answer = FREE_TEXT.find(([q]) => q.test(question))[1];
      await say(w, answer);
    }
    given.push(answer);
  }
  throw new Error('no exercise card after ' + maxTurns + ' answers: ' + given.join(' | ') + '\n' + (await w.log.innerText()));
}

/**
 * WCAG 2.x contrast of every visible text inside root (a located element; shadow roots are
 * walked): returns the texts under 4.5:1 (3:1 for large text), with their ratio.
 */
export async function contrastProblems(root) {
  return root.evaluate((top) => {
    const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const parent = (el) => el.parentElement || (el.parentNode && el.parentNode.host) || null;
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = parent(e)) {
        const [r, g, b, a = 1] = parse(getComputedStyle(e).backgroundColor);
        if (a > 0) { layers.push([r, g, b, a]); if (a >= 1) break; }
      }
      let rgb = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) rgb = [r * a + rgb[0] * (1 - a), g * a + rgb[1] * (1 - a), b * a + rgb[2] * (1 - a)];
      return rgb;
    };
    const problems = [];
    const visit = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE && child.textContent.trim()) {
          const el = child.parentElement;
          const rect = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          if (!rect.width || style.visibility === 'hidden' || el.closest('[aria-hidden="true"]') || el.matches(':disabled')) continue;
          if (style.clip === 'rect(0px, 0px, 0px, 0px)' || rect.width <= 1) continue;
          const fg = parse(style.color);
          const bg = background(el);
          const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
          const ratio = (l1 + 0.05) / (l2 + 0.05);
          const size = parseFloat(style.fontSize);
          const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
          if (ratio < (large ? 3 : 4.5)) problems.push(`${ratio.toFixed(2)}: "${child.textContent.trim().slice(0, 40)}"`);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          visit(child);
          if (child.shadowRoot) visit(child.shadowRoot);
        }
      }
    };
    visit(top);
    return problems;
  });
}
