/* usage: the 活用状況 report. Reads the roster (through auth), the
 * roll-ups for whole months inside the period, the raw events for the
 * partial months at its ends, and computes every figure in one pass over
 * the staff: headline, buckets, departments (rolled up the tree, small ones
 * merged), tiers, features, months, weeks. See usage.h and docs/adoption.md.
 *
 * Per staff member the calculation keeps the uses in the period and a
 * bitmap of the days with any use (exact, from the roll-ups' day bitmaps);
 * every "active" figure (period, month, week, 30 days, retention) is a test
 * on that bitmap, and every "uses" figure a sum. */
#include <string.h>

#include "auth/auth.h"
#include "usage/usage_int.h"
#include "core/banned.h"

static const char *const bucket_labels[USAGE_BUCKETS] = {"1-9", "10-19", "20-49", "50+"};
static const char *const tier_names[USAGE_TIERS] = {AUTH_TIER_EXECUTIVE, AUTH_TIER_DX_LEADER,
						    AUTH_TIER_GENERAL};

struct dept {
	int64_t id, parent_id;
	int parent;           /* index, -1 for top level */
	char path[USAGE_DEPT_PATH_MAX + 1];
	int in_scope, hidden, depth;
	int64_t own_eligible;
	int64_t eligible, active, uses; /* subtree */
	int merged;
};

struct person {
	int64_t id;
	int dept, tier, in_scope;
};

struct id_index {
	int64_t id;
	int idx;
};

struct feature {
	int64_t id;
	char name[USAGE_FEATURE_MAX + 1];
	int64_t uses, all_uses, answered, clarify, unknown;
	uint64_t *users;      /* bitset over staff, allocated on first use */
};

struct calc {
	struct store *db;
	const struct usage_adoption_query *q;
	struct usage_adoption_report *r;
	struct yk_errinfo *ei;
	struct dept *depts;
	size_t n_depts, cap_depts;
	struct person *staff;
	size_t n_staff, cap_staff;
	size_t dept_cursor;   /* merge walk of staff (by path) over departments */
	int scope_root;       /* department index or -1 */
	struct id_index *by_id;
	int32_t *direct;      /* staff id -> index + 1 when ids are dense enough */
	int64_t direct_n;
	struct feature *features;
	size_t n_features;
	int64_t filter_fid;   /* -1: all features; 0: unknown name (nothing matches) */
	int32_t lo, hi;       /* bitmap day range: min(from, to-29) .. to */
	size_t words;         /* uint64 per staff member */
	uint64_t *bits;       /* n_staff * words */
	int64_t *uses;        /* per staff member, in the period */
	int32_t m_from, m_to; /* months of the period */
	int64_t *month_uses;  /* per month of the period */
	int64_t *week_uses;   /* per week (unscoped only) */
	int32_t week0;        /* Monday on or before from */
	size_t n_weeks;
};

static int32_t month_of_day(int32_t day)
{
	int y, m, d;
	usage_day_civil(day, &y, &m, &d);
	return y * 12 + (m - 1);
}

static int32_t month_first_day(int32_t month)
{
	return usage_day_from_civil(month / 12, month % 12 + 1, 1);
}

/* ---- roster -------------------------------------------------------------- */

static int add_dept(void *ctx, const struct auth_department *d)
{
	struct calc *c = ctx;
	if (c->n_depts == c->cap_depts) {
		c->cap_depts = c->cap_depts ? c->cap_depts * 2 : 64;
		c->depts = yk_xrealloc(c->depts, c->cap_depts * sizeof(*c->depts));
	}
	struct dept *x = &c->depts[c->n_depts++];
	memset(x, 0, sizeof(*x));
	x->id = d->id;
	x->parent_id = d->parent_id;
	x->parent = -1;
	yk_strlcpy(x->path, d->path, sizeof(x->path));
	return 0;
}

/* Staff who left (retired roster rows) count as eligible, with their uses,
 * in a period that began before they left; not in later ones. */
static int eligible_in(const struct auth_staff *s, int32_t from_day)
{
	return !s->left_at || s->left_at >= usage_day_start(from_day);
}

static int add_person(void *ctx, const struct auth_staff *s)
{
	struct calc *c = ctx;
	if (!eligible_in(s, c->q->from_day))
		return 0;
	/* Both lists are ordered by department path (binary collation); the
	 * staff who left come after the current ones, in path order again. */
	if (c->dept_cursor < c->n_depts && strcmp(c->depts[c->dept_cursor].path, s->department_path) > 0)
		c->dept_cursor = 0;
	while (c->dept_cursor < c->n_depts &&
	       strcmp(c->depts[c->dept_cursor].path, s->department_path) < 0)
		c->dept_cursor++;
	if (c->dept_cursor >= c->n_depts || strcmp(c->depts[c->dept_cursor].path, s->department_path))
		return 0; /* cannot happen: staff.department_id is a foreign key */
	if (c->n_staff == c->cap_staff) {
		c->cap_staff = c->cap_staff ? c->cap_staff * 2 : 1024;
		c->staff = yk_xrealloc(c->staff, c->cap_staff * sizeof(*c->staff));
	}
	struct person *p = &c->staff[c->n_staff++];
	p->id = s->id;
	p->dept = (int)c->dept_cursor;
	p->tier = USAGE_TIER_GENERAL;
	for (int t = 0; t < USAGE_TIERS; t++)
		if (strcmp(s->tier, tier_names[t]) == 0)
			p->tier = t;
	p->in_scope = c->depts[p->dept].in_scope;
	return 0;
}

