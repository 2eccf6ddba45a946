/* auth: roles, field checks, Argon2id passwords and user accounts. */
#include <argon2.h>
#include <string.h>

#include "auth/auth_int.h"
#include "core/banned.h"

/* ---- roles ------------------------------------------------------------- */

static const struct {
	unsigned bit;
	const char *name;
} role_names[] = {
	{AUTH_ROLE_ADMIN, "admin"},
	{AUTH_ROLE_EDITOR, "editor"},
	{AUTH_ROLE_STAFF, "staff"},
	{AUTH_ROLE_IMPLEMENTER, "implementer"},
	{AUTH_ROLE_HEAD, "head"},
};

const char *auth_role_name(unsigned role)
{
	for (size_t i = 0; i < YK_ARRAY_LEN(role_names); i++)
		if (role_names[i].bit == role)
			return role_names[i].name;
	return NULL;
}

static int role_parse_n(const char *s, size_t n, unsigned *role)
{
	for (size_t i = 0; i < YK_ARRAY_LEN(role_names); i++)
		if (strlen(role_names[i].name) == n && memcmp(role_names[i].name, s, n) == 0) {
			*role = role_names[i].bit;
			return 0;
		}
	return YK_EINVAL;
}

int auth_role_parse(const char *name, unsigned *role)
{
	return role_parse_n(name, strlen(name), role);
}

int auth_roles_parse(const char *list, unsigned *roles, struct yk_errinfo *ei)
{
	unsigned acc = 0;
	const char *p = list;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		while (n && (*p == ' ')) {
			p++;
			n--;
		}
		while (n && p[n - 1] == ' ')
			n--;
		unsigned r;
		if (role_parse_n(p, n, &r) != 0) {
			yk_errinfo_at(ei, NULL, 0, "roles");
			return yk_errinfo_set(ei, YK_EINVAL,
					      "権限「%.*s」は不明です（admin, editor, staff, implementer, head のいずれか）",
					      (int)(n > 64 ? 64 : n), p);
		}
		acc |= r;
		if (!end)
			break;
		p = end + 1;
	}
	*roles = acc;
	return 0;
}

/* ---- field checks ------------------------------------------------------ */

int auth__check_login(const char *login, struct yk_errinfo *ei)
{
	size_t n = login ? strlen(login) : 0;
	yk_errinfo_at(ei, NULL, 0, "login");
	if (n == 0)
		return yk_errinfo_set(ei, YK_EINVAL, "ログイン名を入力してください");
	if (n > AUTH_LOGIN_MAX)
		return yk_errinfo_set(ei, YK_EINVAL, "ログイン名は %d 文字以内にしてください",
				      AUTH_LOGIN_MAX);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)login[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '@' || c == '-'))
			return yk_errinfo_set(ei, YK_EINVAL,
					      "ログイン名に使える文字は半角英数字と . _ @ - だけです");
	}
	yk_errinfo_at(ei, NULL, 0, "");
	return 0;
}

int auth__check_name(const char *name, const char *field, const char *label, size_t max,
		     struct yk_errinfo *ei)
{
	size_t n = name ? strlen(name) : 0;
	yk_errinfo_at(ei, NULL, 0, field);
	if (n == 0)
		return yk_errinfo_set(ei, YK_EINVAL, "%sを入力してください", label);
	if (n > max)
		return yk_errinfo_set(ei, YK_EINVAL, "%sが長すぎます（%zu バイト以内）", label, max);
	if (!yk_utf8_valid(name, n, NULL))
		return yk_errinfo_set(ei, YK_EINVAL, "%sの文字コードが正しくありません", label);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7F)
			return yk_errinfo_set(ei, YK_EINVAL, "%sに制御文字は使えません", label);
	yk_errinfo_at(ei, NULL, 0, "");
	return 0;
}

