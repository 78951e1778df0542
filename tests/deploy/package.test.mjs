// The Debian package: `cpack -G DEB` builds it from this build folder, `dpkg -i` installs it,
// the installed /usr/bin/backcoachd chats from /usr/share/backcoach, `dpkg --purge` removes it.
// Installing needs root (CI runs as root on a clean Debian 12); otherwise the test skips.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run, tempDir, which, startDaemon, chatOneTurn, assertAnswered } from './harness.mjs';

const build = process.env.BACKCOACH_BUILD_DIR;
const installed = () =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', 'backcoach'], { encoding: 'utf8' }).stdout.includes('ok installed');

function whyNot() {
  if (process.getuid() !== 0) return 'dpkg -i needs root (run as root, as CI does)';
  if (!which('dpkg') || !which('dpkg-shlibdeps')) return 'needs dpkg and dpkg-dev (Debian)';
  if (installed()) return 'a backcoach package is installed already; the test will not replace it';
  return null;
}

const work = tempDir('package');
after(() => fs.rmSync(work, { recursive: true, force: true }));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BACKCOACH_')));

test('the .deb installs, its daemon chats from /usr/share/backcoach, and it is purged cleanly',
  { skip: whyNot() ?? false }, async () => {
    assert.ok(build, 'BACKCOACH_BUILD_DIR must name the build folder');
    run('cpack', ['-G', 'DEB', '--config', path.join(build, 'CPackConfig.cmake'), '-B', work]);
    const deb = fs.readdirSync(work).find((f) => f.endsWith('.deb'));
    assert.ok(deb, `a .deb in ${work}`);
    const info = run('dpkg-deb', ['--info', path.join(work, deb)]);
    assert.match(info, /Depends:.*libre2/, 'Depends: names the shared libraries');
    assert.match(info, /Depends:.*libsystemd0/);

    run('dpkg', ['-i', path.join(work, deb)]);
    try {
      for (const file of ['/usr/bin/backcoachd', '/usr/bin/backcoach', '/usr/share/backcoach/rules/flow.yaml',
        '/usr/share/backcoach/web/widget.js', '/usr/lib/systemd/system/backcoachd.service',
        '/usr/share/doc/backcoach/operations.md']) {
        assert.ok(fs.existsSync(file), `${file} is installed`);
      }
      if (which('systemd-analyze')) {
        // The unit as installed, with its real ExecStart, is one systemd accepts.
        const r = spawnSync('systemd-analyze', ['verify', '/usr/lib/systemd/system/backcoachd.service'],
          { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr.trim(), '', 'no warnings from systemd-analyze verify');
      }
      const elsewhere = path.join(work, 'elsewhere');
      fs.mkdirSync(elsewhere);
      const daemon = await startDaemon('/usr/bin/backcoachd',
        ['--listen', '127.0.0.1:0', '--db', path.join(work, 'state/backcoach.db')], { cwd: elsewhere, env });
      try {
        assert.ok(daemon.output.includes('"rules":"/usr/share/backcoach/rules"'), daemon.output);
        assert.ok(daemon.output.includes('"dir":"/usr/share/backcoach/web"'), daemon.output);
        assertAnswered(await chatOneTurn(`ws://127.0.0.1:${daemon.port}/v1/chat`));
      } finally {
        assert.equal(await daemon.stop(), 0, daemon.output);
      }
    } finally {
      run('dpkg', ['--purge', 'backcoach']);  // -r, and no 'rc' entry left behind
    }
    assert.ok(!fs.existsSync('/usr/bin/backcoachd'), 'dpkg --purge removed the daemon');
    assert.ok(!fs.existsSync('/usr/share/backcoach/rules'), 'dpkg --purge removed the rules');
  });
