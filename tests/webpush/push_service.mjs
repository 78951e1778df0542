// A Web Push service for tests, on loopback (port 0): it takes what an application server
// POSTs to a subscription's endpoint and checks it as a browser's push service and the browser
// would, with node:crypto only (an implementation independent of the daemon's OpenSSL code):
//   - the VAPID Authorization (RFC 8292): "vapid t=<JWT>, k=<key>", ES256 signature verified
//     with k, aud the service's origin, exp in the future and at most 24 h away;
//   - the headers of RFC 8030: TTL, Content-Encoding: aes128gcm;
//   - the body (RFC 8291): decrypted with the subscriber's private key and auth secret.
// Each subscriber() is one browser: a P-256 key pair, an auth secret and an endpoint
// /push/<name>. status(name, code) makes its endpoint answer with that code (410: gone).
import http from 'node:http';
import crypto from 'node:crypto';

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const unb64u = (text) => Buffer.from(text, 'base64url');

/** The plaintext of an aes128gcm body (RFC 8188) for a subscriber; throws when it is not one. */
export function decrypt(body, { ecdh, auth }) {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const senderPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (idlen !== 65 || record.length > rs) throw new Error(`not one record of an RFC 8291 message (idlen ${idlen}, rs ${rs})`);
  const uaPublic = ecdh.getPublicKey();
  const shared = ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, senderPublic]);
  const ikm = Buffer.from(crypto.hkdfSync('sha256', shared, auth, keyInfo, 32));
  const cek = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (end < 0 || padded[end] !== 2) throw new Error('no last-record delimiter (0x02)');
  return padded.subarray(0, end);
}

/** The claims of a VAPID Authorization header after checking its signature with its own k. */
export function verifyVapid(header) {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header || '');
  if (!m) throw new Error(`not a vapid Authorization: ${header}`);
  const [, jwt, k] = m;
  const point = unb64u(k);
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const key = crypto.createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) },
    format: 'jwk',
  });
  const [h, c, s] = jwt.split('.');
  const ok = crypto.verify('sha256', Buffer.from(`${h}.${c}`), { key, dsaEncoding: 'ieee-p1363' }, unb64u(s));
  if (!ok) throw new Error('the JWT signature does not verify with k');
  const head = JSON.parse(unb64u(h));
  if (head.alg !== 'ES256' || head.typ !== 'JWT') throw new Error(`JWT header ${JSON.stringify(head)}`);
  return { claims: JSON.parse(unb64u(c)), k };
}

export class PushService {
  constructor() {
    this.received = [];  // {name, claims, k, headers, message (parsed JSON)}
    this.problems = [];  // what a real push service or browser would have refused
    this.subscribers = new Map();
    this.statuses = new Map();
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  stop() { return new Promise((resolve) => this.server.close(resolve)); }

  /** A browser: its PushSubscription JSON (what PushManager.subscribe() resolves to). */
  subscriber(name) {
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = crypto.randomBytes(16);
    this.subscribers.set(name, { ecdh, auth });
    return {
      endpoint: `${this.origin}/push/${name}`,
      expirationTime: null,
      keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) },
    };
  }

  status(name, code) { this.statuses.set(name, code); }

  messagesFor(name) { return this.received.filter((r) => r.name === name); }

  handle(req, res) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const name = decodeURIComponent(req.url.replace(/^\/push\//, ''));
      const who = this.subscribers.get(name);
      const code = this.statuses.get(name) ?? 201;
      try {
        if (req.method !== 'POST' || !who) throw new Error(`${req.method} ${req.url}: no such subscription`);
        const { claims, k } = verifyVapid(req.headers.authorization);
        const now = Date.now() / 1000;
        if (claims.aud !== this.origin) throw new Error(`aud ${claims.aud}, not ${this.origin}`);
        if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error(`exp ${claims.exp}`);
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('Content-Encoding is not aes128gcm');
        if (!/^\d+$/.test(req.headers.ttl || '')) throw new Error('no TTL');
        const message = JSON.parse(decrypt(Buffer.concat(chunks), who).toString('utf8'));
        this.received.push({ name, claims, k, headers: req.headers, message, status: code });
      } catch (e) {
        this.problems.push(String(e.message || e));
        res.writeHead(400).end();
        return;
      }
      res.writeHead(code, code === 201 ? { Location: `/message/${this.received.length}` } : {}).end();
    });
  }
}
