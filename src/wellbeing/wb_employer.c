/* wellbeing/employer: what the employer side may know about individuals
 * (SPEC §4). Two things only:
 *   - results a worker consented to give the employer (after seeing the
 *     result, or by applying for a 面接指導), read at the call so that a
 *     revoked consent removes them at once, every row shown audited;
 *   - whether a person in scope has taken the check (to remind them), never
 *     their progress or result.
 * The worker's own reminders for the portal live here too. Tables:
 * sc_sheets, sc_consents, sc_interviews, sc_targets (0012) and
 * sc_reminder_rounds (0024); users, staff and departments read-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_int.h"
#include "core/banned.h"

#define DAY_SECONDS 86400

int wb__grow(void *pp, size_t *cap, size_t n, size_t size, size_t max)
{
	if (n >= max)
		return YK_ELIMIT;
	if (n < *cap)
		return 0;
	void **p = pp;
	*cap = *cap ? *cap * 2 : 8;
	*p = yk_xrealloc(*p, *cap * size);
	return 0;
}

/* ---- consented results ---------------------------------------------------------------- */

/* The standing consent of a sheet is its newest sc_consents row, when that
 * row gives. */
#define CONSENTED_SQL                                                                            \
	"SELECT s.id, coalesce(st.employee_no, ''), coalesce(st.name, u.display_name, ''),"      \
	" coalesce(d.path, ''), s.sex, s.answers, k.at, k.via, coalesce(i.applied_at, 0),"      \
	" coalesce(i.status, '')"                                                              \
	" FROM sc_sheets s"                                                                    \
	" JOIN sc_consents k ON k.id = (SELECT max(id) FROM sc_consents WHERE sheet_id = s.id)" \
	" LEFT JOIN staff st ON st.id = s.staff_id LEFT JOIN users u ON u.id = s.user_id"      \
	" LEFT JOIN departments d ON d.id = s.department_id"                                   \
	" LEFT JOIN sc_interviews i ON i.sheet_id = s.id"                                      \
	" WHERE k.action = 'give' AND s.submitted_at IS NOT NULL"

static int employer_only(const struct wb_viewer *v, struct yk_errinfo *ei)
{
	if (v->roles & AUTH_ROLE_ADMIN)
		return 0;
	return yk_errinfo_set(ei, YK_EFORBIDDEN, "同意を得た結果は管理者（事業者）だけが見られます");
}

struct consented_walk {
	struct wb_campaign c;
	int scope_full;
	struct wb_consented *rows;
	size_t n, cap;
};

static int consented_row(void *ctx, sqlite3_stmt *st)
{
	struct consented_walk *w = ctx;
	struct wb_consented r;
	memset(&r, 0, sizeof(r));
	r.sheet_id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, r.employee_no, sizeof(r.employee_no));
	store_col_text(st, 2, r.name, sizeof(r.name));
	store_col_text(st, 3, r.department, sizeof(r.department));
	const char *sx = store_col_str(st, 4);
	enum wb_sex sex = sx[0] == 'M' ? WB_SEX_MALE : sx[0] == 'F' ? WB_SEX_FEMALE : WB_SEX_NONE;
	const char *as = store_col_str(st, 5);
	unsigned char a[WB_ITEMS];
	wb__answers_decode(as, strlen(as), a);
	r.consent_at = sqlite3_column_int64(st, 6);
	r.via_interview = strcmp(store_col_str(st, 7), "interview") == 0;
	int64_t applied = sqlite3_column_int64(st, 8);
	store_col_text(st, 9, r.interview_status, sizeof(r.interview_status));
	r.interview = applied != 0 && strcmp(r.interview_status, "withdrawn") != 0;
	r.method = w->c.method;
	struct wb_score sc;
	if (wb_score_sheet(a, sex, &w->c.t, &sc) != 0)
		return 0; /* a submitted sheet always scores; never show a broken one */
	r.high = wb_score_high(&sc, w->c.method);
	r.scope_full = w->scope_full;
	if (w->scope_full)
		r.score = sc;
	int rc = wb__grow(&w->rows, &w->cap, w->n, sizeof(*w->rows), WB_ROWS_MAX);
	if (rc)
		return rc;
	w->rows[w->n++] = r;
	return 0;
}

/* Hands the collected rows out, each with its audit row written first. */
static int consented_give(struct store *db, const struct wb_viewer *v, struct consented_walk *w,
			  int (*fn)(void *ctx, const struct wb_consented *r), void *ctx)
{
	int rc = 0;
	for (size_t i = 0; i < w->n && !rc; i++) {
		char target[64];
		snprintf(target, sizeof(target), "sheet:%lld", (long long)w->rows[i].sheet_id);
		rc = wb__audit(db, v, "stress.employer.view", target,
			       w->scope_full ? "{\"scope\":\"full\"}" : "{\"scope\":\"high_stress_only\"}");
		if (!rc)
			rc = fn(ctx, &w->rows[i]);
	}
	free(w->rows);
	w->rows = NULL;
	return rc;
}

