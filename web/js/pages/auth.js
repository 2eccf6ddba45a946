// pages/auth.js: the login page and the password change form (used both for
// the forced change of a one-time password and from the user menu).

import { h, replace, field, notice, announce } from '../dom.js';
import { api } from '../api.js';

// The server's minimum is the setting password_min_length, which /api/v1/me
// reports; the form's hint and its own check use that value. 8 is the
// setting's lowest allowed value, used only if /me did not say.
const FALLBACK_MIN_LENGTH = 8;

// Names the server may give in error.field: the request keys ("new",
// "current") per docs/API.md, and the auth module's own names, which the
// server currently passes through for password policy errors.
const NEW_FIELDS = ['new', 'new_password'];
const CURRENT_FIELDS = ['current', 'current_password'];

/**
 * Login page. opts.message: {kind, text} shown above the form (e.g. after
 * logout). opts.onLoggedIn(resp) is awaited after a successful login.
 */
export function renderLogin(root, { product, message, onLoggedIn }) {
  const login = field('ログイン名', h('input', {
    type: 'text', name: 'login', autocomplete: 'username', autocapitalize: 'none',
    spellcheck: 'false', maxlength: '64',
  }), { required: true });
  const password = field('パスワード', h('input', {
    type: 'password', name: 'password', autocomplete: 'current-password', maxlength: '256',
  }), { required: true });
  const status = h('div', { class: 'form-status' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'ログイン');
  const form = h('form', { class: 'form', novalidate: true }, status, login.wrap, password.wrap, submit);

  const title = h('h1', { id: 'login-title', class: 'page-title', tabindex: '-1' }, 'ログイン');
  const main = h('main', { id: 'main', class: 'auth-main', tabindex: '-1' },
    h('section', { class: 'card auth-card', 'aria-labelledby': 'login-title' },
      title,
      h('p', { class: 'lead' }, '職員用のログイン名とパスワードを入力してください。'),
      message ? notice(message.kind, message.text) : null,
      form,
      h('p', { class: 'auth-aside' }, 'パスワードが分からないときは、所属の管理者に再発行を依頼してください。')));
  replace(root, h('div', { class: 'auth-page' },
    h('header', { class: 'site-header' },
      h('div', { class: 'brand' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '役'),
        h('span', { class: 'brand-text' }, h('span', { class: 'brand-product' }, product)))),
    main));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    login.setError('');
    password.setError('');
    status.replaceChildren();
    const l = login.input.value.trim();
    const p = password.input.value;
    if (!l) { login.setError('ログイン名を入力してください。'); login.input.focus(); return; }
    if (!p) { password.setError('パスワードを入力してください。'); password.input.focus(); return; }
    submit.disabled = true;
    submit.textContent = 'ログインしています…';
    try {
      const resp = await api('POST', '/api/v1/login', { login: l, password: p }, { keep401: true });
      await onLoggedIn(resp);
    } catch (err) {
      let text = err.message;
      if (err.status === 429) {
        text = err.message || 'ログインに続けて失敗したため、しばらくログインできません。';
        if (!/時間/.test(text)) text += ' しばらく時間をおいてから、もう一度お試しください。';
      }
      status.replaceChildren(notice('error', text));
      password.input.value = '';
      password.input.focus();
    } finally {
      if (submit.isConnected) {
        submit.disabled = false;
        submit.textContent = 'ログイン';
      }
    }
  });
  // Focus the first empty field: people expect to type at once.
  login.input.focus();
}

/**
 * Password change form appended to container. Checks on the client that the
 * new password is repeated correctly and not obviously too short; the
 * server's message (policy: minimum length, not the login) is shown on 400.
 */
export function renderPasswordForm(container, { user, minLength, onDone }) {
  const min = Number.isInteger(minLength) && minLength > 0 ? minLength : FALLBACK_MIN_LENGTH;
  const current = field('現在のパスワード', h('input', {
    type: 'password', name: 'current', autocomplete: 'current-password', maxlength: '256',
  }), { required: true, hint: '初めてのログインのときは、管理者から受け取った初期パスワードです。' });
  const next = field('新しいパスワード', h('input', {
    type: 'password', name: 'new', autocomplete: 'new-password', maxlength: '256',
  }), { required: true, hint: `${min}文字以上にしてください。ログイン名や現在のパスワードと同じものは使えません。` });
  const confirm = field('新しいパスワード（確認）', h('input', {
    type: 'password', name: 'confirm', autocomplete: 'new-password', maxlength: '256',
  }), { required: true, hint: '確認のため、もう一度入力してください。' });
  const show = h('input', { type: 'checkbox', name: 'show' });
  const showField = field('入力中のパスワードを表示する', show);
  show.addEventListener('change', () => {
    for (const f of [current, next, confirm]) f.input.type = show.checked ? 'text' : 'password';
  });
  const status = h('div', { class: 'form-status' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'パスワードを変更する');
  const form = h('form', { class: 'form', novalidate: true },
    status, current.wrap, next.wrap, confirm.wrap, showField.wrap, h('div', { class: 'form-actions' }, submit));
  container.appendChild(form);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    for (const f of [current, next, confirm]) f.setError('');
    const cur = current.input.value;
    const nw = next.input.value;
    const cf = confirm.input.value;
    let bad = null;
    if (!cur) { current.setError('現在のパスワードを入力してください。'); bad = bad || current; }
    if (!nw) { next.setError('新しいパスワードを入力してください。'); bad = bad || next; }
    else if ([...nw].length < min) { next.setError(`短すぎます。${min}文字以上にしてください。`); bad = bad || next; }
    else if (nw === cur) { next.setError('現在のパスワードと違うものにしてください。'); bad = bad || next; }
    else if (user && nw === user.login) { next.setError('ログイン名と同じパスワードは使えません。'); bad = bad || next; }
    if (nw && cf !== nw) { confirm.setError('確認のために入力したパスワードが一致しません。'); bad = bad || confirm; }
    if (bad) { bad.input.focus(); announce('入力内容を確認してください。'); return; }

    submit.disabled = true;
    try {
      await api('POST', '/api/v1/me/password', { current: cur, new: nw }, { keep401: true });
      for (const f of [current, next, confirm]) f.input.value = '';
      await onDone();
    } catch (err) {
      if (err.status === 401) {
        current.setError(err.message || '現在のパスワードが正しくありません。');
        current.input.focus();
      } else if (err.status === 400 && (NEW_FIELDS.includes(err.field) || !err.field)) {
        next.setError(err.message);
        next.input.focus();
      } else if (err.status === 400 && CURRENT_FIELDS.includes(err.field)) {
        current.setError(err.message);
        current.input.focus();
      } else {
        status.replaceChildren(notice('error', err.message));
      }
    } finally {
      if (submit.isConnected) submit.disabled = false;
    }
  });
}
