/* qa: 問い合わせAI — answers questions from the knowledge base with
 * sources, logs every question with its decision, takes 👍/👎 feedback and
 * turns what it could not answer into work for editors.
 *
 * Feature module above kb (entries), search (ranking), text (MeCab), pii
 * (the log's masking) and usage (events). It owns the tables of migration
 * 0006_qa.sql (qa_questions, qa_feedback, qa_synonyms, qa_state) and
 * qa_index_changes (0010).
 *
 * Files, by concern (each includes qa_int.h only, none another's):
 *   qa.c        lifecycle, tokenizers from text/'s pool, result buffers
 *   qa_index.c  the search snapshot: first build, deltas from the change
 *               log, synonyms, what entries learned from 👍
 *   qa_ask.c    asking: checks, ranking, the typed answer
 *   qa_log.c    the question log (group-commit writer) and feedback
 *   qa_editor.c unanswered questions, resolving, the synonym table
 *
 * The index in use is an immutable snapshot: the search snapshot and the
 * display fields (and their JSON) of every indexed entry, so a question
 * reads no entry from the database. A question reads one number (the
 * newest qa_index_changes.seq); when it moved, the changed entries are
 * applied as a delta (docs/decisions/0007) and the new snapshot replaces
 * the old one by a pointer swap; questions in flight, and answers until
 * released, keep the one they took. Readers take no lock.
 *
 * Questions are logged by one writer thread in group commits
 * (docs/decisions/0008): a question row and its usage event are queued
 * and written at most QA_LOG_INTERVAL_MS later, in one transaction with
 * the other rows of that interval; qa_flush() and qa_free() write what is
 * queued.
 *
 * Thread safety: one struct qa is shared by all threads. qa_ask may run on
 * many threads at once, each with its own store connection.
 */
#ifndef YK_QA_H
#define YK_QA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "store/store.h"

struct audit_actor;

#define QA_QUESTION_MAX 2000      /* bytes of a question: the one limit for every
				   * front-end (api, ws, cli); checked by qa_question_check */
#define QA_SOURCES_MAX 5          /* sources listed with an answer */
#define QA_SOURCE_MIN_RATIO 0.5f  /* sources after the first score at least
				   * this share of the top */
#define QA_RELATED_MAX 5          /* related questions listed */
#define QA_RELATED_MIN_RATIO 0.4f /* ... scoring at least this share of the top */
#define QA_SNIPPET_CHARS 160      /* characters of a source snippet (about: it
				   * starts and ends at morpheme boundaries) */
#define QA_COMMENT_MAX 1000       /* bytes of a feedback comment */
#define QA_LEARNED_MAX 20         /* 👍 questions an entry learns from (newest) */
#define QA_UNANSWERED_SCAN 5000   /* newest open questions grouped at most */
#define QA_LOG_INTERVAL_MS 5      /* longest a question row waits in the queue */
#define QA_LOG_BATCH 512          /* rows that wake the writer before the interval */
#define QA_LOG_QUEUE_MAX 65536    /* queued rows; askers wait beyond this */

struct qa;

struct pii_guard_slot;

/* Loads the MeCab model (dicdir NULL: the UniDic search of text_model_new).
 * The index is built on first use. guards (borrowed, must outlive qa) is
 * the process's one personal-information guard, used to mask the question
 * log and feedback comments with the pii_allow_list setting; NULL makes qa
 * a slot of its own on the same model (the CLI). */
int qa_new(const char *dicdir, struct pii_guard_slot *guards, struct qa **out,
	   struct yk_errinfo *ei) YK_WUR;
void qa_free(struct qa *qa); /* NULL is a no-op */

/* The front-end's encoding of a text as a JSON string literal (appended
 * to b; nonzero on failure), applied once to each entry's text fields as
 * it enters the index (struct qa_json_text). Set it before the first
 * question (the index is built on first use); without it, json is NULL. */
typedef int (*qa_json_encoder)(struct yk_buf *b, const char *s, size_t len);
void qa_set_json_encoder(struct qa *qa, qa_json_encoder enc);

