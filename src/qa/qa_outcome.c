/* qa: outcome figures of 問い合わせAI for 活用状況 (issue 10) — the 👍 rate
 * of answers and how many unanswered questions editors turned into FAQ
 * entries, for a period. A small read over qa's own tables; the adoption
 * report (usage) does not read them, the api layer merges them in. */
#include <string.h>

#include "qa/qa_int.h"
#include "core/banned.h"

/* The cached statement sql with the period [from, to) bound as ?1, ?2. */
static int period_stmt(struct store *db, const char *sql, int64_t from, int64_t to,
		       sqlite3_stmt **st, struct yk_errinfo *ei)
{
	int rc = store_stmt(db, sql, st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(*st, 1, from);
	sqlite3_bind_int64(*st, 2, to);
	return 0;
}

static int count_votes(struct store *db, int64_t from, int64_t to, struct qa_outcome *out,
		       struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = period_stmt(db,
			     "SELECT pub, sum(up), sum(down) FROM ("
			     "SELECT q.channel = 'public' AS pub, f.vote > 0 AS up, f.vote <= 0 AS down"
			     " FROM qa_questions q JOIN qa_feedback f ON f.question_id = q.id"
			     " WHERE q.at >= ?1 AND q.at < ?2 AND q.channel IN ('staff', 'public')"
			     /* what the retention purge kept of deleted questions (0025) */
			     " UNION ALL SELECT channel, votes_up, votes_down FROM qa_outcome_purged"
			     " WHERE day >= ?1 AND day < ?2) GROUP BY pub",
			     from, to, &st, ei);
	if (rc)
		return rc;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int pub = sqlite3_column_int(st, 0) != 0;
		out->votes_up[pub] = sqlite3_column_int64(st, 1);
		out->votes_down[pub] = sqlite3_column_int64(st, 2);
	}
	if (s != SQLITE_DONE)
		rc = store_err(db, s, ei);
	store_reset(st);
	return rc;
}

static int count_unanswered(struct store *db, int64_t from, int64_t to, struct qa_outcome *out,
			    struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	/* Distinct entries over the live questions and the purged ones. */
	int rc = period_stmt(db,
			     "SELECT count(*) + (SELECT coalesce(sum(unanswered), 0) FROM qa_outcome_purged"
			     " WHERE day >= ?1 AND day < ?2),"
			     " count(resolved_entry_id) + (SELECT coalesce(sum(unanswered_to_faq), 0)"
			     " FROM qa_outcome_purged WHERE day >= ?1 AND day < ?2),"
			     " (SELECT count(*) FROM (SELECT resolved_entry_id FROM qa_questions"
			     " WHERE at >= ?1 AND at < ?2 AND decision <> 'answer'"
			     " AND channel IN ('staff', 'public') AND resolved_entry_id IS NOT NULL"
			     " UNION SELECT entry_id FROM qa_outcome_purged_entries"
			     " WHERE day >= ?1 AND day < ?2))"
			     " FROM qa_questions WHERE at >= ?1 AND at < ?2 AND decision <> 'answer'"
			     " AND channel IN ('staff', 'public')",
			     from, to, &st, ei);
	if (rc)
		return rc;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		out->unanswered = sqlite3_column_int64(st, 0);
		out->unanswered_to_faq = sqlite3_column_int64(st, 1);
		out->faq_entries = sqlite3_column_int64(st, 2);
	}
	if (s != SQLITE_ROW)
		rc = store_err(db, s, ei);
	store_reset(st);
	return rc;
}

int qa_outcome_count(struct store *db, int64_t from, int64_t to, struct qa_outcome *out,
		     struct yk_errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	if (to <= from)
		return yk_errinfo_set(ei, YK_EINVAL, "期間の指定が正しくありません");
	/* One read transaction: both counts from the same snapshot. */
	int rc = store_exec(db, "BEGIN", ei);
	if (rc)
		return rc;
	if (!(rc = count_votes(db, from, to, out, ei)))
		rc = count_unanswered(db, from, to, out, ei);
	if (store_exec(db, rc ? "ROLLBACK" : "COMMIT", NULL) != 0 && !rc)
		rc = YK_EDB;
	return rc;
}
