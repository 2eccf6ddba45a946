/* qa: the question log and feedback.
 *
 * A question's row in qa_questions and its usage event are queued and
 * written by one writer thread per struct qa in group commits: the writer
 * wakes every QA_LOG_INTERVAL_MS (or at QA_LOG_BATCH queued rows) and
 * writes everything queued in one transaction, so one fsync covers many
 * questions. Question ids are reserved in blocks (qa_state.
 * question_ids_reserved) so that an id can be handed to the asker before
 * its row is written, and a CLI process writing to the same database
 * never takes the same id. Votes stay synchronous. What kill -9 can lose:
 * docs/decisions/0008-group-commit-log.md. */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "qa/qa_int.h"
#include "usage/usage.h"
#include "core/banned.h"

static const char reserve_sql[] =
	"UPDATE qa_state SET question_ids_reserved = max(question_ids_reserved,"
	" (SELECT coalesce(max(id), 0) FROM qa_questions)) + ?1 WHERE id = 1"
	" RETURNING question_ids_reserved";
static const char insert_sql[] =
	"INSERT INTO qa_questions(id, at, user_id, department_id, channel, question,"
	" decision, top_entry_id, top_score, latency_us, feedback_token, shown_entry_ids)"
	" VALUES (?1, ?2, (SELECT id FROM users WHERE id = ?3),"
	" (SELECT id FROM departments WHERE id = ?4), ?5, ?6, ?7,"
	" (SELECT id FROM kb_entries WHERE id = ?8), ?9, ?10, ?11, ?12)";
/* The row is written a few milliseconds after the question: the entry,
 * user or department it names may have been deleted meanwhile, which the
 * subqueries turn into NULL as ON DELETE SET NULL would have. */

static const char *channel_name(enum qa_channel c)
{
	return c == QA_CHANNEL_PUBLIC ? "public" : c == QA_CHANNEL_CLI ? "cli" : "staff";
}

/* ---- ids ------------------------------------------------------------------- */

int qa__log_id(struct qa *qa, struct store *db, int64_t *id, struct yk_errinfo *ei)
{
	int rc = 0;
	pthread_mutex_lock(&qa->id_mu);
	const char *path = store_path(db);
	if (!qa->id_path || strcmp(qa->id_path, path) != 0) {
		free(qa->id_path);
		qa->id_path = yk_xstrdup(path);
		qa->id_next = qa->id_end = 0;
		qa->id_next2 = qa->id_end2 = 0;
	}
	if (qa->id_next == qa->id_end && qa->id_next2 < qa->id_end2) {
		qa->id_next = qa->id_next2; /* the block the writer reserved ahead */
		qa->id_end = qa->id_end2;
		qa->id_next2 = qa->id_end2 = 0;
	}
	if (qa->id_next == qa->id_end) { /* none ahead (the first, or a burst) */
		sqlite3_stmt *st = NULL;
		if (!(rc = store_begin(db, ei))) {
			if (!(rc = store_stmt(db, reserve_sql, &st, ei))) {
				sqlite3_bind_int64(st, 1, QA_LOG_ID_BLOCK);
				int s = sqlite3_step(st);
				if (s == SQLITE_ROW) {
					qa->id_end = sqlite3_column_int64(st, 0) + 1;
					qa->id_next = qa->id_end - QA_LOG_ID_BLOCK;
				} else {
					rc = store_err(db, s, ei);
				}
				sqlite3_reset(st);
			}
			if (rc || (rc = store_commit(db, ei))) {
				store_rollback(db);
				qa->id_next = qa->id_end = 0;
			}
		}
	}
	if (!rc) {
		*id = qa->id_next++;
		if (qa->id_end - qa->id_next < QA_LOG_ID_BLOCK / 2 && qa->id_next2 == qa->id_end2)
			qa->id_ahead_wanted = 1; /* the writer reserves it with the next rows */
	}
	pthread_mutex_unlock(&qa->id_mu);
	return rc;
}

