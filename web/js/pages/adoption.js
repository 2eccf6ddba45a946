// pages/adoption.js: 活用状況 (admins and editors). Headline figures, the
// use-frequency buckets, departments (drill-down into a 部 shows its 課),
// tiers, features, monthly and weekly trends and outcome figures for one
// period (a fiscal year 令和N年度, a month or any dates), each table with
// its CSV download (GET /api/v1/reports/adoption.csv, BOM for Excel) and
// a print stylesheet for an A4 report (css/adoption.css). Charts are SVG
// from js/charts.js; every chart's numbers are also in a table.

import { h, replace, notice, announce, uid, table, tableWrap } from '../dom.js';
import { api, upload, withQuery } from '../api.js';
import { barChart, rateBars, lineChart } from '../charts.js';

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const n = (v) => (v === null || v === undefined ? '—' : Number(v).toLocaleString('ja-JP'));

/** 令和N年度 for a fiscal year starting in April of year y. */
export function fiscalLabel(y) {
  if (y >= 2019) return y === 2019 ? '令和元年度' : `令和${y - 2018}年度`;
  if (y >= 1989) return y === 1989 ? '平成元年度' : `平成${y - 1988}年度`;
  return `${y}年度`;
}

/** Today in Japan (YYYY-MM-DD), whatever the browser's time zone. */
function todayJst() {
  return new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

function currentFiscalYear() {
  const [y, m] = todayJst().split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

function select(name, options, value) {
  return h('select', { name, id: uid(name) },
    options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(value) }, o.label)));
}

function labelled(text, input) {
  return h('div', { class: 'field' }, h('label', { for: input.id, class: 'field-label' }, text), input);
}

