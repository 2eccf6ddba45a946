/* training: the CSV files of batch work, read through the shared import
 * unit (src/ingest/: UTF-8 or CP932, BOM, quoted newlines, header mapping,
 * line-numbered problems): attendance lists (employee_no / 職員番号) and
 * certification lists (employee_no, certification, acquired_on). Pure
 * parsers; storing is training_attend_import / training_cert_import. */
#include "training/training_int.h"
#include "core/banned.h"

static char separator_for(const char *file)
{
	size_t n = file ? strlen(file) : 0;
	return n >= 4 && strcmp(file + n - 4, ".tsv") == 0 ? '\t' : ',';
}

/* ---- attendance ------------------------------------------------------------ */

static const struct ingest_column number_columns[] = {
	{"employee_no", "職員番号", INGEST_REQUIRED | INGEST_NONEMPTY, {"社員番号", NULL}},
};

static int number_row(void *ctx, const struct ingest_row *row, struct ingest_problems *p)
{
	struct training_numbers *n = ctx;
	if (!row->ok || p->count)
		return 0;
	if (row->len[0] > AUTH_EMPLOYEE_NO_MAX) {
		ingest_row_problem(row, p, 0, "が長すぎます（%d バイトまで）", AUTH_EMPLOYEE_NO_MAX);
		return 0;
	}
	if (n->n == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 64;
		n->numbers = yk_xrealloc(n->numbers, n->cap * sizeof(*n->numbers));
		n->lines = yk_xrealloc(n->lines, n->cap * sizeof(*n->lines));
	}
	n->numbers[n->n] = yk_xstrndup(row->value[0], row->len[0]);
	n->lines[n->n++] = row->line;
	return 0;
}

void training_numbers_release(struct training_numbers *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->numbers[i]);
	free(n->numbers);
	free(n->lines);
	memset(n, 0, sizeof(*n));
}

int training_numbers_parse(const char *bytes, size_t len, const char *file,
			   struct training_numbers *out, struct ingest_problems *p)
{
	memset(out, 0, sizeof(*out));
	struct ingest_spec spec = {number_columns, YK_ARRAY_LEN(number_columns), separator_for(file),
				   INGEST_UNKNOWN_IGNORE, {0, TRAINING_IMPORT_ROWS_MAX, 0, 0}};
	int rc = ingest_table(&spec, bytes, len, number_row, out, p);
	if (!rc && p->count)
		rc = YK_EPARSE;
	if (rc)
		training_numbers_release(out);
	return rc;
}

/* ---- certifications ---------------------------------------------------------- */

static const struct ingest_column cert_columns[] = {
	{"employee_no", "職員番号", INGEST_REQUIRED | INGEST_NONEMPTY, {NULL}},
	{"certification", "資格", INGEST_REQUIRED | INGEST_NONEMPTY, {"資格名", NULL}},
	{"acquired_on", "取得日", INGEST_REQUIRED | INGEST_NONEMPTY, {"合格日", NULL}},
};

static int cert_row(void *ctx, const struct ingest_row *row, struct ingest_problems *p)
{
	struct training_cert_rows *c = ctx;
	if (!row->ok)
		return 0;
	if (row->len[0] > AUTH_EMPLOYEE_NO_MAX)
		ingest_row_problem(row, p, 0, "が長すぎます（%d バイトまで）", AUTH_EMPLOYEE_NO_MAX);
	if (row->len[1] > TRAINING_CERT_NAME_MAX)
		ingest_row_problem(row, p, 1, "が長すぎます（%d バイトまで）", TRAINING_CERT_NAME_MAX);
	/* 2026/04/01 as Excel writes it is accepted too. */
	char day[11] = "";
	if (row->len[2] == 10) {
		memcpy(day, row->value[2], 10);
		if (day[4] == '/' && day[7] == '/')
			day[4] = day[7] = '-';
	}
	if (!training_day_valid(day, strlen(day)))
		ingest_row_problem(row, p, 2, "は YYYY-MM-DD の形で書いてください（「%s」）", row->value[2]);
	if (p->count)
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->rows = yk_xrealloc(c->rows, c->cap * sizeof(*c->rows));
	}
	struct training_cert_row *r = &c->rows[c->n++];
	r->employee_no = yk_xstrndup(row->value[0], row->len[0]);
	r->certification = yk_xstrndup(row->value[1], row->len[1]);
	r->acquired_on = yk_xstrdup(day);
	r->line = row->line;
	return 0;
}

void training_cert_rows_release(struct training_cert_rows *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free((char *)c->rows[i].employee_no);
		free((char *)c->rows[i].certification);
		free((char *)c->rows[i].acquired_on);
	}
	free(c->rows);
	memset(c, 0, sizeof(*c));
}

int training_cert_parse(const char *bytes, size_t len, const char *file, struct training_cert_rows *out,
			struct ingest_problems *p)
{
	memset(out, 0, sizeof(*out));
	struct ingest_spec spec = {cert_columns, YK_ARRAY_LEN(cert_columns), separator_for(file),
				   INGEST_UNKNOWN_IGNORE, {0, TRAINING_IMPORT_ROWS_MAX, 0, 0}};
	int rc = ingest_table(&spec, bytes, len, cert_row, out, p);
	if (!rc && p->count)
		rc = YK_EPARSE;
	if (rc)
		training_cert_rows_release(out);
	return rc;
}