static int cmp_id_index(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int dept_index(const struct calc *c, int64_t id)
{
	for (size_t i = 0; i < c->n_depts; i++)
		if (c->depts[i].id == id)
			return (int)i;
	return -1;
}

static int load_roster(struct calc *c)
{
	int rc = auth_dept_list(c->db, add_dept, c);
	if (rc)
		return rc;
	/* Parents come before children in path order, so one pass settles
	 * parent indexes, scope and depth. */
	struct id_index *ids = yk_xmalloc((c->n_depts + 1) * sizeof(*ids));
	for (size_t i = 0; i < c->n_depts; i++)
		ids[i] = (struct id_index){c->depts[i].id, (int)i};
	qsort(ids, c->n_depts, sizeof(*ids), cmp_id_index);
	c->scope_root = -1;
	if (c->q->department_id > 0) {
		c->scope_root = dept_index(c, c->q->department_id);
		if (c->scope_root < 0) {
			free(ids);
			yk_errinfo_at(c->ei, NULL, 0, "department");
			return yk_errinfo_set(c->ei, YK_ENOTFOUND, "所属が見つかりません");
		}
	}
	for (size_t i = 0; i < c->n_depts; i++) {
		struct dept *d = &c->depts[i];
		if (d->parent_id > 0) {
			struct id_index key = {d->parent_id, 0};
			struct id_index *f = bsearch(&key, ids, c->n_depts, sizeof(*ids), cmp_id_index);
			d->parent = f ? f->idx : -1;
		}
		if (c->scope_root < 0) {
			d->in_scope = 1;
			d->depth = d->parent >= 0 ? c->depts[d->parent].depth + 1 : 0;
		} else if ((int)i == c->scope_root) {
			d->in_scope = 1;
			d->depth = 0;
		} else if (d->parent >= 0 && c->depts[d->parent].in_scope) {
			d->in_scope = 1;
			d->depth = c->depts[d->parent].depth + 1;
		}
	}
	free(ids);
	int64_t total;
	if ((rc = auth_staff_query(c->db, NULL, AUTH_STAFF_INCLUDE_LEFT, 0, INT32_MAX, add_person, c,
				   &total)))
		return rc;
	c->by_id = yk_xmalloc((c->n_staff + 1) * sizeof(*c->by_id));
	for (size_t i = 0; i < c->n_staff; i++)
		c->by_id[i] = (struct id_index){c->staff[i].id, (int)i};
	qsort(c->by_id, c->n_staff, sizeof(*c->by_id), cmp_id_index);
	/* Roster ids are mostly dense: a direct table saves a search per row. */
	int64_t max_id = c->n_staff ? c->by_id[c->n_staff - 1].id : 0;
	if (max_id > 0 && max_id <= (int64_t)c->n_staff * 4 + 1024) {
		c->direct_n = max_id + 1;
		c->direct = yk_xcalloc((size_t)c->direct_n, sizeof(*c->direct));
		for (size_t i = 0; i < c->n_staff; i++)
			c->direct[c->by_id[i].id] = c->by_id[i].idx + 1;
	}
	return 0;
}

static int staff_index(const struct calc *c, int64_t id)
{
	if (c->direct)
		return id > 0 && id < c->direct_n ? c->direct[id] - 1 : -1;
	struct id_index key = {id, 0};
	struct id_index *f = bsearch(&key, c->by_id, c->n_staff, sizeof(*c->by_id), cmp_id_index);
	return f ? f->idx : -1;
}

/* ---- features ------------------------------------------------------------ */

static int load_features(struct calc *c)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(c->db, "SELECT id, name FROM usage_features ORDER BY id", &st, NULL);
	if (rc)
		return rc;
	c->features = yk_xcalloc(USAGE_FEATURES_MAX + 1, sizeof(*c->features));
	c->filter_fid = c->q->feature && *c->q->feature ? 0 : -1;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW && c->n_features < USAGE_FEATURES_MAX + 1) {
		struct feature *f = &c->features[c->n_features++];
		f->id = sqlite3_column_int64(st, 0);
		yk_strlcpy(f->name, (const char *)sqlite3_column_text(st, 1), sizeof(f->name));
		if (c->filter_fid == 0 && strcmp(f->name, c->q->feature) == 0)
			c->filter_fid = f->id;
	}
	store_reset(st);
	return s == SQLITE_DONE || s == SQLITE_ROW ? 0 : store_err(c->db, s, NULL);
}

static struct feature *feature_by_id(struct calc *c, int64_t id)
{
	size_t lo = 0, hi = c->n_features;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->features[mid].id < id)
			lo = mid + 1;
		else if (c->features[mid].id > id)
			hi = mid;
		else
			return &c->features[mid];
	}
	return NULL;
}

static void feature_user(struct calc *c, struct feature *f, int s)
{
	if (!f->users)
		f->users = yk_xcalloc((c->n_staff + 63) / 64 + 1, sizeof(uint64_t));
	f->users[s / 64] |= (uint64_t)1 << (s % 64);
}

/* ---- reading the roll-ups and the raw edges ------------------------------ */

static void set_bit(struct calc *c, int s, int32_t day)
{
	size_t b = (size_t)(day - c->lo);
	c->bits[(size_t)s * c->words + b / 64] |= (uint64_t)1 << (b % 64);
}

