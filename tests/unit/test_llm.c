/* Unit tests for src/llm.
 *
 * 1. The SSE parser and the chat-stream decoder over the data files in
 *    tests/data/llm/ (see its README), each fed whole, byte by byte, and
 *    split at every position (and every pair of positions for small files):
 *    all splits must give exactly the same result.
 * 2. Error-body mapping from tests/data/llm/errors.txt.
 * 3. The libcurl client against the replay server tests/llm-server/server.mjs
 *    (started here with posix_spawn on 127.0.0.1, ephemeral port): streams,
 *    plain JSON, request bodies as received, errors, retries, timeouts,
 *    cancellation, embeddings and models.
 * 4. Configuration from settings and the llm_usage table.
 * Run from the repository root (scripts/run-tests.sh does). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include "harness.h"
#include "replay_server.h"
#include "llm/llm.h"
#include "store/store.h"


#define DATA_DIR "tests/data/llm"
#define MAX_DATA_FILES 64
#define THREE_WAY_MAX_BYTES 400 /* every pair of cut points: O(n^2) feeds */

/* ---- small helpers ---------------------------------------------------------- */

static int read_file(const char *path, struct yk_buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return YK_EIO;
	char tmp[4096];
	size_t n;
	int rc = 0;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		if ((rc = yk_buf_add(out, tmp, n)))
			break;
	fclose(f);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names (without ".sse") of the .sse files in dir, sorted; free with free(). */
static size_t list_cases(const char *dir, char **names)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < MAX_DATA_FILES) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".sse") == 0)
			names[n++] = yk_xstrndup(e->d_name, len - 4);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), cmp_names);
	return n;
}

static void add_escaped(struct yk_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		int rc;
		if (s[i] == '\n')
			rc = yk_buf_adds(b, "\\n");
		else if (s[i] == '\r')
			rc = yk_buf_adds(b, "\\r");
		else if (s[i] == '\\')
			rc = yk_buf_adds(b, "\\\\");
		else
			rc = yk_buf_addc(b, s[i]);
		if (rc)
			abort();
	}
}

/* ---- 1a. SSE parser over data files ---------------------------------------- */

static int collect_event(void *ctx, const struct llm_sse_event *ev)
{
	struct yk_buf *b = ctx;
	if (yk_buf_addc(b, '[') || yk_buf_add(b, ev->event, ev->event_len) || yk_buf_adds(b, "] "))
		abort();
	add_escaped(b, ev->data, ev->data_len);
	if (ev->data[ev->data_len] != '\0' || yk_buf_addc(b, '\n'))
		abort(); /* the header promises a NUL after data */
	return 0;
}

/* Feeds bytes cut at the ncuts ascending positions in cuts, then finishes. */
static void sse_run(const char *bytes, size_t len, const size_t *cuts, size_t ncuts,
		    struct yk_buf *out)
{
	struct llm_sse_parser p;
	llm_sse_init(&p, 0, 0, collect_event, out);
	size_t at = 0;
	int rc = 0;
	for (size_t i = 0; i <= ncuts && rc == 0; i++) {
		size_t end = i < ncuts ? cuts[i] : len;
		rc = llm_sse_feed(&p, bytes + at, end - at);
		at = end;
	}
	if (rc == 0 && yk_buf_addf(out, "pending %d\n", llm_sse_finish(&p)))
		abort();
	if (rc && yk_buf_addf(out, "error %s\n", yk_err_code(rc)))
		abort();
	llm_sse_release(&p);
}

typedef void (*feed_run)(const char *bytes, size_t len, const size_t *cuts, size_t ncuts,
			 struct yk_buf *out);

/* Reads DATA_DIR/<dir>/<name>.sse and .expected. */
static void read_case(const char *dir, const char *name, struct yk_buf *in, struct yk_buf *want)
{
	char path[512];
	yk_buf_init(in, 0);
	yk_buf_init(want, 0);
	snprintf(path, sizeof(path), DATA_DIR "/%s/%s.sse", dir, name);
	CHECK(read_file(path, in) == 0);
	snprintf(path, sizeof(path), DATA_DIR "/%s/%s.expected", dir, name);
	CHECK(read_file(path, want) == 0);
}

/* 1 if run() gives want whatever single point the input is split at. */
static int every_split_agrees(feed_run run, const char *dir, const char *name,
			      const struct yk_buf *in, const struct yk_buf *want, struct yk_buf *got)
{
	const char *bytes = in->data ? in->data : "";
	for (size_t i = 0; i <= in->len; i++) {
		yk_buf_reset(got);
		run(bytes, in->len, &i, 1, got);
		if (strcmp(got->data, want->data ? want->data : "") != 0) {
			fprintf(stderr, "%s/%s: split at %zu differs:\n%s", dir, name, i, got->data);
			return 0;
		}
	}
	return 1;
}

