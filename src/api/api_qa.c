/* api handlers of 問い合わせAI: asking (staff and public), feedback, and the
 * knowledge-base editor routes (sources, import, entries, unanswered
 * questions, synonyms). */
#include <math.h>
#include <string.h>

#include "api_int.h"
#include "kb/kb.h"
#include "qa/qa.h"
#include "core/banned.h"

/* After an editor's change: the index takes it now, in the editor's
 * request, rather than in the next person's question. Only when the
 * index exists (someone asked already); a failure here is not the
 * editor's (the change is stored; the next question retries). */
static void index_follow(struct api_call *c)
{
	pthread_mutex_lock(&c->api->qa_mu);
	struct qa *qa = c->api->qa;
	pthread_mutex_unlock(&c->api->qa_mu);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (qa && qa_index_refresh(qa, c->db, &ei) != 0)
		yk_log(YK_LOG_WARN, "qa: index not refreshed after a change: %s", ei.message);
}

/* ---- asking ------------------------------------------------------------ */

/* The answer's JSON is written straight into a buffer: on the hot path,
 * building a jansson tree and dumping it cost more than the ranking's
 * rerank step (about 15 % of a question's CPU). Key order is that of
 * docs/API.md. The buffer has no limit, so appends cannot fail.
 *
 * An answer is about a hundred appends (4.5 KB median over LocalgovFAQ):
 * the buffer is sized once (ANSWER_RESERVE) and each append is a memcpy
 * into it, with the keys' lengths known at compile time (put_lit); through
 * yk_buf_adds each append was a call, a strlen, a limit check and a
 * terminator, and the buffer grew by doubling from 64 bytes (35 K
 * instructions an answer). */
#define ANSWER_RESERVE 8192

