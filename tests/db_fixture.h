/* db_fixture.h: a fresh, migrated database per call in a private temporary
 * folder (/tmp/yk-TAG-XXXXXX, one folder per test program), for unit tests
 * that need the schema. Aborts when the database cannot be made. */
#ifndef YK_DB_FIXTURE_H
#define YK_DB_FIXTURE_H

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

#endif
