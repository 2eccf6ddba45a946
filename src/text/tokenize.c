/* text/tokenize.c: MeCab/UniDic tokenisation into index terms.
 *
 * Input is normalised text (text_normalize()). MeCab gives morphemes with
 * UniDic features; we keep, per morpheme, the lemma (語彙素) of content
 * words, the surface when it differs, and the lemma pair of adjacent nominal
 * morphemes as a compound. Independently of MeCab, runs of katakana and of
 * ASCII letters and digits, and the span of every unknown word, become
 * character bigrams, so that "ナンバー" finds "マイナンバーカード" and a word
 * the dictionary never saw still matches. Digits are never taken from MeCab
 * (UniDic splits 10 into 一 + 零): an alphanumeric run is one term.
 */
#include <assert.h>
#include <utf8proc.h>

#include "text/text_int.h"
#include "core/banned.h"

/* Features we read from a UniDic node: f[0..3] part of speech, f[7] lemma.
 * Unknown words carry only f[0..5]. */
#define FEAT_POS1 0
#define FEAT_POS2 1
#define FEAT_LEMMA 7
#define FEAT_N 8

/* ---- stop lemmas ---------------------------------------------------------- */

/* Request phrasing and very general words, as UniDic lemmas. Lengths are
 * stored so that the check, done for every morpheme, costs no strlen(). */
struct stop_lemma {
	const char *s;
	size_t len;
};
#define S(lit) {lit, sizeof(lit) - 1}
static const struct stop_lemma stop_lemmas[] = {
	S("教える"), S("知る"), S("願う"), S("分かる"), S("下さる"), S("頂く"), S("出来る"), S("為る"),
	S("有る"), S("居る"), S("成る"), S("言う"), S("思う"), S("良い"), S("欲しい"), S("事"), S("物"),
	S("為"), S("場合"), S("方"), S("所"), S("様"), S("何"), S("如何"), S("等"), S("致す"),
	S("御座る"), S("呉れる"), S("貰う"), S("聞く"), S("尋ねる"), S("見る"), S("行く"), S("置く"),
	S("仕舞う"), S("其の"), S("此の"), S("彼の"), S("今"), S("付く"), S("つく"), S("関する"), S("可能"),
	S("必要"), S("とても"), S("一寸"), S("又"), S("及び"), S("等々"), S("的"), S("旨"), S("件"),
	S("ん"), S("さん"), S("様々"), S("色々"), S("気"), S("訳"), S("筈"), S("積もり"), S("ほう"),
	S("どう"), S("遣る"), S("そう"), S("こう"), S("是非"), S("宜しい"),
};
#undef S

/* The check runs for every morpheme of every text, so the list is looked
 * up through a small open-addressing hash (stop_lemmas indexes + 1, 0
 * free) built once, instead of compared entry by entry. */
#define STOP_HASH_CAP 256u
_Static_assert(YK_ARRAY_LEN(stop_lemmas) * 2 <= STOP_HASH_CAP, "stop lemma hash too small");
static uint8_t stop_hash[STOP_HASH_CAP];
static size_t stop_max_len; /* bytes of the longest stop lemma */
static pthread_once_t stop_hash_once = PTHREAD_ONCE_INIT;

static uint32_t stop_hash_of(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h & (STOP_HASH_CAP - 1);
}

static void stop_hash_build(void)
{
	for (size_t i = 0; i < YK_ARRAY_LEN(stop_lemmas); i++) {
		uint32_t h = stop_hash_of(stop_lemmas[i].s, stop_lemmas[i].len);
		while (stop_hash[h])
			h = (h + 1) & (STOP_HASH_CAP - 1);
		stop_hash[h] = (uint8_t)(i + 1);
		if (stop_lemmas[i].len > stop_max_len)
			stop_max_len = stop_lemmas[i].len;
	}
}

int text_is_stop_lemma(const char *lemma, size_t len)
{
	pthread_once(&stop_hash_once, stop_hash_build);
	if (len == 0 || len > stop_max_len)
		return 0;
	for (uint32_t h = stop_hash_of(lemma, len); stop_hash[h]; h = (h + 1) & (STOP_HASH_CAP - 1)) {
		const struct stop_lemma *e = &stop_lemmas[stop_hash[h] - 1];
		if (e->len == len && memcmp(e->s, lemma, len) == 0)
			return 1;
	}
	return 0;
}

