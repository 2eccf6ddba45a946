/* training: recruitment (department quotas, open call with a waiting list),
 * the roll, attendance and the session surveys. See training.h. */
#include "training/training_int.h"
#include "core/banned.h"

static const char *const status_names[] = {"registered", "waiting", "cancelled"};

const char *training_reg_status_name(enum training_reg_status s)
{
	return (unsigned)s < YK_ARRAY_LEN(status_names) ? status_names[s] : "cancelled";
}

static enum training_reg_status status_parse(const char *s)
{
	for (size_t i = 0; s && i < YK_ARRAY_LEN(status_names); i++)
		if (strcmp(s, status_names[i]) == 0)
			return (enum training_reg_status)i;
	return TRAINING_CANCELLED;
}

/* ---- quotas ------------------------------------------------------------------ */

int training_quota_set(struct store *db, const struct audit_actor *actor, int64_t session_id,
		       int64_t department_id, int64_t quota, struct training_promoted *moved,
		       struct yk_errinfo *ei)
{
	if (moved)
		memset(moved, 0, sizeof(*moved));
	if (quota < 0 || quota > 10000) {
		yk_errinfo_at(ei, NULL, 0, "quota");
		return yk_errinfo_set(ei, YK_EINVAL, "枠は 0 以上の整数で入力してください");
	}
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	if (training__int(db, "SELECT count(*) FROM training_sessions WHERE id = ?", session_id, 0) <= 0)
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "研修が見つかりません");
	else if (quota == 0)
		rc = training__exec(db, "DELETE FROM training_quotas WHERE session_id = ? AND department_id = ?",
				    session_id, department_id, 0);
	else {
		sqlite3_stmt *st = NULL;
		if ((rc = store_prepare(db,
					"INSERT INTO training_quotas(session_id, department_id, quota)"
					" VALUES (?1, ?2, ?3) ON CONFLICT(session_id, department_id)"
					" DO UPDATE SET quota = ?3",
					&st, ei)) == 0) {
			sqlite3_bind_int64(st, 1, session_id);
			sqlite3_bind_int64(st, 2, department_id);
			sqlite3_bind_int64(st, 3, quota);
			int r = sqlite3_step(st);
			rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
			sqlite3_finalize(st);
			if (rc == YK_ECONFLICT) {
				yk_errinfo_at(ei, NULL, 0, "department_id");
				rc = yk_errinfo_set(ei, YK_EINVAL, "所属が見つかりません");
			}
		}
	}
	if (!rc)
		rc = training__audit(db, actor, "training.quota", session_id,
				     "{\"department_id\":%lld,\"quota\":%lld}", (long long)department_id,
				     (long long)quota);
	if (!rc)
		rc = training__advance(db, actor, session_id, "quota", moved, ei);
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

/* Registered staff ids of a session (status 'registered'), owned array. */
static int registered_ids(struct store *db, int64_t session_id, const char *status, int64_t **ids,
			  size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT staff_id FROM training_registrations WHERE session_id = ?"
			       " AND status = ? ORDER BY queued_at, id",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	return training__ids(db, st, ids, n);
}

static int64_t dept_count(const struct training__roster *ro, const int64_t *ids, size_t n,
			  int64_t department_id)
{
	int64_t c = 0;
	for (size_t i = 0; i < n; i++) {
		const struct training__person *p = training__person(ro, ids[i]);
		c += p && p->department_id == department_id;
	}
	return c;
}

static int64_t quota_of(struct store *db, int64_t session_id, int64_t department_id)
{
	int64_t q = training__int(db,
				  "SELECT coalesce((SELECT quota FROM training_quotas WHERE session_id = ?"
				  " AND department_id = ?), 0)",
				  session_id, department_id);
	return q < 0 ? 0 : q;
}

struct fill_ctx {
	struct store *db;
	int64_t session_id;
	const struct training__roster *ro;
	int64_t *reg, *att;
	size_t nreg, natt;
	int (*fn)(void *ctx, const struct training_quota_fill *q);
	void *ctx;
};

