// pages/users.js: 利用者 (admin). Lists users, adds one (showing the
// one-time password once), edits name/e-mail/department/roles, disables or
// enables, and re-issues a one-time password. API: /api/v1/users*.

import { h, replace, field, notice, uid, table, tableWrap, confirmDialog, formDialog } from '../dom.js';
import { api, upload, withQuery, problemText } from '../api.js';
import { accountSheet } from '../account-sheet.js';
import { ROLES, roleLabel } from '../labels.js';

function departmentSelect(departments, selected) {
  return h('select', { name: 'department' },
    h('option', { value: '' }, '（所属なし）'),
    departments.map((d) => h('option', { value: d.path, selected: d.path === selected }, d.path)));
}

/** Role checkboxes in a fieldset; returns {wrap, values(), setError(msg), first}. */
function roleFieldset(checked) {
  const legendId = uid('legend');
  const errorEl = h('p', { class: 'field-error', hidden: true, id: uid('err') });
  const boxes = ROLES.map((r) => {
    const input = h('input', { type: 'checkbox', name: 'roles', value: r.code, id: uid('role'), checked: checked.includes(r.code) });
    const helpId = uid('hint');
    input.setAttribute('aria-describedby', helpId);
    return {
      input,
      el: h('div', { class: 'field-check' }, input,
        h('label', { for: input.id }, r.label),
        h('span', { class: 'field-hint inline', id: helpId }, r.help)),
    };
  });
  const fs = h('fieldset', { class: 'fieldset', 'aria-describedby': errorEl.id },
    h('legend', { id: legendId }, '権限', h('span', { class: 'required' }, '（1つ以上）')),
    boxes.map((b) => b.el), errorEl);
  return {
    wrap: fs,
    first: boxes[0].input,
    values: () => boxes.filter((b) => b.input.checked).map((b) => b.input.value),
    setError: (msg) => {
      errorEl.textContent = msg || '';
      errorEl.hidden = !msg;
    },
  };
}

/** The one-time password box: shown once, with a copy button. */
function otpBox(user, password, onClose) {
  const titleId = uid('otp');
  const code = h('code', { class: 'otp-value' }, password);
  const copyStatus = h('span', { class: 'copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'btn btn-small' }, 'コピー');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(password);
      copyStatus.textContent = 'コピーしました';
    } catch (_) {
      // Clipboard may be refused (no permission): select the text instead.
      const range = document.createRange();
      range.selectNodeContents(code);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      copyStatus.textContent = '選択しました。Ctrl+C でコピーしてください';
    }
  });
  const close = h('button', { type: 'button', class: 'btn' }, '控えたので閉じる');
  const title = h('h2', { id: titleId, class: 'otp-title', tabindex: '-1' }, '初期パスワード（この画面でだけ表示されます）');
  const box = h('section', { class: 'otp-box', 'aria-labelledby': titleId },
    title,
    h('dl', { class: 'otp-list' },
      h('dt', null, 'ログイン名'), h('dd', null, h('code', null, user.login)),
      h('dt', null, '氏名'), h('dd', null, user.display_name || '—'),
      h('dt', null, '初期パスワード'), h('dd', null, code, ' ', copy, ' ', copyStatus)),
    h('p', null, 'このパスワードは二度と表示されません。本人に安全な方法で伝えてください（メールに書かないでください）。初回ログインのときに、本人が新しいパスワードに変更します。'),
    h('div', { class: 'form-actions' }, close));
  close.addEventListener('click', () => { box.remove(); onClose(); });
  return { box, title };
}

function statusBadges(u) {
  const out = [];
  if (u.disabled) out.push(h('span', { class: 'badge badge-off' }, '無効'));
  else out.push(h('span', { class: 'badge badge-on' }, '有効'));
  if (u.must_change_password && !u.disabled) out.push(h('span', { class: 'badge badge-warn' }, '初期パスワード未変更'));
  if (u.sso_only) out.push(h('span', { class: 'badge' }, 'SSO'));
  return out;
}

