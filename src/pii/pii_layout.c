/* Rules about layout over the candidates (issue 14, fourth round).
 *
 * Run after every detector, before the organisation filter: each looks at
 * what the detectors found and at the cells around it.
 *
 * - A postal code without 〒 right before a person's address (住所 252-0344
 *   相模原市…, a row 286-0045 成田市並木町221-58) is that address's postal
 *   code, a span of its own.
 * - A cell of a row that holds a person's name and is written as a town
 *   and a block number (桜台1-4-12, 本町6-3-21) is an address: a list of
 *   people puts their addresses there.
 * - A full date in the cell right after a person's name (平野 武　昭和23年3月3日,
 *   工藤 結衣,2006-09-14) is the birth date when the text names a birth-date
 *   column or the date is of an era or year no event of today's records is
 *   (昭和, 平成, before 2016).
 * - A given name alone after a relation written as a field (妻 由美子、長男 蒼)
 *   when ENAMDICT lists it.
 * - A 13-digit number with a valid corporate check digit in a text that
 *   names a 法人番号 column or field before it.
 * - Foreign residents: a katakana reading in brackets after a Latin name,
 *   katakana names after a role, relation or nationality, before their
 *   Latin spelling, or opening with a common family name; addresses abroad
 *   written in Japanese after a country's name.
 * - A surname in brackets signing a line, the kana holder after an account
 *   number; no name ends in an era before its year.
 * - Tables whose header names organisations hold no personal contacts.
 *
 * Pure functions of the folded text and the candidates; no state, so
 * thread-safe as the scanner that calls them.
 */
#include <string.h>

#include "pii/pii_int.h"

/* A cell boundary before i: start, line end, comma, tab, bar, a space. */
static int cell_before(const struct pii__text *t, size_t i)
{
	if (i == 0)
		return 1;
	uint32_t c = t->cp[i - 1];
	return c == '\n' || c == ',' || c == ' ' || c == '|' || c == 0x3001 /* 、 */;
}

static int cell_after(const struct pii__text *t, size_t i)
{
	if (i >= t->n)
		return 1;
	uint32_t c = t->cp[i];
	return c == '\n' || c == '\r' || c == ',' || c == ' ' || c == '|' || c == 0x3001 ||
	       c == 0x3002;
}

/* ---- postal code before an address ---------------------------------------- */

/* Seven digits written without their hyphen, opening the value of an
 * address's label and ending at e, a space before the address (住所：
 * 4600002 名古屋市…; twenty-seventh round (g)): the label makes them the
 * code; a number of seven digits elsewhere before an address (a case's,
 * a lot's) is not read. */
static int unhyphenated_after_label(const struct pii__text *t, size_t e)
{
	static const char *const labels[] = {"住所", "送付先", "居所", NULL};
	size_t s = e - 7;
	if (!pii__all_digits(t, s, e) || s == 0 || (t->cp[s - 1] != ':' && t->cp[s - 1] != ' '))
		return 0;
	size_t q = s;
	while (q > 0 && (t->cp[q - 1] == ':' || t->cp[q - 1] == ' ') && s - q < 2)
		q--;
	return pii__ends_with(t, q > 3 ? q - 3 : 0, q, labels) != 0;
}

static void postal_before_address(const struct pii__text *t, struct pii__cands *c, size_t k)
{
	size_t a = c->v[k].start;
	size_t e = a;
	/* a letter's address block: the postal code alone on the line above
	 * (督促状\n603-8143\n京都市北区…) */
	int own_line = e > 0 && t->cp[e - 1] == '\n';
	if (e > 0 && (t->cp[e - 1] == ' ' || own_line))
		e--;
	/* ddd-dddd right before (a space at most) */
	if (e < 8 || !pii__is_digit(t->cp[e - 1]))
		return;
	if (!own_line && e < a && unhyphenated_after_label(t, e)) {
		pii__cand_add(c, t, e - 7, e, PII_POSTAL_CODE, 0.9);
		return;
	}
	size_t s = e - 8;
	for (size_t i = s; i < e; i++)
		if (i - s == 3 ? t->cp[i] != '-' : !pii__is_digit(t->cp[i]))
			return;
	if (s > 0 && (pii__is_digit(t->cp[s - 1]) || t->cp[s - 1] == '-' ||
		      t->cp[s - 1] == 0x3012 /* 〒 */))
		return;
	if (own_line && s > 0 && t->cp[s - 1] != '\n')
		return;
	pii__cand_add(c, t, s, e, PII_POSTAL_CODE, 0.9);
}

/* A postal code in brackets right after the address it belongs to
 * (住所：鹿児島県鹿児島市郡元3丁目14-7-502（890-0065）; batch 352): the
 * three and four digits of a code, nothing else in the bracket. */
static void postal_after_address(const struct pii__text *t, struct pii__cands *c, size_t k)
{
	size_t s = c->v[k].end + 1;
	if (s + 9 > t->n || t->cp[s - 1] != '(' || t->cp[s + 8] != ')' || t->cp[s + 3] != '-' ||
	    !pii__all_digits(t, s, s + 3) || !pii__all_digits(t, s + 4, s + 8))
		return;
	pii__cand_add(c, t, s, s + 8, PII_POSTAL_CODE, 0.9);
}

/* ---- an address cell in a row with a name ---------------------------------- */

/* A code point cell_before() takes for a cell's start before it. */
static inline int cell_sep_before(uint32_t c)
{
	return c == '\n' || c == ',' || c == ' ' || c == '|' || c == 0x3001 /* 、 */;
}

/* The first position from i that starts a cell (cell_before()), or t->n:
 * a tight loop over the code points inside cells. */
static inline size_t skip_to_cell_start(const struct pii__text *t, size_t i)
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	while (i > 0 && i < n && !cell_sep_before(cp[i - 1]))
		i++;
	return i;
}

static int town_char(uint32_t c)
{
	return pii__is_kanji(c) || pii__is_hira(c) || pii__is_kata(c) || c == 0x30F6 /* ヶ */;
}

/* A town name and a block number filling the cell at s: 2-10 town
 * characters, then N-N(-N)(-N), N丁目N(-N), N番地. Its end or 0. */
static size_t address_cell(const struct pii__text *t, size_t s)
{
	size_t i = s;
	while (i < t->n && town_char(t->cp[i]) && i - s <= 10)
		i++;
	if (i - s < 2 || i - s > 10 || i >= t->n || !pii__is_digit(t->cp[i]))
		return 0;
	/* the town is no number word (第, 号, 年…) */
	uint32_t last = t->cp[i - 1];
	if (last == 0x7B2C /* 第 */ || last == 0x5E74 /* 年 */ || last == 0x53F7 /* 号 */ ||
	    last == 0x6708 /* 月 */ || last == 0x7D04 /* 約 */)
		return 0;
	size_t parts = 0;
	for (;;) {
		size_t d = i;
		while (i < t->n && pii__is_digit(t->cp[i]) && i - d < 5)
			i++;
		if (i == d)
			return 0;
		parts++;
		if (i < t->n && t->cp[i] == '-' && i + 1 < t->n && pii__is_digit(t->cp[i + 1]) && parts < 4) {
			i++;
			continue;
		}
		if (parts == 1 && pii__match(t, i, "番地")) {
			i += 2;
			break;
		}
		if (parts == 1 && pii__match(t, i, "丁目") && i + 2 < t->n &&
		    pii__is_digit(t->cp[i + 2])) {
			i += 2;
			continue;
		}
		break;
	}
	if (parts < 2 && !pii__match(t, i - 2, "番地"))
		return 0;
	return cell_after(t, i) ? i : 0;
}

/* The candidates, for the rules' questions about the spans found (covered(),
 * line_has_person(), name_shaped()): the spans of a kind taken in so far,
 * by the block of SPAN_BLOCK code points their start falls in, and a
 * Fenwick tree over the blocks that keeps the largest value of the spans
 * of the blocks up to each: value end + 1 (0: none) with the blocks in the
 * text's order, to ask for the largest end of the spans starting before a
 * place; ~end with the blocks from the text's end (SPAN_PERSON_END_MIN), to
 * ask for the smallest end of those starting at or after it. A question
 * reads the tree for the whole blocks and the spans of the one block cut.
 * A rule makes one (zeroed) and releases it; before each question it takes
 * in the candidates added since the last (up to the count the question
 * names), so a question costs a logarithm where a loop over every candidate
 * made a document's cost grow with the square of its length (the blocks
 * keep the arrays to clear small). It holds because none of the rules that
 * ask changes a candidate's type or bounds while it asks: they only add. */
#define SPAN_BLOCK 32

enum span_kind { SPAN_NOT_PERSON, SPAN_PERSON, SPAN_PERSON_END_MIN };

struct span_index {
	size_t *tree;  /* [1, blocks] */
	size_t *head;  /* a block's first span taken in: 1 + its index, 0: none */
	size_t *next;  /* a span's next in its block (the same) */
	size_t blocks, synced, cap;
	int linear;    /* a start beyond the text, or a count going back: loops */
};

static void span_index_release(struct span_index *x)
{
	free(x->tree);
	free(x->head);
	free(x->next);
}

static int span_kind_has(enum span_kind kind, const struct pii_span *v)
{
	return kind == SPAN_NOT_PERSON ? v->type != PII_PERSON : v->type == PII_PERSON;
}

static size_t span_value(enum span_kind kind, const struct pii_span *v)
{
	return kind == SPAN_PERSON_END_MIN ? ~v->end : v->end + 1;
}

/* The place in the tree (1-based) of the block of start. */
static size_t span_block(const struct span_index *x, enum span_kind kind, size_t start)
{
	size_t b = start / SPAN_BLOCK;
	return kind == SPAN_PERSON_END_MIN ? x->blocks - b : b + 1;
}

/* Takes in the candidates [synced, n) of the kind. */
static void span_index_sync(struct span_index *x, enum span_kind kind, const struct pii__text *t,
			    const struct pii__cands *c, size_t n)
{
	if (!x->tree) {
		x->blocks = t->n / SPAN_BLOCK + 1;
		x->tree = yk_xcalloc(x->blocks + 1, sizeof(*x->tree));
		x->head = yk_xcalloc(x->blocks, sizeof(*x->head));
	}
	if (n < x->synced)
		x->linear = 1;
	if (n > x->cap && !x->linear) {
		x->cap = n + n / 2 + 16;
		x->next = yk_xrealloc(x->next, x->cap * sizeof(*x->next));
	}
	for (; x->synced < n && !x->linear; x->synced++) {
		const struct pii_span *v = &c->v[x->synced];
		if (!span_kind_has(kind, v))
			continue;
		if (v->start / SPAN_BLOCK >= x->blocks) {
			x->linear = 1;
			break;
		}
		size_t val = span_value(kind, v);
		for (size_t i = span_block(x, kind, v->start); i <= x->blocks; i += i & (~i + 1))
			if (x->tree[i] < val)
				x->tree[i] = val;
		size_t *h = &x->head[v->start / SPAN_BLOCK];
		x->next[x->synced] = *h;
		*h = x->synced + 1;
	}
}

/* The largest value of the spans taken in that start before lim (for
 * SPAN_PERSON_END_MIN: at or after lim); 0 for none. */
static size_t span_index_max(const struct span_index *x, enum span_kind kind,
			     const struct pii__cands *c, size_t lim)
{
	int back = kind == SPAN_PERSON_END_MIN;
	size_t cut = lim / SPAN_BLOCK, m = 0;
	if (cut >= x->blocks && back)
		return 0; /* every span starts before lim */
	/* the whole blocks before the cut one (after it, from the end) */
	size_t whole = cut >= x->blocks ? x->blocks : back ? x->blocks - 1 - cut : cut;
	for (size_t i = whole; i > 0; i &= i - 1)
		if (x->tree[i] > m)
			m = x->tree[i];
	if (cut >= x->blocks)
		return m;
	for (size_t k = x->head[cut]; k; k = x->next[k - 1]) {
		const struct pii_span *v = &c->v[k - 1];
		if ((back ? v->start >= lim : v->start < lim) && span_value(kind, v) > m)
			m = span_value(kind, v);
	}
	return m;
}

/* One of the first n candidates of the kind (SPAN_NOT_PERSON or
 * SPAN_PERSON) overlaps [a, b): start < b and end > a. */
static int span_overlap(struct span_index *x, enum span_kind kind, const struct pii__text *t,
			const struct pii__cands *c, size_t n, size_t a, size_t b)
{
	span_index_sync(x, kind, t, c, n);
	if (x->linear) {
		for (size_t k = 0; k < n; k++)
			if (c->v[k].start < b && a < c->v[k].end && span_kind_has(kind, &c->v[k]))
				return 1;
		return 0;
	}
	return span_index_max(x, kind, c, b) > a + 1;
}

/* 1 when the line holding [a, b) has a PERSON candidate (of the first n). */
static int line_has_person(struct span_index *x, const struct pii__text *t,
			   const struct pii__cands *c, size_t n, size_t a, size_t b)
{
	size_t ls = a, le = b;
	while (ls > 0 && t->cp[ls - 1] != '\n')
		ls--;
	while (le < t->n && t->cp[le] != '\n')
		le++;
	span_index_sync(x, SPAN_PERSON_END_MIN, t, c, n);
	if (x->linear) {
		for (size_t k = 0; k < n; k++)
			if (c->v[k].type == PII_PERSON && c->v[k].start >= ls && c->v[k].end <= le)
				return 1;
		return 0;
	}
	/* the smallest end of the names starting at ls or after */
	size_t m = span_index_max(x, SPAN_PERSON_END_MIN, c, ls);
	return m && ~m <= le;
}

/* One of the first n candidates that is not a name overlaps [a, b). */
static int covered(struct span_index *x, const struct pii__text *t, const struct pii__cands *c,
		   size_t n, size_t a, size_t b)
{
	return span_overlap(x, SPAN_NOT_PERSON, t, c, n, a, b);
}

static void address_cells(const struct pii__text *t, struct pii__cands *c, size_t n)
{
	struct span_index cov = {0}, lp = {0};
	/* a cell holds a block number, on a line with a name */
	if (!pii__may_have_digit(t))
		return;
	size_t persons = 0;
	for (size_t k = 0; k < n; k++)
		persons += c->v[k].type == PII_PERSON;
	if (!persons)
		return;
	for (size_t i = 0; i < t->n; i++) {
		/* at a cell's start only (most code points are inside one) */
		i = skip_to_cell_start(t, i);
		if (i >= t->n)
			break;
		if (!town_char(t->cp[i]) || !cell_before(t, i))
			continue;
		/* a cell opens after a line start, a comma, a bar or a space that
		 * is not part of a name (ideographic space or two spaces, or a
		 * comma/bar) */
		if (i > 0 && t->cp[i - 1] == ' ') {
			int wide = t->raw[t->boff[i - 1]] != ' ' || (i > 1 && t->cp[i - 2] == ' ');
			if (!wide)
				continue;
		}
		size_t e = address_cell(t, i);
		if (!e || covered(&cov, t, c, n, i, e) || !line_has_person(&lp, t, c, n, i, e))
			continue;
		pii__cand_add(c, t, i, e, PII_ADDRESS, 0.8);
		i = e;
	}
	span_index_release(&cov);
	span_index_release(&lp);
}

/* ---- a birth date in the cell after a name ---------------------------------- */

static int old_date(const struct pii__text *t, size_t s, size_t e)
{
	uint32_t c = t->cp[s];
	if (c == 0x662D /* 昭 */ || c == 0x5927 /* 大 */ || c == 0x660E /* 明 */ || c == 'S' ||
	    c == 'T' || c == 'M')
		return 1;
	if (c == 0x5E73 /* 平 */ || c == 'H')
		return 1;
	if (e - s >= 4 && pii__is_digit(c)) {
		unsigned y = 0;
		size_t k = s;
		while (k < e && pii__is_digit(t->cp[k]) && k - s < 4)
			y = y * 10 + (t->cp[k++] - '0');
		if (k - s == 4 && y >= 1900 && y < 2016)
			return 1;
	}
	return 0;
}

static const char *const row_relations[] = {"世帯主", "本人", "長男", "長女", "次男", "次女", "妻",
					    "夫", "子", "父", "母", NULL};

/* A field "…番号 VALUE" at i (受診券番号 K08-22715, 受給者番号 0412): a label
 * of kanji ending in 番号, one space, letters, digits and hyphens, then
 * a separator. Returns where the next cell starts, or i. */
static size_t skip_numbered_field(const struct pii__text *t, size_t i)
{
	size_t k = i;
	while (k < t->n && pii__is_kanji(t->cp[k]) && k - i < 8)
		k++;
	if (k - i < 3 || !pii__match(t, k - 2, "番号") || k + 1 >= t->n || t->cp[k] != ' ')
		return i;
	size_t v = k + 1, e = v;
	while (e < t->n && (pii__is_alnum(t->cp[e]) || t->cp[e] == '-') && e - v < 16)
		e++;
	if (e == v || e >= t->n || (t->cp[e] != ' ' && t->cp[e] != ','))
		return i;
	size_t n = e;
	while (n < t->n && (t->cp[n] == ' ' || t->cp[n] == ',') && n - e < 3)
		n++;
	return n;
}

/* A short note in brackets right after a family member's date, then the
 * cell's end (颯太　H23.1.19（16歳未満）, 母 …　昭和13年4月2日（同居老親等）): the
 * note says what the person counts as (fifteenth round (b)). A note that
 * names another day or a death (（申請日）, （死亡）) says the date is not a
 * birth date. */
