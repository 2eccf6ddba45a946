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
#define TABLE_SPILL_MAX 4        /* cells a row's last column may spill over */

/* Words a cell holds when its value is missing (不明, なし). */
static const char *const missing[] = {"不明", "なし", "無し", "未定", "不詳", "未記入",
				      "記載なし", "未登録", "非公開", "該当なし", "空欄", NULL};

enum col_kind {
	COL_NONE = 0, COL_TYPE, COL_HEALTH_PART, COL_CODE, COL_PLACE, COL_HEALTH_SIGN,
	COL_SITE,  /* 所在地 of something that is no house (詰所所在地, 所在地) */
	COL_HOUSE, /* 所在地 of a house (被災住家の所在地, 物件所在地) */
	COL_PARCEL, /* 地番: a parcel of land, no one's address */
	COL_PENSION_CODE, /* a code column naming a pension (年金証書番号) */
	COL_DISTRICT, /* 地区, 集落: the row's district, a place's name, no one's */
};

/* Exact header cells and the type of their values: one list, from which
 * the names (searched through the keyword index) and the types come. */
#define TABLE_COLUMNS(X) \
	X("氏名", PII_PERSON) X("名前", PII_PERSON) X("氏名(漢字)", PII_PERSON) \
	X("氏名(カナ)", PII_PERSON) X("フリガナ", PII_PERSON) X("ふりがな", PII_PERSON) \
	X("カナ", PII_PERSON) X("申請者", PII_PERSON) X("保護者", PII_PERSON) X("児童", PII_PERSON) \
	X("世帯主", PII_PERSON) X("名義", PII_PERSON) X("口座名義", PII_PERSON) \
	X("請求者", PII_PERSON) X("受給者", PII_PERSON) X("対象者", PII_PERSON) \
	X("届出人", PII_PERSON) X("被保険者氏名", PII_PERSON) X("利用者", PII_PERSON) \
	X("生年月日", PII_DATE_OF_BIRTH) X("誕生日", PII_DATE_OF_BIRTH) \
	/* the English headers of an export (case_id,full_name,dob,…; \
	 * twenty-fourth round (c)) */ \
	X("DOB", PII_DATE_OF_BIRTH) X("dob", PII_DATE_OF_BIRTH) \
	X("Date of Birth", PII_DATE_OF_BIRTH) X("date_of_birth", PII_DATE_OF_BIRTH) \
	X("birth_date", PII_DATE_OF_BIRTH) X("Birthdate", PII_DATE_OF_BIRTH) \
	X("住所", PII_ADDRESS) X("現住所", PII_ADDRESS) X("住居地", PII_ADDRESS) \
	X("電話", PII_PHONE) X("電話番号", PII_PHONE) X("連絡先", PII_PHONE) X("携帯", PII_PHONE) \
	X("携帯電話", PII_PHONE) X("TEL", PII_PHONE) \
	X("メール", PII_EMAIL) X("メールアドレス", PII_EMAIL) \
	X("個人番号", PII_JP_MY_NUMBER) X("マイナンバー", PII_JP_MY_NUMBER) \
	X("被保険者番号", PII_JP_HEALTH_INSURANCE) X("保険証番号", PII_JP_HEALTH_INSURANCE) \
	X("記号", PII_JP_HEALTH_INSURANCE) X("枝番", PII_JP_HEALTH_INSURANCE) \
	X("旅券番号", PII_PASSPORT) X("パスポート番号", PII_PASSPORT) \
	X("在留カード番号", PII_JP_RESIDENCE_CARD) X("口座番号", PII_JP_BANK_ACCOUNT) \
	X("基礎年金番号", PII_JP_BASIC_PENSION_NUMBER) X("免許証番号", PII_JP_DRIVERS_LICENSE) \
	X("運転免許証番号", PII_JP_DRIVERS_LICENSE) \
	X("受取人", PII_PERSON) X("受取人名", PII_PERSON) X("口座名義人", PII_PERSON) \
	X("相談者", PII_PERSON) X("本人", PII_PERSON) X("被保険者", PII_PERSON) \
	X("Name", PII_PERSON) X("NAME", PII_PERSON) X("Email", PII_EMAIL) X("E-mail", PII_EMAIL) \
	X("住民票コード", PII_JP_RESIDENT_CODE) X("カード番号", PII_CREDIT_CARD) \
	X("住基コード", PII_JP_RESIDENT_CODE) X("住民基本台帳コード", PII_JP_RESIDENT_CODE) \
	X("在留カード", PII_JP_RESIDENCE_CARD) X("旅券", PII_PASSPORT) \
	X("年金番号", PII_JP_BASIC_PENSION_NUMBER) X("免許証", PII_JP_DRIVERS_LICENSE) \
	/* fourth round: who a row is about, and a card column */ \
	X("所有者", PII_PERSON) X("会員", PII_PERSON) X("会員名", PII_PERSON) \
	X("保護者名", PII_PERSON) X("児童名", PII_PERSON) \
	X("参加者", PII_PERSON) X("世帯主名", PII_PERSON) X("カード", PII_CREDIT_CARD) \
	X("郵便番号", PII_POSTAL_CODE) X("〒", PII_POSTAL_CODE) \
	/* half-width kana headers of transfer files (全銀) */ \
	/* sixth round: the insurance a row's person holds (後期 39504461) */ \
	X("医療保険", PII_JP_HEALTH_INSURANCE) X("健康保険", PII_JP_HEALTH_INSURANCE) \
	X("保険証", PII_JP_HEALTH_INSURANCE) X("国保番号", PII_JP_HEALTH_INSURANCE) \
	X("被保番号", PII_JP_HEALTH_INSURANCE) X("被保険者証番号", PII_JP_HEALTH_INSURANCE) \
	/* eighteenth round (b): the card's 記号 named with its insurance \
	 * (氏名 生年月日 国保記号 国保番号 枝番) */ \
	X("国保記号", PII_JP_HEALTH_INSURANCE) X("保険証記号", PII_JP_HEALTH_INSURANCE) \
	X("被保険者証記号", PII_JP_HEALTH_INSURANCE) X("保険記号", PII_JP_HEALTH_INSURANCE) \
	X("ｺｳｻﾞﾊﾞﾝｺﾞｳ", PII_JP_BANK_ACCOUNT) X("ｳｹﾄﾘﾆﾝﾒｲ", PII_PERSON) \
	X("ｺｳｻﾞﾒｲｷﾞ", PII_PERSON) X("ﾒｲｷﾞﾆﾝ", PII_PERSON) X("ｼﾒｲ", PII_PERSON) \
	X("ﾌﾘｶﾞﾅ", PII_PERSON) \
	/* the dormitory a worker lives in, with its room (寮: 琴浦第2寮101号; \
	 * batch 395) */ \
	X("寮", PII_ADDRESS) X("入居寮", PII_ADDRESS) \
	/* who reported or asked, a row's subject (受付日,場所,申出者,電話: a \
	 * log of damage at residents' homes; batches 538-545) */ \
	X("申出者", PII_PERSON) X("通報者", PII_PERSON) X("申出人", PII_PERSON) \
	X("依頼者", PII_PERSON) X("要望者", PII_PERSON)
