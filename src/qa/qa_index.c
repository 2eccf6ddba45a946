/* qa: the search snapshot behind every question — the first build from
 * the knowledge base, delta updates from the change log (qa_index_changes,
 * filled by triggers on kb_entries and qa_synonyms and by qa_feedback),
 * and what entries learned from 👍. docs/decisions/0007-snapshot-index.md. */
#include <malloc.h>
#include <sched.h>
#include <string.h>

#include "kb/kb.h"
#include "qa/qa_int.h"
#include "search/search.h"
#include "text/text.h"
#include "core/banned.h"

/* More changed entries than this (or than half the index) are read by a
 * full build: an import that replaced the knowledge base. */
#define QA_DELTA_MAX 4096

static const char seq_sql[] = "SELECT coalesce(max(seq), 0) FROM qa_index_changes";
/* The per-question read: the newest change and the settings generation
 * (store.h), one statement. */
static const char current_sql[] =
	"SELECT coalesce(max(seq), 0), " STORE_SETTINGS_GEN_SQL " FROM qa_index_changes";
static const char min_seq_sql[] = "SELECT coalesce(min(seq), 0) FROM qa_index_changes";
static const char changes_sql[] = "SELECT DISTINCT entry_id FROM qa_index_changes"
				  " WHERE seq > ?1 AND seq <= ?2 ORDER BY entry_id";

/* Learning from 👍 (docs/qa.md): the questions that staff marked as
 * answered by an entry go to its asked field, which ranks but is never
 * shown. Only staff votes count (a citizen's vote cannot steer what other
 * people are shown), each question once, the newest QA_LEARNED_MAX;
 * questions in which the guard masked something (〔氏名1〕...) are left out. */
static const char learned_sql[] =
	"SELECT q.question FROM qa_feedback f JOIN qa_questions q ON q.id = f.question_id"
	" WHERE f.entry_id = ?1 AND f.vote = 1 AND q.channel = 'staff'"
	" AND instr(q.question, '〔') = 0"
	" GROUP BY q.question ORDER BY max(f.at) DESC, max(f.question_id) DESC LIMIT ?2";

static uint64_t path_key(const char *p)
{
	uint64_t h = 1469598103934665603u;
	for (; p && *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	return h | 1; /* never 0: 0 means "no snapshot yet" */
}

static int read_int(struct store *db, const char *sql, int64_t *out, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, sql, &st, ei);
	if (rc)
		return rc;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = store_err(db, s, ei);
	sqlite3_reset(st);
	return rc;
}

/* ---- shown entries ------------------------------------------------------- */

/* The entry's display fields (and their JSON) in one allocation. */
static struct qa__entry *entry_new(const struct kb_entry *e, qa_json_encoder enc)
{
	int faq = e->kind == KB_KIND_FAQ;
	const char *src[] = {faq ? e->question : e->title, faq ? e->answer : e->body,
			     e->heading_path, e->locator, e->url, e->category, e->source_name,
			     e->external_id};
	enum { N = YK_ARRAY_LEN(src) };
	size_t off[2 * N];
	struct yk_buf b;
	yk_buf_init(&b, 0);
	int rc = 0;
	for (size_t i = 0; i < N && !rc; i++) {
		off[i] = b.len;
		rc = yk_buf_add(&b, src[i] ? src[i] : "", (src[i] ? strlen(src[i]) : 0) + 1);
	}
	for (size_t i = 0; enc && i < N && !rc; i++) {
		off[N + i] = b.len;
		if (enc(&b, src[i] ? src[i] : "", src[i] ? strlen(src[i]) : 0) ||
		    yk_buf_addc(&b, '\0'))
			enc = NULL, rc = 0; /* no JSON for this entry: the writer escapes */
	}
	if (rc)
		abort(); /* no limit set: unreachable */
	struct qa__entry *r = yk_xcalloc(1, sizeof(*r) + b.len);
	memcpy(r->mem, b.data, b.len);
	yk_buf_release(&b);
	atomic_init(&r->refs, 1);
	r->id = e->id;
	r->faq = faq;
	r->is_public = e->is_public;
	const char **plain[N] = {&r->title, &r->text, &r->heading_path, &r->locator,
				 &r->url, &r->category, &r->source_name, &r->external_id};
	const char **json[N] = {&r->json.title, &r->json.text, &r->json.heading_path,
				&r->json.locator, &r->json.url, &r->json.category,
				&r->json.source_name, &r->json.external_id};
	for (size_t i = 0; i < N; i++) {
		*plain[i] = r->mem + off[i];
		*json[i] = enc ? r->mem + off[N + i] : NULL;
	}
	/* Citizens never get the internal names, not even as JSON. */
	r->json_public = r->json;
	if (enc)
		r->json_public.source_name = r->json_public.external_id = "\"\"";
	return r;
}

