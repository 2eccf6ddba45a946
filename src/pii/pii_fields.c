/* pii/fields: labelled fields of forms, where the label says what the value
 * is and the value alone would not.
 *
 * - The 記号 / 番号 / 枝番 of a health-insurance card (記号 みど12、番号
 *   304817、枝番 03; 記号・番号・枝番：みど8-20471-01 is one value) and the
 *   記号 / 番号 of a ゆうちょ account (記号 13140 番号 28817461). Which one
 *   it is comes from the words before: 保険証, 国保, 被保険者... or ゆうちょ,
 *   or, for a 記号 and 番号 pair with neither named, from the shape of the
 *   values (eighth round); the card's symbol and number written in English.
 * - Kana names after a name label (名義 ﾐﾔｼﾀ ｶｵﾘ, フリガナ：ヤマモト ダイチ,
 *   ふりがな わたなべ すみえ), full- or half-width: MeCab cannot read them,
 *   the label can.
 */
#include "pii_int.h"
#include "core/banned.h"

static const char *const health_words[] = {
	"被保険者証", "保険証", "国保", "国民健康保険", "健康保険", "被保険者", "後期高齢",
	"資格確認書",
	/* insurers named before the card's 記号 (seventh round): 協会けんぽ,
	 * a 健保組合, a 共済組合 */
	"けんぽ", "健保", "共済組合", "医療保険", NULL,
};
static const char *const yucho_words[] = {"ゆうちょ", "ユウチョ", "ﾕｳﾁｮ", "郵便貯金", NULL};
static const char *const branch_words[] = {"枝番", NULL};
#define FIELD_CONTEXT 80 /* code points searched back for the card's kind */

/* Texts shorter than this test every code point for a rule's cues: the
 * searches of a walk (pii__walk_from()) cost more there than the tests
 * they save (tenth speed round). */
#define MARKS_MIN 128

static int is_field_sep(uint32_t c)
{
	return c == ' ' || c == ':' || c == 0x3001 /* 、 */ || c == ',' || c == '(' ||
	       c == 0xFF08 /* （ */ || c == 0x300C /* 「 */ ||
	       c == 0x306F /* は: 記号は「12」, not a kana prefix of the value */ ||
	       c == 0x304C /* が: 記号が若松12、番号が3084 (batches 822-835) */;
}

static size_t skip_seps(const struct pii__text *t, size_t i, size_t max)
{
	size_t j = i;
	while (j < t->n && j - i < max && is_field_sep(t->cp[j]))
		j++;
	return j;
}

/* One value token: up to 3 kana or kanji, then 1-10 digits. Returns its end
 * or 0. */
static size_t token_at(const struct pii__text *t, size_t i)
{
	size_t j = i;
	while (j < t->n && j - i < 3 &&
	       (pii__is_hira(t->cp[j]) || pii__is_kata(t->cp[j]) || pii__is_kanji(t->cp[j])))
		j++;
	/* 記号 中 41, 記号 みど 12: one space between a prefix (kanji, or two
	 * kana at least) and its digits */
	if (j > i && j + 1 < t->n && t->cp[j] == ' ' && pii__is_digit(t->cp[j + 1]) &&
	    (pii__is_kanji(t->cp[j - 1]) || j - i >= 2))
		j++;
	/* 記号 北九-21: a hyphen between the letters and the digits */
	if (j > i && j + 1 < t->n && t->cp[j] == '-' && pii__is_digit(t->cp[j + 1]))
		j++;
	size_t d = j;
	while (j < t->n && pii__is_digit(t->cp[j]) && j - d < 10)
		j++;
	if (j == d || (j < t->n && (pii__is_alnum(t->cp[j]))))
		return 0;
	return j;
}

/* A compound value: tokens joined by ・ or '-' (at most parts). */
static size_t compound_at(const struct pii__text *t, size_t i, int parts)
{
	size_t e = token_at(t, i);
	for (int k = 1; e && k < parts; k++) {
		if (e + 1 >= t->n || (t->cp[e] != 0x30FB && t->cp[e] != '-'))
			break;
		size_t e2 = token_at(t, e + 1);
		if (!e2)
			break;
		e = e2;
	}
	return e;
}

/* Reads "LABEL sep VALUE" at i; returns the value's end and its start. */
static size_t field(const struct pii__text *t, size_t i, const char *label, int parts,
		    size_t *vs)
{
	size_t m = pii__match(t, i, label);
	if (!m)
		return 0;
	size_t j = i + m;
	/* 記号・番号・枝番, 記号番号, 記号-番号: one compound value */
	static const struct {
		const char *w;
		int parts;
	} more[] = {{"・番号・枝番", 3}, {"番号・枝番", 3}, {"・番号", 3}, {"番号", 3}, {"-番号", 2}};
	if (parts == 1)
		for (size_t k = 0; k < YK_ARRAY_LEN(more); k++) {
			size_t mm = pii__match(t, j, more[k].w);
			if (mm) {
				j += mm;
				parts = more[k].parts;
				break;
			}
		}
	size_t v = skip_seps(t, j, 3);
	/* a card pasted one value a line (記号⏎菊01⏎番号⏎0042187⏎枝番⏎00):
	 * the label alone on its line, its value alone on the next; the
	 * card's name before the label too (健康保険証の記号・番号⏎流41・
	 * 108225; blind batches 1248-1263) */
	int own_line = 0;
	if (v == j && j < t->n && t->cp[j] == '\n' &&
	    (i == 0 || t->cp[i - 1] == '\n' || t->cp[i - 1] == 0x306E /* の */)) {
		own_line = 1;
		v = j + 1;
	} else if (v == j && (!token_at(t, j) || pii__is_particle(t->cp[j]))) {
		/* glued values: 番号3344, 記号みど12 (not 記号番号, read above);
		 * a particle glued to the label is the sentence going on
		 * (記号・番号・枝番の3点を確認; twenty-sixth round (d)) */
		return 0;
	}
	size_t e = compound_at(t, v, parts);
	if (!e || (own_line && e < t->n && t->cp[e] != '\n'))
		return 0;
	*vs = v;
	return e;
}

/* The card named earlier in the same block of text, sentences or lines
 * before (国保の保険証をなくしました。吉村です。記号は…; a header 保険証記号・番号
 * above the rows), FIELD_CONTEXT code points back, not across a blank line. */
