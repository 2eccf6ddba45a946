/* ingest: text decoding (UTF-8 / CP932), the CSV/TSV reader with header
 * mapping, problem lists and the repeated-key set. See ingest.h. Sits on
 * core; the roster (auth), FAQ tables (kb) and every later importer call
 * it. */
#include <iconv.h>
#include <stdarg.h>
#include <strings.h>

#include "ingest/ingest.h"
#include "core/banned.h"

/* ---- problems ------------------------------------------------------------- */

void ingest_problems_init(struct ingest_problems *p)
{
	p->count = 0;
}

size_t ingest_problems_kept(const struct ingest_problems *p)
{
	return p->count < INGEST_PROBLEMS_KEPT ? p->count : INGEST_PROBLEMS_KEPT;
}

/* Cuts s (NUL-terminated, within a buffer) back to a UTF-8 boundary when
 * vsnprintf stopped inside a character. */
static void cut_utf8(char *s)
{
	size_t n = strlen(s);
	size_t bad;
	while (n && !yk_utf8_valid(s, n, &bad)) {
		n = bad;
		s[n] = '\0';
	}
}

static int add(struct ingest_problems *p, int err, long line, const char *column,
	       const char *fmt, va_list ap) YK_PRINTF(5, 0);

static int add(struct ingest_problems *p, int err, long line, const char *column,
	       const char *fmt, va_list ap)
{
	if (!p)
		return err;
	if (p->count < INGEST_PROBLEMS_KEPT) {
		struct ingest_problem *pr = &p->item[p->count];
		pr->line = line;
		size_t off = 0;
		pr->column[0] = '\0';
		if (column && *column) {
			yk_strlcpy(pr->column, column, sizeof(pr->column));
			cut_utf8(pr->column);
			off = (size_t)snprintf(pr->message, sizeof(pr->message), "「%s」", column);
			if (off >= sizeof(pr->message))
				off = sizeof(pr->message);
		}
		if (off < sizeof(pr->message) - 1)
			vsnprintf(pr->message + off, sizeof(pr->message) - off, fmt, ap);
		cut_utf8(pr->message);
	}
	p->count++;
	return err;
}

int ingest_problemv(struct ingest_problems *p, int err, long line, const char *fmt, va_list ap)
{
	return add(p, err, line, NULL, fmt, ap);
}

int ingest_problem(struct ingest_problems *p, int err, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(p, err, line, NULL, fmt, ap);
	va_end(ap);
	return err;
}

int ingest_problem_col(struct ingest_problems *p, int err, long line, const char *column,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(p, err, line, column, fmt, ap);
	va_end(ap);
	return err;
}

void ingest_problem_format(const char *file, const struct ingest_problem *pr, char *out,
			   size_t outsz)
{
	if (!outsz)
		return;
	const char *name = file && *file ? file : "-";
	if (pr->line > 0)
		snprintf(out, outsz, "%s:%ld: %s", name, pr->line, pr->message);
	else
		snprintf(out, outsz, "%s: %s", name, pr->message);
	cut_utf8(out);
}

int ingest_problems_errinfo(const struct ingest_problems *p, const char *file, int err,
			    struct yk_errinfo *ei)
{
	if (!ei || !p || p->count == 0)
		return err;
	const struct ingest_problem *pr = &p->item[0];
	yk_errinfo_at(ei, file, pr->line, pr->column);
	yk_errinfo_set(ei, err, "%s", pr->message);
	return err;
}

/* ---- decoding ------------------------------------------------------------- */

long ingest_line_at(const char *s, size_t len, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off && i < len; i++)
		line += s[i] == '\n';
	return line;
}

