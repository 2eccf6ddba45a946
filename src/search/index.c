/* search/index.c: the in-memory inverted index, BM25F scoring and rerank.
 *
 * Layout. Terms live in one string pool and an open-addressing hash from
 * term bytes to a term id; each term has a postings vector of
 * (document slot, term frequency per field). Each document slot keeps a
 * forward list of its tokens (term id, field, kind, original offsets): it
 * gives highlight spans and rerank features without re-tokenising, and on
 * removal it says which document frequencies to decrement. Removal leaves a
 * dead slot that postings skip; when dead slots outnumber live ones the
 * postings are rebuilt from the forward lists (no tokenising needed).
 */
#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <sys/mman.h>

#include "core/embed.h"
#include "search/search_int.h"
#include "core/banned.h"

#define SLOT_EMPTY UINT32_MAX
#define SLOT_DELETED (UINT32_MAX - 1)
#define COMPACT_MIN_DEAD 1024u

/* ---- the slab of a clone ------------------------------------------------
 *
 * Every change of a snapshot clones its overlay (snapshot.c). A clone
 * used to be one malloc per term's postings and per document's forward
 * list and external id (thousands per change at a few hundred changed
 * entries), each a little larger than the one it replaced: glibc kept the freed chunks of the older sizes in its arenas,
 * interleaved with the requests' allocations, and the heap it held grew
 * while the heap in use did not (bench/mixed.sh: +8.6 MiB held in 150 s,
 * docs/bench.md, fifth round). An overlay's clone now copies its arrays
 * into one block, mapped on its own when it is large, so that freeing it
 * gives the pages back whole. An array that grows after the clone moves
 * out of the slab (copied, never realloc'ed in place), and frees skip
 * pointers into the slab. */
#define SLAB_MAP_MIN (64u * 1024u) /* bytes from which a slab is mapped */

static int in_slab(const struct search_index *idx, const void *p)
{
	uintptr_t a = (uintptr_t)p, s = (uintptr_t)idx->slab;
	return idx->slab && a >= s && a < s + idx->slab_len;
}

static void idx_free(const struct search_index *idx, void *p)
{
	if (!in_slab(idx, p))
		free(p);
}

/* realloc(3) for an index array: one in the slab is copied out. */
static void *idx_realloc(const struct search_index *idx, void *p, size_t old, size_t n)
{
	if (!in_slab(idx, p))
		return yk_xrealloc(p, n);
	void *q = yk_xmalloc(n ? n : 1);
	memcpy(q, p, old < n ? old : n);
	return q;
}

static void slab_alloc(struct search_index *idx, size_t n)
{
	idx->slab_len = n;
	idx->slab_mapped = 0;
	if (n >= SLAB_MAP_MIN) {
		void *m = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m != MAP_FAILED) {
			idx->slab = m;
			idx->slab_mapped = 1;
			return;
		}
	}
	idx->slab = yk_xmalloc(n ? n : 1);
}

static void slab_release(struct search_index *idx)
{
	if (idx->slab_mapped)
		munmap(idx->slab, idx->slab_len);
	else
		free(idx->slab);
	idx->slab = NULL;
	idx->slab_len = 0;
}

/* ---- parameters -------------------------------------------------------- */

void search_params_default(struct search_params *p)
{
	memset(p, 0, sizeof(*p));
	p->k1 = 1.2f;
	p->b[SEARCH_FIELD_QUESTION] = 0.5f;
	p->b[SEARCH_FIELD_ANSWER] = 0.75f;
	p->b[SEARCH_FIELD_TITLE] = 0.5f;
	p->b[SEARCH_FIELD_BODY] = 0.75f;
	p->b[SEARCH_FIELD_ASKED] = 0.5f;
	p->field_w[SEARCH_FIELD_QUESTION] = 3.0f;
	p->field_w[SEARCH_FIELD_ANSWER] = 1.0f;
	p->field_w[SEARCH_FIELD_TITLE] = 2.0f;
	p->field_w[SEARCH_FIELD_BODY] = 1.0f;
	p->field_w[SEARCH_FIELD_ASKED] = 2.0f;
	p->kind_w[TEXT_TOKEN_LEMMA] = 1.0f;
	p->kind_w[TEXT_TOKEN_SURFACE] = 0.3f;
	p->kind_w[TEXT_TOKEN_COMPOUND] = 0.7f;
	p->kind_w[TEXT_TOKEN_BIGRAM] = 0.25f;
	p->stop_w = 0.0f;
	p->synonym_w = 0.3f;
	p->rr_bm25 = 0.8f;
	p->rr_qcov = 0.0f;
	p->rr_dcov = 0.2f;
	p->rerank_depth = SEARCH_RERANK_DEPTH;
	p->rr_sem = 0.1f;
	p->sem_dim = 128;
}

/* ---- hashing ------------------------------------------------------------ */

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static uint32_t hash_id(int64_t id)
{
	uint64_t x = (uint64_t)id;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (uint32_t)x;
}

static const char *term_str(const struct search_index *idx, uint32_t t)
{
	return idx->pool + idx->terms[t].str_off;
}

/* Term id of s, or UINT32_MAX. */
uint32_t search__term_find(const struct search_index *idx, const char *s, size_t len)
{
	if (idx->thash_cap == 0)
		return UINT32_MAX;
	uint32_t mask = idx->thash_cap - 1;
	for (uint32_t i = hash_bytes(s, len) & mask;; i = (i + 1) & mask) {
		uint32_t t = idx->thash[i];
		if (t == SLOT_EMPTY)
			return UINT32_MAX;
		if (idx->terms[t].str_len == len && memcmp(term_str(idx, t), s, len) == 0)
			return t;
	}
}

