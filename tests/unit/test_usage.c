/* Unit tests for src/usage's adoption report (活用状況): the seed scenario
 * of issue 10 (1,400 staff, 127 users in the buckets 95/20/9/3) with
 * events on the JST boundaries, every figure checked against a plain
 * recount of the generated events for whole, partial and one-day periods;
 * department roll-up, small-department merging, fiscal years, the
 * calendar under a foreign TZ, incremental folding, CSV. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "auth/auth.h"
#include "harness.h"
#include "usage/usage.h"

static const struct audit_actor cli = {0, "cli", NULL};

#define N_STAFF 1400
#define N_USERS 127
#define N_DEPTS 21 /* 7 部 x 3 課; plus 総務部/秘書係 with 3 staff and 2 in 総務部 itself */
#define SMALL_DEPT_STAFF 3
#define OWN_STAFF 2
#define MAX_EVENTS 20000

static const char *const bu[7] = {"総務部", "市民部", "福祉部", "環境部", "建設部", "税務部", "教育部"};
static const char *const ka[3] = {"第一課", "第二課", "第三課"};

struct ev {
	int64_t at;
	int staff; /* index 0..N_STAFF-1 */
	const char *feature;
};

static struct {
	struct store *db;
	int64_t staff_id[N_STAFF];
	int dept_of[N_STAFF];  /* 0..20 課, 21 = 秘書係, 22 = 総務部 itself */
	struct ev ev[MAX_EVENTS];
	size_t n_ev;
} W;

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static int64_t jst(int y, int mo, int d, int h, int mi, int s)
{
	return usage_day_start(usage_day_from_civil(y, mo, d)) + h * 3600 + mi * 60 + s;
}

static int remember_staff(void *ctx, const struct auth_staff *s)
{
	(void)ctx;
	int64_t k;
	if (yk_parse_i64(s->employee_no + 1, strlen(s->employee_no) - 1, 0, N_STAFF, &k) == 0)
		W.staff_id[k] = s->id;
	return 0;
}

static void add_event(int64_t at, int staff, const char *feature)
{
	if (W.n_ev >= MAX_EVENTS)
		abort();
	W.ev[W.n_ev++] = (struct ev){at, staff, feature};
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_handle(W.db),
			       "INSERT INTO usage_events(at, staff_id, feature, outcome)"
			       " VALUES (?, ?, ?, 'ok')",
			       -1, &st, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, W.staff_id[staff]);
	sqlite3_bind_text(st, 3, feature, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
}

/* The world: roster, 127 users with 95/20/9/3 uses in 令和5年度, the
 * boundary events, and some events outside the year. */
static void build_world(void)
{
	char dir[] = "/tmp/yk-usage-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	char path[64];
	snprintf(path, sizeof(path), "%s/u.db", dir);
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &W.db, NULL) != 0)
		abort();
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	if (yk_buf_adds(&csv, "employee_no,name,department,tier,email\n"))
		abort();
	for (int i = 0; i < N_STAFF; i++) {
		int first_small = N_STAFF - SMALL_DEPT_STAFF - OWN_STAFF;
		int dept = i < first_small ? i % N_DEPTS
			   : i < first_small + SMALL_DEPT_STAFF ? N_DEPTS : N_DEPTS + 1;
		W.dept_of[i] = dept;
		char dpath[128];
		if (dept == N_DEPTS)
			snprintf(dpath, sizeof(dpath), "総務部/秘書係");
		else if (dept == N_DEPTS + 1)
			snprintf(dpath, sizeof(dpath), "総務部");
		else
			snprintf(dpath, sizeof(dpath), "%s/%s", bu[dept / 3], ka[dept % 3]);
		const char *tier = i % 50 == 0 ? AUTH_TIER_EXECUTIVE
				   : i % 10 == 0 ? AUTH_TIER_DX_LEADER
						 : AUTH_TIER_GENERAL;
		if (yk_buf_addf(&csv, "E%04d,職員%d,%s,%s,\n", i, i, dpath, tier))
			abort();
	}
	struct auth_roster_result *res = calloc(1, sizeof(*res));
	if (auth_roster_import(W.db, &cli, csv.data, csv.len, "roster.csv", res, NULL) != 0)
		abort();
	free(res);
	yk_buf_release(&csv);
	int64_t total;
	if (auth_staff_list(W.db, NULL, 0, N_STAFF, remember_staff, NULL, &total) != 0)
		abort();

	static const char *const features[] = {"ask", "chat", "external:trial"};
	int32_t fy_from = usage_day_from_civil(2023, 4, 1);
	if (store_exec(W.db, "BEGIN", NULL))
		abort();
	for (int u = 0; u < N_USERS; u++) {
		int staff = u * 11; /* spread over the departments */
		int n = u < 95 ? 1 + u % 9 : u < 115 ? 10 + u % 10 : u < 124 ? 20 + u % 30 : 50 + u;
		for (int k = 0; k < n; k++) {
			int64_t at = usage_day_start(fy_from + (int32_t)rnd(366)) + rnd(86400);
			add_event(at, staff, features[rnd(3)]);
		}
	}
	/* JST boundaries: the last second of the year and the first second of
	 * the next belong to different years; 00:00:30 on 4/1 is inside. */
	add_event(jst(2024, 3, 31, 23, 59, 59), 0, "ask");
	add_event(jst(2024, 4, 1, 0, 0, 0), 0, "ask");
	add_event(jst(2023, 4, 1, 0, 0, 30), 11, "ask");
	add_event(jst(2023, 3, 31, 23, 59, 59), 22, "ask");
	/* A user only active outside the year. */
	add_event(jst(2024, 4, 2, 9, 0, 0), 1399 - 5, "chat");
	if (store_exec(W.db, "COMMIT", NULL))
		abort();
}

