/* search/snapshot.c: immutable index snapshots and their delta updates.
 *
 * A snapshot is a base index (shared, never written once published), an
 * overlay index holding the documents added or replaced since the base
 * was built, a bitmap of the base slots those changes removed, and the
 * synonym table. search_snapshot_apply() never touches the snapshot it
 * starts from: it copies the small parts (overlay, bitmap), applies the
 * change to the copies and returns a new snapshot sharing the base. When
 * the overlay grows past SEARCH_OVERLAY_MAX (or an eighth of the base) the
 * two are merged into a new base from their forward lists, without
 * tokenising anything again. docs/decisions/0007-snapshot-index.md tells
 * why. The semantic model (semantic.c) belongs to the snapshot: a merge
 * keeps its term vectors and folds the overlay's entry vectors in once; a
 * model learned again (search_semantic_learn, slow, for a background
 * thread) is swapped in by a new snapshot (search_snapshot_with_semantic).
 */
#include <stdatomic.h>

#include "search/search_int.h"
#include "core/banned.h"

struct search_snapshot {
	atomic_uint refs;
	struct search_index *base;  /* one reference held */
	struct search_index *ov;    /* owned; NULL when there is none */
	uint64_t *dead;             /* bitmap over base slots; NULL when none */
	uint32_t ndead;
	uint64_t dead_len[SEARCH_NFIELDS];
	struct search__dfadj dd;    /* per-term counts of the removed */
	struct search__synset *syn; /* one reference held */
	struct search__semantic *sem; /* one reference held; NULL: none */
	uint64_t merges;            /* merges since the first snapshot */
	uint64_t epoch;             /* search__view.epoch: new for every snapshot */
};

/* Snapshots alive in the process: not part of the contract, read by
 * bench/mixed.sh through the debugger to show none is kept too long. */
static atomic_uint snapshots_alive;

struct search_snapshot *search_snapshot_new(struct search_index *idx)
{
	struct search_snapshot *s = yk_xcalloc(1, sizeof(*s));
	atomic_init(&s->refs, 1);
	atomic_fetch_add_explicit(&snapshots_alive, 1, memory_order_relaxed);
	s->base = idx;
	s->epoch = search__epoch_next();
	if (!idx->sem)
		search_index_semantic_build(idx);
	s->sem = idx->sem;
	if (s->sem)
		atomic_fetch_add_explicit(&s->sem->refs, 1, memory_order_relaxed);
	s->syn = idx->syn;
	atomic_fetch_add(&s->syn->refs, 1);
	return s;
}

void search_snapshot_ref(struct search_snapshot *s)
{
	atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
}

void search_snapshot_unref(struct search_snapshot *s)
{
	if (!s || atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1)
		return;
	search_index_free(s->base);
	search_index_free(s->ov);
	free(s->dead);
	free(s->dd.key);
	free(s->dd.val);
	search__synset_unref(s->syn);
	search__semantic_unref(s->sem);
	free(s);
	atomic_fetch_sub_explicit(&snapshots_alive, 1, memory_order_relaxed);
}

static void view_of(const struct search_snapshot *s, struct search__view *v)
{
	memset(v, 0, sizeof(*v));
	v->b = s->base;
	v->o = s->ov;
	v->dead = s->dead;
	v->dd = s->dd.n ? &s->dd : NULL;
	v->syn = s->syn;
	v->p = &s->base->p;
	v->sem = s->sem;
	v->epoch = s->epoch;
	v->nlive = s->base->nlive - s->ndead + (s->ov ? s->ov->nlive : 0);
	for (int f = 0; f < SEARCH_NFIELDS; f++)
		v->total_len[f] = s->base->total_len[f] - s->dead_len[f] +
				  (s->ov ? s->ov->total_len[f] : 0);
}

int search_snapshot_query(const struct search_snapshot *s, struct text_tokenizer *tk,
			  const char *query, size_t len, const struct search_opts *opts,
			  struct search_results *res, struct yk_errinfo *ei)
{
	struct search__view v;
	view_of(s, &v);
	return search__query_view(&v, tk, query, len, opts, res, ei);
}

void search_snapshot_stats(const struct search_snapshot *s, struct search_snapshot_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->docs = s->base->nlive - s->ndead + (s->ov ? s->ov->nlive : 0);
	out->base_docs = s->base->nlive;
	out->overlay_docs = s->ov ? s->ov->nlive : 0;
	out->overlay_slots = s->ov ? s->ov->ndocs : 0;
	out->removed = s->ndead;
	out->merges = s->merges;
}

static int dead_test(const struct search_snapshot *s, uint32_t slot)
{
	return s->dead && (s->dead[slot / 64] >> (slot % 64)) & 1u;
}