#define TABLE_COLUMN_NAME(w, type) w,
#define TABLE_COLUMN_TYPE(w, type) type,
static const char *const column_names[] = {TABLE_COLUMNS(TABLE_COLUMN_NAME) NULL};
static const enum pii_type column_types[] = {TABLE_COLUMNS(TABLE_COLUMN_TYPE)};
_Static_assert(YK_ARRAY_LEN(column_names) == YK_ARRAY_LEN(column_types) + 1,
	       "one type per column name");

/* Header cells of tables about organisations. */
static const char *const org_columns[] = {"施設名", "法人名", "事業所名", "課名", "保険者名",
					  "会社名", "団体名", "事業者名", "店舗名", "機関名", "商号",
					  "名称", "業者名", "市町名", "市町村名", "市区町村名",
					  "自治体名", "窓口名", "部署名", "担当課", NULL};

static int cell_is(const struct pii__text *t, size_t s, size_t e, const char *w)
{
	return pii__match(t, s, w) == e - s;
}

/* Column words that say nothing personal but are usual in a header of a
 * table separated by spaces, where every header cell must be a known word
 * (a line 氏名 大谷 美穂 is a field, not a header). */
static const char *const plain_columns[] = {
	"No", "No.", "NO", "番号", "受付番号", "整理番号", "区分", "種別", "時間", "時刻", "日時",
	"日付", "受付日", "申請日", "届出日", "異動日", "学年", "組", "班", "クラス", "性別",
	"年齢", "続柄", "備考", "金額", "銀行", "支店", "国籍", "在留資格", "在留期限", "状態",
	"結果", "所属", "部署", "Dept", "担当", "確認", "摘要", "件名", "用件", "内容",
	"会員No.", "会員番号", "登録番号", "町内会", "地区", "自治会", "学校", "支払日", NULL};

/* The separator of a table's cells. A tab is folded to a space by
 * text_fold(), so a tab is told by the input byte. */
enum table_sep { SEP_COMMA, SEP_TAB, SEP_BAR, SEP_SLASH, SEP_SPACE };


static int is_sep_at(const struct pii__text *t, size_t i, enum table_sep sep)
{
	switch (sep) {
	case SEP_COMMA:
		return t->cp[i] == ',';
	case SEP_TAB:
		return pii__raw_tab(t, i);
	case SEP_BAR:
		return t->cp[i] == '|';
	case SEP_SLASH:
		return t->cp[i] == '/';
	case SEP_SPACE:
		return t->cp[i] == ' ';
	}
	return 0;
}

/* The type a header cell [s, e) names: exact words, then the same without
 * quotes or a note in brackets (旅券番号（旧）, 氏名(ローマ字), 受取人名（ｶﾅ）),
 * then a word ending in one (被保険者氏名, 保護者連絡先). 1: personal, 2: a
 * plain column, 3: an organisation's, 0: unknown. */
static int column_of(const struct pii__text *t, size_t s, size_t e, enum pii_type *type)
{
	if (e - s >= 2 && t->cp[s] == '"' && t->cp[e - 1] == '"')
		s++, e--;
	for (size_t k = s + 1; k < e; k++)
		if (t->cp[k] == '(' && t->cp[e - 1] == ')') {
			e = k;
			break;
		}
	if (e <= s)
		return 0;
	if (pii__is_word(t, s, e, org_columns))
		return 3;
	long k = pii__word_index(t, s, e, column_names);
	if (k >= 0) {
		*type = column_types[k];
		return 1;
	}
	if (pii__is_word(t, s, e, plain_columns))
		return 2;
	/* 記号番号, 保険証記号・番号: the card's parts in one cell */
	static const char *const parts_tails[] = {"記号番号", "記号・番号", NULL};
	if (pii__ending_word(t, s, e, parts_tails) >= 0) {
		*type = PII_JP_HEALTH_INSURANCE;
		return 4;
	}
	/* a word ending in a personal column's name (before it, at least one
	 * code point) */
#define TABLE_TAILS(X) \
	X("氏名", PII_PERSON) X("生年月日", PII_DATE_OF_BIRTH) X("電話番号", PII_PHONE) \
	X("連絡先", PII_PHONE) X("住所", PII_ADDRESS) X("電話", PII_PHONE) \
	/* 介護保険被保険者番号, 後期高齢者被保険者番号 (sixth round) */ \
	X("被保険者番号", PII_JP_HEALTH_INSURANCE) X("保険証番号", PII_JP_HEALTH_INSURANCE) \
	/* 介護保険番号, 後期高齢者被保番号 (eighth round; not 保険者番号, \
	 * the insurer's) */ \
	X("保険番号", PII_JP_HEALTH_INSURANCE) X("被保番号", PII_JP_HEALTH_INSURANCE)
	static const char *const tail_names[] = {TABLE_TAILS(TABLE_COLUMN_NAME) NULL};
	static const enum pii_type tail_types[] = {TABLE_TAILS(TABLE_COLUMN_TYPE)};
	k = pii__ending_word(t, s + 1, e, tail_names);
	if (k >= 0) {
		*type = tail_types[k];
		return 1;
	}
	return 0;
}


/* A header cell [s, e) that names a column of codes: it ends with 番号,
 * コード, ID or No (納税義務者番号, 事業所番号, 施設コード), and names no
 * number to call (携帯番号, FAX番号, 自宅番号). */
static int code_column(const struct pii__text *t, size_t s, size_t e)
{
	static const char *const code_words[] = {"番号", "コード", "ID", "No", "No.", NULL};
	/* 携帯番号, FAX番号, 自宅番号, 連絡先番号: a number to call */
	static const char *const call_words[] = {"電話", "携帯", "FAX", "Fax", "fax", "ファクス",
						 "ファックス", "自宅", "連絡", "TEL", "Tel", NULL};
	if (!pii__ends_with(t, s, e, code_words))
		return 0;
	for (size_t q = s; q < e; q++)
		if (pii__match_any(t, q, call_words))
			return 0;
	return 1;
}

/* A header cell [s, e) that names a pension (年金証書番号). */
static int names_pension(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t q = s; q + 2 <= e; q++)
		if (pii__match(t, q, "年金"))
			return 1;
	return 0;
}

/* A column naming the district a row's person belongs to (地区,氏名,年齢,
 * 住所: 田野浦,田野浦 清,78,…; batches 714-729): its cell is a place, so a
 * surname that is also the district's name there (田野浦, 入野) is no one's.
 * The row's other cells keep what they hold. */
static const char *const district_columns[] = {"地区", "地区名", "地域", "地域名", "集落",
					       "集落名", "行政区", "大字", "字", "町内",
					       "居住地区", NULL};

/* Header cells that name a public place (設置場所, 投票所, 会場, 避難所):
 * in a table without a personal column, the rows' addresses and numbers
 * are the places' (a list of polling places or poster boards). */
static const char *const place_columns[] = {"場所", "会場", "投票所", "投票所名", "開票所",
					    "避難所", "避難所名", "掲示場", NULL};

/* A header cell ending in 所在地 names where each row's thing stands: a
 * house's (被災住家の所在地, 家屋所在地, 物件所在地: the house a person
 * owns or lives in, the row's person's address, as the address labels
 * read 被災住家の所在地：…) or anything else's (詰所所在地 of a fire
 * brigade's units, 所在地 of offices: a public place, batch 346). */
