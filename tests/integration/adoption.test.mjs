// 活用状況 (issue 10) through the real binary: the report API and
// `yakuba report adoption` give the same JSON with the keys the issue
// names; roles; period parameters and their errors; department drill-down
// and the merging of small departments; CSV with BOM; per-person counts
// only for admins behind the setting, audit-logged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, tempDir, initDb, startServer, stopServer, adminClient, userClient, cleanup, sqlite, adoptionRoster as roster } from './lib.mjs';

let dir, db, srv, admin, editor, staff;

// JST wall time → Unix seconds, independent of the machine's TZ.
const jst = (y, mo, d, h = 12, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 9, mi, s) / 1000;

before(async () => {
  dir = tempDir();
  const init = initDb(dir);
  db = init.db;
  const csv = path.join(dir, 'roster.csv');
  writeFileSync(csv, roster());
  const r = run(['staff', 'import', '--db', db, csv]);
  assert.equal(r.status, 0, r.stderr);
  // Uses in 令和5年度: E001 12 times, E002 3 times, E021 once at the last
  // second of the year; E022 at the first second of 令和6年度; E038 (秘書係) twice.
  const ev = [];
  const id = (no) => `(SELECT id FROM staff WHERE employee_no = '${no}')`;
  for (let i = 0; i < 12; i++) ev.push([jst(2023, 5, 1 + i), id('E001'), 'ask']);
  for (let i = 0; i < 3; i++) ev.push([jst(2023, 9, 10 + i), id('E002'), 'chat']);
  ev.push([jst(2024, 3, 31, 23, 59, 59), id('E021'), 'ask']);
  ev.push([jst(2024, 4, 1, 0, 0, 0), id('E022'), 'ask']);
  ev.push([jst(2023, 7, 7), id('E038'), 'ask'], [jst(2023, 7, 8), id('E038'), 'ask']);
  sqlite(db, 'INSERT INTO usage_events(at, staff_id, feature, outcome) VALUES ' +
    ev.map(([at, s, f]) => `(${at}, ${s}, '${f}', 'ok')`).join(',') + ';');
  srv = await startServer(db);
  admin = await adminClient(srv.base, init.password);
  editor = await userClient(srv.base, admin, 'henshu', ['editor']);
  staff = await userClient(srv.base, admin, 'shokuin', ['staff']);
});

after(async () => {
  if (srv) assert.equal(await stopServer(srv), 0);
  cleanup(dir);
});

const FY = '/api/v1/reports/adoption?fy=2023';

test('the report has the keys and figures of the issue', async () => {
  const r = await admin.get(FY);
  assert.equal(r.status, 200, r.text);
  const j = r.data;
  assert.equal(j.period.from, '2023-04-01');
  assert.equal(j.period.to, '2024-03-31');
  assert.equal(j.period.label, '令和5年度');
  assert.equal(j.eligible, 42);
  assert.equal(j.active, 4);
  assert.equal(j.uses, 18);
  assert.equal(j.active_rate, 0.0952);
  assert.deepEqual(j.buckets.map((b) => b.label), ['1-9', '10-19', '20-49', '50+']);
  assert.deepEqual(j.buckets.map((b) => b.users), [3, 1, 0, 0]);
  assert.equal(j.buckets[0].share, 0.75);
  // Departments: 市民部 rolls up its 課 and its own 5; the 3-person 秘書係
  // is merged into 総務部 (its own 2 + 3 = 5).
  const dept = Object.fromEntries(j.by_department.map((d) => [d.department, d]));
  assert.deepEqual(Object.keys(dept).sort(), ['市民部', '市民部/保険年金課', '市民部/市民課', '総務部']);
  assert.equal(dept['総務部'].eligible, 5);
  assert.equal(dept['総務部'].active, 1);
  assert.equal(dept['総務部'].merged, 1);
  assert.equal(dept['市民部'].eligible, 37);
  assert.equal(dept['市民部'].active, 3);
  assert.equal(dept['市民部'].uses, 16);
  assert.equal(dept['市民部/市民課'].eligible, 20);
  assert.equal(dept['市民部/市民課'].active, 2);
  for (const d of j.by_department) for (const k of ['eligible', 'active', 'uses']) assert.equal(typeof d[k], 'number');
  const tiers = Object.fromEntries(j.by_tier.map((t) => [t.tier, t]));
  assert.equal(tiers['幹部'].eligible, 5);
  assert.equal(tiers['DX推進リーダー'].eligible, 4);
  assert.equal(tiers['一般職員'].eligible, 33);
  // DX推進リーダー (4) is hidden, and so is the next smallest: alone it
  // would be given away by subtraction from the total.
  assert.equal(tiers['幹部'].suppressed, true);
  assert.equal(tiers['幹部'].active, null);
  const feat = Object.fromEntries(j.by_feature.map((f) => [f.feature, f]));
  assert.equal(feat.ask.uses, 15);
  assert.equal(feat.ask.users, 3);
  assert.equal(feat.chat.users, 1);
  assert.equal(feat.ask.label, '問い合わせAI（職員）');
  assert.equal(j.by_month.length, 12);
  assert.equal(j.by_month[0].month, '2023-04');
  assert.equal(j.by_month[1].month, '2023-05');
  assert.equal(j.by_month[1].uses, 12);
  assert.equal(j.by_month[11].month, '2024-03');
  assert.equal(j.by_month[11].active, 1);
  assert.ok(Array.isArray(j.by_week) && j.by_week.length >= 52);
  assert.equal(j.outcomes.minutes_per_use, 5);
  assert.match(j.outcomes.assumption, /5 分/);
});

