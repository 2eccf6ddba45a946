/* http: libmicrohttpd daemon, request assembly within limits, security
 * headers, static assets and the access log. See http.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/embed.h"
#include "http.h"
#include "core/banned.h"

/* One policy for every response: the UI is served only from us, nothing
 * inline, never framed (except a page the app lets named sites frame: the
 * citizens' page in the city's web site). */
#define HTTP_CSP_BASE                                                                     \
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
	"connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; "
#define HTTP_CSP HTTP_CSP_BASE "frame-ancestors 'none'"

#define HTTP_ASSET_FILE_MAX (8u << 20) /* --web-dir files read from disk */

#define HTTP_STREAM_TICK_MS 50        /* watchdog period (keep-alives, stop) */
#define HTTP_STREAM_STOP_WAIT_MS 10000 /* producers given to close after cancel */
#define HTTP_STREAM_KEEPALIVE_MAX 64
#define HTTP_CONN_SWEEP_MS 200        /* how often deadlines are checked */
#define HTTP_REFUSAL_LOG_MS 10000     /* refused connections: one summary line per period */
#define HTTP_FD_RESERVE 64            /* descriptors kept for the database, logs, clients */
/* MHD's memory per connection (headers, read buffer, response headers).
 * MHD zeroes the whole pool for every request of a keep-alive connection:
 * at 4 x HTTP_HEADER_MAX that was about 7 % of a question's instructions.
 * Twice the header limit still takes a request whose headers are just
 * under HTTP_HEADER_MAX (test_http). */
#define HTTP_CONN_POOL (2 * HTTP_HEADER_MAX)

/* One TCP connection (MHD's socket context), listed for the per-address
 * count, the workers' balance and the deadline sweep. Listed by the
 * acceptor when it hands the socket to a worker, until MHD's CLOSED
 * notification, which MHD sends before it closes the socket: so while an
 * entry is listed (under conn_mu) its fd is still this connection's. The
 * one exception is a hand-off MHD dropped before its STARTED notification
 * (out of memory): it closes the socket without a word, so an entry still
 * without mhd is only trusted until its header deadline (conns_sweep) or
 * until accept hands out its fd number again (acceptor_hand_off). */
struct http_conn {
	struct MHD_Connection *mhd;   /* NULL until the worker has started it */
	unsigned worker;              /* index into http_server.workers */
	int fd;
	char addr[INET6_ADDRSTRLEN];
	_Atomic int64_t deadline_us;  /* 0: none (the request is being answered) */
	int bad_target;               /* set by the URI callback for the next request */
	int shut;                     /* shut down by the sweep */
	struct http_conn *next, *prev;
};

/* One worker: an MHD daemon with its own epoll thread and no listen
 * socket; the acceptor hands it connections. */
struct http_worker {
	struct MHD_Daemon *daemon;
	unsigned conns;                   /* listed connections it serves, under conn_mu */
};

struct http_server {
	/* Connections are accepted by one thread and handed to the worker
	 * that serves the fewest (see acceptor_main). */
	struct http_worker workers[HTTP_THREADS_MAX];
	unsigned nworkers;
	int listen_fd;
	int acceptor_stop_fd;             /* eventfd: written to stop the acceptor */
	pthread_t acceptor;
	int acceptor_started;
	unsigned conn_max;                /* total connections (all workers) */
	unsigned nconns;                  /* listed connections, under conn_mu */
	struct http_app app;
	char *web_dir;
	char *web_dir_real;               /* realpath of web_dir */
	/* Connections (under conn_mu), the per-address limit and who is exempt. */
	pthread_mutex_t conn_mu;
	struct http_conn *conns;
	unsigned per_addr_max;
	char *exempt_addrs;
	atomic_long refused;              /* connections refused since the last log line */
	int64_t refusal_logged_us;        /* watchdog thread only */
	struct http_access_log *alog;     /* borrowed (options or the stderr one) */
	int64_t access_flushed_us;        /* watchdog thread only */
	uint16_t port;
	atomic_int inflight;
	/* Live streams (under stream_registry_mu) and their watchdog. */
	struct http_stream *streams;
	pthread_t watchdog;
	int watchdog_stop;               /* under stream_registry_mu */
	pthread_cond_t watchdog_cond;
};

/* One streamed response, shared by the MHD side (reader callback, request
 * completion) and the producer thread. Lock order: stream_registry_mu, then
 * s->mu. MHD_resume_connection() is called under s->mu: it only signals the
 * daemon, never calls back into us. */
struct http_stream {
	pthread_mutex_t mu;
	struct yk_buf queue;           /* bytes not yet handed to MHD */
	size_t queue_off;              /* first unsent byte of queue */
	struct MHD_Connection *conn;   /* NULL before attach and after completion */
	int suspended;                 /* MHD connection suspended by the reader */
	int closed;                    /* producer called http_stream_close */
	int refs;                      /* producer + MHD response + exchange */
	atomic_int cancel;
	int64_t last_us;               /* last time bytes were queued */
	char keepalive[HTTP_STREAM_KEEPALIVE_MAX];
	size_t keepalive_len;
	int64_t keepalive_us;
	size_t sent;                   /* bytes given to MHD (access log) */
	struct http_server *srv;       /* under stream_registry_mu; NULL when not listed */
	struct http_stream *next, *prev;
};

static void conns_sweep(struct http_server *srv, int64_t now);

/* Guards every server's stream list and each stream's srv link. One lock
 * for all servers: streams are few and the critical sections tiny. */
static pthread_mutex_t stream_registry_mu = PTHREAD_MUTEX_INITIALIZER;

/* Per-exchange state, created on MHD's first call for a request. */
struct exchange {
	struct http_request req;
	struct yk_buf body;
	size_t body_limit;
	int too_large;
	int refused;           /* a response was queued before the body was read */
	unsigned status;
	size_t bytes;
	struct http_server *srv;
	struct http_stream *stream; /* a streamed response, MHD's reference */
	struct http_conn *hc;       /* the connection, NULL if MHD gave none */
};

/* ---- accessors --------------------------------------------------------- */