static const char *const site_columns[] = {"所在地", NULL};
/* A parcel's number (地番: 手花字仲田88 in a farmland lease's row, batch
 * 353): a lot of land, which the labelled files leave unlabelled, as the
 * address rules leave a lot after 地番 or 農地 in prose. */
static const char *const parcel_columns[] = {"地番", NULL};
static int house_site(const struct pii__text *t, size_t s, size_t e)
{
	static const char *const houses[] = {"家屋", "住家", "住宅", "居宅", "建物", "物件", NULL};
	for (size_t q = s; q + 2 < e; q++)
		if (pii__match_any(t, q, houses))
			return 1;
	return 0;
}

/* A company's legal form in a name cell (有限会社南州建材, (株)みどり設備):
 * the row is the company's, and so are its contacts. */
static int company_cell(const struct pii__text *t, size_t s, size_t e)
{
	static const char *const forms[] = {"株式会社", "有限会社", "合同会社", "(株)", "(有)",
					    "社会福祉法人", "医療法人", "NPO法人", NULL};
	for (size_t q = s; q < e; q++)
		if (pii__match_any(t, q, forms))
			return 1;
	return 0;
}

/* Drops the candidates of the types in mask (bits 1 << type) that start in
 * [s, e). */
static void drop_in(struct pii__cands *c, size_t s, size_t e, unsigned mask)
{
	size_t k = 0;
	for (size_t j = 0; j < c->n; j++)
		if (!((mask >> c->v[j].type) & 1u && c->v[j].start >= s && c->v[j].start < e))
			c->v[k++] = c->v[j];
	c->n = k;
}

/* Parses a header at line start i. Returns the number of columns (0: no
 * header) and sets kinds/types, *sep and *data (where the rows start: after
 * the space that ends a comma or tab header, or the next line). *le: the
 * line's end (set first). */
