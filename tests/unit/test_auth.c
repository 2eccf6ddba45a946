/* Unit tests for src/auth: roles, passwords, users, sessions and their
 * expiry, login throttling, SSO provisioning, departments, the roster
 * parser (data-driven from tests/data/roster/) and import, the audit log. */
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "auth/auth.h"
#include "auth/auth_int.h"
#include "harness.h"
#include "db_fixture.h"
#include "ingest_cases.h"

static struct store *fresh_db(void)
{
	return fixture_db("auth");
}

static const struct audit_actor cli = {0, "cli", NULL};

/* Creates a user and sets a known password (through the real change path). */
static int64_t make_user(struct store *db, const char *login, unsigned roles, const char *pw)
{
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	int64_t id = 0;
	struct auth_user_spec spec = {login, "テスト 利用者", NULL, NULL, roles};
	if (auth_user_create(db, &cli, &spec, otp, sizeof(otp), &id, NULL) != 0)
		abort();
	if (pw && auth_user_change_password(db, &cli, id, otp, pw, NULL) != 0)
		abort();
	return id;
}

TEST(roles_parse_and_name)
{
	unsigned r = 0;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(auth_roles_parse("admin, editor", &r, &ei), 0);
	CHECK_INT(r, AUTH_ROLE_ADMIN | AUTH_ROLE_EDITOR);
	CHECK_INT(auth_roles_parse("staff,boss", &r, &ei), YK_EINVAL);
	CHECK(strstr(ei.message, "boss") != NULL);
	CHECK_INT(auth_roles_parse("", &r, NULL), YK_EINVAL);
	CHECK_STR(auth_role_name(AUTH_ROLE_IMPLEMENTER), "implementer");
	CHECK(auth_role_name(AUTH_ROLE_ADMIN | AUTH_ROLE_STAFF) == NULL);
	CHECK_INT(auth_roles_parse("staff,head", &r, &ei), 0);
	CHECK_INT(r, AUTH_ROLE_STAFF | AUTH_ROLE_HEAD);
	CHECK_STR(auth_role_name(AUTH_ROLE_HEAD), "head");
}

TEST(head_scope_is_own_department_subtree)
{
	struct auth_user u;
	memset(&u, 0, sizeof(u));
	const char *path = "x";
	u.roles = AUTH_ROLE_STAFF;
	u.department_id = 3;
	yk_strlcpy(u.department_path, "市民部", sizeof(u.department_path));
	CHECK_INT(auth_head_scope(&u, &path), 0); /* no head role */
	CHECK(path == NULL);
	u.roles |= AUTH_ROLE_HEAD;
	CHECK_INT(auth_head_scope(&u, &path), 1);
	CHECK_STR(path, "市民部");
	CHECK_INT(auth_dept_within("市民部", path), 1);
	CHECK_INT(auth_dept_within("市民部/市民課/窓口係", path), 1);
	CHECK_INT(auth_dept_within("市民部2", path), 0);
	CHECK_INT(auth_dept_within("総務部/市民部", path), 0);
	CHECK_INT(auth_dept_within("", path), 0);
	CHECK_INT(auth_dept_within("市民部", ""), 0);
	CHECK_INT(auth_dept_within(NULL, path), 0);
	u.department_id = 0; /* a head without a department has no scope */
	u.department_path[0] = '\0';
	CHECK_INT(auth_head_scope(&u, &path), 0);
}

TEST(password_hash_verify)
{
	char h1[AUTH_PASSWORD_HASH_MAX], h2[AUTH_PASSWORD_HASH_MAX];
	REQUIRE(auth_password_hash("正しい馬のバッテリー", h1, sizeof(h1)) == 0);
	REQUIRE(auth_password_hash("正しい馬のバッテリー", h2, sizeof(h2)) == 0);
	CHECK(yk_starts_with(h1, "$argon2id$v=19$m=19456,t=2,p=1$"));
	CHECK(strcmp(h1, h2) != 0); /* salted */
	CHECK_INT(auth_password_verify(h1, "正しい馬のバッテリー"), 1);
	CHECK_INT(auth_password_verify(h1, "正しい馬のバッテリ"), 0);
	CHECK_INT(auth_password_verify("", "x"), 0);
	CHECK_INT(auth_password_verify("$argon2i$garbage", "x"), 0);
	CHECK_INT(auth_password_verify("$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", "x"), 0);
}

