/* llm/client: the libcurl half of the LLM client. Builds requests with
 * jansson, runs one transfer per attempt on a private multi handle (so that
 * the cancel flag and the idle timeout are checked every
 * CLIENT_POLL_MS even while the server is silent), maps transport and HTTP
 * errors, and retries 429/5xx with bounded backoff while nothing has reached
 * the caller yet. The byte-level protocol lives in stream.c. */
#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "llm/llm.h"
#include "core/banned.h"

#define CLIENT_POLL_MS 50
#define CLIENT_MAX_URL 2048

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static int curl_init_rc;

static void curl_init_once(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : YK_EIO;
}

void llm_config_init(struct llm_config *c)
{
	memset(c, 0, sizeof(*c));
	c->auth_style = LLM_AUTH_BEARER;
	c->connect_timeout_ms = 10000;
	c->total_timeout_ms = 120000;
	c->idle_timeout_ms = 60000;
	c->max_tokens = 1024;
	c->temperature = 0.2;
	c->max_retries = 2;
	c->retry_base_ms = 500;
	c->retry_max_wait_ms = 20000;
}

/* One logical call (chat, embeddings, models) and its attempts. */
struct call {
	const struct llm_config *cfg;
	const char *path;          /* "chat/completions" */
	const char *body;          /* NULL: GET */
	size_t body_len;
	int stream;
	llm_delta_fn on_delta;     /* caller's */
	void *ctx;
	atomic_int *cancel;
	int64_t start_us, deadline_us;
	/* per attempt */
	CURL *h;
	struct llm_chat_stream chat;
	int chat_live;
	int mode;                  /* 0 undecided, 1 SSE, 2 plain body */
	struct yk_buf resp;
	int64_t last_byte_us;
	int got_bytes;
	int stop_err;
	long retry_after_ms;       /* -1: no Retry-After */
	/* whole call */
	long status;
	int attempts;
	int delivered;
	int64_t first_token_us;
	char upstream[512];
};

enum { MODE_UNDECIDED, MODE_SSE, MODE_BODY };

static int is_canceled(const struct call *c)
{
	return c->cancel && atomic_load(c->cancel) != 0;
}

/* Between the decoder and the caller: notes that text reached the caller
 * (from then on nothing is retried) and checks the cancel flag. */
static int call_delta(void *ud, const char *text, size_t len)
{
	struct call *c = ud;
	if (is_canceled(c))
		return 1;
	if (!c->delivered) {
		c->delivered = 1;
		c->first_token_us = yk_mono_us();
	}
	return c->on_delta ? c->on_delta(c->ctx, text, len) : 0;
}

static size_t on_write(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct call *c = ud;
	size_t n = size * nmemb;
	c->last_byte_us = yk_mono_us();
	c->got_bytes = 1;
	if (c->mode == MODE_UNDECIDED) {
		long status = 0;
		char *ct = NULL;
		curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(c->h, CURLINFO_CONTENT_TYPE, &ct);
		c->status = status;
		/* A server that ignores "stream" answers with plain JSON; that is
		 * decoded as a whole reply at the end instead. */
		if (c->stream && status / 100 == 2 && ct && strcasestr(ct, "text/event-stream"))
			c->mode = MODE_SSE;
		else
			c->mode = MODE_BODY;
		c->resp.limit = status / 100 == 2 ? LLM_MAX_RESPONSE_BYTES : LLM_MAX_ERROR_BODY;
	}
	if (c->mode == MODE_SSE) {
		int rc = llm_chat_stream_feed(&c->chat, ptr, n);
		if (rc) {
			c->stop_err = rc;
			return CURL_WRITEFUNC_ERROR;
		}
		return n;
	}
	if (yk_buf_add(&c->resp, ptr, n) != 0) {
		if (c->status / 100 != 2)
			return n; /* an error body: its start is enough */
		c->stop_err = YK_ELIMIT;
		yk_strlcpy(c->upstream, "response body too large", sizeof(c->upstream));
		return CURL_WRITEFUNC_ERROR;
	}
	return n;
}

static int build_url(const char *base, const char *path, char *out, size_t outsz)
{
	const char *q = strchr(base, '?');
	size_t blen = q ? (size_t)(q - base) : strlen(base);
	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	int n = snprintf(out, outsz, "%.*s/%s%s", (int)blen, base, path, q ? q : "");
	return n < 0 || (size_t)n >= outsz ? YK_ELIMIT : 0;
}

