// pages/stress-admin.js: the stress-check pages that are not the worker's
// own.
//  - renderStressImplementer (implementer only): the individual results of
//    a campaign (all / high stress / 面接指導 applications), one result at a
//    time, the application's status, and the CSV export. Every read is
//    written to the audit log by the server.
//  - renderStressAnalysis (admin, editor, implementer): group analysis per
//    department with the 仕事のストレス判定図 (量−コントロール and 職場の
//    支援, the national average marked), health risks, and the official
//    report figures (様式第6号の3), printable. A unit under 10 respondents
//    shows only that it is suppressed and its size.
//  - campaign creation for admins sits on the analysis page.

import { h, replace, notice, announce, uid } from '../dom.js';
import { api } from '../api.js';

async function campaignPicker(body, ctx, onPick) {
  const r = await api('GET', '/api/v1/stresscheck/campaigns');
  if (!ctx.alive()) return null;
  const id = uid('camp');
  const sel = h('select', { id }, (r.campaigns || []).map((c) => h('option', { value: String(c.id) }, c.name)));
  sel.addEventListener('change', () => onPick(Number(sel.value)));
  body.appendChild(h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, '実施回'), sel));
  return (r.campaigns || []).length ? Number(sel.value) : null;
}

// ---- implementer --------------------------------------------------------------------