const char *http_header(const struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(const struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_cookie(const struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

void http_response_header(struct http_response *resp, const char *name, const char *value)
{
	if (resp->nheaders >= HTTP_RESPONSE_HEADERS_MAX) {
		yk_log(YK_LOG_ERROR, "http: too many response headers, dropped %s", name);
		return;
	}
	resp->header_names[resp->nheaders] = name;
	resp->header_values[resp->nheaders] = value;
	resp->nheaders++;
}

/* Bytes that a JSON string literal cannot hold as they are. */
static const unsigned char json_escaped[256] = {
	[0x00 ... 0x1F] = 1, ['"'] = 1, ['\\'] = 1,
};

/* Appends the one escape for the byte c (json_escaped[c] set). */
static int json_escape_byte(struct yk_buf *b, unsigned c)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6] = {'\\', (char)c, '0', '0', '0', '0'};
	if (c >= 0x20)
		return yk_buf_add(b, esc, 2);
	esc[1] = 'u';
	esc[4] = hex[c >> 4];
	esc[5] = hex[c & 15];
	return yk_buf_add(b, esc, 6);
}

/* The length of the valid UTF-8 sequence at p[0..n) whose lead byte is
 * >= 0x80, or 0 when it is not one (the rules of yk_utf8_valid: no
 * overlong forms, surrogates or code points above U+10FFFF). */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0))
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80 || (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* One pass: runs of plain bytes (ASCII that needs no escape, valid UTF-8
 * sequences, checked as they go by) are copied at once; the answers and
 * snippets of the hot path are long Japanese texts with few characters to
 * escape. An invalid sequence becomes U+FFFD. */
int http_json_str(struct yk_buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	int rc = yk_buf_addc(b, '"');
	size_t i = 0, run = 0;
	while (!rc && i < len) {
		unsigned c = p[i];
		if (c < 0x80) {
			if (!json_escaped[c]) {
				i++;
				continue;
			}
			rc = yk_buf_add(b, s + run, i - run);
			if (!rc)
				rc = json_escape_byte(b, c);
			run = ++i;
			continue;
		}
		size_t k = utf8_seq(p + i, len - i);
		if (k) {
			i += k;
			continue;
		}
		uint32_t cp;
		size_t n = yk_utf8_decode(s + i, len - i, &cp);
		if (!yk_utf8_valid(s + i, n, NULL)) {
			rc = yk_buf_add(b, s + run, i - run);
			if (!rc)
				rc = yk_buf_adds(b, "\xEF\xBF\xBD"); /* U+FFFD */
			run = i + n;
		}
		i += n;
	}
	if (!rc)
		rc = yk_buf_add(b, s + run, len - run);
	if (!rc)
		rc = yk_buf_addc(b, '"');
	return rc;
}

static void json_quote(struct yk_buf *b, const char *s)
{
	if (http_json_str(b, s, strlen(s)) != 0)
		return; /* the error body buffer has no limit: unreachable */
}

void http_response_error(struct http_response *resp, int status, const char *code,
			 const char *message)
{
	resp->status = status;
	resp->content_type = "application/json; charset=utf-8";
	yk_buf_reset(&resp->body);
	int rc = yk_buf_adds(&resp->body, "{\"error\":{\"code\":");
	json_quote(&resp->body, code);
	rc |= yk_buf_adds(&resp->body, ",\"message\":");
	json_quote(&resp->body, message);
	rc |= yk_buf_adds(&resp->body, "}}");
	(void)rc;
}

/* ---- header and URL limits --------------------------------------------- */

struct header_scan {
	size_t total;
	int bad_utf8;
};

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
				   size_t key_size, const char *value, size_t value_size)
{
	(void)kind;
	(void)key;
	struct header_scan *hs = cls;
	hs->total += key_size + value_size + 4;
	if (value && !yk_utf8_valid(value, value_size, NULL))
		hs->bad_utf8 = 1;
	return MHD_YES;
}

static enum MHD_Result scan_query(void *cls, enum MHD_ValueKind kind, const char *key,
				  size_t key_size, const char *value, size_t value_size)
{
	(void)kind;
	struct header_scan *hs = cls;
	if (!yk_utf8_valid(key, key_size, NULL) || (value && !yk_utf8_valid(value, value_size, NULL)))
		hs->bad_utf8 = 1;
	return MHD_YES;
}

/* ---- static assets ----------------------------------------------------- */

static const char *mime_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".html", "text/html; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".mjs", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".ico", "image/x-icon"},
		{".json", "application/json; charset=utf-8"},
		{".csv", "text/csv; charset=utf-8"},
		{".txt", "text/plain; charset=utf-8"},
		{".woff2", "font/woff2"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < YK_ARRAY_LEN(types); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* Asset names: [A-Za-z0-9._-/] only, no "..", no leading dot segment. */
static int asset_name_ok(const char *name)
{
	if (!*name || strstr(name, ".."))
		return 0;
	for (const char *p = name; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-' || c == '/'))
			return 0;
		if (c == '/' && p[1] == '.')
			return 0;
	}
	return name[0] != '.' && name[0] != '/';
}

static int serve_from_disk(struct http_server *srv, struct http_request *req, const char *name,
			   struct http_response *resp)
{
	char *path = yk_arena_printf(req->arena, "%s/%s", srv->web_dir, name);
	/* A symlink may point anywhere: serve only what resolves inside the
	 * directory, and open that resolved path without following again. */
	char *real = realpath(path, NULL);
	if (!real)
		return YK_ENOTFOUND;
	size_t rootlen = strlen(srv->web_dir_real);
	if (rootlen == 1) /* the root directory itself */
		rootlen = 0;
	int inside = strncmp(real, srv->web_dir_real, rootlen) == 0 && real[rootlen] == '/';
	int fd = inside ? open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1;
	if (!inside)
		yk_log(YK_LOG_WARN, "http: refused a web-dir file outside the directory");
	free(real);
	if (fd < 0)
		return YK_ENOTFOUND;
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > HTTP_ASSET_FILE_MAX) {
		rc = YK_ENOTFOUND;
		goto out;
	}
	yk_buf_reset(&resp->body);
	char chunk[16384];
	ssize_t got;
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
		if ((rc = yk_buf_add(&resp->body, chunk, (size_t)got)))
			goto out;
	if (got < 0) {
		rc = YK_EIO;
		goto out;
	}
	resp->status = 200;
	resp->content_type = mime_type(name);
	resp->cache_control = "no-cache";
out:
	close(fd);
	return rc;
}

