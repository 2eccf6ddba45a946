// Browser test of 研修 (issue 11): the real yakuba binary and Debian's
// Chromium (helpers.mjs).
//
// The story: an admin creates a session recruited by department quota on
// 研修の管理 and gives 市民部/市民課 two places; a member of staff, on a
// phone-width screen, registers on 研修; the admin ticks her present on the
// roll (found by name) and creates the post-survey from the template; she
// answers it on the phone (large options, no sideways scrolling); four
// colleagues answer through the API; the admin reads the results: response
// rate, the distribution and the top-2 share. Everywhere: labelled inputs,
// no console error, no CSP violation, no failed request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { adminClient, Client } from '../integration/lib.mjs';
import { launch, withServer, openPage, assertClean, unlabelledControls, assertHeadingFocused } from './helpers.mjs';

const NEW_PASSWORD = 'Midori-kanri-2026';
const ROSTER = 'employee_no,name,department,tier,email\n'
  + '3001,青木 さくら,市民部/市民課,一般職員,\n3002,石井 健,市民部/市民課,一般職員,\n'
  + '3003,上田 誠,市民部/保険年金課,一般職員,\n3004,江藤 茜,市民部/保険年金課,一般職員,\n'
  + '3005,大野 翼,総務部/人事課,一般職員,\n';

let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

async function staffUser(base, admin, no) {
  const r = await admin.post('/api/v1/users', { login: no, display_name: `${no} さん`, roles: ['staff'] });
  assert.equal(r.status, 201, r.text);
  const c = new Client(base);
  await c.login(no, r.data.one_time_password);
  const pw = `${no}-New-Password-1`;
  assert.equal((await c.post('/api/v1/me/password', { current: r.data.one_time_password, new: pw })).status, 200);
  c.password = pw;
  return c;
}

