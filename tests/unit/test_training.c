/* Unit tests for src/training: the seed city's two study sessions as a
 * scenario (79 attended / 66 answered; 27 attended with 16 repeats / 22
 * answered; quota recruitment for the first, an open call with a cap and a
 * waiting list for the second), anonymous-survey unlinkability (a test that
 * tries to join answers to attendees and fails), certification coverage
 * and the nearest holder, subsidies, curriculum blocks and iCalendar. */
#include <stdlib.h>
#include <unistd.h>

#include "llm/llm.h"
#include "usage/usage.h"
#include "survey/survey.h"
#include "training/training.h"
#include "db_fixture.h"
#include "harness.h"

static struct store *fresh_db(void)
{
	return fixture_db("training");
}

static const struct audit_actor cli = {0, "cli", NULL};

/* The seed city: 8 部 × 6 課, 10 staff in each 課 (480 staff), employee
 * numbers 10000 + 100 * section + k. */
#define BU 8
#define KA 6
#define PER 10

static void seed_roster(struct store *db)
{
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	if (yk_buf_adds(&csv, "employee_no,name,department,tier,email\n"))
		abort();
	static const char *const sei[] = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"};
	for (int b = 0; b < BU; b++)
		for (int k = 0; k < KA; k++)
			for (int p = 0; p < PER; p++)
				if (yk_buf_addf(&csv, "%d,%s%c%d,第%d部/第%d課,%s,\n", 10000 + 100 * (b * KA + k) + p,
						sei[p], 'A' + b, k, b + 1, k + 1,
						p == 0 ? "幹部" : p == 1 ? "DX推進リーダー" : "一般職員"))
					abort();
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	if (auth_roster_import(db, &cli, csv.data, csv.len, "roster.csv", res, NULL) != 0)
		abort();
	free(res);
	yk_buf_release(&csv);
}

static int64_t staff_no(struct store *db, int section, int p)
{
	char no[16];
	snprintf(no, sizeof(no), "%d", 10000 + 100 * section + p);
	int64_t id = 0;
	if (training_staff_by_number(db, no, &id) != 0)
		abort();
	return id;
}

static int64_t dept_of_section(struct store *db, int section)
{
	char path[64];
	snprintf(path, sizeof(path), "第%d部/第%d課", section / KA + 1, section % KA + 1);
	struct auth_department d;
	if (auth_dept_find(db, path, &d) != 0)
		abort();
	return d.id;
}

static int64_t new_session(struct store *db, const char *title, const char *day, int64_t capacity,
			   enum training_recruitment rec)
{
	struct training_session *s = yk_xcalloc(1, sizeof(*s));
	yk_strlcpy(s->title, title, sizeof(s->title));
	yk_strlcpy(s->day, day, sizeof(s->day));
	s->capacity = capacity;
	s->recruitment = rec;
	int64_t id = 0;
	if (training_session_save(db, &cli, s, &id, NULL, NULL) != 0)
		abort();
	free(s);
	return id;
}

/* Answers the session's post-survey for staff_id: satisfaction value,
 * usefulness value, and a comment. */
static int answer_post(struct store *db, int64_t session_id, int64_t staff_id, int sat, int use,
		       const char *comment)
{
	struct training_session *s = yk_xcalloc(1, sizeof(*s));
	if (training_session_get(db, session_id, s, NULL) != 0)
		abort();
	struct survey *sv = NULL;
	if (survey_get(db, s->post_survey_id, &sv, NULL) != 0)
		abort();
	struct survey_answer a[3] = {{sv->questions[0].id, sat, 0, NULL},
				     {sv->questions[1].id, use, 0, NULL},
				     {sv->questions[2].id, 0, 0, comment}};
	int rc = training_survey_answer(db, session_id, TRAINING_POST, staff_id, a, 3, NULL);
	survey_free(sv);
	free(s);
	return rc;
}

static const struct training_report_session *report_session(const struct training_report *r,
							     int64_t id)
{
	for (size_t i = 0; i < r->nsessions; i++)
		if (r->sessions[i].id == id)
			return &r->sessions[i];
	return NULL;
}

/* ---- the seed scenario ------------------------------------------------------------- */

struct fill {
	int64_t quotas, registered, depts;
};

static int fill_fn(void *ctx, const struct training_quota_fill *q)
{
	struct fill *f = ctx;
	f->quotas += q->quota;
	f->registered += q->registered;
	f->depts++;
	return 0;
}

