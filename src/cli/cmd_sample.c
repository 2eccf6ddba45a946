/* cli/sample: `yakuba sample`, loads the sample data of the fictional city
 * みどり市 (data/seed/, embedded in the binary): departments and the staff
 * roster. Idempotent: running it again changes nothing. */
#include "auth/auth.h"
#include "cli.h"
#include "core/embed.h"

static const struct yk_embedded_file *seed_file(const char *name)
{
	for (const struct yk_embedded_file *f = yk_seed; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

int cmd_sample(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"sample", "yakuba sample [--db PATH]",
					   "架空の自治体「みどり市」のサンプルデータ（所属・職員名簿）を登録します",
					   0, 0};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, NULL, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	const struct yk_embedded_file *roster = seed_file("staff.csv");
	if (!roster) {
		fprintf(stderr, "yakuba: sample data missing from this build (data/seed/staff.csv)\n");
		return CLI_EXIT_FAIL;
	}
	struct store *db = NULL;
	if (cli_open(db_flag, 0, &db))
		return CLI_EXIT_FAIL;
	struct auth_actor actor = {0, "cli", NULL};
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	rc = auth_roster_import(db, &actor, (const char *)roster->data, roster->len, "staff.csv", res,
				&ei);
	if (rc) {
		for (size_t i = 0; i < res->error_count && i < AUTH_ROSTER_MAX_ERRORS; i++)
			fprintf(stderr, "staff.csv:%ld: %s\n", res->errors[i].line, res->errors[i].message);
		cli_error(rc, &ei);
	} else {
		printf("サンプルの職員名簿を登録しました: %zu 人（新規 %zu、更新 %zu、変更なし %zu）、所属 %zu 件を作成\n",
		       res->rows, res->inserted, res->updated, res->unchanged, res->departments_created);
	}
	free(res);
	store_close(db);
	return rc ? CLI_EXIT_FAIL : 0;
}
