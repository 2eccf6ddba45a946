// qa-curve.js: the coverage/precision table shown beside the answer
// thresholds on the settings page (問い合わせAI section). The figures are
// measured, not computed here: `yakuba eval --curve-json web/qa-decision-curve.json`
// on the LocalgovFAQ dev split (docs/search.md, "Decision") writes the
// static asset /qa-decision-curve.json that this module reads. For each value
// of 「直接回答に必要なスコアの差」 (at the measured 「直接回答する最低スコア」)
// it shows the share of questions answered directly, how many of those
// answers were right, and the shares of 「もしかして」 and 「分かりません」;
// the row of the value in use is marked.

import { h } from './dom.js';

const pct = (x) => `${(Number(x) * 100).toFixed(1)}%`;

/** A section element; fills itself once the asset has loaded. */
export function qaDecisionCurve(settings) {
  const box = h('div', { class: 'qa-curve' }, h('p', { class: 'muted small' }, '評価の結果を読み込んでいます…'));
  const lead = Number((settings.find((s) => s.key === 'qa_answer_min_lead') || {}).value);
  fetch('/qa-decision-curve.json', { credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((doc) => {
      const points = Array.isArray(doc.curve) ? doc.curve : [];
      let nearest = null;
      for (const p of points) {
        if (nearest === null || Math.abs(p.answer_min_lead - lead) < Math.abs(nearest.answer_min_lead - lead)) nearest = p;
      }
      const captionId = 'qa-curve-caption';
      const rows = points.map((p) => {
        const mine = p === nearest;
        return h('tr', mine ? { class: 'qa-curve-current', 'aria-current': 'true' } : null,
          h('th', { scope: 'row' }, `${Number(p.answer_min_lead).toFixed(2)}${mine ? '（現在の設定に最も近い値）' : ''}`),
          h('td', null, pct(p.direct_share)),
          h('td', null, pct(p.direct_precision)),
          h('td', null, pct(p.suggest_share)),
          h('td', null, pct(p.none_share)));
      });
      const folds = Array.isArray(doc.twofold) ? doc.twofold : [];
      box.replaceChildren(
        h('h3', { class: 'qa-curve-title', id: captionId }, '直接回答の割合と正しさ（評価データでの実測）'),
        h('p', { class: 'small' },
          `実際の住民の質問 ${doc.queries} 件（尼崎市の FAQ の評価データ）で、「直接回答する最低スコア」を ${Number(doc.answer_min_score).toFixed(2)} としたときの結果です。`,
          '「正しさ」は、直接回答した FAQ が質問に合っていた割合です。差を小さくすると直接回答は増えますが、的外れな回答も増えます。市の FAQ の書き方によって結果は変わります。'),
        h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': captionId },
          h('table', { class: 'data-table qa-curve-table', 'aria-labelledby': captionId },
            h('thead', null, h('tr', null,
              h('th', { scope: 'col' }, 'スコアの差'),
              h('th', { scope: 'col' }, '直接回答'),
              h('th', { scope: 'col' }, '正しさ'),
              h('th', { scope: 'col' }, 'もしかして'),
              h('th', { scope: 'col' }, '分かりません'))),
            h('tbody', null, rows))),
        folds.length ? h('p', { class: 'small muted' },
          '既定値は、質問を半分に分けて一方で選び、もう一方で確かめる方法で決めました（確かめた側: ',
          folds.map((f) => `直接回答 ${pct(f.unseen_direct_share)}、正しさ ${pct(f.unseen_direct_precision)}`).join(' ／ '),
          '）。') : null);
    })
    .catch(() => {
      box.replaceChildren(h('p', { class: 'muted small' }, '評価の結果を読み込めませんでした。'));
    });
  return box;
}
