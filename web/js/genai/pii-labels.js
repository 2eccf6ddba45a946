// genai/pii-labels.js: the names staff read for the guard's detection types
// (the stable codes of src/pii/pii.h, PII_TYPES). The server's own span
// label is the short placeholder word (電話), so the page keeps the fuller
// wording here; an unknown code shows the server's label, then the code.

const PII_LABELS = {
  JP_MY_NUMBER: 'マイナンバー',
  JP_CORPORATE_NUMBER: '法人番号',
  JP_DRIVERS_LICENSE: '運転免許証番号',
  JP_RESIDENT_CODE: '住民票コード',
  JP_BASIC_PENSION_NUMBER: '基礎年金番号',
  JP_HEALTH_INSURANCE: '保険証の番号',
  JP_RESIDENCE_CARD: '在留カード番号',
  PASSPORT: '旅券番号',
  JP_BANK_ACCOUNT: '口座番号',
  CREDIT_CARD: 'クレジットカード番号',
  PHONE: '電話番号',
  EMAIL: 'メールアドレス',
  POSTAL_CODE: '郵便番号',
  ADDRESS: '住所',
  DATE_OF_BIRTH: '生年月日',
  PERSON: '氏名',
};

export function piiLabel(type, serverLabel) {
  if (Object.prototype.hasOwnProperty.call(PII_LABELS, type)) return PII_LABELS[type];
  return serverLabel || String(type);
}

/** {"PHONE": 1, "PERSON": 2} → "電話番号 1件、氏名 2件" ("" when nothing). */
export function countsText(counts) {
  if (!counts || typeof counts !== 'object') return '';
  return Object.entries(counts)
    .filter(([, n]) => Number(n) > 0)
    .map(([type, n]) => `${piiLabel(type)} ${Number(n)}件`)
    .join('、');
}

export const POLICY_LABELS = {
  mask: '伏せ字にして送信',
  block: '送信しない',
  warn: '警告のうえそのまま送信',
};
