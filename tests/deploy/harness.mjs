// Shared pieces of the deploy tests: run a command, start a backcoachd (any copy: the build's,
// an installed one, the package's) on port 0 and read its port, chat one turn with it over a
// real WebSocket (ws:// or wss://, through a proxy or not), stop it as systemd would.
//
// Environment (set by tests/deploy/CMakeLists.txt):
//   BACKCOACH_WEB_DIR   folder holding node_modules/ws (web/)
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

const here = path.dirname(new URL(import.meta.url).pathname);
export const SOURCE_DIR = path.resolve(here, '../..');
const webDir = process.env.BACKCOACH_WEB_DIR || path.join(SOURCE_DIR, 'web');
const WebSocket = createRequire(path.join(webDir, 'package.json'))('ws');

/** A fresh folder under the temp dir; remove it with fs.rmSync(dir, {recursive: true}). */
export function tempDir(name) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `backcoach-${name}-`));
}

/** Runs a command to its end; fails the test with its output unless it exits 0. */
export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Is `program` on PATH (or an absolute path to an executable)? */
export function which(program) {
  return spawnSync('sh', ['-c', `command -v "${program}"`], { encoding: 'utf8' }).stdout.trim();
}

/** A free loopback TCP port (for programs that cannot be told port 0 and report it). */
export async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A child process whose stdout and stderr are kept in `output`. */
export class Child {
  constructor(exe, args, options = {}) {
    this.output = '';
    this.proc = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    this.proc.stdout.on('data', (c) => { this.output += c; });
    this.proc.stderr.on('data', (c) => { this.output += c; });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, sig) => resolve(code ?? sig)));
  }

  /** Resolves with the first match of `re` in the output; rejects on exit or after `ms`. */
  async waitFor(re, ms = 20000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = re.exec(this.output);
      if (m) return m;
      const state = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r(undefined), 50))]);
      if (state !== undefined) throw new Error(`${this.proc.spawnfile} exited (${state}):\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`no ${re} within ${ms} ms:\n${this.output}`);
    }
  }

  /** Sends `sig` and resolves with the exit code (or the signal that ended it). */
  async stop(sig = 'SIGTERM') {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(sig);
    return this.exited;
  }
}

/** Starts backcoachd with `args` (add --listen 127.0.0.1:0) and resolves once it listens. */
export async function startDaemon(exe, args, options = {}) {
  const daemon = new Child(exe, args, options);
  const m = await daemon.waitFor(/backcoachd listening on http:\/\/127\.0\.0\.1:(\d+)/);
  daemon.port = Number(m[1]);
  return daemon;
}

/** The next frame on `ws`, parsed; rejects on close, error or after `ms`. */
function nextFrame(ws, ms = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(reject, new Error(`no frame within ${ms} ms`)), ms);
    const onMessage = (data) => done(resolve, JSON.parse(data.toString()));
    const onClose = (code) => done(reject, new Error(`closed (${code}) before a frame`));
    const onError = (err) => done(reject, err);
    function done(settle, value) {
      clearTimeout(timer);
      ws.off('message', onMessage).off('close', onClose).off('error', onError);
      settle(value);
    }
    ws.on('message', onMessage).on('close', onClose).on('error', onError);
  });
}

/**
 * Opens `url` (ws:// or wss://), says hello and one message, and resolves with
 * {welcome, reply}. options: origin (the Origin header), ca (PEM text trusted for wss),
 * localAddress (connect from it, e.g. 127.0.0.2: another client on this machine).
 * Rejects with the HTTP status when the upgrade is refused ("refused 403").
 */
export async function chatOneTurn(url, { origin, ca, localAddress, text = 'my lower back hurts since Monday' } = {}) {
  const ws = new WebSocket(url, { origin, ca, localAddress, handshakeTimeout: 10000 });
  try {
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('unexpected-response', (req, res) => reject(new Error(`refused ${res.statusCode}`)));
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello' }));
    const welcome = await nextFrame(ws);
    ws.send(JSON.stringify({ type: 'say', id: 'm1', text }));
    const reply = await nextFrame(ws);
    return { welcome, reply };
  } finally {
    ws.terminate();
  }
}

/** Asserts that one turn went as a person would see it: welcomed, then answered. */
export function assertAnswered({ welcome, reply }) {
  assert.equal(welcome.type, 'welcome', JSON.stringify(welcome));
  assert.ok(welcome.history.length > 0, 'the welcome carries the opening message');
  assert.equal(reply.type, 'reply', JSON.stringify(reply));
  assert.equal(reply.re, 'm1');
  assert.ok(reply.messages.length > 0 && reply.messages[0].text.length > 0, JSON.stringify(reply));
}