static void entry_unref(struct qa__entry *r)
{
	if (r && atomic_fetch_sub(&r->refs, 1) == 1) {
		qa__cuts_free(atomic_load(&r->cuts));
		free(r);
	}
}

static size_t slot_of(const struct qa__snap *s, int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15u;
	return (size_t)(h >> 32) & (s->cap - 1);
}

const struct qa__entry *qa__snap_entry(const struct qa__snap *s, int64_t id)
{
	if (!s || !s->cap || id == 0)
		return NULL;
	for (size_t j = slot_of(s, id); s->slots[j].id; j = (j + 1) & (s->cap - 1))
		if (s->slots[j].id == id)
			return s->slots[j].e;
	return NULL;
}

/* Takes over r's reference; replaces an entry with the same id. */
static void table_put(struct qa__snap *s, struct qa__entry *r)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct qa__snap old = *s;
		s->cap = s->cap ? s->cap * 2 : 64;
		s->slots = yk_xcalloc(s->cap, sizeof(*s->slots));
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].id)
				table_put(s, old.slots[i].e);
		free(old.slots);
	}
	size_t j = slot_of(s, r->id);
	for (; s->slots[j].id; j = (j + 1) & (s->cap - 1)) {
		if (s->slots[j].id == r->id) {
			entry_unref(s->slots[j].e);
			s->slots[j].e = r;
			return;
		}
	}
	s->slots[j].id = r->id;
	s->slots[j].e = r;
	s->n++;
}

/* Linear probing: the entries after the removed one move back into the
 * gap when their home slot allows (no tombstones). */
static void table_remove(struct qa__snap *s, int64_t id)
{
	if (!s->cap)
		return;
	size_t j = slot_of(s, id), mask = s->cap - 1;
	while (s->slots[j].id && s->slots[j].id != id)
		j = (j + 1) & mask;
	if (!s->slots[j].id)
		return;
	entry_unref(s->slots[j].e);
	s->slots[j].id = 0;
	s->slots[j].e = NULL;
	s->n--;
	for (size_t k = (j + 1) & mask; s->slots[k].id; k = (k + 1) & mask) {
		size_t home = slot_of(s, s->slots[k].id);
		/* k's entry may move to j unless its home lies cyclically in (j, k]. */
		if ((j < k) ? (home <= j || home > k) : (home <= j && home > k)) {
			s->slots[j] = s->slots[k];
			s->slots[k].id = 0;
			s->slots[k].e = NULL;
			j = k;
		}
	}
}

/* Tables of shown entries alive (each with its search snapshot): not part
 * of the contract, read by bench/mixed.sh through the debugger. */
static atomic_uint snaps_alive;

static struct qa__snap *snap_new(void)
{
	struct qa__snap *s = yk_xcalloc(1, sizeof(*s));
	atomic_init(&s->refs, 1);
	atomic_fetch_add_explicit(&snaps_alive, 1, memory_order_relaxed);
	return s;
}

/* A copy of cur's entry table (the entries shared, their refs taken). */
static struct qa__snap *snap_copy(const struct qa__snap *cur)
{
	struct qa__snap *s = snap_new();
	s->cap = cur->cap;
	s->n = cur->n;
	if (cur->cap) {
		s->slots = yk_xcalloc(cur->cap, sizeof(*s->slots));
		memcpy(s->slots, cur->slots, cur->cap * sizeof(*s->slots));
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i].e)
				atomic_fetch_add_explicit(&s->slots[i].e->refs, 1, memory_order_relaxed);
	}
	return s;
}