static size_t header_at(const struct pii__text *t, size_t i, int *kind, enum pii_type *type,
			enum table_sep *sep, size_t *data, size_t *line_end_out)
{
	size_t le = pii__line_end(t, i);
	*line_end_out = le;
	/* the separator: the first comma, tab or bar of the line's first
	 * cells, else spaces */
	*sep = SEP_SPACE;
	for (size_t k = i; k < le && k - i <= (TABLE_HEADER_CELL_MAX + 1) * 2; k++) {
		if (t->cp[k] == ',') {
			*sep = SEP_COMMA;
			break;
		}
		if (pii__raw_tab(t, k)) {
			*sep = SEP_TAB;
			break;
		}
		if (t->cp[k] == '|') {
			*sep = SEP_BAR;
			break;
		}
	}
	/* 氏名／基礎年金番号／資格取得日 (ninth round): slashes, when the line's
	 * first cells hold no other separator; the header is then alone on
	 * its line, as with bars */
	for (size_t k = i; *sep == SEP_SPACE && k < le && k - i <= TABLE_HEADER_CELL_MAX + 1; k++)
		if (t->cp[k] == '/')
			*sep = SEP_SLASH;
	size_t ncol = 0, personal = 0, unknown = 0, codes = 0, j = i;
	int org = 0, has_sign = 0, number_col = -1;
	for (;;) {
		if (*sep == SEP_SPACE || *sep == SEP_BAR || *sep == SEP_SLASH)
			while (j < le && t->cp[j] == ' ')
				j++;
		size_t s = j;
		/* a unit's note in brackets may hold digits (賃料（円/10a）;
		 * batch 353): the cell's own digits end it */
		int note = 0;
		while (j < le && !is_sep_at(t, j, *sep) && t->cp[j] != ' ' &&
		       (note || !pii__is_digit(t->cp[j])) && j - s <= TABLE_HEADER_CELL_MAX + 2) {
			note = t->cp[j] == '(' ? 1 : t->cp[j] == ')' ? 0 : note;
			j++;
		}
		/* 希望園1, 電話2: a numbered column of a comma or tab header,
		 * one or two digits right after two letters at least and then
		 * the separator or the line's end (tenth round (a)) */
		if ((*sep == SEP_COMMA || *sep == SEP_TAB) && j - s >= 2 && j < le &&
		    pii__is_digit(t->cp[j])) {
			size_t d = j;
			while (d < le && pii__is_digit(t->cp[d]) && d - j < 3)
				d++;
			if (d - j <= 2 && (d == le || is_sep_at(t, d, *sep)))
				j = d;
		}
		if (*sep == SEP_BAR || *sep == SEP_SLASH)
			while (j < le && t->cp[j] == ' ' && !is_sep_at(t, j, *sep))
				j++; /* 氏名 | 住所: spaces around the bar */
		size_t e = j;
		while ((*sep == SEP_BAR || *sep == SEP_SLASH) && e > s && t->cp[e - 1] == ' ')
			e--;
		if (e == s || e - s > TABLE_HEADER_CELL_MAX + 2 || ncol == TABLE_COLS_MAX ||
		    (j < le && pii__is_digit(t->cp[j])))
			return 0;
		kind[ncol] = COL_NONE;
		enum pii_type ty = PII_PERSON;
		int what = column_of(t, s, e, &ty);
		if (what == 4) {
			kind[ncol] = COL_HEALTH_PART;
			type[ncol] = ty;
			personal++;
		}
		if (what == 1) {
			kind[ncol] = COL_TYPE;
			type[ncol] = ty;
			personal++;
			has_sign |= cell_is(t, s, e, "記号") || cell_is(t, s, e, "枝番");
			/* the card's 記号, which may be letters only (湯国) */
			if (ty == PII_JP_HEALTH_INSURANCE && e - s >= 2 && t->cp[e - 2] == 0x8A18 /* 記 */ &&
			    t->cp[e - 1] == 0x53F7 /* 号 */)
				kind[ncol] = COL_HEALTH_SIGN;
		}
		/* 納税義務者番号, 事業所番号, 受付番号: a column of codes, whose
		 * cells are no phone numbers (thirteenth round (b)) */
		if (what != 1 && cell_is(t, s, e, "部屋番号")) {
			/* a block of flats' roll (部屋番号,役職,氏名: A棟203;
			 * batch 417): the room is where the row's person lives,
			 * read as a house's location is (below); a list of a
			 * hall's rooms (部屋番号,定員,料金) names no one */
			kind[ncol] = COL_HOUSE;
		} else if ((what == 0 || what == 2) && code_column(t, s, e)) {
			kind[ncol] = names_pension(t, s, e) ? COL_PENSION_CODE : COL_CODE;
			codes++;
		} else if (what == 0 && pii__ends_with(t, s, e, place_columns)) {
			kind[ncol] = COL_PLACE;
			codes++;
		} else if (what != 1 && what != 3 && pii__is_word(t, s, e, district_columns)) {
			kind[ncol] = COL_DISTRICT;
		} else if (what == 0 && pii__ends_with(t, s, e, parcel_columns)) {
			kind[ncol] = COL_PARCEL;
		} else if (what == 0 && pii__ends_with(t, s, e, site_columns)) {
			/* a house's location is read when a column names its
			 * person (below); another site's is a place's */
			kind[ncol] = house_site(t, s, e) ? COL_HOUSE : COL_SITE;
			codes += kind[ncol] == COL_SITE;
		}
		unknown += what == 0;
		if (unknown > 1 && (*sep == SEP_SPACE || *sep == SEP_SLASH))
			return 0; /* a space-separated header: known cells, one unknown at most */
		org |= what == 3;
		if (cell_is(t, s, e, "番号"))
			number_col = (int)ncol;
		ncol++;
		if (j < le && is_sep_at(t, j, *sep)) {
			j++;
			if (*sep == SEP_SPACE && (j >= le || t->cp[j] == ' '))
				while (j < le && t->cp[j] == ' ')
					j++;
			if (j < le)
				continue;
		}
		break;
	}
	if (ncol < 2 || org)
		return 0;
	/* 納税義務者,所在地,家屋番号,構造,…: a 所在地 under a header whose
	 * other columns name a house (家屋番号, 建物) is the house's, as one
	 * named in its own cell (the rows of a tax roll of houses and their
	 * owners); the line's words are looked at only when it has a site */
	for (size_t k = 0; k < ncol; k++)
		if (kind[k] == COL_SITE && house_site(t, i, le)) {
			for (size_t h = k; h < ncol; h++)
				if (kind[h] == COL_SITE) {
					kind[h] = COL_HOUSE;
					codes--;
				}
			break;
		}
	/* 番号 between 記号 and 枝番 is the insurance card's number */
	if (has_sign && number_col >= 0) {
		kind[number_col] = COL_TYPE;
		type[number_col] = PII_JP_HEALTH_INSURANCE;
		personal++;
	}
	/* a place's column says the rows are places only in a table with no
	 * personal column (氏名,避難所,電話 lists evacuees), or where the
	 * place's name comes before every personal column and no column
	 * names a person: the row's subject is the place, its 電話 the
	 * place's (避難所名,所在地,収容人数,電話: a table of shelters, a
	 * welfare home's row among them; batch 429) */
	int place_rows = 0;
	for (size_t k = 0; k < ncol && personal; k++) {
		if (kind[k] == COL_TYPE || kind[k] == COL_HEALTH_PART || kind[k] == COL_HEALTH_SIGN ||
		    kind[k] == COL_HOUSE)
			break;
		if (kind[k] == COL_PLACE) {
			place_rows = 1;
			break;
		}
	}
	for (size_t k = 0; k < ncol && place_rows; k++)
		if (kind[k] == COL_TYPE && type[k] == PII_PERSON)
			place_rows = 0;
	for (size_t k = 0; k < ncol && personal && !place_rows; k++)
		if (kind[k] == COL_PLACE || kind[k] == COL_SITE)
			kind[k] = COL_NONE;
	/* a house's location in a row naming a person (交付番号 申請者
	 * 被災住家の所在地 判定: a hamlet's lot, 芦名214, names no town the
	 * address rules know; batch 352) is that person's address */
	for (size_t k = 0; k < ncol; k++)
		if (kind[k] == COL_HOUSE) {
			kind[k] = personal ? COL_TYPE : COL_NONE;
			type[k] = PII_ADDRESS;
		}
	/* a header of codes and plain columns only, alone on its line
	 * (事業所番号,加算区分,届出受理日): its rows' codes are read as codes,
	 * nothing else */
	if (!personal && !(codes && (*sep == SEP_COMMA || *sep == SEP_TAB) && j == le && le < t->n))
		return 0;
	/* cells separated by spaces: a header only when every cell is a
	 * column word (or one is unknown among three or more, two of them
	 * personal: No. 氏名 生年月日 保険証記号・番号) and the rows are on the
	 * lines below */
	if (*sep == SEP_SPACE) {
		if ((unknown && (personal < 2 || ncol < 3)) || j < le || le >= t->n)
			return 0;
		*data = le + 1;
		return ncol;
	}
	if (*sep == SEP_BAR || *sep == SEP_SLASH) {
		if (j < le || le >= t->n)
			return 0;
		*data = le + 1;
		return ncol;
	}
	if (j < t->n && (t->cp[j] == ' ' || t->cp[j] == '\n'))
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
		/* 住所, 電話 in a name column: a form's rows open with their
		 * field's label, which is no name (世帯主<TAB>name…\n住所<TAB>〒…;
		 * fourteenth round (b)) */
		if (k > s && pii__match_any(t, s, column_names) == k - s)
			return;
		/* 国際交流課, つがる総合病院 in a 依頼者 column: a section or a
		 * body asked, no one's name (batches 730-743) */
		static const char *const bodies[] = {"課", "係", "室", "病院", "センター", "協会",
						     "事務所", "組合", "役場", "市役所", NULL};
		if (k > s + 1 && pii__ending_word(t, s + 1, k, bodies) >= 0)
			return;
		if (k > s && !digits && letters >= 2 && k - s <= 24)
			pii__cand_add(c, t, s, k, PII_PERSON, 0.9);
		return;
	}
	case PII_DATE_OF_BIRTH:
		if (pii__date_end(t, s) == e || pii__compact_date_end(t, s) == e)
			pii__cand_add(c, t, s, e, type, 0.97);
		return;
	case PII_ADDRESS:
		/* 第1寮 alone (寮,定員 then 第1寮,20): a dormitory named, not
		 * where in it someone lives; the address rules read a lot
		 * before it (…17番地3 丸浜寮) on their own */
		if (digits && (t->cp[e - 1] == 0x5BEE /* 寮 */ || t->cp[e - 1] == 0x8358 /* 荘 */)) {
			int lot = 0; /* 宝浦町春日野3-8 水産加工寮 is an address */
			for (size_t q = s; q < e && !lot; q++)
				lot = t->cp[q] == '-' || t->cp[q] == ' ' || t->cp[q] == 0x756A /* 番 */ ||
				      t->cp[q] == 0x4E01 /* 丁 */ || t->cp[q] == 0x53F7 /* 号 */;
			if (!lot)
				return;
		}
		if (digits)
			pii__cand_add(c, t, s, e, type, 0.9);
		return;
	case PII_EMAIL:
		return; /* the e-mail detector needs no column */
	case PII_POSTAL_CODE:
		/* 7 digits, 3-4 with a hyphen or not */
		if (digits == 7 && (e - s == 7 || (e - s == 8 && t->cp[s + 3] == '-')))
			pii__cand_add(c, t, s, e, type, 0.95);
		return;
	default:
		/* an insurance cell may name the scheme before its number
		 * (後期 39504461, 国保 1234567): the number alone. A word
		 * and one to four digits (東根 5, 松 22) are the card's
		 * symbol written with a space, an insurer's place and its
		 * office's number, and stay whole (fourteenth round (b)). */
		if (type == PII_JP_HEALTH_INSURANCE) {
			size_t w = s;
			while (w < e && (pii__is_kanji(t->cp[w]) || pii__is_kata(t->cp[w])))
				w++;
			if (w > s && w - s <= 6 && w + 1 < e && t->cp[w] == ' ' &&
			    pii__is_digit(t->cp[w + 1]) && (digits >= 5 || w - s > 4))
				s = w + 1; /* the digits are all after the word */
		}
		/* numbers: digits with separators, an insurance 記号 may start
		 * with kana (みど3) */
		if (!digits || digits > 20 ||
		    (type == PII_CREDIT_CARD && (digits < 13 || digits > 19)))
			return;
		/* a phone has six digits at least (72-5540 without its area
		 * code): 251 under 連絡先 is a count or an extension */
		if (type == PII_PHONE && digits < 6)
			return;
		/* +1-503-288-4170: a number abroad under a phone column */
		if (type == PII_PHONE && t->cp[s] == '+' && digits >= 8 && digits <= 15)
			s++;
		for (size_t k = s; k < e; k++) {
			uint32_t ch = t->cp[k];
			if (!(pii__is_digit(ch) || ch == '-' || ch == ' ' || pii__is_alpha(ch) ||
			      (type == PII_JP_HEALTH_INSURANCE &&
			       (pii__is_hira(ch) || pii__is_kata(ch) || pii__is_kanji(ch)))))
				return;
		}
		if (type == PII_PHONE && s > 0 && t->cp[s - 1] == '+')
			s--;
		pii__cand_add(c, t, s, e, type, 0.97);
		return;
	}
}