static int note_after(const struct pii__text *t, size_t e)
{
	if (e >= t->n || t->cp[e] != '(')
		return 0;
	size_t q = e + 1;
	while (q < t->n && q - e <= 10 && t->cp[q] != ')' && !pii__is_boundary(t->cp[q])) {
		uint32_t ch = t->cp[q];
		if (ch == 0x65E5 /* 日 */ || ch == 0x6B7B /* 死 */ || ch == 0x4EA1 /* 亡 */ ||
		    ch == 0x6CA1 /* 没 */ || ch == '(')
			return 0;
		q++;
	}
	return q > e + 1 && q < t->n && t->cp[q] == ')' && cell_after(t, q + 1);
}

/* A bracket at i of one to ten code points with no digit and no line end
 * (（ブラジル）, （父）): where the text goes on after it, or i. */
static size_t note_bracket_end(const struct pii__text *t, size_t i)
{
	size_t q = i + 1;
	while (q < t->n && q - i <= 11 && t->cp[q] != ')' && t->cp[q] != '(' &&
	       !pii__is_digit(t->cp[q]) && !pii__is_boundary(t->cp[q]))
		q++;
	return q > i + 1 && q < t->n && t->cp[q] == ')' ? q + 1 : i;
}

/* The line at i when it gives a sex alone (男, 女性): the next line's
 * start; else i. */
static size_t skip_sex_line(const struct pii__text *t, size_t i)
{
	static const char *const sexes[] = {"男性", "女性", "男", "女", NULL};
	size_t m = pii__match_any(t, i, sexes);
	return m && i + m < t->n && t->cp[i + m] == '\n' ? i + m + 1 : i;
}

/* A child's school year or age at i (小2, 中1, 高3, 年長, 5歳, 9さい, 3才):
 * its end, or i. */
static size_t grade_or_age_end(const struct pii__text *t, size_t i)
{
	static const char *const years[] = {"年長", "年中", "年少", NULL};
	if (i + 2 > t->n)
		return i;
	uint32_t ch = t->cp[i];
	if ((ch == 0x5C0F /* 小 */ || ch == 0x4E2D /* 中 */ || ch == 0x9AD8 /* 高 */) &&
	    pii__is_digit(t->cp[i + 1]) && (i + 2 >= t->n || !pii__is_digit(t->cp[i + 2])))
		return i + 2;
	size_t m = pii__match_any(t, i, years);
	if (m)
		return i + m;
	size_t q = i;
	while (q < t->n && pii__is_digit(t->cp[q]) && q - i < 2)
		q++;
	if (q == i || q >= t->n || pii__is_digit(t->cp[q]))
		return i;
	static const char *const ages[] = {"歳", "さい", "才", NULL};
	m = pii__match_any(t, q, ages);
	return m ? q + m : i;
}

/* A relation filling the next cell of a tab or comma row after e (黄 小雨
 * <TAB>2019/04/30<TAB>長女<TAB>…; twenty-sixth round (d)): the row is a
 * household member's, and the date between the name and the relation is
 * the member's birth, however recent. Not a space-parted line (…日 妻
 * 同伴), where a date is as often an event's. */
static int relation_cell_at(const struct pii__text *t, size_t e)
{
	if (e + 1 >= t->n || !(t->cp[e] == ',' || pii__raw_tab(t, e)))
		return 0;
	size_t m = pii__match_any(t, e + 1, row_relations);
	return m && (e + 1 + m >= t->n || t->cp[e + 1 + m] == '\n' || t->cp[e + 1 + m] == '\r' ||
		     t->cp[e + 1 + m] == ',' || pii__raw_tab(t, e + 1 + m));
}

/* 2025-0701-002,出生,平田 陽向,2025-06-24,…: a register of notifications
 * whose row says its kind in a cell of its own before the name; in a
 * birth's row the date after the child's name is the birth. Cells of a
 * comma or tab row from the line's start to the name at s. */
static int birth_row_before(const struct pii__text *t, size_t s)
{
	size_t ls = s;
	while (ls > 0 && t->cp[ls - 1] != '\n' && s - ls < 80)
		ls--;
	for (size_t q = ls; q + 3 <= s; q++)
		if ((q == ls || t->cp[q - 1] == ',' || pii__raw_tab(t, q - 1)) &&
		    pii__match(t, q, "出生") && (t->cp[q + 2] == ',' || pii__raw_tab(t, q + 2)))
			return 1;
	return 0;
}

/* Where a text names a birth date (生年月日, 誕生日, 生年), in order, and
 * where the part of each ends (its first blank line after, or the text's
 * end): a label says the dates after it are births down to a blank line,
 * not in the other sections of a document (a form's 生年月日： above a CSV
 * of 異動日 pasted below it gave every move a birth). Every label is kept:
 * a document of many pasted forms holds hundreds, and a cap with "any
 * label before" past it made every name and date of such a document a
 * birth (山田 花子 2025年4月1日 来庁 in a part that names no birth). */
struct birth_labels {
	size_t *at;        /* owned: the labels' starts, ascending */
	size_t *part_end;  /* owned: the end of each label's part */
	size_t n, cap;
};

static void birth_labels_find(const struct pii__text *t, struct birth_labels *L)
{
	static const char *const labels[] = {"生年月日", "誕生日", "生年", NULL};
	const uint32_t marks[] = {0x751F /* 生 */, 0x8A95 /* 誕 */};
	struct pii__walk w;
	pii__walk_init(&w, t, 0, marks, 2);
	for (size_t j = pii__walk_next(&w); j < t->n; j = pii__walk_next(&w)) {
		if (!pii__match_any(t, j, labels))
			continue;
		if (L->n == L->cap) {
			L->cap = L->cap ? 2 * L->cap : 16;
			L->at = yk_xrealloc(L->at, L->cap * sizeof(*L->at));
			L->part_end = yk_xrealloc(L->part_end, L->cap * sizeof(*L->part_end));
		}
		/* labels of one part share its end: one walk to it a part */
		L->part_end[L->n] = L->n && L->part_end[L->n - 1] > j ? L->part_end[L->n - 1]
								      : pii__part_end(t, j);
		L->at[L->n++] = j;
	}
}

/* 1 when a label opens before i in i's part. */
static int birth_labelled(const struct birth_labels *L, size_t i)
{
	size_t lo = 0, hi = L->n; /* the labels before i: [0, lo) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (L->at[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && L->part_end[lo - 1] >= i;
}

static size_t country_at(const struct pii__text *t, size_t i);

static void birth_date_cells(const struct pii__text *t, struct pii__cands *c, size_t n)
{
	struct span_index cov = {0};
	struct birth_labels labels = {0};
	int searched = 0;
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_PERSON)
			continue;
		size_t i = c->v[k].end;
		size_t sep = 0;
		/* 金 美英（キム ミヨン）　…: the reading's bracket closes first;
		 * the date may follow it with no space (朴 英子（パク ヨンジャ）
		 * 1962年12月2日: the reading in katakana is the bracket's whole) */
		if (i + 1 < t->n && t->cp[i] == ')' && t->cp[i + 1] == ' ')
			i++;
		else if (i + 1 < t->n && t->cp[i] == ')' && c->v[k].start > 0 &&
			 t->cp[c->v[k].start - 1] == '(' && pii__is_kata(t->cp[c->v[k].start]) &&
			 (pii__is_digit(t->cp[i + 1]) || pii__is_kanji(t->cp[i + 1]) ||
			  pii__is_upper(t->cp[i + 1])))
			i++, sep++;
		/* a short bracket with no digit between the name and its date:
		 * a nationality or a note (NAKAZATO, Ricardo（ブラジル）　1979.06.03;
		 * sixteenth round (b)) */
		else if (i + 2 < t->n && t->cp[i] == '(') {
			size_t nb = note_bracket_end(t, i);
			/* 金 秀妍（妻）1987.4.18: the date right after the note, with
			 * no space (seventeenth round (b); the date must still end
			 * its cell or line and be old or under a birth label) */
			if (nb > i && pii__date_end(t, nb))
				sep++;
			/* HU GUO（劉 建国）中国 1979/02/11: a word of two to six kanji
			 * or katakana (a nationality, a relation) and a space
			 * between the bracket and the date */
			size_t w = nb;
			while (nb > i && w < t->n && w - nb < 7 &&
			       (pii__is_kanji(t->cp[w]) || pii__is_kata(t->cp[w])))
				w++;
			if (w - nb >= 2 && w - nb <= 6 && w + 1 < t->n && t->cp[w] == ' ' &&
			    pii__date_end(t, w + 1))
				nb = w + 1, sep++;
			i = nb;
		}
		/* a cell or an item of a list (申請者野田 直子、1989年7月17日、…) */
		/* 劉 子涵 / 長女 / 2018年9月4日: fields parted by slashes
		 * (twentieth round (b)) */
		int slashes = 0;
		while (i < t->n &&
		       (t->cp[i] == ' ' || t->cp[i] == ',' || t->cp[i] == 0x3001 ||
			(t->cp[i] == '/' && !slashes++)) &&
		       sep < 3)
			i++, sep++;
		/* a record of one value a line: the name fills its line, then
		 * the date fills the next, or the one after a line that gives
		 * the sex alone (張 偉⏎男⏎1998年10月5日; sixteenth round (b)) */
		int own_line = 0;
		if (!sep && i < t->n && t->cp[i] == '\n' &&
		    (c->v[k].start == 0 || t->cp[c->v[k].start - 1] == '\n')) {
			i = skip_sex_line(t, i + 1);
			sep = own_line = 1;
		}
		/* a school year or an age between (TRAN GIA BAO 小2 2017年6月2日,
		 * 翔太 5歳 2020.4.1): the date that follows is the child's birth,
		 * however recent (sixteenth round (b)) */
		int grade = 0;
		if (sep && !own_line) {
			size_t g = grade_or_age_end(t, i);
			if (g > i && g < t->n && t->cp[g] == ' ') {
				i = g + 1;
				grade = 1;
			}
		}
		if (!sep || i >= t->n)
			continue;
		/* a nationality's cell between (ブイ・クアン・フイ<TAB>ベトナム<TAB>
		 * 2000-08-11, a roll of trainees; batches 730-743) */
		if (sep && !own_line) {
			size_t cm = country_at(t, i);
			if (cm && i + cm + 1 < t->n && (t->cp[i + cm] == ' ' || t->cp[i + cm] == ',') &&
			    pii__date_end(t, i + cm + 1))
				i += cm + 1;
		}
		/* a numbered field between (村田 彩花　受診券番号 K08-22715　1995/11/07) */
		i = skip_numbered_field(t, i);
		/* a relation between the name and the date (大島 光代 妻 S31.06.17) */
		size_t m = pii__match_any(t, i, row_relations);
		/* …/ 長女 / 2018年9月4日: a relation between slashes says the
		 * date is a member's birth, however recent, when the date ends
		 * the line (twentieth round (b)); not 本人 or 世帯主, who may
		 * be who filed a form that day */
		if (m && slashes && i + m + 2 < t->n && t->cp[i + m] == ' ' &&
		    t->cp[i + m + 1] == '/' && t->cp[i + m + 2] == ' ' &&
		    !pii__match(t, i, "本人") && !pii__match(t, i, "世帯主"))
			i += m + 3, grade = 1;
		else if (m && i + m < t->n && t->cp[i + m] == ' ')
			i += m + 1;
		size_t e = pii__date_end(t, i);
		/* an answer in a chat (大槻 とし子、昭和17年9月1日です): the
		 * sentence goes on after the date; the label condition below
		 * still holds (tenth round (a)) */
		int answer = e && e + 1 < t->n && i > 0 && t->cp[i - 1] == 0x3001 /* 、 */ &&
			     (pii__match(t, e, "です") || pii__match(t, e, "だ") ||
			      pii__match(t, e, "でござ"));
		/* （中川 千夏、1989-10-02）: the name opens a bracket and the date
		 * closes it (sixteenth round (b)) */
		int bracketed = e && e < t->n && t->cp[e] == ')' && c->v[k].start > 0 &&
				t->cp[c->v[k].start - 1] == '(';
		if (!e || e - i < 6 ||
		    (own_line ? e < t->n && t->cp[e] != '\n' && t->cp[e] != '\r'
			      : !cell_after(t, e) && !answer && !note_after(t, e) && !bracketed) ||
		    covered(&cov, t, c, c->n, i, e))
			continue;
		if (grade) {
			/* the date ends the record's line or cell: a note after a
			 * space may name an event (小2 令和7年12月3日 欠席) */
			if (e >= t->n || t->cp[e] == '\n' || t->cp[e] == '\r' || t->cp[e] == ',' ||
			    pii__raw_tab(t, e))
				pii__cand_add(c, t, i, e, PII_DATE_OF_BIRTH, 0.85);
			continue;
		}
		if (!searched) {
			birth_labels_find(t, &labels);
			searched = 1;
		}
		int labelled = birth_labelled(&labels, i);
		if (labelled || old_date(t, i, e) || relation_cell_at(t, e) ||
		    birth_row_before(t, c->v[k].start))
			pii__cand_add(c, t, i, e, PII_DATE_OF_BIRTH, 0.85);
	}
	span_index_release(&cov);
	free(labels.at);
	free(labels.part_end);
}

static void hamlet_lots_beside_persons(const struct pii__text *t, struct pii__cands *c, size_t n);

/* The same over the names the learned model and pii__names_whole() add,
 * which come after the layout rules (twenty-sixth round (d): a Latin
 * given name the rules leave to the model, then its row's birth date);
 * a date read already is not read again (covered()). A hamlet's lot
 * beside such a name likewise (a roll's row 4 政 千代 91歳 久茂12, the
 * name the model's; batch 352): a lot read already is covered. */
void pii__birth_date_cells_late(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have_digit(t))
		return;
	birth_date_cells(t, c, c->n);
	if (pii__may_have_class(t, PII_CUE_KANJI))
		hamlet_lots_beside_persons(t, c, c->n);
}

/* ---- a date in brackets after a child's name (ninth round) ------------------- */

/* pii.c reads a full date in brackets right after a name as its birth
 * date, before the layout rules run; this pass reads it after the names
 * the layout rules add (長女 心春（2018.9.12）, a katakana name of a list
 * パク・ミンジュン（2020.1.28）) and after a child's honorific (Angeloくん
 * （2019-04-02）). The bracket holds the date alone. */
static const char *const child_honorifics[] = {"くん", "ちゃん", "君", NULL};

/* 丹野 七海（長女、H17.10.23）: the person's relation, a separator and the
 * full date close the bracket after a name (fourteenth round (b)).
 * Returns the date's start and sets *end, or 0. */
static const char *const bracket_relations[] = {"長男", "長女", "次男", "次女", "三男", "三女",
						"世帯主", "本人", "妻", "夫", "子", "父", "母",
						NULL};

static size_t relation_bracket_date(const struct pii__text *t, size_t i, size_t *end)
{
	if (i < t->n && t->cp[i] == ' ')
		i++;
	if (i + 1 >= t->n || t->cp[i] != '(')
		return 0;
	size_t m = pii__match_any(t, i + 1, bracket_relations);
	size_t d = i + 1 + m;
	if (!m || d >= t->n || (t->cp[d] != 0x3001 /* 、 */ && t->cp[d] != ',' && t->cp[d] != ' '))
		return 0;
	d++;
	if (d < t->n && t->cp[d] == ' ')
		d++;
	size_t e = pii__date_end(t, d);
	if (!e || e >= t->n || t->cp[e] != ')' || e - d < 6)
		return 0;
	*end = e;
	return d;
}

/* 三原 湊（H18.6.11・特定扶養）: a full date opens the bracket after a name
 * and a short note after ・ or 、 closes it; the note says what the person
 * counts as (sixteenth round (b)). A note that names another day, a
 * death or a filing (（令和7年4月1日・転入）, （…、死亡）) keeps the date
 * unreported. Returns the date's start and sets *end, or 0. */
static size_t bracket_date_with_note(const struct pii__text *t, size_t i, size_t *end)
{
	static const char *const events[] = {"転入", "転出", "転居", "届", "申請", "受付", "交付",
					     "入所", "退所", "入院", "退院", "現在", "婚", "付",
					     "予定", "更新", "取得", "喪失", NULL};
	if (i + 1 >= t->n || t->cp[i] != '(')
		return 0;
	size_t d = i + 1, e = pii__date_end(t, d);
	if (!e || e - d < 6 || e + 1 >= t->n || (t->cp[e] != 0x30FB /* ・ */ && t->cp[e] != 0x3001))
		return 0;
	size_t q = e + 1;
	while (q < t->n && q - e <= 8 && t->cp[q] != ')') {
		uint32_t ch = t->cp[q];
		if (pii__is_boundary(ch) || pii__is_digit(ch) || ch == '(' || ch == 0x65E5 /* 日 */ ||
		    ch == 0x6B7B /* 死 */ || ch == 0x4EA1 /* 亡 */ || ch == 0x6CA1 /* 没 */ ||
		    pii__match_any(t, q, events))
			return 0;
		q++;
	}
	if (q == e + 1 || q >= t->n || t->cp[q] != ')')
		return 0;
	*end = e;
	return d;
}

/* 増渕 キヨさん（独居、S9.11.30）, 孫 春花さん（ソン チュンファ、独居、
 * 1940/11/11）: the bracket after a name and its honorific lists what the
 * person is, and its last item, closing it, is a full date of an old year
 * (twentieth round (b)). An item naming an event keeps the date
 * unreported (（転入、2015年4月1日）). The bracket's content starts at d;
 * returns the date's start and sets *end, or 0. */
