/* cli/dept: `yakuba dept add|list|rename|delete`. */
#include "auth/auth.h"
#include "cli.h"
#include "core/banned.h"

static const struct audit_actor cli_actor = {0, "cli", NULL};

static int dept_add(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"dept add", "yakuba dept add PATH",
					   "所属を追加します（上位の所属もなければ作ります。例: 市民部/市民課）",
					   1, 1};
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	int64_t id = 0;
	if (!(rc = auth_dept_ensure(r.db, &cli_actor, r.pos[0], &id, &r.ei)))
		printf("所属を登録しました（ID %lld）\n", (long long)id);
	return cli_run_end(&r, rc);
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
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	return cli_run_end(&r, auth_dept_list(r.db, print_dept, NULL));
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
	struct cli_run r;
	int rc = cli_run_begin(&r, cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	int64_t id = 0;
	if (!(rc = find_dept(r.db, r.pos[0], &id, &r.ei)) && !(rc = op(r.db, id, r.pos, &r.ei)))
		printf("%s\n", done);
	return cli_run_end(&r, rc);
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
