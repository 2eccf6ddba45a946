/* core: the bottom layer every other module stands on.
 *
 * Error codes and error detail, growable byte buffers with hard limits, a
 * per-request arena, logging, UTF-8 validation, time, randomness, hashing
 * helpers and small text encoders. Nothing here knows about HTTP, SQL or any
 * feature; everything here is thread-safe unless a comment says otherwise.
 *
 * Memory policy (docs/decisions/0001-oom-policy.md): allocation failure of
 * our own small allocations aborts the process through yk_xmalloc() and
 * friends, as git and Redis do. Every size that comes from outside input is
 * bounded by a named limit first and fails with YK_ELIMIT, so a client never
 * decides how much we allocate.
 */
#ifndef YK_CORE_H
#define YK_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* System headers that declare banned functions come before banned.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define YK_WUR __attribute__((warn_unused_result))
#define YK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define YK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- errors ------------------------------------------------------------ */

enum yk_err {
#define YK_ERR(name, value, code, msg) name = value,
#include "errors.def"
#undef YK_ERR
};

/* Stable English code ("not_found") and default Japanese message for an
 * error value; unknown values give "internal_error". Static strings. */
const char *yk_err_code(int err);
const char *yk_err_message(int err);

/* Human detail for an error: what went wrong and where, so a user reads
 * `staff.csv:17: column "email" is not an e-mail address`, not "error".
 * All fields are optional; an empty string / 0 means "not known".
 * Passing NULL wherever a struct yk_errinfo * is accepted is allowed. */
struct yk_errinfo {
	char message[512]; /* UTF-8, NUL-terminated */
	char file[256];
	long line;   /* 1-based, 0 = unknown */
	long column; /* 1-based, 0 = unknown */
	char field[64];
};

void yk_errinfo_clear(struct yk_errinfo *ei);
/* Sets message (printf-style); keeps file/line/field. Returns err so that
 * callers can write `return yk_errinfo_set(ei, YK_EPARSE, "...")`. */
int yk_errinfo_set(struct yk_errinfo *ei, int err, const char *fmt, ...) YK_PRINTF(3, 4);
void yk_errinfo_at(struct yk_errinfo *ei, const char *file, long line, const char *field);
/* "file:line: message" (parts that are unknown are left out) into out. */
void yk_errinfo_format(const struct yk_errinfo *ei, char *out, size_t outsz);

/* ---- allocation (abort on failure; see the memory policy above) -------- */

void *yk_xmalloc(size_t n);
void *yk_xcalloc(size_t n, size_t size);
void *yk_xrealloc(void *p, size_t n);
char *yk_xstrdup(const char *s);
char *yk_xstrndup(const char *s, size_t len);

/* ---- byte buffer -------------------------------------------------------- */

/* A growable byte buffer. Invariants: data is NULL or points to cap bytes;
 * len < cap whenever data != NULL and data[len] == '\0' (always
 * NUL-terminated for convenience, the NUL is not counted in len);
 * len never exceeds limit (0 = no limit beyond SIZE_MAX/2). */
struct yk_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t limit;
};

void yk_buf_init(struct yk_buf *b, size_t limit);
void yk_buf_release(struct yk_buf *b);
void yk_buf_reset(struct yk_buf *b); /* len = 0, keeps memory */
/* Appends; YK_ELIMIT (buffer unchanged) when the result would pass limit. */
int yk_buf_add(struct yk_buf *b, const void *p, size_t n) YK_WUR;
int yk_buf_adds(struct yk_buf *b, const char *s) YK_WUR;
int yk_buf_addc(struct yk_buf *b, char c) YK_WUR;
int yk_buf_addf(struct yk_buf *b, const char *fmt, ...) YK_WUR YK_PRINTF(2, 3);
int yk_buf_vaddf(struct yk_buf *b, const char *fmt, va_list ap) YK_WUR YK_PRINTF(2, 0);
/* Hands the data to the caller (owned, free()) and resets b. Never NULL. */
char *yk_buf_detach(struct yk_buf *b, size_t *len);
/* Appends s (NUL-terminated) as one CSV cell for spreadsheet software:
 * quoted when always_quote or when s holds , " CR or LF, quotes doubled,
 * and a leading = + - @ TAB or CR prefixed with ' so that the cell is
 * shown as text instead of evaluated as a formula. The one formula-safe
 * cell writer of every CSV export. */
