// Walks the route table (`yakuba routes --json`, generated from
// src/api/routes.def) and proves that every route checks who is asking:
// anonymous callers get 401, users without an allowed role 403, and
// state-changing routes refuse a missing CSRF token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, tempDir, initDb, startServer, stopServer, adminClient, userClient, Client, cleanup } from './lib.mjs';

const ROLES = ['admin', 'editor', 'staff', 'implementer', 'head'];
let dir, srv, admin;
const byRole = {};
let routes;

before(async () => {
  const r = run(['routes', '--json']);
  assert.equal(r.status, 0, r.stderr);
  routes = JSON.parse(r.stdout);
  dir = tempDir();
  const { db, password } = initDb(dir);
  srv = await startServer(db);
  admin = await adminClient(srv.base, password);
  for (const role of ROLES) byRole[role] = await userClient(srv.base, admin, `only-${role}`, [role]);
});

after(async () => {
  if (srv) assert.equal(await stopServer(srv), 0);
  cleanup(dir);
});

const concrete = (p) => p.replace('{id}', '1');

test('the route table is not empty and every route names its roles', () => {
  assert.ok(routes.length >= 15);
  for (const r of routes) {
    assert.ok(r.public || r.roles.length > 0, `${r.method} ${r.path} has no roles`);
    assert.match(r.path, /^\/api\/v1\//);
  }
  const publicRoutes = routes.filter((r) => r.public).map((r) => `${r.method} ${r.path}`).sort();
  // Every public route, on purpose: a new one must be added here.
  assert.deepEqual(publicRoutes, ['GET /api/v1/health', 'POST /api/v1/login',
    'POST /api/v1/public/ask', 'POST /api/v1/public/ask/{id}/feedback']);
});

test('every non-public route refuses an anonymous caller with 401', async () => {
  const anon = new Client(srv.base);
  for (const r of routes.filter((x) => !x.public)) {
    const res = await anon.request(r.method, concrete(r.path), { json: r.method === 'GET' ? undefined : {} });
    assert.equal(res.status, 401, `${r.method} ${r.path}: ${res.text}`);
    assert.equal(res.data.error.code, 'unauthenticated');
    assert.ok(res.data.error.message.length > 0);
  }
});

test('every route refuses a user without one of its roles with 403', async () => {
  let checked = 0;
  for (const r of routes.filter((x) => !x.public)) {
    for (const role of ROLES.filter((x) => !r.roles.includes(x))) {
      const res = await byRole[role].request(r.method, concrete(r.path), { json: r.method === 'GET' ? undefined : {} });
      assert.equal(res.status, 403, `${role} → ${r.method} ${r.path}: ${res.text}`);
      assert.equal(res.data.error.code, 'forbidden');
      checked++;
    }
  }
  assert.ok(checked > 40, `only ${checked} role refusals checked`);
});

test('every state-changing route refuses a missing or wrong CSRF token', async () => {
  for (const r of routes.filter((x) => x.csrf && x.method !== 'GET')) {
    const role = r.roles[0];
    const c = role === 'admin' ? admin : byRole[role];
    const missing = await c.request(r.method, concrete(r.path), { json: {}, csrf: false });
    assert.equal(missing.status, 403, `${r.method} ${r.path}: ${missing.text}`);
    assert.equal(missing.data.error.code, 'csrf_failed');
    const wrong = await c.request(r.method, concrete(r.path), { json: {}, csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.data.error.code, 'csrf_failed');
  }
});

test('a user who still has the one-time password can only change it', async () => {
  const created = await admin.post('/api/v1/users', { login: 'fresh', display_name: '新規 職員', roles: ['admin'] });
  assert.equal(created.status, 201);
  const c = new Client(srv.base);
  const l = await c.login('fresh', created.data.one_time_password);
  assert.equal(l.status, 200);
  assert.equal(l.data.must_change_password, true);
  const blocked = await c.get('/api/v1/users');
  assert.equal(blocked.status, 403);
  assert.equal(blocked.data.error.code, 'password_change_required');
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  const p = await c.post('/api/v1/me/password', { current: created.data.one_time_password, new: 'fresh-Password-99' });
  assert.equal(p.status, 200, p.text);
  const ok = await c.get('/api/v1/users');
  assert.equal(ok.status, 200);
});

test('unknown API paths give 404 and wrong methods 405, as JSON', async () => {
  const nf = await admin.get('/api/v1/nope');
  assert.equal(nf.status, 404);
  assert.equal(nf.data.error.code, 'not_found');
  const m = await admin.del('/api/v1/users');
  assert.equal(m.status, 405);
  assert.equal(m.data.error.code, 'method_not_allowed');
});
