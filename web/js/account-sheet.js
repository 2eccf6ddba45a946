// account-sheet.js: the sheet of new accounts and their one-time passwords
// that an admin prints and hands out, shared by 職員名簿 (accounts from the
// roster) and 利用者 (a users CSV). Shown once: the server never returns a
// one-time password again. 「印刷する」 prints the sheet alone (style.css,
// body.printing-sheet).

import { h, uid, table, tableWrap, num } from './dom.js';

/** r: {created, skipped, accounts: [{employee_no, name, department, login,
 * created, one_time_password, skipped_reason}]} from the API. */
export function accountSheet(r) {
  const titleId = uid('sheet');
  const made = r.accounts.filter((a) => a.created);
  const skipped = r.accounts.filter((a) => !a.created);
  const parts = [h('h3', { id: titleId, class: 'result-title', tabindex: '-1' }, `アカウントを ${num(r.created)} 件作成しました`)];
  if (made.length) {
    const t = table('初期パスワードの一覧（この画面を閉じると二度と表示されません）', ['職員番号', '氏名', '所属', 'ログイン名', '初期パスワード']);
    for (const a of made) {
      t.tbody.appendChild(h('tr', null,
        h('td', null, a.employee_no || '—'), h('th', { scope: 'row' }, a.name), h('td', null, a.department || '—'),
        h('td', null, h('code', null, a.login)),
        h('td', null, a.one_time_password ? h('code', { class: 'otp' }, a.one_time_password) : 'なし（SSO でログイン）')));
    }
    const printBtn = h('button', { type: 'button', class: 'btn btn-primary' }, '印刷する');
    printBtn.addEventListener('click', () => {
      document.body.classList.add('printing-sheet');
      window.print();
      document.body.classList.remove('printing-sheet');
    });
    parts.push(h('div', { class: 'print-sheet' }, tableWrap(t.table, '初期パスワードの一覧')), h('div', { class: 'form-actions' }, printBtn));
  }
  if (skipped.length) {
    parts.push(h('p', null, `作成しなかった職員（${num(skipped.length)} 人）:`),
      h('ul', null, skipped.map((a) => h('li', null, `${a.employee_no} ${a.name}: ${a.skipped_reason}`))));
  }
  return h('section', { class: 'notice notice-success', 'aria-labelledby': titleId }, parts);
}
