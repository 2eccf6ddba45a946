/* Unit tests for the roster sync (人事異動) and accounts from the roster in
 * src/auth/auth_sync.c, and the pure LDAP DN/filter expansion of
 * src/auth/auth_ldap.c (the directory itself is exercised against a real
 * slapd in tests/integration/roster.test.mjs). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "db_fixture.h"
#include "harness.h"

static struct store *fresh_db(void)
{
	return fixture_db("roster");
}

static const struct audit_actor cli = {0, "cli", NULL};

static int sync_text(struct store *db, const char *csv, int apply, const char *expect,
		     struct auth_roster_sync *res, struct yk_errinfo *ei)
{
	return auth_roster_sync(db, &cli, csv, strlen(csv), "r.csv", apply, expect, res, ei);
}

static const struct auth_sync_change *find_change(const struct auth_roster_sync *r,
						  const char *no)
{
	for (size_t i = 0; i < r->nchanges; i++)
		if (strcmp(r->changes[i].employee_no, no) == 0)
			return &r->changes[i];
	return NULL;
}

static const char V1[] = "職員番号,氏名,所属,役割,メール\n"
			 "1,甲 一,市民部/市民課,一般職員,\n"
			 "2,乙 二,市民部/保険年金課,DX推進リーダー,\n"
			 "3,丙 三,総務部,幹部,hei@example.jp\n";
static const char V2[] = "employee_no,name,department,tier,email\n"
			 "1,甲 一,総務部/情報政策課,一般職員,\n"  /* transfer */
			 "2,乙 二改,市民部/保険年金課,一般職員,\n" /* name + tier */
			 "4,丁 四,市民部/市民課,一般職員,\n";       /* new; 3 is gone */

TEST(sync_preview_then_apply_transfer_and_retirement)
{
	struct store *db = fresh_db();
	struct auth_roster_sync *res = yk_xcalloc(1, sizeof(*res));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	REQUIRE(sync_text(db, V1, 1, NULL, res, &ei) == 0);
	CHECK_INT((int)res->added, 3);
	CHECK(res->applied);
	auth_roster_sync_release(res);

	/* An account linked to 1 (made from the roster) and one linked to 3. */
	const char *nos[] = {"1", "3"};
	struct auth_accounts_request req = {nos, 2, NULL, 0, 0};
	struct auth_accounts_result acc;
	REQUIRE(auth_accounts_from_roster(db, &cli, &req, &acc, &ei) == 0);
	CHECK_INT((int)acc.created, 2);
	CHECK_STR(acc.items[0].login, "1");
	CHECK_INT((int)strlen(acc.items[0].one_time_password), AUTH_ONE_TIME_PASSWORD_LEN);
	auth_accounts_result_release(&acc);
	/* 3 has an open session. */
	fixture_exec(db, "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen_at,"
		     " expires_at) SELECT x'00', id, 'c', 0, 0, 9999999999 FROM users WHERE login = '3'");
	int64_t dept_city = fixture_int(db, "SELECT id FROM departments WHERE path = '市民部/市民課'");
	fixture_exec(db, "INSERT INTO usage_events(at, user_id, department_id, feature, outcome)"
		     " SELECT 1, id, department_id, 'ask', 'answer' FROM users WHERE login = '1'");

	/* Preview: nothing written. */
	int64_t audit_before = fixture_int(db, "SELECT count(*) FROM audit_log");
	REQUIRE(sync_text(db, V2, 0, NULL, res, &ei) == 0);
	CHECK(!res->applied);
	CHECK_INT((int)res->added, 1);
	CHECK_INT((int)res->changed, 2);
	CHECK_INT((int)res->transfers, 1);
	CHECK_INT((int)res->gone, 1);
	CHECK_INT((int)res->departments_created, 1); /* 総務部/情報政策課 */
	const struct auth_sync_change *c1 = find_change(res, "1");
	REQUIRE(c1 != NULL);
	CHECK_INT((int)c1->what, (int)AUTH_SYNC_DEPT);
	CHECK_STR(c1->old_department, "市民部/市民課");
	CHECK_STR(c1->department, "総務部/情報政策課");
	CHECK_INT((int)c1->line, 2);
	const struct auth_sync_change *c2 = find_change(res, "2");
	REQUIRE(c2 != NULL);
	CHECK_INT((int)c2->what, (int)(AUTH_SYNC_TIER | AUTH_SYNC_NAME));
	const struct auth_sync_change *c3 = find_change(res, "3");
	REQUIRE(c3 != NULL);
	CHECK_INT(c3->kind, AUTH_SYNC_GONE);
	CHECK_INT((int)c3->accounts, 1);
	CHECK_INT(find_change(res, "4")->kind, AUTH_SYNC_NEW);
	char fp[AUTH_SYNC_FINGERPRINT_LEN + 1];
	yk_strlcpy(fp, res->fingerprint, sizeof(fp));
	CHECK_INT((int)strlen(fp), AUTH_SYNC_FINGERPRINT_LEN);
	auth_roster_sync_release(res);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM staff WHERE left_at IS NOT NULL"), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log"), audit_before);
	CHECK(store_stmt_busy_count(db) == 0);

	/* The same preview gives the same fingerprint; a stale one is refused. */
	REQUIRE(sync_text(db, V2, 0, NULL, res, &ei) == 0);
	CHECK_STR(res->fingerprint, fp);
	auth_roster_sync_release(res);
	CHECK_INT(sync_text(db, V2, 1, "ffffffffffffffff", res, &ei), YK_ECONFLICT);
	auth_roster_sync_release(res);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM staff WHERE employee_no = '4'"), 0);

	/* Apply. */
	REQUIRE(sync_text(db, V2, 1, fp, res, &ei) == 0);
	CHECK(res->applied);
	CHECK_INT((int)res->accounts_disabled, 1);
	CHECK_INT((int)res->accounts_moved, 1);
	auth_roster_sync_release(res);
	/* Retired, not deleted; account disabled and its session ended. */
	CHECK_INT(fixture_int(db, "SELECT left_at IS NOT NULL FROM staff WHERE employee_no = '3'"), 1);
	CHECK_INT(fixture_int(db, "SELECT disabled FROM users WHERE login = '3'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sessions"), 0);
	/* Transfer: the account follows, past usage stays where it happened. */
	CHECK_INT(fixture_int(db, "SELECT d.path = '総務部/情報政策課' FROM users u JOIN departments d"
			      " ON d.id = u.department_id WHERE u.login = '1'"),
		  1);
	CHECK_INT(fixture_int(db, "SELECT department_id FROM usage_events"), dept_city);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'staff.sync'"), 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'user.disable'"), 1);
	store_close(db);
	free(res);
}

