/* wellbeing/pulse: パルスサーベイ, short anonymous surveys by department to
 * check whether measures helped. Built on the survey module's anonymous
 * mode: every target unit of a pulse gets its own anonymous survey, so a
 * response carries neither a person nor a department (the unit is which
 * survey it went to), and results by unit follow the group analysis's
 * n < stress_group_min suppression. Tables wb_pulses and wb_pulse_units
 * (0024); survey_* through src/survey only; departments and staff read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "survey/survey.h"
#include "wb_int.h"
#include "core/banned.h"

struct unit_row {
	int64_t department_id;
	char path[WB_PATH_MAX + 1];
};

static int dept_path(struct store *db, int64_t id, char *out, size_t outsz, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT path FROM departments WHERE id = ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_row(db, st, ei)) < 0)
		return rc;
	if (rc == 0)
		return YK_ENOTFOUND;
	store_col_text(st, 0, out, outsz);
	store_reset(st);
	return 0;
}

/* Staff whose department lies in the unit path (the unit's invited). */
static int staff_in_unit(struct store *db, const char *path, int64_t *n, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT count(*) FROM staff s JOIN departments d ON d.id = s.department_id"
			    " WHERE d.path = ?1 OR substr(d.path, 1, length(?1) + 1) = ?1 || '/'",
			    &st, ei);
	if (rc)
		return rc;
	store_bind_text(st, 1, path);
	return store_one_int(db, st, n, ei);
}

static int field_error(struct yk_errinfo *ei, const char *field, const char *msg)
{
	yk_errinfo_at(ei, NULL, 0, field);
	return yk_errinfo_set(ei, YK_EINVAL, "%s", msg);
}

/* The units of a spec, checked: known, at most WB_PULSE_UNITS_MAX, no
 * unit inside another. */
static int spec_units(struct store *db, const struct wb_pulse_spec *spec, struct unit_row *u,
		      struct yk_errinfo *ei)
{
	if (spec->ndepartments == 0 || spec->ndepartments > WB_PULSE_UNITS_MAX)
		return field_error(ei, "department_ids", "対象の所属を 1〜200 件選んでください");
	for (size_t i = 0; i < spec->ndepartments; i++) {
		u[i].department_id = spec->department_ids[i];
		int rc = dept_path(db, u[i].department_id, u[i].path, sizeof(u[i].path), ei);
		if (rc == YK_ENOTFOUND)
			return field_error(ei, "department_ids", "存在しない所属が含まれています");
		if (rc)
			return rc;
		for (size_t j = 0; j < i; j++)
			if (wb__path_within(u[i].path, u[j].path) || wb__path_within(u[j].path, u[i].path))
				return field_error(ei, "department_ids",
						   "対象の所属が重なっています（上位の所属と下位の所属を同時に選べません）");
	}
	return 0;
}

static int insert_unit(struct store *db, int64_t pulse_id, const struct unit_row *u, int64_t survey_id,
		       int64_t invited, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "INSERT INTO wb_pulse_units(pulse_id, department_id, survey_id, invited)"
			    " VALUES (?,?,?,?)",
			    &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pulse_id);
	sqlite3_bind_int64(st, 2, u->department_id);
	sqlite3_bind_int64(st, 3, survey_id);
	sqlite3_bind_int64(st, 4, invited);
	return store_step_done(db, st, ei);
}