int training_quota_list(struct store *db, int64_t session_id,
			int (*fn)(void *ctx, const struct training_quota_fill *q), void *ctx)
{
	struct training__roster ro;
	int rc = training__roster_load(db, 0, &ro);
	if (rc)
		return rc;
	int64_t *reg = NULL, *att = NULL;
	size_t nreg = 0, natt = 0;
	sqlite3_stmt *st = NULL;
	if ((rc = registered_ids(db, session_id, "registered", &reg, &nreg)))
		goto out;
	if ((rc = store_prepare(db, "SELECT staff_id FROM training_attendance WHERE session_id = ?",
				&st, NULL)))
		goto out;
	sqlite3_bind_int64(st, 1, session_id);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (natt == cap) {
			cap = cap ? cap * 2 : 64;
			att = yk_xrealloc(att, cap * sizeof(*att));
		}
		att[natt++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	st = NULL;
	/* Every department with a quota, in path order. */
	for (size_t i = 0; i < ro.ndepts && !rc; i++) {
		int64_t q = quota_of(db, session_id, ro.depts[i].id);
		if (q <= 0)
			continue;
		struct training_quota_fill f = {ro.depts[i].id, ro.depts[i].path, q,
						dept_count(&ro, reg, nreg, ro.depts[i].id),
						dept_count(&ro, att, natt, ro.depts[i].id)};
		rc = fn(ctx, &f);
	}
out:
	free(reg);
	free(att);
	training__roster_release(&ro);
	return rc;
}

/* ---- registration ------------------------------------------------------------- */

/* Current status of (session, staff): 1 and *status when a row exists. */
static int current_status(struct store *db, int64_t session_id, int64_t staff_id,
			  enum training_reg_status *status)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(db,
			  "SELECT status FROM training_registrations WHERE session_id = ? AND staff_id = ?",
			  &st, NULL))
		return YK_EDB;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, staff_id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*status = status_parse((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return found;
}

/* Writes the status of (session, staff). requeue puts them at the end of
 * the queue (a new request), which also forgets an earlier promotion;
 * promoted stamps promoted_at (moved up from the waiting list). */
static int set_status(struct store *db, int64_t session_id, int64_t staff_id,
		      enum training_reg_status status, int64_t nominated_by, int requeue,
		      int promoted, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(
		db,
		"INSERT INTO training_registrations(session_id, staff_id, status, nominated_by,"
		" queued_at, updated_at) VALUES (?1, ?2, ?3, ?4,"
		" max(?5, coalesce((SELECT max(queued_at) + 1 FROM training_registrations"
		"  WHERE session_id = ?1), 0)), ?6)"
		" ON CONFLICT(session_id, staff_id) DO UPDATE SET status = ?3,"
		" nominated_by = coalesce(?4, nominated_by), updated_at = ?6,"
		" queued_at = CASE WHEN ?7 THEN excluded.queued_at ELSE queued_at END,"
		" promoted_at = CASE WHEN ?8 THEN ?6 WHEN ?7 THEN NULL ELSE promoted_at END",
		&st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, staff_id);
	sqlite3_bind_text(st, 3, training_reg_status_name(status), -1, SQLITE_STATIC);
	if (nominated_by > 0)
		sqlite3_bind_int64(st, 4, nominated_by);
	sqlite3_bind_int64(st, 5, yk_now_ms());
	sqlite3_bind_int64(st, 6, yk_now_unix());
	sqlite3_bind_int(st, 7, requeue);
	sqlite3_bind_int(st, 8, promoted);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : store_err(db, r, ei);
}

static int register_in_tx(struct store *db, const struct training__roster *ro,
			  const struct training_session *s, int64_t staff_id, int64_t nominated_by,
			  enum training_reg_status *status, struct yk_errinfo *ei)
{
	const struct training__person *p = training__person(ro, staff_id);
	if (!p)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "職員が名簿に見つかりません");
	enum training_reg_status cur;
	int has = current_status(db, s->id, staff_id, &cur);
	if (has < 0)
		return has;
	if (has && cur != TRAINING_CANCELLED)
		return yk_errinfo_set(ei, YK_ECONFLICT, cur == TRAINING_WAITING
								? "すでにキャンセル待ちに登録されています"
								: "すでに申し込まれています");
	int64_t *reg = NULL;
	size_t nreg = 0;
	int rc = registered_ids(db, s->id, "registered", &reg, &nreg);
	if (rc)
		return rc;
	if (s->recruitment == TRAINING_QUOTA) {
		int64_t q = quota_of(db, s->id, p->department_id);
		int64_t used = dept_count(ro, reg, nreg, p->department_id);
		if (q <= 0)
			rc = yk_errinfo_set(ei, YK_ECONFLICT, "この研修には %s の枠がありません",
					    p->department);
		else if (used >= q)
			rc = yk_errinfo_set(ei, YK_ECONFLICT,
					    "定員（所属の枠）に達しています（%s: %lld 人まで）",
					    p->department, (long long)q);
	}
	int64_t waiting = 0;
	if (!rc)
		waiting = training__int(db,
					"SELECT count(*) FROM training_registrations WHERE session_id = ?"
					" AND status = 'waiting'",
					s->id, 0);
	/* Someone already waiting keeps their turn: a newcomer queues too. */
	*status = s->capacity > 0 && ((int64_t)nreg >= s->capacity || waiting > 0) ? TRAINING_WAITING
										    : TRAINING_REGISTERED;
	free(reg);
	if (rc)
		return rc;
	return set_status(db, s->id, staff_id, *status, nominated_by, 1, 0, ei);
}