int auth__check_email(const char *email, struct yk_errinfo *ei)
{
	size_t n = email ? strlen(email) : 0;
	if (n == 0)
		return 0;
	yk_errinfo_at(ei, NULL, 0, "email");
	const char *at = strchr(email, '@');
	int ok = n <= AUTH_EMAIL_MAX && at && at != email && strchr(at + 1, '@') == NULL &&
		 strchr(at + 1, '.') != NULL && at[1] != '.' && email[n - 1] != '.';
	for (size_t i = 0; ok && i < n; i++) {
		unsigned char c = (unsigned char)email[i];
		if (c <= 0x20 || c >= 0x7F || strchr("\"(),:;<>[\\]", c))
			ok = 0;
	}
	if (!ok)
		return yk_errinfo_set(ei, YK_EINVAL, "メールアドレスの形式が正しくありません");
	yk_errinfo_at(ei, NULL, 0, "");
	return 0;
}

/* ---- passwords --------------------------------------------------------- */

#define SALT_LEN 16
#define HASH_LEN 32

int auth_password_hash(const char *password, char *out, size_t outsz)
{
	unsigned char salt[SALT_LEN];
	yk_random_bytes(salt, sizeof(salt));
	int rc = argon2id_hash_encoded(AUTH_ARGON2_T_COST, AUTH_ARGON2_M_COST_KIB,
				       AUTH_ARGON2_PARALLELISM, password, strlen(password), salt,
				       sizeof(salt), HASH_LEN, out, outsz);
	return rc == ARGON2_OK ? 0 : (rc == ARGON2_MEMORY_ALLOCATION_ERROR ? YK_ENOMEM : YK_EINVAL);
}

int auth_password_verify(const char *encoded, const char *password)
{
	if (!encoded || !password || !yk_starts_with(encoded, "$argon2id$"))
		return 0;
	return argon2id_verify(encoded, password, strlen(password)) == ARGON2_OK;
}

void auth_password_generate(char *out, size_t len_plus_nul)
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
	const size_t na = sizeof(alphabet) - 1; /* 56 */
	size_t i = 0;
	while (i + 1 < len_plus_nul) {
		unsigned char r[32];
		yk_random_bytes(r, sizeof(r));
		for (size_t k = 0; k < sizeof(r) && i + 1 < len_plus_nul; k++)
			if (r[k] < 224) /* 224 = 4 * 56: rejection sampling, no bias */
				out[i++] = alphabet[r[k] % na];
	}
	if (len_plus_nul)
		out[i] = '\0';
}

/* ---- users ------------------------------------------------------------- */

#define USER_COLUMNS                                                                       \
	"u.id, u.login, u.display_name, u.email, coalesce(u.department_id, 0),"             \
	" coalesce(d.path, ''), u.must_change_password, u.disabled,"                        \
	" u.password_hash IS NULL, u.created_at,"                                            \
	" (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id)"
#define USER_FROM " FROM users u LEFT JOIN departments d ON d.id = u.department_id"

/* Reads a USER_COLUMNS row into out (a struct auth_user). */
static int user_read(void *out, sqlite3_stmt *st)
{
	struct auth_user *u = out;
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, u->login, sizeof(u->login));
	store_col_text(st, 2, u->display_name, sizeof(u->display_name));
	store_col_text(st, 3, u->email, sizeof(u->email));
	u->department_id = sqlite3_column_int64(st, 4);
	store_col_text(st, 5, u->department_path, sizeof(u->department_path));
	u->must_change_password = sqlite3_column_int(st, 6);
	u->disabled = sqlite3_column_int(st, 7);
	u->sso_only = sqlite3_column_int(st, 8);
	u->created_at = sqlite3_column_int64(st, 9);
	char roles[128];
	store_col_text(st, 10, roles, sizeof(roles));
	unsigned bits = 0;
	if (roles[0] && auth_roles_parse(roles, &bits, NULL) != 0)
		bits = 0; /* the schema's CHECK makes this unreachable */
	u->roles = bits;
	return 0;
}

