/* kb/faq: FAQ tables. RFC 4180 CSV (and the same grammar with tabs for
 * TSV), JSON arrays and JSON Lines (jansson), all mapped onto the fields of
 * kb__field. Pure functions over (bytes, len); problems are collected with
 * their line so that staff can fix the whole file in one go. Once a
 * problem is found no further record is given to the callback (the file
 * will not be stored), but the rest is still checked. */
#include <jansson.h>

#include "kb/kb_int.h"
#include "core/banned.h"

/* ---- shared: one FAQ row -------------------------------------------------- */

/* Set of external ids seen in a file, to report repeats. Open addressing
 * over offsets into one buffer; grows with the file but is bounded by
 * KB_ROWS_MAX entries of at most KB_FIELD_MAX bytes. */
struct id_set {
	struct yk_buf strs;
	size_t *slots; /* offset + 1 into strs, 0 = empty */
	size_t cap, count;
};

static void id_set_release(struct id_set *s)
{
	yk_buf_release(&s->strs);
	free(s->slots);
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Returns 1 when id was already present, 0 after adding it. */
static int id_set_add(struct id_set *s, const char *id)
{
	if (s->count * 2 >= s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 256;
		size_t *ns = yk_xcalloc(ncap, sizeof(*ns));
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->slots[i])
				continue;
			size_t j = hash_str(s->strs.data + s->slots[i] - 1) & (ncap - 1);
			while (ns[j])
				j = (j + 1) & (ncap - 1);
			ns[j] = s->slots[i];
		}
		free(s->slots);
		s->slots = ns;
		s->cap = ncap;
	}
	size_t j = hash_str(id) & (s->cap - 1);
	while (s->slots[j]) {
		if (strcmp(s->strs.data + s->slots[j] - 1, id) == 0)
			return 1;
		j = (j + 1) & (s->cap - 1);
	}
	size_t off = s->strs.len;
	if (yk_buf_add(&s->strs, id, strlen(id) + 1))
		abort(); /* strs has no limit of its own: the rows limit bounds it */
	s->slots[j] = off + 1;
	s->count++;
	return 0;
}

struct faq_ctx {
	kb_record_fn fn;
	void *ctx;
	struct kb_report *rep;
	const char *names[KB__F_COUNT]; /* column names as written in the file */
	struct id_set ids;
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
				   "%s列 \"%s\" の値 \"%.40s\" は使えません（1/0、公開/非公開 など）",
				   where, fc->names[KB__F_PUBLIC], pub);
	}
	r.is_public = p;
	if (kb__faq_check(&r, fc->names, msg, sizeof(msg))) {
		fc->failed = 1;
		return kb__problem(fc->rep, YK_EPARSE, line, "%s%s", where, msg);
	}
	if (r.external_id[0] && id_set_add(&fc->ids, r.external_id)) {
		fc->failed = 1;
		return kb__problem(fc->rep, YK_EPARSE, line, "%s%s \"%.60s\" が重複しています",
				   where, fc->names[KB__F_ID], r.external_id);
	}
	fc->rep->records++;
	if (fc->failed || fc->stopped || !fc->fn)
		return 0;
	int rc = fc->fn(fc->ctx, &r);
	if (rc)
		fc->stopped = rc;
	return 0;
}

static int faq_finish(struct faq_ctx *fc, int rc)
{
	id_set_release(&fc->ids);
	if (fc->stopped)
		return fc->stopped;
	if (rc)
		return rc;
	if (fc->failed || fc->rep->problem_count)
		return YK_EPARSE;
	if (fc->rep->records == 0)
		return kb__problem(fc->rep, YK_EPARSE, 0, "FAQ が 1 件もありません");
	return 0;
}

/* ---- CSV / TSV ------------------------------------------------------------ */

