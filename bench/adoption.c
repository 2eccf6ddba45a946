/* bench/adoption: the 活用状況 report over 10,000 staff and 5 million usage
 * events, against the same figures computed by plain SQL GROUP BY queries
 * over the raw usage_events table in the same run (the anchor).
 *
 *   build/release/bench/adoption [--staff N] [--events N] [--rounds N]
 *       [--anchor-rounds N] [--import-rows N] [--only-import] [--generate-only]
 *       [--db PATH] [--keep]
 *
 * With --db PATH the database is kept and reused by the next run (the data
 * is generated only when the file does not exist); --generate-only stops
 * after generating and folding it, so that copies of one big database can
 * be measured run after run (the import's rows depend only on the number
 * of events, so every copy gets the same log).
 *
 * Builds a temporary database: a roster of N staff in 12 部 x 5 課 (plus a
 * few small 係), and events over two fiscal years (令和5-6年度) with a
 * skewed use rate per person (a third never use it, a few use it daily),
 * features ask/chat/template/external:trial and 5% citizens' ask_public.
 * Then it times, as the median of --rounds runs:
 *   - the first fold of all events into the roll-ups, and an incremental
 *     fold of 1,000 new events;
 *   - the full report (every breakdown) and the headline only, for a whole
 *     fiscal year (roll-ups only) and for a period with partial months at
 *     both ends (roll-ups + raw events of the ends);
 *   - the anchor: headline, buckets, departments, tiers, features, months
 *     and weeks as GROUP BY queries over usage_events with its at index;
 *   - with --import-rows, `usage import` of a CSV of that many rows.
 * Prints each figure, the ratios, and the sizes of the roll-ups.
 */
#include <sqlite3.h>
#include <unistd.h>

#include "auth/auth.h"
#include "usage/usage.h"
#include "core/banned.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* Thread CPU time: the one-core cost of a report, not what other jobs on
 * a shared machine take from it (the wall time is printed once too). */
static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double wall_ms(void)
{
	return (double)yk_mono_us() / 1000.0;
}