int training_register(struct store *db, const struct audit_actor *actor, int64_t session_id,
		      int64_t staff_id, int64_t nominated_by, enum training_reg_status *status,
		      struct yk_errinfo *ei)
{
	struct training_session *s = NULL;
	struct training__roster ro;
	int rc = training__session_roster(db, session_id, &s, &ro, ei);
	if (rc)
		return rc;
	if ((rc = store_begin(db, ei)))
		goto out;
	rc = register_in_tx(db, &ro, s, staff_id, nominated_by, status, ei);
	if (!rc)
		rc = training__audit(db, actor, "training.register", session_id,
				     "{\"staff_id\":%lld,\"status\":\"%s\",\"nominated\":%s}",
				     (long long)staff_id, training_reg_status_name(*status),
				     nominated_by > 0 ? "true" : "false");
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
out:
	training__roster_release(&ro);
	free(s);
	return rc;
}

/* Moves the first on the waiting list who may take a freed place up. */
static int promote(struct store *db, const struct training__roster *ro,
		   const struct training_session *s, int64_t *promoted, struct yk_errinfo *ei)
{
	*promoted = 0;
	int64_t *reg = NULL, *wait = NULL;
	size_t nreg = 0, nwait = 0;
	int rc = registered_ids(db, s->id, "registered", &reg, &nreg);
	if (!rc)
		rc = registered_ids(db, s->id, "waiting", &wait, &nwait);
	if (!rc && (s->capacity == 0 || (int64_t)nreg < s->capacity)) {
		for (size_t i = 0; i < nwait; i++) {
			if (s->recruitment == TRAINING_QUOTA) {
				const struct training__person *p = training__person(ro, wait[i]);
				if (!p || dept_count(ro, reg, nreg, p->department_id) >=
						  quota_of(db, s->id, p->department_id))
					continue;
			}
			rc = set_status(db, s->id, wait[i], TRAINING_REGISTERED, 0, 0, 1, ei);
			if (!rc)
				*promoted = wait[i];
			break;
		}
	}
	free(reg);
	free(wait);
	return rc;
}

void training_promoted_release(struct training_promoted *p)
{
	if (!p)
		return;
	free(p->staff_ids);
	p->staff_ids = NULL;
	p->n = 0;
}

static int audit_promotion(struct store *db, const struct audit_actor *actor, int64_t session_id,
			   int64_t staff_id, const char *reason)
{
	return training__audit(db, actor, "training.promote", session_id,
			       "{\"staff_id\":%lld,\"reason\":\"%s\"}", (long long)staff_id, reason);
}

int training__advance(struct store *db, const struct audit_actor *actor, int64_t session_id,
		      const char *reason, struct training_promoted *moved, struct yk_errinfo *ei)
{
	struct training_session *s = NULL;
	struct training__roster ro;
	int rc = training__session_roster(db, session_id, &s, &ro, ei);
	if (rc)
		return rc;
	/* Each pass moves one person up and ends when nobody more may: the
	 * waiting list shrinks every time, so this stops. */
	for (;;) {
		int64_t who = 0;
		if ((rc = promote(db, &ro, s, &who, ei)) || !who)
			break;
		if ((rc = audit_promotion(db, actor, session_id, who, reason)))
			break;
		if (moved) {
			moved->staff_ids = yk_xrealloc(moved->staff_ids,
						       (moved->n + 1) * sizeof(*moved->staff_ids));
			moved->staff_ids[moved->n++] = who;
		}
	}
	training__roster_release(&ro);
	free(s);
	return rc;
}

