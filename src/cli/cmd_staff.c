/* cli/staff: `yakuba staff import FILE.csv`, `yakuba staff sync FILE.csv
 * [--apply]` (人事異動: preview, then apply) and `yakuba staff list [--all]`. */
#include <string.h>

#include "auth/auth.h"
#include "cli.h"
#include "core/banned.h"

static const struct audit_actor cli_actor = {0, "cli", NULL};

static int roster_store(void *ctx, struct store *db, const char *data, size_t len,
			const char *file, struct ingest_problems *p, struct yk_errinfo *ei)
{
	struct auth_roster_result *res = ctx;
	int rc = auth_roster_import(db, &cli_actor, data, len, file, res, ei);
	*p = res->problems;
	return rc;
}

static int staff_import(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"staff import", "yakuba staff import FILE.csv",
		"職員名簿 CSV（職員番号, 氏名, 所属, DX区分, メール。UTF-8 または Shift_JIS）を追加・更新します。"
		"名簿にない職員はそのまま残ります（人事異動は staff sync）。誤りのある行が 1 行でもあれば何も登録しません",
		1, 1};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	const struct cli_import imp = {AUTH_ROSTER_MAX_BYTES, NULL, NULL, roster_store, res};
	rc = cli_import_file(&imp, r.db_flag, r.pos[0]);
	if (!rc)
		printf("%s: %zu 行を取り込みました（新規 %zu、更新 %zu、変更なし %zu、所属の作成 %zu）\n",
		       r.pos[0], res->rows, res->inserted, res->updated, res->unchanged,
		       res->departments_created);
	free(res);
	return rc;
}

static int print_staff(void *ctx, const struct auth_staff *s)
{
	(void)ctx;
	printf("%s\t%s\t%s\t%s\t%s%s\n", s->employee_no, s->name, s->department_path, s->tier,
	       s->email[0] ? s->email : "-", s->left_at ? "\t退職" : "");
	return 0;
}

