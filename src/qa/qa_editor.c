/* qa: the editors' side — unanswered questions grouped by similarity,
 * turning them into FAQ entries, and the synonym table. */
#include <string.h>

#include "auth/auth.h"
#include "kb/kb.h"
#include "qa/qa_int.h"
#include "search/search.h"
#include "text/text.h"
#include "core/banned.h"

#define GROUP_MIN_SIMILARITY 0.5 /* Jaccard of content terms to join a group */
#define GROUP_EXAMPLES 3
#define TERMS_MAX 48             /* content terms kept per question */

/* ---- grouping ------------------------------------------------------------- */

/* Why a question is open work. */
enum oq_reason { OQ_UNANSWERED, OQ_SUGGESTED, OQ_DOWNVOTED, OQ_NREASONS };
static const char *const reason_names[OQ_NREASONS] = {"unanswered", "suggested", "downvoted"};
static const char *const channel_names[] = {"staff", "public", "cli"};
#define OQ_NCHANNELS 3

struct oq { /* one open question */
	int64_t id, at;
	char *text;
	enum oq_reason reason;
	int channel;               /* index into channel_names */
	int64_t shown[QA_SOURCES_MAX]; /* entries it was shown (migration 0019) */
	size_t nshown;
	uint64_t terms[TERMS_MAX]; /* sorted hashes of content terms */
	size_t nterms;
	long group;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Content terms: lemmas and compounds that are not request phrasing, and
 * bigrams (katakana, alphanumerics, unknown words). */
static void question_terms(struct text_tokenizer *tk, struct oq *q, struct text_tokens *toks)
{
	struct text_norm norm;
	memset(&norm, 0, sizeof(norm));
	q->nterms = 0;
	if (text_normalize(q->text, strlen(q->text), &norm, NULL) != 0)
		return;
	if (text_tokenize(tk, norm.text, norm.len, toks, NULL) == 0) {
		for (size_t i = 0; i < toks->n && q->nterms < TERMS_MAX; i++) {
			const struct text_token *t = &toks->v[i];
			if ((t->flags & TEXT_TOKEN_STOP) || t->kind == TEXT_TOKEN_SURFACE)
				continue;
			q->terms[q->nterms++] = hash_bytes(t->term, t->term_len);
		}
	}
	text_norm_release(&norm);
	qsort(q->terms, q->nterms, sizeof(q->terms[0]), cmp_u64);
	size_t w = 0; /* dedupe */
	for (size_t i = 0; i < q->nterms; i++)
		if (w == 0 || q->terms[w - 1] != q->terms[i])
			q->terms[w++] = q->terms[i];
	q->nterms = w;
}

static double jaccard(const struct oq *a, const struct oq *b)
{
	size_t i = 0, j = 0, inter = 0;
	while (i < a->nterms && j < b->nterms) {
		if (a->terms[i] == b->terms[j]) {
			inter++;
			i++;
			j++;
		} else if (a->terms[i] < b->terms[j]) {
			i++;
		} else {
			j++;
		}
	}
	size_t uni = a->nterms + b->nterms - inter;
	return uni ? (double)inter / (double)uni : 0.0;
}

struct group {
	size_t rep;   /* index of the representative (newest) question */
	size_t count;
	size_t reasons[OQ_NREASONS], channels[OQ_NCHANNELS];
	int64_t shown[QA_SOURCES_MAX]; /* union of what its questions were shown */
	size_t nshown;
	json_t *ids, *examples;
};

/* Parses "12,7,30" (at most QA_SOURCES_MAX ids; anything else is skipped). */
static void shown_parse(const char *s, struct oq *q)
{
	q->nshown = 0;
	while (s && *s && q->nshown < QA_SOURCES_MAX) {
		const char *e = strchr(s, ',');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		int64_t id;
		if (yk_parse_i64(s, n, 1, INT64_MAX, &id) == 0)
			q->shown[q->nshown++] = id;
		s = e ? e + 1 : NULL;
	}
}

static void group_add_shown(struct group *g, const struct oq *q)
{
	for (size_t i = 0; i < q->nshown && g->nshown < QA_SOURCES_MAX; i++) {
		size_t k = 0;
		while (k < g->nshown && g->shown[k] != q->shown[i])
			k++;
		if (k == g->nshown)
			g->shown[g->nshown++] = q->shown[i];
	}
}

struct shown_titles {
	json_t *arr;
	const int64_t *order;
	size_t n;
	json_t *by_pos[QA_SOURCES_MAX];
};

static int shown_title(void *ctx, const struct kb_entry *e)
{
	struct shown_titles *t = ctx;
	for (size_t i = 0; i < t->n; i++)
		if (t->order[i] == e->id && !t->by_pos[i])
			t->by_pos[i] = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)e->id, "kind",
						 e->kind == KB_KIND_FAQ ? "faq" : "passage", "title",
						 e->kind == KB_KIND_FAQ ? e->question : e->title);
	return 0;
}