int wb_pulse_open(struct store *db, const struct audit_actor *actor, const struct wb_pulse_spec *spec,
		  int64_t *id, struct yk_errinfo *ei)
{
	size_t tl = spec->title ? strlen(spec->title) : 0;
	if (tl == 0 || tl > WB_NAME_MAX || !yk_utf8_valid(spec->title, tl, NULL))
		return field_error(ei, "title", "題名は 1〜200 バイトで入力してください");
	int64_t now = yk_now_unix();
	if (spec->closes_at < now)
		return field_error(ei, "closes_on", "締切は今日以降の日付にしてください");
	if (spec->nquestions == 0 || spec->nquestions > WB_PULSE_QUESTIONS_MAX)
		return field_error(ei, "questions", "設問は 1〜10 問にしてください");
	struct unit_row *u = yk_xcalloc(spec->ndepartments ? spec->ndepartments : 1, sizeof(*u));
	int64_t *surveys = yk_xcalloc(spec->ndepartments ? spec->ndepartments : 1, sizeof(*surveys));
	size_t made = 0;
	int rc = spec_units(db, spec, u, ei);
	/* The survey module runs its own transaction per survey: the surveys
	 * are made first and deleted again if the pulse cannot be stored. */
	struct survey_spec ss = {spec->title, 1, spec->questions, spec->nquestions};
	while (!rc && made < spec->ndepartments)
		if ((rc = survey_create(db, &ss, &surveys[made], ei)) == 0)
			made++;
	if (rc || (rc = store_begin(db, ei)))
		goto out;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
			     "INSERT INTO wb_pulses(title, opened_at, closes_at, created_at) VALUES (?,?,?,?)",
			     &st, ei)))
		goto fail;
	store_bind_text(st, 1, spec->title);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, spec->closes_at);
	sqlite3_bind_int64(st, 4, now);
	if ((rc = store_step_done(db, st, ei)))
		goto fail;
	*id = sqlite3_last_insert_rowid(store_handle(db));
	for (size_t i = 0; i < spec->ndepartments; i++) {
		int64_t invited = 0;
		if ((rc = staff_in_unit(db, u[i].path, &invited, ei)) ||
		    (rc = insert_unit(db, *id, &u[i], surveys[i], invited, ei)))
			goto fail;
	}
	char target[64], detail[64];
	snprintf(target, sizeof(target), "pulse:%lld", (long long)*id);
	snprintf(detail, sizeof(detail), "{\"units\":%zu}", spec->ndepartments);
	if ((rc = audit_record(db, actor, "pulse.open", target, detail, NULL)) || (rc = store_commit(db, ei)))
		goto fail;
	goto out;
fail:
	store_rollback(db);
out:
	if (rc)
		for (size_t i = 0; i < made; i++)
			if (survey_delete(db, surveys[i]) != 0)
				yk_log(YK_LOG_WARN, "pulse: survey %lld left behind", (long long)surveys[i]);
	free(surveys);
	free(u);
	return rc;
}

/* ---- listing ----------------------------------------------------------------------------- */

struct pulse_walk {
	struct store *db;
	int (*fn)(void *ctx, const struct wb_pulse *p);
	void *ctx;
	int64_t now;
	struct wb_pulse *rows;
	size_t n, cap;
};

static int pulse_row(void *ctx, sqlite3_stmt *st)
{
	struct pulse_walk *w = ctx;
	int rc = wb__grow(&w->rows, &w->cap, w->n, sizeof(*w->rows), WB_ROWS_MAX);
	if (rc)
		return rc;
	struct wb_pulse *p = &w->rows[w->n++];
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, p->title, sizeof(p->title));
	p->opened_at = sqlite3_column_int64(st, 2);
	p->closes_at = sqlite3_column_int64(st, 3);
	p->open = w->now <= p->closes_at;
	p->units = sqlite3_column_int(st, 4);
	p->invited = sqlite3_column_int64(st, 5);
	return 0;
}

struct id_list {
	int64_t ids[WB_PULSE_UNITS_MAX];
	size_t n;
};

static int id_row(void *ctx, sqlite3_stmt *st)
{
	struct id_list *l = ctx;
	if (l->n == WB_PULSE_UNITS_MAX)
		return YK_ELIMIT;
	l->ids[l->n++] = sqlite3_column_int64(st, 0);
	return 0;
}

/* Responses of a pulse: the sum over its units' surveys. */
static int pulse_responses(struct store *db, int64_t pulse_id, int64_t *n, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	struct id_list l = {{0}, 0};
	int rc = store_stmt(db, "SELECT survey_id FROM wb_pulse_units WHERE pulse_id = ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pulse_id);
	if ((rc = store_each(db, st, id_row, &l, ei)))
		return rc;
	*n = 0;
	for (size_t i = 0; i < l.n; i++) {
		struct survey *sv = NULL;
		if ((rc = survey_get(db, l.ids[i], &sv, ei)))
			return rc;
		*n += sv->responses;
		survey_free(sv);
	}
	return 0;
}

int wb_pulse_list(struct store *db, int (*fn)(void *ctx, const struct wb_pulse *p), void *ctx,
		  struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT p.id, p.title, p.opened_at, p.closes_at,"
			    " (SELECT count(*) FROM wb_pulse_units u WHERE u.pulse_id = p.id),"
			    " (SELECT coalesce(sum(invited), 0) FROM wb_pulse_units u WHERE u.pulse_id = p.id)"
			    " FROM wb_pulses p ORDER BY p.opened_at DESC, p.id DESC",
			    &st, ei);
	if (rc)
		return rc;
	struct pulse_walk w = {db, fn, ctx, yk_now_unix(), NULL, 0, 0};
	rc = store_each(db, st, pulse_row, &w, ei);
	for (size_t i = 0; i < w.n && !rc; i++)
		if (!(rc = pulse_responses(db, w.rows[i].id, &w.rows[i].responses, ei)))
			rc = fn(ctx, &w.rows[i]);
	free(w.rows);
	return rc;
}

