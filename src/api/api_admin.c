/* api/admin: users, departments, staff roster, settings, audit log.
 * Thin: parse the request, call auth/store, serialise the answer. */
#include <string.h>

#include "api_int.h"
#include "llm/llm.h"
#include "core/banned.h"

/* ---- users ------------------------------------------------------------- */

static int add_user_json(void *ctx, const struct auth_user *u)
{
	json_array_append_new(ctx, api__user_json(u));
	return 0;
}

API_HANDLER(users_list)
{
	json_t *arr = json_array();
	int rc = auth_user_list(c->db, add_user_json, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "users", arr));
	return 0;
}

/* Reads "roles": ["staff", ...] into role bits. */
static int read_roles(struct api_call *c, int required, unsigned *roles)
{
	json_t *v = json_object_get(c->body, "roles");
	*roles = 0;
	yk_errinfo_at(&c->ei, NULL, 0, "roles");
	if (!v) {
		if (!required)
			return 0;
		return yk_errinfo_set(&c->ei, YK_EINVAL, "権限を 1 つ以上選んでください");
	}
	if (!json_is_array(v) || json_array_size(v) > 8)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "権限は文字列の配列で指定してください");
	size_t i;
	json_t *r;
	json_array_foreach(v, i, r) {
		unsigned bit;
		if (!json_is_string(r) || auth_role_parse(json_string_value(r), &bit) != 0)
			return yk_errinfo_set(&c->ei, YK_EINVAL, "不明な権限です: %s",
					      json_is_string(r) ? json_string_value(r) : "?");
		*roles |= bit;
	}
	if (!*roles)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "権限を 1 つ以上選んでください");
	c->ei.field[0] = '\0';
	return 0;
}

static int read_user_spec(struct api_call *c, int creating, struct auth_user_spec *spec)
{
	static const char *const create_fields[] = {"login", "display_name", "email", "department",
						    "roles", NULL};
	static const char *const update_fields[] = {"display_name", "email", "department", "roles",
						    NULL};
	int rc;
	memset(spec, 0, sizeof(*spec));
	if ((rc = api__only_fields(c, creating ? create_fields : update_fields)))
		return rc;
	if (creating && (rc = api__str(c, "login", 1, AUTH_LOGIN_MAX, &spec->login)))
		return rc;
	if ((rc = api__str(c, "display_name", 1, AUTH_NAME_MAX, &spec->display_name)) ||
	    (rc = api__str(c, "email", 0, AUTH_EMAIL_MAX, &spec->email)) ||
	    (rc = api__str(c, "department", 0, AUTH_DEPT_PATH_MAX, &spec->department_path)))
		return rc;
	return read_roles(c, 1, &spec->roles);
}

static int reply_user(struct api_call *c, int status, int64_t id, const char *otp)
{
	struct auth_user u;
	int rc = auth_user_get(c->db, id, &u);
	if (rc)
		return rc;
	json_t *obj = json_pack("{s:o}", "user", api__user_json(&u));
	if (otp)
		json_object_set_new(obj, "one_time_password", json_string(otp));
	api__reply(c, status, obj);
	return 0;
}

API_HANDLER(users_create)
{
	struct auth_user_spec spec;
	int rc = read_user_spec(c, 1, &spec);
	if (rc)
		return rc;
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	int64_t id = 0;
	if ((rc = auth_user_create(c->db, &c->actor, &spec, otp, sizeof(otp), &id, &c->ei)))
		return rc;
	return reply_user(c, 201, id, otp);
}

API_HANDLER(users_update)
{
	struct auth_user_spec spec;
	int rc = read_user_spec(c, 0, &spec);
	if (rc)
		return rc;
	if ((rc = auth_user_update(c->db, &c->actor, c->id, &spec, &c->ei)))
		return rc;
	return reply_user(c, 200, c->id, NULL);
}

static int set_disabled(struct api_call *c, int disabled)
{
	int rc = auth_user_set_disabled(c->db, &c->actor, c->id, disabled, &c->ei);
	return rc ? rc : reply_user(c, 200, c->id, NULL);
}