void text_tokens_release(struct text_tokens *t)
{
	if (!t)
		return;
	free(t->v);
	free(t->strs);
	memset(t, 0, sizeof(*t));
}

/* ---- character classes ------------------------------------------------------ */

enum run_class { RUN_NONE, RUN_KATAKANA, RUN_ALNUM };

static enum run_class char_class(uint32_t cp)
{
	if ((cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || cp == 0x30FD || cp == 0x30FE)
		return RUN_KATAKANA;
	if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return RUN_ALNUM;
	return RUN_NONE;
}

/* ---- token emission ----------------------------------------------------------- */

/* Term offsets are kept in term_len's place until the end, because strs may
 * move while growing; see fix_pointers(). */
static int add_token(struct text_tokens *t, const char *term, size_t term_len, int bigram,
		     uint32_t start, uint32_t end, uint32_t pos, enum text_token_kind kind,
		     uint8_t flags)
{
	size_t need = term_len + (bigram ? 1 : 0);
	if (need == 0 || need > TEXT_MAX_TERM)
		return 0;
	if (t->n >= TEXT_MAX_TOKENS)
		return YK_ELIMIT;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = yk_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	if (t->strs_len + need + 1 > t->strs_cap) {
		while (t->strs_len + need + 1 > t->strs_cap)
			t->strs_cap = t->strs_cap ? t->strs_cap * 2 : 1024;
		t->strs = yk_xrealloc(t->strs, t->strs_cap);
	}
	struct text_token *tok = &t->v[t->n++];
	tok->term = (const char *)(uintptr_t)t->strs_len; /* offset until fix_pointers() */
	tok->term_len = (uint32_t)need;
	tok->start = start;
	tok->end = end;
	tok->pos = pos;
	tok->kind = (uint8_t)kind;
	tok->flags = flags;
	if (bigram)
		t->strs[t->strs_len++] = TEXT_BIGRAM_PREFIX;
	memcpy(t->strs + t->strs_len, term, term_len);
	t->strs_len += term_len;
	t->strs[t->strs_len++] = '\0';
	return 0;
}

static void fix_pointers(struct text_tokens *t)
{
	for (size_t i = 0; i < t->n; i++)
		t->v[i].term = t->strs + (uintptr_t)t->v[i].term;
}

/* Splits the first FEAT_N comma-separated fields of a UniDic feature string.
 * Returns the number of fields found. UniDic quotes only later fields, and
 * a comma in the text appears as the full-width ， in orth/lemma. */
static int split_features(const char *f, const char **fs, size_t *fl)
{
	int n = 0;
	const char *p = f;
	while (n < FEAT_N) {
		const char *c = p;
		while (*c && *c != ',')
			c++;
		fs[n] = p;
		fl[n] = (size_t)(c - p);
		n++;
		if (!*c)
			break;
		p = c + 1;
	}
	return n;
}

static int feq(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

/* Whether every byte of s is an ASCII letter or digit (those morphemes are
 * covered by alphanumeric runs instead). */
static int all_alnum(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return 0;
	}
	return len > 0;
}

/* Whether s holds at least one letter or digit (any script): a "word" made
 * only of symbols (UniDic tags a lone - or ＊ as a noun at times) is no term. */
static int has_word_char(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += yk_utf8_decode(s + i, len - i, &cp);
		utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
		if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
		    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
			return 1;
	}
	return 0;
}

/* What a morpheme's features say, as bits (struct text__feat.bits). */
enum {
	TEXT__F_NOUN = 1,      /* 名詞 */
	TEXT__F_NUMERAL = 2,   /* 名詞,数詞 */
	TEXT__F_SUFFIX_N = 4,  /* 接尾辞,名詞的 */
	TEXT__F_PREFIX = 8,    /* 接頭辞 */
	TEXT__F_CONTENT = 16,  /* a content word's part of speech */
	TEXT__F_NOLEMMA = 32,  /* no usable lemma (unknown-word features, "*", empty) */
	TEXT__F_STOP = 64,     /* the lemma is a stop lemma */
};