/* What a group's questions were shown, with the entries' titles, in the
 * order first shown; entries deleted since are left out. */
static int shown_json(struct store *db, const struct group *g, json_t **out,
		      struct yk_errinfo *ei)
{
	struct shown_titles t;
	memset(&t, 0, sizeof(t));
	t.order = g->shown;
	t.n = g->nshown;
	int rc = g->nshown ? kb_entry_get_many(db, g->shown, g->nshown, shown_title, &t) : 0;
	json_t *arr = json_array();
	for (size_t i = 0; i < g->nshown; i++)
		if (t.by_pos[i])
			json_array_append_new(arr, t.by_pos[i]);
	if (rc) {
		json_decref(arr);
		return yk_errinfo_set(ei, rc, "表示した項目を読めませんでした");
	}
	*out = arr;
	return 0;
}

static json_t *counts_json(const size_t *counts, const char *const *names, size_t n)
{
	json_t *o = json_object();
	for (size_t i = 0; i < n; i++)
		if (counts[i])
			json_object_set_new(o, names[i], json_integer((json_int_t)counts[i]));
	return o;
}

/* The group's reason: the one all its questions share, else the first
 * present of unanswered, suggested, downvoted. */
static const char *group_reason(const struct group *g)
{
	for (size_t r = 0; r < OQ_NREASONS; r++)
		if (g->reasons[r] == g->count)
			return reason_names[r];
	for (size_t r = 0; r < OQ_NREASONS; r++)
		if (g->reasons[r])
			return reason_names[r];
	return reason_names[OQ_UNANSWERED];
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->rep < y->rep ? -1 : x->rep > y->rep; /* newer first (scan order) */
}