static int staff_list(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"staff list", "yakuba staff list [--query TEXT] [--all]",
		"現在の職員名簿を表示します（職員番号, 氏名, 所属, DX区分, メール）", 0, 0};
	const char *query = NULL;
	int all = 0;
	const struct cli_opt opts[] = {
		{"query", "TEXT", "氏名・職員番号・所属の一部で絞り込みます", &query, NULL, NULL, NULL},
		{"all", NULL, "名簿から外れた（退職した）職員も「退職」と付けて表示します", NULL, &all,
		 NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	int64_t total = 0;
	return cli_run_end(&r, auth_staff_query(r.db, query, all ? AUTH_STAFF_INCLUDE_LEFT : 0, 0,
						INT64_MAX, print_staff, NULL, &total));
}

static const char *what_text(unsigned what, char *out, size_t outsz)
{
	out[0] = '\0';
	static const struct {
		unsigned bit;
		const char *label;
	} parts[] = {{AUTH_SYNC_DEPT, "所属"}, {AUTH_SYNC_TIER, "DX区分"}, {AUTH_SYNC_NAME, "氏名"},
		     {AUTH_SYNC_EMAIL, "メール"}};
	for (size_t i = 0; i < YK_ARRAY_LEN(parts); i++)
		if (what & parts[i].bit) {
			if (out[0])
				yk_strlcpy(out + strlen(out), "・", outsz - strlen(out));
			yk_strlcpy(out + strlen(out), parts[i].label, outsz - strlen(out));
		}
	return out;
}

/* One line per change: "新規 1001 山田 太郎 市民部/市民課" and so on. Names
 * are what the roster file says; the preview is for the admin running it. */
static void print_change(const struct auth_sync_change *c)
{
	char what[64];
	switch (c->kind) {
	case AUTH_SYNC_NEW:
		printf("新規\t%s\t%s\t%s\t%s\n", c->employee_no, c->name, c->department, c->tier);
		break;
	case AUTH_SYNC_RETURNED:
		printf("復帰\t%s\t%s\t%s\t%s\n", c->employee_no, c->name, c->department, c->tier);
		break;
	case AUTH_SYNC_GONE:
		printf("退職\t%s\t%s\t%s\t%s%s\n", c->employee_no, c->name, c->department,
		       c->tier, c->accounts ? "\tアカウントを無効化" : "");
		break;
	case AUTH_SYNC_CHANGED:
		printf("変更\t%s\t%s\t%s", c->employee_no, c->name,
		       what_text(c->what, what, sizeof(what)));
		if (c->what & AUTH_SYNC_DEPT)
			printf("\t%s → %s", c->old_department, c->department);
		if (c->what & AUTH_SYNC_TIER)
			printf("\t%s → %s", c->old_tier, c->tier);
		if (c->what & AUTH_SYNC_NAME)
			printf("\t%s → %s", c->old_name, c->name);
		if (c->what & AUTH_SYNC_EMAIL)
			printf("\t%s → %s", c->old_email[0] ? c->old_email : "-",
			       c->email[0] ? c->email : "-");
		printf("\n");
		break;
	}
}

struct sync_ctx {
	int apply;
	const char *expect;
	struct auth_roster_sync *res;
};

static int sync_store(void *ctx, struct store *db, const char *data, size_t len, const char *file,
		      struct ingest_problems *p, struct yk_errinfo *ei)
{
	struct sync_ctx *x = ctx;
	int rc = auth_roster_sync(db, &cli_actor, data, len, file, x->apply, x->expect, x->res, ei);
	*p = x->res->parse.problems;
	return rc;
}

static int staff_sync(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"staff sync", "yakuba staff sync FILE.csv [--apply]",
		"全職員の名簿 CSV と登録済みの名簿を比べ、違い（新規・退職・異動・DX区分や氏名の変更）を"
		"表示します。--apply で 1 回の処理としてまとめて反映します（退職者は記録を残して"
		"アカウントを無効にします）",
		1, 1};
	int apply = 0;
	const char *expect = NULL;
	const struct cli_opt opts[] = {
		{"apply", NULL, "表示した違いを反映します（付けないときは何も変更しません）", NULL, &apply,
		 NULL, NULL},
		{"expect", "FINGERPRINT", "プレビューで表示した確認番号と違えば反映しません", &expect,
		 NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	struct sync_ctx x = {apply, expect, yk_xcalloc(1, sizeof(*x.res))};
	struct auth_roster_sync *res = x.res;
	const struct cli_import imp = {AUTH_ROSTER_MAX_BYTES, "名簿は何も変更していません", NULL,
				       sync_store, &x};
	rc = cli_import_file(&imp, r.db_flag, r.pos[0]);
	if (!rc) {
		for (size_t i = 0; i < res->nchanges; i++)
			print_change(&res->changes[i]);
		printf("%s: %zu 人（新規 %zu、復帰 %zu、変更 %zu（うち異動 %zu）、退職 %zu、変更なし %zu）\n",
		       r.pos[0], res->parse.rows, res->added, res->returned, res->changed,
		       res->transfers, res->gone, res->unchanged);
		if (res->applied)
			printf("反映しました（所属の作成 %zu、無効にしたアカウント %zu、所属を移したアカウント %zu）\n",
			       res->departments_created, res->accounts_disabled, res->accounts_moved);
		else
			printf("確認番号 %s。まだ何も変更していません。反映するには --apply を付けて"
			       "もう一度実行してください\n",
			       res->fingerprint);
	}
	auth_roster_sync_release(res);
	free(res);
	return rc;
}

int cmd_staff(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"import", staff_import, "職員名簿 CSV を取り込みます（追加・更新のみ）"},
		{"sync", staff_sync, "全職員の名簿で人事異動・退職を反映します（プレビュー → --apply）"},
		{"list", staff_list, "職員名簿を表示します"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("staff", actions, argc, argv);
}
