/* pii_learn: a learned second opinion on person names.
 *
 * The rules of pii_person.c, pii_bare.c and the others find names from
 * their context one structure at a time; eighteen rounds of them left
 * about one name in twelve of text written blind unfound (headerless rows,
 * arrow rows, one value a line, foreign residents' names in every script).
 * This file tags names with a linear model learned from the project's
 * labelled texts (tests/data/pii/): a first-order sequence model over the
 * code points of the folded text with the tags O (outside), B (a name's
 * first code point) and I (inside a name), trained as the mean of eight
 * averaged structured perceptrons (Collins 2002) by tools/pii_train.c at
 * build time and embedded in the binary (yk_pii_model, build/<mode>/gen/).
 *
 * Features of a code point (hashed into 2^PII_LEARN_BITS buckets, the
 * "hashing trick"): the code point and its neighbours up to two away, the
 * pairs it forms with the one before and after it and the pair after it,
 * the classes (kanji, katakana, Latin upper case...) of it and its two
 * neighbours, the length of its class run and its place in it, the two
 * code points before the run and after it (spaces skipped: 妻 before
 * ROSA, さん after it), and the line's layout: whether it is a CSV or TSV
 * row, the column, the header row's cell above it, the label before a
 * colon on the same line, and the position near the line's start. Six
 * more templates (three-code-point contexts, five classes, the pair before,
 * the class with the next run, the header row itself) were dropped: one at
 * a time none changed the two held-out folds by more than three spans, and
 * together they cost one or two false alarms in 1,600 spans (docs/pii.md).
 * Code points no name holds (digits, brackets...) are O without features.
 *
 * pii__learned_names() runs after the rules and adds a PERSON candidate
 * only where no rule found anything and only when the model is sure: the
 * margin (best path score minus the best score of a path that leaves the
 * span outside every name, computed in O(1) a span from forward and
 * backward Viterbi scores) must reach PII_LEARN_MIN_MARGIN. A span the
 * rules know to be no name is dropped: a Latin stop word, a prefecture, a
 * half-width label's value that reads no surname (ﾀﾝﾄｳ ｶｸﾆﾝ ｽﾞﾐ), and
 * words MeCab reads as common nouns only (ウイルス, 健診: the FAQ answers
 * of a real city). The public filter and the allow-list then see these
 * candidates like any other.
 */
#include "pii_int.h"
#include "core/embed.h"

#include <math.h>
#include <pthread.h>

/* Character classes (values beyond Unicode, so they never equal a code
 * point); a code point of no class is its own class. */
enum {
	LC_BASE = 0x110010,
	LC_DIGIT = LC_BASE,
	LC_UPPER,
	LC_LOWER,
	LC_HIRA,
	LC_KATA,
	LC_HALFKANA,
	LC_KANJI,
	LC_SPACE,
	LC_NL,
	LC_TAB,
	LC_LETTER,
};

static inline uint32_t lclass(uint32_t c)
{
	if (c < 0x80) {
		if (pii__is_digit(c))
			return LC_DIGIT;
		if (pii__is_upper(c))
			return LC_UPPER;
		if (c >= 'a' && c <= 'z')
			return LC_LOWER;
		if (c == ' ')
			return LC_SPACE;
		if (c == '\n')
			return LC_NL;
		if (c == '\t')
			return LC_TAB;
		return c;
	}
	/* the common kanji first (one compare), then kana */
	if (c - 0x4E00u <= 0x9FFFu - 0x4E00u)
		return LC_KANJI;
	if (c >= 0x3041 && c <= 0x309F)
		return LC_HIRA;
	if (c >= 0x30A1 && c <= 0x30FF)
		return c == 0x30FB ? c : LC_KATA;
	if (pii__is_kanji(c))
		return LC_KANJI;
	if (c >= 0xFF66 && c <= 0xFF9F)
		return LC_HALFKANA;
	/* the punctuation and symbols of Japanese text hold no letter: no
	 * look-up (、。「」, full-width forms, dashes, arrows, circled digits) */
	if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF65) ||
	    (c >= 0x2010 && c <= 0x2BFF))
		return c;
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
	if (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO)
		return LC_LETTER;
	return c;
}

/* Feature templates (the first value hashed with a feature's code points). */
enum {
	F_BIAS, F_C0, F_CM1, F_CP1, F_CM2, F_CP2, F_BM1, F_BP1, F_BP2, F_K3, F_RUNLEN, F_RUNPOS,
	F_PW, F_NW, F_PWK, F_CSV, F_COL, F_HDR, F_HDRK, F_LAB, F_LABK, F_LINESTART,
};


/* Hashing of features: each code point and class is mixed once per text
 * (pii__mix64()), and a feature's bucket is its template's constant
 * combined with the mixed values by XOR and rotations (a different
 * rotation for each place, so ab and ba differ), then one final mix. */
static inline uint64_t rotl(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}
static inline uint64_t tmpl(unsigned t)
{
	return (t + 1) * 0x9E3779B97F4A7C15ULL;
}
static inline uint32_t bucket(uint64_t h)
{
	/* the values are mixed already: a multiplicative hash is enough */
	return (uint32_t)((h * 0xD6E8FEB86659FD93ULL) >> (64 - PII_LEARN_BITS));
}
static inline uint32_t f1(unsigned t, uint64_t a)
{
	return bucket(tmpl(t) ^ a);
}
static inline uint32_t f2(unsigned t, uint64_t a, uint64_t b)
{
	return bucket(tmpl(t) ^ a ^ rotl(b, 21));
}
static inline uint32_t f3(unsigned t, uint64_t a, uint64_t b, uint64_t c)
{
	return bucket(tmpl(t) ^ a ^ rotl(b, 21) ^ rotl(c, 42));
}
/* A short sequence of code points (a header cell, a label). */
static inline uint64_t mix_seq(const uint64_t *hu, size_t s, size_t len)
{
	uint64_t h = 0;
	for (size_t j = 0; j < len; j++)
		h = rotl(h, 13) ^ hu[s + j];
	return h;
}

