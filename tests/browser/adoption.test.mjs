// Browser test of 活用状況 (web/js/pages/adoption.js): an admin opens the
// page from the navigation, changes the period to 令和7年度, reads the
// headline and the buckets, drills into 市民部 and sees its 課, downloads
// the departments CSV and checks its contents (BOM, header, the rolled-up
// row), and the charts carry their numbers as text for screen readers.
// Every control is labelled, no CSP violation, no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, sqlite } from '../integration/lib.mjs';
import { launch, withServer, openPage, adminFirstLogin, assertClean, unlabelledControls, TIMEOUT } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

const jst = (y, mo, d, h = 12) => Date.UTC(y, mo - 1, d, h - 9) / 1000;

// 令和7年度 = 2025-04-01 .. 2026-03-31. 市民部/市民課 20, 市民部/保険年金課 12,
// 市民部 5, 総務部/人事課 10. Users: E001 x12 (10-19), E002 x3, E021 x1,
// E040 x25 (人事課, 20-49).
function seed(db, dir) {
  const rows = ['職員番号,氏名,所属,役割'];
  let k = 0;
  const add = (dept, count) => { for (let i = 0; i < count; i++) rows.push(`E${String(++k).padStart(3, '0')},職員${k},${dept},一般職員`); };
  add('市民部/市民課', 20);
  add('市民部/保険年金課', 12);
  add('市民部', 5);
  add('総務部/人事課', 10);
  const csv = path.join(dir, 'roster.csv');
  writeFileSync(csv, rows.join('\n') + '\n');
  const r = run(['staff', 'import', '--db', db, csv]);
  assert.equal(r.status, 0, r.stderr);
  const id = (no) => `(SELECT id FROM staff WHERE employee_no = '${no}')`;
  const ev = [];
  for (let i = 0; i < 12; i++) ev.push([jst(2025, 6, 2 + i), 'E001', 'ask']);
  for (let i = 0; i < 3; i++) ev.push([jst(2025, 9, 1 + i), 'E002', 'chat']);
  ev.push([jst(2026, 3, 31, 23), 'E021', 'ask']);
  for (let i = 0; i < 25; i++) ev.push([jst(2025, 10, 1 + i), 'E040', 'external:trial']);
  sqlite(db, 'INSERT INTO usage_events(at, staff_id, feature, outcome) VALUES ' +
    ev.map(([at, no, f]) => `(${at}, ${id(no)}, '${f}', 'ok')`).join(',') + ';');
}