static long parse_retry_after(CURL *h)
{
	struct curl_header *hh = NULL;
	if (curl_easy_header(h, "Retry-After", 0, CURLH_HEADER, -1, &hh) != CURLHE_OK || !hh)
		return -1;
	int64_t secs;
	const char *v = hh->value;
	if (yk_parse_i64(v, strlen(v), 0, 86400, &secs) == 0)
		return (long)(secs * 1000);
	time_t when = curl_getdate(v, NULL);
	if (when < 0)
		return -1;
	int64_t d = (int64_t)when - yk_now_unix();
	return d <= 0 ? 0 : (long)(d > 86400 ? 86400000 : d * 1000);
}

static int map_curl_error(struct call *c, CURLcode res, const char *errbuf)
{
	snprintf(c->upstream, sizeof(c->upstream), "%s%s%s", curl_easy_strerror(res),
		 errbuf[0] ? ": " : "", errbuf);
	switch (res) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
		return YK_EUNREACHABLE;
	case CURLE_OPERATION_TIMEDOUT: {
		curl_off_t connect_us = 0;
		curl_easy_getinfo(c->h, CURLINFO_CONNECT_TIME_T, &connect_us);
		return connect_us == 0 ? YK_EUNREACHABLE : YK_ETIMEOUT;
	}
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL:
		return YK_EINVAL;
	default:
		return YK_EUPSTREAM;
	}
}

/* One HTTP request. Returns 0 with c->status 2xx, or the mapped error;
 * *retryable says whether another attempt may help. */
static int call_attempt(struct call *c, const char *url, struct curl_slist *hdrs,
			int *retryable)
{
	CURLM *m = NULL;
	char errbuf[CURL_ERROR_SIZE] = "";
	int rc = 0;
	*retryable = 0;
	c->mode = MODE_UNDECIDED;
	c->stop_err = 0;
	c->got_bytes = 0;
	c->retry_after_ms = -1;
	c->status = 0;
	yk_buf_reset(&c->resp);
	if (c->chat_live)
		llm_chat_stream_release(&c->chat);
	llm_chat_stream_init(&c->chat, call_delta, c, 1);
	c->chat_live = 1;

	int64_t left_ms = (c->deadline_us - yk_mono_us()) / 1000;
	if (left_ms <= 0) {
		yk_strlcpy(c->upstream, "total timeout", sizeof(c->upstream));
		return YK_ETIMEOUT;
	}
	c->h = curl_easy_init();
	m = curl_multi_init();
	if (!c->h || !m) {
		rc = YK_ENOMEM;
		goto out;
	}
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c->h, CURLOPT_USERAGENT, "yakuba");
	curl_easy_setopt(c->h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c->h, CURLOPT_CONNECTTIMEOUT_MS, c->cfg->connect_timeout_ms);
	curl_easy_setopt(c->h, CURLOPT_TIMEOUT_MS, (long)left_ms);
	curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, c);
	if (c->body) {
		curl_easy_setopt(c->h, CURLOPT_POSTFIELDS, c->body);
		curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)c->body_len);
	}
	curl_multi_add_handle(m, c->h);
	c->attempts++;

	int running = 1;
	while (running) {
		if (curl_multi_perform(m, &running) != CURLM_OK) {
			rc = YK_EIO;
			goto out;
		}
		if (!running)
			break;
		int64_t now = yk_mono_us();
		if (is_canceled(c)) {
			c->stop_err = YK_ECANCELED;
			break;
		}
		if (c->got_bytes && c->cfg->idle_timeout_ms > 0 &&
		    now - c->last_byte_us > (int64_t)c->cfg->idle_timeout_ms * 1000) {
			snprintf(c->upstream, sizeof(c->upstream),
				 "no data from the server for %ld ms", c->cfg->idle_timeout_ms);
			c->stop_err = YK_ETIMEOUT;
			break;
		}
		if (curl_multi_poll(m, NULL, 0, CLIENT_POLL_MS, NULL) != CURLM_OK) {
			rc = YK_EIO;
			goto out;
		}
	}
	CURLcode res = CURLE_OK;
	if (!running) {
		int q;
		CURLMsg *msg;
		while ((msg = curl_multi_info_read(m, &q)))
			if (msg->msg == CURLMSG_DONE)
				res = msg->data.result;
	}
	if (c->status == 0)
		curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &c->status);
	if (c->stop_err == YK_ECANCELED || is_canceled(c)) {
		yk_strlcpy(c->upstream, "canceled by the caller", sizeof(c->upstream));
		rc = YK_ECANCELED;
	} else if (c->stop_err) {
		rc = c->stop_err;
		if (c->mode == MODE_SSE && c->chat.upstream_message[0])
			yk_strlcpy(c->upstream, c->chat.upstream_message, sizeof(c->upstream));
	} else if (res != CURLE_OK) {
		rc = map_curl_error(c, res, errbuf);
		*retryable = res == CURLE_GOT_NOTHING && !c->delivered;
	} else if (c->status / 100 != 2) {
		rc = llm_error_from_body(c->status, c->resp.data, c->resp.len, c->upstream,
					 sizeof(c->upstream));
		*retryable = c->status == 429 || c->status == 408 || c->status >= 500;
		c->retry_after_ms = parse_retry_after(c->h);
	} else if (c->mode == MODE_SSE) {
		rc = llm_chat_stream_finish(&c->chat);
		if (rc)
			yk_strlcpy(c->upstream, c->chat.upstream_message, sizeof(c->upstream));
	}