/* Reserves the next block of ids inside the writer's open transaction. */
static int reserve_ahead(struct store *db, int64_t *next, int64_t *end, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, reserve_sql, &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, QA_LOG_ID_BLOCK);
	int s = store_row(db, st, ei);
	if (s <= 0) /* RETURNING always gives the row */
		return s ? s : yk_errinfo_set(ei, YK_EIO, "データベースから行が返りませんでした");
	*end = sqlite3_column_int64(st, 0) + 1;
	*next = *end - QA_LOG_ID_BLOCK;
	store_reset(st);
	return 0;
}

/* ---- writing rows -------------------------------------------------------------- */

static void bind_id_or_null(sqlite3_stmt *st, int col, int64_t v)
{
	if (v > 0)
		sqlite3_bind_int64(st, col, v);
	else
		sqlite3_bind_null(st, col);
}

/* The shown entries as "12,7,30" (the column of migration 0019). */
static void shown_text(const struct qa__log_row *r, char *out, size_t outsz)
{
	size_t at = 0;
	out[0] = '\0';
	for (size_t i = 0; i < r->n_shown && i < QA_SOURCES_MAX; i++) {
		int k = snprintf(out + at, outsz - at, "%s%lld", i ? "," : "",
				 (long long)r->shown[i]);
		if (k < 0 || (size_t)k >= outsz - at) {
			out[at] = '\0'; /* cannot happen: 5 ids of 20 digits fit */
			break;
		}
		at += (size_t)k;
	}
}

static int write_row(struct store *db, const struct qa__log_row *r, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	char shown[QA_SOURCES_MAX * 21 + 1];
	shown_text(r, shown, sizeof(shown));
	int rc = store_stmt(db, insert_sql, &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->at);
	bind_id_or_null(st, 3, r->user_id);
	bind_id_or_null(st, 4, r->department_id);
	sqlite3_bind_text(st, 5, channel_name(r->channel), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, r->question, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, qa_decision_name(r->decision), -1, SQLITE_STATIC);
	bind_id_or_null(st, 8, r->top_entry);
	sqlite3_bind_double(st, 9, (double)r->top);
	sqlite3_bind_int64(st, 10, r->latency_us);
	sqlite3_bind_text(st, 11, r->token, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, shown, -1, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	return usage_record(db, &(struct usage_event){
					.at = r->at,
					.user_id = r->user_id,
					.department_id = r->department_id,
					.feature = r->channel == QA_CHANNEL_PUBLIC ? "ask_public" : "ask",
					.outcome = qa_decision_name(r->decision),
					.ref_id = r->id,
					.latency_ms = r->latency_us / 1000});
}

/* One transaction for rows[0..n): one fsync. A row that fails (its user
 * deleted meanwhile...) is logged and skipped so that it cannot hold back
 * the others. With ahead, the next block of question ids is reserved in
 * the same transaction ([ahead[0], ahead[1]), left empty on failure). */
static void write_rows(struct store *db, struct qa__log_row *rows, size_t n, int64_t *ahead)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = store_begin(db, &ei);
	for (size_t i = 0; !rc && i < n; i++) {
		if (write_row(db, &rows[i], &ei) != 0) {
			yk_log(YK_LOG_WARN, "qa: question %lld not logged: %s", (long long)rows[i].id,
			       ei.message);
			yk_errinfo_clear(&ei);
		}
	}
	if (!rc && ahead && reserve_ahead(db, &ahead[0], &ahead[1], &ei) != 0) {
		yk_log(YK_LOG_WARN, "qa: question ids not reserved ahead: %s", ei.message);
		yk_errinfo_clear(&ei);
		ahead[0] = ahead[1] = 0;
	}
	if (rc || (rc = store_commit(db, &ei))) {
		store_rollback(db);
		if (ahead)
			ahead[0] = ahead[1] = 0;
		yk_log(YK_LOG_ERROR, "qa: %zu question rows not logged: %s", n, ei.message);
	}
}

/* Keeps the newest QA_CHANGES_KEEP rows of the index change log; a process
 * whose snapshot is older rebuilds (qa_index.c). */
#define QA_CHANGES_KEEP 100000
#define QA_PRUNE_EVERY_MS 60000

