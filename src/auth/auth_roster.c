/* auth: the staff roster — row checks on top of the import unit
 * (src/ingest/: decoding, CSV/TSV, header mapping, problem list) and the
 * all-or-nothing import. */
#include <string.h>

#include "auth/auth_int.h"
#include "core/banned.h"

enum col { COL_EMPLOYEE_NO, COL_NAME, COL_DEPARTMENT, COL_TIER, COL_EMAIL, COL_COUNT };

static const struct ingest_column roster_columns[COL_COUNT] = {
	[COL_EMPLOYEE_NO] = {"employee_no", "職員番号", INGEST_REQUIRED | INGEST_NONEMPTY, {NULL}},
	[COL_NAME] = {"name", "氏名", INGEST_REQUIRED | INGEST_NONEMPTY, {"名前", NULL}},
	[COL_DEPARTMENT] = {"department", "所属", INGEST_REQUIRED | INGEST_NONEMPTY,
			    {"部署", NULL}},
	/* 役割 is what older files call the tier: still accepted. */
	[COL_TIER] = {"tier", "DX区分", INGEST_REQUIRED | INGEST_NONEMPTY, {"区分", "役割", NULL}},
	[COL_EMAIL] = {"email", "メール", 0, {"e-mail", "メールアドレス", NULL}},
};

static int employee_no_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > AUTH_EMPLOYEE_NO_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

struct parse_ctx {
	int (*fn)(void *ctx, const struct auth_roster_row *row);
	void *ctx;
	struct auth_roster_result *res;
	struct ingest_seen seen; /* employee number -> first line */
};

/* Checks one roster row (the reader has reported empty required cells). */
static int check_row(void *vctx, const struct ingest_row *row, struct ingest_problems *p)
{
	struct parse_ctx *pc = vctx;
	const char *const *v = row->value;
	pc->res->rows = row->number;
	int ok = row->ok;
	if (*v[COL_EMPLOYEE_NO] && !employee_no_ok(v[COL_EMPLOYEE_NO])) {
		ingest_row_problem(row, p, COL_EMPLOYEE_NO,
				   "は半角英数字と - _ で %d 文字以内にしてください",
				   AUTH_EMPLOYEE_NO_MAX);
		ok = 0;
	}
	struct yk_errinfo ei = {0};
	if (*v[COL_NAME] && auth__check_name(v[COL_NAME], "name", "氏名", AUTH_NAME_MAX, &ei)) {
		ingest_row_problem(row, p, COL_NAME, ": %s", ei.message);
		ok = 0;
	}
	char canon[AUTH_DEPT_PATH_MAX + 1];
	if (*v[COL_DEPARTMENT] && auth_dept_path_normalize(v[COL_DEPARTMENT],
							   row->len[COL_DEPARTMENT], canon,
							   sizeof(canon), &ei)) {
		ingest_row_problem(row, p, COL_DEPARTMENT, ": %s", ei.message);
		ok = 0;
	}
	if (*v[COL_TIER] && strcmp(v[COL_TIER], AUTH_TIER_EXECUTIVE) != 0 &&
	    strcmp(v[COL_TIER], AUTH_TIER_DX_LEADER) != 0 &&
	    strcmp(v[COL_TIER], AUTH_TIER_GENERAL) != 0) {
		/* The tier is not personal data: show what was written. */
		char shown[48];
		yk_strlcpy(shown, v[COL_TIER], sizeof(shown));
		if (!yk_utf8_valid(shown, strlen(shown), NULL))
			yk_strlcpy(shown, "?", sizeof(shown));
		ingest_row_problem(row, p, COL_TIER,
				   "の「%s」は使えません（幹部・DX推進リーダー・一般職員 のいずれか）",
				   shown);
		ok = 0;
	}
	if (auth__check_email(v[COL_EMAIL], &ei)) {
		ingest_row_problem(row, p, COL_EMAIL, ": %s", ei.message);
		ok = 0;
	}
	if (ok && *v[COL_EMPLOYEE_NO]) {
		long first = ingest_seen_add(&pc->seen, v[COL_EMPLOYEE_NO], row->len[COL_EMPLOYEE_NO],
					     row->line);
		if (first) {
			ingest_row_problem(row, p, COL_EMPLOYEE_NO, "が %ld 行目と重複しています",
					   first);
			ok = 0;
		}
	}
	if (!ok || p->count || !pc->fn)
		return 0;
	struct auth_roster_row out = {row->line, v[COL_EMPLOYEE_NO], v[COL_NAME], canon,
				      v[COL_TIER], v[COL_EMAIL]};
	return pc->fn(pc->ctx, &out);
}

static int ends_with_tsv(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	return n >= 4 && strcasecmp(name + n - 4, ".tsv") == 0;
}

