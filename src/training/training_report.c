/* training: the training report (yakuba report training, 研修の結果) —
 * per session: attendees, repeat attendees, survey results. See training.h. */
#include "training/training_int.h"
#include "core/banned.h"

void training_report_free(struct training_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nsessions; i++) {
		survey_results_free(r->sessions[i].post);
		survey_results_free(r->sessions[i].pre);
	}
	free(r->sessions);
	free(r);
}

struct collect {
	struct training_report *r;
	size_t cap;
	int64_t *pre, *post; /* survey ids per session */
};

static int collect_session(void *ctx, const struct training_session *s)
{
	struct collect *c = ctx;
	if (c->r->nsessions == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->r->sessions = yk_xrealloc(c->r->sessions, c->cap * sizeof(*c->r->sessions));
		c->pre = yk_xrealloc(c->pre, c->cap * sizeof(*c->pre));
		c->post = yk_xrealloc(c->post, c->cap * sizeof(*c->post));
	}
	struct training_report_session *x = &c->r->sessions[c->r->nsessions];
	memset(x, 0, sizeof(*x));
	x->id = s->id;
	yk_strlcpy(x->title, s->title, sizeof(x->title));
	yk_strlcpy(x->day, s->day, sizeof(x->day));
	yk_strlcpy(x->level, s->level, sizeof(x->level));
	x->capacity = s->capacity;
	x->registered = s->registered;
	x->waiting = s->waiting;
	x->attendees = s->attended;
	c->pre[c->r->nsessions] = s->pre_survey_id;
	c->post[c->r->nsessions] = s->post_survey_id;
	c->r->nsessions++;
	return 0;
}

int training_report_build(struct store *db, const struct survey_text *tx,
			  struct training_report **out, struct yk_errinfo *ei)
{
	*out = NULL;
	struct collect c = {yk_xcalloc(1, sizeof(struct training_report)), 0, NULL, NULL};
	int rc = training_session_list(db, NULL, collect_session, &c);
	/* An attendee is a repeat attendee when they attended a session held
	 * earlier (an earlier day, or the same day with a smaller id). */
	sqlite3_stmt *st = NULL;
	if (!rc)
		rc = store_prepare(
			db,
			"SELECT count(*) FROM training_attendance a JOIN training_sessions s"
			" ON s.id = a.session_id WHERE a.session_id = ?1 AND EXISTS ("
			"  SELECT 1 FROM training_attendance b JOIN training_sessions t ON t.id = b.session_id"
			"  WHERE b.staff_id = a.staff_id AND (t.day < s.day OR (t.day = s.day AND t.id < s.id)))",
			&st, ei);
	for (size_t i = 0; !rc && i < c.r->nsessions; i++) {
		struct training_report_session *x = &c.r->sessions[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, x->id);
		if (sqlite3_step(st) == SQLITE_ROW)
			x->repeat_attendees = sqlite3_column_int64(st, 0);
		if (c.post[i] > 0)
			rc = survey_results(db, c.post[i], x->attendees, tx, &x->post, ei);
		if (!rc && c.pre[i] > 0)
			rc = survey_results(db, c.pre[i],
					    x->registered + x->waiting > x->attendees
						    ? x->registered + x->waiting
						    : x->attendees,
					    tx, &x->pre, ei);
	}
	sqlite3_finalize(st);
	free(c.pre);
	free(c.post);
	if (rc) {
		training_report_free(c.r);
		return rc;
	}
	*out = c.r;
	return 0;
}