/* pii__mix64() as a constant expression, for the table of the classes'
 * mixed values (the same steps, so the same values; sanitizer builds
 * compare each value the sweep takes from it). */
#define MIX64_S1(x) ((x) ^ ((x) >> 30))
#define MIX64_S2(x) (MIX64_S1(x) * 0xBF58476D1CE4E5B9ULL)
#define MIX64_S3(x) (MIX64_S2(x) ^ (MIX64_S2(x) >> 27))
#define MIX64_S4(x) (MIX64_S3(x) * 0x94D049BB133111EBULL)
#define MIX64_CONST(x) (MIX64_S4(x) ^ (MIX64_S4(x) >> 31))

/* The mixed code points and classes have PAD sentinels before the text
 * and after it, so that a feature two away needs no test. */
#define PAD 2

/* The per-text arrays a sweep needs (grown, kept by the caller). */
void pii__learn_buf_free(struct pii__learn_buf *b)
{
	free(b->cpx);
	free(b->hu);
	free(b->hk);
	free(b->cls);
	free(b->rs);
	free(b->re);
	free(b->em);
	free(b->fw);
	free(b->bw);
	free(b->bp);
	free(b->tag);
	free(b->osum);
	text_morphs_release(&b->words);
	memset(b, 0, sizeof(*b));
}

static void buf_grow(struct pii__learn_buf *b, size_t n)
{
	if (n <= b->cap)
		return;
	size_t cap = n < 256 ? 256 : n;
	b->cpx = yk_xrealloc(b->cpx, cap * sizeof(*b->cpx));
	/* PAD sentinels before and after the text */
	b->hu = yk_xrealloc(b->hu, (cap + 2 * PAD) * sizeof(*b->hu));
	b->hk = yk_xrealloc(b->hk, (cap + 2 * PAD) * sizeof(*b->hk));
	b->cls = yk_xrealloc(b->cls, cap * sizeof(*b->cls));
	b->rs = yk_xrealloc(b->rs, cap * sizeof(*b->rs));
	b->re = yk_xrealloc(b->re, cap * sizeof(*b->re));
	b->em = yk_xrealloc(b->em, cap * 3 * sizeof(*b->em));
	b->fw = yk_xrealloc(b->fw, cap * 3 * sizeof(*b->fw));
	b->bw = yk_xrealloc(b->bw, cap * 3 * sizeof(*b->bw));
	b->bp = yk_xrealloc(b->bp, cap * 3 * sizeof(*b->bp));
	b->tag = yk_xrealloc(b->tag, cap * sizeof(*b->tag));
	b->osum = yk_xrealloc(b->osum, (cap + 1) * sizeof(*b->osum));
	b->cap = cap;
}

/* The first position in [i, end) that holds c, or end: wmemchr() over the
 * code points, several a step, where a loop tests one (pii__find_cp_in()
 * of an array). */
static inline size_t find_in(const uint32_t *cp, size_t i, size_t end, uint32_t c)
{
	if (i >= end)
		return end;
	const wchar_t *w = (const wchar_t *)cp;
	const wchar_t *p = wmemchr(w + i, (wchar_t)c, end - i);
	return p ? (size_t)(p - w) : end;
}

/* The separator of a CSV or TSV row: a tab, or a comma when the line has
 * two or more; 0 for any other line. */
static uint32_t row_sep(const uint32_t *cp, size_t a, size_t e)
{
	if (find_in(cp, a, e, '\t') < e)
		return '\t';
	size_t c1 = find_in(cp, a, e, ',');
	return c1 < e && find_in(cp, c1 + 1, e, ',') < e ? ',' : 0;
}

static size_t count_cells(const uint32_t *cp, size_t a, size_t e, uint32_t sep)
{
	size_t k = 1;
	for (size_t i = a; i < e; i++)
		k += cp[i] == sep;
	return k;
}

/* Cell col of the row [a, e) with separator sep, trimmed of spaces and cut
 * to six code points: [*s, *s + *len). */
static void cell_of(const uint32_t *cp, size_t a, size_t e, uint32_t sep, size_t col, size_t *s,
		    size_t *len)
{
	size_t i = a;
	for (size_t k = 0; k < col && i < e; i++)
		if (cp[i] == sep)
			k++;
	size_t z = i;
	while (z < e && cp[z] != sep)
		z++;
	while (i < z && (cp[i] == ' ' || cp[i] == '\r'))
		i++;
	while (z > i && (cp[z - 1] == ' ' || cp[z - 1] == '\r'))
		z--;
	*s = i;
	*len = z - i > 6 ? 6 : z - i;
}

#define NEG (-1e30f)
/* No labelled name holds a run of more hiragana than this (406 of 8,383
 * names hold hiragana; runs of 1-5), and a kana name is a whole run: a
 * longer run (することができます) is prose, O without features. */
#define HIRA_NAME_MAX 5

/* Code points no name holds (digits, line breaks, tabs, brackets and most
 * punctuation; names hold letters, spaces, ・ and , - . ' between Latin
 * names): their tag is O, so the sweep neither computes their features nor
 * lets the decoder put them in a name. Measured on the labelled names of
 * tests/data/pii, which hold no other code point. */
static inline int never_in_name(uint32_t c, uint32_t cls)
{
	if (cls == LC_DIGIT || cls == LC_NL || cls == LC_TAB)
		return 1;
	if (cls != c) /* letters, spaces */
		return 0;
	return !(c == ',' || c == '-' || c == '.' || c == '\'' || c == 0x30FB || c == 0xFF65);
}

