/* bench/pii_markup.h: reader of the labelled sentence format of
 * tests/data/pii/ (eval.txt, cases.txt), shared by bench/pii_eval.c and tests/unit/test_pii.c.
 *
 * A line holds plain text with labelled spans written {{TYPE|text}}; the
 * two characters \n stand for a line break inside a multi-line text (a
 * pasted table, an e-mail) and count as one code point. The
 * reader returns the text without markup and the gold spans with code-point
 * offsets into it; markup_document() joins a file's texts into one document
 * (bench/pii_eval.c's document mode). Header-only (static functions) so that the benchmark and
 * the unit test stay single files. Test-support code, not part of libyakuba.
 */
#ifndef YK_PII_MARKUP_H
#define YK_PII_MARKUP_H

#include "pii/pii.h"

#define MARKUP_SPANS_MAX 32

struct markup_span {
	size_t start, end; /* code points in the plain text */
	enum pii_type type;
};

struct markup_line {
	struct yk_buf text; /* plain text (caller inits/releases) */
	struct markup_span span[MARKUP_SPANS_MAX];
	size_t nspan;
};

/* Parses one line (without its newline). Returns 0, YK_EPARSE for broken
 * markup or an unknown type, YK_ELIMIT for too many spans. */
static int markup_parse(const char *s, size_t len, struct markup_line *out)
{
	yk_buf_reset(&out->text);
	out->nspan = 0;
	size_t i = 0, cps = 0;
	while (i < len) {
		if (i + 1 < len && s[i] == '{' && s[i + 1] == '{') {
			size_t bar = i + 2;
			while (bar < len && s[bar] != '|')
				bar++;
			size_t close = bar;
			while (close + 1 < len && !(s[close] == '}' && s[close + 1] == '}'))
				close++;
			if (bar >= len || close + 1 >= len)
				return YK_EPARSE;
			enum pii_type type;
			if (pii_type_parse(s + i + 2, bar - i - 2, &type))
				return YK_EPARSE;
			if (out->nspan == MARKUP_SPANS_MAX)
				return YK_ELIMIT;
			size_t vlen = close - bar - 1;
			if (vlen == 0 || !yk_utf8_valid(s + bar + 1, vlen, NULL))
				return YK_EPARSE;
			size_t n = yk_utf8_count(s + bar + 1, vlen);
			out->span[out->nspan].start = cps;
			out->span[out->nspan].end = cps + n;
			out->span[out->nspan].type = type;
			out->nspan++;
			int rc = yk_buf_add(&out->text, s + bar + 1, vlen);
			if (rc)
				return rc;
			cps += n;
			i = close + 2;
			continue;
		}
		if (i + 1 < len && s[i] == '\\' && s[i + 1] == 'n') { /* a line break inside a text */
			int rc = yk_buf_add(&out->text, "\n", 1);
			if (rc)
				return rc;
			cps++;
			i += 2;
			continue;
		}
		uint32_t c;
		size_t k = yk_utf8_decode(s + i, len - i, &c);
		int rc = yk_buf_add(&out->text, s + i, k);
		if (rc)
			return rc;
		cps++;
		i += k;
	}
	return 0;
}

/* Document mode: the texts of a file's lines (s, len bytes) joined by
 * blank lines into doc (reset first), their labels moved to their place in
 * it into *gold (grown with realloc; the caller frees it), *ngold of them.
 * 0, or the error of markup_parse() or yk_buf_add(). */
static inline int markup_document(const char *s, size_t len, struct yk_buf *doc,
				  struct markup_span **gold, size_t *ngold)
{
	struct markup_line ml;
	yk_buf_init(&ml.text, PII_INPUT_MAX);
	yk_buf_reset(doc);
	size_t cap = 0, cps = 0;
	*ngold = 0;
	int rc = 0;
	for (size_t i = 0; i < len && !rc;) {
		size_t e = i;
		while (e < len && s[e] != '\n')
			e++;
		if (e > i && s[i] != '#' && (rc = markup_parse(s + i, e - i, &ml)) == 0) {
			if (doc->len && (rc = yk_buf_add(doc, "\n\n", 2)) == 0)
				cps += 2;
			if (!rc && ml.text.len)
				rc = yk_buf_add(doc, ml.text.data, ml.text.len);
			for (size_t k = 0; !rc && k < ml.nspan; k++) {
				if (*ngold == cap) {
					cap = cap ? 2 * cap : 256;
					*gold = yk_xrealloc(*gold, cap * sizeof(**gold));
				}
				(*gold)[(*ngold)++] = (struct markup_span){
					cps + ml.span[k].start, cps + ml.span[k].end, ml.span[k].type};
			}
			cps += yk_utf8_count(ml.text.data ? ml.text.data : "", ml.text.len);
		}
		i = e + 1;
	}
	yk_buf_release(&ml.text);
	return rc;
}

/* Reads a whole file into buf (limit from buf). 0 or YK_EIO/YK_ELIMIT. */
static int markup_read_file(const char *path, struct yk_buf *buf)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return YK_EIO;
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if ((rc = yk_buf_add(buf, chunk, n)) != 0)
			break;
	if (!rc && ferror(f))
		rc = YK_EIO;
	fclose(f);
	return rc;
}

#endif
