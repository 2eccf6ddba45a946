// Helpers shared by the browser tests: a server per test, the replay LLM server,
// a page that records console errors, CSP violations and failed requests,
// and the admin's first login. The same checks as ui.test.mjs, so that
// both tests hold the pages to one standard.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, initDb, startServer, stopServer, cleanup } from '../integration/lib.mjs';

const REPLAY = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'llm-server', 'server.mjs');

/* Starts the replay LLM server of our own (tests/llm-server/server.mjs);
 * resolves with {child, base} once it prints its port. It exits when its
 * stdin closes. */
export function startReplay() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [REPLAY, '--exit-on-stdin-close'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /^PORT (\d+)\n/.exec(buf);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', () => reject(new Error('replay server exited')));
  });
}

/* Stops a server started by startReplay() (null: nothing to do). */
export function stopReplay(replay) {
  if (!replay) return;
  replay.child.removeAllListeners('exit');
  replay.child.stdin.end();
  replay.child.kill();
}

/* The requests the replay server received, oldest first. */
export async function replayRequests(replay) {
  const r = await fetch(`${replay.base}/__requests`);
  return r.json();
}

// playwright-core lives in tests/browser/node_modules (`npm ci` there).
const { chromium } = await import('playwright-core').catch((err) => {
  throw new Error(`playwright-core is not installed: run "npm ci" in tests/browser (${err.message})`);
});

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const TIMEOUT = 20000; // ASan build on a shared 2-core machine

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/* fn(srv) with srv.base, srv.db and srv.otp (the admin's one-time
 * password), on its own database; the server must exit cleanly. */
export async function withServer(fn) {
  const dir = tempDir();
  let srv = null;
  try {
    const init = initDb(dir);
    srv = await startServer(init.db);
    srv.otp = init.password;
    srv.db = init.db;
    await fn(srv);
  } finally {
    if (srv) {
      const code = await stopServer(srv);
      assert.equal(code, 0, `server exit ${code}: ${srv.stderr()}`);
    }
    cleanup(dir);
  }
}

/* A page that records console errors, uncaught exceptions, CSP violations
 * (securitypolicyviolation, hooked before any page script runs) and HTTP
 * answers >= 400 as "METHOD /path/{id} status". */
export async function openPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'ja-JP' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const problems = { console: [], pageErrors: [], failed: [] };
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every HTTP error answer; those are checked through
    // problems.failed instead.
    if (/^Failed to load resource: the server responded with a status of \d+/.test(msg.text())) return;
    problems.console.push(msg.text());
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('response', (res) => {
    if (res.status() >= 400) {
      const u = new URL(res.url());
      const where = u.pathname.replace(/\/\d+(?=\/|$)/g, '/{id}');
      problems.failed.push(`${res.request().method()} ${where} ${res.status()}`);
    }
  });
  return { context, page, problems };
}

/* No CSP violation, console error, uncaught exception or failed request
 * other than expectedFailures. */
export async function assertClean(page, problems, expectedFailures = []) {
  assert.deepEqual(await page.evaluate(() => window.__csp.slice()), [], 'CSP violations');
  assert.deepEqual(problems.console, [], 'console errors');
  assert.deepEqual(problems.pageErrors, [], 'uncaught exceptions');
  assert.deepEqual(problems.failed, expectedFailures, 'failed requests');
}

/* Every form control has a name from a <label>, aria-labelledby or
 * aria-label; every button and link has a name. Returns the offenders. */
export async function unlabelledControls(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden') continue;
      const byLabel = el.labels && [...el.labels].some((l) => l.textContent.trim() !== '');
      const byAria = (el.getAttribute('aria-label') || '').trim() !== '';
      const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
      const byRef = ids.length > 0 && ids.every((id) => {
        const t = document.getElementById(id);
        return t && t.textContent.trim() !== '';
      });
      if (!byLabel && !byAria && !byRef) bad.push(el.outerHTML.slice(0, 120));
    }
    for (const el of document.querySelectorAll('button, a[href]')) {
      const name = (el.getAttribute('aria-label') || el.textContent || '').trim();
      if (!name) bad.push(el.outerHTML.slice(0, 120));
    }
    return bad;
  });
}

/* The page named text is shown: its heading has the focus and its body has
 * finished rendering (app.js marks it aria-busy meanwhile). */
export async function assertHeadingFocused(page, text) {
  await page.waitForFunction((t) => {
    const a = document.activeElement;
    return a && a.tagName === 'H1' && a.textContent.trim() === t &&
      !document.querySelector('.page-body[aria-busy="true"]');
  }, text, { timeout: TIMEOUT });
}

/* The admin's first login in the browser: one-time password, then the
 * forced change to newPassword; resolves when the navigation shows. */
export async function adminFirstLogin(page, srv, newPassword) {
  await page.goto(srv.base + '/');
  await page.getByLabel('ログイン名').fill('admin');
  await page.getByLabel('パスワード', { exact: false }).fill(srv.otp);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await assertHeadingFocused(page, 'パスワードの変更');
  // The hint states the server's minimum (password_min_length, 12 by default).
  await page.getByText('12文字以上にしてください。', { exact: false }).waitFor();
  await page.getByLabel(/^現在のパスワード/).fill(srv.otp);
  await page.getByLabel(/^新しいパスワード（必須）/).fill(newPassword);
  await page.getByLabel(/^新しいパスワード（確認）/).fill(newPassword);
  await page.getByRole('button', { name: 'パスワードを変更する' }).click();
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await nav.waitFor();
  // The confirmation is on screen, not only in the visually hidden live region.
  const done = page.locator('main .notice-success', { hasText: 'パスワードを変更しました。' });
  await done.waitFor();
  if (!(await done.isVisible())) throw new Error('password change confirmation is not visible');
  return nav;
}

/* Types question into the chat box with this label and resolves with the
 * new exchange once the question is drawn in it. */
async function submitQuestion(page, label, question) {
  const box = page.getByLabel(label);
  await box.fill(question);
  await box.press('Enter');
  // The newest exchange is the last one.
  const ex = page.locator('.qa-exchange').last();
  await ex.locator('.qa-question-text', { hasText: question }).waitFor();
  return ex;
}

/* Asks question in the chat (問い合わせ or the citizens' page) and resolves
 * with the newest exchange once its answer is drawn and the box is free. */
export async function askChat(page, question) {
  const ex = await submitQuestion(page, '質問を入力', question);
  await page.waitForFunction(() => {
    const last = [...document.querySelectorAll('.qa-exchange')].pop();
    return last && !last.querySelector('.qa-pending') && !document.querySelector('.qa-form[aria-busy="true"]');
  });
  return ex;
}

/* Asks in the chat whose question box has this label and returns the new
 * exchange once its answer (or an error) is drawn. */
export async function ask(page, label, question) {
  const ex = await submitQuestion(page, label, question);
  await ex.locator('.qa-label, .notice').first().waitFor();
  return ex;
}
