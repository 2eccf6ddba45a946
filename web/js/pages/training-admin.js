// pages/training-admin.js: 研修の管理 (admin, editor). Register sessions
// (POST /api/v1/training/sessions), set department quotas and see their
// fill (…/{id}/quotas), take attendance from the roll by name or number
// (…/{id}/roll, …/{id}/attendance), create the pre/post surveys from the
// templates (…/{id}/surveys), read the results of every session side by
// side (GET /api/v1/training/report, /api/v1/surveys/{id}/results.csv), the
// before/after outcome (…/{id}/outcome), certifications and their coverage
// (/api/v1/training/certs…), subsidies, materials and newsletters with their
// reach, the tiered curricula with completion rates, and study-group series
// with each member's meetings and exam outcome (/api/v1/training/series…).

import { h, replace, notice, field, uid, num, table, tableWrap, confirmDialog, announce } from '../dom.js';
import { api, upload } from '../api.js';
import { sessionWhen } from './training.js';

const pct = (x) => `${(Number(x || 0) * 100).toFixed(1)}%`;
const TIERS = ['幹部', 'DX推進リーダー', '一般職員'];

// A file input and a button that uploads a CSV to path; problems come back
// as "file:line: reason" lines (error.details) and are listed under it.
function csvUpload(label, path, onDone) {
  const input = h('input', { type: 'file', accept: '.csv,.tsv,text/csv' });
  const f = field(label, input, { hint: 'UTF-8 または Shift_JIS の CSV。誤りのある行が 1 行でもあれば何も登録しません。' });
  const out = h('div', { class: 'form-status' });
  const btn = h('button', { type: 'submit', class: 'btn btn-small' }, '取り込む');
  const form = h('form', { class: 'form-inline', novalidate: true }, f.wrap, h('div', { class: 'form-actions' }, btn), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    f.setError('');
    replace(out);
    const file = input.files && input.files[0];
    if (!file) { f.setError('ファイルを選んでください。'); input.focus(); return; }
    btn.disabled = true;
    try {
      const bytes = await file.arrayBuffer();
      const sep = path.includes('?') ? '&' : '?';
      const r = await upload(`${path}${sep}filename=${encodeURIComponent(file.name)}`, bytes, 'text/csv');
      replace(out, notice('success', `${file.name} を取り込みました。`));
      if (onDone) await onDone(r);
    } catch (err) {
      const lines = (err.details || []).map((d) => d.text || d.message);
      replace(out, notice('error', err.message, lines.length ? h('ul', { class: 'bullet-list' }, lines.map((t) => h('li', null, t))) : null));
    } finally {
      btn.disabled = false;
    }
  });
  return form;
}

