/* http: the access log. One line a request, written to stderr through
 * yk_log (for journald) or to a file that is rotated by size, and the
 * aggregation of 429 floods: an address's first 429 of an interval is
 * logged, the others are counted and summarised in one line per address
 * when the interval ends (http_access_log_flush, called by the server's
 * watchdog). See http.h. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/http.h"
#include "core/banned.h"

#define HTTP_ACCESS_PATH_MAX 4000 /* bytes of the log file's path */

/* One address's 429s in the current interval. */
struct flood_slot {
	char addr[48];
	long count; /* 429s after the first one, not logged */
};

struct http_access_log {
	pthread_mutex_t mu;
	/* The file (fd < 0: stderr through yk_log). */
	char *path;
	int fd;
	uint64_t size, max_bytes;
	unsigned keep;
	/* 429s of the current interval, by address (linear probing). */
	struct flood_slot slots[HTTP_ACCESS_429_ADDRS];
	size_t used;
	long others; /* 429s of addresses that found the table full */
};

static int open_file(struct http_access_log *log, struct yk_errinfo *ei)
{
	log->fd = open(log->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (log->fd < 0)
		return yk_errinfo_set(ei, YK_EIO, "アクセスログ %s を開けません: %s", log->path,
				      strerror(errno));
	struct stat st;
	log->size = fstat(log->fd, &st) == 0 ? (uint64_t)st.st_size : 0;
	return 0;
}

/* path -> path.1 -> path.2 ... -> path.keep (dropped beyond). Under mu. */
static void rotate(struct http_access_log *log)
{
	char from[HTTP_ACCESS_PATH_MAX + 16], to[HTTP_ACCESS_PATH_MAX + 16];
	close(log->fd);
	log->fd = -1;
	if (log->keep == 0) {
		unlink(log->path);
	} else {
		snprintf(to, sizeof(to), "%s.%u", log->path, log->keep);
		unlink(to);
		for (unsigned i = log->keep; i > 1; i--) {
			snprintf(from, sizeof(from), "%s.%u", log->path, i - 1);
			snprintf(to, sizeof(to), "%s.%u", log->path, i);
			rename(from, to); /* a missing file is fine */
		}
		snprintf(to, sizeof(to), "%s.1", log->path);
		rename(log->path, to);
	}
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (open_file(log, &ei) != 0) /* lines go to stderr until it opens again */
		yk_log(YK_LOG_ERROR, "http: %s", ei.message);
}

int http_access_log_new(const char *path, uint64_t max_bytes, unsigned keep,
			struct http_access_log **out, struct yk_errinfo *ei)
{
	*out = NULL;
	if (path && (!*path || strlen(path) > HTTP_ACCESS_PATH_MAX))
		return yk_errinfo_set(ei, YK_EINVAL, "アクセスログのパスが空か長すぎます");
	if (path && (max_bytes < HTTP_ACCESS_LOG_MIN_BYTES || keep > HTTP_ACCESS_LOG_KEEP_MAX))
		return yk_errinfo_set(ei, YK_EINVAL,
				      "アクセスログの大きさは %u バイト以上、残す数は %u まで",
				      HTTP_ACCESS_LOG_MIN_BYTES, HTTP_ACCESS_LOG_KEEP_MAX);
	struct http_access_log *log = yk_xcalloc(1, sizeof(*log));
	pthread_mutex_init(&log->mu, NULL);
	log->fd = -1;
	log->max_bytes = max_bytes;
	log->keep = keep;
	if (path) {
		log->path = yk_xstrdup(path);
		int rc = open_file(log, ei);
		if (rc) {
			http_access_log_free(log);
			return rc;
		}
	}
	*out = log;
	return 0;
}

void http_access_log_free(struct http_access_log *log)
{
	if (!log)
		return;
	if (log->fd >= 0)
		close(log->fd);
	free(log->path);
	pthread_mutex_destroy(&log->mu);
	free(log);
}

static struct http_access_log *stderr_log;
static pthread_once_t stderr_once = PTHREAD_ONCE_INIT;

static void stderr_log_make(void)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (http_access_log_new(NULL, 0, 0, &stderr_log, &ei) != 0)
		abort(); /* without a path it cannot fail */
}

struct http_access_log *http_access_log_stderr(void)
{
	pthread_once(&stderr_once, stderr_log_make);
	return stderr_log;
}

/* Writes one line (msg, len bytes, without the time stamp or newline):
 * to the log's file, or through yk_log (which stamps it) without one. */
static void access_put(struct http_access_log *log, const char *msg, size_t len)
{
	if (!log->path) {
		yk_log(YK_LOG_INFO, "%.*s", (int)len, msg);
		return;
	}
	char line[1100];
	yk_time_iso(yk_now_unix(), line, 32);
	size_t at = strlen(line);
	memcpy(line + at, " INFO ", 6);
	at += 6;
	if (len > sizeof(line) - at - 1)
		len = sizeof(line) - at - 1;
	memcpy(line + at, msg, len);
	at += len;
	line[at++] = '\n';
	pthread_mutex_lock(&log->mu);
	if (log->fd < 0) { /* the file could not be opened again after a rotation */
		pthread_mutex_unlock(&log->mu);
		yk_log(YK_LOG_INFO, "%.*s", (int)len, msg);
		return;
	}
	if (log->size > 0 && log->size + at > log->max_bytes)
		rotate(log);
	if (log->fd >= 0) {
		ssize_t w = write(log->fd, line, at);
		if (w > 0)
			log->size += (uint64_t)w;
	}
	pthread_mutex_unlock(&log->mu);
}

