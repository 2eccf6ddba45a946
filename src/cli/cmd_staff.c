/* cli/staff: `yakuba staff import FILE.csv` and `yakuba staff list`. */
#include "auth/auth.h"
#include "cli.h"
#include "core/banned.h"

static int staff_import(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"staff import", "yakuba staff import FILE.csv",
		"職員名簿 CSV（職員番号, 氏名, 所属, 役割, メール。UTF-8 または Shift_JIS）を取り込みます。"
		"誤りのある行が 1 行でもあれば何も登録しません",
		1, 1};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, NULL, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	char *data = NULL;
	size_t len = 0;
	if (cli_read_file(pos[0], AUTH_ROSTER_MAX_BYTES, &data, &len))
		return CLI_EXIT_FAIL;
	struct store *db = NULL;
	if (cli_open(db_flag, 0, &db)) {
		free(data);
		return CLI_EXIT_FAIL;
	}
	struct audit_actor actor = {0, "cli", NULL};
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	rc = auth_roster_import(db, &actor, data, len, pos[0], res, &ei);
	if (rc && res->problems.count) {
		cli_print_problems("", pos[0], &res->problems);
		fprintf(stderr, "%s: 問題があるため、このファイルからは何も登録していません\n", pos[0]);
	} else if (rc) {
		cli_error(rc, &ei);
	} else {
		printf("%s: %zu 行を取り込みました（新規 %zu、更新 %zu、変更なし %zu、所属の作成 %zu）\n",
		       pos[0], res->rows, res->inserted, res->updated, res->unchanged,
		       res->departments_created);
	}
	free(res);
	free(data);
	store_close(db);
	return rc ? CLI_EXIT_FAIL : 0;
}

static int print_staff(void *ctx, const struct auth_staff *s)
{
	(void)ctx;
	printf("%s\t%s\t%s\t%s\t%s\n", s->employee_no, s->name, s->department_path, s->tier,
	       s->email[0] ? s->email : "-");
	return 0;
}

static int staff_list(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"staff list", "yakuba staff list [--query TEXT]",
					   "職員名簿を表示します（職員番号, 氏名, 所属, 役割, メール）", 0, 0};
	const char *query = NULL;
	const struct cli_opt opts[] = {
		{"query", "TEXT", "氏名・職員番号・所属の一部で絞り込みます", &query, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct store *db = NULL;
	if (cli_open(db_flag, 0, &db))
		return CLI_EXIT_FAIL;
	int64_t total = 0;
	rc = auth_staff_list(db, query, 0, AUTH_ROSTER_MAX_ROWS, print_staff, NULL, &total);
	if (rc)
		cli_error(rc, NULL);
	store_close(db);
	return rc ? CLI_EXIT_FAIL : 0;
}

int cmd_staff(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"import", staff_import, "職員名簿 CSV を取り込みます"},
		{"list", staff_list, "職員名簿を表示します"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("staff", actions, argc, argv);
}
