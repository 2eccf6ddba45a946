// pages/placeholders.js: "準備中" pages for the features that later issues
// build (問い合わせ, 生成AI, 活用状況, メンタルヘルス). Each says what the
// page will do, so staff know what to expect and whom to ask.

import { h } from '../dom.js';

const PAGES = {
  inquiry: {
    summary: '住民や職員からの問い合わせに、市に登録された FAQ や文書をもとに回答の候補を示す画面です。',
    points: [
      '質問を入力すると、関係する FAQ と文書の該当箇所を根拠つきで表示します。',
      '確かな回答が見つからないときは「分かりません」と示し、質問を記録して FAQ の充実に役立てます。',
      '回答が役に立ったかどうかを 👍／👎 で評価できます。',
    ],
  },
  assistant: {
    summary: '文書の下書き、要約、言い換えなどに生成AIを使う画面です。',
    points: [
      '入力した文章の氏名・住所・電話番号などの個人情報は、AI に送る前に自動で伏せ字にします。',
      'AI が作成した文章には、その旨の表示が必ず付きます。内容は必ず職員が確認してください。',
      '庁内で用意したプロンプトのひな形を選んで使えます。',
    ],
  },
  usage: {
    summary: '問い合わせ支援や生成AIがどのくらい使われているかを確認する画面です。',
    points: [
      '所属ごとの利用者数・利用回数・活用率を、表とグラフで表示します。',
      '集計結果は CSV でダウンロードできます。',
    ],
  },
  wellbeing: {
    summary: '職員のこころの健康を支える画面です。',
    points: [
      'ストレスチェック（57項目）に回答し、ご自分の結果を確認できます。',
      '個人の結果を見られるのは、本人と実施者だけです。',
      '職場ごとの集団分析は、10人以上の集団についてだけ表示します。',
      '職場環境についての意見を匿名で送れる意見箱を用意します。',
    ],
  },
};

export function placeholderPage(key) {
  // Marked so that the menu can say 「準備中」 beside the link of any page
  // that is still a placeholder when the app starts (app.js).
  render.isPlaceholder = true;
  return render;
  async function render(body) {
    const p = PAGES[key];
    body.appendChild(h('section', { class: 'empty-state', 'aria-labelledby': `ph-${key}` },
      h('p', { class: 'badge badge-pending' }, '準備中'),
      h('h2', { id: `ph-${key}`, class: 'empty-title' }, 'この機能は現在準備中です'),
      h('p', null, p.summary),
      h('h3', { class: 'empty-subtitle' }, '使えるようになること'),
      h('ul', { class: 'bullet-list' }, p.points.map((t) => h('li', null, t))),
      h('p', { class: 'muted' }, '公開の時期は、情報政策担当（システム管理者）にお問い合わせください。')));
  }
}
