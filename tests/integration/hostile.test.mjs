// Hostile and malformed requests against the real server: every one gets a
// clear JSON error, none crashes the server (it runs under ASan) and none
// changes stored data.
import net from 'node:net';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, initDb, startServer, stopServer, adminClient, userClient, Client, rawRequest, sqlite, cleanup } from './lib.mjs';

let dir, db, srv, admin;

before(async () => {
  dir = tempDir();
  const init = initDb(dir);
  db = init.db;
  srv = await startServer(db);
  admin = await adminClient(srv.base, init.password);
});

after(async () => {
  if (srv) assert.equal(await stopServer(srv), 0, srv.stderr());
  cleanup(dir);
});

test('security headers are on every response', async () => {
  for (const p of ['/', '/api/v1/health', '/api/v1/me', '/no-such-page']) {
    const r = await fetch(srv.base + p);
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  }
});

test('login sets an HttpOnly SameSite=Strict cookie', async () => {
  const c = new Client(srv.base);
  const res = await fetch(srv.base + '/api/v1/login', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'kanri-Password-2026' }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^yakuba_session=[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
  assert.doesNotMatch(cookie, /Secure/);
  // Only the hash of the token is stored.
  const token = cookie.match(/yakuba_session=([^;]+)/)[1];
  assert.equal(sqlite(db, `SELECT count(*) FROM sessions WHERE token_hash = CAST('${token}' AS BLOB)`), '0');
  void c;
});

test('login from a foreign Origin is refused', async () => {
  const r = await fetch(srv.base + '/api/v1/login', {
    method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
    body: JSON.stringify({ login: 'admin', password: 'kanri-Password-2026' }),
  });
  assert.equal(r.status, 403);
});

test('oversized body gives 413 without reading it all', async () => {
  // A raw socket: announce 2 MiB, send only 64 KiB, and read the answer.
  // (fetch() reports EPIPE when the server answers before the body is sent.)
  const u = new URL(srv.base);
  const reply = await new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname, () => {
      sock.write(`POST /api/v1/departments HTTP/1.1\r\nHost: x\r\nCookie: ${admin.cookie}\r\n` +
        `X-CSRF-Token: ${admin.csrf}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${2 * 1024 * 1024}\r\n\r\n`);
      sock.write('{"path": "' + 'x'.repeat(65536));
    });
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => { data += d; });
    sock.on('error', () => resolve(data));
    sock.on('close', () => resolve(data));
    setTimeout(() => { sock.destroy(); reject(new Error(`no answer: ${data}`)); }, 10000);
  });
  assert.match(reply, /^HTTP\/1\.1 413/);
  assert.match(reply, /"code":\s*"limit_exceeded"/);
});

test('malformed JSON gives 400 with line and column', async () => {
  const r = await admin.request('POST', '/api/v1/departments', {
    body: '{"path": "市民部",\n  oops}', headers: { 'content-type': 'application/json' },
  });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.code, 'parse_error');
  assert.equal(r.data.error.line, 2);
  assert.ok(r.data.error.column > 0);
});

