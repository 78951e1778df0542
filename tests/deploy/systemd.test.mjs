// deploy/backcoachd.service is a unit systemd accepts without a warning (`systemd-analyze
// verify` works offline, with no running systemd), and its sandbox stays tight: the offline
// security review scores its exposure at 2.0 or below ("OK"; a unit with no sandboxing is 9.6).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_DIR, tempDir, which } from './harness.mjs';

const analyze = which('systemd-analyze');
const skip = analyze ? false : 'systemd-analyze is not installed (Debian package systemd)';
const work = tempDir('systemd');
after(() => fs.rmSync(work, { recursive: true, force: true }));

// The unit names /usr/bin/backcoachd, which verify requires to exist: point it at the build's.
function unitForBuild() {
  const daemon = process.env.BACKCOACHD;
  assert.ok(daemon, 'BACKCOACHD must name the built backcoachd');
  const text = fs.readFileSync(path.join(SOURCE_DIR, 'deploy/backcoachd.service'), 'utf8');
  assert.match(text, /^ExecStart=\/usr\/bin\/backcoachd$/m);
  const unit = path.join(work, 'backcoachd.service');
  fs.writeFileSync(unit, text.replace(/^ExecStart=\/usr\/bin\/backcoachd$/m, `ExecStart=${daemon}`));
  return unit;
}

test('systemd-analyze verify accepts the unit with no warning', { skip }, () => {
  const r = spawnSync(analyze, ['verify', unitForBuild()], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stderr.trim(), '', 'no warnings (an unknown or misspelt key is only a warning)');
});

test('the offline security review rates the sandbox OK (exposure <= 2.0)', { skip }, () => {
  const r = spawnSync(analyze, ['security', '--offline=yes', unitForBuild()],
    { encoding: 'utf8' });
  const level = /Overall exposure level for backcoachd\.service: ([\d.]+)/.exec(r.stdout);
  assert.ok(level, r.stdout + r.stderr);
  assert.ok(Number(level[1]) <= 2.0, `exposure ${level[1]}:\n${r.stdout}`);
  assert.equal(r.status, 0, r.stderr);
});