export async function renderTrainingAdmin(body, ctx) {
  const status = h('div', { class: 'page-status' });
  const listBox = h('div', null, h('p', { class: 'muted' }, '読み込んでいます…'));
  const panel = h('div', { class: 'tr-panel' });
  const certBox = h('div');
  const matBox = h('div');
  const curBox = h('div');
  const seriesBox = h('div');
  replace(body,
    h('p', { class: 'lead' }, '研修の登録、所属ごとの枠、出欠、アンケートと結果、資格・資料・必修の管理を行います。'),
    status,
    h('section', { class: 'section', 'aria-labelledby': 'ta-new' },
      h('h2', { id: 'ta-new', class: 'section-title' }, '研修を登録する'), createForm()),
    h('section', { class: 'section', 'aria-labelledby': 'ta-list' },
      h('h2', { id: 'ta-list', class: 'section-title' }, '研修の一覧と結果'), listBox, panel),
    h('section', { class: 'section', 'aria-labelledby': 'ta-series' },
      h('h2', { id: 'ta-series', class: 'section-title' }, '勉強会シリーズ（受験・合格）'), seriesBox),
    h('section', { class: 'section', 'aria-labelledby': 'ta-certs' },
      h('h2', { id: 'ta-certs', class: 'section-title' }, '資格と受験料補助'), certBox),
    h('section', { class: 'section', 'aria-labelledby': 'ta-mat' },
      h('h2', { id: 'ta-mat', class: 'section-title' }, '研修資料・AI通信'), matBox),
    h('section', { class: 'section', 'aria-labelledby': 'ta-cur' },
      h('h2', { id: 'ta-cur', class: 'section-title' }, '階層別の必修と修了率'), curBox));

  const say = (kind, text) => {
    const n = notice(kind, text);
    n.tabIndex = -1;
    replace(status, n);
    n.focus();
  };
  let sessions = [];

  function createForm() {
    const title = h('input', { type: 'text', maxlength: '200' });
    const date = h('input', { type: 'date' });
    const start = h('input', { type: 'time' });
    const end = h('input', { type: 'time' });
    const place = h('input', { type: 'text', maxlength: '200' });
    const url = h('input', { type: 'url', maxlength: '500' });
    const level = h('input', { type: 'text', maxlength: '100', list: 'ta-levels' });
    const levels = h('datalist', { id: 'ta-levels' }, h('option', { value: '初学者向け' }), h('option', { value: '課題解決' }));
    const capacity = h('input', { type: 'number', min: '0', value: '0', inputmode: 'numeric' });
    const rec = h('select', null, h('option', { value: 'open' }, '公募（定員を超えるとキャンセル待ち）'), h('option', { value: 'quota' }, '所属ごとの枠（推薦）'));
    const blocks = h('input', { type: 'text', maxlength: '1000', placeholder: '講義 50分 / 休憩 10分 / 実践 60分' });
    const instructors = h('input', { type: 'text', maxlength: '1000' });
    const desc = h('textarea', { rows: '3', maxlength: '4000' });
    const series = h('select', null, h('option', { value: '' }, '（シリーズに含めない）'));
    api('GET', '/api/v1/training/series').then((r) => {
      for (const x of r.series || []) series.appendChild(h('option', { value: String(x.id) }, x.title));
    }).catch(() => {});
    const tplBox = h('div', { class: 'tr-options' }, h('p', { class: 'muted small' }, 'テンプレートを読み込んでいます…'));
    const tplBoxes = [];
    api('GET', '/api/v1/ws/templates').then((r) => {
      const shared = (r.templates || []).filter((t) => t.shared);
      replace(tplBox, shared.length ? shared.map((t) => {
        const id = uid('tpl');
        const cb = h('input', { type: 'checkbox', id, value: String(t.id) });
        tplBoxes.push(cb);
        return h('label', { for: id, class: 'tr-option' }, cb, h('span', null, t.name));
      }) : h('p', { class: 'muted small' }, '共有のテンプレートはありません。'));
    }).catch(() => replace(tplBox, h('p', { class: 'muted small' }, 'テンプレートを読み込めませんでした。')));
    const tierBoxes = TIERS.map((t) => {
      const id = uid('tier');
      const cb = h('input', { type: 'checkbox', id, value: t });
      return { cb, el: h('label', { for: id, class: 'tr-option' }, cb, h('span', null, t)) };
    });
    const f = {
      title: field('研修名', title, { required: true }),
      date: field('開催日', date, { required: true }),
      start: field('開始', start), end: field('終了', end),
      place: field('会場', place), url: field('オンライン参加のリンク', url),
      level: field('対象レベル', level, { hint: '初学者向け、課題解決、または自由に入力' }),
      capacity: field('定員', capacity, { hint: '0 は上限なし' }),
      rec: field('募集方法', rec),
      blocks: field('カリキュラム', blocks, { hint: '「講義 50分 / 休憩 10分 / 実践 60分」のように入力' }),
      instructors: field('講師', instructors, { hint: '複数のときは「、」で区切る' }),
      desc: field('説明', desc),
      series: field('シリーズ（勉強会の回として）', series),
    };
    const form = h('form', { class: 'form', novalidate: true }, levels,
      h('div', { class: 'form-grid tr-grid' }, Object.values(f).map((x) => x.wrap)),
      h('fieldset', { class: 'fieldset' }, h('legend', null, '対象の階層（選ばなければ全員）'), h('div', { class: 'tr-options' }, tierBoxes.map((b) => b.el))),
      h('fieldset', { class: 'fieldset' }, h('legend', null, '配布するプロンプト（生成AI のテンプレート）'), tplBox),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '研修を登録する')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      Object.values(f).forEach((x) => x.setError(''));
      if (!title.value.trim()) { f.title.setError('研修名を入力してください。'); title.focus(); return; }
      if (!date.value) { f.date.setError('開催日を入力してください。'); date.focus(); return; }
      const body = {
        title: title.value.trim(), date: date.value, start_time: start.value || null, end_time: end.value || null,
        place: place.value || null, online_url: url.value || null, level: level.value || null,
        capacity: Number(capacity.value || 0), recruitment: rec.value, blocks: blocks.value || null,
        instructors: instructors.value ? instructors.value.split(/[、,]/).map((x) => x.trim()).filter(Boolean) : [],
        tiers: tierBoxes.filter((b) => b.cb.checked).map((b) => b.cb.value), description: desc.value || null,
        template_ids: tplBoxes.filter((cb) => cb.checked).map((cb) => Number(cb.value)),
        series_id: series.value ? Number(series.value) : null,
      };
      try {
        const s = await api('POST', '/api/v1/training/sessions', body);
        say('success', `「${s.title}」を登録しました。`);
        form.reset();
        await loadList();
        await loadSeries();
      } catch (err) {
        const target = { title: f.title, date: f.date, start_time: f.start, online_url: f.url, capacity: f.capacity, blocks: f.blocks }[err.field];
        if (target) target.setError(err.message);
        say('error', err.message);
      }
    });
    return form;
  }

  async function loadList() {
    const [list, report] = await Promise.all([
      api('GET', '/api/v1/training/sessions?all=1'), api('GET', '/api/v1/training/report')]);
    if (!ctx.alive()) return;
    sessions = list.sessions || [];
    const byId = new Map((report.sessions || []).map((s) => [s.id, s]));
    if (!sessions.length) {
      replace(listBox, h('p', { class: 'muted' }, 'まだ研修はありません。'));
      return;
    }
    const t = table('研修（回答率は事後アンケートの回答数 ÷ 出席者数）', ['日付', '研修名', '募集', '申込', '待ち', '出席', 'うち2回目以上', '回答率', '満足（上位2）', '操作']);
    for (const s of sessions) {
      const r = byId.get(s.id) || {};
      const sat = (r.questions || []).find((q) => q.kind === 'scale');
      const act = (label, fn) => h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${s.title}: ${label}`, onclick: () => fn(s) }, label);
      t.tbody.appendChild(h('tr', null,
        h('td', null, sessionWhen(s)), h('th', { scope: 'row' }, s.title),
        h('td', null, s.recruitment === 'quota' ? '所属枠' : (s.capacity ? `公募 ${num(s.capacity)} 人` : '公募')),
        h('td', { class: 'num' }, num(s.registered)), h('td', { class: 'num' }, num(s.waiting)),
        h('td', { class: 'num' }, num(s.attended)), h('td', { class: 'num' }, num(r.repeat_attendees)),
        h('td', { class: 'num' }, s.post_survey_id ? `${pct(r.response_rate)}（${num(r.responses)}）` : '—'),
        h('td', { class: 'num' }, sat && sat.top2_share !== null ? pct(sat.top2_share) : '—'),
        h('td', null, h('div', { class: 'row-actions' },
          s.recruitment === 'quota' ? act('枠', quotas) : null, act('出欠', roll), act('アンケート', surveys),
          act('結果', (x) => results(x, r)), act('成果', outcome), act('削除', remove)))));
    }
    replace(listBox, tableWrap(t.table, '研修の一覧'));
  }

  function openPanel(title, ...children) {
    const id = uid('pnl');
    const head = h('h3', { id, class: 'subsection-title', tabindex: '-1' }, title);
    replace(panel, h('div', { class: 'card', role: 'region', 'aria-labelledby': id }, head, ...children));
    head.focus();
  }

  async function quotas(s) {
    const [depts, fill] = await Promise.all([api('GET', '/api/v1/departments'), api('GET', `/api/v1/training/sessions/${s.id}/quotas`)]);
    const have = new Map((fill.quotas || []).map((q) => [q.department_id, q]));
    const leaves = (depts.departments || []).filter((d) => d.staff_count > 0);
    const t = table('所属ごとの枠と申込数', ['所属', '職員', '枠', '申込', '出席']);
    const inputs = [];
    for (const d of leaves) {
      const q = have.get(d.id);
      const inp = h('input', { type: 'number', min: '0', class: 'tr-num', value: String(q ? q.quota : 0), 'aria-label': `${d.path} の枠` });
      inputs.push({ d, inp });
      t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, d.path), h('td', { class: 'num' }, num(d.staff_count)),
        h('td', null, inp), h('td', { class: 'num' }, q ? `${num(q.registered)} / ${num(q.quota)}` : '—'), h('td', { class: 'num' }, q ? num(q.attended) : '—')));
    }
    const save = h('button', { type: 'button', class: 'btn btn-primary' }, '枠を保存する');
    save.addEventListener('click', async () => {
      try {
        const r = await api('PUT', `/api/v1/training/sessions/${s.id}/quotas`, { quotas: inputs.map(({ d, inp }) => ({ department_id: d.id, quota: Number(inp.value || 0) })) });
        say('success', r.promoted ? `枠を保存しました。キャンセル待ちの ${num(r.promoted)} 人が申し込み順に繰り上がりました。` : '枠を保存しました。');
        await quotas(s);
      } catch (err) { say('error', err.message); }
    });
    openPanel(`${s.title}: 所属ごとの枠`, tableWrap(t.table, '所属ごとの枠'), h('div', { class: 'form-actions' }, save));
  }

  async function roll(s) {
    const q = h('input', { type: 'search', maxlength: '100' });
    const fq = field('氏名・職員番号で検索（申込のない方も出席にできます）', q);
    const listEl = h('div');
    const STAT = { registered: '申込', waiting: 'キャンセル待ち', cancelled: '取消' };
    async function load() {
      const r = await api('GET', `/api/v1/training/sessions/${s.id}/roll${q.value ? `?q=${encodeURIComponent(q.value)}` : ''}`);
      const rows = r.entries || [];
      replace(listEl, rows.length ? h('ul', { class: 'tr-roll' }, rows.map((e) => {
        const id = uid('att');
        const cb = h('input', { type: 'checkbox', id, checked: e.attended });
        cb.addEventListener('change', async () => {
          try {
            await api('POST', `/api/v1/training/sessions/${s.id}/attendance`, { staff_id: e.staff_id, present: cb.checked });
            announce(`${e.name} さんを${cb.checked ? '出席' : '欠席'}にしました。`);
          } catch (err) { cb.checked = !cb.checked; say('error', err.message); }
        });
        return h('li', null, h('label', { for: id, class: 'tr-option' }, cb,
          h('span', null, `${e.employee_no} ${e.name}（${e.department}）`),
          e.status ? h('span', { class: 'muted small' }, ` ${STAT[e.status] || ''}`) : null));
      })) : h('p', { class: 'muted' }, '該当する方はいません。'));
    }
    const form = h('form', { class: 'form-inline', role: 'search' }, fq.wrap, h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, '検索')));
    form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
    openPanel(`${s.title}: 出欠`, form, listEl,
      csvUpload('出席者の CSV（列 employee_no または 職員番号）', `/api/v1/training/sessions/${s.id}/attendance/import`, load));
    await load();
  }

  async function surveys(s) {
    const mk = (phase, label) => h('button', { type: 'button', class: 'btn', onclick: async () => {
      try {
        const r = await api('POST', `/api/v1/training/sessions/${s.id}/surveys`, { phase });
        say('success', `${label}を用意しました（アンケート ID ${r.survey_id}）。`);
        await loadList();
      } catch (err) { say('error', err.message); }
    } }, `${label}をひな形から作る`);
    openPanel(`${s.title}: アンケート`,
      h('p', null, '事前アンケートは申込者が、事後アンケートは出席者が「研修」の画面から回答します。事後アンケートは無記名です。フォームサービスで集めた回答の CSV（1 列目のタイムスタンプは無視、職員番号の列は任意）も取り込めます。'),
      h('div', { class: 'row-actions' },
        s.pre_survey_id ? h('span', { class: 'badge badge-on' }, `事前アンケートあり（ID ${s.pre_survey_id}）`) : mk('pre', '事前アンケート'),
        s.post_survey_id ? h('span', { class: 'badge badge-on' }, `事後アンケートあり（ID ${s.post_survey_id}）`) : mk('post', '事後アンケート')),
      csvUpload('フォームで集めた事後アンケートの CSV', `/api/v1/training/sessions/${s.id}/survey/import?phase=post`, loadList),
      csvUpload('フォームで集めた事前アンケートの CSV', `/api/v1/training/sessions/${s.id}/survey/import?phase=pre`, loadList));
  }

  function questionView(q) {
    const parts = [h('h4', { class: 'tr-q-title' }, q.question, h('span', { class: 'muted small' }, `（回答 ${num(q.responses)}）`))];
    if (q.distribution && q.distribution.length) {
      parts.push(h('ul', { class: 'tr-dist' }, q.distribution.map((b) => h('li', null,
        h('span', { class: 'tr-dist-label' }, b.label),
        h('progress', { max: '100', value: String(Math.round(b.share * 100)), 'aria-label': `${b.label} ${pct(b.share)}` }),
        h('span', { class: 'tr-dist-num' }, `${num(b.count)}（${pct(b.share)}）`)))));
    }
    if (q.top2_share !== null && q.top2_share !== undefined) {
      parts.push(h('p', { class: 'strong' }, `上位2段階（${q.distribution[1].label}〜${q.distribution[0].label}）: ${pct(q.top2_share)}`));
    }
    if (q.groups && q.groups.length) {
      parts.push(h('ul', { class: 'tr-groups' }, q.groups.map((g) => h('li', null,
        h('strong', null, `${g.phrase}（${num(g.count)} 件）`),
        h('ul', { class: 'bullet-list' }, g.examples.map((x) => h('li', null, x)))))));
    }
    return h('div', { class: 'tr-q' }, parts);
  }

  function results(s, r) {
    if (!s.post_survey_id) {
      openPanel(`${s.title}: 結果`, h('p', null, `出席 ${num(r.attendees)} 人（うち以前の研修にも出席 ${num(r.repeat_attendees)} 人）。事後アンケートはまだありません。`));
      return;
    }
    openPanel(`${s.title}: 結果`,
      h('p', null, `出席 ${num(r.attendees)} 人（うち以前の研修にも出席 ${num(r.repeat_attendees)} 人）、事後アンケートの回答 ${num(r.responses)} 件、回答率 ${pct(r.response_rate)}。`),
      r.withheld ? notice('info', '無記名のアンケートで回答が少ないため、回答者が分からないよう集計を表示していません。') : (r.questions || []).map(questionView),
      r.pre && r.pre.responses ? [h('h4', null, `事前アンケート（回答 ${num(r.pre.responses)} 件）`), (r.pre.questions || []).map(questionView)] : null,
      h('p', null, h('a', { href: `/api/v1/surveys/${s.post_survey_id}/results.csv`, class: 'btn btn-small' }, '集計を CSV でダウンロード')));
  }

  async function outcome(s) {
    const o = await api('GET', `/api/v1/training/sessions/${s.id}/outcome`);
    const t = table(`${o.from.replaceAll('-', '/')}〜${o.to.replaceAll('-', '/')} の利用回数（研修日の前 ${o.days} 日と当日からの ${o.days} 日）`, ['', '人数', '利用した人（前 → 後）', ...o.attendees.groups.map((g) => `${g.label}（前 → 後）`)]);
    const row = (label, k) => h('tr', null, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, num(k.people)),
      h('td', { class: 'num' }, `${num(k.active_before)} → ${num(k.active_after)}`),
      k.groups.map((g) => h('td', { class: 'num' }, `${num(g.before)} → ${num(g.after)}`)));
    t.tbody.append(row('出席者', o.attendees), row('出席していない職員', o.others));
    const ho = o.handed_out || { templates: 0 };
    let tplTable = null;
    if (ho.templates) {
      const tt = table(`この研修で配布したプロンプト（${num(ho.templates)} 件）の利用`, ['', '使った人（前 → 後）', '利用回数（前 → 後）']);
      const trow = (label, k) => h('tr', null, h('th', { scope: 'row' }, label),
        h('td', { class: 'num' }, `${num(k.users_before)} → ${num(k.users_after)}`),
        h('td', { class: 'num' }, `${num(k.uses_before)} → ${num(k.uses_after)}`));
      tt.tbody.append(trow('出席者', ho.attendees), trow('出席していない職員', ho.others));
      tplTable = tableWrap(tt.table, '配布したプロンプトの利用');
    }
    openPanel(`${s.title}: 成果（研修の前後の利用）`, tableWrap(t.table, '研修の前後の利用'), tplTable,
      h('p', { class: 'muted small' }, 'ログインが職員名簿と結び付いている職員だけを数えています。配布したプロンプトの利用は、そのテンプレートで生成AIに送った回数です。'));
  }

  async function remove(s) {
    const ok = await confirmDialog({ title: '研修の削除', message: `「${s.title}」を削除しますか。申込・出欠・アンケートの回答も削除されます。`, confirmLabel: '削除する', danger: true });
    if (!ok) return;
    try {
      await api('DELETE', `/api/v1/training/sessions/${s.id}`);
      say('success', `「${s.title}」を削除しました。`);
      replace(panel);
      await loadList();
    } catch (err) { say('error', err.message); }
  }

  // ---- series: a study group's meetings and each member's exam outcome -----------------

  async function loadSeries(openId) {
    const r = await api('GET', '/api/v1/training/series');
    if (!ctx.alive()) return;
    const title = h('input', { type: 'text', maxlength: '200' });
    const exam = h('input', { type: 'text', maxlength: '100', list: 'ta-exams', placeholder: 'G検定' });
    const exams = h('datalist', { id: 'ta-exams' }, ['G検定', 'DS検定', 'ITパスポート', '基本情報技術者'].map((x) => h('option', { value: x })));
    const fTitle = field('シリーズ名', title, { required: true });
    const fExam = field('目標の試験', exam);
    const form = h('form', { class: 'form-inline', novalidate: true }, exams, fTitle.wrap, fExam.wrap,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'シリーズを登録する')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      fTitle.setError('');
      if (!title.value.trim()) { fTitle.setError('シリーズ名を入力してください。'); title.focus(); return; }
      try {
        const c = await api('POST', '/api/v1/training/series', { title: title.value.trim(), exam: exam.value.trim() || null });
        say('success', `シリーズ「${title.value.trim()}」を登録しました。研修を登録するときにシリーズを選ぶと、その回になります。`);
        await loadSeries(c.id);
      } catch (err) { fTitle.setError(err.message); say('error', err.message); }
    });
    const list = r.series || [];
    const t = table('シリーズ（参加者は出席した人と結果を記録した人）', ['シリーズ', '試験', '回数', '参加者', '受験', '合格', '操作']);
    const detail = h('div', { class: 'tr-series-detail' });
    for (const x of list) {
      t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, x.title), h('td', null, x.exam || '—'),
        h('td', { class: 'num' }, num(x.sessions)), h('td', { class: 'num' }, num(x.members)),
        h('td', { class: 'num' }, num(x.took_exam)), h('td', { class: 'num' }, num(x.passed)),
        h('td', null, h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${x.title}: 回と参加者`, onclick: () => seriesDetail(x.id, detail) }, '回と参加者'))));
    }
    replace(seriesBox, form, list.length ? tableWrap(t.table, 'シリーズの一覧') : h('p', { class: 'muted' }, 'まだシリーズはありません。'), detail);
    if (openId) await seriesDetail(openId, detail);
  }

  async function seriesDetail(id, box) {
    const r = await api('GET', `/api/v1/training/series/${id}`);
    if (!ctx.alive()) return;
    const x = r.series;
    const record = async (m, took, passed) => {
      try {
        await api('POST', `/api/v1/training/series/${id}/result`, { employee_no: m.employee_no, took_exam: took, passed });
        announce(`${m.name} さんの結果を記録しました。`);
        await loadSeries(id);
      } catch (err) { say('error', err.message); }
    };
    const t = table(`${x.title} の参加者（${x.exam || '試験'}の受験・合格）`, ['職員', '所属', '出席した回', '受験', '合格']);
    for (const m of r.members || []) {
      const took = h('input', { type: 'checkbox', checked: m.took_exam, 'aria-label': `${m.name} さんが受験` });
      const passed = h('input', { type: 'checkbox', checked: m.passed, 'aria-label': `${m.name} さんが合格` });
      took.addEventListener('change', () => record(m, took.checked, took.checked && passed.checked));
      passed.addEventListener('change', () => record(m, took.checked || passed.checked, passed.checked));
      t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, `${m.employee_no} ${m.name}`), h('td', null, m.department),
        h('td', { class: 'num' }, `${num(m.attended)} / ${num(x.sessions)}`),
        h('td', null, took), h('td', null, passed)));
    }
    const no = h('input', { type: 'text', maxlength: '32', inputmode: 'numeric' });
    const fNo = field('職員番号で参加者を追加（出席のない方の結果も記録できます）', no);
    const add = h('form', { class: 'form-inline', novalidate: true }, fNo.wrap, h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-small' }, '追加する')));
    add.addEventListener('submit', async (e) => {
      e.preventDefault();
      fNo.setError('');
      if (!no.value.trim()) { fNo.setError('職員番号を入力してください。'); no.focus(); return; }
      try {
        await api('POST', `/api/v1/training/series/${id}/result`, { employee_no: no.value.trim(), took_exam: false, passed: false });
        await loadSeries(id);
      } catch (err) { fNo.setError(err.message); say('error', err.message); }
    });
    const headId = uid('ser');
    replace(box, h('div', { class: 'card', role: 'region', 'aria-labelledby': headId },
      h('h3', { id: headId, class: 'subsection-title', tabindex: '-1' }, `${x.title}: 回と参加者`),
      h('p', null, `${num(x.sessions)} 回、参加者 ${num(x.members)} 人、受験 ${num(x.took_exam)} 人、合格 ${num(x.passed)} 人。`),
      (r.sessions || []).length
        ? h('ol', { class: 'bullet-list tr-series-sessions' }, r.sessions.map((s) => h('li', null, `${sessionWhen(s)} ${s.title}（出席 ${num(s.attended)} 人）`)))
        : h('p', { class: 'muted' }, 'まだ回がありません。研修を登録するときにこのシリーズを選んでください。'),
      (r.members || []).length ? tableWrap(t.table, '参加者') : h('p', { class: 'muted' }, 'まだ参加者はいません（回に出席した方が参加者になります）。'),
      add));
  }

  // ---- certifications ---------------------------------------------------------------

  async function loadCerts() {
    const [rep, certs, subs] = await Promise.all([api('GET', '/api/v1/training/certs/report'),
      api('GET', '/api/v1/training/certs'), api('GET', '/api/v1/training/subsidies')]);
    if (!ctx.alive()) return;
    const t = table('所属ごとの資格保有者', ['所属', '職員', '保有者']);
    for (const d of rep.by_department) t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, d.department), h('td', { class: 'num' }, num(d.staff)), h('td', { class: 'num' }, num(d.holders))));
    const pending = (certs.certs || []).filter((c) => !c.confirmed);
    const confirmBtn = (c) => (ctx.isAdmin ? h('button', { type: 'button', class: 'btn btn-small', onclick: async () => {
      try { await api('POST', `/api/v1/training/certs/${c.id}/confirm`, {}); say('success', '確認済みにしました。'); await loadCerts(); } catch (err) { say('error', err.message); }
    } }, '確認済みにする') : null);
    const SUB = { applied: '申請中', approved: '承認', paid: '支払済み', rejected: '却下' };
    const subAct = (s, st, label) => (ctx.isAdmin ? h('button', { type: 'button', class: 'btn btn-small', onclick: async () => {
      try { await api('POST', `/api/v1/training/subsidies/${s.id}/status`, { status: st }); await loadCerts(); } catch (err) { say('error', err.message); }
    } }, label) : null);
    replace(certBox,
      h('p', { class: 'tr-big' }, `資格保有者のいる所属: ${num(rep.departments_with_holder)} / ${num(rep.departments)}（${pct(rep.coverage)}）`),
      h('ul', { class: 'bullet-list' }, rep.by_certification.map((c) => h('li', null, `${c.name}: ${num(c.holders)} 人`))),
      tableWrap(t.table, '所属ごとの資格保有者'),
      ctx.isAdmin ? csvUpload('資格の CSV（employee_no, certification, acquired_on）', '/api/v1/training/certs/import', loadCerts) : null,
      h('h3', { class: 'subsection-title' }, '確認待ちの資格'),
      pending.length ? h('ul', { class: 'bullet-list' }, pending.map((c) => h('li', null, `${c.employee_no} ${c.name}（${c.department}）: ${c.certification} ${c.acquired_on} ${c.evidence ? `— ${c.evidence}` : ''} `, confirmBtn(c)))) : h('p', { class: 'muted' }, '確認待ちはありません。'),
      h('h3', { class: 'subsection-title' }, '受験料の補助'),
      (subs.subsidies || []).length ? h('ul', { class: 'bullet-list' }, subs.subsidies.map((s) => h('li', null,
        `${s.name}（${s.department}）${s.certification} ${num(s.amount)} 円: ${SUB[s.status]} `,
        s.status === 'applied' ? [subAct(s, 'approved', '承認'), subAct(s, 'rejected', '却下')] : null,
        s.status === 'approved' ? subAct(s, 'paid', '支払済みにする') : null))) : h('p', { class: 'muted' }, '申請はありません。'));
  }

  // ---- materials ----------------------------------------------------------------------

  async function loadMaterials() {
    const [list, reach] = await Promise.all([api('GET', '/api/v1/training/materials'), api('GET', '/api/v1/training/newsletters/reach')]);
    if (!ctx.alive()) return;
    const file = h('input', { type: 'file', accept: '.pdf,.pptx,application/pdf' });
    const title = h('input', { type: 'text', maxlength: '200' });
    const issue = h('input', { type: 'number', min: '0', value: '0' });
    const ses = h('select', null, h('option', { value: '0' }, '（研修に結び付けない）'), sessions.map((x) => h('option', { value: String(x.id) }, `${x.date} ${x.title}`)));
    const fSes = field('配布した研修', ses);
    const nlId = uid('nl');
    const nl = h('input', { type: 'checkbox', id: nlId });
    const fFile = field('ファイル（PDF / PPTX）', file, { required: true });
    const fTitle = field('資料名', title, { required: true });
    const fIssue = field('号数（AI通信のとき）', issue);
    const form = h('form', { class: 'form', novalidate: true }, h('div', { class: 'form-inline' }, fFile.wrap, fTitle.wrap, fIssue.wrap, fSes.wrap),
      h('div', { class: 'field field-check' }, nl, h('label', { for: nlId, class: 'field-label' }, 'AI通信（ニュースレター）として登録する')),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '登録する')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      fFile.setError('');
      fTitle.setError('');
      const f = file.files && file.files[0];
      if (!f) { fFile.setError('ファイルを選んでください。'); file.focus(); return; }
      if (!title.value.trim()) { fTitle.setError('資料名を入力してください。'); title.focus(); return; }
      try {
        const bytes = await f.arrayBuffer();
        const q = new URLSearchParams({ title: title.value.trim(), filename: f.name, newsletter: nl.checked ? '1' : '0', issue_no: issue.value || '0', session_id: ses.value });
        await upload(`/api/v1/training/materials?${q}`, bytes, 'application/octet-stream');
        say('success', `「${title.value.trim()}」を登録しました。`);
        await loadMaterials();
      } catch (err) { fFile.setError(err.message); say('error', err.message); }
    });
    const t = table('資料（閲覧者は 1 人 1 回として数えます）', ['資料', '種類', '閲覧した職員']);
    for (const m of list.materials || []) t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, h('a', { href: `/api/v1/training/materials/${m.id}/file` }, m.title)), h('td', null, m.kind === 'newsletter' ? `AI通信 第${m.issue_no}号` : '資料'), h('td', { class: 'num' }, num(m.viewers))));
    replace(matBox, form, tableWrap(t.table, '資料の一覧'),
      (reach.by_month || []).length ? [h('h3', { class: 'subsection-title' }, 'AI通信を読んだ職員（初めて読んだ月）'),
        h('ul', { class: 'bullet-list' }, reach.by_month.map((m) => h('li', null, `${m.month}: ${num(m.readers)} 人 / 職員 ${num(m.staff)} 人`)))] : null);
  }

  // ---- curricula -----------------------------------------------------------------------

  async function loadCurriculum() {
    const [cur, comp, mats] = await Promise.all([api('GET', '/api/v1/training/curriculum'), api('GET', '/api/v1/training/completion'), api('GET', '/api/v1/training/materials')]);
    if (!ctx.alive()) return;
    const items = cur.items || [];
    const forms = TIERS.map((tier) => {
      const boxes = [];
      const opt = (kind, id, label) => {
        const cid = uid('cur');
        const checked = items.some((i) => i.tier === tier && (kind === 's' ? i.session_id === id : i.material_id === id));
        const cb = h('input', { type: 'checkbox', id: cid, checked });
        boxes.push({ kind, id, cb });
        return h('label', { for: cid, class: 'tr-option' }, cb, h('span', null, label));
      };
      const form = h('form', { class: 'form' },
        h('fieldset', { class: 'fieldset' }, h('legend', null, `${tier}の必修`),
          h('div', { class: 'tr-options' }, sessions.map((s) => opt('s', s.id, `研修: ${s.title}`)), (mats.materials || []).map((m) => opt('m', m.id, `資料: ${m.title}`)))),
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-small' }, `${tier}の必修を保存`)));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        try {
          await api('PUT', '/api/v1/training/curriculum', { tier, session_ids: boxes.filter((b) => b.kind === 's' && b.cb.checked).map((b) => b.id), material_ids: boxes.filter((b) => b.kind === 'm' && b.cb.checked).map((b) => b.id) });
          say('success', `${tier}の必修を保存しました。`);
          await loadCurriculum();
        } catch (err) { say('error', err.message); }
      });
      return form;
    });
    const t = table('修了率（必修のすべてに出席・閲覧した職員の割合）', ['階層', '所属', '必修', '職員', '修了', '修了率']);
    for (const r of comp.rows || []) {
      if (!r.required) continue;
      t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, r.tier), h('td', null, r.department || '（全体）'), h('td', { class: 'num' }, num(r.required)), h('td', { class: 'num' }, num(r.staff)), h('td', { class: 'num' }, num(r.completed)), h('td', { class: 'num' }, pct(r.rate))));
    }
    replace(curBox, forms, tableWrap(t.table, '修了率'));
  }

  await loadList();
  await Promise.all([loadSeries(), loadCerts(), loadMaterials(), loadCurriculum()]);
}
