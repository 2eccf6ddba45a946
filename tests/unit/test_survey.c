/* Unit tests for src/survey: scales and their labels, validation, answers
 * (ranges, required, double answers, closed surveys), results (response
 * rate, distribution, top-2 share, withheld small anonymous surveys),
 * free text masked and grouped by key phrases, CSV export, and the import
 * of a forms-service table (all or nothing with file:line). */
#include <stdlib.h>
#include <unistd.h>

#include "survey/survey.h"
#include "db_fixture.h"
#include "harness.h"

static struct store *fresh_db(void)
{
	return fixture_db("survey");
}

/* A few roster entries (survey_answered refers to staff). */
static void seed_staff(struct store *db, int n)
{
	if (store_exec(db, "INSERT INTO departments(id, name, path, created_at) VALUES (1, '課', '課', 0)",
		       NULL))
		abort();
	for (int i = 1; i <= n; i++) {
		char sql[256];
		snprintf(sql, sizeof(sql),
			 "INSERT INTO staff(id, employee_no, name, department_id, tier, updated_at)"
			 " VALUES (%d, 'E%03d', '職員%d', 1, '一般職員', 0)",
			 i, i, i);
		if (store_exec(db, sql, NULL))
			abort();
	}
}

static int64_t make_survey(struct store *db, int anonymous)
{
	static const char *const choices[] = {"本庁舎", "支所", "オンライン"};
	struct survey_question_spec q[] = {
		{SURVEY_SCALE, SURVEY_SCALE_SATISFACTION, "満足度", NULL, 0, 1},
		{SURVEY_MULTIPLE, SURVEY_SCALE_NONE, "参加方法", choices, 3, 0},
		{SURVEY_TEXT, SURVEY_SCALE_NONE, "感想", NULL, 0, 0},
	};
	struct survey_spec spec = {"研修アンケート", anonymous, q, 3};
	int64_t id = 0;
	if (survey_create(db, &spec, &id, NULL) != 0)
		abort();
	return id;
}

TEST(scales_and_labels)
{
	int v = 0;
	CHECK_STR(survey_scale_label(SURVEY_SCALE_SATISFACTION, 5), "満足");
	CHECK_STR(survey_scale_label(SURVEY_SCALE_SATISFACTION, 1), "不満");
	CHECK_STR(survey_scale_label(SURVEY_SCALE_USEFULNESS, 2), "あまり使えない");
	CHECK(survey_scale_label(SURVEY_SCALE_USEFULNESS, 6) == NULL);
	CHECK(survey_scale_value(SURVEY_SCALE_SATISFACTION, " やや満足　", strlen(" やや満足　"), &v));
	CHECK_INT(v, 4);
	CHECK(!survey_scale_value(SURVEY_SCALE_SATISFACTION, "使える", strlen("使える"), &v));
	CHECK(survey_scale_value(SURVEY_SCALE_NONE, "使える", strlen("使える"), &v));
	CHECK_INT(v, 5);
	CHECK(survey_scale_value(SURVEY_SCALE_USEFULNESS, "どちらともいえない", strlen("どちらともいえない"), &v));
	CHECK_INT(v, 3);
	char day[11];
	survey_day(1764601200, day); /* 2025-12-01T15:00:00Z = 2025-12-02 00:00 JST */
	CHECK_STR(day, "2025-12-02");
	const struct survey_spec *pre = survey_template_spec(SURVEY_TEMPLATE_PRE);
	CHECK(strstr(pre->questions[1].text, "講師に相談したいですか") != NULL);
	CHECK(!pre->anonymous);
	CHECK(survey_template_spec(SURVEY_TEMPLATE_POST)->anonymous);
}