TEST(seed_two_sessions)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);

	/* Session 1: beginners, 1-2 per 課 by quota (2 per 課 for the first
	 * 31 課, 1 for the other 17: 62 + 17 = 79). */
	int64_t s1 = new_session(db, "生成AI勉強会（初学者向け）", "2026-06-10", 0, TRAINING_QUOTA);
	int sections = BU * KA;
	for (int k = 0; k < sections; k++)
		CHECK_INT(training_quota_set(db, &cli, s1, dept_of_section(db, k), k < 31 ? 2 : 1, NULL, &ei), 0);
	enum training_reg_status st;
	int64_t nominated = 0;
	for (int k = 0; k < sections; k++)
		for (int p = 0; p < (k < 31 ? 2 : 1); p++) {
			CHECK_INT(training_register(db, &cli, s1, staff_no(db, k, p + 2), 1, &st, &ei), 0);
			CHECK_INT(st, TRAINING_REGISTERED);
			nominated++;
		}
	CHECK_INT(nominated, 79);
	/* A third person of a 課 with 2 places is refused; so is anyone when
	 * the 課 has 1 place and it is taken. */
	CHECK_INT(training_register(db, &cli, s1, staff_no(db, 0, 9), 1, &st, &ei), YK_ECONFLICT);
	CHECK(strstr(ei.message, "枠") != NULL);
	CHECK_INT(training_register(db, &cli, s1, staff_no(db, 40, 9), 0, &st, &ei), YK_ECONFLICT);
	/* Registering twice is refused. */
	CHECK_INT(training_register(db, &cli, s1, staff_no(db, 0, 2), 0, &st, &ei), YK_ECONFLICT);

	/* Per-department fill against quota. */
	struct fill f = {0, 0, 0};
	CHECK_INT(training_quota_list(db, s1, fill_fn, &f), 0);
	CHECK_INT(f.depts, 48);
	CHECK_INT(f.quotas, 79);
	CHECK_INT(f.registered, 79);

	/* Everyone nominated attended (the list is imported by number). */
	const char *nums[79];
	long lines[79];
	char buf[79][16];
	size_t n = 0;
	for (int k = 0; k < sections; k++)
		for (int p = 0; p < (k < 31 ? 2 : 1); p++) {
			snprintf(buf[n], sizeof(buf[n]), "%d", 10000 + 100 * k + p + 2);
			nums[n] = buf[n];
			lines[n] = (long)n + 2;
			n++;
		}
	struct training_number_list list = {nums, lines, n};
	size_t added = 0;
	CHECK_INT(training_attend_import(db, &cli, s1, &list, "attend1.csv", &added, &ei), 0);
	CHECK_INT(added, 79);

	int64_t post1 = 0;
	CHECK_INT(training_survey_ensure(db, &cli, s1, TRAINING_POST, &post1, &ei), 0);
	CHECK(post1 > 0);
	/* 66 of the 79 answer: 64 satisfied or rather satisfied (97%). */
	int answered = 0;
	for (size_t i = 0; i < n && answered < 66; i++) {
		int64_t sid = 0;
		CHECK_INT(training_staff_by_number(db, nums[i], &sid), 0);
		int sat = answered < 40 ? 5 : answered < 64 ? 4 : 3;
		CHECK_INT(answer_post(db, s1, sid, sat, answered < 50 ? 5 : 2, ""), 0);
		answered++;
	}
	/* Someone who did not attend cannot answer the post-survey. */
	CHECK_INT(answer_post(db, s1, staff_no(db, 0, 9), 5, 5, ""), YK_EFORBIDDEN);

	/* Session 2: applying AI to one's own work, open call up to 40 with a
	 * waiting list; a pre-survey collects each person's work problem. */
	int64_t s2 = new_session(db, "生成AI勉強会（業務での活用）", "2026-09-15", 40, TRAINING_OPEN);
	int64_t pre2 = 0;
	CHECK_INT(training_survey_ensure(db, &cli, s2, TRAINING_PRE, &pre2, &ei), 0);
	/* 45 volunteers: 20 who came to session 1 (the first 20 attendees)
	 * and 25 who did not. */
	int64_t vol[45];
	for (int i = 0; i < 20; i++)
		CHECK_INT(training_staff_by_number(db, nums[i], &vol[i]), 0);
	for (int i = 0; i < 25; i++)
		vol[20 + i] = staff_no(db, 31 + (i % 17), 3 + i / 17);
	int waiting = 0;
	for (int i = 0; i < 45; i++) {
		CHECK_INT(training_register(db, &cli, s2, vol[i], 0, &st, &ei), 0);
		waiting += st == TRAINING_WAITING;
	}
	CHECK_INT(waiting, 5);
	/* A cancellation moves the first on the waiting list up. */
	int64_t promoted = 0;
	CHECK_INT(training_cancel(db, &cli, s2, vol[3], &promoted, &ei), 0);
	CHECK_INT(promoted, vol[40]);
	CHECK_INT(training_cancel(db, &cli, s2, vol[41], &promoted, &ei), 0); /* a waiting one */
	CHECK_INT(promoted, 0);
	CHECK_INT(training_cancel(db, &cli, s2, vol[5], &promoted, &ei), 0);
	CHECK_INT(promoted, vol[42]);
	CHECK_INT(training_cancel(db, &cli, s2, vol[5], &promoted, &ei), YK_ENOTFOUND);
	struct training_session *ss = yk_xcalloc(1, sizeof(*ss));
	CHECK_INT(training_session_get(db, s2, ss, &ei), 0);
	CHECK_INT(ss->registered, 40);
	CHECK_INT(ss->waiting, 2);

	/* The pre-survey: registered people describe their work problem. */
	struct survey *pre = NULL;
	CHECK_INT(survey_get(db, pre2, &pre, &ei), 0);
	REQUIRE(pre && pre->nquestions == 2);
	struct survey_answer pa[2] = {{pre->questions[0].id, 1, 0, NULL},
				      {pre->questions[1].id, 0, 0, "議事録の要約に使いたい"}};
	CHECK_INT(training_survey_answer(db, s2, TRAINING_PRE, vol[0], pa, 2, &ei), 0);
	CHECK_INT(training_survey_answer(db, s2, TRAINING_PRE, vol[0], pa, 2, &ei), YK_ECONFLICT);
	CHECK_INT(training_survey_answer(db, s2, TRAINING_PRE, staff_no(db, 0, 9), pa, 2, &ei),
		  YK_EFORBIDDEN);
	survey_free(pre);

	/* 27 attended: 16 who came to session 1 (volunteers 0..19 except the
	 * cancelled 3 and 5, two absent) and 11 first-timers. */
	int attended2 = 0, repeats = 0;
	for (int i = 0; i < 45 && attended2 < 27; i++) {
		if (i == 3 || i == 5 || i == 41 || i == 43 || i == 44)
			continue;
		if (i < 20 && repeats >= 16)
			continue;
		CHECK_INT(training_attend_set(db, &cli, s2, vol[i], 1, &ei), 0);
		attended2++;
		repeats += i < 20;
	}
	CHECK_INT(attended2, 27);
	CHECK_INT(repeats, 16);
	int64_t post2 = 0;
	CHECK_INT(training_survey_ensure(db, &cli, s2, TRAINING_POST, &post2, &ei), 0);
	int done = 0;
	for (int i = 0; i < 45 && done < 22; i++)
		if (answer_post(db, s2, vol[i], 5, 5, "") == 0)
			done++;
	CHECK_INT(done, 22);

	struct training_report *r = NULL;
	CHECK_INT(training_report_build(db, NULL, &r, &ei), 0);
	REQUIRE(r && r->nsessions == 2);
	const struct training_report_session *a = report_session(r, s1), *b = report_session(r, s2);
	REQUIRE(a && b);
	CHECK_INT(a->attendees, 79);
	CHECK_INT(a->repeat_attendees, 0);
	REQUIRE(a->post);
	CHECK_INT(a->post->responses, 66);
	CHECK((int)(a->post->response_rate * 100 + 0.5) == 84);
	CHECK_INT(a->post->questions[0].responses, 66);
	CHECK(a->post->questions[0].top2_share > 0.969 && a->post->questions[0].top2_share < 0.970);
	CHECK_INT(a->post->questions[0].buckets[0].count, 40); /* 満足 */
	CHECK_STR(a->post->questions[0].buckets[0].label, "満足");
	CHECK_INT(b->attendees, 27);
	CHECK_INT(b->repeat_attendees, 16);
	REQUIRE(b->post);
	CHECK_INT(b->post->responses, 22);
	CHECK((int)(b->post->response_rate * 100 + 0.5) == 81);
	REQUIRE(b->pre);
	CHECK_INT(b->pre->responses, 1);
	training_report_free(r);
	free(ss);
	CHECK_INT(store_stmt_busy_count(db), 0); /* every cached statement was reset */
	store_close(db);
}


/* ---- unlinkability ------------------------------------------------------------------ */

static int count_cols(struct store *db, const char *table, const char *const *expect, size_t n)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
	sqlite3_stmt *st = NULL;
	if (store_prepare(db, sql, &st, NULL) != 0)
		return -1;
	size_t i = 0;
	int ok = 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		ok &= i < n && strcmp(name, expect[i]) == 0;
		i++;
	}
	sqlite3_finalize(st);
	return ok && i == n;
}

/* "回答者007" → 7; -1 for anything else. */
static int who_of(const char *t)
{
	int64_t v;
	size_t len = t ? strlen(t) : 0;
	if (len < 3 || yk_parse_i64(t + len - 3, 3, 0, 999, &v) != 0)
		return -1;
	return (int)v;
}