API_HANDLER(users_disable)
{
	return set_disabled(c, 1);
}

API_HANDLER(users_enable)
{
	return set_disabled(c, 0);
}

API_HANDLER(users_reset)
{
	char otp[AUTH_ONE_TIME_PASSWORD_LEN + 1];
	int rc = auth_user_reset_password(c->db, &c->actor, c->id, otp, sizeof(otp), &c->ei);
	return rc ? rc : reply_user(c, 200, c->id, otp);
}

/* ---- departments ------------------------------------------------------- */

static json_t *dept_json(const struct auth_department *d)
{
	json_t *o = json_pack("{s:I, s:o, s:s, s:s, s:I, s:I}", "id", (json_int_t)d->id, "parent_id",
			      d->parent_id ? json_integer(d->parent_id) : json_null(), "name",
			      d->name, "path", d->path, "staff_count", (json_int_t)d->staff_count,
			      "user_count", (json_int_t)d->user_count);
	/* Counts with everything below, and whether a delete can succeed
	 * (auth_dept_delete's rule), so that the page offers it only then. */
	json_object_set_new(o, "display_order", json_integer(d->display_order));
	json_object_set_new(o, "total_staff_count", json_integer(d->total_staff_count));
	json_object_set_new(o, "total_user_count", json_integer(d->total_user_count));
	json_object_set_new(o, "child_count", json_integer(d->child_count));
	json_object_set_new(o, "left_staff_count", json_integer(d->left_staff_count));
	json_object_set_new(o, "deletable", json_boolean(d->child_count == 0 && d->staff_count == 0 &&
							 d->left_staff_count == 0 && d->user_count == 0));
	return o;
}

static int add_dept_json(void *ctx, const struct auth_department *d)
{
	json_array_append_new(ctx, dept_json(d));
	return 0;
}

API_HANDLER(depts_list)
{
	json_t *arr = json_array();
	int rc = auth_dept_list(c->db, add_dept_json, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "departments", arr));
	return 0;
}

/* Finds a department by id through the list (departments are few). */
struct dept_lookup {
	int64_t id;
	struct auth_department found;
	int ok;
};

static int match_dept(void *ctx, const struct auth_department *d)
{
	struct dept_lookup *l = ctx;
	if (d->id != l->id)
		return 0;
	l->found = *d;
	l->ok = 1;
	return 1;
}

static int reply_dept(struct api_call *c, int status, int64_t id)
{
	struct dept_lookup l;
	memset(&l, 0, sizeof(l));
	l.id = id;
	int rc = auth_dept_list(c->db, match_dept, &l);
	if (rc < 0)
		return rc;
	if (!l.ok)
		return yk_errinfo_set(&c->ei, YK_ENOTFOUND, "所属が見つかりません");
	api__reply(c, status, json_pack("{s:o}", "department", dept_json(&l.found)));
	return 0;
}

API_HANDLER(depts_create)
{
	static const char *const fields[] = {"path", NULL};
	const char *path;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "path", 1, AUTH_DEPT_PATH_MAX, &path)))
		return rc;
	int64_t id = 0;
	if ((rc = auth_dept_ensure(c->db, &c->actor, path, &id, &c->ei))) {
		if (!c->ei.field[0])
			yk_errinfo_at(&c->ei, NULL, 0, "path");
		return rc;
	}
	return reply_dept(c, 201, id);
}

API_HANDLER(depts_rename)
{
	static const char *const fields[] = {"name", NULL};
	const char *name;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "name", 1, AUTH_NAME_MAX, &name)))
		return rc;
	if ((rc = auth_dept_rename(c->db, &c->actor, c->id, name, &c->ei)))
		return rc;
	return reply_dept(c, 200, c->id);
}

API_HANDLER(depts_order)
{
	static const char *const fields[] = {"display_order", NULL};
	json_t *v;
	int rc;
	if ((rc = api__only_fields(c, fields)))
		return rc;
	v = json_object_get(c->body, "display_order");
	if (!json_is_integer(v)) {
		yk_errinfo_at(&c->ei, NULL, 0, "display_order");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "表示順は整数で指定してください");
	}
	if ((rc = auth_dept_set_order(c->db, &c->actor, c->id, json_integer_value(v), &c->ei)))
		return rc;
	return reply_dept(c, 200, c->id);
}

