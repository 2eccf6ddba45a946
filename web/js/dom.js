// dom.js: small DOM helpers shared by every page of the yakuba UI.
//
// Everything that shows data goes through text nodes (h() children,
// textContent): never innerHTML, so a name such as "<script>" or "'; DROP"
// is shown as typed. Nothing here sets inline styles, which the server's
// Content-Security-Policy (style-src 'self') would refuse.

let idCounter = 0;

/** A document-unique id for label/input and aria-* wiring. */
export function uid(prefix = 'yk') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

const PROPS = new Set(['value', 'checked', 'selected', 'indeterminate', 'readOnly', 'disabled', 'hidden']);

/**
 * h('button', {class: 'btn', type: 'button', onclick: fn}, 'text', child...)
 * Attributes: "class", "for", "on<event>" (function), properties listed in
 * PROPS, true → empty attribute, false/null/undefined → left out. Children:
 * strings and numbers become text nodes; null/false are skipped; arrays are
 * flattened.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (key.startsWith('on') && typeof v === 'function') {
        el.addEventListener(key.slice(2), v);
      } else if (key === 'class') {
        el.className = v;
      } else if (key === 'for') {
        el.htmlFor = v;
      } else if (PROPS.has(key)) {
        el[key] = v;
      } else if (v === true) {
        el.setAttribute(key, '');
      } else {
        el.setAttribute(key, String(v));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Polite announcement for screen readers (the visible message is shown by the page). */
export function announce(text) {
  const live = document.getElementById('live-status');
  if (!live) return;
  // Clearing first makes the same text be read again.
  live.textContent = '';
  window.setTimeout(() => { live.textContent = text; }, 50);
}

/** Visible message box: kind is "error", "success" or "info". Errors use role=alert. */
export function notice(kind, ...children) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

/**
 * A labelled form field. Returns {wrap, input, error, setError(msg)}.
 * hint (optional) is linked with aria-describedby; setError shows a message
 * under the field, marks it aria-invalid and links the message too.
 */
export function field(labelText, input, { hint = null, required = false } = {}) {
  if (!input.id) input.id = uid('f');
  const hintId = hint ? uid('hint') : null;
  const errorId = uid('err');
  const label = h('label', { for: input.id, class: 'field-label' }, labelText,
    required ? h('span', { class: 'required' }, '（必須）') : null);
  const hintEl = hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: errorId, hidden: true });
  if (required) input.required = true;
  const describe = (withError) => {
    const ids = [];
    if (hintId) ids.push(hintId);
    if (withError) ids.push(errorId);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  };
  describe(false);
  const isCheck = input.type === 'checkbox';
  const wrap = isCheck
    ? h('div', { class: 'field field-check' }, input, label, hintEl, errorEl)
    : h('div', { class: 'field' }, label, hintEl, input, errorEl);
  const setError = (msg) => {
    if (msg) {
      errorEl.textContent = msg;
      errorEl.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      describe(true);
    } else {
      errorEl.textContent = '';
      errorEl.hidden = true;
      input.removeAttribute('aria-invalid');
      describe(false);
    }
  };
  return { wrap, input, error: errorEl, setError };
}

/** Copies each column header into data-label of the cells below it, so that
 * style.css can show a row as a stacked card on a phone (the label before
 * each value). Rows appended later get their labels too. */
function labelCells(table) {
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  const apply = () => {
    for (const tr of table.querySelectorAll('tbody tr')) {
      [...tr.children].forEach((cell, i) => {
        if (heads[i] && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', heads[i]);
      });
    }
  };
  apply();
  const tbody = table.querySelector('tbody');
  if (tbody && typeof MutationObserver !== 'undefined') new MutationObserver(apply).observe(tbody, { childList: true });
}

/** Wraps a table: sideways scrolling on a narrow window (keyboard too) and,
 * under the phone breakpoint of style.css, one stacked card per row. */
export function tableWrap(table, label) {
  table.classList.add('data-table-cards');
  labelCells(table);
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

/** <table> with caption and column headers (th scope=col). */
export function table(captionText, headers, { captionHidden = false } = {}) {
  const tbody = h('tbody');
  const el = h('table', { class: 'data-table' },
    h('caption', { class: captionHidden ? 'visually-hidden' : null }, captionText),
    h('thead', null, h('tr', null, headers.map((t) => h('th', { scope: 'col' }, t)))),
    tbody);
  return { table: el, tbody };
}

/**
 * Modal confirmation with <dialog>. Resolves true when confirmed. Focus goes
 * to the cancel button (the safe choice) and comes back to the element that
 * had it.
 */
export function confirmDialog({ title, message, confirmLabel = 'OK', danger = false }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = uid('dlg');
    const msgId = uid('dlgmsg');
    const cancel = h('button', { type: 'button', class: 'btn' }, 'キャンセル');
    const ok = h('button', { type: 'button', class: danger ? 'btn btn-danger' : 'btn btn-primary' }, confirmLabel);
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': msgId },
      h('h2', { id: titleId, class: 'dialog-title' }, title),
      h('p', { id: msgId }, message),
      h('div', { class: 'dialog-actions' }, cancel, ok));
    let result = false;
    cancel.addEventListener('click', () => dlg.close());
    ok.addEventListener('click', () => { result = true; dlg.close(); });
    dlg.addEventListener('close', () => {
      dlg.remove();
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
      resolve(result);
    });
    document.body.appendChild(dlg);
    dlg.showModal();
    cancel.focus();
  });
}

/**
 * Modal form dialog. build(form) fills the form and returns the element to
 * focus first; submit(form) is called on submit and may throw to keep the
 * dialog open (it shows its own errors). Resolves true when submitted.
 */
export function formDialog({ title, submitLabel = '保存', build, submit }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = uid('dlg');
    const body = h('div', { class: 'dialog-body' });
    const errorBox = h('div', { class: 'dialog-error' });
    const save = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel);
    const cancel = h('button', { type: 'button', class: 'btn' }, 'キャンセル');
    const form = h('form', { novalidate: true }, errorBox, body, h('div', { class: 'dialog-actions' }, cancel, save));
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId, class: 'dialog-title' }, title), form);
    let result = false;
    cancel.addEventListener('click', () => dlg.close());
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      save.disabled = true;
      try {
        await submit(form, errorBox);
        result = true;
        dlg.close();
      } catch (_) {
        // submit() has shown the problem inside the dialog.
      } finally {
        save.disabled = false;
      }
    });
    dlg.addEventListener('close', () => {
      dlg.remove();
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
      resolve(result);
    });
    const first = build(body);
    document.body.appendChild(dlg);
    dlg.showModal();
    if (first) first.focus();
  });
}

const dateFormat = new Intl.DateTimeFormat('ja-JP', {
  year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** "2026/11/23 18:00:00" in the browser's time zone, inside <time datetime>. */
export function timeEl(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return document.createTextNode(String(iso ?? ''));
  return h('time', { datetime: iso }, dateFormat.format(d));
}

/** 1234567 → "1.2 MB" style, for file sizes shown to the user. */
export function formatBytes(n) {
  if (n < 1024) return `${n} バイト`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Number with thousands separators in Japanese style. */
export function num(n) {
  return Number(n ?? 0).toLocaleString('ja-JP');
}
