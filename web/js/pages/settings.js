// pages/settings.js: 設定 (admin). The forms are generated from GET
// /api/v1/settings (label, help, type, min/max, choices); values fixed by an
// environment variable are shown read-only. The page is one section per
// group, each its own form with its own save button: saving sends that
// section's changed keys in one PUT (the server applies all or nothing and
// names the bad field). An enumeration is a dropdown of its Japanese labels.
// "#/settings/<key>" opens the page at that setting (the 「未設定」 notices
// elsewhere link here). The 生成AI section has a connection test
// (POST /api/v1/settings/llm-test).
// A "secret" (API keys) is never sent back by the server: the page shows only
// 設定済み / 未設定 and sends a secret only when something new is typed (or
// when "消去する" is ticked).

import { h, replace, field, notice } from '../dom.js';
import { api } from '../api.js';
import { qaDecisionCurve } from '../qa-curve.js';

// Sections of the page, chosen by key prefix so that a new setting in
// src/store/settings.def lands in a sensible place without a UI change.
const GROUPS = [
  { title: '基本', prefixes: [] }, // everything no prefix below claims
  { title: 'ログインとセキュリティ', prefixes: ['password_', 'session_', 'login_', 'cookie_'] },
  { title: 'シングルサインオン', prefixes: ['sso_'] },
  { title: '生成AI', prefixes: ['llm_'] },
  { title: '埋め込み（ベクトル検索）', prefixes: ['embed_'] },
  { title: '住民向けページ', prefixes: ['trusted_proxy_', 'public_'] },
  { title: '個人情報の保護', prefixes: ['pii_', 'ws_'] },
  { title: 'ストレスチェック・相談', prefixes: ['stress_', 'wellbeing_', 'opinion_'] },
  { title: '問い合わせAI', prefixes: ['qa_'] },
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
  if (s.type === 'decimal' && s.min != null && s.max != null) {
    parts.push(`${s.min}〜${s.max} の数値。`);
  }
  if (s.type === 'int' && s.min !== null && s.min !== undefined && s.max !== null && s.max !== undefined) {
    parts.push(`${s.min}〜${s.max} の整数。`);
  }
  if (s.type === 'secret') {
    parts.push('安全のため、登録済みの値は表示しません。変更するときだけ新しい値を入力してください。');
  } else if (s.default !== undefined && s.default !== null && s.default !== '') {
    let d = String(s.default);
    if (s.type === 'bool') d = isTrue(s.default) ? '有効' : '無効';
    if (s.type === 'enum') d = choiceLabel(s, s.default);
    parts.push(`既定値: ${d}。`);
  }
  if (s.from_env) parts.push(`環境変数 ${envName(s.key)} で指定されているため、この画面では変更できません。`);
  return parts.join(' ');
}

function choiceLabel(s, v) {
  const c = (s.choices || []).find((x) => x.value === v);
  return c ? c.label : String(v);
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
  if (s.type === 'enum') {
    const choices = s.choices || [];
    const known = choices.some((c) => c.value === s.value);
    return h('select', { ...common, disabled: !!s.from_env },
      known ? null : h('option', { value: String(s.value ?? ''), selected: true }, `（不明な値: ${s.value}）`),
      choices.map((c) => h('option', { value: c.value, selected: c.value === s.value }, c.label)));
  }
  if (s.type === 'url' || s.type === 'origins') {
    return h('input', { ...common, type: 'text', inputmode: 'url', spellcheck: 'false', value: String(s.value ?? ''), readOnly: !!s.from_env, maxlength: '1000' });
  }
  if (s.type === 'decimal') {
    return h('input', { ...common, type: 'text', inputmode: 'decimal', value: String(s.value ?? ''), readOnly: !!s.from_env, maxlength: '20' });
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

/** Where citizens and the city's website reach yakuba (README, install.md). */
function publicCard() {
  const origin = window.location.origin;
  const snippet = `<script src="${origin}/widget.js" data-yakuba-base="${origin}" defer></script>`;
  return h('section', { class: 'section card settings-public', 'aria-labelledby': 'settings-public-title' },
    h('h2', { id: 'settings-public-title', class: 'section-title' }, '住民向けページとウィジェットの場所'),
    h('p', null, '住民向け問い合わせページ: ', h('a', { href: '/public.html' }, `${origin}/public.html`),
      '（公開にした FAQ だけに答えます）。'),
    h('p', null, '市のホームページに問い合わせボタンを置くときは、ページの </body> の前に次の 1 行を貼り付けます（',
      h('a', { href: '/widget-demo.html' }, '表示例'), '）。'),
    h('pre', { class: 'code-sample', tabindex: '0', 'aria-label': 'ウィジェットの埋め込みコード' }, snippet),
    h('p', { class: 'muted' }, 'インターネットから使えるようにするには、市の公開 Web サーバー（リバースプロキシ）で /public.html・/widget.js と /api/v1/public/ だけを中継し、下の「住民向けページ」の設定に、そのサーバーのアドレスと市のホームページのオリジンを入れます。手順は同梱の docs/install.md にあります。'));
}

/** The LLM connection test of the 生成AI section. */
function llmTest() {
  const out = h('div', { class: 'llm-test-result', role: 'status' });
  const btn = h('button', { type: 'button', class: 'btn' }, '接続を試す');
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    replace(out, h('p', { class: 'muted' }, '生成AIサーバーに接続しています…'));
    try {
      const r = await api('POST', '/api/v1/settings/llm-test', {});
      const lines = [];
      lines.push(h('li', null, `モデル一覧: ${r.models_error ? r.models_error : (r.models && r.models.length ? r.models.join('、') : '（サーバーが一覧を返しませんでした）')}`));
      lines.push(h('li', null, r.ok ? `試しの生成: 成功（応答「${r.reply}」）` : `試しの生成: 失敗。${r.error}`));
      lines.push(h('li', null, `かかった時間: ${(r.elapsed_ms / 1000).toFixed(2)} 秒`));
      replace(out, notice(r.ok ? 'success' : 'error', h('p', null, r.ok ? '生成AIサーバーに接続できました。' : '生成AIサーバーに接続できませんでした。'), h('ul', null, lines)));
    } catch (err) {
      replace(out, notice('error', `試せませんでした。${err.message}`));
    } finally {
      btn.disabled = false;
    }
  });
  return h('div', { class: 'llm-test' },
    h('p', { class: 'field-hint' }, '保存した設定で、モデルの一覧の取得と短い生成を 1 回試します。'),
    btn, out);
}