static void thash_insert(struct search_index *idx, uint32_t t)
{
	uint32_t mask = idx->thash_cap - 1;
	uint32_t i = hash_bytes(term_str(idx, t), idx->terms[t].str_len) & mask;
	while (idx->thash[i] != SLOT_EMPTY)
		i = (i + 1) & mask;
	idx->thash[i] = t;
}

static uint32_t term_intern(struct search_index *idx, const char *s, size_t len)
{
	uint32_t t = search__term_find(idx, s, len);
	if (t != UINT32_MAX)
		return t;
	if ((idx->nterms + 1) * 2 > idx->thash_cap) {
		uint32_t nc = idx->thash_cap ? idx->thash_cap * 2 : 1024;
		idx_free(idx, idx->thash);
		idx->thash = yk_xmalloc(nc * sizeof(uint32_t));
		memset(idx->thash, 0xFF, nc * sizeof(uint32_t));
		idx->thash_cap = nc;
		for (uint32_t k = 0; k < idx->nterms; k++)
			thash_insert(idx, k);
	}
	if (idx->nterms == idx->capterms) {
		size_t old = idx->capterms * sizeof(*idx->terms);
		idx->capterms = idx->capterms ? idx->capterms * 2 : 1024;
		idx->terms = idx_realloc(idx, idx->terms, old, idx->capterms * sizeof(*idx->terms));
	}
	if (idx->pool_len + len + 1 > idx->pool_cap) {
		size_t old = idx->pool_cap;
		while (idx->pool_len + len + 1 > idx->pool_cap)
			idx->pool_cap = idx->pool_cap ? idx->pool_cap * 2 : 65536;
		idx->pool = idx_realloc(idx, idx->pool, old, idx->pool_cap);
	}
	t = idx->nterms++;
	struct search__term *tr = &idx->terms[t];
	memset(tr, 0, sizeof(*tr));
	tr->str_off = (uint32_t)idx->pool_len;
	tr->str_len = (uint32_t)len;
	memcpy(idx->pool + idx->pool_len, s, len);
	idx->pool_len += len;
	idx->pool[idx->pool_len++] = '\0';
	thash_insert(idx, t);
	return t;
}

/* Slot of a live document id, or UINT32_MAX. */
uint32_t search__id_find(const struct search_index *idx, int64_t id, uint32_t *where)
{
	if (idx->idhash_cap == 0)
		return UINT32_MAX;
	uint32_t mask = idx->idhash_cap - 1;
	for (uint32_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
		uint32_t s = idx->idhash[i];
		if (s == SLOT_EMPTY)
			return UINT32_MAX;
		if (s != SLOT_DELETED && idx->docs[s].id == id) {
			if (where)
				*where = i;
			return s;
		}
	}
}

static void idhash_rebuild(struct search_index *idx, uint32_t cap)
{
	idx_free(idx, idx->idhash);
	idx->idhash = yk_xmalloc(cap * sizeof(uint32_t));
	memset(idx->idhash, 0xFF, cap * sizeof(uint32_t));
	idx->idhash_cap = cap;
	idx->idhash_used = 0;
	for (uint32_t s = 0; s < idx->ndocs; s++) {
		if (!idx->dhot[s].live)
			continue;
		uint32_t i = hash_id(idx->docs[s].id) & (cap - 1);
		while (idx->idhash[i] != SLOT_EMPTY)
			i = (i + 1) & (cap - 1);
		idx->idhash[i] = s;
		idx->idhash_used++;
	}
}

static void id_insert(struct search_index *idx, int64_t id, uint32_t slot)
{
	/* The slot is already live: a rebuild of the hash puts it in, and
	 * inserting it again would leave a second cell that outlives its
	 * removal (the document would be found after search_index_remove). */
	if ((idx->idhash_used + 1) * 2 > idx->idhash_cap) {
		idhash_rebuild(idx, idx->idhash_cap ? idx->idhash_cap * 2 : 1024);
		return;
	}
	uint32_t mask = idx->idhash_cap - 1;
	uint32_t i = hash_id(id) & mask;
	while (idx->idhash[i] != SLOT_EMPTY && idx->idhash[i] != SLOT_DELETED)
		i = (i + 1) & mask;
	if (idx->idhash[i] == SLOT_EMPTY)
		idx->idhash_used++;
	idx->idhash[i] = slot;
}

/* ---- lifecycle ------------------------------------------------------------ */

uint64_t search__epoch_next(void)
{
	static _Atomic uint64_t next = 1;
	return atomic_fetch_add_explicit(&next, 1, memory_order_relaxed);
}

struct search_index *search_index_new(const struct search_params *params)
{
	struct search_index *idx = yk_xcalloc(1, sizeof(*idx));
	if (params)
		idx->p = *params;
	else
		search_params_default(&idx->p);
	if (idx->p.rerank_depth > SEARCH_RERANK_DEPTH)
		idx->p.rerank_depth = SEARCH_RERANK_DEPTH;
	atomic_init(&idx->refs, 1);
	idx->epoch = search__epoch_next();
	idx->syn = yk_xcalloc(1, sizeof(*idx->syn));
	atomic_init(&idx->syn->refs, 1);
	/* Writers first: with a steady stream of queries the default (reader
	 * preference) could starve an editor's update forever. */
	pthread_rwlockattr_t attr;
	pthread_rwlockattr_init(&attr);
	pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&idx->lock, &attr);
	pthread_rwlockattr_destroy(&attr);
	return idx;
}