/* Plain recount over the generated events. */
struct truth {
	int64_t active, uses, buckets[4];
	int64_t dept_active[N_DEPTS + 2], dept_uses[N_DEPTS + 2];
};

static void recount(int32_t a, int32_t b, const char *feature, struct truth *t)
{
	memset(t, 0, sizeof(*t));
	static int64_t per[N_STAFF];
	memset(per, 0, sizeof(per));
	for (size_t i = 0; i < W.n_ev; i++) {
		int32_t d = usage_day_of(W.ev[i].at);
		if (d < a || d > b || (feature && strcmp(feature, W.ev[i].feature)))
			continue;
		per[W.ev[i].staff]++;
	}
	for (int s = 0; s < N_STAFF; s++) {
		t->uses += per[s];
		t->dept_uses[W.dept_of[s]] += per[s];
		if (!per[s])
			continue;
		t->active++;
		t->dept_active[W.dept_of[s]]++;
		t->buckets[per[s] >= 50 ? 3 : per[s] >= 20 ? 2 : per[s] >= 10 ? 1 : 0]++;
	}
}

static struct usage_adoption_report *report(int32_t a, int32_t b, const char *feature,
					    int64_t dept, int *rc_out)
{
	struct usage_adoption_query q = {a, b, feature, dept, 0};
	struct usage_adoption_report *r = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = usage_adoption_report(W.db, &q, &r, &ei);
	if (rc_out)
		*rc_out = rc;
	else if (rc)
		fprintf(stderr, "report: %d %s\n", rc, ei.message);
	return r;
}

static const struct usage_dept_row *find_dept(const struct usage_adoption_report *r,
					      const char *path)
{
	for (size_t i = 0; i < r->n_departments; i++)
		if (strcmp(r->departments[i].path, path) == 0)
			return &r->departments[i];
	return NULL;
}

static void check_against_truth(int32_t a, int32_t b, const char *feature)
{
	struct truth t;
	recount(a, b, feature, &t);
	struct usage_adoption_report *r = report(a, b, feature, 0, NULL);
	REQUIRE(r != NULL);
	CHECK_INT(r->eligible, N_STAFF);
	CHECK_INT(r->active, t.active);
	CHECK_INT(r->uses, t.uses);
	for (int k = 0; k < 4; k++)
		CHECK_INT(r->buckets[k].users, t.buckets[k]);
	for (int d = 0; d < N_DEPTS; d++) {
		char path[128];
		snprintf(path, sizeof(path), "%s/%s", bu[d / 3], ka[d % 3]);
		const struct usage_dept_row *row = find_dept(r, path);
		REQUIRE(row != NULL);
		CHECK_INT(row->active, t.dept_active[d]);
		CHECK_INT(row->uses, t.dept_uses[d]);
	}
	int64_t month_uses = 0;
	for (size_t m = 0; m < r->n_months; m++)
		month_uses += r->months[m].uses;
	CHECK_INT(month_uses, t.uses);
	/* The headline alone (its own fast path without a feature) agrees. */
	struct usage_adoption_query hq = {a, b, feature, 0, 1};
	struct usage_adoption_report *h = NULL;
	REQUIRE(usage_adoption_report(W.db, &hq, &h, NULL) == 0);
	CHECK_INT(h->eligible, r->eligible);
	CHECK_INT(h->active, r->active);
	CHECK_INT(h->uses, r->uses);
	CHECK_INT(h->active_30d, r->active_30d);
	usage_adoption_report_free(h);
	usage_adoption_report_free(r);
}

TEST(seed_scenario)
{
	int32_t a, b;
	usage_fiscal_range(2023, &a, &b);
	struct usage_adoption_report *r = report(a, b, NULL, 0, NULL);
	REQUIRE(r != NULL);
	CHECK_INT(r->eligible, 1400);
	CHECK_INT(r->active, 127);
	CHECK_INT(r->buckets[USAGE_B1_9].users, 95);
	CHECK_INT(r->buckets[USAGE_B10_19].users, 20);
	CHECK_INT(r->buckets[USAGE_B20_49].users, 9);
	CHECK_INT(r->buckets[USAGE_B50].users, 3);
	CHECK(r->buckets[USAGE_B1_9].share > 0.748 && r->buckets[USAGE_B1_9].share < 0.749);
	CHECK(r->active_rate > 0.0907 && r->active_rate < 0.0908);
	CHECK_INT(r->n_months, 12);
	CHECK_STR(r->buckets[3].label, "50+");
	usage_adoption_report_free(r);
	check_against_truth(a, b, NULL);
}

