/* search_int.h: internals shared by the files of src/search (not a public API). */
#ifndef YK_SEARCH_INT_H
#define YK_SEARCH_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "search/search.h"

/* 12 bytes. Term frequencies saturate at 255 per field: BM25 has long
 * stopped growing there (k1 1.2), and passages are a few hundred chars.
 * fields (in what was padding) has bit f set when tf[f] > 0, so that the
 * scoring loop visits just those fields. */
struct search__posting {
	uint32_t doc;
	uint8_t tf[SEARCH_NFIELDS];
	uint8_t fields;
};
_Static_assert(sizeof(struct search__posting) == 12, "a posting stays 12 bytes");
_Static_assert(SEARCH_NFIELDS <= 8, "search__posting.fields has a bit per field");

struct search__term {
	uint32_t str_off, str_len;
	uint32_t df; /* live documents containing the term */
	uint32_t npost, cappost;
	struct search__posting *post;
};

/* One token of a document, with its offsets in the ORIGINAL field text;
 * 12 bytes (one per token of every document: the largest part of the
 * index). */
struct search__fwd {
	uint32_t term;
	uint32_t start;
	uint16_t len;  /* end - start, saturating (a longer span is cut) */
	uint8_t field;
	uint8_t kf;    /* enum text_token_kind | flags << 2 */
};
_Static_assert(TEXT_TOKEN_BIGRAM < 4 && TEXT_TOKEN_STOP < 64, "search__fwd.kf packing");

static inline unsigned search__fwd_kind(const struct search__fwd *x)
{
	return x->kf & 3u;
}

static inline unsigned search__fwd_flags(const struct search__fwd *x)
{
	return (unsigned)x->kf >> 2;
}

static inline uint32_t search__fwd_end(const struct search__fwd *x)
{
	return x->start + x->len;
}

/* What the scoring loop reads for every posting, kept apart from the rest
 * of a document (struct search__doc) so that it stays small and dense in
 * cache: 20 bytes a slot. */
struct search__dhot {
	uint32_t len[SEARCH_NFIELDS]; /* tokens per field */
	uint8_t live, is_public;
};

struct search__doc {
	int64_t id;
	char *ext_id;
	struct search__fwd *fwd;
	uint32_t nfwd;
	uint32_t field_begin[SEARCH_NFIELDS + 1]; /* fwd ranges per field */
};

struct search__variant {
	char **match_str; /* non-stop lemmas that must all be in the query */
	uint32_t nmatch;
	char **add_str; /* word terms added when a sibling spelling matched */
	uint8_t *add_kind;
	uint32_t nadd;
};

struct search__syngroup {
	struct search__variant *v;
	uint32_t nv;
};

/* A spelling of a synonym group, named by group and variant number. */
struct search__synref {
	uint32_t g, v;
};

/* A synonym table, immutable once built and shared (reference counted) by
 * the builder index and every snapshot made from it. A spelling can only
 * match a query holding its first lemma, so the table is indexed by that
 * lemma: a query looks up each of its own lemmas (search__synset_find)
 * instead of scanning every group. */
struct search__synset {
	atomic_uint refs;
	struct search__syngroup *g;
	uint32_t n;
	/* every spelling, sorted by first lemma, then group, then variant */
	struct search__synref *refs_by_key;
	/* distinct first lemmas: key k owns refs_by_key[kfirst[k]..kfirst[k+1]) */
	uint32_t nkeys;
	uint32_t *kfirst;
	/* open addressing over key numbers, UINT32_MAX free; power of two or 0 */
	uint32_t *khash;
	uint32_t khash_cap;
};

/* The spellings whose first lemma is s[0..len): *n of them from *first,
 * in group then variant order. Returns 0 when there is none. */
int search__synset_find(const struct search__synset *set, const char *s, size_t len,
			const struct search__synref **first, uint32_t *n);

/* A fresh, never repeated view epoch (see search__view.epoch). */
uint64_t search__epoch_next(void);

/* Term vectors learned from one base index (semantic.c), immutable and
 * reference counted: shared by every base a merge makes from that one,
 * whose term ids extend it (search__index_clone keeps the ids, compaction
 * never renumbers terms). row[t] (t < nterms) is the term's row in tvec
 * (nvec x dim) or UINT32_MAX; idf[row] is the term's idf over the
 * documents it was learned from, the weight every entry vector uses. */
struct search__semterms {
	atomic_uint refs;
	uint32_t dim, nterms, nvec;
	uint32_t learned; /* live documents learned from */
	uint32_t *row;
	float *tvec, *idf;
};