enum qa_channel { QA_CHANNEL_STAFF, QA_CHANNEL_PUBLIC, QA_CHANNEL_CLI };

/* Who asks. user_id/department_id 0 when unknown (citizens, CLI). */
struct qa_asker {
	enum qa_channel channel;
	int64_t user_id;
	int64_t department_id;
};

enum qa_decision { QA_ANSWER = 0, QA_CLARIFY = 1, QA_UNKNOWN = 2 };

/* A span of matched text in a snippet: [start, end) in code points. */
struct qa_highlight {
	uint32_t start, end;
};

/* The text fields of a shown entry as JSON string literals (quoted and
 * escaped by the encoder given to qa_set_json_encoder), made once when the
 * entry entered the index, so that a front-end writing JSON copies them
 * instead of escaping the same text on every question. */
struct qa_json_text {
	const char *title, *text, *heading_path, *locator, *url, *category;
	const char *source_name, *external_id;
};

/* One knowledge-base entry shown with an answer. Strings are never NULL
 * ("" when absent); the entry's fields (title ... external_id, json) are
 * borrowed from the index snapshot that the struct qa_answer pins, the
 * snippet and highlights are the answer's own. */
struct qa_source {
	int64_t id;
	bool faq;             /* an FAQ entry (else a document passage) */
	const char *title;    /* FAQ question, or the passage's title */
	const char *text;     /* FAQ answer, or the passage body (whole) */
	const char *heading_path, *locator, *url, *category;
	const char *source_name, *external_id; /* staff only: "" on the public channel */
	const struct qa_json_text *json; /* the same as JSON; NULL without an encoder */
	char *snippet;        /* QA_SNIPPET_CHARS around the first match */
	bool snippet_plain;   /* the snippet is valid UTF-8 with nothing JSON
			       * escapes (a slice of a text whose JSON is itself
			       * in quotes): written as is */
	struct qa_highlight *highlights;
	size_t n_highlights;
	float score;
};

struct qa_related {
	int64_t id;
	const char *question;      /* borrowed, as a source's title */
	const char *json_question; /* the same as JSON; NULL without an encoder */
	float score;
};

/* What qa_ask returns. With decision QA_ANSWER, sources[0] is the
 * answer (front-ends show it once, as the answer, and list the other
 * sources under it). Entries that matched the question only weakly
 * (QA_STRONG_MIN_IDF) are in neither sources nor related. Holds a
 * reference on the index snapshot it was ranked on (the entries' text
 * lives there): release with qa_answer_release. */
struct qa_answer {
	int64_t question_id;
	char feedback_token[33];
	enum qa_decision decision;
	bool public_channel;
	struct qa_source sources[QA_SOURCES_MAX];
	size_t n_sources;
	struct qa_related related[QA_RELATED_MAX];
	size_t n_related;
	float top_score, margin;
	void *pin_; /* the snapshot (qa internal) */
};

void qa_answer_release(struct qa_answer *a); /* NULL is a no-op; a may be reused */
/* "answer", "clarify", "unknown"; static. */
const char *qa_decision_name(enum qa_decision d);

/* The one check of a question's bytes, for every front-end: trims ASCII
 * and ideographic spaces at both ends (*q, *len updated), then YK_EINVAL
 * (empty, longer than QA_QUESTION_MAX, NUL) or YK_EUTF8, with
 * ei->field "question". */
int qa_question_check(const char **q, size_t *len, struct yk_errinfo *ei) YK_WUR;

/* Answers question[0..len): brings the index up to date (a delta), ranks,
 * decides (answer / clarify / unknown), takes the entries it shows from
 * the snapshot (no database read: their display fields are held there,
 * updated by the same deltas), queues the question for the log (personal information
 * masked: 〔氏名1〕, 〔電話1〕...) with a usage event, and fills *out.
 * The public channel sees only entries marked public, and never their
 * internal names. Errors: those of qa_question_check, YK_EIO (tokenizer),
 * YK_EDB. On error *out holds nothing to release. */
