/* bench/qa_edit: what an editor's change costs the next question, at
 * knowledge-base scale (docs/decisions/0007-snapshot-index.md).
 *
 *   build/release/bench/qa_edit [--data DIR] [--entries N] [--edits N]
 *
 * Builds a temporary database of N entries (default 100,000) cut from the
 * LocalgovFAQ answers (DIR defaults to ../shared/data/localgovfaq, then
 * /work/shared/data/localgovfaq; read there, never copied), imported
 * through kb_import_file like any FAQ table. Then, through the real
 * qa_ask (index, entries read, question log queued):
 *   normal      thread CPU time of questions when nothing changed (the
 *               anchor);
 *   edit-ask    thread CPU time of the first question after
 *               kb_entry_update of a random entry and qa_index_refresh
 *               (what the API's edit handlers do: the editor's request
 *               applies the delta; its cost is printed as "refresh");
 * and prints both medians and p99s, their ratio (target <= 2), and the
 * index counters (rebuilds must stay 1). Then (--merge-batch N, default
 * 200; 0 skips it) entries 1, 2, ... are edited N at a time, each batch
 * applied by one qa_index_refresh, until a refresh merges the overlay
 * into a new base (SEARCH_OVERLAY_MAX, or an eighth of the base): its CPU
 * time against the batches that did not merge is what the merge costs the
 * editor's request; then the first question after it, and the wall time
 * until a learner thread has published the model learned again.
 */
#include <time.h>
#include <unistd.h>

#include "core/core.h"
#include "kb/kb.h"
#include "qa/qa.h"
#include "store/store.h"

#define PASSAGE_BYTES 600 /* about 200 characters of Japanese */
#define FILE_ROWS 20000   /* rows per imported file (under KB_FILE_MAX) */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "qa_edit: cannot read %s\n", path);
		exit(1);
	}
	struct yk_buf b;
	yk_buf_init(&b, 0);
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		if (yk_buf_add(&b, tmp, n))
			abort();
	fclose(f);
	return yk_buf_detach(&b, len);
}

struct row {
	const char *q, *a;
	size_t ql, al;
};

static struct row *rows;
static size_t nrows;
static char **questions;
static size_t nquestions;

static void load(const char *dir)
{
	char path[1024];
	size_t len;
	snprintf(path, sizeof(path), "%s/faq.tsv", dir);
	char *d = slurp(path, &len);
	for (char *p = d, *end = d + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end;
		char *t1 = memchr(p, '\t', (size_t)(le - p));
		char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(le - t1 - 1)) : NULL;
		if (t2) {
			rows = yk_xrealloc(rows, (nrows + 1) * sizeof(*rows));
			rows[nrows++] = (struct row){t1 + 1, t2 + 1, (size_t)(t2 - t1 - 1),
						     (size_t)(le - t2 - 1)};
		}
		p = le + 1;
	}
	snprintf(path, sizeof(path), "%s/queries-dev.tsv", dir);
	char *qd = slurp(path, &len);
	for (char *p = qd, *end = qd + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end;
		char *t = memchr(p, '\t', (size_t)(le - p));
		if (t && le > t + 1) {
			questions = yk_xrealloc(questions, (nquestions + 1) * sizeof(*questions));
			questions[nquestions++] = yk_xstrndup(t + 1, (size_t)(le - t - 1));
		}
		p = le + 1;
	}
}

/* Passage k of the corpus: the k-th slice of PASSAGE_BYTES of the answers,
 * cut at a character boundary, with its FAQ question. */
static void passage(size_t k, struct row *out)
{
	size_t r = k % nrows, slice = (k / nrows);
	const struct row *x = &rows[r];
	size_t nslices = x->al / PASSAGE_BYTES + 1;
	size_t a = (slice % nslices) * PASSAGE_BYTES, b = a + PASSAGE_BYTES;
	if (b > x->al)
		b = x->al;
	while (a > 0 && a < x->al && ((unsigned char)x->a[a] & 0xC0) == 0x80)
		a++;
	while (b < x->al && ((unsigned char)x->a[b] & 0xC0) == 0x80)
		b++;
	*out = (struct row){x->q, x->a + a, x->ql, b > a ? b - a : 0};
}

/* Appends s without the characters TSV gives a meaning (a quote would open
 * a quoted field). */
static void add_clean(struct yk_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' ? yk_buf_adds(b, "”") : yk_buf_add(b, &s[i], 1))
			abort();
	}
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static double pct(int64_t *v, size_t n, double p)
{
	qsort(v, n, sizeof(*v), cmp_i64);
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return (double)v[i];
}

static int64_t cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* One question; returns its thread CPU time (the machine is shared: wall
 * time measures the neighbours too), *wall gets the wall time. */
static int64_t ask_us(struct qa *qa, struct store *db, size_t i, int64_t *wall)
{
	struct qa_asker who = {QA_CHANNEL_STAFF, 0, 0};
	struct qa_answer a;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	const char *q = questions[i % nquestions];
	int64_t w0 = yk_mono_us(), c0 = cpu_us();
	if (qa_ask(qa, db, &who, q, strlen(q), &a, &ei) != 0) {
		fprintf(stderr, "qa_edit: ask: %s\n", ei.message);
		exit(1);
	}
	int64_t c = cpu_us() - c0;
	if (wall)
		*wall = yk_mono_us() - w0;
	qa_answer_release(&a);
	return c;
}