TEST(sse_data_files)
{
	char *names[MAX_DATA_FILES];
	size_t n = list_cases(DATA_DIR "/sse", names);
	CHECK(n >= 5);
	for (size_t k = 0; k < n; k++) {
		struct yk_buf in, want, got;
		read_case("sse", names[k], &in, &want);
		yk_buf_init(&got, 0);
		const char *bytes = in.data ? in.data : "";

		sse_run(bytes, in.len, NULL, 0, &got);
		if (strcmp(got.data ? got.data : "", want.data ? want.data : "") != 0) {
			fprintf(stderr, "sse/%s: whole feed gave:\n%s", names[k], got.data);
			CHECK(!"whole feed differs from .expected");
		}
		/* Byte by byte. */
		size_t *cuts = yk_xcalloc(in.len + 1, sizeof(size_t));
		for (size_t i = 0; i + 1 < in.len; i++)
			cuts[i] = i + 1;
		yk_buf_reset(&got);
		sse_run(bytes, in.len, cuts, in.len ? in.len - 1 : 0, &got);
		CHECK_STR(got.data, want.data);
		/* Every single split point, then every pair for small inputs. */
		int bad = !every_split_agrees(sse_run, "sse", names[k], &in, &want, &got);
		for (size_t i = 0; in.len <= THREE_WAY_MAX_BYTES && i <= in.len && !bad; i++)
			for (size_t j = i; j <= in.len && !bad; j++) {
				size_t two[2] = {i, j};
				yk_buf_reset(&got);
				sse_run(bytes, in.len, two, 2, &got);
				bad = strcmp(got.data, want.data) != 0;
				if (bad)
					fprintf(stderr, "sse/%s: split at %zu,%zu differs\n", names[k], i, j);
			}
		CHECK(!bad);
		free(cuts);
		yk_buf_release(&in);
		yk_buf_release(&want);
		yk_buf_release(&got);
		free(names[k]);
	}
}

static int stop_at_second(void *ctx, const struct llm_sse_event *ev)
{
	(void)ev;
	int *count = ctx;
	return ++*count == 2 ? YK_ECANCELED : 0;
}

TEST(sse_limits_and_stop)
{
	struct llm_sse_parser p;
	int count = 0;
	/* A line over max_line fails whether it comes whole or in pieces. */
	llm_sse_init(&p, 16, 64, stop_at_second, &count);
	CHECK_INT(llm_sse_feed(&p, "data: 0123456789abcdef\n", 23), YK_ELIMIT);
	CHECK_INT(llm_sse_feed(&p, "data: x\n\n", 9), YK_ELIMIT); /* sticky */
	llm_sse_release(&p);
	llm_sse_init(&p, 16, 64, stop_at_second, &count);
	CHECK_INT(llm_sse_feed(&p, "data: 01234", 11), 0);
	CHECK_INT(llm_sse_feed(&p, "56789", 5), 0);
	CHECK_INT(llm_sse_feed(&p, "a", 1), YK_ELIMIT);
	llm_sse_release(&p);
	/* Exactly max_line fits. */
	llm_sse_init(&p, 16, 64, stop_at_second, &count);
	CHECK_INT(llm_sse_feed(&p, "data: 0123456789\n\n", 18), 0);
	CHECK_INT(count, 1);
	llm_sse_release(&p);
	/* An event of many short data lines is bounded by max_event. */
	count = 0;
	llm_sse_init(&p, 16, 64, stop_at_second, &count);
	int rc = 0;
	for (int i = 0; i < 20 && rc == 0; i++)
		rc = llm_sse_feed(&p, "data: 0123456\n", 14);
	CHECK_INT(rc, YK_ELIMIT);
	CHECK_INT(count, 0);
	llm_sse_release(&p);
	/* The callback's value stops the parser and sticks. */
	count = 0;
	llm_sse_init(&p, 0, 0, stop_at_second, &count);
	CHECK_INT(llm_sse_feed(&p, "data: a\n\ndata: b\n\ndata: c\n\n", 27), YK_ECANCELED);
	CHECK_INT(count, 2);
	CHECK_INT(llm_sse_feed(&p, "data: d\n\n", 9), YK_ECANCELED);
	CHECK_INT(count, 2);
	llm_sse_release(&p);
	/* retry keeps the last valid value. */
	llm_sse_init(&p, 0, 0, NULL, NULL);
	CHECK_INT(llm_sse_feed(&p, "retry: 250\nretry: x1\nretry: -5\n\n", 32), 0);
	CHECK_INT(p.retry_ms, 250);
	llm_sse_release(&p);
}

/* ---- 1b. chat stream decoder over data files --------------------------------- */

static int collect_delta(void *ctx, const char *text, size_t len)
{
	struct yk_buf *b = ctx;
	if (len == 0 || !yk_utf8_valid(text, len, NULL))
		abort(); /* the contract: non-empty, valid UTF-8 */
	return yk_buf_add(b, text, len) ? 1 : 0;
}

static void chat_run(const char *bytes, size_t len, const size_t *cuts, size_t ncuts,
		     struct yk_buf *out)
{
	struct llm_chat_stream s;
	struct yk_buf deltas;
	yk_buf_init(&deltas, 0);
	llm_chat_stream_init(&s, collect_delta, &deltas, 1);
	size_t at = 0;
	int rc = 0;
	for (size_t i = 0; i <= ncuts && rc == 0; i++) {
		size_t end = i < ncuts ? cuts[i] : len;
		rc = llm_chat_stream_feed(&s, bytes + at, end - at);
		at = end;
	}
	if (rc == 0)
		rc = llm_chat_stream_finish(&s);
	size_t clen;
	const char *content = llm_chat_stream_content(&s, &clen);
	if (clen != deltas.len || memcmp(content, deltas.data ? deltas.data : "", clen) != 0)
		abort(); /* kept content must equal what reached the callback */
	if (yk_buf_addf(out, "result %s\nrole %s\ncontent %s\nfinish_reason %s\n"
			"prompt_tokens %lld\ncompletion_tokens %lld\n",
			yk_err_code(rc), s.role, content, s.finish_reason,
			(long long)s.usage.prompt_tokens, (long long)s.usage.completion_tokens))
		abort();
	llm_chat_stream_release(&s);
	yk_buf_release(&deltas);
}

