/* survey: reusable questionnaires, named or anonymous (アンケート).
 *
 * Feature module above store, text (key phrases of free text) and pii
 * (free text is shown masked). Knows nothing of training, wellbeing or HTTP:
 * a caller (training for 研修アンケート, wellbeing for pulse surveys) creates
 * a survey, decides who may answer, submits answers through this module and
 * asks for results, giving the denominator of the response rate itself.
 * Owns the tables survey_surveys, survey_questions, survey_responses,
 * survey_answers and survey_answered (migration 0013_training.sql).
 *
 * Question kinds: 5-point scales with fixed Japanese labels (satisfaction:
 * 満足 / やや満足 / どちらともいえない / やや不満 / 不満; usefulness: 使える /
 * やや使える / どちらともいえない / あまり使えない / 使えない), single choice,
 * multiple choice, free text. Scale values are 5 (best) .. 1 (worst).
 *
 * Anonymous surveys are unlinkable (docs/survey.md): a response stores no
 * staff id (the schema refuses one), only the day in Japan time, under a
 * random 128-bit id in a WITHOUT ROWID table, so neither a rowid nor the
 * storage order tells arrival order; "has answered" (survey, staff) lives
 * apart in survey_answered with no time. Results of an anonymous survey
 * show figures only from SURVEY_ANON_MIN_RESPONSES responses on.
 *
 * Ownership: structs returned through **out are owned by the caller and
 * freed with the matching _free (NULL is a no-op). Strings passed in are
 * borrowed for the call.
 *
 * Thread safety: functions take the calling thread's store connection and
 * keep no global state. Free text goes through the process's shared units
 * (struct survey_text): a tokenizer from the UniDic model's pool for each
 * call and the immutable guard in force, so calls from many threads run
 * side by side.
 */
#ifndef YK_SURVEY_H
#define YK_SURVEY_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "ingest/ingest.h"
#include "store/store.h"

/* ---- limits ------------------------------------------------------------ */

#define SURVEY_TITLE_MAX 200          /* bytes */
#define SURVEY_QUESTION_MAX 1000      /* bytes of a question */
#define SURVEY_QUESTIONS_MAX 100      /* questions of one survey */
#define SURVEY_CHOICES_MAX 20         /* choices of one question */
#define SURVEY_CHOICE_MAX 200         /* bytes of one choice */
#define SURVEY_TEXT_MAX 4000          /* bytes of one free-text answer */
#define SURVEY_POINTS 5               /* points of a scale */
#define SURVEY_ANON_MIN_RESPONSES 5   /* figures of an anonymous survey from here */
#define SURVEY_GROUPS_MAX 12          /* key-phrase groups of one text question */
#define SURVEY_GROUP_EXAMPLES_MAX 5   /* masked examples shown per group */
#define SURVEY_IMPORT_ROWS_MAX 20000  /* rows of one forms export */

/* ---- question kinds and scales ----------------------------------------- */

enum survey_kind { SURVEY_SCALE, SURVEY_SINGLE, SURVEY_MULTIPLE, SURVEY_TEXT };
enum survey_scale { SURVEY_SCALE_NONE, SURVEY_SCALE_SATISFACTION, SURVEY_SCALE_USEFULNESS };

/* "scale", "single", "multiple", "text"; parse gives YK_EINVAL otherwise. */
const char *survey_kind_name(enum survey_kind k);
int survey_kind_parse(const char *s, enum survey_kind *out) YK_WUR;
/* "satisfaction", "usefulness" ("" for NONE); parse: YK_EINVAL otherwise. */
const char *survey_scale_name(enum survey_scale s);
int survey_scale_parse(const char *s, enum survey_scale *out) YK_WUR;
/* Japanese label of value 1..5 on scale (static), NULL out of range. */
const char *survey_scale_label(enum survey_scale s, int value);
/* Finds label (s, len; surrounding spaces ignored) on scale (or, with
 * SURVEY_SCALE_NONE, on any scale) and gives its value. 1 when found.
 * どちらともいえない is 3 on both scales. */
int survey_scale_value(enum survey_scale s, const char *label, size_t len, int *value);

/* "YYYY-MM-DD" of unix time t in Japan time (UTC+9, no summer time). */
void survey_day(int64_t t, char out[11]);

/* ---- definition -------------------------------------------------------- */

struct survey_question_spec {
	enum survey_kind kind;
	enum survey_scale scale;      /* SCALE only */
	const char *text;
	const char *const *choices;   /* SINGLE / MULTIPLE: 2..SURVEY_CHOICES_MAX */
	size_t nchoices;
	int required;
};

