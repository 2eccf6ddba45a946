/* qa: 問い合わせAI — answers questions from the knowledge base with
 * sources, logs every question with its decision, takes 👍/👎 feedback and
 * turns what it could not answer into work for editors.
 *
 * Feature module above kb (entries), search (ranking), text (MeCab) and
 * auth (audit). It owns the tables of migration 0006_qa.sql: qa_questions,
 * qa_feedback and qa_synonyms (usage events go through usage/).
 *
 * The search index lives in memory inside struct qa. It is derived from the
 * visible kb entries and the synonym table; kb_generation() tells when it is
 * stale, and the next question rebuilds it (readers keep using the old one
 * until the new one is swapped in).
 *
 * Results are jansson objects, because both consumers (the JSON API and
 * `yakuba ask --json`) print JSON; the shapes are in docs/API.md.
 *
 * Thread safety: one struct qa is shared by all threads. qa_ask may run on
 * many threads at once, each with its own store connection; tokenizers are
 * taken from an internal pool.
 */
#ifndef YK_QA_H
#define YK_QA_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "store/store.h"

struct audit_actor;

#define QA_QUESTION_MAX 2000      /* bytes of a question */
#define QA_SOURCES_MAX 5          /* sources listed with an answer */
#define QA_RELATED_MAX 5          /* related questions listed */
#define QA_RELATED_MIN_RATIO 0.4f /* ... scoring at least this share of the top */
#define QA_SNIPPET_CHARS 160      /* characters of a source snippet */
#define QA_COMMENT_MAX 1000       /* bytes of a feedback comment */
#define QA_LEARNED_MAX 20         /* 👍 questions an entry learns from (newest) */
#define QA_UNANSWERED_SCAN 5000   /* newest open questions grouped at most */
#define QA_PUBLIC_RATE_PER_MIN 20 /* public questions per address and minute */
#define QA_PUBLIC_RATE_BURST 10

struct qa;

/* Loads the MeCab model (dicdir NULL: the UniDic search of text_model_new).
 * The index is built on first use. */
int qa_new(const char *dicdir, struct qa **out, struct yk_errinfo *ei) YK_WUR;
void qa_free(struct qa *qa); /* NULL is a no-op */

enum qa_channel { QA_CHANNEL_STAFF, QA_CHANNEL_PUBLIC, QA_CHANNEL_CLI };

/* Who asks. user_id/department_id 0 when unknown (citizens, CLI). */
struct qa_asker {
	enum qa_channel channel;
	int64_t user_id;
	int64_t department_id;
};

/* Answers question[0..len): rebuilds the index if stale, ranks, decides
 * (answer / clarify / unknown), logs the question (with personal
 * information masked by the pii guard: 〔氏名1〕, 〔電話1〕...) and a usage
 * event, and
 * returns the result object (caller owns):
 *   {"question_id", "feedback_token", "decision", "answer": {...}|null,
 *    "sources": [...], "related": [...], "top_score", "margin"}
 * The public channel sees only entries marked public, and never their
 * internal ids beyond what feedback needs. Errors: YK_EINVAL (empty or too
 * long, field "question"), YK_EUTF8, YK_EIO (tokenizer). */
int qa_ask(struct qa *qa, struct store *db, const struct qa_asker *who, const char *question,
	   size_t len, json_t **out, struct yk_errinfo *ei) YK_WUR;

/* Records a vote (+1 helpful, -1 not) for an answered question, given the
 * feedback token returned with it (YK_EFORBIDDEN otherwise). A later vote
 * replaces the earlier one. */
int qa_feedback(struct store *db, int64_t question_id, const char *token, int vote,
		const char *comment, struct yk_errinfo *ei) YK_WUR;

/* Token-bucket limit for the public channel: 0, or YK_ERATE when addr has
 * asked more than QA_PUBLIC_RATE_PER_MIN per minute (burst
 * QA_PUBLIC_RATE_BURST). */
int qa_public_rate_check(struct qa *qa, const char *addr) YK_WUR;

/* Open work for editors: unanswered questions and answers voted down that
 * no FAQ entry resolves yet, grouped by similarity (shared content terms)
 * and ranked by how often they were asked:
 *   {"groups": [{"id": <representative question id>, "question", "count",
 *                "last_at", "reason": "unanswered"|"downvoted",
 *                "question_ids": [...], "examples": ["...", ...]}]} */
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

/* Ranks without logging (for `yakuba eval` and benchmarks): calls fn with
 * each hit's entry id, external id (or "#<entry id>" when it has none) and
 * score, best first, at most k. Metrics: search_eval_* in search.h. */
int qa_rank(struct qa *qa, struct store *db, const char *query, size_t len, unsigned k,
	    int public_only,
	    int (*fn)(void *ctx, int64_t id, const char *ext_id, float score), void *ctx,
	    struct yk_errinfo *ei) YK_WUR;

#endif
