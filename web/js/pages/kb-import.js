// pages/kb-import.js: the file import section of ナレッジ管理. Several files
// (file input with "multiple", or drag and drop) are uploaded one after
// another to POST /api/v1/kb/import?filename=NAME as raw bytes, through
// XMLHttpRequest (api.js upload) so that a <progress> shows each file's
// upload and another the whole batch. Each file gets its result: 新規,
// 置換, 変更なし or 取り込み不可 (a refused file: nothing stored) with the
// problems "faq.csv:17: message". The labels and the visibility warning
// ("15件すべて職員のみ（公開列なし）") come from the server (kb_import_status_label,
// kb_report_visibility_note), so the CLI and this page say the same.

import { h, replace, uid, table, tableWrap, formatBytes, num, announce } from '../dom.js';
import { upload, withQuery, problemText } from '../api.js';

const MAX_BYTES = 64 * 1024 * 1024; // KB_FILE_MAX on the server
const EXTENSIONS = ['.csv', '.tsv', '.json', '.jsonl', '.ndjson', '.md', '.markdown', '.txt',
  '.html', '.htm', '.pdf', '.docx', '.xlsx', '.pptx'];

const STATUS = {
  new: { label: '新規', cls: 'badge-on', text: (r) => `${num(r.records)} 件を登録しました。` },
  replaced: { label: '置換', cls: 'badge-pending', text: (r) => `内容が変わっていたため、以前の項目を ${num(r.records)} 件で置き換えました。` },
  unchanged: { label: '変更なし', cls: '', text: () => '前回取り込んだ内容と同じため、何もしていません。' },
  failed: { label: '取り込み不可', cls: 'badge-off', text: () => '' },
};

function formatHelp() {
  const t = table('FAQ 表の列', ['列名（日本語）', '列名（英語）', '内容']);
  const rows = [
    ['質問', 'question', '必須'],
    ['回答', 'answer', '必須'],
    ['ID', 'id', '任意。ファイルの中で重複しない番号'],
    ['カテゴリ', 'category', '任意。「届出・証明」など'],
    ['URL', 'url', '任意。詳しい案内のページ'],
    ['公開', 'public', '任意。1・公開・はい・○ なら住民向けページにも表示。空欄は非公開'],
  ];
  for (const r of rows) {
    t.tbody.appendChild(h('tr', null, h('th', { scope: 'row' }, r[0]), h('td', null, h('code', null, r[1])), h('td', null, r[2])));
  }
  return h('div', { class: 'help-block' },
    h('p', null, 'FAQ の表（CSV・TSV・JSON・JSONL）と、文書（Word・Excel・PowerPoint・PDF・HTML・Markdown・テキスト）を取り込めます。文書は見出しや段落ごとに区切って、回答の出典として使います。'),
    h('p', null, 'FAQ の表は、1行目に列名を書いてください。列の順番は自由です。'),
    tableWrap(t.table, 'FAQ 表の列'),
    h('p', null, '文字コードは UTF-8 と Shift_JIS（CP932、Excel の「CSV（コンマ区切り）」）に対応しています。同じ名前のファイルをもう一度取り込むと、そのファイルの項目を新しい内容で置き換えます（画面で直した内容も置き換わります）。'),
    h('p', null, '例:'),
    h('pre', { class: 'code-sample' }, 'ID,質問,回答,カテゴリ,公開\nF001,転入届に必要なものは？,本人確認書類と転出証明書をお持ちください。,届出,公開\nF002,粗大ごみの出し方は？,電話かインターネットで申し込んでください。,ごみ,公開'));
}

