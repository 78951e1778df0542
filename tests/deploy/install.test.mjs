// `cmake --install` makes a copy that stands alone: the installed daemon and CLI find their
// rules, intents and web root under <prefix>/share/backcoach, relative to themselves, even
// after the prefix is moved, and a person can chat with the daemon.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, tempDir, startDaemon, chatOneTurn, assertAnswered } from './harness.mjs';

const build = process.env.BACKCOACH_BUILD_DIR;
const work = tempDir('install');
after(() => fs.rmSync(work, { recursive: true, force: true }));

// No BACKCOACH_* variable from the caller may point the daemon anywhere.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BACKCOACH_')));

test('an installed, then moved, backcoachd serves the chat from its own share/backcoach', async () => {
  assert.ok(build, 'BACKCOACH_BUILD_DIR must name the build folder');
  run('cmake', ['--install', build, '--prefix', path.join(work, 'staged')]);
  // Moved after install: nothing in the binaries may remember where they were put.
  const prefix = path.join(work, 'moved');
  fs.renameSync(path.join(work, 'staged'), prefix);
  for (const file of ['bin/backcoachd', 'bin/backcoach', 'share/backcoach/rules/flow.yaml',
    'share/backcoach/intents/normalization.yaml', 'share/backcoach/web/index.html',
    'share/backcoach/web/widget.js', 'lib/systemd/system/backcoachd.service',
    'share/doc/backcoach/operations.md', 'share/doc/backcoach/examples/nginx.conf']) {
    assert.ok(fs.existsSync(path.join(prefix, file)), `${file} is installed`);
  }

  const elsewhere = path.join(work, 'elsewhere');  // a working directory with nothing in it
  fs.mkdirSync(elsewhere);
  const share = path.join(prefix, 'share/backcoach');
  const checked = run(path.join(prefix, 'bin/backcoach'), ['check'], { cwd: elsewhere, env });
  assert.match(checked, /^ok: \d+ intents/);

  const daemon = await startDaemon(path.join(prefix, 'bin/backcoachd'),
    ['--listen', '127.0.0.1:0', '--db', path.join(work, 'state/backcoach.db')], { cwd: elsewhere, env });
  try {
    assert.ok(daemon.output.includes(`"rules":"${share}/rules"`), daemon.output);
    assert.ok(daemon.output.includes(`"intents":"${share}/intents"`), daemon.output);
    assert.ok(daemon.output.includes(`"dir":"${share}/web"`), daemon.output);
    const page = await fetch(`http://127.0.0.1:${daemon.port}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /widget\.js/);
    assertAnswered(await chatOneTurn(`ws://127.0.0.1:${daemon.port}/v1/chat`));
  } finally {
    assert.equal(await daemon.stop(), 0, daemon.output);
  }
});