int qa_ask(struct qa *qa, struct store *db, const struct qa_asker *who, const char *question,
	   size_t len, struct qa_answer *out, struct yk_errinfo *ei) YK_WUR;

/* Brings the index up to date with db now (a delta, as the next question
 * would), so that the question after an editor's change does not pay for
 * it: front-ends call it after a change they made. Errors as qa_ask's
 * index part; the index stays as it was. */
int qa_index_refresh(struct qa *qa, struct store *db, struct yk_errinfo *ei) YK_WUR;

/* Writes every queued question row now (tests, before reading the log). */
void qa_flush(struct qa *qa);

/* Counters for tests and logs. */
struct qa_index_stats {
	uint64_t rebuilds; /* full builds from the database */
	uint64_t deltas;   /* delta updates applied */
	uint64_t merges;   /* overlay merges inside search */
	uint64_t relearns; /* semantic models learned again in the background */
	int learning;      /* a learner thread is at work now */
	size_t docs;       /* entries in the index */
};
void qa_index_stats(struct qa *qa, struct qa_index_stats *out);

/* Records a vote (+1 helpful, -1 not) for an answered question, given the
 * feedback token returned with it (YK_EFORBIDDEN otherwise). A later vote
 * replaces the earlier one. Synchronous (the vote is durable on return);
 * flushes the question log first so that a fresh question can be voted on. */
int qa_feedback(struct qa *qa, struct store *db, int64_t question_id, const char *token,
		int vote, const char *comment, struct yk_errinfo *ei) YK_WUR;


/* Open work for editors: questions answered 分かりません, questions given
 * only もしかして choices (unless the asker voted on them), and answers
 * voted down, that no FAQ entry resolves yet, grouped by similarity
 * (shared content terms) and ranked by how often they were asked:
 *   {"groups": [{"id": <representative question id>, "question", "count",
 *                "last_at", "reason": "unanswered"|"suggested"|"downvoted",
 *                "reasons": {"unanswered": n, ...}, (non-zero counts only)
 *                "channels": {"staff": n, "public": n, "cli": n},
 *                "shown": [{"id", "kind", "title"}, ...] (what the asker
 *                         was offered, at most QA_SOURCES_MAX, entries
 *                         deleted since left out),
 *                "question_ids": [...], "examples": ["...", ...]}],
 *   "open_questions": n} */
int qa_unanswered(struct qa *qa, struct store *db, int64_t limit, json_t **out,
		  struct yk_errinfo *ei) YK_WUR;

/* Creates an FAQ entry (audit "kb.entry.create"), then marks the given
 * questions resolved by it (audit "qa.resolve"). Should the second step
 * fail, the entry stays and the questions stay listed. */
int qa_resolve(struct store *db, const struct audit_actor *actor, const int64_t *question_ids,
	       size_t n, const char *question, const char *answer, const char *category,
	       int is_public, int64_t *entry_id, struct yk_errinfo *ei) YK_WUR;
/* Marks questions as not needing an entry (noise, tests). */
int qa_dismiss(struct store *db, const struct audit_actor *actor, const int64_t *question_ids,
	       size_t n, struct yk_errinfo *ei) YK_WUR;

/* Synonym groups: {"groups": [["引っ越し","転居",...], ...]}. The table is
 * seeded from data/seed/synonyms.tsv the first time it is read empty. */
int qa_synonyms_get(struct store *db, json_t **out, struct yk_errinfo *ei) YK_WUR;
/* Replaces all groups (validated: 2..SEARCH_MAX_SYNONYM_VARIANTS spellings
 * of 1..SEARCH_MAX_SYNONYM_BYTES bytes, no tabs or newlines).
 * Audit "kb.synonyms.update" with the group count. */
int qa_synonyms_put(struct store *db, const struct audit_actor *actor, json_t *groups,
		    struct yk_errinfo *ei) YK_WUR;

