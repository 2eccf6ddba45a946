/* survey: import of a survey exported from a forms service (the CSV files
 * cities already have). The CSV itself is read by the caller (the shared
 * ingest unit); this file maps its columns to questions and stores the
 * rows, all or nothing. See survey_import_table() in survey.h. */
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>

#include "survey/survey.h"
#include "survey/survey_int.h"
#include "core/banned.h"

enum col_role { COL_IGNORE, COL_STAFF, COL_QUESTION };

static int header_is(const char *h, const char *name)
{
	size_t len = strlen(h);
	survey__trim(&h, &len);
	return strlen(name) == len && memcmp(h, name, len) == 0;
}

static int cell_empty(const char *c)
{
	size_t len = c ? strlen(c) : 0;
	if (c)
		survey__trim(&c, &len);
	return len == 0;
}

/* The scale every non-empty cell of column j is a label of, or NONE. */
static enum survey_scale column_scale(const struct survey_table *t, size_t j)
{
	static const enum survey_scale scales[] = {SURVEY_SCALE_SATISFACTION,
						   SURVEY_SCALE_USEFULNESS};
	for (size_t s = 0; s < YK_ARRAY_LEN(scales); s++) {
		size_t seen = 0, ok = 1;
		for (size_t i = 0; i < t->nrows && ok; i++) {
			const char *c = t->rows[i][j];
			int v;
			if (cell_empty(c))
				continue;
			seen++;
			ok = survey_scale_value(scales[s], c, strlen(c), &v);
		}
		if (ok && seen)
			return scales[s];
	}
	return SURVEY_SCALE_NONE;
}

static const struct survey_question *question_by_text(const struct survey *sv, const char *text)
{
	for (size_t i = 0; i < sv->nquestions; i++)
		if (header_is(text, sv->questions[i].text))
			return &sv->questions[i];
	return NULL;
}

static int line_error(struct yk_errinfo *ei, const char *file, long line, const char *fmt, ...)
	YK_PRINTF(4, 5);
static int line_error(struct yk_errinfo *ei, const char *file, long line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	yk_errinfo_at(ei, file, line, "");
	return yk_errinfo_set(ei, YK_EPARSE, "%s", msg);
}

/* Reads one cell into answer a for question q. Returns 0 (answer set,
 * *has = 1), 0 with *has = 0 for an empty cell, or YK_EPARSE. */
static int read_cell(const struct survey_question *q, const char *cell, struct survey_answer *a,
		     int *has, const char *file, long line, struct yk_errinfo *ei)
{
	*has = 0;
	if (cell_empty(cell))
		return 0;
	size_t len = strlen(cell);
	memset(a, 0, sizeof(*a));
	a->question_id = q->id;
	switch (q->kind) {
	case SURVEY_SCALE:
		if (!survey_scale_value(q->scale, cell, len, &a->value))
			return line_error(ei, file, line, "「%s」は尺度の選択肢ではありません", cell);
		break;
	case SURVEY_SINGLE: {
		size_t k = 0;
		for (; k < q->nchoices; k++)
			if (header_is(cell, q->choices[k]))
				break;
		if (k == q->nchoices)
			return line_error(ei, file, line, "「%s」は選択肢にありません", cell);
		a->value = (int)k;
		break;
	}
	case SURVEY_MULTIPLE:
		/* Forms services join the chosen options with ", ". */
		for (const char *p = cell; *p;) {
			size_t n = strcspn(p, ",");
			char *part = yk_xstrndup(p, n);
			size_t k = 0;
			for (; k < q->nchoices; k++)
				if (header_is(part, q->choices[k]))
					break;
			int empty = cell_empty(part);
			if (!empty && k == q->nchoices) {
				int rc = line_error(ei, file, line, "「%s」は選択肢にありません", part);
				free(part);
				return rc;
			}
			free(part);
			if (!empty)
				a->choices |= 1u << k;
			p += n;
			if (*p == ',')
				p++;
		}
		break;
	case SURVEY_TEXT:
		if (len > SURVEY_TEXT_MAX)
			return line_error(ei, file, line, "自由記述が長すぎます");
		a->text = cell;
		break;
	}
	*has = 1;
	return 0;
}

static int import_rows(struct store *db, const struct survey *sv, const struct survey_table *t,
		       const enum col_role *roles, const struct survey_question **qs,
		       const char *file, survey_staff_lookup lookup, void *lookup_ctx,
		       struct survey_import_result *res, struct yk_errinfo *ei)
{
	struct survey_answer *answers = yk_xcalloc(t->ncols ? t->ncols : 1, sizeof(*answers));
	int rc = 0;
	for (size_t i = 0; i < t->nrows && !rc; i++) {
		long line = t->lines ? t->lines[i] : (long)i + 2;
		int64_t staff_id = 0;
		size_t n = 0, nonempty = 0;
		for (size_t j = 0; j < t->ncols && !rc; j++) {
			const char *cell = t->rows[i][j];
			if (roles[j] == COL_STAFF && !cell_empty(cell)) {
				const char *no = cell;
				size_t nl = strlen(no);
				survey__trim(&no, &nl);
				char *num = yk_xstrndup(no, nl);
				staff_id = lookup ? lookup(lookup_ctx, num) : 0;
				if (staff_id <= 0)
					rc = line_error(ei, file, line, "職員番号「%s」が名簿にありません", num);
				free(num);
			} else if (roles[j] == COL_QUESTION) {
				int has = 0;
				rc = read_cell(qs[j], cell, &answers[n], &has, file, line, ei);
				n += has;
				nonempty += has;
			}
		}
		if (rc || nonempty == 0)
			continue;
		rc = survey__submit_loaded(db, sv, staff_id, answers, n, ei);
		if (rc) {
			char msg[sizeof(ei->message)];
			yk_strlcpy(msg, ei->message, sizeof(msg));
			yk_errinfo_at(ei, file, line, "");
			rc = yk_errinfo_set(ei, YK_EPARSE, "%s", msg);
		} else {
			res->rows++;
		}
	}
	free(answers);
	return rc;
}