static int decode_cp932(const char *bytes, size_t len, struct yk_buf *out,
			struct ingest_problems *p)
{
	iconv_t cd = iconv_open("UTF-8", "CP932");
	if (cd == (iconv_t)-1)
		return ingest_problem(p, YK_EIO, 0, "文字コード CP932 を扱えません（iconv）");
	int rc = 0;
	size_t cap = len * 3 + 1; /* one CP932 byte (半角カナ) becomes 3 UTF-8 bytes */
	char *dst = yk_xmalloc(cap);
	char *in = (char *)(uintptr_t)bytes, *o = dst;
	size_t inleft = len, outleft = cap;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		size_t off = (size_t)(in - bytes);
		rc = ingest_problem(p, YK_EPARSE, ingest_line_at(bytes, len, off),
				    "文字コードを判別できません（UTF-8 か Shift_JIS (CP932) "
				    "で保存してください）");
		goto out;
	}
	if (yk_buf_add(out, dst, (size_t)(o - dst)))
		rc = ingest_problem(p, YK_ELIMIT, 0, "ファイルが大きすぎます");
out:
	free(dst);
	iconv_close(cd);
	return rc;
}

int ingest_decode(const char *bytes, size_t len, struct yk_buf *out, struct ingest_problems *p)
{
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		bytes += 3;
		len -= 3;
	}
	const char *nul = memchr(bytes, '\0', len);
	if (nul)
		return ingest_problem(p, YK_EPARSE, ingest_line_at(bytes, len, (size_t)(nul - bytes)),
				      "テキストではないデータ（NUL 文字）が含まれています");
	if (yk_utf8_valid(bytes, len, NULL)) {
		if (yk_buf_add(out, bytes, len))
			return ingest_problem(p, YK_ELIMIT, 0, "ファイルが大きすぎます");
		return 0;
	}
	return decode_cp932(bytes, len, out, p);
}

