/* api: route matching, caller resolution (session cookie or SSO header),
 * role / password-change / CSRF checks, JSON body parsing within limits,
 * error mapping. The handlers live in api_session.c and api_admin.c. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "pii/pii.h"
#include "qa/qa.h"
#include "survey/survey.h"
#include "wellbeing/wellbeing.h"
#include "text/text.h"
#include "ws/ws.h"
#include "core/banned.h"

/* ---- route table ------------------------------------------------------- */

typedef int (*api_handler_fn)(struct api_call *c);

static const struct api_route_info route_infos[] = {
#define ROUTE(method, path, roles, handler, flags, limit, summary) \
	{#method, path, roles, (roles) == 0, flags, (limit) > 0 ? (limit) : API_BODY_MAX, summary},
#include "routes.def"
#undef ROUTE
};

/* Same order as route_infos. */
static const api_handler_fn route_handlers[] = {
#define ROUTE(method, path, roles, handler, flags, limit, summary) api_h_##handler,
#include "routes.def"
#undef ROUTE
};

const struct api_route_info *api_routes(size_t *n)
{
	*n = YK_ARRAY_LEN(route_infos);
	return route_infos;
}

/* Matches a path against a pattern with {id} segments (positive integer). */
static int path_match(const char *pattern, const char *path, int64_t *id)
{
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{' && strncmp(p, "{id}", 4) == 0) { /* no call per character */
			const char *start = s;
			while (*s && *s != '/')
				s++;
			if (yk_parse_i64(start, (size_t)(s - start), 1, INT64_MAX, id) != 0)
				return 0;
			p += 4;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

/* Finds the route for method+path. *path_known tells whether some route
 * has this path with another method (405 rather than 404). */
static const struct api_route_info *route_find(const char *method, const char *path, int64_t *id,
					       int *path_known, api_handler_fn *fn)
{
	*path_known = 0;
	for (size_t i = 0; i < YK_ARRAY_LEN(route_infos); i++) {
		int64_t tmp = 0;
		if (!path_match(route_infos[i].path, path, &tmp))
			continue;
		*path_known = 1;
		if (strcmp(route_infos[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(route_infos[i].method, "GET") == 0)) {
			*id = tmp;
			if (fn)
				*fn = route_handlers[i];
			return &route_infos[i];
		}
	}
	return NULL;
}

size_t api_body_limit(void *ctx, const char *method, const char *path)
{
	(void)ctx;
	int64_t id;
	int known;
	const struct api_route_info *r = route_find(method, path, &id, &known, NULL);
	if (!r)
		return HTTP_BODY_NO_ROUTE; /* 404/405 at once, before any body */
	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		return 0;
	return r->body_limit;
}

/* ---- lifecycle --------------------------------------------------------- */

int api_new(const char *db_path, const char *dicdir, struct api **out, struct yk_errinfo *ei)
{
	*out = NULL;
	struct api *api = yk_xcalloc(1, sizeof(*api));
	int rc = store_pool_new(db_path, &api->pool, ei);
	if (rc) {
		free(api);
		return rc;
	}
	api->started_at = yk_now_unix();
	api->dicdir = dicdir ? yk_xstrdup(dicdir) : NULL;
	pthread_mutex_init(&api->guard_mu, NULL);
	pthread_mutex_init(&api->qa_mu, NULL);
	pthread_mutex_init(&api->ws_mu, NULL);
	api->public_rate = http_ratelimit_new(API_PUBLIC_RATE_PER_MIN, API_PUBLIC_RATE_BURST, 0);
	api->wb_rate = wb_rate_new();
	ws_purge_at_start(db_path);
	*out = api;
	return 0;
}

void api_free(struct api *api)
{
	if (!api)
		return;
	store_pool_free(api->pool);
	qa_free(api->qa);
	pthread_mutex_destroy(&api->qa_mu);
	ws_free(api->ws);
	pthread_mutex_destroy(&api->ws_mu);
	http_ratelimit_free(api->public_rate);
	wb_rate_free(api->wb_rate);
	pii_guard_slot_free(api->guards);
	text_model_free(api->model);
	pthread_mutex_destroy(&api->guard_mu);
	free(api->dicdir);
	free(api);
}

int api__qa(struct api_call *c, struct qa **out)
{
	struct api *api = c->api;
	struct pii_guard_slot *guards = NULL;
	int rc = api__guards(c, &guards); /* the one guard masks the log too */
	if (rc) {
		*out = NULL;
		return rc;
	}
	pthread_mutex_lock(&api->qa_mu);
	if (!api->qa) {
		struct yk_errinfo ei;
		yk_errinfo_clear(&ei);
		if ((rc = qa_new(api->dicdir, guards, &api->qa, &ei)) != 0) {
			yk_log(YK_LOG_ERROR, "qa: cannot load the Japanese dictionary: %s", ei.message);
			rc = yk_errinfo_set(&c->ei, YK_ENOTCONFIGURED,
				       "日本語辞書（MeCab / UniDic）を読み込めないため、問い合わせ機能を使えません。"
				       "管理者にお問い合わせください");
		} else {
			/* Entries keep their text as this JSON: answers copy it. */
			qa_set_json_encoder(api->qa, http_json_str);
		}
	}
	*out = api->qa;
	pthread_mutex_unlock(&api->qa_mu);
	return rc;
}

int api__guards(struct api_call *c, struct pii_guard_slot **out)
{
	struct api *api = c->api;
	int rc = 0;
	pthread_mutex_lock(&api->guard_mu);
	if (!api->model) {
		struct yk_errinfo ei;
		yk_errinfo_clear(&ei);
		if (text_model_new(api->dicdir, &api->model, &ei) != 0) {
			yk_log(YK_LOG_ERROR, "pii: cannot load the Japanese dictionary: %s", ei.message);
			rc = yk_errinfo_set(&c->ei, YK_EMORPH, "%s", yk_err_message(YK_EMORPH));
		} else {
			api->guards = pii_guard_slot_new(api->model);
		}
	}
	*out = api->guards;
	pthread_mutex_unlock(&api->guard_mu);
	return rc;
}

/* ---- framing of the citizens' page ------------------------------------- */

static int origin_ok(const char *s, size_t n)
{
	size_t p = 0;
	if (n > 8 && memcmp(s, "https://", 8) == 0)
		p = 8;
	else if (n > 7 && memcmp(s, "http://", 7) == 0)
		p = 7;
	else
		return 0;
	size_t host = p;
	while (p < n && (isalnum((unsigned char)s[p]) || s[p] == '.' || s[p] == '-'))
		p++;
	if (p == host)
		return 0;
	if (p < n && s[p] == ':') {
		size_t d = ++p;
		while (p < n && isdigit((unsigned char)s[p]))
			p++;
		if (p == d || p - d > 5)
			return 0;
	}
	return p == n;
}

void api_origins_filter(const char *list, char *out, size_t outsz)
{
	size_t o = 0;
	if (!outsz)
		return;
	out[0] = '\0';
	for (const char *p = list; p && *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		size_t n = strcspn(p, " \t,");
		if (n && origin_ok(p, n) && o + n + 2 < outsz) {
			if (o)
				out[o++] = ' ';
			memcpy(out + o, p, n);
			o += n;
			out[o] = '\0';
		}
		p += n;
	}
}

const char *api_frame_ancestors(void *ctx, const struct http_request *req)
{
	struct api *api = ctx;
	if (strcmp(req->path, "/public.html") != 0)
		return NULL;
	char list[STORE_SETTING_MAX_VALUE], origins[STORE_SETTING_MAX_VALUE];
	struct store *db = store_pool_get(api->pool);
	if (!db || store_setting_get(db, "public_frame_ancestors", list, sizeof(list)) != 0)
		list[0] = '\0';
	api_origins_filter(list, origins, sizeof(origins));
	return yk_arena_printf(req->arena, "'self'%s%s", origins[0] ? " " : "", origins);
}

/* ---- errors ------------------------------------------------------------ */

int api_status_for(int err)
{
	switch (err) {
	case YK_EPARSE:
	case YK_EUTF8:
	case YK_EINVAL:
		return 400;
	case YK_EAUTH:
		return 401;
	case YK_EFORBIDDEN:
	case YK_ECSRF:
	case YK_EPASSWORD_CHANGE:
	case YK_EDISABLED:
		return 403;
	case YK_ENOTFOUND:
		return 404;
	case YK_EMETHOD:
		return 405;
	case YK_ECONFLICT:
		return 409;
	case YK_ELIMIT:
		return 413;
	case YK_ERATE:
		return 429;
	case YK_EPII_BLOCKED:
		return 422;
	case YK_EBUSY:
	case YK_EDIRECTORY:
	case YK_ENOTCONFIGURED:
	case YK_EMORPH:
		return 503;
	case YK_ECONTEXT:
		return 400;
	case YK_EUPSTREAM_AUTH:
	case YK_EMODEL:
	case YK_EUNREACHABLE:
		return 502;
	case YK_EUPSTREAM:
		return 502;
	case YK_ETIMEOUT:
		return 504;
	default:
		return 500;
	}
}

/* Writes the error response for err. Detail from c->ei is shown for
 * client errors; for our own failures (5xx) it goes to the log only, so
 * SQL text or paths never reach the browser. */
static void reply_error(struct api_call *c, int err)
{
	int status = api_status_for(err);
	const char *message = yk_err_message(err);
	if (status >= 500) {
		yk_log(YK_LOG_ERROR, "api: %s %s failed: %s (%s)", c->req->method, c->req->path,
		       c->ei.message[0] ? c->ei.message : "-", yk_err_code(err));
	} else if (c->ei.message[0]) {
		message = c->ei.message;
	}
	json_t *e = json_object();
	json_object_set_new(e, "code", json_string(yk_err_code(err)));
	json_t *m = json_string(message); /* NULL if a module wrote invalid UTF-8 */
	json_object_set_new(e, "message", m ? m : json_string(yk_err_message(err)));
	if (status < 500 && c->ei.field[0])
		json_object_set_new(e, "field", json_string(c->ei.field));
	if (status < 500 && c->ei.line > 0)
		json_object_set_new(e, "line", json_integer(c->ei.line));
	if (status < 500 && c->ei.column > 0)
		json_object_set_new(e, "column", json_integer(c->ei.column));
	if (c->error_extra) {
		json_object_update(e, c->error_extra);
		json_decref(c->error_extra);
		c->error_extra = NULL;
	}
	json_t *root = json_pack("{s:o}", "error", e);
	char *text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	c->resp->status = status;
	c->resp->content_type = "application/json; charset=utf-8";
	yk_buf_reset(&c->resp->body);
	if (!text || yk_buf_adds(&c->resp->body, text) != 0)
		http_response_error(c->resp, 500, "internal_error", "内部エラーが発生しました");
	free(text);
	if (err == YK_ERATE && c->retry_after <= 0)
		http_response_header(c->resp, "Retry-After", "60");
}

void api__reply(struct api_call *c, int status, json_t *obj)
{
	char *text = json_dumps(obj, JSON_COMPACT);
	json_decref(obj);
	c->resp->status = status;
	c->resp->content_type = "application/json; charset=utf-8";
	yk_buf_reset(&c->resp->body);
	if (!text || yk_buf_adds(&c->resp->body, text) != 0)
		http_response_error(c->resp, 500, "internal_error", "内部エラーが発生しました");
	free(text);
}

/* ---- JSON limits (pure; fuzzed by tests/fuzz/fuzz_json_limits.c) ------- */

int api_json_check_limits(const char *s, size_t len, struct yk_errinfo *ei)
{
	size_t depth = 0, str_start = 0;
	int in_str = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (in_str) {
			if (ch == '\\') {
				i++;
			} else if (ch == '"') {
				in_str = 0;
				continue;
			}
			if (i - str_start > API_JSON_STRING_MAX)
				return yk_errinfo_set(ei, YK_ELIMIT,
						      "文字列が長すぎます（%d バイトまで）",
						      API_JSON_STRING_MAX);
			continue;
		}
		if (ch == '"') {
			in_str = 1;
			str_start = i + 1;
		} else if (ch == '[' || ch == '{') {
			if (++depth > API_JSON_DEPTH_MAX)
				return yk_errinfo_set(ei, YK_ELIMIT,
						      "JSON の入れ子が深すぎます（%d 段まで）",
						      API_JSON_DEPTH_MAX);
		} else if ((ch == ']' || ch == '}') && depth > 0) {
			depth--;
		}
	}
	return 0;
}

static int parse_body(struct api_call *c)
{
	if (!c->req->body_len)
		return yk_errinfo_set(&c->ei, YK_EPARSE, "リクエストの本文（JSON）がありません");
	size_t bad = 0;
	if (!yk_utf8_valid(c->req->body, c->req->body_len, &bad))
		return yk_errinfo_set(&c->ei, YK_EUTF8,
				      "本文の文字コードが UTF-8 ではありません（%zu バイト目）", bad + 1);
	int rc = api_json_check_limits(c->req->body, c->req->body_len, &c->ei);
	if (rc)
		return rc;
	json_error_t jerr;
	c->body = json_loadb(c->req->body, c->req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!c->body) {
		c->ei.line = jerr.line;
		c->ei.column = jerr.column;
		return yk_errinfo_set(&c->ei, YK_EPARSE,
				      "JSON の形式が正しくありません（%d 行 %d 列）", jerr.line,
				      jerr.column);
	}
	if (!json_is_object(c->body))
		return yk_errinfo_set(&c->ei, YK_EPARSE, "JSON はオブジェクト {...} で送ってください");
	return 0;
}

/* ---- field readers ----------------------------------------------------- */

int api__str(struct api_call *c, const char *field, int required, size_t max_len,
	     const char **out)
{
	*out = NULL;
	json_t *v = c->body ? json_object_get(c->body, field) : NULL;
	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」を入力してください", field);
	}
	if (!json_is_string(v)) {
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」は文字列で指定してください", field);
	}
	if (json_string_length(v) > max_len) {
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」が長すぎます（%zu バイトまで）", field,
				      max_len);
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」に使えない文字（NUL）があります", field);
	}
	*out = json_string_value(v);
	return 0;
}

int api__only_fields(struct api_call *c, const char *const *allowed)
{
	const char *key;
	json_t *v;
	if (!c->body)
		return 0;
	json_object_foreach(c->body, key, v) {
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				ok = 1;
		if (!ok) {
			yk_errinfo_at(&c->ei, NULL, 0, key);
			return yk_errinfo_set(&c->ei, YK_EINVAL, "不明な項目「%s」が含まれています", key);
		}
	}
	return 0;
}

int api__query_int(struct api_call *c, const char *name, int64_t min, int64_t max, int64_t def,
		   int64_t *out)
{
	const char *v = http_query(c->req, name);
	*out = def;
	if (!v || !*v)
		return 0;
	if (yk_parse_i64(v, strlen(v), min, max, out) != 0) {
		yk_errinfo_at(&c->ei, NULL, 0, name);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」は %lld から %lld の整数で指定してください",
				      name, (long long)min, (long long)max);
	}
	return 0;
}

