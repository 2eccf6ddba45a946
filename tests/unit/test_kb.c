/* Unit tests for src/kb.
 *
 * Parsers are tested data-driven: every file in tests/data/kb/parse/ (not
 * ending in .expected) is parsed under its own name and the records and
 * problems, dumped as text, must equal <file>.expected. Adding a case needs
 * no C code. Set YK_KB_UPDATE=1 to (re)write the .expected files, then
 * review them with git diff. The rest are limits, passage sizes, storage
 * (import idempotence, replace-on-change atomicity, CRUD) and their errors. */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "ingest_cases.h"
#include "kb/kb.h"
#include "kb/kb_int.h" /* kb__pdf_run: the PDF limits made small for tests */

#define PARSE_DIR "tests/data/kb/parse"


static int dump_record(void *ctx, const struct kb_record *r)
{
	struct yk_buf *out = ctx;
	int rc;
	if (r->kind == KB_KIND_FAQ)
		rc = yk_buf_addf(out,
				 "[faq] line %ld id \"%s\" category \"%s\" public %d url \"%s\"\n"
				 "Q: %s\nA: %s\n",
				 r->line, r->external_id, r->category, r->is_public, r->url,
				 r->question, r->answer);
	else
		rc = yk_buf_addf(out,
				 "[passage] title \"%s\" heading \"%s\" page %lld locator \"%s\" "
				 "chars %zu\n%s\n",
				 r->title, r->heading_path, (long long)r->page, r->locator,
				 yk_utf8_count(r->body, strlen(r->body)), r->body);
	return rc;
}

static void dump_report(struct yk_buf *out, int rc, const struct kb_report *rep)
{
	int e = yk_buf_addf(out, "result: %s, records %zu, problems %zu\n", yk_err_code(rc),
			    rep->records, rep->problems.count);
	for (size_t i = 0; i < ingest_problems_kept(&rep->problems); i++) {
		char line[512];
		ingest_problem_format(rep->name, &rep->problems.item[i], line, sizeof(line));
		e |= yk_buf_addf(out, "problem: %s\n", line);
	}
	if (e)
		abort();
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

TEST(parse_cases_match_expected)
{
	DIR *dir = opendir(PARSE_DIR);
	REQUIRE(dir != NULL);
	char *names[256];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(dir)) && n < YK_ARRAY_LEN(names)) {
		if (de->d_name[0] == '.' || ends_with(de->d_name, ".expected"))
			continue;
		names[n++] = yk_xstrdup(de->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(names[0]), cmp_names);
	CHECK(n >= 20);
	int update = getenv("YK_KB_UPDATE") && strcmp(getenv("YK_KB_UPDATE"), "1") == 0;
	for (size_t i = 0; i < n; i++) {
		char path[512], exp_path[600];
		snprintf(path, sizeof(path), "%s/%s", PARSE_DIR, names[i]);
		snprintf(exp_path, sizeof(exp_path), "%s.expected", path);
		size_t len = 0;
		char *bytes = ingest_case_slurp(path, &len);
		CHECK(bytes != NULL);
		struct kb_report *rep = yk_xmalloc(sizeof(*rep));
		kb_report_init(rep, names[i]);
		struct yk_buf out;
		yk_buf_init(&out, 0);
		int rc = kb_parse(bytes ? bytes : "", len, dump_record, &out, rep);
		dump_report(&out, rc, rep);
		if (update) {
			FILE *f = fopen(exp_path, "wb");
			if (f) {
				fwrite(out.data, 1, out.len, f);
				fclose(f);
			}
		}
		size_t elen = 0;
		char *expected = ingest_case_slurp(exp_path, &elen);
		if (!expected || elen != out.len || memcmp(expected, out.data, elen) != 0) {
			fprintf(stderr, "case %s: output differs from %s\n--- got:\n%s--- end\n",
				names[i], exp_path, out.data);
			harness_failed_now = 1;
		}
		free(expected);
		yk_buf_release(&out);
		free(rep);
		free(bytes);
		free(names[i]);
	}
}

/* ---- limits and invariants ------------------------------------------------ */

static int count_record(void *ctx, const struct kb_record *r)
{
	(void)r;
	(*(size_t *)ctx)++;
	return 0;
}