/* A feature x of the code point: with a model, its weights added to the
 * scores acc (the scan: no list, no call); without, into f[] for fn
 * (training). */
#define ADD(x)                                                       \
	do {                                                         \
		uint32_t x_ = (x);                                   \
		if (m) {                                             \
			acc += m->w[x_];                             \
		} else {                                             \
			f[k++] = x_;                                 \
		}                                                    \
	} while (0)

/* pii__learn_sweep(), inlined twice: with m (the scan) and with fn. */
static inline __attribute__((always_inline)) void
sweep(const uint32_t *folded, size_t n, const char *raw, const uint32_t *boff,
      struct pii__learn_buf *b, const struct pii__learn_model *m, pii__learn_fn fn, void *arg)
{
	buf_grow(b, n + 1);
	/* text_fold() makes a tab a space; a TSV row needs its tabs back */
	const uint32_t *cp = folded;
	if (raw && boff && memchr(raw, '\t', boff[n])) {
		for (size_t i = 0; i < n; i++)
			b->cpx[i] = raw[boff[i]] == '\t' ? '\t' : folded[i];
		cp = b->cpx;
	}
	uint64_t *hu = b->hu + PAD, *hk = b->hk + PAD;
	for (size_t i = 0; i < n; i++) {
		b->cls[i] = lclass(cp[i]);
		hu[i] = pii__mix64(cp[i]);
	}
	/* the classes LC_DIGIT..LC_LETTER (most code points) mixed once, at
	 * build time */
	static const uint64_t lc_mixed[LC_LETTER - LC_BASE + 1] = {
#define LCM(k) [k - LC_BASE] = MIX64_CONST((uint64_t)(k) ^ 0xA5A5A5A500000000ULL)
		LCM(LC_DIGIT), LCM(LC_UPPER), LCM(LC_LOWER), LCM(LC_HIRA), LCM(LC_KATA),
		LCM(LC_HALFKANA), LCM(LC_KANJI), LCM(LC_SPACE), LCM(LC_NL), LCM(LC_TAB),
		LCM(LC_LETTER),
#undef LCM
	};
	/* the class runs; a run's code points share one mixed class */
	for (size_t i = 0; i < n;) {
		uint32_t k = b->cls[i];
		size_t j = i + 1;
		while (j < n && b->cls[j] == k)
			j++;
		uint64_t hki = k >= LC_BASE ? lc_mixed[k - LC_BASE]
					    : pii__mix64(k ^ 0xA5A5A5A500000000ULL);
#if defined(__SANITIZE_ADDRESS__)
		if (hki != pii__mix64(k ^ 0xA5A5A5A500000000ULL))
			abort(); /* the table is pii__mix64()'s (sanitizer builds) */
#endif
		for (size_t x = i; x < j; x++) {
			b->rs[x] = (uint32_t)i;
			b->re[x] = (uint32_t)j;
			hk[x] = hki;
		}
		i = j;
	}
	/* a text's edges read as a blank line's: a text scanned alone and
	 * the same text inside a document whose texts are parted by blank
	 * lines give the same features (session 23: with sentinels of their
	 * own, a name opening or closing a text (…以上　ゆうじ) was the model's
	 * alone and lost in a document) */
	const uint64_t nl_u = pii__mix64('\n'), nl_k = lc_mixed[LC_NL - LC_BASE];
	for (size_t j = 1; j <= PAD; j++) {
		hu[-(ptrdiff_t)j] = hu[n - 1 + j] = nl_u;
		hk[-(ptrdiff_t)j] = hk[n - 1 + j] = nl_k;
	}
	uint32_t f[PII_LEARN_NFEAT];
	/* with a model, the weights of the bias and of the four places in a
	 * run (F_RUNPOS: first, last, both, neither), summed once a text */
	pii__v4 bias_pos[4] = {{0, 0, 0, 0}};
	if (m)
		for (unsigned v = 0; v < 4; v++)
			bias_pos[v] = m->w[f1(F_BIAS, 0)] + m->w[f1(F_RUNPOS, v)];
	/* the header row of the current table: its line, separator, cells */
	size_t ha = 0, he = 0, hcells = 0;
	uint32_t hsep = 0;
	for (size_t a = 0; a <= n;) {
		size_t e = find_in(cp, a, n, '\n');
		uint32_t sep = row_sep(cp, a, e);
		int ishdr = 0;
		size_t cells = 0;
		if (sep) {
			cells = count_cells(cp, a, e, sep);
			if (!hsep || hsep != sep || hcells != cells) {
				ha = a;
				he = e;
				hsep = sep;
				hcells = cells;
				ishdr = 1;
			}
		} else {
			hsep = 0;
		}
		size_t col = 0;
		uint64_t hlab = 0, hhdr = 0;
		int haslab = 0;
		size_t hcol = (size_t)-1;
		/* the run's neighbours, computed at each run's start, and
		 * (with a model) the weights of the run's features */
		uint64_t pw = 0, nw = 0;
		pii__v4 run = {0, 0, 0, 0};
#if defined(__SANITIZE_ADDRESS__)
		size_t run_start = (size_t)-1;
#endif
		for (size_t i = a; i < e; i++) {
			uint32_t c = cp[i];
			if (sep && c == sep)
				col++;
			if (c == ':') {
				size_t lab = i >= a + 4 ? i - 4 : a;
				hlab = mix_seq(hu, lab, i - lab);
				haslab = 2; /* from the next code point on */
			} else if (haslab == 2) {
				haslab = 1;
			}
			if (never_in_name(c, b->cls[i]) ||
			    (b->cls[i] == LC_HIRA && b->re[i] - b->rs[i] > HIRA_NAME_MAX)) {
				/* outside every name: O, and no features to score */
				float *em = b->em + i * 3;
				em[0] = 0, em[1] = NEG, em[2] = NEG;
				continue;
			}
			ptrdiff_t p = (ptrdiff_t)i;
			size_t k = 0;
			pii__v4 acc = {0, 0, 0, 0};
			uint64_t um1 = hu[p - 1], up1 = hu[p + 1];
			uint64_t um2 = hu[p - 2], up2 = hu[p + 2];
			uint64_t u0 = hu[i];
			if (m)
				acc = bias_pos[(i == b->rs[i]) | (i + 1 == b->re[i]) << 1];
			else
				f[k++] = f1(F_BIAS, 0);
			ADD(f1(F_C0, u0));
			ADD(f1(F_CM1, um1));
			ADD(f1(F_CP1, up1));
			ADD(f1(F_CM2, um2));
			ADD(f1(F_CP2, up2));
			ADD(f2(F_BM1, um1, u0));
			ADD(f2(F_BP1, u0, up1));
			ADD(f2(F_BP2, up1, up2));
			uint64_t k0 = hk[i], km1 = hk[p - 1], kp1 = hk[p + 1];
			ADD(f3(F_K3, km1, k0, kp1));
			size_t rs = b->rs[i], re = b->re[i];
			if (!m)
				f[k++] = f2(F_RUNLEN, k0, re - rs > 8 ? 8 : re - rs);
			if (!m)
				f[k++] = f1(F_RUNPOS, (uint64_t)(i == rs) | (uint64_t)(i + 1 == re) << 1);
			if (i == rs || i == a) {
				/* the two code points before the run and after it,
				 * spaces skipped */
				ptrdiff_t q = (ptrdiff_t)rs - 1;
				while (q >= (ptrdiff_t)a && cp[q] == ' ')
					q--;
				pw = 0x2545F4914F6CDD1DULL;
				if (q >= (ptrdiff_t)a)
					pw = hu[q] ^ rotl(q - 1 >= (ptrdiff_t)a ? hu[q - 1] : 1, 21);
				size_t r = re;
				while (r < e && cp[r] == ' ')
					r++;
				nw = 0x9E6C63D0676A9A99ULL;
				if (r < e)
					nw = hu[r] ^ rotl(r + 1 < e ? hu[r + 1] : 2, 21);
				/* the run's length and neighbours are its code
				 * points' alike: their weights summed once a run
				 * (a run is scored whole or not at all, so its
				 * first scored code point is rs) */
				if (m) {
					run = m->w[f2(F_RUNLEN, k0, re - rs > 8 ? 8 : re - rs)] +
					      m->w[f1(F_PW, pw)] + m->w[f1(F_NW, nw)] +
					      m->w[f2(F_PWK, pw, k0)];
#if defined(__SANITIZE_ADDRESS__)
					run_start = rs;
#endif
				}
			}
			if (m) {
#if defined(__SANITIZE_ADDRESS__)
				if (run_start != rs)
					abort(); /* the sum is another run's */
#endif
				acc += run;
			} else {
				f[k++] = f1(F_PW, pw);
				f[k++] = f1(F_NW, nw);
				f[k++] = f2(F_PWK, pw, k0);
			}
			if (sep) {
				ADD(f1(F_CSV, 0));
				ADD(f1(F_COL, col > 10 ? 10 : col));
				if (!ishdr && col < hcells) {
					if (col != hcol) {
						size_t hs, hl;
						cell_of(cp, ha, he, hsep, col, &hs, &hl);
						hhdr = mix_seq(hu, hs, hl);
						hcol = col;
					}
					ADD(f1(F_HDR, hhdr));
					ADD(f2(F_HDRK, hhdr, k0));
				}
			}
			if (haslab == 1) {
				ADD(f1(F_LAB, hlab));
				ADD(f2(F_LABK, hlab, k0));
			}
			if (i - a < 3)
				ADD(f1(F_LINESTART, i - a));
			if (m) {
				/* the three conversions and products at once: the
				 * same roundings as one by one (SSE, no contraction) */
				typedef float f4 __attribute__((vector_size(16)));
				f4 v = __builtin_convertvector(acc, f4) * m->scale;
				float *em = b->em + i * 3;
				em[0] = v[0];
				em[1] = v[1];
				em[2] = v[2];
			} else {
				fn(arg, i, f, k);
			}
		}
		if (e < n) {
			float *em = b->em + e * 3;
			em[0] = 0, em[1] = NEG, em[2] = NEG;
		}
		a = e + 1;
	}
}

