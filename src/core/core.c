/* core: errors, allocation, buffers, arena, logging, UTF-8, time, random,
 * hashing. See core.h for the contracts. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <openssl/evp.h>

#include "core.h"
#include "core/banned.h"

/* ---- errors ------------------------------------------------------------ */

const char *yk_err_code(int err)
{
	switch (err) {
#define YK_ERR(name, value, code, msg) case value: return code;
#include "errors.def"
#undef YK_ERR
	}
	return "internal_error";
}

const char *yk_err_message(int err)
{
	switch (err) {
#define YK_ERR(name, value, code, msg) case value: return msg;
#include "errors.def"
#undef YK_ERR
	}
	return "内部エラーが発生しました";
}

void yk_errinfo_clear(struct yk_errinfo *ei)
{
	if (ei)
		memset(ei, 0, sizeof(*ei));
}

int yk_errinfo_set(struct yk_errinfo *ei, int err, const char *fmt, ...)
{
	if (ei) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(ei->message, sizeof(ei->message), fmt, ap);
		va_end(ap);
	}
	return err;
}

void yk_errinfo_at(struct yk_errinfo *ei, const char *file, long line, const char *field)
{
	if (!ei)
		return;
	if (file)
		yk_strlcpy(ei->file, file, sizeof(ei->file));
	ei->line = line;
	if (field)
		yk_strlcpy(ei->field, field, sizeof(ei->field));
}

void yk_errinfo_format(const struct yk_errinfo *ei, char *out, size_t outsz)
{
	if (!outsz)
		return;
	out[0] = '\0';
	if (!ei)
		return;
	if (ei->file[0] && ei->line > 0)
		snprintf(out, outsz, "%s:%ld: %s", ei->file, ei->line, ei->message);
	else if (ei->file[0])
		snprintf(out, outsz, "%s: %s", ei->file, ei->message);
	else if (ei->line > 0)
		snprintf(out, outsz, "line %ld: %s", ei->line, ei->message);
	else
		snprintf(out, outsz, "%s", ei->message);
}

/* ---- allocation -------------------------------------------------------- */

static void oom(size_t n)
{
	fprintf(stderr, "yakuba: out of memory allocating %zu bytes\n", n);
	abort();
}

void *yk_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *yk_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *yk_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *yk_xstrndup(const char *s, size_t len)
{
	char *p = yk_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *yk_xstrdup(const char *s)
{
	return yk_xstrndup(s, strlen(s));
}

/* ---- buffer ------------------------------------------------------------ */

#define BUF_HARD_MAX (SIZE_MAX / 2)

void yk_buf_init(struct yk_buf *b, size_t limit)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit ? limit : BUF_HARD_MAX;
}

