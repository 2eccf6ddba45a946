/* cli/serve: `yakuba serve`, the HTTP server front-end. */
#include "cli.h"
#include "server/server.h"
#include "text/text.h"
#include "core/banned.h"

int cmd_serve(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"serve", "yakuba serve [--db PATH] [--listen ADDR:PORT] [--web-dir DIR] [--threads N] [--dicdir DIR]",
		"Web サーバーを起動します（SIGTERM / Ctrl-C で処理中のリクエストを終えてから停止）", 0, 0};
	const char *listen = "127.0.0.1:8080", *web_dir = NULL, *threads_s = NULL, *dicdir = NULL;
	const struct cli_opt opts[] = {
		{"listen", "ADDR:PORT", "待ち受けるアドレス（既定: 127.0.0.1:8080、ポート 0 は空きポート）",
		 &listen, NULL, NULL, NULL},
		{"web-dir", "DIR", "画面のファイルを埋め込みでなくこのフォルダから配信します（開発用）",
		 &web_dir, NULL, NULL, NULL},
		{"threads", "N", "ワーカースレッド数（既定: CPU コア数）", &threads_s, NULL, NULL, NULL},
		{"dicdir", "DIR", "UniDic 辞書のディレクトリ（既定: " TEXT_DICDIR_ENV "、MeCab の設定、Debian の既定の場所の順に探します）",
		 &dicdir, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct server_options so = {cli_db_path(db_flag), NULL, 0, web_dir, 0, dicdir};
	char addr[64];
	if (server_parse_listen(listen, addr, sizeof(addr), &so.port) != 0) {
		fprintf(stderr, "yakuba serve: --listen must be IPV4ADDR:PORT: %s\n", listen);
		return CLI_EXIT_USAGE;
	}
	so.listen_addr = addr;
	if (threads_s) {
		int64_t t;
		if (yk_parse_i64(threads_s, strlen(threads_s), 1, 64, &t) != 0) {
			fprintf(stderr, "yakuba serve: --threads must be 1..64: %s\n", threads_s);
			return CLI_EXIT_USAGE;
		}
		so.threads = (unsigned)t;
	}
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	rc = server_run(&so, &ei);
	if (rc) {
		cli_error(rc, &ei);
		return CLI_EXIT_FAIL;
	}
	return 0;
}
