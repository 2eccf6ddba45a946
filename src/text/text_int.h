/* text internals shared by the files of src/text/ (not part of the
 * contract): the model and the tokenizer. */
#ifndef YK_TEXT_INT_H
#define YK_TEXT_INT_H

#include <mecab.h>
#include <pthread.h>

#include "text/text.h"

struct text_model {
	mecab_model_t *model;
	char *dicdir;
	int refs;                  /* guarded by the registry lock (model.c) */
	struct text_model *next;   /* the registry: one model per directory */
	pthread_mutex_t pool_mu;   /* guards the tagger pool */
	struct text_tokenizer **pool;
	size_t npool;
	uint64_t id;               /* text_tokenizer_model_id(); never reused */
	/* The connection cost from each right context id to the end of the
	 * sentence (the first column of matrix.bin: MeCab indexes it rcAttr +
	 * lsize * lcAttr, and EOS has lcAttr 0), so that text_analyze_prefixes()
	 * can end a parse early as MeCab would have. NULL when matrix.bin could
	 * not be read: every prefix is then parsed on its own. */
	int16_t *eos_conn;
	size_t eos_n;
};

struct text_tokenizer {
	struct text_model *model;
	mecab_t *tagger;
	mecab_lattice_t *lattice;
	uint32_t *morph_of; /* normalised byte -> morpheme index, for bigrams */
	size_t morph_of_cap;
	char *sentence;     /* NUL-terminated copy for text_analyze() */
	size_t sentence_cap;
	struct text__feat *feat; /* TEXT__FEAT_CACHE entries, NULL until used */
};

/* What tokenize.c reads from a UniDic feature string, kept per tokenizer
 * by the string's address (a node's feature points into the dictionary,
 * which lives as long as the model): a word's CSV features are parsed
 * once, not at every occurrence. Direct-mapped; a collision replaces. */
#define TEXT__FEAT_CACHE 4096u
struct text__feat {
	const char *feature; /* NULL: empty entry */
	uint16_t lemma_off;  /* lemma = feature + lemma_off, loanword tag cut */
	uint16_t lemma_len;
	uint8_t bits;        /* TEXT__F_* (tokenize.c) */
};

/* Long-vowel marks (ー, half-width ｰ), a hyphen only between digits. */
static inline int text__is_long_vowel(uint32_t c) { return c == 0x30FC || c == 0xFF70; }

/* The context part of text_fold(): a long-vowel mark between two digits
 * is a hyphen (0299ー88ー9999), elsewhere it stays (ヘルパー). */
void text__fold_digit_dashes(uint32_t *cp, size_t n);

#endif
