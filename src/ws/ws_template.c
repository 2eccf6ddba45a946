/* ws/template: prompt templates — the {{variable}} renderer (pure), the
 * definition checks, the seed from data/seed/templates.json and the
 * ws_templates table (shared templates managed by editors, personal ones
 * by their owner). See ws.h. */
#include <string.h>

#include "core/embed.h"
#include "ws_int.h"
#include "core/banned.h"

#define WS_SEED_FILE "templates.json"
#define WS_NAMES_MSG_MAX 512 /* bytes of the list of names in an error message */

/* A code point allowed in a variable name besides ASCII [a-z0-9_]:
 * Japanese letters (hiragana, katakana with ・ and ー, kanji with 々,
 * full-width letters and digits, half-width katakana), so that a city can
 * write {{項目名}} or {{申請者の氏名}}. No punctuation, spaces or braces. */
static int var_cp_japanese(uint32_t c)
{
	return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF) || c == 0x3005 ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF10 && c <= 0xFF19) ||
	       (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
	       (c >= 0xFF66 && c <= 0xFF9F);
}

/* A variable name: 1..WS_VAR_NAME_CHARS code points and at most
 * WS_VAR_NAME_MAX bytes of valid UTF-8, each ASCII [a-z0-9_] or
 * var_cp_japanese; not starting with an ASCII digit or _. Pure over
 * (s, n); does not rely on NUL termination. */
static int var_name_ok(const char *s, size_t n)
{
	if (n == 0 || n > WS_VAR_NAME_MAX || !yk_utf8_valid(s, n, NULL))
		return 0;
	size_t chars = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c = 0;
		size_t step = yk_utf8_decode(s + i, n - i, &c);
		if (step == 0)
			return 0;
		int ascii_ok = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '_'));
		if (!ascii_ok && !var_cp_japanese(c))
			return 0;
		i += step;
		if (++chars > WS_VAR_NAME_CHARS)
			return 0;
	}
	return 1;
}

int ws__vars_parse(const json_t *variables, struct ws__var *vars, size_t *n,
		   struct yk_errinfo *ei)
{
	*n = 0;
	yk_errinfo_at(ei, NULL, 0, "variables");
	if (!variables)
		return 0;
	if (!json_is_array(variables))
		return yk_errinfo_set(ei, YK_EINVAL, "「variables」は配列で指定してください");
	if (json_array_size(variables) > WS_TEMPLATE_VARS_MAX)
		return yk_errinfo_set(ei, YK_EINVAL, "差し込み項目は %d 個までです",
				      WS_TEMPLATE_VARS_MAX);
	size_t i;
	const json_t *v;
	json_array_foreach(variables, i, v) {
		const json_t *name = json_object_get(v, "name");
		const json_t *label = json_object_get(v, "label");
		if (!json_is_object(v) || !json_is_string(name) ||
		    !var_name_ok(json_string_value(name), json_string_length(name)))
			return yk_errinfo_set(ei, YK_EINVAL,
					      "差し込み項目 %zu 番目の name は日本語（漢字・かな）か英小文字・"
					      "数字・_ で、%d 文字まで（数字・_ では始められません）にしてください",
					      i + 1, WS_VAR_NAME_CHARS);
		if (label && (!json_is_string(label) || json_string_length(label) > WS_VAR_LABEL_MAX))
			return yk_errinfo_set(ei, YK_EINVAL, "差し込み項目「%s」の label が正しくありません",
					      json_string_value(name));
		for (size_t k = 0; k < i; k++)
			if (strcmp(vars[k].name, json_string_value(name)) == 0)
				return yk_errinfo_set(ei, YK_EINVAL, "差し込み項目「%s」が重複しています",
						      vars[k].name);
		vars[i].name = json_string_value(name);
		vars[i].label = label ? json_string_value(label) : vars[i].name;
		vars[i].multiline = json_is_true(json_object_get(v, "multiline"));
		vars[i].required = json_is_true(json_object_get(v, "required"));
	}
	*n = json_array_size(variables);
	yk_errinfo_at(ei, NULL, 0, "");
	return 0;
}

static const struct ws__var *var_find(const struct ws__var *vars, size_t n, const char *name,
				      size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(vars[i].name) == len && memcmp(vars[i].name, name, len) == 0)
			return &vars[i];
	return NULL;
}