TEST(chat_data_files)
{
	char *names[MAX_DATA_FILES];
	size_t n = list_cases(DATA_DIR "/chat", names);
	CHECK(n >= 8);
	for (size_t k = 0; k < n; k++) {
		struct yk_buf in, want, got;
		read_case("chat", names[k], &in, &want);
		yk_buf_init(&got, 0);
		chat_run(in.data, in.len, NULL, 0, &got);
		if (strcmp(got.data, want.data ? want.data : "") != 0) {
			fprintf(stderr, "chat/%s: got:\n%s", names[k], got.data);
			CHECK(!"chat decoding differs from .expected");
		}
		CHECK(every_split_agrees(chat_run, "chat", names[k], &in, &want, &got));
		yk_buf_release(&in);
		yk_buf_release(&want);
		yk_buf_release(&got);
		free(names[k]);
	}
}

static int cancel_delta(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	(void)text;
	(void)len;
	return 1;
}

TEST(chat_stream_cancel_and_limits)
{
	static const char ev[] = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"あ\"}}]}\n\n";
	struct llm_chat_stream s;
	llm_chat_stream_init(&s, cancel_delta, NULL, 0);
	CHECK_INT(llm_chat_stream_feed(&s, ev, sizeof(ev) - 1), YK_ECANCELED);
	CHECK_INT(llm_chat_stream_finish(&s), YK_ECANCELED);
	llm_chat_stream_release(&s);
	/* A chunk that is JSON but not an object. */
	llm_chat_stream_init(&s, NULL, NULL, 1);
	CHECK_INT(llm_chat_stream_feed(&s, "data: [1,2]\n\n", 13), YK_EUPSTREAM);
	llm_chat_stream_release(&s);
	/* Invalid UTF-8 inside a JSON string fails the chunk, never passes on. */
	llm_chat_stream_init(&s, NULL, NULL, 1);
	static const char bad[] = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\xE3\x81\"}}]}\n\n";
	CHECK_INT(llm_chat_stream_feed(&s, bad, sizeof(bad) - 1), YK_EUPSTREAM);
	size_t len;
	llm_chat_stream_content(&s, &len);
	CHECK_INT(len, 0);
	llm_chat_stream_release(&s);
	/* The kept reply is bounded by LLM_MAX_REPLY_BYTES. */
	llm_chat_stream_init(&s, NULL, NULL, 1);
	struct yk_buf big;
	yk_buf_init(&big, 0);
	CHECK(yk_buf_adds(&big, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"") == 0);
	for (size_t i = 0; i < 20000; i++) /* 200 kB: under the SSE line limit */
		CHECK(yk_buf_adds(&big, "0123456789") == 0);
	CHECK(yk_buf_adds(&big, "\"}}]}\n\n") == 0);
	int rc = 0, fed = 0;
	for (; fed < 20 && rc == 0; fed++)
		rc = llm_chat_stream_feed(&s, big.data, big.len);
	CHECK_INT(rc, YK_ELIMIT);
	CHECK_INT(fed, LLM_MAX_REPLY_BYTES / 200000 + 1);
	yk_buf_release(&big);
	llm_chat_stream_release(&s);
}

/* ---- 2. error bodies ---------------------------------------------------------- */

