// pages/kb.js: ナレッジ管理 (admin, editor). Three sections: file import
// (kb-import.js), the imported files (GET/DELETE /api/v1/kb/sources) and
// the entries with search, filters and paging (GET /api/v1/kb/entries),
// each editable (PUT), hideable (hide/show) and deletable; editors may
// also add an FAQ entry by hand (POST /api/v1/kb/entries). Entries on the
// page can be selected and made 公開 / 職員のみ or given one category in
// one step (POST /api/v1/kb/bulk/public, /api/v1/kb/bulk/category).

import { h, replace, notice, uid, field, table, tableWrap, confirmDialog, formDialog, timeEl, formatBytes, num, announce } from '../dom.js';
import { api, withQuery } from '../api.js';
import { importSection } from './kb-import.js';

const PAGE_SIZE = 50;

const KIND_LABEL = { faq: 'FAQ', passage: '文書の抜粋' };

function input(name, value, attrs = {}) {
  return h('input', { type: 'text', name, value: value || '', autocomplete: 'off', ...attrs });
}

function textarea(name, value, rows = 6) {
  const t = h('textarea', { name, rows: String(rows), class: 'kb-textarea' });
  t.value = value || '';
  return t;
}

/**
 * The edit form of one entry (or a new FAQ entry when e is null), in a
 * dialog. A PUT replaces every editable field, so the fields this form
 * does not show are sent back unchanged. Resolves true when saved.
 */
export function editEntryDialog(e) {
  const isNew = !e;
  const entry = e || { kind: 'faq', question: '', answer: '', title: '', heading_path: '', body: '', category: '', url: '', public: false };
  const faq = entry.kind === 'faq';
  let f = null;
  return formDialog({
    title: isNew ? 'FAQ を追加' : (faq ? 'FAQ を編集' : '文書の抜粋を編集'),
    submitLabel: isNew ? '追加する' : '保存する',
    build: (body) => {
      f = faq ? {
        question: field('質問', input('question', entry.question), { required: true }),
        answer: field('回答', textarea('answer', entry.answer), { required: true }),
      } : {
        title: field('題名', input('title', entry.title)),
        heading_path: field('見出し', input('heading_path', entry.heading_path), { hint: '「第1章 総則 > 第3条」のように「>」で区切ります。' }),
        body: field('本文', textarea('body', entry.body, 8), { required: true }),
      };
      f.category = field('カテゴリ', input('category', entry.category), { hint: '「届出・証明」「ごみ」など。空欄でもかまいません。' });
      f.url = field('URL', input('url', entry.url, { type: 'url', inputmode: 'url' }), { hint: '詳しい案内のページ（https:// から）。回答にリンクとして表示します。' });
      f.public = field('住民向けページにも公開する', h('input', { type: 'checkbox', name: 'public', checked: !!entry.public }),
        { hint: 'チェックしない項目は、職員の問い合わせ画面にだけ表示されます。' });
      if (entry.source_name) {
        // kb_import_file replaces a changed file's entries: say so before editing.
        body.appendChild(notice('info', `この項目はファイル「${entry.source_name}」から取り込んだものです。同じ名前のファイルを内容を変えて取り込み直すと、ここで直した内容は置き換わります。長く使う修正は、元のファイルにも反映してください。`));
      }
      for (const x of Object.values(f)) body.appendChild(x.wrap);
      return faq ? f.question.input : f.body.input;
    },
    submit: async (form, errorBox) => {
      for (const x of Object.values(f)) x.setError('');
      errorBox.replaceChildren();
      const val = (k) => (f[k] ? f[k].input.value.trim() : (entry[k] || ''));
      const spec = {
        kind: entry.kind,
        question: val('question'),
        answer: val('answer'),
        title: val('title'),
        heading_path: val('heading_path'),
        body: val('body'),
        category: val('category'),
        url: val('url'),
        public: f.public.input.checked,
      };
      const missing = faq ? ['question', 'answer'].filter((k) => !spec[k]) : (spec.body ? [] : ['body']);
      if (missing.length) {
        for (const k of missing) f[k].setError('入力してください。');
        f[missing[0]].input.focus();
        throw new Error('missing');
      }
      try {
        if (isNew) await api('POST', '/api/v1/kb/entries', spec);
        else await api('PUT', `/api/v1/kb/entries/${entry.id}`, spec);
      } catch (err) {
        if (err.field && f[err.field]) {
          f[err.field].setError(err.message);
          f[err.field].input.focus();
        } else {
          errorBox.replaceChildren(notice('error', err.message));
        }
        throw err;
      }
    },
  });
}