/* Appends "、name" to a list of names for an error message (cut politely). */
static void names_add(char *list, size_t sz, const char *name, size_t len)
{
	size_t have = strlen(list);
	if (have + len + 8 >= sz)
		return;
	if (have)
		memcpy(list + have, "、", 3), have += 3;
	memcpy(list + have, name, len);
	list[have + len] = '\0';
}

/* Walks body's placeholders: calls fn for literal text and for each
 * {{name}}. An unterminated "{{" or a malformed name is an error. */
struct walk {
	const struct ws__var *vars;
	size_t nvars;
	const json_t *values;
	struct yk_buf *out;     /* NULL: check only */
	char undeclared[WS_NAMES_MSG_MAX];
};

static int walk_body(const char *body, size_t len, struct walk *w, struct yk_errinfo *ei)
{
	size_t i = 0, lit = 0;
	int rc;
	while (i + 1 < len) {
		if (body[i] != '{' || body[i + 1] != '{') {
			i++;
			continue;
		}
		const char *end = NULL;
		for (size_t k = i + 2; k + 1 < len; k++)
			if (body[k] == '}' && body[k + 1] == '}') {
				end = body + k;
				break;
			}
		const char *name = body + i + 2;
		size_t nlen = end ? (size_t)(end - name) : 0;
		if (!end || !var_name_ok(name, nlen)) {
			yk_errinfo_at(ei, NULL, 0, "body");
			return yk_errinfo_set(ei, YK_EINVAL,
					      "本文の差し込み位置 {{…}} が正しくありません（%zu バイト目）。"
					      "{{項目名}} や {{text}} のように、日本語（漢字・かな）か英小文字の"
					      "名前を二重の波かっこで囲んでください",
					      i + 1);
		}
		if (w->out && (rc = yk_buf_add(w->out, body + lit, i - lit)))
			return rc;
		const struct ws__var *v = var_find(w->vars, w->nvars, name, nlen);
		if (!v) {
			names_add(w->undeclared, sizeof(w->undeclared), name, nlen);
		} else if (w->out) {
			const json_t *val = json_object_get(w->values, v->name);
			if (val && (rc = yk_buf_add(w->out, json_string_value(val),
						    json_string_length(val))))
				return rc;
		}
		i = (size_t)(end - body) + 2;
		lit = i;
	}
	if (w->out && (rc = yk_buf_add(w->out, body + lit, len - lit)))
		return rc;
	if (w->undeclared[0]) {
		yk_errinfo_at(ei, NULL, 0, "body");
		return yk_errinfo_set(ei, YK_EINVAL, "本文に定義されていない差し込み項目があります: %s",
				      w->undeclared);
	}
	return 0;
}

int ws_template_check(const char *body, size_t len, const json_t *variables,
		      struct yk_errinfo *ei)
{
	struct ws__var vars[WS_TEMPLATE_VARS_MAX];
	size_t n;
	int rc = ws__vars_parse(variables, vars, &n, ei);
	if (rc)
		return rc;
	if (!yk_utf8_valid(body, len, NULL))
		return yk_errinfo_set(ei, YK_EUTF8, "本文の文字コードが正しくありません");
	struct walk w = {vars, n, NULL, NULL, ""};
	return walk_body(body, len, &w, ei);
}

int ws_template_render(const char *body, size_t len, const json_t *variables,
		       const json_t *values, struct yk_buf *out, struct yk_errinfo *ei)
{
	struct ws__var vars[WS_TEMPLATE_VARS_MAX];
	size_t n;
	int rc = ws__vars_parse(variables, vars, &n, ei);
	if (rc)
		return rc;
	yk_errinfo_at(ei, NULL, 0, "vars");
	if (values && !json_is_object(values))
		return yk_errinfo_set(ei, YK_EINVAL, "「vars」はオブジェクトで指定してください");
	char unknown[WS_NAMES_MSG_MAX] = "", missing[WS_NAMES_MSG_MAX] = "",
	     bad[WS_NAMES_MSG_MAX] = "";
	const char *key;
	const json_t *val;
	json_object_foreach((json_t *)values, key, val) {
		if (!var_find(vars, n, key, strlen(key)))
			names_add(unknown, sizeof(unknown), key, strlen(key));
		else if (!json_is_string(val) || json_string_length(val) > WS_VAR_VALUE_MAX ||
			 !yk_utf8_valid(json_string_value(val), json_string_length(val), NULL))
			names_add(bad, sizeof(bad), key, strlen(key));
	}
	for (size_t i = 0; i < n; i++) {
		const json_t *v = json_object_get(values, vars[i].name);
		int blank = 1;
		if (json_is_string(v))
			for (const char *p = json_string_value(v); *p && blank; p++)
				blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
		if (vars[i].required && blank)
			names_add(missing, sizeof(missing), vars[i].label, strlen(vars[i].label));
	}
	if (unknown[0])
		return yk_errinfo_set(ei, YK_EINVAL, "テンプレートにない差し込み項目が指定されています: %s",
				      unknown);
	if (bad[0])
		return yk_errinfo_set(ei, YK_EINVAL,
				      "差し込み項目の値は %d バイトまでの文字列で指定してください: %s",
				      WS_VAR_VALUE_MAX, bad);
	if (missing[0])
		return yk_errinfo_set(ei, YK_EINVAL, "必須の差し込み項目が入力されていません: %s",
				      missing);
	if (!yk_utf8_valid(body, len, NULL))
		return yk_errinfo_set(ei, YK_EUTF8, "本文の文字コードが正しくありません");
	struct walk w = {vars, n, values, out, ""};
	return walk_body(body, len, &w, ei);
}

