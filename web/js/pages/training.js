// pages/training.js: 研修 for every member of staff. Upcoming sessions with
// registration, cancellation and the .ics download
// (GET /api/v1/training/sessions, POST …/{id}/register, …/{id}/cancel,
// GET …/{id}/ics); the pre- and post-survey of one's sessions, answered in
// place and usable on a phone (GET/POST …/{id}/survey); one's
// certifications, the nearest holder to ask, and exam-fee subsidies
// (GET /api/v1/training/me, POST /api/v1/training/certs, …/subsidies); and
// the learning materials (GET /api/v1/training/materials). 所属長 (and
// managers) nominate staff for quota sessions (GET …/{id}/nominees, POST
// …/{id}/register and …/{id}/cancel with employee_no).
// The managers' pages are in training-admin.js.

import { h, replace, notice, field, uid, num, announce, confirmDialog } from '../dom.js';
import { api } from '../api.js';

const STATUS = {
  registered: { label: '申込済み', cls: 'badge-on' },
  waiting: { label: 'キャンセル待ち', cls: 'badge-warn' },
  cancelled: { label: '取り消し済み', cls: '' },
};

export function sessionWhen(s) {
  const t = s.start_time ? ` ${s.start_time}${s.end_time ? `〜${s.end_time}` : ''}` : '';
  return `${s.date.replaceAll('-', '/')}${t}`;
}

function blocksText(s) {
  return (s.blocks || []).map((b) => `${b.label} ${b.minutes}分`).join(' / ');
}