static void synonyms_free(struct search__syngroup *g, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		for (uint32_t j = 0; j < g[i].nv; j++) {
			struct search__variant *v = &g[i].v[j];
			for (uint32_t k = 0; k < v->nmatch; k++)
				free(v->match_str[k]);
			for (uint32_t k = 0; k < v->nadd; k++)
				free(v->add_str[k]);
			free(v->match_str);
			free(v->add_str);
			free(v->add_kind);
		}
		free(g[i].v);
	}
	free(g);
}

void search__synset_unref(struct search__synset *s)
{
	if (!s || atomic_fetch_sub(&s->refs, 1) != 1)
		return;
	synonyms_free(s->g, s->n);
	free(s->refs_by_key);
	free(s->kfirst);
	free(s->khash);
	free(s);
}

/* The first lemma of a spelling (every kept spelling has one). */
static const char *synref_key(const struct search__synset *set, const struct search__synref *r)
{
	return set->g[r->g].v[r->v].match_str[0];
}

/* A spelling with its first lemma, while the index is sorted. */
struct synref_sort {
	const char *key;
	struct search__synref r;
};

static int cmp_synref(const void *a, const void *b)
{
	const struct synref_sort *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->r.g != y->r.g)
		return x->r.g < y->r.g ? -1 : 1;
	return x->r.v < y->r.v ? -1 : x->r.v > y->r.v;
}

/* Builds the first-lemma index of a table whose groups are complete. */
static void synset_index(struct search__synset *set)
{
	uint32_t nrefs = 0;
	for (uint32_t g = 0; g < set->n; g++)
		nrefs += set->g[g].nv;
	if (nrefs == 0)
		return;
	struct synref_sort *t = yk_xmalloc(nrefs * sizeof(*t));
	uint32_t k = 0;
	for (uint32_t g = 0; g < set->n; g++)
		for (uint32_t v = 0; v < set->g[g].nv; v++)
			t[k++] = (struct synref_sort){set->g[g].v[v].match_str[0], {g, v}};
	qsort(t, nrefs, sizeof(*t), cmp_synref);
	struct search__synref *r = yk_xmalloc(nrefs * sizeof(*r));
	for (uint32_t i = 0; i < nrefs; i++)
		r[i] = t[i].r;
	free(t);
	uint32_t nkeys = 0;
	set->kfirst = yk_xmalloc((nrefs + 1) * sizeof(uint32_t));
	for (uint32_t i = 0; i < nrefs; i++)
		if (i == 0 || strcmp(synref_key(set, &r[i - 1]), synref_key(set, &r[i])) != 0)
			set->kfirst[nkeys++] = i;
	set->kfirst[nkeys] = nrefs;
	uint32_t cap = 16;
	while (cap < 2 * nkeys)
		cap *= 2;
	set->khash = yk_xmalloc(cap * sizeof(uint32_t));
	memset(set->khash, 0xFF, cap * sizeof(uint32_t));
	for (uint32_t key = 0; key < nkeys; key++) {
		const char *ks = synref_key(set, &r[set->kfirst[key]]);
		uint32_t i = hash_bytes(ks, strlen(ks)) & (cap - 1);
		while (set->khash[i] != SLOT_EMPTY)
			i = (i + 1) & (cap - 1);
		set->khash[i] = key;
	}
	set->refs_by_key = r;
	set->nkeys = nkeys;
	set->khash_cap = cap;
}

int search__synset_find(const struct search__synset *set, const char *s, size_t len,
			const struct search__synref **first, uint32_t *n)
{
	if (set->khash_cap == 0)
		return 0;
	uint32_t mask = set->khash_cap - 1;
	for (uint32_t i = hash_bytes(s, len) & mask;; i = (i + 1) & mask) {
		uint32_t key = set->khash[i];
		if (key == SLOT_EMPTY)
			return 0;
		const struct search__synref *r = &set->refs_by_key[set->kfirst[key]];
		const char *ks = synref_key(set, r);
		if (strlen(ks) == len && memcmp(ks, s, len) == 0) {
			*first = r;
			*n = set->kfirst[key + 1] - set->kfirst[key];
			return 1;
		}
	}
}

void search_index_free(struct search_index *idx)
{
	if (!idx || atomic_fetch_sub(&idx->refs, 1) != 1)
		return;
	for (uint32_t t = 0; t < idx->nterms; t++)
		idx_free(idx, idx->terms[t].post);
	for (uint32_t s = 0; s < idx->ndocs; s++) {
		idx_free(idx, idx->docs[s].fwd);
		idx_free(idx, idx->docs[s].ext_id);
	}
	search__synset_unref(idx->syn);
	search__semantic_unref(idx->sem);
	idx_free(idx, idx->terms);
	idx_free(idx, idx->pool);
	idx_free(idx, idx->thash);
	idx_free(idx, idx->docs);
	idx_free(idx, idx->dhot);
	idx_free(idx, idx->idhash);
	slab_release(idx);
	pthread_rwlock_destroy(&idx->lock);
	free(idx);
}

size_t search_index_count(struct search_index *idx)
{
	pthread_rwlock_rdlock(&idx->lock);
	size_t n = idx->nlive;
	pthread_rwlock_unlock(&idx->lock);
	return n;
}