int qa_unanswered(struct qa *qa, struct store *db, int64_t limit, json_t **out,
		  struct yk_errinfo *ei)
{
	qa_flush(qa); /* questions still queued are open work too */
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(
		db,
		"SELECT q.id, q.at, q.question, q.decision, coalesce(f.vote, 0), q.channel,"
		" q.shown_entry_ids FROM qa_questions q"
		" LEFT JOIN qa_feedback f ON f.question_id = q.id"
		" WHERE " QA_OPEN_QUESTION_SQL " ORDER BY q.id DESC LIMIT ?",
		&st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, QA_UNANSWERED_SCAN);
	struct oq *qs = NULL;
	size_t n = 0, cap = 0;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			qs = yk_xrealloc(qs, cap * sizeof(*qs));
		}
		struct oq *q = &qs[n++];
		memset(q, 0, sizeof(*q));
		q->id = sqlite3_column_int64(st, 0);
		q->at = sqlite3_column_int64(st, 1);
		const char *t = (const char *)sqlite3_column_text(st, 2);
		q->text = yk_xstrdup(t ? t : "");
		const char *dec = (const char *)sqlite3_column_text(st, 3);
		int vote = sqlite3_column_int(st, 4);
		q->reason = vote == -1		       ? OQ_DOWNVOTED
			    : dec && !strcmp(dec, "clarify") ? OQ_SUGGESTED
							     : OQ_UNANSWERED;
		const char *ch = (const char *)sqlite3_column_text(st, 5);
		q->channel = 0;
		for (int c = 0; c < OQ_NCHANNELS; c++)
			if (ch && !strcmp(ch, channel_names[c]))
				q->channel = c;
		shown_parse((const char *)sqlite3_column_text(st, 6), q);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		rc = store_err(db, s, ei);
		goto out;
	}
	struct text_tokenizer *tk = NULL;
	if ((rc = qa__tk_get(qa, &tk, ei)))
		goto out;
	struct text_tokens toks;
	memset(&toks, 0, sizeof(toks));
	for (size_t i = 0; i < n; i++)
		question_terms(tk, &qs[i], &toks);
	text_tokens_release(&toks);
	qa__tk_put(qa, tk);

	/* Greedy single pass, newest first: join the first group whose
	 * representative is similar enough, or start a new one. Identical
	 * texts always join. */
	struct group *g = NULL;
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		for (; k < ng; k++) {
			const struct oq *r = &qs[g[k].rep];
			if (strcmp(r->text, qs[i].text) == 0 ||
			    (qs[i].nterms && jaccard(r, &qs[i]) >= GROUP_MIN_SIMILARITY))
				break;
		}
		if (k == ng) {
			g = yk_xrealloc(g, (ng + 1) * sizeof(*g));
			memset(&g[ng], 0, sizeof(g[ng]));
			g[ng].rep = i;
			g[ng].ids = json_array();
			g[ng].examples = json_array();
			ng++;
		}
		g[k].count++;
		g[k].reasons[qs[i].reason]++;
		g[k].channels[qs[i].channel]++;
		group_add_shown(&g[k], &qs[i]);
		json_array_append_new(g[k].ids, json_integer(qs[i].id));
		if (json_array_size(g[k].examples) < GROUP_EXAMPLES &&
		    strcmp(qs[i].text, qs[g[k].rep].text) != 0)
			json_array_append_new(g[k].examples, json_string(qs[i].text));
	}
	if (ng > 1)
		qsort(g, ng, sizeof(*g), cmp_group);
	json_t *arr = json_array();
	for (size_t k = 0; k < ng; k++) {
		json_t *shown = NULL;
		if ((int64_t)k < limit && !rc && !(rc = shown_json(db, &g[k], &shown, ei))) {
			const struct oq *r = &qs[g[k].rep];
			char when[32];
			yk_time_iso(r->at, when, sizeof(when));
			json_array_append_new(
				arr,
				json_pack("{s:I, s:s, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
					  (json_int_t)r->id, "question", r->text, "count",
					  (json_int_t)g[k].count, "last_at", when, "reason",
					  group_reason(&g[k]), "reasons",
					  counts_json(g[k].reasons, reason_names, OQ_NREASONS),
					  "channels",
					  counts_json(g[k].channels, channel_names, OQ_NCHANNELS),
					  "shown", shown, "question_ids", g[k].ids, "examples",
					  g[k].examples));
		} else {
			json_decref(g[k].ids);
			json_decref(g[k].examples);
		}
	}
	free(g);
	if (rc) {
		json_decref(arr);
		goto out;
	}
	*out = json_pack("{s:o, s:I}", "groups", arr, "open_questions", (json_int_t)n);
out:
	for (size_t i = 0; i < n; i++)
		free(qs[i].text);
	free(qs);
	return rc;
}

