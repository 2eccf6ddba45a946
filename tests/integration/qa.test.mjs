// 問い合わせAI through the real server: import over HTTP, ask as staff and
// as a citizen, feedback, the public/private boundary by every route, the
// unanswered list turned into an entry, editors' entry changes, synonyms,
// and the CLI's ask/eval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, initDb, startServer, stopServer, adminClient, userClient, Client, run, cleanup } from './lib.mjs';

let dir, db, srv, admin, staff;

const faq = [
  'id,question,answer,category,public',
  'q1,転入届はどこで出せますか,本庁舎1階の市民課で受け付けます。引っ越してから14日以内に届け出てください。,届出,1',
  'q2,粗大ごみの出し方を教えてください,粗大ごみは申込制です。ごみ対策課へ電話で申し込んでください。,ごみ,1',
  'q3,職員の旅費の精算はどうすればよいですか,出張から5日以内に旅費精算書を庶務担当へ提出します。,庶務,0',
  'q4,保育所の入所申込みの時期,4月入所の申込みは前年の11月に子育て支援課で受け付けます。,子育て,1',
].join('\n') + '\n';

async function importFile(c, name, body) {
  return c.request('POST', `/api/v1/kb/import?filename=${encodeURIComponent(name)}`, {
    body, headers: { 'content-type': 'application/octet-stream' },
  });
}

before(async () => {
  dir = tempDir();
  const init = initDb(dir);
  db = init.db;
  srv = await startServer(db);
  admin = await adminClient(srv.base, init.password);
  staff = await userClient(srv.base, admin, 'shokuin', ['staff']);
});

after(async () => {
  if (srv) await stopServer(srv);
  cleanup(dir);
});

test('an FAQ file imports once; the same file again changes nothing', async () => {
  const r = await importFile(admin, 'faq.csv', faq);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.status, 'new');
  assert.equal(r.data.records, 4);
  const again = await importFile(admin, 'faq.csv', faq);
  assert.equal(again.data.status, 'unchanged');
  const sources = await admin.get('/api/v1/kb/sources');
  assert.equal(sources.data.sources.length, 1);
});

test('a broken file is refused whole with its line, and staff cannot import', async () => {
  const bad = 'question,answer\n転入届,市民課です\n粗大ごみ,\n';
  const r = await importFile(admin, 'bad.csv', bad);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.data.error.details[0].line, 3);
  assert.equal(r.data.error.details[0].text, 'bad.csv:3: 「answer」が空です');
  const list = await admin.get('/api/v1/kb/entries?q=' + encodeURIComponent('転入届'));
  assert.equal(list.data.total, 1, 'nothing from bad.csv is stored');
  assert.equal((await importFile(staff, 'x.csv', faq)).status, 403);
});

test('a file without a 公開 column is all staff-only: the import says so; bulk 公開 and 分類 fix it', async () => {
  const noPublic = 'question,answer\n水道の使用開始の手続き,水道局お客さまセンターへ電話で申し込みます。\nパスポートの申請窓口,旅券窓口は本庁舎2階にあります。\n';
  const r = await importFile(admin, 'nopublic.csv', noPublic);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.visibility_note, '2件すべて職員のみ（公開列なし）');
  assert.equal(r.data.public_records, 0);
  assert.equal(r.data.status_label, '新規');
  // faq.csv has the column with public rows: no note.
  const list = await admin.get(`/api/v1/kb/entries?source=${r.data.source_id}`);
  const ids = list.data.entries.map((e) => e.id);
  assert.equal(ids.length, 2);
  // Staff cannot, bad bodies are refused, a missing id changes nothing.
  assert.equal((await staff.post('/api/v1/kb/bulk/public', { ids, public: true })).status, 403);
  assert.equal((await admin.post('/api/v1/kb/bulk/public', { ids: [], public: true })).status, 400);
  assert.equal((await admin.post('/api/v1/kb/bulk/public', { ids: ['x'], public: true })).status, 400);
  assert.equal((await admin.post('/api/v1/kb/bulk/public', { ids, public: 'yes' })).status, 400);
  assert.equal((await admin.post('/api/v1/kb/bulk/public', { ids, public: true, extra: 1 })).status, 400);
  const missing = await admin.post('/api/v1/kb/bulk/public', { ids: [ids[0], 987654], public: true });
  assert.equal(missing.status, 404, missing.text);
  const pub = await admin.post('/api/v1/kb/bulk/public', { ids, public: true });
  assert.equal(pub.status, 200, pub.text);
  assert.deepEqual([pub.data.selected, pub.data.changed], [2, 2]);
  const cat = await admin.post('/api/v1/kb/bulk/category', { ids, category: '届出・証明' });
  assert.equal(cat.status, 200, cat.text);
  const after = await admin.get(`/api/v1/kb/entries?source=${r.data.source_id}`);
  assert.ok(after.data.entries.every((e) => e.public && e.category === '届出・証明'));
  // A citizen now gets the answer.
  const citizen = new Client(srv.base);
  const asked = await citizen.post('/api/v1/public/ask', { question: 'パスポートの申請窓口' });
  assert.equal(asked.status, 200, asked.text);
  assert.ok(asked.text.includes('旅券窓口は本庁舎2階'), asked.text);
  const audit = await admin.get('/api/v1/audit?limit=20');
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.text.includes('kb.entry.bulk_public') && audit.text.includes('kb.entry.bulk_category'), audit.text);
  // Leave the knowledge base as the other tests expect it.
  assert.equal((await admin.request('DELETE', `/api/v1/kb/sources/${r.data.source_id}`)).status, 200);
});

