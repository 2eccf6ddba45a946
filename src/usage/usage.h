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

/* ==== before / after (usage_compare.c): the use of yakuba by a cohort of
 * users (the attendees of a training session) in the days before and
 * after a moment, beside another group (staff who did not attend). */

enum usage_group {
	USAGE_GROUP_ASK,      /* 問い合わせAI: feature 'ask' */
	USAGE_GROUP_GENAI,    /* 生成AI: 'chat', 'ask_generate' */
	USAGE_GROUP_TEMPLATE, /* prompt templates: 'template' */
	USAGE_GROUPS
};
/* Japanese label of a group (static). */
const char *usage_group_label(enum usage_group g);

struct usage_cohort_counts {
	int64_t people;                     /* users in the cohort */
	int64_t active_before, active_after; /* users with at least one use */
	int64_t events_before[USAGE_GROUPS], events_after[USAGE_GROUPS];
};

/* Counts the events of users_a and of users_b (users.id arrays, borrowed,
 * need not be sorted) in [pivot - days*86400, pivot) and [pivot, pivot +
 * days*86400). A user in both lists counts in a only. */
int usage_compare(struct store *db, int64_t pivot, int64_t days, const int64_t *users_a, size_t na,
		  const int64_t *users_b, size_t nb, struct usage_cohort_counts *a,
		  struct usage_cohort_counts *b, struct yk_errinfo *ei) YK_WUR;

#endif
