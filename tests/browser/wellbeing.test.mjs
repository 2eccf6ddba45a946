// Browser test of メンタルヘルス: a member of staff answers the 57 items on a
// phone-width screen (one screen per domain, part of it by keyboard,
// leaves and resumes), submits, sees the individual report (chart and
// table) and applies for a 面接指導; the implementer then sees the
// application in their list. Every page visited has labels for its
// inputs, no CSP violation, no console error and no failed request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { adminClient, userClient, Client } from '../integration/lib.mjs';
import { launch, withServer, openPage as openPageIn, assertClean, unlabelledControls } from './helpers.mjs';

const NEW_PASSWORD = 'Midori-kanri-2026';
const MIXED = '213324132212312433221234212331223143212123214121342314223';
let browser;
const openPage = (viewport) => openPageIn(browser, viewport);

before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

async function login(page, base, login, password) {
  await page.goto(base + '/');
  await page.getByLabel('ログイン名').fill(login);
  await page.getByLabel('パスワード', { exact: false }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('button', { name: 'メニュー' }).or(page.getByRole('navigation', { name: 'メインメニュー' })).first().waitFor();
}

// A desktop page of who, on メンタルヘルスの管理 with the first pulse
// survey's results open.
async function openPulseResults(base, who, password) {
  const p = await openPage({ width: 1280, height: 900 });
  await login(p.page, base, who, password);
  await p.page.goto(base + '/#/wellbeing-admin');
  await p.page.getByRole('button', { name: '所属別の結果' }).click();
  return p;
}

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

test('answer the 57 items on a phone, see the report, apply for 面接指導; the implementer sees it', () => withServer(async (srv) => {
  const admin = await adminClient(srv.base, srv.otp, NEW_PASSWORD);
  const worker = await userClient(srv.base, admin, 'shokuin', ['staff']);
  const impl = await userClient(srv.base, admin, 'hokenshi', ['implementer']);
  const day = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
  const c = await admin.post('/api/v1/stresscheck/campaigns', { name: '令和8年度ストレスチェック', starts_on: day, ends_on: day });
  assert.equal(c.status, 201, c.text);

  const { context, page, problems } = await openPage({ width: 390, height: 844 });
  try {
    await login(page, srv.base, 'shokuin', worker.password);
    await page.getByRole('button', { name: 'メニュー' }).click();
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'メンタルヘルス' }).click();
    await page.getByRole('button', { name: '回答する' }).click();
    // Domain A: the first item by keyboard (arrow keys move within the
    // radio group and select), the rest by tapping the labels.
    await page.getByRole('heading', { name: /^A\. 仕事のストレス要因/ }).waitFor();
    const first = page.getByRole('group', { name: /^問1 / });
    await first.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowRight'); // box 2
    assert.equal(await first.getByRole('radio').nth(1).isChecked(), true);
    await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    assert.equal(await unlabelledControls(page).then((x) => x.length), 0);
    await noSidewaysScroll(page);
    const answerScreen = async (from, to) => {
      for (let q = from; q <= to; q++) {
        const group = page.getByRole('group', { name: new RegExp(`^問${q} `) });
        await group.getByRole('radio').nth(Number(MIXED[q - 1]) - 1).check();
      }
      await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    };
    await answerScreen(2, 17);
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { name: /^B\. 心身のストレス反応/ }).waitFor();
    await answerScreen(18, 30);
    // Leave half-way and come back: the answers were saved as they went.
    await page.goto(srv.base + '/#/inquiry');
    await page.goto(srv.base + '/#/wellbeing');
    await page.getByRole('button', { name: /続きから回答する（30 \/ 57 回答済み）/ }).click();
    await page.getByRole('heading', { name: /^B\. / }).waitFor();
    const progress = page.locator('progress');
    assert.equal(await progress.getAttribute('aria-label'), '回答の進み具合 57 問中 30 問');
    await answerScreen(31, 46);
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { name: /^C\. 周囲のサポート/ }).waitFor();
    await answerScreen(47, 55);
    await page.getByRole('button', { name: '次へ' }).click();
    await answerScreen(56, 57);
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { name: /回答の確認と提出/ }).waitFor();
    await page.getByRole('radio', { name: '女性' }).check();
    await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    await page.getByRole('button', { name: '提出する' }).click();

    // The individual report: chart and table, both methods, the consent
    // question not pre-ticked, the 面接指導 button.
    await page.getByRole('heading', { name: '令和8年度ストレスチェック の結果' }).waitFor();
    await page.getByRole('img', { name: /尺度ごとの評価点のグラフ/ }).waitFor();
    const table = page.getByRole('table', { name: /尺度ごとの結果/ });
    assert.equal(await table.locator('tbody tr').count(), 19);
    assert.match(await page.locator('.summary-list').textContent(), /46 \/ 64 \/ 22/);
    assert.equal(await page.getByRole('checkbox', { name: /同意します/ }).isChecked(), false);
    await noSidewaysScroll(page);
    assert.deepEqual(await unlabelledControls(page), []);
    await page.getByRole('button', { name: '医師による面接指導を申し出る' }).click();
    await page.getByText('医師による面接指導を申し出ました').waitFor();
    await assertClean(page, problems, ['GET /api/v1/me 401']);
  } finally {
    await context.close();
  }

  // The implementer sees the application (and nobody else's view is needed).
  const second = await openPage({ width: 1280, height: 900 });
  try {
    await login(second.page, srv.base, 'hokenshi', impl.password);
    await second.page.goto(srv.base + '/#/stress-results');
    await second.page.getByLabel('表示').selectOption('interview');
    const rows = second.page.getByRole('table', { name: '個人の結果' }).locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().textContent(), /申出（未実施）/);
    await rows.first().getByRole('button', { name: '結果' }).click();
    await second.page.getByRole('heading', { name: '個人の結果' }).waitFor();
    assert.match(await second.page.locator('.summary-list').textContent(), /申出あり/);
    assert.deepEqual(await unlabelledControls(second.page), []);
    await assertClean(second.page, second.problems, ['GET /api/v1/me 401']);
  } finally {
    await second.context.close();
  }
}));

