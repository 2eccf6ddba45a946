/* usage: the roll-ups behind 活用状況. Events are folded by id: every
 * event above usage_rollup_state.last_event_id is read once (with its
 * staff link: the event's own staff_id, else the user's users.staff_id),
 * grouped in memory and upserted into usage_month_staff (per month, staff
 * member and feature), usage_day_feature (per day, feature and outcome)
 * and usage_staff_days (a bitmap of the days each person used anything,
 * merged with the stored one). A person-month of one feature is one
 * month row, the "any" row naming that feature in sole (migration 0029,
 * flush_months). The report folds
 * before it reads, so the roll-ups never lag behind; the importer folds
 * its own rows in its transaction. Reads users.staff_id (auth's link from
 * an account to the roster) and nothing else outside usage's tables. */
#include <string.h>

#include "usage/usage_int.h"
#include "core/banned.h"

/* ---- a small open-addressing hash of (a, b) -> (v1, v2) ---------------- */

struct slot {
	int64_t a, b, v1, v2;
	int64_t v3; /* month "any" rows: the one feature folded (0: several) */
	int used;
};

struct table {
	struct slot *s;
	size_t cap, n;
};

static uint64_t mix(int64_t a, int64_t b)
{
	uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15ull ^ ((uint64_t)b + 0x632BE59BD9B4E019ull);
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9ull;
	return h ^ (h >> 29);
}

static struct slot *table_get(struct table *t, int64_t a, int64_t b, int *fresh)
{
	if ((t->n + 1) * 4 >= t->cap * 3) {
		size_t ncap = t->cap ? t->cap * 2 : 1024;
		struct slot *ns = yk_xcalloc(ncap, sizeof(*ns));
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->s[i].used)
				continue;
			size_t j = mix(t->s[i].a, t->s[i].b) & (ncap - 1);
			while (ns[j].used)
				j = (j + 1) & (ncap - 1);
			ns[j] = t->s[i];
		}
		free(t->s);
		t->s = ns;
		t->cap = ncap;
	}
	size_t j = mix(a, b) & (t->cap - 1);
	while (t->s[j].used) {
		if (t->s[j].a == a && t->s[j].b == b) {
			*fresh = 0;
			return &t->s[j];
		}
		j = (j + 1) & (t->cap - 1);
	}
	t->s[j].used = 1;
	t->s[j].a = a;
	t->s[j].b = b;
	t->n++;
	*fresh = 1;
	return &t->s[j];
}

static struct slot *table_find(const struct table *t, int64_t a, int64_t b)
{
	if (!t->cap)
		return NULL;
	size_t j = mix(a, b) & (t->cap - 1);
	while (t->s[j].used) {
		if (t->s[j].a == a && t->s[j].b == b)
			return &t->s[j];
		j = (j + 1) & (t->cap - 1);
	}
	return NULL;
}

/* ---- fold -------------------------------------------------------------- */

#define FOLD_OUTCOMES_MAX 32
/* Bitmaps span at most this many days (older or newer days of one person
 * are counted in uses but not in the bitmap). */
#define DAY_SPAN_MAX (100 * 366)

/* One person's days of one feature (0: any), bit i = base + i; base is a
 * multiple of 8. */
struct day_bits {
	int64_t feature_id, staff_id;
	int32_t base, first;
	size_t nbytes;
	unsigned char *bits;
};

static int32_t floor8(int32_t d)
{
	return d >= 0 ? d - d % 8 : d - ((d % 8) + 8) % 8;
}