/* A cell under the card's 記号: digits as any card cell (read_cell()), or
 * one to four kanji or kana alone (湯国, 沖海: a symbol of letters only,
 * as several held-out batches wrote it, found after their first runs),
 * not a word that says the value is missing. */
static void read_sign_cell(const struct pii__text *t, struct pii__cands *c, size_t s, size_t e)
{
	while (s < e && t->cp[s] == ' ')
		s++;
	while (e > s && t->cp[e - 1] == ' ')
		e--;
	size_t k = s;
	while (k < e && (pii__is_kanji(t->cp[k]) || pii__is_kata(t->cp[k]) || pii__is_hira(t->cp[k])))
		k++;
	if (k == e && e > s && e - s <= 4) {
		if (!pii__is_word(t, s, e, missing))
			pii__cand_add(c, t, s, e, PII_JP_HEALTH_INSURANCE, 0.95);
		return;
	}
	read_cell(t, c, s, e, PII_JP_HEALTH_INSURANCE);
}

/* A cell of the card's parts (金沢 21-550183); spaces and quotes around it
 * are not part of the value. */
static void read_parts_cell(const struct pii__text *t, struct pii__cands *c, size_t s, size_t e)
{
	while (s < e && t->cp[s] == ' ')
		s++;
	while (e > s && t->cp[e - 1] == ' ')
		e--;
	if (e - s >= 2 && t->cp[s] == '"' && t->cp[e - 1] == '"')
		s++, e--;
	if (e > s && e - s <= TABLE_CELL_MAX)
		pii__health_parts(t, c, s, e);
}

/* Splits the line from j into cells; returns the end of the row (a line
 * end, " / " or " | " for comma and tab rows) and sets *col. Cells
 * separated by spaces are runs of spaces apart; when there are more of them
 * than columns, the first name column takes the extra words (0451 木村 拓也
 * S55.10.21 新規 under 受付番号 氏名 生年月日 区分). */
static size_t split_row(const struct pii__text *t, size_t j, enum table_sep sep,
			const int *kind, const enum pii_type *type, size_t ncol,
			size_t *cell_s, size_t *cell_e, size_t *col)
{
	size_t n = 0, s = j;
	if (sep == SEP_SPACE) {
		size_t ws[TABLE_COLS_MAX + 4], we[TABLE_COLS_MAX + 4], nw = 0;
		while (j < t->n && t->cp[j] != '\n') {
			while (j < t->n && t->cp[j] == ' ')
				j++;
			if (j >= t->n || t->cp[j] == '\n')
				break;
			size_t a = j;
			while (j < t->n && t->cp[j] != ' ' && t->cp[j] != '\n')
				j++;
			if (nw < YK_ARRAY_LEN(ws))
				ws[nw] = a, we[nw] = j;
			nw++;
		}
		*col = nw;
		if (nw < ncol || nw > YK_ARRAY_LEN(ws) || nw > ncol + 3)
			return j;
		size_t extra = nw - ncol, name_col = ncol;
		for (size_t k = 0; k < ncol && extra; k++)
			if (kind[k] == COL_TYPE && type[k] == PII_PERSON) {
				name_col = k;
				break;
			}
		if (extra && name_col == ncol)
			return j;
		for (size_t k = 0, w = 0; k < ncol; k++) {
			cell_s[k] = ws[w];
			w += k == name_col ? extra : 0;
			cell_e[k] = we[w];
			w++;
		}
		*col = ncol;
		return j;
	}
	while (j < t->n && t->cp[j] != '\n') {
		if (sep != SEP_BAR && sep != SEP_SLASH &&
		    (pii__match(t, j, " / ") || pii__match(t, j, " | ")))
			break;
		if (is_sep_at(t, j, sep)) {
			if (n < TABLE_COLS_MAX)
				cell_s[n] = s, cell_e[n] = j;
			n++;
			s = j + 1;
		}
		j++;
	}
	if (n < TABLE_COLS_MAX)
		cell_s[n] = s, cell_e[n] = j;
	n++;
	*col = n;
	return j;
}

/* Only Latin letters (a space or a hyphen between words) in [s, e), a
 * space first when lead is set. */
static int latin_word_cell(const struct pii__text *t, size_t s, size_t e, int lead)
{
	if (lead) {
		if (s >= e || t->cp[s] != ' ')
			return 0;
		s++;
	}
	if (s >= e || !pii__is_alpha(t->cp[s]))
		return 0;
	for (size_t q = s; q < e; q++)
		if (!pii__is_alpha(t->cp[q]) && t->cp[q] != ' ' && t->cp[q] != '-')
			return 0;
	return 1;
}

/* A comma row with one cell more than its header, whose name column holds
 * a name written "Surname, Given" (00781204,Cabrera, Jonathan,1983/01/19):
 * the comma and space are the name's, not the row's; joins the two cells
 * and returns ncol, or ncol + 1 when the row is no such row
 * (twenty-eighth round (c)). A cell of letters after a comma with no
 * space is a column of its own. */
static size_t latin_name_joined(const struct pii__text *t, const int *kind,
				const enum pii_type *type, size_t ncol, size_t *cell_s, size_t *cell_e)
{
	for (size_t k = 0; k < ncol; k++) {
		if (kind[k] != COL_TYPE || type[k] != PII_PERSON)
			continue;
		if (!latin_word_cell(t, cell_s[k], cell_e[k], 0) ||
		    !latin_word_cell(t, cell_s[k + 1], cell_e[k + 1], 1))
			return ncol + 1;
		cell_e[k] = cell_e[k + 1];
		for (size_t q = k + 1; q < ncol; q++)
			cell_s[q] = cell_s[q + 1], cell_e[q] = cell_e[q + 1];
		return ncol;
	}
	return ncol + 1;
}

/* The header of another table right under this one's rows (氏名<TAB>生年月日
 * <TAB>手帳等級<TAB>連絡先, two rows, then サービス種別<TAB>事業所数<TAB>定員
 * <TAB>利用者数 and its rows: a pasted document often holds two tables
 * with no blank line between them): a row with no digit in any cell,
 * where every column that holds numbers (a date, a phone, a card's
 * number) holds a word of two letters or more instead, and no word that
 * says the value is missing (不明, なし). Without this, the second table's
 * header was read as a person and its counts as phone numbers. */
