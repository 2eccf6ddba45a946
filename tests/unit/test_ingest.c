/* Unit tests for src/ingest: the shared cases of tests/data/ingest/ (also
 * run by test_auth and test_kb through their importers), header mapping,
 * every named limit, problem lists and their one display form, decoding,
 * and the repeated-key set. */
#include "harness.h"
#include "ingest_cases.h"

/* The generic columns of the shared cases. */
static const struct ingest_column case_columns[INGEST_CASE_COLS] = {
	{"c1", "列1", INGEST_REQUIRED, {NULL}},
	{"c2", "列2", INGEST_REQUIRED, {NULL}},
	{"c3", "列3", 0, {NULL}},
	{"c4", "列4", 0, {NULL}},
};

struct seen_rows {
	size_t n;
	struct ingest_case_row rows[INGEST_CASE_ROWS];
};

static int record_row(void *ctx, const struct ingest_row *row, struct ingest_problems *p)
{
	(void)p;
	struct seen_rows *s = ctx;
	if (s->n < INGEST_CASE_ROWS) {
		struct ingest_case_row *r = &s->rows[s->n];
		r->line = row->line;
		for (size_t k = 0; k < INGEST_CASE_COLS && k < row->ncolumns; k++)
			yk_strlcpy(r->value[k], row->value[k], sizeof(r->value[k]));
	}
	s->n++;
	return 0;
}

static void run_case(void *ctx, struct ingest_case *c)
{
	int *failed = ctx;
	struct ingest_spec spec = {case_columns, INGEST_CASE_COLS, c->tsv ? '\t' : ',',
				   INGEST_UNKNOWN_REPORT, {0}};
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct seen_rows *s = yk_xcalloc(1, sizeof(*s));
	int rc = ingest_table(&spec, c->bytes, c->len, record_row, s, p);
	if (s->n > INGEST_CASE_ROWS ||
	    !ingest_case_check(c, rc, p, s->rows, s->n, 1, "ingest"))
		*failed = 1;
	free(p);
	free(s);
}

TEST(shared_cases)
{
	int failed = 0;
	int n = ingest_cases_each(run_case, &failed);
	CHECK(n >= 15);
	CHECK(!failed);
}

/* ---- header mapping ------------------------------------------------------- */

enum { F_ID, F_QUESTION, F_ANSWER, F_COUNT };
static const struct ingest_column faq_like[F_COUNT] = {
	[F_ID] = {"id", "番号", 0, {"No", NULL}},
	[F_QUESTION] = {"question", "質問", INGEST_REQUIRED | INGEST_NONEMPTY, {"問い", NULL}},
	[F_ANSWER] = {"answer", "回答", INGEST_REQUIRED, {NULL}},
};

static int parse(const char *text, enum ingest_unknown unknown, struct ingest_problems *p,
		 struct seen_rows *s)
{
	struct ingest_spec spec = {faq_like, F_COUNT, ',', unknown, {0}};
	ingest_problems_init(p);
	memset(s, 0, sizeof(*s));
	return ingest_table(&spec, text, strlen(text), record_row, s, p);
}

TEST(header_names_japanese_english_aliases_any_order)
{
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct seen_rows *s = yk_xcalloc(1, sizeof(*s));
	/* Japanese label, alias, English key in another case, U+3000 around. */
	CHECK_INT(parse("\xE3\x80\x80回答\xE3\x80\x80,QUESTION, no \nA,Q,7\n", INGEST_UNKNOWN_REPORT,
			p, s), 0);
	CHECK_INT(s->n, 1);
	CHECK_STR(s->rows[0].value[F_ID], "7");
	CHECK_STR(s->rows[0].value[F_QUESTION], "Q");
	CHECK_STR(s->rows[0].value[F_ANSWER], "A");
	/* An optional column may be absent: its value is "". */
	CHECK_INT(parse("問い,answer\nQ,A\n", INGEST_UNKNOWN_REPORT, p, s), 0);
	CHECK_STR(s->rows[0].value[F_ID], "");
	CHECK_INT(ingest_column_find(faq_like, F_COUNT, " Answer ", 8), F_ANSWER);
	CHECK_INT(ingest_column_find(faq_like, F_COUNT, "備考", strlen("備考")), -1);
	free(p);
	free(s);
}