/* Sets day in b, growing it at either end; 0 when it would pass the span. */
static int day_bits_set(struct day_bits *b, int32_t day)
{
	if (!b->bits) {
		b->base = floor8(day);
		b->first = day;
		b->nbytes = 8;
		b->bits = yk_xcalloc(b->nbytes, 1);
	}
	if (day < b->first)
		b->first = day;
	if (day < b->base) {
		int32_t nb = floor8(day);
		size_t shift = (size_t)(b->base - nb) / 8;
		if ((b->nbytes + shift) * 8 > DAY_SPAN_MAX)
			return 0;
		unsigned char *n = yk_xcalloc(b->nbytes + shift, 1);
		memcpy(n + shift, b->bits, b->nbytes);
		free(b->bits);
		b->bits = n;
		b->nbytes += shift;
		b->base = nb;
	}
	size_t i = (size_t)(day - b->base);
	if (i / 8 >= b->nbytes) {
		size_t need = i / 8 + 1, cap = b->nbytes * 2 > need ? b->nbytes * 2 : need;
		if (cap * 8 > DAY_SPAN_MAX)
			cap = need;
		if (cap * 8 > DAY_SPAN_MAX)
			return 0;
		b->bits = yk_xrealloc(b->bits, cap);
		memset(b->bits + b->nbytes, 0, cap - b->nbytes);
		b->nbytes = cap;
	}
	b->bits[i / 8] |= (unsigned char)(1u << (i % 8));
	return 1;
}

/* Sets every day of a stored bitmap (bit i = base + i) into b: byte by
 * byte once b spans the stored days, else (a base not a multiple of 8, or
 * more than the span) day by day. */
static void day_bits_merge(struct day_bits *b, int32_t base, const unsigned char *old, size_t n)
{
	size_t lo = 0, hi = n;
	while (old && lo < hi && !old[lo])
		lo++;
	while (old && hi > lo && !old[hi - 1])
		hi--;
	if (!old || lo == hi)
		return;
	int32_t first = base + (int32_t)(lo * 8) + __builtin_ctz(old[lo]);
	int32_t last = base + (int32_t)((hi - 1) * 8) + 31 - __builtin_clz(old[hi - 1]);
	if (floor8(base) == base && day_bits_set(b, first) && day_bits_set(b, last)) {
		/* b->base <= floor8(first) = base + 8 lo, and last is inside b. */
		size_t off = (size_t)(base + (int32_t)(lo * 8) - b->base) / 8;
		for (size_t k = lo; k < hi; k++)
			b->bits[off + k - lo] |= old[k];
		return;
	}
	for (size_t k = lo; k < hi; k++)
		for (unsigned bit = 0; bit < 8; bit++)
			if (old[k] & (1u << bit))
				day_bits_set(b, base + (int32_t)(k * 8 + bit));
}

struct usage_fold {
	struct table month;  /* (feature or 0 << 20 | month, staff) -> uses, index into counts */
	uint16_t (*counts)[31]; /* uses per day of the month, per month slot */
	size_t n_counts, cap_counts;
	struct table day;    /* (day<<20 | feature, outcome) -> uses, staff uses */
	struct table people; /* (feature or 0, staff) -> index into bits */
	struct table templates; /* (day<<40 | template, staff or 0) -> uses */
	struct day_bits *bits;
	size_t n_bits, cap_bits;
	/* Feature name cache: the few names seen in this fold. */
	char names[USAGE_FEATURES_MAX][USAGE_FEATURE_MAX + 1];
	int64_t name_ids[USAGE_FEATURES_MAX];
	size_t n_names;
	char outcomes[FOLD_OUTCOMES_MAX][24];
	size_t n_outcomes;
};

struct usage_fold *usage__fold_new(void)
{
	return yk_xcalloc(1, sizeof(struct usage_fold));
}

void usage__fold_free(struct usage_fold *f)
{
	if (!f)
		return;
	free(f->month.s);
	free(f->counts);
	free(f->day.s);
	free(f->people.s);
	free(f->templates.s);
	for (size_t i = 0; i < f->n_bits; i++)
		free(f->bits[i].bits);
	free(f->bits);
	free(f);
}

int usage__feature_id(struct store *db, const char *name, size_t len, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "INSERT INTO usage_features(name) VALUES (?1) ON CONFLICT(name) DO NOTHING",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, (int)len, SQLITE_STATIC);
	int s = sqlite3_step(st);
	store_reset(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, NULL);
	if ((rc = store_stmt(db, "SELECT id FROM usage_features WHERE name = ?1", &st, NULL)))
		return rc;
	sqlite3_bind_text(st, 1, name, (int)len, SQLITE_STATIC);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_reset(st);
	if (s == SQLITE_ROW && (*id <= 0 || *id >= USAGE__MONTH_ANY))
		return YK_ELIMIT;
	return s == SQLITE_ROW ? 0 : store_err(db, s, NULL);
}

