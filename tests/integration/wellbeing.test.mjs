// メンタルヘルス end to end: the stress check through the API (answer,
// resume, submit, result, consent, 面接指導), the SPEC §4 role matrix on
// every individual route, group suppression, the CLI (score, import,
// report stress), the opinion box's unlinkability and the crisis answer of
// the self-care chat without any model configured.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, tempDir, initDb, startServer, stopServer, adminClient, userClient, Client, sqlite, cleanup, waitFor } from './lib.mjs';

let dir, db, srv, admin, editor, impl, worker, other;
let campaignId, sheetId;

const MIXED = '213324132212312433221234212331223143212123214121342314223';
const ALL4 = '4'.repeat(57);
const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);

before(async () => {
  dir = tempDir();
  let password;
  ({ db, password } = initDb(dir));
  srv = await startServer(db);
  admin = await adminClient(srv.base, password);
  editor = await userClient(srv.base, admin, 'ed', ['editor']);
  impl = await userClient(srv.base, admin, 'jisshi', ['implementer']);
  worker = await userClient(srv.base, admin, 'worker', ['staff']);
  other = await userClient(srv.base, admin, 'other', ['staff']);
});

after(async () => {
  if (srv) assert.equal(await stopServer(srv), 0);
  cleanup(dir);
});

