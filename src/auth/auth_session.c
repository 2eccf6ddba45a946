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

/* ---- throttling ---------------------------------------------------------
 *
 * Failures are counted per (login name, client address) and per client
 * address, never per login name alone: a stranger who fails five times for
 * "admin" slows down himself, not the admin. Past the threshold, each new
 * attempt waits a delay that doubles with every failure (AUTH_THROTTLE_DELAY
 * first, at most the lockout window). An attempt is counted as a failure
 * before the password is checked (a reservation row, inside one writing
 * transaction), and the row is taken back only when the password was right:
 * so parallel attempts are counted one by one, never checked together
 * against a stale count.
 *
 * Keys never hold what was typed as a login name: "pair:" and "name:" keys
 * carry a keyed hash of the lower-cased name (the key is random per process,
 * so the table cannot be used to guess names offline). */

/* Writes whose failure must not fail the caller's request (the next
 * request tries again); logged so that a broken database shows. */
static void best_effort(int rc, const char *what)
{
	if (rc)
		yk_log(YK_LOG_WARN, "auth: %s failed (%s)", what, yk_err_code(rc));
}

static unsigned char throttle_key[32];
static pthread_once_t throttle_once = PTHREAD_ONCE_INIT;

static void throttle_key_init(void)
{
	yk_random_bytes(throttle_key, sizeof(throttle_key));
}

/* 32 hex digits of SHA-256(key || lower(name)). */
static void name_digest(const char *name, char out[33])
{
	pthread_once(&throttle_once, throttle_key_init);
	char buf[sizeof(throttle_key) + AUTH_LOGIN_MAX + 1];
	memcpy(buf, throttle_key, sizeof(throttle_key));
	size_t n = sizeof(throttle_key);
	for (const char *p = name ? name : ""; *p && n < sizeof(buf); p++)
		buf[n++] = (char)tolower((unsigned char)*p);
	unsigned char h[32];
	yk_sha256(buf, n, h);
	explicit_bzero(buf, sizeof(buf));
	yk_hex(h, 16, out);
	out[32] = '\0';
}

static void throttle_keys(const char *scope, const char *name, const char *ip, char *pair,
			  size_t pairsz, char *addr, size_t addrsz)
{
	char d[33];
	name_digest(name, d);
	snprintf(pair, pairsz, "%s:%s|%s", scope, d, ip ? ip : "");
	snprintf(addr, addrsz, "ip:%s", ip ? ip : "");
}

/* Failures of key since since: how many and the newest time. */
static int failures_since(struct store *db, const char *key, int64_t since, int64_t *count,
			  int64_t *last)
{
	sqlite3_stmt *st = NULL;
	*count = 0;
	*last = 0;
	int rc = store_stmt(db, "SELECT count(*), coalesce(max(at), 0) FROM login_failures"
				   " WHERE key = ? AND at >= ?",
			    &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, since);
	if ((rc = store_row(db, st, NULL)) < 0)
		return rc;
	if (rc == 1) {
		*count = sqlite3_column_int64(st, 0);
		*last = sqlite3_column_int64(st, 1);
		store_reset(st);
	}
	return 0;
}

static int failure_record(struct store *db, const char *key, int64_t now, int64_t *rowid)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "INSERT INTO login_failures(key, at) VALUES (?, ?)", &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = store_step_done(db, st, NULL)))
		return rc;
	*rowid = sqlite3_last_insert_rowid(store_handle(db));
	return 0;
}

/* Seconds still to wait after count failures, the newest at last; 0 when
 * an attempt may go ahead. */
static int64_t throttle_wait(int64_t count, int64_t last, int64_t threshold, int64_t window,
			     int64_t now)
{
	if (count < threshold)
		return 0;
	int64_t delay = AUTH_THROTTLE_DELAY;
	for (int64_t i = threshold; i < count && delay < window; i++)
		delay *= 2;
	if (delay > window)
		delay = window;
	return last + delay > now ? last + delay - now : 0;
}