static int mark_questions(struct store *db, const int64_t *ids, size_t n, int64_t entry_id,
			  struct yk_errinfo *ei)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = NULL;
		int rc = store_prepare(db,
				       entry_id ? "UPDATE qa_questions SET resolved_entry_id = ? WHERE id = ?"
						: "UPDATE qa_questions SET dismissed = 1 WHERE id = ?2 AND ?1 = 0",
				       &st, ei);
		if (rc)
			return rc;
		sqlite3_bind_int64(st, 1, entry_id);
		sqlite3_bind_int64(st, 2, ids[i]);
		int s = sqlite3_step(st);
		sqlite3_finalize(st);
		if (s != SQLITE_DONE)
			return store_err(db, s, ei);
	}
	return 0;
}

static json_t *ids_json(const int64_t *ids, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_integer(ids[i]));
	return a;
}

static int mark_tx(struct store *db, const struct audit_actor *actor, const int64_t *ids, size_t n,
		   int64_t entry_id, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	json_t *detail = json_pack("{s:o, s:I}", "questions", ids_json(ids, n), "entry_id",
				   (json_int_t)entry_id);
	char *text = json_dumps(detail, JSON_COMPACT);
	json_decref(detail);
	if ((rc = mark_questions(db, ids, n, entry_id, ei)) ||
	    (rc = audit_record(db, actor, entry_id ? "qa.resolve" : "qa.dismiss", NULL, text, NULL)) ||
	    (rc = store_commit(db, ei)))
		store_rollback(db);
	free(text);
	return rc;
}

int qa_resolve(struct store *db, const struct audit_actor *actor, const int64_t *question_ids,
	       size_t n, const char *question, const char *answer, const char *category,
	       int is_public, int64_t *entry_id, struct yk_errinfo *ei)
{
	struct kb_entry_spec spec;
	memset(&spec, 0, sizeof(spec));
	spec.kind = KB_KIND_FAQ;
	spec.question = question;
	spec.answer = answer;
	spec.category = category;
	spec.is_public = is_public;
	int rc = kb_entry_create(db, actor, &spec, entry_id, ei);
	if (rc)
		return rc;
	return mark_tx(db, actor, question_ids, n, *entry_id, ei);
}

int qa_dismiss(struct store *db, const struct audit_actor *actor, const int64_t *question_ids,
	       size_t n, struct yk_errinfo *ei)
{
	return mark_tx(db, actor, question_ids, n, 0, ei);
}

/* ---- synonyms --------------------------------------------------------- */

static int insert_group(struct store *db, const char *variants, size_t len, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "INSERT INTO qa_synonyms(variants, updated_at) VALUES (?, ?)", &st,
			       ei);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, variants, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, yk_now_unix());
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

int qa__synonyms_seed(struct store *db, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT synonyms_seeded FROM qa_state WHERE id = 1", &st, ei);
	if (rc)
		return rc;
	int seeded = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
	sqlite3_finalize(st);
	if (seeded)
		return 0;
	size_t len;
	const char *seed = search_synonyms_seed(&len);
	if ((rc = store_begin(db, ei)))
		return rc;
	/* Another connection may have seeded between our read and BEGIN. */
	if ((rc = store_prepare(db, "UPDATE qa_state SET synonyms_seeded = 1 WHERE id = 1"
				    " AND synonyms_seeded = 0",
				&st, ei)))
		goto fail;
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		rc = store_err(db, s, ei);
		goto fail;
	}
	if (sqlite3_changes(store_handle(db)) == 0) {
		store_rollback(db);
		return 0;
	}
	for (size_t i = 0; seed && i < len;) {
		const char *nl = memchr(seed + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - seed) : len;
		size_t a = i, b = end;
		if (b > a && seed[b - 1] == '\r')
			b--;
		if (b > a && seed[a] != '#' && memchr(seed + a, '\t', b - a) &&
		    (rc = insert_group(db, seed + a, b - a, ei)))
			goto fail;
		i = end + 1;
	}
	if ((rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

int qa__synonyms_tsv(struct store *db, struct yk_buf *out, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT variants FROM qa_synonyms ORDER BY id", &st, ei);
	if (rc)
		return rc;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		if (v && (yk_buf_adds(out, v) || yk_buf_addc(out, '\n'))) {
			rc = YK_ELIMIT;
			break;
		}
	}
	sqlite3_finalize(st);
	if (!rc && s != SQLITE_DONE)
		rc = store_err(db, s, ei);
	return rc;
}

int qa_synonyms_get(struct store *db, json_t **out, struct yk_errinfo *ei)
{
	int rc = qa__synonyms_seed(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db, "SELECT variants FROM qa_synonyms ORDER BY id", &st, ei)))
		return rc;
	json_t *groups = json_array();
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		json_t *g = json_array();
		for (const char *p = v ? v : ""; *p;) {
			const char *tab = strchr(p, '\t');
			size_t n = tab ? (size_t)(tab - p) : strlen(p);
			if (n)
				json_array_append_new(g, json_stringn(p, n));
			p += n + (tab ? 1 : 0);
		}
		json_array_append_new(groups, g);
	}
	sqlite3_finalize(st);
	*out = json_pack("{s:o}", "groups", groups);
	return 0;
}