static void serve_asset(struct http_server *srv, struct http_request *req,
			struct http_response *resp)
{
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
		http_response_error(resp, 405, "method_not_allowed", "この操作は許可されていません");
		http_response_header(resp, "Allow", "GET, HEAD");
		return;
	}
	const char *name = req->path[0] == '/' ? req->path + 1 : req->path;
	if (!*name)
		name = "index.html";
	if (asset_name_ok(name)) {
		if (srv->web_dir) {
			if (serve_from_disk(srv, req, name, resp) == 0)
				return;
		} else {
			for (const struct yk_embedded_file *f = yk_assets; f->name; f++) {
				if (strcmp(f->name, name) != 0)
					continue;
				resp->content_type = mime_type(name);
				resp->etag = f->etag;
				resp->cache_control = "no-cache";
				const char *inm = http_header(req, "If-None-Match");
				if (inm && strstr(inm, f->etag)) {
					resp->status = 304;
					return;
				}
				resp->status = 200;
				resp->static_body = f->data;
				resp->static_len = f->len;
				return;
			}
		}
	}
	resp->status = 404;
	resp->content_type = "text/plain; charset=utf-8";
	yk_buf_reset(&resp->body);
	if (yk_buf_adds(&resp->body, "404 ページが見つかりません\n") != 0)
		resp->body.len = 0;
}

/* ---- streamed responses ------------------------------------------------ */

/* Resumes the connection if the reader suspended it. Caller holds s->mu. */
static void stream_wake_locked(struct http_stream *s)
{
	if (s->suspended && s->conn) {
		s->suspended = 0;
		MHD_resume_connection(s->conn);
	}
}

/* Drops one reference; the last one unlists and frees the stream. */
static void stream_unref(struct http_stream *s)
{
	pthread_mutex_lock(&stream_registry_mu);
	pthread_mutex_lock(&s->mu);
	int left = --s->refs;
	pthread_mutex_unlock(&s->mu);
	if (left == 0 && s->srv) {
		if (s->prev)
			s->prev->next = s->next;
		else
			s->srv->streams = s->next;
		if (s->next)
			s->next->prev = s->prev;
		s->srv = NULL;
	}
	pthread_mutex_unlock(&stream_registry_mu);
	if (left == 0) {
		yk_buf_release(&s->queue);
		pthread_mutex_destroy(&s->mu);
		free(s);
	}
}

int http_respond_stream(struct http_response *resp, int status, const char *content_type,
			struct http_stream **out)
{
	*out = NULL;
	if (resp->stream)
		return YK_EINVAL;
	struct http_stream *s = yk_xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->mu, NULL);
	yk_buf_init(&s->queue, HTTP_STREAM_QUEUE_MAX);
	atomic_init(&s->cancel, 0);
	s->refs = 2;
	s->last_us = yk_mono_us();
	resp->stream = s;
	resp->status = status;
	resp->content_type = content_type;
	resp->cache_control = "no-store";
	yk_buf_reset(&resp->body);
	http_response_header(resp, "X-Accel-Buffering", "no");
	*out = s;
	return 0;
}

int http_stream_write(struct http_stream *s, const void *bytes, size_t n)
{
	int rc = 0;
	pthread_mutex_lock(&s->mu);
	if (atomic_load(&s->cancel)) {
		rc = YK_ECANCELED;
		goto out;
	}
	if (s->queue_off == s->queue.len) { /* all sent: reuse the buffer */
		yk_buf_reset(&s->queue);
		s->queue_off = 0;
	}
	if (yk_buf_add(&s->queue, bytes, n) != 0) {
		atomic_store(&s->cancel, 1); /* the client cannot keep up: give up on it */
		rc = YK_ELIMIT;
	}
	s->last_us = yk_mono_us();
	stream_wake_locked(s);
out:
	pthread_mutex_unlock(&s->mu);
	return rc;
}

void http_stream_keepalive(struct http_stream *s, const char *bytes, int interval_ms)
{
	size_t n = strlen(bytes);
	if (n > HTTP_STREAM_KEEPALIVE_MAX)
		n = HTTP_STREAM_KEEPALIVE_MAX;
	if (interval_ms < HTTP_STREAM_KEEPALIVE_MIN_MS)
		interval_ms = HTTP_STREAM_KEEPALIVE_MIN_MS;
	pthread_mutex_lock(&s->mu);
	memcpy(s->keepalive, bytes, n);
	s->keepalive_len = n;
	s->keepalive_us = (int64_t)interval_ms * 1000;
	pthread_mutex_unlock(&s->mu);
}

atomic_int *http_stream_cancelled(struct http_stream *s)
{
	return &s->cancel;
}

void http_stream_close(struct http_stream *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->mu);
	s->closed = 1;
	stream_wake_locked(s);
	pthread_mutex_unlock(&s->mu);
	stream_unref(s);
}

/* MHD's content reader: hands over queued bytes, ends the response once the
 * producer closed and everything is sent, or suspends the connection until
 * the producer writes again. Never waits. */
static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	struct http_stream *s = cls;
	ssize_t ret;
	pthread_mutex_lock(&s->mu);
	size_t avail = s->queue.len - s->queue_off;
	if (atomic_load(&s->cancel)) {
		ret = MHD_CONTENT_READER_END_WITH_ERROR;
	} else if (avail > 0) {
		size_t n = avail < max ? avail : max;
		memcpy(buf, s->queue.data + s->queue_off, n);
		s->queue_off += n;
		s->sent += n;
		ret = (ssize_t)n;
	} else if (s->closed) {
		ret = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		s->suspended = 1;
		MHD_suspend_connection(s->conn);
		ret = 0;
	}
	pthread_mutex_unlock(&s->mu);
	return ret;
}

/* MHD is done with the response object: its reference goes. */
static void stream_free_cb(void *cls)
{
	stream_unref(cls);
}

/* Keep-alives for idle streams, and the wake-up of cancelled ones. */
static void *stream_watchdog(void *arg)
{
	struct http_server *srv = arg;
	int64_t next_sweep = 0;
	pthread_mutex_lock(&stream_registry_mu);
	while (!srv->watchdog_stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += HTTP_STREAM_TICK_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&srv->watchdog_cond, &stream_registry_mu, &ts);
		int64_t now = yk_mono_us();
		for (struct http_stream *s = srv->streams; s; s = s->next) {
			pthread_mutex_lock(&s->mu);
			if (atomic_load(&s->cancel)) {
				stream_wake_locked(s); /* the reader ends the response */
			} else if (s->keepalive_len && s->suspended &&
				   now - s->last_us >= s->keepalive_us) {
				if (yk_buf_add(&s->queue, s->keepalive, s->keepalive_len) == 0) {
					s->last_us = now;
					stream_wake_locked(s);
				}
			}
			pthread_mutex_unlock(&s->mu);
		}
		if (now >= next_sweep) {
			conns_sweep(srv, now);
			next_sweep = now + (int64_t)HTTP_CONN_SWEEP_MS * 1000;
		}
	}
	pthread_mutex_unlock(&stream_registry_mu);
	return NULL;
}