/* Whether staff member s used anything on a day in [a, b] (clamped). */
static int any_bit(const struct calc *c, int s, int32_t a, int32_t b)
{
	if (a < c->lo)
		a = c->lo;
	if (b > c->hi)
		b = c->hi;
	if (a > b)
		return 0;
	const uint64_t *w = c->bits + (size_t)s * c->words;
	size_t x = (size_t)(a - c->lo), y = (size_t)(b - c->lo);
	for (size_t i = x / 64; i <= y / 64; i++) {
		uint64_t m = ~(uint64_t)0;
		if (i == x / 64)
			m &= ~(uint64_t)0 << (x % 64);
		if (i == y / 64 && y % 64 != 63)
			m &= ((uint64_t)1 << (y % 64 + 1)) - 1;
		if (w[i] & m)
			return 1;
	}
	return 0;
}

/* The uses in the period of one month row: the month's count when the
 * whole month is inside, else the sum of its days inside. With weeks, the
 * days' uses are also added to the week buckets. */
static int64_t row_uses(struct calc *c, int32_t month, int64_t uses, const unsigned char *days,
			size_t n, int weeks)
{
	int32_t fd = month_first_day(month), ld = month_first_day(month + 1) - 1;
	int full = fd >= c->q->from_day && ld <= c->q->to_day;
	if (full && !weeks)
		return uses;
	int64_t sum = 0;
	for (size_t d = 0; days && 2 * d + 1 < n; d++) {
		unsigned v = (unsigned)days[2 * d] | (unsigned)days[2 * d + 1] << 8;
		int32_t day = fd + (int32_t)d;
		if (!v || day < c->q->from_day || day > c->q->to_day)
			continue;
		sum += v;
		if (weeks)
			c->week_uses[(day - c->week0) / 7] += v;
	}
	return full ? uses : sum;
}

/* Per-person uses in the period (feature F, or all), by month and week.
 * Feature F's rows are its own and the "any" rows (USAGE__MONTH_ANY) whose
 * sole feature is F (migration 0029: such a person-month is stored once). */
static int read_months(struct calc *c)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(c->db,
			       "SELECT month, staff_id, uses, days FROM usage_month_staff"
			       " WHERE feature_id = ?1 AND month BETWEEN ?2 AND ?3"
			       " UNION ALL"
			       " SELECT month, staff_id, uses, days FROM usage_month_staff"
			       " WHERE ?1 < " USAGE__MONTH_ANY_SQL " AND feature_id = " USAGE__MONTH_ANY_SQL
			       " AND month BETWEEN ?2 AND ?3 AND sole = ?1",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, c->filter_fid < 0 ? USAGE__MONTH_ANY : c->filter_fid);
	sqlite3_bind_int64(st, 2, c->m_from);
	sqlite3_bind_int64(st, 3, c->m_to);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int s_idx = staff_index(c, sqlite3_column_int64(st, 1));
		if (s_idx < 0 || !c->staff[s_idx].in_scope)
			continue;
		int32_t month = (int32_t)sqlite3_column_int64(st, 0);
		int64_t u = row_uses(c, month, sqlite3_column_int64(st, 2), sqlite3_column_blob(st, 3),
				     (size_t)sqlite3_column_bytes(st, 3),
				     c->week_uses != NULL && c->scope_root >= 0);
		c->uses[s_idx] += u;
		c->month_uses[month - c->m_from] += u;
	}
	store_reset(st);
	return r == SQLITE_DONE ? 0 : store_err(c->db, r, NULL);
}

/* Per-feature uses of the staff in a department scope (the city-wide
 * figures come from usage_day_feature instead): the feature rows, and the
 * "any" rows that stand for their sole feature's row (0029). */
static int read_feature_months(struct calc *c)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(c->db,
			       "SELECT feature_id, month, staff_id, uses, days FROM usage_month_staff"
			       " WHERE feature_id < " USAGE__MONTH_ANY_SQL " AND month BETWEEN ?1 AND ?2"
			       " UNION ALL"
			       " SELECT sole, month, staff_id, uses, days FROM usage_month_staff"
			       " WHERE feature_id = " USAGE__MONTH_ANY_SQL
			       " AND month BETWEEN ?1 AND ?2 AND sole > 0",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, c->m_from);
	sqlite3_bind_int64(st, 2, c->m_to);
	int64_t last_fid = -1;
	struct feature *f = NULL;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t fid = sqlite3_column_int64(st, 0);
		if (fid != last_fid) {
			last_fid = fid;
			f = c->filter_fid < 0 || fid == c->filter_fid ? feature_by_id(c, fid) : NULL;
		}
		if (!f)
			continue;
		int s_idx = staff_index(c, sqlite3_column_int64(st, 2));
		if (s_idx < 0 || !c->staff[s_idx].in_scope)
			continue;
		f->uses += row_uses(c, (int32_t)sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 3),
				    sqlite3_column_blob(st, 4), (size_t)sqlite3_column_bytes(st, 4), 0);
	}
	store_reset(st);
	return r == SQLITE_DONE ? 0 : store_err(c->db, r, NULL);
}

/* Calls fn for every set day in [a, b] of a stored day bitmap; stops
 * early when fn returns non-zero (and returns that). */
