// genai/guard.js: the guard preview of the 生成AI page. Shows, before
// anything is sent, what POST /api/v1/ws/guard found in the text staff are
// about to send: each finding highlighted in place with its kind (氏名,
// 電話番号...), and the masked text that the model will actually receive.
//
// The guard answers {spans: [{type, label, start, end}], masked, counts,
// total, policy}; start/end are code-point offsets (half-open), so the text
// is split with Array.from() (JavaScript strings index UTF-16 units, and a
// character outside the BMP would shift every later span otherwise).

import { h } from '../dom.js';
import { piiLabel, countsText } from './pii-labels.js';

/**
 * Splits text into plain and found parts: [{text, type?, label?}]. Spans
 * that overlap an earlier one or fall outside the text are ignored (the
 * server never sends them; a broken answer must not break the page).
 */
export function splitBySpans(text, spans) {
  const cps = Array.from(String(text));
  const sorted = (Array.isArray(spans) ? spans : [])
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= cps.length)
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    if (s.start > at) parts.push({ text: cps.slice(at, s.start).join('') });
    parts.push({ text: cps.slice(s.start, s.end).join(''), type: s.type, label: piiLabel(s.type, s.name || s.label), placeholder: s.placeholder || '' });
    at = s.end;
  }
  if (at < cps.length) parts.push({ text: cps.slice(at).join('') });
  return parts;
}

/** True when the policy refuses to send text with findings. */
export function isBlocked(result) {
  return !!result && result.policy === 'block' && Number(result.total ?? spanCount(result)) > 0;
}

function spanCount(result) {
  return Array.isArray(result.spans) ? result.spans.length : 0;
}

/** The sentence the send button shows when the policy refuses. */
export function blockReason(result) {
  const what = countsText(result.counts) || '個人情報';
  return `個人情報（${what}）が含まれているため、送信できません。この環境では個人情報を含む文章を AI に送らない設定になっています。該当する箇所を削除するか、「〔氏名〕」のような言葉に置き換えてください。`;
}

/** The preview panel. Returns {el, show(result, text), pending(), clear(), error(msg)}. */
export function guardPreview() {
  // The summary is a polite status: it changes only when a check finishes
  // (not while one runs), so typing does not make a screen reader chatter.
  const summary = h('p', { class: 'genai-guard-summary', role: 'status' });
  const pendingNote = h('p', { class: 'small muted genai-guard-pending', hidden: true }, '確認しています…');
  const original = h('div', { class: 'genai-guard-text', 'aria-label': '入力した文章（見つかった箇所を強調）', role: 'region', tabindex: '0' });
  const masked = h('pre', { class: 'genai-guard-masked', 'aria-label': 'AI に送る文章', role: 'region', tabindex: '0' });
  const policy = h('p', { class: 'small muted genai-guard-policy' });
  const details = h('div', { class: 'genai-guard-body', hidden: true },
    h('h4', { class: 'genai-guard-sub' }, '入力した文章（見つかった箇所）'), original,
    h('h4', { class: 'genai-guard-sub' }, 'AI に送る文章'), masked, policy);
  const el = h('section', { class: 'genai-guard', 'aria-labelledby': 'genai-guard-title' },
    h('h3', { id: 'genai-guard-title', class: 'genai-section-title' }, '個人情報の確認'),
    summary, pendingNote, details);
  el.dataset.state = 'empty';
  summary.textContent = '入力すると、送信前に個人情報が含まれていないかを確認します。';

  return {
    el,
    clear() {
      pendingNote.hidden = true;
      el.dataset.state = 'empty';
      summary.textContent = '入力すると、送信前に個人情報が含まれていないかを確認します。';
      details.hidden = true;
    },
    pending() {
      pendingNote.hidden = false;
    },
    error(message) {
      pendingNote.hidden = true;
      el.dataset.state = 'error';
      summary.textContent = `確認できませんでした: ${message}`;
      details.hidden = true;
    },
    show(result, text) {
      const parts = splitBySpans(text, result.spans);
      const found = parts.filter((p) => p.type).length;
      pendingNote.hidden = true;
      el.dataset.state = found ? 'found' : 'clean';
      summary.textContent = found
        ? `個人情報と思われる箇所が ${found} か所あります（${countsText(result.counts) || '種類不明'}）。`
        : '個人情報は見つかりませんでした。';
      original.replaceChildren(...parts.map((p) => (p.type
        ? h('mark', { class: 'genai-pii', 'data-type': p.type }, p.text,
          // The placeholder as history and the model see it (〔電話1〕),
          // with the type name for screen readers and tooltips.
          h('span', { class: 'genai-pii-tag', title: p.label }, p.placeholder || `〔${p.label}〕`))
        : p.text)));
      const pol = result.policy || 'mask';
      // Under "warn" the text goes as typed; otherwise the masked form goes.
      masked.textContent = pol === 'warn' ? String(text) : String(result.masked ?? text);
      if (isBlocked(result)) policy.textContent = 'この環境の設定では、個人情報を含む文章は送信できません。';
      else if (pol === 'warn' && found) policy.textContent = 'この環境の設定では、見つかった箇所も伏せずにそのまま AI に送られます。送ってよい内容か確認してください。';
      else if (found) policy.textContent = '「〔電話1〕」のような表示は伏せ字にした箇所です。AI には伏せ字の文章だけが送られ、回答では元の表記に戻して表示します。';
      else policy.textContent = '';
      details.hidden = false;
    },
  };
}
