/* auth: accounts from a users CSV file — row checks on the import unit
 * (src/ingest/) and the all-or-nothing creation with one-time passwords. */
#include <string.h>

#include "auth/auth_int.h"
#include "core/banned.h"

enum ucol { U_LOGIN, U_NAME, U_DEPARTMENT, U_ROLES, U_EMAIL, U_EMPLOYEE_NO, U_COUNT };

static const struct ingest_column user_columns[U_COUNT] = {
	[U_LOGIN] = {"login", "ログイン名", INGEST_REQUIRED | INGEST_NONEMPTY, {"ログインID", NULL}},
	[U_NAME] = {"name", "氏名", INGEST_REQUIRED | INGEST_NONEMPTY, {"display_name", "名前", NULL}},
	[U_DEPARTMENT] = {"department", "所属", 0, {"部署", NULL}},
	[U_ROLES] = {"roles", "権限", 0, {NULL}},
	[U_EMAIL] = {"email", "メール", 0, {"e-mail", "メールアドレス", NULL}},
	[U_EMPLOYEE_NO] = {"employee_no", "職員番号", 0, {NULL}},
};

struct uparse {
	int (*fn)(void *ctx, const struct auth_users_row *row);
	void *ctx;
	struct auth_roster_result *res;
	struct ingest_seen seen;
};

static int check_user_row(void *vctx, const struct ingest_row *row, struct ingest_problems *p)
{
	struct uparse *pc = vctx;
	const char *const *v = row->value;
	pc->res->rows = row->number;
	int ok = row->ok;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (*v[U_LOGIN] && auth__check_login(v[U_LOGIN], &ei)) {
		ingest_row_problem(row, p, U_LOGIN, ": %s", ei.message);
		ok = 0;
	}
	if (*v[U_NAME] && auth__check_name(v[U_NAME], "name", "氏名", AUTH_NAME_MAX, &ei)) {
		ingest_row_problem(row, p, U_NAME, ": %s", ei.message);
		ok = 0;
	}
	char canon[AUTH_DEPT_PATH_MAX + 1] = "";
	if (*v[U_DEPARTMENT] && auth_dept_path_normalize(v[U_DEPARTMENT], row->len[U_DEPARTMENT],
							 canon, sizeof(canon), &ei)) {
		ingest_row_problem(row, p, U_DEPARTMENT, ": %s", ei.message);
		ok = 0;
	}
	unsigned roles = 0;
	if (*v[U_ROLES] && auth_roles_parse(v[U_ROLES], &roles, &ei)) {
		ingest_row_problem(row, p, U_ROLES, ": %s", ei.message);
		ok = 0;
	}
	if (auth__check_email(v[U_EMAIL], &ei)) {
		ingest_row_problem(row, p, U_EMAIL, ": %s", ei.message);
		ok = 0;
	}
	if (strlen(v[U_EMPLOYEE_NO]) > AUTH_EMPLOYEE_NO_MAX) {
		ingest_row_problem(row, p, U_EMPLOYEE_NO, "が長すぎます（%d 文字以内）",
				   AUTH_EMPLOYEE_NO_MAX);
		ok = 0;
	}
	if (ok && *v[U_LOGIN]) {
		/* Logins compare case-insensitively, as in the users table. */
		char key[AUTH_LOGIN_MAX + 1];
		size_t n = strlen(v[U_LOGIN]);
		for (size_t i = 0; i <= n; i++)
			key[i] = (char)((v[U_LOGIN][i] >= 'A' && v[U_LOGIN][i] <= 'Z')
						? v[U_LOGIN][i] + 32
						: v[U_LOGIN][i]);
		long first = ingest_seen_add(&pc->seen, key, n, row->line);
		if (first) {
			ingest_row_problem(row, p, U_LOGIN, "が %ld 行目と重複しています", first);
			ok = 0;
		}
	}
	if (!ok || p->count || !pc->fn)
		return 0;
	struct auth_users_row out = {row->line,  v[U_LOGIN], v[U_NAME], canon,
				     v[U_EMAIL], v[U_EMPLOYEE_NO], roles};
	return pc->fn(pc->ctx, &out);
}

