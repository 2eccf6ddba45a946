/* qa: the shared index, asking, and the question log. */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "auth/auth.h"
#include "kb/kb.h"
#include "pii/pii.h"
#include "qa/qa_int.h"
#include "search/search.h"
#include "text/text.h"
#include "usage/usage.h"
#include "core/banned.h"

#define QA_RANK_K 12 /* hits ranked per question: sources + related */

/* ---- lifecycle ------------------------------------------------------------ */

int qa_new(const char *dicdir, struct qa **out, struct yk_errinfo *ei)
{
	struct qa *qa = yk_xcalloc(1, sizeof(*qa));
	int rc = text_model_new(dicdir, &qa->model, ei);
	if (rc) {
		free(qa);
		return rc;
	}
	pthread_mutex_init(&qa->tk_mu, NULL);
	pthread_mutex_init(&qa->build_mu, NULL);
	pthread_mutex_init(&qa->rate_mu, NULL);
	pthread_mutex_init(&qa->pii_mu, NULL);
	pthread_rwlock_init(&qa->idx_lock, NULL);
	qa->generation = -1;
	qa->learned = -1;
	*out = qa;
	return 0;
}

void qa_free(struct qa *qa)
{
	if (!qa)
		return;
	search_index_free(qa->idx);
	for (size_t i = 0; i < qa->tk_n; i++)
		text_tokenizer_free(qa->tk_free[i]);
	free(qa->tk_free);
	for (size_t i = 0; i < qa->sc_n; i++)
		pii_scanner_free(qa->sc_free[i]);
	free(qa->sc_free);
	pii_detector_free(qa->pii);
	pthread_mutex_destroy(&qa->pii_mu);
	text_model_free(qa->model);
	pthread_mutex_destroy(&qa->tk_mu);
	pthread_mutex_destroy(&qa->build_mu);
	pthread_mutex_destroy(&qa->rate_mu);
	pthread_rwlock_destroy(&qa->idx_lock);
	free(qa);
}

int qa__tk_get(struct qa *qa, struct text_tokenizer **tk, struct yk_errinfo *ei)
{
	pthread_mutex_lock(&qa->tk_mu);
	*tk = qa->tk_n ? qa->tk_free[--qa->tk_n] : NULL;
	pthread_mutex_unlock(&qa->tk_mu);
	return *tk ? 0 : text_tokenizer_new(qa->model, tk, ei);
}

void qa__tk_put(struct qa *qa, struct text_tokenizer *tk)
{
	if (!tk)
		return;
	pthread_mutex_lock(&qa->tk_mu);
	if (qa->tk_n == qa->tk_cap) {
		qa->tk_cap = qa->tk_cap ? qa->tk_cap * 2 : 8;
		qa->tk_free = yk_xrealloc(qa->tk_free, qa->tk_cap * sizeof(*qa->tk_free));
	}
	qa->tk_free[qa->tk_n++] = tk;
	pthread_mutex_unlock(&qa->tk_mu);
}

/* Masks personal information in a question before it is logged (the log
 * serves editors, who need the gist, not the caller's phone number). On any
 * failure the question is not kept verbatim either. */
