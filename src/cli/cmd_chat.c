/* cli/chat: `yakuba chat [TEXT]`, one question to the configured model
 * server with the reply streamed to the terminal, and one row of token
 * usage in llm_usage. Reads the question from stdin when no TEXT is given.
 * Ctrl-C aborts the upstream request through the client's cancel flag.
 * A thin front-end over src/ws: a prompt template (--template NAME or id,
 * --var KEY=VALUE) is rendered, and the text passes the personal-
 * information guard with the pii_policy setting before anything is sent
 * (mask: the model sees 〔氏名1〕 and the terminal the restored reply;
 * block: refused; warn: sent as typed). Nothing of the conversation is
 * stored; the audit log gets the counts per type. */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "llm/llm.h"
#include "pii/pii.h"
#include "text/text.h"
#include "ws/ws.h"
#include "core/banned.h"

#define CHAT_EXIT_CANCELED 130
#define CHAT_MAX_VARS CLI_MAX_POSITIONAL

static atomic_int chat_cancel;

static void chat_on_sigint(int sig)
{
	(void)sig;
	atomic_store(&chat_cancel, 1);
}

struct chat_out {
	int wrote;        /* any text printed */
	int last_newline; /* the last byte printed was "\n" */
};

static int chat_print(void *ctx, const char *text, size_t len)
{
	struct chat_out *o = ctx;
	if (fwrite(text, 1, len, stdout) != len)
		return 1; /* stdout closed (e.g. `| head`): stop generating */
	fflush(stdout);
	o->wrote = 1;
	o->last_newline = text[len - 1] == '\n';
	return 0;
}

/* The question: the positional words joined by spaces, else all of stdin. */
static int chat_read_question(const char **pos, int npos, struct yk_buf *q)
{
	int rc = 0;
	if (npos > 0) {
		for (int i = 0; i < npos && rc == 0; i++)
			rc = yk_buf_addf(q, "%s%s", i ? " " : "", pos[i]);
		return rc;
	}
	char tmp[8192];
	size_t n;
	while ((n = fread(tmp, 1, sizeof(tmp), stdin)) > 0)
		if ((rc = yk_buf_add(q, tmp, n)))
			return rc;
	if (ferror(stdin))
		return YK_EIO;
	while (q->len > 0 && (q->data[q->len - 1] == '\n' || q->data[q->len - 1] == '\r'))
		q->data[--q->len] = '\0';
	return 0;
}

/* A shared template by name (or by number). */
static int chat_find_template(struct store *db, const char *name, int64_t *id)
{
	struct ws_user who = {0, 0, 0, "cli", NULL};
	json_t *list = NULL;
	int rc = ws_templates_list(db, &who, &list, NULL);
	if (rc)
		return rc;
	int64_t want = 0;
	if (yk_parse_i64(name, strlen(name), 1, INT64_MAX, &want) != 0)
		want = 0;
	rc = YK_ENOTFOUND;
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(list, "templates"), i, t) {
		json_int_t tid = json_integer_value(json_object_get(t, "id"));
		if ((want && tid == want) ||
		    strcmp(json_string_value(json_object_get(t, "name")), name) == 0) {
			*id = tid;
			rc = 0;
			break;
		}
	}
	json_decref(list);
	return rc;
}

