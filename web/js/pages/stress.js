// pages/stress.js: メンタルヘルス for every member of staff. The portal
// lists the stress-check campaigns (answer, resume, see the result), and
// links to the anonymous opinion box and the self-care chat.
//
// The questionnaire shows one domain (A, B, C, D) per screen with the
// official wording and answer labels; each item is a fieldset of four
// radio buttons (arrow keys move between them, the legend is read out),
// every change is saved at once (PUT /sheet with {"q": value}), so the
// sheet can be resumed on another day or device. The last screen asks the
// sex (needed for the 素点換算表) and submits; an incomplete sheet is never
// submitted (the server refuses it too).
//
// The individual report shows the 19 scales as a chart and a table, both
// methods' domain results, whether the worker was selected as high stress
// with the official recommendation of a doctor's 面接指導 (never a
// diagnosis), self-care advice, the consent question (asked only now,
// never pre-ticked) and the 面接指導 button.

import { h, replace, notice, announce, uid, timeEl } from '../dom.js';
import { api } from '../api.js';
import { portalExtras } from './wellbeing-admin.js';

const SEX_LABEL = { M: '男性', F: '女性' };

export async function renderWellbeing(body, ctx) {
  const [items, list] = await Promise.all([
    api('GET', '/api/v1/stresscheck/items'),
    api('GET', '/api/v1/stresscheck/campaigns'),
  ]);
  if (!ctx.alive()) return;
  const state = { items, ctx, body };
  showPortal(state, list.campaigns || []);
}

function showPortal(state, campaigns) {
  const { body, ctx } = state;
  const section = h('section', { class: 'section card', 'aria-labelledby': 'sc-title' },
    h('h2', { id: 'sc-title', class: 'section-title' }, 'ストレスチェック'),
    h('p', { class: 'lead' }, '職業性ストレス簡易調査票（57 項目）です。回答は自動で保存されるので、途中でやめても続きから回答できます。結果はあなたと実施者（産業医・保健師など）だけが見られます。'));
  const open = campaigns.filter((c) => c.open || (c.my_sheet && c.my_sheet.submitted));
  if (!open.length) section.appendChild(notice('info', '現在、回答できるストレスチェックはありません。'));
  const list = h('ul', { class: 'bullet-list' });
  for (const c of open) {
    const s = c.my_sheet;
    let action;
    if (s && s.submitted) {
      action = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => showResult(state, s.id) }, '結果を見る');
    } else if (c.open) {
      action = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => showQuestionnaire(state, c) },
        s && s.answered ? `続きから回答する（${s.answered} / 57 回答済み）` : '回答する');
    }
    list.appendChild(h('li', null, h('span', { class: 'strong' }, c.name), ' （',
      timeEl(c.starts_at), ' 〜 ', timeEl(c.ends_at), '） ', action));
  }
  section.appendChild(list);
  const links = h('section', { class: 'section card', 'aria-labelledby': 'wb-more' },
    h('h2', { id: 'wb-more', class: 'section-title' }, 'ほかの窓口'),
    h('ul', { class: 'bullet-list' },
      h('li', null, h('a', { href: '#/opinions' }, '意見箱（匿名）'), ' — 仕事や職場についての意見・提案を、名前を出さずに送れます。'),
      h('li', null, h('a', { href: '#/selfcare' }, 'セルフケア相談'), ' — 気持ちの整理やセルフケアの相談ができます（診断はしません）。')));
  replace(body, section, links);
  // Reminders of unfinished checks go first; pulse surveys after the check.
  portalExtras(ctx).then((extra) => {
    if (!ctx.alive() || !extra.length) return;
    for (const el of extra) (el.tagName === 'SECTION' ? body.insertBefore(el, links) : body.insertBefore(el, section));
  }).catch(() => {});
  if (ctx.alive()) announce('メンタルヘルスのページを表示しました。');
}

// ---- questionnaire -------------------------------------------------------------