/* The shared import cases (tests/data/ingest/) through the FAQ importer:
 * the same problems at the same lines, and the same rows when none. */
struct faq_rows {
	size_t n;
	struct ingest_case_row rows[INGEST_CASE_ROWS];
};

static int keep_faq_row(void *ctx, const struct kb_record *r)
{
	struct faq_rows *fr = ctx;
	if (fr->n < INGEST_CASE_ROWS) {
		struct ingest_case_row *o = &fr->rows[fr->n];
		o->line = r->line;
		const char *v[INGEST_CASE_COLS] = {r->external_id, r->question, r->answer, r->category};
		for (size_t k = 0; k < INGEST_CASE_COLS; k++)
			yk_strlcpy(o->value[k], v[k], sizeof(o->value[k]));
	}
	fr->n++;
	return 0;
}

static void faq_case(void *ctx, struct ingest_case *c)
{
	int *failed = ctx;
	if (c->only_ingest)
		return;
	static const char *const names[INGEST_CASE_COLS] = {"id", "question", "answer", "category"};
	size_t len;
	char *bytes = ingest_case_with_header(c, names, &len);
	struct kb_report *rep = yk_xcalloc(1, sizeof(*rep));
	struct faq_rows *fr = yk_xcalloc(1, sizeof(*fr));
	kb_report_init(rep, c->name);
	int rc = kb_parse(bytes, len, keep_faq_row, fr, rep);
	if (fr->n > INGEST_CASE_ROWS || (!c->nproblems && rep->records != c->nrows) ||
	    !ingest_case_check(c, rc, &rep->problems, fr->rows, fr->n, 0, "faq"))
		*failed = 1;
	free(fr);
	free(rep);
	free(bytes);
}

TEST(faq_shared_ingest_cases)
{
	int failed = 0;
	CHECK(ingest_cases_each(faq_case, &failed) >= 15);
	CHECK(!failed);
}

TEST(csv_too_many_columns_is_limit)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	CHECK(yk_buf_adds(&b, "question,answer") == 0);
	for (int i = 0; i < KB_COLUMNS_MAX; i++)
		CHECK(yk_buf_adds(&b, ",x") == 0);
	CHECK(yk_buf_adds(&b, "\n") == 0);
	struct kb_report rep;
	kb_report_init(&rep, "wide.csv");
	size_t count = 0;
	CHECK_INT(kb_parse(b.data, b.len, count_record, &count, &rep), YK_ELIMIT);
	CHECK_INT(rep.problems.item[0].line, 1);
	CHECK(strstr(rep.problems.item[0].message, "列が多すぎます") != NULL);
	yk_buf_release(&b);
}

TEST(csv_field_too_long_is_limit)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	CHECK(yk_buf_adds(&b, "question,answer\nq1,a1\nq2,\"") == 0);
	for (size_t i = 0; i < KB_FIELD_MAX + 1; i++)
		CHECK(yk_buf_addc(&b, 'a') == 0);
	CHECK(yk_buf_adds(&b, "\"\n") == 0);
	struct kb_report rep;
	kb_report_init(&rep, "long.csv");
	size_t count = 0;
	CHECK_INT(kb_parse(b.data, b.len, count_record, &count, &rep), YK_ELIMIT);
	CHECK_INT(rep.problems.item[0].line, 3);
	yk_buf_release(&b);
}

TEST(file_too_large_is_limit_before_reading)
{
	struct kb_report rep;
	kb_report_init(&rep, "big.csv");
	/* The length alone decides: the bytes are never read. */
	CHECK_INT(kb_parse("", (size_t)KB_FILE_MAX + 1, count_record, NULL, &rep), YK_ELIMIT);
	CHECK_INT(rep.problems.count, 1);
}

static int stop_at_two(void *ctx, const struct kb_record *r)
{
	(void)r;
	return ++*(size_t *)ctx == 2 ? 42 : 0;
}

TEST(callback_value_stops_parser)
{
	const char csv[] = "question,answer\nq1,a1\nq2,a2\nq3,a3\n";
	struct kb_report rep;
	kb_report_init(&rep, "stop.csv");
	size_t count = 0;
	CHECK_INT(kb_parse(csv, sizeof(csv) - 1, stop_at_two, &count, &rep), 42);
	CHECK_INT(count, 2);
}

