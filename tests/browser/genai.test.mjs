// Browser test of the 生成AI page (web/js/pages/genai.js): the real yakuba
// binary (YAKUBA_BIN) with a temporary database, the LLM replay server of
// tests/llm-server/server.mjs as the "model", and Debian's Chromium through
// playwright-core. Each test gets its own yakuba server and database.
//
// The story: the admin opens 生成AI, narrows the templates by category and
// search, chooses 「文書の下書きを作る」, fills its fields with a fictional
// phone number, sees the guard highlight it as 電話番号 and show the masked
// text, sends with Ctrl+Enter and watches the reply stream in with its
// 「AI生成」 badge, reminder and token usage; the replay server's request log
// proves the number never left yakuba. The conversation is listed, opens
// masked, and is deleted after a confirmation. Then the pii_policy setting
// "block" makes the send button refuse with the reason. Other tests: the
// 「停止」 button ends a slow answer; with no model configured the page says
// so and still shows the templates; the stream reader and the guard's span
// splitting (pure modules) in the browser; the phone layout. On every page:
// inputs labelled, no CSP violation, no console error, no unexpected
// failed request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, initDb, startServer, stopServer, cleanup, adminClient, userClient } from '../integration/lib.mjs';
import { launch, startReplay, stopReplay, replayRequests, openPage as openPageIn, unlabelledControls,
  assertClean } from './helpers.mjs';


const PASSWORD = 'Midori-genai-2026';
const PHONE = '090-0000-1234'; // fictional
// What every chat scenario of the replay server streams.
const REPLY_TEXT = 'こんにちは。みどり市役所の案内係です。転入届は市民課で受け付けます。';

let browser;
const openPage = (viewport) => openPageIn(browser, viewport);
let replay;      // {child, base}


before(async () => {
  replay = await startReplay();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  stopReplay(replay);
});

/* yakuba with a temporary database; model: the replay scenario, or null
 * for no model at all. fn(srv) gets srv.base and srv.admin (an API client
 * logged in as admin, password already changed to PASSWORD). The test is
 * skipped when the server has no 生成AI API (the ws backend not merged). */
async function withServer(t, model, fn, { needWs = true } = {}) {
  const dir = tempDir();
  let srv = null;
  try {
    const init = initDb(dir);
    const env = model ? { YAKUBA_LLM_URL: `${replay.base}/v1`, YAKUBA_LLM_MODEL: model } : {};
    // The environment of the test runner must not leak a real model in.
    srv = await startServer(init.db, [], { YAKUBA_LLM_URL: '', YAKUBA_LLM_MODEL: '', ...env });
    srv.admin = await adminClient(srv.base, init.password, PASSWORD);
    const probe = await srv.admin.get('/api/v1/ws/status');
    if (probe.status === 404 && needWs) {
      t.skip('the 生成AI API (/api/v1/ws/*, branch ws) is not in this build yet');
      return;
    }
    if (needWs) assert.equal(probe.status, 200, probe.text);
    srv.status = probe.data;
    await fn(srv);
  } finally {
    if (srv) {
      const code = await stopServer(srv);
      assert.equal(code, 0, `server exit ${code}: ${srv.stderr()}`);
    }
    cleanup(dir);
  }
}


