// 所属: display order set by an admin (audited), counts that include the
// departments below, and "deletable" only when a delete would succeed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, initDb, startServer, stopServer, adminClient, userClient, cleanup } from './lib.mjs';

let dir, srv, admin;

before(async () => {
  dir = tempDir();
  const init = initDb(dir);
  srv = await startServer(init.db);
  admin = await adminClient(srv.base, init.password);
});

after(async () => {
  if (srv) assert.equal(await stopServer(srv), 0, srv.stderr());
  cleanup(dir);
});

const byPath = async () => Object.fromEntries((await admin.get('/api/v1/departments')).data.departments.map((d) => [d.path, d]));

test('counts include sub-departments; deletable only when empty', async () => {
  const csv = '職員番号,氏名,所属,役割,メール\n80001,架空 一郎,市民部/市民課,一般職員,\n80002,架空 二郎,市民部/税務課,一般職員,\n';
  const r = await admin.request('POST', '/api/v1/staff/import?filename=s.csv', { body: csv, headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await admin.post('/api/v1/departments', { path: '総務部' })).status, 201);
  const d = await byPath();
  assert.equal(d['市民部'].staff_count, 0);
  assert.equal(d['市民部'].total_staff_count, 2);
  assert.equal(d['市民部'].child_count, 2);
  assert.equal(d['市民部'].deletable, false);
  assert.equal(d['市民部/市民課'].total_staff_count, 1);
  assert.equal(d['市民部/市民課'].deletable, false);
  assert.equal(d['総務部'].deletable, true);
  // The flag agrees with the server's rule.
  assert.equal((await admin.del(`/api/v1/departments/${d['市民部'].id}`)).status, 409);
  assert.equal((await admin.del(`/api/v1/departments/${d['総務部'].id}`)).status, 200);
});

test('display order is set by an admin, checked and audited', async () => {
  const d = await byPath();
  const id = d['市民部/税務課'].id;
  const ok = await admin.put(`/api/v1/departments/${id}/order`, { display_order: 3 });
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await byPath())['市民部/税務課'].display_order, 3);
  for (const bad of [{ display_order: -1 }, { display_order: 10000 }, { display_order: '3' }, { other: 1 }]) {
    const r = await admin.put(`/api/v1/departments/${id}/order`, bad);
    assert.equal(r.status, 400, JSON.stringify(bad));
  }
  assert.equal((await admin.put('/api/v1/departments/999999/order', { display_order: 1 })).status, 404);
  const staff = await userClient(srv.base, admin, 'orderstaff', ['staff']);
  assert.equal((await staff.put(`/api/v1/departments/${id}/order`, { display_order: 1 })).status, 403);
  const a = await admin.get('/api/v1/audit?action=dept.order');
  assert.equal(a.data.entries.length, 1);
  assert.equal(a.data.entries[0].target, '市民部/税務課');
  assert.deepEqual(a.data.entries[0].detail, { from: 0, to: 3 });
});

test('counts are of current staff: people who left are not counted but still keep the department', async () => {
  const sync = async (rows) => {
    const csv = '職員番号,氏名,所属,役割,メール\n80001,架空 一郎,市民部/市民課,一般職員,\n80002,架空 二郎,市民部/税務課,一般職員,\n' + rows;
    const r = await admin.request('POST', '/api/v1/staff/sync?filename=all.csv&apply=1', { body: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 200, r.text);
  };
  await sync('90001,架空 三郎,福祉部/介護課,一般職員,\n90002,架空 四郎,福祉部/介護課,一般職員,\n90003,架空 五郎,福祉部/障害課,一般職員,\n');
  let d = await byPath();
  assert.equal(d['福祉部'].total_staff_count, 3);
  assert.equal(d['福祉部/介護課'].staff_count, 2);
  // 90002 retires, 90003 too: 障害課 has nobody left but its record.
  await sync('90001,架空 三郎,福祉部/介護課,一般職員,\n');
  d = await byPath();
  assert.equal(d['福祉部'].total_staff_count, 1);
  assert.equal(d['福祉部/介護課'].staff_count, 1);
  assert.equal(d['福祉部/介護課'].total_staff_count, 1);
  assert.equal(d['福祉部/介護課'].left_staff_count, 1);
  assert.equal(d['福祉部/障害課'].staff_count, 0);
  assert.equal(d['福祉部/障害課'].total_staff_count, 0);
  assert.equal(d['福祉部/障害課'].left_staff_count, 1);
  // The roster keeps people who left, so the department cannot go: the flag
  // says so, and the server agrees.
  assert.equal(d['福祉部/障害課'].deletable, false);
  const del = await admin.del(`/api/v1/departments/${d['福祉部/障害課'].id}`);
  assert.equal(del.status, 409);
  assert.match(del.data.error.message, /退職した職員の記録 1 人/);
  // The roster list counts the two apart.
  let r = await admin.get('/api/v1/staff');
  assert.deepEqual([r.data.total, r.data.current, r.data.left], [3, 3, 2]);
  r = await admin.get('/api/v1/staff?all=1&q=' + encodeURIComponent('福祉部'));
  assert.deepEqual([r.data.total, r.data.current, r.data.left], [3, 1, 2]);
});
