// The chat's question box is sticky at the bottom of the window; it must
// never hide what has the keyboard focus (WCAG 2.2 2.4.11, issue 15): every
// button of the answers reached with Tab is fully above the box, and on a
// short window (200 % zoom, a phone held sideways) the box is not sticky and
// covers no part of the window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, adminFirstLogin, assertHeadingFocused, assertClean, askChat } from './helpers.mjs';
import { tempDir, initDb, run, startServer, stopServer, cleanup } from '../integration/lib.mjs';

const QUESTIONS = ['転入届に必要なものは？', '休暇の日数', '在宅勤務の承認は？', 'ごみの出し方', '図書館の開館時間'];

/* Tabs from the page heading through the exchanges; for each control in the
 * log that gets the focus: is any part of it under the sticky box? */
async function tabThroughLog(page, max) {
  await page.evaluate(() => { window.scrollTo(0, 0); document.querySelector('main h1').focus(); });
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || !a.closest('.qa-log')) return { inLog: false, inForm: !!(a && a.closest('.qa-form')) };
      const box = a.getBoundingClientRect();
      const form = document.querySelector('.qa-form').getBoundingClientRect();
      return {
        inLog: true,
        name: (a.getAttribute('aria-label') || a.textContent).trim().slice(0, 30),
        hidden: box.bottom > form.top + 0.5 || box.top < 0,
      };
    });
    if (r.inForm) break;
    if (r.inLog) seen.push(r);
  }
  return seen;
}

test('the sticky question box never hides the focused answer controls; on a short window it is not sticky', async () => {
  const dir = tempDir();
  const init = initDb(dir);
  const s = run(['sample', '--db', init.db]);
  assert.equal(s.status, 0, s.stderr);
  const srv = await startServer(init.db);
  srv.otp = init.password;
  srv.db = init.db;
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser, { width: 1280, height: 720 });
    const nav = await adminFirstLogin(page, srv, 'kanri-Password-2026');
    await nav.getByRole('link', { name: '問い合わせ', exact: true }).click();
    await assertHeadingFocused(page, '問い合わせ');
    for (const q of QUESTIONS) await askChat(page, q);
    assert.equal(await page.locator('.qa-form').evaluate((f) => getComputedStyle(f).position), 'sticky');

    const seen = await tabThroughLog(page, 120);
    assert.ok(seen.length >= 8, `controls in the answers reached with Tab: ${seen.length}`);
    assert.deepEqual(seen.filter((x) => x.hidden).map((x) => x.name), [], 'focused controls under the sticky box');

    // 200 % zoom of a 1280×900 window is a 640×450 CSS-pixel window.
    await page.setViewportSize({ width: 640, height: 450 });
    assert.equal(await page.locator('.qa-form').evaluate((f) => getComputedStyle(f).position), 'static');
    const seenZoomed = await tabThroughLog(page, 120);
    assert.ok(seenZoomed.length >= 8);
    assert.deepEqual(seenZoomed.filter((x) => x.hidden).map((x) => x.name), [], 'at 200 %: focused controls hidden');
    await assertClean(page, problems, ['GET /api/v1/me 401']);
  } finally {
    await browser.close();
    assert.equal(await stopServer(srv), 0, srv.stderr());
    cleanup(dir);
  }
});
