/* Names and accounts written bare (issue 14, fifth round).
 *
 * Rules that need no cue word, only the shape of the text and the names
 * dictionary; they run over the candidates after the person detector and
 * before the bank designations and the layout rules (pii.c):
 *
 * - Kana names: two words of one kana script separated by a space, the
 *   first a surname's reading and the second a given name's reading in
 *   ENAMDICT (ﾔﾏﾓﾄ ﾀｶｼ in a transfer file, セキ チエコ after 口座名義,
 *   たかはし ゆきえ様). Words of forms (ﾌﾘｶﾞﾅ, ﾒｲｷﾞ, ｷﾝｶﾞｸ, ﾌﾂｳ…) are never
 *   name words, though some are surnames too.
 * - Given names MeCab cut short: a name found as 姓 + space + the first
 *   kanji of a given name UniDic does not know (稲垣 湊|斗, 戸田 陽|向), or
 *   as the surname alone before a space and such a given name (浅野 陸斗
 *   （…）), takes the rest of the kanji run when the run ends the name
 *   (punctuation, a bracket, a line end, or a space and a field word).
 * - Transfer rows: cells of a 全銀-style record, with or without a header
 *   (0158,ｷﾖｳﾄｷﾞﾝｺｳ,112,ﾆｼｼﾞﾝ,1,1234875 or ｷｮｳﾄｷﾞﾝｺｳ,ﾆｼｼﾞﾝ,1,0294417):
 *   bank, branch, account type and a 7-digit number, with the bank's and
 *   the branch's codes when written, are one JP_BANK_ACCOUNT designation;
 *   tab rows too, and a half-width bank without its kind after a kana
 *   holder's name (sixth round).
 * - Sixth round (names_sixth_round, row_birth_dates): surnames ENAMDICT
 *   lists completing a given name found alone, surnames written again
 *   alone, relatives named by a given name (妻彩さん), kana names with an
 *   honorific, quoted katakana names, Latin names before the same name in
 *   brackets; birth dates and resident codes in the cells of a row after a
 *   person's name, and family lists opened by a relation.
 *
 * Pure functions of the folded text and the candidates; thread-safe as the
 * scanner that calls them.
 */
#include <stdlib.h>
#include <string.h>

#include "pii/pii_int.h"

/* ---- indexes of a scan's candidates and words ------------------------------ */

/* Appends the pair (a, b) to the n pairs of v (room for *cap), growing it;
 * returns v. */
static size_t *pair_add(size_t *v, size_t *n, size_t *cap, size_t a, size_t b)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 32;
		v = yk_xrealloc(v, 2 * *cap * sizeof(*v));
	}
	v[2 * *n] = a;
	v[2 * *n + 1] = b;
	(*n)++;
	return v;
}

/* The PERSON candidates of c by their starts, so that a rule asking
 * whether a name overlaps a span reads the few near it, not the whole
 * list (a document holds tens of thousands of candidates). It reads each
 * candidate's type and confidence at the query, so it stays true while a
 * rule changes those or adds candidates (read one by one past n0); it
 * must be built again when a rule moves a candidate's start, makes one a
 * PERSON, or drops one, and when it moves an end before an overlap or a
 * cover is asked (maxlen bounds the walk back from a span). */
struct person_index {
	size_t *by_start; /* owned: pairs (start, k), sorted */
	size_t m, n0, maxlen;
};

static void person_index_init(struct person_index *x, const struct pii__cands *c)
{
	x->m = 0;
	x->maxlen = 0;
	x->n0 = c->n;
	x->by_start = NULL;
	for (size_t k = 0; k < c->n; k++)
		x->m += c->v[k].type == PII_PERSON;
	if (!x->m)
		return;
	x->by_start = yk_xmalloc(2 * x->m * sizeof(*x->by_start));
	size_t m = 0;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON) {
			x->by_start[2 * m] = c->v[k].start;
			x->by_start[2 * m + 1] = k;
			m++;
			if (c->v[k].end - c->v[k].start > x->maxlen)
				x->maxlen = c->v[k].end - c->v[k].start;
		}
	if (x->m > 1)
		qsort(x->by_start, x->m, 2 * sizeof(*x->by_start), pii__cmp_pairs);
}

/* The first entry of the index that starts at s or after. */
static size_t person_index_lower(const struct person_index *x, size_t s)
{
	return pii__keys_below(x->by_start, x->m, 2, s);
}

/* Whether an indexed PERSON candidate kept (above 0.01) overlaps [s, e):
 * for a rule whose own additions cannot overlap one another (each at its
 * own cue), which need not be walked then. */
static int person_index_overlaps_indexed(const struct person_index *x, const struct pii__cands *c,
					 size_t s, size_t e)
{
	/* an indexed span that overlaps starts after s - maxlen and before e */
	size_t from = s >= x->maxlen ? s - x->maxlen + 1 : 0;
	for (size_t p = person_index_lower(x, from); p < x->m && x->by_start[2 * p] < e; p++) {
		const struct pii_span *v = &c->v[x->by_start[2 * p + 1]];
		if (v->type == PII_PERSON && v->confidence > 0.01 && v->start < e && v->end > s)
			return 1;
	}
	return 0;
}

/* pii__person_overlaps() through the index: a PERSON candidate kept (above
 * 0.01) overlaps [s, e). */
static int person_index_overlaps(const struct person_index *x, const struct pii__cands *c,
				 size_t s, size_t e)
{
	if (person_index_overlaps_indexed(x, c, s, e))
		return 1;
	for (size_t k = x->n0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].confidence > 0.01 && c->v[k].start < e &&
		    c->v[k].end > s)
			return 1;
	return 0;
}

/* person_over() through the index: a PERSON candidate covers [s, e). */
static int person_index_covers(const struct person_index *x, const struct pii__cands *c,
			       size_t s, size_t e)
{
	/* an indexed span that covers starts at e - maxlen or after, at s or
	 * before */
	size_t from = e >= x->maxlen ? e - x->maxlen : 0;
	for (size_t p = person_index_lower(x, from); p < x->m && x->by_start[2 * p] <= s; p++) {
		const struct pii_span *v = &c->v[x->by_start[2 * p + 1]];
		if (v->type == PII_PERSON && v->start <= s && v->end >= e)
			return 1;
	}
	for (size_t k = x->n0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].start <= s && c->v[k].end >= e)
			return 1;
	return 0;
}

/* A PERSON candidate kept (above 0.01) opens at s and ends before e. */
static int person_index_opens(const struct person_index *x, const struct pii__cands *c,
			      size_t s, size_t e)
{
	for (size_t p = person_index_lower(x, s); p < x->m && x->by_start[2 * p] == s; p++) {
		const struct pii_span *v = &c->v[x->by_start[2 * p + 1]];
		if (v->type == PII_PERSON && v->confidence > 0.01 && v->start == s && v->end < e)
			return 1;
	}
	for (size_t k = x->n0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].confidence > 0.01 && c->v[k].start == s &&
		    c->v[k].end < e)
			return 1;
	return 0;
}

/* A PERSON candidate kept (above 0.01) overlaps [s, e) and reaches out of
 * [a, b). */
static int person_index_reaches_out(const struct person_index *x, const struct pii__cands *c,
				    size_t s, size_t e, size_t a, size_t b)
{
	size_t from = s >= x->maxlen ? s - x->maxlen + 1 : 0;
	for (size_t p = person_index_lower(x, from); p < x->m && x->by_start[2 * p] < e; p++) {
		const struct pii_span *v = &c->v[x->by_start[2 * p + 1]];
		if (v->type == PII_PERSON && v->confidence > 0.01 && v->start < e && v->end > s &&
		    (v->start < a || v->end > b))
			return 1;
	}
	for (size_t k = x->n0; k < c->n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type == PII_PERSON && v->confidence > 0.01 && v->start < e && v->end > s &&
		    (v->start < a || v->end > b))
			return 1;
	}
	return 0;
}

/* person_whole() through the index: the PERSON candidates inside [a, e)
 * are parts, the whole is added. */
static void person_index_whole(const struct person_index *x, struct pii__cands *c,
			       const struct pii__text *t, size_t a, size_t e, double conf)
{
	for (size_t p = person_index_lower(x, a); p < x->m && x->by_start[2 * p] <= e; p++) {
		struct pii_span *v = &c->v[x->by_start[2 * p + 1]];
		if (v->type == PII_PERSON && v->start >= a && v->end <= e)
			v->confidence = 0.01; /* a part: the whole replaces it */
	}
	for (size_t k = x->n0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].start >= a && c->v[k].end <= e)
			c->v[k].confidence = 0.01;
	pii__cand_add(c, t, a, e, PII_PERSON, conf);
}

/* Where up to REPEAT_WORDS_MAX words of the text, [from[j], from[j] +
 * len[j]), are written again in [a, z) (the text, or one of its parts):
 * every other position holding the same code points, found in one pass (a filter on the low bytes of
 * the words' first code points), grouped by word and ascending in each:
 * the positions and the order of one loop over the text for each word. */
#define REPEAT_WORDS_MAX 16
struct repeats {
	size_t *at;                         /* owned */
	size_t first[REPEAT_WORDS_MAX + 1]; /* word j's: at[first[j]..first[j + 1]) */
};

static void repeats_find(const struct pii__text *t, size_t a, size_t z, const size_t *from,
			 const size_t *len, size_t m, struct repeats *r)
{
	uint16_t low[256] = {0};
	for (size_t j = 0; j < m; j++)
		low[t->cp[from[j]] & 0xFF] |= (uint16_t)(1u << j);
	size_t *hit = NULL, nh = 0, cap = 0; /* pairs (word, position) */
	const uint32_t *cp = t->cp;
	for (size_t i = a; i < z; i++) {
		unsigned mask = low[cp[i] & 0xFF];
		for (size_t j = 0; mask; j++, mask >>= 1) {
			if (!(mask & 1) || cp[i] != cp[from[j]] || i == from[j] || i + len[j] > z ||
			    memcmp(cp + i, cp + from[j], len[j] * sizeof(*cp)) != 0)
				continue;
			hit = pair_add(hit, &nh, &cap, j, i);
		}
	}
	/* grouped by word, a stable counting sort: positions stay ascending */
	size_t count[REPEAT_WORDS_MAX + 1] = {0};
	for (size_t h = 0; h < nh; h++)
		count[hit[2 * h] + 1]++;
	r->first[0] = 0;
	for (size_t j = 0; j < REPEAT_WORDS_MAX; j++)
		r->first[j + 1] = r->first[j] + count[j + 1];
	r->at = nh ? yk_xmalloc(nh * sizeof(*r->at)) : NULL;
	size_t fill[REPEAT_WORDS_MAX];
	memcpy(fill, r->first, sizeof fill);
	for (size_t h = 0; h < nh; h++)
		r->at[fill[hit[2 * h]]++] = hit[2 * h + 1];
	free(hit);
}

/* A comma or a tab (folded to a space: the space's places, the raw byte
 * tested by the rule) part a row's cells. */
static const uint32_t cell_seps[] = {',', ' '};

/* ---- kana names ----------------------------------------------------------- */

#define KANA_WORD_MAX 8 /* code points of a kana word, marks included */

enum kana_script { KS_NONE, KS_HIRA, KS_KATA, KS_HALF };

static inline enum kana_script script_of(uint32_t c)
{
	/* most code points are ASCII or kanji: one or two compares */
	if (c < 0x3041 || (c > 0x30FC && c < 0xFF66) || c > 0xFF9F)
		return KS_NONE;
	if (c <= 0x3096)
		return KS_HIRA;
	if ((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC)
		return KS_KATA;
	return c >= 0xFF66 ? KS_HALF : KS_NONE;
}

/* Words of forms and transfer files (as hiragana readings): never a part
 * of a name, though ENAMDICT lists some of them as surnames (ふりがな,
 * きんがく). */
static const char *const form_words[] = {
	"ふりがな", "かな", "しめい", "めいぎ", "きんがく", "ふつう", "とうざ", "ちょちく",
	"こうざ", "してん", "ぎんこう", "れこーど", "えらー", "なまえ", "せい", "めい",
	"ほんにん", "じゅきゅうしゃ", "うけとりにん", "にゅうきん", "しゅっきん", "ふりこみ",
	"ふりかえ", "てすうりょう", "ざんだか", "ごうけい", "けんすう", "だいひょう", "しゃいん",
	"かぶしきがいしゃ", "ゆうげんがいしゃ", "ありがとう", "よろしく", "おねがい", "ください",
	"ございます", "します", "でした", "ました", "です", "ます", "こと", "もの", "ため",
	"とき", "ところ", "これ", "それ", "あれ", "どれ", "ここ", "そこ", "あそこ", "この",
	"その", "あの", "どの", "また", "まだ", "もう", "すぐ", "ちょっと",
	/* honorifics written as a word after a kana name (ｱﾝﾄﾞｳ ﾕｲ ｻﾏ) */
	"さま", "さん", "どの", "くん", "ちゃん",
	/* field labels of a form in half-width kana (seventh round) */
	"たんとう", "じゅうしょ", "じゆうしよ", "せいねんがっぴ", "せいねんがつぴ", "でんわ",
	NULL,
};

static int word_exact(const struct pii__text *t, size_t s, size_t e, const char *const *words);

/* Is the hiragana form h[0..n) one of form_words? (a text over h, so the
 * list's index is used) */
static int is_form_word(const uint32_t *h, size_t n)
{
	const struct pii__text w = {h, NULL, n, NULL, 0, NULL, NULL};
	return n > 0 && word_exact(&w, 0, n, form_words);
}

/* Honorifics written in hiragana glued to a hiragana given name. */
static const char *const kana_honorifics[] = {"さん", "さま", "ちゃん", "くん", NULL};

/* The kana word at i of script s: its end (at most KANA_WORD_MAX code
 * points), or i. */
static size_t kana_word_end(const struct pii__text *t, size_t i, enum kana_script s)
{
	size_t j = i;
	while (j < t->n && script_of(t->cp[j]) == s && j - i <= KANA_WORD_MAX)
		j++;
	return j - i > KANA_WORD_MAX ? i : j;
}

/* Flags of the kana word [a, b) as a name reading, 0 for a form word. */
static unsigned kana_flags(const struct pii__names *names, const struct pii__text *t, size_t a,
			   size_t b)
{
	uint32_t h[8];
	size_t k = pii__kana_reading(t->cp + a, b - a, h, 8);
	if (k < 2 || is_form_word(h, k))
		return 0;
	return pii__names_lookup_kana(names, t->cp + a, b - a);
}


/* Is there a word of script s, not a form word, joined to the name by the
 * same separator as the one inside it (at sep): before the name starting
 * at at (dir < 0; only a short word of 1-3 letters, as the parts of a
 * foreign name are, or a surname: ヤマモト カルロス エドゥアルド; not a
 * transfer's description: ｺｸﾎｾﾞｲ ｻｶｸﾞﾁ ｼﾝﾔ), or
 * after the name ending at at (dir > 0)? */
static int joined_word(const struct pii__text *t, size_t at, size_t sep, enum kana_script s,
		       int dir)
{
	size_t j;
	if (dir < 0) {
		if (at < 2 || t->cp[at - 1] != ' ' || script_of(t->cp[at - 2]) != s)
			return 0;
		j = at - 1;
	} else {
		if (at + 1 >= t->n || t->cp[at] != ' ' || script_of(t->cp[at + 1]) != s)
			return 0;
		j = at;
	}
	/* the same input bytes as the separator inside the name */
	size_t bl = t->boff[j + 1] - t->boff[j];
	if (bl != t->boff[sep + 1] - t->boff[sep] ||
	    memcmp(t->raw + t->boff[j], t->raw + t->boff[sep], bl) != 0)
		return 0;
	size_t a, b;
	if (dir < 0) {
		b = j;
		a = b;
		while (a > 0 && script_of(t->cp[a - 1]) == s && b - a <= KANA_WORD_MAX)
			a--;
	} else {
		a = j + 1;
		b = a;
		while (b < t->n && script_of(t->cp[b]) == s && b - a <= KANA_WORD_MAX)
			b++;
	}
	uint32_t h[8];
	size_t k = b - a <= 8 ? pii__kana_reading(t->cp + a, b - a, h, 8) : 0;
	if (k && is_form_word(h, k))
		return 0;
	return dir > 0 || (k && k <= 3) ||
	       (pii__names_lookup_kana(pii__names_get(), t->cp + a, b - a) & PII_NAME_SURNAME_KANA);
}

static void kana_names(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	/* from the space between the two words: spaces are rare in Japanese
	 * text, kana are not */
	if (!pii__may_have(t, ' '))
		return;
	for (size_t k = 2; k + 2 < t->n; k++) {
		k = pii__skip_to_cp(t, k, ' ');
		if (k + 2 >= t->n)
			break;
		enum kana_script s = script_of(t->cp[k - 1]);
		if (s == KS_NONE || script_of(t->cp[k + 1]) != s)
			continue;
		size_t i = k - 1, e1 = k;
		while (i > 0 && script_of(t->cp[i - 1]) == s && e1 - i <= KANA_WORD_MAX)
			i--;
		if (e1 - i > KANA_WORD_MAX ||
		    (i > 0 && (script_of(t->cp[i - 1]) != KS_NONE || t->cp[i - 1] == 0x30FB /* ・ */)))
			continue;
		/* hiragana glued to kanji is a word's ending (送り仮名) */
		if (s == KS_HIRA && i > 0 && pii__is_kanji(t->cp[i - 1]))
			continue;
		/* goods named by a maker and a model after their kind (普通自動車
		 * トヨタ プリウス, 車種 ホンダ フィット, 機種 ソニー …; twelfth round
		 * (a)) */
		if (s == KS_KATA && i >= 2 && t->cp[i - 1] == ' ' &&
		    (t->cp[i - 2] == 0x8ECA /* 車 */ || t->cp[i - 2] == 0x7A2E /* 種 */))
			continue;
		size_t e2 = kana_word_end(t, e1 + 1, s);
		if (e2 == e1 + 1)
			continue;
		/* the words of a name are joined by a space, not a tab (a tab
		 * separates table cells); a third word joined the same way
		 * makes it another kind of name (ﾚｰ ｸｱﾝ ﾐﾝ, ヤマモト カルロス
		 * エドゥアルド) unless it is a form word (ﾌﾘｶﾞﾅ ｷﾀﾉ ﾕｳｽｹ) */
		if (pii__raw_tab(t, e1) || joined_word(t, i, e1, s, -1) || joined_word(t, e2, e1, s, 1))
			continue;
		size_t end = e2;
		if (s == KS_HIRA) {
			/* ゆきえさんから: the honorific and what follows it are not
			 * the name */
			for (size_t p = e1 + 3; p + 1 < e2 && end == e2; p++)
				if (pii__match_any(t, p, kana_honorifics))
					end = p;
			/* a hiragana word glued to a kanji after it is no name
			 * (…ちよ様 is one: an honorific) */
			if (end == e2 && e2 < t->n && pii__is_kanji(t->cp[e2]) &&
			    t->cp[e2] != 0x69D8 /* 様 */ && t->cp[e2] != 0x6BBF /* 殿 */ &&
			    t->cp[e2] != 0x6C0F /* 氏 */)
				continue;
		}
		if ((kana_flags(names, t, i, e1) & PII_NAME_SURNAME_KANA) &&
		    (kana_flags(names, t, e1 + 1, end) & PII_NAME_GIVEN_KANA)) {
			pii__cand_add(c, t, i, end, PII_PERSON, 0.9);
			k = e2;
		}
		/* otherwise the next word may open a name (ﾌﾘｶﾞﾅ ｷﾀﾉ ﾕｳｽｹ) */
	}
}

/* ---- given names MeCab cut short ------------------------------------------ */

/* Field words that may follow a name after a space (氏名 宮下 蒼空　生年月日…). */
static const char *const after_fields[] = {"住所", "電話", "生年月日", "生年", "性別", "続柄",
					   "連絡先", "郵便番号", "年齢", "国籍", "携帯", "メール",
					   "旧姓", "職業", "勤務先", "保護者", "個人番号", "学年",
					   "電話番号", "TEL", "Tel", NULL};
/* Era names: a date of the Japanese calendar after a name and a space
 * (加藤 樹　令和8年10月2日生) ends the name. */
static const char *const era_names[] = {"令和", "平成", "昭和", "大正", "明治", NULL};
/* Words that end a kanji run after a name and are not part of it. */
static const char *const name_suffixes[] = {"様", "殿", "氏", "君", "先生", "宅", "方", "家",
					    "世帯", "課長", "係長", "部長", "主任", "主査", "委員",
					    "議員", "さん", NULL};

/* The name ends at e: the end, punctuation, a bracket, a hiragana
 * honorific, or a space and a field word, a digit or a line end. */
static int name_ends(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	uint32_t c = t->cp[e];
	if (c == '(' || c == ')' || c == 0x3001 /* 、 */ || c == ',' || c == ':' || c == '/' ||
	    c == 0x30FB || pii__is_boundary(c) || c == 0x300D /* 」 */)
		return 1;
	if (c == 0x3055 /* さ */ || c == 0x304F /* く */ || c == 0x3061 /* ち */)
		return pii__match_any(t, e, kana_honorifics) > 0;
	if (c != ' ')
		return 0;
	if (e + 1 >= t->n)
		return 1;
	uint32_t d = t->cp[e + 1];
	/* an era-abbreviated date (相模 琉生　H27.2.4, sixth round) */
	if ((d == 'S' || d == 'H' || d == 'R' || d == 'T' || d == 'M') && e + 2 < t->n &&
	    pii__is_digit(t->cp[e + 2]))
		return 1;
	return pii__is_digit(d) || d == '\n' || d == '(' || pii__match_any(t, e + 1, after_fields) > 0 ||
	       pii__match_any(t, e + 1, era_names) > 0;
}

static size_t given_run_end(const struct pii__text *t, size_t i);

static int kanji_honorific(uint32_t c)
{
	return c == 0x69D8 /* 様 */ || c == 0x6BBF /* 殿 */ || c == 0x6C0F /* 氏 */ ||
	       c == 0x541B /* 君 */;
}

/* The run at g that may be a given name: kanji, or hiragana or katakana
 * of one script, five code points at most, ending before an honorific when
 * honorific_ends. Its end (*kanji: which), or g when g starts neither. */
static size_t name_script_run(const struct pii__text *t, size_t g, int honorific_ends, int *kanji)
{
	*kanji = 0;
	if (g >= t->n)
		return g;
	*kanji = pii__is_kanji(t->cp[g]);
	enum kana_script ks = script_of(t->cp[g]);
	if (!*kanji && ks != KS_HIRA && ks != KS_KATA)
		return g;
	size_t e = g;
	while (e < t->n && e - g < 5 &&
	       (*kanji ? pii__is_kanji(t->cp[e]) && !(honorific_ends && kanji_honorific(t->cp[e]))
		       : script_of(t->cp[e]) == ks &&
			 !(honorific_ends && pii__match_any(t, e, kana_honorifics))))
		e++;
	return e;
}

/* Particles after a given name that ENAMDICT lists as such (松岡 陸斗が, 母
 * 武田 スミの…, eighth round). */
static const char *const given_particles[] = {"の", "が", "は", "を", "に", "と", "へ", "も",
					      "より", "から", "まで", NULL};

/* The given name after a surname and a space at g (武田 スミの, 加藤 樹　令和…,
 * eighth round): 2-5 katakana ending where the katakana do, or 1-3 kanji;
 * ENAMDICT lists it as a given name (a kanji one also as an unclassified
 * person's name, 陸斗), and it ends the name or a particle follows. Its end,
 * or 0. */
static size_t given_after_space(const struct pii__names *names, const struct pii__text *t,
				size_t g)
{
	size_t end;
	unsigned f;
	if (pii__is_kata(t->cp[g])) {
		end = g;
		while (end < t->n && pii__is_kata(t->cp[end]) && end - g <= 5)
			end++;
		if (end - g < 2 || end - g > 5 || (end < t->n && pii__is_kata(t->cp[end])))
			return 0;
		f = pii__names_lookup_kana(names, t->cp + g, end - g) & PII_NAME_GIVEN_KANA;
		/* トシ子, ハル子 (ninth round): the kana and 子 */
		if (f && end - g <= 3 && end + 1 < t->n && t->cp[end] == 0x5B50 /* 子 */ &&
		    !pii__is_kanji(t->cp[end + 1]) && name_ends(t, end + 1))
			return end + 1;
		if (!f || (end < t->n && t->cp[end] == ' ' && !name_ends(t, end)))
			return 0;
		/* a kanji honorific may follow (五十嵐 フジ様, ninth round) */
		return end < t->n && pii__is_kanji(t->cp[end]) && !kanji_honorific(t->cp[end]) ? 0
											     : end;
	}
	end = given_run_end(t, g);
	if (!end || pii__match_any(t, g, after_fields) || pii__match_any(t, g, name_suffixes))
		return 0;
	f = pii__names_lookup(names, t->cp + g, end - g);
	if (!(f & (PII_NAME_GIVEN | PII_NAME_PERSON_U)))
		return 0;
	if (name_ends(t, end))
		return end;
	return (f & PII_NAME_GIVEN) && pii__match_any(t, end, given_particles) ? end : 0;
}

/* End of the kanji run from i, when it is 1-3 kanji none of which opens a
 * suffix word; else 0. */
static size_t given_run_end(const struct pii__text *t, size_t i)
{
	size_t j = i;
	while (j < t->n && pii__is_kanji(t->cp[j]) && j - i <= 3) {
		if (j > i && pii__match_any(t, j, name_suffixes))
			return 0;
		j++;
	}
	return j - i >= 1 && j - i <= 3 ? j : 0;
}

static int all_kanji_between(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (!pii__is_kanji(t->cp[i]))
			return 0;
	return 1;
}

/* Words that stand where a signature, a speaker or a self-introduction
 * stands but are no one's name (ENAMDICT lists some as surnames). */
static const char *const not_surnames[] = {
	"以上", "敬具", "草々", "記", "別紙", "添付", "中央", "本町", "本日", "明日", "今日",
	"昨日", "現在", "必要", "不要", "可能", "未定", "担当", "本人", "全員", "同上", "不明",
	"住所", "氏名", "電話", "件名", "内容", "対応", "理由", "結果", "備考", "本文", "宛先",
	"日時", "場所", "議題", "受付", "確認", "連絡", "送信", "返信", "所属", "申請", "相談",
	"経過", "対象", "方針", "目的", "概要", "日程", "予定", "補足", "追記", "質問", "回答",
	"要望", "意見", "事項", "記録", "報告", "司会", "議長", "委員", "会長", "課長", "係長",
	"部長", "市長", "用件", "折返", "相手", "期限", "金額", "合計", "区分", "番号", "状況",
	"大丈夫", "了解", "承知", "私", "自分", "当方", "先方", "市", "区", "町", "村", "児童",
	"生徒", "先生", "医師", "東京", "京都", "大阪",
	/* what staff do, after a role and の (職員の研修は; thirtieth set) */
	"研修",
	/* an honorific or a note written where a name would stand
	 * (社会福祉課長 殿, 通訳 要。; batches 194-201) */
	"殿", "様", "要", "済",
	/* days and times ENAMDICT lists as surnames (平日は17時以降なら出られ
	 * ます; batches 346-353) */
	"平日", "土日", "後日", "月末", "早朝",
	/* a time and a trip opening a memo's sentence (時間は午前9時から,
	 * 出張が多く; batches 822-835) */
	"時間", "出張",
	/* a document's copies (原本は明日持参; batches 458-461) */
	"原本", "正本", "副本", "謄本", "抄本",
	/* seventh round: relations and fields that open the lines of a
	 * family's or a registry's record (夫：…\n妻：…, 新本籍：…), no speakers */
	"夫", "妻", "子", "父", "母", "兄", "姉", "弟", "妹", "孫", "祖父", "祖母", "長男",
	"長女", "次男", "二男", "二女", "次女", "三男", "三女", "養子", "証人", "本籍", "新本籍", "旧本籍",
	"新住所", "旧住所", "前住所", "筆頭者", "届出人", "請求者", "代理人",
	/* ninth round: a register's fields (名：…\n氏：…), values that hide a
	 * name */
	"名", "氏", "姓", "名字", "旧氏", "旧姓", "匿名", "仮名", "無記名", "非公開",
	/* eighth round: addressees after a unit (税務担当課 御中) */
	"御中", "各位", "宛", "一同", "窓口",
	/* words that open the names of sections and that ENAMDICT also
	 * lists as surnames (○都市計画課長, 収納係長) */
	"都市", "収納", "土木", "道路", "水道", "下水", "国保", "住宅", "図書", "行政", "観光",
	"用地", "振興", "文化", "公園", "健康", "危機",
	/* tenth round: offices that speak in a chat ([10:00] 本部（災対）:) */
	"本部", "支部", "本庁", "本局", "支所", "事務局",
	/* thirteenth round (a): roles that speak in a chat (客：…\n职员：…, a
	 * chat in Chinese; [09:00] 受付 通訳:) and words that open the names
	 * of sections (○長寿社会課長) */
	"客", "来客", "住民", "市民", "職員", "係員", "通訳", "選管", "包括", "会場", "長寿",
	"福祉", "保健", "介護", "企画", "総務", "税務", "生活", "防災", "地域", "高齢", "国際",
	/* session 22: a workplace's posts and desks that speak in a chat
	 * ([21:15] 船長：, [08:15] 市場：) */
	"船長", "市場", "現場", "工場", "店長", "社長", "親方", "厨房", "仲卸", "倉庫",
	/* twenty-fourth round (b): an office's area after its name
	 * (（中央児童相談所 管内）), which ENAMDICT also lists as surnames */
	"管内", "管轄", "区域", "圏域", "域内",
	NULL,
};

/* Is [s, e) exactly one of words (a static keyword list)? Only the words
 * that start with the code point at s are compared (the list's index). */
static int word_exact(const struct pii__text *t, size_t s, size_t e, const char *const *words)
{
	const struct pii__kwlist *L = pii__kwlist_get(words);
	if (L && !L->plain) {
		if (!pii__kw_has(L->first, t->cp[s]))
			return 0;
		for (unsigned k = L->head[pii__kw_bit(t->cp[s])]; k != 255; k = L->next[k])
			if (L->len[k] == e - s && L->cp0[k] == t->cp[s] && pii__match(t, s, words[k]))
				return 1;
		return 0;
	}
	for (size_t k = 0; words[k]; k++)
		if (pii__match(t, s, words[k]) == e - s)
			return 1;
	return 0;
}

/* [s, e) is 1-3 kanji that ENAMDICT lists as a surname and that is no word
 * of not_surnames. */
static int bare_surname(const struct pii__names *names, const struct pii__text *t, size_t s,
			size_t e)
{
	if (e <= s || e - s > 3 || !all_kanji_between(t, s, e) ||
	    !(pii__names_lookup(names, t->cp + s, e - s) & PII_NAME_SURNAME))
		return 0;
	return !word_exact(t, s, e, not_surnames);
}

static size_t kanji_run_end(const struct pii__text *t, size_t i)
{
	while (i < t->n && pii__is_kanji(t->cp[i]))
		i++;
	return i;
}

/* The start of the kanji run that ends at i, four kanji back at most
 * (a surname's and a title's run; a longer run stops inside it, where the
 * callers' test of the code point before it fails). */
static size_t kanji_run_back(const struct pii__text *t, size_t i)
{
	size_t s = i;
	while (s > 0 && pii__is_kanji(t->cp[s - 1]) && i - s < 4)
		s--;
	return s;
}

static void complete_given_names(const struct pii__text *t, struct pii__cands *c)
{
	/* both layouts have a space between the names */
	if (!pii__may_have(t, ' '))
		return;
	const struct pii__names *names = pii__names_get();
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		struct pii_span *sp = &c->v[k];
		size_t s = sp->start, e = sp->end;
		if (sp->type != PII_PERSON || e >= t->n || e - s < 1 || !pii__is_kanji(t->cp[s]) ||
		    (s > 0 && pii__is_kanji(t->cp[s - 1])))
			continue;
		size_t space = s;
		while (space < e && pii__is_kanji(t->cp[space]))
			space++;
		if (space - s > 4)
			continue;
		size_t g, end;
		if (space < e) {
			/* 稲垣 湊|斗: the given name is cut inside a kanji run */
			if (t->cp[space] != ' ' || space + 1 >= e || !pii__is_kanji(t->cp[e]) ||
			    !all_kanji_between(t, space + 1, e))
				continue;
			g = space + 1;
		} else {
			/* 浅野| 陸斗（: the surname alone, a space, a given name */
			if (t->cp[e] != ' ' || e + 1 >= t->n ||
			    !(pii__is_kanji(t->cp[e + 1]) || pii__is_kata(t->cp[e + 1])) ||
			    !(pii__names_lookup(names, t->cp + s, e - s) & PII_NAME_SURNAME))
				continue;
			g = e + 1;
		}
		/* not an item of a list of surnames separated by spaces (出席者
		 * 田中 小林 中村): the word before is no surname or name */
		if (s >= 2 && t->cp[s - 1] == ' ' && pii__is_kanji(t->cp[s - 2])) {
			size_t w = s - 1;
			while (w > 0 && pii__is_kanji(t->cp[w - 1]) && s - 1 - w <= 4)
				w--;
			/* a counter after a digit is no surname (3年1組 榎園
			 * 陽斗, ninth round) */
			if (s - 1 - w <= 4 && !(w > 0 && pii__is_digit(t->cp[w - 1])) &&
			    bare_surname(names, t, w, s - 1))
				continue;
		}
		if (space == e && names && (end = given_after_space(names, t, g)) != 0) {
			pii__cand_add(c, t, s, end, PII_PERSON, sp->confidence + 0.01);
			continue;
		}
		if (!pii__is_kanji(t->cp[g]))
			continue;
		end = given_run_end(t, g);
		if (!end || end <= e || !name_ends(t, end) || pii__match_any(t, g, after_fields) ||
		    pii__match_any(t, g, name_suffixes))
			continue;
		/* a surname alone before a space: the run is a given name
		 * ENAMDICT knows, or a bracket (reading, birth date) follows */
		if (space == e && !(end < t->n && t->cp[end] == '(') &&
		    !(pii__names_lookup(names, t->cp + g, end - g) & PII_NAME_GIVEN))
			continue;
		pii__cand_add(c, t, s, end, PII_PERSON, sp->confidence + 0.01);
	}
}

/* ---- bare surnames in messages -------------------------------------------- */

/* Labels of who took or checked something, before a surname that ends the
 * line (受：小野, 確認者：吉永): 者 at the end, or one of these. */
static const char *const taker_labels[] = {"受", "受付", "担当", "記入", "対応", "作成", "起案",
					   "確認", "入力", "聴取", "記録", "報告", "立会", NULL};

/* The next field of the line opens at i after spaces: 1-4 kanji and a
 * colon (入力者：小松　確認者：岡山; batches 202-209). */
static int next_field_at(const struct pii__text *t, size_t i)
{
	while (i < t->n && t->cp[i] == ' ')
		i++;
	size_t k = i;
	while (k < t->n && pii__is_kanji(t->cp[k]) && k - i < 5)
		k++;
	return k > i && k - i <= 4 && k < t->n && t->cp[k] == ':';
}

/* Labels of who heard or calls back written with kana (聞き取り：原（…課）,
 * 折り返しは林から; twenty-seventh round (f)): the kanji walk of the
 * labels above stops at their kana. */
static const char *const taker_kana_labels[] = {"聞き取り", "聞取り", "折り返し", "折返し", NULL};

static int unit_bracket(const struct pii__text *t, size_t o);

/* The label of a taker ending at b (the colon's or は's place): one of
 * taker_labels or ending in 者 (kanji only), or one of taker_kana_labels,
 * opening its line, a bracket or a clause; 1 if so. */
static int taker_label_before(const struct pii__text *t, size_t b)
{
	size_t ls = b;
	while (ls > 0 && pii__is_kanji(t->cp[ls - 1]) && b - ls < 4)
		ls--;
	if (ls == b || !(t->cp[b - 1] == 0x8005 /* 者 */ || word_exact(t, ls, b, taker_labels))) {
		size_t k = pii__ends_with(t, b >= 4 ? b - 4 : 0, b, taker_kana_labels);
		if (!k)
			return 0;
		ls = b - k;
	}
	uint32_t o = ls ? t->cp[ls - 1] : '\n';
	return o == '\n' || o == '(' || o == 0x3002 /* 。 */ || o == 0x3001 /* 、 */ || o == ' ';
}

/* After a taker's label (taker_label_before()), a surname then a unit in
 * brackets (聞き取り：原（障がい福祉課）) or then から or より closing a
 * clause (対応：竹内から、…, 折り返しは林から。): the one who acted is
 * named; the unit or the particle shows where the name ends, so one kanji
 * is read too. 対応：窓口から (no surname) and 確認は本日から stay none. */
static int taker_acts(const struct pii__text *t, size_t i, size_t e, uint32_t p)
{
	if (i < 2 || !(p == ':' || p == 0x306F /* は */) || !taker_label_before(t, i - 1))
		return 0;
	if (p == ':' && e < t->n && t->cp[e] == '(' && unit_bracket(t, e))
		return 1;
	if (!(pii__match(t, e, "から") || pii__match(t, e, "より")))
		return 0;
	uint32_t r = e + 2 < t->n ? t->cp[e + 2] : '\n';
	return r == 0x3001 || r == 0x3002 || r == '\n';
}

/* Bare surnames where the layout of a message says a person is meant:
 * - speakers of a chat (松下：さっきの…\n藤本：合ってます): two lines or
 *   more of the text open with a surname and a colon;
 * - a signature: the last line of a text of several lines is a surname
 *   alone (…詳細は別紙のとおりです。\n\n宮下);
 * - a taker: 受：小野, 確認者：吉永 closing a line;
 * - a self-introduction: 「大崎です、…, 矢野です。 at the start of a
 *   sentence or a quotation, the surname and です with at most a space. */
/* The line ending at e is the last non-empty line of its part: the text
 * ends after it, or a blank line does (pii__part_end()). A document of
 * several pasted texts is read as each of them alone: …修正済みです。\n小柳
 * signs its message as well when a blank line and another text follow. */
static int last_line(const struct pii__text *t, size_t e)
{
	size_t j = e;
	while (j < t->n && t->cp[j] == ' ')
		j++;
	if (j < t->n && pii__blank_line_at(t, j, t->n))
		return 1;
	for (; j < t->n; j++)
		if (t->cp[j] != '\n' && t->cp[j] != ' ')
			return 0;
	return 1;
}

/* The chat's speaker lines of the part [a, z) of a text that i is in,
 * counted when first needed (count -1 before): the part, not the text,
 * since a document of pasted texts made a log of a form's labels
 * (時間：, 住居：, 児：, surnames in ENAMDICT) by the speakers of another
 * text's chat. The asks come with i ascending: the parts are walked once. */
struct speaker_count {
	size_t at, a, z; /* pii__part_next()'s walk and the part [a, z) */
	long count;
};

static long speakers_in_part(const struct pii__names *names, const struct pii__text *t,
			     struct speaker_count *sc, size_t i)
{
	while (sc->z <= i && sc->z < t->n) {
		if (!pii__part_next(t, &sc->at, &sc->a, &sc->z))
			sc->z = t->n;
		sc->count = -1;
	}
	if (sc->count < 0) {
		sc->count = 0;
		for (size_t j = sc->a; j < sc->z; j++) {
			if (j > 0 && t->cp[j - 1] != '\n')
				continue;
			size_t f = kanji_run_end(t, j);
			if (f < t->n && t->cp[f] == ':' && bare_surname(names, t, j, f))
				sc->count++;
		}
	}
	return sc->count;
}

/* The layouts above for a kanji run starting at i after p (one of \n, ':',
 * 「, 。); sc counts the speaker lines of i's part (speakers_in_part()). */
static void message_at(const struct pii__text *t, struct pii__cands *c,
		       const struct pii__names *names, size_t i, uint32_t p,
		       struct speaker_count *sc)
{
	size_t e = kanji_run_end(t, i);
	if (e - i > 3)
		return;
	uint32_t q = e < t->n ? t->cp[e] : '\n';
	/* the layouts, cheapest tests first; the dictionary last */
	int speaker = p == '\n' && q == ':';
	int signature = p == '\n' && q == '\n' && i > 0 && last_line(t, e);
	/* or the bracket that opened before the label closes (（受：今岡）;
	 * twenty-fourth round (b)), with two kanji at least: （受：済） is a
	 * note */
	int taker = p == ':' &&
		    (q == '\n' || (q == ')' && e - i >= 2) || (q == ' ' && next_field_at(t, e))) &&
		    i >= 2;
	int acts = taker_acts(t, i, e, p);
	int intro = 0;
	if (p != ':' && p != 0x306F /* は */) {
		size_t d = e < t->n && t->cp[e] == ' ' ? e + 1 : e;
		uint32_t r = d + 2 < t->n ? t->cp[d + 2] : '\n';
		intro = pii__match(t, d, "です") &&
			(r == 0x3002 || r == 0x3001 || r == '(' || r == ',' || r == '\n');
	}
	if (!(speaker || signature || taker || intro || acts) || !bare_surname(names, t, i, e))
		return;
	double conf = 0;
	if (acts) {
		conf = 0.8;
	} else if (speaker) {
		if (speakers_in_part(names, t, sc, i) >= 2)
			conf = 0.8;
	} else if (signature || intro) {
		conf = 0.75;
	} else {
		size_t ls = i - 1;
		while (ls > 0 && pii__is_kanji(t->cp[ls - 1]) && i - 1 - ls < 4)
			ls--;
		/* a label of kanji before the colon: with none (（：今岡）,
		 * プラスチック：水) the colon is no taker's */
		int label = ls < i - 1 && (t->cp[i - 2] == 0x8005 /* 者 */ ||
					   word_exact(t, ls, i - 1, taker_labels));
		if (label && (ls == 0 || !pii__is_kanji(t->cp[ls - 1])) &&
		    (q == '\n' || (ls > 0 && t->cp[ls - 1] == '(') ||
		     (q == ' ' && next_field_at(t, e))))
			conf = 0.8;
	}
	if (conf > 0)
		pii__cand_add(c, t, i, e, PII_PERSON, conf);
}

/* ---- full names and surnames placed by their neighbours ------------------- */

/* Kanji that may end a kana given name (ヨシ子, きみ江). */
static int given_tail(uint32_t c)
{
	return c == 0x5B50 /* 子 */ || c == 0x6C5F /* 江 */ || c == 0x4EE3 /* 代 */ ||
	       c == 0x679D /* 枝 */ || c == 0x7F8E /* 美 */ || c == 0x4E43 /* 乃 */ ||
	       c == 0x4E16 /* 世 */ || c == 0x606F /* 恵 */;
}

/* Notes of a table's cell that ENAMDICT also reads as given names (岩崎 俊
 * 上町　なし: the next cell says "none"; twentieth round (a)). */
static const char *const cell_notes[] = {"なし", "あり", "ない", NULL};

/* A given name at g after a surname and a space: 1-3 kanji, or 2-4 kana
 * letters that ENAMDICT reads as a given name (optionally with one of the
 * kanji of given_tail: サダ子), ending the name. Its end, or 0. */
static size_t given_at(const struct pii__names *names, const struct pii__text *t, size_t g,
		       int kana_only)
{
	if (g >= t->n)
		return 0;
	enum kana_script ks = script_of(t->cp[g]);
	if (ks == KS_NONE) {
		if (kana_only || !pii__is_kanji(t->cp[g]))
			return 0;
		size_t e = given_run_end(t, g);
		return e && name_ends(t, e) && !pii__match_any(t, g, after_fields) &&
			       !pii__match_any(t, g, name_suffixes)
			       ? e
			       : 0;
	}
	size_t e = g;
	while (e < t->n && script_of(t->cp[e]) == ks && e - g < 6)
		e++;
	size_t k = e;
	if (ks == KS_HIRA)
		for (size_t p = g + 2; p + 1 < e && k == e; p++)
			if (pii__match_any(t, p, kana_honorifics))
				k = p;
	if (k - g < 2 || k - g > 4 ||
	    !(pii__names_lookup_kana(names, t->cp + g, k - g) & PII_NAME_GIVEN_KANA) ||
	    (ks == KS_HIRA && pii__is_word(t, g, k, cell_notes)))
		return 0;
	if (k == e && k < t->n && given_tail(t->cp[k]))
		k++;
	return name_ends(t, k) ? k : 0;
}

static int name_word_alone(const struct pii__names *names, const struct pii__text *t, size_t s,
			   size_t e);

/* Relations and class words glued before a full name (長男北川 亮,
 * 申請者野田 直子, 1年3組安藤 蒼). */
static const char *const glued_relations[] = {
	"長男", "長女", "次男", "二男", "二女", "次女", "三男", "三女", "息子", "祖母", "祖父", "申請者", "届出人",
	"世帯主", "請求者", "妻", "夫", "母", "父", "娘", "孫", "兄", "姉", "弟", "妹", "組", NULL,
};

/* Roles before a surname alone, after a space or a colon (教頭 村瀬, 保健師
 * 東, 担当 林から, 班長 秋山 →, 幹事：川村（内線…）). */
static const char *const roles_before[] = {
	"教頭", "校長", "担任", "担当", "保健師", "看護師", "主任", "主査", "係長", "課長", "班長",
	"副班長", "幹事", "書記", "相談員", "支援員", "指導員", "民生委員", "ケアマネ", "CW",
	/* who handled or handed over a case (seventh round): 処理者 三浦、…,
	 * 前任 河合 → 後任 … */
	"処理者", "確認者", "対応者", "受付者", "入力者", "前任", "後任", NULL,
};

/* Words right after a surname that say it is a person (三好宅, 中村世帯,
 * 栗田弁護士, 大橋主任, 田口CW宛て, 具志堅通訳員). */
static const char *const person_suffixes[] = {"世帯", "宅", "弁護士", "司法書士", "税理士",
					      "主任", "宛", "様方", "CW",
					      /* thirty-first set (batches 402-405):
					       * 喜屋武通訳員 */
					      "通訳員", "相談員", "支援員",
					      /* thirty-second set (batches 414-417): a
					       * clinic's doctor (国保診療所 中平医師) */
					      "医師", NULL};

static int role_ends_at(const struct pii__text *t, size_t e)
{
	return pii__ends_with(t, 0, e, roles_before) != 0;
}

/* The start of a surname of two or three kanji that ends the kanji run
 * [i, e) right after a role of roles_before glued to it (地区担当森下,
 * 係長北村), or 0. */
static size_t role_glued_surname(const struct pii__names *names, const struct pii__text *t,
				 size_t i, size_t e)
{
	for (size_t l = 2; l <= 3; l++) {
		if (e < i + l + 2)
			break;
		size_t a = e - l;
		if (pii__ends_with(t, i, a, roles_before) && bare_surname(names, t, a, e))
			return a;
	}
	return 0;
}

/* A given name of katakana then kanji (ノア太一, エマ美咲, as international
 * families give) at e, right after the relation [i, e) of glued_relations
 * (two code points or more) that opens its item: 2-5 katakana, then 2-3
 * kanji ENAMDICT lists as a given name, ending the name. Its end, or 0. */
static size_t kana_kanji_given_at(const struct pii__names *names, const struct pii__text *t,
				  size_t i, size_t e)
{
	if (e - i < 2 || e - i > 3)
		return 0;
	size_t k = e;
	while (k < t->n && pii__is_kata(t->cp[k]) && k - e <= 5)
		k++;
	if (k - e < 2 || k - e > 5 || k >= t->n || !pii__is_kanji(t->cp[k]))
		return 0;
	size_t g = kanji_run_end(t, k);
	if (g - k < 2 || g - k > 3 || !name_ends(t, g) || !word_exact(t, i, e, glued_relations) ||
	    !(pii__names_lookup(names, t->cp + k, g - k) & PII_NAME_GIVEN))
		return 0;
	return g;
}

/* A record's steps before who took them, a space between (処理 庄司、,
 * 受付 星野　照合 渡辺, 起案 丸山; batches 194-201): a surname of two or
 * three kanji after them. */
static const char *const acts_before[] = {"受付", "処理", "照合", "入力", "審査", "起案",
					  "決裁", "交付", "発送", "点検", NULL};

static int act_ends_at(const struct pii__text *t, size_t e)
{
	size_t m = pii__ends_with(t, e >= 2 ? e - 2 : 0, e, acts_before);
	/* the step opens its item: a line, a bracket, a space or 、 before it */
	if (!m || e < m)
		return 0;
	uint32_t o = e > m ? t->cp[e - m - 1] : '\n';
	return o == '\n' || o == '(' || o == ')' || o == ' ' || o == 0x3001 || o == ':';
}

/* Words of a record's approval after the one who gave it (係長 生田目 決裁),
 * each closing its item. */
static const char *const approval_words[] = {"決裁", "確認", "承認", "了承", "起案", "供覧",
					     "押印", NULL};

static int approval_after(const struct pii__text *t, size_t i)
{
	size_t m = pii__match_any(t, i, approval_words);
	if (!m)
		return 0;
	size_t k = i + m;
	if (k < t->n && pii__match(t, k, "済"))
		k++;
	uint32_t c = k < t->n ? t->cp[k] : '\n';
	return c == ')' || c == 0x3001 || c == 0x3002 || c == '\n';
}

/* The item of a step and its taker ends at e: the line's end, 、, 。, a
 * bracket, or a space and the next step (受付 星野　照合 渡辺), not a
 * time (受付 平日 8:30) nor an arrow (受付 佐藤→窓口). */
static int act_item_ends(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	uint32_t c = t->cp[e];
	if (c == '\n' || c == 0x3001 || c == 0x3002 || c == ')')
		return 1;
	return c == ' ' && e + 1 < t->n &&
	       (pii__match_any(t, e + 1, acts_before) || approval_after(t, e + 1));
}

/* What may follow a surname standing alone after a role. */
/* Whether a form's next field opens at j: a label of 2-8 kanji or kana
 * right before its colon (確認者：細川　二重チェック：今村, 処理者 大野　決
 * 裁者：森; thirty-second set, batches 414-417), two fields on one line.
 * Not a given name: a name ends with no colon glued to it. */
static int field_label_opens(const struct pii__text *t, size_t j)
{
	size_t k = j;
	while (k < t->n && k - j <= 8 &&
	       (pii__is_kanji(t->cp[k]) || pii__is_kata(t->cp[k]) || pii__is_hira(t->cp[k])))
		k++;
	return k - j >= 2 && k - j <= 8 && k < t->n && t->cp[k] == ':';
}

static int surname_follow(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	uint32_t c = t->cp[e];
	if (c == ')' || c == '(' || c == 0x3001 || c == 0x3002 || c == '\n' || c == 0x2192 /* → */ ||
	    c == ',' || c == '/')
		return 1;
	if (c == ' ')
		return e + 1 >= t->n || pii__is_digit(t->cp[e + 1]) || t->cp[e + 1] == 0x2192 ||
		       pii__match_any(t, e + 1, after_fields) || pii__match(t, e + 1, "内線") ||
		       approval_after(t, e + 1) || pii__match_any(t, e + 1, acts_before) ||
		       field_label_opens(t, e + 1);
	return pii__match(t, e, "から") || pii__match(t, e, "より") || pii__match(t, e, "が");
}

/* The first position from i that holds a space or a kanji (or t->n): a
 * tight loop, the text's array and length in registers. */
/* 対応 closing a record with who handled it (…後日再来とのこと。対応 関。;
 * twenty-eighth round (a)): the word at e's end opens its sentence or its
 * line (通訳対応 38件 is a count). */
static int sign_off_before(const struct pii__text *t, size_t e)
{
	if (e < 2 || !pii__match(t, e - 2, "対応"))
		return 0;
	uint32_t o = e > 2 ? t->cp[e - 3] : '\n';
	return o == '\n' || o == 0x3002 /* 。 */ || o == ' ';
}

/* The members listed after a role's or a sign-off's first surname that
 * ends at e (対応 堀、辻。, 担当 林、森): each 、 and a surname of one to
 * three kanji (none of a direction's), the list closing with 。 or its
 * line; the end of the last one taken, or e. */
static size_t staff_signed_after(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c, size_t e)
{
	size_t ends[4], k = 0, q = e;
	while (k < 4 && q + 1 < t->n && t->cp[q] == 0x3001 /* 、 */) {
		size_t f = kanji_run_end(t, q + 1);
		if (f == q + 1 || f - q - 1 > 3 || !name_word_alone(names, t, q + 1, f))
			break;
		ends[k++] = f;
		q = f;
	}
	if (!k || !(q >= t->n || t->cp[q] == 0x3002 || t->cp[q] == '\n'))
		return e;
	for (size_t j = 0, s = e + 1; j < k; s = ends[j++] + 1)
		pii__cand_add(c, t, s, ends[j], PII_PERSON, 0.8);
	return q;
}

static inline size_t skip_to_space_or_kanji(const struct pii__text *t, size_t i)
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	while (i < n && cp[i] != ' ' && !pii__is_kanji(cp[i]))
		i++;
	return i;
}

static void placed_names(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	struct speaker_count speakers = {0, 0, 0, -1};
	/* a person's suffix at a run's end (世帯, 宅, 士, 任, 宛, 方, 師) or CW
	 * after it: without one in the text, the last rule has nothing to do */
	int suffixes = pii__may_have(t, 0x5E2F) || pii__may_have(t, 0x5B85) ||
		       pii__may_have(t, 0x58EB) || pii__may_have(t, 0x4EFB) ||
		       pii__may_have(t, 0x5B9B) || pii__may_have(t, 0x65B9) || pii__may_have(t, 'C') ||
		       pii__may_have(t, 0x30DE /* マ of ケアマネ */) || pii__may_have(t, 0x54E1 /* 員 */) ||
		       pii__may_have(t, 0x5E2B /* 師 of 医師 */);
	/* a role glued before a surname needs CW or a colon after the run */
	int glued_roles = pii__may_have(t, 'C') || pii__may_have(t, ':');
	for (size_t i = 0; i < t->n; i++) {
		/* every rule below starts at a space or at the first kanji of a
		 * run: a tight skip over the other code points */
		i = skip_to_space_or_kanji(t, i);
		if (i >= t->n)
			break;
		uint32_t ch = t->cp[i];
		uint32_t p = i > 0 ? t->cp[i - 1] : '\n';
		if (ch != ' ' && pii__is_kanji(p))
			continue;
		/* a surname placed by a message's layout */
		if ((p == '\n' || p == ':' || p == 0x300C /* 「 */ || p == 0x3002 /* 。 */ ||
		     p == 0x306F /* は */) &&
		    pii__is_kanji(t->cp[i]))
			message_at(t, c, names, i, p, &speakers);
		if (i + 1 >= t->n)
			break;
		/* 姓 名 with a kana given name (高野 サダ子, 川口 チヨ, 原 そうた),
		 * and full names glued to a relation (長男北川 亮) */
		if (t->cp[i] == ' ' && pii__is_kanji(p)) {
			size_t r = i;
			while (r > 0 && pii__is_kanji(t->cp[r - 1]) && i - r < 8)
				r--;
			if (r > 0 && (pii__is_kanji(t->cp[r - 1]) || script_of(t->cp[r - 1]) != KS_NONE))
				continue;
			if (i - r <= 3 && bare_surname(names, t, r, i)) {
				size_t e = given_at(names, t, i + 1, 1);
				if (e)
					pii__cand_add(c, t, r, e, PII_PERSON, 0.8);
				continue;
			}
			static const size_t lens[] = {2, 3, 1};
			for (size_t l = 0; l < 3; l++) {
				size_t a = i - lens[l];
				if (a <= r || !bare_surname(names, t, a, i))
					continue;
				/* no relation ends with the code point before the surname */
				const struct pii__kwlist *L = pii__kwlist_get(glued_relations);
				if (L && !pii__kw_has(L->last, t->cp[a - 1]))
					continue;
				int rel = 0;
				for (size_t k = 0; glued_relations[k] && !rel; k++) {
					size_t m = L && !L->plain ? L->len[k] : pii__kw_len(glued_relations[k]);
					rel = m <= a - r && pii__match(t, a - m, glued_relations[k]) == m &&
					      (a - m == r || strcmp(glued_relations[k], "組") == 0);
				}
				/* 組 and 合 are 組合, a union's name ending (…漁業協同組合
				 * 加工部 is its department; batches 418-421), not a
				 * class (年長組) before a surname 合 */
				if (rel && t->cp[a] == 0x5408 /* 合 */ && t->cp[a - 1] == 0x7D44 /* 組 */)
					rel = 0;
				size_t e = rel ? given_at(names, t, i + 1, 0) : 0;
				if (e) {
					pii__cand_add(c, t, a, e, PII_PERSON, 0.8);
					break;
				}
			}
			continue;
		}
		/* a surname alone after a role and a space or a colon */
		if ((p == ' ' || p == ':') && pii__is_kanji(t->cp[i]) && i >= 2 &&
		    (pii__is_kanji(t->cp[i - 2]) || pii__is_kata(t->cp[i - 2]) || t->cp[i - 2] == 'W')) {
			size_t e = kanji_run_end(t, i);
			if (e - i <= 3 && surname_follow(t, e) && bare_surname(names, t, i, e) &&
			    (role_ends_at(t, i - 1) || (p == ' ' && sign_off_before(t, i - 1)) ||
			     (p == ' ' && e - i >= 2 && act_ends_at(t, i - 1) &&
			      act_item_ends(t, e)))) {
				pii__cand_add(c, t, i, e, PII_PERSON, 0.8);
				i = staff_signed_after(names, t, c, e) - 1;
				continue;
			}
		}
		/* a role glued before a surname, the run before CW (地区担当
		 * 森下CWへ) or a chat speaker's colon (係長北村：); a given name
		 * of katakana then kanji glued after a relation (長男ノア太一、
		 * 長女エマ美咲); batches 402-405. The run that opens here is
		 * read once, for these and the suffixes below. */
		size_t run_end = pii__is_kanji(t->cp[i]) && !pii__is_kanji(p) ? kanji_run_end(t, i) : i;
		if (run_end > i) {
			size_t e = run_end;
			uint32_t q = e < t->n ? t->cp[e] : '\n';
			size_t a = 0, g = 0;
			if (q == 'C' || q == ':') {
				int cw = q == 'C' && e + 1 < t->n && t->cp[e + 1] == 'W';
				int speaker = q == ':' &&
					      (p == '\n' || (p == ' ' && i >= 2 && t->cp[i - 2] == ']'));
				a = glued_roles && (cw || speaker) ? role_glued_surname(names, t, i, e) : 0;
			} else if (pii__is_kata(q)) {
				g = kana_kanji_given_at(names, t, i, e);
			}
			if (a || g) {
				if (a)
					pii__cand_add(c, t, a, e, PII_PERSON, 0.8);
				else
					pii__cand_add(c, t, e, g, PII_PERSON, 0.8);
				i = (a ? e : g) - 1;
				continue;
			}
		}
		/* a care manager's role glued after a surname of two or three
		 * kanji (…主任と三上ケアマネから; twenty-eighth round (a)), as
		 * CW is below, after a particle too */
		if (suffixes && pii__is_kanji(t->cp[i]) && !pii__is_kanji(p)) {
			size_t e = run_end;
			if (e - i >= 2 && e - i <= 3 && e < t->n && t->cp[e] == 0x30B1 /* ケ */ &&
			    pii__match(t, e, "ケアマネ") && bare_surname(names, t, i, e)) {
				pii__cand_add(c, t, i, e, PII_PERSON, 0.8);
				i = e - 1;
				continue;
			}
		}
		/* a surname with a word after it that makes it a person */
		if (suffixes && pii__is_kanji(t->cp[i]) && !pii__is_kanji(p) &&
		    script_of(p) == KS_NONE) {
			size_t e = run_end;
			/* most runs end in none of the suffixes' last code points */
			uint32_t z = t->cp[e - 1];
			if (z != 0x5E2F /* 帯 */ && z != 0x5B85 /* 宅 */ && z != 0x58EB /* 士 */ &&
			    z != 0x4EFB /* 任 */ && z != 0x5B9B /* 宛 */ && z != 0x65B9 /* 方 */ &&
			    z != 0x54E1 /* 員 */ && z != 0x5E2B /* 師 */ &&
			    !(e < t->n && t->cp[e] == 'C')) {
				i = e - 1;
				continue;
			}
			for (size_t k = 0; person_suffixes[k]; k++) {
				/* the surname's end: before the suffix in the run,
				 * or the run's end before CW */
				size_t se, m = pii__kw_len(person_suffixes[k]);
				if (strcmp(person_suffixes[k], "CW") == 0)
					se = pii__match(t, e, "CW") ? e : 0;
				else
					se = m < e - i && pii__match(t, e - m, person_suffixes[k]) == m ? e - m : 0;
				if (!se)
					continue;
				/* a vacant house named after its family opens
				 * with 旧 (空き家（旧武政宅）; thirty-second set):
				 * the surname after it */
				size_t ss = i + (t->cp[i] == 0x65E7 /* 旧 */ && t->cp[se] == 0x5B85 /* 宅 */ &&
						 se - i >= 3);
				if (se - ss >= 2 && bare_surname(names, t, ss, se))
					pii__cand_add(c, t, ss, se, PII_PERSON, 0.8);
				break;
			}
			i = e - 1;
		}
	}
}

/* ---- hand-overs ------------------------------------------------------------ */

/* Words that say an arrow hands work from one person to another. */
static const char *const handover_words[] = {"引継", "引き継", "交代", "担当", "回覧", "決裁",
					     "職員メモ", "申し送り", NULL};

/* 引継：中野→北村, 職員メモ（内田→吉川）: surnames on both sides of an arrow
 * (one space allowed) after a hand-over word in the same sentence, or in
 * brackets that hold nothing else. */
/* The bracket open before closes within 12 code points after e, right
 * after さん or 様 (…→石狩 亜紀さん）). */
static int honorific_closes(const struct pii__text *t, size_t e)
{
	for (size_t q = e; q < t->n && q - e <= 12; q++) {
		uint32_t ch = t->cp[q];
		if (ch == ')')
			return q >= 2 && (t->cp[q - 1] == 0x69D8 /* 様 */ || pii__match(t, q - 2, "さん"));
		if (ch == '(' || pii__is_boundary(ch) || ch == 0x2192)
			return 0;
	}
	return 0;
}

/* A hand-over note's heading on the line above the arrow's, whose line
 * holds only a date or a time before the names (引継ぎメモ（住宅相談窓口）⏎
 * 12/4 西田→宮崎; batches 806-821). */
static int handover_heading_above(const struct pii__text *t, size_t ls)
{
	size_t l = ls;
	while (l > 0 && t->cp[l - 1] != '\n') {
		uint32_t u = t->cp[l - 1];
		if (!(pii__is_digit(u) || u == '/' || u == ':' || u == ' ' || u == '.'))
			return 0;
		l--;
	}
	if (l < 2)
		return 0;
	size_t a = l - 1;
	while (a > 0 && t->cp[a - 1] != '\n' && l - 1 - a < 40)
		a--;
	static const char *const heads[] = {"引継", "引き継", "申し送り", NULL};
	for (size_t q = a; q + 2 < l; q++)
		if (pii__match_any(t, q, heads))
			return 1;
	return 0;
}

static size_t handover_at(const struct pii__text *t, struct pii__cands *c,
			  const struct pii__names *names, size_t i)
{
	size_t le = t->cp[i - 1] == ' ' ? i - 1 : i, ls = le;
	while (ls > 0 && pii__is_kanji(t->cp[ls - 1]) && le - ls < 4)
		ls--;
	size_t rs = t->cp[i + 1] == ' ' ? i + 2 : i + 1, re = kanji_run_end(t, rs);
	if (ls == le || le - ls > 3 || re == rs || re - rs > 3 ||
	    (ls > 0 && (pii__is_kanji(t->cp[ls - 1]) || script_of(t->cp[ls - 1]) != KS_NONE)) ||
	    /* (…→宮下さん）: the honorific closes the right side; batches
	     * 806-821) */
	    (re < t->n && script_of(t->cp[re]) != KS_NONE && !pii__match(t, re, "さん")) ||
	    !bare_surname(names, t, ls, le) ||
	    !bare_surname(names, t, rs, re))
		return i;
	int bracketed = ls > 0 && t->cp[ls - 1] == '(' && re < t->n && t->cp[re] == ')';
	if (!bracketed && ls > 0 && t->cp[ls - 1] == '(' && honorific_closes(t, re)) {
		/* メモ（北村→石狩 亜紀さん）: the right side, a name with an
		 * honorific, is found by the honorific (ninth round) */
		pii__cand_add(c, t, ls, le, PII_PERSON, 0.8);
		return re;
	}
	if (!bracketed && pii__find_before(t, ls, 24, handover_words, NULL) < 0 &&
	    !(handover_heading_above(t, ls) && (re >= t->n || t->cp[re] != 0x2192 /* → */)))
		return i;
	pii__cand_add(c, t, ls, le, PII_PERSON, 0.8);
	pii__cand_add(c, t, rs, re, PII_PERSON, 0.8);
	return re;
}

/* ---- a person's address in brackets ----------------------------------------- */

/* 河合 ミヨさん（88歳、中町2-5-11）, 青山 トシさん宅（本町4-2-7）: a town and
 * a block number in the brackets right after a person's name (and an
 * honorific, 宅, an age) is that person's address, though it names no city. */
static void addresses_after_names(const struct pii__text *t, struct pii__cands *c)
{
	/* a bracket after the name, a digit in the address */
	if (!pii__may_have(t, '(') || !pii__may_have_digit(t))
		return;
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_PERSON)
			continue;
		size_t j = c->v[k].end, m;
		if ((m = pii__match_any(t, j, kana_honorifics)) || (m = pii__match(t, j, "様")) ||
		    (m = pii__match(t, j, "氏")))
			j += m;
		if (pii__match(t, j, "宅"))
			j++;
		if (j >= t->n || t->cp[j] != '(')
			continue;
		j++;
		/* an age first: 88歳、 */
		size_t d = j;
		while (d < t->n && pii__is_digit(t->cp[d]) && d - j < 3)
			d++;
		if (d > j && d + 1 < t->n && t->cp[d] == 0x6B73 /* 歳 */ &&
		    (t->cp[d + 1] == 0x3001 || t->cp[d + 1] == ','))
			j = d + 2;
		while (j < t->n && t->cp[j] == ' ')
			j++;
		size_t a = j;
		while (a < t->n && (pii__is_kanji(t->cp[a]) || pii__is_kata(t->cp[a])) && a - j < 8)
			a++;
		if (a == j || a >= t->n || !pii__is_digit(t->cp[a]))
			continue;
		size_t e = pii__address_body(t, j);
		if (!e || e >= t->n || (t->cp[e] != ')' && t->cp[e] != 0x3001))
			continue;
		/* a block number (2-5-11, 3番地, 丁目), not an extension (内線3102) */
		int block = 0;
		for (size_t q = a; q < e && !block; q++)
			block = t->cp[q] == '-' || t->cp[q] == 0x756A /* 番 */ || t->cp[q] == 0x4E01 /* 丁 */;
		if (!block)
			continue;
		pii__cand_add(c, t, j, e, PII_ADDRESS, 0.85);
	}
}

/* ---- transfer rows -------------------------------------------------------- */

static int cell_sep(uint32_t c) { return c == ',' || c == ' '; }

/* Code points no cell of a transfer row holds. */
static int cell_stop(uint32_t c, uint32_t sep)
{
	return c == sep || c == '\n' || c == ',' || c == ':' || c == 0x3001 || c == 0x3002 ||
	       c == '(' || c == ')' || c == '\r';
}

/* The cell ending at e (exclusive), separated by sep: its start. */
static size_t cell_start(const struct pii__text *t, size_t e, uint32_t sep)
{
	size_t s = e;
	while (s > 0 && !cell_stop(t->cp[s - 1], sep) && e - s <= 24)
		s--;
	return s;
}

/* The cell starting at s: its end. */
static size_t cell_end_of(const struct pii__text *t, size_t s, uint32_t sep)
{
	size_t e = s;
	while (e < t->n && !cell_stop(t->cp[e], sep) && e - s <= 24)
		e++;
	return e;
}

static const char *const bank_ends[] = {"ｷﾞﾝｺｳ", "ｼﾝｷﾝ", "ｼﾝｸﾐ", "ｷﾝｺ", "ﾉｳｷﾖｳ", "ﾉｳｷｮｳ",
					"銀行", "信用金庫", "信金", "信用組合", "農協",
					/* eighth round (a), piirules8a */
					"労働金庫", "信組", "漁協", "中金",
					/* ninth round (a), piirules9a */
					"協同組合", NULL};
static const char *const bank_names[] = {"ﾕｳﾁｮ", "ﾐｽﾞﾎ", "ﾘｿﾅ", "ﾐﾂﾋﾞｼ", "ﾐﾂｲｽﾐﾄﾓ", "ﾐﾂｲ",
					 "ｱｵｿﾞﾗ", "ｾﾌﾞﾝ", "ｿﾆｰ", "ﾗｸﾃﾝ", "PayPay", "ゆうちょ",
					 "みずほ", "りそな", "三菱", "三井住友", NULL};
static const char *const account_types[] = {"1", "2", "4", "ﾌﾂｳ", "ﾄｳｻﾞ", "普通", "当座",
					    "ﾁﾖﾁｸ", "ﾁｮﾁｸ", NULL};

static int cell_is_one_of(const struct pii__text *t, size_t s, size_t e, const char *const *w)
{
	for (size_t k = 0; w[k]; k++)
		if (pii__match(t, s, w[k]) == e - s)
			return 1;
	return 0;
}

static int bank_cell(const struct pii__text *t, size_t s, size_t e)
{
	if (e <= s)
		return 0;
	for (size_t k = 0; bank_names[k]; k++) {
		size_t m = pii__match(t, s, bank_names[k]);
		if (m && (script_of(t->cp[s]) == KS_HALF || m == e - s))
			return 1;
	}
	if (pii__ends_with(t, s, e, bank_ends))
		return 1;
	/* an agricultural cooperative by its brand (JA高知市; tenth round (a),
	 * piirules10a, as pii_account.c reads it in running text) */
	return e - s > 2 && pii__match(t, s, "JA") && !pii__is_alpha(t->cp[s + 2]);
}

/* A branch: letters of one kind or kanji numerals, no digits, 1-12. */
static int branch_cell(const struct pii__text *t, size_t s, size_t e)
{
	if (e <= s || e - s > 12)
		return 0;
	for (size_t i = s; i < e; i++)
		if (pii__is_digit(t->cp[i]) || t->cp[i] == ' ' || t->cp[i] == ',')
			return 0;
	return 1;
}

/* A bank written without its kind (ﾖｺﾊﾏ, ｽﾙｶﾞ): a cell of half-width kana
 * only, right after the holder's name in half-width kana (ﾀﾅｶ ﾖｼｵ,ﾖｺﾊﾏ,…),
 * which opens the line or follows a number cell (1<TAB>ｼｵﾉﾔ ﾐﾁｺ<TAB>…). */
static int named_bank_cell(const struct pii__text *t, size_t s, size_t e, uint32_t sep)
{
	if (e <= s || e - s > 12 || s < 4 || t->cp[s - 1] != sep)
		return 0;
	for (size_t k = s; k < e; k++)
		if (script_of(t->cp[k]) != KS_HALF)
			return 0;
	size_t ne = s - 1, ns = ne;
	int space = 0;
	while (ns > 0 && t->cp[ns - 1] != '\n' && t->cp[ns - 1] != ',' &&
	       !(t->cp[ns - 1] == ' ' && pii__raw_tab(t, ns - 1)) && ne - ns <= 16) {
		uint32_t ch = t->cp[ns - 1];
		if (ch == ' ')
			space = 1;
		else if (script_of(ch) != KS_HALF)
			return 0;
		ns--;
	}
	if (!space || ns == ne || t->cp[ns] == ' ' || t->cp[ne - 1] == ' ')
		return 0;
	if (ns == 0 || t->cp[ns - 1] == '\n')
		return 1;
	size_t p = ns - 1; /* the separator; a number cell before it */
	return p > 0 && pii__is_digit(t->cp[p - 1]);
}

/* Every space between s and e is a tab (the cells of a tab row). */
static int tabs_between(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t k = s; k < e; k++)
		if (t->cp[k] == ' ' && !pii__raw_tab(t, k))
			return 0;
	return 1;
}

/* A transfer record whose account number is the digit run at i: adds the
 * designation; returns the last code point of the run. */
static size_t transfer_at(const struct pii__text *t, struct pii__cands *c, size_t i)
{
	size_t e = i;
	while (e < t->n && pii__is_digit(t->cp[e]))
		e++;
	/* a 7-digit cell */
	if (i < 6 || !cell_sep(t->cp[i - 1]) || e - i != 7 ||
	    (e < t->n && !cell_sep(t->cp[e]) && t->cp[e] != '\n'))
		return e - 1;
	uint32_t sep = t->cp[i - 1];
	/* separated by commas; by spaces (not tabs) only as the records of a
	 * transfer file write them, with the codes (0158 ｷﾖｳﾄｷﾞﾝｺｳ 142 ﾓﾓﾔﾏ 1
	 * 5512038): running text has its own rule (pii_account.c) */
	int spaced = sep == ' ';
	/* tab-separated rows (sixth round): the cells are read as in a
	 * comma row, each separated by a tab */
	int tabbed = spaced && pii__raw_tab(t, i - 1);
	if (tabbed)
		spaced = 0;
	else if (spaced && (!pii__is_digit(t->cp[i - 2]) || t->cp[i - 3] != ' '))
		return e - 1;
	size_t ts = cell_start(t, i - 1, sep);
	if (ts == 0 || t->cp[ts - 1] != sep || !cell_is_one_of(t, ts, i - 1, account_types))
		return e - 1;
	size_t bs = cell_start(t, ts - 1, sep);
	if (bs == 0 || t->cp[bs - 1] != sep || !branch_cell(t, bs, ts - 1))
		return e - 1;
	size_t ks = cell_start(t, bs - 1, sep);
	if (pii__all_digits(t, ks, bs - 1) && bs - 1 - ks == 3 && ks > 0 && t->cp[ks - 1] == sep)
		ks = cell_start(t, ks - 1, sep); /* the branch's code */
	else if (spaced)
		return e - 1;
	if ((ks > 0 && t->cp[ks - 1] != sep && t->cp[ks - 1] != '\n') ||
	    (!bank_cell(t, ks, cell_end_of(t, ks, sep)) && !named_bank_cell(t, ks, bs - 1, sep)))
		return e - 1;
	if (tabbed && !tabs_between(t, ks, e))
		return e - 1;
	size_t first = ks;
	if (ks > 1 && t->cp[ks - 1] == sep) {
		size_t cs = cell_start(t, ks - 1, sep);
		if (ks - 1 - cs == 4 && pii__all_digits(t, cs, ks - 1))
			first = cs; /* the bank's code */
	}
	pii__cand_add(c, t, first, e, PII_JP_BANK_ACCOUNT, 0.97);
	return e - 1;
}

/* ---- 全銀 data records without their header (seventh round) -------------- */

/* Code points of a bank's, branch's or recipient's name in a 全銀 record:
 * half-width kana and the few signs the format allows (ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ). */
static int zengin_letter(uint32_t ch)
{
	return script_of(ch) == KS_HALF || ch == '-' || ch == '(' || ch == ')' || ch == '.';
}

#define ZENGIN_NAME_MAX 15 /* code points of a bank's or branch's name */
#define ZENGIN_PAD_MAX 24  /* the name and its padding spaces */

/* n digits at i, a name of zengin letters and its padding: the position
 * after the padding, or 0. */
static size_t zengin_coded_name(const struct pii__text *t, size_t i, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (i + k >= t->n || !pii__is_digit(t->cp[i + k]))
			return 0;
	size_t s = i + n, e = s;
	while (e < t->n && zengin_letter(t->cp[e]) && e - s < ZENGIN_NAME_MAX)
		e++;
	if (e == s || script_of(t->cp[s]) != KS_HALF)
		return 0;
	while (e < t->n && t->cp[e] == ' ' && e - s < ZENGIN_PAD_MAX)
		e++;
	return e;
}

/* A data record of a 全銀 transfer file pasted without its header record
 * (the line opens with the record kind 2): the bank's code and name, the
 * branch's code and name, each padded with spaces, then the clearing code,
 * the account type and the 7-digit number (000014418273, or 00001 3308417)
 * are one JP_BANK_ACCOUNT designation; the recipient's name in half-width
 * kana right after the number, to the padding, is a PERSON. The header
 * record (kind 1: the payer, an organisation) is not read. */
static void zengin_record(const struct pii__text *t, struct pii__cands *c, size_t ls)
{
	size_t i = ls + 1;
	if (i < t->n && t->cp[i] == ' ')
		i++;
	size_t first = i;
	size_t b = zengin_coded_name(t, i, 4);
	if (!b || t->cp[b - 1] != ' ')
		return;
	size_t a = zengin_coded_name(t, b, 3);
	if (!a || t->cp[a - 1] != ' ')
		return;
	/* 4 + 1 digits, an optional space, 7 digits */
	size_t d = a;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - a < 12)
		d++;
	size_t e;
	if (d - a == 12)
		e = d;
	else if (d - a == 5 && d + 8 <= t->n && t->cp[d] == ' ' && pii__all_digits(t, d + 1, d + 8))
		e = d + 8;
	else
		return;
	uint32_t type = t->cp[a + 4];
	if ((type != '1' && type != '2' && type != '4' && type != '9') ||
	    (e < t->n && pii__is_digit(t->cp[e])))
		return;
	pii__cand_add(c, t, first, e, PII_JP_BANK_ACCOUNT, 0.97);
	/* the recipient: words of half-width kana joined by one space */
	size_t n = e;
	while (n < t->n && (script_of(t->cp[n]) == KS_HALF ||
			    (t->cp[n] == ' ' && n + 1 < t->n && n > e &&
			     script_of(t->cp[n + 1]) == KS_HALF && !pii__raw_tab(t, n))))
		n++;
	if (n - e >= 2)
		pii__cand_add(c, t, e, n, PII_PERSON, 0.9);
}

/* ---- names completed, repeated and placed by relatives (sixth round) ------ */

/* The passes below compare a value with the candidate list; these limits
 * keep a text of thousands of names (PII_INPUT_MAX) linear: past them a
 * pass stops adding (the names found so far stay). */
#define SIXTH_LIST_CHECKS_MAX 256 /* candidates compared with the whole list, per pass */
#define SIXTH_REPEAT_SOURCES_MAX 16 /* full names whose surname is looked for again */
_Static_assert(SIXTH_REPEAT_SOURCES_MAX <= REPEAT_WORDS_MAX, "repeats_find() takes them all");

/* A name whose surname MeCab did not know (百目鬼 真司 found as 真司,
 * 月見里 秀樹 as 里 秀樹): the whole kanji run before the given name, when
 * it is a surname ENAMDICT lists (1-3 kanji after a non-kanji). */
static void surnames_completed(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c)
{
	if (!pii__may_have(t, ' ')) /* both layouts part the names by a space */
		return;
	size_t checks = 0;
	for (size_t k = 0; k < c->n && checks < SIXTH_LIST_CHECKS_MAX; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, sp = s;
		if (v->type != PII_PERSON || s == 0 ||
		    !(pii__is_kanji(t->cp[s]) || pii__is_hira(t->cp[s]) || pii__is_kata(t->cp[s])))
			continue;
		while (sp < v->end && t->cp[sp] != ' ')
			sp++;
		size_t a = s, e;
		int spaced = 0;
		if (pii__is_kanji(t->cp[s - 1]) && pii__is_kanji(t->cp[s]) && sp < v->end) {
			/* 里 秀樹: the run goes on to the left */
			while (a > 0 && pii__is_kanji(t->cp[a - 1]) && sp - a <= 3)
				a--;
			e = sp;
		} else if (t->cp[s - 1] == ' ' && sp == v->end && s >= 3 &&
			   pii__is_kanji(t->cp[s - 2])) {
			/* 真司 after 百目鬼 and a space */
			e = s - 1;
			a = e;
			spaced = 1;
			while (a > 0 && pii__is_kanji(t->cp[a - 1]) && e - a <= 3)
				a--;
		} else {
			continue;
		}
		if (a == s || (a > 0 && pii__is_kanji(t->cp[a - 1])) || e - a < 2 ||
		    !bare_surname(names, t, a, e))
			continue;
		/* not a list of surnames (出席者 田中 小林 中村) */
		int other = 0;
		checks += spaced;
		for (size_t q = 0; spaced && q < c->n && !other; q++)
			other = q != k && c->v[q].type == PII_PERSON && c->v[q].start < e &&
				a < c->v[q].end;
		/* a list of surnames has a surname before this one too (出席者 田中
		 * 小林 中村); a role does not (代表取締役 當山 直樹, eighth round) */
		int listed = 0;
		if (spaced && a >= 2 && t->cp[a - 1] == ' ' && pii__is_kanji(t->cp[a - 2])) {
			size_t w = a - 1;
			while (w > 0 && pii__is_kanji(t->cp[w - 1]) && a - 1 - w <= 4)
				w--;
			listed = a - 1 - w <= 3 && bare_surname(names, t, w, a - 1);
		}
		if (!other && !listed)
			pii__span_set(v, t, a, v->end);
	}
}

/* A title written after a surname at e: a kanji run of 2-12 ending in 長
 * (…室長, 部長) then 。, 、, 君 or a space (minutes: 岩崎危機管理防災総室長。,
 * ninth round). */
static int title_run_after(const struct pii__text *t, size_t e)
{
	size_t q = kanji_run_end(t, e);
	if (q - e < 2 || q - e > 12 || t->cp[q - 1] != 0x9577 /* 長 */)
		return 0;
	return q >= t->n || t->cp[q] == 0x3002 || t->cp[q] == 0x3001 || t->cp[q] == ' ' ||
	       t->cp[q] == '\n';
}

/* A surname of a full name found in the text, written again alone (百目鬼の
 * 父は…, 月見里は現在…): the same person. 2-3 kanji with no kanji on either
 * side, outside every candidate. In the part [a, z) of the text, with the
 * sources among the candidates idx[0..m) (the part's), or the whole text
 * and every candidate (idx NULL). */
#define REPEAT_NEAR 512 /* code points from a source in the part before to its repeat */
#define GIVEN_REPEAT_NEAR 128 /* from a source in an earlier part, in given_repeats() */

static void surname_repeats_in(const struct pii__text *t, struct pii__cands *c, size_t a,
			       size_t z, const size_t *idx, size_t m)
{
	/* the sources first (the names added below change none), their
	 * repeats in one pass, then each source's in the order of a walk for
	 * each */
	size_t sources = 0;
	size_t from[SIXTH_REPEAT_SOURCES_MAX], len_of[SIXTH_REPEAT_SOURCES_MAX];
	for (size_t j = 0; j < m && sources < SIXTH_REPEAT_SOURCES_MAX; j++) {
		size_t k = idx ? idx[j] : j;
		size_t s = c->v[k].start, sp = s;
		if (c->v[k].type != PII_PERSON)
			continue;
		while (sp < c->v[k].end && pii__is_kanji(t->cp[sp]))
			sp++;
		if (sp - s < 2 || sp - s > 3 || sp >= c->v[k].end || t->cp[sp] != ' ')
			continue;
		from[sources] = s;
		len_of[sources] = sp - s;
		sources++;
	}
	if (!sources)
		return;
	struct repeats r;
	repeats_find(t, a, z, from, len_of, sources, &r);
	for (size_t j = 0; j < sources; j++) {
		size_t len = len_of[j];
		for (size_t h = r.first[j]; h < r.first[j + 1]; h++) {
			size_t i = r.at[h];
			if (from[j] < a && (i - from[j] > REPEAT_NEAR || i + len >= z ||
					    !title_run_after(t, i + len)))
				continue;
			if ((i > 0 && pii__is_kanji(t->cp[i - 1])) ||
			    (i + len < t->n && ((pii__is_kanji(t->cp[i + len]) &&
						 !title_run_after(t, i + len)) ||
						t->cp[i + len] == ' ')))
				continue;
			/* a relative of the same surname may follow with a
			 * given name in katakana (西村 亮 … 西村カズエが) */
			size_t e = pii__kata_given_after(t, i, i + len);
			int inside = 0;
			for (size_t q = 0; q < c->n && !inside; q++)
				inside = c->v[q].start < e && i < c->v[q].end;
			if (!inside)
				pii__cand_add(c, t, i, e, PII_PERSON, 0.75);
		}
	}
	free(r.at);
}

/* Part by part (pii__parts_make()): a document that pasted a letter
 * about 今治 正人 and a memo on someone who left 今治の造船所 made a person
 * of the town; and its first texts' full names took the sixteen sources,
 * so that 月見里は… of a later text, found alone, was lost. Another part
 * is evidence only where the layout says the two are one text: minutes
 * whose header lists 伏見 浩二 and whose speeches, after a blank line, open
 * with ○伏見副会長 (the part right before, the source at most REPEAT_NEAR
 * code points back, a title after the repeat). Elsewhere another part is
 * an unrelated text: in the labelled documents, repeats from other parts
 * were wrong seven times in eight, next to their source or far from it. */
static void surname_repeats(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have(t, ' ')) /* a source is a surname, a space, a name */
		return;
	struct pii__parts g;
	if (!pii__parts_make(t, c, c->n, &g)) {
		surname_repeats_in(t, c, 0, t->n, NULL, c->n);
		return;
	}
	/* a part's sources and those of the part before it, in the list's
	 * order (both groups are ascending: merged) */
	size_t *src = yk_xmalloc((c->n ? c->n : 1) * sizeof(*src));
	for (size_t p = 0; p < g.n; p++) {
		const size_t *x = g.idx + (p ? g.first[p - 1] : g.first[p]), *y = g.idx + g.first[p];
		const size_t *xe = y, *ye = g.idx + g.first[p + 1];
		size_t m = 0;
		while (x < xe || y < ye)
			src[m++] = y == ye || (x < xe && *x < *y) ? *x++ : *y++;
		surname_repeats_in(t, c, g.bound[2 * p], g.bound[2 * p + 1], src, m);
	}
	free(src);
	pii__parts_release(&g);
}

/* Relatives named by a given name alone (妻彩さん, 娘のまゆみさん, 息子の拓海が,
 * その妻Sitaが). */
static const char *const relatives[] = {
	"妻", "夫", "娘", "息子", "長男", "長女", "次男", "二男", "二女", "次女", "三男", "三女", "母", "父",
	"孫", "兄", "姉", "弟", "妹", "祖母", "祖父", NULL,
};
static const char *const name_particles[] = {"が", "は", "も", "と", "に", "を", "の", "、", NULL};
/* Words written in hiragana after a relation and の that name no one
 * though ENAMDICT reads some as given names (母のほうが, 父のぶんは). */
static const char *const hira_after_no[] = {
	"ほう", "ぶん", "かた", "ほか", "あと", "まえ", "うち", "そば", "よう", "せい", "おかげ",
	"へん", "あたり", "なか", "かわり", "つもり", "はず", "わけ", "みな", "ほど", "まま",
	"ところ", "ころ", "ひと", "もと", "から", "まで", "より", "など", "だけ", NULL,
};

/* A relative's given name in hiragana after の whose run goes on into
 * its particle (妻のゆかりが入院, 娘のさくらは…): the longest given name
 * ENAMDICT reads in [g, e) before a one-letter particle that a kanji or a
 * mark follows, not a hiragana noun (the lead's probes, 2026-12-04 night). */
static void hira_given_before_particle(const struct pii__names *names, const struct pii__text *t,
				       struct pii__cands *c, size_t g, size_t e)
{
	for (size_t p = e - 1; p >= g + 2; p--)
		if (p + 1 < t->n && pii__match_any(t, p, name_particles) == 1 &&
		    !pii__is_hira(t->cp[p + 1]) && !word_exact(t, g, p, not_surnames) &&
		    !word_exact(t, g, p, hira_after_no) &&
		    (kana_flags(names, t, g, p) & PII_NAME_GIVEN_KANA)) {
			pii__cand_add(c, t, g, p, PII_PERSON, 0.75);
			return;
		}
}

/* One kanji ENAMDICT lists as a given name that is also a common noun
 * after a relation (母の日, 父の代, 妻の実家's 実 is no word's end). */
static const uint32_t one_kanji_nouns[] = {
	0x6C0F /* 氏 */, 0x5C71 /* 山 */, 0x65E5 /* 日 */, 0x65B9 /* 方 */, 0x8535 /* 蔵 */,
	0x59B9 /* 妹 */, 0x4EF6 /* 件 */, 0x4EE3 /* 代 */, 0x524D /* 前 */, 0x6642 /* 時 */,
	0x76EE /* 目 */, 0x5FC3 /* 心 */, 0x982D /* 頭 */, 0x547D /* 命 */, 0x5922 /* 夢 */,
	0x91D1 /* 金 */, 0x5B85 /* 宅 */, 0x5F79 /* 役 */, 0x672C /* 本 */, 0x529B /* 力 */,
	0x8272 /* 色 */, 0x56FD /* 国 */, 0x91CC /* 里 */, 0x4ECA /* 今 */, 0x5148 /* 先 */,
	0x6B21 /* 次 */, 0x4E0A /* 上 */, 0x4E2D /* 中 */, 0x9593 /* 間 */, 0x70B9 /* 点 */,
	0x8A3C /* 証 */, 0x53F7 /* 号 */, 0x9928 /* 館 */, 0x9662 /* 院 */, 0x6821 /* 校 */,
	0x5712 /* 園 */, 0x96A3 /* 隣 */, 0x77E5 /* 知 */, 0x4E16 /* 世 */, 0x5B50 /* 子 */,
	0x5B6B /* 孫 */, 0x89AA /* 親 */, 0x5B9F /* 実 */, 0x5143 /* 元 */, 0x53CB /* 友 */,
	0x540D /* 名 */, 0x9854 /* 顔 */, 0x58F0 /* 声 */, 0x4E8B /* 事 */, 0x4F1A /* 会 */,
	0x5BB6 /* 家 */, 0x8A71 /* 話 */, 0x5206 /* 分 */, 0x8EAB /* 身 */, 0x624B /* 手 */,
	0x5F8C /* 後 */, 0x6240 /* 所 */, 0x5074 /* 側 */, 0x5893 /* 墓 */,
	0x8ECA /* 車 */, 0x8DB3 /* 足 */, 0x59BB /* 妻 */, 0x592B /* 夫 */, 0x6BCD /* 母 */,
	0x7236 /* 父 */, 0x5144 /* 兄 */, 0x59C9 /* 姉 */, 0x5F1F /* 弟 */, 0x5A18 /* 娘 */,
	0x5AC1 /* 嫁 */, 0x5A7F /* 婿 */, 0x79C1 /* 私 */, 0x6570 /* 数 */, 0x9803 /* 頃 */,
	/* a husband's work (主人の船の帰港, 主人の艦の入港; session 23) */
	0x8239 /* 船 */, 0x8266 /* 艦 */, 0x5E97 /* 店 */, 0x7551 /* 畑 */, 0x6E2F /* 港 */,
};

/* A relative's given name of one kanji (夫の亮と, 息子の樹の, 長男翔と;
 * session 22's read files): after the relation and の, or glued to a
 * relation of two kanji or more (長男, 次女; 母屋, 父島 and 夫婦 are words),
 * one kanji ENAMDICT lists as a given name and no common noun, then a
 * particle. */
static int one_kanji_given(const struct pii__names *names, const struct pii__text *t, size_t m,
			   size_t g, size_t e)
{
	if (e != g + 1 || !pii__is_kanji(t->cp[g]) || !pii__match_any(t, e, name_particles))
		return 0;
	if (t->cp[g - 1] != 0x306E /* の */ && m < 2)
		return 0;
	for (size_t k = 0; k < YK_ARRAY_LEN(one_kanji_nouns); k++)
		if (t->cp[g] == one_kanji_nouns[k])
			return 0;
	return (pii__names_lookup(names, t->cp + g, 1) & PII_NAME_GIVEN) != 0;
}

/* Katakana words that stand before a person's given name but are a role,
 * a service or a place, no family's name (ヘルパー 恵さん, ボランティア 彩
 * さん, ケアマネ 翔子さん); a word ending in one (ホームヘルパー, 日本語ボラン
 * ティア, デイサービス) is none either. */
static const char *const kata_not_surnames[] = {
	"ヘルパー", "ボランティア", "ケアマネ", "ケアマネジャー", "ケアマネージャー", "ワーカー",
	"スタッフ", "サービス", "センター", "ステーション", "ホーム", "ハウス", "ルーム", "クラブ",
	"サロン", "ママ", "パパ", "ナース", "ドクター", "リーダー", "コーチ", "マネージャー",
	"トレーナー", "インストラクター", "コーディネーター", "カウンセラー", "サポーター",
	"ドライバー", "オーナー", "メンバー", "チーム", "グループ", "クラス", "パート",
	"アルバイト", "バイト", "シスター", "ミセス", "ミスター", "マダム", "ベビー", "キッズ",
	"ジュニア", "シニア", "ファーム", "システム", "カード", "ネット", "メール", "デイ",
	"ステイ", "ケア", "プラン", "ゲスト", "ホスト", "チーフ", "キャプテン", "ガイド",
	"ファミリー", "ベテラン", "プロ", "パートナー", "ペア", "コース", "テーマ", NULL,
};


/* Katakana words a relative has or does, not their names (夫のパスポート
 * が, 母のショートステイは, 息子のアレルギーの). */
static const char *const kata_after_relation[] = {
	"マイナンバー", "パスポート", "スマホ", "ケータイ", "アレルギー", "ショートステイ",
	"デイサービス", "デイケア", "ヘルパー", "ケアマネ", "カテーテル", "パート", "アルバイト",
	"バイト", "ゲーム", "ピアノ", "サッカー", "ランドセル", "ミルク", "アパート", "マンション",
	"メール", "ライン", "アカウント", "ビザ", "ワクチン", "リハビリ", "ベッド", "トイレ",
	"クラス", "チーム", "ママ", "パパ", "ほう", NULL};

/* Whether [g, e) holds a word of kata_after_relation or a card (…カード):
 * a relative's thing, not their name. */
static int relatives_thing_in(const struct pii__text *t, size_t g, size_t e)
{
	for (size_t q = g; q < e; q++)
		if (pii__match_any(t, q, kata_after_relation) || pii__match(t, q, "カード"))
			return 1;
	return 0;
}

/* A relative's given name in katakana that ENAMDICT does not list (息子
 * のヴィハーンは, 夫のニキルはインド国籍; session 22's read files): after
 * the relation and の, 2-9 katakana and a particle, no word of
 * kata_after_relation and no card (…カード). */
static int katakana_given_after_relation(const struct pii__text *t, size_t g, size_t e)
{
	if (e - g < 2 || g == 0 || t->cp[g - 1] != 0x306E /* の */ ||
	    !pii__match_any(t, e, name_particles))
		return 0;
	return !relatives_thing_in(t, g, e);
}

static int any_overlaps(const struct pii__cands *c, size_t s, size_t e);

/* Relatives named after the relation and は (子どもは悠真と結菜です;
 * session 22's read files): 2-3 kanji ENAMDICT lists as a given name and
 * not as a place, then と, 、 or a bracket (not です or で: 母は元気です);
 * a second given name after と is named too, before で, です or 。 as well. */
static void given_after_relation_wa(const struct pii__names *names, const struct pii__text *t,
				    struct pii__cands *c, size_t g)
{
	/* not です or で after the first (母は元気です, 父は無事で) */
	static const char *const ends[] = {"と", "、", "(", NULL};
	static const char *const last_ends[] = {"と", "で", "です", "、", "。", "(", NULL};
	for (int k = 0; k < 2 && g < t->n; k++) {
		size_t e = kanji_run_end(t, g);
		if (e - g < 2 || e - g > 3 || e >= t->n || !pii__match_any(t, e, k ? last_ends : ends))
			return;
		/* states ENAMDICT also reads as given names (母は元気と…) */
		static const char *const states[] = {"元気", "無事", "健康", "一緒", "安心", "留守", NULL};
		unsigned f = pii__names_lookup(names, t->cp + g, e - g);
		if (!(f & PII_NAME_GIVEN) || (f & PII_NAME_PLACE) || word_exact(t, g, e, not_surnames) ||
		    word_exact(t, g, e, states))
			return;
		if (!any_overlaps(c, g, e))
			pii__cand_add(c, t, g, e, PII_PERSON, 0.75);
		if (t->cp[e] != 0x3068 /* と */)
			return;
		g = e + 1;
	}
}

static void relative_named_at(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c, size_t i, size_t m);

static void relatives_named(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c, size_t i)
{
	size_t m = pii__match_any(t, i, relatives);
	if (!m || (i > 0 && pii__is_kanji(t->cp[i - 1]) && t->cp[i - 1] != 0x306E))
		return;
	relative_named_at(names, t, c, i, m);
}

/* Kin written in other words than relatives' (子どもの湊の, 奥さんのスニタ
 * も, むすこの颯太も, 嫁の美和が, 主人の健一は; session 23's read files):
 * their given names after の as after a relative's; a word of kanji before
 * them makes another word (女子ども). */
static void kin_words_named(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c)
{
	static const char *const kin_no[] = {"子どもの", "子供の", "奥さんの", "むすこの",
					     "むすめの", "嫁の", "婿の", "主人の", "旦那の", NULL};
	static const uint32_t opens[] = {0x5B50 /* 子 */, 0x5965 /* 奥 */, 0x3080 /* む */,
					 0x5AC1 /* 嫁 */, 0x5A7F /* 婿 */, 0x4E3B /* 主 */,
					 0x65E6 /* 旦 */};
	for (size_t o = 0; o < YK_ARRAY_LEN(opens); o++)
		for (size_t i = pii__find_cp(t, 0, opens[o]); i + 4 < t->n;
		     i = pii__find_cp(t, i + 1, opens[o])) {
			size_t m = pii__match_any(t, i, kin_no);
			if (m && !(i > 0 && pii__is_kanji(t->cp[i - 1])))
				relative_named_at(names, t, c, i, m - 1);
		}
}

static void relative_named_at(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c, size_t i, size_t m)
{
	size_t g = i + m;
	if (g + 1 < t->n && t->cp[g] == 0x306F /* は */) {
		given_after_relation_wa(names, t, c, g + 1);
		return;
	}
	if (g < t->n && t->cp[g] == 0x306E /* の */)
		g++;
	if (g >= t->n)
		return;
	size_t e = g;
	uint32_t ch = t->cp[g];
	if (pii__is_latin_upper(ch) && ch < 0x80) {
		/* one capitalised Latin word */
		e++;
		while (e < t->n && t->cp[e] >= 'a' && t->cp[e] <= 'z')
			e++;
		if (e - g >= 3 && e < t->n && !pii__is_latin(t->cp[e]) && t->cp[e] != ' ' &&
		    !pii__is_digit(t->cp[e]))
			pii__cand_add(c, t, g, e, PII_PERSON, 0.75);
		return;
	}
	enum kana_script ks = script_of(ch);
	if (pii__is_kanji(ch)) {
		while (e < t->n && pii__is_kanji(t->cp[e]) && e - g < 3)
			e++;
		if (e < t->n && pii__is_kanji(t->cp[e]))
			return;
	} else if (ks == KS_HIRA || ks == KS_KATA) {
		while (e < t->n && script_of(t->cp[e]) == ks && e - g < (ks == KS_KATA ? 10 : 5) &&
		       !(ks == KS_HIRA && pii__match_any(t, e, kana_honorifics)))
			e++;
		if (ks == KS_KATA && e < t->n && script_of(t->cp[e]) == ks)
			return;
	} else {
		return;
	}
	int honorific = pii__match_any(t, e, kana_honorifics) || (e < t->n && t->cp[e] == 0x69D8);
	if (honorific && ks == KS_HIRA && e - g < 2)
		return;
	/* after の, a hiragana run may go on through the particle (妻の
	 * ゆかりが入院): read below when the whole run is no name */
	int split = ks == KS_HIRA && g == i + m + 1;
	if (!honorific && ks == KS_KATA && katakana_given_after_relation(t, g, e)) {
		pii__cand_add(c, t, g, e, PII_PERSON, 0.75);
		return;
	}
	/* a full name in katakana words (母のサントス ジュリアナです) */
	if (!honorific && ks == KS_KATA && e - g >= 2 && e + 2 < t->n && t->cp[e] == ' ' &&
	    script_of(t->cp[e + 1]) == KS_KATA && g > 0 && t->cp[g - 1] == 0x306E /* の */) {
		size_t z = e + 1;
		while (z < t->n && script_of(t->cp[z]) == KS_KATA && z - e < 10)
			z++;
		if (z - e > 2 && (pii__match(t, z, "です") || pii__match_any(t, z, name_particles))) {
			if (!relatives_thing_in(t, g, z))
				pii__cand_add(c, t, g, z, PII_PERSON, 0.75);
			return;
		}
	}
	if (!honorific && one_kanji_given(names, t, m, g, e)) {
		pii__cand_add(c, t, g, e, PII_PERSON, 0.75);
		return;
	}
	if (!honorific) {
		/* a particle after a given name ENAMDICT knows, the name no
		 * particle ENAMDICT also reads as one (母から、…; blind batches
		 * 1248-1263) */
		if (e - g < 2 || !pii__match_any(t, e, name_particles) ||
		    word_exact(t, g, e, not_surnames) ||
		    (ks == KS_HIRA && word_exact(t, g, e, hira_after_no))) {
			if (split)
				hira_given_before_particle(names, t, c, g, e);
			return;
		}
		unsigned f = ks == KS_NONE ? pii__names_lookup(names, t->cp + g, e - g)
					   : pii__names_lookup_kana(names, t->cp + g, e - g);
		/* a given name that names a place too, glued to the relation
		 * and the subject (夫隼人が死亡; twenty-sixth round (e)): a
		 * place is not said so (夫の大阪が…) */
		int subject = g == i + m && ks == KS_NONE &&
			      (t->cp[e] == 0x304C /* が */ || t->cp[e] == 0x306F /* は */);
		if (!(f & (PII_NAME_GIVEN | PII_NAME_GIVEN_KANA)) || ((f & PII_NAME_PLACE) && !subject)) {
			if (split)
				hira_given_before_particle(names, t, c, g, e);
			return;
		}
	}
	pii__cand_add(c, t, g, e, PII_PERSON, 0.75);
}

/* A kana surname or given name opening a sentence or a line, with an
 * honorific (はせがわさんの…, ほしの様): ENAMDICT reads it as a name. */
static const char *const kana_not_names[] = {
	"みな", "おきゃく", "おく", "おこ", "おとう", "おかあ", "おじい", "おばあ", "おにい",
	"おねえ", "おじ", "おば", "あかちゃ", "みなみな", "どなた", "こちら", "そちら",
	"あちら", "どちら", "おひめ", "おうじ", "かみ", "ほとけ", "おつかれ", "ごくろう",
	"おだいじに", "おきゃくさ", "ごしゅじ", "おくさ", "だんな", "よめ", "むこ", "あなた", NULL,
};

static void kana_name_honorific(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c, size_t i)
{
	if (i > 0) {
		uint32_t p = t->cp[i - 1];
		if (!(p == '\n' || p == ':' || p == 0x300C /* 「 */ || p == 0x3002 || p == 0x3001 ||
		      p == ' '))
			return;
	}
	size_t e = i;
	while (e < t->n && pii__is_hira(t->cp[e]) && e - i < 6 &&
	       !(e > i + 1 && pii__match_any(t, e, kana_honorifics)))
		e++;
	if (e - i < 3 || e >= t->n ||
	    !(pii__match_any(t, e, kana_honorifics) || t->cp[e] == 0x69D8 /* 様 */))
		return;
	if (word_exact(t, i, e, kana_not_names) || word_exact(t, i, e, form_words))
		return;
	if (!(pii__names_lookup_kana(names, t->cp + i, e - i) &
	      (PII_NAME_SURNAME_KANA | PII_NAME_GIVEN_KANA)))
		return;
	pii__cand_add(c, t, i, e, PII_PERSON, 0.75);
}

/* Titles glued to the end of a full name (左右田 隆会長、…): the name
 * without them. */
static const char *const glued_titles[] = {"副会長", "会長", "副委員長", "委員長", "委員",
					   "議長", "部会長", "理事", "幹事", NULL};

static void titles_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		/* 夫 before 妻 is the couple's word, not a given name's end
		 * (関 智之・関 遥夫妻; twenty-eighth round (a)): a name in 夫
		 * is written 一夫夫妻 */
		size_t f = v->end;
		if (v->type == PII_PERSON && f < t->n && t->cp[f] == 0x59BB /* 妻 */)
			f++; /* 夫 ends the span, 妻 after it */
		if (v->type == PII_PERSON && f - v->start >= 4 && f <= t->n &&
		    t->cp[f - 1] == 0x59BB /* 妻 */ && t->cp[f - 2] == 0x592B /* 夫 */ &&
		    f - 2 < v->end && t->cp[f - 3] != ' ' && t->cp[f - 3] != 0x592B) {
			pii__span_set(v, t, v->start, f - 2);
			continue;
		}
		/* a school's or a clinic's title before 先生 (河合教頭先生,
		 * 山田校長先生; session 23's read files): the surname alone */
		if (v->type == PII_PERSON && v->end + 1 < t->n && v->end - v->start >= 3 &&
		    pii__match(t, v->end, "先生")) {
			static const char *const school_titles[] = {
				"副校長", "副園長", "副院長", "理事長", "校長", "教頭", "園長",
				"院長", "教諭", "主任", "所長", "館長", NULL};
			size_t a = v->end;
			for (size_t w = 0; school_titles[w] && a == v->end; w++) {
				size_t m = pii__kw_len(school_titles[w]);
				if (v->end - v->start > m &&
				    pii__match(t, v->end - m, school_titles[w]) == m)
					a = v->end - m;
			}
			if (a < v->end && all_kanji_between(t, v->start, a)) {
				pii__span_set(v, t, v->start, a);
				continue;
			}
		}
		if (v->type != PII_PERSON || v->end - v->start < 5)
			continue;
		uint32_t l = t->cp[v->end - 1]; /* every title ends in 長, 員 or 事 */
		if (l != 0x9577 && l != 0x54E1 && l != 0x4E8B)
			continue;
		for (size_t w = 0; glued_titles[w]; w++) {
			size_t m = pii__kw_len(glued_titles[w]);
			size_t a = v->end - m;
			if (pii__match(t, a, glued_titles[w]) != m || a < v->start + 3 ||
			    t->cp[a - 1] == ' ')
				continue;
			int space = 0;
			for (size_t q = v->start; q < a; q++)
				space |= t->cp[q] == ' ';
			if (space)
				pii__span_set(v, t, v->start, a);
			break;
		}
	}
}

/* A katakana reading in brackets whose one-letter family name was left out
 * ((イ ソンミン) found as ソンミン): the whole reading. */
static void readings_completed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start;
		if (v->type != PII_PERSON || s < 4 || t->cp[s - 1] != ' ' ||
		    !pii__is_kata(t->cp[s]))
			continue;
		size_t a = s - 1;
		while (a > 0 && pii__is_kata(t->cp[a - 1]) && s - a <= 3)
			a--;
		if (a < s - 1 && a > 0 && t->cp[a - 1] == '(' && v->end < t->n &&
		    (t->cp[v->end] == ')' || t->cp[v->end] == ' '))
			pii__span_set(v, t, a, v->end);
	}
}

/* A name over [a, e) that replaces the parts of it other rules found
 * (they stay in the list at 0.01, where later rules still see them). */
static void person_whole(struct pii__cands *c, const struct pii__text *t, size_t a, size_t e,
			 double conf)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].start >= a && c->v[k].end <= e)
			c->v[k].confidence = 0.01; /* a part: the whole replaces it */
	pii__cand_add(c, t, a, e, PII_PERSON, conf);
}

/* A name in katakana words quoted with an honorific after it (「ヌル アイン
 * ビンティ アフマド」さん): the whole quotation, over the parts found. */
static int quoted_kana_names(const struct pii__text *t, struct pii__cands *c, size_t q)
{
	size_t a = q + 1, e = a;
	int words = 1;
	while (e < t->n && e - a <= 30 &&
	       (pii__is_kata(t->cp[e]) || t->cp[e] == ' ' || t->cp[e] == 0x30FB /* ・ */)) {
		if (t->cp[e] != ' ' && t->cp[e] != 0x30FB && e > a &&
		    (t->cp[e - 1] == ' ' || t->cp[e - 1] == 0x30FB))
			words++;
		e++;
	}
	if (e == a || e >= t->n || t->cp[e] != 0x300D /* 」 */ || words < 2 ||
	    !pii__is_kata(t->cp[a]) || !pii__is_kata(t->cp[e - 1]))
		return 0;
	size_t h = e + 1;
	if (!(pii__match_any(t, h, kana_honorifics) || (h < t->n && t->cp[h] == 0x69D8 /* 様 */)))
		return 0;
	person_whole(c, t, a, e, 0.85);
	return 1;
}

/* A name in Latin letters right before the same person's name in brackets
 * (Wang Fang（王 芳）, Kenji Ono（小野 健二）): two or three capitalised
 * words. */
static void latin_before_bracketed_names(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n, checks = 0;
	for (size_t k = 0; k < n && checks < SIXTH_LIST_CHECKS_MAX; k++) {
		size_t s = c->v[k].start;
		if (c->v[k].type != PII_PERSON || s < 5 || t->cp[s - 1] != '(' ||
		    c->v[k].end >= t->n || t->cp[c->v[k].end] != ')' || !pii__is_latin(t->cp[s - 2]))
			continue;
		size_t e = s - 1, a = e;
		int words = 0;
		for (;;) {
			size_t w = a;
			while (w > 0 && pii__is_latin(t->cp[w - 1]) && a - w < 20)
				w--;
			if (w == a || !pii__is_latin_upper(t->cp[w]))
				break;
			words++;
			a = w;
			if (words == 3 || a < 2 || t->cp[a - 1] != ' ' || !pii__is_latin(t->cp[a - 2]))
				break;
			a--;
		}
		if (words < 2 || a == e || t->cp[a] == ' ' ||
		    (a > 0 && (pii__is_latin(t->cp[a - 1]) || pii__is_digit(t->cp[a - 1]))))
			continue;
		int inside = 0;
		checks++;
		for (size_t q = 0; q < c->n && !inside; q++)
			inside = c->v[q].start <= a && c->v[q].end >= e;
		if (!inside)
			pii__cand_add(c, t, a, e, PII_PERSON, 0.8);
	}
}

/* A cell of a tab or comma row: the code point before s and the one at e
 * separate cells (a tab, a comma, the line's start or end). */
static int cell_between(const struct pii__text *t, size_t s, size_t e)
{
	return (s == 0 || t->cp[s - 1] == ',' || pii__raw_tab(t, s - 1) || t->cp[s - 1] == '\n') &&
	       (e >= t->n || t->cp[e] == ',' || pii__raw_tab(t, e) || t->cp[e] == '\n' ||
		t->cp[e] == '\r');
}

/* ---- fields labelled in half-width kana (seventh round) ------------------ */

/* Labels of a form written in half-width kana, as a terminal prints them
 * (ｼﾒｲ ｷｸﾁ ﾐﾕｷ  ｾｲﾈﾝｶﾞｯﾋﾟ S54.11.02\nｼﾞﾕｳｼﾖ ｾﾝﾀﾞｲｼ …), and the type of
 * their value. */
static const struct {
	const char *label;
	enum pii_type type;
} half_labels[] = {
	{"ｼﾒｲ", PII_PERSON},           {"ﾀﾝﾄｳ", PII_PERSON},
	{"ｾｲﾈﾝｶﾞｯﾋﾟ", PII_DATE_OF_BIRTH}, {"ｾｲﾈﾝｶﾞﾂﾋﾟ", PII_DATE_OF_BIRTH},
	{"ｼﾞﾕｳｼﾖ", PII_ADDRESS},        {"ｼﾞｭｳｼｮ", PII_ADDRESS},
};
#define HALF_VALUE_MAX 40 /* code points of a value after a half-width label */

static int date_shape(const struct pii__text *t, size_t i);

/* Whether the name [s, e) the model found is refused by the half-width
 * name labels' own test: it opens with such a label and a space (ｼﾒｲ
 * ﾐﾆｭｳﾘｮｸ), or it follows one and its first word reads no surname
 * ENAMDICT knows (ﾀﾝﾄｳ ｶｸﾆﾝ ｽﾞﾐ), as half_field_at() asks of the rules. */
int pii__half_value_refused(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t k = 0; k < sizeof half_labels / sizeof half_labels[0]; k++) {
		if (half_labels[k].type != PII_PERSON)
			continue;
		size_t m = pii__kw_len(half_labels[k].label);
		if (s + m < e && t->cp[s + m] == ' ' && pii__match(t, s, half_labels[k].label) == m)
			return 1;
		if (s < m + 1 || t->cp[s - 1] != ' ' ||
		    pii__match(t, s - 1 - m, half_labels[k].label) != m)
			continue;
		const struct pii__names *names = pii__names_get();
		size_t w = s;
		while (w < e && t->cp[w] != ' ')
			w++;
		return names && !(kana_flags(names, t, s, w) & PII_NAME_SURNAME_KANA);
	}
	return 0;
}

/* The value after a label at i: one space, then up to two spaces, a tab
 * or the line's end. */
static void half_field_at(const struct pii__text *t, struct pii__cands *c, size_t i)
{
	for (size_t k = 0; k < sizeof half_labels / sizeof half_labels[0]; k++) {
		size_t m = pii__match(t, i, half_labels[k].label);
		if (!m || i + m + 1 >= t->n || t->cp[i + m] != ' ' || pii__raw_tab(t, i + m))
			continue;
		size_t s = i + m + 1, e = s;
		while (e < t->n && t->cp[e] != '\n' && !pii__raw_tab(t, e) &&
		       !(t->cp[e] == ' ' && e + 1 < t->n && t->cp[e + 1] == ' ') &&
		       e - s <= HALF_VALUE_MAX)
			e++;
		if (e == s || e - s > HALF_VALUE_MAX || t->cp[e - 1] == ' ')
			return;
		enum pii_type ty = half_labels[k].type;
		int digit = 0, other = 0;
		for (size_t q = s; q < e; q++) {
			digit |= pii__is_digit(t->cp[q]);
			other |= script_of(t->cp[q]) != KS_HALF && t->cp[q] != ' ';
		}
		if (ty == PII_PERSON) {
			/* its first word reads a surname ENAMDICT knows (not
			 * ﾐﾆｭｳﾘｮｸ, ｶｸﾆﾝ ｽﾞﾐ) */
			const struct pii__names *names = pii__names_get();
			size_t w = s;
			while (w < e && t->cp[w] != ' ')
				w++;
			if (other || e - s < 2 || !names ||
			    !(kana_flags(names, t, s, w) & PII_NAME_SURNAME_KANA))
				return;
		}
		if (ty == PII_DATE_OF_BIRTH && (!date_shape(t, s) || pii__date_end(t, s) != e))
			return;
		if (ty == PII_ADDRESS && (!digit || script_of(t->cp[s]) != KS_HALF))
			return;
		pii__cand_add(c, t, s, e, ty, 0.9);
		return;
	}
}

static void half_width_fields(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have(t, 0xFF7C /* ｼ */) && !pii__may_have(t, 0xFF80 /* ﾀ */) &&
	    !pii__may_have(t, 0xFF7E /* ｾ */))
		return;
	for (size_t i = 0; i < t->n; i++) {
		uint32_t ch = t->cp[i];
		if ((ch == 0xFF7C || ch == 0xFF80 || ch == 0xFF7E) &&
		    (i == 0 || t->cp[i - 1] == '\n' || pii__raw_tab(t, i - 1) ||
		     (i >= 2 && t->cp[i - 1] == ' ' && t->cp[i - 2] == ' ')))
			half_field_at(t, c, i);
	}
}

/* ---- a Latin name cell before its reading (seventh round) ---------------- */

#define READING_CELL_MAX 24 /* code points of a name cell or a reading cell */

/* The katakana reading cell starting at s (two words or more joined by a
 * space or ・: スミス ジョン ロバート, ワン・レイ): its end, or 0. */
static size_t reading_cell_end(const struct pii__text *t, size_t s, int known)
{
	size_t e = s, words = 1;
	while (e < t->n && e - s <= READING_CELL_MAX) {
		uint32_t ch = t->cp[e];
		if (pii__is_kata(ch) && ch < 0xFF66)
			e++;
		else if ((ch == ' ' || ch == 0x30FB) && e > s && e + 1 < t->n &&
			 pii__is_kata(t->cp[e + 1]) && !pii__raw_tab(t, e))
			e++, words++;
		else
			break;
	}
	if (words < 2 || e == s || !cell_between(t, s, e))
		return 0;
	if (known)
		return e;
	/* a word of it reads a name ENAMDICT knows (not オフィス チェア) */
	const struct pii__names *names = pii__names_get();
	for (size_t a = s; names && a < e;) {
		size_t b = a;
		while (b < e && t->cp[b] != ' ' && t->cp[b] != 0x30FB)
			b++;
		if (kana_flags(names, t, a, b) & (PII_NAME_SURNAME_KANA | PII_NAME_GIVEN_KANA))
			return e;
		a = b + 1;
	}
	return 0;
}

/* In a comma or tab row, a cell of two to four capitalised Latin words
 * (Smith John Robert, Wang Lei) right before a cell that reads a name in
 * katakana: both are the person's (a CSV row without a header). */
static void latin_cells_with_readings(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have_alpha(t) || !pii__may_have_class(t, PII_CUE_KATA))
		return;
	struct pii__walk sep;
	pii__walk_init(&sep, t, 1, cell_seps, 2);
	for (size_t i = pii__walk_from(&sep, 1); i + 1 < t->n; i = pii__walk_from(&sep, i + 1)) {
		if (!(t->cp[i] == ',' || pii__raw_tab(t, i)) || !pii__is_kata(t->cp[i + 1]) ||
		    !pii__is_alpha(t->cp[i - 1]))
			continue;
		size_t re = reading_cell_end(t, i + 1, 0);
		if (!re) {
			/* a reading ENAMDICT cannot read (BHANDARI AAYUSH,バンダリ
			 * アーユス): the Latin cell a person's already (tenth
			 * round) */
			int named = 0;
			for (size_t k = 0; k < c->n && !named; k++)
				named = c->v[k].type == PII_PERSON && c->v[k].end == i &&
					pii__is_latin(t->cp[c->v[k].start]);
			if (!named || !(re = reading_cell_end(t, i + 1, 1)))
				continue;
			pii__cand_add(c, t, i + 1, re, PII_PERSON, 0.85);
			i = re;
			continue;
		}
		/* the Latin cell before, word by word from its end */
		size_t s = i, words = 0;
		int ok = 1;
		while (ok && s > 0 && i - s <= READING_CELL_MAX) {
			size_t w = s;
			while (w > 0 && pii__is_alpha(t->cp[w - 1]))
				w--;
			if (w == s || !pii__is_upper(t->cp[w]) || s - w < 2) {
				ok = 0;
				break;
			}
			words++;
			if (w > 0 && t->cp[w - 1] == ' ' && !pii__raw_tab(t, w - 1) && w >= 2 &&
			    pii__is_alpha(t->cp[w - 2])) {
				s = w - 1;
				continue;
			}
			s = w;
			break;
		}
		if (!ok || words < 2 || words > 4 || !cell_between(t, s, i) ||
		    (s > 0 && t->cp[s - 1] == ',' && s > 1 && pii__is_alpha(t->cp[s - 2])))
			continue;
		pii__cand_add(c, t, s, i, PII_PERSON, 0.85);
		pii__cand_add(c, t, i + 1, re, PII_PERSON, 0.85);
		i = re;
	}
}

/* In a comma or tab row, a cell holding a kanji name (陳 偉, 佐藤 愛, 王麗華:
 * two to five kanji with at most one space, whose first kanji or first word
 * ENAMDICT lists as a surname) right before a cell that reads a name in
 * katakana: both are the person's, as for a Latin name cell above (a CSV
 * row without a header; twelfth round (a)). */
static void kanji_cells_with_readings(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	if (!names || !pii__may_have_class(t, PII_CUE_KATA) || !pii__may_have_class(t, PII_CUE_KANJI))
		return;
	struct pii__walk sep;
	pii__walk_init(&sep, t, 2, cell_seps, 2);
	for (size_t i = pii__walk_from(&sep, 2); i + 1 < t->n; i = pii__walk_from(&sep, i + 1)) {
		/* a tab is folded to a space: the raw byte only there */
		if (!(t->cp[i] == ',' || (t->cp[i] == ' ' && pii__raw_tab(t, i))) ||
		    !pii__is_kata(t->cp[i + 1]) || !pii__is_kanji(t->cp[i - 1]))
			continue;
		size_t s = i, sp = 0;
		while (s > 0 && i - s <= 6 &&
		       (pii__is_kanji(t->cp[s - 1]) ||
			(t->cp[s - 1] == ' ' && !pii__raw_tab(t, s - 1) && s >= 2 &&
			 pii__is_kanji(t->cp[s - 2]))))
			sp += t->cp[--s] == ' ';
		size_t len = i - s - sp;
		if (len < 2 || len > 5 || sp > 1 || !cell_between(t, s, i))
			continue;
		size_t w = s;
		while (w < i && t->cp[w] != ' ')
			w++;
		/* a Chinese or Korean name of one kanji, a space and one or two
		 * that a rule found already (0318,李 浩宇,リ ハオユー; thirteenth
		 * round (a)): its reading needs no Japanese surname's */
		int found = 0;
		if (sp && w - s == 1 && i - w <= 3)
			for (size_t k = 0; k < c->n && !found; k++)
				found = c->v[k].type == PII_PERSON && c->v[k].start == s &&
					c->v[k].end == i;
		/* the surname: the first word, or its first kanji or two */
		unsigned f = sp ? pii__names_lookup(names, t->cp + s, w - s)
				: pii__names_lookup(names, t->cp + s, 1) |
					  pii__names_lookup(names, t->cp + s, 2);
		if (!found && !(f & PII_NAME_SURNAME))
			continue;
		size_t re = reading_cell_end(t, i + 1, found);
		if (!re)
			continue;
		/* the reading opens with a surname's (not ホンチョウシャ ニカイ
		 * under 本庁舎) */
		size_t rw = i + 1;
		while (rw < re && t->cp[rw] != ' ' && t->cp[rw] != 0x30FB)
			rw++;
		if (!found && !(kana_flags(names, t, i + 1, rw) & PII_NAME_SURNAME_KANA))
			continue;
		pii__cand_add(c, t, s, i, PII_PERSON, 0.85);
		pii__cand_add(c, t, i + 1, re, PII_PERSON, 0.85);
		i = re;
	}
}

/* A given name alone right before its relation in brackets (「真由美（妻）
 * が…, seventh round): 2-3 kanji ENAMDICT lists as a given name and not as
 * a place, after a quote, a line's start or punctuation. */
static void given_before_relation(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	for (size_t o = pii__find_cp(t, 2, '('); o + 2 < t->n; o = pii__find_cp(t, o + 1, '(')) {
		if (!pii__is_kanji(t->cp[o - 1]))
			continue;
		size_t m = pii__match_any(t, o + 1, relatives);
		if (!m || o + 1 + m >= t->n || t->cp[o + 1 + m] != ')')
			continue;
		size_t s = o;
		while (s > 0 && pii__is_kanji(t->cp[s - 1]) && o - s <= 3)
			s--;
		if (o - s < 2 || o - s > 3)
			continue;
		uint32_t p = s ? t->cp[s - 1] : '\n';
		if (!(p == '\n' || p == 0x300C /* 「 */ || p == 0x3002 || p == 0x3001 || p == ' ' ||
		      p == ':'))
			continue;
		unsigned f = pii__names_lookup(names, t->cp + s, o - s);
		if ((f & PII_NAME_GIVEN) && !(f & (PII_NAME_PLACE | PII_NAME_SURNAME)))
			pii__cand_add(c, t, s, o, PII_PERSON, 0.8);
	}
}

/* ---- names before a bracket, names in cells (eighth round) --------------- */

/* Hiragana words after a name and a space that MeCab may read as its given
 * name (元夫 松田 一樹 より: 一樹|より). */
static const char *const words_after_names[] = {"より", "から", "まで", "など", "ほか", "です",
						"ます", "への", "との", NULL};

/* Trims such a word off a PERSON candidate (一樹 より → 一樹), so that the
 * surname before it can complete the name (surnames_completed()). */
static void particles_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->end - v->start < 4 || !pii__is_hira(t->cp[v->end - 1]))
			continue;
		size_t w = v->end;
		while (w > v->start && pii__is_hira(t->cp[w - 1]))
			w--;
		if (w > v->start + 1 && t->cp[w - 1] == ' ' && word_exact(t, w, v->end, words_after_names))
			pii__span_set(v, t, v->start, w - 1);
	}
}

/* The bracket opened at o says its owner is a person: a relation closes it
 * or ends its first item (川端 蒼（長男）), or it gives an age or a birth
 * (ゆうと（推定5歳、…）, ひまり（2026.10.30生、…）): 歳, or 生 after a digit
 * or 日, before ） within 20 code points. */
static int person_bracket(const struct pii__text *t, size_t o)
{
	/* an infant's age (ゆいな（生後3か月）, ninth round) */
	if (pii__match(t, o + 1, "生後") && o + 3 < t->n && pii__is_digit(t->cp[o + 3]))
		return 1;
	size_t m = pii__match_any(t, o + 1, relatives);
	if (m && o + 1 + m < t->n && (t->cp[o + 1 + m] == ')' || t->cp[o + 1 + m] == 0x3001))
		return 1;
	int digit = 0;
	for (size_t q = o + 1; q < t->n && q - o <= 20; q++) {
		uint32_t ch = t->cp[q];
		if (ch == ')' || ch == '(' || pii__is_boundary(ch))
			return 0;
		digit |= pii__is_digit(ch);
		if (digit && (ch == 0x6B73 /* 歳 */ ||
			      (ch == 0x751F /* 生 */ && (pii__is_digit(t->cp[q - 1]) ||
							 t->cp[q - 1] == 0x65E5 /* 日 */))))
			return 1;
	}
	return 0;
}

/* Where a name may open: the text's or a line's start, a colon, a space,
 * 、 or 「. */
static int name_opens_after(const struct pii__text *t, size_t s)
{
	uint32_t p = s ? t->cp[s - 1] : '\n';
	return p == '\n' || p == ':' || p == ' ' || p == 0x3001 || p == 0x300C || p == ',';
}

/* The start of the run of kanji that ends at e, at most four of them back
 * (a surname is two or three; four says the run is longer). */
static size_t kanji_before(const struct pii__text *t, size_t e)
{
	size_t a = e;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && e - a <= 3)
		a--;
	return a;
}

/* Kana words before an age in brackets that ENAMDICT also reads as
 * names. */
static const char *const kana_not_given[] = {"こども", "こと", "ママ", "パパ", "ひとり",
					     "ふたり", "いま", "ほか", "なし", "あり", "さん",
					     "さま", "くん", "ちゃん", "ナシ", "アリ", "フメイ",
					     "ミテイ", "ドウキョ", "ベッキョ", NULL};

/* The start of a name ending at e (a bracket, a cell's end): a surname
 * ENAMDICT lists, a space and a given name it lists (kanji, katakana or
 * hiragana); with alone, also a given name in kana alone (ゆうと, ひまり).
 * Returns the start, or e. */
static size_t name_ending_at(const struct pii__names *names, const struct pii__text *t,
			     size_t e, int alone)
{
	size_t g = e;
	uint32_t last = t->cp[e - 1];
	int kanji = pii__is_kanji(last), kata = pii__is_kata(last), hira = pii__is_hira(last);
	if (!kanji && !kata && !hira)
		return e;
	while (g > 0 && e - g <= 6 &&
	       (kanji ? pii__is_kanji(t->cp[g - 1])
		      : kata ? pii__is_kata(t->cp[g - 1]) : pii__is_hira(t->cp[g - 1])))
		g--;
	size_t gl = e - g;
	if ((kanji && gl > 3) || (!kanji && (gl < 2 || gl > (kata ? 5u : 4u))))
		return e;
	unsigned f = kanji ? pii__names_lookup(names, t->cp + g, gl)
			   : pii__names_lookup_kana(names, t->cp + g, gl);
	if (!(f & (kanji ? PII_NAME_GIVEN | PII_NAME_PERSON_U : PII_NAME_GIVEN_KANA)) ||
	    word_exact(t, g, e, not_surnames))
		return e;
	if (g >= 3 && t->cp[g - 1] == ' ' && pii__is_kanji(t->cp[g - 2])) {
		size_t a = kanji_before(t, g - 1);
		if (name_opens_after(t, a) && bare_surname(names, t, a, g - 1))
			return a;
		return e;
	}
	if (alone && !kanji && name_opens_after(t, g) && !pii__is_word(t, g, e, kana_not_given))
		return g;
	return e;
}

/* A PERSON candidate of c covers [s, e). Each call compares with the whole
 * list, so a text gets at most *budget of them (then: covered, nothing is
 * added), which keeps a text of many names linear. */
static int person_covers(const struct pii__cands *c, size_t s, size_t e, size_t *budget)
{
	if (*budget == 0)
		return 1;
	(*budget)--;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].start <= s && c->v[k].end >= e)
			return 1;
	return 0;
}

/* [s, e) as a surname alone where ENAMDICT lists it and no PERSON
 * candidate covers it yet. */
static void surname_add(const struct pii__names *names, const struct pii__text *t,
			struct pii__cands *c, size_t s, size_t e, size_t *budget)
{
	if (bare_surname(names, t, s, e) && !person_covers(c, s, e, budget))
		pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

#define EIGHTH_CHECKS_MAX 1024

/* Notes in brackets that a person's other name is unknown (同居男性 三苫（下の
 * 名前不明）, Kevin（姓不詳）). */
static const char *const name_unknown_notes[] = {"姓不詳", "姓不明", "名字不明", "下の名前不明",
						 "名前不明", "名は不明", "フルネーム不明", NULL};

/* A word in Latin letters ending at o, capitalised (Arjun, Kevin), after a
 * relation or a role and a space (息子 Arjun（2019-12-05生）) or a colon:
 * its start, or o. */
static size_t latin_given_ending_at(const struct pii__text *t, size_t o)
{
	size_t a = o;
	while (a > 0 && pii__is_latin(t->cp[a - 1]) && o - a <= 16)
		a--;
	if (o - a < 2 || o - a > 16 || !pii__is_latin_upper(t->cp[a]) || a < 2)
		return o;
	for (size_t q = a + 1; q < o; q++)
		if (pii__is_latin_upper(t->cp[q]))
			return o; /* an acronym or a brand (DX, iPhone) */
	if (t->cp[a - 1] == ':')
		return a;
	if (t->cp[a - 1] != ' ' || !pii__is_kanji(t->cp[a - 2]))
		return o;
	size_t w = a - 1;
	while (w > 0 && pii__is_kanji(t->cp[w - 1]) && a - 1 - w < 4)
		w--;
	return word_exact(t, w, a - 1, relatives) || pii__match(t, w, "同居") ? a : o;
}

static void name_before_person_bracket(const struct pii__names *names,
				      const struct pii__text *t, struct pii__cands *c, size_t o,
				      size_t *budget)
{
	if (o < 2 || o + 2 >= t->n)
		return;
	int unknown = pii__match_any(t, o + 1, name_unknown_notes) != 0;
	if (!unknown && !person_bracket(t, o))
		return;
	size_t s = name_ending_at(names, t, o, 1);
	if (s == o && pii__is_latin(t->cp[o - 1]))
		s = latin_given_ending_at(t, o);
	if (s == o && unknown) {
		/* a surname alone after a space or a colon (同居男性 三苫（…） */
		size_t a = kanji_before(t, o);
		if (a > 0 && a < o && (t->cp[a - 1] == ' ' || t->cp[a - 1] == ':') &&
		    bare_surname(names, t, a, o))
			s = a;
	}
	if (s < o && !person_covers(c, s, o, budget))
		pii__cand_add(c, t, s, o, PII_PERSON, 0.8);
}

/* Half-width words of an organisation or a bank: a cell holding one is no
 * person's name. */
static const char *const half_org_words[] = {
	"ｷﾞﾝｺｳ", "ｼﾃﾝ", "ｼﾝｷﾝ", "ｼﾝｸﾐ", "ﾌﾂｳ", "ﾄｳｻﾞ", "ｶﾌﾞｼｷｶﾞｲｼﾔ", "ﾕｳｹﾞﾝｶﾞｲｼﾔ", "ｶｲｹｲ",
	"ｶﾝﾘｼﾔ", "ｷﾖｳｶｲ", "ｸﾐｱｲ", "ｻﾞｲﾀﾞﾝ", "ﾎｳｼﾞﾝ", "ｼﾞﾑｷﾖｸ", "ｾﾝﾀｰ", "ﾔｸｼﾖ", NULL,
};

/* A cell of a comma or tab row [s, e) that is a name by its shape alone
 * (eighth round): a surname ENAMDICT lists, a space and a given name it
 * lists (2,石原 美桜,石原 大地,080-…), or two to four words of half-width
 * katakana (bank and booking data: 12/01,09:00-13:00,ﾖｼﾀﾞ ﾒｲ,…), the
 * first read as a surname or three words or more (ﾀﾞ ｼﾙﾊﾞ ｶﾞﾌﾞﾘｴﾙ), none
 * of them a bank's or an organisation's word; or a surname and one to
 * three words of katakana (岡田　マテウス　リョウ). */
static void name_cell(const struct pii__names *names, const struct pii__text *t,
		      struct pii__cands *c, size_t s, size_t e)
{
	if (e - s < 3 || e - s > 24)
		return;
	if (t->cp[s] >= 0xFF66 && t->cp[s] <= 0xFF9F) {
		size_t words = 1, w0 = s, first_end = 0;
		for (size_t q = s; q < e; q++) {
			uint32_t ch = t->cp[q];
			if (ch == ' ') {
				if (q + 1 >= e || t->cp[q + 1] == ' ' || q == w0)
					return;
				if (!first_end)
					first_end = q;
				words++;
				w0 = q + 1;
			} else if (!(ch >= 0xFF66 && ch <= 0xFF9F)) {
				return;
			} else if (pii__match_any(t, q, half_org_words)) {
				return;
			}
		}
		if (words < 2 || words > 4)
			return;
		if (words == 2 &&
		    !(pii__names_lookup_kana(names, t->cp + s, first_end - s) & PII_NAME_SURNAME_KANA))
			return;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.8);
		return;
	}
	if (!pii__is_kanji(t->cp[s]))
		return;
	size_t a = name_ending_at(names, t, e, 0);
	if (a == s) {
		pii__cand_add(c, t, s, e, PII_PERSON, 0.8);
		return;
	}
	/* a surname ENAMDICT lists, a space and one to three words of
	 * katakana (転出<TAB>R8.11.20<TAB>岡田　マテウス　リョウ: a Japanese
	 * Brazilian's names; session 21), no word of an organisation */
	size_t k = kanji_run_end(t, s), words = 0;
	if (k >= e || t->cp[k] != ' ' || !bare_surname(names, t, s, k))
		return;
	for (size_t q = k; q < e;) {
		if (t->cp[q] != ' ' || q + 1 >= e)
			return;
		size_t w = ++q;
		while (q < e && pii__is_kata(t->cp[q]) && t->cp[q] != 0x30FB)
			q++;
		if (q - w < 2 || pii__match(t, w, "センター") || pii__match(t, w, "ホテル"))
			return;
		words++;
	}
	if (words >= 1 && words <= 3)
		pii__cand_add(c, t, s, e, PII_PERSON, 0.8);
}

/* 1 if the code point at i separates cells of a comma or tab row. */
static int row_cell_sep(const struct pii__text *t, size_t i)
{
	return t->cp[i] == ',' || (t->cp[i] == ' ' && pii__raw_tab(t, i));
}

/* The cells around the row separator at i: the one after it, and the
 * line's first when it ends at i. */
static void name_cells_at(const struct pii__names *names, const struct pii__text *t,
			  struct pii__cands *c, size_t i)
{
	size_t s = i + 1, e = s;
	while (e < t->n && !row_cell_sep(t, e) && t->cp[e] != '\n' && e - s <= 24)
		e++;
	if (e > s && e - s <= 24)
		name_cell(names, t, c, s, e);
	size_t ls = i;
	while (ls > 0 && t->cp[ls - 1] != '\n' && !row_cell_sep(t, ls - 1) && i - ls <= 24)
		ls--;
	if ((ls == 0 || t->cp[ls - 1] == '\n') && i > ls && i - ls <= 24)
		name_cell(names, t, c, ls, i);
}

/* A unit of an office or a school ending at e (市民課, 保育園, 徴収第2係). */
static int unit_ends_at(const struct pii__text *t, size_t e)
{
	if (e < 2)
		return 0;
	uint32_t u = t->cp[e - 1];
	return u == 0x8AB2 /* 課 */ || u == 0x4FC2 /* 係 */ || u == 0x5BA4 /* 室 */ ||
	       u == 0x5712 /* 園 */ || u == 0x6821 /* 校 */ || u == 0x6240 /* 所 */ ||
	       u == 0x9928 /* 館 */ || (e >= 4 && pii__match(t, e - 4, "センター"));
}

/* A role whose holder is named after は (相談支援専門員は岩崎。, 担当は森田です). */
static int holder_role_ends_at(const struct pii__text *t, size_t e)
{
	if (e < 2)
		return 0;
	uint32_t u = t->cp[e - 1];
	return (pii__is_kanji(t->cp[e - 2]) &&
		(u == 0x54E1 /* 員 */ || u == 0x5E2B /* 師 */ || u == 0x8005 /* 者 */)) ||
	       pii__match(t, e - 2, "担当") || pii__match(t, e - 2, "担任");
}

/* One kanji that ENAMDICT lists as surnames and that name a part or a
 * direction (東区の北です: the north side), or a place beside another
 * (松本公園の隣です; the lead's probes, 2026-12-04 night). */
static const char *const one_kanji_not_surnames[] = {"東", "西", "南", "北", "上", "下", "中",
						     "前", "後", "外", "内", "方", "件",
						     "横", "奥", "側", "隣", "裏", "脇", "先",
						     "角", "傍",
						     /* a house (長女宅: the daughter's;
						      * thirtieth set) */
						     "宅",
						     /* a person said, no one named (給与担当の人から;
						      * twenty-eighth round (a)) */
						     "人", "者", NULL};

/* Kanji that open a title rather than name its holder (○副委員長, ○前会長,
 * ○番議員 where ○ stands for the seat's number). */
static const char *const title_prefix_kanji[] = {"副", "番", "号", "元", "新", "旧", "現", "各",
						 "全", "総", NULL};

/* The four directions, which are surnames too (東, 西, 南, 北). */
static const char *const direction_kanji[] = {"東", "西", "南", "北", NULL};

/* Titles of staff and members after a surname (白木主査, 松岡保育企画課長,
 * 戸次 あゆみ委員, 宮本さとみ君), longest first. */
static const char *const staff_titles[] = {
	"課長補佐", "委員長", "副委員長", "副議長", "教育長", "課長", "部長", "局長", "室長",
	"所長", "係長", "次長", "主査", "主任", "主事", "主幹", "参事", "理事", "委員", "議員",
	"議長", "会長", "園長", "校長", "保健師", "君",
	/* a residents' association's or a corporation's officers (須藤理事長
	 * on a letter's first line; thirty-second set, batches 414-417):
	 * after 理事, whose 長 would end no word */
	"理事長", "副理事長", NULL,
};

/* The end of a surname of 2-3 kanji at s right before a staff title (its
 * end, the title's start), or 0. */
static size_t surname_before_title(const struct pii__text *t, size_t s)
{
	for (size_t l = 2; l <= 3 && s + l < t->n; l++) {
		if (!pii__is_kanji(t->cp[s + l - 1]))
			return 0;
		size_t m = pii__match_any(t, s + l, staff_titles);
		/* the title ends its word (委員会 is no title) */
		if (m && (s + l + m >= t->n || !pii__is_kanji(t->cp[s + l + m])))
			return s + l;
	}
	return 0;
}

/* Who a self-introduction names before の (小倉南区の秋吉です, 株式会社せとう
 * ち情報印刷の赤木です, SVの野田です): a ward, a city, a town, a company, a
 * bureau, or a job's acronym. */
static const char *const company_kinds[] = {"建設", "工業", "商事", "産業", "銀行", "病院",
					    "協会", "組合", "法人", "会社", "商店", "物産",
					    "興業", "電機", "運輸", "不動",
					    /* builders' and fishers' firms (大沢重機 in a
					     * table of road works; batches 346-353) */
					    "重機", "開発", "工務", "土木", "水産", "造園",
					    /* makers and shops that send a city's gifts
					     * (那賀川ゆず工房の仁木です; batches 530-537) */
					    "工房", "農園", "酒造", "食品", "製菓", "商会", "本舗",
					    "薬局", "旅館", NULL};

/* A place's lot number ends at e: digits (and hyphens) right after the
 * kanji of a place (大字轟221の中城です, 本町3-12の…: a resident signs
 * with where they live; thirty-second set, batches 414-417). Before a
 * surname of two kanji or three only: …23-1の家です is a house. */
static int lot_ends_at(const struct pii__text *t, size_t e)
{
	size_t a = e;
	while (a > 0 && e - a <= 8 && (pii__is_digit(t->cp[a - 1]) || t->cp[a - 1] == '-'))
		a--;
	return a < e && a > 0 && pii__is_digit(t->cp[e - 1]) && pii__is_digit(t->cp[a]) &&
	       pii__is_kanji(t->cp[a - 1]);
}

static int intro_owner_ends_at(const struct pii__text *t, size_t e)
{
	if (e < 2)
		return 0;
	uint32_t u = t->cp[e - 1];
	return ((u == 0x533A /* 区 */ || u == 0x5E02 /* 市 */ || u == 0x753A /* 町 */ ||
		 u == 0x6751 /* 村 */ || u == 0x793E /* 社 */ || u == 0x5C40 /* 局 */ ||
		 u == 0x90E8 /* 部 */ || u == 0x5237 /* 刷 */) &&
		(pii__is_kanji(t->cp[e - 2]) || pii__is_kata(t->cp[e - 2]) ||
		 pii__is_hira(t->cp[e - 2]))) ||
	       (pii__is_upper(u) && pii__is_upper(t->cp[e - 2])) ||
	       /* 干物屋「出羽島商店」の杉本です: a shop's or a firm's name in
		* its brackets (batches 530-537) */
	       ((u == 0x300D /* 」 */ || u == 0x300F /* 』 */) && e >= 3 &&
		(pii__is_kanji(t->cp[e - 2]) || pii__is_kata(t->cp[e - 2]))) ||
	       /* a company's kind (鹿島建設の永吉です, ninth round) */
	       /* (ゆず工房の, after kana too; batches 530-537) */
	       (e >= 3 &&
		(pii__is_kanji(t->cp[e - 3]) || pii__is_kata(t->cp[e - 3]) ||
		 (pii__is_hira(t->cp[e - 3]) && !pii__is_particle(t->cp[e - 3]))) &&
		pii__match_any(t, e - 2, company_kinds) == 2);
}

/* The word before の at e opens a quoted message (「津留の緒方です。…」: a
 * caller's or a resident's words pasted into a request, who say where
 * they live or come from before their surname; batches 370-373): 1-6
 * kanji or katakana right after 「 or 『. */
static int quote_opens_owner(const struct pii__text *t, size_t e)
{
	size_t a = e;
	while (a > 0 && e - a < 6 && (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1])))
		a--;
	return a < e && a > 0 && (t->cp[a - 1] == 0x300C /* 「 */ || t->cp[a - 1] == 0x300E /* 『 */);
}

/* A group's role before の in a self-introduction at e: 代表, 代表者,
 * or a chair's title ending in 長 after a kanji (会長, 自治会長, 班長). */
static int role_owner_ends_at(const struct pii__text *t, size_t e)
{
	if (e < 2)
		return 0;
	return pii__match(t, e - 2, "代表") == 2 ||
	       (e >= 3 && pii__match(t, e - 3, "代表者") == 3) ||
	       (t->cp[e - 1] == 0x9577 /* 長 */ && pii__is_kanji(t->cp[e - 2]));
}

/* です ends a self-introduction at e: then 。, 、, が, a line's end or the
 * text's. */
static int self_intro_end(const struct pii__text *t, size_t e)
{
	/* と申します, といいます (私は総務の守屋といいます; batches 806-821) */
	static const char *const said[] = {"と申します", "といいます", "と言います", NULL};
	if (pii__match_any(t, e, said))
		return 1;
	if (!pii__match(t, e, "です"))
		return 0;
	if (e + 2 >= t->n)
		return 1;
	uint32_t q = t->cp[e + 2];
	return q == 0x3002 || q == 0x3001 || q == '\n' || q == ' ' || q == '!' ||
	       q == 0x304C /* が */ ||
	       /* …2841の宮脇ですけど、: a caller's spoken introduction
		* (batches 554-561) */
	       pii__match(t, e + 2, "けど") != 0;
}

/* 「私は」 opens the sentence before the owner's の at i (私は総務の守屋と
 * いいます; batches 806-821): the writer introduces themself whatever
 * the owner is called. */
static int watashi_opens(const struct pii__text *t, size_t i)
{
	size_t q = i;
	while (q > 0 && i - q < 16) {
		uint32_t u = t->cp[q - 1];
		if (u == 0x3002 /* 。 */ || u == '\n' || u == 0x3001 /* 、 */ || u == 0x300C /* 「 */)
			break;
		q--;
	}
	return i - q >= 3 && pii__match(t, q, "私は") &&
	       (q == 0 || t->cp[q - 1] == 0x3002 || t->cp[q - 1] == '\n' || t->cp[q - 1] == 0x300C ||
		t->cp[q - 1] == 0x3001);
}

/* The word before の at i opens a line or follows a space (岩木の外崎です
 * after おつかれさまです and a space, 明科の上條です opening the pasted
 * text, …第2駐車場　遭対協の滝沢です; session 21's read files): a message
 * typed on a phone, whose spaces part its sentences, or a text's first
 * words; 1-8 kanji or katakana. */
static int space_opens_owner(const struct pii__text *t, size_t i)
{
	size_t a = i;
	while (a > 0 && i - a < 8 && (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1])))
		a--;
	return a < i && (a == 0 || t->cp[a - 1] == '\n' || t->cp[a - 1] == ' ');
}

/* A letter's greeting (お世話になっております。) right before the sentence
 * that holds i, within the same paragraph: the sentence after it is the
 * writer's introduction, whatever the owner before の is written in
 * (ケアプランみかわの今井です). */
static const char *const greetings[] = {"お世話になっております", "お世話になります",
					"お疲れ様です", "お疲れさまです", "ありがとうございます",
					NULL};

static int greeting_opens_sentence(const struct pii__text *t, size_t i)
{
	size_t q = i;
	while (q > 0 && t->cp[q - 1] != 0x3002 /* 。 */ && t->cp[q - 1] != '\n' && i - q < 30)
		q--;
	/* or its 、 closing the greeting right before the owner (お疲れさまです、
	 * 能代の成田です; batches 744-757) */
	size_t comma = i;
	while (comma > q && pii__is_kanji(t->cp[comma - 1]) && i - comma < 6)
		comma--;
	if (comma > q && comma < i && t->cp[comma - 1] == 0x3001 /* 、 */ && comma - 1 >= 6 &&
	    pii__ends_with(t, comma - 1 >= 12 ? comma - 13 : 0, comma - 1, greetings) != 0)
		return 1;
	if (q == 0 || i - q >= 30)
		return 0;
	/* the greeting's 。 and at most one line break after it */
	size_t g = q;
	if (t->cp[g - 1] == '\n') {
		g--;
		if (g > 0 && t->cp[g - 1] == 0x3002)
			g--;
	} else {
		g--;
	}
	return g >= 6 && pii__ends_with(t, g >= 12 ? g - 12 : 0, g, greetings) != 0;
}

/* A letter's salutation on the line right above the line that holds i,
 * whose text up to i opens it (長寿介護課 給付係 ご担当者様⏎峡東リフォーム
 * の上野です。): the first sentence under 様, 御中 or 各位 is the writer's
 * introduction, whatever the firm before の is called (batches 538-545). */
static int salutation_opens_line(const struct pii__text *t, size_t i)
{
	/* the firm's name alone opens the line: letters of words only, no
	 * bracket, no number, no honorific's clause before の */
	size_t q = i;
	while (q > 0 && t->cp[q - 1] != '\n' && i - q < 16) {
		uint32_t u = t->cp[q - 1];
		if (!(pii__is_kanji(u) || pii__is_kata(u) || pii__is_hira(u)))
			return 0;
		q--;
	}
	if (q < 2 || i - q < 2 || t->cp[q - 1] != '\n')
		return 0;
	size_t pe = q - 1;
	while (pe > 0 && (t->cp[pe - 1] == ' ' || t->cp[pe - 1] == '\r'))
		pe--;
	static const char *const salutes[] = {"様", "御中", "各位", "殿", NULL};
	return pe > 0 && pii__ends_with(t, pe > 3 ? pe - 3 : 0, pe, salutes) != 0;
}

/* Words of a staff member's contact after the name (ninth round). */
static const char *const extension_words[] = {"内線", "TEL", "Tel", "電話", "直通",
					      /* a staff member's mobile (総務課 野々山　携帯
					       * 090-…; batches 346-353) */
					      "携帯", NULL};

/* The end of a given name of 1-3 kanji that ENAMDICT lists as one, after
 * the surname [.., e) and a space, ending the line, on a line of two units
 * or more parted by spaces before the space at i (a signature: 宮古市
 * 市民生活部 国保年金課 小笠原 涼): its end, or 0. */
static size_t signature_given_end(const struct pii__names *names, const struct pii__text *t,
				  size_t i, size_t e)
{
	if (e + 1 >= t->n || t->cp[e] != ' ' || !pii__is_kanji(t->cp[e + 1]))
		return 0;
	size_t g = e + 1, ge = kanji_run_end(t, g);
	if (ge - g > 3 || (ge < t->n && t->cp[ge] != '\n') ||
	    !(pii__names_lookup(names, t->cp + g, ge - g) & (PII_NAME_GIVEN | PII_NAME_PERSON_U)))
		return 0;
	size_t q = i, spaces = 0;
	while (q > 0 && t->cp[q - 1] != '\n' && i - q < 40) {
		if (t->cp[q - 1] == ' ')
			spaces++;
		else if (!pii__is_kanji(t->cp[q - 1]) && !pii__is_kata(t->cp[q - 1]))
			return 0; /* units only: no colon, digit or sentence */
		q--;
	}
	return spaces >= 1 && (q == 0 || t->cp[q - 1] == '\n') ? ge : 0;
}

/* Who lets or keeps a house or land, before の in a self-introduction
 * (大家の岩佐です, 管理人の西田です; batches 378-381): a landlord writes
 * to a tenant as a unit's staff writes to a resident. */
static const char *const house_roles[] = {"大家", "家主", "地主", "貸主", "管理人", "所有者",
					  NULL};

static int house_role_ends_at(const struct pii__text *t, size_t e)
{
	return pii__ends_with(t, e >= 3 ? e - 3 : 0, e, house_roles) != 0;
}

static void glued_full_name(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c, size_t s, int field, size_t *budget);

/* A parent's words after a child's name and の (陽向の母、, 蓮の父です). */
static const char *const parent_words[] = {"母親", "父親", "祖母", "祖父", "母", "父", "保護者",
					   NULL};

/* Bare surnames placed by a unit or a role (eighth round), after の, は or
 * a space at i: the staff member to contact (園の藤田まで, 市民課の佐藤まで),
 * a self-introduction (小倉南区の秋吉です), a role's holder (相談支援専門員
 * は岩崎。), a unit, a space, a surname and a title (保育課 白木主査), a unit
 * and a surname closing a field's line (照会者：資産税課 和田). 2-3 kanji
 * ENAMDICT lists as a surname (one in a self-introduction), no word of
 * not_surnames. */
static void surname_after_unit_at(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c, size_t i, size_t *budget)
{
	uint32_t ch = t->cp[i];
	size_t s = i + 1, e;
	int intro = 0; /* a self-introduction: one kanji may do (港区の森です) */
	int listed = 0; /* a list of surnames after the unit */
	size_t signed_end = 0; /* a signature's full name ends here */
	if (i == 0 || i + 2 >= t->n || !pii__is_kanji(t->cp[s]))
		return;
	/* a child named by its parent in a letter or a chat, a full name
	 * written together before の and the parent's word (…になる桐山陽向の
	 * 母、…です; batches 378-381) */
	if (ch == 0x306E /* の */ && i >= 4 && pii__is_kanji(t->cp[i - 1]) &&
	    (e = pii__match_any(t, s, parent_words)) != 0 && s + e < t->n &&
	    (t->cp[s + e] == 0x3001 /* 、 */ || t->cp[s + e] == 0x3002 /* 。 */ ||
	     t->cp[s + e] == 0x3067 /* で(す) */ || t->cp[s + e] == 0x306F /* は */)) {
		size_t a = i;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a <= 6)
			a--;
		glued_full_name(names, t, c, a, 0, budget);
		return;
	}
	/* a full name written together introducing itself after its unit,
	 * its firm or its role (大家の岩佐健治です, 鹿島建設の永吉正人です;
	 * batches 378-381): the rules below take 1-3 kanji, a surname */
	if (ch == 0x306E /* の */ && (e = kanji_run_end(t, s)) - s >= 4 && e - s <= 6 &&
	    self_intro_end(t, e) &&
	    (unit_ends_at(t, i) || intro_owner_ends_at(t, i) || role_owner_ends_at(t, i) ||
	     house_role_ends_at(t, i))) {
		glued_full_name(names, t, c, s, 0, budget);
		return;
	}
	if (ch == 0x306E /* の */ && unit_ends_at(t, i)) {
		e = kanji_run_end(t, s);
		intro = self_intro_end(t, e);
		if (!pii__match(t, e, "まで") && !intro)
			return;
	} else if (ch == 0x306E /* の */ && (e = kanji_run_end(t, s)) - s <= 3 &&
		   self_intro_end(t, e) &&
		   (intro_owner_ends_at(t, i) || greeting_opens_sentence(t, i) ||
		    quote_opens_owner(t, i) || (e - s >= 2 && lot_ends_at(t, i)) ||
		    salutation_opens_line(t, i) || (e - s >= 2 && watashi_opens(t, i)) ||
		    (e - s >= 2 && space_opens_owner(t, i)))) {
		/* です first: most の introduce no one */
		intro = 1;
	} else if (ch == 0x306E /* の */ && (e = kanji_run_end(t, s)) - s <= 3 &&
		   self_intro_end(t, e) && (role_owner_ends_at(t, i) || house_role_ends_at(t, i))) {
		/* a group's representative or a chair introducing themself
		 * (…ママさんバレー代表の松永です; batches 346-353): two kanji
		 * or three, as after a unit (会長の話です, 代表の者です) */
	} else if (ch == 0x306F /* は */ && holder_role_ends_at(t, i)) {
		e = kanji_run_end(t, s);
		if (!(e >= t->n || t->cp[e] == 0x3002 || pii__match(t, e, "です") ||
		      t->cp[e] == '\n' || t->cp[e] == 0x300D))
			return;
	} else if (ch == ' ' && unit_ends_at(t, i) && (e = surname_before_title(t, s)) != 0) {
		/* 保育課 白木主査が: a unit, a space, a surname and a title */
	} else if (ch == ' ' && unit_ends_at(t, i)) {
		e = kanji_run_end(t, s);
		size_t ls = i;
		while (ls > 0 && t->cp[ls - 1] != '\n' && t->cp[ls - 1] != ':' && i - ls < 16)
			ls--;
		/* …or before ／ and the next field (受付：…課 大西／確認：…,
		 * ninth round); a contact's extension after a space needs no
		 * field (（担当）税務課 市民税係 宮崎 内線3321) */
		int ext = e + 1 < t->n && t->cp[e] == ' ' && pii__match_any(t, e + 1, extension_words);
		/* or a list of surnames parted by 、 or ・ to the line's end
		 * (事務局：市民活動課 横山、内田; sixteenth round (a)) */
		listed = e < t->n && (t->cp[e] == 0x3001 || t->cp[e] == 0x30FB);
		/* or a note in brackets that closes with the surname, the unit
		 * its first word (（納税課 石井）; seventeenth round (a)) */
		size_t bs = i;
		while (bs > 0 && (pii__is_kanji(t->cp[bs - 1]) || pii__is_hira(t->cp[bs - 1])) &&
		       i - bs < 10)
			bs--;
		/* the note may go on after 、 with whoever goes with them
		 * (（子育て支援課 池田、遠藤主任児童委員）; batches 418-421), and a
		 * unit's name may hold kana (子育て) */
		int noted = bs > 0 && t->cp[bs - 1] == '(' && e < t->n &&
			    (t->cp[e] == ')' || t->cp[e] == 0x3001 /* 、 */);
		/* (the note's others are their own rules', not a list's) */
		listed = listed && !noted;
		/* or a signature's line of units, the surname, a space and a
		 * given name ending the line (宮古市 市民生活部 国保年金課
		 * 小笠原 涼; seventeenth round (a)) */
		signed_end = signature_given_end(names, t, i, e);
		/* or まで, whom to ask (わからないことあれば税務課 宮地まで; batches
		 * 538-545), as after の (市民課の佐藤まで) */
		int ask = pii__match(t, e, "まで") != 0;
		if (!ext && !noted && !signed_end && !ask &&
		    (!(e >= t->n || t->cp[e] == '\n' || t->cp[e] == ' ' || t->cp[e] == '/' ||
		       listed) ||
		     ls == 0 || t->cp[ls - 1] != ':'))
			return;
	} else {
		return;
	}
	if (e - s < (intro ? 1u : 2u) || e - s > 3 || !bare_surname(names, t, s, e) ||
	    (e - s == 1 && word_exact(t, s, e, one_kanji_not_surnames)))
		return;
	if (listed) {
		/* every item a surname of 2-3 kanji, the last ending the line */
		size_t q = e;
		while (q < t->n && (t->cp[q] == 0x3001 || t->cp[q] == 0x30FB)) {
			size_t r = kanji_run_end(t, q + 1);
			if (r - q - 1 < 2 || r - q - 1 > 3 || !bare_surname(names, t, q + 1, r))
				return;
			q = r;
		}
		if (q < t->n && t->cp[q] != '\n')
			return;
		for (q = e; q < t->n && (t->cp[q] == 0x3001 || t->cp[q] == 0x30FB);) {
			size_t r = kanji_run_end(t, q + 1);
			if (!person_covers(c, q + 1, r, budget))
				pii__cand_add(c, t, q + 1, r, PII_PERSON, 0.75);
			q = r;
		}
	}
	if (signed_end) {
		if (!person_covers(c, s, signed_end, budget))
			pii__cand_add(c, t, s, signed_end, PII_PERSON, 0.8);
		return;
	}
	if (person_covers(c, s, e, budget))
		return;
	pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

/* A full name whose surname MeCab cut inside its kanji run (児童氏名 吉川
 * 結|翔 found as 翔, 𠮷|田 恵 as 田 恵, eighth round): the candidate starts
 * inside a run of 2-3 kanji that opens after a space, a colon, 、 or a
 * line's start; with a space inside the candidate (田 恵) the run is its
 * surname, without one (翔) the run is a given name ENAMDICT lists, after a
 * surname it lists and a space. */
static void names_cut_in_runs(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start;
		if (v->type != PII_PERSON || s == 0 || !pii__is_kanji(t->cp[s]) ||
		    !pii__is_kanji(t->cp[s - 1]))
			continue;
		size_t g = s;
		while (g > 0 && pii__is_kanji(t->cp[g - 1]) && s - g < 3)
			g--;
		size_t sp = s;
		while (sp < v->end && t->cp[sp] != ' ')
			sp++;
		if (!name_opens_after(t, g) || kanji_run_end(t, g) - g > 3 ||
		    word_exact(t, g, kanji_run_end(t, g), not_surnames))
			continue;
		if (sp < v->end) {
			/* only a surname cut to one kanji (田 恵; not 父|坂井 茂) */
			if (sp - g >= 2 && sp - g <= 3 && sp - s == 1)
				pii__span_set(v, t, g, v->end);
			continue;
		}
		/* a surname alone after a field's colon, cut (担当保健師：今給|黎,
		 * ninth round) */
		if (g > 0 && t->cp[g - 1] == ':' && kanji_run_end(t, g) == v->end &&
		    v->end - g >= 2 && bare_surname(names, t, g, v->end)) {
			pii__span_set(v, t, g, v->end);
			continue;
		}
		if (v->end - g < 2 || v->end - g > 3 || kanji_run_end(t, g) != v->end ||
		    !(pii__names_lookup(names, t->cp + g, v->end - g) & (PII_NAME_GIVEN | PII_NAME_PERSON_U)) ||
		    g < 3 || t->cp[g - 1] != ' ')
			continue;
		size_t a = kanji_before(t, g - 1);
		if (name_opens_after(t, a) && bare_surname(names, t, a, g - 1))
			pii__span_set(v, t, a, v->end);
	}
}

/* The start of a staff title ending at b and starting at lo or after, or
 * 0: only where the last code point ends a title (長, 員, 査, 任, 事, 幹,
 * 師, 君, 佐). */
static size_t title_start_before(const struct pii__text *t, size_t lo, size_t b)
{
	switch (t->cp[b - 1]) {
	case 0x9577: case 0x54E1: case 0x67FB: case 0x4EFB: case 0x4E8B: case 0x5E79:
	case 0x5E2B: case 0x541B: case 0x4F50:
		break;
	default:
		return 0;
	}
	size_t m = pii__ends_with(t, lo, b, staff_titles);
	return m ? b - m : 0;
}

/* Labels of a line listing staff by their surnames (徴収職員：黒住、難波江,
 * 出席者：子ども総合センター 末永、保健福祉課 吉田), by their last words. */
static const char *const staff_list_labels[] = {"職員", "担当者", "訪問者", "同行者", "出席者",
						"出席", "欠席者", "欠席", "対応者", "訪問員",
						"調査員", "委員", "参加者", "参加", NULL};

/* The kanji run [a, lb) ends with a word of staff_list_labels. */
static int staff_label_ends_at(const struct pii__text *t, size_t a, size_t lb)
{
	uint32_t last = t->cp[lb - 1];
	if (last != 0x54E1 /* 員 */ && last != 0x8005 /* 者 */ && last != 0x5E2D /* 席 */ &&
	    last != 0x52A0 /* 加: 参加, a meeting's record (twenty-third round) */)
		return 0;
	return pii__ends_with(t, a, lb, staff_list_labels) != 0;
}

/* The items of a staff list from s to the line's end, separated by 、 or
 * ・: each item's last word, after a unit and a space or alone, is a
 * surname ENAMDICT lists (2-3 kanji) ending the item (、, ・, （, the
 * line's end); one kanji after ・ and a surname found (加藤・森, batches
 * 210-217). */
static void staff_list(const struct pii__names *names, const struct pii__text *t,
		       struct pii__cands *c, size_t s, size_t *budget)
{
	size_t items = 0, surnames = 0, glued[4][2], nglued = 0;
	int named = 0; /* the item before was taken as a surname */
	for (size_t i = s; i <= t->n && items < 16; i++) {
		uint32_t ch = i < t->n ? t->cp[i] : '\n';
		if (ch != 0x3001 && ch != 0x30FB && ch != '\n' && ch != '(' && !pii__is_boundary(ch))
			continue;
		size_t w = i;
		while (w > s && pii__is_kanji(t->cp[w - 1]) && i - w <= 3)
			w--;
		items++;
		/* after a name found and a space the word is that name's last
		 * part (上田 マリア 恵美), no surname of its own */
		int name_before = 0;
		for (size_t q = 0; q < c->n && w > s && t->cp[w - 1] == ' ' && !name_before; q++)
			name_before = c->v[q].type == PII_PERSON && c->v[q].end == w - 1;
		int one = i - w == 1 && w == s && w > 0 && t->cp[w - 1] == 0x30FB && named;
		int took = 0;
		int surname = ((i - w >= 2 && i - w <= 3) || one) &&
			      (w == s || t->cp[w - 1] == ' ' || t->cp[w - 1] == 0x3001) &&
			      !name_before && bare_surname(names, t, w, i);
		if (surname && !person_covers(c, w, i, budget)) {
			pii__cand_add(c, t, w, i, PII_PERSON, 0.75);
			took = 1;
		}
		surnames += surname;
		/* a surname, a unit and a title written together as the item
		 * (出席：栗原福祉部長、高齢福祉課 平塚; batches 346-353), as a
		 * speaker of minutes writes them (speaker_line()); kept when
		 * the list names someone by a surname alone too (not 出席：…
		 * 助産師会代表、汐見島診療所長, a list of roles) */
		size_t ts;
		if (!took && nglued < 4 && i - s >= 6 && i - s <= 20 &&
		    all_kanji_between(t, s, i) && (ts = title_start_before(t, s + 4, i)) != 0) {
			for (size_t l = 3; l >= 2 && !took; l--)
				if (ts - s >= l + 2 && bare_surname(names, t, s, s + l)) {
					glued[nglued][0] = s;
					glued[nglued++][1] = s + l;
					took = 1;
				}
		}
		named = took;
		if (ch == '\n' || pii__is_boundary(ch))
			break;
		if (ch == '(') {
			/* the bracket's note, up to its end */
			while (i < t->n && t->cp[i] != ')' && t->cp[i] != '\n')
				i++;
			s = i + 1;
			if (s < t->n && t->cp[s] == 0x3001)
				s++, i++;
			continue;
		}
		s = i + 1;
	}
	for (size_t g = 0; surnames && g < nglued; g++)
		if (!person_covers(c, glued[g][0], glued[g][1], budget))
			pii__cand_add(c, t, glued[g][0], glued[g][1], PII_PERSON, 0.75);
}

static void chat_speaker_at(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c, size_t a, size_t *budget);

/* A chat log's line: a time in square brackets opening the line (with a
 * tool's name or a date before it: [Teams 11/19 10:22]), a space, and a
 * surname ENAMDICT lists before a colon ([10:25] 河野：よろしく), eighth
 * round. */
static void chat_speaker(const struct pii__names *names, const struct pii__text *t,
			 struct pii__cands *c, size_t q, size_t *budget)
{
	size_t e = q + 1;
	int clock = 0;
	while (e < t->n && t->cp[e] != ']' && t->cp[e] != '\n' && e - q <= 24) {
		clock |= t->cp[e] == ':' && e > q + 1 && pii__is_digit(t->cp[e - 1]) && e + 1 < t->n &&
			 pii__is_digit(t->cp[e + 1]);
		e++;
	}
	if (!clock || e >= t->n || t->cp[e] != ']')
		return;
	size_t a = e + 1;
	while (a < t->n && t->cp[a] == ' ' && a - e <= 2)
		a++;
	chat_speaker_at(names, t, c, a, budget);
}

/* The last word of a time-stamped chat line's label before its colon,
 * after one to three words and spaces ([09:15] 係長 中川:, [7:05] 選管 杉浦:,
 * [10:12] 期日前 第1会場 清水:; thirteenth round (a); a role's abbreviation
 * in capitals too, [14:30] CW 上野:, sixteenth round (a)): a chat names its
 * speaker after the speaker's role, unit or place, whatever those words
 * are. The word's start, or a when the label has no space. */
static size_t chat_label_last_word(const struct pii__text *t, size_t a)
{
	size_t k = a, last = a, spaces = 0;
	while (k < t->n && k - a <= 24 && t->cp[k] != ':' && t->cp[k] != '\n') {
		uint32_t ch = t->cp[k];
		if (ch == ' ') {
			if (k == last || ++spaces > 3)
				return a;
			last = k + 1;
		} else if (ch >= 'A' && ch <= 'Z' && k == last) {
			/* a role's abbreviation in capitals (CW, SW, PHN, MSW:
			 * [14:30] CW 上野：, sixteenth round (a)): two to four
			 * capitals and a space */
			size_t w = k;
			while (w < t->n && t->cp[w] >= 'A' && t->cp[w] <= 'Z' && w - k < 5)
				w++;
			if (w - k < 2 || w - k > 4 || w >= t->n || t->cp[w] != ' ')
				return a;
			k = w;
			continue;
		} else if (!(pii__is_kanji(ch) || pii__is_kata(ch) || pii__is_hira(ch) ||
			     pii__is_digit(ch))) {
			return a; /* a sentence's mark or a bracket: no label of words */
		}
		k++;
	}
	return k < t->n && t->cp[k] == ':' && last < k ? last : a;
}

/* Whether the unit in brackets t->cp[o..k) (its brackets included, a
 * colon after) follows a PERSON candidate elsewhere in the text: the
 * log's other speaker of that unit, found by the rule below. */
static int bracket_of_speaker_found(const struct pii__text *t, const struct pii__cands *c,
				    size_t o, size_t k)
{
	size_t len = k - o + 1;
	for (size_t q = 0; q < c->n; q++) {
		size_t e = c->v[q].end;
		if (c->v[q].type == PII_PERSON && e != o && e + len <= t->n &&
		    !memcmp(t->cp + e, t->cp + o, len * sizeof(uint32_t)))
			return 1;
	}
	return 0;
}

/* The last kanji of a unit's name (課, 係, 室, 所, 局, 班), or of an
 * association's (自治会, 町内会; 協 of the short names 社協, 農協, 生協:
 * [8:44] 森（社協）：, batches 418-421): a member speaks for it. */
static int speaker_unit_end(uint32_t u)
{
	return u == 0x8AB2 || u == 0x4FC2 || u == 0x5BA4 || u == 0x6240 || u == 0x5C40 ||
	       u == 0x73ED || u == 0x4F1A /* 会 */ || u == 0x5354 /* 協 */;
}

/* The speaker of a chat line from a (after its time): 1-3 kanji ENAMDICT
 * lists as a surname, then a colon, or a section in brackets and a
 * colon; or the last word of the label, after its role or unit
 * (chat_label_last_word()). */
static void chat_speaker_at(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c, size_t a, size_t *budget)
{
	a = chat_label_last_word(t, a);
	size_t b = a;
	while (b < t->n && pii__is_kanji(t->cp[b]) && b - a <= 3)
		b++;
	/* a unit or a section in brackets may stand between the surname and
	 * the colon ([10:02] 二宮（納税）: …, tenth round): 1-8 code points,
	 * no digit */
	size_t k = b;
	if (k < t->n && t->cp[k] == '(' && b - a >= 1) {
		size_t r = k + 1;
		while (r < t->n && r - k <= 9 && t->cp[r] != ')' && t->cp[r] != '\n' &&
		       !pii__is_digit(t->cp[r]))
			r++;
		if (r < t->n && t->cp[r] == ')' && r > k + 1)
			k = r + 1;
	}
	/* or a bracket that names a unit, a space allowed in it ([09:14]
	 * 関（区民生活課）:, [08:45] 菅（若林区 保健福祉センター）:;
	 * twenty-eighth round (a)): the unit says the one kanji is its
	 * member, the speaker found alone */
	int unit = 0;
	if (b - a == 1 && b < t->n && t->cp[b] == '(') {
		size_t r = b + 1;
		while (r < t->n && r - b <= 16 && t->cp[r] != ')' && t->cp[r] != '\n' &&
		       !pii__is_digit(t->cp[r]) && t->cp[r] != '(')
			r++;
		/* or a duty's word ends it ([13:14] 林（寮管理）:, 関（窓口担当）:;
		 * batches 378-381): a staff member's duty, as a unit is */
		if (r + 1 < t->n && t->cp[r] == ')' && t->cp[r + 1] == ':' && r >= b + 3 &&
		    (speaker_unit_end(t->cp[r - 1]) || pii__match(t, r - 4, "センター") ||
		     pii__match(t, r - 2, "管理") == 2 || pii__match(t, r - 2, "担当") == 2 ||
		     pii__match(t, r - 2, "当番") == 2)) {
			k = r + 1;
			unit = 1;
		}
	}
	if (b - a == 1 && k > b && k < t->n && t->cp[k] == ':' &&
	    !word_exact(t, a, b, one_kanji_not_surnames) &&
	    (unit || bracket_of_speaker_found(t, c, b, k))) {
		/* one kanji before a unit in brackets that another speaker
		 * found writes too ([14:05] 岡（保護係）: after 山本（保護係）:;
		 * twenty-fourth round (a)) */
		if ((pii__names_lookup(names, t->cp + a, 1) & PII_NAME_SURNAME) &&
		    !person_covers(c, a, b, budget))
			pii__cand_add(c, t, a, b, PII_PERSON, 0.8);
		return;
	}
	if (b - a < 1 || b - a > 3 || k >= t->n || t->cp[k] != ':' || (b - a == 1 && k > b) ||
	    !bare_surname(names, t, a, b) ||
	    person_covers(c, a, b, budget))
		return;
	pii__cand_add(c, t, a, b, PII_PERSON, 0.8);
}

/* Markers that open a speaker's line in minutes (○議長, ◯委員). */
static int speaker_marker(uint32_t c)
{
	return c == 0x25CB /* ○ */ || c == 0x25EF /* ◯ */ || c == 0x3007 /* 〇 */ ||
	       c == 0x25CF /* ● */ || c == 0x25CE /* ◎ */;
}

/* A speaker of minutes named in brackets after the title (○子育て支援課長
 * （松下昌弘）, ○委員長（戸田 誠）, tenth round): after the marker, a unit
 * and a title of staff_titles (kanji and hiragana, up to 20 code points),
 * then in brackets a surname ENAMDICT lists (2-3 kanji) and a given name
 * of 1-3 kanji, written together or after a space. */
static void titled_speaker_bracket(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c, size_t a, int marker, size_t *budget)
{
	size_t o = a;
	while (o < t->n && o - a < 20 &&
	       (pii__is_kanji(t->cp[o]) || pii__is_hira(t->cp[o]) ||
		(marker && pii__is_kata(t->cp[o]))))
		o++;
	if (o >= t->n || t->cp[o] != '(' || o - a < 2)
		return;
	int office = pii__match(t, o - 3, "事務局") == 3;
	int titled = office || title_start_before(t, a, o);
	size_t s = o + 1, sp = kanji_run_end(t, s), e = sp;
	/* the surname alone in the brackets, the speech after a colon or a
	 * space (○市民課長（中川）　…, ○事務局（菅）：…; twenty-eighth round
	 * (a)): the marker and the title say a member speaks; the marker
	 * and a unit alone too (○水産課（熊谷）：…, ○地域包括支援センター港町
	 * （杉山）　…), and a title opening a line without a marker before a
	 * colon (課長（中川）：…; batches 234-249) */
	int alone = marker ? 1 : titled && sp + 1 < t->n && t->cp[sp + 1] == ':';
	if (alone && sp > s && sp - s <= 3 && sp + 1 < t->n && t->cp[sp] == ')' &&
	    (t->cp[sp + 1] == ':' || t->cp[sp + 1] == ' ') && name_word_alone(names, t, s, sp)) {
		if (!person_covers(c, s, sp, budget))
			pii__cand_add(c, t, s, sp, PII_PERSON, 0.85);
		return;
	}
	if (office || !titled || !marker)
		return;
	if (sp < t->n && t->cp[sp] == ' ')
		e = kanji_run_end(t, sp + 1);
	if (e >= t->n || t->cp[e] != ')' || e - s < 3 || e - s > 7)
		return;
	for (size_t l = 3; l >= 2; l--) {
		size_t g = s + l == sp ? sp + 1 : s + l;
		if (s + l > sp || e - g < 1 || e - g > 3 || !bare_surname(names, t, s, s + l))
			continue;
		if (person_covers(c, s, e, budget))
			return;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
		return;
	}
}


/* Whether the line before the one at ls is a speaker's of minutes written
 * without markers: a PERSON candidate opens it, then a title of
 * staff_titles (after a unit's kanji or none) and a space before the
 * speech (岩切 博之委員長　…, then 吉田危機管理課長　…; batches 418-421).
 * The one before it says the line at ls is a speaker's too, where a space
 * alone after a title would not (a heading 危機管理課長 挨拶). */
static int speaker_line_before(const struct pii__text *t, const struct pii__cands *c, size_t ls,
			       size_t *budget)
{
	if (ls < 2 || t->cp[ls - 1] != '\n' || *budget == 0)
		return 0;
	(*budget)--;
	size_t p = ls - 1;
	while (p > 0 && t->cp[p - 1] != '\n' && ls - p <= 40)
		p--;
	if (p > 0 && t->cp[p - 1] != '\n')
		return 0;
	/* the text first: a title before a space on the line (of 40 code
	 * points at most), or no speaker opens it (most lines; the list of
	 * candidates is walked only then) */
	int titled = 0;
	for (size_t sp = p + 1; sp < ls && !titled; sp++)
		titled = t->cp[sp] == ' ' && title_start_before(t, p, sp) != 0;
	if (!titled)
		return 0;
	for (size_t k = 0; k < c->n; k++) {
		if (c->v[k].type != PII_PERSON || c->v[k].start != p)
			continue;
		size_t e = c->v[k].end, q = e;
		while (q < ls && pii__is_kanji(t->cp[q]) && q - e < 12)
			q++;
		if (q > e && q < ls && t->cp[q] == ' ' && title_start_before(t, e, q))
			return 1;
	}
	return 0;
}

/* Speakers of minutes (eighth round): a line opening (after ○ and the
 * like) with a surname ENAMDICT lists, then a unit and a title written
 * together (○松岡保育企画課長　…, 高橋学校給食課長：…), or a given name
 * after a space and a title (戸次 あゆみ委員：…), the line going on after a
 * space, a colon or a bracket. The surname, or the whole name. */
static void speaker_line(const struct pii__names *names, const struct pii__text *t,
			 struct pii__cands *c, size_t ls, size_t *budget)
{
	size_t a = ls;
	int marker = 0;
	while (a < t->n && (speaker_marker(t->cp[a]) || t->cp[a] == ' ') && a - ls < 3)
		marker |= speaker_marker(t->cp[a++]);
	if (a < t->n && t->cp[a] == '[') {
		chat_speaker(names, t, c, a, budget);
		return;
	}
	/* a chat tool's name in round brackets opening the line ((Teams) 藤井：…,
	 * (LINE WORKS) 有泉：…): Latin letters and spaces only, as a tool's
	 * name is written; the speaker after it as after a time */
	if (a < t->n && t->cp[a] == '(') {
		size_t r = a + 1;
		while (r < t->n && r - a <= 13 && (pii__is_alpha(t->cp[r]) || t->cp[r] == ' '))
			r++;
		if (r < t->n && t->cp[r] == ')' && r - a >= 3 && pii__is_alpha(t->cp[a + 1])) {
			r++;
			while (r < t->n && t->cp[r] == ' ' && r - a <= 15)
				r++;
			/* a speaker of one kanji needs more than the tool's name
			 * ((Teams)福祉課 北： names a district) */
			size_t colon = r;
			while (colon < t->n && colon - r < 24 && t->cp[colon] != ':' &&
			       t->cp[colon] != '\n')
				colon++;
			if (colon < t->n && t->cp[colon] == ':' &&
			    !(colon >= r + 1 && pii__is_kanji(t->cp[colon - 1]) &&
			      (colon == r + 1 || !pii__is_kanji(t->cp[colon - 2]))))
				chat_speaker_at(names, t, c, r, budget);
		}
		return;
	}
	/* a time without brackets (10:02 二宮（納税）：…, tenth round) */
	if (a + 5 < t->n && pii__is_digit(t->cp[a])) {
		size_t q = a + 1 + pii__is_digit(t->cp[a + 1]);
		if (t->cp[q] == ':' && pii__is_digit(t->cp[q + 1]) && q + 3 < t->n &&
		    pii__is_digit(t->cp[q + 2]) && t->cp[q + 3] == ' ')
			chat_speaker_at(names, t, c, q + 4, budget);
		return;
	}
	if (a >= t->n || !pii__is_kanji(t->cp[a]))
		return;
	titled_speaker_bracket(names, t, c, a, marker, budget);
	size_t b = a + 1;
	while (b < t->n && b - a < 8 && pii__is_kanji(t->cp[b]))
		b++;
	if (b >= t->n)
		return;
	/* a council's minutes too: its members and officials are named as in
	 * any minutes (the blind writers label them, as their brief says;
	 * batches 239, 285 and 303, against eval_blind148 written earlier,
	 * which left a council's unlabelled) */
	int minutes = marker;
	/* one kanji and a member's title after the marker, then a colon or a
	 * space (○東委員：…): a direction's kanji too, the title makes it a
	 * member's surname; not 前, 元 (○前会長, a former one) */
	if (minutes && b - a >= 2 && b - a <= 4) {
		size_t m = pii__match_any(t, a + 1, staff_titles);
		if (m && a + 1 + m == b && (t->cp[b] == ':' || t->cp[b] == ' ') &&
		    bare_surname(names, t, a, a + 1) && !word_exact(t, a, a + 1, title_prefix_kanji) &&
		    (!word_exact(t, a, a + 1, one_kanji_not_surnames) ||
		     word_exact(t, a, a + 1, direction_kanji)) &&
		    !person_covers(c, a, a + 1, budget)) {
			pii__cand_add(c, t, a, a + 1, PII_PERSON, 0.8);
			return;
		}
	}
	/* 徴収職員：黒住、難波江; after 参加 (a meeting's record, not only
	 * staff: 参加：北浜（本庁）、南浜（支所）の両地区 names places) only
	 * when the list holds a name found already (山崎 恵（長寿支援）) */
	if (t->cp[b] == ':' && staff_label_ends_at(t, a, b) &&
	    (t->cp[b - 1] != 0x52A0 /* 加 */ ||
	     pii__person_overlaps(c, b + 1, pii__line_end(t, b + 1)))) {
		staff_list(names, t, c, b + 1, budget);
		return;
	}
	/* a surname alone after the marker, a colon after it (○武山：…;
	 * twenty-eighth round (a)): minutes name their speakers so; the
	 * words of a role or a section (○議長：, ○事務局：) are none */
	if (minutes && t->cp[b] == ':' && b - a <= 3 && name_word_alone(names, t, a, b)) {
		if (!person_covers(c, a, b, budget))
			pii__cand_add(c, t, a, b, PII_PERSON, 0.8);
		return;
	}
	/* 委員（敬称略）：堀之内、有川 (ninth round) */
	if (t->cp[b] == '(' && b + 5 < t->n && pii__match(t, b + 1, "敬称略") &&
	    t->cp[b + 4] == ')' && t->cp[b + 5] == ':' && staff_label_ends_at(t, a, b)) {
		staff_list(names, t, c, b + 6, budget);
		return;
	}
	if (t->cp[b] == ' ' && b - a <= 3 && bare_surname(names, t, a, b)) {
		/* 戸次 あゆみ委員： */
		size_t g = b + 1, ge = g;
		if (g >= t->n)
			return;
		int kanji = pii__is_kanji(t->cp[g]);
		while (ge < t->n && ge - g < 6 &&
		       (kanji ? pii__is_kanji(t->cp[ge]) : pii__is_hira(t->cp[ge]) || pii__is_kata(t->cp[ge])))
			ge++;
		size_t m;
		for (size_t e = ge; e > g; e--) {
			if (!(m = pii__match_any(t, e, staff_titles)))
				continue;
			unsigned f = kanji ? pii__names_lookup(names, t->cp + g, e - g)
					   : pii__names_lookup_kana(names, t->cp + g, e - g);
			size_t after = e + m;
			if ((f & (PII_NAME_GIVEN | PII_NAME_GIVEN_KANA | PII_NAME_PERSON_U)) &&
			    after < t->n &&
			    (t->cp[after] == ':' ||
			     (marker && (t->cp[after] == ' ' || t->cp[after] == '('))))
				pii__cand_add(c, t, a, e, PII_PERSON, 0.85);
			return;
		}
		return;
	}
	/* ○松岡保育企画課長, ○石田子育て支援課長: surname, a unit of two code
	 * points at least (kanji and hiragana), a title, then a colon, a
	 * space or a bracket (a colon without ○) */
	while (b < t->n && b - a < 20 && (pii__is_kanji(t->cp[b]) || pii__is_hira(t->cp[b])))
		b++;
	if (b >= t->n ||
	    !(t->cp[b] == ':' || (marker && (t->cp[b] == ' ' || t->cp[b] == '(')) ||
	      (t->cp[b] == ' ' && speaker_line_before(t, c, ls, budget))))
		return;
	size_t tstart = title_start_before(t, a + 4, b);
	if (!tstart)
		return;
	/* 副 right before the title is the title's own (小笠原副会長：,
	 * 長谷川副議長：; batches 378-381), not the last of a unit: the kanji
	 * before it are the surname whole, never a shorter one and a unit
	 * (小笠 and 原副) */
	if (t->cp[tstart - 1] == 0x526F /* 副 */) {
		tstart--;
		if (tstart - a >= 2 && tstart - a <= 3 && bare_surname(names, t, a, tstart)) {
			if (!person_covers(c, a, tstart, budget))
				pii__cand_add(c, t, a, tstart, PII_PERSON, 0.8);
			return;
		}
	}
	for (size_t l = 3; l >= 2; l--)
		if (tstart - a >= l + 2 && bare_surname(names, t, a, a + l) &&
		    /* two kanji of parts or directions open a unit's word
		     * (上下水道部長：, 東西線, 内外; batches 346-353), though
		     * ENAMDICT lists 上下 as a surname */
		    !(l == 2 && word_exact(t, a, a + 1, one_kanji_not_surnames) &&
		      word_exact(t, a + 1, a + 2, one_kanji_not_surnames)) &&
		    !person_covers(c, a, a + l, budget)) {
			pii__cand_add(c, t, a, a + l, PII_PERSON, 0.8);
			return;
		}
}

/* A surname and a given name in hiragana written together before an
 * honorific or a title (宮本さとみ君, 山田はなこさん): the honorific starts
 * at h (of length hl); before it 2-4 hiragana ENAMDICT reads as a given
 * name, before them 1-3 kanji it lists as a surname after no kanji. */
static void glued_kana_given(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c, size_t h, size_t hl, size_t *budget)
{
	size_t g = h;
	while (g > 0 && pii__is_hira(t->cp[g - 1]) && h - g <= 4)
		g--;
	if (h - g < 2 || h - g > 4 || g == 0 || !pii__is_kanji(t->cp[g - 1]))
		return;
	size_t a = kanji_before(t, g);
	if (g - a > 3 || (a > 0 && pii__is_kanji(t->cp[a - 1])))
		return;
	/* not a building's name (塚口さんさんタウン) */
	if (h + hl < t->n && pii__is_kata(t->cp[h + hl]))
		return;
	if ((pii__names_lookup_kana(names, t->cp + g, h - g) & PII_NAME_GIVEN_KANA) &&
	    !pii__is_word(t, g, h, kana_not_given) && bare_surname(names, t, a, g) &&
	    !person_covers(c, a, h, budget))
		pii__cand_add(c, t, a, h, PII_PERSON, 0.85);
}

/* The length of an honorific or a member's title at i that a glued given
 * name may precede (君, 様, さん, くん, ちゃん, 議員, 委員), or 0. */
static size_t glued_honorific_at(const struct pii__text *t, size_t i)
{
	uint32_t ch = t->cp[i], nx = i + 1 < t->n ? t->cp[i + 1] : 0;
	if (ch == 0x541B /* 君 */ || ch == 0x69D8 /* 様 */)
		return 1;
	if (nx == 0x3093 /* ん */ && (ch == 0x3055 /* さ */ || ch == 0x304F /* く */))
		return 2;
	if (ch == 0x3061 /* ち */ && nx == 0x3083 /* ゃ */)
		return 3;
	if (nx == 0x54E1 /* 員 */ && (ch == 0x8B70 /* 議 */ || ch == 0x59D4 /* 委 */))
		return 2;
	return 0;
}

/* The low bytes of the code points where a rule of the eighth round may
 * start: a line's end, a bracket, a comma, a space, の, は, the first code
 * points of glued_honorific_at()'s words (君, 様, さ, く, ち, 議, 委). */
static const uint8_t eighth_cue_low[256] = {
	['\n'] = 1, ['('] = 1, [','] = 1, [' '] = 1, [0x6E] = 1, [0x6F] = 1, [0x1B] = 1,
	[0xD8] = 1, [0x55] = 1, [0x4F] = 1, [0x61] = 1, [0x70] = 1, [0xD4] = 1,
};

static void taker_bracket_kana(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c, size_t o, size_t *budget);
static void latin_given_dated(const struct pii__text *t, struct pii__cands *c, size_t o,
			      size_t *budget);
static void chan_given(const struct pii__names *names, const struct pii__text *t,
		       struct pii__cands *c, size_t i, size_t *budget);
static void spaced_name_after_role(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c, size_t i, size_t *budget);
static void names_ninth_at(const struct pii__names *names, const struct pii__text *t,
			   struct pii__cands *c, size_t i, int colon, size_t *budget);
static void names_ninth_after(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c, size_t *budget);
static void speaker_with_role(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c, size_t ls, size_t *budget);
static void polite_relative_named(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c, size_t i, size_t *budget);
static void spaced_intro(const struct pii__names *names, const struct pii__text *t,
			 struct pii__cands *c, size_t i, size_t *budget);
static void spaced_full_intro(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c, size_t i, size_t *budget);
static void register_name_field(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c, size_t i, size_t *budget);
static void role_space_surname(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c, size_t i, size_t *budget);
static const char *const *roles_ending_in(uint32_t r);

/* The last two code points a, b of a word of polite_relations (さん after
 * 娘, 子, 嬢, 那, 奥, 孫, 母, 父; 奥様, 主人, 父親, 母親, 長男…): one test
 * for most の (田中さんの is none). */
static inline int polite_relation_end(uint32_t a, uint32_t b)
{
	switch (b) {
	case 0x3093: /* ん */
		return a == 0x3055; /* さ: the word is checked in full after */
	case 0x69D8: /* 様 */
		return a == 0x5965; /* 奥 */
	case 0x4EBA: /* 人 */
		return a == 0x4E3B; /* 主 */
	case 0x89AA: /* 親 */
		return a == 0x7236 || a == 0x6BCD; /* 父, 母 */
	case 0x7537: /* 男 */
	case 0x5973: /* 女 */
		return a == 0x9577 || a == 0x6B21; /* 長, 次 */
	default:
		return 0;
	}
}

/* The low bytes of the ninth round's cues: a line's end, a colon, a
 * bracket, 」, 家 and the first code points of the relations (の is the
 * eighth round's cue). */
static const uint8_t ninth_cue_low[256] = {
	[0x09] = 1, [0x0A] = 1, [0x0D] = 1, [0x18] = 1, [0x1F] = 1, [0x21] = 1, [0x28] = 1,
	[0x2B] = 1, [0x36] = 1, [0x3A] = 1, [0x44] = 1, [0x56] = 1, [0x6B] = 1, [0x6F] = 1,
	[0x77] = 1, [0x8C] = 1, [0xB6] = 1, [0xB9] = 1, [0xBB] = 1, [0xC9] = 1, [0xCD] = 1,
};

/* The first position from i whose code point's low byte is marked in
 * map (or t->n): the tight loop a rule's walk skips its non-cues with (the
 * text's array and length in registers, not reloaded around the rule's
 * calls). */
static inline size_t skip_to_low_cue(const struct pii__text *t, size_t i, const uint8_t *map)
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	while (i < n && !map[cp[i] & 0xFF])
		i++;
	return i;
}

/* Either round's cues: the one load of the shared pass. */
static const uint8_t name_cue_low[256] = {
	[0x09] = 1, [0x0A] = 1, [0x0D] = 1, [0x18] = 1, [0x1B] = 1, [0x1F] = 1, [0x20] = 1,
	[0x21] = 1, [0x28] = 1, [0x2B] = 1, [0x2C] = 1, [0x36] = 1, [0x3A] = 1, [0x44] = 1,
	[0x4F] = 1, [0x55] = 1, [0x56] = 1, [0x61] = 1, [0x6B] = 1, [0x6E] = 1, [0x6F] = 1,
	[0x70] = 1, [0x77] = 1, [0x8C] = 1, [0xB6] = 1, [0xB9] = 1, [0xBB] = 1, [0xC9] = 1, [0xCD] = 1,
	[0xD4] = 1, [0xD8] = 1,
};

/* The eighth round's names: one pass over the code points, each rule
 * tried only where its cue stands (a line's start, a bracket, a row's
 * separator, の, は or a space, an honorific after hiragana); at most
 * EIGHTH_CHECKS_MAX comparisons with the whole candidate list per text. */
static void names_eighth_round(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	names_cut_in_runs(names, t, c);
	size_t budget = EIGHTH_CHECKS_MAX;
	/* a speaker's line needs a colon after the title or a marker */
	int speakers = pii__may_have(t, ':') || pii__may_have(t, 0x25CB) ||
		       pii__may_have(t, 0x25EF) || pii__may_have(t, 0x3007) ||
		       pii__may_have(t, 0x25CF) || pii__may_have(t, 0x25CE) ||
		       /* or minutes without either: a title's 長 or 員 and a
			* speaker on the line before (speaker_line_before()) */
		       pii__may_have(t, 0x9577) || pii__may_have(t, 0x54E1);
	if (speakers)
		speaker_line(names, t, c, 0, &budget);
	/* the ninth round's rules in the same pass (their own budget) */
	size_t budget9 = EIGHTH_CHECKS_MAX;
	int colon = pii__may_have(t, ':');
	if (colon)
		speaker_with_role(names, t, c, 0, &budget9);
	for (size_t i = 0; i < t->n; i++) {
		i = skip_to_low_cue(t, i, name_cue_low); /* most code points: one load */
		if (i >= t->n)
			break;
		uint32_t ch = t->cp[i];
		size_t hl;
		if (ninth_cue_low[ch & 0xFF])
			names_ninth_at(names, t, c, i, colon, &budget9);
		/* 子涵ちゃん, 浩宇くん (tenth round) */
		if ((ch == 0x3061 /* ち */ || ch == 0x304F /* く */) && i >= 2 &&
		    (pii__is_kanji(t->cp[i - 1]) || pii__is_kata(t->cp[i - 1])))
			chan_given(names, t, c, i, &budget9);
		if (!eighth_cue_low[ch & 0xFF])
			continue;
		if (ch < 0x80) {
			if (ch == '\n' && speakers)
				speaker_line(names, t, c, i + 1, &budget);
			else if (ch == '(')
				name_before_person_bracket(names, t, c, i, &budget);
			else if (ch == ',' || ch == ' ') {
				if (row_cell_sep(t, i))
					name_cells_at(names, t, c, i);
				if (ch == ' ' && i > 0 && pii__is_kanji(t->cp[i - 1])) {
					surname_after_unit_at(names, t, c, i, &budget);
					spaced_full_intro(names, t, c, i, &budget9);
					if (i + 1 < t->n && pii__is_kanji(t->cp[i + 1]))
						spaced_name_after_role(names, t, c, i, &budget9);
				}
				else if (ch == ' ' && i > 0 && pii__is_hira(t->cp[i - 1]))
					spaced_intro(names, t, c, i, &budget9);
				if (ch == ' ' && i > 0 && (t->cp[i - 1] == 0x540D || t->cp[i - 1] == 0x6C0F ||
							   t->cp[i - 1] == 0x59D3))
					register_name_field(names, t, c, i, &budget9);
				/* ヘルパー 松下（…）: a role ends in ー, ネ, 師, 員, 医, 任, 直, W or M;
				 * a kanji surname follows */
				if (ch == ' ' && i > 1 && i + 2 < t->n && pii__is_kanji(t->cp[i + 1]) &&
				    roles_ending_in(t->cp[i - 1]))
					role_space_surname(names, t, c, i, &budget9);
			}
		} else if (ch == 0x306E /* の */ || ch == 0x306F /* は */) {
			surname_after_unit_at(names, t, c, i, &budget);
			/* ご主人の正人様 (ninth round) */
			if (ch == 0x306E && i >= 2 && polite_relation_end(t->cp[i - 2], t->cp[i - 1]))
				polite_relative_named(names, t, c, i, &budget9);
		} else if (i >= 3 && pii__is_hira(t->cp[i - 1]) && (hl = glued_honorific_at(t, i)) != 0) {
			glued_kana_given(names, t, c, i, hl, &budget);
		}
	}
	names_ninth_after(names, t, c, &budget9);
}

/* ---- names of the ninth round -------------------------------------------- */

#define NINTH_REPEAT_SOURCES_MAX 16 /* full names whose given name is looked for again */
_Static_assert(NINTH_REPEAT_SOURCES_MAX <= REPEAT_WORDS_MAX, "repeats_find() takes them all");

/* What may follow a name written alone in running text: a particle, an
 * honorific, a bracket, punctuation, a line's end. */
static int alone_name_follow(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	uint32_t c = t->cp[e];
	return c == '(' || c == 0x3001 || c == ',' || pii__is_boundary(c) || c == 0x300D ||
	       kanji_honorific(c) || pii__match_any(t, e, given_particles) ||
	       pii__match_any(t, e, kana_honorifics);
}

/* 1 when a sentence or a clause starts at i: the text's or a line's start,
 * 。, 、 or 「 before it (twenty-third round). */
static int sentence_start_before(const struct pii__text *t, size_t i)
{
	if (i == 0)
		return 1;
	uint32_t p = t->cp[i - 1];
	return p == '\n' || p == 0x3002 || p == 0x3001 || p == 0x300C;
}

/* A given name of a full name found in the text, written again alone (件名：
 * 欠席連絡（榎園 陽斗）… 陽斗が朝から…): the same person. The full name is a
 * surname of 1-3 kanji, a space and a given name of 1-3 kanji or 2-4 kana;
 * the repeat stands apart from the code points of its script and a
 * particle, an honorific or punctuation follows it. */
static void given_repeats_in(const struct pii__text *t, struct pii__cands *c, size_t a, size_t z,
			     const size_t *idx, size_t n, size_t *budget)
{
	/* the sources first (the candidates idx[0..n), or the first n: the
	 * names added below change none), their repeats in one pass, then
	 * each source's repeats in the order of a walk for each */
	size_t sources = 0;
	size_t from[NINTH_REPEAT_SOURCES_MAX], len_of[NINTH_REPEAT_SOURCES_MAX];
	int kanji_of[NINTH_REPEAT_SOURCES_MAX];
	enum kana_script ks_of[NINTH_REPEAT_SOURCES_MAX];
	for (size_t j = 0; j < n && sources < NINTH_REPEAT_SOURCES_MAX; j++) {
		const struct pii_span *v = &c->v[idx ? idx[j] : j];
		size_t s = v->start, sp = s;
		if (v->type != PII_PERSON)
			continue;
		while (sp < v->end && pii__is_kanji(t->cp[sp]))
			sp++;
		if (sp == s || sp - s > 3 || sp + 1 >= v->end || t->cp[sp] != ' ')
			continue;
		size_t g = sp + 1, len = v->end - g;
		enum kana_script ks = script_of(t->cp[g]);
		int kanji = pii__is_kanji(t->cp[g]);
		if ((kanji && (len > 3 || !all_kanji_between(t, g, v->end))) ||
		    (!kanji && (ks == KS_NONE || ks == KS_HALF || len < 2 || len > 4)))
			continue;
		int same = 1;
		for (size_t q = g; q < v->end && same; q++)
			same = kanji ? pii__is_kanji(t->cp[q]) : script_of(t->cp[q]) == ks;
		if (!same || word_exact(t, g, v->end, not_surnames) ||
		    (!kanji && pii__is_word(t, g, v->end, kana_not_given)))
			continue;
		from[sources] = g;
		len_of[sources] = len;
		kanji_of[sources] = kanji;
		ks_of[sources] = ks;
		sources++;
	}
	if (!sources)
		return;
	struct repeats r;
	repeats_find(t, a, z, from, len_of, sources, &r);
	for (size_t j = 0; j < sources; j++) {
		size_t len = len_of[j];
		int kanji = kanji_of[j];
		enum kana_script ks = ks_of[j];
		for (size_t h = r.first[j]; h < r.first[j + 1]; h++) {
			size_t i = r.at[h];
			if (from[j] < a && i - from[j] > GIVEN_REPEAT_NEAR)
				continue;
			uint32_t p = i ? t->cp[i - 1] : '\n';
			if (kanji ? pii__is_kanji(p) : (script_of(p) == ks && p != 0x306E /* の */))
				continue;
			if (i + len < t->n && (kanji ? pii__is_kanji(t->cp[i + len]) &&
							       !kanji_honorific(t->cp[i + len])
						     : 0) )
				continue;
			/* a given name of one kanji (剛, 蓮) is the subject of a
			 * sentence only: a sentence's or a clause's start before
			 * it, a particle after it (…。剛は不在。); elsewhere one
			 * kanji is a word's */
			if (len == 1 && !(sentence_start_before(t, i) &&
					  pii__match_any(t, i + 1, given_particles)))
				continue;
			if (!alone_name_follow(t, i + len) || person_covers(c, i, i + len, budget))
				continue;
			pii__cand_add(c, t, i, i + len, PII_PERSON, 0.75);
		}
	}
	free(r.at);
}

/* Part by part, as surname_repeats(): a document's first texts' full names
 * took the sixteen sources, and 勇次は…, 裕美が… of a later text, found in
 * it alone, were lost; and a given name of one pasted text is no evidence
 * for the same word in another. Earlier parts count when the source is at
 * most GIVEN_REPEAT_NEAR code points back: an e-mail's subject (件名：…（陳
 * 思涵の母です）), a blank line, the greeting, a blank line and …思涵の母
 * (43 code points on), a case record's header and its first paragraph (85
 * on); not for a part of one line, a pasted line of its own: a list of
 * one-line texts lent 埼玉 代表(理事) of one to 仙台 代表 of the next, and
 * surname_again() then spread 代表 to every （代表） of the document. In the
 * labelled documents the given names another text lent were wrong as
 * often as right, and those of the text's own parts always right. */
static void given_repeats(const struct pii__text *t, struct pii__cands *c, size_t *budget)
{
	struct pii__parts g;
	if (!pii__parts_make(t, c, c->n, &g)) {
		given_repeats_in(t, c, 0, t->n, NULL, c->n, budget);
		return;
	}
	size_t *src = yk_xmalloc((c->n ? c->n : 1) * sizeof(*src));
	for (size_t p = 0, q = 0; p < g.n; p++) {
		size_t a = g.bound[2 * p];
		/* the earlier parts that end within GIVEN_REPEAT_NEAR of this one */
		while (q < p && g.bound[2 * q + 1] + GIVEN_REPEAT_NEAR < a)
			q++;
		/* the part's own sources first: a long list just before (a
		 * roster of seventeen) must not take the sixteen places; then
		 * those near its start, unless it is one line, a pasted line
		 * of its own */
		size_t m = g.first[p + 1] - g.first[p];
		memcpy(src, g.idx + g.first[p], m * sizeof(*src));
		if (pii__find_cp(t, a, '\n') < g.bound[2 * p + 1])
			for (size_t h = g.first[q]; h < g.first[p]; h++)
				if (c->v[g.idx[h]].start + GIVEN_REPEAT_NEAR >= a)
					src[m++] = g.idx[h];
		given_repeats_in(t, c, a, g.bound[2 * p + 1], src, m, budget);
	}
	free(src);
	pii__parts_release(&g);
}

/* An age or a class opens the bracket at q: a digit, 小/中/高 and a digit
 * (孫の颯太（小4）), 年長, 年中, 年少. */
static int age_or_class_at(const struct pii__text *t, size_t q)
{
	uint32_t d = t->cp[q];
	if (pii__is_digit(d))
		return 1;
	if ((d == 0x5C0F || d == 0x4E2D || d == 0x9AD8) && q + 1 < t->n)
		return pii__is_digit(t->cp[q + 1]);
	return pii__match(t, q, "年長") || pii__match(t, q, "年中") || pii__match(t, q, "年少");
}

static unsigned date_year(const struct pii__text *t, size_t s);
/* The age or class at q (age_or_class_at()) is short: a class, or an age
 * of one or two digits then 歳 or the bracket's end, not a date (長男
 * スケジュール（2025年4月1日）). */
static int short_age_or_class(const struct pii__text *t, size_t q)
{
	if (!pii__is_digit(t->cp[q]))
		return 1;
	size_t d = q;
	while (d < t->n && pii__is_digit(t->cp[d]))
		d++;
	return d - q <= 2 && d < t->n && (t->cp[d] == ')' || t->cp[d] == 0x6B73 /* 歳 */);
}


/* Words a family list writes after a child where a name could stand,
 * before a school year (長男 同居（小3）, 長女 不登校（中1）): no name. */
static const char *const child_status_words[] = {
	"同居", "別居", "在籍", "在学", "不登校", "通級", "休学", "就学", "未就学", "入学", "卒業",
	"転校", "転出", "転入", "通学", "通園", "入園", "退園", "休園", "支援", "療育", "在宅",
	"入院", "通院", "施設", "登校", "欠席", "出席", "単身", "無職", "学生", "生徒", "児童",
	"園児", NULL};

/* The last year a date in brackets after a relation's word may be in to
 * be taken for a birth date (as ROW_BIRTH_YEAR_MAX below): a date of the
 * last two years is more often a procedure's (子：転出（R7.4.1）). */
#define BRACKET_BIRTH_YEAR_MAX 2024

/* A birth date alone in brackets from q: a date of six code points or
 * more (R3.2.14, 令和3年2月14日, 2021/02/14) of a year from 1880 to
 * BRACKET_BIRTH_YEAR_MAX, then the bracket's end or 生. The date's end, or
 * 0. */
static size_t birth_in_bracket(const struct pii__text *t, size_t q)
{
	size_t de = pii__date_end(t, q);
	if (!de || de - q < 6 || de >= t->n || (t->cp[de] != ')' && t->cp[de] != 0x751F /* 生 */))
		return 0;
	unsigned y = date_year(t, q);
	/* 生 right after the date says it is a birth whatever its year: a
	 * baby's visit record is written in the year of the birth (児：心結
	 * （令和8年9月2日生）, twenty-eighth round (b)) */
	unsigned max = t->cp[de] == 0x751F ? BRACKET_BIRTH_YEAR_MAX + 10 : BRACKET_BIRTH_YEAR_MAX;
	return y >= 1880 && y <= max ? de : 0;
}

/* Words of presence glued after a relative's kanji name (娘 恵子同席):
 * never the end of a given name. */
static const char *const presence_words[] = {"同席", "同行", "同伴", "来庁", "来所", "在住",
					     "不在", NULL};
/* One kanji that, after a relation and a space and before は, is a word
 * of time or a pronoun, not a given name (母 今は入院中, 父 昔は…). */
static const char *const one_kanji_words[] = {"今", "昔", "前", "後", "先", "朝", "昼", "夜",
					      "元", "実", "他", "皆", "毎", "常", "春", "夏",
					      "秋", "冬", "私", "僕", "俺", "彼", "主", NULL};

/* A relation, one space or の, then a given name alone with nothing after
 * it but an age or a class in brackets, a line's or a cell's end (1. 村田
 * 重信（84）・妻 和子（80）, 弟の湊（1年2組）, a cell 長男浩): a given name
 * ENAMDICT lists that names no place, 1-3 kanji or 2-4 kana. */
static void relative_given_alone(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c, size_t i, size_t *budget)
{
	size_t m = pii__match_any(t, i, relatives);
	/* a child (子：…, 児：… of a baby's record) only before a birth date in
	 * brackets */
	int child = !m && (t->cp[i] == 0x5B50 /* 子 */ || t->cp[i] == 0x5150 /* 児 */) &&
		    i + 1 < t->n && t->cp[i + 1] == ':';
	if (child)
		m = 1;
	if (!m || (i > 0 && pii__is_kanji(t->cp[i - 1])))
		return;
	size_t g = i + m;
	/* one space, の or ・ (長女・心愛（小5）), or a colon (子：蒼空（令和3年
	 * 2月14日）, thirteenth round (a)) */
	int colon = g < t->n && t->cp[g] == ':';
	if (g < t->n && (t->cp[g] == ' ' || t->cp[g] == 0x306E /* の */ || t->cp[g] == 0x30FB ||
			 colon))
		g++;
	if (g >= t->n)
		return;
	if (pii__is_latin_upper(t->cp[g]) && t->cp[g] < 0x80) {
		/* one capitalised Latin word (母 Sita（在留カード…）) before a
		 * bracket, 、, ・ (妻 Sita・長男 …, thirteenth round (a)) or a
		 * line's end */
		size_t e = g + 1;
		while (e < t->n && t->cp[e] >= 'a' && t->cp[e] <= 'z')
			e++;
		/* or a bracket's end: the relation and the name are the note
		 * after a person (GURUNGさん（妻 Maya）, sixteenth round (a)) */
		int closes = e < t->n && t->cp[e] == ')' && i > 0 && t->cp[i - 1] == '(';
		if (e - g >= 3 && (e >= t->n || t->cp[e] == '(' || t->cp[e] == 0x3001 ||
				   t->cp[e] == 0x30FB || t->cp[e] == '\n' || pii__raw_tab(t, e) ||
				   closes) &&
		    !pii__latin_stop_word(t, g, e) &&
		    !person_covers(c, g, e, budget))
			pii__cand_add(c, t, g, e, PII_PERSON, 0.75);
		return;
	}
	int kanji;
	size_t e = name_script_run(t, g, 0, &kanji);
	/* after a space, a kanji word of presence may be glued to the name
	 * (娘 恵子同席, 夫 浩来庁; twenty-eighth round (b)): the name is the
	 * run before it, taken as before a particle */
	int glued = 0;
	if (kanji && t->cp[i + m] == ' ' && e - g >= 3 && e - g <= 5 &&
	    pii__ends_with(t, g + 1, e, presence_words)) {
		e -= 2;
		glued = 1;
	}
	/* a birth date alone in brackets after a kanji name: the person's
	 * item of a family list says so whether or not ENAMDICT knows the
	 * name (子：蒼空（令和3年2月14日）, thirteenth round (a)); after a
	 * katakana name of up to six letters too (長男 アーラブ（2019.10.03）,
	 * seventeenth round (a)) */
	size_t born = e > g && e + 1 < t->n && t->cp[e] == '(' &&
			      (kanji || (pii__is_kata(t->cp[g]) && e - g >= 2 && e - g <= 6))
		      ? birth_in_bracket(t, e + 1)
		      : 0;
	if (born && !kanji && !person_covers(c, g, e, budget)) {
		pii__cand_add(c, t, g, e, PII_PERSON, 0.85);
		pii__cand_add(c, t, e + 1, born, PII_DATE_OF_BIRTH, 0.85);
		return;
	}
	/* a katakana name of five or six, which ENAMDICT seldom lists, before
	 * an age or a class in brackets (長女アンジェリカ（中2）, twenty-eighth
	 * round (b)); a shorter one must be listed (長男 サッカー（小5）) */
	if (!kanji && e - g == 5 && e < t->n && pii__is_kata(t->cp[g]) && pii__is_kata(t->cp[e]))
		e++; /* name_script_run() stops at five */
	int kata_class = !kanji && pii__is_kata(t->cp[g]) && e - g >= 5 && e - g <= 6 && e + 2 < t->n &&
			 t->cp[e] == '(' && age_or_class_at(t, e + 1) && short_age_or_class(t, e + 1);
	if (e == g || (kanji && e - g > 3) || (!kanji && (e - g < 2 || e - g > 4) && !kata_class))
		return;
	if (born && !word_exact(t, g, e, not_surnames) && !pii__is_word(t, g, e, relatives) &&
	    !person_covers(c, g, e, budget)) {
		pii__cand_add(c, t, g, e, PII_PERSON, 0.85);
		pii__cand_add(c, t, e + 1, born, PII_DATE_OF_BIRTH, 0.85);
		return;
	}
	if (colon || child)
		return; /* a colon only before a birth date (妻：同居) */
	/* the end: an age or a class in brackets, a line's or a cell's end */
	int bracket = e < t->n && t->cp[e] == '(' && e + 1 < t->n && age_or_class_at(t, e + 1);
	/* after a space, a particle may end the name too (夫 勝が失職, 長女
	 * マリアの通院); not after の (弟の件が) */
	int particle = glued ||
		       ((t->cp[i + m] == ' ' || t->cp[i + m] == 0x30FB) && e < t->n &&
			!pii__is_hira(t->cp[e - 1]) &&
			(t->cp[e] == 0x304C /* が */ ||
			 /* one kanji only before が or は, and no word of
			  * time before は (母 秋の検診, 母 今は…; 夫 勇は
			  * since the twenty-eighth round (b)) */
			 (e - g >= 2 && t->cp[e] == 0x306E /* の */) ||
			 (t->cp[e] == 0x306F /* は */ &&
			  (e - g >= 2 || (t->cp[i + m] == ' ' && !word_exact(t, g, e, one_kanji_words))))));
	/* items of a list of relatives joined by ・ (長女琴音・長男陽翔）, tenth
	 * round): ・ and a relation after, or the last item's end */
	/* (or 、 and a relation: 妻 カリーナ、長女 美咲, twenty-eighth round (b)) */
	int listed = e < t->n && e - g >= 2 && t->cp[i + m] != 0x306E &&
		     (((t->cp[e] == 0x30FB || t->cp[e] == 0x3001) && pii__match_any(t, e + 1, relatives)) ||
		      (i > 0 && t->cp[i - 1] == 0x30FB &&
		       (t->cp[e] == ')' || t->cp[e] == 0x3001 || t->cp[e] == 0x3002)));
	/* or any note in brackets after a kanji name written right after
	 * the relation (長男和也（県外）, sixteenth round (a)); ENAMDICT must
	 * list it as a given name and no place */
	int note = kanji && e - g >= 2 && e < t->n && t->cp[e] == '(' && g == i + m;
	int end = bracket || particle || listed || note || e >= t->n || t->cp[e] == '\n' ||
		  pii__raw_tab(t, e);
	if (!end || word_exact(t, g, e, not_surnames) || pii__is_word(t, g, e, kana_not_given))
		return;
	/* one kanji of a place glued to the relation names the relative's
	 * home or side, no one (独居・冬期は長女宅, 長男方; thirtieth set) */
	if (kanji && e - g == 1 && word_exact(t, g, e, one_kanji_not_surnames))
		return;
	unsigned f = kanji ? pii__names_lookup(names, t->cp + g, e - g)
			   : pii__names_lookup_kana(names, t->cp + g, e - g);
	/* a place's name too only before the bracket (弟の湊（1年2組）) */
	/* an unclassified name of two kanji and more too before the bracket
	 * (孫の颯太（小4）) */
	/* and before any note (長男颯太（さくら保育園 ひよこ組）, seventeenth
	 * round (a)) */
	unsigned given = kanji ? PII_NAME_GIVEN | ((bracket || note) && e - g >= 2 ? PII_NAME_PERSON_U : 0)
			       : PII_NAME_GIVEN_KANA;
	/* a school year in brackets (長男 湊斗（小1）, 二男 陽向（年中）) says a
	 * child is named: two or three kanji ENAMDICT knows nothing of are a
	 * given name there too when their first kanji is a given name and
	 * their last one a name of either kind, as a name's kanji are and a
	 * word's (不登校, 同居) mostly are not (sixteenth round (a)) */
	int school = bracket && kanji && e - g >= 2 && !pii__is_digit(t->cp[e + 1]) && f == 0 &&
		     !word_exact(t, g, e, child_status_words) &&
		     (pii__names_lookup(names, t->cp + g, 1) & PII_NAME_GIVEN) &&
		     (pii__names_lookup(names, t->cp + e - 1, 1) & (PII_NAME_GIVEN | PII_NAME_SURNAME));
	if (!(f & given) && !school && !kata_class)
		return;
	/* (a word of presence glued after it says a person: 娘 恵子同席) */
	if (((f & PII_NAME_PLACE) && !bracket && !listed && !glued) ||
	    (note && !bracket && !(f & given)) ||
	    person_covers(c, g, e, budget))
		return;
	pii__cand_add(c, t, g, e, PII_PERSON, 0.75);
}

/* Person labels before a colon whose name may be a surname that is also a
 * place (児童名：指宿 大和, 避難支援者：隣人 満留 和夫): a label ending in 名,
 * 者 or 人, and one of these words with a space before the name. */
static const char *const neighbour_roles[] = {"隣人", "知人", "友人", "親族", "近所", NULL};

/* A surname alone after a person's label and its colon, before 、, ／ or
 * the line's end (面談者：前田、記録者：溝口, ninth round). */
static void surname_after_person_label(const struct pii__names *names, const struct pii__text *t,
				       struct pii__cands *c, size_t i, size_t *budget)
{
	size_t s = i + 1;
	size_t e = kanji_run_end(t, s);
	if (e - s < 2 || e - s > 3)
		return;
	if (e < t->n && t->cp[e] != 0x3001 && t->cp[e] != '/' && t->cp[e] != '\n')
		return;
	surname_add(names, t, c, s, e, budget);
}

/* After such a label, a surname ENAMDICT lists (as a place too), a space
 * and a given name it lists: a name (ninth round). */
static void placed_surname_name(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c, size_t i, size_t *budget)
{
	size_t s = i + 1;
	if (s < t->n && t->cp[s] == ' ')
		s++;
	size_t m = pii__match_any(t, s, neighbour_roles);
	if (!m)
		m = pii__match_any(t, s, relatives);
	if (m && s + m < t->n && t->cp[s + m] == ' ')
		s += m + 1;
	size_t sp = kanji_run_end(t, s);
	if (sp - s < 2 || sp - s > 3 || sp + 1 >= t->n || t->cp[sp] != ' ' ||
	    !bare_surname(names, t, s, sp))
		return;
	size_t e = given_after_space(names, t, sp + 1);
	if (!e || person_covers(c, s, e, budget))
		return;
	pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
}

/* A label before the colon at i that names a person: a kanji word ending
 * in 名, 者 or 人 opening its line or after a space or a bracket. */
static int person_label_colon(const struct pii__text *t, size_t i)
{
	if (i < 2)
		return 0;
	uint32_t u = t->cp[i - 1];
	if (u != 0x540D /* 名 */ && u != 0x8005 /* 者 */ && u != 0x4EBA /* 人 */)
		return 0;
	size_t a = i - 1;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 8)
		a--;
	if (i - a < 2 || word_exact(t, a, i, not_surnames))
		return 0;
	uint32_t p = a ? t->cp[a - 1] : '\n';
	return p == '\n' || p == ' ' || p == ')' || p == 0x3011 /* 】 */ || p == 0x3002 ||
	       p == 0x3001;
}

/* The end of a chat speaker's label at ls written as a body's name (two
 * to ten kanji or hiragana), a space and a surname ENAMDICT lists (one
 * kanji too, none of a direction or a side) before a colon (漁協 田村：);
 * the surname's start, or 0. */
static size_t body_speaker_at(const struct pii__names *names, const struct pii__text *t, size_t ls)
{
	size_t u = ls;
	while (u < t->n && (pii__is_kanji(t->cp[u]) || pii__is_hira(t->cp[u])) && u - ls < 10)
		u++;
	if (u - ls < 2 || u + 2 >= t->n || t->cp[u] != ' ' || !pii__is_kanji(t->cp[ls]))
		return 0;
	size_t s = u + 1, e = kanji_run_end(t, s);
	if (e - s < 1 || e - s > 3 || e >= t->n || t->cp[e] != ':' || !bare_surname(names, t, s, e) ||
	    word_exact(t, s, e, one_kanji_not_surnames))
		return 0;
	return s;
}

/* Whether the line at ls is of body_speaker_at()'s shape and one of the
 * two lines before it or the two after it is too, whichever body it names
 * (a chat between a town office and a fishermen's cooperative writes each
 * speaker after the body). Lines are walked back at most 400 code points
 * each, so a text's lines are each read a bounded number of times. */
static int body_speaker_near(const struct pii__names *names, const struct pii__text *t, size_t ls)
{
	if (!body_speaker_at(names, t, ls))
		return 0;
	size_t a = ls;
	for (int k = 0; k < 2 && a > 0; k++) {
		size_t b = a - 1; /* the '\n' ending the line before */
		size_t q = b;
		while (q > 0 && t->cp[q - 1] != '\n' && b - q < 400)
			q--;
		if (q > 0 && t->cp[q - 1] != '\n')
			break;
		if (body_speaker_at(names, t, q))
			return 1;
		a = q;
	}
	size_t z = ls;
	for (int k = 0; k < 2; k++) {
		z = pii__line_end(t, z);
		if (z >= t->n)
			break;
		z++;
		if (body_speaker_at(names, t, z))
			return 1;
	}
	return 0;
}

/* Roles glued to a speaker's surname in a chat (担任山口：…). */
static const char *const speaker_roles[] = {"担任", "副担任", "担当", "保育士", "看護師",
					    "保健師", "相談員", "支援員", NULL};

/* A chat speaker written as a role glued to a surname, or a unit, a space
 * and a surname, before a colon at a line's start or after a time in
 * square brackets (担任山口：了解です, [10:03] 市民課 三宅: …). */
static void speaker_with_role(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c, size_t ls, size_t *budget)
{
	if (ls < t->n && t->cp[ls] == '[') {
		size_t q = ls;
		while (q < t->n && t->cp[q] != ']' && t->cp[q] != '\n' && q - ls < 24)
			q++;
		if (q + 1 >= t->n || t->cp[q] != ']')
			return;
		ls = q + 1;
		if (t->cp[ls] == ' ')
			ls++;
	} else if (ls + 2 < t->n && t->cp[ls] == '(' && pii__is_alpha(t->cp[ls + 1])) {
		/* a tool's name in brackets ((Teams)保険年金課 兵頭：…, tenth
		 * round) */
		size_t q = ls + 1;
		while (q < t->n && (pii__is_alpha(t->cp[q]) || t->cp[q] == ' ') && q - ls < 16)
			q++;
		if (q >= t->n || t->cp[q] != ')')
			return;
		ls = q + 1;
		if (ls < t->n && t->cp[ls] == ' ')
			ls++;
	}
	/* a colon within the line's first 12 code points (most lines have
	 * none) */
	size_t k = ls;
	while (k < t->n && k - ls < 12 && t->cp[k] != ':' && t->cp[k] != '\n')
		k++;
	if (k >= t->n || t->cp[k] != ':' || k - ls < 3 || !pii__is_kanji(t->cp[ls]))
		return;
	size_t m = pii__match_any(t, ls, speaker_roles), s;
	if (m) {
		s = ls + m;
	} else {
		/* a unit's name may hold hiragana (子育て支援課, tenth round) */
		size_t u = ls;
		while (u < t->n && (pii__is_kanji(t->cp[u]) || pii__is_hira(t->cp[u])) && u - ls < 10)
			u++;
		if (u - ls < 2 || u + 1 >= t->n || t->cp[u] != ' ')
			return;
		/* or any body's name (役場 森：, 漁協 田村：; thirtieth set,
		 * batches 394-397) when a line next to it or one apart is a
		 * speaker's of the same shape: two such lines make a chat
		 * between bodies, where one line alone may be a form's */
		if (!unit_ends_at(t, u) && !body_speaker_near(names, t, ls))
			return;
		s = u + 1;
	}
	size_t e = kanji_run_end(t, s);
	/* after a unit and a space one kanji too (市民課 菅：…, tenth round) */
	size_t least = m || word_exact(t, s, e, one_kanji_not_surnames) ? 2 : 1;
	if (e - s < least || e - s > 3 || e >= t->n || t->cp[e] != ':' ||
	    !bare_surname(names, t, s, e) || person_covers(c, s, e, budget))
		return;
	pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

/* A surname signing a message quoted for the assistant (「…確認お願いしま
 * す。鶴田」): 2-3 kanji ENAMDICT lists after 。, ！, ？ or a space, right
 * before the closing 」 of a quotation of 12 code points at least. */
static void quoted_signature(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c, size_t q, size_t *budget)
{
	size_t a = kanji_before(t, q);
	if (q - a < 2 || q - a > 3 || a == 0)
		return;
	uint32_t p = t->cp[a - 1];
	if (!(p == 0x3002 || p == '!' || p == '?' || p == ' ' || p == '\n'))
		return;
	size_t o = a;
	while (o > 0 && t->cp[o - 1] != 0x300C /* 「 */ && q - o < 400)
		o--;
	if (o == 0 || q - o < 12 || !bare_surname(names, t, a, q) || person_covers(c, a, q, budget))
		return;
	pii__cand_add(c, t, a, q, PII_PERSON, 0.7);
}

/* A katakana given name glued to 子 that MeCab cut before it (木下ツネ子 found
 * as 木下ツネ): the candidate takes the 子 when no kanji follows. */
static void kata_ko_names(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t e = v->end;
		if (v->type != PII_PERSON || e < 2 || e >= t->n || t->cp[e] != 0x5B50 /* 子 */ ||
		    !pii__is_kata(t->cp[e - 1]) || (e + 1 < t->n && pii__is_kanji(t->cp[e + 1])))
			continue;
		pii__span_set(v, t, v->start, e + 1);
	}
}

/* What may follow a full name written without a space: punctuation, a
 * bracket, a space, a line's end, an honorific, です or a particle. */
static const char *const glued_name_follow[] = {"さん", "様", "君", "氏", "です", "が", "は",
						"の", "を", "に", "と", "も", "から", "より", NULL};

/* A full name written without a space (山口陽斗, 佐々木結翔, 前川真奈美),
 * which MeCab cuts or reads as words: the kanji run [s, e) of 4-6 code
 * points is a surname ENAMDICT lists (2-3) and a given name it lists or
 * leaves unclassified (2-3), the run standing alone before punctuation, a
 * space, a particle or an honorific. Ninth round. */
static void glued_full_name(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c, size_t s, int field, size_t *budget)
{
	if (s >= t->n || !pii__is_kanji(t->cp[s]) || (s > 0 && pii__is_kanji(t->cp[s - 1])))
		return;
	size_t e = kanji_run_end(t, s);
	if (e - s < 4 || e - s > 6)
		return;
	/* after a field's colon the name ends the value (対象：市内在住の… is
	 * no name); around MeCab's part a particle may follow */
	if (e < t->n) {
		uint32_t q = t->cp[e];
		if (!(q == ' ' || q == '(' || q == ')' || q == 0x3001 || q == ',' || q == 0x300D ||
		      q == '/' || pii__is_boundary(q) ||
		      (!field && pii__match_any(t, e, glued_name_follow))))
			return;
	}
	for (size_t sl = 2; sl <= 3; sl++) {
		size_t g = s + sl;
		/* nor a staff title that ENAMDICT also lists as a name
		 * (須藤理事長 on a letter's first line: the surname is the
		 * name, the title is not; thirty-second set) */
		if (e - g < 2 || e - g > 3 || pii__match_any(t, g, name_suffixes) ||
		    word_exact(t, g, e, staff_titles))
			continue;
		/* after a field a given name ENAMDICT classifies as one */
		unsigned f = pii__names_lookup(names, t->cp + g, e - g);
		if (!(f & (field ? PII_NAME_GIVEN : PII_NAME_GIVEN | PII_NAME_PERSON_U)) ||
		    (f & PII_NAME_PLACE) || !bare_surname(names, t, s, g) ||
		    person_covers(c, s, e, budget))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.9);
		return;
	}
}

/* The colon at i closes a taker's field (担当：, 受付：). */
static int taker_colon(const struct pii__text *t, size_t i)
{
	size_t a = i;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 4)
		a--;
	return a < i && word_exact(t, a, i, taker_labels);
}

/* Candidates MeCab found inside such a run (佐々木結|翔: 翔): the whole run. */
static void glued_names_around(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c, size_t *budget)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->end - v->start > 3 ||
		    !all_kanji_between(t, v->start, v->end))
			continue;
		int inside = (v->start > 0 && pii__is_kanji(t->cp[v->start - 1])) ||
			     (v->end < t->n && pii__is_kanji(t->cp[v->end]));
		/* a title or a suffix after the name is no given name (田中課長) */
		if (!inside || pii__match_any(t, v->end, name_suffixes))
			continue;
		size_t s = v->start;
		while (s > 0 && pii__is_kanji(t->cp[s - 1]) && v->start - s < 6)
			s--;
		glued_full_name(names, t, c, s, 0, budget);
	}
}


/* The ninth round's names: one pass, each rule tried only at its cue (a
 * colon, a line's start, a closing 」, a relation), then the candidates. */
/* A section or a role in brackets after a surname (対応：堀江（収納係）,
 * 近隣住民 小川（匿名希望…）): a unit's or a role's word closes the bracket
 * or the first item, or the note says the caller hid their name. */
static int unit_bracket(const struct pii__text *t, size_t o)
{
	for (size_t q = o + 1; q < t->n && q - o <= 16; q++) {
		uint32_t ch = t->cp[q];
		if (ch == ')' || ch == 0x3001 || ch == '/') {
			if (q < o + 2)
				return 0;
			uint32_t u = t->cp[q - 1];
			return u == 0x4FC2 /* 係 */ || u == 0x8AB2 /* 課 */ || u == 0x5BA4 /* 室 */ ||
			       pii__match(t, q - 2, "担当") || pii__match(t, q - 2, "係長") ||
			       pii__match(t, q - 2, "主査") || pii__match(t, q - 2, "主任");
		}
		if (ch == '(' || pii__is_boundary(ch))
			return 0;
		if (pii__match(t, q, "匿名"))
			return 1;
	}
	return 0;
}

/* A surname of 2-3 kanji ENAMDICT lists before such a bracket at o, after
 * a colon, a space or a line's start (ninth round). */
static void surname_before_unit_bracket(const struct pii__names *names, const struct pii__text *t,
					struct pii__cands *c, size_t o, size_t *budget)
{
	size_t a = kanji_before(t, o);
	if (o - a < 2 || o - a > 3 || !unit_bracket(t, o))
		return;
	uint32_t p = a ? t->cp[a - 1] : '\n';
	if (!(p == ':' || p == ' ' || p == '\n' || p == 0x3001) || !bare_surname(names, t, a, o) ||
	    person_covers(c, a, o, budget))
		return;
	pii__cand_add(c, t, a, o, PII_PERSON, 0.75);
}

/* A staff member's surname alone in brackets after the unit or the word
 * that says who acts (子ども支援係（有村）へ案内済, 担当は私（登山）, 総務課
 * （堀）まで: a record names who it was handed to or who writes; batches
 * 346-353): the bracket at o holds 2-3 kanji ENAMDICT lists as a surname
 * and closes right after them, after a unit (係, 課), 担当, 事務局 or 私.
 * A unit's own note (市民課（本庁舎）, 福祉課（2階）) is no surname, or holds
 * more; 室 is left out, for a class's room (石巻教室（出張）) ends so too. */
static void surname_in_unit_bracket(const struct pii__names *names, const struct pii__text *t,
				    struct pii__cands *c, size_t o, size_t *budget)
{
	uint32_t u = t->cp[o - 1];
	if (!(u == 0x4FC2 /* 係 */ || u == 0x8AB2 /* 課 */ || u == 0x79C1 /* 私 */ ||
	      (o >= 2 && pii__match(t, o - 2, "担当")) || (o >= 3 && pii__match(t, o - 3, "事務局"))))
		return;
	size_t s = o + 1, e = kanji_run_end(t, s);
	if (e - s < 2 || e - s > 3 || e >= t->n || t->cp[e] != ')' ||
	    !name_word_alone(names, t, s, e) || person_covers(c, s, e, budget))
		return;
	pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

/* A surname before a bracket that opens with its holder's extension or
 * mobile (わからなければ葛西（内線312、携帯090-…）まで; batches 346-353):
 * 2-3 kanji ENAMDICT lists as a surname, a run of their own (福祉課（内線
 * …） is a unit's number), at the bracket o. */
static void surname_before_contact_bracket(const struct pii__names *names,
					   const struct pii__text *t, struct pii__cands *c, size_t o,
					   size_t *budget)
{
	if (o + 3 >= t->n || !pii__match_any(t, o + 1, extension_words))
		return;
	size_t a = kanji_before(t, o);
	/* after a digit it ends an address (本町1丁目1番地（電話…） */
	if (o - a < 2 || o - a > 3 || (a > 0 && pii__is_digit(t->cp[a - 1])) ||
	    unit_ends_at(t, o) || !bare_surname(names, t, a, o) || person_covers(c, a, o, budget))
		return;
	pii__cand_add(c, t, a, o, PII_PERSON, 0.75);
}

/* A phone number's holder in the bracket after it, glued before the kind
 * of line (090-…（小浦携帯）, 0768-…（宮下自宅）; batches 370-373): the
 * bracket at o right after the number's last digit holds 1-3 kanji
 * ENAMDICT lists as a surname, then 携帯 or 自宅 and the closing bracket;
 * a relation or a word of not_surnames there (（本人携帯）, （長男携帯）)
 * is no surname. */
static void surname_owning_phone(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c, size_t o, size_t *budget)
{
	size_t s = o + 1, e = kanji_run_end(t, s);
	if (e - s < 3 || e - s > 5 || e >= t->n || t->cp[e] != ')' ||
	    !(pii__match(t, e - 2, "携帯") || pii__match(t, e - 2, "自宅")))
		return;
	size_t q = e - 2;
	if (!bare_surname(names, t, s, q) || pii__is_word(t, s, q, relatives) ||
	    person_covers(c, s, q, budget))
		return;
	pii__cand_add(c, t, s, q, PII_PERSON, 0.75);
}

/* Relations spoken of with respect, before の and a given name with an
 * honorific (ご主人の正人様, 娘さんのさくらさん, ninth round). */
static const char *const polite_relations[] = {
	"ご主人", "奥様", "奥さん", "娘さん", "息子さん", "お子さん", "お嬢さん", "旦那さん",
	"ご長男", "ご長女", "ご次男", "ご次女", "お孫さん", "父親", "母親", "お母さん",
	"お父さん", NULL,
};

/* The given name after such a relation and の at i: kanji ENAMDICT lists
 * as a given name (no place), or kana it reads as one, then an honorific. */
static void polite_relative_named(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c, size_t i, size_t *budget)
{
	if (t->cp[i - 1] == 0x3093 /* ん */) {
		/* …さん: 娘, 息子, お子, お嬢, 旦那, 奥, お孫, お母, お父 */
		if (i < 3)
			return;
		uint32_t w = t->cp[i - 3];
		if (w != 0x5A18 && w != 0x5B50 && w != 0x5B22 && w != 0x90A3 && w != 0x5965 &&
		    w != 0x5B6B && w != 0x6BCD && w != 0x7236)
			return;
	}
	if (!pii__ends_with(t, 0, i, polite_relations))
		return;
	int kanji;
	size_t g = i + 1, e = name_script_run(t, g, 1, &kanji);
	/* two code points at least (ご家族の皆様, 母親の方さん are no names) */
	if (e - g < 2 || e - g > (kanji ? 3u : 4u) || e >= t->n ||
	    !(kanji_honorific(t->cp[e]) || pii__match_any(t, e, kana_honorifics)))
		return;
	unsigned f = kanji ? pii__names_lookup(names, t->cp + g, e - g)
			   : pii__names_lookup_kana(names, t->cp + g, e - g);
	/* katakana words are mostly loanwords: a child's name before ちゃん or
	 * くん only (お子さんのクラスさん is none) */
	if (!kanji && script_of(t->cp[g]) == KS_KATA && !pii__match(t, e, "ちゃん") && !pii__match(t, e, "くん"))
		return;
	if (!(f & (kanji ? PII_NAME_GIVEN : PII_NAME_GIVEN_KANA)) || (kanji && (f & PII_NAME_PLACE)) ||
	    pii__is_word(t, g, e, kana_not_given) || person_covers(c, g, e, budget))
		return;
	pii__cand_add(c, t, g, e, PII_PERSON, 0.8);
}

/* Labels of a given name alone, and of a surname alone (a register's
 * fields, ninth round). */
static const char *const given_labels[] = {"名", "子の名", "新しい名", "下の名前", "名前(下)",
					   NULL};
static const char *const surname_labels[] = {"氏", "旧氏", "旧姓", "婚姻前の氏", "新しい氏",
					     "名字", "苗字", NULL};

/* The value after such a label ending at i (a colon or a space at i): a
 * given name ENAMDICT lists (1-3 kanji, or 2-4 kana) or a surname it
 * lists (2-3 kanji) that ends the value (名：蒼空（そら）, 子の名 結翔　…,
 * 旧氏：坂之上, 婚姻前の氏：久保（旧姓））. */
static void register_name_field(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c, size_t i, size_t *budget)
{
	uint32_t u = t->cp[i - 1];
	if (u != 0x540D /* 名 */ && u != 0x6C0F /* 氏 */ && u != 0x59D3 /* 姓 */ &&
	    u != 0x5B57 /* 字 */ && u != ')' && u != 0x524D /* 前 */)
		return;
	size_t a = i;
	while (a > 0 && i - a < 6 && t->cp[a - 1] != '\n' && t->cp[a - 1] != ' ' &&
	       t->cp[a - 1] != ':' && t->cp[a - 1] != 0x3001 && t->cp[a - 1] != '(')
		a--;
	/* the label opening brackets after a name (佐藤 麗華（旧姓 王）):
	 * a surname of one kanji closing them will do (twenty-sixth round (e)) */
	int bracket = a > 0 && t->cp[a - 1] == '(';
	int given = pii__is_word(t, a, i, given_labels);
	if (!given && !pii__is_word(t, a, i, surname_labels))
		return;
	size_t g = i + 1;
	if (t->cp[i] == ':' && g < t->n && t->cp[g] == ' ')
		g++;
	if (g >= t->n)
		return;
	int kanji;
	size_t e = name_script_run(t, g, 0, &kanji);
	if (e == g || (!kanji && !given))
		return;
	int one = bracket && !given && kanji && e - g == 1 && e < t->n && t->cp[e] == ')';
	/* the brackets follow a name found (not a form's note: （旧姓 中）を記入) */
	for (size_t k = 0, seen = 0; one && !seen; k++) {
		if (k == c->n)
			one = 0;
		else
			seen = c->v[k].type == PII_PERSON && c->v[k].end + 1 == a &&
			       c->v[k].confidence > 0.01;
	}
	if ((kanji && (e - g > 3 || (!given && e - g < 2 && !one))) ||
	    (!kanji && (e - g < 2 || e - g > 4)))
		return;
	if (e < t->n) {
		uint32_t q = t->cp[e];
		if (!(q == ' ' || q == '(' || q == 0x3001 || q == ',' || q == '/' || pii__is_boundary(q) ||
		      (bracket && q == ')')))
			return;
	}
	unsigned f;
	if (given)
		f = kanji ? pii__names_lookup(names, t->cp + g, e - g) &
				    (PII_NAME_GIVEN | PII_NAME_PERSON_U)
			  : pii__names_lookup_kana(names, t->cp + g, e - g) & PII_NAME_GIVEN_KANA;
	else if (one)
		f = pii__names_lookup(names, t->cp + g, 1) & PII_NAME_SURNAME;
	else
		f = (unsigned)bare_surname(names, t, g, e);
	if (!f || word_exact(t, g, e, not_surnames) || person_covers(c, g, e, budget))
		return;
	pii__cand_add(c, t, g, e, PII_PERSON, 0.8);
}

/* A given name alone in brackets right after a relation (息子（敦）と二人暮
 * らし, 妻（ヨシ）, ninth round): kanji ENAMDICT lists as a given name (no
 * place) or kana it reads as one, closing the bracket or its first item. */
static void relative_bracket_given(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c, size_t o, size_t *budget)
{
	/* the relation may be spoken of politely (娘さん（奈美）, seventeenth
	 * round (a)) */
	size_t r = o >= 3 && pii__match(t, o - 2, "さん") == 2 ? o - 2 : o;
	size_t a = r;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && r - a < 3)
		a--;
	/* or a given name's own word (下の名前（ミツ）で呼ばれる; blind batches
	 * 1184-1199) */
	static const char *const given_words[] = {"下の名前", "呼び名", NULL};
	int named = r == o && pii__ends_with(t, o >= 4 ? o - 4 : 0, o, given_words) != 0;
	if (!named &&
	    (a == r || (a > 0 && pii__is_kanji(t->cp[a - 1])) || !word_exact(t, a, r, relatives)))
		return;
	int kanji;
	size_t g = o + 1, e = name_script_run(t, g, 0, &kanji);
	if (e == g || e >= t->n || (t->cp[e] != ')' && t->cp[e] != 0x3001) ||
	    (kanji && e - g > 3) || (!kanji && (e - g < 2 || e - g > 4)))
		return;
	unsigned f = kanji ? pii__names_lookup(names, t->cp + g, e - g)
			   : pii__names_lookup_kana(names, t->cp + g, e - g);
	if (!(f & (kanji ? PII_NAME_GIVEN : PII_NAME_GIVEN_KANA)) || (kanji && (f & PII_NAME_PLACE)) ||
	    word_exact(t, g, e, not_surnames) || pii__is_word(t, g, e, kana_not_given) ||
	    person_covers(c, g, e, budget))
		return;
	pii__cand_add(c, t, g, e, PII_PERSON, 0.8);
}

/* Staff roles written before a surname and a space (ヘルパー 松下（事業所：
 * …）, ninth round), by their last code point. */
static const char *const roles_bar[] = {"ヘルパー", "ケアマネジャー", "ケースワーカー", NULL};
static const char *const roles_ne[] = {"ケアマネ", NULL};
static const char *const roles_shi[] = {"保健師", "看護師", NULL};
static const char *const roles_in[] = {"相談員", "支援員", "専門員", "指導員", "訪問員", "調査員",
				       "推進員", "民生委員", "児童委員", NULL};
/* a duty's word before the one on duty (当直 高木が; sixteenth round (a)) */
static const char *const roles_choku[] = {"当直", "宿直", "日直", NULL};
static const char *const roles_i[] = {"主治医", NULL};
static const char *const roles_nin[] = {"担任", NULL};
static const char *const roles_w[] = {"CW", "SW", NULL};
static const char *const roles_m[] = {"CM", NULL};
/* a staff member's title before their surname (緊急時は係長 長谷部の携帯;
 * batches 426-429) */
static const char *const roles_cho[] = {"係長", "課長", "部長", "室長", "所長", "班長", "局長",
					"次長", "園長", "校長", "会長", NULL};

/* The roles ending with the code point r, or NULL. */
static const char *const *roles_ending_in(uint32_t r)
{
	switch (r) {
	case 0x30FC: return roles_bar;
	case 0x30CD: return roles_ne;
	case 0x5E2B: return roles_shi;
	case 0x54E1: return roles_in;
	case 0x533B: return roles_i;
	case 0x4EFB: return roles_nin;
	case 0x76F4: return roles_choku;
	case 'W': return roles_w;
	case 'M': return roles_m;
	case 0x9577: return roles_cho;
	default: return NULL;
	}
}

/* The surname after such a role and the space at i: 2-3 kanji ENAMDICT
 * lists, before a bracket, punctuation, a line's end or a particle. */
static void role_space_surname(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c, size_t i, size_t *budget)
{
	const char *const *roles = roles_ending_in(t->cp[i - 1]);
	int role = 0, compound = 0;
	for (size_t k = 0; roles && roles[k] && !role; k++) {
		size_t m = pii__kw_len(roles[k]);
		compound = i > m && pii__is_kanji(t->cp[i - m - 1]);
		/* a role in 員 or 師 may close a longer word (相談支援専門員,
		 * 地区担当保健師; seventeenth round (a)) */
		role = i >= m && pii__match(t, i - m, roles[k]) == m &&
		       (i == m || !pii__is_kanji(t->cp[i - m - 1]) ||
			(m == 3 && (roles == roles_in || roles == roles_shi)));
	}
	if (!role)
		return;
	size_t s = i + 1, e = kanji_run_end(t, s);
	if (e - s < 2 || e - s > 3)
		return;
	if (e < t->n) {
		uint32_t q = t->cp[e];
		/* after a longer word, a particle may follow a plain noun too
		 * (調査員 研修を) */
		if (!(q == '(' || q == ')' || q == 0x3001 || q == '\n' || pii__is_boundary(q) ||
		      (!compound && pii__match_any(t, e, given_particles))))
			return;
	}
	/* what the title's holder does is no surname (課長 出張のため) */
	if (pii__staff_act_word(t, s, e))
		return;
	surname_add(names, t, c, s, e, budget);
}

/* A surname between spaces before です after a verb (先ほどお電話した 永井
 * です。, ninth round): 2-3 kanji ENAMDICT lists, です closing a sentence. */
static void spaced_intro(const struct pii__names *names, const struct pii__text *t,
			 struct pii__cands *c, size_t i, size_t *budget)
{
	size_t s = i + 1, e = kanji_run_end(t, s);
	if (e - s < 2 || e - s > 3 || e + 1 >= t->n || t->cp[e] != ' ' ||
	    !self_intro_end(t, e + 1) || !bare_surname(names, t, s, e) ||
	    person_covers(c, s, e, budget))
		return;
	pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

/* A full name written with a space after a clause that says where the
 * writer lives or what they do, before です closing the sentence (…807に
 * 住んでいる周 婷です。, 市内で働いております李 明です; batches 426-429):
 * a surname of 1-3 kanji ENAMDICT lists right after …いる or …ます (not
 * こうした林 業務です: した ends a demonstrative too), the
 * space at i, and a given name of 1-3 kanji, which a foreign resident's
 * need not be one ENAMDICT knows. */
static void spaced_full_intro(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c, size_t i, size_t *budget)
{
	size_t a = i;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a <= 3)
		a--;
	if (i - a < 1 || i - a > 3 || a < 3 || !pii__is_hira(t->cp[a - 3]) ||
	    !(pii__match(t, a - 2, "いる") == 2 || pii__match(t, a - 2, "ます") == 2))
		return;
	size_t e = kanji_run_end(t, i + 1);
	if (e - (i + 1) < 1 || e - (i + 1) > 3 || !self_intro_end(t, e) ||
	    !bare_surname(names, t, a, i) || person_covers(c, a, e, budget))
		return;
	pii__cand_add(c, t, a, e, PII_PERSON, 0.8);
}

/* The first code points of relatives (妻, 夫, 娘, 息, 長, 次, 二, 三, 母,
 * 父, 孫, 兄, 姉, 弟, 妹, 祖; 二 of 二男, 二女 since the sixteenth round
 * (a)). */
static int relation_first(uint32_t ch)
{
	switch (ch) {
	case 0x59BB: case 0x592B: case 0x5A18: case 0x606F: case 0x9577: case 0x6B21:
	case 0x4E09: case 0x6BCD: case 0x7236: case 0x5B6B: case 0x5144: case 0x59C9:
	case 0x5F1F: case 0x59B9: case 0x7956: case 0x4E8C:
		return 1;
	default:
		return 0;
	}
}

/* A family named by its surname (宮脇家（3人世帯）, 迫田家の長男, ninth
 * round): 2-3 kanji ENAMDICT lists before 家 at i, after a code point that
 * is no kanji, then a count in brackets or の and a relation. */
static void family_surname(const struct pii__names *names, const struct pii__text *t,
			   struct pii__cands *c, size_t i, size_t *budget)
{
	size_t a = kanji_before(t, i);
	if (i - a < 2 || i - a > 3 || i + 1 >= t->n)
		return;
	/* then a household's count in brackets or の and a relation: 政治家は,
	 * 政治家（元議員）, 専門家の意見 are words */
	uint32_t q = t->cp[i + 1];
	if (!((q == '(' && i + 2 < t->n && pii__is_digit(t->cp[i + 2])) ||
	      (q == 0x306E && pii__match_any(t, i + 2, relatives))))
		return;
	surname_add(names, t, c, a, i, budget);
}

/* The ninth round's rules at a cue code point i (ninth_cue_low), tried in
 * the eighth round's pass; colon: the text holds a colon. */
static void names_ninth_at(const struct pii__names *names, const struct pii__text *t,
			   struct pii__cands *c, size_t i, int colon, size_t *budget)
{
	uint32_t ch = t->cp[i];
	if (ch < 0x80) {
		if (ch == ':') {
			if (i >= 1)
				register_name_field(names, t, c, i, budget);
			/* 子：蒼空（令和3年2月14日）: 子 is no relation's cue of
			 * its own (thirteenth round (a)) */
			if (i >= 1 && (t->cp[i - 1] == 0x5B50 /* 子 */ || t->cp[i - 1] == 0x5150 /* 児 */))
				relative_given_alone(names, t, c, i - 1, budget);
			int label = person_label_colon(t, i);
			if (label) {
				placed_surname_name(names, t, c, i, budget);
				surname_after_person_label(names, t, c, i, budget);
			}
			if (i + 2 < t->n && (label || taker_colon(t, i)))
				glued_full_name(names, t, c, t->cp[i + 1] == ' ' ? i + 2 : i + 1, 1,
						budget);
		} else if (ch == '\n' && colon && i + 1 < t->n) {
			speaker_with_role(names, t, c, i + 1, budget);
		} else if (ch == '(' && i >= 1 && pii__is_kanji(t->cp[i - 1])) {
			if (i >= 2)
				surname_before_unit_bracket(names, t, c, i, budget);
			surname_in_unit_bracket(names, t, c, i, budget);
			surname_before_contact_bracket(names, t, c, i, budget);
			relative_bracket_given(names, t, c, i, budget);
			if (i >= 2 && i + 3 < t->n && pii__is_kata(t->cp[i + 1]))
				taker_bracket_kana(names, t, c, i, budget);
		} else if (ch == '(' && i >= 3 && t->cp[i - 1] == 0x3093 /* ん */ &&
			   t->cp[i - 2] == 0x3055 /* さ */) {
			relative_bracket_given(names, t, c, i, budget); /* 娘さん（奈美） */
		} else if (ch == '(' && i >= 3 && t->cp[i - 1] >= 'a' && t->cp[i - 1] <= 'z') {
			latin_given_dated(t, c, i, budget);
		} else if (ch == '(' && i >= 1 && pii__is_digit(t->cp[i - 1])) {
			surname_owning_phone(names, t, c, i, budget); /* batches 370-373 */
		}
	} else if (ch == 0x300D /* 」 */) {
		quoted_signature(names, t, c, i, budget);

	} else if (relation_first(ch)) {
		relative_given_alone(names, t, c, i, budget);
	} else if (ch == 0x5BB6 /* 家 */ && i >= 2) {
		family_surname(names, t, c, i, budget);
	}
}

/* ---- names of the tenth round (2026-12-03) -------------------------------- */

/* A surname in katakana alone in brackets after a taker's word (通訳対応
 * （フジタ）, 受付（タナカ）): 2-6 katakana ENAMDICT reads as a surname. */
static void taker_bracket_kana(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c, size_t o, size_t *budget)
{
	size_t a = o;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && o - a < 2)
		a--;
	if (!word_exact(t, a, o, taker_labels))
		return;
	size_t s = o + 1, e = s;
	while (e < t->n && pii__is_kata(t->cp[e]) && e - s <= 6)
		e++;
	if (e - s < 2 || e - s > 6 || e >= t->n || t->cp[e] != ')' ||
	    !(pii__names_lookup_kana(names, t->cp + s, e - s) & PII_NAME_SURNAME_KANA) ||
	    person_covers(c, s, e, budget))
		return;
	pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

#define TENTH_SPEAKER_SOURCES_MAX 8 /* speakers looked for again alone */

/* The start of a line's speaker (after a time in square brackets and a
 * space, if any), or the line's start. */
static size_t speaker_start(const struct pii__text *t, size_t ls)
{
	if (ls < t->n && t->cp[ls] == '[') {
		size_t q = ls;
		while (q < t->n && t->cp[q] != ']' && t->cp[q] != '\n' && q - ls < 24)
			q++;
		if (q < t->n && t->cp[q] == ']')
			ls = q + 1;
		if (ls < t->n && t->cp[ls] == ' ')
			ls++;
	}
	return ls;
}

/* A chat's speaker found once with a unit or a role (保険年金課 兵頭：…),
 * later writing alone (兵頭：ありがとうございます): 1-3 kanji a candidate
 * holds before a colon, again at a line's start right before a colon. */
static void speaker_repeats(const struct pii__text *t, struct pii__cands *c)
{
	/* the sources first (the names added below change none), the lines'
	 * speakers' starts in one walk, then each source's repeats in the
	 * order of a walk for each */
	size_t n = c->n, sources = 0;
	size_t from[TENTH_SPEAKER_SOURCES_MAX], len_of[TENTH_SPEAKER_SOURCES_MAX];
	for (size_t k = 0; k < n && sources < TENTH_SPEAKER_SOURCES_MAX; k++) {
		size_t s = c->v[k].start, e = c->v[k].end, len = e - s;
		if (c->v[k].type != PII_PERSON || len > 3 || e >= t->n || t->cp[e] != ':' ||
		    !all_kanji_between(t, s, e))
			continue;
		from[sources] = s;
		len_of[sources] = len;
		sources++;
	}
	if (!sources)
		return;
	size_t *starts = NULL, ns = 0, cap = 0;
	for (size_t ls = 0; ls < t->n; ls = pii__find_cp(t, ls, '\n') + 1) {
		if (ns == cap) {
			cap = cap ? 2 * cap : 64;
			starts = yk_xrealloc(starts, cap * sizeof(*starts));
		}
		starts[ns++] = speaker_start(t, ls);
	}
	for (size_t j = 0; j < sources; j++) {
		size_t s = from[j], len = len_of[j];
		for (size_t l = 0; l < ns; l++) {
			size_t a = starts[l];
			if (a != s && a + len < t->n && t->cp[a + len] == ':' &&
			    memcmp(t->cp + a, t->cp + s, len * sizeof(uint32_t)) == 0) {
				int inside = 0;
				for (size_t q = 0; q < c->n && !inside; q++)
					inside = c->v[q].start < a + len && a < c->v[q].end;
				if (!inside)
					pii__cand_add(c, t, a, a + len, PII_PERSON, 0.75);
			}
		}
	}
	free(starts);
}

/* Common words of two kanji said with ちゃん or くん that name no one
 * (後輩くん, 新人さん's kin). */
static const char *const chan_not_names[] = {"後輩", "先輩", "新人", "同期", "同僚", "友達",
					     "先生", "社長", "博士", "委員", "主任", "担任", "職員",
					     "店員", "係員", "生徒", "園児", "児童", "学生", "選手",
					     "彼女", "彼氏", "担当", "長男", "長女", "次男", "二男", "二女", "次女",
					     "三男", "三女", "祖母", "祖父", "息子", "兄弟", "姉妹",
					     NULL};

/* Katakana words said with ちゃん or くん that name no one (ワンちゃん). */
static const char *const chan_not_kata[] = {"ワン", "ニャン", "ネコ", "イヌ", "ママ", "パパ",
					    "ババ", "ジジ", "ウサ", "クマ", "パン", "アンパン",
					    "ピヨ", "カメ", "ハム", NULL};

int pii__chan_not_name(const struct pii__text *t, size_t s, size_t e)
{
	return pii__is_word(t, s, e, chan_not_names) || pii__is_word(t, s, e, chan_not_kata);
}

/* A given name of two kanji alone before ちゃん or くん at i (子涵ちゃん,
 * 欣怡ちゃん: Chinese given names ENAMDICT does not list, tenth round):
 * no kanji before it and a list's or a phrase's mark there (・, の, a
 * bracket, 、, a space, a line's start, 「), no place ENAMDICT knows. */
static void chan_given(const struct pii__names *names, const struct pii__text *t,
		       struct pii__cands *c, size_t i, size_t *budget)
{
	if (!pii__match(t, i, "ちゃん") && !pii__match(t, i, "くん"))
		return;
	if (pii__is_kata(t->cp[i - 1])) {
		/* a katakana given name (ハユンちゃん): 2-5 katakana after a
		 * mark, no pet's or parent's word */
		size_t k = i;
		while (k > 0 && pii__is_kata(t->cp[k - 1]) && i - k <= 5)
			k--;
		uint32_t pk = k ? t->cp[k - 1] : '\n';
		if (i - k < 2 || i - k > 5 || !(pk == 0x3001 || pk == 0x306E || pk == 0x30FB ||
						 pk == '(' || pk == ' ' || pk == '\n' || pk == 0x300C))
			return;
		if (pii__is_word(t, k, i, kana_not_given) || word_exact(t, k, i, chan_not_kata) ||
		    person_covers(c, k, i, budget))
			return;
		pii__cand_add(c, t, k, i, PII_PERSON, 0.75);
		return;
	}
	size_t a = i - 2;
	if (!pii__is_kanji(t->cp[a]) || (a > 0 && pii__is_kanji(t->cp[a - 1])))
		return;
	uint32_t p = a ? t->cp[a - 1] : '\n';
	if (!(p == 0x30FB || p == 0x306E /* の */ || p == '(' || p == 0x3001 || p == ' ' ||
	      p == '\n' || p == 0x300C /* 「 */))
		return;
	/* a title is no given name (店長くん, 部長さん's kin) */
	if (t->cp[i - 1] == 0x9577 /* 長 */ || word_exact(t, a, i, chan_not_names) ||
	    word_exact(t, a, i, not_surnames))
		return;
	unsigned f = pii__names_lookup(names, t->cp + a, 2);
	if (((f & PII_NAME_PLACE) && !(f & PII_NAME_GIVEN)) || person_covers(c, a, i, budget))
		return;
	pii__cand_add(c, t, a, i, PII_PERSON, 0.75);
}

/* Roles and relations written before a full name without an honorific
 * (対象児 加藤 蒼空, 元夫坂本 拓郎, 長男佐々木 剛, 請求者 仲村渠 光). */
static const char *const full_name_roles[] = {
	"元夫", "元妻", "対象児童", "対象児", "請求者", "申請者", "申出人", "届出人", "相談者",
	"受給者", "世帯主", "配偶者", "保護者", "被保険者", "妻", "夫", "息子", "娘", "長男", "長女", "次男", "二男", "二女",
	"次女", "三男", "三女", "母", "父", "孫", "兄", "姉", "弟", "妹", "祖母", "祖父", NULL,
};

/* A full name after such a role: the kanji run before the space at i is a
 * role glued to a surname (元夫坂本), or a surname after the role and a
 * space (対象児 加藤); a given name ENAMDICT lists follows the space (tenth
 * round). */
static void spaced_name_after_role(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c, size_t i, size_t *budget)
{
	size_t a = i;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a <= 8)
		a--;
	if (i - a < 2 || i - a > 7 || (a > 0 && pii__is_kanji(t->cp[a - 1])))
		return;
	size_t s = 0;
	if (i - a <= 3 && a >= 2 && t->cp[a - 1] == ' ') {
		/* 対象児 加藤: the role before the space */
		size_t r = a - 1, q = r;
		while (q > 0 && pii__is_kanji(t->cp[q - 1]) && r - q <= 4)
			q--;
		if ((q == 0 || !pii__is_kanji(t->cp[q - 1])) && word_exact(t, q, r, full_name_roles))
			s = a;
	}
	for (size_t k = 0; !s && full_name_roles[k]; k++) {
		size_t m = pii__match(t, a, full_name_roles[k]);
		if (m && i - (a + m) >= 2 && i - (a + m) <= 3)
			s = a + m;
	}
	if (!s || !bare_surname(names, t, s, i))
		return;
	size_t e = given_after_space(names, t, i + 1);
	if (!e || person_covers(c, s, e, budget))
		return;
	pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
}

/* A capitalised Latin given name before a date or an age in brackets at o
 * (対象児童 Miguel（2017.09.04）、Sofia（…）, tenth round): one word of 3-12
 * letters after a space, 、, ・, a comma or a line's start. */
static void latin_given_dated(const struct pii__text *t, struct pii__cands *c, size_t o,
			      size_t *budget)
{
	size_t a = o;
	while (a > 0 && t->cp[a - 1] >= 'a' && t->cp[a - 1] <= 'z' && o - a <= 12)
		a--;
	if (a == 0 || !pii__is_upper(t->cp[a - 1]))
		return;
	a--;
	if (o - a < 3 || o - a > 12)
		return;
	uint32_t p = a ? t->cp[a - 1] : '\n';
	if (!(p == ' ' || p == 0x3001 || p == 0x30FB || p == ',' || p == '\n'))
		return;
	/* a year of four digits and . / - 年, or an age */
	size_t d = o + 1;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - o <= 5)
		d++;
	if (d >= t->n)
		return;
	uint32_t q = t->cp[d];
	int date = d - o - 1 == 4 && (q == '.' || q == '/' || q == '-' || q == 0x5E74 /* 年 */);
	/* the bracket holds the date alone (not Windows（2024.01 更新）) */
	while (date && d < t->n && t->cp[d] != ')') {
		uint32_t r = t->cp[d++];
		date = pii__is_digit(r) || r == '.' || r == '/' || r == '-' || r == 0x5E74 ||
		       r == 0x6708 /* 月 */ || r == 0x65E5 /* 日 */;
		if (d - o > 14)
			date = 0;
	}
	date = date && d < t->n;
	int age = d - o - 1 >= 1 && d - o - 1 <= 2 && (q == 0x6B73 /* 歳 */ || q == ')');
	if (!(date || age) || pii__latin_stop_word(t, a, o) || person_covers(c, a, o, budget))
		return;
	pii__cand_add(c, t, a, o, PII_PERSON, 0.75);
}

static int hangul(uint32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

/* The end of the Hangul word opening at s. */
static size_t hangul_word_end(const struct pii__text *t, size_t s)
{
	size_t e = s;
	while (e < t->n && hangul(t->cp[e]))
		e++;
	return e;
}

/* Is the Hangul word [s, e) a word of a Korean sentence (a space and
 * Hangul on either side)? A name stands alone. The callers skip such a
 * word whole: restarting inside it read its tail (서연이 of 김서연이)
 * as a word of its own. */
static int hangul_in_sentence(const struct pii__text *t, size_t s, size_t e)
{
	return (s >= 2 && t->cp[s - 1] == ' ' && hangul(t->cp[s - 2])) ||
	       (e + 1 < t->n && t->cp[e] == ' ' && hangul(t->cp[e + 1]));
}

/* Korean names in Hangul (tenth round): a word of 2-4 syllables standing
 * alone (no Hangul or space and Hangul on either side) before its reading
 * in katakana in brackets (娘の서연（ソヨン）), or alone on its own line
 * (a signature: 이민준) when it ends in no verb's ending (다, 요). */
static void hangul_names(const struct pii__text *t, struct pii__cands *c, size_t *budget)
{
	for (size_t i = 0; i < t->n; i++) {
		if (!hangul(t->cp[i]))
			continue;
		size_t s = i, e = hangul_word_end(t, s);
		i = e;
		if (e - s < 2 || e - s > 4 || hangul_in_sentence(t, s, e))
			continue;
		int reading = 0;
		if (e + 2 < t->n && t->cp[e] == '(' && pii__is_kata(t->cp[e + 1])) {
			size_t q = e + 1;
			while (q < t->n && q - e <= 10 &&
			       (pii__is_kata(t->cp[q]) || t->cp[q] == ' ' || t->cp[q] == 0x30FB))
				q++;
			reading = q < t->n && t->cp[q] == ')';
		}
		uint32_t last = t->cp[e - 1];
		/* alone on a line: three or four syllables (a full name; 감사,
		 * 네네 are words) */
		int alone = e - s >= 3 && (s == 0 || t->cp[s - 1] == '\n') &&
			    (e >= t->n || t->cp[e] == '\n') && last != 0xB2E4 /* 다 */ &&
			    last != 0xC694 /* 요 */;
		if ((reading || alone) && !person_covers(c, s, e, budget))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}

/* Headers of a column of staff written by their surnames (ケース番号,
 * 世帯主,…,担当CW). */
static const char *const taker_headers[] = {"担当", "担当者", "担当CW", "担当SW", "担当職員",
					    "担当保健師", "地区担当", "受付者", "対応者", "記入者",
					    "受付担当", "対応職員", NULL};

/* Starts w at i on the first code points of the indexed keyword list
 * words: 1, or -1 when the list has no index or more first code points
 * than a walk holds. */
static int header_walk_start(const struct pii__text *t, struct pii__walk *w,
			     const char *const *words, size_t i)
{
	const struct pii__kwlist *L = pii__kwlist_get(words);
	if (!L || L->plain)
		return -1;
	uint32_t cps[PII_WALK_MAX];
	unsigned m = 0;
	for (size_t k = 0; k < L->n; k++) {
		unsigned j = 0;
		while (j < m && cps[j] != L->cp0[k])
			j++;
		if (j == m) {
			if (m == PII_WALK_MAX)
				return -1;
			cps[m++] = L->cp0[k];
		}
	}
	pii__walk_init(w, t, i, cps, m);
	return 1;
}

/* The end of the cell from s of a row whose cells the separator sep
 * (',' or a tab) divides. */
static size_t row_cell_end(const struct pii__text *t, size_t s, uint32_t sep)
{
	while (s < t->n && t->cp[s] != '\n' &&
	       !(sep == ',' ? t->cp[s] == ',' : (t->cp[s] == ' ' && pii__raw_tab(t, s))))
		s++;
	return s;
}

/* A staff column of a comma or tab table (tenth round): a header line with
 * a cell of taker_headers; in the rows after it, up to a blank line, that
 * column's cell when it is a surname ENAMDICT lists (2-3 kanji) alone. */
static void taker_column(const struct pii__names *names, const struct pii__text *t,
			 struct pii__cands *c, size_t *budget)
{
	int col = -1;
	uint32_t sep = 0;
	/* a header's word starts with one of the list's first code points:
	 * after the first line, only a line holding one is read cell by cell
	 * (a document's every line was) */
	struct pii__walk heads = {0}; /* set before its first use (walk > 0) */
	int walk = 0; /* 1: heads is started, -1: no walk (every line read) */
	for (size_t ls = 0; ls < t->n;) {
		size_t le = pii__line_end(t, ls);
		if (ls > 0 && col < 0 && !walk)
			walk = header_walk_start(t, &heads, taker_headers, ls);
		if (le == ls) {
			col = -1;
		} else if (col < 0 && walk > 0 && pii__walk_from(&heads, ls) >= le) {
			/* no header on this line */
		} else if (col < 0) {
			/* a header: its cells by ',' or by tabs */
			for (int k = 0; k < 2 && col < 0; k++) {
				uint32_t sp = k ? '\t' : ',';
				/* two cells at least: a comma, or a tab (folded to a
				 * space), in the text */
				if (!pii__may_have(t, k ? ' ' : ','))
					continue;
				int n = 0;
				for (size_t a = ls; a < le && col < 0; n++) {
					size_t b = row_cell_end(t, a, sp);
					if (b > a && b - a <= 6 && word_exact(t, a, b, taker_headers) && n > 0)
						col = n, sep = sp;
					a = b + 1;
				}
			}
		} else {
			int n = 0;
			for (size_t a = ls; a <= le; n++) {
				size_t b = row_cell_end(t, a, sep);
				if (n == col) {
					if (b - a >= 2 && b - a <= 3 && bare_surname(names, t, a, b) &&
					    !person_covers(c, a, b, budget))
						pii__cand_add(c, t, a, b, PII_PERSON, 0.75);
					break;
				}
				if (b >= le)
					break;
				a = b + 1;
			}
		}
		ls = le + 1;
	}
}

static int half_kana(uint32_t c) { return c >= 0xFF66 && c <= 0xFF9F; }

/* A name in half-width katakana in running text (口座名義がｺﾏﾂ ｹﾝｲﾁじゃなく
 * てｺﾏﾂ ｹｲｺ（妻）に…, tenth round): two words of 2-8 half-width letters
 * joined by one space, no half-width letter or space around, the first
 * read by ENAMDICT as a surname and neither an organisation's word (the
 * way bank data write a holder). */
static void half_kana_names(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c, size_t *budget)
{
	for (size_t i = 0; i < t->n; i++) {
		if (!half_kana(t->cp[i]))
			continue;
		size_t s = i, m = i;
		while (m < t->n && half_kana(t->cp[m]))
			m++;
		i = m;
		if (s > 0 && (t->cp[s - 1] == ' ' || pii__is_alnum(t->cp[s - 1])))
			continue;
		if (m - s < 2 || m - s > 8 || m + 2 >= t->n || t->cp[m] != ' ' || pii__raw_tab(t, m) ||
		    !half_kana(t->cp[m + 1]))
			continue;
		size_t e = m + 1;
		while (e < t->n && half_kana(t->cp[e]))
			e++;
		i = e;
		if (e - m - 1 < 2 || e - m - 1 > 8 || (e < t->n && (t->cp[e] == ' ' ||
								    pii__is_alnum(t->cp[e]))))
			continue;
		int org = 0;
		for (size_t q = s; q < e && !org; q++)
			org = pii__match_any(t, q, half_org_words) != 0;
		if (org || !(pii__names_lookup_kana(names, t->cp + s, m - s) & PII_NAME_SURNAME_KANA) ||
		    person_covers(c, s, e, budget))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
	}
}

/* ---- names of the twenty-third round ------------------------------------ */

/* A surname found alone with a given name in katakana glued after it, in
 * running text (memos write 西村カズエが… with no space): the katakana run,
 * 2-4 code points that ENAMDICT reads as a given name, is the name's
 * second half when a particle, an honorific or
 * punctuation follows it (a word in katakana after a surname, 中村クリニック
 * で, is no given name). Returns the name's end, or e. */
size_t pii__kata_given_after(const struct pii__text *t, size_t s, size_t e)
{
	const struct pii__names *names = pii__names_get();
	size_t g = e;
	if (!names || e <= s || e >= t->n || !pii__is_kata(t->cp[e]) ||
	    !bare_surname(names, t, s, e))
		return e;
	while (g < t->n && script_of(t->cp[g]) == KS_KATA && g - e <= 4)
		g++;
	if (g - e < 2 || g - e > 4 || !alone_name_follow(t, g) ||
	    pii__is_word(t, e, g, kana_not_given))
		return e;
	/* many given names read as a surname too (よしえ: 吉江); after a
	 * surname the run is the given name */
	if (!(pii__names_lookup_kana(names, t->cp + e, g - e) & PII_NAME_GIVEN_KANA))
		return e;
	return g;
}

/* The rules' surnames with such a given name: the span grows over it. */
static void kata_given_glued(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON)
			continue;
		size_t g = pii__kata_given_after(t, v->start, v->end);
		if (g != v->end)
			pii__span_set(v, t, v->start, g);
	}
}

/* The ninth round's rules over the candidates, after the pass. */
static void names_ninth_after(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c, size_t *budget)
{
	if (pii__may_have(t, ':'))
		speaker_repeats(t, c);
	if (pii__may_have_class(t, PII_CUE_HANGUL))
		hangul_names(t, c, budget);
	if (pii__may_have(t, ' ') && pii__may_have_class(t, PII_CUE_KATA))
		half_kana_names(names, t, c, budget);
	if (pii__may_have(t, 0x62C5 /* 担 */) ||
	    (pii__may_have(t, 0x8005 /* 者 */) && pii__may_have(t, ',')))
		taker_column(names, t, c, budget);
	if (pii__may_have(t, 0x5B50 /* 子 */))
		kata_ko_names(t, c);
	glued_names_around(names, t, c, budget);
	if (pii__may_have_class(t, PII_CUE_KATA))
		kata_given_glued(t, c);
	if (pii__may_have(t, ' '))
		given_repeats(t, c, budget);
}

/* A reading in brackets right after a name the rules above completed
 * (佐藤 蒼空（そら）: the MeCab pass saw only 佐藤), eighth round. */
static void bracket_readings(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *v = &c->v[k];
		size_t j = v->end;
		if (v->type != PII_PERSON || j + 2 >= t->n || t->cp[j] != '(')
			continue;
		size_t e = pii__kana_reading_at(t, j + 1, pii__is_latin(t->cp[v->start]));
		if (e)
			pii__cand_add(c, t, j + 1, e, PII_PERSON, 0.86);
	}
}

/* The first position from i where the sixth round's pass below may act
 * (「, a hiragana other than の after a boundary, a kanji that starts a
 * relation word), or t->n: a tight loop over the others. */
static size_t sixth_cue(const struct pii__text *t, size_t i, const struct pii__kwlist *R)
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	for (; i < n; i++) {
		uint32_t ch = cp[i];
		if (ch < 0x3041) {
			if (ch == 0x300C /* 「 */)
				break;
		} else if (pii__is_hira(ch)) {
			uint32_t p = i ? cp[i - 1] : '\n';
			if (ch != 0x306E && (p == '\n' || p == ':' || p == 0x300C || p == 0x3002 ||
					     p == 0x3001 || p == ' '))
				break;
		} else if (ch >= 0x4E00 && (!R || R->plain || pii__kw_has(R->first, ch))) {
			break;
		}
	}
	return i;
}

/* A child named by a given name after 子ども or 子供 and の (子どもの健太の
 * パスポート, 子供の美咲が…; twenty-sixth round (e)): the word is no
 * relation of relatives (子 opens too many words), so it is read here as
 * relatives_named() reads 娘の: 2-3 kanji ENAMDICT lists as a given name
 * (a place too, unless the text writes it as one), then a particle of
 * name_particles. 子どもの教育が (no given name) is none. */
static int word_is_place_here(const struct pii__text *t, const struct pii__cands *c, size_t s,
			      size_t e);
static void child_named(const struct pii__names *names, const struct pii__text *t,
			struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 0, 0x5B50 /* 子 */); i + 5 < t->n;
	     i = pii__find_cp(t, i + 1, 0x5B50)) {
		size_t g = pii__match(t, i, "子どもの") ? i + 4 : pii__match(t, i, "子供の") ? i + 3 : 0;
		if (!g || (i > 0 && pii__is_kanji(t->cp[i - 1])))
			continue;
		size_t e = g;
		while (e < t->n && pii__is_kanji(t->cp[e]) && e - g < 4)
			e++;
		if (e - g < 2 || e - g > 3 || e >= t->n || !pii__match_any(t, e, name_particles) ||
		    word_exact(t, g, e, not_surnames) || pii__person_overlaps(c, g, e))
			continue;
		unsigned f = pii__names_lookup(names, t->cp + g, e - g);
		if (!(f & PII_NAME_GIVEN) || word_is_place_here(t, c, g, e))
			continue;
		pii__cand_add(c, t, g, e, PII_PERSON, 0.75);
	}
}

static void names_sixth_round(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	/* one pass: a hiragana word after a boundary, a relation word (most
	 * code points: two compares and one bit test) */
	const struct pii__kwlist *R = pii__kwlist_get(relatives);
	size_t quotes = 0;
	for (size_t i = 0; i < t->n; i++) {
		i = sixth_cue(t, i, R);
		if (i >= t->n)
			break;
		uint32_t ch = t->cp[i];
		if (ch < 0x3041) {
			if (ch == 0x300C /* 「 */ && quotes < SIXTH_LIST_CHECKS_MAX)
				quotes += (size_t)quoted_kana_names(t, c, i);
			continue;
		}
		if (pii__is_hira(ch)) {
			uint32_t p = i ? t->cp[i - 1] : '\n';
			if (ch != 0x306E && (p == '\n' || p == ':' || p == 0x300C || p == 0x3002 ||
					     p == 0x3001 || p == ' '))
				kana_name_honorific(names, t, c, i);
		} else if (ch >= 0x4E00 && (!R || R->plain || pii__kw_has(R->first, ch))) {
			relatives_named(names, t, c, i);
		}
	}
	if (pii__may_have(t, 0x5B50 /* 子 */) && pii__may_have(t, 0x306E /* の */))
		child_named(names, t, c);
	surnames_completed(names, t, c);
	if (pii__may_have(t, '('))
		given_before_relation(names, t, c);
	latin_before_bracketed_names(t, c);
	titles_trimmed(t, c);
	readings_completed(t, c);
	surname_repeats(t, c);
}

/* ---- birth dates in rows (sixth round) ----------------------------------- */

/* The last year a date may be in to be taken for a birth date by its place
 * alone: the texts are written in 2026 (令和8); a date of the last two
 * years in a row is usually the day of a procedure (交付, 受付). */
#define ROW_BIRTH_YEAR_MAX 2024

/* The western year of the date starting at s (an era's name or letter and
 * its year, or four digits), or 0. */
static unsigned date_year(const struct pii__text *t, size_t s)
{
	static const struct {
		const char *era;
		unsigned base;
	} eras[] = {{"明治", 1867}, {"大正", 1911}, {"昭和", 1925}, {"平成", 1988}, {"令和", 2018},
		    {"M", 1867},    {"T", 1911},    {"S", 1925},    {"H", 1988},    {"R", 2018}};
	for (size_t k = 0; k < sizeof eras / sizeof eras[0]; k++) {
		size_t m = pii__match(t, s, eras[k].era);
		if (!m)
			continue;
		size_t j = s + m;
		if (j < t->n && t->cp[j] == 0x5143 /* 元 */)
			return eras[k].base + 1;
		unsigned y = 0;
		while (j < t->n && pii__is_digit(t->cp[j]) && j - s - m < 2)
			y = y * 10 + (t->cp[j++] - '0');
		return y ? eras[k].base + y : 0;
	}
	unsigned y = 0;
	size_t j = s;
	while (j < t->n && pii__is_digit(t->cp[j]) && j - s < 4)
		y = y * 10 + (t->cp[j++] - '0');
	return j - s == 4 ? y : 0;
}

/* Relations that open a line of a family list (妻 明日香 S58.10.27 女). */
static const char *const family_relations[] = {
	"世帯主", "本人", "妻", "夫", "長男", "長女", "次男", "二男", "二女", "次女", "三男", "三女", "子",
	"母", "父", "祖母", "祖父", "孫", "兄", "姉", "弟", "妹", "養子", "養女", NULL,
};

static int row_sep(const struct pii__text *t, size_t i)
{
	return t->cp[i] == ' ' || t->cp[i] == ',';
}

/* The PERSON candidate nearest before s on its line, with at most three
 * cells between it and s in a tab or comma row (鰐淵 健吾<TAB>7337…<TAB>
 * S60.08.14) and only spaces in a row of spaces (対象児童：相模 琉生　H27.2.4);
 * 1 when found. */
/* The PERSON candidates' spans, sorted by their ends: the nearest name
 * before a cell by a binary search, whatever the number of names. */
struct person_ends {
	size_t *end; /* owned: pairs (end, start), sorted by end */
	size_t n;
};

static void person_ends_init(struct person_ends *p, const struct pii__cands *c)
{
	p->n = 0;
	p->end = NULL;
	size_t m = 0;
	for (size_t k = 0; k < c->n; k++)
		m += c->v[k].type == PII_PERSON;
	if (!m)
		return;
	/* pairs (end, start) sorted by end */
	size_t *pairs = yk_xmalloc(2 * m * sizeof(*pairs));
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON) {
			pairs[2 * p->n] = c->v[k].end;
			pairs[2 * p->n + 1] = c->v[k].start;
			p->n++;
		}
	qsort(pairs, p->n, 2 * sizeof(*pairs), pii__cmp_pairs);
	p->end = pairs;
}

/* The end of the PERSON candidate that ends last at or before s and starts
 * at ls or after, or SIZE_MAX. */
static size_t person_end_before(const struct person_ends *p, size_t s, size_t ls)
{
	size_t lo = pii__keys_below(p->end, p->n, 2, s + 1); /* the first end > s */
	for (size_t k = lo; k-- > 0;) {
		if (p->end[2 * k] < ls)
			break;
		if (p->end[2 * k + 1] >= ls)
			return p->end[2 * k];
	}
	return SIZE_MAX;
}

/* Honorifics between a name and its row's cells or its bracket. */
static const char *const row_honorifics[] = {"様", "さん", "さま", "氏", "殿", "君", "ちゃん",
					     NULL};

static int person_before_in_row(const struct pii__text *t, const struct person_ends *pe,
				size_t s, size_t ls)
{
	size_t e = person_end_before(pe, s, ls);
	if (e == SIZE_MAX)
		return 0;
	/* 片山 ツル（かたやま つる）　1931年3月3日: the reading's bracket */
	if (e < s && t->cp[e] == ')')
		e++;
	/* 大槻 幸子様 S22.8.15: the honorific (seventh round) */
	e += pii__match_any(t, e, row_honorifics);
	int plain = 1, cells = 0;
	for (size_t i = e; i < s; i++) {
		if (row_sep(t, i)) {
			if (i > e && !row_sep(t, i - 1))
				cells++;
			if (t->cp[i] == ' ' && !pii__raw_tab(t, i))
				plain = plain && 1;
			continue;
		}
		plain = 0;
		if (t->cp[i] == ' ' && !pii__raw_tab(t, i))
			return 0;
	}
	if (plain)
		return 1;
	/* cells between: separated by tabs or commas only, no date among them
	 * (a space inside a cell of a tab row is the cell's: 身体障害者手帳 1種2級;
	 * eighth round (a), piirules8a) */
	int tabbed = 0;
	for (size_t i = e; i < s && !tabbed; i++)
		tabbed = pii__raw_tab(t, i);
	for (size_t i = e; i < s; i++)
		if ((t->cp[i] == ' ' && !pii__raw_tab(t, i) && !tabbed) || pii__date_end(t, i))
			return 0;
	return cells <= 4;
}

/* Notes a family's line writes where a name would stand (妻 不明
 * S50.1.2, 長女 出産予定 …; fourteenth round (a)). */
static const char *const family_line_notes[] = {"不明", "不詳", "未定", "出産", "予定", "出産予定",
						"死亡", "転出", "転入", "同居", "別居", "なし",
						NULL};

/* A relation opening the line (or, before a date and 生, an item after
 * 、 or a colon), a space, one word, spaces and the date at s: the word is
 * the relative's name (長女 さくら H24.4.1). */
static void family_line(const struct pii__text *t, struct pii__cands *c, size_t ls, size_t s)
{
	size_t m = pii__match_any(t, ls, family_relations);
	if (!m || ls + m >= s || t->cp[ls + m] != ' ')
		return;
	size_t a = ls + m + 1, e = a;
	while (e < s && t->cp[e] != ' ')
		e++;
	size_t b = e;
	while (b < s && t->cp[b] == ' ')
		b++;
	/* a given name in Latin letters, capitalised (子 Joshua 2022/06/17生;
	 * fourteenth round (a)) */
	int latin = e - a >= 3 && e - a <= 12 && pii__is_latin_upper(t->cp[a]);
	if (b != s || e - a < 1 || (e - a > 5 && !latin))
		return;
	for (size_t i = a; i < e; i++)
		if (!(latin ? pii__is_latin(t->cp[i]) && (i == a || !pii__is_latin_upper(t->cp[i]))
			    : pii__is_kanji(t->cp[i]) || script_of(t->cp[i]) != KS_NONE))
			return;
	if (latin && pii__latin_stop_word(t, a, e))
		return;
	if (word_exact(t, a, e, family_line_notes))
		return;
	pii__cand_add(c, t, a, e, PII_PERSON, 0.8);
}

/* What may open a date in a cell: a digit, an era's letter and a digit
 * (S52.3.9), 昭和/平成. */
static int date_shape(const struct pii__text *t, size_t i)
{
	uint32_t ch = t->cp[i];
	if (pii__is_digit(ch))
		return 1;
	if (i + 1 >= t->n)
		return 0;
	uint32_t d = t->cp[i + 1];
	if (ch == 'S' || ch == 'H' || ch == 'R' || ch == 'T' || ch == 'M')
		return pii__is_digit(d);
	return (ch == 0x662D /* 昭 */ && d == 0x548C /* 和 */) ||
	       (ch == 0x5E73 /* 平 */ && d == 0x6210 /* 成 */);
}

/* Four digits and a date's separator (1977-05-26, 1962年): the only dates
 * of digits a cell holds as a birth date. */
static int date_punct(const struct pii__text *t, size_t i)
{
	if (i + 4 >= t->n)
		return 0;
	for (size_t k = i; k < i + 4; k++)
		if (!pii__is_digit(t->cp[k]))
			return 0;
	uint32_t c = t->cp[i + 4];
	return c == '-' || c == '/' || c == '.' || c == 0x5E74 /* 年 */;
}

/* A compact date of eight digits alone in a tab or comma cell (19380516):
 * a year from 1880, a month and a day (seventh round). */
static int compact_date_cell(const struct pii__text *t, size_t i)
{
	if (i + 8 > t->n || !pii__all_digits(t, i, i + 8) || !cell_between(t, i, i + 8))
		return 0;
	unsigned v[8];
	for (size_t k = 0; k < 8; k++)
		v[k] = t->cp[i + k] - '0';
	unsigned y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5],
		 d = v[6] * 10 + v[7];
	return y >= 1880 && y <= ROW_BIRTH_YEAR_MAX && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Words of a text about health-insurance cards (a returned-mail list of
 * 被保険者証, a 資格確認書 list): the 8-digit number opening a row before a
 * name there is the card's number. */
static const char *const insurance_list_words[] = {"被保険者証", "被保険者番号", "保険証",
						   "資格確認書", NULL};

/* Asked of the part of the text that holds the row (between blank lines),
 * not the whole: a document that pasted a household's table (世帯番号 before
 * 渡辺 修) and, elsewhere, a notice about 保険証 had the household's number
 * taken for a card's. The rows come in order: the parts are walked once,
 * each read for the words when a row first asks. */
struct insurance_part {
	size_t at, a, z; /* pii__part_next()'s walk and the part [a, z) */
	int list;        /* the part's verdict, -1 before it is read */
};

static int insurance_list_text(const struct pii__text *t, struct insurance_part *ip, size_t ls)
{
	if (!pii__may_have(t, 0x967A /* 険 */) && !pii__may_have(t, 0x78BA /* 確 */))
		return 0;
	while (ip->z <= ls && ip->z < t->n) {
		if (!pii__part_next(t, &ip->at, &ip->a, &ip->z))
			ip->z = t->n;
		ip->list = -1;
	}
	if (ip->list < 0) {
		ip->list = 0;
		for (size_t q = ip->a; q < ip->z && !ip->list; q++)
			ip->list = pii__match_any(t, q, insurance_list_words) != 0;
	}
	return ip->list;
}

/* The cell opening at a (up to 24 code points) ends with a PERSON
 * candidate that ends it: a name's cell. */
static int person_cell_at(const struct pii__text *t, const struct person_ends *pe, size_t a)
{
	size_t ce = a;
	while (ce < t->n && t->cp[ce] != ',' && !pii__raw_tab(t, ce) && t->cp[ce] != '\n' &&
	       ce - a < 24)
		ce++;
	return person_end_before(pe, ce, a) == ce && cell_between(t, a, ce);
}

/* An 8-digit first cell of a tab or comma row right before a person's
 * name cell, in a text about insurance cards: the card's number (後期高齢
 * 者医療 numbers have eight digits; seventh round). */
static void insurance_row_number(const struct pii__text *t, struct pii__cands *c,
				 const struct person_ends *pe, size_t ls,
				 struct insurance_part *list)
{
	size_t e = ls;
	while (e < t->n && pii__is_digit(t->cp[e]))
		e++;
	if (e - ls != 8 || e + 1 >= t->n || !(t->cp[e] == ',' || pii__raw_tab(t, e)))
		return;
	if (!person_cell_at(t, pe, e + 1))
		return;
	if (insurance_list_text(t, list, ls))
		pii__cand_add(c, t, ls, e, PII_JP_HEALTH_INSURANCE, 0.85);
}

/* The end of a cell of digits opening at a (a comma or a tab after it),
 * or 0. */
static size_t digit_cell_end(const struct pii__text *t, size_t a)
{
	size_t e = a;
	while (e < t->n && pii__is_digit(t->cp[e]))
		e++;
	return e > a && e < t->n && (t->cp[e] == ',' || pii__raw_tab(t, e)) ? e : 0;
}

/* A row opening with a health-insurance card's 記号, 番号 and 枝番 before
 * the person's name cell (3107,0058836,01,福田 修,…; batches 226-233): a
 * cell of 1-8 digits, one of 5-8 and a 枝番 of two digits opening with 0,
 * then a PERSON candidate filling the next cell. Each is its own value. */
static void insurance_triple_row(const struct pii__text *t, struct pii__cands *c,
				 const struct person_ends *pe, size_t ls)
{
	size_t e1 = digit_cell_end(t, ls);
	size_t e2 = e1 ? digit_cell_end(t, e1 + 1) : 0;
	size_t e3 = e2 ? digit_cell_end(t, e2 + 1) : 0;
	if (!e3 || e1 - ls > 8 || e2 - e1 - 1 < 5 || e2 - e1 - 1 > 8 || e3 - e2 - 1 != 2 ||
	    t->cp[e2 + 1] != '0')
		return;
	if (!person_cell_at(t, pe, e3 + 1))
		return;
	pii__cand_add(c, t, ls, e1, PII_JP_HEALTH_INSURANCE, 0.85);
	pii__cand_add(c, t, e1 + 1, e2, PII_JP_HEALTH_INSURANCE, 0.85);
	pii__cand_add(c, t, e2 + 1, e3, PII_JP_HEALTH_INSURANCE, 0.85);
}

/* A date cell followed by a cell of an age (1歳6か月, 1歳児クラス, 8か月):
 * a birth date whatever its year (a child born this year; batches
 * 226-233). */
static int age_cell_after(const struct pii__text *t, size_t e)
{
	if (e >= t->n || !(t->cp[e] == ',' || pii__raw_tab(t, e)))
		return 0;
	size_t d = e + 1;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - e <= 3)
		d++;
	return d > e + 1 && d < t->n &&
	       (t->cp[d] == 0x6B73 /* 歳 */ || pii__match(t, d, "か月") || pii__match(t, d, "ヶ月") ||
		pii__match(t, d, "カ月"));
}

/* A date alone in a bracket right after a person's name (川口 幸子さん
 * （S11.10.3）), or after the reading in that bracket (大橋 翼（オオハシ
 * ツバサ、平成9年10月6日）): the person's birth date (seventh round). */
static int bracket_birth_date(const struct pii__text *t, const struct person_ends *pe, size_t i,
			      size_t e, size_t ls)
{
	size_t r = e;
	if (r < t->n && t->cp[r] == 0x751F /* 生 */)
		r++;
	if (r >= t->n || t->cp[r] != ')')
		return 0;
	size_t o = i - 1;
	if (t->cp[o] == 0x3001 /* 、 */) {
		/* the reading before it: katakana and spaces */
		while (o > ls && (pii__is_kata(t->cp[o - 1]) || t->cp[o - 1] == ' ') && i - o <= 16)
			o--;
		if (o == i - 1 || o == ls || t->cp[o - 1] != '(')
			return 0;
		o--;
	}
	if (t->cp[o] != '(')
		return 0;
	/* the name ends at the bracket, or an honorific does */
	o -= pii__ends_with(t, ls, o, row_honorifics);
	return person_end_before(pe, o, ls) == o;
}

/* An 11-digit cell of a tab or comma row after a person's name, not a
 * phone number (no leading 0): the resident code (住民票コード) of a row of
 * a resident register. */
/* Does the text name the resident code (住民票コード) in the 400 code
 * points before i? */
static int resident_code_named_before(const struct pii__text *t, size_t i)
{
	size_t lo = i > 400 ? i - 400 : 0;
	for (size_t q = i; q-- > lo;)
		if (t->cp[q] == 0x4F4F /* 住 */ && pii__match(t, q, "住民票コード"))
			return 1;
	return 0;
}

/* A row of spaces from the PERSON candidate nearest before i on its line
 * to i: the name, an optional date cell, and spaces only (岡 啓介 S49.1.30
 * 31807264519). */
static int spaced_row_after_person(const struct pii__text *t, const struct person_ends *pe,
				   size_t i, size_t ls)
{
	size_t q = person_end_before(pe, i, ls);
	if (q == SIZE_MAX || q >= i || t->cp[q] != ' ')
		return 0;
	while (q < i && t->cp[q] == ' ')
		q++;
	size_t de = q < i ? pii__date_end(t, q) : 0;
	if (de) {
		q = de;
		while (q < i && t->cp[q] == ' ')
			q++;
	}
	return q == i;
}

static int resident_code_cell(const struct pii__text *t, struct pii__cands *c,
			      const struct person_ends *pe, size_t i, size_t ls)
{
	/* a row of spaces, in a text that names the code before it (列：氏名、
	 * 生年月日、住民票コード, then the rows; batch 283) */
	int spaced = t->cp[i - 1] == ' ' && !pii__raw_tab(t, i - 1);
	if (t->cp[i] == '0' || !(t->cp[i - 1] == ',' || pii__raw_tab(t, i - 1) || spaced))
		return 0;
	size_t e = i;
	while (e < t->n && pii__is_digit(t->cp[e]))
		e++;
	if (e - i != 11 || (e < t->n && t->cp[e] != ',' && !pii__raw_tab(t, e) && t->cp[e] != '\n'))
		return 0;
	if (spaced ? !(spaced_row_after_person(t, pe, i, ls) && resident_code_named_before(t, i))
		   : !person_before_in_row(t, pe, i, ls))
		return 0;
	pii__cand_add(c, t, i, e, PII_JP_RESIDENT_CODE, 0.85);
	return 1;
}

/* A date alone in a cell of a row, old enough to be a birth date, after a
 * person's name in the row: the person's birth date. */
/* The first position from i that holds a line's end or a code point a
 * date may start with (date_shape(): a digit, S H R T M, 昭, 平), or t->n:
 * a tight loop over the others. */
static inline size_t skip_to_row_date_cue(const struct pii__text *t, size_t i)
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	for (; i < n; i++) {
		uint32_t ch = cp[i];
		if (ch == '\n' || pii__is_digit(ch) || ch == 'S' || ch == 'H' || ch == 'R' ||
		    ch == 'T' || ch == 'M' || ch == 0x662D /* 昭 */ || ch == 0x5E73 /* 平 */)
			break;
	}
	return i;
}

static void row_birth_dates(const struct pii__text *t, struct pii__cands *c)
{
	size_t ls = 0;
	struct insurance_part list = {0, 0, 0, -1}; /* insurance_list_text() */
	/* every date below follows a cell's separator (a space, a comma, a
	 * tab folded to a space), a bracket or 、 */
	if (!pii__may_have(t, ' ') && !pii__may_have(t, ',') && !pii__may_have(t, '(') &&
	    !pii__may_have(t, 0x3001 /* 、 */))
		return;
	struct person_ends pe;
	person_ends_init(&pe, c);
	for (size_t i = 0; i < t->n && pe.n; i++) {
		i = skip_to_row_date_cue(t, i);
		if (i >= t->n)
			break;
		uint32_t ch = t->cp[i];
		if (ch == '\n') {
			ls = i + 1;
			continue;
		}
		if (i == ls && pii__is_digit(ch)) {
			insurance_row_number(t, c, &pe, ls, &list);
			insurance_triple_row(t, c, &pe, ls);
		}
		if (i > ls && (ch == 'S' || ch == 'H' || ch == 'R' || ch == 0x662D || ch == 0x5E73 ||
			       pii__is_digit(ch)) &&
		    (t->cp[i - 1] == '(' || t->cp[i - 1] == 0x3001) && date_shape(t, i)) {
			size_t de = pii__date_end(t, i);
			unsigned dy = de ? date_year(t, i) : 0;
			if (dy >= 1880 && dy <= ROW_BIRTH_YEAR_MAX && bracket_birth_date(t, &pe, i, de, ls)) {
				pii__cand_add(c, t, i, de, PII_DATE_OF_BIRTH, 0.85);
				i = de - 1;
				continue;
			}
		}
		if (i == ls || !row_sep(t, i - 1) || !date_shape(t, i))
			continue;
		size_t e = pii__is_digit(ch) && !date_punct(t, i) ? 0 : pii__date_end(t, i);
		if (!e && compact_date_cell(t, i))
			e = i + 8;
		if (!e && resident_code_cell(t, c, &pe, i, ls))
			continue;
		/* a date with 生 (born) glued, ending an item of a family
		 * written on one line (妻 美和子 S54.11.2生、長男 蒼 H21.7.30生;
		 * fourteenth round (a)) */
		size_t born = e && e < t->n && t->cp[e] == 0x751F /* 生 */ &&
					      (e + 1 == t->n || t->cp[e + 1] == 0x3001 ||
					       t->cp[e + 1] == '\n')
				      ? e + 1
				      : 0;
		if (!e || (!born && e < t->n && !row_sep(t, e) && t->cp[e] != '\n' &&
			   t->cp[e] != '\r'))
			continue;
		unsigned y = date_year(t, i);
		if (y < 1880 || (y > ROW_BIRTH_YEAR_MAX && !(y <= 2099 && age_cell_after(t, e))))
			continue;
		size_t before = c->n;
		if (born) {
			size_t is = i;
			while (is > ls && t->cp[is - 1] != 0x3001 && t->cp[is - 1] != ':' &&
			       t->cp[is - 1] != 0xFF1A)
				is--;
			family_line(t, c, is, i);
			if (c->n > before)
				pii__cand_add(c, t, i, e, PII_DATE_OF_BIRTH, 0.85);
			i = e - 1;
			continue;
		}
		family_line(t, c, ls, i);
		if (c->n > before || person_before_in_row(t, &pe, i, ls))
			pii__cand_add(c, t, i, e, PII_DATE_OF_BIRTH, 0.85);
		i = e - 1;
	}
	free(pe.end);
}

/* The first digit or → from i (or t->n): a tight loop. */
static inline size_t skip_to_digit_or_arrow(const struct pii__text *t, size_t i)
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	while (i < n && !pii__is_digit(cp[i]) && cp[i] != 0x2192 /* → */)
		i++;
	return i;
}

/* Candidates at most compared with each speaker's label (the earliest). */
#define NAMED_SPEAKER_SOURCES_MAX 48

/* 1 when [s, s + len) is a whole word of the PERSON candidate v: spaces,
 * ・, a comma or the candidate's edges around it, and more than it in v. */
static int word_of_person(const struct pii__text *t, const struct pii_span *v, size_t s,
			  size_t len)
{
	if (v->type != PII_PERSON || v->end - v->start <= len + 1)
		return 0;
	for (size_t p = v->start; p + len <= v->end; p++) {
		if (t->cp[p] != t->cp[s] ||
		    memcmp(t->cp + p, t->cp + s, len * sizeof(uint32_t)) != 0)
			continue;
		uint32_t l = p > v->start ? t->cp[p - 1] : ' ';
		uint32_t r = p + len < v->end ? t->cp[p + len] : ' ';
		if ((l == ' ' || l == 0x30FB || l == ',') && (r == ' ' || r == 0x30FB || r == ','))
			return 1;
	}
	return 0;
}

static int person_over(const struct pii__cands *c, size_t s, size_t e)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].start <= s && c->v[k].end >= e)
			return 1;
	return 0;
}

/* A name changed after an arrow (妻 阿部茉莉→髙橋茉莉: a new surname by
 * marriage): after a PERSON candidate and →, 2-6 kanji (a space may part
 * them) whose last kanji, one or more, are the candidate's last ones (the
 * given name kept) and follow at least one other kanji (the new surname). */
static void renamed_after_arrow(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end;
		if (c->v[k].type != PII_PERSON || e + 2 >= t->n || t->cp[e] != 0x2192 /* → */ ||
		    !pii__is_kanji(t->cp[e + 1]))
			continue;
		/* a space only where the old name had one (阿部 茉莉→髙橋 茉莉) */
		size_t spaces_left = 0, spaces = 0;
		for (size_t q = s; q < e; q++)
			spaces_left |= t->cp[q] == ' ';
		size_t j = e + 1, r = j;
		while (r < t->n && r - j < 7) {
			if (t->cp[r] == ' ' && spaces < spaces_left && r + 1 < t->n &&
			    pii__is_kanji(t->cp[r + 1]))
				spaces++;
			else if (!pii__is_kanji(t->cp[r]))
				break;
			r++;
		}
		if (r - j - spaces < 2 || (r < t->n && pii__is_kanji(t->cp[r])))
			continue;
		/* the kanji shared at both ends */
		size_t g = 0;
		while (g < r - j && g < e - s && t->cp[r - 1 - g] == t->cp[e - 1 - g] &&
		       pii__is_kanji(t->cp[r - 1 - g]))
			g++;
		if (g < 1 || r - g - j < 1 || g == e - s || person_over(c, j, r))
			continue;
		pii__cand_add(c, t, j, r, PII_PERSON, 0.85);
	}
}

/* Titles a speaker of minutes carries before the colon (藤原副会長：). */
static const char *const minutes_titles[] = {
	"委員", "委員長", "副委員長", "会長", "副会長", "議長", "副議長", "部会長", "座長",
	"副座長", "理事", "理事長", "監事", "幹事", "顧問", "議員", "参与", "事務局長", NULL};

/* A speaker of minutes or a chat named by one word of a person the text
 * names in full (出席：学校指導課 森 千尋、TAKAHASHI Cristina … then ・森：…
 * and ・Cristina：…; thirteenth round (a)): the label opens its line (after
 * a bullet, a marker or a time in brackets), is 1-3 kanji or one Latin
 * word of three letters or more, and ends at a colon, or at a title of
 * minutes_titles and a colon. */
static void speakers_named_in_text(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n < NAMED_SPEAKER_SOURCES_MAX ? c->n : NAMED_SPEAKER_SOURCES_MAX;
	int persons = 0;
	for (size_t k = 0; k < n && !persons; k++)
		persons = c->v[k].type == PII_PERSON;
	if (!persons)
		return;
	for (size_t ls = 0; ls < t->n;) {
		size_t a = ls;
		while (a < t->n && a - ls < 3 &&
		       (t->cp[a] == ' ' || t->cp[a] == 0x30FB /* ・ */ || t->cp[a] == 0x2022 ||
			t->cp[a] == '-' || t->cp[a] == '*' || speaker_marker(t->cp[a])))
			a++;
		if (a < t->n && t->cp[a] == '[') {
			size_t q = a + 1;
			while (q < t->n && t->cp[q] != ']' && t->cp[q] != '\n' && q - a <= 24)
				q++;
			if (q < t->n && t->cp[q] == ']')
				a = q + 1 + (q + 1 < t->n && t->cp[q + 1] == ' ');
		}
		size_t b = a;
		int kanji = a < t->n && pii__is_kanji(t->cp[a]);
		while (b < t->n && b - a < 12 &&
		       (kanji ? pii__is_kanji(t->cp[b]) : pii__is_latin(t->cp[b])))
			b++;
		/* a title of minutes may stand between the word and the colon
		 * (藤原副会長：, Kim委員：; sixteenth round (a)) */
		size_t colon = b;
		if (kanji && b < t->n && t->cp[b] == ':' && b - a > 3) {
			for (size_t l = 1; l <= 3 && colon == b; l++)
				if (word_exact(t, a + l, b, minutes_titles))
					b = a + l;
		} else if (!kanji && b > a && b < t->n && pii__is_kanji(t->cp[b])) {
			size_t r = kanji_run_end(t, b);
			if (r < t->n && t->cp[r] == ':' && word_exact(t, b, r, minutes_titles))
				colon = r;
		}
		if (b > a && colon < t->n && t->cp[colon] == ':' &&
		    (kanji ? b - a <= 3 : b - a >= 3 && pii__is_latin_upper(t->cp[a]))) {
			int found = 0, covered = 0;
			for (size_t k = 0; k < c->n && !covered; k++)
				covered = c->v[k].type == PII_PERSON && c->v[k].start < b &&
					  a < c->v[k].end;
			for (size_t k = 0; k < n && !found && !covered; k++)
				found = word_of_person(t, &c->v[k], a, b - a);
			if (found)
				pii__cand_add(c, t, a, b, PII_PERSON, 0.8);
		}
		while (ls < t->n && t->cp[ls] != '\n')
			ls++;
		ls++;
	}
}

/* A given name in Latin letters listed after a person and a note in
 * brackets (児童：Lucas（3年）、Beatriz（1年）; thirteenth round (a)): one
 * capitalised word of three letters or more right after ）、 and before a
 * bracket of its own, where a PERSON candidate ends at the bracket the ）
 * closes. */
static void latin_names_listed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 2, 0x3001 /* 、 */); i + 4 < t->n;
	     i = pii__find_cp(t, i + 1, 0x3001)) {
		if (t->cp[i - 1] != ')' || !pii__is_latin_upper(t->cp[i + 1]))
			continue;
		size_t e = i + 2;
		while (e < t->n && pii__is_latin(t->cp[e]) && !pii__is_latin_upper(t->cp[e]) &&
		       e - i < 20)
			e++;
		if (e - i - 1 < 3 || e >= t->n || t->cp[e] != '(' ||
		    pii__latin_stop_word(t, i + 1, e))
			continue;
		size_t o = i - 1;
		while (o > 0 && t->cp[o - 1] != '(' && t->cp[o - 1] != '\n' && i - o < 16)
			o--;
		if (o == 0 || t->cp[o - 1] != '(')
			continue;
		int person = 0;
		for (size_t k = 0; k < c->n && !person; k++)
			person = c->v[k].type == PII_PERSON && c->v[k].end == o - 1;
		if (person)
			pii__cand_add(c, t, i + 1, e, PII_PERSON, 0.8);
	}
}

/* After a name ending at j: a slash (/ or ／) with at most a space on
 * either side; the position after it, or 0 when there is none. */
static size_t slash_after(const struct pii__text *t, size_t j)
{
	if (j < t->n && t->cp[j] == ' ')
		j++;
	if (j >= t->n || (t->cp[j] != '/' && t->cp[j] != 0xFF0F))
		return 0;
	j++;
	if (j < t->n && t->cp[j] == ' ')
		j++;
	return j;
}

/* A name's other spelling in Latin letters after a slash (a signature:
 * 平野 修 / Osamu Hirano; thirteenth round (a)): right after a PERSON
 * candidate, a slash with at most a space on either side, then two or
 * three capitalised words that end the line or meet a bracket. */
static void latin_after_slash(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_PERSON || pii__is_latin(t->cp[c->v[k].start]))
			continue;
		size_t j = slash_after(t, c->v[k].end);
		if (!j)
			continue;
		size_t s = j, words = 0;
		while (words < 3 && j + 1 < t->n && pii__is_latin_upper(t->cp[j]) &&
		       t->cp[j] < 0x80) {
			size_t w = j++;
			while (j < t->n && t->cp[j] >= 'a' && t->cp[j] <= 'z')
				j++;
			if (j - w < 2 || pii__latin_stop_word(t, w, j))
				break;
			words++;
			if (j + 1 < t->n && t->cp[j] == ' ' && pii__is_latin_upper(t->cp[j + 1]))
				j++;
			else
				break;
		}
		if (words >= 2 &&
		    (j >= t->n || t->cp[j] == '\n' || t->cp[j] == '(' || t->cp[j] == ')'))
			pii__cand_add(c, t, s, j, PII_PERSON, 0.8);
	}
}

/* ---- names of the sixteenth round (a) ------------------------------------ */

#define CHAT_LABELS_MAX 48 /* speaker lines a chat is read for */

/* A chat line's label: after a time in square brackets, or a time (and a
 * date of digits and slashes) and a space at the line's start, 1-4 kanji
 * or 2-5 hiragana right before a colon. */
struct chat_label {
	size_t s, e;
};

static size_t chat_time_skipped(const struct pii__text *t, size_t ls)
{
	size_t a = speaker_start(t, ls);
	if (a != ls)
		return a;
	size_t k = ls;
	int colon = 0;
	while (k < t->n && k - ls < 17 &&
	       ((pii__is_digit(t->cp[k]) && t->cp[k] < 0x80) || t->cp[k] == ':' ||
		t->cp[k] == '/' || t->cp[k] == ' '))
		colon |= t->cp[k++] == ':';
	/* the time's colon has digits after it: 14:05 , not 母: */
	if (!colon || k == ls || t->cp[k - 1] != ' ' || !pii__is_digit(t->cp[k - 2]))
		return ls;
	return k;
}

static int chat_label_at(const struct pii__text *t, size_t a, struct chat_label *l)
{
	size_t b = a;
	int kanji = a < t->n && pii__is_kanji(t->cp[a]);
	while (b < t->n && b - a < 6 && (kanji ? pii__is_kanji(t->cp[b]) : pii__is_hira(t->cp[b])))
		b++;
	if (b >= t->n || t->cp[b] != ':' || (kanji ? b - a > 4 : b - a < 2 || b - a > 5))
		return 0;
	l->s = a;
	l->e = b;
	return 1;
}

static size_t chat_label_count(const struct pii__text *t, const struct chat_label *v, size_t n,
			       size_t k)
{
	size_t len = v[k].e - v[k].s, same = 0;
	for (size_t j = 0; j < n; j++)
		same += v[j].e - v[j].s == len &&
			memcmp(t->cp + v[j].s, t->cp + v[k].s, len * sizeof(uint32_t)) == 0;
	return same;
}

/* Roles and words that speak in family and volunteers' chats (母：, 本人：),
 * beside not_surnames and relatives. */
static const char *const chat_roles[] = {"本人", "家族", "娘", "息子", "嫁", "婿", "祖母", "祖父",
					 "おばあちゃん", "おじいちゃん", "おかあさん", "おとうさん",
					 "みんな", "わたし", "ぼく", "あたし", "こたえ", "しつもん",
					 "まとめ", "おしらせ", "れんらく", "ようけん",
					 /* a workplace's posts and desks speaking in a
					  * chat (船長：, 市場：, バイト：, ホール：;
					  * session 22's read files) */
					 "バイト", "パート", "ホール", "キッチン", "フロント", "レジ",
					 "事務所", "日配", "配送", "営業", "経理", "全員", NULL};

/* Words that make the word before them a place (田老第一中学校, 重茂公民館,
 * 崎山地区; seventeenth round (a)). */
static const char *const place_words[] = {"地区", "地域", "公民館", "中学校", "小学校", "支所",
					  "集会所", "体育館", "避難所", "漁港", "駅", NULL};

/* 1 when the part [from, to) of the text writes the label [s, e) again
 * elsewhere with a place's word after it, at most two code points on
 * (田老第一中学校), opening a word there (not 屋良 in 比屋良公民館). A
 * label of one kanji names no district: 児 of
 * 児：美月ちゃん begins 児島台公民館 in a notice that a document pasted with
 * a chat held, and made the chat's speakers districts. Only the label's
 * own part counts: a document that pasted a library's chat (石井：…) and a
 * tax notice naming 石井地区 has people, not districts, in its chat. */
static int label_names_place(const struct pii__text *t, size_t s, size_t e, size_t from,
			     size_t to)
{
	size_t len = e - s;
	if (len < 2)
		return 0;
	for (size_t p = pii__find_cp(t, from, t->cp[s]); p + len < to;
	     p = pii__find_cp(t, p + 1, t->cp[s])) {
		/* the label opens a word there: 屋良 inside 比屋良公民館 is
		 * another place's tail (batches 402-405) */
		if (p == s || (p > 0 && pii__is_kanji(t->cp[p - 1])) ||
		    memcmp(t->cp + p, t->cp + s, len * sizeof(uint32_t)) != 0)
			continue;
		for (size_t q = p + len; q <= p + len + 2 && q < t->n && pii__is_kanji(t->cp[q]) ; q++)
			if (pii__match_any(t, q, place_words))
				return 1;
	}
	return 0;
}

/* Titles glued after a speaker's surname before a colon (松井教頭：,
 * 刑部副会長：, 中司座長：; session 21), longest first, and the prefixes
 * that make a title of one (副会長：, 本部長：). */
static const char *const speaker_titles[] = {
	"副委員長", "副会長", "副座長", "副議長", "委員長", "自治会長", "部会長", "副組合長", "組合長",
	"会長",	    "座長",   "議長",	"委員",	  "議員",   "理事",	"監事",	  "幹事",
	"部長",	    "課長",   "係長",	"区長",	  "班長",   "次長",	"参事",	  "主査",
	"副代表",   "代表",   "主任",	"主事",	  "主幹",   "教頭",	"校長",	  "教諭",	"所長",	  "室長",
	"局長",	    "支配人", "研究員", "相談員", "支援員", "指導員", "推進員", "専門員",
	NULL};
static const char *const title_prefixes[] = {"本", "副", "前", "元", "新", "総", NULL};

/* The length of the speaker title that ends the label [s, e) after at least
 * one code point of it, or 0; 0 too when the label is a title alone (部会長：
 * is no 部 before 会長; session 22's read files). */
static size_t speaker_title_len(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t j = 0; speaker_titles[j]; j++) {
		size_t m = pii__kw_len(speaker_titles[j]);
		if (e - s >= m && pii__match(t, e - m, speaker_titles[j]) == m)
			return e - s > m ? m : 0;
	}
	return 0;
}

/* A chat's one-kanji label at s that may be a given name: none of
 * one_kanji_nouns, nor a note's or a form's mark. */
static int one_kanji_speaker(const struct pii__text *t, size_t s)
{
	static const uint32_t marks[] = {0x6CE8 /* 注 */, 0x8A18 /* 記 */, 0x4E3B /* 主 */,
					 0x6E08 /* 済 */, 0x8A08 /* 計 */, 0x7537 /* 男 */,
					 0x5973 /* 女 */, 0x65B0 /* 新 */, 0x6539 /* 改 */};
	uint32_t u = t->cp[s];
	for (size_t k = 0; k < YK_ARRAY_LEN(marks); k++)
		if (u == marks[k])
			return 0;
	for (size_t k = 0; k < YK_ARRAY_LEN(one_kanji_nouns); k++)
		if (u == one_kanji_nouns[k])
			return 0;
	return 1;
}

/* Speakers of a chat written by a given name or a surname alone
 * (恵子：, ゆうこ：, 中尾：; sixteenth round (a)). A chat is three lines or
 * more that open with a label before a colon (after a time, if any), one
 * label opening two lines or more. A label there is a name when it is
 * 2-4 kanji ENAMDICT lists as a given name, or 2-5 hiragana
 * it reads as a given name, and it opens two lines; or when it is 1-3
 * kanji ENAMDICT lists as a surname (bare_surname()), once is enough. */
static void chat_speakers_in(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c, size_t from, size_t to)
{
	struct chat_label v[CHAT_LABELS_MAX];
	size_t n = 0;
	for (size_t ls = from; ls < to && n < CHAT_LABELS_MAX;) {
		size_t a = chat_time_skipped(t, ls);
		if (chat_label_at(t, a, &v[n]))
			n++;
		ls = pii__skip_to_cp(t, ls, '\n') + 1;
	}
	if (n < 3)
		return;
	int repeated = 0;
	for (size_t k = 0; k < n && !repeated; k++)
		repeated = chat_label_count(t, v, n, k) >= 2;
	if (!repeated)
		return;
	size_t budget = CHAT_LABELS_MAX;
	/* a log whose speakers are districts (田老：田老第一中学校 …, 重茂：
	 * 重茂公民館 …): a label the text writes again before a place's word
	 * makes the once-is-enough surnames of the chat places */
	int districts = 0;
	for (size_t k = 0; k < n && !districts; k++)
		districts = label_names_place(t, v[k].s, v[k].e, from, to);
	for (size_t k = 0; k < n; k++) {
		size_t s = v[k].s, e = v[k].e;
		if (word_exact(t, s, e, not_surnames) || pii__is_word(t, s, e, relatives) ||
		    word_exact(t, s, e, chat_roles) || word_exact(t, s, e, staff_titles) ||
		    word_exact(t, s, e, kana_not_given))
			continue;
		/* a speaker with a title glued after the surname (松井教頭：,
		 * 今主査：; session 21), not the title's own prefix (副会長：);
		 * the chat's rule does not take 本 as one (title_prefixes + 1),
		 * so a chat's 本部長： still gives 本 (Known limits) */
		size_t tl = speaker_title_len(t, s, e);
		if (tl && e - tl == s + 1 && pii__match_any(t, s, title_prefixes + 1))
			continue;
		if (tl && !districts && pii__is_kanji(t->cp[s]) && bare_surname(names, t, s, e - tl)) {
			if (!person_covers(c, s, e - tl, &budget))
				pii__cand_add(c, t, s, e - tl, PII_PERSON, 0.75);
			continue;
		}
		int name = !districts && pii__is_kanji(t->cp[s]) && bare_surname(names, t, s, e);
		if (!name && chat_label_count(t, v, n, k) >= 2) {
			if (pii__is_kanji(t->cp[s])) {
				unsigned f = pii__names_lookup(names, t->cp + s, e - s);
				/* a place too (恵子 names one): a chat's repeated
				 * label is a speaker, not a place; one kanji too
				 * ([15:58] 萌：; session 22's read files) when no
				 * common noun or a note's mark (注：, 記：, 済：) */
				name = (e - s >= 2 || one_kanji_speaker(t, s)) && (f & PII_NAME_GIVEN);
			} else {
				name = pii__names_lookup_kana(names, t->cp + s, e - s) &
				       PII_NAME_GIVEN_KANA;
			}
		}
		if (name && !person_covers(c, s, e, &budget))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}

/* A chat is read part by part (between blank lines): the labels of a form
 * pasted above a chat are no speakers of it, and a long document's chats
 * each get their own count (batches 194-201 as documents). */
static void chat_speakers_alone(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	size_t at = 0, a, z;
	while (pii__part_next(t, &at, &a, &z))
		chat_speakers_in(names, t, c, a, z);
}

/* A chat line's speaker at a (after a time, if any): 1-3 kanji, or one
 * capitalised Latin word of three letters or more, right before a colon;
 * its end, or a. */
static size_t named_chat_label_end(const struct pii__text *t, size_t a)
{
	size_t b = a;
	if (a < t->n && pii__is_kanji(t->cp[a])) {
		while (b < t->n && pii__is_kanji(t->cp[b]) && b - a <= 3)
			b++;
		if (b - a > 3)
			return a;
	} else if (a < t->n && pii__is_latin_upper(t->cp[a])) {
		while (b < t->n && pii__is_latin(t->cp[b]) && b - a <= 16)
			b++;
		if (b - a < 3 || pii__latin_stop_word(t, a, b))
			return a;
	}
	return b > a && b < t->n && t->cp[b] == ':' ? b : a;
}

/* 1 when a PERSON candidate among the first sources of c is the word [s, e)
 * exactly, found elsewhere (通訳のMaritesさんから …, then Marites：…). */
static int label_found_as_person(const struct pii__text *t, const struct pii__cands *c,
				 size_t sources, size_t s, size_t e)
{
	for (size_t k = 0; k < sources; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type == PII_PERSON && v->confidence > 0.5 && v->start != s &&
		    v->end - v->start == e - s &&
		    memcmp(t->cp + v->start, t->cp + s, (e - s) * sizeof(uint32_t)) == 0)
			return 1;
	}
	return 0;
}

/* A chat of two speakers or more where one speaker's label is a person
 * the text names elsewhere (Lornaさんの件、通訳のMaritesさんから：… \n丹羽：
 * 更生医療が… \nMarites：Sinabi ko…; batches 346-353): the chat is between
 * persons, so its labels are names: a label the text found as a person,
 * and a label of 1-3 kanji ENAMDICT lists as a surname (bare_surname(),
 * no role, relation or title; not when a label names a district). A chat
 * of two lines is too short for chat_speakers_in(), which wants a label
 * repeated; a found person stands for it here. Read part by part. */
static void chat_of_named_speakers(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c)
{
	size_t sources = c->n < NAMED_SPEAKER_SOURCES_MAX ? c->n : NAMED_SPEAKER_SOURCES_MAX;
	size_t at = 0, from, to;
	while (pii__part_next(t, &at, &from, &to)) {
		struct chat_label v[CHAT_LABELS_MAX];
		size_t n = 0;
		int named = 0, districts = 0;
		size_t dated = 0;
		for (size_t ls = from; ls < to && n < CHAT_LABELS_MAX;) {
			size_t a = chat_time_skipped(t, ls), b = named_chat_label_end(t, a);
			if (b > a) {
				v[n].s = a;
				v[n++].e = b;
				named |= label_found_as_person(t, c, sources, a, b);
				dated += pii__find_cp_in(t, ls, a, '/') < a;
			}
			ls = pii__skip_to_cp(t, ls, '\n') + 1;
		}
		/* or every speaker's line opens with a date and a time, as a
		 * chat's export writes them (2026/12/04 15:20 宮崎：…⏎2026/12/04
		 * 15:22 原：了解です; session 25's read files): the lines of a
		 * timetable open with a time alone (10:00 宮崎：出発) */
		/* one dated line is a chat's message too (12/7 10:05 高梨：住民票
		 * コード…; session 26's read files) when its label is two kanji
		 * or more */
		int one = n == 1 && dated == 1 && v[0].e - v[0].s >= 2;
		if ((n < 2 && !one) || !(named || dated == n))
			continue;
		for (size_t k = 0; k < n && !districts; k++)
			districts = label_names_place(t, v[k].s, v[k].e, from, to);
		size_t budget = CHAT_LABELS_MAX;
		for (size_t k = 0; k < n; k++) {
			size_t s = v[k].s, e = v[k].e;
			int name;
			if (pii__is_kanji(t->cp[s]))
				name = !districts && bare_surname(names, t, s, e) &&
				       !pii__is_word(t, s, e, relatives) &&
				       !word_exact(t, s, e, chat_roles) &&
				       !word_exact(t, s, e, staff_titles) &&
				       !word_exact(t, s, e, minutes_titles) &&
				       !(e - s == 1 && word_exact(t, s, e, one_kanji_not_surnames)) &&
				       /* a chat named by its dates only: no common
				        * noun (11/27 08:10 園：承知しました) */
				       (named || e - s > 1 || one_kanji_speaker(t, s));
			else
				name = label_found_as_person(t, c, sources, s, e);
			if (name && !person_covers(c, s, e, &budget))
				pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
		}
	}
}

/* The speaker's label after a sender's unit or place in square brackets
 * opening the line at ls ([光台小 保健室] 濱田：…): 1-3 kanji before a
 * colon, after the bracket and at most one space; the bracket holds no
 * digit and no colon (a time, a date, a numbered item: [10:03], [議題1]).
 * 1 with the label in *l, or 0. */
static int unit_bracket_label(const struct pii__text *t, size_t ls, size_t to,
			      struct chat_label *l)
{
	size_t r = ls + 1;
	while (r < to && t->cp[r] != ']' && t->cp[r] != '\n' && r - ls < 24) {
		if (pii__is_digit(t->cp[r]) || t->cp[r] == ':')
			return 0;
		r++;
	}
	if (r >= to || t->cp[r] != ']' || r == ls + 1)
		return 0;
	size_t a = r + 1 < to && t->cp[r + 1] == ' ' ? r + 2 : r + 1;
	if (a >= to || !pii__is_kanji(t->cp[a]))
		return 0;
	size_t b = named_chat_label_end(t, a);
	if (b == a || b >= to)
		return 0;
	l->s = a;
	l->e = b;
	return 1;
}

/* A chat whose senders write for their units, each message opening with
 * the unit or the school in square brackets ([光台小 保健室] 濱田：…⏎
 * [給食センター] 園田：…; batches 370-373): the word before the colon is
 * the person who writes. Two such lines or more in a part, every label a
 * surname ENAMDICT lists (bare_surname(), no role, relation or title, not
 * a district the part writes again before a place's word); one label that
 * is none ([学校] 連絡：, [市民課] 母：) leaves the chat alone. Only the
 * lines opening with [ are read (pii__find_cp()). */
static void unit_bracket_speakers(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	size_t at = 0, from, to;
	while (pii__part_next(t, &at, &from, &to)) {
		struct chat_label v[CHAT_LABELS_MAX];
		size_t n = 0;
		int all = 1;
		for (size_t q = pii__find_cp(t, from, '['); q < to && n < CHAT_LABELS_MAX && all;
		     q = pii__find_cp(t, q + 1, '[')) {
			if (q > from && t->cp[q - 1] != '\n')
				continue;
			if (!unit_bracket_label(t, q, to, &v[n]))
				continue;
			size_t ls = v[n].s, le = v[n].e;
			all = bare_surname(names, t, ls, le) && !pii__is_word(t, ls, le, relatives) &&
			      !word_exact(t, ls, le, chat_roles) && !word_exact(t, ls, le, staff_titles) &&
			      !word_exact(t, ls, le, minutes_titles) &&
			      !(le - ls == 1 && word_exact(t, ls, le, one_kanji_not_surnames));
			n++;
		}
		if (n < 2 || !all)
			continue;
		int districts = 0;
		for (size_t k = 0; k < n && !districts; k++)
			districts = label_names_place(t, v[k].s, v[k].e, from, to);
		if (districts)
			continue;
		size_t budget = CHAT_LABELS_MAX;
		for (size_t k = 0; k < n; k++)
			if (!person_covers(c, v[k].s, v[k].e, &budget))
				pii__cand_add(c, t, v[k].s, v[k].e, PII_PERSON, 0.75);
	}
}

/* A chat copied from a chat tool (Teams, LINE WORKS, Slack): each message
 * opens with a line of the sender and the time alone (飛田 14:21), the
 * message on the lines after it. The header's name part at ls: 1-4 kanji,
 * a surname and a given name parted by a space (大川 早苗), or 2-6 kana;
 * then a space, a time (a date before it allowed) and the line's end. Its
 * end in *ne, the line's end returned, or 0. */
static size_t chat_header_at(const struct pii__text *t, size_t ls, size_t *ne)
{
	size_t k = ls, spaces = 0;
	while (k < t->n && k - ls < 10 &&
	       (pii__is_kanji(t->cp[k]) || pii__is_kata(t->cp[k]) || pii__is_hira(t->cp[k]) ||
		(t->cp[k] == ' ' && k > ls && t->cp[k - 1] != ' ' && k + 1 < t->n &&
		 !pii__is_digit(t->cp[k + 1]) && ++spaces <= 1)))
		k++;
	if (k == ls || k >= t->n || t->cp[k] != ' ' || t->cp[k - 1] == ' ')
		return 0;
	*ne = k;
	size_t q = k + 1, d = q;
	while (q < t->n && (pii__is_digit(t->cp[q]) || t->cp[q] == '/' || t->cp[q] == ':' ||
			    t->cp[q] == ' ') && q - d < 17)
		q++;
	/* ends in H:MM or HH:MM */
	if (q - d < 4 || t->cp[q - 3] != ':' || !pii__is_digit(t->cp[q - 1]) ||
	    !pii__is_digit(t->cp[q - 2]) || !pii__is_digit(t->cp[q - 4]))
		return 0;
	return q >= t->n || t->cp[q] == '\n' ? q : 0;
}

#define CHAT_HEADERS_MAX 32

/* The senders of such a chat: two header lines or more, each followed by
 * a message (a line that is no header: 第一会議室 9:00⏎第二会議室 13:30 is a
 * timetable). A sender of kanji is a name when ENAMDICT lists it as a
 * surname or a given name (a surname and a given name: both parts), or when
 * it sends twice; one of kana when it reads as a name. */
static void chat_export_senders(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	struct chat_label v[CHAT_HEADERS_MAX];
	size_t n = 0;
	int prev_header = 0;
	for (size_t ls = 0; ls < t->n;) {
		size_t ne, le = chat_header_at(t, ls, &ne);
		size_t next = pii__skip_to_cp(t, ls, '\n') + 1;
		if (le) {
			if (prev_header || n == CHAT_HEADERS_MAX || le + 1 >= t->n ||
			    t->cp[le + 1] == '\n')
				return; /* two headers in a row, or no message */
			v[n].s = ls;
			v[n].e = ne;
			n++;
			prev_header = 1;
		} else if (ls < t->n && t->cp[ls] != '\n') {
			prev_header = 0;
		}
		ls = next;
	}
	if (n < 2 || prev_header)
		return;
	size_t budget = CHAT_HEADERS_MAX;
	for (size_t k = 0; k < n; k++) {
		size_t s = v[k].s, e = v[k].e, sp = s;
		while (sp < e && t->cp[sp] != ' ')
			sp++;
		if (word_exact(t, s, e, not_surnames) || pii__is_word(t, s, e, relatives) ||
		    word_exact(t, s, e, chat_roles) || word_exact(t, s, e, staff_titles))
			continue;
		int name;
		if (pii__is_kanji(t->cp[s]) && sp == e) {
			unsigned f = pii__names_lookup(names, t->cp + s, e - s);
			name = (f & PII_NAME_SURNAME && bare_surname(names, t, s, e)) ||
			       (e - s >= 2 && (f & PII_NAME_GIVEN)) ||
			       chat_label_count(t, v, n, k) >= 2;
		} else if (pii__is_kanji(t->cp[s])) {
			name = bare_surname(names, t, s, sp) &&
			       (pii__names_lookup(names, t->cp + sp + 1, e - sp - 1) &
				(PII_NAME_GIVEN | PII_NAME_SURNAME));
		} else {
			name = sp == e && (pii__names_lookup_kana(names, t->cp + s, e - s) &
					   (PII_NAME_GIVEN_KANA | PII_NAME_SURNAME_KANA));
		}
		if (name && !person_covers(c, s, e, &budget))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}

/* 1 when the PERSON candidate v is a line's label before a colon, after a
 * time if any. */
static int label_candidate(const struct pii__text *t, const struct pii_span *v)
{
	size_t s = v->start, e = v->end;
	if (v->type != PII_PERSON || e >= t->n || t->cp[e] != ':' || e - s > 4 ||
	    !all_kanji_between(t, s, e))
		return 0;
	size_t ls = s;
	while (ls > 0 && t->cp[ls - 1] != '\n' && s - ls < 20)
		ls--;
	return (ls == 0 || t->cp[ls - 1] == '\n') && chat_time_skipped(t, ls) == s;
}

/* Speakers of a log that are districts, not people (田老：田老第一中学校
 * …, 崎山：了解; seventeenth round (a)): when a PERSON candidate that is a
 * line's label is written again in its part of the text before a place's
 * word (label_names_place()), the part's log speaks for places, and it and
 * every such label of the part ENAMDICT lists as a place too are dropped.
 * Part by part (between blank lines), as chat_speakers_alone() counts: in
 * a document of 65 pasted texts one chat's district (川並：) had dropped
 * the speakers of two other chats (石井：, 中村：), all surnames that are
 * places too. The part [a, z) holds the n candidates idx names (all of
 * the list when idx is NULL). */
static void districts_in_part(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c, const size_t *idx, size_t n, size_t a, size_t z)
{
	int districts = 0;
	for (size_t j = 0; j < n; j++) {
		struct pii_span *v = &c->v[idx ? idx[j] : j];
		if (label_candidate(t, v) && label_names_place(t, v->start, v->end, a, z)) {
			v->confidence = 0; /* pii__public_filter() drops it */
			districts = 1;
		}
	}
	for (size_t j = 0; j < n && districts; j++) {
		struct pii_span *v = &c->v[idx ? idx[j] : j];
		if (v->confidence > 0 && label_candidate(t, v) &&
		    (pii__names_lookup(names, t->cp + v->start, v->end - v->start) & PII_NAME_PLACE))
			v->confidence = 0;
	}
}

static void district_speakers_dropped(const struct pii__names *names, const struct pii__text *t,
				      struct pii__cands *c)
{
	struct pii__parts g;
	if (!pii__parts_make(t, c, c->n, &g)) {
		districts_in_part(names, t, c, NULL, c->n, 0, t->n);
		return;
	}
	for (size_t p = 0; p < g.n; p++)
		districts_in_part(names, t, c, g.idx + g.first[p], g.first[p + 1] - g.first[p],
				  g.bound[2 * p], g.bound[2 * p + 1]);
	pii__parts_release(&g);
}

/* 1 when a PERSON candidate overlaps [s, e). */
static int person_at_or_over(const struct pii__cands *c, size_t s, size_t e)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].start < e && s < c->v[k].end)
			return 1;
	return 0;
}

/* The capitalised Latin word of three letters or more that ends at e
 * (Gabriel), after a space, a bracket, 、 or a code point that is no Latin
 * letter, and is no stop word: its start, or e. */
static size_t latin_cap_word_before(const struct pii__text *t, size_t e)
{
	size_t a = e;
	while (a > 0 && e - a < 20 && pii__is_latin(t->cp[a - 1]) &&
	       !pii__is_latin_upper(t->cp[a - 1]))
		a--;
	if (a == 0 || e - a < 2 || !pii__is_latin_upper(t->cp[a - 1]))
		return e;
	a--;
	if (a > 0 && (pii__is_latin(t->cp[a - 1]) || pii__is_digit(t->cp[a - 1]) ||
		      t->cp[a - 1] == '-' || t->cp[a - 1] == '.' || t->cp[a - 1] == '@'))
		return e;
	return pii__latin_stop_word(t, a, e) ? e : a;
}

/* A given name in Latin letters right before an age (こどもは Gabriel 9さい,
 * Ana 3歳, sixteenth round (a)): one capitalised word, a space or none,
 * then one or two digits and 歳, さい or 才; a product or a place does not
 * carry an age. */
static void latin_given_before_age(const struct pii__text *t, struct pii__cands *c)
{
	static const uint32_t ages[] = {0x6B73 /* 歳 */, 0x624D /* 才 */, 0x3055 /* さ */};
	struct pii__walk w;
	pii__walk_init(&w, t, 3, ages, 3);
	for (size_t i = pii__walk_from(&w, 3); i + 1 < t->n; i = pii__walk_from(&w, i + 1)) {
		if (t->cp[i] == 0x3055 /* さ */ && t->cp[i + 1] != 0x3044 /* い */)
			continue;
		size_t d = i;
		while (d > 0 && i - d < 2 && pii__is_digit(t->cp[d - 1]) && t->cp[d - 1] < 0x80)
			d--;
		if (d == i || d == 0)
			continue;
		size_t e = t->cp[d - 1] == ' ' ? d - 1 : d;
		size_t a = latin_cap_word_before(t, e);
		if (a == e || person_at_or_over(c, a, e))
			continue;
		pii__cand_add(c, t, a, e, PII_PERSON, 0.8);
	}
}

/* Counts of children before a bracket that lists them (子2人（Mateo、
 * Camila）, こども3人（Ana, Lucas, Sofia）). */
static const char *const children_counted[] = {"子", "子ども", "子供", "こども", "児童", "孫",
					       "兄弟", "姉妹", NULL};

/* Given names in Latin letters listed in a bracket after a count of
 * children (sixteenth round (a)): each item a capitalised word of three
 * letters or more, items parted by 、, a comma or ・, the bracket closing
 * after the last; every item or none. */
static void latin_children_counted(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t o = pii__skip_to_cp(t, 0, '('); o + 4 < t->n; o = pii__skip_to_cp(t, o + 1, '(')) {
		if (o < 3 || t->cp[o - 1] != 0x4EBA /* 人 */ || !pii__is_digit(t->cp[o - 2]))
			continue;
		size_t k = o - 2;
		while (k > 0 && pii__is_digit(t->cp[k - 1]))
			k--;
		size_t w = k;
		while (w > 0 && k - w < 3 && !pii__is_digit(t->cp[w - 1]) && t->cp[w - 1] != '\n')
			w--;
		int counted = 0;
		for (size_t q = w; q < k && !counted; q++)
			counted = pii__match_any(t, q, children_counted) == k - q;
		if (!counted)
			continue;
		size_t items[8][2], n = 0, j = o + 1;
		int ok = 1;
		while (ok && n < 8) {
			size_t e = j;
			while (e < t->n && pii__is_latin(t->cp[e]) && e - j < 20)
				e++;
			if (e - j < 3 || !pii__is_latin_upper(t->cp[j]) || pii__latin_stop_word(t, j, e)) {
				ok = 0;
				break;
			}
			items[n][0] = j;
			items[n++][1] = e;
			if (e < t->n && t->cp[e] == ')')
				break;
			if (e + 1 >= t->n ||
			    !(t->cp[e] == 0x3001 || t->cp[e] == ',' || t->cp[e] == 0x30FB)) {
				ok = 0;
				break;
			}
			j = e + 1 + (e + 2 < t->n && t->cp[e + 1] == ' ');
		}
		if (!ok || n == 0 || items[n - 1][1] >= t->n || t->cp[items[n - 1][1]] != ')')
			continue;
		for (size_t q = 0; q < n; q++)
			if (!person_at_or_over(c, items[q][0], items[q][1]))
				pii__cand_add(c, t, items[q][0], items[q][1], PII_PERSON, 0.8);
	}
}

/* 1 when the line [s, e) is a spaced name alone: 1-3 kanji ENAMDICT lists
 * as a surname, a space and 1-3 kanji, or two words of 2-6 katakana. */
static int name_line(const struct pii__names *names, const struct pii__text *t, size_t s,
		     size_t e)
{
	size_t sp = s;
	while (sp < e && t->cp[sp] != ' ')
		sp++;
	if (sp == s || sp + 1 >= e)
		return 0;
	if (all_kanji_between(t, s, sp) && all_kanji_between(t, sp + 1, e))
		return sp - s <= 3 && e - sp - 1 <= 3 &&
		       (pii__names_lookup(names, t->cp + s, sp - s) & PII_NAME_SURNAME) &&
		       !word_exact(t, s, sp, not_surnames);
	for (size_t q = s; q < e; q++)
		if (q != sp && (!pii__is_kata(t->cp[q]) || t->cp[q] == 0x30FB))
			return 0;
	return sp - s >= 2 && sp - s <= 6 && e - sp - 1 >= 2 && e - sp - 1 <= 6;
}

/* A record written one value a line (sixteenth round (a)): a line that
 * is a spaced name alone (name_line()), the next line 男, 女, 男性 or
 * 女性 alone: the name; and a date alone on the line after that, of a year
 * up to BRACKET_BIRTH_YEAR_MAX, is the birth date. */
static void one_value_records(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	for (size_t ls = 0; ls < t->n;) {
		size_t le = pii__line_end(t, ls);
		size_t s2 = le + 1, e2 = s2 < t->n ? pii__line_end(t, s2) : s2;
		if (e2 > s2 && e2 - s2 <= 2 &&
		    (t->cp[s2] == 0x7537 /* 男 */ || t->cp[s2] == 0x5973 /* 女 */) &&
		    (e2 - s2 == 1 || t->cp[s2 + 1] == 0x6027 /* 性 */) && name_line(names, t, ls, le)) {
			size_t budget = 8;
			if (!person_covers(c, ls, le, &budget))
				pii__cand_add(c, t, ls, le, PII_PERSON, 0.85);
			size_t s3 = e2 + 1;
			if (s3 < t->n) {
				size_t e3 = pii__line_end(t, s3), de = pii__date_end(t, s3);
				unsigned y = de == e3 ? date_year(t, s3) : 0;
				if (y >= 1880 && y <= BRACKET_BIRTH_YEAR_MAX)
					pii__cand_add(c, t, s3, e3, PII_DATE_OF_BIRTH, 0.85);
			}
		}
		ls = le + 1;
	}
}

/* A name's reading after a label ending in 読み or よみ (読み チョウ イ,
 * （中国語読み ジャン ウェイ）, よみ：ヤマダ タロウ; sixteenth round (a)): then
 * a space or a colon, one to four katakana words parted by a space or ・,
 * three katakana or more in all, before a bracket, 、, a space, the line's
 * or the text's end; only in a text that names a person before it. */
static void readings_after_label(const struct pii__text *t, struct pii__cands *c)
{
	size_t first = t->n;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].start < first)
			first = c->v[k].start;
	/* only the places of み (wmemchr): a document's every code point
	 * was tested */
	for (size_t i = pii__find_cp(t, 1, 0x307F /* み */); i + 3 < t->n;
	     i = pii__find_cp(t, i + 1, 0x307F)) {
		if (t->cp[i - 1] != 0x8AAD /* 読 */ && t->cp[i - 1] != 0x3088 /* よ */)
			continue;
		if (i - 1 < first || (t->cp[i + 1] != ' ' && t->cp[i + 1] != ':'))
			continue;
		size_t s = i + 2, e = s, kata = 0, words = 1;
		while (e < t->n && words <= 4) {
			if (pii__is_kata(t->cp[e]) && t->cp[e] != 0x30FB) {
				kata++;
				e++;
			} else if ((t->cp[e] == ' ' || t->cp[e] == 0x30FB) && e + 1 < t->n &&
				   e > s && pii__is_kata(t->cp[e + 1]) && t->cp[e + 1] != 0x30FB) {
				words++;
				e++;
			} else {
				break;
			}
		}
		if (kata < 3 || words > 4 ||
		    (e < t->n && t->cp[e] != '(' && t->cp[e] != ')' && t->cp[e] != '\n' &&
		     t->cp[e] != 0x3001 && t->cp[e] != ' '))
			continue;
		size_t budget = 8;
		if (!person_covers(c, s, e, &budget))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
	}
}

/* ---- names of the seventeenth round (a) ---------------------------------- */

#define BRACKET_LABEL_MAX 20 /* code points of a speaker's label in brackets */

/* A speaker's label in square brackets at the line's start ls, with no
 * digit (a time or a date: [08:05], [LINE相談 2025/02/27]) or colon: 1,
 * and its closing bracket in *close. */
static int bracket_label_at(const struct pii__text *t, size_t ls, size_t *close)
{
	if (ls >= t->n || (t->cp[ls] != '[' && t->cp[ls] != 0x3010 /* 【 */) ||
	    (ls > 0 && t->cp[ls - 1] != '\n'))
		return 0;
	uint32_t shut = t->cp[ls] == '[' ? ']' : 0x3011 /* 】 */;
	size_t q = ls + 1;
	while (q < t->n && q - ls <= BRACKET_LABEL_MAX && t->cp[q] != shut && t->cp[q] != '\n' &&
	       !pii__is_digit(t->cp[q]) && t->cp[q] != ':')
		q++;
	if (q >= t->n || t->cp[q] != shut || q == ls + 1)
		return 0;
	*close = q;
	return 1;
}

/* 1 when [s, e) is a person's word by itself: 1-3 kanji ENAMDICT lists as
 * a surname (one kanji no direction's), a capitalised Latin word of two
 * letters or more that is no stop word, or 2-6 katakana ENAMDICT reads as
 * a surname or a given name. */
static int name_word_alone(const struct pii__names *names, const struct pii__text *t, size_t s,
			   size_t e)
{
	if (e <= s)
		return 0;
	uint32_t f = t->cp[s];
	if (pii__is_kanji(f))
		return bare_surname(names, t, s, e) &&
		       !(e - s == 1 && word_exact(t, s, e, one_kanji_not_surnames));
	if (pii__is_latin_upper(f)) {
		for (size_t q = s; q < e; q++)
			if (!pii__is_latin(t->cp[q]))
				return 0;
		return e - s >= 2 && !pii__latin_stop_word(t, s, e);
	}
	if (pii__is_kata(f) && e - s >= 2 && e - s <= 6) {
		for (size_t q = s; q < e; q++)
			if (!pii__is_kata(t->cp[q]) || t->cp[q] == 0x30FB)
				return 0;
		return (pii__names_lookup_kana(names, t->cp + s, e - s) &
			(PII_NAME_SURNAME_KANA | PII_NAME_GIVEN_KANA)) != 0;
	}
	return 0;
}

/* Speakers of a chat labelled by a role and a name in square brackets (or
 * 【】) at the line's start, with no time ([民生委員 井上] …, [包括 堀] …,
 * [保護者 Gomez] …; seventeenth round (a)). The chat is two lines or more that
 * open with such a label; the label's last word, after a space, is the
 * name when name_word_alone() takes it. A heading in brackets ([重要
 * お知らせ], [川口市 市民課]) holds no such word. */
static void bracket_speakers(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c)
{
	static const uint32_t opens[] = {'[', 0x3010 /* 【 */};
	struct pii__walk w;
	size_t labels = 0, q;
	pii__walk_init(&w, t, 0, opens, 2);
	for (size_t i = pii__walk_next(&w); i < t->n && labels < 2; i = pii__walk_next(&w))
		labels += (size_t)bracket_label_at(t, i, &q);
	if (labels < 2)
		return;
	size_t budget = CHAT_LABELS_MAX;
	pii__walk_init(&w, t, 0, opens, 2);
	for (size_t i = pii__walk_next(&w); i < t->n; i = pii__walk_next(&w)) {
		if (!bracket_label_at(t, i, &q))
			continue;
		size_t sp = q;
		while (sp > i + 1 && t->cp[sp - 1] != ' ')
			sp--;
		/* a role before the space, a name after it */
		if (sp <= i + 2 || t->cp[i + 1] == ' ')
			continue;
		if (name_word_alone(names, t, sp, q) && !person_covers(c, sp, q, &budget))
			pii__cand_add(c, t, sp, q, PII_PERSON, 0.75);
	}
}

/* What ends a staff member's name in a record's line: a list's mark, a
 * bracket, a slash or the line's end. */
static int staff_name_follow(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	uint32_t q = t->cp[e];
	return q == '\n' || q == 0x30FB || q == 0x3001 || q == '/' || q == '(' || q == ')';
}

/* Staff named in a record after 対応 or 通訳 and a space (対応 井上・通訳
 * カヤ; seventeenth round (a)): the word name_word_alone() takes, two kanji
 * or more unless a list's mark follows it, then a list's mark, a bracket,
 * a slash or the line's end. And an interpreter's name in brackets after
 * the language (通訳：タガログ語（Villanueva）): capitalised Latin words
 * that are no stop words. */
static void record_staff_names(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c)
{
	static const uint32_t marks[] = {0x5FDC /* 応 */, 0x8A33 /* 訳 */};
	struct pii__walk w;
	pii__walk_init(&w, t, 1, marks, 2);
	size_t budget = CHAT_LABELS_MAX;
	for (size_t i = pii__walk_next(&w); i < t->n; i = pii__walk_next(&w)) {
		uint32_t first = t->cp[i] == 0x5FDC ? 0x5BFE /* 対 */ : 0x901A /* 通 */;
		if (t->cp[i - 1] != first || i + 2 >= t->n)
			continue;
		if (t->cp[i + 1] == ' ') {
			size_t s = i + 2, e = s;
			if (pii__is_kanji(t->cp[s]))
				e = kanji_run_end(t, s);
			else
				while (e < t->n && e - s < 16 &&
				       (pii__is_kata(t->cp[e]) || pii__is_latin(t->cp[e])) &&
				       t->cp[e] != 0x30FB)
					e++;
			int list = e < t->n && (t->cp[e] == 0x30FB || t->cp[e] == 0x3001);
			if (staff_name_follow(t, e) && name_word_alone(names, t, s, e) &&
			    (e - s >= 2 || list || !pii__is_kanji(t->cp[s])) &&
			    !person_covers(c, s, e, &budget))
				pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
			continue;
		}
		if (t->cp[i] != 0x8A33 || t->cp[i + 1] != ':')
			continue;
		size_t le = pii__line_end(t, i);
		size_t o = pii__find_cp_in(t, i, le < i + 24 ? le : i + 24, '(');
		if (o >= le || t->cp[o - 1] != 0x8A9E /* 語 */)
			continue;
		size_t s = o + 1, e = s, words = 0;
		while (e < le && pii__is_latin_upper(t->cp[e]) && words < 3) {
			size_t a = e;
			while (e < le && pii__is_latin(t->cp[e]))
				e++;
			if (e - a < 2 || pii__latin_stop_word(t, a, e))
				break;
			words++;
			if (e + 1 < le && t->cp[e] == ' ')
				e++;
		}
		if (words && e < le && t->cp[e] == ')' && !person_covers(c, s, e, &budget))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}


/* An account holder's name in half-width katakana after 名義 (名義は ﾕﾙﾏｽﾞ
 * ｱﾌﾒﾄ です, 名義：ｸﾞｴﾝ ﾃｨ ﾊ, 口座名義 ｶﾞﾙｼｱ ｷｽﾍﾟ ﾙｲｽ ｱﾙﾍﾞﾙﾄ; seventeenth
 * round (a)): after は, が, a colon or a space (or none), half-width kana
 * words parted by single spaces, two letters or more, to です, punctuation
 * or the line's end. The whole replaces the parts other rules found. A
 * bracket at either end marks a corporation's kind (ｶ)ﾔﾏﾀﾞ, ｼﾔ)): no
 * name, and what other rules found in the kind before a bracket is
 * dropped. */
static void half_kana_holder(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 1, 0x7FA9 /* 義 */); i < t->n;
	     i = pii__find_cp(t, i + 1, 0x7FA9)) {
		if (t->cp[i - 1] != 0x540D /* 名 */)
			continue;
		size_t s = i + 1;
		if (s < t->n && (t->cp[s] == 0x306F /* は */ || t->cp[s] == 0x304C /* が */ ||
				 t->cp[s] == ':'))
			s++;
		if (s < t->n && t->cp[s] == ' ')
			s++;
		/* or in full-width katakana, two words at least (名義はマツウラ
		 * ユカ、, 名義がシモダ シズカになって; batches 806-821): one
		 * word may be a thing (名義はカタカナで) */
		int full = s < t->n && pii__is_kata(t->cp[s]) && !half_kana(t->cp[s]) &&
			   t->cp[s] != 0x30FC /* ー */;
		size_t e = s, letters = 0, words = 1;
		while (e < t->n && e - s < 40) {
			uint32_t u = t->cp[e];
			if (full ? pii__is_kata(u) : half_kana(u)) {
				letters++;
				e++;
			} else if (u == ' ' && e + 1 < t->n &&
				   (full ? pii__is_kata(t->cp[e + 1]) : half_kana(t->cp[e + 1])) && e > s) {
				e++;
				words++;
			} else {
				break;
			}
		}
		if (letters < 2 || (s > 0 && t->cp[s - 1] == ')') ||
		    (full && (words < 2 || words > 3 || letters < 4 || e - s > 16)))
			continue;
		/* （名義 ｸﾏﾀﾞ ﾊﾙｺ）: a bracket opened right before the label
		 * closes after the name (twenty-fourth round (b)) */
		size_t lab = i >= 3 && t->cp[i - 2] == 0x5EA7 /* 座 */ ? i - 3 : i - 1;
		int bracketed = lab >= 1 && t->cp[lab - 1] == '(' &&
				(lab == i - 1 || t->cp[lab] == 0x53E3 /* 口 */);
		if (e < t->n && t->cp[e] == ')' && !bracketed) {
			/* ｼﾔ)…, ｶ)…: a corporation's kind, no person's name */
			for (size_t k = 0; k < c->n; k++)
				if (c->v[k].type == PII_PERSON && c->v[k].start >= s && c->v[k].end <= e)
					c->v[k].confidence = 0; /* pii__public_filter() drops it */
			continue;
		}
		size_t f = e < t->n && t->cp[e] == ' ' ? e + 1 : e;
		if (!(f >= t->n || (bracketed && t->cp[e] == ')') || t->cp[f] == '\n' ||
		      t->cp[f] == 0x3001 || t->cp[f] == 0x3002 || t->cp[f] == ',' ||
		      pii__match(t, f, "です") || pii__match(t, f, "で") ||
		      (full && f == e && (pii__match(t, f, "に") || pii__match(t, f, "と")))))
			continue;
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].type == PII_PERSON && c->v[k].start >= s && c->v[k].end <= e &&
			    (c->v[k].start != s || c->v[k].end != e))
				c->v[k].confidence = 0.01; /* a part: the whole replaces it */
		pii__cand_add(c, t, s, e, PII_PERSON, 0.9);
	}
}

/* Staff roles written right after a surname inside a note (（本田ケアマネ
 * より）). */
static const char *const glued_roles[] = {"ケアマネジャー", "ケアマネージャー", "ケアマネ",
					  "ヘルパー", "ケースワーカー", "ワーカー", "保健師",
					  "看護師", "相談員", "支援員", "専門員", "主治医", "CW",
					  "SW", NULL};

/* The staff member who wrote a note in brackets (（本田ケアマネより）,
 * (吉川保健師から), （森CW）; seventeenth round (a)): after the bracket's
 * opening, 1-3 kanji ENAMDICT lists as a surname, a role of glued_roles,
 * then より, から or the bracket's end. */
static void note_by_staff(const struct pii__names *names, const struct pii__text *t,
			  struct pii__cands *c)
{
	size_t budget = CHAT_LABELS_MAX;
	for (size_t o = pii__find_cp(t, 0, '('); o < t->n; o = pii__find_cp(t, o + 1, '(')) {
		size_t s = o + 1, e = kanji_run_end(t, s);
		if (e == s || e - s > 3 || e >= t->n)
			continue;
		size_t m = pii__match_any(t, e, glued_roles);
		if (!m)
			continue;
		size_t f = e + m;
		if (!(f < t->n && (t->cp[f] == ')' || pii__match(t, f, "より") || pii__match(t, f, "から"))))
			continue;
		if (bare_surname(names, t, s, e) &&
		    !(e - s == 1 && word_exact(t, s, e, one_kanji_not_surnames)) &&
		    !person_covers(c, s, e, &budget))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}

/* A name's reading in katakana after the name in Latin letters and a
 * slash (氏名：SITI NURHALIZA / シティ ヌルハリザ; seventeenth round (a)),
 * as latin_after_slash() reads the other way round: after a PERSON
 * candidate in Latin letters, a slash and a space or none, one to four
 * katakana words parted by a space or ・, to the line's end or a bracket. */
static void kata_after_slash(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_PERSON || !pii__is_latin(t->cp[c->v[k].start]))
			continue;
		size_t j = slash_after(t, c->v[k].end);
		if (!j)
			continue;
		size_t s = j, words = 0;
		while (words < 4 && j < t->n && pii__is_kata(t->cp[j])) {
			size_t w = j;
			while (j < t->n && pii__is_kata(t->cp[j]) && j - w < 12)
				j++;
			words++;
			if (j + 1 < t->n && (t->cp[j] == ' ' || t->cp[j] == 0x30FB) &&
			    pii__is_kata(t->cp[j + 1]))
				j++;
			else
				break;
		}
		if (words && j - s >= 2 &&
		    (j >= t->n || t->cp[j] == '\n' || t->cp[j] == '(' || t->cp[j] == ')') &&
		    !person_at_or_over(c, s, j))
			pii__cand_add(c, t, s, j, PII_PERSON, 0.8);
	}
}

/* Words of an organisation's offices that end no name (多文化共生ネット
 * ワーク埼玉 代表理事: 埼玉 代表 is a place and a title). */
static const char *const office_last_words[] = {"代表", "副代表", "事務局", "支部", NULL};

/* A PERSON candidate whose last word, after a space, is an office's word
 * of office_last_words (an organisation's name and its representative's
 * title; seventeenth round (a)) is dropped. */
static void office_word_names_dropped(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->end - v->start < 4)
			continue;
		size_t w = v->end;
		while (w > v->start && t->cp[w - 1] != ' ')
			w--;
		if (w > v->start && word_exact(t, w, v->end, office_last_words))
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

/* A surname that ENAMDICT also reads as a place (度会, 根室) or lists
 * without a kind (ガルシア) left out before the given name the rules
 * found (『12/2 度会 シヅさん, 娘の度会 真由美さん, 妻：ガルシア 美紀,
 * 代理人：妻 中村 アナ・パウラ; twenty-first round (a)): the word right
 * before the name and a space, two to four kanji or two to eight
 * katakana, that opens its item (the line's start, a colon, a space,
 * 、, a bracket, の) and that ENAMDICT lists as a surname (a katakana
 * one also as a name of no kind), is the name's surname: the name widens
 * over it, and a part found alone gives way. None of not_surnames (担当
 * 美紀, 長女 美紀, 明日 マリア); the name found must be a given name ENAMDICT
 * lists (not 明日 ペレイラ, where 明日 is a surname too). */
static void surname_before_given(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	size_t n = c->n;
	/* person_whole() lowers confidences and adds: the index stays true */
	struct person_index x = {0};
	int indexed = 0;
	for (size_t k = 0; k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end;
		if (c->v[k].type != PII_PERSON || c->v[k].confidence <= 0.01 || s < 3 ||
		    t->cp[s - 1] != ' ' || e - s > 8 || pii__find_cp_in(t, s, e, ' ') < e)
			continue;
		int kata = pii__is_kata(t->cp[s - 2]);
		size_t a = s - 1;
		while (a > 0 && s - 1 - a < (kata ? 8u : 4u) &&
		       (kata ? pii__is_kata(t->cp[a - 1]) : pii__is_kanji(t->cp[a - 1])))
			a--;
		if (s - 1 - a < 2 || (a > 0 && (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1]))))
			continue;
		uint32_t p = a ? t->cp[a - 1] : '\n';
		if (!(p == '\n' || p == ':' || p == ' ' || p == 0x3001 /* 、 */ || p == '(' ||
		      p == 0x300C /* 「 */ || p == 0x300E /* 『 */ || p == 0x306E /* の */))
			continue;
		unsigned f = pii__names_lookup(names, t->cp + a, s - 1 - a);
		if (!(f & PII_NAME_SURNAME) && !(kata && (f & PII_NAME_PERSON_U)))
			continue;
		if (pii__is_word(t, a, s - 1, not_surnames))
			continue;
		/* the name found is a given name ENAMDICT lists, or given
		 * names joined by ・ whose first is no surname (アナ・パウラ);
		 * not a surname (明日 ペレイラ) */
		size_t g = s;
		while (g < e && t->cp[g] != 0x30FB /* ・ */)
			g++;
		if (!(pii__names_lookup(names, t->cp + s, e - s) & PII_NAME_GIVEN) &&
		    !(g < e && !(pii__names_lookup(names, t->cp + s, g - s) & PII_NAME_SURNAME)))
			continue;
		/* a name found over the surname's place that reaches out of
		 * the whole (the surname is another name's end) */
		if (!indexed)
			person_index_init(&x, c), indexed = 1;
		if (person_index_reaches_out(&x, c, a, s - 1, a, e))
			continue;
		double conf = c->v[k].confidence;
		person_index_whole(&x, c, t, a, e, conf > 0.9 ? conf : 0.9);
	}
	free(x.by_start);
}

/* A PERSON span over [s, e) in c, found with some confidence. */
static int found_person_at(const struct pii__cands *c, size_t s, size_t e)
{
	for (size_t q = 0; q < c->n; q++)
		if (c->v[q].type == PII_PERSON && c->v[q].confidence > 0.5 && c->v[q].start == s &&
		    c->v[q].end == e)
			return 1;
	return 0;
}

/* The hash of the code points cp[0..len) (FNV-1a over the code points). */
static uint32_t word_hash(const uint32_t *cp, size_t len)
{
	uint32_t h = 2166136261u ^ (uint32_t)len;
	for (size_t i = 0; i < len; i++)
		h = (h ^ cp[i]) * 16777619u;
	return h;
}

static int cmp_triples(const void *x, const void *y)
{
	const size_t *a = x, *b = y;
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/* 1 when the word of src's sources f is a name in the part of a document
 * that holds q. src: the (word, part, start) of every source, sorted. */
static int surname_in_part(const struct pii__parts *g, const size_t *src, size_t n, size_t f,
			   size_t q)
{
	size_t p = pii__parts_at(g, q), lo = 0, hi = n;
	while (lo < hi) { /* the first source not before (f, p) */
		size_t mid = (lo + hi) / 2;
		const size_t *v = src + 3 * mid;
		if (v[0] < f || (v[0] == f && v[1] < p))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && src[3 * lo] == f && src[3 * lo + 1] == p;
}

/* The word at [q, e) is the first item of a list of places: と or 、 after
 * it, then a word of two to five kanji or of katakana, then と, 、, ・, の,
 * で or は (鈴鹿と四日市で, 弘前と八戸の, 福島、東郷、, 日本とブラジルの);
 * not a person and what they did (飯島と12月3日に, 中島と主任ケアマネジャー
 * 渋谷で). */
static int places_list_first(const struct pii__text *t, size_t e)
{
	if (e + 3 >= t->n || (t->cp[e] != 0x3068 /* と */ && t->cp[e] != 0x3001 /* 、 */))
		return 0;
	size_t a = e + 1, z = a;
	int kata = pii__is_kata(t->cp[a]);
	while (z < t->n && (kata ? pii__is_kata(t->cp[z]) : pii__is_kanji(t->cp[z])) && z - a < 12)
		z++;
	if (z - a < 2 || (!kata && z - a > 5) || z >= t->n)
		return 0;
	uint32_t m = t->cp[z];
	return m == 0x3068 /* と */ || m == 0x3001 /* 、 */ || m == 0x30FB /* ・ */ ||
	       m == 0x306E /* の */ || m == 0x3067 /* で */ || m == 0x306F /* は */;
}

/* A word at [i, e) that another part's name made a surname, written as a
 * place: the first of a list of places (places_list_first()), an item
 * after ・ (大城・金城・比嘉の各地区), or before の (高岡の窓口に, 西陣の空き家,
 * 比嘉の集落). A name's own part writes 比嘉の母 as well; a text pasted
 * beside it lends no such evidence. */
static int cross_part_place(const struct pii__text *t, size_t i, size_t e)
{
	return places_list_first(t, e) || (i > 0 && t->cp[i - 1] == 0x30FB /* ・ */) ||
	       (e < t->n && t->cp[e] == 0x306E /* の */);
}

/* The parts of a document for surname_again(), made at the first repeat
 * that asks (*parted -1 before, then 0 for a text of one part, 1 with
 * parts): each source's part filled in and the sources sorted by word,
 * part and start. Most texts never ask; a text of one part answers 0. */
static int surname_again_parted(const struct pii__text *t, const struct pii__cands *c,
				struct pii__parts *g, int *parted, size_t *src, size_t n)
{
	if (*parted < 0) {
		*parted = pii__parts_make(t, c, 0, g);
		if (*parted) {
			for (size_t j = 0; j < n; j++)
				src[3 * j + 1] = pii__parts_at(g, src[3 * j + 2]);
			if (n > 1)
				qsort(src, n, 3 * sizeof(*src), cmp_triples);
		}
	}
	return *parted;
}

/* A surname the text names as a person, written again alone in a list of
 * staff or an item (家庭訪問（松橋、中居）, ・仲村渠：受付名簿…, →次回は
 * 仲村渠が; twenty-first round (a)): the same two to four kanji, a whole
 * PERSON span elsewhere, standing between an item's marks: after the
 * line's start, a bracket, 、, ・ or a space, and before 、, a closing
 * bracket, a colon, or が, は, と, も, に and no kanji or kana after it
 * that would make it a longer word's start. Not a place of a list
 * (上間・識名地区: ・ after it is no item's end), nor a word inside a
 * span already found. */
static void surname_again(const struct pii__text *t, struct pii__cands *c)
{
	/* The words (the first of their spans only: the others are the same
	 * word), then their repeats in one pass over the text through a hash
	 * of the words, then each word's repeats in the order of a walk for
	 * each: the words' spans are before n, and the names added change
	 * none of them. */
	size_t n = c->n, nw = 0;
	size_t *w = NULL; /* pairs (start, length) */
	for (size_t k = 0; k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end, len = e - s;
		if (c->v[k].type != PII_PERSON || c->v[k].confidence <= 0.5 || len < 2 || len > 4 ||
		    !all_kanji_between(t, s, e))
			continue;
		if (!w)
			w = yk_xmalloc(2 * (n - k) * sizeof(*w));
		w[2 * nw] = s;
		w[2 * nw + 1] = len;
		nw++;
	}
	if (!nw)
		return;
	size_t cap = 16;
	while (cap < 2 * nw)
		cap *= 2;
	size_t *slot = yk_xmalloc(cap * sizeof(*slot)); /* word index + 1, 0: empty */
	memset(slot, 0, cap * sizeof(*slot));
	size_t nf = 0; /* the first spans of the words, kept at the front of w */
	uint8_t first[256] = {0}; /* the low bytes of the words' first kanji */
	/* every span's (word, part, start), the parts found only when a
	 * repeat needs them (surname_again_parted()) */
	struct pii__parts parts;
	int parted = -1;
	size_t *src = yk_xmalloc(3 * nw * sizeof(*src));
	for (size_t j = 0; j < nw; j++) {
		first[t->cp[w[2 * j]] & 0xFF] = 1;
		size_t at = w[2 * j];
		const uint32_t *a = t->cp + at;
		size_t len = w[2 * j + 1], h = word_hash(a, len) & (cap - 1), f = SIZE_MAX;
		for (; slot[h] && f == SIZE_MAX; h = (h + 1) & (cap - 1)) {
			size_t o = slot[h] - 1;
			if (w[2 * o + 1] == len && memcmp(t->cp + w[2 * o], a, len * sizeof(*a)) == 0)
				f = o;
		}
		if (f == SIZE_MAX) {
			w[2 * nf] = at;
			w[2 * nf + 1] = len;
			f = nf;
			slot[h] = ++nf;
		}
		src[3 * j] = f;
		src[3 * j + 1] = 0;
		src[3 * j + 2] = at;
	}
	/* the repeats: pairs (word, position), positions ascending */
	size_t *hit = NULL, nh = 0, hcap = 0;
	/* a repeat opens with a word's first kanji: only those places */
	for (size_t q = pii__skip_low(t, 0, first, NULL); q + 2 <= t->n;
	     q = pii__skip_low(t, q + 1, first, NULL)) {
		uint32_t p = q ? t->cp[q - 1] : '\n';
		if (!(p == '\n' || p == '(' || p == 0x3001 /* 、 */ || p == 0x30FB /* ・ */ ||
		      p == ' '))
			continue;
		for (size_t len = 2; len <= 4 && q + len <= t->n; len++) {
			uint32_t a = q + len < t->n ? t->cp[q + len] : '\n';
			uint32_t a2 = q + len + 1 < t->n ? t->cp[q + len + 1] : '\n';
			int mark = a == 0x3001 || a == ')' || a == ':';
			int particle = (a == 0x304C /* が */ || a == 0x306F /* は */ ||
					a == 0x3068 /* と */ || a == 0x3082 /* も */ ||
					a == 0x306B /* に */) &&
				       !pii__is_hira(a2);
			if (!mark && !particle)
				continue;
			const uint32_t *b = t->cp + q;
			size_t h = word_hash(b, len) & (cap - 1), f = SIZE_MAX;
			for (; slot[h] && f == SIZE_MAX; h = (h + 1) & (cap - 1)) {
				size_t g = slot[h] - 1;
				if (w[2 * g + 1] == len &&
				    memcmp(t->cp + w[2 * g], b, len * sizeof(*b)) == 0)
					f = g;
			}
			if (f == SIZE_MAX ||
			    (cross_part_place(t, q, q + len) &&
			     surname_again_parted(t, c, &parts, &parted, src, nw) &&
			     !surname_in_part(&parts, src, nw, f, q)))
				continue;
			hit = pair_add(hit, &nh, &hcap, f, q);
		}
	}
	free(slot);
	free(src);
	if (parted > 0)
		pii__parts_release(&parts);
	if (nh) {
		/* by word, then position: the order of the walks */
		if (nh > 1)
			qsort(hit, nh, 2 * sizeof(*hit), pii__cmp_pairs);
		struct person_index x;
		person_index_init(&x, c);
		for (size_t h = 0; h < nh; h++) {
			size_t q = hit[2 * h + 1], len = w[2 * hit[2 * h] + 1];
			if (!person_index_covers(&x, c, q, q + len))
				pii__cand_add(c, t, q, q + len, PII_PERSON, 0.85);
		}
		free(x.by_start);
	}
	free(hit);
	free(w);
}

/* A chat log's speaker on a line of their own before the time of the post
 * (山際 10:31⏎明日の訪問…): a word of two to four kanji or two to six
 * katakana, or two such words with a space, then a space and H:MM or
 * HH:MM ending the line, in a log where another such line's speaker is a
 * name found; twenty-first round (a). The line may open with the channel
 * or the unit in square brackets and a space ([本庁 防災課] 宮地 7:15, a
 * log of Teams or of a branch office; twenty-third round): the speaker
 * starts after it (*name_start). */
/* The last kanji of a unit's name (資産税係, 福祉課, 防災班, 広報室). */
static int sender_unit_end(uint32_t c)
{
	return c == 0x4FC2 /* 係 */ || c == 0x8AB2 /* 課 */ || c == 0x73ED /* 班 */ ||
	       c == 0x5BA4 /* 室 */;
}

static size_t chat_speaker_end(const struct pii__text *t, size_t ls, size_t *name_start,
			       size_t *name_end)
{
	size_t le = pii__line_end(t, ls), q = ls;
	unsigned words = 0;
	if (q < le && t->cp[q] == '[') {
		size_t r = q + 1;
		while (r < le && t->cp[r] != ']' && r - q < 24)
			r++;
		if (r + 1 >= le || t->cp[r] != ']' || t->cp[r + 1] != ' ')
			return 0;
		q = r + 2;
	}
	*name_start = q;
	while (q < le && words < 2) {
		size_t b = q;
		while (q < le && (pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q])) && q - b < 6)
			q++;
		/* a given name may be one kanji (山本 誠 7:12) */
		if (q - b < (words ? 1u : 2u) || q >= le || t->cp[q] != ' ')
			return 0;
		/* the sender's unit before the name ([Teams] 収納係 三国 9:15;
		 * batches 218-225): the name is the word after it */
		if (!words && q - b >= 2 && q + 1 < le && !pii__is_digit(t->cp[q + 1]) &&
		    sender_unit_end(t->cp[q - 1])) {
			*name_start = q + 1;
			q++;
			continue;
		}
		words++;
		*name_end = q;
		q++;
		if (q < le && pii__is_digit(t->cp[q]))
			break;
	}
	/* H:MM or HH:MM and the line's end, or a colon and the message on
	 * the same line (丹生 15:02：未登記家屋の…; batches 218-225) */
	size_t d = q;
	while (d < le && pii__is_digit(t->cp[d]) && d - q < 2)
		d++;
	if (d == q || d + 3 > le || t->cp[d] != ':' || !pii__is_digit(t->cp[d + 1]) ||
	    !pii__is_digit(t->cp[d + 2]) || (d + 3 < le && t->cp[d + 3] != ':'))
		return 0;
	return le;
}

static void chat_speakers(const struct pii__names *names, const struct pii__text *t,
			  struct pii__cands *c)
{
	size_t found = 0, lines = 0, surnames = 0;
	for (size_t ls = 0; ls < t->n;) {
		size_t ns = 0, ne = 0, le = chat_speaker_end(t, ls, &ns, &ne);
		if (le) {
			lines++;
			found += found_person_at(c, ns, ne);
			/* every sender a surname ENAMDICT lists (丹生 15:02：…⏎藤井
			 * 15:04：…; batches 218-225) says it as well as a found one */
			surnames += names && bare_surname(names, t, ns, ne);
		}
		le = pii__line_end(t, ls);
		ls = le + 1;
	}
	if (lines < 2 || (!found && surnames < lines))
		return;
	for (size_t ls = 0; ls < t->n;) {
		size_t ns = 0, ne = 0, le = chat_speaker_end(t, ls, &ns, &ne);
		if (le && !pii__is_word(t, ns, ne, not_surnames) && !pii__person_overlaps(c, ns, ne))
			pii__cand_add(c, t, ns, ne, PII_PERSON, 0.85);
		ls = pii__line_end(t, ls) + 1;
	}
}

/* A relative's given name in Latin letters opening the bracket after the
 * relation (母（Jessa、フィリピン国籍）, 夫（Tomás）; twenty-first round
 * (a)): a relation of family_relations standing alone before the
 * bracket, then one word of a capital and small letters (three to
 * fifteen) that ends at 、, a comma or the closing bracket. A word in
 * capitals (母（USA、…）) or glued to more (父（Google勤務）) is none. */
static void latin_given_in_kin_bracket(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t q = pii__find_cp(t, 1, '('); q + 4 < t->n; q = pii__find_cp(t, q + 1, '(')) {
		long w = pii__ending_word(t, q > 3 ? q - 3 : 0, q, family_relations);
		if (w < 0)
			continue;
		size_t r = q - pii__kw_len(family_relations[w]);
		if (r > 0 && (pii__is_kanji(t->cp[r - 1]) || pii__is_kata(t->cp[r - 1]) ||
			      pii__is_hira(t->cp[r - 1])))
			continue;
		size_t s = q + 1, e = s + 1;
		if (!pii__is_upper(t->cp[s]))
			continue;
		while (e < t->n && e - s < 15 && pii__is_alpha(t->cp[e]) && !pii__is_upper(t->cp[e]))
			e++;
		if (e - s < 3 || e >= t->n ||
		    !(t->cp[e] == 0x3001 /* 、 */ || t->cp[e] == ',' || t->cp[e] == ')'))
			continue;
		if (!pii__person_overlaps(c, s, e))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
	}
}

/* A staff member's surname after their unit, closing a sentence or an
 * item (確認者 市民課 青島。, 担当 子育て支援課 川端、…; twenty-first round
 * (a)): a unit of kanji or katakana ending with 課, 係 or 室 that opens
 * its item (the line's start, a space, a bracket, a colon, 、), a space,
 * then the word name_word_alone() takes (two kanji or more, not of
 * not_surnames, not itself a unit: 市民課 戸籍係), then 。, 、, a closing
 * bracket or the line's end. */
static void surname_after_unit(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 2, ' '); i + 2 < t->n; i = pii__find_cp(t, i + 1, ' ')) {
		uint32_t u = t->cp[i - 1];
		if (u != 0x8AB2 /* 課 */ && u != 0x4FC2 /* 係 */ && u != 0x5BA4 /* 室 */ &&
		    !(u == 0x54E1 /* 員 */ && i >= 3 && t->cp[i - 2] == 0x8077 /* 職 */))
			continue;
		/* a unit's name may hold hiragana (子ども政策課) in a signature,
		 * the surname ending the line, and a staff member may sign after
		 * their role (介護職員 金築); twenty-fourth round (a) */
		size_t a = i - 1;
		int hira = 0;
		while (a > 0 && i - a < 12 &&
		       (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1]) ||
			(pii__is_hira(t->cp[a - 1]) && t->cp[a - 1] != 0x306E /* の */))) {
			hira |= pii__is_hira(t->cp[a - 1]);
			a--;
		}
		uint32_t p = a ? t->cp[a - 1] : '\n';
		if (i - a < 2 || !(p == '\n' || p == ' ' || p == '(' || p == ':' || p == 0x3001) ||
		    !(pii__is_kanji(t->cp[a]) || pii__is_kata(t->cp[a])))
			continue;
		size_t s = i + 1, q = s;
		while (q < t->n && q - s < 5 && pii__is_kanji(t->cp[q]))
			q++;
		uint32_t f = q < t->n ? t->cp[q] : '\n';
		if (q - s < 2 || !(f == 0x3002 /* 。 */ || f == 0x3001 || f == ')' || f == '\n') ||
		    (hira && f != '\n'))
			continue;
		uint32_t l = t->cp[q - 1];
		if (l == 0x8AB2 || l == 0x4FC2 || l == 0x5BA4 || pii__is_word(t, s, q, not_surnames) ||
		    !name_word_alone(names, t, s, q) || pii__person_overlaps(c, s, q))
			continue;
		pii__cand_add(c, t, s, q, PII_PERSON, 0.75);
	}
}

/* Staff roles of case work and school said before の and the member's
 * surname (ケアマネの坂本が訪問, 担当の小笠原まで). */
static const char *const staff_roles_no[] = {
	"担当", "ケアマネ", "ケアマネジャー", "担任", "保健師", "相談員", "支援員", "指導員",
	"主治医", "ヘルパー", "民生委員", "ワーカー", "CW",
	/* social workers of schools, hospitals and mental health (SSWの…が,
	 * MSWの…から, PSWの…; batches 370-373): the word ending before の */
	"SW",
	/* a care office's member and a worker's employer (地域包括の…に連絡,
	 * 雇用主の…が; twenty-eighth round (a)) */
	"包括", "雇用主",
	/* a member of the office's staff (支所職員の…が, 市職員の…から;
	 * thirtieth set, batches 394-397): the word ending before の */
	"職員", NULL,
};

/* Colleagues as staff write of them in a self-care chat or the opinion box
 * (上司の佐藤が…; the lead's probes, 2026-12-04 night): a surname of two
 * kanji at least after them (同期の会が is a party). */
static const char *const colleagues_no[] = {"上司", "部下", "同僚", "同期", "後輩", "先輩", NULL};

/* Katakana words that close an office's name before の and a member's
 * introduction (地域包括支援センターの…です). */
static const char *const org_intro_words[] = {"センター", "ステーション", NULL};

/* Words that open or make a firm's or an office's name: a name after them
 * may end in any word (株式会社しおかぜケア, ケアプランセンターみなと). */
static const char *const org_name_words[] = {"株式会社", "有限会社", "合同会社", "法人", "センター",
					     "ステーション", "事業所", NULL};

/* 1 when a surname and です follow の at i, and the word before it, back to the clause's start (a line, a
 * colon, a space, 、 or 。; 24 code points at most), holds a word of
 * org_name_words: an office named by a brand in kana after its kind (ケア
 * プランセンターみさきの早川です; batches 354-361). */
static int org_name_before(const struct pii__text *t, size_t i)
{
	/* only an introduction asks (2-4 kanji, then です): most の do not */
	size_t e = kanji_run_end(t, i + 1);
	if (e - i - 1 < 2 || e - i - 1 > 4 || pii__match(t, e, "です") != 2)
		return 0;
	size_t a = i;
	while (a > 0 && i - a < 24 && !pii__is_boundary(t->cp[a - 1]) && t->cp[a - 1] != ' ' &&
	       t->cp[a - 1] != ':' && t->cp[a - 1] != 0x3001 /* 、 */)
		a--;
	for (size_t q = a; q + 2 < i; q++)
		if (pii__match_any(t, q, org_name_words))
			return 1;
	return 0;
}

/* A staff member's surname after their role and の, before a particle
 * (ケアマネの坂本が12/4に訪問予定, ご不明な点は担当の小笠原まで;
 * twenty-first round (a)): the word name_word_alone() takes (two to four
 * kanji, none of not_surnames: 担当の窓口まで, 担当の課長が), then が, は,
 * に, へ, と, から, まで or より, or 。. */
/* Particles that close a one-kanji surname after a role and の. */
static const char *const one_kanji_after[] = {"が", "は", "に", "と", "へ", "から", "まで", "より",
					      NULL};

static void surname_after_role_no(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	/* です: a member's introduction (担当の村井です。; twenty-fifth round (e)) */
	static const char *const after[] = {"が", "は", "に", "へ", "と", "から", "まで", "より", "。",
					    "です", NULL};
	/* the persons found, indexed at the first surname to check: a
	 * minutes' or a log's hundreds of 担当の… walked the list each
	 * (thirtieth set); each surname added stands after its own の, a
	 * run of kanji that ends before the next の, so no two overlap */
	struct person_index x = {0};
	int indexed = 0;
	for (size_t i = pii__find_cp(t, 1, 0x306E /* の */); i + 3 < t->n;
	     i = pii__find_cp(t, i + 1, 0x306E)) {
		/* the role's word ends right before の (indexed by its last
		 * code point) */
		/* or an office's or a body's name (…社会福祉協議会の内山です。):
		 * then only です, a member's introduction (twenty-sixth round (e)) */
		int org = 0, mate = 0;
		long role = pii__ending_word(t, i > 7 ? i - 7 : 0, i, staff_roles_no);
		/* the staff as a body (職員の手が足りない, 職員の数が): one kanji
		 * after 職員 is a word of theirs, not a member */
		int staff = role >= 0 && !strcmp(staff_roles_no[role], "職員");
		if (role < 0 &&
		    !(mate = pii__ending_word(t, i > 2 ? i - 2 : 0, i, colleagues_no) >= 0)) {
			uint32_t u = i ? t->cp[i - 1] : 0;
			org = u == 0x4F1A /* 会 */ || u == 0x8AB2 /* 課 */ || u == 0x4FC2 /* 係 */ ||
			      u == 0x6240 /* 所 */ || u == 0x5C40 /* 局 */ || u == 0x9928 /* 館 */ ||
			      pii__ends_with(t, 0, i, org_intro_words) || org_name_before(t, i);
			if (!org)
				continue;
		}
		size_t s = i + 1, q = s;
		while (q < t->n && q - s < 4 && pii__is_kanji(t->cp[q]))
			q++;
		/* one kanji too (担当の森が, 担当の林（はやし）に; twenty-eighth
		 * round (a)) when a particle or a bracket closes it: the role
		 * before の says a member is meant, and name_word_alone() keeps
		 * out the kanji of a direction or a side (担当の方が, 担当の件は) */
		int one = q - s == 1 && !org && !mate && !staff && q < t->n &&
			  (pii__match_any(t, q, one_kanji_after) || t->cp[q] == '(');
		if ((q - s < 2 && !one) || q >= t->n || (!one && !pii__match_any(t, q, after)) ||
		    (org && !pii__match(t, q, "です")) ||
		    pii__is_word(t, s, q, not_surnames) || !name_word_alone(names, t, s, q))
			continue;
		if (!indexed)
			person_index_init(&x, c), indexed = 1;
		if (person_index_overlaps_indexed(&x, c, s, q))
			continue;
		pii__cand_add(c, t, s, q, PII_PERSON, 0.75);
		/* a second member joined by と (包括の森と林で訪問): a surname
		 * of one to three kanji, then で, が, は or に */
		if (q + 2 < t->n && t->cp[q] == 0x3068 /* と */) {
			size_t s2 = q + 1, q2 = kanji_run_end(t, s2);
			if (q2 > s2 && q2 - s2 <= 3 && q2 < t->n &&
			    (t->cp[q2] == 0x3067 /* で */ || pii__match_any(t, q2, one_kanji_after)) &&
			    !pii__is_word(t, s2, q2, not_surnames) && name_word_alone(names, t, s2, q2) &&
			    !person_index_overlaps_indexed(&x, c, s2, q2))
				pii__cand_add(c, t, s2, q2, PII_PERSON, 0.75);
		}
	}
	free(x.by_start);
}

/* Counters of households and people after a list's number (の3世帯).
 * 名 and 人 count people too, but a list of one-kanji items before them
 * is as often of places or things; a household is a family's. */
static const char *const household_counters[] = {"世帯", "家族", NULL};

/* Surnames listed and counted as households (メモ：神、今、蝦名の3世帯は…;
 * twenty-eighth round (a)): after a label's colon, a line's start or a
 * space, two to nine items of one to three kanji parted by 、, then の,
 * their number in digits and 世帯: the count that matches the items says
 * each is a family's name, so one kanji that is also a word (今, 神) is
 * taken when ENAMDICT lists it as a surname; every item must be one.
 * 東、西、南の3地区 counts places, 3世帯 after other words counts no list. */
static void counted_households(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c)
{
	for (size_t h = pii__find_cp(t, 3, 0x4E16 /* 世 */); h + 1 < t->n;
	     h = pii__find_cp(t, h + 1, 0x4E16)) {
		if (!pii__match_any(t, h, household_counters))
			continue;
		size_t d = h;
		while (d > 0 && t->cp[d - 1] >= '0' && t->cp[d - 1] <= '9' && h - d < 2)
			d--;
		if (d == h || d < 2 || t->cp[d - 1] != 0x306E /* の */ || t->cp[d] == '0')
			continue;
		size_t want = 0;
		for (size_t q = d; q < h; q++)
			want = want * 10 + (t->cp[q] - '0');
		size_t ends[9], starts[9], k = 0, e = d - 1;
		for (;;) {
			size_t a = e;
			while (a > 0 && pii__is_kanji(t->cp[a - 1]) && e - a < 4)
				a--;
			if (a == e || e - a > 3 || k == 9 || !bare_surname(names, t, a, e))
				break;
			starts[k] = a;
			ends[k++] = e;
			uint32_t o = a ? t->cp[a - 1] : '\n';
			if (o == 0x3001 /* 、 */ && a >= 2) {
				e = a - 1;
				continue;
			}
			if (o == ':' || o == '\n' || o == ' ') {
				if (k >= 2 && k == want)
					for (size_t j = 0; j < k; j++)
						if (!pii__person_overlaps(c, starts[j], ends[j]))
							pii__cand_add(c, t, starts[j], ends[j], PII_PERSON, 0.8);
			}
			break;
		}
	}
}

/* What a member says they will do after から (…の件、弘田から報告します). */
static const char *const member_reports[] = {"報告します", "報告いたします", "ご報告します",
					     "ご報告いたします", "説明します", "ご説明します",
					     "説明いたします", "ご説明いたします", NULL};

/* A member's surname opening a clause before から and a report in the
 * first person (先日の件、弘田から報告します。; twenty-eighth round (a)):
 * 2-3 kanji ENAMDICT lists, none of not_surnames (本庁から報告します, an
 * office, stays none). */
static void member_reports_from(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 3, 0x304B /* か */); i + 4 < t->n;
	     i = pii__find_cp(t, i + 1, 0x304B)) {
		if (t->cp[i + 1] != 0x3089 /* ら */ || !pii__match_any(t, i + 2, member_reports))
			continue;
		size_t a = i;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 4)
			a--;
		uint32_t o = a ? t->cp[a - 1] : '\n';
		if (i - a < 2 || i - a > 3 ||
		    !(o == 0x3001 || o == 0x3002 || o == '\n' || o == ' ') ||
		    !bare_surname(names, t, a, i) || pii__person_overlaps(c, a, i))
			continue;
		pii__cand_add(c, t, a, i, PII_PERSON, 0.75);
	}
}

/* Staff listed by their titles and their surnames in brackets after a
 * label (事務局：建築住宅課長（岡本）、主任（北山）; twenty-eighth round
 * (a)): an item opening after a colon or 、, a title of staff_titles
 * ending it (a unit may come before), then in brackets a surname alone
 * (2-3 kanji ENAMDICT lists, none of not_surnames: 主任（予定）), the
 * item closing with 、 or its line. */
static void titled_staff_items(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c)
{
	for (size_t o = pii__find_cp(t, 2, '('); o + 3 < t->n; o = pii__find_cp(t, o + 1, '(')) {
		size_t a = o;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && o - a < 12)
			a--;
		uint32_t p = a ? t->cp[a - 1] : '\n';
		if (o - a < 2 || !(p == ':' || p == 0x3001) || !title_start_before(t, a, o))
			continue;
		size_t s = o + 1, e = kanji_run_end(t, s);
		if (e - s < 2 || e - s > 3 || e + 1 > t->n || t->cp[e] != ')')
			continue;
		uint32_t r = e + 1 < t->n ? t->cp[e + 1] : '\n';
		if (!(r == 0x3001 || r == '\n') || !bare_surname(names, t, s, e) ||
		    pii__person_overlaps(c, s, e))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}

/* A date of digits (11/27, 12/1) at i: its end, or 0. */
static size_t slash_date_end(const struct pii__text *t, size_t i)
{
	size_t k = i;
	while (k < t->n && pii__is_digit(t->cp[k]) && k - i < 2)
		k++;
	if (k == i || k + 1 >= t->n || t->cp[k] != '/' || !pii__is_digit(t->cp[k + 1]))
		return 0;
	size_t d = k + 1;
	k = d;
	while (k < t->n && pii__is_digit(t->cp[k]) && k - d < 2)
		k++;
	return k < t->n && pii__is_digit(t->cp[k]) ? 0 : k;
}

/* Who did a thing and when, in a bracket that closes a record
 * (…送付済み（工藤、12/1）, …確認済み（11/27 菅谷）; batches 194-201): a
 * surname of one to three kanji ENAMDICT lists and a date of digits, in
 * either order, parted by 、 or a space, nothing else in the bracket. */
static void dated_sign_offs(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c)
{
	/* who bears a share of a subsidy, 1/2 a fraction and not a date
	 * (補助金（国 1/2）; thirty-second set, batches 414-417) */
	static const char *const share_bearers[] = {"国", "県", "都", "府", "道", "市", "町", "村", NULL};
	size_t budget = 16;
	for (size_t o = pii__find_cp(t, 0, '('); o + 4 < t->n; o = pii__find_cp(t, o + 1, '(')) {
		size_t a = o + 1, s, e, d;
		if ((d = slash_date_end(t, a)) != 0) {
			/* the date first */
			if (d + 1 >= t->n || (t->cp[d] != ' ' && t->cp[d] != 0x3001))
				continue;
			s = d + 1;
			e = kanji_run_end(t, s);
			if (e >= t->n || t->cp[e] != ')')
				continue;
		} else {
			s = a;
			e = kanji_run_end(t, s);
			if (e + 1 >= t->n || (t->cp[e] != ' ' && t->cp[e] != 0x3001) ||
			    (d = slash_date_end(t, e + 1)) == 0 || d >= t->n || t->cp[d] != ')')
				continue;
		}
		if (e > s && bare_surname(names, t, s, e) &&
		    !(e - s == 1 && (word_exact(t, s, e, one_kanji_not_surnames) ||
				     word_exact(t, s, e, share_bearers))) &&
		    !person_covers(c, s, e, &budget))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.8);
	}
}

/* Staff listed by surname with ・ before a count of them (安全確認（小西・
 * 高田の2名で訪問）; batches 194-201): two or more surnames of two or
 * three kanji ENAMDICT lists, then の, digits and 名 (or 両名). */
static void counted_staff(const struct pii__names *names, const struct pii__text *t,
			  struct pii__cands *c)
{
	size_t budget = 16;
	for (size_t i = pii__find_cp(t, 1, 0x540D /* 名 */); i < t->n;
	     i = pii__find_cp(t, i + 1, 0x540D)) {
		size_t q = i;
		if (q >= 2 && t->cp[q - 1] == 0x4E21 /* 両 */)
			q--;
		else {
			while (q > 0 && pii__is_digit(t->cp[q - 1]) && i - q < 2)
				q--;
			if (q == i)
				continue;
		}
		if (q < 3 || t->cp[q - 1] != 0x306E /* の */)
			continue;
		/* the names, last first, back over ・ */
		size_t ends[8], starts[8], n = 0, e = q - 1;
		for (;;) {
			size_t s = e;
			while (s > 0 && pii__is_kanji(t->cp[s - 1]) && e - s < 4)
				s--;
			if (e - s < 2 || e - s > 3 || !bare_surname(names, t, s, e) || n == 8)
				break;
			starts[n] = s, ends[n] = e, n++;
			if (s < 2 || t->cp[s - 1] != 0x30FB /* ・ */)
				break;
			e = s - 1;
		}
		if (n < 2)
			continue;
		for (size_t k = 0; k < n; k++)
			if (!person_covers(c, starts[k], ends[k], &budget))
				pii__cand_add(c, t, starts[k], ends[k], PII_PERSON, 0.8);
	}
}

/* Buildings and shops written in katakana after an address (…1番地のマン
 * ションです): what stands there, no one's name. */
static const char *const kata_premises[] = {"マンション", "アパート", "ハイツ", "コーポ", "ビル",
					   "ハウス", "レジデンス", "メゾン", "ホーム", "ショップ",
					   "センター", "ストア", "スーパー", "ホテル", "オフィス",
					   "クリニック", "テナント", "ガレージ", NULL};

/* A resident introducing themself by their address (潮見別町緑ヶ丘3丁目7番2
 * 号のレイエスです。家の前の道路…; batches 346-353): an address found,
 * の, and a name before です ending the sentence: a katakana word of 2-8
 * (a foreign resident's name) that names no building, or 2-3 kanji
 * ENAMDICT lists as a surname (one would be a word: …23-1の家です). */
static void name_after_own_address(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *v = &c->v[k];
		size_t e = v->end;
		if (v->type != PII_ADDRESS || e + 4 >= t->n || t->cp[e] != 0x306E /* の */)
			continue;
		size_t s = e + 1, q = s;
		int kata = pii__is_kata(t->cp[s]);
		while (q < t->n && q - s <= 8 &&
		       (kata ? pii__is_kata(t->cp[q]) || t->cp[q] == 0x30FB : pii__is_kanji(t->cp[q])))
			q++;
		if (!self_intro_end(t, q) ||
		    (kata ? q - s < 2 || q - s > 8 || pii__is_word(t, s, q, kata_premises)
			  : q - s < 2 || !bare_surname(names, t, s, q)))
			continue;
		pii__cand_add(c, t, s, q, PII_PERSON, 0.8);
	}
}

/* Headers of a table's column of the staff in charge (…,要介護度,担当ケア
 * マネ): its cells are the members' surnames. */
static const char *const staff_column_heads[] = {"担当ケアマネ", "ケアマネ", "ケアマネジャー",
						 "担当者", "担当", "担当職員", "担当CW", "相談員",
						 "支援員", NULL};

/* The last column of a comma or tab table whose header is such a word
 * (…,要介護1,斉藤; batches 378-381): a cell of 1-3 kanji ENAMDICT lists
 * as a surname, on each row of as many cells as the header's under it.
 * One walk over the lines of the text. */
static void staff_last_column(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	size_t budget = EIGHTH_CHECKS_MAX, cells = 0;
	int staff = 0;
	for (size_t ls = 0; ls < t->n;) {
		size_t le = pii__line_end(t, ls), last = ls, ncell = 1;
		for (size_t p = ls; p < le; p++)
			if (row_cell_sep(t, p)) {
				ncell++;
				last = p + 1;
			}
		if (ncell < 3) {
			staff = 0;
		} else if (staff && ncell == cells) {
			if (le - last >= 1 && le - last <= 3 && bare_surname(names, t, last, le) &&
			    !person_covers(c, last, le, &budget))
				pii__cand_add(c, t, last, le, PII_PERSON, 0.75);
		} else {
			staff = word_exact(t, last, le, staff_column_heads);
			cells = ncell;
		}
		ls = le + 1;
	}
}

/* A mail's signature: a full name written together alone on its line,
 * right above or below the line of the sender's e-mail address (…／
 * k-kiriyama@…\n桐山航平; batches 378-381). Only the lines next to an @
 * are read, each of at most six kanji, so a long document stays linear. */
static void name_by_mail_address(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	size_t budget = EIGHTH_CHECKS_MAX;
	for (size_t i = pii__find_cp(t, 1, '@'); i < t->n; i = pii__find_cp(t, i + 1, '@')) {
		size_t ls = i, le = pii__line_end(t, i);
		while (ls > 0 && t->cp[ls - 1] != '\n' && i - ls < 200)
			ls--;
		/* the line above: back from its '\n' over kanji only */
		if (ls >= 2 && t->cp[ls - 1] == '\n') {
			size_t a = ls - 1;
			while (a > 0 && pii__is_kanji(t->cp[a - 1]) && ls - 1 - a <= 6)
				a--;
			if ((a == 0 || t->cp[a - 1] == '\n') && ls - 1 - a >= 4)
				glued_full_name(names, t, c, a, 1, &budget);
		}
		/* the line below */
		if (le + 1 < t->n) {
			size_t a = le + 1, e = kanji_run_end(t, a);
			if (e - a >= 4 && e - a <= 6 && (e == t->n || t->cp[e] == '\n'))
				glued_full_name(names, t, c, a, 1, &budget);
		}
		i = le;
	}
}

static void surname_before_own_phone(const struct pii__names *names, const struct pii__text *t,
				     struct pii__cands *c);
static void addressee_before_greeting(const struct pii__names *names, const struct pii__text *t,
				      struct pii__cands *c);
static void surnames_before_listed_mobiles(const struct pii__names *names,
					   const struct pii__text *t, struct pii__cands *c);

/* A neighbour's words for an old person of a household (金田のおばあちゃん,
 * a report from next door). */
static const char *const elder_words[] = {"のおばあちゃん", "のおじいちゃん", "のおばあさん",
					  "のおじいさん", NULL};

/* Words for where an old person lives that ENAMDICT lists as surnames
 * too (田舎のおばあちゃん, 本家のおじいちゃん, 二階のおばあさん). */
static const char *const elder_homes[] = {"田舎", "本家", "分家", "新家", "一階", "二階", "三階",
					  "地元", "郷里", "故郷", "近所", "隣家", "施設", NULL};

/* Most surnames a text names this way are checked. */
#define ELDER_CHECKS_MAX 64

/* A household named by its surname before an old member of it (近所の人
 * から：金田のおばあちゃん、…, 隣の人が「岡部のおじいちゃん」と; batches
 * 402-405): two or three kanji ENAMDICT lists as a surname, opening their
 * item (a colon, 、, 。, a quotation, a space or the line's start before
 * them), before の and the word; not a home's word ENAMDICT lists as a
 * surname too (elder_homes: 田舎の, 二階の). */
static void surname_before_elder(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	size_t budget = ELDER_CHECKS_MAX;
	for (size_t i = pii__find_cp(t, 0, 0x306E /* の */); i < t->n && budget;
	     i = pii__find_cp(t, i + 1, 0x306E)) {
		if (i < 2 || !pii__is_kanji(t->cp[i - 1]) || !pii__match_any(t, i, elder_words))
			continue;
		size_t s = kanji_run_back(t, i);
		uint32_t p = s > 0 ? t->cp[s - 1] : '\n';
		if (i - s < 2 || i - s > 3 ||
		    !(p == '\n' || p == ':' || p == 0x3001 || p == 0x3002 || p == 0x300C || p == ' ') ||
		    word_exact(t, s, i, elder_homes) || !bare_surname(names, t, s, i) ||
		    person_covers(c, s, i, &budget))
			continue;
		pii__cand_add(c, t, s, i, PII_PERSON, 0.75);
	}
}

/* A surname of 2-3 kanji after は, its mobile number in brackets, then
 * where to reach them (質問は田村（090-…）まで, 連絡は佐藤（080-…）へ;
 * batches 418-421, a notice put into plain Japanese): a person to ask,
 * where a landline in brackets there is an office's (窓口は本庁（0234-…）
 * まで). Over the phones found (c->v[0..n)). */
static void contact_before_mobile(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *v = &c->v[k];
		size_t b = v->start - 1, e = v->end;
		if (v->type != PII_PHONE || v->start < 4 || e + 2 > t->n || t->cp[b] != '(' ||
		    t->cp[e] != ')' || !pii__mobile_at(t, v->start))
			continue;
		if (!(pii__match(t, e + 1, "まで") || t->cp[e + 1] == 0x3078 /* へ */ ||
		      t->cp[e + 1] == 0x306B /* に */))
			continue;
		size_t a = kanji_before(t, b);
		if (a == 0 || t->cp[a - 1] != 0x306F /* は */ || b - a < 2 ||
		    !bare_surname(names, t, a, b) || pii__person_overlaps(c, a, b))
			continue;
		pii__cand_add(c, t, a, b, PII_PERSON, 0.75);
	}
}

void pii__bare_rules(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	kana_names(t, c);
	complete_given_names(t, c);
	placed_names(t, c);
	/* hand-overs and transfer records in one pass: an arrow, a digit (a
	 * transfer's digits follow a comma or a space, a record's codes are
	 * parted by spaces) */
	size_t n = pii__may_have(t, ' ') || pii__may_have(t, ',') || pii__may_have(t, 0x2192) ? t->n : 0;
	for (size_t i = 0; i < n; i++) {
		i = skip_to_digit_or_arrow(t, i);
		if (i >= t->n)
			break;
		uint32_t ch = t->cp[i];
		if (ch == '2' && (i == 0 || t->cp[i - 1] == '\n'))
			zengin_record(t, c, i);
		if (ch == 0x2192 && names && i >= 1 && i + 1 < t->n)
			i = handover_at(t, c, names, i);
		else if (ch <= '9' && ch >= '0')
			i = transfer_at(t, c, i);
	}
	addresses_after_names(t, c);
	if (names && pii__may_have(t, 0x3067 /* で */) && pii__may_have(t, 0x306E /* の */))
		name_after_own_address(names, t, c); /* batches 346-353 */
	if (names && pii__may_have(t, '(') && pii__may_have(t, '/'))
		dated_sign_offs(names, t, c);
	if (names && pii__may_have(t, 0x30FB /* ・ */) && pii__may_have(t, 0x540D /* 名 */))
		counted_staff(names, t, c);
	if (pii__may_have(t, ' '))
		particles_trimmed(t, c);
	names_sixth_round(t, c);
	latin_cells_with_readings(t, c);
	if (pii__may_have(t, ',') || pii__may_have(t, ' ')) /* a tab is folded to a space */
		kanji_cells_with_readings(t, c);
	half_width_fields(t, c);
	names_eighth_round(t, c);
	if (pii__may_have(t, '('))
		bracket_readings(t, c);
	if (pii__may_have(t, ':'))
		speakers_named_in_text(t, c);
	if (names && pii__may_have(t, ':') && pii__may_have(t, '\n'))
		chat_speakers_alone(names, t, c); /* sixteenth round (a) */
	/* (no person found yet: a chat's export of dated lines, session 25) */
	if (names && (c->n || pii__may_have(t, '/')) && pii__may_have(t, ':') &&
	    (pii__may_have(t, '\n') || pii__may_have(t, '/')))
		chat_of_named_speakers(names, t, c); /* batches 346-353 */
	if (names && pii__may_have(t, '[') && pii__may_have(t, ':') && pii__may_have(t, '\n'))
		unit_bracket_speakers(names, t, c); /* batches 370-373 */
	if (names && pii__may_have(t, ':') && pii__may_have(t, '\n'))
		district_speakers_dropped(names, t, c); /* seventeenth round (a) */
	if (names && pii__may_have(t, ':') && pii__may_have(t, '\n') && pii__may_have(t, ' '))
		chat_export_senders(names, t, c);
	if (pii__may_have_alpha(t) && pii__may_have_digit(t) &&
	    (pii__may_have(t, 0x6B73 /* 歳 */) || pii__may_have(t, 0x624D /* 才 */) ||
	     (pii__may_have(t, 0x3055 /* さ */) && pii__may_have(t, 0x3044 /* い */))))
		latin_given_before_age(t, c);
	if (pii__may_have_alpha(t) && pii__may_have(t, '(') && pii__may_have(t, 0x4EBA /* 人 */))
		latin_children_counted(t, c);
	if (names && pii__may_have(t, '\n') &&
	    (pii__may_have(t, 0x7537 /* 男 */) || pii__may_have(t, 0x5973 /* 女 */)))
		one_value_records(names, t, c);
	if (pii__may_have(t, 0x307F /* み */) &&
	    (pii__may_have(t, 0x8AAD /* 読 */) || pii__may_have(t, 0x3088 /* よ */)) &&
	    pii__may_have_class(t, PII_CUE_KATA))
		readings_after_label(t, c);
	if (pii__may_have_alpha(t) && pii__may_have(t, 0x3001) && pii__may_have(t, '('))
		latin_names_listed(t, c);
	if (pii__may_have_alpha(t) && (pii__may_have(t, '/') || pii__may_have(t, 0xFF0F))) {
		latin_after_slash(t, c);
		if (pii__may_have_class(t, PII_CUE_KATA))
			kata_after_slash(t, c); /* seventeenth round (a) */
	}
	if (pii__may_have(t, 0x2192 /* → */)) /* fourteenth round (a) */
		renamed_after_arrow(t, c);
	if (names && pii__may_have(t, '(') && pii__may_have(t, 0x306F /* は */))
		contact_before_mobile(names, t, c); /* batches 418-421 */
	row_birth_dates(t, c);
	/* seventeenth round (a) */
	if (names && pii__may_have(t, ' ') &&
	    ((pii__may_have(t, '[') && pii__may_have(t, ']')) || pii__may_have(t, 0x3010 /* 【 */)))
		bracket_speakers(names, t, c);
	if (names && (pii__may_have(t, 0x901A /* 通 */) || pii__may_have(t, 0x5BFE /* 対 */)))
		record_staff_names(names, t, c);
	if (pii__may_have(t, 0x7FA9 /* 義 */) && pii__may_have_class(t, PII_CUE_KATA))
		half_kana_holder(t, c);
	if (names && pii__may_have(t, '(') &&
	    (pii__may_have_class(t, PII_CUE_KATA) || pii__may_have(t, 0x5E2B /* 師 */) ||
	     pii__may_have(t, 0x54E1 /* 員 */) || pii__may_have(t, 0x533B /* 医 */) ||
	     pii__may_have(t, 'W')))
		note_by_staff(names, t, c);
	if (pii__may_have(t, 0x4EE3 /* 代 */) || pii__may_have(t, 0x5C40 /* 局 */) ||
	    pii__may_have(t, 0x90E8 /* 部 */))
		office_word_names_dropped(t, c);
	/* twenty-first round (a) */
	if (names && pii__may_have(t, ' '))
		surname_before_given(names, t, c);
	if (pii__may_have(t, 0x3001 /* 、 */) || pii__may_have(t, ')') || pii__may_have(t, ':') ||
	    pii__may_have(t, 0x304C /* が */))
		surname_again(t, c);
	if (pii__may_have_alpha(t) && pii__may_have(t, '('))
		latin_given_in_kin_bracket(t, c);
	if (names && pii__may_have(t, ' ') &&
	    (pii__may_have(t, 0x8AB2 /* 課 */) || pii__may_have(t, 0x4FC2 /* 係 */) ||
	     pii__may_have(t, 0x5BA4 /* 室 */) || pii__may_have(t, 0x54E1 /* 員 */)))
		surname_after_unit(names, t, c);
	if (names && pii__may_have(t, 0x306E /* の */) &&
	    (pii__may_have_any(t, staff_roles_no) || pii__may_have_any(t, colleagues_no) ||
	     (pii__may_have(t, 0x3067 /* で */) && pii__may_have(t, 0x3059 /* す */))))
		surname_after_role_no(names, t, c);
	if (names && pii__may_have(t, 0x4E16 /* 世 */) && pii__may_have(t, 0x3001 /* 、 */))
		counted_households(names, t, c);
	if (names && pii__may_have(t, '(') && pii__may_have(t, 0x3001 /* 、 */) &&
	    pii__may_have(t, ':'))
		titled_staff_items(names, t, c);
	if (names && pii__may_have(t, 0x304B /* か */) &&
	    (pii__may_have(t, 0x5831 /* 報 */) || pii__may_have(t, 0x8AAC /* 説 */)))
		member_reports_from(names, t, c);
	if (names && pii__may_have(t, '@') && pii__may_have(t, '\n'))
		name_by_mail_address(names, t, c); /* batches 378-381 */
	if (names && pii__may_have(t, '\n') && (pii__may_have(t, ',') || pii__may_have(t, ' ')) &&
	    (pii__may_have(t, 0x5F53 /* 当 */) || pii__may_have(t, 0x30DE /* マ */) ||
	     pii__may_have(t, 0x54E1 /* 員 */)))
		staff_last_column(names, t, c); /* batches 378-381 */
	/* thirtieth set (batches 394-397) */
	if (names && pii__may_have(t, 0x306E /* の */) &&
	    (pii__may_have(t, 0x643A /* 携 */) || pii__may_have(t, 0x5B85 /* 宅 */)))
		surname_before_own_phone(names, t, c);
	if (names && pii__may_have(t, '\n') && pii__may_have_any(t, greetings))
		addressee_before_greeting(names, t, c);
	/* forty-eighth set (batches 546-553) */
	if (names && pii__may_have(t, ' ') && pii__may_have_digit(t))
		surnames_before_listed_mobiles(names, t, c);
	/* thirty-first set (batches 402-405) */
	if (names && pii__may_have_any(t, elder_words))
		surname_before_elder(names, t, c);
}

/* Adds the surname [a, e) unless a person found already overlaps it (the
 * index of the candidates built at the first call). */
static void surname_added_once(struct person_index *x, int *indexed, const struct pii__text *t,
			       struct pii__cands *c, size_t a, size_t e)
{
	if (!*indexed)
		person_index_init(x, c), *indexed = 1;
	if (!person_index_overlaps_indexed(x, c, a, e))
		pii__cand_add(c, t, a, e, PII_PERSON, 0.75);
}

/* A surname that owns the phone written after it (なんかあれば田近の携帯
 * 090-…まで, 連絡は浅沼の自宅 0577-…へ; thirtieth set, batches 394-397):
 * before a PHONE candidate, a space or a colon at most, 携帯, 携帯電話,
 * 自宅 or 自宅電話, の, and 2-3 kanji ENAMDICT lists as a surname that
 * open a word (no kanji before them: 事務所の携帯 is the office's). The
 * phone's own rules decide whether the number is personal; this only
 * names its holder. Walks the candidates, not the text. */
static void surname_before_own_phone(const struct pii__names *names, const struct pii__text *t,
				     struct pii__cands *c)
{
	static const char *const phone_words[] = {"携帯電話", "携帯", "自宅電話", "自宅", NULL};
	/* where a number is used, not whose (韓国の番号のため、日本の携帯へ) */
	static const char *const phone_places[] = {"日本", "国内", "海外", "現地", "本国", NULL};
	size_t n = c->n;
	/* the persons found, indexed at the first surname to check (a
	 * register of phones would walk the list once a phone) */
	struct person_index x = {0};
	int indexed = 0;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type != PII_PHONE || v->start < 5)
			continue;
		size_t w = v->start;
		while (w > v->start - 2 && (t->cp[w - 1] == ' ' || t->cp[w - 1] == ':'))
			w--;
		long word = pii__ending_word(t, w > 4 ? w - 4 : 0, w, phone_words);
		if (word < 0)
			continue;
		size_t no = w - pii__kw_len(phone_words[word]);
		if (no < 3 || t->cp[no - 1] != 0x306E /* の */)
			continue;
		size_t e = no - 1, a = kanji_before(t, e);
		if (e - a < 2 || e - a > 3 || (a > 0 && pii__is_kanji(t->cp[a - 1])) ||
		    word_exact(t, a, e, phone_places) || !name_word_alone(names, t, a, e))
			continue;
		/* each surname added stands before its own phone: no two
		 * overlap */
		surname_added_once(&x, &indexed, t, c, a, e);
	}
	free(x.by_start);
}

/* Surnames in a list of mobiles, each before its own number after one
 * space (※無線不通時は各自の携帯へ　堀 090-…／大西 080-…; batches 546-553): a
 * mobile candidate, one space before it, 2-3 kanji ENAMDICT lists as a
 * surname, and before them a slash, a full-width pause (、) or a space
 * that follows no kanji, or the line's start. A landline after a word is
 * an office's as often as not (総務課 0770-…); a mobile is someone's. */
static void surnames_before_listed_mobiles(const struct pii__names *names,
					   const struct pii__text *t, struct pii__cands *c)
{
	struct person_index x = {0};
	int indexed = 0;
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type != PII_PHONE || v->start < 4 || t->cp[v->start - 1] != ' ' ||
		    !pii__mobile_at(t, v->start))
			continue;
		size_t e = v->start - 1, a = kanji_before(t, e);
		if (e - a < 2 || e - a > 3)
			continue;
		uint32_t p = a > 0 ? t->cp[a - 1] : '\n';
		if (!(p == '\n' || p == '/' || p == 0xFF0F /* ／ */ || p == 0x3001 /* 、 */ ||
		      (p == ' ' && a >= 2 && !pii__is_kanji(t->cp[a - 2]))))
			continue;
		if (!name_word_alone(names, t, a, e))
			continue;
		surname_added_once(&x, &indexed, t, c, a, e);
	}
	free(x.by_start);
}

/* A message's addressee on a line of their own, a surname and a staff
 * title (白見係長, 石黒主査さん), right before a line that opens with a
 * letter's greeting (お疲れさまです。, お世話になっております。;
 * thirtieth set, batches 394-397): the line names whom the message is
 * for. 2-3 kanji ENAMDICT lists as a surname, the title ending the word,
 * then さん, 様 or 殿 at most. Walks the line breaks. */
static void addressee_before_greeting(const struct pii__names *names, const struct pii__text *t,
				      struct pii__cands *c)
{
	static const char *const honorifics[] = {"さん", "様", "殿", NULL};
	struct person_index x = {0};
	int indexed = 0;
	for (size_t q = pii__find_cp(t, 0, '\n'); q + 1 < t->n; q = pii__find_cp(t, q + 1, '\n')) {
		if (!pii__match_any(t, q + 1, greetings))
			continue;
		size_t z = q;
		while (z > 0 && t->cp[z - 1] == ' ')
			z--;
		size_t ls = z;
		while (ls > 0 && t->cp[ls - 1] != '\n' && z - ls <= 10)
			ls--;
		if (ls > 0 && t->cp[ls - 1] != '\n')
			continue;
		size_t e = surname_before_title(t, ls);
		if (!e)
			continue;
		size_t r = e + pii__match_any(t, e, staff_titles);
		r += pii__match_any(t, r, honorifics);
		if (r != z || !bare_surname(names, t, ls, e))
			continue;
		if (!indexed)
			person_index_init(&x, c), indexed = 1;
		/* one addressee a line: the additions do not overlap */
		if (!person_index_overlaps_indexed(&x, c, ls, e))
			pii__cand_add(c, t, ls, e, PII_PERSON, 0.75);
	}
	free(x.by_start);
}

/* ---- twenty-fourth round (a): names in memos, hand-overs and chats ------- */

#define MEMO_SOURCES_MAX 12 /* names found whose parts are looked for again */
#define MEMO_WORDS_MAX 48   /* surnames a memo's particles are read for */

/* What a name written again alone stands before: a particle, a mark that
 * ends a clause or an item, an honorific, or 本人 (門脇本人は). Not a
 * space: a word after it is more of the name (アルメイダ　恵美). Code
 * points and pii__match(), no keyword list: a list's index is built once
 * a process, and these few words need none. */
static int repeat_follows(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	switch (t->cp[e]) {
	case 0x306F: case 0x304C: case 0x306E: case 0x306B: case 0x3092: case 0x3068:
	case 0x3082: case 0x3078: case 0x3067: /* は が の に を と も へ で */
	case 0x3001: case 0x3002: case '(': case ')': case ':': case '\n': case 0x69D8: /* 様 */
	case 0x541B: /* 君 */
		return 1;
	default:
		return pii__match(t, e, "から") || pii__match(t, e, "より") ||
		       pii__match(t, e, "さん") || pii__match(t, e, "ちゃん") ||
		       pii__match(t, e, "本人");
	}
}

/* The part of a document a rule looks in: [a, z), its candidates (idx,
 * pii__parts_make()) and those added since the groups were made (from
 * n0 on, held to the part's bounds). NULL: the whole text. */
struct part_scope {
	size_t a, z;
	const size_t *idx;
	size_t nidx, n0;
};

/* The k-th candidate of the scope (k < nidx + c->n - n0), or SIZE_MAX for
 * one added since that lies outside the part. */
static size_t part_scope_cand(const struct part_scope *sc, const struct pii__cands *c, size_t k)
{
	if (k < sc->nidx)
		return sc->idx[k];
	size_t q = sc->n0 + (k - sc->nidx);
	return c->v[q].start >= sc->a && c->v[q].end <= sc->z ? q : SIZE_MAX;
}

/* Where [s, e) is written as a place in the text: the same word before
 * 県, 市, 町, 村, 区, 郡 or 駅, or inside an ADDRESS candidate (宮城県 …
 * 宮城は: the prefecture, not the staff member). In a document's part
 * (sc) only there: another pasted text's 金城・比嘉の各地区 is no evidence. */
static int word_is_place_in(const struct pii__text *t, const struct pii__cands *c, size_t s,
			    size_t e, const struct part_scope *sc)
{
	static const uint32_t places[] = {0x770C, 0x5E02, 0x753A, 0x6751, 0x533A, 0x90E1, 0x99C5};
	size_t len = e - s, a = sc ? sc->a : 0, z = sc ? sc->z : t->n;
	for (size_t i = pii__find_cp(t, a, t->cp[s]); i + len <= z;
	     i = pii__find_cp(t, i + 1, t->cp[s])) {
		if (memcmp(t->cp + i, t->cp + s, len * sizeof(uint32_t)) != 0)
			continue;
		for (size_t k = 0; i + len < t->n && k < sizeof places / sizeof *places; k++)
			if (t->cp[i + len] == places[k])
				return 1;
		size_t m = sc ? sc->nidx + (c->n - sc->n0) : c->n;
		for (size_t j = 0; j < m; j++) {
			size_t k = sc ? part_scope_cand(sc, c, j) : j;
			if (k != SIZE_MAX && c->v[k].type == PII_ADDRESS && c->v[k].start <= i &&
			    c->v[k].end >= i + len)
				return 1;
		}
	}
	return 0;
}

static int word_is_place_here(const struct pii__text *t, const struct pii__cands *c, size_t s,
			      size_t e)
{
	return word_is_place_in(t, c, s, e, NULL);
}

static int any_overlaps(const struct pii__cands *c, size_t s, size_t e)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].start < e && c->v[k].end > s && c->v[k].confidence > 0.01)
			return 1;
	return 0;
}

/* The parts of a name found, written again alone (ソウザ　レオナルド …
 * レオナルドは来週…, 相談者：グスタボ … グスタボは…, 木佐ヨシ子 … 木佐は…):
 * each katakana word of two code points or more of a PERSON candidate,
 * and the surname of 2-3 kanji ENAMDICT lists that opens one before a
 * space or a katakana given name (門脇　キミ … 門脇本人は), found again as a whole
 * word (no letter of its script on either side) before a particle, a mark
 * or an honorific (repeat_follows()), outside every candidate. */
static void name_parts_repeat(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	size_t n = c->n, sources = 0;
	/* in a document, a repeat in another part than its source does not
	 * open a list of places (as in surname_again()) */
	struct pii__parts parts;
	int parted = -1; /* the parts made at the first repeat that asks */
	/* what a place overlaps, asked at every repeat: an index, not a walk
	 * of the list (a given name written thousands of times) */
	struct pii__overlaps kept;
	pii__overlaps_init(&kept, c, SIZE_MAX, 0.01);
	for (size_t k = 0; k < n && sources < MEMO_SOURCES_MAX; k++) {
		const struct pii_span v = c->v[k];
		if (v.type != PII_PERSON || v.confidence <= 0.5)
			continue;
		sources++;
		for (size_t a = v.start; a < v.end;) {
			size_t b = a;
			int kata = pii__is_kata(t->cp[a]);
			if (kata) {
				while (b < v.end && pii__is_kata(t->cp[b]))
					b++;
			} else if (a == v.start && pii__is_kanji(t->cp[a])) {
				/* a kanji surname glued to a katakana given name, or a
				 * surname found alone before a particle or an
				 * honorific (青田が代行 … ⏎青田から、…; twenty-fifth
				 * round (e)), not a label's word (人口：…) */
				while (b < v.end && b - a <= 3 && pii__is_kanji(t->cp[b]))
					b++;
				if (b - a < 2 || b - a > 3 ||
				    (b < v.end && !(pii__is_kata(t->cp[b]) || t->cp[b] == ' ')) ||
				    (b == v.end && (b >= t->n || !(pii__is_hira(t->cp[b]) ||
								   t->cp[b] == 0x69D8 /* 様 */))))
					b = a;
			}
			if (b == a) {
				a++;
				continue;
			}
			size_t len = b - a;
			int surname = kata; /* ENAMDICT asked once a repeat is seen */
			for (size_t i = pii__find_cp(t, 0, t->cp[a]); len >= 2 && i + len <= t->n;
			     i = pii__find_cp(t, i + 1, t->cp[a])) {
				int (*same)(uint32_t) = kata ? pii__is_kata : pii__is_kanji;
				if (i == a || memcmp(t->cp + i, t->cp + a, len * sizeof(uint32_t)) != 0 ||
				    (i > 0 && same(t->cp[i - 1])) ||
				    (i + len < t->n && same(t->cp[i + len]) &&
				     !pii__match(t, i + len, "本人")) ||
				    !repeat_follows(t, i + len) || pii__overlaps_any(&kept, i, i + len))
					continue;
				if (cross_part_place(t, i, i + len)) {
					if (parted < 0)
						parted = pii__parts_make(t, c, 0, &parts);
					if (parted && pii__parts_at(&parts, i) !=
							      pii__parts_at(&parts, v.start))
						continue;
				}
				if (!surname && !(surname = bare_surname(names, t, a, b)))
					break;
				pii__cand_add(c, t, i, i + len, PII_PERSON, 0.75);
			}
			a = b;
		}
	}
	if (parted > 0)
		pii__parts_release(&parts);
	pii__overlaps_release(&kept);
}

/* A cell of a tab or comma row is whole at [s, e): cell_between() and a
 * separator on one side at least (a row, not a line alone). */
static int whole_cell(const struct pii__text *t, size_t s, size_t e)
{
	int sep_before = s > 0 && (t->cp[s - 1] == ',' || pii__raw_tab(t, s - 1));
	int sep_after = e < t->n && (t->cp[e] == ',' || pii__raw_tab(t, e));
	return cell_between(t, s, e) && (sep_before || sep_after);
}

/* 1 when a candidate a rule still keeps overlaps [s, e), other than a
 * PERSON within the name [ns, ne) being grown (the name's parts, or the
 * whole name a weaker rule found: it loses to a part, and goes). */
static int other_over(const struct pii__cands *c, size_t s, size_t e, size_t ns, size_t ne)
{
	for (size_t z = 0; z < c->n; z++)
		if (c->v[z].start < e && c->v[z].end > s && c->v[z].confidence > 0.01 &&
		    !(c->v[z].type == PII_PERSON && c->v[z].start >= ns && c->v[z].end <= ne))
			return 1;
	return 0;
}

/* The end of a capitalised word of Latin letters at i (Wijaya, BUDI), or
 * i when none is there or it is a stop word. */
static size_t cap_word_end(const struct pii__text *t, size_t i)
{
	if (i >= t->n || !pii__is_latin_upper(t->cp[i]))
		return i;
	size_t e = i + 1;
	while (e < t->n && pii__is_latin(t->cp[e]) && e - i < 20)
		e++;
	if (e - i < 2 || (e < t->n && pii__is_digit(t->cp[e])) || pii__latin_stop_word(t, i, e))
		return i;
	return e;
}

/* A name written surname first with a comma (Wijaya, Budi: a passport's
 * order; batches 234-241) of which the rules found one word: the two
 * words are one name, when nothing but a space, a colon, a bracket or a
 * line's start comes before it and no Latin word after it. */
static void latin_comma_names(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->confidence <= 0.5)
			continue;
		size_t a = v->start, z = v->end;
		/* the found word is the second: look back over "A, " */
		if (a >= 4 && t->cp[a - 1] == ' ' && t->cp[a - 2] == ',' && cap_word_end(t, a) == z) {
			size_t b = a - 2;
			while (b > 0 && pii__is_latin(t->cp[b - 1]) && a - 2 - b < 20)
				b--;
			if (cap_word_end(t, b) != a - 2)
				continue;
			a = b;
		} else if (z + 2 < t->n && t->cp[z] == ',' && t->cp[z + 1] == ' ' &&
			   cap_word_end(t, a) == z) {
			/* the found word is the first */
			size_t e = cap_word_end(t, z + 2);
			if (e == z + 2)
				continue;
			z = e;
		} else {
			continue;
		}
		uint32_t before = a > 0 ? t->cp[a - 1] : '\n';
		uint32_t after = z < t->n ? t->cp[z] : '\n';
		/* not a list of names parted by commas (Lucas, Sofia, Pedro) */
		int list = after == ',' || (a >= 2 && before == ' ' && t->cp[a - 2] == ',');
		if (list ||
		    !(before == '\n' || before == ' ' || before == ':' || before == '(' ||
		      before == 0x3001) ||
		    pii__is_latin(after) || (after == ' ' && z + 1 < t->n && pii__is_latin(t->cp[z + 1])) ||
		    other_over(c, a, z, a, z))
			continue;
		/* the other word found alone too: the whole takes the surer */
		for (size_t q = 0; q < c->n; q++)
			if (c->v[q].type == PII_PERSON && c->v[q].start >= a && c->v[q].end <= z &&
			    c->v[q].confidence > v->confidence)
				v->confidence = c->v[q].confidence;
		pii__span_set(v, t, a, z);
	}
}

/* Where a name in Latin letters standing apart in Japanese text may
 * begin or end: a line's end, a colon, 、, a bracket or any Japanese
 * code point. */
static int latin_name_edge(uint32_t c)
{
	return c == '\n' || c == ':' || c == 0x3001 || c == '(' || c > 0x3000;
}

/* A capitalised word of Latin letters found alone as a name after
 * another such word and a space, the two standing apart in Japanese text
 * (対象：Lourdes Manalo（84）, 手続メモ：Kimura Rodrigo（…）: the rule for
 * a name before its bracket took the last word; batches 250-257): the
 * word before is the name's. */
static void latin_word_before(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t a = v->start;
		/* a space, not a tab (Pereira<TAB>Thiago are two cells) */
		if (v->type != PII_PERSON || v->confidence <= 0.5 || a < 3 || t->cp[a - 1] != ' ' ||
		    pii__raw_tab(t, a - 1) || cap_word_end(t, a) != v->end)
			continue;
		size_t b = a - 1;
		while (b > 0 && pii__is_latin(t->cp[b - 1]) && a - 1 - b < 20)
			b--;
		/* three letters at least (Vietnamese Em, Anh are forms of
		 * address) */
		if (a - 1 - b < 3 || cap_word_end(t, b) != a - 1)
			continue;
		if (!latin_name_edge(b > 0 ? t->cp[b - 1] : '\n') || other_over(c, b, a - 1, b, v->end))
			continue;
		pii__span_set(v, t, b, v->end);
	}
}

/* A name of two words or more in Latin letters found before one more
 * capitalised word that ends where Japanese text goes on (母 Mendoza Maria
 * Cristina：フィリピン出身; batches 258-265): the word is the name's. */
static void latin_word_after(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0.5 || e + 4 > t->n ||
		    t->cp[e] != ' ' || pii__raw_tab(t, e) || !pii__is_latin(t->cp[e - 1]) ||
		    !pii__is_latin_upper(t->cp[v->start]))
			continue;
		int words = 1;
		for (size_t q = v->start; q < e; q++)
			words += t->cp[q] == ' ';
		size_t z = cap_word_end(t, e + 1);
		if (words < 2 || z - e - 1 < 3)
			continue;
		if (!latin_name_edge(z < t->n ? t->cp[z] : '\n') || other_over(c, e + 1, z, v->start, z))
			continue;
		pii__span_set(v, t, v->start, z);
	}
}

/* A card's 記号 found filling a cell of a row (雲国12), the cell after it
 * holding digits alone (0041187): the card's 番号 (batches 258-265). */
static void card_number_after_symbol_cell(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		size_t e = v.end;
		if (v.type != PII_JP_HEALTH_INSURANCE || v.confidence <= 0.5 ||
		    pii__all_digits(t, v.start, e) || !whole_cell(t, v.start, e) || e + 4 > t->n ||
		    !(t->cp[e] == ',' || pii__raw_tab(t, e)))
			continue;
		size_t a = e + 1, z = a;
		while (z < t->n && pii__is_digit(t->cp[z]) && z - a <= 8)
			z++;
		if (z - a < 4 || z - a > 8 || !whole_cell(t, a, z) || any_overlaps(c, a, z))
			continue;
		pii__cand_add(c, t, a, z, PII_JP_HEALTH_INSURANCE, 0.85);
	}
}

/* A surname found alone before a space and a given name in katakana glued
 * to 宅 (祖母 宮田 ハツ宅で生活; batches 226-233): the given name is the
 * name's, the house is 宅. */
static void kata_given_before_house(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0.5 || e - v->start > 3 ||
		    !all_kanji_between(t, v->start, e) || e + 3 >= t->n || t->cp[e] != ' ')
			continue;
		size_t q = e + 1;
		while (q < t->n && pii__is_kata(t->cp[q]) && q - e <= 5)
			q++;
		if (q - e - 1 < 2 || q - e - 1 > 5 || q >= t->n || t->cp[q] != 0x5B85 /* 宅 */ ||
		    other_over(c, e + 1, q, v->start, q))
			continue;
		pii__span_set(v, t, v->start, q);
	}
}

/* A given name found alone after a relation, a space, a surname ENAMDICT
 * lists and a space (長男 美浜 颯太: 美浜 is a place too, and the rules took
 * the given name only; batches 218-225): the surname is the name's. */
static void surname_before_found_given(const struct pii__names *names, const struct pii__text *t,
				       struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start;
		if (v->type != PII_PERSON || v->confidence <= 0.5 || s < 4 || t->cp[s - 1] != ' ' ||
		    !all_kanji_between(t, s, v->end) || v->end - s > 3)
			continue;
		size_t a = s - 1;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && s - 1 - a < 3)
			a--;
		if (a == s - 1 || a < 2 || t->cp[a - 1] != ' ' ||
		    !(pii__names_lookup(names, t->cp + a, s - 1 - a) & PII_NAME_SURNAME) ||
		    other_over(c, a, s - 1, a, v->end))
			continue;
		/* the relation, a word of its own, right before the surname's
		 * space */
		long w = pii__ending_word(t, a - 1 > 3 ? a - 4 : 0, a - 1, family_relations);
		if (w < 0)
			continue;
		size_t r = a - 1 - pii__kw_len(family_relations[w]);
		if (r > 0 && pii__is_kanji(t->cp[r - 1]))
			continue;
		pii__span_set(v, t, a, v->end);
	}
}

/* A name whose given name in katakana goes on after ・ (妻 佐野 アナ・パウラ,
 * a Brazilian's double given name; batches 218-225): the part after the ・
 * is the name's when katakana fill it up to a mark, a space or the line's
 * end. */
static void kata_given_after_dot(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0.5 || e + 2 >= t->n ||
		    t->cp[e] != 0x30FB /* ・ */ || !pii__is_kata(t->cp[e - 1]) ||
		    !pii__is_kata(t->cp[e + 1]))
			continue;
		size_t q = e + 1;
		while (q < t->n && pii__is_kata(t->cp[q]) && q - e <= 8)
			q++;
		if (q - e - 1 < 2 || (q < t->n && !(pii__is_boundary(t->cp[q]) || t->cp[q] == ' ' ||
						     t->cp[q] == 0x3001 || t->cp[q] == ')' ||
						     t->cp[q] == '(' || t->cp[q] == ',')))
			continue;
		if (!other_over(c, e + 1, q, v->start, q))
			pii__span_set(v, t, v->start, q);
	}
}

/* A caseworker's surname glued to CW, SW or MSW filling a cell (…,CW帆足;
 * batches 218-225): a surname ENAMDICT lists. */
static void surname_after_cw_cell(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	static const char *const roles[] = {"CW", "SW", "MSW", "PSW", NULL};
	struct pii__walk sep; /* the separator before the cell, at i - 1 */
	pii__walk_init(&sep, t, 0, cell_seps, 2);
	for (size_t i = pii__walk_from(&sep, 0) + 1; i + 3 < t->n;
	     i = pii__walk_from(&sep, i) + 1) {
		if (!(t->cp[i - 1] == ',' || pii__raw_tab(t, i - 1)) || !pii__is_upper(t->cp[i]))
			continue;
		size_t m = pii__match_any(t, i, roles);
		if (!m)
			continue;
		size_t a = i + m, e = a;
		while (e < t->n && pii__is_kanji(t->cp[e]) && e - a <= 3)
			e++;
		if (e - a < 2 || e - a > 3 || !whole_cell(t, i, e) || !bare_surname(names, t, a, e) ||
		    any_overlaps(c, a, e))
			continue;
		pii__cand_add(c, t, a, e, PII_PERSON, 0.75);
	}
}

/* Whether the source of len code points at s is written as one of the
 * names [at[j], at[j] + lens[j]) a rule looked for already: its walk
 * settled every place of that text (see cell_names_repeat()). */
static int looked_for_before(const struct pii__text *t, const size_t *at, const size_t *lens,
			     size_t names, size_t s, size_t len)
{
	for (size_t j = 0; j < names; j++)
		if (lens[j] == len && !memcmp(t->cp + at[j], t->cp + s, len * sizeof(uint32_t)))
			return 1;
	return 0;
}

/* A name filling a cell of a row, written again as a whole cell of
 * another row (a duty roster: 12/1<TAB>菅原<TAB>斉藤 ⏎ 12/2<TAB>斉藤<TAB>…):
 * the same person. The cell's text must equal the name's code point for
 * code point, and overlap no other candidate. The overlaps are looked up
 * (pii__overlaps_any()), so that a register whose names repeat costs a
 * binary search a place, not a walk of the list. A source written as an
 * earlier one is not looked for again (it still counts as a source): the
 * earlier walk added the name at each of its places or found it
 * overlapped there, and the rule only adds. */
static void cell_names_repeat(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n, sources = 0, names = 0;
	size_t name_at[MEMO_SOURCES_MAX], name_len[MEMO_SOURCES_MAX];
	struct pii__overlaps kept;
	pii__overlaps_init(&kept, c, SIZE_MAX, 0.01);
	for (size_t k = 0; k < n && sources < MEMO_SOURCES_MAX; k++) {
		const struct pii_span v = c->v[k];
		size_t len = v.end - v.start;
		if (v.type != PII_PERSON || v.confidence <= 0.5 || len < 2 || len > 16 ||
		    !whole_cell(t, v.start, v.end))
			continue;
		sources++;
		if (looked_for_before(t, name_at, name_len, names, v.start, len))
			continue;
		name_at[names] = v.start;
		name_len[names++] = len;
		for (size_t i = pii__find_cp(t, 0, t->cp[v.start]); i + len <= t->n;
		     i = pii__find_cp(t, i + 1, t->cp[v.start])) {
			if (i == v.start ||
			    memcmp(t->cp + i, t->cp + v.start, len * sizeof(uint32_t)) != 0 ||
			    !whole_cell(t, i, i + len) || pii__overlaps_any(&kept, i, i + len))
				continue;
			pii__cand_add(c, t, i, i + len, PII_PERSON, 0.75);
		}
	}
	pii__overlaps_release(&kept);
}

/* A relative's given name found right after its relation (長男 颯太（小6）,
 * 孫の結菜が…), written again alone later in the text (颯太が朝食の…,
 * 結菜の本人確認): the same child (twenty-eighth round (b)). Only names
 * that a relation introduced are sources, never every name (one name,
 * one sense over the whole text added false names, docs/pii.md): 1-3
 * kanji or 2-6 katakana filling the candidate, after the relation and
 * one space or の or nothing; found again as a whole word before a
 * particle or a mark (repeat_follows()), one kanji only before が, の or
 * は, outside every candidate and never a place of the text. Linear in a
 * name written thousands of times: the overlaps are looked up, whether
 * the name is a place is asked once a source (the answer rests on the
 * text and its ADDRESS candidates, and the rule adds only PERSONs), and
 * a source written as an earlier one is not looked for again (as in
 * cell_names_repeat(); the place's answer is the same for both). */
static void relative_given_repeats(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n, sources = 0, names = 0;
	size_t name_at[MEMO_SOURCES_MAX], name_len[MEMO_SOURCES_MAX];
	struct pii__overlaps kept;
	pii__overlaps_init(&kept, c, SIZE_MAX, 0.01);
	for (size_t k = 0; k < n && sources < MEMO_SOURCES_MAX; k++) {
		const struct pii_span v = c->v[k];
		if (v.type != PII_PERSON || v.confidence <= 0.5 || v.start < 1)
			continue;
		size_t len = v.end - v.start;
		int kata = pii__is_kata(t->cp[v.start]);
		int (*same)(uint32_t) = kata ? pii__is_kata : pii__is_kanji;
		if (kata ? len < 2 || len > 6 : len > 3 || !pii__is_kanji(t->cp[v.start]))
			continue;
		size_t x = 0;
		while (x < len && same(t->cp[v.start + x]))
			x++;
		if (x < len || (v.end < t->n && same(t->cp[v.end])))
			continue;
		size_t r = v.start;
		if (t->cp[r - 1] == ' ' || t->cp[r - 1] == 0x306E /* の */)
			r--;
		if (!pii__ends_with(t, r > 3 ? r - 3 : 0, r, relatives))
			continue;
		sources++;
		if (looked_for_before(t, name_at, name_len, names, v.start, len))
			continue;
		name_at[names] = v.start;
		name_len[names++] = len;
		int place = -1; /* asked at the first place that would be added */
		for (size_t i = pii__find_cp(t, 0, t->cp[v.start]); i + len <= t->n;
		     i = pii__find_cp(t, i + 1, t->cp[v.start])) {
			if (i == v.start || memcmp(t->cp + i, t->cp + v.start, len * sizeof(uint32_t)) != 0 ||
			    (i > 0 && same(t->cp[i - 1])) || (i + len < t->n && same(t->cp[i + len])) ||
			    !repeat_follows(t, i + len) || pii__overlaps_any(&kept, i, i + len))
				continue;
			uint32_t f = i + len < t->n ? t->cp[i + len] : '\n';
			if (len == 1 && f != 0x304C && f != 0x306E && f != 0x306F) /* が の は */
				continue;
			if (!kata && place < 0)
				place = word_is_place_here(t, c, v.start, v.end);
			if (!kata && place)
				break;
			pii__cand_add(c, t, i, i + len, PII_PERSON, 0.75);
		}
	}
	pii__overlaps_release(&kept);
}

/* Relations a memo names a person after, with the name in brackets (奥さん
 * （クラウジア）, 友人（ヘナト）): the family's and the household's. */
static const char *const kin_before_bracket[] = {
	"妻", "夫", "奥さん", "奥様", "旦那さん", "ご主人", "息子さん", "娘さん", "友人", "知人",
	"同居人", "元夫", "元妻", "内縁の夫", "内縁の妻", "交際相手", "婚約者", "長男", "長女",
	"次男", "次女", "母", "父", "兄", "姉", "弟", "妹", "祖母", "祖父", "孫", NULL,
};

/* A katakana given name in brackets right after a relation (奥さん
 * （クラウジア）には…, 寮の友人（ヘナト）の部屋): two to eight katakana that
 * fill the brackets, which ENAMDICT reads as a given name or which the
 * text writes again alone before a particle (…クラウジアは日本語…). A
 * word of work or of care in the brackets (妻（パート）, 母（ヘルパー）) is
 * neither. */
static void kata_in_kin_bracket(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	for (size_t q = pii__find_cp(t, 1, '('); q + 3 < t->n; q = pii__find_cp(t, q + 1, '(')) {
		long w = pii__ending_word(t, q > 5 ? q - 5 : 0, q, kin_before_bracket);
		if (w < 0)
			continue;
		size_t s = q + 1, e = s;
		while (e < t->n && pii__is_kata(t->cp[e]) && e - s <= 8)
			e++;
		if (e - s < 2 || e - s > 8 || e >= t->n || t->cp[e] != ')' ||
		    pii__is_word(t, s, e, kana_not_given) || any_overlaps(c, s, e))
			continue;
		int named = (pii__names_lookup_kana(names, t->cp + s, e - s) & PII_NAME_GIVEN_KANA) != 0;
		for (size_t i = pii__find_cp(t, 0, t->cp[s]); !named && i + (e - s) <= t->n;
		     i = pii__find_cp(t, i + 1, t->cp[s]))
			named = i != s && !memcmp(t->cp + i, t->cp + s, (e - s) * sizeof(uint32_t)) &&
				(i == 0 || !pii__is_kata(t->cp[i - 1])) && i + (e - s) < t->n &&
				!pii__is_kata(t->cp[i + (e - s)]) && t->cp[i + (e - s)] != ')' &&
				repeat_follows(t, i + (e - s));
		if (named)
			pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}

/* What a hand-over or a memo says its staff do after naming them with
 * が or は (照屋が対応, 金城が明朝現地確認に行く, 知花は午前中、…). */
static const char *const memo_acts[] = {
	"対応", "担当", "引継", "引き継", "確認", "照会", "同席", "訪問", "連絡", "受付", "処理",
	"説明", "待機", "帰庁", "出張", "休み", "有給", "年休", "不在", "現地", "代行", NULL,
};

int pii__staff_act_word(const struct pii__text *t, size_t s, size_t e)
{
	return pii__is_word(t, s, e, memo_acts) || pii__is_word(t, s, e, presence_words);
}

/* Times a member's day is told by (知花は午前中、…: 明朝, 明日, 本日, 今日,
 * 午前, 午後, 来週, 翌日); a place's weather or works are told so too
 * (松江は午前中に雪), so after は they are weak evidence
 * (memo_staff_at()). */
static int memo_time_at(const struct pii__text *t, size_t f)
{
	if (f + 1 >= t->n)
		return 0;
	uint32_t a = t->cp[f], b = t->cp[f + 1];
	return (a == 0x660E /* 明 */ && (b == 0x671D /* 朝 */ || b == 0x65E5 /* 日 */)) ||
	       ((a == 0x672C /* 本 */ || a == 0x4ECA /* 今 */ || a == 0x7FCC /* 翌 */) &&
		b == 0x65E5) ||
	       (a == 0x5348 /* 午 */ && (b == 0x524D /* 前 */ || b == 0x5F8C /* 後 */)) ||
	       (a == 0x6765 /* 来 */ && b == 0x9031 /* 週 */);
}

/* After に: the staff member a case is handed to (宮城に引継ぎ, に依頼,
 * に交代). */
static int memo_handed_at(const struct pii__text *t, size_t f)
{
	return pii__match(t, f, "引継") || pii__match(t, f, "引き継") || pii__match(t, f, "依頼") ||
	       pii__match(t, f, "交代");
}

/* A unit or a role written glued before a surname ending at e
 * (手当担当国吉より: 担当, 係, 課, 班, 室). */
static int memo_glued_role_ends(const struct pii__text *t, size_t a, size_t e)
{
	if (e <= a)
		return 0;
	uint32_t l = t->cp[e - 1];
	/* or a role of case work (民生委員松永に連絡, …の担当石原が申請;
	 * twenty-sixth round (e)) */
	return l == 0x4FC2 /* 係 */ || l == 0x8AB2 /* 課 */ || l == 0x73ED /* 班 */ ||
	       l == 0x5BA4 /* 室 */ || (l == 0x5F53 /* 当 */ && e - a >= 2 && t->cp[e - 2] == 0x62C5) ||
	       (l == 0x54E1 /* 員 */ && pii__ending_word(t, e > a + 5 ? e - 5 : a, e, staff_roles_no) >= 0);
}

/* The particles that name a memo's staff (は, が, に; から and より in a
 * second walk, in a text with a colon or 引: から引継ぎ：, 担当森田より：):
 * the word before them is read. */
static const uint32_t memo_particles[] = {0x306F /* は */, 0x304C /* が */, 0x306B /* に */};
static const uint32_t memo_particles2[] = {0x304B /* か(ら) */, 0x3088 /* よ(り) */,
					   0x3078 /* へ */};

/* Whether the staff member named before the particle at p (of length m)
 * acts in a memo, by what follows: 2 when it says so (memo_acts or
 * memo_time_at() after が, memo_acts or a client's Latin name found after は,
 * memo_handed_at() after に, 引継 or a colon after から or より), 1 when
 * it may (memo_time_at(), or a day or an hour, after は), else 0. */
static int memo_act_after(const struct pii__text *t, const struct pii__cands *c, size_t p,
			  size_t m)
{
	uint32_t ch = t->cp[p];
	size_t f = p + m;
	if (f >= t->n)
		return 0;
	if (ch == 0x306B)
		return memo_handed_at(t, f) ? 2 : 0;
	if (ch == 0x3078) /* a memo's addressee: 上遠野へ：… */
		return t->cp[f] == ':' ? 2 : 0;
	if (ch == 0x304B || ch == 0x3088)
		return t->cp[f] == ':' || pii__match(t, f, "引継") || pii__match(t, f, "引き継") ? 2
														 : 0;
	if (pii__match_any(t, f, memo_acts))
		return 2;
	if (memo_time_at(t, f))
		return ch == 0x304C ? 2 : 1;
	if (ch != 0x306F)
		return 0;
	if (pii__is_digit(t->cp[f])) {
		/* a day or an hour of a member's own (12/5有給, 21時に帰庁), not
		 * a count (世帯数は35,120世帯) or a month of a plan (決算は10月に) */
		size_t d = f;
		while (d < t->n && pii__is_digit(t->cp[d]) && d - f < 4)
			d++;
		return d < t->n && (t->cp[d] == '/' || t->cp[d] == ':' || t->cp[d] == 0x6642 /* 時 */);
	}
	if (!pii__is_latin_upper(t->cp[f]))
		return 0;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].start == f)
			return 2;
	return 0;
}

/* Whether the text names a person outside [s, e): a memo that names its
 * clients or other staff, where weak evidence for a member will do. */
static int person_elsewhere(const struct pii__cands *c, size_t s, size_t e)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].confidence > 0.01 &&
		    (c->v[k].end <= s || c->v[k].start >= e))
			return 1;
	return 0;
}

/* The same within a document's part (sc): another pasted text's
 * persons do not make weak evidence enough. */
static int person_elsewhere_in(const struct pii__cands *c, size_t s, size_t e,
			       const struct part_scope *sc)
{
	if (!sc)
		return person_elsewhere(c, s, e);
	for (size_t j = 0, m = sc->nidx + (c->n - sc->n0); j < m; j++) {
		size_t k = part_scope_cand(sc, c, j);
		if (k != SIZE_MAX && c->v[k].type == PII_PERSON && c->v[k].confidence > 0.01 &&
		    (c->v[k].end <= s || c->v[k].start >= e))
			return 1;
	}
	return 0;
}

/* Whether the text's first line is the heading of a hand-over or a memo
 * (【申し送り 12/3夜間→12/4朝】, 夜勤→日勤 申し送り, 引継ぎメモ, 業務連絡,
 * 経過記録, 日誌): then a line that opens with a surname and は or が
 * (・新垣は避難所に…) names its staff. */
static int memo_heading(const struct pii__text *t)
{
	size_t le = pii__line_end(t, 0);
	if (le >= t->n || le > 40)
		return 0;
	for (size_t i = 0; i < le; i++)
		if (pii__match(t, i, "申し送り") || pii__match(t, i, "引継") ||
		    pii__match(t, i, "引き継") || pii__match(t, i, "メモ") ||
		    pii__match(t, i, "経過記録") || pii__match(t, i, "日誌") ||
		    pii__match(t, i, "業務連絡"))
			return 1;
	return 0;
}

/* A staff member's act said later in the clause (具志堅が決済代行会社へ
 * 照会中。, ・新垣は避難所（…体育館）に待機): a word of memo_acts within 20
 * code points, before 、, 。 or the line's end; 2 after が, 1 after は (a
 * place's clause may end so: 那覇は…確認). */
static int memo_act_in_clause(const struct pii__text *t, size_t p, size_t m)
{
	if (t->cp[p] != 0x304C /* が */ && t->cp[p] != 0x306F /* は */)
		return 0;
	for (size_t f = p + m; f < t->n && f - p <= 20; f++) {
		uint32_t ch = t->cp[f];
		if (ch == 0x3001 || ch == 0x3002 || ch == '\n')
			return 0;
		/* at p + m, memo_act_after() asked already and found none */
		if (f > p + m && pii__match_any(t, f, memo_acts))
			return t->cp[p] == 0x304C ? 2 : 1;
	}
	return 0;
}

/* Damage a memo tells of a thing (漁船が地震で損壊し、…, 車が流失): a
 * member's act it is not. */
static const char *const memo_damage_words[] = {"損壊", "全壊", "半壊", "倒壊", "流失", "焼失",
						"浸水", "故障", "破損", NULL};

#define MEMO_DAMAGE_REACH 16 /* code points of the clause read after the particle */

/* 1 when the clause after the particle at p (to 、, 。 or the line's end,
 * MEMO_DAMAGE_REACH code points at most) tells of damage: the word before
 * the particle is the thing damaged (漁船が地震で損壊し; batches 370-373). */
static int memo_damage_in_clause(const struct pii__text *t, size_t p)
{
	for (size_t q = p + 1; q < t->n && q - p <= MEMO_DAMAGE_REACH; q++) {
		uint32_t u = t->cp[q];
		if (u == 0x3001 || u == 0x3002 || u == '\n')
			return 0;
		if (pii__is_kanji(u) && pii__match_any(t, q, memo_damage_words))
			return 1;
	}
	return 0;
}

/* The surname before the particle at p (memo_staff_surnames()); 1 when
 * its word was looked up. */
static int memo_staff_at(const struct pii__names *names, const struct pii__text *t,
			 struct pii__cands *c, size_t p, int *heading, const struct part_scope *sc)
{
	if (!pii__is_kanji(t->cp[p - 1]))
		return 0;
	/* は right before a phone number (0 and a digit): the word is when or
	 * where to call (日中は070-…に連絡, 平日は0155-…へ; batches 378-381),
	 * no member acting */
	if (t->cp[p] == 0x306F /* は */ && p + 2 < t->n && t->cp[p + 1] == '0' &&
	    pii__is_digit(t->cp[p + 2]))
		return 0;
	size_t m = 1;
	if (t->cp[p] == 0x304B || t->cp[p] == 0x3088) {
		if (!pii__match(t, p, t->cp[p] == 0x304B ? "から" : "より"))
			return 0;
		m = 2;
	}
	size_t a = p - 1;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && p - a < 8)
		a--;
	uint32_t b = a ? t->cp[a - 1] : '\n';
	/* …から opens the clause of a hand-over's addressee (係長から上遠野へ：) */
	/* の before a role glued to the surname (受入先の担当前原が…) is read
	 * below, where the role must be found */
	int after_no = b == 0x306E /* の */;
	if (!(b == '\n' || b == 0x30FB /* ・ */ || b == 0x3001 || b == 0x3002 || after_no ||
	      b == 0x306F /* は */ || b == ' ' || b == 0x3092 /* を (…を青田が代行) */ ||
	      (b == 0x3089 /* ら */ && a >= 2 && t->cp[a - 2] == 0x304B /* か */)))
		return 0;
	int glued = 0;
	if (p - a > 3) {
		/* a role or a unit glued before: 手当担当|国吉より */
		size_t l = 3;
		while (l >= 2 && !memo_glued_role_ends(t, a, p - l))
			l--;
		if (l < 2)
			return 0;
		a = p - l;
		glued = 1;
	}
	/* after の only a person's role (担当, 委員), not a unit's word
	 * (学童の退室|時間について) */
	if (p - a < 2 || (after_no && (!glued || (t->cp[a - 1] != 0x5F53 /* 当 */ &&
						  t->cp[a - 1] != 0x54E1 /* 員 */))))
		return 0;
	int act = memo_act_after(t, c, p, m);
	if (act < 2) {
		int in = memo_act_in_clause(t, p, m);
		act = in > act ? in : act;
	}
	/* a topic or a source set off by 、 at a clause's start (荒木は、…と
	 * 指摘, ⏎青田より、…; twenty-fifth round (e)): weak evidence */
	/* or at a numbered item's start (⏎2. 荒木より、…; twenty-sixth round
	 * (e)) */
	int item = 0;
	if (b == ' ' && a >= 3 && t->cp[a - 2] == '.') {
		size_t d = a - 2;
		while (d > 0 && pii__is_digit(t->cp[d - 1]) && a - 2 - d < 2)
			d--;
		item = d < a - 2 && (d == 0 || t->cp[d - 1] == '\n');
	}
	if (!act && p + m < t->n && t->cp[p + m] == 0x3001 && t->cp[p] != 0x304C &&
	    t->cp[p] != 0x306B && (b == '\n' || b == 0x3002 || item))
		act = 1;
	/* a role glued before says a member by itself (担当草野に注意喚起済み):
	 * weak evidence after any of the particles */
	if (!act && glued)
		act = 1;
	if (!act && (b == '\n' || b == 0x30FB) && m == 1) {
		if (*heading < 0)
			*heading = memo_heading(t);
		act = *heading;
	}
	if (!act)
		return 0;
	/* weak evidence says no member when the clause tells of damage */
	if (act < 2 && memo_damage_in_clause(t, p + m - 1))
		return 1;
	/* weak evidence (1) will do in a memo that names someone else */
	if (bare_surname(names, t, a, p) && !any_overlaps(c, a, p) &&
	    (act == 2 || person_elsewhere_in(c, a, p, sc)) && !word_is_place_in(t, c, a, p, sc))
		pii__cand_add(c, t, a, p, PII_PERSON, 0.75);
	return 1;
}

/* The particles of [from, z) (memo_particles, then memo_particles2 when
 * the text may hold what they need), up to MEMO_WORDS_MAX looked-up
 * words; sc: the document's part, or NULL. */
static void memo_staff_range(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c, size_t from, size_t z, int *heading,
			     const struct part_scope *sc)
{
	struct pii__walk w;
	size_t words = 0;
	pii__walk_init(&w, t, from, memo_particles, sizeof memo_particles / sizeof *memo_particles);
	for (size_t p = pii__walk_next(&w); p < z && words < MEMO_WORDS_MAX; p = pii__walk_next(&w))
		words += (size_t)memo_staff_at(names, t, c, p, heading, sc);
	if (!pii__may_have(t, ':') && !pii__may_have(t, 0x5F15 /* 引 */) &&
	    !pii__may_have(t, 0x3001 /* 、: ⏎青田から、… */))
		return;
	pii__walk_init(&w, t, from, memo_particles2, sizeof memo_particles2 / sizeof *memo_particles2);
	for (size_t p = pii__walk_next(&w); p < z && words < MEMO_WORDS_MAX; p = pii__walk_next(&w))
		words += (size_t)memo_staff_at(names, t, c, p, heading, sc);
}

/* The particles of a document of several parts (g), in one walk a list
 * of particles over the whole text as a text's, each with the scope of
 * its part; words[p] counts part p's looked-up words. */
static void memo_staff_parts(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c, const struct pii__parts *g, size_t n0,
			     const uint32_t *marks, unsigned nmarks, size_t *words, int *heading)
{
	struct pii__walk w;
	size_t q = 0;
	pii__walk_init(&w, t, 2, marks, nmarks);
	for (size_t p = pii__walk_next(&w); p < t->n; p = pii__walk_next(&w)) {
		while (q + 1 < g->n && g->bound[2 * q + 1] <= p)
			q++;
		if (words[q] >= MEMO_WORDS_MAX || p < g->bound[2 * q] || p >= g->bound[2 * q + 1])
			continue;
		struct part_scope sc = {g->bound[2 * q], g->bound[2 * q + 1], g->idx + g->first[q],
					g->first[q + 1] - g->first[q], n0};
		words[q] += (size_t)memo_staff_at(names, t, c, p, heading, &sc);
	}
}

/* Part by part (pii__parts_make()): a document's parts each get their
 * MEMO_WORDS_MAX words (a long memo pasted first used them up, and
 * 金城が明朝現地確認に行く, 知花は午前中、… of a hand-over pasted after it were
 * lost), and the evidence for a member (a person named elsewhere, the
 * word written as a place) is looked for in the member's part only,
 * through the part's own candidates. A text of one part is read as
 * before. */
static void memo_staff_pass(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c)
{
	int heading = -1; /* memo_heading(), asked once */
	struct pii__parts g;
	if (!pii__parts_make(t, c, c->n, &g)) {
		memo_staff_range(names, t, c, 2, t->n, &heading, NULL);
		return;
	}
	size_t n0 = c->n;
	size_t *words = yk_xcalloc(g.n, sizeof(*words));
	memo_staff_parts(names, t, c, &g, n0, memo_particles,
			 sizeof memo_particles / sizeof *memo_particles, words, &heading);
	if (pii__may_have(t, ':') || pii__may_have(t, 0x5F15 /* 引 */) ||
	    pii__may_have(t, 0x3001 /* 、: ⏎青田から、… */))
		memo_staff_parts(names, t, c, &g, n0, memo_particles2,
				 sizeof memo_particles2 / sizeof *memo_particles2, words, &heading);
	free(words);
	pii__parts_release(&g);
}

/* Twice when the first pass found a member: weak evidence for a name
 * before it in the text (・松永は… ⏎・石原が…に待機) then has its other
 * name. */
static void memo_staff_surnames(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	size_t n = c->n;
	memo_staff_pass(names, t, c);
	if (c->n > n)
		memo_staff_pass(names, t, c);
}

/* A taker's surname at [s, e): 2-3 kanji ENAMDICT lists as a surname (not
 * of not_surnames) where no candidate stands yet; added as a name. */
static void taker_add(const struct pii__names *names, const struct pii__text *t,
		      struct pii__cands *c, size_t s, size_t e)
{
	if (e - s >= 2 && e - s <= 3 && bare_surname(names, t, s, e) && !any_overlaps(c, s, e))
		pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

/* A surname alone opening a line before its owner's e-mail, after a
 * space or in brackets (⏎村上 murakami.t@…, ⏎坂口（t.sakaguchi.beppu@…）;
 * batches 806-821): a mail's or a note's signature. 2-3 kanji ENAMDICT
 * lists as a surname, no word of not_surnames. */
static void surname_before_mail(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *m = &c->v[k];
		size_t q = m->start;
		if (m->type != PII_EMAIL || q < 3 || !(t->cp[q - 1] == ' ' || t->cp[q - 1] == '('))
			continue;
		size_t e = q - 1, s = e;
		while (s > 0 && pii__is_kanji(t->cp[s - 1]) && e - s < 4)
			s--;
		if ((s == 0 || t->cp[s - 1] == '\n') && e - s >= 2)
			taker_add(names, t, c, s, e);
	}
}

/* A caller's surname right after an apology that opens the call
 * (すみません吉成です、, すみません、田村です; batches 822-835 and session
 * 19's limits): すみません opening a line or a sentence, 、 or a space
 * allowed, 2-3 kanji ENAMDICT lists as a surname, then です. */
static void surname_after_apology(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 0, 0x3059 /* す */); i + 7 < t->n;
	     i = pii__find_cp(t, i + 1, 0x3059)) {
		size_t m = pii__match(t, i, "すみません");
		if (!m)
			continue;
		uint32_t p = i ? t->cp[i - 1] : '\n';
		if (!(p == '\n' || p == ' ' || p == 0x3002 /* 。 */ || p == 0x300C /* 「 */ ||
		      p == ':'))
			continue;
		size_t s = i + m;
		if (s < t->n && (t->cp[s] == 0x3001 /* 、 */ || t->cp[s] == ' '))
			s++;
		size_t e = kanji_run_end(t, s);
		if (e - s >= 2 && e - s <= 3 && pii__match(t, e, "です"))
			taker_add(names, t, c, s, e);
	}
}

/* The writer closing a memo's bracket after its date (電話受付メモ（医療課
 * 12/3 10:20 受け 村松）, 聞き取りメモ（母島支所 12/5 菅沼）; batches
 * 822-835): a bracket on one line holding a date written d/d, the last
 * item after a space, 2-3 kanji ENAMDICT lists as a surname (no word of
 * not_surnames), closing it. */
static void writer_closing_bracket(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c)
{
	for (size_t q = pii__find_cp(t, 3, ')'); q < t->n; q = pii__find_cp(t, q + 1, ')')) {
		size_t s = q;
		while (s > 0 && pii__is_kanji(t->cp[s - 1]) && q - s < 4)
			s--;
		if (q - s < 2 || q - s > 3 || s < 2 || t->cp[s - 1] != ' ')
			continue;
		int dated = 0;
		size_t o = s - 1;
		while (o > 0 && t->cp[o - 1] != '(' && t->cp[o - 1] != '\n' && s - o < 40) {
			o--;
			if (t->cp[o] == '/' && o > 0 && pii__is_digit(t->cp[o - 1]) && o + 1 < t->n &&
			    pii__is_digit(t->cp[o + 1]))
				dated = 1;
		}
		if (dated && o > 0 && t->cp[o - 1] == '(')
			taker_add(names, t, c, s, q);
	}
}

/* A unit's label and a colon before a list of surnames parted by 、 (観光
 * 課：谷口、近藤、大西⏎消防局：…; batches 822-835): the line holds the
 * unit's members, a meeting's attendance. Every item is 2-3 kanji
 * ENAMDICT lists as a surname (no word of not_surnames); two items at
 * least. */
static void unit_members_line(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	for (size_t k = pii__find_cp(t, 2, ':'); k < t->n; k = pii__find_cp(t, k + 1, ':')) {
		size_t ls = k;
		while (ls > 0 && pii__is_kanji(t->cp[ls - 1]) && k - ls < 8)
			ls--;
		if (k - ls < 2 || (ls > 0 && t->cp[ls - 1] != '\n') ||
		    !(unit_ends_at(t, k) || t->cp[k - 1] == 0x5C40 /* 局 */))
			continue;
		enum { ITEMS = 8 };
		size_t is[ITEMS], ie[ITEMS], n = 0, q = k + 1;
		int ok = 1;
		for (;;) {
			size_t e = kanji_run_end(t, q);
			if (e == q || n == ITEMS) {
				ok = 0;
				break;
			}
			is[n] = q, ie[n] = e, n++;
			if (e < t->n && t->cp[e] == 0x3001 /* 、 */) {
				q = e + 1;
				continue;
			}
			ok = e >= t->n || t->cp[e] == '\n';
			break;
		}
		if (!ok || n < 2)
			continue;
		for (size_t j = 0; j < n && ok; j++)
			ok = ie[j] - is[j] >= 2 && ie[j] - is[j] <= 3 && bare_surname(names, t, is[j], ie[j]);
		if (!ok)
			continue;
		for (size_t j = 0; j < n; j++)
			taker_add(names, t, c, is[j], ie[j]);
	}
}

/* A writer's surname signing a line after its last sentence (…1号棟203
 * です。大坂, …とのことです。金城, 報告済。秋野 13:25, （以下、…転送
 * します。竹内）; batches 806-835): after 。, 2-3 kanji ENAMDICT lists as a
 * surname (no word of not_surnames), then the line's or the text's end,
 * a time or a bracket's end. */
static void surname_signing_line(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	for (size_t q = pii__find_cp(t, 0, 0x3002 /* 。 */); q + 2 < t->n;
	     q = pii__find_cp(t, q + 1, 0x3002)) {
		size_t s = q + 1, e = kanji_run_end(t, s);
		if (e - s < 2 || e - s > 3)
			continue;
		size_t f = e;
		if (f < t->n && t->cp[f] == ')')
			f++;
		else if (f + 5 <= t->n && t->cp[f] == ' ' && pii__is_digit(t->cp[f + 1])) {
			/* a time after a space (秋野 13:25) */
			size_t d = f + 1;
			while (d < t->n && pii__is_digit(t->cp[d]) && d - f <= 2)
				d++;
			if (d + 2 < t->n && t->cp[d] == ':' && pii__is_digit(t->cp[d + 1]) &&
			    pii__is_digit(t->cp[d + 2]))
				f = d + 3;
		}
		while (f < t->n && t->cp[f] == ' ')
			f++;
		/* the writer's phone number after it (…警察呼ぶから。及川　0167-29-2281;
		 * session 21's read files) */
		if (f > e && f < t->n && t->cp[f] != '\n')
			for (size_t k = 0; k < c->n; k++)
				if (c->v[k].type == PII_PHONE && c->v[k].start == f) {
					f = c->v[k].end;
					break;
				}
		while (f < t->n && t->cp[f] == ' ')
			f++;
		if (f < t->n && t->cp[f] != '\n')
			continue;
		/* a closing bracket needs its opening on the line */
		if (e < t->n && t->cp[e] == ')') {
			size_t o = q;
			while (o > 0 && t->cp[o - 1] != '\n' && t->cp[o - 1] != '(' && q - o < 80)
				o--;
			if (o == 0 || t->cp[o - 1] != '(')
				continue;
		}
		taker_add(names, t, c, s, e);
	}
}

/* The kind of the word [s, e) that signs a text after a space: a
 * surname of 1-3 kanji (高幡, 西), that surname with a given name in
 * hiragana (平良まさお), or a surname's or a given name's reading in
 * hiragana or katakana (いしかわ, ゆか, ミツコ): 1 when it is one. */
static int signing_word(const struct pii__names *names, const struct pii__text *t, size_t s,
			size_t e)
{
	size_t k = kanji_run_end(t, s);
	if (k == e)
		return bare_surname(names, t, s, e);
	if (k > s) {
		/* a surname glued to a given name in hiragana */
		if (!bare_surname(names, t, s, k) || e - k < 2 || e - k > 4)
			return 0;
		for (size_t q = k; q < e; q++)
			if (!pii__is_hira(t->cp[q]))
				return 0;
		return (kana_flags(names, t, k, e) & PII_NAME_GIVEN_KANA) != 0;
	}
	int hira = pii__is_hira(t->cp[s]);
	for (size_t q = s; q < e; q++)
		if (hira ? !pii__is_hira(t->cp[q]) : !(pii__is_kata(t->cp[q]) && t->cp[q] != 0x30FB))
			return 0;
	if (e - s < 2 || e - s > (hira ? 4u : 5u))
		return 0;
	return (kana_flags(names, t, s, e) & (PII_NAME_SURNAME_KANA | PII_NAME_GIVEN_KANA)) != 0;
}

/* A name signing a message typed on a phone or in a chat, its last word
 * after a space (…資料は今夜中にメールします 高幡, 電話ください
 * 070-2214-9863 いしかわ, 雨なら中止  ゆか; session 21's read files):
 * at least 8 code points of message before it on its line, ending in a
 * verb's kana, a sentence's end or the writer's phone number; no table's
 * row, no word that closes a list (ほか, なし, まで). */
static void name_signing_text(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	size_t e = t->n;
	while (e > 0 && (t->cp[e - 1] == ' ' || t->cp[e - 1] == '\n'))
		e--;
	size_t s = e;
	while (s > 0 && (pii__is_kanji(t->cp[s - 1]) || pii__is_hira(t->cp[s - 1]) ||
			 pii__is_kata(t->cp[s - 1])) && e - s <= 6)
		s--;
	if (s == e || e - s > 6 || s < 9 || t->cp[s - 1] != ' ')
		return;
	size_t b = s - 1;
	while (b > 0 && t->cp[b - 1] == ' ')
		b--;
	size_t ls = b;
	while (ls > 0 && t->cp[ls - 1] != '\n')
		ls--;
	if (b - ls < 8)
		return;
	/* after a verb's or a sentence's end, or the writer's number */
	uint32_t p = t->cp[b - 1];
	int after_phone = 0;
	for (size_t k = 0; k < c->n && pii__is_digit(p); k++)
		after_phone |= c->v[k].type == PII_PHONE && c->v[k].end == b;
	if (!(pii__is_hira(p) || p == 0x3002 /* 。 */ || p == '!' || p == '?' || after_phone))
		return;
	/* not a table's row (a tab is folded to a space) */
	for (size_t k = ls; k < b; k++)
		if (pii__raw_tab(t, k))
			return;
	/* the words that close a list or a row (…ほか, 080-… まで, なし) */
	static const char *const closing_words[] = {"なし", "ほか", "まで", "から", "しない", "あり",
						    "のみ", "など", "より", "以上", "以下", "未満", NULL};
	if (word_exact(t, s, e, closing_words) || !signing_word(names, t, s, e) ||
	    any_overlaps(c, s, e))
		return;
	pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

/* The writer's surname before より closing a text (…送ってください。\n以上、
 * 宮内より; session 22's read files): 2-3 kanji ENAMDICT lists as a
 * surname (no word of not_surnames) after a line's start, 以上、 or a
 * space, then より and nothing but spaces, line breaks or 。 to the end. */
static void surname_closing_from(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	size_t e = t->n;
	while (e > 0 && (t->cp[e - 1] == ' ' || t->cp[e - 1] == '\n' || t->cp[e - 1] == 0x3002))
		e--;
	if (e < 4 || t->cp[e - 2] != 0x3088 /* よ */ || t->cp[e - 1] != 0x308A /* り */)
		return;
	size_t ne = e - 2, s = ne;
	while (s > 0 && pii__is_kanji(t->cp[s - 1]) && ne - s < 4)
		s--;
	if (s == ne || ne - s > 3)
		return;
	if (s == 0 || t->cp[s - 1] == '\n' || t->cp[s - 1] == ' ' ||
	    (s >= 3 && pii__match(t, s - 3, "以上、") == 3))
		taker_add(names, t, c, s, ne);
}

/* Surnames listed before 各委員 or 各氏 (都丸、桑原、塚越各委員; 阿久沢委員
 * 長、生方副委員長、…; …、渥美の各氏; session 22's read files): from the
 * list's end back over items parted by 、, each 1-3 kanji ENAMDICT lists as
 * a surname, a speaker title glued after it or not; the walk stops at the
 * first item that is no such surname. */
static void surnames_listed_before_each(const struct pii__names *names, const struct pii__text *t,
					struct pii__cands *c)
{
	static const char *const each[] = {"各委員", "各氏", "各議員", "各理事", "各幹事", NULL};
	for (size_t i = pii__find_cp(t, 1, 0x5404 /* 各 */); i < t->n;
	     i = pii__find_cp(t, i + 1, 0x5404)) {
		if (!pii__match_any(t, i, each))
			continue;
		size_t e = i > 0 && t->cp[i - 1] == 0x306E /* の */ ? i - 1 : i;
		for (int items = 0; items < 12 && e > 0; items++) {
			size_t s = e;
			while (s > 0 && pii__is_kanji(t->cp[s - 1]) && e - s < 8)
				s--;
			if (s == e || (s > 0 && t->cp[s - 1] != 0x3001 /* 、 */ && t->cp[s - 1] != ' ' &&
				       t->cp[s - 1] != '\n' && t->cp[s - 1] != ':'))
				break;
			size_t ne = e - speaker_title_len(t, s, e);
			if (!bare_surname(names, t, s, ne))
				break;
			if (!any_overlaps(c, s, ne))
				pii__cand_add(c, t, s, ne, PII_PERSON, 0.75);
			if (s == 0 || t->cp[s - 1] != 0x3001)
				break;
			e = s - 1;
		}
	}
}

/* A staff member named by what the reader is to do with them or what
 * they will do (担当附田までお問い合わせください, 担任予定の小松崎までお問
 * い合わせ, 12月16日午前に井上が同行します; session 22's read files): 2-3
 * kanji ENAMDICT lists as a surname (no word of not_surnames), a run of
 * their own or glued after 担当 or 担任, then まで and a word of contact, or
 * が and a visit. */
static void surname_to_contact(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c)
{
	static const char *const contact_after[] = {
		"までお問い合わせ", "までお問合せ", "までご連絡", "まで連絡", "までお知らせ",
		"まで伝え", "までお伝え", "までお申し出", "までご相談", "までお電話", "までご一報",
		"が同行", "が伺い", "が伺います", "がお伺い", "が訪問します", "がご案内",
		/* batches 1008-1022 (even) */
		"まで教え", "が付き添", "が同乗", "が立ち会", NULL};
	static const uint32_t opens[] = {0x307E /* ま */, 0x304C /* が */};
	for (size_t o = 0; o < YK_ARRAY_LEN(opens); o++)
		for (size_t i = pii__find_cp(t, 2, opens[o]); i + 3 < t->n;
		     i = pii__find_cp(t, i + 1, opens[o])) {
			if (!pii__is_kanji(t->cp[i - 1]) || !pii__match_any(t, i, contact_after))
				continue;
			size_t s = i;
			while (s > 0 && pii__is_kanji(t->cp[s - 1]) && i - s < 6)
				s--;
			if (s > 0 && pii__is_kanji(t->cp[s - 1]))
				continue;
			if (i - s > 3 && (pii__match(t, s, "担当") || pii__match(t, s, "担任")))
				s += 2;
			taker_add(names, t, c, s, i);
		}
}

/* A relation glued before a full name (夫李 明哲, 妻佐藤 リサ; session 22's
 * read files): the name without it, unless the glued word is a surname
 * itself (妹尾 真). */
static void relation_glued_trimmed(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c)
{
	/* (本人半田 ツネ: the person themself, as a record names them;
	 * session 26's read files) */
	static const char *const self[] = {"本人", NULL};
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t rm = v->type == PII_PERSON ? pii__match_any(t, v->start, relatives) : 0;
		if (!rm && v->type == PII_PERSON)
			rm = pii__match_any(t, v->start, self);
		/* 旧氏 加藤、新氏 原、名 美咲: the given name's label 名 and its
		 * space read as a surname of one kanji (session 26's read
		 * files); the label opens an item */
		if (!rm && v->type == PII_PERSON && v->end - v->start >= 3 &&
		    t->cp[v->start] == 0x540D /* 名 */ && t->cp[v->start + 1] == ' ' &&
		    (v->start == 0 || t->cp[v->start - 1] == 0x3001 /* 、 */ ||
		     t->cp[v->start - 1] == '\n' || t->cp[v->start - 1] == ' ')) {
			pii__span_set(v, t, v->start + 2, v->end);
			continue;
		}
		if (!rm || (v->start > 0 && pii__is_kanji(t->cp[v->start - 1])))
			continue;
		size_t sp = v->start + rm;
		while (sp < v->end && pii__is_kanji(t->cp[sp]) && sp - v->start - rm < 3)
			sp++;
		if (sp > v->start + rm && sp + 1 < v->end && t->cp[sp] == ' ' &&
		    !(pii__names_lookup(names, t->cp + v->start, sp - v->start) & PII_NAME_SURNAME) &&
		    (pii__names_lookup(names, t->cp + v->start + rm, sp - v->start - rm) &
		     PII_NAME_SURNAME))
			pii__span_set(v, t, v->start + rm, v->end);
	}
}

/* A writer who gives their name in katakana, unknown to ENAMDICT, opening
 * a line or after a greeting (こんにちは グルンです, マークです　なかひら
 * さん; session 22's read files): 2-9 katakana (ー too), no word of
 * kata_after_relation and no card, then です and a space, a line's end, 。,
 * 、 or the text's end. */
static void katakana_self_introduction(const struct pii__text *t, struct pii__cands *c)
{
	static const char *const hellos[] = {"こんにちは", "こんばんは", "おはようございます",
					     "すみません", "お疲れさまです", "お疲れ様です",
					     "はじめまして", "もしもし", NULL};
	for (size_t i = pii__find_cp(t, 2, 0x3067 /* で */); i + 1 < t->n;
	     i = pii__find_cp(t, i + 1, 0x3067)) {
		if (t->cp[i + 1] != 0x3059 /* す */ || script_of(t->cp[i - 1]) != KS_KATA)
			continue;
		size_t after = i + 2;
		if (after < t->n && !(t->cp[after] == ' ' || t->cp[after] == '\n' ||
				      t->cp[after] == 0x3002 || t->cp[after] == 0x3001 || t->cp[after] == '!'))
			continue;
		size_t s = i;
		while (s > 0 && script_of(t->cp[s - 1]) == KS_KATA && i - s < 10)
			s--;
		if (i - s < 2 || i - s > 9 || (s > 0 && script_of(t->cp[s - 1]) == KS_KATA))
			continue;
		size_t b = s;
		while (b > 0 && t->cp[b - 1] == ' ')
			b--;
		/* at a line's start, a space or a line break after です: a
		 * message's opening (ホテルです。 is an answer) */
		int opens = (b == 0 || t->cp[b - 1] == '\n') && after < t->n &&
			    (t->cp[after] == ' ' || t->cp[after] == '\n');
		if (!opens && b < s && b > 0) {
			size_t ge = b;
			if (t->cp[ge - 1] == 0x3001 /* 、 */ || t->cp[ge - 1] == '!')
				ge--;
			opens = pii__ends_with(t, 0, ge, hellos) != 0;
		}
		if (!opens || any_overlaps(c, s, i))
			continue;
		int noun = 0;
		for (size_t q = s; q < i && !noun; q++)
			noun = pii__match_any(t, q, kata_after_relation) ||
			       pii__match_any(t, q, kata_not_surnames);
		if (!noun)
			pii__cand_add(c, t, s, i, PII_PERSON, 0.75);
	}
}

/* Who wrote or took a record, in brackets after the surname (求人応募の
 * 受付メモ（須田記入）, 実習生受入れメモ（武田作成）; session 22's read
 * files): ( and 2-3 kanji ENAMDICT lists as a surname, then 記入, 作成, 記録
 * or 記 and ). And who did a step, after the step's word and は (審査は平
 * 岡、決裁は…, 対応は竹中。): the surname then 、, 。, です or a line's
 * end. */
static void surname_as_recorder(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	static const char *const recorded[] = {"記入)", "作成)", "記録)", "記)", NULL};
	static const char *const steps[] = {"審査は", "対応は", "決裁は", "確認は", "受付は",
					    "記入は", "作成は", "説明は", "案内は", NULL};
	for (size_t i = pii__find_cp(t, 0, '('); i < t->n; i = pii__find_cp(t, i + 1, '(')) {
		size_t s = i + 1, e = kanji_run_end(t, s);
		for (size_t cut = 1; cut <= 2 && e > s + cut; cut++)
			if (pii__match_any(t, e - cut, recorded) == cut + 1) {
				taker_add(names, t, c, s, e - cut);
				break;
			}
	}
	for (size_t i = pii__find_cp(t, 2, 0x306F /* は */); i < t->n;
	     i = pii__find_cp(t, i + 1, 0x306F)) {
		if (!pii__ends_with(t, i >= 2 ? i - 2 : 0, i + 1, steps))
			continue;
		size_t s = i + 1, e = kanji_run_end(t, s);
		if (e - s < 2 || e - s > 3)
			continue;
		if (e == t->n || t->cp[e] == 0x3001 /* 、 */ || t->cp[e] == 0x3002 /* 。 */ ||
		    t->cp[e] == '\n' || pii__match(t, e, "です"))
			taker_add(names, t, c, s, e);
	}
}

/* Children named after 子どもは (子どもは悠真と結菜です; session 22's read
 * files): not a relation of relatives_named(), whose glued and の forms
 * would take 子ども食堂 and 子ども会. */
static void children_after_kodomo(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 0, 0x5B50 /* 子 */); i + 4 < t->n;
	     i = pii__find_cp(t, i + 1, 0x5B50)) {
		size_t m = pii__match(t, i, "子どもは");
		if (!m)
			m = pii__match(t, i, "子供は");
		if (m && (i == 0 || !pii__is_kanji(t->cp[i - 1])))
			given_after_relation_wa(names, t, c, i + m);
	}
}

/* Surnames listed with a count of people that equals the list's length
 * (一戸・今・外崎の3名, 古谷・関・日暮の3名で; session 22's read files): from
 * the digit before 名 (after の or glued) back over items parted by ・,
 * each 1-3 kanji; when the items are exactly that many (2-6), each that
 * ENAMDICT lists as a surname (no word of not_surnames) is a name (not
 * items parted by 、: 1泊、大人2名, 井川1名、池田2名). */
static void surnames_counted(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 3, 0x540D /* 名 */); i < t->n;
	     i = pii__find_cp(t, i + 1, 0x540D)) {
		size_t d = i;
		if (!pii__is_digit(t->cp[d - 1]) || (d >= 2 && pii__is_digit(t->cp[d - 2])))
			continue;
		unsigned want = t->cp[d - 1] - '0';
		size_t e = d - 1;
		if (e > 0 && t->cp[e - 1] == 0x306E /* の */)
			e--;
		if (want < 2 || want > 6)
			continue;
		size_t starts[6], ends[6];
		unsigned items = 0;
		for (;;) {
			size_t s = e;
			while (s > 0 && pii__is_kanji(t->cp[s - 1]) && e - s < 4)
				s--;
			if (s == e || e - s > 3 || items == 6)
				break;
			starts[items] = s;
			ends[items] = e;
			items++;
			if (s == 0 || t->cp[s - 1] != 0x30FB /* ・ */)
				break;
			e = s - 1;
		}
		/* the first item opens its word: a space, a line, a colon, a
		 * bracket or a particle before it, no kanji or digit glued (1泊、
		 * 大人2名 is no list of names) */
		size_t f0 = items ? starts[items - 1] : 0;
		if (items != want || (f0 > 0 && (pii__is_kanji(t->cp[f0 - 1]) || pii__is_digit(t->cp[f0 - 1]))))
			continue;
		for (unsigned k = 0; k < items; k++)
			if (!word_exact(t, starts[k], ends[k], not_surnames) &&
			    (pii__names_lookup(names, t->cp + starts[k], ends[k] - starts[k]) &
			     PII_NAME_SURNAME) &&
			    !any_overlaps(c, starts[k], ends[k]))
				pii__cand_add(c, t, starts[k], ends[k], PII_PERSON, 0.75);
	}
}

/* A surname with a staff or workplace title glued after it, in running
 * text (小野田班長 きょう…, 成田支配人が, 花田組合長に; session 22's read
 * files): 2-3 kanji ENAMDICT lists as a surname (no word of not_surnames)
 * opening their word, a title of title_after_surname, then a particle, a
 * mark, a space or a line's end. */
static void surname_glued_to_title(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	/* not 棟梁 or 監督 (地元の大工棟梁, 現場監督); each ends in 長, 人 or
	 * 務 */
	static const char *const titles_after[] = {"班長", "支配人", "副組合長", "組合長", "師長",
						   "専務", "常務", "料理長", NULL};
	if (!pii__may_have(t, 0x9577 /* 長 */) && !pii__may_have(t, 0x4EBA /* 人 */) &&
	    !pii__may_have(t, 0x52D9 /* 務 */))
		return;
	static const char *const after[] = {"が", "に", "へ", "は", "の", "と", "も", "から", "より",
					    "、", "。", " ", "\n", "(", NULL};
	for (size_t i = 2; i + 2 < t->n; i++) {
		if (!pii__is_kanji(t->cp[i]) || !pii__is_kanji(t->cp[i - 1]))
			continue;
		size_t m = pii__match_any(t, i, titles_after);
		if (!m)
			continue;
		if (i + m < t->n && !pii__match_any(t, i + m, after))
			continue;
		size_t s = kanji_run_back(t, i);
		if (s > 0 && pii__is_kanji(t->cp[s - 1]))
			continue;
		taker_add(names, t, c, s, i);
	}
}

/* A name read as a word and a surname parted by one space (メモ　工藤さん,
 * 北星山の下　斉藤さんち, （鳴滝 草野様邸）; session 21's read files):
 * when the part after the space is 1-3 kanji ENAMDICT lists as a surname
 * and never as a given name, it is no full name's given name, and the name
 * is that surname alone; not after a one-kanji Chinese or Korean surname. */
static void surname_after_spaced_word(const struct pii__names *names, const struct pii__text *t,
				      struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->end - v->start < 3)
			continue;
		size_t m = v->start;
		while (m < v->end && t->cp[m] != ' ')
			m++;
		if (m == v->start || m + 1 >= v->end || !all_kanji_between(t, m + 1, v->end))
			continue;
		/* a Chinese or Korean surname before a given name ENAMDICT
		 * lists as a surname (梁 在元, 韓 在元) */
		if (m == v->start + 1 && pii__cjk_surname(t->cp[v->start]))
			continue;
		unsigned f = pii__names_lookup(names, t->cp + m + 1, v->end - m - 1);
		if (!(f & PII_NAME_SURNAME) || (f & PII_NAME_GIVEN) || !bare_surname(names, t, m + 1, v->end))
			continue;
		pii__span_set(v, t, m + 1, v->end);
	}
}

/* Two staff members joined by と who go somewhere or do something
 * together (現地確認は小西と岡本で実施予定, 当日は吉田と中島の2名で伺い
 * ます, 建築住宅課の木島と私の2名で, 当日は吉岡と北村も行きます; session
 * 21's read files): 2-3 kanji ENAMDICT lists as a surname (no word of
 * not_surnames) on each side of と, or 私 on one side, after a particle, a
 * colon, a space or a bracket, then a count of people or a visit's verb. */
static const char *const pair_after[] = {"の2名", "の二名", "の3名", "の2人", "の二人", "で伺",
					 "が伺", "で訪問", "が訪問", "で対応", "が対応", "も行",
					 "で回", "で立会", "で立ち会", "で実施", "で現地", "には連絡",
					 "に連絡", NULL};

static size_t pair_word_end(const struct pii__names *names, const struct pii__text *t, size_t s)
{
	if (s < t->n && t->cp[s] == 0x79C1 /* 私 */ && !(s + 1 < t->n && pii__is_kanji(t->cp[s + 1])))
		return s + 1;
	size_t e = kanji_run_end(t, s);
	return e - s >= 2 && e - s <= 3 && bare_surname(names, t, s, e) ? e : s;
}

/* Or the pair joined by ・ is a record's staff after their role and a space
 * or a colon, closing its item (確認者 八木・岡田⏎, 支援員 愛甲・平田⏎;
 * session 24's limits, session 25's read files). */
static int pair_after_role(const struct pii__text *t, size_t ls, size_t re)
{
	static const char *const roles[] = {"確認者", "支援員", "対応者", "訪問者", "担当者",
					    "立会者", "同行者", "調査員", "記録者", "相談員", NULL};
	if (ls < 4 || !(t->cp[ls - 1] == ' ' || t->cp[ls - 1] == ':') ||
	    !pii__ends_with(t, ls - 1 >= 8 ? ls - 9 : 0, ls - 1, roles))
		return 0;
	uint32_t f = re < t->n ? t->cp[re] : '\n';
	return f == '\n' || f == ' ' || f == ')' || f == 0x3002 /* 。 */ || f == 0x3001 /* 、 */;
}

static void surnames_joined_at(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c, uint32_t joiner)
{
	for (size_t i = pii__find_cp(t, 1, joiner); i + 2 < t->n; i = pii__find_cp(t, i + 1, joiner)) {
		size_t ls = i;
		while (ls > 0 && pii__is_kanji(t->cp[ls - 1]) && i - ls < 4)
			ls--;
		if (ls == i || (ls > 0 && (pii__is_kata(t->cp[ls - 1]) || pii__is_alnum(t->cp[ls - 1]))))
			continue;
		if (pair_word_end(names, t, ls) != i)
			continue;
		size_t re = pair_word_end(names, t, i + 1);
		if (re == i + 1 ||
		    !(pii__match_any(t, re, pair_after) ||
		      (joiner == 0x30FB && pair_after_role(t, ls, re))))
			continue;
		/* 私 alone names no one; two of 私 make no pair */
		int me_left = i - ls == 1, me_right = re - (i + 1) == 1;
		if (me_left && me_right)
			continue;
		if (!me_left)
			taker_add(names, t, c, ls, i);
		if (!me_right)
			taker_add(names, t, c, i + 1, re);
	}
}

static void surnames_joined_by_to(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	if (pii__may_have(t, 0x3068 /* と */))
		surnames_joined_at(names, t, c, 0x3068 /* と */);
	/* or by ・ (→翌朝、楠本・松尾で訪問予定; until session 25 only in a
	 * text that held と too) */
	if (pii__may_have(t, 0x30FB /* ・ */))
		surnames_joined_at(names, t, c, 0x30FB /* ・ */);
}

/* A speaker opening a line before a quote or a title and a colon (安田「来週
 * 一緒に現地行きます」 in a chat pasted as a summary; 刑部副会長：…, 中司座
 * 長：… in minutes; session 21's read files): 1-3 kanji ENAMDICT lists as
 * a surname (no word of not_surnames), then 「 (on two lines at least), or
 * a title and a colon (not the title's own prefix: 副会長：, 本部長：). */
static void speaker_opening_line(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	/* a quote's speaker needs another line so written (a chat pasted as
	 * a summary), not 例「…」 alone */
	size_t quoted_speakers = 0;
	for (size_t ls = 0; ls < t->n && quoted_speakers < 2; ls = pii__skip_to_cp(t, ls, '\n') + 1) {
		size_t e = kanji_run_end(t, ls);
		quoted_speakers += e > ls && e - ls <= 3 && e < t->n && t->cp[e] == 0x300C;
	}
	for (size_t ls = 0; ls < t->n; ls = pii__skip_to_cp(t, ls, '\n') + 1) {
		size_t e = kanji_run_end(t, ls);
		if (e == ls || e - ls > 8 || e >= t->n)
			continue;
		if (t->cp[e] == 0x300C /* 「 */) {
			if (e - ls <= 3 && quoted_speakers > 1 && bare_surname(names, t, ls, e) &&
			    !any_overlaps(c, ls, e))
				pii__cand_add(c, t, ls, e, PII_PERSON, 0.75);
			continue;
		}
		/* the speaker's unit or district in brackets before the colon
		 * (各務幹事（都市防災部）：, 田村区長（今井）：; session 22) */
		size_t colon = e;
		if (t->cp[e] == '(') {
			size_t q = e + 1;
			while (q < t->n && q - e <= 16 && t->cp[q] != ')' && t->cp[q] != '\n' &&
			       t->cp[q] != '(')
				q++;
			if (q < t->n && t->cp[q] == ')')
				colon = q + 1;
		}
		if (colon >= t->n || t->cp[colon] != ':')
			continue;
		/* not the title alone (副会長：) nor its own prefix (本部長：) */
		size_t m = speaker_title_len(t, ls, e);
		if (m && e - ls - m <= 3 && !(e - ls - m == 1 && pii__match_any(t, ls, title_prefixes)) &&
		    bare_surname(names, t, ls, e - m) && !any_overlaps(c, ls, e - m))
			pii__cand_add(c, t, ls, e - m, PII_PERSON, 0.75);
	}
}

/* Someone who says what they do before their name (土生鉄工で総務をして
 * おります檀上です, 重井町で下請けをやっている天野といいます, 下幌呂で酪農
 * やってる山岸だけど; session 21's read files): a verb's end (…いる,
 * …てる, …おります, …ています) right before 2-3 kanji ENAMDICT lists as a
 * surname (no word of not_surnames), then です, といいます, と申します or
 * だけど. */
static void surname_after_doing(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	static const char *const verb_ends[] = {"いる", "てる", "ります", "います", "でる",
						/* western Japan's progressive (やりよる,
						 * やっとる) */
						"よる", "とる", NULL};
	static const char *const said[] = {"です", "といいます", "と申します", "と言います", "だけど",
					   "ですけど", NULL};
	if (!pii__may_have(t, 0x3067 /* で */) && !pii__may_have(t, 0x3068 /* と */) &&
	    !pii__may_have(t, 0x3060 /* だ */))
		return;
	for (size_t i = 2; i + 2 < t->n; i++) {
		if (!pii__is_kanji(t->cp[i]) || pii__is_kanji(t->cp[i - 1]))
			continue;
		size_t e = kanji_run_end(t, i);
		if (e - i < 2 || e - i > 3 || !pii__match_any(t, e, said) ||
		    pii__ends_with(t, i >= 4 ? i - 4 : 0, i, verb_ends) == 0)
			continue;
		taker_add(names, t, c, i, e);
	}
}

/* Someone who gives their name at a counter or on the phone (窓口記録：屋良
 * と名乗る男性, タナカと名乗った; blind batches 1184-1199): after a line's
 * or a sentence's start, a colon, a space or 、, 2-3 kanji ENAMDICT lists
 * as a surname (no word of not_surnames) or 2-6 katakana it reads as one,
 * then と名乗. */
static void surname_called_self(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 2, 0x540D /* 名 */); i + 1 < t->n;
	     i = pii__find_cp(t, i + 1, 0x540D)) {
		if (t->cp[i - 1] != 0x3068 /* と */ || t->cp[i + 1] != 0x4E57 /* 乗 */)
			continue;
		size_t e = i - 1, s = kanji_run_back(t, e);
		int kata = 0;
		if (s == e) {
			while (s > 0 && pii__is_kata(t->cp[s - 1]) && e - s < 7)
				s--;
			kata = 1;
		}
		uint32_t p = s ? t->cp[s - 1] : '\n';
		if (!(p == '\n' || p == ' ' || p == ':' || p == 0x3002 /* 。 */ || p == 0x3001 /* 、 */ ||
		      p == 0x300C /* 「 */))
			continue;
		if (!kata) {
			taker_add(names, t, c, s, e);
		} else if (e - s >= 2 && e - s <= 6 &&
			   (pii__names_lookup_kana(names, t->cp + s, e - s) & PII_NAME_SURNAME_KANA) &&
			   !any_overlaps(c, s, e)) {
			pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
		}
	}
}

/* A colleague called by name in a chat (@中山 出生届の件, @小野寺さん;
 * blind batches 1200-1215): @ opening a word (not an address's), then
 * 2-3 kanji ENAMDICT lists as a surname (no word of not_surnames), then a
 * space, さん, 、, : or the line's end. */
static void surname_mentioned(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 0, '@'); i + 3 < t->n; i = pii__find_cp(t, i + 1, '@')) {
		if (i > 0 && (pii__is_alnum(t->cp[i - 1]) || t->cp[i - 1] == '.' ||
			      t->cp[i - 1] == '_' || t->cp[i - 1] == '-'))
			continue;
		size_t s = i + 1, e = kanji_run_end(t, s);
		uint32_t q = e < t->n ? t->cp[e] : '\n';
		if (q == ' ' || q == '\n' || q == 0x3001 /* 、 */ || q == ':' || pii__match(t, e, "さん"))
			taker_add(names, t, c, s, e);
	}
}

/* A speaker named by surname with their relation or role in brackets
 * (水谷（長男）：母を施設に…, 石川（事務局）：学校とも…; blind batches
 * 1200-1263): at a line's start, 2-3 kanji ENAMDICT lists as a surname, a
 * relation, a speaker's title or 事務局 in brackets, then a colon. */
static void speaker_with_relation(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	static const char *const roles[] = {"事務局", NULL};
	for (size_t o = pii__find_cp(t, 2, '('); o + 3 < t->n; o = pii__find_cp(t, o + 1, '(')) {
		size_t s = kanji_run_back(t, o);
		if (o - s < 2 || (s > 0 && t->cp[s - 1] != '\n'))
			continue;
		size_t r = o + 1;
		while (r < t->n && pii__is_kanji(t->cp[r]) && r - o <= 3)
			r++;
		if (r + 1 < t->n && t->cp[r] == ')' && t->cp[r + 1] == ':' &&
		    (word_exact(t, o + 1, r, relatives) || word_exact(t, o + 1, r, speaker_titles) ||
		     word_exact(t, o + 1, r, roles)))
			taker_add(names, t, c, s, o);
	}
}

/* A surname that introduces its bearer as a parent or a spouse (成田の母
 * です, …すみません。成田の母です; session 21's read files): after a
 * sentence's start or a space, 2-3 kanji ENAMDICT lists as a surname, の
 * and the relation, then です; or a child's given name there. */
static void surname_of_relation(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	static const char *const relations_said[] = {"の母です", "の父です", "の妻です", "の夫です",
						     "の娘です", "の息子です", "の家内です", NULL};
	for (size_t i = pii__find_cp(t, 2, 0x306E /* の */); i + 3 < t->n;
	     i = pii__find_cp(t, i + 1, 0x306E)) {
		if (!pii__match_any(t, i, relations_said))
			continue;
		size_t s = kanji_run_back(t, i);
		uint32_t p = s ? t->cp[s - 1] : '\n';
		if (s == i && i > 0 && pii__is_hira(t->cp[i - 1]))
			p = '\n'; /* read below */
		if (!(p == '\n' || p == ' ' || p == 0x3002 /* 。 */ || p == 0x3001 /* 、 */ || p == '!'))
			continue;
		/* a child's given name (蒼空の母です, ひろとの母です; session
		 * 23's read files): kanji ENAMDICT lists as a given name and
		 * no place, or 2-5 hiragana it reads as one */
		unsigned f = s < i ? pii__names_lookup(names, t->cp + s, i - s) : 0;
		if (s < i && !(f & PII_NAME_SURNAME) && (f & PII_NAME_GIVEN) && !(f & PII_NAME_PLACE) &&
		    i - s <= 3 && !word_exact(t, s, i, not_surnames) && !any_overlaps(c, s, i)) {
			pii__cand_add(c, t, s, i, PII_PERSON, 0.75);
			continue;
		}
		if (s == i) {
			size_t h = i;
			while (h > 0 && pii__is_hira(t->cp[h - 1]) && i - h < 6)
				h--;
			uint32_t q = h ? t->cp[h - 1] : '\n';
			if (i - h >= 2 && i - h <= 5 && (q == '\n' || q == 0x3002 || q == 0x3001) &&
			    (kana_flags(names, t, h, i) & PII_NAME_GIVEN_KANA) &&
			    !word_exact(t, h, i, hira_after_no) && !any_overlaps(c, h, i))
				pii__cand_add(c, t, h, i, PII_PERSON, 0.75);
			continue;
		}
		taker_add(names, t, c, s, i);
	}
}

/* A name in katakana words joined by ・ right after 私 (夫のカルドーゾ・ヒロシ
 * と私カルドーゾ・エミ、; session 23's read files): 2-20 katakana and ・, not
 * ending in ・, then 、, です, と, が or は. */
static void katakana_after_self(const struct pii__text *t, struct pii__cands *c, size_t s)
{
	size_t e = s;
	while (e < t->n && (pii__is_kata(t->cp[e]) || t->cp[e] == 0x30FB) && e - s <= 20)
		e++;
	if (e - s < 2 || e - s > 20 || t->cp[e - 1] == 0x30FB || e >= t->n)
		return;
	static const char *const after[] = {"、", "です", "と", "が", "は", NULL};
	if (pii__match_any(t, e, after) && !any_overlaps(c, s, e) &&
	    !pii__match_any(t, s, kata_after_relation))
		pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

/* The writer's or a colleague's surname said of themselves (班長は私風間
 * です, うちの保坂が急用で, 弊社の森田より, 当課の浜中が窓口; session 23's
 * read files): after 私 (no kanji before it: 公私; no word of 私: 私有地,
 * 私立, 私大) or 弊社の, 当社の, 当課の, 2-3 kanji ENAMDICT lists as a
 * surname, no word of not_surnames, then です, が, は, の, も, と, まで,
 * より or から; after うちの (whose nouns are often surnames too: うちの屋根
 * の), only が or は and no word of a house; after 私は or わたしは, only
 * です or と申します. */
static void surname_of_self(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c)
{
	static const char *const selves[] = {"私は", "わたしは", "私", "うちの", "弊社の", "当社の",
					     "当課の", "当係の", "当課から", NULL};
	static const char *const after[] = {"です", "が", "は", "の", "も", "と", "まで", "より",
					    "から", NULL};
	static const char *const shi_words[] = {
		"私有", "私立", "私用", "私道", "私物", "私費", "私設", "私鉄", "私学", "私服",
		"私見", "私的", "私信", "私案", "私宅", "私生", "私事", "私大", "私益", "私語",
		"私自身", "私共", "私達", NULL};
	static const char *const house_words[] = {"屋根", "母屋", "小屋", "納屋", "長屋", "本家",
						  "分家", "二階", "裏山", "前庭", "近所", "田畑",
						  "主人", "家内", NULL};
	static const uint32_t opens[] = {0x79C1 /* 私 */, 0x3046 /* う */, 0x5F0A /* 弊 */,
					 0x5F53 /* 当 */, 0x308F /* わ */};
	for (size_t o = 0; o < YK_ARRAY_LEN(opens); o++)
		for (size_t i = pii__find_cp(t, 0, opens[o]); i + 3 < t->n;
		     i = pii__find_cp(t, i + 1, opens[o])) {
			size_t m = pii__match_any(t, i, selves);
			if (!m || (i > 0 && pii__is_kanji(t->cp[i - 1])) ||
			    pii__match_any(t, i, shi_words))
				continue;
			size_t s = i + m, e = kanji_run_end(t, s);
			if (t->cp[i] == 0x79C1 /* 私 */ && e == s)
				katakana_after_self(t, c, s);
			/* one kanji saying who (私王と申します) */
			if (t->cp[i] == 0x79C1 && e == s + 1 && pii__match(t, e, "と申します") &&
			    bare_surname(names, t, s, e) && !any_overlaps(c, s, e))
				pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
			if (e >= t->n)
				continue;
			if (t->cp[i] == 0x3046 /* う */ &&
			    ((t->cp[e] != 0x304C /* が */ && t->cp[e] != 0x306F /* は */) ||
			     word_exact(t, s, e, house_words)))
				continue;
			/* 私は, わたしは: saying who they are (わたしは道下です) */
			if ((m == 2 && t->cp[i + 1] == 0x306F) || t->cp[i] == 0x308F) {
				if (pii__match(t, e, "です") || pii__match(t, e, "と申します"))
					taker_add(names, t, c, s, e);
				continue;
			}
			if (pii__match_any(t, e, after))
				taker_add(names, t, c, s, e);
		}
}

/* A parent's surname before the child who writes (菊地の娘の熊谷 真由美
 * です; session 23's read files): 2-3 kanji ENAMDICT lists as a surname
 * after a sentence's start, a space or a mark, then の, the relation and
 * の, right before a name found. */
static void surname_of_parent(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	static const char *const kin[] = {"の娘の", "の息子の", "の妻の", "の夫の", "の長男の",
					  "の長女の", "の次男の", "の次女の", "の孫の", "の妹の",
					  "の姉の", "の兄の", "の弟の", NULL};
	for (size_t i = pii__find_cp(t, 2, 0x306E /* の */); i + 3 < t->n;
	     i = pii__find_cp(t, i + 1, 0x306E)) {
		size_t m = pii__match_any(t, i, kin);
		if (!m)
			continue;
		int named = 0;
		for (size_t k = 0; k < c->n && !named; k++)
			named = c->v[k].type == PII_PERSON && c->v[k].start == i + m &&
				c->v[k].confidence > 0;
		size_t s = i;
		int kata = i > 0 && pii__is_kata(t->cp[i - 1]);
		while (s > 0 && (kata ? pii__is_kata(t->cp[s - 1]) || t->cp[s - 1] == 0x30FB
				      : pii__is_kanji(t->cp[s - 1])) &&
		       i - s < (kata ? 12u : 4u))
			s--;
		uint32_t p = s ? t->cp[s - 1] : '\n';
		if (!named || !(p == '\n' || p == ' ' || p == 0x3002 /* 。 */ || p == 0x3001 /* 、 */ ||
				p == ':'))
			continue;
		/* a family's name in katakana (ヴィラヌエバの妹のロウェナです) */
		if (kata && i - s >= 2 && !pii__match_any(t, s, kata_after_relation) &&
		    !any_overlaps(c, s, i))
			pii__cand_add(c, t, s, i, PII_PERSON, 0.75);
		else if (!kata)
			taker_add(names, t, c, s, i);
	}
}

/* A staff member named before their own line (大場の直通0237-…, 森の携帯
 * まで; session 23's read files): 2-3 kanji ENAMDICT lists as a surname
 * after a mark, a space or a particle, then の and a contact's word; no
 * country's or office's word. */
static void surname_before_own_line(const struct pii__names *names, const struct pii__text *t,
				    struct pii__cands *c)
{
	static const char *const lines[] = {"の直通", "の携帯", "のケータイ", "の内線", "のメール",
					    "のアドレス", NULL};
	for (size_t i = pii__find_cp(t, 2, 0x306E /* の */); i + 2 < t->n;
	     i = pii__find_cp(t, i + 1, 0x306E)) {
		if (!pii__is_kanji(t->cp[i - 1]) || !pii__match_any(t, i, lines))
			continue;
		size_t s = kanji_run_back(t, i);
		uint32_t p = s ? t->cp[s - 1] : '\n';
		/* a country's or an office's line (日本の携帯, 役所のメール) */
		static const char *const places[] = {"日本", "役所", "役場", NULL};
		uint32_t l = t->cp[i - 1];
		if (word_exact(t, s, i, places) || l == 0x6240 /* 所 */ || l == 0x8AB2 /* 課 */ ||
		    l == 0x5C40 /* 局 */ || l == 0x90E8 /* 部 */ || l == 0x793E /* 社 */ ||
		    l == 0x6821 /* 校 */ || l == 0x9662 /* 院 */ || l == 0x9928 /* 館 */)
			continue;
		if (p == '\n' || p == ' ' || p == 0x3002 || p == 0x3001 || p == ':' || p == '(' ||
		    p == 0x306F /* は */ || p == 0x3068 /* と */)
			taker_add(names, t, c, s, i);
	}
}

/* A rota of staff by date (12/14（月）藤井、12/15（火）高田、…; session
 * 23's read files): after a weekday in brackets closing a date, 2-3 kanji
 * ENAMDICT lists as a surname, then 、, 。, ・, a space or a line's end;
 * two such entries in the text at least. */
static void rota_surnames(const struct pii__names *names, const struct pii__text *t,
			  struct pii__cands *c)
{
	static const char *const days[] = {"(月)", "(火)", "(水)", "(木)", "(金)", "(土)", "(日)",
					   NULL};
	size_t hit[8][2], nh = 0;
	for (size_t i = pii__find_cp(t, 1, '('); i + 4 < t->n && nh < 8;
	     i = pii__find_cp(t, i + 1, '(')) {
		if (!pii__is_digit(t->cp[i - 1]) || !pii__match_any(t, i, days))
			continue;
		size_t s = i + 3;
		while (s < t->n && t->cp[s] == ' ')
			s++;
		size_t e = kanji_run_end(t, s);
		uint32_t f = e < t->n ? t->cp[e] : '\n';
		if (e - s >= 2 && e - s <= 3 &&
		    (f == 0x3001 || f == 0x3002 || f == 0x30FB || f == ' ' || f == '\n') &&
		    bare_surname(names, t, s, e)) {
			hit[nh][0] = s;
			hit[nh++][1] = e;
		}
	}
	for (size_t k = 0; nh >= 2 && k < nh; k++)
		taker_add(names, t, c, hit[k][0], hit[k][1]);
}

/* A hand-over from one staff member to another (担当は赤木から守屋へ;
 * session 23's read files): after は, 2-3 kanji surnames before から and
 * before へ or に, both ENAMDICT's. */
static void handover_from_to(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 1, 0x304B /* か */); i + 4 < t->n;
	     i = pii__find_cp(t, i + 1, 0x304B)) {
		if (t->cp[i + 1] != 0x3089 /* ら */ || !pii__is_kanji(t->cp[i - 1]))
			continue;
		size_t s = kanji_run_back(t, i);
		size_t b = i + 2, e = kanji_run_end(t, b);
		if (s == 0 || t->cp[s - 1] != 0x306F /* は */ || e >= t->n ||
		    (t->cp[e] != 0x3078 /* へ */ && t->cp[e] != 0x306B /* に */))
			continue;
		if (bare_surname(names, t, s, i) && bare_surname(names, t, b, e) && i - s >= 2 &&
		    e - b >= 2) {
			taker_add(names, t, c, s, i);
			taker_add(names, t, c, b, e);
		}
	}
}

/* A name's span that ends or starts inside a word (フェヘイラ・ダ・コスタ・
 * パウロ found from ダ, ホアン of ホアン・ミン・ドゥック, Julian of Juliana,
 * 佐々木 恵 of 佐々木 恵梨, 刀祢 ミサ of 刀祢 ミサ子; session 21's read
 * files) is made whole: Latin letters on either side, katakana words joined
 * by ・ on either side, and one more kanji (or 子 after a kana given name)
 * closing a full name's one-kanji given name before a word's end (not an
 * honorific or a word after a name: 様, 君, 氏, 宅, 方…). A full name whose
 * second word is a contact's label (渡辺 直通) is the surname alone. */
static void person_words_whole(const struct pii__text *t, struct pii__cands *c)
{
	static const char *const contact_labels[] = {"直通", "内線", "携帯", "自宅", "代表", "公用",
						     NULL};
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->confidence <= 0 || v->end - v->start < 2)
			continue;
		size_t s = v->start, e = v->end, sp = s;
		while (sp < e && t->cp[sp] != ' ')
			sp++;
		if (sp < e && sp > s && pii__is_word(t, sp + 1, e, contact_labels)) {
			pii__span_set(v, t, s, sp);
			continue;
		}
		/* a name in 夫 before 夫妻 (山田 一夫夫妻) read with 夫妻's 夫 */
		if (e >= s + 3 && e < t->n && t->cp[e] == 0x59BB /* 妻 */ && t->cp[e - 1] == 0x592B /* 夫 */ &&
		    t->cp[e - 2] == 0x592B) {
			pii__span_set(v, t, s, e - 1);
			continue;
		}
		uint32_t last = t->cp[e - 1], first = t->cp[s];
		if (pii__is_latin(last) && e < t->n && pii__is_latin(t->cp[e]) &&
		    pii__is_latin(first) && !(s > 0 && pii__is_latin(t->cp[s - 1]))) {
			while (e < t->n && pii__is_latin(t->cp[e]) && e - v->end < 4)
				e++;
			if (e < t->n && pii__is_latin(t->cp[e]))
				e = v->end;
		} else if (pii__is_kata(last) && e + 1 < t->n && t->cp[e] == 0x30FB /* ・ */ &&
			   pii__is_kata(t->cp[e + 1]) && pii__is_kata(first)) {
			size_t q = e;
			while (q + 1 < t->n && t->cp[q] == 0x30FB && pii__is_kata(t->cp[q + 1]) &&
			       q - v->start < 24) {
				q++;
				while (q < t->n && pii__is_kata(t->cp[q]) && t->cp[q] != 0x30FB)
					q++;
			}
			e = q;
		} else if (sp < e && (pii__is_kanji(last) || pii__is_kata(last) || pii__is_hira(last)) &&
			   e + 1 <= t->n && e < t->n && pii__is_kanji(t->cp[e]) &&
			   !(e + 1 < t->n && pii__is_kanji(t->cp[e + 1]))) {
			/* one kanji more: the given name had 1-2 kanji, or a
			 * kana given name takes 子 */
			static const char *const after_name[] = {"様", "君", "氏", "宅", "方", "殿", "宛", "邸",
								 "家", "名", "分", "他", "外", "等", "達",
								 "先", "係", "課", "長", "宛", NULL};
			if (((pii__is_kanji(last) && e - (sp + 1) == 1) ||
			     (!pii__is_kanji(last) && t->cp[e] == 0x5B50 /* 子 */)) &&
			    !pii__match_any(t, e, after_name))
				e++;
		}
		if (pii__is_kata(first) && s >= 2 && t->cp[s - 1] == 0x30FB && pii__is_kata(t->cp[s - 2])) {
			size_t q = s;
			while (q >= 2 && t->cp[q - 1] == 0x30FB && pii__is_kata(t->cp[q - 2]) &&
			       e - q < 24) {
				q--;
				while (q > 0 && pii__is_kata(t->cp[q - 1]) && t->cp[q - 1] != 0x30FB)
					q--;
			}
			s = q;
		}
		if (s != v->start || e != v->end)
			pii__span_set(v, t, s, e);
	}
}

/* The one who hands over, left of an arrow whose right side is a name
 * with an honorific (上原→島袋さん 引継ぎ済み): 2-3 kanji ENAMDICT lists as
 * a surname (no word of not_surnames) opening its line or after a space or
 * a bracket, on a line of one arrow. */
static void handover_left_of_arrow(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 2, 0x2192 /* → */); i + 1 < t->n;
	     i = pii__find_cp(t, i + 1, 0x2192)) {
		size_t s = kanji_run_back(t, i);
		if (i - s < 2 || i - s > 3 || (s > 0 && t->cp[s - 1] != '\n' && t->cp[s - 1] != ' ' &&
					       t->cp[s - 1] != '('))
			continue;
		int right = 0;
		for (size_t k = 0; k < c->n && !right; k++)
			right = c->v[k].type == PII_PERSON && c->v[k].confidence > 0 &&
				c->v[k].start == i + 1 &&
				(pii__match(t, c->v[k].end, "さん") || pii__match(t, c->v[k].end, "様"));
		if (!right)
			continue;
		size_t ls = s, le = pii__line_end(t, i + 1);
		while (ls > 0 && t->cp[ls - 1] != '\n')
			ls--;
		int arrows = 0;
		for (size_t q = ls; q < le; q++)
			arrows += t->cp[q] == 0x2192;
		if (arrows == 1)
			taker_add(names, t, c, s, i);
	}
}

/* The writer's surname right after a greeting and 、 (お疲れ様です、前盛です。;
 * session 21's read files): 1-3 kanji ENAMDICT lists as a surname (no word
 * of not_surnames), then です and a sentence's end. */
static void surname_after_greeting(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 6, 0x3001 /* 、 */); i + 3 < t->n;
	     i = pii__find_cp(t, i + 1, 0x3001)) {
		size_t e = kanji_run_end(t, i + 1);
		if (e == i + 1 || e - (i + 1) > 3 || !self_intro_end(t, e) ||
		    pii__ends_with(t, i >= 12 ? i - 12 : 0, i, greetings) == 0)
			continue;
		if (bare_surname(names, t, i + 1, e) && !any_overlaps(c, i + 1, e))
			pii__cand_add(c, t, i + 1, e, PII_PERSON, 0.75);
	}
}

/* Whom to ask, a surname before まで and their number in brackets
 * (分からないことは大西まで（070-2291-5803）; batches 806-821): after は,
 * 、 or a line's start, 2-3 kanji ENAMDICT lists as a surname (no word of
 * not_surnames), まで, a bracket and a phone's leading 0. */
static void surname_to_ask(const struct pii__names *names, const struct pii__text *t,
			   struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 3, 0x307E /* ま */); i + 4 < t->n;
	     i = pii__find_cp(t, i + 1, 0x307E)) {
		if (t->cp[i + 1] != 0x3067 /* で */ || t->cp[i + 2] != '(' || t->cp[i + 3] != '0' ||
		    !pii__is_digit(t->cp[i + 4]))
			continue;
		size_t s = kanji_run_back(t, i);
		uint32_t p = s ? t->cp[s - 1] : '\n';
		if (p == 0x306F /* は */ || p == 0x3001 /* 、 */ || p == '\n')
			taker_add(names, t, c, s, i);
	}
}

/* Staff roles glued before a surname in a record or a chat (船長大坪、
 * 機関員中尾。, 看護師吉谷：, 評価員宮脇：, 事務森本：, 係長北村：;
 * batches 806-821 and session 19's limits). */
static const char *const roles_glued_before[] = {"看護師", "保健師", "助産師", "船長", "機関員",
						 "評価員", "事務", "係長",
						 /* who wrote a record (記録者松尾。, 記録樋口。;
						  * batches 822-835) */
						 "記録者", "記録",
						 /* a guardian reporting (成年後見人篠崎より;
						  * session 26's read files) */
						 "成年後見人", "後見人", NULL};

/* The role opens its item (the line's start, a space, 、, a bracket, a
 * colon, a sentence's end, a chat's time), then 2-3 kanji ENAMDICT lists as a surname (no
 * word of not_surnames) closing it: 、, 。, a colon, a bracket, a space
 * or the line's end (事務 and 係長 before a colon only). 事務局, 係長会議
 * and 看護師常駐 name no one. */
static void roles_glued_surnames(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	for (size_t i = 0; i + 3 < t->n; i++) {
		uint32_t h = t->cp[i];
		if (h != 0x770B /* 看 */ && h != 0x4FDD /* 保 */ && h != 0x52A9 /* 助 */ &&
		    h != 0x8239 /* 船 */ && h != 0x6A5F /* 機 */ && h != 0x8A55 /* 評 */ &&
		    h != 0x4E8B /* 事 */ && h != 0x4FC2 /* 係 */ && h != 0x8A18 /* 記 */ &&
		    h != 0x6210 /* 成 */ && h != 0x5F8C /* 後 */)
			continue;
		uint32_t p = i ? t->cp[i - 1] : '\n';
		if (!(p == '\n' || p == ' ' || p == 0x3001 /* 、 */ || p == 0x3002 /* 。 */ ||
		      p == '(' || p == ':' || p == ']' || p == 0x2192 /* → */ || pii__is_digit(p)))
			continue;
		size_t m = pii__match_any(t, i, roles_glued_before);
		if (!m)
			continue;
		size_t s = i + m, e = kanji_run_end(t, s);
		uint32_t f = e < t->n ? t->cp[e] : '\n';
		/* 事務 and 係長 before a chat speaker's colon only (事務用品、);
		 * a record's writer before 。 or the line's end only (記録：
		 * is a label's, 記録用紙 a word) */
		int speaker_only = h == 0x4E8B /* 事 */ || h == 0x4FC2 /* 係 */;
		int writer = h == 0x8A18 /* 記 */;
		/* or a case handed to the role's holder (→保健師田中へ引継ぎ,
		 * 看護師吉谷に連絡; session 25's read files) */
		int handed = !speaker_only && !writer && e + 1 < t->n &&
			     (f == 0x3078 /* へ */ || f == 0x306B /* に */ ||
			      pii__match(t, e, "から") || pii__match(t, e, "より") ||
			      pii__match(t, e, "まで"));
		if (e - s >= 2 && e - s <= 3 &&
		    (writer ? (f == 0x3002 /* 。 */ || f == '\n')
			    : (f == ':' || handed ||
			       (!speaker_only && (f == '\n' || f == ' ' || f == 0x3001 /* 、 */ ||
						  f == 0x3002 /* 。 */ || f == ')')))))
			taker_add(names, t, c, s, e);
		i = e > i ? e - 1 : i;
	}
}

/* The taker of a call or a case after 受 and a colon (（受：今岡）, 受:
 * 宮本; twenty-fourth round (a)): 受 opening an item (the line's start, a
 * bracket, a space, 、 or ／), the colon, then 2-3 kanji ENAMDICT lists as
 * a surname (not of not_surnames) closing the item (a bracket, 、, 。, ／,
 * a space or the line's end). 受付：… and 受理：… are other labels. */
static void taker_after_uke(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 0, 0x53D7 /* 受 */); i + 3 < t->n;
	     i = pii__find_cp(t, i + 1, 0x53D7)) {
		uint32_t p = i ? t->cp[i - 1] : '\n';
		/* or a memo's last line, 受付, a space and the taker's surname
		 * alone (⏎受付 松下; twenty-fifth round (e)) */
		int sign = p == '\n' && t->cp[i + 1] == 0x4ED8 /* 付 */ && t->cp[i + 2] == ' ';
		/* or a note in brackets, 受, a space and the taker's surname
		 * closing the bracket (…折り返し希望。（受 片山）; batches
		 * 426-429) */
		int noted = p == '(' && t->cp[i + 1] == ' ';
		/* or the taker in brackets after 受 (電話記録 12/3 10:40 受
		 * （日笠）; batches 610-625) */
		int bracketed = t->cp[i + 1] == '(';
		/* or 受付 and a colon, the surname closing a memo's bracket or its
		 * line (（電話受付記録 8/23 16:40 受付：川瀬）; batches 790-805) */
		if (t->cp[i + 1] == 0x4ED8 /* 付 */ && i + 3 < t->n && t->cp[i + 2] == ':' &&
		    (p == ' ' || p == '\n' || p == 0x3001)) {
			size_t s = i + 3, e = kanji_run_end(t, s);
			uint32_t f = e < t->n ? t->cp[e] : '\n';
			if (f == ')' || f == '\n')
				taker_add(names, t, c, s, e);
			continue;
		}
		/* or the taker's surname glued before 受, after a space, closing
		 * a memo's heading (電話受付メモ 11/10 8:47 防災安全課 高橋受）,
		 * 【電話】12/5 16:40 環境課 西尾受⏎; batches 714-757) */
		if (pii__is_kanji(p) && (t->cp[i + 1] == ')' || t->cp[i + 1] == '\n')) {
			size_t a = i;
			while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 4)
				a--;
			if (a > 0 && t->cp[a - 1] == ' ')
				taker_add(names, t, c, a, i);
			continue;
		}
		if ((t->cp[i + 1] != ':' && !sign && !noted && !bracketed) ||
		    !(p == '\n' || p == '(' || p == ' ' || p == 0x3001 || p == '/'))
			continue;
		size_t s = i + 2 + (size_t)sign, e = kanji_run_end(t, s);
		uint32_t f = e < t->n ? t->cp[e] : '\n';
		if ((sign && f != '\n') || ((noted || bracketed) && f != ')') ||
		    !(f == ')' || f == 0x3001 || f == 0x3002 || f == '/' || f == ' ' || f == '\n'))
			continue;
		taker_add(names, t, c, s, e);
	}
}

/* The one in charge glued after 担当, the surname closing its line, its
 * sentence or a bracket (訪問メモ 11/30 担当江口⏎, …伝えた。担当岸川。;
 * batches 790-805, session 18's left limit): 担当 after a space, a line's
 * start, 、, 。 or a bracket, then 2-3 kanji ENAMDICT lists as a surname
 * (not of not_surnames: 担当課, 担当者, 担当地区 are words). */
static void taker_after_tanto(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	/* 担任 and 同席 as well (…お願いします。担任内山, 担当米村、同席古閑。;
	 * session 23's read files) */
	static const char *const heads[] = {"担当", "担任", "同席", NULL};
	static const uint32_t opens[] = {0x62C5 /* 担 */, 0x540C /* 同 */};
	for (size_t o = 0; o < YK_ARRAY_LEN(opens); o++)
		for (size_t i = pii__find_cp(t, 0, opens[o]); i + 3 < t->n;
		     i = pii__find_cp(t, i + 1, opens[o])) {
			if (!pii__match_any(t, i, heads))
				continue;
			uint32_t p = i ? t->cp[i - 1] : '\n';
			if (!(p == ' ' || p == '\n' || p == 0x3001 || p == 0x3002 || p == '('))
				continue;
			size_t s = i + 2, e = kanji_run_end(t, s);
			uint32_t f = e < t->n ? t->cp[e] : '\n';
			if (!(f == '\n' || f == 0x3002 || f == ')'))
				continue;
			/* one kanji ENAMDICT lists as a surname alone (…起案済み。
			 * 担当林) */
			static const char *const unit_kanji[] = {"係", "官", "者", "課", "部", "員", "区",
								 "室", "班", "医", "師", "長", "外", "内",
								 NULL};
			if (e == s + 1 && bare_surname(names, t, s, e) && !word_exact(t, s, e, unit_kanji) &&
			    !any_overlaps(c, s, e))
				pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
			else
				taker_add(names, t, c, s, e);
		}
}

#define INLINE_SPEAKERS_MAX 24 /* lines of a log read for their speaker */

/* A chat line of a log copied from a messenger, the speaker's surname, a
 * space, the time and the post on the same line (比嘉 10:03 おはよう…):
 * 2-3 kanji at the line's start, a space, H:MM or HH:MM, a space and
 * more. The end of the surname, or 0. */
static size_t inline_speaker_end(const struct pii__text *t, size_t ls)
{
	size_t q = ls;
	while (q < t->n && pii__is_kanji(t->cp[q]) && q - ls < 4)
		q++;
	if (q - ls < 2 || q - ls > 3 || q + 6 >= t->n || t->cp[q] != ' ')
		return 0;
	size_t d = q + 1;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - q <= 2)
		d++;
	/* the post after a space on the line, or on the next line when the
	 * time ends the speaker's line (野口 14:05⏎堺の…: twenty-fifth round
	 * (e)) */
	if (d == q + 1 || d - q > 3 || d + 3 >= t->n || t->cp[d] != ':' ||
	    !pii__is_digit(t->cp[d + 1]) || !pii__is_digit(t->cp[d + 2]) ||
	    (t->cp[d + 3] != ' ' && t->cp[d + 3] != '\n') || d + 4 >= t->n ||
	    t->cp[d + 4] == '\n')
		return 0;
	return q;
}

/* The speakers of such a log (twenty-fourth round (a)): two lines or more
 * of that shape, where one speaker is a name found or one speaker speaks
 * twice (a timetable, 開会 10:00 挨拶 / 閉会 12:00, names each item once);
 * each speaker ENAMDICT lists as a surname, not of not_surnames, is
 * taken. */
static void inline_chat_speakers(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	size_t st[INLINE_SPEAKERS_MAX], en[INLINE_SPEAKERS_MAX], n = 0;
	int evidence = 0;
	for (size_t ls = 0; ls < t->n && n < INLINE_SPEAKERS_MAX; ls = pii__line_end(t, ls) + 1) {
		size_t e = inline_speaker_end(t, ls);
		if (!e)
			continue;
		evidence |= found_person_at(c, ls, e);
		for (size_t k = 0; k < n && !evidence; k++)
			evidence = en[k] - st[k] == e - ls &&
				   !memcmp(t->cp + st[k], t->cp + ls, (e - ls) * sizeof(uint32_t));
		st[n] = ls;
		en[n++] = e;
	}
	if (n < 2 || !evidence)
		return;
	for (size_t k = 0; k < n; k++)
		if (bare_surname(names, t, st[k], en[k]) && !pii__person_overlaps(c, st[k], en[k]))
			pii__cand_add(c, t, st[k], en[k], PII_PERSON, 0.8);
}

/* A surname joined by と to a name found right after it, at a clause's
 * start (長谷川と高木で…へ出向き, ⏎山口と佐藤が対応; twenty-fifth round
 * (e)): 2-3 kanji ENAMDICT lists as a surname (bare_surname()) after the
 * text's or a line's start, 、, 。, ・ or a space. A place before と
 * (東京と大阪で) is no surname of the list or is written as a place
 * in the text (word_is_place_here()). */
static void surname_joined_by_to(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		if (v.type != PII_PERSON || v.confidence <= 0.5 || v.start < 3 ||
		    t->cp[v.start - 1] != 0x3068 /* と */)
			continue;
		size_t e = v.start - 1, a = e;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && e - a < 4)
			a--;
		uint32_t b = a ? t->cp[a - 1] : '\n';
		if (e - a < 2 || e - a > 3 ||
		    !(b == '\n' || b == 0x3001 || b == 0x3002 || b == 0x30FB || b == ' ') ||
		    !bare_surname(names, t, a, e) || any_overlaps(c, a, e) ||
		    word_is_place_here(t, c, a, e))
			continue;
		pii__cand_add(c, t, a, e, PII_PERSON, 0.75);
	}
	/* and the surname after と, the name found opening the clause (石田と
	 * 本間は7時集合; twenty-sixth round (e)), before は, が or で */
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		if (v.type != PII_PERSON || v.confidence <= 0.5 || v.end + 4 > t->n ||
		    t->cp[v.end] != 0x3068 /* と */)
			continue;
		uint32_t b = v.start ? t->cp[v.start - 1] : '\n';
		size_t a = v.end + 1, e = kanji_run_end(t, a);
		uint32_t f = e < t->n ? t->cp[e] : '\n';
		if (!(b == '\n' || b == 0x3001 || b == 0x3002 || b == 0x30FB || b == ' ') ||
		    e - a < 2 || e - a > 3 ||
		    !(f == 0x306F /* は */ || f == 0x304C /* が */ || f == 0x3067 /* で */) ||
		    !bare_surname(names, t, a, e) || any_overlaps(c, a, e) ||
		    word_is_place_here(t, c, a, e))
			continue;
		pii__cand_add(c, t, a, e, PII_PERSON, 0.75);
	}
}

#define CHILD_NAMES_MAX 6 /* names in the brackets after a count of children */

/* The given names of children counted before brackets (子ども2人（葵・
 * 蓮）と避難, 子2人（大翔、結菜）; twenty-fifth round (e)): 子 or 子ども
 * or 子供, a count and 人, then brackets holding only items of 2-3 kanji
 * that ENAMDICT lists as given names or as persons' names, parted by ・ or 、. Ages or grades
 * in the brackets (子ども2人（小3・5歳）) are no names: every item must be
 * one. */
static void children_listed(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c, size_t a, int colon);

static void children_in_count_bracket(const struct pii__names *names, const struct pii__text *t,
				      struct pii__cands *c)
{
	for (size_t q = pii__find_cp(t, 3, '('); q + 3 < t->n; q = pii__find_cp(t, q + 1, '(')) {
		if (t->cp[q - 1] != 0x4EBA /* 人 */ || !pii__is_digit(t->cp[q - 2]))
			continue;
		size_t d = q - 2;
		while (d > 0 && pii__is_digit(t->cp[d - 1]))
			d--;
		if (d == 0 || !(t->cp[d - 1] == 0x5B50 /* 子 */ || pii__match(t, d - 1, "も") ||
				t->cp[d - 1] == 0x4F9B /* 供 */) ||
		    (t->cp[d - 1] != 0x5B50 && !(d >= 3 && (pii__match(t, d - 3, "子ども") ||
							     pii__match(t, d - 2, "子供")))))
			continue;
		children_listed(names, t, c, q + 1, 0);
	}
}

/* The items of a list of children from a (the count's bracket, or the
 * line after 子ども：), parted by ・ or 、 and closed by ) (or the line's
 * end after a colon). Each item is a name of 2-3 kanji ENAMDICT lists as
 * a given name or a person's name; or a name then a space and an age or a
 * school year (湊 小4、芽衣 年長; ミゲル 5歳): then one kanji ENAMDICT lists
 * as a given name, or 2-6 katakana, is a name too (twenty-eighth round
 * (b)). After a colon every item must have its age. */
static void children_listed(const struct pii__names *names, const struct pii__text *t,
			    struct pii__cands *c, size_t a, int colon)
{
	size_t st[CHILD_NAMES_MAX], en[CHILD_NAMES_MAX], n = 0;
	int ok = 1;
	while (ok && a < t->n) {
		int kanji = pii__is_kanji(t->cp[a]);
		size_t e = kanji ? kanji_run_end(t, a) : a;
		while (!kanji && e < t->n && pii__is_kata(t->cp[e]) && e - a <= 6)
			e++;
		/* the age or the school year after a space, to the item's end */
		size_t z = e;
		if (e + 1 < t->n && t->cp[e] == ' ' && age_or_class_at(t, e + 1)) {
			z = e + 1;
			while (z < t->n && z - e <= 6 && (pii__is_kanji(t->cp[z]) || pii__is_digit(t->cp[z])))
				z++;
		}
		int aged = z > e;
		uint32_t f = z < t->n ? t->cp[z] : '\n';
		unsigned fl = kanji ? pii__names_lookup(names, t->cp + a, e - a) : 0;
		ok = n < CHILD_NAMES_MAX && (aged || !colon) &&
		     (f == 0x30FB || f == 0x3001 || (colon ? f == '\n' : f == ')')) &&
		     (kanji ? e - a <= 3 && (e - a >= 2 ? (fl & (PII_NAME_GIVEN | PII_NAME_PERSON_U))
							: aged && (fl & PII_NAME_GIVEN))
			    : aged && e - a >= 2 && e - a <= 6 && !pii__is_word(t, a, e, kana_not_given));
		if (ok) {
			st[n] = a;
			en[n++] = e;
		}
		if (f == ')' || f == '\n')
			break;
		a = z + 1;
	}
	/* an item found already (by MeCab: 翔太) stays as found; the others
	 * of the list are added (美咲, since the model of 2026-12-06 no
	 * longer reads it) */
	for (size_t k = 0; ok && k < n; k++)
		if (!any_overlaps(c, st[k], en[k]))
			pii__cand_add(c, t, st[k], en[k], PII_PERSON, 0.75);
}

/* Children listed after 子ども： or 子供： opening a line (子ども：ミゲル 5歳,
 * twenty-eighth round (b)). */
static void children_after_colon(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	for (size_t q = pii__find_cp(t, 2, ':'); q + 2 < t->n; q = pii__find_cp(t, q + 1, ':')) {
		size_t w = pii__match(t, q - 2, "供") || pii__match(t, q - 2, "ども") ? q - 3 : q;
		if (w == q || !(pii__match(t, w, "子ども") || pii__match(t, w, "子供")) ||
		    (w > 0 && t->cp[w - 1] != '\n'))
			continue;
		children_listed(names, t, c, t->cp[q + 1] == ' ' ? q + 2 : q + 1, 1);
	}
}

/* A given name in katakana before ばあちゃん or じいちゃん (⏎中里：
 * ミネばあちゃん今日も…; twenty-fifth round (e)): two or three katakana
 * after no katakana, that ENAMDICT reads as a given name and that are no
 * word of kana_not_given. おばあちゃん has no name before it. */
static void kata_before_granny(const struct pii__names *names, const struct pii__text *t,
			       struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 2, 0x3042 /* あ */); i + 3 < t->n;
	     i = pii__find_cp(t, i + 1, 0x3042)) {
		uint32_t g = t->cp[i - 1];
		if ((g != 0x3070 /* ば */ && g != 0x3058 /* じ */) ||
		    !pii__match(t, i + 1, "ちゃん"))
			continue;
		size_t e = i - 1, s = e;
		while (s > 0 && pii__is_kata(t->cp[s - 1]) && e - s < 4)
			s--;
		if (e - s < 2 || e - s > 3 || pii__is_word(t, s, e, kana_not_given) ||
		    any_overlaps(c, s, e) ||
		    !(pii__names_lookup_kana(names, t->cp + s, e - s) & PII_NAME_GIVEN_KANA))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}

/* A mention in a chat log (⏎中井: @坂本 川俣の…; twenty-fifth round (e)):
 * @ after a colon, a space or a line's start, then 2-3 kanji ENAMDICT
 * lists as a surname (bare_surname()) before a space, 、, さん or the
 * line's end, in a text that names someone already (a log's speakers).
 * An address's @ follows letters; @全員, @営業部 are no surnames. */
static void chat_mentions(const struct pii__names *names, const struct pii__text *t,
			  struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 0, '@'); i + 3 < t->n; i = pii__find_cp(t, i + 1, '@')) {
		uint32_t p = i ? t->cp[i - 1] : '\n';
		if (!(p == '\n' || p == ' ' || p == ':'))
			continue;
		size_t s = i + 1, e = kanji_run_end(t, s);
		uint32_t f = e < t->n ? t->cp[e] : '\n';
		if (e - s < 2 || e - s > 3 ||
		    !(f == ' ' || f == 0x3001 || f == '\n' || pii__match(t, e, "さん")) ||
		    !bare_surname(names, t, s, e) || any_overlaps(c, s, e) ||
		    !person_elsewhere(c, s, e))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}

#define CHANNEL_HANDLES_MAX 16 /* speaker lines of a channel's log read */

/* The end of a chat handle opening the line at ls (after a bracket such
 * as [Slack #kodomo] and a space, if any; *hs its start), or 0: a user
 * name of small Latin letters, digits, . _ or - (kobayashi.y, tanaka_m,
 * ueda) or of 2-5 hiragana (はやし), then a colon, or a space, H:MM or
 * HH:MM and a space (tanaka_m 11:40 …). */
static size_t channel_handle_end(const struct pii__text *t, size_t ls, size_t *hs)
{
	size_t s = speaker_start(t, ls), e = s;
	*hs = s;
	if (s >= t->n)
		return 0;
	if (t->cp[s] >= 'a' && t->cp[s] <= 'z') {
		while (e < t->n && e - s <= 20 &&
		       ((t->cp[e] >= 'a' && t->cp[e] <= 'z') || pii__is_digit(t->cp[e]) ||
			t->cp[e] == '.' || t->cp[e] == '_' || t->cp[e] == '-'))
			e++;
		if (e - s < 2 || e - s > 20 || !pii__is_alnum(t->cp[e - 1]))
			return 0;
	} else {
		while (e < t->n && pii__is_hira(t->cp[e]) && e - s <= 5)
			e++;
		if (e - s < 2 || e - s > 5)
			return 0;
	}
	if (e < t->n && t->cp[e] == ':')
		return e;
	size_t d = e + 1;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - e <= 2)
		d++;
	if (e < t->n && t->cp[e] == ' ' && d > e + 1 && d - e <= 3 && d + 3 < t->n &&
	    t->cp[d] == ':' && pii__is_digit(t->cp[d + 1]) && pii__is_digit(t->cp[d + 2]) &&
	    t->cp[d + 3] == ' ')
		return e;
	return 0;
}

/* The speakers of a log copied from a team chat's channel (Slack #kokuho⏎
 * kobayashi.y: …⏎ueda: …, [Slack #kodomo] はやし: …⏎おおた: …; twenty-sixth
 * round (e)): a channel's name (# and a small letter after a space, [ or
 * a line's start) and, from its line on, two lines or more that open with
 * a handle (channel_handle_end()); each handle is a user's name. One
 * line alone (a bot's notice) is none, and so is a handle ending in bot;
 * a form's labels (name:, from:) stand in no channel. */
static void channel_handles(const struct pii__text *t, struct pii__cands *c)
{
	size_t ch = t->n;
	for (size_t i = pii__find_cp(t, 0, '#'); i + 1 < t->n; i = pii__find_cp(t, i + 1, '#'))
		if ((i == 0 || t->cp[i - 1] == ' ' || t->cp[i - 1] == '[' || t->cp[i - 1] == '\n') &&
		    t->cp[i + 1] >= 'a' && t->cp[i + 1] <= 'z') {
			ch = i;
			break;
		}
	if (ch >= t->n)
		return;
	while (ch > 0 && t->cp[ch - 1] != '\n')
		ch--;
	size_t hs[CHANNEL_HANDLES_MAX], he[CHANNEL_HANDLES_MAX], n = 0;
	for (size_t ls = ch; ls < t->n && n < CHANNEL_HANDLES_MAX;
	     ls = pii__line_end(t, ls) + 1) {
		size_t s = 0, e = channel_handle_end(t, ls, &s);
		if (e && !(e - s >= 3 && pii__match(t, e - 3, "bot"))) {
			hs[n] = s;
			he[n++] = e;
		}
	}
	for (size_t k = 0; n >= 2 && k < n; k++)
		if (!any_overlaps(c, hs[k], he[k]))
			pii__cand_add(c, t, hs[k], he[k], PII_PERSON, 0.8);
}

/* One word of Latin letters in [s, e), a capital first (Pereira, HAKIM). */
static int latin_capital_word(const struct pii__text *t, size_t s, size_t e)
{
	if (e - s < 2 || e - s > 20 || !pii__is_latin_upper(t->cp[s]))
		return 0;
	for (size_t q = s; q < e; q++)
		if (!pii__is_latin(t->cp[q]))
			return 0;
	return 1;
}

/* A foreign resident's surname opening a headerless row of a table, the
 * given name in the next cell (Pereira⇥Thiago⇥1990/02/14⇥…; twenty-sixth
 * round (e)): one word of Latin letters with a capital first as the
 * line's first cell, right before a tab and a cell that is one Latin word
 * found as a name, in a row of three cells or more. A first cell before
 * no name (Excel⇥Word⇥…) is none. */
static void latin_row_surname(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0.01 || s < 3 || t->cp[s - 1] != ' ' ||
		    !pii__raw_tab(t, s - 1) || !latin_capital_word(t, s, e) || e >= t->n ||
		    t->cp[e] != ' ' || !pii__raw_tab(t, e))
			continue;
		size_t a = s - 1;
		while (a > 0 && pii__is_latin(t->cp[a - 1]) && s - a < 22)
			a--;
		if ((a > 0 && t->cp[a - 1] != '\n') || !latin_capital_word(t, a, s - 1) ||
		    pii__latin_stop_word(t, a, s - 1) || any_overlaps(c, a, s - 1))
			continue;
		pii__cand_add(c, t, a, s - 1, PII_PERSON, 0.8);
	}
}

/* The Latin surname glued before the word at i of length m
 * (latin_household()). */
static void latin_household_at(const struct pii__text *t, struct pii__cands *c, size_t i, size_t m)
{
	if (m == 1 && i + 1 < t->n && pii__is_kanji(t->cp[i + 1]))
		return;
	size_t a = i;
	while (a > 0 && pii__is_alpha(t->cp[a - 1]) && i - a < 16)
		a--;
	if (i - a < 3 || i - a > 15 || !pii__is_upper(t->cp[a]))
		return;
	for (size_t q = a + 1; q < i; q++)
		if (pii__is_upper(t->cp[q]))
			return;
	uint32_t b = a ? t->cp[a - 1] : '\n';
	if (!(b == '\n' || b == 0x30FB /* ・ */ || b == 0x3001 || b == ' ' || b == '(') ||
	    pii__latin_stop_word(t, a, i) || any_overlaps(c, a, i))
		return;
	pii__cand_add(c, t, a, i, PII_PERSON, 0.8);
}

/* A household named by a foreign surname in Latin letters (・Flores世帯
 * 鍵交換 済, Silva宅へ訪問; twenty-sixth round (e)): one word of a
 * capital and small letters (3-15) glued before 世帯, or before 宅 with
 * no kanji after it (Amazon宅配 is a delivery), after the line's start,
 * ・, 、, a space or a bracket. Capitals alone (IT世帯) are none. */
static void latin_household(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 3, 0x5B85 /* 宅 */); i < t->n;
	     i = pii__find_cp(t, i + 1, 0x5B85))
		latin_household_at(t, c, i, 1);
	for (size_t i = pii__find_cp(t, 3, 0x4E16 /* 世 */); i + 1 < t->n;
	     i = pii__find_cp(t, i + 1, 0x4E16))
		if (t->cp[i + 1] == 0x5E2F /* 帯 */)
			latin_household_at(t, c, i, 2);
}

/* A member's surname before their role in brackets, the source of a
 * memo (郡山（相談員）より：…, 西田（保健師）から; twenty-sixth round (e)):
 * 2-3 kanji ENAMDICT lists as a surname opening a line or a clause, then
 * a role of glued_roles or staff_roles_no alone in the brackets, then
 * より, から or a colon. A place's note (中央（東口）より) holds no role. */
static void surname_before_role_bracket(const struct pii__names *names, const struct pii__text *t,
					struct pii__cands *c)
{
	for (size_t o = pii__find_cp(t, 2, '('); o + 3 < t->n; o = pii__find_cp(t, o + 1, '(')) {
		size_t a = o;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && o - a < 4)
			a--;
		uint32_t b = a ? t->cp[a - 1] : '\n';
		if (o - a < 2 || o - a > 3 ||
		    !(b == '\n' || b == 0x3002 || b == 0x3001 || b == 0x30FB || b == ' '))
			continue;
		size_t m = pii__match_any(t, o + 1, glued_roles);
		if (!m)
			m = pii__match_any(t, o + 1, staff_roles_no);
		if (!m)
			m = pii__match_any(t, o + 1, colleagues_no);
		size_t f = o + 1 + m;
		if (!m || f + 1 >= t->n || t->cp[f] != ')' ||
		    !(t->cp[f + 1] == ':' || pii__match(t, f + 1, "より") || pii__match(t, f + 1, "から")) ||
		    !bare_surname(names, t, a, o) || any_overlaps(c, a, o))
			continue;
		pii__cand_add(c, t, a, o, PII_PERSON, 0.75);
	}
}

/* Kanji that open a role's word (正看護師, 准看護師, 主治医, 専門員,
 * 女性相談員): no surname of one kanji before it. */
static const char *const role_prefix_kanji[] = {"正", "准", "主", "専", "男", "女", "兼", "嘱",
						NULL};

/* A member's surname glued before their profession in running text
 * (診療所の石原看護師が…, 、松永保健師に連絡; twenty-sixth round (e)): a role
 * of glued_roles ending a run of kanji whose first 2-3 kanji ENAMDICT
 * lists as a surname, the run after の, 、, 。, a space or a line's start,
 * then a particle (が, は, に, と, から, より), 、 or 。, in a text that names
 * someone else. A word before the role (訪問看護師, 地区担当保健師) is no
 * surname, or longer. */
static void surname_before_glued_role(const struct pii__names *names, const struct pii__text *t,
				      struct pii__cands *c)
{
	for (size_t a = 0; a + 3 < t->n; a++) {
		a = skip_to_space_or_kanji(t, a);
		if (a + 3 >= t->n || !pii__is_kanji(t->cp[a]))
			continue;
		size_t r = kanji_run_end(t, a);
		uint32_t b = a ? t->cp[a - 1] : '\n';
		/* (or a label's colon: ケース記録：上田ケースワーカーから;
		 * session 26's read files) */
		if (!(b == '\n' || b == 0x306E /* の */ || b == 0x3001 || b == 0x3002 || b == ' ' ||
		      b == ':')) {
			a = r;
			continue;
		}
		/* the role ends the run (石原看護師) or follows it in katakana
		 * (松永ケアマネ); a surname of one kanji after 、 or の (…1名、馬
		 * 相談員が; batches 426-429) when it is no word that opens a
		 * role (各相談員, 正看護師, 新支援員) */
		for (size_t i = a + 1; i <= a + 3 && i <= r; i++) {
			size_t m = pii__match_any(t, i, glued_roles);
			if (!m || (i < r ? i + m != r : 0))
				continue;
			if (i == a + 1 && (!(b == 0x3001 || b == 0x306E) ||
					   pii__word_index(t, a, i, title_prefix_kanji) >= 0 ||
					   pii__word_index(t, a, i, one_kanji_not_surnames) >= 0 ||
					   pii__word_index(t, a, i, role_prefix_kanji) >= 0 ||
					   pii__word_index(t, a, i, relatives) >= 0))
				continue;
			uint32_t f = i + m < t->n ? t->cp[i + m] : '\n';
			if (!(f == 0x304C /* が */ || f == 0x306F /* は */ || f == 0x306B /* に */ ||
			      f == 0x3068 /* と */ || f == 0x3001 || f == 0x3002 ||
			      pii__match(t, i + m, "から") || pii__match(t, i + m, "より")) ||
			    !bare_surname(names, t, a, i) || any_overlaps(c, a, i) ||
			    !person_elsewhere(c, a, i) || word_is_place_here(t, c, a, i))
				continue;
			pii__cand_add(c, t, a, i, PII_PERSON, 0.75);
			break;
		}
		a = r;
	}
}

/* Labels of a meeting's attendees (出席：…, 参加者：…). */
static const char *const attendee_labels[] = {"出席", "出席者", "参加者", "同席", "同席者", NULL};

/* Staff in a meeting's list of attendees, each glued after their role or
 * unit (出席：…、相談支援専門員石原、市福祉課森; twenty-sixth round (e)): a
 * label of attendee_labels opening its line, a colon, then items parted by
 * 、 to the line's end; an item whose kanji end in a role
 * (memo_glued_role_ends(): a unit, 担当, a role of case work; or one of
 * glued_roles: 相談支援専門員, 保健師) and 2-3 kanji ENAMDICT lists as a
 * surname (bare_surname()). An item of a role alone (市福祉課, 市民課長)
 * is none; so is a surname of one kanji (…課長: 長 is one). */
static void attendees_after_role(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	for (size_t i = pii__find_cp(t, 2, ':'); i < t->n; i = pii__find_cp(t, i + 1, ':')) {
		size_t ls = i;
		while (ls > 0 && t->cp[ls - 1] != '\n' && i - ls < 4)
			ls--;
		if ((ls > 0 && t->cp[ls - 1] != '\n') || !pii__is_word(t, ls, i, attendee_labels))
			continue;
		size_t le = pii__line_end(t, i);
		for (size_t a = i + 1; a < le;) {
			size_t q = a;
			while (q < le && t->cp[q] != 0x3001)
				q++;
			/* the item's kanji run ending at q */
			size_t r = q;
			while (r > a && pii__is_kanji(t->cp[r - 1]) && q - r < 12)
				r--;
			for (size_t l = 3; l >= 2 && q - r > l; l--) {
				size_t s = q - l;
				if (!memo_glued_role_ends(t, r, s) &&
				    pii__ending_word(t, s > r + 5 ? s - 5 : r, s, glued_roles) < 0)
					continue;
				if (bare_surname(names, t, s, q) && !any_overlaps(c, s, q))
					pii__cand_add(c, t, s, q, PII_PERSON, 0.75);
				break;
			}
			a = q + 1;
		}
	}
}

/* A foreign resident's given name in Latin letters opening a line as its
 * subject (Joyは夜勤のため…, Pauloが来庁; twenty-sixth round (e)): one word
 * of a capital and 2-11 small letters at a line's start before は or が,
 * not a word of the Latin stop lists (Zoomは, Excelは: products and
 * offices), in a text where something else personal was found (a name, a
 * phone number: the note is about a person). */
static void latin_subject_at_line_start(const struct pii__text *t, struct pii__cands *c)
{
	int other = 0;
	for (size_t k = 0; k < c->n && !other; k++)
		other = c->v[k].confidence > 0.5;
	for (size_t ls = 0; other && ls < t->n; ls = pii__line_end(t, ls) + 1) {
		if (!pii__is_upper(t->cp[ls]))
			continue;
		size_t e = ls + 1;
		while (e < t->n && t->cp[e] >= 'a' && t->cp[e] <= 'z' && e - ls < 13)
			e++;
		if (e - ls < 3 || e - ls > 12 || e >= t->n ||
		    !(t->cp[e] == 0x306F /* は */ || t->cp[e] == 0x304C /* が */) ||
		    pii__latin_stop_word(t, ls, e) || any_overlaps(c, ls, e))
			continue;
		pii__cand_add(c, t, ls, e, PII_PERSON, 0.75);
	}
}

/* A surname that opens with a small particle (dela Cruzさん, van Dijk
 * 様; twenty-sixth round (e)): a particle of pii__latin_particle() at a
 * line's start or after a space or a bracket, a space, then a name in
 * Latin letters found: the particle is the name's. */
static void latin_particle_opening(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start;
		if (v->type != PII_PERSON || v->confidence <= 0.01 || s < 3 || t->cp[s - 1] != ' ' ||
		    !pii__is_latin_upper(t->cp[s]))
			continue;
		size_t a = s - 1;
		while (a > 0 && t->cp[a - 1] >= 'a' && t->cp[a - 1] <= 'z' && s - 1 - a < 6)
			a--;
		uint32_t b = a ? t->cp[a - 1] : '\n';
		if (a == s - 1 || !(b == '\n' || b == ' ' || b == '(' || b == 0x3001) ||
		    !pii__latin_particle(t, a, s - 1))
			continue;
		pii__span_set(v, t, a, v->end);
	}
}

/* Whether q holds a separator of a name's forms written side by side: a
 * tab, /, a bracket or a line's end. */
static int forms_sep_at(const struct pii__text *t, size_t q)
{
	uint32_t ch = t->cp[q];
	return ch == '/' || ch == '(' || ch == ')' || ch == '\n' || (ch == ' ' && pii__raw_tab(t, q));
}

/* The item of kanji or of katakana (1-8 code points, one inner space
 * allowed: 李 娜, チョウ ビン) starting at the first code point after the
 * separators and spaces from q, closed by a separator or the text's end;
 * its start and end in *s and *e, its script (1 kanji, 2 katakana) or 0. */
static int forms_item(const struct pii__text *t, size_t q, size_t *s, size_t *e)
{
	int seps = 0;
	while (q < t->n && (t->cp[q] == ' ' || forms_sep_at(t, q)) && seps < 4)
		seps += forms_sep_at(t, q++);
	if (!seps || q >= t->n)
		return 0;
	int kanji = pii__is_kanji(t->cp[q]);
	if (!kanji && !pii__is_kata(t->cp[q]))
		return 0;
	size_t r = q;
	int spaces = 0;
	while (r < t->n && r - q < 9) {
		uint32_t ch = t->cp[r];
		if (kanji ? pii__is_kanji(ch) : pii__is_kata(ch))
			r++;
		else if (ch == ' ' && !pii__raw_tab(t, r) && !spaces && r + 1 < t->n &&
			 (kanji ? pii__is_kanji(t->cp[r + 1]) : pii__is_kata(t->cp[r + 1]))) {
			spaces++;
			r++;
		} else
			break;
	}
	size_t f = r;
	while (f < t->n && t->cp[f] == ' ' && !pii__raw_tab(t, f))
		f++;
	if (r - q > 8 || (f < t->n && !forms_sep_at(t, f)))
		return 0;
	*s = q;
	*e = r;
	return kanji ? 1 : 2;
}

/* One name in three scripts side by side (Zhao Min (赵敏 / チョウ ビン),
 * Zhang Hao⇥张浩⇥チョウ コウ, Li Na⏎リ ナ⏎李娜; twenty-sixth round (e)):
 * after a name in Latin letters found, two items parted by tabs, /,
 * brackets or lines (forms_item()), one of 2-4 kanji and one of two
 * katakana words (a reading) in either order: both are the name's other
 * forms (a Chinese name's simplified characters are in no dictionary).
 * A name before one item only (Zhang Hao⇥住民税), before two of one
 * script or before a country (…⏎国籍⇥フィリピン) is none. */
static void name_in_three_scripts(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->confidence <= 0.01 || !pii__is_latin(t->cp[v->start]) ||
		    !pii__is_latin(t->cp[v->end - 1]))
			continue;
		size_t s1 = 0, e1 = 0, s2 = 0, e2 = 0;
		int a = forms_item(t, v->end, &s1, &e1);
		int b = a ? forms_item(t, e1, &s2, &e2) : 0;
		/* the katakana is a full name's reading, two words (チョウ ビン;
		 * not ブラジル, ネパール: a country), the kanji 2-4 code points */
		size_t ks = a == 2 ? s1 : s2, ke = a == 2 ? e1 : e2;
		size_t hs = a == 1 ? s1 : s2, he = a == 1 ? e1 : e2;
		if (!a || !b || a == b || he - hs < 2 || he - hs > 4 ||
		    pii__find_cp(t, ks, ' ') >= ke)
			continue;
		if (!any_overlaps(c, s1, e1))
			pii__cand_add(c, t, s1, e1, PII_PERSON, 0.8);
		if (!any_overlaps(c, s2, e2))
			pii__cand_add(c, t, s2, e2, PII_PERSON, 0.8);
	}
}

/* Whether a reading of the whole item [s, e) as a name may be added: a
 * PERSON span strictly inside it is a part (the quotes or the item say
 * more) and gives way; the same span already found, or another reading
 * across the item's edges, stands and the whole is not added. */
static int parts_give_way(struct pii__cands *c, size_t s, size_t e)
{
	int whole = 0;
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->confidence <= 0.01 || v->start >= e || v->end <= s)
			continue;
		if (v->type == PII_PERSON && v->start >= s && v->end <= e &&
		    (v->start > s || v->end < e))
			v->confidence = 0;
		else
			whole = 1;
	}
	return !whole;
}

/* A one-kanji given name of a full name found, written again alone as the
 * whole text of brackets (配偶者 谷口 亮 … マイナンバーカード（亮）;
 * twenty-seventh round (f)): the brackets bound the kanji, so it is no
 * word's part; given_repeats() reads longer given names. A kanji in
 * brackets that no found name ends in (（可）, （済）) stays none. */
static void one_kanji_given_in_brackets(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	/* the text's one code point brackets, pairs (code point, position)
	 * sorted: a name's kanji finds its brackets by a binary search, not
	 * by a walk over the text (built at the first name that asks) */
	size_t *br = NULL, nb = 0;
	int built = 0;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		size_t l = v.end - 1;
		if (v.type != PII_PERSON || v.confidence <= 0.01 || v.end - v.start < 3 ||
		    !pii__is_kanji(t->cp[l]) || t->cp[l - 1] != ' ' || !pii__is_kanji(t->cp[v.start]))
			continue;
		if (!built) {
			built = 1;
			size_t cap = 0;
			for (size_t o = pii__find_cp(t, 0, '('); o + 2 < t->n;
			     o = pii__find_cp(t, o + 1, '(')) {
				if (t->cp[o + 2] != ')')
					continue;
				if (nb == cap) {
					cap = cap ? 2 * cap : 32;
					br = yk_xrealloc(br, 2 * cap * sizeof(*br));
				}
				br[2 * nb] = t->cp[o + 1];
				br[2 * nb + 1] = o + 1;
				nb++;
			}
			if (nb > 1)
				qsort(br, nb, 2 * sizeof(*br), pii__cmp_pairs);
		}
		for (size_t b = pii__keys_below(br, nb, 2, t->cp[l]); b < nb && br[2 * b] == t->cp[l]; b++) {
			size_t i = br[2 * b + 1];
			if (i != l && !any_overlaps(c, i, i + 1))
				pii__cand_add(c, t, i, i + 1, PII_PERSON, 0.75);
		}
	}
	free(br);
}

/* A surname said before の and a relation (菅の妻 節子, 星の妻 久美子も;
 * twenty-seventh round (f)): the kanji (1-3, none before them) are a
 * person's surname when a full name found in the text opens with them
 * (菅 孝夫 … 菅の妻), or when ENAMDICT lists them as a surname and the
 * relative's name found (kanji or kana) follows the relation (a space
 * between at most); two or three kanji must name no place, one kanji
 * (most are places too: 森, 林) no side (東, 上, 隣). The relative's given name, when no rule took it, is
 * then 2-3 kanji ENAMDICT lists as a given name before a particle. A
 * place (大阪の母 …) and a word (会長の妻 …) are none. */
static int surname_of_found_name(const struct pii__text *t, const struct pii__cands *c,
				 size_t a, size_t j)
{
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type == PII_PERSON && v->confidence > 0.01 && v->start != a &&
		    v->end > v->start + (j - a) + 1 && t->cp[v->start + (j - a)] == ' ' &&
		    memcmp(t->cp + v->start, t->cp + a, (j - a) * sizeof(uint32_t)) == 0)
			return 1;
	}
	return 0;
}

/* The one kanji at a, read as a surname before a relation, said again
 * alone as a clause's subject (相談者 星は、… 星の妻 久美子も): after a
 * space, a line's start, 、 or 。, before は, が or と; inside a word (星座,
 * 流れ星) it is none. */
static void one_kanji_surname_again(const struct pii__text *t, struct pii__cands *c, size_t a)
{
	for (size_t i = pii__find_cp(t, 0, t->cp[a]); i < t->n; i = pii__find_cp(t, i + 1, t->cp[a])) {
		if (i == a || i + 1 >= t->n)
			continue;
		uint32_t p = i ? t->cp[i - 1] : '\n', q = t->cp[i + 1];
		if ((p == ' ' || p == '\n' || p == 0x3001 || p == 0x3002) &&
		    (q == 0x306F /* は */ || q == 0x304C /* が */ || q == 0x3068 /* と */) &&
		    !any_overlaps(c, i, i + 1))
			pii__cand_add(c, t, i, i + 1, PII_PERSON, 0.75);
	}
}

static void surname_before_relation(const struct pii__names *names, const struct pii__text *t,
				    struct pii__cands *c)
{
	for (size_t j = pii__find_cp(t, 1, 0x306E /* の */); j < t->n;
	     j = pii__find_cp(t, j + 1, 0x306E)) {
		if (!pii__is_kanji(t->cp[j - 1]))
			continue;
		size_t m = pii__match_any(t, j + 1, relatives);
		if (!m)
			continue;
		size_t a = kanji_before(t, j);
		if (j - a > 3)
			continue;
		/* taken already (surname_repeats()): the relative's name may
		 * still be read */
		int taken = 0;
		for (size_t k = 0; k < c->n && !taken; k++)
			taken = c->v[k].type == PII_PERSON && c->v[k].confidence > 0.01 &&
				c->v[k].start == a && c->v[k].end == j;
		if (!taken && any_overlaps(c, a, j))
			continue;
		size_t g = j + 1 + m;
		if (g < t->n && t->cp[g] == ' ')
			g++;
		/* a Japanese given name: 本国の母NGUYEN … is a country's */
		int found_after = 0;
		for (size_t k = 0; k < c->n && !found_after && g < t->n && !pii__is_latin(t->cp[g]);
		     k++)
			found_after = c->v[k].type == PII_PERSON && c->v[k].confidence > 0.01 &&
				      c->v[k].start == g;
		unsigned f = pii__names_lookup(names, t->cp + a, j - a);
		if (!taken && !surname_of_found_name(t, c, a, j) &&
		    !(found_after && bare_surname(names, t, a, j) &&
		      (j - a == 1 ? !word_exact(t, a, j, one_kanji_not_surnames)
				  : !(f & PII_NAME_PLACE))))
			continue;
		if (!taken) {
			pii__cand_add(c, t, a, j, PII_PERSON, 0.75);
			if (j - a == 1)
				one_kanji_surname_again(t, c, a);
		}
		if (found_after || g == j + 1 + m || g >= t->n || !pii__is_kanji(t->cp[g]))
			continue;
		size_t e = kanji_run_end(t, g);
		if (e - g >= 2 && e - g <= 3 && pii__match_any(t, e, name_particles) &&
		    (pii__names_lookup(names, t->cp + g, e - g) & PII_NAME_GIVEN) &&
		    !any_overlaps(c, g, e))
			pii__cand_add(c, t, g, e, PII_PERSON, 0.75);
	}
}

/* A full name glued to 名義 (亡父 今治 正人名義の土地, 河野 美咲名義の口座;
 * twenty-seventh round (f)): a name found as its surname alone, or cut
 * inside the given name, reaches the given name before 名義: 1-3 kanji
 * ENAMDICT lists as a given name after the surname and one space. 本人
 * 名義 (no space before) and a surname before a word (今治 市民名義) stay
 * as they were. */
static void name_before_meigi(const struct pii__names *names, const struct pii__text *t,
			      struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->confidence <= 0.01 || !pii__is_kanji(t->cp[v->start]))
			continue;
		size_t sp = kanji_run_end(t, v->start);
		if (sp - v->start > 3 || sp >= t->n || t->cp[sp] != ' ' || v->end > sp + 4 ||
		    (v->end > sp && v->end <= sp + 1))
			continue;
		size_t g = sp + 1, r = kanji_run_end(t, g);
		if (r < g + 3 || r > g + 5 || !pii__match(t, r - 2, "名義") || v->end > r - 2 ||
		    !(pii__names_lookup(names, t->cp + g, r - 2 - g) & PII_NAME_GIVEN))
			continue;
		pii__span_set(v, t, v->start, r - 2);
	}
}

/* A surname (1-3 kanji ENAMDICT lists) before が and a verb of staff's
 * work (…中国語対応の森が担当した, 、岸が同行し; twenty-seventh round
 * (f)): one who takes charge or goes along is a person; a unit there
 * (市民課が担当) is no surname. After の, 、, は, a space or a line's
 * start. */
static const char *const staff_acts[] = {"が担当", "が対応", "が同行", "が同席", "が通訳",
					 NULL};

static void surname_takes_charge(const struct pii__names *names, const struct pii__text *t,
				 struct pii__cands *c)
{
	for (size_t x = pii__find_cp(t, 1, 0x304C /* が */); x < t->n;
	     x = pii__find_cp(t, x + 1, 0x304C)) {
		if (!pii__is_kanji(t->cp[x - 1]) || !pii__match_any(t, x, staff_acts))
			continue;
		size_t a = kanji_before(t, x);
		uint32_t p = a ? t->cp[a - 1] : '\n';
		if (x - a > 3 ||
		    !(p == 0x306E /* の */ || p == 0x3001 || p == 0x306F /* は */ || p == ' ' ||
		      p == '\n') ||
		    !bare_surname(names, t, a, x) ||
		    (x - a == 1 && word_exact(t, a, x, one_kanji_not_surnames)) || any_overlaps(c, a, x))
			continue;
		pii__cand_add(c, t, a, x, PII_PERSON, 0.75);
	}
}

/* A surname after a party of a dispute and の (相手方の丸岡とは…, 申立人の
 * 石原が; twenty-seventh round (f)): 2-3 kanji ENAMDICT lists as a
 * surname, then a particle; a party's thing there (相手方の自宅に,
 * 相談者の家族は) is no surname. */
static const char *const dispute_parties[] = {"相手方の", "加害者の", "被害者の", "申立人の",
					      "相手の", "隣人の", "家主の", NULL};
static const char *const party_particles[] = {"とは", "は", "が", "と", "に", "から", "さん",
					      NULL};

static void surname_of_party(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c)
{
	for (size_t j = pii__find_cp(t, 1, 0x306E /* の */); j + 3 < t->n;
	     j = pii__find_cp(t, j + 1, 0x306E)) {
		if (!pii__ends_with(t, j >= 4 ? j - 4 : 0, j + 1, dispute_parties))
			continue;
		size_t a = j + 1, e = kanji_run_end(t, a);
		if (e - a < 2 || e - a > 3 || !pii__match_any(t, e, party_particles) ||
		    !bare_surname(names, t, a, e) || any_overlaps(c, a, e))
			continue;
		pii__cand_add(c, t, a, e, PII_PERSON, 0.75);
	}
}

/* The name in its own script beside the same name in Latin letters
 * (twenty-seventh round (f)): SHRESTHA ANJALI（अन्जली श्रेष्ठ）, a row
 * ZHANG WEI,张伟,中国,…, a form's next line ミャンマー文字：အောင်…. After
 * a name in Latin letters found, the next item (native_item()) is the
 * text of brackets, the next cell of a row (a comma or a tab), or the
 * value after a colon on the next line, and it is all letters of a South
 * or South-East Asian script (pii__abugida(), 1-3 words), or 2-4 kanji
 * opening with a Chinese surname in its simplified form (no Japanese
 * word writes one). A country or a status there (,中国,, 国籍：ネパール)
 * is none; a shorter reading of the item by another rule gives way. */
static int native_item(const struct pii__text *t, size_t q, size_t *s, size_t *e)
{
	size_t a = q;
	while (a < t->n && t->cp[a] == ' ' && !pii__raw_tab(t, a))
		a++;
	if (a >= t->n)
		return 0;
	uint32_t open = t->cp[a];
	if (open == '(' || open == ',' || (open == ' ' && pii__raw_tab(t, a))) {
		a++;
	} else if (open == '\n') {
		/* the next line's value after a short label and a colon */
		size_t b = a + 1;
		while (b < t->n && t->cp[b] != ':' && t->cp[b] != '\n' && b - a <= 12)
			b++;
		if (b >= t->n || t->cp[b] != ':' || b == a + 1)
			return 0;
		a = b + 1;
	} else {
		return 0;
	}
	while (a < t->n && t->cp[a] == ' ' && !pii__raw_tab(t, a))
		a++;
	size_t z = a;
	int words = 1;
	if (a < t->n && pii__abugida(t->cp[a])) {
		while (z < t->n && z - a <= 48) {
			if (pii__abugida(t->cp[z]))
				z++;
			else if (t->cp[z] == ' ' && !pii__raw_tab(t, z) && z + 1 < t->n &&
				 pii__abugida(t->cp[z + 1]) && words < 3) {
				words++;
				z++;
			} else
				break;
		}
		if (z - a < 2)
			return 0;
	} else if (a < t->n && pii__zh_surname(t->cp[a])) {
		while (z < t->n && pii__is_kanji(t->cp[z]) && z - a < 5)
			z++;
		if (z - a < 2 || z - a > 4)
			return 0;
	} else {
		return 0;
	}
	uint32_t f = z < t->n ? t->cp[z] : '\n';
	int closed = open == '(' ? f == ')'
		   : open == '\n' ? f == '\n'
				  : f == '\n' || f == ',' || (f == ' ' && pii__raw_tab(t, z));
	if (!closed)
		return 0;
	*s = a;
	*e = z;
	return 1;
}

static void name_in_own_script(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		size_t s, e;
		if (v.type != PII_PERSON || v.confidence <= 0.01 || !pii__is_latin(t->cp[v.start]) ||
		    !pii__is_latin(t->cp[v.end - 1]) || !native_item(t, v.end, &s, &e))
			continue;
		if (parts_give_way(c, s, e))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.8);
	}
}

/* A full Korean name in Hangul as a whole item (twenty-fifth round (e);
 * the tenth round's hangul_names() takes one before its reading or alone
 * on a line, the fourteenth round's ko_intros() one before 입니다): three
 * syllables opening with a common family name's (pii__ko_surname()), as
 * a table's cell between tabs (…⏎金 英哲⇥김영철⇥1948/…) or as the text of
 * brackets (KIM Young-soo (김영수)), in a text that names someone else. */
static void hangul_full_names(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i < t->n; i++) {
		if (!hangul(t->cp[i]))
			continue;
		size_t s = i, e = hangul_word_end(t, s);
		i = e;
		if (e - s != 3 || !pii__ko_surname(t->cp[s]) || hangul_in_sentence(t, s, e))
			continue;
		uint32_t b = s ? t->cp[s - 1] : '\n', f = e < t->n ? t->cp[e] : '\n';
		int cell = b == ' ' && s && pii__raw_tab(t, s - 1) && f == ' ' && pii__raw_tab(t, e);
		if ((cell || (b == '(' && f == ')')) && person_elsewhere(c, s, e) &&
		    !any_overlaps(c, s, e))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
	}
}

/* A full Korean name said with a Korean honorific (the lead's probes,
 * 2026-12-04 night): three syllables opening with a common family name's
 * (pii__ko_surname()), then 씨 or 님, glued or after a space (박서준씨가,
 * 김민준 씨는, 이지은 님께, 최유진 선생님): the honorific says a person, as
 * さん does, inside a Korean sentence too. */
static void hangul_with_honorific(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i < t->n; i++) {
		if (!hangul(t->cp[i]))
			continue;
		size_t s = i, e = hangul_word_end(t, s);
		i = e;
		if (e - s < 3 || !pii__ko_surname(t->cp[s]))
			continue;
		size_t h = s + 3; /* the honorific's place: glued, or after a space */
		if (e - s == 3 && e + 1 < t->n && t->cp[e] == ' ')
			h = e + 1;
		else if (e - s == 3)
			continue;
		uint32_t x = t->cp[h];
		int honorific = x == 0xC528 /* 씨 */ || x == 0xB2D8 /* 님 */ ||
				(x == 0xC120 /* 선 */ && h + 2 < t->n && t->cp[h + 1] == 0xC0DD /* 생 */ &&
				 t->cp[h + 2] == 0xB2D8 /* 님 */);
		if (honorific && !any_overlaps(c, s, s + 3))
			pii__cand_add(c, t, s, s + 3, PII_PERSON, 0.75);
	}
}

/* A name quoted after its own label (the lead's probes, 2026-12-04
 * night): お名前は「さくら」, 名前は「山田 ゆうと」, 旧姓は「小林」. The
 * quotes say where the value ends, so the whole quoted text is the name,
 * and a shorter reading of it by another rule (山田 ゆう, the と taken for
 * a particle) gives way. The text must read as a name: kana ENAMDICT
 * reads as a surname or a given name, kanji it lists as a name (whole, or
 * a surname and a given name), or capitalised Latin words; 「未記入」 and
 * 「不明」 stay values. */
static const char *const quoted_name_labels[] = {"お名前", "名前", "氏名", "旧姓", "本名",
						 "通称名", "呼び名", NULL};

static int quoted_word_is_name(const struct pii__names *names, const struct pii__text *t,
			       size_t a, size_t z)
{
	if (pii__is_latin(t->cp[a]))
		return pii__is_latin_upper(t->cp[a]);
	if (pii__is_kata(t->cp[a]) || pii__is_hira(t->cp[a]))
		return pii__names_lookup_kana(names, t->cp + a, z - a) != 0;
	unsigned f = pii__names_lookup(names, t->cp + a, z - a);
	if (f & (PII_NAME_SURNAME | PII_NAME_GIVEN | PII_NAME_PERSON_U))
		return 1;
	for (size_t k = a + 1; k < z && k - a <= 4; k++)
		if ((pii__names_lookup(names, t->cp + a, k - a) & PII_NAME_SURNAME) &&
		    (pii__names_lookup(names, t->cp + k, z - k) &
		     (PII_NAME_GIVEN | PII_NAME_PERSON_U)))
			return 1;
	return 0;
}

static void quoted_name_after_label(const struct pii__names *names, const struct pii__text *t,
				    struct pii__cands *c)
{
	for (size_t q = pii__find_cp(t, 0, 0x300C /* 「 */); q < t->n;
	     q = pii__find_cp(t, q + 1, 0x300C)) {
		/* the label right before: 名前は「, 氏名が「, 旧姓：「, 名前「 */
		size_t b = q;
		if (b > 0 && (t->cp[b - 1] == 0x306F /* は */ || t->cp[b - 1] == 0x304C /* が */ ||
			      t->cp[b - 1] == ':' || t->cp[b - 1] == ' '))
			b--;
		if (!pii__ends_with(t, b > 4 ? b - 4 : 0, b, quoted_name_labels))
			continue;
		size_t s = q + 1, e = s;
		while (e < t->n && e - s <= 16 &&
		       (pii__is_kanji(t->cp[e]) || pii__is_kata(t->cp[e]) || pii__is_hira(t->cp[e]) ||
			pii__is_latin(t->cp[e]) || t->cp[e] == ' ' || t->cp[e] == 0x30FB))
			e++;
		if (e == s || e >= t->n || t->cp[e] != 0x300D /* 」 */ || t->cp[s] == ' ' ||
		    t->cp[e - 1] == ' ')
			continue;
		/* every word of it reads as a name */
		int name = 1;
		for (size_t a = s; a < e && name;) {
			size_t z = a;
			while (z < e && t->cp[z] != ' ' && t->cp[z] != 0x30FB)
				z++;
			name = z > a && quoted_word_is_name(names, t, a, z);
			a = z + 1;
		}
		if (!name)
			continue;
		if (parts_give_way(c, s, e))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
	}
}

/* One kanji of a day found as a name in a list of days parted by ・
 * (（月・水・金）, 火・木に配置; twenty-eighth round (a)): a neighbour across
 * the ・ is a day's kanji standing alone too, so the list names days. 金
 * or 林 beside a name (金・李) stays: the neighbour must be a day's. */
static void weekday_lists_dropped(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t a = v->start, e = v->end;
		if (v->type != PII_PERSON || e - a != 1 || !pii__is_weekday_kanji(t->cp[a]))
			continue;
		int before = a >= 2 && t->cp[a - 1] == 0x30FB && pii__is_weekday_kanji(t->cp[a - 2]) &&
			     (a < 3 || !pii__is_kanji(t->cp[a - 3]));
		int after = e + 1 < t->n && t->cp[e] == 0x30FB && pii__is_weekday_kanji(t->cp[e + 1]) &&
			    (e + 2 >= t->n || !pii__is_kanji(t->cp[e + 2]));
		if (before || after)
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

/* The rules of the twenty-fourth round (a), after the learned model (a
 * name it found is a source of name_parts_repeat() too). */
static void three_part_surname_before(const struct pii__names *names, const struct pii__text *t,
				      struct pii__cands *c);

void pii__memo_names(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	if (pii__may_have(t, '(') && pii__may_have_class(t, PII_CUE_KATA))
		kata_in_kin_bracket(names, t, c);
	/* a memo that names its members names its clients too (大城はCarlos
	 * …の国保加入手続きを受付): the rule reads texts with a name found,
	 * or under a memo's heading (業務申し送り⏎松永は…⏎・石原が…に待機) */
	if (person_elsewhere(c, 0, 0) || memo_heading(t))
		memo_staff_surnames(names, t, c);
	if (pii__may_have(t, ':') && pii__may_have(t, ' ') && pii__may_have(t, '\n'))
		inline_chat_speakers(names, t, c);
	/* a log's senders on lines of their own, after every rule and the
	 * model found what they find (資産税係 藤井 9:12: the name after a
	 * unit; batches 218-225) */
	if (pii__may_have(t, ':') && pii__may_have(t, ' ') && pii__may_have_digit(t))
		chat_speakers(names, t, c);
	if (pii__may_have(t, 0x53D7 /* 受 */) && (pii__may_have(t, ':') || pii__may_have(t, ' ')))
		taker_after_uke(names, t, c);
	if (names && pii__may_have(t, '@'))
		surname_before_mail(names, t, c);
	if (names && pii__may_have(t, 0x307E /* ま */) && pii__may_have(t, '('))
		surname_to_ask(names, t, c);
	if (names && pii__may_have(t, 0x307F /* み */) && pii__may_have(t, 0x305B /* せ */))
		surname_after_apology(names, t, c);
	if (names && pii__may_have(t, '(') && pii__may_have(t, '/'))
		writer_closing_bracket(names, t, c);
	if (names && pii__may_have(t, 0x3002 /* 。 */))
		surname_signing_line(names, t, c);
	if (names && pii__may_have(t, ' '))
		name_signing_text(names, t, c);
	if (names && pii__may_have(t, 0x308A /* り */))
		surname_closing_from(names, t, c);
	if (names && pii__may_have(t, 0x5404 /* 各 */))
		surnames_listed_before_each(names, t, c);
	if (names && (pii__may_have(t, 0x307E /* ま */) || pii__may_have(t, 0x304C /* が */)))
		surname_to_contact(names, t, c);
	if (pii__may_have(t, 0x3067 /* で */) && pii__may_have_class(t, PII_CUE_KATA))
		katakana_self_introduction(t, c);
	if (names && (pii__may_have(t, '(') || pii__may_have(t, 0x306F /* は */)))
		surname_as_recorder(names, t, c);
	if (names && pii__may_have(t, 0x540D /* 名 */) && pii__may_have_digit(t))
		surnames_counted(names, t, c);
	if (names && pii__may_have(t, 0x5B50 /* 子 */))
		children_after_kodomo(names, t, c);
	if (names)
		surname_glued_to_title(names, t, c);
	if (names && pii__may_have(t, ' '))
		surname_after_spaced_word(names, t, c);
	if (names && (pii__may_have(t, 0x3068 /* と */) || pii__may_have(t, 0x30FB /* ・ */)))
		surnames_joined_by_to(names, t, c);
	if (names && (pii__may_have(t, 0x300C /* 「 */) || pii__may_have(t, ':')))
		speaker_opening_line(names, t, c);
	surname_after_doing(names, t, c);
	if (names && pii__may_have(t, 0x4E57 /* 乗 */))
		surname_called_self(names, t, c);
	if (names && pii__may_have(t, '@'))
		surname_mentioned(names, t, c);
	if (names && pii__may_have(t, '(') && pii__may_have(t, ':'))
		speaker_with_relation(names, t, c);
	if (names && pii__may_have(t, 0x3001 /* 、 */))
		surname_after_greeting(names, t, c);
	person_words_whole(t, c);
	if (names)
		relation_glued_trimmed(names, t, c);
	if (names && pii__may_have(t, 0x2192 /* → */))
		handover_left_of_arrow(names, t, c);
	if (names && pii__may_have(t, 0x306E /* の */))
		surname_of_relation(names, t, c);
	if (names)
		surname_of_self(names, t, c);
	if (names && pii__may_have(t, 0x306E /* の */)) {
		surname_of_parent(names, t, c);
		kin_words_named(names, t, c);
		surname_before_own_line(names, t, c);
	}
	if (names && pii__may_have(t, 0x304B /* か */))
		handover_from_to(names, t, c);
	if (names && pii__may_have(t, '(') && pii__may_have_digit(t))
		rota_surnames(names, t, c);
	if (names && pii__may_have(t, ':') && pii__may_have(t, 0x3001 /* 、 */))
		unit_members_line(names, t, c);
	if (names && (pii__may_have(t, 0x5E2B /* 師 */) || pii__may_have(t, 0x9577 /* 長 */) ||
		      pii__may_have(t, 0x54E1 /* 員 */) || pii__may_have(t, 0x52D9 /* 務 */) ||
		      pii__may_have(t, 0x9332 /* 録 */) || pii__may_have(t, 0x898B /* 見 */)))
		roles_glued_surnames(names, t, c);
	if (pii__may_have(t, 0x62C5 /* 担 */) || pii__may_have(t, 0x540C /* 同 */))
		taker_after_tanto(names, t, c);
	name_parts_repeat(names, t, c);
	if (pii__may_have(t, ',') || pii__may_have(t, ' ')) /* a tab is folded to a space */
		cell_names_repeat(t, c);
	if (pii__may_have(t, 0x5B85 /* 宅 */) && pii__may_have(t, ' ') &&
	    pii__may_have_class(t, PII_CUE_KATA))
		kata_given_before_house(t, c);
	if (pii__may_have_alpha(t) && pii__may_have(t, ','))
		latin_comma_names(t, c); /* batches 234-241 */
	if (pii__may_have(t, ',') || pii__may_have(t, ' '))
		card_number_after_symbol_cell(t, c); /* batches 258-265 */
	if (pii__may_have_alpha(t) && pii__may_have(t, ' ')) {
		latin_word_before(t, c); /* batches 250-257 */
		latin_word_after(t, c);	 /* batches 258-265 */
	}
	/* batches 218-225 */
	if (pii__may_have(t, ' ') && pii__may_have_any(t, family_relations))
		surname_before_found_given(names, t, c);
	if (pii__may_have(t, 0x30FB /* ・ */) && pii__may_have_class(t, PII_CUE_KATA))
		kata_given_after_dot(t, c);
	if (pii__may_have_alpha(t) && (pii__may_have(t, ',') || pii__may_have(t, ' ')))
		surname_after_cw_cell(names, t, c);
	if (pii__may_have_any(t, relatives)) /* twenty-eighth round (b) */
		relative_given_repeats(t, c);
	if (pii__may_have(t, 0x3068 /* と */))
		surname_joined_by_to(names, t, c);
	/* twenty-fifth round (e) */
	if (pii__may_have(t, 0x3042 /* あ */) && pii__may_have_class(t, PII_CUE_KATA))
		kata_before_granny(names, t, c);
	if (pii__may_have(t, '@'))
		chat_mentions(names, t, c);
	if (pii__may_have(t, '(') && pii__may_have(t, 0x4EBA /* 人 */) &&
	    (pii__may_have(t, 0x5B50 /* 子 */) || pii__may_have(t, 0x4F9B /* 供 */)))
		children_in_count_bracket(names, t, c);
	if (pii__may_have(t, ':') && pii__may_have(t, 0x5B50 /* 子 */) &&
	    pii__may_have_digit(t)) /* twenty-eighth round (b) */
		children_after_colon(names, t, c);
	if (pii__may_have(t, 0x300C /* 「 */) && pii__may_have(t, 0x540D /* 名 */))
		quoted_name_after_label(names, t, c);
	if (pii__may_have_class(t, PII_CUE_HANGUL)) {
		hangul_full_names(t, c);
		hangul_with_honorific(t, c);
	}
	/* twenty-sixth round (e) */
	if (pii__may_have(t, '#') && pii__may_have(t, '\n'))
		channel_handles(t, c);
	if (pii__may_have_alpha(t) && pii__may_have(t, ' ')) /* a tab is folded to a space */
		latin_row_surname(t, c);
	if (pii__may_have_alpha(t) && (pii__may_have(t, 0x5B85 /* 宅 */) || pii__may_have(t, 0x5E2F /* 帯 */)))
		latin_household(t, c);
	if (pii__may_have_alpha(t) && pii__may_have_class(t, PII_CUE_KATA) &&
	    (pii__may_have(t, ' ') || pii__may_have(t, '\n') || pii__may_have(t, '(')))
		name_in_three_scripts(t, c);
	/* twenty-seventh round (f) */
	if (pii__may_have(t, 0x306E /* の */) && person_elsewhere(c, 0, 0))
		surname_before_relation(names, t, c);
	if (pii__may_have(t, 0x306E /* の */) &&
	    (pii__may_have(t, 0x65B9 /* 方 */) || pii__may_have(t, 0x8005 /* 者 */) ||
	     pii__may_have(t, 0x4EBA /* 人 */) || pii__may_have(t, 0x624B /* 手 */) ||
	     pii__may_have(t, 0x4E3B /* 主 */)))
		surname_of_party(names, t, c);
	if (pii__may_have(t, '(') && pii__may_have(t, ')') && pii__may_have(t, ' '))
		one_kanji_given_in_brackets(t, c);
	if (pii__may_have(t, 0x7FA9 /* 義 */) && pii__may_have(t, ' '))
		name_before_meigi(names, t, c);
	if (pii__may_have(t, 0x304C /* が */) &&
	    (pii__may_have(t, 0x62C5 /* 担 */) || pii__may_have(t, 0x5BFE /* 対 */) ||
	     pii__may_have(t, 0x540C /* 同 */) || pii__may_have(t, 0x901A /* 通 */)))
		surname_takes_charge(names, t, c);
	if (pii__may_have_alpha(t) &&
	    (pii__may_have_class(t, PII_CUE_ABUGIDA) || pii__may_have_class(t, PII_CUE_KANJI)) &&
	    (pii__may_have(t, '(') || pii__may_have(t, ',') || pii__may_have(t, ' ') ||
	     pii__may_have(t, ':')))
		name_in_own_script(t, c);
	if (pii__may_have(t, '(') && pii__may_have(t, ')'))
		surname_before_role_bracket(names, t, c);
	if (person_elsewhere(c, 0, 0) &&
	    (pii__may_have(t, 0x5E2B /* 師 */) || pii__may_have(t, 0x54E1 /* 員 */) ||
	     pii__may_have_class(t, PII_CUE_KATA)))
		surname_before_glued_role(names, t, c);
	if (pii__may_have(t, ':') && pii__may_have(t, 0x3001 /* 、 */) &&
	    (pii__may_have(t, 0x51FA /* 出 */) || pii__may_have(t, 0x53C2 /* 参 */) ||
	     pii__may_have(t, 0x540C /* 同 */)))
		attendees_after_role(names, t, c);
	if (pii__may_have_alpha(t) &&
	    (pii__may_have(t, 0x306F /* は */) || pii__may_have(t, 0x304C /* が */)))
		latin_subject_at_line_start(t, c);
	if (pii__may_have_alpha(t) && pii__may_have(t, ' '))
		latin_particle_opening(t, c);
	/* twenty-eighth round (a) */
	if (pii__may_have(t, 0x30FB /* ・ */))
		weekday_lists_dropped(t, c);
	/* thirtieth set (batches 394-397): after the parts are joined, by
	 * the memo's rules too */
	if (pii__may_have(t, ' ') && pii__may_have_class(t, PII_CUE_KATA))
		three_part_surname_before(names, t, c);
}

/* ---- names of several parts in a field's value (twenty-fourth round (b)) -- */

enum { PART_NONE, PART_KANJI, PART_KATA, PART_HIRA };

static int part_script(uint32_t ch)
{
	if (pii__is_kanji(ch))
		return PART_KANJI;
	if (pii__is_kata(ch))
		return PART_KATA;
	if (pii__is_hira(ch) && ch != 0x3092 /* を */)
		return PART_HIRA;
	return PART_NONE;
}

/* A field's value ends at e: the line's or text's end, a tab, a bracket,
 * 、, a comma or 。. */
static int value_ends_at(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	uint32_t ch = t->cp[e];
	return ch == '\n' || ch == '\r' || ch == '(' || ch == 0x3001 || ch == ',' || ch == 0x3002 ||
	       pii__raw_tab(t, e);
}

/* A field's value opens at s: after a colon, a tab or 、 (the next item
 * of a list). Not the line's start: a label or an honorific in kana may
 * stand there with the name (ﾌﾘｶﾞﾅ ｵｶﾓﾄ ｼﾞﾛｳ, 大城 マサ さま). */
static int value_opens_at(const struct pii__text *t, size_t s)
{
	if (s == 0)
		return 0;
	uint32_t ch = t->cp[s - 1];
	return ch == ':' || ch == 0x3001 || pii__raw_tab(t, s - 1);
}

/* The same word [s, e) inside another PERSON span of c (アルメイダ of
 * アルメイダ ハナ, the sibling's surname). */
static int word_in_other_person(const struct pii__text *t, const struct pii__cands *c, size_t s,
				size_t e)
{
	size_t len = e - s;
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->confidence <= 0.01 ||
		    (v->start <= s && v->end >= e) || v->end - v->start < len)
			continue;
		for (size_t q = v->start; q + len <= v->end; q++)
			if ((q == v->start || t->cp[q - 1] == ' ') &&
			    (q + len == v->end || t->cp[q + len] == ' ') &&
			    memcmp(t->cp + q, t->cp + s, len * sizeof(*t->cp)) == 0)
				return 1;
	}
	return 0;
}

/* A part of a name [s, e) of one script that no PERSON span covers: a
 * kanji part ENAMDICT lists as a surname or given name (矢野), a kana part
 * that reads as one (ケイジ, さくら), or a katakana part another name of
 * the text holds (a sibling's surname). */
static int loose_part_named(const struct pii__names *names, const struct pii__text *t,
			    const struct pii__cands *c, size_t s, size_t e, int script)
{
	if (script == PART_KANJI)
		return e - s <= 4 && (pii__names_lookup(names, t->cp + s, e - s) &
				      (PII_NAME_SURNAME | PII_NAME_GIVEN));
	if (kana_flags(names, t, s, e) & (PII_NAME_SURNAME_KANA | PII_NAME_GIVEN_KANA))
		return 1;
	return script == PART_KATA && word_in_other_person(t, c, s, e);
}

/* Names of two or three parts with a katakana part, written with single
 * spaces (full- or half-width) as a field's whole value (子の氏名：中村
 * エミリー さくら, 父：中村 ロドリゴ ケイジ（…）, 新受給者：母 アルメイダ
 * 恵美, a tab cell 矢野 ブルーノ ケン, a list's item …、アルメイダ ユウキ
 * （…）; twenty-fourth round (b)): the rules find a part or two (中村
 * エミリー and さくら apart). When a PERSON span lies inside such a value,
 * the value's words each of one script (a relation such as 母 before them
 * left out), two or three of them, at least one katakana, and each word
 * no span covers named as loose_part_named() says, the whole value is the
 * name and replaces its parts. */
static void name_value_parts(const struct pii__names *names, const struct pii__text *t,
			     struct pii__cands *c)
{
	size_t n = c->n;
	/* person_whole() lowers confidences and adds: the index stays true */
	struct person_index x = {0};
	int indexed = 0;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		if (v.type != PII_PERSON || v.confidence <= 0.01 || !part_script(t->cp[v.start]))
			continue;
		/* the value: words of one script each, parted by single spaces
		 * that are no tabs */
		size_t s = v.start;
		while (s > 0 && v.start - s < 24) {
			uint32_t ch = t->cp[s - 1];
			if (part_script(ch) || (ch == ' ' && !pii__raw_tab(t, s - 1) && s >= 2 &&
						part_script(t->cp[s - 2])))
				s--;
			else
				break;
		}
		size_t e = v.end;
		while (e < t->n && e - v.end < 24) {
			uint32_t ch = t->cp[e];
			if (part_script(ch) || (ch == ' ' && !pii__raw_tab(t, e) && e + 1 < t->n &&
						part_script(t->cp[e + 1])))
				e++;
			else
				break;
		}
		if (!value_opens_at(t, s) || !value_ends_at(t, e))
			continue;
		size_t ws[5] = {0}, we[5] = {0}, nw = 0;
		int sc[5] = {0}, ok = 1, kata = 0;
		for (size_t q = s; q < e && ok;) {
			if (nw == 5) {
				ok = 0;
				break;
			}
			int script = part_script(t->cp[q]);
			size_t r = q;
			while (r < e && part_script(t->cp[r]) == script)
				r++;
			if (r < e && t->cp[r] != ' ')
				ok = 0; /* two scripts in one word: no name's part */
			ws[nw] = q;
			we[nw] = r;
			sc[nw++] = script;
			q = r + 1;
		}
		if (!ok)
			continue;
		size_t f = 0; /* a relation before the name: 母 アルメイダ 恵美 */
		if (word_exact(t, ws[0], we[0], relatives))
			f = 1;
		if (nw < f + 2 || nw > f + 3 || ws[f] > v.start)
			continue;
		for (size_t w = f; w < nw && ok; w++) {
			if (sc[w] == PART_KATA)
				kata = 1;
			if (we[w] - ws[w] > 8 || (sc[w] != PART_KANJI && we[w] - ws[w] < 2) ||
			    word_exact(t, ws[w], we[w], row_honorifics))
				ok = 0; /* 野村 ヨシエ 様: the honorific is no part */
			else {
				if (!indexed)
					person_index_init(&x, c), indexed = 1;
				if (!person_index_overlaps(&x, c, ws[w], we[w]))
					ok = loose_part_named(names, t, c, ws[w], we[w], sc[w]);
			}
		}
		s = ws[f];
		e = we[nw - 1];
		if (!ok || !kata || (s == v.start && e == v.end))
			continue;
		if (!indexed) /* every part was read through it: built */
			person_index_init(&x, c), indexed = 1;
		person_index_whole(&x, c, t, s, e, 0.9);
	}
	free(x.by_start);
}

/* Labels of a reading inside the bracket after a name (ミラー 蒼（よみかた：
 * みらー あおい）). */
static const char *const reading_labels[] = {"よみかた", "読み方", "よみ", "読み", "ふりがな",
					     "フリガナ", NULL};

/* Words of [s, e): single spaces between them. */
static size_t words_between(const struct pii__text *t, size_t s, size_t e)
{
	size_t w = 1;
	for (size_t i = s; i < e; i++)
		w += t->cp[i] == ' ';
	return w;
}

/* A reading in brackets right after a name, cut short inside (仲宗根
 * ローズ（なかそね ろー|ず）: ー is no hiragana, and the parts after it
 * were lost; twenty-fourth round (b)): when the bracket opens right after
 * a PERSON span and a PERSON span opens the bracket's text, and that text
 * is kana of one script (ー included), single spaces, to the bracket's
 * close, the whole text is the reading. A label of a reading may open the
 * bracket (よみかた：). Where no rule found a part of it (マーフィー 健（ま
 * ーふぃー けん）: a foreign family's name read in hiragana, which ENAMDICT
 * does not list), a reading in hiragana of as many words as the name,
 * two at least, after a name written with kanji is one too (batches
 * 354-361). */
static void bracket_reading_whole(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	/* person_whole() lowers confidences and adds: the index stays true */
	struct person_index x = {0};
	int indexed = 0;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		size_t o = v.end;
		if (v.type != PII_PERSON || v.confidence <= 0.01 || o + 2 >= t->n ||
		    t->cp[o] != '(')
			continue;
		size_t r = o + 1, lab = pii__match_any(t, r, reading_labels);
		if (lab && r + lab + 1 < t->n && t->cp[r + lab] == ':')
			r += lab + 1;
		int script = part_script(t->cp[r]);
		if (script != PART_HIRA && script != PART_KATA)
			continue;
		size_t e = r;
		while (e < t->n && e - r < 24 &&
		       (part_script(t->cp[e]) == script || t->cp[e] == 0x30FC /* ー */ ||
			(t->cp[e] == ' ' && e + 1 < t->n && part_script(t->cp[e + 1]) == script)))
			e++;
		if (e >= t->n || t->cp[e] != ')' || t->cp[e - 1] == ' ')
			continue;
		if (!indexed)
			person_index_init(&x, c), indexed = 1;
		if (!person_index_opens(&x, c, r, e)) {
			size_t w = words_between(t, v.start, v.end);
			int kanji = 0;
			for (size_t q = v.start; q < v.end && !kanji; q++)
				kanji = pii__is_kanji(t->cp[q]);
			/* a katakana family name is read as written (マーフィー:
			 * まーふぃー) */
			uint32_t f = t->cp[v.start];
			if (script != PART_HIRA || !kanji || w < 2 || words_between(t, r, e) != w ||
			    (f >= 0x30A1 && f <= 0x30F6 && t->cp[r] != f - 0x60) ||
			    other_over(c, r, e, r, e))
				continue;
		}
		person_index_whole(&x, c, t, r, e, 0.9);
	}
	free(x.by_start);
}

/* A full name in kanji right before 本人 (…で国吉 盛仁本人であることを確認,
 * 新城 康平本人が来庁; twenty-fourth round (b)): 2-3 kanji ENAMDICT lists
 * as a surname after a code point that is no kanji, a space, 1-3 kanji it
 * lists as a given name, and 本人 glued to them; or the surname alone when
 * a full name of the text opens with it. A name found with 本人 glued
 * inside it loses 本人. */
static void full_name_before_self(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	size_t budget = CHAT_LABELS_MAX;
	/* a name found with 本人 in it (佐藤本人は): 本人 is no part of it */
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		if (v->type == PII_PERSON && v->end - v->start >= 4 &&
		    t->cp[v->end - 2] == 0x672C /* 本 */ && t->cp[v->end - 1] == 0x4EBA /* 人 */ &&
		    pii__is_kanji(t->cp[v->end - 3])) {
			pii__span_set(v, t, v->start, v->end - 2);
		}
	}
	for (size_t i = pii__find_cp(t, 4, 0x672C /* 本 */); i + 1 < t->n;
	     i = pii__find_cp(t, i + 1, 0x672C)) {
		if (t->cp[i + 1] != 0x4EBA /* 人 */)
			continue;
		size_t g = i;
		while (g > 0 && pii__is_kanji(t->cp[g - 1]) && i - g < 4)
			g--;
		/* a surname alone that a full name of the text opens (門脇　キミ
		 * … 門脇本人は) */
		if (i - g >= 2 && i - g <= 3 && (g == 0 || !pii__is_kanji(t->cp[g - 1])) &&
		    bare_surname(names, t, g, i) && word_in_other_person(t, c, g, i)) {
			if (!person_covers(c, g, i, &budget))
				pii__cand_add(c, t, g, i, PII_PERSON, 0.8);
			continue;
		}
		if (g == i || i - g > 3 || g < 3 || t->cp[g - 1] != ' ')
			continue;
		size_t s = g - 1;
		while (s > 0 && pii__is_kanji(t->cp[s - 1]) && g - 1 - s < 4)
			s--;
		if ((s > 0 && pii__is_kanji(t->cp[s - 1])) || !bare_surname(names, t, s, g - 1) ||
		    g - 1 - s < 2 ||
		    !(pii__names_lookup(names, t->cp + g, i - g) &
		      (PII_NAME_GIVEN | PII_NAME_PERSON_U)))
			continue;
		if (!person_covers(c, s, i, &budget))
			pii__cand_add(c, t, s, i, PII_PERSON, 0.8);
	}
}

/* Particles and marks after a given name in hiragana glued to them
 * (ゆかりから, みどりが). */
static const char *const hira_given_after[] = {"から", "より", "が", "は", "に", "の",
					       "と", "も", "へ", "を", "さん", NULL};

/* A relative's full name glued to the relation, the given name in
 * hiragana (母小豆沢 ゆかりから通級の継続希望, 妻大山 みどりが来庁;
 * twenty-fourth round (b)): a relation of relatives after a code point
 * that is no kanji, 2-3 kanji ENAMDICT lists as a surname, a space, 2-4
 * hiragana it lists as a given name, then a particle of hira_given_after,
 * a punctuation mark or a bracket. */
static void relative_hira_given(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	size_t budget = CHAT_LABELS_MAX;
	for (size_t i = pii__find_cp(t, 3, ' '); i + 3 < t->n; i = pii__find_cp(t, i + 1, ' ')) {
		if (!pii__is_kanji(t->cp[i - 1]) || !pii__is_hira(t->cp[i + 1]))
			continue;
		size_t a = i;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 6)
			a--;
		if (a > 0 && pii__is_kanji(t->cp[a - 1]))
			continue;
		size_t m = pii__match_any(t, a, relatives);
		if (!m || i - a - m < 2 || i - a - m > 3 || !bare_surname(names, t, a + m, i))
			continue;
		for (size_t e = i + 5 < t->n ? i + 5 : t->n; e >= i + 3; e--) {
			size_t h = i + 1;
			while (h < e && pii__is_hira(t->cp[h]))
				h++;
			if (h < e)
				continue;
			int ends = e >= t->n || pii__is_boundary(t->cp[e]) || t->cp[e] == 0x3001 ||
				   t->cp[e] == '(' || t->cp[e] == ' ' ||
				   (pii__is_hira(t->cp[e]) &&
				    pii__match_any(t, e, hira_given_after));
			if (!ends ||
			    !(pii__names_lookup(names, t->cp + i + 1, e - i - 1) & PII_NAME_GIVEN))
				continue;
			if (!person_covers(c, a + m, e, &budget))
				pii__cand_add(c, t, a + m, e, PII_PERSON, 0.8);
			break;
		}
	}
}

/* One katakana word as the whole value of a person's field (受領者：
 * ヴィトール（本人確認…）, 変更後の氏：シルバ; twenty-fourth round (b)):
 * a label of kanji ending in 者 or 人 opening its line, or 氏 after の or
 * the line's start, a colon and at most a space, then 2-12 katakana to
 * the line's end or a bracket; not a role (ヘルパー) or a form's word
 * (ナシ, ミテイ). */
static void kata_value_of_person_field(const struct pii__text *t, struct pii__cands *c)
{
	size_t budget = CHAT_LABELS_MAX;
	for (size_t i = pii__find_cp(t, 2, ':'); i + 2 < t->n; i = pii__find_cp(t, i + 1, ':')) {
		size_t a = i;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 8)
			a--;
		uint32_t last = t->cp[i - 1];
		int ok = 0;
		if (last == 0x6C0F /* 氏 */ && a + 1 == i)
			ok = a == 0 || t->cp[a - 1] == '\n' || t->cp[a - 1] == 0x306E /* の */;
		else if ((last == 0x8005 /* 者 */ || last == 0x4EBA /* 人 */) && i - a >= 2)
			ok = a == 0 || t->cp[a - 1] == '\n';
		if (!ok)
			continue;
		size_t v = i + 1 < t->n && t->cp[i + 1] == ' ' ? i + 2 : i + 1, e = v;
		while (e < t->n && pii__is_kata(t->cp[e]) && e - v <= 12)
			e++;
		if (e - v < 2 || e - v > 12 || !(e >= t->n || t->cp[e] == '\n' || t->cp[e] == '('))
			continue;
		uint32_t h[16];
		size_t hn = pii__kana_reading(t->cp + v, e - v, h, 16);
		if (word_exact(t, v, e, glued_roles) || word_exact(t, v, e, kana_not_given) ||
		    (hn && is_form_word(h, hn)) ||
		    person_covers(c, v, e, &budget))
			continue;
		pii__cand_add(c, t, v, e, PII_PERSON, 0.8);
	}
}

/* Names whose parts the rules found apart: see name_value_parts() and
 * bracket_reading_whole(); and full_name_before_self(). */
/* The candidates full_name_again() asks about at every place a full name is
 * written again, so that a name written thousands of times (a pasted
 * register of one person's rows) costs a binary search a place, not a walk
 * of the whole list (8,000 identical rows: 3.1 s, almost all of it here).
 * A short list is walked, as before. The candidates in the list when the
 * index is made are sorted by start, with the largest end among those kept
 * (above 0.01) up to each; those the rule adds after are kept apart, one
 * ascending list for each name looked for (each of its places is added
 * in order). The rule lowers candidates to 0.01 as parts of a whole it
 * adds over them, so a candidate lowered since is still answered for as
 * kept: the whole over it, a PERSON, settles the same places (see
 * again_settled()). */
struct again_index {
	size_t *by_start; /* owned: pairs (start, k) of the candidates before n0; NULL: walked */
	size_t *maxend;   /* owned: the largest end of those kept among pairs 0..j */
	size_t n0;
	size_t *added[MEMO_SOURCES_MAX]; /* owned: pairs (start, k) of name j's wholes, ascending */
	size_t nadded[MEMO_SOURCES_MAX], capadded[MEMO_SOURCES_MAX];
	size_t len[MEMO_SOURCES_MAX]; /* name j's length */
};

static void again_index_build(struct again_index *x, const struct pii__cands *c)
{
	x->n0 = c->n;
	x->by_start = yk_xmalloc(2 * c->n * sizeof(*x->by_start));
	x->maxend = yk_xmalloc(c->n * sizeof(*x->maxend));
	for (size_t k = 0; k < c->n; k++) {
		x->by_start[2 * k] = c->v[k].start;
		x->by_start[2 * k + 1] = k;
	}
	qsort(x->by_start, c->n, 2 * sizeof(*x->by_start), pii__cmp_pairs);
	size_t m = 0;
	for (size_t j = 0; j < c->n; j++) {
		const struct pii_span *w = &c->v[x->by_start[2 * j + 1]];
		if (w->confidence > 0.01 && w->end > m)
			m = w->end;
		x->maxend[j] = m;
	}
}

static void again_index_release(struct again_index *x, size_t names)
{
	free(x->by_start);
	free(x->maxend);
	for (size_t j = 0; j < names; j++)
		free(x->added[j]);
}

/* Whether a kept candidate settles the place [i, e) of a name written
 * again: the whole as a PERSON, or a candidate over it that is no PERSON or
 * reaches out of it. A candidate the rule lowered since the index was made
 * answers as kept: the whole that lowered it is a PERSON over it, so it
 * settles every place the part settled (it reaches out wherever the part
 * does; over a part that was this whole, it is the whole or reaches
 * out). */
static int again_settled(const struct again_index *x, const struct pii__cands *c, size_t names,
			 size_t i, size_t e)
{
	if (!x->by_start) {
		int whole = 0, outside = 0;
		for (size_t q = 0; q < c->n; q++) {
			const struct pii_span *w = &c->v[q];
			if (w->confidence <= 0.01 || w->start >= e || w->end <= i)
				continue;
			whole |= w->type == PII_PERSON && w->start == i && w->end == e;
			outside |= w->type != PII_PERSON || w->start < i || w->end > e;
		}
		return whole || outside;
	}
	/* one opening before i reaches into it */
	size_t lo = pii__keys_below(x->by_start, x->n0, 2, i);
	if (lo && x->maxend[lo - 1] > i)
		return 1;
	for (size_t j = lo; j < x->n0 && x->by_start[2 * j] < e; j++) {
		const struct pii_span *w = &c->v[x->by_start[2 * j + 1]];
		if (w->confidence > 0.01 && w->end > i &&
		    (w->type != PII_PERSON || w->end > e || (w->start == i && w->end == e)))
			return 1;
	}
	/* the wholes added since: each overlaps from after i - len */
	for (size_t s = 0; s < names; s++) {
		size_t len = x->len[s], from = i + 1 >= len ? i + 1 - len : 0;
		for (size_t j = pii__keys_below(x->added[s], x->nadded[s], 2, from);
		     j < x->nadded[s] && x->added[s][2 * j] < e; j++) {
			size_t a = x->added[s][2 * j];
			if (a < i || a + len > e || (a == i && a + len == e))
				return 1;
		}
	}
	return 0;
}

/* person_whole() through the index: the PERSON candidates inside [i, e)
 * are parts, the whole is added (and kept under name s). */
static void again_whole(struct again_index *x, struct pii__cands *c, const struct pii__text *t,
			size_t names, size_t s, size_t i, size_t e)
{
	if (!x->by_start) {
		person_whole(c, t, i, e, 0.85);
		return;
	}
	for (size_t j = pii__keys_below(x->by_start, x->n0, 2, i);
	     j < x->n0 && x->by_start[2 * j] <= e; j++) {
		struct pii_span *w = &c->v[x->by_start[2 * j + 1]];
		if (w->type == PII_PERSON && w->start >= i && w->end <= e)
			w->confidence = 0.01; /* a part: the whole replaces it */
	}
	for (size_t a = 0; a < names; a++)
		for (size_t j = pii__keys_below(x->added[a], x->nadded[a], 2, i);
		     j < x->nadded[a] && x->added[a][2 * j] + x->len[a] <= e; j++)
			c->v[x->added[a][2 * j + 1]].confidence = 0.01;
	size_t k = c->n;
	pii__cand_add(c, t, i, e, PII_PERSON, 0.85);
	if (c->n > k)
		x->added[s] = pair_add(x->added[s], &x->nadded[s], &x->capadded[s], i, k);
}

/* A full name found (門司 健三（84）), written again later where only its
 * given name or nothing was found (門司 健三の連絡先; the surname names a
 * place too): the whole again (twenty-eighth round (b)). A source is a
 * PERSON span of 1-3 kanji, one space and 1-4 kanji or katakana; an
 * occurrence has no letter of its script on either side. A source written
 * as an earlier one is not looked for again: every place of that name is
 * settled already (the earlier one's whole, or what stopped it, stays). */
static void full_name_again(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n, sources = 0, names = 0;
	size_t name_at[MEMO_SOURCES_MAX];
	struct again_index x = {0};
	int indexed = 0; /* made when the first place is asked about */
	for (size_t k = 0; k < n && sources < MEMO_SOURCES_MAX; k++) {
		const struct pii_span v = c->v[k];
		if (v.type != PII_PERSON || v.confidence <= 0.5)
			continue;
		size_t sp = v.start;
		while (sp < v.end && pii__is_kanji(t->cp[sp]))
			sp++;
		/* or a katakana family name before a given name in kanji (パー
		 * カー 明子; batches 354-361) */
		int kata_sur = sp == v.start && pii__is_kata(t->cp[sp]);
		while (kata_sur && sp < v.end && pii__is_kata(t->cp[sp]))
			sp++;
		size_t len = v.end - v.start;
		if (sp == v.start || sp - v.start > (kata_sur ? 10u : 3u) || sp + 1 >= v.end ||
		    t->cp[sp] != ' ' || v.end - sp - 1 > 4 ||
		    (kata_sur && (sp - v.start < 2 || !pii__is_kanji(t->cp[sp + 1]))))
			continue;
		int kata = pii__is_kata(t->cp[sp + 1]);
		int (*same)(uint32_t) = kata ? pii__is_kata : pii__is_kanji;
		size_t g = sp + 1;
		while (g < v.end && same(t->cp[g]))
			g++;
		if (g < v.end)
			continue;
		sources++;
		size_t s = 0;
		while (s < names && (x.len[s] != len || memcmp(t->cp + name_at[s], t->cp + v.start,
							       len * sizeof(uint32_t)) != 0))
			s++;
		if (s < names)
			continue; /* looked for already */
		name_at[names] = v.start;
		x.len[names++] = len;
		for (size_t i = pii__find_cp(t, 0, t->cp[v.start]); i + len <= t->n;
		     i = pii__find_cp(t, i + 1, t->cp[v.start])) {
			if (i == v.start || memcmp(t->cp + i, t->cp + v.start, len * sizeof(uint32_t)) != 0 ||
			    (i > 0 && (pii__is_kanji(t->cp[i - 1]) ||
				       (kata_sur && pii__is_kata(t->cp[i - 1])))) ||
			    (i + len < t->n && same(t->cp[i + len])))
				continue;
			if (!indexed && c->n >= PII_INDEX_MIN) {
				again_index_build(&x, c);
				indexed = 1;
			}
			if (!again_settled(&x, c, names, i, i + len))
				again_whole(&x, c, t, names, s, i, i + len);
		}
	}
	again_index_release(&x, names);
}

/* A capitalised Latin word then の and a relation, the relation a word
 * of its own (Siti の兄 Ahmad, Maria の夫が…; twenty-eighth round (b)):
 * the person whose relative is spoken of. Not a relation opening a word
 * (Google の母体). */
static void latin_before_relation(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t q = pii__find_cp(t, 3, 0x306E /* の */); q + 1 < t->n;
	     q = pii__find_cp(t, q + 1, 0x306E)) {
		size_t m = pii__match_any(t, q + 1, relatives);
		if (!m || (q + 1 + m < t->n && pii__is_kanji(t->cp[q + 1 + m])))
			continue;
		size_t e = t->cp[q - 1] == ' ' ? q - 1 : q, a = e;
		while (a > 0 && t->cp[a - 1] >= 'a' && t->cp[a - 1] <= 'z')
			a--;
		if (a == 0 || e - a < 2 || !(t->cp[a - 1] >= 'A' && t->cp[a - 1] <= 'Z'))
			continue;
		a--;
		if ((a > 0 && (pii__is_latin(t->cp[a - 1]) || pii__is_digit(t->cp[a - 1]))) ||
		    pii__latin_stop_word(t, a, e) || any_overlaps(c, a, e))
			continue;
		pii__cand_add(c, t, a, e, PII_PERSON, 0.75);
	}
}

/* The Latin capitals a word may open with that a katakana word opening
 * with the code point U+30A1 + k transcribes (リ: R or L, ヴ: V or B).
 * Consulted for the first code point only: enough to tell a name's
 * reading (Rizky（リズキ）) from a country or a note (Maria（フィリピン）). */
static const char *const kata_initials[] = {
	"A", "A", "IYE", "IYE", "UWO", "UWO", "EA", "EAY", "O", "OA", "KCQ", "G",
	"KCQ", "G", "KCQ", "G", "KCQ", "GJ", "KCQ", "G", "SZC", "ZS", "SCX", "JGZ",
	"SZ", "ZS", "SCZ", "ZJ", "SZ", "Z", "T", "D", "CT", "JD", "", "TZ",
	"ZD", "T", "D", "T", "D", "N", "N", "N", "N", "N", "HF", "BV",
	"P", "H", "BV", "P", "FHP", "BV", "P", "H", "BV", "P", "HFJ", "BV",
	"P", "M", "M", "M", "M", "M", "YJ", "YJI", "YJ", "YJU", "YJ", "YJI",
	"RL", "RL", "RL", "RL", "RL", "WV", "WVO", "W", "W", "WO", "N", "VB",
	"K", "K",
};

static int kata_reads_latin(uint32_t kata, uint32_t latin)
{
	if (kata < 0x30A1 || kata > 0x30F6)
		return 0;
	if (latin >= 'a' && latin <= 'z')
		latin -= 'a' - 'A';
	const char *l = kata_initials[kata - 0x30A1];
	return latin >= 'A' && latin <= 'Z' && strchr(l, (int)latin) != NULL;
}

/* The end of a katakana reading from s (katakana, ー, ・ and single
 * spaces, 2-16 code points) closed by ) at the returned index, or 0. */
static size_t kata_reading_to_bracket(const struct pii__text *t, size_t s)
{
	size_t e = s;
	while (e < t->n && e - s <= 16 &&
	       (pii__is_kata(t->cp[e]) ||
		((t->cp[e] == ' ' || t->cp[e] == 0x30FB) && e > s && e + 1 < t->n &&
		 pii__is_kata(t->cp[e + 1]))))
		e++;
	return e - s >= 2 && e - s <= 16 && e < t->n && t->cp[e] == ')' ? e : 0;
}

/* A name in Latin letters found and its katakana reading in brackets
 * right after it (Rizky（リズキ）さん), or a katakana word opening a line
 * or a clause before brackets that a Latin name found opens (タバレス
 * （TAVARES Bruno）): the katakana is the reading when its first code
 * point transcribes the Latin name's first letter (kata_reads_latin());
 * a country or a note in brackets (Maria（フィリピン）) most often does
 * not (twenty-eighth round (b)). */
static void latin_and_kata_reading(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		if (v.type != PII_PERSON || v.confidence <= 0.5 || !pii__is_latin(t->cp[v.start]) ||
		    !pii__is_latin(t->cp[v.end - 1]))
			continue;
		/* a name's shape: a small letter or two words; one word in
		 * capitals is as often an acronym read (HACCP（ハサップ）) */
		int shaped = 0;
		for (size_t q = v.start; q < v.end && !shaped; q++)
			shaped = t->cp[q] == ' ' || (t->cp[q] >= 'a' && t->cp[q] <= 'z');
		if (!shaped)
			continue;
		/* the reading after the name */
		size_t re;
		if (v.end + 2 < t->n && t->cp[v.end] == '(' &&
		    (re = kata_reading_to_bracket(t, v.end + 1)) &&
		    kata_reads_latin(t->cp[v.end + 1], t->cp[v.start]) &&
		    !any_overlaps(c, v.end + 1, re))
			pii__cand_add(c, t, v.end + 1, re, PII_PERSON, 0.8);
		/* the reading before the brackets the name opens */
		if (v.start < 3 || t->cp[v.start - 1] != '(' || !pii__is_kata(t->cp[v.start - 2]))
			continue;
		size_t o = v.start - 1, a = o;
		while (a > 0 && o - a < 16 &&
		       (pii__is_kata(t->cp[a - 1]) ||
			(t->cp[a - 1] == 0x30FB && a >= 2 && pii__is_kata(t->cp[a - 2]))))
			a--;
		uint32_t p = a > 0 ? t->cp[a - 1] : '\n';
		if (o - a < 2 || !(p == '\n' || p == ' ' || p == ':' || p == 0x3001 || p == 0x3002) ||
		    !kata_reads_latin(t->cp[a], t->cp[v.start]) || any_overlaps(c, a, o))
			continue;
		pii__cand_add(c, t, a, o, PII_PERSON, 0.8);
	}
}

/* A Chinese name in its own kanji (pii__zh_surname(): a surname in its
 * simplified form opens it), written apart from Japanese words: 2-3
 * kanji after a code point that is no kanji and before 、, 。, a space, a
 * bracket or the line's end, on a line where a Latin name was found
 * (転入者 ZHANG Wei：…簡体字で张伟、…); or the surname alone opening a line
 * before a space and 様 or さん (陈 様, a letter's greeting). Twenty-eighth
 * round (b). Only lines' starts and the lines of Latin names are read. */
static void zh_kanji_at(const struct pii__text *t, struct pii__cands *c, size_t i, int latin)
{
	if (!pii__is_kanji(t->cp[i]) || (i > 0 && pii__is_kanji(t->cp[i - 1])) ||
	    !pii__zh_surname(t->cp[i]))
		return;
	size_t e = i;
	while (e < t->n && pii__is_kanji(t->cp[e]) && e - i < 4)
		e++;
	uint32_t f = e < t->n ? t->cp[e] : '\n';
	int greeted = e == i + 1 && (i == 0 || t->cp[i - 1] == '\n') && f == ' ' && e + 1 < t->n &&
		      (t->cp[e + 1] == 0x69D8 /* 様 */ || pii__match(t, e + 1, "さん"));
	int apart = latin && e - i >= 2 && e - i <= 3 &&
		    (f == 0x3001 || f == 0x3002 || f == ' ' || f == ')' || f == '\n');
	if ((greeted || apart) && !any_overlaps(c, i, e))
		pii__cand_add(c, t, i, e, PII_PERSON, 0.8);
}

static void zh_name_in_own_kanji(const struct pii__text *t, struct pii__cands *c)
{
	/* the greeting: a line's start */
	if (pii__may_have(t, ' ') && (pii__may_have(t, 0x69D8 /* 様 */) || pii__may_have(t, 0x3055 /* さ */)))
		for (size_t i = 0; i < t->n; i = pii__find_cp(t, i, '\n') + 1) {
			zh_kanji_at(t, c, i, 0);
			if (pii__find_cp(t, i, '\n') >= t->n)
				break;
		}
	/* the lines of Latin names found */
	if (!pii__may_have_alpha(t))
		return;
	size_t n = c->n, sources = 0, done = 0;
	for (size_t k = 0; k < n && sources < MEMO_SOURCES_MAX; k++) {
		const struct pii_span v = c->v[k];
		if (v.type != PII_PERSON || v.confidence <= 0.5 || !pii__is_latin(t->cp[v.start]) ||
		    v.start < done)
			continue;
		sources++;
		size_t ls = v.start;
		while (ls > 0 && t->cp[ls - 1] != '\n')
			ls--;
		size_t le = pii__find_cp(t, v.end, '\n');
		for (size_t i = ls; i < le && i < t->n; i++)
			zh_kanji_at(t, c, i, 1);
		done = le;
	}
}

/* The PERSON candidate k followed by a space and a candidate of one to
 * three kanji ENAMDICT lists as a given name: k widened over it, and the
 * second dropped; 1 when joined. With closes, the second must close its
 * item (a bracket, 、, the line's end, さん) and must not be dropped
 * already; without, a second already joined to another candidate of the
 * same first part is joined again. given_join_with() tests candidate j
 * as the second: -1 when it is none, else whether joined. */
static int given_join_with(const struct pii__names *names, const struct pii__text *t,
			   struct pii__cands *c, size_t k, size_t j, int closes)
{
	struct pii_span *v = &c->v[k], *w = &c->v[j];
	size_t a = v->start, e = v->end, g = w->start, f = w->end;
	if (j == k || w->type != PII_PERSON || g != e + 1 || f - g > 3 ||
	    (closes && w->confidence <= 0) || !all_kanji_between(t, g, f))
		return -1;
	uint32_t r = f < t->n ? t->cp[f] : '\n';
	if ((closes && !(r == '(' || r == 0x3001 || r == '\n' || pii__match(t, f, "さん"))) ||
	    !(pii__names_lookup(names, t->cp + g, f - g) & PII_NAME_GIVEN))
		return 0;
	pii__span_set(v, t, a, f);
	w->confidence = 0; /* pii__public_filter() drops it */
	return 1;
}

/* The candidates opening after k's end and a space are read through the
 * index x (its starts stay true: a join moves the first part's end only),
 * in their order in c; the first that is a second part decides. */
static int given_joined(const struct pii__names *names, const struct pii__text *t,
			struct pii__cands *c, const struct person_index *x, size_t k, int closes)
{
	size_t g = c->v[k].end + 1;
	for (size_t p = person_index_lower(x, g); p < x->m && x->by_start[2 * p] == g; p++) {
		int r = given_join_with(names, t, c, k, x->by_start[2 * p + 1], closes);
		if (r >= 0)
			return r;
	}
	for (size_t j = x->n0; j < c->n; j++) {
		int r = given_join_with(names, t, c, k, j, closes);
		if (r >= 0)
			return r;
	}
	return 0;
}

/* A surname and a given name found as two names with a space between
 * (出席：四万十 恵（危機管理課長）; twenty-eighth round (a)): the second,
 * one to three kanji ENAMDICT lists as a given name, closes its item (a
 * bracket, 、, the line's end, さん), and the first opens its item (a
 * colon, 、, the line's start, or a relation and a space: 母 鎌ヶ谷 敦子):
 * one name, not a list of surnames (出席者 田中 小林 中村 goes on after a
 * space). */
static void spaced_parts_joined(const struct pii__names *names, const struct pii__text *t,
				struct pii__cands *c)
{
	size_t n = c->n;
	/* given_joined() moves ends and lowers confidences: the index of
	 * starts stays true */
	struct person_index x = {0};
	int indexed = 0;
	for (size_t k = 0; k < n; k++) {
		struct pii_span *v = &c->v[k];
		size_t a = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0 || e + 2 >= t->n ||
		    t->cp[e] != ' ' || e - a > 3 || !all_kanji_between(t, a, e))
			continue;
		uint32_t o = a ? t->cp[a - 1] : '\n';
		if (!(o == ':' || o == 0x3001 || o == '\n' ||
		      (o == ' ' && pii__ends_with(t, a > 3 ? a - 3 : 0, a - 1, relatives))))
			continue;
		if (!indexed)
			person_index_init(&x, c), indexed = 1;
		given_joined(names, t, c, &x, k, 1);
	}
	free(x.by_start);
}

/* A name of three parts, as Japanese-Brazilian and Peruvian residents
 * write it (宮城 カルロス 健, 橋本 エジソン 勇: the surname, the given name in
 * katakana, the Japanese given name), found as two names with a space
 * between: the first ends with a katakana word of two code points or
 * more after a space, the second is one to three kanji ENAMDICT lists as
 * a given name (batches 316 and 321). */
static void three_part_names_joined(const struct pii__names *names, const struct pii__text *t,
				    struct pii__cands *c)
{
	size_t n = c->n;
	/* given_joined() moves ends and lowers confidences: the index of
	 * starts stays true */
	struct person_index x = {0};
	int indexed = 0;
	for (size_t k = 0; k < n; k++) {
		struct pii_span *v = &c->v[k];
		size_t a = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0 || e + 2 >= t->n ||
		    t->cp[e] != ' ' || !pii__is_kata(t->cp[e - 1]))
			continue;
		size_t w0 = e;
		while (w0 > a && pii__is_kata(t->cp[w0 - 1]))
			w0--;
		if (e - w0 < 2 || w0 <= a + 1 || t->cp[w0 - 1] != ' ' || !pii__is_kanji(t->cp[a]))
			continue;
		if (!indexed)
			person_index_init(&x, c), indexed = 1;
		given_joined(names, t, c, &x, k, 0);
	}
	free(x.by_start);
}

/* A name of three parts whose surname the rules left out (荒城 ジョージ
 * 健さん found as ジョージ 健; thirtieth set, batches 394-397): a PERSON
 * candidate of a katakana word of two code points or more, a space and
 * one to three kanji, right after a space and one to three kanji ENAMDICT
 * lists as a surname that open a word (the text's or a line's start, の,
 * a bracket, a colon: no kanji before them). The candidate takes the
 * surname. */
static void three_part_surname_before(const struct pii__names *names, const struct pii__text *t,
				      struct pii__cands *c)
{
	struct person_index x = {0};
	int indexed = 0;
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0 || s < 3 || t->cp[s - 1] != ' ' ||
		    !pii__is_kata(t->cp[s]) || !pii__is_kanji(t->cp[e - 1]))
			continue;
		size_t w = s;
		while (w < e && pii__is_kata(t->cp[w]) && t->cp[w] != 0x30FB /* ・ */)
			w++;
		/* (an honorific may follow the given name glued: 健様) */
		if (w - s < 2 || w + 1 >= e || t->cp[w] != ' ' || e - (w + 1) > 3 ||
		    !all_kanji_between(t, w + 1, e))
			continue;
		size_t b = s - 1, a = kanji_before(t, b);
		if (b - a < 1 || b - a > 3 || (a > 0 && pii__is_kanji(t->cp[a - 1])) ||
		    !name_word_alone(names, t, a, b))
			continue;
		if (!indexed)
			person_index_init(&x, c), indexed = 1;
		/* a name widened keeps its entry at its old start: the
		 * surname it takes overlapped no other */
		if (!person_index_overlaps_indexed(&x, c, a, b))
			pii__span_set(v, t, a, e);
	}
	free(x.by_start);
}

/* 1 when the surname's kanji at a opens a name: the text's or a line's
 * start, a mark that opens an item (a colon, a bracket, 、, a quote, a
 * space), の or another particle or a verb's ending before it (長女の禎,
 * おります朝, していた朝), or a relation
 * glued to it (母富 キヨ, 父朝 清助). A kanji or a kana word before it
 * would make it the last code point of that word (瀬浜町 太郎 is no name
 * of 町). */
static int one_kanji_surname_opens(const struct pii__text *t, size_t a)
{
	if (a == 0)
		return 1;
	uint32_t p = t->cp[a - 1];
	if (p == '\n' || p == ':' || p == '(' || p == 0x3001 /* 、 */ || p == 0x300C /* 「 */ ||
	    p == 0x3002 /* 。 */ || p == 0x306E /* の */)
		return 1;
	/* a space (次に、3番 重 千秋議員, From: 要 真由美), or a clause's verb
	 * or particle (予定していた朝 盛吉さん; batches 466-469) */
	if (p == ' ' || p == 0x305F /* た */ || p == 0x308B /* る */ || p == 0x306B /* に */ ||
	    p == 0x306F /* は */ || p == 0x304C /* が */ || p == 0x3092 /* を */ ||
	    p == 0x3068 /* と */ || p == 0x3067 /* で */ || p == 0x3082 /* も */)
		return 1;
	/* ます, です, いる, ない: a clause before the name (住んでおります朝
	 * 清美です, 自宅に住めない重 満雄さん) */
	if (a >= 2 && (pii__match(t, a - 2, "ます") == 2 || pii__match(t, a - 2, "です") == 2 ||
		       pii__match(t, a - 2, "ない") == 2 || pii__match(t, a - 2, "いる") == 2))
		return 1;
	long w = pii__ending_word(t, a > 2 ? a - 2 : 0, a, relatives);
	if (w < 0)
		return 0;
	size_t r = a - pii__kw_len(relatives[w]);
	return r == 0 || !pii__is_kanji(t->cp[r - 1]);
}

/* Courtesy titles of Portuguese and Spanish before a name (a senhora
 * Fernanda, el señor García, Dona Maria): the person's word, not the
 * name's. */
static const char *const latin_courtesy_titles[] = {
	"senhora", "senhor", "Senhora", "Senhor", "señora", "señor", "Señora", "Señor", "dona",
	"Dona", "doña", "Doña", "sra", "Sra", NULL,
};

/* A Latin name found with such a title before it (A senhora Fernanda
 * perguntou… as the interpreter's words in a chat; batches 346-353): the
 * name without the title, when a capitalised word follows it. */
static void latin_courtesy_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = s;
		if (v->type != PII_PERSON || !pii__is_latin(t->cp[s]))
			continue;
		while (e < v->end && pii__is_latin(t->cp[e]))
			e++;
		if (e + 1 < v->end && t->cp[e] == ' ' && pii__is_latin_upper(t->cp[e + 1]) &&
		    pii__word_index(t, s, e, latin_courtesy_titles) >= 0)
			pii__span_set(v, t, e + 1, v->end);
	}
}

/* A name found glued to ママ or パパ before さん (鈴木ママさんから電話): the
 * parent is named by the word before it, and the writers mark that word
 * alone (翔太くんママ: 翔太). When a word in kanji or katakana goes on
 * after さん (西河原ママさんバレー, 港パパさんチーム: a team of mothers or
 * fathers; batches 346-353), ママさん is part of a club's name and the
 * word before it is the club's district: no name. */
static void parent_word_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t e = v->end;
		if (v->type != PII_PERSON || e - v->start < 3 || e + 2 > t->n ||
		    !(pii__match(t, e - 2, "ママ") == 2 || pii__match(t, e - 2, "パパ") == 2) ||
		    pii__match(t, e, "さん") != 2 || pii__is_kata(t->cp[e - 3]))
			continue;
		if (e + 2 < t->n && (pii__is_kanji(t->cp[e + 2]) || pii__is_kata(t->cp[e + 2])))
			v->confidence = 0; /* pii__public_filter() drops it */
		else
			pii__span_set(v, t, v->start, e - 2);
	}
}

/* Walks of the whole candidate list that one rule of the twenty-fourth
 * set makes per text (other_over(), a second part's search): a long
 * document of many names stays linear; past it the rule adds nothing. */
#define WHOLE_LIST_CHECKS_MAX 256

/* A name in katakana, a field's value after a colon, whose given name is
 * one kana and ends the line (口座名義（カナ）：ﾁﾖｳ ｲ, a Chinese name 張 偉
 * as a bank writes it; batches 346-353): the rules take a kana word of two
 * at least, so the name was found without it. The whole name. */
static void kana_one_letter_given(const struct pii__text *t, struct pii__cands *c)
{
	size_t checks = 0;
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || s == 0 || e + 2 > t->n || t->cp[e] != ' ' ||
		    !pii__is_kata(t->cp[e + 1]) || (e + 2 < t->n && t->cp[e + 2] != '\n'))
			continue;
		size_t a = s;
		while (a > 0 && t->cp[a - 1] == ' ' && s - a < 2)
			a--;
		int kata = 1;
		for (size_t q = s; q < e && kata; q++)
			kata = pii__is_kata(t->cp[q]);
		if (!kata || a == 0 || t->cp[a - 1] != ':' || checks++ >= WHOLE_LIST_CHECKS_MAX ||
		    other_over(c, e + 1, e + 2, s, e + 2))
			continue;
		pii__span_set(v, t, s, e + 2);
	}
}

/* A name in katakana written with ・ between its words (マリア・サントス)
 * found apart from a last part after one more ・ (マリア・サントス・元: a
 * Brazilian of Chinese or Japanese descent keeps the family's name in
 * kanji; batches 346-353): one name, the second candidate dropped, or
 * the surname taken where no rule found it. Two names without a ・ inside
 * the first are a list (田中・鈴木). */
static void dotted_kata_name_joined(const struct pii__names *names, const struct pii__text *t,
				    struct pii__cands *c)
{
	/* every candidate of the first part is widened (rules find a name
	 * twice), the second parts are dropped after */
	size_t drop[8], ndrop = 0, checks = 0;
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0 || e + 1 >= t->n ||
		    t->cp[e] != 0x30FB /* ・ */ || !pii__is_kata(t->cp[s]))
			continue;
		int dotted = 0, kata = 1;
		for (size_t q = s; q < e && kata; q++) {
			dotted |= t->cp[q] == 0x30FB;
			kata = pii__is_kata(t->cp[q]) || t->cp[q] == 0x30FB;
		}
		if (!dotted || !kata || checks++ >= WHOLE_LIST_CHECKS_MAX)
			continue;
		int joined = 0;
		for (size_t j = 0; j < c->n && ndrop < 8 && !joined; j++) {
			struct pii_span *w = &c->v[j];
			if (j == k || w->type != PII_PERSON || w->confidence <= 0 || w->start != e + 1)
				continue;
			pii__span_set(v, t, s, w->end);
			drop[ndrop++] = j;
			joined = 1;
		}
		/* or a surname of one or two kanji ENAMDICT lists, ending the
		 * item, that no rule took alone (アナ・ソウザ・林⏎); a bracket
		 * closes a reading so (Maria Santos Yachi (マリア・サントス・
		 * 谷内); batches 370-373) */
		size_t q = kanji_run_end(t, e + 1);
		if (!joined && q - e - 1 >= 1 && q - e - 1 <= 2 &&
		    (q == t->n || t->cp[q] == '\n' || t->cp[q] == '(' || t->cp[q] == ' ' ||
		     t->cp[q] == 0x3001 || t->cp[q] == ')') &&
		    bare_surname(names, t, e + 1, q) && !other_over(c, e, q, s, q))
			pii__span_set(v, t, s, q);
	}
	for (size_t d = 0; d < ndrop; d++)
		c->v[drop[d]].confidence = 0; /* pii__public_filter() drops it */
}

/* Heads of a municipality: a line of their own, the place's name before
 * them, signs a notice in the office's name (指定障害福祉サービス事業者
 * 各位⏎鷹見市長⏎…; batches 346-353). */
static const char *const municipal_heads[] = {"市長", "町長", "村長", "区長", NULL};

/* A municipality's units after its 市, 町 or 村 (浜鳴市保健福祉部長,
 * 津野町役場, 北条村教育委員会): the kanji before the 市 name the place. */
static const char *const municipal_units[] = {"部", "課", "係", "室", "局", "役所", "役場",
					      "委員会", NULL};

/* Places of a town that take its name (浜鳴魚市場, 北浜団地, 大島漁港). */
static const char *const named_places[] = {"団地", "市場", "漁港", "公園", NULL};

/* Kinds of inn written before an inn's name (旅館 浦明楼), and the kanji
 * that close such a name. */
static const char *const lodging_kinds[] = {"旅館", "民宿", "料亭", "ホテル", NULL};

static int lodging_name_end(uint32_t u)
{
	return u == 0x697C /* 楼 */ || u == 0x4EAD /* 亭 */ || u == 0x95A3 /* 閣 */ ||
	       u == 0x9928 /* 館 */ || u == 0x8358 /* 荘 */;
}

/* English days of the week, capitalised as a name is (on Tuesdays). The
 * months are left: April, May, June are given names too (長女 May). */
static const char *const calendar_words[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
					     "Friday", "Saturday", "Sunday", NULL};

/* 1 when the name at [s, e) of kanji is the place whose municipality
 * follows: 市, 町 or 村 and one of its units (浜鳴市保健福祉部長, 市役所),
 * or its head followed by a space and a name the head's own (浜鳴市長
 * 岩崎 良平: a surname before 市長 would be the mayor alone, 田中市長).
 * 市民課長 and 市長室 after a surname are a person's post: left. */
static int place_before_municipality(const struct pii__text *t, size_t s, size_t e)
{
	if (e + 2 >= t->n || e - s < 2 || e - s > 3 ||
	    (t->cp[e] != 0x5E02 /* 市 */ && t->cp[e] != 0x753A /* 町 */ && t->cp[e] != 0x6751 /* 村 */) ||
	    (s > 0 && pii__is_kanji(t->cp[s - 1])) || !all_kanji_between(t, s, e))
		return 0;
	uint32_t f = t->cp[e + 1];
	if (f == 0x9577 /* 長 */ && e + 3 < t->n && t->cp[e + 2] == ' ') {
		/* the head's full name, parted by a space, ends the line (read
		 * by its shape: a walk over the candidates for each head would
		 * not stay linear) */
		size_t g = kanji_run_end(t, e + 3);
		if (g - (e + 3) < 1 || g - (e + 3) > 4 || g + 1 >= t->n || t->cp[g] != ' ')
			return 0;
		size_t h = g + 1;
		while (h < t->n && h - g <= 5 &&
		       (pii__is_kanji(t->cp[h]) || pii__is_hira(t->cp[h]) || pii__is_kata(t->cp[h])))
			h++;
		return h > g + 1 && h - g <= 5 && (h == t->n || t->cp[h] == '\n');
	}
	if (f == 0x6C11 /* 民 */ || f == 0x9577)
		return 0;
	size_t q = kanji_run_end(t, e + 1);
	if (q > e + 2 && t->cp[q - 1] == 0x9577)
		q--; /* the unit's head: 保健福祉部長 */
	return q - (e + 1) >= 2 && pii__ending_word(t, e + 1, q, municipal_units) >= 0;
}

/* 1 when the Latin name at [s, e) is a day of the week (Tuesdays) or
 * an acronym followed by a score or a grade (TOEIC 820, IELTS 6.5). */
static int latin_not_name(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (!pii__is_alpha(t->cp[i]))
			return 0;
	size_t w = e - s > 3 && t->cp[e - 1] == 's' ? e - 1 : e;
	if (pii__word_index(t, s, w, calendar_words) >= 0 || pii__word_index(t, s, e, calendar_words) >= 0)
		return 1;
	if (e - s < 2 || e + 1 >= t->n || t->cp[e] != ' ' || !pii__is_digit(t->cp[e + 1]))
		return 0;
	for (size_t i = s; i < e; i++)
		if (!pii__is_upper(t->cp[i]))
			return 0;
	return 1;
}

/* Labels of a route written with arrows (経路：新宿→渋谷→池袋, ルート：…,
 * 路線：…): its items are places, stops on the way. */
static const char *const route_labels[] = {"経路", "ルート", "路線", "行程", "順路", NULL};

/* The name [s, e) is an item of a route: an arrow right before or after
 * it (spaces between), no honorific after it, and its line opens with a
 * route's label and a colon (a hand-over, 引継ぎ：大沢→小川, names
 * people). */
static int route_item(const struct pii__text *t, size_t s, size_t e)
{
	size_t q;
	if (!pii__arrow_beside(t, s, e, &q))
		return 0;
	if (q < t->n && (pii__match(t, q, "さん") || t->cp[q] == 0x69D8 /* 様 */))
		return 0;
	size_t ls = s;
	while (ls > 0 && t->cp[ls - 1] != '\n' && s - ls < 80)
		ls--;
	size_t colon = ls;
	while (colon < s && t->cp[colon] != ':')
		colon++;
	return colon < s && pii__ending_word(t, ls, colon, route_labels) >= 0;
}

/* Names that are none by their shape or their line, whoever found them:
 * a Latin letter glued to a kanji (就労継続支援B型 ひまわり作業所, A棟,
 * C区: a type, a block, a zone), a firm's name ending in its trade
 * (company_kinds: 大沢重機 in a table of road works, 小浜水産さん), and a
 * place's name before a head of the municipality alone on its line (鷹見
 * 市長 over a notice, where a mayor named by surname would be 田中市長
 * inside a sentence). Dropped. */
static void shaped_not_names_dropped(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0)
			continue;
		int drop = 0;
		for (size_t i = s; i + 1 < e && !drop; i++)
			drop = t->cp[i] < 0x80 && pii__is_alpha(t->cp[i]) && pii__is_kanji(t->cp[i + 1]);
		/* a firm's name: a surname and its trade (大沢重機, 港建設) */
		if (!drop && e - s >= 3 && e - s <= 6 && all_kanji_between(t, s, e) &&
		    pii__ending_word(t, e - 2, e, company_kinds) >= 0)
			drop = 1;
		if (!drop && e - s >= 2 && e - s <= 3 && e + 2 <= t->n && (s == 0 || t->cp[s - 1] == '\n') &&
		    all_kanji_between(t, s, e) && (e + 2 == t->n || t->cp[e + 2] == '\n') &&
		    pii__word_index(t, e, e + 2, municipal_heads) >= 0)
			drop = 1;
		/* the place of a municipality's unit or of its head named
		 * after it (浜鳴市保健福祉部長, 浜鳴市長 岩崎 良平; batches
		 * 434-437) */
		if (!drop && e < t->n && pii__is_kanji(t->cp[e]))
			drop = place_before_municipality(t, s, e);
		/* a place of the town that takes its name, a cell or a
		 * heading's word (大沢浜団地, 浜鳴魚市場; batches 434-437) */
		if (!drop && e < t->n && pii__is_kanji(t->cp[e]) && all_kanji_between(t, s, e)) {
			size_t q = kanji_run_end(t, e);
			drop = q - e >= 2 && q - e <= 3 && pii__ending_word(t, e, q, named_places) >= 0;
		}
		/* an inn's name after its kind (旅館 浦明楼, 料亭 松乃亭;
		 * batches 434-437) */
		if (!drop && e + 1 < t->n && lodging_name_end(t->cp[e]) && !pii__is_kanji(t->cp[e + 1])) {
			size_t a = s > 0 && t->cp[s - 1] == ' ' ? s - 1 : s;
			drop = pii__ending_word(t, a >= 3 ? a - 3 : 0, a, lodging_kinds) >= 0;
		}
		/* a day of the week, an exam's acronym (on Tuesdays, TOEIC 820;
		 * batches 434-437) */
		if (!drop && t->cp[s] < 0x80 && pii__is_upper(t->cp[s]))
			drop = latin_not_name(t, s, e);
		/* a stop of a route the rules read as a hand-over (経路：新宿→
		 * 渋谷→池袋; an early Known limit, session 13) */
		if (!drop && pii__may_have(t, 0x2192 /* → */))
			drop = route_item(t, s, e);
		if (drop)
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

/* A kanji that may close a surname of three (田茂井, 小野寺) but is a
 * word of its own after a name: a house, a title, a kin, a group. */
static int closes_no_surname(uint32_t u)
{
	static const uint32_t words[] = {
		0x5BB6 /* 家 */, 0x6C0F /* 氏 */, 0x541B /* 君 */, 0x5B85 /* 宅 */, 0x65B9 /* 方 */,
		0x6BBF /* 殿 */, 0x69D8 /* 様 */, 0x4FC2 /* 係 */, 0x8AB2 /* 課 */, 0x73ED /* 班 */,
		0x7D44 /* 組 */, 0x5148 /* 先 */, 0x592B /* 夫 */, 0x59BB /* 妻 */, 0x6BCD /* 母 */,
		0x7236 /* 父 */, 0x5144 /* 兄 */, 0x59C9 /* 姉 */, 0x5F1F /* 弟 */, 0x59B9 /* 妹 */,
		0x5A46 /* 婆 */, 0x723A /* 爺 */, 0x5B22 /* 嬢 */, 0x5B50 /* 子 */, 0x5E02 /* 市 */,
		0x753A /* 町 */, 0x6751 /* 村 */, 0x533A /* 区 */, 0x9577 /* 長 */, 0x90E8 /* 部 */};
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (words[k] == u)
			return 1;
	return 0;
}

/* A surname of two kanji whose third MeCab cut off before さん or 様
 * (田茂井さんから read 田茂|井; batches 434-437): the kanji run up to the
 * honorific is the surname. */
static void surname_tail_before_honorific(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0 || e - s != 2 || e + 2 >= t->n ||
		    !pii__is_kanji(t->cp[e]) || closes_no_surname(t->cp[e]) ||
		    (s > 0 && pii__is_kanji(t->cp[s - 1])) || !all_kanji_between(t, s, e) ||
		    !(pii__match(t, e + 1, "さん") || t->cp[e + 1] == 0x69D8 /* 様 */))
			continue;
		pii__span_set(v, t, s, e + 1); /* the overlaps' sweep judges a clash */
	}
}

/* The units a staff member is reached through (教育委員会の山副まで連絡,
 * 福祉課の高畑へご連絡). */
static const char *const contact_units[] = {"委員会", "課", "係", "室", "局", "センター",
					    "事務所", NULL};

/* A surname ENAMDICT lists after a unit and の, before まで, へ or に and
 * 連絡 (欠席の場合は教育委員会の山副まで連絡; batches 434-437): the member
 * of the unit a reader is to call; or after kana and は, before まで and
 * 連絡 (かたは新井までご連絡). */
static void unit_member_to_contact(const struct pii__names *names, const struct pii__text *t,
				   struct pii__cands *c)
{
	/* an index of what is found, not a walk at each place (a register
	 * of thousands of such lines stays linear) */
	struct pii__overlaps kept;
	pii__overlaps_init(&kept, c, SIZE_MAX, 0.01);
	for (size_t i = pii__find_cp(t, 0, 0x9023 /* 連 */); i + 1 < t->n;
	     i = pii__find_cp(t, i + 1, 0x9023)) {
		if (t->cp[i + 1] != 0x7D61 /* 絡 */)
			continue;
		size_t p = i > 0 && t->cp[i - 1] == 0x3054 /* ご */ ? i - 1 : i, e;
		if (p >= 2 && pii__match(t, p - 2, "まで"))
			e = p - 2;
		else if (p >= 1 && (t->cp[p - 1] == 0x3078 /* へ */ || t->cp[p - 1] == 0x306B /* に */))
			e = p - 1;
		else
			continue;
		size_t s = e;
		while (s > 0 && pii__is_kanji(t->cp[s - 1]) && e - s < 4)
			s--;
		/* or after は, whom a notice's reader is to call (見かけたかたは
		 * 新井までご連絡ください; batches 562-577): まで only */
		int asked = s >= 2 && t->cp[s - 1] == 0x306F /* は */ && pii__match(t, e, "まで") &&
			    pii__is_hira(t->cp[s - 2]);
		if (e - s < 2 || e - s > 3 || s < 2 ||
		    (!asked && (t->cp[s - 1] != 0x306E /* の */ ||
				pii__ending_word(t, s - 1 >= 6 ? s - 7 : 0, s - 1, contact_units) < 0)) ||
		    !bare_surname(names, t, s, e) || pii__overlaps_any(&kept, s, e))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.8);
	}
	pii__overlaps_release(&kept);
}

/* A word of not_surnames alone in brackets (通訳とのやり取り（記録）⏎…,
 * （報告）, （確認）: a heading's note, no signature; batches 370-373),
 * whichever rule found it. */
static void bracketed_not_surnames_dropped(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type == PII_PERSON && v->confidence > 0 && s > 0 && e < t->n &&
		    t->cp[s - 1] == '(' && t->cp[e] == ')' && word_exact(t, s, e, not_surnames))
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

#define HOUSEHOLD_LINE_REACH 160 /* code points read each side of the word */

/* 1 when the line around [s, e) counts households or names their kinds
 * elsewhere: 世帯 after a digit or after kana (1,386世帯, 65歳以上のみ世帯).
 * Read at most HOUSEHOLD_LINE_REACH code points each side (a document of
 * one long line stays linear). */
static int line_counts_households(const struct pii__text *t, size_t s, size_t e)
{
	size_t a = s;
	while (a > 0 && t->cp[a - 1] != '\n' && s - a < HOUSEHOLD_LINE_REACH)
		a--;
	size_t z = e + HOUSEHOLD_LINE_REACH < t->n ? e + HOUSEHOLD_LINE_REACH : t->n;
	z = pii__find_cp_in(t, e, z, '\n');
	for (size_t q = pii__find_cp_in(t, a + 1, z, 0x4E16 /* 世 */); q + 1 < z;
	     q = pii__find_cp_in(t, q + 1, z, 0x4E16)) {
		if (q == e || t->cp[q + 1] != 0x5E2F /* 帯 */)
			continue;
		uint32_t b = t->cp[q - 1];
		if (pii__is_digit(b) || pii__is_hira(b))
			return 1;
		/* a cell of a header that bounds its class by an age or a
		 * count of persons (…	65歳以上単身世帯	…; batches 434-437) */
		for (size_t w = q; w > a + 1 && q - w < 12 && t->cp[w - 1] != ' '; w--)
			if (pii__is_digit(t->cp[w - 2]) &&
			    (t->cp[w - 1] == 0x6B73 /* 歳 */ || t->cp[w - 1] == 0x4EBA /* 人 */))
				return 1;
	}
	return 0;
}

/* A surname read before 世帯 is a family (佐藤世帯), but a line that counts
 * households or lists their kinds speaks of classes of them (仮設住宅
 * 入居世帯の推移：… 1,386世帯, a table's header 戸数	入居世帯	…	65歳以上のみ
 * 世帯; batches 370-373): a word there is no surname. */
static void household_class_dropped(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type == PII_PERSON && v->confidence > 0 && e + 1 < t->n &&
		    t->cp[e] == 0x4E16 /* 世 */ && t->cp[e + 1] == 0x5E2F /* 帯 */ &&
		    line_counts_households(t, s, e))
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

/* A name read whole with the kanji that closes a lodging's or a care
 * home's name (白樺荘さんから, 若葉寮に; batches 370-373, where pii_person.c
 * keeps a name read before them out): three kanji or more ending in 荘 or
 * 寮, which end no given name (苑 does: 紫苑). */
static void facility_names_dropped(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type == PII_PERSON && v->confidence > 0 && e - s >= 3 && e - s <= 6 &&
		    (t->cp[e - 1] == 0x8358 /* 荘 */ || t->cp[e - 1] == 0x5BEE /* 寮 */) &&
		    all_kanji_between(t, s, e))
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

#define COUNT_ROWS_REACH 64 /* rows read each side of a row of counts */

/* The row of counts opening at ls: a first cell of 1-4 kanji, then two
 * cells or more of digits (and , or . inside a cell parted by tabs or
 * spaces), parted by a tab (folded to a space), a space or a comma, to the
 * line's end. The first cell's end, or 0. */
static size_t count_row_first_cell(const struct pii__text *t, size_t ls)
{
	size_t e = kanji_run_end(t, ls);
	if (e == ls || e - ls > 4 || e >= t->n || (t->cp[e] != ' ' && t->cp[e] != ','))
		return 0;
	uint32_t sep = t->cp[e];
	unsigned cells = 0;
	size_t q = e;
	while (q < t->n && t->cp[q] == sep) {
		size_t d = ++q;
		while (q < t->n && (pii__is_digit(t->cp[q]) ||
				    (q > d && (t->cp[q] == '.' || (sep != ',' && t->cp[q] == ',')))))
			q++;
		if (q == d)
			return 0;
		cells++;
	}
	return cells >= 2 && (q == t->n || t->cp[q] == '\n') ? e : 0;
}

/* A word opening a row of counts (津留	186	141	45⏎堀川	92	70	22⏎…, a
 * table of districts or units without a header; batches 370-373) is a
 * name only when the rows around it name persons too: among three rows of
 * counts or more, a word found as a person in fewer than half of them is
 * the table's place, whichever rule read it as a surname. */
static void count_rows_places_dropped(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0 || (s > 0 && t->cp[s - 1] != '\n') ||
		    count_row_first_cell(t, s) != e)
			continue;
		size_t rows = 1, persons = 1;
		/* the rows above, then below, while they are rows of counts */
		for (int dir = -1; dir <= 1; dir += 2) {
			size_t ls = s;
			for (size_t r = 0; r < COUNT_ROWS_REACH; r++) {
				if (dir < 0) {
					if (ls == 0)
						break;
					size_t a = ls - 1;
					while (a > 0 && t->cp[a - 1] != '\n')
						a--;
					ls = a;
				} else {
					ls = pii__line_end(t, ls);
					if (ls >= t->n)
						break;
					ls++;
				}
				size_t fe = count_row_first_cell(t, ls);
				if (!fe)
					break;
				rows++;
				persons += (size_t)pii__person_overlaps(c, ls, fe);
			}
		}
		if (rows >= 3 && 2 * persons < rows)
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

/* One kanji that label the name after them (子 ユイ, 児 陽菜, 氏 ヒガシ
 * 名 シュンスケ) though ENAMDICT lists most as surnames too. */
static const char *const one_kanji_labels[] = {
	"子", "児", "氏", "名", "姓", "嫁", "婿", "甥", "姪", "叔", "伯", NULL,
};

/* A given name found alone after a one-kanji surname ENAMDICT lists and a
 * space (富 久美子さん, 長女の禎 由紀子さん, ○5番（築 正和議員）, 筆頭者：喜
 * 幸吉; the old surnames of Amami and Okinawa, and many elsewhere, are one
 * kanji, which MeCab reads as a word; batches 346-353): the surname is the
 * name's when it opens its item (one_kanji_surname_opens()). The given
 * name is one to three kanji ENAMDICT lists as a given name, or two to
 * four katakana (キヨ, ハル). */
static void one_kanji_surname_before_given(const struct pii__names *names,
					   const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n, checks = 0;
	for (size_t k = 0; k < n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0.5 || s < 2 || t->cp[s - 1] != ' ' ||
		    !pii__is_kanji(t->cp[s - 2]))
			continue;
		if (pii__is_kanji(t->cp[s])) {
			if (e - s > 3 || !all_kanji_between(t, s, e) ||
			    !(pii__names_lookup(names, t->cp + s, e - s) & PII_NAME_GIVEN))
				continue;
		} else {
			size_t q = s;
			while (q < e && pii__is_kata(t->cp[q]))
				q++;
			if (q != e || e - s < 2 || e - s > 4)
				continue;
		}
		size_t a = s - 2;
		if (!(pii__names_lookup(names, t->cp + a, 1) & PII_NAME_SURNAME) ||
		    pii__word_index(t, a, a + 1, relatives) >= 0 ||
		    pii__word_index(t, a, a + 1, one_kanji_labels) >= 0 ||
		    !one_kanji_surname_opens(t, a) || checks++ >= WHOLE_LIST_CHECKS_MAX ||
		    other_over(c, a, s, a, e))
			continue;
		pii__span_set(v, t, a, e);
	}
}

/* 1 when the kanji run that ends at a is a relation or a class word
 * alone (長女ブルックス 玲奈, 祖父ミラー 健, 3組ホワイト 真央; batches
 * 402-405): the run opens its item and is one of glued_relations, as
 * the kanji names glued to a relation are read in placed_names(). */
static int relation_glued_before(const struct pii__text *t, size_t a)
{
	size_t q = a;
	while (q > 0 && pii__is_kanji(t->cp[q - 1]) && a - q < 4)
		q--;
	return (q == 0 || !pii__is_kanji(t->cp[q - 1])) && word_exact(t, q, a, glued_relations);
}

/* 1 when the katakana word [a, b) may be a family's name before a given
 * name: 2-10 code points, not opening with ー or a small letter, opening
 * its item (no kanji, kana, Latin letter or digit glued before it: an
 * office's or a firm's name ends in katakana, 子ども総合センター 森田;
 * a relation glued before it is the item's label, relation_glued_before()),
 * and no word of kata_not_surnames. */
static int kata_surname_word(const struct pii__text *t, size_t a, size_t b)
{
	uint32_t f = t->cp[a];
	/* ー, ァ ィ ゥ ェ ォ, ッ, ャ ュ ョ, ヮ, ヵ ヶ never open a word */
	if (b - a < 2 || b - a > 10 || f == 0x30FC || (f <= 0x30A9 && f % 2) || f == 0x30C3 ||
	    f == 0x30E3 || f == 0x30E5 || f == 0x30E7 || f == 0x30EE || f == 0x30F5 || f == 0x30F6)
		return 0;
	if (a > 0) {
		uint32_t p = t->cp[a - 1];
		if (pii__is_kata(p) || pii__is_alnum(p) || pii__is_latin(p))
			return 0;
		if (pii__is_kanji(p) && !relation_glued_before(t, a))
			return 0;
	}
	return !pii__ends_with(t, a, b, kata_not_surnames);
}

/* A name of an international family, a foreign family's name in katakana
 * and a Japanese given name in kanji after a space (ゴンザレス 瞳, ホワイト
 * 真央, ジョーンズ 里香; 葉浦 in batches 354-361), of which the rules found
 * one part alone: the given name (UniDic and ENAMDICT know it, not the
 * katakana word) or the katakana word (a foreign resident's name). The
 * kanji are 1-3 that ENAMDICT lists as a given name; when the katakana
 * word was found, they are the whole kanji run or end before an honorific
 * or a title (真央　平成28年, 絵美委員). The whole name, over its parts. */
static void kata_surname_given_joined(const struct pii__names *names, const struct pii__text *t,
				      struct pii__cands *c)
{
	size_t n = c->n, checks = 0;
	for (size_t k = 0; k < n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end, a, g;
		if (v->type != PII_PERSON || v->confidence <= 0.01)
			continue;
		if (pii__is_kanji(t->cp[s])) {
			/* the given name found: the katakana word before it */
			if (s < 3 || t->cp[s - 1] != ' ' || !pii__is_kata(t->cp[s - 2]) || e - s > 3 ||
			    !all_kanji_between(t, s, e))
				continue;
			a = s - 1;
			while (a > 0 && pii__is_kata(t->cp[a - 1]) && s - a <= 11)
				a--;
			g = e;
			if (!kata_surname_word(t, a, s - 1))
				continue;
		} else {
			/* the katakana word found: the given name after it */
			if (!pii__is_kata(t->cp[s]) || e + 1 >= t->n || t->cp[e] != ' ' ||
			    !pii__is_kanji(t->cp[e + 1]))
				continue;
			size_t q = s;
			while (q < e && pii__is_kata(t->cp[q]))
				q++;
			if (q != e || !kata_surname_word(t, s, e))
				continue;
			a = s;
			g = kanji_run_end(t, e + 1);
			for (size_t l = 1; g - e - 1 > 3 && l <= 3 && e + 1 + l < g; l++)
				if (pii__match_any(t, e + 1 + l, name_suffixes) ||
				    pii__match_any(t, e + 1 + l, staff_titles))
					g = e + 1 + l;
			if (g - e - 1 > 3)
				continue;
			s = e + 1;
			e = g;
		}
		if (!(pii__names_lookup(names, t->cp + s, g - s) & (PII_NAME_GIVEN | PII_NAME_PERSON_U)) ||
		    checks++ >= WHOLE_LIST_CHECKS_MAX || other_over(c, a, g, a, g))
			continue;
		person_whole(c, t, a, g, v->confidence > 0.8 ? v->confidence : 0.8);
	}
}

/* A Latin "name" that ends in a comma, a space and two capitals before a
 * space and a digit is a town and its state before the ZIP code of an
 * address in the United States (San Diego, CA 92109; Portland, OR 97205;
 * batches 354-361), read as a surname and a given name: dropped. */
static void state_before_zip_dropped(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type == PII_PERSON && v->confidence > 0 && e - s >= 6 && e + 2 < t->n &&
		    t->cp[e - 4] == ',' && t->cp[e - 3] == ' ' && pii__is_upper(t->cp[e - 2]) &&
		    pii__is_upper(t->cp[e - 1]) && t->cp[e] == ' ' && pii__is_digit(t->cp[e + 1]))
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

/* A foreign name in katakana written as a register writes it, the family
 * name, a full-width comma and the given names (【配偶者氏名】ウォルシュ，ケ
 * ビン　ダニエル; batches 354-361), found as two names, or the given names
 * alone: the whole name. A comma of
 * ASCII separates a CSV's cells, and is left. */
static void kata_comma_name_joined(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n, checks = 0;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		size_t s = v.start, e = v.end;
		if (v.type != PII_PERSON || v.confidence <= 0.01 || !pii__is_kata(t->cp[s]))
			continue;
		/* the given names found alone: the family name before the comma */
		size_t p = s > 0 && t->cp[s - 1] == ' ' ? s - 1 : s;
		if (p >= 3 && t->cp[p - 1] == ',' && t->raw[t->boff[p - 1]] != ',') {
			size_t a = p - 1;
			int ok = 1;
			while (a > 0 && pii__is_kata(t->cp[a - 1]) && p - a <= 11)
				a--;
			for (size_t r = s; r < e && ok; r++)
				ok = pii__is_kata(t->cp[r]) || t->cp[r] == ' ' || t->cp[r] == 0x30FB;
			if (ok && kata_surname_word(t, a, p - 1) && checks++ < WHOLE_LIST_CHECKS_MAX &&
			    !other_over(c, a, e, a, e)) {
				person_whole(c, t, a, e, 0.85);
				continue;
			}
		}
		if (e + 2 >= t->n || t->cp[e] != ',' || t->raw[t->boff[e]] == ',' ||
		    !kata_surname_word(t, s, e))
			continue;
		size_t q = s;
		while (q < e && pii__is_kata(t->cp[q]))
			q++;
		size_t g = t->cp[e + 1] == ' ' ? e + 2 : e + 1;
		if (q != e || checks++ >= WHOLE_LIST_CHECKS_MAX)
			continue;
		for (size_t j = 0; j < n; j++) {
			const struct pii_span *w = &c->v[j];
			if (w->type != PII_PERSON || w->confidence <= 0.01 || w->start != g)
				continue;
			int kata = 1;
			for (size_t r = g; r < w->end && kata; r++)
				kata = pii__is_kata(t->cp[r]) || t->cp[r] == ' ' || t->cp[r] == 0x30FB;
			if (!kata || other_over(c, s, w->end, s, w->end))
				continue;
			person_whole(c, t, s, w->end, 0.85);
			break;
		}
	}
}

/* A given name of katakana then kanji, as international families give
 * (ミラー ノア太一, 比嘉 エマ美咲ちゃん, ロペス マリア恵; batches
 * 402-405), found as the name up to its katakana alone: the kanji after
 * it, two or three that ENAMDICT lists as a given name and that end
 * where a name ends (an honorific, 、, a bracket, the line's end, an
 * arrow), are
 * the given name's tail. A full name only (a space before the katakana
 * word), so a katakana word before a kanji noun (ノア様, マリア像) is left. */
static void kana_given_kanji_tail(const struct pii__names *names, const struct pii__text *t,
				  struct pii__cands *c)
{
	size_t n = c->n, checks = 0;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		size_t s = v.start, e = v.end;
		if (v.type != PII_PERSON || v.confidence <= 0.01 || e >= t->n || e - s < 4 ||
		    !pii__is_kanji(t->cp[e]) || !pii__is_kata(t->cp[e - 1]))
			continue;
		/* the last word is katakana after a space */
		size_t w = e;
		while (w > s && pii__is_kata(t->cp[w - 1]))
			w--;
		if (w == s || t->cp[w - 1] != ' ' || e - w < 2)
			continue;
		size_t g = kanji_run_end(t, e);
		/* (or a space and an arrow: ミラー エマ美咲 → 母比嘉 …'s 戸籍) */
		int ends = name_ends(t, g) || (g + 1 < t->n && t->cp[g] == ' ' && t->cp[g + 1] == 0x2192);
		if (g - e < 2 || g - e > 3 || !ends || checks++ >= WHOLE_LIST_CHECKS_MAX ||
		    !(pii__names_lookup(names, t->cp + e, g - e) & PII_NAME_GIVEN) ||
		    other_over(c, s, g, s, g))
			continue;
		person_whole(c, t, s, g, v.confidence > 0.85 ? v.confidence : 0.85);
	}
}

/* A full name found with the relation glued before it (祖母照屋 ハル, 長男
 * 金城 蓮's 長男金城 蓮 read whole, in a list where 母照屋 美咲 named the
 * surname first; batches 402-405): the relation labels the item, the name
 * starts after it. A relation of two code points or more opening the
 * item, then a surname of two or three kanji before the space (祖父江 健,
 * a surname that opens with 祖父, keeps its one kanji and is left). */
static void glued_relation_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0.01 || e - s < 6 ||
		    !pii__is_kanji(t->cp[s]) || (s > 0 && pii__is_kanji(t->cp[s - 1])))
			continue;
		size_t r = kanji_run_end(t, s);
		if (r >= e || t->cp[r] != ' ' || r - s < 4 || r - s > 6)
			continue;
		size_t m = pii__match_any(t, s, glued_relations);
		if (m >= 2 && r - s - m >= 2 && r - s - m <= 3)
			pii__span_set(v, t, s + m, e);
	}
}

/* 1 when c is a mark that opens a speaker's turn in minutes (○比屋根
 * 安子議員, ◯議長). */
static int minutes_mark(uint32_t c)
{
	return c == 0x25CB /* ○ */ || c == 0x25EF /* ◯ */ || c == 0x25CE /* ◎ */ ||
	       c == 0x25CF /* ● */;
}

/* A given name found alone after a space whose surname is glued to what
 * labels it: a speaker's mark in minutes (○比屋根 安子議員) or a title
 * ending in 長 of two kanji or more (青年部長西銘 大地, 婦人部長金城 良子;
 * batches 402-405). The surname, two or three kanji ENAMDICT lists as
 * one, between the label and the space, joins the given name. */
static void surname_after_label_joined(const struct pii__names *names, const struct pii__text *t,
				       struct pii__cands *c)
{
	size_t n = c->n, checks = 0;
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		size_t s = v.start, e = v.end;
		if (v.type != PII_PERSON || v.confidence <= 0.01 || s < 4 || e - s > 3 ||
		    t->cp[s - 1] != ' ' || !pii__is_kanji(t->cp[s - 2]) || !all_kanji_between(t, s, e))
			continue;
		size_t b = s - 1, r = b;
		while (r > 0 && pii__is_kanji(t->cp[r - 1]) && b - r < 8)
			r--;
		size_t a = 0;
		if (b - r >= 2 && b - r <= 3 && r > 0 && minutes_mark(t->cp[r - 1]))
			a = r;
		for (size_t l = 2; !a && l <= 3; l++)
			if (b - r >= l + 3 && t->cp[b - l - 1] == 0x9577 /* 長 */)
				a = b - l;
		if (!a || checks++ >= WHOLE_LIST_CHECKS_MAX || !bare_surname(names, t, a, b) ||
		    other_over(c, a, e, a, e))
			continue;
		person_whole(c, t, a, e, v.confidence > 0.85 ? v.confidence : 0.85);
	}
}

/* Words of a count of places after a list of them (高井田・長瀬・菱屋の3地区,
 * 北浜・南浜の二集落). */
static const char *const place_counts[] = {"地区", "地域", "校区", "集落", "自治会", "町内会",
					   "行政区", NULL};

/* 1 when c counts in kanji (三地区, 二集落). */
static int kanji_count(uint32_t c)
{
	return c == 0x4E8C /* 二 */ || c == 0x4E09 /* 三 */ || c == 0x56DB /* 四 */ ||
	       c == 0x4E94 /* 五 */ || c == 0x516D /* 六 */ || c == 0x4E03 /* 七 */ ||
	       c == 0x516B /* 八 */ || c == 0x4E5D /* 九 */ || c == 0x5341 /* 十 */;
}

/* A name read in a list of places joined by ・ that the text counts right
 * after it (高井田・長瀬・菱屋の3地区は…; batches 402-405): the items are the
 * districts, and the names the rules or the model read in them go. The
 * list is kanji items and ・ of 40 code points at most after the name,
 * then の, a count in digits or kanji and a word of place_counts; a list
 * of persons counts persons (田中・山本の2名). */
static void names_in_counted_places_dropped(const struct pii__text *t, struct pii__cands *c)
{
	size_t checks = 0;
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0 || e >= t->n ||
		    !pii__is_kanji(t->cp[s]) ||
		    !(t->cp[e] == 0x30FB || (s > 0 && t->cp[s - 1] == 0x30FB)) ||
		    checks++ >= WHOLE_LIST_CHECKS_MAX)
			continue;
		size_t q = e;
		while (q < t->n && q - e < 40 && (pii__is_kanji(t->cp[q]) || t->cp[q] == 0x30FB))
			q++;
		if (q + 2 >= t->n || t->cp[q] != 0x306E /* の */)
			continue;
		size_t d = q + 1;
		while (d < t->n && d - q <= 3 && (pii__is_digit(t->cp[d]) || kanji_count(t->cp[d])))
			d++;
		if (d > q + 1 && pii__match_any(t, d, place_counts))
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

/* Small words of an English title between its capitalised words. */
static const char *const title_small_words[] = {"of", "to", "for", "the", "and", "in", "on", NULL};

/* 1 when the Latin word [a, b) is one of title_small_words. */
static int title_small_word(const struct pii__text *t, size_t a, size_t b)
{
	return word_exact(t, a, b, title_small_words);
}

/* A capitalised word read as a name that closes an English document's
 * title after a small word (Affidavit of Competency to Marry, Certificate
 * of Capacity to Work; batches 402-405): the words before it on its line
 * or in its bracket, back to the title's start, are capitalised words
 * and small words, two capitalised at least. The word is the title's
 * last, no one; a name after a greeting or a comma (Thank you, Dan) or
 * after one word alone (Letter to Maria) is left. */
static void title_last_word_dropped(const struct pii__text *t, struct pii__cands *c)
{
	size_t checks = 0;
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0 || s < 8 || t->cp[s - 1] != ' ' ||
		    !pii__is_upper(t->cp[s]) || checks++ >= WHOLE_LIST_CHECKS_MAX)
			continue;
		int one_word = 1;
		for (size_t q = s; q < e && one_word; q++)
			one_word = pii__is_latin(t->cp[q]);
		if (!one_word)
			continue;
		/* the words before, right to left */
		size_t b = s - 1, caps = 0, words = 0;
		int small_before = 0, ok = 1;
		while (ok && b > 0 && t->cp[b] == ' ' && words < 12) {
			size_t a = b;
			while (a > 0 && pii__is_latin(t->cp[a - 1]))
				a--;
			if (a == b) {
				ok = 0;
				break;
			}
			if (title_small_word(t, a, b))
				small_before |= words == 0;
			else if (pii__is_upper(t->cp[a]))
				caps++;
			else
				ok = 0;
			words++;
			if (a == 0 || t->cp[a - 1] != ' ')
				break;
			b = a - 1;
		}
		/* the title opens its line or its bracket */
		size_t o = b;
		while (o > 0 && pii__is_latin(t->cp[o - 1]))
			o--;
		uint32_t p = o > 0 ? t->cp[o - 1] : '\n';
		if (ok && small_before && caps >= 2 && (p == '(' || p == '\n' || p == 0x300C /* 「 */))
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

/* Field words after a name and a space whose first code point a rule may
 * take into the name (ロバーツ 千尋　旧氏：石田 read as 千尋 旧). */
static const char *const field_after_name[] = {"旧氏", "旧姓", "住所", "電話", "生年月日", "性別",
					       "続柄", "国籍", "職業", "勤務先", NULL};

/* A name found with the first code point of the field word that follows
 * it after a space (千尋　旧 of 旧氏：石田; batches 354-361): the name
 * before the space. */
static void field_word_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0.01 || e - s < 3 || e >= t->n ||
		    t->cp[e - 2] != ' ' || !pii__is_kanji(t->cp[e - 1]) || !pii__is_kanji(t->cp[e]))
			continue;
		size_t m = pii__match_any(t, e - 1, field_after_name);
		if (m >= 2)
			pii__span_set(v, t, s, e - 2);
	}
}

/* Code points around a kana name read for its line's spacing. */
#define SPACED_KANA_WINDOW 60
/* Spaces between two hiragana around a name that make a line spaced
 * hiragana. */
#define SPACED_KANA_MIN 5

/* A name in hiragana alone (もって くる, ふん of 8じ45ふん) inside a line
 * written in spaced hiragana, as easy-Japanese notices are (やさしい にほん
 * ご：てんにゅうとどけ は … だして ください; batches 354-361): words of
 * hiragana between spaces are that line's words, no reading of a name.
 * Dropped, unless an honorific follows it (たなか さん). */
static void spaced_hiragana_dropped(const struct pii__text *t, struct pii__cands *c)
{
	size_t checks = 0;
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || v->confidence <= 0 || !pii__is_hira(t->cp[s]))
			continue;
		int hira = 1;
		for (size_t q = s; q < e && hira; q++)
			hira = pii__is_hira(t->cp[q]) || t->cp[q] == ' ' || t->cp[q] == 0x30FC;
		size_t h = e < t->n && t->cp[e] == ' ' ? e + 1 : e;
		if (!hira || pii__match_any(t, h, kana_honorifics) ||
		    (h < t->n && t->cp[h] == 0x69D8 /* 様 */) || checks++ >= WHOLE_LIST_CHECKS_MAX)
			continue;
		size_t a = s > SPACED_KANA_WINDOW ? s - SPACED_KANA_WINDOW : 1;
		size_t b = e + SPACED_KANA_WINDOW < t->n ? e + SPACED_KANA_WINDOW : t->n - 1;
		unsigned spaces = 0;
		for (size_t q = a; q < b && spaces < SPACED_KANA_MIN; q++)
			spaces += t->cp[q] == ' ' && (q < s || q >= e) && pii__is_hira(t->cp[q - 1]) &&
				  pii__is_hira(t->cp[q + 1]);
		if (spaces >= SPACED_KANA_MIN)
			v->confidence = 0; /* pii__public_filter() drops it */
	}
}

void pii__names_whole(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	int space = pii__may_have(t, ' ');
	if (names && space)
		spaced_parts_joined(names, t, c);
	if (names && space && pii__may_have_class(t, PII_CUE_KATA)) {
		name_value_parts(names, t, c);
		three_part_names_joined(names, t, c);
	}
	/* a reading cut at ー, or one in hiragana (batches 354-361) */
	if (space && pii__may_have(t, '(') &&
	    (pii__may_have(t, 0x30FC /* ー */) || pii__may_have_class(t, PII_CUE_HIRA)))
		bracket_reading_whole(t, c);
	if (names && pii__may_have(t, 0x672C /* 本 */) && pii__may_have(t, 0x4EBA /* 人 */))
		full_name_before_self(names, t, c);
	if (names && space && pii__may_have_class(t, PII_CUE_HIRA) &&
	    pii__may_have_any(t, relatives))
		relative_hira_given(names, t, c);
	if (pii__may_have(t, ':') && pii__may_have_class(t, PII_CUE_KATA))
		kata_value_of_person_field(t, c);
	/* twenty-fifth set (batches 354-361): before full_name_again(),
	 * which reads the whole names as its sources */
	if (space && pii__may_have_class(t, PII_CUE_KANJI))
		field_word_trimmed(t, c);
	if (names && space && pii__may_have_class(t, PII_CUE_KATA) &&
	    pii__may_have_class(t, PII_CUE_KANJI))
		kata_surname_given_joined(names, t, c);
	/* thirty-first set (batches 402-405): before full_name_again(),
	 * which reads the whole names as its sources */
	if (names && space && pii__may_have_class(t, PII_CUE_KATA) &&
	    pii__may_have_class(t, PII_CUE_KANJI))
		kana_given_kanji_tail(names, t, c);
	/* twenty-eighth round (b) */
	if (space)
		full_name_again(t, c);
	/* thirty-first set (batches 402-405) */
	if (space && pii__may_have_class(t, PII_CUE_KANJI) && pii__may_have_any(t, glued_relations))
		glued_relation_trimmed(t, c);
	if (names && space && pii__may_have_class(t, PII_CUE_KANJI))
		surname_after_label_joined(names, t, c);
	if (pii__may_have(t, 0x30FB /* ・ */) && pii__may_have(t, 0x306E /* の */) &&
	    pii__may_have_any(t, place_counts))
		names_in_counted_places_dropped(t, c);
	if (space && pii__may_have_alpha(t))
		title_last_word_dropped(t, c);
	if (pii__may_have_alpha(t) && pii__may_have(t, 0x306E /* の */) &&
	    pii__may_have_any(t, relatives))
		latin_before_relation(t, c);
	if (pii__may_have_alpha(t) && pii__may_have(t, '(') && pii__may_have_class(t, PII_CUE_KATA))
		latin_and_kata_reading(t, c);
	zh_name_in_own_kanji(t, c); /* gated by its cues inside */
	/* twenty-fourth set (batches 346-353) */
	if (names && space && pii__may_have_class(t, PII_CUE_KANJI))
		one_kanji_surname_before_given(names, t, c);
	if (space && (pii__may_have(t, 'S') || pii__may_have(t, 's') || pii__may_have(t, 'D') ||
		      pii__may_have(t, 'd')))
		latin_courtesy_trimmed(t, c);
	if ((pii__may_have(t, 0x30DE /* マ */) || pii__may_have(t, 0x30D1 /* パ */)) &&
	    pii__may_have(t, 0x3055 /* さ */))
		parent_word_trimmed(t, c);
	shaped_not_names_dropped(t, c);
	if (names && pii__may_have(t, 0x7D61 /* 絡 */) &&
	    (pii__may_have(t, 0x306E /* の */) || pii__may_have(t, 0x306F /* は */)))
		unit_member_to_contact(names, t, c); /* batches 434-437, 562-577 */
	if (pii__may_have(t, 0x3055 /* さ */) || pii__may_have(t, 0x69D8 /* 様 */))
		surname_tail_before_honorific(t, c); /* batches 434-437 */
	if (pii__may_have(t, '('))
		bracketed_not_surnames_dropped(t, c); /* batches 370-373 */
	if (pii__may_have(t, 0x5E2F /* 帯 */))
		household_class_dropped(t, c); /* batches 370-373 */
	if (pii__may_have(t, 0x8358 /* 荘 */) || pii__may_have(t, 0x5BEE /* 寮 */))
		facility_names_dropped(t, c); /* batches 370-373 */
	if (pii__may_have_digit(t) && pii__may_have(t, '\n') &&
	    (pii__may_have(t, ' ') || pii__may_have(t, ',')))
		count_rows_places_dropped(t, c); /* batches 370-373 */
	if (names && pii__may_have(t, 0x30FB /* ・ */) && pii__may_have_class(t, PII_CUE_KATA))
		dotted_kata_name_joined(names, t, c);
	/* twenty-fifth set (batches 354-361) */
	if (space && pii__may_have_class(t, PII_CUE_HIRA))
		spaced_hiragana_dropped(t, c);
	if (pii__may_have(t, ',') && pii__may_have_digit(t))
		state_before_zip_dropped(t, c);
	if (pii__may_have(t, ',') && pii__may_have_class(t, PII_CUE_KATA))
		kata_comma_name_joined(t, c);
	if (space && pii__may_have(t, ':') && pii__may_have_class(t, PII_CUE_KATA))
		kana_one_letter_given(t, c);
}
