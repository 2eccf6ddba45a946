/* usage: uses of given prompt templates by two groups of users before and
 * after a moment — the templates handed out at a training session, used by
 * its attendees and by staff who did not attend. See usage.h
 * (usage_template_compare).
 *
 * Source: the usage events themselves, which carry the template of a
 * 生成AI turn (usage_events.template_id, migration 0022); a turn the guard
 * blocked (outcome 'blocked') never reached the model and is not a use. */
#include <sqlite3.h>

#include "usage/usage.h"
#include "core/banned.h"

static int i64_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* A sorted copy of ids (duplicates kept: bsearch finds any). */
static int64_t *sorted_copy(const int64_t *ids, size_t n)
{
	int64_t *v = yk_xcalloc(n ? n : 1, sizeof(*v));
	if (n) {
		memcpy(v, ids, n * sizeof(*v));
		qsort(v, n, sizeof(*v), i64_cmp);
	}
	return v;
}

static int has(const int64_t *sorted, size_t n, int64_t id)
{
	return n && bsearch(&id, sorted, n, sizeof(id), i64_cmp) != NULL;
}

int usage_template_compare(struct store *db, int64_t pivot, int64_t days,
			   const int64_t *templates, size_t nt, const int64_t *users_a, size_t na,
			   const int64_t *users_b, size_t nb, struct usage_template_counts *a,
			   struct usage_template_counts *b, struct yk_errinfo *ei)
{
	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	if (nt == 0)
		return 0;
	int64_t *tv = sorted_copy(templates, nt), *av = sorted_copy(users_a, na),
		*bv = sorted_copy(users_b, nb);
	sqlite3_stmt *st = NULL;
	/* One row per (user, template, side): a user is counted once per side
	 * however many templates they used. */
	int rc = store_prepare(db,
			       "SELECT user_id, template_id, at >= ?2, count(*) FROM usage_events"
			       " WHERE at >= ?1 AND at < ?3 AND user_id IS NOT NULL"
			       " AND template_id IS NOT NULL AND outcome <> 'blocked'"
			       " GROUP BY user_id, at >= ?2, template_id"
			       " ORDER BY user_id, at >= ?2",
			       &st, ei);
	if (rc)
		goto out;
	const int64_t bounds[] = {pivot - days * 86400, pivot, pivot + days * 86400};
	for (int i = 0; i < 3; i++)
		sqlite3_bind_int64(st, i + 1, bounds[i]);
	int64_t last_user = -1;
	int last_after = -1;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t user = sqlite3_column_int64(st, 0);
		int after = sqlite3_column_int(st, 2);
		if (!has(tv, nt, sqlite3_column_int64(st, 1)))
			continue;
		struct usage_template_counts *k = has(av, na, user) ? a : has(bv, nb, user) ? b : NULL;
		if (!k)
			continue;
		int64_t uses = sqlite3_column_int64(st, 3);
		int new_person = user != last_user || after != last_after;
		if (after) {
			k->uses_after += uses;
			k->users_after += new_person;
		} else {
			k->uses_before += uses;
			k->users_before += new_person;
		}
		last_user = user;
		last_after = after;
	}
	rc = s == SQLITE_DONE ? 0 : store_err(db, s, ei);
	sqlite3_finalize(st);
out:
	free(tv);
	free(av);
	free(bv);
	return rc;
}