TEST(unknown_format_is_einval)
{
	struct kb_report rep;
	kb_report_init(&rep, "photo.jpg");
	CHECK_INT(kb_parse("x", 1, count_record, NULL, &rep), YK_EINVAL);
	CHECK(strstr(rep.problems.item[0].message, "取り込めません") != NULL);
	CHECK_INT(kb_format_from_name("a/B.DOCX"), KB_FORMAT_DOCX);
	CHECK_INT(kb_format_from_name(".csv"), KB_FORMAT_UNKNOWN);
	CHECK_STR(kb_format_name(KB_FORMAT_JSONL), "jsonl");
}

struct sizes {
	size_t count, max_chars, total_chars, newlines;
	int64_t last_page;
};

static int measure(void *ctx, const struct kb_record *r)
{
	struct sizes *s = ctx;
	size_t c = yk_utf8_count(r->body, strlen(r->body));
	for (const char *p = r->body; *p; p++)
		s->newlines += *p == '\n';
	s->count++;
	s->total_chars += c;
	if (c > s->max_chars)
		s->max_chars = c;
	s->last_page = r->page;
	return 0;
}

TEST(passages_never_exceed_max)
{
	/* One 5,000-character paragraph without any sentence end, then one
	 * of 60 short sentences: both must be cut to at most KB_PASSAGE_MAX. */
	struct yk_buf b;
	yk_buf_init(&b, 0);
	for (int i = 0; i < 5000; i++)
		CHECK(yk_buf_adds(&b, "あ") == 0);
	CHECK(yk_buf_adds(&b, "\n\n") == 0);
	for (int i = 0; i < 60; i++)
		CHECK(yk_buf_adds(&b, "住民票の写しは市民課の窓口で請求できます。") == 0);
	struct kb_report rep;
	kb_report_init(&rep, "long.txt");
	struct sizes s = {0};
	CHECK_INT(kb_parse(b.data, b.len, measure, &s, &rep), 0);
	CHECK(s.max_chars <= KB_PASSAGE_MAX);
	CHECK(s.count >= 5000 / KB_PASSAGE_MAX + 60 * 21 / KB_PASSAGE_TARGET);
	CHECK_INT(s.total_chars - s.newlines, 5000 + 60 * 21);
	yk_buf_release(&b);
}

TEST(pdf_text_pages_are_numbered)
{
	const char text[] = "第1条　目的\n\f\f第2条　三ページ目の本文です。\n\f";
	struct kb_report rep;
	kb_report_init(&rep, "規程.pdf");
	struct sizes s = {0};
	CHECK_INT(kb_parse_pdf_text(text, sizeof(text) - 1, measure, &s, &rep), 0);
	CHECK_INT(s.count, 2);
	CHECK_INT(s.last_page, 3);
	kb_report_init(&rep, "scan.pdf");
	CHECK_INT(kb_parse_pdf_text("\f \n\f\n", 5, measure, &s, &rep), YK_EPARSE);
	char line[512];
	ingest_problem_format(rep.name, &rep.problems.item[0], line, sizeof(line));
	CHECK(yk_starts_with(line, "scan.pdf: 文字情報がありません"));
}


static int collect_bodies(void *ctx, const struct kb_record *r)
{
	return yk_buf_addf(ctx, "%s|%s\n", r->locator, r->body);
}