test('活用状況: change the period, drill into a department, download CSV', async () => {
  await withServer(async (srv) => {
    seed(srv.db, path.dirname(srv.db));
    const { context, page, problems } = await openPage(browser);
    const nav = await adminFirstLogin(page, srv, 'Midori-kanri-2026');
    await nav.getByRole('link', { name: '活用状況' }).click();
    await page.getByRole('heading', { level: 1, name: '活用状況' }).waitFor();
    await page.locator('.report-title').waitFor();

    // Change the period to 令和7年度.
    await page.getByLabel('期間の指定').selectOption('fy');
    await page.getByLabel('年度', { exact: true }).selectOption('2025');
    await page.getByRole('button', { name: '表示する', exact: true }).click();
    const title = page.locator('.report-title');
    await page.waitForFunction(() => /令和7年度/.test(document.querySelector('.report-title')?.textContent || ''), null, { timeout: TIMEOUT });
    assert.match(await title.textContent(), /令和7年度の活用状況/);
    const kpis = page.locator('.kpis');
    assert.match(await kpis.textContent(), /対象職員47 人/);
    assert.match(await kpis.textContent(), /利用した職員4 人/);
    assert.match(await kpis.textContent(), /利用回数41 回/);

    // The buckets: a table with the numbers, and a chart that says them too.
    const buckets = page.getByRole('table', { name: '利用回数の分布' });
    assert.match(await buckets.getByRole('row', { name: /^1-9 回/ }).textContent(), /1-9 回250\.0%/);
    assert.match(await buckets.getByRole('row', { name: /^10-19 回/ }).textContent(), /10-19 回125\.0%/);
    const chartAlt = await page.locator('svg.chart[role="img"]').first().getAttribute('aria-label');
    assert.match(chartAlt, /1-9回 2人/);
    assert.match(chartAlt, /20-49回 1人/);

    // Drill into 市民部: its 課 are listed, 総務部 is not.
    await page.getByRole('button', { name: '市民部の内訳' }).click();
    await page.waitForFunction(() => /市民部の活用状況/.test(document.querySelector('.report-title')?.textContent || ''), null, { timeout: TIMEOUT });
    const depts = page.getByRole('table', { name: '所属別の利用状況' });
    const names = await depts.locator('tbody th').allTextContents();
    assert.deepEqual(names.map((s) => s.replace(/（.*$/, '')), ['市民部', '市民部/保険年金課', '市民部/市民課']);
    assert.match(await page.locator('.kpis').textContent(), /対象職員37 人/);
    assert.match(await page.getByRole('navigation', { name: '所属の階層' }).textContent(), /全体.*市民部/);

    // Download the departments table as CSV and check what Excel will open.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a.csv-link[data-table="departments"]').click(),
    ]);
    const file = await download.path();
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    assert.equal(lines[0], '"所属","対象職員数","利用した職員数","利用率","利用回数"');
    assert.deepEqual(lines.slice(1), ['"市民部",37,3,0.0811,16', '"市民部/保険年金課",12,1,0.0833,1', '"市民部/市民課",20,2,0.1000,15']);
    assert.match(download.suggestedFilename(), /^adoption-departments-2025-04-01-2026-03-31\.csv$/);

    // Back to the whole city.
    await page.getByRole('navigation', { name: '所属の階層' }).getByRole('button', { name: '全体' }).click();
    await page.waitForFunction(() => /^令和7年度の活用状況$/.test(document.querySelector('.report-title')?.textContent || ''), null, { timeout: TIMEOUT });

    assert.deepEqual(await unlabelledControls(page), []);
    if (process.env.YK_SHOT) { // for looking at the page and its print form by hand
      await page.screenshot({ path: `${process.env.YK_SHOT}.png`, fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: `${process.env.YK_SHOT}.pdf`, format: 'A4' });
    }
    // The only failed request is the check for a session before logging in.
    await assertClean(page, problems, ['GET /api/v1/me 401']);
    await context.close();
  });
});

// A 所属長 (head) of 市民部 logs in: the menu offers 活用状況, the report is
// of 市民部 and its 課 only, with no way up to the whole city and no
// per-person section.
test('活用状況 for a department head: their own department and below', async () => {
  await withServer(async (srv) => {
    seed(srv.db, path.dirname(srv.db));
    const add = run(['user', 'add', 'shocho', '--db', srv.db, '--name', '市民部長', '--dept', '市民部', '--roles', 'head']);
    assert.equal(add.status, 0, add.stderr);
    const otp = add.stdout.match(/初期パスワード: (\S+)/)[1];
    const { context, page, problems } = await openPage(browser);
    await page.goto(srv.base + '/');
    await page.getByLabel('ログイン名').fill('shocho');
    await page.getByLabel('パスワード', { exact: false }).fill(otp);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByLabel(/^現在のパスワード/).fill(otp);
    await page.getByLabel(/^新しいパスワード（必須）/).fill('Shimin-bucho-2026');
    await page.getByLabel(/^新しいパスワード（確認）/).fill('Shimin-bucho-2026');
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    await nav.waitFor();
    await nav.getByRole('link', { name: '活用状況' }).click();
    await page.locator('.report-title').waitFor();
    await page.getByLabel('期間の指定').selectOption('fy');
    await page.getByLabel('年度', { exact: true }).selectOption('2025');
    await page.getByRole('button', { name: '表示する', exact: true }).click();
    await page.waitForFunction(() => /令和7年度 市民部の活用状況/.test(document.querySelector('.report-title')?.textContent || ''), null, { timeout: TIMEOUT });
    assert.match(await page.locator('.kpis').textContent(), /対象職員37 人/);
    const names = await page.getByRole('table', { name: '所属別の利用状況' }).locator('tbody th').allTextContents();
    assert.ok(names.every((s) => s.startsWith('市民部')), names.join(','));
    // No way up to the whole city.
    assert.equal(await page.getByRole('button', { name: '全体' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: '職員ごとの利用回数を表示する' }).count(), 0);
    await assertClean(page, problems, ['GET /api/v1/me 401']);
    await context.close();
  });
});