TEST(error_bodies)
{
	struct yk_buf f;
	yk_buf_init(&f, 0);
	REQUIRE(read_file(DATA_DIR "/errors.txt", &f) == 0);
	int cases = 0;
	char *save = NULL;
	for (char *line = strtok_r(f.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		REQUIRE(t1 && t2);
		*t1 = *t2 = '\0';
		int64_t status;
		REQUIRE(yk_parse_i64(line, strlen(line), 0, 999, &status) == 0);
		char msg[512];
		int rc = llm_error_from_body((long)status, t2 + 1, strlen(t2 + 1), msg, sizeof(msg));
		if (strcmp(yk_err_code(rc), t1 + 1) != 0)
			fprintf(stderr, "errors.txt: %s %s gave %s\n", line, t2 + 1, yk_err_code(rc));
		CHECK_STR(yk_err_code(rc), t1 + 1);
		CHECK(msg[0] != '\0');
		CHECK(yk_utf8_valid(msg, strlen(msg), NULL));
		cases++;
	}
	CHECK(cases >= 15);
	yk_buf_release(&f);
	/* Every client error has a Japanese sentence for staff. */
	static const int errs[] = {YK_ENOTCONFIGURED, YK_ECONTEXT, YK_EUPSTREAM_AUTH, YK_EMODEL,
				   YK_ERATE, YK_EUPSTREAM, YK_EUNREACHABLE, YK_ETIMEOUT,
				   YK_ECANCELED, YK_ELIMIT};
	for (size_t i = 0; i < YK_ARRAY_LEN(errs); i++) {
		const char *m = llm_error_staff_message(errs[i]);
		CHECK(m && (unsigned char)m[0] >= 0xE3);
	}
}

/* ---- 3. client against the replay server -------------------------------------- */


static void test_config(struct llm_config *c, const char *model)
{
	llm_config_init(c);
	snprintf(c->base_url, sizeof(c->base_url), "http://127.0.0.1:%u/v1/", replay_port());
	yk_strlcpy(c->model, model, sizeof(c->model));
	yk_strlcpy(c->api_key, "test-key-123", sizeof(c->api_key));
	c->retry_base_ms = 50;
	c->total_timeout_ms = 20000;
}

#define REPLY_TEXT "こんにちは。みどり市役所の案内係です。転入届は市民課で受け付けます。"

struct chat_run {
	int rc;
	struct llm_chat_result res;
	struct yk_buf deltas;
	int ndeltas;
	atomic_int cancel;
	int cancel_after;  /* set the flag after this many deltas (0 = never) */
	int refuse_after;  /* return non-zero after this many deltas */
	struct yk_errinfo ei;
	int64_t elapsed_ms;
};

static int run_delta(void *ctx, const char *text, size_t len)
{
	struct chat_run *r = ctx;
	if (yk_buf_add(&r->deltas, text, len))
		return 1;
	r->ndeltas++;
	if (r->cancel_after && r->ndeltas >= r->cancel_after)
		atomic_store(&r->cancel, 1);
	return r->refuse_after && r->ndeltas >= r->refuse_after;
}

static void chat_start(struct chat_run *r)
{
	memset(r, 0, sizeof(*r));
	yk_buf_init(&r->deltas, 0);
	atomic_init(&r->cancel, 0);
	yk_errinfo_clear(&r->ei);
}

static void chat_go(struct chat_run *r, const struct llm_config *cfg, int stream,
		    const char *text)
{
	struct llm_message msgs[2] = {{"system", "あなたはみどり市役所の職員を支援します。"},
				      {"user", text}};
	struct llm_chat_request req = {msgs, 2, stream, run_delta, r, &r->cancel};
	int64_t t0 = yk_mono_us();
	r->rc = llm_chat(cfg, &req, &r->res, &r->ei);
	r->elapsed_ms = (yk_mono_us() - t0) / 1000;
}

static void chat_end(struct chat_run *r)
{
	llm_chat_result_release(&r->res);
	yk_buf_release(&r->deltas);
}

static void run_scenario(struct chat_run *r, const char *model, int stream)
{
	struct llm_config cfg;
	test_config(&cfg, model);
	chat_start(r);
	chat_go(r, &cfg, stream, "転入届について教えてください");
}

TEST(client_streams)
{
	REQUIRE(replay_port() != 0);
	static const char *const scenarios[] = {"normal", "split", "fancy", "usage-last"};
	for (size_t i = 0; i < YK_ARRAY_LEN(scenarios); i++) {
		struct chat_run r;
		run_scenario(&r, scenarios[i], 1);
		if (r.rc)
			fprintf(stderr, "%s: %s (%s)\n", scenarios[i], yk_err_code(r.rc),
				r.res.upstream_message);
		CHECK_INT(r.rc, 0);
		CHECK_STR(r.res.content, REPLY_TEXT);
		CHECK_INT(r.res.content_len, strlen(REPLY_TEXT));
		CHECK_STR(r.deltas.data, REPLY_TEXT);
		CHECK(r.ndeltas >= 5); /* arrived in pieces, not at the end */
		CHECK_STR(r.res.finish_reason, "stop");
		CHECK_INT(r.res.usage.prompt_tokens, 42);
		CHECK_INT(r.res.usage.completion_tokens, 17);
		CHECK_INT(r.res.http_status, 200);
		CHECK_INT(r.res.attempts, 1);
		CHECK(r.res.first_token_ms >= 0 && r.res.first_token_ms <= r.res.latency_ms);
		CHECK_STR(r.ei.message, "");
		chat_end(&r);
	}
}

TEST(client_plain_json)
{
	REQUIRE(replay_port() != 0);
	struct chat_run r;
	run_scenario(&r, "normal", 0);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.res.content, REPLY_TEXT);
	CHECK_STR(r.deltas.data, REPLY_TEXT); /* one piece, still delivered */
	CHECK_INT(r.ndeltas, 1);
	CHECK_INT(r.res.usage.prompt_tokens, 42);
	CHECK_INT(r.res.usage.completion_tokens, 17);
	chat_end(&r);
	/* A server that ignores "stream": true. */
	run_scenario(&r, "ignore-stream", 1);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.res.content, REPLY_TEXT);
	CHECK_STR(r.res.finish_reason, "stop");
	chat_end(&r);
	run_scenario(&r, "length", 0);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.res.finish_reason, "length");
	chat_end(&r);
	run_scenario(&r, "length", 1);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.res.finish_reason, "length");
	CHECK_STR(r.res.content, REPLY_TEXT);
	chat_end(&r);
}

/* The last request the replay server recorded, parsed (caller decrefs). */
static json_t *last_request(void)
{
	struct yk_buf f;
	yk_buf_init(&f, 0);
	if (read_file(replay_record_path, &f) || f.len < 2) {
		yk_buf_release(&f);
		return NULL;
	}
	size_t end = f.len - 1; /* the final "\n" */
	size_t start = end;
	while (start > 0 && f.data[start - 1] != '\n')
		start--;
	json_t *j = json_loadb(f.data + start, end - start, 0, NULL);
	yk_buf_release(&f);
	return j;
}