#undef ADD

void pii__learn_sweep(const uint32_t *cp, size_t n, const char *raw, const uint32_t *boff,
		      struct pii__learn_buf *b, const struct pii__learn_model *m, pii__learn_fn fn,
		      void *arg)
{
	if (m)
		sweep(cp, n, raw, boff, b, m, NULL, NULL);
	else
		sweep(cp, n, raw, boff, b, NULL, fn, arg);
}

/* ---- decoding ------------------------------------------------------------ */

/* Four floats and four 32-bit lanes (GCC vectors: SSE2 on x86-64). */
typedef float learn_f4 __attribute__((vector_size(16)));
typedef int32_t learn_i4 __attribute__((vector_size(16)));

/* a where the lane's mask is set, else b */
static inline learn_f4 pick(learn_i4 mask, learn_f4 a, learn_f4 b)
{
	return (learn_f4)(((learn_i4)a & mask) | ((learn_i4)b & ~mask));
}
/* lane of v in all four lanes (a subscript, which GCC and clang both
 * take: __builtin_shuffle is GCC's alone and the fuzz build is clang's) */
static inline learn_f4 splat(learn_f4 v, int lane)
{
	float x = v[lane];
	return (learn_f4){x, x, x, x};
}

float pii__learn_viterbi(struct pii__learn_buf *b, size_t n, const float tr[3][3])
{
	if (n == 0)
		return 0;
	enum { O = PII_LEARN_O, B = PII_LEARN_B, I = PII_LEARN_I };
	const float *em = b->em;
	float *fw = b->fw;
	uint8_t *bp = b->bp;
	/* The three tags of a position at once, lane y the scores of y
	 * (lane 3 unused): from O, from B and from I, the transition's
	 * column plus the previous position's score, then the best of the
	 * three, as the scalar loop did (O >= B keeps O, then I only when
	 * above both), plus the emission. The same additions and comparisons
	 * in the same order, so the same scores and back pointers. I follows
	 * only B or I: its score from O is -inf, which neither wins nor ties
	 * (the scores are finite). The arrays hold (n + 1) * 3 values
	 * (buf_grow()): a load or store of four at position n - 1 stays in
	 * them, and the fourth is the next position's, written after. */
	const learn_f4 tO = {tr[O][O], tr[O][B], -INFINITY, 0};
	const learn_f4 tB = {tr[B][O], tr[B][B], tr[B][I], 0};
	const learn_f4 tI = {tr[I][O], tr[I][B], tr[I][I], 0};
	/* a text opens and closes as if an O stood on either side (the blank
	 * line around a text in a document: the same scores for the text
	 * alone and inside one) */
	learn_f4 p = {em[O] + tr[O][O], em[B] + tr[O][B], NEG, 0};
	fw[O] = p[O], fw[B] = p[B], fw[I] = p[I];
	double offset = 0;
	for (size_t i = 1; i < n; i++) {
		learn_f4 so = splat(p, O) + tO, sb = splat(p, B) + tB, si = splat(p, I) + tI;
		learn_i4 ge = so >= sb;
		learn_f4 best = pick(ge, so, sb);
		learn_i4 arg = ~ge & B;
		learn_i4 gt = si > best;
		best = pick(gt, si, best);
		arg = (gt & I) | (arg & ~gt);
		learn_f4 e;
		memcpy(&e, em + i * 3, sizeof(e));
		p = best + e;
		/* every path is O where no name can be (a line break, a
		 * digit): the scores from there on are kept relative to its O
		 * score, so that they stay small in a long document, where
		 * sums of thousands of floats lost the margin's precision
		 * (session 23: 56 for 93 at the 3,565th code point) */
		if (e[B] <= NEG * 0.5f) {
			offset += p[O];
			p -= splat(p, O);
		}
		memcpy(fw + i * 3, &p, sizeof(p));
		uint8_t *rq = bp + i * 3;
		rq[O] = (uint8_t)arg[O], rq[B] = (uint8_t)arg[B], rq[I] = (uint8_t)arg[I];
	}
	const float *lf = fw + (n - 1) * 3;
	const float last[3] = {lf[O] + tr[O][O], lf[B] + tr[B][O], lf[I] + tr[I][O]};
	int y = last[O] >= last[B] ? O : B;
	if (last[I] > last[y])
		y = I;
	float best = (float)(last[y] + offset);
	uint8_t *tag = b->tag; /* (a store through b->tag could change b) */
	for (size_t i = n; i-- > 0;) {
		tag[i] = (uint8_t)y;
		if (i)
			y = bp[i * 3 + y];
	}
	return best;
}

