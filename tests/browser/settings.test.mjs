// What an admin sees on 設定: an enumeration is a dropdown of Japanese
// labels, a wrong value is refused by the server with the message under
// the field (and nothing saved), each section saves on its own, the audit
// log shows old → new in Japanese, a 「未設定」 notice links to its setting,
// the citizens' page and widget are named on the page, and 接続を試す
// reports on the model server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer, launch, openPage, adminFirstLogin, assertHeadingFocused, assertClean, unlabelledControls, startReplay, stopReplay } from './helpers.mjs';

test('settings: dropdowns, server validation under the field, sections, audit old → new, 未設定 link', () => withServer(async (srv) => {
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser);
    const nav = await adminFirstLogin(page, srv, 'kanri-Password-2026');
    await nav.getByRole('link', { name: '設定', exact: true }).click();
    await assertHeadingFocused(page, '設定');

    // 個人情報の扱い is a select with the three Japanese choices.
    const pii = page.getByLabel('個人情報の扱い（生成AI）', { exact: true });
    assert.equal(await pii.evaluate((el) => el.tagName), 'SELECT');
    assert.deepEqual(await pii.locator('option').allTextContents(), ['伏せ字にして送信', '送信しない', '警告のみ']);
    assert.equal(await pii.inputValue(), 'mask');
    // Every help text ends its sentence with 「。」.
    for (const hint of await page.locator('.settings-form .field-hint').allTextContents()) {
      assert.match(hint.trim(), /。$/, hint);
    }
    assert.deepEqual(await unlabelledControls(page), []);

    // The citizens' page and the widget are named, with the embed snippet.
    await page.getByRole('link', { name: /\/public\.html$/ }).waitFor();
    assert.match(await page.locator('.settings-public pre').textContent(), /widget\.js" data-yakuba-base="http:\/\/127\.0\.0\.1:\d+" defer/);

    // A wrong URL is refused by the server: message under the field, focus
    // there, nothing saved (the other field of the section neither).
    await page.getByLabel('生成AIのモデル名', { exact: true }).fill('llama-ja');
    await page.getByLabel('生成AIサーバーの URL', { exact: true }).fill('ftp://llm.example.jp/v1');
    await page.getByRole('button', { name: '「生成AI」を保存' }).click();
    const url = page.getByLabel('生成AIサーバーの URL', { exact: true });
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'setting-llm_url');
    assert.equal(await url.getAttribute('aria-invalid'), 'true');
    const err = page.locator('#setting-field-llm_url .field-error');
    assert.match(await err.textContent(), /「生成AIサーバーの URL」は http:\/\/ か https:\/\/ で始まる URL にしてください/);
    const stored = await page.evaluate(async () => (await (await fetch('/api/v1/settings')).json()).settings.filter((s) => s.key === 'llm_url' || s.key === 'llm_model').map((s) => s.value));
    assert.deepEqual(stored, ['', '']);
    await url.fill('');
    await page.getByLabel('生成AIのモデル名', { exact: true }).fill('');

    // The dropdown's choice is saved by its own section only.
    await pii.selectOption({ label: '送信しない' });
    await page.getByRole('button', { name: '「個人情報の保護」を保存' }).click();
    await page.getByText('「個人情報の保護」を保存しました（1項目）。').waitFor();
    assert.equal(await page.getByLabel('個人情報の扱い（生成AI）', { exact: true }).inputValue(), 'block');

    // The audit log shows the change in Japanese, old → new.
    await nav.getByRole('link', { name: '監査ログ', exact: true }).click();
    await assertHeadingFocused(page, '監査ログ');
    await page.getByText('個人情報の扱い（生成AI）: 伏せ字にして送信（mask） → 送信しない（block）').waitFor();

    // 生成AI without a model: the 未設定 notice links the admin to the setting.
    await nav.getByRole('link', { name: '生成AI', exact: true }).click();
    await assertHeadingFocused(page, '生成AI');
    await page.getByRole('link', { name: '生成AIの設定を開く' }).click();
    await assertHeadingFocused(page, '設定').catch(() => {});
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'setting-llm_url');

    // The menu marks 「準備中」 exactly the pages that are still placeholders.
    const pendingLinks = await nav.locator('li.has-pending a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of pendingLinks) {
      await page.goto(srv.base + '/' + href);
      await page.getByText('この機能は現在準備中です').waitFor();
    }
    await page.goto(srv.base + '/#/settings');
    await assertHeadingFocused(page, '設定');
    assert.equal(await nav.locator('li', { has: page.getByRole('link', { name: '設定', exact: true }) }).locator('.nav-pending').count(), 0);

    await assertClean(page, problems, ['GET /api/v1/me 401', 'PUT /api/v1/settings 400']);
  } finally {
    await browser.close();
  }
}));

