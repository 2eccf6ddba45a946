/* ingest: the one import unit. Every importer of staff-made tables (the
 * roster, FAQ tables, and the usage logs, attendance lists, survey
 * exports, certifications and paper stress-check sheets still to come)
 * reads its file through here.
 *
 * Foundation module: depends on core only (and glibc iconv). Three parts:
 *
 *  - Text decoding: UTF-8 or CP932 (Shift_JIS as Excel on Windows saves
 *    it), with or without a BOM. Bytes that are not valid UTF-8 are decoded
 *    as CP932; bytes that are neither, or a NUL byte, are a problem naming
 *    the line.
 *  - A CSV / TSV reader (RFC 4180: quoted fields with separators, doubled
 *    quotes and line breaks; CRLF, LF or a bare CR ends a record) with a
 *    header row mapped onto the caller's columns. A column table gives for
 *    each column a canonical key ("question"), a Japanese label ("質問")
 *    and further aliases; names match ASCII case-insensitively after
 *    trimming white space (ASCII and U+3000). Values are trimmed the same
 *    way.
 *  - Problem lists: every problem has a line (1-based, 0 = the file as a
 *    whole) and one Japanese message. A problem about a column starts with
 *    the column's name as the file spells it in 「」, so that staff read,
 *    in the web page, in the API and on the command line alike:
 *
 *        roster.csv:17: 「メール」: メールアドレスの形式が正しくありません
 *        faq.csv:4: 「回答」が空です
 *        faq.csv: ファイルが空です（1 行目に列名の行が必要です）
 *
 * Import semantics are all or nothing: the reader hands each well-formed
 * data row to a callback, which checks it (adding its own problems) and
 * collects it; the caller stores nothing unless ingest_table() returned 0,
 * i.e. no problem at all was found. After the first problem the reader
 * still reads and checks the rest of the file, so that staff can fix every
 * line in one go.
 *
 * Everything here is pure (no I/O, no globals, NUL termination of input
 * not assumed) and reentrant; a struct ingest_problems belongs to one
 * thread at a time. Every size driven by the file has a named limit
 * (struct ingest_limits) and fails with YK_ELIMIT.
 */
#ifndef YK_INGEST_H
#define YK_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* ---- limits -------------------------------------------------------------- */

/* Defaults, used for a zero field of struct ingest_limits. */
#define INGEST_BYTES_MAX (64u << 20)   /* bytes of one file, before decoding */
#define INGEST_ROWS_MAX 100000         /* data rows (blank lines not counted) */
#define INGEST_FIELDS_MAX 64           /* fields in one record */
#define INGEST_FIELD_MAX (64u << 10)   /* bytes of one decoded field */

#define INGEST_PROBLEMS_KEPT 100       /* problems kept in a list (all counted) */
#define INGEST_MESSAGE_MAX 320         /* bytes of one message, NUL included */
#define INGEST_COLUMN_NAME_MAX 64      /* bytes of a column name kept in a problem */
#define INGEST_ALIASES_MAX 6           /* aliases of one column */

struct ingest_limits {
	size_t bytes;
	size_t rows;
	size_t fields;
	size_t field_len;
};

/* ---- problem lists ------------------------------------------------------- */

struct ingest_problem {
	long line;                             /* 1-based; 0 = the whole file */
	char column[INGEST_COLUMN_NAME_MAX];   /* as the file spells it; "" if none */
	char message[INGEST_MESSAGE_MAX];      /* Japanese; no file name, no line */
};

/* A value type: zero-initialise (or ingest_problems_init) before use. */
struct ingest_problems {
	size_t count; /* every problem added; may exceed the kept ones */
	struct ingest_problem item[INGEST_PROBLEMS_KEPT];
};

void ingest_problems_init(struct ingest_problems *p);
/* Kept problems: min(count, INGEST_PROBLEMS_KEPT). */
size_t ingest_problems_kept(const struct ingest_problems *p);

/* Adds a problem at line and returns err, so that a checker can write
 * `return ingest_problem(p, YK_EPARSE, 17, "...")`. p may be NULL (only err
 * is returned). Messages longer than INGEST_MESSAGE_MAX are cut at a
 * character boundary. */
