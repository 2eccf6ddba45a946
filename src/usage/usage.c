/* usage: recording of usage events. See usage.h. */
#include <sqlite3.h>

#include "usage/usage.h"
#include "core/banned.h"

int usage_record(struct store *db, const struct usage_event *ev)
{
	/* A user or department deleted between the use and this row (the qa
	 * log writes a few milliseconds late) becomes NULL, as ON DELETE SET
	 * NULL would have made it. Cached: it runs for every question. */
	static const char sql[] =
		"INSERT INTO usage_events(at, user_id, department_id, feature, outcome,"
		" ref_id, latency_ms, template_id) VALUES (?1, (SELECT id FROM users WHERE id = ?2),"
		" (SELECT id FROM departments WHERE id = ?3), ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, sql, &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, ev->at > 0 ? ev->at : yk_now_unix());
	store_bind_opt_id(st, 2, ev->user_id);
	store_bind_opt_id(st, 3, ev->department_id);
	sqlite3_bind_text(st, 4, ev->feature, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, ev->outcome, -1, SQLITE_STATIC);
	store_bind_opt_id(st, 6, ev->ref_id);
	sqlite3_bind_int64(st, 7, ev->latency_ms);
	store_bind_opt_id(st, 8, ev->template_id);
	return store_step_done(db, st, NULL);
}
