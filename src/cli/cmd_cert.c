/* cli/cert: `yakuba cert list|add|import` — staff certifications (資格). */
#include <string.h>

#include "cli.h"
#include "training/training.h"
#include "core/banned.h"

static const struct audit_actor cli_actor = {0, "cli", NULL};

static int print_cert(void *ctx, const struct training_cert *c)
{
	(void)ctx;
	printf("%s\t%s\t%s\t%s\t%s\t%s\n", c->employee_no, c->name, c->department, c->certification,
	       c->acquired_on, c->confirmed ? "確認済み" : "確認待ち");
	return 0;
}

static int cert_list(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"cert list", "yakuba cert list",
					   "資格の記録（職員番号, 氏名, 所属, 資格, 取得日, 確認）", 0, 0};
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	return cli_run_end(&r, training_cert_list(r.db, 0, print_cert, NULL));
}

static int cert_add(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"cert add",
		"yakuba cert add --employee-no 職員番号 --certification 資格 --date YYYY-MM-DD",
		"資格を確認済みとして登録します", 0, 0};
	const char *no = NULL, *cert = NULL, *date = NULL;
	const struct cli_opt opts[] = {
		{"employee-no", "職員番号", "職員番号", &no, NULL, NULL, NULL},
		{"certification", "資格", "資格名（G検定、ITパスポートなど）", &cert, NULL, NULL, NULL},
		{"date", "YYYY-MM-DD", "取得日", &date, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	if (!no || !cert || !date) {
		fprintf(stderr, "yakuba cert add: --employee-no, --certification, --date は必須です\n");
		return CLI_EXIT_USAGE;
	}
	if (cli_run_open(&r, 0) != CLI_GO)
		return CLI_EXIT_FAIL;
	int64_t staff_id = 0, id = 0;
	if ((rc = training_staff_by_number(r.db, no, &staff_id)))
		yk_errinfo_set(&r.ei, rc, "職員番号「%s」が名簿にありません", no);
	else
		rc = training_cert_record(r.db, &cli_actor, staff_id, cert, date, NULL, 1, &id, &r.ei);
	if (!rc)
		printf("%s: %s（%s）を登録しました\n", no, cert, date);
	return cli_run_end(&r, rc);
}

struct cert_ctx {
	struct training_cert_rows rows;
	int parsed;
	size_t stored;
};

static int cert_parse(void *ctx, const char *data, size_t len, const char *file,
		      struct ingest_problems *p)
{
	struct cert_ctx *x = ctx;
	int rc = training_cert_parse(data, len, file, &x->rows, p);
	x->parsed = !rc;
	return rc;
}

static int cert_store(void *ctx, struct store *db, const char *data, size_t len, const char *file,
		      struct ingest_problems *p, struct yk_errinfo *ei)
{
	struct cert_ctx *x = ctx;
	(void)data, (void)len, (void)p;
	return training_cert_import(db, &cli_actor, x->rows.rows, x->rows.n, file, &x->stored, ei);
}

static int cert_import(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"cert import", "yakuba cert import FILE.csv",
		"資格の CSV（employee_no, certification, acquired_on。UTF-8 または Shift_JIS）を確認済みとして"
		"取り込みます。誤りのある行が 1 行でもあれば何も登録しません",
		1, 1};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	struct cert_ctx x = {{0}, 0, 0};
	const struct cli_import imp = {INGEST_BYTES_MAX, NULL, cert_parse, cert_store, &x};
	rc = cli_import_file(&imp, r.db_flag, r.pos[0]);
	if (!rc)
		printf("%s: %zu 件の資格を登録しました\n", r.pos[0], x.stored);
	if (x.parsed)
		training_cert_rows_release(&x.rows);
	return rc;
}

int cmd_cert(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"list", cert_list, "資格の記録を表示します"},
		{"add", cert_add, "資格を登録します"},
		{"import", cert_import, "資格の CSV を取り込みます"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("cert", actions, argc, argv);
}
