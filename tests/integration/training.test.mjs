// 研修 through the real binary: sessions with department quotas and an
// open call with a waiting list, self-registration, attendance, the
// post-survey answered by attendees, results and the training report,
// certifications, materials, iCalendar, and hostile requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, tempDir, initDb, startServer, stopServer, adminClient, Client, cleanup, sqlite } from './lib.mjs';

let dir, db, srv, admin;
const staff = {}; // employee_no → logged-in client

// Roster: 市民部/市民課 (4), 市民部/保険年金課 (3), 総務部/人事課 (3).
const ROSTER = [
  ['2001', '山田 太郎', '市民部/市民課', '一般職員'],
  ['2002', '佐藤 花子', '市民部/市民課', '一般職員'],
  ['2003', '鈴木 一郎', '市民部/市民課', 'DX推進リーダー'],
  ['2004', '高橋 次郎', '市民部/市民課', '一般職員'],
  ['2005', '田中 三郎', '市民部/保険年金課', '一般職員'],
  ['2006', '伊藤 四郎', '市民部/保険年金課', '一般職員'],
  ['2007', '渡辺 五郎', '市民部/保険年金課', '幹部'],
  ['2008', '中村 六郎', '総務部/人事課', '一般職員'],
  ['2009', '小林 七子', '総務部/人事課', '一般職員'],
  ['2010', '加藤 八郎', '総務部/人事課', 'DX推進リーダー'],
];

async function staffClient(no) {
  const r = await admin.post('/api/v1/users', { login: no, display_name: `${no} さん`, roles: ['staff'] });
  assert.equal(r.status, 201, r.text);
  const c = new Client(srv.base);
  const otp = r.data.one_time_password;
  assert.equal((await c.login(no, otp)).status, 200);
  assert.equal((await c.post('/api/v1/me/password', { current: otp, new: `${no}-New-Password-1` })).status, 200);
  return c;
}

before(async () => {
  dir = tempDir();
  let password;
  ({ db, password } = initDb(dir));
  const csv = path.join(dir, 'roster.csv');
  writeFileSync(csv, 'employee_no,name,department,tier,email\n' + ROSTER.map((r) => `${r.join(',')},`).join('\n') + '\n');
  const imp = run(['staff', 'import', '--db', db, csv]);
  assert.equal(imp.status, 0, imp.stderr);
  srv = await startServer(db);
  admin = await adminClient(srv.base, password);
  for (const [no] of ROSTER) staff[no] = await staffClient(no);
});

after(async () => {
  if (srv) assert.equal(await stopServer(srv), 0);
  cleanup(dir);
});

test('CLI: training add prints the new id as its last line', () => {
  const r = run(['training', 'add', '--db', db, '--title', 'CLI で登録した研修', '--date', '2026-11-20',
    '--capacity', '30', '--level', '初学者向け']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines.at(-1), /^\d+$/);
  const bad = run(['training', 'add', '--db', db, '--title', 'x', '--date', '2026-02-30']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /YYYY-MM-DD/);
  const usage = run(['training', 'add', '--db', db, '--title', 'x']);
  assert.equal(usage.status, 2);
});

