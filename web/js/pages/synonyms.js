// pages/synonyms.js: 同義語 (admin, editor). The synonym groups used to
// expand questions (転入/引っ越し, マイナンバー/個人番号...), edited as text:
// one group per line, spellings separated by 「、」 or commas
// (GET/PUT /api/v1/kb/synonyms; a PUT replaces all groups).

import { h, replace, notice, uid, num, announce } from '../dom.js';
import { api } from '../api.js';

/** Lines → [[spelling, ...], ...]; problems as {line, message}. Pure. */
export function parseSynonymText(text) {
  const groups = [];
  const problems = [];
  String(text || '').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const seen = new Set();
    const words = [];
    for (const w of line.split(/[、,，､]/).map((x) => x.trim()).filter(Boolean)) {
      if (!seen.has(w)) { seen.add(w); words.push(w); }
    }
    if (words.length < 2) {
      problems.push({ line: i + 1, message: '同じ意味の言葉を「、」で区切って 2 つ以上書いてください' });
      return;
    }
    groups.push(words);
  });
  return { groups, problems };
}

export async function renderSynonyms(body, ctx) {
  const textId = uid('syn');
  const hintId = uid('hint');
  const area = h('textarea', { id: textId, name: 'synonyms', rows: '18', class: 'kb-textarea kb-synonyms', spellcheck: 'false', 'aria-describedby': hintId });
  const errors = h('div');
  const status = h('div');
  const count = h('p', { class: 'muted small', role: 'status' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, '保存する');
  const revert = h('button', { type: 'button', class: 'btn' }, '保存した内容に戻す');
  const form = h('form', { novalidate: true },
    h('label', { for: textId, class: 'field-label' }, '同義語のグループ（1行に1グループ）'),
    h('p', { class: 'field-hint', id: hintId }, '同じ意味の言葉を「、」かコンマで区切って1行に書きます。例: 引っ越し、転居、転入'),
    area, count, errors,
    h('div', { class: 'form-actions' }, save, revert));
  replace(body,
    h('p', { class: 'lead' }, '質問の言葉と FAQ の言葉が違っていても回答が見つかるように、同じ意味の言葉をまとめて登録します。たとえば「引っ越し」と聞かれたときに「転入」「転居」の FAQ も探します。'),
    status,
    h('section', { class: 'section card', 'aria-label': '同義語の編集' }, form));

  let saved = [];
  const show = (groups) => {
    area.value = groups.map((g) => g.join('、')).join('\n');
    area.removeAttribute('aria-invalid');
    errors.replaceChildren();
    count.textContent = `${num(groups.length)} グループ`;
  };
  async function load() {
    const r = await api('GET', '/api/v1/kb/synonyms');
    if (!ctx.alive()) return;
    saved = Array.isArray(r.groups) ? r.groups : [];
    show(saved);
    if (!saved.length) {
      replace(status, notice('info', 'まだ同義語は登録されていません。上の例のように、1行に1グループずつ書いて保存してください。'));
    }
  }

  area.addEventListener('input', () => {
    count.textContent = `${num(parseSynonymText(area.value).groups.length)} グループ（未保存）`;
  });
  revert.addEventListener('click', () => {
    show(saved);
    status.replaceChildren();
    area.focus();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    errors.replaceChildren();
    const { groups, problems } = parseSynonymText(area.value);
    if (problems.length) {
      area.setAttribute('aria-invalid', 'true');
      const n = notice('error',
        h('p', null, '次の行を直してください。'),
        h('ul', { class: 'error-list' }, problems.map((p) => h('li', null, h('span', { class: 'error-line' }, `${p.line} 行目`), ': ', p.message))));
      errors.appendChild(n);
      area.focus();
      return;
    }
    area.removeAttribute('aria-invalid');
    save.disabled = true;
    try {
      const r = await api('PUT', '/api/v1/kb/synonyms', { groups });
      saved = Array.isArray(r.groups) ? r.groups : groups;
      show(saved);
      const n = notice('success', `同義語を保存しました（${num(saved.length)} グループ）。次の質問から使われます。`);
      n.tabIndex = -1;
      replace(status, n);
      n.focus();
      announce('同義語を保存しました。');
    } catch (err) {
      area.setAttribute('aria-invalid', 'true');
      errors.appendChild(notice('error', err.message));
      area.focus();
    } finally {
      save.disabled = false;
    }
  });

  await load();
}