/* Logs in through the login page and opens 生成AI from the menu. */
async function openGenai(page, base, login = 'admin', password = PASSWORD) {
  await page.goto(base + '/');
  await page.getByLabel('ログイン名').fill(login);
  await page.getByLabel('パスワード', { exact: false }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await nav.getByRole('link', { name: '生成AI', exact: true }).click();
  await page.waitForFunction(() => {
    const a = document.activeElement;
    return a && a.tagName === 'H1' && a.textContent.trim() === '生成AI';
  });
  await page.getByRole('region', { name: 'ひな形を選ぶ' }).or(page.locator('.genai-tpl')).first().waitFor();
}

const BOILERPLATE = ['GET /api/v1/me 401']; // the boot before login

test('生成AI: template, guard highlight, streamed reply labelled AI生成, nothing personal reaches the model, history', (t) => withServer(t, 'normal', async (srv) => {
  assert.equal(srv.status.configured, true);
  const { context, page, problems } = await openPage();
  try {
    await openGenai(page, srv.base);
    assert.match(await page.locator('.genai-status').textContent(), /normal/, 'model name shown');
    await page.getByText('まだ会話はありません。').waitFor();

    // ---- template picker: category and search narrow the list ----------------
    const items = page.locator('.genai-tpl-item');
    const all = await items.count();
    assert.ok(all >= 3, `seed templates listed (${all})`);
    await page.getByLabel('分類').selectOption('文章作成');
    const inCategory = await items.count();
    assert.ok(inCategory >= 1 && inCategory < all, `category narrows (${inCategory} of ${all})`);
    await page.getByLabel('ひな形を検索').fill('下書き');
    await page.locator('.genai-tpl-item').filter({ has: page.locator('.genai-tpl-name', { hasText: /^文書の下書きを作る$/ }) }).click();
    assert.equal(await page.locator('.genai-tpl-item').filter({ has: page.locator('.genai-tpl-name', { hasText: /^文書の下書きを作る$/ }) }).getAttribute('aria-pressed'), 'true');
    await page.getByRole('heading', { name: 'ひな形「文書の下書きを作る」の入力欄' }).waitFor();
    assert.deepEqual(await unlabelledControls(page), [], 'unlabelled controls');

    // A required field left empty is named next to the field; nothing is sent.
    const before = (await replayRequests(replay)).length;
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await page.locator('.field-error:not([hidden])').first().waitFor();
    assert.match(await page.locator('.field-error:not([hidden])').first().textContent(), /入力してください/);

    // ---- fill in, with a fictional phone number -----------------------------------
    await page.getByLabel(/^読み手/).fill('住民');
    await page.getByLabel(/^文書の目的/).fill('ごみ収集日の変更のお知らせ');
    const points = page.getByLabel(/^盛り込む要点/);
    await points.fill(`収集日は毎週木曜日になります。\nご不明な点は ${PHONE} までお電話ください。`);
    // With every field filled, a plain Enter in a one-line field still does not send.
    await page.getByLabel(/^文書の目的/).press('Enter');

    // The guard preview highlights the number as 電話番号 and shows what will be sent.
    const mark = page.locator('.genai-guard mark.genai-pii', { hasText: PHONE });
    await mark.waitFor();
    assert.equal(await mark.getAttribute('data-type'), 'PHONE');
    // The tag is the placeholder exactly as the masked text and history show it
    // (one label table, src/pii PII_TYPES), with the type name from the server.
    assert.match(await mark.textContent(), /〔電話1〕/);
    assert.doesNotMatch(await mark.textContent(), /［/);
    assert.equal(await mark.locator('.genai-pii-tag').getAttribute('title'), '電話番号');
    assert.match(await page.locator('.genai-guard-summary').textContent(), /電話番号 1件/);
    const masked = await page.getByRole('region', { name: 'AI に送る文章' }).textContent();
    assert.ok(!masked.includes(PHONE), `masked text still has the number: ${masked}`);
    assert.match(masked, /〔電話1〕/);
    assert.match(masked, /ごみ収集日の変更のお知らせ/);
    assert.equal((await replayRequests(replay)).length, before, 'nothing reached the model before sending');
    assert.equal(await page.locator('.genai-msg').count(), 0, 'nothing was sent');

    // ---- send with Ctrl+Enter; the reply streams in ----------------------------------
    await points.press('Control+Enter');
    const ai = page.locator('.genai-msg-ai').last();
    await ai.locator('.genai-reply').filter({ hasText: REPLY_TEXT }).waitFor();
    await page.locator('.genai-msg-ai:not(.is-streaming) .genai-usage').filter({ hasText: 'トークン' }).waitFor();
    assert.equal((await ai.locator('.genai-badge').textContent()).trim(), 'AI生成');
    assert.match(await ai.textContent(), /内容は必ず確認してから使用してください/);
    assert.equal(await ai.locator('.genai-reply').getAttribute('aria-live'), 'polite');
    assert.match(await ai.locator('.genai-usage').textContent(), /入力 42・出力 17 トークン/);
    // What the user sent is shown as sent: masked.
    const mine = await page.locator('.genai-msg-user').last().textContent();
    assert.ok(!mine.includes(PHONE) && mine.includes('〔電話1〕'), mine);
    // The form is emptied for the next request.
    assert.equal(await points.inputValue(), '');

    // The model got the masked text only.
    // (one replay server serves every test: count from this test's start)
    const chats = (await replayRequests(replay)).slice(before).filter((r) => /chat\/completions$/.test(r.path));
    assert.equal(chats.length, 1, 'one request reached the model');
    const sent = JSON.stringify(chats[0].body);
    assert.ok(!sent.includes(PHONE), 'the phone number reached the model');
    assert.ok(sent.includes('〔電話1〕'), `the placeholder went instead: ${sent.slice(0, 300)}`);
    assert.ok(sent.includes('ごみ収集日の変更のお知らせ'), 'the filled template went');

    // Copying the reply (clipboard permission granted to this origin).
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.base });
    await ai.getByRole('button', { name: 'コピー' }).click();
    await ai.getByText('コピーしました。').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), REPLY_TEXT);

    // ---- history: listed, opens masked, deleted after a confirmation --------------
    const conv = page.locator('.genai-conv');
    await conv.first().waitFor();
    assert.equal(await conv.count(), 1);
    assert.equal(await conv.first().locator('.genai-conv-open').getAttribute('aria-current'), 'true');
    await page.getByRole('button', { name: '新しい会話' }).click();
    assert.equal(await page.locator('.genai-msg').count(), 0);
    await conv.first().locator('.genai-conv-open').click();
    await page.locator('.genai-msg-user').first().waitFor();
    const stored = await page.locator('.genai-thread').textContent();
    assert.ok(!stored.includes(PHONE), 'history keeps the number masked');
    assert.match(stored, /〔電話1〕/);
    assert.match(stored, /伏せ字にした個人情報/);
    assert.match(await page.locator('.genai-thread .genai-badge').first().textContent(), /AI生成/);

    // 削除 stays on one line at 1280 px (it used to wrap to 削／除): the
    // button's text makes one line box.
    // (the list is drawn again after a conversation opens: measure once the
    // button is laid out, asking again while it has no line box yet)
    const delButton = conv.first().getByRole('button', { name: /を削除$/ });
    await delButton.waitFor({ state: 'visible' });
    let delLines = 0;
    for (let i = 0; i < 20 && delLines === 0; i++) {
      if (i) await page.waitForTimeout(100);
      delLines = await delButton.evaluate((b) => {
        const r = document.createRange();
        r.selectNodeContents(b);
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
      });
    }
    assert.equal(delLines, 1, '削除 on one line');
    await conv.first().getByRole('button', { name: /を削除$/ }).click();
    const dialog = page.getByRole('dialog', { name: '会話の削除' });
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    assert.equal(await conv.count(), 1, 'cancel keeps it');
    await conv.first().getByRole('button', { name: /を削除$/ }).click();
    await dialog.getByRole('button', { name: '削除する' }).click();
    await page.getByText('まだ会話はありません。').waitFor();
    assert.equal(await conv.count(), 0);
    assert.equal(await page.locator('.genai-msg').count(), 0, 'the open conversation is closed');
    const list = await srv.admin.get('/api/v1/ws/conversations');
    assert.equal(list.data.conversations.length, 0, 'deleted on the server');

    // ---- policy "block": the send button explains why it refuses -------------------
    const put = await srv.admin.put('/api/v1/settings', { pii_policy: 'block' });
    assert.equal(put.status, 200, put.text);
    await page.reload();
    await page.locator('.genai-tpl').waitFor();
    await page.getByRole('button', { name: 'ひな形を使わずに入力する' }).click();
    const free = page.getByLabel('AI への依頼');
    await free.fill(`折り返しの電話番号は ${PHONE} です。`);
    const reason = page.locator('.genai-send-reason');
    await reason.filter({ hasText: '送信できません' }).waitFor();
    assert.match(await reason.textContent(), /電話番号 1件/);
    const sendBtn = page.getByRole('button', { name: '送信', exact: true });
    assert.equal(await sendBtn.getAttribute('aria-disabled'), 'true');
    const describedBy = await sendBtn.getAttribute('aria-describedby');
    assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), await reason.textContent());
    const n = (await replayRequests(replay)).length;
    await free.press('Control+Enter');
    await page.waitForFunction(() => document.activeElement && document.activeElement.classList.contains('genai-send-reason'));
    assert.equal((await replayRequests(replay)).length, n, 'a refused request reaches nothing');
    assert.equal(await page.locator('.genai-msg').count(), 0);

    await assertClean(page, problems, BOILERPLATE);
  } finally {
    await context.close();
  }
}));