TEST(header_problems)
{
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct seen_rows *s = yk_xcalloc(1, sizeof(*s));
	/* Unknown columns: one problem each, naming it and what may be used. */
	CHECK_INT(parse("質問,回答,備考,担当\nQ,A,x,y\n", INGEST_UNKNOWN_REPORT, p, s), YK_EPARSE);
	CHECK_INT(p->count, 2);
	CHECK_INT(s->n, 0);
	CHECK_STR(p->item[0].column, "備考");
	CHECK(yk_starts_with(p->item[0].message, "「備考」は使えない列名です（使える列: id, question, "
						 "answer または 番号, 質問, 回答）"));
	CHECK_INT(p->item[1].line, 1);
	/* ... or skipped when the caller says so. */
	CHECK_INT(parse("質問,回答,備考\nQ,A,x\n", INGEST_UNKNOWN_IGNORE, p, s), 0);
	CHECK_INT(s->n, 1);
	CHECK_STR(s->rows[0].value[F_ANSWER], "A");
	/* A column named twice, in two spellings. */
	CHECK_INT(parse("question,回答,質問\nQ,A,Q\n", INGEST_UNKNOWN_REPORT, p, s), YK_EPARSE);
	CHECK_INT(p->count, 1);
	CHECK(strstr(p->item[0].message, "「質問」の列が 2 回あります（1 列目と 3 列目）") != NULL);
	/* A required column missing: its label and key are named. */
	CHECK_INT(parse("\n\nquestion,id\nQ,1\n", INGEST_UNKNOWN_REPORT, p, s), YK_EPARSE);
	CHECK_INT(p->count, 1);
	CHECK_INT(p->item[0].line, 3);
	CHECK(strstr(p->item[0].message, "必須の列「回答」がありません") != NULL);
	CHECK(strstr(p->item[0].message, "answer") != NULL);
	free(p);
	free(s);
}

TEST(nonempty_values_name_the_column_as_written)
{
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct seen_rows *s = yk_xcalloc(1, sizeof(*s));
	CHECK_INT(parse("問い,回答\n,A\n\"  \",B\nQ,C\n", INGEST_UNKNOWN_REPORT, p, s), YK_EPARSE);
	CHECK_INT(p->count, 2);
	CHECK_STR(p->item[0].message, "「問い」が空です");
	CHECK_STR(p->item[0].column, "問い");
	CHECK_INT(p->item[1].line, 3);
	/* The callback still sees every row, so its own checks run too. */
	CHECK_INT(s->n, 3);
	char line[512];
	ingest_problem_format("faq.csv", &p->item[1], line, sizeof(line));
	CHECK_STR(line, "faq.csv:3: 「問い」が空です");
	free(p);
	free(s);
}

/* ---- callbacks ------------------------------------------------------------ */

struct stop_ctx {
	int calls, ok_seen;
};

static int stop_second(void *ctx, const struct ingest_row *row, struct ingest_problems *p)
{
	struct stop_ctx *sc = ctx;
	sc->calls++;
	if (row->number == 1)
		return ingest_row_problem(row, p, F_ANSWER, ": 形式が正しくありません（%d）", 1) == YK_EPARSE
			       ? 0
			       : -1;
	return row->number == 2 ? 77 : 0;
}

