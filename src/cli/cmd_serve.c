/* cli/serve: `yakuba serve`, the HTTP server front-end. */
#include "cli.h"
#include "http/http.h"
#include "server/server.h"
#include "text/text.h"
#include "core/banned.h"

int cmd_serve(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"serve", "yakuba serve [--db PATH] [--listen ADDR:PORT] [--web-dir DIR] [--threads N]"
		" [--dicdir DIR] [--conns-per-addr N] [--access-log PATH [--access-log-max-kb N]"
		" [--access-log-keep N]]",
		"Web サーバーを起動します（SIGTERM / Ctrl-C で処理中のリクエストを終えてから停止）", 0, 0};
	const char *listen = "127.0.0.1:8080", *web_dir = NULL, *threads_s = NULL, *dicdir = NULL,
		   *per_addr_s = NULL, *alog = NULL, *alog_kb_s = NULL, *alog_keep_s = NULL;
	const struct cli_opt opts[] = {
		{"listen", "ADDR:PORT", "待ち受けるアドレス（既定: 127.0.0.1:8080、ポート 0 は空きポート）",
		 &listen, NULL, NULL, NULL},
		{"web-dir", "DIR", "画面のファイルを埋め込みでなくこのフォルダから配信します（開発用）",
		 &web_dir, NULL, NULL, NULL},
		{"threads", "N", "ワーカースレッド数（既定: CPU コア数）", &threads_s, NULL, NULL, NULL},
		{"dicdir", "DIR", "UniDic 辞書のディレクトリ（既定: " TEXT_DICDIR_ENV "、MeCab の設定、Debian の既定の場所の順に探します）",
		 &dicdir, NULL, NULL, NULL},
		{"conns-per-addr", "N",
		 "接続元アドレスごとの同時接続数の上限（既定: 64。信頼するプロキシは対象外）",
		 &per_addr_s, NULL, NULL, NULL},
		{"access-log", "PATH",
		 "アクセスログをこのファイルに書きます（既定: 標準エラー出力。systemd では journald が保存します）",
		 &alog, NULL, NULL, NULL},
		{"access-log-max-kb", "N",
		 "アクセスログがこの大きさ（KiB）を超えたら新しいファイルにします（既定: 65536 = 64 MiB）",
		 &alog_kb_s, NULL, NULL, NULL},
		{"access-log-keep", "N", "残す古いアクセスログの数（既定: 5。0 で残しません）",
		 &alog_keep_s, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct server_options so = {cli_db_path(db_flag), NULL, 0, web_dir, 0, dicdir, 0, NULL, 0, 0};
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
	if (per_addr_s) {
		int64_t n;
		if (yk_parse_i64(per_addr_s, strlen(per_addr_s), 1, 100000, &n) != 0) {
			fprintf(stderr, "yakuba serve: --conns-per-addr must be 1..100000: %s\n",
				per_addr_s);
			return CLI_EXIT_USAGE;
		}
		so.per_addr_max = (unsigned)n;
	}
	so.access_log = alog;
	so.access_log_keep = HTTP_ACCESS_LOG_DEFAULT_KEEP;
	if ((alog_kb_s || alog_keep_s) && !alog) {
		fprintf(stderr, "yakuba serve: --access-log-max-kb and --access-log-keep need --access-log\n");
		return CLI_EXIT_USAGE;
	}
	if (alog_kb_s) {
		int64_t n;
		if (yk_parse_i64(alog_kb_s, strlen(alog_kb_s), HTTP_ACCESS_LOG_MIN_BYTES / 1024,
				 1 << 30, &n) != 0) {
			fprintf(stderr, "yakuba serve: --access-log-max-kb must be %d..%d: %s\n",
				HTTP_ACCESS_LOG_MIN_BYTES / 1024, 1 << 30, alog_kb_s);
			return CLI_EXIT_USAGE;
		}
		so.access_log_max_bytes = (uint64_t)n << 10;
	}
	if (alog_keep_s) {
		int64_t n;
		if (yk_parse_i64(alog_keep_s, strlen(alog_keep_s), 0, HTTP_ACCESS_LOG_KEEP_MAX, &n) != 0) {
			fprintf(stderr, "yakuba serve: --access-log-keep must be 0..%d: %s\n",
				HTTP_ACCESS_LOG_KEEP_MAX, alog_keep_s);
			return CLI_EXIT_USAGE;
		}
		so.access_log_keep = (unsigned)n;
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