static void prune_changes(struct store *db)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	sqlite3_stmt *st = NULL;
	int rc = store_begin(db, &ei);
	if (!rc && !(rc = store_prepare(db,
					"DELETE FROM qa_index_changes WHERE seq <="
					" (SELECT max(seq) FROM qa_index_changes) - ?",
					&st, &ei))) {
		sqlite3_bind_int(st, 1, QA_CHANGES_KEEP);
		int s = sqlite3_step(st);
		sqlite3_finalize(st);
		if (s != SQLITE_DONE)
			rc = store_err(db, s, &ei);
	}
	if (rc || (rc = store_commit(db, &ei))) {
		store_rollback(db);
		yk_log(YK_LOG_WARN, "qa: change log not pruned: %s", ei.message);
	}
}

/* ---- the writer ------------------------------------------------------------------ */

static void *writer_main(void *arg)
{
	struct qa *qa = arg;
	struct store *db = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	pthread_mutex_lock(&qa->log_mu);
	char *path = yk_xstrdup(qa->log_path);
	pthread_mutex_unlock(&qa->log_mu);
	if (store_open(path, 0, &db, &ei) != 0)
		yk_log(YK_LOG_ERROR, "qa: question log writer: %s", ei.message);
	struct qa__log_row *spare = NULL;
	size_t spare_cap = 0;
	int64_t pruned_at = 0;
	pthread_mutex_lock(&qa->log_mu);
	for (;;) {
		while (qa->nqueue == 0 && !qa->writer_stop)
			pthread_cond_wait(&qa->log_wake, &qa->log_mu);
		if (qa->nqueue == 0 && qa->writer_stop)
			break;
		/* The first row starts the interval; more join it until then. */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += QA_LOG_INTERVAL_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (qa->nqueue < QA_LOG_BATCH && !qa->writer_stop && !qa->flush_req &&
		       pthread_cond_timedwait(&qa->log_wake, &qa->log_mu, &until) != ETIMEDOUT)
			;
		/* Take the whole queue; askers fill the spare one meanwhile. */
		struct qa__log_row *rows = qa->queue;
		size_t n = qa->nqueue, rows_cap = qa->capqueue;
		qa->queue = spare;
		qa->capqueue = spare_cap;
		qa->nqueue = 0;
		qa->flush_req = 0;
		pthread_cond_broadcast(&qa->log_room);
		pthread_mutex_unlock(&qa->log_mu);
		/* The next block of question ids, when the askers asked for it
		 * and it is this database's. */
		pthread_mutex_lock(&qa->id_mu);
		int want = qa->id_ahead_wanted && qa->id_next2 == qa->id_end2 && qa->id_path &&
			   strcmp(qa->id_path, path) == 0;
		qa->id_ahead_wanted = 0;
		pthread_mutex_unlock(&qa->id_mu);
		int64_t ahead[2] = {0, 0};
		if (db)
			write_rows(db, rows, n, want ? ahead : NULL);
		if (ahead[1] > ahead[0]) {
			pthread_mutex_lock(&qa->id_mu);
			if (qa->id_next2 == qa->id_end2 && qa->id_path &&
			    strcmp(qa->id_path, path) == 0) {
				qa->id_next2 = ahead[0];
				qa->id_end2 = ahead[1];
			}
			pthread_mutex_unlock(&qa->id_mu);
		}
		if (db && yk_mono_us() / 1000 - pruned_at > QA_PRUNE_EVERY_MS) {
			prune_changes(db);
			pruned_at = yk_mono_us() / 1000;
		}
		for (size_t i = 0; i < n; i++)
			free(rows[i].question);
		/* A burst (the writer held up by a checkpoint) grows the array
		 * up to QA_LOG_QUEUE_MAX rows: keep no such spare. */
		if (rows_cap > 4 * QA_LOG_BATCH && n < rows_cap / 4) {
			free(rows);
			rows = NULL;
			rows_cap = 0;
		}
		spare = rows;
		spare_cap = rows_cap;
		pthread_mutex_lock(&qa->log_mu);
		qa->written_total += n;
		pthread_cond_broadcast(&qa->log_done);
	}
	pthread_mutex_unlock(&qa->log_mu);
	free(spare);
	free(path);
	store_close(db);
	return NULL;
}