TEST(callback_problems_and_stop)
{
	static const char text[] = "question,answer\nq1,a1\nq2,a2\nq3,a3\n";
	struct ingest_spec spec = {faq_like, F_COUNT, ',', INGEST_UNKNOWN_REPORT, {0}};
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct stop_ctx sc = {0};
	CHECK_INT(ingest_table(&spec, text, sizeof(text) - 1, stop_second, &sc, p), 77);
	CHECK_INT(sc.calls, 2);
	CHECK_INT(p->count, 1);
	CHECK_STR(p->item[0].message, "「answer」: 形式が正しくありません（1）");
	CHECK_INT(p->item[0].line, 2);
	/* A bad spec. */
	struct ingest_spec none = {0};
	CHECK_INT(ingest_table(&none, text, sizeof(text) - 1, stop_second, &sc, p), YK_EINVAL);
	free(p);
}

/* ---- limits --------------------------------------------------------------- */

TEST(every_named_limit_is_elimit)
{
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct seen_rows *s = yk_xcalloc(1, sizeof(*s));
	struct ingest_spec spec = {faq_like, F_COUNT, ',', INGEST_UNKNOWN_REPORT, {0}};
	static const char text[] = "question,answer\nq1,a1\nq2,a2\nq3,a3\n";
	size_t len = sizeof(text) - 1;

	spec.limits = (struct ingest_limits){.bytes = len - 1};
	ingest_problems_init(p);
	CHECK_INT(ingest_table(&spec, text, len, record_row, s, p), YK_ELIMIT);
	CHECK(strstr(p->item[0].message, "ファイルが大きすぎます") != NULL);
	CHECK_INT(p->item[0].line, 0);
	CHECK_INT(s->n, 0);

	spec.limits = (struct ingest_limits){.rows = 2};
	ingest_problems_init(p);
	memset(s, 0, sizeof(*s));
	CHECK_INT(ingest_table(&spec, text, len, record_row, s, p), YK_ELIMIT);
	CHECK_INT(s->n, 2);
	CHECK_INT(p->item[0].line, 4);
	CHECK(strstr(p->item[0].message, "行が多すぎます（2 行まで）") != NULL);

	spec.limits = (struct ingest_limits){.fields = 2};
	ingest_problems_init(p);
	static const char wide[] = "question,answer\nq1,a1,x\n";
	CHECK_INT(ingest_table(&spec, wide, sizeof(wide) - 1, record_row, s, p), YK_ELIMIT);
	CHECK_INT(p->item[0].line, 2);
	CHECK(strstr(p->item[0].message, "列が多すぎます（2 列まで）") != NULL);

	spec.limits = (struct ingest_limits){.field_len = 8}; /* "question" just fits */
	ingest_problems_init(p);
	static const char longer[] = "question,answer\nq1,\"a1234567\nb\"\n";
	CHECK_INT(ingest_table(&spec, longer, sizeof(longer) - 1, record_row, s, p), YK_ELIMIT);
	CHECK_INT(p->item[0].line, 2);
	CHECK(strstr(p->item[0].message, "値が長すぎます（8 バイトまで）") != NULL);
	/* Exactly at the limit is fine. */
	ingest_problems_init(p);
	static const char at[] = "question,answer\nq1,\"a123\n56\"\n";
	CHECK_INT(ingest_table(&spec, at, sizeof(at) - 1, record_row, s, p), 0);
	free(p);
	free(s);
}

/* ---- problem lists -------------------------------------------------------- */

