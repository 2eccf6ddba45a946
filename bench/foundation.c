/* bench/foundation: the two foundation units of issue 9 against anchors
 * in the same run.
 *
 *   ingest  MB/s of ingest_table() over a real-text FAQ table (the
 *           questions and answers of ../shared/data/localgovfaq/faq.tsv,
 *           read at run time, never copied into the repository), repeated
 *           to --mb megabytes with every answer quoted (commas, doubled
 *           quotes and line breaks inside), as UTF-8 and as CP932. Anchor:
 *           one memchr pass counting line breaks over the same bytes (the
 *           floor of touching every byte), and for CP932 iconv alone.
 *   store   microseconds per audit_record() (one INSERT through the
 *           connection's cached statement, store_stmt) against the same
 *           INSERT prepared and finalized on every call (what modules did
 *           before the toolkit), and the same for a one-row SELECT.
 *
 * CPU time of this thread; best of --rounds.
 *
 *   build/release/bench/foundation [--faq PATH] [--mb N] [--rows N] [--rounds N]
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "core/core.h"
#include "ingest/ingest.h"
#include "store/store.h"

static double cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void die(const char *msg)
{
	fprintf(stderr, "foundation: %s\n", msg);
	exit(1);
}

/* ---- ingest --------------------------------------------------------------- */

static void add_quoted(struct yk_buf *b, const char *s, size_t n)
{
	if (yk_buf_addc(b, '"'))
		die("out of room");
	for (size_t i = 0; i < n; i++)
		if ((s[i] == '"' && yk_buf_addc(b, '"')) || yk_buf_addc(b, s[i]))
			die("out of room");
	if (yk_buf_addc(b, '"'))
		die("out of room");
}

/* FAQ rows "id,question,answer,category" from the TSV, until mb MB. */
static void build_csv(const char *tsv, size_t len, size_t mb, struct yk_buf *out)
{
	if (yk_buf_adds(out, "id,question,answer,category\r\n"))
		die("out of room");
	size_t row = 0;
	while (out->len < mb << 20) {
		const char *p = tsv, *end = tsv + len;
		while (p < end && out->len < mb << 20) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *eol = nl ? nl : end;
			const char *t1 = memchr(p, '\t', (size_t)(eol - p));
			const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(eol - t1 - 1)) : NULL;
			if (t2) {
				if (yk_buf_addf(out, "F%zu,", ++row))
					die("out of room");
				add_quoted(out, t1 + 1, (size_t)(t2 - t1 - 1));
				if (yk_buf_addc(out, ','))
					die("out of room");
				/* Answers get a line break and a quote inside, as staff write them. */
				add_quoted(out, t2 + 1, (size_t)(eol - t2 - 1));
				if (yk_buf_adds(out, ",\"くらし\n\"\"手続き\"\"\"\r\n"))
					die("out of room");
			}
			p = nl ? nl + 1 : end;
		}
	}
}

static const struct ingest_column faq_cols[] = {
	{"id", "番号", 0, {NULL}},
	{"question", "質問", INGEST_REQUIRED | INGEST_NONEMPTY, {NULL}},
	{"answer", "回答", INGEST_REQUIRED | INGEST_NONEMPTY, {NULL}},
	{"category", "カテゴリ", 0, {NULL}},
};

static int count_row(void *ctx, const struct ingest_row *row, struct ingest_problems *p)
{
	(void)p;
	*(size_t *)ctx += row->len[2] > 0;
	return 0;
}

static double run_ingest(const char *bytes, size_t len, size_t *rows)
{
	struct ingest_spec spec = {faq_cols, 4, ',', INGEST_UNKNOWN_REPORT,
				   {.bytes = len + 1, .rows = 10000000}};
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	*rows = 0;
	double t0 = cpu_us();
	int rc = ingest_table(&spec, bytes, len, count_row, rows, p);
	double t = cpu_us() - t0;
	if (rc != 0)
		die(p->count ? p->item[0].message : "ingest failed");
	free(p);
	return t;
}

static double run_scan(const char *bytes, size_t len, size_t *lines)
{
	double t0 = cpu_us();
	size_t n = 0;
	for (const char *p = bytes, *end = bytes + len; (p = memchr(p, '\n', (size_t)(end - p)));
	     p++)
		n++;
	*lines = n;
	return cpu_us() - t0;
}

