/* kb/store: the tables kb_sources and kb_entries (migration 0003_kb.sql).
 * Imports are all or nothing per file and idempotent by content hash;
 * editors' changes go through the same tables with an audit line written
 * in the same transaction (audit_record). All SQL is static text with bound
 * parameters. */
#include "audit/audit.h"
#include "kb/kb_int.h"
#include "core/banned.h"

static const struct audit_actor cli_actor = {0, "cli", NULL};

/* Every transaction that changes kb_entries calls this once, so that the
 * search index can tell from one number whether it is stale. */
static int bump_generation(struct store *db, struct yk_errinfo *ei)
{
	return store_exec(db, "UPDATE kb_state SET generation = generation + 1 WHERE id = 1", ei);
}

static const struct audit_actor *actor_or_cli(const struct audit_actor *a)
{
	return a ? a : &cli_actor;
}

/* ---- collecting parsed records ------------------------------------------ */

struct collected {
	struct yk_arena *arena;
	struct kb_record *recs;
	size_t n, cap;
};

static const char *dup(struct yk_arena *a, const char *s)
{
	return s && *s ? yk_arena_strdup(a, s) : "";
}

static int collect(void *ctx, const struct kb_record *r)
{
	struct collected *c = ctx;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->recs = yk_xrealloc(c->recs, c->cap * sizeof(*c->recs));
	}
	struct kb_record *o = &c->recs[c->n++];
	*o = *r;
	o->external_id = dup(c->arena, r->external_id);
	o->question = dup(c->arena, r->question);
	o->answer = dup(c->arena, r->answer);
	o->category = dup(c->arena, r->category);
	o->url = dup(c->arena, r->url);
	o->title = dup(c->arena, r->title);
	o->heading_path = dup(c->arena, r->heading_path);
	o->body = dup(c->arena, r->body);
	o->locator = dup(c->arena, r->locator);
	return 0;
}

/* ---- sources ---------------------------------------------------------------- */

#define SOURCE_COLS "id, name, kind, sha256, size, entry_count, imported_at, coalesce(imported_by, 0)"

/* Reads a SOURCE_COLS row into out (a struct kb_source). */
static int row_to_source(void *out, sqlite3_stmt *st)
{
	struct kb_source *s = out;
	memset(s, 0, sizeof(*s));
	s->id = sqlite3_column_int64(st, 0);
	yk_strlcpy(s->name, (const char *)sqlite3_column_text(st, 1), sizeof(s->name));
	yk_strlcpy(s->kind, (const char *)sqlite3_column_text(st, 2), sizeof(s->kind));
	yk_strlcpy(s->sha256, (const char *)sqlite3_column_text(st, 3), sizeof(s->sha256));
	s->size = sqlite3_column_int64(st, 4);
	s->entry_count = sqlite3_column_int64(st, 5);
	s->imported_at = sqlite3_column_int64(st, 6);
	s->imported_by = sqlite3_column_int64(st, 7);
	return 0;
}

static int source_find(struct store *db, const char *name, struct kb_source *out,
		       struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT " SOURCE_COLS " FROM kb_sources WHERE name = ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return store_one(db, st, row_to_source, out, ei);
}

int kb_source_get(struct store *db, int64_t id, struct kb_source *out)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT " SOURCE_COLS " FROM kb_sources WHERE id = ?", &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return store_one(db, st, row_to_source, out, NULL);
}

struct source_each {
	int (*fn)(void *ctx, const struct kb_source *s);
	void *ctx;
};

static int source_row(void *ctx, sqlite3_stmt *st)
{
	struct source_each *se = ctx;
	struct kb_source s;
	row_to_source(&s, st);
	return se->fn(se->ctx, &s);
}

int kb_source_list(struct store *db, int (*fn)(void *ctx, const struct kb_source *s), void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT " SOURCE_COLS " FROM kb_sources ORDER BY name", &st,
			       NULL);
	if (rc)
		return rc;
	struct source_each se = {fn, ctx};
	return store_each(db, st, source_row, &se, NULL);
}

