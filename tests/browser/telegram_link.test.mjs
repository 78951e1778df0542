// "Continue on Telegram": the widget offers a one-time t.me link; the bot, opened with it,
// carries on the same conversation. Telegram is tests/fake_telegram/fake_telegram.py.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Daemon, launchBrowser, openDemo, openWidget, say, expectSoon, screenshot } from './harness.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const fakeScript = path.resolve(here, '../fake_telegram/fake_telegram.py');
const token = '123:test-token';

/** The fake Bot API as a child process; it exits when its stdin closes. */
async function startFake(dir) {
  const proc = spawn('python3', [fakeScript, '--pki', path.join(dir, 'pki'), '--token', token],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  const ports = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('fake_telegram.py did not start')), 20000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) { clearTimeout(timer); resolve(JSON.parse(out.split('\n')[0])); }
    });
  });
  const control = (p, body) => fetch(`http://127.0.0.1:${ports.control_port}${p}`,
    body ? { method: 'POST', body: JSON.stringify(body) } : {}).then((r) => r.json());
  return { proc, ports, control };
}

let dir, fake, daemon, browser;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backcoach-telegram-'));
  fake = await startFake(dir);
  const tokenFile = path.join(dir, 'token');
  fs.writeFileSync(tokenFile, token + '\n', { mode: 0o600 });
  daemon = await new Daemon({ args: ['--telegram-token-file', tokenFile,
    '--telegram-api-base', `https://127.0.0.1:${fake.ports.api_port}`,
    '--telegram-ca-file', fake.ports.ca_file] }).start();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
  fake?.proc.stdin.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the widget hands its conversation to Telegram with a one-time link', async () => {
  const page = await openDemo(browser, daemon);
  const w = await openWidget(page);
  await say(w, 'my lower back');
  const button = w.panel.getByRole('button', { name: 'Continue on Telegram' });
  await button.waitFor();
  await button.click();
  const link = w.log.getByRole('link', { name: 'Open Telegram' });
  await link.waitFor();
  await screenshot(page, 'telegram_link');
  const href = await link.getAttribute('href');
  assert.match(href, /^https:\/\/t\.me\/fake_bot\?start=[A-Za-z0-9_-]{22}$/);
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.deepEqual(page.foreign, [], 'the page called nothing but the daemon');

  // The person opens it: Telegram sends "/start <code>" from their chat.
  const code = new URL(href).searchParams.get('start');
  await fake.control('/updates', { updates: [{ message: { message_id: 1, chat: { id: 4242, type: 'private' },
    from: { id: 4242 }, text: '/start ' + code } }, { message: { message_id: 2,
    chat: { id: 4242, type: 'private' }, from: { id: 4242 }, text: '35' } }] });
  const texts = async () => (await fake.control('/calls?method=sendMessage')).calls
    .filter((c) => c.params.chat_id === 4242).map((c) => c.params.text);
  await expectSoon(async () => (await texts()).some((t) => /How long have you had this pain/.test(t)),
    'the widget\'s conversation to go on in Telegram', 20000);
  assert.ok((await texts()).some((t) => /connected/.test(t)), 'the chat was told it is linked');
});
