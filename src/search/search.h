/* search: the in-memory lexical index and ranker behind 問い合わせAI.
 *
 * Sits above text (normalise + tokenise) and below kb/qa. Documents are
 * handed in as plain structs (struct search_doc), so the index does not know
 * about the knowledge-base tables: qa builds an index from kb's rows at
 * start and after edits. Nothing tokenised is persisted today; whoever
 * starts persisting an index must store TEXT_PIPELINE_VERSION with it and
 * rebuild when it changes.
 *
 * Ranking (docs/search.md has the details and the measured figures):
 *   1. Query text goes through the same text_normalize() + text_tokenize()
 *      pipeline as the documents. Each distinct term gets a weight from its
 *      kind (lemma, surface, compound, bigram) and stop flag; synonym groups
 *      add the other spellings of a concept at a lower weight.
 *   2. BM25F over the four fields with per-field weights and length
 *      normalisation, saturated once per term (k1).
 *   3. The best SEARCH_RERANK_DEPTH candidates are reranked by a linear mix
 *      of the normalised BM25F score, how much of the query the document's
 *      question (or title) covers, how much of that question the query
 *      covers, and the cosine of the query's and that question's semantic
 *      vectors (term vectors learned from the index's own documents,
 *      semantic.c; none under SEARCH_SEMANTIC_MIN_DOCS documents). The
 *      final score is in [0, 1 + rr_sem] and comparable across queries,
 *      which is what search_decide() needs.
 *
 * Thread safety: a struct search_index is a builder. It carries a
 * read-write lock: search_query() takes it for reading, add, remove and
 * set_synonyms for writing. Servers publish an index as an immutable
 * struct search_snapshot instead (below), which readers query without any
 * lock and writers replace by a new snapshot made from a delta. Each thread
 * brings its own struct text_tokenizer and struct search_results.
 */
#ifndef YK_SEARCH_H
#define YK_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "text/text.h"

enum search_field {
	SEARCH_FIELD_QUESTION = 0, /* FAQ question */
	SEARCH_FIELD_ANSWER = 1,   /* FAQ answer */
	SEARCH_FIELD_TITLE = 2,    /* document title / heading path */
	SEARCH_FIELD_BODY = 3,     /* document passage */
	SEARCH_FIELD_ASKED = 4,    /* questions users said this answered (👍):
				    * ranks, never highlighted */
	SEARCH_NFIELDS = 5,
};

/* Limits on outside input. */
#define SEARCH_MAX_DOCS 2000000u        /* documents in one index */
#define SEARCH_MAX_EXT_ID 256u          /* bytes of an external id */
#define SEARCH_MAX_FIELD TEXT_MAX_INPUT /* bytes of one field */
#define SEARCH_MAX_QUERY 8192u          /* bytes of a query; more is YK_ELIMIT */
#define SEARCH_MAX_QUERY_TERMS 256u     /* distinct query terms kept (first ones win) */
#define SEARCH_MAX_K 1000u              /* results one query may ask for */
#define SEARCH_MAX_SPANS_PER_HIT 64u    /* highlight spans kept per result */
#define SEARCH_RERANK_DEPTH 100u        /* BM25F candidates that are reranked */
#define SEARCH_SEMANTIC_MAX_DIM 256u   /* term vector dimensions */
#define SEARCH_SEMANTIC_MIN_DOCS 200u  /* fewer live documents: no term vectors */
#define SEARCH_MAX_SYNONYM_GROUPS 20000u
#define SEARCH_MAX_SYNONYM_VARIANTS 32u /* spellings in one group */
#define SEARCH_MAX_SYNONYM_BYTES 128u   /* bytes of one spelling */

/* A document to index. Everything is borrowed for the duration of
 * search_index_add() only; the index copies what it keeps (the external
 * id) and keeps no pointer into the texts. Field texts are original text
 * (any UTF-8; the index normalises); a NULL or empty field is absent. */
struct search_doc {
	int64_t id;         /* caller's key, unique in the index */
	const char *ext_id; /* optional external id ("faq:123"), may be NULL */
	size_t ext_id_len;
	const char *field[SEARCH_NFIELDS];
	size_t field_len[SEARCH_NFIELDS];
	int is_public; /* 1: may be shown to citizens (search_opts.public_only) */
};

/* Ranking parameters. search_params_default() gives the values tuned on
 * the LocalgovFAQ dev split (docs/search.md); tests and the benchmark may
 * change them. */
