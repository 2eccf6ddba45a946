/* Unit tests of src/wellbeing: scoring against SPEC §5 (data-driven:
 * tests/data/wellbeing/vectors.tsv copied from the spec's table,
 * boundaries.tsv from the independent reference tools/stress_boundaries.py,
 * soten_points.tsv transcribed cell by cell from SPEC §2(b)), the 判定図
 * figures of SPEC §5.3, the parsers, and the database layer: campaigns,
 * sheets, consent, the role rules of SPEC §4, group suppression, paper
 * import, the opinion box and the crisis detector. */
#include <math.h>
#include <unistd.h>

#include "auth/auth.h"
#include "db_fixture.h"
#include "harness.h"
#include "survey/survey.h"
#include "text/text.h"
#include "wellbeing/wellbeing.h"
#include "wellbeing/wb_int.h"
#include "core/banned.h"

#define DATA "tests/data/wellbeing/"

/* Calls fn for each non-comment line split at tabs (up to 16 fields). */
static int each_row(const char *path, void (*fn)(char **f, int n, int line))
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	char buf[4096];
	int line = 0, rows = 0;
	while (fgets(buf, sizeof(buf), fp)) {
		line++;
		buf[strcspn(buf, "\r\n")] = '\0';
		if (buf[0] == '#' || !buf[0])
			continue;
		char *f[16];
		int n = 0;
		char *p = buf;
		f[n++] = p;
		while ((p = strchr(p, '\t')) && n < 16) {
			*p++ = '\0';
			f[n++] = p;
		}
		fn(f, n, line);
		rows++;
	}
	fclose(fp);
	return rows;
}

static int num(const char *s)
{
	int64_t v = -1;
	if (yk_parse_i64(s, strlen(s), -1000, 1000, &v))
		return -999;
	return (int)v;
}

static void answers_from(const char *s, unsigned char a[WB_ITEMS])
{
	for (int i = 0; i < WB_ITEMS; i++)
		a[i] = (unsigned char)(s[i] - '0');
}

static void check_vector(char **f, int n, int line)
{
	if (n != 14 || strlen(f[1]) != WB_ITEMS) {
		fprintf(stderr, "vector line %d malformed\n", line);
		CHECK(0);
		return;
	}
	unsigned char a[WB_ITEMS];
	answers_from(f[1], a);
	struct wb_thresholds t;
	wb_thresholds_default(&t);
	struct wb_score m, w;
	CHECK_INT(wb_score_sheet(a, WB_SEX_MALE, &t, &m), 0);
	CHECK_INT(wb_score_sheet(a, WB_SEX_FEMALE, &t, &w), 0);
	int ok = m.sum_a == num(f[2]) && m.sum_b == num(f[3]) && m.sum_c == num(f[4]) &&
		 m.sum_high == num(f[5]) && w.sum_a == m.sum_a && w.sum_high == m.sum_high &&
		 m.soten_a == num(f[6]) && m.soten_b == num(f[7]) && m.soten_c == num(f[8]) &&
		 m.soten_high == num(f[9]) && w.soten_a == num(f[10]) && w.soten_b == num(f[11]) &&
		 w.soten_c == num(f[12]) && w.soten_high == num(f[13]);
	if (!ok)
		fprintf(stderr, "%s: got sum %d/%d/%d %d, M %d/%d/%d %d, F %d/%d/%d %d\n", f[0],
			m.sum_a, m.sum_b, m.sum_c, m.sum_high, m.soten_a, m.soten_b, m.soten_c,
			m.soten_high, w.soten_a, w.soten_b, w.soten_c, w.soten_high);
	CHECK(ok);
}

TEST(spec_vectors)
{
	CHECK_INT(each_row(DATA "vectors.tsv", check_vector), 13);
}

TEST(boundary_vectors_both_methods_both_sexes)
{
	CHECK_INT(each_row(DATA "boundaries.tsv", check_vector), 15);
}

static int cells_seen;
static void check_cell(char **f, int n, int line)
{
	(void)line;
	REQUIRE(n == 4);
	const struct wb_scale *sc = wb_scales();
	int s = -1;
	for (int i = 0; i < WB_SCALES; i++)
		if (strcmp(sc[i].name, f[0]) == 0)
			s = i;
	REQUIRE(s >= 0);
	enum wb_sex sex = f[1][0] == 'M' ? WB_SEX_MALE : WB_SEX_FEMALE;
	int got = wb_soten_points(s, sex, num(f[2]));
	if (got != num(f[3]))
		fprintf(stderr, "%s %s raw %s: %d, want %s\n", f[0], f[1], f[2], got, f[3]);
	CHECK_INT(got, num(f[3]));
	cells_seen++;
}

TEST(soten_table_every_cell)
{
	cells_seen = 0;
	CHECK_INT(each_row(DATA "soten_points.tsv", check_cell), 380);
	CHECK_INT(cells_seen, 380);
	/* Outside a scale's range there is no point. */
	CHECK_INT(wb_soten_points(0, WB_SEX_MALE, 2), 0);
	CHECK_INT(wb_soten_points(0, WB_SEX_MALE, 13), 0);
	CHECK_INT(wb_soten_points(0, WB_SEX_NONE, 8), 0);
	CHECK_INT(wb_soten_points(19, WB_SEX_MALE, 8), 0);
	/* The spec's rule 3: column position, not rank. */
	CHECK_INT(wb_soten_points(7, WB_SEX_MALE, 4), 5);  /* 仕事の適性度 raw 4 */
	CHECK_INT(wb_soten_points(2, WB_SEX_MALE, 1), 4);  /* 身体的負担度 raw 1 */
	CHECK_INT(wb_soten_points(4, WB_SEX_FEMALE, 1), 5); /* female 職場環境 raw 1 */
	CHECK_INT(wb_soten_points(6, WB_SEX_FEMALE, 4), 4); /* female 技能の活用度 raw 4 (D2) */
}

TEST(tables_match_spec)
{
	static const char *const names[WB_SCALES] = {
		"心理的な仕事の負担（量）", "心理的な仕事の負担（質）", "自覚的な身体的負担度",
		"職場の対人関係でのストレス", "職場環境によるストレス", "仕事のコントロール度",
		"技能の活用度", "仕事の適性度", "働きがい", "活気", "イライラ感", "疲労感",
		"不安感", "抑うつ感", "身体愁訴", "上司からのサポート", "同僚からのサポート",
		"家族・友人からのサポート", "仕事や生活の満足度"};
	const struct wb_scale *sc = wb_scales();
	for (int i = 0; i < WB_SCALES; i++)
		CHECK_STR(sc[i].name, names[i]);
	CHECK_INT(sc[0].burden, 1);
	CHECK_INT(sc[5].burden, 0);
	CHECK_INT(sc[14].raw_min, 11);
	CHECK_INT(sc[14].raw_max, 44);
	CHECK_INT(sc[18].raw_min, 2);
	const struct wb_item *it = wb_items();
	CHECK_INT(it[0].q, 1);
	CHECK_STR(it[0].text, "非常にたくさんの仕事をしなければならない");
	CHECK_STR(it[0].choices[0], "そうだ");
	CHECK_STR(it[46].code, "C1");
	CHECK_STR(it[46].sub_prompt, "次の人たちはどのくらい気軽に話ができますか？");
	CHECK_STR(it[46].choices[2], "多少");
	CHECK_STR(it[56].text, "家庭生活に満足だ");
	int rev = 0;
	for (int i = 0; i < WB_ITEMS; i++)
		rev += it[i].sum_reversed;
	CHECK_INT(rev, 14); /* A1-A7, A11-A13, A15, B1-B3 */
	CHECK_INT(it[10].soten_reversed, 0); /* A11 enters as x */
	CHECK_INT(it[13].soten_reversed, 0); /* A14 */
	CHECK(strstr(wb_domain_instruction('B'), "最近1か月間") != NULL);
}

