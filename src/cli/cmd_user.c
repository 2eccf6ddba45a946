/* cli/user: `yakuba user add|add-from-roster|import|list|disable|enable|reset-password`. */
#include <string.h>

#include "auth/auth.h"
#include "cli.h"
#include "core/banned.h"

static const struct audit_actor cli_actor = {0, "cli", NULL};

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
		{"roles", "LIST", "権限（admin,editor,staff,implementer,head をカンマ区切り。既定: staff）",
		 &roles, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	unsigned bits = 0;
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	int64_t id;
	if (!name) {
		store_close(r.db);
		fprintf(stderr, "yakuba user add: missing option: --name (yakuba user add --help)\n");
		return CLI_EXIT_USAGE;
	}
	if (!(rc = auth_roles_parse(roles, &bits, &r.ei))) {
		struct auth_user_spec spec = {r.pos[0], name, email, dept, bits};
		rc = auth_user_create(r.db, &cli_actor, &spec, otp, sizeof(otp), &id, &r.ei);
	}
	if (!rc)
		printf("利用者を追加しました: %s\n初期パスワード: %s\n"
		       "（初回ログイン時にパスワードの変更が必要です）\n",
		       r.pos[0], otp);
	return cli_run_end(&r, rc);
}

/* The sheet handed out: one tab-separated line per person. */
static void print_sheet(const struct auth_accounts_result *res)
{
	printf("職員番号\t氏名\t所属\tログイン名\t初期パスワード\n");
	for (size_t i = 0; i < res->n; i++) {
		const struct auth_account_issued *it = &res->items[i];
		printf("%s\t%s\t%s\t%s\t%s\n", it->employee_no[0] ? it->employee_no : "-", it->name,
		       it->department[0] ? it->department : "-", it->created ? it->login : "-",
		       !it->created ? it->skipped_reason
				    : (it->one_time_password[0] ? it->one_time_password : "（SSO のみ）"));
	}
	printf("作成 %zu 件、作成しなかった職員 %zu 件。初期パスワードはこの一度しか表示しません"
	       "（初回ログイン時に変更が必要です）\n",
	       res->created, res->skipped);
}

struct users_ctx {
	int sso_only;
	struct auth_accounts_result res;
	struct auth_roster_result *pr;
};

static int users_store(void *ctx, struct store *db, const char *data, size_t len, const char *file,
		       struct ingest_problems *p, struct yk_errinfo *ei)
{
	struct users_ctx *x = ctx;
	int rc = auth_users_import(db, &cli_actor, data, len, file, x->sso_only, &x->res, x->pr, ei);
	*p = x->pr->problems;
	return rc;
}