static int user_query_one(struct store *db, const char *sql, int64_t id, const char *text,
			  struct auth_user *out)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, sql, &st, NULL);
	if (rc)
		return rc;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	return store_one(db, st, user_read, out, NULL);
}

int auth_user_get(struct store *db, int64_t id, struct auth_user *out)
{
	return user_query_one(db, "SELECT " USER_COLUMNS USER_FROM " WHERE u.id = ?", id, NULL, out);
}

int auth_user_find(struct store *db, const char *login, struct auth_user *out)
{
	return user_query_one(db, "SELECT " USER_COLUMNS USER_FROM " WHERE u.login = ?", 0, login,
			      out);
}

struct user_each {
	int (*fn)(void *ctx, const struct auth_user *u);
	void *ctx;
	struct auth_user u;
};

static int user_row(void *vctx, sqlite3_stmt *st)
{
	struct user_each *e = vctx;
	user_read(&e->u, st);
	return e->fn(e->ctx, &e->u);
}

int auth_user_list(struct store *db, int (*fn)(void *ctx, const struct auth_user *u), void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT " USER_COLUMNS USER_FROM " ORDER BY u.login COLLATE NOCASE",
			       &st, NULL);
	if (rc)
		return rc;
	struct user_each e = {.fn = fn, .ctx = ctx}; /* with one row's value inside */
	return store_each(db, st, user_row, &e, NULL);
}

static json_t *roles_json(unsigned roles)
{
	json_t *a = json_array();
	for (size_t i = 0; i < YK_ARRAY_LEN(role_names); i++)
		if (roles & role_names[i].bit)
			json_array_append_new(a, json_string(role_names[i].name));
	return a;
}

static int roles_write(struct store *db, int64_t id, unsigned roles, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "DELETE FROM user_roles WHERE user_id = ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	for (size_t i = 0; i < YK_ARRAY_LEN(role_names); i++) {
		if (!(roles & role_names[i].bit))
			continue;
		if ((rc = store_stmt(db, "INSERT INTO user_roles(user_id, role) VALUES (?, ?)", &st,
					ei)))
			return rc;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, role_names[i].name, -1, SQLITE_STATIC);
		if ((rc = store_step_done(db, st, ei)))
			return rc;
	}
	return 0;
}

/* Validates the parts of a spec shared by create and update; resolves the
 * department path to its id (0 for none). */
static int spec_check(struct store *db, const struct auth_user_spec *spec, int64_t *dept_id,
		      struct yk_errinfo *ei)
{
	int rc;
	if ((rc = auth__check_name(spec->display_name, "display_name", "氏名", AUTH_NAME_MAX, ei)))
		return rc;
	if ((rc = auth__check_email(spec->email, ei)))
		return rc;
	if (spec->roles == 0 || (spec->roles & ~(unsigned)AUTH_ROLE_ALL)) {
		yk_errinfo_at(ei, NULL, 0, "roles");
		return yk_errinfo_set(ei, YK_EINVAL, "権限を 1 つ以上選んでください");
	}
	*dept_id = 0;
	if (spec->department_path && *spec->department_path) {
		struct auth_department d;
		rc = auth_dept_find(db, spec->department_path, &d);
		if (rc) {
			yk_errinfo_at(ei, NULL, 0, "department");
			return rc == YK_ENOTFOUND || rc == YK_EINVAL
				       ? yk_errinfo_set(ei, YK_EINVAL, "所属が見つかりません")
				       : rc;
		}
		*dept_id = d.id;
	}
	return 0;
}

/* Number of enabled admins other than user id. */
int auth__other_admins(struct store *db, int64_t id, int64_t *n)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id"
			       " AND r.role = 'admin' WHERE u.disabled = 0 AND u.id <> ?",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	*n = 0;
	return store_one_int(db, st, n, NULL);
}

