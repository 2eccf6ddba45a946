/* auth: the audit log and the small helpers the other auth files share. */
#include <string.h>
#include <time.h>

#include "auth/auth_int.h"
#include "core/banned.h"

int auth__step_done(struct store *db, sqlite3_stmt *st, struct yk_errinfo *ei)
{
	int rc = sqlite3_step(st);
	int err = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? 0 : store_err(db, rc, ei);
	sqlite3_finalize(st);
	return err;
}

void auth__bind_opt(sqlite3_stmt *st, int idx, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, idx);
}

void auth__col_text(sqlite3_stmt *st, int col, char *out, size_t outsz)
{
	const char *v = (const char *)sqlite3_column_text(st, col);
	yk_strlcpy(out, v ? v : "", outsz);
}

int auth_audit(struct store *db, const struct auth_actor *actor, const char *action,
	       const char *target, const char *detail_json)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "INSERT INTO audit_log(at, user_id, actor, action, target, detail, ip)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?)",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, yk_now_unix());
	if (actor && actor->user_id > 0)
		sqlite3_bind_int64(st, 2, actor->user_id);
	else
		sqlite3_bind_null(st, 2);
	const char *who = actor && actor->login && *actor->login ? actor->login : "system";
	sqlite3_bind_text(st, 3, who, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_TRANSIENT);
	auth__bind_opt(st, 5, target);
	auth__bind_opt(st, 6, detail_json);
	auth__bind_opt(st, 7, actor ? actor->ip : NULL);
	return auth__step_done(db, st, NULL);
}

int auth__audit_json(struct store *db, const struct auth_actor *actor, const char *action,
		     const char *target, json_t *detail)
{
	char *text = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(detail);
	int rc = auth_audit(db, actor, action, target, text);
	free(text);
	return rc;
}

int auth_audit_list(struct store *db, const char *action_prefix, int64_t before_id,
		    int64_t limit, int (*fn)(void *ctx, const struct auth_audit_entry *e),
		    void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(
		db,
		"SELECT id, at, coalesce(user_id, 0), actor, action, target, detail, ip"
		" FROM audit_log WHERE (?1 IS NULL OR action = ?1"
		"   OR substr(action, 1, length(?1) + 1) = ?1 || '.')"
		" AND (?2 <= 0 OR id < ?2) ORDER BY id DESC LIMIT ?3",
		&st, NULL);
	if (rc)
		return rc;
	auth__bind_opt(st, 1, action_prefix);
	sqlite3_bind_int64(st, 2, before_id);
	sqlite3_bind_int64(st, 3, limit > 0 ? limit : 100);
	struct auth_audit_entry *e = yk_xcalloc(1, sizeof(*e));
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		e->id = sqlite3_column_int64(st, 0);
		e->at = sqlite3_column_int64(st, 1);
		e->user_id = sqlite3_column_int64(st, 2);
		auth__col_text(st, 3, e->actor, sizeof(e->actor));
		auth__col_text(st, 4, e->action, sizeof(e->action));
		auth__col_text(st, 5, e->target, sizeof(e->target));
		auth__col_text(st, 6, e->detail, sizeof(e->detail));
		auth__col_text(st, 7, e->ip, sizeof(e->ip));
		if ((rc = fn(ctx, e)) != 0)
			break;
	}
	if (rc == 0 && s != SQLITE_DONE)
		rc = store_err(db, s, NULL);
	free(e);
	sqlite3_finalize(st);
	return rc;
}

/* One CSV cell: always quoted, quotes doubled, and a leading = + - @ tab
 * or CR neutralised with ' so that spreadsheet software shows text instead
 * of evaluating a formula. */
static int csv_cell(struct yk_buf *out, const char *s, int last)
{
	int rc = yk_buf_addc(out, '"');
	if (!rc && s[0] && strchr("=+-@\t\r", s[0]))
		rc = yk_buf_addc(out, '\'');
	for (const char *p = s; !rc && *p; p++) {
		if (*p == '"')
			rc = yk_buf_addc(out, '"');
		if (!rc)
			rc = yk_buf_addc(out, *p);
	}
	if (!rc)
		rc = yk_buf_adds(out, last ? "\"\r\n" : "\",");
	return rc;
}

/* Japan Standard Time (UTC+9, no daylight saving), "2026-11-23 20:01:02". */
static void jst_format(int64_t at, char *out, size_t outsz)
{
	time_t t = (time_t)(at + 9 * 3600);
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, outsz, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		yk_strlcpy(out, "", outsz);
}

int auth_audit_csv(struct store *db, int64_t from, int64_t to, struct yk_buf *out)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT id, at, actor, action, coalesce(target, ''),"
			       " coalesce(detail, ''), coalesce(ip, '') FROM audit_log"
			       " WHERE (?1 <= 0 OR at >= ?1) AND (?2 <= 0 OR at < ?2) ORDER BY id",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	rc = yk_buf_adds(out, "\xEF\xBB\xBF"
			      "\"番号\",\"日時（日本時間）\",\"利用者\",\"操作\",\"対象\",\"詳細\",\"接続元\"\r\n");
	int s = SQLITE_DONE;
	while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
		char id[24], when[32];
		snprintf(id, sizeof(id), "%lld", (long long)sqlite3_column_int64(st, 0));
		jst_format(sqlite3_column_int64(st, 1), when, sizeof(when));
		rc = csv_cell(out, id, 0);
		if (!rc)
			rc = csv_cell(out, when, 0);
		for (int col = 2; !rc && col <= 6; col++) {
			const char *v = (const char *)sqlite3_column_text(st, col);
			rc = csv_cell(out, v ? v : "", col == 6);
		}
	}
	if (!rc && s != SQLITE_DONE)
		rc = store_err(db, s, NULL);
	sqlite3_finalize(st);
	return rc;
}