static size_t last_item_birth(const struct pii__text *t, size_t d, size_t *end)
{
	static const char *const events[] = {"転入", "転出", "転居", "届", "申請", "受付", "交付",
					     "入所", "退所", "入院", "退院", "死亡", "来庁", "予定",
					     "更新", "婚", "現在", NULL};
	size_t q = d, last = 0;
	while (q < t->n && q - d < 40 && t->cp[q] != ')') {
		uint32_t ch = t->cp[q];
		if (pii__is_boundary(ch) || ch == '(')
			return 0;
		if (ch == 0x3001 /* 、 */)
			last = q + 1;
		q++;
	}
	if (!last || q >= t->n || t->cp[q] != ')')
		return 0;
	size_t s = last < t->n && t->cp[last] == ' ' ? last + 1 : last;
	size_t e = pii__date_end(t, s);
	if (e != q || e - s < 6 || !old_date(t, s, e))
		return 0;
	for (size_t k = d; k < last; k++)
		if (pii__match_any(t, k, events))
			return 0;
	*end = e;
	return s;
}

/* NGUYEN THI MAIさん（H12.4.8、在留カード …）: after a name and its
 * honorific, a bracket that opens with a full date and goes on, after 、
 * or a comma, with the person's papers or sex (twentieth round (b)): the
 * date is the birth. Another item (（12月1日、来庁）, （…、転入）) keeps it
 * unreported. Returns the date's start and sets *end, or 0. */
/* A number of the person's own at q, its label and then its digits (稲
 * ヨネさん（昭和8年2月6日、被保険者番号4600074519）; batch 353): the
 * bracket holds the person's particulars, and its date is the birth. The
 * label alone (…、個人番号カード交付) is an errand, not a particular. */
static int numbered_paper(const struct pii__text *t, size_t q)
{
	static const char *const labels[] = {"被保険者番号", "個人番号", "基礎年金番号",
					     "住民票コード", "保険証番号", NULL};
	size_t m = pii__match_any(t, q, labels);
	if (!m)
		return 0;
	q += m;
	while (q < t->n && (t->cp[q] == ' ' || t->cp[q] == ':') && m < 10)
		q++, m++;
	return q < t->n && pii__is_digit(t->cp[q]);
}

static size_t honorific_bracket_date(const struct pii__text *t, size_t i, size_t *end)
{
	static const char *const honorifics[] = {"さん", "様", "氏", "くん", "ちゃん", "君", NULL};
	static const char *const papers[] = {"在留カード", "国籍", "旅券", "パスポート", "男",
					     "女", NULL};
	size_t m = pii__match_any(t, i, honorifics);
	if (!m || i + m + 1 >= t->n || t->cp[i + m] != '(')
		return 0;
	size_t d = i + m + 1, e = pii__date_end(t, d);
	if (!e)
		return last_item_birth(t, d, end);
	if (e - d < 6 || e + 1 >= t->n || (t->cp[e] != 0x3001 /* 、 */ && t->cp[e] != ','))
		return 0;
	size_t q = e + 1;
	if (q < t->n && t->cp[q] == ' ')
		q++;
	if (!pii__match_any(t, q, papers) && !numbered_paper(t, q))
		return 0;
	*end = e;
	return d;
}

static void birth_dates_in_brackets(const struct pii__text *t, struct pii__cands *c, size_t from)
{
	struct span_index cov = {0};
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_PERSON)
			continue;
		size_t i = c->v[k].end;
		size_t rs, re;
		if ((rs = relation_bracket_date(t, i, &re)) && !covered(&cov, t, c, c->n, rs, re)) {
			pii__cand_add(c, t, rs, re, PII_DATE_OF_BIRTH, 0.9);
			continue;
		}
		if ((rs = bracket_date_with_note(t, i, &re)) &&
		    !covered(&cov, t, c, c->n, rs, re)) {
			pii__cand_add(c, t, rs, re, PII_DATE_OF_BIRTH, 0.9);
			continue;
		}
		if ((rs = honorific_bracket_date(t, i, &re)) &&
		    !covered(&cov, t, c, c->n, rs, re)) {
			pii__cand_add(c, t, rs, re, PII_DATE_OF_BIRTH, 0.9);
			continue;
		}
		size_t m = pii__match_any(t, i, child_honorifics);
		/* Gabriel 9さい（2016/05/08）, 陽向 小1（2019.5.2）: an age or a
		 * school year between the name and the bracket (sixteenth
		 * round (b)) */
		if (!m && i + 1 < t->n && t->cp[i] == ' ') {
			size_t g = grade_or_age_end(t, i + 1);
			if (g > i + 1)
				m = g - i;
		}
		if (!m && k < from)
			continue; /* pii.c has read it */
		size_t s, e;
		if ((s = pii__bracket_date(t, i + m, &e)) && !covered(&cov, t, c, c->n, s, e))
			pii__cand_add(c, t, s, e, PII_DATE_OF_BIRTH, 0.9);
	}
	span_index_release(&cov);
}

/* ---- a date in brackets on a person's line (tenth round (a)) ----------------- */

/* A line that opens with a person's field (対象児 加藤 蒼空（平成31年1月7日）,
 * 利用者：村松 ふみ様（大正15年6月30日）, 対象児童 Miguel（2017.09.04）、Sofia
 * （2020.02.22）): a full date alone in brackets right after each name of
 * the line is that person's birth date, whether or not a name rule has
 * found the name. The name is a run of letters, kana, kanji and spaces
 * with no digit and no bracket; the bracket closes right after the date
 * and the date carries its year (a committee's 委員会（令和7年11月5日） opens
 * no person's field; 対象者：全員（令和7年12月1日現在） does not close). */
static const char *const person_fields[] = {
	"対象児童", "対象児", "対象者", "利用者", "申請者", "請求者", "受給者", "被保険者",
	"相談者", "入所者", "患者", "世帯主", "本人", "児童", "長男", "長女", "次男", "次女",
	"三男", "三女", "子", "妻", "夫", NULL,
};

static int name_run_char(uint32_t c)
{
	return pii__is_kanji(c) || pii__is_kata(c) || pii__is_hira(c) || pii__is_latin(c) ||
	       c == ' ' || c == 0x30FB /* ・ */;
}

/* [a, b) looks like a person's name, not a thing's (申請者 説明会（…）): a
 * name rule found a person there, or it is written in Latin letters, or
 * it holds a space between two words (加藤 蒼空), or it ends with an
 * honorific (ふみ様). */
static int name_shaped(struct span_index *ps, const struct pii__text *t,
		       const struct pii__cands *c, size_t a, size_t b)
{
	while (b > a && t->cp[b - 1] == ' ')
		b--;
	if (b <= a)
		return 0;
	if (span_overlap(ps, SPAN_PERSON, t, c, c->n, a, b))
		return 1;
	if (pii__is_latin(t->cp[a]))
		return 1;
	for (size_t q = a + 1; q + 1 < b; q++)
		if (t->cp[q] == ' ')
			return 1;
	static const char *const hon[] = {"様", "さん", "くん", "ちゃん", "さま", NULL};
	return pii__ends_with(t, a + 1, b, hon) != 0;
}

static void birth_dates_on_person_lines(const struct pii__text *t, struct pii__cands *c)
{
	struct span_index cov = {0}, ps = {0};
	int lines = pii__may_have(t, '\n');
	for (size_t ls = 0; ls < t->n;) {
		size_t q = ls;
		while (q < t->n && t->cp[q] == ' ')
			q++;
		/* a field's label opens the line (no label holds a line end) */
		size_t m = q < t->n ? pii__match_any(t, q, person_fields) : 0;
		if (!m && !lines)
			break; /* one line: nothing after it */
		size_t le = pii__skip_to_cp(t, ls, '\n');
		if (m && q + m < le && (t->cp[q + m] == ' ' || t->cp[q + m] == ':')) {
			size_t i = q + m + 1;
			for (int items = 0; items < 8 && i < le; items++) {
				while (i < le && t->cp[i] == ' ')
					i++;
				size_t a = i;
				while (i < le && name_run_char(t->cp[i]) && i - a < 20)
					i++;
				if (i == a || i + 1 >= le || t->cp[i] != '(' ||
				    !name_shaped(&ps, t, c, a, i))
					break;
				size_t e = pii__date_end(t, i + 1);
				if (!e || e >= le || t->cp[e] != ')' || e - i < 7)
					break;
				if (!covered(&cov, t, c, c->n, i + 1, e))
					pii__cand_add(c, t, i + 1, e, PII_DATE_OF_BIRTH, 0.9);
				i = e + 1;
				if (i < le && (t->cp[i] == 0x3001 /* 、 */ || t->cp[i] == 0x30FB))
					i++;
				else
					break;
			}
		}
		ls = le + 1;
	}
	span_index_release(&cov);
	span_index_release(&ps);
}

/* 妻 Gurung Sita、長男 アーラブ（2019.10.03）: a relation word, a space and a
 * name in katakana or Latin letters, then a full date alone in brackets,
 * inside a line as an item of a list (after 、, ・, a space or a colon) as
 * well as opening it (seventeenth round (b)). Walks the brackets only. */
static const char *const item_relations[] = {"長男", "長女", "次男", "次女", "三男", "三女",
					     "妻", "夫", "子", "孫", NULL};

static void birth_dates_after_relations(const struct pii__text *t, struct pii__cands *c)
{
	struct span_index cov = {0};
	for (size_t b = pii__find_cp(t, 0, '('); b < t->n; b = pii__find_cp(t, b + 1, '(')) {
		size_t e = pii__date_end(t, b + 1);
		if (!e || e >= t->n || t->cp[e] != ')' || e - b < 7 || b < 4)
			continue;
		/* the bracket ends the item (not …（2025年4月1日）に参加) */
		uint32_t after = e + 1 < t->n ? t->cp[e + 1] : '\n';
		if (after != 0x3001 /* 、 */ && after != 0x30FB /* ・ */ && after != ' ' &&
		    after != '\n' && after != '\r' && after != ',' && after != 0x3002 /* 。 */)
			continue;
		size_t a = b;
		int kata = pii__is_kata(t->cp[b - 1]);
		while (a > 0 && b - a < 20 &&
		       (kata ? pii__is_kata(t->cp[a - 1])
			     : pii__is_latin(t->cp[a - 1]) || t->cp[a - 1] == ' '))
			a--;
		while (a < b && t->cp[a] == ' ')
			a++;
		if (b - a < 2 || a < 2 || t->cp[a - 1] != ' ')
			continue;
		size_t r = a - 1;
		size_t m = 0;
		for (size_t k = 0; item_relations[k] && !m; k++) {
			size_t kl = pii__kw_len(item_relations[k]);
			if (r >= kl && pii__match(t, r - kl, item_relations[k]) == kl)
				m = kl;
		}
		if (!m)
			continue;
		size_t p = r - m;
		if (p > 0 && t->cp[p - 1] != 0x3001 /* 、 */ && t->cp[p - 1] != 0x30FB /* ・ */ &&
		    t->cp[p - 1] != ' ' && t->cp[p - 1] != ':' && t->cp[p - 1] != '\n' &&
		    t->cp[p - 1] != ',')
			continue;
		if (!covered(&cov, t, c, c->n, b + 1, e))
			pii__cand_add(c, t, b + 1, e, PII_DATE_OF_BIRTH, 0.9);
	}
	span_index_release(&cov);
}

/* ---- a town alone as a person's address (ninth round) ------------------------ */

/* Writers label a town without a block number as the address of the
 * person it stands beside (相手：川上 勇気 様（倉敷市連島町）, a shelter's
 * list: 村田 重信（84）・妻 和子（80）　城南町舞原), though the guard reports
 * no address without a block number elsewhere. The place is a kanji run of
 * a municipality's name and its suffix (市区町村郡) then a town's name of
 * 2-4 kanji, or two suffixed names (倉敷市連島町); no word of an office, a
 * role or a residence status in the town's part (熊本市役所, 北区議会,
 * 市内在住). */
static const uint32_t not_town[] = {
	0x5F79 /* 役 */, 0x6240 /* 所 */, 0x4F1A /* 会 */, 0x8B70 /* 議 */, 0x54E1 /* 員 */,
	0x9577 /* 長 */, 0x5185 /* 内 */, 0x5916 /* 外 */, 0x5728 /* 在 */, 0x4F4F /* 住 */,
	0x51FA /* 出 */, 0x8EAB /* 身 */, 0x62C5 /* 担 */, 0x5F53 /* 当 */, 0x8AB2 /* 課 */,
	0x4FC2 /* 係 */, 0x90E8 /* 部 */, 0x5C40 /* 局 */, 0x5E81 /* 庁 */, 0x9928 /* 館 */,
	0x6821 /* 校 */, 0x5712 /* 園 */, 0x9662 /* 院 */, 0x5834 /* 場 */, 0x5BA4 /* 室 */,
	0x6C11 /* 民 */, 0x7ACB /* 立 */, 0x55B6 /* 営 */, 0x8077 /* 職 */, 0x59D4 /* 委 */,
	0x5354 /* 協 */, 0x56E3 /* 団 */, 0x7D44 /* 組 */, 0x515A /* 党 */, 0x793E /* 社 */,
	0x968A /* 隊 */, 0x79D1 /* 科 */, 0x4E01 /* 丁 (三丁目: a district) */,
};

static int municipal_suffix(uint32_t c)
{
	return c == 0x5E02 /* 市 */ || c == 0x533A /* 区 */ || c == 0x753A /* 町 */ ||
	       c == 0x6751 /* 村 */ || c == 0x90E1 /* 郡 */;
}

/* The end of a town-only place at q, or 0. */
static size_t town_place_at(const struct pii__text *t, size_t q)
{
	size_t e = q;
	/* a municipality named in hiragana (さいたま市, いわき市) */
	while (e < t->n && pii__is_hira(t->cp[e]) && e - q <= 5)
		e++;
	if (e > q && (e - q < 2 || e >= t->n || !municipal_suffix(t->cp[e])))
		return 0;
	while (e < t->n && pii__is_kanji(t->cp[e]) && e - q <= 12)
		e++;
	/* 倉敷市連島町在住: the place before 在住 */
	if (e - q >= 6 && pii__match(t, e - 2, "在住"))
		e -= 2;
	if (e - q < 4 || e - q > 12)
		return 0;
	size_t nsuf = 0, last = 0;
	/* a name of two kanji before its suffix at least, one before 区
	 * (南区城南町) */
	for (size_t k = q + 1; k < e; k++)
		if (municipal_suffix(t->cp[k]) && (k >= q + 2 || t->cp[k] == 0x533A /* 区 */))
			nsuf++, last = k;
	if (!nsuf)
		return 0;
	size_t tail = e - last - 1;
	if (!((tail == 0 && nsuf >= 2) || (tail >= 2 && tail <= 4)))
		return 0;
	for (size_t k = q; k < e; k++)
		for (size_t w = 0; w < YK_ARRAY_LEN(not_town); w++)
			if (t->cp[k] == not_town[w])
				return 0;
	return e;
}

static const char *const town_honorifics[] = {"様", "さん", "さま", "氏", "くん", "ちゃん", NULL};

/* An age in brackets ending at p - 1 (（84）, （5歳）): its opening bracket,
 * or 0. */
static size_t age_bracket_before(const struct pii__text *t, size_t p)
{
	if (p < 3 || t->cp[p - 1] != ')')
		return 0;
	size_t q = p - 1;
	if (t->cp[q - 1] == 0x6B73 /* 歳 */)
		q--;
	size_t d = q;
	while (d > 0 && pii__is_digit(t->cp[d - 1]) && q - d < 3)
		d--;
	if (d == q || d == 0 || t->cp[d - 1] != '(')
		return 0;
	return d - 1;
}

static void towns_beside_persons(const struct pii__text *t, struct pii__cands *c, size_t n)
{
	struct span_index cov = {0}, lp = {0};
	/* a place in brackets right after a name and its honorific */
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_PERSON)
			continue;
		size_t i = c->v[k].end;
		while (i < t->n && t->cp[i] == ' ' && i - c->v[k].end < 2)
			i++;
		i += pii__match_any(t, i, town_honorifics);
		if (i + 1 >= t->n || t->cp[i] != '(')
			continue;
		size_t e = town_place_at(t, i + 1);
		/* 山本さん（四万十市具同）: a district named after the city
		 * without a town's suffix of its own is the neighbourhood the
		 * person is known by, not their address; 倉敷市連島町 names
		 * the town (twenty-eighth round (c)) */
		if (e && !municipal_suffix(t->cp[e - 1]) && !pii__match(t, e, "在住"))
			e = 0;
		size_t close = e && pii__match(t, e, "在住") ? e + 2 : e;
		if (e && close < t->n && t->cp[close] == ')' &&
		    !covered(&cov, t, c, c->n, i + 1, e))
			pii__cand_add(c, t, i + 1, e, PII_ADDRESS, 0.8);
	}
	/* a list's entry: an age in brackets, spaces, the place ending its
	 * line or followed by の (城南町隈庄のアパート) */
	for (size_t i = 1; i + 4 < t->n; i++) {
		i = pii__skip_to_cp(t, i, ' ');
		if (i + 4 >= t->n)
			break;
		if (t->cp[i] != ' ' || t->cp[i - 1] != ')' || !age_bracket_before(t, i))
			continue;
		/* a list of persons: a name found on the age's line
		 * (町内会（15）　桜木町 is a count of households) */
		size_t ls = i;
		while (ls > 0 && t->cp[ls - 1] != '\n')
			ls--;
		if (!line_has_person(&lp, t, c, n, ls, ls))
			continue;
		size_t q = i;
		while (q < t->n && t->cp[q] == ' ')
			q++;
		size_t e = town_place_at(t, q);
		if (!e || (e < t->n && t->cp[e] != '\n' && t->cp[e] != 0x306E /* の */ &&
			   t->cp[e] != ' ' && t->cp[e] != 0x3001 /* 、 */ && t->cp[e] != 0x3002))
			continue;
		if (!covered(&cov, t, c, c->n, q, e))
			pii__cand_add(c, t, q, e, PII_ADDRESS, 0.8);
		i = e;
	}
	span_index_release(&cov);
	span_index_release(&lp);
}