int training_cancel(struct store *db, const struct audit_actor *actor, int64_t session_id,
		    int64_t staff_id, int64_t *promoted_staff_id, struct yk_errinfo *ei)
{
	*promoted_staff_id = 0;
	struct training_session *s = NULL;
	struct training__roster ro;
	int rc = training__session_roster(db, session_id, &s, &ro, ei);
	if (rc)
		return rc;
	if ((rc = store_begin(db, ei)))
		goto out;
	enum training_reg_status cur;
	int has = current_status(db, session_id, staff_id, &cur);
	if (has < 0)
		rc = has;
	else if (!has || cur == TRAINING_CANCELLED)
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "申し込みがありません");
	if (!rc)
		rc = set_status(db, session_id, staff_id, TRAINING_CANCELLED, 0, 0, 0, ei);
	if (!rc && cur == TRAINING_REGISTERED)
		rc = promote(db, &ro, s, promoted_staff_id, ei);
	if (!rc && *promoted_staff_id)
		rc = audit_promotion(db, actor, session_id, *promoted_staff_id, "cancel");
	if (!rc)
		rc = training__audit(db, actor, "training.cancel", session_id,
				     "{\"staff_id\":%lld,\"promoted\":%lld}", (long long)staff_id,
				     (long long)*promoted_staff_id);
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
out:
	training__roster_release(&ro);
	free(s);
	return rc;
}

/* ---- the roll ------------------------------------------------------------------ */

struct roll_row {
	const struct training__person *p;
	int has_registration;
	enum training_reg_status status;
	int64_t waiting_position;
	int attended;
};

static struct roll_row *roll_add(struct roll_row **rows, size_t *n, size_t *cap,
				 const struct training__person *p)
{
	for (size_t i = 0; i < *n; i++)
		if ((*rows)[i].p == p)
			return &(*rows)[i];
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*rows = yk_xrealloc(*rows, *cap * sizeof(**rows));
	}
	struct roll_row *r = &(*rows)[(*n)++];
	memset(r, 0, sizeof(*r));
	r->p = p;
	return r;
}

static int roll_cmp(const void *a, const void *b)
{
	const struct roll_row *x = a, *y = b;
	int c = strcmp(x->p->department, y->p->department);
	return c ? c : strcmp(x->p->employee_no, y->p->employee_no);
}

/* 1 when p is one of the entries asked for: matching query (name or
 * number), or, with nominees, in the department subtree scope (NULL: the
 * whole roster). */
static int roll_wants(const struct training__person *p, const char *query, int nominees,
		      const char *scope)
{
	if (nominees)
		return !scope || auth_dept_within(p->department, scope);
	return !query || !*query || strstr(p->name, query) || strstr(p->employee_no, query);
}

/* The roll (nominees 0) or the nominees' list (nominees 1, see
 * training_nominees). */
static int roll_list(struct store *db, int64_t session_id, const char *query, int nominees,
		     const char *scope, int (*fn)(void *ctx, const struct training_roll_entry *e),
		     void *ctx)
{
	struct training__roster ro;
	int rc = training__roster_load(db, 0, &ro);
	if (rc)
		return rc;
	struct roll_row *rows = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"SELECT staff_id, status FROM training_registrations WHERE session_id = ?"
				" ORDER BY queued_at, id",
				&st, NULL)))
		goto out;
	sqlite3_bind_int64(st, 1, session_id);
	int64_t wpos = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct training__person *p = training__person(&ro, sqlite3_column_int64(st, 0));
		if (!p)
			continue;
		struct roll_row *r = roll_add(&rows, &n, &cap, p);
		r->has_registration = 1;
		r->status = status_parse((const char *)sqlite3_column_text(st, 1));
		if (r->status == TRAINING_WAITING)
			r->waiting_position = ++wpos;
	}
	sqlite3_finalize(st);
	if ((rc = store_prepare(db, "SELECT staff_id FROM training_attendance WHERE session_id = ?",
				&st, NULL)))
		goto out;
	sqlite3_bind_int64(st, 1, session_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct training__person *p = training__person(&ro, sqlite3_column_int64(st, 0));
		if (p)
			roll_add(&rows, &n, &cap, p)->attended = 1;
	}
	sqlite3_finalize(st);
	if (nominees || (query && *query))
		for (size_t i = 0; i < ro.npeople; i++)
			if (roll_wants(&ro.people[i], query, nominees, scope))
				roll_add(&rows, &n, &cap, &ro.people[i]);
	if (n)
		qsort(rows, n, sizeof(*rows), roll_cmp);
	for (size_t i = 0; i < n && !rc; i++) {
		const struct roll_row *r = &rows[i];
		if (!roll_wants(r->p, query, nominees, scope))
			continue;
		struct training_roll_entry e = {r->p->staff_id, r->p->employee_no, r->p->name,
						r->p->department, r->p->tier, r->has_registration,
						r->status, r->waiting_position, r->attended};
		rc = fn(ctx, &e);
	}