static void put_n(struct yk_buf *b, const char *s, size_t n)
{
	if (b->data && b->cap - b->len > n && b->limit - b->len >= n) { /* room, NUL too */
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	if (yk_buf_add(b, s, n))
		abort(); /* no limit set: unreachable */
}

static void put(struct yk_buf *b, const char *s)
{
	put_n(b, s, strlen(s));
}

/* A string literal (a key with its punctuation): no strlen. */
#define put_lit(b, lit) put_n(b, "" lit, sizeof(lit) - 1)

/* Makes room for n more bytes at once (b has no limit). */
static void reserve(struct yk_buf *b, size_t n)
{
	if (b->data && b->cap - b->len > n)
		return;
	size_t len = b->len;
	if (yk_buf_add(b, NULL, 0) || b->cap - len > n || b->limit - len < n)
		return; /* (allocated now) room already, or beyond the limit: append by append */
	b->data = yk_xrealloc(b->data, len + n + 1);
	b->cap = len + n + 1;
}

static void put_str_k(struct yk_buf *b, const char *key, size_t klen, const char *v)
{
	put_n(b, key, klen);
	if (http_json_str(b, v ? v : "", v ? strlen(v) : 0))
		abort(); /* no limit set: unreachable */
}

/* Decimal digits of v (no printf: a question writes about forty numbers). */
static void put_digits(struct yk_buf *b, uint64_t v)
{
	char d[20];
	size_t n = 0;
	do
		d[sizeof(d) - ++n] = (char)('0' + v % 10);
	while ((v /= 10) && n < sizeof(d));
	put_n(b, d + sizeof(d) - n, n);
}

static void put_int_k(struct yk_buf *b, const char *key, size_t klen, int64_t v)
{
	put_n(b, key, klen);
	if (v < 0)
		put_lit(b, "-");
	put_digits(b, v < 0 ? -(uint64_t)v : (uint64_t)v);
}

/* A score rounded to 3 decimals, written from its integer thousandths
 * ("0.123", "-1.5", a whole number as "2.0"): the same double a client
 * parses as from the rounded value printed in full. Non-finite: 0.0. */
static void put_score_k(struct yk_buf *b, const char *key, size_t klen, float x)
{
	double t = floor((double)x * 1000.0 + 0.5);
	if (!isfinite(t) || fabs(t) > 1e15)
		t = 0;
	long long k = (long long)t;
	uint64_t m = k < 0 ? -(uint64_t)k : (uint64_t)k;
	put_n(b, key, klen);
	if (k < 0)
		put_lit(b, "-");
	put_digits(b, m / 1000);
	char frac[5] = {'.', (char)('0' + m % 1000 / 100), (char)('0' + m % 100 / 10),
			(char)('0' + m % 10), 0};
	size_t n = 4;
	while (n > 2 && frac[n - 1] == '0')
		n--;
	put_n(b, frac, n);
}

/* A text field of an entry: its JSON made when the entry entered the
 * index (qa_set_json_encoder: http_json_str, so the bytes are the same),
 * or escaped now when there is none. */
static void put_text_k(struct yk_buf *b, const char *key, size_t klen, const char *json,
		       const char *v)
{
	if (!json) {
		put_str_k(b, key, klen, v);
		return;
	}
	put_n(b, key, klen);
	put(b, json);
}

/* The keys are string literals: their lengths are known. */
#define put_str(b, key, v) put_str_k(b, "" key, sizeof(key) - 1, v)
#define put_int(b, key, v) put_int_k(b, "" key, sizeof(key) - 1, v)
#define put_score(b, key, x) put_score_k(b, "" key, sizeof(key) - 1, x)
#define put_text(b, key, json, v) put_text_k(b, "" key, sizeof(key) - 1, json, v)

#define PUT_TEXT(b, key, s, f) put_text(b, key, (s)->json ? (s)->json->f : NULL, (s)->f)

/* Where an entry sits: the fields that the answer and each source share. */
static void put_place(struct yk_buf *b, const struct qa_source *s)
{
	PUT_TEXT(b, ",\"heading_path\":", s, heading_path);
	PUT_TEXT(b, ",\"locator\":", s, locator);
	PUT_TEXT(b, ",\"url\":", s, url);
	PUT_TEXT(b, ",\"category\":", s, category);
}

static void source_write(struct yk_buf *b, const struct qa_source *s, int channel_public)
{
	if (s->snippet_plain) { /* nothing to escape: see struct qa_source */
		put_lit(b, "{\"snippet\":\"");
		put(b, s->snippet);
		put_lit(b, "\"");
	} else {
		put_str(b, "{\"snippet\":", s->snippet);
	}
	put_lit(b, ",\"highlights\":[");
	for (size_t i = 0; i < s->n_highlights; i++) {
		if (i)
			put_lit(b, ",[");
		else
			put_lit(b, "[");
		put_digits(b, s->highlights[i].start);
		put_lit(b, ",");
		put_digits(b, s->highlights[i].end);
		put_lit(b, "]");
	}
	put_int(b, "],\"id\":", s->id);
	put_str(b, ",\"kind\":", s->faq ? "faq" : "passage");
	PUT_TEXT(b, ",\"title\":", s, title);
	put_place(b, s);
	put_score(b, ",\"score\":", s->score);
	if (!channel_public) {
		PUT_TEXT(b, ",\"source_name\":", s, source_name);
		PUT_TEXT(b, ",\"external_id\":", s, external_id);
	}
	put_lit(b, "}");
}

void api_qa_answer_write(const struct qa_answer *a, struct yk_buf *b)
{
	reserve(b, ANSWER_RESERVE);
	put_int(b, "{\"question_id\":", a->question_id);
	put_str(b, ",\"feedback_token\":", a->feedback_token);
	put_str(b, ",\"decision\":", qa_decision_name(a->decision));
	put_lit(b, ",\"answer\":");
	if (a->decision == QA_ANSWER && a->n_sources > 0) {
		const struct qa_source *s = &a->sources[0];
		put_int(b, "{\"id\":", s->id);
		put_str(b, ",\"kind\":", s->faq ? "faq" : "passage");
		put_text(b, ",\"question\":", s->json ? s->json->title : NULL, s->title);
		PUT_TEXT(b, ",\"text\":", s, text);
		put_place(b, s);
		put_lit(b, "}");
	} else {
		put_lit(b, "null");
	}
	put_lit(b, ",\"sources\":[");
	for (size_t i = 0; i < a->n_sources; i++) {
		if (i)
			put_lit(b, ",");
		source_write(b, &a->sources[i], a->public_channel);
	}
	put_lit(b, "],\"related\":[");
	for (size_t i = 0; i < a->n_related; i++) {
		if (i)
			put_lit(b, ",");
		put_int(b, "{\"id\":", a->related[i].id);
		put_text(b, ",\"question\":", a->related[i].json_question, a->related[i].question);
		put_score(b, ",\"score\":", a->related[i].score);
		put_lit(b, "}");
	}
	put_score(b, "],\"top_score\":", a->top_score);
	put_score(b, ",\"margin\":", a->margin);
	put_lit(b, "}");
}

json_t *api_qa_answer_json(const struct qa_answer *a)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	api_qa_answer_write(a, &b);
	json_t *j = json_loadb(b.data, b.len, 0, NULL);
	yk_buf_release(&b);
	if (!j)
		abort(); /* our own writer's output: always valid JSON */
	return j;
}

