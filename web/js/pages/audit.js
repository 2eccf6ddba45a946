// pages/audit.js: 監査ログ (admin). Newest first, filter by action, "さらに
//表示" pages backwards with next_before, and a CSV download of a period
// (GET /api/v1/audit.csv, itself recorded as audit.export).

import { h, replace, field, notice, announce, table, tableWrap, timeEl } from '../dom.js';
import { api, withQuery } from '../api.js';
import { AUDIT_FILTERS } from '../labels.js';

const PAGE_SIZE = 100;

/* Japanese names of the detail keys the modules write; a key not listed is
 * shown as it is. */
const DETAIL_KEYS = {
  keys: '項目', changes: '変更', roles: '権限', login: 'ログイン名', display_name: '表示名',
  department: '所属', path: '経路', name: '名称', from: '変更前', to: '変更後', file: 'ファイル',
  rows: '行数', inserted: '追加', updated: '更新', unchanged: '変更なし', deleted: '削除',
  departments_created: '追加した所属', problems: '問題の件数', lines: '問題のある行', error: 'エラー',
  reason: '理由', count: '件数', status: '状態', format: '形式', entries: '項目数', id: '番号',
  disabled: '無効', sso_only: 'SSO のみ', range_from: '期間の開始', range_to: '期間の終了',
  staff_id: '職員', promoted: '繰り上がった職員', quota: '枠', department_id: '所属', via: '経由',
};

function valueText(v) {
  if (v === true) return 'はい';
  if (v === false) return 'いいえ';
  if (v === null || v === undefined || v === '') return '（空）';
  if (Array.isArray(v)) return v.map(valueText).join('・');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** detail is a small JSON object; shown in Japanese: settings changes as
 * 「項目: 変更前 → 変更後」 lines, other keys as 「名前: 値」. */
function detailText(detail) {
  if (!detail || typeof detail !== 'object') return detail ? String(detail) : '';
  if (Array.isArray(detail.changes)) {
    return h('ul', { class: 'audit-changes' }, detail.changes.map((c) => h('li', null,
      `${c.label || c.key}: `,
      'old' in c ? `${valueText(c.old)} → ${valueText(c.new)}` : '変更あり（値は長いため省略）')));
  }
  return Object.entries(detail).map(([k, v]) => `${DETAIL_KEYS[k] || k}: ${valueText(v)}`).join('、');
}

export async function renderAudit(body, ctx) {
  // Families first; single actions are added from the server's table.
  const singles = h('optgroup', { label: '個別の操作' });
  const filter = field('操作の種類', h('select', { name: 'action' },
    AUDIT_FILTERS.map((f) => h('option', { value: f.value }, f.label)), singles));
  const filterForm = h('form', { class: 'form form-inline', role: 'search', 'aria-label': '監査ログの絞り込み' },
    filter.wrap, h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, '絞り込む')));

  const from = field('開始日', h('input', { type: 'date', name: 'from' }));
  const to = field('終了日（この日を含まない）', h('input', { type: 'date', name: 'to' }));
  const csvLink = h('a', { class: 'btn', href: '/api/v1/audit.csv', download: 'audit.csv' }, 'CSV をダウンロード');
  const updateLink = () => {
    csvLink.href = withQuery('/api/v1/audit.csv', { from: from.input.value, to: to.input.value });
  };
  from.input.addEventListener('change', updateLink);
  to.input.addEventListener('change', updateLink);

  const listBody = h('div', null, h('p', { class: 'muted' }, '読み込んでいます…'));
  const more = h('button', { type: 'button', class: 'btn', hidden: true }, 'さらに表示');
  replace(body,
    h('p', { class: 'lead' }, 'ログイン、利用者・所属・設定の変更、名簿の取り込み、ログの出力などの記録です。新しい順に表示します。'),
    h('section', { class: 'section card', 'aria-labelledby': 'audit-csv-title' },
      h('h2', { id: 'audit-csv-title', class: 'section-title' }, 'CSV で保存'),
      h('p', null, '期間を指定しないときは、すべての記録を出力します。Excel でそのまま開けます。出力したことも監査ログに記録されます。'),
      h('div', { class: 'form form-inline' }, from.wrap, to.wrap, h('div', { class: 'form-actions' }, csvLink))),
    h('section', { class: 'section', 'aria-labelledby': 'audit-list-title' },
      h('h2', { id: 'audit-list-title', class: 'section-title' }, '記録の一覧'),
      filterForm, listBody, h('div', { class: 'more' }, more)));

  let before = 0;
  let action = '';
  let tbody = null;
  let shown = 0;

  function row(e) {
    return h('tr', null,
      h('td', { class: 'nowrap' }, timeEl(e.at)),
      h('td', null, e.actor || '—'),
      h('td', null, e.action_label || e.action, e.action_label ? h('span', { class: 'code-hint' }, ` ${e.action}`) : null),
      h('td', { class: 'break' }, e.target || '—'),
      h('td', { class: 'break small' }, detailText(e.detail) || '—'),
      h('td', { class: 'nowrap' }, e.ip || '—'));
  }

  async function load(reset) {
    if (reset) { before = 0; shown = 0; }
    const resp = await api('GET', withQuery('/api/v1/audit', { action, before: before || null, limit: PAGE_SIZE }));
    if (!ctx.alive()) return;
    const entries = resp.entries || [];
    if (!singles.firstChild && Array.isArray(resp.actions)) {
      const families = new Set(AUDIT_FILTERS.map((f) => f.value));
      for (const a of resp.actions) {
        if (!families.has(a.code)) singles.appendChild(h('option', { value: a.code }, a.label));
      }
    }
    if (reset) {
      if (entries.length === 0) {
        replace(listBody, h('p', { class: 'empty-state', role: 'status' }, action ? 'この種類の記録はありません。' : '記録はまだありません。'));
        tbody = null;
      } else {
        const t = table('監査ログ（新しい順）', ['日時', '操作者', '操作', '対象', '詳細', '接続元'], { captionHidden: true });
        tbody = t.tbody;
        replace(listBody, tableWrap(t.table, '監査ログ（横にスクロールできます）'));
      }
    }
    if (tbody) for (const e of entries) tbody.appendChild(row(e));
    shown += entries.length;
    before = resp.next_before || 0;
    more.hidden = !resp.next_before;
    if (!reset) announce(`${entries.length}件を追加で表示しました（計 ${shown}件）。`);
  }

  filterForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    action = filter.input.value;
    load(true).then(() => announce(`${shown}件を表示しています。`))
      .catch((err) => replace(listBody, notice('error', err.message)));
  });
  more.addEventListener('click', () => {
    more.disabled = true;
    load(false).catch((err) => listBody.appendChild(notice('error', err.message)))
      .finally(() => { more.disabled = false; if (more.hidden) filter.input.focus(); });
  });

  await load(true);
}
