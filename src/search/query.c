/* search/query.c: query analysis, BM25F accumulation, rerank, highlights,
 * and the answer / もしかして / 分からない decision.
 *
 * All per-query memory lives in the caller's struct search_results (its
 * scratch part), so a thread that reuses one results struct allocates
 * nothing in the steady state and queries never contend on an allocator
 * lock held by the index.
 */
#include <math.h>

#include "search/search_int.h"
#include "core/banned.h"

struct qt {
	uint32_t term;  /* term id in the base, UINT32_MAX when absent */
	uint32_t oterm; /* term id in the overlay, UINT32_MAX when absent */
	uint32_t text_off, text_len;
	float w;      /* query weight (kind, stop, synonym) */
	float idf;
	float syn_f;  /* synonym: its share of the parent's credit (1 for originals) */
	int32_t parent; /* synonym: the original query term it stands for */
	uint8_t kind, synonym;
	uint8_t stop; /* only request phrasing / general words */
};

struct cand {
	uint32_t slot;
	float bm25, score;
	float qcov, dcov; /* rerank features (0 beyond the reranked depth) */
	float sem;
};

/* A heap entry: 8 bytes, where a struct cand is 20 (the heap sees every
 * document a query touches). */
struct hent {
	float bm25;
	uint32_t slot;
};

struct hit_tmp {
	size_t matched_off, matched_n;
	size_t spans_off, spans_n;
	size_t ext_off;
};

/* The query-token cache: the tokens of recent queries, kept by the
 * results struct (one thread at a time, so no lock) under (the
 * tokenizer's model, the query's exact bytes). A question asked again
 * skips normalising and MeCab, about a third of a question's
 * instructions (docs/search.md). Tokens are a function of the model and
 * the text alone (text_tokenizer_model_id()), not of the index: an entry
 * stays valid across edits, snapshots and synonym changes, and what the
 * query derives from the index is computed afresh from the tokens every
 * time. QCACHE_SETS sets of QCACHE_WAYS entries chosen by a hash of the
 * bytes; a full set replaces its least recently used entry. Bounded:
 * SEARCH_QUERY_CACHE entries of at most QCACHE_ENTRY_MAX bytes (a longer
 * query is tokenised every time), at most 1 MB a results struct, and
 * about 0.3 KB an entry for the questions of LocalgovFAQ (at most 261
 * bytes a question). */
#define QCACHE_WAYS 8u
#define QCACHE_SETS (SEARCH_QUERY_CACHE / QCACHE_WAYS)
#define QCACHE_ENTRY_MAX 1024u
_Static_assert((QCACHE_SETS & (QCACHE_SETS - 1)) == 0, "a power of two");

struct qcache_entry {
	uint64_t hash;
	uint64_t model;  /* 0: empty */
	uint32_t qlen;   /* the query's bytes are blk[0..qlen) */
	uint32_t ntok;   /* then ntok records: kind, flags, term length (two
			  * bytes, little end first), term bytes */
	uint32_t cap;
	uint64_t used;   /* the cache's clock when last found or kept */
	unsigned char *blk;
};

struct search_results_scratch {
	float *acc;
	uint32_t acc_cap;
	uint32_t *touched;
	size_t ntouched;
	uint16_t *qmark; /* per base term id: qterm index + 1 */
	/* per base term id: 1 when qmark is not 0; what the forward-list
	 * walks scan (next_match()), half qmark's bytes in the cache */
	uint8_t *qhas;
	uint32_t *stamp; /* per base term id: last use, for distinct-term walks */
	uint32_t term_cap, stamp_now;
	uint16_t *qmark_o; /* the same for the overlay's term ids */
	uint8_t *qhas_o;
	uint32_t *stamp_o;
	uint32_t oterm_cap, stamp_o_now;
	/* What the rerank derives from the view alone, kept while queries come
	 * to views of the same epoch (search__view.epoch; a new epoch starts a
	 * new generation): the idf of a document term (valid where
	 * idf_gen[term] == gen_now; base, _o: overlay), and per view slot the
	 * idf mass of its about-field (dsum, valid where dsum_gen[slot] ==
	 * gen_now). Same inputs, same float operations in the same order:
	 * the values are those a fresh computation gives, bit for bit. */
	float *idf, *idf_o;
	uint32_t *idf_gen, *idf_gen_o;
	float *dsum;
	uint32_t *dsum_gen;
	uint32_t gen_now;
	uint64_t epoch;
	/* per query, for the rerank: originals (non-synonym terms) are
	 * qt[0..norig); the weight of a document token by its kind and stop
	 * flag (search__fwd.kf & 7) */
	size_t norig;
	float kind_stop_w[8];
	struct text_norm norm;
	struct text_tokens toks;
	struct qt *qt;
	size_t nqt, capqt;
	char *strs;
	size_t strs_len, strs_cap;
	struct cand *cand;
	size_t ncand, capcand;
	struct hent *heap; /* the best BM25F candidates while accumulating */
	size_t capheap;
	uint16_t *matched;
	size_t nmatched, capmatched;
	struct search_span *spans;
	size_t nspans, capspans;
	struct search_span *spans_tmp; /* merge buffer of sort_spans() */
	size_t capspans_tmp;
	char *ext;
	size_t ext_len, ext_cap;
	struct hit_tmp *ht;
	size_t capht;
	struct search__synref *sref; /* synonym spellings the query may match */
	size_t nsref, capsref;
	size_t caphits, capqterms;
	struct qcache_entry *qcache; /* SEARCH_QUERY_CACHE, NULL until used */
	uint64_t qclock;
	uint64_t qhits; /* queries whose tokens came from the cache (tests) */
	/* the query's semantic vector (unit length) when has_qvec */
	int has_qvec;
	_Alignas(16) float qvec[SEARCH_SEMANTIC_MAX_DIM], dvec_tmp[SEARCH_SEMANTIC_MAX_DIM];
};

/* ---- decision ------------------------------------------------------------- */

void search_decide_params_default(struct search_decide_params *p)
{
	p->answer_min_top = SEARCH_ANSWER_MIN_TOP;
	p->answer_min_lead = SEARCH_ANSWER_MIN_LEAD;
	p->clarify_min_top = SEARCH_CLARIFY_MIN_TOP;
}

enum search_decision search_decide(const struct search_decide_params *p, float top, float lead)
{
	struct search_decide_params def;
	if (!p) {
		search_decide_params_default(&def);
		p = &def;
	}
	if (top > 0 && top >= p->answer_min_top && lead >= p->answer_min_lead)
		return SEARCH_DECIDE_ANSWER;
	if (top > 0 && top >= p->clarify_min_top)
		return SEARCH_DECIDE_CLARIFY;
	return SEARCH_DECIDE_UNKNOWN;
}

/* ---- scratch helpers ------------------------------------------------------- */

