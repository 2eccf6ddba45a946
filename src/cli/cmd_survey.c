/* cli/survey: `yakuba survey import|results` — survey results as text,
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
	struct cli_run run;
	int64_t id, inv = 0;
	int rc = cli_run_parse(&run, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	if (!survey || yk_parse_i64(survey, strlen(survey), 1, INT64_MAX, &id) ||
	    (invited && yk_parse_i64(invited, strlen(invited), 0, 10000000, &inv))) {
		fprintf(stderr, "yakuba survey results: --survey ID（と --invited N）は整数で指定してください\n");
		return CLI_EXIT_USAGE;
	}
	if (cli_run_open(&run, 0) != CLI_GO)
		return CLI_EXIT_FAIL;
	struct survey_text tx;
	if (survey_text_open(run.db, NULL, &tx, &run.ei) != 0) {
		fprintf(stderr, "yakuba: 自由記述のまとめは省略します（%s）\n", run.ei.message);
		yk_errinfo_clear(&run.ei);
	}
	struct survey_results *r = NULL;
	if ((rc = survey_results(run.db, id, inv, &tx, &r, &run.ei))) {
		/* printed by cli_run_end */
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
	survey_text_release(&tx);
	return cli_run_end(&run, rc);
}

struct forms_ctx {
	int64_t session_id;
	enum training_phase phase;
	struct survey_forms forms;
	int parsed;
	struct survey_import_result res;
};

static int forms_parse(void *ctx, const char *data, size_t len, const char *file,
		       struct ingest_problems *p)
{
	struct forms_ctx *x = ctx;
	int rc = survey_forms_parse(data, len, file, &x->forms, p);
	x->parsed = !rc;
	return rc;
}

static int forms_store(void *ctx, struct store *db, const char *data, size_t len, const char *file,
		       struct ingest_problems *p, struct yk_errinfo *ei)
{
	static const struct audit_actor actor = {0, "cli", NULL};
	struct forms_ctx *x = ctx;
	(void)data, (void)len;
	struct survey_table t;
	survey_forms_table(&x->forms, &t);
	int rc = training_survey_import(db, &actor, x->session_id, x->phase, &t, file, &x->res, ei);
	if (rc && ei->line) /* a row of the file: reported as its problem */
		ingest_problem(p, rc, ei->line, "%s", ei->message);
	return rc;
}

static int survey_import_cmd(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"survey import", "yakuba survey import --session ID [--phase pre|post] FILE.csv",
		"フォームサービスから書き出したアンケートの CSV を研修のアンケートに取り込みます"
		"（1 列目のタイムスタンプは無視、職員番号の列は任意、ほかの列はすべて設問）。"
		"誤りのある行が 1 行でもあれば何も登録しません",
		1, 1};
	const char *session = NULL, *phase_s = NULL;
	const struct cli_opt opts[] = {
		{"session", "ID", "研修 ID", &session, NULL, NULL, NULL},
		{"phase", "pre|post", "事前（pre）か事後（post、既定）のアンケート", &phase_s, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int64_t sid;
	enum training_phase phase = TRAINING_POST;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	if (!session || yk_parse_i64(session, strlen(session), 1, INT64_MAX, &sid)) {
		fprintf(stderr, "yakuba survey import: --session には研修 ID（正の整数）を指定してください\n");
		return CLI_EXIT_USAGE;
	}
	if (phase_s && training_phase_parse(phase_s, &phase)) {
		fprintf(stderr, "yakuba survey import: --phase は pre か post です\n");
		return CLI_EXIT_USAGE;
	}
	struct forms_ctx x;
	memset(&x, 0, sizeof(x));
	x.session_id = sid;
	x.phase = phase;
	const struct cli_import imp = {INGEST_BYTES_MAX, NULL, forms_parse, forms_store, &x};
	rc = cli_import_file(&imp, r.db_flag, r.pos[0]);
	if (!rc)
		printf("%s: %zu 件の回答を取り込みました（アンケート ID %lld、設問の追加 %zu: 尺度 %zu、自由記述 %zu）\n",
		       r.pos[0], x.res.rows, (long long)x.res.survey_id, x.res.questions_added,
		       x.res.scale_questions, x.res.text_questions);
	if (x.parsed)
		survey_forms_release(&x.forms);
	return rc;
}

int cmd_survey(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"import", survey_import_cmd, "フォームの CSV を研修のアンケートに取り込みます"},
		{"results", survey_results_cmd, "アンケートの集計を表示します"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("survey", actions, argc, argv);
}