int ingest_problem(struct ingest_problems *p, int err, long line, const char *fmt, ...)
	YK_PRINTF(4, 5);
int ingest_problemv(struct ingest_problems *p, int err, long line, const char *fmt, va_list ap)
	YK_PRINTF(4, 0);
/* The same about a column: the message becomes "「column」" followed by the
 * formatted text (write it to follow the name: "が空です", ": 形式が..."). */
int ingest_problem_col(struct ingest_problems *p, int err, long line, const char *column,
		       const char *fmt, ...) YK_PRINTF(5, 6);

/* The one display form: "FILE:LINE: message", or "FILE: message" for line
 * 0 ("-" when file is NULL or ""). Used by the CLI, the API ("text") and
 * therefore the web pages. */
void ingest_problem_format(const char *file, const struct ingest_problem *pr, char *out,
			   size_t outsz);

/* Puts the first problem into ei (file, line, field = its column, and
 * its message), so that yk_errinfo_format(ei) reads exactly as
 * ingest_problem_format. Leaves ei alone when p has no problem. Returns
 * err. ei may be NULL. */
int ingest_problems_errinfo(const struct ingest_problems *p, const char *file, int err,
			    struct yk_errinfo *ei);

/* ---- text decoding ------------------------------------------------------- */

/* Appends the UTF-8 text of bytes to out: a UTF-8 BOM is dropped; bytes
 * that are not valid UTF-8 are decoded as CP932. Line structure is kept
 * (CP932 never uses 0x0A or 0x0D in a trail byte), so lines of problems
 * found later point into the original file. Errors (each also a problem in
 * p): YK_EPARSE for a NUL byte or bytes that are neither UTF-8 nor CP932
 * (at the line of the first bad byte), YK_ELIMIT when out's limit is
 * passed (give out a limit of 3 * len + 1 to never hit it: CP932 grows at
 * most threefold), YK_EIO when iconv lacks CP932. */
int ingest_decode(const char *bytes, size_t len, struct yk_buf *out,
		  struct ingest_problems *p) YK_WUR;

/* 1-based line number of byte offset off in s[0..len) (LF counted). */
long ingest_line_at(const char *s, size_t len, size_t off);

/* Trims ASCII white space (space, tab, CR, LF) and U+3000 at both ends of
 * [*s, *s + *len). */
void ingest_trim(const char **s, size_t *len);

/* ---- columns ------------------------------------------------------------- */

enum ingest_column_flags {
	INGEST_REQUIRED = 1, /* the header must name the column */
	INGEST_NONEMPTY = 2, /* every row must have a value ("「氏名」が空です") */
};

/* One of the caller's columns; tables are usually static const. */
struct ingest_column {
	const char *key;   /* canonical English name, also accepted as a name */
	const char *label; /* Japanese name, accepted too; used in messages
			      when the file does not name the column */
	unsigned flags;    /* enum ingest_column_flags */
	const char *aliases[INGEST_ALIASES_MAX]; /* further names; NULL ends */
};

/* Index in columns[0..n) of the column called name (trimmed, ASCII
 * case-insensitive; key, label or alias); -1 when none. For formats whose
 * names come from elsewhere (JSON keys). */
int ingest_column_find(const struct ingest_column *columns, size_t n, const char *name,
		       size_t len);

/* "question, answer, ... または 質問, 回答, ..." into out: the names a
 * file may use, for messages. */
void ingest_column_names(const struct ingest_column *columns, size_t n, char *out,
			 size_t outsz);

/* ---- tables (CSV / TSV) -------------------------------------------------- */

enum ingest_unknown {
	INGEST_UNKNOWN_REPORT = 0, /* an unknown column is a problem */
	INGEST_UNKNOWN_IGNORE = 1, /* unknown columns are skipped */
};