/** The import section; onImported() runs after a batch with any stored file. */
export function importSection(onImported) {
  const input = h('input', { type: 'file', id: uid('file'), multiple: true, class: 'file-input', accept: EXTENSIONS.join(',') });
  const hintId = uid('hint');
  input.setAttribute('aria-describedby', hintId);
  const chosen = h('p', { class: 'file-chosen', role: 'status' }, 'ファイルはまだ選ばれていません。');
  const drop = h('div', { class: 'drop-zone' },
    h('label', { for: input.id, class: 'field-label' }, '取り込むファイル（複数選べます）'),
    h('p', { class: 'field-hint', id: hintId }, 'ファイルを選ぶか、この枠の中にドラッグ＆ドロップしてください（1ファイル 64 MB まで）。'),
    input, chosen);
  const start = h('button', { type: 'button', class: 'btn btn-primary', disabled: true }, '取り込む');
  const overallLabel = uid('prog');
  const overall = h('progress', { max: '100', value: 0, 'aria-labelledby': overallLabel });
  const overallText = h('span', { id: overallLabel }, '全体の進み具合');
  const overallWrap = h('div', { class: 'kb-overall', hidden: true }, overallText, overall);
  const resultTitle = uid('res');
  const resultHead = h('h3', { id: resultTitle, class: 'result-title', tabindex: '-1', hidden: true }, '取り込みの結果');
  const list = h('ul', { class: 'kb-file-list', 'aria-labelledby': resultTitle });
  const summary = h('p', { role: 'status', class: 'kb-summary' });

  let files = [];
  const choose = (fl) => {
    files = Array.from(fl || []);
    list.replaceChildren();
    resultHead.hidden = true;
    summary.textContent = '';
    if (!files.length) {
      chosen.textContent = 'ファイルはまだ選ばれていません。';
      start.disabled = true;
      return;
    }
    const total = files.reduce((n, f) => n + f.size, 0);
    chosen.textContent = `選んだファイル: ${files.length} 件（合計 ${formatBytes(total)}）`;
    start.disabled = false;
    for (const f of files) list.appendChild(fileRow(f).li);
  };

  // Rows are rebuilt when the batch starts, so each file has its own progress.
  function fileRow(f) {
    const progId = uid('fp');
    const badge = h('span', { class: 'badge' }, '待機中');
    const prog = h('progress', { max: '100', value: 0, 'aria-labelledby': progId, hidden: true });
    const msg = h('p', { class: 'kb-file-msg small' });
    const li = h('li', { class: 'kb-file' },
      h('div', { class: 'kb-file-head' },
        h('span', { class: 'kb-file-name', id: progId }, f.name),
        h('span', { class: 'muted small' }, formatBytes(f.size)),
        badge),
      prog, msg);
    return { li, badge, prog, msg };
  }

  const setBadge = (row, status) => {
    const s = STATUS[status];
    row.badge.className = `badge ${s.cls}`;
    row.badge.textContent = s.label;
  };

  async function run() {
    if (!files.length) return;
    start.disabled = true;
    input.disabled = true;
    resultHead.hidden = true;
    summary.textContent = '';
    const rows = files.map(fileRow);
    replace(list, rows.map((r) => r.li));
    const totalBytes = files.reduce((n, f) => n + f.size, 0) || 1;
    let doneBytes = 0;
    overall.value = 0;
    overallWrap.hidden = false;
    const counts = { new: 0, replaced: 0, unchanged: 0, failed: 0 };
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      const row = rows[i];
      overallText.textContent = `全体の進み具合（${i + 1} / ${files.length} 件目）`;
      row.badge.textContent = '送信中';
      row.prog.hidden = false;
      const ext = (/\.[^.]+$/.exec(f.name.toLowerCase()) || [''])[0];
      try {
        if (!EXTENSIONS.includes(ext)) {
          throw Object.assign(new Error(`${f.name}: この種類のファイルは取り込めません（${EXTENSIONS.join(' ')}）。`), { details: [] });
        }
        if (f.size > MAX_BYTES) {
          throw Object.assign(new Error(`${f.name}: ファイルが大きすぎます（${formatBytes(f.size)}）。64 MB 以下に分けてください。`), { details: [] });
        }
        if (f.size === 0) throw Object.assign(new Error(`${f.name}: ファイルが空です。`), { details: [] });
        const r = await upload(withQuery('/api/v1/kb/import', { filename: f.name }), f, 'application/octet-stream',
          (loaded, total) => {
            row.prog.value = Math.round((loaded / total) * 100);
            overall.value = Math.round(((doneBytes + loaded) / totalBytes) * 100);
            if (loaded >= total) row.badge.textContent = 'サーバーで処理中';
          });
        const status = STATUS[r.status] ? r.status : 'new';
        counts[status] += 1;
        setBadge(row, status);
        row.msg.textContent = STATUS[status].text(r);
        if (r.visibility_note) {
          row.li.appendChild(h('p', { class: 'notice notice-error kb-visibility-note' },
            `注意: ${r.visibility_note}。住民向けページには表示されません。公開する項目は、下の一覧で選んで「まとめて公開」を押してください。`));
        }
      } catch (err) {
        counts.failed += 1;
        setBadge(row, 'failed');
        row.msg.textContent = err.message || '取り込めませんでした。';
        const details = Array.isArray(err.details) ? err.details : [];
        if (details.length) {
          row.li.appendChild(h('ul', { class: 'kb-file-problems' },
            details.map((d) => h('li', null, problemText(d, f.name)))));
          const more = (err.errorCount || 0) - details.length;
          if (more > 0) row.li.appendChild(h('p', { class: 'small' }, `ほかに ${num(more)} 件の問題があります。`));
        }
      }
      row.prog.value = 100;
      row.prog.hidden = true;
      doneBytes += f.size;
      overall.value = Math.round((doneBytes / totalBytes) * 100);
    }
    overallText.textContent = `全体の進み具合（${files.length} 件すべて完了）`;
    const parts = [];
    if (counts.new) parts.push(`新規 ${counts.new} 件`);
    if (counts.replaced) parts.push(`置換 ${counts.replaced} 件`);
    if (counts.unchanged) parts.push(`変更なし ${counts.unchanged} 件`);
    if (counts.failed) parts.push(`取り込み不可 ${counts.failed} 件`);
    // A refused file is not "done": when nothing was taken in, say so first.
    const head = counts.failed === files.length ? '取り込めませんでした' : '取り込みが終わりました';
    summary.textContent = `${head}: ${parts.join('、')}。${counts.failed ? '取り込み不可のファイルは内容を1件も登録していません。表示された行を直して、もう一度取り込んでください。' : ''}`;
    resultHead.hidden = false;
    resultHead.focus();
    announce(summary.textContent);
    input.disabled = false;
    input.value = '';
    files = [];
    chosen.textContent = 'ファイルはまだ選ばれていません。';
    if (counts.new || counts.replaced) await onImported();
  }

  input.addEventListener('change', () => choose(input.files));
  drop.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    drop.classList.add('is-dragover');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('is-dragover'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('is-dragover');
    const fl = ev.dataTransfer && ev.dataTransfer.files;
    if (fl && fl.length) {
      choose(fl);
      start.focus();
    }
  });
  start.addEventListener('click', () => {
    run().catch((err) => { summary.textContent = err.message; });
  });

  return h('section', { class: 'section card', 'aria-labelledby': 'kb-import-title' },
    h('h2', { id: 'kb-import-title', class: 'section-title' }, 'ファイルの取り込み'),
    drop,
    h('div', { class: 'form-actions' }, start),
    overallWrap,
    resultHead,
    summary,
    list,
    h('details', { class: 'details' }, h('summary', null, '取り込めるファイルと FAQ 表の形式'), formatHelp()));
}