TEST(create_validates)
{
	struct store *db = fresh_db();
	struct yk_errinfo ei;
	int64_t id;
	static const char *const one[] = {"はい"};
	struct survey_question_spec q[] = {{SURVEY_SINGLE, SURVEY_SCALE_NONE, "選んでください", one, 1, 0}};
	struct survey_spec spec = {"t", 0, q, 1};
	CHECK_INT(survey_create(db, &spec, &id, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "questions[0]");
	struct survey_question_spec q2[] = {{SURVEY_SCALE, SURVEY_SCALE_NONE, "尺度なし", NULL, 0, 0}};
	spec.questions = q2;
	CHECK_INT(survey_create(db, &spec, &id, &ei), YK_EINVAL);
	struct survey_question_spec q3[] = {{SURVEY_TEXT, SURVEY_SCALE_NONE, "　", NULL, 0, 0}};
	spec.questions = q3;
	CHECK_INT(survey_create(db, &spec, &id, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "questions[0].text");
	spec.title = "";
	spec.nquestions = 0;
	CHECK_INT(survey_create(db, &spec, &id, &ei), YK_EINVAL);
	CHECK_INT(survey_get(db, 42, &(struct survey *){NULL}, &ei), YK_ENOTFOUND);
	store_close(db);
}

TEST(answers_and_results)
{
	struct store *db = fresh_db();
	seed_staff(db, 12);
	struct yk_errinfo ei;
	int64_t id = make_survey(db, 0);
	struct survey *s = NULL;
	REQUIRE(survey_get(db, id, &s, &ei) == 0);
	int64_t q0 = s->questions[0].id, q1 = s->questions[1].id, q2 = s->questions[2].id;
	survey_free(s);
	/* Out of range, a question of another survey, a missing required one. */
	struct survey_answer bad[] = {{q0, 6, 0, NULL}};
	CHECK_INT(survey_submit(db, id, 1, bad, 1, 0, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "answers[0]");
	struct survey_answer other[] = {{q0, 5, 0, NULL}, {9999, 1, 0, NULL}};
	CHECK_INT(survey_submit(db, id, 1, other, 2, 0, &ei), YK_EINVAL);
	struct survey_answer missing[] = {{q2, 0, 0, "感想だけ"}};
	CHECK_INT(survey_submit(db, id, 1, missing, 1, 0, &ei), YK_EINVAL);
	struct survey_answer badchoice[] = {{q0, 5, 0, NULL}, {q1, 0, 1u << 3, NULL}};
	CHECK_INT(survey_submit(db, id, 1, badchoice, 2, 0, &ei), YK_EINVAL);
	/* Values 5,5,5,4,4,3,2,1 from 8 people; 2 pick 支所+オンライン. */
	static const int vals[] = {5, 5, 5, 4, 4, 3, 2, 1};
	for (int i = 0; i < 8; i++) {
		struct survey_answer a[] = {{q0, vals[i], 0, NULL}, {q1, 0, i < 2 ? 6u : 1u, NULL},
					    {q2, 0, 0, i == 0 ? "  " : "よかった"}};
		CHECK_INT(survey_submit(db, id, i + 1, a, 3, 0, &ei), 0);
	}
	struct survey_answer again[] = {{q0, 5, 0, NULL}};
	CHECK_INT(survey_submit(db, id, 1, again, 1, 0, &ei), YK_ECONFLICT);
	CHECK_INT(survey_has_answered(db, id, 1), 1);
	CHECK_INT(survey_has_answered(db, id, 11), 0);

	struct survey_results *r = NULL;
	CHECK_INT(survey_results(db, id, 10, NULL, &r, &ei), 0);
	REQUIRE(r);
	CHECK_INT(r->responses, 8);
	CHECK(r->response_rate > 0.799 && r->response_rate < 0.801);
	CHECK(!r->withheld);
	const struct survey_question_result *sat = &r->questions[0];
	CHECK_INT(sat->responses, 8);
	CHECK_INT(sat->nbuckets, 5);
	CHECK_STR(sat->buckets[1].label, "やや満足");
	CHECK_INT(sat->buckets[0].count, 3);
	CHECK_INT(sat->buckets[4].count, 1);
	CHECK(sat->top2_share > 0.624 && sat->top2_share < 0.626);
	CHECK(sat->mean > 3.624 && sat->mean < 3.626);
	const struct survey_question_result *how = &r->questions[1];
	CHECK_INT(how->buckets[0].count, 6);
	CHECK_INT(how->buckets[1].count, 2);
	CHECK_INT(how->buckets[2].count, 2);
	CHECK(how->top2_share < 0);
	CHECK_INT(r->questions[2].responses, 7); /* a blank text is no answer */
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	CHECK_INT(survey_results_csv(r, &csv), 0);
	CHECK(strncmp(csv.data, "\xef\xbb\xbf\"設問\"", 9) == 0);
	CHECK(strstr(csv.data, "\"満足度\",\"やや満足\",\"2\",\"0.2500\"") != NULL);
	yk_buf_release(&csv);
	survey_results_free(r);

	/* Closed: no more answers. */
	CHECK_INT(survey_set_closed(db, id, 1), 0);
	struct survey_answer late[] = {{q0, 5, 0, NULL}};
	CHECK_INT(survey_submit(db, id, 9, late, 1, 0, &ei), YK_ECONFLICT);
	/* Adding a question once answered is refused. */
	struct survey_question_spec nq = {SURVEY_TEXT, SURVEY_SCALE_NONE, "追加", NULL, 0, 0};
	CHECK_INT(survey_add_question(db, id, &nq, NULL, &ei), YK_ECONFLICT);
	store_close(db);
}

TEST(small_anonymous_survey_is_withheld)
{
	struct store *db = fresh_db();
	seed_staff(db, 6);
	int64_t id = make_survey(db, 1);
	struct survey *s = NULL;
	REQUIRE(survey_get(db, id, &s, NULL) == 0);
	int64_t q0 = s->questions[0].id;
	survey_free(s);
	struct survey_results *r = NULL;
	for (int i = 1; i <= SURVEY_ANON_MIN_RESPONSES; i++) {
		CHECK_INT(survey_results(db, id, 6, NULL, &r, NULL), 0);
		CHECK(r->withheld);
		CHECK_INT(r->questions[0].nbuckets, 0);
		survey_results_free(r);
		struct survey_answer a[] = {{q0, 5, 0, NULL}};
		CHECK_INT(survey_submit(db, id, i, a, 1, 0, NULL), 0);
	}
	CHECK_INT(survey_results(db, id, 6, NULL, &r, NULL), 0);
	CHECK(!r->withheld);
	CHECK_INT(r->questions[0].buckets[0].count, SURVEY_ANON_MIN_RESPONSES);
	survey_results_free(r);
	store_close(db);
}

static struct survey_text g_tx;

TEST(free_text_is_masked_and_grouped)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct store *db = fresh_db();
	if (!g_tx.model && survey_text_open(db, NULL, &g_tx, &ei) != 0) {
		fprintf(stderr, "free_text_is_masked_and_grouped: UniDic missing: %s\n", ei.message);
		CHECK(0);
		store_close(db);
		return;
	}
	seed_staff(db, 10);
	int64_t id = make_survey(db, 1);
	struct survey *s = NULL;
	REQUIRE(survey_get(db, id, &s, NULL) == 0);
	int64_t q0 = s->questions[0].id, q2 = s->questions[2].id;
	survey_free(s);
	static const char *const texts[] = {
		"議事録の要約に使えそうです",
		"議事録の作成がとても楽になりそう",
		"会議の議事録で試したい",
		"文書の校正に使いたい。090-1234-5678 の山田さんにも伝えます",
		"文書の校正が便利でした",
		"特になし",
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(texts); i++) {
		struct survey_answer a[] = {{q0, 4, 0, NULL}, {q2, 0, 0, texts[i]}};
		CHECK_INT(survey_submit(db, id, (int64_t)i + 1, a, 2, 0, &ei), 0);
	}
	struct survey_results *r = NULL;
	CHECK_INT(survey_results(db, id, 0, &g_tx, &r, &ei), 0);
	REQUIRE(r);
	const struct survey_question_result *t = &r->questions[2];
	REQUIRE(t->ngroups >= 3);
	CHECK_STR(t->groups[0].phrase, "議事録");
	CHECK_INT(t->groups[0].count, 3);
	int kosei = 0, other = 0, leaked = 0;
	for (size_t g = 0; g < t->ngroups; g++) {
		if (strstr(t->groups[g].phrase, "校正") || strstr(t->groups[g].phrase, "文書"))
			kosei = (int)t->groups[g].count;
		if (strcmp(t->groups[g].phrase, "その他") == 0)
			other = (int)t->groups[g].count;
		if (strstr(t->groups[g].phrase, "山田"))
			leaked = 1;
		for (size_t e = 0; e < t->groups[g].nexamples; e++)
			if (strstr(t->groups[g].examples[e], "090-1234-5678") ||
			    strstr(t->groups[g].examples[e], "山田"))
				leaked = 1;
	}
	CHECK_INT(kosei, 2);
	CHECK_INT(other, 1);
	CHECK(!leaked);
	survey_results_free(r);

	/* Answers without any key phrase (a bug found through the server:
	 * qsort of no phrases) all go to その他. */
	int64_t id2 = make_survey(db, 0);
	REQUIRE(survey_get(db, id2, &s, NULL) == 0);
	int64_t a0 = s->questions[0].id, a2 = s->questions[2].id;
	survey_free(s);
	static const char *const bare[] = {"はい", "1", "!"};
	for (size_t i = 0; i < YK_ARRAY_LEN(bare); i++) {
		struct survey_answer a[] = {{a0, 3, 0, NULL}, {a2, 0, 0, bare[i]}};
		CHECK_INT(survey_submit(db, id2, (int64_t)i + 1, a, 2, 0, &ei), 0);
	}
	CHECK_INT(survey_results(db, id2, 0, &g_tx, &r, &ei), 0);
	REQUIRE(r && r->questions[2].ngroups == 1);
	CHECK_STR(r->questions[2].groups[0].phrase, "その他");
	CHECK_INT(r->questions[2].groups[0].count, 3);
	survey_results_free(r);
	store_close(db);
}

/* ---- forms import ------------------------------------------------------------------- */

static int64_t lookup(void *ctx, const char *no)
{
	(void)ctx;
	int64_t v;
	if (no[0] != 'E' || yk_parse_i64(no + 1, strlen(no + 1), 1, 999, &v))
		return 0;
	return v <= 20 ? v : 0;
}

TEST(forms_table_import)
{
	struct store *db = fresh_db();
	seed_staff(db, 20);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	static const char *const header[] = {"タイムスタンプ", "職員番号", "研修の満足度", "業務で使えそうですか",
					     "ご意見"};
	static const char *const r1[] = {"2026/06/10 10:00", "E001", "満足", "使える", "よかった"};
	static const char *const r2[] = {"2026/06/10 10:05", "E002", "やや満足", "あまり使えない", "難しい\n内容でした"};
	static const char *const r3[] = {"2026/06/10 10:07", "E003", "どちらともいえない", "", ""};
	const char *const *rows[] = {r1, r2, r3};
	long lines[] = {2, 3, 5};
	struct survey_table t = {header, 5, rows, lines, 3};
	struct survey_import_result res;
	CHECK_INT(survey_import_table(db, 0, "フォームの回答", &t, "forms.csv", lookup, NULL, &res, &ei), 0);
	CHECK_INT(res.rows, 3);
	CHECK_INT(res.scale_questions, 2);
	CHECK_INT(res.text_questions, 1);
	struct survey *s = NULL;
	REQUIRE(survey_get(db, res.survey_id, &s, &ei) == 0);
	CHECK(!s->anonymous); /* 職員番号 makes it named */
	CHECK_INT(s->nquestions, 3);
	CHECK_INT(s->questions[0].scale, SURVEY_SCALE_SATISFACTION);
	CHECK_INT(s->questions[1].scale, SURVEY_SCALE_USEFULNESS);
	CHECK_INT(s->questions[2].kind, SURVEY_TEXT);
	int64_t sid = s->id;
	survey_free(s);

	/* Importing the same people again: double answers, nothing stored. */
	CHECK_INT(survey_import_table(db, sid, NULL, &t, "forms.csv", lookup, NULL, &res, &ei), YK_EPARSE);
	char msg[600];
	yk_errinfo_format(&ei, msg, sizeof(msg));
	CHECK(strncmp(msg, "forms.csv:2: ", 13) == 0);
	CHECK_INT(res.rows, 0);

	/* A bad row (a label not on the column's scale) at line 4: nothing. */
	static const char *const b1[] = {"", "E010", "満足", "使える", ""};
	static const char *const b2[] = {"", "E011", "とても満足", "使える", ""};
	const char *const *brows[] = {b1, b2};
	long blines[] = {2, 4};
	struct survey_table bt = {header, 5, brows, blines, 2};
	CHECK_INT(survey_import_table(db, sid, NULL, &bt, "bad.csv", lookup, NULL, &res, &ei), YK_EPARSE);
	CHECK_INT(ei.line, 4);
	CHECK(strstr(ei.message, "とても満足") != NULL);
	/* An unknown 職員番号. */
	static const char *const u1[] = {"", "X999", "満足", "使える", ""};
	const char *const *urows[] = {u1};
	struct survey_table ut = {header, 5, urows, NULL, 1};
	CHECK_INT(survey_import_table(db, sid, NULL, &ut, "bad.csv", lookup, NULL, &res, &ei), YK_EPARSE);
	struct survey_results *r = NULL;
	CHECK_INT(survey_results(db, sid, 3, NULL, &r, &ei), 0);
	CHECK_INT(r->responses, 3);
	CHECK_INT(r->questions[0].buckets[0].count, 1);
	CHECK_INT(r->questions[2].responses, 2);
	survey_results_free(r);

	/* No 職員番号: an anonymous survey; a column with free answers is text. */
	static const char *const h2[] = {"研修の感想", "満足度"};
	static const char *const a1[] = {"満足", "満足"};
	static const char *const a2[] = {"とても参考になった", "不満"};
	const char *const *arows[] = {a1, a2};
	struct survey_table at = {h2, 2, arows, NULL, 2};
	CHECK_INT(survey_import_table(db, 0, "匿名", &at, "anon.csv", lookup, NULL, &res, &ei), 0);
	REQUIRE(survey_get(db, res.survey_id, &s, &ei) == 0);
	CHECK(s->anonymous);
	CHECK_INT(s->questions[0].kind, SURVEY_TEXT);
	CHECK_INT(s->questions[1].kind, SURVEY_SCALE);
	survey_free(s);
	store_close(db);
}

TEST(forms_csv_read_through_the_import_unit)
{
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct survey_forms f;
	/* BOM, CRLF, a quoted comment with a newline and a comma. */
	static const char csv[] = "\xef\xbb\xbfタイムスタンプ,満足度,ご意見\r\n"
				  "2026/06/10 16:00:00,満足,\"議事録に使いたい。\r\nまた参加します, ぜひ\"\r\n"
				  "2026/06/10 16:01:00,やや満足,\r\n";
	CHECK_INT(survey_forms_parse(csv, sizeof(csv) - 1, "post.csv", &f, p), 0);
	REQUIRE(f.nrows == 2 && f.ncols == 3);
	CHECK_STR(f.header[0], "タイムスタンプ");
	CHECK_STR(f.rows[0][2], "議事録に使いたい。\nまた参加します, ぜひ");
	CHECK_INT(f.lines[1], 4);
	struct survey_table t;
	survey_forms_table(&f, &t);
	CHECK_INT(t.nrows, 2);
	CHECK_STR(t.rows[1][1], "やや満足");
	survey_forms_release(&f);
	/* CP932: "満足度\n満足\n". */
	static const char sjis[] = "\x96\x9e\x91\xab\x93\x78\n\x96\x9e\x91\xab\n";
	CHECK_INT(survey_forms_parse(sjis, sizeof(sjis) - 1, "sjis.csv", &f, p), 0);
	REQUIRE(f.nrows == 1);
	CHECK_STR(f.header[0], "満足度");
	CHECK_STR(f.rows[0][0], "満足");
	survey_forms_release(&f);
	/* A row wider than the header and an empty file: problems, no table. */
	static const char wide[] = "a,b\n1,2\n1,2,3\n";
	CHECK_INT(survey_forms_parse(wide, sizeof(wide) - 1, "w.csv", &f, p), YK_EPARSE);
	CHECK_INT(p->item[0].line, 3);
	CHECK(f.rows == NULL && f.header == NULL);
	ingest_problems_init(p);
	CHECK_INT(survey_forms_parse("\n\n", 2, "e.csv", &f, p), YK_EPARSE);
	CHECK_INT(p->count, 1);
	CHECK_INT(p->item[0].line, 0);
	free(p);
}

static void cleanup(void)
{
	survey_text_release(&g_tx);
}

TEST(zz_cleanup)
{
	cleanup();
}

TEST_MAIN(T(scales_and_labels), T(create_validates), T(answers_and_results),
	  T(small_anonymous_survey_is_withheld), T(free_text_is_masked_and_grouped),
	  T(forms_table_import), T(forms_csv_read_through_the_import_unit), T(zz_cleanup))
