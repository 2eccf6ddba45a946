// Browser test of 職員名簿's roster sync (人事異動) and accounts from the
// roster, in headless Chromium against the real server: import April's
// roster, make accounts for a department (the one-time password sheet),
// then sync next April's roster: the preview table names every new,
// changed and leaving person and changes nothing; 「この内容で反映する」
// (by keyboard) applies it; the list then shows those who left only when
// asked, marked 退職.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sqlite } from '../integration/lib.mjs';
import { launch, withServer, openPage, assertClean, unlabelledControls, assertHeadingFocused, adminFirstLogin } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

const APRIL = '職員番号,氏名,所属,DX区分,メール\n'
  + '3001,森 一花,市民部/市民課,一般職員,\n'
  + '3002,林 二郎,市民部/市民課,DX推進リーダー,\n'
  + '3003,川 三太,総務部/情報政策課,幹部,\n';
const NEXT = '職員番号,氏名,所属,DX区分,メール\n'
  + '3001,森 一花,総務部/情報政策課,一般職員,\n'
  + '3002,林 二郎,市民部/市民課,一般職員,\n'
  + '3004,谷 四葉,福祉部/福祉課,一般職員,\n';

test('職員名簿: sync preview → apply, transfer and retirement, accounts from the roster', () => withServer(async (srv) => {
  const dir = path.dirname(srv.db);
  const april = path.join(dir, 'april.csv');
  const next = path.join(dir, 'next.csv');
  writeFileSync(april, APRIL);
  writeFileSync(next, NEXT);
  const { context, page, problems } = await openPage(browser);
  try {
    const nav = await adminFirstLogin(page, srv, 'Midori-kanri-2026');
    await nav.getByRole('link', { name: '職員名簿', exact: true }).click();
    await assertHeadingFocused(page, '職員名簿');
    assert.deepEqual(await unlabelledControls(page), [], 'roster page: unlabelled inputs');
    const fileInput = page.getByLabel('名簿の CSV ファイル');

    // April: the first sync is all new.
    await fileInput.setInputFiles(april);
    await page.getByRole('button', { name: '違いを確認（同期）' }).click();
    let preview = page.getByRole('table', { name: /名簿の違い（3 人）/ });
    await preview.waitFor();
    await page.getByRole('button', { name: 'この内容で反映する' }).click();
    await page.getByRole('heading', { name: '「april.csv」の内容を反映しました' }).waitFor();
    await page.getByRole('table', { name: /職員名簿（全 3 人中/ }).waitFor();

    // Accounts for 市民部 (and everything under it): a printable sheet.
    await page.getByLabel('所属（下位の所属の職員も含みます）').fill('市民部');
    await page.getByRole('button', { name: '所属の職員のアカウントを作成' }).click();
    await page.getByRole('heading', { name: 'アカウントを 2 件作成しました' }).waitFor();
    const sheet = page.getByRole('table', { name: /初期パスワードの一覧/ });
    const rows = await sheet.locator('tbody tr').allTextContents();
    assert.equal(rows.length, 2);
    for (const no of ['3001', '3002']) assert.ok(rows.some((r) => r.includes(no)), `${no} on the sheet`);
    const otps = await sheet.locator('code.otp').allTextContents();
    assert.equal(otps.length, 2);
    for (const o of otps) assert.match(o, /^[A-Za-z2-9]{16}$/);
    await page.getByRole('button', { name: '印刷する' }).waitFor();

    // Selected staff: 3003 by its checkbox.
    await page.getByRole('checkbox', { name: '3003 川 三太 を選ぶ' }).check();
    await page.getByRole('button', { name: '選んだ職員のアカウントを作成（1 人）' }).click();
    await page.getByRole('heading', { name: 'アカウントを 1 件作成しました' }).waitFor();

    // Next April: preview first.
    await fileInput.setInputFiles(next);
    await page.getByRole('button', { name: '違いを確認（同期）' }).click();
    preview = page.getByRole('table', { name: /名簿の違い（4 人）/ });
    await preview.waitFor();
    const heading = page.getByRole('heading', { name: '「next.csv」と登録済みの名簿の違い' });
    assert.equal(await heading.evaluate((el) => el === document.activeElement), true, 'preview heading focused');
    const cells = async (no) => (await preview.getByRole('row').filter({ hasText: no }).locator('th, td').allTextContents()).map((t) => t.trim());
    assert.deepEqual(await cells('3001'), ['変更', '3001', '森 一花', '所属: 市民部/市民課 → 総務部/情報政策課', 'アカウントの所属も移します']);
    assert.deepEqual(await cells('3002'), ['変更', '3002', '林 二郎', 'DX区分: DX推進リーダー → 一般職員', 'あり']);
    assert.deepEqual(await cells('3003'), ['退職', '3003', '川 三太', '総務部/情報政策課 から外れます', 'アカウントを無効にします']);
    assert.deepEqual(await cells('3004'), ['新規', '3004', '谷 四葉', '福祉部/福祉課（一般職員）', '—']);
    // Nothing changed yet.
    assert.equal(sqlite(srv.db, 'SELECT count(*) FROM staff WHERE left_at IS NOT NULL'), '0');
    assert.equal(sqlite(srv.db, "SELECT count(*) FROM staff WHERE employee_no = '3004'"), '0');

    // Apply with the keyboard.
    const applyBtn = page.getByRole('button', { name: 'この内容で反映する' });
    await applyBtn.focus();
    await page.keyboard.press('Enter');
    const done = page.getByRole('heading', { name: '「next.csv」の内容を反映しました' });
    await done.waitFor();
    assert.equal(await done.evaluate((el) => el === document.activeElement), true, 'result heading focused');
    const summary = await page.locator('.notice-success .summary-list').first().textContent();
    assert.match(summary, /退職1 人/);
    assert.match(summary, /無効にしたアカウント1 件/);
    assert.match(summary, /所属を移したアカウント1 件/);
    assert.equal(sqlite(srv.db, "SELECT disabled FROM users WHERE login = '3003'"), '1');

    // The list: current staff, then with those who left.
    let list = page.getByRole('table', { name: /職員名簿（全 3 人中/ });
    await list.waitFor();
    assert.equal(await list.getByRole('row').filter({ hasText: '3003' }).count(), 0);
    await page.getByText('このほかに退職した職員 1 人の記録があります（人数には含みません）。').waitFor();
    await page.getByLabel('名簿から外れた（退職した）職員も表示する').check();
    list = page.getByRole('table', { name: /職員名簿（全 4 人（在籍 3 人・退職 1 人）中 1〜4 人目）/ });
    await list.waitFor();
    // Names are kept whole (「吉田 結／衣」 was broken mid-word).
    assert.deepEqual([...new Set(await list.locator('tbody td.person-name').evaluateAll((tds) => tds.map((td) => getComputedStyle(td).wordBreak)))], ['keep-all']);
    const left = (await list.getByRole('row').filter({ hasText: '3003' }).locator('th, td').allTextContents()).map((t) => t.trim());
    assert.equal(left[5], '退職');
    assert.deepEqual(await unlabelledControls(page), [], 'after sync: unlabelled inputs');

    // 利用者: a users CSV makes the accounts of the file and prints the same sheet.
    const usersCsv = path.join(dir, 'users.csv');
    writeFileSync(usersCsv, 'ログイン名,氏名,所属,権限\nmadoguchi,窓口 共用,市民部/市民課,staff\n');
    await nav.getByRole('link', { name: '利用者', exact: true }).click();
    await assertHeadingFocused(page, '利用者');
    await page.getByLabel('利用者の CSV ファイル').setInputFiles(usersCsv);
    await page.getByRole('button', { name: 'CSV からアカウントを作成' }).click();
    await page.getByRole('heading', { name: 'アカウントを 1 件作成しました' }).waitFor();
    assert.match(await page.getByRole('table', { name: /初期パスワードの一覧/ }).textContent(), /madoguchi/);
    assert.deepEqual(await unlabelledControls(page), [], 'users page: unlabelled inputs');
    await assertClean(page, problems, ['GET /api/v1/me 401']); // before logging in
  } finally {
    await context.close();
  }
}));
