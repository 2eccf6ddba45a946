/* kb/faq: FAQ tables. CSV and TSV through the import unit (src/ingest/:
 * decoding, RFC 4180 reading, header mapping, problem list), JSON arrays
 * and JSON Lines through jansson, all mapped onto the fields of kb__field
 * (kb__faq_columns). Pure functions over (bytes, len); problems are
 * collected with their line so that staff can fix the whole file in one
 * go. Once a problem is found no further record is given to the callback
 * (the file will not be stored), but the rest is still checked. */
#include <jansson.h>

#include "kb/kb_int.h"
#include "core/banned.h"

/* ---- shared: one FAQ row -------------------------------------------------- */

struct faq_ctx {
	kb_record_fn fn;
	void *ctx;
	struct kb_report *rep;
	const char *names[KB__F_COUNT]; /* column names as written in the file */
	struct ingest_seen ids;
	int failed; /* a problem was found: give no more records */
	int stopped;
};

/* Checks one row and hands it on. where is "" or a prefix such as
 * "3 件目: " for JSON items that have no line of their own. */
static int faq_emit(struct faq_ctx *fc, long line, const char *where,
		    const char *values[KB__F_COUNT])
{
	struct kb_record r = {
		.kind = KB_KIND_FAQ,
		.line = line,
		.external_id = values[KB__F_ID] ? values[KB__F_ID] : "",
		.question = values[KB__F_QUESTION] ? values[KB__F_QUESTION] : "",
		.answer = values[KB__F_ANSWER] ? values[KB__F_ANSWER] : "",
		.category = values[KB__F_CATEGORY] ? values[KB__F_CATEGORY] : "",
		.url = values[KB__F_URL] ? values[KB__F_URL] : "",
		.title = "",
		.heading_path = "",
		.body = "",
		.locator = "",
	};
	const char *pub = values[KB__F_PUBLIC] ? values[KB__F_PUBLIC] : "";
	int p = kb__public_parse(pub, strlen(pub));
	char msg[256];
	if (p < 0) {
		fc->failed = 1;
		return kb__problem(fc->rep, YK_EPARSE, line,
				   "%s「%s」の値「%.40s」は使えません（1/0、公開/非公開 など）", where,
				   fc->names[KB__F_PUBLIC], pub);
	}
	r.is_public = p;
	if (values[KB__F_PUBLIC])
		fc->rep->public_column = 1;
	if (kb__faq_check(&r, fc->names, msg, sizeof(msg))) {
		fc->failed = 1;
		return kb__problem(fc->rep, YK_EPARSE, line, "%s%s", where, msg);
	}
	long first;
	if (r.external_id[0] &&
	    (first = ingest_seen_add(&fc->ids, r.external_id, strlen(r.external_id), line ? line : 1))) {
		fc->failed = 1;
		if (line)
			return kb__problem(fc->rep, YK_EPARSE, line,
					   "%s「%s」の「%.60s」が %ld 行目と重複しています", where,
					   fc->names[KB__F_ID], r.external_id, first);
		return kb__problem(fc->rep, YK_EPARSE, line, "%s「%s」の「%.60s」が重複しています",
				   where, fc->names[KB__F_ID], r.external_id);
	}
	fc->rep->records++;
	fc->rep->public_records += r.is_public ? 1 : 0;
	if (fc->failed || fc->stopped || !fc->fn)
		return 0;
	int rc = fc->fn(fc->ctx, &r);
	if (rc)
		fc->stopped = rc;
	return 0;
}

static int faq_finish(struct faq_ctx *fc, int rc)
{
	ingest_seen_release(&fc->ids);
	if (fc->stopped)
		return fc->stopped;
	if (rc)
		return rc;
	if (fc->failed || fc->rep->problems.count)
		return YK_EPARSE;
	if (fc->rep->records == 0)
		return kb__problem(fc->rep, YK_EPARSE, 0, "FAQ が 1 件もありません");
	return 0;
}

/* ---- CSV / TSV ------------------------------------------------------------ */

static int faq_row(void *ctx, const struct ingest_row *row, struct ingest_problems *p)
{
	struct faq_ctx *fc = ctx;
	(void)p; /* kb__problem adds to the same list, fc->rep->problems */
	const char *values[KB__F_COUNT];
	for (int f = 0; f < KB__F_COUNT; f++) {
		fc->names[f] = row->name[f]; /* valid for the whole ingest_table call */
		values[f] = row->present[f] ? row->value[f] : NULL;
	}
	faq_emit(fc, row->line, "", values);
	return fc->stopped;
}

int kb__parse_faq_table(char sep, const char *bytes, size_t len, kb_record_fn fn, void *ctx,
			struct kb_report *rep)
{
	struct faq_ctx fc = {.fn = fn, .ctx = ctx, .rep = rep};
	const struct ingest_spec spec = {
		.columns = kb__faq_columns,
		.ncolumns = KB__F_COUNT,
		.separator = sep,
		.unknown = INGEST_UNKNOWN_REPORT,
		.limits = {KB_FILE_MAX, KB_ROWS_MAX, KB_COLUMNS_MAX, KB_FIELD_MAX},
	};
	int rc = ingest_table(&spec, bytes, len, faq_row, &fc, &rep->problems);
	return faq_finish(&fc, rc);
}

/* ---- JSON / JSON Lines ----------------------------------------------------- */

