// 生成AIワークスペース end to end: the real binary (YAKUBA_BIN) serving on
// 127.0.0.1 with a temporary database, talking to the replay model server
// tests/llm-server/server.mjs (also on 127.0.0.1, ephemeral port). Checks
// the SSE stream (meta, deltas in order, done), that no detected personal
// data reaches the model while the user sees it restored, the block
// policy, that a browser hanging up cancels the upstream request, grounded
// answers with checked citations, and 503 not_configured without a model.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, initDb, startServer, stopServer, adminClient, userClient, sqlite, cleanup } from './lib.mjs';

// The model comes from the settings here (changed per test), never from the
// caller's environment.
delete process.env.YAKUBA_LLM_URL;
delete process.env.YAKUBA_LLM_MODEL;
delete process.env.YAKUBA_PII_POLICY;

const here = path.dirname(fileURLToPath(import.meta.url));
// Fictional: a name with さん, a mobile number, a My Number with a valid check digit.
const PII_TEXT = '田中一郎さんに090-1234-5678へ折り返すよう伝えてください。マイナンバーは123456789018です。';
const SECRETS = ['090-1234-5678', '123456789018', '田中'];

let llm, llmPort, dir, db, otp, srv, admin, staff;

function startReplay() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, '../llm-server/server.mjs'), '--exit-on-stdin-close'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /^PORT (\d+)\n/.exec(buf);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', () => reject(new Error('replay server exited')));
  });
}

before(async () => {
  ({ child: llm, port: llmPort } = await startReplay());
  dir = tempDir();
  ({ db, password: otp } = initDb(dir));
});

after(async () => {
  if (srv) await stopServer(srv);
  llm.stdin.end();
  llm.kill();
  cleanup(dir);
});

async function requests() {
  const r = await fetch(`http://127.0.0.1:${llmPort}/__requests`);
  return r.json();
}

// Posts and reads the event stream; onEvent may return 'abort' to hang up.
async function sse(client, p, json, onEvent = () => {}) {
  const ac = new AbortController();
  const res = await fetch(client.base + p, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(json),
    signal: ac.signal,
  });
  const out = { status: res.status, headers: res.headers, events: [], aborted: false };
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    out.data = await res.json();
    return out;
  }
  const dec = new TextDecoder();
  let buf = '';
  try {
    for await (const chunk of res.body) {
      buf += dec.decode(chunk, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        let name = 'message', data = null;
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data = JSON.parse(line.slice(6));
        }
        if (data === null) continue; // keep-alive comment
        out.events.push({ name, data });
        if (onEvent({ name, data }) === 'abort') {
          out.aborted = true;
          ac.abort();
          return out;
        }
      }
    }
  } catch (e) {
    if (!out.aborted) throw e;
  }
  return out;
}

async function setModel(model, extra = {}) {
  const r = await admin.put('/api/v1/settings', { llm_model: model, ...extra });
  assert.equal(r.status, 200, r.text);
}

test('serve with a model configured', async () => {
  srv = await startServer(db, [], { YAKUBA_LLM_URL: `http://127.0.0.1:${llmPort}/v1` });
  admin = await adminClient(srv.base, otp);
  staff = await userClient(srv.base, admin, 'wsstaff', ['staff']);
  const s = await staff.get('/api/v1/ws/status');
  assert.equal(s.status, 200);
  assert.equal(s.data.configured, true);
  assert.equal(s.data.pii_policy, 'mask');
});

test('guard preview: spans in code points, masked text, counts', async () => {
  const r = await staff.post('/api/v1/ws/guard', { text: PII_TEXT });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.counts.PHONE, 1);
  assert.equal(r.data.counts.JP_MY_NUMBER, 1);
  assert.equal(r.data.counts.PERSON, 1);
  const phone = r.data.spans.find((s) => s.type === 'PHONE');
  assert.equal(Array.from(PII_TEXT).slice(phone.start, phone.end).join(''), '090-1234-5678');
  for (const s of SECRETS) assert.ok(!r.data.masked.includes(s));
  const bad = await staff.post('/api/v1/ws/guard', { text: '' });
  assert.equal(bad.status, 400);
});