out:
	free(rows);
	training__roster_release(&ro);
	return rc;
}

int training_roll(struct store *db, int64_t session_id, const char *query,
		  int (*fn)(void *ctx, const struct training_roll_entry *e), void *ctx)
{
	return roll_list(db, session_id, query, 0, NULL, fn, ctx);
}

int training_nominees(struct store *db, int64_t session_id, const char *scope_path,
		      int (*fn)(void *ctx, const struct training_roll_entry *e), void *ctx)
{
	return roll_list(db, session_id, NULL, 1, scope_path, fn, ctx);
}

int training_nominee_check(struct store *db, int64_t session_id, int64_t staff_id,
			   const char *scope_path, struct yk_errinfo *ei)
{
	struct training_session *s = NULL;
	struct training__roster ro;
	int rc = training__session_roster(db, session_id, &s, &ro, ei);
	if (rc)
		return rc;
	const struct training__person *p = training__person(&ro, staff_id);
	if (s->recruitment != TRAINING_QUOTA)
		rc = yk_errinfo_set(ei, YK_EFORBIDDEN,
				    "所属長が推薦できるのは所属ごとの枠で募集する研修だけです");
	else if (!p || !auth_dept_within(p->department, scope_path))
		rc = yk_errinfo_set(ei, YK_EFORBIDDEN,
				    "所属長が推薦・取り消しできるのは自分の所属（とその下の所属）の職員だけです");
	training__roster_release(&ro);
	free(s);
	return rc;
}

int training_my_sessions(struct store *db, int64_t staff_id,
			 int (*fn)(void *ctx, const struct training_my_session *m), void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(
		db,
		"SELECT s.id, r.status,"
		" CASE WHEN r.status = 'waiting' THEN (SELECT count(*) FROM training_registrations w"
		"   WHERE w.session_id = s.id AND w.status = 'waiting' AND (w.queued_at < r.queued_at"
		"   OR (w.queued_at = r.queued_at AND w.id <= r.id))) ELSE 0 END,"
		" EXISTS (SELECT 1 FROM training_attendance a WHERE a.session_id = s.id AND a.staff_id = ?1),"
		" coalesce(s.pre_survey_id, 0), coalesce(s.post_survey_id, 0),"
		" CASE WHEN r.status = 'registered' THEN coalesce(r.promoted_at, 0) ELSE 0 END"
		" FROM training_sessions s LEFT JOIN training_registrations r"
		"  ON r.session_id = s.id AND r.staff_id = ?1"
		" WHERE r.staff_id IS NOT NULL OR EXISTS (SELECT 1 FROM training_attendance a"
		"  WHERE a.session_id = s.id AND a.staff_id = ?1)"
		" ORDER BY s.day, s.id",
		&st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, staff_id);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct training_my_session m;
		memset(&m, 0, sizeof(m));
		m.session_id = sqlite3_column_int64(st, 0);
		m.has_registration = sqlite3_column_type(st, 1) != SQLITE_NULL;
		m.status = status_parse((const char *)sqlite3_column_text(st, 1));
		m.waiting_position = sqlite3_column_int64(st, 2);
		m.attended = sqlite3_column_int(st, 3);
		m.promoted_at = sqlite3_column_int64(st, 6);
		int64_t pre = sqlite3_column_int64(st, 4), post = sqlite3_column_int64(st, 5);
		m.pre_answered = pre > 0 && survey_has_answered(db, pre, staff_id) == 1;
		m.post_answered = post > 0 && survey_has_answered(db, post, staff_id) == 1;
		if ((rc = fn(ctx, &m)) != 0)
			break;
	}
	if (!rc && r != SQLITE_DONE)
		rc = store_err(db, r, NULL);
	sqlite3_finalize(st);
	return rc;
}