API_HANDLER(depts_delete)
{
	int rc = auth_dept_delete(c->db, &c->actor, c->id, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}

/* ---- staff roster ------------------------------------------------------ */

static int add_staff_json(void *ctx, const struct auth_staff *s)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "id",
					     (json_int_t)s->id, "employee_no", s->employee_no, "name",
					     s->name, "department", s->department_path, "tier", s->tier,
					     "email", s->email, "left_at",
					     s->left_at ? api__iso_time(s->left_at) : json_null()));
	return 0;
}

API_HANDLER(staff_list)
{
	int64_t offset, limit, total = 0;
	int rc;
	if ((rc = api__query_int(c, "offset", 0, INT32_MAX, 0, &offset)) ||
	    (rc = api__query_int(c, "limit", 1, API_LIST_LIMIT_MAX, 50, &limit)))
		return rc;
	const char *q = http_query(c->req, "q");
	if (q && strlen(q) > 200) {
		yk_errinfo_at(&c->ei, NULL, 0, "q");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "検索語が長すぎます");
	}
	const char *all = http_query(c->req, "all");
	json_t *arr = json_array();
	if ((rc = auth_staff_query(c->db, q && *q ? q : NULL,
				   all && strcmp(all, "1") == 0 ? AUTH_STAFF_INCLUDE_LEFT : 0, offset,
				   limit, add_staff_json, arr, &total))) {
		json_decref(arr);
		return rc;
	}
	/* Current staff and those who left, apart, for the page's heading. */
	int64_t current = 0, left = 0;
	if ((rc = auth_staff_counts(c->db, q && *q ? q : NULL, &current, &left))) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)total, "current",
				     (json_int_t)current, "left", (json_int_t)left, "staff", arr));
	return 0;
}

API_HANDLER(staff_import)
{
	const char *filename = http_query(c->req, "filename");
	if (!filename || !*filename)
		filename = "roster.csv";
	if (strlen(filename) > 200) {
		yk_errinfo_at(&c->ei, NULL, 0, "filename");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "ファイル名が長すぎます");
	}
	if (!c->req->body_len)
		return yk_errinfo_set(&c->ei, YK_EPARSE, "ファイルが空です");
	struct auth_roster_result *res = yk_arena_alloc(c->req->arena, sizeof(*res));
	int rc = auth_roster_import(c->db, &c->actor, c->req->body, c->req->body_len, filename, res,
				    &c->ei);
	if (rc)
		return api__import_problems(c, rc, filename, &res->problems);
	api__reply(c, 200,
		   json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "file", filename, "rows",
			     (json_int_t)res->rows, "inserted", (json_int_t)res->inserted, "updated",
			     (json_int_t)res->updated, "unchanged", (json_int_t)res->unchanged,
			     "departments_created", (json_int_t)res->departments_created));
	return 0;
}

static const char *const sync_kind_names[] = {
	[AUTH_SYNC_NEW] = "new",
	[AUTH_SYNC_RETURNED] = "returned",
	[AUTH_SYNC_CHANGED] = "changed",
	[AUTH_SYNC_GONE] = "gone",
};

static json_t *sync_change_json(const struct auth_sync_change *ch)
{
	json_t *what = json_array();
	if (ch->what & AUTH_SYNC_DEPT)
		json_array_append_new(what, json_string("department"));
	if (ch->what & AUTH_SYNC_TIER)
		json_array_append_new(what, json_string("tier"));
	if (ch->what & AUTH_SYNC_NAME)
		json_array_append_new(what, json_string("name"));
	if (ch->what & AUTH_SYNC_EMAIL)
		json_array_append_new(what, json_string("email"));
	return json_pack("{s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:I}", "kind",
			 sync_kind_names[ch->kind], "what", what, "employee_no", ch->employee_no,
			 "name", ch->name, "department", ch->department, "tier", ch->tier, "email",
			 ch->email, "old_name", ch->old_name, "old_department", ch->old_department,
			 "old_tier", ch->old_tier, "old_email", ch->old_email, "line",
			 ch->line ? json_integer(ch->line) : json_null(), "accounts",
			 (json_int_t)ch->accounts);
}