/* Parses a feature string into f (lemma and bits). */
static void feat_parse(const char *feature, struct text__feat *f)
{
	const char *fs[FEAT_N];
	size_t fl[FEAT_N];
	int nf = split_features(feature, fs, fl);
	const char *pos1 = fs[FEAT_POS1];
	size_t pos1_len = fl[FEAT_POS1];
	unsigned b = 0;
	int noun = feq(pos1, pos1_len, "名詞");
	if (noun)
		b |= TEXT__F_NOUN;
	if (noun && nf > FEAT_POS2 && feq(fs[FEAT_POS2], fl[FEAT_POS2], "数詞"))
		b |= TEXT__F_NUMERAL;
	int suffix_n = feq(pos1, pos1_len, "接尾辞") && nf > FEAT_POS2 &&
		       feq(fs[FEAT_POS2], fl[FEAT_POS2], "名詞的");
	if (suffix_n)
		b |= TEXT__F_SUFFIX_N;
	if (feq(pos1, pos1_len, "接頭辞"))
		b |= TEXT__F_PREFIX;
	if (noun || suffix_n || feq(pos1, pos1_len, "動詞") || feq(pos1, pos1_len, "形容詞") ||
	    feq(pos1, pos1_len, "形状詞") || feq(pos1, pos1_len, "副詞"))
		b |= TEXT__F_CONTENT;
	f->feature = feature;
	f->lemma_off = 0;
	f->lemma_len = 0;
	/* A UniDic feature line is a few hundred bytes: offsets past 64 KiB
	 * do not occur (and would count as no lemma). */
	if (nf <= FEAT_LEMMA || feq(fs[FEAT_LEMMA], fl[FEAT_LEMMA], "*") || fl[FEAT_LEMMA] == 0 ||
	    (size_t)(fs[FEAT_LEMMA] + fl[FEAT_LEMMA] - feature) > UINT16_MAX) {
		b |= TEXT__F_NOLEMMA;
	} else {
		size_t ll = fl[FEAT_LEMMA];
		/* Loanword lemmas carry their origin: カード-card, 円-助数詞. */
		const char *dash = memchr(fs[FEAT_LEMMA], '-', ll);
		if (dash && dash > fs[FEAT_LEMMA])
			ll = (size_t)(dash - fs[FEAT_LEMMA]);
		f->lemma_off = (uint16_t)(fs[FEAT_LEMMA] - feature);
		f->lemma_len = (uint16_t)ll;
		if (text_is_stop_lemma(fs[FEAT_LEMMA], ll))
			b |= TEXT__F_STOP;
	}
	f->bits = (uint8_t)b;
}

/* The parsed features of a node, from the tokenizer's cache. */
static const struct text__feat *feat_of(struct text_tokenizer *tk, const char *feature)
{
	if (!tk->feat)
		tk->feat = yk_xcalloc(TEXT__FEAT_CACHE, sizeof(*tk->feat));
	uintptr_t a = (uintptr_t)feature;
	size_t i = (size_t)(((a >> 3) * 0x9E3779B97F4A7C15ull) >> 52) & (TEXT__FEAT_CACHE - 1);
	_Static_assert(TEXT__FEAT_CACHE == 1u << 12, "the hash gives 12 bits");
	struct text__feat *f = &tk->feat[i];
	if (f->feature != feature)
		feat_parse(feature, f);
	return f;
}

struct morph {
	const char *lemma;
	size_t lemma_len;
	uint32_t start, end;
	int nominal; /* may join a compound */
};

static int emit_bigrams(struct text_tokens *out, const char *s, uint32_t rs, uint32_t re,
			const uint32_t *morph_of, uint8_t flags)
{
	/* Character boundaries of s[rs..re). */
	uint32_t b[3];
	uint32_t i = rs;
	int rc;
	uint32_t cp;
	uint32_t first_end = rs + (uint32_t)yk_utf8_decode(s + rs, re - rs, &cp);
	if (first_end >= re) /* one character: emit it alone */
		return add_token(out, s + rs, re - rs, 1, rs, re, morph_of[rs], TEXT_TOKEN_BIGRAM,
				 flags);
	while (i < re) {
		b[0] = i;
		b[1] = i + (uint32_t)yk_utf8_decode(s + i, re - i, &cp);
		if (b[1] >= re)
			break;
		b[2] = b[1] + (uint32_t)yk_utf8_decode(s + b[1], re - b[1], &cp);
		rc = add_token(out, s + b[0], b[2] - b[0], 1, b[0], b[2], morph_of[b[0]],
			       TEXT_TOKEN_BIGRAM, flags);
		if (rc)
			return rc;
		i = b[1];
	}
	return 0;
}