test('chat streams deltas in order, the model never sees personal data, the user sees it restored', async () => {
  await setModel('echo');
  const before = (await requests()).length;
  const r = await sse(staff, '/api/v1/ws/chat', { text: PII_TEXT });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.headers.get('x-accel-buffering'), 'no');
  const names = r.events.map((e) => e.name);
  assert.equal(names[0], 'meta');
  assert.equal(names[names.length - 1], 'done');
  assert.ok(names.filter((n) => n === 'delta').length > 5, names.join(','));
  const meta = r.events[0].data;
  assert.ok(meta.conversation_id > 0);
  assert.equal(meta.pii.total, 3);
  assert.ok(meta.masked.includes('〔電話1〕'));
  const text = r.events.filter((e) => e.name === 'delta').map((e) => e.data.text).join('');
  assert.equal(text, PII_TEXT); // echo: the model's reply was the masked text
  const done = r.events.at(-1).data;
  assert.equal(done.label, 'AI生成');
  assert.equal(done.conversation_id, meta.conversation_id);
  assert.equal(done.usage.prompt_tokens, 42);
  const sent = (await requests()).slice(before);
  assert.equal(sent.length, 1);
  const bytes = JSON.stringify(sent[0].body);
  for (const s of SECRETS) assert.ok(!bytes.includes(s), `model received ${s}`);
  assert.ok(bytes.includes('〔電話1〕'));
  // Stored masked, readable by the owner only.
  const conv = await staff.get(`/api/v1/ws/conversations/${meta.conversation_id}`);
  assert.equal(conv.status, 200);
  assert.equal(conv.data.messages.length, 2);
  for (const s of SECRETS) assert.ok(!conv.text.includes(s));
  const other = await admin.get(`/api/v1/ws/conversations/${meta.conversation_id}`);
  assert.equal(other.status, 404);
  const audit = sqlite(db, "SELECT detail FROM audit_log WHERE action = 'ws.pii'");
  assert.ok(audit.includes('"PHONE":1'));
  for (const s of SECRETS) assert.ok(!audit.includes(s));
  // A second turn continues the conversation with the history.
  const r2 = await sse(staff, '/api/v1/ws/chat', { conversation_id: meta.conversation_id, text: '田中一郎さんへの返事を短く' });
  assert.equal(r2.events.at(-1).name, 'done');
  const last = (await requests()).at(-1).body;
  assert.equal(last.messages.filter((m) => m.role === 'user').length, 2);
  assert.ok(!JSON.stringify(last).includes('田中'));
});