void search_index_trim(struct search_index *idx)
{
	pthread_rwlock_wrlock(&idx->lock);
	for (uint32_t t = 0; t < idx->nterms; t++) {
		struct search__term *tr = &idx->terms[t];
		if (tr->cappost > tr->npost && tr->npost > 0) {
			tr->post = idx_realloc(idx, tr->post, tr->cappost * sizeof(*tr->post),
					       tr->npost * sizeof(*tr->post));
			tr->cappost = tr->npost;
		}
	}
	if (idx->capdocs > idx->ndocs && idx->ndocs > 0) {
		idx->docs = idx_realloc(idx, idx->docs, idx->capdocs * sizeof(*idx->docs),
					idx->ndocs * sizeof(*idx->docs));
		idx->dhot = idx_realloc(idx, idx->dhot, idx->capdocs * sizeof(*idx->dhot),
					idx->ndocs * sizeof(*idx->dhot));
		idx->capdocs = idx->ndocs;
	}
	pthread_rwlock_unlock(&idx->lock);
}

void search_index_stats(struct search_index *idx, struct search_stats *out)
{
	memset(out, 0, sizeof(*out));
	pthread_rwlock_rdlock(&idx->lock);
	out->docs = idx->nlive;
	out->dead = idx->ndocs - idx->nlive;
	out->terms = idx->nterms;
	size_t bytes = sizeof(*idx) + idx->pool_cap + (size_t)idx->thash_cap * sizeof(uint32_t) +
		       (size_t)idx->idhash_cap * sizeof(uint32_t) +
		       (size_t)idx->capterms * sizeof(*idx->terms) +
		       (size_t)idx->capdocs * (sizeof(*idx->docs) + sizeof(*idx->dhot));
	for (uint32_t t = 0; t < idx->nterms; t++) {
		out->postings += idx->terms[t].npost;
		bytes += (size_t)idx->terms[t].cappost * sizeof(struct search__posting);
	}
	for (uint32_t d = 0; d < idx->ndocs; d++) {
		out->tokens += idx->docs[d].nfwd;
		bytes += (size_t)idx->docs[d].nfwd * sizeof(struct search__fwd);
		if (idx->docs[d].ext_id)
			bytes += strlen(idx->docs[d].ext_id) + 1;
	}
	pthread_rwlock_unlock(&idx->lock);
	out->bytes = bytes;
}

/* ---- adding ----------------------------------------------------------------- */

static int cmp_fwd_term(const void *a, const void *b)
{
	const struct search__fwd *x = a, *y = b;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return 0;
}

static void posting_push(const struct search_index *idx, struct search__term *tr,
			 const struct search__posting *p)
{
	if (tr->npost == tr->cappost) {
		size_t old = tr->cappost * sizeof(*tr->post);
		tr->cappost = tr->cappost ? tr->cappost * 2 : 4;
		tr->post = idx_realloc(idx, tr->post, old, tr->cappost * sizeof(*tr->post));
	}
	tr->post[tr->npost++] = *p;
}

/* Adds the postings of slot s from its forward list (df included). */
static void postings_add_doc(struct search_index *idx, uint32_t s)
{
	struct search__doc *d = &idx->docs[s];
	if (d->nfwd == 0)
		return;
	struct search__fwd *tmp = yk_xmalloc(d->nfwd * sizeof(*tmp));
	memcpy(tmp, d->fwd, d->nfwd * sizeof(*tmp));
	qsort(tmp, d->nfwd, sizeof(*tmp), cmp_fwd_term);
	uint32_t i = 0;
	while (i < d->nfwd) {
		struct search__posting p;
		memset(&p, 0, sizeof(p));
		p.doc = s;
		uint32_t t = tmp[i].term;
		while (i < d->nfwd && tmp[i].term == t) {
			if (p.tf[tmp[i].field] < UINT8_MAX)
				p.tf[tmp[i].field]++;
			p.fields = (uint8_t)(p.fields | 1u << tmp[i].field);
			i++;
		}
		posting_push(idx, &idx->terms[t], &p);
		idx->terms[t].df++;
	}
	free(tmp);
}

static void doc_unlink(struct search_index *idx, uint32_t s)
{
	struct search__doc *d = &idx->docs[s];
	idx->epoch = search__epoch_next();
	/* Distinct terms of the doc lose one document each. */
	struct search__fwd *tmp = yk_xmalloc((d->nfwd ? d->nfwd : 1) * sizeof(*tmp));
	memcpy(tmp, d->fwd, d->nfwd * sizeof(*tmp));
	qsort(tmp, d->nfwd, sizeof(*tmp), cmp_fwd_term);
	for (uint32_t i = 0; i < d->nfwd; i++)
		if (i == 0 || tmp[i].term != tmp[i - 1].term)
			idx->terms[tmp[i].term].df--;
	free(tmp);
	for (int f = 0; f < SEARCH_NFIELDS; f++)
		idx->total_len[f] -= idx->dhot[s].len[f];
	idx->dhot[s].live = 0;
	idx->nlive--;
}

/* Renumbers slots and postings without the dead documents. Postings are
 * in slot order and the renumbering keeps that order, so each term's
 * list is filtered in place (dead slots dropped, live ones renumbered):
 * the same lists a rebuild from the forward lists gives, without sorting
 * every document's forward list again (that was most of a merge at
 * 100,000 passages). Document frequencies already count live documents
 * only (doc_unlink). */
