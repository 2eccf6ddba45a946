// labels.js: Japanese names for the stable English codes of the API (roles,
// audit actions). Unknown codes are shown as they are, so a newer server
// never makes the UI lose information.

export const ROLES = [
  { code: 'admin', label: '管理者', help: '利用者・設定・監査ログを管理します' },
  { code: 'editor', label: '編集者', help: 'FAQ・文書・研修・集計を編集します' },
  { code: 'staff', label: '職員', help: 'アシスタントや研修などを利用します' },
  { code: 'implementer', label: '実施者', help: 'ストレスチェックの個人結果を扱います' },
  { code: 'head', label: '所属長', help: '自分の所属（配下を含む）の活用状況を見て、研修に推薦します' },
];

export function roleLabel(code) {
  const r = ROLES.find((x) => x.code === code);
  return r ? r.label : code;
}

export const AUDIT_ACTIONS = {
  login: 'ログイン',
  'login.failed': 'ログイン失敗',
  'login.sso': 'ログイン（シングルサインオン）',
  logout: 'ログアウト',
  'user.create': '利用者の追加',
  'user.update': '利用者の変更',
  'user.disable': '利用者の無効化',
  'user.enable': '利用者の有効化',
  'user.reset_password': '初期パスワードの再発行',
  'user.change_password': 'パスワードの変更',
  'dept.create': '所属の追加',
  'dept.rename': '所属の名称変更',
  'dept.delete': '所属の削除',
  'staff.import': '職員名簿の取り込み',
  'settings.update': '設定の変更',
  'audit.export': '監査ログの出力',
  // 問い合わせAI (issue 3)
  'kb.import': 'ナレッジの取り込み',
  'kb.source.delete': 'ナレッジのファイル削除',
  'kb.entry.create': 'ナレッジ項目の追加',
  'kb.entry.update': 'ナレッジ項目の変更',
  'kb.entry.hide': 'ナレッジ項目の非表示',
  'kb.entry.show': 'ナレッジ項目の再表示',
  'kb.entry.delete': 'ナレッジ項目の削除',
  'kb.synonyms.update': '同義語の変更',
  'qa.resolve': '未回答の質問から FAQ 作成',
  'qa.dismiss': '未回答の質問を対応不要に',
  // 運用 (issue 15)
  'import.refused': '取り込みの拒否（問題のあるファイル）',
  'dept.order': '所属の表示順の変更',
};

export function auditLabel(code) {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTIONS, code) ? AUDIT_ACTIONS[code] : code;
}

/** Filter choices of the audit page; a value matches itself and "value.*". */
export const AUDIT_FILTERS = [
  { value: '', label: 'すべての操作' },
  { value: 'login', label: 'ログイン（失敗・SSO を含む）' },
  { value: 'login.failed', label: 'ログイン失敗のみ' },
  { value: 'logout', label: 'ログアウト' },
  { value: 'user', label: '利用者の操作すべて' },
  { value: 'user.create', label: '利用者の追加' },
  { value: 'user.update', label: '利用者の変更' },
  { value: 'user.disable', label: '利用者の無効化' },
  { value: 'user.reset_password', label: '初期パスワードの再発行' },
  { value: 'dept', label: '所属の操作すべて' },
  { value: 'staff.import', label: '職員名簿の取り込み' },
  { value: 'settings.update', label: '設定の変更' },
  { value: 'audit.export', label: '監査ログの出力' },
  { value: 'kb', label: 'ナレッジの操作すべて' },
  { value: 'qa', label: '未回答の質問への対応' },
  { value: 'import.refused', label: '取り込みの拒否' },
];
