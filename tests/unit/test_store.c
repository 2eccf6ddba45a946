/* Unit tests for src/store: open/migrate, version refusal, settings
 * validation and precedence, backup while a second connection writes. */
#include <stdlib.h>
#include <unistd.h>

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

TEST_MAIN(T(open_missing_without_create_fails), T(create_migrates_and_is_wal),
	  T(newer_schema_is_refused), T(gap_in_migrations_is_filled), T(not_a_database_gives_clear_error),
	  T(settings_validation_and_precedence), T(backup_is_a_consistent_copy),
	  T(pool_gives_one_connection_per_thread))
