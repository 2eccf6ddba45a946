/* usage internals shared by usage_rollup.c, usage_report.c and
 * usage_import.c. Not part of the usage contract. */
#ifndef YK_USAGE_INT_H
#define YK_USAGE_INT_H

#include <sqlite3.h>

#include "usage/usage.h"

/* Roll-up accumulator: events are added in memory, then written with one
 * upsert per distinct key. Not thread-safe; one per fold. */
struct usage_fold;
struct usage_fold *usage__fold_new(void);
void usage__fold_free(struct usage_fold *f);
/* Adds one event (staff_id <= 0: not on the roster; template_id <= 0: no
 * prompt template). */
int usage__fold_add(struct store *db, struct usage_fold *f, int64_t at, int64_t staff_id,
		    const char *feature, size_t feature_len, const char *outcome,
		    int64_t template_id) YK_WUR;
/* The same with the feature's id (usage__feature_id) and the outcome's
 * slot (usage__fold_outcome) already known: the importer's per-row call. */
void usage__fold_add_id(struct usage_fold *f, int64_t at, int64_t staff_id, int64_t feature_id,
			int64_t outcome, int64_t template_id);
/* The slot of an outcome name in f ("ok" when NULL or empty). */
int64_t usage__fold_outcome(struct usage_fold *f, const char *outcome);
/* Adds every event with id > the folded mark; *last gets the highest id. */
int usage__fold_pending(struct store *db, struct usage_fold *f, int64_t *last) YK_WUR;
/* Writes the accumulated roll-ups and moves the folded mark to last.
 * Inside the caller's transaction. */
int usage__fold_flush(struct store *db, struct usage_fold *f, int64_t last) YK_WUR;

/* The feature key of usage_month_staff's "any feature" rows (migration
 * 0029): above every feature id, so that the rows of a new month (an
 * import of a tool's newest log, this month's first uses) go to the end of
 * the table's B-tree instead of between feature 0 and 1, where every few
 * inserts split pages (half of an import's month-row cost in callgrind).
 * Feature ids stay below it (usage__feature_id). */
#define USAGE__MONTH_ANY 8388607
#define USAGE__MONTH_ANY_SQL "8388607"

/* Id of a feature name, created when new (inside a transaction); YK_ELIMIT
 * when the table's ids reached USAGE__MONTH_ANY. */
int usage__feature_id(struct store *db, const char *name, size_t len, int64_t *id) YK_WUR;

/* The 16-byte import key of an imported row: 4 bytes of its JST day (big
 * endian), then 12 bytes of the SHA-256 of employee number, time, feature
 * and n (identical rows before it in its file). Kept for purged rows only
 * (usage_purged_import_keys): rows still stored are found by their natural
 * key in usage_imported. */
#define USAGE_IMPORT_KEY_LEN 16
void usage__import_key(const char *employee_no, size_t elen, int64_t at, const char *feature,
		       size_t flen, uint32_t n, unsigned char key[USAGE_IMPORT_KEY_LEN]);

#endif