#define GROW(ptr, cap, need)                                                    \
	do {                                                                    \
		if ((need) > (cap)) {                                           \
			size_t nc_ = (cap) ? (cap) : 16;                        \
			while (nc_ < (need))                                    \
				nc_ *= 2;                                       \
			(ptr) = yk_xrealloc((ptr), nc_ * sizeof(*(ptr)));       \
			(cap) = nc_;                                            \
		}                                                               \
	} while (0)

void search_results_release(struct search_results *r)
{
	if (!r)
		return;
	struct search_results_scratch *s = r->scratch;
	if (s) {
		free(s->acc);
		free(s->touched);
		free(s->qmark);
		free(s->stamp);
		free(s->qmark_o);
		free(s->qhas);
		free(s->qhas_o);
		free(s->stamp_o);
		free(s->idf);
		free(s->idf_o);
		free(s->idf_gen);
		free(s->idf_gen_o);
		free(s->dsum);
		free(s->dsum_gen);
		text_norm_release(&s->norm);
		text_tokens_release(&s->toks);
		free(s->qt);
		free(s->strs);
		free(s->cand);
		free(s->heap);
		free(s->matched);
		free(s->spans);
		free(s->spans_tmp);
		free(s->ext);
		free(s->ht);
		free(s->sref);
		for (size_t i = 0; s->qcache && i < SEARCH_QUERY_CACHE; i++)
			free(s->qcache[i].blk);
		free(s->qcache);
		free(s);
	}
	free(r->hits);
	free(r->qterms);
	memset(r, 0, sizeof(*r));
}

static void fit_terms(uint16_t **qmark, uint8_t **qhas, uint32_t **stamp, float **idf, uint32_t **idf_gen,
		      uint32_t *cap, uint32_t *now, uint32_t nterms)
{
	if (*cap >= nterms)
		return;
	uint32_t nc = nterms + nterms / 4 + 16;
	free(*qmark);
	free(*qhas);
	free(*stamp);
	free(*idf);
	free(*idf_gen);
	*qmark = yk_xcalloc(nc, sizeof(uint16_t));
	*qhas = yk_xcalloc(nc, 1);
	*stamp = yk_xcalloc(nc, sizeof(uint32_t));
	*idf = yk_xmalloc(nc * sizeof(float));
	*idf_gen = yk_xcalloc(nc, sizeof(uint32_t)); /* 0: never a live generation */
	*cap = nc;
	*now = 0;
}

/* Sizes the per-document and per-term arrays to the view. */
static void scratch_fit(struct search_results_scratch *s, const struct search__view *v)
{
	uint32_t nslots = v->b->ndocs + (v->o ? v->o->ndocs : 0);
	if (s->acc_cap < nslots) {
		uint32_t nc = nslots + nslots / 4 + 16;
		free(s->acc);
		free(s->touched);
		free(s->dsum);
		free(s->dsum_gen);
		s->acc = yk_xcalloc(nc, sizeof(float));
		s->touched = yk_xmalloc(nc * sizeof(uint32_t));
		s->dsum = yk_xmalloc(nc * sizeof(float));
		s->dsum_gen = yk_xcalloc(nc, sizeof(uint32_t)); /* 0: never a live generation */
		s->acc_cap = nc;
	}
	fit_terms(&s->qmark, &s->qhas, &s->stamp, &s->idf, &s->idf_gen, &s->term_cap, &s->stamp_now,
		  v->b->nterms);
	if (v->o)
		fit_terms(&s->qmark_o, &s->qhas_o, &s->stamp_o, &s->idf_o, &s->idf_gen_o, &s->oterm_cap,
			  &s->stamp_o_now, v->o->nterms);
	/* A query advances a stamp at most once per reranked candidate: start
	 * the stamps again before they wrap (a stale stamp equal to the new
	 * one would hide a term). */
	if (s->stamp_now > UINT32_MAX - SEARCH_RERANK_DEPTH - 1) {
		memset(s->stamp, 0, s->term_cap * sizeof(uint32_t));
		s->stamp_now = 0;
	}
	if (s->stamp_o && s->stamp_o_now > UINT32_MAX - SEARCH_RERANK_DEPTH - 1) {
		memset(s->stamp_o, 0, s->oterm_cap * sizeof(uint32_t));
		s->stamp_o_now = 0;
	}
	/* A view of another epoch (or of none) starts a new generation of
	 * cached idfs and about-field masses. */
	if (v->epoch != 0 && v->epoch == s->epoch && s->gen_now != 0)
		return;
	s->epoch = v->epoch;
	if (++s->gen_now == 0) {
		if (s->idf_gen)
			memset(s->idf_gen, 0, s->term_cap * sizeof(uint32_t));
		if (s->idf_gen_o)
			memset(s->idf_gen_o, 0, s->oterm_cap * sizeof(uint32_t));
		memset(s->dsum_gen, 0, s->acc_cap * sizeof(uint32_t));
		s->gen_now = 1;
	}
}

/* The index part holding a view slot; *slot becomes the part's own. */
static const struct search_index *slot_part(const struct search__view *v, uint32_t *slot)
{
	if (*slot < v->b->ndocs)
		return v->b;
	*slot -= v->b->ndocs;
	return v->o;
}

/* Documents of the view containing term t of part x: the base's, less
 * the removed ones, plus the overlay's. */
static uint32_t base_df(const struct search__view *v, uint32_t t)
{
	return v->b->terms[t].df - search__dfadj_get(v->dd, t);
}

static uint32_t view_df(const struct search__view *v, const struct search_index *x, uint32_t t)
{
	int base = x == v->b;
	uint32_t df = base ? base_df(v, t) : x->terms[t].df;
	const struct search_index *other = base ? v->o : v->b;
	if (other) {
		const struct search__term *tr = &x->terms[t];
		uint32_t u = search__term_find(other, x->pool + tr->str_off, tr->str_len);
		if (u != UINT32_MAX)
			df += base ? other->terms[u].df : base_df(v, u);
	}
	return df;
}

static uint32_t qt_df(const struct search__view *v, const struct qt *q)
{
	return (q->term == UINT32_MAX ? 0 : base_df(v, q->term)) +
	       (q->oterm == UINT32_MAX ? 0 : v->o->terms[q->oterm].df);
}

static const char *qt_text(const struct search_results_scratch *s, const struct qt *q)
{
	return s->strs + q->text_off;
}

