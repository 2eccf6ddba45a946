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
    // The list is fetched again after the message: the answered survey's
    // button goes once it is in (waitFor fails if it never does).
    await s.page.getByRole('button', { name: '事後アンケートに回答' }).waitFor({ state: 'detached' });
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

// The G検定 study group as a series: the admin creates the series, puts two
// meetings in it from the session form, and records each member's exam
// outcome (受験, 合格) on the series panel. Then a 所属長 of 市民部 nominates
// a member of 市民課 for a quota session from 研修, seeing the quota fill,
// and is not offered anyone outside 市民部.
test('series: meetings, members and exam outcome; a 所属長 nominates within the own department', () => withServer(async (srv) => {
  const admin = await adminClient(srv.base, srv.otp, NEW_PASSWORD);
  const imp = await admin.request('POST', '/api/v1/staff/import?filename=roster.csv', { body: Buffer.from(ROSTER), headers: { 'content-type': 'text/csv' } });
  assert.equal(imp.status, 200, imp.text);
  const hu = await admin.post('/api/v1/users', { login: 'bucho', display_name: '市民部長', department: '市民部', roles: ['head'] });
  assert.equal(hu.status, 201, hu.text);
  const headClient = new Client(srv.base);
  await headClient.login('bucho', hu.data.one_time_password);
  assert.equal((await headClient.post('/api/v1/me/password', { current: hu.data.one_time_password, new: 'Bucho-New-Password-1' })).status, 200);

  const a = await openPage(browser);
  const hd = await openPage(browser, { width: 360, height: 740 });
  try {
    // ---- admin: a series and two meetings in it -------------------------------
    let nav = await login(a.page, srv.base, 'admin', NEW_PASSWORD);
    await nav.getByRole('link', { name: '研修の管理', exact: true }).click();
    await assertHeadingFocused(a.page, '研修の管理');
    await a.page.getByLabel(/^シリーズ名/).fill('G検定 勉強会');
    await a.page.getByLabel(/^目標の試験/).fill('G検定');
    await a.page.getByRole('button', { name: 'シリーズを登録する' }).click();
    await a.page.getByText('シリーズ「G検定 勉強会」を登録しました。', { exact: false }).waitFor();
    // The new series is offered on the session form (reload so the form lists it).
    await a.page.reload();
    await assertHeadingFocused(a.page, '研修の管理');
    for (const [n, day] of [[1, '2027-01-07'], [2, '2027-01-14']]) {
      await a.page.getByLabel(/^研修名/).fill(`G検定 勉強会 第${n}回`);
      await a.page.getByLabel(/^開催日/).fill(day);
      await a.page.getByLabel(/^シリーズ（勉強会の回として）/).selectOption({ label: 'G検定 勉強会' });
      await a.page.getByRole('button', { name: '研修を登録する' }).click();
      await a.page.getByText(`「G検定 勉強会 第${n}回」を登録しました。`).waitFor();
    }
    // 3001 attends both meetings, 3002 the first (taken through the API).
    const list = (await admin.get('/api/v1/training/sessions?all=1')).data.sessions;
    const meetings = list.filter((x) => x.title.startsWith('G検定')).map((x) => x.id);
    assert.equal(meetings.length, 2);
    const roll = (await admin.get(`/api/v1/training/sessions/${meetings[0]}/roll?q=300`)).data.entries;
    const sid = (no) => roll.find((e) => e.employee_no === no).staff_id;
    for (const m of meetings) await admin.post(`/api/v1/training/sessions/${m}/attendance`, { staff_id: sid('3001'), present: true });
    await admin.post(`/api/v1/training/sessions/${meetings[0]}/attendance`, { staff_id: sid('3002'), present: true });

    await a.page.reload();
    await assertHeadingFocused(a.page, '研修の管理');
    await a.page.getByRole('button', { name: 'G検定 勉強会: 回と参加者' }).click();
    const panel = a.page.getByRole('region', { name: 'G検定 勉強会: 回と参加者' });
    await panel.getByText('2 回、参加者 2 人、受験 0 人、合格 0 人。').waitFor();
    await panel.getByText('G検定 勉強会 第2回', { exact: false }).waitFor();
    await panel.getByRole('row', { name: /3001 青木 さくら/ }).getByRole('cell', { name: '2 / 2' }).waitFor();
    await panel.getByLabel('青木 さくら さんが合格').check();
    await a.page.getByRole('region', { name: 'G検定 勉強会: 回と参加者' }).getByText('2 回、参加者 2 人、受験 1 人、合格 1 人。').waitFor();
    await a.page.getByRole('region', { name: 'G検定 勉強会: 回と参加者' }).getByLabel('石井 健 さんが受験').check();
    await a.page.getByRole('region', { name: 'G検定 勉強会: 回と参加者' }).getByText('2 回、参加者 2 人、受験 2 人、合格 1 人。').waitFor();
    assert.equal(await a.page.getByRole('region', { name: 'G検定 勉強会: 回と参加者' }).getByLabel('青木 さくら さんが受験').isChecked(), true);
    assert.deepEqual(await unlabelledControls(a.page), [], 'admin page with series: unlabelled inputs');
    const detail = await admin.get(`/api/v1/training/series/${list.find((x) => x.id === meetings[0]).series_id}`);
    assert.deepEqual(detail.data.members.map((m) => [m.employee_no, m.attended, m.took_exam, m.passed]),
      [['3001', 2, true, true], ['3002', 1, true, false]]);

    // ---- a quota session with places for 市民課 and 人事課 ------------------------
    const q = await admin.post('/api/v1/training/sessions', { title: '推薦の研修', date: '2027-02-01', recruitment: 'quota' });
    const depts = (await admin.get('/api/v1/departments')).data.departments;
    const dept = (p) => depts.find((d) => d.path === p).id;
    assert.equal((await admin.put(`/api/v1/training/sessions/${q.data.id}/quotas`, {
      quotas: [{ department_id: dept('市民部/市民課'), quota: 1 }, { department_id: dept('総務部/人事課'), quota: 1 }],
    })).status, 200);

    // ---- the head on a phone: nominate within 市民部 -----------------------------
    nav = await login(hd.page, srv.base, 'bucho', 'Bucho-New-Password-1');
    await hd.page.getByRole('button', { name: 'メニュー' }).click();
    await nav.getByRole('link', { name: '研修', exact: true }).click();
    await assertHeadingFocused(hd.page, '研修');
    await hd.page.getByRole('button', { name: '「推薦の研修」に所属の職員を推薦する' }).click();
    const nom = hd.page.getByRole('region', { name: '「推薦の研修」への推薦' });
    await nom.getByText('推薦（市民部 とその下の所属）').waitFor();
    await nom.getByText('市民部/市民課: 0 / 1 人').waitFor();
    assert.equal(await nom.getByText('総務部/人事課', { exact: false }).count(), 0, 'no department outside 市民部');
    assert.equal(await nom.getByText('大野 翼', { exact: false }).count(), 0, 'no one outside 市民部');
    await nom.getByRole('button', { name: '石井 健 さんを推薦する' }).click();
    await hd.page.getByText('石井 健 さんを推薦しました。').waitFor();
    await nom.getByText('市民部/市民課: 1 / 1 人').waitFor();
    // The place is taken: a second nomination is refused with the reason.
    await nom.getByRole('button', { name: '青木 さくら さんを推薦する' }).click();
    await hd.page.getByRole('alert').filter({ hasText: '枠' }).waitFor();
    const fits = await hd.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(fits, 'no sideways scrolling at 360 px');
    const fill = await admin.get(`/api/v1/training/sessions/${q.data.id}/quotas`);
    assert.deepEqual(fill.data.quotas.map((x) => [x.department, x.registered]), [['市民部/市民課', 1], ['総務部/人事課', 0]]);

    await assertClean(a.page, a.problems, ['GET /api/v1/me 401']);
    await assertClean(hd.page, hd.problems, ['GET /api/v1/me 401', 'POST /api/v1/training/sessions/{id}/register 409']);
  } finally {
    await a.context.close();
    await hd.context.close();
  }
}));