static int each_day(int32_t base, const unsigned char *bits, size_t n, int32_t a, int32_t b,
		    int (*fn)(void *ctx, int32_t day), void *ctx)
{
	if (!bits || b < base)
		return 0;
	size_t k0 = a > base ? (size_t)(a - base) / 8 : 0;
	for (size_t k = k0; k < n; k++) {
		if (!bits[k])
			continue;
		for (unsigned bit = 0; bit < 8; bit++) {
			if (!(bits[k] & (1u << bit)))
				continue;
			int32_t day = base + (int32_t)(k * 8 + bit);
			if (day > b)
				return 0;
			int rc = day >= a ? fn(ctx, day) : 0;
			if (rc)
				return rc;
		}
	}
	return 0;
}

struct person_days {
	struct calc *c;
	int s;
};

static int set_person_day(void *ctx, int32_t day)
{
	struct person_days *p = ctx;
	set_bit(p->c, p->s, day);
	return 0;
}

static int found_day(void *ctx, int32_t day)
{
	(void)ctx;
	(void)day;
	return 1;
}

/* Who was active on which day, from the people's day bitmaps. */
static int read_activity(struct calc *c)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(c->db,
			       "SELECT staff_id, base_day, days FROM usage_staff_days"
			       " WHERE feature_id = ?1",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, c->filter_fid < 0 ? 0 : c->filter_fid);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int s = staff_index(c, sqlite3_column_int64(st, 0));
		if (s < 0 || !c->staff[s].in_scope)
			continue;
		struct person_days p = {c, s};
		each_day((int32_t)sqlite3_column_int64(st, 1), sqlite3_column_blob(st, 2),
			 (size_t)sqlite3_column_bytes(st, 2), c->lo, c->hi, set_person_day, &p);
	}
	store_reset(st);
	return r == SQLITE_DONE ? 0 : store_err(c->db, r, NULL);
}

/* Which staff in scope used which feature in the period. */
static int read_feature_users(struct calc *c)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(c->db,
			       "SELECT feature_id, staff_id, base_day, days FROM usage_staff_days"
			       " WHERE feature_id > 0",
			       &st, NULL);
	if (rc)
		return rc;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t fid = sqlite3_column_int64(st, 0);
		if (c->filter_fid >= 0 && fid != c->filter_fid)
			continue;
		struct feature *f = feature_by_id(c, fid);
		int s = f ? staff_index(c, sqlite3_column_int64(st, 1)) : -1;
		if (s < 0 || !c->staff[s].in_scope)
			continue;
		if (each_day((int32_t)sqlite3_column_int64(st, 2), sqlite3_column_blob(st, 3),
			     (size_t)sqlite3_column_bytes(st, 3), c->q->from_day, c->q->to_day, found_day,
			     NULL))
			feature_user(c, f, s);
	}
	store_reset(st);
	return r == SQLITE_DONE ? 0 : store_err(c->db, r, NULL);
}

/* Everyone's uses per day, feature and outcome: features' totals and
 * outcomes, citizens' questions, weekly uses. */
static int read_days(struct calc *c)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(c->db,
			       "SELECT day, feature_id, outcome, uses, staff_uses FROM usage_day_feature"
			       " WHERE day BETWEEN ?1 AND ?2",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, c->q->from_day);
	sqlite3_bind_int64(st, 2, c->q->to_day);
	struct usage_adoption_report *r = c->r;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t day = (int32_t)sqlite3_column_int64(st, 0);
		int64_t fid = sqlite3_column_int64(st, 1);
		const char *outcome = (const char *)sqlite3_column_text(st, 2);
		int64_t uses = sqlite3_column_int64(st, 3);
		struct feature *f = feature_by_id(c, fid);
		if (!f)
			continue;
		int is_answer = strcmp(outcome, "answer") == 0;
		int is_clarify = strcmp(outcome, "clarify") == 0;
		int is_unknown = strcmp(outcome, "unknown") == 0;
		f->all_uses += uses;
		f->answered += is_answer ? uses : 0;
		f->clarify += is_clarify ? uses : 0;
		f->unknown += is_unknown ? uses : 0;
		if (strcmp(f->name, "ask_public") == 0) {
			r->citizen_questions += uses;
			r->citizen_answered += is_answer ? uses : 0;
			r->citizen_clarify += is_clarify ? uses : 0;
			r->citizen_unknown += is_unknown ? uses : 0;
		}
		if (c->scope_root < 0) {
			/* The city's staff uses (the roster-linked part); weeks of a
			 * department scope come from the month rows' days instead. */
			int64_t staff_uses = sqlite3_column_int64(st, 4);
			f->uses += staff_uses;
			if (c->week_uses && (c->filter_fid < 0 || fid == c->filter_fid))
				c->week_uses[(day - c->week0) / 7] += staff_uses;
		}
	}
	store_reset(st);
	return s == SQLITE_DONE ? 0 : store_err(c->db, s, NULL);
}

static int read_first_uses(struct calc *c)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(c->db,
			       "SELECT staff_id, first_day FROM usage_staff_days"
			       " WHERE feature_id = ?3 AND first_day BETWEEN ?1 AND ?2",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, c->q->from_day);
	sqlite3_bind_int64(st, 2, c->q->to_day);
	sqlite3_bind_int64(st, 3, c->filter_fid < 0 ? 0 : c->filter_fid);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int i = staff_index(c, sqlite3_column_int64(st, 0));
		if (i < 0 || !c->staff[i].in_scope)
			continue;
		int32_t m = month_of_day((int32_t)sqlite3_column_int64(st, 1));
		c->r->months[m - c->m_from].new_users++;
	}
	store_reset(st);
	return s == SQLITE_DONE ? 0 : store_err(c->db, s, NULL);
}

