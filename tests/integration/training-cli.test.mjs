// The seed city's two study sessions through the command line, as a city
// would run them in batch: roster, sessions, quotas and nominations, the
// open call with its waiting list, attendance lists (CSV), the forms-service
// survey exports (BOM, CP932, quoted newlines, a bad row), certifications,
// and the training report (through the API, which the CLI's --json shares).
//
// Session 1 (初学者向け, quota 1–2 per 課): 79 attended, 66 answered (84%).
// Session 2 (課題解決, open call up to 40): 27 attended, 16 of whom came to
// session 1; 22 answered (81%).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { run, tempDir, initDb, startServer, stopServer, adminClient, Client, cleanup } from './lib.mjs';

let dir, db, password;
const SECTIONS = 48; // 8 部 × 6 課, 10 staff each
const no = (k, p) => String(10000 + 100 * k + p);
const file = (name, text) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const cli = (...args) => run([...args, '--db', db]);

before(() => {
  dir = tempDir();
  ({ db, password } = initDb(dir));
  const rows = ['employee_no,name,department,tier,email'];
  for (let k = 0; k < SECTIONS; k++) {
    for (let p = 0; p < 10; p++) rows.push(`${no(k, p)},職員${k}-${p},第${Math.floor(k / 6) + 1}部/第${(k % 6) + 1}課,一般職員,`);
  }
  const r = cli('staff', 'import', file('roster.csv', rows.join('\n') + '\n'));
  assert.equal(r.status, 0, r.stderr);
});

after(() => cleanup(dir));

// Session 1's attendees: two in the first 31 課, one in the other 17.
const first = [];
for (let k = 0; k < SECTIONS; k++) for (let p = 0; p < (k < 31 ? 2 : 1); p++) first.push(no(k, p + 2));