TEST(anonymous_answers_cannot_be_joined_to_attendees)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int64_t s = new_session(db, "匿名アンケートの研修", "2026-07-01", 0, TRAINING_OPEN);
	int64_t post = 0;
	CHECK_INT(training_survey_ensure(db, &cli, s, TRAINING_POST, &post, &ei), 0);
	/* 60 attendees answer in roster order, each leaving their own index in
	 * the comment, so that we know the truth an attacker wants. */
	enum { N = 60 };
	int64_t ids[N];
	for (int i = 0; i < N; i++) {
		ids[i] = staff_no(db, i / PER, i % PER);
		CHECK_INT(training_attend_set(db, &cli, s, ids[i], 1, &ei), 0);
	}
	for (int i = 0; i < N; i++) {
		char comment[32];
		snprintf(comment, sizeof(comment), "回答者%03d", i);
		CHECK_INT(answer_post(db, s, ids[i], 1 + i % 5, 1 + (i / 5) % 5, comment), 0);
	}
	/* A double answer is refused: "has answered" is kept. */
	CHECK_INT(answer_post(db, s, ids[0], 5, 5, "二回目"), YK_ECONFLICT);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM survey_answered"), N);

	/* 1. No column links a response to a person, and the schema refuses one. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM survey_responses WHERE staff_id IS NOT NULL"), 0);
	CHECK(store_exec(db, "UPDATE survey_responses SET staff_id = (SELECT min(id) FROM staff)", NULL) != 0);
	/* 2. No time finer than a day, no rowid, no order column. */
	static const char *const rcols[] = {"id", "survey_id", "staff_id", "anonymous", "day"};
	static const char *const acols[] = {"response_id", "question_id", "value", "text"};
	static const char *const hcols[] = {"survey_id", "staff_id"};
	CHECK(count_cols(db, "survey_responses", rcols, 5) == 1);
	CHECK(count_cols(db, "survey_answers", acols, 4) == 1);
	CHECK(count_cols(db, "survey_answered", hcols, 2) == 1);
	CHECK_INT(fixture_int(db, "SELECT max(length(day)) FROM survey_responses"), 10);
	sqlite3_stmt *st = NULL;
	CHECK(store_prepare(db, "SELECT rowid FROM survey_responses", &st, NULL) != 0);
	CHECK(store_prepare(db, "SELECT rowid FROM survey_answered", &st, NULL) != 0);
	CHECK(store_prepare(db, "SELECT rowid FROM survey_answers", &st, NULL) != 0);

	/* 3. The attack: pair the i-th response in storage order with the i-th
	 * person who answered (in the answered table's order, and in the
	 * attendance order) and count how many pairs are right. Ids drawn at
	 * random make storage order a random permutation: about one pair is
	 * right by chance; 10 or more happens with odds below 1e-6. A
	 * sequential id would get all 60 right. */
	int64_t answered_order[N];
	int na = 0;
	CHECK_INT(store_prepare(db, "SELECT staff_id FROM survey_answered", &st, NULL), 0);
	while (sqlite3_step(st) == SQLITE_ROW && na < N)
		answered_order[na++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	CHECK_INT(na, N);
	CHECK_INT(store_prepare(db,
				"SELECT a.text FROM survey_responses r JOIN survey_answers a"
				" ON a.response_id = r.id WHERE a.text <> '' ORDER BY r.id",
				&st, NULL),
		  0);
	int right = 0, i = 0, right_by_storage = 0;
	while (sqlite3_step(st) == SQLITE_ROW && i < N) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		int who = who_of(t);
		right += who >= 0 && answered_order[i] == ids[who];
		right_by_storage += who == i;
		i++;
	}
	sqlite3_finalize(st);
	CHECK_INT(i, N);
	CHECK(right < 10);
	CHECK(right_by_storage < 10);
	/* 4. The day is the only time, and it is the same for everyone who
	 * answered that day. */
	CHECK_INT(fixture_int(db, "SELECT count(DISTINCT day) FROM survey_responses"), 1);
	store_close(db);
}

/* ---- certifications ------------------------------------------------------------------- */

static int count_rows(void *ctx, const struct training_cert *c)
{
	(void)c;
	(*(int *)ctx)++;
	return 0;
}

TEST(certification_coverage_and_nearest_holder)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	/* Holders: section 0 (第1部/第1課) has two, section 2 (第1部/第3課) one,
	 * section 7 (第2部/第2課) one unconfirmed (does not count). */
	struct training_cert_row rows[] = {
		{"10000", "G検定", "2026-03-01", 2},
		{"10005", "ITパスポート", "2025-10-10", 3},
		{"10203", "G検定", "2026-05-20", 4},
	};
	size_t stored = 0;
	CHECK_INT(training_cert_import(db, &cli, rows, 3, "certs.csv", &stored, &ei), 0);
	CHECK_INT(stored, 3);
	int64_t id = 0;
	CHECK_INT(training_cert_record(db, &cli, staff_no(db, 7, 4), "DS検定", "2026-01-01", "合格証の写し", 0, &id, &ei), 0);

	/* A bad row: nothing is stored, and the message names file and line. */
	struct training_cert_row bad[] = {
		{"10100", "G検定", "2026-03-01", 2},
		{"99999", "G検定", "2026-03-01", 3},
	};
	CHECK_INT(training_cert_import(db, &cli, bad, 2, "bad.csv", &stored, &ei), YK_EPARSE);
	char msg[600];
	yk_errinfo_format(&ei, msg, sizeof(msg));
	CHECK(strncmp(msg, "bad.csv:3: ", 11) == 0);
	struct training_cert_row bad2[] = {{"10100", "英検", "2026-03-01", 7}};
	CHECK_INT(training_cert_import(db, &cli, bad2, 1, "bad.csv", &stored, &ei), YK_EPARSE);
	CHECK_INT(ei.line, 7);
	struct training_cert_row bad3[] = {{"10100", "G検定", "2026-02-30", 5}};
	CHECK_INT(training_cert_import(db, &cli, bad3, 1, "bad.csv", &stored, &ei), YK_EPARSE);
	int n = 0;
	CHECK_INT(training_cert_list(db, 0, count_rows, &n), 0);
	CHECK_INT(n, 4);

	struct training_cert_report *r = NULL;
	CHECK_INT(training_cert_report_build(db, &r, &ei), 0);
	REQUIRE(r);
	CHECK_INT(r->departments, BU * KA);
	CHECK_INT(r->departments_with_holder, 2);
	int64_t g = -1;
	for (size_t i = 0; i < r->ncertifications; i++)
		if (strcmp(r->by_certification[i].name, "G検定") == 0)
			g = r->by_certification[i].holders;
	CHECK_INT(g, 2);
	CHECK_STR(r->by_department[0].department, "第1部/第1課");
	CHECK_INT(r->by_department[0].staff, PER);
	CHECK_INT(r->by_department[0].holders, 2);
	training_cert_report_free(r);

	/* Confirming the DS検定 adds 第2部/第2課. */
	CHECK_INT(training_cert_confirm(db, &cli, id, &ei), 0);
	CHECK_INT(training_cert_report_build(db, &r, &ei), 0);
	CHECK_INT(r->departments_with_holder, 3);
	training_cert_report_free(r);

	/* Nearest holder: same 課 first; else same 部; else nobody. */
	struct training_nearest near;
	CHECK_INT(training_nearest_holder(db, staff_no(db, 0, 7), &near), 0);
	CHECK(near.found && near.same_department);
	CHECK_STR(near.department, "第1部/第1課");
	CHECK_INT(training_nearest_holder(db, staff_no(db, 0, 0), &near), 0); /* a holder: the other one */
	CHECK(near.found && near.same_department);
	CHECK_INT(training_nearest_holder(db, staff_no(db, 1, 3), &near), 0);
	CHECK(near.found && !near.same_department);
	CHECK(strncmp(near.department, "第1部/", strlen("第1部/")) == 0);
	CHECK_INT(training_nearest_holder(db, staff_no(db, 20, 3), &near), 0); /* 第4部 */
	CHECK(!near.found);
	CHECK_INT(training_nearest_holder(db, 999999, &near), YK_ENOTFOUND);

	/* An unknown certification name is refused; admins can add one. */
	CHECK_INT(training_cert_record(db, &cli, staff_no(db, 3, 3), "英検", "2026-01-01", NULL, 1, &id, &ei), YK_EINVAL);
	CHECK_INT(training_cert_kind_add(db, &cli, "英検", &id, &ei), 0);
	CHECK_INT(training_cert_kind_add(db, &cli, "英検", &id, &ei), YK_ECONFLICT);
	store_close(db);
}