/* ---- figures ------------------------------------------------------------- */

static void people_figures(struct calc *c)
{
	struct usage_adoption_report *r = c->r;
	const struct usage_adoption_query *q = c->q;
	for (size_t m = 0; m < r->n_months; m++)
		r->months[m].uses = c->month_uses[m];
	for (size_t i = 0; i < c->n_staff; i++) {
		const struct person *p = &c->staff[i];
		if (!p->in_scope)
			continue;
		int s = (int)i;
		int active = any_bit(c, s, q->from_day, q->to_day);
		int64_t uses = c->uses[i];
		r->roster_eligible++;
		r->tiers[p->tier].eligible++;
		c->depts[p->dept].own_eligible++;
		if (any_bit(c, s, q->to_day - 29, q->to_day))
			r->active_30d++;
		r->uses += uses;
		r->tiers[p->tier].uses += uses;
		c->depts[p->dept].uses += uses;
		if (!active)
			continue;
		r->active++;
		r->tiers[p->tier].active++;
		c->depts[p->dept].active++;
		int b = uses >= 50 ? USAGE_B50 : uses >= 20 ? USAGE_B20_49 : uses >= 10 ? USAGE_B10_19
										  : USAGE_B1_9;
		r->buckets[b].users++;
		int prev = 0;
		for (size_t m = 0; m < r->n_months; m++) {
			int32_t fd = month_first_day(c->m_from + (int32_t)m);
			int32_t ld = month_first_day(c->m_from + (int32_t)m + 1) - 1;
			int cur = any_bit(c, s, fd > q->from_day ? fd : q->from_day,
					  ld < q->to_day ? ld : q->to_day);
			r->months[m].active += cur;
			if (m > 0 && prev && cur)
				r->months[m - 1].retained++;
			prev = cur;
		}
		for (size_t w = 0; w < r->n_weeks; w++) {
			int32_t a = c->week0 + (int32_t)w * 7;
			r->weeks[w].active += any_bit(c, s, a, a + 6 < q->to_day ? a + 6 : q->to_day);
		}
	}
	for (int b = 0; b < USAGE_BUCKETS; b++)
		r->buckets[b].share = r->active ? (double)r->buckets[b].users / (double)r->active : 0;
	if (r->n_months)
		r->months[r->n_months - 1].retained = -1;
}

/* Merges small groups: each child under USAGE_SMALL_GROUP, then the
 * smallest remaining ones while the merged remainder (the parent's own
 * staff plus what was merged) is non-zero but still under the limit. */
static void suppress_children(struct calc *c, int parent, int64_t own)
{
	int64_t residual = own;
	int merged = 0;
	for (size_t i = 0; i < c->n_depts; i++) {
		struct dept *d = &c->depts[i];
		if (d->parent != parent || !d->in_scope || (int)i == c->scope_root || !d->eligible)
			continue;
		if (d->eligible < USAGE_SMALL_GROUP) {
			d->hidden = 1;
			residual += d->eligible;
			merged++;
		}
	}
	while (residual > 0 && residual < USAGE_SMALL_GROUP) {
		int best = -1;
		for (size_t i = 0; i < c->n_depts; i++) {
			struct dept *d = &c->depts[i];
			if (d->parent != parent || !d->in_scope || d->hidden || (int)i == c->scope_root ||
			    !d->eligible)
				continue;
			if (best < 0 || d->eligible < c->depts[best].eligible)
				best = (int)i;
		}
		if (best < 0)
			break;
		c->depts[best].hidden = 1;
		residual += c->depts[best].eligible;
		merged++;
	}
	if (parent >= 0)
		c->depts[parent].merged = merged;
}

static void department_figures(struct calc *c)
{
	for (size_t i = 0; i < c->n_depts; i++) {
		struct dept *d = &c->depts[i];
		d->eligible = d->own_eligible;
	}
	/* Children follow their parents in path order: add bottom-up. */
	for (size_t i = c->n_depts; i-- > 0;) {
		struct dept *d = &c->depts[i];
		if (!d->in_scope || (int)i == c->scope_root || d->parent < 0)
			continue;
		struct dept *p = &c->depts[d->parent];
		p->eligible += d->eligible;
		p->active += d->active;
		p->uses += d->uses;
	}
	if (c->scope_root < 0)
		suppress_children(c, -1, 0);
	for (size_t i = 0; i < c->n_depts; i++) {
		struct dept *d = &c->depts[i];
		if (d->parent >= 0 && c->depts[d->parent].hidden && (int)i != c->scope_root)
			d->hidden = 1;
		if (d->in_scope && !d->hidden && d->eligible)
			suppress_children(c, (int)i, d->own_eligible);
	}
	struct usage_adoption_report *r = c->r;
	r->departments = yk_xcalloc(c->n_depts + 1, sizeof(*r->departments));
	for (size_t i = 0; i < c->n_depts; i++) {
		const struct dept *d = &c->depts[i];
		if (!d->in_scope || d->hidden || !d->eligible)
			continue;
		struct usage_dept_row *o = &r->departments[r->n_departments++];
		o->id = d->id;
		o->parent_id = d->parent_id;
		yk_strlcpy(o->path, d->path, sizeof(o->path));
		o->depth = d->depth;
		o->eligible = d->eligible;
		o->active = d->active;
		o->uses = d->uses;
		o->merged = d->merged;
	}
}