int auth_roster_parse(const char *bytes, size_t len, const char *filename,
		      int (*fn)(void *ctx, const struct auth_roster_row *row), void *ctx,
		      struct auth_roster_result *res)
{
	memset(res, 0, sizeof(*res));
	yk_strlcpy(res->file, filename ? filename : "", sizeof(res->file));
	const struct ingest_spec spec = {
		.columns = roster_columns,
		.ncolumns = COL_COUNT,
		.separator = ends_with_tsv(filename) ? '\t' : ',',
		.unknown = INGEST_UNKNOWN_REPORT,
		.limits = {AUTH_ROSTER_MAX_BYTES, AUTH_ROSTER_MAX_ROWS, AUTH_ROSTER_MAX_FIELDS,
			   AUTH_ROSTER_FIELD_MAX},
	};
	struct parse_ctx pc = {.fn = fn, .ctx = ctx, .res = res};
	int rc = ingest_table(&spec, bytes, len, check_row, &pc, &res->problems);
	ingest_seen_release(&pc.seen);
	return rc;
}

/* ---- import ------------------------------------------------------------- */

struct import_ctx {
	struct yk_arena *arena;
	struct auth_staff *rows;
	size_t n, cap;
};

static int collect_row(void *vctx, const struct auth_roster_row *r)
{
	struct import_ctx *ctx = vctx;
	if (ctx->n == ctx->cap) {
		ctx->cap = ctx->cap ? ctx->cap * 2 : 64;
		ctx->rows = yk_xrealloc(ctx->rows, ctx->cap * sizeof(*ctx->rows));
	}
	struct auth_staff *s = &ctx->rows[ctx->n++];
	memset(s, 0, sizeof(*s));
	s->id = r->line;
	yk_strlcpy(s->employee_no, r->employee_no, sizeof(s->employee_no));
	yk_strlcpy(s->name, r->name, sizeof(s->name));
	yk_strlcpy(s->department_path, r->department_path, sizeof(s->department_path));
	yk_strlcpy(s->tier, r->tier, sizeof(s->tier));
	yk_strlcpy(s->email, r->email, sizeof(s->email));
	return 0;
}