static int feature_slot(struct store *db, struct usage_fold *f, const char *name, size_t len,
			int64_t *id)
{
	for (size_t i = 0; i < f->n_names; i++)
		if (strlen(f->names[i]) == len && memcmp(f->names[i], name, len) == 0) {
			*id = f->name_ids[i];
			return 0;
		}
	if (len == 0 || len > USAGE_FEATURE_MAX)
		return YK_EINVAL;
	if (f->n_names >= USAGE_FEATURES_MAX)
		return YK_ELIMIT;
	int rc = usage__feature_id(db, name, len, id);
	if (rc)
		return rc;
	memcpy(f->names[f->n_names], name, len);
	f->names[f->n_names][len] = '\0';
	f->name_ids[f->n_names++] = *id;
	return 0;
}

static int64_t outcome_slot(struct usage_fold *f, const char *outcome)
{
	if (!outcome || !*outcome)
		outcome = "ok";
	for (size_t i = 0; i < f->n_outcomes; i++)
		if (strcmp(f->outcomes[i], outcome) == 0)
			return (int64_t)i;
	if (f->n_outcomes >= FOLD_OUTCOMES_MAX || strlen(outcome) >= sizeof(f->outcomes[0]))
		return outcome_slot(f, "other");
	yk_strlcpy(f->outcomes[f->n_outcomes], outcome, sizeof(f->outcomes[0]));
	return (int64_t)f->n_outcomes++;
}

/* Template ids share a key with the day (day << 40 | id). */
#define TEMPLATE_ID_MAX ((INT64_C(1) << 40) - 1)

int64_t usage__fold_outcome(struct usage_fold *f, const char *outcome)
{
	return outcome_slot(f, outcome);
}

void usage__fold_add_id(struct usage_fold *f, int64_t at, int64_t staff_id, int64_t feature_id,
			int64_t outcome, int64_t template_id)
{
	int32_t day = usage_day_of(at);
	int y, m, d, fresh;
	usage_day_civil(day, &y, &m, &d);
	int64_t month = (int64_t)y * 12 + (m - 1);
	struct slot *s = table_get(&f->day, ((int64_t)day << 20) | feature_id, outcome, &fresh);
	s->v1++;
	if (staff_id > 0)
		s->v2++;
	if (template_id > 0 && template_id <= TEMPLATE_ID_MAX)
		table_get(&f->templates, ((int64_t)day << 40) | template_id,
			  staff_id > 0 ? staff_id : 0, &fresh)->v1++;
	if (staff_id <= 0)
		return;
	for (int k = 0; k < 2; k++) {
		s = table_get(&f->month, ((k ? feature_id : 0) << 20) | month, staff_id, &fresh);
		if (fresh) {
			if (f->n_counts == f->cap_counts) {
				f->cap_counts = f->cap_counts ? f->cap_counts * 2 : 1024;
				f->counts = yk_xrealloc(f->counts, f->cap_counts * sizeof(*f->counts));
			}
			memset(f->counts[f->n_counts], 0, sizeof(f->counts[0]));
			s->v2 = (int64_t)f->n_counts++;
			s->v3 = feature_id;
		} else if (!k && s->v3 != feature_id) {
			s->v3 = 0;
		}
		s->v1++;
		if (f->counts[s->v2][d - 1] < UINT16_MAX)
			f->counts[s->v2][d - 1]++;
	}
	for (int k = 0; k < 2; k++) {
		int64_t key = k ? feature_id : 0;
		s = table_get(&f->people, key, staff_id, &fresh);
		if (fresh) {
			if (f->n_bits == f->cap_bits) {
				f->cap_bits = f->cap_bits ? f->cap_bits * 2 : 256;
				f->bits = yk_xrealloc(f->bits, f->cap_bits * sizeof(*f->bits));
			}
			s->v1 = (int64_t)f->n_bits;
			f->bits[f->n_bits++] = (struct day_bits){key, staff_id, 0, 0, 0, NULL};
		}
		day_bits_set(&f->bits[s->v1], day);
	}
}

int usage__fold_add(struct store *db, struct usage_fold *f, int64_t at, int64_t staff_id,
		    const char *feature, size_t feature_len, const char *outcome,
		    int64_t template_id)
{
	int64_t fid;
	int rc = feature_slot(db, f, feature, feature_len, &fid);
	if (rc)
		return rc;
	usage__fold_add_id(f, at, staff_id, fid, outcome_slot(f, outcome), template_id);
	return 0;
}

