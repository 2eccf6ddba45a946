/* cli/user: `yakuba user add|list|disable|enable|reset-password`. */
#include <string.h>

#include "auth/auth.h"
#include "cli.h"
#include "core/banned.h"

static const struct audit_actor cli_actor = {0, "cli", NULL};

/* Common frame: parse, open the database, run body, report, close. */
#define WITH_DB(cmdp, opts, argc, argv, pos, npos, db)                                  \
	const char *db_flag = NULL;                                                       \
	int rc = cli_parse(cmdp, opts, argc, argv, &db_flag, pos, &npos);                 \
	if (rc)                                                                           \
		return rc < 0 ? 0 : rc;                                                   \
	struct store *db = NULL;                                                          \
	if (cli_open(db_flag, 0, &db))                                                    \
		return CLI_EXIT_FAIL;                                                     \
	struct yk_errinfo ei;                                                             \
	yk_errinfo_clear(&ei)

static int finish(int rc, struct store *db, const struct yk_errinfo *ei)
{
	if (rc)
		cli_error(rc, ei);
	store_close(db);
	return rc ? CLI_EXIT_FAIL : 0;
}

static int find_user(struct store *db, const char *login, struct auth_user *u,
		     struct yk_errinfo *ei)
{
	int rc = auth_user_find(db, login, u);
	if (rc == YK_ENOTFOUND)
		return yk_errinfo_set(ei, rc, "利用者「%s」は登録されていません", login);
	return rc;
}

static int user_add(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"user add",
		"yakuba user add LOGIN --name NAME [--email ADDR] [--dept PATH] [--roles LIST]",
		"利用者を追加し、初期パスワードを表示します", 1, 1};
	const char *name = NULL, *email = NULL, *dept = NULL, *roles = "staff";
	const struct cli_opt opts[] = {
		{"name", "NAME", "氏名（必須）", &name, NULL, NULL, NULL},
		{"email", "ADDR", "メールアドレス", &email, NULL, NULL, NULL},
		{"dept", "PATH", "所属（例: 市民部/市民課。登録済みのもの）", &dept, NULL, NULL, NULL},
		{"roles", "LIST", "役割（admin,editor,staff,implementer をカンマ区切り。既定: staff）",
		 &roles, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	const char *pos[CLI_MAX_POSITIONAL];
	int npos;
	WITH_DB(&cmd, opts, argc, argv, pos, npos, db);
	unsigned bits = 0;
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	int64_t id;
	if (!name) {
		store_close(db);
		fprintf(stderr, "yakuba user add: missing option: --name (yakuba user add --help)\n");
		return CLI_EXIT_USAGE;
	}
	if (!(rc = auth_roles_parse(roles, &bits, &ei))) {
		struct auth_user_spec spec = {pos[0], name, email, dept, bits};
		rc = auth_user_create(db, &cli_actor, &spec, otp, sizeof(otp), &id, &ei);
	}
	if (!rc)
		printf("利用者を追加しました: %s\n初期パスワード: %s\n"
		       "（初回ログイン時にパスワードの変更が必要です）\n",
		       pos[0], otp);
	return finish(rc, db, &ei);
}

static int print_user(void *ctx, const struct auth_user *u)
{
	(void)ctx;
	char roles[64] = "";
	for (unsigned bit = 1; bit <= AUTH_ROLE_IMPLEMENTER; bit <<= 1)
		if (u->roles & bit) {
			if (roles[0])
				yk_strlcpy(roles + strlen(roles), ",", sizeof(roles) - strlen(roles));
			yk_strlcpy(roles + strlen(roles), auth_role_name(bit),
				   sizeof(roles) - strlen(roles));
		}
	printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)u->id, u->login, u->display_name,
	       u->department_path[0] ? u->department_path : "-", roles,
	       u->disabled ? "無効" : (u->must_change_password ? "初期パスワード" : "有効"));
	return 0;
}

static int user_list(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"user list", "yakuba user list",
					   "利用者の一覧を表示します（ID, ログイン名, 氏名, 所属, 役割, 状態）",
					   0, 0};
	const char *pos[CLI_MAX_POSITIONAL];
	int npos;
	WITH_DB(&cmd, NULL, argc, argv, pos, npos, db);
	rc = auth_user_list(db, print_user, NULL);
	return finish(rc, db, &ei);
}

static int user_set_disabled(int argc, char **argv, int disabled)
{
	static const struct cli_cmd dis = {"user disable", "yakuba user disable LOGIN",
					   "利用者を無効にし、ログイン中のセッションを終了します", 1, 1};
	static const struct cli_cmd en = {"user enable", "yakuba user enable LOGIN",
					  "無効にした利用者を有効に戻します", 1, 1};
	const char *pos[CLI_MAX_POSITIONAL];
	int npos;
	WITH_DB(disabled ? &dis : &en, NULL, argc, argv, pos, npos, db);
	struct auth_user u;
	if (!(rc = find_user(db, pos[0], &u, &ei)) &&
	    !(rc = auth_user_set_disabled(db, &cli_actor, u.id, disabled, &ei)))
		printf("%s: %s\n", disabled ? "無効にしました" : "有効にしました", u.login);
	return finish(rc, db, &ei);
}

static int user_disable(int argc, char **argv)
{
	return user_set_disabled(argc, argv, 1);
}

static int user_enable(int argc, char **argv)
{
	return user_set_disabled(argc, argv, 0);
}

static int user_reset(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"user reset-password", "yakuba user reset-password LOGIN",
		"初期パスワードを再発行します（次回ログイン時に変更が必要になります）", 1, 1};
	const char *pos[CLI_MAX_POSITIONAL];
	int npos;
	WITH_DB(&cmd, NULL, argc, argv, pos, npos, db);
	struct auth_user u;
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	if (!(rc = find_user(db, pos[0], &u, &ei)) &&
	    !(rc = auth_user_reset_password(db, &cli_actor, u.id, otp, sizeof(otp), &ei)))
		printf("初期パスワードを再発行しました: %s\n初期パスワード: %s\n", u.login, otp);
	return finish(rc, db, &ei);
}

int cmd_user(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"add", user_add, "利用者を追加します"},
		{"list", user_list, "利用者の一覧を表示します"},
		{"disable", user_disable, "利用者を無効にします"},
		{"enable", user_enable, "利用者を有効に戻します"},
		{"reset-password", user_reset, "初期パスワードを再発行します"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("user", actions, argc, argv);
}
