/* cli/survey: `yakuba survey results|import` — survey results as text,
 * JSON or CSV, and the import of a forms-service export into a session's
 * survey. */
#include <jansson.h>
#include <string.h>

#include "api/api.h"
#include "cli.h"
#include "survey/survey.h"
#include "training/training.h"
#include "core/banned.h"

static int survey_results_cmd(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"survey results", "yakuba survey results --survey ID [--invited N] [--json | --csv]",
		"アンケートの集計（回答率・分布・上位2段階の割合・自由記述のまとめ）", 0, 0};
	const char *survey = NULL, *invited = NULL;
	int as_json = 0, as_csv = 0;
	const struct cli_opt opts[] = {
		{"survey", "ID", "アンケート ID", &survey, NULL, NULL, NULL},
		{"invited", "N", "回答率の分母（出席者数など）", &invited, NULL, NULL, NULL},
		{"json", NULL, "JSON で出力します（API と同じ形）", NULL, &as_json, NULL, NULL},
		{"csv", NULL, "CSV で出力します（BOM 付き UTF-8）", NULL, &as_csv, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int64_t id, inv = 0;
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!survey || yk_parse_i64(survey, strlen(survey), 1, INT64_MAX, &id) ||
	    (invited && yk_parse_i64(invited, strlen(invited), 0, 10000000, &inv))) {
		fprintf(stderr, "yakuba survey results: --survey ID（と --invited N）は整数で指定してください\n");
		return CLI_EXIT_USAGE;
	}
	struct store *db = NULL;
	if (cli_open(db_flag, 0, &db))
		return CLI_EXIT_FAIL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct survey_textkit *kit = NULL;
	if (survey_textkit_new(NULL, &kit, &ei) != 0) {
		fprintf(stderr, "yakuba: 自由記述のまとめは省略します（%s）\n", ei.message);
		yk_errinfo_clear(&ei);
	}
	struct survey_results *r = NULL;
	if ((rc = survey_results(db, id, inv, kit, &r, &ei))) {
		cli_error(rc, &ei);
	} else if (as_json) {
		json_t *o = api_survey_results_json(r);
		char *text = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
		printf("%s\n", text ? text : "{}");
		free(text);
		json_decref(o);
	} else if (as_csv) {
		struct yk_buf b;
		yk_buf_init(&b, 0);
		if (!(rc = survey_results_csv(r, &b)))
			fwrite(b.data, 1, b.len, stdout);
		yk_buf_release(&b);
	} else {
		printf("%s: 回答 %lld 件", r->title, (long long)r->responses);
		if (r->invited)
			printf("（回答率 %.1f%%）", 100.0 * r->response_rate);
		printf("\n");
		for (size_t i = 0; i < r->nquestions; i++) {
			const struct survey_question_result *q = &r->questions[i];
			printf("\n%s（回答 %lld）\n", q->question, (long long)q->responses);
			for (size_t b = 0; b < q->nbuckets; b++)
				printf("  %s\t%lld\t%.1f%%\n", q->buckets[b].label,
				       (long long)q->buckets[b].count, 100.0 * q->buckets[b].share);
			if (q->top2_share >= 0)
				printf("  上位2段階\t%.1f%%\n", 100.0 * q->top2_share);
			for (size_t g = 0; g < q->ngroups; g++) {
				printf("  【%s】%lld 件\n", q->groups[g].phrase, (long long)q->groups[g].count);
				for (size_t e = 0; e < q->groups[g].nexamples; e++)
					printf("    ・%s\n", q->groups[g].examples[e]);
			}
		}
		if (r->withheld)
			printf("\n（匿名アンケートの回答が %d 件未満のため、集計は表示しません）\n",
			       SURVEY_ANON_MIN_RESPONSES);
	}
	survey_results_free(r);
	survey_textkit_free(kit);
	store_close(db);
	return rc ? CLI_EXIT_FAIL : 0;
}

int cmd_survey(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"results", survey_results_cmd, "アンケートの集計を表示します"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("survey", actions, argc, argv);
}
