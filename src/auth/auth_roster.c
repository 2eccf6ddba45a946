/* auth: the staff roster — a pure CSV parser (UTF-8 or CP932) and the
 * all-or-nothing import. */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <string.h>

#include "auth/auth_int.h"
#include "core/banned.h"

#define ROSTER_MAX_FIELDS 32    /* columns in one row */
#define ROSTER_FIELD_MAX 4096   /* bytes in one cell */

enum col { COL_EMPLOYEE_NO, COL_NAME, COL_DEPARTMENT, COL_TIER, COL_EMAIL, COL_COUNT };

static const struct {
	enum col col;
	const char *name;
} header_names[] = {
	{COL_EMPLOYEE_NO, "employee_no"}, {COL_EMPLOYEE_NO, "職員番号"},
	{COL_NAME, "name"},               {COL_NAME, "氏名"},
	{COL_NAME, "名前"},               {COL_DEPARTMENT, "department"},
	{COL_DEPARTMENT, "所属"},         {COL_DEPARTMENT, "部署"},
	{COL_TIER, "tier"},               {COL_TIER, "役割"},
	{COL_TIER, "区分"},               {COL_EMAIL, "email"},
	{COL_EMAIL, "e-mail"},            {COL_EMAIL, "メール"},
	{COL_EMAIL, "メールアドレス"},
};

static const char *const col_labels[COL_COUNT] = {"職員番号", "氏名", "所属", "役割", "メール"};

static void roster_error(struct auth_roster_result *res, long line, const char *fmt, ...)
	YK_PRINTF(3, 4);

static void roster_error(struct auth_roster_result *res, long line, const char *fmt, ...)
{
	if (res->error_count < AUTH_ROSTER_MAX_ERRORS) {
		struct auth_roster_error *e = &res->errors[res->error_count];
		e->line = line;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->message, sizeof(e->message), fmt, ap);
		va_end(ap);
	}
	res->error_count++;
}

/* ---- decoding -------------------------------------------------------------- */

/* CP932 → UTF-8 with iconv. NULL when the bytes are not CP932 either; then
 * *bad_offset is where decoding stopped. */
static char *cp932_to_utf8(const char *in, size_t len, size_t *outlen, size_t *bad_offset)
{
	iconv_t cd = iconv_open("UTF-8", "CP932");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 3 / 2 + 16; /* CP932 → UTF-8 grows by at most 3/2 */
	char *out = yk_xmalloc(cap + 1);
	char *ip = (char *)(uintptr_t)in, *op = out;
	size_t il = len, ol = cap;
	size_t r = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	if (r == (size_t)-1) {
		*bad_offset = (size_t)(ip - in);
		free(out);
		return NULL;
	}
	*outlen = (size_t)(op - out);
	out[*outlen] = '\0';
	return out;
}

/* ---- CSV ------------------------------------------------------------------- */

struct csv_row {
	long line; /* where the row starts */
	size_t n;
	char *field[ROSTER_MAX_FIELDS];
	size_t flen[ROSTER_MAX_FIELDS];
	int quoted_any;
};

struct csv {
	const char *s;
	size_t len, pos;
	long line;
	struct yk_buf cell;
	char *cells[ROSTER_MAX_FIELDS];
};

/* Reads one record. Returns 1 with a row, 0 at the end, or -1 on a syntax
 * error (message in res; the reader skips to the next line). */
