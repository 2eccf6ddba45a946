/* text/normalize.c: NFKC + Japanese folding with an offset map.
 *
 * Works one original code point at a time so that every output byte knows
 * where it came from. utf8proc_decompose_char() gives the compatibility
 * decomposition with case folding; decomposed code points are gathered into
 * segments (a starter and the combining marks after it) and each segment is
 * composed with utf8proc_normalize_utf32(), so ｶﾞ (two original code points)
 * becomes ガ mapped to the union of both original ranges. Folding of dashes,
 * wave dashes and white space happens on the composed code points.
 */
#include <pthread.h>
#include <utf8proc.h>

#include "text/text.h"
#include "text/text_int.h"
#include "core/banned.h"

#define SEG_MAX 64 /* decomposed code points in one segment */

struct norm_state {
	struct text_norm *out;
	size_t cap;
	uint32_t last_cp;   /* last emitted code point, 0 at start */
	int space_pending;  /* white space seen since the last emitted char */
	uint32_t space_start, space_end;
	int32_t seg[SEG_MAX];
	size_t seg_n;
	uint32_t seg_start, seg_end;
};

static int is_katakana(uint32_t cp)
{
	return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || cp == 0x30FD || cp == 0x30FE;
}

static int is_hiragana(uint32_t cp)
{
	return cp >= 0x3041 && cp <= 0x309F;
}

/* Code points people type for a hyphen or a dash (both folds make them
 * '-'). */
static int is_hyphen(uint32_t cp)
{
	switch (cp) {
	case 0x002D: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2043: case 0x2212: case 0x2500: case 0x2501: case 0xFE58:
	case 0xFE63: case 0xFF0D:
		return 1;
	default:
		return 0;
	}
}

/* Code points people type for a dash or a long vowel mark. */
static int is_dash(uint32_t cp)
{
	return is_hyphen(cp) || text__is_long_vowel(cp);
}

static int is_wave(uint32_t cp)
{
	return cp == 0x301C || cp == 0xFF5E || cp == 0x007E || cp == 0x223C || cp == 0x3030;
}

static int is_space(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return 1;
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	       c == UTF8PROC_CATEGORY_ZP;
}

/* Combining marks (and Hangul vowel/trailing jamo) join the segment of the
 * starter before them. */
static int is_starter(int32_t cp)
{
	if (cp >= 0x1160 && cp <= 0x11FF)
		return 0;
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return p->combining_class == 0;
}

/* Code points that pass through unchanged, most of a Japanese text: their
 * decomposition (compatibility, case folding) is themselves, they are
 * starters, and no folding applies (not white space, a dash or a wave
 * dash). Found by asking utf8proc once for the ASCII and kana blocks and
 * the CJK ideographs, so that taking the short path below gives exactly
 * what the general one gives. */
#define PLAIN_LO 0x3000u /* kana and CJK: 0x3000..0x9FFF */
#define PLAIN_HI 0xA000u
static uint64_t plain_bits[(0x80u + (PLAIN_HI - PLAIN_LO)) / 64];
static pthread_once_t plain_once = PTHREAD_ONCE_INIT;

static uint32_t plain_index(uint32_t cp)
{
	if (cp < 0x80)
		return cp;
	if (cp >= PLAIN_LO && cp < PLAIN_HI)
		return 0x80u + (cp - PLAIN_LO);
	return UINT32_MAX;
}

static const utf8proc_option_t decompose_opts =
	UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;

static void plain_build(void)
{
	for (uint32_t cp = 0; cp < PLAIN_HI; cp++) {
		uint32_t i = plain_index(cp);
		if (i == UINT32_MAX)
			continue;
		int32_t dec[4];
		int boundclass = 0;
		utf8proc_ssize_t nd = utf8proc_decompose_char((utf8proc_int32_t)cp, dec, 4,
							      decompose_opts, &boundclass);
		if (nd == 1 && dec[0] == (int32_t)cp && is_starter((int32_t)cp) && !is_space(cp) &&
		    !is_dash(cp) && !is_wave(cp))
			plain_bits[i / 64] |= 1ull << (i % 64);
	}
}