TEST(pdf_running_headers_are_dropped)
{
	/* Four pages with the same header and a footer whose page number
	 * changes; the header text also occurs once inside a paragraph,
	 * where it must stay. */
	struct yk_buf in, out;
	yk_buf_init(&in, 0);
	yk_buf_init(&out, 0);
	for (int p = 1; p <= 4; p++)
		CHECK(yk_buf_addf(&in,
				  "  みどり市例規集\n\n本文%d です。みどり市例規集 は毎年更新します。\n\n"
				  "    第3編 総務    %d／４\n\f",
				  p, p) == 0);
	struct kb_report rep;
	kb_report_init(&rep, "reiki.pdf");
	CHECK_INT(kb_parse_pdf_text(in.data, in.len, collect_bodies, &out, &rep), 0);
	CHECK_STR(out.data, "p.1|本文1 です。みどり市例規集 は毎年更新します。\n"
			    "p.2|本文2 です。みどり市例規集 は毎年更新します。\n"
			    "p.3|本文3 です。みどり市例規集 は毎年更新します。\n"
			    "p.4|本文4 です。みどり市例規集 は毎年更新します。\n");
	/* Two pages are too few to tell a header from a coincidence. */
	yk_buf_reset(&out);
	kb_report_init(&rep, "two.pdf");
	CHECK_INT(kb_parse_pdf_text("見出し\n本文A\f見出し\n本文B\f", 28, collect_bodies, &out,
				    &rep),
		  0);
	CHECK(strstr(out.data, "見出し") != NULL);
	yk_buf_release(&in);
	yk_buf_release(&out);
}

TEST(pdf_extractor_missing_is_eio)
{
	size_t len = 0;
	char *pdf = ingest_case_slurp(PARSE_DIR "/kitei.pdf", &len);
	REQUIRE(pdf != NULL);
	const char *old = getenv("PATH");
	char *saved = old ? yk_xstrdup(old) : NULL;
	setenv("PATH", "/nonexistent-yakuba-test", 1);
	struct kb_report rep;
	kb_report_init(&rep, "kitei.pdf");
	char *text = NULL;
	size_t text_len = 0;
	CHECK_INT(kb_pdf_to_text(pdf, len, &text, &text_len, &rep), YK_EIO);
	CHECK(text == NULL);
	CHECK(strstr(rep.problems.item[0].message, "pdftotext") != NULL);
	if (saved)
		setenv("PATH", saved, 1);
	else
		unsetenv("PATH");
	free(saved);
	/* With the extractor back, the same bytes give text with page breaks. */
	kb_report_init(&rep, "kitei.pdf");
	CHECK_INT(kb_pdf_to_text(pdf, len, &text, &text_len, &rep), 0);
	CHECK(text != NULL && memchr(text, '\f', text_len) != NULL);
	free(text);
	free(pdf);
}

/* Puts a fake pdftotext (a shell script) first on PATH and runs the
 * extractor with a 300 ms deadline and a 64 KB output limit. */
static int run_fake_pdftotext(const char *script, struct kb_report *rep, char **text)
{
	char dir[] = "/tmp/yk-kb-pdf-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	char path[256], oldpath[4096], newpath[4400];
	snprintf(path, sizeof(path), "%s/pdftotext", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	fprintf(f, "#!/bin/sh\n%s\n", script);
	fclose(f);
	chmod(path, 0700);
	yk_strlcpy(oldpath, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin", sizeof(oldpath));
	snprintf(newpath, sizeof(newpath), "%s:%s", dir, oldpath);
	setenv("PATH", newpath, 1);
	/* The temporary copy of the PDF goes to TMPDIR and must be gone after. */
	setenv("TMPDIR", dir, 1);
	static const char pdf[] = "%PDF-1.4\n";
	size_t len = 0;
	kb_report_init(rep, "fake.pdf");
	int64_t t0 = yk_mono_us();
	int rc = kb__pdf_run(pdf, sizeof(pdf) - 1, 300, 64 << 10, text, &len, rep);
	if (yk_mono_us() - t0 > 5000000)
		rc = 999; /* the deadline did not hold */
	setenv("PATH", oldpath, 1);
	unsetenv("TMPDIR");
	unlink(path);
	if (rmdir(dir) != 0) /* fails if the PDF copy was left behind */
		rc = 998;
	return rc;
}

TEST(pdf_extractor_limits_kill_the_child)
{
	struct kb_report rep;
	char *text = NULL;
	CHECK_INT(run_fake_pdftotext("exec sleep 30", &rep, &text), YK_ETIMEOUT);
	CHECK(strstr(rep.problems.item[0].message, "300 ミリ秒") != NULL);
	CHECK_INT(run_fake_pdftotext("exec yes 住民票の写し", &rep, &text), YK_ELIMIT);
	CHECK(text == NULL);
	CHECK_INT(run_fake_pdftotext("exit 3", &rep, &text), YK_EPARSE);
	CHECK(strstr(rep.problems.item[0].message, "禁止") != NULL);
	CHECK_INT(run_fake_pdftotext("printf 'p1\\fp2'", &rep, &text), 0);
	CHECK(text != NULL && strcmp(text, "p1\fp2") == 0);
	free(text);
}

/* ---- storage ------------------------------------------------------------------ */

static char tmpdir[256];

static struct store *open_db(const char *name)
{
	char path[512];
	if (!tmpdir[0]) {
		yk_strlcpy(tmpdir, "/tmp/yk-kb-XXXXXX", sizeof(tmpdir));
		if (!mkdtemp(tmpdir))
			abort();
	}
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	struct store *db = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, &ei)) {
		fprintf(stderr, "open %s: %s\n", path, ei.message);
		abort();
	}
	return db;
}