struct search_params {
	float k1;                          /* BM25 term saturation */
	float b[SEARCH_NFIELDS];           /* length normalisation per field */
	float field_w[SEARCH_NFIELDS];     /* field weights */
	float kind_w[4];                   /* per enum text_token_kind */
	float stop_w;                      /* multiplier for TEXT_TOKEN_STOP terms */
	float synonym_w;                   /* multiplier for synonym expansions */
	float rr_bm25, rr_qcov, rr_dcov;   /* rerank mix (sum to 1 by convention) */
	unsigned rerank_depth;             /* 0..SEARCH_RERANK_DEPTH; 0 = no rerank */
	float rr_sem;                      /* weight of the semantic similarity */
	unsigned sem_dim;                  /* 0..SEARCH_SEMANTIC_MAX_DIM; 0 = none */
};
void search_params_default(struct search_params *p);

struct search_index;

/* New empty index. params NULL means search_params_default(). The
 * parameters are copied and fixed for the index's life. */
struct search_index *search_index_new(const struct search_params *params);
/* Drops the caller's reference (a snapshot made from it keeps its own);
 * NULL is a no-op. */
void search_index_free(struct search_index *idx);

/* Indexes doc, replacing any document with the same id. tk is the calling
 * thread's tokenizer. Errors: YK_EUTF8 (ei->field names the field),
 * YK_ELIMIT (SEARCH_MAX_* above, or the tokenizer's limits), YK_EIO (MeCab).
 * On error the index is unchanged. */
int search_index_add(struct search_index *idx, struct text_tokenizer *tk,
		     const struct search_doc *doc, struct yk_errinfo *ei) YK_WUR;
/* Removes the document with this id; YK_ENOTFOUND if there is none. */
int search_index_remove(struct search_index *idx, int64_t id) YK_WUR;
/* Number of documents (live ones). */
size_t search_index_count(struct search_index *idx);
/* Gives back the spare capacity of the growing arrays (postings, slots):
 * for after a bulk build, when few additions will follow. Later additions
 * grow them again as usual. */
void search_index_trim(struct search_index *idx);

/* Learns term vectors from the documents indexed so far (docs/search.md,
 * "Semantic similarity"): a truncated SVD of the document x term matrix,
 * params.sem_dim dimensions, nothing when the index holds fewer than
 * SEARCH_SEMANTIC_MIN_DOCS documents. For after a bulk build (snapshots
 * call it on every new base); documents added later are folded in at
 * query time. Takes the write lock. */
void search_index_semantic_build(struct search_index *idx);

/* Size of an index, for logs and capacity planning. */
struct search_stats {
	size_t docs;     /* live documents */
	size_t dead;     /* removed slots awaiting compaction */
	size_t terms;    /* distinct terms in the dictionary */
	size_t postings; /* (term, document slot) pairs, dead slots included */
	size_t tokens;   /* forward-list entries (one per token occurrence) */
	size_t bytes;    /* heap bytes held, counting allocated capacities */
};
void search_index_stats(struct search_index *idx, struct search_stats *out);

/* Replaces the synonym table with the groups in tsv[0..len): one group per
 * line, spellings separated by tabs, '#' starts a comment line. Each
 * spelling goes through the same pipeline as queries. Errors: YK_EUTF8,
 * YK_EPARSE / YK_ELIMIT with ei->line set; on error the old table stays. */
int search_index_set_synonyms(struct search_index *idx, struct text_tokenizer *tk,
			      const char *tsv, size_t len, struct yk_errinfo *ei) YK_WUR;
/* The seed synonym table built into the binary (data/seed/synonyms.tsv),
 * static; NULL with *len = 0 when the build has none. */
const char *search_synonyms_seed(size_t *len);

struct search_opts {
	unsigned k;      /* results wanted, 1..SEARCH_MAX_K */
	int public_only; /* 1: only documents added with is_public */
};

/* A span of original text that matched, in one field of a result:
 * bytes [start, end) of the text given as doc->field[field]. */
struct search_span {
	uint32_t field;
	uint32_t start, end;
};

/* A query term after expansion. text is the term as indexed (a bigram
 * without its internal prefix byte); synonym is 1 for expansion terms. */
struct search_qterm {
	const char *text;
	uint8_t kind; /* enum text_token_kind */
	uint8_t synonym;
	uint8_t stop; /* request phrasing or a very general word */
	float weight;
	float idf;    /* ln(1 + (N - df + 0.5) / (df + 0.5)) over the live documents */
	uint32_t df;  /* live documents holding the term */
};

struct search_hit {
	int64_t id;
	const char *ext_id; /* copy owned by the results; "" when none */
	float score;        /* final score in [0, 1 + rr_sem] */
	float bm25;         /* raw BM25F score */
	float qcov;         /* idf-weighted share of the query's terms found in the
			     * entry's question (or title), in [0, 1] */
	float dcov;         /* ... share of that question's terms the query has;
			     * both 0 for hits below the rerank depth */
	float sem;          /* cosine of the query's and the entry's semantic
			     * vectors (semantic.c); 0 without term vectors */
	const uint16_t *matched; /* indexes into results.qterms of the terms found */
	size_t n_matched;
	const struct search_span *spans; /* sorted by field then start, merged */
	size_t n_spans;
};

