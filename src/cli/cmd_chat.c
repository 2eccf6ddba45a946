/* cli/chat: `yakuba chat [TEXT]`, one question to the configured model
 * server with the reply streamed to the terminal, and one row of token
 * usage in llm_usage. Reads the question from stdin when no TEXT is given.
 * Ctrl-C aborts the upstream request through the client's cancel flag.
 * A thin front-end over src/llm; prompt templates and the personal-
 * information guard plug in at the two marked places below. */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "llm/llm.h"

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

int cmd_chat(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"chat", "yakuba chat [--db PATH] [--template NAME --var KEY=VALUE...] [TEXT]",
		"生成AIに質問し、回答を順に表示します（TEXT がなければ標準入力から読みます）", 0, -1};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL], *template_name = NULL,
		   *system_text = NULL;
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
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct store *db = NULL;
	struct yk_buf question;
	struct yk_errinfo ei;
	struct llm_config cfg;
	struct llm_chat_result res;
	struct chat_out out = {0, 1};
	int res_live = 0;
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
	/* TEMPLATES: prompt templates (their table and renderer) are not part of
	 * this build yet. When they land, look up template_name, fill in vars,
	 * and use its id for the usage row (llm_usage_record.template_id). */
	if (template_name) {
		fprintf(stderr, "yakuba chat: プロンプトテンプレートはまだ利用できません"
				"（--template %s）。--template を付けずに質問してください。\n",
			template_name);
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

	if ((rc = chat_read_question(pos, npos, &question))) {
		fprintf(stderr, "yakuba chat: %s\n",
			rc == YK_ELIMIT ? "質問が長すぎます" : "質問を読み込めませんでした");
		goto out;
	}
	if (question.len == 0) {
		fprintf(stderr, "yakuba chat: 質問が空です\n");
		exit_code = CLI_EXIT_USAGE;
		goto out;
	}
	size_t bad;
	if (!yk_utf8_valid(question.data, question.len, &bad) || memchr(question.data, 0, question.len)) {
		fprintf(stderr, "yakuba chat: 質問の文字コードが正しくありません（UTF-8 ではありません）\n");
		goto out;
	}

	struct llm_message msgs[2];
	size_t nmsgs = 0;
	if (system_text && system_text[0])
		msgs[nmsgs++] = (struct llm_message){"system", system_text};
	msgs[nmsgs++] = (struct llm_message){"user", question.data};

	/* PII GUARD CALL SITE: the personal-information guard (src/pii, issue
	 * in progress) must run here, on every msgs[i].content, before
	 * llm_chat() sends anything; with policy "block" stop here, with
	 * "mask" send the masked text and restore names in the printed reply.
	 * Until it lands this command sends the text as typed. */

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
	struct llm_chat_request req = {msgs, nmsgs, !no_stream, chat_print, &out, &chat_cancel};
	rc = llm_chat(&cfg, &req, &res, &ei);
	res_live = 1;
	sigaction(SIGINT, &old_sa, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (out.wrote && !out.last_newline)
		fputc('\n', stdout);
	fflush(stdout);

	if (db) {
		struct llm_usage_record rec = {0};
		struct yk_errinfo uei;
		yk_errinfo_clear(&uei);
		rec.feature = "cli";
		rec.model = cfg.model;
		rec.usage = res.usage;
		rec.latency_ms = res.latency_ms;
		rec.outcome = rc;
		if (llm_usage_record(db, &rec, &uei) != 0)
			yk_log(YK_LOG_WARN, "chat: usage not recorded: %s", uei.message);
	}
	if (rc == YK_ECANCELED) {
		fprintf(stderr, "yakuba chat: %s\n", llm_error_staff_message(rc));
		exit_code = CHAT_EXIT_CANCELED;
		goto out;
	}
	if (rc) {
		fprintf(stderr, "yakuba chat: %s\n", ei.message[0] ? ei.message : yk_err_message(rc));
		if (res.upstream_message[0])
			fprintf(stderr, "yakuba chat: 詳細: %s\n", res.upstream_message);
		goto out;
	}
	if (strcmp(res.finish_reason, "length") == 0)
		fprintf(stderr, "yakuba chat: 回答が長さの上限（生成する最大トークン数）に達したため、"
				"途中で終わっています。\n");
	exit_code = 0;
out:
	if (res_live)
		llm_chat_result_release(&res);
	yk_buf_release(&question);
	store_close(db);
	return exit_code;
}
