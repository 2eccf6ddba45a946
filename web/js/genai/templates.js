// genai/templates.js: the prompt templates of the 生成AI page — the picker
// (category filter, search, one button per template), the form with one
// field per template variable, the client-side filling used for the guard
// preview, and the dialog that creates or edits a template.
//
// A template comes from GET /api/v1/ws/templates: {id, name, category,
// description, body, variables: [{name, label, multiline, required}],
// shared, usage_count}. Its body holds {{name}} placeholders (Japanese
// letters — kanji, kana — or lower-case ASCII, the rule of var_name_ok in
// src/ws/ws_template.c), filled by the server exactly as fillTemplate() does here.

import { h, uid, field, formDialog, num } from '../dom.js';
import { api } from '../api.js';

// The same letters as var_cp_japanese() on the server; at most 20 characters.
const JA = '\u3041-\u309F\u30A0-\u30FF\u3005\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFF9F';
const PLACEHOLDER = new RegExp(`\\{\\{([a-z${JA}][a-z0-9_${JA}]{0,19})\\}\\}`, 'g');

/** The text the server renders from body and values ({{name}} → value, missing → ""). */
export function fillTemplate(body, values) {
  return String(body || '').replace(PLACEHOLDER, (_, name) =>
    (Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : ''));
}

/** Variable names in order of first use in body. */
export function placeholderNames(body) {
  const names = [];
  for (const m of String(body || '').matchAll(PLACEHOLDER)) {
    if (!names.includes(m[1])) names.push(m[1]);
  }
  return names;
}

const ALL_CATEGORIES = '';

/**
 * The picker. onSelect(template|null) is called when staff choose a
 * template (null: 自由入力). Returns {el, setTemplates(list), selected()}.
 */