/* Cancels every live stream and resumes suspended ones, so that MHD can
 * close them (MHD must not be stopped with suspended connections). */
static void streams_cancel_all(struct http_server *srv)
{
	pthread_mutex_lock(&stream_registry_mu);
	for (struct http_stream *s = srv->streams; s; s = s->next) {
		pthread_mutex_lock(&s->mu);
		atomic_store(&s->cancel, 1);
		stream_wake_locked(s);
		pthread_mutex_unlock(&s->mu);
	}
	pthread_mutex_unlock(&stream_registry_mu);
}

static int streams_live(struct http_server *srv)
{
	pthread_mutex_lock(&stream_registry_mu);
	int n = srv->streams != NULL;
	pthread_mutex_unlock(&stream_registry_mu);
	return n;
}

/* ---- MHD callbacks ----------------------------------------------------- */

static enum MHD_Result send_response(struct exchange *ex, struct MHD_Connection *conn,
				     struct http_response *resp)
{
	struct MHD_Response *r;
	size_t len;
	int head = strcmp(ex->req.method, "HEAD") == 0;
	if (resp->stream) {
		struct http_stream *st = resp->stream;
		resp->stream = NULL;
		len = 0;
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16 * 1024, stream_read, st,
						      stream_free_cb);
		if (!r) {
			atomic_store(&st->cancel, 1);
			stream_unref(st); /* MHD will never call back */
			return MHD_NO;
		}
		pthread_mutex_lock(&stream_registry_mu);
		pthread_mutex_lock(&st->mu);
		st->conn = conn;
		st->refs++; /* the exchange's: MHD may destroy the response before
			     * the request-completed callback runs */
		st->srv = ex->srv;
		st->prev = NULL;
		st->next = ex->srv->streams;
		if (st->next)
			st->next->prev = st;
		ex->srv->streams = st;
		pthread_mutex_unlock(&st->mu);
		pthread_mutex_unlock(&stream_registry_mu);
		ex->stream = st;
	} else if (resp->static_body) {
		len = resp->static_len;
		r = MHD_create_response_from_buffer(head ? 0 : len, (void *)resp->static_body,
						    MHD_RESPMEM_PERSISTENT);
	} else {
		char *data = yk_buf_detach(&resp->body, &len);
		if (head) {
			free(data);
			r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		} else {
			r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
			if (!r)
				free(data);
		}
	}
	if (!r)
		return MHD_NO;
	if (resp->content_type && resp->status != 304)
		MHD_add_response_header(r, "Content-Type", resp->content_type);
	if (resp->frame_ancestors && *resp->frame_ancestors) {
		const char *csp = yk_arena_printf(ex->req.arena, "%sframe-ancestors %s", HTTP_CSP_BASE,
						  resp->frame_ancestors);
		MHD_add_response_header(r, "Content-Security-Policy", csp);
	} else {
		MHD_add_response_header(r, "Content-Security-Policy", HTTP_CSP);
		MHD_add_response_header(r, "X-Frame-Options", "DENY");
	}
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cache-Control", resp->cache_control ? resp->cache_control : "no-store");
	if (resp->etag)
		MHD_add_response_header(r, "ETag", resp->etag);
	for (int i = 0; i < resp->nheaders; i++)
		MHD_add_response_header(r, resp->header_names[i], resp->header_values[i]);
	ex->status = (unsigned)resp->status;
	ex->bytes = head ? 0 : len;
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

static void response_init(struct http_response *resp)
{
	memset(resp, 0, sizeof(*resp));
	yk_buf_init(&resp->body, 0);
	resp->status = 500;
}

static enum MHD_Result refuse(struct exchange *ex, struct MHD_Connection *conn, int status,
			      const char *code, const char *message)
{
	struct http_response resp;
	response_init(&resp);
	http_response_error(&resp, status, code, message);
	ex->refused = 1;
	enum MHD_Result r = send_response(ex, conn, &resp);
	yk_buf_release(&resp.body);
	return r;
}

/* ---- connections: per-address limit and deadlines ---------------------- */

static void addr_text(const struct sockaddr *sa, char *out, size_t outsz)
{
	out[0] = '\0';
	if (!sa)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)outsz);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)outsz);
}

