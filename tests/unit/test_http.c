/* Unit tests for src/http: a real daemon on 127.0.0.1 with an ephemeral
 * port and a small test application, driven with libcurl. Checks body
 * assembly and limits, URL/header limits, security headers, embedded
 * assets with ETag revalidation, and clean stop. */
#include <curl/curl.h>

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
	struct http_server_options o = {"127.0.0.1", 0, 2, NULL, 0, NULL};
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
	struct http_server_options o = {"not-an-ip", 0, 1, NULL, 0, NULL};
	struct http_server *srv = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(http_server_start(&o, &app, &srv, &ei), YK_EINVAL);
	CHECK(srv == NULL);
	/* A port already taken. */
	struct http_server *a = start();
	REQUIRE(a != NULL);
	struct http_server_options o2 = {"127.0.0.1", http_server_port(a), 1, NULL, 0, NULL};
	CHECK_INT(http_server_start(&o2, &app, &srv, &ei), YK_EIO);
	CHECK(strstr(ei.message, "cannot listen") != NULL);
	http_server_stop(a, 1000);
	http_server_stop(NULL, 0);
}

TEST_MAIN(T(api_requests_reach_the_handler_with_body), T(body_over_the_limit_is_413),
	  T(url_header_and_utf8_limits), T(assets_with_etag_and_traversal_refused),
	  T(start_fails_cleanly_on_a_bad_address))