/* Adds (or strengthens) a query term; returns its index or -1 when full. */
static int qt_add(struct search_results_scratch *s, const char *t, size_t len, uint8_t kind,
		  float w, uint8_t synonym, uint8_t stop, int32_t parent)
{
	for (size_t i = 0; i < s->nqt; i++) {
		struct qt *q = &s->qt[i];
		if (q->text_len == len && memcmp(qt_text(s, q), t, len) == 0) {
			if (w > q->w && (!synonym || q->synonym)) {
				q->w = w;
				q->kind = kind;
				q->stop = stop;
			}
			return (int)i;
		}
	}
	if (s->nqt >= SEARCH_MAX_QUERY_TERMS)
		return -1;
	GROW(s->qt, s->capqt, s->nqt + 1);
	GROW(s->strs, s->strs_cap, s->strs_len + len + 1);
	struct qt *q = &s->qt[s->nqt];
	q->term = UINT32_MAX;
	q->oterm = UINT32_MAX;
	q->text_off = (uint32_t)s->strs_len;
	q->text_len = (uint32_t)len;
	q->w = w;
	q->idf = 0;
	q->syn_f = 1.0f;
	q->parent = parent;
	q->kind = kind;
	q->synonym = synonym;
	q->stop = stop;
	memcpy(s->strs + s->strs_len, t, len);
	s->strs_len += len;
	s->strs[s->strs_len++] = '\0';
	return (int)s->nqt++;
}

/* Index of the original (non-synonym) lemma query term t, or -1. */
static int qt_find_lemma(const struct search_results_scratch *s, const char *t, size_t len)
{
	for (size_t i = 0; i < s->nqt; i++) {
		const struct qt *q = &s->qt[i];
		if (!q->synonym && q->kind == TEXT_TOKEN_LEMMA && q->text_len == len &&
		    memcmp(qt_text(s, q), t, len) == 0)
			return (int)i;
	}
	return -1;
}

/* Whether every lemma variant var must find is an original query term;
 * *parent gets the first one's index. */
static int variant_matches(const struct search_results_scratch *s, size_t norig,
			   const struct search__variant *var, int *parent)
{
	for (uint32_t m = 0; m < var->nmatch; m++) {
		int at = qt_find_lemma(s, var->match_str[m], strlen(var->match_str[m]));
		if (at < 0 || (size_t)at >= norig)
			return 0;
		if (m == 0)
			*parent = at;
	}
	return var->nmatch > 0;
}

static int cmp_synref_gv(const struct search__synref *x, const struct search__synref *y)
{
	if (x->g != y->g)
		return x->g < y->g ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

/* Adds the other spellings of every synonym group one of whose spellings
 * the query holds, group by group in table order and, in a group, from the
 * first spelling that matches: the spellings come from the table's
 * first-lemma index (a spelling without its first lemma in the query cannot
 * match), so the cost is a look-up per query lemma, not a scan of the
 * table. */
static void expand_synonyms(const struct search__view *vw, struct search_results_scratch *s)
{
	const struct search_params *p = vw->p;
	const struct search__synset *set = vw->syn;
	size_t norig = s->nqt;
	if (set->nkeys == 0)
		return;
	s->nsref = 0;
	for (size_t i = 0; i < norig; i++) {
		const struct qt *q = &s->qt[i];
		const struct search__synref *first;
		uint32_t n;
		if (q->synonym || q->kind != TEXT_TOKEN_LEMMA ||
		    !search__synset_find(set, qt_text(s, q), q->text_len, &first, &n))
			continue;
		GROW(s->sref, s->capsref, s->nsref + n);
		memcpy(s->sref + s->nsref, first, n * sizeof(*first));
		s->nsref += n;
	}
	/* Into group, variant order (few: insertion sort). */
	for (size_t i = 1; i < s->nsref; i++) {
		struct search__synref r = s->sref[i];
		size_t j = i;
		for (; j > 0 && cmp_synref_gv(&r, &s->sref[j - 1]) < 0; j--)
			s->sref[j] = s->sref[j - 1];
		s->sref[j] = r;
	}
	for (size_t i = 0; i < s->nsref; i++) {
		const struct search__synref *r = &s->sref[i];
		const struct search__syngroup *grp = &set->g[r->g];
		int parent = -1;
		if (!variant_matches(s, norig, &grp->v[r->v], &parent) || parent < 0)
			continue;
		for (uint32_t o = 0; o < grp->nv; o++) {
			if (o == r->v)
				continue;
			const struct search__variant *sib = &grp->v[o];
			/* A multi-word spelling spreads its weight. */
			float share = sib->nadd > 1 ? 1.0f / sqrtf((float)sib->nadd) : 1.0f;
			for (uint32_t a = 0; a < sib->nadd; a++)
				(void)qt_add(s, sib->add_str[a], strlen(sib->add_str[a]),
					     sib->add_kind[a],
					     p->synonym_w * p->kind_w[sib->add_kind[a]] * share, 1, 0,
					     parent);
		}
		/* One matching spelling per group is enough. */
		while (i + 1 < s->nsref && s->sref[i + 1].g == r->g)
			i++;
	}
}

/* ---- candidate heap (min-heap on bm25) -------------------------------------- */

/* Puts e at the root of the full heap h[0..n) (n >= 1) and sifts it
 * down. At each node the smaller child (the left one on a tie) moves up
 * while it is below e: the same moves, hence the same heap, as comparing e
 * with the left child and then the right child with the smaller of the
 * two (the textbook form), at one comparison with e a level. */
static void heap_replace_root(struct hent *h, size_t n, struct hent e)
{
	size_t i = 0;
	/* Nodes with two children: l + 1 < n. */
	size_t two = (n - 1) / 2;
	while (i < two) {
		size_t c = 2 * i + 1;
		c += h[c + 1].bm25 < h[c].bm25;
		if (!(h[c].bm25 < e.bm25))
			break;
		h[i] = h[c];
		i = c;
	}
	if (i >= two && 2 * i + 1 < n && h[2 * i + 1].bm25 < e.bm25) {
		h[i] = h[2 * i + 1];
		i = 2 * i + 1;
	}
	h[i] = e;
}

static void heap_sift_up(struct hent *h, size_t i)
{
	while (i > 0) {
		size_t par = (i - 1) / 2;
		if (h[par].bm25 <= h[i].bm25)
			return;
		struct hent t = h[i];
		h[i] = h[par];
		h[par] = t;
		i = par;
	}
}

/* The best depth touched documents by BM25F into s->heap (returned: how
 * many), in the order of the touched list; every accumulator is cleared
 * for the next query. */
static size_t best_by_bm25(struct search_results_scratch *s, size_t depth)
{
	struct hent *heap = s->heap;
	const uint32_t *touched = s->touched;
	float *acc = s->acc;
	size_t nheap = 0, i = 0, n = s->ntouched;
	for (; i < n && nheap < depth; i++) {
		uint32_t slot = touched[i];
		heap[nheap] = (struct hent){acc[slot], slot};
		acc[slot] = 0;
		heap_sift_up(heap, nheap++);
	}
	if (i == n)
		return nheap;
	/* Full: only a candidate above the weakest one kept enters. */
	float floor_bm25 = heap[0].bm25;
	for (; i < n; i++) {
		uint32_t slot = touched[i];
		float a = acc[slot];
		acc[slot] = 0;
		if (a > floor_bm25) {
			heap_replace_root(heap, nheap, (struct hent){a, slot});
			floor_bm25 = heap[0].bm25;
		}
	}
	return nheap;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->bm25 != y->bm25)
		return x->bm25 > y->bm25 ? -1 : 1;
	return x->slot < y->slot ? -1 : x->slot > y->slot;
}