/* 1 when addr is one of the space- or comma-separated list. */
static int addr_listed(const char *list, const char *addr)
{
	size_t n = strlen(addr);
	for (const char *p = list; p && *p;) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		size_t k = strcspn(p, " ,\t");
		if (k && k == n && memcmp(p, addr, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

/* ---- the acceptor --------------------------------------------------------
 *
 * MHD's own thread pool lets every worker accept from the listen socket:
 * the first awake takes the connection, so a burst of new connections
 * (64 keep-alive connections opened at once) was split 42 to 22 between
 * two workers. A worker answers its connections one after the other, so
 * the connections of the fuller one waited about twice as long: that,
 * not the work of a request (0.5 ms median, 2.2 ms p99 inside the
 * server), made the p99 of a saturated server. One acceptor thread hands
 * each new connection to the worker that serves the fewest, so the
 * workers' queues stay within one connection of each other. */

/* Takes c off the server's list and its worker's count (conn_mu held);
 * the caller frees it. */
static void conn_unlist(struct http_server *srv, struct http_conn *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		srv->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	srv->workers[c->worker].conns--;
	srv->nconns--;
}

/* Lists the accepted socket fd and hands it to the least loaded worker;
 * closes it when the per-address or total limit is reached. Over the
 * per-address limit the connection is closed before a byte is read. */
static void acceptor_hand_off(struct http_server *srv, int fd, const struct sockaddr *sa,
			      socklen_t salen)
{
	char addr[INET6_ADDRSTRLEN];
	addr_text(sa, addr, sizeof(addr));
	int exempt = addr_listed(srv->exempt_addrs, addr);
	unsigned n = 0;
	struct http_conn *stale = NULL;
	pthread_mutex_lock(&srv->conn_mu);
	for (struct http_conn *c = srv->conns; c; c = c->next) {
		if (c->fd == fd && !c->mhd)
			stale = c; /* a hand-off MHD dropped: its fd was closed */
		else if (!exempt && strcmp(c->addr, addr) == 0)
			n++;
	}
	if (stale) {
		conn_unlist(srv, stale);
		free(stale);
	}
	if ((!exempt && n >= srv->per_addr_max) || srv->nconns >= srv->conn_max) {
		pthread_mutex_unlock(&srv->conn_mu);
		close(fd);
		if (!exempt && n >= srv->per_addr_max)
			atomic_fetch_add(&srv->refused, 1);
		return;
	}
	unsigned w = 0;
	for (unsigned i = 1; i < srv->nworkers; i++)
		if (srv->workers[i].conns < srv->workers[w].conns)
			w = i;
	struct http_conn *c = yk_xcalloc(1, sizeof(*c));
	c->fd = fd;
	c->worker = w;
	memcpy(c->addr, addr, sizeof(addr));
	atomic_init(&c->deadline_us, yk_mono_us() + (int64_t)HTTP_HEADER_TIMEOUT_MS * 1000);
	c->next = srv->conns;
	if (c->next)
		c->next->prev = c;
	srv->conns = c;
	srv->workers[w].conns++;
	srv->nconns++;
	pthread_mutex_unlock(&srv->conn_mu);
	/* MHD closes the socket itself when it cannot take it. */
	if (MHD_add_connection(srv->workers[w].daemon, fd, sa, salen) != MHD_YES) {
		pthread_mutex_lock(&srv->conn_mu);
		conn_unlist(srv, c);
		pthread_mutex_unlock(&srv->conn_mu);
		free(c);
	}
}

static void *acceptor_main(void *arg)
{
	struct http_server *srv = arg;
	struct pollfd pfd[2] = {{srv->listen_fd, POLLIN, 0}, {srv->acceptor_stop_fd, POLLIN, 0}};
	int64_t full_logged_us = 0;
	for (;;) {
		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			break;
		if (pfd[1].revents)
			break;
		if (!(pfd[0].revents & POLLIN))
			continue;
		for (;;) { /* the whole backlog: the listen socket does not block */
			struct sockaddr_storage ss;
			socklen_t sl = sizeof(ss);
			int fd = accept4(srv->listen_fd, (struct sockaddr *)&ss, &sl,
					 SOCK_NONBLOCK | SOCK_CLOEXEC);
			if (fd >= 0) {
				acceptor_hand_off(srv, fd, (struct sockaddr *)&ss, sl);
				continue;
			}
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
				/* Out of descriptors: the waiting connections stay in
				 * the backlog until some close. */
				int64_t now = yk_mono_us();
				if (now - full_logged_us >= (int64_t)HTTP_REFUSAL_LOG_MS * 1000) {
					yk_log(YK_LOG_WARN, "http: cannot accept: %s", strerror(errno));
					full_logged_us = now;
				}
				poll(&pfd[1], 1, 10);
			}
			break; /* EAGAIN: the backlog is empty */
		}
	}
	return NULL;
}

/* Stops accepting: the acceptor ends and the listen socket is closed. */
static void acceptor_stop(struct http_server *srv)
{
	if (srv->acceptor_started) {
		uint64_t one = 1;
		if (write(srv->acceptor_stop_fd, &one, sizeof(one)) != (ssize_t)sizeof(one))
			yk_log(YK_LOG_ERROR, "http: cannot stop the acceptor");
		pthread_join(srv->acceptor, NULL);
		srv->acceptor_started = 0;
	}
	if (srv->listen_fd >= 0)
		close(srv->listen_fd);
	srv->listen_fd = -1;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct http_server *srv = cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		int fd = ci ? ci->connect_fd : -1;
		struct http_conn *c = NULL;
		pthread_mutex_lock(&srv->conn_mu);
		for (c = srv->conns; c && !(c->fd == fd && !c->mhd); c = c->next)
			;
		if (c)
			c->mhd = conn;
		pthread_mutex_unlock(&srv->conn_mu);
		/* Not listed: the sweep took it for a dropped hand-off (its worker
		 * was held up for longer than the header deadline). MHD still has
		 * the socket, so it is closed at once. */
		if (!c && fd >= 0)
			shutdown(fd, SHUT_RDWR);
		*socket_context = c;
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		struct http_conn *c = *socket_context;
		if (!c)
			return;
		pthread_mutex_lock(&srv->conn_mu);
		conn_unlist(srv, c);
		pthread_mutex_unlock(&srv->conn_mu);
		free(c);
		*socket_context = NULL;
	}
}

static struct http_conn *conn_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* MHD's URI callback sees the target before it is percent-decoded (the
 * decoded path is NUL-terminated, so "%00" would cut it unseen). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	struct http_conn *c = conn_of(conn);
	if (c)
		c->bad_target = http_target_check(uri, strlen(uri)) != 0;
	return NULL;
}

/* Shuts down connections past their deadline; MHD then sees the socket end
 * and closes it. Called by the watchdog. */
static void conns_sweep(struct http_server *srv, int64_t now)
{
	pthread_mutex_lock(&srv->conn_mu);
	for (struct http_conn *c = srv->conns, *next; c; c = next) {
		next = c->next;
		int64_t d = atomic_load(&c->deadline_us);
		if (!c->mhd && d && now > d) {
			/* Handed off and never started: MHD dropped it and closed
			 * the fd, which may be another's now. Unlisted, not shut. */
			conn_unlist(srv, c);
			free(c);
		} else if (!c->shut && d && now > d && c->fd >= 0) {
			shutdown(c->fd, SHUT_RDWR);
			c->shut = 1;
		}
	}
	pthread_mutex_unlock(&srv->conn_mu);
	/* 429 floods: one summary line per address and interval. */
	if (now - srv->access_flushed_us >= (int64_t)HTTP_ACCESS_429_INTERVAL_MS * 1000) {
		http_access_log_flush(srv->alog, HTTP_ACCESS_429_INTERVAL_MS / 1000);
		srv->access_flushed_us = now;
	}
	/* Refusals come in floods: one summary line per period. */
	if (now - srv->refusal_logged_us < (int64_t)HTTP_REFUSAL_LOG_MS * 1000)
		return;
	long n = atomic_exchange(&srv->refused, 0);
	if (n) {
		yk_log(YK_LOG_WARN, "http: refused %ld connection(s) over the per-address limit (%u)",
		       n, srv->per_addr_max);
		srv->refusal_logged_us = now;
	}
}

/* ---- protocol strictness ------------------------------------------------- */