/* ---- a hamlet's lot as a person's address (batches 346-353) ------------------ */

/* Rural writers name a house by its hamlet and lot alone, no municipality,
 * no 字 and no block (盛 ヨシ子さん（手花204）, 自宅（芦名139）, a shelter's
 * roll 里 ハル 94歳 久茂82, 宇里47-3の勝 直樹さん): a place of two to four
 * kanji and a lot number is an address only where the layout says whose it
 * is: in brackets right after a person (an age before it allowed) or after
 * 自宅 or 実家, in a roll's row after a person and an age, or before の and
 * a person when the lot is hyphenated. The place is no word of an office,
 * a room or a count (not_town: 内線12, 会議室12), does not end in a unit
 * an age or a grade (号, 棟, 階, 歳, 日齢21, 要介護3 and 要支援2: a lot has two
 * digits at least or a hyphen), and is no era (昭和12); the lot does not open with 0
 * (携帯090-…). */
static const uint32_t lot_place_stops[] = {
	0x53F7 /* 号 */, 0x68DF /* 棟 */, 0x968E /* 階 */, 0x7DDA /* 線 */, 0x756A /* 番 */,
	0x6B73 /* 歳 */, 0x624D /* 才 */, 0x5E74 /* 年 */, 0x6708 /* 月 */, 0x65E5 /* 日 */,
	0x56DE /* 回 */, 0x4EF6 /* 件 */, 0x4EBA /* 人 */, 0x5186 /* 円 */, 0x5206 /* 分 */,
	0x6642 /* 時 */, 0x7D1A /* 級 */, 0x5EA6 /* 度 */, 0x7B49 /* 等 */, 0x7B2C /* 第 */,
	0x8A08 /* 計 */, 0x7D04 /* 約 */, 0x9F62 /* 齢 */, 0x70B9 /* 点 */, 0x533A /* 区 */,
	0x8B77 /* 護 */, 0x63F4 /* 援 */, 0x671F /* 期 */, 0x73ED /* 班 */, 0x7D44 /* 組 */,
};
static const char *const lot_eras[] = {"昭和", "平成", "令和", "大正", "明治", NULL};

/* The end of a hamlet's name and lot at q (芦名139, 宇里47-3), or 0; *hyph
 * set when the lot has a hyphen. */
static size_t hamlet_lot_at(const struct pii__text *t, size_t q, int *hyph)
{
	size_t p = q;
	while (p < t->n && pii__is_kanji(t->cp[p]) && p - q <= 4)
		p++;
	if (p - q < 2 || p - q > 4 || p + 1 >= t->n || t->cp[p] == '0' ||
	    !pii__is_digit(t->cp[p]) || pii__match_any(t, q, lot_eras))
		return 0;
	for (size_t k = q; k < p; k++)
		for (size_t w = 0; w < YK_ARRAY_LEN(not_town); w++)
			if (t->cp[k] == not_town[w])
				return 0;
	for (size_t w = 0; w < YK_ARRAY_LEN(lot_place_stops); w++)
		if (t->cp[p - 1] == lot_place_stops[w])
			return 0;
	size_t e = p, digits = 0;
	*hyph = 0;
	for (int part = 0; part < 3; part++) {
		size_t d = e;
		while (e < t->n && pii__is_digit(t->cp[e]) && e - d < 5)
			e++;
		if (e == d || e - d > 4)
			return 0;
		digits += e - d;
		if (part < 2 && e + 1 < t->n && t->cp[e] == '-' && pii__is_digit(t->cp[e + 1])) {
			*hyph = 1;
			e++;
			continue;
		}
		/* 津留865番地1, 津留865番地: the lot in 番地, a branch after
		 * it or not (twenty-seventh round); 番地 says lot as a hyphen
		 * does */
		if (part == 0 && pii__match(t, e, "番地")) {
			e += 2;
			*hyph = 1;
			if (e < t->n && pii__is_digit(t->cp[e]))
				continue;
		}
		break;
	}
	if (e < t->n && (pii__is_digit(t->cp[e]) || t->cp[e] == '-'))
		return 0;
	return digits >= 2 || *hyph ? e : 0;
}

/* An age at q (94歳, or digits alone before 歳 is written: 3 digits at
 * most) and the separator after it (、 or a space): where the text goes
 * on, or q. */
static size_t age_then_sep(const struct pii__text *t, size_t q, uint32_t sep)
{
	size_t d = q;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - q < 4)
		d++;
	if (d == q || d - q > 3 || d + 1 >= t->n || t->cp[d] != 0x6B73 /* 歳 */ || t->cp[d + 1] != sep)
		return q;
	d += 2;
	while (d < t->n && t->cp[d] == ' ')
		d++;
	return d;
}

static void hamlet_lot_add(struct span_index *cov, const struct pii__text *t,
			   struct pii__cands *c, size_t s, size_t e)
{
	if (!covered(cov, t, c, c->n, s, e))
		pii__cand_add(c, t, s, e, PII_ADDRESS, 0.85);
}

static void hamlet_lots_beside_persons(const struct pii__text *t, struct pii__cands *c, size_t n)
{
	struct span_index cov = {0};
	int hyph;
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_PERSON)
			continue;
		size_t i = c->v[k].end;
		/* 宇里47-3の勝 直樹さん: the lot's place opens the line or
		 * follows a space or a bracket */
		size_t s0 = c->v[k].start;
		if (s0 >= 5 && t->cp[s0 - 1] == 0x306E /* の */ && pii__is_digit(t->cp[s0 - 2])) {
			size_t q = s0 - 1;
			while (q > 0 && (pii__is_digit(t->cp[q - 1]) || t->cp[q - 1] == '-') &&
			       s0 - 1 - q < 15)
				q--;
			size_t a = q;
			while (a > 0 && pii__is_kanji(t->cp[a - 1]) && q - a < 5)
				a--;
			size_t e = a < q ? hamlet_lot_at(t, a, &hyph) : 0;
			if (e == s0 - 1 && hyph &&
			    (a == 0 || t->cp[a - 1] == '\n' || t->cp[a - 1] == ' ' || t->cp[a - 1] == '('))
				hamlet_lot_add(&cov, t, c, a, e);
		}
		i += pii__match_any(t, i, town_honorifics);
		if (i < t->n && t->cp[i] == 0x5B85 /* 宅 */)
			i++;
		if (i + 3 >= t->n)
			continue;
		if (t->cp[i] == '(') {
			size_t q = age_then_sep(t, i + 1, 0x3001 /* 、 */);
			size_t e = hamlet_lot_at(t, q, &hyph);
			if (e && e < t->n && (t->cp[e] == ')' || t->cp[e] == 0x3001 || t->cp[e] == ','))
				hamlet_lot_add(&cov, t, c, q, e);
		} else if (t->cp[i] == ' ') {
			/* a roll's row: the name, the age, the lot, a note */
			size_t q = i;
			while (q < t->n && t->cp[q] == ' ' && q - i < 3)
				q++;
			size_t r = age_then_sep(t, q, ' ');
			size_t e = r > q ? hamlet_lot_at(t, r, &hyph) : 0;
			if (e && (e == t->n || t->cp[e] == ' ' || t->cp[e] == '\n' || t->cp[e] == '\r'))
				hamlet_lot_add(&cov, t, c, r, e);
		}
	}
	/* 自宅（芦名139）, 実家（…）: the home of the text's person */
	static const char *const homes[] = {"自宅", "実家", NULL};
	if (!pii__may_have(t, '(') ||
	    !(pii__may_have(t, 0x5B85 /* 宅 */) || pii__may_have(t, 0x5BB6 /* 家 */))) {
		span_index_release(&cov);
		return;
	}
	for (size_t i = pii__find_cp(t, 2, '('); i < t->n; i = pii__find_cp(t, i + 1, '(')) {
		if (!pii__ends_with(t, i - 2, i, homes))
			continue;
		size_t e = hamlet_lot_at(t, i + 1, &hyph);
		if (e && e < t->n && (t->cp[e] == ')' || t->cp[e] == 0x3001 || t->cp[e] == ','))
			hamlet_lot_add(&cov, t, c, i + 1, e);
	}
	span_index_release(&cov);
}

/* ---- a given name alone after a relation ------------------------------------ */

static const char *const relations[] = {"長男", "長女", "次男", "次女", "三男", "三女", "妻",
					"夫", "子", "父", "母", "孫", "兄", "姉", "弟", "妹", NULL};

/* The first position from i that follows a line start, 、, a space, ':',
 * ） or a comma (or t->n): a tight loop. */
static size_t skip_to_field_start(const struct pii__text *t, size_t i)
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	for (; i > 0 && i < n; i++) {
		uint32_t p = cp[i - 1];
		if (p == '\n' || p == 0x3001 || p == ' ' || p == ':' || p == ')' || p == ',')
			break;
	}
	return i;
}

static void given_after_relation(const struct pii__text *t, struct pii__cands *c,
				 const struct pii__names *names)
{
	for (size_t i = 0; i + 2 < t->n; i++) {
		i = skip_to_field_start(t, i);
		if (i + 2 >= t->n)
			break;
		/* the relation stands alone as a field: after a line start, 、,
		 * a space, ':' or ） */
		if (i > 0) {
			uint32_t p = t->cp[i - 1];
			if (p != '\n' && p != 0x3001 && p != ' ' && p != ':' && p != ')' && p != ',')
				continue;
		}
		if (!pii__is_kanji(t->cp[i]))
			continue;
		size_t m = pii__match_any(t, i, relations);
		if (!m)
			continue;
		size_t a = i + m;
		if (a >= t->n || t->cp[a] != ' ')
			continue;
		a++;
		size_t b = a;
		while (b < t->n && (pii__is_kanji(t->cp[b]) || pii__is_hira(t->cp[b])) && b - a < 4)
			b++;
		if (b == a || b - a > 3)
			continue;
		if (b < t->n && t->cp[b] != 0x3001 && t->cp[b] != 0x3002 && t->cp[b] != '(' &&
		    t->cp[b] != '\n' && t->cp[b] != ',' && !(t->cp[b] == ' ' && b + 1 < t->n &&
							    (t->cp[b + 1] == '(' || pii__is_digit(t->cp[b + 1]))))
			continue;
		if (!(pii__names_lookup(names, t->cp + a, b - a) & PII_NAME_GIVEN))
			continue;
		pii__cand_add(c, t, a, b, PII_PERSON, 0.75);
	}
}

/* ---- a corporate number under a 法人番号 column ----------------------------- */

static void corporate_numbers(const struct pii__text *t, struct pii__cands *c)
{
	struct span_index cov = {0};
	size_t label = SIZE_MAX;
	for (size_t i = pii__find_cp(t, 0, 0x6CD5 /* 法 */); i + 4 <= t->n;
	     i = pii__find_cp(t, i + 1, 0x6CD5))
		if (pii__match(t, i, "法人番号")) {
			label = i + 4;
			break;
		}
	if (label == SIZE_MAX)
		return;
	for (size_t i = label; i + 13 <= t->n; i++) {
		if (!pii__is_digit(t->cp[i]) || (i > 0 && pii__is_digit(t->cp[i - 1])))
			continue;
		size_t e = i;
		while (e < t->n && pii__is_digit(t->cp[e]))
			e++;
		if (e - i != 13) {
			i = e;
			continue;
		}
		char d[13];
		for (size_t k = 0; k < 13; k++)
			d[k] = (char)t->cp[i + k];
		if (pii_check_corporate_number(d, 13) && !covered(&cov, t, c, c->n, i, e))
			pii__cand_add(c, t, i, e, PII_JP_CORPORATE_NUMBER, 0.9);
		i = e;
	}
	span_index_release(&cov);
}

/* ---- a katakana reading after a name in Latin letters ----------------------- */

/* Katakana words in brackets that are no reading of a name. */
static const char *const not_readings[] = {
	"カタカナ", "フリガナ", "アルファベット", "ローマジ", "パスポート", "ベトナム", "ブラジル",
	"フィリピン", "ネパール", "インドネシア", "ミャンマー", "モンゴル", "タイ", "ペルー",
	"アメリカ", "カナダ", "イギリス", "フランス", "ドイツ", "インド", "スリランカ", "カンボジア",
	"バングラデシュ", "ラオス", "マレーシア", "パキスタン", "イタリア", "スペイン", "ロシア",
	"ウクライナ", "オーストラリア", "コロンビア", "ボリビア", "アルゼンチン", "メキシコ",
	"ウズベキスタン", "アフガニスタン", "トルコ", "イラン", "エジプト", "ナイジェリア", NULL};

/* The hiragana words after a name that are honorifics, no given name. */
static const char *const kana_courtesies[] = {"さん", "さま", "くん", "ちゃん", NULL};

/* 1 when the reading [a, b) writes hiragana only as its last word, after a
 * space (ホイッテカー さくら: a Japanese given name in hiragana), and that
 * word is no honorific; or no hiragana at all. */
static int reading_hiragana_last(const struct pii__text *t, size_t a, size_t b)
{
	size_t h = a;
	while (h < b && !pii__is_hira(t->cp[h]))
		h++;
	if (h == b)
		return 1;
	if (h == a || t->cp[h - 1] != ' ' || pii__match_any(t, h, kana_courtesies) == b - h)
		return 0;
	for (size_t q = h; q < b; q++)
		if (!pii__is_hira(t->cp[q]))
			return 0;
	return 1;
}

/* Lê Thị Mai（レ・ティ・マイ）, Carlos Eduardo Yamamoto（ヤマモト カルロス
 * エドゥアルド）: katakana words (・ or spaces between) in brackets right
 * after a PERSON written in Latin letters are the same person's name; a
 * space may part the bracket from the name, and the given name may be
 * written in hiragana (Sakura Whitaker (ホイッテカー さくら), an English
 * letter's; batches 402-405). */
static void readings_after_latin(const struct pii__text *t, struct pii__cands *c, size_t n)
{
	struct span_index cov = {0};
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_PERSON)
			continue;
		size_t e = c->v[k].end;
		if (e == 0 || !pii__is_latin(t->cp[e - 1]) || e + 3 >= t->n)
			continue;
		if (t->cp[e] == ' ' && t->cp[e + 1] == '(')
			e++;
		if (t->cp[e] != '(')
			continue;
		size_t a = e + 1, b = a, letters = 0;
		while (b < t->n &&
		       (pii__is_kata(t->cp[b]) || pii__is_hira(t->cp[b]) || t->cp[b] == 0x30FB ||
			t->cp[b] == ' ') &&
		       b - a <= 30) {
			letters += pii__is_kata(t->cp[b]) || pii__is_hira(t->cp[b]);
			b++;
		}
		if (b >= t->n || t->cp[b] != ')' || letters < 2 || !pii__is_kata(t->cp[a]) ||
		    t->cp[b - 1] == ' ' || !reading_hiragana_last(t, a, b))
			continue;
		int stop = 0;
		for (size_t w = 0; not_readings[w] && !stop; w++)
			stop = pii__match(t, a, not_readings[w]) == b - a;
		if (!stop && !covered(&cov, t, c, c->n, a, b))
			pii__cand_add(c, t, a, b, PII_PERSON, 0.8);
	}
	span_index_release(&cov);
}

/* ---- katakana names of foreign residents -------------------------------------- */

/* Roles and relations after which katakana words are a person's name. */
static const char *const kana_roles[] = {
	"世帯主", "世帯員", "同居人", "配偶者", "妻", "夫", "子", "長男", "長女", "次男", "次女",
	"父", "母", "兄", "姉", "弟", "妹", "本人", "申請者", "届出人", "対象者", "保護者", "児童",
	"生徒", "学生", "留学生", "技能実習生", "実習生", "研修生", "通訳", "転入者", "転出者",
	"相談者", "被保険者", "受給者", "請求者", "利用者", "患者", "従業員", "氏名", "名前",
	"国籍", "申出人", "代理人", "同行者", "連絡者", "Name", NULL};

/* Members' titles glued after a name (…隊員, …委員, …講師). */
static const char *const kana_titles_after[] = {"隊員", "委員", "職員", "議員", "講師", "先生",
						"選手", "氏", NULL};

/* Katakana words that are things, not names. */
static const char *const kana_nouns[] = {
	"アンケート", "ボランティア", "スタッフ", "サービス", "センター", "ケース", "ワーカー",
	"ヘルパー", "ケアマネ", "カード", "マイナンバー", "データ", "システム", "メール",
	"ファイル", "リスト", "チェック", "サポート", "プラン", "グループ", "ホーム", "デイ",
	"ショート", "ステイ", "コピー", "メモ", "カタカナ", "フリガナ", "ローマ", "アルファベット",
	"パスポート", "ビザ", "オンライン", "ポイント", "コード", "ページ", "フォーム", "テスト",
	"チーム", "クラス", "レベル", "ガイド", "マニュアル", "セット", NULL};

/* Family names, in katakana, that most foreign residents carry (Vietnam,
 * Korea, China, the Philippines, Brazil and Peru, Nepal): katakana words
 * that open with one are a name even without a role before them. */
static const char *const kana_family[] = {
	"グエン", "チャン", "ファム", "ホアン", "フイン", "ファン", "ヴー", "ヴォー", "ダン", "ブイ",
	"ドー", "ホー", "ゴー", "ズオン", "レ", "キム", "パク", "チェ", "チョン", "カン", "チョ", "ユン",
	"イム", "ハン", "シン", "クォン", "ワン", "リー", "リウ", "チェン", "ヤン", "ジャオ", "ジョウ",
	"サントス", "レイエス", "クルス", "デラクルス", "ガルシア", "メンドーサ", "ラモス", "バウティスタ",
	"シルバ", "オリベイラ", "ソウザ", "ペレイラ", "フェレイラ", "ロドリゲス", "アウベス", "ゴメス",
	"コスタ", "カルバーリョ", "グルン", "タパ", "シュレスタ", "タマン", "シャルマ", "アディカリ",
	"マガル", "ライ", NULL};