static void index_compact(struct search_index *idx)
{
	uint32_t w = 0, nold = idx->ndocs;
	uint32_t *map = yk_xmalloc((nold ? nold : 1) * sizeof(uint32_t));
	idx->epoch = search__epoch_next();
	for (uint32_t s = 0; s < nold; s++) {
		if (idx->dhot[s].live) {
			map[s] = w;
			idx->dhot[w] = idx->dhot[s];
			idx->docs[w++] = idx->docs[s];
		} else {
			map[s] = UINT32_MAX;
			idx_free(idx, idx->docs[s].fwd);
			idx_free(idx, idx->docs[s].ext_id);
		}
	}
	idx->ndocs = w;
	for (uint32_t t = 0; t < idx->nterms; t++) {
		struct search__term *tr = &idx->terms[t];
		uint32_t n = 0;
		for (uint32_t i = 0; i < tr->npost; i++) {
			uint32_t to = map[tr->post[i].doc];
			if (to == UINT32_MAX)
				continue;
			tr->post[n] = tr->post[i];
			tr->post[n++].doc = to;
		}
		tr->npost = n;
	}
	/* A builder's entry vectors follow their slots. */
	if (idx->sem) {
		struct search__semantic *m = search__semantic_remapped(idx->sem, map, nold);
		search__semantic_unref(idx->sem);
		idx->sem = m;
	}
	free(map);
	idhash_rebuild(idx, idx->idhash_cap ? idx->idhash_cap : 1024);
}

/* Appends a live document slot; consumes ext_id and fwd. */
static void doc_insert(struct search_index *idx, int64_t id, char *ext_id, int is_public,
		       struct search__fwd *fwd, uint32_t nfwd, const uint32_t *begin,
		       const uint32_t *len)
{
	idx->epoch = search__epoch_next();
	if (idx->ndocs == idx->capdocs) {
		size_t oc = idx->capdocs;
		idx->capdocs = idx->capdocs ? idx->capdocs * 2 : 256;
		idx->docs = idx_realloc(idx, idx->docs, oc * sizeof(*idx->docs),
					idx->capdocs * sizeof(*idx->docs));
		idx->dhot = idx_realloc(idx, idx->dhot, oc * sizeof(*idx->dhot),
					idx->capdocs * sizeof(*idx->dhot));
	}
	uint32_t s = idx->ndocs++;
	struct search__doc *d = &idx->docs[s];
	memset(d, 0, sizeof(*d));
	d->id = id;
	d->ext_id = ext_id;
	d->fwd = fwd;
	d->nfwd = nfwd;
	memcpy(d->field_begin, begin, sizeof(d->field_begin));
	struct search__dhot *hot = &idx->dhot[s];
	memset(hot, 0, sizeof(*hot));
	memcpy(hot->len, len, sizeof(hot->len));
	hot->is_public = is_public ? 1 : 0;
	hot->live = 1;
	idx->nlive++;
	for (int f = 0; f < SEARCH_NFIELDS; f++)
		idx->total_len[f] += len[f];
	postings_add_doc(idx, s);
	id_insert(idx, id, s);
}

void search__doc_drop(struct search_index *idx, uint32_t slot, uint32_t where)
{
	doc_unlink(idx, slot);
	idx->idhash[where] = SLOT_DELETED;
}

void search__doc_copy_from(struct search_index *dst, const struct search_index *src,
			   uint32_t slot)
{
	const struct search__doc *d = &src->docs[slot];
	struct search__fwd *fwd = yk_xmalloc((d->nfwd ? d->nfwd : 1) * sizeof(*fwd));
	for (uint32_t i = 0; i < d->nfwd; i++) {
		fwd[i] = d->fwd[i];
		const struct search__term *t = &src->terms[d->fwd[i].term];
		fwd[i].term = term_intern(dst, src->pool + t->str_off, t->str_len);
	}
	uint32_t where = 0, old = search__id_find(dst, d->id, &where);
	if (old != UINT32_MAX)
		search__doc_drop(dst, old, where);
	doc_insert(dst, d->id, d->ext_id ? yk_xstrdup(d->ext_id) : NULL, src->dhot[slot].is_public,
		   fwd, d->nfwd, d->field_begin, src->dhot[slot].len);
}

void search__compact(struct search_index *idx)
{
	if (idx->ndocs > idx->nlive)
		index_compact(idx);
}

/* Space for n objects of type T in the slab at *off (16-byte aligned);
 * NULL when n is 0, as a fresh index has. */
#define SLAB_TAKE(idx, off, T, n) ((T *)slab_take((idx), (off), (n) * sizeof(T)))

static void *slab_take(struct search_index *idx, size_t *off, size_t n)
{
	if (n == 0)
		return NULL;
	void *p = idx->slab + *off;
	*off += (n + 15) & ~(size_t)15;
	return p;
}

#define DUP(src, n) ((n) ? memcpy(yk_xmalloc((n) * sizeof(*(src))), (src), (n) * sizeof(*(src))) : NULL)

/* A merge's new base: one allocation per array, as a full build makes
 * it. With the base in one slab, the first question after a merge took
 * several times a normal one at 100,000 passages (bench/qa_edit: 6-8 ms
 * against 1.1-1.8 ms; not explained: no page faults in that question), and
 * a merge is rare and followed by malloc_trim (qa_index.c). */