export async function renderKb(body, ctx) {
  const status = h('div', { class: 'page-status' });
  const setStatus = (kind, text) => {
    const n = notice(kind, text);
    n.tabIndex = -1;
    replace(status, n);
    n.focus();
  };

  // ---- sources ----
  const sourcesBody = h('div', null, h('p', { class: 'muted' }, '読み込んでいます…'));
  const sourcesSection = h('section', { class: 'section', 'aria-labelledby': 'kb-sources-title' },
    h('h2', { id: 'kb-sources-title', class: 'section-title' }, '取り込んだファイル'),
    sourcesBody);

  // ---- entries: filters ----
  const q = h('input', { type: 'search', id: uid('q'), name: 'q', autocomplete: 'off', maxlength: '200' });
  const kind = h('select', { id: uid('kind'), name: 'kind' },
    h('option', { value: '' }, 'すべて'),
    h('option', { value: 'faq' }, 'FAQ'),
    h('option', { value: 'passage' }, '文書の抜粋'));
  const source = h('select', { id: uid('source'), name: 'source' }, h('option', { value: '' }, 'すべてのファイル'));
  const category = h('input', { type: 'text', id: uid('cat'), name: 'category', autocomplete: 'off', maxlength: '200' });
  const hidden = h('input', { type: 'checkbox', id: uid('hid'), name: 'hidden', checked: true });
  const filterForm = h('form', { class: 'search-form kb-filters', role: 'search', 'aria-label': '項目の検索' },
    h('div', { class: 'field' }, h('label', { for: q.id, class: 'field-label' }, '言葉で検索'), q),
    h('div', { class: 'field' }, h('label', { for: kind.id, class: 'field-label' }, '種類'), kind),
    h('div', { class: 'field' }, h('label', { for: source.id, class: 'field-label' }, 'ファイル'), source),
    h('div', { class: 'field' }, h('label', { for: category.id, class: 'field-label' }, 'カテゴリ（完全一致）'), category),
    h('div', { class: 'field-check' }, hidden, h('label', { for: hidden.id }, '非表示の項目も表示')),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, '検索')));
  const addBtn = h('button', { type: 'button', class: 'btn btn-primary' }, 'FAQ を追加');
  const entriesBody = h('div', null, h('p', { class: 'muted' }, '読み込んでいます…'));
  const entriesSection = h('section', { class: 'section', 'aria-labelledby': 'kb-entries-title' },
    h('div', { class: 'section-head' },
      h('h2', { id: 'kb-entries-title', class: 'section-title' }, '登録されている項目'), addBtn),
    filterForm, entriesBody);

  replace(body,
    h('p', { class: 'lead' }, '問い合わせに答えるための FAQ と文書（ナレッジ）を管理します。ファイルを取り込むと、すぐに問い合わせ画面の回答に使われます。'),
    status,
    importSection(async () => { await Promise.all([loadSources(), loadEntries()]); }),
    sourcesSection,
    entriesSection);

  let sources = [];
  let offset = 0;
  let filters = { q: '', kind: '', source: '', category: '', hidden: 1 };

  async function loadSources() {
    const r = await api('GET', '/api/v1/kb/sources');
    if (!ctx.alive()) return;
    sources = r.sources || [];
    const keep = source.value;
    replace(source, h('option', { value: '' }, 'すべてのファイル'),
      h('option', { value: '-1' }, '（画面で追加した FAQ）'),
      sources.map((s) => h('option', { value: String(s.id) }, s.name)));
    source.value = [...source.options].some((o) => o.value === keep) ? keep : '';
    if (!sources.length) {
      replace(sourcesBody, h('p', { class: 'empty-state' }, 'まだファイルを取り込んでいません。上の「ファイルの取り込み」から、FAQ の表（CSV など）や規程・手引きの文書を取り込んでください。'));
      return;
    }
    const t = table(`取り込んだファイル（${sources.length} 件）`, ['ファイル名', '形式', '大きさ', '項目数', '取り込んだ日時', '操作'], { captionHidden: true });
    for (const s of sources) {
      t.tbody.appendChild(h('tr', null,
        h('th', { scope: 'row', class: 'break' }, s.name),
        h('td', null, String(s.kind || '').toUpperCase()),
        h('td', { class: 'num' }, formatBytes(s.size || 0)),
        h('td', { class: 'num' }, `${num(s.entry_count)} 件`),
        h('td', null, timeEl(s.imported_at)),
        h('td', null, h('button', {
          type: 'button', class: 'btn btn-small btn-danger-outline', 'aria-label': `${s.name} を削除`,
          onclick: () => deleteSource(s),
        }, '削除'))));
    }
    replace(sourcesBody, tableWrap(t.table, '取り込んだファイル（横にスクロールできます）'));
  }

  async function deleteSource(s) {
    const ok = await confirmDialog({
      title: 'ファイルを削除しますか？',
      message: `「${s.name}」と、そこから取り込んだ ${num(s.entry_count)} 件の項目を削除します。削除した項目は問い合わせの回答に使われなくなります。元に戻すには、ファイルをもう一度取り込んでください。`,
      confirmLabel: '削除する',
      danger: true,
    });
    if (!ok) return;
    try {
      await api('DELETE', `/api/v1/kb/sources/${s.id}`);
      await Promise.all([loadSources(), loadEntries()]);
      setStatus('success', `「${s.name}」を削除しました。`);
    } catch (err) {
      setStatus('error', err.message);
    }
  }

  async function loadEntries(focusTarget) {
    const params = { ...filters, offset, limit: PAGE_SIZE };
    const current = ctx.turn('entries');
    const r = await api('GET', withQuery('/api/v1/kb/entries', params));
    if (!current()) return;
    const entries = r.entries || [];
    const total = Number(r.total || 0);
    const filtered = filters.q || filters.kind || filters.source || filters.category || !filters.hidden;
    if (total === 0 && !filtered) {
      replace(entriesBody, h('div', { class: 'empty-state' },
        h('p', { class: 'empty-title' }, 'まだ項目がありません。'),
        h('p', null, '次のどちらかで登録してください。'),
        h('ul', { class: 'bullet-list' },
          h('li', null, '上の「ファイルの取り込み」で、FAQ の表（1行目に「質問」「回答」の列がある CSV・Excel から保存した CSV など）や、規程・手引きの文書（Word・PDF など）を取り込む。'),
          h('li', null, '「FAQ を追加」から、質問と回答を1件ずつ入力する。')),
        h('p', null, '答えられなかった質問は「未回答の質問」に集まるので、そこから FAQ を作ることもできます。')));
      return;
    }
    if (entries.length === 0 && offset > 0) {
      // The last item of the last page was deleted: show the page before.
      offset = Math.max(0, offset - PAGE_SIZE);
      await loadEntries(focusTarget);
      return;
    }
    if (entries.length === 0) {
      replace(entriesBody, h('p', { class: 'empty-state', role: 'status' }, '条件に合う項目はありません。検索の言葉や絞り込みを変えてみてください。'));
      return;
    }
    const from = offset + 1;
    const to = offset + entries.length;
    const countText = `全 ${num(total)} 件中 ${num(from)}〜${num(to)} 件目`;
    const t = table(`登録されている項目（${countText}）`, ['選択', '質問・題名', '回答・本文', '種類・カテゴリ', '公開', '状態', '出典', '操作']);
    const selected = new Map(); // id -> entry, this page only
    const bulk = bulkBar(selected, entries);
    for (const e of entries) {
      const faq = e.kind === 'faq';
      const label = (faq ? e.question : (e.title || e.heading_path)) || '（題名なし）';
      const where = e.source_name ? [e.source_name, e.locator].filter(Boolean).join(' ') : '職員が登録した FAQ';
      const pick = h('input', { type: 'checkbox', class: 'kb-pick', 'aria-label': `「${label}」を選ぶ` });
      pick.addEventListener('change', () => {
        if (pick.checked) selected.set(e.id, e); else selected.delete(e.id);
        bulk.update();
      });
      t.tbody.appendChild(h('tr', { class: e.hidden ? 'row-disabled' : null },
        h('td', null, pick),
        h('th', { scope: 'row', class: 'kb-cell-text' }, label,
          !faq && e.heading_path && e.title ? h('span', { class: 'self-mark' }, e.heading_path) : null),
        h('td', { class: 'kb-cell-text' }, h('span', { class: 'kb-clip' }, faq ? e.answer : e.body)),
        h('td', null, h('span', { class: 'badge' }, KIND_LABEL[e.kind] || e.kind), e.category ? h('span', { class: 'badge' }, e.category) : null),
        h('td', null, e.public ? h('span', { class: 'badge badge-on' }, '公開') : h('span', { class: 'badge' }, '職員のみ')),
        h('td', null, e.hidden ? h('span', { class: 'badge badge-off' }, '非表示') : h('span', { class: 'badge badge-on' }, '表示')),
        h('td', { class: 'break small' }, where),
        h('td', null, h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `「${label}」を編集`, onclick: () => edit(e) }, '編集'),
          e.hidden
            ? h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `「${label}」を再表示`, onclick: () => setHidden(e, label, false) }, '再表示')
            : h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `「${label}」を非表示`, onclick: () => setHidden(e, label, true) }, '非表示'),
          h('button', { type: 'button', class: 'btn btn-small btn-danger-outline', 'aria-label': `「${label}」を削除`, onclick: () => remove(e, label) }, '削除')))));
    }
    const prev = h('button', { type: 'button', class: 'btn', disabled: offset === 0 }, '前へ');
    const next = h('button', { type: 'button', class: 'btn', disabled: to >= total }, '次へ');
    prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); loadEntries('prev').catch(showListError); });
    next.addEventListener('click', () => { offset += PAGE_SIZE; loadEntries('next').catch(showListError); });
    replace(entriesBody, bulk.el, tableWrap(t.table, '登録されている項目（横にスクロールできます）'),
      h('nav', { class: 'pager', 'aria-label': '項目のページ送り' }, prev, h('span', { class: 'pager-status' }, countText), next));
    if (focusTarget === 'prev') (prev.disabled ? next : prev).focus();
    if (focusTarget === 'next') (next.disabled ? prev : next).focus();
  }

  // The bar over the list: select all on the page, 公開 / 職員のみ / 分類.
  function bulkBar(selected, entries) {
    const count = h('span', { class: 'kb-bulk-count', role: 'status' }, '項目が選ばれていません。');
    const all = h('input', { type: 'checkbox', id: uid('all') });
    const pub = h('button', { type: 'button', class: 'btn btn-small', disabled: true }, 'まとめて公開');
    const priv = h('button', { type: 'button', class: 'btn btn-small', disabled: true }, 'まとめて職員のみ');
    const catId = uid('cat');
    const cat = h('input', { type: 'text', id: catId, class: 'kb-bulk-category', autocomplete: 'off', placeholder: '例: 届出・証明' });
    const catBtn = h('button', { type: 'button', class: 'btn btn-small', disabled: true }, '分類をまとめて変える');
    const el = h('div', { class: 'kb-bulk', role: 'group', 'aria-label': '選んだ項目をまとめて変える' },
      h('label', { class: 'inline-check' }, all, ' このページの項目をすべて選ぶ'), count, pub, priv,
      h('label', { for: catId }, '分類'), cat, catBtn);
    const update = () => {
      const n = selected.size;
      count.textContent = n ? `${num(n)} 件を選んでいます。` : '項目が選ばれていません。';
      pub.disabled = priv.disabled = catBtn.disabled = n === 0;
      all.checked = n > 0 && n === entries.length;
    };
    all.addEventListener('change', () => {
      for (const box of entriesBody.querySelectorAll('input.kb-pick')) {
        if (box.checked !== all.checked) { box.checked = all.checked; box.dispatchEvent(new Event('change')); }
      }
    });
    const send = async (path, body, done) => {
      try {
        const r = await api('POST', path, { ids: [...selected.keys()], ...body });
        await loadEntries();
        setStatus('success', done(r));
      } catch (err) {
        setStatus('error', err.message);
      }
    };
    pub.addEventListener('click', () => {
      const docs = [...selected.values()].filter((e) => e.kind !== 'faq').length;
      if (docs) { setStatus('error', `選んだ項目のうち ${num(docs)} 件は文書の抜粋です。公開できるのは FAQ だけです。選択を外してください。`); return; }
      send('/api/v1/kb/bulk/public', { public: true }, (r) => `${num(r.selected)} 件を公開にしました（変わったのは ${num(r.changed)} 件）。住民向けページにも表示されます。`);
    });
    priv.addEventListener('click', () => send('/api/v1/kb/bulk/public', { public: false },
      (r) => `${num(r.selected)} 件を職員のみにしました（変わったのは ${num(r.changed)} 件）。`));
    catBtn.addEventListener('click', () => send('/api/v1/kb/bulk/category', { category: cat.value.trim() },
      (r) => (r.category ? `${num(r.selected)} 件の分類を「${r.category}」にしました。` : `${num(r.selected)} 件の分類を空欄にしました。`)));
    return { el, update };
  }

  const showListError = (err) => replace(entriesBody, notice('error', err.message));

  async function edit(e) {
    let full = e;
    try {
      full = (await api('GET', `/api/v1/kb/entries/${e.id}`)).entry || e;
    } catch (err) {
      setStatus('error', err.message);
      return;
    }
    if (await editEntryDialog(full)) {
      await loadEntries();
      setStatus('success', '項目を保存しました。');
    }
  }

  async function setHidden(e, label, hide) {
    try {
      await api('POST', `/api/v1/kb/entries/${e.id}/${hide ? 'hide' : 'show'}`);
      await loadEntries();
      setStatus('success', hide ? `「${label}」を非表示にしました。問い合わせの回答には使われません。` : `「${label}」を再表示しました。`);
    } catch (err) {
      setStatus('error', err.message);
    }
  }

  async function remove(e, label) {
    const ok = await confirmDialog({
      title: '項目を削除しますか？',
      message: `「${label}」を削除します。元に戻せません。一時的に使わないだけなら「非表示」にしてください。`,
      confirmLabel: '削除する',
      danger: true,
    });
    if (!ok) return;
    try {
      await api('DELETE', `/api/v1/kb/entries/${e.id}`);
      await Promise.all([loadSources(), loadEntries()]);
      setStatus('success', `「${label}」を削除しました。`);
    } catch (err) {
      setStatus('error', err.message);
    }
  }

  filterForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    filters = {
      q: q.value.trim(),
      kind: kind.value,
      source: source.value,
      category: category.value.trim(),
      hidden: hidden.checked ? 1 : 0,
    };
    offset = 0;
    loadEntries().then(() => announce('検索結果を表示しました。')).catch(showListError);
  });
  addBtn.addEventListener('click', async () => {
    if (await editEntryDialog(null)) {
      await loadEntries();
      setStatus('success', 'FAQ を追加しました。');
    }
  });

  await Promise.all([loadSources(), loadEntries()]);
}