test('phone: an admin table becomes stacked cards with its actions on screen; names do not break mid-word', () => withServer(async (srv) => {
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser);
    await adminFirstLogin(page, srv, 'kanri-Password-2026');
    await page.setViewportSize({ width: 390, height: 844 });
    const add = await page.evaluate(async () => {
      const csrf = (await (await fetch('/api/v1/me')).json()).csrf_token;
      const r = await fetch('/api/v1/users', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ login: 'yoshida', display_name: '吉田 結衣', roles: ['staff'] }) });
      return r.status;
    });
    assert.equal(add, 201);
    await page.goto(srv.base + '/#/users');
    await assertHeadingFocused(page, '利用者');
    const tableEl = page.getByRole('table', { name: /利用者の一覧/ });
    await tableEl.waitFor();
    const layout = await page.evaluate(() => {
      const t = document.querySelector('table.data-table');
      const row = [...t.querySelectorAll('tbody tr')].find((tr) => tr.textContent.includes('吉田'));
      const name = [...row.children].find((c) => c.textContent.trim() === '吉田 結衣');
      const buttons = [...row.querySelectorAll('button')].map((b) => b.getBoundingClientRect());
      return {
        docWidth: document.documentElement.scrollWidth,
        headHeight: t.querySelector('thead').getBoundingClientRect().height,
        rowDisplay: getComputedStyle(row).display,
        label: name.getAttribute('data-label'),
        labelShown: getComputedStyle(name, '::before').content,
        nameBreak: getComputedStyle(name).wordBreak,
        buttonsOnScreen: buttons.length > 0 && buttons.every((r) => r.left >= 0 && r.right <= window.innerWidth),
      };
    });
    assert.ok(layout.docWidth <= 390, `no sideways scrolling (${layout.docWidth})`);
    assert.ok(layout.headHeight <= 1, 'header row hidden visually');
    assert.equal(layout.rowDisplay, 'block');
    assert.equal(layout.label, '氏名');
    assert.equal(layout.labelShown, '"氏名"');
    assert.equal(layout.nameBreak, 'keep-all');
    assert.ok(layout.buttonsOnScreen, 'the row actions are on screen');
    await assertClean(page, problems, ['GET /api/v1/me 401']);
  } finally {
    await browser.close();
  }
}));

test('設定: 接続を試す reports the models, a short reply and the time, then the model\'s exact error in Japanese', () => withServer(async (srv) => {
  const replay = await startReplay();
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser);
    const nav = await adminFirstLogin(page, srv, 'kanri-Password-2026');
    await nav.getByRole('link', { name: '設定', exact: true }).click();
    await assertHeadingFocused(page, '設定');
    const save = page.getByRole('button', { name: '「生成AI」を保存' });
    await page.getByLabel('生成AIサーバーの URL', { exact: true }).fill(`${replay.base}/v1`);
    await page.getByLabel('生成AIのモデル名', { exact: true }).fill('echo');
    await save.click();
    await page.getByText(/「生成AI」を保存しました/).waitFor();

    const tryBtn = page.getByRole('button', { name: '接続を試す' });
    const result = page.locator('.llm-test-result');
    await tryBtn.click();
    await result.getByText('生成AIサーバーに接続できました。').waitFor();
    const ok = await result.innerText();
    assert.match(ok, /モデル一覧: .*echo/);
    assert.match(ok, /試しの生成: 成功（応答「.+」）/);
    assert.match(ok, /かかった時間: \d+\.\d\d 秒/);

    // A model the server refuses: the error in Japanese with the server's own words.
    await page.getByLabel('生成AIのモデル名', { exact: true }).fill('error-401');
    await save.click();
    await page.getByText(/「生成AI」を保存しました/).waitFor();
    await tryBtn.click();
    await result.getByText('生成AIサーバーに接続できませんでした。').waitFor();
    const bad = await result.innerText();
    assert.match(bad, /試しの生成: 失敗。.*[ぁ-ん]/);
    assert.match(bad, /Incorrect API key provided/);
    await assertClean(page, problems, ['GET /api/v1/me 401']);
  } finally {
    await browser.close();
    stopReplay(replay);
  }
}));