/* What a view reads for the semantic feature: the term vectors and the
 * entry vector of every slot of one base (ndocs x dim, unit length or
 * zero), immutable and reference counted. dim, nterms, row, tvec and idf
 * are the term vectors' own (borrowed from terms). A merge keeps the term
 * vectors and makes the new base's entry vectors by copying the kept ones
 * and folding in the overlay's (search__semantic_doc_vec); folded and
 * removed count the entries changed that way since the term vectors were
 * learned (search_snapshot_semantic_stale). */
struct search__semantic {
	atomic_uint refs;
	uint32_t dim, nterms, nvec;
	const uint32_t *row;
	const float *tvec, *idf;
	uint32_t ndocs;
	float *dvec; /* owned */
	uint32_t folded, removed;
	struct search__semterms *terms; /* one reference held */
};

/* Vectors are stored with dims rounded up to a multiple of
 * SEARCH_SEMANTIC_LANES, the tail zero, rows of dim floats, and every
 * vector starts 16-byte aligned: rows of malloc'd arrays (dim * 4 bytes
 * is a multiple of 64), and query.c's scratch vectors are declared
 * _Alignas(16). */
#define SEARCH_SEMANTIC_LANES 16u

#if defined(__GNUC__)
/* GCC vector extensions: four floats in an SSE register on x86-64 (its
 * baseline; aligned, so a multiply reads memory directly), lowered to
 * scalar code where there is no such unit. GCC 12 at -O2 does not
 * vectorise the plain loops (a float sum may not be reordered), so the
 * order is written out: four four-lane accumulators. */
typedef float search__v4f __attribute__((vector_size(16), may_alias));
#define SEARCH__SEM_SIMD 1
#endif

/* Dot product of two vectors of n floats (n a multiple of
 * SEARCH_SEMANTIC_LANES): lane sums added in a fixed order, so the result
 * is the same on every call and differs from a left-to-right sum only by
 * rounding. */
static inline float search__semantic_dot(const float *a, const float *b, uint32_t n)
{
#ifdef SEARCH__SEM_SIMD
	search__v4f s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
	for (const float *e = a + n; a < e; a += 16, b += 16) {
		s0 += *(const search__v4f *)a * *(const search__v4f *)b;
		s1 += *(const search__v4f *)(a + 4) * *(const search__v4f *)(b + 4);
		s2 += *(const search__v4f *)(a + 8) * *(const search__v4f *)(b + 8);
		s3 += *(const search__v4f *)(a + 12) * *(const search__v4f *)(b + 12);
	}
	s0 += s2;
	s1 += s3;
	s0 += s1;
	return (s0[0] + s0[2]) + (s0[1] + s0[3]);
#else
	float s[16] = {0};
	for (uint32_t c = 0; c < n; c += 16)
		for (int k = 0; k < 16; k++)
			s[k] += a[c + k] * b[c + k];
	for (int k = 0; k < 4; k++)
		s[k] = (s[k] + s[k + 8]) + (s[k + 4] + s[k + 12]);
	return (s[0] + s[2]) + (s[1] + s[3]);
#endif
}

/* out[0..n) += w * v[0..n) (n a multiple of SEARCH_SEMANTIC_LANES). */
static inline void search__semantic_axpy(float *out, float w, const float *v, uint32_t n)
{
#ifdef SEARCH__SEM_SIMD
	search__v4f wv = {w, w, w, w};
	for (uint32_t c = 0; c < n; c += 4)
		*(search__v4f *)(out + c) += wv * *(const search__v4f *)(v + c);
#else
	for (uint32_t c = 0; c < n; c++)
		out[c] += w * v[c];
#endif
}

/* NULL when the index is too small or dim is 0. */
struct search__semantic *search__semantic_build(const struct search_index *idx, unsigned dim);
void search__semantic_unref(struct search__semantic *m);
/* The vector of slot of part x (base, or an overlay whose terms are found
 * in base by text) into out[m->dim]: unit length or all zero. A pure
 * function of the model and the slot's forward list: the base's vectors
 * at build time, an overlay's at query time and a merge's are the same
 * formula. */
void search__semantic_doc_vec(const struct search__semantic *m, const struct search_index *base,
			      const struct search_index *x, uint32_t slot, float *out);
/* m with its entry vectors moved to the slots map gives (old slot ->
 * new slot or UINT32_MAX; nold slots; renumbering keeps the order), for
 * a builder that compacted. */
struct search__semantic *search__semantic_remapped(const struct search__semantic *m,
						   const uint32_t *map, uint32_t nold);
/* The model of base nb, merged from old_base (whose model is m), the
 * overlay ov (NULL: none) and removals: the same term vectors; a slot of
 * nb whose document is live in ov gets the vector folded in from ov's
 * slot (as a query over old_base + ov computes it), any other its
 * vector in m. */
struct search__semantic *search__semantic_merged(const struct search__semantic *m,
						 const struct search_index *old_base,
						 const struct search_index *ov,
						 const struct search_index *nb);