void yk_buf_release(struct yk_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void yk_buf_reset(struct yk_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int buf_grow(struct yk_buf *b, size_t extra)
{
	if (extra > b->limit - b->len)
		return YK_ELIMIT;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > BUF_HARD_MAX / 2 ? need : cap * 2;
	b->data = yk_xrealloc(b->data, cap);
	b->cap = cap;
	return 0;
}

int yk_buf_add(struct yk_buf *b, const void *p, size_t n)
{
	int rc = buf_grow(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int yk_buf_adds(struct yk_buf *b, const char *s)
{
	return yk_buf_add(b, s, strlen(s));
}

int yk_buf_addc(struct yk_buf *b, char c)
{
	return yk_buf_add(b, &c, 1);
}

int yk_buf_add_csv_cell(struct yk_buf *b, const char *s, int always_quote)
{
	int quote = always_quote || strpbrk(s, ",\"\r\n") != NULL;
	int rc = quote ? yk_buf_addc(b, '"') : 0;
	if (!rc && s[0] && strchr("=+-@\t\r", s[0]))
		rc = yk_buf_addc(b, '\'');
	for (const char *p = s; !rc && *p; p++)
		rc = *p == '"' ? yk_buf_adds(b, "\"\"") : yk_buf_addc(b, *p);
	if (!rc && quote)
		rc = yk_buf_addc(b, '"');
	return rc;
}

int yk_buf_vaddf(struct yk_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return YK_EINVAL;
	int rc = buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int yk_buf_addf(struct yk_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = yk_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *yk_buf_detach(struct yk_buf *b, size_t *len)
{
	char *p = b->data;
	if (!p) {
		p = yk_xmalloc(1);
		p[0] = '\0';
	}
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* ---- arena ------------------------------------------------------------- */

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char mem[];
};

struct yk_arena {
	struct arena_block *head;
};

#define ARENA_BLOCK 8192

struct yk_arena *yk_arena_new(void)
{
	return yk_xcalloc(1, sizeof(struct yk_arena));
}

void yk_arena_free(struct yk_arena *a)
{
	if (!a)
		return;
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void *yk_arena_alloc(struct yk_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = yk_xmalloc(sizeof(*b) + size);
		b->used = 0;
		b->size = size;
		/* A large one-off block goes behind the head so the head's free
		 * room stays usable for the small allocations that follow. */
		if (a->head && n > ARENA_BLOCK) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->mem + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *yk_arena_strndup(struct yk_arena *a, const char *s, size_t len)
{
	char *p = yk_arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *yk_arena_strdup(struct yk_arena *a, const char *s)
{
	return yk_arena_strndup(a, s, strlen(s));
}

char *yk_arena_printf(struct yk_arena *a, const char *fmt, ...)
{
	va_list ap, cp;
	va_start(ap, fmt);
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	char *p = yk_arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* ---- logging ----------------------------------------------------------- */

static enum yk_log_level log_level = YK_LOG_INFO;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void yk_log_set_level(enum yk_log_level level)
{
	log_level = level;
}

void yk_log(enum yk_log_level level, const char *fmt, ...)
{
	static const char *names[] = {"DEBUG", "INFO", "WARN", "ERROR"};
	if (level < log_level)
		return;
	char ts[32], msg[2048];
	yk_time_iso(yk_now_unix(), ts, sizeof(ts));
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&log_lock);
	fprintf(stderr, "%s %s %s\n", ts, names[level], msg);
	pthread_mutex_unlock(&log_lock);
}

/* ---- UTF-8 ------------------------------------------------------------- */

int yk_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t cp, min;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 2; cp = c & 0x1F; min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3; cp = c & 0x0F; min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4; cp = c & 0x07; min = 0x10000;
		} else {
			goto bad;
		}
		if (len - i < n)
			goto bad;
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += n;
	}
	return 1;
bad:
	if (bad_offset)
		*bad_offset = i;
	return 0;
}

size_t yk_utf8_count(const char *s, size_t len)
{
	/* Code points = bytes that are not continuation bytes (10xxxxxx),
	 * eight at a time: a byte continues when bit 7 is set and bit 6 is
	 * not (a hot path: snippet highlights count Japanese text). */
	const uint64_t hi = 0x8080808080808080u;
	size_t cont = 0, i = 0;
	for (; len - i >= 8; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		cont += (size_t)__builtin_popcountll(x & ~(x << 1) & hi);
	}
	for (; i < len; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return len - cont;
}

/* ---- time -------------------------------------------------------------- */

int64_t yk_now_unix(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

int64_t yk_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t yk_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void yk_time_iso(int64_t unix_seconds, char *out, size_t outsz)
{
	time_t t = (time_t)unix_seconds;
	struct tm tm;
	if (!gmtime_r(&t, &tm)) {
		snprintf(out, outsz, "1970-01-01T00:00:00Z");
		return;
	}
	strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- randomness and hashing -------------------------------------------- */

void yk_random_bytes(void *out, size_t n)
{
	unsigned char *p = out;
	while (n) {
		ssize_t got = getrandom(p, n, 0);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "yakuba: getrandom failed\n");
			abort();
		}
		p += got;
		n -= (size_t)got;
	}
}

void yk_sha256(const void *data, size_t len, unsigned char out[32])
{
	unsigned int outlen = 32;
	if (!EVP_Digest(data, len, out, &outlen, EVP_sha256(), NULL)) {
		fprintf(stderr, "yakuba: SHA-256 unavailable\n");
		abort();
	}
}

void yk_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

void yk_base64url(const unsigned char *in, size_t n, char *out)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t o = 0, i = 0;
	for (; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[o++] = tab[v >> 18];
		out[o++] = tab[(v >> 12) & 63];
		out[o++] = tab[(v >> 6) & 63];
		out[o++] = tab[v & 63];
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)in[i] << 16;
		out[o++] = tab[v >> 18];
		out[o++] = tab[(v >> 12) & 63];
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
		out[o++] = tab[v >> 18];
		out[o++] = tab[(v >> 12) & 63];
		out[o++] = tab[(v >> 6) & 63];
	}
	out[o] = '\0';
}

int yk_consttime_eq(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	unsigned char d = 0;
	for (size_t i = 0; i < n; i++)
		d |= (unsigned char)(x[i] ^ y[i]);
	return d == 0;
}

/* ---- text helpers ------------------------------------------------------ */

int yk_parse_i64(const char *s, size_t len, int64_t min, int64_t max, int64_t *out)
{
	size_t i = 0;
	int neg = 0;
	if (len == 0)
		return YK_EPARSE;
	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		i = 1;
		if (len == 1)
			return YK_EPARSE;
	}
	uint64_t v = 0;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return YK_EPARSE;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return YK_ELIMIT;
		v = v * 10 + d;
	}
	if (!neg && v > (uint64_t)INT64_MAX)
		return YK_ELIMIT;
	if (neg && v > (uint64_t)INT64_MAX + 1)
		return YK_ELIMIT;
	int64_t r = neg ? (int64_t)(0 - v) : (int64_t)v;
	if (r < min || r > max)
		return YK_ELIMIT;
	*out = r;
	return 0;
}

size_t yk_strlcpy(char *dst, const char *src, size_t dstsz)
{
	size_t n = strlen(src);
	if (dstsz) {
		size_t c = n < dstsz - 1 ? n : dstsz - 1;
		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}

int yk_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}