TEST(subsidy_moves_applied_approved_paid)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	int64_t id = 0;
	CHECK_INT(training_subsidy_apply(db, &cli, staff_no(db, 0, 1), "G検定", 6600, "自己啓発助成（半額）", &id, &ei), 0);
	CHECK_INT(training_subsidy_set_status(db, &cli, id, TRAINING_SUBSIDY_PAID, &ei), YK_ECONFLICT);
	CHECK_INT(training_subsidy_set_status(db, &cli, id, TRAINING_SUBSIDY_APPROVED, &ei), 0);
	CHECK_INT(training_subsidy_set_status(db, &cli, id, TRAINING_SUBSIDY_PAID, &ei), 0);
	CHECK_INT(training_subsidy_set_status(db, &cli, id, TRAINING_SUBSIDY_REJECTED, &ei), YK_ECONFLICT);
	CHECK_INT(training_subsidy_apply(db, &cli, staff_no(db, 0, 1), "G検定", -1, NULL, &id, &ei), YK_EINVAL);
	CHECK_INT(training_subsidy_apply(db, &cli, staff_no(db, 0, 1), "なし", 100, NULL, &id, &ei), YK_EINVAL);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action LIKE 'training.subsidy.%'"), 3);
	store_close(db);
}

/* ---- small pure parts ------------------------------------------------------------------ */

TEST(blocks_days_and_ics)
{
	struct training_block b[TRAINING_BLOCKS_MAX];
	size_t n = 0;
	struct yk_errinfo ei;
	const char *s = "講義 50分 / 休憩 10分 ／ 実践　６０分";
	CHECK_INT(training_blocks_parse(s, strlen(s), b, &n, &ei), 0);
	REQUIRE(n == 3);
	CHECK_STR(b[0].label, "講義");
	CHECK_INT(b[0].minutes, 50);
	CHECK_STR(b[2].label, "実践");
	CHECK_INT(b[2].minutes, 60);
	CHECK_INT(training_blocks_parse("講義", 6, b, &n, &ei), YK_EINVAL);
	/* A control character in a label (found by fuzz_training_blocks). */
	CHECK_INT(training_blocks_parse("\0\0a 1,b 2", 10, b, &n, &ei), YK_EINVAL);
	CHECK_INT(training_blocks_parse("a\tb 1", 6, b, &n, &ei), YK_EINVAL);
	CHECK_INT(training_blocks_parse("", 0, b, &n, &ei), 0);
	CHECK_INT(n, 0);
	CHECK(training_day_valid("2024-02-29", 10));
	CHECK(!training_day_valid("2023-02-29", 10));
	CHECK(!training_day_valid("2026-13-01", 10));
	CHECK(!training_day_valid("2026-1-01", 9));

	struct training_session *ss = yk_xcalloc(1, sizeof(*ss));
	ss->id = 7;
	yk_strlcpy(ss->title, "生成AI勉強会, 第2回; 活用編", sizeof(ss->title));
	yk_strlcpy(ss->day, "2026-09-15", sizeof(ss->day));
	yk_strlcpy(ss->start_time, "14:00", sizeof(ss->start_time));
	yk_strlcpy(ss->end_time, "16:00", sizeof(ss->end_time));
	yk_strlcpy(ss->place, "本庁舎 5階 大会議室", sizeof(ss->place));
	struct yk_buf out;
	yk_buf_init(&out, 0);
	CHECK_INT(training_session_ics(ss, "yakuba.example.jp", &out), 0);
	CHECK(strstr(out.data, "BEGIN:VEVENT\r\n") != NULL);
	CHECK(strstr(out.data, "DTSTART:20260915T140000\r\n") != NULL);
	CHECK(strstr(out.data, "DTEND:20260915T160000\r\n") != NULL);
	CHECK(strstr(out.data, "SUMMARY:生成AI勉強会\\, 第2回\\; 活用編\r\n") != NULL);
	CHECK(strstr(out.data, "UID:training-7@yakuba.example.jp\r\n") != NULL);
	/* Every line is at most 75 octets. */
	size_t col = 0;
	int ok = 1;
	for (size_t i = 0; i < out.len; i++) {
		if (out.data[i] == '\r')
			continue;
		if (out.data[i] == '\n') {
			col = 0;
			continue;
		}
		ok &= ++col <= 75;
	}
	CHECK(ok);
	yk_buf_release(&out);
	/* A link is a URI: its commas and semicolons stay as they are. */
	yk_strlcpy(ss->online_url, "https://meet.example.jp/j/123?pwd=a,b;c", sizeof(ss->online_url));
	yk_buf_init(&out, 0);
	CHECK_INT(training_session_ics(ss, NULL, &out), 0);
	CHECK(strstr(out.data, "URL:https://meet.example.jp/j/123?pwd=a,b;c\r\n") != NULL);
	yk_buf_release(&out);
	ss->online_url[0] = '\0';
	ss->start_time[0] = '\0';
	yk_buf_init(&out, 0);
	CHECK_INT(training_session_ics(ss, NULL, &out), 0);
	CHECK(strstr(out.data, "DTSTART;VALUE=DATE:20260915\r\n") != NULL);
	yk_buf_release(&out);
	free(ss);
}