TEST(partial_and_single_day_periods)
{
	check_against_truth(usage_day_from_civil(2023, 4, 15), usage_day_from_civil(2024, 3, 20), NULL);
	check_against_truth(usage_day_from_civil(2023, 6, 10), usage_day_from_civil(2023, 6, 10), NULL);
	check_against_truth(usage_day_from_civil(2023, 5, 1), usage_day_from_civil(2023, 7, 31), NULL);
	check_against_truth(usage_day_from_civil(2023, 9, 3), usage_day_from_civil(2023, 9, 28), "chat");
	check_against_truth(usage_day_from_civil(2023, 4, 1), usage_day_from_civil(2024, 3, 31),
			    "external:trial");
}

TEST(jst_boundaries)
{
	/* Staff 0's event at 2024-03-31 23:59:59 JST is in 令和5年度 and the
	 * one a second later is in 令和6年度; in UTC both are on 3/31. */
	int32_t a, b;
	usage_fiscal_range(2024, &a, &b);
	struct usage_adoption_report *r = report(a, b, NULL, 0, NULL);
	REQUIRE(r != NULL);
	CHECK_INT(r->active, 2);
	CHECK_INT(r->uses, 2);
	usage_adoption_report_free(r);
	int32_t last = usage_day_from_civil(2024, 3, 31);
	r = report(last, last, "ask", 0, NULL);
	REQUIRE(r != NULL);
	struct truth t;
	recount(last, last, "ask", &t);
	CHECK_INT(r->uses, t.uses);
	CHECK(r->uses >= 1);
	usage_adoption_report_free(r);
	/* The event of 2023-03-31 23:59:59 JST is outside 令和5年度. */
	r = report(usage_day_from_civil(2023, 3, 31), usage_day_from_civil(2023, 3, 31), NULL, 0, NULL);
	REQUIRE(r != NULL);
	CHECK_INT(r->uses, 1);
	CHECK_INT(r->active, 1);
	usage_adoption_report_free(r);
}

TEST(calendar)
{
	/* The machine's TZ must not matter. */
	setenv("TZ", "America/Los_Angeles", 1);
	tzset();
	CHECK_INT(usage_day_of(jst(2024, 4, 1, 0, 0, 0)), usage_day_from_civil(2024, 4, 1));
	CHECK_INT(usage_day_of(jst(2024, 4, 1, 0, 0, 0) - 1), usage_day_from_civil(2024, 3, 31));
	/* 2024-03-31T15:00:00Z is 4/1 00:00 JST. */
	CHECK_INT(usage_day_of(1711897200), usage_day_from_civil(2024, 4, 1));
	CHECK_INT(usage_fiscal_year(usage_day_from_civil(2024, 3, 31)), 2023);
	CHECK_INT(usage_fiscal_year(usage_day_from_civil(2024, 4, 1)), 2024);
	char label[32];
	usage_fiscal_label(2024, label, sizeof(label));
	CHECK_STR(label, "令和6年度");
	usage_fiscal_label(2019, label, sizeof(label));
	CHECK_STR(label, "令和元年度");
	usage_fiscal_label(2018, label, sizeof(label));
	CHECK_STR(label, "平成30年度");
	int fy = 0;
	CHECK_INT(usage_parse_fiscal_year("令和6", strlen("令和6"), &fy), 0);
	CHECK_INT(fy, 2024);
	CHECK_INT(usage_parse_fiscal_year("R5年度", strlen("R5年度"), &fy), 0);
	CHECK_INT(fy, 2023);
	CHECK_INT(usage_parse_fiscal_year("2022", 4, &fy), 0);
	CHECK_INT(fy, 2022);
	CHECK(usage_parse_fiscal_year("令和", strlen("令和"), &fy) != 0);
	CHECK(usage_parse_fiscal_year("abc", 3, &fy) != 0);
	int32_t d;
	CHECK(usage_parse_date("2023-02-30", 10, &d) != 0);
	CHECK(usage_parse_date("2023-2-3", 8, &d) != 0);
	CHECK_INT(usage_parse_date("2024-02-29", 10, &d), 0);
	CHECK_INT(usage_day_weekday(usage_day_from_civil(2024, 4, 1)), 0); /* a Monday */
	int32_t a, b;
	int fy_out;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(usage_period_parse(NULL, NULL, "令和5", NULL, 0, &a, &b, &fy_out, &ei), 0);
	CHECK_INT(fy_out, 2023);
	CHECK_INT(a, usage_day_from_civil(2023, 4, 1));
	CHECK_INT(b, usage_day_from_civil(2024, 3, 31));
	CHECK_INT(usage_period_parse(NULL, NULL, NULL, "2024-02", 0, &a, &b, &fy_out, &ei), 0);
	CHECK_INT(b - a + 1, 29);
	CHECK(usage_period_parse("2024-05-01", "2024-04-01", NULL, NULL, 0, &a, &b, &fy_out, &ei) != 0);
	CHECK_STR(ei.field, "to");
	CHECK(usage_period_parse("2000-01-01", "2024-04-01", NULL, NULL, 0, &a, &b, &fy_out, &ei) != 0);
	/* Default: the fiscal year of today up to today. */
	int64_t now = jst(2025, 2, 10, 12, 0, 0);
	CHECK_INT(usage_period_parse(NULL, NULL, NULL, NULL, now, &a, &b, &fy_out, &ei), 0);
	CHECK_INT(a, usage_day_from_civil(2024, 4, 1));
	CHECK_INT(b, usage_day_from_civil(2025, 2, 10));
	unsetenv("TZ");
	tzset();
}