struct survey_spec {
	const char *title;
	int anonymous;
	const struct survey_question_spec *questions;
	size_t nquestions;            /* 0..SURVEY_QUESTIONS_MAX */
};

enum survey_template {
	SURVEY_TEMPLATE_PRE,  /* before a session: the person's work problem */
	SURVEY_TEMPLATE_POST, /* after a session: satisfaction, usefulness, comments */
};
/* The built-in template (static, never freed). The pre-survey asks
 * 「ご自身の業務で生成AIをどのように活用予定で、どのようなことを講師に相談したい
 * ですか？」 (named); the post-survey is anonymous. */
const struct survey_spec *survey_template_spec(enum survey_template t);

/* Validates spec (lengths, UTF-8, choices, scale) and stores it. YK_EINVAL
 * with ei->field ("title", "questions[3].text"...). */
int survey_create(struct store *db, const struct survey_spec *spec, int64_t *id,
		  struct yk_errinfo *ei) YK_WUR;
/* Appends one question (after the last). Refused with YK_ECONFLICT once the
 * survey has responses. *question_id gets the new id. */
int survey_add_question(struct store *db, int64_t survey_id, const struct survey_question_spec *q,
			int64_t *question_id, struct yk_errinfo *ei) YK_WUR;
/* Opens or closes a survey for answers. */
int survey_set_closed(struct store *db, int64_t survey_id, int closed) YK_WUR;
/* Deletes a survey with its answers. */
int survey_delete(struct store *db, int64_t survey_id) YK_WUR;

struct survey_question {
	int64_t id;
	enum survey_kind kind;
	enum survey_scale scale;
	int required;
	char *text;
	char **choices;
	size_t nchoices;
};

struct survey {
	int64_t id;
	char *title;
	int anonymous;
	int closed;
	int64_t responses;
	struct survey_question *questions; /* in position order */
	size_t nquestions;
};

int survey_get(struct store *db, int64_t id, struct survey **out, struct yk_errinfo *ei) YK_WUR;
void survey_free(struct survey *s);

/* ---- answering ----------------------------------------------------------- */

/* One answer: value is 1..5 for SCALE, the 0-based choice for SINGLE;
 * choices is the bit set of chosen options for MULTIPLE; text for TEXT. */
struct survey_answer {
	int64_t question_id;
	int value;
	uint32_t choices;
	const char *text;
};

/* Stores one response. staff_id is the respondent (> 0), or 0 when not
 * known (a forms export without 職員番号): then nothing stops a double
 * answer. For an anonymous survey the staff id goes only to
 * survey_answered; the response gets a random id and today's day. Checks:
 * survey open (YK_ECONFLICT), each question of this survey at most once,
 * values in range, required questions answered, text within
 * SURVEY_TEXT_MAX and valid UTF-8 (YK_EINVAL, ei->field "answers[i]"),
 * not answered before (YK_ECONFLICT). Runs in its own transaction unless
 * in_tx (the caller holds one). */
int survey_submit(struct store *db, int64_t survey_id, int64_t staff_id,
		  const struct survey_answer *answers, size_t n, int in_tx,
		  struct yk_errinfo *ei) YK_WUR;
/* 1 when staff_id has answered survey_id, else 0 (negative on error). */
int survey_has_answered(struct store *db, int64_t survey_id, int64_t staff_id);

/* ---- results ----------------------------------------------------------- */

/* The shared units free text needs, both borrowed for the call: the one
 * UniDic model of the process (each call takes a tokenizer from its pool)
 * and the personal-information guard in force (pii_guard_current), which
 * masks the answers shown and finds the spans left out of key phrases. */
struct text_model;
struct pii_guard;
struct survey_text {
	struct text_model *model;
	struct pii_guard *guard;
};
/* For a front-end without shared units of its own (the CLI): one
 * reference to the process's model (text_model_new(dicdir)) and the guard
 * for db's settings, released with survey_text_release (which zeroes tx).
 * Errors as text_model_new() and pii_guard_current(); tx is then empty.
 * The server passes its own shared model and guard instead. */
int survey_text_open(struct store *db, const char *dicdir, struct survey_text *tx,
		     struct yk_errinfo *ei) YK_WUR;
void survey_text_release(struct survey_text *tx);

struct survey_bucket {
	char *label;     /* scale label or choice */
	int value;       /* scale value 5..1, or choice index */
	int64_t count;
	double share;    /* count / question responses (0 when none) */
};