void pii__learn_backward(struct pii__learn_buf *b, size_t n, const float tr[3][3])
{
	if (n == 0)
		return;
	const float *em = b->em;
	float *bw = b->bw;
	/* It runs over a whole document once a span there needs its margin
	 * (tenth speed round). The three tags at once, as in
	 * pii__learn_viterbi(): lane x the scores of x, the transitions from
	 * x to O, B and I plus the next position's scores, the best of the
	 * first two, then of it and the third; O to I is -inf, which never
	 * wins (the scores are finite). The same additions and comparisons in
	 * the same order, so the same scores. A load of four at position
	 * n - 1 stays in the array (buf_grow()); a store writes three, the
	 * fourth being the previous position's. */
	const learn_f4 tO = {tr[0][0], tr[1][0], tr[2][0], 0};
	const learn_f4 tB = {tr[0][1], tr[1][1], tr[2][1], 0};
	const learn_f4 tI = {-INFINITY, tr[1][2], tr[2][2], 0};
	/* bw[i][x] = the best score of i+1.. given x at i */
	/* the step into the O after the text */
	learn_f4 next = {tr[0][0], tr[1][0], tr[2][0], 0};
	bw[(n - 1) * 3] = next[0], bw[(n - 1) * 3 + 1] = next[1], bw[(n - 1) * 3 + 2] = next[2];
	for (size_t i = n - 1; i > 0; i--) {
		learn_f4 e;
		memcpy(&e, em + i * 3, sizeof(e));
		learn_f4 g = e + next;
		learn_f4 a = tO + splat(g, 0), c = tB + splat(g, 1), d = tI + splat(g, 2);
		learn_f4 m = pick(a > c, a, c);
		next = pick(m > d, m, d);
		/* relative to the O where no name can be, as forward */
		if (e[1] <= NEG * 0.5f)
			next -= splat(g, 0);
		float *q = bw + (i - 1) * 3;
		q[0] = next[0], q[1] = next[1], q[2] = next[2];
	}
	/* prefix sums of the O scores */
	b->osum[0] = 0;
	for (size_t i = 0; i < n; i++)
		b->osum[i + 1] = b->osum[i] + em[i * 3 + PII_LEARN_O];
}

