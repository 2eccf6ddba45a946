/* text: Japanese text normalisation and tokenisation, the one pipeline that
 * the index and the query both go through.
 *
 * Sits above core and below search. Two stages, kept apart so that spans
 * found in normalised text can be mapped back to the original bytes:
 *
 *   1. text_normalize(): NFKC (libutf8proc) + case folding + dash and
 *      long-vowel folding + whitespace collapsing, with an offset map from
 *      every normalised byte to the original byte range it came from.
 *   2. text_tokenize(): MeCab with UniDic over the normalised text. Emits the
 *      lemma (語彙素) of content words, their surface form when it differs,
 *      compounds of adjacent nominal morphemes, every ASCII alphanumeric run
 *      as one term, and character bigrams for katakana runs, alphanumerics
 *      and unknown words.
 *
 * Any change to what either stage produces must bump TEXT_PIPELINE_VERSION:
 * it is stored next to persisted indexes so that a change forces a re-index.
 *
 * text/ is the one language layer: the only code that finds UniDic, loads
 * MeCab and folds text. The guard (pii/) analyses morphemes with
 * text_analyze() and scans the light fold of text_fold(); it has no MeCab
 * or folding of its own.
 *
 * Thread safety: text_normalize() and text_fold() are pure and thread-safe.
 * A struct text_model (the loaded dictionary, ~800 MB mapped read-only) is
 * immutable after text_model_new() apart from its internally locked
 * reference count and tagger pool, and may be shared by all threads. A
 * struct text_tokenizer holds a MeCab tagger and lattice, which are NOT safe
 * to use from two threads at once: one thread at a time (take one from the
 * pool per task).
 */
#ifndef YK_TEXT_H
#define YK_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* Bump on any change to normalisation, term selection or term spelling. */
#define TEXT_PIPELINE_VERSION 3

/* Largest input text_normalize() and text_tokenize() accept (bytes). Offsets
 * are stored as uint32_t, and one FAQ answer or passage is far below this. */
#define TEXT_MAX_INPUT (16u * 1024u * 1024u)
/* Longest term kept (bytes). A longer word or compound is not emitted as a
 * term; the bigrams of katakana and alphanumeric runs still are. */
#define TEXT_MAX_TERM 96u

/* ---- normalisation ----------------------------------------------------- */

/* Normalised text with its offset map. Invariants: text is NUL-terminated
 * valid UTF-8 of len bytes (owned); for every normalised byte i < len,
 * orig_start[i] < orig_end[i] <= the original length, and the bytes of one
 * normalised code point share one original range. Both maps are
 * non-decreasing. text_norm_release() frees everything; a zeroed struct is
 * valid to release. */
struct text_norm {
	char *text;
	size_t len;
	uint32_t *orig_start;
	uint32_t *orig_end;
	size_t cap; /* bytes the three arrays have room for (text_normalize_reuse) */
};

/* Normalises s[0..len) (not NUL-terminated; any bytes):
 *  - NFKC with case folding (full-width ASCII and half-width katakana become
 *    their standard forms, Ａ → a, ｶﾞ → ガ, ① → 1);
 *  - dashes (‐‑‒–—―−－ and ー outside kana) become '-'; a dash or ー right
 *    after a katakana letter becomes ー, so コンピュ－タ == コンピュータ;
 *    wave dashes (〜～) become '~';
 *  - runs of white space and control characters become one ' ', with no
 *    leading or trailing space.
 * Errors: YK_EUTF8 with the offset of the first bad byte in ei->column
 * (1-based) and in the message; YK_ELIMIT above TEXT_MAX_INPUT. On error out
 * is left zeroed. */
int text_normalize(const char *s, size_t len, struct text_norm *out,
		   struct yk_errinfo *ei) YK_WUR;
/* The same, reusing the buffers out holds from an earlier call (or none:
 * zeroed), so that a thread normalising text after text allocates nothing
 * once its buffers are large enough. On error out->len is 0 and the buffers
 * stay out's. Release with text_norm_release() as usual. */
int text_normalize_reuse(const char *s, size_t len, struct text_norm *out,
			 struct yk_errinfo *ei) YK_WUR;
void text_norm_release(struct text_norm *n);

/* Maps the normalised byte range [start, end) (end > start, end <= len) to
 * the smallest original range covering it. */
void text_norm_map(const struct text_norm *n, size_t start, size_t end, size_t *orig_start,
		   size_t *orig_end);