static int count_staff(void *ctx, const struct auth_staff *s)
{
	int *n = ctx;
	*n += s->left_at ? 100 : 1;
	return 0;
}

TEST(staff_list_current_or_all)
{
	struct store *db = fresh_db();
	struct auth_roster_sync *res = yk_xcalloc(1, sizeof(*res));
	REQUIRE(sync_text(db, V1, 1, NULL, res, NULL) == 0);
	auth_roster_sync_release(res);
	REQUIRE(sync_text(db, V2, 1, NULL, res, NULL) == 0);
	auth_roster_sync_release(res);
	int n = 0;
	int64_t total = 0;
	REQUIRE(auth_staff_list(db, NULL, 0, 100, count_staff, &n, &total) == 0);
	CHECK_INT(n, 3);
	CHECK_INT(total, 3);
	n = 0;
	REQUIRE(auth_staff_query(db, NULL, AUTH_STAFF_INCLUDE_LEFT, 0, 100, count_staff, &n, &total) == 0);
	CHECK_INT(n, 103);
	CHECK_INT(total, 4);
	/* Back on the roster: returned, with left_at cleared. */
	static const char V3[] = "職員番号,氏名,所属,DX区分\n1,甲 一,総務部/情報政策課,一般職員\n"
				 "2,乙 二改,市民部/保険年金課,一般職員\n4,丁 四,市民部/市民課,一般職員\n"
				 "3,丙 三,総務部,幹部\n";
	REQUIRE(sync_text(db, V3, 1, NULL, res, NULL) == 0);
	CHECK_INT((int)res->returned, 1);
	CHECK_INT((int)res->unchanged, 3);
	auth_roster_sync_release(res);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM staff WHERE left_at IS NULL"), 4);
	free(res);
	store_close(db);
}

