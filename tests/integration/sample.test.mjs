// `yakuba sample`: the sample data of the fictional city みどり市 (staff
// roster, FAQ, internal documents) loads into a fresh database, a second
// run changes nothing, and `yakuba ask` finds the right entry for natural
// questions, citing articles of the documents, without ever showing an
// internal entry to the public channel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, tempDir, initDb, sqlite, cleanup } from './lib.mjs';

// How far down the sources an expected entry may be for the case to pass.
const TOP = 3;

// Natural questions and the entry that obviously answers them (FAQ id in
// data/seed/faq.csv, or a document passage by heading). Asked on the staff
// (CLI) channel, which sees internal entries too. `todo` marks a case the
// ranking gets wrong today; the case still runs and is listed as TODO.
const CASES = [
  { q: '引っ越してきたときの手続き', faq: 'faq-001' },
  { q: '粗大ゴミを出したい', faq: 'faq-044' },
  { q: 'マイナンバーカードを作りたい', faq: 'faq-013' },
  { q: '保育園に入りたい', faq: 'faq-034' },
  { q: '印鑑登録したい', faq: 'faq-008' },
  { q: '住民票を取りたい', faq: 'faq-006' },
  { q: '犬を飼った', faq: 'faq-048' },
  { q: '避難所はどこ', faq: 'faq-058' },
  { q: '期日前投票', faq: 'faq-068' },
  { q: '出張の旅費の精算', faq: 'faq-070' },
  { q: '不審なメールを開いてしまった', faq: 'faq-080' },
  { q: '年休を取りたい', faq: 'faq-073' },
  { q: '文書を廃棄するときの決まり', heading: '第10条（廃棄）' },
];

// Internal questions asked on the public channel: whatever comes back, no
// internal entry (FAQ with public = 0, or any document passage) may be in it.
const INTERNAL_QUESTIONS = [
  '出張の旅費の精算',
  '生成AIに個人情報を入れてよいか',
  '不審なメールを開いてしまった',
  '文書の保存期間',
  'USBメモリを使ってもよいか',
];

let dir;
let db;
const sampleRuns = [];
const dumps = [];

// Everything in the database except the audit log (each run of an import
// is itself audited, which is the point of an audit log).
function dumpData(file) {
  return sqlite(file, '.dump').split('\n').filter((l) => !l.startsWith('INSERT INTO audit_log')).join('\n');
}

function ask(question, extra = []) {
  const r = run(['ask', '--json', ...extra, '--db', db, question]);
  assert.equal(r.status, 0, `ask ${question}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// One line per source for failure messages: the scores `yakuba ask --json`
// printed, so that a ranking regression can be reported as it is.
function showSources(res) {
  return `decision=${res.decision}\n` + res.sources.map((s, i) =>
    `  ${i + 1}. ${s.external_id || s.heading_path || s.id} score=${s.score} ${s.title}`).join('\n');
}

before(() => {
  dir = tempDir();
  ({ db } = initDb(dir));
  for (let i = 0; i < 2; i++) {
    sampleRuns.push(run(['sample', '--db', db]));
    dumps.push(dumpData(db));
  }
});

after(() => cleanup(dir));

test('yakuba sample loads roster, FAQ and documents into a fresh database', () => {
  const r = sampleRuns[0];
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /サンプルの職員名簿を登録しました: \d+ 人（新規 [1-9]\d*、更新 0、変更なし 0）/);
  assert.match(r.stdout, /サンプルのFAQ: sample\/faq\.csv の \d+ 件（新規）/);
  assert.match(r.stdout, /サンプルの文書: 3 ファイル（新規 3、置換 0、変更なし 0）、段落 [1-9]\d* 件/);
  const faqs = Number(sqlite(db, "SELECT count(*) FROM kb_entries WHERE kind = 'faq'"));
  const internal = Number(sqlite(db, "SELECT count(*) FROM kb_entries WHERE kind = 'faq' AND public = 0"));
  assert.ok(faqs >= 75 && faqs <= 100, `${faqs} FAQ entries`);
  // About a quarter of the FAQ is internal staff know-how.
  assert.ok(internal >= faqs * 0.18 && internal <= faqs * 0.35, `${internal} of ${faqs} internal`);
  assert.equal(sqlite(db, "SELECT group_concat(name, '|') FROM (SELECT name FROM kb_sources ORDER BY name)"),
    'sample/faq.csv|sample/情報セキュリティ対策手順.md|sample/文書管理規程.md|sample/生成AI利用ガイドライン.md');
  // Passages keep the article they come from, so answers can cite it.
  assert.equal(sqlite(db, "SELECT count(*) FROM kb_entries WHERE heading_path = '第2章 文書の収受と起案 > 第5条（収受）'"), '1');
});

test('a second yakuba sample reports no change and changes nothing', () => {
  const r = sampleRuns[1];
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /サンプルの職員名簿を登録しました: \d+ 人（新規 0、更新 0、変更なし [1-9]\d*）、所属 0 件を作成/);
  assert.match(r.stdout, /サンプルのFAQ: sample\/faq\.csv の \d+ 件（変更なし）/);
  assert.match(r.stdout, /サンプルの文書: 3 ファイル（新規 0、置換 0、変更なし 3）/);
  assert.ok(dumps[0].includes('INSERT INTO kb_entries'), 'the dump holds the entries');
  assert.equal(dumps[1], dumps[0], 'the database changed on the second run');
});

for (const c of CASES) {
  const want = c.faq || c.heading;
  test(`ask「${c.q}」finds ${want} in the first ${TOP} sources`, { todo: c.todo }, () => {
    const res = ask(c.q);
    assert.ok(['answer', 'clarify'].includes(res.decision), showSources(res));
    const top = res.sources.slice(0, TOP);
    const hit = c.faq
      ? top.some((s) => s.kind === 'faq' && s.external_id === c.faq)
      : top.some((s) => s.kind === 'passage' && s.heading_path.endsWith(c.heading));
    assert.ok(hit, `「${c.q}」expected ${want}:\n${showSources(res)}`);
  });
}

test('the public channel never shows an internal entry', () => {
  const internalIds = new Set(sqlite(db, 'SELECT id FROM kb_entries WHERE public = 0').split('\n').map(Number));
  assert.ok(internalIds.size > 20, 'internal entries exist');
  let seenOnStaffChannel = 0;
  for (const q of INTERNAL_QUESTIONS) {
    // The staff channel does find internal entries for these questions, so
    // their absence below is the public filter's doing.
    if (ask(q).sources.some((s) => internalIds.has(s.id))) seenOnStaffChannel++;
    const res = ask(q, ['--public']);
    const shown = [...res.sources.map((s) => s.id), ...(res.related || []).map((s) => s.id)];
    if (res.answer && res.answer.id !== undefined) shown.push(res.answer.id);
    for (const id of shown) assert.ok(!internalIds.has(id), `「${q}」--public showed internal entry ${id}:\n${showSources(res)}`);
    for (const s of res.sources) assert.equal(s.external_id, undefined, 'public sources carry no file id');
  }
  assert.equal(seenOnStaffChannel, INTERNAL_QUESTIONS.length);
});

test('yakuba sample refuses arguments and a missing database', () => {
  const usage = run(['sample', '--db', db, 'extra']);
  assert.equal(usage.status, 2, usage.stderr);
  const missing = run(['sample', '--db', `${dir}/nothing-here.db`]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^yakuba: /);
  assert.equal(missing.stdout, '', 'nothing loaded into a database that does not exist');
});