TEST(client_request_as_received)
{
	REQUIRE(replay_port() != 0);
	struct llm_config cfg;
	test_config(&cfg, "echo");
	cfg.max_tokens = 300;
	cfg.temperature = 0.5;
	struct chat_run r;
	chat_start(&r);
	chat_go(&r, &cfg, 1, "住民票の写しはどこで取れますか？\n\"引用\" と \\ 記号");
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.res.content, "住民票の写しはどこで取れますか？\n\"引用\" と \\ 記号");
	chat_end(&r);
	json_t *req = last_request();
	REQUIRE(req != NULL);
	CHECK_STR(json_string_value(json_object_get(req, "path")), "/v1/chat/completions");
	CHECK_STR(json_string_value(json_object_get(req, "auth_value")), "Bearer test-key-123");
	json_t *body = json_object_get(req, "body");
	CHECK_STR(json_string_value(json_object_get(body, "model")), "echo");
	CHECK(json_is_true(json_object_get(body, "stream")));
	CHECK(json_is_true(json_object_get(json_object_get(body, "stream_options"), "include_usage")));
	CHECK_INT(json_integer_value(json_object_get(body, "max_tokens")), 300);
	CHECK(json_real_value(json_object_get(body, "temperature")) == 0.5);
	json_t *msgs = json_object_get(body, "messages");
	CHECK_INT(json_array_size(msgs), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(msgs, 0), "role")), "system");
	CHECK_STR(json_string_value(json_object_get(json_array_get(msgs, 1), "content")),
		  "住民票の写しはどこで取れますか？\n\"引用\" と \\ 記号");
	json_decref(req);

	/* Azure style key header; no max_tokens / temperature when unset;
	 * no stream_options without streaming. */
	cfg.auth_style = LLM_AUTH_API_KEY;
	cfg.max_tokens = 0;
	cfg.temperature = -1;
	chat_start(&r);
	chat_go(&r, &cfg, 0, "こんにちは");
	CHECK_INT(r.rc, 0);
	chat_end(&r);
	req = last_request();
	REQUIRE(req != NULL);
	CHECK_STR(json_string_value(json_object_get(req, "auth")), "api-key");
	CHECK_STR(json_string_value(json_object_get(req, "auth_value")), "test-key-123");
	body = json_object_get(req, "body");
	CHECK(json_object_get(body, "max_tokens") == NULL);
	CHECK(json_object_get(body, "temperature") == NULL);
	CHECK(json_object_get(body, "stream_options") == NULL);
	CHECK(json_is_false(json_object_get(body, "stream")));
	json_decref(req);

	/* Bad arguments never reach the server. */
	struct llm_message bad[1] = {{"user", "\xff\xfe"}};
	struct llm_chat_request breq = {bad, 1, 0, NULL, NULL, NULL};
	struct llm_chat_result res;
	CHECK_INT(llm_chat(&cfg, &breq, &res, NULL), YK_EUTF8);
	llm_chat_result_release(&res);
	breq.nmessages = 0;
	CHECK_INT(llm_chat(&cfg, &breq, &res, NULL), YK_EINVAL);
	CHECK_STR(res.content, "");
	llm_chat_result_release(&res);
}

TEST(client_http_errors)
{
	REQUIRE(replay_port() != 0);
	static const struct {
		const char *scenario;
		int stream;
		int err;
		int attempts;
	} cases[] = {
		{"error-400-context", 1, YK_ECONTEXT, 1},
		{"error-400", 1, YK_EUPSTREAM, 1},
		{"error-401", 1, YK_EUPSTREAM_AUTH, 1},
		{"error-404", 0, YK_EMODEL, 1},
		{"error-500", 1, YK_EUPSTREAM, 3},     /* max_retries 2 */
		{"error-503-html", 0, YK_EUPSTREAM, 3},
		{"error-429-long", 1, YK_ERATE, 1},    /* Retry-After beyond our wait */
		{"bad-json", 0, YK_EUPSTREAM, 1},
		{"bad-json", 1, YK_EUPSTREAM, 1},
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(cases); i++) {
		struct chat_run r;
		run_scenario(&r, cases[i].scenario, cases[i].stream);
		if (r.rc != cases[i].err)
			fprintf(stderr, "%s: got %s (%s)\n", cases[i].scenario, yk_err_code(r.rc),
				r.res.upstream_message);
		CHECK_INT(r.rc, cases[i].err);
		CHECK_INT(r.res.attempts, cases[i].attempts);
		CHECK_STR(r.ei.message, llm_error_staff_message(cases[i].err));
		CHECK(r.res.upstream_message[0] != '\0');
		CHECK_INT(r.ndeltas, 0);
		CHECK(r.res.content != NULL);
		chat_end(&r);
	}
}

TEST(client_retries)
{
	REQUIRE(replay_port() != 0);
	struct chat_run r;
	/* 429 with Retry-After: 1 once: the second attempt succeeds after ~1 s. */
	run_scenario(&r, "error-429-once", 1);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.res.attempts, 2);
	CHECK(r.elapsed_ms >= 950);
	CHECK_STR(r.res.content, REPLY_TEXT);
	chat_end(&r);
	/* Retry-After as an HTTP date (about 1-2 s ahead, second resolution). */
	run_scenario(&r, "error-429-date-once", 1);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.res.attempts, 2);
	CHECK(r.elapsed_ms >= 500);
	chat_end(&r);
	/* 500 once: retried after the backoff. */
	run_scenario(&r, "error-500-once", 0);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.res.attempts, 2);
	chat_end(&r);
	/* 429 always: bounded by max_retries. */
	struct llm_config cfg;
	test_config(&cfg, "error-429");
	cfg.max_retries = 1;
	chat_start(&r);
	chat_go(&r, &cfg, 1, "テスト");
	CHECK_INT(r.rc, YK_ERATE);
	CHECK_INT(r.res.attempts, 2);
	CHECK_INT(r.res.http_status, 429);
	chat_end(&r);
	/* No retry at all when max_retries is 0. */
	test_config(&cfg, "error-500");
	cfg.max_retries = 0;
	chat_start(&r);
	chat_go(&r, &cfg, 1, "テスト");
	CHECK_INT(r.rc, YK_EUPSTREAM);
	CHECK_INT(r.res.attempts, 1);
	chat_end(&r);
}