static int health_in_block(const struct pii__text *t, size_t i)
{
	for (size_t k = i; k > 0 && i - k < FIELD_CONTEXT; k--) {
		if (t->cp[k - 1] == '\n' && k >= 2 && t->cp[k - 2] == '\n')
			return 0;
		if (pii__match_any(t, k - 1, health_words))
			return 1;
	}
	return 0;
}

/* A 記号 of letters only (記号 京中あ　番号 210874): 1-4 kanji or kana after
 * the label and its separators, then a space or a separator and 番号. The
 * value's end, its start in *vs; or 0. */
static size_t kana_symbol(const struct pii__text *t, size_t i, size_t *vs)
{
	size_t v = skip_seps(t, i, 3), j = v;
	while (j < t->n && j - v < 5 &&
	       (pii__is_hira(t->cp[j]) || pii__is_kata(t->cp[j]) || pii__is_kanji(t->cp[j])))
		j++;
	if (j == v || j - v > 4 || j >= t->n || !is_field_sep(t->cp[j]))
		return 0;
	if (!pii__match(t, skip_seps(t, j, 3), "番号"))
		return 0;
	*vs = v;
	return j;
}

/* A symbol of letters only and the number under one compound label
 * (記号・番号：美沢・11845, 記号番号 京中-210874): after 記号 at i and
 * ・番号, 番号 or /番号 and the separators, 1-4 kanji or kana, then ・, a
 * hyphen or a space, then five to ten digits ending the value. Two values,
 * as the card's fields are when labelled one by one: the symbol's end in
 * *se, the number's start in *ns; the number's end, or 0 (a label written
 * with slashes may part its values with them too). A label that
 * names the 枝番 too (記号・番号・枝番：千下総・201873・01) has it after
 * the number and the same separator, one to three digits: its bounds in
 * *bs, *be (both 0 when there is none). */
static size_t letters_symbol_pair(const struct pii__text *t, size_t i, size_t *vs, size_t *se,
				  size_t *ns, size_t *bs, size_t *be)
{
	static const char *const joined[] = {"・番号・枝番", "/番号/枝番", "・番号", "/番号", "番号",
					     NULL};
	size_t m = pii__match_any(t, i + 2, joined);
	*bs = *be = 0;
	if (!m)
		return 0;
	int branch = m == 6;
	size_t v = skip_seps(t, i + 2 + m, 3), j = v;
	if (v == i + 2 + m)
		return 0; /* no separator: 記号・番号の確認 goes on as a sentence */
	while (j < t->n && j - v < 5 &&
	       (pii__is_hira(t->cp[j]) || pii__is_kata(t->cp[j]) || pii__is_kanji(t->cp[j])))
		j++;
	if (j == v || j - v > 4 || j + 1 >= t->n ||
	    !(t->cp[j] == 0x30FB /* ・ */ || t->cp[j] == '-' || t->cp[j] == ' ' ||
	      (t->cp[j] == '/' && t->cp[i + 2] == '/')))
		return 0;
	size_t d = j + 1, e = d;
	while (e < t->n && pii__is_digit(t->cp[e]) && e - d <= 10)
		e++;
	if (branch && e + 1 < t->n && t->cp[e] == t->cp[j]) {
		size_t b = e + 1, f = b;
		while (f < t->n && pii__is_digit(t->cp[f]) && f - b < 4)
			f++;
		if (f > b && f - b <= 3 && (f >= t->n || !pii__is_alnum(t->cp[f]))) {
			*bs = b;
			*be = f;
		}
	}
	if (e - d < 5 || e - d > 10 ||
	    (e < t->n && (pii__is_alnum(t->cp[e]) || (t->cp[e] == '-' && !*be))))
		return 0;
	*vs = v;
	*se = j;
	*ns = d;
	return e;
}

/* A 枝番 is digits only: one to three kanji written before its two
 * digits name the member it is (枝番 本人01・長男02; batches 402-405),
 * and are left out of the value. The value [vs, e): its digits' start. */
static size_t branch_member_skip(const struct pii__text *t, size_t vs, size_t e)
{
	size_t d = vs;
	while (d < e && d - vs < 3 && pii__is_kanji(t->cp[d]))
		d++;
	return d > vs && e - d == 2 && pii__all_digits(t, d, e) ? d : vs;
}

/* The next of a list of 枝番 after the one ending at e: a note in
 * brackets of a few code points and no digit (the member: （妻）) may
 * follow it, then ・ 、 , or / and two digits that end the value, the
 * member's word glued before them or not (・長男02). Their start, or 0. */
static size_t next_branch(const struct pii__text *t, size_t e)
{
	if (e < t->n && t->cp[e] == '(') {
		size_t q = e + 1;
		while (q < t->n && q - e <= 8 && t->cp[q] != ')' && !pii__is_digit(t->cp[q]) &&
		       !pii__is_boundary(t->cp[q]))
			q++;
		if (q >= t->n || t->cp[q] != ')' || q == e + 1)
			return 0;
		e = q + 1;
	}
	if (e + 2 >= t->n || !(t->cp[e] == 0x30FB /* ・ */ || t->cp[e] == 0x3001 /* 、 */ ||
			       t->cp[e] == ',' || t->cp[e] == '/'))
		return 0;
	size_t d = e + 1;
	while (d < t->n && d - e <= 3 && pii__is_kanji(t->cp[d]))
		d++;
	if (d + 1 < t->n && pii__is_digit(t->cp[d]) && pii__is_digit(t->cp[d + 1]) &&
	    (d + 2 >= t->n || !pii__is_alnum(t->cp[d + 2])))
		return d;
	return 0;
}

/* A card's value found shortly before i (記号：石汐 番号：20417\n対象者：
 * 浜田 剛（枝番 01）、浜田 里美（妻、枝番 02…）: the 枝番 after it are the
 * same card's, however far the card's name is above (twenty-seventh
 * round). This pass reads the text from left to right and appends what it
 * finds, so the card's values are among the last few candidates: only
 * those are asked (a long document's candidates are not walked at every
 * 枝番). */