async function showQuestionnaire(state, campaign) {
  const { body, ctx, items } = state;
  const r = await api('GET', `/api/v1/stresscheck/campaigns/${campaign.id}/sheet`);
  if (!ctx.alive()) return;
  const answers = r.sheet ? r.sheet.answers.map((x) => x || 0) : new Array(57).fill(0);
  let sex = r.sheet ? r.sheet.sex : '';
  const screens = [...items.domains.map((d, i) => ({ kind: 'domain', d, i })), { kind: 'finish' }];
  let index = 0;
  const firstOpen = answers.findIndex((a) => !a);
  if (firstOpen >= 0) {
    index = items.domains.findIndex((d) => d.items.some((it) => it.q === firstOpen + 1));
  } else {
    index = screens.length - 1;
  }
  const progress = h('progress', { max: '57', value: String(answers.filter(Boolean).length), id: uid('prog') });
  const progressText = h('span', { class: 'small' });
  const saveStatus = h('p', { class: 'muted small', role: 'status' });
  const container = h('div');
  const heading = h('h2', { class: 'section-title', tabindex: '-1' });
  const updateProgress = () => {
    const n = answers.filter(Boolean).length;
    progress.value = n;
    progressText.textContent = `${n} / 57 問 回答済み`;
    progress.setAttribute('aria-label', `回答の進み具合 57 問中 ${n} 問`);
  };
  updateProgress();

  // Saves run one after another, in the order the answers were given (two
  // quick changes of one item must not land in the opposite order), and
  // 提出する waits for the last of them: a sheet is submitted only as saved.
  let saving = Promise.resolve();
  function save(partial) {
    saveStatus.textContent = '保存しています…';
    saving = saving.then(async () => {
      try {
        await api('PUT', `/api/v1/stresscheck/campaigns/${campaign.id}/sheet`, partial);
        saveStatus.textContent = '保存しました';
      } catch (err) {
        saveStatus.textContent = '';
        container.prepend(notice('error', err.message || '保存できませんでした。もう一度選んでください。'));
      }
    });
    return saving;
  }

  const render = () => {
    const sc = screens[index];
    container.replaceChildren();
    if (sc.kind === 'domain') {
      const d = sc.d;
      heading.textContent = `${d.domain}. ${d.title}（${index + 1} / ${screens.length}）`;
      container.appendChild(h('p', { class: 'lead' }, d.instruction));
      let lastPrompt = '';
      for (const it of d.items) {
        if (it.sub_prompt && it.sub_prompt !== lastPrompt) {
          container.appendChild(h('h3', { class: 'sc-subprompt' }, it.sub_prompt));
          lastPrompt = it.sub_prompt;
        }
        const name = `q${it.q}`;
        const fs = h('fieldset', { class: 'fieldset sc-item' },
          h('legend', null, `問${it.q} `, it.text));
        const row = h('div', { class: 'sc-choices' });
        d.choices.forEach((label, k) => {
          const id = uid('c');
          const input = h('input', { type: 'radio', name, id, value: String(k + 1), checked: answers[it.q - 1] === k + 1 });
          input.addEventListener('change', () => {
            answers[it.q - 1] = k + 1;
            updateProgress();
            save({ answers: { [String(it.q)]: k + 1 } });
          });
          row.appendChild(h('div', { class: 'sc-choice' }, input, h('label', { for: id }, label)));
        });
        fs.appendChild(row);
        container.appendChild(fs);
      }
    } else {
      heading.textContent = `回答の確認と提出（${screens.length} / ${screens.length}）`;
      const missing = answers.map((a, i) => (a ? 0 : i + 1)).filter(Boolean);
      if (missing.length) {
        container.appendChild(notice('error', `未回答の問があります: 問${missing.slice(0, 10).join('、問')}${missing.length > 10 ? ' ほか' : ''}。前の画面に戻って回答してください。`));
      }
      const fs = h('fieldset', { class: 'fieldset sc-item' },
        h('legend', null, '性別（評価の基準が男女で異なるため、お尋ねします）'));
      const row = h('div', { class: 'sc-choices' });
      for (const v of ['M', 'F']) {
        const id = uid('sex');
        const input = h('input', { type: 'radio', name: 'sex', id, value: v, checked: sex === v });
        input.addEventListener('change', () => { sex = v; save({ sex: v }); });
        row.appendChild(h('div', { class: 'sc-choice' }, input, h('label', { for: id }, SEX_LABEL[v])));
      }
      fs.appendChild(row);
      container.appendChild(fs);
      const submit = h('button', { type: 'button', class: 'btn btn-primary', disabled: missing.length > 0 }, '提出する');
      submit.addEventListener('click', async () => {
        if (!sex) {
          container.appendChild(notice('error', '性別を選んでください。'));
          return;
        }
        submit.disabled = true;
        try {
          await saving;
          const s = await api('POST', `/api/v1/stresscheck/campaigns/${campaign.id}/submit`, {});
          if (!ctx.alive()) return;
          announce('提出しました。結果を表示します。');
          await showResult(state, s.sheet.id);
        } catch (err) {
          submit.disabled = false;
          container.appendChild(notice('error', err.message));
        }
      });
      container.appendChild(h('div', { class: 'form-actions' }, submit));
    }
    prev.disabled = index === 0;
    next.hidden = index === screens.length - 1;
    heading.focus();
  };
  const prev = h('button', { type: 'button', class: 'btn', onclick: () => { index -= 1; render(); } }, '前へ');
  const next = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => { index += 1; render(); } }, '次へ');
  replace(body,
    h('section', { class: 'section card sc-form', 'aria-labelledby': heading.id || (heading.id = uid('h')) },
      heading,
      h('div', { class: 'progress' }, progress, progressText),
      container,
      saveStatus,
      h('div', { class: 'form-actions' }, prev, next)));
  render();
}