float pii__learn_margin(const struct pii__learn_buf *b, const float tr[3][3], size_t s, size_t e)
{
	/* the best path's score through e - 1, in the scale of the forward
	 * and backward scores there (both kept relative to the last O where
	 * no name can be: the same offsets on [s - 1, e - 1] when no such O
	 * is inside the span) */
	const float *f = b->fw + (e - 1) * 3, *g = b->bw + (e - 1) * 3;
	float best = f[0] + g[0];
	if (f[1] + g[1] > best)
		best = f[1] + g[1];
	if (f[2] + g[2] > best)
		best = f[2] + g[2];
	/* the best path with [s, e) all O: best prefix into O at s, the O
	 * scores and O->O steps inside, best suffix out of O at e - 1 */
	float in = tr[PII_LEARN_O][PII_LEARN_O]; /* from the O before the text */
	if (s > 0) {
		in = NEG;
		for (int x = 0; x < 3; x++) {
			float v = b->fw[(s - 1) * 3 + x] + tr[x][PII_LEARN_O];
			if (v > in)
				in = v;
		}
	}
	float inside = (float)(b->osum[e] - b->osum[s]) + (float)(e - s - 1) * tr[0][0];
	float out = b->bw[(e - 1) * 3 + PII_LEARN_O];
	return best - (in + inside + out);
}

/* ---- the embedded model --------------------------------------------------- */

static struct pii__learn_model embedded;
static int embedded_ok;
static pthread_once_t embedded_once = PTHREAD_ONCE_INIT;

int pii__learn_parse(const unsigned char *d, size_t len, struct pii__learn_model *m)
{
	struct pii__learn_header h;
	if (len < sizeof(h))
		return YK_EINVAL;
	memcpy(&h, d, sizeof(h));
	if (memcmp(h.magic, PII_LEARN_MAGIC, 4) != 0 || h.bits != PII_LEARN_BITS ||
	    h.count > (1u << PII_LEARN_BITS) || (len - sizeof(h)) % PII_LEARN_ENTRY ||
	    (len - sizeof(h)) / PII_LEARN_ENTRY != h.count || !isfinite(h.scale))
		return YK_EINVAL;
	m->scale = h.scale;
	memcpy(m->tr, h.tr, sizeof(h.tr));
	memset(m->w, 0, sizeof(*m->w) << PII_LEARN_BITS);
	const unsigned char *p = d + sizeof(h);
	for (uint32_t k = 0; k < h.count; k++, p += PII_LEARN_ENTRY) {
		uint32_t idx;
		memcpy(&idx, p, 4);
		if (idx >= (1u << PII_LEARN_BITS))
			return YK_EINVAL;
		int16_t w[3];
		memcpy(w, p + 4, 6);
		m->w[idx] = (pii__v4){w[0], w[1], w[2], 0};
	}
	return 0;
}

static void embedded_init(void)
{
	const struct yk_embedded_file *f = &yk_pii_model[0];
	if (!f->name)
		return; /* a build without a model (tools/pii_train.c itself) */
	embedded.w = yk_xmalloc(sizeof(*embedded.w) << PII_LEARN_BITS);
	if (pii__learn_parse(f->data, f->len, &embedded)) {
		yk_log(YK_LOG_WARN, "pii: the embedded name model is unreadable; names are found by the rules alone");
		free(embedded.w);
		embedded.w = NULL;
		return;
	}
	embedded_ok = 1;
}

const struct pii__learn_model *pii__learn_embedded(void)
{
	pthread_once(&embedded_once, embedded_init);
	return embedded_ok ? &embedded : NULL;
}

int pii_learn_info(size_t *features, size_t *bytes)
{
	const struct pii__learn_model *m = pii__learn_embedded();
	if (!m)
		return YK_ENOTFOUND;
	if (features) {
		size_t k = 0;
		for (size_t i = 0; i < ((size_t)1 << PII_LEARN_BITS); i++)
			k += m->w[i][0] || m->w[i][1] || m->w[i][2];
		*features = k;
	}
	if (bytes)
		*bytes = sizeof(*m->w) << PII_LEARN_BITS;
	return 0;
}

/* What the rules know not to be a name, applied to the model's span
 * [s, e) word by word (words split at spaces and ・): a Latin stop word
 * (Windows, Version), a common word said with ちゃん or くん (新人, ワン),
 * a prefecture (東京 大阪). Only a span all of whose words are such is
 * dropped, but a Latin stop word drops any span it is in. A span that is a
 * role or a trade said with さん or 様 (仲居さん) or a place before its
 * office in brackets (北浜（本庁）), a place one moves to or in a country
 * (台湾の新竹) or a Korean verb (가져오세요) is no one, and one kanji
 * of a direction alone (東（農協）：, the co-op's east branch) is left to
 * the rules, which know when it is a surname (東さん, 東委員). */
static int known_not_name(const struct pii__text *t, size_t s, size_t e)
{
	/* a place with its office or hall in brackets: 北浜（本庁）、南浜（支所） */
	static const char *const offices[] = {"本庁)", "支所)", "本館)", "分館)", "出張所)",
					      "庁舎)", "会場)", NULL};
	if (pii__called_not_name(t, s, e) ||
	    (e + 1 < t->n && t->cp[e] == '(' && pii__match_any(t, e + 1, offices)))
		return 1;
	/* a place one moves to (4月に宮古に引っ越して, 新竹に赴任) or in a
	 * country (台湾の新竹に; not a prefecture: 県の田中です is a caller) */
	static const char *const moved[] = {"に引っ越", "へ引っ越", "に転居", "へ転居", "に赴任",
					    "に転勤", "へ転勤", NULL};
	static const char *const realms[] = {"台湾の", "中国の", "韓国の", "ベトナムの",
					     "フィリピンの", "ブラジルの", "ネパールの", "タイの",
					     "インドネシアの", "ペルーの", "アメリカの", NULL};
	if (pii__match_any(t, e, moved) ||
	    (s >= 2 && pii__ends_with(t, s >= 8 ? s - 8 : 0, s, realms)))
		return 1;
	/* a Korean verb's polite end (가져오세요, 주세요): no name ends in 요 */
	if (t->cp[e - 1] == 0xC694 /* 요 */ && e - s >= 2 && t->cp[e - 2] >= 0xAC00 &&
	    t->cp[e - 2] <= 0xD7A3)
		return 1;
	if (e - s == 1 && (t->cp[s] == 0x6771 /* 東 */ || t->cp[s] == 0x897F /* 西 */ ||
			   t->cp[s] == 0x5357 /* 南 */ || t->cp[s] == 0x5317 /* 北 */))
		return 1;
	size_t words = 0, known = 0;
	for (size_t a = s; a < e;) {
		size_t z = a;
		while (z < e && t->cp[z] != ' ' && t->cp[z] != 0x30FB)
			z++;
		if (z > a) {
			words++;
			if (pii__is_latin(t->cp[a]) && pii__latin_stop_word(t, a, z))
				return 1;
			known += pii__chan_not_name(t, a, z) || pii__prefecture_name(t, a, z);
		}
		a = z + 1;
	}
	return words && known == words;
}

