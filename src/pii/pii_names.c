/* pii/names: ENAMDICT (JMnedict, Debian package `enamdict`), the names
 * dictionary of the Electronic Dictionary Research and Development Group,
 * loaded once per process into a compact hash set.
 *
 * Kept: written forms of 1-4 characters whose entry is a surname (s), a
 * given name (g, f, m) or a place (p), with those classes as flags. A key is
 * a 64-bit hash of the folded code points, so a look-up from the guard's
 * code-point array needs no conversion; the set is open-addressed, 8 bytes
 * a slot (56 bits of hash, 8 bits of flags). A hash collision can at worst
 * make a word look like a name; with 56 bits over about half a million keys
 * that does not happen in practice.
 *
 * Also kept (fifth round of issue 14): the hiragana readings of 2-6 kana of
 * the surname and given-name entries, under their own flags
 * (PII_NAME_SURNAME_KANA, PII_NAME_GIVEN_KANA), so that a name written in
 * kana (ﾔﾏﾓﾄ ﾀｶｼ on a transfer form, セキ チエコ after 口座名義) can be looked
 * up by pii__names_lookup_kana(); about 95,000 more keys in the same table.
 *
 * The file is EUC-JP (converted with iconv); it is read from
 * $YAKUBA_ENAMDICT or /usr/share/edict/enamdict. When it is missing the
 * guard works without it (a warning is logged once).
 */
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "pii_int.h"
#include "core/banned.h"

#define NAMES_DEFAULT_PATH "/usr/share/edict/enamdict"
#define NAMES_KEY_MAX 4        /* code points of a kept written form */
#define NAMES_KANA_MIN 2       /* code points of a kept reading */
#define NAMES_KANA_MAX 6
#define NAMES_LINE_MAX 4096

struct pii__names {
	uint64_t *slot; /* hash << 8 | flags; 0 = empty */
	size_t mask;    /* slots - 1 */
	size_t n;
};

static uint64_t names_hash(const uint32_t *cp, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= cp[i];
		h *= 1099511628211ull;
	}
	h ^= h >> 29;
	return h ? h : 1;
}

static void names_put(struct pii__names *s, uint64_t h, unsigned flags)
{
	uint64_t key = h << 8;
	for (size_t i = (size_t)(h & s->mask);; i = (i + 1) & s->mask) {
		if (!s->slot[i]) {
			s->slot[i] = key | flags;
			s->n++;
			return;
		}
		if ((s->slot[i] & ~(uint64_t)0xFF) == key) {
			s->slot[i] |= flags;
			return;
		}
	}
}

static unsigned names_lookup_exact(const struct pii__names *s, const uint32_t *cp, size_t n)
{
	uint64_t h = names_hash(cp, n), key = h << 8;
	for (size_t i = (size_t)(h & s->mask);; i = (i + 1) & s->mask) {
		if (!s->slot[i])
			return 0;
		if ((s->slot[i] & ~(uint64_t)0xFF) == key)
			return (unsigned)(s->slot[i] & 0xFF);
	}
}

/* Variant kanji that registers write in names and ENAMDICT lists under
 * their common form (髙橋 as 高橋, 﨑 as 崎, 𠮷 as 吉), ninth round; the
 * smallest code point of the list (吳) gates the switch. */
static uint32_t kanji_variant(uint32_t c)
{
	switch (c) {
	case 0x9AD9: return 0x9AD8; /* 髙 → 高 */
	case 0xFA11: return 0x5D0E; /* 﨑 → 崎 */
	case 0x20BB7: return 0x5409; /* 𠮷 → 吉 */
	case 0x5FB7: return 0x5FB3; /* 德 → 徳 */
	case 0x6FF5: return 0x6D5C; /* 濵 → 浜 */
	case 0x9089: return 0x8FBA; /* 邉 → 辺 */
	case 0x908A: return 0x8FBA; /* 邊 → 辺 */
	case 0x7E8C: return 0x7D99; /* 繼 → 継 */
	case 0xFA10: return 0x585A; /* 塚 (CJK compatibility) → 塚 */
	/* the traditional forms Taiwanese and Hong Kong residents write
	 * (黃先生, 吳さん; batches 370-373) */
	case 0x9EC3: return 0x9EC4; /* 黃 → 黄 */
	case 0x5433: return 0x5449; /* 吳 → 呉 */
	case 0x8CF4: return 0x983C; /* 賴 → 頼 */
	default: return 0;
	}
}