static double run_iconv(const char *bytes, size_t len, char *out, size_t outsz)
{
	double t0 = cpu_us();
	iconv_t cd = iconv_open("UTF-8", "CP932");
	char *in = (char *)(uintptr_t)bytes, *o = out;
	size_t il = len, ol = outsz;
	if (cd == (iconv_t)-1 || iconv(cd, &in, &il, &o, &ol) == (size_t)-1)
		die("iconv failed");
	iconv_close(cd);
	return cpu_us() - t0;
}

static void to_cp932(const struct yk_buf *utf8, struct yk_buf *out)
{
	iconv_t cd = iconv_open("CP932", "UTF-8");
	size_t cap = utf8->len + 1;
	char *dst = yk_xmalloc(cap);
	char *in = utf8->data, *o = dst;
	size_t il = utf8->len, ol = cap;
	if (cd == (iconv_t)-1 || iconv(cd, &in, &il, &o, &ol) == (size_t)-1)
		die("the FAQ text has characters CP932 cannot hold");
	iconv_close(cd);
	if (yk_buf_add(out, dst, (size_t)(o - dst)))
		die("out of room");
	free(dst);
}

static void bench_ingest(const char *faq_path, size_t mb, int rounds)
{
	FILE *f = fopen(faq_path, "rb");
	if (!f)
		die("cannot open the FAQ file (--faq PATH)");
	struct yk_buf tsv, csv, sjis;
	yk_buf_init(&tsv, 64u << 20);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (yk_buf_add(&tsv, chunk, n))
			die("FAQ file too large");
	fclose(f);
	yk_buf_init(&csv, 0);
	yk_buf_init(&sjis, 0);
	build_csv(tsv.data, tsv.len, mb, &csv);
	to_cp932(&csv, &sjis);
	char *scratch = yk_xmalloc(3 * sjis.len + 1);
	double best[4] = {1e18, 1e18, 1e18, 1e18};
	size_t rows_u = 0, rows_s = 0, lines = 0;
	for (int r = 0; r < rounds; r++) {
		double t;
		if ((t = run_ingest(csv.data, csv.len, &rows_u)) < best[0])
			best[0] = t;
		if ((t = run_scan(csv.data, csv.len, &lines)) < best[1])
			best[1] = t;
		if ((t = run_ingest(sjis.data, sjis.len, &rows_s)) < best[2])
			best[2] = t;
		if ((t = run_iconv(sjis.data, sjis.len, scratch, 3 * sjis.len + 1)) < best[3])
			best[3] = t;
	}
	if (rows_u != rows_s)
		die("UTF-8 and CP932 runs disagree on the rows");
	double mbu = (double)csv.len / (1 << 20), mbs = (double)sjis.len / (1 << 20);
	printf("ingest: %zu rows, %.1f MB UTF-8 / %.1f MB CP932 (%zu line breaks)\n", rows_u, mbu,
	       mbs, lines);
	printf("  %-34s %8.1f MB/s\n", "ingest_table UTF-8", mbu / (best[0] / 1e6));
	printf("  %-34s %8.1f MB/s   ratio %.2f\n", "anchor: memchr line scan", mbu / (best[1] / 1e6),
	       best[0] / best[1]);
	printf("  %-34s %8.1f MB/s\n", "ingest_table CP932 (with decoding)", mbs / (best[2] / 1e6));
	printf("  %-34s %8.1f MB/s   ratio %.2f\n", "anchor: iconv CP932 alone",
	       mbs / (best[3] / 1e6), best[2] / best[3]);
	free(scratch);
	yk_buf_release(&tsv);
	yk_buf_release(&csv);
	yk_buf_release(&sjis);
}

/* ---- store ---------------------------------------------------------------- */

#define AUDIT_INSERT                                                                   \
	"INSERT INTO audit_log(at, user_id, actor, action, target, detail, ip)"          \
	" VALUES (?, ?, ?, ?, ?, ?, ?)"
#define ONE_ROW "SELECT id, actor, action FROM audit_log WHERE id = ?"

static double insert_prepared_each_time(struct store *db, size_t rows)
{
	double t0 = cpu_us();
	for (size_t i = 0; i < rows; i++) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(store_handle(db), AUDIT_INSERT, -1, &st, NULL) != SQLITE_OK)
			die("prepare failed");
		sqlite3_bind_int64(st, 1, yk_now_unix());
		sqlite3_bind_int64(st, 2, 7);
		sqlite3_bind_text(st, 3, "suzuki", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, "kb.entry.update", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, "kb_entry:42", -1, SQLITE_STATIC);
		sqlite3_bind_null(st, 6);
		sqlite3_bind_text(st, 7, "192.0.2.7", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("insert failed");
		sqlite3_finalize(st);
	}
	return cpu_us() - t0;
}