json_t *api__iso_time(int64_t t)
{
	char buf[32];
	yk_time_iso(t, buf, sizeof(buf));
	return json_string(buf);
}

/* A refused import leaves an audit row of its own ("import.refused"), so
 * that an admin sees attempts as well as changes. The detail holds the
 * route, the count and the lines of the first problems, never the
 * messages: those may quote cells of the file (names, e-mail). */
static void import_refused_audit(struct api_call *c, int err, const char *file,
				 const struct ingest_problems *p)
{
	json_t *lines = json_array();
	size_t kept = ingest_problems_kept(p);
	for (size_t i = 0; i < kept && i < 20; i++)
		json_array_append_new(lines, json_integer(p->item[i].line));
	json_t *detail = json_pack("{s:s, s:s, s:I, s:o}", "path", c->req->path, "error",
				   yk_err_code(err), "problems", (json_int_t)p->count, "lines",
				   lines);
	char target[AUDIT_TARGET_MAX + 1];
	yk_strlcpy(target, file, sizeof(target));
	if (!yk_utf8_valid(target, strlen(target), NULL))
		yk_strlcpy(target, "?", sizeof(target));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (audit_record_json(c->db, &c->actor, "import.refused", target, detail, &ei) != 0)
		yk_log(YK_LOG_WARN, "audit of a refused import: %s", ei.message);
}