/* ---- tokenisation ------------------------------------------------------ */

struct text_model;
struct text_tokenizer;

/* ---- the dictionary: where UniDic is ------------------------------------- */

/* The places searched for UniDic, in order. flag and env are explicit
 * choices: when set, the directory they name must hold UniDic, or the
 * search fails there (a mistyped path is reported, not silently replaced).
 * The mecabrc files are MeCab's own configuration: the first readable one
 * gives MeCab's system default `dicdir`, used when it is UniDic (Debian's
 * default may be IPAdic or JUMAN). Then the known Debian directories. A
 * directory holds UniDic when it has sys.dic and a dicrc that names unidic.
 * All strings are borrowed. */
#define TEXT_DICDIR_ENV "YAKUBA_MECAB_DICDIR"
#define TEXT_DICDIR_MAX 1024 /* bytes of a directory path */
#define TEXT_DIC_FILES_MAX 4
struct text_dic_search {
	const char *flag;                            /* --dicdir; NULL: not given */
	const char *env;                             /* $YAKUBA_MECAB_DICDIR; NULL: unset */
	const char *mecabrc[TEXT_DIC_FILES_MAX + 1]; /* NULL-terminated */
	const char *known[TEXT_DIC_FILES_MAX + 1];   /* NULL-terminated */
};
enum text_dic_source {
	TEXT_DIC_FLAG = 0,
	TEXT_DIC_ENV,
	TEXT_DIC_MECABRC,
	TEXT_DIC_KNOWN,
};

/* The search of this process: flag (may be NULL), $YAKUBA_MECAB_DICDIR,
 * the mecabrc files $MECABRC and /etc/mecabrc, then /var/lib/mecab/dic/unidic
 * and /usr/share/mecab/dic/unidic (Debian package `unidic-mecab`). */
void text_dic_search_default(struct text_dic_search *s, const char *flag);

/* Runs the search. On success dir (dirsz >= TEXT_DICDIR_MAX advised) holds
 * the directory and *from (optional) where it came from. YK_EIO when no
 * place holds UniDic, with ONE message naming every place tried and why it
 * did not do (absent, not UniDic), and the package to install. */
int text_dicdir_find(const struct text_dic_search *s, char *dir, size_t dirsz,
		     enum text_dic_source *from, struct yk_errinfo *ei) YK_WUR;

/* ---- the model: one per process ------------------------------------------- */

/* Finds UniDic with text_dic_search_default(dicdir) and loads it. There is
 * one model per dictionary directory in the process: a second call that
 * finds the same directory returns the same model with one more reference,
 * so the search index, the question log and the guard share one dictionary
 * and one tagger pool whoever creates them first. Errors as
 * text_dicdir_find(), or YK_EIO when MeCab cannot load the directory. */
int text_model_new(const char *dicdir, struct text_model **out, struct yk_errinfo *ei) YK_WUR;
/* Loads from a finished search (for callers and tests that build their own
 * struct text_dic_search). Same sharing and errors as text_model_new(). */
int text_model_open(const struct text_dic_search *s, struct text_model **out,
		    struct yk_errinfo *ei) YK_WUR;
/* One more reference for another owner; returns m. Thread-safe. */
struct text_model *text_model_ref(struct text_model *m);
/* Drops one reference; the last one frees the model and its pooled
 * tokenizers (every tokenizer taken from it must be given back or freed
 * first). NULL is a no-op. Thread-safe. */
void text_model_free(struct text_model *m);
/* Directory the model was loaded from (borrowed, lives as long as m). */
const char *text_model_dicdir(const struct text_model *m);

/* A tokenizer of its own (not pooled); borrows model, which must outlive
 * it. Use from one thread at a time. */
int text_tokenizer_new(struct text_model *model, struct text_tokenizer **out,
		       struct yk_errinfo *ei) YK_WUR;
void text_tokenizer_free(struct text_tokenizer *tk); /* NULL is a no-op */
/* Names the model tk tokenises with: a number given to each model loaded
 * in the process, never reused (not even after the model is freed), never
 * 0. Tokens are a function of the model and the text, so a caller may
 * keep the tokens of a text under (this id, the text) and use them again
 * instead of tokenising it again (search keeps those of recent queries). */
uint64_t text_tokenizer_model_id(const struct text_tokenizer *tk);

