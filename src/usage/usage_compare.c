/* usage: before/after comparison of a cohort's use (the outcome of a
 * training session) beside another group. See usage.h. */
#include <sqlite3.h>

#include "usage/usage.h"
#include "core/banned.h"

const char *usage_group_label(enum usage_group g)
{
	switch (g) {
	case USAGE_GROUP_ASK:
		return "問い合わせAI";
	case USAGE_GROUP_GENAI:
		return "生成AI";
	case USAGE_GROUP_TEMPLATE:
		return "プロンプトテンプレート";
	default:
		return "";
	}
}

static int group_of(const char *feature)
{
	if (!feature)
		return -1;
	if (strcmp(feature, "ask") == 0)
		return USAGE_GROUP_ASK;
	if (strcmp(feature, "chat") == 0 || strcmp(feature, "ask_generate") == 0)
		return USAGE_GROUP_GENAI;
	if (strcmp(feature, "template") == 0)
		return USAGE_GROUP_TEMPLATE;
	return -1;
}

static int id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

struct cohort {
	int64_t *ids;
	unsigned char *before, *after; /* active flags */
	size_t n;
};

static void cohort_init(struct cohort *c, const int64_t *ids, size_t n)
{
	c->ids = yk_xcalloc(n ? n : 1, sizeof(*c->ids));
	c->before = yk_xcalloc(n ? n : 1, 1);
	c->after = yk_xcalloc(n ? n : 1, 1);
	memcpy(c->ids, ids, n * sizeof(*ids));
	qsort(c->ids, n, sizeof(*c->ids), id_cmp);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (!w || c->ids[w - 1] != c->ids[i])
			c->ids[w++] = c->ids[i];
	c->n = w;
}

static void cohort_release(struct cohort *c)
{
	free(c->ids);
	free(c->before);
	free(c->after);
}

static long cohort_find(const struct cohort *c, int64_t id)
{
	const int64_t *hit = c->n ? bsearch(&id, c->ids, c->n, sizeof(id), id_cmp) : NULL;
	return hit ? (long)(hit - c->ids) : -1;
}

int usage_compare(struct store *db, int64_t pivot, int64_t days, const int64_t *users_a, size_t na,
		  const int64_t *users_b, size_t nb, struct usage_cohort_counts *a,
		  struct usage_cohort_counts *b, struct yk_errinfo *ei)
{
	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	struct cohort ca, cb;
	cohort_init(&ca, users_a, na);
	cohort_init(&cb, users_b, nb);
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT user_id, feature, at >= ?2, count(*) FROM usage_events"
			       " WHERE at >= ?1 AND at < ?3 AND user_id IS NOT NULL"
			       " GROUP BY user_id, feature, at >= ?2",
			       &st, ei);
	if (rc)
		goto out;
	sqlite3_bind_int64(st, 1, pivot - days * 86400);
	sqlite3_bind_int64(st, 2, pivot);
	sqlite3_bind_int64(st, 3, pivot + days * 86400);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t user = sqlite3_column_int64(st, 0);
		int g = group_of((const char *)sqlite3_column_text(st, 1));
		int after = sqlite3_column_int(st, 2);
		int64_t count = sqlite3_column_int64(st, 3);
		if (g < 0)
			continue;
		struct cohort *c = &ca;
		struct usage_cohort_counts *out = a;
		long i = cohort_find(&ca, user);
		if (i < 0) {
			c = &cb;
			out = b;
			i = cohort_find(&cb, user);
		}
		if (i < 0)
			continue;
		if (after) {
			out->events_after[g] += count;
			c->after[i] = 1;
		} else {
			out->events_before[g] += count;
			c->before[i] = 1;
		}
	}
	rc = s == SQLITE_DONE ? 0 : store_err(db, s, ei);
	a->people = (int64_t)ca.n;
	for (size_t i = 0; i < ca.n; i++) {
		a->active_before += ca.before[i];
		a->active_after += ca.after[i];
	}
	for (size_t i = 0; i < cb.n; i++) {
		if (cohort_find(&ca, cb.ids[i]) >= 0)
			continue;
		b->people++;
		b->active_before += cb.before[i];
		b->active_after += cb.after[i];
	}
out:
	sqlite3_finalize(st);
	cohort_release(&ca);
	cohort_release(&cb);
	return rc;
}