int api__import_problems(struct api_call *c, int err, const char *file,
			 const struct ingest_problems *p)
{
	import_refused_audit(c, err, file, p);
	if (!p->count)
		return err;
	json_t *details = json_array();
	size_t kept = ingest_problems_kept(p);
	for (size_t i = 0; i < kept; i++) {
		const struct ingest_problem *pr = &p->item[i];
		char text[INGEST_MESSAGE_MAX + 300];
		ingest_problem_format(file, pr, text, sizeof(text));
		json_array_append_new(details, json_pack("{s:I, s:s, s:s, s:s}", "line",
							 (json_int_t)pr->line, "column", pr->column,
							 "message", pr->message, "text", text));
	}
	json_decref(c->error_extra);
	c->error_extra = json_pack("{s:s, s:o, s:I}", "file", file, "details", details,
				   "error_count", (json_int_t)p->count);
	yk_errinfo_clear(&c->ei);
	return yk_errinfo_set(&c->ei, err, "%s: %zu 件の問題があるため、何も登録していません", file,
			      p->count);
}

json_t *api__user_json(const struct auth_user *u)
{
	json_t *roles = json_array();
	for (unsigned bit = 1; bit <= AUTH_ROLE_LAST; bit <<= 1)
		if (u->roles & bit)
			json_array_append_new(roles, json_string(auth_role_name(bit)));
	return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:o, s:b, s:b, s:b, s:o}", "id",
			 (json_int_t)u->id, "login", u->login, "display_name", u->display_name,
			 "email", u->email, "department",
			 u->department_path[0] ? u->department_path : NULL, "roles", roles,
			 "must_change_password", u->must_change_password, "disabled", u->disabled,
			 "sso_only", u->sso_only, "created_at", api__iso_time(u->created_at));
}