static int csv_next(struct csv *c, struct csv_row *row, struct auth_roster_result *res)
{
	if (c->pos >= c->len)
		return 0;
	row->line = c->line;
	row->n = 0;
	row->quoted_any = 0;
	int err = 0;
	for (;;) { /* one field */
		yk_buf_reset(&c->cell);
		int quoted = 0;
		if (c->pos < c->len && c->s[c->pos] == '"') {
			quoted = 1;
			row->quoted_any = 1;
			c->pos++;
			for (;;) {
				if (c->pos >= c->len) {
					roster_error(res, row->line, "引用符 \" が閉じられていません");
					return -1;
				}
				char ch = c->s[c->pos++];
				if (ch == '"') {
					if (c->pos < c->len && c->s[c->pos] == '"') {
						c->pos++;
					} else {
						break;
					}
				} else if (ch == '\n') {
					c->line++;
				}
				if (!err && yk_buf_addc(&c->cell, ch) != 0)
					err = 1;
			}
		}
		while (c->pos < c->len) { /* unquoted part (or after the closing quote) */
			char ch = c->s[c->pos];
			if (ch == ',' || ch == '\n' || ch == '\r')
				break;
			if (quoted || ch == '"') {
				roster_error(res, c->line,
					     quoted ? "閉じ引用符の後に余分な文字があります"
						    : "引用符 \" は項目全体を囲むときだけ使えます");
				while (c->pos < c->len && c->s[c->pos] != '\n')
					c->pos++;
				if (c->pos < c->len) {
					c->pos++;
					c->line++;
				}
				return -1;
			}
			if (!err && yk_buf_addc(&c->cell, ch) != 0)
				err = 1;
			c->pos++;
		}
		if (err) {
			roster_error(res, row->line, "項目が長すぎます（%d バイトまで）", ROSTER_FIELD_MAX);
			err = 0;
			yk_buf_reset(&c->cell);
			row->n = ROSTER_MAX_FIELDS + 1; /* marks the row bad */
		}
		if (row->n < ROSTER_MAX_FIELDS) {
			free(c->cells[row->n]);
			c->cells[row->n] = yk_xstrndup(c->cell.data ? c->cell.data : "", c->cell.len);
			row->field[row->n] = c->cells[row->n];
			row->flen[row->n] = c->cell.len;
			row->n++;
		} else if (row->n == ROSTER_MAX_FIELDS) {
			roster_error(res, row->line, "列が多すぎます（%d 列まで）", ROSTER_MAX_FIELDS);
			row->n++;
		}
		if (c->pos >= c->len)
			break;
		char ch = c->s[c->pos++];
		if (ch == ',')
			continue;
		if (ch == '\r' && c->pos < c->len && c->s[c->pos] == '\n')
			c->pos++;
		c->line++;
		break;
	}
	return row->n > ROSTER_MAX_FIELDS ? -1 : 1;
}

/* 1 when the NUL-terminated s starts with U+3000 (ideographic space). */
static int ideo_space(const char *s)
{
	return s[0] == '\xE3' && s[1] == '\x80' && s[2] == '\x80';
}

/* Trims ASCII whitespace and U+3000 in place; returns the new start. */
static char *trim(char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (ideo_space(s))
			s += 3;
		else
			break;
	}
	size_t n = strlen(s);
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 3 && ideo_space(s + n - 3))
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

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

