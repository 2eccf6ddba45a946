/* ingest_cases.h: the shared import cases of tests/data/ingest/, read by
 * the import unit's own test (test_ingest) and by every importer's test
 * (test_auth for the roster, test_kb for FAQ tables), so that CP932, BOM,
 * quoted line breaks, bad rows, TSV and the rest are written down once.
 *
 * A case is NAME.csv or NAME.tsv whose header row names the columns c1,
 * c2, c3, c4 (an importer's test puts its own names in their place, so the
 * values are chosen to be valid for every importer), and NAME.expect:
 *
 *     only ingest              optional first line: not for the importers
 *     row LINE v1|v2|v3|v4     a row the reader hands on, with its values
 *                              (\n and \t written as escapes)
 *     problem LINE text        a problem: its line and a part of its message
 *
 * in file order. Adding a case needs no C code. */
#ifndef YK_INGEST_CASES_H
#define YK_INGEST_CASES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"

#define INGEST_CASE_DIR "tests/data/ingest"
#define INGEST_CASE_ROWS 16
#define INGEST_CASE_COLS 4

#define INGEST_CASE_UNUSED __attribute__((unused))

struct ingest_case_row {
	long line;
	char value[INGEST_CASE_COLS][128];
};

struct ingest_case_problem {
	long line;
	char text[256];
};

struct ingest_case {
	char name[256];       /* file name, "quoted.csv" */
	char *bytes;          /* the file (owned) */
	size_t len;
	int tsv;
	int only_ingest;
	size_t nrows, nproblems;
	struct ingest_case_row rows[INGEST_CASE_ROWS];
	struct ingest_case_problem problems[INGEST_CASE_ROWS];
};

static INGEST_CASE_UNUSED char *ingest_case_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct yk_buf b;
	yk_buf_init(&b, 0);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (yk_buf_add(&b, chunk, n) != 0)
			abort();
	fclose(f);
	return yk_buf_detach(&b, len);
}

/* Copies s[0..n) into out, turning the escapes \n and \t into bytes. */
static void ingest_case_unescape(const char *s, size_t n, char *out, size_t outsz)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < outsz; i++) {
		if (s[i] == '\\' && i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == 't')) {
			out[o++] = s[i + 1] == 'n' ? '\n' : '\t';
			i++;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
}

static int ingest_case_parse_expect(struct ingest_case *c, char *text)
{
	for (char *line = text; *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (strcmp(line, "only ingest") == 0) {
			c->only_ingest = 1;
		} else if (strncmp(line, "row ", 4) == 0 && c->nrows < INGEST_CASE_ROWS) {
			struct ingest_case_row *r = &c->rows[c->nrows++];
			char *end;
			r->line = strtol(line + 4, &end, 10);
			const char *v = end + 1;
			for (size_t k = 0; k < INGEST_CASE_COLS; k++) {
				const char *bar = strchr(v, '|');
				size_t n = bar ? (size_t)(bar - v) : strlen(v);
				ingest_case_unescape(v, n, r->value[k], sizeof(r->value[k]));
				v = bar ? bar + 1 : v + n;
			}
		} else if (strncmp(line, "problem ", 8) == 0 && c->nproblems < INGEST_CASE_ROWS) {
			struct ingest_case_problem *p = &c->problems[c->nproblems++];
			char *end;
			p->line = strtol(line + 8, &end, 10);
			yk_strlcpy(p->text, end + 1, sizeof(p->text));
		} else if (line[0]) {
			fprintf(stderr, "%s: bad expectation line: %s\n", c->name, line);
			return -1;
		}
		line = nl ? nl + 1 : line + strlen(line);
	}
	return 0;
}

static int ingest_case_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Calls fn for every case in name order; returns the number of cases, or
 * -1 when one cannot be read. */
static INGEST_CASE_UNUSED int ingest_cases_each(void (*fn)(void *ctx, struct ingest_case *c),
						void *ctx)
{
	DIR *dir = opendir(INGEST_CASE_DIR);
	if (!dir)
		return -1;
	char *names[256];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dir)) && n < 256) {
		size_t l = strlen(e->d_name);
		if (l > 4 && (strcmp(e->d_name + l - 4, ".csv") == 0 ||
			      strcmp(e->d_name + l - 4, ".tsv") == 0))
			names[n++] = yk_xstrdup(e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), ingest_case_cmp);
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		struct ingest_case *c = yk_xcalloc(1, sizeof(*c));
		char path[512], epath[512];
		size_t l = strlen(names[i]), elen;
		yk_strlcpy(c->name, names[i], sizeof(c->name));
		c->tsv = strcmp(names[i] + l - 4, ".tsv") == 0;
		snprintf(path, sizeof(path), "%s/%s", INGEST_CASE_DIR, names[i]);
		snprintf(epath, sizeof(epath), "%s/%.*s.expect", INGEST_CASE_DIR, (int)(l - 4),
			 names[i]);
		c->bytes = ingest_case_slurp(path, &c->len);
		char *exp = ingest_case_slurp(epath, &elen);
		if (!c->bytes || !exp || ingest_case_parse_expect(c, exp) != 0) {
			fprintf(stderr, "%s: cannot read the case or its .expect\n", path);
			count = -1;
		} else {
			fn(ctx, c);
			count = count < 0 ? count : count + 1;
		}
		free(exp);
		free(c->bytes);
		free(c);
		free(names[i]);
	}
	return count;
}

