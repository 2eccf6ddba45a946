/* llm: client for OpenAI-compatible model servers (llama.cpp llama-server,
 * vLLM, Ollama, Azure OpenAI): chat completions (streaming and not),
 * embeddings, the model list, and token-usage accounting.
 *
 * Sits above core and store; feature modules (assist, the workspace API, the
 * CLI) call it. It never sees personal data policy: callers pass text that
 * has already been through the guard (src/pii).
 *
 * Three layers, each usable alone:
 *   1. struct llm_sse_parser: a pure, incremental server-sent-events parser
 *      (WHATWG HTML "server-sent events" rules) over (bytes, len).
 *   2. struct llm_chat_stream: decodes chat.completion.chunk events on top
 *      of the parser into text pieces, role, finish_reason and usage.
 *   3. llm_chat() / llm_embed() / llm_models(): libcurl transfers with
 *      timeouts, bounded retries, cancellation and error mapping.
 * docs/llm.md describes the protocol as implemented.
 *
 * Thread safety: the parser and decoder are plain values owned by one
 * thread. llm_chat() and friends are thread-safe and reentrant (one curl
 * handle per call); the cancel flag may be set from any thread.
 */
#ifndef YK_LLM_H
#define YK_LLM_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

struct store;

/* ---- limits -------------------------------------------------------------- */

#define LLM_SSE_MAX_LINE (256 * 1024)     /* bytes in one SSE line (default) */
#define LLM_SSE_MAX_EVENT (1024 * 1024)   /* data bytes of one event (default) */
#define LLM_MAX_REQUEST_BYTES (4u << 20)  /* JSON request body we send */
#define LLM_MAX_RESPONSE_BYTES (8u << 20) /* non-streamed JSON body we accept */
#define LLM_MAX_REPLY_BYTES (2u << 20)    /* generated text kept per reply */
#define LLM_MAX_ERROR_BODY (64 * 1024)    /* error body kept for mapping */
#define LLM_MAX_MESSAGES 512              /* messages in one chat request */
#define LLM_MAX_EMBED_INPUTS 256          /* texts in one embeddings request */
#define LLM_MAX_EMBED_DIM 16384           /* vector dimension we accept */
#define LLM_MAX_MODELS 1024               /* entries read from GET /models */
#define LLM_MAX_RETRIES 5                 /* hard cap on config.max_retries */

/* ---- 1. server-sent events ---------------------------------------------- */

/* One dispatched event. Borrowed: valid only during the callback. data is
 * the "data" fields joined by "\n" (no trailing "\n"); event is the "event"
 * field or "" (not NUL-terminated beyond len; data[data_len] is a NUL byte
 * for convenience). */
struct llm_sse_event {
	const char *event;
	size_t event_len;
	const char *data;
	size_t data_len;
};

/* Returns 0 to continue; any other value stops the parser and is returned
 * from llm_sse_feed() (use a negative yk_err, e.g. YK_ECANCELED). */
typedef int (*llm_sse_event_fn)(void *ctx, const struct llm_sse_event *ev);

/* Incremental SSE parser. Lines end in LF, CRLF or CR (a CRLF split across
 * two feeds counts once); a leading UTF-8 BOM is skipped; "data:" takes an
 * optional single space; lines starting with ":" are comments; "event"
 * names the event; "id" is ignored (a one-shot request never resumes);
 * "retry" with only digits sets retry_ms; unknown fields are ignored; a
 * blank line dispatches the event when it has data. Bytes are not
 * interpreted as text, so a UTF-8 character split across feeds is simply
 * joined. Fields are private except retry_ms (read-only); use the
 * functions below. */
struct llm_sse_parser {
	struct yk_buf line;   /* partial line carried between feeds */
	struct yk_buf data;   /* data of the event being built, "\n" after each field */
	struct yk_buf event;  /* event type of the event being built */
	size_t max_line;
	int skip_lf;          /* previous byte was CR: swallow one LF */
	int bom_state;        /* bytes of the BOM matched; 3 = done */
	int failed;           /* sticky error from a limit or the callback */
	int64_t retry_ms;     /* last valid "retry" field, -1 if none */
	llm_sse_event_fn on_event;
	void *ctx;
};

/* max_line / max_event: 0 selects LLM_SSE_MAX_LINE / LLM_SSE_MAX_EVENT.
 * on_event and ctx are borrowed for the parser's lifetime. */
void llm_sse_init(struct llm_sse_parser *p, size_t max_line, size_t max_event,
		  llm_sse_event_fn on_event, void *ctx);
void llm_sse_release(struct llm_sse_parser *p);
/* Feeds len bytes (any split, no NUL termination needed). Returns 0, or
 * YK_ELIMIT when a line or an event passes its limit, or the callback's
 * non-zero value. After an error every later feed returns that error. */