TEST(department_rollup_and_suppression)
{
	int32_t a, b;
	usage_fiscal_range(2023, &a, &b);
	struct usage_adoption_report *r = report(a, b, NULL, 0, NULL);
	REQUIRE(r != NULL);
	/* 部 = the sum of its 課 (総務部 also holds the merged 秘書係). */
	for (int bi = 0; bi < 7; bi++) {
		const struct usage_dept_row *top = find_dept(r, bu[bi]);
		REQUIRE(top != NULL);
		int64_t e = 0, act = 0, uses = 0;
		for (int k = 0; k < 3; k++) {
			char path[128];
			snprintf(path, sizeof(path), "%s/%s", bu[bi], ka[k]);
			const struct usage_dept_row *c = find_dept(r, path);
			REQUIRE(c != NULL);
			CHECK_INT(c->depth, 1);
			e += c->eligible;
			act += c->active;
			uses += c->uses;
		}
		int small = bi == 0 ? SMALL_DEPT_STAFF + OWN_STAFF : 0;
		CHECK_INT(top->eligible, e + small);
		CHECK_INT(top->depth, 0);
		if (!small) {
			CHECK_INT(top->active, act);
			CHECK_INT(top->uses, uses);
		}
		CHECK_INT(top->merged, small ? 1 : 0);
	}
	/* The 3-person 秘書係 is not shown on its own. */
	CHECK(find_dept(r, "総務部/秘書係") == NULL);
	int64_t sum = 0;
	for (size_t i = 0; i < r->n_departments; i++)
		if (r->departments[i].depth == 0)
			sum += r->departments[i].eligible;
	CHECK_INT(sum, N_STAFF);
	/* Tiers: 28 幹部, 112 DX推進リーダー, the rest 一般職員. */
	CHECK_INT(r->tiers[USAGE_TIER_EXECUTIVE].eligible, 28);
	CHECK_INT(r->tiers[USAGE_TIER_LEADER].eligible, 112);
	CHECK_INT(r->tiers[USAGE_TIER_GENERAL].eligible, 1400 - 28 - 112);
	CHECK_INT(r->tiers[0].active + r->tiers[1].active + r->tiers[2].active, r->active);
	usage_adoption_report_free(r);

	/* Drill-down: a department scope, and a small one refused. */
	struct auth_department d;
	REQUIRE(auth_dept_find(W.db, "市民部", &d) == 0);
	r = report(a, b, NULL, d.id, NULL);
	REQUIRE(r != NULL);
	CHECK_STR(r->department, "市民部");
	CHECK_INT(r->n_departments, 4);
	CHECK_INT(r->departments[0].depth, 0);
	CHECK_INT(r->eligible, r->departments[0].eligible);
	CHECK_INT(r->active, r->departments[0].active);
	usage_adoption_report_free(r);
	REQUIRE(auth_dept_find(W.db, "総務部/秘書係", &d) == 0);
	int rc = 0;
	r = report(a, b, NULL, d.id, &rc);
	CHECK(r == NULL);
	CHECK_INT(rc, YK_EFORBIDDEN);
	r = report(a, b, NULL, 999999, &rc);
	CHECK(r == NULL);
	CHECK_INT(rc, YK_ENOTFOUND);
}

TEST(small_sibling_is_merged_too)
{
	/* A 部 with one 4-person 課 and one 30-person 課 and no own staff:
	 * showing the big one would give the small one away by subtraction. */
	char dir[] = "/tmp/yk-usage2-XXXXXX";
	REQUIRE(mkdtemp(dir) != NULL);
	char path[64];
	snprintf(path, sizeof(path), "%s/s.db", dir);
	struct store *db = NULL;
	REQUIRE(store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) == 0);
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	CHECK(yk_buf_adds(&csv, "職員番号,氏名,所属,役割\n") == 0);
	for (int i = 0; i < 34; i++)
		CHECK(yk_buf_addf(&csv, "S%d,職員%d,%s,一般職員\n", i, i,
				  i < 4 ? "企画部/小課" : "企画部/大課") == 0);
	for (int i = 0; i < 20; i++)
		CHECK(yk_buf_addf(&csv, "T%d,職員%d,財政部/財政課,一般職員\n", i, i) == 0);
	struct auth_roster_result *res = calloc(1, sizeof(*res));
	REQUIRE(auth_roster_import(db, &cli, csv.data, csv.len, "r.csv", res, NULL) == 0);
	free(res);
	yk_buf_release(&csv);
	struct usage_adoption_query q = {usage_day_from_civil(2024, 4, 1),
					 usage_day_from_civil(2024, 4, 30), NULL, 0, 0};
	struct usage_adoption_report *r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	int big = 0, small = 0, top = 0;
	for (size_t i = 0; i < r->n_departments; i++) {
		big |= strcmp(r->departments[i].path, "企画部/大課") == 0;
		small |= strcmp(r->departments[i].path, "企画部/小課") == 0;
		if (strcmp(r->departments[i].path, "企画部") == 0)
			top = r->departments[i].merged;
	}
	CHECK(!small);
	CHECK(!big);
	CHECK_INT(top, 2);
	/* Tiers: one tier with everyone; nothing to hide. */
	CHECK(!r->tiers[USAGE_TIER_GENERAL].suppressed);
	CHECK_INT(r->tiers[USAGE_TIER_GENERAL].eligible, 54);
	usage_adoption_report_free(r);
	store_close(db);
}