TEST(sync_refuses_bad_and_empty_files_and_the_last_admin)
{
	struct store *db = fresh_db();
	struct auth_roster_sync *res = yk_xcalloc(1, sizeof(*res));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	REQUIRE(sync_text(db, V1, 1, NULL, res, &ei) == 0);
	auth_roster_sync_release(res);
	int64_t before = fixture_int(db, "SELECT count(*) FROM staff WHERE left_at IS NULL");

	/* A bad row: nothing, with the problem at its line. */
	static const char bad[] = "職員番号,氏名,所属,DX区分\n1,甲 一,市民部,一般職員\n2,乙 二,市民部,係長\n";
	CHECK_INT(sync_text(db, bad, 1, NULL, res, &ei), YK_EPARSE);
	CHECK_INT((int)res->parse.problems.count, 1);
	CHECK_INT((int)res->parse.problems.item[0].line, 3);
	CHECK_STR(res->parse.problems.item[0].column, "DX区分");
	auth_roster_sync_release(res);
	/* A header without staff would retire everyone: refused. */
	static const char empty[] = "職員番号,氏名,所属,DX区分\n";
	CHECK_INT(sync_text(db, empty, 1, NULL, res, &ei), YK_EPARSE);
	auth_roster_sync_release(res);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM staff WHERE left_at IS NULL"), before);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'staff.sync.refused'"), 2);

	/* The only admin is linked to 3; a roster without 3 is refused. */
	fixture_exec(db, "UPDATE users SET staff_id = (SELECT id FROM staff WHERE employee_no = '3')"
		     " WHERE login IN (SELECT u.login FROM users u JOIN user_roles r ON r.user_id = u.id"
		     " AND r.role = 'admin')");
	int64_t admins = fixture_int(db, "SELECT count(*) FROM user_roles WHERE role = 'admin'");
	if (admins == 0) {
		/* fresh_db has no admin: make one linked to 3. */
		char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
		int64_t id;
		struct auth_user_spec spec = {"boss", "丙 三", NULL, NULL, AUTH_ROLE_ADMIN};
		REQUIRE(auth_user_create(db, &cli, &spec, otp, sizeof(otp), &id, NULL) == 0);
		fixture_exec(db, "UPDATE users SET staff_id = (SELECT id FROM staff WHERE employee_no = '3')"
			     " WHERE login = 'boss'");
	}
	CHECK_INT(sync_text(db, V2, 1, NULL, res, &ei), YK_ECONFLICT);
	CHECK(strstr(ei.message, "最後の管理者") != NULL);
	auth_roster_sync_release(res);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM users WHERE disabled = 1"), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM staff WHERE employee_no = '4'"), 0);
	free(res);
	store_close(db);
}

TEST(accounts_from_roster_by_department_and_skips)
{
	struct store *db = fresh_db();
	struct auth_roster_sync *res = yk_xcalloc(1, sizeof(*res));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	REQUIRE(sync_text(db, V1, 1, NULL, res, &ei) == 0);
	auth_roster_sync_release(res);
	free(res);
	/* 市民部 and under: 1 and 2, not 3 (総務部). "市民" is not a prefix match. */
	struct auth_accounts_request req = {NULL, 0, "市民", 0, 0};
	struct auth_accounts_result acc;
	CHECK_INT(auth_accounts_from_roster(db, &cli, &req, &acc, &ei), YK_ENOTFOUND);
	req.department = "市民部";
	REQUIRE(auth_accounts_from_roster(db, &cli, &req, &acc, &ei) == 0);
	CHECK_INT((int)acc.created, 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM users WHERE staff_id IS NOT NULL AND"
			      " must_change_password = 1 AND password_hash IS NOT NULL"),
		  2);
	auth_accounts_result_release(&acc);
	/* Again: both skipped, nothing created. */
	REQUIRE(auth_accounts_from_roster(db, &cli, &req, &acc, &ei) == 0);
	CHECK_INT((int)acc.created, 0);
	CHECK_INT((int)acc.skipped, 2);
	CHECK(strstr(acc.items[0].skipped_reason, "アカウントがあります") != NULL);
	CHECK_STR(acc.items[0].one_time_password, "");
	auth_accounts_result_release(&acc);
	/* SSO-only needs SSO or the directory. */
	const char *three[] = {"3"};
	struct auth_accounts_request sso = {three, 1, NULL, AUTH_ROLE_EDITOR, 1};
	CHECK_INT(auth_accounts_from_roster(db, &cli, &sso, &acc, &ei), YK_EINVAL);
	REQUIRE(store_setting_set(db, "ldap_enabled", "1", 0, NULL) == 0);
	REQUIRE(auth_accounts_from_roster(db, &cli, &sso, &acc, &ei) == 0);
	CHECK_INT((int)acc.created, 1);
	CHECK_STR(acc.items[0].one_time_password, "");
	auth_accounts_result_release(&acc);
	CHECK_INT(fixture_int(db, "SELECT password_hash IS NULL AND must_change_password = 0 FROM users"
			      " WHERE login = '3'"),
		  1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM user_roles r JOIN users u ON u.id = r.user_id"
			      " WHERE u.login = '3' AND r.role = 'editor'"),
		  1);
	/* Empty selection and unknown numbers. */
	struct auth_accounts_request none = {NULL, 0, NULL, 0, 0};
	CHECK_INT(auth_accounts_from_roster(db, &cli, &none, &acc, &ei), YK_EINVAL);
	const char *unknown[] = {"999"};
	struct auth_accounts_request unk = {unknown, 1, NULL, 0, 0};
	CHECK_INT(auth_accounts_from_roster(db, &cli, &unk, &acc, &ei), YK_ENOTFOUND);
	CHECK(store_stmt_busy_count(db) == 0);
	store_close(db);
}