/* Upserts one roster row; counts what happened in res. */
static int staff_upsert(struct store *db, const struct audit_actor *actor, const struct auth_staff *s,
			struct auth_roster_result *res, struct yk_errinfo *ei)
{
	int64_t dept;
	int rc = auth__dept_ensure_tx(db, actor, s->department_path, &dept, &res->departments_created,
				      ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
				"SELECT id, name = ?2 AND department_id = ?3 AND tier = ?4"
				" AND coalesce(email, '') = ?5 AND left_at IS NULL FROM staff WHERE employee_no = ?1",
				&st, ei)))
		return rc;
	sqlite3_bind_text(st, 1, s->employee_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, s->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, dept);
	sqlite3_bind_text(st, 4, s->tier, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, s->email, -1, SQLITE_TRANSIENT);
	int64_t id = 0;
	int same = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		same = sqlite3_column_int(st, 1);
	}
	store_reset(st);
	if (id && same) {
		res->unchanged++;
		return 0;
	}
	if ((rc = store_stmt(db,
				id ? "UPDATE staff SET name = ?2, department_id = ?3, tier = ?4,"
				     " email = ?5, updated_at = ?6, left_at = NULL WHERE employee_no = ?1"
				   : "INSERT INTO staff(employee_no, name, department_id, tier, email,"
				     " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				&st, ei)))
		return rc;
	sqlite3_bind_text(st, 1, s->employee_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, s->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, dept);
	sqlite3_bind_text(st, 4, s->tier, -1, SQLITE_TRANSIENT);
	store_bind_opt_text(st, 5, s->email);
	sqlite3_bind_int64(st, 6, yk_now_unix());
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	if (id)
		res->updated++;
	else
		res->inserted++;
	return 0;
}

int auth__roster_collect(const char *bytes, size_t len, const char *filename,
			 struct auth_roster_result *res, struct auth_staff **rows, size_t *n,
			 struct yk_errinfo *ei)
{
	struct import_ctx ctx = {0};
	int rc = auth_roster_parse(bytes, len, filename, collect_row, &ctx, res);
	if (rc) {
		if (res->problems.count)
			ingest_problems_errinfo(&res->problems, filename, rc, ei);
		else
			yk_errinfo_set(ei, rc, "%s: 読み込めません", filename);
		free(ctx.rows);
		return rc;
	}
	*rows = ctx.rows;
	*n = ctx.n;
	return 0;
}

int auth_roster_import(struct store *db, const struct audit_actor *actor, const char *bytes,
		       size_t len, const char *filename, struct auth_roster_result *res,
		       struct yk_errinfo *ei)
{
	struct import_ctx ctx = {0};
	int rc = auth__roster_collect(bytes, len, filename, res, &ctx.rows, &ctx.n, ei);
	if (rc)
		goto out;
	if ((rc = store_begin(db, ei)))
		goto out;
	for (size_t i = 0; i < ctx.n; i++) {
		if ((rc = staff_upsert(db, actor, &ctx.rows[i], res, ei))) {
			yk_errinfo_at(ei, filename, (long)ctx.rows[i].id, NULL);
			goto fail;
		}
	}
	if ((rc = audit_record_json(db, actor, "staff.import", filename,
				   json_pack("{s:I, s:I, s:I, s:I, s:I}", "rows", (json_int_t)res->rows,
					     "inserted", (json_int_t)res->inserted, "updated",
					     (json_int_t)res->updated, "unchanged",
					     (json_int_t)res->unchanged, "departments_created",
					     (json_int_t)res->departments_created), NULL)) ||
	    (rc = store_commit(db, ei)))
		goto fail;
	goto out;
fail:
	store_rollback(db);
	res->inserted = res->updated = res->unchanged = res->departments_created = 0;
out:
	free(ctx.rows);
	return rc;
}

/* ---- listing -------------------------------------------------------------- */

#define STAFF_WHERE                                                                  \
	" FROM staff s JOIN departments d ON d.id = s.department_id"                  \
	" WHERE (?4 OR s.left_at IS NULL) AND (?1 IS NULL OR instr(s.name, ?1) > 0"   \
	" OR instr(s.employee_no, ?1) > 0 OR instr(d.path, ?1) > 0)"

struct staff_list_ctx {
	int (*fn)(void *ctx, const struct auth_staff *s);
	void *ctx;
	struct auth_staff s;
};

static int staff_row(void *vctx, sqlite3_stmt *st)
{
	struct staff_list_ctx *lc = vctx;
	struct auth_staff *s = &lc->s;
	s->id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, s->employee_no, sizeof(s->employee_no));
	store_col_text(st, 2, s->name, sizeof(s->name));
	store_col_text(st, 3, s->department_path, sizeof(s->department_path));
	store_col_text(st, 4, s->tier, sizeof(s->tier));
	store_col_text(st, 5, s->email, sizeof(s->email));
	s->left_at = sqlite3_column_int64(st, 6);
	return lc->fn(lc->ctx, s);
}

int auth_staff_query(struct store *db, const char *query, unsigned flags, int64_t offset,
		     int64_t limit, int (*fn)(void *ctx, const struct auth_staff *s), void *ctx,
		     int64_t *total)
{
	sqlite3_stmt *st = NULL;
	int all = (flags & AUTH_STAFF_INCLUDE_LEFT) != 0;
	int rc = store_stmt(db, "SELECT count(*)" STAFF_WHERE, &st, NULL);
	if (rc)
		return rc;
	store_bind_opt_text(st, 1, query);
	sqlite3_bind_int(st, 4, all);
	if ((rc = store_row(db, st, NULL)) < 0)
		return rc;
	*total = rc ? sqlite3_column_int64(st, 0) : 0;
	store_reset(st);
	if ((rc = store_stmt(db,
			     "SELECT s.id, s.employee_no, s.name, d.path, s.tier, s.email,"
			     " coalesce(s.left_at, 0)" STAFF_WHERE
			     " ORDER BY s.left_at IS NOT NULL, d.path, s.employee_no LIMIT ?2 OFFSET ?3",
			     &st, NULL)))
		return rc;
	store_bind_opt_text(st, 1, query);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : 100);
	sqlite3_bind_int64(st, 3, offset > 0 ? offset : 0);
	sqlite3_bind_int(st, 4, all);
	struct staff_list_ctx *lc = yk_xcalloc(1, sizeof(*lc));
	lc->fn = fn;
	lc->ctx = ctx;
	rc = store_each(db, st, staff_row, lc, NULL);
	free(lc);
	return rc;
}

int auth_staff_counts(struct store *db, const char *query, int64_t *current, int64_t *left)
{
	sqlite3_stmt *st = NULL;
	*current = *left = 0;
	/* STAFF_WHERE with ?4 = 1: everyone, then split by left_at. */
	int rc = store_stmt(db, "SELECT count(*) - count(s.left_at), count(s.left_at)" STAFF_WHERE,
			    &st, NULL);
	if (rc)
		return rc;
	store_bind_opt_text(st, 1, query);
	sqlite3_bind_int(st, 4, 1);
	if ((rc = store_row(db, st, NULL)) < 0)
		return rc;
	if (rc) {
		*current = sqlite3_column_int64(st, 0);
		*left = sqlite3_column_int64(st, 1);
	}
	store_reset(st);
	return 0;
}

int auth_staff_list(struct store *db, const char *query, int64_t offset, int64_t limit,
		    int (*fn)(void *ctx, const struct auth_staff *s), void *ctx, int64_t *total)
{
	return auth_staff_query(db, query, 0, offset, limit, fn, ctx, total);
}