TEST(client_broken_streams)
{
	REQUIRE(replay_port() != 0);
	struct chat_run r;
	/* No [DONE]: an error, but the text and usage received are kept. */
	run_scenario(&r, "no-done", 1);
	CHECK_INT(r.rc, YK_EUPSTREAM);
	CHECK_STR(r.res.content, REPLY_TEXT);
	CHECK_INT(r.res.usage.prompt_tokens, 42);
	CHECK_INT(r.res.attempts, 1); /* text reached the caller: never retried */
	chat_end(&r);
	/* Connection closed inside an event. */
	run_scenario(&r, "cut", 1);
	CHECK_INT(r.rc, YK_EUPSTREAM);
	CHECK_INT(r.res.attempts, 1);
	CHECK(r.res.content_len < strlen(REPLY_TEXT));
	chat_end(&r);
	/* An error object after some text. */
	run_scenario(&r, "stream-error", 1);
	CHECK_INT(r.rc, YK_EUPSTREAM);
	CHECK_STR(r.res.content, "こんにちは。みどり市役所");
	CHECK(strstr(r.res.upstream_message, "server had an error") != NULL);
	chat_end(&r);
}

TEST(client_timeouts)
{
	REQUIRE(replay_port() != 0);
	struct llm_config cfg;
	struct chat_run r;
	/* Silence after the first deltas: the idle timeout ends it. */
	test_config(&cfg, "slow");
	cfg.idle_timeout_ms = 400;
	chat_start(&r);
	chat_go(&r, &cfg, 1, "テスト");
	CHECK_INT(r.rc, YK_ETIMEOUT);
	CHECK_STR(r.res.content, "こんにちは。");
	CHECK(r.elapsed_ms >= 400 && r.elapsed_ms < 3000);
	chat_end(&r);
	/* No headers at all: the total timeout ends it, never retried. */
	test_config(&cfg, "slow-headers");
	cfg.total_timeout_ms = 700;
	chat_start(&r);
	chat_go(&r, &cfg, 1, "テスト");
	CHECK_INT(r.rc, YK_ETIMEOUT);
	CHECK(r.elapsed_ms >= 650 && r.elapsed_ms < 3000);
	CHECK_INT(r.res.attempts, 1);
	chat_end(&r);
	/* Total timeout while streaming. */
	test_config(&cfg, "slow");
	cfg.total_timeout_ms = 600;
	chat_start(&r);
	chat_go(&r, &cfg, 1, "テスト");
	CHECK_INT(r.rc, YK_ETIMEOUT);
	CHECK(r.elapsed_ms < 3000);
	chat_end(&r);
}

TEST(client_unreachable_and_unconfigured)
{
	/* A port that was just free: connection refused. */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(fd >= 0);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t alen = sizeof(a);
	REQUIRE(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0);
	REQUIRE(getsockname(fd, (struct sockaddr *)&a, &alen) == 0);
	close(fd);
	struct llm_config cfg;
	llm_config_init(&cfg);
	snprintf(cfg.base_url, sizeof(cfg.base_url), "http://127.0.0.1:%u/v1", ntohs(a.sin_port));
	cfg.max_retries = 0;
	struct chat_run r;
	chat_start(&r);
	chat_go(&r, &cfg, 1, "テスト");
	CHECK_INT(r.rc, YK_EUNREACHABLE);
	CHECK_STR(r.ei.message, llm_error_staff_message(YK_EUNREACHABLE));
	chat_end(&r);
	cfg.base_url[0] = '\0';
	chat_start(&r);
	chat_go(&r, &cfg, 1, "テスト");
	CHECK_INT(r.rc, YK_ENOTCONFIGURED);
	CHECK_INT(r.res.attempts, 0);
	chat_end(&r);
}

static void *cancel_later(void *arg)
{
	struct timespec ts = {0, 200 * 1000 * 1000};
	nanosleep(&ts, NULL);
	atomic_store((atomic_int *)arg, 1);
	return NULL;
}

TEST(client_cancel)
{
	REQUIRE(replay_port() != 0);
	struct llm_config cfg;
	struct chat_run r;
	/* The browser went away after the first delta: the flag aborts the
	 * transfer although the server is silent for 30 s. */
	test_config(&cfg, "slow");
	chat_start(&r);
	r.cancel_after = 1;
	chat_go(&r, &cfg, 1, "テスト");
	CHECK_INT(r.rc, YK_ECANCELED);
	CHECK(r.elapsed_ms < 2000);
	CHECK_STR(r.ei.message, llm_error_staff_message(YK_ECANCELED));
	chat_end(&r);
	/* Flag set from another thread while waiting for headers. */
	test_config(&cfg, "slow-headers");
	chat_start(&r);
	pthread_t th;
	REQUIRE(pthread_create(&th, NULL, cancel_later, &r.cancel) == 0);
	chat_go(&r, &cfg, 1, "テスト");
	pthread_join(th, NULL);
	CHECK_INT(r.rc, YK_ECANCELED);
	CHECK(r.elapsed_ms >= 150 && r.elapsed_ms < 2000);
	chat_end(&r);
	/* Flag set during a retry wait (Retry-After: 1). */
	test_config(&cfg, "error-429");
	chat_start(&r);
	REQUIRE(pthread_create(&th, NULL, cancel_later, &r.cancel) == 0);
	chat_go(&r, &cfg, 1, "テスト");
	pthread_join(th, NULL);
	CHECK_INT(r.rc, YK_ECANCELED);
	CHECK(r.elapsed_ms < 900);
	chat_end(&r);
	/* The delta callback refuses: canceled, text so far kept. */
	test_config(&cfg, "split");
	chat_start(&r);
	r.refuse_after = 2;
	chat_go(&r, &cfg, 1, "テスト");
	CHECK_INT(r.rc, YK_ECANCELED);
	CHECK_INT(r.ndeltas, 2);
	CHECK_STR(r.res.content, "こんにちは。みどり市役所");
	chat_end(&r);
}