out:
	if (m) {
		if (c->h)
			curl_multi_remove_handle(m, c->h);
		curl_multi_cleanup(m);
	}
	curl_easy_cleanup(c->h);
	c->h = NULL;
	return rc;
}

/* Sleeps ms in slices, returning early (YK_ECANCELED) on cancel. */
static int call_wait(struct call *c, long ms)
{
	int64_t until = yk_mono_us() + (int64_t)ms * 1000;
	while (yk_mono_us() < until) {
		if (is_canceled(c))
			return YK_ECANCELED;
		int64_t left = until - yk_mono_us();
		if (left > CLIENT_POLL_MS * 1000)
			left = CLIENT_POLL_MS * 1000;
		if (left <= 0)
			break;
		struct timespec ts = {0, (long)left * 1000};
		nanosleep(&ts, NULL);
	}
	return 0;
}

static int call_run(struct call *c)
{
	char url[CLIENT_MAX_URL];
	struct curl_slist *hdrs = NULL;
	struct yk_buf auth;
	int rc;
	yk_buf_init(&auth, 1024);
	pthread_once(&curl_once, curl_init_once);
	if ((rc = curl_init_rc))
		goto out;
	if (!c->cfg->base_url[0]) {
		rc = YK_ENOTCONFIGURED;
		yk_strlcpy(c->upstream, "no server URL configured", sizeof(c->upstream));
		goto out;
	}
	if ((rc = build_url(c->cfg->base_url, c->path, url, sizeof(url))))
		goto out;
	hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	hdrs = curl_slist_append(hdrs, c->stream ? "Accept: text/event-stream"
					      : "Accept: application/json");
	hdrs = curl_slist_append(hdrs, "Expect:");
	if (c->cfg->api_key[0]) {
		if (strpbrk(c->cfg->api_key, "\r\n")) {
			rc = YK_EINVAL;
			goto out;
		}
		if (c->cfg->auth_style == LLM_AUTH_API_KEY)
			rc = yk_buf_addf(&auth, "api-key: %s", c->cfg->api_key);
		else
			rc = yk_buf_addf(&auth, "Authorization: Bearer %s", c->cfg->api_key);
		if (rc)
			goto out;
		hdrs = curl_slist_append(hdrs, auth.data);
	}
	if (!hdrs) {
		rc = YK_ENOMEM;
		goto out;
	}
	int max_retries = c->cfg->max_retries;
	if (max_retries > LLM_MAX_RETRIES)
		max_retries = LLM_MAX_RETRIES;
	for (int attempt = 0;; attempt++) {
		int retryable;
		rc = call_attempt(c, url, hdrs, &retryable);
		if (rc == 0 || !retryable || attempt >= max_retries || c->delivered)
			break;
		long wait = c->retry_after_ms;
		if (wait < 0) {
			long base = c->cfg->retry_base_ms > 0 ? c->cfg->retry_base_ms : 1;
			wait = base << (attempt < 10 ? attempt : 10);
			unsigned char r;
			yk_random_bytes(&r, 1);
			wait += wait * r / 1024; /* up to +25% jitter */
			if (wait > c->cfg->retry_max_wait_ms)
				wait = c->cfg->retry_max_wait_ms;
		} else if (wait > c->cfg->retry_max_wait_ms) {
			break; /* the server asks for longer than we may wait */
		}
		if (yk_mono_us() + (int64_t)wait * 1000 >= c->deadline_us)
			break;
		if (call_wait(c, wait)) {
			rc = YK_ECANCELED;
			yk_strlcpy(c->upstream, "canceled by the caller", sizeof(c->upstream));
			break;
		}
	}
out:
	curl_slist_free_all(hdrs);
	yk_buf_release(&auth);
	return rc;
}

