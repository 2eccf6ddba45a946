/* pii/table: tables with a header row, where the column says what a cell
 * holds (a name, a birth date, an insurance number) and the cell alone would
 * not.
 *
 * A header is a line that starts with at least two comma- or tab-separated
 * cells of a few characters without digits, one of which names a personal
 * column (氏名, 生年月日, 住所, 電話番号, 被保険者番号, 旅券番号...). Rows
 * follow on the same line after a space (氏名,性別 内藤 恭平,男 / 内藤 早苗,女),
 * separated by " / ", or on the lines below, until a blank line or a line
 * with another number of cells. Cell i of a row is read as column i says.
 * Tables of organisations (施設名, 法人名, 事業所名, 課名...) hold no
 * personal columns.
 */
#include "pii_int.h"
#include "core/banned.h"

#define TABLE_COLS_MAX 16
#define TABLE_HEADER_CELL_MAX 12 /* code points of one header cell */
#define TABLE_CELL_MAX 40        /* code points of one data cell read */

enum col_kind { COL_NONE = 0, COL_TYPE, COL_HEALTH_PART };

struct column {
	const char *name;
	enum pii_type type;
};

/* Exact header cells and the type of their values. */
static const struct column columns[] = {
	{"氏名", PII_PERSON}, {"名前", PII_PERSON}, {"氏名(漢字)", PII_PERSON},
	{"氏名(カナ)", PII_PERSON}, {"フリガナ", PII_PERSON}, {"ふりがな", PII_PERSON},
	{"カナ", PII_PERSON}, {"申請者", PII_PERSON}, {"保護者", PII_PERSON}, {"児童", PII_PERSON},
	{"世帯主", PII_PERSON}, {"名義", PII_PERSON}, {"口座名義", PII_PERSON},
	{"請求者", PII_PERSON}, {"受給者", PII_PERSON}, {"対象者", PII_PERSON},
	{"届出人", PII_PERSON}, {"被保険者氏名", PII_PERSON}, {"利用者", PII_PERSON},
	{"生年月日", PII_DATE_OF_BIRTH}, {"誕生日", PII_DATE_OF_BIRTH},
	{"住所", PII_ADDRESS}, {"現住所", PII_ADDRESS}, {"住居地", PII_ADDRESS},
	{"電話", PII_PHONE}, {"電話番号", PII_PHONE}, {"連絡先", PII_PHONE}, {"携帯", PII_PHONE},
	{"携帯電話", PII_PHONE}, {"TEL", PII_PHONE},
	{"メール", PII_EMAIL}, {"メールアドレス", PII_EMAIL},
	{"個人番号", PII_JP_MY_NUMBER}, {"マイナンバー", PII_JP_MY_NUMBER},
	{"被保険者番号", PII_JP_HEALTH_INSURANCE}, {"保険証番号", PII_JP_HEALTH_INSURANCE},
	{"記号", PII_JP_HEALTH_INSURANCE}, {"枝番", PII_JP_HEALTH_INSURANCE},
	{"旅券番号", PII_PASSPORT}, {"パスポート番号", PII_PASSPORT},
	{"在留カード番号", PII_JP_RESIDENCE_CARD}, {"口座番号", PII_JP_BANK_ACCOUNT},
	{"基礎年金番号", PII_JP_BASIC_PENSION_NUMBER}, {"免許証番号", PII_JP_DRIVERS_LICENSE},
	{"運転免許証番号", PII_JP_DRIVERS_LICENSE},
};
/* Header cells of tables about organisations. */
static const char *const org_columns[] = {"施設名", "法人名", "事業所名", "課名", "保険者名",
					  "会社名", "団体名", "事業者名", "店舗名", "機関名", NULL};

static int is_cell_sep(uint32_t c) { return c == ',' || c == '\t'; }

static int cell_is(const struct pii__text *t, size_t s, size_t e, const char *w)
{
	return pii__match(t, s, w) == e - s;
}

/* Parses a header at line start i. Returns the number of columns (0: no
 * header) and sets kinds/types and *data (where the rows start: after the
 * space that ends the header, or the next line). */
static size_t header_at(const struct pii__text *t, size_t i, int *kind, enum pii_type *type,
			size_t *data)
{
	size_t ncol = 0, personal = 0, j = i;
	int org = 0, has_sign = 0, number_col = -1;
	for (;;) {
		size_t s = j;
		while (j < t->n && !is_cell_sep(t->cp[j]) && t->cp[j] != ' ' && t->cp[j] != '\n' &&
		       !pii__is_digit(t->cp[j]) && j - s <= TABLE_HEADER_CELL_MAX)
			j++;
		if (j == s || j - s > TABLE_HEADER_CELL_MAX || ncol == TABLE_COLS_MAX ||
		    (j < t->n && pii__is_digit(t->cp[j])))
			return 0;
		kind[ncol] = COL_NONE;
		for (size_t k = 0; k < YK_ARRAY_LEN(columns); k++)
			if (cell_is(t, s, j, columns[k].name)) {
				kind[ncol] = COL_TYPE;
				type[ncol] = columns[k].type;
				personal++;
				has_sign |= cell_is(t, s, j, "記号") || cell_is(t, s, j, "枝番");
				break;
			}
		if (cell_is(t, s, j, "番号"))
			number_col = (int)ncol;
		for (size_t k = 0; org_columns[k]; k++)
			org |= cell_is(t, s, j, org_columns[k]);
		ncol++;
		if (j < t->n && is_cell_sep(t->cp[j])) {
			j++;
			continue;
		}
		break;
	}
	if (ncol < 2 || org)
		return 0;
	/* 番号 between 記号 and 枝番 is the insurance card's number */
	if (has_sign && number_col >= 0) {
		kind[number_col] = COL_TYPE;
		type[number_col] = PII_JP_HEALTH_INSURANCE;
		personal++;
	}
	if (!personal)
		return 0;
	if (j < t->n && t->cp[j] == ' ')
		*data = j + 1;
	else if (j < t->n && t->cp[j] == '\n')
		*data = j + 1;
	else
		return 0;
	return ncol;
}

