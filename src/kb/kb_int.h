/* kb internals shared by the files of src/kb/: problem reporting, text
 * decoding, and the passage builder that every document parser feeds.
 * Not part of the module's contract (see kb.h). */
#ifndef YK_KB_INT_H
#define YK_KB_INT_H

#include "kb/kb.h"

/* Records a problem at line (0 = whole file) in rep->problems (rep may be
 * NULL) and returns err, so parsers can write
 * `return kb__problem(rep, YK_EPARSE, 17, "...")`. */
int kb__problem(struct kb_report *rep, int err, long line, const char *fmt, ...)
	YK_PRINTF(4, 5);

/* Collapses runs of white space (ASCII, U+3000, line breaks) in s[0..len)
 * into one ASCII space, drops it entirely where a line break joined two
 * non-ASCII characters (Japanese text wrapped by a layout), trims both
 * ends, and appends the result to out. Returns YK_ELIMIT past out's limit. */
int kb__text_clean(const char *s, size_t len, struct yk_buf *out) YK_WUR;

/* ---- passage builder --------------------------------------------------- */

/* Turns a stream of headings, paragraphs and page changes into passages
 * (see KB_PASSAGE_TARGET / KB_PASSAGE_MAX in kb.h). Owns its buffers. */
struct kb__doc {
	kb_record_fn fn;
	void *ctx;
	struct kb_report *rep;
	struct yk_buf title;
	struct yk_buf heads[KB_HEADING_DEPTH];
	struct yk_buf path;     /* scratch: joined heading path */
	struct yk_buf body;     /* pending passage */
	struct yk_buf para;     /* scratch: cleaned paragraph */
	size_t body_chars;
	int64_t page;           /* current page / slide, 0 none */
	char locator[KB_HEADING_MAX + 32];
	int64_t body_page;      /* page where the pending passage started */
	char body_locator[KB_HEADING_MAX + 32];
	size_t passages;
	int stopped;            /* fn returned non-zero: its value */
};

void kb__doc_init(struct kb__doc *d, kb_record_fn fn, void *ctx, struct kb_report *rep);
void kb__doc_release(struct kb__doc *d);
/* Document title; the file name (without directory and extension) is used
 * when a format gives none. */
int kb__doc_title(struct kb__doc *d, const char *s, size_t len) YK_WUR;
/* A heading at level 1..KB_HEADING_DEPTH (deeper levels are clamped):
 * ends the pending passage, replaces that level, clears deeper ones. */
int kb__doc_heading(struct kb__doc *d, int level, const char *s, size_t len) YK_WUR;
/* A paragraph of raw text (cleaned with kb__text_clean). */
int kb__doc_para(struct kb__doc *d, const char *s, size_t len) YK_WUR;
/* Moves to a new page / sheet / slide; ends the pending passage so that a
 * passage never spans two places. locator may be "". */
int kb__doc_place(struct kb__doc *d, int64_t page, const char *locator) YK_WUR;
/* Ends the pending passage. */
int kb__doc_flush(struct kb__doc *d) YK_WUR;

/* Title default from a source name: "docs/規程集.pdf" -> "規程集". */
void kb__title_from_name(const char *name, char *out, size_t outsz);

/* Keeps libxml2 quiet on this thread: some errors (encoding) bypass the
 * NOERROR parser flags and would be printed on stderr. Problems are
 * reported through struct kb_report instead. */
void kb__xml_quiet(void);

/* ---- text reader --------------------------------------------------------- */

/* Reads lines of plain text or Markdown into a kb__doc: paragraphs end at
 * blank lines; Markdown headings; in plain text the headings of Japanese
 * regulations (第1章, 第2節, 第3条) with the caption line "（目的）" held
 * back to join the next article's heading. DOCX and HTML feed their
 * paragraphs through one reader too, so that regulations written as plain
 * paragraphs get the same headings. */
struct kb__text {
	struct kb__doc *d;
	int markdown;
	struct yk_buf para;    /* raw lines of the current paragraph */
	int para_lines;
	int seen_body;         /* a paragraph was emitted: later H1s are headings */
	int fence;             /* inside a Markdown code fence */
	int want_title;        /* the first paragraph may be the title */
	struct yk_buf caption; /* a held "（目的）" line */
};

void kb__text_init(struct kb__text *t, struct kb__doc *d, int markdown);
void kb__text_release(struct kb__text *t);
/* Feeds s (one or more lines separated by '\n'). */
int kb__text_lines(struct kb__text *t, const char *s, size_t len) YK_WUR;
/* Ends the current paragraph, as a blank line does. */
int kb__text_break(struct kb__text *t) YK_WUR;
/* Ends the paragraph and gives out a held caption: call before a heading
 * or place change that comes from elsewhere, and at the end. */
int kb__text_flush(struct kb__text *t) YK_WUR;

/* The whole of s through one reader. flags: KB__TEXT_MARKDOWN for
 * Markdown; KB__TEXT_TITLE when a first paragraph that is one short line
 * (not a sentence, heading or page number) is the document's title, as in
 * plain text files and on the first page of a PDF. */
enum { KB__TEXT_MARKDOWN = 1, KB__TEXT_TITLE = 2 };
int kb__parse_text(const char *s, size_t len, int flags, struct kb__doc *d) YK_WUR;

/* HTML (libxml2); Office Open XML. */
int kb__parse_html(const char *bytes, size_t len, struct kb__doc *d) YK_WUR;
int kb__parse_ooxml(enum kb_format format, const char *bytes, size_t len,
		    struct kb__doc *d) YK_WUR;

/* kb_pdf_to_text with the limits as parameters (the tests use small ones). */
int kb__pdf_run(const char *bytes, size_t len, int64_t timeout_ms, size_t max_out, char **text,
		size_t *text_len, struct kb_report *rep) YK_WUR;

/* FAQ tables. */
int kb__parse_faq_table(char sep, const char *bytes, size_t len, kb_record_fn fn, void *ctx,
			struct kb_report *rep) YK_WUR;
int kb__parse_faq_json(int lines, const char *bytes, size_t len, kb_record_fn fn, void *ctx,
		       struct kb_report *rep) YK_WUR;

/* The FAQ fields, in the order of kb__faq_columns (the header names that
 * map to them, for CSV/TSV headers and JSON keys alike). */
enum kb__field {
	KB__F_ID,
	KB__F_QUESTION,
	KB__F_ANSWER,
	KB__F_CATEGORY,
	KB__F_URL,
	KB__F_PUBLIC,
	KB__F_COUNT
};
extern const struct ingest_column kb__faq_columns[KB__F_COUNT];
/* Parses a public flag; -1 when not one of the accepted spellings. */
int kb__public_parse(const char *s, size_t len);
/* Checks an FAQ record's fields (question, answer non-empty; url shape;
 * lengths); 0 or a problem message into msg. names[] are the column names
 * as written in the file (for messages). */
int kb__faq_check(const struct kb_record *r, const char *const names[KB__F_COUNT], char *msg,
		  size_t msgsz);

#endif