static int is_plain(uint32_t cp)
{
	uint32_t i = plain_index(cp);
	return i != UINT32_MAX && (plain_bits[i / 64] >> (i % 64)) & 1u;
}

static void put_byte(struct norm_state *st, char b, uint32_t os, uint32_t oe)
{
	struct text_norm *n = st->out;
	if (n->len + 2 > st->cap) {
		size_t nc = st->cap ? st->cap * 2 : 64;
		n->text = yk_xrealloc(n->text, nc);
		n->orig_start = yk_xrealloc(n->orig_start, nc * sizeof(uint32_t));
		n->orig_end = yk_xrealloc(n->orig_end, nc * sizeof(uint32_t));
		st->cap = nc;
	}
	n->text[n->len] = b;
	n->orig_start[n->len] = os;
	n->orig_end[n->len] = oe;
	n->len++;
}

static void put_cp(struct norm_state *st, uint32_t cp, uint32_t os, uint32_t oe)
{
	char enc[4];
	if (st->space_pending) {
		st->space_pending = 0;
		if (st->out->len > 0) {
			put_byte(st, ' ', st->space_start, st->space_end);
			st->last_cp = ' ';
		}
	}
	size_t n = yk_utf8_encode(cp, enc);
	for (size_t i = 0; i < n; i++)
		put_byte(st, enc[i], os, oe);
	st->last_cp = cp;
}

/* Folding applied to every composed code point. */
static void emit(struct norm_state *st, uint32_t cp, uint32_t os, uint32_t oe)
{
	if (is_space(cp)) {
		if (!st->space_pending) {
			st->space_pending = 1;
			st->space_start = os;
		}
		st->space_end = oe;
		return;
	}
	if (is_dash(cp)) {
		uint32_t prev = st->space_pending ? ' ' : st->last_cp;
		if (is_katakana(prev) || (cp == 0x30FC && is_hiragana(prev)))
			cp = 0x30FC;
		else
			cp = '-';
	} else if (is_wave(cp)) {
		cp = '~';
	}
	put_cp(st, cp, os, oe);
}

static void flush_segment(struct norm_state *st)
{
	if (st->seg_n == 0)
		return;
	utf8proc_ssize_t n = (utf8proc_ssize_t)st->seg_n;
	if (n > 1) {
		utf8proc_ssize_t r = utf8proc_normalize_utf32(st->seg, n,
							      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
		if (r > 0)
			n = r;
	}
	if (n == 1 && is_plain((uint32_t)st->seg[0])) /* emit() would change nothing */
		put_cp(st, (uint32_t)st->seg[0], st->seg_start, st->seg_end);
	else
		for (utf8proc_ssize_t i = 0; i < n; i++)
			emit(st, (uint32_t)st->seg[i], st->seg_start, st->seg_end);
	st->seg_n = 0;
}

static void add_decomposed(struct norm_state *st, int32_t cp, uint32_t os, uint32_t oe)
{
	if (st->seg_n > 0 && (is_starter(cp) || st->seg_n == SEG_MAX))
		flush_segment(st);
	if (st->seg_n == 0) {
		st->seg_start = os;
		st->seg_end = oe;
	}
	st->seg[st->seg_n++] = cp;
	if (oe > st->seg_end)
		st->seg_end = oe;
}

static int normalize(const char *s, size_t len, struct text_norm *out, struct yk_errinfo *ei)
{
	struct norm_state st;
	size_t bad = 0;

	if (len > TEXT_MAX_INPUT)
		return yk_errinfo_set(ei, YK_ELIMIT, "テキストが大きすぎます（%zu バイト）", len);
	if (len > 0 && !yk_utf8_valid(s, len, &bad)) {
		if (ei)
			ei->column = (long)bad + 1;
		return yk_errinfo_set(ei, YK_EUTF8, "UTF-8 ではないバイトがあります（%zu バイト目）",
				      bad + 1);
	}
	memset(&st, 0, sizeof(st));
	st.out = out;
	st.cap = out->cap;
	if (!out->text) /* room for the NUL of an empty result */
		out->text = yk_xmalloc(1);

	pthread_once(&plain_once, plain_build);
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t l = yk_utf8_decode(s + i, len - i, &cp);
		uint32_t os = (uint32_t)i, oe = (uint32_t)(i + l);
		i += l;
		if (is_dash(cp) || is_wave(cp)) {
			/* Folded before NFKC: － would become '-' and lose that it
			 * may stand for ー after katakana. */
			flush_segment(&st);
			emit(&st, cp, os, oe);
			continue;
		}
		if (is_plain(cp)) {
			/* Its own decomposition, and a starter: a segment of its own. */
			if (st.seg_n > 0)
				flush_segment(&st);
			st.seg_start = os;
			st.seg_end = oe;
			st.seg[st.seg_n++] = (int32_t)cp;
			continue;
		}
		int32_t dec[SEG_MAX];
		int boundclass = 0;
		utf8proc_ssize_t nd = utf8proc_decompose_char((utf8proc_int32_t)cp, dec, SEG_MAX,
							      decompose_opts, &boundclass);
		if (nd < 0 || nd > SEG_MAX) {
			dec[0] = (int32_t)cp;
			nd = 1;
		}
		for (utf8proc_ssize_t k = 0; k < nd; k++)
			add_decomposed(&st, dec[k], os, oe);
	}
	flush_segment(&st);
	/* Trailing white space is dropped: space_pending is simply not flushed.
	 * put_byte() keeps room for the NUL; with nothing put, text is the
	 * byte allocated above or a reused buffer. */
	out->cap = st.cap;
	out->text[out->len] = '\0';
	return 0;
}

