// Retention (issue 13, item 8) through the real binary: the daily purge of
// the question log (retention_questions_days) and of the usage events
// (retention_usage_days). 活用状況 gives the same JSON before and after the
// purge, the 未回答 list keeps its groups and counts, purged imported rows
// stay de-duplicated on re-import, a new event after the purge is still
// counted, and each purge is audited with the rows it removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, tempDir, initDb, startServer, stopServer, adminClient, Client, cleanup, sqlite, waitFor } from './lib.mjs';

const DAY = 86400;
const now = () => Math.floor(Date.now() / 1000);
// JST calendar date of a Unix time, as the report's period parameters want.
const jstDate = (t) => new Date((t + 9 * 3600) * 1000).toISOString().slice(0, 10);

function report(db) {
  const r = run(['report', 'adoption', '--db', db, '--from', '2023-04-01', '--to', jstDate(now()), '--json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('the daily purge removes old questions and usage events; 活用状況 and 未回答 keep their figures', async () => {
  const dir = tempDir();
  try {
    const { db, password } = initDb(dir);
    const roster = path.join(dir, 'roster.csv');
    writeFileSync(roster, '職員番号,氏名,所属,役割\n' +
      Array.from({ length: 8 }, (_, i) => `E00${i + 1},職員${i + 1},市民部/市民課,一般職員`).join('\n') + '\n');
    assert.equal(run(['staff', 'import', '--db', db, roster]).status, 0);

    // Usage: recent events recorded by yakuba, then an import of another
    // tool's log from 2023 (its rows go to usage_imported).
    const t = now();
    const id = (no) => `(SELECT id FROM staff WHERE employee_no = '${no}')`;
    sqlite(db, 'INSERT INTO usage_events(at, staff_id, feature, outcome) VALUES ' +
      `(${t - 400 * DAY}, ${id('E001')}, 'ask', 'answer'), (${t - 380 * DAY}, ${id('E002')}, 'chat', 'ok'),` +
      `(${t - 10 * DAY}, ${id('E001')}, 'ask', 'unknown'), (${t - DAY}, ${id('E003')}, 'ask', 'answer');`);
    const old = path.join(dir, 'old.csv');
    writeFileSync(old, '職員番号,日時,機能\nE004,2023-11-01 09:00,external:trial\n' +
      'E005,2023-11-02 10:00,external:trial\nE004,2023-11-03 11:00,external:trial\n');
    const imp = run(['usage', 'import', '--db', db, old]);
    assert.equal(imp.status, 0, imp.stderr);
    assert.match(imp.stdout, /3 件を追加しました/);

    // Questions: old ones answered (one with a comment), old ones still
    // open on the 未回答 list (unknown, 👎), an old one resolved, recent ones.
    const q = (at, text, decision, extra = '') =>
      `(${at}, 'staff', '${text}', '${decision}', 0.5, 1000, 'tok${at}'${extra})`;
    sqlite(db, 'INSERT INTO qa_questions(at, channel, question, decision, top_score, latency_us, feedback_token) VALUES ' +
      [q(t - 500 * DAY, '住民票の写しはどこで', 'answer'), q(t - 499 * DAY, '印鑑登録の手続き', 'answer'),
        q(t - 498 * DAY, '犬の登録はどこでできますか', 'unknown'), q(t - 497 * DAY, '粗大ごみの出し方を知りたい', 'answer'),
        q(t - 5 * DAY, 'ごみの分別について', 'answer'), q(t - 4 * DAY, '犬の登録はどこでできますか', 'unknown')].join(',') + ';');
    const qid = (text) => sqlite(db, `SELECT min(id) FROM qa_questions WHERE question = '${text}'`);
    // The 👍 of a member of staff taught an entry the question's words.
    sqlite(db, `INSERT INTO kb_entries(kind, question, answer, created_at, updated_at)
      VALUES ('faq', '印鑑登録', '市民課で受け付けます。', ${t}, ${t});`);
    const entry = sqlite(db, "SELECT id FROM kb_entries WHERE question = '印鑑登録'");
    sqlite(db, 'INSERT INTO qa_feedback(question_id, entry_id, vote, comment, at) VALUES ' +
      `(${qid('印鑑登録の手続き')}, ${entry}, 1, '助かりました', ${t - 499 * DAY}),` +
      `(${qid('粗大ごみの出し方を知りたい')}, NULL, -1, '', ${t - 497 * DAY});`);
    sqlite(db, `INSERT INTO qa_questions(at, channel, question, decision, top_score, latency_us, feedback_token, resolved_entry_id)
      VALUES (${t - 496 * DAY}, 'staff', '解決済みの古い質問', 'unknown', 0, 1000, 'tokr', NULL);`);
    sqlite(db, `UPDATE qa_questions SET dismissed = 1 WHERE question = '解決済みの古い質問'`);

    // Before: the report and the 未回答 list (retention still 0 = keep).
    const reportBefore = report(db);
    assert.equal(reportBefore.uses, 7);
    let srv = await startServer(db);
    let admin = await adminClient(srv.base, password);
    const listBefore = (await admin.get('/api/v1/kb/unanswered')).data;
    assert.equal(await stopServer(srv), 0, srv.stderr());
    assert.equal(sqlite(db, "SELECT count(*) FROM audit_log WHERE action IN ('qa.purge', 'usage.purge')"), '0',
      'nothing is purged while the settings are 0');

    const seqBefore = Number(sqlite(db, 'SELECT coalesce(max(seq), 0) FROM qa_index_changes'));
    sqlite(db, `INSERT INTO settings(key, value, updated_at) VALUES
      ('retention_questions_days', '365', ${t}), ('retention_usage_days', '365', ${t});`);
    srv = await startServer(db, [], { YAKUBA_HOUSEKEEPING_SECONDS: '1' });
    try {
      await waitFor('the purge', () =>
        sqlite(db, "SELECT count(*) FROM audit_log WHERE action IN ('qa.purge', 'usage.purge')") === '2');
      admin = new Client(srv.base);
      assert.equal((await admin.login('admin', 'kanri-Password-2026')).status, 200);
      const listAfter = (await admin.get('/api/v1/kb/unanswered')).data;
      assert.deepEqual(listAfter, listBefore, 'the 未回答 list is the same');
      assert.ok(listAfter.groups.some((g) => g.question === '犬の登録はどこでできますか' && g.count === 2));
    } finally {
      assert.equal(await stopServer(srv), 0, srv.stderr());
    }

    // Questions: the old answered ones and the dismissed one are gone with
    // their feedback; the open ones (unknown, 👎) and the recent ones stay.
    assert.deepEqual(sqlite(db, 'SELECT question FROM qa_questions ORDER BY id').split('\n'),
      ['犬の登録はどこでできますか', '粗大ごみの出し方を知りたい', 'ごみの分別について', '犬の登録はどこでできますか']);
    assert.equal(sqlite(db, 'SELECT count(*) FROM qa_feedback'), '1', 'the 👎 of the open question stays');
    assert.equal(sqlite(db, "SELECT count(*) FROM qa_feedback WHERE comment = '助かりました'"), '0');
    const qaDetail = JSON.parse(sqlite(db, "SELECT detail FROM audit_log WHERE action = 'qa.purge'"));
    assert.equal(qaDetail.questions, 3);
    assert.equal(qaDetail.feedback, 1);
    assert.equal(qaDetail.relearned, 1);
    assert.equal(sqlite(db, `SELECT count(*) FROM qa_index_changes WHERE seq > ${seqBefore} AND entry_id = ${entry}`), '1',
      'the entry that learned from the purged 👍 is re-indexed');

    // Usage: the old recorded events are gone (the newest id stays: ids
    // must not come back below the roll-ups' mark), and so are the old
    // imported rows (usage_imported, keyed by time: no such rule); the
    // report is the same JSON.
    assert.equal(sqlite(db, `SELECT count(*) FROM usage_events WHERE at < ${t - 365 * DAY}`), '0');
    assert.equal(sqlite(db, `SELECT count(*) FROM usage_events WHERE at >= ${t - 365 * DAY}`), '2');
    assert.equal(sqlite(db, 'SELECT count(*) FROM usage_imported'), '0');
    const usageDetail = JSON.parse(sqlite(db, "SELECT detail FROM audit_log WHERE action = 'usage.purge'"));
    assert.equal(usageDetail.events, 2);
    assert.equal(usageDetail.imported, 3);
    assert.equal(usageDetail.import_keys, 3);
    assert.deepEqual(report(db), reportBefore, 'the adoption report is identical after the purge');

    // Re-importing the old file adds nothing: its three keys are in
    // usage_purged_import_keys.
    const again = run(['usage', 'import', '--db', db, old]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /0 件を追加しました（取り込み済みの 3 件/);
    assert.deepEqual(report(db), reportBefore, 're-importing purged rows counts nothing twice');

    // A new event after the purge gets a fresh id and is counted.
    const fresh = path.join(dir, 'fresh.csv');
    writeFileSync(fresh, `職員番号,日時,機能\nE006,${jstDate(t - 2 * DAY)} 09:00,external:trial\n`);
    assert.equal(run(['usage', 'import', '--db', db, fresh]).status, 0);
    const after = report(db);
    assert.equal(after.uses, reportBefore.uses + 1);
    assert.equal(after.active, reportBefore.active + 1);
  } finally {
    cleanup(dir);
  }
});