static int exec_id(struct store *db, const char *sql, int64_t id, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, sql, &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return store_step_done(db, st, ei);
}

int kb_source_delete(struct store *db, const struct audit_actor *actor, int64_t id,
		     struct yk_errinfo *ei)
{
	struct kb_source s;
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	if ((rc = kb_source_get(db, id, &s))) {
		if (rc == YK_ENOTFOUND)
			yk_errinfo_set(ei, rc, "取り込み元 %lld は見つかりません", (long long)id);
		goto out;
	}
	if ((rc = exec_id(db, "DELETE FROM kb_sources WHERE id = ?", id, ei)) ||
	    (rc = bump_generation(db, ei)))
		goto out;
	char detail[96];
	snprintf(detail, sizeof(detail), "{\"source_id\":%lld,\"entries\":%lld}", (long long)id,
		 (long long)s.entry_count);
	if ((rc = audit_record(db, actor_or_cli(actor), "kb.source.delete", s.name, detail, NULL)))
		goto out;
	rc = store_commit(db, ei);
out:
	if (rc)
		store_rollback(db);
	return rc;
}

/* ---- import ----------------------------------------------------------------- */

static int insert_entries(struct store *db, int64_t source_id, const struct collected *c,
			  int64_t now, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "INSERT INTO kb_entries(source_id, position, external_id, kind, "
			       "question, answer, title, heading_path, body, page, locator, category, "
			       "url, public, created_at, updated_at) "
			       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       &st, ei);
	if (rc)
		return rc;
	for (size_t i = 0; i < c->n && !rc; i++) {
		const struct kb_record *r = &c->recs[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, source_id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		store_bind_opt_text(st, 3, r->external_id);
		sqlite3_bind_text(st, 4, r->kind == KB_KIND_FAQ ? "faq" : "passage", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(st, 5, r->question, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, r->answer, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, r->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, r->heading_path, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, r->body, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 10, r->page);
		sqlite3_bind_text(st, 11, r->locator, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 12, r->category, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 13, r->url, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 14, r->is_public ? 1 : 0);
		sqlite3_bind_int64(st, 15, now);
		sqlite3_bind_int64(st, 16, now);
		rc = store_step_done(db, st, ei);
	}
	return rc;
}

static int collect_hidden(void *ctx, sqlite3_stmt *st)
{
	struct kb_record r = {.external_id = store_col_str(st, 0)};
	return collect(ctx, &r);
}

/* External ids of the source's hidden entries, so that an editor's "hide"
 * survives a new version of the file (matched by the file's id column). */
static int hidden_ids(struct store *db, int64_t source_id, struct collected *ids,
		      struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "SELECT external_id FROM kb_entries WHERE source_id = ? AND hidden = 1 "
			       "AND external_id IS NOT NULL",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, source_id);
	return store_each(db, st, collect_hidden, ids, ei);
}

static int rehide(struct store *db, int64_t source_id, const struct collected *ids,
		  struct yk_errinfo *ei)
{
	if (!ids->n)
		return 0;
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "UPDATE kb_entries SET hidden = 1 WHERE source_id = ? AND external_id = ?",
			       &st, ei);
	for (size_t i = 0; i < ids->n && !rc; i++) {
		sqlite3_bind_int64(st, 1, source_id);
		sqlite3_bind_text(st, 2, ids->recs[i].external_id, -1, SQLITE_STATIC);
		rc = store_step_done(db, st, ei);
	}
	return rc;
}

