// Process lifecycle and the command line: kill -9 loses no acknowledged
// write, SIGTERM drains and exits 0, backup works while serving, the CLI's
// usage errors exit 2, a newer schema is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tempDir, initDb, startServer, stopServer, adminClient, sqlite, cleanup } from './lib.mjs';

test('every acknowledged write survives kill -9', async () => {
  const dir = tempDir();
  try {
    const { db, password } = initDb(dir);
    let srv = await startServer(db);
    const admin = await adminClient(srv.base, password);
    const acknowledged = [];
    // 60 writes in parallel; the process dies as soon as 40 are
    // acknowledged, so others are in flight at that moment.
    let killed = false;
    const pending = [];
    for (let i = 0; i < 60; i++) {
      pending.push(admin.post('/api/v1/departments', { path: `耐障害部/第${i}課` }).then((r) => {
        if (r.status === 201 && !killed) acknowledged.push(r.data.department.path);
        if (acknowledged.length >= 40 && !killed) {
          killed = true;
          srv.child.kill('SIGKILL');
        }
      }).catch(() => {}));
    }
    await Promise.allSettled(pending);
    await stopServer(srv);
    assert.ok(acknowledged.length >= 40, `only ${acknowledged.length} acknowledged`);
    srv = await startServer(db);
    const stored = sqlite(db, "SELECT path FROM departments WHERE path LIKE '耐障害部/%'").split('\n');
    for (const p of acknowledged) assert.ok(stored.includes(p), `lost ${p}`);
    assert.equal(sqlite(db, 'PRAGMA integrity_check'), 'ok');
    assert.equal(await stopServer(srv), 0);
  } finally {
    cleanup(dir);
  }
});

test('SIGTERM finishes in-flight requests and exits 0', async () => {
  const dir = tempDir();
  try {
    const { db, password } = initDb(dir);
    const srv = await startServer(db);
    const admin = await adminClient(srv.base, password);
    const inflight = [];
    // Connections still in the kernel's accept queue when the listener
    // closes are reset; those callers were never told "stored".
    for (let i = 0; i < 20; i++) {
      inflight.push(admin.post('/api/v1/departments', { path: `停止部/課${i}` }).catch((e) => ({ status: 0, error: e })));
    }
    await new Promise((r) => setTimeout(r, 5));
    const code = await stopServer(srv, 'SIGTERM');
    assert.equal(code, 0, srv.stderr());
    const results = await Promise.allSettled(inflight);
    const ok = results.filter((r) => r.status === 'fulfilled' && r.value.status === 201).length;
    const stored = Number(sqlite(db, "SELECT count(*) FROM departments WHERE path LIKE '停止部/%'"));
    assert.ok(stored >= ok, `${ok} acknowledged but ${stored} stored`);
    assert.match(srv.stderr(), /stopped cleanly/);
  } finally {
    cleanup(dir);
  }
});

test('backup makes a consistent copy while the server writes', async () => {
  const dir = tempDir();
  try {
    const { db, password } = initDb(dir);
    const srv = await startServer(db);
    const admin = await adminClient(srv.base, password);
    const writes = [];
    for (let i = 0; i < 30; i++) writes.push(admin.post('/api/v1/departments', { path: `複製部/課${i}` }));
    const dest = path.join(dir, 'copy.db');
    const r = run(['backup', '--db', db, dest]);
    assert.equal(r.status, 0, r.stderr);
    await Promise.all(writes);
    assert.equal(sqlite(dest, 'PRAGMA integrity_check'), 'ok');
    assert.equal(sqlite(dest, "SELECT login FROM users WHERE login = 'admin'"), 'admin');
    assert.equal(await stopServer(srv), 0);
  } finally {
    cleanup(dir);
  }
});

test('CLI: help, unknown options and missing arguments', () => {
  const help = run(['--help']);
  assert.equal(help.status, 0);
  for (const cmd of ['init', 'serve', 'backup', 'routes']) assert.match(help.stdout, new RegExp(`\\b${cmd}\\b`));
  for (const cmd of ['init', 'serve', 'backup', 'routes']) {
    const h = run([cmd, '--help']);
    assert.equal(h.status, 0, cmd);
    assert.match(h.stdout, /--db PATH/);
    const bad = run([cmd, '--no-such-option']);
    assert.equal(bad.status, 2, cmd);
    assert.equal(bad.stderr.trim().split('\n').length, 1, `${cmd}: one line`);
    assert.match(bad.stderr, /unknown option/);
  }
  const missing = run(['backup']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /missing argument/);
  const noArg = run(['serve', '--listen']);
  assert.equal(noArg.status, 2);
  assert.equal(run(['no-such-command']).status, 2);
  assert.equal(run([]).status, 2);
  assert.equal(run(['serve', '--listen', 'nonsense']).status, 2);
});

test('CLI: init refuses to run twice, YAKUBA_DB is honoured, a newer schema is refused', () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'env.db');
    const first = run(['init'], { env: { ...process.env, YAKUBA_DB: db } });
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /ログイン名: admin/);
    const second = run(['init', '--db', db]);
    assert.equal(second.status, 1);
    assert.match(second.stderr, /すでに初期化/);
    sqlite(db, "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 0)");
    const newer = run(['backup', '--db', db, path.join(dir, 'x.db')]);
    assert.equal(newer.status, 1);
    assert.match(newer.stderr, /newer/);
    const missing = run(['backup', '--db', path.join(dir, 'none.db'), path.join(dir, 'y.db')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /yakuba init/);
  } finally {
    cleanup(dir);
  }
});

test('docs/API.md lists exactly the routes of the route table', async () => {
  const { readFileSync } = await import('node:fs');
  const doc = readFileSync(new URL('../../docs/API.md', import.meta.url), 'utf8');
  const m = doc.match(/<!-- routes:begin -->\n([\s\S]*?)<!-- routes:end -->/);
  assert.ok(m, 'markers present');
  const r = run(['routes', '--markdown']);
  assert.equal(r.status, 0);
  assert.equal(m[1], r.stdout, 'run scripts/gen-api-doc.sh to refresh docs/API.md');
});