/* Reads one JSON object into values (strings in vals). */
static int json_item(struct faq_ctx *fc, json_t *obj, long line, const char *where,
		     struct yk_buf *vals)
{
	struct kb_report *rep = fc->rep;
	if (!json_is_object(obj)) {
		fc->failed = 1;
		return kb__problem(rep, YK_EPARSE, line, "%sオブジェクト（{ ... }）ではありません",
				   where);
	}
	size_t voff[KB__F_COUNT];
	int have[KB__F_COUNT] = {0};
	yk_buf_reset(vals);
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		int f = ingest_column_find(kb__faq_columns, KB__F_COUNT, key, strlen(key));
		if (f < 0) {
			fc->failed = 1;
			return kb__problem(rep, YK_EPARSE, line,
					   "%s「%.60s」は使えない項目です（使える項目: question, "
					   "answer, id, category, url, public）",
					   where, key);
		}
		if (have[f]) {
			fc->failed = 1;
			return kb__problem(rep, YK_EPARSE, line, "%s「%s」が 2 回あります", where,
					   kb__faq_columns[f].key);
		}
		voff[f] = vals->len;
		have[f] = 1;
		int err = 0;
		if (json_is_string(v)) {
			const char *s = json_string_value(v);
			size_t l = json_string_length(v);
			if (l > KB_FIELD_MAX)
				return kb__problem(rep, YK_ELIMIT, line, "%s値が長すぎます（上限 %u KB）",
						   where, KB_FIELD_MAX >> 10);
			if (memchr(s, '\0', l)) {
				fc->failed = 1;
				return kb__problem(rep, YK_EPARSE, line,
						   "%s「%s」に NUL 文字が含まれています", where,
						   kb__faq_columns[f].key);
			}
			ingest_trim(&s, &l);
			err = yk_buf_add(vals, s, l);
		} else if (json_is_integer(v) && (f == KB__F_ID || f == KB__F_PUBLIC)) {
			err = yk_buf_addf(vals, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		} else if (json_is_boolean(v) && f == KB__F_PUBLIC) {
			err = yk_buf_adds(vals, json_is_true(v) ? "1" : "0");
		} else if (!json_is_null(v)) {
			fc->failed = 1;
			return kb__problem(rep, YK_EPARSE, line, "%s「%s」の値の型が正しくありません",
					   where, kb__faq_columns[f].key);
		}
		if (err || yk_buf_addc(vals, '\0'))
			return kb__problem(rep, YK_ELIMIT, line, "%s値が長すぎます", where);
	}
	const char *values[KB__F_COUNT];
	for (int f = 0; f < KB__F_COUNT; f++)
		values[f] = have[f] ? vals->data + voff[f] : NULL;
	return faq_emit(fc, line, where, values);
}

int kb__parse_faq_json(int lines, const char *bytes, size_t len, kb_record_fn fn, void *ctx,
		       struct kb_report *rep)
{
	struct faq_ctx fc = {.fn = fn, .ctx = ctx, .rep = rep};
	for (int f = 0; f < KB__F_COUNT; f++)
		fc.names[f] = kb__faq_columns[f].key;
	struct yk_buf text, vals;
	yk_buf_init(&text, 3 * (size_t)KB_FILE_MAX + 1);
	yk_buf_init(&vals, 0);
	json_t *root = NULL;
	json_error_t jerr;
	int rc = ingest_decode(bytes, len, &text, &rep->problems);
	if (rc)
		goto out;
	const char *t = text.data ? text.data : "";
	if (!lines) {
		root = json_loadb(t, text.len, JSON_REJECT_DUPLICATES, &jerr);
		if (!root) {
			rc = kb__problem(rep, YK_EPARSE, jerr.line > 0 ? jerr.line : 0,
					 "JSON の形式が正しくありません（%s）", jerr.text);
			goto out;
		}
		if (!json_is_array(root)) {
			rc = kb__problem(rep, YK_EPARSE, 0,
					 "JSON の一番外側は配列（[ {\"question\": ..., \"answer\": ...}, ... ]）"
					 "にしてください");
			goto out;
		}
		if (json_array_size(root) > KB_ROWS_MAX) {
			rc = kb__problem(rep, YK_ELIMIT, 0, "件数が多すぎます（上限 %d 件）",
					 KB_ROWS_MAX);
			goto out;
		}
		for (size_t i = 0; i < json_array_size(root) && !fc.stopped; i++) {
			char where[32];
			snprintf(where, sizeof(where), "%zu 件目: ", i + 1);
			rc = json_item(&fc, json_array_get(root, i), 0, where, &vals);
			if (rc == YK_ELIMIT)
				goto out;
			rc = 0;
		}
		goto out;
	}
	long line = 0;
	size_t pos = 0, rows = 0;
	while (pos < text.len && !fc.stopped) {
		line++;
		const char *nl = memchr(t + pos, '\n', text.len - pos);
		size_t end = nl ? (size_t)(nl - t) : text.len;
		const char *s = t + pos;
		size_t l = end - pos;
		pos = end + 1;
		ingest_trim(&s, &l);
		if (!l)
			continue;
		if (++rows > KB_ROWS_MAX) {
			rc = kb__problem(rep, YK_ELIMIT, line, "行が多すぎます（上限 %d 行）",
					 KB_ROWS_MAX);
			goto out;
		}
		json_t *obj = json_loadb(s, l, JSON_REJECT_DUPLICATES, &jerr);
		if (!obj) {
			fc.failed = 1;
			kb__problem(rep, YK_EPARSE, line, "JSON の形式が正しくありません（%s）",
				    jerr.text);
			continue;
		}
		rc = json_item(&fc, obj, line, "", &vals);
		json_decref(obj);
		if (rc == YK_ELIMIT)
			goto out;
		rc = 0;
	}
out:
	json_decref(root);
	rc = faq_finish(&fc, rc);
	yk_buf_release(&text);
	yk_buf_release(&vals);
	return rc;
}