API_HANDLER(staff_sync)
{
	const char *filename = http_query(c->req, "filename");
	const char *apply = http_query(c->req, "apply");
	const char *expect = http_query(c->req, "expect");
	if (!filename || !*filename)
		filename = "roster.csv";
	if (strlen(filename) > 200) {
		yk_errinfo_at(&c->ei, NULL, 0, "filename");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "ファイル名が長すぎます");
	}
	if (expect && strlen(expect) > AUTH_SYNC_FINGERPRINT_LEN) {
		yk_errinfo_at(&c->ei, NULL, 0, "expect");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "確認番号が正しくありません");
	}
	if (apply && strcmp(apply, "0") != 0 && strcmp(apply, "1") != 0) {
		yk_errinfo_at(&c->ei, NULL, 0, "apply");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "apply は 0 か 1 で指定してください");
	}
	if (!c->req->body_len)
		return yk_errinfo_set(&c->ei, YK_EPARSE, "ファイルが空です");
	struct auth_roster_sync *res = yk_arena_alloc(c->req->arena, sizeof(*res));
	int rc = auth_roster_sync(c->db, &c->actor, c->req->body, c->req->body_len, filename,
				  apply && strcmp(apply, "1") == 0, expect, res, &c->ei);
	if (rc) {
		auth_roster_sync_release(res);
		if (res->parse.problems.count)
			return api__import_problems(c, rc, filename, &res->parse.problems);
		return rc;
	}
	json_t *changes = json_array();
	for (size_t i = 0; i < res->nchanges; i++)
		json_array_append_new(changes, sync_change_json(&res->changes[i]));
	json_t *obj = json_pack(
		"{s:s, s:b, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "file",
		filename, "applied", res->applied, "fingerprint", res->fingerprint, "rows",
		(json_int_t)res->parse.rows, "added", (json_int_t)res->added, "returned",
		(json_int_t)res->returned, "changed", (json_int_t)res->changed, "transfers",
		(json_int_t)res->transfers, "gone", (json_int_t)res->gone, "unchanged",
		(json_int_t)res->unchanged, "departments_created",
		(json_int_t)res->departments_created, "accounts_disabled",
		(json_int_t)res->accounts_disabled, "accounts_moved", (json_int_t)res->accounts_moved,
		"changes", changes);
	auth_roster_sync_release(res);
	api__reply(c, 200, obj);
	return 0;
}

static json_t *accounts_json(const struct auth_accounts_result *res)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < res->n; i++) {
		const struct auth_account_issued *it = &res->items[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b}", "employee_no", it->employee_no,
				      "name", it->name, "department", it->department, "login",
				      it->login, "created", it->created);
		json_object_set_new(o, "one_time_password",
				    it->one_time_password[0] ? json_string(it->one_time_password)
							     : json_null());
		json_object_set_new(o, "skipped_reason",
				    it->skipped_reason[0] ? json_string(it->skipped_reason) : json_null());
		json_array_append_new(arr, o);
	}
	return json_pack("{s:I, s:I, s:o}", "created", (json_int_t)res->created, "skipped",
			 (json_int_t)res->skipped, "accounts", arr);
}