static int scope_is_full(struct store *db)
{
	char scope[64];
	if (store_setting_get(db, "stress_consent_scope", scope, sizeof(scope)) != 0)
		return 0; /* unreadable: the narrower scope */
	return strcmp(scope, "full") == 0;
}

/* Rows are collected first and handed out after the statement is reset,
 * so that the audit rows are not written while the read is open. */
int wb_consented_list(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		      int (*fn)(void *ctx, const struct wb_consented *r), void *ctx,
		      struct yk_errinfo *ei)
{
	int rc = employer_only(v, ei);
	if (rc)
		return rc;
	struct consented_walk w = {{0}, scope_is_full(db), NULL, 0, 0};
	if ((rc = wb__campaign_load(db, campaign_id, &w.c, ei)))
		return rc;
	char target[64];
	snprintf(target, sizeof(target), "campaign:%lld", (long long)campaign_id);
	if ((rc = wb__audit(db, v, "stress.employer.list", target, NULL)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db, CONSENTED_SQL " AND s.campaign_id = ? ORDER BY d.path, st.employee_no, s.id",
			     &st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, campaign_id);
	if ((rc = store_each(db, st, consented_row, &w, ei))) {
		free(w.rows);
		return rc == YK_ELIMIT ? yk_errinfo_set(ei, rc, "件数が多すぎます") : rc;
	}
	return consented_give(db, v, &w, fn, ctx);
}

static int consented_one(void *ctx, const struct wb_consented *r)
{
	*(struct wb_consented *)ctx = *r;
	return 0;
}

int wb_consented_get(struct store *db, const struct wb_viewer *v, int64_t sheet_id,
		     struct wb_consented *out, struct yk_errinfo *ei)
{
	int rc = employer_only(v, ei);
	if (rc)
		return rc;
	struct wb_sheet sheet;
	if ((rc = wb__sheet_load(db, sheet_id, &sheet, ei)) == YK_ENOTFOUND)
		return yk_errinfo_set(ei, rc, "同意を得た結果が見つかりません");
	if (rc)
		return rc;
	struct consented_walk w = {{0}, scope_is_full(db), NULL, 0, 0};
	if ((rc = wb__campaign_load(db, sheet.campaign_id, &w.c, ei)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db, CONSENTED_SQL " AND s.id = ?", &st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, sheet_id);
	if ((rc = store_each(db, st, consented_row, &w, ei))) {
		free(w.rows);
		return rc;
	}
	if (w.n == 0)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "同意を得た結果が見つかりません");
	return consented_give(db, v, &w, consented_one, out);
}

/* ---- who has not finished ------------------------------------------------------------- */

/* Targets of ?1 with no submitted sheet, matched by roster entry directly
 * or through the user linked to it. */
#define PENDING_WHERE                                                                         \
	" FROM sc_targets t WHERE t.campaign_id = ?1 AND NOT EXISTS (SELECT 1 FROM sc_sheets s" \
	" LEFT JOIN users u ON u.id = s.user_id WHERE s.campaign_id = ?1"                      \
	" AND s.submitted_at IS NOT NULL AND (s.staff_id = t.staff_id OR u.staff_id = t.staff_id))"

static int admin_or_implementer(const struct wb_viewer *v, struct yk_errinfo *ei)
{
	if (v->user_id == 0 || (v->roles & (AUTH_ROLE_ADMIN | AUTH_ROLE_IMPLEMENTER)))
		return 0;
	return yk_errinfo_set(ei, YK_EFORBIDDEN, "管理者または実施者だけが行えます");
}

static int pending_count(struct store *db, int64_t campaign_id, int64_t *n, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT count(*)" PENDING_WHERE, &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, campaign_id);
	return store_one_int(db, st, n, ei);
}

struct pending_walk {
	int (*fn)(void *ctx, const struct wb_pending *p);
	void *ctx;
};

static int pending_row(void *ctx, sqlite3_stmt *st)
{
	struct pending_walk *w = ctx;
	struct wb_pending p;
	store_col_text(st, 0, p.employee_no, sizeof(p.employee_no));
	store_col_text(st, 1, p.name, sizeof(p.name));
	store_col_text(st, 2, p.department, sizeof(p.department));
	return w->fn(w->ctx, &p);
}

int wb_pending_list(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		    int (*fn)(void *ctx, const struct wb_pending *p), void *ctx, int64_t *count,
		    struct yk_errinfo *ei)
{
	int rc = admin_or_implementer(v, ei);
	struct wb_campaign c;
	if (rc || (rc = wb__campaign_load(db, campaign_id, &c, ei)) ||
	    (rc = pending_count(db, campaign_id, count, ei)))
		return rc;
	char target[64], detail[64];
	snprintf(target, sizeof(target), "campaign:%lld", (long long)campaign_id);
	snprintf(detail, sizeof(detail), "{\"pending\":%lld}", (long long)*count);
	if ((rc = wb__audit(db, v, "stress.pending.list", target, detail)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
			     "SELECT coalesce(st.employee_no, ''), coalesce(st.name, ''), coalesce(d.path, '')"
			     " FROM (SELECT t.staff_id, t.department_id" PENDING_WHERE ") p"
			     " JOIN staff st ON st.id = p.staff_id"
			     " LEFT JOIN departments d ON d.id = coalesce(st.department_id, p.department_id)"
			     " ORDER BY d.path, st.employee_no",
			     &st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, campaign_id);
	struct pending_walk w = {fn, ctx};
	return store_each(db, st, pending_row, &w, ei);
}

int wb_reminder_send(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		     int64_t *pending, struct yk_errinfo *ei)
{
	int rc = admin_or_implementer(v, ei);
	struct wb_campaign c;
	if (rc || (rc = wb__campaign_load(db, campaign_id, &c, ei)))
		return rc;
	int64_t now = yk_now_unix();
	if (now < c.starts_at || now > c.ends_at)
		return yk_errinfo_set(ei, YK_ECONFLICT, "回答期間中の実施回だけにお知らせを送れます");
	if ((rc = store_begin(db, ei)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = pending_count(db, campaign_id, pending, ei)) ||
	    (rc = store_stmt(db, "INSERT INTO sc_reminder_rounds(campaign_id, sent_at, pending) VALUES (?,?,?)",
			     &st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, campaign_id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, *pending);
	if ((rc = store_step_done(db, st, ei)))
		goto fail;
	char target[64], detail[64];
	snprintf(target, sizeof(target), "campaign:%lld", (long long)campaign_id);
	snprintf(detail, sizeof(detail), "{\"pending\":%lld}", (long long)*pending);
	if ((rc = wb__audit(db, v, "stress.reminder.send", target, detail)))
		goto fail;
	return store_commit(db, ei);
fail:
	store_rollback(db);
	return rc;
}

/* ---- the worker's own reminders -------------------------------------------------------------- */

struct reminder_walk {
	int (*fn)(void *ctx, const struct wb_reminder *r);
	void *ctx;
	int64_t now;
};

static int reminder_row(void *ctx, sqlite3_stmt *st)
{
	struct reminder_walk *w = ctx;
	struct wb_reminder r;
	memset(&r, 0, sizeof(r));
	r.campaign_id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, r.name, sizeof(r.name));
	r.ends_at = sqlite3_column_int64(st, 2);
	int reminder_days = sqlite3_column_int(st, 3);
	r.started = sqlite3_column_int(st, 4) != 0;
	r.round_at = sqlite3_column_int64(st, 5);
	int64_t left = (r.ends_at - w->now) / DAY_SECONDS;
	r.days_left = left < 0 ? 0 : left > 100000 ? 100000 : (int)left;
	r.urgent = r.days_left < reminder_days;
	return w->fn(w->ctx, &r);
}

int wb_reminders_mine(struct store *db, const struct wb_viewer *v,
		      int (*fn)(void *ctx, const struct wb_reminder *r), void *ctx,
		      struct yk_errinfo *ei)
{
	if (v->user_id == 0)
		return 0;
	int64_t staff_id, dept;
	int rc = wb__user_links(db, v->user_id, &staff_id, &dept, NULL, 0, NULL, 0);
	if (rc || staff_id == 0)
		return rc; /* not in the roster: in no campaign's scope */
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
			     "SELECT c.id, c.name, c.ends_at, c.reminder_days,"
			     " EXISTS (SELECT 1 FROM sc_sheets s WHERE s.campaign_id = c.id"
			     "  AND (s.user_id = ?1 OR s.staff_id = ?2)),"
			     " coalesce((SELECT max(sent_at) FROM sc_reminder_rounds r WHERE r.campaign_id = c.id), 0)"
			     " FROM sc_campaigns c JOIN sc_targets t ON t.campaign_id = c.id AND t.staff_id = ?2"
			     " WHERE ?3 BETWEEN c.starts_at AND c.ends_at"
			     " AND NOT EXISTS (SELECT 1 FROM sc_sheets s WHERE s.campaign_id = c.id"
			     "  AND s.submitted_at IS NOT NULL AND (s.user_id = ?1 OR s.staff_id = ?2))"
			     " ORDER BY c.ends_at, c.id",
			     &st, ei)))
		return rc;
	struct reminder_walk w = {fn, ctx, yk_now_unix()};
	sqlite3_bind_int64(st, 1, v->user_id);
	sqlite3_bind_int64(st, 2, staff_id);
	sqlite3_bind_int64(st, 3, w.now);
	return store_each(db, st, reminder_row, &w, ei);
}