static int64_t query_int(struct store *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(db, sql, &st, NULL))
		return -1;
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

static int64_t gen(struct store *db)
{
	int64_t g = -1;
	if (kb_generation(db, &g))
		return -1;
	return g;
}

static const char faq_v1[] = "id,question,answer,category\n"
			     "1,住民票の写しの請求,市民課で請求できます。,届出\n"
			     "2,転入届の期限,引っ越しから14日以内です。,届出\n"
			     "3,粗大ごみの申込み,クリーンセンターへ電話してください。,ごみ\n";
static const char faq_v2[] = "id,question,answer,category\n"
			     "1,住民票の写しの請求,市民課またはコンビニで請求できます。,届出\n"
			     "4,犬の登録,環境衛生課で受け付けます。,ペット\n";

TEST(import_is_idempotent_by_hash)
{
	struct store *db = open_db("idem.db");
	struct kb_report rep;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(gen(db), 0);
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v1, sizeof(faq_v1) - 1, &rep, &ei), 0);
	CHECK_INT(rep.status, KB_IMPORT_NEW);
	CHECK_INT(rep.records, 3);
	CHECK(rep.source_id > 0);
	int64_t g1 = gen(db);
	CHECK(g1 > 0);
	int64_t first_id = query_int(db, "SELECT min(id) FROM kb_entries");
	/* The same bytes again: nothing is written, not even the import time. */
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v1, sizeof(faq_v1) - 1, &rep, &ei), 0);
	CHECK_INT(rep.status, KB_IMPORT_UNCHANGED);
	CHECK_INT(rep.records, 3);
	CHECK_INT(gen(db), g1);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_entries"), 3);
	CHECK_INT(query_int(db, "SELECT min(id) FROM kb_entries"), first_id);
	CHECK_INT(query_int(db, "SELECT count(*) FROM audit_log WHERE action = 'kb.import'"), 1);
	struct kb_source src;
	CHECK_INT(kb_source_get(db, rep.source_id, &src), 0);
	CHECK_STR(src.kind, "csv");
	CHECK_INT(src.entry_count, 3);
	CHECK_INT(src.size, sizeof(faq_v1) - 1);
	CHECK_INT(strlen(src.sha256), 64);
	CHECK_INT(store_stmt_busy_count(db), 0); /* every cached statement was reset */
	store_close(db);
}

TEST(changed_file_replaces_entries)
{
	struct store *db = open_db("replace.db");
	struct kb_report rep;
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v1, sizeof(faq_v1) - 1, &rep, NULL), 0);
	int64_t sid = rep.source_id;
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v2, sizeof(faq_v2) - 1, &rep, NULL), 0);
	CHECK_INT(rep.status, KB_IMPORT_REPLACED);
	CHECK_INT(rep.source_id, sid);
	CHECK_INT(rep.records, 2);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_entries"), 2);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_entries WHERE external_id = '3'"), 0);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_entries WHERE external_id = '4' "
				"AND answer = '環境衛生課で受け付けます。'"),
		  1);
	CHECK_INT(query_int(db, "SELECT entry_count FROM kb_sources"), 2);
	store_close(db);
}