TEST(incremental_fold_and_trends)
{
	int32_t a = usage_day_from_civil(2024, 5, 1), b = usage_day_from_civil(2024, 6, 30);
	struct usage_adoption_report *r = report(a, b, NULL, 0, NULL);
	REQUIRE(r != NULL);
	int64_t before = r->uses;
	usage_adoption_report_free(r);
	/* New events after a report are folded by the next one; staff 33 is
	 * new in May and comes back in June (retention), staff 44 only in June. */
	CHECK(store_exec(W.db, "BEGIN", NULL) == 0);
	add_event(jst(2024, 5, 20, 10, 0, 0), 33, "ask");
	add_event(jst(2024, 6, 3, 10, 0, 0), 33, "ask");
	add_event(jst(2024, 6, 4, 10, 0, 0), 44, "chat");
	CHECK(store_exec(W.db, "COMMIT", NULL) == 0);
	r = report(a, b, NULL, 0, NULL);
	REQUIRE(r != NULL);
	CHECK_INT(r->uses, before + 3);
	REQUIRE(r->n_months == 2);
	CHECK_INT(r->months[0].active, 1);
	CHECK_INT(r->months[0].retained, 1);
	CHECK_INT(r->months[1].active, 2);
	CHECK_INT(r->months[1].retained, -1);
	CHECK_INT(r->months[0].new_users, 0); /* 33 used it in 令和5年度 already */
	CHECK_INT(r->months[1].new_users, 0);
	/* Weeks start on Monday; 2024-06-03 is a Monday. */
	int found = 0;
	for (size_t w = 0; w < r->n_weeks; w++)
		if (r->weeks[w].start_day == usage_day_from_civil(2024, 6, 3)) {
			CHECK_INT(r->weeks[w].active, 2);
			CHECK_INT(r->weeks[w].uses, 2);
			found = 1;
		}
	CHECK(found);
	CHECK_INT(r->weeks[0].start_day, a); /* clamped to the period */
	/* Features: ask used twice by one person in the period. */
	int ask = 0;
	for (size_t i = 0; i < r->n_features; i++)
		if (strcmp(r->features[i].name, "ask") == 0) {
			CHECK_INT(r->features[i].uses, 2);
			CHECK_INT(r->features[i].users, 1);
			ask = 1;
		}
	CHECK(ask);
	CHECK_INT(r->active_30d, 2);
	usage_adoption_report_free(r);
}

TEST(csv_tables)
{
	int32_t a, b;
	usage_fiscal_range(2023, &a, &b);
	struct usage_adoption_report *r = report(a, b, NULL, 0, NULL);
	REQUIRE(r != NULL);
	struct yk_buf out;
	yk_buf_init(&out, 0);
	CHECK_INT(usage_adoption_csv(r, "buckets", &out), 0);
	CHECK(out.len > 3 && memcmp(out.data, "\xEF\xBB\xBF", 3) == 0);
	CHECK(strstr(out.data, "\"1-9\",95,0.7480\r\n") != NULL);
	CHECK(strstr(out.data, "\"50+\",3,") != NULL);
	yk_buf_reset(&out);
	CHECK_INT(usage_adoption_csv(r, "departments", &out), 0);
	CHECK(strstr(out.data, "\"市民部/第一課\"") != NULL);
	CHECK(strstr(out.data, "秘書係") == NULL);
	yk_buf_reset(&out);
	CHECK_INT(usage_adoption_csv(r, "months", &out), 0);
	CHECK(strstr(out.data, "\"2023-04\",") != NULL);
	CHECK(strstr(out.data, "\"2024-03\",") != NULL);
	yk_buf_reset(&out);
	CHECK_INT(usage_adoption_csv(r, "nope", &out), YK_EINVAL);
	yk_buf_release(&out);
	char label[64];
	usage_feature_label("external:trial", label, sizeof(label));
	CHECK_STR(label, "外部ツール（trial）");
	usage_adoption_report_free(r);
}

/* tests/data/usage/times.txt: input TAB expected (UTC ISO or "error"). */
TEST(import_times)
{
	FILE *f = fopen("tests/data/usage/times.txt", "r");
	REQUIRE(f != NULL);
	char line[512];
	int cases = 0;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		char *want = tab + 1;
		want[strcspn(want, "\r\n")] = '\0';
		int64_t t = 0;
		char why[256] = "", got[32] = "error";
		if (usage_parse_time(line, strlen(line), &t, why, sizeof(why)) == 0)
			yk_time_iso(t, got, sizeof(got));
		else
			CHECK(why[0] != '\0');
		if (strcmp(got, want) != 0) {
			fprintf(stderr, "times.txt: \"%s\": got %s, want %s\n", line, got, want);
			CHECK(0);
		}
		cases++;
	}
	fclose(f);
	CHECK(cases >= 20);
}