API_HANDLER(users_from_roster)
{
	static const char *const fields[] = {"employee_nos", "department", "roles", "sso_only", NULL};
	const char *dept = NULL;
	unsigned roles = 0;
	int rc;
	if ((rc = api__only_fields(c, fields)) ||
	    (rc = api__str(c, "department", 0, AUTH_DEPT_PATH_MAX, &dept)) ||
	    (rc = read_roles(c, 0, &roles)))
		return rc;
	json_t *nos = json_object_get(c->body, "employee_nos");
	json_t *sso = json_object_get(c->body, "sso_only");
	if (sso && !json_is_boolean(sso)) {
		yk_errinfo_at(&c->ei, NULL, 0, "sso_only");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "sso_only は true か false で指定してください");
	}
	size_t n = 0;
	const char **list = NULL;
	if (nos) {
		yk_errinfo_at(&c->ei, NULL, 0, "employee_nos");
		if (!json_is_array(nos) || json_array_size(nos) > AUTH_ACCOUNTS_BATCH_MAX)
			return yk_errinfo_set(&c->ei, YK_EINVAL,
					      "職員番号は %d 件までの文字列の配列で指定してください",
					      AUTH_ACCOUNTS_BATCH_MAX);
		n = json_array_size(nos);
		list = yk_arena_alloc(c->req->arena, (n ? n : 1) * sizeof(*list));
		for (size_t i = 0; i < n; i++) {
			json_t *v = json_array_get(nos, i);
			if (!json_is_string(v) || json_string_length(v) == 0 ||
			    json_string_length(v) > AUTH_EMPLOYEE_NO_MAX)
				return yk_errinfo_set(&c->ei, YK_EINVAL, "職員番号の指定が正しくありません");
			list[i] = json_string_value(v);
		}
		c->ei.field[0] = '\0';
	}
	struct auth_accounts_request req = {list, n, dept, roles, sso && json_is_true(sso)};
	struct auth_accounts_result res;
	if ((rc = auth_accounts_from_roster(c->db, &c->actor, &req, &res, &c->ei)))
		return rc;
	api__reply(c, 201, accounts_json(&res));
	auth_accounts_result_release(&res);
	return 0;
}

API_HANDLER(users_import)
{
	const char *filename = http_query(c->req, "filename");
	const char *sso = http_query(c->req, "sso_only");
	if (!filename || !*filename)
		filename = "users.csv";
	if (strlen(filename) > 200) {
		yk_errinfo_at(&c->ei, NULL, 0, "filename");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "ファイル名が長すぎます");
	}
	if (!c->req->body_len)
		return yk_errinfo_set(&c->ei, YK_EPARSE, "ファイルが空です");
	struct auth_roster_result *pr = yk_arena_alloc(c->req->arena, sizeof(*pr));
	struct auth_accounts_result res;
	int rc = auth_users_import(c->db, &c->actor, c->req->body, c->req->body_len, filename,
				   sso && strcmp(sso, "1") == 0, &res, pr, &c->ei);
	if (rc)
		return pr->problems.count ? api__import_problems(c, rc, filename, &pr->problems) : rc;
	api__reply(c, 201, accounts_json(&res));
	auth_accounts_result_release(&res);
	return 0;
}

/* ---- settings ---------------------------------------------------------- */

static json_t *settings_json(struct api_call *c)
{
	size_t n;
	const struct store_setting_def *defs = store_setting_defs(&n);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct store_setting_def *d = &defs[i];
		char value[STORE_SETTING_MAX_VALUE];
		if (store_setting_get(c->db, d->key, value, sizeof(value)) != 0)
			continue;
		int secret = d->type == STORE_SETTING_SECRET;
		/* A secret is never shown back: only whether it is set. */
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "key", d->key, "type",
				      store_setting_type_name(d->type), "value", secret ? "" : value,
				      "default", secret ? "" : d->default_value, "label", d->label,
				      "help", d->help, "from_env", store_setting_from_env(d->key));
		if (secret)
			json_object_set_new(o, "is_set", json_boolean(value[0] != '\0'));
		int ranged = d->type == STORE_SETTING_INT || d->type == STORE_SETTING_DECIMAL;
		json_object_set_new(o, "min", ranged ? json_integer(d->min) : json_null());
		json_object_set_new(o, "max", ranged ? json_integer(d->max) : json_null());
		size_t nc;
		const struct store_setting_choice *ch = store_setting_choices(d->key, &nc);
		if (d->type == STORE_SETTING_ENUM) {
			json_t *choices = json_array();
			for (size_t k = 0; k < nc; k++)
				json_array_append_new(choices, json_pack("{s:s, s:s}", "value",
									 ch[k].value, "label",
									 ch[k].label));
			json_object_set_new(o, "choices", choices);
		}
		json_array_append_new(arr, o);
	}
	return json_pack("{s:o}", "settings", arr);
}