TEST(session_validation)
{
	struct store *db = fresh_db();
	struct training_session *s = yk_xcalloc(1, sizeof(*s));
	struct yk_errinfo ei;
	int64_t id;
	yk_errinfo_clear(&ei);
	CHECK_INT(training_session_save(db, &cli, s, &id, NULL, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "title");
	yk_strlcpy(s->title, "研修", sizeof(s->title));
	yk_strlcpy(s->day, "2026/01/01", sizeof(s->day));
	CHECK_INT(training_session_save(db, &cli, s, &id, NULL, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "date");
	yk_strlcpy(s->day, "2026-01-01", sizeof(s->day));
	yk_strlcpy(s->start_time, "25:00", sizeof(s->start_time));
	CHECK_INT(training_session_save(db, &cli, s, &id, NULL, &ei), YK_EINVAL);
	s->start_time[0] = '\0';
	yk_strlcpy(s->online_url, "javascript:alert(1)", sizeof(s->online_url));
	CHECK_INT(training_session_save(db, &cli, s, &id, NULL, &ei), YK_EINVAL);
	s->online_url[0] = '\0';
	s->series_id = 99;
	CHECK_INT(training_session_save(db, &cli, s, &id, NULL, &ei), YK_EINVAL);
	s->series_id = 0;
	CHECK_INT(training_session_save(db, &cli, s, &id, NULL, &ei), 0);
	s->id = id + 100;
	CHECK_INT(training_session_save(db, &cli, s, &id, NULL, &ei), YK_ENOTFOUND);
	CHECK_INT(training_session_delete(db, &cli, 12345, &ei), YK_ENOTFOUND);
	free(s);
	store_close(db);
}


/* ---- materials, curricula, outcome ------------------------------------------------------ */

static int count_material(void *ctx, const struct training_material *m)
{
	int64_t *v = ctx;
	v[0]++;
	v[1] += m->viewers;
	return 0;
}

struct reach {
	int64_t months, month_readers, depts, dept_readers, first_dept_staff;
};

static int reach_fn(void *ctx, const struct training_reach_row *r)
{
	struct reach *x = ctx;
	if (r->month) {
		x->months++;
		x->month_readers += r->readers;
	} else {
		if (!x->depts)
			x->first_dept_staff = r->staff;
		x->depts++;
		x->dept_readers += r->readers;
	}
	return 0;
}

struct completion {
	int64_t general_staff, general_done, general_required, dept_rows;
};

/* Totals of the 幹部 tier, which has no curriculum in the test. */
static int executive_fn(void *ctx, const struct training_completion_row *r)
{
	int64_t *v = ctx;
	if (strcmp(r->tier, "幹部") == 0 && !r->department) {
		v[0] = r->required;
		v[1] = r->staff;
		v[2] = r->completed;
	}
	return 0;
}

static int completion_fn(void *ctx, const struct training_completion_row *r)
{
	struct completion *c = ctx;
	if (strcmp(r->tier, "一般職員") != 0)
		return 0;
	if (!r->department) {
		c->general_staff = r->staff;
		c->general_done = r->completed;
		c->general_required = r->required;
	} else {
		c->dept_rows++;
	}
	return 0;
}

TEST(materials_reach_and_curriculum)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	static const char pdf[] = "%PDF-1.4\n% newsletter\n";
	int64_t m1 = 0, m2 = 0;
	CHECK_INT(training_material_add(db, &cli, "AI通信 第12号", 1, 12, "ai-12.pdf", pdf, sizeof(pdf) - 1, 0, &m1, &ei), 0);
	CHECK_INT(training_material_add(db, &cli, "AI通信 第13号", 1, 13, "ai-13.pdf", pdf, sizeof(pdf) - 1, 0, &m2, &ei), 0);
	CHECK_INT(training_material_add(db, &cli, "偽物", 0, 0, "x.pdf", "MZ\x90", 3, 0, &m2, &ei), YK_EINVAL);
	CHECK_INT(training_material_add(db, &cli, "偽物", 0, 0, "../x.pdf", pdf, 5, 0, &m2, &ei), YK_EINVAL);
	m2 = m1 + 1;
	char *data = NULL;
	size_t len = 0;
	char name[256], mime[128];
	/* Three readers of issue 12 (one opens it twice), one of issue 13. */
	int64_t r1 = staff_no(db, 0, 3), r2 = staff_no(db, 0, 4), r3 = staff_no(db, 7, 4);
	int64_t who[] = {r1, r1, r2, r3};
	for (size_t i = 0; i < 4; i++) {
		CHECK_INT(training_material_open(db, m1, who[i], &data, &len, name, sizeof(name), mime, sizeof(mime), &ei), 0);
		CHECK_INT(len, sizeof(pdf) - 1);
		CHECK_STR(mime, "application/pdf");
		free(data);
	}
	CHECK_INT(training_material_open(db, m2, r1, &data, &len, name, sizeof(name), mime, sizeof(mime), &ei), 0);
	free(data);
	CHECK_INT(training_material_open(db, 9999, r1, &data, &len, name, sizeof(name), mime, sizeof(mime), &ei), YK_ENOTFOUND);
	int64_t cnt[2] = {0, 0};
	CHECK_INT(training_material_list(db, count_material, cnt), 0);
	CHECK_INT(cnt[0], 2);
	CHECK_INT(cnt[1], 4); /* 3 distinct readers of 12, 1 of 13 */
	struct reach rr = {0, 0, 0, 0, 0};
	CHECK_INT(training_material_reach(db, 0, reach_fn, &rr), 0);
	CHECK_INT(rr.months, 1);
	CHECK_INT(rr.month_readers, 3); /* distinct newsletter readers */
	CHECK_INT(rr.depts, BU * KA);
	CHECK_INT(rr.dept_readers, 3);
	CHECK_INT(rr.first_dept_staff, PER);

	/* Curriculum: 一般職員 must attend session s and read issue 12. */
	int64_t s = new_session(db, "DX基礎研修", "2026-05-01", 0, TRAINING_OPEN);
	int64_t sessions[] = {s}, materials[] = {m1};
	CHECK_INT(training_curriculum_set(db, &cli, TRAINING_TIER_GENERAL, sessions, 1, materials, 1, &ei), 0);
	CHECK_INT(training_attend_set(db, &cli, s, r1, 1, &ei), 0); /* also read 12 */
	CHECK_INT(training_attend_set(db, &cli, s, staff_no(db, 0, 5), 1, &ei), 0); /* did not read */
	struct completion c = {0, 0, 0, 0};
	CHECK_INT(training_completion(db, completion_fn, &c), 0);
	CHECK_INT(c.general_required, 2);
	CHECK_INT(c.general_staff, BU * KA * (PER - 2));
	CHECK_INT(c.general_done, 1);
	CHECK_INT(c.dept_rows, BU * KA);
	/* Nothing is required of 幹部: nobody has "completed" an empty list. */
	int64_t ex[3] = {-1, -1, -1};
	CHECK_INT(training_completion(db, executive_fn, ex), 0);
	CHECK_INT(ex[0], 0);
	CHECK_INT(ex[1], BU * KA);
	CHECK_INT(ex[2], 0);
	int64_t bad[] = {4242};
	CHECK_INT(training_curriculum_set(db, &cli, TRAINING_TIER_GENERAL, bad, 1, NULL, 0, &ei), YK_EINVAL);
	CHECK_INT(training_curriculum_set(db, &cli, 8, NULL, 0, NULL, 0, &ei), YK_EINVAL);
	store_close(db);
}

TEST(outcome_before_and_after)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	/* Logins for six staff (login = 職員番号): three attend. */
	int64_t users[6];
	for (int i = 0; i < 6; i++) {
		char login[16], otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
		snprintf(login, sizeof(login), "%d", 10000 + i + 2);
		struct auth_user_spec spec = {login, "職員", NULL, NULL, AUTH_ROLE_STAFF};
		CHECK_INT(auth_user_create(db, &cli, &spec, otp, sizeof(otp), &users[i], &ei), 0);
	}
	int64_t s = new_session(db, "生成AI勉強会", "2026-06-10", 0, TRAINING_OPEN);
	for (int i = 0; i < 3; i++)
		CHECK_INT(training_attend_set(db, &cli, s, staff_no(db, 0, i + 2), 1, &ei), 0);
	/* 2026-06-10 00:00 JST = 2026-06-09T15:00Z = 1781017200. */
	const int64_t pivot = 1781017200;
	struct { int user; int64_t at; const char *feature; } ev[] = {
		{0, pivot - 86400, "ask"},           /* attendee, before */
		{0, pivot + 3600, "ask"},            /* attendee, after (the day itself) */
		{0, pivot + 86400, "chat"},
		{1, pivot + 5 * 86400, "template"},
		{1, pivot + 29 * 86400, "ask_generate"},
		{2, pivot + 31 * 86400, "ask"},      /* outside the window */
		{3, pivot - 10 * 86400, "ask"},      /* non-attendee, before */
		{4, pivot + 10 * 86400, "ask"},      /* non-attendee, after */
		{4, pivot + 11 * 86400, "ask_public"}, /* not counted */
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(ev); i++) {
		struct usage_event e = {ev[i].at, users[ev[i].user], 0, ev[i].feature, "ok", 0, 0, 0};
		CHECK_INT(usage_record(db, &e), 0);
	}
	struct training_outcome o;
	CHECK_INT(training_outcome(db, s, &o, &ei), 0);
	CHECK_STR(o.pivot, "2026-06-10");
	CHECK_STR(o.from, "2026-05-11");
	CHECK_STR(o.to, "2026-07-10");
	CHECK_INT(o.attendees.people, 3);
	CHECK_INT(o.attendees.active_before, 1);
	CHECK_INT(o.attendees.active_after, 2);
	CHECK_INT(o.attendees.events_before[USAGE_GROUP_ASK], 1);
	CHECK_INT(o.attendees.events_after[USAGE_GROUP_ASK], 1);
	CHECK_INT(o.attendees.events_after[USAGE_GROUP_GENAI], 2);
	CHECK_INT(o.attendees.events_after[USAGE_GROUP_TEMPLATE], 1);
	CHECK_INT(o.others.people, 3);
	CHECK_INT(o.others.active_before, 1);
	CHECK_INT(o.others.active_after, 1);
	CHECK_INT(o.others.events_after[USAGE_GROUP_ASK], 1);
	CHECK_INT(training_outcome(db, 999, &o, &ei), YK_ENOTFOUND);
	store_close(db);
}

