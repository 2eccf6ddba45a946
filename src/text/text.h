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
 * Thread safety: text_normalize() is pure and thread-safe. A struct
 * text_model (the loaded dictionary, ~800 MB mapped read-only) is immutable
 * after text_model_new() and may be shared by all threads. A struct
 * text_tokenizer holds a MeCab tagger and lattice, which are NOT safe to use
 * from two threads at once: create one tokenizer per thread.
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
void text_norm_release(struct text_norm *n);

/* Maps the normalised byte range [start, end) (end > start, end <= len) to
 * the smallest original range covering it. */
void text_norm_map(const struct text_norm *n, size_t start, size_t end, size_t *orig_start,
		   size_t *orig_end);

/* ---- tokenisation ------------------------------------------------------ */

struct text_model;
struct text_tokenizer;

/* Loads the UniDic dictionary for MeCab. dicdir NULL searches, in order,
 * $YAKUBA_MECAB_DICDIR, /var/lib/mecab/dic/unidic (Debian package
 * `unidic-mecab`) and /usr/share/mecab/dic/unidic. YK_EIO with a message
 * naming the package when no dictionary is found or it does not load. */
int text_model_new(const char *dicdir, struct text_model **out, struct yk_errinfo *ei) YK_WUR;
void text_model_free(struct text_model *m); /* NULL is a no-op; after all its tokenizers */
/* Directory the model was loaded from (borrowed, lives as long as m). */
const char *text_model_dicdir(const struct text_model *m);

/* One per thread; borrows model, which must outlive it. */
int text_tokenizer_new(struct text_model *model, struct text_tokenizer **out,
		       struct yk_errinfo *ei) YK_WUR;
void text_tokenizer_free(struct text_tokenizer *tk); /* NULL is a no-op */

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

/* Surface segmentation (MeCab morphemes, every part of speech), used by
 * benchmarks that feed other engines the same segmentation. Appends the
 * surfaces of s[0..len) separated by single spaces to out. */
int text_segment(struct text_tokenizer *tk, const char *s, size_t len, struct yk_buf *out,
		 struct yk_errinfo *ei) YK_WUR;

/* 1 when lemma (UTF-8, not NUL-terminated) is in the stop list: request
 * phrasing (教える, 知る, 願う, 分かる...), very general verbs and formal
 * nouns (こと, もの, ため, 場合...). */
int text_is_stop_lemma(const char *lemma, size_t len);

#endif
