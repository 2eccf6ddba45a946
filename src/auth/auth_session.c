/* auth: login, login throttling, single sign-on, sessions and CSRF. */
#include <ctype.h>
#include <pthread.h>
#include <string.h>

#include "auth/auth_int.h"
#include "core/banned.h"

/* The idle expiry is written back at most this often (seconds). */
#define SESSION_TOUCH_INTERVAL 60

/* A hash of a random password, verified against when the login is unknown
 * so that "no such user" and "wrong password" take the same time. */
static char dummy_hash[AUTH_PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void)
{
	char pw[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	auth_password_generate(pw, sizeof(pw));
	if (auth_password_hash(pw, dummy_hash, sizeof(dummy_hash)) != 0)
		dummy_hash[0] = '\0';
}

int auth__sessions_end(struct store *db, int64_t user_id, int64_t keep_session_id,
		       struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, keep_session_id);
	return store_step_done(db, st, ei);
}

int auth_csrf_ok(const struct auth_session *s, const char *token)
{
	if (!s || !token || strlen(token) != AUTH_CSRF_LEN || strlen(s->csrf) != AUTH_CSRF_LEN)
		return 0;
	return yk_consttime_eq(s->csrf, token, AUTH_CSRF_LEN);
}

static void token_hash(const char *token, unsigned char out[32])
{
	yk_sha256(token, strlen(token), out);
}

/* A cookie token has exactly the shape we hand out; anything else is
 * refused before touching the database. */
static int token_shape_ok(const char *token)
{
	if (!token || strlen(token) != AUTH_TOKEN_LEN)
		return 0;
	for (const char *p = token; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return 0;
	return 1;
}

/* ---- throttling --------------------------------------------------------- */

static void failure_key(char *out, size_t outsz, const char *kind, const char *value)
{
	size_t n = (size_t)snprintf(out, outsz, "%s:", kind);
	for (const char *p = value ? value : ""; *p && n + 1 < outsz; p++)
		out[n++] = (char)tolower((unsigned char)*p);
	out[n < outsz ? n : outsz - 1] = '\0';
}

/* Housekeeping writes whose failure must not fail the caller's request
 * (the next request tries again); logged so that a broken database shows. */
static void best_effort(int rc, const char *what)
{
	if (rc)
		yk_log(YK_LOG_WARN, "auth: %s failed (%s)", what, yk_err_code(rc));
}

static int64_t failures_since(struct store *db, const char *key, int64_t since)
{
	sqlite3_stmt *st = NULL;
	if (store_stmt(db, "SELECT count(*) FROM login_failures WHERE key = ? AND at >= ?", &st,
			  NULL) != 0)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, since);
	int64_t n = 0;
	if (store_one_int(db, st, &n, NULL) != 0)
		return 0;
	return n;
}

static int failure_record(struct store *db, const char *key, int64_t now)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "INSERT INTO login_failures(key, at) VALUES (?, ?)", &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	return store_step_done(db, st, NULL);
}

static void failures_clear(struct store *db, const char *key)
{
	sqlite3_stmt *st = NULL;
	if (store_stmt(db, "DELETE FROM login_failures WHERE key = ?", &st, NULL) != 0)
		return;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	best_effort(store_step_done(db, st, NULL), "clearing login failures");
}

/* Drops expired sessions and failures older than the lockout window. */
static void housekeeping(struct store *db, int64_t now, int64_t window)
{
	sqlite3_stmt *st = NULL;
	int64_t idle = store_setting_int(db, "session_idle_minutes") * 60;
	if (store_stmt(db, "DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at + ?2 <= ?1",
			  &st, NULL) == 0) {
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_int64(st, 2, idle);
		best_effort(store_step_done(db, st, NULL), "dropping expired sessions");
	}
	if (store_stmt(db, "DELETE FROM login_failures WHERE at < ?", &st, NULL) == 0) {
		sqlite3_bind_int64(st, 1, now - window);
		best_effort(store_step_done(db, st, NULL), "dropping old login failures");
	}
}

/* ---- sessions ------------------------------------------------------------ */

static int session_open(struct store *db, const struct auth_user *u, const char *ip, char *token,
			size_t tokensz, struct auth_session *out, struct yk_errinfo *ei)
{
	if (tokensz < AUTH_TOKEN_LEN + 1)
		return yk_errinfo_set(ei, YK_EINVAL, "internal: token buffer too small");
	unsigned char raw[32], hash[32];
	yk_random_bytes(raw, sizeof(raw));
	yk_base64url(raw, sizeof(raw), token);
	explicit_bzero(raw, sizeof(raw));
	token_hash(token, hash);
	memset(out, 0, sizeof(*out));
	yk_random_bytes(raw, sizeof(raw));
	yk_base64url(raw, sizeof(raw), out->csrf);
	int64_t now = yk_now_unix();
	out->user = *u;
	out->created_at = now;
	out->expires_at = now + store_setting_int(db, "session_absolute_hours") * 3600;
	out->idle_expires_at = now + store_setting_int(db, "session_idle_minutes") * 60;
	if (out->idle_expires_at > out->expires_at)
		out->idle_expires_at = out->expires_at;
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at,"
			       " last_seen_at, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?, ?)",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_text(st, 3, out->csrf, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, out->expires_at);
	store_bind_opt_text(st, 7, ip);
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	out->id = sqlite3_last_insert_rowid(store_handle(db));
	return 0;
}