void api__set_cookie(struct api_call *c, const char *token, int64_t max_age)
{
	int secure = store_setting_int(c->db, "cookie_secure") != 0;
	const char *v = yk_arena_printf(c->req->arena,
					"%s=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%lld%s",
					API_SESSION_COOKIE, token ? token : "",
					(long long)(token ? max_age : 0), secure ? "; Secure" : "");
	http_response_header(c->resp, "Set-Cookie", v);
}

/* ---- caller resolution ------------------------------------------------- */

void api_trusted_proxies(struct api *api, char *out, size_t outsz)
{
	char a[STORE_SETTING_MAX_VALUE] = "", b[STORE_SETTING_MAX_VALUE] = "";
	struct store *db = store_pool_get(api->pool);
	if (db && store_setting_get(db, "trusted_proxy_addr", a, sizeof(a)) != 0)
		a[0] = '\0';
	if (db && store_setting_int(db, "sso_enabled") &&
	    store_setting_get(db, "sso_proxy_addr", b, sizeof(b)) != 0)
		b[0] = '\0';
	snprintf(out, outsz, "%s%s%s", a, a[0] && b[0] ? " " : "", b);
}

const char *api__client_addr(struct api_call *c)
{
	if (c->client_addr)
		return c->client_addr;
	char proxy[STORE_SETTING_MAX_VALUE];
	const char *peer = c->req->client_ip ? c->req->client_ip : "";
	c->client_addr = peer;
	if (store_setting_get(c->db, "trusted_proxy_addr", proxy, sizeof(proxy)) != 0 ||
	    !proxy[0] || strcmp(proxy, peer) != 0)
		return peer;
	const char *xff = http_header(c->req, "X-Forwarded-For");
	char addr[64];
	if (xff && http_forwarded_client(xff, strlen(xff), addr, sizeof(addr)) == 0)
		c->client_addr = yk_arena_strdup(c->req->arena, addr);
	return c->client_addr;
}

