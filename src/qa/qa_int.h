/* qa internals shared by qa.c and qa_editor.c. Not part of the contract. */
#ifndef YK_QA_INT_H
#define YK_QA_INT_H

#include <pthread.h>

#include "qa/qa.h"

struct text_model;
struct text_tokenizer;
struct search_index;
struct pii_detector;
struct pii_scanner;

#define QA_RATE_BUCKETS 4096

struct qa_bucket {
	uint64_t key; /* hash of the address */
	double tokens;
	int64_t at_ms;
};

struct qa {
	struct text_model *model;
	pthread_mutex_t tk_mu; /* guards the tokenizer pool */
	struct text_tokenizer **tk_free;
	size_t tk_n, tk_cap;
	pthread_mutex_t build_mu;   /* one index build at a time */
	pthread_rwlock_t idx_lock;  /* guards idx and generation */
	struct search_index *idx;
	int64_t generation;         /* kb_generation the index was built from */
	int64_t learned;            /* qa_state.learned_gen the index has learned */
	pthread_mutex_t pii_mu;     /* guards the detector's creation and the scanner pool */
	struct pii_detector *pii;   /* masks questions before they are logged */
	struct pii_scanner **sc_free;
	size_t sc_n, sc_cap;
	pthread_mutex_t rate_mu;
	struct qa_bucket buckets[QA_RATE_BUCKETS];
};

int qa__tk_get(struct qa *qa, struct text_tokenizer **tk, struct yk_errinfo *ei);
void qa__tk_put(struct qa *qa, struct text_tokenizer *tk);
int qa__index_ensure(struct qa *qa, struct store *db, struct text_tokenizer *tk,
		     struct yk_errinfo *ei);
/* Fills qa_synonyms from the seed file when it has never been filled. */
int qa__synonyms_seed(struct store *db, struct yk_errinfo *ei);
/* The synonym table as TSV (one group per line) for the index. */
int qa__synonyms_tsv(struct store *db, struct yk_buf *out, struct yk_errinfo *ei);

#endif
