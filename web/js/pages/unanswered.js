// pages/unanswered.js: 未回答の質問 (admin, editor). The questions the
// assistant could not answer, answered only with 「もしかして」 choices (each
// group lists who asked, staff or citizens, and the entries they were
// offered), or whose answer was voted 👎, grouped by
// similarity and ordered by how often they were asked
// (GET /api/v1/kb/unanswered). For each group an editor writes an FAQ
// entry from a form prefilled with the question
// (POST /api/v1/kb/unanswered/resolve with the group's question_ids), or
// marks it 対応不要 (POST /api/v1/kb/unanswered/dismiss).

import { h, replace, notice, uid, field, confirmDialog, timeEl, num, announce } from '../dom.js';
import { api } from '../api.js';

const REASONS = {
  unanswered: { label: '回答できなかった', cls: 'badge-warn' },
  suggested: { label: '「もしかして」だけ表示', cls: 'badge-warn' },
  downvoted: { label: '👎 の評価', cls: 'badge-off' },
};

// Who asked: the staff page, the citizens' page, or `yakuba ask`.
const CHANNELS = { staff: '職員', public: '住民', cli: 'コマンド' };

/* 「職員 3 件・住民 1 件」 from {"staff": 3, "public": 1}. */
function channelText(channels) {
  return Object.entries(channels || {})
    .filter(([, n]) => Number(n) > 0)
    .map(([k, n]) => `${CHANNELS[k] || k} ${num(n)} 件`)
    .join('・');
}

function isoFromUnix(sec) {
  return typeof sec === 'number' ? new Date(sec * 1000).toISOString() : String(sec || '');
}

