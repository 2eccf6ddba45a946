/* bench/fts_anchor.h: the SQLite FTS5 anchor shared by the retrieval
 * benchmarks (bench/search_faq.c, bench/search_corpus.c), so that both
 * compare src/search against one and the same FTS5 set-up.
 *
 * The anchor is an in-memory FTS5 table of two columns (a heading: FAQ
 * question or passage title; and a text: FAQ answer or passage body) with
 * the unicode61 tokenizer over text that MeCab has already segmented into
 * space-separated surfaces, after the same text_normalize() our index uses.
 * Queries are ranked by bm25() with the two column weights the caller gives.
 * Two query forms:
 *   fts_query()          every MeCab segment of the question, quoted, OR-ed;
 *   fts_query_content()  only content words (what our tokenizer keeps as
 *                        lemma or surface terms, request phrasing dropped):
 *                        the fair anchor, as an Elasticsearch analyzer with
 *                        part-of-speech and stop filters would build it.
 *
 * Benchmark code, not a module: every function is static inline (each
 * benchmark uses a subset), and any failure ends the program with a
 * message (fts_die), which is what a benchmark wants. Strings returned are
 * owned by the caller (free()).
 */
#ifndef YK_BENCH_FTS_ANCHOR_H
#define YK_BENCH_FTS_ANCHOR_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "text/text.h"

static inline void fts_die(const char *msg)
{
	fprintf(stderr, "fts anchor: %s\n", msg);
	exit(1);
}

/* MeCab surfaces of the normalised text, space-separated, for unicode61. */
static inline char *segment(struct text_tokenizer *tk, const char *s, size_t len)
{
	struct text_norm n;
	struct yk_buf b;
	yk_buf_init(&b, 0);
	if (text_normalize(s, len, &n, NULL) != 0)
		fts_die("normalisation failed");
	if (text_segment(tk, n.text, n.len, &b, NULL) != 0)
		fts_die("segmentation failed");
	text_norm_release(&n);
	size_t l;
	return yk_buf_detach(&b, &l);
}

/* An FTS5 query: every segment quoted, joined with OR. */
static inline char *fts_query(const char *seg)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	const char *p = seg;
	int first = 1;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (e > p) {
			/* Skip pure punctuation (ASCII or ideographic). */
			int word = 0;
			for (const char *c = p; c < e; c++)
				if (((unsigned char)*c >= 0x80 && strncmp(c, "、", 3) && strncmp(c, "。", 3)) ||
				    (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z'))
					word = 1;
			if (word) {
				if (!first && yk_buf_adds(&b, " OR ") != 0)
					fts_die("oom");
				if (yk_buf_addc(&b, '"') != 0)
					fts_die("oom");
				for (const char *c = p; c < e; c++)
					if ((*c == '"' && yk_buf_addc(&b, '"') != 0) ||
					    yk_buf_addc(&b, *c) != 0)
						fts_die("oom");
				if (yk_buf_addc(&b, '"') != 0)
					fts_die("oom");
				first = 0;
			}
		}
		p = e;
	}
	size_t l;
	return yk_buf_detach(&b, &l);
}

/* A stronger FTS5 query: only the surfaces of content words (what our
 * tokenizer keeps as lemma or surface terms, request phrasing dropped), as
 * an Elasticsearch analyzer with part-of-speech and stop filters would. */
static inline char *fts_query_content(struct text_tokenizer *tk, const char *s, size_t len)
{
	struct text_norm n;
	struct text_tokens t = {0};
	struct yk_buf b;
	yk_buf_init(&b, 0);
	if (text_normalize(s, len, &n, NULL) != 0)
		fts_die("normalisation failed");
	if (text_tokenize(tk, n.text, n.len, &t, NULL) != 0)
		fts_die("tokenising failed");
	for (size_t i = 0; i < t.n; i++) {
		const struct text_token *k = &t.v[i];
		if ((k->kind != TEXT_TOKEN_LEMMA && k->kind != TEXT_TOKEN_SURFACE) ||
		    (k->flags & TEXT_TOKEN_STOP))
			continue;
		char term[TEXT_MAX_TERM * 2 + 3];
		size_t w = 0;
		term[w++] = '"';
		for (uint32_t c = k->start; c < k->end && w + 3 < sizeof(term); c++) {
			if (n.text[c] == '"')
				term[w++] = '"';
			term[w++] = n.text[c];
		}
		term[w++] = '"';
		term[w] = '\0';
		if (b.len > 0 && strstr(b.data, term))
			continue;
		if ((b.len > 0 && yk_buf_adds(&b, " OR ") != 0) || yk_buf_adds(&b, term) != 0)
			fts_die("oom");
	}
	text_tokens_release(&t);
	text_norm_release(&n);
	size_t l;
	return yk_buf_detach(&b, &l);
}

