/* libFuzzer target for the import unit's table reader (src/ingest/:
 * decoding, CSV/TSV, header mapping, problem list). The first byte picks
 * the options (bit 0: TSV, bit 1: unknown columns ignored, bit 2: small
 * limits), the rest is the file. Besides the sanitizers it checks the
 * unit's promises: every value handed out is trimmed valid UTF-8 within
 * the field limit; rows come in file order with lines inside the input;
 * every problem has a line inside the input and a valid UTF-8 message;
 * success means no problem and failure at least one. The roster and FAQ
 * mappings on top keep their own targets (fuzz_roster, fuzz_faq_csv). */
#include <stdint.h>

#include "ingest/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct ingest_column columns[] = {
	{"employee_no", "職員番号", INGEST_REQUIRED | INGEST_NONEMPTY, {"番号", NULL}},
	{"name", "氏名", INGEST_REQUIRED, {"名前", "なまえ", NULL}},
	{"note", "備考", 0, {NULL}},
};
#define NCOL (sizeof(columns) / sizeof(columns[0]))

struct state {
	long lines;       /* lines in the input (LF, CRLF or CR ends one) */
	long last_line;
	size_t last_number;
	size_t field_max;
	struct ingest_seen seen;
};

static int check_row(void *ctx, const struct ingest_row *row, struct ingest_problems *p)
{
	struct state *st = ctx;
	if (row->line < 1 || row->line > st->lines || row->line <= st->last_line)
		abort();
	if (row->number <= st->last_number || row->ncolumns != NCOL) /* ragged rows are counted, not handed on */
		abort();
	st->last_line = row->line;
	st->last_number = row->number;
	for (size_t k = 0; k < NCOL; k++) {
		const char *v = row->value[k];
		size_t n = row->len[k];
		if (strlen(v) != n || n > st->field_max || !yk_utf8_valid(v, n, NULL))
			abort();
		if (n && (v[0] == ' ' || v[n - 1] == ' ' || v[0] == '\n' || v[n - 1] == '\n'))
			abort();
		if (!row->present[k] && n)
			abort();
		if (!row->name[k] || !row->name[k][0])
			abort();
	}
	if (row->ok && row->len[0] == 0)
		abort(); /* INGEST_NONEMPTY must have been reported */
	if (row->len[0] && ingest_seen_add(&st->seen, row->value[0], row->len[0], row->line))
		ingest_row_problem(row, p, 0, "が重複しています");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static struct ingest_problems problems;
	uint8_t opt = data[0];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct ingest_spec spec = {columns, NCOL, (opt & 1) ? '\t' : ',',
				   (opt & 2) ? INGEST_UNKNOWN_IGNORE : INGEST_UNKNOWN_REPORT, {0}};
	if (opt & 4)
		spec.limits = (struct ingest_limits){4096, 8, 4, 32};
	struct state st = {.lines = 1};
	st.field_max = spec.limits.field_len ? spec.limits.field_len : INGEST_FIELD_MAX;
	for (size_t i = 0; i < len; i++)
		st.lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
	ingest_problems_init(&problems);
	int rc = ingest_table(&spec, text, len, check_row, &st, &problems);
	ingest_seen_release(&st.seen);
	if (rc == 0 && problems.count)
		abort();
	if (rc != 0 && problems.count == 0)
		abort();
	if (rc != 0 && rc != YK_EPARSE && rc != YK_ELIMIT)
		abort();
	for (size_t i = 0; i < ingest_problems_kept(&problems); i++) {
		const struct ingest_problem *pr = &problems.item[i];
		if (pr->line < 0 || pr->line > st.lines)
			abort();
		if (!yk_utf8_valid(pr->message, strlen(pr->message), NULL) ||
		    !yk_utf8_valid(pr->column, strlen(pr->column), NULL))
			abort();
		char line[INGEST_MESSAGE_MAX + 64];
		ingest_problem_format("f.csv", pr, line, sizeof(line));
		if (!yk_utf8_valid(line, strlen(line), NULL))
			abort();
	}
	return 0;
}