TEST(client_embeddings_and_models)
{
	REQUIRE(replay_port() != 0);
	struct llm_config cfg;
	test_config(&cfg, "embed");
	const char *texts[] = {"住民票", "ごみの出し方", "b"};
	float *v = NULL, *w = NULL;
	size_t dim = 0, dim2 = 0;
	struct llm_usage_counts u;
	struct yk_errinfo ei;
	CHECK_INT(llm_embed(&cfg, texts, 3, &v, &dim, &u, &ei), 0);
	CHECK_INT(dim, 8);
	REQUIRE(v != NULL);
	CHECK(v[2 * 8 + 0] == 1.0f); /* "b": all weight on the first axis */
	CHECK_INT(u.prompt_tokens, 3 + 6 + 1);
	json_t *req = last_request();
	CHECK_STR(json_string_value(json_object_get(req, "path")), "/v1/embeddings");
	CHECK_INT(json_array_size(json_object_get(json_object_get(req, "body"), "input")), 3);
	json_decref(req);
	/* Order comes from "index", not from the array order. */
	test_config(&cfg, "embed-reversed");
	CHECK_INT(llm_embed(&cfg, texts, 3, &w, &dim2, NULL, NULL), 0);
	CHECK_INT(dim2, 8);
	CHECK(w && memcmp(v, w, 3 * 8 * sizeof(float)) == 0);
	free(v);
	free(w);
	test_config(&cfg, "embed-ragged");
	CHECK_INT(llm_embed(&cfg, texts, 3, &v, &dim, NULL, NULL), YK_EUPSTREAM);
	CHECK(v == NULL);
	test_config(&cfg, "embed-duplicate");
	CHECK_INT(llm_embed(&cfg, texts, 3, &v, &dim, NULL, NULL), YK_EUPSTREAM);
	CHECK(v == NULL);
	test_config(&cfg, "error-401");
	CHECK_INT(llm_embed(&cfg, texts, 1, &v, &dim, NULL, NULL), YK_EUPSTREAM_AUTH);
	CHECK_INT(llm_embed(&cfg, texts, 0, &v, &dim, NULL, NULL), YK_EINVAL);

	char **ids = NULL;
	size_t n = 0;
	test_config(&cfg, "normal");
	CHECK_INT(llm_models(&cfg, &ids, &n, NULL), 0);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		found |= strcmp(ids[i], "split") == 0;
	CHECK(n > 10);
	CHECK(found);
	llm_models_free(ids, n);
}

/* ---- 4. settings and usage --------------------------------------------------- */

static struct store *temp_db(char *path, size_t pathsz)
{
	char dir[] = "/tmp/yk-llm-db-XXXXXX";
	if (!mkdtemp(dir))
		return NULL;
	snprintf(path, pathsz, "%s/t.db", dir);
	struct store *db = NULL;
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL))
		return NULL;
	return db;
}

static void temp_db_remove(struct store *db, const char *path)
{
	store_close(db);
	char p[600];
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
	yk_strlcpy(p, path, sizeof(p));
	*strrchr(p, '/') = '\0';
	rmdir(p);
}