static void mask_for_log(struct qa *qa, const char *q, size_t len, struct yk_buf *out)
{
	struct pii_scanner *sc = NULL;
	int rc = 0;
	pthread_mutex_lock(&qa->pii_mu);
	if (!qa->pii) {
		struct pii_config cfg;
		memset(&cfg, 0, sizeof(cfg));
		rc = pii_detector_new(&cfg, &qa->pii, NULL);
	}
	if (!rc && qa->sc_n)
		sc = qa->sc_free[--qa->sc_n];
	pthread_mutex_unlock(&qa->pii_mu);
	if (!rc && !sc)
		rc = pii_scanner_new(qa->pii, &sc, NULL);
	struct pii_mapping *m = pii_mapping_new();
	yk_buf_reset(out);
	if (rc || pii_mask(sc, m, PII_POLICY_MASK, q, len, out, NULL) != 0 || out->len == 0) {
		yk_buf_reset(out);
		if (yk_buf_adds(out, "〔記録できない質問〕"))
			abort(); /* no limit set: unreachable */
	}
	pii_mapping_free(m);
	if (sc) {
		pthread_mutex_lock(&qa->pii_mu);
		if (qa->sc_n == qa->sc_cap) {
			qa->sc_cap = qa->sc_cap ? qa->sc_cap * 2 : 8;
			qa->sc_free = yk_xrealloc(qa->sc_free, qa->sc_cap * sizeof(*qa->sc_free));
		}
		qa->sc_free[qa->sc_n++] = sc;
		pthread_mutex_unlock(&qa->pii_mu);
	}
}

/* ---- the index ---------------------------------------------------------- */

struct build_ctx {
	struct store *db;
	struct search_index *idx;
	struct text_tokenizer *tk;
	struct yk_buf title;   /* title + heading path of a passage */
	struct yk_buf learned; /* the entry's learned questions, one per line */
	sqlite3_stmt *learned_st;
	struct yk_errinfo *ei;
};

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

static int learned_questions(struct build_ctx *b, int64_t entry)
{
	yk_buf_reset(&b->learned);
	sqlite3_stmt *st = b->learned_st;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, entry);
	sqlite3_bind_int(st, 2, QA_LEARNED_MAX);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		if (yk_buf_add(&b->learned, "\n", b->learned.len ? 1 : 0) ||
		    yk_buf_add(&b->learned, t ? t : "", t ? n : 0))
			return YK_ELIMIT;
	}
	sqlite3_reset(st);
	return s == SQLITE_DONE ? 0 : store_err(b->db, s, b->ei);
}

static int build_ctx_init(struct build_ctx *b, struct store *db, struct search_index *idx,
			  struct text_tokenizer *tk, struct yk_errinfo *ei)
{
	memset(b, 0, sizeof(*b));
	b->db = db;
	b->idx = idx;
	b->tk = tk;
	b->ei = ei;
	yk_buf_init(&b->title, KB_FIELD_MAX * 2);
	yk_buf_init(&b->learned, 0);
	return store_prepare(db, learned_sql, &b->learned_st, ei);
}

static void build_ctx_release(struct build_ctx *b)
{
	sqlite3_finalize(b->learned_st);
	yk_buf_release(&b->title);
	yk_buf_release(&b->learned);
}

static int add_entry(void *vctx, const struct kb_entry *e)
{
	struct build_ctx *b = vctx;
	struct search_doc d;
	memset(&d, 0, sizeof(d));
	d.id = e->id;
	d.ext_id = e->external_id;
	d.ext_id_len = strlen(e->external_id);
	d.is_public = e->is_public;
	if (e->kind == KB_KIND_FAQ) {
		d.field[SEARCH_FIELD_QUESTION] = e->question;
		d.field_len[SEARCH_FIELD_QUESTION] = strlen(e->question);
		d.field[SEARCH_FIELD_ANSWER] = e->answer;
		d.field_len[SEARCH_FIELD_ANSWER] = strlen(e->answer);
	} else {
		yk_buf_reset(&b->title);
		if (yk_buf_adds(&b->title, e->title) ||
		    (e->heading_path[0] && (yk_buf_adds(&b->title, " ") ||
					    yk_buf_adds(&b->title, e->heading_path))))
			return YK_ELIMIT;
		d.field[SEARCH_FIELD_TITLE] = b->title.data;
		d.field_len[SEARCH_FIELD_TITLE] = b->title.len;
		d.field[SEARCH_FIELD_BODY] = e->body;
		d.field_len[SEARCH_FIELD_BODY] = strlen(e->body);
	}
	int rc = learned_questions(b, e->id);
	if (rc)
		return rc;
	d.field[SEARCH_FIELD_ASKED] = b->learned.data;
	d.field_len[SEARCH_FIELD_ASKED] = b->learned.len;
	rc = search_index_add(b->idx, b->tk, &d, b->ei);
	/* One bad entry (it passed kb's checks, so this is rare) must not keep
	 * every other entry out of the index: log it and go on. */
	if (rc && rc != YK_EIO) {
		yk_log(YK_LOG_WARN, "qa: entry %lld not indexed: %s", (long long)e->id,
		       b->ei ? b->ei->message : yk_err_code(rc));
		return 0;
	}
	return rc;
}