// ---- individual report ------------------------------------------------------------

/** SVG bar chart of the 19 evaluation points (5 = good, 1 = more stress). */
function scaleChart(scales) {
  const NS = 'http://www.w3.org/2000/svg';
  const rowH = 22;
  const width = 320;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${scales.length * rowH + 10}`);
  svg.setAttribute('class', 'sc-chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', '尺度ごとの評価点のグラフ（同じ内容を下の表に示します）');
  scales.forEach((s, i) => {
    const bar = document.createElementNS(NS, 'rect');
    bar.setAttribute('x', '150');
    bar.setAttribute('y', String(i * rowH + 4));
    bar.setAttribute('height', String(rowH - 8));
    bar.setAttribute('width', String(s.points * 30));
    bar.setAttribute('class', s.points <= 2 ? 'sc-bar sc-bar-low' : 'sc-bar');
    const label = document.createElementNS(NS, 'text');
    label.setAttribute('x', '0');
    label.setAttribute('y', String(i * rowH + 17));
    label.setAttribute('class', 'sc-label');
    label.textContent = s.name.length > 12 ? `${s.name.slice(0, 12)}…` : s.name;
    svg.append(bar, label);
  });
  return svg;
}

async function showResult(state, sheetId) {
  const { body, ctx } = state;
  const r = await api('GET', `/api/v1/stresscheck/sheets/${sheetId}/result`);
  if (!ctx.alive()) return;
  const s = r.sheet;
  const t = h('table', { class: 'data-table' },
    h('caption', null, '尺度ごとの結果（評価点は 1〜5。低いほどストレスの程度が高い状態です）'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, '尺度'), h('th', { scope: 'col' }, '素点'), h('th', { scope: 'col' }, '評価点'))),
    h('tbody', null, r.scales.map((x) => h('tr', null, h('th', { scope: 'row' }, x.name), h('td', null, String(x.raw)), h('td', null, String(x.points))))));
  const domains = h('dl', { class: 'summary-list' },
    h('dt', null, '合計点数法 A / B / C'), h('dd', null, `${r.sum.A} / ${r.sum.B} / ${r.sum.C}`),
    h('dt', null, '素点換算表 A / B / C'), h('dd', null, `${r.soten.A} / ${r.soten.B} / ${r.soten.C}`));
  const verdict = notice(r.high_stress ? 'error' : 'info', r.message);
  verdict.setAttribute('role', 'status');
  const consentArea = h('div');
  const interviewArea = h('div');
  const renderConsent = () => {
    const id = uid('consent');
    const box = h('input', { type: 'checkbox', id, checked: false });
    const btn = h('button', { type: 'button', class: 'btn' }, s.consent ? '同意を取り消す' : '同意する');
    const status = h('p', { class: 'muted small', role: 'status' },
      s.consent ? '現在、事業者への結果の提供に同意しています。' : '現在、同意していません（同意しなくても不利益な取り扱いはありません）。');
    btn.addEventListener('click', async () => {
      const give = !s.consent;
      if (give && !box.checked) {
        status.textContent = '同意する場合は、上の確認欄にチェックを入れてください。';
        return;
      }
      try {
        await api('POST', `/api/v1/stresscheck/sheets/${sheetId}/consent`, { consent: give });
        s.consent = give;
        announce(give ? '同意しました。' : '同意を取り消しました。');
        renderConsent();
      } catch (err) {
        status.textContent = err.message;
      }
    });
    replace(consentArea,
      h('h3', null, '事業者（市）への結果の提供'),
      h('p', null, 'この結果を事業者に提供することに同意するかどうかを選べます。同意はいつでも取り消せます。'),
      s.consent ? null : h('div', { class: 'field field-check' }, box, h('label', { for: id }, '結果を事業者に提供することに同意します')),
      h('div', { class: 'form-actions' }, btn), status);
  };
  const renderInterview = () => {
    if (s.interview) {
      replace(interviewArea, notice('success', '医師による面接指導を申し出ました。実施者から連絡があります。'));
      return;
    }
    const btn = h('button', { type: 'button', class: 'btn btn-primary' }, '医師による面接指導を申し出る');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await api('POST', `/api/v1/stresscheck/sheets/${sheetId}/interview`, {});
        s.interview = true;
        s.consent = true;
        announce('面接指導を申し出ました。');
        renderInterview();
        renderConsent();
      } catch (err) {
        btn.disabled = false;
        interviewArea.appendChild(notice('error', err.message));
      }
    });
    replace(interviewArea,
      h('h3', null, '医師による面接指導'),
      h('p', null, '申し出は実施者だけが見られます。申し出ると、結果を事業者に提供することに同意したものとして扱われます。'),
      btn);
  };
  renderConsent();
  renderInterview();
  replace(body,
    h('section', { class: 'section card', 'aria-labelledby': 'res-title' },
      h('h2', { id: 'res-title', class: 'section-title', tabindex: '-1' }, `${r.campaign} の結果`),
      verdict,
      domains,
      h('figure', { class: 'sc-figure' }, scaleChart(r.scales), h('figcaption', { class: 'small muted' }, '棒が短いほどストレスの程度が高い状態です。')),
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': '尺度ごとの結果の表' }, t)),
    h('section', { class: 'section card', 'aria-labelledby': 'care-title' },
      h('h2', { id: 'care-title', class: 'section-title' }, 'セルフケアのヒント'),
      h('ul', { class: 'bullet-list' },
        h('li', null, '睡眠と休息の時間を確保しましょう。'),
        h('li', null, '仕事の量や進め方について、上司や同僚に早めに相談しましょう。'),
        h('li', null, '気分転換になる時間（散歩・趣味など）を意識して作りましょう。'),
        h('li', null, 'つらさが続くときは、産業医・保健師や相談窓口を利用しましょう。'))),
    h('section', { class: 'section card', 'aria-label': '面接指導と同意' }, interviewArea, consentArea));
  body.querySelector('#res-title').focus();
}