/* validate 0: s is known to be valid UTF-8 (text_normalize() made it). */
static int tokenize(struct text_tokenizer *tk, const char *s, size_t len, struct text_tokens *out,
		    struct yk_errinfo *ei, int validate)
{
	struct morph prev = {0};
	int rc = 0;
	uint32_t pos = 0;

	out->n = 0;
	out->strs_len = 0;
	out->npos = 0;
	if (len > TEXT_MAX_INPUT)
		return yk_errinfo_set(ei, YK_ELIMIT, "テキストが大きすぎます（%zu バイト）", len);
	size_t bad = 0;
	if (validate && len > 0 && !yk_utf8_valid(s, len, &bad))
		return yk_errinfo_set(ei, YK_EUTF8, "UTF-8 ではないバイトがあります（%zu バイト目）",
				      bad + 1);
	if (len == 0)
		return 0;
	if (tk->morph_of_cap < len + 1) {
		tk->morph_of_cap = len + 1;
		free(tk->morph_of);
		tk->morph_of = yk_xmalloc(tk->morph_of_cap * sizeof(uint32_t));
	}
	memset(tk->morph_of, 0, (len + 1) * sizeof(uint32_t));

	mecab_lattice_set_sentence2(tk->lattice, s, len);
	if (!mecab_parse_lattice(tk->tagger, tk->lattice))
		return yk_errinfo_set(ei, YK_EIO, "形態素解析に失敗しました: %s",
				      mecab_lattice_strerror(tk->lattice));

	for (const mecab_node_t *nd = mecab_lattice_get_bos_node(tk->lattice); nd; nd = nd->next) {
		if (nd->stat != MECAB_NOR_NODE && nd->stat != MECAB_UNK_NODE)
			continue;
		if (nd->surface < s || nd->surface + nd->length > s + len || nd->length == 0)
			continue;
		uint32_t ms = (uint32_t)(nd->surface - s), me = ms + nd->length;
		for (uint32_t k = ms; k < me; k++)
			tk->morph_of[k] = pos;
		const char *surf = nd->surface;
		size_t surf_len = nd->length;
		struct text__feat nofeat;
		const struct text__feat *ft;
		if (nd->feature) {
			ft = feat_of(tk, nd->feature);
		} else {
			feat_parse("", &nofeat);
			ft = &nofeat;
		}
		int unknown = nd->stat == MECAB_UNK_NODE || (ft->bits & TEXT__F_NOLEMMA);
		int noun = (ft->bits & TEXT__F_NOUN) != 0;
		int numeral = (ft->bits & TEXT__F_NUMERAL) != 0;
		int suffix_n = (ft->bits & TEXT__F_SUFFIX_N) != 0;
		int prefix = (ft->bits & TEXT__F_PREFIX) != 0;
		int content = (ft->bits & TEXT__F_CONTENT) != 0;
		struct morph cur = {0};
		cur.start = ms;
		cur.end = me;
		uint8_t flags;
		if (unknown) {
			cur.lemma = surf;
			cur.lemma_len = surf_len;
			content = content || nd->stat == MECAB_UNK_NODE;
			flags = text_is_stop_lemma(cur.lemma, cur.lemma_len) ? TEXT_TOKEN_STOP : 0;
		} else {
			cur.lemma = nd->feature + ft->lemma_off;
			cur.lemma_len = ft->lemma_len;
			flags = (ft->bits & TEXT__F_STOP) ? TEXT_TOKEN_STOP : 0;
		}
		if (content && !numeral && !all_alnum(surf, surf_len) &&
		    has_word_char(surf, surf_len)) {
			rc = add_token(out, cur.lemma, cur.lemma_len, 0, ms, me, pos,
				       TEXT_TOKEN_LEMMA, flags);
			if (!rc && (cur.lemma_len != surf_len ||
				    memcmp(cur.lemma, surf, surf_len) != 0))
				rc = add_token(out, surf, surf_len, 0, ms, me, pos,
					       TEXT_TOKEN_SURFACE, flags);
			if (rc)
				goto out;
		}
		cur.nominal = (noun || suffix_n || prefix || unknown) && !flags && !numeral &&
			      !all_alnum(surf, surf_len) && has_word_char(surf, surf_len);
		if (cur.nominal && prev.nominal && prev.end == ms) {
			char buf[TEXT_MAX_TERM];
			if (prev.lemma_len + cur.lemma_len <= sizeof(buf)) {
				memcpy(buf, prev.lemma, prev.lemma_len);
				memcpy(buf + prev.lemma_len, cur.lemma, cur.lemma_len);
				rc = add_token(out, buf, prev.lemma_len + cur.lemma_len, 0,
					       prev.start, me, pos, TEXT_TOKEN_COMPOUND, 0);
				if (rc)
					goto out;
			}
		}
		if (nd->stat == MECAB_UNK_NODE) {
			/* Bigrams over the whole unknown word, unless a
			 * katakana/alnum run below covers it anyway. */
			uint32_t cp;
			yk_utf8_decode(surf, surf_len, &cp);
			if (char_class(cp) == RUN_NONE) {
				rc = emit_bigrams(out, s, ms, me, tk->morph_of, flags);
				if (rc)
					goto out;
			}
		}
		prev = cur;
		pos++;
	}
	out->npos = pos;