int api__public_rate(struct api_call *c)
{
	return http_ratelimit_take(c->api->public_rate, api__client_addr(c), yk_mono_us() / 1000);
}

int api__int(struct api_call *c, const char *field, int required, int64_t min, int64_t max,
	     int64_t *out)
{
	json_t *v = c->body ? json_object_get(c->body, field) : NULL;
	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」を入力してください", field);
	}
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」は %lld から %lld の整数で指定してください",
				      field, (long long)min, (long long)max);
	}
	*out = json_integer_value(v);
	return 0;
}

/* The daily purge by the retention_* settings (0 keeps everything). Each
 * table is purged by the module that owns it, and each purge audits what
 * it removed (audit.purge, qa.purge, usage.purge). */
static void retention_purge(struct store *db)
{
	int64_t now = yk_now_unix();
	int64_t days = store_setting_int(db, "retention_audit_days");
	if (days > 0 && audit_purge(db, now - days * 86400, NULL) != 0)
		yk_log(YK_LOG_WARN, "api: the audit log could not be purged");
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	days = store_setting_int(db, "retention_questions_days");
	if (days > 0 && qa_retention_purge(NULL, db, now - days * 86400, NULL, &ei) != 0)
		yk_log(YK_LOG_WARN, "api: the question log could not be purged: %s", ei.message);
	yk_errinfo_clear(&ei);
	days = store_setting_int(db, "retention_usage_days");
	if (days > 0 && usage_retention_purge(db, now - days * 86400, NULL, &ei) != 0)
		yk_log(YK_LOG_WARN, "api: the usage events could not be purged: %s", ei.message);
}

