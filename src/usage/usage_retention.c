/* usage: the retention purge of usage_events and usage_imported
 * (retention_usage_days).
 *
 * Only events already folded into the roll-ups are deleted, so every
 * figure of 活用状況 (which reads the roll-ups only, docs/adoption.md) is
 * the same after the purge. The newest event is never deleted: ids are
 * max(id)+1 and must not come back below the roll-ups' folded mark. The
 * import keys of purged imported rows (usage_imported, migration 0027)
 * are computed here and kept in usage_purged_import_keys (migration 0021),
 * where the importer looks up rows as old as the newest purged key, so
 * that a re-import does not count them twice. See usage.h. */
#include <string.h>

#include "auth/auth.h"
#include "usage/usage_int.h"
#include "core/banned.h"

/* The events a purge at ?1 deletes. */
#define PURGE_WHERE                                                                        \
	" WHERE at < ?1"                                                                   \
	" AND id <= (SELECT last_event_id FROM usage_rollup_state WHERE id = 1)"          \
	" AND id < (SELECT max(id) FROM usage_events)"

static const char delete_sql[] = "DELETE FROM usage_events" PURGE_WHERE;

/* Employee numbers by staff id (the roster through auth's API, including
 * those who left), to compute the import keys of purged rows. */
struct emp_of {
	int64_t id;
	char no[AUTH_EMPLOYEE_NO_MAX + 1];
};
struct emp_map {
	struct emp_of *e;
	size_t n, cap;
};

static int add_emp(void *ctx, const struct auth_staff *s)
{
	struct emp_map *m = ctx;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->e = yk_xrealloc(m->e, m->cap * sizeof(*m->e));
	}
	m->e[m->n].id = s->id;
	yk_strlcpy(m->e[m->n].no, s->employee_no, sizeof(m->e[m->n].no));
	m->n++;
	return 0;
}

static int cmp_emp(const void *a, const void *b)
{
	const struct emp_of *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Imported rows older than before: their import keys are kept, then the
 * rows deleted (all of them are in the roll-ups: an import folds its rows
 * as it stores them). A row whose roster entry was deleted since leaves no
 * key: its employee number is unknown, and an import of it is refused. */
static int purge_imported(struct store *db, int64_t before, struct usage_purge_counts *n,
			  struct yk_errinfo *ei)
{
	struct emp_map m = {NULL, 0, 0};
	sqlite3_stmt *sel = NULL, *keep = NULL, *del = NULL; /* cached: not finalized */
	int64_t total;
	int rc = auth_staff_query(db, NULL, AUTH_STAFF_INCLUDE_LEFT, 0, INT32_MAX, add_emp, &m,
				  &total);
	if (rc)
		goto out;
	if (m.n)
		qsort(m.e, m.n, sizeof(*m.e), cmp_emp);
	if ((rc = store_stmt(db,
			     "SELECT i.at, i.staff_id, f.name, i.n FROM usage_imported i"
			     " JOIN usage_features f ON f.id = i.feature_id WHERE i.at < ?1",
			     &sel, ei)) ||
	    (rc = store_stmt(db,
			     "INSERT OR IGNORE INTO usage_purged_import_keys(import_key) VALUES (?1)",
			     &keep, ei)) ||
	    (rc = store_stmt(db, "DELETE FROM usage_imported WHERE at < ?1", &del, ei)))
		goto out;
	sqlite3_bind_int64(sel, 1, before);
	int s;
	while ((s = sqlite3_step(sel)) == SQLITE_ROW) {
		struct emp_of k = {sqlite3_column_int64(sel, 1), ""};
		const struct emp_of *e = m.n ? bsearch(&k, m.e, m.n, sizeof(k), cmp_emp) : NULL;
		if (!e)
			continue;
		unsigned char key[USAGE_IMPORT_KEY_LEN];
		usage__import_key(e->no, strlen(e->no), sqlite3_column_int64(sel, 0),
				  (const char *)sqlite3_column_text(sel, 2),
				  (size_t)sqlite3_column_bytes(sel, 2),
				  (uint32_t)sqlite3_column_int64(sel, 3), key);
		sqlite3_bind_blob(keep, 1, key, sizeof(key), SQLITE_STATIC);
		if ((rc = store_step_done(db, keep, ei)))
			goto out;
		n->import_keys += sqlite3_changes(store_handle(db));
	}
	if (s != SQLITE_DONE) {
		rc = store_err(db, s, ei);
		goto out;
	}
	store_reset(sel);
	sel = NULL;
	sqlite3_bind_int64(del, 1, before);
	if ((rc = store_step_done(db, del, ei)))
		goto out;
	n->imported = sqlite3_changes(store_handle(db));
out:
	if (sel)
		store_reset(sel);
	free(m.e);
	return rc;
}

int usage_retention_purge(struct store *db, int64_t before, struct usage_purge_counts *out,
			  struct yk_errinfo *ei)
{
	struct usage_purge_counts n = {0, 0, 0};
	sqlite3_stmt *st = NULL;
	/* Fold first: what is not in the roll-ups yet is not deleted anyway,
	 * but folding now lets the purge take everything that is old. */
	int rc = usage_rollup_update(db, ei);
	if (rc || (rc = store_begin(db, ei)))
		return rc;
	if ((rc = purge_imported(db, before, &n, ei)))
		goto fail;
	if ((rc = store_stmt(db, delete_sql, &st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, before);
	if ((rc = store_step_done(db, st, ei)))
		goto fail;
	n.events = sqlite3_changes(store_handle(db));
	/* usage_compare reads the days before this from the roll-ups. */
	if (n.events > 0) {
		if ((rc = store_stmt(db,
				     "UPDATE usage_rollup_state SET purged_before ="
				     " max(purged_before, ?1) WHERE id = 1",
				     &st, ei)))
			goto fail;
		sqlite3_bind_int64(st, 1, before);
		if ((rc = store_step_done(db, st, ei)))
			goto fail;
	}
	if (n.events > 0 || n.imported > 0) {
		char detail[160];
		snprintf(detail, sizeof(detail),
			 "{\"before\":%lld,\"events\":%lld,\"imported\":%lld,\"import_keys\":%lld}",
			 (long long)before, (long long)n.events, (long long)n.imported,
			 (long long)n.import_keys);
		if ((rc = audit_record(db, NULL, "usage.purge", "usage_events", detail, ei)))
			goto fail;
	}
	if ((rc = store_commit(db, ei)))
		goto fail;
	if (out)
		*out = n;
	return 0;
fail:
	store_rollback(db);
	return rc;
}
