// pages/settings.js: 設定 (admin). The form is generated from GET
// /api/v1/settings (label, help, type, min/max); values fixed by an
// environment variable are shown read-only. Saving sends the changed keys
// in one PUT: the server applies all or nothing and names the bad field.
// A "secret" (API keys) is never sent back by the server: the page shows only
// 設定済み / 未設定 and sends a secret only when something new is typed (or
// when "消去する" is ticked).

import { h, replace, field, notice } from '../dom.js';
import { api } from '../api.js';

// Sections of the page, chosen by key prefix so that a new setting in
// src/store/settings.def lands in a sensible place without a UI change.
const GROUPS = [
  { title: '基本', prefixes: [] }, // everything no prefix below claims
  { title: 'ログインとセキュリティ', prefixes: ['password_', 'session_', 'login_', 'cookie_'] },
  { title: 'シングルサインオン', prefixes: ['sso_'] },
  { title: '生成AI', prefixes: ['llm_'] },
  { title: '埋め込み（ベクトル検索）', prefixes: ['embed_'] },
];

function groupOf(key) {
  const g = GROUPS.find((x) => x.prefixes.some((p) => key.startsWith(p)));
  return g ? g.title : '基本';
}

function envName(key) {
  return `YAKUBA_${String(key).toUpperCase()}`;
}

function hintFor(s) {
  const parts = [];
  if (s.help) parts.push(s.help);
  if (s.type === 'int' && s.min !== null && s.min !== undefined && s.max !== null && s.max !== undefined) {
    parts.push(`${s.min}〜${s.max} の整数。`);
  }
  if (s.type === 'secret') {
    parts.push('安全のため、登録済みの値は表示しません。変更するときだけ新しい値を入力してください。');
  } else if (s.default !== undefined && s.default !== null && s.default !== '') {
    const d = s.type === 'bool' ? (isTrue(s.default) ? '有効' : '無効') : String(s.default);
    parts.push(`既定値: ${d}`);
  }
  if (s.from_env) parts.push(`環境変数 ${envName(s.key)} で指定されているため、この画面では変更できません。`);
  return parts.join(' ');
}

function isTrue(v) {
  return v === true || v === 1 || v === '1' || v === 'true';
}

function inputFor(s) {
  const common = { name: s.key, id: `setting-${s.key}` };
  if (s.type === 'bool') {
    return h('input', { ...common, type: 'checkbox', checked: isTrue(s.value), disabled: !!s.from_env });
  }
  if (s.type === 'int') {
    return h('input', {
      ...common, type: 'number', inputmode: 'numeric', step: '1',
      min: s.min ?? null, max: s.max ?? null, value: String(s.value ?? ''), readOnly: !!s.from_env,
    });
  }
  if (s.type === 'secret') {
    return h('input', { ...common, type: 'password', value: '', autocomplete: 'new-password', readOnly: !!s.from_env, maxlength: '400' });
  }
  return h('input', { ...common, type: 'text', value: String(s.value ?? ''), readOnly: !!s.from_env, maxlength: '400' });
}

/** For a secret: "設定済み / 未設定" and a "消去する" checkbox when set. */
function secretExtras(s) {
  const state = h('p', { class: 'secret-state' }, '現在の状態: ',
    h('span', { class: s.is_set ? 'badge badge-on' : 'badge' }, s.is_set ? '設定済み' : '未設定'));
  if (!s.is_set || s.from_env) return { nodes: [state], clear: null };
  const clear = h('input', { type: 'checkbox', name: `${s.key}__clear`, id: `setting-${s.key}-clear` });
  const clearField = field('登録済みの値を消去する', clear);
  return { nodes: [state, clearField.wrap], clear };
}

/** The value to send, or undefined when the setting is unchanged. */
function changedValue(s, input, clear) {
  if (s.type === 'secret') {
    if (input.value !== '') return input.value;
    return clear && clear.checked ? '' : undefined;
  }
  const v = currentValue(s, input);
  return sameValue(s, v, s.value) ? undefined : v;
}

function currentValue(s, input) {
  if (s.type === 'bool') return input.checked;
  const v = input.value.trim();
  if (s.type === 'int') return /^-?\d+$/.test(v) ? Number(v) : v;
  return v;
}

function sameValue(s, a, b) {
  if (s.type === 'bool') return isTrue(a) === isTrue(b);
  return String(a) === String(b);
}

export async function renderSettings(body, ctx) {
  replace(body, h('p', { class: 'muted' }, '読み込んでいます…'));
  const resp = await api('GET', '/api/v1/settings');
  if (!ctx.alive()) return;
  let settings = resp.settings || [];

  const status = h('div', { class: 'page-status' });
  const form = h('form', { class: 'form settings-form', novalidate: true });
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, '設定を保存');
  replace(body,
    h('p', { class: 'lead' }, 'yakuba 全体の動作を設定します。保存すると、変更した項目がまとめて反映されます（1つでも誤りがあれば、どれも変更しません）。変更は監査ログに記録されます。'),
    status, form);

  let fields = new Map();
  function draw() {
    fields = new Map();
    const groups = new Map(GROUPS.map((g) => [g.title, []]));
    for (const s of settings) {
      const input = inputFor(s);
      const f = field(s.label || s.key, input, { hint: hintFor(s) });
      if (s.from_env) f.wrap.classList.add('is-readonly');
      let clear = null;
      if (s.type === 'secret') {
        const extra = secretExtras(s);
        clear = extra.clear;
        f.wrap.append(...extra.nodes);
      }
      fields.set(s.key, { s, f, clear });
      groups.get(groupOf(s.key)).push(f.wrap);
    }
    const sections = GROUPS.filter((g) => groups.get(g.title).length > 0).map((g, i) =>
      h('section', { class: 'settings-group', 'aria-labelledby': `settings-group-${i}` },
        h('h2', { id: `settings-group-${i}`, class: 'section-title' }, g.title),
        h('div', { class: 'settings-list' }, groups.get(g.title))));
    replace(form, sections, h('div', { class: 'form-actions' }, save));
  }
  draw();

  const setStatus = (kind, text) => {
    const n = notice(kind, text);
    n.tabIndex = -1;
    replace(status, n);
    n.focus();
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    const changes = {};
    for (const { s, f, clear } of fields.values()) {
      f.setError('');
      if (s.from_env) continue;
      const v = changedValue(s, f.input, clear);
      if (v !== undefined) changes[s.key] = v;
    }
    // Client checks mirror the server's (which stays the authority).
    for (const [key, v] of Object.entries(changes)) {
      const { s, f } = fields.get(key);
      if (s.type === 'int' && (typeof v !== 'number' || (s.min != null && v < s.min) || (s.max != null && v > s.max))) {
        f.setError(s.min != null && s.max != null ? `${s.min}〜${s.max} の整数を入力してください。` : '整数を入力してください。');
        f.input.focus();
        return;
      }
    }
    if (Object.keys(changes).length === 0) {
      setStatus('info', '変更された項目はありません。');
      return;
    }
    save.disabled = true;
    try {
      const r = await api('PUT', '/api/v1/settings', changes);
      settings = r.settings || settings;
      draw();
      const city = settings.find((s) => s.key === 'city_name');
      if (city && ctx.onCityChanged) ctx.onCityChanged(String(city.value));
      setStatus('success', `設定を保存しました（${Object.keys(changes).length}項目）。`);
    } catch (err) {
      const target = err.field && fields.get(err.field);
      if (target) {
        target.f.setError(err.message);
        target.f.input.focus();
      } else {
        setStatus('error', `保存できませんでした。${err.message}`);
      }
    } finally {
      save.disabled = false;
    }
  });
}