void api_housekeeping(struct api *api)
{
	struct store *db = store_pool_get(api->pool);
	if (!db)
		return;
	if (auth_housekeeping(db) != 0)
		yk_log(YK_LOG_WARN, "api: housekeeping (expired sessions) failed");
	int64_t now = yk_now_unix();
	if (now - atomic_load(&api->retention_at) >= 86400) {
		atomic_store(&api->retention_at, now);
		retention_purge(db);
	}
}

/* Trusted-proxy single sign-on: only when enabled, only from the configured
 * proxy address (never when that setting is empty), only with a non-empty
 * header. Anything else is ignored. A cookieless request reuses the user's
 * live SSO session, so that a client without cookies does not open one
 * session (and one audit row) per request. */
static int try_sso(struct api_call *c)
{
	if (!store_setting_int(c->db, "sso_enabled"))
		return YK_ENOTFOUND;
	char header[STORE_SETTING_MAX_VALUE], proxy[STORE_SETTING_MAX_VALUE];
	if (store_setting_get(c->db, "sso_header", header, sizeof(header)) != 0 ||
	    store_setting_get(c->db, "sso_proxy_addr", proxy, sizeof(proxy)) != 0)
		return YK_ENOTFOUND;
	if (!proxy[0] || !header[0] || strcmp(c->req->client_ip, proxy) != 0)
		return YK_ENOTFOUND;
	const char *login = http_header(c->req, header);
	if (!login || !*login || strlen(login) > AUTH_LOGIN_MAX)
		return YK_ENOTFOUND;
	if (c->has_session && strcasecmp(c->session.user.login, login) == 0)
		return 0;
	c->has_session = 0;
	if (auth_session_sso_find(c->db, login, &c->session) == 0) {
		c->has_session = 1;
		c->token = NULL; /* the browser's cookie, if any, is another user's */
		return 0;
	}
	char token[AUTH_TOKEN_LEN + 1];
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = auth_login_sso(c->db, login, c->req->client_ip, token, sizeof(token), &c->session,
				&ei);
	if (rc) {
		yk_log(YK_LOG_WARN, "api: SSO login refused for a proxied user: %s", ei.message);
		return rc;
	}
	c->has_session = 1;
	c->token = yk_arena_strdup(c->req->arena, token);
	int64_t hours = store_setting_int(c->db, "session_absolute_hours");
	api__set_cookie(c, c->token, hours * 3600);
	return 0;
}