#define FIELD_RECENT 8
static int card_value_before(const struct pii__cands *c, size_t i)
{
	for (size_t k = c->n; k > 0 && c->n - k < FIELD_RECENT; k--)
		if (c->v[k - 1].type == PII_JP_HEALTH_INSURANCE && c->v[k - 1].end <= i &&
		    i - c->v[k - 1].end < FIELD_CONTEXT)
			return 1;
	return 0;
}

/* A 枝番 standing alone at i (被保険者：江口 由香（枝番 02）) where an
 * insurance card is named in the block: its 1-3 digits. Returns the end. */
static size_t lone_branch_number(const struct pii__text *t, struct pii__cands *c, size_t i)
{
	size_t v = skip_seps(t, i + 2, 3), e = v;
	while (e < t->n && pii__is_digit(t->cp[e]) && e - v < 4)
		e++;
	if (e == v || e - v > 3 || (e < t->n && pii__is_alnum(t->cp[e])) ||
	    !(health_in_block(t, i) || card_value_before(c, i)))
		return i + 1;
	int dup = 0;
	for (size_t k = 0; k < c->n && !dup; k++)
		dup = c->v[k].start < e && v < c->v[k].end;
	if (!dup)
		pii__cand_add(c, t, v, e, PII_JP_HEALTH_INSURANCE, 0.9);
	/* 枝番 00/01/02: the branch numbers of the household's members
	 * listed with slashes, each its own value (nineteenth round) */
	while (!dup && e + 2 < t->n && t->cp[e] == '/' && e - v == 2 && pii__is_digit(t->cp[e + 1]) &&
	       pii__is_digit(t->cp[e + 2]) && (e + 3 >= t->n || !pii__is_alnum(t->cp[e + 3]))) {
		pii__cand_add(c, t, e + 1, e + 3, PII_JP_HEALTH_INSURANCE, 0.9);
		v = e + 1;
		e += 3;
	}
	return e;
}

/* 番号 right after the name of a public insurance and a space (国保 番号
 * 31762 枝番 01, 介護保険 番号 0001234567; nineteenth round): the card's
 * number, its 記号 left out. The 番号 at i; the value's end, or 0. Not a
 * compound (保険者番号 names the insurer, 世帯番号 the household). */
static const char *const public_insurance_words[] = {"国保", "国民健康保険", "後期高齢",
						     "介護保険", NULL};

/* The digits of the 番号 field at i (four or more) as a card's number,
 * unless another candidate holds them (one a phone's gives way when
 * phones_yield). The value's end, or 0. */
static size_t card_number_field(const struct pii__text *t, struct pii__cands *c, size_t i,
				int phones_yield)
{
	size_t vs, e = field(t, i, "番号", 1, &vs);
	if (!e || e - vs < 4 || !pii__all_digits(t, vs, e))
		return 0;
	for (size_t q = 0; q < c->n; q++)
		if (c->v[q].start < e && vs < c->v[q].end &&
		    !(phones_yield && c->v[q].type == PII_PHONE))
			return 0;
	pii__cand_add(c, t, vs, e, PII_JP_HEALTH_INSURANCE, 0.9);
	return e;
}

static size_t number_after_insurance(const struct pii__text *t, struct pii__cands *c, size_t i)
{
	size_t k = i;
	while (k > 0 && i - k < 2 && t->cp[k - 1] == ' ')
		k--;
	if (k == i || k < 2)
		return 0;
	int named = 0;
	for (size_t w = 0; public_insurance_words[w] && !named; w++) {
		size_t l = pii__kw_len(public_insurance_words[w]);
		named = k >= l && pii__match(t, k - l, public_insurance_words[w]) == l;
	}
	if (!named)
		return 0;
	return card_number_field(t, c, i, 0);
}

/* 番号 opening the line under a card's title (介護保険被保険者証（写し）⏎番号
 * 0000413928; twentieth round (b)): the card's number, 4-10 digits. The
 * title is the line right above, naming the card (被保険者証, 保険証,
 * 資格確認書); a 番号 under another title (受付票⏎番号 12) is not read. */
static const char *const card_titles[] = {"被保険者証", "保険証", "資格確認書", NULL};

static size_t number_under_card_title(const struct pii__text *t, struct pii__cands *c, size_t i)
{
	if (i < 2 || t->cp[i - 1] != '\n')
		return 0;
	size_t ls = i - 1;
	while (ls > 0 && t->cp[ls - 1] != '\n' && i - ls < 40)
		ls--;
	if (ls > 0 && t->cp[ls - 1] != '\n')
		return 0;
	int named = 0;
	for (size_t k = ls; k + 2 < i && !named; k++)
		named = pii__match_any(t, k, card_titles) != 0;
	return named ? card_number_field(t, c, i, 1) : 0;
}

/* A word ending in 保険 right before the 記号 at i (保険 記号 41020007,
 * 医療保険：記号…), spaces or a colon between: the card is named. */
static int insurance_right_before(const struct pii__text *t, size_t i)
{
	size_t k = i;
	while (k > 0 && i - k < 3 && (t->cp[k - 1] == ' ' || t->cp[k - 1] == ':'))
		k--;
	return k >= 2 && t->cp[k - 2] == 0x4FDD /* 保 */ && t->cp[k - 1] == 0x967A /* 険 */;
}

/* The next field's label after a value ending at e: separators, and one
 * line end for a form with one field per line (記号：浜中04\n番号：1187523). */
static size_t next_label(const struct pii__text *t, size_t e)
{
	size_t j = skip_seps(t, e, 3);
	/* 記号 5500 ・番号 123: a middle dot between the fields */
	if (j < t->n && t->cp[j] == 0x30FB /* ・ */)
		j = skip_seps(t, j + 1, 2);
	if (j == e && j < t->n && t->cp[j] == '\n')
		j = skip_seps(t, j + 1, 3);
	return j;
}

/* A card's symbol parted from its number by ・ under the compound label
 * 記号・番号 (blind batches 1184-1199): one to four digits (12・30058),
 * one to three kanji or kana glued to one to four digits (白15・20611), or
 * digits with one hyphen inside, eight code points at most (54-031・7728). */