TEST(incomplete_sheet_is_never_scored)
{
	unsigned char a[WB_ITEMS];
	memset(a, 2, sizeof(a));
	struct wb_thresholds t;
	wb_thresholds_default(&t);
	struct wb_score s;
	CHECK_INT(wb_score_sheet(a, WB_SEX_MALE, &t, &s), 0);
	a[56] = 0; /* last item unanswered */
	CHECK_INT(wb_score_sheet(a, WB_SEX_MALE, &t, &s), YK_EINVAL);
	a[56] = 5;
	CHECK_INT(wb_score_sheet(a, WB_SEX_FEMALE, &t, &s), YK_EINVAL);
	a[56] = 2;
	CHECK_INT(wb_score_sheet(a, WB_SEX_NONE, &t, &s), YK_EINVAL);
}

TEST(thresholds_are_configurable)
{
	unsigned char a[WB_ITEMS];
	answers_from("444444411144414114444444444444444443111111111111111111111", a); /* V8: B = 76 */
	struct wb_thresholds t;
	wb_thresholds_default(&t);
	struct wb_score s;
	CHECK_INT(wb_score_sheet(a, WB_SEX_MALE, &t, &s), 0);
	CHECK_INT(s.sum_high, 0);
	t.sum_b_high = 76;
	CHECK_INT(wb_score_sheet(a, WB_SEX_MALE, &t, &s), 0);
	CHECK_INT(s.sum_high, 1);
	CHECK_INT(wb_score_high(&s, WB_METHOD_SUM), 1);
	CHECK_INT(wb_score_high(&s, WB_METHOD_SOTEN), 0);
	t.soten_b_high = 13; /* male B = 13 */
	CHECK_INT(wb_score_sheet(a, WB_SEX_MALE, &t, &s), 0);
	CHECK_INT(s.soten_high, 1);
}

TEST(sex_and_line_parsers)
{
	enum wb_sex sx;
	CHECK_INT(wb_sex_parse("男", strlen("男"), &sx), 0);
	CHECK_INT(sx, WB_SEX_MALE);
	CHECK_INT(wb_sex_parse("F", 1, &sx), 0);
	CHECK_INT(sx, WB_SEX_FEMALE);
	CHECK_INT(wb_sex_parse("X", 1, &sx), YK_EINVAL);
	CHECK_INT(wb_sex_parse("", 0, &sx), YK_EINVAL);
	unsigned char a[WB_ITEMS];
	struct yk_errinfo ei;
	const char *good = "女\t213324132212312433221234212331223143212123214121342314223\r";
	CHECK_INT(wb_score_line_parse(good, strlen(good), &sx, a, &ei), 0);
	CHECK_INT(sx, WB_SEX_FEMALE);
	CHECK_INT(a[0], 2);
	CHECK_INT(a[56], 3);
	const char *bad[] = {"M 1111", "M\t1111",
			     "Q\t111111111111111111111111111111111111111111111111111111111",
			     "M\t111111111111111111111111111111111111111111111111111111115",
			     "M\t1111111111111111111111111111111111111111111111111111111111"};
	for (size_t i = 0; i < YK_ARRAY_LEN(bad); i++) {
		yk_errinfo_clear(&ei);
		CHECK_INT(wb_score_line_parse(bad[i], strlen(bad[i]), &sx, a, &ei), YK_EINVAL);
		CHECK(ei.message[0] != '\0');
	}
	CHECK(strstr(ei.message, "57") != NULL);
}

/* SPEC §5.3, rounded to 2 decimals. */
TEST(judge_figures_spec_5_3)
{
	struct {
		double q, c, s, w;
		int set; /* 0 male M1, 1 male M2, 2 female */
		double a, b, t;
	} v[] = {
		{8.7, 7.9, 7.5, 8.1, 0, 100.00, 100.00, 100.00},
		{8.7, 7.9, 7.5, 8.1, 1, 100.89, 100.97, 101.88},
		{7.9, 7.2, 6.6, 8.2, 2, 100.00, 100.00, 100.00},
		{10.0, 6.5, 6.0, 7.0, 0, 125.03, 128.69, 160.90},
		{10.0, 6.5, 6.0, 7.0, 1, 126.15, 129.94, 163.92},
		{10.0, 6.5, 6.0, 7.0, 2, 115.03, 119.08, 136.97},
		{9.5, 7.0, 7.0, 7.5, 0, 115.13, 111.26, 128.09},
		{9.5, 7.0, 7.0, 7.5, 1, 116.16, 112.34, 130.50},
		{9.5, 7.0, 7.0, 7.5, 2, 109.20, 102.95, 112.42},
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(v); i++) {
		struct wb_judge_constants k;
		wb_judge_defaults(v[i].set == 2 ? WB_SEX_FEMALE : WB_SEX_MALE, &k);
		if (v[i].set == 1) {
			CHECK_INT(wb_judge_parse4("8.7, 8.0, 7.6, 8.1", k.mean), 0);
		}
		struct wb_health_risk r;
		wb_health_risk(&k, v[i].q, v[i].c, v[i].s, v[i].w, &r);
		CHECK(fabs(r.a - v[i].a) < 0.006);
		CHECK(fabs(r.b - v[i].b) < 0.006);
		CHECK(fabs(r.total - v[i].t) < 0.006);
	}
	double d[4];
	CHECK_INT(wb_judge_parse4("1,2,3", d), YK_EINVAL);
	CHECK_INT(wb_judge_parse4("1,2,3,4,5", d), YK_EINVAL);
	CHECK_INT(wb_judge_parse4("1,x,3,4", d), YK_EINVAL);
}

TEST(group_figures_by_sex_and_weighted_total)
{
	struct wb_thresholds t;
	wb_thresholds_default(&t);
	struct wb_group g;
	memset(&g, 0, sizeof(g));
	unsigned char a[WB_ITEMS];
	answers_from("222222222222222222222222222222222222222222222222222222222", a);
	struct wb_score s;
	for (int i = 0; i < 3; i++) {
		CHECK_INT(wb_score_sheet(a, WB_SEX_MALE, &t, &s), 0);
		wb_group_add(&g, WB_SEX_MALE, a, &s);
	}
	CHECK_INT(wb_score_sheet(a, WB_SEX_FEMALE, &t, &s), 0);
	wb_group_add(&g, WB_SEX_FEMALE, a, &s);
	struct wb_judge_constants m, f;
	wb_judge_defaults(WB_SEX_MALE, &m);
	wb_judge_defaults(WB_SEX_FEMALE, &f);
	struct wb_group_figures fig;
	wb_group_figures(&g, &m, &f, &fig);
	CHECK_INT(fig.n, 4);
	CHECK_INT(fig.n_male, 3);
	CHECK_INT(fig.n_female, 1);
	/* all answers 2: 量 = 15 - 6 = 9, コントロール 9, 上司 9, 同僚 9 */
	CHECK(fabs(fig.judge_mean[WB_SEX_MALE][0] - 9.0) < 1e-9);
	CHECK(fabs(fig.scale_mean[14] - 22.0) < 1e-9); /* 身体愁訴 = 11 x 2 */
	CHECK(fabs(fig.total57_mean - 114.0) < 1e-9);
	struct wb_health_risk rm, rf;
	wb_health_risk(&m, 9, 9, 9, 9, &rm);
	wb_health_risk(&f, 9, 9, 9, 9, &rf);
	CHECK(fabs(fig.risk[WB_SEX_MALE].total - rm.total) < 1e-9);
	CHECK(fabs(fig.risk[0].total - (3 * rm.total + rf.total) / 4) < 1e-9);
}


/* ---- crisis detector ------------------------------------------------------------------ */

static int crisis_tp[5], crisis_n[5];
static const char *const crisis_labels[5] = {"direct", "indirect", "self_harm", "others", "none"};
static struct text_model *crisis_model;
static struct text_tokenizer *crisis_tk;

/* The detector reads lemmas: one tokenizer for the whole test binary. */
static struct text_tokenizer *tokenizer(void)
{
	if (!crisis_tk) {
		struct yk_errinfo ei;
		yk_errinfo_clear(&ei);
		if (text_model_new(NULL, &crisis_model, &ei) != 0 ||
		    text_tokenizer_new(crisis_model, &crisis_tk, &ei) != 0) {
			fprintf(stderr, "UniDic: %s\n", ei.message);
			abort();
		}
	}
	return crisis_tk;
}

static enum wb_crisis detect(const char *s)
{
	return wb_crisis_detect(tokenizer(), s, strlen(s));
}

