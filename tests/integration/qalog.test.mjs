// The question log under load and shutdown: questions are written by a
// group-commit writer a few milliseconds after they are answered, so a
// SIGTERM in the middle of a load must still leave every answered question
// (and its usage event) in the database, and a question answered moments
// before can be voted on at once (docs/decisions/0008-group-commit-log.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, initDb, startServer, stopServer, adminClient, userClient, run, sqlite, cleanup } from './lib.mjs';

const questions = ['粗大ごみを出したい', '引っ越しの手続き', 'マイナンバーカードを作りたい',
  '保育園に入りたい', '住民票の写しがほしい', '文書の保存期間は'];

test('every answered question is logged when SIGTERM arrives during load', async () => {
  const dir = tempDir();
  try {
    const init = initDb(dir);
    assert.equal(run(['sample', '--db', init.db]).status, 0);
    const srv = await startServer(init.db);
    const admin = await adminClient(srv.base, init.password);
    const staff = await userClient(srv.base, admin, 'shokuin', ['staff']);
    // A first question builds the index; a vote right after its answer
    // finds the row even though the writer has not run yet.
    const first = await staff.post('/api/v1/ask', { question: '粗大ごみを出したい' });
    assert.equal(first.status, 200, first.text);
    const vote = await staff.post(`/api/v1/ask/${first.data.question_id}/feedback`,
      { token: first.data.feedback_token, vote: 1 });
    assert.equal(vote.status, 200, vote.text);

    let answered = 1;
    const ids = new Set([first.data.question_id]);
    let stop = false;
    const worker = async (w) => {
      for (let i = 0; !stop && i < 2000; i++) {
        try {
          const r = await staff.post('/api/v1/ask', { question: questions[(w + i) % questions.length] });
          if (r.status === 200) {
            answered++;
            ids.add(r.data.question_id);
          }
        } catch {
          return; // the server closed the connection while stopping
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    // Let the load run (at least 30 answers: the machine may be slow, the
    // server is the ASan build), then stop the server in the middle of it.
    for (let waited = 0; answered < 30 && waited < 120000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const code = await stopServer(srv, 'SIGTERM');
    stop = true;
    await Promise.all(workers);
    assert.equal(code, 0);
    assert.ok(answered >= 30, `only ${answered} questions answered before the stop`);
    assert.equal(ids.size, answered, 'question ids are distinct');
    const logged = Number(sqlite(init.db, 'SELECT count(*) FROM qa_questions'));
    assert.ok(logged >= answered, `${logged} rows logged for ${answered} answered questions`);
    const missing = [...ids].filter((id) =>
      sqlite(init.db, `SELECT count(*) FROM qa_questions WHERE id = ${id}`) !== '1');
    assert.deepEqual(missing, []);
    const events = Number(sqlite(init.db,
      "SELECT count(*) FROM usage_events WHERE feature = 'ask' AND ref_id IN (SELECT id FROM qa_questions)"));
    assert.equal(events, logged);
    assert.equal(sqlite(init.db, `SELECT vote FROM qa_feedback WHERE question_id = ${first.data.question_id}`), '1');
  } finally {
    cleanup(dir);
  }
});