export async function renderAdoption(body, ctx) {
  const fyNow = currentFiscalYear();
  const state = { mode: 'fy', fy: fyNow, month: todayJst().slice(0, 7), from: '', to: '', feature: '', department: null, features: [] };

  const mode = select('mode', [
    { value: 'fy', label: '年度' }, { value: 'month', label: '月' }, { value: 'range', label: '日付を指定' },
  ], state.mode);
  const fySel = select('fy', Array.from({ length: 6 }, (_, i) => ({ value: fyNow - i, label: `${fiscalLabel(fyNow - i)}（${fyNow - i}年4月〜）` })), state.fy);
  const monthIn = h('input', { type: 'month', name: 'month', id: uid('month'), value: state.month });
  const fromIn = h('input', { type: 'date', name: 'from', id: uid('from') });
  const toIn = h('input', { type: 'date', name: 'to', id: uid('to') });
  const featureSel = select('feature', [{ value: '', label: 'すべての機能' }], '');
  const fyField = labelled('年度', fySel);
  const monthField = labelled('月', monthIn);
  const fromField = labelled('開始日', fromIn);
  const toField = labelled('終了日（この日を含む）', toIn);
  const showFields = () => {
    fyField.hidden = mode.value !== 'fy';
    monthField.hidden = mode.value !== 'month';
    fromField.hidden = mode.value !== 'range';
    toField.hidden = mode.value !== 'range';
  };
  mode.addEventListener('change', showFields);
  showFields();
  const form = h('form', { class: 'form form-inline adoption-form', 'aria-label': '集計の期間' },
    labelled('期間の指定', mode), fyField, monthField, fromField, toField, labelled('機能', featureSel),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '表示する')));
  const printBtn = h('button', { type: 'button', class: 'btn', onclick: () => window.print() }, '印刷する（A4）');
  const out = h('div', { class: 'adoption-report' }, h('p', { class: 'muted' }, '読み込んでいます…'));

  replace(body,
    h('p', { class: 'lead' }, '職員が AI をどれだけ使っているか（対象職員のうち利用した人の割合、利用回数の分布、所属別・月別の推移）を集計します。予算要求や議会答弁、DX 推進計画の資料にそのまま使えます。日付は日本時間で区切ります。'),
    h('section', { class: 'section card no-print', 'aria-label': '期間と機能の指定' }, form, h('div', { class: 'form-actions' }, printBtn)),
    out);

  function query(extra = {}) {
    const q = { feature: state.feature, department: state.department ? state.department.id : null, ...extra };
    if (state.mode === 'fy') q.fy = state.fy;
    else if (state.mode === 'month') q.month = state.month;
    else { q.from = state.from; q.to = state.to; }
    return q;
  }

  function csvLink(tableName, what) {
    return h('a', {
      class: 'btn btn-small no-print csv-link', 'data-table': tableName,
      href: withQuery('/api/v1/reports/adoption.csv', query({ table: tableName })), download: '',
    }, `${what}を CSV で保存`);
  }

  function section(id, title, ...children) {
    const hid = uid(id);
    return h('section', { class: 'section adoption-section', 'aria-labelledby': hid },
      h('h3', { id: hid, class: 'section-title' }, title), ...children);
  }

  function figure(caption, svg) {
    return h('figure', { class: 'chart-figure' }, svg, h('figcaption', { class: 'small muted' }, caption));
  }

  function headline(r) {
    const item = (label, value, note) => h('div', { class: 'kpi' },
      h('dt', null, label), h('dd', null, value, note ? h('span', { class: 'kpi-note' }, note) : null));
    return h('dl', { class: 'kpis' },
      item('対象職員', `${n(r.eligible)} 人`, r.eligible_source === 'setting' ? '（設定値）' : '（職員名簿）'),
      item('利用した職員', `${n(r.active)} 人`),
      item('利用率', pct(r.active_rate)),
      item('利用回数', `${n(r.uses)} 回`),
      item('直近30日の利用者', `${n(r.active_30d)} 人`));
  }

  function bucketsSection(r) {
    const t = table('利用回数の分布', ['利用回数', '職員数', '利用者に占める割合']);
    for (const b of r.buckets) t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, `${b.label} 回`), h('td', { class: 'num' }, n(b.users)), h('td', { class: 'num' }, pct(b.share))));
    return section('buckets', '利用回数の分布',
      figure('利用回数ごとの職員数（棒グラフ）', barChart('利用回数の分布', r.buckets.map((b) => ({ label: `${b.label}回`, value: b.users })), { unit: '人' })),
      tableWrap(t.table, '利用回数の分布'), csvLink('buckets', '利用回数の分布'));
  }

  function departmentsSection(r) {
    const t = table('所属別の利用状況', ['所属', '対象職員', '利用した職員', '利用率', '利用回数', '内訳']);
    const rootDepth = r.department ? 1 : 0;
    const chartRows = r.by_department.filter((d) => d.depth === rootDepth);
    for (const d of r.by_department) {
      const isRoot = r.department && d.id === r.department.id;
      const hasChildren = r.by_department.some((c) => c.parent_id === d.id);
      const drill = !isRoot && hasChildren
        ? h('button', { type: 'button', class: 'btn btn-small drill', 'data-id': d.id, onclick: () => drillInto(d) }, `${d.department.split('/').pop()}の内訳`)
        : null;
      t.tbody.appendChild(h('tr', { class: `depth-${Math.min(d.depth, 4)}` },
        h('th', { scope: 'row', class: 'tree-cell' }, d.department, d.merged ? h('span', { class: 'kpi-note' }, `（少人数の ${d.merged} 所属を含む）`) : null),
        h('td', { class: 'num' }, n(d.eligible)), h('td', { class: 'num' }, n(d.active)),
        h('td', { class: 'num' }, pct(d.active_rate)), h('td', { class: 'num' }, n(d.uses)), h('td', null, drill)));
    }
    return section('depts', r.department ? `${r.department.path} の内訳` : '所属別',
      chartRows.length ? figure('所属ごとの利用率（横棒グラフ）', rateBars('所属別の利用率', chartRows.map((d) => ({ label: d.department.split('/').pop(), value: d.active_rate })))) : null,
      tableWrap(t.table, '所属別の利用状況'),
      h('p', { class: 'small muted' }, `部の数字はその下の課を合計したものです。対象職員が ${r.privacy.small_group} 人未満の所属は、個人が特定されないよう上位の所属にまとめています。`),
      csvLink('departments', '所属別'));
  }

  function tiersSection(r) {
    const t = table('区分別の利用状況', ['区分', '対象職員', '利用した職員', '利用率', '利用回数']);
    for (const x of r.by_tier) {
      t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, x.tier), h('td', { class: 'num' }, n(x.eligible)),
        x.suppressed ? h('td', { colspan: '3', class: 'muted' }, '少人数のため表示しません')
          : [h('td', { class: 'num' }, n(x.active)), h('td', { class: 'num' }, pct(x.active_rate)), h('td', { class: 'num' }, n(x.uses))]));
    }
    return section('tiers', '区分別（幹部・DX推進リーダー・一般職員）', tableWrap(t.table, '区分別の利用状況'), csvLink('tiers', '区分別'));
  }

  function featuresSection(r) {
    const t = table('機能別の利用状況', ['機能', '利用回数（職員）', '利用した職員', '利用回数（住民を含む）', '回答 / もしかして / 分かりません', '「役に立った」の割合']);
    const votes = (v) => (v && v.up_rate !== null ? `${pct(v.up_rate)}（👍 ${n(v.up)} / 👎 ${n(v.down)}）` : '—');
    for (const f of r.by_feature) {
      const o = f.outcomes;
      t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, f.label), h('td', { class: 'num' }, n(f.uses)), h('td', { class: 'num' }, n(f.users)),
        h('td', { class: 'num' }, n(f.all_uses)), h('td', null, o ? `${n(o.answered)} / ${n(o.clarify)} / ${n(o.unknown)}` : '—'), h('td', null, votes(f.votes))));
    }
    if (!r.by_feature.length) t.tbody.appendChild(h('tr', null, h('td', { colspan: '6', class: 'muted' }, 'この期間の利用はありません')));
    return section('features', '機能別', tableWrap(t.table, '機能別の利用状況'), csvLink('features', '機能別'));
  }

  function templatesSection(r) {
    const list = r.by_template || [];
    const t = table('テンプレート別の利用状況', ['テンプレート', '利用回数（職員）', '利用した職員', '利用回数（全体）']);
    for (const x of list) {
      t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, x.name || `個人のテンプレート（番号 ${x.template_id}）`),
        h('td', { class: 'num' }, n(x.uses)), h('td', { class: 'num' }, n(x.users)), h('td', { class: 'num' }, x.all_uses === null ? '—' : n(x.all_uses))));
    }
    if (!list.length) t.tbody.appendChild(h('tr', null, h('td', { colspan: '4', class: 'muted' }, 'この期間にテンプレートの利用はありません')));
    return section('templates', 'プロンプトテンプレート別', tableWrap(t.table, 'テンプレート別の利用状況'), csvLink('templates', 'テンプレート別'));
  }

  function monthsSection(r) {
    const t = table('月別の推移', ['月', '利用した職員', '利用回数', '新しく使い始めた職員', '翌月も利用した割合']);
    for (const m of r.by_month) {
      t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, m.month), h('td', { class: 'num' }, n(m.active)), h('td', { class: 'num' }, n(m.uses)),
        h('td', { class: 'num' }, n(m.new_users)), h('td', { class: 'num' }, m.retention === null ? '—' : pct(m.retention))));
    }
    return section('months', '月別の推移',
      figure('月ごとの利用した職員数と利用回数（折れ線グラフ）', lineChart('月別の推移', r.by_month.map((m) => m.month),
        [{ name: '利用した職員', values: r.by_month.map((m) => m.active), cls: 'a' }, { name: '利用回数', values: r.by_month.map((m) => m.uses), cls: 'b' }])),
      tableWrap(t.table, '月別の推移'), csvLink('months', '月別の推移'));
  }

  function weeksSection(r) {
    const t = table('週別の推移', ['週（月曜日から）', '利用した職員', '利用回数']);
    for (const w of r.by_week) t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, w.week), h('td', { class: 'num' }, n(w.active)), h('td', { class: 'num' }, n(w.uses))));
    const series = [{ name: '利用した職員', values: r.by_week.map((w) => w.active), cls: 'a' }];
    if (r.by_week.every((w) => w.uses !== null)) series.push({ name: '利用回数', values: r.by_week.map((w) => w.uses), cls: 'b' });
    return section('weeks', '週別の推移',
      figure('週ごとの利用した職員数（折れ線グラフ）', lineChart('週別の推移', r.by_week.map((w) => w.week.slice(5)), series)),
      h('details', { class: 'details' }, h('summary', null, '週別の数値を表で見る'), tableWrap(t.table, '週別の推移')),
      csvLink('weeks', '週別の推移'));
  }

  function outcomesSection(r) {
    const c = r.citizens;
    return section('outcomes', '成果（引用できる数字）',
      h('ul', { class: 'bullet-list' },
        h('li', null, `住民からの質問 ${n(c.questions)} 件のうち、職員の対応なしに回答できたもの ${n(c.answered)} 件（${pct(c.answered_rate)}）`),
        r.outcomes.citizen_votes && r.outcomes.citizen_votes.up_rate !== null
          ? h('li', null, `住民の評価: 「役に立った」${n(r.outcomes.citizen_votes.up)} 件・「役に立たなかった」${n(r.outcomes.citizen_votes.down)} 件（役に立った割合 ${pct(r.outcomes.citizen_votes.up_rate)}）`)
          : null,
        r.outcomes.unanswered_questions !== undefined
          ? h('li', null, `回答できなかった質問 ${n(r.outcomes.unanswered_questions)} 件のうち、FAQ にしたもの ${n(r.outcomes.unanswered_to_faq)} 件（作った FAQ ${n(r.outcomes.faq_entries_from_unanswered)} 件）`)
          : null,
        h('li', null, `削減できた時間の試算: 約 ${n(r.outcomes.hours_saved)} 時間`)),
      h('p', { class: 'small muted assumption' }, `前提: ${r.outcomes.assumption}`),
      csvLink('summary', '概要'));
  }

  // A department head (所属長) without the admin or editor role sees their
  // own department and below: the API narrows the report to it, and the
  // way up ends there.
  const roles = (ctx.me && ctx.me.roles) || [];
  const headOnly = roles.includes('head') && !roles.includes('admin') && !roles.includes('editor');

  function breadcrumbs(r) {
    if (!state.department) return null;
    const top = headOnly ? null : h('li', null, h('button', { type: 'button', class: 'btn-link', onclick: () => { state.department = null; load(); } }, '全体'));
    const home = headOnly && r.department && ctx.me.department && r.department.path !== ctx.me.department
      ? h('li', null, h('button', { type: 'button', class: 'btn-link', onclick: () => { state.department = null; load(); } }, ctx.me.department))
      : null;
    const parts = [top, home].filter(Boolean);
    parts.push(h('li', { 'aria-current': 'page' }, r.department.path));
    return h('nav', { class: 'breadcrumbs no-print', 'aria-label': '所属の階層' }, h('ol', null, parts));
  }

  function drillInto(d) {
    state.department = { id: d.id, path: d.department };
    load().then(() => announce(`${d.department} の内訳を表示しました。`));
  }

  async function peopleSection() {
    if (!ctx.isAdmin) return null;
    const list = h('div');
    const btn = h('button', { type: 'button', class: 'btn' }, '職員ごとの利用回数を表示する');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        const r = await api('GET', withQuery('/api/v1/reports/adoption/people', query()));
        const t = table('職員ごとの利用回数（所属・職員番号順）', ['職員番号', '氏名', '所属', '利用回数']);
        for (const p of r.people) t.tbody.appendChild(h('tr', null, h('td', null, p.employee_no), h('td', null, p.name), h('td', null, p.department), h('td', { class: 'num' }, n(p.uses))));
        replace(list, tableWrap(t.table, '職員ごとの利用回数'));
      } catch (err) {
        replace(list, notice('error', err.message));
      } finally {
        btn.disabled = false;
      }
    });
    return h('section', { class: 'section adoption-section no-print', 'aria-label': '職員ごとの利用回数' },
      h('h3', { class: 'section-title' }, '職員ごとの利用回数（管理者のみ）'),
      h('p', { class: 'small muted' }, '設定で許可されているときだけ表示できます。表示したことは監査ログに記録されます。利用回数の多い順には並べません。'),
      btn, list);
  }

  // Usage logs of other tools (admins): POST /api/v1/usage/import.
  function importSection() {
    if (!ctx.isAdmin) return null;
    const fileInput = h('input', { type: 'file', id: uid('ufile'), accept: '.csv,.tsv,text/csv' });
    const btn = h('button', { type: 'button', class: 'btn btn-primary', disabled: true }, '取り込む');
    const result = h('div', { class: 'import-result' });
    fileInput.addEventListener('change', () => { btn.disabled = !(fileInput.files && fileInput.files[0]); });
    btn.addEventListener('click', async () => {
      const file = fileInput.files && fileInput.files[0];
      if (!file) return;
      btn.disabled = true;
      replace(result, h('p', { role: 'status' }, '取り込んでいます…'));
      try {
        const r = await upload(withQuery('/api/v1/usage/import', { filename: file.name }), await file.arrayBuffer(), 'text/csv', () => {});
        const tid = uid('ures');
        replace(result, h('section', { class: 'notice notice-success', 'aria-labelledby': tid },
          h('h4', { id: tid, class: 'result-title', tabindex: '-1' }, `「${r.file}」を取り込みました`),
          h('p', null, `${n(r.rows)} 行を読み、${n(r.inserted)} 件を追加しました（取り込み済みの ${n(r.duplicates)} 件は追加していません）。`)));
        result.querySelector('[tabindex="-1"]').focus();
        await load();
      } catch (err) {
        const tid = uid('ures');
        const details = err.details || [];
        replace(result, h('section', { class: 'notice notice-error', role: 'alert', 'aria-labelledby': tid },
          h('h4', { id: tid, class: 'result-title', tabindex: '-1' }, '取り込めませんでした'),
          h('p', null, err.message),
          details.length ? h('p', { class: 'strong' }, '誤りがあるため、このファイルからは 1 件も登録していません。次の行を直して、ファイル全体をもう一度取り込んでください。') : null,
          details.length ? h('ul', { class: 'error-list' }, details.map((d) => h('li', null, d.text || `${d.line} 行目: ${d.message}`))) : null,
          err.errorCount > details.length ? h('p', null, `ほかに ${n(err.errorCount - details.length)} 件の誤りがあります。`) : null));
        result.querySelector('[tabindex="-1"]').focus();
      } finally {
        btn.disabled = !(fileInput.files && fileInput.files[0]);
      }
    });
    return h('section', { class: 'section card no-print', 'aria-label': 'ほかのツールの利用記録の取り込み' },
      h('h3', { class: 'section-title' }, 'ほかのツールの利用記録の取り込み（管理者のみ）'),
      h('p', { class: 'small' }, '試行中のほかの AI ツールなどから出力した利用記録（CSV）を取り込むと、この画面の集計に含まれます。列は 職員番号・日時・機能（または employee_no, at, feature）。日時は「2024-04-01 09:05」（日本時間）の形です。1 行でも誤りがあれば何も登録しません。同じ行をもう一度取り込んでも重複しません。'),
      h('div', { class: 'field' }, h('label', { for: fileInput.id, class: 'field-label' }, '利用記録の CSV ファイル'), fileInput),
      h('div', { class: 'form-actions' }, btn), result);
  }

  async function load() {
    const current = ctx.turn('report');
    const r = await api('GET', withQuery('/api/v1/reports/adoption', query()));
    if (!current()) return;
    // The feature list grows with what the period shows (keep the chosen one).
    const names = new Map(state.features.map((f) => [f.feature, f.label]));
    for (const f of r.by_feature) names.set(f.feature, f.label);
    state.features = [...names].map(([feature, label]) => ({ feature, label }));
    replace(featureSel, h('option', { value: '' }, 'すべての機能'),
      state.features.map((f) => h('option', { value: f.feature, selected: f.feature === state.feature }, f.label)));
    const title = r.period.label || `${r.period.from} 〜 ${r.period.to}`;
    const heading = h('h2', { class: 'section-title report-title', tabindex: '-1' },
      `${title}${r.department ? ` ${r.department.path}` : ''}${r.feature ? `（${state.features.find((f) => f.feature === r.feature)?.label || r.feature}）` : ''}の活用状況`);
    replace(out,
      heading,
      h('p', { class: 'small muted print-only' }, `${r.period.from} 〜 ${r.period.to}（日本時間）`),
      breadcrumbs(r),
      headline(r),
      bucketsSection(r),
      departmentsSection(r),
      tiersSection(r),
      featuresSection(r),
      templatesSection(r),
      monthsSection(r),
      weeksSection(r),
      outcomesSection(r),
      await peopleSection());
    heading.focus();
  }

  // Outside the report, so that a re-render after an import keeps its result.
  const importSec = importSection();
  if (importSec) body.appendChild(importSec);

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.mode = mode.value;
    state.fy = Number(fySel.value);
    state.month = monthIn.value;
    state.from = fromIn.value;
    state.to = toIn.value;
    state.feature = featureSel.value;
    load().then(() => announce('集計を表示しました。')).catch((err) => replace(out, notice('error', err.message)));
  });

  await load();
}
