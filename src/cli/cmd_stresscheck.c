/* cli/stresscheck: `yakuba stresscheck score [--json]` (scores answer lines
 * from stdin with both methods of SPEC §2), `yakuba stresscheck import
 * --campaign NAME FILE.csv` (paper sheets, all-or-nothing) and
 * `yakuba stresscheck campaigns`; plus the `stress` action of
 * `yakuba report` (group figures only, cli_report_stress()). */
#include <stdio.h>

#include <jansson.h>

#include "cli.h"
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
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	/* Thresholds: the settings of --db / $YAKUBA_DB when one is given,
	 * else the MHLW defaults (no database needed for scoring). */
	struct wb_thresholds t;
	wb_thresholds_default(&t);
	if (db_flag || getenv("YAKUBA_DB")) {
		struct store *db = NULL;
		if (cli_open(db_flag, 0, &db))
			return CLI_EXIT_FAIL;
		wb_thresholds_from_settings(db, &t);
		store_close(db);
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

int cmd_stresscheck(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"score", sc_score, "回答を採点します（標準入力から、--json で JSON）"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("stresscheck", actions, argc, argv);
}