/* Whether [s, e) is one Latin word alone in round brackets right after a
 * document's number of letters and digits (Passport number: C4KR7T2M9
 * (Germany), Card: TK12345678 (Brazil); thirtieth set, batches 394-397):
 * the bracket after such a number names the state that issued it. A
 * number of digits alone may be a phone whose holder the bracket names
 * (090… (Maria)), so it does not count. */
static int issuer_after_document_number(const struct pii__text *t, size_t s, size_t e)
{
	if (s < 8 || e >= t->n || t->cp[s - 1] != '(' || t->cp[e] != ')')
		return 0;
	for (size_t k = s; k < e; k++)
		if (!pii__is_alpha(t->cp[k]))
			return 0;
	size_t z = s - 1;
	if (t->cp[z - 1] == ' ')
		z--;
	size_t a = z;
	int digits = 0, letters = 0;
	while (a > 0 && pii__is_alnum(t->cp[a - 1]) && z - a <= 12) {
		a--;
		digits += pii__is_digit(t->cp[a]);
		letters += pii__is_alpha(t->cp[a]);
	}
	return z - a >= 6 && z - a <= 12 && digits && letters && (a == 0 || !pii__is_alnum(t->cp[a - 1]));
}

/* An item of a route written with arrows (北山線：河原田 → 中野 → 石田 →
 * 役場前; batches 426-429): a stop, not a name, when an arrow stands next
 * to it, its line holds two arrows or more and the rules found nothing on
 * it (rules: their candidates). A hand-over (大沢→小川) has one arrow, and
 * a chain of them names someone the rules know. */
static int route_stop(const struct pii__text *t, struct pii__overlaps *rules, size_t s,
		      size_t e)
{
	size_t q;
	if (!pii__arrow_beside(t, s, e, &q))
		return 0;
	size_t ls = s, le = pii__line_end(t, q), arrows = 0;
	while (ls > 0 && t->cp[ls - 1] != '\n' && s - ls < 200)
		ls--;
	for (size_t k = pii__find_cp_in(t, ls, le, 0x2192); k < le && arrows < 2;
	     k = pii__find_cp_in(t, k + 1, le, 0x2192))
		arrows++;
	/* a chain where the rules found someone is a hand-over's */
	return arrows >= 2 && !pii__overlaps_any(rules, ls, le);
}

/* Whether the dictionary reads the span [s, e) alone as common nouns and
 * nothing else (ウイルス, マンション, 健診, クモ・ムカデ・ヤスデ; a ・ or a
 * space between them aside): words of public prose the model took for
 * names in the FAQ corpus of a real city. A word not in the dictionary, a
 * name's or a place's word, and a noun the dictionary also has as a
 * surname (星, 大橋) keep the span; so does a failed analysis. */
static int common_words_only(struct text_tokenizer *tk, const struct pii__text *t, size_t s,
			     size_t e, struct text_morphs *mo)
{
	/* a word said with an honorific is someone's name (ビスタさん, ジャスミン
	 * ちゃん: words too), unless ENAMDICT knows it as a place alone (クラス
	 * is Kras, Slovenia: お子さんのクラスさん); so is one in Latin letters
	 * (妻 ROSA) */
	static const char *const said_to[] = {"さん", "ちゃん", "様", "さま", "くん", "君", "氏", "殿", NULL};
	size_t z = e;
	while (z < t->n && t->cp[z] == ' ')
		z++;
	if (pii__match_any(t, z, said_to)) {
		const struct pii__names *names = pii__names_get();
		if (!names || e - s > 4 || pii__names_lookup(names, t->cp + s, e - s) != PII_NAME_PLACE)
			return 0;
	}
	for (size_t k = s; k < e; k++)
		if (pii__is_latin(t->cp[k]))
			return 0;
	size_t bs = t->boff[s], be = e < t->n ? t->boff[e] : t->len;
	if (text_analyze_valid(tk, t->raw + bs, be - bs, mo, NULL) || mo->n == 0)
		return 0;
	size_t nouns = 0;
	for (size_t k = 0; k < mo->n; k++) {
		const struct text_morph *w = &mo->v[k];
		const char *x = t->raw + bs + w->start;
		size_t len = w->end - w->start;
		if (w->kind == TEXT_MORPH_NOUN && !w->flags)
			nouns++;
		else if (!((len == 3 && memcmp(x, "・", 3) == 0) || (len == 3 && memcmp(x, "･", 3) == 0)))
			return 0;
	}
	return nouns > 0;
}

/* Whether a span ending in a kanji cuts the word MeCab reads there with
 * the kana after it (係長 決裁 済み gave 「決裁 済」: 済み is one word); a
 * name ends where its word does (田中は, 石原が). The span's last kanji run
 * and up to four kana after it are read. */