API_HANDLER(settings_get)
{
	api__reply(c, 200, settings_json(c));
	return 0;
}

/* Turns a JSON value of the right kind into the setting's text form and
 * checks it against the definition (the store checks it again on write). */
static int setting_text(struct api_call *c, const struct store_setting_def *d, json_t *v,
			char *out, size_t outsz)
{
	yk_errinfo_at(&c->ei, NULL, 0, d->key);
	if (json_is_string(v)) {
		if (json_string_length(v) >= outsz)
			return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」が長すぎます", d->label);
		yk_strlcpy(out, json_string_value(v), outsz);
	} else if (json_is_integer(v) &&
		   (d->type == STORE_SETTING_INT || d->type == STORE_SETTING_BOOL ||
		    d->type == STORE_SETTING_DECIMAL)) {
		snprintf(out, outsz, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v) && d->type == STORE_SETTING_DECIMAL) {
		snprintf(out, outsz, "%.6g", json_real_value(v));
	} else if (json_is_boolean(v) && d->type == STORE_SETTING_BOOL) {
		snprintf(out, outsz, "%d", json_is_true(v) ? 1 : 0);
	} else {
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」の値の種類が正しくありません", d->label);
	}
	return store_setting_validate(d, out, &c->ei);
}

/* How a value is written in the audit log: a secret only as 変更あり /
 * 未設定, an ENUM with its Japanese label, anything long cut at a UTF-8
 * boundary so that a save of many settings fits AUDIT_DETAIL_MAX. */
#define SETTING_AUDIT_VALUE_MAX 160
static json_t *setting_audit_value(const struct store_setting_def *d, const char *value)
{
	if (d->type == STORE_SETTING_SECRET)
		return json_string(value[0] ? "変更あり" : "未設定");
	const char *label = store_setting_choice_label(d->key, value);
	if (label)
		return json_sprintf("%s（%s）", label, value);
	size_t len = strlen(value);
	if (len <= SETTING_AUDIT_VALUE_MAX)
		return json_string(value);
	size_t cut = SETTING_AUDIT_VALUE_MAX;
	while (cut > 0 && ((unsigned char)value[cut] & 0xC0) == 0x80)
		cut--;
	return json_sprintf("%.*s…", (int)cut, value);
}

API_HANDLER(settings_put)
{
	if (!c->body || json_object_size(c->body) == 0)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "変更する設定がありません");
	const char *key;
	json_t *v;
	int rc = 0;
	/* Validate everything first, then write all in one transaction. */
	json_object_foreach(c->body, key, v) {
		const struct store_setting_def *d = store_setting_find(key);
		char text[STORE_SETTING_MAX_VALUE];
		if (!d) {
			yk_errinfo_at(&c->ei, NULL, 0, key);
			return yk_errinfo_set(&c->ei, YK_EINVAL, "不明な設定「%s」です", key);
		}
		if ((rc = setting_text(c, d, v, text, sizeof(text))))
			return rc;
	}
	if ((rc = store_begin(c->db, &c->ei)))
		return rc;
	json_t *changes = json_array();
	size_t detail_len = 16;
	json_object_foreach(c->body, key, v) {
		const struct store_setting_def *d = store_setting_find(key);
		char text[STORE_SETTING_MAX_VALUE], old[STORE_SETTING_MAX_VALUE];
		if ((rc = setting_text(c, d, v, text, sizeof(text))))
			goto fail;
		if (store_setting_get(c->db, key, old, sizeof(old)) != 0)
			old[0] = '\0';
		if ((rc = store_setting_set(c->db, key, text, c->actor.user_id, &c->ei)))
			goto fail;
		/* A secret typed again with the same value still counts as changed:
		 * comparing would tell the admin whether a guess was right. */
		if (d->type != STORE_SETTING_SECRET && strcmp(old, text) == 0)
			continue;
		json_t *row = json_pack("{s:s, s:s, s:o, s:o}", "key", key, "label", d->label, "old",
					setting_audit_value(d, old), "new",
					setting_audit_value(d, text));
		/* Past the audit detail limit, later rows keep only which setting
		 * changed (a save of every setting at once). */
		size_t row_len = 0;
		char *dump = json_dumps(row, JSON_COMPACT);
		row_len = dump ? strlen(dump) : 0;
		free(dump);
		if (detail_len + row_len + 64 > AUDIT_DETAIL_MAX) {
			json_object_del(row, "old");
			json_object_del(row, "new");
			row_len = strlen(key) + strlen(d->label) + 32;
		}
		detail_len += row_len + 1;
		json_array_append_new(changes, row);
	}
	if (json_array_size(changes) > 0) {
		json_t *dobj = json_pack("{s:o}", "changes", changes);
		changes = NULL;
		rc = audit_record_json(c->db, &c->actor, "settings.update", NULL, dobj, &c->ei);
		if (rc)
			goto fail;
	}
	if ((rc = store_commit(c->db, &c->ei)))
		goto fail;
	json_decref(changes);
	api__reply(c, 200, settings_json(c));
	return 0;
