/* pii internals shared by the files of src/pii/ (not part of the contract).
 *
 * Pipeline of one pii_scan(): the UTF-8 input is decoded into a folded
 * code-point array by text_fold() (text/: full-width ASCII to ASCII, every
 * hyphen and dash to '-', ideographic space to ' ', long-vowel marks
 * between digits to '-'). Folding is one code point to one code point, so
 * an index into the folded array is a code-point offset into the input, and
 * boff[] gives the byte offset. Detectors (pii_detect.c, pii_address.c,
 * pii_person.c) append candidate spans; the learned name model
 * (pii_learn.c) adds names where no rule found anything; pii.c drops
 * allow-listed values and resolves overlaps. Person names use
 * text_analyze() (text/) on windows.
 */
#ifndef YK_PII_INT_H
#define YK_PII_INT_H

#include <stdatomic.h>
#include <stdint.h>
#include <utf8proc.h>
#include <wchar.h> /* wmemchr(): the C library's vector search over 32-bit units */

#include "pii.h"
#include "text/text.h"

/* What a text holds, found in one pass over its code points before any
 * rule runs (pii__cues_build()), so that a rule whose cue cannot occur in
 * the text skips its own loop over every code point. Exact for ASCII; a
 * 2048-bit filter (false positives, never false negatives) for the other
 * code points; classes for kana, kanji and non-ASCII Latin letters. */
#define PII_CUES_BITS 2048
enum {
	PII_CUE_KANJI = 1,    /* pii__is_kanji() */
	PII_CUE_HIRA = 2,     /* pii__is_hira() */
	PII_CUE_KATA = 4,     /* pii__is_kata() */
	PII_CUE_LATIN_X = 8,  /* pii__is_latin() beyond ASCII */
	PII_CUE_HANGUL = 16,  /* Hangul syllables U+AC00..U+D7A3 */
	PII_CUE_ABUGIDA = 32, /* Indic, Thai, Lao, Myanmar, Khmer (pii__abugida()) */
};
struct pii__cues {
	uint64_t ascii[2];                 /* bit c: ASCII code point c occurs */
	uint64_t seen[PII_CUES_BITS / 64]; /* bit pii__cue_bit(c), c >= 0x80 */
	unsigned cls;                      /* PII_CUE_* */
	uint32_t words;                    /* bit j: seen[j] is not zero */
};
_Static_assert(PII_CUES_BITS / 64 <= 32, "pii__cues.words has a bit per word of seen[]");

struct pii__text {
	const uint32_t *cp; /* folded code points */
	const uint32_t *boff; /* boff[i] = byte offset of cp i; boff[n] = len */
	size_t n;
	const char *raw;    /* the input bytes (for MeCab) */
	size_t len;
	/* the text's cues (borrowed); NULL: unknown, every cue may occur (a
	 * text built for a helper or a test needs none) */
	const struct pii__cues *cues;
	/* nl[i]: how far from i the next line break is (the distance to the
	 * first '\n' at or after i, or to the end of the text it was built
	 * for), so that a line's end costs a load instead of a wmemchr(): the
	 * rules ask for line ends tens of times a line. Distances, not
	 * positions, so that a text that starts inside another (a part, a
	 * prefix) shares its array: the answer is capped at the text's end.
	 * NULL: none built (a helper's text), wmemchr() searches. */
	const uint32_t *nl;
};

/* Candidate list (grows; memory owned by the scanner). */
struct pii__cands {
	struct pii_span *v;
	size_t n, cap;
};
void pii__cand_add(struct pii__cands *c, const struct pii__text *t, size_t start, size_t end,
		   enum pii_type type, double confidence);
/* A PERSON candidate that overlaps [s, e), one a rule still keeps (a
 * dropped candidate's confidence is 0.01 or less). */
static inline int pii__person_overlaps(const struct pii__cands *c, size_t s, size_t e)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].confidence > 0.01 && c->v[k].start < e &&
		    c->v[k].end > s)
			return 1;
	return 0;
}
/* Moves a candidate's bounds to [start, end) code points of t (its byte
 * offsets with them). */
static inline void pii__span_set(struct pii_span *v, const struct pii__text *t, size_t start,
				 size_t end)
{
	v->start = start;
	v->end = end;
	v->byte_start = t->boff[start];
	v->byte_end = t->boff[end];
}

/* ---- character classes on folded code points --------------------------- */

