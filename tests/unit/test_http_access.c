/* Unit tests for src/http's access log (http_access.c): size rotation with
 * the number of old files kept, argument checks, and the 429 aggregation
 * (first of an interval logged per address, the rest counted, one summary
 * line per address, a full table counted as "other addresses"). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "http/http.h"

static char dir[64];

static const char *path_in(const char *name)
{
	if (!dir[0]) {
		yk_strlcpy(dir, "/tmp/yk-alog-XXXXXX", sizeof(dir));
		if (!mkdtemp(dir))
			abort();
	}
	static char p[64][128]; /* a ring: results stay valid for 64 calls */
	static int k;
	k = (k + 1) % 64;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static long file_size(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

/* The file's text (static buffer, cut at its size). */
static const char *slurp(const char *p)
{
	static char buf[1 << 20];
	FILE *f = fopen(p, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

TEST(arguments_are_checked)
{
	struct http_access_log *log = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(http_access_log_new("", 1 << 20, 1, &log, &ei), YK_EINVAL);
	CHECK_INT(http_access_log_new(path_in("a.log"), HTTP_ACCESS_LOG_MIN_BYTES - 1, 1, &log, &ei),
		  YK_EINVAL);
	CHECK_INT(http_access_log_new(path_in("a.log"), 1 << 20, HTTP_ACCESS_LOG_KEEP_MAX + 1, &log,
				      &ei),
		  YK_EINVAL);
	CHECK_INT(http_access_log_new(path_in("no/such/dir.log"), 1 << 20, 1, &log, &ei), YK_EIO);
	CHECK(strstr(ei.message, "dir.log") != NULL);
	CHECK(log == NULL);
	http_access_log_free(NULL);
	CHECK(http_access_log_stderr() == http_access_log_stderr());
}

TEST(rotation_by_size_keeps_k_old_files)
{
	const char *p = path_in("r.log");
	struct http_access_log *log = NULL;
	REQUIRE(http_access_log_new(p, HTTP_ACCESS_LOG_MIN_BYTES, 2, &log, NULL) == 0);
	for (int i = 0; i < 300; i++)
		http_access_log_request(log, "GET", "/x", 200, (size_t)i, 1.5, 7, "127.0.0.1", i == 299);
	http_access_log_free(log);
	CHECK(file_size(p) > 0 && file_size(p) <= HTTP_ACCESS_LOG_MIN_BYTES);
	CHECK(file_size(path_in("r.log.1")) > HTTP_ACCESS_LOG_MIN_BYTES / 2);
	CHECK(file_size(path_in("r.log.1")) <= HTTP_ACCESS_LOG_MIN_BYTES);
	CHECK(file_size(path_in("r.log.2")) > 0);
	CHECK_INT(file_size(path_in("r.log.3")), -1);
	struct stat st;
	REQUIRE(stat(p, &st) == 0);
	CHECK_INT((int)(st.st_mode & 0777), 0600);
	/* The newest line is the last request, whole. */
	const char *text = slurp(p);
	CHECK(strstr(text, "access GET /x 200 299 1.5ms user=7 ip=127.0.0.1 aborted\n") != NULL);
	/* Reopening appends to the file that is there. */
	long before = file_size(p);
	REQUIRE(http_access_log_new(p, HTTP_ACCESS_LOG_MIN_BYTES, 2, &log, NULL) == 0);
	http_access_log_request(log, "POST", "/y", 201, 0, 0.1, 0, "::1", 0);
	http_access_log_free(log);
	CHECK(file_size(p) > before || file_size(path_in("r.log.1")) > 0);

	/* keep 0: the full file is dropped, no FILE.1. */
	const char *q = path_in("k0.log");
	REQUIRE(http_access_log_new(q, HTTP_ACCESS_LOG_MIN_BYTES, 0, &log, NULL) == 0);
	for (int i = 0; i < 200; i++)
		http_access_log_request(log, "GET", "/z", 404, 10, 0.2, 0, "127.0.0.1", 0);
	http_access_log_free(log);
	CHECK(file_size(q) > 0 && file_size(q) <= HTTP_ACCESS_LOG_MIN_BYTES);
	CHECK_INT(file_size(path_in("k0.log.1")), -1);
}

TEST(floods_of_429_are_counted_per_address)
{
	const char *p = path_in("f.log");
	struct http_access_log *log = NULL;
	REQUIRE(http_access_log_new(p, 1 << 20, 1, &log, NULL) == 0);
	CHECK_INT(http_access_log_429(log, "192.0.2.1"), 1);
	for (int i = 0; i < 41; i++)
		CHECK_INT(http_access_log_429(log, "192.0.2.1"), 0);
	CHECK_INT(http_access_log_429(log, "192.0.2.2"), 1);
	CHECK_INT(http_access_log_429(log, "192.0.2.2"), 0);
	CHECK_INT(http_access_log_429(log, "192.0.2.3"), 1); /* one only: no summary */
	CHECK_INT(http_access_log_429(log, NULL), 1);
	http_access_log_flush(log, 10);
	const char *text = slurp(p);
	CHECK(strstr(text, "access: 41 more 429 response(s) not logged one by one, from 192.0.2.1 in 10 s\n"));
	CHECK(strstr(text, "access: 1 more 429 response(s) not logged one by one, from 192.0.2.2 in 10 s\n"));
	CHECK(!strstr(text, "192.0.2.3"));
	CHECK_INT(count_of(text, "\n"), 2);
	/* A new interval: the first 429 is logged again; nothing to flush. */
	CHECK_INT(http_access_log_429(log, "192.0.2.1"), 1);
	http_access_log_flush(log, 10);
	CHECK_INT(count_of(slurp(p), "\n"), 2);

	/* Many addresses: past three quarters of the table, the rest share one
	 * "other addresses" count. */
	char a[48];
	int logged = 0;
	for (int i = 0; i < HTTP_ACCESS_429_ADDRS; i++) {
		snprintf(a, sizeof(a), "10.0.%d.%d", i / 256, i % 256);
		logged += http_access_log_429(log, a);
		CHECK_INT(http_access_log_429(log, a), 0);
	}
	CHECK(logged < HTTP_ACCESS_429_ADDRS);
	CHECK(logged >= HTTP_ACCESS_429_ADDRS / 2);
	http_access_log_flush(log, 10);
	char want[160];
	snprintf(want, sizeof(want),
		 "access: %d more 429 response(s) not logged one by one, from other addresses in 10 s\n",
		 2 * (HTTP_ACCESS_429_ADDRS - logged));
	CHECK(strstr(slurp(p), want) != NULL);
	CHECK_INT(count_of(slurp(p), "more 429"), 2 + logged + 1);
	http_access_log_free(log);
}

/* Whether line is "YYYY-MM-DDTHH:MM:SSZ INFO " followed by rest and a
 * newline (the time stamp's shape only). */
static int line_is(const char *line, const char *rest)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ INFO ";
	for (size_t i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? !(line[i] >= '0' && line[i] <= '9') : line[i] != shape[i])
			return 0;
	}
	line += sizeof(shape) - 1;
	size_t n = strlen(rest);
	return strncmp(line, rest, n) == 0 && line[n] == '\n' && line[n + 1] == '\0';
}

/* The request line is put together once (by hand, no printf pass; the
 * time in tenths of a millisecond rounded half up): the same line in a
 * file and on stderr (through yk_log, whose level still applies). */
TEST(request_line_content_in_file_and_on_stderr)
{
	const char *p = path_in("line.log");
	struct http_access_log *log = NULL;
	REQUIRE(http_access_log_new(p, 1 << 20, 1, &log, NULL) == 0);
	http_access_log_request(log, "POST", "/api/v1/ask", 200, 4321, 12.25, 42, "2001:db8::1", 0);
	http_access_log_free(log);
	CHECK(line_is(slurp(p), "access POST /api/v1/ask 200 4321 12.3ms user=42 ip=2001:db8::1"));

	/* stderr: fd 2 pointed at a file for the call. */
	const char *e = path_in("stderr.log");
	fflush(stderr);
	int saved = dup(2);
	FILE *f = fopen(e, "w");
	REQUIRE(saved >= 0 && f != NULL);
	dup2(fileno(f), 2);
	yk_log_set_level(YK_LOG_INFO);
	http_access_log_request(http_access_log_stderr(), "GET", "/x", 404, 0, 0.04, -1, "127.0.0.1", 1);
	yk_log_set_level(YK_LOG_WARN); /* an access line below the level is not written */
	http_access_log_request(http_access_log_stderr(), "GET", "/y", 200, 0, 0.0, 0, "127.0.0.1", 0);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(f);
	yk_log_set_level(YK_LOG_INFO);
	CHECK(line_is(slurp(e), "access GET /x 404 0 0.0ms user=-1 ip=127.0.0.1 aborted"));
}

TEST_MAIN(T(arguments_are_checked), T(rotation_by_size_keeps_k_old_files),
	  T(floods_of_429_are_counted_per_address), T(request_line_content_in_file_and_on_stderr))