	/* Katakana and alphanumeric runs, independent of morpheme boundaries. */
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t l = yk_utf8_decode(s + i, len - i, &cp);
		enum run_class c = char_class(cp);
		if (c == RUN_NONE) {
			i += l;
			continue;
		}
		size_t rs = i;
		while (i < len) {
			l = yk_utf8_decode(s + i, len - i, &cp);
			if (char_class(cp) != c)
				break;
			i += l;
		}
		if (c == RUN_ALNUM) {
			rc = add_token(out, s + rs, i - rs, 0, (uint32_t)rs, (uint32_t)i,
				       tk->morph_of[rs], TEXT_TOKEN_LEMMA, 0);
			if (rc)
				goto out;
		}
		rc = emit_bigrams(out, s, (uint32_t)rs, (uint32_t)i, tk->morph_of, 0);
		if (rc)
			goto out;
	}
out:
	fix_pointers(out);
	if (rc == YK_ELIMIT)
		yk_errinfo_set(ei, rc, "語の数が多すぎます（上限 %u）", TEXT_MAX_TOKENS);
	return rc;
}

int text_tokenize(struct text_tokenizer *tk, const char *s, size_t len, struct text_tokens *out,
		  struct yk_errinfo *ei)
{
	return tokenize(tk, s, len, out, ei, 1);
}

int text_tokenize_norm(struct text_tokenizer *tk, const struct text_norm *n,
		       struct text_tokens *out, struct yk_errinfo *ei)
{
	return tokenize(tk, n->text, n->len, out, ei, 0);
}

int text_segment(struct text_tokenizer *tk, const char *s, size_t len, struct yk_buf *out,
		 struct yk_errinfo *ei)
{
	size_t bad = 0;
	if (len > TEXT_MAX_INPUT)
		return yk_errinfo_set(ei, YK_ELIMIT, "テキストが大きすぎます（%zu バイト）", len);
	if (len > 0 && !yk_utf8_valid(s, len, &bad))
		return yk_errinfo_set(ei, YK_EUTF8, "UTF-8 ではないバイトがあります（%zu バイト目）",
				      bad + 1);
	if (len == 0)
		return 0;
	mecab_lattice_set_sentence2(tk->lattice, s, len);
	if (!mecab_parse_lattice(tk->tagger, tk->lattice))
		return yk_errinfo_set(ei, YK_EIO, "形態素解析に失敗しました: %s",
				      mecab_lattice_strerror(tk->lattice));
	int first = 1;
	for (const mecab_node_t *nd = mecab_lattice_get_bos_node(tk->lattice); nd; nd = nd->next) {
		if (nd->stat != MECAB_NOR_NODE && nd->stat != MECAB_UNK_NODE)
			continue;
		if (!first && yk_buf_addc(out, ' ') != 0)
			return yk_errinfo_set(ei, YK_ELIMIT, "出力が大きすぎます");
		if (yk_buf_add(out, nd->surface, nd->length) != 0)
			return yk_errinfo_set(ei, YK_ELIMIT, "出力が大きすぎます");
		first = 0;
	}
	return 0;
}

