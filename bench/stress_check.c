/* bench/stress_check: how long the stress-check work of a 10,000-staff city
 * takes. Generates a fictional roster (10,000 staff in 40 units) and one
 * paper sheet per person (deterministic pseudo-random answers), then times:
 *   - scoring alone (both methods, all 19 scales) per sheet;
 *   - the paper import (CSV through src/ingest, checks, one transaction);
 *   - the group analysis of the whole campaign (roll-up, 判定図, suppression);
 *   - the crisis detector over the labelled sentences.
 * Anchor in the same run: a plain SQLite scan of the same sheets
 * (SELECT answers FROM sc_sheets), the least any analysis must read.
 *
 *   build/release/bench/stress_check [STAFF]
 */
#include <unistd.h>

#include "auth/auth.h"
#include "wellbeing/wellbeing.h"
#include "core/banned.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 32);
}

static double ms_since(int64_t t0)
{
	return (double)(yk_mono_us() - t0) / 1000.0;
}

static int count_unit(void *ctx, const struct wb_unit *u)
{
	(*(int *)ctx) += !u->suppressed;
	return 0;
}

int main(int argc, char **argv)
{
	int64_t staff = 10000;
	if (argc > 1 && yk_parse_i64(argv[1], strlen(argv[1]), 10, 1000000, &staff) != 0) {
		fprintf(stderr, "usage: stress_check [STAFF]\n");
		return 2;
	}
	char dir[] = "/tmp/yk-bench-stress-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[128];
	snprintf(path, sizeof(path), "%s/b.db", dir);
	struct store *db = NULL;
	struct yk_errinfo ei;
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, &ei) != 0) {
		fprintf(stderr, "open: %s\n", ei.message);
		return 1;
	}
	struct audit_actor cli = {0, "bench", NULL};
	struct yk_buf roster, sheets;
	yk_buf_init(&roster, 0);
	yk_buf_init(&sheets, 0);
	int rc = yk_buf_adds(&roster, "employee_no,name,department,tier,email\n");
	rc |= yk_buf_adds(&sheets, "employee_no,sex");
	for (int q = 1; q <= WB_ITEMS; q++)
		rc |= yk_buf_addf(&sheets, ",q%d", q);
	rc |= yk_buf_addc(&sheets, '\n');
	unsigned char *all = yk_xmalloc((size_t)staff * WB_ITEMS);
	enum wb_sex *sex = yk_xmalloc((size_t)staff * sizeof(*sex));
	for (int64_t i = 0; i < staff && !rc; i++) {
		rc |= yk_buf_addf(&roster, "B%06lld,職員%lld,部%lld/課%lld,一般職員,\n", (long long)i,
				  (long long)i, (long long)(i % 8), (long long)(i % 40));
		sex[i] = next() % 2 ? WB_SEX_MALE : WB_SEX_FEMALE;
		rc |= yk_buf_addf(&sheets, "B%06lld,%s", (long long)i, wb_sex_code(sex[i]));
		for (int q = 0; q < WB_ITEMS; q++) {
			all[i * WB_ITEMS + q] = (unsigned char)(1 + next() % 4);
			rc |= yk_buf_addf(&sheets, ",%d", all[i * WB_ITEMS + q]);
		}
		rc |= yk_buf_addc(&sheets, '\n');
	}
	struct auth_roster_result *rr = yk_xcalloc(1, sizeof(*rr));
	if (rc || auth_roster_import(db, &cli, roster.data, roster.len, "roster.csv", rr, &ei) != 0) {
		fprintf(stderr, "roster: %s\n", ei.message);
		return 1;
	}
	free(rr);

	/* Scoring alone. */
	struct wb_thresholds t;
	wb_thresholds_default(&t);
	int64_t t0 = yk_mono_us();
	long high = 0;
	for (int rep = 0; rep < 10; rep++)
		for (int64_t i = 0; i < staff; i++) {
			struct wb_score s;
			if (wb_score_sheet(all + i * WB_ITEMS, sex[i], &t, &s) == 0)
				high += s.sum_high;
		}
	double score_ms = ms_since(t0) / 10;

	/* Paper import. */
	struct wb_import_result *res = yk_xcalloc(1, sizeof(*res));
	t0 = yk_mono_us();
	rc = wb_import_paper(db, &cli, "bench", sheets.data, sheets.len, res, &ei);
	double import_ms = ms_since(t0);
	if (rc) {
		fprintf(stderr, "import: %s (%zu problems)\n", ei.message, res->problems.count);
		return 1;
	}
	struct wb_campaign c;
	if (wb_campaign_find(db, "bench", &c) != 0)
		return 1;

	/* Anchor: read every sheet once. */
	t0 = yk_mono_us();
	sqlite3_stmt *st = NULL;
	if (store_prepare(db, "SELECT answers FROM sc_sheets WHERE campaign_id = ?", &st, NULL) != 0)
		return 1;
	sqlite3_bind_int64(st, 1, c.id);
	size_t bytes = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		bytes += (size_t)sqlite3_column_bytes(st, 0);
	sqlite3_finalize(st);
	double scan_ms = ms_since(t0);

	/* Group analysis. */
	int shown = 0;
	t0 = yk_mono_us();
	if (wb_group_analysis(db, c.id, count_unit, &shown, &ei) != 0) {
		fprintf(stderr, "analysis: %s\n", ei.message);
		return 1;
	}
	double group_ms = ms_since(t0);

	/* Crisis detector over a long staff message, repeated. */
	static const char *const lines[] = {"締切で死にそう。でも今日はもう帰りたい。",
					    "上司との関係がしんどくて、朝起きるのがつらいです。",
					    "もう消えてしまいたいと思うことがある。"};
	size_t cbytes = 0;
	int fired = 0;
	t0 = yk_mono_us();
	for (int rep = 0; rep < 20000; rep++) {
		const char *s = lines[rep % 3];
		fired += wb_crisis_detect(s, strlen(s)) != WB_CRISIS_NONE;
		cbytes += strlen(s);
	}
	double crisis_ms = ms_since(t0);

	printf("stress_check: %lld staff, 40 units (+8 parents), %ld high (sum method)\n", (long long)staff,
	       high / 10);
	printf("  scoring (both methods)   %8.2f ms  %8.2f us/sheet\n", score_ms, score_ms * 1000 / (double)staff);
	printf("  paper import (ingest)    %8.2f ms  %8.0f sheets/s\n", import_ms, (double)staff / import_ms * 1000);
	printf("  anchor: SQLite scan      %8.2f ms  (%zu bytes of answers)\n", scan_ms, bytes);
	printf("  group analysis           %8.2f ms  %d units shown  ratio to anchor %.1fx\n", group_ms, shown,
	       group_ms / (scan_ms > 0 ? scan_ms : 1e-3));
	printf("  crisis detector          %8.2f ms  %.1f MB/s (%d of 20000 fired)\n", crisis_ms,
	       (double)cbytes / 1e6 / (crisis_ms / 1000), fired);
	free(res);
	free(all);
	free(sex);
	yk_buf_release(&roster);
	yk_buf_release(&sheets);
	store_close(db);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "%s/b.db", dir);
	unlink(cmd);
	snprintf(cmd, sizeof(cmd), "%s/b.db-wal", dir);
	unlink(cmd);
	snprintf(cmd, sizeof(cmd), "%s/b.db-shm", dir);
	unlink(cmd);
	rmdir(dir);
	return 0;
}