test('生成AI: 停止 ends a slow answer and keeps what arrived', (t) => withServer(t, 'slow', async (srv) => {
  const { context, page, problems } = await openPage();
  try {
    await openGenai(page, srv.base);
    await page.getByRole('button', { name: 'ひな形を使わずに入力する' }).click();
    await page.getByLabel('AI への依頼').fill('転入の手続を短く説明してください。');
    await page.locator('.genai-guard[data-state="clean"]').waitFor();
    await page.getByRole('button', { name: '送信', exact: true }).click();
    const ai = page.locator('.genai-msg-ai').last();
    // "slow" sends two pieces, then waits 30 s (yakuba may hold the last
    // piece back while it could still be the start of a placeholder).
    await ai.locator('.genai-reply').filter({ hasText: 'こんにちは。' }).waitFor();
    assert.equal(await ai.evaluate((el) => el.classList.contains('is-streaming')), true, 'still streaming');
    const stop = page.getByRole('button', { name: '停止' });
    await stop.click();
    await ai.getByText('停止しました。ここまでの回答を表示しています。').waitFor();
    assert.equal(await stop.isHidden(), true);
    assert.equal(await page.getByRole('button', { name: '送信', exact: true }).isEnabled(), true);
    assert.equal((await ai.locator('.genai-badge').textContent()).trim(), 'AI生成');
    await assertClean(page, problems, BOILERPLATE);
  } finally {
    await context.close();
  }
}));