int auth__user_insert_tx(struct store *db, const char *login, const char *name,
			 const char *email, int64_t dept_id, int64_t staff_id, const char *hash,
			 unsigned roles, int64_t *id, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "INSERT INTO users(login, display_name, email, department_id, staff_id,"
			    " password_hash, must_change_password, created_at, updated_at)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6 IS NOT NULL, ?7, ?7)",
			    &st, ei);
	if (rc)
		return rc;
	int64_t now = yk_now_unix();
	store_bind_text(st, 1, login);
	store_bind_text(st, 2, name);
	store_bind_opt_text(st, 3, email);
	store_bind_opt_id(st, 4, dept_id);
	store_bind_opt_id(st, 5, staff_id);
	store_bind_opt_text(st, 6, hash);
	sqlite3_bind_int64(st, 7, now);
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	*id = sqlite3_last_insert_rowid(store_handle(db));
	return roles_write(db, *id, roles ? roles : AUTH_ROLE_STAFF, ei);
}

static void new_otp(char *otp, size_t otpsz, char *hash, size_t hashsz, int *rc)
{
	char pw[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	auth_password_generate(pw, sizeof(pw));
	*rc = auth_password_hash(pw, hash, hashsz);
	yk_strlcpy(otp, pw, otpsz);
	explicit_bzero(pw, sizeof(pw));
}

int auth_user_create(struct store *db, const struct audit_actor *actor,
		     const struct auth_user_spec *spec, char *otp, size_t otpsz, int64_t *id,
		     struct yk_errinfo *ei)
{
	int64_t dept_id;
	int rc;
	if (otpsz < AUTH_ONE_TIME_PASSWORD_LEN + 1)
		return yk_errinfo_set(ei, YK_EINVAL, "internal: one-time password buffer too small");
	if ((rc = auth__check_login(spec->login, ei)) || (rc = spec_check(db, spec, &dept_id, ei)))
		return rc;
	char hash[AUTH_PASSWORD_HASH_MAX];
	new_otp(otp, otpsz, hash, sizeof(hash), &rc);
	if (rc)
		return yk_errinfo_set(ei, rc, "パスワードを作成できませんでした");
	if ((rc = store_begin(db, ei)))
		return rc;
	struct auth_user existing;
	if (auth_user_find(db, spec->login, &existing) == 0) {
		yk_errinfo_at(ei, NULL, 0, "login");
		rc = yk_errinfo_set(ei, YK_ECONFLICT, "ログイン名「%s」は既に使われています",
				    existing.login);
		goto fail;
	}
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
				"INSERT INTO users(login, display_name, email, department_id,"
				" password_hash, must_change_password, created_at, updated_at)"
				" VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
				&st, ei)))
		goto fail;
	int64_t now = yk_now_unix();
	sqlite3_bind_text(st, 1, spec->login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, spec->display_name, -1, SQLITE_TRANSIENT);
	store_bind_opt_text(st, 3, spec->email);
	if (dept_id)
		sqlite3_bind_int64(st, 4, dept_id);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_text(st, 5, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, now);
	sqlite3_bind_int64(st, 7, now);
	if ((rc = store_step_done(db, st, ei)))
		goto fail;
	int64_t uid = sqlite3_last_insert_rowid(store_handle(db));
	if ((rc = roles_write(db, uid, spec->roles, ei)))
		goto fail;
	if ((rc = audit_record_json(db, actor, "user.create", spec->login,
				   json_pack("{s:o}", "roles", roles_json(spec->roles)), NULL)))
		goto fail;
	if ((rc = store_commit(db, ei)))
		goto fail;
	if (id)
		*id = uid;
	return 0;
fail:
	store_rollback(db);
	explicit_bzero(otp, otpsz);
	return rc;
}