/* End of katakana words at i (2 words at least, ・ or one space between,
 * a one-letter word only inside a name of three), or 0. */
static size_t kana_words_at(const struct pii__text *t, size_t i, size_t *nwords)
{
	size_t j = i, words = 0, end = 0;
	while (j < t->n && words < 5) {
		size_t w = j;
		while (j < t->n && pii__is_kata(t->cp[j]) && j - w < 14)
			j++;
		if (j == w)
			break;
		if (pii__match_any(t, w, kana_nouns))
			return 0;
		words++;
		end = j;
		/* a tab ends the cell (シュレスタ サビタ<TAB>ネパール, twelfth round (a)) */
		if (j + 1 < t->n && (t->cp[j] == 0x30FB || (t->cp[j] == ' ' && !pii__raw_tab(t, j))) &&
		    pii__is_kata(t->cp[j + 1]))
			j++;
		else
			break;
	}
	*nwords = words;
	if (words < 2)
		return 0;
	/* the name ends: punctuation, a bracket, a space before something
	 * else, an honorific, the end */
	if (end < t->n) {
		uint32_t c = t->cp[end];
		if (pii__is_kata(c) || pii__is_latin(c) || pii__is_digit(c))
			return 0;
		if (pii__is_hira(c) && !pii__match(t, end, "さん") && !pii__match(t, end, "さま") &&
		    !pii__match(t, end, "ちゃん") && !pii__match(t, end, "くん") &&
		    c != 0x306E /* の */ && c != 0x304C /* が */ && c != 0x306F /* は */ &&
		    c != 0x3068 /* と */ && c != 0x304B /* か(ら) */)
			return 0;
	}
	return end;
}

/* The first katakana from i (or t->n): a tight loop. */
static inline size_t skip_to_kata(const struct pii__text *t, size_t i)
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	while (i < n && !pii__is_kata(cp[i]))
		i++;
	return i;
}

/* Whether a word of the katakana words [i, e) (parted by ・ or a space)
 * is a name ENAMDICT lists for people (エマ, マリア; not スポーツ of a
 * committee's スポーツ・レクリエーション委員): words of 2-4 letters, the
 * dictionary's longest keys. */
static int kana_word_named(const struct pii__text *t, size_t i, size_t e)
{
	const struct pii__names *names = pii__names_get();
	if (!names)
		return 0;
	for (size_t a = i; a < e;) {
		size_t z = a;
		while (z < e && pii__is_kata(t->cp[z]))
			z++;
		if (z - a >= 2 && z - a <= 4 &&
		    (pii__names_lookup(names, t->cp + a, z - a) &
		     (PII_NAME_GIVEN | PII_NAME_SURNAME | PII_NAME_PERSON_U)))
			return 1;
		a = z + 1;
	}
	return 0;
}

static void kana_names(const struct pii__text *t, struct pii__cands *c, size_t n)
{
	struct span_index cov = {0};
	unsigned char *name_starts = NULL;
	for (size_t i = 0; i + 2 < t->n; i++) {
		i = skip_to_kata(t, i);
		if (i + 2 >= t->n)
			break;
		if (!pii__is_kata(t->cp[i]) ||
		    (i > 0 && (pii__is_kata(t->cp[i - 1]) || t->cp[i - 1] == 0x30FB)))
			continue;
		size_t words = 0, e = kana_words_at(t, i, &words);
		if (!e) {
			continue;
		}
		int person = 0;
		/* a role or relation standing as a label before it */
		size_t p = i;
		if (p == 0)
			;
		else if (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':')
			p--;
		else if (t->cp[p - 1] == 0x306E /* の: ブラジル国籍の, 留学生の */)
			p--;
		for (size_t k = 0; kana_roles[k] && !person; k++) {
			size_t m = pii__kw_len(kana_roles[k]);
			if (m > p || pii__match(t, p - m, kana_roles[k]) != m)
				continue;
			/* the role stands alone: 妻, not 夫妻 ... unless the list ends
			 * in a word (国籍, 実習生) */
			size_t r = p - m;
			person = m >= 2 || r == 0 || !pii__is_kanji(t->cp[r - 1]);
		}
		/* a family name most foreign residents carry opens it, as a
		 * word of its own (グエン・ティ・フオン, レ ティ ハー) */
		for (size_t k = 0; kana_family[k] && !person; k++) {
			size_t fm = pii__match(t, i, kana_family[k]);
			person = fm && (t->cp[i + fm] == 0x30FB || t->cp[i + fm] == ' ');
		}
		/* a member's title glued after it (ウィリアムズ・エマ隊員（林業担
		 * 当）, a regional volunteer; batches 418-421): two words or
		 * more and the title say a person, as 委員 after a kanji name */
		if (!person && e < t->n && pii__is_kanji(t->cp[e]) &&
		    pii__match_any(t, e, kana_titles_after))
			person = kana_word_named(t, i, e);
		/* a spelling in Latin letters or kanji in brackets after it: a
		 * name of the first n opens there (their starts marked once) */
		if (!person && e + 1 < t->n && t->cp[e] == '(') {
			if (!name_starts) {
				name_starts = yk_xcalloc(t->n, 1);
				for (size_t k = 0; k < n; k++)
					if (c->v[k].type == PII_PERSON && c->v[k].start < t->n)
						name_starts[c->v[k].start] = 1;
			}
			person = name_starts[e + 1];
		}
		if (person && !covered(&cov, t, c, c->n, i, e))
			pii__cand_add(c, t, i, e, PII_PERSON, 0.9);
		i = e;
	}
	free(name_starts);
	span_index_release(&cov);
}

/* ---- addresses abroad written in Japanese ------------------------------------ */

static const char *const countries[] = {
	"中華人民共和国", "中国", "大韓民国", "韓国", "台湾", "米国", "アメリカ合衆国", "アメリカ",
	"ベトナム", "フィリピン", "ブラジル", "ネパール", "ペルー", "インドネシア", "タイ王国",
	"タイ", "ミャンマー", "スリランカ", "インド", "モンゴル", "カンボジア", "バングラデシュ",
	"パキスタン", "マレーシア", "英国", "イギリス", "カナダ", "オーストラリア", NULL};

/* The length of the country's name at i, or 0. */
static size_t country_at(const struct pii__text *t, size_t i)
{
	return pii__match_any(t, i, countries);
}

/* The first code points of countries[] (most code points are none). */
static int country_first(uint32_t c)
{
	switch (c) {
	case 0x4E2D: /* 中 */ case 0x5927: /* 大 */ case 0x97D3: /* 韓 */ case 0x53F0: /* 台 */
	case 0x7C73: /* 米 */ case 0x82F1: /* 英 */ case 0x30A2: /* ア */ case 0x30D9: /* ベ */
	case 0x30D5: /* フ */ case 0x30D6: /* ブ */ case 0x30CD: /* ネ */ case 0x30DA: /* ペ */
	case 0x30A4: /* イ */ case 0x30BF: /* タ */ case 0x30DF: /* ミ */ case 0x30B9: /* ス */
	case 0x30E2: /* モ */ case 0x30AB: /* カ */ case 0x30D0: /* バ */ case 0x30D1: /* パ */
	case 0x30DE: /* マ */ case 0x30AA: /* オ */
		return 1;
	default:
		return 0;
	}
}

/* Administrative units and streets of addresses abroad. */
static int abroad_unit(uint32_t c)
{
	return c == 0x7701 /* 省 */ || c == 0x5E02 /* 市 */ || c == 0x5DDE /* 州 */ ||
	       c == 0x533A /* 区 */ || c == 0x8DEF /* 路 */ || c == 0x8857 /* 街 */ ||
	       c == 0x9053 /* 道 */ || c == 0x901A /* 通 */ || c == 0x6D1E /* 洞 */ ||
	       c == 0x90E1 /* 郡 */ || c == 0x93AE /* 鎮 */ || c == 0x9547 /* 镇 */ ||
	       c == 0x53BF /* 县 */ || c == 0x770C /* 県 */;
}

/* The first position from i that starts a country's name (country_first())
 * or t->n: a tight loop. */
static size_t skip_to_country(const struct pii__text *t, size_t i)
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	while (i < n && !country_first(cp[i]))
		i++;
	return i;
}

/* 0 only when no country of countries[] can occur in the text: without
 * katakana, only one that starts with 中, 大, 韓, 台, 米 or 英 (a few bit
 * tests instead of the list's cues) */
static int may_have_country(const struct pii__text *t)
{
	if (pii__may_have_class(t, PII_CUE_KATA))
		return pii__may_have_any(t, countries);
	return pii__may_have(t, 0x4E2D) || pii__may_have(t, 0x5927) || pii__may_have(t, 0x97D3) ||
	       pii__may_have(t, 0x53F0) || pii__may_have(t, 0x7C73) || pii__may_have(t, 0x82F1);
}

/* 中国上海市浦東新区世紀大道100号, 韓国ソウル特別市江南区テヘラン路152,
 * ネパール カトマンズ市 タメル地区 15番: after a country's name (and ・, a
 * space or 国), kanji and katakana words with two units or streets and a
 * number at the end are an address abroad; the country is not part of it
 * (as our sets label 中国・上海市…). */
static void abroad_addresses(const struct pii__text *t, struct pii__cands *c)
{
	struct span_index cov = {0};
	for (size_t i = 0; i + 4 < t->n; i++) {
		i = skip_to_country(t, i);
		if (i + 4 >= t->n)
			break;
		size_t m = pii__match_any(t, i, countries);
		if (!m || (i > 0 && pii__is_kata(t->cp[i - 1])))
			continue;
		size_t s = i + m;
		if (s < t->n && t->cp[s] == 0x56FD /* 国 */)
			s++;
		if (s < t->n && (t->cp[s] == 0x30FB || t->cp[s] == ' '))
			s++;
		size_t j = s, units = 0, end = 0;
		while (j < t->n && j - s < 48) {
			uint32_t ch = t->cp[j];
			if (pii__is_kanji(ch) || pii__is_kata(ch) || ch == 0x30FB ||
			    (ch == 0x308A /* り of 通り */ && j > s && t->cp[j - 1] == 0x901A)) {
				if (abroad_unit(ch))
					units++;
				if (pii__match(t, j, "地区"))
					units++;
				j++;
				continue;
			}
			if (ch == ' ' && j + 1 < t->n && !pii__is_digit(t->cp[j - 1]) &&
			    (pii__is_kanji(t->cp[j + 1]) || pii__is_kata(t->cp[j + 1]) ||
			     pii__is_digit(t->cp[j + 1]))) {
				j++;
				continue;
			}
			if (pii__is_digit(ch)) {
				size_t k = j;
				while (k < t->n && (pii__is_digit(t->cp[k]) ||
						    (t->cp[k] == '-' && k + 1 < t->n && pii__is_digit(t->cp[k + 1]))))
					k++;
				if (pii__match(t, k, "番地"))
					k += 2;
				else if (k < t->n && (t->cp[k] == 0x53F7 /* 号 */ || t->cp[k] == 0x756A /* 番 */))
					k++;
				if (pii__match(t, k, "室"))
					k++;
				end = k;
				j = k;
				/* a room after a space or a comma (…152, 1203号) */
				if (j + 1 < t->n && (t->cp[j] == ' ' || t->cp[j] == ',') &&
				    pii__is_digit(t->cp[j + 1 + (t->cp[j + 1] == ' ')])) {
					j++;
					continue;
				}
				break;
			}
			break;
		}
		if (end && units >= 2 && !covered(&cov, t, c, c->n, s, end))
			pii__cand_add(c, t, s, end, PII_ADDRESS, 0.85);
		if (end)
			i = end;
	}
	span_index_release(&cov);
}

/* ---- a surname in brackets signing a line --------------------------------------- */

static const char *const not_signers[] = {"土日", "祝日", "予定", "仮名", "仮称", "未定", "本庁",
					  "支所", "別紙", "写し", "原本", "同上", "以下", "以上",
					  "抜粋", "終日", "午前", "午後", "本人", "自宅", "携帯",
					  "代表", "直通", "内線", "担当", "済み", "確認", "回答", "国保",
					  "見込", "社保", NULL};

/* …折り返しお願いします。（吉岡）, 件名：先日の件（新井）: a surname of 2-3
 * kanji that ENAMDICT lists, alone in brackets at the end of a line, signs
 * it. */
static void signature_in_brackets(const struct pii__text *t, struct pii__cands *c,
				  const struct pii__names *names)
{
	struct span_index cov = {0};
	for (size_t i = 0; i + 3 < t->n; i++) {
		i = pii__skip_to_cp(t, i, '(');
		if (i + 3 >= t->n)
			break;
		/* after a sentence or a message: 。, kana, or the 件 of a subject */
		if (t->cp[i] != '(' || i == 0 ||
		    !(t->cp[i - 1] == 0x3002 || pii__is_hira(t->cp[i - 1]) || t->cp[i - 1] == 0x4EF6))
			continue;
		size_t a = i + 1, b = a;
		while (b < t->n && pii__is_kanji(t->cp[b]) && b - a < 4)
			b++;
		if (b - a < 2 || b - a > 3 || b >= t->n || t->cp[b] != ')')
			continue;
		size_t e = b + 1;
		if (e < t->n && t->cp[e] == 0x3002)
			e++;
		while (e < t->n && t->cp[e] == ' ')
			e++;
		if (e < t->n && t->cp[e] != '\n' && t->cp[e] != '\r')
			continue;
		int stop = 0;
		for (size_t k = 0; not_signers[k] && !stop; k++)
			stop = pii__match(t, a, not_signers[k]) != 0;
		if (stop || !(pii__names_lookup(names, t->cp + a, b - a) & PII_NAME_SURNAME) ||
		    covered(&cov, t, c, c->n, a, b))
			continue;
		pii__cand_add(c, t, a, b, PII_PERSON, 0.75);
	}
	span_index_release(&cov);
}

/* ---- the account holder after an account number ------------------------------ */

/* 1129840 ｺｼﾞﾏ ｹﾝﾀ, 普通 1234567 ヤマダ ハナコ: kana words (two or three, one
 * script) right after an account number are the holder's name. */
static void holder_after_account(const struct pii__text *t, struct pii__cands *c, size_t n)
{
	struct span_index cov = {0};
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_JP_BANK_ACCOUNT)
			continue;
		size_t a = c->v[k].end;
		if (a + 3 >= t->n || t->cp[a] != ' ')
			continue;
		a++;
		size_t e = pii__kana_name_at(t, a);
		/* a word before a colon is a label (… 5512038 ｴﾗｰ: ｺｳｻﾞﾌﾒｲ) */
		if (e && pii__is_kata(t->cp[a]) &&
		    (e == t->n || (!pii__is_digit(t->cp[e]) && t->cp[e] != ':')) &&
		    !covered(&cov, t, c, c->n, a, e))
			pii__cand_add(c, t, a, e, PII_PERSON, 0.85);
	}
	span_index_release(&cov);
}

/* ---- tables of organisations ------------------------------------------------- */

static const char *const org_cells[] = {"施設名", "名称", "商号", "法人名", "事業所名", "業者名",
					"会社名", "団体名", "事業者名", "店舗名", "機関名",
					/* eighth round: public bodies and their windows */
					"市町名", "市町村名", "市区町村名", "自治体名", "窓口名",
					"部署名", "担当課", NULL};

static int sep_char(uint32_t c) { return c == ',' || c == '|' || c == ' ' || c == '\n'; }

/* 1 when the line [ls, le) is a header with a cell naming organisations. */
static int org_header(const struct pii__text *t, size_t ls, size_t le)
{
	for (size_t i = ls; i < le; i++) {
		/* a cell's start: the line's, or after a separator */
		while (i > ls && i < le && !sep_char(t->cp[i - 1]))
			i++;
		if (i >= le)
			break;
		/* "施設名","所在地": a quoted cell (twenty-eighth round (c)) */
		size_t q = t->cp[i] == '"' ? i + 1 : i;
		size_t m = pii__match_any(t, q, org_cells), e = q + m;
		if (m && q > i && e < le && t->cp[e] == '"')
			e++;
		if (m && (e >= le || sep_char(t->cp[e])))
			return 1;
	}
	return 0;
}

/* 有限会社…,6207…,畠山 修一,090-8831-4052: a mobile number after a person
 * named earlier in its row of a table of organisations is that person's
 * (the representative's or the contact's own phone; seventeenth round
 * (b)). An organisation's own lines are landlines, and a row with no
 * person keeps its mobile the organisation's. The persons (confidence
 * above 0) come from names: their starts in order with the smallest end of
 * those starting at each or after, made once by organisation_tables(). */
struct row_persons {
	size_t *start, *minend, n;
};

static void row_persons_init(struct row_persons *p, const struct pii__cands *c)
{
	size_t *pairs = yk_xmalloc((c->n ? c->n : 1) * 2 * sizeof(*pairs));
	p->n = 0;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].confidence > 0) {
			pairs[2 * p->n] = c->v[k].start;
			pairs[2 * p->n + 1] = c->v[k].end;
			p->n++;
		}
	if (p->n > 1)
		qsort(pairs, p->n, 2 * sizeof(*pairs), pii__cmp_pairs);
	p->start = yk_xmalloc((p->n ? p->n : 1) * sizeof(*p->start));
	p->minend = yk_xmalloc((p->n ? p->n : 1) * sizeof(*p->minend));
	for (size_t k = p->n; k-- > 0;) {
		size_t end = pairs[2 * k + 1];
		p->start[k] = pairs[2 * k];
		p->minend[k] = k + 1 < p->n && p->minend[k + 1] < end ? p->minend[k + 1] : end;
	}
	free(pairs);
}