struct search_index {
	atomic_uint refs;     /* the builder's reference plus one per snapshot base */
	uint64_t epoch;       /* a new search__epoch_next() at every write */
	pthread_rwlock_t lock; /* builder mode only; snapshots never lock */
	struct search_params p;
	/* terms */
	struct search__term *terms;
	uint32_t nterms, capterms;
	char *pool;
	size_t pool_len, pool_cap;
	uint32_t *thash; /* term ids, UINT32_MAX when free */
	uint32_t thash_cap;
	/* documents */
	struct search__doc *docs;
	struct search__dhot *dhot; /* parallel to docs */
	uint32_t ndocs, capdocs; /* slots, live or dead */
	uint32_t nlive;
	uint64_t total_len[SEARCH_NFIELDS];
	uint32_t *idhash; /* slot numbers */
	uint32_t idhash_cap, idhash_used;
	/* synonyms (shared; never NULL) */
	struct search__synset *syn;
	/* term and entry vectors (semantic.c), one reference held; NULL
	 * until built. A snapshot's own (search__view.sem) may be newer. */
	struct search__semantic *sem;
	/* A clone's arrays in one block (index.c, search__index_clone): the
	 * postings, forward lists, external ids, terms, pool and hashes it
	 * copied. Arrays that grow later move out of it; NULL: not a clone. */
	char *slab;
	size_t slab_len;
	int slab_mapped; /* mmap'ed (large), else malloc'ed */
};

/* Documents removed from a base per term (base term id -> count), so
 * that frequencies over base + overlay are exact. Open addressing; a key
 * of UINT32_MAX is a free cell; cap is a power of two (or 0). */
struct search__dfadj {
	uint32_t cap, n;
	uint32_t *key, *val;
};

static inline uint32_t search__dfadj_get(const struct search__dfadj *a, uint32_t t)
{
	if (!a || a->cap == 0)
		return 0;
	uint32_t mask = a->cap - 1;
	for (uint32_t i = (t * 2654435761u) & mask;; i = (i + 1) & mask) {
		if (a->key[i] == t)
			return a->val[i];
		if (a->key[i] == UINT32_MAX)
			return 0;
	}
}

/* What one query reads: a base index, optionally an overlay index of the
 * documents added or replaced since the base was built, and the base slots
 * those changes removed. The builder's search_query() uses a view of the
 * builder alone. Nothing in a view is written by anyone while it is read. */
struct search__view {
	const struct search_index *b;
	const struct search_index *o;     /* NULL: no overlay */
	const uint64_t *dead;             /* bitmap over b's slots, NULL: none */
	const struct search__dfadj *dd;   /* per-term counts of dead, NULL: none */
	const struct search__synset *syn;
	const struct search_params *p;
	const struct search__semantic *sem; /* NULL: no semantic feature */
	uint32_t nlive;
	uint64_t total_len[SEARCH_NFIELDS];
	/* Names what the view holds: two views with the same epoch have the
	 * same documents, terms, frequencies and parameters, so what a
	 * thread derived from one (term idfs, a document's rerank mass) holds
	 * for the other. Never reused; 0: nothing may be kept across queries. */
	uint64_t epoch;
};

int search__query_view(const struct search__view *v, struct text_tokenizer *tk,
		       const char *query, size_t len, const struct search_opts *opts,
		       struct search_results *res, struct yk_errinfo *ei);

/* Queries into r whose tokens came from its query-token cache (for tests). */
uint64_t search__query_cache_hits(const struct search_results *r);

/* Slot of a live document id (or UINT32_MAX); *where gets its id-hash cell. */
uint32_t search__id_find(const struct search_index *idx, int64_t id, uint32_t *where);
/* Deep copy (the copy has one reference and shares the synonym table).
 * growing (a snapshot's overlay, changed next): its arrays in one slab
 * with room for a few more terms and documents (index.c); otherwise (a
 * merge's new base) one allocation per array. */
struct search_index *search__index_clone(const struct search_index *src, int growing);
/* Drops a document slot (df, lengths, id hash). Caller owns idx. */
void search__doc_drop(struct search_index *idx, uint32_t slot, uint32_t where);
/* Adds a document from another index's forward list (terms re-interned). */
void search__doc_copy_from(struct search_index *dst, const struct search_index *src,
			   uint32_t slot);
/* Compacts when any slot is dead. */
void search__compact(struct search_index *idx);
void search__synset_unref(struct search__synset *s);
int search__synset_build(struct text_tokenizer *tk, const char *tsv, size_t len,
			 struct search__synset **out, struct yk_errinfo *ei);

/* Term id of s[0..len), or UINT32_MAX. Caller holds the lock. */
uint32_t search__term_find(const struct search_index *idx, const char *s, size_t len);

#endif