/* ---- morphemes with name classes ---------------------------------------------- */

void text_morphs_release(struct text_morphs *m)
{
	if (!m)
		return;
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static int prefix(const char *f, const char *lit, const char **rest)
{
	size_t l = strlen(lit);
	/* the first byte inline (lit is never empty): many features differ
	 * there, and strncmp() is a call */
	if (f[0] != lit[0] || strncmp(f, lit, l) != 0)
		return 0;
	*rest = f + l;
	return 1;
}

/* The feature's leading fields read as a tree (名詞, then 固有名詞, then
 * 人名 or 地名): one comparison for most morphemes, which are no nouns. */
static enum text_morph_kind morph_kind(const mecab_node_t *nd)
{
	const char *f = nd->feature ? nd->feature : "", *r;
	if (!prefix(f, "名詞,", &r))
		return nd->stat == MECAB_UNK_NODE ? TEXT_MORPH_NOUN : TEXT_MORPH_OTHER;
	if (!prefix(r, "固有名詞,", &r))
		return TEXT_MORPH_NOUN;
	if (prefix(r, "人名,", &r)) {
		if (strncmp(r, "姓", strlen("姓")) == 0)
			return TEXT_MORPH_SURNAME;
		if (strncmp(r, "名", strlen("名")) == 0)
			return TEXT_MORPH_GIVEN;
		return TEXT_MORPH_PERSON;
	}
	if (prefix(r, "地名", &r))
		return TEXT_MORPH_PLACE;
	return TEXT_MORPH_PROPER;
}

/* Whether another reading MeCab weighed for the same characters is a
 * surname (the lattice keeps every dictionary word starting at a byte). */
static int also_surname(mecab_lattice_t *lat, size_t at, const mecab_node_t *nd)
{
	for (const mecab_node_t *alt = mecab_lattice_get_begin_nodes(lat, at); alt; alt = alt->bnext)
		if (alt->length == nd->length && alt->feature &&
		    strncmp(alt->feature, "名詞,固有名詞,人名,姓", strlen("名詞,固有名詞,人名,姓")) == 0)
			return 1;
	return 0;
}

/* Appends the morpheme of node nd, which starts at byte bs of the parsed
 * sentence. */
static void add_morph(struct text_tokenizer *tk, struct text_morphs *out, const mecab_node_t *nd,
		      size_t bs)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 64;
		out->v = yk_xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	struct text_morph *m = &out->v[out->n++];
	m->start = (uint32_t)bs;
	m->end = (uint32_t)(bs + nd->length);
	m->space = nd->rlength > nd->length ? (uint32_t)(nd->rlength - nd->length) : 0;
	if (m->space > bs)
		m->space = (uint32_t)bs;
	m->kind = (uint8_t)morph_kind(nd);
	m->flags = nd->stat == MECAB_UNK_NODE ? TEXT_MORPH_UNKNOWN : 0;
	if ((m->kind == TEXT_MORPH_NOUN || m->kind == TEXT_MORPH_PROPER ||
	     m->kind == TEXT_MORPH_PLACE) &&
	    nd->length <= TEXT_MORPH_ALT_MAX && also_surname(tk->lattice, bs, nd))
		m->flags |= TEXT_MORPH_ALSO_SURNAME;
}

