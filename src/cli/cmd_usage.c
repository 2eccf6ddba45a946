/* cli/usage: `yakuba usage import FILE.csv` — loads a usage log exported
 * from another tool (employee_no,at,feature or 職員番号,日時,機能) into
 * 活用状況. All or nothing: any bad row refuses the file with
 * FILE:LINE: reason, and importing the same rows again adds nothing. */
#include "cli.h"
#include "usage/usage.h"
#include "core/banned.h"

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
	char *data = NULL;
	size_t len = 0;
	if (cli_read_file(pos[0], USAGE_IMPORT_MAX_BYTES, &data, &len))
		return CLI_EXIT_FAIL;
	struct store *db = NULL;
	if (cli_open(db_flag, 0, &db)) {
		free(data);
		return CLI_EXIT_FAIL;
	}
	struct audit_actor actor = {0, "cli", NULL};
	struct usage_import_result *res = yk_xcalloc(1, sizeof(*res));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	rc = usage_import(db, &actor, data, len, pos[0], res, &ei);
	if (rc && res->problems.count) {
		size_t kept = ingest_problems_kept(&res->problems);
		char line[1024];
		for (size_t i = 0; i < kept; i++) {
			ingest_problem_format(pos[0], &res->problems.item[i], line, sizeof(line));
			fprintf(stderr, "%s\n", line);
		}
		if (res->problems.count > kept)
			fprintf(stderr, "%s: ほかに %zu 件の誤りがあります\n", pos[0],
				res->problems.count - kept);
		fprintf(stderr, "%s: 誤りがあるため、このファイルからは何も登録していません\n", pos[0]);
	} else if (rc) {
		cli_error(rc, &ei);
	} else {
		printf("%s: %zu 行を読み、%zu 件を追加しました（取り込み済みの %zu 件は追加していません）\n",
		       pos[0], res->rows, res->inserted, res->duplicates);
	}
	free(res);
	free(data);
	store_close(db);
	return rc ? CLI_EXIT_FAIL : 0;
}

int cmd_usage(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"import", usage_import_cmd, "ほかのツールの利用記録（CSV）を取り込みます"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("usage", actions, argc, argv);
}
