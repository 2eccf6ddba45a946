// Browser test of issue 15's 問い合わせ part: a question answered only with
// 「もしかして」 reaches 未回答の質問 like a 分かりません, with who asked (staff
// or citizens) and which entries they were offered; the answer thresholds
// are settings, shown beside the measured coverage/precision curve, and a
// value out of range is refused under its field.
// The real binary on 127.0.0.1 (helpers.mjs), the fixture FAQ and passage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { adminClient } from '../integration/lib.mjs';
import { launch, withServer, openPage, assertClean, assertHeadingFocused, ask } from './helpers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, 'fixtures');
const NEW_PASSWORD = 'Midori-kanri-2026';

let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

test('もしかして → 未回答 with channel and shown entries; thresholds beside their curve', () => withServer(async (srv) => {
  const { page, problems, context } = await openPage(browser);
  try {
    const admin = await adminClient(srv.base, srv.otp, NEW_PASSWORD);
    for (const f of ['faq-midori.csv', '職員服務規程.md']) {
      const r = await admin.request('POST', `/api/v1/kb/import?filename=${encodeURIComponent(f)}`, {
        body: readFileSync(path.join(FIXTURES, f)),
        headers: { 'content-type': 'application/octet-stream' },
      });
      assert.equal(r.status, 200, r.text);
    }
    await page.goto(srv.base + '/');
    await page.getByLabel('ログイン名').fill('admin');
    await page.getByLabel('パスワード', { exact: false }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('heading', { name: '問い合わせ', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });

    // Staff: close to an FAQ entry and a passage, answered with もしかして.
    const ex = await ask(page, '質問を入力', '休暇の取り方');
    assert.equal((await ex.locator('.qa-label').textContent()).trim(), 'もしかして');
    const offered = await ex.locator('.qa-source-title').allTextContents();
    assert.ok(offered.some((t) => t.includes('年次休暇の繰り越しはできますか？')), `offered: ${offered}`);
    // A focused choice is not hidden under the sticky question box.
    const choice = ex.getByRole('button', { name: '年次休暇の繰り越しはできますか？' });
    await choice.focus();
    const covered = await page.evaluate(() => {
      const c = document.activeElement.getBoundingClientRect();
      const f = document.querySelector('.qa-form').getBoundingClientRect();
      return c.bottom > f.top && c.top < f.bottom;
    });
    assert.equal(covered, false, 'focused もしかして choice under the question box');

    // A citizen: もしかして on the public page.
    const pub = await context.newPage();
    await pub.goto(srv.base + '/public.html');
    await pub.getByRole('heading', { name: 'AIに質問', level: 1 }).waitFor();
    const pex = await ask(pub, 'ご質問', '市民課の窓口');
    assert.equal((await pex.locator('.qa-label').textContent()).trim(), 'もしかして');
    await pub.close();

    // 未回答の質問: both, each with who asked and what was shown.
    await nav.getByRole('link', { name: '未回答の質問', exact: true }).click();
    await assertHeadingFocused(page, '未回答の質問');
    const staffGroup = page.locator('.kb-group', { hasText: '休暇の取り方' });
    await staffGroup.getByText('「もしかして」だけ表示').waitFor();
    assert.equal((await staffGroup.locator('.kb-group-channels').textContent()).trim(), '質問した人: 職員 1 件');
    const shown = await staffGroup.locator('.kb-shown li').allTextContents();
    assert.ok(shown.some((t) => /^項目 \d+: 年次休暇の繰り越しはできますか？$/.test(t)), `shown: ${shown}`);
    const citizenGroup = page.locator('.kb-group', { hasText: '市民課の窓口' });
    assert.equal((await citizenGroup.locator('.kb-group-channels').textContent()).trim(), '質問した人: 住民 1 件');
    const cshown = await citizenGroup.locator('.kb-shown li').allTextContents();
    assert.ok(cshown.some((t) => t.endsWith('転入届に必要なものは何ですか？')), `shown: ${cshown}`);
    assert.ok(!cshown.some((t) => t.includes('旅費')), 'a citizen was never offered a staff-only entry');
    // The API says the same, with ids.
    const u = await admin.get('/api/v1/kb/unanswered');
    const g = u.data.groups.find((x) => x.question === '市民課の窓口');
    assert.equal(g.reason, 'suggested');
    assert.deepEqual(g.channels, { public: 1 });
    assert.ok(g.shown.length >= 2 && g.shown.every((x) => Number.isInteger(x.id) && x.kind === 'faq' && x.title));

    // An FAQ written from the もしかして group takes it off the list.
    await staffGroup.getByRole('button', { name: /から FAQ を作成$/ }).click();
    const form = page.getByRole('form', { name: /休暇の取り方.*から FAQ を作成/ });
    await form.getByLabel(/^回答/).fill('年次休暇は年に20日です。使い切れなかった分は20日を限度に翌年へ繰り越せます。');
    await form.getByRole('button', { name: 'FAQ を登録する' }).click();
    await page.getByText(/FAQ「休暇の取り方」を登録しました/).waitFor();
    assert.equal(await staffGroup.count(), 0);

    // 設定: the thresholds in their own section, with the measured curve.
    await nav.getByRole('link', { name: '設定', exact: true }).click();
    await assertHeadingFocused(page, '設定');
    const section = page.locator('form', { has: page.getByRole('heading', { name: '問い合わせAI', level: 2 }) });
    const lead = section.getByLabel('直接回答に必要なスコアの差');
    assert.equal(await lead.inputValue(), '0.14');
    const table = section.getByRole('table', { name: /直接回答の割合と正しさ/ });
    await table.waitFor();
    assert.ok(await table.locator('tbody tr').count() >= 10);
    const current = table.locator('tr[aria-current="true"] th');
    assert.match(await current.textContent(), /^0\.14/);
    // Out of range: refused by the server, shown under the field.
    await lead.fill('1.5');
    await section.getByRole('button', { name: '「問い合わせAI」を保存' }).click();
    await section.locator('.field-error', { hasText: /直接回答に必要なスコアの差/ }).waitFor();
    // A valid value is saved and used by the next question.
    await lead.fill('0');
    await section.getByLabel('直接回答する最低スコア').fill('0.1');
    await section.getByRole('button', { name: '「問い合わせAI」を保存' }).click();
    await section.getByText('「問い合わせAI」を保存しました（2項目）。').waitFor();
    const r = await admin.post('/api/v1/ask', { question: '市民課の窓口' });
    assert.equal(r.data.decision, 'answer', 'thresholds from the settings are used');

    await assertClean(page, problems, ['GET /api/v1/me 401', 'PUT /api/v1/settings 400']);
  } finally {
    await context.close();
  }
}));