static int card_symbol(const struct pii__text *t, size_t a, size_t b)
{
	if (b <= a || b - a > 8 || !pii__is_digit(t->cp[b - 1]))
		return 0;
	size_t k = a;
	while (k < b && k - a < 3 && (pii__is_kanji(t->cp[k]) || pii__is_hira(t->cp[k]) ||
				      pii__is_kata(t->cp[k])))
		k++;
	size_t d = k, hyphens = 0;
	for (; k < b; k++) {
		if (t->cp[k] == '-' && k > d && k + 1 < b && !hyphens)
			hyphens++;
		else if (!pii__is_digit(t->cp[k]))
			return 0;
	}
	if (d > a) /* letters: their digits glued, no hyphen */
		return !hyphens && b - d <= 4;
	return hyphens ? 1 : b - a <= 4;
}

/* 記号 and 番号 written as a pair with no card named (記号 12 番号 3456):
 * a card's two fields; the kind from the values. A ゆうちょ passbook's
 * 記号 is 5 digits opening with 1 and its 番号 6-8 digits ending with 1
 * (記号 13120 番号 28841571); anything else is an insurance card's. Not a
 * compound's 記号 (文書記号, 整理記号). Returns the type, or PII_TYPE_COUNT. */
static enum pii_type pair_kind(const struct pii__text *t, size_t i, const char *sign)
{
	size_t vs, ns;
	/* the label stands alone (a line start, a space, a bracket, a colon):
	 * a compound names something else's 記号 (文書記号, 予算科目記号,
	 * 整理記号, 品目記号) */
	if (i > 0 && (pii__is_kanji(t->cp[i - 1]) || pii__is_kata(t->cp[i - 1]) ||
		      pii__is_hira(t->cp[i - 1]) || pii__is_alnum(t->cp[i - 1])))
		return PII_TYPE_COUNT;
	size_t e = field(t, i, sign, 1, &vs);
	/* 記号 霧里　番号 4412: a symbol of letters only (kana_symbol())
	 * before its 番号 is an insurance card's; a ゆうちょ passbook's
	 * 記号 is always digits (batch 395) */
	int letters = 0;
	if (!e && (e = kana_symbol(t, i + 2, &vs)) != 0)
		letters = 1;
	if (!e || e - vs < 2)
		return PII_TYPE_COUNT;
	/* 記号・番号 白15・20611: a symbol with letters parted by ・ from a
	 * number of five digits or more under the compound label is an
	 * insurance card's (a passbook's 記号 is digits alone) */
	if (!letters && t->cp[i + 2] == 0x30FB /* ・ */) {
		size_t dot = pii__find_cp_in(t, vs, e, 0x30FB /* ・ */);
		if (dot < e && !pii__is_digit(t->cp[vs]) && card_symbol(t, vs, dot) &&
		    e >= dot + 6 && pii__all_digits(t, dot + 1, e))
			return PII_JP_HEALTH_INSURANCE;
		/* or digits both (記号・番号 3104・2287; session 25's read
		 * files), a symbol of one to eight and a number of three to
		 * eight, not a passbook's shape (5 digits opening with 1, a
		 * number of 6-8 ending with 1) */
		if (dot < e && dot > vs && dot - vs <= 8 && e >= dot + 4 && e - dot - 1 <= 8 &&
		    pii__all_digits(t, vs, dot) && pii__all_digits(t, dot + 1, e) &&
		    !(dot - vs == 5 && t->cp[vs] == '1' && e - dot - 1 >= 6 && t->cp[e - 1] == '1'))
			return PII_JP_HEALTH_INSURANCE;
	}
	size_t j = next_label(t, e);
	size_t e2 = field(t, j, "番号", 1, &ns);
	if (!e2 || e2 - ns < 2)
		return PII_TYPE_COUNT;
	for (size_t k = ns; k < e2; k++)
		if (!pii__is_digit(t->cp[k]))
			return PII_TYPE_COUNT;
	if (letters)
		return PII_JP_HEALTH_INSURANCE;
	int digits = 1;
	for (size_t k = vs; k < e; k++)
		digits &= pii__is_digit(t->cp[k]);
	if (digits && e - vs == 5 && t->cp[vs] == '1' && e2 - ns >= 6 && e2 - ns <= 8 &&
	    t->cp[e2 - 1] == '1')
		return PII_JP_BANK_ACCOUNT;
	return PII_JP_HEALTH_INSURANCE;
}

/* Is there a space in [a, b)? */
static int memchr_space_in(const struct pii__text *t, size_t a, size_t b)
{
	for (size_t q = a; q < b; q++)
		if (t->cp[q] == ' ')
			return 1;
	return 0;
}

/* The card fields at i, which holds one of detect_card_numbers()'s
 * opening code points or not: where its loop goes on (the position before
 * its next step). */