test('staff ask and get the answer with its source; feedback needs the token', async () => {
  const r = await staff.post('/api/v1/ask', { question: '粗大ごみを出したい' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.decision, 'answer');
  assert.match(r.data.answer.text, /申込制/);
  assert.equal(r.data.sources[0].external_id, 'q2');
  assert.equal(r.data.sources[0].source_name, 'faq.csv');
  const fb = await staff.post(`/api/v1/ask/${r.data.question_id}/feedback`, { token: r.data.feedback_token, vote: 1 });
  assert.equal(fb.status, 200, fb.text);
  const forged = await staff.post(`/api/v1/ask/${r.data.question_id}/feedback`, { token: 'f'.repeat(32), vote: -1 });
  assert.equal(forged.status, 403);
  const badVote = await staff.post(`/api/v1/ask/${r.data.question_id}/feedback`, { token: r.data.feedback_token, vote: 'good' });
  assert.equal(badVote.status, 400);
  assert.equal(badVote.data.error.field, 'vote');
  const unknownField = await staff.post('/api/v1/ask', { question: 'x', extra: 1 });
  assert.equal(unknownField.status, 400);
});

test('a citizen never sees a private entry, by any route', async () => {
  const anon = new Client(srv.base);
  const r = await anon.post('/api/v1/public/ask', { question: '職員の旅費の精算' });
  assert.equal(r.status, 200, r.text);
  assert.ok(!r.text.includes('旅費精算書'), 'private answer leaked');
  assert.ok(!r.text.includes('source_name'));
  for (const p of ['/api/v1/kb/entries', '/api/v1/kb/sources', '/api/v1/kb/unanswered', '/api/v1/kb/synonyms']) {
    assert.equal((await anon.get(p)).status, 401, p);
    assert.equal((await staff.get(p)).status, 403, p);
  }
  const pub = await anon.post('/api/v1/public/ask', { question: '保育所の入所申込み' });
  assert.equal(pub.data.decision, 'answer');
  assert.match(pub.data.answer.text, /11月/);
  const fb = await anon.post(`/api/v1/public/ask/${pub.data.question_id}/feedback`, { token: pub.data.feedback_token, vote: 1 });
  assert.equal(fb.status, 200);
});

test('the public channel is rate-limited per address', async () => {
  const anon = new Client(srv.base);
  let limited = 0;
  for (let i = 0; i < 15; i++) {
    const r = await anon.post('/api/v1/public/ask', { question: '転入届' });
    if (r.status === 429) limited++;
    else assert.equal(r.status, 200);
  }
  assert.ok(limited >= 1, 'no 429 after the burst');
});

test('behind the trusted proxy, the limit follows X-Forwarded-For', async () => {
  const anon = new Client(srv.base);
  // Not trusted yet: the header is ignored and 127.0.0.1 is still limited.
  const before = await anon.post('/api/v1/public/ask', { question: '転入届' }, { headers: { 'x-forwarded-for': '198.51.100.1' } });
  assert.equal(before.status, 429);
  const on = await admin.put('/api/v1/settings', { trusted_proxy_addr: '127.0.0.1' });
  assert.equal(on.status, 200, on.text);
  const a = await anon.post('/api/v1/public/ask', { question: '転入届' }, { headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' } });
  assert.equal(a.status, 200, a.text);
  let limited = 0;
  for (let i = 0; i < 12; i++) {
    const r = await anon.post('/api/v1/public/ask', { question: '転入届' }, { headers: { 'x-forwarded-for': '198.51.100.2' } });
    limited += r.status === 429;
  }
  assert.ok(limited >= 1);
  const other = await anon.post('/api/v1/public/ask', { question: '転入届' }, { headers: { 'x-forwarded-for': '198.51.100.3' } });
  assert.equal(other.status, 200, 'another citizen is not limited by the first');
  await admin.put('/api/v1/settings', { trusted_proxy_addr: '' });
});

test('an unanswered question becomes an FAQ entry, and then it is answered', async () => {
  const q = '犬の登録はどこでできますか';
  const first = await staff.post('/api/v1/ask', { question: q });
  assert.equal(first.data.decision, 'unknown');
  const u = await admin.get('/api/v1/kb/unanswered');
  assert.equal(u.status, 200);
  const g = u.data.groups.find((x) => x.question === q);
  assert.ok(g, 'the question is listed');
  const made = await admin.post('/api/v1/kb/unanswered/resolve', {
    question_ids: g.question_ids, question: q, answer: '犬の登録は環境政策課の窓口で受け付けています。', public: true,
  });
  assert.equal(made.status, 201, made.text);
  const again = await staff.post('/api/v1/ask', { question: q });
  assert.equal(again.data.decision, 'answer');
  assert.equal(again.data.answer.id, made.data.entry_id);
  const u2 = await admin.get('/api/v1/kb/unanswered');
  assert.ok(!u2.data.groups.some((x) => x.question === q));
  const audit = await admin.get('/api/v1/audit?action=qa.resolve');
  assert.equal(audit.data.entries.length, 1);
});

test('editors hide, edit and delete entries; the answers follow', async () => {
  const list = await admin.get('/api/v1/kb/entries?q=' + encodeURIComponent('粗大ごみ'));
  const e = list.data.entries[0];
  assert.equal((await admin.post(`/api/v1/kb/entries/${e.id}/hide`, {})).status, 200);
  let r = await staff.post('/api/v1/ask', { question: '粗大ごみの出し方' });
  assert.notEqual(r.data.answer?.id, e.id);
  assert.equal((await admin.post(`/api/v1/kb/entries/${e.id}/show`, {})).status, 200);
  const upd = await admin.put(`/api/v1/kb/entries/${e.id}`, { question: e.question, answer: '粗大ごみはインターネットでも申し込めます。', public: true });
  assert.equal(upd.status, 200, upd.text);
  r = await staff.post('/api/v1/ask', { question: '粗大ごみの出し方' });
  assert.match(r.data.answer.text, /インターネット/);
  const wrong = await admin.put(`/api/v1/kb/entries/${e.id}`, { question: 1 });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.data.error.field, 'question');
  assert.equal((await admin.del(`/api/v1/kb/entries/${e.id}`)).status, 200);
  assert.equal((await admin.get(`/api/v1/kb/entries/${e.id}`)).status, 404);
});

test('synonyms edited by editors change what matches', async () => {
  const s = await admin.get('/api/v1/kb/synonyms');
  assert.ok(s.data.groups.length >= 50);
  const groups = [...s.data.groups, ['ウェルカム届', '転入届']];
  const put = await admin.put('/api/v1/kb/synonyms', { groups });
  assert.equal(put.status, 200, put.text);
  const r = await staff.post('/api/v1/ask', { question: 'ウェルカム届' });
  assert.equal(r.data.sources[0].external_id, 'q1');
  const bad = await admin.put('/api/v1/kb/synonyms', { groups: [['ひとつ']] });
  assert.equal(bad.status, 400);
});

test('CLI: ask --json and eval with a TREC run file', () => {
  const ask = run(['ask', '--json', '--db', db, '保育所の入所申込み']);
  assert.equal(ask.status, 0, ask.stderr);
  assert.equal(JSON.parse(ask.stdout).decision, 'answer');
  const q = path.join(dir, 'q.tsv'), rel = path.join(dir, 'r.tsv'), out = path.join(dir, 'run.txt');
  writeFileSync(q, '1\t保育所の入所申込み\n2\t転入届の窓口\n');
  writeFileSync(rel, '1\tq4\t2\n2\tq1\t2\n');
  const ev = run(['eval', '--db', db, '--queries', q, '--qrels', rel, '--run', out, '--k', '5']);
  assert.equal(ev.status, 0, ev.stderr);
  assert.match(ev.stdout, /nDCG@10\s+1\.0000/);
  assert.match(ev.stdout, /median ms\/query/);
  const badRel = path.join(dir, 'bad.tsv');
  writeFileSync(badRel, '1\tq4\n');
  const e2 = run(['eval', '--db', db, '--queries', q, '--qrels', badRel]);
  assert.equal(e2.status, 1);
  assert.match(e2.stderr, /bad\.tsv:1:/);
  assert.equal(run(['eval', '--db', db]).status, 2);
});

test('CLI: import --check warns about a table without 公開 and labels a refused file 取り込み不可', () => {
  const ok = path.join(dir, 'cli-nopublic.csv');
  const bad = path.join(dir, 'cli-bad.csv');
  writeFileSync(ok, '質問,回答\nq1,a1\nq2,a2\n');
  writeFileSync(bad, 'question,answer\nq,\n');
  const r = run(['import', '--check', ok, bad]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /問題なし cli-nopublic\.csv（csv、2 件） 注意: 2件すべて職員のみ（公開列なし）/);
  assert.match(r.stdout, /問題あり cli-bad\.csv/);
  assert.match(r.stderr, /cli-bad\.csv:2: 「answer」が空です/);
  // No --check: stored files are not the --check wording; a refused one is 取り込み不可.
  const tmpDb = path.join(dir, 'cli-import.db');
  run(['init', '--db', tmpDb]);
  const s = run(['import', '--db', tmpDb, ok, bad]);
  assert.equal(s.status, 1, s.stderr);
  assert.match(s.stdout, /新規\u3000+ cli-nopublic\.csv（csv、2 件） 注意: 2件すべて職員のみ（公開列なし）/);
  assert.match(s.stdout, /取り込み不可 cli-bad\.csv/);
  assert.match(s.stdout, /取り込み不可 1/);
  assert.doesNotMatch(s.stdout, /失敗/);
});
