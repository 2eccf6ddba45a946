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
#include "kb/kb.h"

#define PARSE_DIR "tests/data/kb/parse"

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct yk_buf b;
	yk_buf_init(&b, 0);
	char tmp[8192];
	size_t n;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		if (yk_buf_add(&b, tmp, n))
			break;
	fclose(f);
	return yk_buf_detach(&b, len);
}

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
			    rep->records, rep->problem_count);
	for (size_t i = 0; i < rep->problem_count && i < KB_ERRORS_MAX; i++) {
		char line[512];
		kb_report_format(rep, i, line, sizeof(line));
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
		char *bytes = read_file(path, &len);
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
		char *expected = read_file(exp_path, &elen);
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
	CHECK_INT(rep.problems[0].line, 1);
	CHECK(strstr(rep.problems[0].message, "列が多すぎます") != NULL);
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
	CHECK_INT(rep.problems[0].line, 3);
	yk_buf_release(&b);
}

TEST(file_too_large_is_limit_before_reading)
{
	struct kb_report rep;
	kb_report_init(&rep, "big.csv");
	/* The length alone decides: the bytes are never read. */
	CHECK_INT(kb_parse("", (size_t)KB_FILE_MAX + 1, count_record, NULL, &rep), YK_ELIMIT);
	CHECK_INT(rep.problem_count, 1);
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
	CHECK(strstr(rep.problems[0].message, "取り込めません") != NULL);
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
	kb_report_format(&rep, 0, line, sizeof(line));
	CHECK(yk_starts_with(line, "scan.pdf: 文字情報がありません"));
}

TEST_MAIN(T(parse_cases_match_expected), T(csv_too_many_columns_is_limit),
	  T(csv_field_too_long_is_limit), T(file_too_large_is_limit_before_reading),
	  T(callback_value_stops_parser), T(unknown_format_is_einval),
	  T(passages_never_exceed_max), T(pdf_text_pages_are_numbered))