TEST(password_generate_alphabet)
{
	char pw[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	for (int k = 0; k < 200; k++) {
		auth_password_generate(pw, sizeof(pw));
		REQUIRE(strlen(pw) == AUTH_ONE_TIME_PASSWORD_LEN);
		CHECK(strpbrk(pw, "0O1lI") == NULL);
	}
}

TEST(user_create_validates_and_conflicts)
{
	struct store *db = fresh_db();
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	int64_t id;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct auth_user_spec bad_login = {"山田", "山田", NULL, NULL, AUTH_ROLE_STAFF};
	CHECK_INT(auth_user_create(db, &cli, &bad_login, otp, sizeof(otp), &id, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "login");
	struct auth_user_spec no_roles = {"yamada", "山田", NULL, NULL, 0};
	CHECK_INT(auth_user_create(db, &cli, &no_roles, otp, sizeof(otp), &id, &ei), YK_EINVAL);
	struct auth_user_spec bad_mail = {"yamada", "山田", "yamada@", NULL, AUTH_ROLE_STAFF};
	CHECK_INT(auth_user_create(db, &cli, &bad_mail, otp, sizeof(otp), &id, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "email");
	struct auth_user_spec no_dept = {"yamada", "山田", NULL, "無い部/無い課", AUTH_ROLE_STAFF};
	CHECK_INT(auth_user_create(db, &cli, &no_dept, otp, sizeof(otp), &id, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "department");
	struct auth_user_spec ok = {"Yamada", "山田 太郎", "t.yamada@city.midori.example", NULL,
				    AUTH_ROLE_STAFF | AUTH_ROLE_EDITOR};
	CHECK_INT(auth_user_create(db, &cli, &ok, otp, sizeof(otp), &id, &ei), 0);
	CHECK_INT(strlen(otp), AUTH_ONE_TIME_PASSWORD_LEN);
	struct auth_user_spec again = {"yamada", "別人", NULL, NULL, AUTH_ROLE_STAFF};
	CHECK_INT(auth_user_create(db, &cli, &again, otp, sizeof(otp), &id, &ei), YK_ECONFLICT);
	struct auth_user u;
	REQUIRE(auth_user_find(db, "YAMADA", &u) == 0);
	CHECK_STR(u.login, "Yamada");
	CHECK_INT(u.roles, AUTH_ROLE_STAFF | AUTH_ROLE_EDITOR);
	CHECK_INT(u.must_change_password, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'user.create'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE detail LIKE '%" "argon" "%'"), 0);
	store_close(db);
}

TEST(last_admin_is_protected)
{
	struct store *db = fresh_db();
	int64_t a = make_user(db, "admin", AUTH_ROLE_ADMIN, NULL);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct auth_user_spec demote = {NULL, "管理者", NULL, NULL, AUTH_ROLE_STAFF};
	CHECK_INT(auth_user_update(db, &cli, a, &demote, &ei), YK_ECONFLICT);
	CHECK_INT(auth_user_set_disabled(db, &cli, a, 1, &ei), YK_ECONFLICT);
	int64_t b = make_user(db, "admin2", AUTH_ROLE_ADMIN, NULL);
	CHECK_INT(auth_user_update(db, &cli, a, &demote, &ei), 0);
	CHECK_INT(auth_user_set_disabled(db, &cli, b, 1, &ei), YK_ECONFLICT);
	struct auth_user u;
	REQUIRE(auth_user_get(db, a, &u) == 0);
	CHECK_INT(u.roles, AUTH_ROLE_STAFF);
	struct auth_user_spec rename = {"other", "x", NULL, NULL, AUTH_ROLE_STAFF};
	CHECK_INT(auth_user_update(db, &cli, a, &rename, &ei), YK_EINVAL);
	store_close(db);
}

TEST(login_session_lookup_logout)
{
	struct store *db = fresh_db();
	int64_t id = make_user(db, "suzuki", AUTH_ROLE_STAFF, "suzuki-pass-2026");
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_session s, s2;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	REQUIRE(auth_login(db, "SUZUKI", "suzuki-pass-2026", "10.0.0.1", token, sizeof(token), &s,
			   &ei) == 0);
	CHECK_INT(strlen(token), AUTH_TOKEN_LEN);
	CHECK_INT(s.user.id, id);
	CHECK_INT(s.user.must_change_password, 0);
	/* Only the hash of the token is stored. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sessions WHERE length(token_hash) = 32"), 1);
	REQUIRE(auth_session_lookup(db, token, &s2) == 0);
	CHECK_INT(s2.id, s.id);
	CHECK_STR(s2.csrf, s.csrf);
	CHECK_INT(auth_csrf_ok(&s2, s.csrf), 1);
	CHECK_INT(auth_csrf_ok(&s2, "x"), 0);
	char wrong[AUTH_CSRF_LEN + 1];
	yk_strlcpy(wrong, s.csrf, sizeof(wrong));
	wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
	CHECK_INT(auth_csrf_ok(&s2, wrong), 0);
	CHECK_INT(auth_session_lookup(db, "short", &s2), YK_EAUTH);
	char forged[AUTH_TOKEN_LEN + 1];
	memset(forged, 'A', AUTH_TOKEN_LEN);
	forged[AUTH_TOKEN_LEN] = '\0';
	CHECK_INT(auth_session_lookup(db, forged, &s2), YK_EAUTH);
	struct audit_actor me = {id, "suzuki", "10.0.0.1"};
	CHECK_INT(auth_logout(db, &me, token), 0);
	CHECK_INT(auth_session_lookup(db, token, &s2), YK_EAUTH);
	CHECK_INT(auth_logout(db, &me, token), YK_EAUTH);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action IN ('login', 'logout')"), 2);
	CHECK_INT(store_stmt_busy_count(db), 0); /* every cached statement was reset */
	store_close(db);
}

TEST(session_expiry_idle_and_absolute)
{
	struct store *db = fresh_db();
	make_user(db, "tanaka", AUTH_ROLE_STAFF, "tanaka-pass-2026");
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_session s;
	REQUIRE(auth_login(db, "tanaka", "tanaka-pass-2026", NULL, token, sizeof(token), &s, NULL) ==
		0);
	/* Idle: last seen 61 minutes ago (default idle 60). */
	fixture_exec(db, "UPDATE sessions SET last_seen_at = last_seen_at - 61 * 60");
	CHECK_INT(auth_session_lookup(db, token, &s), YK_EAUTH);
	CHECK(sqlite3_get_autocommit(store_handle(db))); /* its read transaction ended */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sessions"), 0);
	REQUIRE(auth_login(db, "tanaka", "tanaka-pass-2026", NULL, token, sizeof(token), &s, NULL) ==
		0);
	/* Touched a minute ago: still valid, and the touch moves it forward. */
	fixture_exec(db, "UPDATE sessions SET last_seen_at = last_seen_at - 120");
	CHECK_INT(auth_session_lookup(db, token, &s), 0);
	CHECK(sqlite3_get_autocommit(store_handle(db)));
	CHECK_INT(fixture_int(db, "SELECT last_seen_at >= strftime('%s','now') - 5 FROM sessions"), 1);
	/* Absolute expiry passed although recently active. */
	fixture_exec(db, "UPDATE sessions SET expires_at = strftime('%s','now') - 1");
	CHECK_INT(auth_session_lookup(db, token, &s), YK_EAUTH);
	store_close(db);
}

TEST(login_failures_and_rate_limits)
{
	struct store *db = fresh_db();
	int64_t id = make_user(db, "ito", AUTH_ROLE_STAFF, "ito-password-2026");
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_session s;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(auth_login(db, "nobody", "x", "10.0.0.2", token, sizeof(token), &s, &ei), YK_EAUTH);
	char unknown_msg[512];
	yk_strlcpy(unknown_msg, ei.message, sizeof(unknown_msg));
	CHECK_INT(auth_login(db, "ito", "wrong", "10.0.0.2", token, sizeof(token), &s, &ei), YK_EAUTH);
	CHECK_STR(ei.message, unknown_msg); /* no hint which part was wrong */
	for (int i = 0; i < 5; i++)
		CHECK_INT(auth_login(db, "ito", "wrong", "10.0.0.3", token, sizeof(token), &s, NULL),
			  YK_EAUTH);
	/* 5 failures for (ito, 10.0.0.3): that pair waits, even with the right
	 * password; ito from another address does not. */
	CHECK_INT(auth_login(db, "ITO", "ito-password-2026", "10.0.0.3", token, sizeof(token), &s,
			     &ei),
		  YK_ERATE);
	/* "... 30 秒ほど ..." (29 when a second ticked over meanwhile) */
	CHECK(strstr(ei.message, "30 秒") != NULL || strstr(ei.message, "29 秒") != NULL);
	CHECK_INT(auth_login(db, "ito", "ito-password-2026", "10.0.0.5", token, sizeof(token), &s, &ei),
		  0);
	CHECK(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'login.failed'"
			  " AND detail LIKE '%rate_limited%'") >= 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE detail LIKE '%wrong%'"), 0);
	/* An unknown name never reaches the audit log or the failure keys. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE target LIKE '%nobody%'"), 0);
	CHECK(fixture_int(db, "SELECT count(*) FROM audit_log WHERE target LIKE '(unknown:%'") >= 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM login_failures WHERE key LIKE '%nobody%'"
			      " OR key LIKE '%ito%'"), 0);
	/* The delay grows: after one more failure past the threshold it doubles. */
	fixture_exec(db, "UPDATE login_failures SET at = at - 31");
	CHECK_INT(auth_login(db, "ito", "wrong", "10.0.0.3", token, sizeof(token), &s, NULL), YK_EAUTH);
	fixture_exec(db, "UPDATE login_failures SET at = at - 31");
	CHECK_INT(auth_login(db, "ito", "ito-password-2026", "10.0.0.3", token, sizeof(token), &s, &ei),
		  YK_ERATE);
	/* the doubled delay: 60 s from the last failure, 31 s ago */
	CHECK(strstr(ei.message, "29 秒") != NULL || strstr(ei.message, "28 秒") != NULL);
	/* The window passes: everything is forgotten. */
	fixture_exec(db, "UPDATE login_failures SET at = at - 16 * 60");
	CHECK_INT(auth_login(db, "ito", "ito-password-2026", "10.0.0.3", token, sizeof(token), &s, NULL),
		  0);
	CHECK_INT(auth_housekeeping(db), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM login_failures"), 0);
	/* Per-address limit: 20 failures across many names from one address. */
	char name[32];
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "guess%d", i);
		CHECK_INT(auth_login(db, name, "x", "10.9.9.9", token, sizeof(token), &s, NULL),
			  YK_EAUTH);
	}
	CHECK_INT(auth_login(db, "ito", "ito-password-2026", "10.9.9.9", token, sizeof(token), &s, NULL),
		  YK_ERATE);
	/* Attempts are counted before the password is checked: a reservation
	 * row exists while an attempt is in flight. */
	struct auth_attempt att;
	CHECK_INT(auth_throttle_begin(db, "password", "ito", "10.1.1.1", &att, NULL), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM login_failures WHERE key LIKE 'password:%'"), 1);
	auth_throttle_end(db, &att, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM login_failures WHERE key LIKE 'password:%'"), 0);
	for (int i = 0; i < 5; i++) {
		CHECK_INT(auth_throttle_begin(db, "password", "ito", "10.1.1.1", &att, NULL), 0);
		auth_throttle_end(db, &att, 0);
	}
	CHECK_INT(auth_throttle_begin(db, "password", "ito", "10.1.1.1", &att, &ei), YK_ERATE);
	CHECK(att.retry_after > 0 && att.retry_after <= AUTH_THROTTLE_DELAY);
	/* Disabled accounts cannot log in and lose their sessions. */
	REQUIRE(auth_login(db, "ito", "ito-password-2026", "10.0.0.6", token, sizeof(token), &s,
			   NULL) == 0);
	make_user(db, "boss", AUTH_ROLE_ADMIN, NULL);
	CHECK_INT(auth_user_set_disabled(db, &cli, id, 1, NULL), 0);
	CHECK_INT(auth_session_lookup(db, token, &s), YK_EAUTH);
	CHECK_INT(auth_login(db, "ito", "ito-password-2026", "10.0.0.7", token, sizeof(token), &s, NULL),
		  YK_EDISABLED);
	store_close(db);
}

/* ---- the session cache ------------------------------------------------------
 *
 * A checked session is cached per connection under the authentication
 * generation; every change the check depends on, made on this connection
 * or on another one (the CLI is another process: here a second
 * connection), must reach the very next check, and a stale entry must
 * never grant access. */

/* A second connection to db's file: what `yakuba user ...` would open. */
static struct store *cli_conn(struct store *db)
{
	struct store *other = NULL;
	if (store_open(store_path(db), 0, &other, NULL) != 0)
		abort();
	return other;
}

/* Logs login in (password pw) and checks the session twice, so that the
 * second check is answered from the cache. */
static void cached_login(struct store *db, const char *login, const char *pw, char *token,
			 struct auth_session *s)
{
	if (auth_login(db, login, pw, NULL, token, AUTH_TOKEN_LEN + 1, s, NULL) != 0 ||
	    auth_session_lookup(db, token, s) != 0)
		abort();
	uint64_t hits = auth__session_cache_hits(db);
	if (auth_session_lookup(db, token, s) != 0 || auth__session_cache_hits(db) != hits + 1)
		abort();
}

TEST(session_cache_answers_and_sees_logout)
{
	struct store *db = fresh_db();
	int64_t id = make_user(db, "sato", AUTH_ROLE_STAFF, "sato-pass-2026x");
	char token[AUTH_TOKEN_LEN + 1], t2[AUTH_TOKEN_LEN + 1];
	struct auth_session s;
	cached_login(db, "sato", "sato-pass-2026x", token, &s);
	CHECK_INT(s.user.id, id);
	CHECK(sqlite3_get_autocommit(store_handle(db)));
	CHECK_INT(store_stmt_busy_count(db), 0);
	/* Logout on this connection. */
	struct audit_actor me = {id, "sato", NULL};
	CHECK_INT(auth_logout(db, &me, token), 0);
	CHECK_INT(auth_session_lookup(db, token, &s), YK_EAUTH);
	/* A session ended by another connection (the browser's logout on
	 * another worker, or the CLI). */
	cached_login(db, "sato", "sato-pass-2026x", t2, &s);
	struct store *cli2 = cli_conn(db);
	CHECK_INT(auth_session_end(cli2, t2), 0);
	store_close(cli2);
	uint64_t hits = auth__session_cache_hits(db);
	CHECK_INT(auth_session_lookup(db, t2, &s), YK_EAUTH);
	CHECK(auth__session_cache_hits(db) == hits);
	/* A check inside a writing transaction sees its uncommitted state and
	 * is not cached: after the rollback the next check reads the rows. */
	char t3[AUTH_TOKEN_LEN + 1];
	cached_login(db, "sato", "sato-pass-2026x", t3, &s);
	REQUIRE(store_begin(db, NULL) == 0);
	fixture_exec(db, "UPDATE users SET disabled = 1 WHERE login = 'sato'");
	CHECK_INT(auth_session_lookup(db, t3, &s), YK_EAUTH);
	fixture_exec(db, "UPDATE users SET disabled = 0 WHERE login = 'sato'");
	fixture_exec(db, "INSERT INTO user_roles(user_id, role) SELECT id, 'admin' FROM users"
			 " WHERE login = 'sato'");
	CHECK_INT(auth_session_lookup(db, t3, &s), 0);
	CHECK(s.user.roles & AUTH_ROLE_ADMIN);
	store_rollback(db);
	/* Three changes made the same generation the rolled-back check saw. */
	fixture_exec(db, "UPDATE users SET display_name = 'x' WHERE login = 'sato'");
	fixture_exec(db, "UPDATE users SET display_name = 'y' WHERE login = 'sato'");
	fixture_exec(db, "UPDATE users SET display_name = 'z' WHERE login = 'sato'");
	CHECK_INT(auth_session_lookup(db, t3, &s), 0);
	CHECK(!(s.user.roles & AUTH_ROLE_ADMIN));
	CHECK_STR(s.user.display_name, "z");
	/* A token never cached, and one of the wrong shape. */
	char forged[AUTH_TOKEN_LEN + 1];
	memset(forged, 'B', AUTH_TOKEN_LEN);
	forged[AUTH_TOKEN_LEN] = '\0';
	CHECK_INT(auth_session_lookup(db, forged, &s), YK_EAUTH);
	store_close(db);
}

TEST(session_cache_sees_password_disable_and_reset_from_another_connection)
{
	struct store *db = fresh_db();
	int64_t id = make_user(db, "ito", AUTH_ROLE_STAFF, "ito-pass-2026xx");
	char t1[AUTH_TOKEN_LEN + 1], t2[AUTH_TOKEN_LEN + 1];
	struct auth_session s1, s2;
	cached_login(db, "ito", "ito-pass-2026xx", t1, &s1);
	cached_login(db, "ito", "ito-pass-2026xx", t2, &s2);
	struct store *cli2 = cli_conn(db);
	/* A password change on another connection keeps the session that made
	 * it and ends the other one. */
	CHECK_INT(auth_user_change_password_keep(cli2, &cli, id, "ito-pass-2026xx",
						 "ito-new-pass-2026", s1.id, NULL),
		  0);
	CHECK_INT(auth_session_lookup(db, t1, &s1), 0);
	CHECK_INT(auth_session_lookup(db, t2, &s2), YK_EAUTH);
	/* Disabled by the CLI: refused at once; enabled again: back. */
	CHECK_INT(auth_session_lookup(db, t1, &s1), 0);
	CHECK_INT(auth_user_set_disabled(cli2, &cli, id, 1, NULL), 0);
	CHECK_INT(auth_session_lookup(db, t1, &s1), YK_EAUTH);
	CHECK_INT(auth_user_set_disabled(cli2, &cli, id, 0, NULL), 0);
	cached_login(db, "ito", "ito-new-pass-2026", t1, &s1);
	/* A password reset by the CLI ends every session. */
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	CHECK_INT(auth_user_reset_password(cli2, &cli, id, otp, sizeof(otp), NULL), 0);
	CHECK_INT(auth_session_lookup(db, t1, &s1), YK_EAUTH);
	/* must_change_password set without ending the session (by hand) still
	 * reaches the next check. */
	cached_login(db, "ito", otp, t1, &s1);
	CHECK_INT(s1.user.must_change_password, 1);
	fixture_exec(cli2, "UPDATE users SET must_change_password = 0 WHERE login = 'ito'");
	CHECK_INT(auth_session_lookup(db, t1, &s1), 0);
	CHECK_INT(s1.user.must_change_password, 0);
	store_close(cli2);
	store_close(db);
}

TEST(session_cache_sees_roles_and_department)
{
	struct store *db = fresh_db();
	int64_t dept = 0;
	REQUIRE(auth_dept_ensure(db, &cli, "市民部/市民課", &dept, NULL) == 0);
	int64_t id = make_user(db, "kato", AUTH_ROLE_STAFF | AUTH_ROLE_EDITOR, "kato-pass-2026xx");
	struct auth_user_spec spec = {NULL, "加藤", NULL, "市民部/市民課",
				      AUTH_ROLE_STAFF | AUTH_ROLE_EDITOR};
	REQUIRE(auth_user_update(db, &cli, id, &spec, NULL) == 0);
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_session s;
	cached_login(db, "kato", "kato-pass-2026xx", token, &s);
	CHECK(s.user.roles & AUTH_ROLE_EDITOR);
	CHECK_STR(s.user.department_path, "市民部/市民課");
	struct store *cli2 = cli_conn(db);
	/* A role taken away by another connection: gone at the next check. */
	spec.roles = AUTH_ROLE_STAFF;
	CHECK_INT(auth_user_update(cli2, &cli, id, &spec, NULL), 0);
	CHECK_INT(auth_session_lookup(db, token, &s), 0);
	CHECK(!(s.user.roles & AUTH_ROLE_EDITOR));
	/* Raw SQL on the roles table (no auth function) too. */
	CHECK_INT(auth_session_lookup(db, token, &s), 0);
	fixture_exec(cli2, "INSERT INTO user_roles(user_id, role) SELECT id, 'admin' FROM users"
			   " WHERE login = 'kato'");
	CHECK_INT(auth_session_lookup(db, token, &s), 0);
	CHECK(s.user.roles & AUTH_ROLE_ADMIN);
	fixture_exec(cli2, "DELETE FROM user_roles WHERE role = 'admin' AND user_id ="
			   " (SELECT id FROM users WHERE login = 'kato')");
	CHECK_INT(auth_session_lookup(db, token, &s), 0);
	CHECK(!(s.user.roles & AUTH_ROLE_ADMIN));
	/* The department renamed, then the user moved out of it. */
	CHECK_INT(auth_dept_rename(cli2, &cli, dept, "住民課", NULL), 0);
	CHECK_INT(auth_session_lookup(db, token, &s), 0);
	CHECK_STR(s.user.department_path, "市民部/住民課");
	spec.department_path = NULL;
	CHECK_INT(auth_user_update(cli2, &cli, id, &spec, NULL), 0);
	CHECK_INT(auth_session_lookup(db, token, &s), 0);
	CHECK_STR(s.user.department_path, "");
	CHECK_INT(s.user.department_id, 0);
	store_close(cli2);
	store_close(db);
}

TEST(session_cache_expiry_and_idle)
{
	struct store *db = fresh_db();
	make_user(db, "endo", AUTH_ROLE_STAFF, "endo-pass-2026xx");
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_session s;
	/* The absolute expiry passes while the entry is cached: the cache
	 * checks the clock itself (no change in the database). */
	cached_login(db, "endo", "endo-pass-2026xx", token, &s);
	fixture_exec(db, "UPDATE sessions SET expires_at = strftime('%s','now') + 1");
	CHECK_INT(auth_session_lookup(db, token, &s), 0);
	uint64_t hits = auth__session_cache_hits(db);
	CHECK_INT(auth_session_lookup(db, token, &s), 0);
	CHECK(auth__session_cache_hits(db) == hits + 1);
	sleep(2);
	CHECK_INT(auth_session_lookup(db, token, &s), YK_EAUTH);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sessions"), 0);
	/* Idle: the row's last_seen_at moved back (by hand) makes the cached
	 * entry stale too. */
	cached_login(db, "endo", "endo-pass-2026xx", token, &s);
	fixture_exec(db, "UPDATE sessions SET last_seen_at = last_seen_at - 61 * 60");
	CHECK_INT(auth_session_lookup(db, token, &s), YK_EAUTH);
	/* The cached answer carries the idle expiry of the row. */
	cached_login(db, "endo", "endo-pass-2026xx", token, &s);
	int64_t seen = fixture_int(db, "SELECT last_seen_at FROM sessions");
	CHECK(s.idle_expires_at == seen + store_setting_int(db, "session_idle_minutes") * 60 ||
	      s.idle_expires_at == s.expires_at);
	store_close(db);
}

TEST(session_cache_sees_roster_retirement)
{
	struct store *db = fresh_db();
	static const char v1[] = "職員番号,氏名,所属,役割,メール\n"
				 "7,戊 七,市民部/市民課,一般職員,\n"
				 "8,己 八,総務部,一般職員,\n";
	static const char v2[] = "職員番号,氏名,所属,役割,メール\n"
				 "8,己 八,総務部,一般職員,\n";
	struct auth_roster_sync *res = yk_xcalloc(1, sizeof(*res));
	REQUIRE(auth_roster_sync(db, &cli, v1, strlen(v1), "r.csv", 1, NULL, res, NULL) == 0);
	auth_roster_sync_release(res);
	int64_t id = make_user(db, "bo", AUTH_ROLE_STAFF, "bo-pass-2026xxxx");
	fixture_exec(db, "UPDATE users SET staff_id = (SELECT id FROM staff WHERE employee_no = '7')"
			 " WHERE login = 'bo'");
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_session s;
	cached_login(db, "bo", "bo-pass-2026xxxx", token, &s);
	CHECK_INT(s.user.id, id);
	/* The sync that retires 7 runs in another process. */
	struct store *cli2 = cli_conn(db);
	memset(res, 0, sizeof(*res));
	REQUIRE(auth_roster_sync(cli2, &cli, v2, strlen(v2), "r.csv", 1, NULL, res, NULL) == 0);
	CHECK_INT((int)res->accounts_disabled, 1);
	auth_roster_sync_release(res);
	free(res);
	store_close(cli2);
	CHECK_INT(auth_session_lookup(db, token, &s), YK_EAUTH);
	store_close(db);
}

TEST(password_change_policy_and_sessions)
{
	struct store *db = fresh_db();
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	int64_t id;
	struct auth_user_spec spec = {"kimura", "木村", NULL, NULL, AUTH_ROLE_STAFF};
	REQUIRE(auth_user_create(db, &cli, &spec, otp, sizeof(otp), &id, NULL) == 0);
	char t1[AUTH_TOKEN_LEN + 1], t2[AUTH_TOKEN_LEN + 1];
	struct auth_session s1, s2;
	REQUIRE(auth_login(db, "kimura", otp, NULL, t1, sizeof(t1), &s1, NULL) == 0);
	CHECK_INT(s1.user.must_change_password, 1);
	REQUIRE(auth_login(db, "kimura", otp, NULL, t2, sizeof(t2), &s2, NULL) == 0);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(auth_user_change_password(db, &cli, id, "wrong", "kimura-new-pass", &ei), YK_EAUTH);
	CHECK_INT(auth_user_change_password(db, &cli, id, otp, "short", &ei), YK_EINVAL);
	CHECK(strstr(ei.message, "12 文字以上") != NULL);
	CHECK_INT(auth_user_change_password(db, &cli, id, otp, otp, &ei), YK_EINVAL);
	CHECK_INT(auth_user_change_password(db, &cli, id, otp, "KIMURA", &ei), YK_EINVAL);
	/* 12 characters of Japanese count as 12, not 36 bytes. */
	CHECK_INT(auth_user_change_password(db, &cli, id, otp, "あいうえおかきくけこさ", &ei),
		  YK_EINVAL);
	CHECK_INT(auth_user_change_password_keep(db, &cli, id, otp, "あいうえおかきくけこさし",
						 s1.id, &ei),
		  0);
	CHECK_INT(auth_session_lookup(db, t1, &s1), 0); /* kept */
	CHECK_INT(s1.user.must_change_password, 0);
	CHECK_INT(auth_session_lookup(db, t2, &s2), YK_EAUTH); /* ended */
	char otp2[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	CHECK_INT(auth_user_reset_password(db, &cli, id, otp2, sizeof(otp2), NULL), 0);
	CHECK_INT(auth_session_lookup(db, t1, &s1), YK_EAUTH);
	CHECK_INT(auth_login(db, "kimura", "あいうえおかきくけこさし", NULL, t1, sizeof(t1), &s1, NULL),
		  YK_EAUTH);
	CHECK_INT(auth_login(db, "kimura", otp2, NULL, t1, sizeof(t1), &s1, NULL), 0);
	CHECK_INT(s1.user.must_change_password, 1);
	store_close(db);
}

TEST(sso_provisions_from_roster_only)
{
	struct store *db = fresh_db();
	const char *csv = "employee_no,name,department,tier,email\n"
			  "E100,架空 一子,市民部/市民課,一般職員,ichiko@city.midori.example\n";
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	REQUIRE(auth_roster_import(db, &cli, csv, strlen(csv), "r.csv", res, NULL) == 0);
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_session s;
	CHECK_INT(auth_login_sso(db, "stranger", "127.0.0.1", token, sizeof(token), &s, NULL),
		  YK_EAUTH);
	CHECK_INT(auth_login_sso(db, "bad login!", "127.0.0.1", token, sizeof(token), &s, NULL),
		  YK_EAUTH);
	REQUIRE(auth_login_sso(db, "E100", "127.0.0.1", token, sizeof(token), &s, NULL) == 0);
	CHECK_STR(s.user.display_name, "架空 一子");
	CHECK_STR(s.user.department_path, "市民部/市民課");
	CHECK_INT(s.user.roles, AUTH_ROLE_STAFF);
	CHECK_INT(s.user.sso_only, 1);
	CHECK_INT(s.user.must_change_password, 0);
	/* An SSO-only user has no password to log in with. */
	CHECK_INT(auth_login(db, "E100", "", NULL, token, sizeof(token), &s, NULL), YK_EAUTH);
	CHECK_INT(auth_login_sso(db, "ichiko@city.midori.example", NULL, token, sizeof(token), &s,
				 NULL),
		  0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM users"), 2);
	free(res);
	store_close(db);
}

TEST(dept_paths_data_driven)
{
	FILE *f = fopen("tests/data/dept_paths.tsv", "r");
	REQUIRE(f != NULL);
	char line[1024];
	int cases = 0;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t');
		REQUIRE(tab != NULL);
		*tab = '\0';
		const char *want = tab + 1;
		char out[AUTH_DEPT_PATH_MAX + 1];
		struct yk_errinfo ei;
		yk_errinfo_clear(&ei);
		int rc = auth_dept_path_normalize(line, strlen(line), out, sizeof(out), &ei);
		if (want[0] == '!') {
			if (rc != YK_EINVAL || !strstr(ei.message, want + 1))
				fprintf(stderr, "case [%s]: rc %d msg %s\n", line, rc, ei.message);
			CHECK_INT(rc, YK_EINVAL);
			CHECK(strstr(ei.message, want + 1) != NULL);
		} else {
			CHECK_INT(rc, 0);
			CHECK_STR(out, want);
		}
		cases++;
	}
	fclose(f);
	CHECK(cases >= 10);
	char out[16];
	CHECK_INT(auth_dept_path_normalize("", 0, out, sizeof(out), NULL), YK_EINVAL);
	CHECK_INT(auth_dept_path_normalize("\xff", 1, out, sizeof(out), NULL), YK_EINVAL);
	CHECK_INT(auth_dept_path_normalize("市民部/市民課", strlen("市民部/市民課"), out, sizeof(out),
					   NULL),
		  YK_EINVAL); /* does not fit: refused, not cut */
}

TEST(dept_tree_rename_delete)
{
	struct store *db = fresh_db();
	int64_t id, child;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	REQUIRE(auth_dept_ensure(db, &cli, "市民部/市民課/窓口係", &child, &ei) == 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM departments"), 3);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'dept.create'"), 3);
	REQUIRE(auth_dept_ensure(db, &cli, " 市民部 ／ 市民課 ", &id, &ei) == 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM departments"), 3);
	REQUIRE(auth_dept_ensure(db, &cli, "市民部x", &id, &ei) == 0); /* prefix, not child */
	struct auth_department d;
	REQUIRE(auth_dept_find(db, "市民部", &d) == 0);
	CHECK_INT(auth_dept_delete(db, &cli, d.id, &ei), YK_ECONFLICT);
	CHECK(strstr(ei.message, "下位の所属 1 件") != NULL);
	CHECK_INT(auth_dept_rename(db, &cli, d.id, "くらし部", &ei), 0);
	CHECK_INT(auth_dept_find(db, "くらし部/市民課/窓口係", &d), 0);
	CHECK_INT(d.id, child);
	CHECK_INT(auth_dept_find(db, "市民部x", &d), 0); /* untouched */
	CHECK_INT(auth_dept_rename(db, &cli, d.id, "くらし部", &ei), YK_ECONFLICT);
	CHECK_INT(auth_dept_rename(db, &cli, d.id, "a/b", &ei), YK_EINVAL);
	CHECK_INT(auth_dept_delete(db, &cli, d.id, &ei), 0);
	CHECK_INT(auth_dept_delete(db, &cli, d.id, &ei), YK_ENOTFOUND);
	CHECK_INT(auth_dept_delete(db, &cli, child, &ei), 0);
	store_close(db);
}

/* ---- roster ---------------------------------------------------------------- */

static int count_row(void *ctx, const struct auth_roster_row *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static int count_staff(void *ctx, const struct auth_staff *s)
{
	CHECK(s->employee_no[0] != '\0');
	(*(int *)ctx)++;
	return 0;
}

/* Each tests/data/roster/NAME.csv has NAME.expect: "ok N" (N rows), or one
 * "LINE<TAB>message substring" per expected error, in order. */
TEST(roster_cases_data_driven)
{
	DIR *dir = opendir("tests/data/roster");
	REQUIRE(dir != NULL);
	struct dirent *e;
	int cases = 0;
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	while ((e = readdir(dir))) {
		size_t nl = strlen(e->d_name);
		if (nl < 5 || strcmp(e->d_name + nl - 4, ".csv") != 0)
			continue;
		char path[512], exp_path[512];
		snprintf(path, sizeof(path), "tests/data/roster/%s", e->d_name);
		snprintf(exp_path, sizeof(exp_path), "tests/data/roster/%.*s.expect", (int)(nl - 4),
			 e->d_name);
		size_t len, elen;
		char *csv = ingest_case_slurp(path, &len), *exp = ingest_case_slurp(exp_path, &elen);
		if (!csv || !exp)
			fprintf(stderr, "missing %s or its .expect\n", path);
		REQUIRE(csv && exp);
		int rows = 0;
		int rc = auth_roster_parse(csv, len, e->d_name, count_row, &rows, res);
		int bad = 0;
		if (strncmp(exp, "ok ", 3) == 0) {
			long want = strtol(exp + 3, NULL, 10);
			bad = rc != 0 || rows != want || res->problems.count != 0;
		} else {
			size_t k = 0;
			for (char *line = exp; *line; k++) {
				char *nlp = strchr(line, '\n');
				if (nlp)
					*nlp = '\0';
				char *tab = strchr(line, '\t');
				const struct ingest_problem *pr = &res->problems.item[k];
				if (!tab || k >= res->problems.count || pr->line != strtol(line, NULL, 10) ||
				    !strstr(pr->message, tab + 1))
					bad = 1;
				line = nlp ? nlp + 1 : line + strlen(line);
			}
			bad = bad || (rc != YK_EPARSE && rc != YK_ELIMIT) || k != res->problems.count;
		}
		if (bad) {
			fprintf(stderr, "%s: rc %d rows %d errors %zu\n", e->d_name, rc, rows,
				res->problems.count);
			for (size_t k = 0; k < ingest_problems_kept(&res->problems); k++)
				fprintf(stderr, "  %ld: %s\n", res->problems.item[k].line,
					res->problems.item[k].message);
		}
		CHECK(!bad);
		free(csv);
		free(exp);
		cases++;
	}
	closedir(dir);
	free(res);
	CHECK(cases >= 8);
}

/* The shared import cases (tests/data/ingest/) through the roster importer:
 * the same problems at the same lines, and the same rows when none. */
struct roster_rows {
	size_t n;
	struct ingest_case_row rows[INGEST_CASE_ROWS];
};

static int keep_roster_row(void *ctx, const struct auth_roster_row *r)
{
	struct roster_rows *rr = ctx;
	if (rr->n < INGEST_CASE_ROWS) {
		struct ingest_case_row *o = &rr->rows[rr->n];
		o->line = r->line;
		const char *v[INGEST_CASE_COLS] = {r->employee_no, r->name, r->department_path, r->tier};
		for (size_t k = 0; k < INGEST_CASE_COLS; k++)
			yk_strlcpy(o->value[k], v[k], sizeof(o->value[k]));
	}
	rr->n++;
	return 0;
}

static void roster_case(void *ctx, struct ingest_case *c)
{
	int *failed = ctx;
	if (c->only_ingest)
		return;
	static const char *const names[INGEST_CASE_COLS] = {"employee_no", "name", "department",
							    "tier"};
	size_t len;
	char *bytes = ingest_case_with_header(c, names, &len);
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	struct roster_rows *rr = yk_xcalloc(1, sizeof(*rr));
	int rc = auth_roster_parse(bytes, len, c->name, keep_roster_row, rr, res);
	if (rr->n > INGEST_CASE_ROWS ||
	    !ingest_case_check(c, rc, &res->problems, rr->rows, rr->n, 0, "roster"))
		*failed = 1;
	free(rr);
	free(res);
	free(bytes);
}

TEST(roster_shared_ingest_cases)
{
	int failed = 0;
	CHECK(ingest_cases_each(roster_case, &failed) >= 15);
	CHECK(!failed);
}

TEST(roster_limits)
{
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	int rows = 0;
	CHECK_INT(auth_roster_parse("x", AUTH_ROSTER_MAX_BYTES + 1, "big.csv", count_row, &rows, res),
		  YK_ELIMIT);
	/* Too many rows. */
	struct yk_buf b;
	yk_buf_init(&b, 0);
	REQUIRE(yk_buf_adds(&b, "employee_no,name,department,tier\n") == 0);
	for (int i = 0; i <= AUTH_ROSTER_MAX_ROWS; i++)
		REQUIRE(yk_buf_addf(&b, "N%d,名前,部/課,一般職員\n", i) == 0);
	CHECK_INT(auth_roster_parse(b.data, b.len, "many.csv", count_row, &rows, res), YK_ELIMIT);
	yk_buf_release(&b);
	/* A cell past the field limit. */
	yk_buf_init(&b, 0);
	REQUIRE(yk_buf_adds(&b, "employee_no,name,department,tier\nN1,") == 0);
	for (int i = 0; i < 5000; i++)
		REQUIRE(yk_buf_addc(&b, 'a') == 0);
	REQUIRE(yk_buf_adds(&b, ",部/課,一般職員\n") == 0);
	rows = 0;
	CHECK_INT(auth_roster_parse(b.data, b.len, "wide.csv", count_row, &rows, res), YK_ELIMIT);
	CHECK_INT(rows, 0);
	CHECK(res->problems.count == 1 && strstr(res->problems.item[0].message, "長すぎます"));
	CHECK_INT(res->problems.item[0].line, 2);
	yk_buf_release(&b);
	free(res);
}

TEST(roster_import_all_or_nothing_and_upsert)
{
	struct store *db = fresh_db();
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	const char *v1 = "employee_no,name,department,tier\n"
			 "A1,一,市民部/市民課,一般職員\nA2,二,市民部/市民課,幹部\n";
	REQUIRE(auth_roster_import(db, &cli, v1, strlen(v1), "v1.csv", res, NULL) == 0);
	CHECK_INT(res->inserted, 2);
	CHECK_INT(res->departments_created, 2);
	const char *bad = "employee_no,name,department,tier\n"
			  "A3,三,新設部/新設課,一般職員\nA4,四,市民部/市民課,課長\n";
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(auth_roster_import(db, &cli, bad, strlen(bad), "bad.csv", res, &ei), YK_EPARSE);
	CHECK_INT(ei.line, 3);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM staff"), 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM departments WHERE path LIKE '新設部%'"), 0);
	const char *v2 = "employee_no,name,department,tier\n"
			 "A1,一,市民部/市民課,一般職員\nA2,二,福祉部/福祉課,幹部\nA5,五,市民部/市民課,一般職員\n";
	REQUIRE(auth_roster_import(db, &cli, v2, strlen(v2), "v2.csv", res, NULL) == 0);
	CHECK_INT(res->unchanged, 1);
	CHECK_INT(res->updated, 1);
	CHECK_INT(res->inserted, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'staff.import'"), 2);
	int64_t total = 0;
	int n = 0;
	CHECK_INT(auth_staff_list(db, "福祉", 0, 10, count_staff, &n, &total), 0);
	CHECK_INT(total, 1);
	CHECK_INT(n, 1);
	CHECK_INT(auth_staff_list(db, "%", 0, 10, count_staff, &n, &total), 0);
	CHECK_INT(total, 0); /* no LIKE wildcards */
	free(res);
	CHECK_INT(store_stmt_busy_count(db), 0); /* every cached statement was reset */
	store_close(db);
}

TEST_MAIN(T(roles_parse_and_name), T(session_cache_answers_and_sees_logout),
	  T(session_cache_sees_password_disable_and_reset_from_another_connection),
	  T(session_cache_sees_roles_and_department), T(session_cache_expiry_and_idle),
	  T(session_cache_sees_roster_retirement), T(head_scope_is_own_department_subtree), T(password_hash_verify), T(password_generate_alphabet),
	  T(user_create_validates_and_conflicts), T(last_admin_is_protected),
	  T(login_session_lookup_logout), T(session_expiry_idle_and_absolute),
	  T(login_failures_and_rate_limits), T(password_change_policy_and_sessions),
	  T(sso_provisions_from_roster_only), T(dept_paths_data_driven), T(dept_tree_rename_delete),
	  T(roster_cases_data_driven), T(roster_shared_ingest_cases), T(roster_limits), T(roster_import_all_or_nothing_and_upsert))
