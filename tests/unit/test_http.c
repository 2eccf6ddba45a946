/* Unit tests for src/http: a real daemon on 127.0.0.1 with an ephemeral
 * port and a small test application, driven with libcurl. Checks body
 * assembly and limits, URL/header limits, security headers, embedded
 * assets with ETag revalidation, and clean stop. */
#include <curl/curl.h>
#include <jansson.h>

#include "harness.h"
#include "http/http.h"

#define TEST_BODY_LIMIT 1000

static void echo_handle(void *ctx, struct http_request *req, struct http_response *resp)
{
	(void)ctx;
	resp->status = 200;
	resp->content_type = "text/plain";
	if (yk_buf_addf(&resp->body, "%s %s %zu %s", req->method, req->path, req->body_len,
			http_query(req, "q") ? http_query(req, "q") : "-") != 0)
		resp->status = 500;
	http_response_header(resp, "X-Test", "1");
}

static size_t echo_limit(void *ctx, const char *method, const char *path)
{
	(void)ctx;
	(void)method;
	(void)path;
	return TEST_BODY_LIMIT;
}

struct reply {
	long status;
	struct yk_buf body;
	struct yk_buf headers;
};

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
	return yk_buf_add(ud, p, size * n) == 0 ? size * n : 0;
}

static void request(uint16_t port, const char *method, const char *path, const char *body,
		    size_t body_len, struct curl_slist *hdrs, struct reply *r)
{
	yk_buf_init(&r->body, 0);
	yk_buf_init(&r->headers, 0);
	char url[4096 + 64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", (unsigned)port, path);
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->headers);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
	}
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	r->status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_cleanup(c);
}

static void reply_release(struct reply *r)
{
	yk_buf_release(&r->body);
	yk_buf_release(&r->headers);
}

static struct http_server *start(void)
{
	struct http_app app = {NULL, echo_handle, echo_limit, NULL};
	struct http_server_options o = {"127.0.0.1", 0, 2, NULL, 0, NULL, NULL};
	struct http_server *srv = NULL;
	if (http_server_start(&o, &app, &srv, NULL) != 0)
		return NULL;
	return srv;
}

TEST(api_requests_reach_the_handler_with_body)
{
	yk_log_set_level(YK_LOG_ERROR); /* keep the access log out of the test output */
	struct http_server *srv = start();
	REQUIRE(srv != NULL);
	uint16_t port = http_server_port(srv);
	CHECK(port > 0);
	struct reply r;
	request(port, "POST", "/api/echo?q=%E5%B8%82", "hello", 5, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body.data, "POST /api/echo 5 市");
	CHECK(strstr(r.headers.data, "X-Test: 1") != NULL);
	CHECK(strstr(r.headers.data, "Content-Security-Policy: default-src 'self'") != NULL);
	CHECK(strstr(r.headers.data, "X-Content-Type-Options: nosniff") != NULL);
	CHECK(strstr(r.headers.data, "frame-ancestors 'none'") != NULL);
	CHECK(strstr(r.headers.data, "Cache-Control: no-store") != NULL);
	reply_release(&r);
	http_server_stop(srv, 1000);
}

TEST(body_over_the_limit_is_413)
{
	struct http_server *srv = start();
	REQUIRE(srv != NULL);
	char *big = yk_xmalloc(TEST_BODY_LIMIT + 1);
	memset(big, 'a', TEST_BODY_LIMIT + 1);
	struct reply r;
	request(http_server_port(srv), "POST", "/api/echo", big, TEST_BODY_LIMIT, NULL, &r);
	CHECK_INT(r.status, 200);
	reply_release(&r);
	request(http_server_port(srv), "POST", "/api/echo", big, TEST_BODY_LIMIT + 1, NULL, &r);
	CHECK_INT(r.status, 413);
	CHECK(strstr(r.body.data, "\"code\":\"limit_exceeded\"") != NULL);
	reply_release(&r);
	/* Chunked upload without Content-Length is limited the same way. */
	struct curl_slist *h = curl_slist_append(NULL, "Transfer-Encoding: chunked");
	request(http_server_port(srv), "POST", "/api/echo", big, TEST_BODY_LIMIT + 1, h, &r);
	CHECK_INT(r.status, 413);
	reply_release(&r);
	curl_slist_free_all(h);
	free(big);
	http_server_stop(srv, 1000);
}