int auth_users_csv_parse(const char *bytes, size_t len, const char *filename,
			 int (*fn)(void *ctx, const struct auth_users_row *row), void *ctx,
			 struct auth_roster_result *res)
{
	memset(res, 0, sizeof(*res));
	yk_strlcpy(res->file, filename ? filename : "", sizeof(res->file));
	size_t n = filename ? strlen(filename) : 0;
	const struct ingest_spec spec = {
		.columns = user_columns,
		.ncolumns = U_COUNT,
		.separator = n >= 4 && strcasecmp(filename + n - 4, ".tsv") == 0 ? '\t' : ',',
		.unknown = INGEST_UNKNOWN_REPORT,
		.limits = {AUTH_USERS_CSV_MAX_BYTES, AUTH_ACCOUNTS_BATCH_MAX, AUTH_ROSTER_MAX_FIELDS,
			   AUTH_ROSTER_FIELD_MAX},
	};
	struct uparse pc = {.fn = fn, .ctx = ctx, .res = res};
	int rc = ingest_table(&spec, bytes, len, check_user_row, &pc, &res->problems);
	ingest_seen_release(&pc.seen);
	return rc;
}

/* ---- import ---------------------------------------------------------------- */

struct urow {
	long line;
	char login[AUTH_LOGIN_MAX + 1];
	char name[AUTH_NAME_MAX + 1];
	char department[AUTH_DEPT_PATH_MAX + 1];
	char email[AUTH_EMAIL_MAX + 1];
	char employee_no[AUTH_EMPLOYEE_NO_MAX + 1];
	unsigned roles;
	int64_t dept_id, staff_id;
	char hash[AUTH_PASSWORD_HASH_MAX];
};

struct ucollect {
	struct urow *rows;
	size_t n, cap;
};

static int collect_user(void *vctx, const struct auth_users_row *r)
{
	struct ucollect *c = vctx;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->rows = yk_xrealloc(c->rows, c->cap * sizeof(*c->rows));
	}
	struct urow *u = &c->rows[c->n++];
	memset(u, 0, sizeof(*u));
	u->line = r->line;
	yk_strlcpy(u->login, r->login, sizeof(u->login));
	yk_strlcpy(u->name, r->name, sizeof(u->name));
	yk_strlcpy(u->department, r->department_path, sizeof(u->department));
	yk_strlcpy(u->email, r->email, sizeof(u->email));
	yk_strlcpy(u->employee_no, r->employee_no, sizeof(u->employee_no));
	u->roles = r->roles ? r->roles : AUTH_ROLE_STAFF;
	return 0;
}

/* Checks a row against the database: login free, department known, employee
 * number current. Adds problems; never fails on its own. */
static int resolve_row(struct store *db, struct urow *u, struct auth_roster_result *res)
{
	struct auth_user existing;
	if (auth_user_find(db, u->login, &existing) == 0)
		ingest_problem_col(&res->problems, YK_EPARSE, u->line, "ログイン名",
				   "の「%s」は既に使われています", existing.login);
	if (u->employee_no[0]) {
		sqlite3_stmt *st = NULL;
		int rc = store_stmt(db,
				    "SELECT s.id, s.department_id, d.path FROM staff s JOIN departments d"
				    " ON d.id = s.department_id WHERE s.employee_no = ?1 AND s.left_at IS NULL",
				    &st, NULL);
		if (rc)
			return rc;
		store_bind_text(st, 1, u->employee_no);
		if ((rc = store_row(db, st, NULL)) < 0)
			return rc;
		if (rc == 0) {
			ingest_problem_col(&res->problems, YK_EPARSE, u->line, "職員番号",
					   "の「%s」は現在の職員名簿にありません", u->employee_no);
		} else {
			u->staff_id = sqlite3_column_int64(st, 0);
			if (!u->department[0]) {
				u->dept_id = sqlite3_column_int64(st, 1);
				store_col_text(st, 2, u->department, sizeof(u->department));
			}
			store_reset(st);
		}
	}
	if (u->department[0] && !u->dept_id) {
		struct auth_department d;
		int rc = auth_dept_find(db, u->department, &d);
		if (rc == 0)
			u->dept_id = d.id;
		else if (rc == YK_ENOTFOUND || rc == YK_EINVAL)
			ingest_problem_col(&res->problems, YK_EPARSE, u->line, "所属",
					   "の「%s」は登録されていません（先に所属か職員名簿を登録してください）",
					   u->department);
		else
			return rc;
	}
	return 0;
}