int yk_buf_add_csv_cell(struct yk_buf *b, const char *s, int always_quote) YK_WUR;

/* ---- arena -------------------------------------------------------------- */

/* Bump allocator for per-request memory; everything is freed at once by
 * yk_arena_free(). Not thread-safe: one arena belongs to one request. */
struct yk_arena;
struct yk_arena *yk_arena_new(void);
void yk_arena_free(struct yk_arena *a); /* NULL is a no-op */
void *yk_arena_alloc(struct yk_arena *a, size_t n); /* 16-byte aligned, zeroed */
char *yk_arena_strndup(struct yk_arena *a, const char *s, size_t len);
char *yk_arena_strdup(struct yk_arena *a, const char *s);
char *yk_arena_printf(struct yk_arena *a, const char *fmt, ...) YK_PRINTF(2, 3);

/* ---- logging ------------------------------------------------------------ */

enum yk_log_level { YK_LOG_DEBUG, YK_LOG_INFO, YK_LOG_WARN, YK_LOG_ERROR };
/* One line to stderr: "2026-11-23T09:00:00Z LEVEL message". Thread-safe.
 * Never log passwords, tokens, request bodies or personal data. */
void yk_log(enum yk_log_level level, const char *fmt, ...) YK_PRINTF(2, 3);
void yk_log_set_level(enum yk_log_level level);

/* ---- UTF-8 -------------------------------------------------------------- */

/* Strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF). Returns 1 if
 * valid. When invalid and bad_offset != NULL, stores the byte offset of the
 * first bad sequence. Does not rely on NUL termination. */
int yk_utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* Number of code points in valid UTF-8. */
size_t yk_utf8_count(const char *s, size_t len);
/* Decodes one code point at s (valid UTF-8 assumed, len > 0); returns its
 * byte length and stores the code point in *cp. Returns 1 and U+FFFD for a
 * bad lead byte. Inline: the guard and the text pipeline call it per code
 * point. */
static inline size_t yk_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0];
	size_t n;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		n = 2; *cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3; *cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4; *cp = c & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		*cp = (*cp << 6) | (p[k] & 0x3F);
	}
	return n;
}
/* Encodes cp into out (4 bytes room); returns the length written. */
static inline size_t yk_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- time --------------------------------------------------------------- */

int64_t yk_now_unix(void);   /* seconds since the epoch (UTC) */
int64_t yk_now_ms(void);     /* wall clock, milliseconds */
int64_t yk_mono_us(void);    /* monotonic clock, microseconds */
/* "2026-11-23T09:00:00Z" into out (>= 21 bytes). */
void yk_time_iso(int64_t unix_seconds, char *out, size_t outsz);

/* ---- randomness and hashing -------------------------------------------- */

/* Cryptographically secure random bytes (getrandom). Aborts if the kernel
 * cannot provide them: there is no safe fallback. */
void yk_random_bytes(void *out, size_t n);
/* SHA-256 of data into out[32]. */
void yk_sha256(const void *data, size_t len, unsigned char out[32]);
/* Lower-case hex of n bytes into out (2n+1 bytes room, NUL-terminated). */
void yk_hex(const unsigned char *in, size_t n, char *out);
/* base64url without padding of n bytes into out (needs 4*ceil(n/3)+1). */
void yk_base64url(const unsigned char *in, size_t n, char *out);
/* Compares two byte strings in time independent of their content. */
int yk_consttime_eq(const void *a, const void *b, size_t n);

/* ---- small text helpers ------------------------------------------------- */

/* Parses a decimal integer occupying all of s[0..len); YK_EPARSE otherwise,
 * YK_ELIMIT when out of [min, max]. Replaces atoi/strtol at call sites. */
int yk_parse_i64(const char *s, size_t len, int64_t min, int64_t max, int64_t *out) YK_WUR;
/* Safe bounded copy: always NUL-terminates, returns strlen(src). */
size_t yk_strlcpy(char *dst, const char *src, size_t dstsz);
/* Case-sensitive prefix test on a NUL-terminated string. */
int yk_starts_with(const char *s, const char *prefix);

#include "banned.h"

#endif
