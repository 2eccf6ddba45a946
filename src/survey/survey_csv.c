/* survey: reading a forms-service export (CSV / TSV) into a table, through
 * the shared import unit (src/ingest/: UTF-8 or CP932, BOM, quoted
 * newlines, line-numbered problems). Every column is kept, since each one
 * is a question; survey_import_table() then maps them. Pure (no I/O). */
#include "survey/survey.h"
#include "survey/survey_int.h"
#include "core/banned.h"

struct forms_ctx {
	struct survey_forms *f;
	size_t cap;
};

static int forms_record(void *ctx, long line, const char *const *fields, const size_t *lens,
			size_t n, struct ingest_problems *p)
{
	struct forms_ctx *c = ctx;
	struct survey_forms *f = c->f;
	if (!f->header) {
		f->ncols = n;
		f->header = yk_xcalloc(n ? n : 1, sizeof(char *));
		for (size_t j = 0; j < n; j++)
			f->header[j] = yk_xstrndup(fields[j], lens[j]);
		return 0;
	}
	if (n != f->ncols) {
		ingest_problem(p, YK_EPARSE, line, "列の数（%zu）が見出しの行（%zu）と違います", n, f->ncols);
		return 0;
	}
	for (size_t j = 0; j < n; j++)
		if (lens[j] > SURVEY_TEXT_MAX)
			ingest_problem_col(p, YK_EPARSE, line, f->header[j], "の回答が長すぎます（%d バイトまで）",
					   SURVEY_TEXT_MAX);
	if (p->count)
		return 0;
	if (f->nrows == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		f->rows = yk_xrealloc(f->rows, c->cap * sizeof(*f->rows));
		f->lines = yk_xrealloc(f->lines, c->cap * sizeof(*f->lines));
	}
	char **row = yk_xcalloc(n ? n : 1, sizeof(char *));
	for (size_t j = 0; j < n; j++)
		row[j] = yk_xstrndup(fields[j], lens[j]);
	f->rows[f->nrows] = (const char *const *)row;
	f->lines[f->nrows++] = line;
	return 0;
}

void survey_forms_release(struct survey_forms *f)
{
	for (size_t i = 0; i < f->nrows; i++) {
		for (size_t j = 0; j < f->ncols; j++)
			free((char *)f->rows[i][j]);
		free((void *)f->rows[i]);
	}
	free(f->rows);
	free(f->lines);
	for (size_t j = 0; f->header && j < f->ncols; j++)
		free(f->header[j]);
	free(f->header);
	memset(f, 0, sizeof(*f));
}

int survey_forms_parse(const char *bytes, size_t len, const char *file, struct survey_forms *out,
		       struct ingest_problems *p)
{
	memset(out, 0, sizeof(*out));
	size_t n = file ? strlen(file) : 0;
	char sep = n >= 4 && strcmp(file + n - 4, ".tsv") == 0 ? '\t' : ',';
	struct ingest_limits limits = {0, SURVEY_IMPORT_ROWS_MAX, 0, 0};
	struct forms_ctx c = {out, 0};
	int rc = ingest_records(bytes, len, sep, &limits, forms_record, &c, p);
	if (!rc && !out->header)
		rc = ingest_problem(p, YK_EPARSE, 0, "ファイルが空です（1 行目に見出しの行が必要です）");
	if (!rc && p->count)
		rc = YK_EPARSE;
	if (rc)
		survey_forms_release(out);
	return rc;
}

void survey_forms_table(const struct survey_forms *f, struct survey_table *t)
{
	t->header = (const char *const *)f->header;
	t->ncols = f->ncols;
	t->rows = (const char *const *const *)f->rows;
	t->lines = f->lines;
	t->nrows = f->nrows;
}
