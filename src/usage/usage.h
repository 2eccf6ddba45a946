/* usage: the usage-events unit (活用状況). One row per use of a feature.
 *
 * Sits below the features (qa, ws, training...) and above store: every
 * feature records its uses through usage_record(); adoption reports are
 * built here from the same table, so no feature writes usage SQL itself.
 * Owns the table usage_events (created in migration 0006).
 *
 * Threading: the functions take a struct store (one connection, one thread
 * at a time); they keep no global state.
 */
#ifndef YK_USAGE_H
#define YK_USAGE_H

#include <stdint.h>

#include "core/core.h"
#include "store/store.h"

/* One use of a feature. Strings are borrowed for the call. */
struct usage_event {
	int64_t at;            /* unix seconds; 0 = now */
	int64_t user_id;       /* users.id, or <= 0 for an anonymous citizen */
	int64_t department_id; /* departments.id at the time of use, or <= 0 */
	const char *feature;   /* 'ask', 'ask_public', 'chat', 'template', ... */
	const char *outcome;   /* 'answer', 'clarify', 'unknown', 'ok', 'error' */
	int64_t ref_id;        /* e.g. qa_questions.id, or <= 0 */
	int64_t latency_ms;
};

/* Records one use. Returns 0 or a yk_err from the store. */
int usage_record(struct store *db, const struct usage_event *ev) YK_WUR;

#endif