/* ---- outcome figures for 活用状況 (qa_outcome.c) ----
 * Counted over the questions asked in [from, to) (Unix seconds), staff and
 * citizens' channels (index 0 staff, 1 public; the CLI's are left out):
 * the 👍 / 👎 votes on them, and of those not answered (もしかして or
 * 分かりません) how many an editor has since turned into an FAQ entry
 * (qa_resolve) and into how many entries. The question's time decides the
 * period (the log keeps no time of resolution). Questions the retention
 * purge has deleted count through what it kept of them (qa_retention.c,
 * per JST day: a period that does not start or end at a JST midnight
 * counts them by their day). Reads only; questions still
 * queued in the log writer (qa_flush) are not yet counted. */
struct qa_outcome {
	int64_t votes_up[2], votes_down[2];
	int64_t unanswered;        /* questions not answered */
	int64_t unanswered_to_faq; /* of those, resolved into an FAQ entry */
	int64_t faq_entries;       /* distinct entries they became */
};
int qa_outcome_count(struct store *db, int64_t from, int64_t to, struct qa_outcome *out,
		     struct yk_errinfo *ei) YK_WUR;

/* What the decision of qa_ask looks at, for `yakuba eval`: the top score,
 * its lead over the third (struct search_results.lead) and whether the
 * best entry matched the question only weakly (qa_ask never answers with
 * such an entry, and never shows it: see QA_STRONG_MIN_IDF). */
struct qa_rank_info {
	int64_t top_id; /* 0 when nothing matched */
	float top, lead;
	bool top_weak;
};

/* Ranks without logging (for `yakuba eval` and benchmarks), through the
 * same ranking as qa_ask: calls fn with
 * each hit's entry id, external id (or "#<entry id>" when it has none) and
 * score, best first, at most k; fills *info (may be NULL) from a ranking
 * of at least 3. Metrics: search_eval_* in search.h. */
int qa_rank(struct qa *qa, struct store *db, const char *query, size_t len, unsigned k,
	    int public_only,
	    int (*fn)(void *ctx, int64_t id, const char *ext_id, float score), void *ctx,
	    struct qa_rank_info *info, struct yk_errinfo *ei) YK_WUR;

/* ---- the decision ------------------------------------------------------------- */

struct search_decide_params;

/* A match on terms shorter than two characters, or on words in more than
 * about a fifth of the entries (idf below this: 市, 手続き, 費...), is
 * weak: such an entry is neither answered with, nor listed as a source,
 * もしかして choice or related question (「市長の交際費」 does not bring
 * 高額療養費). */
#define QA_STRONG_MIN_IDF 1.6f

/* The thresholds in use: the settings qa_answer_min_score,
 * qa_answer_min_lead and qa_clarify_min_score (search's defaults when
 * unset or unreadable). Read per question, so a change applies to the
 * next one. db may be NULL (defaults). */
void qa_thresholds(struct store *db, struct search_decide_params *out);

/* The decision of qa_ask for a ranking (p NULL: the defaults). */
enum qa_decision qa_decide(const struct search_decide_params *p, const struct qa_rank_info *info);

/* ---- retention (qa_retention.c) ---- */

struct qa_purge_counts {
	int64_t questions; /* qa_questions rows deleted */
	int64_t feedback;  /* qa_feedback rows deleted with them */
	int64_t relearned; /* entries sent to the change log (they had learned
			    * from a purged staff 👍) */
};

/* Deletes the questions logged before `before` (Unix seconds) and their
 * feedback, except the open questions the 未回答 list can show (the newest
 * QA_UNANSWERED_SCAN open ones, QA_OPEN_QUESTION_SQL in qa_int.h), which
 * stay until an editor resolves or dismisses them. Entries that learned
 * from a deleted question are re-indexed through the change log. One
 * writing transaction (not inside another); qa (may be NULL) is flushed
 * first. Audits "qa.purge" with the counts when anything was deleted. out
 * (may be NULL) gets the counts. Thread-safe like qa_feedback. */
int qa_retention_purge(struct qa *qa, struct store *db, int64_t before,
		       struct qa_purge_counts *out, struct yk_errinfo *ei) YK_WUR;

#endif
