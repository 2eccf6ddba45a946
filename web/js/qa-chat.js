// qa-chat.js: the conversation view of 問い合わせAI, shared by the staff
// page (js/pages/ask.js, POST /api/v1/ask) and the citizens' page
// (js/public.js, POST /api/v1/public/ask). It draws one exchange per
// question: the question, then the answer (decision "answer"), the
// 「もしかして」 choices ("clarify") or a plain "not found" ("unknown"), the
// sources with their highlighted snippets, related questions and 👍/👎.
//
// The caller supplies how to ask and how to vote, so this file never talks
// to the API itself. Everything from the server is shown through text
// nodes (dom.js h()), snippet highlights included: never innerHTML.

import { h, uid, notice } from './dom.js';

// The server takes questions of up to QA_QUESTION_MAX = 2000 bytes; in
// UTF-8 a Japanese character takes 3, so 600 characters always fit.
const QUESTION_MAX_CHARS = 600;

// Sources shown with もしかして or under 「参考」: at most this many, and
// only those scoring at least NEAR_RATIO of the best (the rule the server
// applies to an answer's sources); the rest match on single common words
// and only add noise.
const NEAR_MAX = 3;
const NEAR_RATIO = 0.5;

function nearSources(r) {
  const list = Array.isArray(r.sources) ? r.sources : [];
  const top = list.reduce((m, s) => Math.max(m, Number(s.score) || 0), 0);
  return list.filter((s) => (Number(s.score) || 0) >= top * NEAR_RATIO).slice(0, NEAR_MAX);
}


/** Only http(s) links from the knowledge base become <a href>. */
export function safeUrl(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const u = new URL(url, window.location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch (_) {
    return null;
  }
}

/**
 * The snippet as text nodes with <mark> around the highlights, which are
 * [start, end) offsets in code points (not UTF-16 units: "𠮷" counts one).
 * Overlapping or out-of-range ranges are clipped and merged.
 */
export function highlightedSnippet(snippet, highlights) {
  const chars = Array.from(String(snippet || ''));
  const ranges = (Array.isArray(highlights) ? highlights : [])
    .filter((r) => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]))
    .map(([a, b]) => [Math.max(0, a), Math.min(chars.length, b)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) out.push(chars.slice(at, a).join(''));
    out.push(h('mark', null, chars.slice(a, b).join('')));
    at = b;
  }
  if (at < chars.length) out.push(chars.slice(at).join(''));
  return out;
}

/** "規程集.pdf p.12 ／ 第1章 総則 > 第3条": where in which file a source is. */
function sourcePlace(s) {
  const file = [s.source_name, s.locator].filter(Boolean).join(' ');
  const parts = [];
  if (file) parts.push(file);
  else if (s.source_name === '' && s.kind === 'faq') parts.push('職員が登録した FAQ');
  if (s.heading_path) parts.push(s.heading_path);
  return parts.join(' ／ ');
}

/* What the answer is: an FAQ's question, or the place of a passage. */
function matchedLine(a) {
  if (a.kind === 'passage') {
    const where = [a.question, a.heading_path, a.locator].filter(Boolean).join(' ／ ');
    return where ? h('p', { class: 'qa-matched' }, `「${where}」の該当箇所です。`) : null;
  }
  return a.question ? h('p', { class: 'qa-matched' }, `「${a.question}」についての回答です。`) : null;
}

function sourceItem(s) {
  const url = safeUrl(s.url);
  const title = s.title || '（題名なし）';
  const place = sourcePlace(s);
  return h('li', { class: 'qa-source' },
    h('p', { class: 'qa-source-title' },
      url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, title,
        h('span', { class: 'visually-hidden' }, '（新しいタブで開きます）')) : title,
      s.category ? h('span', { class: 'badge qa-category' }, s.category) : null),
    place ? h('p', { class: 'qa-source-place' }, place) : null,
    s.snippet ? h('p', { class: 'qa-snippet' }, highlightedSnippet(s.snippet, s.highlights)) : null);
}

function sourcesBlock(sources, heading) {
  if (!Array.isArray(sources) || sources.length === 0) return null;
  const id = uid('src');
  return h('section', { class: 'qa-sources', 'aria-labelledby': id },
    h('h3', { id, class: 'qa-block-title' }, heading),
    h('ol', { class: 'qa-source-list' }, sources.map(sourceItem)));
}

/**
 * createChat(opts) → {el, input, ask(question), clear()}
 *   opts.ask(question)          → Promise of the qa_ask result; throws {message}
 *   opts.vote(result, 1 | -1)   → Promise; throws {message}
 *   opts.audience               'staff' | 'public' (wording of "not found")
 *   opts.history                optional array kept by the caller; exchanges
 *                               are appended to it and redrawn from it, so a
 *                               conversation survives leaving the page
 *   opts.label                  label of the question box
 */