YK_PRINTF(2, 3)
static void access_write(struct http_access_log *log, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	size_t len = n < 0 ? 0 : (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1;
	access_put(log, msg, len);
}

/* The request line, written once a request: put together by hand (no
 * printf pass for it; yk_log adds the time stamp on stderr), the bytes cut
 * at the line's room. */
struct line_buf {
	char s[1024];
	size_t n;
};

static void put_str(struct line_buf *b, const char *s)
{
	size_t l = strlen(s);
	if (l > sizeof(b->s) - 1 - b->n)
		l = sizeof(b->s) - 1 - b->n;
	memcpy(b->s + b->n, s, l);
	b->n += l;
}

static void put_uint(struct line_buf *b, unsigned long long v)
{
	char d[24];
	size_t k = sizeof(d);
	d[--k] = '\0';
	do
		d[--k] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	put_str(b, d + k);
}

void http_access_log_request(struct http_access_log *log, const char *method, const char *path,
			     unsigned status, size_t bytes, double ms, long long user,
			     const char *ip, int aborted)
{
	struct line_buf b;
	b.n = 0;
	put_str(&b, "access ");
	put_str(&b, method);
	put_str(&b, " ");
	put_str(&b, path);
	put_str(&b, " ");
	put_uint(&b, status);
	put_str(&b, " ");
	put_uint(&b, bytes);
	put_str(&b, " ");
	/* Tenths of a millisecond, rounded half up (printf's %.1f rounds the
	 * binary value to even: 0.25 can print as 0.2 there, 0.3 here). */
	unsigned long long tenths = ms > 0 ? (unsigned long long)(ms * 10.0 + 0.5) : 0;
	put_uint(&b, tenths / 10);
	put_str(&b, ".");
	put_uint(&b, tenths % 10);
	put_str(&b, "ms user=");
	if (user < 0) {
		put_str(&b, "-");
		put_uint(&b, (unsigned long long)-(user + 1) + 1);
	} else {
		put_uint(&b, (unsigned long long)user);
	}
	put_str(&b, " ip=");
	put_str(&b, ip ? ip : "(null)");
	if (aborted)
		put_str(&b, " aborted");
	access_put(log, b.s, b.n);
}

/* FNV-1a of the address, for the slot table. */
static size_t addr_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h % HTTP_ACCESS_429_ADDRS);
}

int http_access_log_429(struct http_access_log *log, const char *addr)
{
	if (!addr)
		addr = "";
	pthread_mutex_lock(&log->mu);
	size_t i = addr_hash(addr);
	for (size_t probe = 0; probe < HTTP_ACCESS_429_ADDRS; probe++) {
		struct flood_slot *s = &log->slots[(i + probe) % HTTP_ACCESS_429_ADDRS];
		if (!s->addr[0]) {
			if (log->used * 4 >= HTTP_ACCESS_429_ADDRS * 3)
				break; /* keep probes short: the rest count as "others" */
			yk_strlcpy(s->addr, addr[0] ? addr : "-", sizeof(s->addr));
			log->used++;
			pthread_mutex_unlock(&log->mu);
			return 1; /* the address's first 429 of the interval: log it */
		}
		if (strcmp(s->addr, addr[0] ? addr : "-") == 0) {
			s->count++;
			pthread_mutex_unlock(&log->mu);
			return 0;
		}
	}
	log->others++;
	pthread_mutex_unlock(&log->mu);
	return 0;
}

void http_access_log_flush(struct http_access_log *log, unsigned interval_s)
{
	/* Take the counts under the lock, write them after it. */
	struct flood_slot *hot = NULL;
	size_t n = 0;
	pthread_mutex_lock(&log->mu);
	long others = log->others;
	if (log->used) {
		hot = yk_xcalloc(log->used, sizeof(*hot));
		for (size_t i = 0; i < HTTP_ACCESS_429_ADDRS; i++) {
			if (log->slots[i].addr[0] && log->slots[i].count)
				hot[n++] = log->slots[i];
		}
		memset(log->slots, 0, sizeof(log->slots));
		log->used = 0;
	}
	log->others = 0;
	pthread_mutex_unlock(&log->mu);
	for (size_t i = 0; i < n; i++)
		access_write(log, "access: %ld more 429 response(s) not logged one by one, from %s in %u s",
			     hot[i].count, hot[i].addr, interval_s);
	if (others)
		access_write(log,
			     "access: %ld more 429 response(s) not logged one by one, from other addresses in %u s",
			     others, interval_s);
	free(hot);
}
