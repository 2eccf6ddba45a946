/* Unit tests for src/audit: recording (in the caller's transaction, with
 * its checks), listing with prefix filter and paging, and the CSV export
 * (BOM, Japan time, formula-safe cells). */
#include <jansson.h>
#include <unistd.h>

#include "harness.h"
#include "db_fixture.h"
#include "audit/audit.h"

static struct store *fresh_db(void)
{
	return fixture_db("audit");
}

struct collected {
	int n;
	struct audit_entry last;
	int64_t ids[16];
};

static int collect(void *ctx, const struct audit_entry *e)
{
	struct collected *c = ctx;
	if (c->n < 16)
		c->ids[c->n] = e->id;
	c->n++;
	c->last = *e;
	return 0;
}

static int count(struct store *db, const char *prefix)
{
	struct collected *c = yk_xcalloc(1, sizeof(*c));
	int rc = audit_list(db, prefix, 0, 100, collect, c);
	int n = rc ? -1 : c->n;
	free(c);
	return n;
}

TEST(record_fields_and_defaults)
{
	struct store *db = fresh_db();
	struct audit_actor a = {42, "suzuki", "192.0.2.7"};
	int64_t before = yk_now_unix();
	REQUIRE(audit_record(db, &a, "user.update", "tanaka", "{\"roles\":[\"staff\"]}", NULL) == 0);
	struct collected *c = yk_xcalloc(1, sizeof(*c));
	CHECK_INT(audit_list(db, NULL, 0, 10, collect, c), 0);
	CHECK_INT(c->n, 1);
	CHECK_INT(c->last.user_id, 42);
	CHECK_STR(c->last.actor, "suzuki");
	CHECK_STR(c->last.action, "user.update");
	CHECK_STR(c->last.target, "tanaka");
	CHECK_STR(c->last.detail, "{\"roles\":[\"staff\"]}");
	CHECK_STR(c->last.address, "192.0.2.7");
	CHECK(c->last.at >= before && c->last.at <= yk_now_unix());
	/* No actor: "system", no user, no address; no target, no detail. */
	REQUIRE(audit_record(db, NULL, "ws.purge", NULL, NULL, NULL) == 0);
	memset(c, 0, sizeof(*c));
	CHECK_INT(audit_list(db, "ws", 0, 10, collect, c), 0);
	CHECK_INT(c->n, 1);
	CHECK_STR(c->last.actor, "system");
	CHECK_INT(c->last.user_id, 0);
	CHECK_STR(c->last.target, "");
	CHECK_STR(c->last.detail, "");
	CHECK_STR(c->last.address, "");
	/* A jansson detail is consumed and stored with sorted keys. */
	REQUIRE(audit_record_json(db, &a, "kb.import", "faq.csv",
				  (struct json_t *)json_pack("{s:i, s:i}", "rows", 3, "added", 2),
				  NULL) == 0);
	memset(c, 0, sizeof(*c));
	CHECK_INT(audit_list(db, "kb.import", 0, 10, collect, c), 0);
	CHECK_STR(c->last.detail, "{\"added\":2,\"rows\":3}");
	free(c);
	store_close(db);
}

TEST(record_refuses_bad_input)
{
	struct store *db = fresh_db();
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(audit_record(db, NULL, "", NULL, NULL, &ei), YK_EINVAL);
	CHECK_INT(audit_record(db, NULL, "User.Create", NULL, NULL, &ei), YK_EINVAL);
	CHECK_INT(audit_record(db, NULL, "user create", NULL, NULL, &ei), YK_EINVAL);
	CHECK_INT(audit_record(db, NULL, NULL, NULL, NULL, &ei), YK_EINVAL);
	char target[AUDIT_TARGET_MAX + 2];
	memset(target, 'x', sizeof(target) - 1);
	target[sizeof(target) - 1] = '\0';
	CHECK_INT(audit_record(db, NULL, "user.create", target, NULL, &ei), YK_EINVAL);
	CHECK(strstr(ei.message, "target") != NULL);
	target[AUDIT_TARGET_MAX] = '\0'; /* exactly at the limit */
	CHECK_INT(audit_record(db, NULL, "user.create", target, NULL, &ei), 0);
	CHECK_INT(audit_record(db, NULL, "user.create", "x", "\xff", &ei), YK_EINVAL);
	/* A consumed detail is released on error too (ASan would see a leak). */
	CHECK_INT(audit_record_json(db, NULL, "BAD", NULL, (struct json_t *)json_object(), &ei),
		  YK_EINVAL);
	CHECK_INT(count(db, NULL), 1);
	store_close(db);
}