test('quota session: staff register within their section quota; the admin sees fill against quota', async () => {
  const s = await admin.post('/api/v1/training/sessions', {
    title: '生成AI勉強会（初学者向け）', date: '2026-12-10', level: '初学者向け', recruitment: 'quota',
    start_time: '14:00', end_time: '16:00', place: '本庁舎 5階 大会議室',
    blocks: '講義 50分 / 休憩 10分 / 実践 60分', instructors: ['情報政策課 職員'], tiers: ['一般職員'],
  });
  assert.equal(s.status, 201, s.text);
  assert.deepEqual(s.data.blocks.map((b) => b.minutes), [50, 10, 60]);
  const id = s.data.id;
  const depts = (await admin.get('/api/v1/departments')).data.departments;
  const dept = (p) => depts.find((d) => d.path === p).id;
  const q = await admin.put(`/api/v1/training/sessions/${id}/quotas`, {
    quotas: [{ department_id: dept('市民部/市民課'), quota: 2 }, { department_id: dept('市民部/保険年金課'), quota: 1 }],
  });
  assert.equal(q.status, 200, q.text);

  assert.equal((await staff['2001'].post(`/api/v1/training/sessions/${id}/register`, {})).data.status, 'registered');
  assert.equal((await staff['2002'].post(`/api/v1/training/sessions/${id}/register`, {})).data.status, 'registered');
  const over = await staff['2003'].post(`/api/v1/training/sessions/${id}/register`, {});
  assert.equal(over.status, 409);
  assert.match(over.data.error.message, /枠/);
  const none = await staff['2008'].post(`/api/v1/training/sessions/${id}/register`, {});
  assert.equal(none.status, 409);
  // Staff cannot nominate someone else; an editor or admin can.
  const nom = await staff['2001'].post(`/api/v1/training/sessions/${id}/register`, { employee_no: '2005' });
  assert.equal(nom.status, 403);
  assert.equal((await admin.post(`/api/v1/training/sessions/${id}/register`, { employee_no: '2005' })).status, 200);

  const fill = await admin.get(`/api/v1/training/sessions/${id}/quotas`);
  assert.deepEqual(fill.data.quotas.map((x) => [x.department, x.quota, x.registered]),
    [['市民部/保険年金課', 1, 1], ['市民部/市民課', 2, 2]]);
  const mine = await staff['2001'].get('/api/v1/training/sessions');
  assert.equal(mine.data.sessions.find((x) => x.id === id).me.status, 'registered');
});