/* ---- attendance ------------------------------------------------------------------ */

static int mark(struct store *db, int64_t session_id, int64_t staff_id, const char *source,
		int *added, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "INSERT OR IGNORE INTO training_attendance(session_id, staff_id, source)"
			       " VALUES (?, ?, ?)",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, staff_id);
	sqlite3_bind_text(st, 3, source, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return store_err(db, r, ei);
	*added = sqlite3_changes(store_handle(db)) > 0;
	return 0;
}

int training_attend_set(struct store *db, const struct audit_actor *actor, int64_t session_id,
			int64_t staff_id, int present, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	int added = 0;
	if (training__int(db, "SELECT count(*) FROM training_sessions WHERE id = ?", session_id, 0) <= 0)
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "研修が見つかりません");
	else if (present) {
		rc = mark(db, session_id, staff_id, "list", &added, ei);
		if (rc == YK_ECONFLICT)
			rc = yk_errinfo_set(ei, YK_ENOTFOUND, "職員が名簿に見つかりません");
	} else
		rc = training__exec(db, "DELETE FROM training_attendance WHERE session_id = ? AND staff_id = ?",
				    session_id, staff_id, 0);
	if (!rc)
		rc = training__audit(db, actor, "training.attend", session_id,
				     "{\"staff_id\":%lld,\"present\":%d}", (long long)staff_id,
				     present ? 1 : 0);
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

int training_attend_import(struct store *db, const struct audit_actor *actor, int64_t session_id,
			   const struct training_number_list *list, const char *file, size_t *added,
			   struct yk_errinfo *ei)
{
	*added = 0;
	struct training__roster ro;
	int rc = training__import_begin(db, list->n, file, &ro, ei);
	if (rc)
		return rc;
	if (training__int(db, "SELECT count(*) FROM training_sessions WHERE id = ?", session_id, 0) <= 0)
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "研修が見つかりません（ID %lld）", (long long)session_id);
	for (size_t i = 0; i < list->n && !rc; i++) {
		const struct training__person *p = training__person_by_number(&ro, list->numbers[i]);
		if (!p) {
			yk_errinfo_at(ei, file, list->lines ? list->lines[i] : (long)i + 2, "employee_no");
			rc = yk_errinfo_set(ei, YK_EPARSE, "職員番号「%s」が名簿にありません",
					    list->numbers[i]);
			break;
		}
		int a = 0;
		rc = mark(db, session_id, p->staff_id, "csv", &a, ei);
		*added += (size_t)a;
	}
	if (!rc)
		rc = training__audit(db, actor, "training.attend.import", session_id,
				     "{\"rows\":%zu,\"added\":%zu}", list->n, *added);
	if (rc || (rc = store_commit(db, ei))) {
		store_rollback(db);
		*added = 0;
	}
	training__roster_release(&ro);
	return rc;
}

/* ---- session surveys ------------------------------------------------------------ */

int training_phase_parse(const char *s, enum training_phase *out)
{
	if (s && strcmp(s, "pre") == 0)
		*out = TRAINING_PRE;
	else if (s && strcmp(s, "post") == 0)
		*out = TRAINING_POST;
	else
		return YK_EINVAL;
	return 0;
}

