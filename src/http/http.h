/* http: libmicrohttpd glue. Owns the daemon (thread pool + epoll), turns
 * each HTTP exchange into a struct http_request handed to one handler
 * function, enforces the transport limits (URL, headers, body), adds the
 * security headers to every response, serves the embedded web assets with
 * ETag revalidation and writes the access log.
 *
 * Sits below api/ (which routes requests, checks sessions and roles) and
 * knows nothing of users or JSON beyond the error body for its own limits.
 * Requests under /api/ go to the application's handler; every other GET or
 * HEAD is answered from the embedded web assets (or --web-dir).
 *
 * Threading: one acceptor thread accepts connections and hands each to
 * the worker (an MHD daemon with its own epoll thread) that serves the
 * fewest; the handler runs on that worker's thread; every request gets
 * its own arena, freed once the response is sent.
 */
#ifndef YK_HTTP_H
#define YK_HTTP_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

#define HTTP_URL_MAX 4096            /* bytes of the request target */
#define HTTP_HEADER_MAX (16 * 1024)  /* bytes of all request headers together */
#define HTTP_BODY_HARD_MAX (64u << 20) /* no route may accept more */
#define HTTP_CONNECTION_TIMEOUT 60   /* seconds of silence before a connection is dropped */
/* Deadlines that a trickle cannot extend (bytes arriving do not reset them):
 * the request line and headers, and the idle wait between keep-alive
 * requests, must come within HTTP_HEADER_TIMEOUT_MS of the connection's
 * start or of the previous response; a body within HTTP_BODY_TIMEOUT_MS
 * plus its length at HTTP_BODY_MIN_RATE. A connection past its deadline is
 * shut down. Responses (streams included) have no such deadline. */
#define HTTP_HEADER_TIMEOUT_MS 10000
#define HTTP_BODY_TIMEOUT_MS 10000
#define HTTP_BODY_MIN_RATE (16 * 1024) /* bytes per second */
/* Open connections: the total is also capped by RLIMIT_NOFILE (raised to
 * its hard limit at start); per client address, except the trusted
 * proxies of http_server_options.exempt_addrs. Over the limit, a new
 * connection is closed at accept, before anything is read. */
#define HTTP_CONNECTIONS_MAX 2048
#define HTTP_CONNECTIONS_PER_ADDR 64
/* A body_limit() result that means "no such route": the handler is called
 * at once, without the body, so that it answers 404/405 before any body
 * byte is read (and a body never turns a 405 into a 413). */
#define HTTP_BODY_NO_ROUTE SIZE_MAX
#define HTTP_RESPONSE_HEADERS_MAX 8  /* extra headers a handler may add */
#define HTTP_THREADS_MAX 32
#define HTTP_STREAM_QUEUE_MAX (4u << 20) /* bytes of a stream waiting for a slow client */
#define HTTP_STREAM_KEEPALIVE_MIN_MS 100 /* shortest keep-alive interval */

struct http_stream;

struct http_request {
	struct yk_arena *arena;     /* per-request memory, freed after the response */
	const char *method;         /* "GET", "POST", ... */
	const char *path;           /* percent-decoded path, no query string */
	const char *client_ip;      /* textual address of the peer */
	const char *body;           /* NUL-terminated copy, NULL when empty */
	size_t body_len;
	int64_t started_us;         /* yk_mono_us() when the request arrived */
	void *conn;                 /* MHD connection, for the accessors below */
	int64_t log_user_id;        /* set by the handler for the access log */
};

/* Header and query lookups; NULL when absent. Borrowed for the request. */
const char *http_header(const struct http_request *req, const char *name);
const char *http_query(const struct http_request *req, const char *name);
const char *http_cookie(const struct http_request *req, const char *name);

struct http_response {
	int status;
	const char *content_type;   /* borrowed static string or arena string */
	struct yk_buf body;         /* owned by the response */
	const unsigned char *static_body; /* alternative to body: static bytes */
	size_t static_len;
	const char *etag;           /* quoted strong ETag or NULL */
	const char *cache_control;  /* NULL: "no-store" */
	/* Sources allowed to frame this response ("'self' https://..."),
	 * NULL for none (frame-ancestors 'none' and X-Frame-Options DENY). */
	const char *frame_ancestors;
	int nheaders;
	const char *header_names[HTTP_RESPONSE_HEADERS_MAX];
	const char *header_values[HTTP_RESPONSE_HEADERS_MAX];
	struct http_stream *stream; /* set by http_respond_stream(); private */
};

/* Adds a response header (name and value borrowed until sent, normally
 * static or arena strings). Extra headers past the limit are dropped with a
 * log line: that is a programming error, not input-driven. */
