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

/* The seconds in auth's rate-limit message ("あと N 秒" / "N 秒ほど"), for
 * Retry-After; 60 when none is found. */
static int64_t throttle_seconds(const char *msg)
{
	const char *p = strstr(msg, " 秒");
	if (!p)
		return 60;
	const char *q = p;
	while (q > msg && q[-1] >= '0' && q[-1] <= '9')
		q--;
	int64_t n;
	return q < p && yk_parse_i64(q, (size_t)(p - q), 1, INT64_MAX, &n) == 0 ? n : 60;
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
	rc = auth_login(c->db, login, password, api__client_addr(c), token, sizeof(token),
			&c->session, &c->ei);
	if (rc) {
		if (rc == YK_EAUTH)
			yk_errinfo_set(&c->ei, rc, "ログイン名またはパスワードが正しくありません");
		if (rc == YK_ERATE)
			c->retry_after = throttle_seconds(c->ei.message);
		return rc;
	}
	/* Logging in again from this browser ends the session it had, so that
	 * the old cookie (perhaps copied) is worth nothing. */
	const char *prev = http_cookie(c->req, API_SESSION_COOKIE);
	if (prev && strlen(prev) == AUTH_TOKEN_LEN && auth_session_end(c->db, prev) != 0)
		yk_log(YK_LOG_WARN, "api: the previous session could not be ended at login");
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
	/* The current-password check is a password guess like a login: it
	 * is throttled per user and address the same way. */
	struct auth_attempt att;
	if ((rc = auth_throttle_begin(c->db, "password", c->session.user.login, api__client_addr(c),
				      &att, &c->ei))) {
		if (rc == YK_ERATE)
			c->retry_after = att.retry_after;
		return rc;
	}
	rc = auth_user_change_password_keep(c->db, &c->actor, c->session.user.id, current, next,
					    c->session.id, &c->ei);
	/* Anything but YK_EAUTH means the current password was right. */
	auth_throttle_end(c->db, &att, rc != YK_EAUTH);
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