static struct search_index *clone_pieces(const struct search_index *src)
{
	struct search_index *c = search_index_new(&src->p);
	search__synset_unref(c->syn);
	c->syn = src->syn;
	atomic_fetch_add(&c->syn->refs, 1);
	c->nterms = c->capterms = src->nterms;
	c->terms = DUP(src->terms, src->nterms);
	for (uint32_t t = 0; t < src->nterms; t++) {
		c->terms[t].cappost = src->terms[t].npost;
		c->terms[t].post = DUP(src->terms[t].post, src->terms[t].npost);
	}
	c->pool_len = c->pool_cap = src->pool_len;
	c->pool = DUP(src->pool, src->pool_len);
	c->thash_cap = src->thash_cap;
	c->thash = DUP(src->thash, src->thash_cap);
	c->ndocs = c->capdocs = src->ndocs;
	c->nlive = src->nlive;
	c->docs = DUP(src->docs, src->ndocs);
	c->dhot = DUP(src->dhot, src->ndocs);
	for (uint32_t s = 0; s < src->ndocs; s++) {
		c->docs[s].fwd = DUP(src->docs[s].fwd, src->docs[s].nfwd);
		c->docs[s].ext_id = src->docs[s].ext_id ? yk_xstrdup(src->docs[s].ext_id) : NULL;
	}
	memcpy(c->total_len, src->total_len, sizeof(c->total_len));
	c->idhash_cap = src->idhash_cap;
	c->idhash_used = src->idhash_used;
	c->idhash = DUP(src->idhash, src->idhash_cap);
	return c;
}
#undef DUP

struct search_index *search__index_clone(const struct search_index *src, int growing)
{
	if (!growing)
		return clone_pieces(src);
	struct search_index *c = search_index_new(&src->p);
	search__synset_unref(c->syn);
	c->syn = src->syn;
	atomic_fetch_add(&c->syn->refs, 1);
	/* Room for the change about to be applied, so that its new terms and
	 * documents do not move the term, pool and document arrays out of the
	 * slab (each a fresh malloc of twice the size, per change). */
	uint32_t tslack = src->nterms / 8 + 256;
	uint32_t dslack = src->ndocs / 8 + 16;
	size_t pslack = src->pool_len / 8 + 4096;
	/* And for a term in many documents (the words every edited entry
	 * shares), room for a quarter more postings: otherwise each change
	 * copied its list out at twice the size. Rare terms copy out. */
#define POST_ROOM(n) ((n) + ((n) >= 8 ? (n) / 4 : 0))
	/* The slab's size: every array below, each rounded up to 16 bytes. */
#define R16(n) (((n) + 15) & ~(size_t)15)
	size_t need = R16((src->nterms + tslack) * sizeof(*src->terms)) +
		      R16(src->pool_len + pslack) + R16(src->thash_cap * sizeof(*src->thash)) +
		      R16((src->ndocs + dslack) * sizeof(*src->docs)) +
		      R16((src->ndocs + dslack) * sizeof(*src->dhot)) +
		      R16(src->idhash_cap * sizeof(*src->idhash));
	for (uint32_t t = 0; t < src->nterms; t++)
		need += R16(POST_ROOM(src->terms[t].npost) * sizeof(struct search__posting));
	for (uint32_t s = 0; s < src->ndocs; s++) {
		need += R16(src->docs[s].nfwd * sizeof(struct search__fwd));
		if (src->docs[s].ext_id)
			need += R16(strlen(src->docs[s].ext_id) + 1);
	}
#undef R16
	slab_alloc(c, need);
	size_t off = 0;
	c->nterms = src->nterms;
	c->capterms = src->nterms + tslack;
	c->terms = SLAB_TAKE(c, &off, struct search__term, c->capterms);
	if (src->nterms)
		memcpy(c->terms, src->terms, src->nterms * sizeof(*c->terms));
	for (uint32_t t = 0; t < src->nterms; t++) {
		uint32_t n = src->terms[t].npost;
		c->terms[t].cappost = POST_ROOM(n);
		c->terms[t].post = SLAB_TAKE(c, &off, struct search__posting, c->terms[t].cappost);
		if (n)
			memcpy(c->terms[t].post, src->terms[t].post, n * sizeof(struct search__posting));
	}
	c->pool_len = src->pool_len;
	c->pool_cap = src->pool_len + pslack;
	c->pool = SLAB_TAKE(c, &off, char, c->pool_cap);
	if (src->pool_len)
		memcpy(c->pool, src->pool, src->pool_len);
	c->thash_cap = src->thash_cap;
	c->thash = SLAB_TAKE(c, &off, uint32_t, src->thash_cap);
	if (src->thash_cap)
		memcpy(c->thash, src->thash, src->thash_cap * sizeof(uint32_t));
	c->ndocs = src->ndocs;
	c->capdocs = src->ndocs + dslack;
	c->nlive = src->nlive;
	c->docs = SLAB_TAKE(c, &off, struct search__doc, c->capdocs);
	c->dhot = SLAB_TAKE(c, &off, struct search__dhot, c->capdocs);
	if (src->ndocs) {
		memcpy(c->docs, src->docs, src->ndocs * sizeof(*c->docs));
		memcpy(c->dhot, src->dhot, src->ndocs * sizeof(*c->dhot));
	}
	for (uint32_t s = 0; s < src->ndocs; s++) {
		uint32_t n = src->docs[s].nfwd;
		c->docs[s].fwd = SLAB_TAKE(c, &off, struct search__fwd, n);
		if (n)
			memcpy(c->docs[s].fwd, src->docs[s].fwd, n * sizeof(struct search__fwd));
		if (src->docs[s].ext_id) {
			size_t l = strlen(src->docs[s].ext_id) + 1;
			c->docs[s].ext_id = SLAB_TAKE(c, &off, char, l);
			memcpy(c->docs[s].ext_id, src->docs[s].ext_id, l);
		}
	}
	memcpy(c->total_len, src->total_len, sizeof(c->total_len));
	c->idhash_cap = src->idhash_cap;
	c->idhash_used = src->idhash_used;
	c->idhash = SLAB_TAKE(c, &off, uint32_t, src->idhash_cap);
	if (src->idhash_cap)
		memcpy(c->idhash, src->idhash, src->idhash_cap * sizeof(uint32_t));
	assert(off <= c->slab_len);
#undef POST_ROOM
	return c;
}

