/* cli/report_training: the 人材育成 kinds of `yakuba report`:
 *   yakuba report training [--json]
 *   yakuba report certifications [--json]
 * cli_report_training / cli_report_certifications are the kinds' entry
 * points (argv[0] is the kind); `yakuba report` (cmd_report.c) dispatches
 * to them. --json prints the same JSON as the API
 * (GET /api/v1/training/report, GET /api/v1/training/certs/report). */
#include <jansson.h>

#include "api/api.h"
#include "cli.h"
#include "survey/survey.h"
#include "training/training.h"
#include "core/banned.h"

static void print_json(json_t *o)
{
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	printf("%s\n", text ? text : "{}");
	free(text);
	json_decref(o);
}

static void print_training_text(const struct training_report *r)
{
	printf("ID\t日付\t研修名\t出席\tうちリピーター\t回答\t回答率\n");
	for (size_t i = 0; i < r->nsessions; i++) {
		const struct training_report_session *s = &r->sessions[i];
		const struct survey_results *p = s->post;
		printf("%lld\t%s\t%s\t%lld\t%lld\t%lld\t%.1f%%\n", (long long)s->id, s->day, s->title,
		       (long long)s->attendees, (long long)s->repeat_attendees,
		       (long long)(p ? p->responses : 0), p ? 100.0 * p->response_rate : 0.0);
		if (p && p->withheld) {
			printf("\t（匿名アンケートの回答が %d 件未満のため、集計は表示しません）\n",
			       SURVEY_ANON_MIN_RESPONSES);
			continue;
		}
		for (size_t k = 0; p && k < p->nquestions; k++) {
			const struct survey_question_result *q = &p->questions[k];
			if (q->kind == SURVEY_SCALE)
				printf("\t%s: %s〜%s %.1f%%（回答 %lld）\n", q->question,
				       survey_scale_label(q->scale, 4), survey_scale_label(q->scale, 5),
				       100.0 * q->top2_share, (long long)q->responses);
			else
				printf("\t%s: 回答 %lld\n", q->question, (long long)q->responses);
		}
	}
}

/* cli_run_begin with the one option of these reports, --json. */
static int report_begin(struct cli_run *r, const struct cli_cmd *cmd, int argc, char **argv,
			int *as_json)
{
	const struct cli_opt opts[] = {
		{"json", NULL, "JSON で出力します（API と同じ形）", NULL, as_json, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	return cli_run_begin(r, cmd, opts, argc, argv);
}

int cli_report_training(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"report training", "yakuba report training [--json]",
		"研修ごとの出席者数・リピーター・事後アンケートの回答率と設問ごとの集計", 0, 0};
	int as_json = 0;
	struct cli_run run;
	int rc = report_begin(&run, &cmd, argc, argv, &as_json);
	if (rc != CLI_GO)
		return rc;
	/* Free text is grouped and masked only when the dictionary loads; the
	 * figures do not depend on it. */
	struct survey_text tx = {NULL, NULL};
	if (as_json && survey_text_open(run.db, NULL, &tx, &run.ei) != 0) {
		fprintf(stderr, "yakuba: 自由記述のまとめは省略します（%s）\n", run.ei.message);
		yk_errinfo_clear(&run.ei);
	}
	struct training_report *r = NULL;
	if ((rc = training_report_build(run.db, &tx, &r, &run.ei)) == 0) {
		if (as_json)
			print_json(api_training_report_json(r));
		else
			print_training_text(r);
	}
	training_report_free(r);
	survey_text_release(&tx);
	return cli_run_end(&run, rc);
}

int cli_report_certifications(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"report certifications", "yakuba report certifications [--json]",
		"資格保有者のいる所属の数（身近に保有者がいる職場の割合）、資格ごと・所属ごとの保有者数", 0, 0};
	int as_json = 0;
	struct cli_run run;
	int rc = report_begin(&run, &cmd, argc, argv, &as_json);
	if (rc != CLI_GO)
		return rc;
	struct training_cert_report *r = NULL;
	if ((rc = training_cert_report_build(run.db, &r, &run.ei)) != 0) {
		/* printed by cli_run_end */
	} else if (as_json) {
		print_json(api_cert_report_json(r));
	} else {
		printf("資格保有者のいる所属: %lld / %lld（%.1f%%）\n",
		       (long long)r->departments_with_holder, (long long)r->departments,
		       r->departments ? 100.0 * (double)r->departments_with_holder / (double)r->departments
				      : 0.0);
		printf("\n資格\t保有者\n");
		for (size_t i = 0; i < r->ncertifications; i++)
			printf("%s\t%lld\n", r->by_certification[i].name,
			       (long long)r->by_certification[i].holders);
		printf("\n所属\t職員\t保有者\n");
		for (size_t i = 0; i < r->ndepartments; i++)
			printf("%s\t%lld\t%lld\n", r->by_department[i].department,
			       (long long)r->by_department[i].staff, (long long)r->by_department[i].holders);
	}
	training_cert_report_free(r);
	return cli_run_end(&run, rc);
}