unsigned pii__names_lookup(const struct pii__names *s, const uint32_t *cp, size_t n)
{
	if (!s || n == 0 || n > NAMES_KANA_MAX)
		return 0;
	unsigned f = names_lookup_exact(s, cp, n);
	if (f || n > 4)
		return f;
	/* a variant kanji: look the common form up */
	uint32_t alt[4];
	int changed = 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t v = cp[k] >= 0x5433 ? kanji_variant(cp[k]) : 0;
		alt[k] = v ? v : cp[k];
		changed |= v != 0;
	}
	return changed ? names_lookup_exact(s, alt, n) : 0;
}

/* The reading of a name in kana, folded to hiragana: full-width katakana
 * shift by 0x60, half-width katakana map to their letters with a following
 * voiced or semi-voiced mark combined (ｻｶｸﾞﾁ: さかぐち); ー and ｰ stay ー.
 * Returns the number of code points written to out (at most max), or 0 when
 * a code point is no kana or the reading is longer. */
static const uint16_t halfwidth_kana[] = {
	/* U+FF66-FF9D: ｦ ｧ ｨ ｩ ｪ ｫ ｬ ｭ ｮ ｯ ｰ ｱ … ﾝ */
	0x3092, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3083, 0x3085, 0x3087, 0x3063,
	0x30FC, 0x3042, 0x3044, 0x3046, 0x3048, 0x304A, 0x304B, 0x304D, 0x304F, 0x3051,
	0x3053, 0x3055, 0x3057, 0x3059, 0x305B, 0x305D, 0x305F, 0x3061, 0x3064, 0x3066,
	0x3068, 0x306A, 0x306B, 0x306C, 0x306D, 0x306E, 0x306F, 0x3072, 0x3075, 0x3078,
	0x307B, 0x307E, 0x307F, 0x3080, 0x3081, 0x3082, 0x3084, 0x3086, 0x3088, 0x3089,
	0x308A, 0x308B, 0x308C, 0x308D, 0x308F, 0x3093};

/* 1 when hiragana h takes a voiced mark (か..ど, は..ほ rows; う) or, for
 * semi, a semi-voiced one (は..ほ). */
static int takes_mark(uint32_t h, int semi)
{
	if (h >= 0x306F && h <= 0x307B)
		return (h - 0x306F) % 3 == 0;
	if (semi)
		return 0;
	if (h == 0x3046)
		return 1;
	if (h >= 0x304B && h <= 0x3062)
		return (h - 0x304B) % 2 == 0;
	return h == 0x3064 || h == 0x3066 || h == 0x3068; /* つ て と */
}

size_t pii__kana_reading(const uint32_t *cp, size_t n, uint32_t *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i], h;
		if (c >= 0x3041 && c <= 0x3096)
			h = c;
		else if (c >= 0x30A1 && c <= 0x30F6)
			h = c - 0x60;
		else if (c == 0x30FC)
			h = c;
		else if (c >= 0xFF66 && c <= 0xFF9D)
			h = halfwidth_kana[c - 0xFF66];
		else if ((c == 0xFF9E || c == 0xFF9F || c == 0x309B || c == 0x309C) && k &&
			 takes_mark(out[k - 1], c == 0xFF9F || c == 0x309C)) {
			uint32_t b = out[k - 1];
			out[k - 1] = b == 0x3046 ? 0x3094 : b + ((c == 0xFF9F || c == 0x309C) ? 2 : 1);
			continue;
		} else
			return 0;
		if (k == max)
			return 0;
		out[k++] = h;
	}
	return k;
}