void ingest_trim(const char **s, size_t *len)
{
	const char *a = *s;
	size_t n = *len;
	for (;;) {
		if (n && (*a == ' ' || *a == '\t' || *a == '\r' || *a == '\n')) {
			a++;
			n--;
		} else if (n >= 3 && memcmp(a, "\xE3\x80\x80", 3) == 0) {
			a += 3;
			n -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (n && (a[n - 1] == ' ' || a[n - 1] == '\t' || a[n - 1] == '\r' || a[n - 1] == '\n'))
			n--;
		else if (n >= 3 && memcmp(a + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	*s = a;
	*len = n;
}

/* ---- columns -------------------------------------------------------------- */

static int name_is(const char *want, const char *s, size_t len)
{
	return want && strlen(want) == len && strncasecmp(want, s, len) == 0;
}

int ingest_column_find(const struct ingest_column *columns, size_t n, const char *name,
		       size_t len)
{
	ingest_trim(&name, &len);
	for (size_t k = 0; k < n; k++) {
		const struct ingest_column *c = &columns[k];
		if (name_is(c->key, name, len) || name_is(c->label, name, len))
			return (int)k;
		for (size_t a = 0; a < INGEST_ALIASES_MAX && c->aliases[a]; a++)
			if (name_is(c->aliases[a], name, len))
				return (int)k;
	}
	return -1;
}

void ingest_column_names(const struct ingest_column *columns, size_t n, char *out, size_t outsz)
{
	struct yk_buf b;
	yk_buf_init(&b, outsz ? outsz - 1 : 1);
	int err = 0;
	for (size_t k = 0; k < n && !err; k++)
		err = yk_buf_addf(&b, "%s%s", k ? ", " : "", columns[k].key);
	if (!err)
		err = yk_buf_adds(&b, " または ");
	for (size_t k = 0; k < n && !err; k++)
		err = yk_buf_addf(&b, "%s%s", k ? ", " : "", columns[k].label);
	yk_strlcpy(out, b.data ? b.data : "", outsz);
	if (outsz)
		cut_utf8(out);
	yk_buf_release(&b);
}

/* ---- the record reader ---------------------------------------------------- */

struct reader {
	const char *t;
	size_t len, pos;
	char sep;
	long line;             /* line of the next byte */
	size_t max_fields, max_field;
	struct yk_buf fields;  /* the record's fields, each NUL-terminated */
	size_t *off;           /* start of field i in fields */
	size_t *flen;
	size_t n;              /* fields in the record */
	long row_line;         /* where the record starts */
	int quoted;            /* some field of the record was quoted */
};

enum { REC_ROW = 1, REC_EOF = 2 };

/* Reads one record; REC_ROW, REC_EOF or a negative error (a problem). */
static int read_record(struct reader *r, struct ingest_problems *p)
{
	if (r->pos >= r->len)
		return REC_EOF;
	r->n = 0;
	r->quoted = 0;
	r->row_line = r->line;
	yk_buf_reset(&r->fields);
	for (;;) {
		if (r->n >= r->max_fields)
			return ingest_problem(p, YK_ELIMIT, r->row_line, "列が多すぎます（%zu 列まで）",
					      r->max_fields);
		size_t start = r->fields.len;
		if (r->pos < r->len && r->t[r->pos] == '"') {
			long qline = r->line;
			r->quoted = 1;
			r->pos++;
			for (;;) {
				/* Plain bytes up to the next quote, CR or LF go in one copy. */
				size_t a = r->pos;
				while (r->pos < r->len && r->t[r->pos] != '"' && r->t[r->pos] != '\r' &&
				       r->t[r->pos] != '\n')
					r->pos++;
				if (yk_buf_add(&r->fields, r->t + a, r->pos - a) ||
				    r->fields.len - start > r->max_field)
					goto too_long;
				if (r->pos >= r->len)
					return ingest_problem(p, YK_EPARSE, qline,
							      "引用符（\"）が閉じられていません");
				char ch = r->t[r->pos++];
				if (ch == '"') {
					if (r->pos < r->len && r->t[r->pos] == '"')
						r->pos++; /* "" is one " */
					else
						break;
				} else {
					if (ch == '\r' && r->pos < r->len && r->t[r->pos] == '\n')
						r->pos++;
					ch = '\n'; /* CRLF or CR inside quotes becomes LF */
					r->line++;
				}
				if (yk_buf_addc(&r->fields, ch) || r->fields.len - start > r->max_field)
					goto too_long;
			}
			while (r->pos < r->len && r->t[r->pos] == ' ' && r->sep != ' ')
				r->pos++;
			if (r->pos < r->len && r->t[r->pos] != r->sep && r->t[r->pos] != '\r' &&
			    r->t[r->pos] != '\n')
				return ingest_problem(p, YK_EPARSE, r->line,
						      "引用符（\"）で囲んだ値の後に余分な文字があります");
		} else {
			size_t a = r->pos;
			while (r->pos < r->len && r->t[r->pos] != r->sep && r->t[r->pos] != '\r' &&
			       r->t[r->pos] != '\n') {
				if (r->t[r->pos] == '"')
					return ingest_problem(p, YK_EPARSE, r->line,
							      "引用符（\"）は値全体を囲むときだけ使えます"
							      "（値の中の \" は \"\" と書きます）");
				r->pos++;
			}
			if (yk_buf_add(&r->fields, r->t + a, r->pos - a))
				goto too_long;
		}
		if (r->fields.len - start > r->max_field)
			goto too_long;
		if (yk_buf_addc(&r->fields, '\0'))
			goto too_long;
		r->off[r->n] = start;
		r->flen[r->n] = r->fields.len - 1 - start;
		r->n++;
		if (r->pos < r->len && r->t[r->pos] == r->sep) {
			r->pos++;
			continue;
		}
		if (r->pos < r->len && r->t[r->pos] == '\r')
			r->pos++;
		if (r->pos < r->len && r->t[r->pos] == '\n')
			r->pos++;
		r->line++;
		return REC_ROW;
	}
too_long:
	return ingest_problem(p, YK_ELIMIT, r->row_line, "値が長すぎます（%zu バイトまで）",
			      r->max_field);
}

/* Field i of the record, trimmed (not NUL-terminated after trimming). */
static const char *field(const struct reader *r, size_t i, size_t *len)
{
	const char *s = r->fields.data + r->off[i];
	*len = r->flen[i];
	ingest_trim(&s, len);
	return s;
}

static int blank_record(const struct reader *r)
{
	size_t l;
	return r->n == 1 && !r->quoted && (field(r, 0, &l), l == 0);
}

/* ---- header --------------------------------------------------------------- */

struct header {
	int *col_of;             /* file column -> caller's column, -1 = skipped */
	int *file_col;           /* caller's column -> file column, -1 = absent */
	struct yk_buf names;     /* names as written, NUL-terminated */
	size_t *name_off;        /* caller's column -> offset in names */
};

/* Shown name of an unknown column: at most 60 bytes, valid UTF-8. */
static void shown_name(const char *s, size_t len, char *out, size_t outsz)
{
	size_t n = len < 60 ? len : 60;
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	cut_utf8(out);
}

static int map_header(const struct ingest_spec *spec, const struct reader *r, struct header *h,
		      struct ingest_problems *p)
{
	int bad = 0;
	char allowed[INGEST_MESSAGE_MAX];
	allowed[0] = '\0';
	for (size_t i = 0; i < r->n; i++) {
		size_t len;
		const char *s = field(r, i, &len);
		int k = ingest_column_find(spec->columns, spec->ncolumns, s, len);
		h->col_of[i] = k;
		if (k < 0) {
			if (spec->unknown == INGEST_UNKNOWN_IGNORE)
				continue;
			if (!allowed[0])
				ingest_column_names(spec->columns, spec->ncolumns, allowed,
						    sizeof(allowed));
			char name[80];
			shown_name(s, len, name, sizeof(name));
			ingest_problem_col(p, YK_EPARSE, r->row_line, name,
					   "は使えない列名です（使える列: %s）", allowed);
			bad = 1;
			continue;
		}
		if (h->file_col[k] >= 0) {
			char name[80];
			shown_name(s, len, name, sizeof(name));
			ingest_problem_col(p, YK_EPARSE, r->row_line, name,
					   "の列が 2 回あります（%d 列目と %zu 列目）",
					   h->file_col[k] + 1, i + 1);
			bad = 1;
			continue;
		}
		h->file_col[k] = (int)i;
		h->name_off[k] = h->names.len;
		if (yk_buf_add(&h->names, s, len) || yk_buf_addc(&h->names, '\0'))
			return ingest_problem(p, YK_ELIMIT, r->row_line, "見出し行が長すぎます");
	}
	for (size_t k = 0; k < spec->ncolumns; k++) {
		const struct ingest_column *c = &spec->columns[k];
		if ((c->flags & INGEST_REQUIRED) && h->file_col[k] < 0) {
			ingest_problem(p, YK_EPARSE, r->row_line,
				       "必須の列「%s」がありません（見出し行に %s か %s と書いてください）",
				       c->label, c->label, c->key);
			bad = 1;
		}
	}
	return bad ? YK_EPARSE : 0;
}

/* ---- the table reader ----------------------------------------------------- */

int ingest_row_problem(const struct ingest_row *row, struct ingest_problems *p, int k,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *col = k >= 0 && (size_t)k < row->ncolumns ? row->name[k] : NULL;
	add(p, YK_EPARSE, row->line, col, fmt, ap);
	va_end(ap);
	return YK_EPARSE;
}

/* The text to read: the input itself when it is UTF-8 without NUL (after
 * a BOM), else its decoding in owned (ingest_decode). */
static int text_view(const char *bytes, size_t len, struct yk_buf *owned, const char **t,
		     size_t *tlen, struct ingest_problems *p)
{
	const char *s = bytes;
	size_t n = len;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (!memchr(s, '\0', n) && yk_utf8_valid(s, n, NULL)) {
		*t = s;
		*tlen = n;
		return 0;
	}
	int rc = ingest_decode(bytes, len, owned, p);
	*t = owned->data ? owned->data : "";
	*tlen = owned->len;
	return rc;
}

static size_t limit_or(size_t v, size_t def)
{
	return v ? v : def;
}

int ingest_table(const struct ingest_spec *spec, const char *bytes, size_t len,
		 ingest_row_fn fn, void *ctx, struct ingest_problems *p)
{
	if (!spec || !spec->columns || spec->ncolumns == 0 || spec->ncolumns > INGEST_FIELDS_MAX)
		return YK_EINVAL;
	size_t max_bytes = limit_or(spec->limits.bytes, INGEST_BYTES_MAX);
	size_t max_rows = limit_or(spec->limits.rows, INGEST_ROWS_MAX);
	size_t nc = spec->ncolumns;
	if (len > max_bytes) {
		if (max_bytes >= (1u << 20))
			return ingest_problem(p, YK_ELIMIT, 0, "ファイルが大きすぎます（%zu MB まで）",
					      max_bytes >> 20);
		return ingest_problem(p, YK_ELIMIT, 0, "ファイルが大きすぎます（%zu バイトまで）",
				      max_bytes);
	}
	size_t problems_before = p->count;
	struct reader r = {.sep = spec->separator ? spec->separator : ',', .line = 1};
	r.max_fields = limit_or(spec->limits.fields, INGEST_FIELDS_MAX);
	r.max_field = limit_or(spec->limits.field_len, INGEST_FIELD_MAX);
	struct yk_buf text;
	yk_buf_init(&text, 3 * len + 1);
	yk_buf_init(&r.fields, 0);
	r.off = yk_xcalloc(r.max_fields, sizeof(*r.off));
	r.flen = yk_xcalloc(r.max_fields, sizeof(*r.flen));
	struct header h = {0};
	h.col_of = yk_xcalloc(r.max_fields, sizeof(*h.col_of));
	h.file_col = yk_xcalloc(nc, sizeof(*h.file_col));
	h.name_off = yk_xcalloc(nc, sizeof(*h.name_off));
	yk_buf_init(&h.names, 0);
	const char **value = yk_xcalloc(nc, sizeof(*value));
	const char **name = yk_xcalloc(nc, sizeof(*name));
	size_t *vlen = yk_xcalloc(nc, sizeof(*vlen));
	unsigned char *present = yk_xcalloc(nc, 1);
	struct yk_buf vals;
	yk_buf_init(&vals, 0);
	int rc;
	for (size_t k = 0; k < nc; k++)
		h.file_col[k] = -1;

	if ((rc = text_view(bytes, len, &text, &r.t, &r.len, p)))
		goto out;
	/* The header is the first record that is not blank. */
	do {
		rc = read_record(&r, p);
	} while (rc == REC_ROW && blank_record(&r));
	if (rc == REC_EOF) {
		rc = ingest_problem(p, YK_EPARSE, 0, "ファイルが空です（1 行目に列名の行が必要です）");
		goto out;
	}
	if (rc < 0 || (rc = map_header(spec, &r, &h, p)))
		goto out;
	for (size_t k = 0; k < nc; k++) {
		present[k] = h.file_col[k] >= 0;
		name[k] = present[k] ? h.names.data + h.name_off[k] : spec->columns[k].label;
	}
	size_t ncols = r.n, rows = 0;
	struct ingest_row row = {.ncolumns = nc, .value = value, .len = vlen,
				 .present = present, .name = name};
	for (;;) {
		rc = read_record(&r, p);
		if (rc == REC_EOF) {
			rc = 0;
			break;
		}
		if (rc < 0)
			goto out; /* a broken quote or a limit: the rest is unreliable */
		if (blank_record(&r))
			continue;
		if (++rows > max_rows) {
			rc = ingest_problem(p, YK_ELIMIT, r.row_line, "行が多すぎます（%zu 行まで）",
					    max_rows);
			goto out;
		}
		if (r.n != ncols) {
			ingest_problem(p, YK_EPARSE, r.row_line,
				       "列の数が見出し行と違います（見出し %zu 列、この行 %zu 列）",
				       ncols, r.n);
			continue;
		}
		/* Trimmed, NUL-terminated values in vals; offsets first, pointers
		 * after, as vals may move while it grows. */
		yk_buf_reset(&vals);
		size_t voff[INGEST_FIELDS_MAX];
		for (size_t i = 0; i < r.n; i++) {
			int k = h.col_of[i];
			if (k < 0)
				continue;
			size_t l;
			const char *s = field(&r, i, &l);
			voff[k] = vals.len;
			vlen[k] = l;
			if (yk_buf_add(&vals, s, l) || yk_buf_addc(&vals, '\0'))
				abort(); /* vals has no limit: fields are bounded */
		}
		row.line = r.row_line;
		row.number = rows;
		row.ok = 1;
		for (size_t k = 0; k < nc; k++) {
			if (present[k]) {
				value[k] = vals.data + voff[k];
			} else {
				value[k] = "";
				vlen[k] = 0;
			}
			if ((spec->columns[k].flags & INGEST_NONEMPTY) && vlen[k] == 0) {
				ingest_row_problem(&row, p, (int)k, "が空です");
				row.ok = 0;
			}
		}
		if (fn && (rc = fn(ctx, &row, p)) != 0)
			goto out;
	}
	if (p->count != problems_before)
		rc = YK_EPARSE;
out:
	yk_buf_release(&text);
	yk_buf_release(&r.fields);
	yk_buf_release(&h.names);
	yk_buf_release(&vals);
	free(r.off);
	free(r.flen);
	free(h.col_of);
	free(h.file_col);
	free(h.name_off);
	free(value);
	free(name);
	free(vlen);
	free(present);
	return rc;
}

/* ---- repeated keys -------------------------------------------------------- */

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* Keys are stored in s->keys as a length-prefixed run: size_t len, bytes. */
static const char *seen_key(const struct ingest_seen *s, size_t slot, size_t *len)
{
	const char *at = s->keys.data + s->slot[slot] - 1;
	memcpy(len, at, sizeof(*len));
	return at + sizeof(*len);
}

static void seen_grow(struct ingest_seen *s)
{
	if (!s->cap)
		yk_buf_init(&s->keys, 0); /* a zeroed struct starts here */
	size_t ncap = s->cap ? s->cap * 2 : 256;
	size_t *nslot = yk_xcalloc(ncap, sizeof(*nslot));
	long *nline = yk_xcalloc(ncap, sizeof(*nline));
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slot[i])
			continue;
		size_t len;
		const char *k = seen_key(s, i, &len);
		size_t j = hash_bytes(k, len) & (ncap - 1);
		while (nslot[j])
			j = (j + 1) & (ncap - 1);
		nslot[j] = s->slot[i];
		nline[j] = s->line[i];
	}
	free(s->slot);
	free(s->line);
	s->slot = nslot;
	s->line = nline;
	s->cap = ncap;
}

long ingest_seen_add(struct ingest_seen *s, const char *key, size_t len, long line)
{
	if (s->count * 2 >= s->cap)
		seen_grow(s);
	size_t j = hash_bytes(key, len) & (s->cap - 1);
	while (s->slot[j]) {
		size_t klen;
		const char *k = seen_key(s, j, &klen);
		if (klen == len && memcmp(k, key, len) == 0)
			return s->line[j];
		j = (j + 1) & (s->cap - 1);
	}
	size_t off = s->keys.len;
	if (yk_buf_add(&s->keys, &len, sizeof(len)) || yk_buf_add(&s->keys, key, len))
		abort(); /* keys has no limit of its own: the rows limit bounds it */
	s->slot[j] = off + 1;
	s->line[j] = line;
	s->count++;
	return 0;
}

void ingest_seen_release(struct ingest_seen *s)
{
	yk_buf_release(&s->keys);
	free(s->slot);
	free(s->line);
	memset(s, 0, sizeof(*s));
}