TEST(url_header_and_utf8_limits)
{
	struct http_server *srv = start();
	REQUIRE(srv != NULL);
	uint16_t port = http_server_port(srv);
	char path[HTTP_URL_MAX + 20] = "/api/";
	memset(path + 5, 'a', HTTP_URL_MAX);
	path[HTTP_URL_MAX + 5] = '\0';
	struct reply r;
	request(port, "GET", path, NULL, 0, NULL, &r);
	CHECK_INT(r.status, 414);
	reply_release(&r);
	request(port, "GET", "/api/%FF", NULL, 0, NULL, &r);
	CHECK_INT(r.status, 400);
	CHECK(strstr(r.body.data, "invalid_utf8") != NULL);
	reply_release(&r);
	request(port, "GET", "/api/x?q=%82%A0", NULL, 0, NULL, &r);
	CHECK_INT(r.status, 400);
	reply_release(&r);
	char *hdr = yk_xmalloc(HTTP_HEADER_MAX + 32);
	snprintf(hdr, 32, "X-Big: ");
	memset(hdr + 7, 'b', HTTP_HEADER_MAX);
	hdr[HTTP_HEADER_MAX + 7] = '\0';
	struct curl_slist *h = curl_slist_append(NULL, hdr);
	request(port, "GET", "/api/x", NULL, 0, h, &r);
	CHECK(r.status == 413 || r.status == 431);
	reply_release(&r);
	curl_slist_free_all(h);
	/* Headers just under the limit still fit MHD's connection memory
	 * (HTTP_CONN_POOL). */
	memset(hdr, 0, HTTP_HEADER_MAX + 32);
	snprintf(hdr, 32, "X-Big: ");
	memset(hdr + 7, 'b', HTTP_HEADER_MAX - 1024);
	h = curl_slist_append(NULL, hdr);
	for (int i = 0; i < 2; i++) {
		request(port, "GET", "/", NULL, 0, h, &r);
		CHECK_INT(r.status, 200);
		reply_release(&r);
	}
	curl_slist_free_all(h);
	free(hdr);
	http_server_stop(srv, 1000);
}

TEST(assets_with_etag_and_traversal_refused)
{
	struct http_server *srv = start();
	REQUIRE(srv != NULL);
	uint16_t port = http_server_port(srv);
	struct reply r;
	request(port, "GET", "/", NULL, 0, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.headers.data, "Content-Type: text/html") != NULL);
	const char *etag = strstr(r.headers.data, "ETag: ");
	REQUIRE(etag != NULL);
	char inm[128] = "If-None-Match: ";
	size_t k = strlen(inm);
	for (const char *p = etag + 6; *p && *p != '\r' && k < sizeof(inm) - 1; p++)
		inm[k++] = *p;
	inm[k] = '\0';
	reply_release(&r);
	struct curl_slist *h = curl_slist_append(NULL, inm);
	request(port, "GET", "/index.html", NULL, 0, h, &r);
	CHECK_INT(r.status, 304);
	reply_release(&r);
	curl_slist_free_all(h);
	request(port, "GET", "/../../etc/passwd", NULL, 0, NULL, &r);
	CHECK_INT(r.status, 404);
	reply_release(&r);
	request(port, "GET", "/.hidden", NULL, 0, NULL, &r);
	CHECK_INT(r.status, 404);
	reply_release(&r);
	request(port, "DELETE", "/index.html", NULL, 0, NULL, &r);
	CHECK_INT(r.status, 405);
	reply_release(&r);
	request(port, "HEAD", "/", NULL, 0, NULL, &r);
	CHECK_INT(r.status, 200);
	reply_release(&r);
	http_server_stop(srv, 1000);
}

