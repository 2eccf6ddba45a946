// Accessibility measured with axe-core (npm, tests only; never shipped):
// the main admin page states at 1280 and 390 px must have no critical or
// serious violation. axe.min.js is injected into the page under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { withServer, launch, openPage, adminFirstLogin, assertHeadingFocused } from './helpers.mjs';

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

const PAGES = [
  ['inquiry', '問い合わせ'],
  ['settings', '設定'],
  ['users', '利用者'],
  ['departments', '所属'],
  ['staff', '職員名簿'],
  ['kb', 'ナレッジ管理'],
  ['assistant', '生成AI'],
  ['audit', '監査ログ'],
];

test('axe: no critical or serious violation on the admin pages at 1280 and 390 px', () => withServer(async (srv) => {
  const browser = await launch();
  try {
    const { page } = await openPage(browser);
    await adminFirstLogin(page, srv, 'kanri-Password-2026');
    const found = [];
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 1280 ? 900 : 844 });
      for (const [hash, title] of PAGES) {
        await page.goto(`${srv.base}/#/${hash}`);
        await assertHeadingFocused(page, title);
        for (const v of await axeSerious(page)) found.push(`${width}px #/${hash}: ${v}`);
      }
    }
    assert.deepEqual(found, []);
  } finally {
    await browser.close();
  }
}));