int qa_synonyms_put(struct store *db, const struct audit_actor *actor, json_t *groups,
		    struct yk_errinfo *ei)
{
	yk_errinfo_at(ei, NULL, 0, "groups");
	if (!json_is_array(groups))
		return yk_errinfo_set(ei, YK_EINVAL, "groups は配列で指定してください");
	if (json_array_size(groups) > SEARCH_MAX_SYNONYM_GROUPS)
		return yk_errinfo_set(ei, YK_EINVAL, "同義語のグループが多すぎます（%u まで）",
				      SEARCH_MAX_SYNONYM_GROUPS);
	size_t i;
	json_t *g;
	json_array_foreach(groups, i, g) {
		size_t n = json_array_size(g);
		if (!json_is_array(g) || n < 2 || n > SEARCH_MAX_SYNONYM_VARIANTS)
			return yk_errinfo_set(ei, YK_EINVAL,
					      "%zu 番目のグループ: 2〜%u 個の語を並べてください", i + 1,
					      SEARCH_MAX_SYNONYM_VARIANTS);
		size_t k;
		json_t *v;
		json_array_foreach(g, k, v) {
			const char *s = json_string_value(v);
			size_t len = s ? json_string_length(v) : 0;
			if (!s || len == 0 || len > SEARCH_MAX_SYNONYM_BYTES ||
			    strpbrk(s, "\t\r\n") || memchr(s, '\0', len) || !yk_utf8_valid(s, len, NULL))
				return yk_errinfo_set(ei, YK_EINVAL,
						      "%zu 番目のグループの %zu 番目の語が正しくありません"
						      "（1〜%u バイト、タブや改行は使えません）",
						      i + 1, k + 1, SEARCH_MAX_SYNONYM_BYTES);
		}
	}
	yk_errinfo_at(ei, NULL, 0, "");
	int rc = qa__synonyms_seed(db, ei); /* so that a later read does not re-seed */
	if (rc || (rc = store_begin(db, ei)))
		return rc;
	if ((rc = store_exec(db, "DELETE FROM qa_synonyms", ei)))
		goto fail;
	struct yk_buf line;
	yk_buf_init(&line, 0);
	json_array_foreach(groups, i, g) {
		yk_buf_reset(&line);
		size_t k;
		json_t *v;
		json_array_foreach(g, k, v) {
			if ((k && yk_buf_addc(&line, '\t')) || yk_buf_adds(&line, json_string_value(v)))
				abort(); /* no limit: unreachable */
		}
		if ((rc = insert_group(db, line.data, line.len, ei))) {
			yk_buf_release(&line);
			goto fail;
		}
	}
	yk_buf_release(&line);
	json_t *detail = json_pack("{s:I}", "groups", (json_int_t)json_array_size(groups));
	char *text = json_dumps(detail, JSON_COMPACT);
	json_decref(detail);
	rc = audit_record(db, actor, "kb.synonyms.update", NULL, text, NULL);
	free(text);
	if (rc || (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}