int cmd_chat(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"chat", "yakuba chat [--db PATH] [--template NAME --var KEY=VALUE...] [TEXT]",
		"生成AIに質問し、回答を順に表示します（TEXT がなければ標準入力から読みます）", 0, -1};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL], *template_name = NULL,
		   *system_text = NULL, *dicdir = NULL;
	const char *vars_storage[CHAT_MAX_VARS];
	const char **vars = vars_storage;
	int npos = 0, nvars = 0, no_stream = 0;
	const struct cli_opt opts[] = {
		{"template", "NAME", "プロンプトテンプレートを使います", &template_name, NULL, NULL, NULL},
		{"var", "KEY=VALUE", "テンプレートの差し込み項目（繰り返し指定できます）", NULL, NULL,
		 &vars, &nvars},
		{"system", "TEXT", "システムへの指示（役割や口調）を与えます", &system_text, NULL, NULL,
		 NULL},
		{"no-stream", NULL, "回答を最後にまとめて表示します", NULL, &no_stream, NULL, NULL},
		{"dicdir", "DIR", "UniDic 辞書のディレクトリ（個人情報の検出に使います）", &dicdir, NULL,
		 NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct store *db = NULL;
	struct yk_buf question;
	struct yk_errinfo ei;
	struct llm_config cfg;
	struct chat_out out = {0, 1};
	struct ws *ws = NULL;
	struct ws_turn *turn = NULL;
	struct text_model *model = NULL;
	struct pii_guard_slot *guards = NULL;
	json_t *vars_obj = NULL;
	int64_t template_id = 0;
	int exit_code = CLI_EXIT_FAIL;
	yk_buf_init(&question, LLM_MAX_REQUEST_BYTES);
	yk_errinfo_clear(&ei);

	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc) {
		exit_code = rc < 0 ? 0 : rc;
		goto out;
	}
	for (int i = 0; i < nvars; i++) {
		const char *eq = strchr(vars[i], '=');
		if (!eq || eq == vars[i]) {
			fprintf(stderr, "yakuba chat: --var は KEY=VALUE の形で指定してください: %s\n",
				vars[i]);
			exit_code = CLI_EXIT_USAGE;
			goto out;
		}
	}
	if (nvars > 0 && !template_name) {
		fprintf(stderr, "yakuba chat: --var は --template と一緒に指定してください\n");
		exit_code = CLI_EXIT_USAGE;
		goto out;
	}
	/* The database is optional: without one, settings come from the
	 * environment (YAKUBA_LLM_URL...) and no usage row is written. */
	rc = store_open(cli_db_path(db_flag), STORE_OPEN_MIGRATE, &db, &ei);
	if (rc && rc != YK_ENOTFOUND) {
		cli_error(rc, &ei);
		goto out;
	}
	yk_errinfo_clear(&ei);
	rc = llm_config_from_settings(db, &cfg, &ei);
	if (rc == YK_ENOTCONFIGURED) {
		fprintf(stderr, "yakuba chat: 生成AIのサーバーが設定されていません。"
				"管理画面の「生成AIサーバーの URL」（llm_url）か、"
				"環境変数 YAKUBA_LLM_URL を設定してください。\n");
		goto out;
	}
	if (rc) {
		cli_error(rc, &ei);
		goto out;
	}
	if (template_name) {
		if (!db) {
			fprintf(stderr, "yakuba chat: テンプレートを使うにはデータベースが必要です"
					"（yakuba init で作成し、--db で指定してください）\n");
			goto out;
		}
		if ((rc = chat_find_template(db, template_name, &template_id)) != 0) {
			if (rc == YK_ENOTFOUND)
				fprintf(stderr, "yakuba chat: テンプレート「%s」が見つかりません"
						"（共有テンプレートの名前か番号を指定してください）\n",
					template_name);
			else
				cli_error(rc, NULL);
			goto out;
		}
		vars_obj = json_object();
		for (int i = 0; i < nvars; i++) {
			const char *eq = strchr(vars[i], '=');
			char *key = yk_xstrndup(vars[i], (size_t)(eq - vars[i]));
			json_t *v = json_string(eq + 1);
			if (!v || json_object_set_new(vars_obj, key, v) != 0) {
				fprintf(stderr, "yakuba chat: --var の文字コードが正しくありません: %s\n", key);
				free(key);
				goto out;
			}
			free(key);
		}
	}

	if (npos == 0 && template_name && isatty(0)) {
		/* A template alone is a whole request: do not wait for stdin. */
	} else if ((rc = chat_read_question(pos, npos, &question))) {
		fprintf(stderr, "yakuba chat: %s\n",
			rc == YK_ELIMIT ? "質問が長すぎます" : "質問を読み込めませんでした");
		goto out;
	}
	if (question.len == 0 && !template_name) {
		fprintf(stderr, "yakuba chat: 質問が空です\n");
		exit_code = CLI_EXIT_USAGE;
		goto out;
	}
	size_t bad;
	if (question.len && (!yk_utf8_valid(question.data, question.len, &bad) ||
			     memchr(question.data, 0, question.len))) {
		fprintf(stderr, "yakuba chat: 質問の文字コードが正しくありません（UTF-8 ではありません）\n");
		goto out;
	}

	/* The guard runs inside ws_chat_prepare(), before anything is sent. */
	if ((rc = text_model_new(dicdir, &model, &ei)) != 0) {
		cli_error(YK_EMORPH, &ei);
		goto out;
	}
	guards = pii_guard_slot_new(model);
	if ((rc = ws_new(guards, &ws, &ei)) != 0) {
		cli_error(rc, &ei);
		goto out;
	}
	struct ws_user who = {0, 0, 0, "cli", NULL};
	struct ws_chat_input in = {0, question.len ? question.data : "", template_id, vars_obj, 0,
				   system_text, "cli", no_stream};
	yk_errinfo_clear(&ei);
	if ((rc = ws_chat_prepare(ws, db, &who, &in, &turn, NULL, &ei)) != 0) {
		fprintf(stderr, "yakuba chat: %s\n", ei.message[0] ? ei.message : yk_err_message(rc));
		exit_code = rc == YK_EINVAL && template_name ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
		goto out;
	}
	json_t *meta = ws_turn_meta(turn);
	json_t *pii = json_object_get(meta, "pii");
	json_int_t found = json_integer_value(json_object_get(pii, "total"));
	if (found > 0)
		fprintf(stderr, "yakuba chat: 個人情報を %lld か所検出しました。%s\n", (long long)found,
			strcmp(json_string_value(json_object_get(pii, "policy")), "warn") == 0
				? "設定（pii_policy=warn）によりそのまま送信します"
				: "伏せ字にして送信し、回答では元に戻して表示します");
	json_decref(meta);

	atomic_store(&chat_cancel, 0);
	struct sigaction sa, old_sa, old_pipe;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = chat_on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_sa);
	/* A closed stdout (`| head`) makes fwrite fail, which cancels the
	 * request and still records usage, instead of killing us. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old_pipe);
	json_t *done = NULL;
	rc = ws_turn_run(ws, db, turn, &cfg, &chat_cancel, chat_print, &out, &done, &ei);
	sigaction(SIGINT, &old_sa, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (out.wrote && !out.last_newline)
		fputc('\n', stdout);
	fflush(stdout);
	const char *finish = json_string_value(json_object_get(done, "finish_reason"));
	int hit_length = finish && strcmp(finish, "length") == 0;
	json_decref(done);

	if (rc == YK_ECANCELED) {
		fprintf(stderr, "yakuba chat: %s\n", llm_error_staff_message(rc));
		exit_code = CHAT_EXIT_CANCELED;
		goto out;
	}
	if (rc) {
		fprintf(stderr, "yakuba chat: %s\n", ei.message[0] ? ei.message : yk_err_message(rc));
		goto out;
	}
	if (hit_length)
		fprintf(stderr, "yakuba chat: 回答が長さの上限（生成する最大トークン数）に達したため、"
				"途中で終わっています。\n");
	exit_code = 0;
out:
	ws_turn_free(ws, turn);
	ws_free(ws);
	pii_guard_slot_free(guards);
	text_model_free(model);
	json_decref(vars_obj);
	yk_buf_release(&question);
	store_close(db);
	return exit_code;
}