struct qa__snap *qa__snap_ref(struct qa__snap *s)
{
	if (s)
		atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
	return s;
}

void qa__snap_unref(struct qa__snap *s)
{
	if (!s || atomic_fetch_sub(&s->refs, 1) != 1)
		return;
	for (size_t i = 0; i < s->cap; i++)
		entry_unref(s->slots[i].e);
	free(s->slots);
	search_snapshot_unref(s->search);
	free(s);
	atomic_fetch_sub_explicit(&snaps_alive, 1, memory_order_relaxed);
}

void qa_set_json_encoder(struct qa *qa, qa_json_encoder enc)
{
	pthread_mutex_lock(&qa->build_mu);
	qa->json_enc = enc;
	pthread_mutex_unlock(&qa->build_mu);
}

/* ---- entries as search documents ---------------------------------------- */

/* One entry turned into a search document; the buffers hold what the
 * document points to beyond the entry's own strings. */
struct entry_doc {
	struct yk_buf title;   /* title + heading path of a passage */
	struct yk_buf learned; /* the entry's learned questions, one per line */
};

static void entry_doc_init(struct entry_doc *x)
{
	yk_buf_init(&x->title, KB_FIELD_MAX * 2);
	yk_buf_init(&x->learned, 0);
}

static void entry_doc_release(struct entry_doc *x)
{
	yk_buf_release(&x->title);
	yk_buf_release(&x->learned);
}

static int learned_questions(struct store *db, sqlite3_stmt *st, int64_t entry, struct yk_buf *out,
			     struct yk_errinfo *ei)
{
	yk_buf_reset(out);
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, entry);
	sqlite3_bind_int(st, 2, QA_LEARNED_MAX);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		if (yk_buf_add(out, "\n", out->len ? 1 : 0) || yk_buf_add(out, t ? t : "", t ? n : 0)) {
			sqlite3_reset(st);
			return YK_ELIMIT;
		}
	}
	sqlite3_reset(st);
	return s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

static int entry_to_doc(struct store *db, sqlite3_stmt *learned_st, const struct kb_entry *e,
			struct entry_doc *x, struct search_doc *d, struct yk_errinfo *ei)
{
	memset(d, 0, sizeof(*d));
	d->id = e->id;
	d->ext_id = e->external_id;
	d->ext_id_len = strlen(e->external_id);
	d->is_public = e->is_public;
	if (e->kind == KB_KIND_FAQ) {
		d->field[SEARCH_FIELD_QUESTION] = e->question;
		d->field_len[SEARCH_FIELD_QUESTION] = strlen(e->question);
		d->field[SEARCH_FIELD_ANSWER] = e->answer;
		d->field_len[SEARCH_FIELD_ANSWER] = strlen(e->answer);
	} else {
		yk_buf_reset(&x->title);
		if (yk_buf_adds(&x->title, e->title) ||
		    (e->heading_path[0] && (yk_buf_adds(&x->title, " ") ||
					    yk_buf_adds(&x->title, e->heading_path))))
			return YK_ELIMIT;
		d->field[SEARCH_FIELD_TITLE] = x->title.data;
		d->field_len[SEARCH_FIELD_TITLE] = x->title.len;
		d->field[SEARCH_FIELD_BODY] = e->body;
		d->field_len[SEARCH_FIELD_BODY] = strlen(e->body);
	}
	int rc = learned_questions(db, learned_st, e->id, &x->learned, ei);
	d->field[SEARCH_FIELD_ASKED] = x->learned.data;
	d->field_len[SEARCH_FIELD_ASKED] = x->learned.len;
	return rc;
}

/* ---- full build ----------------------------------------------------------- */

struct build_ctx {
	struct store *db;
	struct search_index *idx;
	struct text_tokenizer *tk;
	struct entry_doc x;
	sqlite3_stmt *learned_st;
	struct qa__snap *snap; /* the shown entries, filled as they are indexed */
	qa_json_encoder enc;
	struct yk_errinfo *ei;
};