/* Uses stored: recorded events and imported rows (usage_imported). */
static int64_t event_count(void)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(store_handle(W.db),
			       "SELECT (SELECT count(*) FROM usage_events) +"
			       " (SELECT count(*) FROM usage_imported)",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int import_text(const char *text, struct usage_import_result *res)
{
	static const struct audit_actor actor = {0, "cli", NULL};
	memset(res, 0, sizeof(*res));
	return usage_import(W.db, &actor, text, strlen(text), "log.csv", res, NULL);
}

TEST(import_all_or_nothing_and_idempotent)
{
	struct usage_import_result *res = calloc(1, sizeof(*res));
	REQUIRE(res != NULL);
	int32_t day = usage_day_from_civil(2025, 6, 2);
	struct usage_adoption_query q = {day, day, "external:trial", 0, 0};
	struct usage_adoption_report *r = NULL;
	/* Two identical rows are two uses; the BOM and Japanese names are fine. */
	static const char good[] = "\xEF\xBB\xBF職員番号,日時,機能\n"
				   "E0007,2025-06-02 09:00,external:trial\n"
				   "E0007,2025-06-02 09:00,external:trial\n"
				   "E0008,2025/6/2 23:59:59,external:trial\n"
				   "E0009,2025-06-02T15:00:00Z,external:trial\n"; /* = 6/3 00:00 JST */
	int64_t before = event_count();
	CHECK_INT(import_text(good, res), 0);
	CHECK_INT(res->rows, 4);
	CHECK_INT(res->inserted, 4);
	CHECK_INT(event_count(), before + 4);
	REQUIRE(usage_adoption_report(W.db, &q, &r, NULL) == 0);
	CHECK_INT(r->uses, 3);
	CHECK_INT(r->active, 2);
	usage_adoption_report_free(r);
	/* Again: nothing new. */
	CHECK_INT(import_text(good, res), 0);
	CHECK_INT(res->inserted, 0);
	CHECK_INT(res->duplicates, 4);
	CHECK_INT(event_count(), before + 4);
	/* A later export that overlaps: only its new row is added. */
	static const char more[] = "employee_no,at,feature\n"
				   "E0007,2025-06-02 09:00,external:trial\n"
				   "E0007,2025-06-02 09:00,external:trial\n"
				   "E0007,2025-06-02 09:00,external:trial\n";
	CHECK_INT(import_text(more, res), 0);
	CHECK_INT(res->inserted, 1);
	CHECK_INT(res->duplicates, 2);
	r = NULL;
	REQUIRE(usage_adoption_report(W.db, &q, &r, NULL) == 0);
	CHECK_INT(r->uses, 4);
	usage_adoption_report_free(r);
	/* A bad file: every problem with its line, and nothing stored. */
	static const char bad[] = "職員番号,日時,機能\n"
				  "E0007,2025-06-05 09:00,external:trial\n"
				  "X9999,2025-06-05 09:00,external:trial\n"
				  "E0007,2025-06-31 09:00,external:trial\n"
				  "E0007,2025-06-05 09:00,\n";
	before = event_count();
	CHECK_INT(import_text(bad, res), YK_EPARSE);
	CHECK_INT(event_count(), before);
	CHECK_INT(res->problems.count, 3);
	long lines[3] = {0, 0, 0};
	for (size_t i = 0; i < 3 && i < ingest_problems_kept(&res->problems); i++)
		lines[i] = res->problems.item[i].line;
	CHECK(lines[0] + lines[1] + lines[2] == 3 + 4 + 5);
	char text[512];
	int found = 0;
	for (size_t i = 0; i < ingest_problems_kept(&res->problems); i++) {
		ingest_problem_format("log.csv", &res->problems.item[i], text, sizeof(text));
		if (strstr(text, "log.csv:3:") && strstr(text, "X9999"))
			found = 1;
	}
	CHECK(found);
	free(res);
}

TEST(import_check_is_pure)
{
	struct ingest_problems *p = calloc(1, sizeof(*p));
	REQUIRE(p != NULL);
	static const char ok[] = "employee_no,at,feature\r\nA1,2024-04-01 09:00,chat\r\n";
	CHECK_INT(usage_import_check(ok, sizeof(ok) - 1, p), 0);
	CHECK_INT(p->count, 0);
	static const char unknown_col[] = "employee_no,at,feature,memo\nA1,2024-04-01 09:00,chat,x\n";
	CHECK(usage_import_check(unknown_col, sizeof(unknown_col) - 1, p) != 0);
	CHECK(p->count >= 1);
	ingest_problems_init(p);
	static const char missing[] = "employee_no,feature\nA1,chat\n";
	CHECK(usage_import_check(missing, sizeof(missing) - 1, p) != 0);
	ingest_problems_init(p);
	/* CP932 (Shift_JIS) as Excel saves it: 職員番号,日時,機能 */
	static const char sjis[] = "\x90\x45\x88\xf5\x94\xd4\x8d\x86,\x93\xfa\x8e\x9e,\x8b\x40\x94\x5c\r\n"
				   "A1,2024/4/1 9:05,chat\r\n";
	CHECK_INT(usage_import_check(sjis, sizeof(sjis) - 1, p), 0);
	free(p);
}

static int count_person(void *ctx, const struct usage_person_row *p)
{
	int64_t *n = ctx;
	n[0]++;
	n[1] += p->uses;
	return 0;
}

TEST(per_person)
{
	int32_t a, b;
	usage_fiscal_range(2023, &a, &b);
	struct usage_adoption_query q = {a, b, NULL, 0, 0};
	int64_t n[2] = {0, 0};
	struct truth t;
	recount(a, b, NULL, &t);
	CHECK_INT(usage_adoption_people(W.db, &q, count_person, n, NULL), 0);
	CHECK_INT(n[0], 127);
	CHECK_INT(n[1], t.uses);
}

TEST(bad_queries)
{
	struct usage_adoption_query q = {10, 5, NULL, 0, 0};
	struct usage_adoption_report *r = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(usage_adoption_report(W.db, &q, &r, &ei), YK_EINVAL);
	CHECK(r == NULL);
	q.from_day = 0;
	q.to_day = USAGE_PERIOD_DAYS_MAX + 10;
	CHECK_INT(usage_adoption_report(W.db, &q, &r, &ei), YK_EINVAL);
	q.to_day = 10;
	q.feature = "no-such-feature";
	CHECK_INT(usage_adoption_report(W.db, &q, &r, &ei), 0);
	CHECK(r && r->uses == 0 && r->n_features == 0 && r->active == 0 && r->active_30d == 0);
	usage_adoption_report_free(r);
}

/* A small database of its own: 20 staff in 企画部/企画課 and 10 in
 * 財政部/財政課. */
static struct store *small_world(const char *tag)
{
	char dir[] = "/tmp/yk-usage3-XXXXXX";
	if (!mkdtemp(dir))
		return NULL;
	char path[64];
	snprintf(path, sizeof(path), "%s/%s.db", dir, tag);
	struct store *db = NULL;
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) != 0)
		return NULL;
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	int bad = yk_buf_adds(&csv, "職員番号,氏名,所属,役割\n");
	for (int i = 0; i < 30 && !bad; i++)
		bad = yk_buf_addf(&csv, "L%02d,職員%d,%s,一般職員\n", i, i,
				  i < 20 ? "企画部/企画課" : "財政部/財政課");
	struct auth_roster_result *res = calloc(1, sizeof(*res));
	if (bad || !res || auth_roster_import(db, &cli, csv.data, csv.len, "r.csv", res, NULL) != 0) {
		store_close(db);
		db = NULL;
	}
	free(res);
	yk_buf_release(&csv);
	return db;
}

