/* cli/usage: `yakuba usage import FILE.csv` — loads a usage log exported
 * from another tool (employee_no,at,feature or 職員番号,日時,機能) into
 * 活用状況. All or nothing: any bad row refuses the file with
 * FILE:LINE: reason, and importing the same rows again adds nothing. */
#include "cli.h"
#include "usage/usage.h"
#include "core/banned.h"

static int usage_store(void *ctx, struct store *db, const char *data, size_t len, const char *file,
		       struct ingest_problems *p, struct yk_errinfo *ei)
{
	static const struct audit_actor actor = {0, "cli", NULL};
	struct usage_import_result *res = ctx;
	int rc = usage_import(db, &actor, data, len, file, res, ei);
	*p = res->problems;
	return rc;
}

static int usage_import_cmd(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"usage import", "yakuba usage import FILE.csv",
		"ほかのツールの利用記録（CSV: 職員番号, 日時, 機能 または employee_no, at, feature。"
		"UTF-8 または Shift_JIS）を活用状況に取り込みます。誤りのある行が 1 行でもあれば何も登録しません。"
		"同じ行をもう一度取り込んでも重複しません",
		1, 1};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, NULL, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct usage_import_result *res = yk_xcalloc(1, sizeof(*res));
	const struct cli_import imp = {USAGE_IMPORT_MAX_BYTES, NULL, NULL, usage_store, res};
	rc = cli_import_file(&imp, db_flag, pos[0]);
	if (!rc)
		printf("%s: %zu 行を読み、%zu 件を追加しました（取り込み済みの %zu 件は追加していません）\n",
		       pos[0], res->rows, res->inserted, res->duplicates);
	free(res);
	return rc;
}

int cmd_usage(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"import", usage_import_cmd, "ほかのツールの利用記録（CSV）を取り込みます"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("usage", actions, argc, argv);
}
