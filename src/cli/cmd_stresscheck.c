/* cli/stresscheck: `yakuba stresscheck score [--json]` (scores answer lines
 * from stdin with both methods of SPEC §2), `yakuba stresscheck import
 * --campaign NAME FILE.csv` (paper sheets, all-or-nothing) and
 * `yakuba stresscheck crisis FILE.tsv...` (scores the crisis detector on
 * labelled sentences, recall per label and false alarms on none);
 * plus the `stress` action of
 * `yakuba report` (group figures only, cli_report_stress()). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api/api.h"
#include "audit/audit.h"
#include "auth/auth.h"
#include "cli.h"
#include "text/text.h"
#include "wellbeing/wellbeing.h"
#include "core/banned.h"

#define SCORE_LINE_MAX 1024

static json_t *method_json(int a, int b, int c, int high)
{
	return json_pack("{s:i, s:i, s:i, s:b}", "A", a, "B", b, "C", c, "high", high);
}

/* The object of the issue: {"sum":{A,B,C,high},"soten":{...},"scales":{name:{raw,points}}}. */
static json_t *score_json(const struct wb_score *s)
{
	const struct wb_scale *sc = wb_scales();
	json_t *o = json_object(), *scales = json_object();
	json_object_set_new(o, "sum", method_json(s->sum_a, s->sum_b, s->sum_c, s->sum_high));
	json_object_set_new(o, "soten",
			    method_json(s->soten_a, s->soten_b, s->soten_c, s->soten_high));
	for (int i = 0; i < WB_SCALES; i++)
		json_object_set_new(scales, sc[i].name,
				    json_pack("{s:i, s:i}", "raw", s->raw[i], "points", s->points[i]));
	json_object_set_new(o, "scales", scales);
	return o;
}

static void print_score_text(enum wb_sex sex, const struct wb_score *s)
{
	printf("%s\t合計点数法 A=%d B=%d C=%d %s\t素点換算表 A=%d B=%d C=%d %s\n",
	       sex == WB_SEX_MALE ? "男" : "女", s->sum_a, s->sum_b, s->sum_c,
	       s->sum_high ? "高ストレス" : "-", s->soten_a, s->soten_b, s->soten_c,
	       s->soten_high ? "高ストレス" : "-");
}