struct survey_text_group {
	char *phrase;    /* key phrase ("その他" for the rest) */
	int64_t count;   /* answers in the group */
	char **examples; /* masked answers, at most SURVEY_GROUP_EXAMPLES_MAX */
	size_t nexamples;
};

struct survey_question_result {
	int64_t question_id;
	char *question;
	enum survey_kind kind;
	enum survey_scale scale;
	int64_t responses;            /* responses that answered this question */
	struct survey_bucket *buckets; /* scale: 5 → 1; choices in order */
	size_t nbuckets;
	double top2_share;            /* scale: share of 5 and 4; -1 otherwise */
	double mean;                  /* scale: mean value; 0 when none */
	struct survey_text_group *groups; /* text with survey_text; else NULL */
	size_t ngroups;
};

struct survey_results {
	int64_t survey_id;
	char *title;
	int anonymous;
	int64_t responses;
	int64_t invited;              /* the caller's denominator (0 = unknown) */
	double response_rate;         /* responses / invited; 0 when invited is 0 */
	int withheld;                 /* anonymous with too few responses: no figures */
	struct survey_question_result *questions;
	size_t nquestions;
};

/* Counts the answers of survey_id. invited is the denominator of the
 * response rate (attendees of a session, staff of a pulse group). tx may
 * be NULL (or lack a model or guard): free-text questions then report
 * their count only. With both,
 * free text is masked (〔氏名1〕...) and grouped by its most shared key
 * phrases (UniDic lemmas and compounds of content words, computed on the
 * text with personal information removed). */
int survey_results(struct store *db, int64_t survey_id, int64_t invited,
		   const struct survey_text *tx, struct survey_results **out,
		   struct yk_errinfo *ei) YK_WUR;
void survey_results_free(struct survey_results *r);

/* Results as CSV (UTF-8 with BOM, formula-safe cells): one row per
 * question and bucket: 設問,選択肢,件数,割合; text groups as 設問,キーワード,件数. */
int survey_results_csv(const struct survey_results *r, struct yk_buf *out) YK_WUR;

/* ---- import of a forms-service export ---------------------------------- */

/* A table already read from CSV (header + rows of cells), borrowed. */
struct survey_table {
	const char *const *header;
	size_t ncols;
	const char *const *const *rows; /* rows[i][j], j < ncols */
	const long *lines;              /* physical line of each row, for messages */
	size_t nrows;
};

/* A forms export read from CSV / TSV (.tsv) through the import unit
 * (UTF-8 or CP932, BOM, quoted newlines): every column kept, the first
 * non-blank record as the header. Pure. Problems (a row narrower or wider
 * than the header, a cell over SURVEY_TEXT_MAX, more than
 * SURVEY_IMPORT_ROWS_MAX rows) go to p; YK_EPARSE when there is any.
 * Owned copies: survey_forms_release; survey_forms_table gives the view
 * survey_import_table takes (borrowed from f). */
struct survey_forms {
	char **header;
	size_t ncols;
	const char *const **rows;
	long *lines;
	size_t nrows;
};
int survey_forms_parse(const char *bytes, size_t len, const char *file, struct survey_forms *out,
		       struct ingest_problems *p) YK_WUR;
void survey_forms_release(struct survey_forms *f);
void survey_forms_table(const struct survey_forms *f, struct survey_table *t);

/* Number of the staff member with employee number s (0 when unknown):
 * the caller resolves 職員番号 against the roster. */
typedef int64_t (*survey_staff_lookup)(void *ctx, const char *employee_no);

struct survey_import_result {
	int64_t survey_id;
	size_t rows;            /* responses stored */
	size_t questions_added;
	size_t scale_questions, text_questions;
};

/* Imports a forms export into survey_id (0: create a new survey titled
 * title, anonymous unless the export has a 職員番号 column). A first column
 * タイムスタンプ is ignored; 職員番号 links the answer (named) or only marks
 * "has answered" (anonymous). Every other column is a question, matched to
 * an existing question by its text or added: a column whose non-empty
 * cells are all labels of one scale becomes that scale, anything else free
 * text. All or nothing: any problem (unknown 職員番号, a double answer, a
 * cell too long) is YK_EPARSE with "file:line: reason" in ei and nothing is
 * stored. Runs in its own transaction. */
int survey_import_table(struct store *db, int64_t survey_id, const char *title,
			const struct survey_table *t, const char *file,
			survey_staff_lookup lookup, void *lookup_ctx,
			struct survey_import_result *res, struct yk_errinfo *ei) YK_WUR;

#endif