static int learned_gen(struct store *db, int64_t *out, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT learned_gen FROM qa_state WHERE id = 1", &st, ei);
	if (rc)
		return rc;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = store_err(db, s, ei);
	sqlite3_finalize(st);
	return rc;
}

/* Re-indexes, in the live index, the entries whose votes changed what they
 * learned since the index last learned; hidden and deleted entries are not
 * in the index and stay out. Called with build_mu held, so qa->idx is not
 * swapped meanwhile; readers go on (the index has its own lock). */
static int relearn(struct qa *qa, struct store *db, struct text_tokenizer *tk, int64_t learned,
		   struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT DISTINCT entry_id FROM qa_feedback"
			       " WHERE learned_seq > ?1 AND entry_id IS NOT NULL",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, qa->learned);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = yk_xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (s != SQLITE_DONE)
		rc = store_err(db, s, ei);
	sqlite3_finalize(st);
	struct build_ctx b;
	if (!rc)
		rc = build_ctx_init(&b, db, qa->idx, tk, ei);
	else
		memset(&b, 0, sizeof(b));
	for (size_t i = 0; !rc && i < n; i++) {
		struct kb_entry e;
		int g = kb_entry_get(db, ids[i], &e);
		if (g == YK_ENOTFOUND)
			continue;
		if (g) {
			rc = g;
			break;
		}
		if (!e.hidden)
			rc = add_entry(&b, &e);
		kb_entry_release(&e);
	}
	build_ctx_release(&b);
	free(ids);
	if (!rc) {
		pthread_rwlock_wrlock(&qa->idx_lock);
		qa->learned = learned;
		pthread_rwlock_unlock(&qa->idx_lock);
		yk_log(YK_LOG_INFO, "qa: %zu entries learned from feedback (learned %lld)", n,
		       (long long)learned);
	}
	return rc;
}

/* Builds a fresh index from the database when it is stale (the knowledge
 * base changed), or re-indexes the entries that learned from votes;
 * readers keep using the current index meanwhile. */
int qa__index_ensure(struct qa *qa, struct store *db, struct text_tokenizer *tk,
		     struct yk_errinfo *ei)
{
	int rc = qa__synonyms_seed(db, ei);
	if (rc)
		return rc;
	int64_t gen = 0, learned = 0;
	if ((rc = kb_generation(db, &gen)) || (rc = learned_gen(db, &learned, ei)))
		return rc;
	pthread_rwlock_rdlock(&qa->idx_lock);
	int fresh = qa->idx && qa->generation == gen && qa->learned == learned;
	pthread_rwlock_unlock(&qa->idx_lock);
	if (fresh)
		return 0;
	pthread_mutex_lock(&qa->build_mu);
	pthread_rwlock_rdlock(&qa->idx_lock);
	fresh = qa->idx && qa->generation == gen && qa->learned == learned;
	int same_kb = qa->idx && qa->generation == gen;
	pthread_rwlock_unlock(&qa->idx_lock);
	if (fresh)
		goto out;
	if (same_kb) {
		rc = relearn(qa, db, tk, learned, ei);
		goto out;
	}
	int64_t t0 = yk_mono_us();
	struct build_ctx b;
	struct yk_buf syn;
	yk_buf_init(&syn, 0);
	struct search_index *idx = search_index_new(NULL);
	if ((rc = build_ctx_init(&b, db, idx, tk, ei)) || (rc = qa__synonyms_tsv(db, &syn, ei)) ||
	    (rc = search_index_set_synonyms(idx, tk, syn.data ? syn.data : "", syn.len, ei)) ||
	    (rc = kb_entry_foreach(db, add_entry, &b))) {
		search_index_free(idx);
	} else {
		search_index_trim(idx); /* votes re-add a few entries; imports rebuild */
		pthread_rwlock_wrlock(&qa->idx_lock);
		struct search_index *old = qa->idx;
		qa->idx = idx;
		qa->generation = gen;
		qa->learned = learned;
		pthread_rwlock_unlock(&qa->idx_lock);
		search_index_free(old);
		yk_log(YK_LOG_INFO, "qa: index rebuilt: %zu entries in %lld ms (generation %lld)",
		       search_index_count(idx), (long long)((yk_mono_us() - t0) / 1000),
		       (long long)gen);
	}
	build_ctx_release(&b);
	yk_buf_release(&syn);
out:
	pthread_mutex_unlock(&qa->build_mu);
	return rc;
}