/* ---- the FTS5 table ------------------------------------------------------ */

struct fts_anchor {
	sqlite3 *db;
	sqlite3_stmt *ins, *sel;
	struct text_tokenizer *tk; /* borrowed */
};

/* Opens an in-memory FTS5 table and starts the transaction of the bulk
 * load. w_head and w_text are the bm25() column weights of the queries. */
static inline void fts_anchor_open(struct fts_anchor *a, struct text_tokenizer *tk, double w_head,
			    double w_text)
{
	memset(a, 0, sizeof(*a));
	a->tk = tk;
	if (sqlite3_open(":memory:", &a->db) != SQLITE_OK)
		fts_die("sqlite open");
	if (sqlite3_exec(a->db,
			 "CREATE VIRTUAL TABLE f USING fts5(head, text, "
			 "tokenize='unicode61 remove_diacritics 0')",
			 NULL, NULL, NULL) != SQLITE_OK)
		fts_die(sqlite3_errmsg(a->db));
	if (sqlite3_prepare_v2(a->db, "INSERT INTO f(rowid, head, text) VALUES (?, ?, ?)", -1,
			       &a->ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db,
			       "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f, ?, ?) LIMIT ?",
			       -1, &a->sel, NULL) != SQLITE_OK)
		fts_die(sqlite3_errmsg(a->db));
	sqlite3_bind_double(a->sel, 2, w_head);
	sqlite3_bind_double(a->sel, 3, w_text);
	if (sqlite3_exec(a->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		fts_die(sqlite3_errmsg(a->db));
}

/* Segments both texts with MeCab and inserts them under rowid. */
static inline void fts_anchor_add(struct fts_anchor *a, int64_t rowid, const char *head,
			   size_t head_len, const char *text, size_t text_len)
{
	char *h = segment(a->tk, head, head_len), *t = segment(a->tk, text, text_len);
	sqlite3_bind_int64(a->ins, 1, rowid);
	sqlite3_bind_text(a->ins, 2, h, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(a->ins, 3, t, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(a->ins) != SQLITE_DONE)
		fts_die(sqlite3_errmsg(a->db));
	sqlite3_reset(a->ins);
	free(h);
	free(t);
}

/* Ends the bulk load. */
static inline void fts_anchor_commit(struct fts_anchor *a)
{
	if (sqlite3_exec(a->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		fts_die(sqlite3_errmsg(a->db));
}

/* Runs an FTS5 MATCH expression (from fts_query or fts_query_content) and
 * writes at most k rowids, best first, into ranked; returns how many. An
 * empty expression matches nothing. */
static inline size_t fts_anchor_query(struct fts_anchor *a, const char *match, unsigned k,
			       int64_t *ranked)
{
	size_t n = 0;
	if (!*match)
		return 0;
	sqlite3_bind_text(a->sel, 1, match, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(a->sel, 4, (int)k);
	while (sqlite3_step(a->sel) == SQLITE_ROW && n < k)
		ranked[n++] = sqlite3_column_int64(a->sel, 0);
	sqlite3_reset(a->sel);
	return n;
}

/* Heap SQLite holds now (all connections of the process). */
static inline double fts_anchor_heap_mb(void)
{
	return (double)sqlite3_memory_used() / 1e6;
}

static inline void fts_anchor_close(struct fts_anchor *a)
{
	sqlite3_finalize(a->ins);
	sqlite3_finalize(a->sel);
	sqlite3_close(a->db);
	memset(a, 0, sizeof(*a));
}

#endif