static void row_delete(struct store *db, int64_t rowid)
{
	sqlite3_stmt *st = NULL;
	if (!rowid || store_stmt(db, "DELETE FROM login_failures WHERE rowid = ?", &st, NULL))
		return;
	sqlite3_bind_int64(st, 1, rowid);
	best_effort(store_step_done(db, st, NULL), "taking back a login attempt");
}

static void key_clear(struct store *db, const char *key)
{
	sqlite3_stmt *st = NULL;
	if (store_stmt(db, "DELETE FROM login_failures WHERE key = ?", &st, NULL) != 0)
		return;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	best_effort(store_step_done(db, st, NULL), "clearing login failures");
}

int auth_throttle_begin(struct store *db, const char *scope, const char *name, const char *ip,
			struct auth_attempt *out, struct yk_errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	int64_t now = yk_now_unix();
	int64_t window = store_setting_int(db, "login_lockout_minutes") * 60;
	char addr[80];
	throttle_keys(scope, name, ip, out->pair_key, sizeof(out->pair_key), addr, sizeof(addr));
	int with_addr = ip && *ip;
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	int64_t n = 0, last = 0, wait = 0;
	if ((rc = failures_since(db, out->pair_key, now - window, &n, &last)))
		goto fail;
	wait = throttle_wait(n, last, store_setting_int(db, "login_max_failures"), window, now);
	if (with_addr && !wait) {
		if ((rc = failures_since(db, addr, now - window, &n, &last)))
			goto fail;
		wait = throttle_wait(n, last, store_setting_int(db, "login_max_failures_ip"), window,
				     now);
	}
	if (wait) {
		store_rollback(db);
		out->retry_after = wait;
		return yk_errinfo_set(ei, YK_ERATE,
				      "失敗が続いたため、しばらくお待ちください（あと %lld 秒）",
				      (long long)wait);
	}
	if ((rc = failure_record(db, out->pair_key, now, &out->pair_row)) ||
	    (with_addr && (rc = failure_record(db, addr, now, &out->addr_row))) ||
	    (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	memset(out, 0, sizeof(*out));
	return rc;
}

void auth_throttle_end(struct store *db, const struct auth_attempt *a, int succeeded)
{
	if (!succeeded || !a->pair_row)
		return; /* the reservation stays: it was a failure */
	if (store_begin(db, NULL) != 0)
		return;
	key_clear(db, a->pair_key);
	row_delete(db, a->addr_row);
	if (store_commit(db, NULL) != 0)
		store_rollback(db);
}

int auth_housekeeping(struct store *db)
{
	int64_t now = yk_now_unix();
	int64_t idle = store_setting_int(db, "session_idle_minutes") * 60;
	int64_t window = store_setting_int(db, "login_lockout_minutes") * 60;
	sqlite3_stmt *st = NULL;
	int rc = store_begin(db, NULL);
	if (rc)
		return rc;
	if ((rc = store_stmt(db,
				"DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at + ?2 <= ?1",
				&st, NULL)))
		goto fail;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, idle);
	if ((rc = store_step_done(db, st, NULL)))
		goto fail;
	if ((rc = store_stmt(db, "DELETE FROM login_failures WHERE at < ?", &st, NULL)))
		goto fail;
	sqlite3_bind_int64(st, 1, now - window);
	if ((rc = store_step_done(db, st, NULL)) || (rc = store_commit(db, NULL)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

/* ---- sessions ------------------------------------------------------------ */

static int session_open(struct store *db, const struct auth_user *u, const char *ip,
			const char *via, char *token, size_t tokensz, struct auth_session *out,
			struct yk_errinfo *ei)
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
			    " last_seen_at, expires_at, ip, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
	sqlite3_bind_text(st, 8, via, -1, SQLITE_STATIC);
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	out->id = sqlite3_last_insert_rowid(store_handle(db));
	return 0;
}

/* Audits a failed login. The typed name goes into the row only when it is
 * a user's login: an unknown name may be a password typed into the wrong
 * field, so it is kept as the keyed digest that correlates attempts. */
static void login_failed(struct store *db, const char *login, int known, const char *ip,
			 const char *reason)
{
	struct audit_actor a = {0, "anonymous", ip};
	char d[33], target[48];
	name_digest(login, d);
	snprintf(target, sizeof(target), "(unknown:%.12s)", d);
	const char *t = known ? login : target;
	if (store_begin(db, NULL) != 0)
		return;
	if (audit_record_json(db, &a, "login.failed", t, json_pack("{s:s}", "reason", reason),
			      NULL) ||
	    store_commit(db, NULL))
		store_rollback(db);
}

int auth_login(struct store *db, const char *login, const char *password, const char *ip,
	       char *token, size_t tokensz, struct auth_session *out, struct yk_errinfo *ei)
{
	pthread_once(&dummy_once, dummy_init);
	const char *name = login ? login : "";
	struct auth_user u;
	int found = strlen(name) <= AUTH_LOGIN_MAX && auth_user_find(db, name, &u) == 0;
	struct auth_attempt att;
	int rc = auth_throttle_begin(db, "login", name, ip, &att, ei);
	if (rc) {
		if (rc == YK_ERATE) {
			login_failed(db, name, found, ip, "rate_limited");
			yk_errinfo_set(ei, YK_ERATE,
				       "ログインの失敗が続いたため、しばらくログインできません。"
				       "%lld 秒ほど待ってからお試しください",
				       (long long)att.retry_after);
		}
		return rc;
	}

	char hash[AUTH_PASSWORD_HASH_MAX] = "";
	if (found) {
		sqlite3_stmt *st = NULL;
		if (store_stmt(db, "SELECT coalesce(password_hash, '') FROM users WHERE id = ?", &st,
			       NULL) == 0) {
			sqlite3_bind_int64(st, 1, u.id);
			if (store_row(db, st, NULL) == 1) {
				store_col_text(st, 0, hash, sizeof(hash));
				store_reset(st);
			}
		}
	}
	const char *pw = password ? password : "";
	int ok = strlen(pw) <= AUTH_PASSWORD_MAX &&
		 auth_password_verify(found && hash[0] ? hash : dummy_hash, pw) && found && hash[0];
	const char *reason = found ? "bad_password" : "unknown_user";
	int via_ldap = 0;
	if (!ok && *pw && strlen(pw) <= AUTH_PASSWORD_MAX && strlen(name) <= AUTH_LOGIN_MAX &&
	    store_setting_int(db, "ldap_enabled")) {
		/* The directory password: bind, then map by employee number. */
		char employee_no[AUTH_EMPLOYEE_NO_MAX + 1];
		struct yk_errinfo lei;
		yk_errinfo_clear(&lei);
		int lr = auth_ldap_check(db, name, pw, employee_no, sizeof(employee_no), &lei);
		if (lr == 0)
			lr = auth__ldap_user(db, employee_no, ip, &u, &lei);
		if (lr == 0) {
			ok = found = via_ldap = 1;
		} else if (lr == YK_ENOTFOUND) {
			reason = "not_on_roster";
		} else if (lr == YK_EAUTH) {
			reason = "directory_rejected";
		} else {
			/* The attempt keeps its place in the throttle: an outage
			 * must not open a window for guessing. */
			login_failed(db, name, found, ip, "directory_unavailable");
			if (ei)
				*ei = lei;
			/* Incomplete settings read to the user as an unusable
			 * directory; the detail is in the server log. */
			yk_log(YK_LOG_WARN, "login: directory: %s", lei.message);
			return lr == YK_EINVAL ? YK_EDIRECTORY : lr;
		}
	}
	if (!ok) {
		login_failed(db, name, found, ip, reason);
		return yk_errinfo_set(ei, YK_EAUTH, "ログイン名またはパスワードが違います");
	}
	auth_throttle_end(db, &att, 1);
	if (u.disabled) {
		login_failed(db, name, found, ip, "disabled");
		return yk_errinfo_set(ei, YK_EDISABLED, "このアカウントは無効になっています");
	}
	if ((rc = store_begin(db, ei)))
		return rc;
	struct audit_actor a = {u.id, u.login, ip};
	if ((rc = session_open(db, &u, ip, "password", token, tokensz, out, ei)) ||
	    (rc = audit_record_json(db, &a, "login", u.login,
				   json_pack("{s:b, s:s}", "must_change_password",
					     u.must_change_password, "via",
					     via_ldap ? "ldap" : "password"), NULL)) ||
	    (rc = store_commit(db, ei))) {
		store_rollback(db);
		explicit_bzero(token, tokensz);
		return rc;
	}
	return 0;
}

/* Finds a current roster entry (staff who left do not count) whose
 * employee number or e-mail is value. */
static int roster_match(struct store *db, const char *value, int64_t *staff_id, char *name,
			size_t namesz, int64_t *dept_id)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "SELECT id, name, department_id FROM staff WHERE left_at IS NULL AND"
			       " (employee_no = ?1 OR (email IS NOT NULL AND lower(email) = lower(?1)))"
			       " LIMIT 1",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_TRANSIENT);
	if ((rc = store_row(db, st, NULL)) < 0)
		return rc;
	if (rc == 0)
		return YK_ENOTFOUND;
	*staff_id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, name, namesz);
	*dept_id = sqlite3_column_int64(st, 2);
	store_reset(st);
	return 0;
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

/* An admin may use a session that SSO opened only when sso_allow_admin. */
static int sso_admin_ok(struct store *db, const struct auth_user *u)
{
	return !(u->roles & AUTH_ROLE_ADMIN) || store_setting_int(db, "sso_allow_admin") != 0;
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
	if (!sso_admin_ok(db, &u)) {
		rc = yk_errinfo_set(ei, YK_EFORBIDDEN,
				    "管理者はシングルサインオンではログインできません。"
				    "ログイン画面からパスワードでログインしてください");
		goto fail;
	}
	/* SSO vouches for identity; a pending one-time password is moot. */
	u.must_change_password = u.sso_only ? 0 : u.must_change_password;
	struct audit_actor a = {u.id, u.login, ip};
	if ((rc = session_open(db, &u, ip, "sso", token, tokensz, out, ei)) ||
	    (rc = audit_record(db, &a, "login.sso", u.login, NULL, NULL)) ||
	    (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

static int session_row(struct store *db, sqlite3_stmt *st, const char *token,
		       struct auth_session *out);

int auth_session_sso_find(struct store *db, const char *login, struct auth_session *out)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at,"
			    " s.expires_at, 1 FROM sessions s JOIN users u ON u.id = s.user_id"
			    " WHERE u.login = ? COLLATE NOCASE AND s.via = 'sso' AND s.expires_at > ?"
			    " ORDER BY s.last_seen_at DESC LIMIT 1",
			    &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, yk_now_unix());
	return session_row(db, st, NULL, out);
}

int auth_session_end(struct store *db, const char *token)
{
	if (!token_shape_ok(token))
		return YK_EAUTH;
	unsigned char hash[32];
	token_hash(token, hash);
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "DELETE FROM sessions WHERE token_hash = ?", &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	return store_step_done(db, st, NULL);
}

/* ---- the session cache ----------------------------------------------------
 *
 * A staff request checked its session with one read transaction of the
 * session row, the user and roles and two settings: about 40 K
 * instructions a question. Sessions checked are kept per connection
 * (store_clientdata: one thread at a time, no lock), each with the
 * authentication generation (auth_state.gen, migration 0030) read in the
 * same read transaction as the rows. Triggers bump the generation on every
 * change those rows depend on, by any connection or process, so an entry
 * answers only while one cached statement still reads the generation it
 * was filled under. On top of that the entry is used only before its
 * absolute expiry, before its idle expiry counted from the idle time it
 * holds (which is never newer than the row's), and while that idle time is
 * less than SESSION_TOUCH_INTERVAL old; anything else (a miss, another
 * generation, a session near a touch or an expiry) takes the full lookup,
 * which decides and refills. So a stale entry never grants access. */

#define SESSION_CACHE_SLOTS 64 /* direct-mapped on the token */
#define SESSION_CACHE_NAME "auth:sessions"

/* An entry is found by the cookie's token itself, compared in constant
 * time, not by its SHA-256: the hash (about 5.7 K instructions through
 * EVP) is taken only when the database is read. The tokens stay in this
 * process's memory for as long as their entries, as the requests' own
 * buffers hold them; the database keeps only hashes. */
struct session_cached {
	char token[AUTH_TOKEN_LEN + 1];
	int used;
	int via_sso;
	int64_t gen;       /* auth_state.gen the entry was read under */
	int64_t last_seen; /* the row's last_seen_at then, or our touch since */
	struct auth_session s;
};

struct session_cache {
	struct session_cached slot[SESSION_CACHE_SLOTS];
	uint64_t hits;
};

uint64_t auth__session_cache_hits(struct store *db)
{
	struct session_cache *c = store_clientdata(db, SESSION_CACHE_NAME);
	return c ? c->hits : 0;
}

/* token has AUTH_TOKEN_LEN bytes (token_shape_ok). */
static struct session_cached *cache_slot(struct session_cache *c, const char *token)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < AUTH_TOKEN_LEN; i++)
		h = (h ^ (unsigned char)token[i]) * 16777619u;
	return &c->slot[h % SESSION_CACHE_SLOTS];
}