/* Writes the source row and its entries; the caller holds the transaction. */
static int write_source(struct store *db, const struct audit_actor *actor, const char *name,
			enum kb_format format, const char *sha, size_t len,
			const struct collected *c, const struct kb_source *old, int64_t *id,
			struct yk_errinfo *ei)
{
	int64_t now = yk_now_unix();
	sqlite3_stmt *st = NULL;
	struct collected hidden = {.arena = yk_arena_new()};
	int rc;
	if (old) {
		if ((rc = hidden_ids(db, old->id, &hidden, ei)) ||
		    (rc = exec_id(db, "DELETE FROM kb_entries WHERE source_id = ?", old->id, ei)))
			goto out;
		rc = store_stmt(db,
				   "UPDATE kb_sources SET kind = ?1, sha256 = ?2, size = ?3, "
				   "entry_count = ?4, imported_at = ?5, imported_by = ?6 WHERE id = ?7",
				   &st, ei);
	} else {
		rc = store_stmt(db,
				   "INSERT INTO kb_sources(kind, sha256, size, entry_count, imported_at, "
				   "imported_by, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8)",
				   &st, ei);
	}
	if (rc)
		goto out;
	sqlite3_bind_text(st, 1, kb_format_name(format), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sha, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (int64_t)len);
	sqlite3_bind_int64(st, 4, (int64_t)c->n);
	sqlite3_bind_int64(st, 5, now);
	store_bind_opt_id(st, 6, actor ? actor->user_id : 0);
	if (old)
		sqlite3_bind_int64(st, 7, old->id);
	else
		sqlite3_bind_text(st, 8, name, -1, SQLITE_STATIC);
	if ((rc = store_step_done(db, st, ei)))
		goto out;
	*id = old ? old->id : sqlite3_last_insert_rowid(store_handle(db));
	if (!(rc = bump_generation(db, ei)) && !(rc = insert_entries(db, *id, c, now, ei)))
		rc = rehide(db, *id, &hidden, ei);
out:
	free(hidden.recs);
	yk_arena_free(hidden.arena);
	return rc;
}

static int check_name(const char *name, struct kb_report *rep)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0)
		return kb__problem(rep, YK_EINVAL, 0, "ファイル名がありません");
	if (n > KB_NAME_MAX)
		return kb__problem(rep, YK_EINVAL, 0, "ファイル名が長すぎます（上限 %d バイト）",
				   KB_NAME_MAX);
	if (!yk_utf8_valid(name, n, NULL))
		return kb__problem(rep, YK_EINVAL, 0, "ファイル名の文字コードが UTF-8 ではありません");
	return 0;
}

/* The first problem into ei, so a caller that only looks at ei still
 * sees "faq.csv:17: ..." from yk_errinfo_format. */
static int fail(struct kb_report *rep, int rc, struct yk_errinfo *ei)
{
	rep->status = KB_IMPORT_FAILED;
	if (rep->problems.count) {
		ingest_problems_errinfo(&rep->problems, rep->name, rc, ei);
	} else if (ei && !ei->message[0]) {
		yk_errinfo_set(ei, rc, "%s: %s", rep->name, yk_err_message(rc));
	}
	return rc;
}

int kb_import_file(struct store *db, const struct audit_actor *actor, const char *name,
		   const char *bytes, size_t len, struct kb_report *rep, struct yk_errinfo *ei)
{
	struct collected c = {.arena = yk_arena_new()};
	struct kb_source old;
	int have_old = 0, in_tx = 0;
	unsigned char digest[32];
	char sha[65];
	kb_report_init(rep, name);
	int rc = check_name(name, rep);
	if (rc)
		goto out;
	if (len > KB_FILE_MAX) {
		rc = kb__problem(rep, YK_ELIMIT, 0, "ファイルが大きすぎます（上限 %u MB）",
				 KB_FILE_MAX >> 20);
		goto out;
	}
	yk_sha256(bytes, len, digest);
	yk_hex(digest, sizeof(digest), sha);
	/* Fast path without a write lock: the same bytes are already stored. */
	rc = source_find(db, name, &old, ei);
	if (rc && rc != YK_ENOTFOUND)
		goto out;
	if (!rc && strcmp(old.sha256, sha) == 0)
		goto unchanged;
	if ((rc = kb_parse(bytes, len, collect, &c, rep)))
		goto out;
	if ((rc = store_begin(db, ei)))
		goto out;
	in_tx = 1;
	/* Read again under the lock: another import may have come first. */
	rc = source_find(db, name, &old, ei);
	if (rc && rc != YK_ENOTFOUND)
		goto out;
	have_old = rc == 0;
	if (have_old && strcmp(old.sha256, sha) == 0) {
		store_rollback(db);
		in_tx = 0;
		goto unchanged;
	}
	if ((rc = write_source(db, actor, name, rep->format, sha, len, &c,
			       have_old ? &old : NULL, &rep->source_id, ei)))
		goto out;
	char detail[160];
	snprintf(detail, sizeof(detail),
		 "{\"source_id\":%lld,\"kind\":\"%s\",\"entries\":%zu,\"replaced\":%s}",
		 (long long)rep->source_id, kb_format_name(rep->format), c.n,
		 have_old ? "true" : "false");
	if ((rc = audit_record(db, actor_or_cli(actor), "kb.import", name, detail, NULL)))
		goto out;
	if ((rc = store_commit(db, ei)))
		goto out;
	in_tx = 0;
	rep->records = c.n;
	rep->status = have_old ? KB_IMPORT_REPLACED : KB_IMPORT_NEW;
	goto out;
unchanged:
	rc = 0;
	rep->status = KB_IMPORT_UNCHANGED;
	rep->source_id = old.id;
	rep->records = (size_t)old.entry_count;
out:
	if (in_tx)
		store_rollback(db);
	if (rc)
		fail(rep, rc, ei);
	free(c.recs);
	yk_arena_free(c.arena);
	return rc;
}