fail:
	json_decref(changes);
	store_rollback(c->db);
	return rc;
}

/* ---- LLM connection test ------------------------------------------------ */

/* The connection test of the 設定 page: with the saved settings, list the
 * models and send one tiny chat, and report the time and the exact error
 * (the Japanese sentence and, for the admin, the server's own words). A
 * connection test is not usage: nothing goes to llm_usage. The whole test
 * is capped at API_LLM_TEST_MS so that the page never hangs. */
#define API_LLM_TEST_MS 20000L

API_HANDLER(settings_llm_test)
{
	struct llm_config cfg;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = llm_config_from_settings(c->db, &cfg, &ei);
	if (rc == YK_ENOTCONFIGURED) {
		yk_errinfo_at(&c->ei, NULL, 0, "llm_url");
		return yk_errinfo_set(&c->ei, YK_EINVAL,
				      "生成AIサーバーの URL が未設定です。「生成AI」の区分で設定して保存してから試してください");
	}
	if (rc) {
		c->ei = ei;
		return rc;
	}
	if (cfg.total_timeout_ms > API_LLM_TEST_MS)
		cfg.total_timeout_ms = API_LLM_TEST_MS;
	if (cfg.connect_timeout_ms > API_LLM_TEST_MS / 2)
		cfg.connect_timeout_ms = API_LLM_TEST_MS / 2;
	cfg.max_retries = 0;
	cfg.max_tokens = 8;
	int64_t t0 = yk_now_ms();
	json_t *out = json_object();

	char **ids = NULL;
	size_t n = 0;
	yk_errinfo_clear(&ei);
	if (llm_models(&cfg, &ids, &n, &ei) == 0) {
		json_t *models = json_array();
		for (size_t i = 0; i < n && i < 50; i++)
			json_array_append_new(models, json_string(ids[i]));
		json_object_set_new(out, "models", models);
		llm_models_free(ids, n);
	} else {
		json_object_set_new(out, "models", json_array());
		json_object_set_new(out, "models_error", json_string(ei.message));
	}

	const struct llm_message msg = {"user", "「はい」とだけ答えてください。"};
	struct llm_chat_request req = {&msg, 1, 0, NULL, NULL, NULL};
	struct llm_chat_result res;
	yk_errinfo_clear(&ei);
	rc = llm_chat(&cfg, &req, &res, &ei);
	json_object_set_new(out, "ok", json_boolean(rc == 0));
	if (rc == 0) {
		size_t len = res.content_len > 200 ? 200 : res.content_len;
		while (len > 0 && len < res.content_len &&
		       ((unsigned char)res.content[len] & 0xC0) == 0x80)
			len--;
		json_t *reply = json_stringn(res.content, len); /* NULL if not UTF-8 */
		json_object_set_new(out, "reply", reply ? reply : json_string("（表示できない応答）"));
	} else {
		const char *upstream = res.upstream_message;
		char err[sizeof(ei.message) + sizeof(res.upstream_message) + 64];
		if (upstream[0] && yk_utf8_valid(upstream, strlen(upstream), NULL))
			snprintf(err, sizeof(err), "%s（サーバーの応答: %s）", ei.message, upstream);
		else
			snprintf(err, sizeof(err), "%s", ei.message);
		json_object_set_new(out, "error", json_string(err));
		json_object_set_new(out, "code", json_string(yk_err_code(rc)));
		if (res.http_status)
			json_object_set_new(out, "http_status", json_integer(res.http_status));
	}
	llm_chat_result_release(&res);
	json_object_set_new(out, "elapsed_ms", json_integer(yk_now_ms() - t0));
	api__reply(c, 200, out);
	return 0;
}