/* The tagger pool: a tokenizer from the model's pool (made when the pool is
 * empty), owned by the caller until text_tokenizer_give() puts it back.
 * The pool keeps at most TEXT_POOL_MAX idle tokenizers. Thread-safe. */
#define TEXT_POOL_MAX 64
int text_tokenizer_take(struct text_model *model, struct text_tokenizer **out,
			struct yk_errinfo *ei) YK_WUR;
void text_tokenizer_give(struct text_tokenizer *tk); /* NULL is a no-op */

enum text_token_kind {
	TEXT_TOKEN_LEMMA = 0,    /* UniDic lemma of a content word (引越し → 引っ越し) */
	TEXT_TOKEN_SURFACE = 1,  /* surface of a content word whose lemma differs */
	TEXT_TOKEN_COMPOUND = 2, /* adjacent nominal morphemes joined (保険+料 → 保険料) */
	TEXT_TOKEN_BIGRAM = 3,   /* character bigram (or lone char) of katakana,
				  * alphanumeric or unknown-word runs */
};

enum text_token_flags {
	/* The morpheme is request phrasing or a very general word (教える, 知る,
	 * 下さる, 為る, 場合, どう...): see text_is_stop_lemma(). The token is
	 * still emitted so that callers may down-weight instead of drop. */
	TEXT_TOKEN_STOP = 1,
};

/* A term occurrence. term points into the struct text_tokens' own storage
 * (valid until the next text_tokenize() into it or its release). Bigram
 * terms start with the byte TEXT_BIGRAM_PREFIX so that they never collide
 * with word terms. start/end are byte offsets into the normalised text the
 * tokens were made from; pos is the index of the morpheme the token belongs
 * to (tokens of one morpheme share pos), for proximity. */
struct text_token {
	const char *term;
	uint32_t term_len;
	uint32_t start, end;
	uint32_t pos;
	uint8_t kind;  /* enum text_token_kind */
	uint8_t flags; /* enum text_token_flags */
};

#define TEXT_BIGRAM_PREFIX '\x01'
/* Most tokens one call may produce; more is YK_ELIMIT. */
#define TEXT_MAX_TOKENS (4u * 1024u * 1024u)

/* Growable token list; zero-initialise, then reuse across calls. */
struct text_tokens {
	struct text_token *v;
	size_t n, cap;
	char *strs; /* term bytes */
	size_t strs_len, strs_cap;
	uint32_t npos; /* number of morpheme positions */
};
void text_tokens_release(struct text_tokens *t);

/* Tokenises normalised text (the text of a struct text_norm) into out,
 * replacing its contents. Pure over (s, len) apart from the tagger's
 * scratch state. Errors: YK_EUTF8, YK_ELIMIT (input or token count),
 * YK_EIO when MeCab fails. */
int text_tokenize(struct text_tokenizer *tk, const char *s, size_t len, struct text_tokens *out,
		  struct yk_errinfo *ei) YK_WUR;
/* text_tokenize() of n->text, where n was filled by text_normalize(): that
 * text is valid UTF-8 by construction, so it is not validated again. */
int text_tokenize_norm(struct text_tokenizer *tk, const struct text_norm *n,
		       struct text_tokens *out, struct yk_errinfo *ei) YK_WUR;

/* Surface segmentation (MeCab morphemes, every part of speech), used by
 * benchmarks that feed other engines the same segmentation. Appends the
 * surfaces of s[0..len) separated by single spaces to out. */
int text_segment(struct text_tokenizer *tk, const char *s, size_t len, struct yk_buf *out,
		 struct yk_errinfo *ei) YK_WUR;

/* ---- morphemes with name classes (for the personal-information guard) --- */

/* What UniDic says a morpheme is, as far as names go. */
enum text_morph_kind {
	TEXT_MORPH_OTHER = 0, /* particles, verbs, symbols... */
	TEXT_MORPH_NOUN,      /* a common noun (名詞 not 固有名詞), or an unknown word */
	TEXT_MORPH_PROPER,    /* 固有名詞 other than a person or a place (組織, 一般) */
	TEXT_MORPH_PLACE,     /* 固有名詞,地名 */
	TEXT_MORPH_SURNAME,   /* 固有名詞,人名,姓 */
	TEXT_MORPH_GIVEN,     /* 固有名詞,人名,名 */
	TEXT_MORPH_PERSON,    /* 固有名詞,人名,一般 */
};
enum text_morph_flags {
	TEXT_MORPH_UNKNOWN = 1,      /* not in the dictionary */
	/* A noun or proper noun of at most TEXT_MORPH_ALT_MAX bytes that the
	 * dictionary also has as a surname (大橋, 星, 長野): MeCab weighed that
	 * reading for the same characters and chose another. */
	TEXT_MORPH_ALSO_SURNAME = 2,
};
#define TEXT_MORPH_ALT_MAX 12