/* ---- asking ------------------------------------------------------------ */

struct hit {
	int64_t id;
	float score;
	char ext_id[SEARCH_MAX_EXT_ID + 1];
	size_t n_spans;
	struct search_span spans[SEARCH_MAX_SPANS_PER_HIT];
};

struct ranked {
	struct hit hits[SEARCH_MAX_K < QA_RANK_K ? SEARCH_MAX_K : QA_RANK_K];
	size_t n;
	float top, margin;
};

/* Trims ASCII and ideographic spaces at both ends of [s, s+len). */
static void trim_span(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;
	for (;;) {
		if (n && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
			p++;
			n--;
		} else if (n >= 3 && (unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
			   (unsigned char)p[2] == 0x80) {
			p += 3;
			n -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
			n--;
		else if (n >= 3 && (unsigned char)p[n - 3] == 0xE3 &&
			 (unsigned char)p[n - 2] == 0x80 && (unsigned char)p[n - 1] == 0x80)
			n -= 3;
		else
			break;
	}
	*s = p;
	*len = n;
}

static int check_question(const char **q, size_t *len, struct yk_errinfo *ei)
{
	yk_errinfo_at(ei, NULL, 0, "question");
	if (*len > QA_QUESTION_MAX)
		return yk_errinfo_set(ei, YK_EINVAL, "質問が長すぎます（%d バイトまで）",
				      QA_QUESTION_MAX);
	if (!yk_utf8_valid(*q, *len, NULL))
		return yk_errinfo_set(ei, YK_EUTF8, "質問の文字コードが正しくありません");
	trim_span(q, len);
	if (*len == 0)
		return yk_errinfo_set(ei, YK_EINVAL, "質問を入力してください");
	if (memchr(*q, '\0', *len))
		return yk_errinfo_set(ei, YK_EINVAL, "質問に NUL 文字は使えません");
	yk_errinfo_at(ei, NULL, 0, "");
	return 0;
}

static int rank(struct qa *qa, struct store *db, struct text_tokenizer *tk, const char *q,
		size_t len, unsigned k, int public_only, struct ranked *out, struct yk_errinfo *ei)
{
	int rc = qa__index_ensure(qa, db, tk, ei);
	if (rc)
		return rc;
	struct search_results res;
	memset(&res, 0, sizeof(res));
	struct search_opts opts = {k, public_only};
	pthread_rwlock_rdlock(&qa->idx_lock);
	rc = search_query(qa->idx, tk, q, len, &opts, &res, ei);
	out->n = 0;
	if (rc == 0) {
		for (size_t i = 0; i < res.n && out->n < YK_ARRAY_LEN(out->hits); i++) {
			struct hit *h = &out->hits[out->n++];
			h->id = res.hits[i].id;
			h->score = res.hits[i].score;
			yk_strlcpy(h->ext_id, res.hits[i].ext_id ? res.hits[i].ext_id : "",
				   sizeof(h->ext_id));
			h->n_spans = res.hits[i].n_spans < SEARCH_MAX_SPANS_PER_HIT
					     ? res.hits[i].n_spans
					     : SEARCH_MAX_SPANS_PER_HIT;
			memcpy(h->spans, res.hits[i].spans, h->n_spans * sizeof(*h->spans));
		}
		out->top = res.top;
		out->margin = res.margin;
	}
	pthread_rwlock_unlock(&qa->idx_lock);
	search_results_release(&res);
	return rc;
}

int qa_rank(struct qa *qa, struct store *db, const char *query, size_t len, unsigned k,
	    int public_only,
	    int (*fn)(void *ctx, int64_t id, const char *ext_id, float score), void *ctx,
	    struct yk_errinfo *ei)
{
	struct text_tokenizer *tk = NULL;
	int rc = qa__tk_get(qa, &tk, ei);
	if (rc)
		return rc;
	rc = qa__index_ensure(qa, db, tk, ei);
	struct search_results res;
	memset(&res, 0, sizeof(res));
	if (rc == 0) {
		struct search_opts opts = {k, public_only};
		pthread_rwlock_rdlock(&qa->idx_lock);
		rc = search_query(qa->idx, tk, query, len, &opts, &res, ei);
		for (size_t i = 0; rc == 0 && i < res.n; i++) {
			char fallback[32];
			const char *ext = res.hits[i].ext_id;
			if (!ext || !*ext) {
				snprintf(fallback, sizeof(fallback), "#%lld", (long long)res.hits[i].id);
				ext = fallback;
			}
			rc = fn(ctx, res.hits[i].id, ext, res.hits[i].score);
		}
		pthread_rwlock_unlock(&qa->idx_lock);
	}
	search_results_release(&res);
	qa__tk_put(qa, tk);
	return rc;
}

/* Code points in s[0..n). */
static size_t cp_count(const char *s, size_t n)
{
	return yk_utf8_count(s, n);
}

/* Moves a byte offset back to the start of its UTF-8 character. */
static size_t cp_floor(const char *s, size_t off)
{
	while (off > 0 && ((unsigned char)s[off] & 0xC0) == 0x80)
		off--;
	return off;
}

/* Byte offset n characters after (or before, n < 0) off. */
static size_t cp_step(const char *s, size_t len, size_t off, long n)
{
	for (; n > 0 && off < len; n--) {
		off++;
		while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
			off++;
	}
	for (; n < 0 && off > 0; n++)
		off = cp_floor(s, off - 1);
	return off;
}

/* A snippet of text around the first match in field, with the matches as
 * [start, end) code-point ranges relative to the snippet. */
static json_t *snippet_json(const char *text, const struct hit *h, uint32_t field)
{
	size_t len = strlen(text);
	size_t first = len;
	for (size_t i = 0; i < h->n_spans; i++)
		if (h->spans[i].field == field && h->spans[i].start < first)
			first = h->spans[i].start;
	if (first >= len)
		first = 0;
	size_t a = cp_step(text, len, cp_floor(text, first), -QA_SNIPPET_CHARS / 4);
	size_t b = cp_step(text, len, a, QA_SNIPPET_CHARS);
	int pre = a > 0, post = b < len;
	struct yk_buf out;
	yk_buf_init(&out, 0);
	if ((pre && yk_buf_adds(&out, "…")) || yk_buf_add(&out, text + a, b - a) ||
	    (post && yk_buf_adds(&out, "…")))
		abort(); /* no limit set: unreachable */
	json_t *hl = json_array();
	size_t base = pre ? 1 : 0;
	for (size_t i = 0; i < h->n_spans; i++) {
		const struct search_span *s = &h->spans[i];
		if (s->field != field || s->end > len || s->start >= s->end)
			continue;
		size_t st = s->start < a ? a : s->start, en = s->end > b ? b : s->end;
		if (st >= en)
			continue;
		st = cp_floor(text, st);
		size_t cs = base + cp_count(text + a, st - a);
		size_t ce = base + cp_count(text + a, en - a);
		if (ce > cs)
			json_array_append_new(hl, json_pack("[I,I]", (json_int_t)cs, (json_int_t)ce));
	}
	json_t *o = json_pack("{s:s%, s:o}", "snippet", out.data ? out.data : "", out.len,
			      "highlights", hl);
	yk_buf_release(&out);
	return o;
}

static double round3(float x)
{
	return floor((double)x * 1000.0 + 0.5) / 1000.0;
}

/* One source: what the UI lists under an answer. */
static json_t *source_json(const struct kb_entry *e, const struct hit *h, int channel_public)
{
	int faq = e->kind == KB_KIND_FAQ;
	json_t *s = faq ? snippet_json(e->answer, h, SEARCH_FIELD_ANSWER)
			: snippet_json(e->body, h, SEARCH_FIELD_BODY);
	json_object_set_new(s, "id", json_integer(e->id));
	json_object_set_new(s, "kind", json_string(faq ? "faq" : "passage"));
	json_object_set_new(s, "title", json_string(faq ? e->question : e->title));
	json_object_set_new(s, "heading_path", json_string(e->heading_path));
	json_object_set_new(s, "locator", json_string(e->locator));
	json_object_set_new(s, "url", json_string(e->url));
	json_object_set_new(s, "category", json_string(e->category));
	json_object_set_new(s, "score", json_real(round3(h->score)));
	if (!channel_public) {
		json_object_set_new(s, "source_name", json_string(e->source_name));
		json_object_set_new(s, "external_id", json_string(e->external_id));
	}
	return s;
}

static json_t *answer_json(const struct kb_entry *e)
{
	int faq = e->kind == KB_KIND_FAQ;
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)e->id,
			 "kind", faq ? "faq" : "passage", "question", faq ? e->question : e->title,
			 "text", faq ? e->answer : e->body, "heading_path", e->heading_path,
			 "locator", e->locator, "url", e->url, "category", e->category);
}

