// pages/opinions.js: 意見箱 (every member of staff). Posts are anonymous:
// the server stores no author, no address and only the day, and masks names
// and numbers. Everyone sees the posts with the replies and status, so that
// staff see what was done; editors and admins answer them here.

import { h, replace, notice, announce, uid } from '../dom.js';
import { api } from '../api.js';

const STATUSES = ['受付', '検討中', '対応済', '対応しない'];

export async function renderOpinions(body, ctx) {
  const data = await api('GET', '/api/v1/opinions');
  if (!ctx.alive()) return;
  const roles = (ctx.me && ctx.me.roles) || [];
  const handler = roles.includes('admin') || roles.includes('editor');
  const catId = uid('cat');
  const textId = uid('op');
  const deptId = uid('dept');
  const cat = h('select', { id: catId }, data.categories.map((c) => h('option', { value: c }, c)));
  const dept = h('select', { id: deptId }, h('option', { value: '' }, '指定しない'),
    (data.departments || []).map((d) => h('option', { value: String(d.id) }, d.path)));
  const area = h('textarea', { id: textId, rows: '5', maxlength: '1300' });
  const status = h('div', { role: 'status' });
  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: catId, class: 'field-label' }, '分類'), cat),
    h('div', { class: 'field' }, h('label', { for: deptId, class: 'field-label' }, '関係する所属（任意）'), dept),
    h('div', { class: 'field' }, h('label', { for: textId, class: 'field-label' }, '意見・提案'),
      h('p', { class: 'field-hint' }, '名前や電話番号などは自動で伏せ字になります。投稿者の情報は記録しません。'), area),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '匿名で送る')),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!area.value.trim()) {
      status.replaceChildren(notice('error', '意見を入力してください。'));
      return;
    }
    try {
      const body0 = { category: cat.value, body: area.value };
      if (dept.value) body0.department_id = Number(dept.value);
      await api('POST', '/api/v1/opinions', body0);
      area.value = '';
      announce('意見を送りました。');
      await renderOpinions(body, ctx);
      body.prepend(notice('success', '意見を送りました。ありがとうございます。'));
    } catch (err) {
      status.replaceChildren(notice('error', err.message));
    }
  });
  const list = h('ul', { class: 'bullet-list op-list' });
  for (const o of data.opinions) {
    const li = h('li', { class: 'op-item' },
      h('p', { class: 'small muted' }, `${o.day}・${o.category}${o.department ? `・${o.department}` : ''}・状態: ${o.status}`),
      h('p', null, o.body),
      o.reply ? h('p', { class: 'op-reply' }, h('span', { class: 'strong' }, '回答: '), o.reply) : null,
      o.reason ? h('p', { class: 'small' }, '理由: ', o.reason) : null);
    if (handler) li.appendChild(replyForm(o, body, ctx));
    list.appendChild(li);
  }
  replace(body,
    h('section', { class: 'section card', 'aria-labelledby': 'op-new' },
      h('h2', { id: 'op-new', class: 'section-title' }, '意見を送る'), form),
    h('section', { class: 'section card', 'aria-labelledby': 'op-list' },
      h('h2', { id: 'op-list', class: 'section-title' }, 'これまでの意見と対応'),
      data.opinions.length ? list : h('p', null, 'まだ意見はありません。')));
}

function replyForm(o, body, ctx) {
  const sid = uid('st');
  const rid = uid('rp');
  const nid = uid('rs');
  const sel = h('select', { id: sid }, STATUSES.map((s) => h('option', { value: s, selected: s === o.status }, s)));
  const reply = h('textarea', { id: rid, rows: '2' });
  reply.value = o.reply || '';
  const reason = h('input', { id: nid, type: 'text' });
  reason.value = o.reason || '';
  const msg = h('div', { role: 'status' });
  const f = h('form', { class: 'form-inline', novalidate: true },
    h('label', { for: sid }, '状態'), sel,
    h('label', { for: rid }, '回答'), reply,
    h('label', { for: nid }, '対応しない理由'), reason,
    h('button', { type: 'submit', class: 'btn btn-small' }, '保存'), msg);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', '/api/v1/opinions/update', { key: o.key, status: sel.value, reply: reply.value, reason: reason.value });
      announce('保存しました。');
      await renderOpinions(body, ctx);
    } catch (err) {
      msg.replaceChildren(notice('error', err.message));
    }
  });
  return f;
}