/* A residents' association's or a club's name ends the cell [s, e)
 * (平窪地区老人クラブ連合会, 内郷まちづくり協議会, 寿謡曲同好会): a group
 * with no office of its own, reached at its representative's home; not a
 * society with a secretariat (協会, 商工会, 社会福祉協議会). */
static int association_cell(const struct pii__text *t, size_t s, size_t e)
{
	static const char *const ends[] = {"会", "クラブ", "サークル", "団", NULL};
	static const char *const offices[] = {"協会", "商工会", "法人会", "社会", "福祉協議会",
					      "観光協会", "医師会", "会議所", NULL};
	static const char *const forms[] = {"株式会社", "有限会社", "合同会社", "㈱", "㈲", "(株)",
					    "(有)", "法人", "組合", NULL};
	if (e - s < 3 || !pii__ends_with(t, s, e, ends) || pii__ends_with(t, s, e, offices))
		return 0;
	for (size_t q = s; q < e; q++)
		if (pii__match_any(t, q, forms))
			return 0;
	return 1;
}

/* A mobile after a person named earlier in its row; or any contact there
 * (a landline, an address, a postal code, a mail address) when the row's
 * first cell names a residents' association or a club
 * (平窪地区老人クラブ連合会,吉田 幸雄,0246-25-3306; 今伊勢花の会,林 和子,一宮市…
 * 12番地,…; session 18). */
static int row_person_contact(const struct pii__text *t, const struct row_persons *p,
			      const struct pii_span *sp)
{
	size_t ls = sp->start;
	while (ls > 0 && t->cp[ls - 1] != '\n')
		ls--;
	/* a person with start >= ls and end <= the value's start */
	size_t lo = pii__keys_below(p->start, p->n, 1, ls);
	if (lo >= p->n || p->minend[lo] > sp->start)
		return 0;
	if (sp->type == PII_PHONE && pii__mobile_at(t, sp->start))
		return 1;
	size_t ce = ls;
	while (ce < sp->start && t->cp[ce] != ',' && t->cp[ce] != ' ' && t->cp[ce] != '|')
		ce++;
	return association_cell(t, ls, ce);
}

/* The separator of the header [ls, le): a comma, a bar, a tab (folded to
 * a space, so a space) or a space, the first the line holds. */
static uint32_t header_sep(const struct pii__text *t, size_t ls, size_t le)
{
	static const uint32_t seps[] = {',', '|', ' '};
	for (size_t k = 0; k < YK_ARRAY_LEN(seps); k++)
		if (pii__find_cp_in(t, ls, le, seps[k]) < le)
			return seps[k];
	return 0;
}

/* The phone numbers, addresses, postal codes and mail addresses in the rows
 * of a table whose header names organisations (施設名,所在地,電話 /
 * 業者番号,商号,…,所在地,電話) are theirs, down to a blank line or to the
 * first line that holds no separator of the header's, no row of the table
 * (次のCSVを…並べ替えてください。: a document of 800 KB with no blank line
 * lost the addresses of every CSV of residents below a table of
 * facilities). The tables' blocks are found first and the candidates
 * dropped in one pass: whether one goes depends on the blocks and the
 * names only, which the drops leave as they are, where a pass a header
 * made a document's cost grow with the square of its length. */
static void organisation_tables(const struct pii__text *t, struct pii__cands *c)
{
	size_t *le_of = NULL, *maxbe = NULL, nb = 0, cap = 0;
	size_t ls = 0;
	while (ls < t->n) {
		size_t le = pii__skip_to_cp(t, ls, '\n');
		if (le - ls >= 4 && org_header(t, ls, le)) {
			uint32_t sep = header_sep(t, ls, le);
			size_t be = le; /* the block: the rows under the header */
			while (be < t->n) {
				size_t re = pii__skip_to_cp(t, be + 1, '\n');
				if (re == be + 1 || (sep && pii__find_cp_in(t, be + 1, re, sep) == re))
					break;
				be = re;
			}
			/* the blocks in the headers' order, with the largest
			 * block end up to each */
			if (nb == cap) {
				cap = cap ? cap * 2 : 8;
				le_of = yk_xrealloc(le_of, cap * sizeof(*le_of));
				maxbe = yk_xrealloc(maxbe, cap * sizeof(*maxbe));
			}
			le_of[nb] = le;
			maxbe[nb] = nb && maxbe[nb - 1] > be ? maxbe[nb - 1] : be;
			nb++;
		}
		ls = le + 1;
	}
	if (nb) {
		struct row_persons persons;
		row_persons_init(&persons, c);
		size_t k = 0;
		for (size_t j = 0; j < c->n; j++) {
			enum pii_type ty = c->v[j].type;
			if (ty == PII_PHONE || ty == PII_ADDRESS || ty == PII_POSTAL_CODE ||
			    ty == PII_EMAIL) {
				/* in a block: a header's line ends before it
				 * starts, the block after it ends */
				size_t lo = pii__keys_below(le_of, nb, 1, c->v[j].start);
				if (lo > 0 && maxbe[lo - 1] >= c->v[j].end &&
				    !row_person_contact(t, &persons, &c->v[j]))
					continue;
			}
			c->v[k++] = c->v[j];
		}
		c->n = k;
		free(persons.start);
		free(persons.minend);
	}
	free(le_of);
	free(maxbe);
}

/* A name never ends in an era before its year (恵 昭和|45年生: MeCab may
 * read the era as a given name): such candidates are dropped. */
static void drop_names_ending_in_eras(const struct pii__text *t, struct pii__cands *c)
{
	static const char *const eras[] = {"令和", "平成", "昭和", "大正", "明治", NULL};
	size_t k = 0;
	for (size_t j = 0; j < c->n; j++) {
		const struct pii_span *sp = &c->v[j];
		if (sp->type == PII_PERSON && sp->end - sp->start >= 3 && sp->end < t->n &&
		    (pii__is_digit(t->cp[sp->end]) || t->cp[sp->end] == 0x5143 /* 元 */) &&
		    pii__match_any(t, sp->end - 2, eras) == 2)
			continue;
		c->v[k++] = c->v[j];
	}
	c->n = k;
}

/* A name read before a municipality's suffix inside an address (金沢|市長坂台
 * 12-3: 金沢 before 市長, the mayor's title, is the city): the address that
 * runs on past the suffix is the reading, so the name is dropped. At most
 * LAYOUT_PLACE_CHECKS names are compared with the addresses. */
#define LAYOUT_PLACE_CHECKS 64
static void drop_places_read_as_names(const struct pii__text *t, struct pii__cands *c)
{
	size_t k = 0, checks = 0;
	for (size_t j = 0; j < c->n; j++) {
		const struct pii_span *sp = &c->v[j];
		uint32_t x = sp->end < t->n ? t->cp[sp->end] : 0;
		if (sp->type == PII_PERSON && checks < LAYOUT_PLACE_CHECKS &&
		    (x == 0x5E02 /* 市 */ || x == 0x533A /* 区 */ || x == 0x753A /* 町 */ ||
		     x == 0x6751 /* 村 */)) {
			checks++;
			int inside = 0;
			for (size_t a = 0; a < c->n && !inside; a++)
				inside = c->v[a].type == PII_ADDRESS && c->v[a].start <= sp->start &&
					 c->v[a].end > sp->end + 2;
			if (inside)
				continue;
		}
		c->v[k++] = c->v[j];
	}
	c->n = k;
}

/* ---- dates under an event's column ---------------------------------------- */

/* A table's header (comma- or tab-separated cells without digits, on a line
 * of its own) may name a column of an event's date (申請日, 受付日, 転入日,
 * 資格取得日, 交付年月日, 有効期限): a date in that column of the rows below
 * is the event's, not a birth date, whatever rule placed it after a name
 * (eighth round). */
#define EVENT_COLS_MAX 16
#define EVENT_DROPS_MAX 256 /* dates dropped per text at most */


static int cell_sep(const struct pii__text *t, size_t i, int tab)
{
	return tab ? pii__raw_tab(t, i) : t->cp[i] == ',';
}

/* 1 when the header cell [s, e) names an event's date. */
static int event_column(const struct pii__text *t, size_t s, size_t e)
{
	static const char *const birth[] = {"生年月日", "誕生日", "出生日", "生年", NULL};
	static const char *const ends[] = {"年月日", "日付", "日", "期限", NULL};
	while (s < e && t->cp[s] == ' ')
		s++;
	while (e > s && t->cp[e - 1] == ' ')
		e--;
	if (e - s < 2 || e - s > 12)
		return 0;
	for (size_t k = 0; birth[k]; k++) {
		size_t l = pii__kw_len(birth[k]);
		if (e - s >= l && pii__match(t, e - l, birth[k]))
			return 0;
	}
	for (size_t k = 0; ends[k]; k++) {
		size_t l = pii__kw_len(ends[k]);
		if (e - s > l && pii__match(t, e - l, ends[k]))
			return 1;
	}
	return 0;
}

/* Splits [ls, le) into cells; returns their number (0: more than the
 * limit) and their starts and ends. */
static size_t split_cells(const struct pii__text *t, size_t ls, size_t le, int tab, size_t *cs,
			  size_t *ce)
{
	/* only the separators' positions: a tab is folded to a space, so
	 * the spaces are searched and their input bytes tested */
	uint32_t sep = tab ? ' ' : ',';
	size_t n = 0, s = ls;
	for (size_t i = pii__find_cp_in(t, ls, le, sep);; i = pii__find_cp_in(t, i + 1, le, sep)) {
		if (i < le && !cell_sep(t, i, tab))
			continue;
		if (n == EVENT_COLS_MAX)
			return 0;
		cs[n] = s, ce[n] = i, n++;
		s = i + 1;
		if (i == le)
			break;
	}
	return n;
}

/* Cells separated by runs of spaces, [ls, le): their number (0: more than
 * the limit), starts and ends. */
static size_t split_words(const struct pii__text *t, size_t ls, size_t le, size_t *cs, size_t *ce)
{
	size_t n = 0, i = ls;
	while (i < le) {
		while (i < le && t->cp[i] == ' ')
			i++;
		if (i >= le)
			break;
		size_t a = i;
		while (i < le && t->cp[i] != ' ')
			i++;
		if (n == EVENT_COLS_MAX)
			return 0;
		cs[n] = a, ce[n] = i, n++;
	}
	return n;
}

/* A header of cells separated by spaces (No 氏名 受付日 区分): the rows'
 * names may hold a space, so a row's date is placed by the cells after
 * it, counted from the line's end, against the header's. */
static size_t spaced_event_rows(const struct pii__text *t, const struct pii__cands *c, size_t ls,
				size_t le, size_t *drop, size_t *nd)
{
	size_t cs[EVENT_COLS_MAX], ce[EVENT_COLS_MAX];
	size_t ncol = split_words(t, ls, le, cs, ce);
	int event[EVENT_COLS_MAX], any = 0;
	/* a header: short cells, no hiragana (a sentence has particles) */
	for (size_t k = ls; k < le; k++)
		if (pii__is_hira(t->cp[k]))
			return le + 1;
	for (size_t k = 0; k < ncol; k++) {
		if (ce[k] - cs[k] > 8)
			return le + 1;
		any |= event[k] = event_column(t, cs[k], ce[k]);
	}
	if (ncol < 2 || !any)
		return le + 1;
	size_t rs = le + 1;
	while (rs < t->n && t->cp[rs] != '\n') {
		size_t re = rs;
		while (re < t->n && t->cp[re] != '\n')
			re++;
		size_t ws0[EVENT_COLS_MAX], we0[EVENT_COLS_MAX];
		size_t words = split_words(t, rs, re, ws0, we0);
		if (words < ncol || words > ncol + 3)
			break; /* not a row of this header */
		for (size_t j = 0; j < c->n && *nd < EVENT_DROPS_MAX; j++) {
			if (c->v[j].type != PII_DATE_OF_BIRTH || c->v[j].start < rs || c->v[j].end > re)
				continue;
			size_t ws[EVENT_COLS_MAX], we[EVENT_COLS_MAX];
			size_t after = split_words(t, c->v[j].end, re, ws, we);
			if (after < ncol && event[ncol - 1 - after])
				drop[(*nd)++] = c->v[j].start;
		}
		rs = re + 1;
	}
	return rs;
}

/* ---- a column of birth dates in rows without a header (sixteenth round (b)) -- */

/* The line [*ls, *le) around i. */
static void line_around(const struct pii__text *t, size_t i, size_t *ls, size_t *le)
{
	size_t a = i, b = i;
	while (a > 0 && t->cp[a - 1] != '\n')
		a--;
	while (b < t->n && t->cp[b] != '\n')
		b++;
	*ls = a, *le = b;
}

/* A row of m cells in the table of rows of n, whose column j is read:
 * one cell more or less after it (…,芸予銀行,本町支店,普通,4402187 and
 * …,ゆうちょ銀行,15130,21459871: a bank's designation takes three or four
 * cells) is the same table. */
static int same_table_row(size_t m, size_t n, size_t j)
{
	return m > j && m >= 3 && m + 1 >= n && m <= n + 1;
}

/* Row [ls, le): when it has n cells with the separator (one more or less
 * after column j) and its cell j is a full date not read yet, the date is
 * a birth date. */
static void birth_date_in_cell(struct span_index *cov, const struct pii__text *t,
			       struct pii__cands *c, size_t ls, size_t le, int tab, size_t n,
			       size_t j)
{
	size_t cs[EVENT_COLS_MAX], ce[EVENT_COLS_MAX];
	size_t m = split_cells(t, ls, le, tab, cs, ce);
	/* a row of another count whose cell before j is a date: the cell
	 * that differs stands before the column (a name cell with a comma,
	 * Cabrera, Jonathan), and cell j is the next column's */
	if (m != n && j > 0 && m > j && pii__date_end(t, cs[j - 1]) == ce[j - 1])
		return;
	if (!same_table_row(m, n, j) || ce[j] - cs[j] < 6 ||
	    pii__date_end(t, cs[j]) != ce[j] || covered(cov, t, c, c->n, cs[j], ce[j]))
		return;
	pii__cand_add(c, t, cs[j], ce[j], PII_DATE_OF_BIRTH, 0.85);
}

/* Tab or comma rows without a header (名前→手帳 2級→1986.01.09→住所→電話):
 * when a birth date found in a row fills its column j of n cells, a full
 * date filling column j of the rows of n cells with the same separator
 * next to it (the same table: no other line between) is a birth date
 * too, whether or not that row's name was found. */
static void birth_date_columns(const struct pii__text *t, struct pii__cands *c)
{
	struct span_index cov = {0};
	size_t cs[EVENT_COLS_MAX], ce[EVENT_COLS_MAX];
	size_t n0 = c->n;
	/* the block of rows the last walk went over, with its shape: a date
	 * in another row of it would walk the same rows again (a register
	 * of thousands of rows cost the square of its length) */
	size_t blk_s = 1, blk_e = 0, blk_n = 0, blk_j = 0;
	int blk_tab = -1;
	for (size_t k = 0; k < n0; k++) {
		if (c->v[k].type != PII_DATE_OF_BIRTH)
			continue;
		size_t ls, le, n = 0, j = 0;
		int tab = 1;
		line_around(t, c->v[k].start, &ls, &le);
		for (; tab >= 0; tab--) {
			n = split_cells(t, ls, le, tab, cs, ce);
			if (n >= 3)
				break;
		}
		if (tab < 0)
			continue;
		for (j = 0; j < n && !(cs[j] == c->v[k].start && ce[j] == c->v[k].end); j++)
			;
		if (j == n)
			continue;
		if (tab == blk_tab && n == blk_n && j == blk_j && ls >= blk_s && le <= blk_e)
			continue;
		/* the rows above, then below, while they have n cells */
		size_t a = ls, b = le;
		while (a > 0) {
			size_t pe = a - 1, pa = pe;
			while (pa > 0 && t->cp[pa - 1] != '\n')
				pa--;
			if (!same_table_row(split_cells(t, pa, pe, tab, cs, ce), n, j))
				break;
			birth_date_in_cell(&cov, t, c, pa, pe, tab, n, j);
			a = pa;
		}
		while (b < t->n) {
			size_t na = b + 1, ne = pii__skip_to_cp(t, na, '\n');
			if (!same_table_row(split_cells(t, na, ne, tab, cs, ce), n, j))
				break;
			birth_date_in_cell(&cov, t, c, na, ne, tab, n, j);
			b = ne;
		}
		blk_s = a, blk_e = b, blk_n = n, blk_j = j, blk_tab = tab;
	}
	span_index_release(&cov);
}

/* A text longer than this has the lines a rule cannot use skipped
 * (cells_line_next(), dates_under_event_columns()); a line or a short
 * text is walked line by line, where the searches would cost more than
 * the walk. */
#define CELLS_SKIP_MIN 256