export async function renderUnanswered(body, ctx) {
  const status = h('div', { class: 'page-status' });
  const listBody = h('div', null, h('p', { class: 'muted' }, '読み込んでいます…'));
  const reload = h('button', { type: 'button', class: 'btn btn-small' }, '最新の状態にする');
  replace(body,
    h('p', { class: 'lead' }, '問い合わせで回答できなかった質問、「もしかして」で候補を示すことしかできなかった質問、👎（役に立たなかった）の評価が付いた質問です。似た質問をまとめ、多く聞かれた順に並べています。FAQ を作ると、次からはその FAQ で回答します。'),
    status,
    h('section', { class: 'section', 'aria-labelledby': 'un-title' },
      h('div', { class: 'section-head' },
        h('h2', { id: 'un-title', class: 'section-title' }, '対応が必要な質問'), reload),
      listBody));

  const setStatus = (kind, text) => {
    const n = notice(kind, text);
    n.tabIndex = -1;
    replace(status, n);
    n.focus();
  };

  async function load() {
    const r = await api('GET', '/api/v1/kb/unanswered');
    if (!ctx.alive()) return;
    const groups = r.groups || [];
    if (!groups.length) {
      replace(listBody, h('div', { class: 'empty-state', role: 'status' },
        h('p', { class: 'empty-title' }, '未回答の質問はありません。'),
        h('p', null, '問い合わせで回答できなかった質問、「もしかして」だけを表示した質問、👎 の評価が付いた質問があると、ここに表示されます。')));
      return;
    }
    const open = Number(r.open_questions || 0);
    replace(listBody,
      h('p', { class: 'muted' }, `${num(groups.length)} グループ（質問 ${num(open)} 件）`),
      h('ol', { class: 'kb-group-list' }, groups.map(groupCard)));
  }

  function groupCard(g) {
    const titleId = uid('grp');
    const reason = REASONS[g.reason] || { label: g.reason, cls: '' };
    const resolveBtn = h('button', { type: 'button', class: 'btn btn-primary btn-small', 'aria-expanded': 'false' }, 'FAQ を作成');
    const dismissBtn = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `「${g.question}」を対応不要にする` }, '対応不要');
    const formSlot = h('div');
    const examples = Array.isArray(g.examples) ? g.examples : [];
    const shown = Array.isArray(g.shown) ? g.shown.filter((x) => x && x.title) : [];
    const otherReasons = Object.keys(g.reasons || {}).filter((k) => k !== g.reason && REASONS[k]);
    const who = channelText(g.channels);
    const card = h('li', { class: 'card kb-group', 'aria-labelledby': titleId },
      h('div', { class: 'kb-group-head' },
        h('h3', { id: titleId, class: 'kb-group-title' }, g.question),
        h('span', { class: 'kb-group-count' }, `${num(g.count)} 回`),
        h('span', { class: `badge ${reason.cls}` }, reason.label),
        otherReasons.map((k) => h('span', { class: `badge ${REASONS[k].cls}` }, REASONS[k].label)),
        who ? h('span', { class: 'small kb-group-channels' }, `質問した人: ${who}`) : null,
        h('span', { class: 'muted small' }, '最後に聞かれた日時: ', timeEl(isoFromUnix(g.last_at)))),
      shown.length ? [
        h('p', { class: 'small strong' }, '表示した候補（「もしかして」や参考として示した項目）'),
        h('ul', { class: 'kb-shown' }, shown.map((x) => h('li', null,
          h('span', { class: 'muted' }, `項目 ${x.id}: `), x.title))),
      ] : null,
      examples.length ? [
        h('p', { class: 'small strong' }, '似た質問の例'),
        h('ul', { class: 'kb-examples' }, examples.map((x) => h('li', null, x))),
      ] : null,
      h('div', { class: 'row-actions' }, resolveBtn, dismissBtn),
      formSlot);
    resolveBtn.setAttribute('aria-label', `「${g.question}」から FAQ を作成`);

    resolveBtn.addEventListener('click', () => {
      if (formSlot.firstChild) {
        formSlot.replaceChildren();
        resolveBtn.setAttribute('aria-expanded', 'false');
        return;
      }
      resolveBtn.setAttribute('aria-expanded', 'true');
      const f = resolveForm(g, () => {
        formSlot.replaceChildren();
        resolveBtn.setAttribute('aria-expanded', 'false');
        resolveBtn.focus();
      });
      formSlot.replaceChildren(f.form);
      f.answer.focus();
    });
    dismissBtn.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: '対応不要にしますか？',
        message: `「${g.question}」など ${num(g.count)} 件の質問を、FAQ を作らずに一覧から外します（試しに入力された質問や、業務と関係のない質問など）。`,
        confirmLabel: '対応不要にする',
      });
      if (!ok) return;
      try {
        await api('POST', '/api/v1/kb/unanswered/dismiss', { question_ids: g.question_ids });
        await load();
        setStatus('success', `「${g.question}」を一覧から外しました。`);
      } catch (err) {
        setStatus('error', err.message);
      }
    });
    return card;
  }

  function resolveForm(g, onCancel) {
    const question = field('FAQ の質問', h('input', { type: 'text', name: 'question', value: g.question, autocomplete: 'off' }),
      { required: true, hint: '住民や職員が聞く言い方で書くと、見つかりやすくなります。' });
    const answer = field('回答', h('textarea', { name: 'answer', rows: '6', class: 'kb-textarea' }), { required: true });
    const category = field('カテゴリ', h('input', { type: 'text', name: 'category', autocomplete: 'off' }), { hint: '空欄でもかまいません。' });
    const pub = field('住民向けページにも公開する', h('input', { type: 'checkbox', name: 'public' }),
      { hint: 'チェックしない FAQ は、職員の問い合わせ画面にだけ使われます。' });
    const errorBox = h('div');
    const save = h('button', { type: 'submit', class: 'btn btn-primary' }, 'FAQ を登録する');
    const cancel = h('button', { type: 'button', class: 'btn', onclick: onCancel }, 'キャンセル');
    const form = h('form', { class: 'kb-resolve-form', novalidate: true, 'aria-label': `「${g.question}」から FAQ を作成` },
      errorBox, question.wrap, answer.wrap, category.wrap, pub.wrap,
      h('p', { class: 'small muted' }, `まとめられた ${num(g.count)} 件の質問は、この FAQ で解決したものとして一覧から外れます。`),
      h('div', { class: 'form-actions' }, save, cancel));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errorBox.replaceChildren();
      question.setError('');
      answer.setError('');
      const body = {
        question_ids: g.question_ids,
        question: question.input.value.trim(),
        answer: answer.input.value.trim(),
        category: category.input.value.trim(),
        public: pub.input.checked,
      };
      if (!body.question || !body.answer) {
        if (!body.question) question.setError('質問を入力してください。');
        if (!body.answer) answer.setError('回答を入力してください。');
        (body.question ? answer : question).input.focus();
        return;
      }
      save.disabled = true;
      try {
        const r = await api('POST', '/api/v1/kb/unanswered/resolve', body);
        await load();
        setStatus('success', `FAQ「${body.question}」を登録しました（項目番号 ${r.entry_id}）。次からはこの FAQ で回答します。`);
        announce('FAQ を登録しました。');
      } catch (err) {
        const target = err.field === 'question' ? question : err.field === 'answer' ? answer : null;
        if (target) {
          target.setError(err.message);
          target.input.focus();
        } else {
          errorBox.replaceChildren(notice('error', err.message));
        }
      } finally {
        save.disabled = false;
      }
    });
    return { form, answer: answer.input };
  }

  reload.addEventListener('click', () => {
    load().then(() => announce('一覧を更新しました。')).catch((err) => setStatus('error', err.message));
  });

  await load();
}
