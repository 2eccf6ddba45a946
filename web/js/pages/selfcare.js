// pages/selfcare.js: セルフケア相談 (every member of staff). A private chat
// for stress self-care. The server checks every message for signs of a
// crisis before any model call and then answers at once with people who can
// help; without a model configured only that answer is available.
// Nothing is stored unless the user ticks 「この相談を保存する」.
// The answer arrives as server-sent events (meta, delta..., done | error)
// read with the 生成AI chat's parser, so it appears as it is written.

import { h, replace, notice, uid } from '../dom.js';
import { apiStream } from '../api.js';
import { SseParser } from '../genai/sse.js';

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
  const bubble = (role, extra) => {
    const lines = h('div', { class: 'sc-msg-text' });
    log.appendChild(h('div', { class: `sc-msg sc-msg-${role}` },
      h('p', { class: 'small muted' }, role === 'user' ? 'あなた' : extra && extra.ai ? '相談AI（AIによる回答です）' : '相談窓口のご案内'),
      lines));
    return (text) => lines.replaceChildren(...text.split('\n').map((line) => h('p', null, line)));
  };
  const send = h('button', { type: 'submit', class: 'btn btn-primary' }, '送る');
  form.querySelector('.form-actions').replaceChildren(send);
  let controller = null;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text || controller) return;
    messages.push({ role: 'user', content: text });
    bubble('user')(text);
    input.value = '';
    status.replaceChildren(h('span', { class: 'muted' }, '返事を書いています…'));
    send.disabled = true;
    controller = new AbortController();
    let reply = '';
    let show = null;
    try {
      const res = await apiStream('/api/v1/wellbeing/chat', { messages: messages.slice(-40), save: save.checked }, controller.signal);
      const parser = new SseParser();
      const dec = new TextDecoder();
      const handle = (e) => {
        const data = JSON.parse(e.data);
        if (e.event === 'meta') show = bubble('assistant', data);
        else if (e.event === 'delta' && show) { reply += data.text; show(reply); }
        else if (e.event === 'done') status.replaceChildren(data.saved_id ? notice('success', '相談を保存しました。') : '');
        else if (e.event === 'error') throw new Error(data.message);
      };
      for await (const chunk of res.body) {
        if (!ctx.alive()) { controller.abort(); return; } // left the page: the server cancels the model call
        for (const e of parser.push(dec.decode(chunk, { stream: true }))) handle(e);
      }
      if (reply) messages.push({ role: 'assistant', content: reply });
      if (status.textContent === '返事を書いています…') status.replaceChildren();
    } catch (err) {
      if (err && err.name === 'AbortError') return;
      status.replaceChildren(notice('error', err.message));
    } finally {
      controller = null;
      send.disabled = false;
    }
  });
  replace(body,
    h('p', { class: 'lead' }, 'ストレスや気持ちの整理について相談できます。診断や治療の代わりにはなりません。命にかかわるほどつらいときは、すぐに相談窓口へ電話してください。'),
    h('section', { class: 'section card', 'aria-label': '相談' }, log, form));
}