test('ひな形: staff create, use (the reply restored), edit and delete a personal template; shared ones stay read-only', (t) => withServer(t, 'echo', async (srv) => {
  const staff = await userClient(srv.base, srv.admin, 'midori.shokuin', ['staff']);
  const { context, page, problems } = await openPage();
  try {
    await openGenai(page, srv.base, 'midori.shokuin', staff.password);
    await page.locator('.genai-tpl-item').first().waitFor();
    assert.equal(await page.getByRole('button', { name: /を編集$/ }).count(), 0, 'staff cannot edit shared templates');

    // ---- create: the body's {{names}} become the input rows ------------------------
    await page.getByRole('button', { name: 'ひな形を作成' }).click();
    let dlg = page.getByRole('dialog', { name: 'ひな形の作成' });
    assert.equal(await dlg.getByLabel(/庁内で共有する/).count(), 0, 'staff cannot share');
    await dlg.getByLabel(/^名前/).fill('窓口案内の文面');
    await dlg.getByLabel(/^分類/).fill('窓口');
    // A malformed placeholder is refused by the server, under the body field.
    await dlg.getByLabel(/^本文/).fill('{{Topic}}について書いてください。');
    await dlg.getByRole('button', { name: '保存' }).click();
    await dlg.locator('.field-error:not([hidden])').filter({ hasText: '差し込み' }).waitFor();
    await dlg.getByLabel(/^本文/).fill('{{topic}}について、問い合わせ先（{{contact}}）を添えた案内文を書いてください。');
    assert.deepEqual(await dlg.locator('legend').allTextContents(), ['{{topic}}', '{{contact}}']);
    await dlg.getByLabel('入力欄の見出し').nth(0).fill('案内する手続');
    await dlg.getByLabel('入力欄の見出し').nth(1).fill('問い合わせ先');
    await dlg.getByRole('button', { name: '保存' }).click();
    await dlg.waitFor({ state: 'detached' });

    const mine = page.locator('.genai-tpl-item').filter({ has: page.locator('.genai-tpl-name', { hasText: /^窓口案内の文面$/ }) });
    await mine.click();
    assert.match(await mine.textContent(), /個人/);
    await page.getByLabel(/^案内する手続/).fill('児童手当の申請');
    const contact = page.getByLabel(/^問い合わせ先/);
    await contact.fill(`こども家庭課 ${PHONE}`);
    await page.locator('.genai-guard mark.genai-pii', { hasText: PHONE }).waitFor();
    await contact.press('Control+Enter');

    // "echo" answers with what it received: the placeholder comes back and
    // yakuba restores it, so staff read the real number the model never saw.
    const ai = page.locator('.genai-msg-ai').last();
    await page.locator('.genai-msg-ai:not(.is-streaming) .genai-badge').waitFor();
    const reply = await ai.locator('.genai-reply').textContent();
    assert.ok(reply.includes(PHONE) && reply.includes('児童手当の申請'), `restored reply: ${reply}`);
    const last = (await replayRequests(replay)).filter((r) => /chat\/completions$/.test(r.path)).pop();
    const sent = JSON.stringify(last.body);
    assert.ok(!sent.includes(PHONE) && sent.includes('〔電話1〕') && sent.includes('児童手当の申請'), sent.slice(0, 300));

    // A follow-up in free text continues the same conversation, history included.
    await page.getByRole('button', { name: 'ひな形を使わずに入力する' }).click();
    await page.getByLabel('AI への依頼').fill('もう少し短くしてください。');
    await page.getByLabel('AI への依頼').press('Control+Enter');
    await page.locator('.genai-msg-ai:not(.is-streaming)').nth(1).waitFor();
    assert.match(await page.locator('.genai-msg-ai .genai-reply').nth(1).textContent(), /もう少し短くしてください。/);
    const convs = await staff.get('/api/v1/ws/conversations');
    assert.equal(convs.data.conversations.length, 1, 'one conversation');
    assert.equal(convs.data.conversations[0].message_count, 4);
    const second = JSON.stringify((await replayRequests(replay)).filter((r) => /chat\/completions$/.test(r.path)).pop().body);
    assert.ok(second.includes('児童手当の申請') && !second.includes(PHONE), 'history went along, masked');

    // ---- edit and delete ---------------------------------------------------------
    await page.getByRole('button', { name: '窓口案内の文面 を編集' }).click();
    dlg = page.getByRole('dialog', { name: 'ひな形の編集' });
    assert.equal(await dlg.getByLabel('入力欄の見出し').nth(1).inputValue(), '問い合わせ先');
    await dlg.getByLabel(/^名前/).fill('窓口案内の文面（改）');
    await dlg.getByRole('button', { name: '保存' }).click();
    await page.locator('.genai-tpl-item').filter({ has: page.locator('.genai-tpl-name', { hasText: /^窓口案内の文面（改）$/ }) }).waitFor();
    await page.getByRole('button', { name: '窓口案内の文面（改） を削除' }).click();
    await page.getByRole('dialog', { name: 'ひな形の削除' }).getByRole('button', { name: '削除する' }).click();
    await page.locator('.genai-tpl-item').filter({ has: page.locator('.genai-tpl-name', { hasText: /^窓口案内の文面（改）$/ }) }).waitFor({ state: 'detached' });
    const left = await staff.get('/api/v1/ws/templates');
    assert.equal(left.data.templates.filter((x) => !x.shared).length, 0, 'deleted on the server');
    // The input went back to free text with the template gone.
    await page.getByLabel('AI への依頼').waitFor();

    await assertClean(page, problems, [...BOILERPLATE, 'POST /api/v1/ws/templates 400']);
  } finally {
    await context.close();
  }
}));

