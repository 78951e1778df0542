// deploy/nginx.conf in front of the daemon: Debian's nginx, run as a foreground process on
// loopback ports with a certificate made here, terminates TLS and proxies the WebSocket.
// A person chats over wss:// through it; the daemon's origin check still works behind it,
// and the daemon, trusting the proxy's X-Real-IP, limits each client by its own address.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_DIR, run, tempDir, which, freePort, Child, startDaemon, chatOneTurn, assertAnswered }
  from './harness.mjs';

const nginx = which('nginx') || (fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : '');
const skip = !nginx ? 'nginx is not installed (Debian package nginx, deploy/install-deps.sh --test)'
  : !which('openssl') ? 'the openssl command is not installed' : false;
const work = tempDir('nginx');
after(() => fs.rmSync(work, { recursive: true, force: true }));

// deploy/nginx.conf with its listen ports, certificate and upstream pointed at this test's.
// Every placeholder must be found exactly once, so a changed file fails here, not silently.
function siteConfig(ports, cert, key) {
  let text = fs.readFileSync(path.join(SOURCE_DIR, 'deploy/nginx.conf'), 'utf8');
  const swaps = [
    ['listen 443 ssl;', `listen 127.0.0.1:${ports.https} ssl;`],
    ['listen [::]:443 ssl;', ''],
    ['listen 80;', `listen 127.0.0.1:${ports.http};`],
    ['listen [::]:80;', ''],
    ['/etc/ssl/certs/backcoach.crt', cert],
    ['/etc/ssl/private/backcoach.key', key],
    ['server 127.0.0.1:8080;', `server 127.0.0.1:${ports.daemon};`],
  ];
  for (const [from, to] of swaps) {
    assert.equal(text.split(from).length, 2, `deploy/nginx.conf has "${from}" once`);
    text = text.replace(from, to);
  }
  return text;
}

// The main file Debian's /etc/nginx/nginx.conf would be, reduced to a temp prefix.
function mainConfig(site) {
  return `daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
events { worker_connections 64; }
http {
  access_log ${work}/access.log;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  include ${site};
}
`;
}

test('a person chats over wss:// through nginx, and a foreign page is still refused', { skip }, async () => {
  fs.chmodSync(work, 0o755);  // nginx's workers run as nobody when the test runs as root
  const cert = path.join(work, 'test.crt');
  const key = path.join(work, 'test.key');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert]);
  const origin = (port) => `https://127.0.0.1:${port}`;
  const ports = { https: await freePort(), http: await freePort() };
  // One new conversation per client address, and the proxy trusted as the unit does.
  const daemon = await startDaemon(process.env.BACKCOACHD, ['--listen', '127.0.0.1:0',
    '--db', path.join(work, 'backcoach.db'), '--allow-origin', origin(ports.https),
    '--trusted-proxy', '127.0.0.1', '--rate-limit-new-users', '1']);
  ports.daemon = daemon.port;
  const site = path.join(work, 'backcoach.conf');
  fs.writeFileSync(site, siteConfig(ports, cert, key));
  fs.writeFileSync(path.join(work, 'nginx.conf'), mainConfig(site));
  const proxy = new Child(nginx, ['-p', work, '-c', path.join(work, 'nginx.conf'), '-e', 'stderr']);
  try {
    const ca = fs.readFileSync(cert);
    await waitForProxy(`${origin(ports.https)}/livez`, proxy);
    const url = `wss://127.0.0.1:${ports.https}/v1/chat`;
    assertAnswered(await chatOneTurn(url, { ca, origin: origin(ports.https) }));
    await assert.rejects(chatOneTurn(url, { ca, origin: 'https://evil.example' }), /refused 403/);

    // Two people behind the one proxy (connecting from 127.0.0.2 and 127.0.0.3): the
    // daemon sees each one's address, so the second person is not refused for the first's
    // new conversation, while the first person's second one is.
    const from = (localAddress) => chatOneTurn(url, { ca, origin: origin(ports.https), localAddress });
    assertAnswered(await from('127.0.0.2'));
    const again = await from('127.0.0.2');
    assert.equal(again.welcome.code, 'rate_limited', JSON.stringify(again.welcome));
    assertAnswered(await from('127.0.0.3'));
    assert.match(daemon.output, /"client":"127\.0\.0\.2","event":"new_users_limited"/);

    const plain = await fetch(`http://127.0.0.1:${ports.http}/`, { redirect: 'manual' });
    assert.equal(plain.status, 301, 'plain HTTP is sent to HTTPS');
    assert.match(plain.headers.get('location'), /^https:\/\//);

    // One address past its limit (10/s, burst 20) is answered 429 by nginx: behind the
    // proxy the daemon sees every person as 127.0.0.1, so the proxy limits per address.
    const statuses = await Promise.all(Array.from({ length: 60 }, () => status(`${origin(ports.https)}/livez`, ca)));
    assert.ok(statuses.includes(200), `some answered: ${statuses}`);
    assert.ok(statuses.includes(429), `nginx limits one address: ${statuses}`);
  } finally {
    assert.equal(await proxy.stop('SIGQUIT'), 0, proxy.output);  // nginx's graceful stop
    assert.equal(await daemon.stop(), 0, daemon.output);
  }
});

// nginx has no "ready" line: ask through it until the daemon answers (the TLS trust of
// fetch is the system's, so the health probe goes through node's https with the test CA).
async function status(url, ca) {
  const https = await import('node:https');
  return new Promise((resolve) => {
    https.get(url, { ca, agent: false }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', () => resolve(0));
  });
}

async function waitForProxy(url, proxy) {
  const https = await import('node:https');
  const ca = fs.readFileSync(path.join(work, 'test.crt'));
  const deadline = Date.now() + 10000;
  for (;;) {
    const status = await new Promise((resolve) => {
      https.get(url, { ca }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', () => resolve(0));
    });
    if (status === 200) return;
    if (proxy.proc.exitCode !== null || Date.now() > deadline) {
      throw new Error(`nginx did not proxy ${url} (last status ${status}):\n${proxy.output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