/* A person who left cannot be provisioned through SSO. */
TEST(sso_ignores_staff_who_left)
{
	struct store *db = fresh_db();
	struct auth_roster_sync *res = yk_xcalloc(1, sizeof(*res));
	REQUIRE(sync_text(db, V1, 1, NULL, res, NULL) == 0);
	auth_roster_sync_release(res);
	REQUIRE(sync_text(db, V2, 1, NULL, res, NULL) == 0); /* 3 leaves */
	auth_roster_sync_release(res);
	free(res);
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_session s;
	CHECK_INT(auth_login_sso(db, "3", NULL, token, sizeof(token), &s, NULL), YK_EAUTH);
	CHECK_INT(auth_login_sso(db, "hei@example.jp", NULL, token, sizeof(token), &s, NULL), YK_EAUTH);
	REQUIRE(auth_login_sso(db, "4", NULL, token, sizeof(token), &s, NULL) == 0);
	CHECK_STR(s.user.department_path, "市民部/市民課");
	store_close(db);
}

TEST(ldap_expand_escapes)
{
	char out[128];
	CHECK_INT(auth_ldap_expand("uid={login},ou=people,dc=x", "yamada", 0, out, sizeof(out)), 0);
	CHECK_STR(out, "uid=yamada,ou=people,dc=x");
	CHECK_INT(auth_ldap_expand("{login}@city.local", "1001", 0, out, sizeof(out)), 0);
	CHECK_STR(out, "1001@city.local");
	/* DN specials (RFC 4514) and filter specials (RFC 4515). */
	CHECK_INT(auth_ldap_expand("uid={login},dc=x", "a,b+c=\"d\\", 0, out, sizeof(out)), 0);
	CHECK_STR(out, "uid=a\\2cb\\2bc\\3d\\22d\\5c,dc=x");
	CHECK_INT(auth_ldap_expand("uid={login},dc=x", "#a ", 0, out, sizeof(out)), 0);
	CHECK_STR(out, "uid=\\23a\\20,dc=x");
	CHECK_INT(auth_ldap_expand("(&(uid={login})(x={login}))", "*)(uid=*", 1, out, sizeof(out)), 0);
	CHECK_STR(out, "(&(uid=\\2a\\29\\28uid=\\2a)(x=\\2a\\29\\28uid=\\2a))");
	CHECK_INT(auth_ldap_expand("(uid=x)", "a", 1, out, sizeof(out)), YK_EINVAL);
	CHECK_INT(auth_ldap_expand("(uid={login})", "abcdefgh", 1, out, 10), YK_ELIMIT);
}

TEST_MAIN(T(sync_preview_then_apply_transfer_and_retirement), T(staff_list_current_or_all),
	  T(sync_refuses_bad_and_empty_files_and_the_last_admin),
	  T(accounts_from_roster_by_department_and_skips), T(sso_ignores_staff_who_left),
	  T(ldap_expand_escapes))
