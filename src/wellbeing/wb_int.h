/* wellbeing internals shared by its files; not part of the contract. */
#ifndef YK_WB_INT_H
#define YK_WB_INT_H

#include "audit/audit.h"
#include "auth/auth.h"
#include "wellbeing.h"

/* Binds text, or NULL for "" when empty_is_null. */
void wb__bind_text(sqlite3_stmt *st, int i, const char *s);
/* Column text copied into out (""). */
void wb__col_text(sqlite3_stmt *st, int i, char *out, size_t outsz);
/* "57 chars 0..4" <-> answers */
void wb__answers_decode(const char *s, size_t len, unsigned char out[WB_ITEMS]);
void wb__answers_encode(const unsigned char a[WB_ITEMS], char out[WB_ITEMS + 1]);
/* Loads a sheet by id (no access check). */
int wb__sheet_load(struct store *db, int64_t id, struct wb_sheet *out, struct yk_errinfo *ei) YK_WUR;
/* The campaign's thresholds and method read into c. */
int wb__campaign_load(struct store *db, int64_t id, struct wb_campaign *c,
		      struct yk_errinfo *ei) YK_WUR;
/* Scores a submitted sheet with its campaign's thresholds. */
int wb__sheet_score(const struct wb_sheet *s, const struct wb_campaign *c, struct wb_score *out) YK_WUR;
/* wb_campaign_create without its own transaction (the caller holds one). */
int wb__campaign_insert(struct store *db, const struct audit_actor *actor,
			const struct wb_campaign_spec *spec, int64_t *id, struct yk_errinfo *ei) YK_WUR;
/* The roster entry, department, tier and department path of a user (0 /
 * "" when none). tier and path may be NULL. */
int wb__user_links(struct store *db, int64_t user_id, int64_t *staff_id, int64_t *dept_id,
		   char *tier, size_t tiersz, char *path, size_t pathsz) YK_WUR;
/* An audit row of a viewer (the CLI when v->actor is NULL). */
int wb__audit(struct store *db, const struct wb_viewer *v, const char *action, const char *target,
	      const char *detail) YK_WUR;
/* Makes room for element n of the growing array *pp of *cap elements of
 * size bytes (doubling from 8); YK_ELIMIT when n reaches max. */
#define WB_ROWS_MAX 100000 /* rows one list call collects (a city's whole staff) */
int wb__grow(void *pp, size_t *cap, size_t n, size_t size, size_t max) YK_WUR;
/* 1 when path is unit or lies below it ("市民部" covers "市民部/市民課"). */
int wb__path_within(const char *path, const char *unit);
/* Day number (days since 1970-01-01, UTC) and "YYYY-MM-DD". */
int64_t wb__day_now(void);
void wb__day_text(int64_t day, char out[11]);

#endif