test('生成AI without a model: the page says so and still shows the templates', (t) => withServer(t, null, async (srv) => {
  assert.equal(srv.status.configured, false);
  const { context, page, problems } = await openPage();
  try {
    await openGenai(page, srv.base);
    await page.getByText('生成AIが設定されていません。管理者にお問い合わせください').first().waitFor();
    assert.ok(await page.locator('.genai-tpl-item').count() >= 3, 'templates are shown');
    await page.locator('.genai-tpl-item').filter({ has: page.locator('.genai-tpl-name', { hasText: /^長い文章の要約$/ }) }).click();
    await page.getByRole('heading', { name: 'ひな形「長い文章の要約」の入力欄' }).waitFor();
    const sendBtn = page.getByRole('button', { name: '送信', exact: true });
    assert.equal(await sendBtn.getAttribute('aria-disabled'), 'true');
    assert.match(await page.locator('.genai-send-reason').textContent(), /生成AIが設定されていません/);
    assert.deepEqual(await unlabelledControls(page), [], 'unlabelled controls');
    await assertClean(page, problems, BOILERPLATE);
  } finally {
    await context.close();
  }
}));

test('生成AI at phone width: one column, nothing overflows sideways', (t) => withServer(t, 'normal', async (srv) => {
  const { context, page, problems } = await openPage({ width: 390, height: 844 });
  try {
    await page.goto(srv.base + '/');
    await page.getByLabel('ログイン名').fill('admin');
    await page.getByLabel('パスワード', { exact: false }).fill(PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('button', { name: 'メニュー' }).click();
    await page.getByRole('link', { name: '生成AI', exact: true }).click();
    await page.locator('.genai-tpl-item').first().waitFor();
    await page.locator('.genai-tpl-item').filter({ has: page.locator('.genai-tpl-name', { hasText: /^文章の添削・校正$/ }) }).click();
    await page.getByLabel(/^校正する文章/).fill(`担当は ${PHONE} です。`);
    await page.locator('.genai-guard mark.genai-pii').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
    // The conversation list comes first, the composer below, in one column.
    const [side, compose] = await Promise.all([
      page.locator('.genai-side').boundingBox(), page.locator('.genai-compose').boundingBox()]);
    assert.ok(side.y < compose.y && Math.abs(side.x - compose.x) < 2, 'one column');
    await assertClean(page, problems, BOILERPLATE);
  } finally {
    await context.close();
  }
}));

test('stream reader and guard span splitting (the page modules, in the browser)', (t) => withServer(t, null, async (srv) => {
  const { context, page, problems } = await openPage();
  try {
    await page.goto(srv.base + '/');
    await page.getByLabel('ログイン名').waitFor();
    const r = await page.evaluate(async () => {
      const { SseParser } = await import('/js/genai/sse.js');
      const { splitBySpans, isBlocked } = await import('/js/genai/guard.js');
      const { fillTemplate, placeholderNames } = await import('/js/genai/templates.js');
      const stream = 'event: meta\r\ndata: {"a":1}\r\n\r\n: comment\n\nevent: delta\ndata: {"text":\ndata: "とう"}\n\r'
        + 'event: done\rdata: {}\r\rdata: tail-without-blank-line';
      // Fed whole, and fed in every two-way split (CR/LF pairs and lines cut).
      const whole = new SseParser().push(stream);
      const splits = [];
      for (let i = 1; i < stream.length; i++) {
        const p = new SseParser();
        splits.push(JSON.stringify([...p.push(stream.slice(0, i)), ...p.push(stream.slice(i))]));
      }
      // "𠮷" is two UTF-16 units but one code point: offsets count code points.
      const text = '𠮷野 花子さん 090-0000-1234';
      const parts = splitBySpans(text, [
        { type: 'PERSON', label: '氏名', name: '氏名', placeholder: '〔氏名1〕', start: 0, end: 5 },
        { type: 'PHONE', label: '電話', name: '電話番号', placeholder: '〔電話1〕', start: 8, end: 21 },
        { type: 'PHONE', start: 9, end: 12 },          // overlaps: ignored
        { type: 'EMAIL', start: 20, end: 99 },         // outside: ignored
      ]);
      // A streamed reply: 60 pieces 20 ms apart reach the live region in
      // batches at most every FLUSH_MS, and all of the text arrives.
      const { aiBubble, FLUSH_MS } = await import('/js/genai/thread.js');
      const bubble = aiBubble({ live: true });
      document.body.appendChild(bubble.el);
      const reply = bubble.el.querySelector('.genai-reply');
      const writes = [];
      new MutationObserver(() => writes.push(performance.now())).observe(reply, { childList: true });
      for (let i = 0; i < 60; i++) {
        bubble.append(`${i},`);
        await new Promise((res) => { setTimeout(res, 20); });
      }
      bubble.finish({ usage: { prompt_tokens: 3, completion_tokens: 60 }, label: 'AI生成' });
      await new Promise((res) => { setTimeout(res, 0); });
      const gaps = writes.slice(1, -1).map((w, i) => w - writes[i]);
      const streamed = {
        flushMs: FLUSH_MS, writes: writes.length, minGap: Math.min(...gaps),
        text: reply.textContent, live: reply.getAttribute('aria-live'),
        usage: bubble.el.querySelector('.genai-usage').textContent,
        copyEnabled: !bubble.el.querySelector('.genai-copy').disabled,
      };
      bubble.el.remove();
      return {
        streamed,
        whole,
        sameSplits: splits.every((s) => s === JSON.stringify(whole)),
        parts,
        blocked: [isBlocked({ policy: 'block', total: 1 }), isBlocked({ policy: 'block', total: 0 }), isBlocked({ policy: 'mask', total: 2 })],
        filled: fillTemplate('{{a}}と{{b_2}}、{{a}}。{{missing}}{{ x }}', { a: 'A', b_2: '<b>' }),
        names: placeholderNames('{{a}} {{b}} {{a}} {{Bad}}'),
        // Japanese names, as the editor's help says ({{相手の名前}}).
        jaNames: placeholderNames('{{相手の名前}}様、{{お知らせの内容}}。{{相手の名前}}{{名前!}}{{text}}'),
        jaFilled: fillTemplate('{{相手の名前}}様', { 相手の名前: '市民' }),
      };
    });
    assert.deepEqual(r.whole, [
      { event: 'meta', data: '{"a":1}' },
      { event: 'delta', data: '{"text":\n"とう"}' },
      { event: 'done', data: '{}' },
    ]);
    assert.equal(r.sameSplits, true, 'a split anywhere gives the same events');
    assert.deepEqual(r.parts, [
      // The type name comes from the server's span (one table, src/pii).
      { text: '𠮷野 花子', type: 'PERSON', label: '氏名', placeholder: '〔氏名1〕' },
      { text: 'さん ' },
      { text: '090-0000-1234', type: 'PHONE', label: '電話番号', placeholder: '〔電話1〕' },
    ]);
    assert.deepEqual(r.blocked, [true, false, false]);
    const st = r.streamed;
    assert.equal(st.text, Array.from({ length: 60 }, (_, i) => `${i},`).join(''));
    assert.equal(st.live, 'polite');
    assert.ok(st.flushMs >= 250, `FLUSH_MS ${st.flushMs}`);
    // 60 pieces over about 1.2 s (or more on a busy machine): a handful of writes, spaced.
    assert.ok(st.writes >= 2 && st.writes <= 15, `${st.writes} writes to the live region`);
    assert.ok(st.minGap >= st.flushMs - 50, `writes ${st.minGap} ms apart`);
    assert.equal(st.usage, '使用量: 入力 3・出力 60 トークン');
    assert.equal(st.copyEnabled, true);
    assert.equal(r.filled, 'Aと<b>、A。{{ x }}');
    assert.deepEqual(r.names, ['a', 'b']);
    assert.deepEqual(r.jaNames, ['相手の名前', 'お知らせの内容', 'text']);
    assert.equal(r.jaFilled, '市民様');
    await assertClean(page, problems, BOILERPLATE);
  } finally {
    await context.close();
  }
}, { needWs: false }));