static void crisis_case(char **f, int n, int line)
{
	if (n != 2) {
		fprintf(stderr, "crisis.tsv:%d: malformed\n", line);
		CHECK(0);
		return;
	}
	int k = -1;
	for (int i = 0; i < 5; i++)
		if (strcmp(f[0], crisis_labels[i]) == 0)
			k = i;
	REQUIRE(k >= 0);
	enum wb_crisis got = detect(f[1]);
	crisis_n[k]++;
	int hit = k == 4 ? got == WB_CRISIS_NONE : got != WB_CRISIS_NONE;
	crisis_tp[k] += hit;
	if (!hit && getenv("YK_CRISIS_VERBOSE"))
		fprintf(stderr, "crisis miss (%s -> %s): %s\n", f[0], wb_crisis_name(got), f[1]);
}

/* The labelled sets of docs/wellbeing.md. The floors are the figures
 * measured with rules v4; a rule change that loses recall fails here. */
static void crisis_score(const char *file)
{
	memset(crisis_tp, 0, sizeof(crisis_tp));
	memset(crisis_n, 0, sizeof(crisis_n));
	CHECK(each_row(file, crisis_case) > 0);
	for (int i = 0; i < 5; i++)
		printf("%s %-9s %3d/%3d %s %.3f\n", strrchr(file, '/') + 1, crisis_labels[i],
		       crisis_tp[i], crisis_n[i], i == 4 ? "specificity" : "recall",
		       crisis_n[i] ? (double)crisis_tp[i] / crisis_n[i] : 0);
}

TEST(crisis_detector_on_the_labelled_set)
{
	crisis_score(DATA "crisis.tsv");
	int rows = 0;
	for (int i = 0; i < 5; i++)
		rows += crisis_n[i];
	CHECK(rows >= 200);
	CHECK(crisis_n[4] * 2 >= rows - 2); /* about half are hard negatives */
	CHECK(crisis_tp[0] == crisis_n[0]);              /* direct: every one */
	CHECK(crisis_tp[1] * 100 >= crisis_n[1] * 95);   /* indirect */
	CHECK(crisis_tp[2] * 100 >= crisis_n[2] * 95);
	CHECK(crisis_tp[3] * 100 >= crisis_n[3] * 95);
	CHECK(crisis_tp[4] * 100 >= crisis_n[4] * 95);   /* hyperbole stays quiet */
	/* Tuning sets of rules v4 (docs/wellbeing.md). */
	crisis_score(DATA "crisis_holdout.tsv");
	CHECK(crisis_tp[0] + crisis_tp[1] == crisis_n[0] + crisis_n[1]);
	CHECK(crisis_tp[4] == crisis_n[4]);
	crisis_score(DATA "crisis_tune3.tsv");
	CHECK(crisis_tp[0] + crisis_tp[1] + 1 >= crisis_n[0] + crisis_n[1]);
	CHECK(crisis_tp[4] + 1 >= crisis_n[4]);
	crisis_score(DATA "crisis_tune4.tsv");
	CHECK(crisis_tp[0] + crisis_tp[1] + 1 >= crisis_n[0] + crisis_n[1]);
	CHECK(crisis_tp[4] + 1 >= crisis_n[4]);
	/* Not tuned on (the pseudo-first-run of v4): a floor at that run, so
	 * that a change that loses what generalised shows up. */
	crisis_score(DATA "crisis_holdout2.tsv");
	CHECK(crisis_tp[0] + crisis_tp[1] >= 12);
	CHECK(crisis_tp[4] + 2 >= crisis_n[4]);
}

TEST(crisis_detector_reads_lemmas_and_modality)
{
	struct text_tokenizer *tk = tokenizer();
	/* One lemma, every conjugation. */
	CHECK_INT(detect("死のうかな"), WB_CRISIS_SUICIDE);
	CHECK_INT(detect("死んでしまいたい"), WB_CRISIS_SUICIDE);
	CHECK_INT(detect("死ねたら楽なのに"), WB_CRISIS_SUICIDE);
	/* The same word without a wish, or as hyperbole, is quiet. */
	CHECK_INT(detect("死ぬほど忙しい"), WB_CRISIS_NONE);
	CHECK_INT(detect("会議が長すぎて死にそうだった"), WB_CRISIS_NONE);
	CHECK_INT(detect("死ぬ気でやります"), WB_CRISIS_NONE);
	/* A subject that is not the writer. */
	CHECK_INT(detect("データが消えたので復旧したい"), WB_CRISIS_NONE);
	CHECK_INT(detect("係長がいなくなる"), WB_CRISIS_NONE);
	CHECK_INT(detect("私なんかいないほうがいい"), WB_CRISIS_SUICIDE);
	/* Idiom objects and fiction. */
	CHECK_INT(detect("息を殺して待った"), WB_CRISIS_NONE);
	CHECK_INT(detect("ゲームで敵を殺した"), WB_CRISIS_NONE);
	CHECK_INT(detect("部長を殴ってやりたい"), WB_CRISIS_HARM_OTHERS);
	CHECK_INT(detect("腕をカッターで切ってしまう"), WB_CRISIS_SELF_HARM);
	/* Katakana spelling of a verb is read as hiragana. */
	CHECK_INT(detect("シにたい"), WB_CRISIS_SUICIDE);
	/* Invalid bytes are dropped, never matched. */
	CHECK_INT(wb_crisis_detect(tk, "\xff\xfe死にたい", 14), WB_CRISIS_SUICIDE);
	CHECK_INT(wb_crisis_detect(tk, "死\xff にたい", strlen("死\xff にたい")), WB_CRISIS_SUICIDE);
	CHECK_INT(wb_crisis_detect(tk, "", 0), WB_CRISIS_NONE);
	/* A professional context does not hide the writer's own crisis. */
	CHECK_INT(detect("自殺対策の担当だけど、私自身が死にたい"), WB_CRISIS_SUICIDE);
	CHECK_INT(detect("自殺対策の研修で、死にたいと言われたときの対応を学んだ"), WB_CRISIS_NONE);
	/* Long text: what is said at the end is read. */
	struct yk_buf big;
	yk_buf_init(&big, 0);
	for (int i = 0; i < 4000; i++)
		CHECK_INT(yk_buf_adds(&big, "今日は会議。"), 0);
	CHECK_INT(yk_buf_adds(&big, "もう消えたい"), 0);
	CHECK_INT(wb_crisis_detect(tk, big.data, big.len), WB_CRISIS_SUICIDE);
	yk_buf_release(&big);
	CHECK_INT(detect("good code"), WB_CRISIS_NONE);
	CHECK_INT(detect("ＯＤした"), WB_CRISIS_SELF_HARM);
	/* Without a tokenizer only the surface lexicon runs. */
	CHECK_INT(wb_crisis_detect(NULL, "希死念慮があります", strlen("希死念慮があります")),
		  WB_CRISIS_SUICIDE);
	CHECK_INT(wb_crisis_detect(NULL, "死ぬほど忙しい", strlen("死ぬほど忙しい")), WB_CRISIS_NONE);
}

TEST(crisis_reply_has_the_contacts)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	CHECK_INT(wb_crisis_reply("職員健康管理室 内線 1234", &b), 0);
	CHECK(strstr(b.data, "0570-064-556") != NULL);
	CHECK(strstr(b.data, "0120-279-338") != NULL);
	CHECK(strstr(b.data, "いのちの電話") != NULL);
	CHECK(strstr(b.data, "内線 1234") != NULL);
	yk_buf_reset(&b);
	CHECK_INT(wb_crisis_reply("", &b), 0);
	CHECK(strstr(b.data, "市の相談窓口") == NULL);
	yk_buf_release(&b);
}

/* ---- database layer ------------------------------------------------------------------ */

static struct store *fresh_db(void)
{
	return fixture_db("wb");
}

static const struct audit_actor cli = {0, "cli", NULL};