/* ---- answering ------------------------------------------------------------------------------ */

/* The caller's roster entry and department path. */
static int viewer_unit_path(struct store *db, const struct wb_viewer *v, int64_t *staff_id,
			    char path[WB_PATH_MAX + 1], struct yk_errinfo *ei)
{
	int64_t dept = 0;
	int rc = v->user_id ? wb__user_links(db, v->user_id, staff_id, &dept, NULL, 0, path, WB_PATH_MAX + 1)
			    : YK_EFORBIDDEN;
	if (rc == 0 && (*staff_id == 0 || !path[0]))
		rc = YK_EFORBIDDEN;
	if (rc == YK_EFORBIDDEN)
		return yk_errinfo_set(ei, rc, "職員名簿に所属が登録されていないため、パルスサーベイに回答できません");
	return rc;
}

/* The survey of pulse_id whose unit holds path (units do not overlap, so
 * at most one does); 0 when none. */
static int unit_survey(struct store *db, int64_t pulse_id, const char *path, int64_t *survey_id,
		       struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	*survey_id = 0;
	int rc = store_stmt(db,
			    "SELECT u.survey_id FROM wb_pulse_units u JOIN departments d ON d.id = u.department_id"
			    " WHERE u.pulse_id = ?1 AND (d.path = ?2 OR substr(?2, 1, length(d.path) + 1) = d.path || '/')",
			    &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pulse_id);
	store_bind_text(st, 2, path);
	rc = store_one_int(db, st, survey_id, ei);
	return rc == YK_ENOTFOUND ? 0 : rc;
}

int wb_pulse_survey_of(struct store *db, const struct wb_viewer *v, int64_t pulse_id,
		       int64_t *survey_id, struct yk_errinfo *ei)
{
	int64_t staff_id = 0;
	char path[WB_PATH_MAX + 1];
	int rc = viewer_unit_path(db, v, &staff_id, path, ei);
	if (rc || (rc = unit_survey(db, pulse_id, path, survey_id, ei)))
		return rc;
	if (*survey_id == 0)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "あなたの所属はこのパルスサーベイの対象ではありません");
	return 0;
}

struct mine_walk {
	struct wb_pulse_mine *rows;
	size_t n, cap;
};

static int mine_row(void *ctx, sqlite3_stmt *st)
{
	struct mine_walk *w = ctx;
	int rc = wb__grow(&w->rows, &w->cap, w->n, sizeof(*w->rows), WB_ROWS_MAX);
	if (rc)
		return rc;
	struct wb_pulse_mine *m = &w->rows[w->n++];
	memset(m, 0, sizeof(*m));
	m->pulse_id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, m->title, sizeof(m->title));
	m->closes_at = sqlite3_column_int64(st, 2);
	return 0;
}

int wb_pulse_mine(struct store *db, const struct wb_viewer *v,
		  int (*fn)(void *ctx, const struct wb_pulse_mine *p), void *ctx,
		  struct yk_errinfo *ei)
{
	int64_t staff_id = 0;
	char path[WB_PATH_MAX + 1];
	struct yk_errinfo quiet;
	if (viewer_unit_path(db, v, &staff_id, path, &quiet) != 0)
		return 0; /* not in the roster: in no unit */
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT id, title, closes_at FROM wb_pulses WHERE closes_at >= ? ORDER BY closes_at, id",
			    &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, yk_now_unix());
	struct mine_walk w = {NULL, 0, 0};
	rc = store_each(db, st, mine_row, &w, ei);
	for (size_t i = 0; i < w.n && !rc; i++) {
		if ((rc = unit_survey(db, w.rows[i].pulse_id, path, &w.rows[i].survey_id, ei)) ||
		    w.rows[i].survey_id == 0)
			continue;
		int answered = survey_has_answered(db, w.rows[i].survey_id, staff_id);
		if (answered < 0) {
			rc = answered;
			break;
		}
		w.rows[i].answered = answered;
		rc = fn(ctx, &w.rows[i]);
	}
	free(w.rows);
	return rc;
}

