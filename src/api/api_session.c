/* api/session: health, login, logout, the current user, own password. */
#include <string.h>

#include "api_int.h"
#include "core/banned.h"

#define YAKUBA_VERSION "0.1.0"

API_HANDLER(health)
{
	int64_t schema = 0;
	if (store_schema_version(c->db, &schema) != 0)
		return yk_errinfo_set(&c->ei, YK_EDB, "schema version unreadable");
	/* The city name is public anyway (it heads the login page). */
	char city[STORE_SETTING_MAX_VALUE];
	if (store_setting_get(c->db, "city_name", city, sizeof(city)) != 0)
		city[0] = '\0';
	api__reply(c, 200, json_pack("{s:s, s:s, s:I, s:s}", "status", "ok", "version",
				     YAKUBA_VERSION, "schema", (json_int_t)schema, "city_name", city));
	return 0;
}

/* Login CSRF defence: a browser that sends Origin must be on our host. */
static int same_origin(struct api_call *c)
{
	const char *origin = http_header(c->req, "Origin");
	const char *host = http_header(c->req, "Host");
	if (!origin)
		return 1;
	if (!host)
		return 0;
	const char *rest = NULL;
	if (yk_starts_with(origin, "http://"))
		rest = origin + 7;
	else if (yk_starts_with(origin, "https://"))
		rest = origin + 8;
	return rest && strcmp(rest, host) == 0;
}

static json_t *session_json(struct api_call *c)
{
	char city[STORE_SETTING_MAX_VALUE];
	if (store_setting_get(c->db, "city_name", city, sizeof(city)) != 0)
		city[0] = '\0';
	return json_pack("{s:o, s:s, s:b, s:s, s:I}", "user", api__user_json(&c->session.user),
			 "csrf_token", c->session.csrf, "must_change_password",
			 c->session.user.must_change_password, "city_name", city,
			 "password_min_length",
			 (json_int_t)store_setting_int(c->db, "password_min_length"));
}

API_HANDLER(login)
{
	static const char *const fields[] = {"login", "password", NULL};
	const char *login, *password;
	int rc;
	if (!same_origin(c))
		return yk_errinfo_set(&c->ei, YK_EFORBIDDEN, "別のサイトからのログインは受け付けません");
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "login", 1, AUTH_LOGIN_MAX, &login)) ||
	    (rc = api__str(c, "password", 1, AUTH_PASSWORD_MAX, &password)))
		return rc;
	char token[AUTH_TOKEN_LEN + 1];
	rc = auth_login(c->db, login, password, c->req->client_ip, token, sizeof(token), &c->session,
			&c->ei);
	if (rc) {
		if (rc == YK_EAUTH)
			yk_errinfo_set(&c->ei, rc, "ログイン名またはパスワードが正しくありません");
		return rc;
	}
	c->has_session = 1;
	c->req->log_user_id = c->session.user.id;
	api__set_cookie(c, token, store_setting_int(c->db, "session_absolute_hours") * 3600);
	api__reply(c, 200, session_json(c));
	return 0;
}

API_HANDLER(logout)
{
	int rc = auth_logout(c->db, &c->actor, c->token);
	if (rc && rc != YK_ENOTFOUND)
		return rc;
	api__set_cookie(c, NULL, 0);
	api__reply(c, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}

API_HANDLER(me)
{
	api__reply(c, 200, session_json(c));
	return 0;
}

API_HANDLER(me_password)
{
	static const char *const fields[] = {"current", "new", NULL};
	const char *current, *next;
	int rc;
	if ((rc = api__only_fields(c, fields)) ||
	    (rc = api__str(c, "current", 1, AUTH_PASSWORD_MAX, &current)) ||
	    (rc = api__str(c, "new", 1, AUTH_PASSWORD_MAX, &next)))
		return rc;
	rc = auth_user_change_password_keep(c->db, &c->actor, c->session.user.id, current, next,
					    c->session.id, &c->ei);
	/* A wrong current password is a form error (400), not a lost session
	 * (401); field names follow this route's body. */
	if (rc == YK_EAUTH) {
		yk_errinfo_at(&c->ei, NULL, 0, "current");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "現在のパスワードが正しくありません");
	}
	if (rc == YK_EINVAL && strcmp(c->ei.field, "new_password") == 0)
		yk_errinfo_at(&c->ei, NULL, 0, "new");
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}