/* ---- storage --------------------------------------------------------------- */

static int is_editor(const struct ws_user *who)
{
	return (who->roles & (AUTH_ROLE_ADMIN | AUTH_ROLE_EDITOR)) != 0;
}

static int insert_template(struct store *db, int64_t owner, const char *name, const char *category,
			   const char *description, const char *body, const json_t *variables,
			   int64_t *id, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "INSERT INTO ws_templates(owner_id, name, category, description, body,"
			       " variables, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			       &st, ei);
	if (rc)
		return rc;
	char *vars = variables ? json_dumps(variables, JSON_COMPACT) : NULL;
	int64_t now = yk_now_unix();
	if (owner > 0)
		sqlite3_bind_int64(st, 1, owner);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, category ? category : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, description ? description : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, vars ? vars : "[]", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, now);
	sqlite3_bind_int64(st, 8, now);
	int s = sqlite3_step(st);
	free(vars);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	if (id)
		*id = sqlite3_last_insert_rowid(store_handle(db));
	return 0;
}

int ws_templates_seed(struct store *db, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT templates_seeded FROM ws_state WHERE id = 1", &st, ei);
	if (rc)
		return rc;
	int seeded = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	if (seeded)
		return 0;
	const struct yk_embedded_file *f = yk_seed;
	while (f->name && strcmp(f->name, WS_SEED_FILE) != 0)
		f++;
	json_t *all = NULL;
	if (f->name) {
		json_error_t jerr;
		all = json_loadb((const char *)f->data, f->len, 0, &jerr);
		if (!json_is_array(all)) {
			json_decref(all);
			return yk_errinfo_set(ei, YK_EPARSE, "%s:%d: %s", WS_SEED_FILE, jerr.line,
					      jerr.text);
		}
	}
	if ((rc = store_begin(db, ei))) {
		json_decref(all);
		return rc;
	}
	/* Re-check inside the transaction: another thread may have seeded. */
	if ((rc = store_prepare(db, "SELECT templates_seeded FROM ws_state WHERE id = 1", &st, ei)))
		goto fail;
	seeded = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	if (!seeded) {
		size_t i;
		json_t *t;
		json_array_foreach(all, i, t) {
			const char *body = json_string_value(json_object_get(t, "body"));
			const char *name = json_string_value(json_object_get(t, "name"));
			const json_t *vars = json_object_get(t, "variables");
			if (!body || !name) {
				rc = yk_errinfo_set(ei, YK_EPARSE, "%s: template %zu has no name or body",
						    WS_SEED_FILE, i + 1);
				goto fail;
			}
			if ((rc = ws_template_check(body, strlen(body), vars, ei)))
				goto fail;
			if ((rc = insert_template(db, 0, name,
						  json_string_value(json_object_get(t, "category")),
						  json_string_value(json_object_get(t, "description")),
						  body, vars, NULL, ei)))
				goto fail;
		}
		if ((rc = store_exec(db, "UPDATE ws_state SET templates_seeded = 1 WHERE id = 1", ei)))
			goto fail;
	}
	json_decref(all);
	return store_commit(db, ei);
fail:
	store_rollback(db);
	json_decref(all);
	return rc;
}

#define TEMPLATE_COLUMNS \
	"SELECT id, owner_id, name, category, description, body, variables, usage_count," \
	" updated_at FROM ws_templates "