static void call_init(struct call *c, const struct llm_config *cfg, const char *path)
{
	memset(c, 0, sizeof(*c));
	c->cfg = cfg;
	c->path = path;
	c->start_us = yk_mono_us();
	c->deadline_us = c->start_us + (int64_t)(cfg->total_timeout_ms > 0 ? cfg->total_timeout_ms
									  : 120000) * 1000;
	c->first_token_us = -1;
	yk_buf_init(&c->resp, LLM_MAX_RESPONSE_BYTES);
}

static void call_release(struct call *c)
{
	if (c->chat_live)
		llm_chat_stream_release(&c->chat);
	yk_buf_release(&c->resp);
}

static int finish_error(int rc, struct yk_errinfo *ei)
{
	if (rc)
		yk_errinfo_set(ei, rc, "%s", llm_error_staff_message(rc));
	return rc;
}

/* ---- chat ---------------------------------------------------------------------- */

static int chat_body(const struct llm_config *cfg, const struct llm_chat_request *req,
		     char **out, size_t *out_len)
{
	json_t *msgs = json_array(), *body = NULL;
	int rc = 0;
	size_t total = 0;
	if (req->nmessages == 0 || req->nmessages > LLM_MAX_MESSAGES || !req->messages) {
		rc = YK_EINVAL;
		goto out;
	}
	for (size_t i = 0; i < req->nmessages; i++) {
		const struct llm_message *m = &req->messages[i];
		if (!m->role || !m->content || !m->role[0]) {
			rc = YK_EINVAL;
			goto out;
		}
		size_t len = strlen(m->content);
		total += len;
		if (total > LLM_MAX_REQUEST_BYTES) {
			rc = YK_ELIMIT;
			goto out;
		}
		if (!yk_utf8_valid(m->content, len, NULL) || !yk_utf8_valid(m->role, strlen(m->role), NULL)) {
			rc = YK_EUTF8;
			goto out;
		}
		if (json_array_append_new(msgs, json_pack("{s:s, s:s}", "role", m->role, "content",
							  m->content))) {
			rc = YK_ENOMEM;
			goto out;
		}
	}
	body = json_pack("{s:O, s:b}", "messages", msgs, "stream", req->stream ? 1 : 0);
	if (!body) {
		rc = YK_ENOMEM;
		goto out;
	}
	if (cfg->model[0] && json_object_set_new(body, "model", json_string(cfg->model))) {
		rc = YK_EUTF8;
		goto out;
	}
	if (cfg->max_tokens > 0)
		json_object_set_new(body, "max_tokens", json_integer(cfg->max_tokens));
	if (cfg->temperature >= 0)
		json_object_set_new(body, "temperature", json_real(cfg->temperature));
	if (req->stream)
		json_object_set_new(body, "stream_options", json_pack("{s:b}", "include_usage", 1));
	*out = json_dumps(body, JSON_COMPACT);
	if (!*out) {
		rc = YK_ENOMEM;
		goto out;
	}
	*out_len = strlen(*out);
out:
	json_decref(msgs);
	json_decref(body);
	return rc;
}