static int user_import(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"user import", "yakuba user import FILE.csv [--sso-only]",
		"利用者の CSV（ログイン名, 氏名, 所属, 権限, メール, 職員番号）からアカウントをまとめて作り、"
		"初期パスワードを一度だけ表示します。誤りが 1 行でもあれば何も登録しません",
		1, 1};
	int sso_only = 0;
	const struct cli_opt opts[] = {
		{"sso-only", NULL, "パスワードなし（シングルサインオン・ディレクトリ認証だけ）で作ります",
		 NULL, &sso_only, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	struct users_ctx x = {sso_only, {0}, yk_xcalloc(1, sizeof(*x.pr))};
	const struct cli_import imp = {AUTH_USERS_CSV_MAX_BYTES, NULL, NULL, users_store, &x};
	rc = cli_import_file(&imp, r.db_flag, r.pos[0]);
	if (!rc)
		print_sheet(&x.res);
	auth_accounts_result_release(&x.res);
	free(x.pr);
	return rc;
}

static int user_add_from_roster(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"user add-from-roster",
		"yakuba user add-from-roster [--department PATH] [--employee NO]... [--roles LIST] [--sso-only]",
		"職員名簿の現在の職員にアカウントを作ります（ログイン名 = 職員番号）。--department で"
		"その所属と下位の所属の全員、--employee で指定した職員。初期パスワードを一度だけ表示します",
		0, 0};
	const char *dept = NULL, *roles = "staff";
	const char *nos_buf[CLI_MAX_POSITIONAL];
	const char **nos = nos_buf;
	int n_nos = 0, sso_only = 0;
	const struct cli_opt opts[] = {
		{"department", "PATH", "所属（例: 市民部。下位の所属の職員も含みます）", &dept, NULL, NULL,
		 NULL},
		{"employee", "NO", "職員番号（繰り返し指定できます）", NULL, NULL, &nos,
		 &n_nos},
		{"roles", "LIST", "権限（admin,editor,staff,implementer,head をカンマ区切り。既定: staff）",
		 &roles, NULL, NULL, NULL},
		{"sso-only", NULL, "パスワードなし（シングルサインオン・ディレクトリ認証だけ）で作ります",
		 NULL, &sso_only, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	unsigned bits = 0;
	struct auth_accounts_result res;
	memset(&res, 0, sizeof(res));
	if (!dept && n_nos == 0) {
		store_close(r.db);
		fprintf(stderr, "yakuba user add-from-roster: --department か --employee を指定してください"
				" (yakuba user add-from-roster --help)\n");
		return CLI_EXIT_USAGE;
	}
	if (!(rc = auth_roles_parse(roles, &bits, &r.ei))) {
		struct auth_accounts_request req = {nos, (size_t)n_nos, dept, bits, sso_only};
		rc = auth_accounts_from_roster(r.db, &cli_actor, &req, &res, &r.ei);
	}
	if (!rc)
		print_sheet(&res);
	auth_accounts_result_release(&res);
	return cli_run_end(&r, rc);
}

static int print_user(void *ctx, const struct auth_user *u)
{
	(void)ctx;
	char roles[64] = "";
	for (unsigned bit = 1; bit <= AUTH_ROLE_LAST; bit <<= 1)
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
					   "利用者の一覧を表示します（ID, ログイン名, 氏名, 所属, 権限, 状態）",
					   0, 0};
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	rc = auth_user_list(r.db, print_user, NULL);
	return cli_run_end(&r, rc);
}

static int user_set_disabled(int argc, char **argv, int disabled)
{
	static const struct cli_cmd dis = {"user disable", "yakuba user disable LOGIN",
					   "利用者を無効にし、ログイン中のセッションを終了します", 1, 1};
	static const struct cli_cmd en = {"user enable", "yakuba user enable LOGIN",
					  "無効にした利用者を有効に戻します", 1, 1};
	struct cli_run r;
	int rc = cli_run_begin(&r, disabled ? &dis : &en, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	struct auth_user u;
	if (!(rc = find_user(r.db, r.pos[0], &u, &r.ei)) &&
	    !(rc = auth_user_set_disabled(r.db, &cli_actor, u.id, disabled, &r.ei)))
		printf("%s: %s\n", disabled ? "無効にしました" : "有効にしました", u.login);
	return cli_run_end(&r, rc);
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
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	struct auth_user u;
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	if (!(rc = find_user(r.db, r.pos[0], &u, &r.ei)) &&
	    !(rc = auth_user_reset_password(r.db, &cli_actor, u.id, otp, sizeof(otp), &r.ei)))
		printf("初期パスワードを再発行しました: %s\n初期パスワード: %s\n", u.login, otp);
	return cli_run_end(&r, rc);
}

int cmd_user(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"add", user_add, "利用者を追加します"},
		{"add-from-roster", user_add_from_roster, "職員名簿からアカウントをまとめて作ります"},
		{"import", user_import, "利用者の CSV からアカウントをまとめて作ります"},
		{"list", user_list, "利用者の一覧を表示します"},
		{"disable", user_disable, "利用者を無効にします"},
		{"enable", user_enable, "利用者を有効に戻します"},
		{"reset-password", user_reset, "初期パスワードを再発行します"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("user", actions, argc, argv);
}