static json_t *template_row(sqlite3_stmt *st)
{
	json_error_t jerr;
	const char *vars = (const char *)sqlite3_column_text(st, 6);
	json_t *v = vars ? json_loads(vars, 0, &jerr) : NULL;
	char when[32];
	yk_time_iso(sqlite3_column_int64(st, 8), when, sizeof(when));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:b, s:I, s:s}", "id",
			 (json_int_t)sqlite3_column_int64(st, 0), "name",
			 (const char *)sqlite3_column_text(st, 2), "category",
			 (const char *)sqlite3_column_text(st, 3), "description",
			 (const char *)sqlite3_column_text(st, 4), "body",
			 (const char *)sqlite3_column_text(st, 5), "variables",
			 v ? v : json_array(), "shared", sqlite3_column_type(st, 1) == SQLITE_NULL,
			 "usage_count", (json_int_t)sqlite3_column_int64(st, 7), "updated_at", when);
}

int ws_templates_list(struct store *db, const struct ws_user *who, json_t **out,
		      struct yk_errinfo *ei)
{
	*out = NULL;
	int rc = ws_templates_seed(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db, TEMPLATE_COLUMNS
				"WHERE owner_id IS NULL OR owner_id = ? ORDER BY owner_id IS NOT NULL,"
				" category, name, id",
				&st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, who->user_id);
	json_t *arr = json_array();
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(arr, template_row(st));
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		json_decref(arr);
		return store_err(db, s, ei);
	}
	*out = json_pack("{s:o}", "templates", arr);
	return 0;
}

/* Reads template id when who may see it; *shared tells its kind. */
static int template_read(struct store *db, const struct ws_user *who, int64_t id, json_t **out,
			 int *shared, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, TEMPLATE_COLUMNS "WHERE id = ? AND (owner_id IS NULL OR owner_id = ?)",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, who->user_id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		if (shared)
			*shared = sqlite3_column_type(st, 1) == SQLITE_NULL;
		if (out)
			*out = template_row(st);
	} else if (s == SQLITE_DONE) {
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "テンプレートが見つかりません");
	} else {
		rc = store_err(db, s, ei);
	}
	sqlite3_finalize(st);
	return rc;
}

int ws_template_get(struct store *db, const struct ws_user *who, int64_t id, json_t **out,
		    struct yk_errinfo *ei)
{
	*out = NULL;
	int rc = ws_templates_seed(db, ei);
	return rc ? rc : template_read(db, who, id, out, NULL, ei);
}

int ws__template_used(struct store *db, int64_t id)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "UPDATE ws_templates SET usage_count = usage_count + 1 WHERE id = ?",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : store_err(db, s, NULL);
}

/* A string field of spec within max bytes (required: non-empty). */
static int spec_str(const json_t *spec, const char *field, int required, size_t max,
		    const char **out, struct yk_errinfo *ei)
{
	const json_t *v = json_object_get(spec, field);
	*out = "";
	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
	} else if (json_is_string(v) && json_string_length(v) <= max &&
		   (!required || json_string_length(v) > 0) &&
		   yk_utf8_valid(json_string_value(v), json_string_length(v), NULL)) {
		*out = json_string_value(v);
		return 0;
	}
	yk_errinfo_at(ei, NULL, 0, field);
	return yk_errinfo_set(ei, YK_EINVAL, "「%s」は %zu バイトまでの文字列で%s指定してください",
			      field, max, required ? "必ず" : "");
}

static int count_personal(struct store *db, int64_t owner, int64_t *n, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT count(*) FROM ws_templates WHERE owner_id = ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, owner);
	*n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return 0;
}

void ws__actor(const struct ws_user *who, struct audit_actor *a)
{
	a->user_id = who->user_id;
	a->login = who->login ? who->login : (who->user_id ? "?" : "cli");
	a->address = who->ip;
}

static int audit_template(struct store *db, const struct ws_user *who, const char *action,
			  int64_t id, const char *name, struct yk_errinfo *ei)
{
	struct audit_actor a;
	ws__actor(who, &a);
	char target[32];
	snprintf(target, sizeof(target), "template:%lld", (long long)id);
	json_t *d = json_pack("{s:s}", "name", name ? name : "");
	char *detail = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	int rc = audit_record(db, &a, action, target, detail, NULL);
	free(detail);
	if (rc)
		return yk_errinfo_set(ei, rc, "audit log write failed");
	return 0;
}