test('the CLI prints the same JSON as the API', async () => {
  const api = await admin.get(FY);
  const cli = run(['report', 'adoption', '--db', db, '--from', '2023-04-01', '--to', '2024-03-31', '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout), api.data);
  const byFy = run(['report', 'adoption', '--db', db, '--fy', '令和5', '--json']);
  assert.deepEqual(JSON.parse(byFy.stdout), api.data);
  const text = run(['report', 'adoption', '--db', db, '--fy', '2023']);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /令和5年度/);
  assert.match(text.stdout, /対象職員 42 人/);
});

test('the fiscal-year boundary is in Japan time', async () => {
  const next = await admin.get('/api/v1/reports/adoption?fy=2024');
  assert.equal(next.status, 200);
  assert.equal(next.data.active, 1);
  assert.equal(next.data.period.label, '令和6年度');
  const lastDay = await admin.get('/api/v1/reports/adoption?from=2024-03-31&to=2024-03-31');
  assert.equal(lastDay.data.uses, 1);
  assert.equal(lastDay.data.period.label, null);
  const firstDay = await admin.get('/api/v1/reports/adoption?from=2024-04-01&to=2024-04-01');
  assert.equal(firstDay.data.uses, 1);
});

test('feature filter, month period and department drill-down', async () => {
  const chat = await admin.get('/api/v1/reports/adoption?fy=2023&feature=chat');
  assert.equal(chat.data.active, 1);
  assert.equal(chat.data.uses, 3);
  assert.equal(chat.data.feature, 'chat');
  const may = await editor.get('/api/v1/reports/adoption?month=2023-05');
  assert.equal(may.status, 200);
  assert.equal(may.data.uses, 12);
  assert.equal(may.data.by_month.length, 1);
  const d = await admin.get('/api/v1/reports/adoption?fy=2023&department=' + encodeURIComponent('市民部'));
  assert.equal(d.status, 200, d.text);
  assert.equal(d.data.department.path, '市民部');
  assert.equal(d.data.eligible, 37);
  assert.equal(d.data.by_department[0].department, '市民部');
  const byId = await admin.get(`/api/v1/reports/adoption?fy=2023&department=${d.data.department.id}`);
  assert.deepEqual(byId.data, d.data);
  const small = await admin.get('/api/v1/reports/adoption?fy=2023&department=' + encodeURIComponent('総務部/秘書係'));
  assert.equal(small.status, 403);
  assert.match(small.data.error.message, /5 人未満/);
});

test('bad parameters are refused with the field named', async () => {
  for (const [q, field] of [['from=2023-13-01', 'from'], ['to=yesterday', 'to'],
    ['from=2024-05-01&to=2024-04-01', 'to'], ['fy=平成', 'fy'], ['month=2024-1', 'month'],
    ['from=2000-01-01&to=2024-01-01', 'from']]) {
    const r = await admin.get(`/api/v1/reports/adoption?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.data.error.field, field, q);
  }
  const nf = await admin.get('/api/v1/reports/adoption?department=' + encodeURIComponent('無い部'));
  assert.equal(nf.status, 404);
  const csv = await admin.get('/api/v1/reports/adoption.csv?table=nope');
  assert.equal(csv.status, 400);
  const cli = run(['report', 'adoption', '--db', db, '--from', '2023-02-30']);
  assert.equal(cli.status, 2);
  assert.match(cli.stderr, /--from/);
  const both = run(['report', 'adoption', '--db', db, '--json', '--csv']);
  assert.equal(both.status, 2);
});

test('only admins and editors see the report', async () => {
  assert.equal((await staff.get(FY)).status, 403);
  assert.equal((await staff.get('/api/v1/reports/adoption.csv')).status, 403);
  assert.equal((await editor.get(FY)).status, 200);
  assert.equal((await editor.get('/api/v1/reports/adoption/people?fy=2023')).status, 403);
});

// A user with the head role in department dept (null: none).
async function headClient(login, dept) {
  const c = await userClient(srv.base, admin, login, ['staff']);
  const spec = { display_name: `${login} さん`, roles: ['head'] };
  if (dept) spec.department = dept;
  const r = await admin.put(`/api/v1/users/${c.id}`, spec);
  assert.equal(r.status, 200, r.text);
  return c;
}

test('a department head (所属長) sees their own department and below only', async () => {
  // Without a department the head role gives no scope at all.
  const none = await headClient('shozoku-nashi', null);
  assert.equal((await none.get(FY)).status, 403);
  const head = await headClient('shocho', '市民部');
  const r = await head.get(FY);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.department.path, '市民部');
  assert.equal(r.data.eligible, 37);
  assert.ok(r.data.by_department.every((d) => d.department.startsWith('市民部')), JSON.stringify(r.data.by_department));
  const down = await head.get(`${FY}&department=${encodeURIComponent('市民部/市民課')}`);
  assert.equal(down.status, 200, down.text);
  assert.equal(down.data.eligible, 20);
  const other = await head.get(`${FY}&department=${encodeURIComponent('総務部')}`);
  assert.equal(other.status, 403);
  assert.equal(other.data.error.field, 'department');
  const byId = await admin.get(`${FY}&department=${encodeURIComponent('総務部')}`);
  assert.equal(byId.status, 200);
  assert.equal((await head.get(`${FY}&department=${byId.data.department.id}`)).status, 403);
  const csv = await head.get('/api/v1/reports/adoption.csv?fy=2023&table=departments');
  assert.equal(csv.status, 200);
  assert.ok(!csv.text.includes('総務部'), csv.text);
  assert.ok(csv.text.includes('"市民部/市民課"'), csv.text);
  assert.equal((await head.get('/api/v1/reports/adoption/people?fy=2023')).status, 403);
  // A head of a department too small to be shown alone is refused as anyone is.
  const small = await headClient('hisho', '総務部/秘書係');
  assert.equal((await small.get(FY)).status, 403);
  // Admins and editors still see everything.
  assert.equal((await editor.get(FY)).data.department, null);
});

test('outcome figures and per-template keys are in the report', async () => {
  const j = (await admin.get(FY)).data;
  assert.ok(Array.isArray(j.by_template));
  assert.equal(j.outcomes.unanswered_questions, 0);
  assert.equal(j.outcomes.unanswered_to_faq, 0);
  assert.deepEqual(j.outcomes.citizen_votes, { up: 0, down: 0, up_rate: null });
  const t = await admin.get('/api/v1/reports/adoption.csv?fy=2023&table=templates');
  assert.equal(t.status, 200);
  assert.equal(t.text.slice(1).split('\r\n')[0], '"テンプレート番号","テンプレート名","利用回数（職員）","利用した職員数","利用回数（全体）"');
});

test('CSV: each table, UTF-8 with BOM', async () => {
  const r = await editor.get('/api/v1/reports/adoption.csv?fy=2023&table=departments');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  assert.match(r.headers.get('content-disposition'), /adoption-departments-2023-04-01-2024-03-31\.csv/);
  assert.ok(r.text.startsWith('\uFEFF'));
  const lines = r.text.slice(1).trim().split('\r\n');
  assert.equal(lines[0], '"所属","対象職員数","利用した職員数","利用率","利用回数"');
  assert.ok(lines.includes('"市民部",37,3,0.0811,16'), lines.join('\n'));
  const b = await editor.get('/api/v1/reports/adoption.csv?fy=2023&table=buckets');
  assert.ok(b.text.includes('"1-9",3,0.7500'));
  const cli = run(['report', 'adoption', '--db', db, '--fy', '2023', '--csv']);
  assert.equal(cli.status, 0);
  assert.ok(cli.stdout.startsWith('\uFEFF'));
  assert.equal(cli.stdout.split('\uFEFF').length, 2, 'one BOM for the whole stream');
  assert.match(cli.stdout, /"2024-03",1,1,/);
});

test('per-person counts: admins only, behind the setting, audit-logged', async () => {
  const off = await admin.get('/api/v1/reports/adoption/people?fy=2023');
  assert.equal(off.status, 403);
  const set = await admin.put('/api/v1/settings', { usage_per_person: true });
  assert.equal(set.status, 200, set.text);
  const on = await admin.get('/api/v1/reports/adoption/people?fy=2023');
  assert.equal(on.status, 200, on.text);
  assert.equal(on.data.people.length, 4);
  // Ordered by department and number, never by use.
  assert.deepEqual(on.data.people.map((p) => p.employee_no), ['E021', 'E001', 'E002', 'E038']);
  assert.equal(on.data.people.find((p) => p.employee_no === 'E001').uses, 12);
  const audit = await admin.get('/api/v1/audit?action=usage.per_person');
  assert.equal(audit.data.entries.length, 1);
  assert.equal(audit.data.entries[0].detail.from, '2023-04-01');
  assert.equal((await editor.get('/api/v1/reports/adoption/people?fy=2023')).status, 403);
});

test('the eligible_staff setting replaces the denominator', async () => {
  const set = await admin.put('/api/v1/settings', { eligible_staff: 80, usage_minutes_per_use: 12 });
  assert.equal(set.status, 200, set.text);
  const r = await admin.get(FY);
  assert.equal(r.data.eligible, 80);
  assert.equal(r.data.eligible_source, 'setting');
  assert.equal(r.data.roster_eligible, 42);
  assert.equal(r.data.active_rate, 0.05);
  assert.equal(r.data.outcomes.minutes_per_use, 12);
  assert.equal(r.data.outcomes.hours_saved, 3.6);
  await admin.put('/api/v1/settings', { eligible_staff: 0, usage_minutes_per_use: 5 });
});

test('usage logs of other tools: CLI and API, all or nothing, re-import adds nothing', async () => {
  const good = path.join(dir, 'trial.csv');
  writeFileSync(good, '職員番号,日時,機能\nE010,2023-11-01 09:00,external:trial\nE011,2023/11/1 9:30,external:trial\n' +
    'E010,2023-11-02T00:30:00Z,external:trial\n');
  const first = run(['usage', 'import', '--db', db, good]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /3 行を読み、3 件を追加しました/);
  const again = run(['usage', 'import', '--db', db, good]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /0 件を追加しました（取り込み済みの 3 件/);
  const r = await admin.get('/api/v1/reports/adoption?fy=2023&feature=external:trial');
  assert.equal(r.data.active, 2);
  assert.equal(r.data.uses, 3);
  assert.equal(r.data.by_feature[0].label, '外部ツール（trial）');

  const bad = path.join(dir, 'bad.csv');
  writeFileSync(bad, 'employee_no,at,feature\nE010,2023-11-03 09:00,external:trial\nZ999,2023-11-03 09:00,external:trial\n' +
    'E010,yesterday,external:trial\nE010,2023-11-03 09:00,\n');
  const before = sqlite(db, 'SELECT count(*) FROM usage_events');
  const refused = run(['usage', 'import', '--db', db, bad]);
  assert.equal(refused.status, 1);
  const lines = refused.stderr.trim().split('\n');
  assert.match(lines[0], /^.*bad\.csv:3: 「employee_no」: 職員番号「Z999」は職員名簿にありません$/);
  assert.match(lines[1], /bad\.csv:4: 「at」: /);
  assert.match(lines[2], /bad\.csv:5: 「feature」が空です/);
  assert.match(lines[3], /何も登録していません/);
  assert.equal(sqlite(db, 'SELECT count(*) FROM usage_events'), before);

  // The same through the API: admins only, problems with their lines.
  const body = 'employee_no,at,feature\nZ999,2023-11-03 09:00,external:trial\n';
  const e = await editor.request('POST', '/api/v1/usage/import?filename=x.csv', { body, headers: { 'content-type': 'text/csv' } });
  assert.equal(e.status, 403);
  const a = await admin.request('POST', '/api/v1/usage/import?filename=x.csv', { body, headers: { 'content-type': 'text/csv' } });
  assert.equal(a.status, 400, a.text);
  assert.equal(a.data.error.details[0].line, 2);
  assert.match(a.data.error.details[0].text || a.data.error.details[0].message, /Z999/);
  const ok = await admin.request('POST', '/api/v1/usage/import?filename=ok.csv', {
    body: 'employee_no,at,feature\nE012,2023-11-05 10:00,external:trial\n', headers: { 'content-type': 'text/csv' } });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.data, { file: 'ok.csv', rows: 1, inserted: 1, duplicates: 0 });
  const audit = await admin.get('/api/v1/audit?action=usage.import');
  assert.equal(audit.data.entries[0].target, 'ok.csv');
  assert.equal(audit.data.entries[0].detail.inserted, 1);
});
