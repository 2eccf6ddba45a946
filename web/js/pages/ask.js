// pages/ask.js: 問い合わせ (every role). A conversation with the knowledge
// base through POST /api/v1/ask and POST /api/v1/ask/{id}/feedback; the
// view itself is js/qa-chat.js, shared with the citizens' page. The
// conversation is kept in this module while the tab is open, so coming
// back to the page shows it again; but never across logins, since office
// PCs are shared: app.js loads a new user object (ctx.me) at every login,
// and a different object means a different session.

import { h } from '../dom.js';
import { api } from '../api.js';
import { createChat } from '../qa-chat.js';

const history = [];
let historyOf = null; // the ctx.me the conversation belongs to

export async function renderAsk(body, ctx) {
  if (historyOf !== ctx.me) {
    history.length = 0;
    historyOf = ctx.me;
  }
  const chat = createChat({
    audience: 'staff',
    history,
    label: '質問を入力',
    emptyText: 'まだ質問はありません。住民から受けた問い合わせや、業務で分からないことを、普段の言葉で入力してください（例: 「転入届に必要なものは？」）。',
    ask: (question) => api('POST', '/api/v1/ask', { question }),
    vote: (result, vote) => api('POST', `/api/v1/ask/${encodeURIComponent(result.question_id)}/feedback`,
      { token: result.feedback_token, vote }),
  });
  const editor = ctx.me && Array.isArray(ctx.me.roles) && (ctx.me.roles.includes('admin') || ctx.me.roles.includes('editor'));
  body.append(
    h('p', { class: 'lead' }, '市に登録された FAQ や文書から回答を探し、根拠となる出典と一緒に表示します。回答は登録された内容そのもので、AI が文章を作り出すことはありません。'),
    editor ? h('p', { class: 'muted small' }, '答えられなかった質問は「未回答の質問」に集まります。FAQ は「ナレッジ管理」で登録できます。') : null,
    chat.el);
}
