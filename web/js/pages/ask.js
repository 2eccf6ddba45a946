// pages/ask.js: 問い合わせ (every role). A conversation with the knowledge
// base through POST /api/v1/ask and POST /api/v1/ask/{id}/feedback; the
// view itself is js/qa-chat.js, shared with the citizens' page. The
// conversation is kept in this module while the tab is open, so coming
// back to the page shows it again; but never across logins, since office
// PCs are shared: app.js loads a new user object (ctx.me) at every login,
// and a different object means a different session.
//
// When a model is configured (GET /api/v1/ws/status), staff may ask for a
// grounded answer instead: POST /api/v1/ask with "generate": true streams
// server-sent events (docs/ws.md), read with genai/sse.js. The choice is
// remembered like the conversation: for this login, off at the next one.

import { h } from '../dom.js';
import { api, apiStream } from '../api.js';
import { createChat } from '../qa-chat.js';
import { readEvents } from '../genai/sse.js';

const GENERATE_LABEL = '生成AIで回答文をまとめる（出典を引用）';

const history = [];
const prefs = { generate: false };
let historyOf = null; // the ctx.me the conversation belongs to

/* Whether a model is configured; any failure means "no" (the page then
 * works as without the option). */
async function modelConfigured() {
  try {
    const status = await api('GET', '/api/v1/ws/status');
    return !!(status && status.configured);
  } catch (_) {
    return false;
  }
}

export async function renderAsk(body, ctx) {
  if (historyOf !== ctx.me) {
    history.length = 0;
    prefs.generate = false;
    historyOf = ctx.me;
  }
  const configured = await modelConfigured();
  if (!ctx.alive()) return;
  const chat = createChat({
    audience: 'staff',
    history,
    label: '質問を入力',
    emptyText: 'まだ質問はありません。住民から受けた問い合わせや、業務で分からないことを、普段の言葉で入力してください（例: 「転入届に必要なものは？」）。',
    ask: (question) => api('POST', '/api/v1/ask', { question }),
    vote: (result, vote) => api('POST', `/api/v1/ask/${encodeURIComponent(result.question_id)}/feedback`,
      { token: result.feedback_token, vote }),
    generate: configured ? {
      label: GENERATE_LABEL,
      checked: prefs.generate,
      onChange: (on) => { prefs.generate = on; },
      stream: async (question, signal, onEvent) => {
        const res = await apiStream('/api/v1/ask', { question, generate: true }, signal);
        await readEvents(res, onEvent);
      },
    } : null,
  });
  const editor = ctx.me && Array.isArray(ctx.me.roles) && (ctx.me.roles.includes('admin') || ctx.me.roles.includes('editor'));
  // Element.append() would turn a null into the text "null": drop the
  // paragraphs that do not apply before appending.
  body.append(...[
    h('p', { class: 'lead' }, '市に登録された FAQ や文書から回答を探し、根拠となる出典と一緒に表示します。回答は登録された内容そのもので、AI が文章を作り出すことはありません。'),
    configured ? h('p', { class: 'muted small' }, `「${GENERATE_LABEL}」を選ぶと、見つかった出典をもとに生成AIが回答文を作ります。生成された回答には「AI生成」と表示されます。`) : null,
    editor ? h('p', { class: 'muted small' }, '答えられなかった質問は「未回答の質問」に集まります。FAQ は「ナレッジ管理」で登録できます。') : null,
    chat.el].filter(Boolean));
}