TEST(record_lives_and_dies_with_the_transaction)
{
	struct store *db = fresh_db();
	REQUIRE(store_begin(db, NULL) == 0);
	REQUIRE(audit_record(db, NULL, "dept.create", "市民部", NULL, NULL) == 0);
	store_rollback(db);
	CHECK_INT(count(db, NULL), 0);
	REQUIRE(store_begin(db, NULL) == 0);
	REQUIRE(audit_record(db, NULL, "dept.create", "市民部", NULL, NULL) == 0);
	REQUIRE(store_commit(db, NULL) == 0);
	CHECK_INT(count(db, NULL), 1);
	CHECK_INT(store_stmt_busy_count(db), 0);
	store_close(db);
}

TEST(list_prefix_paging_and_stop)
{
	struct store *db = fresh_db();
	struct audit_actor a = {7, "admin", "10.1.1.1"};
	static const char *const actions[] = {"login", "login.failed", "loginx", "user.create",
					      "login"};
	for (size_t i = 0; i < YK_ARRAY_LEN(actions); i++)
		REQUIRE(audit_record(db, &a, actions[i], "t", NULL, NULL) == 0);
	CHECK_INT(count(db, "login"), 3); /* login, login.failed, login; not loginx */
	CHECK_INT(count(db, "login.failed"), 1);
	CHECK_INT(count(db, NULL), 5);
	struct collected *c = yk_xcalloc(1, sizeof(*c));
	CHECK_INT(audit_list(db, NULL, 0, 2, collect, c), 0);
	CHECK_INT(c->n, 2);
	CHECK_INT(c->ids[0], 5); /* newest first */
	CHECK_INT(c->ids[1], 4);
	memset(c, 0, sizeof(*c));
	CHECK_INT(audit_list(db, NULL, 4, 2, collect, c), 0);
	CHECK_INT(c->ids[0], 3);
	CHECK_INT(c->ids[1], 2);
	free(c);
	CHECK_INT(store_stmt_busy_count(db), 0);
	store_close(db);
}

static int stop_now(void *ctx, const struct audit_entry *e)
{
	(void)e;
	++*(int *)ctx;
	return 9;
}

TEST(list_callback_stops)
{
	struct store *db = fresh_db();
	for (int i = 0; i < 3; i++)
		REQUIRE(audit_record(db, NULL, "login", NULL, NULL, NULL) == 0);
	int n = 0;
	CHECK_INT(audit_list(db, NULL, 0, 100, stop_now, &n), 9);
	CHECK_INT(n, 1);
	CHECK_INT(store_stmt_busy_count(db), 0); /* stopping early still ends the read */
	store_close(db);
}

TEST(csv_export_is_formula_safe_with_bom_and_range)
{
	struct store *db = fresh_db();
	struct audit_actor a = {7, "=cmd|' /C calc'!A0", "10.1.1.1"};
	REQUIRE(audit_record(db, &a, "login", "x", NULL, NULL) == 0);
	REQUIRE(audit_record(db, &a, "login.failed", "y", "{\"reason\":\"bad_password\"}", NULL) == 0);
	REQUIRE(audit_record(db, &a, "user.create", "@SUM(1)", NULL, NULL) == 0);
	struct yk_buf out;
	yk_buf_init(&out, 0);
	REQUIRE(audit_export_csv(db, 0, 0, &out) == 0);
	CHECK(yk_starts_with(out.data, "\xEF\xBB\xBF\"番号\",\"日時（日本時間）\""));
	CHECK(strstr(out.data, "\"'=cmd|' /C calc'!A0\"") != NULL);
	CHECK(strstr(out.data, "\"'@SUM(1)\"") != NULL);
	CHECK(strstr(out.data, "\"{\"\"reason\"\":\"\"bad_password\"\"}\"") != NULL);
	CHECK(strstr(out.data, "\"10.1.1.1\"\r\n") != NULL);
	size_t lines = 0;
	for (size_t i = 0; i < out.len; i++)
		lines += out.data[i] == '\n';
	CHECK_INT(lines, 4);
	yk_buf_reset(&out);
	REQUIRE(audit_export_csv(db, 1, 2, &out) == 0); /* 1970: nothing */
	lines = 0;
	for (size_t i = 0; i < out.len; i++)
		lines += out.data[i] == '\n';
	CHECK_INT(lines, 1);
	yk_buf_release(&out);
	/* A buffer limit is honoured. */
	yk_buf_init(&out, 120);
	CHECK_INT(audit_export_csv(db, 0, 0, &out), YK_ELIMIT);
	yk_buf_release(&out);
	CHECK_INT(store_stmt_busy_count(db), 0);
	store_close(db);
}

TEST_MAIN(T(record_fields_and_defaults), T(record_refuses_bad_input),
	  T(record_lives_and_dies_with_the_transaction), T(list_prefix_paging_and_stop),
	  T(list_callback_stops), T(csv_export_is_formula_safe_with_bom_and_range))
