// pages/selfcare.js: セルフケア相談 (every member of staff). A private chat
// for stress self-care. The server checks every message for signs of a
// crisis before any model call and then answers at once with people who can
// help; without a model configured only that answer is available.
// Nothing is stored unless the user ticks 「この相談を保存する」.

import { h, replace, notice, uid } from '../dom.js';
import { api } from '../api.js';

export async function renderSelfcare(body, ctx) {
  const messages = [];
  const log = h('div', { class: 'sc-chat-log', role: 'log', 'aria-live': 'polite' });
  const inputId = uid('msg');
  const saveId = uid('save');
  const input = h('textarea', { id: inputId, rows: '3' });
  const save = h('input', { type: 'checkbox', id: saveId, checked: false });
  const status = h('div', { role: 'status' });
  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: inputId, class: 'field-label' }, '話したいこと'), input),
    h('div', { class: 'field field-check' }, save, h('label', { for: saveId }, 'この相談を保存する（あとで自分だけが見返せます）')),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '送る')),
    status);
  const say = (role, text, extra) => {
    log.appendChild(h('div', { class: `sc-msg sc-msg-${role}` },
      h('p', { class: 'small muted' }, role === 'user' ? 'あなた' : extra && extra.ai ? '相談AI（AIによる回答です）' : '相談窓口のご案内'),
      text.split('\n').map((line) => h('p', null, line))));
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    messages.push({ role: 'user', content: text });
    say('user', text);
    input.value = '';
    status.replaceChildren();
    try {
      const r = await api('POST', '/api/v1/wellbeing/chat', { messages: messages.slice(-40), save: save.checked });
      if (!ctx.alive()) return;
      messages.push({ role: 'assistant', content: r.reply.content });
      say('assistant', r.reply.content, r.reply);
    } catch (err) {
      status.replaceChildren(notice('error', err.message));
    }
  });
  replace(body,
    h('p', { class: 'lead' }, 'ストレスや気持ちの整理について相談できます。診断や治療の代わりにはなりません。命にかかわるほどつらいときは、すぐに相談窓口へ電話してください。'),
    h('section', { class: 'section card', 'aria-label': '相談' }, log, form));
}