struct header_rules {
	int content_length;      /* how many Content-Length headers */
	int cl_differ;           /* two of them with different values */
	const char *cl_first;
	int transfer_encoding;
	int te_chunked_only;     /* the one Transfer-Encoding is exactly "chunked" */
	int host;
	int bad_value;           /* CR, LF or NUL inside a value */
	int folded;              /* a header continued on a following line */
};

/* libmicrohttpd 0.9.75 accepts obsolete line folding ("X: a\r\n b") and
 * joins the continuation onto the header's name in a block it allocates
 * elsewhere in the connection's pool; a header parsed in place has its
 * value right after its name, ':' (now NUL) and optional blanks. So a
 * header whose value does not follow its name that way was folded. The
 * bytes read lie inside MHD's connection pool either way (the distance is
 * checked first). A future MHD that refuses folding itself answers 400
 * before we are called; tests/integration/hardening.test.mjs holds both to
 * that answer. */
static int header_in_place(const char *key, size_t key_size, const char *value)
{
	if (!value || value <= key)
		return 0;
	size_t gap = (size_t)(value - key);
	if (gap < key_size + 1 || gap > key_size + 1 + 256)
		return 0;
	if (key[key_size] != '\0')
		return 0;
	for (const char *p = key + key_size + 1; p < value; p++)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

static enum MHD_Result scan_rules(void *cls, enum MHD_ValueKind kind, const char *key,
				  size_t key_size, const char *value, size_t value_size)
{
	(void)kind;
	(void)key_size;
	struct header_rules *hr = cls;
	if (!header_in_place(key, key_size, value))
		hr->folded = 1;
	if (value && memchr(value, '\0', value_size))
		hr->bad_value = 1;
	for (size_t i = 0; value && i < value_size; i++)
		if (value[i] == '\r' || value[i] == '\n')
			hr->bad_value = 1;
	if (strcasecmp(key, "Content-Length") == 0) {
		if (hr->content_length++ && strcmp(hr->cl_first, value ? value : "") != 0)
			hr->cl_differ = 1;
		else
			hr->cl_first = value ? value : "";
	} else if (strcasecmp(key, "Transfer-Encoding") == 0) {
		hr->transfer_encoding++;
		hr->te_chunked_only = value && strcasecmp(value, "chunked") == 0;
	} else if (strcasecmp(key, "Host") == 0) {
		hr->host++;
	}
	return MHD_YES;
}

/* The request-smuggling defence: a request that two parsers (a proxy and
 * us) could frame differently is refused. Returns the reason or NULL. */
static const char *framing_problem(struct MHD_Connection *conn, const char *version)
{
	struct header_rules hr;
	memset(&hr, 0, sizeof(hr));
	MHD_get_connection_values_n(conn, MHD_HEADER_KIND, scan_rules, &hr);
	if (hr.bad_value)
		return "ヘッダーに使えない文字があります";
	if (hr.folded)
		return "複数行に折り返したヘッダーは受け付けません";
	if (hr.cl_differ)
		return "Content-Length が複数あり、値が一致しません";
	if (hr.content_length && hr.transfer_encoding)
		return "Content-Length と Transfer-Encoding は同時に指定できません";
	if (hr.transfer_encoding > 1 || (hr.transfer_encoding && !hr.te_chunked_only))
		return "Transfer-Encoding は chunked だけを受け付けます";
	if (hr.host > 1)
		return "Host ヘッダーが複数あります";
	if (!hr.host && version && strcmp(version, "HTTP/1.0") != 0)
		return "HTTP/1.1 では Host ヘッダーが必要です";
	return NULL;
}

static enum MHD_Result answer(struct exchange *ex, struct MHD_Connection *conn);

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct exchange *ex = *con_cls;

	if (!ex) {
		ex = yk_xcalloc(1, sizeof(*ex));
		*con_cls = ex;
		ex->srv = srv;
		atomic_fetch_add(&srv->inflight, 1);
		ex->req.arena = yk_arena_new();
		ex->req.started_us = yk_mono_us();
		ex->req.conn = conn;
		ex->req.method = yk_arena_strdup(ex->req.arena, method);
		size_t url_len = strlen(url);
		ex->req.path = yk_arena_strndup(ex->req.arena, url, url_len);
		ex->req.client_ip = "";
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr) {
			char ip[INET6_ADDRSTRLEN];
			addr_text(ci->client_addr, ip, sizeof(ip));
			ex->req.client_ip = yk_arena_strdup(ex->req.arena, ip);
		}
		yk_buf_init(&ex->body, HTTP_BODY_HARD_MAX);
		ex->hc = conn_of(conn);
		int bad_target = ex->hc && ex->hc->bad_target;
		if (ex->hc)
			ex->hc->bad_target = 0;

		if (bad_target) {
			ex->req.path = "(control character)";
			return refuse(ex, conn, 400, "invalid_path", "URL に使えない文字（制御文字）があります");
		}
		if (url_len > HTTP_URL_MAX) {
			ex->req.path = "(URL too long)";
			return refuse(ex, conn, 414, "limit_exceeded", "URL が長すぎます");
		}
		if (!yk_utf8_valid(url, url_len, NULL)) {
			ex->req.path = "(invalid UTF-8)"; /* what the access log shows */
			return refuse(ex, conn, 400, "invalid_utf8", "URL の文字コードが正しくありません");
		}
		struct header_scan hs = {0, 0};
		MHD_get_connection_values_n(conn, MHD_HEADER_KIND, scan_header, &hs);
		MHD_get_connection_values_n(conn, MHD_COOKIE_KIND, scan_header, &hs);
		if (hs.total > HTTP_HEADER_MAX)
			return refuse(ex, conn, 413, "limit_exceeded", "リクエストヘッダーが大きすぎます");
		if (hs.bad_utf8)
			return refuse(ex, conn, 400, "invalid_utf8", "ヘッダーの文字コードが正しくありません");
		hs.bad_utf8 = 0;
		MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, scan_query, &hs);
		if (hs.bad_utf8)
			return refuse(ex, conn, 400, "invalid_utf8", "クエリの文字コードが正しくありません");
		const char *framing = framing_problem(conn, version);
		if (framing)
			return refuse(ex, conn, 400, "bad_request", framing);

		ex->body_limit = 0;
		if (yk_starts_with(ex->req.path, "/api/") && srv->app.body_limit)
			ex->body_limit = srv->app.body_limit(srv->app.ctx, method, ex->req.path);
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
		int64_t clen = 0;
		if (cl && yk_parse_i64(cl, strlen(cl), 0, INT64_MAX, &clen) != 0)
			return refuse(ex, conn, 400, "bad_request", "Content-Length が正しくありません");
		if (ex->body_limit == HTTP_BODY_NO_ROUTE) {
			/* No route: answer now (404/405) and never read the body. */
			if (clen > 0 || te)
				return answer(ex, conn);
			ex->body_limit = 0;
		}
		if (ex->body_limit > HTTP_BODY_HARD_MAX)
			ex->body_limit = HTTP_BODY_HARD_MAX;
		if ((uint64_t)clen > ex->body_limit)
			return refuse(ex, conn, 413, "limit_exceeded", "送信されたデータが大きすぎます");
		if (ex->hc) { /* the body's deadline: a base plus its length at the minimum rate */
			uint64_t expect = cl ? (uint64_t)clen : (te ? ex->body_limit : 0);
			int64_t ms = HTTP_BODY_TIMEOUT_MS + (int64_t)(expect * 1000 / HTTP_BODY_MIN_RATE);
			atomic_store(&ex->hc->deadline_us, yk_mono_us() + ms * 1000);
		}
		return MHD_YES;
	}

	if (ex->refused) {
		*upload_data_size = 0; /* discard whatever else arrives */
		return MHD_YES;
	}

	if (*upload_data_size) {
		if (!ex->too_large) {
			if (*upload_data_size > ex->body_limit - ex->body.len ||
			    yk_buf_add(&ex->body, upload_data, *upload_data_size) != 0)
				ex->too_large = 1;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}

	if (ex->too_large)
		return refuse(ex, conn, 413, "limit_exceeded", "送信されたデータが大きすぎます");
	return answer(ex, conn);
}