static void die(const char *what, int rc)
{
	fprintf(stderr, "adoption: %s failed (%d)\n", what, rc);
	exit(1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- data ------------------------------------------------------------------ */

static void make_roster(struct store *db, int n_staff)
{
	static const char *const bu[12] = {"総務部", "企画部", "財政部", "市民部", "福祉部", "子ども部",
					   "環境部", "経済部", "建設部", "都市部", "税務部", "教育部"};
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	if (yk_buf_adds(&csv, "employee_no,name,department,tier\n"))
		die("csv", 0);
	for (int i = 0; i < n_staff; i++) {
		int d = i % 60;
		const char *tier = i % 40 == 0 ? AUTH_TIER_EXECUTIVE : i % 12 == 0 ? AUTH_TIER_DX_LEADER
										: AUTH_TIER_GENERAL;
		int rc = i >= n_staff - 9
				 ? yk_buf_addf(&csv, "B%06d,職員%d,%s/係%d,%s\n", i, i, bu[i % 3], i % 3, tier)
				 : yk_buf_addf(&csv, "B%06d,職員%d,%s/第%d課,%s\n", i, i, bu[d / 5], d % 5 + 1,
					       tier);
		if (rc)
			die("csv", rc);
	}
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	struct audit_actor cli = {0, "cli", NULL};
	int rc = auth_roster_import(db, &cli, csv.data, csv.len, "roster.csv", res, NULL);
	if (rc)
		die("roster import", rc);
	free(res);
	yk_buf_release(&csv);
}

static int64_t *staff_ids;
static int n_ids;

static int remember(void *ctx, const struct auth_staff *s)
{
	(void)ctx;
	staff_ids[n_ids++] = s->id;
	return 0;
}

/* Events over 令和5-6年度 (730 days); person i's rate is skewed. */
static void make_events(struct store *db, int n_staff, long n_events)
{
	staff_ids = yk_xcalloc((size_t)n_staff, sizeof(*staff_ids));
	int64_t total;
	if (auth_staff_list(db, NULL, 0, n_staff, remember, NULL, &total))
		die("staff list", 0);
	/* Weights: 1/3 zero; the rest ~ 1/(rank) flattened. */
	double *cum = yk_xcalloc((size_t)n_staff, sizeof(double));
	double sum = 0;
	for (int i = 0; i < n_staff; i++) {
		double w = i % 3 == 0 ? 0 : 1.0 / (1.0 + (double)(rnd(1000)) / 20.0);
		sum += w;
		cum[i] = sum;
	}
	sqlite3 *h = store_handle(db);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h,
			       "INSERT INTO usage_events(at, staff_id, feature, outcome) VALUES (?, ?, ?, ?)",
			       -1, &st, NULL))
		die("prepare", 0);
	static const char *const feats[] = {"ask", "ask", "ask", "ask", "chat", "chat", "chat",
					    "template", "external:trial", "ask_generate"};
	static const char *const outcomes[] = {"answer", "answer", "answer", "clarify", "unknown"};
	int32_t day0 = usage_day_from_civil(2023, 4, 1);
	/* Events arrive in time order, as they do in a running city. */
	if (store_exec(db, "PRAGMA cache_size = -262144", NULL) || store_exec(db, "BEGIN", NULL))
		die("begin", 0);
	for (long k = 0; k < n_events; k++) {
		int32_t day = day0 + (int32_t)(k * 731 / n_events);
		int64_t at = usage_day_start(day) + 8 * 3600 + rnd(11 * 3600);
		sqlite3_bind_int64(st, 1, at);
		if (rnd(20) == 0) { /* a citizen */
			sqlite3_bind_null(st, 2);
			sqlite3_bind_text(st, 3, "ask_public", -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, outcomes[rnd(5)], -1, SQLITE_STATIC);
		} else {
			double x = (double)rnd(1u << 30) / (double)(1u << 30) * sum;
			int lo = 0, hi = n_staff - 1;
			while (lo < hi) {
				int mid = (lo + hi) / 2;
				if (cum[mid] < x)
					lo = mid + 1;
				else
					hi = mid;
			}
			const char *f = feats[rnd(10)];
			sqlite3_bind_int64(st, 2, staff_ids[lo]);
			sqlite3_bind_text(st, 3, f, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, strcmp(f, "ask") == 0 ? outcomes[rnd(5)] : "ok", -1,
					  SQLITE_STATIC);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			die("insert", 0);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (store_exec(db, "COMMIT", NULL))
		die("commit", 0);
	free(cum);
}

/* ---- the anchor: plain GROUP BY over the raw table --------------------------- */

static const char *const anchor_sql[] = {
	/* headline */
	"SELECT count(DISTINCT e.staff_id), count(*) FROM usage_events e CROSS JOIN staff s ON s.id = e.staff_id"
	" WHERE e.at >= ?1 AND e.at < ?2",
	/* buckets */
	"SELECT CASE WHEN c >= 50 THEN 3 WHEN c >= 20 THEN 2 WHEN c >= 10 THEN 1 ELSE 0 END b, count(*)"
	" FROM (SELECT e.staff_id, count(*) c FROM usage_events e CROSS JOIN staff s ON s.id = e.staff_id"
	" WHERE e.at >= ?1 AND e.at < ?2 GROUP BY e.staff_id) GROUP BY b",
	/* departments (own staff only: the tree roll-up is not done in SQL) */
	"SELECT s.department_id, count(DISTINCT e.staff_id), count(*) FROM usage_events e"
	" CROSS JOIN staff s ON s.id = e.staff_id WHERE e.at >= ?1 AND e.at < ?2 GROUP BY s.department_id",
	/* tiers */
	"SELECT s.tier, count(DISTINCT e.staff_id), count(*) FROM usage_events e"
	" CROSS JOIN staff s ON s.id = e.staff_id WHERE e.at >= ?1 AND e.at < ?2 GROUP BY s.tier",
	/* features */
	"SELECT feature, count(*), count(DISTINCT staff_id) FROM usage_events"
	" WHERE at >= ?1 AND at < ?2 GROUP BY feature",
	/* months (JST) */
	"SELECT strftime('%Y-%m', at + 32400, 'unixepoch') m, count(DISTINCT staff_id), count(*)"
	" FROM usage_events WHERE at >= ?1 AND at < ?2 AND staff_id IS NOT NULL GROUP BY m",
	/* weeks (JST, Monday) */
	"SELECT (at + 32400 + 3 * 86400) / 604800 w, count(DISTINCT staff_id), count(*)"
	" FROM usage_events WHERE at >= ?1 AND at < ?2 AND staff_id IS NOT NULL GROUP BY w",
};
#define ANCHOR_HEADLINE 1 /* the first query alone */

static double run_anchor(struct store *db, int32_t a, int32_t b, size_t nq, int64_t *check)
{
	double t0 = now_ms();
	for (size_t i = 0; i < nq; i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(store_handle(db), anchor_sql[i], -1, &st, NULL))
			die(sqlite3_errmsg(store_handle(db)), (int)i);
		sqlite3_bind_int64(st, 1, usage_day_start(a));
		sqlite3_bind_int64(st, 2, usage_day_start(b + 1));
		while (sqlite3_step(st) == SQLITE_ROW)
			if (i == 0 && check) {
				check[0] = sqlite3_column_int64(st, 0);
				check[1] = sqlite3_column_int64(st, 1);
			}
		sqlite3_finalize(st);
	}
	return now_ms() - t0;
}

static double run_report(struct store *db, int32_t a, int32_t b, int headline,
			 struct usage_adoption_report **keep)
{
	struct usage_adoption_query q = {a, b, NULL, 0, headline};
	struct usage_adoption_report *r = NULL;
	double t0 = now_ms();
	int rc = usage_adoption_report(db, &q, &r, NULL);
	double t = now_ms() - t0;
	if (rc)
		die("report", rc);
	if (keep)
		*keep = r;
	else
		usage_adoption_report_free(r);
	return t;
}

static int64_t count_rows(struct store *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(store_handle(db), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The anchor of the import: the same rows stored by plain SQL, one
 * prepared INSERT per row into usage_events itself (its indexes, the same
 * page cache), the employee number looked up by a subquery, in one
 * transaction that is then rolled back: no checks, import keys or
 * roll-ups. Returns the thread CPU ms up to the rollback. */
static double import_anchor(struct store *db, const uint32_t *emp, const int64_t *at, long n)
{
	sqlite3 *h = store_handle(db);
	double c0 = now_ms();
	sqlite3_stmt *st = NULL;
	if (sqlite3_exec(h, "PRAGMA cache_size = -65536; BEGIN IMMEDIATE", NULL, NULL, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(h,
			       "INSERT INTO usage_events(at, staff_id, feature, outcome)"
			       " VALUES (?1, (SELECT id FROM staff WHERE employee_no = ?2), ?3, 'ok')",
			       -1, &st, NULL) != SQLITE_OK)
		die("anchor insert", 0);
	for (long k = 0; k < n; k++) {
		char no[16];
		snprintf(no, sizeof(no), "B%06u", emp[k]);
		sqlite3_bind_int64(st, 1, at[k]);
		sqlite3_bind_text(st, 2, no, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, "external:trial", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("anchor insert", 0);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	double c = now_ms() - c0;
	if (sqlite3_exec(h, "ROLLBACK; PRAGMA cache_size = -2000", NULL, NULL, NULL) != SQLITE_OK)
		die("anchor rollback", 0);
	return c;
}

/* `usage import` of a log of n rows (令和7年度, outside the generated
 * years), then the same file again (every row a duplicate), against the
 * plain-SQL anchor. The rows depend on how many events the database holds,
 * so that a kept database (--db) gets new rows on every run. */
static void bench_import(struct store *db, int n_staff, long n)
{
	rng ^= (uint64_t)count_rows(db, "SELECT count(*) FROM usage_events") * 0xD1B54A32D192ED03ull;
	if (!rng)
		rng = 1;
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	if (yk_buf_adds(&csv, "職員番号,日時,機能\r\n"))
		die("csv", 0);
	uint32_t *emp = yk_xmalloc((size_t)n * sizeof(*emp));
	int64_t *at = yk_xmalloc((size_t)n * sizeof(*at));
	int32_t day0 = usage_day_from_civil(2025, 4, 1);
	for (long k = 0; k < n; k++) {
		int32_t day = day0 + (int32_t)(k * 365 / n);
		int y, m, d;
		usage_day_civil(day, &y, &m, &d);
		uint32_t sec = 8 * 3600 + rnd(11 * 3600);
		emp[k] = rnd((uint32_t)n_staff - 9);
		at[k] = usage_day_start(day) + sec;
		if (yk_buf_addf(&csv, "B%06u,%04d-%02d-%02d %02u:%02u:%02u,external:trial\r\n", emp[k],
				y, m, d, sec / 3600, sec / 60 % 60, sec % 60))
			die("csv", 0);
	}
	struct usage_import_result *res = yk_xcalloc(1, sizeof(*res));
	struct audit_actor cli = {0, "cli", NULL};
	double first = 0;
	for (int pass = 0; pass < 2; pass++) {
		double c0 = now_ms(), w0 = wall_ms();
		int rc = usage_import(db, &cli, csv.data, csv.len, "trial.csv", res, NULL);
		double c = now_ms() - c0, w = wall_ms() - w0;
		if (rc)
			die("import", rc);
		if (!pass)
			first = c;
		printf("usage import of %ld rows (%.1f MB)%s: %.0f ms CPU, %.0f ms wall: %.0f rows/s CPU,"
		       " %.0f rows/s wall (inserted %zu, duplicates %zu)\n",
		       n, (double)csv.len / 1e6, pass ? ", again" : "", c, w, (double)n / (c / 1000),
		       (double)n / (w / 1000), res->inserted, res->duplicates);
	}
	double a = import_anchor(db, emp, at, n);
	printf("anchor (plain INSERT per row, one transaction, no checks/keys/roll-ups): %.0f ms CPU,"
	       " %.0f rows/s\n", a, (double)n / (a / 1000));
	printf("import: %.0f rows/s CPU, %.2fx the anchor's speed; goal >= 200,000 rows/s: %s\n",
	       (double)n / (first / 1000), a / first, (double)n / (first / 1000) >= 200000 ? "met" : "NOT met");
	free(emp);
	free(at);
	free(res);
	yk_buf_release(&csv);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	int n_staff = 10000, rounds = 5, anchor_rounds = 1, keep = 0, only_import = 0, generate_only = 0;
	long n_events = 5000000, import_rows = 0;
	const char *db_path = NULL;
	for (int i = 1; i < argc; i++) {
		int64_t v = 0;
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : "";
		if (strcmp(a, "--keep") == 0) {
			keep = 1;
			continue;
		}
		if (strcmp(a, "--only-import") == 0) {
			only_import = 1;
			continue;
		}
		if (strcmp(a, "--generate-only") == 0) {
			generate_only = 1;
			continue;
		}
		if (strcmp(a, "--db") == 0) {
			db_path = val;
			i++;
			continue;
		}
		if (yk_parse_i64(val, strlen(val), 1, 100000000, &v)) {
			fprintf(stderr, "usage: adoption [--staff N] [--events N] [--rounds N] [--import-rows N] [--db PATH] [--keep]\n");
			return 2;
		}
		if (strcmp(a, "--staff") == 0)
			n_staff = (int)v;
		else if (strcmp(a, "--events") == 0)
			n_events = (long)v;
		else if (strcmp(a, "--rounds") == 0)
			rounds = v > 99 ? 99 : (int)v;
		else if (strcmp(a, "--anchor-rounds") == 0)
			anchor_rounds = v > 99 ? 99 : (int)v;
		else if (strcmp(a, "--import-rows") == 0)
			import_rows = (long)v;
		else
			return 2;
		i++;
	}
	char tmp[] = "/tmp/yk-bench-adoption-XXXXXX";
	char path[256];
	if (db_path) {
		yk_strlcpy(path, db_path, sizeof(path));
	} else {
		if (!mkdtemp(tmp))
			die("mkdtemp", 0);
		snprintf(path, sizeof(path), "%s/bench.db", tmp);
	}
	struct store *db = NULL;
	int fresh = access(path, F_OK) != 0;
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL))
		die("open", 0);
	if (fresh) {
		double t0 = now_ms();
		make_roster(db, n_staff);
		make_events(db, n_staff, n_events);
		printf("data: %d staff, %ld events over 令和5-6年度 generated in %.1f s\n", n_staff,
		       n_events, (now_ms() - t0) / 1000);
	}
	n_events = count_rows(db, "SELECT count(*) FROM usage_events");

	int64_t pending = n_events - count_rows(db, "SELECT last_event_id FROM usage_rollup_state");
	double t0 = now_ms();
	if (usage_rollup_update(db, NULL))
		die("fold", 0);
	double tf = now_ms() - t0;
	if (pending > 0)
		printf("first fold of %lld events into the roll-ups: %.0f ms CPU (%.0f events/s)\n",
		       (long long)pending, tf, (double)pending / (tf / 1000));
	printf("roll-up rows: usage_month_staff %lld, usage_day_feature %lld, usage_staff_days %lld\n",
	       (long long)count_rows(db, "SELECT count(*) FROM usage_month_staff"),
	       (long long)count_rows(db, "SELECT count(*) FROM usage_day_feature"),
	       (long long)count_rows(db, "SELECT count(*) FROM usage_staff_days"));

	if (generate_only) {
		store_close(db);
		return 0;
	}
	if (only_import) {
		bench_import(db, n_staff, import_rows > 0 ? import_rows : 1000000);
		store_close(db);
		return 0;
	}
	int32_t fa, fb;
	usage_fiscal_range(2024, &fa, &fb);
	int32_t pa = usage_day_from_civil(2024, 4, 15), pb = usage_day_from_civil(2025, 3, 20);
	double full[99], head[99], part[99], phead[99], anc[99], anch[99], ancp[99];
	struct usage_adoption_report *r = NULL;
	for (int k = 0; k < rounds; k++) {
		full[k] = run_report(db, fa, fb, 0, k == 0 ? &r : NULL);
		head[k] = run_report(db, fa, fb, 1, NULL);
		part[k] = run_report(db, pa, pb, 0, NULL);
		phead[k] = run_report(db, pa, pb, 1, NULL);
	}
	/* The anchor takes seconds per run: --anchor-rounds of it (default 1). */
	for (int k = 0; k < anchor_rounds; k++) {
		anc[k] = run_anchor(db, fa, fb, YK_ARRAY_LEN(anchor_sql), NULL);
		anch[k] = run_anchor(db, fa, fb, ANCHOR_HEADLINE, NULL);
		ancp[k] = run_anchor(db, pa, pb, YK_ARRAY_LEN(anchor_sql), NULL);
	}
	double w0 = wall_ms();
	run_report(db, fa, fb, 0, NULL);
	double wall_full = wall_ms() - w0;
	int64_t check[2] = {0, 0};
	run_anchor(db, fa, fb, ANCHOR_HEADLINE, check);
	printf("\n令和6年度 (whole months): eligible %lld, active %lld (anchor %lld), uses %lld (anchor %lld)%s\n",
	       (long long)r->eligible, (long long)r->active, (long long)check[0], (long long)r->uses,
	       (long long)check[1], r->active == check[0] && r->uses == check[1] ? ", equal" : ", DIFFERENT");
	printf("buckets 1-9/10-19/20-49/50+: %lld/%lld/%lld/%lld; %zu departments shown, %zu months, %zu weeks\n",
	       (long long)r->buckets[0].users, (long long)r->buckets[1].users,
	       (long long)r->buckets[2].users, (long long)r->buckets[3].users, r->n_departments,
	       r->n_months, r->n_weeks);
	usage_adoption_report_free(r);

	double mf = median(full, rounds), mh = median(head, rounds), mp = median(part, rounds),
	       mph = median(phead, rounds), ma = median(anc, anchor_rounds),
	       mah = median(anch, anchor_rounds), map = median(ancp, anchor_rounds);
	printf("\nthread CPU time, median of %d (anchor %d) rounds  yakuba   anchor (GROUP BY)   ratio\n",
	       rounds, anchor_rounds);
	printf("full report, 令和6年度                 %8.1f ms   %8.1f ms        %6.1fx\n", mf, ma, ma / mf);
	printf("headline, 令和6年度                    %8.1f ms   %8.1f ms        %6.1fx\n", mh, mah, mah / mh);
	printf("full report, 2024-04-15..2025-03-20    %8.1f ms   %8.1f ms        %6.1fx\n", mp, map, map / mp);
	printf("headline, 2024-04-15..2025-03-20       %8.1f ms\n", mph);
	printf("(one full report, wall clock: %.1f ms)\n", wall_full);
	printf("goals: full report < 200 ms: %s; headline < 20 ms: %s\n", mf < 200 ? "met" : "NOT met",
	       mh < 20 ? "met" : "NOT met");

	/* Incremental fold: what a report pays after new events. */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_handle(db),
			       "INSERT INTO usage_events(at, staff_id, feature, outcome)"
			       " SELECT at + 1, staff_id, feature, outcome FROM usage_events"
			       " ORDER BY id DESC LIMIT 1000",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	t0 = now_ms();
	if (usage_rollup_update(db, NULL))
		die("fold", 0);
	printf("incremental fold of 1,000 new events: %.1f ms\n", now_ms() - t0);
	if (import_rows > 0)
		bench_import(db, n_staff, import_rows);
	store_close(db);
	if (!keep && !db_path) {
		char cmd[512];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
		if (system(cmd) != 0)
			fprintf(stderr, "adoption: could not remove %s\n", tmp);
	}
	return 0;
}