static inline int pii__is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static inline int pii__is_upper(uint32_t c) { return c >= 'A' && c <= 'Z'; }
static inline int pii__is_alpha(uint32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline int pii__is_alnum(uint32_t c)
{
	return c < 0x80 && (pii__is_digit(c) || pii__is_alpha(c)); /* one compare past ASCII */
}

/* Tested at most code points of most rules, mostly walking a run of
 * kanji: the common kanji answer after one compare, ASCII and kana (below
 * U+3400 but 々) after two. */
static inline int pii__is_kanji(uint32_t c)
{
	if (c - 0x4E00u <= 0x9FFFu - 0x4E00u)
		return 1;
	if (c < 0x3400)
		return c == 0x3005;
	if (c <= 0x9FFF)
		return c >= 0x4E00 || c <= 0x4DBF;
	return (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}
static inline int pii__is_hira(uint32_t c) { return c >= 0x3041 && c <= 0x309F; }
/* Particles that end a hiragana run (は が を に で と の へ も や): before
 * a municipality name, or glued to a label where no value follows. */
static inline int pii__is_particle(uint32_t c)
{
	if (c - 0x304Cu > 0x3092u - 0x304Cu) /* outside が..を: one compare */
		return 0;
	return c == 0x306F /* は */ || c == 0x304C /* が */ || c == 0x3092 /* を */ ||
	       c == 0x306B /* に */ || c == 0x3067 /* で */ || c == 0x3068 /* と */ ||
	       c == 0x306E /* の */ || c == 0x3078 /* へ */ || c == 0x3082 /* も */ ||
	       c == 0x3084 /* や */;
}
/* Katakana including ー (U+30FC) and the small ヶ, without ・ (U+30FB). */
static inline int pii__is_kata(uint32_t c)
{
	/* U+30A1..U+30FE but ・ (U+30FB), or half-width: two compares at most */
	if (c - 0x30A1u <= 0x30FEu - 0x30A1u)
		return c != 0x30FB;
	return c - 0xFF66u <= 0xFF9Fu - 0xFF66u;
}
/* ヶ or ケ, and ノ, between two kanji belong to a name written in kanji
 * (浜ヶ崎市, 鎌ケ谷, 関ケ原; 湯ノ浦, 一ノ関): the guard's folded text holds
 * the kanji they abbreviate there, 个 (U+4E2A) and 之 (U+4E4B), so that
 * every rule reads such a name as one run of kanji, as it reads 鬼怒川
 * (before, 浜ヶ崎市 was read from 崎市 and 鎌ヶ谷 杏奈 from 谷). A ヶ after
 * a digit (3ヶ月) stays. Run on the text (pii__scan) and on the names
 * dictionary's written forms (pii_names.c), so that both read alike; the
 * learned model was trained on the texts as written (its features of such a
 * name are those of an unseen kanji, its class features those of kanji). */
#define PII_CP_KANJI_KE 0x4E2Au
#define PII_CP_KANJI_NO 0x4E4Bu
static inline void pii__kanji_ke(uint32_t *cp, size_t n)
{
	for (size_t i = 1; i + 1 < n; i++) {
		uint32_t c = cp[i];
		/* one compare for most code points: outside ケ..ヶ */
		if (c - 0x30B1u > 0x30F6u - 0x30B1u)
			continue;
		if ((c == 0x30F6 /* ヶ */ || c == 0x30B1 /* ケ */ || c == 0x30CE /* ノ */) &&
		    pii__is_kanji(cp[i - 1]) && pii__is_kanji(cp[i + 1]))
			cp[i] = c == 0x30CE ? PII_CP_KANJI_NO : PII_CP_KANJI_KE;
	}
}
/* Latin letters, with the accented ones of Vietnamese, Portuguese,
 * Spanish... (Latin-1, Extended-A/B, Extended Additional), and the basic
 * Cyrillic letters (Сергей Иванов): names and foreign addresses. */
static inline int pii__is_latin(uint32_t c)
{
	if (c > 0x1EFF) /* kana, kanji, symbols: one compare */
		return 0;
	return pii__is_alpha(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	       (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x410 && c <= 0x44F) /* Cyrillic */;
}
static inline int pii__is_latin_upper(uint32_t c)
{
	if (c < 0x80)
		return pii__is_upper(c);
	return utf8proc_tolower((utf8proc_int32_t)c) != (utf8proc_int32_t)c;
}
/* Sentence or line boundary: context words never reach across it. */
static inline int pii__is_boundary(uint32_t c)
{
	if (c > '?') /* letters, kana, kanji: one compare before 。 */
		return c == 0x3002 /* 。 */;
	return c == '\n' || c == '\r' || c == '!' || c == '?';
}

/* The start of the sentence or line holding position i: the code point
 * after the last boundary before i, at most window code points back. */
static inline size_t pii__clause_start(const struct pii__text *t, size_t i, size_t window)
{
	size_t lo = i > window ? i - window : 0;
	for (size_t q = i; q > lo; q--)
		if (pii__is_boundary(t->cp[q - 1]))
			return q;
	return lo;
}

/* 1 when code points [s, e) are all ASCII digits and there is one. */
static inline int pii__all_digits(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (!pii__is_digit(t->cp[i]))
			return 0;
	return e > s;
}

/* Whether c is in the ascending array set[0..n) (binary search). */
static inline int pii__cp_in_sorted(const uint32_t *set, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (set[mid] == c)
			return 1;
		if (set[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* 1 when the input byte of code point i is a tab: text_fold() makes a tab
 * a space, and a table's cells end at a tab, not at a space. */
static inline int pii__raw_tab(const struct pii__text *t, size_t i)
{
	return t->raw[t->boff[i]] == '\t';
}

/* ---- the text's cues (pii.c) --------------------------------------------- */

static inline unsigned pii__cue_bit(uint32_t c) { return (c * 0x9E3779B1u) >> 21; }
/* Fills *q for cp[0..n). */
void pii__cues_build(const uint32_t *cp, size_t n, struct pii__cues *q);
/* The same for a *q that holds the cues of another text, or all zero (the
 * scanner's: words says which parts of seen[] to clear). */
void pii__cues_rebuild(const uint32_t *cp, size_t n, struct pii__cues *q);
/* pii_scan() with the cue pass (cues = 1, what pii_scan() does) or
 * without it (0: every rule searches the whole text). The results are the
 * same by construction; the unit tests check it on every labelled text. */
int pii__scan(struct pii_scanner *s, const char *text, size_t len, int cues,
	      const struct pii_span **spans, size_t *nspans);
/* 0 only when code point c occurs nowhere in the text. */
static inline int pii__may_have(const struct pii__text *t, uint32_t c)
{
	const struct pii__cues *q = t->cues;
	if (!q)
		return 1;
	if (c < 0x80)
		return (int)(q->ascii[c >> 6] >> (c & 63) & 1);
	unsigned b = pii__cue_bit(c);
	return (int)(q->seen[b >> 6] >> (b & 63) & 1);
}
/* 0 only when the text holds no ASCII digit. */
static inline int pii__may_have_digit(const struct pii__text *t)
{
	return !t->cues || (t->cues->ascii[0] & ((uint64_t)0x3FF << '0')) != 0;
}
/* 0 only when the text holds no ASCII letter. */
static inline int pii__may_have_alpha(const struct pii__text *t)
{
	return !t->cues || (t->cues->ascii[1] & ((uint64_t)0x3FFFFFF << 1 | (uint64_t)0x3FFFFFF << 33)) != 0;
}
/* A letter or a mark of the scripts of South and South-East Asia that
 * residents write their names in (Devanagari to Sinhala U+0900..U+0DFF,
 * Thai, Lao, Tibetan, Myanmar U+0E00..U+109F, Khmer U+1780..U+17FF). */
static inline int pii__abugida(uint32_t c)
{
	return c - 0x0900u <= 0x109Fu - 0x0900u || c - 0x1780u <= 0x17FFu - 0x1780u;
}

/* 0 only when the text holds no code point of the classes cls (PII_CUE_*). */
static inline int pii__may_have_class(const struct pii__text *t, unsigned cls)
{
	return !t->cues || (t->cues->cls & cls) != 0;
}

/* ---- keywords in context (pii_context.c) -------------------------------- */

/* Decodes one code point of a keyword (a valid UTF-8 string constant). */
static inline size_t pii__kw_decode(const unsigned char *k, uint32_t *c)
{
	if (k[0] < 0x80) {
		*c = k[0];
		return 1;
	}
	if (k[0] < 0xE0) {
		*c = (uint32_t)(k[0] & 0x1F) << 6 | (k[1] & 0x3F);
		return 2;
	}
	if (k[0] < 0xF0) {
		*c = (uint32_t)(k[0] & 0x0F) << 12 | (uint32_t)(k[1] & 0x3F) << 6 | (k[2] & 0x3F);
		return 3;
	}
	*c = (uint32_t)(k[0] & 0x07) << 18 | (uint32_t)(k[1] & 0x3F) << 12 |
	     (uint32_t)(k[2] & 0x3F) << 6 | (k[3] & 0x3F);
	return 4;
}

/* The index of one keyword list (a NULL-terminated array of UTF-8
 * keywords in folded form): built once per process on first use, keyed by
 * the array's address, so a list must have static storage duration (every
 * list of src/pii is a static const array; sanitizer builds check the
 * words on every use). Filters of the first and the last code points let
 * the searches skip most positions with one bit test; lengths in code
 * points are computed once. A list longer than PII_KWLIST_MAX words (or
 * with an empty or over-long keyword) is `plain`: its filters let every
 * code point through and len/cp0 are not set. Past PII_KWLIST_SLOTS lists
 * the result is NULL (callers then search the plain list). Thread-safe
 * (published with release/acquire). */
/* A list's first code points as cue bits: the ASCII bits, the other bits
 * and which words of them are not zero (so that a short text, whose cues
 * fill a word or two, is compared in those words only). */
struct pii__kwcues {
	uint64_t ascii[2];
	uint32_t words; /* bit j: seen[j] is not zero */
	uint64_t seen[PII_CUES_BITS / 64];
};
#define PII_KWLIST_MAX 254 /* 255 ends a chain */
#define PII_KWLIST_SLOTS 512
struct pii__kwlist {
	const char *const *words;
	size_t n;
	int plain; /* no index: len and cp0 unset */
	uint64_t first[4], last[4]; /* bit pii__kw_bit(c) of each first/last code point */
	uint8_t len[PII_KWLIST_MAX]; /* code points */
	uint32_t cp0[PII_KWLIST_MAX]; /* first code point */
	/* the keywords whose first code point has bit b, in list order:
	 * head[b], next[head[b]]... until 255 */
	uint8_t head[256], next[PII_KWLIST_MAX];
	/* the same by the last code point (keywords ending at a position):
	 * lhead[b], lnext[lhead[b]]... until 255, with each one's last code
	 * point */
	uint8_t lhead[256], lnext[PII_KWLIST_MAX];
	uint32_t cpl[PII_KWLIST_MAX];
	/* every keyword's code points, decoded once: keyword k is
	 * cps[off[k]..off[k] + len[k]) (pii__kw_tail()) */
	uint32_t *cps;
	uint16_t off[PII_KWLIST_MAX];
	/* the first code points as a text's cues would hold them (NULL until
	 * pii__may_have_any() first needs it; built by pii__kwlist_cues()) */
	_Atomic(struct pii__kwcues *) cues;
};
/* The slow path of pii__kwlist_get() (probing, building, the sanitizer
 * check), and the table it fills (pii_context.c). */
const struct pii__kwlist *pii__kwlist_lookup(const char *const *words);
extern _Atomic(struct pii__kwlist *) pii__kwlist_slot[PII_KWLIST_SLOTS];
static inline size_t pii__kwlist_hash(const char *const *words)
{
	uint64_t a = (uint64_t)(uintptr_t)words;
	return (size_t)((a * 0x9E3779B97F4A7C15u) >> 55); /* 9 bits: PII_KWLIST_SLOTS */
}
/* Inline: the list is almost always in its home slot (one load, one
 * compare); sanitizer builds always take the checking path. */
static inline const struct pii__kwlist *pii__kwlist_get(const char *const *words)
{
#if !defined(__SANITIZE_ADDRESS__)
	size_t h = pii__kwlist_hash(words);
	const struct pii__kwlist *L = atomic_load_explicit(&pii__kwlist_slot[h], memory_order_acquire);
	if (L && L->words == words)
		return L;
	/* a list whose home slot another took sits in the next one */
	L = atomic_load_explicit(&pii__kwlist_slot[(h + 1) % PII_KWLIST_SLOTS], memory_order_acquire);
	if (L && L->words == words)
		return L;
#endif
	return pii__kwlist_lookup(words);
}
static inline unsigned pii__kw_bit(uint32_t c) { return (c * 0x9E3779B1u) >> 24; }
static inline int pii__kw_has(const uint64_t *set, uint32_t c)
{
	unsigned b = pii__kw_bit(c);
	return (int)(set[b >> 6] >> (b & 63) & 1);
}

/* If the UTF-8 keyword kw (already in folded form) occurs at t->cp[i],
 * returns its length in code points, else 0. The hot path of every
 * detector (called for every cue character): inline, no strlen, stops at
 * the first differing code point. */
/* pii__match() for a keyword whose first code point is known to equal
 * t->cp[i] (i < t->n): only the rest is decoded and compared. */
static inline size_t pii__match_tail(const struct pii__text *t, size_t i, const char *kw)
{
	const unsigned char *k = (const unsigned char *)kw;
	k += k[0] < 0x80 ? 1 : k[0] < 0xE0 ? 2 : k[0] < 0xF0 ? 3 : 4;
	size_t n = 1;
	while (*k) {
		uint32_t c;
		k += pii__kw_decode(k, &c);
		if (i + n >= t->n || t->cp[i + n] != c)
			return 0;
		n++;
	}
	return n;
}
/* pii__match_tail() for keyword k of an indexed list L (its first code
 * point known to equal t->cp[i]): the rest compared with the code points
 * decoded when the list was indexed, not decoded again at every call. */
static inline size_t pii__kw_tail(const struct pii__text *t, size_t i, const struct pii__kwlist *L,
				  unsigned k)
{
	size_t len = L->len[k];
	if (len > t->n - i)
		return 0;
	const uint32_t *w = L->cps + L->off[k];
	for (size_t n = 1; n < len; n++)
		if (t->cp[i + n] != w[n])
			return 0;
	return len;
}
/* The first keyword of an indexed list L equal to t->cp[s..e), or -1:
 * only the keywords of that first code point are compared, in list order. */
static inline long pii__kw_equal(const struct pii__text *t, size_t s, size_t e,
				 const struct pii__kwlist *L)
{
	uint32_t c = t->cp[s];
	for (unsigned k = L->head[pii__kw_bit(c)]; k != 255; k = L->next[k])
		if (L->len[k] == e - s && L->cp0[k] == c && pii__kw_tail(t, s, L, k) == e - s)
			return (long)k;
	return -1;
}
/* The first keyword of an indexed list L that ends at b and starts at a or
 * after, or -1: only the keywords whose last code point is t->cp[b - 1]
 * are compared, in list order, so the answer is that of a walk over the
 * whole list. */
static inline long pii__kw_ending(const struct pii__text *t, size_t a, size_t b,
				  const struct pii__kwlist *L)
{
	if (b <= a || b > t->n || !pii__kw_has(L->last, t->cp[b - 1]))
		return -1;
	uint32_t c = t->cp[b - 1];
	for (unsigned k = L->lhead[pii__kw_bit(c)]; k != 255; k = L->lnext[k]) {
		size_t m = L->len[k];
		if (L->cpl[k] == c && m <= b - a && L->cp0[k] == t->cp[b - m] &&
		    pii__kw_tail(t, b - m, L, k) == m)
			return (long)k;
	}
	return -1;
}
/* Always inline: with a string constant the first code point is decoded at
 * compile time, so a position that does not start the keyword costs one
 * compare (most callers test every position of a text). */
__attribute__((always_inline)) static inline size_t pii__match(const struct pii__text *t, size_t i,
							       const char *kw)
{
	uint32_t c;
	if (!*kw || i >= t->n)
		return 0;
	pii__kw_decode((const unsigned char *)kw, &c);
	return t->cp[i] == c ? pii__match_tail(t, i, kw) : 0;
}
/* The first keyword of words (NULL-terminated) that occurs at t->cp[i]:
 * its length in code points, else 0. Called at most code points by the
 * cue and label searches: the test that no keyword of an indexed list
 * starts with t->cp[i] is inline (one bit, no call); the keywords that do
 * are walked out of line (pii__match_chain()), and so is a list without
 * an index (pii__match_plain(), pii.c). */
size_t pii__match_chain(const struct pii__text *t, size_t i, const struct pii__kwlist *L);
size_t pii__match_plain(const struct pii__text *t, size_t i, const char *const *words);
__attribute__((always_inline)) static inline size_t pii__match_any(const struct pii__text *t,
								   size_t i,
								   const char *const *words)
{
	if (i >= t->n)
		return 0;
	/* with the list's index, only the keywords that start with c, in
	 * list order (most positions: none, one bit test, no call) */
	const struct pii__kwlist *L = pii__kwlist_get(words);
	if (L && !L->plain)
		return pii__kw_has(L->first, t->cp[i]) ? pii__match_chain(t, i, L) : 0;
	return pii__match_plain(t, i, words);
}
/* The slow path of pii__is_word() (pii.c): the keywords of that first
 * code point and length, or a plain list word by word. */
int pii__is_word_slow(const struct pii__text *t, size_t i, size_t e, const char *const *words,
		      const struct pii__kwlist *L);
/* 1 if t->cp[i..e) is one of the keywords of words (NULL-terminated):
 * with the list's index only the keywords of that length and first code
 * point are compared. */
__attribute__((always_inline)) static inline int pii__is_word(const struct pii__text *t, size_t i,
							      size_t e, const char *const *words)
{
	if (i >= e || e > t->n)
		return 0;
	const struct pii__kwlist *L = pii__kwlist_get(words);
	if (L && !L->plain && !pii__kw_has(L->first, t->cp[i]))
		return 0;
	return pii__is_word_slow(t, i, e, words, L);
}
/* The cues of L's first code points, built once (pii.c): a text may hold
 * a keyword of L only if its cues and these share a bit. */
const struct pii__kwcues *pii__kwlist_cues(const struct pii__kwlist *L);
/* 0 only when no keyword of words (NULL-terminated) can occur in the text:
 * the first code point of none of them does. */
static inline int pii__may_have_any(const struct pii__text *t, const char *const *words)
{
	if (!t->cues)
		return 1;
	const struct pii__kwlist *L = pii__kwlist_get(words);
	if (L && !L->plain && L->n <= 8) { /* a short list: its first code points */
		for (size_t k = 0; k < L->n; k++)
			if (pii__may_have(t, L->cp0[k]))
				return 1;
		return 0;
	}
	if (L) { /* a long one: the list's cue bits against the text's */
		const struct pii__kwcues *F = atomic_load_explicit(&L->cues, memory_order_acquire);
		if (!F)
			F = pii__kwlist_cues(L);
		uint64_t any = (F->ascii[0] & t->cues->ascii[0]) | (F->ascii[1] & t->cues->ascii[1]);
		/* only the words that both the list and the text fill */
		for (uint32_t w = F->words & t->cues->words; w && !any; w &= w - 1)
			any = F->seen[__builtin_ctz(w)] & t->cues->seen[__builtin_ctz(w)];
		return any != 0;
	}
	for (size_t k = 0; words[k]; k++) {
		uint32_t c;
		pii__kw_decode((const unsigned char *)words[k], &c);
		if (pii__may_have(t, c))
			return 1;
	}
	return 0;
}
/* Length of kw in code points. */
size_t pii__kw_len(const char *kw);
/* The length of the first keyword of words (NULL-terminated) that ends at
 * b and starts at a or after it, or 0 (also when b < a). */
size_t pii__ends_with(const struct pii__text *t, size_t a, size_t b, const char *const *words);
/* Searches kws (NULL-terminated) ending within `window` code points before
 * pos, not across a sentence boundary. Returns the index of the nearest
 * (ties: the longest) keyword or -1; *dist = code points between its end
 * and pos. */
int pii__find_before(const struct pii__text *t, size_t pos, size_t window, const char *const *kws,
		     size_t *dist);
/* 1 if some keyword of kws starts within `window` code points after pos
 * (skipping nothing; spaces and closing brackets count). */
int pii__find_after(const struct pii__text *t, size_t pos, size_t window, const char *const *kws);

/* 1 when the phone, postal code, address or e-mail sp is an organisation's
 * published contact: an office or company word (代表, 直通, 市役所,
 * センター, 株式会社, 所在地...) comes before it in the same sentence, within
 * PII_ORG_WINDOW code points, with no person (a PERSON candidate of c, or
 * 本人, 自宅, 携帯...) in between; or, for postal codes, right after it
 * (〒350-8601 市役所内), or an office's name right after the postal code's or
 * the address's own address (…1番1号 みどり市役所). */
#define PII_ORG_WINDOW 80
#define PII_ORG_AFTER 12 /* code points after an address for its office's name */
/* A phone on a line opened by 直通 under a staff member's name in a
 * signature: the person's own line (pii_context.c). */
int pii__staff_direct_line(const struct pii__text *t, const struct pii__cands *c,
			   const struct pii_span *sp);
int pii__organisation_contact(const struct pii__text *t, const struct pii__cands *c,
			      const struct pii_span *sp);
/* The persons among the candidates, looked up by position: their starts
 * and their ends, each ascending (pii__persons_index()). A long document
 * has thousands of candidates; asking each contact's window of them one by
 * one made its scan quadratic. */
struct pii__persons {
	size_t *starts, *ends;
	size_t n, cap;
};
void pii__persons_index(struct pii__persons *p, const struct pii__cands *c);
void pii__persons_release(struct pii__persons *p);
/* pii__organisation_contact() with the persons of c indexed by p, built
 * from c before any of them changed (NULL: asks c itself). */
int pii__organisation_contact_at(const struct pii__text *t, const struct pii__cands *c,
				 const struct pii_span *sp, const struct pii__persons *p);
/* A mobile number (070/080/090, or +81 and 70/80/90) starts at i. */
int pii__mobile_at(const struct pii__text *t, size_t i);

/* The "not personal" filter (pii_public.c): drops the phone numbers,
 * postal codes, addresses and e-mail addresses that the text's structure
 * gives to an organisation (a unit such as …課 or …センター before them,
 * a signature block, （代）, a shared mailbox), unless a person is named in
 * between. One pass over the candidates, before the organisation filter
 * and the allow-list. */
void pii__public_filter(const struct pii__text *t, struct pii__cands *c);

/* ---- spacing (pii_spacing.c) --------------------------------------------- */

/* Byte ranges of a text that a scan reads past: the spaces of a
 * letter-spaced name (高 橋　勇 作) and between an address's parts (釧路市
 * 芦野3丁目 9-12). pii__scan() scans a copy without them. */
struct pii__gap {
	size_t b, e;
};
struct pii__gaps {
	struct pii__gap *v;
	size_t n, cap;
};
/* The gaps of s, ascending and apart; returns their count (any bytes: an
 * invalid sequence is no kana nor kanji, and is never taken out). */
size_t pii__spacing_gaps(const char *s, size_t len, struct pii__gaps *g);

/* ---- detectors ----------------------------------------------------------- */

void pii__detect_numbers(const struct pii__text *t, struct pii__cands *c);
void pii__detect_alnum_ids(const struct pii__text *t, struct pii__cands *c);
void pii__detect_email(const struct pii__text *t, struct pii__cands *c);
void pii__detect_dates(const struct pii__text *t, struct pii__cands *c);
/* A value of a fixed shape (a birth date, a resident code, a My Number,
 * a licence's or a pension's number) joined by と to another of the same
 * shape: the other takes its type (pii_detect.c). */
void pii__values_joined(const struct pii__text *t, struct pii__cands *c);
void pii__detect_address(const struct pii__text *t, struct pii__cands *c);
/* The end of an address written from its town at i (中町2-5-11, 北町3-14-1
 * 北町住宅5-203): a town name, a block number, an optional building; or 0. */
size_t pii__address_body(const struct pii__text *t, size_t i);
/* Addresses abroad in Latin script (1250 Oak Street, Springfield, IL 62704). */
void pii__detect_foreign_address(const struct pii__text *t, struct pii__cands *c);
/* End of a date at i (西暦, 和暦, S28.11.03, 25/11/1984, 3 March 1996), or 0. */
size_t pii__date_end(const struct pii__text *t, size_t i);
/* A full date alone in a bracket right after a name that ends at i (one
 * space allowed before it; closed by ） or 、): the date's start, its end
 * in *end; or 0 (pii.c). */
size_t pii__bracket_date(const struct pii__text *t, size_t i, size_t *end);
/* A date written as 8 digits (19850303: a year 1880-2100, a month and a
 * day that can be) at i, not inside a longer number: its end or 0. Only a
 * birth label or a 生年月日 column makes it a date (pii_detect.c). */
size_t pii__compact_date_end(const struct pii__text *t, size_t i);
/* Tables with a header row (pii_table.c): CSV/TSV lines, rows after the
 * header on the same line (" / ") or on the lines below. */
/* places: where the tables' district cells are (地区,氏名,…: 田野浦,…), for
 * pii__places_no_names() after every name pass (may be NULL). */
void pii__detect_tables(const struct pii__text *t, struct pii__cands *c,
			struct pii__cands *places);
/* Drops the names lying inside one of places' ranges. */
void pii__places_no_names(struct pii__cands *c, const struct pii__cands *places);
/* Drops the names that are a route's stops (池間 → 狩俣 → 島尻). */
void pii__route_places(const struct pii__text *t, struct pii__cands *c);
/* Drops the names that head a list's lines of places and their facilities
 * (福江：中央公園多目的広場⏎富江：富江運動公園⏎…). */
void pii__facility_list_places(const struct pii__text *t, struct pii__cands *c);
void pii__postal_cells(const struct pii__text *t, struct pii__cands *c);
/* Labelled form fields (pii_fields.c): insurance card 記号/番号/枝番,
 * ゆうちょ 記号/番号, kana names after a name label. */
void pii__detect_fields(const struct pii__text *t, struct pii__cands *c);
/* The parts of an insurance card written in one table cell (記号番号
 * column: 金沢 21-550183), each added as a value (pii_fields.c). */
void pii__health_parts(const struct pii__text *t, struct pii__cands *c, size_t s, size_t e);
/* Bank account designations (pii_account.c): widens each account number
 * found to the bank, branch and type written right before it
 * (横浜銀行 鶴見支店 普通 1538204), over the candidates. */
void pii__bank_designations(const struct pii__text *t, struct pii__cands *c);
/* Names and accounts written bare (pii_bare.c): kana names whose words
 * ENAMDICT reads as a surname and a given name, given names MeCab cut
 * short, 全銀-style transfer rows; over the candidates of the detectors. */
void pii__bare_rules(const struct pii__text *t, struct pii__cands *c);
/* Names whose parts the rules found apart: two or three parts with a
 * katakana part as a field's whole value (子の氏名：中村 エミリー さくら), a
 * reading in brackets cut at ー: the whole replaces the parts (pii_bare.c;
 * after the layout rules and the model, which find parts too). */
void pii__names_whole(const struct pii__text *t, struct pii__cands *c);
/* The end of a given name in katakana glued after the surname [s, e)
 * (西村カズエが…), or e (pii_bare.c, twenty-third round). */
size_t pii__kata_given_after(const struct pii__text *t, size_t s, size_t e);
/* Names in memos, hand-overs and chats written without an honorific
 * (pii_bare.c, twenty-fourth round (a)): run after the learned model. */
void pii__memo_names(const struct pii__text *t, struct pii__cands *c);
/* 1 when [s, e) is a word of what staff do that memos write after their
 * names (対応, 訪問, 同行, 不在...; pii_bare.c): no given name. */
int pii__staff_act_word(const struct pii__text *t, size_t s, size_t e);
/* Rules about layout over the candidates (pii_layout.c): a postal code
 * before an address, address and birth-date cells in a row with a name, a
 * given name alone after a relation, corporate numbers under 法人番号. */
void pii__layout_rules(const struct pii__text *t, struct pii__cands *c);
/* A birth date's cell, and a hamlet's lot in a roll's row (1 里 ハル 94歳
 * 久茂82), beside the names found after the layout rules (the learned
 * model's: Pereira<TAB>Thiago<TAB>1990/02/14); pii_layout.c. */
void pii__birth_date_cells_late(const struct pii__text *t, struct pii__cands *c);
/* A kana name at i: 1-3 words of one kana script separated by single
 * spaces, each 2+ letters (hiragana: 2 words at least, a reading); its end
 * or 0. */
size_t pii__kana_name_at(const struct pii__text *t, size_t i);

/* Person names (pii_person.c): the scratch state of one scanner (windows,
 * morphemes); the tokenizer is the scanner's, from the text model's pool.
 * Returns 0 or YK_EMORPH. */
struct pii__person;
struct pii__person *pii__person_new(void);
void pii__person_free(struct pii__person *p);
int pii__detect_person(struct pii__person *p, struct text_tokenizer *tk, const struct pii__text *t,
		       struct pii__cands *c);

/* A reading in brackets at j (after the bracket) of the name before it
 * (pii_person.c): katakana words joined by ・ after a Latin name (latin),
 * or one kana word ENAMDICT reads as a name after a kanji name; its end
 * before ）, 、 or ／, or 0. */
/* 1 when the Latin word [s, e) is a stop word of the Latin name rule
 * (pii_person.c). */
/* Is c a one-kanji Chinese or Korean surname (梁, 林, 韓)? */
int pii__cjk_surname(uint32_t c);
int pii__latin_stop_word(const struct pii__text *t, size_t s, size_t e);
size_t pii__kana_reading_at(const struct pii__text *t, size_t j, int latin);
/* 1 when [s, e) is a small particle inside Latin names (da, van, dela;
 * pii_person.c). */
int pii__latin_particle(const struct pii__text *t, size_t s, size_t e);
/* 1 when the word [s, e) is a common word said with ちゃん or くん (新人,
 * 先生, ワン, ママ), never a name (pii_bare.c). */
int pii__chan_not_name(const struct pii__text *t, size_t s, size_t e);
/* A model's name refused by the half-width name labels' test (pii_bare.c). */
int pii__half_value_refused(const struct pii__text *t, size_t s, size_t e);
/* 1 when s opens the value of a thing's field (車種：トヨタ シエンタ, 機種：…),
 * which names no one (pii_person.c). */
int pii__thing_value_at(const struct pii__text *t, size_t s);
/* 1 when the word [s, e) is said with さん or 様 after it and is a relation,
 * a role or a trade that takes them (仲居さん, 大工さん, 娘さん), never a
 * name (pii_person.c). */
int pii__called_not_name(const struct pii__text *t, size_t s, size_t e);
/* 1 when [s, e) is a prefecture's name, with or without its suffix
 * (pii_address.c). */
int pii__prefecture_name(const struct pii__text *t, size_t s, size_t e);

/* ENAMDICT names (pii_names.c): the process's set, loaded on first use
 * (NULL when the file is missing); flags of a written form of 1-4 folded
 * code points (0: not in the dictionary). Thread-safe. */
enum {
	PII_NAME_SURNAME = 1,
	PII_NAME_GIVEN = 2,
	PII_NAME_PLACE = 4,
	PII_NAME_SURNAME_KANA = 8, /* the reading of a surname (hiragana key) */
	PII_NAME_GIVEN_KANA = 16,  /* the reading of a given name */
	/* a person's name ENAMDICT leaves unclassified ((u): 陸斗, 結翔),
	 * neither surname nor given name (eighth round) */
	PII_NAME_PERSON_U = 32,
};
struct pii__names;
/* The slow path of pii__names_get() (the first call loads the set), and
 * what it publishes: names_ready is 1 once pii__names_set holds the set
 * or NULL for good (pii_names.c). */
const struct pii__names *pii__names_load_once(void);
extern const struct pii__names *pii__names_set;
extern atomic_int pii__names_ready;
/* Inline: the rules ask for the set several times a scan, and after the
 * first load the answer is one load, not a call to pthread_once(). */
static inline const struct pii__names *pii__names_get(void)
{
	if (atomic_load_explicit(&pii__names_ready, memory_order_acquire))
		return pii__names_set;
	return pii__names_load_once();
}
/* A common Korean family name's syllable in Hangul (pii_person.c). */
int pii__ko_surname(uint32_t c);
/* A Chinese surname of one kanji in its simplified form (张, 刘, 陈…),
 * a form no Japanese name writes. */
int pii__zh_surname(uint32_t c);
unsigned pii__names_lookup(const struct pii__names *s, const uint32_t *cp, size_t n);
/* The reading flags (PII_NAME_*_KANA) of a word written in hiragana,
 * katakana or half-width katakana (2-6 letters once folded to hiragana:
 * ｻｶｸﾞﾁ is さかぐち); 0 when it is no such reading or holds other code
 * points. A word in half-width katakana, which bank data write without
 * small letters (ｷﾝｼﾞﾖｳ, ｼﾞﾕﾝ), is also read with ゃ, ゅ, ょ after an
 * i-row letter (きんじょう, じゅん). */
unsigned pii__names_lookup_kana(const struct pii__names *s, const uint32_t *cp, size_t n);
/* The hiragana form of a kana word (see pii__names_lookup_kana()) into
 * out[0..max): its length, or 0. */
size_t pii__kana_reading(const uint32_t *cp, size_t n, uint32_t *out, size_t max);

/* Canonical form of a value for allow-list and mapping comparison: folded,
 * spaces, hyphens and parentheses removed, ASCII lower-cased. Appends to
 * out; YK_ELIMIT from out. */
int pii__canon(const char *s, size_t len, struct yk_buf *out);

/* ---- indexed look-ups of the rule files (speed, fifth round b) --------- */

#include <stdlib.h> /* abort(): the sanitizer builds' check of pii__skip_low() */

/* The index in words (NULL-terminated, static) of the first keyword equal
 * to t->cp[s..e), or -1: pii__is_word() that also says which word. With
 * the list's index only the keywords of that first code point are
 * compared, in list order. */
static inline long pii__word_index(const struct pii__text *t, size_t s, size_t e,
				   const char *const *words)
{
	if (s >= e || e > t->n)
		return -1;
	const struct pii__kwlist *L = pii__kwlist_get(words);
	if (L && !L->plain)
		return pii__kw_equal(t, s, e, L);
	for (size_t k = 0; words[k]; k++)
		if (pii__match(t, s, words[k]) == e - s)
			return (long)k;
	return -1;
}

/* The index in words (NULL-terminated, static) of the first keyword that
 * ends at b and starts at a or after, or -1. With the list's index only
 * the keywords whose last code point is t->cp[b - 1] are compared, in
 * list order, so the answer is that of a walk over the whole list. */
static inline long pii__ending_word(const struct pii__text *t, size_t a, size_t b,
				    const char *const *words)
{
	if (b <= a)
		return -1;
	const struct pii__kwlist *L = pii__kwlist_get(words);
	if (!L || L->plain || b > t->n) {
		for (size_t k = 0; words[k]; k++) {
			size_t m = pii__kw_len(words[k]);
			if (m <= b - a && pii__match(t, b - m, words[k]) == m)
				return m ? (long)k : -1; /* an empty word ends the walk */
		}
		return -1;
	}
	return pii__kw_ending(t, a, b, L);
}

/* The first position from i that holds code point c, or t->n: wmemchr(),
 * several code points a step (eighth speed round; it was a loop testing
 * one, 9 M instructions of the FAQ corpus's 604 M in its callers' line
 * and bracket walks). */
static inline size_t pii__skip_to_cp(const struct pii__text *t, size_t i, uint32_t c)
{
	if (i >= t->n)
		return i; /* as the loop it replaces: a start past the end stays */
	if (c == '\n' && t->nl) {
		size_t r = i + t->nl[i];
		return r < t->n ? r : t->n;
	}
	const wchar_t *w = (const wchar_t *)t->cp;
	/* a code point the text's cues rule out: no search to the end */
	if (!pii__may_have(t, c)) {
#if defined(__SANITIZE_ADDRESS__)
		if (wmemchr(w + i, (wchar_t)c, t->n - i))
			abort();
#endif
		return t->n;
	}
	const wchar_t *p = wmemchr(w + i, (wchar_t)c, t->n - i);
	return p ? (size_t)(p - w) : t->n;
}

/* The end of the line at i: its '\n' or t->n. */
static inline size_t pii__line_end(const struct pii__text *t, size_t i)
{
	return pii__skip_to_cp(t, i, '\n');
}

/* Whether an arrow (→) stands right before or after the word [s, e), spaces
 * between: an item of a route or of a hand-over (新宿→渋谷, 大沢 → 小川).
 * *after is the word's end past the spaces after it. */
static inline int pii__arrow_beside(const struct pii__text *t, size_t s, size_t e, size_t *after)
{
	size_t p = s, q = e;
	while (p > 0 && t->cp[p - 1] == ' ')
		p--;
	while (q < t->n && t->cp[q] == ' ')
		q++;
	*after = q;
	return (p > 0 && t->cp[p - 1] == 0x2192 /* → */) || (q < t->n && t->cp[q] == 0x2192);
}

/* The first position from i whose code point's low byte is marked in map
 * (or t->n): the tight loop a rule's walk over the text skips the code
 * points that start none of its cues with (one load and one test each; the
 * text's array and length stay in registers instead of being reloaded
 * around the rule's calls). A map marks the low bytes of every cue, so a
 * skipped code point is never one; sanitizer builds check that with cue(),
 * the rule's own test (NULL: none). */
static inline size_t pii__skip_low(const struct pii__text *t, size_t i, const uint8_t *map,
				   int (*cue)(uint32_t))
{
	const uint32_t *cp = t->cp;
	size_t n = t->n;
	while (i < n && !map[cp[i] & 0xFF]) {
#if defined(__SANITIZE_ADDRESS__)
		if (cue && cue(cp[i]))
			abort();
#else
		(void)cue;
#endif
		i++;
	}
	return i;
}

/* The kanji of the days of the week (月 火 水 木 金 土 日). */
static inline int pii__is_weekday_kanji(uint32_t u)
{
	return u == 0x6708 || u == 0x706B || u == 0x6C34 || u == 0x6728 || u == 0x91D1 ||
	       u == 0x571F || u == 0x65E5;
}

/* The line break at q opens a blank line: the line after it holds only
 * spaces and a carriage return before its own break. */
static inline int pii__blank_line_at(const struct pii__text *t, size_t q, size_t end)
{
	if (q >= end || t->cp[q] != '\n')
		return 0;
	size_t r = q + 1;
	while (r < end && (t->cp[r] == ' ' || t->cp[r] == '\r'))
		r++;
	return r < end && t->cp[r] == '\n';
}

/* ---- finding a cue's code points (speed, seventh round) ----------------- */

_Static_assert(sizeof(wchar_t) == sizeof(uint32_t), "wmemchr() searches the code-point array");

/* The first position from i that holds code point c, or t->n: what
 * pii__skip_to_cp() gives, found by wmemchr(), which tests several code
 * points an instruction. A rule whose cue is rare walks only its cue's
 * positions with it instead of testing every code point of a long text.
 * pii__find_cp_in() stops at end (a line's end): the first position in
 * [i, end) that holds c, or end. */
static inline size_t pii__find_cp_in(const struct pii__text *t, size_t i, size_t end, uint32_t c)
{
	if (i >= end)
		return end;
	if (c == '\n' && t->nl && end <= t->n) {
		size_t r = i + t->nl[i];
		return r < end ? r : end;
	}
	const wchar_t *w = (const wchar_t *)t->cp;
	/* a code point the text's cues rule out: no search to end */
	if (!pii__may_have(t, c)) {
#if defined(__SANITIZE_ADDRESS__)
		if (wmemchr(w + i, (wchar_t)c, end - i))
			abort();
#endif
		return end;
	}
	const wchar_t *p = wmemchr(w + i, (wchar_t)c, end - i);
	return p ? (size_t)(p - w) : end;
}
static inline size_t pii__find_cp(const struct pii__text *t, size_t i, uint32_t c)
{
	return pii__find_cp_in(t, i, t->n, c);
}

/* Fewer candidates than this are walked, not indexed: on a line or a short
 * text building an index costs more than the walks it saves. */
#define PII_INDEX_MIN 16

/* qsort() orders for the indexes: sizes ascending, and pairs of sizes
 * (a key and a candidate's place or other bound) by the first, then the
 * second. */
static inline int pii__cmp_sizes(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}
static inline int pii__cmp_pairs(const void *x, const void *y)
{
	const size_t *a = x, *b = y;
	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

/* How many of the n ascending keys v[0], v[stride], v[2 * stride]... are
 * below x: where x would go among them (not above x: below x + 1). The
 * rules that index a long document's candidates (pairs of a bound and a
 * candidate's place, or bounds alone) look them up with it, where walking
 * every candidate at every question cost the square of the length (ninth
 * speed round). */
static inline size_t pii__keys_below(const size_t *v, size_t n, size_t stride, size_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid * stride] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether a candidate that counts overlaps [s, e), asked at every place a
 * rule looks at (pii_overlaps.c): a walk of the list while it holds fewer
 * than PII_INDEX_MIN, then ascending runs of the candidates' starts with
 * the largest end up to each, one binary search a run. A candidate counts
 * while its confidence is above floor (the rules' "kept": 0.01). The index
 * answers for the first upto candidates, or with SIZE_MAX for every one,
 * those the rule adds after it was made too (noted at the next question,
 * a run for each ascending stretch of them, the whole made again when
 * they are too many). A candidate lowered to the floor or below after it
 * was noted no longer counts (the index is made again when it would have
 * answered); one raised above the floor, or whose bounds moved, after it
 * was noted is not seen: the rules that ask only add and lower. */
struct pii__overlap_entry {
	size_t start;  /* a candidate's start, ascending along a run */
	size_t maxend; /* the largest end of the run's candidates up to here */
	size_t who;    /* the candidate with that end (its place in the list) */
};
#define PII_OVERLAPS_RUNS 8
struct pii__overlaps {
	const struct pii__cands *c; /* borrowed while the index is used */
	double floor;
	size_t upto;
	size_t seen; /* the candidates before it are in the runs */
	struct pii__overlap_entry *run[PII_OVERLAPS_RUNS]; /* owned */
	size_t nrun[PII_OVERLAPS_RUNS], caprun[PII_OVERLAPS_RUNS];
	unsigned runs; /* 0: walked */
};
void pii__overlaps_init(struct pii__overlaps *x, const struct pii__cands *c, size_t upto,
			double floor);
int pii__overlaps_any(struct pii__overlaps *x, size_t s, size_t e);
void pii__overlaps_release(struct pii__overlaps *x);

/* Defines static void name(type *v, size_t n), which sorts v ascending by
 * less(&a, &b) (a strict order). The detectors add candidates left to
 * right, one after another, so the bounds an index sorts are a few
 * ascending runs (a document's: 3 to 9): merging neighbouring runs until
 * one is left costs a few passes with the compare inline, where qsort()
 * cost a 19 KB document's scan some 0.3 M instructions. Equal keys keep
 * their order. */
#define PII_DEFINE_RUNS_SORT(name, type, less)                                             \
	static void name(type *v, size_t n)                                                 \
	{                                                                                   \
		if (n < 2)                                                                  \
			return;                                                             \
		type *tmp = yk_xmalloc(n * sizeof(*tmp)), *a = v, *b = tmp;                  \
		for (;;) {                                                                  \
			size_t runs = 0;                                                    \
			for (size_t i = 0; i < n; runs++) {                                 \
				size_t m = i + 1, e;                                        \
				while (m < n && !less(&a[m], &a[m - 1]))                    \
					m++;                                                \
				if (m == n && i == 0)                                       \
					break; /* in order */                               \
				for (e = m < n ? m + 1 : n; e < n && !less(&a[e], &a[e - 1]); e++) \
					;                                                   \
				size_t x = i, y = m, o = i;                                 \
				while (x < m && y < e)                                      \
					b[o++] = less(&a[y], &a[x]) ? a[y++] : a[x++];      \
				while (x < m)                                               \
					b[o++] = a[x++];                                    \
				while (y < e)                                               \
					b[o++] = a[y++];                                    \
				i = e;                                                      \
			}                                                                   \
			if (!runs)                                                          \
				break;                                                      \
			type *sw = a;                                                       \
			a = b;                                                              \
			b = sw;                                                             \
		}                                                                           \
		if (a != v)                                                                 \
			memcpy(v, a, n * sizeof(*v));                                       \
		free(tmp);                                                                  \
	}

/* The end of the part opening at s: the first blank line (spaces and a
 * carriage return allowed on it) after s, or t->n. */
static inline size_t pii__part_end(const struct pii__text *t, size_t s)
{
	for (size_t q = pii__find_cp(t, s, '\n'); q < t->n; q = pii__find_cp(t, q + 1, '\n'))
		if (pii__blank_line_at(t, q, t->n))
			return q;
	return t->n;
}

/* The parts of a document, between blank lines, one a call: from *at (0
 * first), the next part [*s, *e) and 1, or 0 past the last. */
static inline int pii__part_next(const struct pii__text *t, size_t *at, size_t *s, size_t *e)
{
	size_t a = *at;
	while (a < t->n && (t->cp[a] == '\n' || t->cp[a] == ' ' || t->cp[a] == '\r'))
		a++;
	if (a >= t->n)
		return 0;
	*s = a;
	*e = *at = pii__part_end(t, a);
	return 1;
}

/* The parts of a document of several (pii_parts.c): the candidates before
 * n grouped by the part their start lies in, in the list's order within
 * each. Made in one pass over the parts and one over the list (a binary
 * search each); pii__parts_make() returns 0 and makes nothing when the
 * text is one part. */
struct pii__parts {
	size_t *bound;  /* owned: parts [bound[2p], bound[2p + 1]) */
	size_t *first;  /* owned: part p's candidates at idx[first[p]..first[p + 1]) */
	size_t *idx;    /* owned: indexes into the list */
	size_t n;       /* parts */
};
int pii__parts_make(const struct pii__text *t, const struct pii__cands *c, size_t n,
		    struct pii__parts *g);
/* Groups the candidates before n anew into the parts of g (made by
 * pii__parts_make(), with parts): after the list has changed. */
void pii__parts_group(struct pii__parts *g, const struct pii__cands *c, size_t n);
/* The part that holds position x: the last opening at or before it. */
size_t pii__parts_at(const struct pii__parts *g, size_t x);
void pii__parts_release(struct pii__parts *g);

/* The positions of any of up to PII_WALK_MAX code points in ascending
 * order (the rule's marks): one pii__find_cp() stream per code point, the
 * nearest taken next. pii__walk_next() returns t->n at the end. */
#define PII_WALK_MAX 6
struct pii__walk {
	const struct pii__text *t;
	uint32_t c[PII_WALK_MAX];
	size_t at[PII_WALK_MAX];
	unsigned k;
};
static inline void pii__walk_init(struct pii__walk *w, const struct pii__text *t, size_t from,
				  const uint32_t *c, unsigned k)
{
	w->t = t;
	w->k = k < PII_WALK_MAX ? k : PII_WALK_MAX;
	for (unsigned j = 0; j < w->k; j++) {
		w->c[j] = c[j];
		w->at[j] = pii__find_cp(t, from, c[j]);
	}
}
static inline size_t pii__walk_next(struct pii__walk *w)
{
	size_t m = w->t->n;
	for (unsigned j = 0; j < w->k; j++)
		if (w->at[j] < m)
			m = w->at[j];
	for (unsigned j = 0; j < w->k; j++)
		if (w->at[j] == m && m < w->t->n)
			w->at[j] = pii__find_cp(w->t, m + 1, w->c[j]);
	return m;
}
/* The first position from i (not before the last i asked) that holds one
 * of w's code points, or t->n: for a loop that jumps past a value it read
 * and goes on from there. */
static inline size_t pii__walk_from(struct pii__walk *w, size_t i)
{
	size_t m = w->t->n;
	for (unsigned j = 0; j < w->k; j++) {
		if (w->at[j] < i)
			w->at[j] = pii__find_cp(w->t, i, w->c[j]);
		if (w->at[j] < m)
			m = w->at[j];
	}
	return m;
}

/* Seventeenth round (b). The label alone on the line above a value that
 * fills its own line (生年月日⏎1996/03/14, 旅券番号⏎C7812046, 〒⏎335-0031):
 * the index in kws of the word the label line holds, or -1
 * (pii_context.c). When found and kw_end is not NULL, *kw_end is where
 * that word ends on the line above. */
int pii__label_line_before(const struct pii__text *t, size_t i, size_t e, const char *const *kws,
			   size_t *kw_end);

/* ---- learned names (pii_learn.c; trained by tools/pii_train.c) ---------- */

/* 2^16 feature buckets (2^18 scored the same on the held-out folds and
 * scanned slower: docs/pii.md); in memory 16 bytes each (1 MB), in the
 * model file three int16 */
/* splitmix64's finaliser: the model's hashing of code points and classes
 * (pii_learn.c) and the trainer's order of texts (tools/pii_train.c). */
static inline uint64_t pii__mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xBF58476D1CE4E5B9ULL;
	x ^= x >> 27;
	x *= 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}
#define PII_LEARN_BITS 16
#define PII_LEARN_NFEAT 32     /* at most this many features a code point */
#define PII_LEARN_MAX_SPAN 40  /* no name is longer (code points) */
/* a name only when the best path beats every path leaving it out by this
 * much (80 chosen on two held-out folds, blind batches 78-81 and 82-85,
 * with models trained without them; 100 since the mean of eight
 * perceptrons, on the FAQ corpus's false names; 60 since session 23, two
 * folds of the never-read running-text files: docs/pii.md) */
#define PII_LEARN_MIN_MARGIN 60.0f
/* under every rule's, so that a rule's span wins any clash */
#define PII_LEARN_CONFIDENCE 0.55
enum { PII_LEARN_O, PII_LEARN_B, PII_LEARN_I };

/* The model's file: this header, then count entries of PII_LEARN_ENTRY
 * bytes (uint32 bucket, int16 weights of O, B, I; host byte order, as the
 * build that trains it is the build that embeds it). */
#define PII_LEARN_MAGIC "YKPM"
#define PII_LEARN_ENTRY 10
struct pii__learn_header {
	char magic[4];
	uint32_t bits;
	uint32_t count;
	float scale;    /* weight = int16 * scale */
	float tr[3][3]; /* transition scores from (row) to (column) */
};

/* Arrays of one text's sweep and decoding, grown as needed. */
struct pii__learn_buf {
	uint32_t *cpx;           /* the code points with their tabs back */
	uint64_t *hu, *hk;       /* each code point and class mixed for hashing */
	uint32_t *cls, *rs, *re; /* class, class run start and end per code point */
	float *em, *fw, *bw;     /* emission, forward and backward scores (n x 3) */
	uint8_t *bp, *tag;       /* back pointers (n x 3), best tags */
	double *osum;            /* prefix sums of the O emissions (n + 1) */
	size_t cap;
	struct text_morphs words; /* a span's own morphemes (common_words_only()) */
};
void pii__learn_buf_free(struct pii__learn_buf *b);

/* The features of each code point i of the folded text cp[0..n), in
 * order: with a model m, its emission scores into b->em; without, a call
 * fn(arg, i, features, k) (training). raw and boff (optional) are the
 * input bytes and each code point's byte offset, for the tabs text_fold()
 * made spaces. */
typedef void (*pii__learn_fn)(void *arg, size_t i, const uint32_t *f, size_t k);
struct pii__learn_model;
void pii__learn_sweep(const uint32_t *cp, size_t n, const char *raw, const uint32_t *boff,
		      struct pii__learn_buf *b, const struct pii__learn_model *m, pii__learn_fn fn,
		      void *arg);
/* Best tags of b->em into b->tag (forward scores kept in b->fw, relative
 * to the last position where no name can be); returns the best path's
 * score. */
float pii__learn_viterbi(struct pii__learn_buf *b, size_t n, const float tr[3][3]);
/* The backward scores and prefix sums pii__learn_margin() needs (after
 * pii__learn_viterbi() on the same b->em). */
void pii__learn_backward(struct pii__learn_buf *b, size_t n, const float tr[3][3]);
/* How much the best path beats the best path that leaves [s, e) outside
 * every name: the span's confidence. O(1). [s, e) holds no position where
 * no name can be (its emissions of B and I are NEG): the forward and
 * backward scores are kept relative to such positions. */
float pii__learn_margin(const struct pii__learn_buf *b, const float tr[3][3], size_t s, size_t e);
/* Four int32 lanes: the weights of O, B and I of one bucket and a zero,
 * so that a feature's three weights are one load and one add. */
typedef int32_t pii__v4 __attribute__((vector_size(16)));
/* A model: weights of O, B, I for each bucket (w[bucket][tag], as
 * integers times scale) and the transition scores. */
struct pii__learn_model {
	pii__v4 *w; /* 1 << PII_LEARN_BITS */
	float scale;
	float tr[3][3];
};
/* Reads a model file into m (m->w allocated by the caller). */
int pii__learn_parse(const unsigned char *d, size_t len, struct pii__learn_model *m);
/* The embedded model, loaded once per process; NULL when the build has
 * none or it is unreadable (names then come from the rules alone). */
const struct pii__learn_model *pii__learn_embedded(void);
/* Adds the PERSON spans of model m whose margin reaches min_margin and
 * that no candidate already in c overlaps (m NULL: nothing); with a
 * tokenizer tk, not a span the dictionary reads as common nouns only. */
void pii__learned_names(const struct pii__text *t, struct pii__cands *c, struct pii__learn_buf *b,
			const struct pii__learn_model *m, float min_margin,
			struct text_tokenizer *tk);
/* Makes d's scanners use model m (borrowed; NULL: none) at min_margin
 * instead of the embedded one: for tools/pii_train.c, which evaluates the
 * models it trains, and the unit tests. It changes a detector the API
 * calls immutable: call it only while no scan runs. */
void pii__detector_use_model(struct pii_detector *d, const struct pii__learn_model *m,
			      float min_margin);

#endif