async function login(page, base, user, password) {
  await page.goto(base + '/');
  await page.getByLabel('ログイン名').fill(user);
  await page.getByLabel('パスワード', { exact: false }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await page.locator('.page-body').waitFor();
  return nav;
}

test('quota session → register on a phone → attendance → post-survey on a phone → results', () => withServer(async (srv) => {
  const admin = await adminClient(srv.base, srv.otp, NEW_PASSWORD);
  const imp = await admin.request('POST', '/api/v1/staff/import?filename=roster.csv', { body: Buffer.from(ROSTER), headers: { 'content-type': 'text/csv' } });
  assert.equal(imp.status, 200, imp.text);
  const users = {};
  for (const no of ['3001', '3002', '3003', '3004', '3005']) users[no] = await staffUser(srv.base, admin, no);

  const a = await openPage(browser);
  const s = await openPage(browser, { width: 360, height: 740 });
  try {
    // ---- admin: create a quota session and give 市民課 two places -----------
    let nav = await login(a.page, srv.base, 'admin', NEW_PASSWORD);
    await nav.getByRole('link', { name: '研修の管理', exact: true }).click();
    await assertHeadingFocused(a.page, '研修の管理');
    assert.deepEqual(await unlabelledControls(a.page), [], 'admin page: unlabelled inputs');
    await a.page.getByLabel(/^研修名/).fill('生成AI勉強会（初学者向け）');
    await a.page.getByLabel(/^開催日/).fill('2026-12-10');
    await a.page.getByLabel(/^開始/).fill('14:00');
    await a.page.getByLabel(/^終了/).fill('16:00');
    await a.page.getByLabel(/^会場/).fill('本庁舎 5階 大会議室');
    await a.page.getByLabel(/^対象レベル/).fill('初学者向け');
    await a.page.getByLabel(/^募集方法/).selectOption('quota');
    await a.page.getByLabel(/^カリキュラム/).fill('講義 50分 / 休憩 10分 / 実践 60分');
    await a.page.getByRole('button', { name: '研修を登録する' }).click();
    await a.page.getByText('「生成AI勉強会（初学者向け）」を登録しました。').waitFor();
    await a.page.getByRole('button', { name: '生成AI勉強会（初学者向け）: 枠' }).click();
    await a.page.getByLabel('市民部/市民課 の枠').fill('2');
    await a.page.getByRole('button', { name: '枠を保存する' }).click();
    await a.page.getByText('枠を保存しました。').waitFor();
    await a.page.getByRole('cell', { name: '0 / 2' }).waitFor();

    // ---- staff on a phone: register ----------------------------------------
    nav = await login(s.page, srv.base, '3001', users['3001'].password);
    await s.page.getByRole('button', { name: 'メニュー' }).click();
    await nav.getByRole('link', { name: '研修', exact: true }).click();
    await assertHeadingFocused(s.page, '研修');
    await s.page.getByRole('button', { name: '「生成AI勉強会（初学者向け）」に申し込む' }).click();
    await s.page.getByText('「生成AI勉強会（初学者向け）」に申し込みました。').waitFor();
    await s.page.locator('.tr-session .badge', { hasText: '申込済み' }).waitFor();
    assert.deepEqual(await unlabelledControls(s.page), [], 'staff page: unlabelled inputs');

    // ---- admin: attendance by name, post-survey from the template ----------
    await a.page.reload();
    await assertHeadingFocused(a.page, '研修の管理');
    await a.page.getByRole('button', { name: '生成AI勉強会（初学者向け）: 出欠' }).click();
    await a.page.getByLabel(/氏名・職員番号で検索/).fill('青木');
    await a.page.getByRole('button', { name: '検索', exact: true }).click();
    const tick = a.page.getByLabel(/3001 青木 さくら/);
    await tick.check();
    await a.page.waitForFunction(() => document.getElementById('live-status').textContent.includes('出席にしました'));
    await a.page.getByRole('button', { name: '生成AI勉強会（初学者向け）: アンケート' }).click();
    await a.page.getByRole('button', { name: '事後アンケートをひな形から作る' }).click();
    await a.page.getByText(/事後アンケートを用意しました/).waitFor();

    // Four colleagues attended and answer through the API.
    const list = await admin.get('/api/v1/training/sessions?all=1');
    const sid = list.data.sessions[0].id;
    const roll = await admin.get(`/api/v1/training/sessions/${sid}/roll?q=300`);
    for (const e of roll.data.entries.filter((x) => x.employee_no !== '3001')) {
      assert.equal((await admin.post(`/api/v1/training/sessions/${sid}/attendance`, { staff_id: e.staff_id, present: true })).status, 200);
    }
    const form = (await users['3002'].get(`/api/v1/training/sessions/${sid}/survey?phase=post`)).data;
    for (const [no, v] of [['3002', 5], ['3003', 4], ['3004', 4], ['3005', 2]]) {
      const r = await users[no].post(`/api/v1/training/sessions/${sid}/survey`, { phase: 'post', answers: [
        { question_id: form.questions[0].id, value: v }, { question_id: form.questions[1].id, value: 4 }] });
      assert.equal(r.status, 201, r.text);
    }

    // ---- staff on a phone: answer the post-survey ----------------------------
    await s.page.reload();
    await assertHeadingFocused(s.page, '研修');
    await s.page.locator('.tr-session .badge', { hasText: '出席' }).waitFor();
    await s.page.getByRole('button', { name: '事後アンケートに回答' }).click();
    const survey = s.page.locator('form.tr-survey');
    await survey.waitFor();
    await survey.getByText('このアンケートは無記名です', { exact: false }).waitFor();
    // Sending without the required answers names the first one.
    await survey.getByRole('button', { name: '回答を送信する' }).click();
    await survey.getByRole('alert').filter({ hasText: '本日の研修の満足度' }).waitFor();
    await survey.getByRole('group', { name: /本日の研修の満足度/ }).getByLabel('満足', { exact: true }).check();
    await survey.getByRole('group', { name: /業務で使えそう/ }).getByLabel('使える', { exact: true }).check();
    await survey.getByRole('textbox').fill('議事録の要約をすぐ試したいです。');
    // The whole form fits the phone's width and options are easy to tap.
    const fits = await s.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(fits, 'no sideways scrolling at 360 px');
    const h = await survey.locator('.tr-option').first().evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(h >= 44, `touch target ${h}px`);
    assert.deepEqual(await unlabelledControls(s.page), [], 'survey: unlabelled inputs');
    await survey.getByRole('button', { name: '回答を送信する' }).click();
    await s.page.getByText('アンケートに回答しました。ご協力ありがとうございました。').waitFor();
    assert.equal(await s.page.getByRole('button', { name: '事後アンケートに回答' }).count(), 0);

    // ---- admin: the results ---------------------------------------------------
    await a.page.reload();
    await assertHeadingFocused(a.page, '研修の管理');
    await a.page.getByRole('button', { name: '生成AI勉強会（初学者向け）: 結果' }).click();
    const panel = a.page.getByRole('region', { name: '生成AI勉強会（初学者向け）: 結果' });
    await panel.getByText('出席 5 人（うち以前の研修にも出席 0 人）、事後アンケートの回答 5 件、回答率 100.0%。').waitFor();
    await panel.getByText('上位2段階（やや満足〜満足）: 80.0%').waitFor();
    await panel.getByRole('progressbar', { name: '満足 40.0%', exact: true }).waitFor();
    await panel.getByRole('link', { name: '集計を CSV でダウンロード' }).waitFor();

    await assertClean(a.page, a.problems, ['GET /api/v1/me 401']); // before login
    await assertClean(s.page, s.problems, ['GET /api/v1/me 401']);
  } finally {
    await a.context.close();
    await s.context.close();
  }
}));