export async function renderSettings(body, ctx) {
  replace(body, h('p', { class: 'muted' }, '読み込んでいます…'));
  const resp = await api('GET', '/api/v1/settings');
  if (!ctx.alive()) return;
  let settings = resp.settings || [];

  const status = h('div', { class: 'page-status' });
  const formsBox = h('div', { class: 'settings-sections' });
  replace(body,
    h('p', { class: 'lead' }, 'yakuba 全体の動作を設定します。区分ごとに保存します（区分の中で 1 つでも誤りがあれば、その区分のどれも変更しません）。変更は監査ログに記録されます。'),
    status, publicCard(), formsBox);

  const setStatus = (box, kind, text) => {
    const n = notice(kind, text);
    n.tabIndex = -1;
    replace(box, n);
    n.focus();
  };

  const fields = new Map();
  function fieldFor(s) {
    const input = inputFor(s);
    const f = field(s.label || s.key, input, { hint: hintFor(s) });
    f.wrap.id = `setting-field-${s.key}`;
    if (s.from_env) f.wrap.classList.add('is-readonly');
    let clear = null;
    if (s.type === 'secret') {
      const extra = secretExtras(s);
      clear = extra.clear;
      f.wrap.append(...extra.nodes);
    }
    fields.set(s.key, { s, f, clear });
    return f.wrap;
  }

  function section(g, i) {
    const mine = () => settings.filter((s) => groupOf(s.key) === g.title);
    const list = h('div', { class: 'settings-list' });
    const secStatus = h('div', { class: 'section-status' });
    const save = h('button', { type: 'submit', class: 'btn btn-primary' }, `「${g.title}」を保存`);
    const draw = () => replace(list, mine().map(fieldFor));
    draw();
    const form = h('form', { class: 'form settings-form', novalidate: true, 'aria-labelledby': `settings-group-${i}` },
      h('h2', { id: `settings-group-${i}`, class: 'section-title' }, g.title),
      secStatus, list,
      g.title === '生成AI' ? llmTest() : null,
      g.title === '問い合わせAI' ? qaDecisionCurve(settings) : null,
      h('div', { class: 'form-actions' }, save));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      status.replaceChildren();
      secStatus.replaceChildren();
      const changes = {};
      for (const s of mine()) {
        const { f, clear } = fields.get(s.key);
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
        setStatus(secStatus, 'info', '変更された項目はありません。');
        return;
      }
      save.disabled = true;
      try {
        const r = await api('PUT', '/api/v1/settings', changes);
        settings = r.settings || settings;
        draw();
        const city = settings.find((s) => s.key === 'city_name');
        if (city && ctx.onCityChanged) ctx.onCityChanged(String(city.value));
        setStatus(secStatus, 'success', `「${g.title}」を保存しました（${Object.keys(changes).length}項目）。`);
      } catch (err) {
        const target = err.field && fields.get(err.field);
        if (target) {
          target.f.setError(err.message.endsWith('。') ? err.message : `${err.message}。`);
          target.f.input.focus();
        } else {
          setStatus(secStatus, 'error', `保存できませんでした。${err.message}`);
        }
      } finally {
        save.disabled = false;
      }
    });
    return h('section', { class: 'section card settings-group' }, form);
  }

  const present = GROUPS.filter((g) => settings.some((s) => groupOf(s.key) === g.title));
  replace(formsBox, present.map(section));

  // "#/settings/<key>": bring that setting into view and focus it.
  const m = /^#\/settings\/([a-z0-9_]+)/.exec(window.location.hash);
  const target = m && fields.get(m[1]);
  if (target) {
    target.f.wrap.classList.add('is-target');
    target.f.wrap.scrollIntoView({ block: 'center' });
    target.f.input.focus();
  }
}