static int sc_score(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"stresscheck score", "yakuba stresscheck score [--json]",
		"標準入力の「性別<TAB>57 桁の回答」の行を両方の方法（合計点数法・素点換算表）で採点します",
		0, 0};
	int as_json = 0;
	const struct cli_opt opts[] = {
		{"json", NULL, "1 行に 1 つの JSON で出力します", NULL, &as_json, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	/* Thresholds: the settings of --db / $YAKUBA_DB when one is given,
	 * else the MHLW defaults (no database needed for scoring). */
	struct wb_thresholds t;
	wb_thresholds_default(&t);
	if (r.db_flag || getenv("YAKUBA_DB")) {
		if (cli_run_open(&r, 0) != CLI_GO)
			return CLI_EXIT_FAIL;
		wb_thresholds_from_settings(r.db, &t);
		store_close(r.db);
	}
	char buf[SCORE_LINE_MAX + 2];
	long line = 0;
	int bad = 0;
	while (fgets(buf, sizeof(buf), stdin)) {
		line++;
		size_t len = strlen(buf);
		int whole = len && buf[len - 1] == '\n';
		if (!whole && !feof(stdin)) {
			fprintf(stderr, "stdin:%ld: 行が長すぎます\n", line);
			bad = 1;
			int ch;
			while ((ch = getchar()) != EOF && ch != '\n')
				;
			continue;
		}
		if (whole)
			buf[--len] = '\0';
		if (len == 0 || (len == 1 && buf[0] == '\r'))
			continue; /* blank lines are skipped */
		struct yk_errinfo ei;
		yk_errinfo_clear(&ei);
		enum wb_sex sex;
		unsigned char a[WB_ITEMS];
		struct wb_score s;
		if (wb_score_line_parse(buf, len, &sex, a, &ei) ||
		    wb_score_sheet(a, sex, &t, &s)) {
			fprintf(stderr, "stdin:%ld: %s\n", line, ei.message);
			bad = 1;
			continue;
		}
		if (as_json) {
			json_t *o = score_json(&s);
			char *txt = json_dumps(o, JSON_COMPACT);
			json_decref(o);
			if (!txt)
				return CLI_EXIT_FAIL;
			puts(txt);
			free(txt);
		} else {
			print_score_text(sex, &s);
		}
	}
	return bad ? CLI_EXIT_FAIL : 0;
}

/* ---- yakuba report stress ------------------------------------------------------- */

struct report_ctx {
	json_t *units;
	int as_json;
	int examined_seen;
	int64_t examined;
	int high_sum, high_soten;
};

static int report_unit(void *ctx, const struct wb_unit *u)
{
	struct report_ctx *x = ctx;
	if (u->depth == 0)
		return 0; /* the whole organisation: the top-level figures */
	if (x->as_json) {
		json_array_append_new(x->units, api_stress_unit_json(u, 0));
	} else if (u->suppressed) {
		printf("%s\tn=%d\t（10 人未満のため表示しません）\n", u->department, u->fig.n);
	} else if (u->override == WB_OVERRIDE_SUMMARY) {
		printf("%s\tn=%d\t57 項目合計の平均 %.1f（要約のみ）\n", u->department, u->fig.n,
		       u->fig.total57_mean);
	} else {
		printf("%s\tn=%d\t高ストレス 合計点数法 %d / 素点換算表 %d\t健康リスク A %.0f B %.0f 総合 %.0f\n",
		       u->department, u->fig.n, u->fig.high_sum, u->fig.high_soten, u->fig.risk[0].a,
		       u->fig.risk[0].b, u->fig.risk[0].total);
	}
	return 0;
}

/* `yakuba report stress --campaign NAME [--json]`: group figures only.
 * Called by the `report` command's action table (cmd_report.c). */
int cli_report_stress(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"report stress", "yakuba report stress --campaign NAME [--json]",
		"ストレスチェックの集団の数値（受検者数・高ストレス者数・所属ごとの集団分析。10 人未満の所属は数値を出しません）",
		0, 0};
	const char *campaign = NULL;
	int as_json = 0;
	const struct cli_opt opts[] = {
		{"campaign", "NAME", "実施回の名前", &campaign, NULL, NULL, NULL},
		{"json", NULL, "JSON で出力します", NULL, &as_json, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	if (!campaign) {
		fprintf(stderr, "yakuba: --campaign NAME を指定してください\n");
		return CLI_EXIT_USAGE;
	}
	if (cli_run_open(&r, 0) != CLI_GO)
		return CLI_EXIT_FAIL;
	struct store *db = r.db;
	struct yk_errinfo *ei = &r.ei;
	struct wb_campaign c;
	struct wb_official_report rep;
	struct report_ctx x = {json_array(), as_json, 0, 0, 0, 0};
	if ((rc = wb_campaign_find(db, campaign, &c))) {
		yk_errinfo_set(ei, rc, "実施回「%s」が見つかりません", campaign);
		goto out;
	}
	if ((rc = wb_official_report(db, c.id, &rep, ei)))
		goto out;
	if (!as_json)
		printf("%s\t対象 %lld\t受検 %lld\t高ストレス 合計点数法 %lld / 素点換算表 %lld\t面接指導 %lld\n",
		       c.name, (long long)rep.targets, (long long)rep.examined,
		       (long long)rep.high_stress_sum, (long long)rep.high_stress_soten,
		       (long long)rep.interviews_done);
	if ((rc = wb_group_analysis(db, c.id, report_unit, &x, ei)))
		goto out;
	if (as_json) {
		json_t *o = json_pack("{s:I, s:{s:I, s:I}, s:O}", "examined", (json_int_t)rep.examined,
				      "high_stress", "sum", (json_int_t)rep.high_stress_sum, "soten",
				      (json_int_t)rep.high_stress_soten, "by_department", x.units);
		char *txt = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		if (txt)
			puts(txt);
		free(txt);
	}
out:
	json_decref(x.units);
	return cli_run_end(&r, rc);
}

/* ---- yakuba stresscheck crisis FILE.tsv... ---------------------------------------------- */

#define CRISIS_FILE_MAX (8u << 20)
#define CRISIS_LABELS 5

static const char *const crisis_labels[CRISIS_LABELS] = {"direct", "indirect", "self_harm", "others",
							 "none"};

/* Scores one labelled file (label<TAB>sentence; '#' lines and blank lines
 * skipped) and prints recall per crisis label and the false alarms on
 * "none". A line with an unknown label or no tab is reported as
 * FILE:LINE: reason and makes the exit status 1. */
static int crisis_file(struct text_tokenizer *tk, const char *path, int verbose)
{
	char *data = NULL;
	size_t len = 0;
	if (cli_read_file(path, CRISIS_FILE_MAX, &data, &len) != 0) {
		fprintf(stderr, "%s: 読み込めませんでした\n", path);
		return 1;
	}
	int hit[CRISIS_LABELS] = {0}, n[CRISIS_LABELS] = {0}, bad = 0;
	long line = 0;
	for (size_t p = 0; p < len;) {
		size_t e = p;
		while (e < len && data[e] != '\n')
			e++;
		size_t end = e > p && data[e - 1] == '\r' ? e - 1 : e;
		line++;
		const char *row = data + p, *tab = memchr(row, '\t', end - p);
		p = e + 1;
		if (end == (size_t)(row - data) || row[0] == '#')
			continue;
		int k = -1;
		for (int i = 0; tab && i < CRISIS_LABELS; i++)
			if ((size_t)(tab - row) == strlen(crisis_labels[i]) &&
			    memcmp(row, crisis_labels[i], strlen(crisis_labels[i])) == 0)
				k = i;
		if (k < 0) {
			fprintf(stderr, "%s:%ld: 「ラベル<TAB>文」の行ではありません（ラベルは direct / indirect / self_harm / others / none）\n",
				path, line);
			bad = 1;
			continue;
		}
		const char *text = tab + 1;
		size_t tlen = end - (size_t)(text - data);
		enum wb_crisis got = wb_crisis_detect(tk, text, tlen);
		int ok = k == CRISIS_LABELS - 1 ? got == WB_CRISIS_NONE : got != WB_CRISIS_NONE;
		n[k]++;
		hit[k] += ok;
		if (!ok && verbose)
			printf("  %s:%ld: %s -> %s: %.*s\n", path, line, crisis_labels[k], wb_crisis_name(got),
			       (int)tlen, text);
	}
	printf("%s\n", path);
	for (int i = 0; i < CRISIS_LABELS - 1; i++)
		printf("  recall %-9s %4d/%-4d %.3f\n", crisis_labels[i], hit[i], n[i],
		       n[i] ? (double)hit[i] / n[i] : 0.0);
	int pos = 0, pos_hit = 0;
	for (int i = 0; i < CRISIS_LABELS - 1; i++)
		pos += n[i], pos_hit += hit[i];
	printf("  recall %-9s %4d/%-4d %.3f\n", "all", pos_hit, pos, pos ? (double)pos_hit / pos : 0.0);
	printf("  false alarms on none %d/%d\n", n[CRISIS_LABELS - 1] - hit[CRISIS_LABELS - 1],
	       n[CRISIS_LABELS - 1]);
	free(data);
	return bad;
}

static int sc_crisis(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"stresscheck crisis", "yakuba stresscheck crisis [--verbose] [--dicdir DIR] FILE.tsv...",
		"「ラベル<TAB>文」の評価用ファイルで危機検出の再現率（ラベルごと）と none での誤検出を数えます",
		1, CLI_MAX_POSITIONAL};
	int verbose = 0;
	const char *dicdir = NULL;
	const struct cli_opt opts[] = {
		{"verbose", NULL, "見逃し・誤検出の行も表示します", NULL, &verbose, NULL, NULL},
		{"dicdir", "DIR", "UniDic 辞書のディレクトリ", &dicdir, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	struct text_model *model = NULL;
	struct text_tokenizer *tk = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if ((rc = text_model_new(dicdir, &model, &ei)) != 0 ||
	    (rc = text_tokenizer_new(model, &tk, &ei)) != 0) {
		cli_error(rc, &ei);
		text_model_free(model);
		return CLI_EXIT_FAIL;
	}
	int bad = 0;
	for (int i = 0; i < r.npos; i++)
		bad |= crisis_file(tk, r.pos[i], verbose);
	text_tokenizer_free(tk);
	text_model_free(model);
	return bad ? CLI_EXIT_FAIL : 0;
}

struct paper_ctx {
	const char *campaign;
	struct wb_import_result *res;
};

static int paper_store(void *ctx, struct store *db, const char *data, size_t len, const char *file,
		       struct ingest_problems *p, struct yk_errinfo *ei)
{
	static const struct audit_actor actor = {0, "cli", NULL};
	struct paper_ctx *x = ctx;
	(void)file;
	int rc = wb_import_paper(db, &actor, x->campaign, data, len, x->res, ei);
	*p = x->res->problems;
	return rc;
}

static int sc_import(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"stresscheck import", "yakuba stresscheck import --campaign NAME FILE.csv",
		"紙の調査票の回答（職員番号, 性別, 問1〜問57。UTF-8 または Shift_JIS）を取り込みます。"
		"誤りのある行が 1 行でもあれば何も登録しません。実施回がなければ作成します",
		1, 1};
	const char *campaign = NULL;
	const struct cli_opt opts[] = {
		{"campaign", "NAME", "取り込む実施回の名前", &campaign, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	if (!campaign || !campaign[0]) {
		fprintf(stderr, "yakuba: --campaign NAME を指定してください\n");
		return CLI_EXIT_USAGE;
	}
	struct paper_ctx x = {campaign, yk_xcalloc(1, sizeof(*x.res))};
	const struct cli_import imp = {WB_IMPORT_MAX_BYTES, NULL, NULL, paper_store, &x};
	rc = cli_import_file(&imp, r.db_flag, r.pos[0]);
	if (!rc)
		printf("%s: %zu 人分の調査票を「%s」に取り込みました%s\n", r.pos[0], x.res->imported,
		       campaign, x.res->campaign_created ? "（実施回を作成しました）" : "");
	free(x.res);
	return rc;
}

int cmd_stresscheck(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"score", sc_score, "回答を採点します（標準入力から、--json で JSON）"},
		{"import", sc_import, "紙の調査票の回答を CSV から取り込みます（全部か、何もしないか）"},
		{"crisis", sc_crisis, "危機検出を評価用ファイル（ラベル<TAB>文）で採点します"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("stresscheck", actions, argc, argv);
}
