/* qa: the retention purge of the question log (retention_questions_days).
 *
 * Deletes the questions older than the retention, with their feedback
 * (comments included). What stays:
 *  - 活用状況: it reads the usage roll-ups, never qa_questions (the
 *    question's usage event is purged, if at all, by usage's own retention).
 *  - 未回答の質問: the open questions the list can show (the newest
 *    QA_UNANSWERED_SCAN not resolved, not dismissed, unknown, 👎, or もしかして only and not voted on) are
 *    kept whatever their age, so the list and its counts are the same after
 *    the purge; once an editor resolves or dismisses them they go at the
 *    next purge.
 *  - Question ids: qa_state.question_ids_reserved only grows, so a purged
 *    id is never handed out again.
 * An entry that learned from a purged staff 👍 goes to the change log, so
 * that running servers re-index it without that question. See qa.h. */
#include <stdio.h>

#include "audit/audit.h"
#include "qa/qa_int.h"
#include "core/banned.h"

/* The questions a purge at ?1 deletes (?2 = QA_UNANSWERED_SCAN). */
#define PURGE_SET                                                                          \
	"SELECT id FROM qa_questions WHERE at < ?1 AND id NOT IN ("                        \
	"SELECT q.id FROM qa_questions q LEFT JOIN qa_feedback f ON f.question_id = q.id"  \
	" WHERE " QA_OPEN_QUESTION_SQL " ORDER BY q.id DESC LIMIT ?2)"

static const char relearn_sql[] =
	"INSERT INTO qa_index_changes(entry_id)"
	" SELECT DISTINCT f.entry_id FROM qa_feedback f JOIN qa_questions q ON q.id = f.question_id"
	" WHERE f.question_id IN (" PURGE_SET ")"
	" AND f.vote = 1 AND q.channel = 'staff' AND f.entry_id IS NOT NULL";
/* What 活用状況 counts of the questions about to go (qa_outcome_count) is
 * kept per JST day and channel (migration 0025), before their rows go. */
#define JST_DAY(at) "((" at " + 32400) / 86400 * 86400 - 32400)"
static const char outcome_sql[] =
	"INSERT INTO qa_outcome_purged(day, channel, votes_up, votes_down, unanswered,"
	" unanswered_to_faq)"
	" SELECT " JST_DAY("q.at") ", q.channel = 'public',"
	" (SELECT count(*) FROM qa_feedback f WHERE f.question_id = q.id AND f.vote > 0),"
	" (SELECT count(*) FROM qa_feedback f WHERE f.question_id = q.id AND f.vote <= 0),"
	" q.decision <> 'answer', q.decision <> 'answer' AND q.resolved_entry_id IS NOT NULL"
	" FROM qa_questions q WHERE q.id IN (" PURGE_SET ") AND q.channel IN ('staff', 'public')"
	" ON CONFLICT(day, channel) DO UPDATE SET votes_up = votes_up + excluded.votes_up,"
	" votes_down = votes_down + excluded.votes_down,"
	" unanswered = unanswered + excluded.unanswered,"
	" unanswered_to_faq = unanswered_to_faq + excluded.unanswered_to_faq";
static const char outcome_entries_sql[] =
	"INSERT OR IGNORE INTO qa_outcome_purged_entries(day, entry_id)"
	" SELECT " JST_DAY("at") ", resolved_entry_id FROM qa_questions"
	" WHERE id IN (" PURGE_SET ") AND channel IN ('staff', 'public')"
	" AND decision <> 'answer' AND resolved_entry_id IS NOT NULL";
static const char feedback_sql[] =
	"DELETE FROM qa_feedback WHERE question_id IN (" PURGE_SET ")";
static const char questions_sql[] = "DELETE FROM qa_questions WHERE id IN (" PURGE_SET ")";

/* Runs one of the statements above; *changed gets the rows it touched. */
static int purge_step(struct store *db, const char *sql, int64_t before, int64_t *changed,
		      struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, sql, &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, before);
	sqlite3_bind_int(st, 2, QA_UNANSWERED_SCAN);
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	*changed = sqlite3_changes(store_handle(db));
	return 0;
}

int qa_retention_purge(struct qa *qa, struct store *db, int64_t before,
		       struct qa_purge_counts *out, struct yk_errinfo *ei)
{
	struct qa_purge_counts n = {0, 0, 0};
	if (qa)
		qa_flush(qa); /* queued questions are new, but may be 👎'd open ones */
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	int64_t kept = 0;
	if ((rc = purge_step(db, relearn_sql, before, &n.relearned, ei)) ||
	    (rc = purge_step(db, outcome_sql, before, &kept, ei)) ||
	    (rc = purge_step(db, outcome_entries_sql, before, &kept, ei)) ||
	    (rc = purge_step(db, feedback_sql, before, &n.feedback, ei)) ||
	    (rc = purge_step(db, questions_sql, before, &n.questions, ei)))
		goto fail;
	if (n.questions > 0) {
		char detail[160];
		snprintf(detail, sizeof(detail),
			 "{\"before\":%lld,\"questions\":%lld,\"feedback\":%lld,\"relearned\":%lld}",
			 (long long)before, (long long)n.questions, (long long)n.feedback,
			 (long long)n.relearned);
		if ((rc = audit_record(db, NULL, "qa.purge", "qa_questions", detail, ei)))
			goto fail;
	}
	if ((rc = store_commit(db, ei)))
		goto fail;
	if (out)
		*out = n;
	return 0;
fail:
	store_rollback(db);
	return rc;
}