/* The templates handed out at a session: their uses (turns sent to the
 * model with the template) by attendees and by others, before and after;
 * other templates do not count, and a user counts once per side. */
TEST(outcome_counts_the_templates_handed_out)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int64_t users[4];
	for (int i = 0; i < 4; i++) {
		char login[16], otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
		snprintf(login, sizeof(login), "%d", 10000 + i);
		struct auth_user_spec spec = {login, "職員", NULL, NULL, AUTH_ROLE_STAFF};
		CHECK_INT(auth_user_create(db, &cli, &spec, otp, sizeof(otp), &users[i], &ei), 0);
	}
	struct training_session *ses = yk_xcalloc(1, sizeof(*ses));
	yk_strlcpy(ses->title, "プロンプト20選", sizeof(ses->title));
	yk_strlcpy(ses->day, "2026-06-10", sizeof(ses->day));
	ses->templates[0] = 7;
	ses->templates[1] = 9;
	ses->ntemplates = 2;
	int64_t s = 0;
	CHECK_INT(training_session_save(db, &cli, ses, &s, NULL, &ei), 0);
	free(ses);
	CHECK_INT(training_attend_set(db, &cli, s, staff_no(db, 0, 0), 1, &ei), 0);
	CHECK_INT(training_attend_set(db, &cli, s, staff_no(db, 0, 1), 1, &ei), 0);
	const int64_t pivot = 1781017200; /* 2026-06-10 00:00 JST */
	struct { int user; int64_t at; int64_t tpl; } ev[] = {
		{0, pivot - 3 * 86400, 7},  /* attendee 0, before */
		{0, pivot + 3600, 7},       /* after, twice and two templates: one user */
		{0, pivot + 7200, 9},
		{1, pivot + 2 * 86400, 9},  /* attendee 1, after */
		{1, pivot + 2 * 86400, 8},  /* a template not handed out */
		{1, pivot + 40 * 86400, 7}, /* outside the window */
		{2, pivot - 86400, 9},      /* non-attendee, before */
		{3, pivot + 86400, 0},      /* no template */
		{2, pivot + 86400, -9},     /* blocked by the guard: never reached the model */
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(ev); i++) {
		int blocked = ev[i].tpl < 0;
		struct usage_event e = {.at = ev[i].at, .user_id = users[ev[i].user],
					.feature = "chat", .outcome = blocked ? "blocked" : "ok",
					.template_id = blocked ? -ev[i].tpl : ev[i].tpl};
		CHECK_INT(usage_record(db, &e), 0);
	}
	struct training_outcome o;
	CHECK_INT(training_outcome(db, s, &o, &ei), 0);
	CHECK_INT((int64_t)o.ntemplates, 2);
	CHECK_INT(o.templates_attendees.users_before, 1);
	CHECK_INT(o.templates_attendees.uses_before, 1);
	CHECK_INT(o.templates_attendees.users_after, 2);
	CHECK_INT(o.templates_attendees.uses_after, 3);
	CHECK_INT(o.templates_others.users_before, 1);
	CHECK_INT(o.templates_others.uses_before, 1);
	CHECK_INT(o.templates_others.users_after, 0);
	CHECK_INT(o.templates_others.uses_after, 0);
	/* A session without templates reports zeros. */
	int64_t plain = new_session(db, "テンプレートなし", "2026-06-10", 0, TRAINING_OPEN);
	CHECK_INT(training_outcome(db, plain, &o, &ei), 0);
	CHECK_INT((int64_t)o.ntemplates, 0);
	CHECK_INT(o.templates_attendees.uses_after + o.templates_others.uses_before, 0);
	store_close(db);
}

struct member_seen {
	int n;
	int64_t attended[8], staff[8];
	int took[8], passed[8];
};

static int collect_member(void *ctx, const struct training_series_member *m)
{
	struct member_seen *w = ctx;
	if (w->n < 8) {
		w->staff[w->n] = m->staff_id;
		w->attended[w->n] = m->attended;
		w->took[w->n] = m->took_exam;
		w->passed[w->n++] = m->passed;
	}
	return 0;
}

/* A G検定 study group: members are who came to its meetings plus anyone
 * whose exam outcome was recorded; passed implies took. */
TEST(series_members_meetings_and_outcome)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int64_t sid = 0;
	CHECK_INT(training_series_create(db, &cli, "G検定 勉強会", "G検定", &sid, &ei), 0);
	int64_t meet[3];
	for (int i = 0; i < 3; i++) {
		struct training_session *x = yk_xcalloc(1, sizeof(*x));
		snprintf(x->title, sizeof(x->title), "第%d回", i + 1);
		static const char *const days[] = {"2026-07-01", "2026-07-08", "2026-07-15"};
		yk_strlcpy(x->day, days[i], sizeof(x->day));
		x->series_id = sid;
		CHECK_INT(training_session_save(db, &cli, x, &meet[i], NULL, &ei), 0);
		free(x);
	}
	int64_t a = staff_no(db, 0, 0), b = staff_no(db, 0, 1), c = staff_no(db, 7, 3);
	for (int i = 0; i < 3; i++)
		CHECK_INT(training_attend_set(db, &cli, meet[i], a, 1, &ei), 0);
	CHECK_INT(training_attend_set(db, &cli, meet[2], b, 1, &ei), 0);
	CHECK_INT(training_series_result(db, &cli, sid, a, 0, 1, &ei), 0); /* passed ⇒ took */
	CHECK_INT(training_series_result(db, &cli, sid, c, 1, 0, &ei), 0);
	struct training_series_info info;
	CHECK_INT(training_series_get(db, sid, &info, &ei), 0);
	CHECK_INT(info.sessions, 3);
	CHECK_INT(info.members, 3);
	CHECK_INT(info.took_exam, 2);
	CHECK_INT(info.passed, 1);
	struct member_seen w = {0};
	CHECK_INT(training_series_members(db, sid, collect_member, &w), 0);
	REQUIRE(w.n == 3);
	for (int i = 0; i < w.n; i++) {
		if (w.staff[i] == a)
			CHECK(w.attended[i] == 3 && w.took[i] && w.passed[i]);
		else if (w.staff[i] == b)
			CHECK(w.attended[i] == 1 && !w.took[i] && !w.passed[i]);
		else
			CHECK(w.staff[i] == c && w.attended[i] == 0 && w.took[i] && !w.passed[i]);
	}
	CHECK_INT(training_series_get(db, sid + 100, &info, &ei), YK_ENOTFOUND);
	/* Another series has nobody. */
	int64_t other = 0;
	CHECK_INT(training_series_create(db, &cli, "DS検定 勉強会", "DS検定", &other, &ei), 0);
	struct member_seen none = {0};
	CHECK_INT(training_series_members(db, other, collect_member, &none), 0);
	CHECK_INT(none.n, 0);
	store_close(db);
}

struct nominee_seen {
	int n, outside;
	const char *scope;
};