static int build_add(void *vctx, const struct kb_entry *e)
{
	struct build_ctx *b = vctx;
	struct search_doc d;
	int rc = entry_to_doc(b->db, b->learned_st, e, &b->x, &d, b->ei);
	if (!rc)
		rc = search_index_add(b->idx, b->tk, &d, b->ei);
	if (!rc)
		table_put(b->snap, entry_new(e, b->enc));
	/* One bad entry (it passed kb's checks, so this is rare) must not keep
	 * every other entry out of the index: log it and go on. */
	if (rc && rc != YK_EIO && rc != YK_EDB) {
		yk_log(YK_LOG_WARN, "qa: entry %lld not indexed: %s", (long long)e->id,
		       b->ei ? b->ei->message : yk_err_code(rc));
		return 0;
	}
	return rc;
}

static int build_full(struct store *db, struct text_tokenizer *tk, qa_json_encoder enc,
		      struct qa__snap **out, struct yk_errinfo *ei)
{
	struct build_ctx b;
	memset(&b, 0, sizeof(b));
	b.snap = snap_new();
	b.enc = enc;
	b.db = db;
	b.tk = tk;
	b.ei = ei;
	b.idx = search_index_new(NULL);
	entry_doc_init(&b.x);
	struct yk_buf syn;
	yk_buf_init(&syn, 0);
	int rc;
	if ((rc = store_prepare(db, learned_sql, &b.learned_st, ei)) ||
	    (rc = qa__synonyms_tsv(db, &syn, ei)) ||
	    (rc = search_index_set_synonyms(b.idx, tk, syn.data ? syn.data : "", syn.len, ei)) ||
	    (rc = kb_entry_foreach(db, build_add, &b))) {
		search_index_free(b.idx);
		qa__snap_unref(b.snap);
	} else {
		search_index_trim(b.idx);
		b.snap->search = search_snapshot_new(b.idx);
		*out = b.snap;
	}
	sqlite3_finalize(b.learned_st);
	entry_doc_release(&b.x);
	yk_buf_release(&syn);
	return rc;
}

/* ---- delta ------------------------------------------------------------------- */

struct delta {
	int64_t *remove;
	size_t nremove;
	struct search_doc *add;
	struct kb_entry *entries; /* owned copies the documents point into */
	struct entry_doc *xs;
	size_t nadd;
	struct yk_buf syn;
	int syn_changed;
};

static void delta_release(struct delta *d)
{
	for (size_t i = 0; i < d->nadd; i++) {
		kb_entry_release(&d->entries[i]);
		entry_doc_release(&d->xs[i]);
	}
	free(d->remove);
	free(d->add);
	free(d->entries);
	free(d->xs);
	yk_buf_release(&d->syn);
}

/* Reads the changed entries' current state into d. */
static int delta_read(struct store *db, const int64_t *ids, size_t n, struct delta *d,
		      struct yk_errinfo *ei)
{
	memset(d, 0, sizeof(*d));
	yk_buf_init(&d->syn, 0);
	d->remove = yk_xcalloc(n + 1, sizeof(*d->remove));
	d->add = yk_xcalloc(n + 1, sizeof(*d->add));
	d->entries = yk_xcalloc(n + 1, sizeof(*d->entries));
	d->xs = yk_xcalloc(n + 1, sizeof(*d->xs));
	sqlite3_stmt *learned_st = NULL;
	int rc = store_prepare(db, learned_sql, &learned_st, ei);
	for (size_t i = 0; !rc && i < n; i++) {
		if (ids[i] == 0) {
			d->syn_changed = 1;
			rc = qa__synonyms_tsv(db, &d->syn, ei);
			continue;
		}
		struct kb_entry *e = &d->entries[d->nadd];
		int g = kb_entry_get(db, ids[i], e);
		if (g == YK_ENOTFOUND) {
			d->remove[d->nremove++] = ids[i];
			continue;
		}
		if (g) {
			rc = g;
			break;
		}
		if (e->hidden) {
			kb_entry_release(e);
			d->remove[d->nremove++] = ids[i];
			continue;
		}
		entry_doc_init(&d->xs[d->nadd]);
		d->nadd++; /* owned from here on, released by delta_release */
		rc = entry_to_doc(db, learned_st, e, &d->xs[d->nadd - 1], &d->add[d->nadd - 1], ei);
	}
	sqlite3_finalize(learned_st);
	return rc;
}

/* ---- publishing -------------------------------------------------------------- */