static void dfadj_grow(struct search__dfadj *a)
{
	uint32_t oc = a->cap, nc = oc ? oc * 2 : 1024;
	uint32_t *ok = a->key, *ov = a->val;
	a->key = yk_xmalloc(nc * sizeof(uint32_t));
	a->val = yk_xcalloc(nc, sizeof(uint32_t));
	memset(a->key, 0xFF, nc * sizeof(uint32_t));
	a->cap = nc;
	for (uint32_t i = 0; i < oc; i++) {
		if (ok[i] == UINT32_MAX)
			continue;
		uint32_t j = (ok[i] * 2654435761u) & (nc - 1);
		while (a->key[j] != UINT32_MAX)
			j = (j + 1) & (nc - 1);
		a->key[j] = ok[i];
		a->val[j] = ov[i];
	}
	free(ok);
	free(ov);
}

static void dfadj_inc(struct search__dfadj *a, uint32_t t)
{
	if ((a->n + 1) * 2 > a->cap)
		dfadj_grow(a);
	uint32_t mask = a->cap - 1, i = (t * 2654435761u) & mask;
	while (a->key[i] != UINT32_MAX && a->key[i] != t)
		i = (i + 1) & mask;
	if (a->key[i] == UINT32_MAX) {
		a->key[i] = t;
		a->n++;
	}
	a->val[i]++;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Marks base document id removed in s (a private copy); no-op when the
 * base does not hold it live. */
static void base_remove(struct search_snapshot *s, int64_t id)
{
	uint32_t slot = search__id_find(s->base, id, NULL);
	if (slot == UINT32_MAX || dead_test(s, slot))
		return;
	if (!s->dead)
		s->dead = yk_xcalloc((s->base->ndocs + 63) / 64 + 1, sizeof(uint64_t));
	s->dead[slot / 64] |= (uint64_t)1 << (slot % 64);
	s->ndead++;
	for (int f = 0; f < SEARCH_NFIELDS; f++)
		s->dead_len[f] += s->base->dhot[slot].len[f];
	/* Each distinct term of the document loses one document. */
	const struct search__doc *d = &s->base->docs[slot];
	uint32_t *terms = yk_xmalloc((d->nfwd + 1) * sizeof(uint32_t));
	for (uint32_t i = 0; i < d->nfwd; i++)
		terms[i] = d->fwd[i].term;
	qsort(terms, d->nfwd, sizeof(uint32_t), cmp_u32);
	for (uint32_t i = 0; i < d->nfwd; i++)
		if (i == 0 || terms[i] != terms[i - 1])
			dfadj_inc(&s->dd, terms[i]);
	free(terms);
}

/* Folds the overlay and the removals into a new base. */
static void merge(struct search_snapshot *s)
{
	struct search_index *nb = search__index_clone(s->base, 0);
	search__synset_unref(nb->syn);
	nb->syn = s->syn;
	atomic_fetch_add(&nb->syn->refs, 1);
	for (uint32_t slot = 0; s->dead && slot < s->base->ndocs; slot++) {
		if (!dead_test(s, slot))
			continue;
		uint32_t where = 0;
		if (search__id_find(nb, s->base->docs[slot].id, &where) == slot)
			search__doc_drop(nb, slot, where);
	}
	for (uint32_t slot = 0; s->ov && slot < s->ov->ndocs; slot++)
		if (s->ov->dhot[slot].live)
			search__doc_copy_from(nb, s->ov, slot);
	search__compact(nb);
	search_index_trim(nb);
	/* The model is kept, not learned again here (that took 1-2 s for
	 * the FAQ, 13-20 s at 100,000 passages, inside the request that
	 * made the change): the overlay's entry vectors, which queries
	 * folded in until now, are folded in once. */
	if (s->sem) {
		struct search__semantic *m = search__semantic_merged(s->sem, s->base, s->ov, nb);
		search__semantic_unref(s->sem);
		s->sem = m;
	}
	search_index_free(s->base);
	search_index_free(s->ov);
	free(s->dead);
	s->base = nb;
	s->ov = NULL;
	s->dead = NULL;
	s->ndead = 0;
	free(s->dd.key);
	free(s->dd.val);
	memset(&s->dd, 0, sizeof(s->dd));
	memset(s->dead_len, 0, sizeof(s->dead_len));
	s->merges++;
}

/* A new snapshot with old's parts (the overlay, removals and counts
 * copied; base, model and synonyms shared), or syn instead of old's
 * synonyms when not NULL (consumed). */
static struct search_snapshot *snapshot_copy(const struct search_snapshot *old,
					     struct search__synset *syn)
{
	struct search_snapshot *s = yk_xcalloc(1, sizeof(*s));
	atomic_init(&s->refs, 1);
	atomic_fetch_add_explicit(&snapshots_alive, 1, memory_order_relaxed);
	s->base = old->base;
	s->epoch = search__epoch_next();
	atomic_fetch_add(&s->base->refs, 1);
	if (syn) {
		s->syn = syn;
	} else {
		s->syn = old->syn;
		atomic_fetch_add(&s->syn->refs, 1);
	}
	s->ov = old->ov ? search__index_clone(old->ov, 1) : search_index_new(&old->base->p);
	if (old->dead) {
		size_t words = (old->base->ndocs + 63) / 64 + 1;
		s->dead = yk_xmalloc(words * sizeof(uint64_t));
		memcpy(s->dead, old->dead, words * sizeof(uint64_t));
	}
	s->ndead = old->ndead;
	if (old->dd.cap) {
		s->dd.cap = old->dd.cap;
		s->dd.n = old->dd.n;
		s->dd.key = yk_xmalloc(old->dd.cap * sizeof(uint32_t));
		s->dd.val = yk_xmalloc(old->dd.cap * sizeof(uint32_t));
		memcpy(s->dd.key, old->dd.key, old->dd.cap * sizeof(uint32_t));
		memcpy(s->dd.val, old->dd.val, old->dd.cap * sizeof(uint32_t));
	}
	memcpy(s->dead_len, old->dead_len, sizeof(s->dead_len));
	s->merges = old->merges;

	s->sem = old->sem;
	if (s->sem)
		atomic_fetch_add_explicit(&s->sem->refs, 1, memory_order_relaxed);
	return s;
}

int search_snapshot_apply(const struct search_snapshot *old, struct text_tokenizer *tk,
			  const struct search_delta *d, struct search_snapshot **out,
			  struct yk_errinfo *ei)
{
	*out = NULL;
	struct search__synset *syn = NULL;
	int rc = 0;
	if (d->synonyms && (rc = search__synset_build(tk, d->synonyms, d->synonyms_len, &syn, ei)))
		return rc;
	struct search_snapshot *s = snapshot_copy(old, syn);
	for (size_t i = 0; i < d->nremove; i++) {
		base_remove(s, d->remove[i]);
		if (search_index_remove(s->ov, d->remove[i]) != 0) {
			/* not in the overlay: fine */
		}
	}
	for (size_t i = 0; i < d->nadd; i++) {
		if ((rc = search_index_add(s->ov, tk, &d->add[i], ei))) {
			search_snapshot_unref(s);
			return rc;
		}
		base_remove(s, d->add[i].id);
	}
	/* A replaced document leaves a dead slot in the overlay (its forward
	 * list and postings) that every later apply copies again: a 👍 re-adds
	 * the same entry each time, so one entry voted for a thousand times
	 * held a thousand copies until the merge. Compacting once the dead
	 * outnumber the live keeps the overlay to at most twice what it
	 * holds live, for an amortised constant cost per change. */
	if (s->ov->ndocs - s->ov->nlive > s->ov->nlive)
		search__compact(s->ov);
	uint32_t limit = s->base->nlive / 8;
	if (limit < SEARCH_OVERLAY_MAX)
		limit = SEARCH_OVERLAY_MAX;
	if (s->ov->ndocs + s->ndead > limit)
		merge(s);
	else if (s->ov->ndocs == 0 && s->ndead == 0) {
		search_index_free(s->ov);
		s->ov = NULL;
	}
	*out = s;
	return 0;
}

/* ---- learning the semantic model again, off the request path ------------------ */

struct search_semantic {
	struct search_index *base;    /* learned from; one reference held */
	struct search__semantic *sem; /* NULL: the base is too small */
};

int search_snapshot_semantic_stale(const struct search_snapshot *s)
{
	const struct search__semantic *m = s->sem;
	if (!m)
		return s->base->p.sem_dim > 0 && s->base->nlive >= SEARCH_SEMANTIC_MIN_DOCS;
	return (double)m->folded + (double)m->removed >
	       SEARCH_SEMANTIC_RELEARN_SHARE * (double)m->terms->learned;
}

struct search_semantic *search_semantic_learn(const struct search_snapshot *s)
{
	struct search_semantic *l = yk_xcalloc(1, sizeof(*l));
	l->base = s->base;
	atomic_fetch_add(&l->base->refs, 1);
	l->sem = search__semantic_build(l->base, l->base->p.sem_dim);
	return l;
}

void search_semantic_free(struct search_semantic *l)
{
	if (!l)
		return;
	search__semantic_unref(l->sem);
	search_index_free(l->base);
	free(l);
}

int search_snapshot_with_semantic(const struct search_snapshot *cur,
				  const struct search_semantic *l, struct search_snapshot **out)
{
	*out = NULL;
	if (l->base != cur->base)
		return YK_ECONFLICT;
	struct search_snapshot *s = snapshot_copy(cur, NULL);
	if (s->ov->ndocs == 0) {
		search_index_free(s->ov);
		s->ov = NULL;
	}
	search__semantic_unref(s->sem);
	s->sem = l->sem;
	if (s->sem)
		atomic_fetch_add_explicit(&s->sem->refs, 1, memory_order_relaxed);
	*out = s;
	return 0;
}