static int count_nominee(void *ctx, const struct training_roll_entry *e)
{
	struct nominee_seen *w = ctx;
	w->n++;
	w->outside += w->scope && !auth_dept_within(e->department, w->scope);
	return 0;
}

/* A head of 第1部 may nominate for quota sessions staff of 第1部 and the
 * 課 below it, and no one else. */
TEST(head_nominates_within_own_subtree)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int64_t q = new_session(db, "推薦の研修", "2026-08-01", 0, TRAINING_QUOTA);
	int64_t open = new_session(db, "公募の研修", "2026-08-02", 0, TRAINING_OPEN);
	int64_t inside = staff_no(db, 2, 4);            /* 第1部/第3課 */
	int64_t outside = staff_no(db, KA + 1, 4);      /* 第2部/第2課 */
	CHECK_INT(training_nominee_check(db, q, inside, "第1部", &ei), 0);
	CHECK_INT(training_nominee_check(db, q, inside, "第1部/第3課", &ei), 0);
	CHECK_INT(training_nominee_check(db, q, inside, "第1部/第2課", &ei), YK_EFORBIDDEN);
	CHECK_INT(training_nominee_check(db, q, outside, "第1部", &ei), YK_EFORBIDDEN);
	CHECK_INT(training_nominee_check(db, open, inside, "第1部", &ei), YK_EFORBIDDEN);
	CHECK_INT(training_nominee_check(db, 9999, inside, "第1部", &ei), YK_ENOTFOUND);
	struct nominee_seen w = {0, 0, "第1部"};
	CHECK_INT(training_nominees(db, q, "第1部", count_nominee, &w), 0);
	CHECK_INT(w.n, KA * PER);
	CHECK_INT(w.outside, 0);
	struct nominee_seen all = {0, 0, NULL};
	CHECK_INT(training_nominees(db, q, NULL, count_nominee, &all), 0);
	CHECK_INT(all.n, BU * KA * PER);
	store_close(db);
}

/* Departments three levels deep: a 係 belongs to its 課, a 部長 sitting in
 * the 部 itself finds holders anywhere below it. */
TEST(nearest_holder_in_deeper_departments)
{
	struct store *db = fresh_db();
	static const char csv[] = "employee_no,name,department,tier,email\n"
				  "1,部長,市民部,幹部,\n"
				  "2,課員,市民部/市民課,一般職員,\n"
				  "3,係員A,市民部/市民課/窓口係,一般職員,\n"
				  "4,係員B,市民部/市民課/記録係,一般職員,\n"
				  "5,別課,市民部/保険年金課,一般職員,\n"
				  "6,他部,総務部/人事課,一般職員,\n";
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	REQUIRE(auth_roster_import(db, &cli, csv, sizeof(csv) - 1, "r.csv", res, NULL) == 0);
	free(res);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int64_t id[7] = {0}, cert;
	for (int i = 1; i <= 6; i++) {
		char no[16];
		snprintf(no, sizeof(no), "%d", i);
		REQUIRE(training_staff_by_number(db, no, &id[i]) == 0);
	}
	/* Holders: 記録係 (4) and 保険年金課 (5). */
	CHECK_INT(training_cert_record(db, &cli, id[4], "G検定", "2026-01-01", NULL, 1, &cert, &ei), 0);
	CHECK_INT(training_cert_record(db, &cli, id[5], "G検定", "2026-01-01", NULL, 1, &cert, &ei), 0);
	struct training_nearest near;
	/* 窓口係: the holder in the sibling 係 is in the same 課. */
	CHECK_INT(training_nearest_holder(db, id[3], &near), 0);
	CHECK(near.found && near.same_department);
	CHECK_STR(near.name, "係員B");
	/* 市民課 itself: its 係 are part of it. */
	CHECK_INT(training_nearest_holder(db, id[2], &near), 0);
	CHECK(near.found && near.same_department);
	CHECK_STR(near.name, "係員B");
	/* The 部長 in 市民部 finds someone below; not in the same 課. */
	CHECK_INT(training_nearest_holder(db, id[1], &near), 0);
	CHECK(near.found && !near.same_department);
	/* 保険年金課's own holder asks the 記録係 one (same 部). */
	CHECK_INT(training_nearest_holder(db, id[5], &near), 0);
	CHECK(near.found && !near.same_department);
	CHECK_STR(near.name, "係員B");
	/* 総務部 has nobody. */
	CHECK_INT(training_nearest_holder(db, id[6], &near), 0);
	CHECK(!near.found);
	store_close(db);
}

/* Counts the audit rows of action whose detail holds needle. */
static int64_t audit_rows(struct store *db, const char *action, const char *needle)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(db,
			  "SELECT count(*) FROM audit_log WHERE action = ?1 AND instr(coalesce(detail, ''), ?2) > 0",
			  &st, NULL) != 0)
		return -1;
	sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, needle, -1, SQLITE_STATIC);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

struct my_find {
	int64_t session_id;
	struct training_my_session m;
	int found;
};

static int my_find_fn(void *ctx, const struct training_my_session *m)
{
	struct my_find *f = ctx;
	if (m->session_id == f->session_id) {
		f->m = *m;
		f->found = 1;
	}
	return 0;
}

static struct training_my_session my_status(struct store *db, int64_t session_id, int64_t staff_id)
{
	struct my_find f;
	memset(&f, 0, sizeof(f));
	f.session_id = session_id;
	if (training_my_sessions(db, staff_id, my_find_fn, &f) != 0 || !f.found)
		abort();
	return f.m;
}