TEST(hidden_entries_stay_hidden_after_reimport)
{
	struct store *db = open_db("rehide.db");
	struct kb_report rep;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v1, sizeof(faq_v1) - 1, &rep, &ei), 0);
	int64_t id1 = query_int(db, "SELECT id FROM kb_entries WHERE external_id = '1'");
	int64_t id3 = query_int(db, "SELECT id FROM kb_entries WHERE external_id = '3'");
	CHECK_INT(kb_entry_set_hidden(db, NULL, id1, 1, &ei), 0);
	CHECK_INT(kb_entry_set_hidden(db, NULL, id3, 1, &ei), 0);
	/* v2 keeps id 1 (changed answer), drops 3, adds 4. */
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v2, sizeof(faq_v2) - 1, &rep, &ei), 0);
	CHECK_INT(rep.status, KB_IMPORT_REPLACED);
	CHECK_INT(query_int(db, "SELECT hidden FROM kb_entries WHERE external_id = '1'"), 1);
	CHECK_INT(query_int(db, "SELECT hidden FROM kb_entries WHERE external_id = '4'"), 0);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_entries WHERE hidden = 1"), 1);
	store_close(db);
}

TEST(broken_file_stores_nothing)
{
	struct store *db = open_db("broken.db");
	struct kb_report rep;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v1, sizeof(faq_v1) - 1, &rep, &ei), 0);
	static const char bad[] = "id,question,answer\n1,q1,a1\n2,q2,\n";
	int64_t g = gen(db);
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", bad, sizeof(bad) - 1, &rep, &ei), YK_EPARSE);
	CHECK_INT(rep.status, KB_IMPORT_FAILED);
	CHECK_STR(ei.message, "「answer」が空です");
	CHECK_STR(ei.file, "faq.csv");
	CHECK_INT(ei.line, 3);
	char shown[600];
	yk_errinfo_format(&ei, shown, sizeof(shown));
	CHECK_STR(shown, "faq.csv:3: 「answer」が空です");
	CHECK_INT(gen(db), g);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_entries"), 3);
	/* A new file with a problem leaves no source row behind. */
	CHECK_INT(kb_import_file(db, NULL, "new.csv", bad, sizeof(bad) - 1, &rep, &ei), YK_EPARSE);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_sources"), 1);
	/* Bad names are refused before anything is read. */
	CHECK_INT(kb_import_file(db, NULL, "", faq_v1, sizeof(faq_v1) - 1, &rep, &ei), YK_EINVAL);
	CHECK_INT(kb_import_file(db, NULL, "x\xff.csv", faq_v1, sizeof(faq_v1) - 1, &rep, &ei),
		  YK_EINVAL);
	store_close(db);
}

TEST(failed_write_rolls_back_whole_file)
{
	struct store *db = open_db("atomic.db");
	struct kb_report rep;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v1, sizeof(faq_v1) - 1, &rep, &ei), 0);
	struct kb_source before;
	CHECK_INT(kb_source_get(db, rep.source_id, &before), 0);
	/* The database refuses the second entry of the new version: the old
	 * entries must survive and the source keep its old hash. */
	CHECK_INT(store_exec(db,
			     "CREATE TEMP TRIGGER boom BEFORE INSERT ON kb_entries "
			     "WHEN NEW.external_id = '4' BEGIN SELECT RAISE(ABORT, 'boom'); END",
			     NULL),
		  0);
	int rc = kb_import_file(db, NULL, "faq.csv", faq_v2, sizeof(faq_v2) - 1, &rep, &ei);
	CHECK(rc == YK_EDB || rc == YK_ECONFLICT);
	CHECK_INT(rep.status, KB_IMPORT_FAILED);
	CHECK(strstr(ei.message, "boom") != NULL);
	struct kb_source after;
	CHECK_INT(kb_source_get(db, before.id, &after), 0);
	CHECK_STR(after.sha256, before.sha256);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_entries"), 3);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_entries WHERE external_id = '3'"), 1);
	CHECK_INT(store_exec(db, "DROP TRIGGER boom", NULL), 0);
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v2, sizeof(faq_v2) - 1, &rep, &ei), 0);
	CHECK_INT(rep.status, KB_IMPORT_REPLACED);
	store_close(db);
}

static int source_names(void *ctx, const struct kb_source *s)
{
	return yk_buf_addf(ctx, "%s(%lld) ", s->name, (long long)s->entry_count);
}