static int login_failed(struct store *db, const char *login, const char *ip, const char *reason,
			int record, int64_t now)
{
	struct audit_actor a = {0, "anonymous", ip};
	char lkey[AUTH_LOGIN_MAX + 16], ikey[80];
	int rc = store_begin(db, NULL);
	if (rc)
		return rc;
	if (record) {
		failure_key(lkey, sizeof(lkey), "login", login);
		failure_key(ikey, sizeof(ikey), "ip", ip);
		if ((rc = failure_record(db, lkey, now)) || (ip && (rc = failure_record(db, ikey, now))))
			goto fail;
	}
	/* The attempted login name goes into target only when it has the shape
	 * of a login name, so that a password typed into the name field is not
	 * kept verbatim in the log. */
	const char *target = auth__check_login(login, NULL) == 0 ? login : "(invalid)";
	if ((rc = audit_record_json(db, &a, "login.failed", target,
				   json_pack("{s:s}", "reason", reason), NULL)) ||
	    (rc = store_commit(db, NULL)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

int auth_login(struct store *db, const char *login, const char *password, const char *ip,
	       char *token, size_t tokensz, struct auth_session *out, struct yk_errinfo *ei)
{
	pthread_once(&dummy_once, dummy_init);
	int64_t now = yk_now_unix();
	int64_t window = store_setting_int(db, "login_lockout_minutes") * 60;
	char lkey[AUTH_LOGIN_MAX + 16], ikey[80];
	const char *name = login ? login : "";
	failure_key(lkey, sizeof(lkey), "login", name);
	failure_key(ikey, sizeof(ikey), "ip", ip);
	housekeeping(db, now, window);

	if (failures_since(db, lkey, now - window) >= store_setting_int(db, "login_max_failures") ||
	    (ip && failures_since(db, ikey, now - window) >=
			   store_setting_int(db, "login_max_failures_ip"))) {
		(void)login_failed(db, name, ip, "rate_limited", 0, now);
		return yk_errinfo_set(ei, YK_ERATE,
				      "ログインの失敗が続いたため、しばらくログインできません。"
				      "%lld 分ほど待ってからお試しください",
				      (long long)(window / 60));
	}

	struct auth_user u;
	char hash[AUTH_PASSWORD_HASH_MAX] = "";
	int found = strlen(name) <= AUTH_LOGIN_MAX && auth_user_find(db, name, &u) == 0;
	if (found) {
		sqlite3_stmt *st = NULL;
		if (store_stmt(db, "SELECT coalesce(password_hash, '') FROM users WHERE id = ?", &st,
				  NULL) == 0) {
			sqlite3_bind_int64(st, 1, u.id);
			if (sqlite3_step(st) == SQLITE_ROW)
				store_col_text(st, 0, hash, sizeof(hash));
			store_reset(st);
		}
	}
	const char *pw = password ? password : "";
	int ok = strlen(pw) <= AUTH_PASSWORD_MAX &&
		 auth_password_verify(found && hash[0] ? hash : dummy_hash, pw) && found && hash[0];
	if (!ok) {
		(void)login_failed(db, name, ip, found ? "bad_password" : "unknown_user", 1, now);
		return yk_errinfo_set(ei, YK_EAUTH, "ログイン名またはパスワードが違います");
	}
	if (u.disabled) {
		(void)login_failed(db, name, ip, "disabled", 0, now);
		return yk_errinfo_set(ei, YK_EDISABLED, "このアカウントは無効になっています");
	}
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	struct audit_actor a = {u.id, u.login, ip};
	failures_clear(db, lkey);
	if ((rc = session_open(db, &u, ip, token, tokensz, out, ei)) ||
	    (rc = audit_record_json(db, &a, "login", u.login,
				   json_pack("{s:b}", "must_change_password",
					     u.must_change_password), NULL)) ||
	    (rc = store_commit(db, ei))) {
		store_rollback(db);
		explicit_bzero(token, tokensz);
		return rc;
	}
	return 0;
}

/* Finds a roster entry whose employee number or e-mail is value. */
static int roster_match(struct store *db, const char *value, int64_t *staff_id, char *name,
			size_t namesz, int64_t *dept_id)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "SELECT id, name, department_id FROM staff WHERE employee_no = ?1"
			       " OR (email IS NOT NULL AND lower(email) = lower(?1)) LIMIT 1",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*staff_id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, name, namesz);
		*dept_id = sqlite3_column_int64(st, 2);
	} else {
		rc = YK_ENOTFOUND;
	}
	store_reset(st);
	return rc;
}