/* ---- entries ------------------------------------------------------------------ */

#define ENTRY_COLS                                                                         \
	"e.id, coalesce(e.source_id, 0), e.kind, coalesce(e.external_id, ''), e.question, " \
	"e.answer, e.title, e.heading_path, e.body, e.page, e.locator, e.category, e.url, "  \
	"e.public, e.hidden, e.created_at, e.updated_at, e.version, coalesce(s.name, '') "   \
	"FROM kb_entries e LEFT JOIN kb_sources s ON s.id = e.source_id "

static void row_to_entry(sqlite3_stmt *st, struct kb_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(st, 0);
	e->source_id = sqlite3_column_int64(st, 1);
	e->kind = strcmp(store_col_str(st, 2), "faq") == 0 ? KB_KIND_FAQ : KB_KIND_PASSAGE;
	e->external_id = store_col_str(st, 3);
	e->question = store_col_str(st, 4);
	e->answer = store_col_str(st, 5);
	e->title = store_col_str(st, 6);
	e->heading_path = store_col_str(st, 7);
	e->body = store_col_str(st, 8);
	e->page = sqlite3_column_int64(st, 9);
	e->locator = store_col_str(st, 10);
	e->category = store_col_str(st, 11);
	e->url = store_col_str(st, 12);
	e->is_public = sqlite3_column_int(st, 13);
	e->hidden = sqlite3_column_int(st, 14);
	e->created_at = sqlite3_column_int64(st, 15);
	e->updated_at = sqlite3_column_int64(st, 16);
	e->version = sqlite3_column_int64(st, 17);
	e->source_name = store_col_str(st, 18);
}

struct entry_each {
	int (*fn)(void *ctx, const struct kb_entry *e);
	void *ctx;
};

static int entry_row(void *vctx, sqlite3_stmt *st)
{
	struct entry_each *ee = vctx;
	struct kb_entry e;
	row_to_entry(st, &e);
	return ee->fn(ee->ctx, &e);
}

/* Hands each row of st to fn until fn returns non-zero (store_each). */
static int each_entry(struct store *db, sqlite3_stmt *st,
		      int (*fn)(void *ctx, const struct kb_entry *e), void *ctx)
{
	struct entry_each ee = {fn, ctx};
	return store_each(db, st, entry_row, &ee, NULL);
}

/* Reads an ENTRY_COLS row into out (a struct kb_entry) with its strings
 * copied into an arena that out then owns (kb_entry_release). */