test('a worker answers, resumes, submits and sees the result; nobody else but the implementer', async () => {
  const c = await admin.post('/api/v1/stresscheck/campaigns', { name: '2026年度', starts_on: today(), ends_on: today() });
  assert.equal(c.status, 201, c.text);
  campaignId = c.data.id;
  const items = await worker.get('/api/v1/stresscheck/items');
  assert.equal(items.status, 200);
  assert.equal(items.data.domains.length, 4);
  assert.equal(items.data.domains[2].choices[2], '多少');
  // Half the sheet, then resume.
  const half = {};
  for (let q = 1; q <= 20; q++) half[q] = Number(MIXED[q - 1]);
  let r = await worker.put(`/api/v1/stresscheck/campaigns/${campaignId}/sheet`, { answers: half });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.sheet.answered, 20);
  r = await worker.post(`/api/v1/stresscheck/campaigns/${campaignId}/submit`, {});
  assert.equal(r.status, 400);
  assert.match(r.data.error.message, /問21/);
  r = await worker.get(`/api/v1/stresscheck/campaigns/${campaignId}/sheet`);
  assert.equal(r.data.sheet.answered, 20);
  r = await worker.put(`/api/v1/stresscheck/campaigns/${campaignId}/sheet`, { sex: 'F', answers: [...MIXED].map(Number) });
  assert.equal(r.status, 200);
  r = await worker.post(`/api/v1/stresscheck/campaigns/${campaignId}/submit`, {});
  assert.equal(r.status, 200, r.text);
  sheetId = r.data.sheet.id;

  // Consent and 面接指導 are refused until the worker has seen the result.
  r = await worker.post(`/api/v1/stresscheck/sheets/${sheetId}/consent`, { consent: true });
  assert.equal(r.status, 409);
  r = await worker.post(`/api/v1/stresscheck/sheets/${sheetId}/interview`, {});
  assert.equal(r.status, 409);

  // The role matrix on every individual route.
  const individual = [
    ['GET', `/api/v1/stresscheck/sheets/${sheetId}/result`],
    ['POST', `/api/v1/stresscheck/sheets/${sheetId}/consent`, { consent: true }],
    ['POST', `/api/v1/stresscheck/sheets/${sheetId}/interview`, {}],
    ['POST', `/api/v1/stresscheck/sheets/${sheetId}/interview/status`, { status: 'done' }],
    ['GET', `/api/v1/stresscheck/campaigns/${campaignId}/results`],
    ['GET', `/api/v1/stresscheck/campaigns/${campaignId}/export.csv`],
  ];
  for (const who of [admin, editor]) {
    for (const [m, p, body] of individual) {
      const x = await who.request(m, p, { json: body });
      assert.equal(x.status, 403, `${m} ${p}: ${x.text}`);
    }
  }
  // Another member of staff: the data layer refuses.
  r = await other.get(`/api/v1/stresscheck/sheets/${sheetId}/result`);
  assert.equal(r.status, 403);

  const before = Number(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.result.view'"));
  r = await impl.get(`/api/v1/stresscheck/sheets/${sheetId}/result`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.soten.B, 16); // SPEC V13, female
  assert.equal(Number(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.result.view'")), before + 1);

  r = await worker.get(`/api/v1/stresscheck/sheets/${sheetId}/result`);
  assert.equal(r.status, 200);
  assert.equal(r.data.scales.length, 19);
  assert.equal(r.data.sum.A, 46);
  assert.match(r.data.message, /診断ではありません|相談窓口/);
  r = await worker.post(`/api/v1/stresscheck/sheets/${sheetId}/consent`, { consent: true });
  assert.equal(r.status, 200);
  r = await worker.post(`/api/v1/stresscheck/sheets/${sheetId}/consent`, { consent: false });
  assert.equal(r.status, 200);
  r = await worker.post(`/api/v1/stresscheck/sheets/${sheetId}/interview`, {});
  assert.equal(r.status, 201);
  r = await impl.get(`/api/v1/stresscheck/campaigns/${campaignId}/results?filter=interview`);
  assert.equal(r.status, 200);
  assert.equal(r.data.results.length, 1);
  assert.equal(r.data.results[0].consent, true);
  r = await impl.get(`/api/v1/stresscheck/campaigns/${campaignId}/export.csv`);
  assert.equal(r.status, 200);
  assert.match(r.text, /q57/);
  assert.equal(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.export'"), '1');
});

test('employer view: consented results for admins only, every view audited; reminders tell only who has not finished', async () => {
  // The worker applied for 面接指導 above, which counts as consent.
  const routes = [`/api/v1/stresscheck/campaigns/${campaignId}/consented`, `/api/v1/stresscheck/sheets/${sheetId}/consented`];
  for (const who of [editor, impl, worker, other]) {
    for (const p of routes) assert.equal((await who.get(p)).status, 403, p);
  }
  const views = () => Number(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.employer.view'"));
  const v0 = views();
  let r = await admin.get(routes[0]);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.results.length, 1);
  assert.equal(r.data.results[0].sheet_id, sheetId);
  assert.equal(r.data.results[0].consent_via, 'interview');
  assert.equal(views(), v0 + 1);
  r = await admin.get(routes[1]);
  assert.equal(r.status, 200);
  assert.equal(views(), v0 + 2);
  // The narrower scope: only whether the worker was selected.
  assert.equal((await admin.put('/api/v1/settings', { stress_consent_scope: 'high_stress_only' })).status, 200);
  r = await admin.get(routes[1]);
  assert.equal(r.data.sum, undefined);
  assert.equal(typeof r.data.high_stress, 'boolean');
  assert.equal((await admin.put('/api/v1/settings', { stress_consent_scope: 'full' })).status, 200);
  assert.equal((await admin.get('/api/v1/stresscheck/sheets/999999/consented')).status, 404);

  // Reminders: the portal list is the caller's own; rounds and the pending
  // list are for admins and implementers, and carry no result.
  r = await worker.get('/api/v1/stresscheck/reminders');
  assert.equal(r.status, 200);
  assert.deepEqual(r.data.reminders, []); // submitted
  for (const who of [editor, worker]) {
    assert.equal((await who.post(`/api/v1/stresscheck/campaigns/${campaignId}/remind`, {})).status, 403);
    assert.equal((await who.get(`/api/v1/stresscheck/campaigns/${campaignId}/pending`)).status, 403);
  }
  r = await admin.post(`/api/v1/stresscheck/campaigns/${campaignId}/remind`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.data.pending, 'number');
  r = await impl.get(`/api/v1/stresscheck/campaigns/${campaignId}/pending`);
  assert.equal(r.status, 200);
  assert.equal(r.data.count, r.data.staff.length);
  for (const p of r.data.staff) assert.deepEqual(Object.keys(p).sort(), ['department', 'employee_no', 'name']);
  assert.equal(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.reminder.send'"), '1');
});

test('group figures: admin sees only a suppressed unit under 10, the official report counts', async () => {
  const r = await admin.get(`/api/v1/stresscheck/campaigns/${campaignId}/analysis`);
  assert.equal(r.status, 200, r.text);
  const whole = r.data.units[0];
  assert.deepEqual(Object.keys(whole).sort(), ['department', 'n', 'suppressed']);
  assert.equal(whole.suppressed, true);
  assert.equal(whole.n, 1);
  const rep = await editor.get(`/api/v1/stresscheck/campaigns/${campaignId}/report`);
  assert.equal(rep.status, 200);
  assert.equal(rep.data.examined, 1);
  assert.equal(rep.data.interviews_applied, 1);
});

test('CLI: score, paper import (all or nothing) and report stress', async () => {
  let r = run(['stresscheck', 'score', '--json'], { input: `M\t${MIXED}\n女\t${ALL4}\nX\t1\n` });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^stdin:3: /m);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.deepEqual(Object.keys(lines[0]), ['sum', 'soten', 'scales']);
  assert.equal(Object.keys(lines[0].scales).length, 19);
  assert.ok('家族・友人からのサポート' in lines[0].scales);
  assert.deepEqual(lines[1].soten, { A: 29, B: 10, C: 3, high: true });

  // Roster of 12 in two units, then paper sheets.
  const roster = ['employee_no,name,department,tier,email'];
  for (let i = 1; i <= 12; i++) roster.push(`E${i},職員${i},総務部/${i <= 10 ? '総務課' : '財政課'},一般職員,`);
  writeFileSync(path.join(dir, 'roster.csv'), roster.join('\n') + '\n');
  r = run(['staff', 'import', '--db', db, path.join(dir, 'roster.csv')]);
  assert.equal(r.status, 0, r.stderr);
  const rows = ['職員番号,性別,' + Array.from({ length: 57 }, (_, i) => `問${i + 1}`).join(',')];
  for (let i = 1; i <= 12; i++) rows.push(`E${i},${i % 2 ? '男' : '女'},` + [...(i % 3 ? MIXED : ALL4)].join(','));
  const bad = [...rows];
  bad[3] = bad[3].replace(/,4$/, ',5').replace(/,3$/, ',5');
  bad.push('E99,M,' + [...MIXED].join(','));
  writeFileSync(path.join(dir, 'bad.csv'), bad.join('\n') + '\n');
  r = run(['stresscheck', 'import', '--db', db, '--campaign', '紙2026', path.join(dir, 'bad.csv')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.csv:4: /);
  assert.match(r.stderr, /bad\.csv:14: /);
  assert.equal(sqlite(db, "SELECT count(*) FROM sc_sheets WHERE source = 'paper'"), '0');
  writeFileSync(path.join(dir, 'good.csv'), rows.join('\r\n') + '\r\n');
  r = run(['stresscheck', 'import', '--db', db, '--campaign', '紙2026', path.join(dir, 'good.csv')]);
  assert.equal(r.status, 0, r.stderr);
  r = run(['report', 'stress', '--db', db, '--campaign', '紙2026', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.examined, 12);
  assert.deepEqual(Object.keys(rep.high_stress).sort(), ['soten', 'sum']);
  const small = rep.by_department.find((d) => d.department === '総務部/財政課');
  assert.deepEqual(small, { department: '総務部/財政課', n: 2, suppressed: true });
  const big = rep.by_department.find((d) => d.department === '総務部/総務課');
  assert.equal(big.n, 10);
  assert.equal(big.suppressed, false);
  assert.ok(big.health_risk.A > 0 && big.health_risk.B > 0 && big.health_risk.total > 0);
  assert.equal(Object.keys(big.scales).length, 19);
  // The CLI's unit is the API's (api_stress_unit_json) without the page's extras.
  assert.deepEqual(Object.keys(big), ['department', 'n', 'suppressed', 'high_stress', 'scales', 'health_risk']);
  r = run(['report', 'stress', '--db', db, '--campaign', 'ない']);
  assert.equal(r.status, 1);
});

test('pulse survey: admin opens it for units, staff answer anonymously, results by unit with the n < 10 suppression', async () => {
  // The CLI test above imported 12 staff: E1..E10 in 総務部/総務課, E11..E12 in 総務部/財政課.
  let r = await admin.post('/api/v1/users/from-roster', { employee_nos: ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9', 'E10', 'E11'] });
  assert.equal(r.status, 201, r.text);
  const staff = {};
  for (const a of r.data.accounts) {
    const cl = new Client(srv.base);
    assert.equal((await cl.login(a.login, a.one_time_password)).status, 200);
    assert.equal((await cl.post('/api/v1/me/password', { current: a.one_time_password, new: `${a.login}-Pulse-Pass-2026` })).status, 200);
    staff[a.employee_no] = cl;
  }
  const depts = (await admin.get('/api/v1/departments')).data.departments;
  const id = (p) => depts.find((d) => d.path === p).id;
  const good = {
    title: '取り組みの効果', closes_on: today(),
    department_ids: [id('総務部/総務課'), id('総務部/財政課')],
    questions: [{ kind: 'scale', text: '相談しやすくなりましたか' }, { kind: 'text', text: 'ご意見' }],
  };
  for (const who of [editor, impl, worker]) assert.equal((await who.post('/api/v1/pulse', good)).status, 403);
  const bad = [
    { ...good, questions: [] },
    { ...good, questions: [{ kind: 'radio', text: 'x' }] },
    { ...good, department_ids: [id('総務部'), id('総務部/総務課')] }, // overlapping
    { ...good, department_ids: [999999] },
    { ...good, closes_on: '2020-01-01' },
    { ...good, closes_on: 'tomorrow' },
    { ...good, extra: 1 },
  ];
  for (const b of bad) assert.equal((await admin.post('/api/v1/pulse', b)).status, 400, JSON.stringify(b));
  assert.equal(sqlite(db, 'SELECT count(*) FROM wb_pulses'), '0');
  r = await admin.post('/api/v1/pulse', good);
  assert.equal(r.status, 201, r.text);
  const pid = r.data.id;

  // Staff see it on their portal; someone outside the roster sees nothing and cannot answer.
  r = await staff.E1.get('/api/v1/pulse/mine');
  assert.equal(r.data.pulses.length, 1);
  assert.equal(r.data.pulses[0].survey.anonymous, true);
  const [q1, q2] = r.data.pulses[0].survey.questions;
  assert.deepEqual((await worker.get('/api/v1/pulse/mine')).data.pulses, []);
  assert.equal((await worker.post(`/api/v1/pulse/${pid}/answer`, { answers: [{ question_id: q1.id, value: 4 }] })).status, 403);
  for (let i = 1; i <= 10; i++) {
    const x = await staff[`E${i}`].post(`/api/v1/pulse/${pid}/answer`, { answers: [{ question_id: q1.id, value: i <= 5 ? 5 : 3 }, { question_id: q2.id, text: '特になし' }] });
    assert.equal(x.status, 201, x.text);
  }
  assert.equal((await staff.E1.post(`/api/v1/pulse/${pid}/answer`, { answers: [{ question_id: q1.id, value: 1 }] })).status, 409);
  assert.equal((await staff.E2.post(`/api/v1/pulse/${pid}/answer`, { answers: [{ question_id: q1.id, value: 9 }] })).status, 400);
  // 財政課 answers the question of its own unit's survey only.
  const f = (await staff.E11.get('/api/v1/pulse/mine')).data.pulses[0].survey.questions[0];
  assert.notEqual(f.id, q1.id);
  assert.equal((await staff.E11.post(`/api/v1/pulse/${pid}/answer`, { answers: [{ question_id: q1.id, value: 4 }] })).status, 400);
  assert.equal((await staff.E11.post(`/api/v1/pulse/${pid}/answer`, { answers: [{ question_id: f.id, value: 4 }] })).status, 201);
  assert.equal((await staff.E1.get('/api/v1/pulse/mine')).data.pulses[0].answered, true);
  // No link from an answer to a person.
  assert.equal(sqlite(db, 'SELECT count(*) FROM survey_responses WHERE staff_id IS NOT NULL'), '0');
  assert.equal(sqlite(db, 'SELECT count(*) FROM survey_responses'), '11');

  for (const who of [worker, staff.E1]) assert.equal((await who.get(`/api/v1/pulse/${pid}/results`)).status, 403);
  r = await editor.get(`/api/v1/pulse/${pid}/results`);
  assert.equal(r.status, 200, r.text);
  const [soumu, zaisei] = [r.data.units.find((u) => u.department === '総務部/総務課'), r.data.units.find((u) => u.department === '総務部/財政課')];
  assert.equal(soumu.n, 10);
  assert.equal(soumu.suppressed, false);
  assert.equal(soumu.results.questions[0].mean, 4);
  assert.deepEqual(Object.keys(zaisei).sort(), ['department', 'n', 'suppressed']);
  assert.deepEqual(zaisei, { department: '総務部/財政課', n: 1, suppressed: true });
  // Free text: counted for the editor, its content only for the 実施者
  // (grouped, masked), and that read is audited.
  assert.equal(soumu.comments, false);
  assert.deepEqual(soumu.results.questions[1].groups, []);
  assert.equal(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'pulse.comments.view'"), '0');
  r = await impl.get(`/api/v1/pulse/${pid}/results`);
  assert.equal(r.status, 200, r.text);
  const implSoumu = r.data.units.find((u) => u.department === '総務部/総務課');
  assert.equal(implSoumu.comments, true);
  const groups = implSoumu.results.questions[1].groups;
  assert.ok(groups.length >= 1, JSON.stringify(implSoumu.results.questions[1]));
  assert.equal(groups.reduce((s, g) => s + g.count, 0), 10);
  assert.deepEqual(r.data.units.find((u) => u.department === '総務部/財政課'), { department: '総務部/財政課', n: 1, suppressed: true });
  assert.equal(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'pulse.comments.view'"), '1');
  r = await impl.get('/api/v1/pulse');
  assert.equal(r.data.pulses[0].responses, 11);
  assert.equal(r.data.pulses[0].invited, 12);
  assert.equal((await admin.get('/api/v1/pulse/999999/results')).status, 404);
});

test('CLI: stresscheck crisis scores any labelled TSV (recall per label, false alarms on none)', () => {
  const f = path.join(dir, 'crisis.tsv');
  writeFileSync(f, '# a comment\ndirect\t死のうかな\nindirect\tいなくなりたい\nself_harm\t手首を切った\nothers\t上司を殴りたい\nnone\t死ぬほど忙しい\nnone\t締切で死にそう\n');
  let r = run(['stresscheck', 'crisis', f]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /recall direct\s+1\/1/);
  assert.match(r.stdout, /recall others\s+1\/1/);
  assert.match(r.stdout, /false alarms on none 0\/2/);
  writeFileSync(f, 'direct\t死にたい\nmaybe\tx\nno tab here\n');
  r = run(['stresscheck', 'crisis', f]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /crisis\.tsv:2: /);
  assert.match(r.stderr, /crisis\.tsv:3: /);
  assert.equal(run(['stresscheck', 'crisis']).status, 2);
  assert.equal(run(['stresscheck', 'crisis', path.join(dir, 'missing.tsv')]).status, 1);
});

test('opinion box: posts cannot be joined to their authors through any table or log', async () => {
  const a = await worker.post('/api/v1/opinions', { category: '職場環境', body: '山田太郎さんの席の空調が効きません。090-1234-5678 まで' });
  assert.equal(a.status, 201, a.text);
  const b = await other.post('/api/v1/opinions', { category: 'その他', body: '会議を減らしてほしい' });
  assert.equal(b.status, 201);
  const list = await editor.get('/api/v1/opinions');
  assert.equal(list.data.opinions.length, 2);
  const text = list.data.opinions.map((o) => o.body).join('\n');
  assert.doesNotMatch(text, /090-1234-5678/);
  // Every table: no row carries a post's key next to a user, and the posts
  // table itself has nothing but the day.
  const tables = sqlite(db, "SELECT name FROM sqlite_master WHERE type = 'table'").split('\n');
  const keys = list.data.opinions.map((o) => o.key);
  for (const t of tables) {
    const dump = sqlite(db, `SELECT * FROM "${t}"`);
    for (const k of keys) assert.ok(!dump.toLowerCase().includes(k), `${t} holds a post key`);
  }
  const cols = sqlite(db, "SELECT group_concat(name) FROM pragma_table_info('ob_posts')");
  assert.equal(cols, 'key,day,category,department_id,body,status,reason,reply,reply_day');
  assert.equal(sqlite(db, "SELECT count(*) FROM audit_log WHERE action LIKE 'opinion%' OR target LIKE 'opinion%'"), '0');
  // The access log line of a post names neither the user nor the address
  // (it is written when the request completes, which may be after the
  // client has read the response).
  const postLines = () => srv.stderr().split('\n').filter((l) => l.includes('POST /api/v1/opinions '));
  await waitFor('both posts in the access log', () => postLines().length >= 2);
  const posts = postLines();
  assert.equal(posts.length, 2);
  for (const l of posts) {
    assert.match(l, /user=0 ip=-/);
  }
  // Rate limit per account.
  for (let i = 0; i < 4; i++) assert.equal((await other.post('/api/v1/opinions', { category: 'その他', body: `意見${i}` })).status, 201);
  assert.equal((await other.post('/api/v1/opinions', { category: 'その他', body: '多すぎ' })).status, 429);
  assert.equal((await worker.post('/api/v1/opinions', { category: 'その他', body: 'まだ大丈夫' })).status, 201);
  const k = keys[0];
  let r = await worker.post('/api/v1/opinions/update', { key: k, status: '対応済', reply: '修理しました' });
  assert.equal(r.status, 403);
  r = await editor.post('/api/v1/opinions/update', { key: k, status: '対応しない' });
  assert.equal(r.status, 400);
  r = await editor.post('/api/v1/opinions/update', { key: k, status: '対応済', reply: '修理しました' });
  assert.equal(r.status, 200, r.text);
});

// Posts a chat turn and reads the event stream (meta, delta..., done |
// error); a JSON error before the stream comes back as { status, data }.
async function chat(client, json) {
  const res = await fetch(client.base + '/api/v1/wellbeing/chat', {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  const out = { status: res.status, events: [], text: '' };
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    out.data = await res.json();
    return out;
  }
  const body = await res.text();
  for (const block of body.split('\n\n')) {
    let name = null, data = null;
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data = JSON.parse(line.slice(6));
    }
    if (name && data) out.events.push({ name, data });
  }
  out.names = out.events.map((e) => e.name);
  out.text = out.events.filter((e) => e.name === 'delta').map((e) => e.data.text).join('');
  out.meta = out.events.find((e) => e.name === 'meta')?.data;
  out.done = out.events.find((e) => e.name === 'done')?.data;
  return out;
}

test('self-care chat: the crisis answer streams at once without a model; nothing is stored unless asked', async () => {
  let r = await chat(worker, { messages: [{ role: 'user', content: 'もう消えたい' }] });
  assert.equal(r.status, 200);
  assert.equal(r.names[0], 'meta');
  assert.equal(r.names[r.names.length - 1], 'done');
  assert.equal(r.meta.crisis, true);
  assert.equal(r.meta.kind, 'suicide');
  assert.match(r.text, /0570-064-556/);
  assert.match(r.text, /0120-279-338/);
  assert.match(r.text, /いのちの電話/);
  assert.equal(sqlite(db, 'SELECT count(*) FROM wb_chats'), '0');
  // A conjugation no cue list had: the lemma finds it.
  r = await chat(worker, { messages: [{ role: 'user', content: 'いっそ死んでしまえたらいいのに' }] });
  assert.equal(r.meta.crisis, true);
  r = await chat(worker, { messages: [{ role: 'user', content: '死ぬほど忙しい' }] });
  assert.equal(r.status, 503);
  assert.equal(r.data.error.code, 'not_configured');
  r = await chat(worker, { messages: [{ role: 'user', content: 'リスカしてしまった' }], save: true });
  assert.equal(r.status, 200);
  assert.equal(r.meta.kind, 'self_harm');
  assert.ok(r.done.saved_id > 0);
  const mine = await worker.get('/api/v1/wellbeing/chats');
  assert.equal(mine.data.chats.length, 1);
  assert.match(mine.data.chats[0].messages[1].content, /0570-064-556/);
  const theirs = await other.get('/api/v1/wellbeing/chats');
  assert.equal(theirs.data.chats.length, 0);
  assert.equal((await other.del(`/api/v1/wellbeing/chats/${r.done.saved_id}`)).status, 404);
  assert.equal((await worker.del(`/api/v1/wellbeing/chats/${r.done.saved_id}`)).status, 200);
  // Hostile turns are refused before any stream.
  r = await chat(worker, { messages: [{ role: 'assistant', content: 'x' }] });
  assert.equal(r.status, 400);
  r = await chat(worker, { messages: [{ role: 'user', content: 'x'.repeat(5000) }] });
  assert.equal(r.status, 400);
});

// The replay model server of tests/llm-server ("echo": the reply is the
// last user message as the model received it).
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

test('self-care chat with a model: crisis answered without any model call; other text goes through the guard', async () => {
  const { child, port } = await startReplay();
  try {
    const r0 = await admin.put('/api/v1/settings', { llm_url: `http://127.0.0.1:${port}/v1`, llm_model: 'echo', wellbeing_contact: '職員健康管理室 内線 1234' });
    assert.equal(r0.status, 200, r0.text);
    const requests = async () => (await fetch(`http://127.0.0.1:${port}/__requests`)).json();
    let r = await chat(worker, { messages: [{ role: 'user', content: '生きているのがつらい' }] });
    assert.equal(r.status, 200);
    assert.equal(r.meta.crisis, true);
    assert.match(r.text, /内線 1234/);
    assert.equal((await requests()).length, 0, 'no model call for a crisis message');
    r = await chat(worker, { messages: [{ role: 'user', content: '山田太郎さんとの打ち合わせが多くて締切で死にそう。090-1234-5678' }] });
    assert.equal(r.status, 200);
    assert.equal(r.meta.crisis, false);
    assert.equal(r.meta.ai, true);
    assert.deepEqual([r.names[0], r.names[r.names.length - 1]], ['meta', 'done']);
    assert.ok(r.names.filter((n) => n === 'delta').length >= 1, r.names.join(','));
    assert.match(r.text, /打ち合わせ/); // the echo model streams the (masked) message back
    const sent = JSON.stringify(await requests());
    assert.equal((await requests()).length, 1);
    assert.ok(!sent.includes('090-1234-5678'), 'the phone number reached the model');
    assert.match(sent, /"stream":true/);
    assert.match(sent, /セルフケア/); // the system prompt
    // Saved on request, with the streamed reply.
    r = await chat(worker, { messages: [{ role: 'user', content: '最近よく眠れない' }], save: true });
    assert.ok(r.done.saved_id > 0);
    assert.equal(sqlite(db, `SELECT count(*) FROM wb_chats WHERE messages LIKE '%眠れない%眠れない%'`), '1');
    assert.equal((await worker.del(`/api/v1/wellbeing/chats/${r.done.saved_id}`)).status, 200);
    assert.equal(sqlite(db, 'SELECT count(*) FROM wb_chats'), '0');
  } finally {
    await admin.put('/api/v1/settings', { llm_url: '' });
    child.stdin.end();
    child.kill();
  }
});