int usage__fold_pending(struct store *db, struct usage_fold *f, int64_t *last)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT last_event_id FROM usage_rollup_state WHERE id = 1", &st,
			       NULL);
	if (rc)
		return rc;
	int s = sqlite3_step(st);
	*last = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	store_reset(st);
	if ((rc = store_stmt(db,
				"SELECT e.id, e.at, coalesce(e.staff_id, u.staff_id, sl.id), e.feature, e.outcome,"
				" e.template_id"
				" FROM usage_events e LEFT JOIN users u ON u.id = e.user_id"
				" LEFT JOIN staff sl ON sl.employee_no = u.login"
				" WHERE e.id > ?1 ORDER BY e.id",
				&st, NULL)))
		return rc;
	sqlite3_bind_int64(st, 1, *last);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		*last = sqlite3_column_int64(st, 0);
		const char *feat = (const char *)sqlite3_column_text(st, 3);
		size_t flen = (size_t)sqlite3_column_bytes(st, 3);
		if (!feat || flen == 0 || flen > USAGE_FEATURE_MAX) {
			feat = "other";
			flen = 5;
		}
		int64_t tid = sqlite3_column_int64(st, 5);
		rc = usage__fold_add(db, f, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
				     feat, flen, (const char *)sqlite3_column_text(st, 4), tid);
		if (rc == YK_ELIMIT) /* too many distinct names: count them together */
			rc = usage__fold_add(db, f, sqlite3_column_int64(st, 1),
					     sqlite3_column_int64(st, 2), "other", 5,
					     (const char *)sqlite3_column_text(st, 4), tid);
		if (rc)
			break;
	}
	if (!rc && s != SQLITE_DONE && s != SQLITE_ROW)
		rc = store_err(db, s, NULL);
	store_reset(st);
	return rc;
}

