// qa-chat.js: the conversation view of 問い合わせAI, shared by the staff
// page (js/pages/ask.js, POST /api/v1/ask) and the citizens' page
// (js/public.js, POST /api/v1/public/ask). It draws one exchange per
// question: the question, then the answer (decision "answer"), the
// 「もしかして」 choices ("clarify") or a plain "not found" ("unknown"), the
// sources with their highlighted snippets, related questions and 👍/👎.
//
// With opts.generate (staff, a model configured) a checkbox offers the
// grounded answer: the question goes to the model together with the sources
// qa finds, and the reply streams in, labelled 「AI生成」, its citations [n]
// linked to the numbered sources (docs/ws.md, "Grounded answers").
//
// The caller supplies how to ask and how to vote, so this file never talks
// to the API itself. Everything from the server is shown through text
// nodes (dom.js h()), snippet highlights included: never innerHTML.

import { h, uid, notice, announce } from './dom.js';
import { AI_LABEL, AI_REMINDER, FLUSH_MS } from './genai/thread.js';

// The server takes questions of up to QA_QUESTION_MAX = 2000 bytes; in
// UTF-8 a Japanese character takes 3, so 600 characters always fit.
const QUESTION_MAX_CHARS = 600;

// Sources shown with もしかして or under 「参考」: the server already left out
// entries that match only weakly (one character or a common word) and those
// scoring under half of the best (qa.h QA_SOURCE_MIN_RATIO), and it logs
// exactly these as what the asker was shown (未回答 lists them), so the
// page shows them all.
function nearSources(r) {
  return Array.isArray(r.sources) ? r.sources : [];
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

/* Where the answer itself comes from, in one line: the answer is shown
 * once, as the answer, not again as a numbered source. */
function answerSourceLine(s) {
  if (!s) return null;
  const place = sourcePlace(s) || (s.kind === 'faq' ? '登録された FAQ' : '');
  return place ? h('p', { class: 'qa-answer-source' }, `出典: ${place}`) : null;
}

// ---- grounded (generated) answers -------------------------------------------------

const UNVERIFIED = '出典を引用していない回答です（未検証）';
const CUT_SHORT = '回答が途中で途切れました。もう一度お試しください。';

// A citation as the server counts it (ws_citations_check): [1], ［1］, 【1】,
// [1, 2], [1、2]; digits may be full-width.
const CITATION = /[\[［【]\s*([0-9０-９]+(?:\s*[,，、]\s*[0-9０-９]+)*)\s*[\]］】]/g;

function citationNumber(digits) {
  return Number(digits.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
}

/**
 * The answer text as text nodes, each citation of a listed source turned
 * into a link to it (sourceEl(n) → its <li>, or null). A bracket naming a
 * number that is not listed stays plain text.
 */
export function citedText(text, sourceEl) {
  const out = [];
  let at = 0;
  for (const m of String(text || '').matchAll(CITATION)) {
    const nums = m[1].split(/[,，、]/).map((d) => citationNumber(d.trim()));
    const targets = nums.map((n) => sourceEl(n));
    if (targets.some((t) => !t)) continue;
    if (m.index > at) out.push(text.slice(at, m.index));
    nums.forEach((n, i) => {
      const target = targets[i];
      out.push(h('a', {
        href: `#${target.id}`, class: 'qa-cite',
        'aria-label': `出典${n}「${target.dataset.title}」`,
        // The app routes on the hash: move to the source without changing it.
        onclick: (ev) => {
          ev.preventDefault();
          target.scrollIntoView({ block: 'nearest' });
          target.focus();
        },
      }, `[${n}]`));
    });
    at = m.index + m[0].length;
  }
  if (at < String(text || '').length) out.push(text.slice(at));
  return out;
}

/* The numbered sources of a grounded answer (meta.sources: n, title, url,
 * kind), drawn like the sources of a normal answer. Returns the block and
 * a lookup of each number's <li>. */
function numberedSources(sources) {
  const byNumber = new Map();
  const list = (Array.isArray(sources) ? sources : []).filter((s) => s && Number.isInteger(s.n));
  if (!list.length) return { block: null, sourceEl: () => null };
  const id = uid('gsrc');
  const items = list.map((s) => {
    // s.source: the file name, or 「職員が登録した FAQ」 for an entry added on screen.
    const li = sourceItem({ title: s.title, url: s.url, source_name: s.source || '', kind: s.kind });
    li.id = `${id}-${s.n}`;
    li.tabIndex = -1;
    li.dataset.title = s.title || '（題名なし）';
    li.querySelector('.qa-source-title').prepend(h('span', { class: 'qa-source-n' }, `[${s.n}] `));
    byNumber.set(s.n, li);
    return li;
  });
  const block = h('section', { class: 'qa-sources', 'aria-labelledby': id },
    h('h3', { id, class: 'qa-block-title' }, '出典（回答文の [番号] はこの番号です）'),
    h('ol', { class: 'qa-source-list qa-source-list-numbered' }, items));
  return { block, sourceEl: (n) => byNumber.get(n) || null };
}

/* The finished grounded answer of an exchange, from what was received:
 * ex.text, ex.sources (meta), ex.done, ex.error, ex.stopped. */
function generatedBody(ex) {
  const done = ex.done || {};
  if (done.unknown) {
    // 「分かりません」: no source said it; no model wrote this.
    return [h('p', { class: 'qa-label' }, h('span', { class: 'badge qa-badge-unknown' }, '回答なし')),
      h('p', { class: 'qa-unknown' }, ex.text || '分かりません。'),
      h('p', { class: 'muted small' }, '登録された FAQ や文書に、この質問に答える出典が見つかりませんでした（生成AIは使っていません）。')];
  }
  const { block, sourceEl } = numberedSources(ex.sources);
  if (ex.error && !ex.text) {
    // The model failed before writing anything: an error, not AI output
    // (no 「AI生成」 badge, nothing to copy). When qa had found an FAQ that
    // answers the question, show that answer instead, as what it is.
    const found = (Array.isArray(ex.sources) ? ex.sources : []).find((x) => x && typeof x.fallback === 'string' && x.fallback);
    const out = [h('div', { class: 'notice notice-error qa-gen-error', role: 'alert' },
      h('p', { class: 'qa-gen-error-title' }, '生成AIの回答を作れませんでした。'),
      h('p', null, ex.error))];
    if (found) {
      out.push(h('p', { class: 'qa-label' }, h('span', { class: 'badge qa-badge-answer' }, '登録された FAQ の回答')),
        h('p', { class: 'qa-matched' }, `「${found.title}」についての回答です（生成AIは使っていません）。`),
        h('div', { class: 'qa-answer-text qa-fallback-text' }, found.fallback));
    }
    out.push(block);
    return out;
  }
  const parts = [
    h('p', { class: 'qa-label qa-gen-head' },
      h('span', { class: 'genai-badge' }, done.label || AI_LABEL),
      h('span', { class: 'genai-reminder' }, AI_REMINDER)),
    ex.text ? h('div', { class: 'qa-answer-text qa-gen-text' }, citedText(ex.text, sourceEl)) : null,
  ];
  if (ex.done && ex.done.verified === false) parts.push(h('p', { class: 'notice notice-warn qa-unverified' }, UNVERIFIED));
  if (ex.done && ex.done.finish_reason === 'length') parts.push(h('p', { class: 'small muted' }, '回答が長すぎるため、途中で打ち切られました。'));
  if (ex.stopped) {
    parts.push(h('p', { class: 'small muted qa-stopped' },
      ex.text ? '停止しました。ここまでの回答を表示しています。' : '停止しました。'));
  }
  if (ex.error) parts.push(notice('error', ex.error));
  parts.push(block);
  return parts;
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
 *   opts.generate               optional: offer the grounded answer
 *     .label                    the checkbox's label
 *     .checked                  its initial state
 *     .onChange(checked)        called when staff change it
 *     .stream(question, signal, onEvent(name, data))
 *                               → Promise resolved at the end of the stream;
 *                               rejects with the AbortError when signal fires
 */
export function createChat(opts) {
  const history = opts.history || [];
  const audience = opts.audience || 'staff';
  const logId = uid('log');
  // role=log goes on a wrapper: on the <ol> itself it would replace the
  // list semantics (how many exchanges, which one) that screen readers use.
  const log = h('ol', { class: 'qa-log', id: logId, 'aria-label': '質問と回答の履歴' });
  const logRegion = h('div', { class: 'qa-log-region', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' }, log);
  const empty = h('p', { class: 'qa-empty muted' }, opts.emptyText ||
    'まだ質問はありません。下の欄に質問を入力してください。');

  const input = h('textarea', {
    id: uid('q'), name: 'question', rows: '2', maxlength: String(QUESTION_MAX_CHARS), autocomplete: 'off',
    class: 'qa-input', enterkeyhint: 'send',
  });
  const hintId = uid('hint');
  input.setAttribute('aria-describedby', hintId);
  const send = h('button', { type: 'submit', class: 'btn btn-primary qa-send' }, '質問する');
  const stop = h('button', { type: 'button', class: 'btn qa-stop', hidden: true }, '停止');
  const formError = h('p', { class: 'field-error', hidden: true, role: 'alert' });
  const gen = opts.generate || null;
  let genBox = null;
  let genRow = null;
  if (gen) {
    genBox = h('input', { type: 'checkbox', id: uid('gen'), class: 'qa-gen-check', checked: !!gen.checked });
    const genHint = uid('genhint');
    genBox.setAttribute('aria-describedby', genHint);
    genBox.addEventListener('change', () => { if (gen.onChange) gen.onChange(genBox.checked); });
    genRow = h('div', { class: 'qa-gen-option' },
      genBox, h('label', { for: genBox.id }, gen.label),
      h('p', { class: 'field-hint', id: genHint },
        '見つかった出典をもとに生成AIが回答文を作ります。回答には「AI生成」と表示されます。'));
  }
  const form = h('form', { class: 'qa-form', novalidate: true },
    h('label', { for: input.id, class: 'field-label' }, opts.label || '質問'),
    h('p', { class: 'field-hint', id: hintId }, 'Enter キーで送信、Shift＋Enter で改行します。'),
    genRow,
    h('div', { class: 'qa-form-row' }, input, send, stop),
    formError);

  const clearBtn = h('button', { type: 'button', class: 'btn btn-small qa-clear', hidden: history.length === 0 }, '履歴を消去');
  const el = h('div', { class: 'qa-chat' },
    h('div', { class: 'qa-log-head' }, clearBtn), empty, logRegion, form);

  // The question box sticks to the bottom of the window: the page keeps a
  // scroll padding of its measured height (css/qa.css, html:has(.qa-form)),
  // so a もしかして choice or related question that receives focus is
  // scrolled above the box, not under it (WCAG 2.4.11), however tall the
  // box grows (a generation option, an error, a resized textarea).
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      const px = Math.ceil(form.getBoundingClientRect().height);
      if (px > 0) document.documentElement.style.setProperty('--qa-form-h', `${px}px`);
    }).observe(form);
  }

  let busy = false;
  let controller = null; // AbortController of the grounded answer streaming

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
        answerSourceLine((Array.isArray(r.sources) ? r.sources : []).find((x) => x && x.id === a.id)),
        sourcesBlock((Array.isArray(r.sources) ? r.sources : []).filter((x) => x && x.id !== a.id), '参考: ほかに関係する情報'),
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
    if (ex.generated && ex.finished) answerBox.append(...generatedBody(ex).filter(Boolean));
    else if (ex.generated) answerBox.appendChild(h('p', { class: 'muted qa-pending' }, '回答を作成しています…'));
    else if (ex.result) answerBox.append(...answerBody(ex).filter(Boolean));
    else if (ex.error) answerBox.appendChild(notice('error', ex.error));
    else answerBox.appendChild(h('p', { class: 'muted qa-pending' }, '回答を探しています…'));
    return {
      // One heading per exchange (h2, under the page's h1), so that a
      // screen reader can jump from question to question; 出典 and
      // 関連する質問 are h3 under it.
      li: h('li', { class: 'qa-exchange' },
        h('div', { class: 'qa-bubble qa-bubble-question' },
          h('h2', { class: 'qa-question-text' },
            h('span', { class: 'visually-hidden' }, '質問: '), ex.question)),
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

  /* The streaming view of a grounded answer: the badge once sources are
   * known (no sources means the fixed 「分かりません」 follows), and the text
   * written in batches every FLUSH_MS so that a screen reader hears
   * sentences, not single tokens. */
  function streamingView(answerBox) {
    const text = h('div', { class: 'qa-answer-text qa-gen-text' });
    const head = h('p', { class: 'qa-label qa-gen-head' });
    let pending = '';
    let timer = 0;
    let shown = false;
    const flush = () => {
      if (timer) { window.clearTimeout(timer); timer = 0; }
      if (pending) text.appendChild(document.createTextNode(pending));
      pending = '';
    };
    return {
      show(hasSources) {
        if (shown) return;
        shown = true;
        if (hasSources) head.append(h('span', { class: 'genai-badge' }, AI_LABEL), h('span', { class: 'genai-reminder' }, AI_REMINDER));
        answerBox.replaceChildren(head, text);
      },
      append(piece) {
        pending += piece;
        if (!timer) timer = window.setTimeout(flush, FLUSH_MS);
      },
      end() { if (timer) window.clearTimeout(timer); timer = 0; },
    };
  }

  async function askGenerated(ex, answerBox) {
    controller = new AbortController();
    const { signal } = controller;
    stop.hidden = false;
    const view = streamingView(answerBox);
    try {
      await gen.stream(ex.question, signal, (name, data) => {
        // The page was left: stop the answer (the server cancels upstream).
        if (!el.isConnected) { controller.abort(); return; }
        if (name === 'meta') {
          ex.sources = Array.isArray(data.sources) ? data.sources : [];
          view.show(ex.sources.length > 0);
        } else if (name === 'delta' && typeof data.text === 'string') {
          view.show(ex.sources.length > 0);
          ex.text += data.text;
          view.append(data.text);
        } else if (name === 'done') {
          ex.done = data || {};
        } else if (name === 'error') {
          ex.error = (data && data.message) || '回答を受け取れませんでした。';
        }
      });
      if (!ex.done && !ex.error) ex.error = CUT_SHORT;
    } catch (err) {
      if (err && err.name === 'AbortError') ex.stopped = true;
      else ex.error = (err && err.message) || '回答を受け取れませんでした。';
    } finally {
      view.end();
      controller = null;
      stop.hidden = true;
    }
    ex.finished = true;
    answerBox.replaceChildren(...generatedBody(ex).filter(Boolean));
    if (ex.stopped) announce('回答の受け取りを停止しました。');
    else if (ex.done && !ex.done.unknown) announce(`回答が完了しました。${AI_REMINDER}。`);
  }

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
    const generated = !!(genBox && genBox.checked);
    const ex = generated
      ? { question: q, generated, text: '', sources: [], done: null, error: null, stopped: false, finished: false }
      : { question: q, result: null, error: null, vote: 0 };
    history.push(ex);
    empty.hidden = true;
    clearBtn.hidden = false;
    const { li, answerBox } = exchangeEl(ex);
    log.appendChild(li);
    li.scrollIntoView({ block: 'nearest' });
    setBusy(true);
    try {
      if (generated) {
        await askGenerated(ex, answerBox);
      } else {
        ex.result = await opts.ask(q);
        answerBox.replaceChildren(...answerBody(ex).filter(Boolean));
      }
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
  stop.addEventListener('click', () => {
    if (controller) controller.abort();
    input.focus();
  });
  clearBtn.addEventListener('click', () => {
    if (controller) controller.abort();
    history.length = 0;
    redraw();
    input.focus();
  });

  redraw();
  return { el, input, ask, clear: () => { history.length = 0; redraw(); } };
}