int ws_template_save(struct store *db, const struct ws_user *who, int64_t id, const json_t *spec,
		     int64_t *id_out, struct yk_errinfo *ei)
{
	const char *name, *category, *description, *body;
	int rc;
	if (id_out)
		*id_out = 0;
	if (!json_is_object(spec))
		return yk_errinfo_set(ei, YK_EINVAL, "テンプレートはオブジェクトで指定してください");
	if ((rc = spec_str(spec, "name", 1, WS_TEMPLATE_NAME_MAX, &name, ei)) ||
	    (rc = spec_str(spec, "category", 0, WS_TEMPLATE_CATEGORY_MAX, &category, ei)) ||
	    (rc = spec_str(spec, "description", 0, WS_TEMPLATE_DESCRIPTION_MAX, &description, ei)) ||
	    (rc = spec_str(spec, "body", 1, WS_TEMPLATE_BODY_MAX, &body, ei)))
		return rc;
	const json_t *vars = json_object_get(spec, "variables");
	if ((rc = ws_template_check(body, strlen(body), vars, ei)))
		return rc;
	const json_t *sh = json_object_get(spec, "shared");
	if (sh && !json_is_boolean(sh)) {
		yk_errinfo_at(ei, NULL, 0, "shared");
		return yk_errinfo_set(ei, YK_EINVAL, "「shared」は true か false で指定してください");
	}
	if ((rc = ws_templates_seed(db, ei)))
		return rc;
	int shared = json_is_true(sh);
	if (id > 0) {
		int was_shared = 0;
		if ((rc = template_read(db, who, id, NULL, &was_shared, ei)))
			return rc;
		if (sh && shared != was_shared) {
			yk_errinfo_at(ei, NULL, 0, "shared");
			return yk_errinfo_set(ei, YK_EINVAL, "共有と個人の区分は変更できません");
		}
		shared = was_shared;
	}
	if (shared && !is_editor(who))
		return yk_errinfo_set(ei, YK_EFORBIDDEN,
				      "共有テンプレートの変更は編集者または管理者だけができます");
	if (!shared && who->user_id <= 0)
		return yk_errinfo_set(ei, YK_EINVAL, "個人のテンプレートにはログインが必要です");
	if (id == 0) {
		int64_t n = 0;
		if (!shared && (rc = count_personal(db, who->user_id, &n, ei)))
			return rc;
		if (n >= WS_PERSONAL_TEMPLATES_MAX)
			return yk_errinfo_set(ei, YK_ELIMIT, "個人のテンプレートは %d 件までです",
					      WS_PERSONAL_TEMPLATES_MAX);
		int64_t new_id = 0;
		if ((rc = insert_template(db, shared ? 0 : who->user_id, name, category, description,
					  body, vars, &new_id, ei)))
			return rc;
		if (id_out)
			*id_out = new_id;
		return shared ? audit_template(db, who, "ws.template.create", new_id, name, ei) : 0;
	}
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"UPDATE ws_templates SET name = ?, category = ?, description = ?, body = ?,"
				" variables = ?, updated_at = ? WHERE id = ?",
				&st, ei)))
		return rc;
	char *vtext = vars ? json_dumps(vars, JSON_COMPACT) : NULL;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, category, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, description, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, vtext ? vtext : "[]", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, yk_now_unix());
	sqlite3_bind_int64(st, 7, id);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	free(vtext);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	if (id_out)
		*id_out = id;
	return shared ? audit_template(db, who, "ws.template.update", id, name, ei) : 0;
}

int ws_template_delete(struct store *db, const struct ws_user *who, int64_t id,
		       struct yk_errinfo *ei)
{
	int shared = 0;
	json_t *t = NULL;
	int rc = template_read(db, who, id, &t, &shared, ei);
	if (rc)
		return rc;
	if (shared && !is_editor(who)) {
		json_decref(t);
		return yk_errinfo_set(ei, YK_EFORBIDDEN,
				      "共有テンプレートの削除は編集者または管理者だけができます");
	}
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db, "DELETE FROM ws_templates WHERE id = ?", &st, ei))) {
		json_decref(t);
		return rc;
	}
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		rc = store_err(db, s, ei);
	else if (shared)
		rc = audit_template(db, who, "ws.template.delete", id,
				    json_string_value(json_object_get(t, "name")), ei);
	json_decref(t);
	return rc;
}
