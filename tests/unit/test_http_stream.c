/* Unit tests for the streamed responses of src/http (http_respond_stream):
 * a real daemon on 127.0.0.1 with an ephemeral port, producer threads
 * started by the test handler, libcurl as the client. Checks that many
 * writes arrive whole and in order with the SSE headers, that a client who
 * goes away sets the cancel flag (also while the producer is silent, via
 * the keep-alive), and that stopping the server cancels a live stream and
 * waits for its producer. */
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "harness.h"
#include "http/http.h"

#define MANY_WRITES 2000

static atomic_int producer_saw_cancel;  /* the flag was observed */
static atomic_int producer_write_rc;    /* write result after the cancel */
static atomic_int producer_closed;
static atomic_int producer_started;

struct producer_arg {
	struct http_stream *s;
	int mode; /* 0 many writes, 1 one write then wait for cancel */
};

static void *producer(void *p)
{
	struct producer_arg *a = p;
	struct http_stream *s = a->s;
	atomic_store(&producer_started, 1);
	if (a->mode == 0) {
		for (int i = 0; i < MANY_WRITES; i++) {
			char line[64];
			int n = snprintf(line, sizeof(line), "data: %d\n\n", i);
			if (http_stream_write(s, line, (size_t)n) != 0)
				break;
			if (i % 97 == 0)
				usleep(1000); /* let the reader drain and suspend */
		}
	} else {
		if (http_stream_write(s, "data: first\n\n", 13) == 0) {
			atomic_int *cancel = http_stream_cancelled(s);
			/* Silent producer (a slow model): only the keep-alive can
			 * tell that the client left. */
			for (int i = 0; i < 1000 && !atomic_load(cancel); i++)
				usleep(10000);
			atomic_store(&producer_saw_cancel, atomic_load(cancel) != 0);
			atomic_store(&producer_write_rc, http_stream_write(s, "x", 1));
		}
	}
	free(a);
	atomic_store(&producer_closed, 1);
	http_stream_close(s);
	return NULL;
}

static void stream_handle(void *ctx, struct http_request *req, struct http_response *resp)
{
	(void)ctx;
	struct http_stream *s = NULL;
	if (http_respond_stream(resp, 200, "text/event-stream; charset=utf-8", &s) != 0) {
		resp->status = 500;
		return;
	}
	struct producer_arg *a = yk_xcalloc(1, sizeof(*a));
	a->s = resp->stream;
	a->mode = strcmp(req->path, "/api/many") == 0 ? 0 : 1;
	if (a->mode == 1)
		http_stream_keepalive(a->s, ":\n\n", 100);
	pthread_t t;
	if (pthread_create(&t, NULL, producer, a) != 0) {
		free(a);
		http_stream_close(resp->stream);
		return;
	}
	pthread_detach(t);
}

static size_t no_limit(void *ctx, const char *method, const char *path)
{
	(void)ctx;
	(void)method;
	(void)path;
	return 1024;
}

static struct http_server *start(void)
{
	struct http_app app = {NULL, stream_handle, no_limit, NULL};
	struct http_server_options o = {"127.0.0.1", 0, 2, NULL, 0, NULL, NULL};
	struct http_server *srv = NULL;
	if (http_server_start(&o, &app, &srv, NULL) != 0)
		return NULL;
	return srv;
}

static void reset_flags(void)
{
	atomic_store(&producer_saw_cancel, 0);
	atomic_store(&producer_write_rc, 1);
	atomic_store(&producer_closed, 0);
	atomic_store(&producer_started, 0);
}

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
	return yk_buf_add(ud, p, size * n) == 0 ? size * n : 0;
}

/* Stops reading (curl aborts the transfer) after the first bytes. */
static size_t hang_up(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	atomic_store((atomic_int *)ud, 1);
	(void)size;
	(void)n;
	return 0;
}

static void wait_for(atomic_int *flag, int ms)
{
	for (int i = 0; i < ms / 10 && !atomic_load(flag); i++)
		usleep(10000);
}