TEST(problem_list_counts_all_keeps_some_and_cuts_safely)
{
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	for (int i = 0; i < INGEST_PROBLEMS_KEPT + 5; i++)
		CHECK_INT(ingest_problem(p, YK_EPARSE, i + 1, "問題 %d", i), YK_EPARSE);
	CHECK_INT(p->count, INGEST_PROBLEMS_KEPT + 5);
	CHECK_INT(ingest_problems_kept(p), INGEST_PROBLEMS_KEPT);
	CHECK_STR(p->item[INGEST_PROBLEMS_KEPT - 1].message, "問題 99");
	CHECK_INT(ingest_problem(NULL, YK_ELIMIT, 1, "x"), YK_ELIMIT);
	/* A message past the buffer is cut at a character boundary. */
	ingest_problems_init(p);
	char big[1000];
	size_t o = 0;
	while (o + 3 < sizeof(big)) {
		memcpy(big + o, "あ", 3);
		o += 3;
	}
	big[o] = '\0';
	ingest_problem_col(p, YK_EPARSE, 0, "列", "%s", big);
	size_t n = strlen(p->item[0].message);
	CHECK(n < INGEST_MESSAGE_MAX);
	CHECK(yk_utf8_valid(p->item[0].message, n, NULL));
	CHECK(yk_starts_with(p->item[0].message, "「列」あ"));
	char line[64];
	ingest_problem_format(NULL, &p->item[0], line, sizeof(line));
	CHECK(yk_starts_with(line, "-: 「列」"));
	CHECK(yk_utf8_valid(line, strlen(line), NULL));
	/* The first problem as errinfo reads the same way. */
	ingest_problems_init(p);
	ingest_problem_col(p, YK_EPARSE, 17, "メール", ": 形式が正しくありません");
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(ingest_problems_errinfo(p, "staff.csv", YK_EPARSE, &ei), YK_EPARSE);
	char shown[600];
	yk_errinfo_format(&ei, shown, sizeof(shown));
	CHECK_STR(shown, "staff.csv:17: 「メール」: 形式が正しくありません");
	CHECK_STR(ei.field, "メール");
	free(p);
}

/* ---- decoding ------------------------------------------------------------- */

TEST(cp932_half_width_kana_triples_in_size)
{
	/* 0xB1 0xB2 ... are half-width katakana: one byte each in CP932, three
	 * in UTF-8. A buffer sized for 3/2 growth would fail here. */
	char in[600];
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (char)(0xB1 + (i % 10));
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct yk_buf out;
	yk_buf_init(&out, 3 * sizeof(in) + 1);
	CHECK_INT(ingest_decode(in, sizeof(in), &out, p), 0);
	CHECK_INT(out.len, 3 * sizeof(in));
	CHECK(yk_starts_with(out.data, "ｱｲｳｴｵ"));
	/* A limit too small for the result. */
	yk_buf_release(&out);
	yk_buf_init(&out, sizeof(in));
	CHECK_INT(ingest_decode(in, sizeof(in), &out, p), YK_ELIMIT);
	yk_buf_release(&out);
	CHECK_INT(ingest_line_at("a\nb\nc", 5, 4), 3);
	free(p);
}

TEST(trim_ascii_and_ideographic_space)
{
	const char *s = " \t\xE3\x80\x80 値 \r\n\xE3\x80\x80";
	size_t len = strlen(s);
	ingest_trim(&s, &len);
	CHECK_INT(len, strlen("値"));
	CHECK(memcmp(s, "値", len) == 0);
	const char *e = "\xE3\x80\x80";
	size_t el = 3;
	ingest_trim(&e, &el);
	CHECK_INT(el, 0);
}

/* ---- repeated keys -------------------------------------------------------- */

TEST(seen_set_reports_first_line_and_grows)
{
	struct ingest_seen s = {0};
	CHECK_INT(ingest_seen_add(&s, "K1", 2, 2), 0);
	CHECK_INT(ingest_seen_add(&s, "K1", 2, 9), 2);
	/* Bytes, not C strings: a key with a NUL inside differs from its prefix. */
	CHECK_INT(ingest_seen_add(&s, "K1\0x", 4, 3), 0);
	for (int i = 0; i < 1000; i++) {
		char k[16];
		int n = snprintf(k, sizeof(k), "N%d", i);
		CHECK_INT(ingest_seen_add(&s, k, (size_t)n, i + 10), 0);
	}
	CHECK_INT(ingest_seen_add(&s, "N500", 4, 5000), 510);
	CHECK_INT(ingest_seen_add(&s, "K1", 2, 9), 2);
	ingest_seen_release(&s);
	ingest_seen_release(&s); /* released twice: a no-op */
}

/* ---- raw records (ingest_records) ----------------------------------------------- */

struct raw_seen {
	size_t n;
	long lines[8];
	size_t widths[8];
	char first[8][64];
	int stop_at;
};