/* One morpheme: [start, end) bytes into the analysed text; space bytes of
 * white space that MeCab skipped right before start. */
struct text_morph {
	uint32_t start, end;
	uint32_t space;
	uint8_t kind;  /* enum text_morph_kind */
	uint8_t flags; /* enum text_morph_flags */
};
/* Growable; zero-initialise, reuse across calls. */
struct text_morphs {
	struct text_morph *v;
	size_t n, cap;
};
void text_morphs_release(struct text_morphs *m);

/* Morphemes of s[0..len) (any valid UTF-8, normalised or not; no NUL
 * termination needed) into out, replacing its contents. Errors: YK_EUTF8,
 * YK_ELIMIT (len > TEXT_MAX_INPUT), YK_EMORPH when MeCab fails. */
int text_analyze(struct text_tokenizer *tk, const char *s, size_t len, struct text_morphs *out,
		 struct yk_errinfo *ei) YK_WUR;
/* text_analyze() of s[0..len) that the caller has validated (the guard
 * tags windows of a text text_fold_checked() accepted): the UTF-8 is not
 * checked again, and invalid bytes are undefined behaviour. Same limits
 * and errors otherwise. */
int text_analyze_valid(struct text_tokenizer *tk, const char *s, size_t len,
		       struct text_morphs *out, struct yk_errinfo *ei) YK_WUR;

/* Where one prefix's morphemes are in a struct text_morphs: v[off..off+n). */
struct text_morph_range {
	size_t off, n;
};
/* text_analyze_valid() of each prefix s[0..ends[k]) for k < n, appended to
 * out (out->n is not reset) with ranges[k] saying where; an end of 0 gives
 * no morphemes. The result is the same as n calls of text_analyze_valid(),
 * but the text is parsed once, to its longest prefix, and the others are
 * read from that parse where it can tell they are the same (see
 * prefix_safe() in tokenize.c; the rest are parsed on their own). For the
 * guard, which tags a name's context with and without its honorific or
 * title. Same limits and errors as text_analyze_valid(). */
int text_analyze_prefixes(struct text_tokenizer *tk, const char *s, const size_t *ends, size_t n,
			  struct text_morphs *out, struct text_morph_range *ranges,
			  struct yk_errinfo *ei) YK_WUR;

/* ---- folding for detectors (one code point to one) ------------------------ */

/* The light fold the guard scans: one code point in, one code point out,
 * case kept, so that an index into the result is a code-point offset into
 * the input. Full-width ASCII becomes ASCII; every hyphen and dash that
 * text_normalize() folds to '-' becomes '-'; ideographic space, NBSP and tab
 * become ' '; ー and ｰ become '-' between two digits (0299ー88ー9999) and
 * stay long-vowel marks elsewhere. s[0..len) must be valid UTF-8; cp and
 * boff need room for the number of code points + 1. boff is the offset map:
 * code point i starts at byte boff[i], boff[n] = len. Returns n. */
size_t text_fold(const char *s, size_t len, uint32_t *cp, uint32_t *boff);
/* The context-free part of text_fold() for one code point. */
uint32_t text_fold_cp(uint32_t c);

/* 1 when lemma (UTF-8, not NUL-terminated) is in the stop list: request
 * phrasing (教える, 知る, 願う, 分かる...), very general verbs and formal
 * nouns (こと, もの, ため, 場合...). */
int text_is_stop_lemma(const char *lemma, size_t len);

/* ---- text_fold() with validation (fold_checked.c; for the guard) ---------- */

/* text_fold() of s[0..len) in one pass that also validates the UTF-8:
 * YK_EUTF8 (cp and boff then hold garbage) exactly when yk_utf8_valid()
 * would fail, else 0 with the code point count in *n. Same result as
 * text_fold(); cp and boff need room for len + 1 entries. Pure function,
 * thread-safe. */
int text_fold_checked(const char *s, size_t len, uint32_t *cp, uint32_t *boff,
		      size_t *n) YK_WUR;

#endif
