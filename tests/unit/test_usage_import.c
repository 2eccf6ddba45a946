/* Unit tests for the storage of imported usage logs (src/usage/
 * usage_import.c, usage_retention.c, migration 0027): rows purged by the
 * retention are still found when the same log comes again, while an older
 * row that was never imported is still added; imported rows stored in
 * usage_events before 0027 move to usage_imported and stay de-duplicated,
 * with the report unchanged; a training session's before/after comparison
 * is the same after the retention purged its days. */
#include <stdlib.h>
#include <unistd.h>

#include "auth/auth.h"
#include "core/embed.h"
#include "harness.h"
#include "usage/usage.h"

static const struct audit_actor cli = {0, "cli", NULL};

/* REQUIRE returns from a test; a helper that returns a value stops instead. */
#define MUST(cond)                                                                 \
	do {                                                                       \
		if (!(cond)) {                                                     \
			fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #cond); \
			abort();                                                   \
		}                                                                  \
	} while (0)

static struct store *open_db(char *dir)
{
	MUST(mkdtemp(dir) != NULL);
	char path[64];
	snprintf(path, sizeof(path), "%s/u.db", dir);
	struct store *db = NULL;
	MUST(store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	CHECK(yk_buf_adds(&csv, "職員番号,氏名,所属,役割\n") == 0);
	for (int i = 1; i <= 10; i++)
		CHECK(yk_buf_addf(&csv, "E%02d,職員%d,市民部/市民課,一般職員\n", i, i) == 0);
	struct auth_roster_result *res = calloc(1, sizeof(*res));
	MUST(res != NULL);
	MUST(auth_roster_import(db, &cli, csv.data, csv.len, "r.csv", res, NULL) == 0);
	free(res);
	yk_buf_release(&csv);
	return db;
}

static void close_db(struct store *db, const char *dir)
{
	store_close(db);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

static int64_t count(struct store *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(store_handle(db), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int import(struct store *db, const char *text, struct usage_import_result *res)
{
	memset(res, 0, sizeof(*res));
	return usage_import(db, &cli, text, strlen(text), "log.csv", res, NULL);
}

/* Uses and active staff of fiscal year 2023 (令和5年度). */
static void fy2023(struct store *db, int64_t *uses, int64_t *active)
{
	struct usage_adoption_query q = {0, 0, NULL, 0, 0};
	usage_fiscal_range(2023, &q.from_day, &q.to_day);
	struct usage_adoption_report *r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	*uses = r->uses;
	*active = r->active;
	usage_adoption_report_free(r);
}

static int64_t jst(int y, int mo, int d, int h, int mi)
{
	return usage_day_start(usage_day_from_civil(y, mo, d)) + h * 3600 + mi * 60;
}

TEST(purged_rows_are_found_again)
{
	char dir[] = "/tmp/yk-usage-imp-XXXXXX";
	struct store *db = open_db(dir);
	struct usage_import_result *res = calloc(1, sizeof(*res));
	REQUIRE(res != NULL);
	static const char log[] = "職員番号,日時,機能\n"
				  "E01,2023-11-01 09:00,external:trial\n"
				  "E01,2023-11-01 09:00,external:trial\n"
				  "E02,2023-11-20 10:00,external:trial\n"
				  "E03,2024-02-01 10:00,external:trial\n";
	CHECK_INT(import(db, log, res), 0);
	CHECK_INT(res->inserted, 4);
	CHECK_INT(count(db, "SELECT count(*) FROM usage_imported"), 4);
	CHECK_INT(count(db, "SELECT count(*) FROM usage_events"), 0);
	int64_t uses, active, uses0, active0;
	fy2023(db, &uses0, &active0);
	CHECK_INT(uses0, 4);
	CHECK_INT(active0, 3);

	/* Purge everything before 2024: three rows go, their keys stay. */
	struct usage_purge_counts pc;
	CHECK_INT(usage_retention_purge(db, jst(2024, 1, 1, 0, 0), &pc, NULL), 0);
	CHECK_INT(pc.imported, 3);
	CHECK_INT(pc.import_keys, 3);
	CHECK_INT(pc.events, 0);
	CHECK_INT(count(db, "SELECT count(*) FROM usage_imported"), 1);
	CHECK_INT(count(db, "SELECT count(*) FROM usage_purged_import_keys"), 3);
	fy2023(db, &uses, &active);
	CHECK_INT(uses, uses0);
	CHECK_INT(active, active0);

	/* The same log again adds nothing, purged or still stored. */
	CHECK_INT(import(db, log, res), 0);
	CHECK_INT(res->inserted, 0);
	CHECK_INT(res->duplicates, 4);
	fy2023(db, &uses, &active);
	CHECK_INT(uses, uses0);

	/* A third identical row, and rows older than the purge that were never
	 * imported (another person, another feature, another minute), are new. */
	static const char more[] = "employee_no,at,feature\n"
				   "E01,2023-11-01 09:00,external:trial\n"
				   "E01,2023-11-01 09:00,external:trial\n"
				   "E01,2023-11-01 09:00,external:trial\n"
				   "E04,2023-11-01 09:00,external:trial\n"
				   "E01,2023-11-01 09:00,external:other\n"
				   "E01,2023-11-01 09:01,external:trial\n";
	CHECK_INT(import(db, more, res), 0);
	CHECK_INT(res->inserted, 4);
	CHECK_INT(res->duplicates, 2);
	fy2023(db, &uses, &active);
	CHECK_INT(uses, uses0 + 4);
	CHECK_INT(active, active0 + 1);
	free(res);
	close_db(db, dir);
}

static int exec(struct store *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(store_handle(db), sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "sql: %s\n", err ? err : "?");
	sqlite3_free(err);
	return rc;
}

TEST(legacy_rows_move_over)
{
	char dir[] = "/tmp/yk-usage-mig-XXXXXX";
	struct store *db = open_db(dir);
	/* The schema before 0027: imported rows in usage_events with their key. */
	REQUIRE(exec(db, "DROP TABLE usage_imported;"
			 "ALTER TABLE usage_rollup_state DROP COLUMN purged_before;"
			 "CREATE UNIQUE INDEX usage_events_import_key ON usage_events(import_key)"
			 " WHERE import_key IS NOT NULL;"
			 "CREATE TRIGGER usage_events_purged_key BEFORE INSERT ON usage_events"
			 " WHEN new.import_key IS NOT NULL AND EXISTS (SELECT 1 FROM"
			 " usage_purged_import_keys WHERE import_key = new.import_key)"
			 " BEGIN SELECT RAISE(IGNORE); END;") == SQLITE_OK);
	char sql[1024];
	int64_t t1 = jst(2023, 11, 1, 9, 0), t2 = jst(2023, 11, 20, 10, 0);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO usage_events(at, staff_id, feature, outcome, import_key) VALUES"
		 " (%lld, (SELECT id FROM staff WHERE employee_no = 'E05'), 'ask', 'answer', NULL),"
		 " (%lld, (SELECT id FROM staff WHERE employee_no = 'E01'), 'external:trial', 'ok', x'01'),"
		 " (%lld, (SELECT id FROM staff WHERE employee_no = 'E01'), 'external:trial', 'ok', x'02'),"
		 " (%lld, NULL, 'external:trial', 'ok', x'0004'),"
		 " (%lld, (SELECT id FROM staff WHERE employee_no = 'E02'), 'external:trial', 'ok', x'05')",
		 (long long)t1, (long long)t1, (long long)t1, (long long)t2, (long long)t2);
	REQUIRE(exec(db, sql) == SQLITE_OK);
	int64_t uses0, active0, uses, active;
	fy2023(db, &uses0, &active0); /* folds the five events */
	CHECK_INT(uses0, 4);          /* the row without staff counts for no one */
	CHECK_INT(active0, 3);

	const struct yk_embedded_file *m = yk_migrations;
	while (m->name && strncmp(m->name, "0027", 4) != 0)
		m++;
	REQUIRE(m->name != NULL);
	REQUIRE(exec(db, (const char *)m->data) == SQLITE_OK);

	/* Stored rows moved (n counts identical rows), the newest event stays
	 * without its key, the row without staff leaves its key behind. */
	CHECK_INT(count(db, "SELECT count(*) FROM usage_imported"), 3);
	CHECK_INT(count(db, "SELECT max(n) FROM usage_imported"), 1);
	CHECK_INT(count(db, "SELECT count(*) FROM usage_events"), 3);
	CHECK_INT(count(db, "SELECT count(*) FROM usage_events WHERE import_key IS NOT NULL"), 0);
	CHECK_INT(count(db, "SELECT count(*) FROM usage_purged_import_keys WHERE import_key = x'0004'"), 1);
	CHECK_INT(count(db, "SELECT count(*) FROM sqlite_master WHERE name IN"
			    " ('usage_events_import_key', 'usage_events_purged_key')"), 0);
	fy2023(db, &uses, &active);
	CHECK_INT(uses, uses0);
	CHECK_INT(active, active0);

	/* The same rows imported again add nothing; a third identical one does. */
	struct usage_import_result *res = calloc(1, sizeof(*res));
	REQUIRE(res != NULL);
	static const char log[] = "職員番号,日時,機能\n"
				  "E01,2023-11-01 09:00,external:trial\n"
				  "E01,2023-11-01 09:00,external:trial\n"
				  "E02,2023-11-20 10:00,external:trial\n";
	CHECK_INT(import(db, log, res), 0);
	CHECK_INT(res->inserted, 0);
	CHECK_INT(res->duplicates, 3);
	static const char more[] = "職員番号,日時,機能\n"
				   "E01,2023-11-01 09:00,external:trial\n"
				   "E01,2023-11-01 09:00,external:trial\n"
				   "E01,2023-11-01 09:00,external:trial\n";
	CHECK_INT(import(db, more, res), 0);
	CHECK_INT(res->inserted, 1);
	fy2023(db, &uses, &active);
	CHECK_INT(uses, uses0 + 1);
	/* A new event after the move gets an id above the folded mark. */
	snprintf(sql, sizeof(sql),
		 "INSERT INTO usage_events(at, staff_id, feature, outcome) VALUES"
		 " (%lld, (SELECT id FROM staff WHERE employee_no = 'E06'), 'chat', 'ok')",
		 (long long)t2);
	REQUIRE(exec(db, sql) == SQLITE_OK);
	fy2023(db, &uses, &active);
	CHECK_INT(uses, uses0 + 2);
	CHECK_INT(active, active0 + 1);
	free(res);
	close_db(db, dir);
}


static int64_t user(struct store *db, const char *login)
{
	struct auth_user_spec spec = {login, login, NULL, NULL, AUTH_ROLE_STAFF};
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	int64_t id = 0;
	MUST(auth_user_create(db, &cli, &spec, otp, sizeof(otp), &id, NULL) == 0);
	return id;
}

static void use(struct store *db, int64_t user_id, int64_t at, const char *feature)
{
	struct usage_event ev = {at, user_id, 0, feature, "ok", 0, 0, 0};
	MUST(usage_record(db, &ev) == 0);
}

TEST(compare_reads_purged_days_from_rollups)
{
	char dir[] = "/tmp/yk-usage-cmp-XXXXXX";
	struct store *db = open_db(dir);
	/* Accounts linked to the roster by their login (as SSO makes them). */
	int64_t u1 = user(db, "E01"), u2 = user(db, "E02"), u3 = user(db, "E03");
	use(db, u1, jst(2024, 5, 10, 9, 0), "ask");
	use(db, u1, jst(2024, 5, 10, 15, 0), "ask");
	use(db, u1, jst(2024, 5, 20, 9, 0), "chat");
	use(db, u2, jst(2024, 6, 5, 9, 0), "ask");
	use(db, u3, jst(2024, 5, 31, 23, 59), "template");
	use(db, u3, jst(2024, 6, 1, 0, 0), "ask");
	use(db, u3, jst(2024, 6, 20, 9, 0), "ask_generate");
	use(db, u1, jst(2024, 8, 1, 9, 0), "ask"); /* outside the windows; the newest */
	int64_t pivot = usage_day_start(usage_day_from_civil(2024, 6, 1));
	const int64_t ua[] = {u1, u2}, ub[] = {u3, u2}; /* u2 in both: counts in a */
	struct usage_cohort_counts a0, b0, a1, b1;
	CHECK_INT(usage_compare(db, pivot, 30, ua, 2, ub, 2, &a0, &b0, NULL), 0);
	CHECK_INT(a0.people, 2);
	CHECK_INT(a0.active_before, 1);
	CHECK_INT(a0.active_after, 1);
	CHECK_INT(a0.events_before[USAGE_GROUP_ASK], 2);
	CHECK_INT(a0.events_before[USAGE_GROUP_GENAI], 1);
	CHECK_INT(a0.events_after[USAGE_GROUP_ASK], 1);
	CHECK_INT(b0.people, 1);
	CHECK_INT(b0.events_before[USAGE_GROUP_TEMPLATE], 1);
	CHECK_INT(b0.events_after[USAGE_GROUP_ASK], 1);
	CHECK_INT(b0.events_after[USAGE_GROUP_GENAI], 1);

	/* The retention purges everything before 2024-06-10 12:00: the
	 * comparison is the same, read from the roll-ups for those days. */
	struct usage_purge_counts pc;
	CHECK_INT(usage_retention_purge(db, jst(2024, 6, 10, 12, 0), &pc, NULL), 0);
	CHECK_INT(pc.events, 6);
	CHECK_INT(usage_compare(db, pivot, 30, ua, 2, ub, 2, &a1, &b1, NULL), 0);
	CHECK(memcmp(&a0, &a1, sizeof(a0)) == 0);
	CHECK(memcmp(&b0, &b1, sizeof(b0)) == 0);
	/* A use after the purge, on the horizon's own day, is counted once. */
	use(db, u2, jst(2024, 6, 10, 18, 0), "chat");
	CHECK_INT(usage_compare(db, pivot, 30, ua, 2, ub, 2, &a1, &b1, NULL), 0);
	CHECK_INT(a1.events_after[USAGE_GROUP_GENAI], a0.events_after[USAGE_GROUP_GENAI] + 1);
	CHECK_INT(a1.events_after[USAGE_GROUP_ASK], a0.events_after[USAGE_GROUP_ASK]);
	CHECK_INT(a1.active_after, 1);
	close_db(db, dir);
}

/* Uses and active staff of May 2024 from day `from` on, for feature (NULL:
 * any); with a feature also its uses in the by_feature table of the
 * department 市民部/市民課 (a department scope reads the per-feature month
 * rows), which must be the same. */
struct may_figures {
	int from;
	const char *feature;
	int64_t uses, active;
};

static void check_may(struct store *db, const struct may_figures *e, size_t n)
{
	struct auth_department d;
	MUST(auth_dept_find(db, "市民部/市民課", &d) == 0);
	for (size_t k = 0; k < n; k++) {
		struct usage_adoption_query q = {usage_day_from_civil(2024, 5, e[k].from),
						 usage_day_from_civil(2024, 5, 31), e[k].feature, 0, 0};
		struct usage_adoption_report *r = NULL;
		MUST(usage_adoption_report(db, &q, &r, NULL) == 0);
		CHECK_INT(r->uses, e[k].uses);
		CHECK_INT(r->active, e[k].active);
		usage_adoption_report_free(r);
		if (!e[k].feature)
			continue;
		q.feature = NULL;
		q.department_id = d.id;
		MUST(usage_adoption_report(db, &q, &r, NULL) == 0);
		int64_t scoped = 0;
		for (size_t i = 0; i < r->n_features; i++)
			if (strcmp(r->features[i].name, e[k].feature) == 0)
				scoped = r->features[i].uses;
		CHECK_INT(scoped, e[k].uses);
		usage_adoption_report_free(r);
	}
}

/* The "any feature" key of usage_month_staff (usage_int.h's USAGE__MONTH_ANY). */
#define ANY "8388607"
#define ANY_SOLE_ROWS "SELECT count(*) FROM usage_month_staff WHERE feature_id = " ANY " AND sole > 0"

/* Migration 0029: a person-month of one feature is one month row ("any",
 * with sole = the feature); uses of a second feature later, from another
 * import or from yakuba's own events, split it into feature rows again,
 * and every figure (feature filters, partial months, a department scope)
 * stays what the uses say. */
TEST(single_feature_months_are_one_row)
{
	char dir[] = "/tmp/yk-usage-sole-XXXXXX";
	struct store *db = open_db(dir);
	struct usage_import_result *res = calloc(1, sizeof(*res));
	REQUIRE(res != NULL);
	static const char log[] = "職員番号,日時,機能\n"
				  "E01,2024-05-10 09:00,external:trial\n"
				  "E01,2024-05-20 09:00,external:trial\n"
				  "E02,2024-05-25 09:00,external:trial\n"
				  "E03,2024-05-03 09:00,external:trial\n"
				  "E03,2024-05-28 09:00,external:other\n";
	CHECK_INT(import(db, log, res), 0);
	CHECK_INT(res->inserted, 5);
	/* E01 and E02: one row each; E03 (two features): any + two rows. */
	CHECK_INT(count(db, ANY_SOLE_ROWS), 2);
	CHECK_INT(count(db, "SELECT count(*) FROM usage_month_staff WHERE feature_id < " ANY), 2);
	static const struct may_figures first[] = {
		{1, NULL, 5, 3}, {1, "external:trial", 4, 3}, {1, "external:other", 1, 1},
		{12, "external:trial", 2, 2}};
	check_may(db, first, YK_ARRAY_LEN(first));

	/* yakuba's own use by E01 in the same month: E01's month is split. */
	int64_t u1 = user(db, "E01");
	use(db, u1, jst(2024, 5, 15, 9, 0), "ask");
	static const struct may_figures own[] = {
		{1, NULL, 6, 3}, {1, "ask", 1, 1}, {1, "external:trial", 4, 3},
		{12, "external:trial", 2, 2}, {12, "ask", 1, 1}};
	check_may(db, own, YK_ARRAY_LEN(own));
	CHECK_INT(count(db, ANY_SOLE_ROWS), 1);
	CHECK_INT(count(db, "SELECT uses FROM usage_month_staff m JOIN usage_features f"
			    " ON f.id = m.feature_id WHERE f.name = 'external:trial'"
			    " AND m.staff_id = (SELECT id FROM staff WHERE employee_no = 'E01')"),
		  2);

	/* An import of E02's same tool adds to the one row; of another tool
	 * (with the first one again in the same file), splits it. */
	static const char more[] = "employee_no,at,feature\n"
				   "E02,2024-05-26 09:00,external:trial\n"
				   "E04,2024-05-26 09:00,external:other\n";
	CHECK_INT(import(db, more, res), 0);
	CHECK_INT(res->inserted, 2);
	CHECK_INT(count(db, ANY_SOLE_ROWS), 2);
	static const char split[] = "employee_no,at,feature\n"
				    "E02,2024-05-27 09:00,external:other\n"
				    "E02,2024-05-27 10:00,external:trial\n";
	CHECK_INT(import(db, split, res), 0);
	CHECK_INT(res->inserted, 2);
	CHECK_INT(count(db, ANY_SOLE_ROWS), 1);
	static const struct may_figures last[] = {
		{1, NULL, 10, 4}, {1, "external:trial", 6, 3}, {1, "external:other", 3, 3},
		{12, "external:trial", 4, 2}, {12, "external:other", 3, 3}};
	check_may(db, last, YK_ARRAY_LEN(last));
	/* Every feature row and sole row sums to the "any" rows. */
	CHECK_INT(count(db, "SELECT (SELECT sum(uses) FROM usage_month_staff WHERE feature_id < " ANY
			    " OR sole > 0) - (SELECT sum(uses) FROM usage_month_staff"
			    " WHERE feature_id = " ANY ")"),
		  0);
	free(res);
	close_db(db, dir);
}

static const struct harness_test tests[] = {
	T(single_feature_months_are_one_row),
	T(compare_reads_purged_days_from_rollups),
	T(purged_rows_are_found_again),
	T(legacy_rows_move_over),
};

int main(int argc, char **argv)
{
	return harness_run("test_usage_import", tests, YK_ARRAY_LEN(tests), argc, argv);
}
