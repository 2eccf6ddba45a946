// Accessibility measured with axe-core (npm, tests only; never shipped):
// every page at 1280 and 390 px must have no critical or serious
// violation. axe.min.js is injected into the page under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { withServer, launch, openPage, adminFirstLogin } from './helpers.mjs';
import { run } from '../integration/lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axeSerious(page) {
  await page.evaluate(AXE);
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return res;
}

// Every page the admin's menu links to (read from the menu, so that a new
// page is checked without touching this file), the pages linked from
// elsewhere (password, 意見箱, セルフケア相談), and the
// pages outside the app: login, the citizens' page and the widget demo. The
// sample city's data (yakuba sample) fills the tables.
const MENUS = ['メインメニュー'];

async function menuPages(page) {
  const links = page.getByRole('navigation', { name: MENUS[0] }).getByRole('link');
  const out = [];
  for (const a of await links.all()) {
    const href = await a.getAttribute('href');
    const name = ((await a.textContent()) || '').replace(/準備中/g, '').trim();
    if (href && href.startsWith('#/')) out.push([href.slice(2), name]);
  }
  return out;
}

test('axe: no critical or serious violation on any page at 1280 and 390 px', () => withServer(async (srv) => {
  const r = run(['sample', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  const browser = await launch();
  try {
    const found = [];
    const checked = [];
    let pages = null; // read from the full menu at 1280 px (the phone's is folded)
    for (const width of [1280, 390]) {
      const viewport = { width, height: width === 1280 ? 900 : 844 };
      const { page, context } = await openPage(browser, viewport);
      // Outside the app, and the login form before anyone logs in.
      for (const [p, ready] of [['/', 'ログイン名'], ['/public.html', null], ['/widget-demo.html', null]]) {
        await page.goto(srv.base + p);
        if (ready) await page.getByLabel(ready).waitFor();
        else await page.waitForLoadState('networkidle');
        checked.push(`${width} ${p}`);
        for (const v of await axeSerious(page)) found.push(`${width}px ${p}: ${v}`);
      }
      if (width === 1280) await adminFirstLogin(page, srv, 'kanri-Password-2026');
      else {
        await page.goto(srv.base + '/');
        await page.getByLabel('ログイン名').fill('admin');
        await page.getByLabel('パスワード', { exact: false }).fill('kanri-Password-2026');
        await page.getByRole('button', { name: 'ログイン' }).click();
        await page.getByRole('button', { name: 'メニュー' }).waitFor(); // the folded menu
      }
      // Pages reached from other pages rather than from the menu.
      pages = pages || [...await menuPages(page), ['password', 'パスワードの変更'],
        ['opinions', '意見箱'], ['selfcare', 'セルフケア相談']];
      assert.ok(pages.length >= 14, `menu pages: ${pages.map((x) => x[0]).join(' ')}`);
      for (const [hash, title] of pages) {
        await page.goto(`${srv.base}/#/${hash}`);
        // Shown and rendered (some pages then move the focus on, e.g. to a report).
        await page.waitForFunction((t) => {
          const h1 = document.querySelector('main h1');
          return h1 && h1.textContent.trim() === t && !document.querySelector('.page-body[aria-busy="true"]');
        }, title, { timeout: 20000 });        await page.waitForLoadState('networkidle');
        checked.push(`${width} #/${hash}`);
        for (const v of await axeSerious(page)) found.push(`${width}px #/${hash}: ${v}`);
      }
      await context.close();
    }
    console.log(`axe checked ${checked.length} page states: ${checked.join(", ")}`);
    assert.deepEqual(found, [], `checked: ${checked.join(', ')}`);
  } finally {
    await browser.close();
  }
}));