/* Orders slots by key (a, then b). */
static int cmp_slot_key(const void *x, const void *y)
{
	const struct slot *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* Rows per statement of an upsert: one statement of UPSERT_BATCH rows
 * costs far less than as many one-row statements (the step, the reset and
 * the statement's prologue once, not per row). */
#define UPSERT_BATCH 32
#define ROWS4(r) r "," r "," r "," r
#define ROWS32(r) ROWS4(ROWS4(r)) "," ROWS4(ROWS4(r))

/* An upsert: the same statement for one row and for UPSERT_BATCH rows;
 * bind sets the ncols parameters of one row from base + 1 on. */
struct upsert {
	const char *one, *many;
	int ncols;
	void (*bind)(sqlite3_stmt *st, int base, const struct slot *s, const void *ctx);
};

/* Upserts the n slots of order, which are sorted by key: the order of the
 * table's primary key, so that the B-tree is walked once from left to
 * right instead of at random (a fold of a large import spent most of its
 * upsert time on page seeks before). */
static int upsert_sorted(struct store *db, const struct upsert *u, const struct slot *order,
			 size_t n, const void *ctx)
{
	if (!n)
		return 0;
	sqlite3_stmt *one = NULL, *many = NULL;
	int rc = store_stmt(db, u->one, &one, NULL);
	if (rc || (n >= UPSERT_BATCH && (rc = store_stmt(db, u->many, &many, NULL))))
		return rc;
	size_t i = 0;
	for (; !rc && i + UPSERT_BATCH <= n; i += UPSERT_BATCH) {
		for (int k = 0; k < UPSERT_BATCH; k++)
			u->bind(many, k * u->ncols, &order[i + (size_t)k], ctx);
		rc = store_step_done(db, many, NULL);
	}
	for (; !rc && i < n; i++) {
		u->bind(one, 0, &order[i], ctx);
		rc = store_step_done(db, one, NULL);
	}
	store_reset(one);
	if (many)
		store_reset(many);
	return rc;
}

/* The used slots of t copied out and sorted by key (caller frees). */
static struct slot *sorted_slots(const struct table *t)
{
	struct slot *order = yk_xmalloc((t->n ? t->n : 1) * sizeof(*order));
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++)
		if (t->s[i].used)
			order[n++] = t->s[i];
	qsort(order, n, sizeof(*order), cmp_slot_key);
	return order;
}

/* Upserts every slot of t in key order. */
static int run_upserts(struct store *db, const struct upsert *u, const struct table *t,
		       const void *ctx)
{
	if (!t->n)
		return 0;
	struct slot *order = sorted_slots(t);
	int rc = upsert_sorted(db, u, order, t->n, ctx);
	free(order);
	return rc;
}

/* The days of a month row end with the last day that has a use (its
 * readers take missing days as 0): a row of one use early in the month is
 * a few bytes instead of 62, and an import writes hundreds of thousands. */
static void bind_month(sqlite3_stmt *st, int base, const struct slot *s, const void *ctx)
{
	const struct usage_fold *f = ctx;
	const uint16_t *count = f->counts[s->v2];
	int ndays = 31;
	while (ndays > 1 && !count[ndays - 1])
		ndays--;
	unsigned char blob[62];
	for (int d = 0; d < ndays; d++) {
		blob[2 * d] = (unsigned char)(count[d] & 0xFF);
		blob[2 * d + 1] = (unsigned char)(count[d] >> 8);
	}
	sqlite3_bind_int64(st, base + 1, s->a >> 20 ? s->a >> 20 : USAGE__MONTH_ANY);
	sqlite3_bind_int64(st, base + 2, s->a & 0xFFFFF);
	sqlite3_bind_int64(st, base + 3, s->b);
	sqlite3_bind_int64(st, base + 4, s->v1);
	sqlite3_bind_blob(st, base + 5, blob, ndays * 2, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, base + 6, s->a >> 20 ? 0 : s->v3);
}

/* usage_add_days(a, b): two per-day use counts added element by element
 * (saturating), for the month roll-up's upsert. */
static void add_days_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *a = sqlite3_value_blob(argv[0]);
	int na = sqlite3_value_bytes(argv[0]);
	const unsigned char *b = sqlite3_value_blob(argv[1]);
	int nb = sqlite3_value_bytes(argv[1]);
	unsigned char out[62];
	int n = na > nb ? na : nb;
	if (n > (int)sizeof(out))
		n = (int)sizeof(out);
	n &= ~1;
	for (int i = 0; i < n; i += 2) {
		unsigned x = i + 1 < na && a ? (unsigned)a[i] | (unsigned)a[i + 1] << 8 : 0;
		unsigned y = i + 1 < nb && b ? (unsigned)b[i] | (unsigned)b[i + 1] << 8 : 0;
		unsigned v = x + y > 0xFFFF ? 0xFFFF : x + y;
		out[i] = (unsigned char)(v & 0xFF);
		out[i + 1] = (unsigned char)(v >> 8);
	}
	sqlite3_result_blob(cx, out, n, SQLITE_TRANSIENT);
}

static void bind_template(sqlite3_stmt *st, int base, const struct slot *s, const void *ctx)
{
	(void)ctx;
	sqlite3_bind_int64(st, base + 1, s->a >> 40);
	sqlite3_bind_int64(st, base + 2, s->a & TEMPLATE_ID_MAX);
	sqlite3_bind_int64(st, base + 3, s->b);
	sqlite3_bind_int64(st, base + 4, s->v1);
}

static void bind_day(sqlite3_stmt *st, int base, const struct slot *s, const void *ctx)
{
	const struct usage_fold *f = ctx;
	sqlite3_bind_int64(st, base + 1, s->a >> 20);
	sqlite3_bind_int64(st, base + 2, s->a & 0xFFFFF);
	sqlite3_bind_text(st, base + 3, f->outcomes[s->b], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 4, s->v1);
	sqlite3_bind_int64(st, base + 5, s->v2);
}

/* sole (migration 0029): an "any" row that has the uses of one feature
 * only stands for that feature's row too; adding another feature's uses
 * sets it to 0 (and the table's trigger writes the feature's own row). */
#define MONTH_UPSERT(rows)                                                                  \
	"INSERT INTO usage_month_staff(feature_id, month, staff_id, uses, days, sole) VALUES "   \
	rows " ON CONFLICT(feature_id, month, staff_id) DO UPDATE SET uses = uses + excluded.uses," \
	" days = usage_add_days(days, excluded.days),"                                        \
	" sole = CASE WHEN sole = excluded.sole THEN sole ELSE 0 END"
