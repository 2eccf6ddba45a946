/* usage: the retention purge of usage_events (retention_usage_days).
 *
 * Only events already folded into the roll-ups are deleted, so every
 * figure of 活用状況 (which reads the roll-ups only, docs/adoption.md) is
 * the same after the purge. The newest event is never deleted: ids are
 * max(id)+1 and must not come back below the roll-ups' folded mark. The
 * import keys of purged imported events move to usage_purged_import_keys
 * (migration 0021), whose trigger keeps a re-import from counting them
 * twice. See usage.h. */
#include "usage/usage.h"
#include "core/banned.h"

/* The events a purge at ?1 deletes. */
#define PURGE_WHERE                                                                        \
	" WHERE at < ?1"                                                                   \
	" AND id <= (SELECT last_event_id FROM usage_rollup_state WHERE id = 1)"          \
	" AND id < (SELECT max(id) FROM usage_events)"

static const char keep_keys_sql[] =
	"INSERT OR IGNORE INTO usage_purged_import_keys(import_key)"
	" SELECT import_key FROM usage_events" PURGE_WHERE " AND import_key IS NOT NULL";
static const char delete_sql[] = "DELETE FROM usage_events" PURGE_WHERE;

int usage_retention_purge(struct store *db, int64_t before, struct usage_purge_counts *out,
			  struct yk_errinfo *ei)
{
	struct usage_purge_counts n = {0, 0};
	sqlite3_stmt *st = NULL;
	/* Fold first: what is not in the roll-ups yet is not deleted anyway,
	 * but folding now lets the purge take everything that is old. */
	int rc = usage_rollup_update(db, ei);
	if (rc || (rc = store_begin(db, ei)))
		return rc;
	if ((rc = store_stmt(db, keep_keys_sql, &st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, before);
	if ((rc = store_step_done(db, st, ei)))
		goto fail;
	n.import_keys = sqlite3_changes(store_handle(db));
	if ((rc = store_stmt(db, delete_sql, &st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, before);
	if ((rc = store_step_done(db, st, ei)))
		goto fail;
	n.events = sqlite3_changes(store_handle(db));
	if (n.events > 0) {
		char detail[128];
		snprintf(detail, sizeof(detail), "{\"before\":%lld,\"events\":%lld,\"import_keys\":%lld}",
			 (long long)before, (long long)n.events, (long long)n.import_keys);
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