static int ask(struct api_call *c, enum qa_channel channel)
{
	static const char *const fields[] = {"question", "generate", NULL};
	const char *q;
	struct qa *qa;
	int rc;
	json_t *gen = c->body ? json_object_get(c->body, "generate") : NULL;
	if (gen && !json_is_boolean(gen)) {
		yk_errinfo_at(&c->ei, NULL, 0, "generate");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「generate」は true か false で指定してください");
	}
	if (gen && json_is_true(gen)) {
		/* Grounded generation (a stream of server-sent events), staff only:
		 * the same as POST /api/v1/ask/generate. */
		if (channel != QA_CHANNEL_STAFF) {
			yk_errinfo_at(&c->ei, NULL, 0, "generate");
			return yk_errinfo_set(&c->ei, YK_EINVAL, "住民向けの問い合わせでは生成回答を使えません");
		}
		json_object_del(c->body, "generate");
		return api_h_ask_generate(c);
	}
	if ((rc = api__only_fields(c, fields)) ||
	    (rc = api__str(c, "question", 1, QA_QUESTION_MAX, &q)) ||
	    (rc = api__qa(c, &qa)))
		return rc;
	struct qa_asker who = {channel, 0, 0};
	if (channel == QA_CHANNEL_STAFF && c->has_session) {
		who.user_id = c->session.user.id;
		who.department_id = c->session.user.department_id;
	}
	struct qa_answer a;
	if ((rc = qa_ask(qa, c->db, &who, q, strlen(q), &a, &c->ei)))
		return rc;
	c->resp->status = 200;
	c->resp->content_type = "application/json; charset=utf-8";
	yk_buf_reset(&c->resp->body);
	api_qa_answer_write(&a, &c->resp->body);
	qa_answer_release(&a);
	return 0;
}

API_HANDLER(ask)
{
	return ask(c, QA_CHANNEL_STAFF);
}

API_HANDLER(public_ask)
{
	struct qa *qa;
	int rc = api__qa(c, &qa);
	if (rc)
		return rc;
	if (api__public_rate(c) != 0)
		return yk_errinfo_set(&c->ei, YK_ERATE,
				      "質問が続いたため、少し時間をおいてからお試しください");
	return ask(c, QA_CHANNEL_PUBLIC);
}

static int feedback(struct api_call *c)
{
	static const char *const fields[] = {"token", "vote", "comment", NULL};
	const char *token, *comment;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "token", 1, 64, &token)) ||
	    (rc = api__str(c, "comment", 0, QA_COMMENT_MAX, &comment)))
		return rc;
	int64_t vote = 0;
	if ((rc = api__int(c, "vote", 1, -1, 1, &vote)))
		return rc;
	if (vote == 0) {
		yk_errinfo_at(&c->ei, NULL, 0, "vote");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「vote」は 1 か -1 で指定してください");
	}
	struct qa *qa;
	if ((rc = api__qa(c, &qa)))
		return rc;
	if ((rc = qa_feedback(qa, c->db, c->id, token, (int)vote, comment, &c->ei)))
		return rc;
	index_follow(c); /* a staff 👍 may have taught the entry */
	api__reply(c, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}

API_HANDLER(ask_feedback)
{
	return feedback(c);
}

API_HANDLER(public_feedback)
{
	return feedback(c);
}

/* ---- sources and import ---------------------------------------------------- */

