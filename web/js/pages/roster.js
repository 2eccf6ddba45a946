// pages/roster.js: 職員名簿 (admin). Imports a roster CSV (file input or
// drag and drop; the raw bytes go to POST /api/v1/staff/import with an
// upload progress bar), shows the summary or the per-row error list, and
// lists the roster with search and paging (GET /api/v1/staff).

import { h, replace, notice, uid, table, tableWrap, formatBytes, num } from '../dom.js';
import { api, upload, withQuery, problemText } from '../api.js';

const PAGE_SIZE = 50;
const MAX_BYTES = 16 * 1024 * 1024; // AUTH_ROSTER_MAX_BYTES on the server

function columnsHelp() {
  const t = table('名簿ファイルの列', ['列名（日本語）', '列名（英語）', '内容']);
  const rows = [
    ['職員番号', 'employee_no', '必須。職員ごとに重複しない番号'],
    ['氏名', 'name', '必須'],
    ['所属', 'department', '必須。「市民部/市民課」のように「/」で区切る。無い所属は自動で追加'],
    ['役割', 'tier', '必須。幹部・DX推進リーダー・一般職員 のいずれか'],
    ['メール', 'email', '任意'],
  ];
  for (const r of rows) {
    t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, r[0]), h('td', null, h('code', null, r[1])), h('td', null, r[2])));
  }
  return h('div', { class: 'help-block' },
    h('p', null, '1行目に列名を書いた CSV ファイルを取り込みます。列の順番は自由です。'),
    tableWrap(t.table, '名簿ファイルの列'),
    h('p', null, '文字コードは UTF-8（BOM あり・なし）と Shift_JIS（CP932、Excel の「CSV（コンマ区切り）」）に対応しています。同じ職員番号の職員は新しい内容に更新します。'),
    h('p', null, '例:'),
    h('pre', { class: 'code-sample' }, '職員番号,氏名,所属,役割,メール\n10001,山田 太郎,市民部/市民課,一般職員,yamada@example.lg.jp\n10002,佐藤 花子,総務部/情報政策課,DX推進リーダー,'));
}