TEST(many_writes_arrive_in_order_with_sse_headers)
{
	yk_log_set_level(YK_LOG_ERROR);
	reset_flags();
	struct http_server *srv = start();
	REQUIRE(srv != NULL);
	char url[128];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/api/many", (unsigned)http_server_port(srv));
	struct yk_buf body, headers;
	yk_buf_init(&body, 0);
	yk_buf_init(&headers, 0);
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, "{}");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &headers);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	CHECK_INT(curl_easy_perform(c), CURLE_OK);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	CHECK_INT(status, 200);
	REQUIRE(headers.data != NULL);
	CHECK(strstr(headers.data, "Content-Type: text/event-stream; charset=utf-8") != NULL);
	CHECK(strstr(headers.data, "Cache-Control: no-store") != NULL);
	CHECK(strstr(headers.data, "X-Accel-Buffering: no") != NULL);
	struct yk_buf want;
	yk_buf_init(&want, 0);
	for (int i = 0; i < MANY_WRITES; i++)
		CHECK_INT(yk_buf_addf(&want, "data: %d\n\n", i), 0);
	CHECK_INT(body.len, want.len);
	CHECK(body.len == want.len && memcmp(body.data, want.data, want.len) == 0);
	wait_for(&producer_closed, 2000);
	CHECK_INT(atomic_load(&producer_closed), 1);
	yk_buf_release(&want);
	yk_buf_release(&body);
	yk_buf_release(&headers);
	http_server_stop(srv, 1000);
}

TEST(client_disconnect_sets_the_cancel_flag)
{
	reset_flags();
	struct http_server *srv = start();
	REQUIRE(srv != NULL);
	char url[128];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/api/slow", (unsigned)http_server_port(srv));
	atomic_int got = 0;
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, "{}");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, hang_up);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &got);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	CHECK_INT(curl_easy_perform(c), CURLE_WRITE_ERROR); /* we hung up */
	curl_easy_cleanup(c);
	CHECK_INT(atomic_load(&got), 1);
	int64_t t0 = yk_mono_us();
	wait_for(&producer_closed, 8000);
	CHECK_INT(atomic_load(&producer_closed), 1);
	CHECK_INT(atomic_load(&producer_saw_cancel), 1);
	CHECK_INT(atomic_load(&producer_write_rc), YK_ECANCELED);
	/* Noticed through the 100 ms keep-alive, not a 60 s timeout. */
	CHECK(yk_mono_us() - t0 < 5000000);
	http_server_stop(srv, 1000);
}

struct client_arg {
	uint16_t port;
	atomic_int got;
	CURLcode rc;
};

static size_t note_bytes(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	atomic_store(&((struct client_arg *)ud)->got, 1);
	return size * n;
}

static void *client(void *p)
{
	struct client_arg *a = p;
	char url[128];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/api/slow", (unsigned)a->port);
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, "{}");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, note_bytes);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	a->rc = curl_easy_perform(c);
	curl_easy_cleanup(c);
	return NULL;
}

TEST(stop_cancels_a_live_stream_and_waits_for_its_producer)
{
	reset_flags();
	struct http_server *srv = start();
	REQUIRE(srv != NULL);
	struct client_arg a;
	memset(&a, 0, sizeof(a));
	a.port = http_server_port(srv);
	pthread_t t;
	REQUIRE(pthread_create(&t, NULL, client, &a) == 0);
	wait_for(&a.got, 5000);
	CHECK_INT(atomic_load(&a.got), 1);
	CHECK_INT(atomic_load(&producer_closed), 0); /* still streaming */
	int64_t t0 = yk_mono_us();
	http_server_stop(srv, 300);
	int64_t took = yk_mono_us() - t0;
	/* The drain time passed, then the stream was cancelled and its
	 * producer had closed before stop returned. */
	CHECK(took >= 300000);
	CHECK(took < 5000000);
	CHECK_INT(atomic_load(&producer_closed), 1);
	CHECK_INT(atomic_load(&producer_saw_cancel), 1);
	CHECK_INT(atomic_load(&producer_write_rc), YK_ECANCELED);
	pthread_join(t, NULL);
	CHECK(a.rc != CURLE_OK); /* the response ended with an error, not normally */
}

TEST_MAIN(T(many_writes_arrive_in_order_with_sse_headers),
	  T(client_disconnect_sets_the_cancel_flag),
	  T(stop_cancels_a_live_stream_and_waits_for_its_producer))