static size_t card_fields_at(const struct pii__text *t, struct pii__cands *c, size_t i)
{
	if (t->cp[i] == 0x679D /* 枝 */ && t->cp[i + 1] == 0x756A /* 番 */)
		return lone_branch_number(t, c, i) - 1;
	if (t->cp[i] == 0x756A /* 番 */ && t->cp[i + 1] == 0x53F7 /* 号 */ && i > 0 &&
	    (t->cp[i - 1] == ' ' || t->cp[i - 1] == '\n')) {
		size_t e = t->cp[i - 1] == ' ' ? number_after_insurance(t, c, i)
					       : number_under_card_title(t, c, i);
		return e ? e - 1 : i;
	}
	/* 记号: a card's symbol as Chinese writes it (fourteenth round (b)) */
	if ((t->cp[i] != 0x8A18 /* 記 */ && t->cp[i] != 0x8BB0 /* 记 */) ||
	    t->cp[i + 1] != 0x53F7 /* 号 */)
		return i;
	const char *sign = t->cp[i] == 0x8A18 ? "記号" : "记号";
	enum pii_type type;
	/* the card may be named in the sentence before (保険証を提示。記号
	 * 1201…), not across a line end */
	size_t prev = i;
	while (prev > 0 && i - prev < FIELD_CONTEXT && !pii__is_boundary(t->cp[prev - 1]))
		prev--;
	int before = prev > 0 && t->cp[prev - 1] == 0x3002 /* 。 */ && i - prev < FIELD_CONTEXT;
	/* 通帳記号: a passbook's 記号 is ゆうちょ's (banks' have none) */
	if (pii__find_before(t, i, FIELD_CONTEXT, yucho_words, NULL) >= 0 ||
	    (i >= 2 && t->cp[i - 2] == 0x901A /* 通 */ && t->cp[i - 1] == 0x5E33 /* 帳 */))
		type = PII_JP_BANK_ACCOUNT;
	else if (pii__find_before(t, i, FIELD_CONTEXT, health_words, NULL) >= 0 ||
		 pii__find_after(t, i, 28, branch_words) ||
		 (before && pii__find_before(t, prev - 1, FIELD_CONTEXT - (i - prev),
					     health_words, NULL) >= 0) ||
		 health_in_block(t, i) || insurance_right_before(t, i))
		type = PII_JP_HEALTH_INSURANCE; /* only insurance cards have 枝番 */
	else if ((type = pair_kind(t, i, sign)) == PII_TYPE_COUNT)
		return i;
	size_t vs, e = field(t, i, sign, 1, &vs);
	if (!e && type == PII_JP_HEALTH_INSURANCE)
		e = kana_symbol(t, i + 2, &vs);
	if (!e && type == PII_JP_HEALTH_INSURANCE) {
		size_t se, ns, bs, be, ne = letters_symbol_pair(t, i, &vs, &se, &ns, &bs, &be);
		if (ne) {
			pii__cand_add(c, t, vs, se, type, 0.95);
			pii__cand_add(c, t, ns, ne, type, 0.95);
			if (be)
				pii__cand_add(c, t, bs, be, type, 0.95);
			return (be ? be : ne) - 1;
		}
	}
	if (!e)
		return i;
	/* 記号・番号：12・30058: label and value both parted by ・, the
	 * symbol of digits and the number are two fields (batches
	 * 194-201), as 美沢・11845 is above */
	if (type == PII_JP_HEALTH_INSURANCE && t->cp[i + 2] == 0x30FB /* ・ */) {
		size_t dot = pii__find_cp_in(t, vs, e, 0x30FB /* ・ */);
		/* a symbol with letters wants a number of five digits or
		 * more (関3・41207, 白15・20611; 緑34・2207 stays one, as
		 * below); a symbol of five to eight digits (協会けんぽ's)
		 * may stand before a number of one to seven (7130021・148;
		 * blind batches 1200-1215) */
		int long_symbol = dot > vs && dot - vs >= 5 && dot - vs <= 8 &&
				  pii__all_digits(t, vs, dot) && e > dot + 1 && e - dot - 1 <= 7;
		/* (a symbol of digits before a number of three digits or
		 * more: 7010・152, session 25's read files) */
		if (((dot + (pii__is_digit(t->cp[vs]) ? 4 : 5) <= e && card_symbol(t, vs, dot) &&
		      (pii__is_digit(t->cp[vs]) || e >= dot + 6)) ||
		     long_symbol) &&
		    pii__all_digits(t, dot + 1, e)) {
			pii__cand_add(c, t, vs, dot, type, 0.95);
			pii__cand_add(c, t, dot + 1, e, type, 0.95);
			return e - 1;
		}
	}
	/* 記号 5010 2034 番号 117: a symbol of eight digits written as two
	 * groups of four (協会けんぽ's), its own 番号 field right after it,
	 * is one value (session 26's read files) */
	if (type == PII_JP_HEALTH_INSURANCE && e - vs == 4 && pii__all_digits(t, vs, e) &&
	    e + 5 <= t->n && t->cp[e] == ' ' && pii__all_digits(t, e + 1, e + 5) &&
	    (e + 5 == t->n || !pii__is_alnum(t->cp[e + 5])) &&
	    pii__match(t, next_label(t, e + 5), "番号"))
		e += 5;
	/* 記号：07-112　番号：4408, 記号 12-304 番号 1187: a symbol of
	 * digits joined by a hyphen, under the 記号 label alone, with its
	 * own 番号 field after it, is one value (twentieth round (b));
	 * the label says where the number is, so the hyphen does not;
	 * the same with letters glued before the digits (記号：旭1-07
	 * 番号：…, twenty-seventh round (g)) */
	if (type == PII_JP_HEALTH_INSURANCE && e + 1 < t->n && t->cp[e] == '-' &&
	    (pii__all_digits(t, vs, e) ||
	     (!pii__is_digit(t->cp[vs]) && pii__is_digit(t->cp[e - 1])))) {
		size_t h = e + 1;
		while (h < t->n && pii__is_digit(t->cp[h]) && h - e <= 6)
			h++;
		if (h > e + 1 && h - e <= 6 &&
		    (h >= t->n || !(pii__is_alnum(t->cp[h]) || t->cp[h] == '-')) &&
		    pii__match(t, next_label(t, h), "番号"))
			e = h;
	}
	/* a bank's 記号-番号 written as one is the account (5-8 digits);
	 * a card's symbol and number joined by one hyphen are two
	 * values (記号番号は今国12-48815, 記号・番号：豊01-1184277, as
	 * batches 38 and 44 label them; tenth round (a)), while three
	 * parts or parts joined by ・ stay one (みど8-20471-01,
	 * 1403・57261, batches 07 and 11). The labelled files disagree
	 * on short values: our own cases keep 緑12-3456 and 12-345 as
	 * one, so the split wants a symbol with its letters glued to
	 * its digits and a number of five digits or more, the shape of
	 * a real card's pair; joined by ・ the same (記号・番号 関3・41207,
	 * twentieth round (b); 緑34・2207 and 1403・57261 stay one) */
	size_t h1 = type == PII_JP_HEALTH_INSURANCE && !pii__is_digit(t->cp[vs])
			    ? token_at(t, vs)
			    : 0;
	/* 記号・番号：霧里-2287（枝番 01）: a symbol of letters alone, a
	 * hyphen and a number of three digits or more, under a label that
	 * parts its two words, are the two values too (batch 394): with no
	 * digit in the symbol there is no 緑12-3456 to keep whole (記号番号
	 * 京中-210874, its label not parted, stays one value) */
	static const char *const compound[] = {"・番号", "/番号", NULL};
	if (h1 == e && pii__match_any(t, i + 2, compound)) {
		size_t l = vs; /* token_at() read 霧里-2287 whole */
		while (l < e && !pii__is_digit(t->cp[l]) && t->cp[l] != '-')
			l++;
		if (l > vs && l + 4 <= e && t->cp[l] == '-' && pii__all_digits(t, l + 1, e))
			h1 = l;
	}
	/* 国保記号・番号：2107-40127: a symbol of two to four digits, a
	 * hyphen and a number of five digits or more under that parted
	 * label are the two values too (batch 415), as 12・30058 is above;
	 * a short number (記号・番号は 12-345) or a third part (…-01)
	 * keeps the value whole */
	/* and a symbol of five to eight digits before a number of one to
	 * seven (記号・番号：42110－7259, 協会けんぽ's shape; blind batches
	 * 1200-1215) */
	int long_symbol = 0;
	if (!h1 && type == PII_JP_HEALTH_INSURANCE && pii__match_any(t, i + 2, compound)) {
		size_t l = vs;
		while (l < e && pii__is_digit(t->cp[l]) && l - vs <= 8)
			l++;
		if (l - vs >= 2 && l - vs <= 4 && l + 6 <= e && t->cp[l] == '-')
			h1 = l;
		else if (l - vs >= 5 && l - vs <= 8 && l + 2 <= e && e - l - 1 <= 7 && t->cp[l] == '-')
			h1 = l, long_symbol = 1;
	}
	int letters_only = h1 > vs && h1 < e && t->cp[h1] == '-' && !pii__is_digit(t->cp[h1 - 1]);
	if (h1 && (letters_only || long_symbol || (h1 + 6 <= e && pii__is_digit(t->cp[h1 - 1]))) &&
	    (t->cp[h1] == '-' || t->cp[h1] == 0x30FB /* ・ */) &&
	    token_at(t, h1 + 1) == e && pii__all_digits(t, h1 + 1, e) &&
	    !memchr_space_in(t, vs, h1)) {
		pii__cand_add(c, t, vs, h1, type, 0.95);
		pii__cand_add(c, t, h1 + 1, e, type, 0.95);
	} else
		pii__cand_add(c, t, vs, e, type, 0.95);
	/* 番号 and 枝番 fields right after */
	static const char *const next[] = {"番号", "枝番", NULL};
	for (int f = 0; f < 2; f++) {
		size_t j = next_label(t, e);
		if (pii__match(t, j, "通帳番号"))
			j += 2; /* 通帳記号 … 通帳番号 … */
		int found = 0;
		for (int k = f; next[k] && !found; k++) {
			if (type == PII_JP_BANK_ACCOUNT && k == 1)
				break;
			size_t e2 = field(t, j, next[k], 1, &vs);
			if (e2) {
				if (k == 1)
					vs = branch_member_skip(t, vs, e2);
				pii__cand_add(c, t, vs, e2, type, 0.95);
				/* 枝番 02・03: the branch numbers of several
				 * members listed (thirteenth round (b)), each
				 * with its member in brackets or not (枝番：01
				 * （世帯主）、02（妻）; batch 353) */
				size_t nb;
				while (k == 1 && (nb = next_branch(t, e2)) != 0) {
					pii__cand_add(c, t, nb, nb + 2, type, 0.95);
					e2 = nb + 2;
				}
				e = e2;
				found = 1;
				f = k;
			}
		}
		if (!found)
			break;
	}
	return e - 1;
}

