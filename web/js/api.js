// api.js: the one place that talks to yakuba's JSON API (/api/v1/, see
// docs/API.md). Adds the CSRF header to every state-changing request, turns
// error bodies {"error":{code,message,field,details}} into ApiError, and
// sends the app back to the login page on 401 and to the password page on
// 403 password_change_required (the handlers are set by app.js).

let csrfToken = '';
const handlers = { unauthenticated: null, passwordRequired: null };

export function setCsrf(token) { csrfToken = token || ''; }

/** app.js registers what to do when the session is gone or a password change is due. */
export function onAuthProblem({ unauthenticated, passwordRequired }) {
  handlers.unauthenticated = unauthenticated;
  handlers.passwordRequired = passwordRequired;
}

const STATUS_MESSAGES = {
  0: 'サーバーに接続できませんでした。ネットワークの状態を確認して、もう一度お試しください。',
  401: 'ログインの有効期限が切れました。もう一度ログインしてください。',
  403: 'この操作を行う権限がありません。',
  404: '対象が見つかりませんでした。ほかの人が削除した可能性があります。',
  413: 'データが大きすぎます。',
  429: 'ログインに続けて失敗したため、しばらくログインできません。時間をおいてからお試しください。',
  500: 'サーバーで問題が起きました。時間をおいてもう一度お試しください。続く場合はシステム担当にご連絡ください。',
};

export class ApiError extends Error {
  constructor(status, err) {
    const e = err || {};
    super(e.message || STATUS_MESSAGES[status] || STATUS_MESSAGES[status >= 500 ? 500 : 0]);
    this.status = status;
    this.code = e.code || (status === 0 ? 'network_error' : 'http_' + status);
    this.field = e.field || null;
    this.line = e.line || null;
    this.details = Array.isArray(e.details) ? e.details : [];
    this.errorCount = typeof e.error_count === 'number' ? e.error_count : this.details.length;
  }
}

/**
 * One problem of an import ({line, column, message, text} from the API) as
 * staff read it everywhere, in the CLI too: "FILE:LINE: 「列」…". The
 * server's text is that line; the fallback builds the same form.
 */
export function problemText(d, file) {
  if (d && d.text) return d.text;
  const where = d && d.line ? `${file}:${d.line}` : file;
  return `${where}: ${(d && d.message) || ''}`;
}

function dispatchAuth(err, opts) {
  if (err.status === 401 && !opts.keep401 && handlers.unauthenticated) {
    handlers.unauthenticated(err);
  } else if (err.status === 403 && err.code === 'password_change_required' && handlers.passwordRequired) {
    handlers.passwordRequired();
  }
}

async function readBody(res) {
  const type = res.headers.get('Content-Type') || '';
  if (!type.includes('json')) return null;
  try { return await res.json(); } catch (_) { return null; }
}

/**
 * api('GET', '/api/v1/users') → parsed JSON; throws ApiError.
 * opts.keep401: a 401 is an answer for the caller (wrong password), not a
 * lost session.
 */
export async function api(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-CSRF-Token'] = csrfToken;
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body === undefined ? {} : body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (_) {
    throw new ApiError(0, null);
  }
  const data = await readBody(res);
  if (!res.ok) {
    const err = new ApiError(res.status, data && data.error);
    err.retryAfter = res.headers.get('Retry-After');
    dispatchAuth(err, opts);
    throw err;
  }
  return data || {};
}

/** Builds "/api/v1/staff?q=..&offset=.." leaving out empty values. */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Uploads raw bytes (a CSV file) with XMLHttpRequest so that the upload
 * progress can be shown: onProgress(loaded, total). Resolves with the parsed
 * JSON; rejects with ApiError like api().
 */
export function upload(path, bytes, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (ev) => {
      if (ev.lengthComputable && onProgress) onProgress(ev.loaded, ev.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch (_) { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data || {});
      } else {
        const err = new ApiError(xhr.status, data && data.error);
        dispatchAuth(err, {});
        reject(err);
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, null)));
    xhr.addEventListener('abort', () => reject(new ApiError(0, { code: 'aborted', message: '送信を取り消しました。' })));
    xhr.send(bytes);
  });
}

/**
 * POST for a streamed answer (text/event-stream): same headers and error
 * handling as api(), but resolves with the Response itself once the status
 * is 2xx, for the caller to read res.body. signal (AbortSignal) cancels the
 * request and the stream; an abort rejects with the DOMException
 * "AbortError" so the caller can tell it from a failure.
 */
export async function apiStream(path, body, signal) {
  const init = {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    signal,
    headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
    body: JSON.stringify(body === undefined ? {} : body),
  };
  let res;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    const data = await readBody(res);
    const err = new ApiError(res.status, data && data.error);
    dispatchAuth(err, {});
    throw err;
  }
  return res;
}