/* 1 for the hiragana of the i-row (き, し, ち, に, ひ, み, り and their
 * voiced forms), which a small ゃ, ゅ or ょ may follow. */
static int i_row(uint32_t h)
{
	return h == 0x304D || h == 0x304E || h == 0x3057 || h == 0x3058 || h == 0x3061 ||
	       h == 0x3062 || h == 0x306B || h == 0x3072 || h == 0x3073 || h == 0x3074 ||
	       h == 0x307F || h == 0x308A;
}

unsigned pii__names_lookup_kana(const struct pii__names *s, const uint32_t *cp, size_t n)
{
	uint32_t h[NAMES_KANA_MAX];
	size_t k = pii__kana_reading(cp, n, h, NAMES_KANA_MAX);
	if (k < NAMES_KANA_MIN)
		return 0;
	unsigned f = pii__names_lookup(s, h, k) & (PII_NAME_SURNAME_KANA | PII_NAME_GIVEN_KANA);
	if (f || cp[0] < 0xFF66)
		return f;
	/* half-width bank kana have no small letters: ｼﾞﾕﾝ is じゅん */
	int changed = 0;
	for (size_t i = 1; i < k; i++)
		if ((h[i] == 0x3084 || h[i] == 0x3086 || h[i] == 0x3088) && i_row(h[i - 1])) {
			h[i]--;
			changed = 1;
		}
	return changed ? pii__names_lookup(s, h, k) & (PII_NAME_SURNAME_KANA | PII_NAME_GIVEN_KANA)
		       : 0;
}

/* Puts the reading of one surname or given-name entry (the [reading] after
 * the written form, or the written form when it is kana itself). */
static void names_put_reading(struct pii__names *s, iconv_t cd, char *line, char *sp,
			      unsigned flags)
{
	char *r = sp + 1, *re;
	if (*r == '[') {
		r++;
		re = strchr(r, ']');
	} else {
		r = line;
		re = sp;
	}
	/* EUC-JP kana are 2 bytes */
	if (!re || re <= r || (size_t)(re - r) > 2 * NAMES_KANA_MAX)
		return;
	char utf[64], *in = r, *out = utf;
	size_t inl = (size_t)(re - r), outl = sizeof(utf) - 1;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &inl, &out, &outl) == (size_t)-1)
		return;
	size_t ulen = (size_t)(out - utf), n = 0, i = 0;
	uint32_t cp[NAMES_KANA_MAX + 1];
	while (i < ulen && n <= NAMES_KANA_MAX) {
		uint32_t c;
		i += yk_utf8_decode(utf + i, ulen - i, &c);
		cp[n++] = c;
	}
	uint32_t h[NAMES_KANA_MAX];
	size_t k = i < ulen || n > NAMES_KANA_MAX ? 0 : pii__kana_reading(cp, n, h, NAMES_KANA_MAX);
	if (k < NAMES_KANA_MIN)
		return;
	unsigned f = (flags & PII_NAME_SURNAME ? PII_NAME_SURNAME_KANA : 0) |
		     (flags & PII_NAME_GIVEN ? PII_NAME_GIVEN_KANA : 0);
	names_put(s, names_hash(h, k), f);
}

/* Flags of the "(s,p)" classes of one entry. */
static unsigned entry_flags(const char *p)
{
	unsigned f = 0;
	const char *open = strstr(p, "/(");
	if (!open)
		return 0;
	for (const char *q = open + 2; *q && *q != ')'; q++) {
		if (q[0] == 's' && (q[1] == ',' || q[1] == ')'))
			f |= PII_NAME_SURNAME;
		else if ((q[0] == 'g' || q[0] == 'f' || q[0] == 'm') && (q[1] == ',' || q[1] == ')'))
			f |= PII_NAME_GIVEN;
		else if (q[0] == 'p' && (q[1] == ',' || q[1] == ')'))
			f |= PII_NAME_PLACE;
		else if (q[0] == 'u' && (q[1] == ',' || q[1] == ')'))
			f |= PII_NAME_PERSON_U;
	}
	return f;
}