static int add_source(void *ctx, const struct kb_source *s)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:I, s:o, s:I}", "id",
					     (json_int_t)s->id, "name", s->name, "kind", s->kind,
					     "size", (json_int_t)s->size, "entry_count",
					     (json_int_t)s->entry_count, "imported_at",
					     api__iso_time(s->imported_at), "imported_by",
					     (json_int_t)s->imported_by));
	return 0;
}

API_HANDLER(kb_sources)
{
	json_t *arr = json_array();
	int rc = kb_source_list(c->db, add_source, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "sources", arr));
	return 0;
}

API_HANDLER(kb_source_delete)
{
	int rc = kb_source_delete(c->db, &c->actor, c->id, &c->ei);
	if (rc)
		return rc;
	index_follow(c);
	api__reply(c, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}

static const char *import_status_name(enum kb_import_status s)
{
	switch (s) {
	case KB_IMPORT_NEW:
		return "new";
	case KB_IMPORT_REPLACED:
		return "replaced";
	case KB_IMPORT_UNCHANGED:
		return "unchanged";
	default:
		return "failed";
	}
}

API_HANDLER(kb_import)
{
	const char *name = http_query(c->req, "filename");
	yk_errinfo_at(&c->ei, NULL, 0, "filename");
	if (!name || !*name)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "ファイル名（filename）を指定してください");
	if (strlen(name) > KB_NAME_MAX)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "ファイル名が長すぎます");
	yk_errinfo_at(&c->ei, NULL, 0, "");
	if (!c->req->body_len)
		return yk_errinfo_set(&c->ei, YK_EPARSE, "%s: ファイルが空です", name);
	struct kb_report *rep = yk_arena_alloc(c->req->arena, sizeof(*rep));
	int rc = kb_import_file(c->db, &c->actor, name, c->req->body, c->req->body_len, rep, &c->ei);
	if (rc)
		return api__import_problems(c, rc, name, &rep->problems);
	if (rep->status != KB_IMPORT_UNCHANGED)
		index_follow(c);
	/* status_label and visibility_note: the CLI's wording (kb.h), so the
	 * page says 「15件すべて職員のみ（公開列なし）」 as `yakuba import` does. */
	char note[128];
	kb_report_visibility_note(rep, note, sizeof(note));
	api__reply(c, 200, json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s}", "file", name,
				     "status", import_status_name(rep->status), "status_label",
				     kb_import_status_label(rep->status), "format",
				     kb_format_name(rep->format), "records", (json_int_t)rep->records,
				     "public_records", (json_int_t)rep->public_records, "source_id",
				     (json_int_t)rep->source_id, "visibility_note", note));
	return 0;
}

/* ---- entries ---------------------------------------------------------------- */

static json_t *entry_json(const struct kb_entry *e)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s,"
			 " s:b, s:b, s:o, s:o, s:I}",
			 "id", (json_int_t)e->id, "source_id", (json_int_t)e->source_id, "kind",
			 e->kind == KB_KIND_FAQ ? "faq" : "passage", "external_id", e->external_id,
			 "question", e->question, "answer", e->answer, "title", e->title,
			 "heading_path", e->heading_path, "body", e->body, "page",
			 (json_int_t)e->page, "locator", e->locator, "category", e->category, "url",
			 e->url, "source_name", e->source_name, "public", e->is_public, "hidden",
			 e->hidden, "created_at", api__iso_time(e->created_at), "updated_at",
			 api__iso_time(e->updated_at), "version", (json_int_t)e->version);
}

static int add_entry(void *ctx, const struct kb_entry *e)
{
	json_array_append_new(ctx, entry_json(e));
	return 0;
}

