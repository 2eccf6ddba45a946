// pages/departments.js: 所属 (admin). The department tree as an indented
// table, siblings in the display order an admin sets (then by name, not by
// character code), with roster and user counts that include every
// department below; add by path (市民部/市民課), rename, change the display
// order, and delete, offered only when the server would accept it
// ("deletable": nothing below, nobody inside).

import { h, replace, field, notice, table, tableWrap, confirmDialog, formDialog, num } from '../dom.js';
import { api } from '../api.js';

const DEPTH_CLASSES = 6; // style.css has .depth-0 … .depth-5 (AUTH_DEPT_DEPTH_MAX levels)

/** Parents before children, siblings by display_order then name (ja). */
export function treeOrder(departments) {
  const kids = new Map();
  for (const d of departments) {
    const k = d.parent_id ?? 0;
    if (!kids.has(k)) kids.set(k, []);
    kids.get(k).push(d);
  }
  const ids = new Set(departments.map((d) => d.id));
  const out = [];
  const walk = (list) => {
    list.sort((a, b) => (a.display_order ?? 0) - (b.display_order ?? 0) || a.name.localeCompare(b.name, 'ja'));
    for (const d of list) { out.push(d); walk(kids.get(d.id) || []); }
  };
  // Roots, and any department whose parent is missing from the list.
  walk(departments.filter((d) => !d.parent_id || !ids.has(d.parent_id)));
  return out;
}

function depthOf(path) {
  return Math.min(String(path).split('/').length - 1, DEPTH_CLASSES - 1);
}