int text_normalize(const char *s, size_t len, struct text_norm *out, struct yk_errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	int rc = normalize(s, len, out, ei);
	if (rc)
		text_norm_release(out);
	return rc;
}

int text_normalize_reuse(const char *s, size_t len, struct text_norm *out,
			 struct yk_errinfo *ei)
{
	out->len = 0;
	int rc = normalize(s, len, out, ei);
	if (rc)
		out->len = 0;
	return rc;
}

void text_norm_release(struct text_norm *n)
{
	if (!n)
		return;
	free(n->text);
	free(n->orig_start);
	free(n->orig_end);
	memset(n, 0, sizeof(*n));
}

void text_norm_map(const struct text_norm *n, size_t start, size_t end, size_t *orig_start,
		   size_t *orig_end)
{
	if (n->len == 0) {
		*orig_start = *orig_end = 0;
		return;
	}
	if (end > n->len)
		end = n->len;
	if (start >= end)
		start = end - 1;
	*orig_start = n->orig_start[start];
	*orig_end = n->orig_end[end - 1];
	if (*orig_end < *orig_start) /* cannot happen: maps are non-decreasing */
		*orig_end = *orig_start;
}

/* ---- the light fold ------------------------------------------------------------ */

uint32_t text_fold_cp(uint32_t c)
{
	if (c < 0x80)
		return c == '\t' ? ' ' : c;
	if (is_hyphen(c))
		return '-';
	if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII */
		return c - 0xFF01 + 0x21;
	if (c == 0x3000 || c == 0x00A0) /* ideographic space, NBSP */
		return ' ';
	return c;
}

size_t text_fold(const char *s, size_t len, uint32_t *cp, uint32_t *boff)
{
	size_t n = 0, i = 0;
	while (i < len) {
		uint32_t c;
		size_t k = yk_utf8_decode(s + i, len - i, &c);
		boff[n] = (uint32_t)i;
		cp[n++] = text_fold_cp(c);
		i += k;
	}
	boff[n] = (uint32_t)len;
	text__fold_digit_dashes(cp, n);
	return n;
}

void text__fold_digit_dashes(uint32_t *cp, size_t n)
{
	for (size_t j = 1; j + 1 < n; j++)
		if (text__is_long_vowel(cp[j]) && cp[j - 1] >= '0' && cp[j - 1] <= '9' &&
		    cp[j + 1] >= '0' && cp[j + 1] <= '9')
			cp[j] = '-';
}