static int entry_read_owned(void *vout, sqlite3_stmt *st)
{
	struct kb_entry *out = vout;
	row_to_entry(st, out);
	struct yk_arena *a = yk_arena_new();
	out->external_id = yk_arena_strdup(a, out->external_id);
	out->question = yk_arena_strdup(a, out->question);
	out->answer = yk_arena_strdup(a, out->answer);
	out->title = yk_arena_strdup(a, out->title);
	out->heading_path = yk_arena_strdup(a, out->heading_path);
	out->body = yk_arena_strdup(a, out->body);
	out->locator = yk_arena_strdup(a, out->locator);
	out->category = yk_arena_strdup(a, out->category);
	out->url = yk_arena_strdup(a, out->url);
	out->source_name = yk_arena_strdup(a, out->source_name);
	out->owned_ = a;
	return 0;
}

int kb_entry_get(struct store *db, int64_t id, struct kb_entry *out)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT " ENTRY_COLS "WHERE e.id = ?", &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return store_one(db, st, entry_read_owned, out, NULL);
}

void kb_entry_release(struct kb_entry *e)
{
	if (!e)
		return;
	yk_arena_free(e->owned_);
	e->owned_ = NULL;
}

#define LIST_WHERE                                                                     \
	"WHERE (?1 = 0 OR (?1 = -1 AND e.source_id IS NULL) OR e.source_id = ?1) "     \
	"AND (?2 IS NULL OR e.kind = ?2) AND (?3 IS NULL OR e.category = ?3) "          \
	"AND (?4 IS NULL OR instr(e.question, ?4) > 0 OR instr(e.answer, ?4) > 0 "      \
	"OR instr(e.title, ?4) > 0 OR instr(e.heading_path, ?4) > 0 "                   \
	"OR instr(e.body, ?4) > 0) AND (?5 = 1 OR e.hidden = 0) AND (?6 = 0 OR e.public = 1) "

static void bind_filter(sqlite3_stmt *st, const struct kb_entry_filter *f)
{
	sqlite3_bind_int64(st, 1, f->source_id);
	if (f->kind)
		sqlite3_bind_text(st, 2, f->kind == KB_KIND_FAQ ? "faq" : "passage", -1,
				  SQLITE_STATIC);
	if (f->category)
		sqlite3_bind_text(st, 3, f->category, -1, SQLITE_STATIC);
	if (f->text && f->text[0])
		sqlite3_bind_text(st, 4, f->text, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, f->include_hidden ? 1 : 0);
	sqlite3_bind_int(st, 6, f->public_only ? 1 : 0);
}

int kb_entry_list(struct store *db, const struct kb_entry_filter *f, int64_t offset,
		  int64_t limit, int (*fn)(void *ctx, const struct kb_entry *e), void *ctx,
		  int64_t *total)
{
	static const struct kb_entry_filter none;
	if (!f)
		f = &none;
	if (limit < 0 || limit > KB_LIST_LIMIT_MAX || offset < 0)
		return YK_EINVAL;
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT count(*) FROM kb_entries e " LIST_WHERE, &st, NULL);
	if (rc)
		return rc;
	bind_filter(st, f);
	int64_t count = 0;
	if ((rc = store_one_int(db, st, &count, NULL)))
		return rc;
	if (total)
		*total = count;
	rc = store_stmt(db,
			   "SELECT " ENTRY_COLS LIST_WHERE
			   "ORDER BY e.source_id IS NULL, e.source_id, e.position, e.id "
			   "LIMIT ?7 OFFSET ?8",
			   &st, NULL);
	if (rc)
		return rc;
	bind_filter(st, f);
	sqlite3_bind_int64(st, 7, limit);
	sqlite3_bind_int64(st, 8, offset);
	return each_entry(db, st, fn, ctx);
}

int kb_entry_foreach(struct store *db, int (*fn)(void *ctx, const struct kb_entry *e), void *ctx)
{
	/* One statement reads one snapshot (WAL): an import committed
	 * meanwhile is either wholly visible or not at all. */
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT " ENTRY_COLS "WHERE e.hidden = 0 ORDER BY e.id", &st,
			       NULL);
	return rc ? rc : each_entry(db, st, fn, ctx);
}

int kb_generation(struct store *db, int64_t *generation)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT generation FROM kb_state WHERE id = 1", &st, NULL);
	return rc ? rc : store_one_int(db, st, generation, NULL);
}

/* ---- editors' changes ------------------------------------------------------ */

