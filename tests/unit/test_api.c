/* Unit tests for src/api: the JSON limit pre-check, error-status mapping
 * and the invariants of the route table (routes.def). */
#include "api/api.h"
#include "auth/auth.h"
#include "harness.h"

static char *nested(size_t depth)
{
	char *s = yk_xmalloc(2 * depth + 1);
	for (size_t i = 0; i < depth; i++) {
		s[i] = '[';
		s[2 * depth - 1 - i] = ']';
	}
	s[2 * depth] = '\0';
	return s;
}

TEST(json_depth_limit)
{
	char *ok = nested(API_JSON_DEPTH_MAX), *deep = nested(API_JSON_DEPTH_MAX + 1);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(api_json_check_limits(ok, strlen(ok), &ei), 0);
	CHECK_INT(api_json_check_limits(deep, strlen(deep), &ei), YK_ELIMIT);
	CHECK(strstr(ei.message, "入れ子") != NULL);
	free(ok);
	free(deep);
	/* Brackets inside strings do not count. */
	const char *in_str = "{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[\"}";
	CHECK_INT(api_json_check_limits(in_str, strlen(in_str), NULL), 0);
}

TEST(json_string_limit)
{
	size_t n = API_JSON_STRING_MAX + 10;
	char *s = yk_xmalloc(n + 3);
	s[0] = '"';
	memset(s + 1, 'a', n);
	s[n + 1] = '"';
	s[n + 2] = '\0';
	CHECK_INT(api_json_check_limits(s, n + 2, NULL), YK_ELIMIT);
	s[API_JSON_STRING_MAX] = '"'; /* a string of exactly the limit minus one */
	CHECK_INT(api_json_check_limits(s, (size_t)API_JSON_STRING_MAX + 1, NULL), 0);
	free(s);
	/* An unterminated string or trailing backslash never reads past len. */
	CHECK_INT(api_json_check_limits("\"abc\\", 5, NULL), 0);
}

TEST(status_mapping)
{
	CHECK_INT(api_status_for(YK_EPARSE), 400);
	CHECK_INT(api_status_for(YK_EUTF8), 400);
	CHECK_INT(api_status_for(YK_EAUTH), 401);
	CHECK_INT(api_status_for(YK_EFORBIDDEN), 403);
	CHECK_INT(api_status_for(YK_ECSRF), 403);
	CHECK_INT(api_status_for(YK_EPASSWORD_CHANGE), 403);
	CHECK_INT(api_status_for(YK_ENOTFOUND), 404);
	CHECK_INT(api_status_for(YK_ECONFLICT), 409);
	CHECK_INT(api_status_for(YK_ELIMIT), 413);
	CHECK_INT(api_status_for(YK_ERATE), 429);
	CHECK_INT(api_status_for(YK_EDB), 500);
	CHECK_INT(api_status_for(-999), 500);
}

TEST(route_table_invariants)
{
	size_t n;
	const struct api_route_info *r = api_routes(&n);
	REQUIRE(n > 10);
	int publics = 0;
	for (size_t i = 0; i < n; i++) {
		CHECK(yk_starts_with(r[i].path, "/api/v1/"));
		CHECK(r[i].is_public == (r[i].roles == 0));
		CHECK((r[i].roles & ~(unsigned)AUTH_ROLE_ALL) == 0);
		CHECK(r[i].body_limit > 0);
		CHECK(r[i].summary[0] != '\0');
		publics += r[i].is_public;
		/* No duplicate method + path. */
		for (size_t j = i + 1; j < n; j++)
			CHECK(!(strcmp(r[i].method, r[j].method) == 0 && strcmp(r[i].path, r[j].path) == 0));
		/* Only routes without a session may skip CSRF: login and the
		 * citizens' public routes. */
		if (r[i].flags & ROUTE_F_NO_CSRF)
			CHECK(r[i].is_public);
		/* Every public route is listed here on purpose. */
		if (r[i].is_public)
			CHECK(strcmp(r[i].path, "/api/v1/health") == 0 ||
			      strcmp(r[i].path, "/api/v1/login") == 0 ||
			      yk_starts_with(r[i].path, "/api/v1/public/"));
	}
	CHECK_INT(publics, 4);
}

TEST(frame_origins_are_filtered)
{
	char out[256];
	api_origins_filter("https://www.city.example.jp  http://intra.example:8080,https://a-b.example",
			   out, sizeof(out));
	CHECK_STR(out, "https://www.city.example.jp http://intra.example:8080 https://a-b.example");
	api_origins_filter("javascript:alert(1) https://ok.example 'none' https:// * "
			   "https://x.example/path https://y.example:123456 data:",
			   out, sizeof(out));
	CHECK_STR(out, "https://ok.example");
	api_origins_filter("", out, sizeof(out));
	CHECK_STR(out, "");
	api_origins_filter("https://a.example https://b.example", out, 20);
	CHECK_STR(out, "https://a.example"); /* what does not fit is left out whole */
}

TEST(body_limits_per_route)
{
	CHECK_INT(api_body_limit(NULL, "POST", "/api/v1/staff/import"), AUTH_ROSTER_MAX_BYTES);
	CHECK_INT(api_body_limit(NULL, "POST", "/api/v1/users"), API_BODY_MAX);
	CHECK_INT(api_body_limit(NULL, "PUT", "/api/v1/users/12"), API_BODY_MAX);
	/* No route: answered (404/405) before any body byte is read. */
	CHECK(api_body_limit(NULL, "PUT", "/api/v1/users/0") == HTTP_BODY_NO_ROUTE); /* ids > 0 */
	CHECK(api_body_limit(NULL, "PUT", "/api/v1/users/abc") == HTTP_BODY_NO_ROUTE);
	CHECK_INT(api_body_limit(NULL, "GET", "/api/v1/users"), 0);
	CHECK(api_body_limit(NULL, "POST", "/api/v1/nowhere") == HTTP_BODY_NO_ROUTE);
	CHECK(api_body_limit(NULL, "POST", "/api/v1/users/5/disable/x") == HTTP_BODY_NO_ROUTE);
	CHECK(api_body_limit(NULL, "PATCH", "/api/v1/users/5") == HTTP_BODY_NO_ROUTE);
	/* The citizens' routes take a few KiB, not the default MiB. */
	CHECK(api_body_limit(NULL, "POST", "/api/v1/public/ask") <= 8192);
	CHECK(api_body_limit(NULL, "POST", "/api/v1/public/ask/3/feedback") <= 8192);
	CHECK(api_body_limit(NULL, "POST", "/api/v1/login") <= 4096);
}

TEST_MAIN(T(json_depth_limit), T(json_string_limit), T(status_mapping), T(route_table_invariants),
	  T(frame_origins_are_filtered), T(body_limits_per_route))