int llm_sse_feed(struct llm_sse_parser *p, const char *bytes, size_t len) YK_WUR;
/* End of stream: a pending, undispatched event is discarded as the SSE
 * rules require. Returns 1 if anything was pending (a truncated stream),
 * else 0. */
int llm_sse_finish(struct llm_sse_parser *p);

/* ---- 2. chat-completion stream decoder ----------------------------------- */

/* Receives a piece of generated text: valid UTF-8 without NUL bytes
 * (jansson validates every JSON string), len > 0. Borrowed for the call.
 * Return 0 to continue, non-zero to cancel. */
typedef int (*llm_delta_fn)(void *ctx, const char *text, size_t len);

/* Token counts as reported by the server; -1 when not reported. */
struct llm_usage_counts {
	int64_t prompt_tokens;
	int64_t completion_tokens;
};

/* Decoder state. Callers may read role, finish_reason, usage, nchunks and
 * upstream_message after feeding; every other field is private. */
struct llm_chat_stream {
	struct llm_sse_parser sse;
	llm_delta_fn on_delta;
	void *ctx;
	struct yk_buf content;    /* whole reply so far (LLM_MAX_REPLY_BYTES) */
	int keep_content;
	int done;                 /* "data: [DONE]" seen */
	int nchunks;              /* JSON chunks decoded */
	int stop_err;             /* why the decoder stopped (0 = not stopped) */
	char role[32];
	char finish_reason[32];
	struct llm_usage_counts usage;
	/* An error object inside the stream: yk_err value, status-less. */
	int upstream_err;
	char upstream_message[512];
};

/* keep_content: also accumulate the whole reply (llm_chat_stream_content).
 * on_delta may be NULL. */
void llm_chat_stream_init(struct llm_chat_stream *s, llm_delta_fn on_delta, void *ctx,
			  int keep_content);
void llm_chat_stream_release(struct llm_chat_stream *s);
/* Feeds raw response bytes. Returns 0; YK_ELIMIT (SSE limits, reply too
 * long); YK_EUPSTREAM for a chunk that is not a JSON object; the mapped
 * error (YK_ECONTEXT, YK_ERATE, YK_EUPSTREAM...) for an error object in
 * the stream, with its text in upstream_message; or YK_ECANCELED when
 * on_delta returned non-zero. Sticky like llm_sse_feed(). */
int llm_chat_stream_feed(struct llm_chat_stream *s, const char *bytes, size_t len) YK_WUR;
/* End of stream. Returns 0 when the stream ended properly with "data: [DONE]",
 * YK_EUPSTREAM when it was cut short (even after a finish_reason), or the
 * sticky error. */
int llm_chat_stream_finish(struct llm_chat_stream *s) YK_WUR;
/* The reply so far (borrowed until the next feed or release), when
 * keep_content was set; "" otherwise. */
const char *llm_chat_stream_content(const struct llm_chat_stream *s, size_t *len);

/* Maps an HTTP status and an error body (JSON or not, may be empty) from an
 * OpenAI-compatible server to a yk_err, and copies the server's own message
 * into upstream_msg (for logs). Pure; used by the client and by tests:
 *   400 "context length" errors, 413 -> YK_ECONTEXT; other 4xx -> YK_EUPSTREAM
 *   401, 403 -> YK_EUPSTREAM_AUTH; 404 -> YK_EMODEL; 429 -> YK_ERATE;
 *   408 and 5xx -> YK_EUPSTREAM. status 0 means "error object in a stream". */
int llm_error_from_body(long status, const char *body, size_t len, char *upstream_msg,
			size_t msgsz);
/* Japanese sentence for staff about err (static string). */
const char *llm_error_staff_message(int err);

/* ---- 3. client ------------------------------------------------------------ */

enum llm_auth_style {
	LLM_AUTH_BEARER,  /* Authorization: Bearer KEY (OpenAI, vLLM, llama-server) */
	LLM_AUTH_API_KEY, /* api-key: KEY (Azure OpenAI) */
};

/* Value type. Strings are NUL-terminated copies. */
struct llm_config {
	char base_url[512];   /* ".../v1"; may carry "?api-version=..." (Azure) */
	char model[256];      /* "" = leave "model" out of requests */
	char api_key[512];    /* "" = no auth header */
	enum llm_auth_style auth_style;
	long connect_timeout_ms;
	long total_timeout_ms;  /* whole call, retries and waits included */
	long idle_timeout_ms;   /* silence allowed once the response started */
	int max_tokens;         /* 0 = not sent */
	double temperature;     /* < 0 = not sent */
	int max_retries;        /* for 429/5xx before any byte reached the caller */
	long retry_base_ms;     /* first backoff; doubles per attempt */
	long retry_max_wait_ms; /* longest single wait (Retry-After beyond: give up) */
};

/* Defaults: no URL, connect 10 s, total 120 s, idle 60 s, max_tokens 1024,
 * temperature 0.2, 2 retries, backoff 500 ms, longest wait 20 s. */