static int check_field(const char *name, const char *s, size_t max, int required,
		       struct yk_errinfo *ei)
{
	size_t n = s ? strlen(s) : 0;
	if (required && n == 0) {
		yk_errinfo_at(ei, NULL, 0, name);
		return yk_errinfo_set(ei, YK_EINVAL, "%s を入力してください", name);
	}
	if (n > max) {
		yk_errinfo_at(ei, NULL, 0, name);
		return yk_errinfo_set(ei, YK_EINVAL, "%s が長すぎます（上限 %zu バイト）", name, max);
	}
	if (n && !yk_utf8_valid(s, n, NULL)) {
		yk_errinfo_at(ei, NULL, 0, name);
		return yk_errinfo_set(ei, YK_EINVAL, "%s の文字コードが正しくありません", name);
	}
	return 0;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static int check_spec(enum kb_kind kind, const struct kb_entry_spec *sp, struct yk_errinfo *ei)
{
	int faq = kind == KB_KIND_FAQ;
	int rc;
	if (kind != KB_KIND_FAQ && kind != KB_KIND_PASSAGE) {
		yk_errinfo_at(ei, NULL, 0, "kind");
		return yk_errinfo_set(ei, YK_EINVAL, "種類は faq か passage にしてください");
	}
	if ((rc = check_field("question", sp->question, KB_FIELD_MAX, faq, ei)) ||
	    (rc = check_field("answer", sp->answer, KB_FIELD_MAX, faq, ei)) ||
	    (rc = check_field("body", sp->body, KB_FIELD_MAX, !faq, ei)) ||
	    (rc = check_field("title", sp->title, KB_HEADING_MAX, 0, ei)) ||
	    (rc = check_field("heading_path", sp->heading_path, KB_HEADING_MAX * KB_HEADING_DEPTH,
			      0, ei)) ||
	    (rc = check_field("category", sp->category, KB_HEADING_MAX, 0, ei)) ||
	    (rc = check_field("url", sp->url, 2048, 0, ei)))
		return rc;
	/* The same URL rule as in imported files. */
	static const char *const names[KB__F_COUNT] = {"id", "question", "answer",
						      "category", "url", "public"};
	struct kb_record r = {.question = "q", .answer = "a", .url = nz(sp->url)};
	char msg[256];
	if (kb__faq_check(&r, names, msg, sizeof(msg))) {
		yk_errinfo_at(ei, NULL, 0, "url");
		return yk_errinfo_set(ei, YK_EINVAL, "%s", msg);
	}
	return 0;
}

static void bind_spec(sqlite3_stmt *st, const struct kb_entry_spec *sp)
{
	sqlite3_bind_text(st, 1, nz(sp->question), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, nz(sp->answer), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, nz(sp->title), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, nz(sp->heading_path), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, nz(sp->body), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, nz(sp->category), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, nz(sp->url), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, sp->is_public ? 1 : 0);
	sqlite3_bind_int64(st, 9, yk_now_unix());
}

static int audit_entry(struct store *db, const struct audit_actor *actor, const char *action,
		       int64_t id)
{
	char target[32];
	snprintf(target, sizeof(target), "kb_entry:%lld", (long long)id);
	return audit_record(db, actor_or_cli(actor), action, target, NULL, NULL);
}

int kb_entry_create(struct store *db, const struct audit_actor *actor,
		    const struct kb_entry_spec *spec, int64_t *id, struct yk_errinfo *ei)
{
	int rc = check_spec(spec->kind, spec, ei);
	if (rc)
		return rc;
	if ((rc = store_begin(db, ei)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
				"INSERT INTO kb_entries(question, answer, title, heading_path, body, "
				"category, url, public, created_at, updated_at, kind) "
				"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
				&st, ei)))
		goto out;
	bind_spec(st, spec);
	sqlite3_bind_text(st, 10, spec->kind == KB_KIND_FAQ ? "faq" : "passage", -1,
			  SQLITE_STATIC);
	if ((rc = store_step_done(db, st, ei)))
		goto out;
	*id = sqlite3_last_insert_rowid(store_handle(db));
	if ((rc = bump_generation(db, ei)) || (rc = audit_entry(db, actor, "kb.entry.create", *id)))
		goto out;
	rc = store_commit(db, ei);
out:
	if (rc)
		store_rollback(db);
	return rc;
}