int search_index_add(struct search_index *idx, struct text_tokenizer *tk,
		     const struct search_doc *doc, struct yk_errinfo *ei)
{
	static const char *const field_names[SEARCH_NFIELDS] = {"question", "answer", "title",
								 "body", "asked"};
	struct text_norm norm[SEARCH_NFIELDS];
	struct search__fwd *fwd = NULL;
	size_t nfwd = 0, capfwd = 0;
	uint32_t begin[SEARCH_NFIELDS + 1];
	uint32_t len[SEARCH_NFIELDS];
	int rc = 0;

	memset(norm, 0, sizeof(norm));
	if (doc->ext_id_len > SEARCH_MAX_EXT_ID)
		return yk_errinfo_set(ei, YK_ELIMIT, "外部 ID が長すぎます（%zu バイト）",
				      doc->ext_id_len);
	/* Tokenise outside the lock: it is the slow part. Term ids need the
	 * lock, so tokens are kept per field until then. */
	struct text_tokens ftoks[SEARCH_NFIELDS];
	memset(ftoks, 0, sizeof(ftoks));
	for (int f = 0; f < SEARCH_NFIELDS; f++) {
		if (!doc->field[f] || doc->field_len[f] == 0)
			continue;
		rc = text_normalize(doc->field[f], doc->field_len[f], &norm[f], ei);
		if (!rc)
			rc = text_tokenize_norm(tk, &norm[f], &ftoks[f], ei);
		if (rc) {
			if (ei)
				yk_strlcpy(ei->field, field_names[f], sizeof(ei->field));
			goto out;
		}
	}

	/* The forward list is kept for the document's life: exactly its size,
	 * allocated outside the lock. */
	for (int f = 0; f < SEARCH_NFIELDS; f++)
		capfwd += ftoks[f].n;
	fwd = yk_xmalloc((capfwd ? capfwd : 1) * sizeof(*fwd));

	pthread_rwlock_wrlock(&idx->lock);
	uint32_t where = 0;
	uint32_t old = search__id_find(idx, doc->id, &where);
	if (old == UINT32_MAX && idx->nlive >= SEARCH_MAX_DOCS) {
		pthread_rwlock_unlock(&idx->lock);
		rc = yk_errinfo_set(ei, YK_ELIMIT, "文書数が上限（%u）に達しました",
				    SEARCH_MAX_DOCS);
		goto out;
	}
	for (int f = 0; f < SEARCH_NFIELDS; f++) {
		begin[f] = (uint32_t)nfwd;
		len[f] = (uint32_t)ftoks[f].n;
		for (size_t i = 0; i < ftoks[f].n; i++) {
			const struct text_token *k = &ftoks[f].v[i];
			size_t os, oe;
			text_norm_map(&norm[f], k->start, k->end, &os, &oe);
			struct search__fwd *e = &fwd[nfwd++];
			e->term = term_intern(idx, k->term, k->term_len);
			e->start = (uint32_t)os;
			e->len = (uint16_t)(oe - os > UINT16_MAX ? UINT16_MAX : oe - os);
			e->field = (uint8_t)f;
			e->kf = (uint8_t)(k->kind | k->flags << 2);
		}
	}
	begin[SEARCH_NFIELDS] = (uint32_t)nfwd;
	if (old != UINT32_MAX) {
		/* term_intern() above never moves the id hash: where still holds. */
		doc_unlink(idx, old);
		idx->idhash[where] = SLOT_DELETED;
	}
	doc_insert(idx, doc->id, doc->ext_id ? yk_xstrndup(doc->ext_id, doc->ext_id_len) : NULL,
		   doc->is_public, fwd, (uint32_t)nfwd, begin, len);
	fwd = NULL;
	if (idx->ndocs - idx->nlive > COMPACT_MIN_DEAD && idx->ndocs - idx->nlive > idx->nlive)
		index_compact(idx);
	pthread_rwlock_unlock(&idx->lock);
out:
	free(fwd);
	for (int f = 0; f < SEARCH_NFIELDS; f++) {
		text_norm_release(&norm[f]);
		text_tokens_release(&ftoks[f]);
	}
	return rc;
}