export async function renderTraining(body, ctx) {
  const status = h('div', { class: 'page-status' });
  const sessionsBox = h('div', null, h('p', { class: 'muted' }, '読み込んでいます…'));
  const certBox = h('div');
  const materialsBox = h('div');
  replace(body,
    h('p', { class: 'lead' }, 'DX・生成AI の研修に申し込み、受講後のアンケートに回答できます。ご自分の資格や、身近な資格保有者もここで確認できます。'),
    status,
    h('section', { class: 'section', 'aria-labelledby': 'tr-upcoming' },
      h('h2', { id: 'tr-upcoming', class: 'section-title' }, '研修の予定'), sessionsBox),
    h('section', { class: 'section', 'aria-labelledby': 'tr-certs' },
      h('h2', { id: 'tr-certs', class: 'section-title' }, '私の資格'), certBox),
    h('section', { class: 'section', 'aria-labelledby': 'tr-materials' },
      h('h2', { id: 'tr-materials', class: 'section-title' }, '研修資料・AI通信'), materialsBox));

  const say = (kind, text) => {
    const n = notice(kind, text);
    n.tabIndex = -1;
    replace(status, n);
    n.focus();
  };

  // 所属長 (head) nominate staff of their own department subtree for quota
  // sessions; editors and admins anyone (GET …/{id}/nominees).
  const roles = (ctx.me && ctx.me.roles) || [];
  const canNominate = ['head', 'admin', 'editor'].some((r) => roles.includes(r));

  // "#/training/12" opens one session (the link a notice on the portal gives).
  const only = (/^#\/training\/(\d+)/.exec(window.location.hash) || [])[1];
  let templates = new Map();
  let materials = [];
  try {
    const t = await api('GET', '/api/v1/ws/templates');
    templates = new Map((t.templates || []).map((x) => [x.id, x.name]));
  } catch (_) {
    // Without the template list the session still shows; only names are missing.
  }
  if (!ctx.alive()) return;

  async function loadSessions() {
    const r = await api('GET', only ? '/api/v1/training/sessions?all=1' : '/api/v1/training/sessions');
    if (!ctx.alive()) return;
    const list = (r.sessions || []).filter((s) => !only || String(s.id) === only);
    const parts = [];
    if (only) parts.push(h('p', null, h('a', { href: '#/training' }, 'すべての研修を見る')));
    if (!r.linked) {
      parts.push(notice('info', '職員名簿にあなたの職員番号（またはメールアドレス）が見つからないため、申し込みはできません。管理者に名簿への登録を依頼してください。'));
    }
    if (!list.length) {
      parts.push(h('div', { class: 'empty-state', role: 'status' },
        h('p', { class: 'empty-title' }, '予定されている研修はありません。')));
    } else {
      parts.push(h('ul', { class: 'tr-list' }, list.map((s) => sessionCard(s, r.linked))));
    }
    replace(sessionsBox, parts);
  }

  function sessionCard(s, linked) {
    const titleId = uid('ses');
    const me = s.me;
    const st = me && me.status ? STATUS[me.status] : null;
    const actions = h('div', { class: 'row-actions' });
    const surveySlot = h('div', { class: 'tr-survey-slot' });
    const cap = s.capacity ? `定員 ${num(s.capacity)} 人（申込 ${num(s.registered)} 人${s.waiting ? `・キャンセル待ち ${num(s.waiting)} 人` : ''}）` : `申込 ${num(s.registered)} 人`;
    if (linked && (!me || !me.status || me.status === 'cancelled') && !(me && me.attended)) {
      actions.appendChild(h('button', {
        type: 'button', class: 'btn btn-primary btn-small', 'aria-label': `「${s.title}」に申し込む`,
        onclick: () => register(s),
      }, s.recruitment === 'quota' ? '申し込む（所属の枠）' : '申し込む'));
    }
    if (me && (me.status === 'registered' || me.status === 'waiting') && !me.attended) {
      actions.appendChild(h('button', {
        type: 'button', class: 'btn btn-small btn-danger-outline', 'aria-label': `「${s.title}」の申し込みを取り消す`,
        onclick: () => cancel(s),
      }, '申し込みを取り消す'));
    }
    actions.appendChild(h('a', { class: 'btn btn-small', href: `/api/v1/training/sessions/${s.id}/ics`, download: `training-${s.id}.ics` }, '予定表に追加（.ics）'));
    if (s.recruitment === 'quota' && canNominate) {
      actions.appendChild(h('button', {
        type: 'button', class: 'btn btn-small', 'aria-label': `「${s.title}」に所属の職員を推薦する`,
        onclick: () => nominate(s, surveySlot),
      }, '所属の職員を推薦'));
    }
    if (me && me.attended && s.post_survey_id && !me.post_answered) {
      actions.appendChild(h('button', { type: 'button', class: 'btn btn-primary btn-small', onclick: () => openSurvey(s, 'post', surveySlot) }, '事後アンケートに回答'));
    }
    if (me && (me.status === 'registered' || me.status === 'waiting') && s.pre_survey_id && !me.pre_answered) {
      actions.appendChild(h('button', { type: 'button', class: 'btn btn-small', onclick: () => openSurvey(s, 'pre', surveySlot) }, '事前アンケートに回答'));
    }
    return h('li', { class: 'card tr-session', 'aria-labelledby': titleId },
      h('div', { class: 'tr-session-head' },
        h('h3', { id: titleId, class: 'tr-session-title' }, s.title),
        s.level ? h('span', { class: 'badge badge-pending' }, s.level) : null,
        st ? h('span', { class: `badge ${st.cls}` }, st.label, me.status === 'waiting' && me.waiting_position ? `（${me.waiting_position} 番目）` : '') : null,
        me && me.attended ? h('span', { class: 'badge badge-on' }, '出席') : null),
      h('dl', { class: 'tr-facts' },
        h('dt', null, '日時'), h('dd', null, sessionWhen(s)),
        s.place ? [h('dt', null, '会場'), h('dd', null, s.place)] : null,
        s.online_url ? [h('dt', null, 'オンライン'), h('dd', null, h('a', { href: s.online_url, rel: 'noopener noreferrer', target: '_blank' }, '参加用リンク'))] : null,
        s.blocks && s.blocks.length ? [h('dt', null, '内容'), h('dd', null, blocksText(s))] : null,
        s.instructors && s.instructors.length ? [h('dt', null, '講師'), h('dd', null, s.instructors.join('、'))] : null,
        h('dt', null, '募集'), h('dd', null, s.recruitment === 'quota' ? `所属ごとの枠（${cap}）` : cap)),
      me && me.status === 'registered' && me.promoted_at
        ? h('p', { class: 'notice notice-success tr-promoted' }, `キャンセル待ちから繰り上がり、参加が決まりました（${new Date(me.promoted_at * 1000).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}）。`)
        : null,
      s.description ? h('p', { class: 'tr-desc' }, s.description) : null,
      handouts(s),
      actions, surveySlot);
  }

  // What the session hands out: its materials and the prompt templates of
  // the 生成AI library (used from the 生成AI page).
  function handouts(s) {
    const mats = materials.filter((m) => m.session_id === s.id);
    const tpls = (s.template_ids || []).map((id) => templates.get(id)).filter(Boolean);
    if (!mats.length && !tpls.length) return null;
    return h('div', { class: 'tr-handouts' },
      mats.length ? h('p', null, h('strong', null, '配布資料: '), mats.map((m, i) => [i ? '、' : '', h('a', { href: `/api/v1/training/materials/${m.id}/file` }, m.title)])) : null,
      tpls.length ? h('p', null, h('strong', null, '配布したプロンプト: '), tpls.join('、'), ' — ', h('a', { href: '#/assistant' }, '生成AI の画面で使う')) : null);
  }

  async function register(s) {
    try {
      const r = await api('POST', `/api/v1/training/sessions/${s.id}/register`, {});
      say('success', r.status === 'waiting'
        ? `「${s.title}」は定員に達しているため、キャンセル待ちに登録しました。`
        : `「${s.title}」に申し込みました。`);
    } catch (err) {
      say('error', err.message);
    }
    await loadSessions();
  }

  async function cancel(s) {
    const ok = await confirmDialog({ title: '申し込みの取り消し', message: `「${s.title}」の申し込みを取り消しますか。`, confirmLabel: '取り消す', danger: true });
    if (!ok) return;
    try {
      await api('POST', `/api/v1/training/sessions/${s.id}/cancel`, {});
      say('success', `「${s.title}」の申し込みを取り消しました。`);
    } catch (err) {
      say('error', err.message);
    }
    await loadSessions();
  }

  // The nomination panel: the quotas of the head's departments (places
  // taken against quota) and their staff, each nominated or withdrawn with
  // one button.
  async function nominate(s, slot) {
    const r = await api('GET', `/api/v1/training/sessions/${s.id}/nominees`);
    if (!ctx.alive()) return;
    const STAT = { registered: '推薦済み', waiting: 'キャンセル待ち', cancelled: '取り消し済み' };
    const fill = h('ul', { class: 'bullet-list' }, (r.quotas || []).map((q) => h('li', null,
      `${q.department}: ${num(q.registered)} / ${num(q.quota)} 人`)));
    const act = (e, path, label, done) => h('button', {
      type: 'button', class: 'btn btn-small', 'aria-label': `${e.name} さんを${label}`,
      onclick: async () => {
        try {
          await api('POST', `/api/v1/training/sessions/${s.id}/${path}`, { employee_no: e.employee_no });
          say('success', `${e.name} さんを${done}。`);
        } catch (err) { say('error', err.message); }
        await nominate(s, slot);
      },
    }, label);
    const rows = (r.staff || []).map((e) => {
      const active = e.status === 'registered' || e.status === 'waiting';
      return h('li', { class: 'tr-nominee' },
        h('span', null, `${e.employee_no} ${e.name}（${e.department}）`),
        e.status ? h('span', { class: 'muted small' }, ` ${STAT[e.status] || ''}`) : null, ' ',
        active ? act(e, 'cancel', '推薦を取り消す', '取り消しました') : act(e, 'register', '推薦する', '推薦しました'));
    });
    replace(slot, h('div', { class: 'card tr-nominate', role: 'region', 'aria-label': `「${s.title}」への推薦` },
      h('h4', null, r.scope ? `推薦（${r.scope} とその下の所属）` : '推薦（全所属）'),
      (r.quotas || []).length ? fill : h('p', { class: 'muted' }, 'この所属には枠がありません。管理者に枠の設定を依頼してください。'),
      rows.length ? h('ul', { class: 'tr-roll' }, rows) : h('p', { class: 'muted' }, '推薦できる職員がいません。')));
  }

  async function openSurvey(s, phase, slot) {
    const sv = await api('GET', `/api/v1/training/sessions/${s.id}/survey?phase=${phase}`);
    if (!ctx.alive()) return;
    replace(slot, surveyForm(sv, s, phase, async () => {
      say('success', 'アンケートに回答しました。ご協力ありがとうございました。');
      await loadSessions();
    }));
    const first = slot.querySelector('input, textarea');
    if (first) first.focus();
  }

  async function loadMine() {
    const me = await api('GET', '/api/v1/training/me');
    if (!ctx.alive()) return;
    if (!me.linked) {
      replace(certBox, h('p', { class: 'muted' }, '職員名簿にあなたの職員番号が見つからないため、資格を登録できません。'));
      return;
    }
    const kinds = (await api('GET', '/api/v1/training/cert-kinds')).certifications || [];
    if (!ctx.alive()) return;
    const near = me.nearest_holder;
    const nearEl = near
      ? h('p', { class: 'tr-near' }, h('strong', null, '身近な資格保有者: '),
        `${near.name}（${near.department}、${near.certification}）`,
        near.same_department ? ' — 同じ課の方です。' : ' — 同じ部の方です。', '分からないことは気軽に相談してみましょう。')
      : h('p', { class: 'muted' }, 'あなたの課・部には、まだ資格を確認済みの方がいません。');
    const certs = me.certs || [];
    const certList = certs.length
      ? h('ul', { class: 'bullet-list' }, certs.map((c) => h('li', null, `${c.certification}（${c.acquired_on.replaceAll('-', '/')} 取得）`,
        h('span', { class: `badge ${c.confirmed ? 'badge-on' : 'badge-warn'}` }, c.confirmed ? '確認済み' : '確認待ち'))))
      : h('p', { class: 'muted' }, '登録された資格はありません。');
    const sel = h('select', null, kinds.map((k) => h('option', { value: k.name }, k.name)));
    const day = h('input', { type: 'date' });
    const ev = h('input', { type: 'text', maxlength: '500' });
    const fCert = field('資格', sel, { required: true });
    const fDay = field('取得日', day, { required: true });
    const fEv = field('証明（合格証の番号や保管場所など）', ev);
    const form = h('form', { class: 'form tr-cert-form', novalidate: true },
      h('div', { class: 'form-inline' }, fCert.wrap, fDay.wrap, fEv.wrap),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '資格を登録する')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      fDay.setError('');
      if (!day.value) { fDay.setError('取得日を入力してください。'); day.focus(); return; }
      try {
        await api('POST', '/api/v1/training/certs', { certification: sel.value, acquired_on: day.value, evidence: ev.value || null });
        say('success', `${sel.value} を登録しました。管理者が確認すると「確認済み」になります。`);
        await loadMine();
      } catch (err) {
        say('error', err.message);
      }
    });
    const subs = me.subsidies || [];
    const SUB = { applied: '申請中', approved: '承認', paid: '支払済み', rejected: '却下' };
    replace(certBox, nearEl, certList,
      h('h3', { class: 'subsection-title' }, '資格を登録する'), form,
      subs.length ? [h('h3', { class: 'subsection-title' }, '受験料の補助'),
        h('ul', { class: 'bullet-list' }, subs.map((s) => h('li', null, `${s.certification} ${num(s.amount)} 円（${s.applied_on.replaceAll('-', '/')} 申請）: ${SUB[s.status] || s.status}`)))] : null);
  }

  async function loadMaterials() {
    const r = await api('GET', '/api/v1/training/materials');
    if (!ctx.alive()) return;
    const list = r.materials || [];
    materials = list;
    replace(materialsBox, list.length
      ? h('ul', { class: 'bullet-list' }, list.map((m) => h('li', null,
        h('a', { href: `/api/v1/training/materials/${m.id}/file` }, m.kind === 'newsletter' && m.issue_no ? `${m.title}（第${m.issue_no}号）` : m.title),
        h('span', { class: 'muted small' }, ` ${m.file_name}`))))
      : h('p', { class: 'muted' }, '登録された資料はありません。'));
  }

  await loadMaterials();
  await Promise.all([loadSessions(), loadMine()]);
  announce('研修の予定を表示しました。');
}