/* One data cell [s, e) of a column. */
static void read_cell(const struct pii__text *t, struct pii__cands *c, size_t s, size_t e,
		      enum pii_type type)
{
	while (s < e && t->cp[s] == ' ')
		s++;
	while (e > s && t->cp[e - 1] == ' ')
		e--;
	if (e - s >= 2 && t->cp[s] == '"' && t->cp[e - 1] == '"')
		s++, e--; /* "みどり市大字笠幡1234番地の5" */
	if (e <= s || e - s > TABLE_CELL_MAX)
		return;
	size_t digits = 0;
	for (size_t k = s; k < e; k++)
		digits += pii__is_digit(t->cp[k]);
	switch (type) {
	case PII_PERSON: {
		/* りんちゃん（5歳）: the name before a note or an honorific */
		size_t k = s;
		while (k < e && t->cp[k] != '(')
			k++;
		static const char *const hon[] = {"ちゃん", "くん", "さん", "様", NULL};
		for (size_t h = 0; hon[h]; h++) {
			size_t hl = pii__kw_len(hon[h]);
			if (k - s > hl && pii__match(t, k - hl, hon[h]))
				k -= hl;
		}
		int letters = 0;
		for (size_t q = s; q < k; q++)
			letters += pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]) ||
				   pii__is_hira(t->cp[q]) || pii__is_alpha(t->cp[q]);
		if (k > s && !digits && letters >= 2 && k - s <= 24)
			pii__cand_add(c, t, s, k, PII_PERSON, 0.9);
		return;
	}
	case PII_DATE_OF_BIRTH:
		if (pii__date_end(t, s) == e)
			pii__cand_add(c, t, s, e, type, 0.97);
		return;
	case PII_ADDRESS:
		if (digits)
			pii__cand_add(c, t, s, e, type, 0.9);
		return;
	case PII_EMAIL:
		return; /* the e-mail detector needs no column */
	default:
		/* numbers: digits with separators, an insurance 記号 may start
		 * with kana (みど3) */
		if (!digits || digits > 20)
			return;
		for (size_t k = s; k < e; k++) {
			uint32_t ch = t->cp[k];
			if (!(pii__is_digit(ch) || ch == '-' || ch == ' ' || pii__is_alpha(ch) ||
			      (type == PII_JP_HEALTH_INSURANCE && (pii__is_hira(ch) || pii__is_kata(ch)))))
				return;
		}
		pii__cand_add(c, t, s, e, type, 0.97);
		return;
	}
}

/* Reads rows from i; returns where the table ended. */
static size_t read_rows(const struct pii__text *t, struct pii__cands *c, size_t i,
			const int *kind, const enum pii_type *type, size_t ncol)
{
	size_t j = i;
	while (j < t->n) {
		/* one row: cells up to " / ", a line end or the end */
		size_t col = 0, s = j;
		size_t cell_s[TABLE_COLS_MAX], cell_e[TABLE_COLS_MAX];
		while (j < t->n && t->cp[j] != '\n') {
			if (pii__match(t, j, " / ") || pii__match(t, j, " | "))
				break;
			if (is_cell_sep(t->cp[j])) {
				if (col < TABLE_COLS_MAX)
					cell_s[col] = s, cell_e[col] = j;
				col++;
				s = j + 1;
			}
			j++;
		}
		if (col < TABLE_COLS_MAX)
			cell_s[col] = s, cell_e[col] = j;
		col++;
		if (col != ncol)
			return j; /* not a row of this table */
		for (size_t k = 0; k < ncol; k++)
			if (kind[k] == COL_TYPE)
				read_cell(t, c, cell_s[k], cell_e[k], type[k]);
		if (j < t->n && t->cp[j] == '\n') {
			j++;
			if (j < t->n && t->cp[j] == '\n')
				return j; /* a blank line ends it */
		} else if (j < t->n) {
			j += 3; /* " / " */
		}
	}
	return j;
}

void pii__detect_tables(const struct pii__text *t, struct pii__cands *c)
{
	int kind[TABLE_COLS_MAX];
	enum pii_type type[TABLE_COLS_MAX];
	size_t i = 0;
	while (i < t->n) {
		size_t data = 0, ncol = 0;
		/* a header starts a line and has a separator early on */
		if (i == 0 || t->cp[i - 1] == '\n')
			ncol = header_at(t, i, kind, type, &data);
		if (ncol) {
			i = read_rows(t, c, data, kind, type, ncol);
			continue;
		}
		while (i < t->n && t->cp[i] != '\n')
			i++;
		i++;
	}
}