static int next_header_row(const struct pii__text *t, const int *kind, const enum pii_type *type,
			   size_t ncol, const size_t *cell_s, const size_t *cell_e)
{
	size_t numeric = 0;
	for (size_t k = 0; k < ncol; k++) {
		size_t letters = 0;
		for (size_t q = cell_s[k]; q < cell_e[k]; q++) {
			if (pii__is_digit(t->cp[q]))
				return 0;
			letters += pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]) ||
				   pii__is_hira(t->cp[q]) || pii__is_alpha(t->cp[q]);
		}
		int number_column = kind[k] == COL_HEALTH_PART || kind[k] == COL_CODE ||
				    kind[k] == COL_PENSION_CODE ||
				    (kind[k] == COL_TYPE && type[k] != PII_PERSON &&
				     type[k] != PII_ADDRESS && type[k] != PII_EMAIL);
		if (!number_column)
			continue;
		size_t s = cell_s[k];
		while (s < cell_e[k] && t->cp[s] == ' ')
			s++;
		if (letters < 2 || pii__match_any(t, s, missing))
			return 0;
		numeric++;
	}
	return numeric > 0;
}

/* A comma row whose last column is an address abroad written with its
 * own commas and spaces (宿泊日,氏名,国籍,旅券番号,住所 then …,312874569,
 * No. 18, Ln. 52, Minsheng Rd., Taichung City; batch 397): every cell past
 * the header's opens with a space, as the items of a Latin address do and
 * no column of a comma row does. The other cells are read as their
 * columns say; the address is the Latin address rules' (not read here). */
static int address_spills(const struct pii__text *t, const int *kind, const enum pii_type *type,
			  size_t ncol, size_t col, const size_t *cell_s)
{
	if (col > TABLE_COLS_MAX || col > ncol + 2 * TABLE_SPILL_MAX ||
	    kind[ncol - 1] != COL_TYPE || type[ncol - 1] != PII_ADDRESS)
		return 0;
	for (size_t k = ncol; k < col; k++)
		if (cell_s[k] >= t->n || t->cp[cell_s[k]] != ' ')
			return 0;
	return 1;
}

/* Reads rows from i; returns where the table ended. */
static size_t read_rows(const struct pii__text *t, struct pii__cands *c,
			struct pii__cands *places, size_t i, const int *kind,
			const enum pii_type *type, size_t ncol, enum table_sep sep)
{
	size_t j = i;
	while (j < t->n) {
		size_t col = 0;
		size_t cell_s[TABLE_COLS_MAX], cell_e[TABLE_COLS_MAX];
		size_t end = split_row(t, j, sep, kind, type, ncol, cell_s, cell_e, &col);
		/* a tab row may spill its last column over more cells (a bank
		 * designation in four tab cells under 振替口座) when that column
		 * is not one the table reads (not comma rows: a sentence after
		 * a table may hold commas) */
		if (col == ncol + 1 && sep == SEP_COMMA && col <= TABLE_COLS_MAX)
			col = latin_name_joined(t, kind, type, ncol, cell_s, cell_e);
		size_t read = ncol;
		if (col > ncol && col <= ncol + TABLE_SPILL_MAX && sep == SEP_TAB &&
		    kind[ncol - 1] == COL_NONE)
			read = ncol - 1;
		else if (col > ncol && sep == SEP_COMMA &&
			 address_spills(t, kind, type, ncol, col, cell_s))
			read = ncol - 1;
		else if (col != ncol)
			return j; /* not a row of this table */
		if (next_header_row(t, kind, type, read, cell_s, cell_e))
			return j; /* another table's header */
		size_t row = j;
		j = end;
		/* a company's row under a name column, or a place's row:
		 * its contacts are the company's or the place's (thirteenth
		 * round (b)) */
		int company = 0;
		for (size_t k = 0; k < read && !company; k++)
			company = kind[k] == COL_TYPE && type[k] == PII_PERSON &&
				  company_cell(t, cell_s[k], cell_e[k]);
		/* a row of a table of public places (thirteenth round (b)) */
		for (size_t k = 0; k < read && !company; k++)
			company = kind[k] == COL_PLACE;
		if (company) {
			drop_in(c, row, end,
				1u << PII_PHONE | 1u << PII_ADDRESS | 1u << PII_POSTAL_CODE |
					1u << PII_EMAIL | 1u << PII_PERSON);
			read = 0;
		}
		for (size_t k = 0; k < read; k++)
			if (kind[k] == COL_TYPE)
				read_cell(t, c, cell_s[k], cell_e[k], type[k]);
			else if (kind[k] == COL_HEALTH_PART)
				read_parts_cell(t, c, cell_s[k], cell_e[k]);
			else if (kind[k] == COL_HEALTH_SIGN)
				read_sign_cell(t, c, cell_s[k], cell_e[k]);
			else if (kind[k] == COL_CODE)
				/* nor pension numbers, written 4-6 as a
				 * library's user numbers are (利用者番号:
				 * 2103-004518; session 18) */
				drop_in(c, cell_s[k], cell_e[k],
					1u << PII_PHONE | 1u << PII_JP_BASIC_PENSION_NUMBER);
			else if (kind[k] == COL_PENSION_CODE)
				drop_in(c, cell_s[k], cell_e[k], 1u << PII_PHONE);
			else if (kind[k] == COL_PARCEL)
				drop_in(c, cell_s[k], cell_e[k], 1u << PII_ADDRESS);
			else if (kind[k] == COL_DISTRICT && places && cell_e[k] > cell_s[k])
				/* the name passes run after the tables: they
				 * are told at the end (pii__places_no_names()) */
				pii__cand_add(places, t, cell_s[k], cell_e[k], PII_ADDRESS, 0);
			else if (kind[k] == COL_SITE)
				/* the site of a unit or an office in a table
				 * naming no person: not a home (the row's
				 * other cells, a chief's name, stay) */
				drop_in(c, cell_s[k], cell_e[k],
					1u << PII_ADDRESS | 1u << PII_POSTAL_CODE);
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

/* A header's cells are column words, never a person's name: a name read
 * in [a, b) by the labelled fields (氏名<TAB>ｶﾅ, a kana value after the
 * label 氏名) is dropped (thirteenth round (b)). The headers' ranges are
 * kept while the tables are read, in the text's order, and the names in
 * them dropped once at the end: one pass over the candidates where a pass
 * a header made a document's cost grow with the square of its length. The
 * same names go: between, the rows only add candidates in their own cells
 * (after their header) and drop some that start in a row or a cell, which
 * no name in a header does. */
struct header_ranges {
	size_t *a, *maxb; /* the ranges' starts; the largest end up to each */
	size_t n, cap;
};

static void header_names_out(struct header_ranges *h, size_t a, size_t b)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->a = yk_xrealloc(h->a, h->cap * sizeof(*h->a));
		h->maxb = yk_xrealloc(h->maxb, h->cap * sizeof(*h->maxb));
	}
	h->a[h->n] = a;
	h->maxb[h->n] = h->n && h->maxb[h->n - 1] > b ? h->maxb[h->n - 1] : b;
	h->n++;
}

