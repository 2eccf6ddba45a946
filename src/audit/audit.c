/* audit: the audit_log table — recording in the caller's transaction,
 * listing for the admin page, and the CSV export. See audit.h. Sits on
 * store; every module that changes something calls audit_record(). */
#include <jansson.h>
#include <time.h>

#include "audit/audit.h"
#include "core/banned.h"

static int action_ok(const char *a)
{
	size_t n = a ? strlen(a) : 0;
	if (n == 0 || n > AUDIT_ACTION_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = a[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
			return 0;
	}
	return 1;
}

/* ---- the table of actions ------------------------------------------------- */

static const struct {
	const char *code, *label;
} actions[] = {
#define AUDIT_ACTION(code, label) {code, label},
#include "audit/actions.def"
#undef AUDIT_ACTION
};

const char *audit_action_label(const char *action)
{
	for (size_t i = 0; action && i < YK_ARRAY_LEN(actions); i++)
		if (strcmp(actions[i].code, action) == 0)
			return actions[i].label;
	return NULL;
}

size_t audit_action_count(void)
{
	return YK_ARRAY_LEN(actions);
}

int audit_action_at(size_t i, const char **code, const char **label)
{
	if (i >= YK_ARRAY_LEN(actions))
		return 0;
	*code = actions[i].code;
	*label = actions[i].label;
	return 1;
}

static int text_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	return n <= max && yk_utf8_valid(s ? s : "", n, NULL);
}

int audit_record(struct store *db, const struct audit_actor *actor, const char *action,
		 const char *target, const char *detail, struct yk_errinfo *ei)
{
	if (!action_ok(action))
		return yk_errinfo_set(ei, YK_EINVAL, "audit: bad action \"%.80s\"", action ? action : "");
	if (!text_ok(target, AUDIT_TARGET_MAX))
		return yk_errinfo_set(ei, YK_EINVAL, "audit %s: target too long or not UTF-8", action);
	if (!text_ok(detail, AUDIT_DETAIL_MAX))
		return yk_errinfo_set(ei, YK_EINVAL, "audit %s: detail too long or not UTF-8", action);
	if (!audit_action_label(action))
		yk_log(YK_LOG_WARN, "audit: action \"%s\" is not listed in src/audit/actions.def",
		       action);
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "INSERT INTO audit_log(at, user_id, actor, action, target, detail, ip)"
			    " VALUES (?, ?, ?, ?, ?, ?, ?)",
			    &st, ei);
	if (rc)
		return rc;
	const char *who = actor && actor->login && *actor->login ? actor->login : "system";
	sqlite3_bind_int64(st, 1, yk_now_unix());
	store_bind_opt_id(st, 2, actor ? actor->user_id : 0);
	sqlite3_bind_text(st, 3, who, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_TRANSIENT);
	store_bind_opt_text(st, 5, target);
	store_bind_opt_text(st, 6, detail);
	store_bind_opt_text(st, 7, actor ? actor->address : NULL);
	return store_step_done(db, st, ei);
}

int audit_record_json(struct store *db, const struct audit_actor *actor, const char *action,
		      const char *target, struct json_t *detail, struct yk_errinfo *ei)
{
	char *text = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(detail);
	int rc = audit_record(db, actor, action, target, text, ei);
	free(text);
	return rc;
}

/* ---- listing -------------------------------------------------------------- */

struct list_ctx {
	int (*fn)(void *ctx, const struct audit_entry *e);
	void *ctx;
	struct audit_entry e;
};

static int list_row(void *vctx, sqlite3_stmt *st)
{
	struct list_ctx *lc = vctx;
	struct audit_entry *e = &lc->e;
	e->id = sqlite3_column_int64(st, 0);
	e->at = sqlite3_column_int64(st, 1);
	e->user_id = sqlite3_column_int64(st, 2);
	store_col_text(st, 3, e->actor, sizeof(e->actor));
	store_col_text(st, 4, e->action, sizeof(e->action));
	store_col_text(st, 5, e->target, sizeof(e->target));
	store_col_text(st, 6, e->detail, sizeof(e->detail));
	store_col_text(st, 7, e->address, sizeof(e->address));
	return lc->fn(lc->ctx, e);
}