/* Runs an UPDATE / DELETE on one entry (bound by the caller through
 * bind), audits it and commits; YK_ENOTFOUND when no row changed. */
static int change_entry(struct store *db, const struct audit_actor *actor, int64_t id,
			const char *sql, int id_param, const struct kb_entry_spec *spec,
			int hidden, const char *action, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db, sql, &st, ei)))
		goto out;
	if (spec)
		bind_spec(st, spec);
	if (hidden >= 0) {
		sqlite3_bind_int(st, 1, hidden);
		sqlite3_bind_int64(st, 2, yk_now_unix());
	}
	sqlite3_bind_int64(st, id_param, id);
	if ((rc = store_step_done(db, st, ei)))
		goto out;
	if (sqlite3_changes(store_handle(db)) == 0) {
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "項目 %lld は見つかりません", (long long)id);
		goto out;
	}
	if ((rc = bump_generation(db, ei)) || (rc = audit_entry(db, actor, action, id)))
		goto out;
	rc = store_commit(db, ei);
out:
	if (rc)
		store_rollback(db);
	return rc;
}

int kb_entry_update(struct store *db, const struct audit_actor *actor, int64_t id,
		    const struct kb_entry_spec *spec, struct yk_errinfo *ei)
{
	struct kb_entry cur;
	int rc = kb_entry_get(db, id, &cur);
	if (rc) {
		if (rc == YK_ENOTFOUND)
			yk_errinfo_set(ei, rc, "項目 %lld は見つかりません", (long long)id);
		return rc;
	}
	enum kb_kind kind = cur.kind;
	kb_entry_release(&cur);
	if ((rc = check_spec(kind, spec, ei)))
		return rc;
	return change_entry(db, actor, id,
			    "UPDATE kb_entries SET question = ?1, answer = ?2, title = ?3, "
			    "heading_path = ?4, body = ?5, category = ?6, url = ?7, public = ?8, "
			    "updated_at = ?9, version = version + 1 WHERE id = ?10",
			    10, spec, -1, "kb.entry.update", ei);
}

int kb_entry_set_hidden(struct store *db, const struct audit_actor *actor, int64_t id,
			int hidden, struct yk_errinfo *ei)
{
	return change_entry(db, actor, id,
			    "UPDATE kb_entries SET hidden = ?1, updated_at = ?2, "
			    "version = version + 1 WHERE id = ?3",
			    3, NULL, hidden ? 1 : 0, hidden ? "kb.entry.hide" : "kb.entry.show", ei);
}

int kb_entry_delete(struct store *db, const struct audit_actor *actor, int64_t id,
		    struct yk_errinfo *ei)
{
	return change_entry(db, actor, id, "DELETE FROM kb_entries WHERE id = ?1", 1, NULL, -1,
			    "kb.entry.delete", ei);
}

/* One statement for the entries a question shows: QA asks for up to
 * KB_GET_MANY_MAX at once on every question, so it is cached. */
static const char get_many_sql[] = "SELECT " ENTRY_COLS "WHERE e.id IN (?1, ?2, ?3, ?4, ?5, ?6, "
				   "?7, ?8, ?9, ?10, ?11, ?12)";
_Static_assert(KB_GET_MANY_MAX == 12, "get_many_sql binds 12 ids");

int kb_entry_get_many(struct store *db, const int64_t *ids, size_t n,
		      int (*fn)(void *ctx, const struct kb_entry *e), void *ctx)
{
	if (n > KB_GET_MANY_MAX)
		return YK_EINVAL;
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, get_many_sql, &st, NULL);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		sqlite3_bind_int64(st, (int)i + 1, ids[i]);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_entry e;
		row_to_entry(st, &e);
		if ((rc = fn(ctx, &e)))
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = store_err(db, src, NULL);
	sqlite3_reset(st);
	return rc;
}