static void detect_card_numbers(const struct pii__text *t, struct pii__cands *c)
{
	/* every field opens at one of these */
	const uint32_t opening[4] = {0x679D /* 枝 */, 0x756A /* 番 */, 0x8A18 /* 記 */,
				     0x8BB0 /* 记 */};
	if (t->n < MARKS_MIN) { /* a short text: every code point */
		for (size_t i = 0; i + 2 < t->n; i++) {
			uint32_t u = t->cp[i];
			if (u == 0x679D || u == 0x756A || u == 0x8A18 || u == 0x8BB0)
				i = card_fields_at(t, c, i);
		}
		return;
	}
	struct pii__walk w;
	pii__walk_init(&w, t, 0, opening, 4);
	for (size_t i = pii__walk_from(&w, 0); i + 2 < t->n; i = pii__walk_from(&w, i + 1))
		i = card_fields_at(t, c, i);
}

/* ---- kana names after a label ------------------------------------------------ */

static const char *const kana_labels[] = {
	"口座名義人", "口座名義", "名義人", "名義", "ﾒｲｷﾞ", "メイギ", "フリガナ", "ﾌﾘｶﾞﾅ",
	"ふりがな", "氏名(カナ)", "氏名(ｶﾅ)", "(カナ)", "(ｶﾅ)", "カナ氏名", "ｶﾅ氏名", "氏名",
	"届出人", "滞納者", "申請者", "請求者", "受取人", NULL,
};
/* Relations and roles on forms and in case records: a name in katakana
 * words after them (妻 サントス アナ, 対象者 レ ティ ホア) when the word
 * stands alone before a space or ':' and the name has two words at least
 * (保護者 アンケート is no name). */
static const char *const kana_roles[] = {
	"世帯主", "世帯員", "同居人", "配偶者", "保護者", "対象者", "対象児童", "代理人", "相談者",
	"申出人", "本人", "児童", "長女", "長男", "次女", "次男", "妻", "夫", "父", "母", "子",
	NULL,
};

static int is_kana_letter(uint32_t c, int hira)
{
	if (hira)
		return pii__is_hira(c) && c != 0x3092 /* を */;
	return pii__is_kata(c) || c == 0xFF9E || c == 0xFF9F;
}

/* 1-3 words of kana (all of one script) separated by single spaces, each
 * at least 2 letters; returns the end or 0. */
size_t pii__kana_name_at(const struct pii__text *t, size_t i)
{
	if (i >= t->n)
		return 0;
	int hira = pii__is_hira(t->cp[i]);
	size_t j = i, words = 0, end = 0;
	while (words < 3) {
		size_t w = j;
		while (j < t->n && is_kana_letter(t->cp[j], hira) && j - w < 12)
			j++;
		if (j - w < 2)
			break;
		words++;
		end = j;
		if (j + 1 < t->n && t->cp[j] == ' ' && is_kana_letter(t->cp[j + 1], hira))
			j++;
		else
			break;
	}
	if (!end || (end < t->n && (pii__is_kanji(t->cp[end]) || is_kana_letter(t->cp[end], hira))))
		return 0;
	/* hiragana must be two words (a reading), katakana may be one */
	if (hira && words < 2)
		return 0;
	return end;
}

/* First code points of kana_labels: most positions are skipped with one
 * switch (this runs on every code point). */