static void dates_under_event_columns(const struct pii__text *t, struct pii__cands *c)
{
	size_t drop[EVENT_DROPS_MAX], nd = 0;
	size_t ls = 0;
	/* the next 日 and 限 of a long text: only a line with one is a header,
	 * the loop goes to the next such line (one search where it walked
	 * every line; tenth speed round) */
	int skip = t->n >= CELLS_SKIP_MIN;
	size_t at_day = skip ? pii__find_cp(t, 0, 0x65E5 /* 日 */) : 0;
	size_t at_limit = skip ? pii__find_cp(t, 0, 0x9650 /* 限 */) : 0;
	while (ls < t->n && nd < EVENT_DROPS_MAX) {
		if (skip) {
			if (at_day < ls)
				at_day = pii__find_cp(t, ls, 0x65E5);
			if (at_limit < ls)
				at_limit = pii__find_cp(t, ls, 0x9650);
			size_t d = at_day < at_limit ? at_day : at_limit;
			if (d >= t->n)
				break;
			while (d > ls && t->cp[d - 1] != '\n')
				d--;
			ls = d;
		}
		size_t le = ls;
		int tab = -1, digit = 0, day = 0;
		while (le < t->n && t->cp[le] != '\n') {
			uint32_t ch = t->cp[le];
			if (tab < 0 && (ch == ',' || (ch == ' ' && pii__raw_tab(t, le))))
				tab = ch == ' ';
			digit |= pii__is_digit(ch);
			day |= ch == 0x65E5 /* 日 */ || ch == 0x9650 /* 限 */;
			le++;
		}
		/* a header names an event's column: 日 or 期限 in it, no digit */
		if (digit || !day) {
			ls = le + 1;
			continue;
		}
		if (tab < 0 && le > ls) {
			ls = spaced_event_rows(t, c, ls, le, drop, &nd);
			continue;
		}
		size_t cs[EVENT_COLS_MAX], ce[EVENT_COLS_MAX];
		size_t ncol = tab >= 0 && !digit ? split_cells(t, ls, le, tab, cs, ce) : 0;
		int event[EVENT_COLS_MAX], any = 0;
		for (size_t k = 0; k < ncol; k++)
			any |= event[k] = event_column(t, cs[k], ce[k]);
		if (ncol < 2 || !any) {
			ls = le + 1;
			continue;
		}
		/* the rows below, down to a blank line or another shape */
		size_t rs = le + 1;
		while (rs < t->n && t->cp[rs] != '\n' && nd < EVENT_DROPS_MAX) {
			size_t re = rs;
			while (re < t->n && t->cp[re] != '\n')
				re++;
			size_t rcs[EVENT_COLS_MAX], rce[EVENT_COLS_MAX];
			if (split_cells(t, rs, re, tab, rcs, rce) != ncol)
				break;
			for (size_t k = 0; k < ncol && nd < EVENT_DROPS_MAX; k++)
				if (event[k]) {
					size_t a = rcs[k];
					while (a < rce[k] && t->cp[a] == ' ')
						a++;
					drop[nd++] = a;
				}
			rs = re + 1;
		}
		ls = rs;
	}
	if (!nd)
		return;
	size_t k = 0;
	for (size_t j = 0; j < c->n; j++) {
		int gone = 0;
		for (size_t q = 0; q < nd && !gone && c->v[j].type == PII_DATE_OF_BIRTH; q++)
			gone = c->v[j].start == drop[q];
		if (!gone)
			c->v[k++] = c->v[j];
	}
	c->n = k;
}

/* ---- an insurance card's parts as a row's cells, no header ------------------ */

/* The card's symbol as a cell: one to four kanji or kana (the insurer's
 * place or office) and one to four digits (久北08, 豊01, みど12). */
static int symbol_cell(const struct pii__text *t, size_t s, size_t e)
{
	size_t q = s;
	while (q < e && q - s < 4 &&
	       (pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]) || pii__is_hira(t->cp[q])))
		q++;
	return q > s && e - q >= 1 && e - q <= 4 && pii__all_digits(t, q, e);
}

/* A comma or tab row whose cells hold, side by side, the card's symbol,
 * its number (five to eight digits) and its branch number (two digits
 * opening with 0, as 枝番 are written), with one cell at least after them (a name, a date): the three
 * parts of a health-insurance card, headed or not (久北08<TAB>204517<TAB>01
 * <TAB>DO QUOC BAO…; thirteenth round (b)). Only the card has this shape;
 * a phone read across the cells (08 204517 01) is dropped. */
/* Drops the phones read over [a, b) (a card's cells read as one number). */
static void drop_phones_in(struct pii__cands *c, size_t a, size_t b)
{
	size_t j = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct pii_span *v = &c->v[i];
		if (v->type == PII_PHONE && v->start < b && v->end > a)
			continue;
		c->v[j++] = *v;
	}
	c->n = j;
}

/* Does one cell of the row hold a letter (a name's cell)? */
static int row_has_letters(const struct pii__text *t, const size_t *cs, const size_t *ce, size_t n)
{
	for (size_t k = 0; k < n; k++)
		for (size_t q = cs[k]; q < ce[k]; q++)
			if (pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]) ||
			    pii__is_hira(t->cp[q]) || pii__is_alpha(t->cp[q]))
				return 1;
	return 0;
}

/* Are the cells [a, b) and [c2, d) the same text? */
static int same_cell(const struct pii__text *t, size_t a, size_t b, size_t c2, size_t d)
{
	if (b - a != d - c2)
		return 0;
	for (size_t q = 0; q < b - a; q++)
		if (t->cp[a + q] != t->cp[c2 + q])
			return 0;
	return 1;
}

/* A care-insurance list without its header (0001234567,氏名,S8.3.3,要介護2,
 * 住所): a row one of whose cells is a care level (要介護1-5, 要支援1-2)
 * lists an insured person, and its first cell of ten digits (first in the
 * row, or after the name, the date and the address) is the 被保険者番号,
 * not a phone; or, under a title naming the care insurance, in a row
 * with a birth date (nineteenth round). */
static int care_level_cell(const struct pii__text *t, size_t s, size_t e)
{
	while (s < e && t->cp[s] == ' ')
		s++;
	while (e > s && t->cp[e - 1] == ' ')
		e--;
	if (e - s != 4 || !pii__is_digit(t->cp[e - 1]))
		return 0;
	uint32_t d = t->cp[e - 1];
	if (pii__match(t, s, "要介護") == 3)
		return d >= '1' && d <= '5';
	if (pii__match(t, s, "要支援") == 3)
		return d == '1' || d == '2';
	return 0;
}

/* A cell holding only a date of an old year (S8.3.3, 1934/02/09,
 * 昭和9年2月9日): a birth date's shape. */
static int birth_date_cell(const struct pii__text *t, size_t s, size_t e)
{
	/* 大正14年4月4日, 昭和5年9月9日: an old era's date with its 年 月 日
	 * (twentieth round (b)) */
	if (e - s >= 6 && e - s <= 12 && t->cp[e - 1] == 0x65E5 /* 日 */ &&
	    (t->cp[s] == 0x5927 /* 大 */ || t->cp[s] == 0x660E /* 明 */ ||
	     t->cp[s] == 0x662D /* 昭 */) &&
	    pii__date_end(t, s) == e)
		return 1;
	if (e - s < 5 || e - s > 12 || !old_date(t, s, e) || !pii__is_digit(t->cp[e - 1]) ||
	    (!pii__is_digit(t->cp[s]) && !pii__is_digit(t->cp[s + 1])))
		return 0;
	for (size_t q = s; q < e; q++)
		if (!pii__is_digit(t->cp[q]) && t->cp[q] != '/' && t->cp[q] != '.' && q != s)
			return 0;
	return 1;
}

#define CARE_TITLE_BACK 160 /* code points searched back for the list's title */

/* One of words in the lines above i, CARE_TITLE_BACK code points back at
 * most, not across a blank line. */
static int title_in_block(const struct pii__text *t, size_t i, const char *const *words)
{
	for (size_t k = i; k > 0 && i - k < CARE_TITLE_BACK; k--) {
		if (t->cp[k - 1] == '\n' && k >= 2 && t->cp[k - 2] == '\n')
			return 0;
		if (pii__match_any(t, k - 1, words))
			return 1;
	}
	return 0;
}

/* A birth date's cell of someone aged 65 or more in 2026, the age of the
 * care insurance's first insured (a year before 1962: 19350418,
 * 1934/02/09, 大正…, 昭和 up to 36, S8.3.3). */
static int elderly_birth_cell(const struct pii__text *t, size_t s, size_t e)
{
	if (!birth_date_cell(t, s, e))
		return 0;
	uint32_t c0 = t->cp[s];
	if (c0 == 0x5927 /* 大 */ || c0 == 0x660E /* 明 */ || c0 == 'T' || c0 == 'M')
		return 1;
	unsigned y = 0;
	size_t q = s + (c0 == 0x662D /* 昭(和) */ ? 2 : c0 == 'S' ? 1 : 0), d = q;
	while (q < e && pii__is_digit(t->cp[q]) && q - d < 4)
		y = y * 10 + (t->cp[q++] - '0');
	if (q == d)
		return 0;
	if (d > s)
		return y <= 36; /* 昭和36年 is 1961 */
	return q - d == 4 && y < 1962;
}

/* A row of a list of the insured with no header nor title: the first cell
 * is eight or ten digits (a 後期高齢者 number has eight, a care
 * insurance's ten), a later cell is an old person's birth date, a cell
 * holds letters (the name) and, after the date, a cell is the person's
 * address or phone: 01928374,工藤 キヌ,ｸﾄﾞｳ ｷﾇ,19350418,旭川市…,0166-…
 * (twentieth round (b)). A record's date (20251201) is no number, and a
 * row without the address or phone (0003127745,石田 花子,S7.6.14,通所)
 * is any list's. */
static int insured_first_cell(const struct pii__text *t, const struct pii__cands *c,
			      const size_t *cs, const size_t *ce, size_t n)
{
	size_t l = ce[0] - cs[0];
	if (n < 4 || (l != 8 && l != 10) || !pii__all_digits(t, cs[0], ce[0]) ||
	    pii__compact_date_end(t, cs[0]) || !row_has_letters(t, cs, ce, n))
		return 0;
	size_t b = n;
	for (size_t k = 1; k < n && b == n; k++)
		if (elderly_birth_cell(t, cs[k], ce[k]))
			b = k;
	if (b + 1 >= n)
		return 0;
	for (size_t k = 0; k < c->n; k++)
		if ((c->v[k].type == PII_ADDRESS || c->v[k].type == PII_PHONE) &&
		    c->v[k].start >= cs[b + 1] && c->v[k].end <= ce[n - 1])
			return 1;
	return 0;
}

static void care_level_row(const struct pii__text *t, struct pii__cands *c, const size_t *cs,
			   const size_t *ce, size_t n)
{
	if (n < 3)
		return;
	size_t num = n;
	for (size_t k = 0; k < n && num == n; k++)
		if (ce[k] - cs[k] == 10 && pii__all_digits(t, cs[k], ce[k]))
			num = k;
	if (insured_first_cell(t, c, cs, ce, n)) {
		drop_phones_in(c, cs[0], ce[0]);
		pii__cand_add(c, t, cs[0], ce[0], PII_JP_HEALTH_INSURANCE, 0.9);
		return;
	}
	if (num == n)
		return;
	int card = 0;
	for (size_t k = 0; k < n && !card; k++)
		card = k != num && care_level_cell(t, cs[k], ce[k]);
	/* a list of the insured under a title naming the care insurance
	 * (介護保険 住所地特例 施設入所者 一覧, then 氏名<TAB>生年月日<TAB>
	 * ten digits<TAB>施設): a row with a birth date */
	static const char *const care_titles[] = {"介護保険", "後期高齢", NULL};
	for (size_t k = 0; k < n && !card; k++)
		card = k != num && birth_date_cell(t, cs[k], ce[k]) &&
		       title_in_block(t, cs[0], care_titles);
	if (card) {
		drop_phones_in(c, cs[num], ce[num]);
		pii__cand_add(c, t, cs[num], ce[num], PII_JP_HEALTH_INSURANCE, 0.9);
	}
}

/* The card's symbol written as a word alone, one to four kanji or kana
 * (京中, the insurer's office), at cell k of a row whose cell right before
 * it holds a birth date (…,1955/03/27,京中,00582714,00,…; twenty-eighth
 * round (c)): the word is the symbol only between the holder's birth and
 * the number. A place's word after a record's date (2025/12/01,京都,…)
 * is not one. */
static int word_symbol_cell(const struct pii__text *t, const size_t *cs, const size_t *ce, size_t k)
{
	size_t s = cs[k], e = ce[k];
	if (k == 0 || e - s < 1 || e - s > 4 || !birth_date_cell(t, cs[k - 1], ce[k - 1]))
		return 0;
	for (size_t q = s; q < e; q++)
		if (!pii__is_kanji(t->cp[q]) && !pii__is_kata(t->cp[q]) && !pii__is_hira(t->cp[q]))
			return 0;
	return 1;
}

/* The PERSON candidates' (start, end), sorted by start: built once for
 * first_symbol_cell(), which asks it row by row (a long list would
 * otherwise walk every candidate at every row). */
struct person_spans {
	size_t *v, n;
	int built;
};

static int person_fills(const struct pii__cands *c, struct person_spans *ps, size_t s, size_t e)
{
	if (!ps->built) {
		ps->built = 1;
		ps->v = yk_xmalloc((2 * c->n + 1) * sizeof(*ps->v));
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].type == PII_PERSON && c->v[k].confidence > 0) {
				ps->v[2 * ps->n] = c->v[k].start;
				ps->v[2 * ps->n + 1] = c->v[k].end;
				ps->n++;
			}
		if (ps->n > 1)
			qsort(ps->v, ps->n, 2 * sizeof(*ps->v), pii__cmp_pairs);
	}
	for (size_t i = pii__keys_below(ps->v, ps->n, 2, s); i < ps->n && ps->v[2 * i] == s; i++)
		if (ps->v[2 * i + 1] == e)
			return 1;
	return 0;
}

/* The card's symbol written as a word alone opening the row, the
 * holder's name filling the cell right after the branch number (石汐
 * <TAB>30552<TAB>01<TAB>向田 聡<TAB>…, a list of the insured pasted
 * without its header; twenty-seventh round): the name says whose the
 * three cells are. A place's word opening a row of counts (宮腰,96,9,…)
 * has no branch number of the 枝番's shape before a name. */
static int first_symbol_cell(const struct pii__text *t, const struct pii__cands *c,
			     struct person_spans *ps, const size_t *cs, const size_t *ce, size_t n,
			     size_t k)
{
	if (k != 0 || n < 4 || ce[0] - cs[0] < 1 || ce[0] - cs[0] > 4)
		return 0;
	for (size_t q = cs[0]; q < ce[0]; q++)
		if (!pii__is_kanji(t->cp[q]) && !pii__is_kata(t->cp[q]) && !pii__is_hira(t->cp[q]))
			return 0;
	return person_fills(c, ps, cs[3], ce[3]);
}

/* Does the line [ls, le) name the card's 記号 (a header: 記号,番号,枝番)?
 * Rows under it are its table's, read by column (pii_table.c), a
 * missing value (不明) too; first_symbol_cell() is for rows with none in
 * their block. */
static int card_sign_in(const struct pii__text *t, size_t ls, size_t le)
{
	for (size_t q = ls; q + 1 < le; q++)
		if (t->cp[q] == 0x8A18 /* 記 */ && t->cp[q + 1] == 0x53F7 /* 号 */)
			return 1;
	return 0;
}

/* The parts of a card in digits only, as three cells (12, 33047, 00): no
 * letters tell them from any three numbers, so they count when the rows
 * of one household follow each other (nineteenth round): the same symbol
 * and number on consecutive rows, the branch number (two digits opening
 * with 0) one more on each, and a name's cell on the row. The cells'
 * first column of the row, or n when none. */
static size_t digit_card_cells(const struct pii__text *t, const size_t *cs, const size_t *ce,
			       size_t n)
{
	for (size_t k = 0; k + 2 < n; k++) {
		size_t l0 = ce[k] - cs[k], l1 = ce[k + 1] - cs[k + 1];
		if (l0 >= 1 && l0 <= 8 && pii__all_digits(t, cs[k], ce[k]) && l1 >= 4 && l1 <= 8 &&
		    pii__all_digits(t, cs[k + 1], ce[k + 1]) && ce[k + 2] - cs[k + 2] == 2 &&
		    t->cp[cs[k + 2]] == '0' && pii__is_digit(t->cp[cs[k + 2] + 1]))
			return k;
	}
	return n;
}

/* The line opening at ls, its end in *le, split into cells at its commas
 * or, when a tab comes first, at its tabs: the number of cells (0: no
 * separator, or more cells than the limit). */
static size_t line_cells(const struct pii__text *t, size_t ls, size_t *le, size_t *cs, size_t *ce)
{
	size_t e = ls;
	int tab = -1;
	while (e < t->n && t->cp[e] != '\n' && t->cp[e] != '\r') {
		if (tab < 0 && (t->cp[e] == ',' || (t->cp[e] == ' ' && pii__raw_tab(t, e))))
			tab = t->cp[e] == ' ';
		e++;
	}
	*le = e;
	return tab >= 0 ? split_cells(t, ls, e, tab, cs, ce) : 0;
}

/* The first position from i whose code point is a space the input held as
 * a tab (what line_cells() tests), or t->n. */
static size_t raw_tab_from(const struct pii__text *t, size_t i)
{
	while (i < t->n) {
		const char *p = memchr(t->raw + t->boff[i], '\t', t->len - t->boff[i]);
		if (!p)
			return t->n;
		size_t b = (size_t)(p - t->raw), lo = i, hi = t->n;
		while (lo < hi) { /* the first code point from i whose bytes reach b */
			size_t mid = lo + (hi - lo) / 2;
			if (t->boff[mid + 1] <= b)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < t->n && t->boff[lo] == b && t->cp[lo] == ' ')
			return lo;
		i = lo + 1;
	}
	return t->n;
}

/* The next commas and tabs of a document, for cells_line_next(). */
struct cells_cursor {
	size_t comma, tab;
};

static void cells_cursor_init(struct cells_cursor *k, const struct pii__text *t)
{
	k->comma = t->n >= CELLS_SKIP_MIN ? pii__find_cp(t, 0, ',') : 0;
	k->tab = t->n >= CELLS_SKIP_MIN ? raw_tab_from(t, 0) : 0;
}

/* The first line from the line start ls that holds a comma or a tab, where
 * line_cells() may find cells (the lines before give none), or t->n; ls
 * itself on a short text. One search a separator where line_cells() walked
 * every line of a long document (tenth speed round). */