/* A whole (non-streamed) chat.completion object. */
static int chat_parse_completion(struct call *c, struct llm_chat_result *out)
{
	json_error_t je;
	json_t *root = json_loadb(c->resp.data ? c->resp.data : "", c->resp.len, 0, &je);
	int rc = 0;
	if (!json_is_object(root)) {
		snprintf(c->upstream, sizeof(c->upstream), "response is not a JSON object: %s",
			 root ? "wrong type" : je.text);
		rc = YK_EUPSTREAM;
		goto out;
	}
	json_t *err = json_object_get(root, "error");
	if (err && !json_is_null(err)) {
		rc = llm_error_from_body(0, c->resp.data, c->resp.len, c->upstream, sizeof(c->upstream));
		goto out;
	}
	json_t *choice = json_array_get(json_object_get(root, "choices"), 0);
	json_t *content = json_object_get(json_object_get(choice, "message"), "content");
	if (!json_is_object(choice)) {
		yk_strlcpy(c->upstream, "response has no choices", sizeof(c->upstream));
		rc = YK_EUPSTREAM;
		goto out;
	}
	const char *fr = json_string_value(json_object_get(choice, "finish_reason"));
	if (fr)
		yk_strlcpy(out->finish_reason, fr, sizeof(out->finish_reason));
	json_t *usage = json_object_get(root, "usage");
	json_t *pt = json_object_get(usage, "prompt_tokens"), *ct = json_object_get(usage, "completion_tokens");
	if (json_is_integer(pt) && json_integer_value(pt) >= 0)
		out->usage.prompt_tokens = json_integer_value(pt);
	if (json_is_integer(ct) && json_integer_value(ct) >= 0)
		out->usage.completion_tokens = json_integer_value(ct);
	size_t len = json_string_length(content);
	if (len > LLM_MAX_REPLY_BYTES) {
		rc = YK_ELIMIT;
		goto out;
	}
	out->content = yk_xstrndup(json_is_string(content) ? json_string_value(content) : "", len);
	out->content_len = len;
	if (len > 0 && call_delta(c, out->content, len) != 0) {
		yk_strlcpy(c->upstream, "canceled by the caller", sizeof(c->upstream));
		rc = YK_ECANCELED;
	}
out:
	json_decref(root);
	return rc;
}

int llm_chat(const struct llm_config *cfg, const struct llm_chat_request *req,
	     struct llm_chat_result *out, struct yk_errinfo *ei)
{
	struct call c;
	char *body = NULL;
	size_t body_len = 0;
	int rc;
	memset(out, 0, sizeof(*out));
	out->usage.prompt_tokens = out->usage.completion_tokens = -1;
	out->first_token_ms = -1;
	call_init(&c, cfg, "chat/completions");
	if (!cfg->base_url[0]) {
		rc = YK_ENOTCONFIGURED;
		goto out;
	}
	if ((rc = chat_body(cfg, req, &body, &body_len)))
		goto out;
	c.body = body;
	c.body_len = body_len;
	c.stream = req->stream;
	c.on_delta = req->on_delta;
	c.ctx = req->ctx;
	c.cancel = req->cancel;
	rc = call_run(&c);
	if (c.mode == MODE_SSE && c.chat_live) {
		/* Partial content and usage are kept on failure too. */
		out->content = yk_buf_detach(&c.chat.content, &out->content_len);
		yk_strlcpy(out->finish_reason, c.chat.finish_reason, sizeof(out->finish_reason));
		out->usage = c.chat.usage;
	} else if (rc == 0) {
		rc = chat_parse_completion(&c, out);
	}
out:
	if (!out->content)
		out->content = yk_xstrdup("");
	out->http_status = c.status;
	out->attempts = c.attempts;
	out->latency_ms = (yk_mono_us() - c.start_us) / 1000;
	if (c.first_token_us >= 0)
		out->first_token_ms = (c.first_token_us - c.start_us) / 1000;
	yk_strlcpy(out->upstream_message, c.upstream, sizeof(out->upstream_message));
	call_release(&c);
	free(body);
	return finish_error(rc, ei);
}

void llm_chat_result_release(struct llm_chat_result *r)
{
	if (!r)
		return;
	free(r->content);
	r->content = NULL;
	r->content_len = 0;
}

/* ---- embeddings and models ------------------------------------------------------ */