static int link_survey(struct store *db, const struct audit_actor *actor, int64_t session_id,
		       enum training_phase phase, int64_t survey_id, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	rc = training__exec(db,
			    phase == TRAINING_PRE
				    ? "UPDATE training_sessions SET pre_survey_id = ?1 WHERE id = ?2"
				    : "UPDATE training_sessions SET post_survey_id = ?1 WHERE id = ?2",
			    survey_id, session_id, 1);
	if (!rc)
		rc = training__audit(db, actor, "training.survey.create", session_id,
				     "{\"phase\":\"%s\",\"survey_id\":%lld}",
				     phase == TRAINING_PRE ? "pre" : "post", (long long)survey_id);
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

static int64_t session_survey(const struct training_session *s, enum training_phase phase)
{
	return phase == TRAINING_PRE ? s->pre_survey_id : s->post_survey_id;
}

int training_survey_ensure(struct store *db, const struct audit_actor *actor, int64_t session_id,
			   enum training_phase phase, int64_t *survey_id, struct yk_errinfo *ei)
{
	struct training_session *s = yk_xmalloc(sizeof(*s));
	int rc = training_session_get(db, session_id, s, ei);
	if (rc)
		goto out;
	if ((*survey_id = session_survey(s, phase)) > 0)
		goto out;
	struct survey_spec spec =
		*survey_template_spec(phase == TRAINING_PRE ? SURVEY_TEMPLATE_PRE : SURVEY_TEMPLATE_POST);
	char title[SURVEY_TITLE_MAX + 1];
	snprintf(title, sizeof(title), "%.150s %s", s->title, spec.title);
	spec.title = title;
	if ((rc = survey_create(db, &spec, survey_id, ei)))
		goto out;
	if ((rc = link_survey(db, actor, session_id, phase, *survey_id, ei)))
		if (survey_delete(db, *survey_id))
			yk_log(YK_LOG_WARN, "training: survey %lld left unlinked", (long long)*survey_id);
out:
	free(s);
	return rc;
}

int training_survey_answer(struct store *db, int64_t session_id, enum training_phase phase,
			   int64_t staff_id, const struct survey_answer *answers, size_t n,
			   struct yk_errinfo *ei)
{
	struct training_session *s = yk_xmalloc(sizeof(*s));
	int rc = training_session_get(db, session_id, s, ei);
	int64_t survey_id = rc ? 0 : session_survey(s, phase);
	free(s);
	if (rc)
		return rc;
	if (survey_id <= 0)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "この研修のアンケートはまだありません");
	int64_t ok;
	if (phase == TRAINING_POST)
		ok = training__int(db,
				   "SELECT count(*) FROM training_attendance WHERE session_id = ? AND staff_id = ?",
				   session_id, staff_id);
	else
		ok = training__int(db,
				   "SELECT count(*) FROM training_registrations WHERE session_id = ?"
				   " AND staff_id = ? AND status IN ('registered', 'waiting')",
				   session_id, staff_id);
	if (ok < 0)
		return YK_EDB;
	if (!ok)
		return yk_errinfo_set(ei, YK_EFORBIDDEN,
				      phase == TRAINING_POST
					      ? "事後アンケートは研修に出席した方だけが回答できます"
					      : "事前アンケートは研修に申し込んだ方だけが回答できます");
	return survey_submit(db, survey_id, staff_id, answers, n, 0, ei);
}

static int64_t lookup_number(void *ctx, const char *no)
{
	const struct training__person *p = training__person_by_number(ctx, no);
	return p ? p->staff_id : 0;
}

int training_survey_import(struct store *db, const struct audit_actor *actor, int64_t session_id,
			   enum training_phase phase, const struct survey_table *t, const char *file,
			   struct survey_import_result *res, struct yk_errinfo *ei)
{
	memset(res, 0, sizeof(*res));
	struct training_session *s = yk_xmalloc(sizeof(*s));
	struct training__roster ro;
	memset(&ro, 0, sizeof(ro));
	int rc = training_session_get(db, session_id, s, ei);
	if (rc) {
		yk_errinfo_set(ei, rc, "研修が見つかりません（ID %lld）", (long long)session_id);
		goto out;
	}
	if ((rc = training__roster_load(db, 0, &ro)))
		goto out;
	int64_t survey_id = session_survey(s, phase);
	char title[SURVEY_TITLE_MAX + 1];
	snprintf(title, sizeof(title), "%.150s %s", s->title,
		 phase == TRAINING_PRE ? "事前アンケート" : "事後アンケート");
	if ((rc = survey_import_table(db, survey_id, title, t, file, lookup_number, &ro, res, ei)))
		goto out;
	if (!survey_id && (rc = link_survey(db, actor, session_id, phase, res->survey_id, ei))) {
		if (survey_delete(db, res->survey_id))
			yk_log(YK_LOG_WARN, "training: survey %lld left unlinked", (long long)res->survey_id);
		goto out;
	}
	if (survey_id) {
		/* The import itself ran in its own transaction; its audit line
		 * follows (a crash between the two loses only the line). */
		int arc = store_begin(db, NULL);
		if (!arc) {
			arc = training__audit(db, actor, "training.survey.import", session_id,
					      "{\"rows\":%zu}", res->rows);
			if (arc || store_commit(db, NULL))
				store_rollback(db);
		}
	}
out:
	training__roster_release(&ro);
	free(s);
	return rc;
}
