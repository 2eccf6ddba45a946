// genai/pii-labels.js: the names staff read for the guard's detection types.
// The one label table is src/pii/pii.h (PII_TYPES: stable code, placeholder
// label of 〔電話1〕, type name 電話番号); GET /api/v1/ws/status sends it as
// pii_types and the page installs it with setPiiTypes(), so the preview,
// the history and the API say the same. Until then (or for an unknown
// code) the server's label of a span is shown, then the code.

let PII_NAMES = {};

/** Installs {"PHONE": {"label": "電話", "name": "電話番号"}, ...} from ws status. */
export function setPiiTypes(types) {
  const next = {};
  if (types && typeof types === 'object') {
    for (const [code, t] of Object.entries(types)) {
      if (t && typeof t.name === 'string') next[code] = t.name;
    }
  }
  PII_NAMES = next;
}

export function piiLabel(type, serverName) {
  if (Object.prototype.hasOwnProperty.call(PII_NAMES, type)) return PII_NAMES[type];
  return serverName || String(type);
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