TEST(source_delete_cascades)
{
	struct store *db = open_db("delete.db");
	struct kb_report rep;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(kb_import_file(db, NULL, "a.csv", faq_v1, sizeof(faq_v1) - 1, &rep, &ei), 0);
	int64_t a = rep.source_id;
	CHECK_INT(kb_import_file(db, NULL, "b.csv", faq_v2, sizeof(faq_v2) - 1, &rep, &ei), 0);
	struct yk_buf names;
	yk_buf_init(&names, 0);
	CHECK_INT(kb_source_list(db, source_names, &names), 0);
	CHECK_STR(names.data, "a.csv(3) b.csv(2) ");
	yk_buf_release(&names);
	int64_t g = gen(db);
	CHECK_INT(kb_source_delete(db, NULL, a, &ei), 0);
	CHECK(gen(db) > g);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_entries"), 2);
	CHECK_INT(query_int(db, "SELECT count(*) FROM kb_sources"), 1);
	CHECK_INT(query_int(db, "SELECT count(*) FROM audit_log WHERE action = 'kb.source.delete' "
				"AND target = 'a.csv'"),
		  1);
	CHECK_INT(kb_source_delete(db, NULL, a, &ei), YK_ENOTFOUND);
	struct kb_source src;
	CHECK_INT(kb_source_get(db, a, &src), YK_ENOTFOUND);
	store_close(db);
}

struct listed {
	size_t n;
	char questions[8][128];
};

static int list_cb(void *ctx, const struct kb_entry *e)
{
	struct listed *l = ctx;
	if (l->n < 8)
		yk_strlcpy(l->questions[l->n], e->kind == KB_KIND_FAQ ? e->question : e->body,
			   sizeof(l->questions[0]));
	l->n++;
	return 0;
}

