// pages/genai.js: the 生成AI page. Staff pick a prompt template (or write
// freely), see what the personal-information guard finds before anything is
// sent, and read the model's answer as it streams, labelled 「AI生成」.
// Conversations are listed on the left (stored masked by the server).
//
// APIs (docs/ws.md): GET /api/v1/ws/status, POST /api/v1/ws/guard,
// POST /api/v1/ws/chat (server-sent events: meta, delta, done, error),
// GET/DELETE /api/v1/ws/conversations[/{id}], GET/POST/PUT/DELETE
// /api/v1/ws/templates[/{id}]. The pieces live in ../genai/: sse.js (the
// stream reader), guard.js (the preview), templates.js (picker, form,
// editor), thread.js (message bubbles).

import { h, uid, notice, announce, confirmDialog } from '../dom.js';
import { api, apiStream, ApiError } from '../api.js';
import { readEvents } from '../genai/sse.js';
import { guardPreview, isBlocked, blockReason } from '../genai/guard.js';
import { templatePicker, variableForm, fillTemplate, editTemplate } from '../genai/templates.js';
import { userBubble, aiBubble, timeOf } from '../genai/thread.js';
import { POLICY_LABELS, setPiiTypes } from '../genai/pii-labels.js';

const GUARD_DELAY_MS = 600; // pause in typing before the guard preview is asked for
const NOT_CONFIGURED = '生成AIが設定されていません。管理者にお問い合わせください。';
const MASK_NOTE = '履歴は個人情報を伏せた形で保存されています。「〔氏名1〕」「〔電話1〕」のような表示は、伏せ字にした個人情報です。';

/* The badge of a stored answer: "AI生成" unless the server recorded that no
 * model wrote it (the grounded 「分かりません」 has label null). */
function storedLabel(meta) {
  let m = meta;
  if (typeof m === 'string') {
    try { m = JSON.parse(m); } catch (_) { m = null; }
  }
  if (m && typeof m === 'object' && Object.prototype.hasOwnProperty.call(m, 'label') && m.label === null) {
    return '定型の回答（AI不使用）';
  }
  return (m && typeof m.label === 'string' && m.label) || 'AI生成';
}

