/* kb: the knowledge base of the inquiry assistant (issue 3, 問い合わせAI).
 *
 * Feature module above core, store, ingest (FAQ tables) and audit (the log
 * of editors' changes). Two halves:
 *
 *  - Parsers: pure functions over (bytes, len) that turn an FAQ table
 *    (CSV, TSV, JSON, JSONL) or a document (Markdown, text, HTML, DOCX,
 *    XLSX, PPTX; PDF through the pdftotext subprocess) into records, given
 *    to a callback one at a time. Documents are split into passages of a
 *    few hundred characters at headings and paragraphs, each keeping the
 *    title, heading path and page / sheet / slide, so that an answer can
 *    cite "規程集.pdf p.12 第3条". Every problem is reported precisely
 *    ("faq.csv:17: 列 \"answer\" が空です") in a struct kb_report.
 *  - Storage: the tables kb_sources and kb_entries (migration 0003_kb.sql).
 *    An import is all or nothing per file; an unchanged file (same SHA-256)
 *    is left alone; a changed file replaces its old entries in one
 *    transaction. Editors create, change, hide and delete entries; every
 *    such change writes an audit line in the same transaction.
 *
 * Thread safety: all functions are reentrant. Store functions use only the
 * connection they are given (one per thread, see store.h). The libxml2
 * based parsers may be called from several threads at once (libxml2 is
 * initialised once under pthread_once; its error output is switched off
 * for the calling thread, the only state they touch).
 *
 * Strings are UTF-8 and NUL-terminated unless a length is given.
 */
#ifndef YK_KB_H
#define YK_KB_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "ingest/ingest.h"
#include "store/store.h"

struct audit_actor; /* src/audit/audit.h */

/* ---- limits (all driven by outside input) ------------------------------ */

#define KB_FILE_MAX (64u << 20)        /* bytes of one imported file */
#define KB_ROWS_MAX 100000             /* FAQ rows / JSON items per file */
#define KB_FIELD_MAX (64u << 10)       /* bytes of one FAQ field after decoding */
#define KB_COLUMNS_MAX 64              /* columns in an FAQ header row */
#define KB_NAME_MAX 255                /* bytes of a source name (path) */
#define KB_PASSAGES_MAX 200000         /* passages per document */
#define KB_HEADING_DEPTH 6             /* heading levels kept in a path */
#define KB_HEADING_MAX 400             /* bytes of one heading */
#define KB_XML_DEPTH_MAX 200           /* element nesting in HTML/Office XML */
#define KB_ZIP_ENTRIES_MAX 10000       /* entries in a DOCX/XLSX/PPTX */
#define KB_ZIP_ENTRY_MAX (64u << 20)   /* uncompressed bytes of one part */
#define KB_ZIP_TOTAL_MAX (256u << 20)  /* uncompressed bytes read per file */
#define KB_ZIP_RATIO_MAX 200           /* uncompressed : compressed per part */
#define KB_SHEET_CELLS_MAX 2000000     /* cells read from one workbook */
#define KB_PDF_TEXT_MAX (64u << 20)    /* bytes of text pdftotext may print */
#define KB_PDF_TIMEOUT_MS 60000        /* wall time for one pdftotext run */

/* Passage sizes in characters (code points). A passage grows paragraph by
 * paragraph up to KB_PASSAGE_TARGET; a paragraph longer than that is split
 * at sentence ends, and nothing is ever longer than KB_PASSAGE_MAX. */
#define KB_PASSAGE_TARGET 400
#define KB_PASSAGE_MAX 800

/* ---- formats ----------------------------------------------------------- */

enum kb_format {
	KB_FORMAT_UNKNOWN = 0,
	KB_FORMAT_CSV,
	KB_FORMAT_TSV,
	KB_FORMAT_JSON,
	KB_FORMAT_JSONL,
	KB_FORMAT_MARKDOWN,
	KB_FORMAT_TEXT,
	KB_FORMAT_HTML,
	KB_FORMAT_PDF,
	KB_FORMAT_DOCX,
	KB_FORMAT_XLSX,
	KB_FORMAT_PPTX,
};

