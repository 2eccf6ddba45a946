// genai/thread.js: the messages of one 生成AI conversation. A reply is text,
// never HTML: every piece goes into a text node. Each AI message carries the
// 「AI生成」 badge and the reminder to check it before use.
//
// While a reply streams, the pieces are gathered and written to the page at
// most every FLUSH_MS: the reply element is a polite live region, so screen
// readers hear the answer in a few sentences' worth at a time instead of a
// flood of single tokens, and the layout is not recomputed per token.

import { h, num } from '../dom.js';

export const FLUSH_MS = 400;
export const AI_LABEL = 'AI生成';
export const AI_REMINDER = '内容は必ず確認してから使用してください';

/** Unix seconds or an ISO string → a <time> element (or nothing). */
export function timeOf(at) {
  if (at === null || at === undefined || at === '') return null;
  const d = typeof at === 'number' ? new Date(at * 1000) : new Date(at);
  if (Number.isNaN(d.getTime())) return null;
  return h('time', { datetime: d.toISOString(), class: 'genai-time' },
    d.toLocaleString('ja-JP', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }));
}

/** "入力 42・出力 17 トークン" from {prompt_tokens, completion_tokens}; "" without usage. */
export function usageText(usage) {
  if (!usage || typeof usage !== 'object') return '';
  const parts = [];
  if (usage.prompt_tokens !== undefined) parts.push(`入力 ${num(usage.prompt_tokens)}`);
  if (usage.completion_tokens !== undefined) parts.push(`出力 ${num(usage.completion_tokens)}`);
  return parts.length ? `使用量: ${parts.join('・')} トークン` : '';
}

/** The bubble of what staff sent (as stored and sent: masked). */
export function userBubble(text, at) {
  const content = h('div', { class: 'genai-text' }, text);
  const el = h('li', { class: 'genai-msg genai-msg-user' },
    h('div', { class: 'genai-msg-head' },
      h('span', { class: 'genai-who' }, 'あなた'),
      h('span', { class: 'small muted' }, '（AI に送った内容。個人情報は伏せ字）'),
      timeOf(at)),
    content);
  return { el, setText(t) { content.textContent = t; } };
}

async function copyText(text, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'コピーしました。';
  } catch (_) {
    status.textContent = 'コピーできませんでした。文章を選択してコピーしてください。';
  }
}

/**
 * The bubble of an AI answer. live: true for a streamed reply (a polite
 * live region fed in batches). Returns {el, append(text), finish(done),
 * fail(message), stopped(), text()}.
 */
export function aiBubble({ text = '', at = null, live = false, label = AI_LABEL } = {}) {
  const badge = h('span', { class: 'genai-badge' }, label || AI_LABEL);
  const reply = h('div', {
    class: 'genai-text genai-reply',
    'aria-live': live ? 'polite' : null,
    'aria-label': live ? 'AI の回答' : null,
  }, text);
  const status = h('p', { class: 'small genai-copy-status', role: 'status' });
  const usage = h('p', { class: 'small muted genai-usage' });
  const notes = h('div', { class: 'genai-msg-notes' });
  const copy = h('button', { type: 'button', class: 'btn btn-small genai-copy', disabled: live }, 'コピー');
  let full = text;
  let pending = '';
  let timer = 0;
  copy.addEventListener('click', () => copyText(full, status));
  const el = h('li', { class: 'genai-msg genai-msg-ai' },
    h('div', { class: 'genai-msg-head' },
      badge,
      h('span', { class: 'genai-reminder' }, AI_REMINDER),
      timeOf(at)),
    reply, notes,
    h('div', { class: 'genai-msg-foot' }, copy, usage, status));
  if (live) el.classList.add('is-streaming');

  const flush = () => {
    if (timer) { window.clearTimeout(timer); timer = 0; }
    if (!pending) return;
    reply.appendChild(document.createTextNode(pending));
    pending = '';
  };
  const end = () => {
    flush();
    el.classList.remove('is-streaming');
    copy.disabled = full === '';
  };

  return {
    el,
    text: () => full,
    append(piece) {
      full += piece;
      pending += piece;
      if (!timer) timer = window.setTimeout(flush, FLUSH_MS);
    },
    finish(done) {
      end();
      if (done && done.label) badge.textContent = done.label;
      usage.textContent = usageText(done && done.usage);
      if (done && done.finish_reason === 'length') {
        notes.appendChild(h('p', { class: 'small genai-note' }, '回答が長すぎるため、途中で打ち切られました。'));
      }
    },
    fail(message) {
      end();
      if (full === '') {
        // Nothing was generated: this is an error message, not AI output.
        // Drop the 「AI生成」 badge, the reminder and the copy button.
        el.classList.add('genai-msg-error');
        badge.textContent = 'エラー';
        badge.className = 'genai-badge genai-badge-error';
        const reminder = el.querySelector('.genai-reminder');
        if (reminder) reminder.remove();
        copy.remove();
        reply.remove();
        notes.appendChild(h('div', { class: 'notice notice-error', role: 'alert' },
          h('p', null, 'AI の回答を作れませんでした。'), h('p', null, message)));
        return;
      }
      notes.appendChild(h('div', { class: 'notice notice-error', role: 'alert' }, message));
    },
    stopped() {
      end();
      notes.appendChild(h('p', { class: 'small genai-note', role: 'status' },
        full ? '停止しました。ここまでの回答を表示しています。' : '停止しました。'));
    },
  };
}