export async function renderGenai(body, ctx) {
  const roles = (ctx.me && ctx.me.roles) || [];
  const isEditor = roles.includes('editor') || roles.includes('admin');

  const [status, tplResp] = await Promise.all([
    api('GET', '/api/v1/ws/status'),
    api('GET', '/api/v1/ws/templates'),
  ]);
  if (!ctx.alive()) return;
  setPiiTypes(status.pii_types);
  const configured = !!status.configured;

  const state = {
    conversationId: null,
    template: null,
    vars: null,         // variableForm of the chosen template
    guard: null,        // {text, result} of the last preview
    guardSeq: 0,
    guardTimer: 0,
    controller: null,   // AbortController of the running turn
  };

  // ---- left: conversations -------------------------------------------------
  const convList = h('ul', { class: 'genai-conv-list' });
  const convStatus = h('p', { class: 'small muted', role: 'status' });
  const newButton = h('button', { type: 'button', class: 'btn btn-primary btn-block' }, '新しい会話');
  const side = h('aside', { class: 'genai-side', 'aria-labelledby': 'genai-conv-title' },
    h('h2', { id: 'genai-conv-title', class: 'genai-section-title' }, '会話の履歴'),
    newButton, convStatus, convList,
    h('p', { class: 'small muted' }, MASK_NOTE));

  // ---- main: status, thread, composer -----------------------------------------
  const statusBox = h('div', { class: 'genai-status' });
  if (!configured) {
    const isAdmin = roles.includes('admin');
    statusBox.appendChild(notice('info', status.message || NOT_CONFIGURED,
      isAdmin ? [' ', h('a', { href: '#/settings/llm_url' }, '生成AIの設定を開く')] : null));
  } else {
    const bits = [];
    if (status.model) bits.push(`モデル: ${status.model}`);
    if (status.pii_policy) bits.push(`個人情報: ${POLICY_LABELS[status.pii_policy] || status.pii_policy}`);
    if (Number(status.retention_days) > 0) bits.push(`履歴の保存期間: ${status.retention_days} 日`);
    if (bits.length) statusBox.appendChild(h('p', { class: 'small muted' }, bits.join(' ・ ')));
  }

  const threadTitle = h('h2', { id: 'genai-thread-title', class: 'genai-section-title', tabindex: '-1' }, '新しい会話');
  const messages = h('ol', { class: 'genai-messages' });
  const emptyThread = h('p', { class: 'muted genai-empty' }, 'まだやり取りはありません。下の欄から依頼を送ってください。');
  const thread = h('section', { class: 'genai-thread', 'aria-labelledby': 'genai-thread-title' },
    threadTitle, emptyThread, messages);

  const picker = templatePicker({
    onSelect: (t) => chooseTemplate(t),
    onEdit: (t) => manageTemplate(t),
    onDelete: (t) => deleteTemplate(t),
    canEdit: (t) => (t.shared ? isEditor : true),
  });
  picker.setTemplates(tplResp.templates);
  const createTpl = h('button', { type: 'button', class: 'btn btn-small' }, 'ひな形を作成');
  createTpl.addEventListener('click', () => manageTemplate(null));
  picker.el.appendChild(h('p', { class: 'genai-tpl-create' }, createTpl,
    h('span', { class: 'small muted' }, isEditor ? ' 庁内で共有するひな形も作成できます。' : ' ご自分用のひな形を作成できます。')));

  const inputBox = h('div', { class: 'genai-input' });
  const freeText = h('textarea', { class: 'input', id: uid('genai-text'), rows: '6' });
  const freeField = h('div', { class: 'field' },
    h('label', { for: freeText.id, class: 'field-label' }, 'AI への依頼'),
    h('p', { class: 'field-hint', id: `${freeText.id}-hint` }, '文章の下書き、要約、言い換えなどを依頼できます。'),
    freeText);
  freeText.setAttribute('aria-describedby', `${freeText.id}-hint`);
  freeText.addEventListener('input', () => scheduleGuard());

  const preview = guardPreview();
  const sendReasonId = uid('genai-send-why');
  const sendReason = h('p', { id: sendReasonId, class: 'genai-send-reason', tabindex: '-1', hidden: true });
  const sendButton = h('button', { type: 'submit', class: 'btn btn-primary genai-send', 'aria-describedby': sendReasonId }, '送信');
  const stopButton = h('button', { type: 'button', class: 'btn genai-stop', hidden: true }, '停止');
  const composeError = h('div', { class: 'genai-compose-error' });
  const form = h('form', { class: 'genai-compose', 'aria-labelledby': 'genai-compose-title', novalidate: true },
    h('h2', { id: 'genai-compose-title', class: 'genai-section-title' }, '依頼を入力'),
    picker.el,
    h('div', { class: 'genai-input-wrap' },
      h('h3', { class: 'genai-input-title', id: 'genai-input-title' }, '入力欄'),
      inputBox),
    preview.el,
    composeError,
    h('div', { class: 'genai-actions' },
      sendButton, stopButton,
      h('span', { class: 'small muted' }, 'Ctrl + Enter でも送信できます')),
    sendReason);

  const main = h('div', { class: 'genai-main' }, statusBox, thread, form);
  body.appendChild(h('div', { class: 'genai' }, side, main));
  chooseTemplate(null);
  updateSendState();

  // ---- the input -------------------------------------------------------------

  function chooseTemplate(t) {
    state.template = t;
    const title = form.querySelector('#genai-input-title');
    if (t) {
      state.vars = variableForm(t, () => scheduleGuard());
      title.textContent = `ひな形「${t.name}」の入力欄`;
      inputBox.replaceChildren(state.vars.el);
    } else {
      state.vars = null;
      title.textContent = '入力欄（自由入力）';
      inputBox.replaceChildren(freeField);
    }
    state.guard = null;
    scheduleGuard();
  }

  /** What will be sent: {text (for the guard preview), payload} or null when empty. */
  function composed() {
    if (state.template && state.vars) {
      const values = state.vars.values();
      const text = fillTemplate(state.template.body, values);
      const anyValue = Object.values(values).some((v) => v.trim() !== '');
      return { text, empty: !anyValue && (state.template.variables || []).length > 0,
        payload: { template_id: state.template.id, vars: values } };
    }
    const text = freeText.value;
    return { text, empty: text.trim() === '', payload: { text } };
  }

  function scheduleGuard() {
    window.clearTimeout(state.guardTimer);
    state.guardSeq += 1;
    const c = composed();
    if (c.empty) {
      state.guard = null;
      preview.clear();
      updateSendState();
      return;
    }
    state.guardTimer = window.setTimeout(() => { runGuard(c.text); }, GUARD_DELAY_MS);
  }

  /** Asks the guard about text; resolves with the result or null (error shown). */
  async function runGuard(text) {
    if (state.guard && state.guard.text === text) return state.guard.result;
    const seq = ++state.guardSeq;
    preview.pending();
    try {
      const result = await api('POST', '/api/v1/ws/guard', { text });
      if (!ctx.alive() || seq !== state.guardSeq) return null;
      state.guard = { text, result };
      preview.show(result, text);
      updateSendState();
      return result;
    } catch (err) {
      if (!ctx.alive() || seq !== state.guardSeq) return null;
      state.guard = null;
      preview.error(err.message);
      updateSendState();
      return null;
    }
  }

  function updateSendState() {
    const busy = !!state.controller;
    let reason = '';
    if (!configured) reason = `${NOT_CONFIGURED}（ひな形の確認と個人情報の確認はできます）`;
    else if (state.guard && isBlocked(state.guard.result)) reason = blockReason(state.guard.result);
    sendReason.textContent = reason;
    sendReason.hidden = reason === '';
    sendButton.setAttribute('aria-disabled', reason || busy ? 'true' : 'false');
    sendButton.classList.toggle('is-refused', reason !== '');
    sendButton.disabled = busy;
    stopButton.hidden = !busy;
  }

  // ---- sending ------------------------------------------------------------------

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    send();
  });
  form.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter' || ev.isComposing) return;
    if (ev.ctrlKey || ev.metaKey) {
      ev.preventDefault();
      send();
    } else if (ev.target instanceof HTMLInputElement) {
      // Enter in a one-line field (a template value, the search) would
      // submit the form: sending takes the button or Ctrl+Enter.
      ev.preventDefault();
    }
  });
  stopButton.addEventListener('click', () => {
    if (state.controller) state.controller.abort();
  });

  function showComposeError(message) {
    if (message) composeError.replaceChildren(notice('error', message));
    else composeError.replaceChildren();
  }

  async function send() {
    if (state.controller) return;
    showComposeError(null);
    if (!configured) {
      showComposeError(NOT_CONFIGURED);
      return;
    }
    const c = composed();
    if (state.vars) {
      const bad = state.vars.check();
      if (bad) { bad.focus(); return; }
    } else if (c.empty) {
      showComposeError('AI への依頼を入力してください。');
      freeText.focus();
      return;
    }
    window.clearTimeout(state.guardTimer);
    const guard = await runGuard(c.text);
    if (!ctx.alive()) return;
    if (!guard) {
      showComposeError('個人情報の確認ができなかったため、送信しませんでした。内容を確認してもう一度お試しください。');
      return;
    }
    if (isBlocked(guard)) {
      sendReason.focus();
      announce(blockReason(guard));
      return;
    }

    const payload = { ...c.payload };
    if (state.conversationId) payload.conversation_id = state.conversationId;
    const controller = new AbortController();
    state.controller = controller;
    updateSendState();
    emptyThread.hidden = true;
    const mine = userBubble(guard.masked ?? c.text, Math.floor(Date.now() / 1000));
    const reply = aiBubble({ live: true });
    messages.append(mine.el, reply.el);
    reply.el.scrollIntoView({ block: 'nearest' });
    announce('送信しました。回答を受け取っています。');

    let finished = false;
    let started = false;
    try {
      const res = await apiStream('/api/v1/ws/chat', payload, controller.signal);
      started = true;
      await readEvents(res, (name, data) => {
        // The user moved to another page: stop the answer (the server cancels upstream).
        if (!ctx.alive()) { controller.abort(); return; }
        if (name === 'meta') {
          if (data.conversation_id) state.conversationId = data.conversation_id;
          if (typeof data.masked === 'string') mine.setText(data.masked);
        } else if (name === 'delta') {
          if (typeof data.text === 'string') reply.append(data.text);
        } else if (name === 'done') {
          finished = true;
          reply.finish(data);
          announce('回答が完了しました。内容は必ず確認してから使用してください。');
        } else if (name === 'error') {
          finished = true;
          reply.fail((data && data.message) || '回答を受け取れませんでした。');
        }
      });
      if (!finished) reply.fail('回答が途中で途切れました。もう一度お試しください。');
      else clearInput();
    } catch (err) {
      if (err && err.name === 'AbortError') {
        reply.stopped();
        announce('回答の受け取りを停止しました。');
      } else if (!started && err instanceof ApiError) {
        // Refused before anything was generated: nothing to keep in the thread.
        mine.el.remove();
        reply.el.remove();
        emptyThread.hidden = messages.childElementCount > 0;
        showComposeError(err.message);
      } else {
        reply.fail(err && err.message ? err.message : '回答を受け取れませんでした。');
      }
    } finally {
      state.controller = null;
      if (ctx.alive()) {
        updateSendState();
        await loadConversations();
      }
    }
  }

  function clearInput() {
    if (state.template) chooseTemplate(state.template);
    else {
      freeText.value = '';
      state.guard = null;
      preview.clear();
    }
    updateSendState();
  }

  // ---- conversations ------------------------------------------------------------

  async function loadConversations() {
    let list;
    try {
      list = await api('GET', '/api/v1/ws/conversations');
    } catch (err) {
      if (!ctx.alive()) return;
      convStatus.textContent = `履歴を読み込めませんでした: ${err.message}`;
      return;
    }
    if (!ctx.alive()) return;
    const convs = Array.isArray(list.conversations) ? list.conversations : [];
    convStatus.textContent = convs.length ? `${convs.length} 件の会話` : 'まだ会話はありません。';
    convList.replaceChildren(...convs.map((c) => {
      const title = c.title || '（無題の会話）';
      const open = h('button', {
        type: 'button', class: 'genai-conv-open',
        'aria-current': c.id === state.conversationId ? 'true' : null,
      }, h('span', { class: 'genai-conv-title' }, title),
      h('span', { class: 'genai-conv-meta' },
        c.kind === 'generate' ? '問い合わせ ・ ' : '', timeOf(c.updated_at)));
      open.addEventListener('click', () => openConversation(c.id));
      const del = h('button', { type: 'button', class: 'btn btn-small btn-danger-outline', 'aria-label': `「${title}」を削除` }, '削除');
      del.addEventListener('click', () => deleteConversation(c, title));
      return h('li', { class: 'genai-conv' }, open, del);
    }));
  }

  function startNew() {
    if (state.controller) state.controller.abort();
    state.conversationId = null;
    threadTitle.textContent = '新しい会話';
    messages.replaceChildren();
    emptyThread.hidden = false;
    for (const b of convList.querySelectorAll('[aria-current]')) b.removeAttribute('aria-current');
  }

  newButton.addEventListener('click', () => {
    startNew();
    showComposeError(null);
    picker.el.querySelector('select').focus();
  });

  async function openConversation(id) {
    if (state.controller) state.controller.abort();
    let conv;
    try {
      conv = await api('GET', `/api/v1/ws/conversations/${encodeURIComponent(id)}`);
    } catch (err) {
      if (!ctx.alive()) return;
      convStatus.textContent = `会話を開けませんでした: ${err.message}`;
      if (err.status === 404) await loadConversations();
      return;
    }
    if (!ctx.alive()) return;
    state.conversationId = conv.id;
    threadTitle.textContent = conv.title || '（無題の会話）';
    const msgs = Array.isArray(conv.messages) ? conv.messages : [];
    messages.replaceChildren(...msgs.map((m) => (m.role === 'assistant'
      ? aiBubble({ text: m.content || '', at: m.at, label: storedLabel(m.meta) }).el
      : userBubble(m.content || '', m.at).el)));
    if (msgs.length) messages.prepend(h('li', { class: 'genai-mask-note small muted' }, MASK_NOTE));
    emptyThread.hidden = msgs.length > 0;
    threadTitle.focus();
    await loadConversations(); // marks the open one (aria-current)
  }

  async function deleteConversation(c, title) {
    const ok = await confirmDialog({
      title: '会話の削除',
      message: `「${title}」を削除します。削除した会話は元に戻せません。`,
      confirmLabel: '削除する',
      danger: true,
    });
    if (!ok || !ctx.alive()) return;
    try {
      await api('DELETE', `/api/v1/ws/conversations/${encodeURIComponent(c.id)}`);
    } catch (err) {
      if (!ctx.alive()) return;
      convStatus.textContent = `削除できませんでした: ${err.message}`;
      return;
    }
    if (!ctx.alive()) return;
    if (state.conversationId === c.id) startNew();
    await loadConversations();
    announce(`「${title}」を削除しました。`);
    newButton.focus();
  }

  // ---- templates ----------------------------------------------------------------

  async function reloadTemplates() {
    const r = await api('GET', '/api/v1/ws/templates');
    if (!ctx.alive()) return;
    picker.setTemplates(r.templates);
  }

  async function manageTemplate(t) {
    const cats = [...new Set((picker.all ? picker.all() : []).map((x) => x.category))];
    const saved = await editTemplate({ template: t, canShare: isEditor, categories: cats });
    if (!saved || !ctx.alive()) return;
    await reloadTemplates();
    announce(t ? `ひな形「${t.name}」を保存しました。` : 'ひな形を作成しました。');
  }

  async function deleteTemplate(t) {
    const ok = await confirmDialog({
      title: 'ひな形の削除',
      message: `ひな形「${t.name}」を削除します。${t.shared ? '庁内で共有しているため、全職員の一覧から消えます。' : ''}`,
      confirmLabel: '削除する',
      danger: true,
    });
    if (!ok || !ctx.alive()) return;
    try {
      await api('DELETE', `/api/v1/ws/templates/${encodeURIComponent(t.id)}`);
    } catch (err) {
      if (ctx.alive()) showComposeError(err.message);
      return;
    }
    if (state.template && state.template.id === t.id) picker.choose(null);
    await reloadTemplates();
    announce(`ひな形「${t.name}」を削除しました。`);
  }

  await loadConversations();
}
