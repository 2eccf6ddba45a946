// labels.js: Japanese names for the stable English codes of the API (roles,
// audit filter families). The labels of single audit actions come from the
// server (src/audit/actions.def, as action_label and actions of
// GET /api/v1/audit). Unknown codes are shown as they are, so a newer server
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
  { value: 'staff', label: '職員名簿の操作すべて（取り込み・同期）' },
  { value: 'users', label: '利用者の CSV 取り込み' },
  { value: 'ws', label: '生成AIの操作すべて' },
  { value: 'usage', label: '活用状況の操作すべて' },
  { value: 'survey', label: 'アンケートの受付・締め切り' },
  { value: 'training', label: '研修の操作すべて' },
  { value: 'stress', label: 'ストレスチェックの操作すべて' },
  { value: 'pulse', label: 'パルスサーベイ' },
  { value: 'opinion', label: '意見箱への対応' },
];