/* From the file name's extension, case-insensitive (.csv .tsv .json
 * .jsonl/.ndjson .md/.markdown .txt .html/.htm .pdf .docx .xlsx .pptx);
 * KB_FORMAT_UNKNOWN otherwise. */
enum kb_format kb_format_from_name(const char *name);
/* "csv", "tsv", ... (the value stored in kb_sources.kind); static. */
const char *kb_format_name(enum kb_format f);

/* ---- records (what the parsers produce) -------------------------------- */

enum kb_kind { KB_KIND_FAQ = 1, KB_KIND_PASSAGE = 2 };

/* One FAQ entry or one document passage. All strings are borrowed from
 * the parser and valid only during the callback; never NULL ("" when
 * absent). FAQ records fill question/answer (and the optional columns);
 * passages fill title, heading_path ("第1章 総則 > 第3条"), body, and the
 * place in the file: page (PDF page or PPTX slide number, 0 if none) and
 * locator ("p.12", "シート「料金表」", "スライド 3", "" if none). */
struct kb_record {
	enum kb_kind kind;
	long line;               /* FAQ: 1-based line where the row starts (0 for
				    JSON array items and for passages) */
	const char *external_id; /* FAQ "id" column */
	const char *question;
	const char *answer;
	const char *category;
	const char *url;
	int is_public;           /* FAQ "public" column; 0 when absent */
	const char *title;
	const char *heading_path;
	const char *body;
	int64_t page;
	const char *locator;
};

/* Return 0 to go on; any other value stops the parser, which returns it. */
typedef int (*kb_record_fn)(void *ctx, const struct kb_record *rec);

/* ---- reports ----------------------------------------------------------- */

enum kb_import_status {
	KB_IMPORT_FAILED = 0, /* nothing stored; see problems */
	KB_IMPORT_NEW,        /* a new source */
	KB_IMPORT_REPLACED,   /* changed file: old entries replaced */
	KB_IMPORT_UNCHANGED,  /* same content as stored: nothing done */
};

/* What happened to one file. The parsers fill format, records and the
 * problems; kb_import_file also status and source_id. Problems are shown
 * as ingest_problem_format(rep->name, &rep->problems.item[i], ...):
 * "faq.csv:17: 「回答」が空です". */
struct kb_report {
	char name[KB_NAME_MAX + 1];
	enum kb_format format;
	enum kb_import_status status;
	int64_t source_id;
	size_t records;        /* records parsed (or stored) */
	struct ingest_problems problems;
};

void kb_report_init(struct kb_report *rep, const char *name);

/* ---- parsers ----------------------------------------------------------- */

/* Parses one file of any supported format (chosen by kb_format_from_name
 * of rep->name) and calls fn for each record in file order.
 *
 * Pure for every format except PDF, which runs pdftotext (see
 * kb_pdf_to_text). Text input is UTF-8 or CP932 (decoded with iconv when the
 * bytes are not valid UTF-8), with or without a BOM.
 *
 * FAQ tables (CSV/TSV read by the import unit, src/ingest/) need a header
 * row naming at least question and answer; also accepted are id, category,
 * url and public, or the Japanese names 質問, 回答, 番号/ID,
 * カテゴリ/カテゴリー/分類, URL, 公開. Unknown or repeated columns, empty
 * question or answer, repeated ids, bad public values and ragged rows are
 * problems (with their line). public accepts 1/0, true/false, yes/no, 公開/非公開,
 * はい/いいえ, ○/× and empty (= 0).
 *
 * rep is required: kb_report_init() it with the file name first. fn may be
 * NULL to only check a file.
 *
 * rep->records counts the valid records (FAQ parsers keep checking after a
 * problem, to report every bad line, but call fn no more).
 *
 * Returns 0 when the file was read without any problem. Otherwise YK_EPARSE
 * (problems are in rep; records may have been given to fn before the
 * problem was found: collect, and store only on success), YK_ELIMIT (a
 * named limit was passed; also in rep), YK_EINVAL (unknown format), for
 * PDF also YK_ETIMEOUT / YK_EIO (see kb_pdf_to_text), or the non-zero value
 * returned by fn. */