test('JSON that is not an object, and duplicate keys, are refused', async () => {
  for (const body of ['[1,2]', '"x"', '{"path":"a","path":"b"}']) {
    const r = await admin.request('POST', '/api/v1/departments', { body, headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 400, body);
    assert.equal(r.data.error.code, 'parse_error');
  }
});

test('deep nesting and huge strings hit their named limits', async () => {
  const deep = '{"a":' + '['.repeat(100) + ']'.repeat(100) + '}';
  const r1 = await admin.request('POST', '/api/v1/departments', { body: deep, headers: { 'content-type': 'application/json' } });
  assert.equal(r1.status, 413);
  assert.match(r1.data.error.message, /入れ子/);
  const r2 = await admin.post('/api/v1/departments', { path: 'あ'.repeat(30000) });
  assert.equal(r2.status, 413);
  assert.equal(r2.data.error.code, 'limit_exceeded');
});

test('invalid UTF-8 in body, path and query gives 400 invalid_utf8', async () => {
  const body = Buffer.concat([Buffer.from('{"path":"'), Buffer.from([0x82, 0xa0, 0xff]), Buffer.from('"}')]);
  const r = await admin.request('POST', '/api/v1/departments', { body, headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.code, 'invalid_utf8');
  const q = await admin.get('/api/v1/staff?q=%82%A0');
  assert.equal(q.status, 400);
  assert.equal(q.data.error.code, 'invalid_utf8');
  const p = await rawRequest(srv.base, { path: '/api/v1/%FF%FE' });
  assert.equal(p.status, 400);
});

test('oversized headers give 413', async () => {
  const r = await rawRequest(srv.base, { path: '/api/v1/health', headers: { 'x-filler': 'a'.repeat(20000) } });
  assert.ok(r.status === 413 || r.status === 431, `status ${r.status}`);
});

test('wrong JSON types and unknown fields name the field', async () => {
  const r1 = await admin.post('/api/v1/users', { login: 12, display_name: 'x', roles: ['staff'] });
  assert.equal(r1.status, 400);
  assert.equal(r1.data.error.field, 'login');
  const r2 = await admin.post('/api/v1/users', { login: 'abc', display_name: 'x', roles: ['staff'], is_root: true });
  assert.equal(r2.status, 400);
  assert.equal(r2.data.error.field, 'is_root');
  const r3 = await admin.post('/api/v1/users', { login: 'abc', display_name: 'x', roles: ['superuser'] });
  assert.equal(r3.status, 400);
  assert.equal(r3.data.error.field, 'roles');
  const r4 = await admin.put('/api/v1/settings', { session_idle_minutes: 'abc' });
  assert.equal(r4.status, 400);
  assert.equal(r4.data.error.field, 'session_idle_minutes');
  const r5 = await admin.get('/api/v1/staff?limit=100000');
  assert.equal(r5.status, 400);
  assert.equal(r5.data.error.field, 'limit');
});

test('SQL metacharacters in every text field are stored verbatim', async () => {
  const evil = `'; DROP TABLE users; -- "\\ %_ <script>`;
  const d = await admin.post('/api/v1/departments', { path: `総務部/${evil.replace(/\//g, '')}` });
  assert.equal(d.status, 201, d.text);
  const u = await admin.post('/api/v1/users', {
    login: 'evil.user', display_name: evil, email: 'a@b.example', department: d.data.department.path, roles: ['staff'],
  });
  assert.equal(u.status, 201, u.text);
  assert.equal(u.data.user.display_name, evil);
  const s = await admin.put('/api/v1/settings', { city_name: evil });
  assert.equal(s.status, 200, s.text);
  const list = await admin.get('/api/v1/users');
  assert.ok(list.data.users.some((x) => x.display_name === evil));
  const st = await admin.get(`/api/v1/staff?q=${encodeURIComponent("' OR 1=1 --")}`);
  assert.equal(st.status, 200);
  assert.equal(st.data.total, 0);
  const audit = await admin.get(`/api/v1/audit?action=${encodeURIComponent("' OR ''='")}`);
  assert.equal(audit.status, 200);
  assert.equal(audit.data.entries.length, 0);
  assert.equal(sqlite(db, 'SELECT count(*) FROM users') >= '2', true);
});

test('an expired session is refused with 401', async () => {
  const c = await userClient(srv.base, admin, 'expiring', ['staff']);
  assert.equal((await c.get('/api/v1/me')).status, 200);
  sqlite(db, `UPDATE sessions SET expires_at = 1 WHERE user_id = ${c.id}`);
  const r = await c.get('/api/v1/me');
  assert.equal(r.status, 401);
  const c2 = await userClient(srv.base, admin, 'idle', ['staff']);
  sqlite(db, `UPDATE sessions SET last_seen_at = 1 WHERE user_id = ${c2.id}`);
  assert.equal((await c2.get('/api/v1/me')).status, 401);
});

test('a forged or malformed session cookie is refused', async () => {
  for (const cookie of ['yakuba_session=' + 'A'.repeat(43), 'yakuba_session=short', 'yakuba_session=%00%FF']) {
    const r = await fetch(srv.base + '/api/v1/me', { headers: { cookie } });
    assert.equal(r.status === 401 || r.status === 400, true, cookie);
  }
});

test('login failures are rate-limited per account', async () => {
  const c = new Client(srv.base);
  await userClient(srv.base, admin, 'target', ['staff']);
  let last;
  for (let i = 0; i < 6; i++) last = await c.login('target', 'wrong-password-' + i);
  assert.equal(last.status, 429);
  assert.equal(last.data.error.code, 'rate_limited');
  assert.ok(last.headers.get('retry-after'));
  const audit = await admin.get('/api/v1/audit?action=login.failed');
  assert.ok(audit.data.entries.length >= 5);
  assert.ok(!audit.text.includes('wrong-password'), 'passwords never reach the audit log');
});

test('the audit log records logins and admin actions, and exports CSV', async () => {
  const r = await admin.get('/api/v1/audit?limit=500');
  assert.equal(r.status, 200);
  const actions = new Set(r.data.entries.map((e) => e.action));
  // Labels come from the one table src/audit/actions.def.
  assert.equal(r.data.entries.find((e) => e.action === 'login').action_label, 'ログイン');
  assert.ok(r.data.actions.some((a) => a.code === 'training.promote' && /繰り上げ/.test(a.label)));
  for (const a of ['login', 'user.create', 'user.change_password', 'settings.update', 'dept.create']) {
    assert.ok(actions.has(a), `missing ${a}`);
  }
  const csv = await admin.get('/api/v1/audit.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.ok(csv.text.startsWith('\uFEFF'));
  const after2 = await admin.get('/api/v1/audit?action=audit.export');
  assert.equal(after2.data.entries.length, 1);
});

test('static assets are served with ETag and revalidate to 304', async () => {
  const r = await fetch(srv.base + '/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/html/);
  const etag = r.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(srv.base + '/', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  const traversal = await rawRequest(srv.base, { path: '/../../etc/passwd' });
  assert.equal(traversal.status, 404);
  const post = await fetch(srv.base + '/', { method: 'POST' });
  assert.equal(post.status, 405);
});

test('only the citizens\' page may be framed, and only by the configured sites', async () => {
  const index = await fetch(srv.base + '/');
  assert.match(index.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(index.headers.get('x-frame-options'), 'DENY');
  let pub = await fetch(srv.base + '/public.html');
  assert.equal(pub.status, 200);
  assert.match(pub.headers.get('content-security-policy'), /frame-ancestors 'self'$/);
  assert.equal(pub.headers.get('x-frame-options'), null);
  // A value that is not a list of origins is refused, naming the field.
  const bad = await admin.put('/api/v1/settings', { public_frame_ancestors: "https://www.city.example.jp javascript:alert(1) 'unsafe-inline'" });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.data.error.field, 'public_frame_ancestors');
  pub = await fetch(srv.base + '/public.html');
  assert.match(pub.headers.get('content-security-policy'), /frame-ancestors 'self'$/);
  const set = await admin.put('/api/v1/settings', { public_frame_ancestors: 'https://www.city.example.jp' });
  assert.equal(set.status, 200, set.text);
  pub = await fetch(srv.base + '/public.html');
  assert.match(pub.headers.get('content-security-policy'), /frame-ancestors 'self' https:\/\/www\.city\.example\.jp$/);
  assert.match(pub.headers.get('content-security-policy'), /script-src 'self';/);
  assert.match((await fetch(srv.base + '/')).headers.get('content-security-policy'), /frame-ancestors 'none'/);
  await admin.put('/api/v1/settings', { public_frame_ancestors: '' });
});

test('roster import stores all rows or none, with per-row errors', async () => {
  const good = '職員番号,氏名,所属,役割,メール\n90001,架空 一郎,市民部/市民課,一般職員,ichiro@example.lg.jp\n90002,架空 二郎,市民部/税務課,DX推進リーダー,\n';
  const ok = await admin.request('POST', '/api/v1/staff/import?filename=good.csv', { body: good, headers: { 'content-type': 'text/csv' } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.data.inserted, 2);
  const bad = '職員番号,氏名,所属,役割,メール\n90003,架空 三郎,市民部/市民課,一般職員,\n90004,架空 四郎,市民部/市民課,係長,\n';
  const ng = await admin.request('POST', '/api/v1/staff/import?filename=bad.csv', { body: bad, headers: { 'content-type': 'text/csv' } });
  assert.equal(ng.status, 400, ng.text);
  assert.equal(ng.data.error.details[0].line, 3);
  // The one problem format of every import (docs/ingest.md), as the FAQ import.
  assert.equal(ng.data.error.details[0].column, '役割');
  assert.match(ng.data.error.details[0].text, /^bad\.csv:3: 「役割」の「係長」は使えません/);
  assert.equal(ng.data.error.file, 'bad.csv');
  const list = await admin.get('/api/v1/staff?q=架空');
  assert.equal(list.data.total, 2, 'nothing from the bad file is stored');
});

test('a wrong current password is a form error naming the field, not a lost session', async () => {
  const u = await userClient(srv.base, admin, 'pwform', ['staff']);
  const wrong = await u.post('/api/v1/me/password', { current: 'not-it', new: 'another-Password-1' });
  assert.equal(wrong.status, 400, wrong.text);
  assert.equal(wrong.data.error.field, 'current');
  const short = await u.post('/api/v1/me/password', { current: u.password, new: 'short' });
  assert.equal(short.status, 400);
  assert.equal(short.data.error.field, 'new');
  assert.equal((await u.get('/api/v1/me')).status, 200, 'still logged in');
  const me = await u.get('/api/v1/me');
  assert.equal(me.data.password_min_length, 12);
  const city = (await admin.get('/api/v1/settings')).data.settings.find((x) => x.key === 'city_name');
  const health = await new Client(srv.base).get('/api/v1/health');
  assert.equal(health.data.city_name, city.value);
});

test('secret settings are stored but never shown back', async () => {
  const put = await admin.put('/api/v1/settings', { llm_api_key: 'sk-test-secret-value' });
  assert.equal(put.status, 200, put.text);
  assert.ok(!put.text.includes('sk-test-secret-value'));
  const get = await admin.get('/api/v1/settings');
  const key = get.data.settings.find((s) => s.key === 'llm_api_key');
  assert.equal(key.type, 'secret');
  assert.equal(key.value, '');
  assert.equal(key.is_set, true);
  assert.ok(!get.text.includes('sk-test-secret-value'));
  const audit = await admin.get('/api/v1/audit?action=settings.update');
  assert.ok(!audit.text.includes('sk-test-secret-value'));
  const wrongType = await admin.put('/api/v1/settings', { llm_api_key: 12 });
  assert.equal(wrongType.status, 400);
});

test('trusted-proxy SSO logs in only when enabled and only from the proxy', async () => {
  const hdr = { 'x-remote-user': 'admin' };
  assert.equal((await fetch(srv.base + '/api/v1/me', { headers: hdr })).status, 401);
  const on = await admin.put('/api/v1/settings', { sso_enabled: true, sso_proxy_addr: '127.0.0.1', sso_allow_admin: true });
  assert.equal(on.status, 200, on.text);
  const r = await fetch(srv.base + '/api/v1/me', { headers: hdr });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).user.login, 'admin');
  const other = await admin.put('/api/v1/settings', { sso_proxy_addr: '192.0.2.1' });
  assert.equal(other.status, 200);
  assert.equal((await fetch(srv.base + '/api/v1/me', { headers: hdr })).status, 401);
  await admin.put('/api/v1/settings', { sso_enabled: false });
});