/* Results of one query, reused across queries by one thread: zero-
 * initialise, pass to search_query() any number of times, then release.
 * Everything it points to is owned by it and valid until the next
 * search_query() into it or search_results_release(). */
struct search_results {
	struct search_hit *hits; /* best first */
	size_t n;
	struct search_qterm *qterms;
	size_t n_qterms;
	float top;    /* score of hits[0], 0 when n == 0 */
	float margin; /* top - score of hits[1] (top when n == 1, 0 when n == 0) */
	uint32_t n_docs; /* live documents searched (N of the idf) */
	float lead;   /* top - score of hits[2] (top when n < 3, 0 when n == 0);
		       * needs opts.k >= 3 to be the lead over the third */
	struct search_results_scratch *scratch; /* internal */
};
void search_results_release(struct search_results *r);
/* A results struct keeps the tokens of up to SEARCH_QUERY_CACHE recent
 * queries (by exact bytes and text model; least recently used out; a
 * query whose tokens take more than 1 KB is not kept; at most 1 MB): the
 * same question again is neither normalised nor tokenised, with the same
 * results. This drops them (for measuring a first question). */
#define SEARCH_QUERY_CACHE 1024u
void search_results_forget_queries(struct search_results *r);

/* Ranks the documents against query[0..len) (original text; normalised
 * here). An empty query, or one made only of request phrasing and
 * particles, gives n == 0 and returns 0. Errors: YK_EUTF8, YK_ELIMIT
 * (SEARCH_MAX_QUERY), YK_EINVAL (opts->k out of range), YK_EIO (MeCab). */
int search_query(struct search_index *idx, struct text_tokenizer *tk, const char *query,
		 size_t len, const struct search_opts *opts, struct search_results *res,
		 struct yk_errinfo *ei) YK_WUR;

/* ---- snapshots ------------------------------------------------------------- */

/* An immutable view of an index for concurrent readers: a base index, the
 * documents added or replaced since (an overlay), and the base documents
 * removed since. Reference counted; a snapshot is never changed once made,
 * so any number of threads query it without a lock. A change makes a new
 * snapshot from the old one (search_snapshot_apply) that shares the base:
 * its cost is the tokenising of the changed documents plus a copy of the
 * overlay (bounded by SEARCH_OVERLAY_MAX), not a rebuild. When the overlay
 * passes max(SEARCH_OVERLAY_MAX, an eighth of the base) the apply merges it
 * into a new base from the forward lists (no tokenising; counted in
 * search_snapshot_stats.merges). Term statistics are those of the live
 * documents, as in a rebuilt index (removed base documents are subtracted
 * per term); only the order among exactly equal scores may differ. */
#define SEARCH_OVERLAY_MAX 2048u

struct search_snapshot;

/* Takes over idx (the caller's reference): idx must not be changed again. */
struct search_snapshot *search_snapshot_new(struct search_index *idx);
void search_snapshot_ref(struct search_snapshot *s);   /* thread-safe */
void search_snapshot_unref(struct search_snapshot *s); /* thread-safe; NULL no-op */

/* One change. Ids to remove that are not indexed are ignored; a document
 * to add replaces one with the same id. synonyms non-NULL replaces the
 * synonym table (search_index_set_synonyms format and errors). Borrowed
 * for the call. */
struct search_delta {
	const int64_t *remove;
	size_t nremove;
	const struct search_doc *add;
	size_t nadd;
	const char *synonyms;
	size_t synonyms_len;
};

/* New snapshot *out = old + d; old is unchanged and stays valid. Errors as
 * search_index_add / search_index_set_synonyms; then *out is NULL. Not for
 * two threads on the same old at once if both results are to be kept
 * (the caller serialises its writers). */
int search_snapshot_apply(const struct search_snapshot *old, struct text_tokenizer *tk,
			  const struct search_delta *d, struct search_snapshot **out,
			  struct yk_errinfo *ei) YK_WUR;

/* search_query over a snapshot; takes no lock. */
int search_snapshot_query(const struct search_snapshot *s, struct text_tokenizer *tk,
			  const char *query, size_t len, const struct search_opts *opts,
			  struct search_results *res, struct yk_errinfo *ei) YK_WUR;

struct search_snapshot_stats {
	size_t docs;         /* live documents */
	size_t base_docs;    /* live in the base (removed ones included) */
	size_t overlay_docs; /* live in the overlay */
	size_t overlay_slots; /* live and dead slots the overlay holds */
	size_t removed;      /* base documents removed since the base */
	uint64_t merges;     /* overlay merges since the first snapshot */
};
void search_snapshot_stats(const struct search_snapshot *s, struct search_snapshot_stats *out);