int auth_user_update(struct store *db, const struct audit_actor *actor, int64_t id,
		     const struct auth_user_spec *spec, struct yk_errinfo *ei)
{
	int64_t dept_id;
	int rc;
	struct auth_user old;
	if ((rc = spec_check(db, spec, &dept_id, ei)))
		return rc;
	if ((rc = store_begin(db, ei)))
		return rc;
	if ((rc = auth_user_get(db, id, &old))) {
		yk_errinfo_set(ei, rc, "利用者が見つかりません");
		goto fail;
	}
	if (spec->login && strcasecmp(spec->login, old.login) != 0) {
		yk_errinfo_at(ei, NULL, 0, "login");
		rc = yk_errinfo_set(ei, YK_EINVAL, "ログイン名は変更できません");
		goto fail;
	}
	if ((old.roles & AUTH_ROLE_ADMIN) && !(spec->roles & AUTH_ROLE_ADMIN) && !old.disabled) {
		int64_t n;
		if ((rc = auth__other_admins(db, id, &n)))
			goto fail;
		if (n == 0) {
			yk_errinfo_at(ei, NULL, 0, "roles");
			rc = yk_errinfo_set(ei, YK_ECONFLICT,
					    "最後の管理者から管理者の権限は外せません");
			goto fail;
		}
	}
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
				"UPDATE users SET display_name = ?, email = ?, department_id = ?,"
				" updated_at = ? WHERE id = ?",
				&st, ei)))
		goto fail;
	sqlite3_bind_text(st, 1, spec->display_name, -1, SQLITE_TRANSIENT);
	store_bind_opt_text(st, 2, spec->email);
	if (dept_id)
		sqlite3_bind_int64(st, 3, dept_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, yk_now_unix());
	sqlite3_bind_int64(st, 5, id);
	if ((rc = store_step_done(db, st, ei)) || (rc = roles_write(db, id, spec->roles, ei)))
		goto fail;
	if ((rc = audit_record_json(db, actor, "user.update", old.login,
				   json_pack("{s:o, s:o, s:b}", "old_roles", roles_json(old.roles),
					     "roles", roles_json(spec->roles), "department_changed",
					     dept_id != old.department_id), NULL)))
		goto fail;
	if ((rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

int auth_user_set_disabled(struct store *db, const struct audit_actor *actor, int64_t id,
			   int disabled, struct yk_errinfo *ei)
{
	int rc;
	struct auth_user u;
	if ((rc = store_begin(db, ei)))
		return rc;
	if ((rc = auth_user_get(db, id, &u))) {
		yk_errinfo_set(ei, rc, "利用者が見つかりません");
		goto fail;
	}
	if (disabled && (u.roles & AUTH_ROLE_ADMIN) && !u.disabled) {
		int64_t n;
		if ((rc = auth__other_admins(db, id, &n)))
			goto fail;
		if (n == 0) {
			rc = yk_errinfo_set(ei, YK_ECONFLICT, "最後の管理者は無効にできません");
			goto fail;
		}
	}
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db, "UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?",
				&st, ei)))
		goto fail;
	sqlite3_bind_int(st, 1, disabled ? 1 : 0);
	sqlite3_bind_int64(st, 2, yk_now_unix());
	sqlite3_bind_int64(st, 3, id);
	if ((rc = store_step_done(db, st, ei)))
		goto fail;
	if (disabled && (rc = auth__sessions_end(db, id, 0, ei)))
		goto fail;
	if ((rc = audit_record(db, actor, disabled ? "user.disable" : "user.enable", u.login, NULL, NULL)) ||
	    (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

static int password_store(struct store *db, int64_t id, const char *hash, int must_change,
			  struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			       "UPDATE users SET password_hash = ?, must_change_password = ?,"
			       " updated_at = ? WHERE id = ?",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, must_change);
	sqlite3_bind_int64(st, 3, yk_now_unix());
	sqlite3_bind_int64(st, 4, id);
	return store_step_done(db, st, ei);
}

int auth_user_reset_password(struct store *db, const struct audit_actor *actor, int64_t id,
			     char *otp, size_t otpsz, struct yk_errinfo *ei)
{
	int rc;
	struct auth_user u;
	if (otpsz < AUTH_ONE_TIME_PASSWORD_LEN + 1)
		return yk_errinfo_set(ei, YK_EINVAL, "internal: one-time password buffer too small");
	if ((rc = auth_user_get(db, id, &u)))
		return yk_errinfo_set(ei, rc, "利用者が見つかりません");
	char hash[AUTH_PASSWORD_HASH_MAX];
	new_otp(otp, otpsz, hash, sizeof(hash), &rc);
	if (rc)
		return yk_errinfo_set(ei, rc, "パスワードを作成できませんでした");
	if ((rc = store_begin(db, ei)))
		goto out;
	if ((rc = password_store(db, id, hash, 1, ei)) || (rc = auth__sessions_end(db, id, 0, ei)) ||
	    (rc = audit_record(db, actor, "user.reset_password", u.login, NULL, NULL)) ||
	    (rc = store_commit(db, ei)))
		store_rollback(db);
out:
	if (rc)
		explicit_bzero(otp, otpsz);
	return rc;
}

int auth_user_change_password_keep(struct store *db, const struct audit_actor *actor, int64_t id,
				   const char *current, const char *next, int64_t keep_session_id,
				   struct yk_errinfo *ei)
{
	int rc;
	struct auth_user u;
	if ((rc = auth_user_get(db, id, &u)))
		return yk_errinfo_set(ei, rc, "利用者が見つかりません");
	char old_hash[AUTH_PASSWORD_HASH_MAX] = "";
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db, "SELECT coalesce(password_hash, '') FROM users WHERE id = ?", &st,
				ei)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		store_col_text(st, 0, old_hash, sizeof(old_hash));
	store_reset(st);
	if (!current || !auth_password_verify(old_hash, current)) {
		yk_errinfo_at(ei, NULL, 0, "current_password");
		return yk_errinfo_set(ei, YK_EAUTH, "現在のパスワードが正しくありません");
	}
	int64_t min = store_setting_int(db, "password_min_length");
	size_t n = next ? strlen(next) : 0;
	yk_errinfo_at(ei, NULL, 0, "new_password");
	if (n > AUTH_PASSWORD_MAX)
		return yk_errinfo_set(ei, YK_EINVAL, "パスワードは %d バイト以内にしてください",
				      AUTH_PASSWORD_MAX);
	if (!next || !yk_utf8_valid(next, n, NULL))
		return yk_errinfo_set(ei, YK_EINVAL, "パスワードの文字コードが正しくありません");
	if ((int64_t)yk_utf8_count(next, n) < min)
		return yk_errinfo_set(ei, YK_EINVAL, "パスワードは %lld 文字以上にしてください",
				      (long long)min);
	if (strcasecmp(next, u.login) == 0)
		return yk_errinfo_set(ei, YK_EINVAL, "ログイン名と同じパスワードは使えません");
	if (strcmp(next, current) == 0)
		return yk_errinfo_set(ei, YK_EINVAL, "現在と同じパスワードは使えません");
	yk_errinfo_at(ei, NULL, 0, "");
	char hash[AUTH_PASSWORD_HASH_MAX];
	if ((rc = auth_password_hash(next, hash, sizeof(hash))))
		return yk_errinfo_set(ei, rc, "パスワードを保存できませんでした");
	if ((rc = store_begin(db, ei)))
		return rc;
	if ((rc = password_store(db, id, hash, 0, ei)) ||
	    (rc = auth__sessions_end(db, id, keep_session_id, ei)) ||
	    (rc = audit_record(db, actor, "user.change_password", u.login, NULL, NULL)) ||
	    (rc = store_commit(db, ei))) {
		store_rollback(db);
		return rc;
	}
	return 0;
}

int auth_user_change_password(struct store *db, const struct audit_actor *actor, int64_t id,
			      const char *current, const char *next, struct yk_errinfo *ei)
{
	return auth_user_change_password_keep(db, actor, id, current, next, 0, ei);
}
