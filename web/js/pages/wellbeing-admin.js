// pages/wellbeing-admin.js: the メンタルヘルス pieces added by the second
// part of issue 12.
//  - portalExtras (every member of staff, on the メンタルヘルス portal): a
//    reminder for each open stress check the worker has not finished, and
//    the pulse surveys of the worker's unit, answered in place. Pulse
//    answers are anonymous: the server keeps no link from an answer to a
//    person.
//  - renderWellbeingAdmin (admin; implementers see the reminder part):
//    open a pulse survey for target departments and read its results by
//    unit (a unit under 10 respondents shows only its size); send a
//    stress-check reminder round and see who has not finished (never a
//    result or progress); and the results workers consented to give the
//    employer, each view written to the audit log by the server.

import { h, replace, notice, announce, uid, timeEl } from '../dom.js';
import { api } from '../api.js';

// ---- portal ------------------------------------------------------------------------

export async function portalExtras(ctx) {
  const [rem, pulses] = await Promise.all([
    api('GET', '/api/v1/stresscheck/reminders'),
    api('GET', '/api/v1/pulse/mine'),
  ]);
  if (!ctx.alive()) return [];
  const out = [];
  for (const r of rem.reminders || []) {
    out.push(notice('info', r.urgent ? '締切が近づいています。' : '',
      h('span', { class: 'strong' }, `ストレスチェック「${r.name}」が未提出です。`),
      ` 締切まであと ${r.days_left} 日です（`, timeEl(r.ends_at), ' まで）。',
      r.started ? '回答は保存されているので、続きから回答できます。' : '',
      r.round_at ? h('span', null, ' 実施事務からお知らせがありました（', timeEl(r.round_at), '）。') : ''));
  }
  const list = pulses.pulses || [];
  if (list.length) {
    const section = h('section', { class: 'section card', 'aria-labelledby': 'pulse-title' },
      h('h2', { id: 'pulse-title', class: 'section-title' }, 'パルスサーベイ（匿名）'),
      h('p', null, '職場の取り組みの効果を確かめる短いアンケートです。回答とあなたを結び付ける情報は保存されません。集計は所属ごとに行い、回答が 10 人未満の所属の結果は表示されません。'));
    for (const p of list) section.appendChild(pulseForm(p, ctx));
    out.push(section);
  }
  return out;
}

function pulseForm(p, ctx) {
  const wrap = h('div', { class: 'pulse' }, h('h3', null, p.title), h('p', { class: 'small muted' }, '締切: ', timeEl(p.closes_at)));
  if (p.answered || !p.survey) {
    wrap.appendChild(notice('success', '回答済みです。ご協力ありがとうございました。'));
    return wrap;
  }
  const inputs = [];
  const form = h('form', { class: 'form', novalidate: true });
  for (const q of p.survey.questions) {
    if (q.kind === 'scale') {
      const name = uid('pq');
      const radios = q.options.map((o) => {
        const id = uid('pr');
        const r = h('input', { type: 'radio', name, id, value: String(o.value) });
        return { r, el: h('span', { class: 'radio' }, r, h('label', { for: id }, o.label)) };
      });
      inputs.push({ q, read: () => { const c = radios.find((x) => x.r.checked); return c ? { question_id: q.id, value: Number(c.r.value) } : null; } });
      form.appendChild(h('fieldset', { class: 'field' }, h('legend', { class: 'field-label' }, q.text), radios.map((x) => x.el)));
    } else {
      const id = uid('pt');
      const ta = h('textarea', { id, rows: '2', maxlength: '2000' });
      inputs.push({ q, read: () => (ta.value.trim() ? { question_id: q.id, text: ta.value.trim() } : null) });
      form.appendChild(h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, q.text, '（任意）'), ta));
    }
  }
  const status = h('div', { role: 'status' });
  form.appendChild(h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '匿名で回答する')));
  form.appendChild(status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const missing = inputs.find((x) => x.q.required && !x.read());
    if (missing) {
      status.replaceChildren(notice('error', `「${missing.q.text}」に答えてください。`));
      return;
    }
    try {
      await api('POST', `/api/v1/pulse/${p.id}/answer`, { answers: inputs.map((x) => x.read()).filter(Boolean) });
      if (!ctx.alive()) return;
      replace(form, notice('success', '回答を送信しました。ご協力ありがとうございました。'));
    } catch (err) {
      status.replaceChildren(notice('error', err.message));
    }
  });
  wrap.appendChild(form);
  return wrap;
}

// ---- administration ------------------------------------------------------------------

export async function renderWellbeingAdmin(body, ctx) {
  const isAdmin = ctx.isAdmin;
  // 実施者 read pulse results too, with their free text (the server decides).
  const isImplementer = Array.isArray(ctx.me && ctx.me.roles) && ctx.me.roles.includes('implementer');
  const [camps, depts] = await Promise.all([
    api('GET', '/api/v1/stresscheck/campaigns'),
    isAdmin ? api('GET', '/api/v1/departments') : Promise.resolve({ departments: [] }),
  ]);
  if (!ctx.alive()) return;
  const parts = [];
  if (isAdmin || isImplementer) parts.push(await pulseAdmin(ctx, depts.departments || [], isAdmin));
  parts.push(reminderAdmin(ctx, camps.campaigns || []));
  if (isAdmin) parts.push(consentedAdmin(ctx, camps.campaigns || []));
  if (!ctx.alive()) return;
  replace(body, ...parts);
  announce('メンタルヘルスの管理を表示しました。');
}