static void tier_figures(struct calc *c)
{
	struct usage_tier_row *t = c->r->tiers;
	int64_t residual = 0;
	for (int i = 0; i < USAGE_TIERS; i++) {
		t[i].tier = tier_names[i];
		if (t[i].eligible > 0 && t[i].eligible < USAGE_SMALL_GROUP) {
			t[i].suppressed = 1;
			residual += t[i].eligible;
		}
	}
	while (residual > 0 && residual < USAGE_SMALL_GROUP) {
		int best = -1;
		for (int i = 0; i < USAGE_TIERS; i++)
			if (!t[i].suppressed && t[i].eligible > 0 &&
			    (best < 0 || t[i].eligible < t[best].eligible))
				best = i;
		if (best < 0)
			break;
		t[best].suppressed = 1;
		residual += t[best].eligible;
	}
	for (int i = 0; i < USAGE_TIERS; i++)
		if (t[i].suppressed)
			t[i].active = t[i].uses = 0;
}

static int cmp_feature_rows(const void *a, const void *b)
{
	const struct usage_feature_row *x = a, *y = b;
	int64_t kx = x->all_uses >= 0 ? x->all_uses : x->uses;
	int64_t ky = y->all_uses >= 0 ? y->all_uses : y->uses;
	if (kx != ky)
		return kx > ky ? -1 : 1;
	return strcmp(x->name, y->name);
}

static size_t popcount_set(const uint64_t *set, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < (n + 63) / 64; i++)
		k += (size_t)__builtin_popcountll(set[i]);
	return k;
}

static void feature_figures(struct calc *c)
{
	struct usage_adoption_report *r = c->r;
	r->features = yk_xcalloc(c->n_features + 1, sizeof(*r->features));
	for (size_t i = 0; i < c->n_features; i++) {
		struct feature *f = &c->features[i];
		if (c->filter_fid >= 0 && f->id != c->filter_fid)
			continue;
		if (!f->uses && !f->all_uses && !f->users)
			continue;
		struct usage_feature_row *o = &r->features[r->n_features++];
		yk_strlcpy(o->name, f->name, sizeof(o->name));
		o->uses = f->uses;
		o->users = f->users ? (int64_t)popcount_set(f->users, c->n_staff) : 0;
		o->all_uses = c->scope_root < 0 ? f->all_uses : -1;
		o->answered = f->answered;
		o->clarify = f->clarify;
		o->unknown = f->unknown;
	}
	qsort(r->features, r->n_features, sizeof(*r->features), cmp_feature_rows);
}

/* ---- the report ---------------------------------------------------------- */

static int cmp_template_rows(const void *a, const void *b)
{
	const struct usage_template_row *x = a, *y = b;
	if (x->uses != y->uses)
		return x->uses > y->uses ? -1 : 1;
	if (x->all_uses != y->all_uses)
		return x->all_uses > y->all_uses ? -1 : 1;
	return x->template_id < y->template_id ? -1 : x->template_id > y->template_id;
}

/* Uses and distinct staff per prompt template in the period, from
 * usage_template_day (one row per day, template and person). Only for every
 * feature or the feature "template". */
static int read_templates(struct calc *c)
{
	const char *feat = c->q->feature;
	struct usage_adoption_report *r = c->r;
	if (feat && *feat && strcmp(feat, "template") != 0)
		return 0;
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(c->db,
			    "SELECT template_id, staff_id, sum(uses) FROM usage_template_day"
			    " WHERE day BETWEEN ?1 AND ?2 GROUP BY template_id, staff_id",
			    &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, c->q->from_day);
	sqlite3_bind_int64(st, 2, c->q->to_day);
	size_t cap = 0;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t tid = sqlite3_column_int64(st, 0), staff = sqlite3_column_int64(st, 1);
		int64_t uses = sqlite3_column_int64(st, 2);
		/* Grouped by template first: a new id starts a new row. */
		if (!r->n_templates || r->templates[r->n_templates - 1].template_id != tid) {
			if (r->n_templates == cap) {
				cap = cap ? cap * 2 : 16;
				r->templates = yk_xrealloc(r->templates, cap * sizeof(*r->templates));
			}
			r->templates[r->n_templates++] = (struct usage_template_row){tid, "", 0, 0, 0};
		}
		struct usage_template_row *t = &r->templates[r->n_templates - 1];
		t->all_uses += uses;
		int i = staff > 0 ? staff_index(c, staff) : -1;
		if (i >= 0 && c->staff[i].in_scope) {
			t->uses += uses;
			t->users++;
		}
	}
	if (s != SQLITE_DONE)
		rc = store_err(c->db, s, NULL);
	store_reset(st);
	if (rc)
		return rc;
	if (c->scope_root >= 0) {
		/* Under a department scope only its staff's uses are shown. */
		size_t k = 0;
		for (size_t i = 0; i < r->n_templates; i++)
			if (r->templates[i].uses > 0) {
				r->templates[k] = r->templates[i];
				r->templates[k++].all_uses = -1;
			}
		r->n_templates = k;
	}
	if (r->n_templates)
		qsort(r->templates, r->n_templates, sizeof(*r->templates), cmp_template_rows);
	return 0;
}

static void calc_release(struct calc *c)
{
	for (size_t i = 0; i < c->n_features; i++)
		free(c->features[i].users);
	free(c->features);
	free(c->depts);
	free(c->staff);
	free(c->by_id);
	free(c->direct);
	free(c->bits);
	free(c->uses);
	free(c->month_uses);
	free(c->week_uses);
}