void http_response_header(struct http_response *resp, const char *name, const char *value);
/* Appends s[0..len) to b as a JSON string literal, quotes included: '"',
 * '\\' and control characters escaped, everything else as it is, except
 * that a byte sequence that is not valid UTF-8 becomes U+FFFD (the output
 * is always valid JSON text in UTF-8; s need not be NUL-terminated).
 * Returns 0, or YK_ELIMIT from b's limit (b then holds a partial literal).
 * For the handlers that write their JSON straight into the body. */
int http_json_str(struct yk_buf *b, const char *s, size_t len) YK_WUR;
/* Sets a JSON error body {"error":{"code":...,"message":...}} and status. */
void http_response_error(struct http_response *resp, int status, const char *code,
			 const char *message);

/* ---- streamed responses (server-sent events) ---------------------------
 *
 * A handler that cannot produce its whole body at once (an LLM answer) calls
 * http_respond_stream() and hands the stream to a producer thread of its
 * own; the handler then returns at once. The producer writes pieces with
 * http_stream_write() and ends with http_stream_close(). MHD worker threads
 * never wait for the producer: when nothing is queued the connection is
 * suspended, and the next write or the close resumes it.
 *
 * While suspended, MHD does not notice a client that went away; a stream
 * with a keep-alive (http_stream_keepalive) sends those bytes after that
 * much silence, so a closed browser tab is noticed within the interval.
 * Once the client is gone (or the server stops), the cancel flag is set and
 * every later write returns YK_ECANCELED.
 *
 * The struct is shared by the MHD side and the producer and freed when both
 * are done (the producer by calling http_stream_close exactly once).
 * http_server_stop() waits for live streams like for other requests; after
 * the drain time it cancels them and waits for their producers to close.
 * Producers must not use memory of the request (its arena) after the
 * handler returned: copy what they need.
 */

/* Makes resp a streamed response with status and content_type (borrowed
 * static string). Adds "X-Accel-Buffering: no" (no proxy buffering) and
 * keeps "Cache-Control: no-store". *out is owned by the caller until
 * http_stream_close(). Returns 0; never fails except YK_EINVAL when resp is
 * already a stream. */
int http_respond_stream(struct http_response *resp, int status, const char *content_type,
			struct http_stream **out) YK_WUR;
/* Queues n bytes for the client (copied). Thread-safe. Returns 0,
 * YK_ECANCELED once the client is gone or the server is stopping, or
 * YK_ELIMIT when more than HTTP_STREAM_QUEUE_MAX bytes wait for a slow
 * client (the stream is then cancelled). */
int http_stream_write(struct http_stream *s, const void *bytes, size_t n) YK_WUR;
/* Bytes (copied, at most 64) to send after interval_ms of silence, e.g.
 * ":\n\n" for an SSE comment. interval_ms is raised to
 * HTTP_STREAM_KEEPALIVE_MIN_MS. Call before the first write. */
void http_stream_keepalive(struct http_stream *s, const char *bytes, int interval_ms);
/* The cancel flag: non-zero once the client is gone or the server stops.
 * Borrowed until http_stream_close(). Not const because llm_chat() takes a
 * plain atomic_int *; the producer may set it to stop early itself. */
atomic_int *http_stream_cancelled(struct http_stream *s);
/* The producer is done: the queued bytes are still sent, then the response
 * ends. The producer must not touch s afterwards. NULL is a no-op. */
void http_stream_close(struct http_stream *s);

/* The application: decides the response for a request. The body has
 * already been read within the limit that body_limit() returned. */
struct http_app {
	void *ctx;
	void (*handle)(void *ctx, struct http_request *req, struct http_response *resp);
	/* Largest body accepted for method+path (0 = no body allowed beyond
	 * nothing; callers usually return a default). */
	size_t (*body_limit)(void *ctx, const char *method, const char *path);
	/* Optional: who may frame the web asset at path (see
	 * http_response.frame_ancestors); NULL or a NULL result: nobody. The
	 * result is borrowed until the response is sent (arena or static). */
	const char *(*frame_ancestors)(void *ctx, const struct http_request *req);
};

struct http_server_options {
	const char *listen_addr;    /* IPv4 address, "127.0.0.1" */
	uint16_t port;              /* 0 = ephemeral */
	unsigned threads;           /* worker threads; 0 = number of cores */
	const char *web_dir;        /* serve assets from disk instead (development);
				     * files reached through a symlink that leaves
				     * this directory are not served */
	unsigned per_addr_max;      /* connections per client address; 0 = default */
	/* Addresses exempt from the per-address limit (trusted reverse
	 * proxies), separated by spaces or commas; NULL or "" for none.
	 * Copied. */
	const char *exempt_addrs;
	/* Where the access log goes (borrowed; must outlive the server); NULL:
	 * a log of the server's own on stderr. */
	struct http_access_log *access_log;
};

struct http_server;

/* Starts listening. On success *out is running and http_server_port() tells
 * the bound port. Errors: YK_EIO with the reason in ei (address in use...). */
int http_server_start(const struct http_server_options *opts, const struct http_app *app,
		      struct http_server **out, struct yk_errinfo *ei) YK_WUR;