test('a 所属長 nominates staff of their own department subtree up to the quota, and no one outside it', async () => {
  const s = await admin.post('/api/v1/training/sessions', {
    title: 'DX推進リーダー研修（推薦）', date: '2026-12-11', recruitment: 'quota',
  });
  assert.equal(s.status, 201, s.text);
  const id = s.data.id;
  const depts = (await admin.get('/api/v1/departments')).data.departments;
  const dept = (p) => depts.find((d) => d.path === p).id;
  assert.equal((await admin.put(`/api/v1/training/sessions/${id}/quotas`, {
    quotas: [{ department_id: dept('市民部/市民課'), quota: 1 }, { department_id: dept('総務部/人事課'), quota: 1 }],
  })).status, 200);
  // The head of 市民部 (a login with the head role and that department).
  const u = await admin.post('/api/v1/users', { login: 'head-shimin', display_name: '市民部長', department: '市民部', roles: ['head'] });
  assert.equal(u.status, 201, u.text);
  const head = new Client(srv.base);
  assert.equal((await head.login('head-shimin', u.data.one_time_password)).status, 200);
  assert.equal((await head.post('/api/v1/me/password', { current: u.data.one_time_password, new: 'Head-New-Password-1' })).status, 200);

  // The nomination list holds 市民部's staff only, with its quotas.
  const n = await head.get(`/api/v1/training/sessions/${id}/nominees`);
  assert.equal(n.status, 200, n.text);
  assert.equal(n.data.scope, '市民部');
  assert.deepEqual(n.data.quotas.map((q) => q.department), ['市民部/市民課']);
  assert.deepEqual(n.data.staff.map((x) => x.employee_no).sort(), ['2001', '2002', '2003', '2004', '2005', '2006', '2007']);
  // An admin sees every department.
  const all = await admin.get(`/api/v1/training/sessions/${id}/nominees`);
  assert.equal(all.data.scope, null);
  assert.equal(all.data.staff.length, ROSTER.length);

  // Within the subtree, up to the quota.
  const ok = await head.post(`/api/v1/training/sessions/${id}/register`, { employee_no: '2003' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.data.status, 'registered');
  const full = await head.post(`/api/v1/training/sessions/${id}/register`, { employee_no: '2004' });
  assert.equal(full.status, 409);
  assert.match(full.data.error.message, /枠/);
  // 保険年金課 is inside 市民部 but has no quota.
  assert.equal((await head.post(`/api/v1/training/sessions/${id}/register`, { employee_no: '2005' })).status, 409);
  // Outside the subtree: refused, whatever the quota.
  const outside = await head.post(`/api/v1/training/sessions/${id}/register`, { employee_no: '2008' });
  assert.equal(outside.status, 403);
  assert.match(outside.data.error.message, /自分の所属/);
  assert.equal((await head.post(`/api/v1/training/sessions/${id}/cancel`, { employee_no: '2008' })).status, 403);
  // The admin nominates 人事課's place.
  assert.equal((await admin.post(`/api/v1/training/sessions/${id}/register`, { employee_no: '2008' })).status, 200);
  // A head withdraws their own nomination, which frees the place.
  assert.equal((await head.post(`/api/v1/training/sessions/${id}/cancel`, { employee_no: '2003' })).status, 200);
  assert.equal((await head.post(`/api/v1/training/sessions/${id}/register`, { employee_no: '2004' })).status, 200);
  const fill = await admin.get(`/api/v1/training/sessions/${id}/quotas`);
  assert.deepEqual(fill.data.quotas.map((x) => [x.department, x.quota, x.registered]),
    [['市民部/市民課', 1, 1], ['総務部/人事課', 1, 1]]);
  // Heads nominate only for quota sessions; staff have no nomination list.
  const open = await admin.post('/api/v1/training/sessions', { title: '公募の研修', date: '2026-12-12' });
  const openNom = await head.post(`/api/v1/training/sessions/${open.data.id}/register`, { employee_no: '2001' });
  assert.equal(openNom.status, 403);
  assert.equal((await staff['2001'].get(`/api/v1/training/sessions/${id}/nominees`)).status, 403);
  assert.equal((await staff['2001'].post(`/api/v1/training/sessions/${id}/register`, { employee_no: '2002' })).status, 403);
});

test('a series: its meetings, members from attendance, and each member\'s exam outcome', async () => {
  const sr = await admin.post('/api/v1/training/series', { title: 'G検定 勉強会', exam: 'G検定' });
  assert.equal(sr.status, 201, sr.text);
  const sid = sr.data.id;
  const meetings = [];
  for (let i = 1; i <= 3; i++) {
    const m = await admin.post('/api/v1/training/sessions', { title: `G検定 勉強会 第${i}回`, date: `2027-01-0${i + 4}`, series_id: sid });
    assert.equal(m.status, 201, m.text);
    meetings.push(m.data.id);
  }
  // 2001 comes to all three, 2002 to one; 2010 is recorded without attending.
  const staffId = async (no) => (await admin.get(`/api/v1/training/sessions/${meetings[0]}/roll?q=${no}`)).data.entries[0].staff_id;
  const id1 = await staffId('2001');
  const id2 = await staffId('2002');
  for (const m of meetings) assert.equal((await admin.post(`/api/v1/training/sessions/${m}/attendance`, { staff_id: id1, present: true })).status, 200);
  assert.equal((await admin.post(`/api/v1/training/sessions/${meetings[1]}/attendance`, { staff_id: id2, present: true })).status, 200);
  assert.equal((await admin.post(`/api/v1/training/series/${sid}/result`, { employee_no: '2001', took_exam: true, passed: true })).status, 200);
  assert.equal((await admin.post(`/api/v1/training/series/${sid}/result`, { employee_no: '2010', took_exam: true, passed: false })).status, 200);

  const d = await admin.get(`/api/v1/training/series/${sid}`);
  assert.equal(d.status, 200, d.text);
  assert.equal(d.data.series.sessions, 3);
  assert.equal(d.data.series.members, 3);
  assert.equal(d.data.series.took_exam, 2);
  assert.equal(d.data.series.passed, 1);
  assert.deepEqual(d.data.sessions.map((x) => x.id), meetings);
  const by = Object.fromEntries(d.data.members.map((m) => [m.employee_no, m]));
  assert.deepEqual([by['2001'].attended, by['2001'].took_exam, by['2001'].passed], [3, true, true]);
  assert.deepEqual([by['2002'].attended, by['2002'].took_exam, by['2002'].passed], [1, false, false]);
  assert.deepEqual([by['2010'].attended, by['2010'].took_exam, by['2010'].passed], [0, true, false]);
  const list = await admin.get('/api/v1/training/series');
  assert.equal(list.data.series.find((x) => x.id === sid).members, 3);
  assert.equal((await admin.get('/api/v1/training/series/999999')).status, 404);
  assert.equal((await staff['2001'].get(`/api/v1/training/series/${sid}`)).status, 403);
});

test('outcome: uses of the templates handed out, by attendees and by others, before and after', async () => {
  const s = await admin.post('/api/v1/training/sessions', { title: 'プロンプト20選', date: '2027-06-10', template_ids: [501, 502] });
  assert.equal(s.status, 201, s.text);
  const id = s.data.id;
  const roll = (await admin.get(`/api/v1/training/sessions/${id}/roll?q=200`)).data.entries;
  const staffId = (no) => roll.find((e) => e.employee_no === no).staff_id;
  assert.equal((await admin.post(`/api/v1/training/sessions/${id}/attendance`, { staff_id: staffId('2001'), present: true })).status, 200);
  const uid = (login) => sqlite(db, `SELECT id FROM users WHERE login = '${login}'`);
  const pivot = 1812553200; // 2027-06-10 00:00 JST (after every other session here)
  const rows = [[uid('2001'), pivot - 86400, 501], [uid('2001'), pivot + 3600, 502], [uid('2001'), pivot + 7200, 501],
    [uid('2001'), pivot + 3600, 777], [uid('2002'), pivot + 86400, 501]];
  sqlite(db, 'INSERT INTO usage_events(at, user_id, feature, template_id, latency_ms, outcome) VALUES '
    + rows.map(([u, at, t]) => `(${at}, ${u}, 'chat', ${t}, 10, 'ok')`).join(', ')
    + `, (${pivot + 3600}, ${uid('2002')}, 'chat', 502, 10, 'blocked')`); // never reached the model
  const o = await admin.get(`/api/v1/training/sessions/${id}/outcome`);
  assert.equal(o.status, 200, o.text);
  assert.equal(o.data.handed_out.templates, 2);
  assert.deepEqual(o.data.handed_out.attendees, { users_before: 1, users_after: 1, uses_before: 1, uses_after: 2 });
  assert.deepEqual(o.data.handed_out.others, { users_before: 0, users_after: 1, uses_before: 0, uses_after: 1 });
  assert.equal((await staff['2001'].get(`/api/v1/training/sessions/${id}/outcome`)).status, 403);
});

test('open call with a cap: the waiting list moves up on cancellation', async () => {
  const s = await admin.post('/api/v1/training/sessions', {
    title: '生成AI勉強会（業務での活用）', date: '2026-12-20', capacity: 2, recruitment: 'open', level: '課題解決',
  });
  assert.equal(s.status, 201, s.text);
  const id = s.data.id;
  const st = [];
  for (const no of ['2001', '2006', '2008', '2009']) st.push((await staff[no].post(`/api/v1/training/sessions/${id}/register`, {})).data.status);
  assert.deepEqual(st, ['registered', 'registered', 'waiting', 'waiting']);
  const w = await staff['2009'].get(`/api/v1/training/sessions/${id}`);
  assert.equal(w.data.me.waiting_position, 2);
  const again = await staff['2008'].post(`/api/v1/training/sessions/${id}/register`, {});
  assert.equal(again.status, 409);
  const c = await staff['2006'].post(`/api/v1/training/sessions/${id}/cancel`, {});
  assert.equal(c.status, 200, c.text);
  assert.equal(c.data.promoted, true);
  const after8 = await staff['2008'].get(`/api/v1/training/sessions/${id}`);
  assert.equal(after8.data.me.status, 'registered');
  const after9 = await staff['2009'].get(`/api/v1/training/sessions/${id}`);
  assert.equal(after9.data.me.waiting_position, 1);
  const twice = await staff['2006'].post(`/api/v1/training/sessions/${id}/cancel`, {});
  assert.equal(twice.status, 404);
  // The person who moved up is told so on their own page; one who never
  // waited is not.
  assert.equal(typeof after8.data.me.promoted_at, 'number');
  assert.equal((await staff['2001'].get(`/api/v1/training/sessions/${id}`)).data.me.promoted_at, null);

  // A raised capacity moves the rest of the list up, in order, each move
  // audited; the response says how many.
  for (const no of ['2002', '2003']) assert.equal((await staff[no].post(`/api/v1/training/sessions/${id}/register`, {})).data.status, 'waiting');
  const raised = await admin.put(`/api/v1/training/sessions/${id}`, {
    title: '生成AI勉強会（業務での活用）', date: '2026-12-20', capacity: 4, recruitment: 'open', level: '課題解決',
  });
  assert.equal(raised.status, 200, raised.text);
  assert.equal(raised.data.promoted, 2);
  assert.equal((await staff['2009'].get(`/api/v1/training/sessions/${id}`)).data.me.status, 'registered');
  assert.equal((await staff['2002'].get(`/api/v1/training/sessions/${id}`)).data.me.status, 'registered');
  const still = (await staff['2003'].get(`/api/v1/training/sessions/${id}`)).data.me;
  assert.deepEqual([still.status, still.waiting_position], ['waiting', 1]);
  const moves = (await admin.get('/api/v1/audit?action=training.promote')).data.entries;
  assert.equal(moves.length, 3); // the cancellation's and the two of the capacity
  assert.equal(moves[0].action_label, '研修のキャンセル待ちからの繰り上げ');
  assert.deepEqual(moves.map((e) => e.detail.reason), ['capacity', 'capacity', 'cancel']);

  // iCalendar download.
  const ics = await staff['2001'].get(`/api/v1/training/sessions/${id}/ics`);
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type'), /text\/calendar/);
  assert.match(ics.text, /BEGIN:VEVENT\r\n/);
  assert.match(ics.text, /SUMMARY:生成AI勉強会（業務での活用）\r\n/);
});

test('attendance from the roll, the anonymous post-survey for attendees, results and the report', async () => {
  const list = await admin.get('/api/v1/training/sessions?all=1');
  const id = list.data.sessions.find((x) => x.title === '生成AI勉強会（初学者向け）').id;
  const roll = await admin.get(`/api/v1/training/sessions/${id}/roll?q=${encodeURIComponent('山田')}`);
  assert.equal(roll.status, 200);
  assert.equal(roll.data.entries.length, 1);
  const all = await admin.get(`/api/v1/training/sessions/${id}/roll`);
  for (const e of all.data.entries) {
    const r = await admin.post(`/api/v1/training/sessions/${id}/attendance`, { staff_id: e.staff_id, present: true });
    assert.equal(r.status, 200, r.text);
  }
  const sv = await admin.post(`/api/v1/training/sessions/${id}/surveys`, { phase: 'post' });
  assert.equal(sv.status, 200, sv.text);
  const form = await staff['2001'].get(`/api/v1/training/sessions/${id}/survey?phase=post`);
  assert.equal(form.status, 200, form.text);
  assert.equal(form.data.anonymous, true);
  assert.deepEqual(form.data.questions[0].options.map((o) => o.label), ['満足', 'やや満足', 'どちらともいえない', 'やや不満', '不満']);
  const [q1, q2, q3] = form.data.questions.map((q) => q.id);
  const answer = (c, sat, text) => c.post(`/api/v1/training/sessions/${id}/survey`, {
    phase: 'post', answers: [{ question_id: q1, value: sat }, { question_id: q2, value: 4 }, { question_id: q3, text }],
  });
  assert.equal((await answer(staff['2001'], 5, '議事録の要約に使いたい。山田さんに共有します')).status, 201);
  assert.equal((await answer(staff['2002'], 4, '議事録の作成を試したい')).status, 201);
  assert.equal((await answer(staff['2001'], 5, '')).status, 409);
  assert.equal((await answer(staff['2008'], 5, '')).status, 403); // did not attend
  // Hostile answers.
  const wrong = await staff['2005'].post(`/api/v1/training/sessions/${id}/survey`, { phase: 'post', answers: [{ question_id: q1, value: 9 }, { question_id: q2, value: 4 }] });
  assert.equal(wrong.status, 400);
  const typed = await staff['2005'].post(`/api/v1/training/sessions/${id}/survey`, { phase: 'post', answers: [{ question_id: q1, value: '5' }] });
  assert.equal(typed.status, 400);
  const extra = await staff['2005'].post(`/api/v1/training/sessions/${id}/survey`, { phase: 'post', answers: [], who: 'me' });
  assert.equal(extra.status, 400);
  const phase = await staff['2005'].post(`/api/v1/training/sessions/${id}/survey`, { phase: 'during', answers: [] });
  assert.equal(phase.status, 400);
  const notArr = await staff['2005'].post(`/api/v1/training/sessions/${id}/survey`, { phase: 'post', answers: {} });
  assert.equal(notArr.status, 400);
  assert.equal((await answer(staff['2005'], 3, '')).status, 201);

  const res = await admin.get(`/api/v1/surveys/${sv.data.survey_id}/results?invited=3`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.data.responses, 3);
  assert.equal(res.data.withheld, true); // anonymous and fewer than 5
  const rep = await admin.get('/api/v1/training/report');
  assert.equal(rep.status, 200);
  const s = rep.data.sessions.find((x) => x.id === id);
  assert.equal(s.attendees, 3);
  assert.equal(s.responses, 3);
  assert.equal(s.response_rate, 1);
  assert.equal(s.repeat_attendees, 0);
  // Staff may not read results.
  assert.equal((await staff['2001'].get(`/api/v1/surveys/${sv.data.survey_id}/results`)).status, 403);
  // The CSV export is formula-safe UTF-8 with a BOM.
  const csv = await admin.get(`/api/v1/surveys/${sv.data.survey_id}/results.csv`);
  assert.equal(csv.status, 200);
  assert.ok(csv.text.startsWith('\ufeff"設問"'));
});

test('certifications: staff record, admins confirm, coverage and the nearest holder', async () => {
  const mine = await staff['2003'].post('/api/v1/training/certs', { certification: 'G検定', acquired_on: '2026-07-01', evidence: '合格証' });
  assert.equal(mine.status, 201, mine.text);
  assert.equal(mine.data.confirmed, false);
  let rep = await admin.get('/api/v1/training/certs/report');
  assert.equal(rep.data.departments, 3);
  assert.equal(rep.data.departments_with_holder, 0);
  assert.equal((await staff['2003'].post(`/api/v1/training/certs/${mine.data.id}/confirm`, {})).status, 403);
  assert.equal((await admin.post(`/api/v1/training/certs/${mine.data.id}/confirm`, {})).status, 200);
  rep = await admin.get('/api/v1/training/certs/report');
  assert.equal(rep.data.departments_with_holder, 1);
  assert.deepEqual(rep.data.by_department.map((d) => [d.department, d.staff, d.holders]),
    [['市民部/保険年金課', 3, 0], ['市民部/市民課', 4, 1], ['総務部/人事課', 3, 0]]);
  assert.equal(rep.data.by_certification.find((c) => c.name === 'G検定').holders, 1);
  const near = await staff['2001'].get('/api/v1/training/me');
  assert.equal(near.data.nearest_holder.name, '鈴木 一郎');
  assert.equal(near.data.nearest_holder.same_department, true);
  const far = await staff['2005'].get('/api/v1/training/me');
  assert.equal(far.data.nearest_holder.same_department, false);
  const none = await staff['2008'].get('/api/v1/training/me');
  assert.equal(none.data.nearest_holder, null);
  const unknown = await staff['2001'].post('/api/v1/training/certs', { certification: '英検', acquired_on: '2026-07-01' });
  assert.equal(unknown.status, 400);
  const badDay = await staff['2001'].post('/api/v1/training/certs', { certification: 'G検定', acquired_on: '2026-7-1' });
  assert.equal(badDay.status, 400);
  // Someone else's record cannot be deleted by staff.
  assert.equal((await staff['2001'].del(`/api/v1/training/certs/${mine.data.id}`)).status, 404);
  // Subsidy: applied → approved → paid.
  const sub = await staff['2003'].post('/api/v1/training/subsidies', { certification: 'G検定', amount: 6600, note: '半額補助' });
  assert.equal(sub.status, 201, sub.text);
  assert.equal((await admin.post(`/api/v1/training/subsidies/${sub.data.id}/status`, { status: 'paid' })).status, 409);
  assert.equal((await admin.post(`/api/v1/training/subsidies/${sub.data.id}/status`, { status: 'approved' })).status, 200);
  assert.equal((await admin.post(`/api/v1/training/subsidies/${sub.data.id}/status`, { status: 'paid' })).status, 200);
});

test('materials: PDF newsletters are counted once per reader; other files are refused', async () => {
  const pdf = Buffer.from('%PDF-1.4\n% AI通信\n');
  const up = await admin.request('POST', `/api/v1/training/materials?title=${encodeURIComponent('AI通信 第1号')}&filename=${encodeURIComponent('AI通信1.pdf')}&newsletter=1&issue_no=1`, { body: pdf });
  assert.equal(up.status, 201, up.text);
  const exe = await admin.request('POST', `/api/v1/training/materials?title=x&filename=x.pdf`, { body: Buffer.from('MZ\x90\x00') });
  assert.equal(exe.status, 400);
  for (const no of ['2001', '2001', '2008']) {
    const f = await staff[no].get(`/api/v1/training/materials/${up.data.id}/file`);
    assert.equal(f.status, 200);
    assert.equal(f.headers.get('content-type'), 'application/pdf');
    assert.match(f.headers.get('content-disposition'), /filename\*=UTF-8''AI%E9%80%9A%E4%BF%A11\.pdf/);
  }
  const list = await staff['2002'].get('/api/v1/training/materials');
  assert.equal(list.data.materials[0].viewers, 2);
  const reach = await admin.get('/api/v1/training/newsletters/reach');
  assert.equal(reach.data.by_month[0].readers, 2);
  assert.equal(reach.data.by_month[0].staff, 10);
});

test('CSV uploads: attendance, a forms survey export and certifications, all or nothing with file:line', async () => {
  const s = await admin.post('/api/v1/training/sessions', { title: 'CSV で出欠を取る研修', date: '2026-10-01' });
  const id = s.data.id;
  const up = (p, text) => admin.request('POST', p, { body: Buffer.from(text), headers: { 'content-type': 'text/csv' } });
  const bad = await up(`/api/v1/training/sessions/${id}/attendance/import?filename=att.csv`, '職員番号\n2001\n9999\n');
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.data.error.message, /^att\.csv:3: /);
  const noCol = await up(`/api/v1/training/sessions/${id}/attendance/import?filename=x.csv`, '氏名\n山田\n');
  assert.equal(noCol.status, 400);
  assert.ok(noCol.data.error.details[0].text.startsWith('x.csv'));
  const ok = await up(`/api/v1/training/sessions/${id}/attendance/import?filename=att.csv`, '\ufeffemployee_no,氏名\r\n2001,a\r\n2002,b\r\n2003,c\r\n2004,d\r\n2005,e\r\n');
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.data.added, 5);
  const forms = 'タイムスタンプ,研修の満足度,感想\n' + ['満足', 'やや満足', '満足', '不満', 'やや満足'].map((v, i) => `2026/10/01 17:0${i},${v},"良かった\n${i}"`).join('\n') + '\n';
  const sv = await up(`/api/v1/training/sessions/${id}/survey/import?phase=post&filename=forms.csv`, forms);
  assert.equal(sv.status, 200, sv.text);
  assert.equal(sv.data.rows, 5);
  const rep = (await admin.get('/api/v1/training/report')).data.sessions.find((x) => x.id === id);
  assert.equal(rep.responses, 5);
  assert.equal(rep.response_rate, 1);
  assert.equal(rep.questions[0].top2_share, 0.8);
  const badForms = await up(`/api/v1/training/sessions/${id}/survey/import?filename=f2.csv`, 'タイムスタンプ,研修の満足度\n1,すごく満足\n');
  assert.equal(badForms.status, 400);
  assert.match(badForms.data.error.message, /f2\.csv:2: /);
  assert.equal((await admin.get('/api/v1/training/report')).data.sessions.find((x) => x.id === id).responses, 5);
  const certs = await up('/api/v1/training/certs/import?filename=c.csv', 'employee_no,certification,acquired_on\n2009,ITパスポート,2026/04/01\n');
  assert.equal(certs.status, 200, certs.text);
  assert.equal(certs.data.stored, 1);
  const editorless = await staff['2001'].request('POST', '/api/v1/training/certs/import', { body: Buffer.from('x') });
  assert.equal(editorless.status, 403);
});

test('a login that is not on the roster is told so', async () => {
  const r = await admin.post('/api/v1/users', { login: 'guest01', display_name: 'ゲスト', roles: ['staff'] });
  const c = new Client(srv.base);
  await c.login('guest01', r.data.one_time_password);
  await c.post('/api/v1/me/password', { current: r.data.one_time_password, new: 'guest01-New-Password-1' });
  const list = await c.get('/api/v1/training/sessions');
  assert.equal(list.status, 200);
  assert.equal(list.data.linked, false);
  const reg = await c.post('/api/v1/training/sessions/1/register', {});
  assert.equal(reg.status, 403);
  assert.match(reg.data.error.message, /職員名簿/);
});