static size_t cells_line_next(const struct pii__text *t, struct cells_cursor *k, size_t ls)
{
	if (t->n < CELLS_SKIP_MIN)
		return ls;
	if (k->comma < ls)
		k->comma = pii__find_cp(t, ls, ',');
	if (k->tab < ls)
		k->tab = raw_tab_from(t, ls);
	size_t s = k->comma < k->tab ? k->comma : k->tab;
	if (s >= t->n)
		return t->n;
	while (s > ls && t->cp[s - 1] != '\n' && t->cp[s - 1] != '\r')
		s--;
	return s;
}

/* A run of a household's rows, each with the card's m cells (symbol,
 * number and, when m is 3, branch) in one column: the previous row's
 * column (EVENT_COLS_MAX: none), its cells, and whether they were added. */
struct card_run {
	size_t k, s[3], e[3];
	int added;
};

/* One row of a run whose card cells open at column dk: when it follows the
 * row before (the caller's test), both rows' cells are the card's (the row
 * before's only once), and the phones read inside them are dropped. */
static void card_run_row(const struct pii__text *t, struct pii__cands *c, struct card_run *r,
			 const size_t *cs, const size_t *ce, size_t dk, size_t m, int follows)
{
	if (follows) {
		if (!r->added) {
			drop_phones_in(c, r->s[0], r->e[m - 1]);
			for (size_t q = 0; q < m; q++)
				pii__cand_add(c, t, r->s[q], r->e[q], PII_JP_HEALTH_INSURANCE, 0.9);
		}
		drop_phones_in(c, cs[dk], ce[dk + m - 1]);
		for (size_t q = dk; q < dk + m; q++)
			pii__cand_add(c, t, cs[q], ce[q], PII_JP_HEALTH_INSURANCE, 0.9);
	}
	r->added = follows;
	r->k = dk;
	for (size_t q = 0; q < m; q++)
		r->s[q] = cs[dk + q], r->e[q] = ce[dk + q];
}

static void insurance_rows(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have(t, ',') && !memchr(t->raw, '\t', t->len))
		return;
	struct card_run run = {.k = EVENT_COLS_MAX}; /* rows of digit cards */
	/* a line of the block so far names the card's 記号 (a header) */
	int signs = pii__may_have(t, 0x8A18 /* 記 */), sign_in_block = 0;
	struct person_spans persons = {0};
	struct cells_cursor cur;
	cells_cursor_init(&cur, t);
	for (size_t ls = 0; ls < t->n;) {
		size_t next = cells_line_next(t, &cur, ls);
		if (next != ls) { /* lines without cells end a run */
			run = (struct card_run){.k = EVENT_COLS_MAX};
			if (next >= t->n)
				break;
			/* a blank line skipped ends the block (a document's
			 * texts are parted so) */
			for (size_t q = ls; q + 1 < next && sign_in_block; q++)
				if (t->cp[q] == '\n' && t->cp[q + 1] == '\n')
					sign_in_block = 0;
			ls = next;
		}
		size_t le, cs[EVENT_COLS_MAX], ce[EVENT_COLS_MAX];
		size_t n = line_cells(t, ls, &le, cs, ce);
		if (signs && !sign_in_block)
			sign_in_block = card_sign_in(t, ls, le);
		care_level_row(t, c, cs, ce, n);
		size_t dk = n > 3 && row_has_letters(t, cs, ce, n) ? digit_card_cells(t, cs, ce, n) : n;
		if (dk < n)
			card_run_row(t, c, &run, cs, ce, dk, 3,
				     run.k == dk && same_cell(t, run.s[0], run.e[0], cs[dk], ce[dk]) &&
					     same_cell(t, run.s[1], run.e[1], cs[dk + 1], ce[dk + 1]) &&
					     t->cp[run.s[2]] == t->cp[cs[dk + 2]] &&
					     t->cp[run.s[2] + 1] + 1 == t->cp[cs[dk + 2] + 1]);
		else
			run = (struct card_run){.k = EVENT_COLS_MAX};
		for (size_t k = 0; k + 3 < n; k++) {
			size_t a = cs[k], b = ce[k];
			if (!pii__all_digits(t, cs[k + 1], ce[k + 1]) ||
			    ce[k + 1] - cs[k + 1] < 5 || ce[k + 1] - cs[k + 1] > 8 ||
			    !pii__all_digits(t, cs[k + 2], ce[k + 2]) || ce[k + 2] - cs[k + 2] != 2 ||
			    t->cp[cs[k + 2]] != '0' ||
			    !(symbol_cell(t, a, b) || word_symbol_cell(t, cs, ce, k) ||
			      (!sign_in_block && first_symbol_cell(t, c, &persons, cs, ce, n, k))))
				continue;
			size_t j = 0;
			for (size_t i = 0; i < c->n; i++) {
				const struct pii_span *v = &c->v[i];
				if (v->type == PII_PHONE && v->start < ce[k + 2] && v->end > a)
					continue;
				c->v[j++] = *v;
			}
			c->n = j;
			for (size_t q = k; q < k + 3; q++)
				pii__cand_add(c, t, cs[q], ce[q], PII_JP_HEALTH_INSURANCE, 0.9);
			break;
		}
		ls = le + 1;
	}
	free(persons.v);
}

/* A headerless row of an insured person (twenty-fifth round (d)): a
 * name, a birth date and, side by side, the card's numbers without their
 * header. Either a cell naming the scheme (後期高齢, 国保…) right before a
 * cell of six to eight digits: that number is the card's
 * (…<TAB>1948/03/22<TAB>後期高齢<TAB>41207735, the 後期高齢者 card's eight
 * digits); or a symbol of two digits opening with 0 and a number of five
 * to eight digits, the same symbol in the same column on the row before,
 * under a title naming medical care or insurance (医療費減免 照会CSV, then
 * 氏名,S14.6.3,町,区分,05,3301922 on consecutive rows): a household's or
 * a town's cards. A scheme's cell before an amount (後期高齢,6420) or a
 * lone row's two numbers are any list's. */
static const char *const scheme_cells[] = {"後期高齢", "後期高齢者", "国保", "国民健康保険",
					   "協会けんぽ", "社保", NULL};
static const char *const insured_titles[] = {"保険", "医療", "国保", "後期高齢", NULL};

static int row_has_birth_cell(const struct pii__text *t, const size_t *cs, const size_t *ce,
			      size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (birth_date_cell(t, cs[k], ce[k]))
			return 1;
	return 0;
}

static void insured_scheme_rows(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have(t, ',') && !memchr(t->raw, '\t', t->len))
		return; /* no row has cells (line_cells()) */
	struct card_run run = {.k = EVENT_COLS_MAX}; /* rows of symbol and number */
	struct cells_cursor cur;
	cells_cursor_init(&cur, t);
	for (size_t ls = 0; ls < t->n;) {
		size_t next = cells_line_next(t, &cur, ls);
		if (next != ls) { /* lines without cells end a run */
			run = (struct card_run){.k = EVENT_COLS_MAX};
			if (next >= t->n)
				break;
			ls = next;
		}
		size_t le, cs[EVENT_COLS_MAX], ce[EVENT_COLS_MAX];
		size_t n = line_cells(t, ls, &le, cs, ce);
		size_t dk = n;
		if (n >= 3 && row_has_letters(t, cs, ce, n) && row_has_birth_cell(t, cs, ce, n)) {
			for (size_t k = 0; k + 1 < n; k++) {
				size_t l = ce[k + 1] - cs[k + 1];
				if (pii__is_word(t, cs[k], ce[k], scheme_cells) && l >= 6 && l <= 8 &&
				    pii__all_digits(t, cs[k + 1], ce[k + 1]) &&
				    !pii__compact_date_end(t, cs[k + 1])) {
					drop_phones_in(c, cs[k + 1], ce[k + 1]);
					pii__cand_add(c, t, cs[k + 1], ce[k + 1], PII_JP_HEALTH_INSURANCE,
						      0.9);
				}
				if (dk == n && ce[k] - cs[k] == 2 && t->cp[cs[k]] == '0' &&
				    pii__is_digit(t->cp[cs[k] + 1]) && l >= 5 && l <= 8 &&
				    pii__all_digits(t, cs[k + 1], ce[k + 1]))
					dk = k;
			}
		}
		/* the phones dropped are those inside each row's card cells, not
		 * between the two rows' cards (a phone at the end of the row
		 * before is that person's) */
		if (dk < n)
			card_run_row(t, c, &run, cs, ce, dk, 2,
				     run.k == dk && same_cell(t, run.s[0], run.e[0], cs[dk], ce[dk]) &&
					     run.e[1] - run.s[1] == ce[dk + 1] - cs[dk + 1] &&
					     title_in_block(t, run.s[0], insured_titles));
		else
			run = (struct card_run){.k = EVENT_COLS_MAX};
		ls = le + 1;
	}
}

/* ---- a name ends at its cell --------------------------------------------- */

/* A tab ends a table's cell, and a name never runs over into the next
 * cell: a name read across a tab (RODRIGUES Marcia<TAB>BRA, the country's
 * code in the next column) is cut at it (thirteenth round (b)). */
static void names_within_cells(const struct pii__text *t, struct pii__cands *c)
{
	if (!memchr(t->raw, '\t', t->len))
		return;
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON)
			continue;
		for (size_t q = v->start + 1; q < v->end; q++)
			if (t->cp[q] == ' ' && pii__raw_tab(t, q)) {
				size_t e = q;
				while (e > v->start && t->cp[e - 1] == ' ')
					e--;
				if (e - v->start >= 2) {
					v->end = e;
					v->byte_end = t->boff[e];
				}
				break;
			}
	}
}

static int has_birth_dates(const struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_DATE_OF_BIRTH)
			return 1;
	return 0;
}

/* A card's three parts at the head of a row spaced into columns, no header
 * (長岡　0041827　01　氏名　昭和23年5月5日　国保…; twenty-sixth round (d)):
 * a symbol of one to four kanji or kana (digits after them or not), a
 * number of five to eight digits and a branch of two digits opening with
 * 0, as words parted by spaces, on a line that names the scheme (国保,
 * 後期高齢…) and holds a birth date's word. The same three words on a line
 * with no birth date, or with no scheme named, are any list's. */
static int symbol_word(const struct pii__text *t, size_t s, size_t e)
{
	size_t q = s;
	while (q < e && q - s < 4 &&
	       (pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]) || pii__is_hira(t->cp[q])))
		q++;
	/* not a label of the number after it (受付番号, 整理番, 記号) */
	return q > s && e - q <= 4 && (q == e || pii__all_digits(t, q, e)) &&
	       !pii__is_word(t, s, q, scheme_cells) && t->cp[q - 1] != 0x53F7 /* 号 */ &&
	       t->cp[q - 1] != 0x756A /* 番 */;
}

static void spaced_card_rows(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t ls = 0; ls < t->n;) {
		size_t le = pii__skip_to_cp(t, ls, '\n');
		size_t cs[EVENT_COLS_MAX], ce[EVENT_COLS_MAX];
		size_t n = split_words(t, ls, le, cs, ce);
		for (size_t k = 0; k + 3 < n; k++) {
			size_t l1 = ce[k + 1] - cs[k + 1];
			if (l1 < 5 || l1 > 8 || !pii__all_digits(t, cs[k + 1], ce[k + 1]) ||
			    ce[k + 2] - cs[k + 2] != 2 || t->cp[cs[k + 2]] != '0' ||
			    !pii__is_digit(t->cp[cs[k + 2] + 1]) || !symbol_word(t, cs[k], ce[k]))
				continue;
			int birth = 0, scheme = 0;
			for (size_t j = k + 3; j < n && !birth; j++)
				birth = birth_date_cell(t, cs[j], ce[j]);
			for (size_t q = ls; q < le && !scheme; q++)
				scheme = pii__match_any(t, q, scheme_cells) != 0;
			if (!birth || !scheme)
				break;
			drop_phones_in(c, cs[k], ce[k + 2]);
			for (size_t q = k; q < k + 3; q++)
				pii__cand_add(c, t, cs[q], ce[q], PII_JP_HEALTH_INSURANCE, 0.9);
			break;
		}
		ls = le + 1;
	}
}

/* The cell of a row of commas or tabs that starts at q: q after the
 * row's separator. 1 when a date fills it. */
static int date_cell_at(const struct pii__text *t, size_t q)
{
	size_t e = pii__date_end(t, q);
	return e && e - q >= 6 &&
	       (e >= t->n || t->cp[e] == ',' || t->cp[e] == '\n' || t->cp[e] == '\r' ||
		pii__raw_tab(t, e));
}

/* 52804619370,大栗 トシ,1933-12-24,奥平字宮ノ谷9番地: eleven digits
 * opening a row of a register written without its header, the holder's
 * name filling the next cell and a date (the birth) in a cell after it:
 * the row's resident code (住民票コード). Eleven digits that do not
 * start with 0 are no phone, and no other number of a person has eleven;
 * the name and the date say the row is a person's (a row of counts, an
 * order's number before a product, stays as it is). Over the PERSON
 * candidates [0, n), not the text's code points. */
static void resident_codes_opening_rows(const struct pii__text *t, struct pii__cands *c, size_t n)
{
	/* every candidate there before the rule counts (the shared index, as
	 * the learned model asks it); the rows' own codes added here lie on
	 * other lines */
	struct pii__overlaps taken;
	pii__overlaps_init(&taken, c, c->n, -1.0);
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_PERSON || c->v[k].start < 12)
			continue;
		size_t sep = c->v[k].start - 1, b = sep - 11, e = c->v[k].end;
		int tab = pii__raw_tab(t, sep);
		if ((t->cp[sep] != ',' && !tab) || (b > 0 && t->cp[b - 1] != '\n') || t->cp[b] == '0')
			continue;
		size_t q = b;
		while (q < sep && pii__is_digit(t->cp[q]))
			q++;
		/* the name fills its cell: the row's separator after it */
		if (q != sep || e >= t->n || (tab ? !pii__raw_tab(t, e) : t->cp[e] != ','))
			continue;
		int dated = 0;
		for (q = e + 1; q < t->n && !dated && t->cp[q] != '\n' && t->cp[q] != '\r'; q++)
			if (t->cp[q - 1] == t->cp[sep] && (tab ? pii__raw_tab(t, q - 1) : 1))
				dated = date_cell_at(t, q);
		if (!dated)
			continue;
		if (!pii__overlaps_any(&taken, b, sep))
			pii__cand_add(c, t, b, sep, PII_JP_RESIDENT_CODE, 0.85);
	}
	pii__overlaps_release(&taken);
}

void pii__layout_rules(const struct pii__text *t, struct pii__cands *c)
{
	drop_names_ending_in_eras(t, c);
	if (pii__may_have_class(t, PII_CUE_KANJI) && pii__may_have_digit(t))
		drop_places_read_as_names(t, c);
	size_t n = c->n;
	for (size_t k = 0; k < n; k++)
		if (c->v[k].type == PII_ADDRESS) {
			postal_before_address(t, c, k);
			postal_after_address(t, c, k);
		}
	address_cells(t, c, n);
	readings_after_latin(t, c, n);
	/* each rule below runs only where the text's cues allow it (a
	 * rule's own search would find nothing otherwise) */
	if (pii__may_have_class(t, PII_CUE_KATA))
		kana_names(t, c, c->n);
	if (may_have_country(t))
		abroad_addresses(t, c);
	holder_after_account(t, c, c->n);
	/* over the names the rules above added too (a reading in brackets
	 * after a Latin name, then the date) */
	birth_date_cells(t, c, c->n);
	const struct pii__names *names = pii__names_get();
	if (names) {
		if (pii__may_have(t, ' ') && pii__may_have_any(t, relations))
			given_after_relation(t, c, names);
		if (pii__may_have(t, '('))
			signature_in_brackets(t, c, names);
	}
	if (pii__may_have(t, '(') && pii__may_have_digit(t)) {
		birth_dates_in_brackets(t, c, n);
		birth_dates_on_person_lines(t, c);
		birth_dates_after_relations(t, c);
	}
	if (pii__may_have(t, '(') && pii__may_have_class(t, PII_CUE_KANJI))
		towns_beside_persons(t, c, n);
	if (pii__may_have_class(t, PII_CUE_KANJI) && pii__may_have_digit(t))
		hamlet_lots_beside_persons(t, c, n);
	if (pii__may_have(t, 0x6CD5 /* 法 */) && pii__may_have_digit(t))
		corporate_numbers(t, c);
	/* rows under the header: a line break at least */
	if (pii__may_have(t, '\n') && pii__may_have_any(t, org_cells))
		organisation_tables(t, c);
	/* a header and its rows: a line break at least */
	if (pii__may_have(t, '\n') && (pii__may_have(t, ',') || pii__may_have(t, ' ')) &&
	    has_birth_dates(c)) {
		birth_date_columns(t, c);
		dates_under_event_columns(t, c);
	}
	/* household rows name their members in any script (ペレイラ ジルベルト) */
	if ((pii__may_have(t, ',') || pii__may_have(t, ' ')) && pii__may_have_digit(t))
		insurance_rows(t, c);
	if ((pii__may_have(t, ',') || pii__may_have(t, ' ')) && pii__may_have_digit(t) &&
	    pii__may_have_any(t, insured_titles))
		insured_scheme_rows(t, c);
	if (pii__may_have(t, ' ') && pii__may_have_digit(t) && pii__may_have_any(t, scheme_cells))
		spaced_card_rows(t, c);
	if (pii__may_have(t, ' '))
		names_within_cells(t, c);
	if ((pii__may_have(t, ',') || pii__may_have(t, ' ')) && pii__may_have_digit(t))
		resident_codes_opening_rows(t, c, c->n);
}