/* Drops the names in a range kept (start >= a and end <= b of one). */
static void header_names_drop(struct header_ranges *h, struct pii__cands *c)
{
	size_t k = 0;
	for (size_t j = 0; j < c->n; j++) {
		const struct pii_span *v = &c->v[j];
		/* the ranges that open at or before the name's start */
		size_t lo = v->type == PII_PERSON ? pii__keys_below(h->a, h->n, 1, v->start + 1) : 0;
		if (!(v->type == PII_PERSON && lo > 0 && h->maxb[lo - 1] >= v->end))
			c->v[k++] = *v;
	}
	c->n = k;
	free(h->a);
	free(h->maxb);
}

void pii__detect_tables(const struct pii__text *t, struct pii__cands *c,
			struct pii__cands *places)
{
	int kind[TABLE_COLS_MAX];
	enum pii_type type[TABLE_COLS_MAX];
	struct header_ranges headers = {0};
	/* a header has two cells: a comma, a bar or a space (a tab too, once
	 * folded) between them */
	if (!pii__may_have(t, ' ') && !pii__may_have(t, ',') && !pii__may_have(t, '|') &&
	    !pii__may_have(t, '/'))
		return;
	size_t i = 0;
	while (i < t->n) {
		size_t data = 0, ncol = 0, le = (size_t)-1;
		enum table_sep sep = SEP_COMMA;
		/* a header starts a line and has a separator early on */
		if (i == 0 || t->cp[i - 1] == '\n')
			ncol = header_at(t, i, kind, type, &sep, &data, &le);
		if (ncol) {
			header_names_out(&headers, i, data - 1);
			i = read_rows(t, c, places, data, kind, type, ncol, sep);
			continue;
		}
		/* the next line (header_at() found where this one ends) */
		i = (le != (size_t)-1 ? le : pii__line_end(t, i)) + 1;
	}
	if (headers.n)
		header_names_drop(&headers, c);
}

/* The index of the last range of r (ascending starts, none overlapping)
 * that starts at q or before, or SIZE_MAX. */
static size_t range_at(const struct pii__cands *r, size_t q)
{
	size_t lo = 0, hi = r->n; /* the ranges starting at q or before: [0, lo) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->v[mid].start <= q)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : SIZE_MAX;
}

/* The district cells are added row by row in the text's order, so their
 * starts ascend and none overlaps another: one binary search a name. */
void pii__places_no_names(struct pii__cands *c, const struct pii__cands *places)
{
	if (!places->n)
		return;
	size_t k = 0;
	for (size_t j = 0; j < c->n; j++) {
		size_t p = c->v[j].type == PII_PERSON ? range_at(places, c->v[j].start) : SIZE_MAX;
		if (p == SIZE_MAX || c->v[j].end > places->v[p].end)
			c->v[k++] = c->v[j];
	}
	c->n = k;
}

/* ---- a route's stops ---------------------------------------------------------- */

/* A word of kanji at [s, e) that names a rank or a unit (課長, 担当者,
 * 団員, 総務課): a chain's item that is no place and no name. */
static int rank_word(const struct pii__text *t, size_t e)
{
	uint32_t c = t->cp[e - 1];
	return c == 0x9577 /* 長 */ || c == 0x8005 /* 者 */ || c == 0x54E1 /* 員 */ ||
	       c == 0x8AB2 /* 課 */ || c == 0x4FC2 /* 係 */ || c == 0x5F53 /* 当 */;
}

static int is_arrow(uint32_t c) { return c == 0x2192 /* → */ || c == 0x21D2 /* ⇒ */; }

static int is_enum_mark(uint32_t c) { return c == 0x3001 /* 、 */ || c == 0x30FB /* ・ */; }

static int name_kanji(uint32_t c)
{
	return pii__is_kanji(c) || c == 0x3005 /* 々 */ || c == 0x30F6 /* ヶ */ || c == 0x30B1;
}

/* The separators of a chain's items (→ ⇒ 、 ・) and the low bytes of their
 * code points, for pii__skip_low(). */
static int chain_mark(uint32_t c) { return is_arrow(c) || is_enum_mark(c); }

static const uint8_t chain_mark_low[256] = {
	[0x2192 & 0xFF] = 1, [0x21D2 & 0xFF] = 1, [0x3001 & 0xFF] = 1, [0x30FB & 0xFF] = 1};

/* The start of the word of kanji (1-5) ending at e, or e. */
static size_t chain_word_start(const struct pii__text *t, size_t e)
{
	size_t a = e;
	while (a > 0 && name_kanji(t->cp[a - 1]) && e - a < 6)
		a--;
	return e - a > 5 ? e : a;
}

/* Is a PERSON candidate overlapping [a, b)? The persons whose start is
 * before b, less those that end at a or before (all of which start before
 * b), from the index's ascending starts and ends. */
static int person_overlaps(const struct pii__persons *px, size_t a, size_t b)
{
	return pii__keys_below(px->starts, px->n, 1, b) > pii__keys_below(px->ends, px->n, 1, a + 1);
}

/* 1日目：池間 → 狩俣 → 島尻 (batches 714-729): three words of kanji or more
 * joined by arrows, each alone between them, are a route's stops when two of
 * them at least are neither a name found nor a rank (課長 → 係長 → 担当):
 * the names among them are places that are also surnames. A chain of
 * persons (回覧 堀→中世古→森, 山中→大川→班長) has one such word at most.
 * The walk visits the separators only; a chain is read from its first. */
void pii__route_places(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have(t, 0x2192) && !pii__may_have(t, 0x21D2) && !pii__may_have(t, 0x3001) &&
	    !pii__may_have(t, 0x30FB))
		return;
	enum { ITEMS_MAX = 12 };
	size_t is[ITEMS_MAX], ie[ITEMS_MAX];
	/* the persons indexed once, at the first chain of three; the stops
	 * found (ascending, none overlapping: the walk goes on after each
	 * chain), dropped in one pass at the end */
	struct pii__persons px = {0};
	int indexed = 0;
	struct pii__cands stops = {0};
	size_t read_to = 0; /* the end of the last chain read */
	for (size_t m = pii__skip_low(t, 0, chain_mark_low, chain_mark); m < t->n;
	     m = pii__skip_low(t, m + 1, chain_mark_low, chain_mark)) {
		if (!chain_mark(t->cp[m]))
			continue;
		/* the first item: a word of kanji alone before the separator */
		size_t e0 = m;
		while (e0 > 0 && t->cp[e0 - 1] == ' ')
			e0--;
		size_t i = chain_word_start(t, e0);
		if (i == e0 || i < read_to || (i > 0 && name_kanji(t->cp[i - 1])))
			continue;
		size_t n = 0, q = i;
		uint32_t sep = 0;
		for (;;) {
			size_t e = q;
			while (e < t->n && name_kanji(t->cp[e]) && e - q < 6)
				e++;
			if (e - q > 5 || (e < t->n && name_kanji(t->cp[e])))
				break;
			is[n] = q, ie[n] = e, n++;
			size_t a = e;
			while (a < t->n && t->cp[a] == ' ')
				a++;
			if (n == ITEMS_MAX || a >= t->n ||
			    !(n == 1 ? chain_mark(t->cp[a]) : t->cp[a] == sep))
				break;
			sep = t->cp[a];
			a++;
			while (a < t->n && t->cp[a] == ' ')
				a++;
			if (a >= t->n || !name_kanji(t->cp[a]))
				break;
			q = a;
		}
		if (n >= 3) {
			if (!indexed) {
				pii__persons_index(&px, c);
				indexed = 1;
			}
			size_t free_words = 0;
			for (size_t k = 0; k < n; k++)
				free_words += !person_overlaps(&px, is[k], ie[k]) && !rank_word(t, ie[k]);
			/* an enumeration (宇佐美、湯川、松原、川奈、富戸の区域;
			 * 入野・佐賀・上川口・出口・田野浦 ほか) of four words at
			 * least, every one but one of them free: a list of
			 * persons is found whole or not at all. The last stop
			 * may take a closing word with it (田野浦 ほか). */
			if (is_arrow(sep) ? free_words >= 2 : n >= 4 && free_words + 1 >= n)
				for (size_t k = 0; k < n; k++) {
					/* the last: up to 3 past its word, marked
					 * by its confidence */
					size_t e = k + 1 == n ? (ie[k] + 3 < t->n ? ie[k] + 3 : t->n) : ie[k];
					pii__cand_add(&stops, t, is[k], e, PII_PERSON, k + 1 == n ? 1 : 0);
				}
		}
		/* the chain's separators are read: on after its last item */
		if (n >= 2) {
			read_to = ie[n - 1];
			if (ie[n - 1] > m)
				m = ie[n - 1] - 1;
		}
	}
	if (stops.n) {
		size_t w = 0;
		for (size_t j = 0; j < c->n; j++) {
			const struct pii_span *v = &c->v[j];
			size_t k = v->type == PII_PERSON ? range_at(&stops, v->start) : SIZE_MAX;
			int stop = k != SIZE_MAX && stops.v[k].start == v->start &&
				   (stops.v[k].confidence > 0 ? v->end <= stops.v[k].end
							      : v->end == stops.v[k].end);
			if (!stop)
				c->v[w++] = c->v[j];
		}
		c->n = w;
	}
	free(stops.v);
	pii__persons_release(&px);
}

