// public.js: the citizens' page /public.html (no login). Asks through
// POST /api/v1/public/ask and rates through
// POST /api/v1/public/ask/{id}/feedback: no cookie is sent and no CSRF
// token is needed; the server answers only from entries marked public and
// limits how often one address may ask (429). The conversation view is
// js/qa-chat.js, shared with the staff page. With "?embed=1" the page is
// laid out for the iframe of widget.js.

import { createChat } from './qa-chat.js';

const MESSAGES = {
  0: 'サーバーに接続できませんでした。通信の状態を確かめて、もう一度お試しください。',
  400: 'ご質問を受け付けられませんでした。内容を短くするなどして、もう一度お試しください。',
  413: 'ご質問が長すぎます。短くしてもう一度お試しください。',
  429: 'ただいま質問が続いたため、少し時間をおいてからもう一度お試しください。',
  500: 'ただいま回答できません。時間をおいてもう一度お試しください。',
};

class PublicError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function post(path, body) {
  let res;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (_) {
    throw new PublicError(0, MESSAGES[0]);
  }
  let data = null;
  try { data = await res.json(); } catch (_) { data = null; }
  if (res.ok) return data || {};
  if (res.status === 429) {
    const wait = Number(res.headers.get('Retry-After'));
    const extra = Number.isFinite(wait) && wait > 0 ? `（${Math.ceil(wait)} 秒ほどお待ちください）` : '';
    throw new PublicError(429, MESSAGES[429] + extra);
  }
  // The server's own Japanese message for a bad question (too long...);
  // a generic one for anything else.
  const msg = res.status === 400 && data && data.error && data.error.message
    ? data.error.message
    : MESSAGES[res.status] || MESSAGES[res.status >= 500 ? 500 : 400];
  throw new PublicError(res.status, msg);
}

/** The city's name, when the server tells it (not every version does). */
async function loadCity() {
  try {
    const res = await fetch('/api/v1/health', { credentials: 'omit', cache: 'no-store' });
    if (!res.ok) return '';
    const data = await res.json();
    return typeof data.city_name === 'string' ? data.city_name : '';
  } catch (_) {
    return '';
  }
}

function start() {
  const params = new URLSearchParams(window.location.search);
  if (params.get('embed') === '1') document.body.classList.add('is-embedded');

  const chat = createChat({
    audience: 'public',
    label: 'ご質問',
    emptyText: '知りたいことを、ふだんの言葉で入力してください（例: 「粗大ごみの出し方は？」「住民票の写しはどこで取れますか」）。',
    ask: (question) => post('/api/v1/public/ask', { question }),
    vote: (result, vote) => post(`/api/v1/public/ask/${encodeURIComponent(result.question_id)}/feedback`,
      { token: result.feedback_token, vote }),
  });
  document.getElementById('public-chat').replaceChildren(chat.el);

  document.getElementById('skip-link').addEventListener('click', (ev) => {
    ev.preventDefault();
    chat.input.focus();
  });

  loadCity().then((city) => {
    if (!city) return;
    document.getElementById('public-city').textContent = city;
    document.title = `AIに質問 | ${city}`;
  });
}

start();