/* db's cache, made on first use with create; NULL without. */
static struct session_cache *cache_of(struct store *db, int create)
{
	struct session_cache *c = store_clientdata(db, SESSION_CACHE_NAME);
	if (!c && create) {
		c = yk_xcalloc(1, sizeof(*c));
		if (store_set_clientdata(db, SESSION_CACHE_NAME, c, free) != 0)
			return NULL; /* freed by store_set_clientdata */
	}
	return c;
}

static void cache_drop(struct store *db, const char *token)
{
	struct session_cache *c = cache_of(db, 0);
	struct session_cached *e = c ? cache_slot(c, token) : NULL;
	if (e && e->used && yk_consttime_eq(e->token, token, AUTH_TOKEN_LEN))
		e->used = 0;
}

static const char gen_sql[] = "SELECT gen FROM auth_state WHERE id = 1";

/* The authentication generation, or -1 when it cannot be read. */
static int64_t auth_gen(struct store *db)
{
	sqlite3_stmt *st = NULL;
	int64_t gen = -1;
	if (store_stmt(db, gen_sql, &st, NULL) == 0 && store_one_int(db, st, &gen, NULL) != 0)
		gen = -1;
	return gen;
}

/* The fast path: 0 with out filled when the cached entry may answer. */
static int cache_answer(struct store *db, const char *token, struct auth_session *out)
{
	struct session_cache *c = cache_of(db, 0);
	struct session_cached *e = c ? cache_slot(c, token) : NULL;
	if (!e || !e->used || !yk_consttime_eq(e->token, token, AUTH_TOKEN_LEN))
		return -1;
	int64_t now = yk_now_unix();
	int64_t idle = store_setting_int(db, "session_idle_minutes") * 60;
	if (now >= e->s.expires_at || now >= e->last_seen + idle ||
	    now - e->last_seen >= SESSION_TOUCH_INTERVAL)
		return -1;
	if (e->via_sso && (e->s.user.roles & AUTH_ROLE_ADMIN) &&
	    !store_setting_int(db, "sso_allow_admin"))
		return -1;
	int64_t gen = auth_gen(db);
	if (gen < 0 || gen != e->gen)
		return -1;
	*out = e->s;
	c->hits++;
	out->idle_expires_at =
		e->last_seen + idle < e->s.expires_at ? e->last_seen + idle : e->s.expires_at;
	return 0;
}