API_HANDLER(kb_entries)
{
	struct kb_entry_filter f;
	memset(&f, 0, sizeof(f));
	int64_t offset, limit, source, hidden;
	int rc;
	if ((rc = api__query_int(c, "offset", 0, INT64_MAX / 2, 0, &offset)) ||
	    (rc = api__query_int(c, "limit", 1, KB_LIST_LIMIT_MAX, 50, &limit)) ||
	    (rc = api__query_int(c, "source", -1, INT64_MAX / 2, 0, &source)) ||
	    (rc = api__query_int(c, "hidden", 0, 1, 1, &hidden)))
		return rc;
	f.source_id = source;
	f.include_hidden = (int)hidden;
	const char *q = http_query(c->req, "q"), *kind = http_query(c->req, "kind");
	f.text = q && *q ? q : NULL;
	const char *cat = http_query(c->req, "category");
	f.category = cat && *cat ? cat : NULL;
	if (kind && *kind) {
		if (strcmp(kind, "faq") == 0)
			f.kind = KB_KIND_FAQ;
		else if (strcmp(kind, "passage") == 0)
			f.kind = KB_KIND_PASSAGE;
		else {
			yk_errinfo_at(&c->ei, NULL, 0, "kind");
			return yk_errinfo_set(&c->ei, YK_EINVAL, "kind は faq か passage です");
		}
	}
	json_t *arr = json_array();
	int64_t total = 0;
	if ((rc = kb_entry_list(c->db, &f, offset, limit, add_entry, arr, &total))) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o, s:I}", "entries", arr, "total", (json_int_t)total));
	return 0;
}

API_HANDLER(kb_entry_get)
{
	struct kb_entry e;
	int rc = kb_entry_get(c->db, c->id, &e);
	if (rc)
		return yk_errinfo_set(&c->ei, rc, "項目が見つかりません");
	api__reply(c, 200, json_pack("{s:o}", "entry", entry_json(&e)));
	kb_entry_release(&e);
	return 0;
}

static int read_spec(struct api_call *c, struct kb_entry_spec *spec, int need_kind)
{
	static const char *const fields[] = {"kind",     "question", "answer", "title", "heading_path",
					     "body",     "category", "url",    "public", NULL};
	const char *kind = NULL;
	int rc;
	memset(spec, 0, sizeof(*spec));
	if ((rc = api__only_fields(c, fields)) ||
	    (rc = api__str(c, "kind", need_kind, 16, &kind)) ||
	    (rc = api__str(c, "question", 0, KB_FIELD_MAX, &spec->question)) ||
	    (rc = api__str(c, "answer", 0, KB_FIELD_MAX, &spec->answer)) ||
	    (rc = api__str(c, "title", 0, KB_FIELD_MAX, &spec->title)) ||
	    (rc = api__str(c, "heading_path", 0, KB_FIELD_MAX, &spec->heading_path)) ||
	    (rc = api__str(c, "body", 0, KB_FIELD_MAX, &spec->body)) ||
	    (rc = api__str(c, "category", 0, 200, &spec->category)) ||
	    (rc = api__str(c, "url", 0, 2000, &spec->url)))
		return rc;
	spec->kind = KB_KIND_FAQ;
	if (kind && strcmp(kind, "passage") == 0)
		spec->kind = KB_KIND_PASSAGE;
	else if (kind && strcmp(kind, "faq") != 0) {
		yk_errinfo_at(&c->ei, NULL, 0, "kind");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "kind は faq か passage です");
	}
	json_t *pub = json_object_get(c->body, "public");
	if (pub && !json_is_boolean(pub)) {
		yk_errinfo_at(&c->ei, NULL, 0, "public");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「public」は true か false で指定してください");
	}
	spec->is_public = pub && json_is_true(pub);
	return 0;
}

API_HANDLER(kb_entry_create)
{
	struct kb_entry_spec spec;
	int64_t id;
	int rc;
	if ((rc = read_spec(c, &spec, 0)) || (rc = kb_entry_create(c->db, &c->actor, &spec, &id, &c->ei)))
		return rc;
	index_follow(c);
	struct kb_entry e;
	if ((rc = kb_entry_get(c->db, id, &e)))
		return rc;
	api__reply(c, 201, json_pack("{s:o}", "entry", entry_json(&e)));
	kb_entry_release(&e);
	return 0;
}

API_HANDLER(kb_entry_update)
{
	struct kb_entry_spec spec;
	int rc;
	if ((rc = read_spec(c, &spec, 0)) ||
	    (rc = kb_entry_update(c->db, &c->actor, c->id, &spec, &c->ei)))
		return rc;
	index_follow(c);
	struct kb_entry e;
	if ((rc = kb_entry_get(c->db, c->id, &e)))
		return rc;
	api__reply(c, 200, json_pack("{s:o}", "entry", entry_json(&e)));
	kb_entry_release(&e);
	return 0;
}