/* The semantic model of a snapshot (docs/search.md, "Semantic
 * similarity") is learned with its first base (search_snapshot_new). A
 * merge keeps it: entries added or changed since are folded in by the
 * formula queries use for the overlay, computed once. Learning it again
 * takes seconds (1-2 s for 1,786 FAQ entries, 13-20 s at 100,000
 * passages) and is left to the caller, outside any request:
 * search_snapshot_semantic_stale() says when (after a merge, once the
 * entries folded in or removed since the model was learned exceed
 * SEARCH_SEMANTIC_RELEARN_SHARE of those it was learned from, or when a
 * base grew past SEARCH_SEMANTIC_MIN_DOCS without a model);
 * search_semantic_learn() learns from a snapshot's base, reading only
 * immutable parts, so any thread may run it while others query and apply
 * deltas; search_snapshot_with_semantic() makes the snapshot to publish. */
#define SEARCH_SEMANTIC_RELEARN_SHARE 0.25

int search_snapshot_semantic_stale(const struct search_snapshot *s);

struct search_semantic;
/* A model learned from s's base (owned by the caller; keeps that base
 * alive until freed). Slow; thread-safe. Never NULL (a base too small for
 * a model gives an empty one: the snapshot made with it has none). */
struct search_semantic *search_semantic_learn(const struct search_snapshot *s);
void search_semantic_free(struct search_semantic *m); /* NULL no-op */
/* *out = cur with the model m (cur is unchanged; m may be freed after).
 * YK_ECONFLICT, *out NULL, when m was not learned from cur's base (a merge
 * came between: learn again from cur). */
int search_snapshot_with_semantic(const struct search_snapshot *cur,
				  const struct search_semantic *m,
				  struct search_snapshot **out) YK_WUR;

/* ---- decision ------------------------------------------------------------ */

enum search_decision {
	SEARCH_DECIDE_ANSWER = 0,  /* confident: show the best answer */
	SEARCH_DECIDE_CLARIFY = 1, /* close call: offer もしかして choices */
	SEARCH_DECIDE_UNKNOWN = 2, /* 分かりません: log the question */
};

/* Thresholds on the final score. The lead is the top score minus the
 * third one (struct search_results.lead): FAQs often hold two entries on
 * one subject that are both right, so a lead over the second alone
 * refuses answers whose runner-up is as good (docs/search.md, Decision).
 * The defaults were chosen two-fold on the LocalgovFAQ dev split with
 * `yakuba eval --curve` (tune on one half, measure on the other); admins
 * change them through the qa_answer_min_score / qa_answer_min_lead /
 * qa_clarify_min_score settings, which qa reads per question. */
struct search_decide_params {
	float answer_min_top;  /* answer only from this top score */
	float answer_min_lead; /* ... and this lead over the third */
	float clarify_min_top; /* below this: 分かりません; between: もしかして */
};
#define SEARCH_ANSWER_MIN_TOP 0.30f
#define SEARCH_ANSWER_MIN_LEAD 0.14f
#define SEARCH_CLARIFY_MIN_TOP 0.20f
void search_decide_params_default(struct search_decide_params *p);

/* p NULL means the defaults. */
enum search_decision search_decide(const struct search_decide_params *p, float top, float lead);

/* ---- evaluation metrics ------------------------------------------------------ */

/* Retrieval quality over a query set with graded judgements, as defined in
 * the LocalgovFAQ README (used by bench/search_faq and `yakuba eval`):
 * nDCG@10 with gain = grade and discount log2(rank + 1), normalised by the
 * ideal ordering of the judged entries; Recall@10 over judged entries
 * (grade >= 1); MRR of the first grade >= 1 entry; Hit@1/3/10 on entries of
 * grade >= top_grade, over the queries that have one. Queries without any
 * judged entry are not counted. */
struct search_judgement {
	int64_t id;
	int grade; /* 0 = not relevant */
};

#define SEARCH_EVAL_MAX_JUDGED 1024u /* judged entries per query considered */

struct search_eval {
	int top_grade; /* set before the first add; 0 means 2 */
	size_t queries, queries_top;
	double ndcg10, recall10, mrr, hit1, hit3, hit10; /* sums until _mean */
};

/* Adds one query: ranked[0..nranked) best first, judged[0..njudged). */
void search_eval_add(struct search_eval *e, const int64_t *ranked, size_t nranked,
		     const struct search_judgement *judged, size_t njudged);
/* Means of the sums in e (queries and queries_top are copied). */
void search_eval_mean(const struct search_eval *e, struct search_eval *mean);

#endif