void llm_config_init(struct llm_config *c);

/* Fills out from the settings llm_url, llm_model, llm_api_key,
 * llm_api_key_header, llm_timeout_seconds, llm_max_tokens, llm_temperature
 * (environment YAKUBA_LLM_URL etc. first, see store.h). db may be NULL
 * (environment and defaults only). Returns 0; YK_ENOTCONFIGURED when llm_url
 * is empty (out still holds the other values); YK_EINVAL with detail in ei
 * for an unusable value (bad URL scheme, temperature outside 0..2). */
int llm_config_from_settings(struct store *db, struct llm_config *out,
			     struct yk_errinfo *ei) YK_WUR;
/* Same for embeddings: embed_url, embed_model and embed_api_key (sent the
 * way llm_api_key_header says; timeouts from llm_timeout_seconds).
 * YK_ENOTCONFIGURED when embed_url is empty. */
int llm_embed_config_from_settings(struct store *db, struct llm_config *out,
				   struct yk_errinfo *ei) YK_WUR;

struct llm_message {
	const char *role;    /* "system", "user", "assistant" */
	const char *content; /* UTF-8, NUL-terminated */
};

struct llm_chat_request {
	const struct llm_message *messages; /* borrowed for the call */
	size_t nmessages;
	int stream;           /* 1: SSE with stream_options.include_usage */
	llm_delta_fn on_delta; /* text pieces as they arrive (stream or not); NULL ok */
	void *ctx;
	atomic_int *cancel;   /* optional: set non-zero from any thread to abort */
};

struct llm_chat_result {
	char *content;          /* owned (free()), whole reply, NUL-terminated; never NULL after llm_chat */
	size_t content_len;
	char finish_reason[32];
	struct llm_usage_counts usage;
	long http_status;       /* last HTTP status seen, 0 if none */
	int attempts;           /* HTTP requests made (1 + retries) */
	int64_t latency_ms;     /* whole call */
	int64_t first_token_ms; /* until the first text piece, -1 if none */
	/* On failure: the server's own words or the transport error, for logs
	 * only (may contain anything the server said; never show staff). */
	char upstream_message[512];
};

/* Sends a chat completion. On success returns 0 and fills out. On failure
 * returns YK_ENOTCONFIGURED, YK_EINVAL / YK_EUTF8 (bad request arguments),
 * YK_ECONTEXT, YK_EUPSTREAM_AUTH, YK_EMODEL, YK_ERATE, YK_EUPSTREAM,
 * YK_EUNREACHABLE, YK_ETIMEOUT, YK_ECANCELED or YK_ELIMIT; ei->message gets
 * a Japanese sentence for staff; out keeps what was received (partial
 * content, usage, status) and upstream_message. Retries 429 and 5xx (and
 * HTTP 200 never) up to cfg->max_retries times, honouring Retry-After, only
 * while nothing has been passed to on_delta. Release out in every case. */
int llm_chat(const struct llm_config *cfg, const struct llm_chat_request *req,
	     struct llm_chat_result *out, struct yk_errinfo *ei) YK_WUR;
void llm_chat_result_release(struct llm_chat_result *r);

/* POST {base}/embeddings for n texts. *vectors (owned, free()) gets n * *dim
 * floats in input order. Errors as llm_chat(); YK_EUPSTREAM when the
 * vectors are missing, ragged or too large. */
int llm_embed(const struct llm_config *cfg, const char *const *texts, size_t n,
	      float **vectors, size_t *dim, struct llm_usage_counts *usage,
	      struct yk_errinfo *ei) YK_WUR;

/* GET {base}/models: *ids (owned; free with llm_models_free) gets the
 * model ids the server lists. */
int llm_models(const struct llm_config *cfg, char ***ids, size_t *n,
	       struct yk_errinfo *ei) YK_WUR;
void llm_models_free(char **ids, size_t n);

/* ---- usage accounting ---------------------------------------------------- */

#define LLM_USAGE_MAX_FEATURE 32

/* One row of llm_usage (migration 0004). Borrowed strings. */
struct llm_usage_record {
	int64_t user_id;        /* 0 = none (CLI, system) */
	int64_t department_id;  /* 0 = none */
	const char *feature;    /* "chat", "ask", "cli", ... (1..LLM_USAGE_MAX_FEATURE bytes, ASCII) */
	int64_t template_id;    /* 0 = no template */
	const char *model;      /* NULL or "" = not known */
	struct llm_usage_counts usage; /* -1 = unknown, stored as NULL */
	int64_t latency_ms;
	int outcome;            /* 0 or a yk_err; stored as yk_err_code() ("ok") */
	int64_t at;             /* Unix seconds; 0 = now */
};

/* Inserts one row. YK_EINVAL for an empty/over-long feature, store errors
 * otherwise. */
int llm_usage_record(struct store *db, const struct llm_usage_record *rec,
		     struct yk_errinfo *ei) YK_WUR;

#endif