/* The request is complete (or needs no body): the application answers. */
static enum MHD_Result answer(struct exchange *ex, struct MHD_Connection *conn)
{
	struct http_server *srv = ex->srv;
	if (ex->hc) /* answering has no deadline (streams may last minutes) */
		atomic_store(&ex->hc->deadline_us, 0);
	ex->refused = 1; /* any body bytes still arriving are discarded */
	ex->req.body = ex->body.len ? ex->body.data : NULL;
	ex->req.body_len = ex->body.len;
	struct http_response resp;
	response_init(&resp);
	if (yk_starts_with(ex->req.path, "/api/"))
		srv->app.handle(srv->app.ctx, &ex->req, &resp);
	else {
		serve_asset(srv, &ex->req, &resp);
		if (srv->app.frame_ancestors && resp.status < 400)
			resp.frame_ancestors = srv->app.frame_ancestors(srv->app.ctx, &ex->req);
	}
	enum MHD_Result r = send_response(ex, conn, &resp);
	yk_buf_release(&resp.body);
	return r;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	struct http_server *srv = cls;
	struct exchange *ex = *con_cls;
	if (!ex)
		return;
	if (ex->stream) {
		/* The client is gone or the response ended: stop the producer. The
		 * stream itself lives on until MHD and the producer both let go. */
		struct http_stream *st = ex->stream;
		pthread_mutex_lock(&st->mu);
		if (!(st->closed && st->queue_off == st->queue.len))
			atomic_store(&st->cancel, 1);
		st->conn = NULL;
		st->suspended = 0;
		ex->bytes = st->sent;
		pthread_mutex_unlock(&st->mu);
		stream_unref(st);
		ex->stream = NULL;
	}
	if (ex->hc) /* the next request's headers, or the idle wait, start now */
		atomic_store(&ex->hc->deadline_us,
			     yk_mono_us() + (int64_t)HTTP_HEADER_TIMEOUT_MS * 1000);
	/* A flood of refusals would flood the log: an address's 429s after
	 * its first of the interval are only counted (http_access.c). */
	if (ex->status == 429 && !http_access_log_429(srv->alog, ex->req.client_ip))
		goto done;
	double ms = (double)(yk_mono_us() - ex->req.started_us) / 1000.0;
	/* Access log: never the query string, body, cookies or tokens; the
	 * path is cut and control characters replaced so one request is one
	 * line whatever the client sent. */
	char path[256];
	size_t k = 0;
	for (const char *p = ex->req.path; *p && k < sizeof(path) - 1; p++)
		path[k++] = (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p;
	path[k] = '\0';
	http_access_log_request(srv->alog, ex->req.method, path, ex->status, ex->bytes, ms,
				(long long)ex->req.log_user_id, ex->req.client_ip,
				toe != MHD_REQUEST_TERMINATED_COMPLETED_OK);
done:
	yk_buf_release(&ex->body);
	yk_arena_free(ex->req.arena);
	free(ex);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->inflight, 1);
}

YK_PRINTF(2, 0)
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	yk_log(YK_LOG_WARN, "http: %s", msg);
}

/* ---- lifecycle --------------------------------------------------------- */

/* The total number of connections: epoll has no FD_SETSIZE cap, so the
 * bound is the descriptors we may open (the soft limit is raised to the
 * hard one) less a reserve, and HTTP_CONNECTIONS_MAX, which keeps the
 * worst case of MHD's per-connection memory (HTTP_CONN_POOL) to 64 MiB
 * whatever the number of workers (the acceptor counts them all). */
static unsigned connection_budget(void)
{
	struct rlimit rl;
	rlim_t fds = 1024;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		if (rl.rlim_cur < rl.rlim_max) {
			rlim_t want = rl.rlim_max == RLIM_INFINITY ? 65536 : rl.rlim_max;
			struct rlimit up = {want, rl.rlim_max};
			if (setrlimit(RLIMIT_NOFILE, &up) == 0)
				rl.rlim_cur = want;
		}
		fds = rl.rlim_cur == RLIM_INFINITY ? 65536 : rl.rlim_cur;
	}
	rlim_t n = fds > 2 * HTTP_FD_RESERVE ? fds - HTTP_FD_RESERVE : fds / 2;
	return n < HTTP_CONNECTIONS_MAX ? (unsigned)n : HTTP_CONNECTIONS_MAX;
}

/* Frees what http_server_start made, in any state of the start. */
static void server_free(struct http_server *srv)
{
	acceptor_stop(srv);
	for (unsigned i = 0; i < srv->nworkers; i++)
		if (srv->workers[i].daemon)
			MHD_stop_daemon(srv->workers[i].daemon);
	if (srv->acceptor_stop_fd >= 0)
		close(srv->acceptor_stop_fd);
	/* Entries MHD never started (nothing else is left after the stop). */
	while (srv->conns) {
		struct http_conn *c = srv->conns;
		srv->conns = c->next;
		free(c);
	}
	pthread_mutex_destroy(&srv->conn_mu);
	free(srv->exempt_addrs);
	free(srv->web_dir_real);
	free(srv->web_dir);
	free(srv);
}