uint16_t http_server_port(const struct http_server *srv);
/* Stops accepting connections, waits up to drain_ms for in-flight requests
 * to finish, then stops the daemon and frees srv. */
void http_server_stop(struct http_server *srv, int drain_ms);

/* ---- access log (http_access.c) ------------------------------------------ */

/* One line a request: method, path (no query string), status, bytes,
 * milliseconds, user id, peer address; never the body, cookies or tokens.
 * To stderr through yk_log (under systemd, journald rotates and caps it),
 * or to a file: when the next line would take it past max_bytes, FILE is
 * renamed FILE.1 (FILE.1 to FILE.2 ... up to FILE.keep, the oldest
 * dropped; keep 0 keeps none) and a new FILE is started, created 0600.
 * 429 floods: per peer address, the first 429 of an interval is logged and
 * the others are counted; http_access_log_flush writes one summary line per
 * address (addresses past HTTP_ACCESS_429_ADDRS share one line).
 * Thread safety: every function may be called from any thread. */
#define HTTP_ACCESS_LOG_MIN_BYTES 4096
#define HTTP_ACCESS_LOG_KEEP_MAX 100
#define HTTP_ACCESS_LOG_DEFAULT_MB 64   /* serve --access-log-max-kb (in KiB there) */
#define HTTP_ACCESS_LOG_DEFAULT_KEEP 5  /* serve --access-log-keep */
#define HTTP_ACCESS_429_ADDRS 1024      /* addresses counted one by one per interval */
#define HTTP_ACCESS_429_INTERVAL_MS 10000

struct http_access_log;

/* path NULL: stderr (max_bytes and keep unused). Otherwise opens path for
 * appending; YK_EINVAL for an empty or too long path, max_bytes below
 * HTTP_ACCESS_LOG_MIN_BYTES or keep above HTTP_ACCESS_LOG_KEEP_MAX; YK_EIO
 * when it cannot be opened. */
int http_access_log_new(const char *path, uint64_t max_bytes, unsigned keep,
			struct http_access_log **out, struct yk_errinfo *ei) YK_WUR;
void http_access_log_free(struct http_access_log *log); /* NULL is a no-op */
/* The process's stderr log (created on first use, lives until exit), used
 * by servers started without one. */
struct http_access_log *http_access_log_stderr(void);
/* Writes one request's line (strings borrowed; path already cleaned of
 * control characters). */
void http_access_log_request(struct http_access_log *log, const char *method, const char *path,
			     unsigned status, size_t bytes, double ms, long long user,
			     const char *ip, int aborted);
/* A 429 was sent to addr: 1 when its line should be logged (the address's
 * first of the interval), 0 when it was only counted. */
int http_access_log_429(struct http_access_log *log, const char *addr) YK_WUR;
/* Ends the interval: one line per address with uncounted 429s, "access: N
 * more 429 response(s) not logged one by one, from ADDR in S s". */
void http_access_log_flush(struct http_access_log *log, unsigned interval_s);

/* ---- pure request checks (fuzzed by tests/fuzz/fuzz_http_request.c) ----- */

/* Checks a raw request target (path and query, not yet percent-decoded) of
 * len bytes: 0 when its path, once decoded, has no NUL, no other control
 * character (< 0x20) and no DEL; YK_EINVAL otherwise. The query is not
 * looked at. Never reads past len. */
int http_target_check(const char *target, size_t len) YK_WUR;

/* The client address a trusted reverse proxy vouches for: the last entry of
 * the X-Forwarded-For value xff (len bytes), which that proxy appended.
 * Writes it NUL-terminated to out (>= 46 bytes) and returns 0 when it is an
 * IPv4 or IPv6 literal; YK_EINVAL otherwise (out is then ""). */
int http_forwarded_client(const char *xff, size_t len, char *out, size_t outsz) YK_WUR;

/* ---- rate limits by key (citizens' questions) ----------------------------
 *
 * A token bucket per key (a client address) in a table of exact keys: a key
 * never shares or resets another key's bucket. When the table is full the
 * key seen least recently is evicted; an evicted key comes back with a
 * full bucket, so the table is sized well above the number of addresses
 * that can be active within one refill period. Thread-safe. */
#define HTTP_RATE_KEYS_MAX 16384
#define HTTP_RATE_KEY_MAX 63 /* bytes of a key; longer keys are cut */

struct http_ratelimit;

/* per_min tokens per minute, at most burst saved up; capacity keys (0 =
 * HTTP_RATE_KEYS_MAX). Never fails (aborts on out of memory). */
struct http_ratelimit *http_ratelimit_new(double per_min, double burst, size_t capacity);
void http_ratelimit_free(struct http_ratelimit *rl);
/* Takes one token for key at now_ms: 0, or YK_ERATE when the bucket is
 * empty. */
int http_ratelimit_take(struct http_ratelimit *rl, const char *key, int64_t now_ms) YK_WUR;

#endif