static const char *decision_name(enum search_decision d)
{
	return d == SEARCH_DECIDE_ANSWER ? "answer" : d == SEARCH_DECIDE_CLARIFY ? "clarify"
										 : "unknown";
}

static const char *channel_name(enum qa_channel c)
{
	return c == QA_CHANNEL_PUBLIC ? "public" : c == QA_CHANNEL_CLI ? "cli" : "staff";
}

static int log_question(struct store *db, const struct qa_asker *who, const char *q, size_t len,
			const char *decision, int64_t top_entry, float top, int64_t latency_us,
			const char *token, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "INSERT INTO qa_questions(at, user_id, department_id, channel, question,"
			       " decision, top_entry_id, top_score, latency_us, feedback_token)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, yk_now_unix());
	if (who->user_id > 0)
		sqlite3_bind_int64(st, 2, who->user_id);
	else
		sqlite3_bind_null(st, 2);
	if (who->department_id > 0)
		sqlite3_bind_int64(st, 3, who->department_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, channel_name(who->channel), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, q, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, decision, -1, SQLITE_STATIC);
	if (top_entry > 0)
		sqlite3_bind_int64(st, 7, top_entry);
	else
		sqlite3_bind_null(st, 7);
	sqlite3_bind_double(st, 8, (double)top);
	sqlite3_bind_int64(st, 9, latency_us);
	sqlite3_bind_text(st, 10, token, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, NULL);
	*id = sqlite3_last_insert_rowid(store_handle(db));
	return 0;
}