test('opinion box and group analysis pages: anonymous post, reply, suppressed unit, self-care crisis answer', () => withServer(async (srv) => {
  const admin = await adminClient(srv.base, srv.otp, NEW_PASSWORD);
  const worker = await userClient(srv.base, admin, 'shokuin2', ['staff']);
  const day = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
  const c = await admin.post('/api/v1/stresscheck/campaigns', { name: 'R8', starts_on: day, ends_on: day });
  assert.equal(c.status, 201, c.text);
  await worker.put(`/api/v1/stresscheck/campaigns/${c.data.id}/sheet`, { sex: 'M', answers: [...MIXED].map(Number) });
  assert.equal((await worker.post(`/api/v1/stresscheck/campaigns/${c.data.id}/submit`, {})).status, 200);

  const { context, page, problems } = await openPage({ width: 390, height: 844 });
  try {
    await login(page, srv.base, 'shokuin2', worker.password);
    await page.goto(srv.base + '/#/opinions');
    await page.getByLabel('分類').selectOption('職場環境');
    await page.getByLabel('意見・提案').fill('佐藤花子さんの席の近くの空調が効きません');
    await page.getByRole('button', { name: '匿名で送る' }).click();
    await page.getByText('意見を送りました。ありがとうございます。').waitFor();
    const body = await page.locator('.op-item').first().textContent();
    assert.doesNotMatch(body, /佐藤花子/); // masked before anyone reads it
    assert.deepEqual(await unlabelledControls(page), []);
    await noSidewaysScroll(page);
    await page.goto(srv.base + '/#/selfcare');
    await page.getByLabel('話したいこと').fill('もう消えてしまいたい');
    await page.getByRole('button', { name: '送る' }).click();
    await page.getByText(/0570-064-556/).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: /保存する/ }).isChecked(), false);
    await assertClean(page, problems, ['GET /api/v1/me 401']);
  } finally {
    await context.close();
  }

  const second = await openPage({ width: 1280, height: 900 });
  try {
    await login(second.page, srv.base, 'admin', NEW_PASSWORD);
    await second.page.goto(srv.base + '/#/opinions');
    await second.page.getByLabel('状態').first().selectOption('対応済');
    await second.page.getByLabel('回答', { exact: true }).first().fill('空調を点検しました');
    await second.page.getByRole('button', { name: '保存' }).first().click();
    await second.page.getByText('空調を点検しました').first().waitFor();
    await second.page.goto(srv.base + '/#/stress-analysis');
    const table = second.page.getByRole('table', { name: /所属ごとの結果/ });
    await table.waitFor();
    assert.match(await table.textContent(), /10 人未満のため表示しません/);
    assert.match(await second.page.locator('.summary-list').textContent(), /検査を受けた労働者数1/);
    assert.deepEqual(await unlabelledControls(second.page), []);
    await assertClean(second.page, second.problems, ['GET /api/v1/me 401']);
  } finally {
    await second.context.close();
  }
}));