export function createChat(opts) {
  const history = opts.history || [];
  const audience = opts.audience || 'staff';
  const logId = uid('log');
  const log = h('ol', {
    class: 'qa-log', id: logId, role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
    'aria-label': '質問と回答の履歴',
  });
  const empty = h('p', { class: 'qa-empty muted' }, opts.emptyText ||
    'まだ質問はありません。下の欄に質問を入力してください。');

  const input = h('textarea', {
    id: uid('q'), name: 'question', rows: '2', maxlength: String(QUESTION_MAX_CHARS), autocomplete: 'off',
    class: 'qa-input', enterkeyhint: 'send',
  });
  const hintId = uid('hint');
  input.setAttribute('aria-describedby', hintId);
  const send = h('button', { type: 'submit', class: 'btn btn-primary qa-send' }, '質問する');
  const formError = h('p', { class: 'field-error', hidden: true, role: 'alert' });
  const form = h('form', { class: 'qa-form', novalidate: true },
    h('label', { for: input.id, class: 'field-label' }, opts.label || '質問'),
    h('p', { class: 'field-hint', id: hintId }, 'Enter キーで送信、Shift＋Enter で改行します。'),
    h('div', { class: 'qa-form-row' }, input, send),
    formError);

  const clearBtn = h('button', { type: 'button', class: 'btn btn-small qa-clear', hidden: history.length === 0 }, '履歴を消去');
  const el = h('div', { class: 'qa-chat' },
    h('div', { class: 'qa-log-head' }, clearBtn), empty, log, form);

  let busy = false;

  const setBusy = (b) => {
    busy = b;
    send.disabled = b;
    form.setAttribute('aria-busy', b ? 'true' : 'false');
  };

  // ---- one exchange ----------------------------------------------------------

  function feedbackBlock(ex) {
    const r = ex.result;
    const status = h('p', { class: 'qa-feedback-status', role: 'status' });
    const up = h('button', { type: 'button', class: 'btn btn-small qa-vote', 'aria-pressed': 'false' },
      h('span', { 'aria-hidden': 'true' }, '👍'), ' 役に立った');
    const down = h('button', { type: 'button', class: 'btn btn-small qa-vote', 'aria-pressed': 'false' },
      h('span', { 'aria-hidden': 'true' }, '👎'), ' 役に立たなかった');
    const show = () => {
      up.setAttribute('aria-pressed', ex.vote === 1 ? 'true' : 'false');
      down.setAttribute('aria-pressed', ex.vote === -1 ? 'true' : 'false');
      if (ex.vote === 1) status.textContent = 'ご評価ありがとうございました。';
      else if (ex.vote === -1) {
        status.textContent = audience === 'public'
          ? 'ご評価ありがとうございました。いただいた評価は回答の改善に使います。'
          : 'ご評価ありがとうございました。担当者が FAQ を見直します。';
      }
    };
    const cast = async (v) => {
      up.disabled = true;
      down.disabled = true;
      try {
        await opts.vote(r, v);
        ex.vote = v;
        show();
      } catch (err) {
        status.textContent = `評価を送れませんでした。${err.message || ''}`;
      } finally {
        up.disabled = false;
        down.disabled = false;
      }
    };
    up.addEventListener('click', () => cast(1));
    down.addEventListener('click', () => cast(-1));
    show();
    const id = uid('fb');
    return h('div', { class: 'qa-feedback', role: 'group', 'aria-labelledby': id },
      h('span', { id, class: 'qa-feedback-label' }, 'この回答は役に立ちましたか？'),
      up, down, status);
  }

  function askButton(question, cls) {
    return h('button', {
      type: 'button', class: `btn btn-small ${cls}`,
      onclick: () => { ask(question); },
    }, question);
  }

  function relatedBlock(related) {
    const qs = (Array.isArray(related) ? related : []).filter((x) => x && x.question);
    if (!qs.length) return null;
    const id = uid('rel');
    return h('section', { class: 'qa-related', 'aria-labelledby': id },
      h('h3', { id, class: 'qa-block-title' }, '関連する質問'),
      h('ul', { class: 'qa-choice-list' }, qs.map((x) => h('li', null, askButton(x.question, 'qa-related-q')))));
  }

  function answerBody(ex) {
    const r = ex.result;
    const parts = [];
    if (r.decision === 'answer' && r.answer) {
      const a = r.answer;
      const url = safeUrl(a.url);
      parts.push(h('p', { class: 'qa-label' }, h('span', { class: 'badge qa-badge-answer' }, '回答')),
        matchedLine(a),
        h('div', { class: 'qa-answer-text' }, a.text || ''),
        url ? h('p', { class: 'qa-answer-link' },
          h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, '詳しい案内のページ',
            h('span', { class: 'visually-hidden' }, '（新しいタブで開きます）'))) : null,
        sourcesBlock(r.sources, '出典'),
        relatedBlock(r.related),
        feedbackBlock(ex));
    } else if (r.decision === 'clarify') {
      const near = nearSources(r);
      const seen = new Set();
      const choices = [];
      // Only FAQ questions can be asked again; a document passage has no
      // question of its own (asking its heading ranks poorly), so passages
      // are shown below with their text instead.
      for (const t of near.filter((x) => x.kind === 'faq').map((x) => x.title)) {
        if (t && !seen.has(t)) { seen.add(t); choices.push(t); }
      }
      const id = uid('maybe');
      parts.push(h('p', { class: 'qa-label' }, h('span', { class: 'badge qa-badge-clarify' }, 'もしかして')),
        h('p', { id }, choices.length
          ? 'はっきりした回答が見つかりませんでした。次のどれかについてのご質問ですか？ 選ぶと、その質問で回答を探します。'
          : 'はっきりした回答が見つかりませんでした。下の情報に、お探しの内容があるかもしれません。'),
        choices.length ? h('ul', { class: 'qa-choice-list', 'aria-labelledby': id },
          choices.map((t) => h('li', null, askButton(t, 'qa-maybe')))) : null,
        sourcesBlock(near, '関係がありそうな情報'),
        feedbackBlock(ex));
    } else {
      parts.push(h('p', { class: 'qa-label' }, h('span', { class: 'badge qa-badge-unknown' }, '回答なし')),
        h('p', { class: 'qa-unknown' }, 'ご質問への回答は見つかりませんでした。'),
        h('p', null, audience === 'public'
          ? 'このご質問は担当の職員に伝わり、よくある質問（FAQ）の追加に役立てます。お急ぎの場合は、担当の窓口へお電話などでお問い合わせください。'
          : 'この質問は担当の職員（ナレッジの編集者）に引き継ぎました。FAQ が追加されると、同じ質問に答えられるようになります。言い方を変えて質問し直すと、見つかることもあります。'),
        // Staff may read the weak matches themselves (a passage of a
        // regulation often holds the answer); citizens get only answers.
        audience === 'staff' ? sourcesBlock(nearSources(r), '参考: 関係があるかもしれない情報（確かな回答ではありません）') : null);
    }
    return parts;
  }

  function exchangeEl(ex) {
    const answerBox = h('div', { class: 'qa-bubble qa-bubble-answer' });
    if (ex.result) answerBox.append(...answerBody(ex).filter(Boolean));
    else if (ex.error) answerBox.appendChild(notice('error', ex.error));
    else answerBox.appendChild(h('p', { class: 'muted qa-pending' }, '回答を探しています…'));
    return {
      li: h('li', { class: 'qa-exchange' },
        h('div', { class: 'qa-bubble qa-bubble-question' },
          h('span', { class: 'visually-hidden' }, '質問: '),
          h('p', { class: 'qa-question-text' }, ex.question)),
        answerBox),
      answerBox,
    };
  }

  function redraw() {
    log.replaceChildren(...history.map((ex) => exchangeEl(ex).li));
    empty.hidden = history.length > 0;
    clearBtn.hidden = history.length === 0;
  }

  // ---- asking -------------------------------------------------------------------

  async function ask(question) {
    const q = String(question || '').trim();
    if (busy) return;
    if (!q) {
      formError.textContent = '質問を入力してください。';
      formError.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    formError.hidden = true;
    input.removeAttribute('aria-invalid');
    const ex = { question: q, result: null, error: null, vote: 0 };
    history.push(ex);
    empty.hidden = true;
    clearBtn.hidden = false;
    const { li, answerBox } = exchangeEl(ex);
    log.appendChild(li);
    li.scrollIntoView({ block: 'nearest' });
    setBusy(true);
    try {
      ex.result = await opts.ask(q);
      answerBox.replaceChildren(...answerBody(ex).filter(Boolean));
    } catch (err) {
      ex.error = (err && err.message) || '回答を取得できませんでした。';
      answerBox.replaceChildren(notice('error', ex.error));
    } finally {
      setBusy(false);
    }
    li.scrollIntoView({ block: 'nearest' });
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = input.value;
    if (q.trim() && !busy) input.value = '';
    ask(q);
    input.focus();
  });
  input.addEventListener('keydown', (ev) => {
    // Enter while an IME converts Japanese input confirms the conversion:
    // never send then (isComposing, or keyCode 229 in older browsers).
    if (ev.key !== 'Enter' || ev.shiftKey || ev.isComposing || ev.keyCode === 229) return;
    ev.preventDefault();
    form.requestSubmit();
  });
  clearBtn.addEventListener('click', () => {
    history.length = 0;
    redraw();
    input.focus();
  });

  redraw();
  return { el, input, ask, clear: () => { history.length = 0; redraw(); } };
}