int kb_parse(const char *bytes, size_t len, kb_record_fn fn, void *ctx,
	     struct kb_report *rep) YK_WUR;

/* The same for a given format (used by the fuzz targets and by kb_parse). */
int kb_parse_format(enum kb_format format, const char *bytes, size_t len, kb_record_fn fn,
		    void *ctx, struct kb_report *rep) YK_WUR;

/* Runs `pdftotext -layout -enc UTF-8` on the PDF bytes (written to a
 * private temporary file) as a subprocess started with posix_spawn, killed
 * after KB_PDF_TIMEOUT_MS or when it prints more than KB_PDF_TEXT_MAX.
 * Pages are separated by '\f' in *text (owned by the caller, free()).
 * Errors: YK_EPARSE (not a PDF, damaged or encrypted; rep explains),
 * YK_ETIMEOUT, YK_ELIMIT, YK_EIO (pdftotext missing or failed to start). */
int kb_pdf_to_text(const char *bytes, size_t len, char **text, size_t *text_len,
		   struct kb_report *rep) YK_WUR;

/* Splits pdftotext output (pages separated by '\f') into passages with
 * page numbers; pure. An output without any text is the problem
 * "文字情報がありません" (a scanned PDF without a text layer). */
int kb_parse_pdf_text(const char *text, size_t len, kb_record_fn fn, void *ctx,
		      struct kb_report *rep) YK_WUR;

/* ---- storage ----------------------------------------------------------- */

/* Parses and stores one file under name (the path as given; it identifies
 * the source, so importing the same name again updates it).
 *  - a file with any problem stores nothing: status FAILED, problems in
 *    rep, the first one also in ei->message ("faq.csv:17: ..."), return
 *    as kb_parse (YK_EINVAL also for an empty, too long or non-UTF-8 name);
 *  - a database error rolls everything back: status FAILED, YK_EDB /
 *    YK_EBUSY / YK_ECONFLICT with detail in ei;
 *  - the same content as already stored: status UNCHANGED, nothing written;
 *  - otherwise NEW or REPLACED: the source row and all its entries are
 *    written in one transaction (old entries of the source are deleted;
 *    editors' edits to them are lost, as the file is the master copy, but
 *    an entry an editor hid stays hidden when the new version of the file
 *    has a row with the same id column value).
 * actor may be NULL (the CLI); its user_id is kept as imported_by.
 * Audit: "kb.import" with the counts (only for NEW / REPLACED). */
int kb_import_file(struct store *db, const struct audit_actor *actor, const char *name,
		   const char *bytes, size_t len, struct kb_report *rep,
		   struct yk_errinfo *ei) YK_WUR;

struct kb_source {
	int64_t id;
	char name[KB_NAME_MAX + 1];
	char kind[16];            /* kb_format_name() */
	char sha256[65];
	int64_t size;
	int64_t entry_count;
	int64_t imported_at;
	int64_t imported_by;      /* users.id, 0 = CLI / system */
};

int kb_source_get(struct store *db, int64_t id, struct kb_source *out) YK_WUR;
/* Sources ordered by name. fn returning non-zero stops (that value is
 * returned). */
int kb_source_list(struct store *db, int (*fn)(void *ctx, const struct kb_source *s),
		   void *ctx) YK_WUR;
/* Deletes a source and (ON DELETE CASCADE) its entries. YK_ENOTFOUND when
 * absent. Audit: "kb.source.delete". */
int kb_source_delete(struct store *db, const struct audit_actor *actor, int64_t id,
		     struct yk_errinfo *ei) YK_WUR;

/* An entry as stored. Strings are borrowed: valid during the callback that
 * gives the entry, or until kb_entry_release() for kb_entry_get(). */
struct kb_entry {
	int64_t id;
	int64_t source_id;        /* 0 for an entry written by an editor */
	enum kb_kind kind;
	const char *external_id;  /* "" when none */
	const char *question, *answer;
	const char *title, *heading_path, *body;
	int64_t page;
	const char *locator;
	const char *category, *url;
	const char *source_name;  /* "" for an editor's entry */
	int is_public;
	int hidden;
	int64_t created_at, updated_at;
	int64_t version;          /* +1 on every change of the entry */
	void *owned_;             /* internal */
};