function postSurveyCsv(people, sat, { bom = false } = {}) {
  const lines = ['タイムスタンプ,研修の満足度を教えてください,業務で使えそうですか,ご意見・ご感想'];
  people.forEach((who, i) => {
    const comment = i % 3 === 0 ? '"議事録の要約に使いたい。\n来月から試します"' : i % 3 === 1 ? '"文書の校正, 要約"' : '';
    lines.push(`2026/06/10 16:${String(i % 60).padStart(2, '0')}:00,${sat(i)},${i % 2 ? 'やや使える' : '使える'},${comment}`);
  });
  return (bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
}

test('the seed city through the CLI: 79/66 and 27/22 with 16 repeats', async () => {
  // ---- session 1: quota per 課 ----------------------------------------------
  const a = cli('training', 'add', '--title', '生成AI勉強会（初学者向け）', '--date', '2026-06-10',
    '--level', '初学者向け', '--recruitment', 'quota');
  assert.equal(a.status, 0, a.stderr);
  const s1 = a.stdout.trim().split('\n').at(-1);
  assert.match(s1, /^\d+$/);
  for (let k = 0; k < SECTIONS; k++) {
    const q = cli('training', 'quota', '--session', s1, '--department', `第${Math.floor(k / 6) + 1}部/第${(k % 6) + 1}課`, '--quota', k < 31 ? '2' : '1');
    assert.equal(q.status, 0, q.stderr);
  }
  for (const n of first) assert.equal(cli('training', 'register', '--session', s1, '--employee-no', n).status, 0);
  const over = cli('training', 'register', '--session', s1, '--employee-no', no(0, 9));
  assert.equal(over.status, 1);
  assert.match(over.stderr, /枠/);
  // Attendance list with 職員番号 and other columns, UTF-8 with BOM.
  const att1 = file('attend1.csv', '\ufeff職員番号,氏名\n' + first.map((n) => `${n},x`).join('\n') + '\n');
  const at = cli('training', 'attend', '--session', s1, att1);
  assert.equal(at.status, 0, at.stderr);
  // The forms export: 66 answers, 64 satisfied or rather satisfied; BOM,
  // CRLF, comments with quoted newlines and commas.
  const sat1 = (i) => (i < 40 ? '満足' : i < 64 ? 'やや満足' : 'どちらともいえない');
  const imp = cli('survey', 'import', '--session', s1, file('post1.csv', postSurveyCsv(first.slice(0, 66), sat1, { bom: true })));
  assert.equal(imp.status, 0, imp.stderr);

  // ---- session 2: open call up to 40 ------------------------------------------
  const b = cli('training', 'add', '--title', '生成AI勉強会（業務での活用）', '--date', '2026-09-15',
    '--capacity', '40', '--level', '課題解決');
  const s2 = b.stdout.trim().split('\n').at(-1);
  const volunteers = [...first.slice(0, 20), ...Array.from({ length: 25 }, (_, i) => no(31 + (i % 17), 3 + Math.floor(i / 17)))];
  const outcomes = volunteers.map((n) => cli('training', 'register', '--session', s2, '--employee-no', n).stdout);
  assert.equal(outcomes.filter((o) => /キャンセル待ち/.test(o)).length, 5);
  const c = cli('training', 'cancel', '--session', s2, '--employee-no', volunteers[3]);
  assert.match(c.stdout, /繰り上がりました/);
  // 27 attended: 16 from session 1, 11 newcomers (employee_no header, CP932).
  const attended2 = [...first.slice(4, 20), ...volunteers.slice(20, 31)];
  assert.equal(attended2.length, 27);
  const sjis = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: '社員,employee_no\n' + attended2.map((n) => `職員,${n}`).join('\n') + '\n' });
  assert.equal(sjis.status, 0);
  writeFileSync(path.join(dir, 'attend2.csv'), sjis.stdout);
  const at2 = cli('training', 'attend', '--session', s2, path.join(dir, 'attend2.csv'));
  assert.equal(at2.status, 0, at2.stderr);
  // The post-survey export in CP932: 22 answers.
  const sat2 = (i) => (i < 12 ? '満足' : i < 20 ? 'やや満足' : 'やや不満');
  const post2 = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: postSurveyCsv(attended2.slice(0, 22), sat2) });
  writeFileSync(path.join(dir, 'post2.csv'), post2.stdout);
  const imp2 = cli('survey', 'import', '--session', s2, '--phase', 'post', path.join(dir, 'post2.csv'));
  assert.equal(imp2.status, 0, imp2.stderr);

  // ---- a bad row: nothing is stored, and the message says where -------------
  const bad = file('bad.csv', 'タイムスタンプ,研修の満足度を教えてください\n2026/06/10,満足\n2026/06/10,とても満足\n');
  const br = cli('survey', 'import', '--session', s1, bad);
  assert.equal(br.status, 1);
  assert.match(br.stderr, /bad\.csv:3: .*とても満足/);
  const badAtt = file('bad-attend.csv', 'employee_no\n10002\n99999\n');
  const ba = cli('training', 'attend', '--session', s2, badAtt);
  assert.equal(ba.status, 1);
  assert.match(ba.stderr, /bad-attend\.csv:3: .*99999/);
  const noCol = cli('training', 'attend', '--session', s2, file('nocol.csv', '氏名\nx\n'));
  assert.equal(noCol.status, 1);
  assert.match(noCol.stderr, /nocol\.csv/);

  // ---- the report: `yakuba report training --json` ------------------------------
  const cliRep = cli('report', 'training', '--json');
  assert.equal(cliRep.status, 0, cliRep.stderr);
  const [c1, c2] = JSON.parse(cliRep.stdout).sessions;
  assert.deepEqual([c1.attendees, c1.responses, c1.repeat_attendees], [79, 66, 0]);
  assert.deepEqual([c2.attendees, c2.responses, c2.repeat_attendees], [27, 22, 16]);
  assert.equal(Math.round(c1.response_rate * 100), 84);
  assert.equal(Math.round(c2.response_rate * 100), 81);
  for (const k of ['id', 'title', 'date', 'attendees', 'repeat_attendees', 'responses', 'response_rate', 'questions']) assert.ok(k in c1, k);
  for (const k of ['question', 'responses', 'top2_share']) assert.ok(k in c1.questions[0], k);
  const text = cli('report', 'training');
  assert.equal(text.status, 0);
  assert.match(text.stdout, /生成AI勉強会（初学者向け）\t79\t0\t66\t83\.5%/);

  // ---- the same report through the API -------------------------------------------
  const srv = await startServer(db);
  try {
    const admin = await adminClient(srv.base, password);
    const rep = await admin.get('/api/v1/training/report');
    assert.equal(rep.status, 200, rep.text);
    const [r1, r2] = rep.data.sessions;
    assert.equal(r1.id, Number(s1));
    assert.equal(r1.attendees, 79);
    assert.equal(r1.repeat_attendees, 0);
    assert.equal(r1.responses, 66);
    assert.equal(Math.round(r1.response_rate * 100), 84);
    const q1 = r1.questions.find((q) => q.question === '研修の満足度を教えてください');
    assert.equal(q1.kind, 'scale');
    assert.equal(q1.scale, 'satisfaction');
    assert.equal(q1.responses, 66);
    assert.equal(Math.round(q1.top2_share * 100), 97);
    const use = r1.questions.find((q) => q.question === '業務で使えそうですか');
    assert.equal(use.scale, 'usefulness');
    const text = r1.questions.find((q) => q.kind === 'text');
    assert.equal(text.responses, 44);
    assert.equal(r2.attendees, 27);
    assert.equal(r2.repeat_attendees, 16);
    assert.equal(r2.responses, 22);
    assert.equal(Math.round(r2.response_rate * 100), 81);
    // The free text comes back masked and grouped.
    if (text.groups.length) assert.ok(text.groups.some((g) => g.phrase === '議事録' || g.phrase === '要約'));
  } finally {
    assert.equal(await stopServer(srv), 0);
  }
});