/* Puts the best n of c[0..m) in cmp_cand order into c[0..n) (the rest of
 * c is left in no order): for a few, an insertion into a sorted prefix,
 * which for the ten results of a hundred candidates costs about one
 * comparison a candidate where a full sort costs seven. */
static void select_best(struct cand *c, size_t m, size_t n)
{
	if (n > 16) {
		qsort(c, m, sizeof(*c), cmp_cand);
		return;
	}
	for (size_t i = 0; i < m && n > 0; i++) {
		if (i >= n && cmp_cand(&c[i], &c[n - 1]) >= 0)
			continue;
		struct cand e = c[i];
		size_t j = i < n ? i : n - 1;
		for (; j > 0 && cmp_cand(&e, &c[j - 1]) < 0; j--)
			c[j] = c[j - 1];
		c[j] = e;
	}
}

/* Spans come nearly in order (a field's tokens by position, then its
 * katakana and alphanumeric bigrams): blocks of 32 are insertion-sorted,
 * then merged pairwise (tmp holds n), without qsort's calls and copies.
 * Equal spans are identical, so the result does not depend on the method. */
#define SPAN_BLOCK 32u

static int span_lt(const struct search_span *x, const struct search_span *y)
{
	if (x->field != y->field)
		return x->field < y->field;
	if (x->start != y->start)
		return x->start < y->start;
	return x->end < y->end;
}

static void sort_spans(struct search_span *sp, size_t n, struct search_span *tmp)
{
	for (size_t b = 0; b < n; b += SPAN_BLOCK) {
		size_t e = b + SPAN_BLOCK < n ? b + SPAN_BLOCK : n;
		for (size_t i = b + 1; i < e; i++) {
			struct search_span x = sp[i];
			size_t j = i;
			for (; j > b && span_lt(&x, &sp[j - 1]); j--)
				sp[j] = sp[j - 1];
			sp[j] = x;
		}
	}
	struct search_span *from = sp, *to = tmp;
	for (size_t w = SPAN_BLOCK; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				to[k++] = span_lt(&from[j], &from[i]) ? from[j++] : from[i++];
			while (i < mid)
				to[k++] = from[i++];
			while (j < hi)
				to[k++] = from[j++];
		}
		struct search_span *t = from;
		from = to;
		to = t;
	}
	if (from != sp)
		memcpy(sp, from, n * sizeof(*sp));
}

/* ---- forward-list walks ------------------------------------------------------- */

/* The first token in [fw, fend) whose term the query holds (qhas[term],
 * the same as qmark[term] != 0 in half the bytes), or fend. Most tokens
 * of a document are no query term: they are skipped four at a time. */
static inline const struct search__fwd *next_match(const struct search__fwd *fw,
						   const struct search__fwd *fend,
						   const uint8_t *qhas)
{
	while (fend - fw >= 4 &&
	       !(qhas[fw[0].term] | qhas[fw[1].term] | qhas[fw[2].term] | qhas[fw[3].term]))
		fw += 4;
	while (fw < fend && !qhas[fw->term])
		fw++;
	return fw;
}

/* ---- rerank features ---------------------------------------------------------- */

/* The field that states what a document is about: the FAQ question, else
 * the title; -1 when it has neither. */
static int about_field(const struct search__dhot *h)
{
	if (h->len[SEARCH_FIELD_QUESTION] > 0)
		return SEARCH_FIELD_QUESTION;
	if (h->len[SEARCH_FIELD_TITLE] > 0)
		return SEARCH_FIELD_TITLE;
	return -1;
}

static float term_idf(uint32_t n, uint32_t df)
{
	return logf(1.0f + ((float)n - (float)df + 0.5f) / ((float)df + 0.5f));
}

/* idf over the view of term t of part x (base when base), computed once a
 * query: the rerank meets the same words in many candidates' questions. */
static float doc_term_idf(const struct search__view *v, struct search_results_scratch *s,
			  const struct search_index *x, int base, uint32_t t)
{
	uint32_t *gen = base ? s->idf_gen : s->idf_gen_o;
	float *idf = base ? s->idf : s->idf_o;
	if (gen[t] != s->gen_now) {
		uint32_t df = v->o || v->dd ? view_df(v, x, t) : x->terms[t].df;
		idf[t] = term_idf(v->nlive, df);
		gen[t] = s->gen_now;
	}
	return idf[t];
}

/* Query coverage by the about-field (qcov) and about-field coverage by the
 * query (dcov), both in [0, 1]. */
static void rerank_features(const struct search__view *v, struct search_results_scratch *s,
			    uint32_t slot, float qsum, float *qcov, float *dcov)
{
	*qcov = 0;
	*dcov = 0;
	uint32_t vslot = slot;
	const struct search_index *x = slot_part(v, &slot);
	int base = x == v->b;
	uint16_t *qmark = base ? s->qmark : s->qmark_o;
	const uint8_t *qhas = base ? s->qhas : s->qhas_o;
	uint32_t *stamp = base ? s->stamp : s->stamp_o;
	uint32_t now = base ? ++s->stamp_now : ++s->stamp_o_now;
	const struct search__doc *d = &x->docs[slot];
	int f = about_field(&x->dhot[slot]);
	if (f < 0 || qsum <= 0)
		return;
	/* credit[i] is valid where bit i of has_credit is set (0 elsewhere):
	 * the sum below visits only those terms, in term order. Leaving out
	 * a term of credit 0 adds nothing (qhit + 0 is qhit), so the sum is
	 * the one over every original term, bit for bit. */
	float credit[SEARCH_MAX_QUERY_TERMS];
	uint64_t has_credit[SEARCH_MAX_QUERY_TERMS / 64] = {0};
	size_t norig = s->norig;
	float dsum = 0, dhit = 0;
	/* dsum depends on the view alone: once known for the slot, only the
	 * terms the query matched need a look. */
	int dsum_known = s->dsum_gen[vslot] == s->gen_now;
	const struct search__fwd *fend = d->fwd + d->field_begin[f + 1];
	for (const struct search__fwd *fw = d->fwd + d->field_begin[f];
	     (fw = dsum_known ? next_match(fw, fend, qhas) : fw) < fend; fw++) {
		uint16_t qm = qmark[fw->term];
		if (stamp[fw->term] == now)
			continue;
		stamp[fw->term] = now;
		/* A query term's idf is the one the query computed: the same
		 * document frequency over the view, the same formula. */
		float idf = qm ? s->qt[qm - 1].idf : doc_term_idf(v, s, x, base, fw->term);
		float wi = s->kind_stop_w[fw->kf & 7u] * idf;
		dsum += wi;
		if (!qm)
			continue;
		size_t qi = (size_t)qm - 1;
		const struct qt *q = &s->qt[qi];
		if (q->synonym) {
			dhit += wi * q->syn_f;
			if (q->parent >= 0) {
				size_t pi = (size_t)q->parent;
				uint64_t bit = (uint64_t)1 << (pi % 64);
				float c = has_credit[pi / 64] & bit ? credit[pi] : 0.0f;
				if (c < q->syn_f) {
					credit[pi] = q->syn_f;
					has_credit[pi / 64] |= bit;
				}
			}
		} else {
			dhit += wi;
			credit[qi] = 1.0f;
			has_credit[qi / 64] |= (uint64_t)1 << (qi % 64);
		}
	}
	if (dsum_known) {
		dsum = s->dsum[vslot];
	} else {
		s->dsum[vslot] = dsum;
		s->dsum_gen[vslot] = s->gen_now;
	}
	float qhit = 0;
	for (size_t wd = 0; wd * 64 < norig; wd++)
		for (uint64_t m = has_credit[wd]; m; m &= m - 1) {
			size_t i = wd * 64 + (size_t)__builtin_ctzll(m);
			if (!s->qt[i].synonym)
				qhit += credit[i] * s->qt[i].w * s->qt[i].idf;
		}
	*qcov = qhit / qsum;
	*dcov = dsum > 0 ? dhit / dsum : 0;
	if (*qcov > 1)
		*qcov = 1;
	if (*dcov > 1)
		*dcov = 1;
}