static struct kb_entry_spec edit_spec;

/* Edits entry id (ids are 1..entries in import order): its passage with
 * a revision mark, as an editor would save it. */
static void edit_entry(struct store *db, int64_t id, size_t rev)
{
	char answer[PASSAGE_BYTES + 64];
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct row p;
	passage((size_t)(id - 1), &p);
	snprintf(answer, sizeof(answer), "%.*s（%zu 回目の改訂）", (int)p.al, p.a, rev);
	edit_spec.kind = KB_KIND_FAQ;
	edit_spec.is_public = 1;
	edit_spec.question = yk_xstrndup(p.q, p.ql);
	edit_spec.answer = answer;
	if (kb_entry_update(db, NULL, id, &edit_spec, &ei) != 0) {
		fprintf(stderr, "qa_edit: update %lld: %s\n", (long long)id, ei.message);
		exit(1);
	}
	free((char *)edit_spec.question);
	edit_spec.question = NULL;
}

static int64_t refresh_us(struct qa *qa, struct store *db, int64_t *wall)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int64_t w0 = yk_mono_us(), r0 = cpu_us();
	if (qa_index_refresh(qa, db, &ei) != 0) {
		fprintf(stderr, "qa_edit: refresh: %s\n", ei.message);
		exit(1);
	}
	int64_t c = cpu_us() - r0;
	if (wall)
		*wall = yk_mono_us() - w0;
	return c;
}

/* The merge phase (see the top of the file). */
static void merge_phase(struct qa *qa, struct store *db, long entries, long batch)
{
	struct qa_index_stats st;
	qa_index_stats(qa, &st);
	uint64_t merges0 = st.merges, relearns0 = st.relearns;
	size_t nb = 0, cap = (size_t)(entries / batch + 2);
	int64_t *plain = yk_xcalloc(cap, sizeof(int64_t));
	int64_t merge_cpu = -1, merge_wall = 0;
	long next = 1;
	while (merge_cpu < 0 && next <= entries) {
		for (long j = 0; j < batch && next <= entries; j++, next++)
			edit_entry(db, next, 1000000);
		int64_t wall = 0, c = refresh_us(qa, db, &wall);
		qa_index_stats(qa, &st);
		if (st.merges != merges0) {
			merge_cpu = c;
			merge_wall = wall;
		} else {
			plain[nb++] = c;
		}
	}
	if (merge_cpu < 0) {
		printf("merge    no merge after editing all %ld entries\n", entries);
		free(plain);
		return;
	}
	int64_t t_merged = yk_mono_us();
	printf("merge    refresh that merged (%ld edits, entries 1-%ld): CPU %.0f ms, wall %.0f ms;"
	       " the %zu batches before it: CPU median %.0f ms\n", batch, next - 1,
	       (double)merge_cpu / 1e3, (double)merge_wall / 1e3, nb,
	       nb ? pct(plain, nb, 0.5) / 1e3 : 0.0);
	int64_t w = 0, a = ask_us(qa, db, 3, &w);
	printf("merge    first question after it: CPU %.0f us, wall %.0f us\n", (double)a, (double)w);
	/* A learner starts inside the refresh that merged, when the model is
	 * stale (more than SEARCH_SEMANTIC_RELEARN_SHARE changed). */
	for (int i = 0; i < 60000 && st.learning; i++) {
		struct timespec ts = {0, 10000000};
		nanosleep(&ts, NULL);
		qa_index_stats(qa, &st);
	}
	if (st.relearns != relearns0)
		printf("merge    model learned again and published by the learner thread %.1f s"
		       " (wall) after the merge\n", (double)(yk_mono_us() - t_merged) / 1e6);
	else
		printf("merge    no model learned again (%s)\n",
		       st.learning ? "still learning after 10 min" : "not stale yet");
	free(plain);
}