export function templatePicker({ onSelect, onEdit, onDelete, canEdit }) {
  let templates = [];
  let current = null;
  const searchId = uid('tpl-q');
  const search = h('input', { type: 'search', id: searchId, class: 'input', autocomplete: 'off' });
  const category = h('select', { id: uid('tpl-cat'), class: 'input' });
  const list = h('ul', { class: 'genai-tpl-list', 'aria-label': 'ひな形の一覧' });
  const count = h('p', { class: 'small muted', role: 'status' });
  const free = h('button', { type: 'button', class: 'btn genai-tpl-free', 'aria-pressed': 'true' }, 'ひな形を使わずに入力する');
  free.addEventListener('click', () => choose(null));

  const el = h('section', { class: 'genai-tpl', 'aria-labelledby': 'genai-tpl-title' },
    h('h3', { id: 'genai-tpl-title', class: 'genai-section-title' }, 'ひな形を選ぶ'),
    h('div', { class: 'genai-tpl-filters' },
      h('div', { class: 'field' }, h('label', { for: category.id, class: 'field-label' }, '分類'), category),
      h('div', { class: 'field' }, h('label', { for: searchId, class: 'field-label' }, 'ひな形を検索'), search)),
    count, list, free);

  function choose(t) {
    current = t;
    free.setAttribute('aria-pressed', t ? 'false' : 'true');
    for (const b of list.querySelectorAll('button.genai-tpl-item')) {
      b.setAttribute('aria-pressed', t && b.dataset.id === String(t.id) ? 'true' : 'false');
    }
    onSelect(t);
  }

  function draw() {
    const q = search.value.trim().toLowerCase();
    const cat = category.value;
    const shown = templates.filter((t) => (cat === ALL_CATEGORIES || t.category === cat)
      && (!q || `${t.name} ${t.description || ''} ${t.category || ''}`.toLowerCase().includes(q)));
    list.replaceChildren(...shown.map((t) => {
      // The button's name is its whole visible text (name, then kind, use
      // count and description), so that speech input can say what it sees
      // (WCAG 2.5.3; a name of the template name alone did not match).
      const pick = h('button', {
        type: 'button', class: 'genai-tpl-item', 'data-id': String(t.id),
        'aria-pressed': current && current.id === t.id ? 'true' : 'false',
      },
      h('span', { class: 'genai-tpl-name' }, t.name),
      h('span', { class: 'genai-tpl-meta' },
        h('span', { class: t.shared ? 'badge' : 'badge badge-pending' }, t.shared ? '共有' : '個人'),
        t.category ? ` ${t.category}` : '',
        ` ・ 利用 ${num(t.usage_count)} 回`,
        t.description ? h('span', { class: 'genai-tpl-desc' }, t.description) : null));
      pick.addEventListener('click', () => choose(t));
      const tools = canEdit(t) ? h('span', { class: 'genai-tpl-tools' },
        h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${t.name} を編集`, onclick: () => onEdit(t) }, '編集'),
        h('button', { type: 'button', class: 'btn btn-small btn-danger-outline', 'aria-label': `${t.name} を削除`, onclick: () => onDelete(t) }, '削除'))
        : null;
      return h('li', null, pick, tools);
    }));
    count.textContent = shown.length === templates.length
      ? `ひな形 ${templates.length} 件`
      : `ひな形 ${templates.length} 件中 ${shown.length} 件を表示`;
  }

  search.addEventListener('input', draw);
  category.addEventListener('change', draw);

  function setTemplates(list0) {
    templates = Array.isArray(list0) ? list0 : [];
    const cats = [...new Set(templates.map((t) => t.category).filter(Boolean))];
    const keep = category.value;
    category.replaceChildren(h('option', { value: ALL_CATEGORIES }, 'すべての分類'),
      ...cats.map((c) => h('option', { value: c }, c)));
    category.value = cats.includes(keep) ? keep : ALL_CATEGORIES;
    if (current) current = templates.find((t) => t.id === current.id) || null;
    draw();
  }

  return { el, setTemplates, selected: () => current, choose, all: () => templates };
}

/**
 * The form for one template's variables. onChange() after every edit.
 * Returns {el, values(), check() → first invalid input or null, focus()}.
 */
export function variableForm(template, onChange) {
  const fields = (template.variables || []).map((v) => {
    const input = v.multiline
      ? h('textarea', { class: 'input', rows: '5', name: v.name })
      : h('input', { type: 'text', class: 'input', name: v.name, autocomplete: 'off' });
    input.addEventListener('input', () => { f.setError(null); onChange(); });
    const f = field(v.label || v.name, input, { required: !!v.required });
    return { v, f };
  });
  const el = h('div', { class: 'genai-vars' },
    template.description ? h('p', { class: 'small muted' }, template.description) : null,
    fields.length ? fields.map((x) => x.f.wrap) : h('p', { class: 'small' }, 'このひな形には入力する項目がありません。'));
  return {
    el,
    values() {
      const out = {};
      for (const { v, f } of fields) out[v.name] = f.input.value;
      return out;
    },
    check() {
      let first = null;
      for (const { v, f } of fields) {
        if (v.required && f.input.value.trim() === '') {
          f.setError(`「${v.label || v.name}」を入力してください。`);
          if (!first) first = f.input;
        }
      }
      return first;
    },
    focus() { if (fields.length) fields[0].f.input.focus(); },
  };
}

/**
 * Creates (template null) or edits a template in a dialog. The variables
 * follow the body: each {{name}} gets a row for its label and switches.
 * canShare: the user may create shared templates (editor, admin).
 * Resolves true when saved.
 */
export function editTemplate({ template, canShare, categories }) {
  const t = template || { name: '', category: '', description: '', body: '', variables: [], shared: false };
  const known = new Map((t.variables || []).map((v) => [v.name, { ...v }]));
  let name;
  let cat;
  let desc;
  let body;
  let shared = null;
  let varsBox;
  const setters = {};

  const drawVars = () => {
    const names = placeholderNames(body.input.value);
    if (!names.length) {
      varsBox.replaceChildren(h('p', { class: 'small muted' },
        '本文に {{項目名}} のように名前を二重の波かっこで囲んで書くと、使うときの入力欄になります。名前は日本語（漢字・かな）か英小文字で、20 文字までです。例: {{相手の名前}}、{{text}}'));
      return;
    }
    varsBox.replaceChildren(...names.map((n) => {
      if (!known.has(n)) known.set(n, { name: n, label: n, multiline: false, required: true });
      const v = known.get(n);
      const label = h('input', { type: 'text', class: 'input', value: v.label || n });
      label.addEventListener('input', () => { v.label = label.value; });
      const multi = h('input', { type: 'checkbox', checked: !!v.multiline });
      multi.addEventListener('change', () => { v.multiline = multi.checked; });
      const req = h('input', { type: 'checkbox', checked: v.required !== false });
      req.addEventListener('change', () => { v.required = req.checked; });
      return h('fieldset', { class: 'fieldset genai-var-row' },
        h('legend', null, `{{${n}}}`),
        field('入力欄の見出し', label).wrap,
        field('複数行で入力する', multi).wrap,
        field('入力を必須にする', req).wrap);
    }));
  };

  return formDialog({
    title: template ? 'ひな形の編集' : 'ひな形の作成',
    submitLabel: '保存',
    build(box) {
      name = field('名前', h('input', { type: 'text', class: 'input', value: t.name, maxlength: '200' }), { required: true });
      const listId = uid('cats');
      cat = field('分類', h('input', { type: 'text', class: 'input', value: t.category || '', list: listId, maxlength: '100' }));
      desc = field('説明', h('input', { type: 'text', class: 'input', value: t.description || '', maxlength: '1000' }));
      body = field('本文（AI への指示）', h('textarea', { class: 'input', rows: '8' }), {
        required: true, hint: '差し込む箇所は {{お知らせの内容}} や {{text}} のように、日本語（漢字・かな）か英小文字の名前を二重の波かっこで囲みます。',
      });
      body.input.value = t.body || '';
      body.input.addEventListener('input', drawVars);
      varsBox = h('div', { class: 'genai-var-rows' });
      setters.name = name.setError;
      setters.category = cat.setError;
      setters.description = desc.setError;
      setters.body = body.setError;
      if (!template && canShare) {
        shared = field('庁内で共有する（全職員が使えます）', h('input', { type: 'checkbox' }));
      }
      // (through h(): a plain append() would print a null as "null")
      box.appendChild(h('div', null, name.wrap, cat.wrap, h('datalist', { id: listId }, (categories || []).map((c) => h('option', { value: c }))),
        desc.wrap, body.wrap, h('h3', { class: 'genai-dialog-sub' }, '入力欄'), varsBox,
        shared ? shared.wrap : null,
        template ? h('p', { class: 'small muted' }, t.shared ? '庁内で共有しているひな形です。' : 'ご自分だけが使えるひな形です。') : null));
      drawVars();
      return name.input;
    },
    async submit(form, errorBox) {
      errorBox.replaceChildren();
      for (const s of Object.values(setters)) s(null);
      const spec = {
        name: name.input.value.trim(),
        category: cat.input.value.trim(),
        description: desc.input.value.trim(),
        body: body.input.value,
        variables: placeholderNames(body.input.value).map((n) => {
          const v = known.get(n);
          return { name: n, label: (v.label || n).trim() || n, multiline: !!v.multiline, required: v.required !== false };
        }),
      };
      if (!spec.name) { name.setError('名前を入力してください。'); name.input.focus(); throw new Error('invalid'); }
      if (!spec.body.trim()) { body.setError('本文を入力してください。'); body.input.focus(); throw new Error('invalid'); }
      try {
        if (template) await api('PUT', `/api/v1/ws/templates/${encodeURIComponent(t.id)}`, spec);
        else await api('POST', '/api/v1/ws/templates', { ...spec, shared: shared ? shared.input.checked : false });
      } catch (err) {
        const set = err.field && setters[err.field];
        if (set) set(err.message);
        else errorBox.replaceChildren(h('div', { class: 'notice notice-error', role: 'alert' }, err.message));
        throw err;
      }
    },
  });
}