static int sso_provision(struct store *db, const char *login, const char *ip, int64_t *uid,
			 struct yk_errinfo *ei)
{
	int64_t staff_id, dept_id;
	char name[AUTH_NAME_MAX + 1];
	if (roster_match(db, login, &staff_id, name, sizeof(name), &dept_id) != 0)
		return yk_errinfo_set(ei, YK_EAUTH, "この利用者は登録されていません");
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "INSERT INTO users(login, display_name, department_id, staff_id,"
			       " password_hash, created_at, updated_at)"
			       " VALUES (?, ?, ?, ?, NULL, ?, ?)",
			       &st, ei);
	if (rc)
		return rc;
	int64_t now = yk_now_unix();
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, dept_id);
	sqlite3_bind_int64(st, 4, staff_id);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, now);
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	*uid = sqlite3_last_insert_rowid(store_handle(db));
	if ((rc = store_stmt(db, "INSERT INTO user_roles(user_id, role) VALUES (?, 'staff')", &st,
				ei)))
		return rc;
	sqlite3_bind_int64(st, 1, *uid);
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	struct audit_actor sys = {0, "sso", ip};
	return audit_record_json(db, &sys, "user.create", login,
				json_pack("{s:[s], s:s}", "roles", "staff", "via", "sso"), NULL);
}

int auth_login_sso(struct store *db, const char *login, const char *ip, char *token,
		   size_t tokensz, struct auth_session *out, struct yk_errinfo *ei)
{
	int rc;
	if (auth__check_login(login, NULL) != 0)
		return yk_errinfo_set(ei, YK_EAUTH, "SSO のログイン名が正しくありません");
	if ((rc = store_begin(db, ei)))
		return rc;
	struct auth_user u;
	rc = auth_user_find(db, login, &u);
	if (rc == YK_ENOTFOUND) {
		int64_t uid = 0;
		if ((rc = sso_provision(db, login, ip, &uid, ei)) || (rc = auth_user_get(db, uid, &u)))
			goto fail;
	} else if (rc) {
		goto fail;
	}
	if (u.disabled) {
		rc = yk_errinfo_set(ei, YK_EDISABLED, "このアカウントは無効になっています");
		goto fail;
	}
	/* SSO vouches for identity; a pending one-time password is moot. */
	u.must_change_password = u.sso_only ? 0 : u.must_change_password;
	struct audit_actor a = {u.id, u.login, ip};
	if ((rc = session_open(db, &u, ip, token, tokensz, out, ei)) ||
	    (rc = audit_record(db, &a, "login.sso", u.login, NULL, NULL)) || (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

int auth_session_lookup(struct store *db, const char *token, struct auth_session *out)
{
	if (!token_shape_ok(token))
		return YK_EAUTH;
	unsigned char hash[32];
	token_hash(token, hash);
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at"
			       " FROM sessions WHERE token_hash = ?",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		store_reset(st);
		return s == SQLITE_DONE ? YK_EAUTH : store_err(db, s, NULL);
	}
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(st, 0);
	int64_t uid = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, out->csrf, sizeof(out->csrf));
	out->created_at = sqlite3_column_int64(st, 3);
	int64_t last_seen = sqlite3_column_int64(st, 4);
	out->expires_at = sqlite3_column_int64(st, 5);
	store_reset(st);

	int64_t now = yk_now_unix();
	int64_t idle = store_setting_int(db, "session_idle_minutes") * 60;
	if (now >= out->expires_at || now >= last_seen + idle) {
		if (store_stmt(db, "DELETE FROM sessions WHERE id = ?", &st, NULL) == 0) {
			sqlite3_bind_int64(st, 1, out->id);
			best_effort(store_step_done(db, st, NULL), "dropping an expired session");
		}
		return YK_EAUTH;
	}
	if ((rc = auth_user_get(db, uid, &out->user)))
		return rc == YK_ENOTFOUND ? YK_EAUTH : rc;
	if (out->user.disabled)
		return YK_EAUTH;
	if (out->user.sso_only)
		out->user.must_change_password = 0;
	if (now - last_seen >= SESSION_TOUCH_INTERVAL) {
		if (store_stmt(db, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", &st, NULL) ==
		    0) {
			sqlite3_bind_int64(st, 1, now);
			sqlite3_bind_int64(st, 2, out->id);
			best_effort(store_step_done(db, st, NULL), "touching a session");
		}
		last_seen = now;
	}
	out->idle_expires_at = last_seen + idle < out->expires_at ? last_seen + idle : out->expires_at;
	return 0;
}

int auth_logout(struct store *db, const struct audit_actor *actor, const char *token)
{
	if (!token_shape_ok(token))
		return YK_EAUTH;
	unsigned char hash[32];
	token_hash(token, hash);
	int rc = store_begin(db, NULL);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db, "DELETE FROM sessions WHERE token_hash = ?", &st, NULL)))
		goto fail;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	if ((rc = store_step_done(db, st, NULL)))
		goto fail;
	if (sqlite3_changes(store_handle(db)) == 0) {
		rc = YK_EAUTH;
		goto fail;
	}
	if ((rc = audit_record(db, actor, "logout", actor ? actor->login : NULL, NULL, NULL)) ||
	    (rc = store_commit(db, NULL)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}