/* The case's bytes with c1..c4 in its header row replaced by names[0..3]
 * (owned, free()). The header is the first line after a BOM and blank
 * lines; its names are ASCII, so this works for CP932 files too. */
static INGEST_CASE_UNUSED char *ingest_case_with_header(const struct ingest_case *c,
							const char *const names[INGEST_CASE_COLS],
							size_t *len)
{
	const char *s = c->bytes;
	size_t n = c->len, i = 0;
	struct yk_buf b;
	yk_buf_init(&b, 0);
	const char *hdr = NULL;
	for (size_t k = 0; k + 1 < n; k++)
		if (s[k] == 'c' && s[k + 1] == '1') {
			hdr = s + k;
			break;
		}
	if (!hdr) { /* no header: unchanged */
		if (yk_buf_add(&b, s, n))
			abort();
		return yk_buf_detach(&b, len);
	}
	i = (size_t)(hdr - s);
	if (yk_buf_add(&b, s, i))
		abort();
	while (i < n && s[i] != '\n' && s[i] != '\r') {
		if (s[i] == 'c' && i + 1 < n && s[i + 1] >= '1' && s[i + 1] <= '4') {
			if (yk_buf_adds(&b, names[s[i + 1] - '1']))
				abort();
			i += 2;
		} else {
			if (yk_buf_addc(&b, s[i++]))
				abort();
		}
	}
	if (yk_buf_add(&b, s + i, n - i))
		abort();
	return yk_buf_detach(&b, len);
}

/* 1 when p holds exactly the case's problems (line, and text as a part of
 * the message); otherwise prints both lists and returns 0. */
static INGEST_CASE_UNUSED int ingest_case_problems_match(const struct ingest_case *c,
							 const struct ingest_problems *p,
							 const char *who)
{
	int ok = p->count == c->nproblems;
	for (size_t i = 0; ok && i < c->nproblems; i++)
		ok = p->item[i].line == c->problems[i].line &&
		     strstr(p->item[i].message, c->problems[i].text) != NULL;
	if (!ok) {
		fprintf(stderr, "%s (%s): problems differ; want:\n", c->name, who);
		for (size_t i = 0; i < c->nproblems; i++)
			fprintf(stderr, "  %ld: %s\n", c->problems[i].line, c->problems[i].text);
		fprintf(stderr, "got %zu:\n", p->count);
		for (size_t i = 0; i < ingest_problems_kept(p); i++)
			fprintf(stderr, "  %ld: %s\n", p->item[i].line, p->item[i].message);
	}
	return ok;
}

/* Checks what an importer (who) made of case c: rc, the problems, and
 * the rows it handed on (rows[0..nrows)). Rows are compared when the case
 * has no problem, or always with all_rows (the reader itself hands on
 * every well-formed row; an importer stops collecting at the first
 * problem). Prints what differs; returns 1 when all matches. */
static INGEST_CASE_UNUSED int ingest_case_check(const struct ingest_case *c, int rc,
						const struct ingest_problems *p,
						const struct ingest_case_row *rows, size_t nrows,
						int all_rows, const char *who)
{
	int ok = ingest_case_problems_match(c, p, who);
	if (c->nproblems ? rc != YK_EPARSE : rc != 0) {
		fprintf(stderr, "%s (%s): rc %d\n", c->name, who, rc);
		ok = 0;
	}
	if (c->nproblems && !all_rows)
		return ok;
	if (nrows != c->nrows) {
		fprintf(stderr, "%s (%s): %zu rows, want %zu\n", c->name, who, nrows, c->nrows);
		return 0;
	}
	for (size_t i = 0; i < nrows; i++) {
		if (rows[i].line != c->rows[i].line) {
			fprintf(stderr, "%s (%s): row %zu at line %ld, want %ld\n", c->name, who, i + 1,
				rows[i].line, c->rows[i].line);
			ok = 0;
		}
		for (size_t k = 0; k < INGEST_CASE_COLS; k++)
			if (strcmp(rows[i].value[k], c->rows[i].value[k]) != 0) {
				fprintf(stderr, "%s (%s): line %ld column %zu: \"%s\", want \"%s\"\n",
					c->name, who, c->rows[i].line, k + 1, rows[i].value[k],
					c->rows[i].value[k]);
				ok = 0;
			}
	}
	return ok;
}

#endif