static int set_hidden(struct api_call *c, int hidden)
{
	int rc = kb_entry_set_hidden(c->db, &c->actor, c->id, hidden, &c->ei);
	if (rc)
		return rc;
	index_follow(c);
	api__reply(c, 200, json_pack("{s:b}", "hidden", hidden));
	return 0;
}

API_HANDLER(kb_entry_hide)
{
	return set_hidden(c, 1);
}

API_HANDLER(kb_entry_show)
{
	return set_hidden(c, 0);
}

API_HANDLER(kb_entry_delete)
{
	int rc = kb_entry_delete(c->db, &c->actor, c->id, &c->ei);
	if (rc)
		return rc;
	index_follow(c);
	api__reply(c, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}

/* ---- unanswered, synonyms ------------------------------------------------- */

API_HANDLER(kb_unanswered)
{
	struct qa *qa;
	int64_t limit;
	json_t *out = NULL;
	int rc;
	if ((rc = api__query_int(c, "limit", 1, 500, 100, &limit)) || (rc = api__qa(c, &qa)) ||
	    (rc = qa_unanswered(qa, c->db, limit, &out, &c->ei)))
		return rc;
	api__reply(c, 200, out);
	return 0;
}

#define QA_IDS_MAX 1000

/* Reads "question_ids": [1, 2, ...] (1..QA_IDS_MAX positive integers). */
static int read_ids(struct api_call *c, int64_t **ids, size_t *n)
{
	json_t *v = json_object_get(c->body, "question_ids");
	yk_errinfo_at(&c->ei, NULL, 0, "question_ids");
	if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > QA_IDS_MAX)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "質問の ID を 1〜%d 個の配列で指定してください",
				      QA_IDS_MAX);
	*n = json_array_size(v);
	*ids = yk_arena_alloc(c->req->arena, *n * sizeof(**ids));
	for (size_t i = 0; i < *n; i++) {
		json_t *x = json_array_get(v, i);
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return yk_errinfo_set(&c->ei, YK_EINVAL, "質問の ID は正の整数です");
		(*ids)[i] = json_integer_value(x);
	}
	yk_errinfo_at(&c->ei, NULL, 0, "");
	return 0;
}

API_HANDLER(kb_resolve)
{
	static const char *const fields[] = {"question_ids", "question", "answer", "category",
					     "public",       NULL};
	const char *q, *a, *cat;
	int64_t *ids;
	size_t n;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = read_ids(c, &ids, &n)) ||
	    (rc = api__str(c, "question", 1, KB_FIELD_MAX, &q)) ||
	    (rc = api__str(c, "answer", 1, KB_FIELD_MAX, &a)) ||
	    (rc = api__str(c, "category", 0, 200, &cat)))
		return rc;
	json_t *pub = json_object_get(c->body, "public");
	if (pub && !json_is_boolean(pub)) {
		yk_errinfo_at(&c->ei, NULL, 0, "public");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「public」は true か false で指定してください");
	}
	int64_t entry_id;
	if ((rc = qa_resolve(c->db, &c->actor, ids, n, q, a, cat, pub && json_is_true(pub),
			     &entry_id, &c->ei)))
		return rc;
	index_follow(c);
	api__reply(c, 201, json_pack("{s:I}", "entry_id", (json_int_t)entry_id));
	return 0;
}

API_HANDLER(kb_dismiss)
{
	static const char *const fields[] = {"question_ids", NULL};
	int64_t *ids;
	size_t n;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = read_ids(c, &ids, &n)) ||
	    (rc = qa_dismiss(c->db, &c->actor, ids, n, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}

API_HANDLER(kb_synonyms_get)
{
	json_t *out = NULL;
	int rc = qa_synonyms_get(c->db, &out, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, out);
	return 0;
}

API_HANDLER(kb_synonyms_put)
{
	static const char *const fields[] = {"groups", NULL};
	int rc;
	json_t *out = NULL;
	if ((rc = api__only_fields(c, fields)) ||
	    (rc = qa_synonyms_put(c->db, &c->actor, json_object_get(c->body, "groups"), &c->ei)) ||
	    (rc = qa_synonyms_get(c->db, &out, &c->ei)))
		return rc;
	index_follow(c);
	api__reply(c, 200, out);
	return 0;
}