test('cert import: all or nothing, then coverage', async () => {
  const good = file('certs.csv', 'employee_no,certification,acquired_on\n10000,G検定,2026-03-01\n10100,ITパスポート,2026/04/01\n10001,G検定,2025-11-20\n');
  const bad = file('certs-bad.csv', 'employee_no,certification,acquired_on\n10200,G検定,2026-03-01\n10300,英検,2026-03-01\n');
  const br = cli('cert', 'import', bad);
  assert.equal(br.status, 1);
  assert.match(br.stderr, /certs-bad\.csv:3: .*英検/);
  const badDay = cli('cert', 'import', file('certs-day.csv', 'employee_no,certification,acquired_on\n10200,G検定,2026-02-30\n'));
  assert.equal(badDay.status, 1);
  assert.match(badDay.stderr, /certs-day\.csv:2: /);
  const r = cli('cert', 'import', good);
  assert.equal(r.status, 0, r.stderr);
  const list = cli('cert', 'list');
  assert.equal(list.stdout.trim().split('\n').length, 3);
  const cr = cli('report', 'certifications', '--json');
  assert.equal(cr.status, 0, cr.stderr);
  const cj = JSON.parse(cr.stdout);
  assert.equal(cj.departments, SECTIONS);
  assert.equal(cj.departments_with_holder, 2);
  assert.deepEqual(cj.by_certification.map((x) => [x.name, x.holders]).slice(0, 3), [['G検定', 2], ['DS検定', 0], ['ITパスポート', 1]]);
  assert.deepEqual(cj.by_department[0], { department: '第1部/第1課', staff: 10, holders: 2 });
  assert.match(cli('report', 'certifications').stdout, /資格保有者のいる所属: 2 \/ 48/);
  const srv = await startServer(db);
  try {
    // The first test changed the one-time password to lib.mjs's default.
    const admin = new Client(srv.base);
    assert.equal((await admin.login('admin', 'kanri-Password-2026')).status, 200);
    const rep = (await admin.get('/api/v1/training/certs/report')).data;
    assert.equal(rep.departments, SECTIONS);
    assert.equal(rep.departments_with_holder, 2);
    assert.equal(rep.by_certification.find((x) => x.name === 'G検定').holders, 2);
  } finally {
    assert.equal(await stopServer(srv), 0);
  }
});

test('every command starts and ends the same way: --help exits 0, a missing database 1, a usage error 2', () => {
  // One frame (cli_run_*) serves all of these; `stresscheck crisis --help`
  // used to exit with 255.
  const actions = [
    ['training', 'list'], ['training', 'add'], ['training', 'quota'], ['training', 'roll'],
    ['training', 'register'], ['training', 'attend'], ['cert', 'list'], ['cert', 'add'],
    ['staff', 'list'], ['staff', 'sync'], ['user', 'list'], ['user', 'add'], ['dept', 'list'],
    ['report', 'training'], ['report', 'certifications'], ['report', 'stress'], ['report', 'adoption'],
    ['survey', 'results'], ['stresscheck', 'crisis'], ['stresscheck', 'score'], ['backup'], ['init'],
  ];
  for (const a of actions) {
    const h = run([...a, '--help']);
    assert.equal(h.status, 0, `${a.join(' ')} --help: ${h.stderr}`);
    assert.match(h.stdout, /^使い方: yakuba /, a.join(' '));
  }
  const missing = path.join(dir, 'nothing-here.db');
  for (const a of [['training', 'list'], ['cert', 'list'], ['staff', 'list'], ['user', 'list'], ['dept', 'list'], ['report', 'training']]) {
    const r = run([...a, '--db', missing]);
    assert.equal(r.status, 1, a.join(' '));
    assert.match(r.stderr, /^yakuba: /, a.join(' '));
    assert.equal(r.stdout, '');
  }
  const bad = cli('training', 'list', '--no-such-option');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown option/);
});

test('through the CLI: a raised quota opens places, a cancellation moves the waiting list up', () => {
  const s = cli('training', 'add', '--title', '枠の繰り上げ', '--date', '2026-11-20', '--capacity', '2',
    '--recruitment', 'quota').stdout.trim().split('\n').pop();
  assert.equal(cli('training', 'quota', '--session', s, '--department', '第8部/第6課', '--quota', '1').status, 0);
  assert.match(cli('training', 'register', '--session', s, '--employee-no', no(47, 0)).stdout, /申し込みました/);
  // The department's one place is taken: the next is refused, not queued.
  assert.equal(cli('training', 'register', '--session', s, '--employee-no', no(47, 1)).status, 1);
  assert.equal(cli('training', 'quota', '--session', s, '--department', '第8部/第6課', '--quota', '3').status, 0);
  assert.match(cli('training', 'register', '--session', s, '--employee-no', no(47, 1)).stdout, /申し込みました/);
  assert.match(cli('training', 'register', '--session', s, '--employee-no', no(47, 2)).stdout, /キャンセル待ち/);
  // Capacity 2 is full; a cancellation moves the one waiting up.
  const c = cli('training', 'cancel', '--session', s, '--employee-no', no(47, 0));
  assert.match(c.stdout, /繰り上がりました/);
  const roll = cli('training', 'roll', '--session', s).stdout;
  assert.match(roll, new RegExp(`${no(47, 2)}\\t[^\\n]*\\t申込\\t`));
});