static int cuts_word(struct text_tokenizer *tk, const struct pii__text *t, const uint32_t *cls,
		     size_t s, size_t e, struct text_morphs *mo)
{
	if (e >= t->n || cls[e - 1] != LC_KANJI || cls[e] != LC_HIRA)
		return 0;
	size_t a = e - 1, z = e;
	while (a > s && cls[a - 1] == LC_KANJI)
		a--;
	while (z < t->n && cls[z] == LC_HIRA && z - e < 4)
		z++;
	size_t ba = t->boff[a], be = t->boff[e], bz = z < t->n ? t->boff[z] : t->len;
	if (text_analyze_valid(tk, t->raw + ba, bz - ba, mo, NULL))
		return 0;
	for (size_t k = 0; k < mo->n; k++)
		if (mo->v[k].start < be - ba && mo->v[k].end > be - ba)
			return 1;
	return 0;
}

/* A word of four Hangul syllables or more, unspaced, opening with no
 * surname of two (남궁, 선우, 제갈, 황보, 독고, 사공, 서문): no Korean name
 * (a surname and a given name make two or three; every labelled Hangul
 * name has two or three), but a noun (어린이집 after 件名：, which the
 * model retrained on session 25's read files reads as one). */
static int hangul_word_not_name(const struct pii__text *t, size_t s, size_t e)
{
	static const uint32_t two[][2] = {{0xB0A8, 0xAD81}, {0xC120, 0xC6B0}, {0xC81C, 0xAC08},
					  {0xD669, 0xBCF4}, {0xB3C5, 0xACE0}, {0xC0AC, 0xACF5},
					  {0xC11C, 0xBB38}};
	if (e - s < 4)
		return 0;
	for (size_t k = s; k < e; k++)
		if (t->cp[k] < 0xAC00 || t->cp[k] > 0xD7A3)
			return 0;
	for (size_t k = 0; k < YK_ARRAY_LEN(two); k++)
		if (t->cp[s] == two[k][0] && t->cp[s + 1] == two[k][1])
			return 0;
	return 1;
}

void pii__learned_names(const struct pii__text *t, struct pii__cands *c, struct pii__learn_buf *b,
			const struct pii__learn_model *m, float min_margin,
			struct text_tokenizer *tk)
{
	if (t->n == 0 || !m)
		return;
	size_t n = t->n;
	pii__learn_sweep(t->cp, n, t->raw, t->boff, b, m, NULL, NULL);
	(void)pii__learn_viterbi(b, n, m->tr);
	int margins = 0; /* the backward scores, computed at the first span */
	/* the rules' candidates settle overlaps, whatever their confidence
	 * (not the spans added here) */
	struct pii__overlaps rules;
	pii__overlaps_init(&rules, c, c->n, -1.0);
	for (size_t i = 0; i < n;) {
		if (b->tag[i] == PII_LEARN_O) {
			i++;
			continue;
		}
		size_t e = i + 1;
		while (e < n && b->tag[e] == PII_LEARN_I)
			e++;
		size_t s = i;
		i = e;
		/* a name neither opens nor ends with a space: the model may
		 * run a surname on into the space before a given name it
		 * leaves out (受付：堅粕 遼 gave 「堅粕 」) */
		while (e > s && t->cp[e - 1] == ' ')
			e--;
		while (s < e && t->cp[s] == ' ')
			s++;
		if (s == e)
			continue;
		/* no name crosses a line or a cell, or lacks a letter */
		int letters = 0, breaks = 0;
		for (size_t k = s; k < e; k++) {
			uint32_t cl = b->cls[k];
			/* a comma and a space may join SURNAME, Given; a bare
			 * comma is a CSV cell's end */
			breaks += cl == LC_NL || cl == LC_TAB ||
				  (t->cp[k] == ',' && !(k + 1 < e && t->cp[k + 1] == ' '));
			letters += cl >= LC_UPPER && cl <= LC_KANJI;
			letters += cl == LC_LETTER;
		}
		if (breaks || !letters || e - s > PII_LEARN_MAX_SPAN)
			continue;
		/* a name in kana or Latin letters is a whole word: a span that
		 * cuts a run of them (ソムチャイ ウォ|ンサワット) is not one;
		 * kanji runs hold a name and its honorific (田中様) */
		if ((b->rs[s] != s && b->cls[s] != LC_KANJI) ||
		    (b->re[e - 1] != e && b->cls[e - 1] != LC_KANJI))
			continue;
		/* nor one that cuts a Latin word where its letters change
		 * class (Cl|áudia: ASCII, then an accented letter; twenty-first
		 * round (a)) */
		if ((s > 0 && pii__is_latin(t->cp[s - 1]) && pii__is_latin(t->cp[s])) ||
		    (e < n && pii__is_latin(t->cp[e - 1]) && pii__is_latin(t->cp[e])))
			continue;
		if (pii__overlaps_any(&rules, s, e) || known_not_name(t, s, e) ||
		    pii__half_value_refused(t, s, e) || issuer_after_document_number(t, s, e) ||
		    pii__thing_value_at(t, s) || route_stop(t, &rules, s, e) ||
		    hangul_word_not_name(t, s, e))
			continue;
		if (!margins) {
			pii__learn_backward(b, n, m->tr);
			margins = 1;
		}
		if (pii__learn_margin(b, m->tr, s, e) < min_margin)
			continue;
		if (tk && (common_words_only(tk, t, s, e, &b->words) ||
			   cuts_word(tk, t, b->cls, s, e, &b->words)))
			continue;
		/* a surname the model ends before a given name in katakana
		 * glued to it (西村カズエが): the rules' test of the run */
		if (e < n && b->cls[e] != b->cls[e - 1]) {
			size_t g = pii__kata_given_after(t, s, e);
			if (g != e && !pii__overlaps_any(&rules, e, g))
				e = g;
		}
		pii__cand_add(c, t, s, e, PII_PERSON, PII_LEARN_CONFIDENCE);
	}
	pii__overlaps_release(&rules);
}