/* The query's semantic vector: the idf-weighted sum of the term vectors
 * of its original content lemmas and compounds (semantic.c). */
static void semantic_query_vec(const struct search__view *v, struct search_results_scratch *s)
{
	const struct search__semantic *m = v->sem;
	s->has_qvec = 0;
	if (!m)
		return;
	memset(s->qvec, 0, m->dim * sizeof(float));
	for (size_t i = 0; i < s->norig; i++) {
		const struct qt *q = &s->qt[i];
		if (q->synonym || q->stop || q->term == UINT32_MAX || q->term >= m->nterms ||
		    (q->kind != TEXT_TOKEN_LEMMA && q->kind != TEXT_TOKEN_COMPOUND))
			continue;
		uint32_t r = m->row[q->term];
		if (r == UINT32_MAX)
			continue;
		search__semantic_axpy(s->qvec, q->idf, m->tvec + (size_t)r * m->dim, m->dim);
	}
	float n2 = 0;
	for (uint32_t c = 0; c < m->dim; c++)
		n2 += s->qvec[c] * s->qvec[c];
	if (n2 <= 0)
		return;
	float inv = 1.0f / sqrtf(n2);
	for (uint32_t c = 0; c < m->dim; c++)
		s->qvec[c] *= inv;
	s->has_qvec = 1;
}

/* Cosine of the query's and the entry's semantic vectors, in [-1, 1];
 * 0 without a model. */
static float semantic_sim(const struct search__view *v, struct search_results_scratch *s,
			  uint32_t slot)
{
	const struct search__semantic *m = v->sem;
	if (!s->has_qvec)
		return 0;
	const float *dv;
	if (slot < v->b->ndocs && slot < m->ndocs) {
		dv = m->dvec + (size_t)slot * m->dim;
	} else {
		const struct search_index *x = slot_part(v, &slot);
		search__semantic_doc_vec(m, v->b, x, slot, s->dvec_tmp);
		dv = s->dvec_tmp;
	}
	return search__semantic_dot(s->qvec, dv, m->dim);
}

/* Adds one token of the query with its kind's weight (a stop word's
 * lowered); 1 when it is a content word. */
static int add_query_token(struct search_results_scratch *s, const struct search_params *p,
			   const char *term, size_t len, uint8_t kind, uint8_t flags)
{
	float w = p->kind_w[kind];
	uint8_t stop = (flags & TEXT_TOKEN_STOP) ? 1 : 0;
	if (stop)
		w *= p->stop_w;
	(void)qt_add(s, term, len, kind, w, 0, stop, -1);
	return !stop;
}

/* ---- the query-token cache (struct qcache_entry) -------------------------------- */

static uint64_t qcache_hash(const char *q, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ (uint64_t)len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, q + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	if (len > i) /* q may be NULL when len is 0 */
		memcpy(&w, q + i, len - i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 29);
}

void search_results_forget_queries(struct search_results *r)
{
	struct search_results_scratch *s = r ? r->scratch : NULL;
	for (size_t i = 0; s && s->qcache && i < SEARCH_QUERY_CACHE; i++)
		s->qcache[i].model = 0;
}

uint64_t search__query_cache_hits(const struct search_results *r)
{
	return r->scratch ? r->scratch->qhits : 0;
}

/* The entry holding the tokens of q[0..len) for model, or NULL; *victim
 * gets the entry of its set to replace. */
static struct qcache_entry *qcache_find(struct search_results_scratch *s, uint64_t model,
					uint64_t hash, const char *q, size_t len,
					struct qcache_entry **victim)
{
	if (!s->qcache)
		s->qcache = yk_xcalloc(SEARCH_QUERY_CACHE, sizeof(*s->qcache));
	struct qcache_entry *set = &s->qcache[(hash & (QCACHE_SETS - 1)) * QCACHE_WAYS];
	struct qcache_entry *old = set;
	s->qclock++;
	for (unsigned w = 0; w < QCACHE_WAYS; w++) {
		struct qcache_entry *e = &set[w];
		if (e->model == model && e->hash == hash && e->qlen == len &&
		    (len == 0 || memcmp(e->blk, q, len) == 0)) {
			e->used = s->qclock;
			s->qhits++;
			return e;
		}
		if (old->model != 0 && (e->model == 0 || e->used < old->used))
			old = e; /* an empty entry, else the least recently used */
	}
	*victim = old;
	return NULL;
}

/* Keeps toks as the tokens of q[0..len) for model in e (when they fit). */
static void qcache_put(struct search_results_scratch *s, struct qcache_entry *e, uint64_t model,
		       uint64_t hash, const char *q, size_t len, const struct text_tokens *toks)
{
	size_t size = len;
	for (size_t i = 0; i < toks->n; i++)
		size += 4 + (size_t)toks->v[i].term_len;
	e->model = 0;
	if (size > QCACHE_ENTRY_MAX)
		return; /* the old entry is dropped, the new one not kept */
	if (e->cap < size) {
		uint32_t nc = ((uint32_t)size + 127u) & ~127u;
		free(e->blk);
		e->blk = yk_xmalloc(nc);
		e->cap = nc;
	}
	unsigned char *p = e->blk;
	if (len) {
		memcpy(p, q, len);
		p += len;
	}
	for (size_t i = 0; i < toks->n; i++) {
		const struct text_token *k = &toks->v[i];
		p[0] = k->kind;
		p[1] = k->flags;
		p[2] = (unsigned char)(k->term_len & 0xffu);
		p[3] = (unsigned char)(k->term_len >> 8);
		memcpy(p + 4, k->term, k->term_len);
		p += 4 + k->term_len;
	}
	e->hash = hash;
	e->qlen = (uint32_t)len;
	e->ntok = (uint32_t)toks->n;
	e->used = s->qclock;
	e->model = model;
}