int audit_list(struct store *db, const char *action_prefix, int64_t before_id, int64_t limit,
	       int (*fn)(void *ctx, const struct audit_entry *e), void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT id, at, coalesce(user_id, 0), actor, action, target, detail, ip"
			    " FROM audit_log WHERE (?1 IS NULL OR action = ?1"
			    "   OR substr(action, 1, length(?1) + 1) = ?1 || '.')"
			    " AND (?2 <= 0 OR id < ?2) ORDER BY id DESC LIMIT ?3",
			    &st, NULL);
	if (rc)
		return rc;
	store_bind_opt_text(st, 1, action_prefix);
	sqlite3_bind_int64(st, 2, before_id);
	sqlite3_bind_int64(st, 3, limit > 0 && limit <= AUDIT_LIST_MAX ? limit : 100);
	struct list_ctx *lc = yk_xcalloc(1, sizeof(*lc)); /* ~4.5 KB: not on the stack */
	lc->fn = fn;
	lc->ctx = ctx;
	rc = store_each(db, st, list_row, lc, NULL);
	free(lc);
	return rc;
}

/* ---- CSV export ----------------------------------------------------------- */

/* One CSV cell, always quoted and formula-safe (yk_buf_add_csv_cell), then
 * its separator. */
static int csv_cell(struct yk_buf *out, const char *s, int last)
{
	int rc = yk_buf_add_csv_cell(out, s, 1);
	return rc ? rc : yk_buf_adds(out, last ? "\r\n" : ",");
}

/* Japan Standard Time (UTC+9, no daylight saving), "2026-11-23 20:01:02". */
static void jst_format(int64_t at, char *out, size_t outsz)
{
	time_t t = (time_t)(at + 9 * 3600);
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, outsz, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		yk_strlcpy(out, "", outsz);
}

static int csv_row(void *ctx, sqlite3_stmt *st)
{
	struct yk_buf *out = ctx;
	char id[24], when[32];
	snprintf(id, sizeof(id), "%lld", (long long)sqlite3_column_int64(st, 0));
	jst_format(sqlite3_column_int64(st, 1), when, sizeof(when));
	const char *label = audit_action_label(store_col_str(st, 3));
	int rc = csv_cell(out, id, 0);
	if (!rc)
		rc = csv_cell(out, when, 0);
	for (int col = 2; !rc && col <= 6; col++) {
		rc = csv_cell(out, store_col_str(st, col), col == 6);
		if (!rc && col == 3) /* the action, then its label */
			rc = csv_cell(out, label ? label : "", 0);
	}
	return rc;
}

int audit_export_csv(struct store *db, int64_t from, int64_t to, struct yk_buf *out)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT id, at, actor, action, target, detail, ip FROM audit_log"
			    " WHERE (?1 <= 0 OR at >= ?1) AND (?2 <= 0 OR at < ?2) ORDER BY id",
			    &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	if ((rc = yk_buf_adds(out, "\xEF\xBB\xBF"
				   "\"番号\",\"日時（日本時間）\",\"利用者\",\"操作\",\"操作の内容\","
				   "\"対象\",\"詳細\",\"接続元\"\r\n")))
		return rc;
	return store_each(db, st, csv_row, out, NULL);
}

/* ---- retention -------------------------------------------------------------- */

int audit_purge(struct store *db, int64_t before, int64_t *deleted)
{
	sqlite3_stmt *st = NULL;
	int64_t n = 0;
	int rc = store_begin(db, NULL);
	if (rc)
		return rc;
	if ((rc = store_stmt(db, "DELETE FROM audit_log WHERE at < ?", &st, NULL)))
		goto fail;
	sqlite3_bind_int64(st, 1, before);
	if ((rc = store_step_done(db, st, NULL)))
		goto fail;
	n = sqlite3_changes(store_handle(db));
	if (n > 0) {
		char detail[64];
		snprintf(detail, sizeof(detail), "{\"before\":%lld,\"rows\":%lld}", (long long)before,
			 (long long)n);
		if ((rc = audit_record(db, NULL, "audit.purge", NULL, detail, NULL)))
			goto fail;
	}
	if ((rc = store_commit(db, NULL)))
		goto fail;
	if (deleted)
		*deleted = n;
	return 0;
fail:
	store_rollback(db);
	return rc;
}