TEST(start_fails_cleanly_on_a_bad_address)
{
	struct http_app app = {NULL, echo_handle, echo_limit, NULL};
	struct http_server_options o = {"not-an-ip", 0, 1, NULL, 0, NULL, NULL};
	struct http_server *srv = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(http_server_start(&o, &app, &srv, &ei), YK_EINVAL);
	CHECK(srv == NULL);
	/* A port already taken. */
	struct http_server *a = start();
	REQUIRE(a != NULL);
	struct http_server_options o2 = {"127.0.0.1", http_server_port(a), 1, NULL, 0, NULL, NULL};
	CHECK_INT(http_server_start(&o2, &app, &srv, &ei), YK_EIO);
	CHECK(strstr(ei.message, "cannot listen") != NULL);
	http_server_stop(a, 1000);
	http_server_stop(NULL, 0);
}

TEST(request_target_control_characters)
{
	static const struct {
		const char *target;
		int ok;
	} cases[] = {
		{"/api/v1/health", 1},
		{"/a%20b/%E3%81%82", 1},
		{"/users%00.css", 0},
		{"/x%0a", 0},
		{"/x%0D%0Ay", 0},
		{"/x%7f", 0},
		{"/x%7F", 0},
		{"/x\ty", 0},
		{"/x%1", 1},          /* not an escape: left as is */
		{"/x%", 1},
		{"/x%zz", 1},
		{"/x?q=%00", 1},      /* the query is not the path */
		{"/x#%00", 1},
		{"/%2500", 1},        /* decodes to "%00", not to NUL */
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(cases); i++) {
		int rc = http_target_check(cases[i].target, strlen(cases[i].target));
		if ((rc == 0) != cases[i].ok)
			fprintf(stderr, "target %s: %d\n", cases[i].target, rc);
		CHECK((rc == 0) == cases[i].ok);
	}
	/* Never reads past len: the escape is cut by the length. */
	CHECK_INT(http_target_check("/x%00", 3), 0);
	CHECK_INT(http_target_check("/x%00", 5), YK_EINVAL);
}

TEST(forwarded_client_is_the_last_hop)
{
	char out[64];
	CHECK_INT(http_forwarded_client("203.0.113.9", 11, out, sizeof(out)), 0);
	CHECK_STR(out, "203.0.113.9");
	const char *xff = "1.2.3.4, 10.0.0.1,  198.51.100.7 ";
	CHECK_INT(http_forwarded_client(xff, strlen(xff), out, sizeof(out)), 0);
	CHECK_STR(out, "198.51.100.7");
	xff = "1.2.3.4, 2001:db8::1";
	CHECK_INT(http_forwarded_client(xff, strlen(xff), out, sizeof(out)), 0);
	CHECK_STR(out, "2001:db8::1");
	static const char *const bad[] = {"", " ", "1.2.3.4,", "evil", "1.2.3.4, unknown",
					  "1.2.3.4, 999.1.1.1", "1.2.3.4 5.6.7.8",
					  "1.2.3.4, 1111:2222:3333:4444:5555:6666:7777:8888:9999"};
	for (size_t i = 0; i < YK_ARRAY_LEN(bad); i++) {
		CHECK_INT(http_forwarded_client(bad[i], strlen(bad[i]), out, sizeof(out)), YK_EINVAL);
		CHECK_STR(out, "");
	}
	CHECK_INT(http_forwarded_client("1.2.3.4", 7, out, 4), YK_EINVAL); /* does not fit */
}