export async function renderRoster(body, ctx) {
  // ---- import ----
  const fileInput = h('input', { type: 'file', id: uid('file'), accept: '.csv,text/csv', class: 'file-input' });
  const fileHintId = uid('hint');
  fileInput.setAttribute('aria-describedby', fileHintId);
  const chosen = h('p', { class: 'file-chosen', role: 'status' }, 'ファイルはまだ選ばれていません。');
  const dropZone = h('div', { class: 'drop-zone' },
    h('label', { for: fileInput.id, class: 'field-label' }, '名簿の CSV ファイル'),
    h('p', { class: 'field-hint', id: fileHintId }, 'ファイルを選ぶか、この枠の中にドラッグ＆ドロップしてください（16 MB まで）。'),
    fileInput, chosen);
  const importBtn = h('button', { type: 'button', class: 'btn btn-primary', disabled: true }, '取り込む');
  const progressLabelId = uid('prog');
  const progress = h('progress', { max: '100', value: 0, 'aria-labelledby': progressLabelId });
  const progressText = h('span', { id: progressLabelId }, '送信しています');
  const progressWrap = h('div', { class: 'progress', hidden: true }, progressText, ' ', progress);
  const result = h('div', { class: 'import-result' });

  // ---- list ----
  const searchInput = h('input', { type: 'search', id: uid('q'), name: 'q', autocomplete: 'off', maxlength: '100' });
  const searchForm = h('form', { class: 'search-form', role: 'search', 'aria-label': '職員名簿の検索' },
    h('label', { for: searchInput.id, class: 'field-label' }, '氏名・職員番号・所属で検索'),
    h('div', { class: 'search-row' }, searchInput, h('button', { type: 'submit', class: 'btn' }, '検索')));
  const listBody = h('div', null, h('p', { class: 'muted' }, '読み込んでいます…'));

  // Editors may search the roster; only admins import (see routes.def).
  const canImport = !!ctx.isAdmin;
  replace(body,
    h('p', { class: 'lead' }, '人事の職員名簿（CSV）を取り込みます。名簿は活用状況の集計や、研修・ストレスチェックの対象者の管理に使います。'),
    canImport ? null : notice('info', '名簿の取り込みは管理者が行います。'),
    !canImport ? null : h('section', { class: 'section card', 'aria-labelledby': 'import-title' },
      h('h2', { id: 'import-title', class: 'section-title' }, '名簿ファイルの取り込み'),
      dropZone,
      h('div', { class: 'form-actions' }, importBtn),
      progressWrap,
      result,
      h('details', { class: 'details' }, h('summary', null, 'ファイルの形式（列・文字コード）'), columnsHelp())),
    h('section', { class: 'section', 'aria-labelledby': 'roster-title' },
      h('h2', { id: 'roster-title', class: 'section-title' }, '職員名簿'),
      searchForm, listBody));

  let file = null;
  const choose = (f) => {
    file = f || null;
    result.replaceChildren();
    if (!file) {
      chosen.textContent = 'ファイルはまだ選ばれていません。';
      importBtn.disabled = true;
      return;
    }
    chosen.textContent = `選んだファイル: ${file.name}（${formatBytes(file.size)}）`;
    importBtn.disabled = false;
  };
  fileInput.addEventListener('change', () => choose(fileInput.files && fileInput.files[0]));
  dropZone.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    dropZone.classList.add('is-dragover');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('is-dragover'));
  dropZone.addEventListener('drop', (ev) => {
    ev.preventDefault();
    dropZone.classList.remove('is-dragover');
    const files = ev.dataTransfer && ev.dataTransfer.files;
    if (files && files.length) {
      try { fileInput.files = files; } catch (_) { /* older browsers: keep our own copy */ }
      choose(files[0]);
      importBtn.focus();
    }
  });

  importBtn.addEventListener('click', async () => {
    if (!file) return;
    result.replaceChildren();
    if (file.size > MAX_BYTES) {
      showResult(notice('error', `ファイルが大きすぎます（${formatBytes(file.size)}）。16 MB 以下に分けて取り込んでください。`));
      return;
    }
    importBtn.disabled = true;
    fileInput.disabled = true;
    progress.value = 0;
    progressText.textContent = '送信しています';
    progressWrap.hidden = false;
    try {
      const bytes = await file.arrayBuffer();
      const resp = await upload(withQuery('/api/v1/staff/import', { filename: file.name }), bytes, 'text/csv',
        (loaded, total) => {
          progress.value = Math.round((loaded / total) * 100);
          if (loaded >= total) {
            // Sent: the server now checks every row. Indeterminate until it answers.
            progress.removeAttribute('value');
            progressText.textContent = 'サーバーで内容を確認しています';
          }
        });
      progress.value = 100;
      showResult(summary(resp));
      offset = 0;
      await loadList();
    } catch (err) {
      showResult(errorReport(err));
    } finally {
      progressWrap.hidden = true;
      importBtn.disabled = !file;
      fileInput.disabled = false;
    }
  });

  function showResult(el) {
    replace(result, el);
    const heading = result.querySelector('[tabindex="-1"]');
    if (heading) heading.focus();
  }

  function summary(r) {
    const titleId = uid('res');
    return h('section', { class: 'notice notice-success', 'aria-labelledby': titleId },
      h('h3', { id: titleId, class: 'result-title', tabindex: '-1' }, `「${r.file || file.name}」を取り込みました`),
      h('dl', { class: 'summary-list' },
        h('dt', null, '読み込んだ行'), h('dd', null, `${num(r.rows)} 行`),
        h('dt', null, '新しく追加'), h('dd', null, `${num(r.inserted)} 人`),
        h('dt', null, '内容を更新'), h('dd', null, `${num(r.updated)} 人`),
        h('dt', null, '変更なし'), h('dd', null, `${num(r.unchanged)} 人`),
        h('dt', null, '追加した所属'), h('dd', null, `${num(r.departments_created)} 件`)));
  }

  function errorReport(err) {
    const titleId = uid('res');
    const parts = [
      h('h3', { id: titleId, class: 'result-title', tabindex: '-1' }, '取り込めませんでした'),
      h('p', null, err.message),
    ];
    if (err.details.length) {
      parts.push(h('p', { class: 'strong' }, 'エラーがあったため、このファイルの内容は1件も登録していません。下の行を直してから、もう一度ファイル全体を取り込んでください。'));
      const listTitle = uid('errs');
      parts.push(h('h4', { id: listTitle, class: 'error-list-title' }, `誤りのある行（${num(err.errorCount)}件）`));
      parts.push(h('ul', { class: 'error-list', 'aria-labelledby': listTitle },
        err.details.map((d) => h('li', null, problemText(d, file.name)))));
      if (err.errorCount > err.details.length) {
        parts.push(h('p', null, `ほかに ${num(err.errorCount - err.details.length)} 件の問題があります（先頭の ${num(err.details.length)} 件を表示しています）。`));
      }
    } else if (err.status === 400) {
      parts.push(h('p', { class: 'strong' }, 'このファイルの内容は登録していません。'));
    }
    return h('section', { class: 'notice notice-error', role: 'alert', 'aria-labelledby': titleId }, parts);
  }

  // ---- list with search and paging ----
  let offset = 0;
  let query = '';

  searchForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    query = searchInput.value.trim();
    offset = 0;
    loadList().catch((err) => replace(listBody, notice('error', err.message)));
  });

  async function loadList(focusTarget) {
    const resp = await api('GET', withQuery('/api/v1/staff', { q: query, offset, limit: PAGE_SIZE }));
    if (!ctx.alive()) return;
    const staff = resp.staff || [];
    const total = Number(resp.total || 0);
    if (total === 0 && !query) {
      replace(listBody, h('div', { class: 'empty-state' },
        h('p', { class: 'empty-title' }, '名簿はまだ登録されていません。'),
        h('p', null, '上の「名簿ファイルの取り込み」から、人事の職員名簿（CSV）を取り込んでください。必要な列は 職員番号・氏名・所属・役割・メール（メールは任意）です。'),
        h('p', null, '文字コードは UTF-8 と Shift_JIS（CP932）のどちらでも取り込めます。')));
      return;
    }
    if (staff.length === 0) {
      replace(listBody, h('p', { class: 'empty-state', role: 'status' }, query ? `「${query}」に一致する職員はいません。` : 'この範囲に職員はいません。'));
      return;
    }
    const from = offset + 1;
    const to = offset + staff.length;
    const countText = `全 ${num(total)} 人中 ${num(from)}〜${num(to)} 人目`;
    const t = table(query ? `「${query}」の検索結果（${countText}）` : `職員名簿（${countText}）`, ['職員番号', '氏名', '所属', '役割', 'メール']);
    for (const s of staff) {
      t.tbody.appendChild(h('tr', null,
        h('th', { scope: 'row' }, s.employee_no),
        h('td', null, s.name),
        h('td', null, s.department || '—'),
        h('td', null, s.tier || '—'),
        h('td', { class: 'break' }, s.email || '—')));
    }
    const prev = h('button', { type: 'button', class: 'btn', disabled: offset === 0 }, '前へ');
    const next = h('button', { type: 'button', class: 'btn', disabled: to >= total }, '次へ');
    prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); loadList('prev'); });
    next.addEventListener('click', () => { offset += PAGE_SIZE; loadList('next'); });
    replace(listBody, tableWrap(t.table, '職員名簿（横にスクロールできます）'),
      h('nav', { class: 'pager', 'aria-label': '名簿のページ送り' }, prev, h('span', { class: 'pager-status' }, countText), next));
    // Paging redraws the buttons; keep the keyboard where it was.
    if (focusTarget === 'prev') (prev.disabled ? next : prev).focus();
    if (focusTarget === 'next') (next.disabled ? prev : next).focus();
  }

  await loadList();
}