static void resolve_session(struct api_call *c)
{
	const char *token = http_cookie(c->req, API_SESSION_COOKIE);
	if (token && strlen(token) == AUTH_TOKEN_LEN &&
	    auth_session_lookup(c->db, token, &c->session) == 0) {
		c->has_session = 1;
		c->token = token;
	}
	(void)try_sso(c);
	if (c->has_session) {
		c->actor.user_id = c->session.user.id;
		c->actor.login = c->session.user.login;
		c->req->log_user_id = c->session.user.id;
	}
}

static int is_state_changing(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

void api_handle(void *ctx, struct http_request *req, struct http_response *resp)
{
	struct api *api = ctx;
	struct api_call c;
	memset(&c, 0, sizeof(c));
	c.api = api;
	c.req = req;
	c.resp = resp;
	c.actor.login = "anonymous";
	c.actor.address = req->client_ip;
	int rc = 0;

	int known = 0;
	api_handler_fn fn = NULL;
	const struct api_route_info *r = route_find(req->method, req->path, &c.id, &known, &fn);
	if (!r) {
		rc = known ? YK_EMETHOD : YK_ENOTFOUND;
		if (!known)
			yk_errinfo_set(&c.ei, rc, "API が見つかりません: %s", req->path);
		goto out;
	}
	c.db = store_pool_get(api->pool);
	if (!c.db) {
		rc = yk_errinfo_set(&c.ei, YK_EDB, "no database connection");
		goto out;
	}
	if (!r->is_public) {
		resolve_session(&c);
		if (!c.has_session) {
			rc = YK_EAUTH;
			goto out;
		}
		if (!(c.session.user.roles & r->roles)) {
			rc = YK_EFORBIDDEN;
			goto out;
		}
		if (c.session.user.must_change_password && !(r->flags & ROUTE_F_PWCHANGE)) {
			rc = YK_EPASSWORD_CHANGE;
			goto out;
		}
		if (is_state_changing(req->method) && !(r->flags & ROUTE_F_NO_CSRF)) {
			const char *t = http_header(req, API_CSRF_HEADER);
			if (!t || !auth_csrf_ok(&c.session, t)) {
				rc = YK_ECSRF;
				goto out;
			}
		}
	}
	if (is_state_changing(req->method) && !(r->flags & ROUTE_F_RAW_BODY) &&
	    req->body_len > 0) {
		if ((rc = parse_body(&c)))
			goto out;
	}
	rc = fn(&c);
out:
	if (rc == YK_ERATE && c.retry_after > 0)
		http_response_header(resp, "Retry-After",
				     yk_arena_printf(req->arena, "%lld", (long long)c.retry_after));
	if (rc)
		reply_error(&c, rc);
	json_decref(c.body);
	json_decref(c.error_extra);
}