static void exec_sql(struct store *db, const char *sql)
{
	if (sqlite3_exec(store_handle(db), sql, NULL, NULL, NULL) != SQLITE_OK)
		abort();
}

TEST(staff_who_left)
{
	struct store *db = small_world("left");
	REQUIRE(db != NULL);
	/* L00 and L01 left on 2025-01-01 (JST), as a roster sync retires them. */
	char sql[160];
	snprintf(sql, sizeof(sql), "UPDATE staff SET left_at = %lld WHERE employee_no IN ('L00', 'L01')",
		 (long long)jst(2025, 1, 1, 0, 0, 0));
	exec_sql(db, sql);
	struct usage_import_result *res = calloc(1, sizeof(*res));
	REQUIRE(res != NULL);
	/* Their past use is imported; an unknown number still refuses the file. */
	static const char unknown[] = "職員番号,日時,機能\n"
				      "L00,2024-10-01 09:00,external:trial\n"
				      "Z99,2024-10-01 09:00,external:trial\n";
	CHECK_INT(usage_import(db, &cli, unknown, sizeof(unknown) - 1, "u.csv", res, NULL),
		  YK_EPARSE);
	CHECK_INT(res->problems.count, 1);
	CHECK_INT(res->problems.item[0].line, 3);
	static const char past[] = "職員番号,日時,機能\n"
				   "L00,2024-10-01 09:00,external:trial\n"
				   "L00,2024-10-02 09:00,external:trial\n"
				   "L01,2024-12-31 23:59:59,external:trial\n"
				   "L05,2024-10-01 09:00,external:trial\n";
	memset(res, 0, sizeof(*res));
	CHECK_INT(usage_import(db, &cli, past, sizeof(past) - 1, "p.csv", res, NULL), 0);
	CHECK_INT(res->inserted, 4);
	/* 令和6年度 began before they left: they are eligible and their uses count. */
	int32_t a, b;
	usage_fiscal_range(2024, &a, &b);
	struct usage_adoption_query q = {a, b, NULL, 0, 0};
	struct usage_adoption_report *r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	CHECK_INT(r->eligible, 30);
	CHECK_INT(r->active, 3);
	CHECK_INT(r->uses, 4);
	CHECK_INT(r->buckets[USAGE_B1_9].users, 3);
	int found = 0;
	for (size_t i = 0; i < r->n_departments; i++)
		if (strcmp(r->departments[i].path, "企画部/企画課") == 0) {
			CHECK_INT(r->departments[i].eligible, 20);
			CHECK_INT(r->departments[i].uses, 4);
			found = 1;
		}
	CHECK(found);
	usage_adoption_report_free(r);
	/* The headline alone (its own fast path) agrees. */
	q.headline_only = 1;
	r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	CHECK_INT(r->eligible, 30);
	CHECK_INT(r->active, 3);
	usage_adoption_report_free(r);
	/* A period that begins after they left: not eligible any more. */
	q.from_day = usage_day_from_civil(2025, 2, 1);
	q.to_day = usage_day_from_civil(2025, 2, 28);
	q.headline_only = 0;
	r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	CHECK_INT(r->eligible, 28);
	CHECK_INT(r->active, 0);
	usage_adoption_report_free(r);
	q.headline_only = 1;
	r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	CHECK_INT(r->eligible, 28);
	usage_adoption_report_free(r);
	free(res);
	store_close(db);
}