static int raw_record(void *ctx, long line, const char *const *fields, const size_t *lens, size_t n,
		      struct ingest_problems *p)
{
	(void)p;
	struct raw_seen *s = ctx;
	if (s->n < 8) {
		s->lines[s->n] = line;
		s->widths[s->n] = n;
		yk_strlcpy(s->first[s->n], n ? fields[n - 1] : "", sizeof(s->first[0]));
		if (n && strlen(fields[n - 1]) != lens[n - 1])
			s->widths[s->n] = 999;
	}
	s->n++;
	return s->stop_at && (int)s->n == s->stop_at ? 7 : 0;
}

TEST(raw_records_keep_every_column)
{
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct raw_seen s = {0};
	/* BOM, CRLF, a blank line, a quoted field with a line break, spaces trimmed. */
	static const char csv[] = "\xef\xbb\xbf" "タイムスタンプ,設問A, 設問B \r\n\r\n"
				  "2026/1/1,満足,\"一行目\r\n二行目\"\r\n2026/1/2,不満, x \r\n";
	CHECK_INT(ingest_records(csv, sizeof(csv) - 1, ',', NULL, raw_record, &s, p), 0);
	CHECK_INT(p->count, 0);
	REQUIRE(s.n == 3);
	CHECK_STR(s.first[0], "設問B");
	CHECK_INT(s.lines[1], 3);
	CHECK_STR(s.first[1], "一行目\n二行目");
	CHECK_INT(s.lines[2], 5);
	CHECK_STR(s.first[2], "x");
	CHECK_INT(s.widths[2], 3);
	/* CP932 ("満足,職員番号"), TSV. */
	static const char sjis[] = "\x96\x9e\x91\xab\t\x90\x45\x88\xf5\x94\xd4\x8d\x86\n";
	memset(&s, 0, sizeof(s));
	CHECK_INT(ingest_records(sjis, sizeof(sjis) - 1, '\t', NULL, raw_record, &s, p), 0);
	REQUIRE(s.n == 1);
	CHECK_STR(s.first[0], "職員番号");
	/* Rows limit counts the records after the header. */
	struct ingest_limits lim = {0, 2, 0, 0};
	static const char three[] = "h\n1\n2\n3\n";
	memset(&s, 0, sizeof(s));
	CHECK_INT(ingest_records(three, 6, ',', &lim, raw_record, &s, p), 0);
	CHECK_INT(ingest_records(three, sizeof(three) - 1, ',', &lim, raw_record, &s, p), YK_ELIMIT);
	/* A broken quote is a problem with its line; the callback's stop value
	 * comes back. */
	ingest_problems_init(p);
	static const char broken[] = "a\n\"x\n";
	memset(&s, 0, sizeof(s));
	CHECK_INT(ingest_records(broken, sizeof(broken) - 1, ',', NULL, raw_record, &s, p), YK_EPARSE);
	CHECK_INT(p->count, 1);
	CHECK_INT(p->item[0].line, 2);
	memset(&s, 0, sizeof(s));
	s.stop_at = 2;
	CHECK_INT(ingest_records(three, sizeof(three) - 1, ',', NULL, raw_record, &s, p), 7);
	/* An empty file gives no record and no problem: the caller decides. */
	ingest_problems_init(p);
	memset(&s, 0, sizeof(s));
	CHECK_INT(ingest_records("", 0, ',', NULL, raw_record, &s, p), 0);
	CHECK_INT(s.n, 0);
	free(p);
}

TEST_MAIN(T(shared_cases), T(header_names_japanese_english_aliases_any_order), T(header_problems),
	  T(nonempty_values_name_the_column_as_written), T(callback_problems_and_stop),
	  T(every_named_limit_is_elimit), T(problem_list_counts_all_keeps_some_and_cuts_safely),
	  T(cp932_half_width_kana_triples_in_size), T(trim_ascii_and_ideographic_space),
	  T(seen_set_reports_first_line_and_grows),
	  T(raw_records_keep_every_column))