/* A user (with a roster entry of the tier) in department path; returns the user id. */
static int64_t add_user(struct store *db, const char *login, const char *path, const char *tier)
{
	int64_t dept = 0;
	if (auth_dept_ensure(db, &cli, path, &dept, NULL) != 0)
		abort();
	sqlite3_stmt *st = NULL;
	if (store_prepare(db, "INSERT INTO staff(employee_no, name, department_id, tier, updated_at)"
			      " VALUES (?1, ?1, ?2, ?3, 0)", &st, NULL))
		abort();
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, dept);
	sqlite3_bind_text(st, 3, tier, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
	int64_t staff = sqlite3_last_insert_rowid(store_handle(db));
	if (store_prepare(db, "INSERT INTO users(login, display_name, department_id, staff_id,"
			      " created_at, updated_at) VALUES (?1, ?1, ?2, ?3, 0, 0)", &st, NULL))
		abort();
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, dept);
	sqlite3_bind_int64(st, 3, staff);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(store_handle(db));
}

static int64_t open_campaign(struct store *db, const char *name)
{
	struct wb_campaign_spec spec = {name, yk_now_unix() - 100, yk_now_unix() + 86400,
					WB_METHOD_SUM, NULL, 7, NULL};
	int64_t id = 0;
	struct yk_errinfo ei;
	if (wb_campaign_create(db, &cli, &spec, &id, &ei) != 0) {
		fprintf(stderr, "campaign: %s\n", ei.message);
		abort();
	}
	return id;
}

static int submit_sheet(struct store *db, int64_t user, int64_t campaign, const char *answers,
			enum wb_sex sex, struct wb_sheet *out)
{
	struct wb_viewer v = {user, AUTH_ROLE_STAFF, NULL};
	unsigned char a[WB_ITEMS];
	answers_from(answers, a);
	struct yk_errinfo ei;
	int rc = wb_sheet_save(db, &v, campaign, sex, a, out, &ei);
	if (!rc)
		rc = wb_sheet_submit(db, &v, campaign, out, &ei);
	return rc;
}

#define ALL4 "444444444444444444444444444444444444444444444444444444444"
#define MIXED "213324132212312433221234212331223143212123214121342314223"

TEST(sheets_are_resumable_and_never_scored_incomplete)
{
	struct store *db = fresh_db();
	int64_t u = add_user(db, "w1", "市民部/市民課", "一般職員");
	int64_t c = open_campaign(db, "2026年度");
	struct wb_viewer v = {u, AUTH_ROLE_STAFF, NULL};
	struct yk_errinfo ei;
	struct wb_sheet s;
	unsigned char a[WB_ITEMS];
	memset(a, 0, sizeof(a));
	for (int i = 0; i < 17; i++)
		a[i] = 2; /* domain A only, then leave */
	CHECK_INT(wb_sheet_save(db, &v, c, WB_SEX_NONE, a, &s, &ei), 0);
	CHECK_INT(s.answered, 17);
	memset(a, 0, sizeof(a));
	a[20] = 3;
	CHECK_INT(wb_sheet_save(db, &v, c, WB_SEX_FEMALE, a, &s, &ei), 0);
	CHECK_INT(s.answered, 18); /* earlier answers kept */
	CHECK_INT(s.answers[0], 2);
	CHECK_INT(s.sex, WB_SEX_FEMALE);
	CHECK_INT(wb_sheet_submit(db, &v, c, &s, &ei), YK_EINVAL);
	CHECK(strstr(ei.message, "問18") != NULL);
	/* No result for a draft, even for the worker. */
	struct wb_score sc;
	CHECK_INT(wb_result_get(db, &v, s.id, &s, &sc, &ei), YK_ECONFLICT);
	CHECK_INT(submit_sheet(db, u, c, MIXED, WB_SEX_FEMALE, &s), 0);
	CHECK(s.submitted_at > 0);
	answers_from(ALL4, a);
	CHECK_INT(wb_sheet_save(db, &v, c, WB_SEX_MALE, a, &s, &ei), YK_ECONFLICT);
	CHECK_INT(wb_result_get(db, &v, s.id, &s, &sc, &ei), 0);
	CHECK_INT(sc.soten_b, 16); /* V13 female */
	store_close(db);
}