#define MONTH_ROW "(?,?,?,?,?,?)"
#define DAY_UPSERT(rows)                                                                    \
	"INSERT INTO usage_day_feature(day, feature_id, outcome, uses, staff_uses) VALUES " rows \
	" ON CONFLICT(day, feature_id, outcome) DO UPDATE SET uses = uses + excluded.uses,"      \
	" staff_uses = staff_uses + excluded.staff_uses"
#define TEMPLATE_UPSERT(rows)                                                               \
	"INSERT INTO usage_template_day(day, template_id, staff_id, uses) VALUES " rows         \
	" ON CONFLICT(day, template_id, staff_id) DO UPDATE SET uses = uses + excluded.uses"

static const struct upsert month_upsert = {
	MONTH_UPSERT(MONTH_ROW), MONTH_UPSERT(ROWS32(MONTH_ROW)), 6, bind_month};
static const struct upsert day_upsert = {
	DAY_UPSERT("(?,?,?,?,?)"), DAY_UPSERT(ROWS32("(?,?,?,?,?)")), 5, bind_day};
static const struct upsert template_upsert = {
	TEMPLATE_UPSERT("(?,?,?,?)"), TEMPLATE_UPSERT(ROWS32("(?,?,?,?)")), 4, bind_template};

/* Which person-months stay one row after the upsert: the "any" rows stored
 * in the fold's months are read (none when an import brings new months),
 * and a slot's v3 becomes the sole feature its row will have (the upsert
 * computes the same). */
static int stored_sole(struct store *db, struct usage_fold *f, int64_t m_from, int64_t m_to)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT month, staff_id, sole FROM usage_month_staff"
			    " WHERE feature_id = " USAGE__MONTH_ANY_SQL " AND month BETWEEN ?1 AND ?2",
			    &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, m_from);
	sqlite3_bind_int64(st, 2, m_to);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct slot *any = table_find(&f->month, sqlite3_column_int64(st, 0),
					      sqlite3_column_int64(st, 1));
		if (any && any->v3 != sqlite3_column_int64(st, 2))
			any->v3 = 0;
	}
	store_reset(st);
	return s == SQLITE_DONE ? 0 : store_err(db, s, NULL);
}

/* The month rows: "any" rows first (the fold's key of "any" is 0), then
 * the feature rows of the person-months that are not one row. */
static int flush_months(struct store *db, struct usage_fold *f)
{
	if (!f->month.n)
		return 0;
	struct slot *order = sorted_slots(&f->month);
	size_t n = f->month.n, n_any = 0;
	while (n_any < n && order[n_any].a >> 20 == 0)
		n_any++;
	int rc = n_any ? stored_sole(db, f, order[0].a, order[n_any - 1].a) : 0;
	for (size_t i = 0; i < n_any && !rc; i++) /* the copies get the final sole */
		order[i].v3 = table_find(&f->month, order[i].a, order[i].b)->v3;
	if (!rc)
		rc = upsert_sorted(db, &month_upsert, order, n_any, f);
	size_t m = 0;
	for (size_t i = n_any; i < n && !rc; i++) {
		const struct slot *any = table_find(&f->month, order[i].a & 0xFFFFF, order[i].b);
		if (any && any->v3 == order[i].a >> 20)
			continue;
		order[m++] = order[i];
	}
	if (!rc)
		rc = upsert_sorted(db, &month_upsert, order, m, f);
	free(order);
	return rc;
}

static int cmp_day_bits(const void *x, const void *y)
{
	const struct day_bits *p = x, *q = y;
	if (p->feature_id != q->feature_id)
		return p->feature_id < q->feature_id ? -1 : 1;
	return p->staff_id < q->staff_id ? -1 : p->staff_id > q->staff_id;
}

/* Merges f's bitmap of each person with the stored one, in the order of the
 * table's key. f->people no longer indexes f->bits afterwards. */