static int import_in_tx(struct store *db, int64_t survey_id, const char *title,
			const struct survey_table *t, const char *file, survey_staff_lookup lookup,
			void *lookup_ctx, struct survey_import_result *res, struct yk_errinfo *ei)
{
	enum col_role *roles = yk_xcalloc(t->ncols ? t->ncols : 1, sizeof(*roles));
	const struct survey_question **qs = yk_xcalloc(t->ncols ? t->ncols : 1, sizeof(*qs));
	struct survey *sv = NULL;
	int rc = 0, has_staff = 0;
	size_t nquestions = 0;
	for (size_t j = 0; j < t->ncols; j++) {
		if (j == 0 && header_is(t->header[j], "タイムスタンプ"))
			roles[j] = COL_IGNORE;
		else if (header_is(t->header[j], "職員番号") || header_is(t->header[j], "employee_no"))
			roles[j] = has_staff++ ? COL_IGNORE : COL_STAFF;
		else if (cell_empty(t->header[j]))
			roles[j] = COL_IGNORE;
		else {
			roles[j] = COL_QUESTION;
			nquestions++;
		}
	}
	if (!nquestions) {
		rc = line_error(ei, file, 1, "設問の列がありません");
		goto out;
	}
	if (!survey_id) {
		struct survey_spec spec = {title, !has_staff, NULL, 0};
		if ((rc = survey__create_in_tx(db, &spec, &survey_id, ei)))
			goto out;
	}
	res->survey_id = survey_id;
	if ((rc = survey_get(db, survey_id, &sv, ei)))
		goto out;
	/* Add the columns that are not questions yet, then read the survey
	 * again so that every column has its question. */
	size_t added = 0;
	for (size_t j = 0; j < t->ncols && !rc; j++) {
		if (roles[j] != COL_QUESTION || question_by_text(sv, t->header[j]))
			continue;
		if (strlen(t->header[j]) > SURVEY_QUESTION_MAX) {
			rc = line_error(ei, file, 1, "設問「%s」が長すぎます", t->header[j]);
			break;
		}
		struct survey_question_spec q;
		memset(&q, 0, sizeof(q));
		q.scale = column_scale(t, j);
		q.kind = q.scale != SURVEY_SCALE_NONE ? SURVEY_SCALE : SURVEY_TEXT;
		const char *h = t->header[j];
		size_t hl = strlen(h);
		survey__trim(&h, &hl);
		char *text = yk_xstrndup(h, hl);
		q.text = text;
		if (sv->responses > 0)
			rc = line_error(ei, file, 1,
					"回答のあるアンケートに新しい設問「%s」は追加できません", text);
		else
			rc = survey__add_question_in_tx(db, survey_id, &q, NULL, ei);
		if (!rc) {
			added++;
			if (q.kind == SURVEY_SCALE)
				res->scale_questions++;
			else
				res->text_questions++;
		}
		free(text);
	}
	if (rc)
		goto out;
	res->questions_added = added;
	if (added) {
		survey_free(sv);
		sv = NULL;
		if ((rc = survey_get(db, survey_id, &sv, ei)))
			goto out;
	}
	for (size_t j = 0; j < t->ncols; j++)
		if (roles[j] == COL_QUESTION)
			qs[j] = question_by_text(sv, t->header[j]);
	rc = import_rows(db, sv, t, roles, qs, file, lookup, lookup_ctx, res, ei);
out:
	survey_free(sv);
	free(qs);
	free(roles);
	return rc;
}

int survey_import_table(struct store *db, int64_t survey_id, const char *title,
			const struct survey_table *t, const char *file,
			survey_staff_lookup lookup, void *lookup_ctx,
			struct survey_import_result *res, struct yk_errinfo *ei)
{
	memset(res, 0, sizeof(*res));
	if (t->nrows > SURVEY_IMPORT_ROWS_MAX) {
		yk_errinfo_at(ei, file, 0, "");
		return yk_errinfo_set(ei, YK_ELIMIT, "行が多すぎます（%d 行まで）", SURVEY_IMPORT_ROWS_MAX);
	}
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	rc = import_in_tx(db, survey_id, title, t, file, lookup, lookup_ctx, res, ei);
	if (rc || (rc = store_commit(db, ei))) {
		store_rollback(db);
		struct survey_import_result empty = {0};
		*res = empty;
	}
	return rc;
}
