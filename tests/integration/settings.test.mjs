// Settings that cannot be wrong: every value is checked on the server, an
// enumeration offers its Japanese labels, a refused save names the field and
// changes nothing, and the audit log keeps old → new values (secrets only as
// 変更あり). A refused import leaves an audit row too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, initDb, startServer, stopServer, adminClient, userClient, sqlite, cleanup } from './lib.mjs';

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

const byKey = (r, k) => r.data.settings.find((s) => s.key === k);

test('enumerated settings come with their Japanese choices', async () => {
  const r = await admin.get('/api/v1/settings');
  assert.equal(r.status, 200);
  const pii = byKey(r, 'pii_policy');
  assert.equal(pii.type, 'enum');
  assert.deepEqual(pii.choices.map((c) => c.label), ['伏せ字にして送信', '送信しない', '警告のみ']);
  assert.deepEqual(pii.choices.map((c) => c.value), ['mask', 'block', 'warn']);
  assert.equal(byKey(r, 'llm_api_key_header').type, 'enum');
  assert.equal(byKey(r, 'llm_url').type, 'url');
  assert.equal(byKey(r, 'city_name').choices, undefined);
  for (const s of r.data.settings) assert.match(s.help, /。$/, `${s.key}: help ends with 。`);
});

test('an invalid enumeration value is refused, names the field, and is not saved', async () => {
  const bad = await admin.put('/api/v1/settings', { pii_policy: 'hide' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.data.error.field, 'pii_policy');
  assert.match(bad.data.error.message, /個人情報の扱い/);
  assert.match(bad.data.error.message, /伏せ字にして送信/);
  assert.equal(byKey(await admin.get('/api/v1/settings'), 'pii_policy').value, 'mask');
  assert.equal(sqlite(db, "SELECT count(*) FROM settings WHERE key = 'pii_policy'"), '0');
});

test('one bad value refuses the whole save', async () => {
  const r = await admin.put('/api/v1/settings', { city_name: 'あおば市', llm_url: 'ftp://llm.example.jp/v1' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.data.error.field, 'llm_url');
  assert.equal(byKey(await admin.get('/api/v1/settings'), 'city_name').value, 'みどり市');
  for (const [key, value] of [['trusted_proxy_addr', 'proxy.city.example.jp'], ['llm_temperature', '5'],
    ['stress_judge_male_means', '1,2,3'], ['session_idle_minutes', 1]]) {
    const x = await admin.put('/api/v1/settings', { [key]: value });
    assert.equal(x.status, 400, `${key}=${value}: ${x.text}`);
    assert.equal(x.data.error.field, key);
  }
});

test('the audit log records old → new values, secrets only as changed', async () => {
  const r = await admin.put('/api/v1/settings', { pii_policy: 'block', city_name: 'あおば市', llm_api_key: 'sk-very-secret-1' });
  assert.equal(r.status, 200, r.text);
  const a = await admin.get('/api/v1/audit?action=settings.update');
  const e = a.data.entries[0];
  const ch = Object.fromEntries(e.detail.changes.map((c) => [c.key, c]));
  assert.equal(ch.pii_policy.old, '伏せ字にして送信（mask）');
  assert.equal(ch.pii_policy.new, '送信しない（block）');
  assert.equal(ch.pii_policy.label, '個人情報の扱い（生成AI）');
  assert.equal(ch.city_name.old, 'みどり市');
  assert.equal(ch.city_name.new, 'あおば市');
  assert.equal(ch.llm_api_key.old, '未設定');
  assert.equal(ch.llm_api_key.new, '変更あり');
  assert.ok(!a.text.includes('sk-very-secret-1'));
  assert.ok(!sqlite(db, 'SELECT group_concat(detail) FROM audit_log').includes('sk-very-secret-1'));
  // An unchanged value is not listed; a save that changes nothing adds no row.
  const again = await admin.put('/api/v1/settings', { city_name: 'あおば市' });
  assert.equal(again.status, 200);
  const a2 = await admin.get('/api/v1/audit?action=settings.update');
  assert.equal(a2.data.entries[0].id, e.id);
  // Saving every setting at once still fits the audit row.
  const all = {};
  for (const s of (await admin.get('/api/v1/settings')).data.settings) {
    if (s.type === 'string') all[s.key] = 'x'.repeat(300);
  }
  const big = await admin.put('/api/v1/settings', all);
  assert.equal(big.status, 200, big.text);
  const a3 = await admin.get('/api/v1/audit?action=settings.update');
  assert.equal(a3.data.entries[0].detail.changes.length, Object.keys(all).length);
});

test('a refused import is audited without the file content', async () => {
  const bad = '職員番号,氏名,所属,役割,メール\n91001,秘密 花子,市民部/市民課,係長,\n';
  const r = await admin.request('POST', '/api/v1/staff/import?filename=april.csv', { body: bad, headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 400, r.text);
  const a = await admin.get('/api/v1/audit?action=import.refused');
  assert.equal(a.data.entries.length, 1);
  const e = a.data.entries[0];
  assert.equal(e.target, 'april.csv');
  assert.equal(e.detail.path, '/api/v1/staff/import');
  assert.equal(e.detail.problems, 1);
  assert.deepEqual(e.detail.lines, [2]);
  assert.ok(!a.text.includes('秘密'), 'no cell of the file reaches the audit log');
});

// The replay model server of tests/llm-server.
function startReplay() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, '../llm-server/server.mjs'), '--exit-on-stdin-close'],
      { stdio: ['pipe', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /^PORT (\d+)\n/.exec(buf);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', () => reject(new Error('replay server exited')));
  });
}

test('the LLM connection test reports models, a tiny chat, the time and the exact error', async () => {
  const none = await admin.post('/api/v1/settings/llm-test', {});
  assert.equal(none.status, 400, none.text);
  assert.equal(none.data.error.field, 'llm_url');
  assert.match(none.data.error.message, /未設定/);
  const staff = await userClient(srv.base, admin, 'notadmin', ['staff']);
  assert.equal((await staff.post('/api/v1/settings/llm-test', {})).status, 403);
  const { child, port } = await startReplay();
  try {
    assert.equal((await admin.put('/api/v1/settings', { llm_url: `http://127.0.0.1:${port}/v1`, llm_model: 'echo' })).status, 200);
    const ok = await admin.post('/api/v1/settings/llm-test', {});
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.data.ok, true, ok.text);
    assert.ok(Array.isArray(ok.data.models) && ok.data.models.length > 0, ok.text);
    assert.match(ok.data.reply, /はい/);
    assert.equal(typeof ok.data.elapsed_ms, 'number');
    await admin.put('/api/v1/settings', { llm_model: 'error-401' });
    const bad = await admin.post('/api/v1/settings/llm-test', {});
    assert.equal(bad.status, 200, bad.text);
    assert.equal(bad.data.ok, false);
    assert.equal(bad.data.http_status, 401);
    assert.match(bad.data.error, /[ぁ-んァ-ン]/, 'a Japanese sentence');
    assert.match(bad.data.error, /Incorrect API key provided/, 'and the server\'s own words');
  } finally {
    child.stdin.end();
    child.kill();
    await admin.put('/api/v1/settings', { llm_url: '', llm_model: '' });
  }
});
