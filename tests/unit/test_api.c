/* Unit tests for src/api: the JSON limit pre-check, error-status mapping
 * and the invariants of the route table (routes.def). */
#include "api/api.h"
#include "auth/auth.h"
#include "harness.h"
#include "http/http.h"
#include "qa/qa.h"

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

/* The answer JSON that the ask routes write straight into the body: every
 * field, escaping, scores rounded to 3 decimals, the internal names only
 * on the staff channel. */
TEST(answer_json_writer)
{
	struct qa_answer a;
	memset(&a, 0, sizeof(a));
	a.question_id = 42;
	memcpy(a.feedback_token, "0123456789abcdef0123456789abcdef", 33);
	a.decision = QA_ANSWER;
	a.top_score = 12.3456f;
	a.margin = 2.0f;
	struct qa_highlight hl[2] = {{1, 3}, {5, 9}};
	char t[] = "転入届\"は\\どこ", x[] = "窓口で\n受け付けます", e[] = "", c[] = "住民",
	     sn[] = "…窓口で", src[] = "faq.csv", ext[] = "lgf1";
	a.sources[0] = (struct qa_source){7, true, t, x, e, e, e, c, src, ext, NULL, sn, false, hl, 2, 12.3456f};
	a.sources[1] = (struct qa_source){8, false, c, c, c, e, e, e, src, ext, NULL, sn, false, NULL, 0, -0.5f};
	a.n_sources = 2;
	a.related[0] = (struct qa_related){9, c, NULL, 0.0004f};
	a.n_related = 1;
	for (int pub = 0; pub <= 1; pub++) {
		a.public_channel = pub;
		struct yk_buf b;
		yk_buf_init(&b, 0);
		api_qa_answer_write(&a, &b);
		json_t *j = json_loadb(b.data, b.len, 0, NULL);
		CHECK(j != NULL);
		json_int_t qid = 0, aid = 0;
		const char *dec = "", *q = "", *txt = "", *kind = "";
		json_t *sources = NULL, *related = NULL;
		double top = 0, margin = 0;
		CHECK_INT(json_unpack(j, "{s:I, s:s, s:{s:I, s:s, s:s, s:s}, s:o, s:o, s:F, s:F}",
				      "question_id", &qid, "decision", &dec, "answer", "id", &aid,
				      "kind", &kind, "question", &q, "text", &txt, "sources",
				      &sources, "related", &related, "top_score", &top, "margin",
				      &margin),
			  0);
		CHECK_INT(qid, 42);
		CHECK_INT(aid, 7);
		CHECK_STR(dec, "answer");
		CHECK_STR(kind, "faq");
		CHECK_STR(q, t);
		CHECK_STR(txt, x);
		CHECK(top == 12.346 && margin == 2.0);
		CHECK_INT(json_array_size(sources), 2);
		json_t *s0 = json_array_get(sources, 0), *s1 = json_array_get(sources, 1);
		CHECK_STR(json_string_value(json_object_get(s0, "snippet")), sn);
		CHECK_INT(json_integer_value(json_array_get(
				  json_array_get(json_object_get(s0, "highlights"), 1), 1)),
			  9);
		CHECK_STR(json_string_value(json_object_get(s1, "kind")), "passage");
		CHECK(json_real_value(json_object_get(s1, "score")) == -0.5);
		CHECK(json_object_get(s0, "source_name") == NULL || !pub);
		const char *got_ext = json_string_value(json_object_get(s0, "external_id"));
		CHECK(pub ? got_ext == NULL : got_ext && strcmp(got_ext, ext) == 0);
		CHECK_INT(json_array_size(json_object_get(s1, "highlights")), 0);
		CHECK_INT(json_array_size(related), 1);
		CHECK(json_real_value(json_object_get(json_array_get(related, 0), "score")) == 0.0);
		json_decref(j);
		/* The same answer with its entries' JSON made beforehand (as the
		 * index does with qa_set_json_encoder): the same bytes. */
		struct yk_buf jb;
		yk_buf_init(&jb, 0);
		const char *fields[] = {t, x, e, e, e, c, src, ext, c};
		size_t off[YK_ARRAY_LEN(fields)];
		for (size_t i = 0; i < YK_ARRAY_LEN(fields); i++) {
			off[i] = jb.len;
			CHECK_INT(http_json_str(&jb, fields[i], strlen(fields[i])), 0);
			CHECK_INT(yk_buf_addc(&jb, '\0'), 0);
		}
		struct qa_json_text js = {jb.data + off[0], jb.data + off[1], jb.data + off[2],
					  jb.data + off[3], jb.data + off[4], jb.data + off[5],
					  jb.data + off[6], jb.data + off[7]};
		a.sources[0].json = &js;
		a.related[0].json_question = jb.data + off[8];
		struct yk_buf b2;
		yk_buf_init(&b2, 0);
		api_qa_answer_write(&a, &b2);
		CHECK(b2.len == b.len && memcmp(b2.data, b.data, b.len) == 0);
		a.sources[0].json = NULL;
		a.related[0].json_question = NULL;
		yk_buf_release(&b2);
		yk_buf_release(&jb);
		yk_buf_release(&b);
	}
	/* Not an answer: "answer" is null. */
	a.decision = QA_UNKNOWN;
	json_t *j = api_qa_answer_json(&a);
	CHECK(json_is_null(json_object_get(j, "answer")));
	CHECK_STR(json_string_value(json_object_get(j, "decision")), "unknown");
	json_decref(j);
}

TEST_MAIN(T(json_depth_limit), T(json_string_limit), T(status_mapping), T(route_table_invariants),
	  T(frame_origins_are_filtered), T(body_limits_per_route),
	  T(answer_json_writer))
