/* usage: before/after comparison of a cohort's use (the outcome of a
 * training session) beside another group. The raw events are read where
 * the retention kept them; the days it purged (before
 * usage_rollup_state.purged_before) are read from the roll-ups
 * (usage_month_staff's uses per day), through each user's roster entry.
 * See usage.h. */
#include <sqlite3.h>

#include "usage/usage_int.h"
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

/* ---- the purged days, from the roll-ups ------------------------------- */

static const char *const group_features[] = {"ask", "chat", "ask_generate", "template"};

/* The retention's horizon: events before it may be gone (0: none purged). */
static int purged_before(struct store *db, int64_t *before, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	*before = 0;
	int rc = store_stmt(db, "SELECT purged_before FROM usage_rollup_state WHERE id = 1", &st,
			    ei);
	if (rc)
		return rc;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*before = sqlite3_column_int64(st, 0);
	store_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

/* A cohort member by roster entry: the link the fold uses (users.staff_id,
 * else a login equal to an employee number). */
struct member {
	int64_t staff_id;
	int which;                  /* 0: cohort a, 1: b */
	struct cohort *c;
	struct usage_cohort_counts *out;
	size_t i;
};

static int member_cmp(const void *x, const void *y)
{
	const struct member *a = x, *b = y;
	return a->staff_id < b->staff_id ? -1 : a->staff_id > b->staff_id;
}

static int member_order(const void *x, const void *y)
{
	const struct member *a = x, *b = y;
	int c = member_cmp(a, b);
	return c ? c : (a->which > b->which) - (a->which < b->which);
}

static int staff_of_user(struct store *db, int64_t user, int64_t *staff, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	*staff = 0;
	int rc = store_stmt(db,
			    "SELECT coalesce(u.staff_id, sl.id) FROM users u"
			    " LEFT JOIN staff sl ON sl.employee_no = u.login WHERE u.id = ?1",
			    &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*staff = sqlite3_column_int64(st, 0);
	store_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

/* Adds the uses of days [d0, d1] (JST) from the roll-ups: a day before
 * pivot counts as before, else after. Cohort a's members first: a user in
 * both lists counts in a only, and a roster entry counts once. */
static int add_rollup_days(struct store *db, struct cohort *ca, struct cohort *cb,
			   struct usage_cohort_counts *a, struct usage_cohort_counts *b,
			   int32_t d0, int32_t d1, int64_t pivot, struct yk_errinfo *ei)
{
	struct member *m = yk_xcalloc(ca->n + cb->n + 1, sizeof(*m));
	size_t nm = 0;
	int rc = 0;
	for (int k = 0; k < 2 && !rc; k++) {
		struct cohort *c = k ? cb : ca;
		for (size_t i = 0; i < c->n && !rc; i++) {
			int64_t staff;
			if (k && cohort_find(ca, c->ids[i]) >= 0)
				continue;
			if ((rc = staff_of_user(db, c->ids[i], &staff, ei)) || staff <= 0)
				continue;
			m[nm++] = (struct member){staff, k, c, k ? b : a, i};
		}
	}
	/* By roster entry, cohort a's members before b's. */
	if (!rc && nm)
		qsort(m, nm, sizeof(*m), member_order);
	int y, mo, d;
	usage_day_civil(d0, &y, &mo, &d);
	int32_t m0 = y * 12 + mo - 1;
	usage_day_civil(d1, &y, &mo, &d);
	int32_t m1 = y * 12 + mo - 1;
	for (size_t g = 0; g < YK_ARRAY_LEN(group_features) && !rc && nm; g++) {
		int grp = group_of(group_features[g]);
		sqlite3_stmt *st = NULL;
		int64_t fid = 0;
		if ((rc = store_stmt(db, "SELECT id FROM usage_features WHERE name = ?1", &st, ei)))
			break;
		sqlite3_bind_text(st, 1, group_features[g], -1, SQLITE_STATIC);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW)
			fid = sqlite3_column_int64(st, 0);
		store_reset(st);
		if (s != SQLITE_ROW)
			continue;
		if ((rc = store_stmt(db,
				     "SELECT month, staff_id, days FROM usage_month_staff"
				     " WHERE feature_id = ?1 AND month BETWEEN ?2 AND ?3"
				     " UNION ALL" /* person-months of one feature (0029) */
				     " SELECT month, staff_id, days FROM usage_month_staff"
				     " WHERE feature_id = " USAGE__MONTH_ANY_SQL
				     " AND month BETWEEN ?2 AND ?3 AND sole = ?1",
				     &st, ei)))
			break;
		sqlite3_bind_int64(st, 1, fid);
		sqlite3_bind_int64(st, 2, m0);
		sqlite3_bind_int64(st, 3, m1);
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			struct member key = {sqlite3_column_int64(st, 1), 0, NULL, NULL, 0};
			const struct member *hit = bsearch(&key, m, nm, sizeof(key), member_cmp);
			if (!hit)
				continue;
			/* bsearch may land on any member of that roster entry: the
			 * first one (cohort a's, if any) takes the uses. */
			while (hit > m && hit[-1].staff_id == key.staff_id)
				hit--;
			int32_t month = (int32_t)sqlite3_column_int64(st, 0);
			int32_t first = usage_day_from_civil(month / 12, month % 12 + 1, 1);
			const unsigned char *days = sqlite3_column_blob(st, 2);
			size_t n = (size_t)sqlite3_column_bytes(st, 2) / 2;
			for (size_t k = 0; days && k < n; k++) {
				int32_t day = first + (int32_t)k;
				unsigned v = (unsigned)days[2 * k] | (unsigned)days[2 * k + 1] << 8;
				if (!v || day < d0 || day > d1)
					continue;
				if (usage_day_start(day) >= pivot) {
					hit->out->events_after[grp] += v;
					hit->c->after[hit->i] = 1;
				} else {
					hit->out->events_before[grp] += v;
					hit->c->before[hit->i] = 1;
				}
			}
		}
		if (s != SQLITE_DONE)
			rc = store_err(db, s, ei);
		store_reset(st);
	}
	free(m);
	return rc;
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
	int64_t from = pivot - days * 86400, to = pivot + days * 86400, horizon = 0;
	int rc = purged_before(db, &horizon, ei);
	if (rc)
		goto out;
	/* Raw events from the first whole day after the purge's horizon on;
	 * the days before it (the horizon's own day too: it is partly
	 * purged) come from the roll-ups, which hold every purged event. */
	int64_t raw_from = from;
	if (horizon > from) {
		int32_t last = usage_day_of((horizon < to ? horizon : to) - 1);
		raw_from = usage_day_start(last + 1);
		if ((rc = usage_rollup_update(db, ei)) ||
		    (rc = add_rollup_days(db, &ca, &cb, a, b, usage_day_of(from), last, pivot, ei)))
			goto out;
	}
	rc = store_prepare(db,
			   "SELECT user_id, feature, at >= ?2, count(*) FROM usage_events"
			   " WHERE at >= ?1 AND at < ?3 AND user_id IS NOT NULL"
			   " GROUP BY user_id, feature, at >= ?2",
			   &st, ei);
	if (rc)
		goto out;
	sqlite3_bind_int64(st, 1, raw_from);
	sqlite3_bind_int64(st, 2, pivot);
	sqlite3_bind_int64(st, 3, to);
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
