/* Benchmark of the training report (issue 11; not part of `make test`).
 *
 * Builds a city of STAFF roster entries, SESSIONS sessions with ATTEND
 * attendees each (a third of them repeats) and an anonymous post-survey
 * (satisfaction, usefulness, a comment) answered by 84% of attendees, all
 * through the real module calls (so the submit path is measured too), then
 * times:
 *   submit   survey_submit per response (each in its own transaction:
 *            random id, answered mark, answers)
 *   report   training_report_build (attendance, repeat attendees, every
 *            session's survey results; free text counted, no MeCab)
 *   anchor   the least SQL any such report runs over the same tables: one
 *            GROUP BY over all answers plus one count of attendees per
 *            session; the ratio is report / anchor.
 *
 *   build/release/bench/training_report [STAFF] [SESSIONS] [ATTEND]
 *   (defaults 3500 40 80)
 */
#include <stdlib.h>
#include <unistd.h>

#include "survey/survey.h"
#include "training/training.h"

static double now_ms(void)
{
	return (double)yk_mono_us() / 1000.0;
}

static void die(const char *what, int rc, const struct yk_errinfo *ei)
{
	fprintf(stderr, "training_report: %s failed (%d): %s\n", what, rc, ei ? ei->message : "");
	exit(1);
}

static int64_t arg(int argc, char **argv, int i, int64_t def)
{
	int64_t v;
	if (argc <= i || yk_parse_i64(argv[i], strlen(argv[i]), 1, 10000000, &v))
		return def;
	return v;
}

int main(int argc, char **argv)
{
	int64_t nstaff = arg(argc, argv, 1, 3500), nsessions = arg(argc, argv, 2, 40),
		attend = arg(argc, argv, 3, 80);
	if (attend > nstaff)
		attend = nstaff;
	char dir[] = "/tmp/yk-bench-training-XXXXXX", path[128];
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/b.db", dir);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct store *db = NULL;
	int rc = store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, &ei);
	if (rc)
		die("open", rc, &ei);
	struct audit_actor cli = {0, "bench", NULL};

	/* Roster: 50 staff per 課. */
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	if (yk_buf_adds(&csv, "employee_no,name,department,tier,email\n"))
		return 1;
	for (int64_t i = 0; i < nstaff; i++)
		if (yk_buf_addf(&csv, "%lld,職員%lld,第%lld部/第%lld課,一般職員,\n", (long long)(100000 + i),
				(long long)i, (long long)(i / 500 + 1), (long long)(i / 50 % 10 + 1)))
			return 1;
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	if ((rc = auth_roster_import(db, &cli, csv.data, csv.len, "roster.csv", res, &ei)))
		die("roster", rc, &ei);
	free(res);
	yk_buf_release(&csv);

	double submit_ms = 0;
	int64_t responses = 0;
	const char **nums = yk_xcalloc((size_t)attend, sizeof(char *));
	char (*buf)[24] = yk_xcalloc((size_t)attend, 24);
	for (int64_t s = 0; s < nsessions; s++) {
		struct training_session *ss = yk_xcalloc(1, sizeof(*ss));
		snprintf(ss->title, sizeof(ss->title), "研修 %lld", (long long)s);
		char day[32];
		snprintf(day, sizeof(day), "2026-%02d-%02d", (int)(s / 28 % 12 + 1), (int)(s % 28 + 1));
		yk_strlcpy(ss->day, day, sizeof(ss->day));
		int64_t sid;
		if ((rc = training_session_save(db, &cli, ss, &sid, NULL, &ei)))
			die("session", rc, &ei);
		/* A third of each session came before: the window slides by
		 * two thirds of a session. */
		int64_t first = (s * attend * 2 / 3) % (nstaff - attend + 1);
		for (int64_t k = 0; k < attend; k++) {
			snprintf(buf[k], 24, "%lld", (long long)(100000 + first + k));
			nums[k] = buf[k];
		}
		struct training_number_list list = {nums, NULL, (size_t)attend};
		size_t added;
		if ((rc = training_attend_import(db, &cli, sid, &list, "a.csv", &added, &ei)))
			die("attend", rc, &ei);
		int64_t survey_id;
		if ((rc = training_survey_ensure(db, &cli, sid, TRAINING_POST, &survey_id, &ei)))
			die("survey", rc, &ei);
		struct survey *sv = NULL;
		if ((rc = survey_get(db, survey_id, &sv, &ei)))
			die("survey_get", rc, &ei);
		for (int64_t k = 0; k < attend * 84 / 100; k++) {
			int64_t staff_id;
			if (training_staff_by_number(db, nums[k], &staff_id))
				die("staff", -1, NULL);
			struct survey_answer a[3] = {{sv->questions[0].id, (int)(5 - k % 3), 0, NULL},
						     {sv->questions[1].id, (int)(5 - k % 4), 0, NULL},
						     {sv->questions[2].id, 0, 0, "議事録の要約に使いたい"}};
			double t0 = now_ms();
			if ((rc = survey_submit(db, survey_id, staff_id, a, 3, 0, &ei)))
				die("submit", rc, &ei);
			submit_ms += now_ms() - t0;
			responses++;
		}
		survey_free(sv);
		free(ss);
	}
	free(nums);
	free(buf);

	/* Best of 5 for both, so that the shared machine's noise counts less. */
	double best_report = 1e18, best_anchor = 1e18;
	int64_t check = 0;
	for (int round = 0; round < 5; round++) {
		double t0 = now_ms();
		struct training_report *r = NULL;
		if ((rc = training_report_build(db, NULL, &r, &ei)))
			die("report", rc, &ei);
		double t = now_ms() - t0;
		best_report = t < best_report ? t : best_report;
		check = 0;
		for (size_t i = 0; i < r->nsessions; i++)
			check += r->sessions[i].post ? r->sessions[i].post->responses : 0;
		training_report_free(r);

		t0 = now_ms();
		sqlite3_stmt *st = NULL;
		int64_t sink = 0;
		if (store_prepare(db, "SELECT question_id, value, count(*) FROM survey_answers GROUP BY 1, 2",
				  &st, NULL) == 0) {
			while (sqlite3_step(st) == SQLITE_ROW)
				sink += sqlite3_column_int64(st, 2);
			sqlite3_finalize(st);
		}
		if (store_prepare(db, "SELECT session_id, count(*) FROM training_attendance GROUP BY 1", &st,
				  NULL) == 0) {
			while (sqlite3_step(st) == SQLITE_ROW)
				sink += sqlite3_column_int64(st, 1);
			sqlite3_finalize(st);
		}
		t = now_ms() - t0;
		best_anchor = t < best_anchor ? t : best_anchor;
		if (sink < 0)
			return 1;
	}
	printf("training_report: %lld staff, %lld sessions x %lld attendees, %lld responses (check %lld)\n",
	       (long long)nstaff, (long long)nsessions, (long long)attend, (long long)responses,
	       (long long)check);
	printf("submit: %.3f ms per response (%.0f responses/s, one transaction each)\n",
	       submit_ms / (double)responses, 1000.0 * (double)responses / submit_ms);
	printf("report: %.2f ms (best of 5)\n", best_report);
	printf("anchor (GROUP BY answers + attendance): %.2f ms\n", best_anchor);
	printf("ratio report/anchor: %.2f\n", best_report / best_anchor);
	store_close(db);
	unlink(path);
	char wal[160];
	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", path);
	unlink(wal);
	rmdir(dir);
	return check == responses ? 0 : 1;
}
