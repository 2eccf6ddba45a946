/* Unit tests for src/store: open/migrate, version refusal, settings
 * validation and precedence, backup while a second connection writes. */
#include <stdlib.h>
#include <unistd.h>

#include "db_fixture.h"
#include "harness.h"
#include "store/store.h"

static char tmpdir[256];

static const char *tmp_path(const char *name)
{
	static char path[512];
	if (!tmpdir[0]) {
		yk_strlcpy(tmpdir, "/tmp/yk-store-XXXXXX", sizeof(tmpdir));
		if (!mkdtemp(tmpdir))
			abort();
	}
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

TEST(open_missing_without_create_fails)
{
	struct store *db = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(store_open(tmp_path("missing.db"), 0, &db, &ei), YK_ENOTFOUND);
	CHECK(db == NULL);
	CHECK(strstr(ei.message, "yakuba init") != NULL);
}

static int freed_count;
static void count_free(void *p)
{
	freed_count++;
	free(p);
}

TEST(clientdata_kept_replaced_and_freed_with_the_connection)
{
	struct store *db = NULL;
	REQUIRE(store_open(tmp_path("cd.db"), STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	freed_count = 0;
	CHECK(store_clientdata(db, "t.a") == NULL);
	void *a = malloc(8), *b = malloc(8);
	CHECK_INT(store_set_clientdata(db, "t.a", a, count_free), 0);
	CHECK(store_clientdata(db, "t.a") == a);
	CHECK_INT(store_set_clientdata(db, "t.a", b, count_free), 0); /* a is freed */
	CHECK_INT(freed_count, 1);
	CHECK(store_clientdata(db, "t.a") == b);
	/* STORE_CLIENTDATA_MAX names at most; the one too many is freed. */
	static const char *names[] = {"t.b", "t.c", "t.d", "t.e", "t.f"};
	int refused = 0;
	for (size_t i = 0; i < YK_ARRAY_LEN(names); i++)
		if (store_set_clientdata(db, names[i], malloc(8), count_free) == YK_ELIMIT)
			refused++;
	CHECK_INT(refused, (int)YK_ARRAY_LEN(names) + 1 - STORE_CLIENTDATA_MAX);
	CHECK_INT(freed_count, 1 + refused);
	store_close(db); /* frees the rest */
	CHECK_INT(freed_count, 1 + (int)YK_ARRAY_LEN(names) + 1);
}

/* Pages come from the pool set up at the first open (store.c, page_pool):
 * a read fills pool slots and nothing overflows to malloc. If SQLite were
 * initialised before the first store_open, the pool would be gone. */
TEST(pages_come_from_the_shared_pool)
{
	struct store *db = NULL;
	REQUIRE(store_open(tmp_path("pool.db"), STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db,
			   NULL) == 0);
	int64_t v = 0;
	CHECK_INT(store_schema_version(db, &v), 0);
	int cur = 0, hi = 0;
	CHECK_INT(sqlite3_status(SQLITE_STATUS_PAGECACHE_USED, &cur, &hi, 0), SQLITE_OK);
	CHECK(hi > 0);
	CHECK_INT(sqlite3_status(SQLITE_STATUS_PAGECACHE_OVERFLOW, &cur, &hi, 0), SQLITE_OK);
	CHECK_INT(hi, 0);
	store_close(db);
}

TEST(try_begin_never_waits_for_another_writer)
{
	const char *p = tmp_path("try.db");
	struct store *a = NULL, *b = NULL;
	REQUIRE(store_open(p, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &a, NULL) == 0);
	REQUIRE(store_open(p, 0, &b, NULL) == 0);
	REQUIRE(store_begin(a, NULL) == 0);
	int64_t t0 = yk_mono_us();
	CHECK_INT(store_try_begin(b, NULL), YK_EBUSY); /* a holds the writer lock */
	CHECK_INT(store_try_begin(a, NULL), YK_EBUSY); /* not nestable either */
	CHECK(yk_mono_us() - t0 < 1000000);
	CHECK_INT(store_commit(a, NULL), 0);
	REQUIRE(store_try_begin(b, NULL) == 0);
	CHECK_INT(store_exec(b, "UPDATE settings SET value = value WHERE 0", NULL), 0);
	CHECK_INT(store_commit(b, NULL), 0);
	CHECK(sqlite3_get_autocommit(store_handle(b)));
	REQUIRE(store_begin(a, NULL) == 0); /* the lock was handed back */
	store_rollback(a);
	store_close(b);
	store_close(a);
}

TEST(create_migrates_and_is_wal)
{
	struct store *db = NULL;
	const char *p = tmp_path("a.db");
	REQUIRE(store_open(p, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	int64_t v = -1;
	CHECK_INT(store_schema_version(db, &v), 0);
	CHECK_INT(v, store_schema_latest());
	CHECK(v >= 1);
	sqlite3_stmt *st = NULL;
	REQUIRE(store_prepare(db, "PRAGMA journal_mode", &st, NULL) == 0);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	REQUIRE(store_prepare(db, "PRAGMA foreign_keys", &st, NULL) == 0);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	/* The page cache has its stated bound. */
	REQUIRE(store_prepare(db, "PRAGMA cache_size", &st, NULL) == 0);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(st, 0), -STORE_PAGE_CACHE_KIB);
	sqlite3_finalize(st);
	/* STRICT tables refuse wrong types. */
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK(store_exec(db, "INSERT INTO settings(key, value, updated_at) VALUES ('k', 'v', 'notanint')",
			 &ei) != 0);
	CHECK(ei.message[0] != '\0');
	store_close(db);
	/* Reopening applies nothing new and keeps the version. */
	REQUIRE(store_open(p, STORE_OPEN_MIGRATE, &db, NULL) == 0);
	CHECK_INT(store_schema_version(db, &v), 0);
	CHECK_INT(v, store_schema_latest());
	store_close(db);
}

TEST(newer_schema_is_refused)
{
	struct store *db = NULL;
	const char *p = tmp_path("newer.db");
	REQUIRE(store_open(p, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	REQUIRE(store_exec(db, "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 0)",
			   NULL) == 0);
	store_close(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(store_open(p, STORE_OPEN_MIGRATE, &db, &ei), YK_EVERSION);
	CHECK(strstr(ei.message, "newer") != NULL);
	CHECK_INT(store_open(p, 0, &db, &ei), YK_EVERSION);
}

/* A migration numbered below the newest applied one (it landed from a
 * parallel branch later) is still applied. */
TEST(gap_in_migrations_is_filled)
{
	struct store *db = NULL;
	const char *p = tmp_path("gap.db");
	REQUIRE(store_open(p, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	/* Forget that 0001 was applied: a store that only looks at the
	 * newest version would skip it; ours runs it (and, as its tables
	 * exist, fails loudly, naming it). */
	REQUIRE(store_exec(db, "DELETE FROM schema_migrations WHERE version = 1", NULL) == 0);
	store_close(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	db = NULL;
	CHECK_INT(store_open(p, STORE_OPEN_MIGRATE, &db, &ei), YK_EDB);
	CHECK(strstr(ei.message, "0001") != NULL);
	store_close(db);
}

/* qa_questions as migrations 0006 and 0019 made it (IN-list CHECKs), put
 * back with the rows it holds, and 0026 marked not applied. */
static void questions_before_0026(struct store *db)
{
	REQUIRE(store_exec(db,
			   "PRAGMA foreign_keys=OFF; BEGIN;"
			   " CREATE TABLE qa_questions_old (id INTEGER PRIMARY KEY,"
			   " at INTEGER NOT NULL,"
			   " user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
			   " department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,"
			   " channel TEXT NOT NULL CHECK (channel IN ('staff', 'public', 'cli')),"
			   " question TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),"
			   " decision TEXT NOT NULL CHECK (decision IN ('answer', 'clarify', 'unknown')),"
			   " top_entry_id INTEGER REFERENCES kb_entries(id) ON DELETE SET NULL,"
			   " top_score REAL NOT NULL, latency_us INTEGER NOT NULL,"
			   " feedback_token TEXT NOT NULL,"
			   " resolved_entry_id INTEGER REFERENCES kb_entries(id) ON DELETE SET NULL,"
			   " dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),"
			   " shown_entry_ids TEXT NOT NULL DEFAULT ''"
			   " CHECK (length(shown_entry_ids) <= 200)) STRICT;"
			   " INSERT INTO qa_questions_old SELECT * FROM qa_questions;"
			   " DROP TABLE qa_questions;"
			   " ALTER TABLE qa_questions_old RENAME TO qa_questions;"
			   " CREATE INDEX qa_questions_at ON qa_questions(at);"
			   " CREATE INDEX qa_questions_open ON qa_questions(decision, resolved_entry_id);"
			   " DELETE FROM schema_migrations WHERE version = 26;"
			   " COMMIT; PRAGMA foreign_keys=ON;",
			   NULL) == 0);
}

/* Migration 0026 rebuilds qa_questions (SQLite's create-copy-drop-rename)
 * with foreign keys off: every row, the votes that reference them (the
 * drop must not cascade), both indexes and the rules stay; foreign keys
 * are on again afterwards. */
TEST(question_log_rebuild_keeps_rows_votes_and_indexes)
{
	struct store *db = NULL;
	const char *p = tmp_path("rebuild.db");
	REQUIRE(store_open(p, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	REQUIRE(store_exec(db,
			   "INSERT INTO qa_questions(id, at, channel, question, decision, top_score,"
			   " latency_us, feedback_token, dismissed, shown_entry_ids) VALUES"
			   " (7, 100, 'staff', '転入届', 'answer', 0.9, 1200, 'aa', 0, '3,4'),"
			   " (8, 200, 'public', '粗大ごみ', 'unknown', 0.1, 900, 'bb', 1, ''),"
			   " (9, 300, 'cli', '住民票', 'clarify', 0.5, 800, 'cc', 0, '');"
			   " INSERT INTO qa_feedback(question_id, vote, comment, at) VALUES"
			   " (7, 1, '', 101), (8, -1, 'ちがう', 201);",
			   NULL) == 0);
	questions_before_0026(db);
	CHECK(fixture_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'qa_questions'"
			    " AND sql LIKE '%IN (%'") == 1);
	store_close(db);
	db = NULL;
	REQUIRE(store_open(p, STORE_OPEN_MIGRATE, &db, NULL) == 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM schema_migrations WHERE version = 26"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'qa_questions'"
				" AND sql LIKE '%IN (%'"),
		  0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions"), 3);
	CHECK_INT(fixture_int(db, "SELECT sum(id * latency_us) FROM qa_questions"),
		  7 * 1200 + 8 * 900 + 9 * 800);
	CHECK_INT(fixture_int(db, "SELECT dismissed FROM qa_questions WHERE id = 8"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions WHERE id = 7"
				" AND shown_entry_ids = '3,4' AND channel = 'staff'"
				" AND question = '転入届' AND decision = 'answer'"),
		  1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_feedback"), 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
				" AND name IN ('qa_questions_at', 'qa_questions_open')"
				" AND tbl_name = 'qa_questions'"),
		  2);
	CHECK_INT(fixture_int(db, "PRAGMA foreign_keys"), 1);
	/* The rules hold as comparisons. */
	const char *bad[] = {
		"INSERT INTO qa_questions(at, channel, question, decision, top_score, latency_us,"
		" feedback_token) VALUES (1, 'mail', 'q', 'answer', 0, 0, 't')",
		"INSERT INTO qa_questions(at, channel, question, decision, top_score, latency_us,"
		" feedback_token) VALUES (1, 'staff', 'q', 'maybe', 0, 0, 't')",
		"INSERT INTO qa_questions(at, channel, question, decision, top_score, latency_us,"
		" feedback_token, dismissed) VALUES (1, 'staff', 'q', 'answer', 0, 0, 't', 2)",
		"INSERT INTO qa_questions(at, channel, question, decision, top_score, latency_us,"
		" feedback_token) VALUES (1, 'staff', '', 'answer', 0, 0, 't')",
		"INSERT INTO qa_questions(at, channel, question, decision, top_score, latency_us,"
		" feedback_token, user_id) VALUES (1, 'staff', 'q', 'answer', 0, 0, 't', 999)",
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(bad); i++)
		CHECK(store_exec(db, bad[i], NULL) != 0);
	/* The votes still hang off the rebuilt table: ON DELETE CASCADE. */
	REQUIRE(store_exec(db, "DELETE FROM qa_questions WHERE id = 8", NULL) == 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_feedback"), 1);
	store_close(db);
}

/* A rebuild that would leave a broken reference is not committed: the
 * migration fails naming the table, and the old table stays. */
TEST(question_log_rebuild_refuses_broken_references)
{
	struct store *db = NULL;
	const char *p = tmp_path("rebuild-bad.db");
	REQUIRE(store_open(p, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	REQUIRE(store_exec(db,
			   "INSERT INTO qa_questions(id, at, channel, question, decision, top_score,"
			   " latency_us, feedback_token) VALUES (1, 1, 'staff', 'q', 'answer', 0, 0, 't')",
			   NULL) == 0);
	questions_before_0026(db);
	REQUIRE(store_exec(db,
			   "PRAGMA foreign_keys=OFF; INSERT INTO qa_feedback(question_id, vote, at)"
			   " VALUES (42, 1, 1); PRAGMA foreign_keys=ON;",
			   NULL) == 0);
	store_close(db);
	db = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(store_open(p, STORE_OPEN_MIGRATE, &db, &ei), YK_EDB);
	CHECK(strstr(ei.message, "0026") != NULL);
	CHECK(strstr(ei.message, "qa_feedback") != NULL);
	store_close(db);
	db = NULL;
	REQUIRE(store_open(p, 0, &db, NULL) == 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'qa_questions'"
				" AND sql LIKE '%IN (%'"),
		  1);
	CHECK_INT(fixture_int(db, "PRAGMA foreign_keys"), 1);
	store_close(db);
}

TEST(not_a_database_gives_clear_error)
{
	const char *p = tmp_path("garbage.db");
	FILE *f = fopen(p, "wb");
	REQUIRE(f != NULL);
	for (int i = 0; i < 200; i++)
		fputs("this is not sqlite ", f);
	fclose(f);
	struct store *db = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK(store_open(p, STORE_OPEN_MIGRATE, &db, &ei) != 0);
	CHECK(db == NULL);
	CHECK(ei.message[0] != '\0');
}

TEST(settings_validation_and_precedence)
{
	struct store *db = NULL;
	REQUIRE(store_open(tmp_path("s.db"), STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	char buf[STORE_SETTING_MAX_VALUE];
	CHECK_INT(store_setting_get(db, "session_idle_minutes", buf, sizeof(buf)), 0);
	CHECK_STR(buf, "60");
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(store_setting_set(db, "session_idle_minutes", "2", 1, &ei), YK_EINVAL);
	CHECK(strstr(ei.message, "5") != NULL);
	CHECK_INT(store_setting_set(db, "session_idle_minutes", "abc", 0, &ei), YK_EINVAL);
	CHECK_INT(store_setting_set(db, "no_such_setting", "1", 0, &ei), YK_ENOTFOUND);
	CHECK_INT(store_setting_set(db, "sso_enabled", "yes", 0, &ei), YK_EINVAL);
	CHECK_INT(store_setting_set(db, "city_name", "a\nb", 0, &ei), YK_EINVAL);
	CHECK_INT(store_setting_set(db, "city_name", "'; DROP TABLE settings; --", 0, &ei), 0);
	CHECK_INT(store_setting_get(db, "city_name", buf, sizeof(buf)), 0);
	CHECK_STR(buf, "'; DROP TABLE settings; --");
	CHECK_INT(store_setting_set(db, "session_idle_minutes", "30", 0, &ei), 0);
	CHECK_INT(store_setting_int(db, "session_idle_minutes"), 30);
	setenv("YAKUBA_SESSION_IDLE_MINUTES", "45", 1);
	CHECK_INT(store_setting_int(db, "session_idle_minutes"), 45);
	CHECK(store_setting_from_env("session_idle_minutes"));
	setenv("YAKUBA_SESSION_IDLE_MINUTES", "bogus", 1); /* invalid env is ignored */
	CHECK_INT(store_setting_int(db, "session_idle_minutes"), 30);
	unsetenv("YAKUBA_SESSION_IDLE_MINUTES");
	store_close(db);
}

/* tests/data/settings/validate.tsv: key, value, ok | refused. A refused
 * value names the setting (field = key) and leaves the value in force. */
TEST(settings_validation_table)
{
	struct store *db = NULL;
	REQUIRE(store_open(tmp_path("v.db"), STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	FILE *f = fopen("tests/data/settings/validate.tsv", "r");
	REQUIRE(f != NULL);
	char line[1024];
	int cases = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		REQUIRE(t1 && t2);
		*t1 = *t2 = '\0';
		const char *key = line, *value = t1 + 1, *want = t2 + 1;
		char before[STORE_SETTING_MAX_VALUE], after[STORE_SETTING_MAX_VALUE];
		REQUIRE(store_setting_get(db, key, before, sizeof(before)) == 0);
		struct yk_errinfo ei;
		yk_errinfo_clear(&ei);
		int rc = store_setting_set(db, key, value, 0, &ei);
		REQUIRE(store_setting_get(db, key, after, sizeof(after)) == 0);
		if (strcmp(want, "ok") == 0) {
			if (rc != 0)
				fprintf(stderr, "  %s=%s refused: %s\n", key, value, ei.message);
			CHECK_INT(rc, 0);
			CHECK_STR(after, value);
		} else {
			if (rc != YK_EINVAL)
				fprintf(stderr, "  %s=%s accepted\n", key, value);
			CHECK_INT(rc, YK_EINVAL);
			CHECK_STR(ei.field, key);
			CHECK(strstr(ei.message, "「") != NULL);
			CHECK_STR(after, before);
		}
		cases++;
	}
	fclose(f);
	CHECK(cases > 40);
	store_close(db);
}

TEST(settings_enums_have_labelled_choices)
{
	size_t n, k;
	const struct store_setting_def *defs = store_setting_defs(&n);
	for (size_t i = 0; i < n; i++) {
		const struct store_setting_choice *c = store_setting_choices(defs[i].key, &k);
		/* Every ENUM has choices, its default among them; no other has any. */
		CHECK_INT(defs[i].type == STORE_SETTING_ENUM, k > 0);
		if (defs[i].type == STORE_SETTING_ENUM)
			CHECK(store_setting_choice_label(defs[i].key, defs[i].default_value) != NULL);
		for (size_t j = 0; j < k; j++)
			CHECK(c[j].label[0] != '\0');
		/* Every default passes its own validation; help ends with 「。」. */
		CHECK_INT(store_setting_validate(&defs[i], defs[i].default_value, NULL), 0);
		size_t hl = strlen(defs[i].help);
		CHECK(hl >= 3 && strcmp(defs[i].help + hl - 3, "。") == 0);
	}
	CHECK_STR(store_setting_choice_label("pii_policy", "mask"), "伏せ字にして送信");
	CHECK_STR(store_setting_choice_label("pii_policy", "block"), "送信しない");
	CHECK_STR(store_setting_choice_label("pii_policy", "warn"), "警告のみ");
	CHECK(store_setting_choice_label("pii_policy", "hide") == NULL);
	CHECK_STR(store_setting_type_name(STORE_SETTING_ENUM), "enum");
}

TEST(backup_is_a_consistent_copy)
{
	struct store *db = NULL, *other = NULL, *copy = NULL;
	const char *p = tmp_path("b.db");
	REQUIRE(store_open(p, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	REQUIRE(store_open(p, 0, &other, NULL) == 0);
	for (int i = 0; i < 50; i++) {
		char key[128];
		snprintf(key, sizeof(key), "INSERT INTO audit_log(at, actor, action) VALUES (%d, 'x', 'y')", i);
		CHECK_INT(store_exec(other, key, NULL), 0);
	}
	char dest[512];
	snprintf(dest, sizeof(dest), "%s", tmp_path("b-copy.db"));
	CHECK_INT(store_backup(db, dest, NULL), 0);
	REQUIRE(store_open(dest, 0, &copy, NULL) == 0);
	sqlite3_stmt *st = NULL;
	REQUIRE(store_prepare(copy, "SELECT count(*) FROM audit_log", &st, NULL) == 0);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(st, 0), 50);
	sqlite3_finalize(st);
	store_close(copy);
	store_close(other);
	/* A destination in a missing folder fails cleanly. */
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK(store_backup(db, "/nonexistent-dir/x.db", &ei) != 0);
	CHECK(ei.message[0] != '\0');
	store_close(db);
}

/* ---- statement toolkit ---------------------------------------------------- */

static struct store *toolkit_db(const char *name)
{
	struct store *db = NULL;
	if (store_open(tmp_path(name), STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) != 0)
		abort();
	if (store_exec(db,
		       "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE, ref INTEGER,"
		       " n INTEGER) STRICT",
		       NULL) != 0)
		abort();
	return db;
}

TEST(stmt_cache_returns_the_same_reset_statement)
{
	struct store *db = toolkit_db("stmt.db");
	sqlite3_stmt *a = NULL, *b = NULL, *c = NULL;
	REQUIRE(store_stmt(db, "SELECT ?1", &a, NULL) == 0);
	sqlite3_bind_int64(a, 1, 5);
	CHECK_INT(store_row(db, a, NULL), 1);
	CHECK_INT(sqlite3_column_int64(a, 0), 5);
	CHECK_INT(store_stmt_busy_count(db), 1); /* on a row until store_reset */
	store_reset(a);
	CHECK_INT(store_stmt_busy_count(db), 0);
	/* The same text (from another buffer) gives the same statement, with
	 * its bindings cleared. */
	char sql[32];
	yk_strlcpy(sql, "SELECT ?1", sizeof(sql));
	REQUIRE(store_stmt(db, sql, &b, NULL) == 0);
	CHECK(a == b);
	CHECK_INT(store_row(db, b, NULL), 1);
	CHECK_INT(sqlite3_column_type(b, 0), SQLITE_NULL);
	/* A statement left on a row is reset when taken again. */
	REQUIRE(store_stmt(db, "SELECT ?1", &b, NULL) == 0);
	CHECK_INT(store_stmt_busy_count(db), 0);
	REQUIRE(store_stmt(db, "SELECT ?1 + 1", &c, NULL) == 0);
	CHECK(c != a);
	/* The cache grows past its first size and keeps every statement. */
	sqlite3_stmt *first[200];
	for (int i = 0; i < 200; i++) {
		snprintf(sql, sizeof(sql), "SELECT %d", i);
		REQUIRE(store_stmt(db, sql, &first[i], NULL) == 0);
	}
	for (int i = 0; i < 200; i++) {
		snprintf(sql, sizeof(sql), "SELECT %d", i);
		sqlite3_stmt *again = NULL;
		REQUIRE(store_stmt(db, sql, &again, NULL) == 0);
		CHECK(again == first[i]);
		CHECK_INT(store_row(db, again, NULL), 1);
		CHECK_INT(sqlite3_column_int(again, 0), i);
		store_reset(again);
	}
	REQUIRE(store_stmt(db, "SELECT ?1", &b, NULL) == 0);
	CHECK(a == b);
	/* Bad SQL is a mapped error and caches nothing. */
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(store_stmt(db, "SELEC 1", &b, &ei), YK_EDB);
	CHECK(b == NULL);
	CHECK(ei.message[0] != '\0');
	store_close(db); /* finalizes the cached statements (ASan sees leaks) */
}

static int sum_rows(void *ctx, sqlite3_stmt *row)
{
	*(int64_t *)ctx += sqlite3_column_int64(row, 0);
	return 0;
}

static int stop_at_two(void *ctx, sqlite3_stmt *row)
{
	return sqlite3_column_int64(row, 0) == 2 ? ++*(int *)ctx, 42 : 0;
}

TEST(each_row_and_step_done_leave_no_open_read)
{
	struct store *db = toolkit_db("each.db");
	sqlite3_stmt *ins = NULL, *sel = NULL;
	for (int i = 1; i <= 4; i++) {
		REQUIRE(store_stmt(db, "INSERT INTO t(name, n) VALUES (?, ?)", &ins, NULL) == 0);
		char name[16];
		snprintf(name, sizeof(name), "n%d", i);
		store_bind_text(ins, 1, name);
		sqlite3_bind_int64(ins, 2, i);
		CHECK_INT(store_step_done(db, ins, NULL), 0);
	}
	/* A constraint violation is YK_ECONFLICT and the statement is reset. */
	REQUIRE(store_stmt(db, "INSERT INTO t(name, n) VALUES (?, ?)", &ins, NULL) == 0);
	store_bind_text(ins, 1, "n1");
	CHECK_INT(store_step_done(db, ins, NULL), YK_ECONFLICT);
	CHECK_INT(store_stmt_busy_count(db), 0);
	int64_t sum = 0;
	REQUIRE(store_stmt(db, "SELECT n FROM t ORDER BY n", &sel, NULL) == 0);
	CHECK_INT(store_each(db, sel, sum_rows, &sum, NULL), 0);
	CHECK_INT(sum, 10);
	int calls = 0;
	REQUIRE(store_stmt(db, "SELECT n FROM t ORDER BY n", &sel, NULL) == 0);
	CHECK_INT(store_each(db, sel, stop_at_two, &calls, NULL), 42);
	CHECK_INT(calls, 1);
	CHECK_INT(store_stmt_busy_count(db), 0);
	REQUIRE(store_stmt(db, "SELECT n FROM t WHERE n > 100", &sel, NULL) == 0);
	CHECK_INT(store_row(db, sel, NULL), 0);
	CHECK_INT(store_stmt_busy_count(db), 0);
	/* Because nothing stays open, a write through another connection is
	 * seen by the next read of this one (no stale snapshot). */
	struct store *other = NULL;
	REQUIRE(store_open(tmp_path("each.db"), 0, &other, NULL) == 0);
	CHECK_INT(store_exec(other, "INSERT INTO t(name, n) VALUES ('n5', 5)", NULL), 0);
	sum = 0;
	REQUIRE(store_stmt(db, "SELECT n FROM t ORDER BY n", &sel, NULL) == 0);
	CHECK_INT(store_each(db, sel, sum_rows, &sum, NULL), 0);
	CHECK_INT(sum, 15);
	store_close(other);
	store_close(db);
}

/* store_read_begin/end: the reads in between see one state of the
 * database (a commit by another connection shows after the end), it
 * nests, is a no-op inside a writing transaction, and leaves nothing open. */
TEST(read_transaction_is_one_snapshot)
{
	struct store *db = toolkit_db("read.db");
	struct store *other = NULL;
	REQUIRE(store_open(tmp_path("read.db"), 0, &other, NULL) == 0);
	CHECK_INT(store_exec(other, "INSERT INTO t(name, n) VALUES ('a', 1)", NULL), 0);
	sqlite3_stmt *sel = NULL;
	int64_t n = 0;
	REQUIRE(store_read_begin(db, NULL) == 0);
	REQUIRE(store_read_begin(db, NULL) == 0); /* nested */
	REQUIRE(store_stmt(db, "SELECT count(*) FROM t", &sel, NULL) == 0);
	CHECK_INT(store_one_int(db, sel, &n, NULL), 0);
	CHECK_INT(n, 1);
	CHECK_INT(store_exec(other, "INSERT INTO t(name, n) VALUES ('b', 2)", NULL), 0);
	store_read_end(db); /* the inner end keeps the snapshot */
	CHECK(!sqlite3_get_autocommit(store_handle(db)));
	REQUIRE(store_stmt(db, "SELECT count(*) FROM t", &sel, NULL) == 0);
	CHECK_INT(store_one_int(db, sel, &n, NULL), 0);
	CHECK_INT(n, 1);
	store_read_end(db);
	CHECK(sqlite3_get_autocommit(store_handle(db)));
	REQUIRE(store_stmt(db, "SELECT count(*) FROM t", &sel, NULL) == 0);
	CHECK_INT(store_one_int(db, sel, &n, NULL), 0);
	CHECK_INT(n, 2);
	store_read_end(db); /* unbalanced: ignored */
	/* Inside store_begin: no BEGIN of its own, the write's commit ends it. */
	REQUIRE(store_begin(db, NULL) == 0);
	REQUIRE(store_read_begin(db, NULL) == 0);
	CHECK_INT(store_exec(db, "INSERT INTO t(name, n) VALUES ('c', 3)", NULL), 0);
	store_read_end(db);
	CHECK(!sqlite3_get_autocommit(store_handle(db)));
	CHECK_INT(store_commit(db, NULL), 0);
	CHECK(sqlite3_get_autocommit(store_handle(db)));
	REQUIRE(store_stmt(other, "SELECT count(*) FROM t", &sel, NULL) == 0);
	CHECK_INT(store_one_int(other, sel, &n, NULL), 0);
	CHECK_INT(n, 3);
	CHECK_INT(store_stmt_busy_count(db), 0);
	store_close(other);
	store_close(db);
}

TEST(optional_binds_and_text_columns)
{
	struct store *db = toolkit_db("bind.db");
	sqlite3_stmt *st = NULL;
	REQUIRE(store_stmt(db, "SELECT ?1 IS NULL, ?2 IS NULL, ?3 IS NULL, ?4 IS NULL, ?5, ?6, ?7",
			   &st, NULL) == 0);
	store_bind_opt_id(st, 1, 0);
	store_bind_opt_text(st, 2, "");
	store_bind_text(st, 3, NULL);
	store_bind_opt_count(st, 4, -1);
	store_bind_opt_count(st, 5, 0);
	store_bind_opt_id(st, 6, 9);
	store_bind_text(st, 7, "");
	REQUIRE(store_row(db, st, NULL) == 1);
	for (int i = 0; i < 4; i++)
		CHECK_INT(sqlite3_column_int(st, i), 1);
	CHECK_INT(sqlite3_column_int64(st, 4), 0);
	CHECK_INT(sqlite3_column_type(st, 4), SQLITE_INTEGER);
	CHECK_INT(sqlite3_column_int64(st, 5), 9);
	CHECK_INT(sqlite3_column_type(st, 6), SQLITE_TEXT);
	store_reset(st);
	REQUIRE(store_stmt(db, "SELECT NULL, 'みどり市役所'", &st, NULL) == 0);
	REQUIRE(store_row(db, st, NULL) == 1);
	CHECK_STR(store_col_str(st, 0), "");
	char small[8];
	store_col_text(st, 1, small, sizeof(small));
	CHECK_STR(small, "みど"); /* 7 bytes room: cut before the split "り" */
	store_col_text(st, 0, small, sizeof(small));
	CHECK_STR(small, "");
	store_reset(st);
	store_close(db);
}

TEST(pool_gives_one_connection_per_thread)
{
	struct store_pool *pool = NULL;
	REQUIRE(store_pool_new(tmp_path("p.db"), &pool, NULL) == YK_ENOTFOUND || pool == NULL);
	struct store *db = NULL;
	REQUIRE(store_open(tmp_path("p.db"), STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	store_close(db);
	REQUIRE(store_pool_new(tmp_path("p.db"), &pool, NULL) == 0);
	struct store *a = store_pool_get(pool), *b = store_pool_get(pool);
	CHECK(a != NULL);
	CHECK(a == b);
	store_pool_free(pool);
}

/* The per-connection settings cache: a write through store_setting_set is
 * seen at once by another connection, a rolled-back write is not kept, and
 * a write by another process (raw SQL here) within STORE_SETTING_CACHE_MS. */
TEST(settings_cache_follows_writes)
{
	struct store *a = NULL, *b = NULL;
	const char *path = tmp_path("cache.db");
	REQUIRE(store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &a, NULL) == 0);
	REQUIRE(store_open(path, 0, &b, NULL) == 0);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 60); /* now cached in a */
	CHECK_INT(store_setting_set(b, "session_idle_minutes", "30", 0, &ei), 0);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 30);
	/* Inside b's transaction: b sees its write, a the committed value;
	 * after the rollback both see the committed value. */
	CHECK_INT(store_begin(b, &ei), 0);
	CHECK_INT(store_setting_set(b, "session_idle_minutes", "45", 0, &ei), 0);
	CHECK_INT(store_setting_int(b, "session_idle_minutes"), 45);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 30);
	store_rollback(b);
	CHECK_INT(store_setting_int(b, "session_idle_minutes"), 30);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 30);
	/* A committed transaction: a, which read during it, reads again. */
	CHECK_INT(store_begin(b, &ei), 0);
	CHECK_INT(store_setting_set(b, "session_idle_minutes", "50", 0, &ei), 0);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 30);
	CHECK_INT(store_commit(b, &ei), 0);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 50);
	/* Raw SQL on the same connection is seen at once. */
	CHECK_INT(store_exec(a, "UPDATE settings SET value = '55' WHERE key = 'session_idle_minutes'",
			     &ei),
		  0);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 55);
	/* Another process's write: seen once the cached value has aged. */
	CHECK_INT(store_exec(b, "UPDATE settings SET value = '70' WHERE key = 'session_idle_minutes'",
			     &ei),
		  0);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 55);
	usleep((STORE_SETTING_CACHE_MS + 100) * 1000);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 70);
	store_close(a);
	store_close(b);
}

/* Migration 0031: every change of the settings table moves the settings
 * generation, and a connection told the new generation (as a module's
 * per-request read does) sees another process's write at once. */
TEST(settings_generation_makes_another_process_write_seen_at_once)
{
	struct store *a = NULL, *b = NULL;
	const char *path = tmp_path("gen.db");
	REQUIRE(store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &a, NULL) == 0);
	REQUIRE(store_open(path, 0, &b, NULL) == 0);
	const char *gen_sql = "SELECT " STORE_SETTINGS_GEN_SQL;
	int64_t g0 = fixture_int(a, gen_sql);
	CHECK(g0 != 0);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 60); /* cached in a */
	CHECK_INT(store_exec(b, "INSERT INTO settings(key, value, updated_at)"
				" VALUES ('session_idle_minutes', '70', 0)", NULL), 0);
	int64_t g1 = fixture_int(a, gen_sql);
	CHECK(g1 != g0);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 60); /* not told yet */
	store_settings_seen(a, g1);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 70);
	CHECK_INT(store_exec(b, "UPDATE settings SET value = '80' WHERE key = 'session_idle_minutes'",
			     NULL), 0);
	int64_t g2 = fixture_int(a, gen_sql);
	CHECK(g2 != g1);
	store_settings_seen(a, g2);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 80);
	CHECK_INT(store_exec(b, "DELETE FROM settings WHERE key = 'session_idle_minutes'", NULL), 0);
	int64_t g3 = fixture_int(a, gen_sql);
	CHECK(g3 != g2);
	store_settings_seen(a, g3);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 60); /* the default again */
	/* The same generation again keeps the cache; 0 is ignored. */
	store_settings_seen(a, 0);
	CHECK_INT(store_setting_int(a, "session_idle_minutes"), 60);
	CHECK(store_setting_find("session_idle_minutes") != NULL);
	CHECK(store_setting_find("no_such_setting") == NULL);
	CHECK(store_setting_find("") == NULL);
	size_t n = 0;
	const struct store_setting_def *defs = store_setting_defs(&n);
	for (size_t i = 0; i < n; i++)
		CHECK(store_setting_find(defs[i].key) == &defs[i]);
	store_close(a);
	store_close(b);
}

TEST_MAIN(T(pages_come_from_the_shared_pool), T(open_missing_without_create_fails),
	  T(create_migrates_and_is_wal),
	  T(clientdata_kept_replaced_and_freed_with_the_connection), T(try_begin_never_waits_for_another_writer),
	  T(stmt_cache_returns_the_same_reset_statement), T(each_row_and_step_done_leave_no_open_read),
	  T(read_transaction_is_one_snapshot), T(optional_binds_and_text_columns),
	  T(newer_schema_is_refused), T(gap_in_migrations_is_filled),
	  T(question_log_rebuild_keeps_rows_votes_and_indexes),
	  T(question_log_rebuild_refuses_broken_references), T(not_a_database_gives_clear_error),
	  T(settings_validation_and_precedence), T(settings_validation_table),
	  T(settings_enums_have_labelled_choices), T(backup_is_a_consistent_copy),
	  T(pool_gives_one_connection_per_thread), T(settings_cache_follows_writes),
	  T(settings_generation_makes_another_process_write_seen_at_once))