/* ---- the query ------------------------------------------------------------------ */

static int bit_set(const uint64_t *bits, uint32_t i)
{
	return bits && (bits[i / 64] >> (i % 64)) & 1u;
}

/* tf~ of one posting: sum over its fields of w_f tf_f / (1 - b_f + b_f
 * len_f / avglen_f), fields in order (the same sum, bit for bit, as a loop
 * over every field that skips the absent ones), visiting only the fields
 * the term occurs in (po->fields). */
static inline float posting_tfw(const struct search__posting *po, const struct search__dhot *h,
				const float *A, const float *B, const float *W)
{
	unsigned bits = po->fields;
	float tfw = 0;
	if (!(bits & (bits - 1))) { /* one field, the usual case */
		unsigned f = (unsigned)__builtin_ctz(bits);
		/* The loop's 0 + x is x except for x = -0, which the callers
		 * treat as 0 (tfw <= 0: no contribution) or cannot meet
		 * (positive weights). */
		return W[f] * (float)po->tf[f] / (A[f] + B[f] * (float)h->len[f]);
	}
	do {
		unsigned f = (unsigned)__builtin_ctz(bits);
		bits &= bits - 1;
		tfw += W[f] * (float)po->tf[f] / (A[f] + B[f] * (float)h->len[f]);
	} while (bits);
	return tfw;
}

/* The usual case of accumulate(): no removed slots, no filter, not the
 * stop pass; check_live 0 when the part has no dead slot either; positive
 * 1 when every field's weight is above 0 and its length terms are not
 * negative, so that tf~ > 0 for every posting (a field bit means tf >= 1)
 * and its test can go (constants: the loop is made four times). */
static inline __attribute__((always_inline)) size_t
accumulate_plain(const struct search__posting *post, uint32_t npost,
		 const struct search__dhot *dhot, float *acc, uint32_t *touched, size_t nt,
		 uint32_t off, const float *A, const float *B, const float *W, float qw, float k1,
		 int check_live, int positive)
{
	for (uint32_t j = 0; j < npost; j++) {
		const struct search__posting *po = &post[j];
		const struct search__dhot *h = &dhot[po->doc];
		if (check_live && !h->live)
			continue;
		float tfw = posting_tfw(po, h, A, B, W);
		if (!positive && tfw <= 0)
			continue;
		uint32_t slot = off + po->doc;
		if (acc[slot] == 0)
			touched[nt++] = slot;
		acc[slot] += qw * tfw / (k1 + tfw);
	}
	return nt;
}

/* BM25F contributions of query term q from one index part, whose slots
 * start at off in the view. */
static void accumulate(const struct search__view *v, const struct search_index *x, uint32_t term,
		       uint32_t off, const uint64_t *dead, const struct search_opts *opts,
		       struct search_results_scratch *s, const float *A, const float *B,
		       const float *W, int positive, float qw, int stop_pass)
{
	const struct search__term *tr = &x->terms[term];
	const struct search__posting *post = tr->post;
	const struct search__dhot *dhot = x->dhot;
	float *acc = s->acc;
	float k1 = v->p->k1;
	uint32_t npost = tr->npost;
	if (!dead && !opts->public_only && !stop_pass) {
		/* The usual case, without the filters' tests. */
		size_t nt = s->ntouched;
		uint32_t *touched = s->touched;
		if (x->nlive == x->ndocs && positive)
			nt = accumulate_plain(post, npost, dhot, acc, touched, nt, off, A, B, W, qw, k1,
					      0, 1);
		else if (x->nlive == x->ndocs)
			nt = accumulate_plain(post, npost, dhot, acc, touched, nt, off, A, B, W, qw, k1,
					      0, 0);
		else if (positive)
			nt = accumulate_plain(post, npost, dhot, acc, touched, nt, off, A, B, W, qw, k1,
					      1, 1);
		else
			nt = accumulate_plain(post, npost, dhot, acc, touched, nt, off, A, B, W, qw, k1,
					      1, 0);
		s->ntouched = nt;
		return;
	}
	for (uint32_t j = 0; j < npost; j++) {
		const struct search__posting *po = &post[j];
		const struct search__dhot *h = &dhot[po->doc];
		if (!h->live || (opts->public_only && !h->is_public) || bit_set(dead, po->doc))
			continue;
		float tfw = posting_tfw(po, h, A, B, W);
		if (tfw <= 0)
			continue;
		uint32_t slot = off + po->doc;
		if (acc[slot] == 0) {
			if (stop_pass)
				continue;
			s->touched[s->ntouched++] = slot;
		}
		acc[slot] += qw * tfw / (k1 + tfw);
	}
}

int search_query(struct search_index *idx, struct text_tokenizer *tk, const char *query,
		 size_t len, const struct search_opts *opts, struct search_results *res,
		 struct yk_errinfo *ei)
{
	pthread_rwlock_rdlock(&idx->lock);
	struct search__view v = {idx,	   NULL,	NULL,	     NULL, idx->syn,
				 &idx->p, idx->sem, idx->nlive, {0},  idx->epoch};
	memcpy(v.total_len, idx->total_len, sizeof(v.total_len));
	int rc = search__query_view(&v, tk, query, len, opts, res, ei);
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

int search__query_view(const struct search__view *v, struct text_tokenizer *tk,
		       const char *query, size_t len, const struct search_opts *opts,
		       struct search_results *res, struct yk_errinfo *ei)
{
	int rc = 0;
	res->n = 0;
	res->n_qterms = 0;
	res->top = 0;
	res->margin = 0;
	res->lead = 0;
	if (!opts || opts->k == 0 || opts->k > SEARCH_MAX_K)
		return yk_errinfo_set(ei, YK_EINVAL, "結果の件数は 1〜%u で指定してください",
				      SEARCH_MAX_K);
	if (len > SEARCH_MAX_QUERY)
		return yk_errinfo_set(ei, YK_ELIMIT, "質問が長すぎます（%zu バイト、上限 %u）", len,
				      SEARCH_MAX_QUERY);
	if (!res->scratch)
		res->scratch = yk_xcalloc(1, sizeof(*res->scratch));
	struct search_results_scratch *s = res->scratch;
	s->nqt = s->strs_len = s->ncand = s->nmatched = s->nspans = s->ext_len = 0;