/* The current snapshot, pinned. Lock-free: the reader announces itself in
 * the counter of the current epoch (and checks the epoch did not move
 * meanwhile), takes its reference, and leaves. A writer that swapped the
 * pointer moves the epoch and waits until the old epoch's counter is zero
 * before dropping the old snapshot, so no reader can be between loading
 * the old pointer and taking its reference when it goes. */
static struct qa__snap *snap_get(struct qa *qa)
{
	for (;;) {
		uint_fast64_t e = atomic_load(&qa->epoch);
		atomic_fetch_add(&qa->active[e & 1], 1);
		if (atomic_load(&qa->epoch) != e) {
			atomic_fetch_sub(&qa->active[e & 1], 1);
			continue;
		}
		struct qa__snap *s = qa__snap_ref(atomic_load(&qa->snap));
		atomic_fetch_sub(&qa->active[e & 1], 1);
		return s;
	}
}

/* Called with build_mu held. */
static void publish(struct qa *qa, struct qa__snap *s, int64_t seq)
{
	struct qa__snap *old = atomic_exchange(&qa->snap, s);
	atomic_store(&qa->applied_seq, seq);
	uint_fast64_t e = atomic_fetch_add(&qa->epoch, 1);
	while (atomic_load(&qa->active[e & 1]) != 0)
		sched_yield();
	qa__snap_unref(old);
}

/* After a full build or a merge the heap holds the freed temporaries and
 * the old index in free chunks spread over the arenas: glibc returns only
 * the top of an arena to the system, so the resident set kept the build's
 * high-water mark (about 20 MiB over the in-use heap with LocalgovFAQ).
 * malloc_trim(3) gives the free pages back; it is rare (start, then every
 * merge) and costs a walk over the free lists. An old index a reader
 * still pins is freed after this; the next merge trims it. */
static void heap_trim(void)
{
	malloc_trim(0);
}

/* ---- the semantic model, learned again in the background ------------------------ */

/* A merge keeps the search snapshot's semantic model (search.h); once too
 * much of the collection changed since it was learned, a learner thread
 * learns it again from the current base, outside every request, and
 * publishes the same entries with the new model by the usual swap. If a
 * merge replaced the base meanwhile, it starts over from the new one;
 * otherwise it stops after one model (the next merge may start it again). */
static void *learner_main(void *arg)
{
	struct qa *qa = arg;
	for (;;) {
		/* Under build_mu, so that a merge published after this check
		 * finds learner_busy clear and starts a learner itself. */
		pthread_mutex_lock(&qa->build_mu);
		struct qa__snap *cur = atomic_load(&qa->snap);
		if (atomic_load(&qa->learner_stop) || !cur ||
		    !search_snapshot_semantic_stale(cur->search)) {
			atomic_store(&qa->learner_busy, 0);
			pthread_mutex_unlock(&qa->build_mu);
			return NULL;
		}
		qa__snap_ref(cur); /* snapshots are only replaced under build_mu */
		pthread_mutex_unlock(&qa->build_mu);
		int64_t t0 = yk_mono_us();
		struct search_semantic *m = search_semantic_learn(cur->search);
		qa__snap_unref(cur);
		int64_t t1 = yk_mono_us();
		pthread_mutex_lock(&qa->build_mu);
		struct qa__snap *now = atomic_load(&qa->snap);
		struct search_snapshot *next = NULL;
		int rc = YK_ECONFLICT;
		if (now && !atomic_load(&qa->learner_stop))
			rc = search_snapshot_with_semantic(now->search, m, &next);
		if (!rc) {
			struct qa__snap *ns = snap_copy(now);
			ns->search = next;
			publish(qa, ns, atomic_load(&qa->applied_seq));
			atomic_fetch_add(&qa->relearns, 1);
			/* Once: a base whose vocabulary is too small for a model
			 * stays "stale" and must not be learned in a loop. */
			atomic_store(&qa->learner_busy, 0);
		}
		pthread_mutex_unlock(&qa->build_mu);
		search_semantic_free(m);
		if (!rc) {
			heap_trim();
			yk_log(YK_LOG_INFO, "qa: semantic model learned again in %lld ms",
			       (long long)((t1 - t0) / 1000));
			return NULL;
		}
	}
}