static int check_query(const struct usage_adoption_query *q, struct yk_errinfo *ei)
{
	if (q->to_day < q->from_day) {
		yk_errinfo_at(ei, NULL, 0, "to");
		return yk_errinfo_set(ei, YK_EINVAL, "終了日が開始日より前です");
	}
	if ((int64_t)q->to_day - q->from_day + 1 > USAGE_PERIOD_DAYS_MAX) {
		yk_errinfo_at(ei, NULL, 0, "from");
		return yk_errinfo_set(ei, YK_EINVAL, "期間が長すぎます（%d 日まで）",
				      USAGE_PERIOD_DAYS_MAX);
	}
	if (q->feature && strlen(q->feature) > USAGE_FEATURE_MAX) {
		yk_errinfo_at(ei, NULL, 0, "feature");
		return yk_errinfo_set(ei, YK_EINVAL, "機能の指定が長すぎます");
	}
	return 0;
}

/* Sets up the calculation up to the per-staff figures (shared by the
 * report and the per-person list). Inside a read transaction. */
static int calc_run(struct calc *c)
{
	const struct usage_adoption_query *q = c->q;
	struct usage_adoption_report *r = c->r;
	int rc;
	if ((rc = load_roster(c)) || (rc = load_features(c)))
		return rc;
	if (c->scope_root >= 0) {
		int64_t n = 0;
		for (size_t i = 0; i < c->n_staff; i++)
			n += c->staff[i].in_scope;
		if (n < USAGE_SMALL_GROUP) {
			yk_errinfo_at(c->ei, NULL, 0, "department");
			return yk_errinfo_set(c->ei, YK_EFORBIDDEN,
					      "対象の職員が %d 人未満の所属は、個別には表示できません",
					      USAGE_SMALL_GROUP);
		}
		yk_strlcpy(r->department, c->depts[c->scope_root].path, sizeof(r->department));
	}
	c->lo = q->from_day < q->to_day - 29 ? q->from_day : q->to_day - 29;
	c->hi = q->to_day;
	c->words = ((size_t)(c->hi - c->lo) + 1 + 63) / 64;
	c->bits = yk_xcalloc(c->n_staff * c->words + 1, sizeof(uint64_t));
	c->uses = yk_xcalloc(c->n_staff + 1, sizeof(int64_t));
	c->m_from = month_of_day(q->from_day);
	c->m_to = month_of_day(q->to_day);
	r->n_months = (size_t)(c->m_to - c->m_from + 1);
	r->months = yk_xcalloc(r->n_months, sizeof(*r->months));
	for (size_t m = 0; m < r->n_months; m++)
		r->months[m].month = c->m_from + (int32_t)m;
	c->month_uses = yk_xcalloc(r->n_months, sizeof(int64_t));
	c->week0 = q->from_day - usage_day_weekday(q->from_day);
	r->n_weeks = (size_t)((q->to_day - c->week0) / 7 + 1);
	r->weeks = yk_xcalloc(r->n_weeks, sizeof(*r->weeks));
	for (size_t w = 0; w < r->n_weeks; w++) {
		r->weeks[w].start_day = c->week0 + (int32_t)w * 7;
		r->weeks[w].uses = -1;
	}
	if (!q->headline_only)
		c->week_uses = yk_xcalloc(r->n_weeks, sizeof(int64_t));
	/* filter_fid 0: a feature name never seen, so nothing to read. */
	if (c->filter_fid != 0 && ((rc = read_activity(c)) || (rc = read_months(c))))
		return rc;
	if (!q->headline_only && c->filter_fid != 0 &&
	    ((rc = read_days(c)) || (rc = read_first_uses(c)) || (rc = read_feature_users(c)) ||
	     (c->scope_root >= 0 && (rc = read_feature_months(c)))))
		return rc;
	people_figures(c);
	if (c->week_uses)
		for (size_t w = 0; w < r->n_weeks; w++)
			r->weeks[w].uses = c->week_uses[w];
	if (r->weeks[0].start_day < q->from_day)
		r->weeks[0].start_day = q->from_day;
	return 0;
}

static int ignore_staff(void *ctx, const struct auth_staff *s)
{
	(void)ctx;
	(void)s;
	return 0;
}

struct left_count {
	int32_t from_day;
	int64_t n;
};

static int count_eligible(void *ctx, const struct auth_staff *s)
{
	struct left_count *lc = ctx;
	lc->n += eligible_in(s, lc->from_day);
	return 0;
}

/* The headline of the whole city over every feature needs no per-person
 * uses: the roster's size, the people's day bitmaps and the day totals. */