	const struct search_params *p = v->p;
	const struct search_index *b = v->b, *o = v->o;
	int has_content = 0;
	/* The query's tokens: kept from an earlier query of the same bytes,
	 * or made now (and kept). Either way the same tokens in the same
	 * order go through qt_add(). */
	uint64_t model = text_tokenizer_model_id(tk);
	uint64_t hash = qcache_hash(query, len);
	struct qcache_entry *victim = NULL;
	const struct qcache_entry *ce = qcache_find(s, model, hash, query, len, &victim);
	if (ce) {
		const unsigned char *tp = ce->blk + ce->qlen;
		for (uint32_t i = 0; i < ce->ntok; i++) {
			size_t tl = (size_t)tp[2] | (size_t)tp[3] << 8;
			has_content |= add_query_token(s, p, (const char *)tp + 4, tl, tp[0], tp[1]);
			tp += 4 + tl;
		}
	} else {
		rc = text_normalize_reuse(query, len, &s->norm, ei);
		if (rc)
			return rc;
		rc = text_tokenize_norm(tk, &s->norm, &s->toks, ei);
		if (rc)
			return rc;
		for (size_t i = 0; i < s->toks.n; i++) {
			const struct text_token *k = &s->toks.v[i];
			has_content |= add_query_token(s, p, k->term, k->term_len, k->kind, k->flags);
		}
		qcache_put(s, victim, model, hash, query, len, &s->toks);
	}
	if (!has_content || v->nlive == 0)
		goto done;
	expand_synonyms(v, s);
	scratch_fit(s, v);
	s->norig = 0;
	for (size_t i = 0; i < s->nqt; i++)
		if (!s->qt[i].synonym)
			s->norig = i + 1;
	_Static_assert(TEXT_TOKEN_STOP == 1, "kind_stop_w is indexed by kind | stop << 2");
	for (unsigned i = 0; i < 8; i++)
		s->kind_stop_w[i] = p->kind_w[i & 3u] * ((i >> 2) ? p->stop_w : 1.0f);

	/* Term statistics. */
	float qsum = 0;
	for (size_t i = 0; i < s->nqt; i++) {
		struct qt *q = &s->qt[i];
		q->term = search__term_find(b, qt_text(s, q), q->text_len);
		q->oterm = o ? search__term_find(o, qt_text(s, q), q->text_len) : UINT32_MAX;
		q->idf = term_idf(v->nlive, qt_df(v, q));
		/* A synonym is a weaker match than the word itself, unless the
		 * word occurs nowhere in the collection (年休 where the rules say
		 * 年次休暇): then the synonym is the only way to match the word,
		 * and it stands in at full weight. Originals come first, so the
		 * parent's term is already known. */
		if (q->synonym) {
			q->syn_f = p->synonym_w;
			const struct qt *par = q->parent >= 0 ? &s->qt[q->parent] : NULL;
			/* A term whose documents were all removed is absent too. */
			int absent = par && qt_df(v, par) == 0;
			if (absent && p->synonym_w > 0) {
				q->w /= p->synonym_w;
				q->syn_f = 1.0f;
			}
		}
		if (!q->synonym)
			qsum += q->w * q->idf;
		if (q->term != UINT32_MAX) {
			s->qmark[q->term] = (uint16_t)(i + 1);
			s->qhas[q->term] = 1;
		}
		if (q->oterm != UINT32_MAX) {
			s->qmark_o[q->oterm] = (uint16_t)(i + 1);
			s->qhas_o[q->oterm] = 1;
		}
	}

	/* BM25F accumulation. */
	float A[SEARCH_NFIELDS], B[SEARCH_NFIELDS], W[SEARCH_NFIELDS];
	int positive = 1;
	for (int f = 0; f < SEARCH_NFIELDS; f++) {
		float avg = (float)v->total_len[f] / (float)v->nlive;
		if (avg <= 0)
			avg = 1;
		A[f] = 1.0f - p->b[f];
		B[f] = p->b[f] / avg;
		W[f] = p->field_w[f];
		if (!(W[f] > 0 && A[f] >= 0 && B[f] >= 0))
			positive = 0;
	}
	/* Content terms first; stop terms then only refine documents that a
	 * content term found, so that request phrasing alone finds nothing. */
	s->ntouched = 0;
	for (size_t pass = 0; pass < 2 * s->nqt; pass++) {
		const struct qt *q = &s->qt[pass % s->nqt];
		int stop_pass = pass >= s->nqt;
		if (q->w <= 0 || q->stop != stop_pass)
			continue;
		float qw = q->w * q->idf;
		if (q->term != UINT32_MAX)
			accumulate(v, b, q->term, 0, v->dead, opts, s, A, B, W, positive, qw,
				   stop_pass);
		if (q->oterm != UINT32_MAX)
			accumulate(v, o, q->oterm, b->ndocs, NULL, opts, s, A, B, W, positive, qw,
				   stop_pass);
	}

	/* Best candidates by BM25F. */
	size_t depth = p->rerank_depth > opts->k ? p->rerank_depth : opts->k;
	GROW(s->cand, s->capcand, depth);
	GROW(s->heap, s->capheap, depth);
	size_t nheap = best_by_bm25(s, depth);
	for (size_t i = 0; i < nheap; i++)
		s->cand[i] = (struct cand){s->heap[i].slot, s->heap[i].bm25, 0, 0, 0, 0};
	s->ncand = nheap;

	/* Rerank the best rerank_depth by BM25F; the rest (when k asks for more)
	 * follow in BM25F order, their score capped below the reranked ones so
	 * that scores stay non-increasing. */
	for (size_t i = 0; i < s->ncand; i++)
		s->cand[i].score = s->cand[i].bm25;
	size_t nr = s->ncand < p->rerank_depth ? s->ncand : p->rerank_depth;
	/* Order by BM25F only when some candidates are not reranked (k above
	 * the depth): they must be the weakest. Otherwise every candidate is
	 * reranked and the order below is a total one (ties by slot), so the
	 * input order does not matter. */
	int all_reranked = nr == s->ncand && nr > 0;
	semantic_query_vec(v, s);
	if (s->ncand > 1 && !all_reranked)
		qsort(s->cand, s->ncand, sizeof(*s->cand), cmp_cand);
	for (size_t i = 0; i < s->ncand; i++) {
		struct cand *c = &s->cand[i];
		float bm = qsum > 0 ? c->bm25 / qsum : 0;
		if (bm > 1)
			bm = 1;
		if (p->rerank_depth == 0) {
			c->score = bm;
		} else if (i < nr) {
			rerank_features(v, s, c->slot, qsum, &c->qcov, &c->dcov);
			c->sem = semantic_sim(v, s, c->slot);
			c->score = p->rr_bm25 * bm + p->rr_qcov * c->qcov + p->rr_dcov * c->dcov +
				   p->rr_sem * (c->sem > 0 ? c->sem : 0);
		} else {
			c->score = p->rr_bm25 * bm;
		}
	}
	size_t n = s->ncand < opts->k ? s->ncand : opts->k;
	if (all_reranked) {
		select_best(s->cand, nr, n); /* only the first n are shown */
	} else {
		if (nr > 1)
			qsort(s->cand, nr, sizeof(*s->cand), cmp_cand);
		for (size_t i = nr; nr > 0 && i < s->ncand; i++)
			if (s->cand[i].score > s->cand[nr - 1].score)
				s->cand[i].score = s->cand[nr - 1].score;
	}

