/* db_fixture.h: a fresh, migrated database per call in a private temporary
 * folder (/tmp/yk-TAG-XXXXXX, one folder per test program), for unit tests
 * that need the schema. Aborts when the database cannot be made. */
#ifndef YK_DB_FIXTURE_H
#define YK_DB_FIXTURE_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"

static __attribute__((unused)) struct store *fixture_db(const char *tag)
{
	static char dir[256];
	static int n;
	char path[512];
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/yk-%s-XXXXXX", tag);
		if (!mkdtemp(dir))
			abort();
	}
	snprintf(path, sizeof(path), "%s/%d.db", dir, ++n);
	struct store *db = NULL;
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) != 0)
		abort();
	return db;
}

/* The first column of the first row of sql as an integer, -1 when there is
 * no row or the statement fails. */
static __attribute__((unused)) int64_t fixture_int(struct store *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(db, sql, &st, NULL) != 0)
		return -1;
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

/* Runs sql; aborts the test program when it fails. */
static __attribute__((unused)) void fixture_exec(struct store *db, const char *sql)
{
	if (store_exec(db, sql, NULL) != 0)
		abort();
}

#endif