static struct pii__names *names_load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	iconv_t cd = iconv_open("UTF-8", "EUC-JP");
	if (cd == (iconv_t)-1) {
		fclose(f);
		return NULL;
	}
	struct pii__names *s = yk_xcalloc(1, sizeof(*s));
	size_t slots = (size_t)1 << 20;
	s->slot = yk_xcalloc(slots, sizeof(*s->slot));
	s->mask = slots - 1;
	char line[NAMES_LINE_MAX], utf[NAMES_LINE_MAX];
	while (fgets(line, sizeof(line), f)) {
		/* the written form is everything before the first space */
		char *sp = strchr(line, ' ');
		if (!sp || sp == line)
			continue;
		unsigned flags = entry_flags(sp);
		/* a few entries hold the placeholder "[ふりがな] /(s) Furigana/"
		 * instead of a reading and a romanisation: unchecked, and some
		 * are plain words (世帯数 of 担当世帯数が, 楼門), so they are
		 * not kept (batches 346-353) */
		if (!flags || strstr(sp, ") Furigana/"))
			continue;
		/* keep the load factor under 0.7 */
		if (s->n * 10 >= slots * 7)
			break;
		if (flags & (PII_NAME_SURNAME | PII_NAME_GIVEN))
			names_put_reading(s, cd, line, sp, flags);
		/* EUC-JP kanji and kana are 2 bytes: longer forms are not kept */
		if ((size_t)(sp - line) > 2 * NAMES_KEY_MAX)
			continue;
		char *in = line, *out = utf;
		size_t inl = (size_t)(sp - line), outl = sizeof(utf) - 1;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &in, &inl, &out, &outl) == (size_t)-1)
			continue;
		size_t ulen = (size_t)(out - utf);
		uint32_t cp[NAMES_KEY_MAX + 1];
		size_t n = 0, i = 0;
		while (i < ulen && n <= NAMES_KEY_MAX) {
			uint32_t c;
			i += yk_utf8_decode(utf + i, ulen - i, &c);
			cp[n++] = text_fold_cp(c);
		}
		if (n == 0 || n > NAMES_KEY_MAX || i < ulen)
			continue;
		pii__kanji_ke(cp, n);
		/* keep the load factor under 0.7 */
		if (s->n * 10 >= slots * 7)
			break;
		names_put(s, names_hash(cp, n), flags);
	}
	iconv_close(cd);
	fclose(f);
	return s;
}

const struct pii__names *pii__names_set;
atomic_int pii__names_ready;
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void names_init(void)
{
	const char *path = getenv("YAKUBA_ENAMDICT");
	if (!path || !*path)
		path = NAMES_DEFAULT_PATH;
	pii__names_set = names_load(path);
	if (!pii__names_set)
		yk_log(YK_LOG_WARN, "pii: %s not found or unreadable (Debian package enamdict); "
				    "names are found from UniDic alone",
		       path);
	atomic_store_explicit(&pii__names_ready, 1, memory_order_release);
}

const struct pii__names *pii__names_load_once(void)
{
	pthread_once(&names_once, names_init);
	return pii__names_set;
}

int pii_names_info(size_t *entries, size_t *bytes)
{
	const struct pii__names *s = pii__names_get();
	if (entries)
		*entries = s ? s->n : 0;
	if (bytes)
		*bytes = s ? (s->mask + 1) * sizeof(*s->slot) : 0;
	return s ? 0 : YK_ENOTFOUND;
}