/* Reads one entry into out (strings owned by out until
 * kb_entry_release). YK_ENOTFOUND when absent. */
int kb_entry_get(struct store *db, int64_t id, struct kb_entry *out) YK_WUR;
void kb_entry_release(struct kb_entry *e);

/* Reads the entries with the given ids (hidden ones included; absent ids
 * are skipped) in one cached statement and calls fn for each, in no
 * particular order; strings are valid during the call only. n at most
 * KB_GET_MANY_MAX (YK_EINVAL). fn returning non-zero stops (that value is
 * returned). For the question hot path. */
#define KB_GET_MANY_MAX 12
int kb_entry_get_many(struct store *db, const int64_t *ids, size_t n,
		      int (*fn)(void *ctx, const struct kb_entry *e), void *ctx) YK_WUR;

/* What an editor writes; strings borrowed for the call, NULL = "". An
 * FAQ entry needs question and answer, a passage needs body. Lengths are
 * limited to KB_FIELD_MAX and must be valid UTF-8 (YK_EINVAL, ei->field
 * names the field). */
struct kb_entry_spec {
	enum kb_kind kind;
	const char *question, *answer;
	const char *title, *heading_path, *body;
	const char *category, *url;
	int is_public;
};

/* Audit: "kb.entry.create". */
int kb_entry_create(struct store *db, const struct audit_actor *actor,
		    const struct kb_entry_spec *spec, int64_t *id, struct yk_errinfo *ei) YK_WUR;
/* Replaces the editable fields (kind stays). YK_ENOTFOUND when absent.
 * Audit: "kb.entry.update". */
int kb_entry_update(struct store *db, const struct audit_actor *actor, int64_t id,
		    const struct kb_entry_spec *spec, struct yk_errinfo *ei) YK_WUR;
/* Hidden entries stay stored but are not searched or shown to citizens.
 * Audit: "kb.entry.hide" / "kb.entry.show". */
int kb_entry_set_hidden(struct store *db, const struct audit_actor *actor, int64_t id,
			int hidden, struct yk_errinfo *ei) YK_WUR;
/* Audit: "kb.entry.delete". */
int kb_entry_delete(struct store *db, const struct audit_actor *actor, int64_t id,
		    struct yk_errinfo *ei) YK_WUR;

/* Filter for kb_entry_list; zero-initialise, then set what is wanted. */
struct kb_entry_filter {
	int64_t source_id;        /* 0 = any; -1 = editors' entries only */
	enum kb_kind kind;        /* 0 = any */
	const char *category;     /* NULL = any */
	const char *text;         /* NULL = any; substring of question, answer,
				     title, heading path or body */
	int include_hidden;       /* 0: only visible entries */
	int public_only;
};

#define KB_LIST_LIMIT_MAX 500

/* Entries matching f ordered by source then position (editors' entries
 * last, by id), from offset, at most limit (<= KB_LIST_LIMIT_MAX,
 * YK_EINVAL otherwise). *total gets the number of all matching entries. */
int kb_entry_list(struct store *db, const struct kb_entry_filter *f, int64_t offset,
		  int64_t limit, int (*fn)(void *ctx, const struct kb_entry *e), void *ctx,
		  int64_t *total) YK_WUR;

/* Every visible (not hidden) entry, in id order, for the search index
 * builder. Reads in one snapshot (a read transaction), so a concurrent
 * import is seen entirely or not at all. fn returning non-zero stops. */
int kb_entry_foreach(struct store *db, int (*fn)(void *ctx, const struct kb_entry *e),
		     void *ctx) YK_WUR;

/* A counter that grows with every committed change to kb_entries (each
 * kb function that writes moves it once, in the same transaction), so the
 * search index knows from one number when it is stale. */
int kb_generation(struct store *db, int64_t *generation) YK_WUR;

#endif