int qa_ask(struct qa *qa, struct store *db, const struct qa_asker *who, const char *question,
	   size_t len, json_t **out, struct yk_errinfo *ei)
{
	int64_t t0 = yk_mono_us();
	const char *q = question;
	int rc = check_question(&q, &len, ei);
	if (rc)
		return rc;
	int public_only = who->channel == QA_CHANNEL_PUBLIC;
	struct text_tokenizer *tk = NULL;
	if ((rc = qa__tk_get(qa, &tk, ei)))
		return rc;
	struct ranked *r = yk_xcalloc(1, sizeof(*r));
	json_t *sources = json_array(), *related = json_array(), *answer = json_null();
	rc = rank(qa, db, tk, q, len, QA_RANK_K, public_only, r, ei);
	qa__tk_put(qa, tk);
	if (rc)
		goto fail;
	enum search_decision d = search_decide(r->top, r->margin);
	for (size_t i = 0; i < r->n; i++) {
		struct kb_entry e;
		if (kb_entry_get(db, r->hits[i].id, &e) != 0)
			continue; /* deleted since the index was built */
		/* Defence in depth: the index filters too. */
		int visible = !e.hidden && (!public_only || e.is_public);
		if (visible) {
			if (i == 0 && d == SEARCH_DECIDE_ANSWER)
				json_decref(answer), answer = answer_json(&e);
			if (json_array_size(sources) < QA_SOURCES_MAX &&
			    (i == 0 || d != SEARCH_DECIDE_ANSWER || r->hits[i].score >= r->top * 0.5f))
				json_array_append_new(sources, source_json(&e, &r->hits[i], public_only));
			/* Related questions: other FAQ entries not far below the top. */
			if (i > 0 && e.kind == KB_KIND_FAQ && json_array_size(related) < QA_RELATED_MAX &&
			    r->hits[i].score >= r->top * QA_RELATED_MIN_RATIO)
				json_array_append_new(related,
						      json_pack("{s:I, s:s, s:f}", "id", (json_int_t)e.id,
								"question", e.question, "score",
								round3(r->hits[i].score)));
		}
		kb_entry_release(&e);
	}
	if (d == SEARCH_DECIDE_ANSWER && json_is_null(answer))
		d = SEARCH_DECIDE_CLARIFY; /* the top entry vanished meanwhile */
	unsigned char raw[16];
	char token[33];
	yk_random_bytes(raw, sizeof(raw));
	yk_hex(raw, sizeof(raw), token);
	int64_t latency = yk_mono_us() - t0, qid = 0;
	const char *dn = decision_name(d);
	struct yk_buf masked;
	yk_buf_init(&masked, 0);
	mask_for_log(qa, q, len, &masked);
	/* The question and its usage event in one transaction: one fsync. */
	if (!(rc = store_begin(db, ei))) {
		if ((rc = log_question(db, who, masked.data, masked.len, dn, r->n ? r->hits[0].id : 0,
				       r->top, latency, token, &qid)) ||
		    (rc = usage_record(db, &(struct usage_event){
					       .user_id = who->user_id,
					       .department_id = who->department_id,
					       .feature = public_only ? "ask_public" : "ask",
					       .outcome = dn, .ref_id = qid,
					       .latency_ms = latency / 1000})) ||
		    (rc = store_commit(db, ei)))
			store_rollback(db);
	}
	yk_buf_release(&masked);
	if (rc)
		goto fail;
	*out = json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:f, s:f}", "question_id", (json_int_t)qid,
			 "feedback_token", token, "decision", dn, "answer", answer, "sources",
			 sources, "related", related, "top_score", round3(r->top), "margin",
			 round3(r->margin));
	free(r);
	return 0;