/* Trims ASCII white space and U+3000 at both ends of [*s, *s + *len). */
static void trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;
	for (;;) {
		if (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
			p++;
			n--;
		} else if (n >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0) {
			p += 3;
			n -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
			n--;
		else if (n >= 3 && memcmp(p + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	*s = p;
	*len = n;
}

struct csv {
	const char *t;
	size_t len, pos;
	char sep;
	long line;
	struct yk_buf fields;         /* NUL-terminated fields of the row */
	size_t off[KB_COLUMNS_MAX];
	size_t n;
	long row_line;
};

enum { CSV_ROW = 1, CSV_EOF = 2 };

/* Reads one row into c->fields; CSV_ROW, CSV_EOF or a negative error. */
static int csv_row(struct csv *c, struct kb_report *rep)
{
	if (c->pos >= c->len)
		return CSV_EOF;
	c->n = 0;
	c->row_line = c->line;
	yk_buf_reset(&c->fields);
	for (;;) {
		if (c->n >= KB_COLUMNS_MAX)
			return kb__problem(rep, YK_ELIMIT, c->row_line, "列が多すぎます（上限 %d 列）",
					   KB_COLUMNS_MAX);
		size_t start = c->fields.len;
		if (c->pos < c->len && c->t[c->pos] == '"') {
			long qline = c->line;
			c->pos++;
			for (;;) {
				if (c->pos >= c->len)
					return kb__problem(rep, YK_EPARSE, qline,
							   "引用符（\"）が閉じられていません");
				char ch = c->t[c->pos];
				if (ch == '"') {
					if (c->pos + 1 < c->len && c->t[c->pos + 1] == '"') {
						c->pos += 2;
						if (yk_buf_addc(&c->fields, '"'))
							goto too_long;
						continue;
					}
					c->pos++;
					break;
				}
				c->pos++;
				if (ch == '\r' && c->pos < c->len && c->t[c->pos] == '\n')
					continue; /* CRLF inside quotes becomes LF */
				if (ch == '\n')
					c->line++;
				if (yk_buf_addc(&c->fields, ch))
					goto too_long;
			}
			while (c->pos < c->len && c->t[c->pos] == ' ' && c->sep != ' ')
				c->pos++;
			if (c->pos < c->len && c->t[c->pos] != c->sep && c->t[c->pos] != '\r' &&
			    c->t[c->pos] != '\n')
				return kb__problem(rep, YK_EPARSE, c->line,
						   "引用符（\"）で囲んだ値の後に余分な文字があります");
		} else {
			size_t a = c->pos;
			while (c->pos < c->len && c->t[c->pos] != c->sep && c->t[c->pos] != '\r' &&
			       c->t[c->pos] != '\n')
				c->pos++;
			if (yk_buf_add(&c->fields, c->t + a, c->pos - a))
				goto too_long;
		}
		if (c->fields.len - start > KB_FIELD_MAX)
			goto too_long;
		if (yk_buf_addc(&c->fields, '\0'))
			goto too_long;
		c->off[c->n++] = start;
		if (c->pos < c->len && c->t[c->pos] == c->sep) {
			c->pos++;
			continue;
		}
		if (c->pos < c->len && c->t[c->pos] == '\r')
			c->pos++;
		if (c->pos < c->len && c->t[c->pos] == '\n')
			c->pos++;
		c->line++;
		return CSV_ROW;
	}
too_long:
	return kb__problem(rep, YK_ELIMIT, c->row_line, "値が長すぎます（上限 %u KB）",
			   KB_FIELD_MAX >> 10);
}

static const char *csv_field(struct csv *c, size_t i, size_t *len)
{
	const char *s = c->fields.data + c->off[i];
	*len = strlen(s);
	trim(&s, len);
	return s;
}

/* Maps the header row onto fields; fatal problems return an error. */
static int csv_header(struct csv *c, int map[KB_COLUMNS_MAX], struct faq_ctx *fc,
		      struct yk_buf *names)
{
	struct kb_report *rep = fc->rep;
	int seen[KB__F_COUNT];
	for (int f = 0; f < KB__F_COUNT; f++)
		seen[f] = -1;
	struct yk_buf unknown;
	yk_buf_init(&unknown, 400);
	int rc = 0, bad = 0, cut = 0;
	/* names holds the header names as written, NUL-terminated, so that
	 * messages can use the staff's own words ("回答"). */
	size_t name_off[KB_COLUMNS_MAX];
	for (size_t i = 0; i < c->n; i++) {
		size_t len;
		const char *s = csv_field(c, i, &len);
		name_off[i] = names->len;
		if (yk_buf_add(names, s, len) || yk_buf_addc(names, '\0')) {
			rc = kb__problem(rep, YK_ELIMIT, c->row_line, "見出し行が長すぎます");
			goto out;
		}
		int f = kb__field_lookup(s, len);
		map[i] = f;
		if (f < 0) {
			if (!cut && yk_buf_addf(&unknown, "%s\"%.*s\"", unknown.len ? ", " : "",
						(int)(len > 60 ? 60 : len), s))
				cut = 1; /* the first names are enough */
			bad = 1;
			continue;
		}
		if (seen[f] >= 0) {
			rc = kb__problem(rep, YK_EPARSE, c->row_line,
					 "列 \"%.60s\" が 2 回あります（%zu 列目と %zu 列目）", s,
					 (size_t)seen[f] + 1, i + 1);
			goto out;
		}
		seen[f] = (int)i;
	}
	if (bad) {
		rc = kb__problem(rep, YK_EPARSE, c->row_line,
				 "不明な列があります: %s%s（使える列: question, answer, id, category, "
				 "url, public または 質問, 回答, ID, カテゴリ, URL, 公開）",
				 unknown.data, cut ? " ほか" : "");
		goto out;
	}
	for (int f = KB__F_QUESTION; f <= KB__F_ANSWER; f++) {
		if (seen[f] < 0) {
			rc = kb__problem(rep, YK_EPARSE, c->row_line,
					 "必須の列 \"%s\" がありません（見出し行に %s / %s を入れてください）",
					 kb__field_name(f), kb__field_name(f),
					 f == KB__F_QUESTION ? "質問" : "回答");
			goto out;
		}
	}
	for (int f = 0; f < KB__F_COUNT; f++)
		fc->names[f] = seen[f] >= 0 ? names->data + name_off[seen[f]] : kb__field_name(f);
out:
	yk_buf_release(&unknown);
	return rc;
}

int kb__parse_faq_table(char sep, const char *bytes, size_t len, kb_record_fn fn, void *ctx,
			struct kb_report *rep)
{
	struct faq_ctx fc = {.fn = fn, .ctx = ctx, .rep = rep};
	yk_buf_init(&fc.ids.strs, 0);
	struct csv c = {.sep = sep, .line = 1};
	struct yk_buf text, names, vals;
	yk_buf_init(&text, 3 * (size_t)KB_FILE_MAX + 1);
	yk_buf_init(&names, 0);
	yk_buf_init(&vals, 0);
	yk_buf_init(&c.fields, 0);
	int map[KB_COLUMNS_MAX];
	int rc = kb__decode_text(bytes, len, &text, rep);
	if (rc)
		goto out;
	c.t = text.data ? text.data : "";
	c.len = text.len;
	/* The header is the first row that is not blank. */
	for (;;) {
		rc = csv_row(&c, rep);
		if (rc == CSV_EOF) {
			rc = kb__problem(rep, YK_EPARSE, 0,
					 "空のファイルです（見出し行 question,answer が必要です）");
			goto out;
		}
		if (rc < 0)
			goto out;
		size_t l0;
		if (c.n > 1 || (csv_field(&c, 0, &l0), l0 > 0))
			break;
	}
	if ((rc = csv_header(&c, map, &fc, &names)))
		goto out;
	size_t ncols = c.n, rows = 0;
	for (;;) {
		rc = csv_row(&c, rep);
		if (rc == CSV_EOF) {
			rc = 0;
			break;
		}
		if (rc == YK_ELIMIT)
			goto out;
		if (rc < 0) { /* a broken quote ends the file: the rest is unreliable */
			fc.failed = 1;
			rc = 0;
			break;
		}
		size_t l0;
		if (c.n == 1 && (csv_field(&c, 0, &l0), l0 == 0))
			continue; /* blank line */
		if (++rows > KB_ROWS_MAX) {
			rc = kb__problem(rep, YK_ELIMIT, c.row_line, "行が多すぎます（上限 %d 行）",
					 KB_ROWS_MAX);
			goto out;
		}
		if (c.n != ncols) {
			fc.failed = 1;
			kb__problem(rep, YK_EPARSE, c.row_line,
				    "列の数が見出し行と違います（見出し %zu 列、この行 %zu 列）", ncols,
				    c.n);
			continue;
		}
		const char *values[KB__F_COUNT] = {0};
		/* Trimmed copies, NUL-terminated, in vals. */
		yk_buf_reset(&vals);
		size_t voff[KB__F_COUNT];
		int have[KB__F_COUNT] = {0};
		for (size_t i = 0; i < c.n; i++) {
			size_t l;
			const char *s = csv_field(&c, i, &l);
			voff[map[i]] = vals.len;
			have[map[i]] = 1;
			if (yk_buf_add(&vals, s, l) || yk_buf_addc(&vals, '\0'))
				goto out; /* no limit on vals */
		}
		for (int f = 0; f < KB__F_COUNT; f++)
			values[f] = have[f] ? vals.data + voff[f] : NULL;
		faq_emit(&fc, c.row_line, "", values);
		if (fc.stopped)
			break;
	}
out:
	rc = faq_finish(&fc, rc);
	yk_buf_release(&text);
	yk_buf_release(&names);
	yk_buf_release(&vals);
	yk_buf_release(&c.fields);
	return rc;
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
		int f = kb__field_lookup(key, strlen(key));
		if (f < 0) {
			fc->failed = 1;
			return kb__problem(rep, YK_EPARSE, line,
					   "%s不明な項目 \"%.60s\" があります（使える項目: question, "
					   "answer, id, category, url, public）",
					   where, key);
		}
		if (have[f]) {
			fc->failed = 1;
			return kb__problem(rep, YK_EPARSE, line, "%s項目 \"%s\" が 2 回あります",
					   where, kb__field_name(f));
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
						   "%s項目 \"%s\" に NUL 文字が含まれています", where,
						   kb__field_name(f));
			}
			trim(&s, &l);
			err = yk_buf_add(vals, s, l);
		} else if (json_is_integer(v) && (f == KB__F_ID || f == KB__F_PUBLIC)) {
			err = yk_buf_addf(vals, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		} else if (json_is_boolean(v) && f == KB__F_PUBLIC) {
			err = yk_buf_adds(vals, json_is_true(v) ? "1" : "0");
		} else if (!json_is_null(v)) {
			fc->failed = 1;
			return kb__problem(rep, YK_EPARSE, line, "%s項目 \"%s\" の値の型が正しくありません",
					   where, kb__field_name(f));
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
	yk_buf_init(&fc.ids.strs, 0);
	for (int f = 0; f < KB__F_COUNT; f++)
		fc.names[f] = kb__field_name(f);
	struct yk_buf text, vals;
	yk_buf_init(&text, 3 * (size_t)KB_FILE_MAX + 1);
	yk_buf_init(&vals, 0);
	json_t *root = NULL;
	json_error_t jerr;
	int rc = kb__decode_text(bytes, len, &text, rep);
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
		trim(&s, &l);
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
