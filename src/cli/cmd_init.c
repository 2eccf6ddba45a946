/* cli/init: `yakuba init`, creates the database and the first admin with
 * a one-time password that must be changed at first login. */
#include "auth/auth.h"
#include "cli.h"
#include "core/banned.h"

static int count_user(void *ctx, const struct auth_user *u)
{
	(void)u;
	(*(int *)ctx)++;
	return 0;
}

int cmd_init(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"init", "yakuba init [--db PATH] [--admin LOGIN]",
		"データベースを作成し、最初の管理者を登録して初期パスワードを表示します", 0, 0};
	const char *admin = "admin";
	const struct cli_opt opts[] = {
		{"admin", "LOGIN", "最初の管理者のログイン名（既定: admin）", &admin, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO || (rc = cli_run_open(&r, 1)) != CLI_GO)
		return rc;
	int users = 0;
	if ((rc = auth_user_list(r.db, count_user, &users)))
		return cli_run_end(&r, rc);
	if (users > 0) {
		fprintf(stderr, "yakuba: %s はすでに初期化されています（利用者 %d 人）。"
				"パスワードの再発行は yakuba user reset-password LOGIN\n",
			cli_db_path(r.db_flag), users);
		store_close(r.db);
		return CLI_EXIT_FAIL;
	}
	struct audit_actor actor = {0, "cli", NULL};
	struct auth_user_spec spec = {admin, "システム管理者", NULL, NULL,
				      AUTH_ROLE_ADMIN | AUTH_ROLE_EDITOR | AUTH_ROLE_STAFF};
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	int64_t id;
	if ((rc = auth_user_create(r.db, &actor, &spec, otp, sizeof(otp), &id, &r.ei)))
		return cli_run_end(&r, rc);
	store_close(r.db);
	printf("データベースを作成しました: %s\n", cli_db_path(r.db_flag));
	printf("ログイン名: %s\n初期パスワード: %s\n", admin, otp);
	printf("（初回ログイン時にパスワードの変更が必要です）\n");
	return 0;
}