static int staff_id_of(struct store *db, const char *no)
{
	sqlite3_stmt *st;
	int id = -1;
	if (sqlite3_prepare_v2(store_handle(db), "SELECT id FROM staff WHERE employee_no = ?", -1,
			       &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, no, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return id;
}

static void template_event(struct store *db, int64_t at, int staff, int64_t tid)
{
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO usage_events(at, staff_id, feature, outcome, template_id)"
		 " VALUES (%lld, %d, 'template', 'ok', %lld)",
		 (long long)at, staff, (long long)tid);
	exec_sql(db, sql);
}

TEST(per_template_figures)
{
	struct store *db = small_world("tpl");
	REQUIRE(db != NULL);
	int a = staff_id_of(db, "L03"), b = staff_id_of(db, "L04"), f = staff_id_of(db, "L25");
	REQUIRE(a > 0 && b > 0 && f > 0);
	int32_t day = usage_day_from_civil(2025, 5, 12);
	int64_t t0 = usage_day_start(day) + 9 * 3600;
	for (int k = 0; k < 3; k++)
		template_event(db, t0 + k, a, 7);
	template_event(db, t0, b, 7);
	template_event(db, t0, a, 9);
	template_event(db, t0, f, 9);
	template_event(db, t0 + 86400, a, 9); /* the next day: outside a one-day period */
	/* usage_record keeps the template id too (an anonymous use here). */
	REQUIRE(usage_record(db, &(struct usage_event){.at = t0, .feature = "template",
						       .outcome = "ok", .template_id = 7}) == 0);
	struct usage_adoption_query q = {day, day, NULL, 0, 0};
	struct usage_adoption_report *r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	REQUIRE(r->n_templates == 2);
	CHECK_INT(r->templates[0].template_id, 7); /* most used first */
	CHECK_INT(r->templates[0].uses, 4);
	CHECK_INT(r->templates[0].users, 2);
	CHECK_INT(r->templates[0].all_uses, 5);
	CHECK_INT(r->templates[1].template_id, 9);
	CHECK_INT(r->templates[1].uses, 2);
	CHECK_INT(r->templates[1].users, 2);
	struct yk_buf out;
	yk_buf_init(&out, 0);
	yk_strlcpy(r->templates[0].name, "議事録の要約", sizeof(r->templates[0].name));
	CHECK_INT(usage_adoption_csv(r, "templates", &out), 0);
	CHECK(strstr(out.data, "7,\"議事録の要約\",4,2,5\r\n") != NULL);
	CHECK(strstr(out.data, "9,\"\",2,2,2\r\n") != NULL);
	yk_buf_release(&out);
	usage_adoption_report_free(r);
	/* Two days: template 9 gains the second day's use. */
	q.to_day = day + 1;
	r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	REQUIRE(r->n_templates == 2);
	CHECK_INT(r->templates[1].template_id, 9);
	CHECK_INT(r->templates[1].uses, 3);
	CHECK_INT(r->templates[1].users, 2);
	usage_adoption_report_free(r);
	/* A department scope counts its staff only; other features: none. */
	struct auth_department d;
	REQUIRE(auth_dept_find(db, "企画部/企画課", &d) == 0);
	q.department_id = d.id;
	r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	REQUIRE(r->n_templates == 2);
	CHECK_INT(r->templates[1].uses, 2);
	CHECK_INT(r->templates[1].users, 1);
	CHECK_INT(r->templates[1].all_uses, -1);
	usage_adoption_report_free(r);
	q.department_id = 0;
	q.feature = "chat";
	r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	CHECK_INT(r->n_templates, 0);
	usage_adoption_report_free(r);
	q.feature = "template";
	r = NULL;
	REQUIRE(usage_adoption_report(db, &q, &r, NULL) == 0);
	CHECK_INT(r->n_templates, 2);
	usage_adoption_report_free(r);
	store_close(db);
}

static const struct harness_test usage_tests[] = {
	T(seed_scenario),
	T(partial_and_single_day_periods),
	T(jst_boundaries),
	T(calendar),
	T(department_rollup_and_suppression),
	T(small_sibling_is_merged_too),
	T(incremental_fold_and_trends),
	T(csv_tables),
	T(per_person),
	T(bad_queries),
	T(import_times),
	T(import_all_or_nothing_and_idempotent),
	T(import_check_is_pure),
	T(staff_who_left),
	T(per_template_figures),
};

int main(int argc, char **argv)
{
	build_world();
	int rc = harness_run("test_usage", usage_tests, YK_ARRAY_LEN(usage_tests), argc, argv);
	store_close(W.db);
	return rc;
}