function campaignSelect(campaigns, label) {
  const id = uid('camp');
  const sel = h('select', { id }, campaigns.map((c) => h('option', { value: String(c.id) }, c.name)));
  return { sel, el: h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, label), sel) };
}

async function pulseAdmin(ctx, departments, canOpen) {
  const listArea = h('div');
  const titleId = uid('pt'), closeId = uid('pc'), qId = uid('pq'), tId = uid('ptx');
  const title = h('input', { id: titleId, type: 'text', maxlength: '200', value: '職場の取り組みについてのパルスサーベイ' });
  const closes = h('input', { id: closeId, type: 'date' });
  const questions = h('textarea', { id: qId, rows: '3' }, '職場の雰囲気は良くなったと感じますか\n業務量は適切だと感じますか');
  const textQ = h('input', { id: tId, type: 'text', maxlength: '200', value: 'ご意見があればお書きください' });
  const boxes = departments.map((d) => {
    const id = uid('pd');
    const cb = h('input', { type: 'checkbox', id, value: String(d.id) });
    return { cb, el: h('span', { class: 'check' }, cb, h('label', { for: id }, d.path || d.name)) };
  });
  const status = h('div', { role: 'status' });
  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: titleId, class: 'field-label' }, '題名'), title),
    h('div', { class: 'field' }, h('label', { for: closeId, class: 'field-label' }, '締切日'), closes),
    h('fieldset', { class: 'field' }, h('legend', { class: 'field-label' }, '対象の所属（上位と下位を同時に選べません）'), boxes.map((b) => b.el)),
    h('div', { class: 'field' }, h('label', { for: qId, class: 'field-label' }, '5 段階（満足〜不満）で答える設問（1 行に 1 問、最大 9 問）'), questions),
    h('div', { class: 'field' }, h('label', { for: tId, class: 'field-label' }, '自由記述の設問（空欄なら設けません）'), textQ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'パルスサーベイを始める')),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const qs = questions.value.split('\n').map((s) => s.trim()).filter(Boolean).map((text) => ({ kind: 'scale', text }));
    if (textQ.value.trim()) qs.push({ kind: 'text', text: textQ.value.trim() });
    try {
      await api('POST', '/api/v1/pulse', {
        title: title.value.trim(), closes_on: closes.value,
        department_ids: boxes.filter((b) => b.cb.checked).map((b) => Number(b.cb.value)), questions: qs,
      });
      if (!ctx.alive()) return;
      status.replaceChildren(notice('success', 'パルスサーベイを始めました。対象の職員のメンタルヘルスのページに表示されます。'));
      await showPulses(ctx, listArea);
    } catch (err) {
      status.replaceChildren(notice('error', err.message));
    }
  });
  await showPulses(ctx, listArea);
  return h('section', { class: 'section card', 'aria-labelledby': 'pa-title' },
    h('h2', { id: 'pa-title', class: 'section-title' }, 'パルスサーベイ'), canOpen ? form : null, listArea);
}

async function showPulses(ctx, area) {
  const r = await api('GET', '/api/v1/pulse');
  if (!ctx.alive()) return;
  const resultArea = h('div', { 'aria-live': 'polite' });
  const rows = (r.pulses || []).map((p) => h('tr', null,
    h('td', null, p.title), h('td', null, timeEl(p.closes_at)), h('td', null, p.open ? '受付中' : '締切'),
    h('td', null, String(p.units)), h('td', null, `${p.responses} / ${p.invited}`),
    h('td', null, h('button', { type: 'button', class: 'btn btn-small', onclick: () => showResults(ctx, p, resultArea) }, '所属別の結果'))));
  replace(area,
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'パルスサーベイの一覧' },
      h('table', { class: 'data-table' }, h('caption', null, 'パルスサーベイの一覧'),
        h('thead', null, h('tr', null, ['題名', '締切', '状態', '所属数', '回答 / 対象', ''].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, rows))),
    resultArea);
}