/* append 0: out is replaced; 1: the morphemes are added after its own. */
static int analyze(struct text_tokenizer *tk, const char *s, size_t len, struct text_morphs *out,
		   struct yk_errinfo *ei, int validate, int append)
{
	if (!append)
		out->n = 0;
	if (len > TEXT_MAX_INPUT)
		return yk_errinfo_set(ei, YK_ELIMIT, "テキストが大きすぎます（%zu バイト）", len);
	size_t bad = 0;
	if (validate && len > 0 && !yk_utf8_valid(s, len, &bad))
		return yk_errinfo_set(ei, YK_EUTF8, "UTF-8 ではないバイトがあります（%zu バイト目）",
				      bad + 1);
	if (len == 0)
		return 0;
	/* MeCab's dictionary lookup runs strlen() on the sentence whatever
	 * length it is given (found by fuzz_pii), so it gets a NUL-terminated
	 * copy; a NUL inside the input ends MeCab's view there. */
	if (len + 1 > tk->sentence_cap) {
		tk->sentence_cap = len + 1;
		tk->sentence = yk_xrealloc(tk->sentence, tk->sentence_cap);
	}
	memcpy(tk->sentence, s, len);
	tk->sentence[len] = '\0';
	const char *base = tk->sentence;
	mecab_lattice_set_sentence2(tk->lattice, base, len);
	if (!mecab_parse_lattice(tk->tagger, tk->lattice))
		return yk_errinfo_set(ei, YK_EMORPH, "形態素解析に失敗しました: %s",
				      mecab_lattice_strerror(tk->lattice));
	for (const mecab_node_t *nd = mecab_lattice_get_bos_node(tk->lattice); nd; nd = nd->next) {
		if (nd->stat == MECAB_BOS_NODE || nd->stat == MECAB_EOS_NODE)
			continue;
		size_t bs = (size_t)(nd->surface - base);
		if (bs + nd->length > len)
			break;
		add_morph(tk, out, nd, bs);
	}
	return 0;
}

int text_analyze(struct text_tokenizer *tk, const char *s, size_t len, struct text_morphs *out,
		 struct yk_errinfo *ei)
{
	return analyze(tk, s, len, out, ei, 1, 0);
}

int text_analyze_valid(struct text_tokenizer *tk, const char *s, size_t len,
		       struct text_morphs *out, struct yk_errinfo *ei)
{
	return analyze(tk, s, len, out, ei, 0, 0);
}

/* ---- the prefixes of one text from one parse ---------------------------------- */

/* MeCab's Viterbi runs forward: when it reaches byte `end` of a sentence,
 * every node ending there carries its best cost from the start and its best
 * predecessor, and nothing after `end` has been read into them. A parse of
 * s[0..end) alone would then end with EOS after the node of least cost +
 * connection to EOS (the first such node in MeCab's end list: it keeps the
 * first of equal costs) and walk back through the same predecessors. So the
 * morphemes of every prefix come from one parse of the longest, as long as
 * the nodes that end at or before `end` are those a parse of the prefix
 * would have made. They differ in two cases, both tested here: a word the
 * dictionary does not know is grouped up to the end of its run of
 * characters (a run cut by `end` makes another node), and a position where
 * every dictionary word runs past `end` gets unknown-word nodes in the
 * prefix alone (MeCab makes them only where no dictionary word starts).
 * Spaces right before `end` (MeCab skips them into the next node) are left
 * to a parse of their own too. */
static int prefix_safe(mecab_lattice_t *lat, const char *base, size_t end)
{
	unsigned char last = (unsigned char)base[end - 1];
	if (last == ' ' || last == '\t' || last == '\n' || last == '\r' ||
	    (end >= 3 && memcmp(base + end - 3, "\xE3\x80\x80", 3) == 0))
		return 0;
	for (size_t p = 0, step; p < end; p += step) {
		/* nodes begin at code points only */
		unsigned char b = (unsigned char)base[p];
		step = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
		const mecab_node_t *nd = mecab_lattice_get_begin_nodes(lat, p);
		if (!nd)
			continue;
		int within = 0, unknown = 0;
		for (; nd; nd = nd->bnext) {
			size_t ne = (size_t)(nd->surface - base) + nd->length;
			if (nd->stat == MECAB_UNK_NODE) {
				unknown = 1;
				if (ne > end)
					return 0;
			}
			if (ne <= end)
				within = 1;
		}
		if (!within && !unknown)
			return 0;
	}
	return 1;
}

/* The morphemes of base[0..end) from the parse in tk->lattice, walking
 * back from the best node ending at end; 0 when none ends there. A node on
 * the whole text's best path (isbest) has its morpheme among
 * out->v[whole..whole+nwhole) already, found by its start. */