/* Facilities a list of places points to, ending the first item of a
 * line's value. */
static const char *const facility_words[] = {"公園", "グラウンド", "広場", "ヘリポート", "体育館",
					     "運動場", "屋上", "駐車場", "校庭", "小学校", "中学校",
					     "高校", "公民館", "集会所", "避難所", "会館", NULL};

/* Line l's head: a word of 1-5 kanji opening the line before a colon,
 * the value's first item (to 、, a bracket or the line's end) ending in a
 * facility (岐宿：岐宿運動公園, 福江：中央公園多目的広場、五島中央病院屋上).
 * Returns the head's end (the colon), or 0. */
static size_t facility_line_head(const struct pii__text *t, size_t l)
{
	size_t e = l;
	while (e < t->n && name_kanji(t->cp[e]) && e - l < 6)
		e++;
	if (e == l || e - l > 5 || e >= t->n || t->cp[e] != ':')
		return 0;
	size_t v = e + 1;
	while (v < t->n && !pii__is_boundary(t->cp[v]) && t->cp[v] != 0x3001 /* 、 */ &&
	       t->cp[v] != '(' && v - e < 30)
		v++;
	return v > e + 2 && pii__ends_with(t, e + 1, v, facility_words) ? e : 0;
}

/* A list of three lines or more, each a place's word, a colon and the
 * facility there (ランデブーポイント一覧⏎福江：中央公園多目的広場⏎富江：
 * 富江運動公園⏎…; batches 806-821): the heads are places, not chat
 * speakers, though many are surnames too. The names found exactly on the
 * heads of such lines are dropped. */
void pii__facility_list_places(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have(t, ':') || !pii__may_have(t, '\n'))
		return;
	enum { HEADS_MAX = 64 };
	size_t hs[HEADS_MAX], he[HEADS_MAX], nh = 0, run = 0, run_from = 0;
	for (size_t l = 0; l < t->n;) {
		size_t e = facility_line_head(t, l);
		if (e) {
			if (run == 0)
				run_from = nh;
			run++;
			if (nh < HEADS_MAX)
				hs[nh] = l, he[nh] = e, nh++;
		} else if (run < 3) {
			nh = run ? run_from : nh; /* a run too short: forget it */
			run = 0;
		} else {
			run = 0;
		}
		l = pii__line_end(t, l) + 1;
	}
	if (run > 0 && run < 3)
		nh = run_from;
	if (!nh)
		return;
	size_t w = 0;
	for (size_t j = 0; j < c->n; j++) {
		const struct pii_span *v = &c->v[j];
		int head = 0;
		for (size_t k = 0; k < nh && !head; k++)
			head = v->type == PII_PERSON && v->start == hs[k] && v->end == he[k];
		if (!head)
			c->v[w++] = c->v[j];
	}
	c->n = w;
}

/* A postal code written as a cell of seven digits (or 3-4 with a hyphen)
 * right before an address cell of the same row (…,山本 恭平,2310023,神奈川県
 * 横浜市…; batches 194-201): the address says what the number is. Run
 * after the addresses are found. */
/* A postal code [b, e) unless a candidate overlaps it. */
static void postal_add(struct pii__cands *c, const struct pii__text *t,
		       struct pii__overlaps *taken, size_t b, size_t e)
{
	if (!pii__overlaps_any(taken, b, e))
		pii__cand_add(c, t, b, e, PII_POSTAL_CODE, 0.85);
}

void pii__postal_cells(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	/* every candidate, those added here too (a document's thousands of
	 * rows ask once each, not a walk of the list each) */
	struct pii__overlaps taken;
	pii__overlaps_init(&taken, c, SIZE_MAX, -1.0);
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *a = &c->v[k];
		size_t s = a->start;
		if (a->type != PII_ADDRESS || s < 9 ||
		    !(t->cp[s - 1] == ',' || pii__raw_tab(t, s - 1)))
			continue;
		size_t e = s - 1, b = e;
		while (b > 0 && (pii__is_digit(t->cp[b - 1]) || t->cp[b - 1] == '-') && e - b < 9)
			b--;
		size_t len = e - b;
		int plain = len == 7 && pii__all_digits(t, b, e);
		int hyph = len == 8 && t->cp[b + 3] == '-' && pii__all_digits(t, b, b + 3) &&
			   pii__all_digits(t, b + 4, e);
		/* the row's first cell too (506-0004,高山市桐生町…; session 18) */
		if (!(plain || hyph) ||
		    !(b == 0 || t->cp[b - 1] == '\n' || t->cp[b - 1] == ',' || pii__raw_tab(t, b - 1)))
			continue;
		postal_add(c, t, &taken, b, e);
	}
	/* a postal code written 3-4 right after an address and a comma
	 * (…串本町串本1804-2、649-3503です; session 18) */
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *a = &c->v[k];
		size_t b = a->end + 1, e = b + 8;
		if (a->type != PII_ADDRESS || e > t->n ||
		    !(t->cp[a->end] == 0x3001 /* 、 */ || t->cp[a->end] == ','))
			continue;
		if (t->cp[b + 3] != '-' || !pii__all_digits(t, b, b + 3) ||
		    !pii__all_digits(t, b + 4, e) ||
		    (e < t->n && (pii__is_digit(t->cp[e]) || t->cp[e] == '-')))
			continue;
		postal_add(c, t, &taken, b, e);
	}
	pii__overlaps_release(&taken);
}