test('hostile chat requests are refused before anything is sent', async () => {
  const before = (await requests()).length;
  const cases = [
    [{ text: 'x', vars: [] }, 400],
    [{ text: 'x', conversation_id: -1 }, 400],
    [{ text: 'x', conversation_id: '1' }, 400],
    [{ text: 'x', template_id: 999999 }, 404],
    [{ text: 'x', conversation_id: 999999 }, 404],
    [{ text: 'あ'.repeat(11000) }, 400],
    [{ text: '' }, 400],
    [{ text: 'x', extra: 1 }, 400],
    [{ vars: { a: 'b' }, text: 'x' }, 400],
  ];
  for (const [body, status] of cases) {
    const r = await staff.post('/api/v1/ws/chat', body);
    assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`);
    assert.ok(r.data.error.code);
  }
  const raw = await staff.request('POST', '/api/v1/ws/chat', { body: '{"text": "\xff', headers: { 'content-type': 'application/json' } });
  assert.equal(raw.status, 400);
  assert.equal((await requests()).length, before);
});

test('templates: render with variables, errors name the variable', async () => {
  const list = await staff.get('/api/v1/ws/templates');
  assert.equal(list.status, 200);
  assert.ok(list.data.templates.length >= 20);
  const t = list.data.templates.find((x) => x.name === '長い文章の要約');
  assert.ok(t);
  const missing = await staff.post('/api/v1/ws/chat', { template_id: t.id, vars: { text: '本文' } }, {});
  assert.equal(missing.status, 400, missing.text);
  assert.match(missing.data.error.message, /要約の分量/);
  const unknown = await staff.post('/api/v1/ws/chat', { template_id: t.id, vars: { length: '100字', text: 'x', tone: 'y' } });
  assert.equal(unknown.status, 400);
  assert.match(unknown.data.error.message, /tone/);
  const r = await sse(staff, '/api/v1/ws/chat', { template_id: t.id, vars: { length: '100字', text: '市民課の窓口時間の変更について' } });
  assert.equal(r.events.at(-1).name, 'done');
  const text = r.events.filter((e) => e.name === 'delta').map((e) => e.data.text).join('');
  assert.ok(text.includes('100字程度で要約してください'));
  assert.ok(text.includes('市民課の窓口時間の変更について'));
  // Personal templates: staff may create their own, not shared ones.
  const shared = await staff.post('/api/v1/ws/templates', { name: '共有', body: 'x', shared: true });
  assert.equal(shared.status, 403);
  const own = await staff.post('/api/v1/ws/templates', { name: '自分用', body: '{{a}}を丁寧に', variables: [{ name: 'a', label: '文', required: true }] });
  assert.equal(own.status, 201, own.text);
  assert.equal((await admin.del(`/api/v1/ws/templates/${own.data.id}`)).status, 404);
  assert.equal((await staff.del(`/api/v1/ws/templates/${own.data.id}`)).status, 200);
});

test('block policy refuses with the types found and sends nothing', async () => {
  await setModel('echo', { pii_policy: 'block' });
  const before = (await requests()).length;
  const r = await staff.post('/api/v1/ws/chat', { text: PII_TEXT });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.data.error.code, 'personal_info_blocked');
  assert.deepEqual([...r.data.error.types].sort(), ['JP_MY_NUMBER', 'PERSON', 'PHONE']);
  assert.match(r.data.error.message, /電話/);
  assert.equal((await requests()).length, before);
  await setModel('echo', { pii_policy: 'mask' });
});

test('a browser hanging up mid-stream cancels the upstream request', async () => {
  await setModel('slow'); // two deltas, then 30 s of silence
  const t0 = Date.now();
  const r = await sse(staff, '/api/v1/ws/chat', { text: '窓口の混雑状況を教えてください' }, (e) => (e.name === 'delta' ? 'abort' : undefined));
  assert.ok(r.aborted);
  // The keep-alive notices the closed connection, the cancel flag aborts
  // the model request, and the usage row says so — long before 30 s.
  let outcome = '';
  for (let i = 0; i < 100 && outcome !== 'canceled'; i++) {
    await new Promise((res) => setTimeout(res, 100));
    outcome = sqlite(db, "SELECT outcome FROM llm_usage WHERE model = 'slow' ORDER BY id DESC LIMIT 1");
  }
  assert.equal(outcome, 'canceled');
  assert.ok(Date.now() - t0 < 15000, `took ${Date.now() - t0} ms`);
});

test('grounded answers cite sources; no citation means unverified; no source means 分かりません', async () => {
  const csv = 'question,answer\n転入届はどこに出せばよいですか,転入届は市役所本庁舎1階の市民課で受け付けています。引っ越してから14日以内に届け出てください。\n';
  const imp = await admin.request('POST', '/api/v1/kb/import?filename=faq.csv', { body: csv, headers: { 'content-type': 'text/csv' } });
  assert.ok(imp.status === 200 || imp.status === 201, imp.text);
  await setModel('echo'); // the reply repeats the question and its numbered sources
  const r = await sse(staff, '/api/v1/ask/generate', { question: '転入届はどこに出せばいいですか' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const meta = r.events[0].data;
  assert.equal(meta.sources.length >= 1, true);
  assert.equal(meta.sources[0].n, 1);
  const done = r.events.at(-1);
  assert.equal(done.name, 'done', JSON.stringify(done));
  assert.deepEqual(done.data.citations, [1]);
  assert.equal(done.data.verified, true);
  assert.equal(done.data.label, 'AI生成');
  const prompt = JSON.stringify((await requests()).at(-1).body);
  assert.ok(prompt.includes('[1] 転入届はどこに出せばよいですか'));
  // The form: POST /api/v1/ask with "generate": true is the same stream.
  const viaAsk = await sse(staff, '/api/v1/ask', { question: '転入届はどこに出せばいいですか', generate: true });
  assert.equal(viaAsk.status, 200, JSON.stringify(viaAsk.data));
  assert.deepEqual(viaAsk.events.at(-1).data.citations, [1]);
  const badGen = await staff.post('/api/v1/ask', { question: '転入届', generate: 'yes' });
  assert.equal(badGen.status, 400);
  assert.equal(badGen.data.error.field, 'generate');

  await setModel('normal'); // a fixed reply without any [n]
  const r2 = await sse(staff, '/api/v1/ask/generate', { question: '転入届はどこに出せばいいですか' });
  const d2 = r2.events.at(-1).data;
  assert.deepEqual(d2.citations, []);
  assert.equal(d2.verified, false);

  const before = (await requests()).length;
  const r3 = await sse(staff, '/api/v1/ask/generate', { question: '宇宙飛行士の訓練施設の見学予約' });
  const text = r3.events.filter((e) => e.name === 'delta').map((e) => e.data.text).join('');
  assert.match(text, /^分かりません/);
  assert.equal(r3.events.at(-1).data.unknown, true);
  assert.equal((await requests()).length, before, 'the model was called without sources');
});

test('without a model: 503 not_configured for chat and generate, the rest works', async () => {
  await stopServer(srv);
  // Retention at start: a conversation unused for 100 days (default 90) is
  // gone before anyone chats or lists.
  const aged = sqlite(db, 'SELECT min(id) FROM ws_conversations');
  sqlite(db, `UPDATE ws_conversations SET updated_at = updated_at - 100 * 86400 WHERE id = ${aged}`);
  srv = await startServer(db, [], { YAKUBA_LLM_URL: '' });
  assert.equal(sqlite(db, `SELECT count(*) FROM ws_conversations WHERE id = ${aged}`), '0');
  assert.equal(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'ws.purge'"), '1');
  const c = new staff.constructor(srv.base);
  assert.equal((await c.login('wsstaff', staff.password)).status, 200);
  const t0 = Date.now();
  const chat = await c.post('/api/v1/ws/chat', { text: 'こんにちは' });
  assert.equal(chat.status, 503);
  assert.equal(chat.data.error.code, 'not_configured');
  assert.match(chat.data.error.message, /生成AIが設定されていません/);
  assert.ok(Date.now() - t0 < 2000);
  const gen = await c.post('/api/v1/ask/generate', { question: '転入届' });
  assert.equal(gen.status, 503);
  const st = await c.get('/api/v1/ws/status');
  assert.equal(st.data.configured, false);
  assert.match(st.data.message, /生成AIが設定されていません/);
  assert.equal((await c.post('/api/v1/ws/guard', { text: PII_TEXT })).status, 200);
  assert.equal((await c.get('/api/v1/ws/templates')).status, 200);
  assert.equal((await c.get('/api/v1/ws/conversations')).status, 200);
  // A clean stop under ASan (no leak, no stuck producer).
  const code = await stopServer(srv);
  const err = srv.stderr();
  srv = null;
  assert.equal(code, 0, err);
});