int wb_pulse_answer(struct store *db, const struct wb_viewer *v, int64_t pulse_id,
		    const struct survey_answer *answers, size_t n, struct yk_errinfo *ei)
{
	int64_t staff_id = 0, survey_id = 0, closes_at = 0;
	char path[WB_PATH_MAX + 1];
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT closes_at FROM wb_pulses WHERE id = ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pulse_id);
	if ((rc = store_one_int(db, st, &closes_at, ei)) == YK_ENOTFOUND)
		return yk_errinfo_set(ei, rc, "パルスサーベイが見つかりません");
	if (rc)
		return rc;
	if (yk_now_unix() > closes_at)
		return yk_errinfo_set(ei, YK_ECONFLICT, "このパルスサーベイは締め切られました");
	if ((rc = viewer_unit_path(db, v, &staff_id, path, ei)) ||
	    (rc = wb_pulse_survey_of(db, v, pulse_id, &survey_id, ei)))
		return rc;
	return survey_submit(db, survey_id, staff_id, answers, n, 0, ei);
}

/* ---- results ----------------------------------------------------------------------------------- */

struct unit_walk {
	struct wb_pulse_unit *rows;
	int64_t *survey_ids;
	size_t n, cap;
};

static int unit_row(void *ctx, sqlite3_stmt *st)
{
	struct unit_walk *w = ctx;
	size_t cap = w->cap;
	int rc = wb__grow(&w->rows, &w->cap, w->n, sizeof(*w->rows), WB_PULSE_UNITS_MAX);
	if (!rc)
		rc = wb__grow(&w->survey_ids, &cap, w->n, sizeof(*w->survey_ids), WB_PULSE_UNITS_MAX);
	if (rc)
		return rc;
	struct wb_pulse_unit *u = &w->rows[w->n];
	memset(u, 0, sizeof(*u));
	u->department_id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, u->department, sizeof(u->department));
	w->survey_ids[w->n] = sqlite3_column_int64(st, 2);
	u->invited = sqlite3_column_int64(st, 3);
	w->n++;
	return 0;
}

/* 1 when v may read the free text of pulse surveys (SPEC §4: individual
 * answers only to the 実施者) and tx can mask it. */
static int comments_allowed(const struct wb_viewer *v, const struct survey_text *tx)
{
	return v && (v->roles & AUTH_ROLE_IMPLEMENTER) && tx && tx->model && tx->guard;
}

int wb_pulse_results(struct store *db, const struct wb_viewer *v, const struct survey_text *tx,
		     int64_t pulse_id, int (*fn)(void *ctx, const struct wb_pulse_unit *u),
		     void *ctx, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int64_t found = 0;
	int rc = store_stmt(db, "SELECT count(*) FROM wb_pulses WHERE id = ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pulse_id);
	if ((rc = store_one_int(db, st, &found, ei)))
		return rc;
	if (!found)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "パルスサーベイが見つかりません");
	if ((rc = store_stmt(db,
			     "SELECT u.department_id, d.path, u.survey_id, u.invited FROM wb_pulse_units u"
			     " JOIN departments d ON d.id = u.department_id WHERE u.pulse_id = ? ORDER BY d.path",
			     &st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, pulse_id);
	struct unit_walk w = {NULL, NULL, 0, 0};
	rc = store_each(db, st, unit_row, &w, ei);
	int64_t min = store_setting_int(db, "stress_group_min");
	if (min < 10)
		min = 10; /* the 10-person rule cannot be lowered (SPEC §4) */
	int comments = comments_allowed(v, tx);
	if (!rc && comments) {
		char target[32];
		snprintf(target, sizeof(target), "pulse:%lld", (long long)pulse_id);
		rc = wb__audit(db, v, "pulse.comments.view", target, NULL);
	}
	for (size_t i = 0; i < w.n && !rc; i++) {
		struct wb_pulse_unit *u = &w.rows[i];
		struct survey_results *r = NULL;
		/* Counts come from the survey; figures only for a unit of min or
		 * more, and its free text only for the implementer. */
		if ((rc = survey_results(db, w.survey_ids[i], u->invited, NULL, &r, ei)))
			break;
		u->n = r->responses;
		u->suppressed = u->n < min;
		if (!u->suppressed && comments) {
			survey_results_free(r);
			r = NULL;
			if ((rc = survey_results(db, w.survey_ids[i], u->invited, tx, &r, ei)))
				break;
			u->comments = 1;
		}
		u->results = u->suppressed ? NULL : r;
		rc = fn(ctx, u);
		survey_results_free(r);
	}
	free(w.rows);
	free(w.survey_ids);
	return rc;
}