int main(int argc, char **argv)
{
	const char *dir = "../shared/data/localgovfaq";
	long entries = 100000, edits = 300, merge_batch = 200;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--data") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "--entries") && i + 1 < argc)
			entries = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--edits") && i + 1 < argc)
			edits = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--merge-batch") && i + 1 < argc)
			merge_batch = strtol(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: qa_edit [--data DIR] [--entries N] [--edits N]"
				" [--merge-batch N]\n");
			return 2;
		}
	}
	if (access(dir, R_OK) != 0)
		dir = "/work/shared/data/localgovfaq";
	yk_log_set_level(YK_LOG_WARN);
	load(dir);
	char tmpl[] = "/tmp/yakuba-qa-edit.XXXXXX";
	if (!mkdtemp(tmpl))
		return 1;
	char path[256];
	snprintf(path, sizeof(path), "%s/bench.db", tmpl);
	struct store *db = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, &ei) != 0) {
		fprintf(stderr, "qa_edit: %s\n", ei.message);
		return 1;
	}
	/* The corpus, FILE_ROWS entries per file. */
	int64_t t0 = yk_mono_us();
	struct kb_report *rep = yk_xcalloc(1, sizeof(*rep));
	for (long base = 0; base < entries; base += FILE_ROWS) {
		struct yk_buf f;
		yk_buf_init(&f, 0);
		if (yk_buf_adds(&f, "id\tquestion\tanswer\tpublic\n"))
			abort();
		for (long k = base; k < entries && k < base + FILE_ROWS; k++) {
			struct row p;
			passage((size_t)k, &p);
			if (yk_buf_addf(&f, "p%ld\t", k))
				abort();
			add_clean(&f, p.q, p.ql);
			if (yk_buf_adds(&f, "\t"))
				abort();
			add_clean(&f, p.al ? p.a : "。", p.al ? p.al : strlen("。"));
			if (yk_buf_adds(&f, "\t1\n"))
				abort();
		}
		char name[64];
		snprintf(name, sizeof(name), "corpus-%ld.tsv", base / FILE_ROWS);
		kb_report_init(rep, name);
		if (kb_import_file(db, NULL, name, f.data, f.len, rep, &ei) != 0) {
			fprintf(stderr, "qa_edit: import %s: %s\n", name, ei.message);
			return 1;
		}
		yk_buf_release(&f);
	}
	free(rep);
	printf("corpus   %ld entries (LocalgovFAQ answers cut into %d-byte passages), imported in %.1f s\n",
	       entries, PASSAGE_BYTES, (double)(yk_mono_us() - t0) / 1e6);

	struct qa *qa = NULL;
	if (qa_new(NULL, NULL, &qa, &ei) != 0) {
		fprintf(stderr, "qa_edit: %s\n", ei.message);
		return 1;
	}
	t0 = yk_mono_us();
	(void)ask_us(qa, db, 0, NULL);
	printf("build    first question (full build) %.1f s\n", (double)(yk_mono_us() - t0) / 1e6);

	size_t n = (size_t)edits;
	int64_t *normal = yk_xcalloc(n, sizeof(int64_t)), *after = yk_xcalloc(n, sizeof(int64_t));
	int64_t *wnormal = yk_xcalloc(n, sizeof(int64_t)), *wafter = yk_xcalloc(n, sizeof(int64_t));
	int64_t *refresh = yk_xcalloc(n, sizeof(int64_t));
	for (size_t i = 0; i < 50; i++) /* warm the caches */
		(void)ask_us(qa, db, i, NULL);
	uint64_t rnd = 88172645463325252u;
	for (size_t i = 0; i < n; i++) {
		normal[i] = ask_us(qa, db, 7 * i + 1, &wnormal[i]);
		/* Edit a random entry: ids are 1..entries in import order. */
		rnd ^= rnd << 13, rnd ^= rnd >> 7, rnd ^= rnd << 17;
		edit_entry(db, (int64_t)(rnd % (uint64_t)entries) + 1, i + 1);
		/* As the API's edit handler does: the editor's request applies
		 * the delta (qa_index_refresh); measured apart. */
		refresh[i] = refresh_us(qa, db, NULL);
		after[i] = ask_us(qa, db, 7 * i + 1, &wafter[i]);
	}
	struct qa_index_stats st;
	qa_index_stats(qa, &st);
	double nm = pct(normal, n, 0.5), n99 = pct(normal, n, 0.99);
	double am = pct(after, n, 0.5), a99 = pct(after, n, 0.99);
	printf("normal   question CPU median %.0f us  p99 %.0f us; wall median %.0f us  (%zu questions,"
	       " nothing changed)\n", nm, n99, pct(wnormal, n, 0.5), n);
	printf("edit-ask question CPU median %.0f us  p99 %.0f us; wall median %.0f us  (%zu edits,"
	       " each followed by one question)\n", am, a99, pct(wafter, n, 0.5), n);
	printf("refresh  delta applied in the editor's request: CPU median %.0f us  p99 %.0f us\n",
	       pct(refresh, n, 0.5), pct(refresh, n, 0.99));
	printf("ratio    edit-then-ask / normal: median %.2fx  p99 %.2fx  (target <= 2x)\n", am / nm,
	       a99 / n99);
	printf("index    %zu entries; rebuilds %llu, deltas %llu, merges %llu\n", st.docs,
	       (unsigned long long)st.rebuilds, (unsigned long long)st.deltas,
	       (unsigned long long)st.merges);
	if (merge_batch > 0) {
		merge_phase(qa, db, entries, merge_batch);
		qa_index_stats(qa, &st);
		printf("index    %zu entries; rebuilds %llu, deltas %llu, merges %llu, relearns %llu\n",
		       st.docs, (unsigned long long)st.rebuilds, (unsigned long long)st.deltas,
		       (unsigned long long)st.merges, (unsigned long long)st.relearns);
	}
	qa_free(qa);
	store_close(db);
	unlink(path);
	char side[300];
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	rmdir(tmpl);
	free(normal);
	free(after);
	free(wnormal);
	free(wafter);
	free(refresh);
	return 0;
}