/* Seen employee numbers: a small open-addressing set (number → line). */
struct seen {
	char **key;
	long *line;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Returns the earlier line of key, or 0 after inserting it. */
static long seen_add(struct seen *t, const char *key, long line)
{
	if (t->n * 2 >= t->cap) {
		struct seen g = {0};
		g.cap = t->cap ? t->cap * 2 : 256;
		g.key = yk_xcalloc(g.cap, sizeof(*g.key));
		g.line = yk_xcalloc(g.cap, sizeof(*g.line));
		for (size_t i = 0; i < t->cap; i++)
			if (t->key[i]) {
				size_t j = hash_str(t->key[i]) & (g.cap - 1);
				while (g.key[j])
					j = (j + 1) & (g.cap - 1);
				g.key[j] = t->key[i];
				g.line[j] = t->line[i];
			}
		g.n = t->n;
		free(t->key);
		free(t->line);
		*t = g;
	}
	size_t j = hash_str(key) & (t->cap - 1);
	while (t->key[j]) {
		if (strcmp(t->key[j], key) == 0)
			return t->line[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->key[j] = yk_xstrdup(key);
	t->line[j] = line;
	t->n++;
	return 0;
}

static void seen_free(struct seen *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->key[i]);
	free(t->key);
	free(t->line);
}

static int header_map(struct csv_row *h, int map[ROSTER_MAX_FIELDS],
		      struct auth_roster_result *res)
{
	int have[COL_COUNT] = {0};
	int bad = 0;
	for (size_t i = 0; i < h->n; i++) {
		char *name = trim(h->field[i]);
		map[i] = -1;
		for (size_t k = 0; k < YK_ARRAY_LEN(header_names); k++)
			if (strcasecmp(name, header_names[k].name) == 0)
				map[i] = (int)header_names[k].col;
		if (map[i] < 0) {
			char shown[80];
			yk_strlcpy(shown, name, sizeof(shown));
			if (!yk_utf8_valid(shown, strlen(shown), NULL))
				yk_strlcpy(shown, "?", sizeof(shown));
			roster_error(res, h->line,
				     "不明な列「%s」があります（使える列: employee_no, name, department, "
				     "tier, email または 職員番号, 氏名, 所属, 役割, メール）",
				     shown);
			bad = 1;
		} else if (have[map[i]]++) {
			roster_error(res, h->line, "列「%s」が 2 回あります", col_labels[map[i]]);
			bad = 1;
		}
	}
	for (int c = 0; c < COL_EMAIL; c++)
		if (!have[c]) {
			roster_error(res, h->line, "必須の列「%s」がありません", col_labels[c]);
			bad = 1;
		}
	return bad ? -1 : 0;
}

int auth_roster_parse(const char *bytes, size_t len, const char *filename,
		      int (*fn)(void *ctx, const struct auth_roster_row *row), void *ctx,
		      struct auth_roster_result *res)
{
	memset(res, 0, sizeof(*res));
	yk_strlcpy(res->file, filename ? filename : "", sizeof(res->file));
	if (len > AUTH_ROSTER_MAX_BYTES) {
		roster_error(res, 0, "ファイルが大きすぎます（%u MB まで）", AUTH_ROSTER_MAX_BYTES >> 20);
		return YK_ELIMIT;
	}
	char *owned = NULL;
	const char *text = bytes;
	size_t tlen = len;
	if (tlen >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		tlen -= 3;
	}
	size_t bad = 0;
	if (!yk_utf8_valid(text, tlen, &bad)) {
		size_t bad932 = 0, olen = 0;
		owned = cp932_to_utf8(text, tlen, &olen, &bad932);
		if (!owned) {
			long line = 1;
			for (size_t i = 0; i < bad && i < tlen; i++)
				line += text[i] == '\n';
			roster_error(res, line,
				     "文字コードを判別できません（UTF-8 または Shift_JIS(CP932) で保存してください）");
			return YK_EPARSE;
		}
		text = owned;
		tlen = olen;
	}
	if (memchr(text, '\0', tlen)) {
		long line = 1;
		for (const char *p = text; *p; p++)
			line += *p == '\n';
		roster_error(res, line, "ファイルに NUL 文字が含まれています");
		free(owned);
		return YK_EPARSE;
	}

	struct csv c = {.s = text, .len = tlen, .line = 1};
	yk_buf_init(&c.cell, ROSTER_FIELD_MAX);
	struct csv_row row;
	int map[ROSTER_MAX_FIELDS];
	struct seen seen = {0};
	int rc = 0, r;

	/* The header: the first non-blank record. */
	do {
		r = csv_next(&c, &row, res);
	} while (r == 1 && row.n == 1 && row.flen[0] == 0 && !row.quoted_any);
	if (r == 0) {
		roster_error(res, 1, "ファイルが空です（1 行目に見出しの行が必要です）");
		rc = YK_EPARSE;
		goto out;
	}
	if (r < 0 || header_map(&row, map, res) != 0) {
		rc = YK_EPARSE;
		goto out;
	}
	size_t ncols = row.n;

	while ((r = csv_next(&c, &row, res)) != 0) {
		if (r < 0)
			continue;
		if (row.n == 1 && row.flen[0] == 0 && !row.quoted_any)
			continue; /* blank line */
		if (++res->rows > AUTH_ROSTER_MAX_ROWS) {
			roster_error(res, row.line, "行が多すぎます（%d 行まで）", AUTH_ROSTER_MAX_ROWS);
			rc = YK_ELIMIT;
			goto out;
		}
		if (row.n != ncols) {
			roster_error(res, row.line, "列の数が見出しと違います（%zu 列、見出しは %zu 列）",
				     row.n, ncols);
			continue;
		}
		const char *v[COL_COUNT] = {"", "", "", "", ""};
		for (size_t i = 0; i < row.n; i++)
			v[map[i]] = trim(row.field[i]);
		int ok = 1;
		for (int k = 0; k < COL_EMAIL; k++)
			if (!*v[k]) {
				roster_error(res, row.line, "「%s」が空です", col_labels[k]);
				ok = 0;
			}
		if (*v[COL_EMPLOYEE_NO] && !employee_no_ok(v[COL_EMPLOYEE_NO])) {
			roster_error(res, row.line,
				     "「職員番号」は半角英数字と - _ で %d 文字以内にしてください",
				     AUTH_EMPLOYEE_NO_MAX);
			ok = 0;
		}
		struct yk_errinfo ei = {0};
		if (*v[COL_NAME] && auth__check_name(v[COL_NAME], "name", "氏名", AUTH_NAME_MAX, &ei)) {
			roster_error(res, row.line, "%s", ei.message);
			ok = 0;
		}
		char canon[AUTH_DEPT_PATH_MAX + 1];
		if (*v[COL_DEPARTMENT] && auth_dept_path_normalize(v[COL_DEPARTMENT],
								   strlen(v[COL_DEPARTMENT]), canon,
								   sizeof(canon), &ei)) {
			roster_error(res, row.line, "「所属」: %s", ei.message);
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
			roster_error(res, row.line,
				     "「役割」の「%s」は使えません（幹部・DX推進リーダー・一般職員 のいずれか）",
				     shown);
			ok = 0;
		}
		if (auth__check_email(v[COL_EMAIL], &ei)) {
			roster_error(res, row.line, "「メール」: %s", ei.message);
			ok = 0;
		}
		if (ok && *v[COL_EMPLOYEE_NO]) {
			long first = seen_add(&seen, v[COL_EMPLOYEE_NO], row.line);
			if (first) {
				roster_error(res, row.line, "職員番号が %ld 行目と重複しています", first);
				ok = 0;
			}
		}
		if (!ok || res->error_count)
			continue;
		struct auth_roster_row out = {row.line, v[COL_EMPLOYEE_NO], v[COL_NAME], canon,
					      v[COL_TIER], v[COL_EMAIL]};
		if ((rc = fn(ctx, &out)) != 0)
			goto out;
	}
	if (res->error_count)
		rc = YK_EPARSE;
out:
	for (size_t i = 0; i < ROSTER_MAX_FIELDS; i++)
		free(c.cells[i]);
	yk_buf_release(&c.cell);
	seen_free(&seen);
	free(owned);
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
static int staff_upsert(struct store *db, const struct auth_actor *actor, const struct auth_staff *s,
			struct auth_roster_result *res, struct yk_errinfo *ei)
{
	int64_t dept;
	int rc = auth__dept_ensure_tx(db, actor, s->department_path, &dept, &res->departments_created,
				      ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"SELECT id, name = ?2 AND department_id = ?3 AND tier = ?4"
				" AND coalesce(email, '') = ?5 FROM staff WHERE employee_no = ?1",
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
	sqlite3_finalize(st);
	if (id && same) {
		res->unchanged++;
		return 0;
	}
	if ((rc = store_prepare(db,
				id ? "UPDATE staff SET name = ?2, department_id = ?3, tier = ?4,"
				     " email = ?5, updated_at = ?6 WHERE employee_no = ?1"
				   : "INSERT INTO staff(employee_no, name, department_id, tier, email,"
				     " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				&st, ei)))
		return rc;
	sqlite3_bind_text(st, 1, s->employee_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, s->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, dept);
	sqlite3_bind_text(st, 4, s->tier, -1, SQLITE_TRANSIENT);
	auth__bind_opt(st, 5, s->email);
	sqlite3_bind_int64(st, 6, yk_now_unix());
	if ((rc = auth__step_done(db, st, ei)))
		return rc;
	if (id)
		res->updated++;
	else
		res->inserted++;
	return 0;
}

int auth_roster_import(struct store *db, const struct auth_actor *actor, const char *bytes,
		       size_t len, const char *filename, struct auth_roster_result *res,
		       struct yk_errinfo *ei)
{
	struct import_ctx ctx = {0};
	int rc = auth_roster_parse(bytes, len, filename, collect_row, &ctx, res);
	if (rc) {
		yk_errinfo_at(ei, filename, res->error_count ? res->errors[0].line : 0, NULL);
		yk_errinfo_set(ei, rc, "%s", res->error_count ? res->errors[0].message : "読み込めません");
		goto out;
	}
	if ((rc = store_begin(db, ei)))
		goto out;
	for (size_t i = 0; i < ctx.n; i++) {
		if ((rc = staff_upsert(db, actor, &ctx.rows[i], res, ei))) {
			yk_errinfo_at(ei, filename, (long)ctx.rows[i].id, NULL);
			goto fail;
		}
	}
	if ((rc = auth__audit_json(db, actor, "staff.import", filename,
				   json_pack("{s:I, s:I, s:I, s:I, s:I}", "rows", (json_int_t)res->rows,
					     "inserted", (json_int_t)res->inserted, "updated",
					     (json_int_t)res->updated, "unchanged",
					     (json_int_t)res->unchanged, "departments_created",
					     (json_int_t)res->departments_created))) ||
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
	" WHERE ?1 IS NULL OR instr(s.name, ?1) > 0 OR instr(s.employee_no, ?1) > 0"  \
	" OR instr(d.path, ?1) > 0"

int auth_staff_list(struct store *db, const char *query, int64_t offset, int64_t limit,
		    int (*fn)(void *ctx, const struct auth_staff *s), void *ctx, int64_t *total)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT count(*)" STAFF_WHERE, &st, NULL);
	if (rc)
		return rc;
	auth__bind_opt(st, 1, query);
	*total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if ((rc = store_prepare(db,
				"SELECT s.id, s.employee_no, s.name, d.path, s.tier, s.email" STAFF_WHERE
				" ORDER BY d.path, s.employee_no LIMIT ?2 OFFSET ?3",
				&st, NULL)))
		return rc;
	auth__bind_opt(st, 1, query);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : 100);
	sqlite3_bind_int64(st, 3, offset > 0 ? offset : 0);
	struct auth_staff *s = yk_xmalloc(sizeof(*s));
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		s->id = sqlite3_column_int64(st, 0);
		auth__col_text(st, 1, s->employee_no, sizeof(s->employee_no));
		auth__col_text(st, 2, s->name, sizeof(s->name));
		auth__col_text(st, 3, s->department_path, sizeof(s->department_path));
		auth__col_text(st, 4, s->tier, sizeof(s->tier));
		auth__col_text(st, 5, s->email, sizeof(s->email));
		if ((rc = fn(ctx, s)) != 0)
			break;
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = store_err(db, r, NULL);
	free(s);
	sqlite3_finalize(st);
	return rc;
}