static int kana_label_first(uint32_t c)
{
	switch (c) {
	case 0x53E3: /* 口 */ case 0x540D: /* 名 */ case 0xFF92: /* ﾒ */ case 0x30E1: /* メ */
	case 0x30D5: /* フ */ case 0xFF8C: /* ﾌ */ case 0x3075: /* ふ */ case 0x6C0F: /* 氏 */
	case '(': case 0x30AB: /* カ */ case 0xFF76: /* ｶ */ case 0x5C4A: /* 届 */
	case 0x6EDE: /* 滞 */ case 0x7533: /* 申 */ case 0x8ACB: /* 請 */ case 0x53D7: /* 受 */
	case 0x4E16: /* 世 */ case 0x540C: /* 同 */ case 0x914D: /* 配 */ case 0x4FDD: /* 保 */
	case 0x5BFE: /* 対 */ case 0x4EE3: /* 代 */ case 0x76F8: /* 相 */ case 0x672C: /* 本 */
	case 0x5150: /* 児 */ case 0x9577: /* 長 */ case 0x6B21: /* 次 */ case 0x59BB: /* 妻 */
	case 0x592B: /* 夫 */ case 0x7236: /* 父 */ case 0x6BCD: /* 母 */ case 0x5B50: /* 子 */
		return 1;
	default:
		return 0;
	}
}

static int memchr_space(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t k = s; k < e; k++)
		if (t->cp[k] == ' ')
			return 1;
	return 0;
}

static void detect_kana_names(const struct pii__text *t, struct pii__cands *c)
{
	/* the first code points of both lists as the indexes' filters: one
	 * bit test at most positions before the switch */
	uint64_t first[4] = {~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0};
	const struct pii__kwlist *La = pii__kwlist_get(kana_labels), *Lb = pii__kwlist_get(kana_roles);
	if (La && !La->plain && Lb && !Lb->plain)
		for (size_t b = 0; b < 4; b++)
			first[b] = La->first[b] | Lb->first[b];
	for (size_t i = 0; i < t->n; i++) {
		if (!pii__kw_has(first, t->cp[i]) || !kana_label_first(t->cp[i]))
			continue;
		int role = 0;
		/* the first label of the list that occurs here, else a role's */
		size_t m = pii__match_any(t, i, kana_labels);
		if (!m && (i == 0 || t->cp[i - 1] == ' ' || t->cp[i - 1] == 0x3001 /* 、 */ ||
			   t->cp[i - 1] == ':' || t->cp[i - 1] == ',' || pii__is_boundary(t->cp[i - 1]))) {
			m = pii__match_any(t, i, kana_roles);
			role = 1;
		}
		if (!m)
			continue;
		size_t j = i + m;
		/* 名義人（ｶﾅ）：, 口座名義（カナ） */
		if (j < t->n && t->cp[j] == '(') {
			size_t q = j + 1;
			while (q < t->n && q - j < 6 && t->cp[q] != ')')
				q++;
			if (q < t->n && t->cp[q] == ')')
				j = q + 1;
		}
		size_t v = j;
		while (v < t->n && v - j < 3 && (t->cp[v] == ' ' || t->cp[v] == ':'))
			v++;
		if (v == j)
			continue; /* 名義が…: not a field */
		size_t e = pii__kana_name_at(t, v);
		/* a header row: 氏名 フリガナ 生年月日 */
		for (size_t k = 0; e && kana_labels[k]; k++)
			if (pii__match(t, v, kana_labels[k]) == e - v)
				e = 0;
		if (e && role && (!pii__is_kata(t->cp[v]) || !memchr_space(t, v, e)))
			e = 0;
		if (e) {
			pii__cand_add(c, t, v, e, PII_PERSON, 0.8);
			i = e - 1;
		}
	}
}

/* Values joined by ・ and named after them in brackets (06270145・2381・02
 * （記号・番号・枝番）, sixth round): each value is a part of the card. The
 * bracket at p ('(' after folding); the labels are counted, and as many
 * values of digits (a 記号 may open with up to 3 kana or kanji) must end
 * right before it. */
static void parts_named_after(const struct pii__text *t, struct pii__cands *c, size_t p)
{
	static const char *const labels[] = {"(記号・番号・枝番)", "(記号・番号)", NULL};
	size_t m = pii__match_any(t, p, labels);
	if (!m)
		return;
	int parts = m > 8 ? 3 : 2;
	size_t vs[3], ve[3], e = p;
	while (e > 0 && t->cp[e - 1] == ' ')
		e--;
	for (int k = parts - 1; k >= 0; k--) {
		size_t s = e;
		while (s > 0 && pii__is_digit(t->cp[s - 1]) && e - s < 10)
			s--;
		if (s == e)
			return;
		if (k == 0) {
			/* 岡北07: a prefix of up to 3 letters after a separator */
			size_t a = s;
			while (a > 0 && s - a < 4 &&
			       (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1])))
				a--;
			if (a < s && s - a <= 3 &&
			    (a == 0 || t->cp[a - 1] == ' ' || t->cp[a - 1] == ':' || t->cp[a - 1] == '\n'))
				s = a;
		}
		vs[k] = s, ve[k] = e;
		if (k > 0) {
			if (s == 0 || t->cp[s - 1] != 0x30FB /* ・ */)
				return;
			e = s - 1;
		} else if (s > 0 && pii__is_alnum(t->cp[s - 1])) {
			return;
		}
	}
	for (int k = 0; k < parts; k++)
		pii__cand_add(c, t, vs[k], ve[k], PII_JP_HEALTH_INSURANCE, 0.95);
}

/* A card written about in English (…National Health Insurance card (symbol
 * 南05, number 420981)): "symbol" and "number" after a word of insurance
 * in the same sentence, each value as the Japanese fields' (a translation
 * request keeps the card's values). */