int search_index_remove(struct search_index *idx, int64_t id)
{
	int rc = 0;
	pthread_rwlock_wrlock(&idx->lock);
	uint32_t where = 0;
	uint32_t s = search__id_find(idx, id, &where);
	if (s == UINT32_MAX) {
		rc = YK_ENOTFOUND;
	} else {
		search__doc_drop(idx, s, where);
		if (idx->ndocs - idx->nlive > COMPACT_MIN_DEAD &&
		    idx->ndocs - idx->nlive > idx->nlive)
			index_compact(idx);
	}
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

/* ---- synonyms ------------------------------------------------------------------ */

const char *search_synonyms_seed(size_t *len)
{
	for (const struct yk_embedded_file *f = yk_seed; f->name; f++) {
		if (strcmp(f->name, "synonyms.tsv") == 0) {
			*len = f->len;
			return (const char *)f->data;
		}
	}
	*len = 0;
	return NULL;
}

/* Tokenises one spelling into a variant: the non-stop lemmas it must find in
 * a query, and the word terms it adds when a sibling is found. */
static int variant_build(struct text_tokenizer *tk, const char *s, size_t len,
			 struct search__variant *v, struct yk_errinfo *ei)
{
	struct text_norm n;
	struct text_tokens t = {0};
	memset(v, 0, sizeof(*v));
	int rc = text_normalize(s, len, &n, ei);
	if (rc)
		return rc;
	rc = text_tokenize_norm(tk, &n, &t, ei);
	if (rc)
		goto out;
	v->match_str = yk_xcalloc(t.n + 1, sizeof(char *));
	v->add_str = yk_xcalloc(t.n + 1, sizeof(char *));
	v->add_kind = yk_xcalloc(t.n + 1, 1);
	for (size_t i = 0; i < t.n; i++) {
		const struct text_token *k = &t.v[i];
		if (k->kind == TEXT_TOKEN_BIGRAM || (k->flags & TEXT_TOKEN_STOP))
			continue;
		if (k->kind == TEXT_TOKEN_LEMMA)
			v->match_str[v->nmatch++] = yk_xstrndup(k->term, k->term_len);
		if (k->kind == TEXT_TOKEN_LEMMA || k->kind == TEXT_TOKEN_COMPOUND) {
			v->add_str[v->nadd] = yk_xstrndup(k->term, k->term_len);
			v->add_kind[v->nadd++] = k->kind;
		}
	}
out:
	text_tokens_release(&t);
	text_norm_release(&n);
	return rc;
}

int search__synset_build(struct text_tokenizer *tk, const char *tsv, size_t len,
			 struct search__synset **out, struct yk_errinfo *ei)
{
	struct search__syngroup *g = NULL;
	uint32_t ng = 0, capg = 0;
	long lineno = 0;
	int rc = 0;
	size_t bad = 0;

	if (len > 0 && !yk_utf8_valid(tsv, len, &bad))
		return yk_errinfo_set(ei, YK_EUTF8, "同義語表が UTF-8 ではありません（%zu バイト目）",
				      bad + 1);
	const char *p = tsv, *end = tsv + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		lineno++;
		if (le > p && le[-1] == '\r')
			le--;
		if (le == p || p[0] == '#')
			goto next;
		if (ng == SEARCH_MAX_SYNONYM_GROUPS) {
			rc = yk_errinfo_set(ei, YK_ELIMIT, "同義語のグループが多すぎます（上限 %u）",
					    SEARCH_MAX_SYNONYM_GROUPS);
			goto fail;
		}
		if (ng == capg) {
			capg = capg ? capg * 2 : 64;
			g = yk_xrealloc(g, capg * sizeof(*g));
		}
		struct search__syngroup *grp = &g[ng++];
		grp->nv = 0;
		grp->v = yk_xcalloc(SEARCH_MAX_SYNONYM_VARIANTS, sizeof(*grp->v));
		const char *q = p;
		while (q <= le) {
			const char *tab = memchr(q, '\t', (size_t)(le - q));
			const char *fe = tab ? tab : le;
			if (fe > q) {
				if ((size_t)(fe - q) > SEARCH_MAX_SYNONYM_BYTES) {
					rc = yk_errinfo_set(ei, YK_ELIMIT, "同義語が長すぎます");
					goto fail;
				}
				if (grp->nv == SEARCH_MAX_SYNONYM_VARIANTS) {
					rc = yk_errinfo_set(ei, YK_ELIMIT,
							    "1 行の同義語が多すぎます（上限 %u）",
							    SEARCH_MAX_SYNONYM_VARIANTS);
					goto fail;
				}
				rc = variant_build(tk, q, (size_t)(fe - q), &grp->v[grp->nv], ei);
				if (rc)
					goto fail;
				if (grp->v[grp->nv].nmatch == 0) {
					/* Only particles or request phrasing: useless. */
					struct search__variant *v = &grp->v[grp->nv];
					for (uint32_t k = 0; k < v->nadd; k++)
						free(v->add_str[k]);
							free(v->match_str);
					free(v->add_str);
					free(v->add_kind);
					memset(v, 0, sizeof(*v));
				} else {
					grp->nv++;
				}
			}
			if (!tab)
				break;
			q = tab + 1;
		}
		if (grp->nv < 2) {
			rc = yk_errinfo_set(ei, YK_EPARSE,
					    "同義語は 1 行に 2 つ以上、タブ区切りで書いてください");
			goto fail;
		}
next:
		p = (nl ? nl : end) + 1;
	}
	*out = yk_xcalloc(1, sizeof(**out));
	atomic_init(&(*out)->refs, 1);
	(*out)->g = g;
	(*out)->n = ng;
	synset_index(*out);
	return 0;
fail:
	if (ei)
		ei->line = lineno;
	synonyms_free(g, ng);
	return rc;
}

int search_index_set_synonyms(struct search_index *idx, struct text_tokenizer *tk,
			      const char *tsv, size_t len, struct yk_errinfo *ei)
{
	struct search__synset *set = NULL;
	int rc = search__synset_build(tk, tsv, len, &set, ei);
	if (rc)
		return rc;
	pthread_rwlock_wrlock(&idx->lock);
	struct search__synset *old = idx->syn;
	idx->syn = set;
	idx->epoch = search__epoch_next();
	pthread_rwlock_unlock(&idx->lock);
	search__synset_unref(old);
	return 0;
}