export async function renderStressImplementer(body, ctx) {
  const area = h('div');
  body.appendChild(h('p', { class: 'lead' }, '個人の結果は実施者と実施事務従事者だけが見られます。閲覧と出力はすべて監査ログに記録されます。'));
  const show = async (cid, filter = 'all') => {
    // One turn for the list and the single result: a filter change answered
    // after a click on 結果 must not replace the result.
    const current = ctx.turn('results');
    const r = await api('GET', `/api/v1/stresscheck/campaigns/${cid}/results?filter=${filter}`);
    if (!current()) return;
    const fid = uid('flt');
    const sel = h('select', { id: fid },
      [['all', 'すべて'], ['high', '高ストレス者'], ['interview', '面接指導の申出']].map(([v, l]) => h('option', { value: v, selected: v === filter }, l)));
    sel.addEventListener('change', () => show(cid, sel.value));
    const t = h('table', { class: 'data-table' },
      h('caption', null, '個人の結果'),
      h('thead', null, h('tr', null, ['職員番号', '氏名', '所属', '提出', '高ストレス', '同意', '面接指導', ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, r.results.map((x) => h('tr', null,
        h('td', null, x.employee_no), h('td', null, x.name), h('td', null, x.department),
        h('td', null, x.submitted ? '済' : '未'), h('td', null, x.high_stress ? '該当' : '-'),
        h('td', null, x.consent ? '同意' : '-'),
        h('td', null, x.interview ? `申出（${x.interview_status === 'done' ? '実施済' : '未実施'}）` : '-'),
        h('td', null, x.submitted ? h('button', { type: 'button', class: 'btn btn-small', onclick: () => showOne(x.sheet_id, cid, filter) }, '結果') : null)))));
    replace(area,
      h('div', { class: 'field' }, h('label', { for: fid, class: 'field-label' }, '表示'), sel),
      h('p', null, h('a', { href: `/api/v1/stresscheck/campaigns/${cid}/export.csv`, class: 'btn btn-small' }, '個人データを CSV で出力（記録されます）')),
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': '個人の結果の表' }, t));
  };
  const showOne = async (sheetId, cid, filter) => {
    const current = ctx.turn('results');
    const r = await api('GET', `/api/v1/stresscheck/sheets/${sheetId}/result`);
    if (!current()) return;
    const done = h('button', { type: 'button', class: 'btn' }, '面接指導を実施済みにする');
    done.addEventListener('click', async () => {
      await api('POST', `/api/v1/stresscheck/sheets/${sheetId}/interview/status`, { status: 'done' });
      announce('実施済みにしました。');
      await show(cid, filter);
    });
    replace(area,
      h('h2', { class: 'section-title', tabindex: '-1', id: 'one' }, '個人の結果'),
      notice(r.high_stress ? 'error' : 'info', r.high_stress ? '高ストレス者に該当します（面接指導の要否は実施者が判断します）。' : '高ストレス者に該当しません。'),
      h('dl', { class: 'summary-list' },
        h('dt', null, '合計点数法 A / B / C'), h('dd', null, `${r.sum.A} / ${r.sum.B} / ${r.sum.C}`),
        h('dt', null, '素点換算表 A / B / C'), h('dd', null, `${r.soten.A} / ${r.soten.B} / ${r.soten.C}`),
        h('dt', null, '同意'), h('dd', null, r.sheet.consent ? 'あり' : 'なし'),
        h('dt', null, '面接指導'), h('dd', null, r.sheet.interview ? `申出あり（${r.sheet.interview_status}）` : 'なし')),
      r.sheet.interview && r.sheet.interview_status !== 'done' ? done : null,
      h('p', null, h('button', { type: 'button', class: 'btn btn-link', onclick: () => show(cid, filter) }, '一覧に戻る')));
    area.querySelector('#one').focus();
  };
  const first = await campaignPicker(body, ctx, (cid) => show(cid));
  body.appendChild(area);
  if (first) await show(first);
  else area.appendChild(notice('info', '実施回がありません。'));
}

// ---- group analysis -------------------------------------------------------------------

/** A 判定図: points of the units (x, y) and the national average. */
function judgeChart(title, units, xKey, yKey, national, xLabel, yLabel) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 240 240');
  svg.setAttribute('class', 'sc-judge');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${title}（全国平均を十字で示します。数値は下の表にあります）`);
  const px = (v) => 20 + ((v - 3) / 9) * 200;
  const py = (v) => 220 - ((v - 3) / 9) * 200;
  const axis = document.createElementNS(NS, 'rect');
  axis.setAttribute('x', '20'); axis.setAttribute('y', '20'); axis.setAttribute('width', '200'); axis.setAttribute('height', '200');
  axis.setAttribute('class', 'sc-judge-frame');
  svg.appendChild(axis);
  const cross = document.createElementNS(NS, 'path');
  cross.setAttribute('d', `M${px(national[0]) - 6} ${py(national[1])}h12M${px(national[0])} ${py(national[1]) - 6}v12`);
  cross.setAttribute('class', 'sc-judge-national');
  svg.appendChild(cross);
  for (const u of units) {
    const c = document.createElementNS(NS, 'circle');
    c.setAttribute('cx', String(px(u[xKey])));
    c.setAttribute('cy', String(py(u[yKey])));
    c.setAttribute('r', '4');
    c.setAttribute('class', 'sc-judge-point');
    svg.appendChild(c);
  }
  for (const [txt, x, y] of [[xLabel, 120, 236], [yLabel, 2, 14]]) {
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', String(x)); t.setAttribute('y', String(y)); t.setAttribute('class', 'sc-label');
    t.textContent = txt;
    svg.appendChild(t);
  }
  return h('figure', { class: 'sc-figure' }, svg, h('figcaption', null, title));
}

const fmt = (x) => (typeof x === 'number' ? x.toFixed(0) : '-');

export async function renderStressAnalysis(body, ctx) {
  const area = h('div');
  const roles = (ctx.me && ctx.me.roles) || [];
  body.appendChild(h('p', { class: 'lead' }, '集団ごとの分析です。回答者が 10 人未満の集団は、個人が特定されないよう数値を表示しません。'));
  if (roles.includes('admin')) body.appendChild(createForm(body, ctx));
  const show = async (cid) => {
    const current = ctx.turn('analysis');
    const [a, rep] = await Promise.all([
      api('GET', `/api/v1/stresscheck/campaigns/${cid}/analysis`),
      api('GET', `/api/v1/stresscheck/campaigns/${cid}/report`),
    ]);
    if (!current()) return;
    const shown = a.units.filter((u) => !u.suppressed && u.by_sex);
    const points = [];
    for (const u of shown) {
      for (const sx of ['male', 'female']) {
        if (u.by_sex[sx]) points.push({ ...u.by_sex[sx].means, sex: sx });
      }
    }
    const t = h('table', { class: 'data-table' },
      h('caption', null, '所属ごとの結果（健康リスクは全国平均 = 100）'),
      h('thead', null, h('tr', null, ['所属', '回答者数', '高ストレス（合計点数法）', '健康リスクA', '健康リスクB', '総合健康リスク', '前回の総合'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, a.units.map((u) => (u.suppressed
        ? h('tr', null, h('th', { scope: 'row' }, u.department), h('td', null, String(u.n)), h('td', { colspan: '5' }, '10 人未満のため表示しません'))
        : u.summary_only
          ? h('tr', null, h('th', { scope: 'row' }, u.department), h('td', null, String(u.n)), h('td', { colspan: '5' }, `要約のみ: 57 項目合計の平均 ${u.total57_mean.toFixed(1)}`))
          : h('tr', null, h('th', { scope: 'row' }, u.department), h('td', null, String(u.n)),
            h('td', null, String(u.high_stress.sum)), h('td', null, fmt(u.health_risk.A)), h('td', null, fmt(u.health_risk.B)),
            h('td', null, fmt(u.health_risk.total)), h('td', null, u.previous ? fmt(u.previous.health_risk.total) : '-'))))));
    const nm = a.national_means.male;
    replace(area,
      h('section', { class: 'section card', 'aria-labelledby': 'rep-title' },
        h('h2', { id: 'rep-title', class: 'section-title' }, '労働基準監督署への報告の数値（様式第6号の3）'),
        h('dl', { class: 'summary-list' },
          h('dt', null, '検査の対象者数'), h('dd', null, String(rep.targets)),
          h('dt', null, '検査を受けた労働者数'), h('dd', null, String(rep.examined)),
          h('dt', null, '高ストレス者数（この実施回の方法）'), h('dd', null, String(rep.high_stress)),
          h('dt', null, '面接指導を受けた労働者数'), h('dd', null, String(rep.interviews_done))),
        h('button', { type: 'button', class: 'btn', onclick: () => window.print() }, '印刷する')),
      h('section', { class: 'section card', 'aria-labelledby': 'judge-title' },
        h('h2', { id: 'judge-title', class: 'section-title' }, '仕事のストレス判定図'),
        h('div', { class: 'sc-judges' },
          judgeChart('量−コントロール判定図', points, 'quantity', 'control', [nm[0], nm[1]], '仕事の量的負担', 'コントロール'),
          judgeChart('職場の支援判定図', points, 'supervisor', 'coworker', [nm[2], nm[3]], '上司の支援', '同僚の支援')),
        h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': '所属ごとの結果の表' }, t)));
  };
  const first = await campaignPicker(body, ctx, (cid) => show(cid));
  body.appendChild(area);
  if (first) await show(first);
  else area.appendChild(notice('info', '実施回がありません。'));
}

function createForm(body, ctx) {
  const ids = { name: uid('n'), s: uid('s'), e: uid('e'), m: uid('m'), d: uid('d') };
  const dept = h('input', { id: ids.d, type: 'text' });
  const name = h('input', { id: ids.name, type: 'text', required: true });
  const s = h('input', { id: ids.s, type: 'date', required: true });
  const e = h('input', { id: ids.e, type: 'date', required: true });
  const m = h('select', { id: ids.m }, h('option', { value: 'sum' }, '合計点数法'), h('option', { value: 'soten' }, '素点換算表'));
  const status = h('div', { role: 'status' });
  const f = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: ids.name, class: 'field-label' }, '名前'), name),
    h('div', { class: 'field' }, h('label', { for: ids.s, class: 'field-label' }, '開始日'), s),
    h('div', { class: 'field' }, h('label', { for: ids.e, class: 'field-label' }, '終了日'), e),
    h('div', { class: 'field' }, h('label', { for: ids.m, class: 'field-label' }, '高ストレス者の選定方法'), m),
    h('div', { class: 'field' }, h('label', { for: ids.d, class: 'field-label' }, '対象の所属（空欄のときは職員名簿の全員）'), dept),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '実施回を作成（実施者の同意を得てから）')),
    status);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const spec = { name: name.value, starts_on: s.value, ends_on: e.value, method: m.value };
      if (dept.value.trim()) spec.department = dept.value.trim();
      await api('POST', '/api/v1/stresscheck/campaigns', spec);
      announce('実施回を作成しました。');
      replace(body);
      await renderStressAnalysis(body, ctx);
    } catch (err) {
      status.replaceChildren(notice('error', err.message));
    }
  });
  return h('details', { class: 'section card' }, h('summary', null, '新しい実施回を作成する'), f);
}