fail:
	json_decref(sources);
	json_decref(related);
	json_decref(answer);
	free(r);
	return rc;
}

int qa_feedback(struct store *db, int64_t question_id, const char *token, int vote,
		const char *comment, struct yk_errinfo *ei)
{
	if (vote != 1 && vote != -1) {
		yk_errinfo_at(ei, NULL, 0, "vote");
		return yk_errinfo_set(ei, YK_EINVAL, "評価は 1（役に立った）か -1（役に立たなかった）です");
	}
	size_t clen = comment ? strlen(comment) : 0;
	if (clen > QA_COMMENT_MAX || (comment && !yk_utf8_valid(comment, clen, NULL))) {
		yk_errinfo_at(ei, NULL, 0, "comment");
		return yk_errinfo_set(ei, YK_EINVAL, "コメントは %d バイトまでです", QA_COMMENT_MAX);
	}
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"SELECT q.feedback_token, q.top_entry_id, q.channel = 'staff', f.vote"
				" FROM qa_questions q LEFT JOIN qa_feedback f ON f.question_id = q.id"
				" WHERE q.id = ?",
				&st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, question_id);
	char stored[40] = "";
	int64_t entry = 0;
	int staff = 0, prev = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		yk_strlcpy(stored, t ? t : "", sizeof(stored));
		entry = sqlite3_column_int64(st, 1);
		staff = sqlite3_column_int(st, 2);
		prev = sqlite3_column_int(st, 3); /* 0 when there was no vote */
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!stored[0]) {
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "質問が見つかりません");
		goto fail;
	}
	if (!token || strlen(token) != strlen(stored) ||
	    !yk_consttime_eq(token, stored, strlen(stored))) {
		rc = yk_errinfo_set(ei, YK_EFORBIDDEN, "この質問には評価できません");
		goto fail;
	}
	/* A staff vote that turns 👍 on or off changes what the entry learned
	 * (add_entry): it takes the next learned_gen, and the index re-learns
	 * that entry at the next question. */
	int learns = staff && entry > 0 && (vote == 1) != (prev == 1);
	if (learns &&
	    (rc = store_exec(db, "UPDATE qa_state SET learned_gen = learned_gen + 1 WHERE id = 1",
			     ei)))
		goto fail;
	if ((rc = store_prepare(db,
				"INSERT INTO qa_feedback(question_id, entry_id, vote, comment, at, learned_seq)"
				" VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN"
				" (SELECT learned_gen FROM qa_state WHERE id = 1) ELSE 0 END)"
				" ON CONFLICT(question_id) DO UPDATE SET vote = ?3, comment = ?4, at = ?5,"
				" learned_seq = CASE WHEN ?6 THEN excluded.learned_seq ELSE learned_seq END",
				&st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, question_id);
	if (entry > 0)
		sqlite3_bind_int64(st, 2, entry);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int(st, 3, vote);
	sqlite3_bind_text(st, 4, comment ? comment : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, yk_now_unix());
	sqlite3_bind_int(st, 6, learns);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		rc = store_err(db, s, ei);
		goto fail;
	}
	return store_commit(db, ei);
fail:
	store_rollback(db);
	return rc;
}

/* ---- public rate limit -------------------------------------------------- */

int qa_public_rate_check(struct qa *qa, const char *addr)
{
	uint64_t h = 1469598103934665603u;
	for (const char *p = addr ? addr : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	int64_t now = yk_now_ms();
	const double rate = QA_PUBLIC_RATE_PER_MIN / 60000.0; /* tokens per ms */
	pthread_mutex_lock(&qa->rate_mu);
	struct qa_bucket *b = &qa->buckets[h % QA_RATE_BUCKETS];
	if (b->key != h) { /* a new address takes the slot (collisions share) */
		b->key = h;
		b->tokens = QA_PUBLIC_RATE_BURST;
		b->at_ms = now;
	}
	b->tokens += (double)(now - b->at_ms) * rate;
	if (b->tokens > QA_PUBLIC_RATE_BURST)
		b->tokens = QA_PUBLIC_RATE_BURST;
	b->at_ms = now;
	int ok = b->tokens >= 1.0;
	if (ok)
		b->tokens -= 1.0;
	pthread_mutex_unlock(&qa->rate_mu);
	return ok ? 0 : YK_ERATE;
}