test('pulse survey: the admin opens it for a unit, staff answer anonymously on a phone, the unit under 10 is suppressed; reminders and the consented list', () => withServer(async (srv) => {
  const admin = await adminClient(srv.base, srv.otp, NEW_PASSWORD);
  const csv = 'employee_no,name,department,tier,email\nP1,職員一,市民部/市民課,一般職員,\nP2,職員二,総務部,一般職員,\n';
  let r = await admin.request('POST', '/api/v1/staff/import?filename=s.csv', { body: csv, headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 200, r.text);
  r = await admin.post('/api/v1/users/from-roster', { employee_nos: ['P1'] });
  assert.equal(r.status, 201, r.text);
  const otp = r.data.accounts[0].one_time_password;
  const staff = new Client(srv.base);
  assert.equal((await staff.login('P1', otp)).status, 200);
  const pw = 'P1-New-Password-2026';
  assert.equal((await staff.post('/api/v1/me/password', { current: otp, new: pw })).status, 200);
  const day = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
  const c = await admin.post('/api/v1/stresscheck/campaigns', { name: '令和8年度', starts_on: day, ends_on: day });
  assert.equal(c.status, 201, c.text);

  const desk = await openPage({ width: 1280, height: 900 });
  try {
    await login(desk.page, srv.base, 'admin', NEW_PASSWORD);
    await desk.page.goto(srv.base + '/#/wellbeing-admin');
    await desk.page.getByLabel('題名').fill('5月のパルスサーベイ');
    await desk.page.getByLabel('締切日').fill(day);
    await desk.page.getByLabel('市民部/市民課').check();
    await desk.page.getByRole('button', { name: 'パルスサーベイを始める' }).click();
    await desk.page.getByText('パルスサーベイを始めました。').waitFor();
    assert.deepEqual(await unlabelledControls(desk.page), []);
    await assertClean(desk.page, desk.problems, ['GET /api/v1/me 401']);
  } finally {
    await desk.context.close();
  }

  const phone = await openPage({ width: 390, height: 844 });
  try {
    await login(phone.page, srv.base, 'P1', pw);
    await phone.page.goto(srv.base + '/#/wellbeing');
    await phone.page.getByText('ストレスチェック「令和8年度」が未提出です。').waitFor();
    await phone.page.getByRole('heading', { name: 'パルスサーベイ（匿名）' }).waitFor();
    for (const q of ['職場の雰囲気は良くなったと感じますか', '業務量は適切だと感じますか']) {
      await phone.page.getByRole('group', { name: q }).getByLabel('やや満足').check();
    }
    await phone.page.getByLabel(/ご意見があればお書きください/).fill('相談しやすくなりました');
    await phone.page.getByRole('button', { name: '匿名で回答する' }).click();
    await phone.page.getByText('回答を送信しました。').waitFor();
    assert.deepEqual(await unlabelledControls(phone.page), []);
    await noSidewaysScroll(phone.page);
    await assertClean(phone.page, phone.problems, ['GET /api/v1/me 401']);
  } finally {
    await phone.context.close();
  }

  const back = await openPulseResults(srv.base, 'admin', NEW_PASSWORD);
  try {
    await back.page.getByText('市民部/市民課（回答 1 人）').waitFor();
    await back.page.getByText('回答が 10 人未満のため、結果は表示しません。').waitFor();
    await back.page.getByRole('button', { name: '未提出の人を表示' }).click();
    await back.page.getByRole('table', { name: '未提出の対象者' }).waitFor();
    assert.match(await back.page.getByRole('table', { name: '未提出の対象者' }).textContent(), /職員一/);
    await back.page.getByRole('button', { name: '未提出の人にお知らせを出す' }).click();
    await back.page.getByText(/人のページにお知らせを表示しました。/).first().waitFor();
    await back.page.getByRole('button', { name: /同意を得た結果を表示/ }).click();
    await back.page.getByText('同意を得た結果はありません。').waitFor();
    assert.deepEqual(await unlabelledControls(back.page), []);
    await assertClean(back.page, back.problems, ['GET /api/v1/me 401']);
  } finally {
    await back.context.close();
  }
}));

test('pulse free text: the 実施者 reads it grouped and masked for a unit of 10, the admin only its count', () => withServer(async (srv) => {
  const admin = await adminClient(srv.base, srv.otp, NEW_PASSWORD);
  const rows = ['employee_no,name,department,tier,email'];
  for (let i = 0; i < 10; i++) rows.push(`T${i},職員${i},福祉部/福祉課,一般職員,`);
  let r = await admin.request('POST', '/api/v1/staff/import?filename=t.csv', { body: rows.join('\n') + '\n', headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 200, r.text);
  const depts = (await admin.get('/api/v1/departments')).data.departments;
  const day = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
  r = await admin.post('/api/v1/pulse', {
    title: '6月のパルスサーベイ', closes_on: day, department_ids: [depts.find((d) => d.path === '福祉部/福祉課').id],
    questions: [{ kind: 'scale', text: '相談しやすくなりましたか' }, { kind: 'text', text: 'ご意見' }],
  });
  assert.equal(r.status, 201, r.text);
  const pid = r.data.id;
  r = await admin.post('/api/v1/users/from-roster', { employee_nos: rows.slice(1).map((x) => x.split(',')[0]) });
  assert.equal(r.status, 201, r.text);
  const texts = ['会議が短くなりました', '会議の資料が減りました', '相談窓口が分かりやすい', '相談窓口に 090-1234-5678 で電話しました'];
  for (const [i, a] of r.data.accounts.entries()) {
    const cl = new Client(srv.base);
    assert.equal((await cl.login(a.login, a.one_time_password)).status, 200);
    assert.equal((await cl.post('/api/v1/me/password', { current: a.one_time_password, new: `${a.login}-Pulse-2026` })).status, 200);
    const [q1, q2] = (await cl.get('/api/v1/pulse/mine')).data.pulses[0].survey.questions;
    const ans = await cl.post(`/api/v1/pulse/${pid}/answer`, { answers: [{ question_id: q1.id, value: 4 }, { question_id: q2.id, text: texts[i % 4] }] });
    assert.equal(ans.status, 201, ans.text);
  }
  const impl = await userClient(srv.base, admin, 'jisshisha', ['implementer']);

  const desk = await openPulseResults(srv.base, 'jisshisha', impl.password);
  try {
    // The implementer reads results but cannot open a survey.
    assert.equal(await desk.page.getByRole('button', { name: 'パルスサーベイを始める' }).count(), 0);
    await desk.page.getByText('福祉部/福祉課（回答 10 人）').waitFor();
    await desk.page.getByText(/自由記述 10 件。実施者にだけ、個人情報を伏せ字にして表示しています/).waitFor();
    await desk.page.getByText(/「(会議|相談)[^」]*」\d+ 件/).first().waitFor();
    const shown = await desk.page.locator('.pulse-comments').textContent();
    assert.doesNotMatch(shown, /090-1234-5678/);
    assert.deepEqual(await unlabelledControls(desk.page), []);
    await assertClean(desk.page, desk.problems, ['GET /api/v1/me 401']);
  } finally {
    await desk.context.close();
  }
  const back = await openPulseResults(srv.base, 'admin', NEW_PASSWORD);
  try {
    await back.page.getByText('ご意見: 自由記述 10 件（内容は実施者だけが見られます）').waitFor();
    assert.equal(await back.page.locator('.pulse-comments').count(), 0);
    await assertClean(back.page, back.problems, ['GET /api/v1/me 401']);
  } finally {
    await back.context.close();
  }
}));
