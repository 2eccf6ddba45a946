/* cli/dept: `yakuba dept add|list|rename|delete`. */
#include "auth/auth.h"
#include "cli.h"
#include "core/banned.h"

static const struct audit_actor cli_actor = {0, "cli", NULL};

static int open_db(const struct cli_cmd *cmd, int argc, char **argv, const char **pos,
		   struct store **db)
{
	const char *db_flag = NULL;
	int npos;
	int rc = cli_parse(cmd, NULL, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? -1 : rc;
	return cli_open(db_flag, 0, db) ? CLI_EXIT_FAIL : 0;
}

static int finish(int rc, struct store *db, const struct yk_errinfo *ei)
{
	if (rc)
		cli_error(rc, ei);
	store_close(db);
	return rc ? CLI_EXIT_FAIL : 0;
}

static int dept_add(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"dept add", "yakuba dept add PATH",
					   "所属を追加します（上位の所属もなければ作ります。例: 市民部/市民課）",
					   1, 1};
	const char *pos[CLI_MAX_POSITIONAL];
	struct store *db = NULL;
	int rc = open_db(&cmd, argc, argv, pos, &db);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int64_t id = 0;
	if (!(rc = auth_dept_ensure(db, &cli_actor, pos[0], &id, &ei)))
		printf("所属を登録しました（ID %lld）\n", (long long)id);
	return finish(rc, db, &ei);
}

static int print_dept(void *ctx, const struct auth_department *d)
{
	(void)ctx;
	printf("%lld\t%s\t名簿 %lld 人\t利用者 %lld 人\n", (long long)d->id, d->path,
	       (long long)d->staff_count, (long long)d->user_count);
	return 0;
}

static int dept_list(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"dept list", "yakuba dept list",
					   "所属の一覧を表示します（ID, 所属, 人数）", 0, 0};
	const char *pos[CLI_MAX_POSITIONAL];
	struct store *db = NULL;
	int rc = open_db(&cmd, argc, argv, pos, &db);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	rc = auth_dept_list(db, print_dept, NULL);
	return finish(rc, db, &ei);
}

static int find_dept(struct store *db, const char *path, int64_t *id, struct yk_errinfo *ei)
{
	struct auth_department d;
	int rc = auth_dept_find(db, path, &d);
	if (rc == YK_ENOTFOUND || rc == YK_EINVAL)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "所属「%s」は登録されていません", path);
	*id = d.id;
	return rc;
}

/* The action on one existing department (pos[0] is its path). */
typedef int (*dept_op)(struct store *db, int64_t id, const char **pos, struct yk_errinfo *ei);

static int with_dept(const struct cli_cmd *cmd, int argc, char **argv, dept_op op,
		     const char *done)
{
	const char *pos[CLI_MAX_POSITIONAL];
	struct store *db = NULL;
	int rc = open_db(cmd, argc, argv, pos, &db);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int64_t id = 0;
	if (!(rc = find_dept(db, pos[0], &id, &ei)) && !(rc = op(db, id, pos, &ei)))
		printf("%s\n", done);
	return finish(rc, db, &ei);
}

static int op_rename(struct store *db, int64_t id, const char **pos, struct yk_errinfo *ei)
{
	return auth_dept_rename(db, &cli_actor, id, pos[1], ei);
}

static int op_delete(struct store *db, int64_t id, const char **pos, struct yk_errinfo *ei)
{
	(void)pos;
	return auth_dept_delete(db, &cli_actor, id, ei);
}

static int dept_rename(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"dept rename", "yakuba dept rename PATH NEW_NAME",
					   "所属の名称を変えます（下位の所属も追従します）", 2, 2};
	return with_dept(&cmd, argc, argv, op_rename, "所属の名称を変更しました");
}

static int dept_delete(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"dept delete", "yakuba dept delete PATH",
					   "空の所属を削除します", 1, 1};
	return with_dept(&cmd, argc, argv, op_delete, "所属を削除しました");
}

int cmd_dept(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"add", dept_add, "所属を追加します"},
		{"list", dept_list, "所属の一覧を表示します"},
		{"rename", dept_rename, "所属の名称を変えます"},
		{"delete", dept_delete, "空の所属を削除します"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("dept", actions, argc, argv);
}