export async function renderDepartments(body, ctx) {
  const status = h('div', { class: 'page-status' });
  const listBody = h('div', null, h('p', { class: 'muted' }, '読み込んでいます…'));

  const path = field('追加する所属', h('input', { type: 'text', name: 'path', autocomplete: 'off', maxlength: '400', placeholder: '例: 市民部/市民課' }),
    { required: true, hint: '上位の所属から「/」で区切って入力します（例: 市民部/市民課）。上位の所属がまだなければ、一緒に作成します。' });
  const addBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, '追加');
  const addForm = h('form', { class: 'form form-inline', novalidate: true }, path.wrap, h('div', { class: 'form-actions' }, addBtn));

  // Editors may look (GET is open to them) but only admins change.
  const canEdit = !!ctx.isAdmin;
  replace(body,
    h('p', { class: 'lead' }, '部・課などの組織を階層で管理します。職員名簿の取り込みでも、名簿にある所属が自動で追加されます。'),
    canEdit ? null : notice('info', '所属の追加・変更・削除は管理者が行います。'),
    status,
    canEdit ? h('section', { class: 'section card', 'aria-labelledby': 'dept-add-title' },
      h('h2', { id: 'dept-add-title', class: 'section-title' }, '所属を追加'), addForm) : null,
    h('section', { class: 'section', 'aria-labelledby': 'dept-list-title' },
      h('h2', { id: 'dept-list-title', class: 'section-title' }, '所属の一覧'), listBody));

  const setStatus = (kind, text) => {
    const n = notice(kind, text);
    n.tabIndex = -1;
    replace(status, n);
    n.focus();
  };

  let departments = [];

  async function load() {
    const d = await api('GET', '/api/v1/departments');
    if (!ctx.alive()) return;
    departments = d.departments || [];
    draw();
  }

  function draw() {
    if (departments.length === 0) {
      replace(listBody, h('div', { class: 'empty-state' },
        h('p', null, 'まだ所属がありません。'),
        canEdit ? h('p', null, '上の欄に「市民部」や「市民部/市民課」のように入力して追加するか、職員名簿を取り込んでください。') : null));
      return;
    }
    const heads = ['所属', '表示順', '在籍職員数（下位を含む）', '利用者数（下位を含む）', canEdit ? '操作' : null].filter(Boolean);
    const t = table(`所属の一覧（${departments.length}件、上位の所属の下に字下げして表示）`, heads);
    for (const d of treeOrder(departments)) {
      const depth = depthOf(d.path);
      const parent = d.path.includes('/') ? d.path.slice(0, d.path.lastIndexOf('/')) : '';
      const why = d.child_count > 0 ? '下位の所属があるため削除できません'
        : (d.staff_count > 0 || d.user_count > 0) ? '職員・利用者がいるため削除できません'
          : d.left_staff_count > 0 ? '退職した職員の記録があるため削除できません' : '';
      t.tbody.appendChild(h('tr', null,
        h('th', { scope: 'row', class: `tree-cell depth-${depth}`, 'data-label': heads[0] },
          depth > 0 ? h('span', { class: 'tree-branch', 'aria-hidden': 'true' }, '└ ') : null,
          d.name,
          parent ? h('span', { class: 'visually-hidden' }, `（${parent} の下）`) : null),
        h('td', { class: 'num', 'data-label': heads[1] }, num(d.display_order ?? 0)),
        h('td', { class: 'num', 'data-label': heads[2] }, num(d.total_staff_count ?? d.staff_count)),
        h('td', { class: 'num', 'data-label': heads[3] }, num(d.total_user_count ?? d.user_count)),
        canEdit ? h('td', { 'data-label': heads[4] }, h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${d.path} の名前を変更`, onclick: () => rename(d) }, '名前を変更'),
          h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${d.path} の表示順を変更`, onclick: () => reorder(d) }, '表示順'),
          d.deletable !== false
            ? h('button', { type: 'button', class: 'btn btn-small btn-danger-outline', 'aria-label': `${d.path} を削除`, onclick: () => remove(d) }, '削除')
            : h('span', { class: 'small muted' }, why))) : null));
    }
    replace(listBody, tableWrap(t.table, '所属の一覧（横にスクロールできます）'),
      h('p', { class: 'small muted' }, '職員数は名簿で在籍中の職員だけを数えます。退職した職員は記録として名簿に残りますが、数には入りません。'));
  }

  addForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    path.setError('');
    const value = path.input.value.trim();
    if (!value) { path.setError('所属の名前を入力してください。'); path.input.focus(); return; }
    addBtn.disabled = true;
    try {
      const resp = await api('POST', '/api/v1/departments', { path: value });
      path.input.value = '';
      await load();
      setStatus('success', `「${(resp.department && resp.department.path) || value}」を追加しました。`);
    } catch (err) {
      path.setError(err.message);
      path.input.focus();
    } finally {
      addBtn.disabled = false;
    }
  });

  async function rename(d) {
    let name;
    const ok = await formDialog({
      title: `所属の名前を変更: ${d.path}`,
      submitLabel: '変更',
      build: (c) => {
        name = field('新しい名前', h('input', { type: 'text', name: 'name', value: d.name, maxlength: '200' }),
          { required: true, hint: 'この階層の名前だけを入力します（「/」は使えません）。下位の所属も新しい名前の下に移ります。' });
        c.append(name.wrap);
        return name.input;
      },
      submit: async (form, errorBox) => {
        name.setError('');
        errorBox.replaceChildren();
        const v = name.input.value.trim();
        if (!v) { name.setError('新しい名前を入力してください。'); name.input.focus(); throw new Error('invalid'); }
        if (v.includes('/') || v.includes('／')) { name.setError('名前に「/」は使えません。'); name.input.focus(); throw new Error('invalid'); }
        try {
          await api('PUT', `/api/v1/departments/${d.id}`, { name: v });
        } catch (err) {
          if (err.status === 400 || err.status === 409) { name.setError(err.message); name.input.focus(); } else errorBox.replaceChildren(notice('error', err.message));
          throw err;
        }
      },
    });
    if (ok) {
      await load();
      setStatus('success', `「${d.path}」の名前を変更しました。`);
    }
  }

  async function reorder(d) {
    let order;
    const ok = await formDialog({
      title: `表示順を変更: ${d.path}`,
      submitLabel: '変更',
      build: (c) => {
        order = field('表示順', h('input', { type: 'number', name: 'display_order', min: '0', max: '9999', step: '1', inputmode: 'numeric', value: String(d.display_order ?? 0) }),
          { required: true, hint: '同じ階層の所属を、小さい数から順に並べます（0〜9999。同じ数なら名前の順）。' });
        c.append(order.wrap);
        return order.input;
      },
      submit: async (form, errorBox) => {
        order.setError('');
        errorBox.replaceChildren();
        const v = order.input.value.trim();
        if (!/^\d{1,4}$/.test(v)) { order.setError('0〜9999 の整数を入力してください。'); order.input.focus(); throw new Error('invalid'); }
        try {
          await api('PUT', `/api/v1/departments/${d.id}/order`, { display_order: Number(v) });
        } catch (err) {
          if (err.status === 400) { order.setError(err.message); order.input.focus(); } else errorBox.replaceChildren(notice('error', err.message));
          throw err;
        }
      },
    });
    if (ok) {
      await load();
      setStatus('success', `「${d.path}」の表示順を変更しました。`);
    }
  }

  async function remove(d) {
    const ok = await confirmDialog({
      title: '所属を削除しますか',
      message: `「${d.path}」を削除します。下位の所属・名簿の職員・利用者が残っている所属は削除できません。`,
      confirmLabel: '削除する',
      danger: true,
    });
    if (!ok) return;
    try {
      await api('DELETE', `/api/v1/departments/${d.id}`);
      await load();
      setStatus('success', `「${d.path}」を削除しました。`);
    } catch (err) {
      setStatus('error', err.status === 409 ? `削除できませんでした: ${err.message}` : err.message);
    }
  }

  await load();
}