/* Stops the writer after it wrote everything queued. */
void qa__log_stop(struct qa *qa)
{
	pthread_mutex_lock(&qa->writer_ctl_mu);
	pthread_mutex_lock(&qa->log_mu);
	int running = qa->writer_running;
	qa->writer_stop = 1;
	pthread_cond_broadcast(&qa->log_wake);
	pthread_mutex_unlock(&qa->log_mu);
	if (running)
		pthread_join(qa->writer, NULL);
	pthread_mutex_lock(&qa->log_mu);
	qa->writer_running = 0;
	qa->writer_stop = 0;
	free(qa->log_path);
	qa->log_path = NULL;
	pthread_mutex_unlock(&qa->log_mu);
	pthread_mutex_unlock(&qa->writer_ctl_mu);
}

/* Makes sure db's writer runs; 0, or -1 when db has no file a second
 * connection could open (then the caller writes itself). */
static int writer_for(struct qa *qa, struct store *db)
{
	const char *path = store_path(db);
	if (!path || !*path || strcmp(path, ":memory:") == 0)
		return -1;
	pthread_mutex_lock(&qa->log_mu);
	int ok = qa->writer_running && strcmp(qa->log_path, path) == 0;
	pthread_mutex_unlock(&qa->log_mu);
	if (ok)
		return 0;
	qa__log_stop(qa); /* another database: finish the old one's rows */
	pthread_mutex_lock(&qa->writer_ctl_mu);
	pthread_mutex_lock(&qa->log_mu);
	int rc = 0;
	if (!qa->writer_running) {
		qa->log_path = yk_xstrdup(path);
		qa->writer_stop = 0;
		if (pthread_create(&qa->writer, NULL, writer_main, qa) == 0) {
			qa->writer_running = 1;
		} else {
			free(qa->log_path);
			qa->log_path = NULL;
			rc = -1;
		}
	}
	pthread_mutex_unlock(&qa->log_mu);
	pthread_mutex_unlock(&qa->writer_ctl_mu);
	return rc;
}

int qa__log_queue(struct qa *qa, struct store *db, struct qa__log_row *row,
		  struct yk_errinfo *ei)
{
	(void)ei;
	if (writer_for(qa, db) != 0) {
		write_rows(db, row, 1, NULL);
		free(row->question);
		row->question = NULL;
		return 0;
	}
	pthread_mutex_lock(&qa->log_mu);
	while (qa->nqueue >= QA_LOG_QUEUE_MAX && qa->writer_running)
		pthread_cond_wait(&qa->log_room, &qa->log_mu);
	if (qa->nqueue == qa->capqueue) {
		qa->capqueue = qa->capqueue ? qa->capqueue * 2 : 256;
		qa->queue = yk_xrealloc(qa->queue, qa->capqueue * sizeof(*qa->queue));
	}
	qa->queue[qa->nqueue++] = *row;
	row->question = NULL;
	qa->queued_total++;
	if (qa->nqueue == 1 || qa->nqueue >= QA_LOG_BATCH)
		pthread_cond_signal(&qa->log_wake);
	pthread_mutex_unlock(&qa->log_mu);
	return 0;
}

void qa_flush(struct qa *qa)
{
	pthread_mutex_lock(&qa->log_mu);
	uint64_t target = qa->queued_total;
	if (qa->written_total < target) {
		qa->flush_req = 1;
		pthread_cond_broadcast(&qa->log_wake);
		while (qa->writer_running && qa->written_total < target)
			pthread_cond_wait(&qa->log_done, &qa->log_mu);
	}
	pthread_mutex_unlock(&qa->log_mu);
}

/* ---- feedback ---------------------------------------------------------------------- */