TEST(config_from_settings)
{
	char path[512];
	struct store *db = temp_db(path, sizeof(path));
	REQUIRE(db != NULL);
	struct llm_config c;
	struct yk_errinfo ei;
	unsetenv("YAKUBA_LLM_URL");
	CHECK_INT(llm_config_from_settings(db, &c, &ei), YK_ENOTCONFIGURED);
	CHECK_INT(c.max_tokens, 1024);
	CHECK(store_setting_set(db, "llm_url", "http://127.0.0.1:9/v1", 0, NULL) == 0);
	CHECK(store_setting_set(db, "llm_model", "llama-ja", 0, NULL) == 0);
	CHECK(store_setting_set(db, "llm_api_key", "sk-secret", 0, NULL) == 0);
	CHECK(store_setting_set(db, "llm_api_key_header", "api-key", 0, NULL) == 0);
	CHECK(store_setting_set(db, "llm_timeout_seconds", "5", 0, NULL) == 0);
	CHECK(store_setting_set(db, "llm_max_tokens", "0", 0, NULL) == 0);
	CHECK(store_setting_set(db, "llm_temperature", "", 0, NULL) == 0);
	CHECK_INT(llm_config_from_settings(db, &c, &ei), 0);
	CHECK_STR(c.base_url, "http://127.0.0.1:9/v1");
	CHECK_STR(c.model, "llama-ja");
	CHECK_STR(c.api_key, "sk-secret");
	CHECK_INT(c.auth_style, LLM_AUTH_API_KEY);
	CHECK_INT(c.total_timeout_ms, 5000);
	CHECK_INT(c.connect_timeout_ms, 5000);
	CHECK_INT(c.max_tokens, 0);
	CHECK(c.temperature < 0);
	/* The environment wins over the stored value. */
	setenv("YAKUBA_LLM_URL", "https://llm.example.invalid/v1", 1);
	CHECK_INT(llm_config_from_settings(db, &c, &ei), 0);
	CHECK_STR(c.base_url, "https://llm.example.invalid/v1");
	unsetenv("YAKUBA_LLM_URL");
	/* Unusable values are refused by the store with a reason naming the
	 * setting, and the value in force stays as it was. */
	CHECK_INT(store_setting_set(db, "llm_temperature", "3.5", 0, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "llm_temperature");
	CHECK(strstr(ei.message, "生成の多様さ") != NULL);
	CHECK(store_setting_set(db, "llm_temperature", "0.7", 0, NULL) == 0);
	CHECK_INT(store_setting_set(db, "llm_url", "ftp://x/v1", 0, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "llm_url");
	CHECK(store_setting_set(db, "llm_url", "http://x/v1", 0, NULL) == 0);
	CHECK_INT(store_setting_set(db, "llm_api_key_header", "x-key", 0, &ei), YK_EINVAL);
	CHECK(strstr(ei.message, "api-key") != NULL);
	CHECK(store_setting_set(db, "llm_api_key_header", "authorization", 0, NULL) == 0);
	CHECK_INT(llm_config_from_settings(db, &c, &ei), 0);
	CHECK(c.temperature == 0.7);
	CHECK_INT(c.auth_style, LLM_AUTH_BEARER);
	/* Embeddings have their own URL, model and key. */
	CHECK_INT(llm_embed_config_from_settings(db, &c, &ei), YK_ENOTCONFIGURED);
	CHECK(store_setting_set(db, "embed_url", "http://127.0.0.1:10/v1", 0, NULL) == 0);
	CHECK(store_setting_set(db, "embed_model", "e5", 0, NULL) == 0);
	CHECK(store_setting_set(db, "embed_api_key", "ek", 0, NULL) == 0);
	CHECK_INT(llm_embed_config_from_settings(db, &c, &ei), 0);
	CHECK_STR(c.base_url, "http://127.0.0.1:10/v1");
	CHECK_STR(c.model, "e5");
	CHECK_STR(c.api_key, "ek");
	temp_db_remove(db, path);
}

TEST(usage_record)
{
	char path[512];
	struct store *db = temp_db(path, sizeof(path));
	REQUIRE(db != NULL);
	struct llm_usage_record rec = {0};
	rec.user_id = 7;
	rec.department_id = 3;
	rec.feature = "chat";
	rec.template_id = 12;
	rec.model = "llama-ja";
	rec.usage.prompt_tokens = 42;
	rec.usage.completion_tokens = 17;
	rec.latency_ms = 1234;
	rec.at = 1790000000;
	CHECK_INT(llm_usage_record(db, &rec, NULL), 0);
	int64_t before = yk_now_unix();
	struct llm_usage_record rec2 = {0};
	rec2.feature = "cli";
	rec2.usage.prompt_tokens = rec2.usage.completion_tokens = -1;
	rec2.outcome = YK_ETIMEOUT;
	CHECK_INT(llm_usage_record(db, &rec2, NULL), 0);
	rec2.feature = "";
	CHECK_INT(llm_usage_record(db, &rec2, NULL), YK_EINVAL);
	rec2.feature = "this-feature-name-is-far-too-long-to-store";
	CHECK_INT(llm_usage_record(db, &rec2, NULL), YK_EINVAL);
	rec2.feature = "機能";
	CHECK_INT(llm_usage_record(db, &rec2, NULL), YK_EINVAL);

	sqlite3_stmt *st = NULL;
	REQUIRE(store_prepare(db,
			      "SELECT at, user_id, department_id, feature, template_id, model,"
			      " prompt_tokens, completion_tokens, latency_ms, outcome,"
			      " typeof(user_id), typeof(template_id), typeof(prompt_tokens)"
			      " FROM llm_usage ORDER BY id",
			      &st, NULL) == 0);
	REQUIRE(sqlite3_step(st) == SQLITE_ROW);
	CHECK_INT(sqlite3_column_int64(st, 0), 1790000000);
	CHECK_INT(sqlite3_column_int64(st, 1), 7);
	CHECK_INT(sqlite3_column_int64(st, 2), 3);
	CHECK_STR((const char *)sqlite3_column_text(st, 3), "chat");
	CHECK_INT(sqlite3_column_int64(st, 4), 12);
	CHECK_STR((const char *)sqlite3_column_text(st, 5), "llama-ja");
	CHECK_INT(sqlite3_column_int64(st, 6), 42);
	CHECK_INT(sqlite3_column_int64(st, 7), 17);
	CHECK_INT(sqlite3_column_int64(st, 8), 1234);
	CHECK_STR((const char *)sqlite3_column_text(st, 9), "ok");
	REQUIRE(sqlite3_step(st) == SQLITE_ROW);
	CHECK(sqlite3_column_int64(st, 0) >= before); /* at = 0 means now */
	CHECK_STR((const char *)sqlite3_column_text(st, 10), "null");
	CHECK_STR((const char *)sqlite3_column_text(st, 11), "null");
	CHECK_STR((const char *)sqlite3_column_text(st, 12), "null");
	CHECK_STR((const char *)sqlite3_column_text(st, 9), "timeout");
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	temp_db_remove(db, path);
}

TEST_MAIN(T(sse_data_files), T(sse_limits_and_stop), T(chat_data_files),
	  T(chat_stream_cancel_and_limits), T(error_bodies), T(client_streams),
	  T(client_plain_json), T(client_request_as_received), T(client_http_errors),
	  T(client_retries), T(client_broken_streams), T(client_timeouts),
	  T(client_unreachable_and_unconfigured), T(client_cancel),
	  T(client_embeddings_and_models), T(config_from_settings), T(usage_record))