/* Called with build_mu held, after publishing s. */
static void learner_maybe_start(struct qa *qa, const struct qa__snap *s)
{
	if (atomic_load(&qa->learner_stop) || !search_snapshot_semantic_stale(s->search))
		return;
	if (qa->learner_started) {
		if (atomic_load(&qa->learner_busy))
			return; /* it checks the newest snapshot before it stops */
		pthread_join(qa->learner, NULL);
		qa->learner_started = 0;
	}
	atomic_store(&qa->learner_busy, 1);
	if (pthread_create(&qa->learner, NULL, learner_main, qa) != 0) {
		/* The model stays as the merge left it; the next merge tries again. */
		atomic_store(&qa->learner_busy, 0);
		yk_log(YK_LOG_WARN, "qa: cannot start the semantic learner");
		return;
	}
	qa->learner_started = 1;
}

void qa__index_free(struct qa *qa)
{
	/* A learner in progress finishes its model first (seconds at most:
	 * learning is not interruptible); it publishes nothing after stop. */
	pthread_mutex_lock(&qa->build_mu);
	atomic_store(&qa->learner_stop, 1);
	int started = qa->learner_started;
	qa->learner_started = 0;
	pthread_mutex_unlock(&qa->build_mu);
	if (started)
		pthread_join(qa->learner, NULL);
	qa__snap_unref(atomic_exchange(&qa->snap, NULL));
	free(qa->db_path);
	qa->db_path = NULL;
}

/* ---- bringing the snapshot up to date ------------------------------------------- */

static int read_changes(struct store *db, int64_t after, int64_t upto, int64_t **ids, size_t *n,
			struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, changes_sql, &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, upto);
	size_t cap = 0;
	int s;
	*ids = NULL;
	*n = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*ids = yk_xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

static int rebuild(struct qa *qa, struct store *db, struct text_tokenizer *tk,
		   struct yk_errinfo *ei)
{
	int64_t t0 = yk_mono_us(), seq = 0;
	int rc = qa__synonyms_seed(db, ei);
	struct qa__snap *s = NULL;
	/* The change log position first: a change committed during the build
	 * is applied again by the next delta, which is harmless. */
	if (rc || (rc = read_int(db, seq_sql, &seq, ei)) || (rc = build_full(db, tk, qa->json_enc, &s, ei)))
		return rc;
	free(qa->db_path);
	qa->db_path = yk_xstrdup(store_path(db));
	atomic_store(&qa->db_key, 0); /* no fast path until the swap is done */
	publish(qa, s, seq);
	atomic_store(&qa->db_key, path_key(qa->db_path));
	atomic_fetch_add(&qa->rebuilds, 1);
	int64_t t1 = yk_mono_us();
	heap_trim();
	struct search_snapshot_stats st;
	search_snapshot_stats(s->search, &st);
	yk_log(YK_LOG_INFO, "qa: index built: %zu entries in %lld ms, heap trimmed in %lld us (change %lld)",
	       st.docs, (long long)((t1 - t0) / 1000), (long long)(yk_mono_us() - t1), (long long)seq);
	return 0;
}

/* Applies the changes after applied up to seq. Called with build_mu held. */
static int apply_changes(struct qa *qa, struct store *db, struct text_tokenizer *tk,
			 int64_t applied, int64_t seq, struct yk_errinfo *ei)
{
	int64_t oldest = 0;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = read_int(db, min_seq_sql, &oldest, ei);
	if (!rc && oldest > applied + 1) /* pruned past what we hold */
		return rebuild(qa, db, tk, ei);
	if (!rc)
		rc = read_changes(db, applied, seq, &ids, &n, ei);
	struct qa__snap *cur = atomic_load(&qa->snap);
	struct search_snapshot_stats st;
	search_snapshot_stats(cur->search, &st);
	if (!rc && n > QA_DELTA_MAX && n > st.docs / 2) {
		free(ids);
		return rebuild(qa, db, tk, ei);
	}
	struct delta d;
	if (!rc)
		rc = delta_read(db, ids, n, &d, ei);
	else
		memset(&d, 0, sizeof(d));
	free(ids);
	struct search_snapshot *next = NULL;
	if (!rc) {
		struct search_delta sd = {d.remove, d.nremove, d.add, d.nadd,
					  d.syn_changed ? (d.syn.data ? d.syn.data : "") : NULL,
					  d.syn.len};
		rc = search_snapshot_apply(cur->search, tk, &sd, &next, ei);
	}
	struct qa__snap *ns = NULL;
	if (!rc) {
		/* The shown entries follow the same delta. */
		ns = snap_copy(cur);
		ns->search = next;
		for (size_t i = 0; i < d.nremove; i++)
			table_remove(ns, d.remove[i]);
		for (size_t i = 0; i < d.nadd; i++)
			table_put(ns, entry_new(&d.entries[i], qa->json_enc));
	}
	delta_release(&d);
	if (rc)
		return rc;
	struct search_snapshot_stats nst;
	search_snapshot_stats(ns->search, &nst);
	publish(qa, ns, seq);
	atomic_fetch_add(&qa->deltas, 1);
	if (nst.merges != st.merges) {
		heap_trim();
		learner_maybe_start(qa, ns);
	}
	return 0;
}

