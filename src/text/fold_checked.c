/* text/fold_checked: text_fold() fused with UTF-8 validation, for the guard.
 *
 * pii_scan() used to validate its input with yk_utf8_valid() and then
 * decode it again in text_fold(): two passes and a function call per code
 * point. This is one pass with the common cases inline (ASCII; the three
 * byte sequences of kana and kanji, which text_fold_cp() leaves alone
 * between U+3001 and U+FE57). Its result is text_fold()'s, code point for
 * code point (tests/unit/test_pii.c compares the two over every code
 * point), and it accepts exactly what yk_utf8_valid() accepts.
 */
#include "text.h"
#include "text_int.h"
#include "core/banned.h"

/* Code points that text_fold_cp() maps to themselves, checked first (kana,
 * kanji and CJK punctuation but U+3000; the hyphens, dashes and full-width
 * forms it folds lie outside). */
static inline int fold_identity(uint32_t c) { return c >= 0x3001 && c <= 0xFE57; }

int text_fold_checked(const char *s, size_t len, uint32_t *cp, uint32_t *boff, size_t *n_out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, i = 0;
	int vowel = 0; /* a long-vowel mark after a digit: the digit pass is needed */
	while (i < len) {
		unsigned c = p[i];
		boff[n] = (uint32_t)i;
		if (c < 0x80) {
			cp[n++] = c == '\t' ? ' ' : c;
			i++;
			continue;
		}
		/* kana and kanji (most of a Japanese text): a valid three-byte
		 * sequence that text_fold_cp() leaves alone, no surrogate and no
		 * long-vowel mark, stored with the fewest tests; anything else
		 * takes the full path below */
		if (c - 0xE0u <= 0x0Fu && len - i >= 3) {
			unsigned b1 = p[i + 1], b2 = p[i + 2];
			uint32_t w = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(b1 & 0x3F) << 6 | (b2 & 0x3F);
			if ((((b1 & 0xC0) ^ 0x80) | ((b2 & 0xC0) ^ 0x80)) == 0 && fold_identity(w) &&
			    (w & 0xF800) != 0xD800 && !text__is_long_vowel(w)) {
				cp[n++] = w;
				i += 3;
				continue;
			}
		}
		uint32_t v;
		if (c >= 0xE0 && c <= 0xEF) {
			if (len - i < 3 || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80)
				return YK_EUTF8;
			v = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(p[i + 1] & 0x3F) << 6 |
			    (p[i + 2] & 0x3F);
			if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
				return YK_EUTF8;
			i += 3;
		} else if (c >= 0xC2 && c <= 0xDF) {
			if (len - i < 2 || (p[i + 1] & 0xC0) != 0x80)
				return YK_EUTF8;
			v = (uint32_t)(c & 0x1F) << 6 | (p[i + 1] & 0x3F);
			i += 2;
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (len - i < 4 || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 ||
			    (p[i + 3] & 0xC0) != 0x80)
				return YK_EUTF8;
			v = (uint32_t)(c & 0x07) << 18 | (uint32_t)(p[i + 1] & 0x3F) << 12 |
			    (uint32_t)(p[i + 2] & 0x3F) << 6 | (p[i + 3] & 0x3F);
			if (v < 0x10000 || v > 0x10FFFF)
				return YK_EUTF8;
			i += 4;
		} else {
			return YK_EUTF8;
		}
		/* the digit pass changes only a mark right after a digit */
		vowel |= text__is_long_vowel(v) && n > 0 && cp[n - 1] >= '0' && cp[n - 1] <= '9';
		cp[n++] = fold_identity(v) ? v : text_fold_cp(v);
	}
	boff[n] = (uint32_t)len;
	if (vowel)
		text__fold_digit_dashes(cp, n);
	*n_out = n;
	return 0;
}
