// Shared helpers for the integration tests: start the real yakuba binary
// (YAKUBA_BIN, the ASan build under `make test`) on 127.0.0.1 with an
// ephemeral port and a temporary database, and talk to it like a browser.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import assert from 'node:assert/strict';

export const BIN = process.env.YAKUBA_BIN || path.resolve('build/asan/yakuba');

export function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'yakuba-it-'));
}

// Runs a yakuba subcommand synchronously; returns {status, stdout, stderr}.
export function run(args, opts = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 60000, ...opts });
  return { status: r.status, stdout: r.stdout || '', stderr: r.stderr || '' };
}

// `yakuba init` and the admin's one-time password.
export function initDb(dir) {
  const db = path.join(dir, 'y.db');
  const r = run(['init', '--db', db]);
  if (r.status !== 0) throw new Error(`init failed: ${r.stderr}`);
  const m = r.stdout.match(/初期パスワード: (\S+)/);
  if (!m) throw new Error(`no password in: ${r.stdout}`);
  return { db, password: m[1] };
}

// Starts `yakuba serve` and resolves once it prints its address.
export function startServer(db, extraArgs = [], env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1], stderr: () => err });
      }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${code}): ${err}`));
    });
  });
}

// Stops the server with SIGTERM and resolves with its exit code.
export function stopServer(srv, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    const c = srv.child;
    if (c.exitCode !== null || c.signalCode !== null) return resolve(c.exitCode ?? c.signalCode);
    srv.child.removeAllListeners('exit');
    srv.child.on('exit', (code, sig) => resolve(code ?? sig));
    srv.child.kill(signal);
  });
}

// A minimal browser: keeps the session cookie and the CSRF token.
export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = null;
    this.csrf = null;
  }

  async request(method, p, { json, body, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload = body;
    if (json !== undefined) {
      payload = JSON.stringify(json);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + p, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = setCookie.match(/yakuba_session=([^;]*)/);
      if (m) this.cookie = m[1] ? `yakuba_session=${m[1]}` : null;
    }
    // Buffer keeps a UTF-8 BOM (res.text() would strip it).
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    let data = null;
    try { data = JSON.parse(text); } catch { data = null; }
    return { status: res.status, headers: res.headers, text, data };
  }

  get(p, o) { return this.request('GET', p, o); }
  post(p, json, o = {}) { return this.request('POST', p, { json, ...o }); }
  put(p, json, o = {}) { return this.request('PUT', p, { json, ...o }); }
  del(p, o) { return this.request('DELETE', p, o); }

  async login(login, password) {
    const r = await this.post('/api/v1/login', { login, password });
    if (r.status === 200) this.csrf = r.data.csrf_token;
    return r;
  }
}

// Logs in as the admin and replaces the one-time password.
export async function adminClient(base, otp, newPassword = 'kanri-Password-2026') {
  const c = new Client(base);
  const r = await c.login('admin', otp);
  if (r.status !== 200) throw new Error(`admin login: ${r.status} ${r.text}`);
  const p = await c.post('/api/v1/me/password', { current: otp, new: newPassword });
  if (p.status !== 200) throw new Error(`password change: ${p.status} ${p.text}`);
  return c;
}

// Creates a user with the given roles and returns a logged-in client.
export async function userClient(base, admin, login, roles) {
  const r = await admin.post('/api/v1/users', { login, display_name: `${login} さん`, roles });
  if (r.status !== 201) throw new Error(`create ${login}: ${r.status} ${r.text}`);
  const c = new Client(base);
  const otp = r.data.one_time_password;
  const l = await c.login(login, otp);
  if (l.status !== 200) throw new Error(`login ${login}: ${l.status} ${l.text}`);
  const pw = `${login}-New-Password-1`;
  const p = await c.post('/api/v1/me/password', { current: otp, new: pw });
  if (p.status !== 200) throw new Error(`password ${login}: ${p.status} ${p.text}`);
  c.id = r.data.user.id;
  c.password = pw;
  return c;
}

// Raw HTTP/1.1 request for cases fetch() refuses to send (huge headers...).
export function rawRequest(base, { method = 'GET', path: p = '/', headers = {}, body } = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: p, headers,
      maxHeaderSize: 1 << 20 }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

export function sqlite(db, sql) {
  const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

// Polls fn every 250 ms for up to 30 s: for what the server does after the
// response has reached the client (its access-log line, a background job).
export async function waitFor(what, fn) {
  for (let i = 0; i < 120; i++) {
    if (fn()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`timed out waiting for ${what}`);
}

export function cleanup(dir) {
  rmSync(dir, { recursive: true, force: true });
}

// The roster of the 活用状況 tests (adoption, usage import): 42 staff,
// 市民部/市民課 20, 市民部/保険年金課 12, 市民部 itself 5, 総務部/秘書係 3
// (small: merged into 総務部) and 総務部 itself 2; the first of each group
// is 幹部. CSV text for `yakuba staff import`.
export function adoptionRoster() {
  const rows = ['職員番号,氏名,所属,役割'];
  let n = 0;
  const add = (dept, count, tier = '一般職員') => {
    for (let i = 0; i < count; i++) rows.push(`E${String(++n).padStart(3, '0')},職員${n},${dept},${i === 0 ? '幹部' : tier}`);
  };
  add('市民部/市民課', 20);
  add('市民部/保険年金課', 12);
  add('市民部', 5, 'DX推進リーダー');
  add('総務部/秘書係', 3);
  add('総務部', 2);
  return rows.join('\n') + '\n';
}