static int prefix_morphs(struct text_tokenizer *tk, const char *base, size_t end,
			 struct text_morphs *out, size_t whole, size_t nwhole)
{
	const int16_t *eos = tk->model->eos_conn;
	const mecab_node_t *best = NULL;
	long best_cost = 0;
	for (const mecab_node_t *nd = mecab_lattice_get_end_nodes(tk->lattice, end); nd;
	     nd = nd->enext) {
		if (nd->rcAttr >= tk->model->eos_n)
			return 0;
		long cost = nd->cost + eos[nd->rcAttr];
		if (!best || cost < best_cost) {
			best = nd;
			best_cost = cost;
		}
	}
	if (!best)
		return 0;
	size_t from = out->n;
	size_t hi = whole + nwhole; /* the copies' search range shrinks as the walk goes back */
	for (const mecab_node_t *nd = best; nd && nd->stat != MECAB_BOS_NODE; nd = nd->prev) {
		size_t bs = (size_t)(nd->surface - base), lo = whole, h = hi;
		if (nd->isbest) {
			while (lo < h) {
				size_t mid = lo + (h - lo) / 2;
				if (out->v[mid].start < bs)
					lo = mid + 1;
				else
					h = mid;
			}
		}
		if (nd->isbest && lo < hi && out->v[lo].start == bs &&
		    out->v[lo].end == bs + nd->length) {
			if (out->n == out->cap) {
				out->cap = out->cap ? out->cap * 2 : 64;
				out->v = yk_xrealloc(out->v, out->cap * sizeof(*out->v));
			}
			out->v[out->n++] = out->v[lo];
			hi = lo;
		} else {
			add_morph(tk, out, nd, bs);
		}
	}
	/* walked backwards: put them in order */
	for (size_t i = from, j = out->n; i + 1 < j; i++, j--) {
		struct text_morph m = out->v[i];
		out->v[i] = out->v[j - 1];
		out->v[j - 1] = m;
	}
	return 1;
}

int text_analyze_prefixes(struct text_tokenizer *tk, const char *s, const size_t *ends, size_t n,
			  struct text_morphs *out, struct text_morph_range *ranges,
			  struct yk_errinfo *ei)
{
	size_t len = 0;
	for (size_t k = 0; k < n; k++)
		if (ends[k] > len)
			len = ends[k];
	if (len == 0) {
		for (size_t k = 0; k < n; k++)
			ranges[k].off = ranges[k].n = 0;
		return 0;
	}
	/* one parse of the longest prefix, the others from its lattice */
	size_t whole = out->n;
	int rc = analyze(tk, s, len, out, ei, 0, 1);
	if (rc)
		return rc;
	size_t nwhole = out->n - whole;
	const char *base = tk->sentence;
	int alone = 0; /* prefixes left to a parse of their own */
	for (size_t k = 0; k < n; k++) {
		size_t from = out->n;
		ranges[k].off = from;
		ranges[k].n = 0;
		if (ends[k] == 0)
			continue;
		if (ends[k] == len) {
			ranges[k].off = whole;
			ranges[k].n = nwhole;
		} else if (tk->model->eos_conn && prefix_safe(tk->lattice, base, ends[k]) &&
			   prefix_morphs(tk, base, ends[k], out, whole, nwhole)) {
			ranges[k].n = out->n - from;
		} else {
			out->n = from;
			ranges[k].n = SIZE_MAX; /* below */
			alone = 1;
		}
	}
	for (size_t k = 0; alone && k < n; k++) {
		if (ranges[k].n != SIZE_MAX)
			continue;
		size_t from = out->n;
		rc = analyze(tk, s, ends[k], out, ei, 0, 1);
		if (rc)
			return rc;
		ranges[k].off = from;
		ranges[k].n = out->n - from;
	}
#if defined(__SANITIZE_ADDRESS__)
	/* every prefix as a parse of its own would give it (sanitizer builds) */
	struct text_morphs one = {0};
	for (size_t k = 0; !rc && k < n; k++) {
		if (ends[k] == 0)
			continue;
		rc = analyze(tk, s, ends[k], &one, ei, 0, 0);
		assert(rc || one.n == ranges[k].n);
		for (size_t i = 0; !rc && i < one.n; i++) {
			const struct text_morph *a = &one.v[i], *b = &out->v[ranges[k].off + i];
			assert(a->start == b->start && a->end == b->end && a->space == b->space &&
			       a->kind == b->kind && a->flags == b->flags);
		}
	}
	text_morphs_release(&one);
#endif
	return rc;
}