/* The newest change and the settings generation (current_sql). */
static int read_current(struct store *db, int64_t *seq, int64_t *settings_gen,
			struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, current_sql, &st, ei);
	if (rc)
		return rc;
	int s = store_row(db, st, ei);
	if (s <= 0) /* the statement always has a row */
		return s ? s : yk_errinfo_set(ei, YK_EIO, "データベースから行が返りませんでした");
	*seq = sqlite3_column_int64(st, 0);
	*settings_gen = sqlite3_column_int64(st, 1);
	store_reset(st);
	return 0;
}

int qa__index_current(struct qa *qa, struct store *db, struct text_tokenizer *tk,
		      int64_t *settings_gen, struct qa__snap **out, struct yk_errinfo *ei)
{
	*out = NULL;
	int64_t seq = 0, sgen = 0;
	int rc = read_current(db, &seq, &sgen, ei);
	if (rc)
		return rc;
	store_settings_seen(db, sgen);
	if (settings_gen)
		*settings_gen = sqlite3_get_autocommit(store_handle(db)) ? sgen : 0;
	/* Fast path: nothing changed since the snapshot (one read above). */
	if (atomic_load(&qa->applied_seq) >= seq) {
		/* The same database? (Tests and tools may use one qa on several.) */
		struct qa__snap *s = snap_get(qa);
		if (s && atomic_load(&qa->db_key) == path_key(store_path(db))) {
			*out = s;
			return 0;
		}
		qa__snap_unref(s);
	}
	pthread_mutex_lock(&qa->build_mu);
	int64_t applied = atomic_load(&qa->applied_seq);
	int same_db = qa->db_path && strcmp(qa->db_path, store_path(db)) == 0;
	/* seq < applied: another thread applied changes newer than our read
	 * saw; the snapshot is fresh enough for this question. */
	if (!atomic_load(&qa->snap) || !same_db)
		rc = rebuild(qa, db, tk, ei);
	else if (seq > applied)
		rc = apply_changes(qa, db, tk, applied, seq, ei);
	if (!rc)
		*out = snap_get(qa);
	pthread_mutex_unlock(&qa->build_mu);
	return rc;
}

void qa_index_stats(struct qa *qa, struct qa_index_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->rebuilds = atomic_load(&qa->rebuilds);
	out->deltas = atomic_load(&qa->deltas);
	out->relearns = atomic_load(&qa->relearns);
	out->learning = atomic_load(&qa->learner_busy);
	struct qa__snap *s = snap_get(qa);
	if (s) {
		struct search_snapshot_stats st;
		search_snapshot_stats(s->search, &st);
		out->merges = st.merges;
		out->docs = st.docs;
		qa__snap_unref(s);
	}
}

int qa_index_refresh(struct qa *qa, struct store *db, struct yk_errinfo *ei)
{
	struct text_tokenizer *tk = NULL;
	int rc = qa__tk_get(qa, &tk, ei);
	if (rc)
		return rc;
	struct qa__snap *s = NULL;
	rc = qa__index_current(qa, db, tk, NULL, &s, ei);
	qa__tk_put(qa, tk);
	qa__snap_unref(s);
	return rc;
}