export async function renderUsers(body, ctx) {
  const status = h('div', { class: 'page-status' });
  const otpSlot = h('div');
  const listSection = h('section', { class: 'section', 'aria-labelledby': 'users-list-title' },
    h('div', { class: 'section-head' },
      h('h2', { id: 'users-list-title', class: 'section-title' }, '利用者の一覧')));
  const listBody = h('div', null, h('p', { class: 'muted' }, '読み込んでいます…'));
  listSection.appendChild(listBody);

  const addToggle = h('button', { type: 'button', class: 'btn btn-primary', 'aria-expanded': 'false', 'aria-controls': 'user-add' }, '利用者を追加');
  const addSection = h('section', { class: 'section card', id: 'user-add', hidden: true, 'aria-labelledby': 'user-add-title' });
  listSection.querySelector('.section-head').appendChild(addToggle);
  // ---- a users CSV (all or nothing) ----
  const csvInput = h('input', { type: 'file', id: uid('ucsv'), accept: '.csv,.tsv,text/csv', class: 'file-input' });
  const csvHintId = uid('hint');
  csvInput.setAttribute('aria-describedby', csvHintId);
  const csvBtn = h('button', { type: 'button', class: 'btn', disabled: true }, 'CSV からアカウントを作成');
  const csvResult = h('div');
  csvInput.addEventListener('change', () => { csvBtn.disabled = !(csvInput.files && csvInput.files[0]); });
  const csvSection = h('section', { class: 'section card', 'aria-labelledby': 'users-csv-title' },
    h('h2', { id: 'users-csv-title', class: 'section-title' }, 'CSV からまとめて追加'),
    h('p', null, '職員名簿の職員には、職員名簿ページの「名簿からアカウントを作成」で、所属ごとにまとめて作れます（ログイン名は職員番号）。ここでは、それ以外のアカウントを CSV から作ります。'),
    h('div', { class: 'field' },
      h('label', { for: csvInput.id, class: 'field-label' }, '利用者の CSV ファイル'),
      h('p', { class: 'field-hint', id: csvHintId }, '列: ログイン名・氏名（必須）、所属・権限（例: staff,editor）・メール・職員番号（任意）。誤りが 1 行でもあれば 1 件も作りません。'),
      csvInput),
    h('div', { class: 'form-actions' }, csvBtn), csvResult);
  csvBtn.addEventListener('click', async () => {
    const f = csvInput.files && csvInput.files[0];
    if (!f) return;
    csvBtn.disabled = true;
    try {
      const r = await upload(withQuery('/api/v1/users/import', { filename: f.name }), await f.arrayBuffer(), 'text/csv', () => {});
      replace(csvResult, accountSheet(r));
      await load();
    } catch (err) {
      const items = (err.details || []).map((d) => h('li', null, problemText(d, f.name)));
      replace(csvResult, h('div', { role: 'alert', class: 'notice notice-error' },
        h('h3', { class: 'result-title', tabindex: '-1' }, '作成できませんでした'), h('p', null, err.message),
        items.length ? h('ul', { class: 'error-list' }, items) : null));
    } finally {
      csvBtn.disabled = false;
    }
    const heading = csvResult.querySelector('[tabindex="-1"]');
    if (heading) heading.focus();
  });

  replace(body, h('p', { class: 'lead' }, 'yakuba にログインできる職員のアカウントを管理します。追加すると初期パスワードが発行され、本人が初回ログイン時に変更します。'),
    status, otpSlot, listSection, addSection, csvSection);

  let departments = [];
  let users = [];

  const showOtp = (user, pw) => {
    const { box, title } = otpBox(user, pw, () => { addToggle.focus(); });
    replace(otpSlot, box);
    title.focus();
  };
  // The row that had focus is redrawn after an action, so focus moves to
  // the message (which screen readers then read). Callers reload the list
  // first, so that the message never describes a list not yet redrawn.
  const setStatus = (kind, text) => {
    const n = notice(kind, text);
    n.tabIndex = -1;
    replace(status, n);
    n.focus();
  };

  async function load() {
    const [u, d] = await Promise.all([
      api('GET', '/api/v1/users'),
      api('GET', '/api/v1/departments'),
    ]);
    if (!ctx.alive()) return;
    users = u.users || [];
    departments = d.departments || [];
    drawList();
  }

  function drawList() {
    if (users.length === 0) {
      replace(listBody, h('p', { class: 'empty-state' }, 'まだ利用者がいません。「利用者を追加」から登録してください。'));
      return;
    }
    const t = table(`利用者の一覧（${users.length}人）`, ['ログイン名', '氏名', '所属', '権限', '状態', '操作'], { captionHidden: true });
    for (const u of users) {
      // Re-issuing one's own password or disabling oneself would end this
      // very session; one's own password is changed from the header link.
      const self = ctx.me && ctx.me.id === u.id;
      const actions = h('div', { class: 'row-actions' },
        h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${u.login} を編集`, onclick: () => editUser(u) }, '編集'),
        self ? null : h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${u.login} のパスワード再発行`, onclick: () => resetPassword(u) }, 'パスワード再発行'),
        self ? null : u.disabled
          ? h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${u.login} を有効化`, onclick: () => setDisabled(u, false) }, '有効化')
          : h('button', { type: 'button', class: 'btn btn-small btn-danger-outline', 'aria-label': `${u.login} を無効化`, onclick: () => setDisabled(u, true) }, '無効化'));
      t.tbody.appendChild(h('tr', { class: u.disabled ? 'row-disabled' : null },
        h('th', { scope: 'row' }, h('code', null, u.login), self ? h('span', { class: 'self-mark' }, '（ご自分）') : null),
        h('td', { class: 'person-name' }, u.display_name || '—'),
        h('td', null, u.department || '—'),
        h('td', null, (u.roles || []).map(roleLabel).join('・') || '—'),
        h('td', null, statusBadges(u)),
        h('td', null, actions)));
    }
    replace(listBody, tableWrap(t.table, '利用者の一覧（横にスクロールできます）'));
  }

  // ---- add ----
  function drawAddForm() {
    const login = field('ログイン名', h('input', { type: 'text', name: 'login', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '64' }),
      { required: true, hint: '半角英数字と . _ @ - が使えます（例: tanaka.hanako）。' });
    const name = field('氏名', h('input', { type: 'text', name: 'display_name', autocomplete: 'off', maxlength: '200' }), { required: true, hint: '例: 田中 花子' });
    const email = field('メールアドレス', h('input', { type: 'email', name: 'email', autocomplete: 'off', maxlength: '254' }), { hint: '任意です。' });
    const dept = field('所属', departmentSelect(departments, ''), { hint: departments.length ? null : '所属がまだありません。「所属」のページで追加できます。' });
    const roles = roleFieldset(['staff']);
    const formStatus = h('div', { class: 'form-status' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, '追加して初期パスワードを発行');
    const cancel = h('button', { type: 'button', class: 'btn' }, '閉じる');
    const form = h('form', { class: 'form', novalidate: true }, formStatus,
      h('div', { class: 'form-grid' }, login.wrap, name.wrap, email.wrap, dept.wrap), roles.wrap,
      h('div', { class: 'form-actions' }, submit, cancel));
    replace(addSection, h('h2', { id: 'user-add-title', class: 'section-title' }, '利用者を追加'), form);
    cancel.addEventListener('click', () => setAddOpen(false));
    const fields = { login, display_name: name, email, department: dept };
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      formStatus.replaceChildren();
      for (const f of Object.values(fields)) f.setError('');
      roles.setError('');
      const req = {
        login: login.input.value.trim(),
        display_name: name.input.value.trim(),
        email: email.input.value.trim(),
        department: dept.input.value,
        roles: roles.values(),
      };
      let bad = null;
      if (!req.login) { login.setError('ログイン名を入力してください。'); bad = bad || login.input; }
      if (!req.display_name) { name.setError('氏名を入力してください。'); bad = bad || name.input; }
      if (req.roles.length === 0) { roles.setError('権限を1つ以上選んでください。'); bad = bad || roles.first; }
      if (bad) { bad.focus(); return; }
      if (!req.email) delete req.email;
      if (!req.department) delete req.department;
      submit.disabled = true;
      try {
        const resp = await api('POST', '/api/v1/users', req);
        setAddOpen(false);
        await load();
        setStatus('success', `${resp.user.display_name || resp.user.login} さんを追加しました。`);
        showOtp(resp.user, resp.one_time_password);
      } catch (err) {
        const f = err.field && (fields[err.field] || (err.field === 'roles' ? roles : null));
        if (f) {
          f.setError(err.message);
          (f.input || f.first).focus();
        } else {
          formStatus.replaceChildren(notice('error', err.message));
          if (err.status === 409) { login.setError(err.message); login.input.focus(); }
        }
      } finally {
        submit.disabled = false;
      }
    });
    return login.input;
  }

  function setAddOpen(open) {
    addToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    addSection.hidden = !open;
    if (open) {
      const first = drawAddForm();
      first.focus();
    } else {
      addToggle.focus();
    }
  }
  addToggle.addEventListener('click', () => setAddOpen(addSection.hidden));

  // ---- row actions ----
  async function editUser(u) {
    let fields;
    let roles;
    const ok = await formDialog({
      title: `利用者の編集: ${u.login}`,
      build: (c) => {
        const name = field('氏名', h('input', { type: 'text', name: 'display_name', value: u.display_name || '', maxlength: '200' }), { required: true });
        const email = field('メールアドレス', h('input', { type: 'email', name: 'email', value: u.email || '', maxlength: '254' }));
        const dept = field('所属', departmentSelect(departments, u.department || ''));
        roles = roleFieldset(u.roles || []);
        fields = { display_name: name, email, department: dept };
        c.append(name.wrap, email.wrap, dept.wrap, roles.wrap);
        return name.input;
      },
      submit: async (form, errorBox) => {
        errorBox.replaceChildren();
        for (const f of Object.values(fields)) f.setError('');
        roles.setError('');
        const req = {
          display_name: fields.display_name.input.value.trim(),
          email: fields.email.input.value.trim(),
          department: fields.department.input.value,
          roles: roles.values(),
        };
        if (!req.display_name) { fields.display_name.setError('氏名を入力してください。'); fields.display_name.input.focus(); throw new Error('invalid'); }
        if (req.roles.length === 0) { roles.setError('権限を1つ以上選んでください。'); roles.first.focus(); throw new Error('invalid'); }
        try {
          await api('PUT', `/api/v1/users/${u.id}`, req);
        } catch (err) {
          const f = err.field && (fields[err.field] || (err.field === 'roles' ? roles : null));
          if (f) { f.setError(err.message); (f.input || f.first).focus(); } else errorBox.replaceChildren(notice('error', err.message));
          throw err;
        }
      },
    });
    if (ok) {
      await load();
      setStatus('success', `${u.login} の情報を変更しました。`);
    }
  }

  async function resetPassword(u) {
    const ok = await confirmDialog({
      title: 'パスワードを再発行しますか',
      message: `${u.display_name || u.login}（${u.login}）の現在のパスワードは使えなくなり、ログイン中の端末もログアウトされます。新しい初期パスワードを本人に伝えてください。`,
      confirmLabel: '再発行する',
      danger: true,
    });
    if (!ok) return;
    try {
      const resp = await api('POST', `/api/v1/users/${u.id}/reset-password`, {});
      await load();
      setStatus('success', `${u.login} の初期パスワードを再発行しました。`);
      showOtp(resp.user || u, resp.one_time_password);
    } catch (err) {
      setStatus('error', err.message);
    }
  }

  async function setDisabled(u, disable) {
    if (disable) {
      const ok = await confirmDialog({
        title: '利用者を無効にしますか',
        message: `${u.display_name || u.login}（${u.login}）はログインできなくなり、ログイン中の端末もログアウトされます。あとで「有効化」で元に戻せます。`,
        confirmLabel: '無効にする',
        danger: true,
      });
      if (!ok) return;
    }
    try {
      await api('POST', `/api/v1/users/${u.id}/${disable ? 'disable' : 'enable'}`, {});
      await load();
      setStatus('success', `${u.login} を${disable ? '無効' : '有効'}にしました。`);
    } catch (err) {
      setStatus('error', err.message);
    }
  }

  await load();
}