	/* Matched terms, highlight spans and external ids of the results. The
	 * arrays always exist so that empty per-hit slices are valid pointers. */
	GROW(s->ht, s->capht, n + 1);
	GROW(s->matched, s->capmatched, 1);
	GROW(s->spans, s->capspans, 1);
	GROW(s->ext, s->ext_cap, 1);
	for (size_t h = 0; h < n; h++) {
		uint32_t slot = s->cand[h].slot;
		const struct search_index *x = slot_part(v, &slot);
		const uint16_t *qmark = x == b ? s->qmark : s->qmark_o;
		const uint8_t *qhas = x == b ? s->qhas : s->qhas_o;
		const struct search__doc *d = &x->docs[slot];
		struct hit_tmp *t = &s->ht[h];
		uint8_t seen[SEARCH_MAX_QUERY_TERMS / 8];
		memset(seen, 0, sizeof(seen));
		t->matched_off = s->nmatched;
		t->spans_off = s->nspans;
		const struct search__fwd *fend = d->fwd + d->nfwd;
		for (const struct search__fwd *fw = d->fwd; (fw = next_match(fw, fend, qhas)) < fend;
		     fw++) {
			uint16_t qm = qmark[fw->term];
			size_t qi = (size_t)qm - 1;
			if (!(seen[qi / 8] & (1u << (qi % 8)))) {
				seen[qi / 8] = (uint8_t)(seen[qi / 8] | (1u << (qi % 8)));
				GROW(s->matched, s->capmatched, s->nmatched + 1);
				s->matched[s->nmatched++] = (uint16_t)qi;
			}
			if (search__fwd_flags(fw) & TEXT_TOKEN_STOP)
				continue; /* request phrasing is not worth a highlight */
			if (fw->field == SEARCH_FIELD_ASKED)
				continue; /* other people's questions are never shown */
			/* A span that starts inside (or right at the end of) the
			 * previous one of its field is merged into it at once:
			 * the merge below joins exactly the spans that overlap or
			 * touch, in any order, so fewer spans to sort give the
			 * same highlights. */
			uint32_t end = search__fwd_end(fw);
			struct search_span *last = s->nspans > t->spans_off ? &s->spans[s->nspans - 1] : NULL;
			if (last && last->field == fw->field && last->start <= fw->start &&
			    fw->start <= last->end) {
				if (end > last->end)
					last->end = end;
				continue;
			}
			GROW(s->spans, s->capspans, s->nspans + 1);
			s->spans[s->nspans].field = fw->field;
			s->spans[s->nspans].start = fw->start;
			s->spans[s->nspans].end = end;
			s->nspans++;
		}
		t->matched_n = s->nmatched - t->matched_off;
		/* Sort and merge this hit's spans in place. */
		struct search_span *sp = s->spans + t->spans_off;
		size_t ns = s->nspans - t->spans_off, w = 0;
		if (ns > SPAN_BLOCK)
			GROW(s->spans_tmp, s->capspans_tmp, ns);
		sort_spans(sp, ns, s->spans_tmp);
		for (size_t i = 0; i < ns; i++) {
			if (w > 0 && sp[w - 1].field == sp[i].field && sp[i].start <= sp[w - 1].end) {
				if (sp[i].end > sp[w - 1].end)
					sp[w - 1].end = sp[i].end;
			} else if (w < SEARCH_MAX_SPANS_PER_HIT) {
				sp[w++] = sp[i];
			}
		}
		s->nspans = t->spans_off + w;
		t->spans_n = w;
		const char *ext = d->ext_id ? d->ext_id : "";
		size_t el = strlen(ext);
		GROW(s->ext, s->ext_cap, s->ext_len + el + 1);
		t->ext_off = s->ext_len;
		memcpy(s->ext + s->ext_len, ext, el + 1);
		s->ext_len += el + 1;
	}
	GROW(res->hits, s->caphits, n + 1);
	for (size_t h = 0; h < n; h++) {
		uint32_t slot = s->cand[h].slot;
		const struct search_index *x = slot_part(v, &slot);
		const struct search__doc *d = &x->docs[slot];
		struct search_hit *hit = &res->hits[h];
		hit->id = d->id;
		hit->score = s->cand[h].score;
		hit->bm25 = s->cand[h].bm25;
		hit->qcov = s->cand[h].qcov;
		hit->dcov = s->cand[h].dcov;
		hit->sem = s->cand[h].sem;
		hit->ext_id = s->ext + s->ht[h].ext_off;
		hit->matched = s->matched + s->ht[h].matched_off;
		hit->n_matched = s->ht[h].matched_n;
		hit->spans = s->spans + s->ht[h].spans_off;
		hit->n_spans = s->ht[h].spans_n;
	}
	res->n = n;
	if (n > 0) {
		res->top = res->hits[0].score;
		res->margin = n > 1 ? res->hits[0].score - res->hits[1].score : res->hits[0].score;
		res->lead = n > 2 ? res->hits[0].score - res->hits[2].score : res->hits[0].score;
	}
	for (size_t i = 0; i < s->nqt; i++) {
		if (s->qt[i].term != UINT32_MAX)
			s->qmark[s->qt[i].term] = s->qhas[s->qt[i].term] = 0;
		if (s->qt[i].oterm != UINT32_MAX)
			s->qmark_o[s->qt[i].oterm] = s->qhas_o[s->qt[i].oterm] = 0;
	}
done:
	GROW(res->qterms, s->capqterms, s->nqt + 1);
	for (size_t i = 0; i < s->nqt; i++) {
		const struct qt *q = &s->qt[i];
		const char *t = qt_text(s, q);
		res->qterms[i].text = t[0] == TEXT_BIGRAM_PREFIX ? t + 1 : t;
		res->qterms[i].kind = q->kind;
		res->qterms[i].synonym = q->synonym;
		res->qterms[i].weight = q->w;
		res->qterms[i].stop = q->stop;
		res->qterms[i].idf = q->idf;
		res->qterms[i].df = q->idf > 0 ? qt_df(v, q) : 0;
	}
	res->n_qterms = s->nqt;
	res->n_docs = v->nlive;
	return 0;
}