// ---- survey form (also used by the admin preview) -------------------------------

export function surveyForm(sv, s, phase, onDone) {
  const titleId = uid('svy');
  const errorBox = h('div');
  const inputs = [];
  const questions = sv.questions.map((q, i) => {
    const name = uid('q');
    const legendId = uid('lg');
    let control;
    if (q.kind === 'scale' || q.kind === 'single' || q.kind === 'multiple') {
      const type = q.kind === 'multiple' ? 'checkbox' : 'radio';
      const boxes = q.options.map((o) => {
        const id = uid('opt');
        const input = h('input', { type, id, name, value: String(o.value) });
        return { input, el: h('label', { for: id, class: 'tr-option' }, input, h('span', null, o.label)) };
      });
      inputs.push({ q, get: () => {
        const chosen = boxes.filter((b) => b.input.checked).map((b) => Number(b.input.value));
        if (q.kind === 'multiple') return chosen.length ? { question_id: q.id, choices: chosen } : null;
        return chosen.length ? { question_id: q.id, value: chosen[0] } : null;
      }, focus: () => boxes[0].input.focus() });
      control = h('div', { class: `tr-options${q.kind === 'scale' ? ' tr-scale' : ''}` }, boxes.map((b) => b.el));
    } else {
      const ta = h('textarea', { rows: '4', maxlength: '4000', 'aria-labelledby': legendId });
      inputs.push({ q, get: () => (ta.value.trim() ? { question_id: q.id, text: ta.value } : null), focus: () => ta.focus() });
      control = ta;
    }
    return h('fieldset', { class: 'fieldset tr-question' },
      h('legend', { id: legendId }, `問${i + 1}. ${q.text}`, q.required ? h('span', { class: 'required' }, '（必須）') : null),
      control);
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, '回答を送信する');
  const form = h('form', { class: 'form tr-survey', 'aria-labelledby': titleId, novalidate: true },
    h('h4', { id: titleId, class: 'tr-survey-title' }, `${s.title} ${phase === 'pre' ? '事前' : '事後'}アンケート`),
    sv.anonymous ? h('p', { class: 'muted small' }, 'このアンケートは無記名です。回答とあなたの名前は結び付けて保存されません（回答済みかどうかだけを記録します）。') : h('p', { class: 'muted small' }, 'このアンケートは記名式です。講師が内容を確認します。'),
    errorBox, questions, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(errorBox);
    const answers = [];
    for (const it of inputs) {
      const a = it.get();
      if (!a && it.q.required) {
        replace(errorBox, notice('error', `「${it.q.text}」に回答してください。`));
        it.focus();
        return;
      }
      if (a) answers.push(a);
    }
    submit.disabled = true;
    try {
      await api('POST', `/api/v1/training/sessions/${s.id}/survey`, { phase, answers });
      replace(form, notice('success', '回答を送信しました。ご協力ありがとうございました。'));
      if (onDone) await onDone();
    } catch (err) {
      replace(errorBox, notice('error', err.message));
      submit.disabled = false;
    }
  });
  return form;
}