async function showResults(ctx, p, area) {
  const r = await api('GET', `/api/v1/pulse/${p.id}/results`);
  if (!ctx.alive()) return;
  const units = r.units.map((u) => {
    const head = h('h4', null, `${u.department}（回答 ${u.n} 人）`);
    if (u.suppressed) return h('div', { class: 'pulse-unit' }, head, notice('info', '回答が 10 人未満のため、結果は表示しません。'));
    const qs = u.results.questions.filter((q) => q.kind === 'scale').map((q) =>
      h('li', null, `${q.question}: 平均 ${q.mean.toFixed(2)}（5 が「満足」）、上位 2 段階 ${(q.top2_share * 100).toFixed(0)}%`));
    const texts = u.results.questions.filter((q) => q.kind === 'text').map((q) => (u.comments
      ? h('div', { class: 'pulse-comments' },
        h('p', null, `${q.question}（自由記述 ${q.responses} 件。実施者にだけ、個人情報を伏せ字にして表示しています）`),
        h('ul', { class: 'bullet-list' }, (q.groups || []).map((g) => h('li', null, `「${g.phrase}」${g.count} 件`,
          g.examples && g.examples.length ? h('ul', null, g.examples.map((x) => h('li', null, x))) : null))))
      : h('p', { class: 'small muted' }, `${q.question}: 自由記述 ${q.responses} 件（内容は実施者だけが見られます）`)));
    return h('div', { class: 'pulse-unit' }, head, h('ul', { class: 'bullet-list' }, qs), texts);
  });
  replace(area, h('h3', null, `「${p.title}」の所属別の結果`), ...units);
}

function reminderAdmin(ctx, campaigns) {
  const area = h('div', { 'aria-live': 'polite' });
  const { sel, el } = campaignSelect(campaigns, '実施回');
  const show = async () => {
    if (!sel.value) return;
    const current = ctx.turn('pending');
    const r = await api('GET', `/api/v1/stresscheck/campaigns/${sel.value}/pending`);
    if (!current()) return;
    const send = h('button', { type: 'button', class: 'btn btn-primary' }, '未提出の人にお知らせを出す');
    send.addEventListener('click', async () => {
      try {
        const x = await api('POST', `/api/v1/stresscheck/campaigns/${sel.value}/remind`, {});
        if (!ctx.alive()) return;
        announce(`未提出の ${x.pending} 人のページにお知らせを表示しました。`);
        area.appendChild(notice('success', `未提出の ${x.pending} 人のページにお知らせを表示しました。`));
      } catch (err) {
        area.appendChild(notice('error', err.message));
      }
    });
    replace(area,
      h('p', null, `未提出: ${r.count} 人。受検したかどうかだけを表示します（結果や回答の途中経過は表示しません）。この一覧の表示は監査ログに記録されます。`),
      send,
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': '未提出の対象者' },
        h('table', { class: 'data-table' }, h('caption', null, '未提出の対象者'),
          h('thead', null, h('tr', null, ['職員番号', '氏名', '所属'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, r.staff.map((s) => h('tr', null, h('td', null, s.employee_no), h('td', null, s.name), h('td', null, s.department)))))));
  };
  sel.addEventListener('change', show);
  const open = h('button', { type: 'button', class: 'btn' }, '未提出の人を表示');
  open.addEventListener('click', show);
  return h('section', { class: 'section card', 'aria-labelledby': 'rm-title' },
    h('h2', { id: 'rm-title', class: 'section-title' }, 'ストレスチェックの受検のお知らせ'),
    campaigns.length ? [el, open, area] : notice('info', '実施回がありません。'));
}

function consentedAdmin(ctx, campaigns) {
  const area = h('div', { 'aria-live': 'polite' });
  const { sel, el } = campaignSelect(campaigns, '実施回');
  const show = async () => {
    if (!sel.value) return;
    const current = ctx.turn('consented');
    const r = await api('GET', `/api/v1/stresscheck/campaigns/${sel.value}/consented`);
    if (!current()) return;
    const full = r.scope === 'full';
    const head = ['職員番号', '氏名', '所属', '同意の方法', '高ストレス者', '面接指導'];
    if (full) head.push('合計点数法 A / B / C', '素点換算表 A / B / C');
    replace(area,
      h('p', null, full ? '本人が同意した結果（本人に通知した内容）です。' : '本人が同意した結果のうち、高ストレス者に該当し面接指導が必要かどうかだけを表示します（設定「同意で事業者に提供する範囲」）。',
        ' 同意が取り消されると、すぐにこの一覧から消えます。表示はすべて監査ログに記録されます。'),
      r.results.length ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': '同意を得た結果' },
        h('table', { class: 'data-table' }, h('caption', null, '同意を得た結果'),
          h('thead', null, h('tr', null, head.map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, r.results.map((x) => h('tr', null,
            h('td', null, x.employee_no), h('td', null, x.name), h('td', null, x.department),
            h('td', null, x.consent_via === 'interview' ? '面接指導の申出' : '同意'),
            h('td', null, x.high_stress ? '該当' : '-'),
            h('td', null, x.interview ? '申出あり' : '-'),
            full ? h('td', null, `${x.sum.A} / ${x.sum.B} / ${x.sum.C}`) : null,
            full ? h('td', null, `${x.soten.A} / ${x.soten.B} / ${x.soten.C}`) : null)))))
        : notice('info', '同意を得た結果はありません。'));
  };
  const open = h('button', { type: 'button', class: 'btn' }, '同意を得た結果を表示（記録されます）');
  open.addEventListener('click', show);
  return h('section', { class: 'section card', 'aria-labelledby': 'cs-title' },
    h('h2', { id: 'cs-title', class: 'section-title' }, '本人の同意を得た結果（事業者）'),
    campaigns.length ? [el, open, area] : notice('info', '実施回がありません。'));
}