static int headline_fast(struct calc *c)
{
	struct usage_adoption_report *r = c->r;
	const struct usage_adoption_query *q = c->q;
	int64_t total = 0, with_left = 0;
	int rc = auth_staff_list(c->db, NULL, 0, 1, ignore_staff, NULL, &total);
	if (rc || (rc = auth_staff_query(c->db, NULL, AUTH_STAFF_INCLUDE_LEFT, 0, 1, ignore_staff,
					 NULL, &with_left)))
		return rc;
	if (with_left > total) {
		/* Someone left: those who left during the period count too. */
		struct left_count lc = {q->from_day, 0};
		if ((rc = auth_staff_query(c->db, NULL, AUTH_STAFF_INCLUDE_LEFT, 0, INT32_MAX,
					   count_eligible, &lc, &with_left)))
			return rc;
		total = lc.n;
	}
	r->roster_eligible = total;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(c->db, "SELECT base_day, days FROM usage_staff_days WHERE feature_id = 0",
				&st, NULL)))
		return rc;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t base = (int32_t)sqlite3_column_int64(st, 0);
		const unsigned char *bits = sqlite3_column_blob(st, 1);
		size_t n = (size_t)sqlite3_column_bytes(st, 1);
		r->active += each_day(base, bits, n, q->from_day, q->to_day, found_day, NULL);
		r->active_30d += each_day(base, bits, n, q->to_day - 29, q->to_day, found_day, NULL);
	}
	store_reset(st);
	if (s != SQLITE_DONE)
		return store_err(c->db, s, NULL);
	if ((rc = store_stmt(c->db,
				"SELECT coalesce(sum(staff_uses), 0) FROM usage_day_feature"
				" WHERE day BETWEEN ?1 AND ?2",
				&st, NULL)))
		return rc;
	sqlite3_bind_int64(st, 1, q->from_day);
	sqlite3_bind_int64(st, 2, q->to_day);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		r->uses = sqlite3_column_int64(st, 0);
	store_reset(st);
	return s == SQLITE_ROW ? 0 : store_err(c->db, s, NULL);
}

int usage_adoption_report(struct store *db, const struct usage_adoption_query *q,
			  struct usage_adoption_report **out, struct yk_errinfo *ei)
{
	*out = NULL;
	int rc = check_query(q, ei);
	if (rc || (rc = usage_rollup_update(db, ei)))
		return rc;
	struct usage_adoption_report *r = yk_xcalloc(1, sizeof(*r));
	struct calc c;
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.q = q;
	c.r = r;
	c.ei = ei;
	r->from_day = q->from_day;
	r->to_day = q->to_day;
	r->department_id = q->department_id;
	if (q->feature)
		yk_strlcpy(r->feature, q->feature, sizeof(r->feature));
	for (int b = 0; b < USAGE_BUCKETS; b++)
		r->buckets[b].label = bucket_labels[b];
	for (int t = 0; t < USAGE_TIERS; t++)
		r->tiers[t].tier = tier_names[t];
	/* One read transaction: every figure from the same snapshot. */
	if ((rc = store_exec(db, "BEGIN", ei)))
		goto out;
	if (q->headline_only && !q->department_id && !(q->feature && *q->feature))
		rc = headline_fast(&c);
	else
		rc = calc_run(&c);
	if (!rc && !q->headline_only)
		rc = read_templates(&c);
	if (!rc && !q->headline_only) {
		department_figures(&c);
		tier_figures(&c);
		feature_figures(&c);
	}
	if (store_exec(db, rc ? "ROLLBACK" : "COMMIT", NULL) != 0 && !rc)
		rc = YK_EDB;
	if (rc)
		goto out;
	r->eligible = r->roster_eligible;
	int64_t setting = c.scope_root < 0 ? store_setting_int(db, "eligible_staff") : 0;
	if (setting > 0) {
		r->eligible = setting;
		r->eligible_from_setting = 1;
	}
	r->active_rate = r->eligible ? (double)r->active / (double)r->eligible : 0;
	r->minutes_per_use = store_setting_int(db, "usage_minutes_per_use");
out:
	calc_release(&c);
	if (rc)
		usage_adoption_report_free(r);
	else
		*out = r;
	return rc;
}

void usage_adoption_report_free(struct usage_adoption_report *r)
{
	if (!r)
		return;
	free(r->departments);
	free(r->features);
	free(r->months);
	free(r->weeks);
	free(r->templates);
	free(r);
}

/* ---- per person ------------------------------------------------------------ */

struct people_walk {
	struct calc *c;
	int (*fn)(void *ctx, const struct usage_person_row *row);
	void *ctx;
};

static int emit_person(void *ctx, const struct auth_staff *s)
{
	struct people_walk *w = ctx;
	int i = staff_index(w->c, s->id);
	if (i < 0 || !w->c->staff[i].in_scope || !w->c->uses[i])
		return 0;
	struct usage_person_row row = {s->employee_no, s->name, s->department_path, w->c->uses[i]};
	return w->fn(w->ctx, &row);
}

int usage_adoption_people(struct store *db, const struct usage_adoption_query *q,
			  int (*fn)(void *ctx, const struct usage_person_row *row), void *ctx,
			  struct yk_errinfo *ei)
{
	int rc = check_query(q, ei);
	if (rc || (rc = usage_rollup_update(db, ei)))
		return rc;
	struct usage_adoption_report *r = yk_xcalloc(1, sizeof(*r));
	struct usage_adoption_query hq = *q;
	hq.headline_only = 1;
	struct calc c;
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.q = &hq;
	c.r = r;
	c.ei = ei;
	if ((rc = store_exec(db, "BEGIN", ei)))
		goto out;
	rc = calc_run(&c);
	if (!rc) {
		struct people_walk w = {&c, fn, ctx};
		int64_t total;
		rc = auth_staff_query(db, NULL, AUTH_STAFF_INCLUDE_LEFT, 0, INT32_MAX, emit_person, &w,
				      &total);
	}
	if (store_exec(db, rc ? "ROLLBACK" : "COMMIT", NULL) != 0 && !rc)
		rc = YK_EDB;
out:
	calc_release(&c);
	usage_adoption_report_free(r);
	return rc;
}