/* ---- audit log --------------------------------------------------------- */

struct audit_page {
	json_t *arr;
	int64_t last_id;
	int64_t count;
};

static int add_audit_json(void *ctx, const struct audit_entry *e)
{
	struct audit_page *p = ctx;
	json_t *detail = NULL;
	if (e->detail[0])
		detail = json_loads(e->detail, 0, NULL);
	json_array_append_new(p->arr,
			      json_pack("{s:I, s:o, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)e->id,
					"at", api__iso_time(e->at), "actor", e->actor, "action",
					e->action, "target", e->target, "detail",
					detail ? detail : json_object(), "ip", e->address));
	/* The Japanese label from src/audit/actions.def; null when unlisted. */
	json_object_set_new(json_array_get(p->arr, json_array_size(p->arr) - 1), "action_label",
			    audit_action_label(e->action) ? json_string(audit_action_label(e->action))
							  : json_null());
	p->last_id = e->id;
	p->count++;
	return 0;
}

API_HANDLER(audit_list)
{
	int64_t before, limit;
	int rc;
	if ((rc = api__query_int(c, "before", 0, INT64_MAX, 0, &before)) ||
	    (rc = api__query_int(c, "limit", 1, API_LIST_LIMIT_MAX, 100, &limit)))
		return rc;
	const char *action = http_query(c->req, "action");
	if (action && strlen(action) > AUDIT_ACTION_MAX) {
		yk_errinfo_at(&c->ei, NULL, 0, "action");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "操作の指定が長すぎます");
	}
	struct audit_page page = {json_array(), 0, 0};
	if ((rc = audit_list(c->db, action && *action ? action : NULL, before, limit,
			     add_audit_json, &page))) {
		json_decref(page.arr);
		return rc;
	}
	json_t *next = page.count == limit && page.last_id > 1 ? json_integer(page.last_id) : json_null();
	/* Every action with its label, for the page's filter (one table). */
	json_t *actions = json_array();
	const char *code, *label;
	for (size_t i = 0; audit_action_at(i, &code, &label); i++)
		json_array_append_new(actions, json_pack("{s:s, s:s}", "code", code, "label", label));
	api__reply(c, 200, json_pack("{s:o, s:o, s:o}", "entries", page.arr, "next_before", next,
				     "actions", actions));
	return 0;
}

/* Parses "2026-11-23" as a UTC day start; empty = 0 (open). */
static int query_date(struct api_call *c, const char *name, int64_t *out)
{
	const char *v = http_query(c->req, name);
	*out = 0;
	if (!v || !*v)
		return 0;
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	const char *end = strptime(v, "%Y-%m-%d", &tm);
	if (!end || *end) {
		yk_errinfo_at(&c->ei, NULL, 0, name);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "日付は YYYY-MM-DD の形で指定してください");
	}
	*out = (int64_t)timegm(&tm);
	return 0;
}

API_HANDLER(audit_csv)
{
	int64_t from, to;
	int rc;
	if ((rc = query_date(c, "from", &from)) || (rc = query_date(c, "to", &to)))
		return rc;
	/* The export is itself audited, before the data leaves. */
	if ((rc = audit_record(c->db, &c->actor, "audit.export", NULL, NULL, NULL)))
		return rc;
	yk_buf_reset(&c->resp->body);
	if ((rc = audit_export_csv(c->db, from, to, &c->resp->body)))
		return rc;
	c->resp->status = 200;
	c->resp->content_type = "text/csv; charset=utf-8";
	http_response_header(c->resp, "Content-Disposition",
			     "attachment; filename=\"audit-log.csv\"");
	return 0;
}
