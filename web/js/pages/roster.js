// pages/roster.js: 職員名簿 (admin). Imports a roster CSV (file input or
// drag and drop; the raw bytes go to POST /api/v1/staff/import with an
// upload progress bar), or syncs the full roster (人事異動: POST
// /api/v1/staff/sync shows the differences, 「この内容で反映する」 applies
// exactly that preview), shows the summary or the per-row error list, lists
// the roster with search and paging (GET /api/v1/staff, optionally with
// those who left) and makes accounts for selected staff or a whole
// department (POST /api/v1/users/from-roster) with a printable sheet of
// one-time passwords.

import { h, replace, notice, uid, table, tableWrap, formatBytes, num, announce } from '../dom.js';
import { api, upload, withQuery, problemText } from '../api.js';
import { accountSheet } from '../account-sheet.js';

const PAGE_SIZE = 50;
const MAX_BYTES = 16 * 1024 * 1024; // AUTH_ROSTER_MAX_BYTES on the server

function columnsHelp() {
  const t = table('名簿ファイルの列', ['列名（日本語）', '列名（英語）', '内容']);
  const rows = [
    ['職員番号', 'employee_no', '必須。職員ごとに重複しない番号'],
    ['氏名', 'name', '必須'],
    ['所属', 'department', '必須。「市民部/市民課」のように「/」で区切る。無い所属は自動で追加'],
    ['DX区分', 'tier', '必須。幹部・DX推進リーダー・一般職員 のいずれか（列名は「役割」「区分」でも可）'],
    ['メール', 'email', '任意'],
  ];
  for (const r of rows) {
    t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, r[0]), h('td', null, h('code', null, r[1])), h('td', null, r[2])));
  }
  return h('div', { class: 'help-block' },
    h('p', null, '1行目に列名を書いた CSV ファイルを取り込みます。列の順番は自由です。'),
    tableWrap(t.table, '名簿ファイルの列'),
    h('p', null, '文字コードは UTF-8（BOM あり・なし）と Shift_JIS（CP932、Excel の「CSV（コンマ区切り）」）に対応しています。同じ職員番号の職員は新しい内容に更新します。「取り込む」は追加と更新だけを行い、名簿にない職員はそのまま残します。人事異動や退職を反映するときは、全職員の名簿で「違いを確認（同期）」を使ってください。'),
    h('p', null, '例:'),
    h('pre', { class: 'code-sample' }, '職員番号,氏名,所属,DX区分,メール\n10001,山田 太郎,市民部/市民課,一般職員,yamada@example.lg.jp\n10002,佐藤 花子,総務部/情報政策課,DX推進リーダー,'));
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
  const syncBtn = h('button', { type: 'button', class: 'btn', disabled: true }, '違いを確認（同期）');
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
  const showLeft = h('input', { type: 'checkbox', id: uid('left') });
  const showLeftRow = h('div', { class: 'field-check' }, showLeft,
    h('label', { for: showLeft.id }, '名簿から外れた（退職した）職員も表示する'));

  // ---- accounts from the roster (admin) ----
  const deptInput = h('input', { type: 'text', id: uid('dept'), maxlength: '400', autocomplete: 'off', placeholder: '例: 市民部' });
  const deptHintId = uid('hint');
  deptInput.setAttribute('aria-describedby', deptHintId);
  const ssoOnly = h('input', { type: 'checkbox', id: uid('sso') });
  const deptAccountsBtn = h('button', { type: 'button', class: 'btn' }, '所属の職員のアカウントを作成');
  const selectedAccountsBtn = h('button', { type: 'button', class: 'btn', disabled: true }, '選んだ職員のアカウントを作成（0 人）');
  const accountsResult = h('div', { class: 'accounts-result' });
  const selected = new Set();

  // Editors may search the roster; only admins import (see routes.def).
  const canImport = !!ctx.isAdmin;
  replace(body,
    h('p', { class: 'lead' }, '人事の職員名簿（CSV）を取り込みます。名簿は活用状況の集計や、研修・ストレスチェックの対象者の管理に使います。'),
    canImport ? null : notice('info', '名簿の取り込みは管理者が行います。'),
    !canImport ? null : h('section', { class: 'section card', 'aria-labelledby': 'import-title' },
      h('h2', { id: 'import-title', class: 'section-title' }, '名簿ファイルの取り込み'),
      dropZone,
      h('p', { class: 'field-hint' }, '「取り込む」は職員の追加と更新だけを行います。「違いを確認（同期）」は全職員の名簿と比べて、新規・異動・DX区分や氏名の変更・退職を一覧にし、確認してから反映します。'),
      h('div', { class: 'form-actions' }, importBtn, ' ', syncBtn),
      progressWrap,
      result,
      h('details', { class: 'details' }, h('summary', null, 'ファイルの形式（列・文字コード）'), columnsHelp())),
    h('section', { class: 'section', 'aria-labelledby': 'roster-title' },
      h('h2', { id: 'roster-title', class: 'section-title' }, '職員名簿'),
      searchForm, showLeftRow, listBody),
    !canImport ? null : h('section', { class: 'section card', 'aria-labelledby': 'accounts-title' },
      h('h2', { id: 'accounts-title', class: 'section-title' }, '名簿からアカウントを作成'),
      h('p', null, 'ログイン名は職員番号になります。初期パスワードはこの画面に一度だけ表示されるので、印刷して本人に渡してください（初回ログイン時に変更が必要です）。名簿と結び付いたアカウントは、人事異動で所属が変わると一緒に移り、退職すると無効になります。'),
      h('div', { class: 'field' },
        h('label', { for: deptInput.id, class: 'field-label' }, '所属（下位の所属の職員も含みます）'),
        h('p', { class: 'field-hint', id: deptHintId }, '「市民部」または「市民部/市民課」のように入力します。アカウントがある職員は作成しません。'),
        deptInput),
      h('div', { class: 'field-check' }, ssoOnly,
        h('label', { for: ssoOnly.id }, 'パスワードなしで作る（シングルサインオン・ディレクトリ認証だけでログイン）')),
      h('div', { class: 'form-actions' }, deptAccountsBtn, ' ', selectedAccountsBtn),
      accountsResult));

  let file = null;
  const choose = (f) => {
    file = f || null;
    result.replaceChildren();
    if (!file) {
      chosen.textContent = 'ファイルはまだ選ばれていません。';
      importBtn.disabled = true;
      syncBtn.disabled = true;
      return;
    }
    chosen.textContent = `選んだファイル: ${file.name}（${formatBytes(file.size)}）`;
    importBtn.disabled = false;
    syncBtn.disabled = false;
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

  // ---- sync (人事異動): preview, then apply exactly that preview ----
  async function postSync(bytes, apply, expect) {
    return upload(withQuery('/api/v1/staff/sync', { filename: file.name, apply: apply ? '1' : '0', expect: expect || '' }),
      bytes, 'text/csv', () => {});
  }

  syncBtn.addEventListener('click', async () => {
    if (!file) return;
    result.replaceChildren();
    if (file.size > MAX_BYTES) {
      showResult(notice('error', `ファイルが大きすぎます（${formatBytes(file.size)}）。16 MB 以下にしてください。`));
      return;
    }
    syncBtn.disabled = true;
    importBtn.disabled = true;
    try {
      const bytes = await file.arrayBuffer();
      const preview = await postSync(bytes, false);
      showResult(syncPreview(preview, bytes));
    } catch (err) {
      showResult(errorReport(err));
    } finally {
      syncBtn.disabled = !file;
      importBtn.disabled = !file;
    }
  });

  const KIND_LABEL = { new: '新規', returned: '復帰', changed: '変更', gone: '退職' };
  const WHAT_LABEL = { department: '所属', tier: 'DX区分', name: '氏名', email: 'メール' };

  function changeText(c) {
    if (c.kind === 'new' || c.kind === 'returned') return `${c.department}（${c.tier}）`;
    if (c.kind === 'gone') return `${c.department} から外れます`;
    return c.what.map((w) => {
      const before = { department: c.old_department, tier: c.old_tier, name: c.old_name, email: c.old_email }[w] || '—';
      const after = { department: c.department, tier: c.tier, name: c.name, email: c.email }[w] || '—';
      return `${WHAT_LABEL[w]}: ${before} → ${after}`;
    }).join('、');
  }

  function accountText(c) {
    if (!c.accounts) return '—';
    if (c.kind === 'gone') return 'アカウントを無効にします';
    if (c.what && c.what.includes('department')) return 'アカウントの所属も移します';
    return 'あり';
  }

  function syncPreview(r, bytes) {
    const titleId = uid('res');
    const total = r.added + r.returned + r.changed + r.gone;
    const parts = [
      h('h3', { id: titleId, class: 'result-title', tabindex: '-1' }, `「${r.file}」と登録済みの名簿の違い`),
      h('dl', { class: 'summary-list' },
        h('dt', null, '名簿の人数'), h('dd', null, `${num(r.rows)} 人`),
        h('dt', null, '新規'), h('dd', null, `${num(r.added)} 人`),
        h('dt', null, '復帰'), h('dd', null, `${num(r.returned)} 人`),
        h('dt', null, '変更（うち異動）'), h('dd', null, `${num(r.changed)} 人（${num(r.transfers)} 人）`),
        h('dt', null, '退職（名簿から外れる）'), h('dd', null, `${num(r.gone)} 人`),
        h('dt', null, '変更なし'), h('dd', null, `${num(r.unchanged)} 人`),
        h('dt', null, '新しく作る所属'), h('dd', null, `${num(r.departments_created)} 件`)),
    ];
    if (total === 0) {
      parts.push(h('p', { role: 'status' }, '違いはありません。反映することはありません。'));
      return h('section', { class: 'notice notice-info sync-preview', 'aria-labelledby': titleId }, parts);
    }
    const t = table(`名簿の違い（${num(total)} 人）`, ['種類', '職員番号', '氏名', '変わる内容', 'アカウント']);
    for (const c of r.changes) {
      t.tbody.appendChild(h('tr', { class: `sync-${c.kind}` },
        h('td', null, KIND_LABEL[c.kind] || c.kind),
        h('th', { scope: 'row' }, c.employee_no),
        h('td', { class: 'person-name' }, c.name),
        h('td', null, changeText(c)),
        h('td', null, accountText(c))));
    }
    parts.push(tableWrap(t.table, '名簿の違い'));
    if (r.gone > 0) {
      parts.push(h('p', { class: 'strong' }, `名簿から外れる ${num(r.gone)} 人は退職として記録を残し、アカウントは無効にしてログイン中のセッションも終了します（削除はしません。これまでの利用実績はそのまま集計に残ります）。`));
    }
    const applyBtn = h('button', { type: 'button', class: 'btn btn-primary' }, 'この内容で反映する');
    const cancelBtn = h('button', { type: 'button', class: 'btn' }, 'やめる');
    const status = h('p', { role: 'status', class: 'muted' });
    cancelBtn.addEventListener('click', () => {
      replace(result, notice('info', '反映しませんでした。名簿は変わっていません。'));
      syncBtn.focus();
    });
    applyBtn.addEventListener('click', async () => {
      applyBtn.disabled = true;
      cancelBtn.disabled = true;
      status.textContent = '反映しています…';
      try {
        const done = await postSync(bytes, true, r.fingerprint);
        showResult(syncDone(done));
        offset = 0;
        await loadList();
      } catch (err) {
        showResult(errorReport(err));
      }
    });
    parts.push(h('div', { class: 'form-actions' }, applyBtn, ' ', cancelBtn), status);
    return h('section', { class: 'notice notice-info sync-preview', 'aria-labelledby': titleId }, parts);
  }

  function syncDone(r) {
    const titleId = uid('res');
    announce('名簿の違いを反映しました');
    return h('section', { class: 'notice notice-success', 'aria-labelledby': titleId },
      h('h3', { id: titleId, class: 'result-title', tabindex: '-1' }, `「${r.file}」の内容を反映しました`),
      h('dl', { class: 'summary-list' },
        h('dt', null, '新規'), h('dd', null, `${num(r.added)} 人`),
        h('dt', null, '復帰'), h('dd', null, `${num(r.returned)} 人`),
        h('dt', null, '変更（うち異動）'), h('dd', null, `${num(r.changed)} 人（${num(r.transfers)} 人）`),
        h('dt', null, '退職'), h('dd', null, `${num(r.gone)} 人`),
        h('dt', null, '無効にしたアカウント'), h('dd', null, `${num(r.accounts_disabled)} 件`),
        h('dt', null, '所属を移したアカウント'), h('dd', null, `${num(r.accounts_moved)} 件`),
        h('dt', null, '作成した所属'), h('dd', null, `${num(r.departments_created)} 件`)));
  }

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
    const current = ctx.turn('staff');
    const resp = await api('GET', withQuery('/api/v1/staff', { q: query, offset, limit: PAGE_SIZE, all: showLeft.checked ? '1' : '' }));
    if (!current()) return;
    const staff = resp.staff || [];
    const total = Number(resp.total || 0);
    if (total === 0 && !query) {
      replace(listBody, h('div', { class: 'empty-state' },
        h('p', { class: 'empty-title' }, '名簿はまだ登録されていません。'),
        h('p', null, '上の「名簿ファイルの取り込み」から、人事の職員名簿（CSV）を取り込んでください。必要な列は 職員番号・氏名・所属・DX区分・メール（メールは任意）です。'),
        h('p', null, '文字コードは UTF-8 と Shift_JIS（CP932）のどちらでも取り込めます。')));
      return;
    }
    if (staff.length === 0) {
      replace(listBody, h('p', { class: 'empty-state', role: 'status' }, query ? `「${query}」に一致する職員はいません。` : 'この範囲に職員はいません。'));
      return;
    }
    const from = offset + 1;
    const to = offset + staff.length;
    // Current staff and those who left are counted apart (resp.current,
    // resp.left): a headcount never includes people who left.
    const countText = showLeft.checked
      ? `全 ${num(total)} 人（在籍 ${num(resp.current ?? 0)} 人・退職 ${num(resp.left ?? 0)} 人）中 ${num(from)}〜${num(to)} 人目`
      : `全 ${num(total)} 人中 ${num(from)}〜${num(to)} 人目`;
    const leftNote = !showLeft.checked && resp.left > 0
      ? h('p', { class: 'small muted' }, `このほかに退職した職員 ${num(resp.left)} 人の記録があります（人数には含みません）。`)
      : null;
    const headers = ['職員番号', '氏名', '所属', 'DX区分', 'メール', '状態'];
    if (canImport) headers.push('選択');
    const t = table(query ? `「${query}」の検索結果（${countText}）` : `職員名簿（${countText}）`, headers);
    for (const s of staff) {
      const cells = [
        h('th', { scope: 'row' }, s.employee_no),
        h('td', { class: 'person-name' }, s.name),
        h('td', null, s.department || '—'),
        h('td', null, s.tier || '—'),
        h('td', { class: 'break' }, s.email || '—'),
        h('td', null, s.left_at ? '退職' : '在籍')];
      if (canImport) {
        const box = h('input', { type: 'checkbox', 'aria-label': `${s.employee_no} ${s.name} を選ぶ`, disabled: !!s.left_at, checked: selected.has(s.employee_no) });
        box.addEventListener('change', () => {
          if (box.checked) selected.add(s.employee_no); else selected.delete(s.employee_no);
          updateSelected();
        });
        cells.push(h('td', null, box));
      }
      t.tbody.appendChild(h('tr', { class: s.left_at ? 'is-left' : null }, cells));
    }
    const prev = h('button', { type: 'button', class: 'btn', disabled: offset === 0 }, '前へ');
    const next = h('button', { type: 'button', class: 'btn', disabled: to >= total }, '次へ');
    prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); loadList('prev'); });
    next.addEventListener('click', () => { offset += PAGE_SIZE; loadList('next'); });
    replace(listBody, leftNote, tableWrap(t.table, '職員名簿（横にスクロールできます）'),
      h('nav', { class: 'pager', 'aria-label': '名簿のページ送り' }, prev, h('span', { class: 'pager-status' }, countText), next));
    // Paging redraws the buttons; keep the keyboard where it was.
    if (focusTarget === 'prev') (prev.disabled ? next : prev).focus();
    if (focusTarget === 'next') (next.disabled ? prev : next).focus();
  }

  showLeft.addEventListener('change', () => {
    offset = 0;
    loadList().catch((err) => replace(listBody, notice('error', err.message)));
  });

  function updateSelected() {
    selectedAccountsBtn.textContent = `選んだ職員のアカウントを作成（${num(selected.size)} 人）`;
    selectedAccountsBtn.disabled = selected.size === 0;
  }

  async function makeAccounts(req, btn) {
    btn.disabled = true;
    replace(accountsResult, h('p', { role: 'status', class: 'muted' }, 'アカウントを作成しています…'));
    try {
      if (ssoOnly.checked) req.sso_only = true;
      const r = await api('POST', '/api/v1/users/from-roster', req);
      selected.clear();
      updateSelected();
      replace(accountsResult, accountSheet(r));
      const heading = accountsResult.querySelector('[tabindex="-1"]');
      if (heading) heading.focus();
      await loadList();
    } catch (err) {
      replace(accountsResult, h('div', { role: 'alert' }, notice('error', err.message)));
    } finally {
      btn.disabled = btn === selectedAccountsBtn ? selected.size === 0 : false;
    }
  }

  deptAccountsBtn.addEventListener('click', () => {
    const dept = deptInput.value.trim();
    if (!dept) {
      replace(accountsResult, h('div', { role: 'alert' }, notice('error', '所属を入力してください。')));
      deptInput.focus();
      return;
    }
    makeAccounts({ department: dept }, deptAccountsBtn);
  });
  selectedAccountsBtn.addEventListener('click', () => makeAccounts({ employee_nos: [...selected] }, selectedAccountsBtn));

  await loadList();
}