static int listen_socket(const struct sockaddr_in *sa, uint16_t *port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int one = 1;
	struct sockaddr_in bound;
	socklen_t blen = sizeof(bound);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (const struct sockaddr *)sa, sizeof(*sa)) != 0 || listen(fd, SOMAXCONN) != 0 ||
	    getsockname(fd, (struct sockaddr *)&bound, &blen) != 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(bound.sin_port);
	return fd;
}

int http_server_start(const struct http_server_options *opts, const struct http_app *app,
		      struct http_server **out, struct yk_errinfo *ei)
{
	*out = NULL;
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(opts->port);
	if (inet_pton(AF_INET, opts->listen_addr ? opts->listen_addr : "127.0.0.1", &sa.sin_addr) != 1)
		return yk_errinfo_set(ei, YK_EINVAL, "%s: not an IPv4 address", opts->listen_addr);

	unsigned threads = opts->threads;
	if (!threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 2;
	}
	if (threads > HTTP_THREADS_MAX)
		threads = HTTP_THREADS_MAX;

	struct http_server *srv = yk_xcalloc(1, sizeof(*srv));
	srv->listen_fd = -1;
	srv->acceptor_stop_fd = -1;
	pthread_mutex_init(&srv->conn_mu, NULL);
	srv->app = *app;
	if (opts->web_dir) {
		srv->web_dir = yk_xstrdup(opts->web_dir);
		srv->web_dir_real = realpath(opts->web_dir, NULL);
		if (!srv->web_dir_real) {
			server_free(srv);
			return yk_errinfo_set(ei, YK_EIO, "%s: not a directory", opts->web_dir);
		}
	}
	atomic_init(&srv->inflight, 0);
	atomic_init(&srv->refused, 0);
	srv->alog = opts->access_log ? opts->access_log : http_access_log_stderr();
	srv->per_addr_max = opts->per_addr_max ? opts->per_addr_max : HTTP_CONNECTIONS_PER_ADDR;
	srv->exempt_addrs = yk_xstrdup(opts->exempt_addrs ? opts->exempt_addrs : "");
	srv->conn_max = connection_budget();
	srv->listen_fd = listen_socket(&sa, &srv->port);
	if (srv->listen_fd < 0) {
		server_free(srv);
		return yk_errinfo_set(ei, YK_EIO, "cannot listen on %s:%u (address in use?)",
				      opts->listen_addr ? opts->listen_addr : "127.0.0.1",
				      (unsigned)opts->port);
	}
	/* The logger goes first so that MHD's own messages reach our log. */
	for (unsigned i = 0; i < threads; i++) {
		srv->workers[i].daemon = MHD_start_daemon(
			MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME |
				MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ERROR_LOG,
			0, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
			MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)HTTP_CONNECTION_TIMEOUT,
			MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_CONN_POOL,
			MHD_OPTION_CONNECTION_LIMIT, srv->conn_max,
			MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
			MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
			MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
			MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_END);
		if (!srv->workers[i].daemon) {
			server_free(srv);
			return yk_errinfo_set(ei, YK_EIO, "cannot start the HTTP worker threads");
		}
		srv->nworkers++;
	}
	srv->acceptor_stop_fd = eventfd(0, EFD_CLOEXEC);
	if (srv->acceptor_stop_fd < 0 ||
	    pthread_create(&srv->acceptor, NULL, acceptor_main, srv) != 0) {
		server_free(srv);
		return yk_errinfo_set(ei, YK_EIO, "cannot start the HTTP acceptor thread");
	}
	srv->acceptor_started = 1;
	pthread_cond_init(&srv->watchdog_cond, NULL);
	if (pthread_create(&srv->watchdog, NULL, stream_watchdog, srv) != 0) {
		pthread_cond_destroy(&srv->watchdog_cond);
		server_free(srv);
		return yk_errinfo_set(ei, YK_EIO, "cannot start the stream watchdog thread");
	}
	*out = srv;
	return 0;
}

uint16_t http_server_port(const struct http_server *srv)
{
	return srv->port;
}

void http_server_stop(struct http_server *srv, int drain_ms)
{
	if (!srv)
		return;
	acceptor_stop(srv);
	int64_t deadline = yk_mono_us() + (int64_t)drain_ms * 1000;
	while (atomic_load(&srv->inflight) > 0 && yk_mono_us() < deadline)
		usleep(10000);
	int left = atomic_load(&srv->inflight);
	if (left > 0)
		yk_log(YK_LOG_WARN, "http: stopping with %d request(s) still in flight", left);
	/* Streams still running after the drain time are cancelled; their
	 * producers see YK_ECANCELED (and abort the model request) and close. */
	streams_cancel_all(srv);
	deadline = yk_mono_us() + (int64_t)HTTP_STREAM_STOP_WAIT_MS * 1000;
	while (streams_live(srv) && yk_mono_us() < deadline) {
		streams_cancel_all(srv); /* also any that attached meanwhile */
		usleep(10000);
	}
	pthread_mutex_lock(&stream_registry_mu);
	srv->watchdog_stop = 1;
	pthread_cond_signal(&srv->watchdog_cond);
	pthread_mutex_unlock(&stream_registry_mu);
	pthread_join(srv->watchdog, NULL);
	for (unsigned i = 0; i < srv->nworkers; i++) {
		MHD_stop_daemon(srv->workers[i].daemon);
		srv->workers[i].daemon = NULL;
	}
	/* The last interval's 429 counts, which the watchdog did not write. */
	int64_t since_ms = (yk_mono_us() - srv->access_flushed_us) / 1000;
	http_access_log_flush(srv->alog, (unsigned)((since_ms + 999) / 1000));
	/* A producer that never closed keeps its stream; unlist it so that its
	 * late close does not touch the freed server. */
	pthread_mutex_lock(&stream_registry_mu);
	for (struct http_stream *st = srv->streams; st; st = st->next) {
		yk_log(YK_LOG_ERROR, "http: a stream producer did not close in time");
		st->srv = NULL;
	}
	srv->streams = NULL;
	pthread_mutex_unlock(&stream_registry_mu);
	pthread_cond_destroy(&srv->watchdog_cond);
	server_free(srv);
}