int auth_users_import(struct store *db, const struct audit_actor *actor, const char *bytes,
		      size_t len, const char *filename, int sso_only,
		      struct auth_accounts_result *out, struct auth_roster_result *res,
		      struct yk_errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	const char *file = filename && *filename ? filename : "users.csv";
	struct ucollect c = {0};
	int rc = auth_users_csv_parse(bytes, len, file, collect_user, &c, res);
	int began = 0;
	if (rc) {
		if (res->problems.count)
			ingest_problems_errinfo(&res->problems, file, rc, ei);
		else
			yk_errinfo_set(ei, rc, "%s: 読み込めません", file);
		goto out;
	}
	if (c.n == 0) {
		rc = ingest_problem(&res->problems, YK_EPARSE, 0, "利用者の行がありません");
		ingest_problems_errinfo(&res->problems, file, rc, ei);
		goto out;
	}
	if (sso_only && !store_setting_int(db, "sso_enabled") && !store_setting_int(db, "ldap_enabled")) {
		yk_errinfo_at(ei, NULL, 0, "sso_only");
		rc = yk_errinfo_set(ei, YK_EINVAL,
				    "パスワードなしのアカウントは、シングルサインオンかディレクトリ認証を"
				    "有効にしてから作れます");
		goto out;
	}
	for (size_t i = 0; i < c.n; i++)
		if ((rc = resolve_row(db, &c.rows[i], res)))
			goto out;
	if (res->problems.count) {
		rc = ingest_problems_errinfo(&res->problems, file, YK_EPARSE, ei);
		goto out;
	}
	out->items = yk_xcalloc(c.n, sizeof(*out->items));
	out->n = c.n;
	for (size_t i = 0; i < c.n; i++) {
		struct auth_account_issued *it = &out->items[i];
		yk_strlcpy(it->employee_no, c.rows[i].employee_no, sizeof(it->employee_no));
		yk_strlcpy(it->name, c.rows[i].name, sizeof(it->name));
		yk_strlcpy(it->department, c.rows[i].department, sizeof(it->department));
		yk_strlcpy(it->email, c.rows[i].email, sizeof(it->email));
		yk_strlcpy(it->login, c.rows[i].login, sizeof(it->login));
		if (sso_only)
			continue;
		auth_password_generate(it->one_time_password, sizeof(it->one_time_password));
		if ((rc = auth_password_hash(it->one_time_password, c.rows[i].hash,
					     sizeof(c.rows[i].hash)))) {
			rc = yk_errinfo_set(ei, rc, "パスワードを作成できませんでした");
			goto out;
		}
	}
	if ((rc = store_begin(db, ei)))
		goto out;
	began = 1;
	for (size_t i = 0; i < c.n; i++) {
		struct urow *u = &c.rows[i];
		int64_t uid = 0;
		if ((rc = auth__user_insert_tx(db, u->login, u->name, u->email, u->dept_id, u->staff_id,
					       sso_only ? NULL : u->hash, u->roles, &uid, ei)) ||
		    (rc = audit_record_json(db, actor, "user.create", u->login,
					    json_pack("{s:s, s:s}", "via", "import", "file", file), ei))) {
			if (rc == YK_ECONFLICT || rc == YK_EDB)
				yk_errinfo_at(ei, file, u->line, "login");
			goto out;
		}
		out->items[i].created = 1;
		out->created++;
	}
	if ((rc = audit_record_json(db, actor, "users.import", file,
				    json_pack("{s:I}", "created", (json_int_t)out->created), ei)) ||
	    (rc = store_commit(db, ei)))
		goto out;
	began = 0;
out:
	if (began)
		store_rollback(db);
	if (c.rows) {
		explicit_bzero(c.rows, c.cap * sizeof(*c.rows));
		free(c.rows);
	}
	if (rc) {
		auth_accounts_result_release(out);
		out->created = 0;
	}
	return rc;
}