TEST(rate_limit_keys_never_share_or_refill)
{
	struct http_ratelimit *rl = http_ratelimit_new(60, 3, 4); /* 1 a second, burst 3, 4 keys */
	int64_t t = 1000000;
	for (int i = 0; i < 3; i++)
		CHECK_INT(http_ratelimit_take(rl, "10.0.0.1", t), 0);
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.1", t), YK_ERATE);
	/* Other keys, however many, leave 10.0.0.1's state alone while it is
	 * among the most recent. */
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.2", t), 0);
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.3", t), 0);
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.1", t), YK_ERATE);
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.4", t), 0);
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.1", t), YK_ERATE);
	/* Refill at the rate: one token after a second. */
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.1", t + 1000), 0);
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.1", t + 1000), YK_ERATE);
	/* A full table evicts the key seen least recently (10.0.0.2). */
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.5", t + 1000), 0);
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.1", t + 1000), YK_ERATE);
	for (int i = 0; i < 3; i++) /* 10.0.0.2 came back fresh */
		CHECK_INT(http_ratelimit_take(rl, "10.0.0.2", t + 1000), 0);
	/* Long keys are cut, not overflowed; a clock going back adds nothing. */
	char longkey[200];
	memset(longkey, 'k', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	CHECK_INT(http_ratelimit_take(rl, longkey, t), 0);
	CHECK_INT(http_ratelimit_take(rl, "10.0.0.1", t - 5000), YK_ERATE);
	http_ratelimit_free(rl);
	http_ratelimit_free(NULL);
}

/* The JSON string writer against jansson's reading of its output. */
static void json_str_case(const char *in, size_t len, const char *want)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	CHECK_INT(http_json_str(&b, in, len), 0);
	CHECK_STR(b.data, want);
	json_error_t err;
	json_t *j = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	CHECK(j != NULL && json_is_string(j));
	if (!j)
		fprintf(stderr, "not JSON: %s (%s)\n", b.data, err.text);
	if (j && yk_utf8_valid(in, len, NULL))
		CHECK(json_string_length(j) == len && memcmp(json_string_value(j), in, len) == 0);
	json_decref(j);
	yk_buf_release(&b);
}

TEST(json_string_writer)
{
	json_str_case("", 0, "\"\"");
	json_str_case("住民票の写し", strlen("住民票の写し"), "\"住民票の写し\"");
	json_str_case("a\"b\\c/d", 7, "\"a\\\"b\\\\c/d\"");
	json_str_case("改行\nタブ\t\x01", strlen("改行\nタブ\t\x01"),
		      "\"改行\\u000aタブ\\u0009\\u0001\"");
	json_str_case("a\0b", 3, "\"a\\u0000b\""); /* length, not NUL, ends it */
	/* Invalid UTF-8 (a stray continuation byte, a cut sequence, an overlong
	 * slash, a surrogate) becomes U+FFFD; the rest is kept. */
	json_str_case("x\x80y", 3, "\"x\xEF\xBF\xBDy\"");
	json_str_case("\xE4\xBD", 2, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
	json_str_case("\xC0\xAF!", 3, "\"\xEF\xBF\xBD!\"");
	json_str_case("\xED\xA0\x80\"", 4, "\"\xEF\xBF\xBD\\\"\"");
	/* Checked sequence by sequence (one pass): a 4-byte character is kept,
	 * an overlong 3-byte form and a code point above U+10FFFF are one
	 * U+FFFD each, and text around a bad byte is escaped as usual. */
	json_str_case("\xF0\x9F\x98\x80", 4, "\"\xF0\x9F\x98\x80\"");
	json_str_case("\xE0\x80\xAF", 3, "\"\xEF\xBF\xBD\"");
	json_str_case("\xF4\x90\x80\x80", 4, "\"\xEF\xBF\xBD\"");
	json_str_case("あ\x80\"い\n", strlen("あ\x80\"い\n"), "\"あ\xEF\xBF\xBD\\\"い\\u000a\"");
	/* A limit reached mid-string is reported, not overrun. */
	struct yk_buf b;
	yk_buf_init(&b, 8);
	CHECK_INT(http_json_str(&b, "0123456789", 10), YK_ELIMIT);
	CHECK(b.len <= 8);
	yk_buf_release(&b);
}

TEST_MAIN(T(api_requests_reach_the_handler_with_body), T(body_over_the_limit_is_413),
	  T(url_header_and_utf8_limits), T(assets_with_etag_and_traversal_refused),
	  T(start_fails_cleanly_on_a_bad_address), T(request_target_control_characters),
	  T(forwarded_client_is_the_last_hop), T(rate_limit_keys_never_share_or_refill),
	  T(json_string_writer))