static int flush_days(struct store *db, struct usage_fold *f)
{
	sqlite3_stmt *get = NULL, *put = NULL;
	if (f->n_bits)
		qsort(f->bits, f->n_bits, sizeof(*f->bits), cmp_day_bits);
	int rc = store_stmt(db,
			       "SELECT first_day, base_day, days FROM usage_staff_days"
			       " WHERE feature_id = ?1 AND staff_id = ?2",
			       &get, NULL);
	if (rc || (rc = store_stmt(db,
				      "INSERT OR REPLACE INTO usage_staff_days(feature_id, staff_id,"
				      " first_day, base_day, days) VALUES (?1, ?2, ?3, ?4, ?5)",
				      &put, NULL)))
		goto out;
	for (size_t i = 0; i < f->n_bits && !rc; i++) {
		struct day_bits *b = &f->bits[i];
		if (!b->bits)
			continue;
		sqlite3_bind_int64(get, 1, b->feature_id);
		sqlite3_bind_int64(get, 2, b->staff_id);
		int s = sqlite3_step(get);
		if (s == SQLITE_ROW) {
			/* Set every stored day into b (it grows as needed). */
			int32_t first = (int32_t)sqlite3_column_int64(get, 0);
			int32_t base = (int32_t)sqlite3_column_int64(get, 1);
			day_bits_merge(b, base, sqlite3_column_blob(get, 2),
				       (size_t)sqlite3_column_bytes(get, 2));
			if (first < b->first)
				b->first = first;
		} else if (s != SQLITE_DONE) {
			rc = store_err(db, s, NULL);
		}
		sqlite3_reset(get);
		if (rc)
			break;
		/* Trailing zero bytes are not stored. */
		size_t used = b->nbytes;
		while (used > 1 && !b->bits[used - 1])
			used--;
		sqlite3_bind_int64(put, 1, b->feature_id);
		sqlite3_bind_int64(put, 2, b->staff_id);
		sqlite3_bind_int64(put, 3, b->first);
		sqlite3_bind_int64(put, 4, b->base);
		sqlite3_bind_blob(put, 5, b->bits, (int)used, SQLITE_STATIC);
		if ((s = sqlite3_step(put)) != SQLITE_DONE)
			rc = store_err(db, s, NULL);
		sqlite3_reset(put);
	}
out:
	store_reset(get);
	store_reset(put);
	return rc;
}

int usage__fold_flush(struct store *db, struct usage_fold *f, int64_t last)
{
	int rc = sqlite3_create_function_v2(store_handle(db), "usage_add_days", 2,
					    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
					    NULL, add_days_fn, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_err(db, rc, NULL);
	if ((rc = flush_months(db, f)) ||
	    (rc = run_upserts(db, &day_upsert, &f->day, f)) ||
	    (rc = run_upserts(db, &template_upsert, &f->templates, f)) ||
	    (rc = flush_days(db, f)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
				"UPDATE usage_rollup_state SET last_event_id = max(last_event_id, ?1)"
				" WHERE id = 1",
				&st, NULL)))
		return rc;
	sqlite3_bind_int64(st, 1, last);
	int s = sqlite3_step(st);
	store_reset(st);
	return s == SQLITE_DONE ? 0 : store_err(db, s, NULL);
}

/* Whether any event is newer than the folded mark (a read, no lock). */
static int fold_needed(struct store *db, int *needed)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "SELECT (SELECT coalesce(max(id), 0) FROM usage_events) >"
			       " (SELECT last_event_id FROM usage_rollup_state WHERE id = 1)",
			       &st, NULL);
	if (rc)
		return rc;
	int s = sqlite3_step(st);
	*needed = s == SQLITE_ROW && sqlite3_column_int(st, 0);
	store_reset(st);
	return s == SQLITE_ROW ? 0 : store_err(db, s, NULL);
}

int usage_rollup_update(struct store *db, struct yk_errinfo *ei)
{
	int needed = 0;
	int rc = fold_needed(db, &needed);
	if (rc || !needed)
		return rc;
	if ((rc = store_begin(db, ei)))
		return rc;
	struct usage_fold *f = usage__fold_new();
	int64_t last = 0;
	if ((rc = usage__fold_pending(db, f, &last)) || (rc = usage__fold_flush(db, f, last)) ||
	    (rc = store_commit(db, ei)))
		store_rollback(db);
	usage__fold_free(f);
	return rc;
}