int qa_feedback(struct qa *qa, struct store *db, int64_t question_id, const char *token, int vote,
		const char *comment, struct yk_errinfo *ei)
{
	if (vote != 1 && vote != -1) {
		yk_errinfo_at(ei, NULL, 0, "vote");
		return yk_errinfo_set(ei, YK_EINVAL, "評価は 1（役に立った）か -1（役に立たなかった）です");
	}
	size_t clen = comment ? strlen(comment) : 0;
	if (clen > QA_COMMENT_MAX || (comment && !yk_utf8_valid(comment, clen, NULL))) {
		yk_errinfo_at(ei, NULL, 0, "comment");
		return yk_errinfo_set(ei, YK_EINVAL, "コメントは %d バイトまでです", QA_COMMENT_MAX);
	}
	if (qa)
		qa_flush(qa); /* the question may still be queued */
	/* A comment is stored masked, like the question it is about. Without a
	 * qa (no dictionary) it cannot be masked, so it is not kept verbatim. */
	struct yk_buf masked;
	yk_buf_init(&masked, 0);
	if (clen > 0) {
		if (qa)
			qa__mask_for_log(qa, db, comment, clen, "〔記録できないコメント〕", &masked);
		else if (yk_buf_adds(&masked, "〔記録できないコメント〕"))
			abort(); /* no limit set: unreachable */
	}
	int rc = store_begin(db, ei);
	if (rc) {
		yk_buf_release(&masked);
		return rc;
	}
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"SELECT q.feedback_token, q.top_entry_id, q.channel = 'staff', f.vote"
				" FROM qa_questions q LEFT JOIN qa_feedback f ON f.question_id = q.id"
				" WHERE q.id = ?",
				&st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, question_id);
	char stored[40] = "";
	int64_t entry = 0;
	int staff = 0, prev = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		yk_strlcpy(stored, t ? t : "", sizeof(stored));
		entry = sqlite3_column_int64(st, 1);
		staff = sqlite3_column_int(st, 2);
		prev = sqlite3_column_int(st, 3); /* 0 when there was no vote */
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!stored[0]) {
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "質問が見つかりません");
		goto fail;
	}
	if (!token || strlen(token) != strlen(stored) ||
	    !yk_consttime_eq(token, stored, strlen(stored))) {
		rc = yk_errinfo_set(ei, YK_EFORBIDDEN, "この質問には評価できません");
		goto fail;
	}
	/* A staff vote that turns 👍 on or off changes what the entry learned:
	 * it takes the next learned_gen, and the entry goes to the change log
	 * so that the next question re-indexes it (a delta). */
	int learns = staff && entry > 0 && (vote == 1) != (prev == 1);
	if (learns &&
	    (rc = store_exec(db, "UPDATE qa_state SET learned_gen = learned_gen + 1 WHERE id = 1",
			     ei)))
		goto fail;
	if (learns) {
		if ((rc = store_prepare(db, "INSERT INTO qa_index_changes(entry_id) VALUES (?)", &st,
					ei)))
			goto fail;
		sqlite3_bind_int64(st, 1, entry);
		int s = sqlite3_step(st);
		sqlite3_finalize(st);
		st = NULL;
		if (s != SQLITE_DONE) {
			rc = store_err(db, s, ei);
			goto fail;
		}
	}
	if ((rc = store_prepare(db,
				"INSERT INTO qa_feedback(question_id, entry_id, vote, comment, at, learned_seq)"
				" VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN"
				" (SELECT learned_gen FROM qa_state WHERE id = 1) ELSE 0 END)"
				" ON CONFLICT(question_id) DO UPDATE SET vote = ?3, comment = ?4, at = ?5,"
				" learned_seq = CASE WHEN ?6 THEN excluded.learned_seq ELSE learned_seq END",
				&st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, question_id);
	if (entry > 0)
		sqlite3_bind_int64(st, 2, entry);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int(st, 3, vote);
	sqlite3_bind_text(st, 4, masked.len ? masked.data : "", (int)masked.len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, yk_now_unix());
	sqlite3_bind_int(st, 6, learns);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		rc = store_err(db, s, ei);
		goto fail;
	}
	yk_buf_release(&masked);
	return store_commit(db, ei);
fail:
	yk_buf_release(&masked);
	store_rollback(db);
	return rc;
}