struct ingest_spec {
	const struct ingest_column *columns; /* borrowed for the call */
	size_t ncolumns;                     /* <= INGEST_FIELDS_MAX */
	char separator;                      /* ',' or '\t'; 0 = ',' */
	enum ingest_unknown unknown;
	struct ingest_limits limits;         /* zero fields = the defaults */
};

/* One data row, borrowed: valid only during the callback. Arrays are
 * indexed by the caller's column (0..ncolumns-1). */
struct ingest_row {
	long line;                 /* 1-based line where the record starts */
	size_t number;             /* 1-based data row number */
	size_t ncolumns;
	const char *const *value;  /* trimmed, NUL-terminated; "" when absent */
	const size_t *len;         /* byte length of value[k] */
	const unsigned char *present; /* 1 when the header names column k */
	const char *const *name;   /* column k as the file spells it, or its label */
	int ok;                    /* 0 when the reader already found a problem
				      in this row (an empty INGEST_NONEMPTY value) */
};

/* Checks one row: add problems with ingest_row_problem(); collect the row
 * (copying what is needed) only while no problem has been found at all
 * (p->count == 0), since nothing is stored otherwise. Return 0 to go on;
 * any other value stops the reader, which returns it. */
typedef int (*ingest_row_fn)(void *ctx, const struct ingest_row *row,
			     struct ingest_problems *p);

/* A problem at the row's line about column k (its name as in the file),
 * or about the row when k < 0. Returns YK_EPARSE. */
int ingest_row_problem(const struct ingest_row *row, struct ingest_problems *p, int k,
		       const char *fmt, ...) YK_PRINTF(4, 5);

/* Reads a table: decodes the bytes (ingest_decode), takes the first
 * non-blank record as the header and maps it onto spec->columns, then
 * calls fn for each data row in file order. Blank lines are skipped. A row
 * with another number of fields than the header is a problem (fn is not
 * called for it); a broken quote ends the reading (the rest of the file
 * cannot be trusted).
 *
 * Header problems (unknown column when spec->unknown says so, a column
 * named twice, a missing INGEST_REQUIRED column, an empty file) end the
 * reading before any row.
 *
 * Returns 0 when no problem was found (fn saw every row), YK_EPARSE when
 * there were problems (all in p, with fn's own), YK_ELIMIT when a limit of
 * spec->limits was passed (reading stops; a problem says which), YK_EIO
 * (no CP932 in iconv), YK_EINVAL for a bad spec, or fn's non-zero value.
 * p is required and is added to (not cleared). */
int ingest_table(const struct ingest_spec *spec, const char *bytes, size_t len,
		 ingest_row_fn fn, void *ctx, struct ingest_problems *p) YK_WUR;

/* ---- repeated keys ------------------------------------------------------- */

/* A set of keys with the line each was first seen on, to report repeats
 * ("「職員番号」が 2 行目と重複しています"). Zero-initialise; bounded by
 * the rows limit of the file it serves. */
struct ingest_seen {
	struct yk_buf keys; /* internal */
	size_t *slot;       /* internal */
	long *line;         /* internal */
	size_t cap, count;
};

/* Returns the line key[0..len) was first added with, or 0 after adding it
 * with line. */
long ingest_seen_add(struct ingest_seen *s, const char *key, size_t len, long line);
void ingest_seen_release(struct ingest_seen *s);

/* ---- raw records ----------------------------------------------------------- */

/* One record as the file has it (the header included), fields trimmed and
 * NUL-terminated, borrowed for the call. Return 0 to go on. */
typedef int (*ingest_record_fn)(void *ctx, long line, const char *const *fields,
				const size_t *lens, size_t n, struct ingest_problems *p);

/* For tables whose columns are not known in advance (a forms-service
 * export, where every column is a question): decodes like ingest_table and
 * calls fn for every non-blank record in file order, the first being the
 * header; the caller maps the columns itself. Same limits (rows counts the
 * records after the first), same problems, same return values. limits may
 * be NULL (the defaults); separator 0 is ','. */
int ingest_records(const char *bytes, size_t len, char separator, const struct ingest_limits *limits,
		   ingest_record_fn fn, void *ctx, struct ingest_problems *p) YK_WUR;

#endif