TEST(raised_capacity_and_quota_move_the_waiting_list_up_in_order)
{
	struct store *db = fresh_db();
	seed_roster(db);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	enum training_reg_status st;

	/* Open call for 2: six ask, four wait (p = 2..5 in that order). */
	int64_t s = new_session(db, "キャンセル待ちの繰り上げ", "2026-10-01", 2, TRAINING_OPEN);
	int64_t who[6];
	for (int p = 0; p < 6; p++) {
		who[p] = staff_no(db, 0, p);
		CHECK_INT(training_register(db, &cli, s, who[p], 0, &st, &ei), 0);
		CHECK_INT(st, p < 2 ? TRAINING_REGISTERED : TRAINING_WAITING);
	}
	/* Capacity 2 → 4: the first two waiting move up, in the order they asked. */
	struct training_session *ss = yk_xcalloc(1, sizeof(*ss));
	REQUIRE(training_session_get(db, s, ss, &ei) == 0);
	ss->capacity = 4;
	int64_t id = 0;
	struct training_promoted moved;
	CHECK_INT(training_session_save(db, &cli, ss, &id, &moved, &ei), 0);
	REQUIRE(moved.n == 2);
	CHECK_INT(moved.staff_ids[0], who[2]);
	CHECK_INT(moved.staff_ids[1], who[3]);
	training_promoted_release(&moved);
	CHECK_INT(moved.n, 0);
	CHECK(moved.staff_ids == NULL);
	struct training_my_session m = my_status(db, s, who[2]);
	CHECK_INT(m.status, TRAINING_REGISTERED);
	CHECK(m.promoted_at > 0); /* the person's page tells them */
	CHECK_INT(my_status(db, s, who[0]).promoted_at, 0); /* never waited */
	m = my_status(db, s, who[4]);
	CHECK_INT(m.status, TRAINING_WAITING);
	CHECK_INT(m.waiting_position, 1);
	/* Each move has its audit row, with the reason. */
	char needle[64];
	snprintf(needle, sizeof(needle), "\"staff_id\":%lld,", (long long)who[2]);
	CHECK_INT(audit_rows(db, "training.promote", needle), 1);
	CHECK_INT(audit_rows(db, "training.promote", "\"reason\":\"capacity\""), 2);

	/* Saving again without more room moves nobody. */
	CHECK_INT(training_session_save(db, &cli, ss, &id, &moved, &ei), 0);
	CHECK_INT(moved.n, 0);
	training_promoted_release(&moved);

	/* A cancellation moves the next one up, audited as such. */
	int64_t promoted = 0;
	CHECK_INT(training_cancel(db, &cli, s, who[0], &promoted, &ei), 0);
	CHECK_INT(promoted, who[4]);
	CHECK_INT(audit_rows(db, "training.promote", "\"reason\":\"cancel\""), 1);
	/* Whoever asks again after cancelling queues at the end, with no
	 * earlier promotion remembered. */
	CHECK_INT(training_register(db, &cli, s, who[0], 0, &st, &ei), 0);
	CHECK_INT(st, TRAINING_WAITING);
	CHECK_INT(my_status(db, s, who[0]).waiting_position, 2); /* behind who[5] */

	/* No capacity at all (0): everyone waiting moves up. */
	ss->capacity = 0;
	CHECK_INT(training_session_save(db, &cli, ss, &id, &moved, &ei), 0);
	REQUIRE(moved.n == 2);
	CHECK_INT(moved.staff_ids[0], who[5]);
	CHECK_INT(moved.staff_ids[1], who[0]);
	training_promoted_release(&moved);
	free(ss);

	/* Quota session with a capacity of 3: 第1部/第1課 has 1 place, 第1部/第2課 2. */
	int64_t q = new_session(db, "所属枠の繰り上げ", "2026-10-02", 3, TRAINING_QUOTA);
	int64_t d0 = dept_of_section(db, 0), d1 = dept_of_section(db, 1);
	CHECK_INT(training_quota_set(db, &cli, q, d0, 2, NULL, &ei), 0);
	CHECK_INT(training_quota_set(db, &cli, q, d1, 2, NULL, &ei), 0);
	int64_t a0 = staff_no(db, 0, 0), a1 = staff_no(db, 0, 1), b0 = staff_no(db, 1, 0),
		b1 = staff_no(db, 1, 1), a2 = staff_no(db, 0, 2);
	CHECK_INT(training_register(db, &cli, q, a0, 0, &st, &ei), 0);
	CHECK_INT(training_register(db, &cli, q, b0, 0, &st, &ei), 0);
	CHECK_INT(training_register(db, &cli, q, a1, 0, &st, &ei), 0);
	CHECK_INT(st, TRAINING_REGISTERED);
	CHECK_INT(training_register(db, &cli, q, b1, 0, &st, &ei), 0);
	CHECK_INT(st, TRAINING_WAITING); /* capacity 3 reached */
	/* 第1課 cancels one: b1 (第2課, within its quota) moves up. Then
	 * 第1課 lowers its quota to 1 and a2 may not ask at all. */
	CHECK_INT(training_cancel(db, &cli, q, a1, &promoted, &ei), 0);
	CHECK_INT(promoted, b1);
	CHECK_INT(training_cancel(db, &cli, q, b0, &promoted, &ei), 0);
	CHECK_INT(promoted, 0); /* nobody waiting */
	CHECK_INT(training_register(db, &cli, q, b0, 0, &st, &ei), 0);
	CHECK_INT(st, TRAINING_REGISTERED); /* 3 of 3 again: a0, b1, b0 */
	CHECK_INT(training_register(db, &cli, q, a2, 0, &st, &ei), 0);
	CHECK_INT(st, TRAINING_WAITING);
	CHECK_INT(training_register(db, &cli, q, a1, 0, &st, &ei), 0);
	CHECK_INT(st, TRAINING_WAITING);
	/* Lower 第1課 to 1 (a0 keeps the place), then raise the capacity:
	 * a2 and a1 (第1課) are still held back by the quota. */
	CHECK_INT(training_quota_set(db, &cli, q, d0, 1, &moved, &ei), 0);
	CHECK_INT(moved.n, 0);
	training_promoted_release(&moved);
	struct training_session *qs = yk_xcalloc(1, sizeof(*qs));
	REQUIRE(training_session_get(db, q, qs, &ei) == 0);
	qs->capacity = 10;
	CHECK_INT(training_session_save(db, &cli, qs, &id, &moved, &ei), 0);
	CHECK_INT(moved.n, 0);
	training_promoted_release(&moved);
	/* Raising 第1課's quota to 3 moves both up, in the order they asked. */
	CHECK_INT(training_quota_set(db, &cli, q, d0, 3, &moved, &ei), 0);
	REQUIRE(moved.n == 2);
	CHECK_INT(moved.staff_ids[0], a2);
	CHECK_INT(moved.staff_ids[1], a1);
	training_promoted_release(&moved);
	CHECK_INT(audit_rows(db, "training.promote", "\"reason\":\"quota\""), 2);
	free(qs);
	/* A refused quota change moves nobody and leaves no audit row. */
	CHECK_INT(training_quota_set(db, &cli, q, d0, -1, &moved, &ei), YK_EINVAL);
	CHECK_INT(moved.n, 0);
	CHECK_INT(audit_rows(db, "training.promote", "\"reason\":\"quota\""), 2);
	store_close(db);
}

TEST(login_matches_roster_by_number_then_email)
{
	struct store *db = fresh_db();
	static const char csv[] = "employee_no,name,department,tier,email\n"
				  "5001,佐藤 花子,市民部/市民課,一般職員,hanako.sato@city.example.jp\n"
				  "5002,鈴木 一郎,市民部/市民課,一般職員,\n";
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	REQUIRE(auth_roster_import(db, &cli, csv, sizeof(csv) - 1, "r.csv", res, NULL) == 0);
	free(res);
	struct auth_user u;
	memset(&u, 0, sizeof(u));
	int64_t id = 0, want = 0;
	yk_strlcpy(u.login, "5002", sizeof(u.login));
	CHECK_INT(training_staff_of_user(db, &u, &id), 0);
	CHECK_INT(training_staff_by_number(db, "5002", &want), 0);
	CHECK_INT(id, want);
	yk_strlcpy(u.login, "h-sato", sizeof(u.login));
	yk_strlcpy(u.email, "Hanako.Sato@city.example.jp", sizeof(u.email));
	CHECK_INT(training_staff_of_user(db, &u, &id), 0);
	CHECK_INT(training_staff_by_number(db, "5001", &want), 0);
	CHECK_INT(id, want);
	yk_strlcpy(u.login, "500", sizeof(u.login)); /* a prefix of a number is no match */
	u.email[0] = '\0';
	CHECK_INT(training_staff_of_user(db, &u, &id), YK_ENOTFOUND);
	CHECK_INT(training_staff_by_number(db, "500", &want), YK_ENOTFOUND);
	store_close(db);
}

TEST_MAIN(T(seed_two_sessions), T(anonymous_answers_cannot_be_joined_to_attendees),
	  T(certification_coverage_and_nearest_holder), T(subsidy_moves_applied_approved_paid),
	  T(blocks_days_and_ics), T(session_validation),
	  T(materials_reach_and_curriculum), T(outcome_before_and_after),
	  T(outcome_counts_the_templates_handed_out), T(series_members_meetings_and_outcome),
	  T(head_nominates_within_own_subtree), T(nearest_holder_in_deeper_departments),
	  T(login_matches_roster_by_number_then_email),
	  T(raised_capacity_and_quota_move_the_waiting_list_up_in_order))