TEST(role_rules_of_spec_4)
{
	struct store *db = fresh_db();
	int64_t w = add_user(db, "worker", "市民部/市民課", "一般職員");
	int64_t other = add_user(db, "other", "市民部/市民課", "一般職員");
	int64_t impl = add_user(db, "impl", "総務部/人事課", "一般職員");
	int64_t boss = add_user(db, "boss", "市民部", "幹部");
	int64_t c = open_campaign(db, "R1");
	struct wb_sheet s;
	REQUIRE(submit_sheet(db, w, c, ALL4, WB_SEX_MALE, &s) == 0);
	struct wb_score sc;
	struct yk_errinfo ei;
	struct audit_actor ia = {impl, "impl", "127.0.0.1"};
	struct wb_viewer admin = {other, AUTH_ROLE_ADMIN, NULL}, editor = {other, AUTH_ROLE_EDITOR, NULL},
			 peer = {other, AUTH_ROLE_STAFF, NULL}, me = {w, AUTH_ROLE_STAFF, NULL},
			 implementer = {impl, AUTH_ROLE_IMPLEMENTER, &ia},
			 boss_impl = {boss, AUTH_ROLE_IMPLEMENTER, NULL};
	struct wb_sheet got;
	CHECK_INT(wb_result_get(db, &admin, s.id, &got, &sc, &ei), YK_EFORBIDDEN);
	CHECK_INT(wb_result_get(db, &editor, s.id, &got, &sc, &ei), YK_EFORBIDDEN);
	CHECK_INT(wb_result_get(db, &peer, s.id, &got, &sc, &ei), YK_EFORBIDDEN);
	CHECK_INT(wb_result_get(db, &admin, 9999, &got, &sc, &ei), YK_EFORBIDDEN);
	int64_t views = fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.result.view'");
	CHECK_INT(wb_result_get(db, &implementer, s.id, &got, &sc, &ei), 0);
	CHECK_INT(sc.sum_high, 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.result.view'"), views + 1);
	CHECK_INT(fixture_int(db, "SELECT user_id FROM audit_log WHERE action = 'stress.result.view'"), impl);
	/* The implementer's read does not count as the worker seeing it. */
	CHECK_INT(got.result_seen_at, 0);
	/* Personnel authority: a 幹部 of 市民部 may not see 市民部/市民課. */
	CHECK_INT(wb_result_get(db, &boss_impl, s.id, &got, &sc, &ei), YK_EFORBIDDEN);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.result.refused'"), 1);
	fixture_exec(db, "UPDATE settings SET value = '0' WHERE key = 'stress_personnel_rule'");
	fixture_exec(db, "INSERT OR REPLACE INTO settings(key, value, updated_at) VALUES ('stress_personnel_rule', '0', 0)");
	CHECK_INT(wb_result_get(db, &boss_impl, s.id, &got, &sc, &ei), 0);
	/* Lists and export: implementer only. */
	struct yk_buf csv;
	yk_buf_init(&csv, 0);
	CHECK_INT(wb_result_export_csv(db, &admin, c, &csv, &ei), YK_EFORBIDDEN);
	CHECK_INT(wb_result_export_csv(db, &implementer, c, &csv, &ei), 0);
	CHECK(strstr(csv.data, "worker,市民部/市民課,M,4,4") != NULL);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.export'"), 1);
	yk_buf_release(&csv);
	CHECK_INT(wb_interview_update(db, &admin, s.id, "done", &ei), YK_EFORBIDDEN);
	/* The worker sees it; now consent may be asked. */
	CHECK_INT(wb_consent_set(db, &me, s.id, 1, &ei), YK_ECONFLICT);
	CHECK_INT(wb_interview_apply(db, &me, s.id, &ei), YK_ECONFLICT);
	CHECK_INT(wb_result_get(db, &me, s.id, &got, &sc, &ei), 0);
	CHECK(got.result_seen_at > 0);
	CHECK_INT(wb_consent_set(db, &peer, s.id, 1, &ei), YK_EFORBIDDEN);
	CHECK_INT(wb_consent_set(db, &implementer, s.id, 1, &ei), YK_EFORBIDDEN);
	CHECK_INT(wb_consent_set(db, &me, s.id, 1, &ei), 0);
	CHECK_INT(wb_consent_set(db, &me, s.id, 0, &ei), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sc_consents"), 2);
	CHECK_INT(wb_interview_apply(db, &me, s.id, &ei), 0);
	CHECK_INT(wb_interview_apply(db, &me, s.id, &ei), YK_ECONFLICT);
	CHECK_INT(wb__sheet_load(db, s.id, &got, NULL), 0);
	CHECK_INT(got.consent, 1); /* the application counts as consent */
	CHECK_INT(got.interview, 1);
	CHECK_INT(wb_consent_set(db, &me, s.id, 0, &ei), YK_ECONFLICT);
	CHECK_INT(wb_interview_update(db, &implementer, s.id, "done", &ei), 0);
	struct wb_official_report rep;
	CHECK_INT(wb_official_report(db, c, &rep, &ei), 0);
	CHECK_INT(rep.targets, 4);
	CHECK_INT(rep.examined, 1);
	CHECK_INT(rep.high_stress, 1);
	CHECK_INT(rep.interviews_done, 1);
	store_close(db);
}

struct units_seen {
	int count;
	struct wb_unit u[16];
};

static int collect_unit(void *ctx, const struct wb_unit *u)
{
	struct units_seen *s = ctx;
	if (s->count < 16)
		s->u[s->count++] = *u;
	return 0;
}

static const struct wb_unit *unit_named(const struct units_seen *s, const char *name)
{
	for (int i = 0; i < s->count; i++)
		if (strcmp(s->u[i].department, name) == 0)
			return &s->u[i];
	return NULL;
}

TEST(group_analysis_suppresses_under_ten)
{
	struct store *db = fresh_db();
	int64_t users[10];
	char login[32];
	for (int i = 0; i < 10; i++) {
		snprintf(login, sizeof(login), "u%d", i);
		users[i] = add_user(db, login, i < 5 ? "福祉部/福祉課" : "福祉部/介護課", "一般職員");
	}
	int64_t c = open_campaign(db, "G1");
	struct wb_sheet s;
	for (int i = 0; i < 9; i++)
		REQUIRE(submit_sheet(db, users[i], c, i % 2 ? ALL4 : MIXED,
				     i % 3 ? WB_SEX_MALE : WB_SEX_FEMALE, &s) == 0);
	struct units_seen seen = {0};
	struct yk_errinfo ei;
	CHECK_INT(wb_group_analysis(db, c, collect_unit, &seen, &ei), 0);
	const struct wb_unit *whole = unit_named(&seen, "全体"), *dept = unit_named(&seen, "福祉部");
	REQUIRE(whole && dept);
	CHECK_INT(whole->fig.n, 9);
	CHECK_INT(whole->suppressed, 1); /* n = 9 */
	CHECK_INT(whole->fig.high_sum, 0);
	CHECK(whole->fig.risk[0].total == 0);
	CHECK_INT(whole->targets, 10);
	CHECK_INT(dept->suppressed, 1);
	REQUIRE(submit_sheet(db, users[9], c, MIXED, WB_SEX_MALE, &s) == 0);
	seen.count = 0;
	CHECK_INT(wb_group_analysis(db, c, collect_unit, &seen, &ei), 0);
	whole = unit_named(&seen, "全体");
	dept = unit_named(&seen, "福祉部");
	const struct wb_unit *small = unit_named(&seen, "福祉部/福祉課");
	REQUIRE(whole && dept && small);
	CHECK_INT(whole->fig.n, 10); /* n = 10: shown */
	CHECK_INT(whole->suppressed, 0);
	CHECK_INT(dept->suppressed, 0);
	CHECK_INT(whole->fig.high_sum, 4); /* the four ALL4 sheets */
	CHECK(whole->fig.risk[0].total > 0);
	CHECK_INT(small->suppressed, 1);
	CHECK_INT(small->fig.n, 5);
	CHECK(small->fig.scale_mean[0] == 0);
	/* Overrides: summary only, then all consented; both audited. */
	CHECK_INT(wb_group_override_set(db, &cli, c, small->department_id, WB_OVERRIDE_SUMMARY, &ei), 0);
	seen.count = 0;
	CHECK_INT(wb_group_analysis(db, c, collect_unit, &seen, &ei), 0);
	small = unit_named(&seen, "福祉部/福祉課");
	REQUIRE(small);
	CHECK_INT(small->suppressed, 0);
	CHECK(small->fig.total57_mean > 0);
	CHECK(small->fig.scale_mean[0] == 0);
	CHECK_INT(small->fig.high_sum, 0);
	CHECK_INT(wb_group_override_set(db, &cli, c, small->department_id, WB_OVERRIDE_ALL_CONSENTED, &ei), 0);
	seen.count = 0;
	CHECK_INT(wb_group_analysis(db, c, collect_unit, &seen, &ei), 0);
	small = unit_named(&seen, "福祉部/福祉課");
	REQUIRE(small);
	CHECK(small->fig.scale_mean[0] > 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.group.override'"), 2);
	store_close(db);
}

static int count_post(void *ctx, const struct wb_opinion *o)
{
	(*(int *)ctx)++;
	CHECK_INT(strlen(o->key), 32);
	CHECK_INT(strlen(o->day), 10);
	return 0;
}

TEST(opinion_box_keeps_no_author)
{
	struct store *db = fresh_db();
	struct yk_errinfo ei;
	char key[WB_OPINION_KEY_HEX + 1];
	CHECK_INT(wb_opinion_post(db, "職場環境", 0, "空調が効きません", strlen("空調が効きません"), key, &ei), 0);
	CHECK_INT(wb_opinion_post(db, "なにか", 0, "x", 1, key, &ei), YK_EINVAL);
	CHECK_INT(wb_opinion_post(db, "その他", 0, "", 0, key, &ei), YK_EINVAL);
	CHECK_INT(wb_opinion_post(db, "その他", 0, "意見", strlen("意見"), key, &ei), 0);
	int n = 0;
	CHECK_INT(wb_opinion_list(db, count_post, &n, &ei), 0);
	CHECK_INT(n, 2);
	/* No column that could name or place the author, and no rowid. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM pragma_table_info('ob_posts') WHERE name IN"
			      " ('user_id', 'author', 'ip', 'created_at', 'at', 'rowid', 'id')"), 0);
	CHECK(fixture_int(db, "SELECT rowid FROM ob_posts LIMIT 1") == -1);
	CHECK_INT(wb_opinion_update(db, &cli, key, "対応しない", "", "", &ei), YK_EINVAL);
	CHECK_INT(wb_opinion_update(db, &cli, key, "対応済", "", "空調を修理しました", &ei), 0);
	CHECK_INT(wb_opinion_update(db, &cli, "00000000000000000000000000000000", "受付", "", "", &ei),
		  YK_ENOTFOUND);
	store_close(db);
}

TEST(opinion_rate_limit_is_daily_and_keyed)
{
	struct wb_rate *r = wb_rate_new();
	for (int i = 0; i < 3; i++)
		CHECK_INT(wb_rate_take(r, 7, 3, 100), 0);
	CHECK_INT(wb_rate_take(r, 7, 3, 100), YK_ERATE);
	CHECK_INT(wb_rate_take(r, 8, 3, 100), 0); /* another account */
	CHECK_INT(wb_rate_take(r, 7, 3, 101), 0); /* a new day */
	wb_rate_free(r);
	wb_rate_free(NULL);
}

static void paper_csv(struct yk_buf *b, const char *const *rows, size_t n)
{
	if (yk_buf_adds(b, "\xEF\xBB\xBF" "職員番号,性別"))
		abort();
	for (int q = 1; q <= WB_ITEMS; q++)
		if (yk_buf_addf(b, ",問%d", q))
			abort();
	for (size_t i = 0; i < n; i++)
		if (yk_buf_addf(b, "\r\n%s", rows[i]))
			abort();
	if (yk_buf_adds(b, "\r\n"))
		abort();
}

static const char *answers_csv(const char *digits)
{
	static char out[4][WB_ITEMS * 2 + 1];
	static int k;
	char *o = out[k++ % 4];
	for (int i = 0; i < WB_ITEMS; i++) {
		o[2 * i] = ',';
		o[2 * i + 1] = digits[i];
	}
	o[WB_ITEMS * 2] = '\0';
	return o;
}

TEST(paper_import_is_all_or_nothing)
{
	struct store *db = fresh_db();
	int64_t u1 = add_user(db, "P1", "総務部/総務課", "一般職員");
	add_user(db, "P2", "総務部/財政課", "一般職員");
	char r1[256], r2[256], bad1[256], bad2[256];
	snprintf(r1, sizeof(r1), "P1,男%s", answers_csv(MIXED));
	snprintf(r2, sizeof(r2), "P2,F%s", answers_csv(ALL4));
	snprintf(bad1, sizeof(bad1), "P9,F%s", answers_csv(ALL4));
	snprintf(bad2, sizeof(bad2), "P2,X%s", answers_csv(ALL4));
	struct yk_buf b;
	yk_buf_init(&b, 0);
	const char *bad[] = {r1, bad1, bad2, r1};
	paper_csv(&b, bad, 4);
	struct wb_import_result *res = yk_xcalloc(1, sizeof(*res));
	struct yk_errinfo ei;
	CHECK_INT(wb_import_paper(db, &cli, "紙", b.data, b.len, res, &ei), YK_EPARSE);
	CHECK(res->problems.count >= 3);
	CHECK_INT(res->problems.item[0].line, 3); /* P9 not in the roster */
	CHECK(strstr(res->problems.item[0].message, "P9") != NULL);
	CHECK_INT(res->imported, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sc_campaigns"), 0); /* not even the campaign */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sc_sheets"), 0);
	/* A draft on the web is replaced by the paper sheet. */
	int64_t c = open_campaign(db, "紙");
	struct wb_viewer v = {u1, AUTH_ROLE_STAFF, NULL};
	struct wb_sheet s;
	unsigned char a[WB_ITEMS];
	memset(a, 0, sizeof(a));
	a[0] = 4;
	CHECK_INT(wb_sheet_save(db, &v, c, WB_SEX_NONE, a, &s, &ei), 0);
	yk_buf_reset(&b);
	const char *good[] = {r1, r2};
	paper_csv(&b, good, 2);
	memset(res, 0, sizeof(*res));
	CHECK_INT(wb_import_paper(db, &cli, "紙", b.data, b.len, res, &ei), 0);
	CHECK_INT(res->imported, 2);
	CHECK_INT(res->campaign_created, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sc_sheets WHERE submitted_at IS NOT NULL AND source = 'paper'"), 2);
	CHECK_INT(wb_result_get(db, &v, s.id, &s, &(struct wb_score){0}, &ei), 0);
	CHECK_INT(s.answers[0], 2); /* the paper answer, not the draft's */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.import'"), 1);
	/* Importing the same people again: already submitted. */
	memset(res, 0, sizeof(*res));
	CHECK_INT(wb_import_paper(db, &cli, "紙", b.data, b.len, res, &ei), YK_EPARSE);
	CHECK(strstr(res->problems.item[0].message, "提出") != NULL);
	free(res);
	yk_buf_release(&b);
	store_close(db);
}

/* ---- the employer's view of consented results, and reminders ----------------------------- */

static int count_consented(void *ctx, const struct wb_consented *r)
{
	int *n = ctx;
	(*n)++;
	CHECK(r->employee_no[0] != '\0');
	return 0;
}

static int last_consented_scope;
static int keep_scope(void *ctx, const struct wb_consented *r)
{
	(void)ctx;
	last_consented_scope = r->scope_full;
	CHECK(r->scope_full ? r->score.sum_b > 0 : r->score.sum_b == 0);
	return 0;
}

TEST(employer_sees_only_consented_results)
{
	struct store *db = fresh_db();
	int64_t w1 = add_user(db, "c1", "市民部/市民課", "一般職員");
	int64_t w2 = add_user(db, "c2", "市民部/市民課", "一般職員");
	int64_t w3 = add_user(db, "c3", "市民部/市民課", "一般職員");
	int64_t boss = add_user(db, "admin1", "総務部", "一般職員");
	int64_t c = open_campaign(db, "E1");
	struct wb_sheet s1, s2, s3;
	REQUIRE(submit_sheet(db, w1, c, ALL4, WB_SEX_MALE, &s1) == 0);
	REQUIRE(submit_sheet(db, w2, c, MIXED, WB_SEX_FEMALE, &s2) == 0);
	REQUIRE(submit_sheet(db, w3, c, MIXED, WB_SEX_MALE, &s3) == 0);
	struct audit_actor aa = {boss, "admin1", "127.0.0.1"};
	struct wb_viewer admin = {boss, AUTH_ROLE_ADMIN, &aa}, editor = {boss, AUTH_ROLE_EDITOR, NULL},
			 impl = {boss, AUTH_ROLE_IMPLEMENTER, NULL}, staff = {w2, AUTH_ROLE_STAFF, NULL},
			 me1 = {w1, AUTH_ROLE_STAFF, NULL}, me2 = {w2, AUTH_ROLE_STAFF, NULL};
	struct yk_errinfo ei;
	struct wb_score sc;
	struct wb_sheet got;
	int n = 0;
	/* Role matrix: only the employer side (admin) reads this list. */
	CHECK_INT(wb_consented_list(db, &editor, c, count_consented, &n, &ei), YK_EFORBIDDEN);
	CHECK_INT(wb_consented_list(db, &impl, c, count_consented, &n, &ei), YK_EFORBIDDEN);
	CHECK_INT(wb_consented_list(db, &staff, c, count_consented, &n, &ei), YK_EFORBIDDEN);
	/* Nobody consented yet: empty. */
	CHECK_INT(wb_consented_list(db, &admin, c, count_consented, &n, &ei), 0);
	CHECK_INT(n, 0);
	/* w1 consents after seeing, w2 applies for 面接指導 (counts as consent). */
	CHECK_INT(wb_result_get(db, &me1, s1.id, &got, &sc, &ei), 0);
	CHECK_INT(wb_consent_set(db, &me1, s1.id, 1, &ei), 0);
	CHECK_INT(wb_result_get(db, &me2, s2.id, &got, &sc, &ei), 0);
	CHECK_INT(wb_interview_apply(db, &me2, s2.id, &ei), 0);
	int64_t views = fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.employer.view'");
	CHECK_INT(wb_consented_list(db, &admin, c, count_consented, &n, &ei), 0);
	CHECK_INT(n, 2);
	/* Every row shown is an audit row, by the admin, naming the sheet. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.employer.view'"), views + 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.employer.list'"), 2);
	CHECK_INT(fixture_int(db, "SELECT count(DISTINCT user_id) FROM audit_log WHERE action = 'stress.employer.view'"), 1);
	/* One sheet: consented is shown; not consented is "not found". */
	struct wb_consented one;
	CHECK_INT(wb_consented_get(db, &admin, s1.id, &one, &ei), 0);
	CHECK_INT(one.sheet_id, s1.id);
	CHECK_INT(one.high, 1);
	CHECK_INT(wb_consented_get(db, &admin, s3.id, &one, &ei), YK_ENOTFOUND);
	CHECK_INT(wb_consented_get(db, &admin, 99999, &one, &ei), YK_ENOTFOUND);
	CHECK_INT(wb_consented_get(db, &editor, s1.id, &one, &ei), YK_EFORBIDDEN);
	/* Revoking removes it at once. */
	CHECK_INT(wb_consent_set(db, &me1, s1.id, 0, &ei), 0);
	n = 0;
	CHECK_INT(wb_consented_list(db, &admin, c, count_consented, &n, &ei), 0);
	CHECK_INT(n, 1);
	CHECK_INT(wb_consented_get(db, &admin, s1.id, &one, &ei), YK_ENOTFOUND);
	/* The consent scope setting decides what the employer gets. */
	fixture_exec(db, "INSERT OR REPLACE INTO settings(key, value, updated_at) VALUES ('stress_consent_scope', 'high_stress_only', 0)");
	CHECK_INT(wb_consented_list(db, &admin, c, keep_scope, NULL, &ei), 0);
	CHECK_INT(last_consented_scope, 0);
	fixture_exec(db, "INSERT OR REPLACE INTO settings(key, value, updated_at) VALUES ('stress_consent_scope', 'full', 0)");
	CHECK_INT(wb_consented_list(db, &admin, c, keep_scope, NULL, &ei), 0);
	CHECK_INT(last_consented_scope, 1);
	store_close(db);
}

static int count_reminders(void *ctx, const struct wb_reminder *r)
{
	int *n = ctx;
	(*n)++;
	CHECK(r->name[0] != '\0');
	return 0;
}

static int count_pending(void *ctx, const struct wb_pending *p)
{
	int *n = ctx;
	(*n)++;
	CHECK(strcmp(p->employee_no, "r1") != 0); /* r1 has submitted */
	return 0;
}

TEST(reminders_for_who_has_not_finished)
{
	struct store *db = fresh_db();
	int64_t r1 = add_user(db, "r1", "市民部/市民課", "一般職員");
	int64_t r2 = add_user(db, "r2", "市民部/市民課", "一般職員");
	int64_t r3 = add_user(db, "r3", "市民部/市民課", "一般職員");
	int64_t c = open_campaign(db, "M1"); /* the whole roster in scope */
	struct wb_viewer v1 = {r1, AUTH_ROLE_STAFF, NULL}, v2 = {r2, AUTH_ROLE_STAFF, NULL},
			 v3 = {r3, AUTH_ROLE_ADMIN, NULL}, staff = {r2, AUTH_ROLE_STAFF | AUTH_ROLE_EDITOR, NULL};
	struct yk_errinfo ei;
	struct wb_sheet s;
	int n = 0;
	CHECK_INT(wb_reminders_mine(db, &v1, count_reminders, &n, &ei), 0);
	CHECK_INT(n, 1);
	REQUIRE(submit_sheet(db, r1, c, MIXED, WB_SEX_MALE, &s) == 0);
	n = 0;
	CHECK_INT(wb_reminders_mine(db, &v1, count_reminders, &n, &ei), 0);
	CHECK_INT(n, 0); /* finished: no reminder */
	/* A draft is still not finished. */
	unsigned char a[WB_ITEMS];
	memset(a, 0, sizeof(a));
	a[0] = 1;
	CHECK_INT(wb_sheet_save(db, &v2, c, WB_SEX_NONE, a, &s, &ei), 0);
	n = 0;
	CHECK_INT(wb_reminders_mine(db, &v2, count_reminders, &n, &ei), 0);
	CHECK_INT(n, 1);
	/* Pending list and rounds: admin or implementer only. */
	int64_t pending = -1;
	CHECK_INT(wb_pending_list(db, &staff, c, count_pending, &n, &pending, &ei), YK_EFORBIDDEN);
	CHECK_INT(wb_reminder_send(db, &staff, c, &pending, &ei), YK_EFORBIDDEN);
	n = 0;
	CHECK_INT(wb_pending_list(db, &v3, c, count_pending, &n, &pending, &ei), 0);
	CHECK_INT(pending, 2);
	CHECK_INT(n, 2);
	CHECK_INT(wb_reminder_send(db, &v3, c, &pending, &ei), 0);
	CHECK_INT(pending, 2);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM sc_reminder_rounds"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.reminder.send'"), 1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'stress.pending.list'"), 1);
	/* Nothing about a result or progress goes into a round or its audit. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action LIKE 'stress.%' AND detail LIKE '%high%'"), 0);
	/* A closed campaign takes no round. */
	fixture_exec(db, "UPDATE sc_campaigns SET ends_at = starts_at");
	CHECK_INT(wb_reminder_send(db, &v3, c, &pending, &ei), YK_ECONFLICT);
	n = 0;
	CHECK_INT(wb_reminders_mine(db, &v2, count_reminders, &n, &ei), 0);
	CHECK_INT(n, 0); /* closed: no reminder either */
	store_close(db);
}

/* ---- pulse surveys ------------------------------------------------------------------------------ */

static int keep_mine(void *ctx, const struct wb_pulse_mine *p)
{
	*(struct wb_pulse_mine *)ctx = *p;
	return 0;
}

static int pulse_units_seen;
static int check_unit(void *ctx, const struct wb_pulse_unit *u)
{
	(void)ctx;
	pulse_units_seen++;
	if (strcmp(u->department, "市民部/市民課") == 0) {
		CHECK_INT(u->n, 10);
		CHECK_INT(u->suppressed, 0);
		CHECK(u->results != NULL);
		if (!u->results)
			return 0;
		CHECK_INT(u->results->responses, 10);
		CHECK(u->results->questions[0].mean > 3.9 && u->results->questions[0].mean < 4.1);
	} else {
		CHECK_INT(u->n, 9);
		CHECK_INT(u->suppressed, 1);
		CHECK(u->results == NULL);
	}
	return 0;
}

/* n users login prefix0.. in path (staff entries and accounts), ids to out. */
static void add_users(struct store *db, const char *prefix, const char *path, int n, int64_t *out)
{
	char login[32];
	for (int i = 0; i < n; i++) {
		snprintf(login, sizeof(login), "%s%d", prefix, i);
		out[i] = add_user(db, login, path, "一般職員");
	}
}

/* Answers pulse as user: value on the scale question, text on the free one. */
static int answer_pulse_text(struct store *db, int64_t user, int64_t pulse, int value,
			     const char *text, struct yk_errinfo *ei);

static int answer_pulse(struct store *db, int64_t user, int64_t pulse, int value, struct yk_errinfo *ei)
{
	return answer_pulse_text(db, user, pulse, value, "特になし", ei);
}

static int answer_pulse_text(struct store *db, int64_t user, int64_t pulse, int value,
			     const char *text, struct yk_errinfo *ei)
{
	struct wb_viewer v = {user, AUTH_ROLE_STAFF, NULL};
	int64_t sid = 0;
	struct survey *sv = NULL;
	int rc = wb_pulse_survey_of(db, &v, pulse, &sid, ei);
	if (rc || (rc = survey_get(db, sid, &sv, ei)))
		return rc;
	struct survey_answer a[2] = {{sv->questions[0].id, value, 0, NULL},
				     {sv->questions[1].id, 0, 0, text}};
	rc = wb_pulse_answer(db, &v, pulse, a, 2, ei);
	survey_free(sv);
	return rc;
}

TEST(pulse_surveys_are_anonymous_by_unit_and_suppressed_under_ten)
{
	struct store *db = fresh_db();
	int64_t a[10], b[9];
	add_users(db, "pa", "市民部/市民課", 10, a);
	add_users(db, "pb", "総務部/人事課", 9, b);
	int64_t outsider = add_user(db, "px", "建設部", "一般職員");
	int64_t da = fixture_int(db, "SELECT id FROM departments WHERE path = '市民部/市民課'");
	int64_t db_ = fixture_int(db, "SELECT id FROM departments WHERE path = '総務部/人事課'");
	int64_t parent = fixture_int(db, "SELECT id FROM departments WHERE path = '市民部'");
	struct survey_question_spec q[2] = {
		{SURVEY_SCALE, SURVEY_SCALE_SATISFACTION, "職場の雰囲気は改善しましたか", NULL, 0, 1},
		{SURVEY_TEXT, SURVEY_SCALE_NONE, "ご意見", NULL, 0, 0}};
	struct yk_errinfo ei;
	int64_t id = 0;
	/* Overlapping units are refused: a unit and its parent. */
	int64_t overlap[2] = {da, parent};
	struct wb_pulse_spec spec = {"4月のパルス", yk_now_unix() + 86400, overlap, 2, q, 2};
	CHECK_INT(wb_pulse_open(db, &cli, &spec, &id, &ei), YK_EINVAL);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM survey_surveys"), 0); /* nothing left behind */
	int64_t units[2] = {da, db_};
	spec.department_ids = units;
	CHECK_INT(wb_pulse_open(db, &cli, &spec, &id, &ei), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM survey_surveys WHERE anonymous = 1"), 2);
	CHECK_INT(fixture_int(db, "SELECT invited FROM wb_pulse_units WHERE department_id = (SELECT id FROM departments WHERE path = '市民部/市民課')"), 10);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'pulse.open'"), 1);
	/* Staff see it on their portal; an outsider does not and cannot answer. */
	struct wb_viewer va = {a[0], AUTH_ROLE_STAFF, NULL}, vx = {outsider, AUTH_ROLE_STAFF, NULL};
	struct wb_pulse_mine mine;
	memset(&mine, 0, sizeof(mine));
	CHECK_INT(wb_pulse_mine(db, &va, keep_mine, &mine, &ei), 0);
	CHECK_INT(mine.pulse_id, id);
	CHECK_INT(mine.answered, 0);
	memset(&mine, 0, sizeof(mine));
	CHECK_INT(wb_pulse_mine(db, &vx, keep_mine, &mine, &ei), 0);
	CHECK_INT(mine.pulse_id, 0);
	CHECK_INT(answer_pulse(db, outsider, id, 4, &ei), YK_ENOTFOUND);
	for (int i = 0; i < 10; i++)
		CHECK_INT(answer_pulse(db, a[i], id, 4, &ei), 0);
	for (int i = 0; i < 9; i++)
		CHECK_INT(answer_pulse(db, b[i], id, 2, &ei), 0);
	CHECK_INT(answer_pulse(db, a[0], id, 5, &ei), YK_ECONFLICT); /* once */
	CHECK_INT(wb_pulse_mine(db, &va, keep_mine, &mine, &ei), 0);
	CHECK_INT(mine.answered, 1);
	/* No link from an answer to a person: no staff id, only the day. */
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM survey_responses WHERE staff_id IS NOT NULL"), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM survey_responses"), 19);
	/* By unit: 10 shown, 9 suppressed. */
	pulse_units_seen = 0;
	CHECK_INT(wb_pulse_results(db, NULL, NULL, id, check_unit, NULL, &ei), 0);
	CHECK_INT(pulse_units_seen, 2);
	CHECK_INT(wb_pulse_results(db, NULL, NULL, id + 100, check_unit, NULL, &ei), YK_ENOTFOUND);
	/* Closed: no more answers. */
	fixture_exec(db, "UPDATE wb_pulses SET closes_at = opened_at - 1, opened_at = opened_at - 2");
	int64_t late = add_user(db, "pa_late", "市民部/市民課", "一般職員");
	CHECK_INT(answer_pulse(db, late, id, 3, &ei), YK_ECONFLICT);
	store_close(db);
}

/* What a caller of wb_pulse_results saw of the free-text question. */
struct comments_seen {
	int units, with_comments, groups, leaked, suppressed_with_text;
	char first_example[256];
};

static int see_comments(void *ctx, const struct wb_pulse_unit *u)
{
	struct comments_seen *s = ctx;
	s->units++;
	if (u->suppressed) {
		s->suppressed_with_text += u->results != NULL || u->comments;
		return 0;
	}
	s->with_comments += u->comments;
	const struct survey_question_result *q = &u->results->questions[1];
	s->groups += (int)q->ngroups;
	for (size_t g = 0; g < q->ngroups; g++)
		for (size_t e = 0; e < q->groups[g].nexamples; e++) {
			const char *x = q->groups[g].examples[e];
			if (!s->first_example[0])
				yk_strlcpy(s->first_example, x, sizeof(s->first_example));
			if (strstr(x, "090-1234-5678") || strstr(x, "山田"))
				s->leaked = 1;
		}
	return 0;
}

TEST(pulse_free_text_only_to_the_implementer_masked_and_never_for_small_units)
{
	struct store *db = fresh_db();
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct survey_text tx = {NULL, NULL};
	if (survey_text_open(db, NULL, &tx, &ei) != 0) {
		fprintf(stderr, "pulse free text: UniDic missing: %s\n", ei.message);
		CHECK(0);
		store_close(db);
		return;
	}
	int64_t a[12], b[9];
	add_users(db, "ca", "市民部/市民課", 12, a);
	add_users(db, "cb", "総務部/人事課", 9, b);
	int64_t units[2] = {fixture_int(db, "SELECT id FROM departments WHERE path = '市民部/市民課'"),
			    fixture_int(db, "SELECT id FROM departments WHERE path = '総務部/人事課'")};
	struct survey_question_spec q[2] = {
		{SURVEY_SCALE, SURVEY_SCALE_SATISFACTION, "職場の雰囲気は改善しましたか", NULL, 0, 1},
		{SURVEY_TEXT, SURVEY_SCALE_NONE, "ご意見", NULL, 0, 0}};
	struct wb_pulse_spec spec = {"自由記述のあるパルス", yk_now_unix() + 86400, units, 2, q, 2};
	int64_t id = 0;
	REQUIRE(wb_pulse_open(db, &cli, &spec, &id, &ei) == 0);
	static const char *const texts[] = {
		"会議が短くなって助かります", "会議の資料が減りました", "会議の時間がまだ長い",
		"残業が減りました。090-1234-5678 の山田さんに感謝しています",
	};
	for (int i = 0; i < 12; i++)
		CHECK_INT(answer_pulse_text(db, a[i], id, 4, texts[i % 4], &ei), 0);
	for (int i = 0; i < 9; i++)
		CHECK_INT(answer_pulse_text(db, b[i], id, 2, "人事課の小さな職場の声", &ei), 0);
	int64_t impl = add_user(db, "impl", "総務部/人事課", "一般職員");
	struct audit_actor ia = {impl, "impl", NULL}, aa = {1, "admin", NULL};
	struct wb_viewer implementer = {impl, AUTH_ROLE_IMPLEMENTER, &ia};
	struct wb_viewer admin = {1, AUTH_ROLE_ADMIN | AUTH_ROLE_EDITOR, &aa};

	/* An administrator (the employer side) gets counts, never the text. */
	struct comments_seen s;
	memset(&s, 0, sizeof(s));
	CHECK_INT(wb_pulse_results(db, &admin, &tx, id, see_comments, &s, &ei), 0);
	CHECK_INT(s.units, 2);
	CHECK_INT(s.with_comments, 0);
	CHECK_INT(s.groups, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'pulse.comments.view'"), 0);

	/* The implementer reads the 12-person unit's text, grouped and masked;
	 * the 9-person unit stays a count; the read is audited first. */
	memset(&s, 0, sizeof(s));
	CHECK_INT(wb_pulse_results(db, &implementer, &tx, id, see_comments, &s, &ei), 0);
	CHECK_INT(s.units, 2);
	CHECK_INT(s.with_comments, 1);
	CHECK(s.groups >= 2);
	CHECK(s.first_example[0] != '\0');
	CHECK_INT(s.leaked, 0);
	CHECK_INT(s.suppressed_with_text, 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'pulse.comments.view'"
			      " AND actor = 'impl' AND target = 'pulse:' || (SELECT max(id) FROM wb_pulses)"), 1);

	/* Without a guard (or a model) nothing can be masked: counts only. */
	struct survey_text no_guard = {tx.model, NULL};
	memset(&s, 0, sizeof(s));
	CHECK_INT(wb_pulse_results(db, &implementer, &no_guard, id, see_comments, &s, &ei), 0);
	CHECK_INT(s.with_comments, 0);
	CHECK_INT(s.groups, 0);
	survey_text_release(&tx);
	store_close(db);
}

TEST_MAIN(T(paper_import_is_all_or_nothing), T(sheets_are_resumable_and_never_scored_incomplete), T(role_rules_of_spec_4),
	  T(group_analysis_suppresses_under_ten), T(opinion_box_keeps_no_author),
	  T(opinion_rate_limit_is_daily_and_keyed), T(crisis_detector_on_the_labelled_set), T(crisis_detector_reads_lemmas_and_modality),
	  T(crisis_reply_has_the_contacts), T(employer_sees_only_consented_results), T(reminders_for_who_has_not_finished),
	  T(pulse_surveys_are_anonymous_by_unit_and_suppressed_under_ten),
	  T(pulse_free_text_only_to_the_implementer_masked_and_never_for_small_units),
	  T(spec_vectors), T(boundary_vectors_both_methods_both_sexes), T(soten_table_every_cell),
	  T(tables_match_spec), T(incomplete_sheet_is_never_scored), T(thresholds_are_configurable),
	  T(sex_and_line_parsers), T(judge_figures_spec_5_3), T(group_figures_by_sex_and_weighted_total))