static void english_card_fields(const struct pii__text *t, struct pii__cands *c)
{
	static const char *const insurance_en[] = {"Insurance", "insurance", "INSURANCE", NULL};
	static const char *const symbol_en[] = {"symbol", "Symbol", NULL};
	static const char *const number_en[] = {"number", "Number", "No.", "no.", NULL};
	for (size_t i = 0; i + 8 < t->n; i++) {
		if (t->cp[i] != 's' && t->cp[i] != 'S')
			continue;
		size_t m = pii__match_any(t, i, symbol_en);
		if (!m || (i > 0 && pii__is_alpha(t->cp[i - 1])) ||
		    pii__find_before(t, i, FIELD_CONTEXT, insurance_en, NULL) < 0)
			continue;
		size_t v = skip_seps(t, i + m, 3), e = token_at(t, v);
		if (!e)
			continue;
		size_t j = e;
		while (j < t->n && j - e < 3 && (t->cp[j] == ',' || t->cp[j] == ' ' ||
						 t->cp[j] == 0x3001 /* 、 */))
			j++;
		size_t m2 = pii__match_any(t, j, number_en), e2 = 0, v2 = 0;
		if (m2) {
			v2 = skip_seps(t, j + m2, 3);
			e2 = token_at(t, v2);
		}
		pii__cand_add(c, t, v, e, PII_JP_HEALTH_INSURANCE, 0.9);
		if (e2) {
			pii__cand_add(c, t, v2, e2, PII_JP_HEALTH_INSURANCE, 0.9);
			e = e2;
		}
		i = e - 1;
	}
}

/* A table cell under 記号番号 or 記号・番号 (金沢 21-550183): each part of
 * the card its own value, as when the fields are labelled one by one. */
void pii__health_parts(const struct pii__text *t, struct pii__cands *c, size_t s, size_t e)
{
	size_t ps[3], pe[3], n = 0, i = s;
	while (n < 3) {
		size_t pend = token_at(t, i);
		if (!pend || pend > e)
			return;
		ps[n] = i, pe[n] = pend, n++;
		if (pend == e)
			break;
		if (t->cp[pend] != '-' && t->cp[pend] != 0x30FB /* ・ */)
			return;
		i = pend + 1;
	}
	if (n < 2 || pe[n - 1] != e)
		return;
	for (size_t k = 0; k < n; k++)
		pii__cand_add(c, t, ps[k], pe[k], PII_JP_HEALTH_INSURANCE, 0.97);
}

/* ---- a pension number written in its two boxes (tenth round (a)) ---------- */

/* Forms print the basic pension number as two boxes with their widths
 * (基礎年金番号（4桁）3812（6桁）064519): after a pension word, the box of
 * four digits and the box of six are two values, as the batches label
 * them. A width that does not match its digits is no such box. */
static const char *const pension_words[] = {"基礎年金番号", "年金番号", "年金手帳", NULL};
#define PENSION_BOX_BACK 24 /* code points searched back for the pension word */

static size_t pension_box(const struct pii__text *t, size_t i, uint32_t width, size_t *vs)
{
	if (i + 4 >= t->n || t->cp[i] != '(' || t->cp[i + 1] != width ||
	    t->cp[i + 2] != 0x6841 /* 桁 */ || t->cp[i + 3] != ')')
		return 0;
	size_t v = i + 4;
	while (v < t->n && t->cp[v] == ' ' && v - i < 6)
		v++;
	size_t e = v;
	while (e < t->n && pii__is_digit(t->cp[e]))
		e++;
	if (e - v != (size_t)(width - '0'))
		return 0;
	*vs = v;
	return e;
}

static void pension_boxes(const struct pii__text *t, struct pii__cands *c)
{
	int jump = t->n >= MARKS_MIN;
	for (size_t i = 0; i + 8 < t->n; i++) {
		if (jump) { /* the test below, from 桁 */
			i = pii__find_cp(t, i + 2, 0x6841 /* 桁 */) - 2;
			if (i + 8 >= t->n)
				break;
		}
		if (t->cp[i] != '(' || t->cp[i + 1] != '4' || t->cp[i + 2] != 0x6841 /* 桁 */)
			continue;
		size_t v1, v2, e1 = pension_box(t, i, '4', &v1);
		if (!e1)
			continue;
		size_t j = e1;
		while (j < t->n && (t->cp[j] == ' ' || t->cp[j] == '-') && j - e1 < 3)
			j++;
		size_t e2 = pension_box(t, j, '6', &v2);
		if (!e2 || pii__find_before(t, i, PENSION_BOX_BACK, pension_words, NULL) < 0)
			continue;
		pii__cand_add(c, t, v1, e1, PII_JP_BASIC_PENSION_NUMBER, 0.95);
		pii__cand_add(c, t, v2, e2, PII_JP_BASIC_PENSION_NUMBER, 0.95);
		i = e2 - 1;
	}
}

/* Each (記号… that names the parts after it (parts_named_after()). */
static void parts_named(const struct pii__text *t, struct pii__cands *c)
{
	if (t->n < MARKS_MIN) {
		for (size_t p = 0; p + 8 < t->n; p++)
			if (t->cp[p] == '(' && t->cp[p + 1] == 0x8A18 /* 記 */)
				parts_named_after(t, c, p);
		return;
	}
	/* a long text: from one 記 to the next */
	for (size_t p = pii__find_cp(t, 1, 0x8A18) - 1; p + 8 < t->n;
	     p = pii__find_cp(t, p + 2, 0x8A18) - 1)
		if (t->cp[p] == '(')
			parts_named_after(t, c, p);
}

void pii__detect_fields(const struct pii__text *t, struct pii__cands *c)
{
	if (pii__may_have(t, 0x6841 /* 桁 */))
		pension_boxes(t, c);
	if (pii__may_have(t, 0x8A18 /* 記 */))
		parts_named(t, c);
	if (pii__may_have(t, 0x679D /* 枝 */) || pii__may_have(t, 0x8A18 /* 記 */) ||
	    pii__may_have(t, 0x8BB0 /* 记 */) ||
	    (pii__may_have(t, 0x756A /* 番 */) && pii__may_have(t, ' ') &&
	     (pii__may_have(t, 0x4FDD /* 保 */) || pii__may_have(t, 0x9AD8 /* 高 */))))
		detect_card_numbers(t, c);
	if (pii__may_have(t, 'y') && pii__may_have(t, 'b') && pii__may_have_digit(t))
		english_card_fields(t, c);
	/* a kana name: katakana, or hiragana in two words */
	if (pii__may_have_class(t, PII_CUE_KATA) ||
	    (pii__may_have_class(t, PII_CUE_HIRA) && pii__may_have(t, ' ')))
		detect_kana_names(t, c);
}