TEST(editor_entries_crud_and_audit)
{
	struct store *db = open_db("crud.db");
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct kb_entry_spec spec = {.kind = KB_KIND_FAQ, .question = "窓口の受付時間は？",
				     .answer = "平日 8時30分から17時15分までです。",
				     .category = "総合案内", .is_public = 1};
	int64_t id = 0;
	CHECK_INT(kb_entry_create(db, NULL, &spec, &id, &ei), 0);
	CHECK(id > 0);
	struct kb_entry e;
	REQUIRE(kb_entry_get(db, id, &e) == 0);
	CHECK_STR(e.question, "窓口の受付時間は？");
	CHECK_INT(e.source_id, 0);
	CHECK_INT(e.version, 1);
	CHECK_INT(e.is_public, 1);
	kb_entry_release(&e);

	/* Validation names the field. */
	struct kb_entry_spec bad = spec;
	bad.answer = "";
	CHECK_INT(kb_entry_create(db, NULL, &bad, &id, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "answer");
	bad = spec;
	bad.url = "javascript:alert(1)";
	CHECK_INT(kb_entry_create(db, NULL, &bad, &id, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "url");
	bad = spec;
	bad.kind = KB_KIND_PASSAGE;
	CHECK_INT(kb_entry_create(db, NULL, &bad, &id, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "body");

	spec.answer = "平日 8時30分から17時15分まで。木曜日は19時までです。";
	int64_t g = gen(db);
	CHECK_INT(kb_entry_update(db, NULL, id, &spec, &ei), 0);
	CHECK_INT(gen(db), g + 1);
	REQUIRE(kb_entry_get(db, id, &e) == 0);
	CHECK_INT(e.version, 2);
	CHECK(strstr(e.answer, "木曜日") != NULL);
	kb_entry_release(&e);
	CHECK_INT(kb_entry_update(db, NULL, id + 100, &spec, &ei), YK_ENOTFOUND);
	CHECK_INT(gen(db), g + 1); /* nothing changed, nothing moved */

	CHECK_INT(kb_entry_set_hidden(db, NULL, id, 1, &ei), 0);
	CHECK_INT(gen(db), g + 2);
	struct listed l = {0};
	CHECK_INT(kb_entry_foreach(db, list_cb, &l), 0);
	CHECK_INT(l.n, 0);
	CHECK_INT(kb_entry_set_hidden(db, NULL, id, 0, &ei), 0);
	memset(&l, 0, sizeof(l));
	CHECK_INT(kb_entry_foreach(db, list_cb, &l), 0);
	CHECK_INT(l.n, 1);

	CHECK_INT(kb_entry_delete(db, NULL, id, &ei), 0);
	CHECK_INT(kb_entry_get(db, id, &e), YK_ENOTFOUND);
	CHECK_INT(kb_entry_delete(db, NULL, id, &ei), YK_ENOTFOUND);
	CHECK_INT(query_int(db, "SELECT count(*) FROM audit_log WHERE action IN "
				"('kb.entry.create', 'kb.entry.update', 'kb.entry.hide', "
				"'kb.entry.show', 'kb.entry.delete')"),
		  5);
	CHECK_INT(store_stmt_busy_count(db), 0); /* every cached statement was reset */
	store_close(db);
}

TEST(entry_list_pages_and_filters)
{
	struct store *db = open_db("list.db");
	struct kb_report rep;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(kb_import_file(db, NULL, "faq.csv", faq_v1, sizeof(faq_v1) - 1, &rep, &ei), 0);
	struct kb_entry_spec spec = {.kind = KB_KIND_PASSAGE, .title = "庁舎案内",
				     .body = "本庁舎の駐車場は 2 時間まで無料です。"};
	int64_t id;
	CHECK_INT(kb_entry_create(db, NULL, &spec, &id, &ei), 0);
	struct listed l = {0};
	int64_t total = 0;
	CHECK_INT(kb_entry_list(db, NULL, 0, 2, list_cb, &l, &total), 0);
	CHECK_INT(total, 4);
	CHECK_INT(l.n, 2);
	CHECK_STR(l.questions[0], "住民票の写しの請求");
	memset(&l, 0, sizeof(l));
	CHECK_INT(kb_entry_list(db, NULL, 2, 2, list_cb, &l, &total), 0);
	CHECK_INT(l.n, 2);
	CHECK_STR(l.questions[1], "本庁舎の駐車場は 2 時間まで無料です。"); /* editors' last */
	struct kb_entry_filter f = {.category = "届出"};
	memset(&l, 0, sizeof(l));
	CHECK_INT(kb_entry_list(db, &f, 0, 10, list_cb, &l, &total), 0);
	CHECK_INT(total, 2);
	struct kb_entry_filter f2 = {.text = "クリーンセンター"};
	memset(&l, 0, sizeof(l));
	CHECK_INT(kb_entry_list(db, &f2, 0, 10, list_cb, &l, &total), 0);
	CHECK_INT(total, 1);
	CHECK_STR(l.questions[0], "粗大ごみの申込み");
	struct kb_entry_filter f3 = {.source_id = -1};
	CHECK_INT(kb_entry_list(db, &f3, 0, 10, list_cb, &l, &total), 0);
	CHECK_INT(total, 1);
	struct kb_entry_filter f4 = {.kind = KB_KIND_FAQ, .public_only = 1};
	CHECK_INT(kb_entry_list(db, &f4, 0, 10, list_cb, &l, &total), 0);
	CHECK_INT(total, 0);
	CHECK_INT(kb_entry_list(db, NULL, 0, KB_LIST_LIMIT_MAX + 1, list_cb, &l, &total), YK_EINVAL);
	store_close(db);
}

TEST_MAIN(T(parse_cases_match_expected), T(faq_shared_ingest_cases), T(csv_too_many_columns_is_limit),
	  T(csv_field_too_long_is_limit), T(file_too_large_is_limit_before_reading),
	  T(callback_value_stops_parser), T(unknown_format_is_einval),
	  T(passages_never_exceed_max), T(pdf_text_pages_are_numbered),
	  T(pdf_running_headers_are_dropped), T(pdf_extractor_missing_is_eio), T(pdf_extractor_limits_kill_the_child),
	  T(import_is_idempotent_by_hash), T(changed_file_replaces_entries),
	  T(hidden_entries_stay_hidden_after_reimport), T(broken_file_stores_nothing), T(failed_write_rolls_back_whole_file),
	  T(source_delete_cascades), T(editor_entries_crud_and_audit),
	  T(entry_list_pages_and_filters))