int llm_embed(const struct llm_config *cfg, const char *const *texts, size_t n, float **vectors,
	      size_t *dim, struct llm_usage_counts *usage, struct yk_errinfo *ei)
{
	struct call c;
	json_t *input = json_array(), *body = NULL, *root = NULL;
	char *req = NULL;
	float *vec = NULL;
	unsigned char *seen = NULL;
	size_t d = 0;
	int rc = 0;
	*vectors = NULL;
	*dim = 0;
	if (usage)
		usage->prompt_tokens = usage->completion_tokens = -1;
	call_init(&c, cfg, "embeddings");
	if (n == 0 || n > LLM_MAX_EMBED_INPUTS) {
		rc = YK_EINVAL;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (!texts[i] || !yk_utf8_valid(texts[i], strlen(texts[i]), NULL)) {
			rc = YK_EUTF8;
			goto out;
		}
		json_array_append_new(input, json_string(texts[i]));
	}
	body = json_pack("{s:O}", "input", input);
	if (!body) {
		rc = YK_ENOMEM;
		goto out;
	}
	if (cfg->model[0])
		json_object_set_new(body, "model", json_string(cfg->model));
	req = json_dumps(body, JSON_COMPACT);
	if (!req || strlen(req) > LLM_MAX_REQUEST_BYTES) {
		rc = req ? YK_ELIMIT : YK_ENOMEM;
		goto out;
	}
	c.body = req;
	c.body_len = strlen(req);
	if ((rc = call_run(&c)))
		goto out;
	root = json_loadb(c.resp.data ? c.resp.data : "", c.resp.len, 0, NULL);
	json_t *data = json_object_get(root, "data");
	rc = YK_EUPSTREAM;
	if (json_array_size(data) != n) {
		yk_strlcpy(c.upstream, "embeddings: wrong number of vectors", sizeof(c.upstream));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *item = json_array_get(data, i);
		json_t *idx = json_object_get(item, "index");
		size_t slot = json_is_integer(idx) ? (size_t)json_integer_value(idx) : i;
		json_t *emb = json_object_get(item, "embedding");
		size_t k = json_array_size(emb);
		if (i == 0) {
			d = k;
			if (d == 0 || d > LLM_MAX_EMBED_DIM) {
				yk_strlcpy(c.upstream, "embeddings: bad dimension", sizeof(c.upstream));
				goto out;
			}
			vec = yk_xcalloc(n * d, sizeof(float));
			seen = yk_xcalloc(n, 1);
		}
		if (k != d || slot >= n || seen[slot]) {
			yk_strlcpy(c.upstream, "embeddings: ragged vectors or bad index",
				   sizeof(c.upstream));
			goto out;
		}
		seen[slot] = 1;
		for (size_t j = 0; j < d; j++) {
			json_t *x = json_array_get(emb, j);
			if (!json_is_number(x)) {
				yk_strlcpy(c.upstream, "embeddings: not a number", sizeof(c.upstream));
				goto out;
			}
			vec[slot * d + j] = (float)json_number_value(x);
		}
	}
	if (usage) {
		json_t *pt = json_object_get(json_object_get(root, "usage"), "prompt_tokens");
		if (json_is_integer(pt))
			usage->prompt_tokens = json_integer_value(pt);
	}
	*vectors = vec;
	*dim = d;
	vec = NULL;
	rc = 0;
out:
	if (rc && c.upstream[0])
		yk_log(YK_LOG_DEBUG, "llm embed: %s", c.upstream);
	free(vec);
	free(seen);
	free(req);
	json_decref(root);
	json_decref(body);
	json_decref(input);
	call_release(&c);
	return finish_error(rc, ei);
}

int llm_models(const struct llm_config *cfg, char ***ids, size_t *n, struct yk_errinfo *ei)
{
	struct call c;
	json_t *root = NULL;
	char **list = NULL;
	size_t count = 0;
	int rc;
	*ids = NULL;
	*n = 0;
	call_init(&c, cfg, "models");
	if ((rc = call_run(&c)))
		goto out;
	root = json_loadb(c.resp.data ? c.resp.data : "", c.resp.len, 0, NULL);
	json_t *data = json_object_get(root, "data");
	if (!json_is_array(data)) {
		rc = YK_EUPSTREAM;
		goto out;
	}
	size_t total = json_array_size(data);
	if (total > LLM_MAX_MODELS)
		total = LLM_MAX_MODELS;
	list = yk_xcalloc(total + 1, sizeof(char *));
	for (size_t i = 0; i < total; i++) {
		const char *id = json_string_value(json_object_get(json_array_get(data, i), "id"));
		if (id)
			list[count++] = yk_xstrdup(id);
	}
	*ids = list;
	*n = count;
	list = NULL;
out:
	llm_models_free(list, count);
	json_decref(root);
	call_release(&c);
	return finish_error(rc, ei);
}

void llm_models_free(char **ids, size_t n)
{
	if (!ids)
		return;
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}