static double insert_cached(struct store *db, size_t rows)
{
	const struct audit_actor a = {7, "suzuki", "192.0.2.7"};
	double t0 = cpu_us();
	for (size_t i = 0; i < rows; i++)
		if (audit_record(db, &a, "kb.entry.update", "kb_entry:42", NULL, NULL) != 0)
			die("audit_record failed");
	return cpu_us() - t0;
}

static double select_prepared_each_time(struct store *db, size_t rows)
{
	double t0 = cpu_us();
	for (size_t i = 0; i < rows; i++) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(store_handle(db), ONE_ROW, -1, &st, NULL) != SQLITE_OK)
			die("prepare failed");
		sqlite3_bind_int64(st, 1, (int64_t)(i % rows) + 1);
		if (sqlite3_step(st) != SQLITE_ROW)
			die("row missing");
		sqlite3_finalize(st);
	}
	return cpu_us() - t0;
}

static int read_nothing(void *ctx, sqlite3_stmt *row)
{
	(void)ctx;
	(void)row;
	return 0;
}

static double select_cached(struct store *db, size_t rows)
{
	double t0 = cpu_us();
	for (size_t i = 0; i < rows; i++) {
		sqlite3_stmt *st = NULL;
		if (store_stmt(db, ONE_ROW, &st, NULL) != 0)
			die("store_stmt failed");
		sqlite3_bind_int64(st, 1, (int64_t)(i % rows) + 1);
		if (store_one(db, st, read_nothing, NULL, NULL) != 0)
			die("row missing");
	}
	return cpu_us() - t0;
}

static void bench_store(size_t rows, int rounds)
{
	char dir[] = "/tmp/yk-bench-foundation-XXXXXX";
	if (!mkdtemp(dir))
		die("mkdtemp failed");
	char path[128];
	snprintf(path, sizeof(path), "%s/b.db", dir);
	struct store *db = NULL;
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) != 0)
		die("cannot create the database");
	double best[4] = {1e18, 1e18, 1e18, 1e18};
	for (int r = 0; r < rounds; r++) {
		double t;
		/* One transaction per batch: the statement cost, not fsync. */
		if (store_begin(db, NULL) != 0)
			die("begin failed");
		if ((t = insert_cached(db, rows)) < best[0])
			best[0] = t;
		if ((t = insert_prepared_each_time(db, rows)) < best[1])
			best[1] = t;
		if (store_commit(db, NULL) != 0)
			die("commit failed");
		if ((t = select_cached(db, rows)) < best[2])
			best[2] = t;
		if ((t = select_prepared_each_time(db, rows)) < best[3])
			best[3] = t;
	}
	double n = (double)rows;
	printf("store: %zu statements per case\n", rows);
	printf("  %-44s %7.2f µs\n", "audit_record (cached INSERT, checks)", best[0] / n);
	printf("  %-44s %7.2f µs   ratio %.2f\n", "anchor: INSERT prepared + finalized per call",
	       best[1] / n, best[1] / best[0]);
	printf("  %-44s %7.2f µs\n", "store_stmt + store_one (one-row SELECT)", best[2] / n);
	printf("  %-44s %7.2f µs   ratio %.2f\n", "anchor: SELECT prepared + finalized per call",
	       best[3] / n, best[3] / best[2]);
	store_close(db);
	unlink(path);
	char wal[160];
	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", path);
	unlink(wal);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	const char *faq = "../shared/data/localgovfaq/faq.tsv";
	int64_t mb = 32, rows = 20000, rounds = 3;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *v = argv[i + 1];
		if (strcmp(argv[i], "--faq") == 0)
			faq = v;
		else if (strcmp(argv[i], "--mb") == 0 && yk_parse_i64(v, strlen(v), 1, 1024, &mb) == 0)
			continue;
		else if (strcmp(argv[i], "--rows") == 0 &&
			 yk_parse_i64(v, strlen(v), 1, 10000000, &rows) == 0)
			continue;
		else if (strcmp(argv[i], "--rounds") == 0 &&
			 yk_parse_i64(v, strlen(v), 1, 100, &rounds) == 0)
			continue;
		else
			die("usage: foundation [--faq PATH] [--mb N] [--rows N] [--rounds N]");
	}
	bench_ingest(faq, (size_t)mb, (int)rounds);
	bench_store((size_t)rows, (int)rounds);
	return 0;
}
