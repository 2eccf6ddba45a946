/* cli/ask: `yakuba ask [--json] [--public] "質問"` answers from the
 * knowledge base in the database, like the 問い合わせ page. */
#include <string.h>

#include "cli.h"
#include "qa/qa.h"
#include "core/banned.h"

static void print_text(json_t *r)
{
	const char *d = json_string_value(json_object_get(r, "decision"));
	json_t *ans = json_object_get(r, "answer");
	if (d && strcmp(d, "answer") == 0 && json_is_object(ans)) {
		printf("【回答】%s\n%s\n", json_string_value(json_object_get(ans, "question")),
		       json_string_value(json_object_get(ans, "text")));
	} else if (d && strcmp(d, "clarify") == 0) {
		printf("【もしかして】次のどれかについてのご質問ですか。\n");
	} else {
		printf("【分かりません】登録されている情報から回答を見つけられませんでした。"
		       "この質問は担当者に届けられます。\n");
	}
	size_t i;
	json_t *s;
	json_t *sources = json_object_get(r, "sources");
	if (json_array_size(sources))
		printf("\n出典:\n");
	json_array_foreach(sources, i, s) {
		const char *loc = json_string_value(json_object_get(s, "locator"));
		const char *src = json_string_value(json_object_get(s, "source_name"));
		printf("  [%zu] %s%s%s%s%s（スコア %.3f）\n", i + 1,
		       json_string_value(json_object_get(s, "title")), src && *src ? " — " : "",
		       src ? src : "", loc && *loc ? " " : "", loc ? loc : "",
		       json_real_value(json_object_get(s, "score")));
	}
	json_t *related = json_object_get(r, "related");
	if (json_array_size(related))
		printf("\n関連する質問:\n");
	json_array_foreach(related, i, s)
		printf("  ・%s\n", json_string_value(json_object_get(s, "question")));
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
	json_t *out = NULL;
	if (cli_open(db_flag, 0, &db)) {
		yk_buf_release(&q);
		return CLI_EXIT_FAIL;
	}
	struct qa_asker who = {public_only ? QA_CHANNEL_PUBLIC : QA_CHANNEL_CLI, 0, 0};
	if (!(rc = qa_new(NULL, &qa, &ei)) &&
	    !(rc = qa_ask(qa, db, &who, q.data, q.len, &out, &ei))) {
		if (json) {
			char *text = json_dumps(out, JSON_INDENT(2));
			printf("%s\n", text);
			free(text);
		} else {
			print_text(out);
		}
		json_decref(out);
	} else {
		cli_error(rc, &ei);
	}
	qa_free(qa);
	store_close(db);
	yk_buf_release(&q);
	return rc ? CLI_EXIT_FAIL : 0;
}
