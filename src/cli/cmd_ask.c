/* cli/ask: `yakuba ask [--json] [--public] "質問"` answers from the
 * knowledge base in the database, like the 問い合わせ page. */
#include <math.h>
#include <string.h>

#include "api/api.h"
#include "cli.h"
#include "qa/qa.h"
#include "core/banned.h"

static void print_source(size_t n, const struct qa_source *s)
{
	const char *loc = s->locator, *src = s->source_name;
	printf("  [%zu] %s%s%s%s%s（スコア %.3f）\n", n, s->title, *src ? " — " : "", src,
	       *loc ? " " : "", loc, floor((double)s->score * 1000.0 + 0.5) / 1000.0);
}

/* The answer once, then the other sources (sources[0] is the answer
 * itself: listing it again as 出典 1 would only repeat it). */
static void print_text(const struct qa_answer *r)
{
	size_t first = 0;
	if (r->decision == QA_ANSWER && r->n_sources > 0) {
		const struct qa_source *a = &r->sources[0];
		printf("【回答】%s\n%s\n", a->title, a->text);
		if (*a->source_name)
			printf("（出典: %s%s%s）\n", a->source_name, *a->locator ? " " : "", a->locator);
		first = 1;
	} else if (r->decision == QA_CLARIFY) {
		printf("【もしかして】次のどれかについてのご質問ですか。\n");
	} else {
		printf("【分かりません】登録されている情報から回答を見つけられませんでした。"
		       "この質問は担当者に届けられます。\n");
	}
	if (r->n_sources > first)
		printf("\n%s:\n", first ? "参考" : "出典");
	for (size_t i = first; i < r->n_sources; i++)
		print_source(i - first + 1, &r->sources[i]);
	if (r->n_related)
		printf("\n関連する質問:\n");
	for (size_t i = 0; i < r->n_related; i++)
		printf("  ・%s\n", r->related[i].question);
}

int cmd_ask(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"ask", "yakuba ask [--json] [--public] 質問",
		"ナレッジ（FAQ・文書）から質問に答え、出典を表示します（質問は記録されます）", 1, -1};
	int json = 0, public_only = 0;
	const struct cli_opt opts[] = {
		{"json", NULL, "結果を JSON で出力します（API と同じ形）", NULL, &json, NULL, NULL},
		{"public", NULL, "住民向けと同じく、公開の項目だけから答えます", NULL, &public_only, NULL,
		 NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct yk_buf q;
	yk_buf_init(&q, 0);
	for (int i = 0; i < npos; i++)
		if ((i && yk_buf_addc(&q, ' ')) || yk_buf_adds(&q, pos[i]))
			abort();
	struct store *db = NULL;
	struct qa *qa = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct qa_answer out;
	if (cli_open(db_flag, 0, &db)) {
		yk_buf_release(&q);
		return CLI_EXIT_FAIL;
	}
	struct qa_asker who = {public_only ? QA_CHANNEL_PUBLIC : QA_CHANNEL_CLI, 0, 0};
	if (!(rc = qa_new(NULL, NULL, &qa, &ei)) &&
	    !(rc = qa_ask(qa, db, &who, q.data, q.len, &out, &ei))) {
		if (json) {
			json_t *j = api_qa_answer_json(&out);
			char *text = json_dumps(j, JSON_INDENT(2));
			printf("%s\n", text);
			free(text);
			json_decref(j);
		} else {
			print_text(&out);
		}
		qa_answer_release(&out);
	} else {
		cli_error(rc, &ei);
	}
	qa_free(qa);
	store_close(db);
	yk_buf_release(&q);
	return rc ? CLI_EXIT_FAIL : 0;
}