int auth_session_lookup(struct store *db, const char *token, struct auth_session *out)
{
	if (!token_shape_ok(token))
		return YK_EAUTH;
	if (cache_answer(db, token, out) == 0)
		return 0;
	unsigned char hash[32];
	token_hash(token, hash);
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at,"
			    " via = 'sso' FROM sessions WHERE token_hash = ?",
			    &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	return session_row(db, st, token, out);
}

/* Reads the row that st (id, user_id, csrf, created, last_seen, expires,
 * is_sso) is about to return, checks expiry and the user, refreshes the
 * idle time. The session, its user and the settings are read in one read
 * transaction (one snapshot per request, not one per statement); the
 * writes (an expired session dropped, the idle time refreshed) come after
 * it. With token (the cookie's), the session is cached under the
 * authentication generation read in the same transaction, or its entry
 * dropped when it does not pass. Leaves st reset. */
static int session_row(struct store *db, sqlite3_stmt *st, const char *token,
		       struct auth_session *out)
{
	if (token)
		cache_drop(db, token);
	/* Inside a caller's transaction the rows (and the generation) may be
	 * its uncommitted changes, which a rollback would take back while a
	 * later change reached the same generation: not cached. */
	if (!sqlite3_get_autocommit(store_handle(db)))
		token = NULL;
	int rc = store_read_begin(db, NULL);
	if (rc) {
		store_reset(st);
		return rc;
	}
	rc = store_row(db, st, NULL);
	if (rc <= 0) {
		store_read_end(db);
		return rc == 0 ? YK_EAUTH : rc;
	}
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(st, 0);
	int64_t uid = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, out->csrf, sizeof(out->csrf));
	out->created_at = sqlite3_column_int64(st, 3);
	int64_t last_seen = sqlite3_column_int64(st, 4);
	out->expires_at = sqlite3_column_int64(st, 5);
	int via_sso = sqlite3_column_int(st, 6);
	store_reset(st);

	int64_t now = yk_now_unix();
	int64_t idle = store_setting_int(db, "session_idle_minutes") * 60;
	int expired = now >= out->expires_at || now >= last_seen + idle;
	int user_ok = 0;
	int64_t gen = -1;
	if (!expired) {
		rc = auth_user_get(db, uid, &out->user);
		user_ok = rc == 0 && !out->user.disabled &&
			  !(via_sso && !sso_admin_ok(db, &out->user));
		if (user_ok && token)
			gen = auth_gen(db); /* the same snapshot as the rows */
	}
	store_read_end(db);
	if (expired) {
		if (store_stmt(db, "DELETE FROM sessions WHERE id = ?", &st, NULL) == 0) {
			sqlite3_bind_int64(st, 1, out->id);
			best_effort(store_step_done(db, st, NULL), "dropping an expired session");
		}
		return YK_EAUTH;
	}
	if (rc)
		return rc == YK_ENOTFOUND ? YK_EAUTH : rc;
	if (!user_ok)
		return YK_EAUTH;
	if (out->user.sso_only)
		out->user.must_change_password = 0;
	/* The cache keeps the idle time the row has: a touch that was not
	 * written must not extend a cached session. */
	int64_t row_last_seen = last_seen;
	/* Best effort and never waited for: while another write of this
	 * process (the question log's group commit) holds the writer lock, the
	 * touch is left to a later request. */
	if (now - last_seen >= SESSION_TOUCH_INTERVAL && store_try_begin(db, NULL) == 0) {
		int trc = store_stmt(db, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", &st,
				     NULL);
		if (trc == 0) {
			sqlite3_bind_int64(st, 1, now);
			sqlite3_bind_int64(st, 2, out->id);
			trc = store_step_done(db, st, NULL);
		}
		if (trc == 0)
			trc = store_commit(db, NULL);
		if (trc != 0)
			store_rollback(db);
		best_effort(trc, "refreshing a session");
		if (trc == 0)
			row_last_seen = now;
	}
	if (now - last_seen >= SESSION_TOUCH_INTERVAL)
		last_seen = now;
	out->idle_expires_at = last_seen + idle < out->expires_at ? last_seen + idle : out->expires_at;
	struct session_cache *c = token && gen >= 0 ? cache_of(db, 1) : NULL;
	struct session_cached *e = c ? cache_slot(c, token) : NULL;
	if (e) {
		memcpy(e->token, token, AUTH_TOKEN_LEN + 1);
		e->used = 1;
		e->via_sso = via_sso;
		e->gen = gen;
		e->last_seen = row_last_seen;
		e->s = *out;
	}
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
