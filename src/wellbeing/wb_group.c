/* wellbeing/group: 集団分析 per department with roll-up to every parent
 * unit and the whole organisation, the n < stress_group_min suppression
 * with its two audited overrides (SPEC §4), last year's comparison, and
 * the figures of the official report (様式第6号の3). Reads submitted
 * sheets only and returns group figures only. */
#include "wb_int.h"
#include "core/banned.h"

#define WB_UNITS_MAX 4096

struct unit_acc {
	char path[WB_PATH_MAX + 1];
	int64_t department_id;
	int depth;
	int targets;
	enum wb_override override;
	struct wb_group g;
};

struct units {
	struct unit_acc *u;
	size_t n, cap;
};

static struct unit_acc *unit_get(struct units *us, const char *path, int depth)
{
	for (size_t i = 0; i < us->n; i++)
		if (strcmp(us->u[i].path, path) == 0)
			return &us->u[i];
	if (us->n == WB_UNITS_MAX)
		return NULL;
	if (us->n == us->cap) {
		us->cap = us->cap ? us->cap * 2 : 32;
		us->u = yk_xrealloc(us->u, us->cap * sizeof(*us->u));
	}
	struct unit_acc *u = &us->u[us->n++];
	memset(u, 0, sizeof(*u));
	yk_strlcpy(u->path, path, sizeof(u->path));
	u->depth = depth;
	return u;
}

/* Calls fn(unit) for the whole organisation ("") and every ancestor unit
 * of path, the unit itself included. */
static int each_level(struct units *us, const char *path, void (*fn)(struct unit_acc *u, void *arg),
		      void *arg)
{
	struct unit_acc *u = unit_get(us, "", 0);
	if (!u)
		return YK_ELIMIT;
	fn(u, arg);
	int depth = 1;
	for (const char *p = path; *p; p++) {
		if (p[1] != '/' && p[1] != '\0')
			continue;
		char prefix[WB_PATH_MAX + 1];
		size_t n = (size_t)(p + 1 - path);
		if (n >= sizeof(prefix))
			return YK_ELIMIT;
		memcpy(prefix, path, n);
		prefix[n] = '\0';
		if (!(u = unit_get(us, prefix, depth++)))
			return YK_ELIMIT;
		fn(u, arg);
	}
	return 0;
}

struct sheet_arg {
	enum wb_sex sex;
	const unsigned char *answers;
	const struct wb_score *score;
};

static void add_sheet(struct unit_acc *u, void *arg)
{
	struct sheet_arg *a = arg;
	wb_group_add(&u->g, a->sex, a->answers, a->score);
}

static void add_target(struct unit_acc *u, void *arg)
{
	(void)arg;
	u->targets++;
}

/* Every submitted sheet, scored, into its unit and every unit above it. */
static int collect_sheets(struct store *db, const struct wb_campaign *c, struct units *us,
			  struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT coalesce(d.path, ''), s.sex, s.answers FROM sc_sheets s"
			       " LEFT JOIN departments d ON d.id = s.department_id"
			       " WHERE s.campaign_id = ? AND s.submitted_at IS NOT NULL",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, c->id);
	int s;
	while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		const char *sx = (const char *)sqlite3_column_text(st, 1);
		const char *as = (const char *)sqlite3_column_text(st, 2);
		unsigned char a[WB_ITEMS];
		wb__answers_decode(as ? as : "", as ? strlen(as) : 0, a);
		enum wb_sex sex = sx && sx[0] == 'M' ? WB_SEX_MALE : sx && sx[0] == 'F' ? WB_SEX_FEMALE : WB_SEX_NONE;
		struct wb_score sc;
		if (wb_score_sheet(a, sex, &c->t, &sc) != 0)
			continue; /* never scored: incomplete (cannot happen for a submitted sheet) */
		struct sheet_arg arg = {sex, a, &sc};
		rc = each_level(us, path ? path : "", add_sheet, &arg);
	}
	sqlite3_finalize(st);
	return rc ? yk_errinfo_set(ei, rc, "所属が多すぎます") : 0;
}

/* Staff in scope per unit (units nobody answered in are listed too). */
static int collect_targets(struct store *db, const struct wb_campaign *c, struct units *us,
			   struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = store_prepare(db,
				"SELECT coalesce(d.path, '') FROM sc_targets t"
				" LEFT JOIN departments d ON d.id = t.department_id WHERE t.campaign_id = ?",
				&st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, c->id);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		rc = each_level(us, path ? path : "", add_target, NULL);
	}
	sqlite3_finalize(st);
	return rc ? yk_errinfo_set(ei, rc, "所属が多すぎます") : 0;
}

/* Department ids of the units and the overrides set for the campaign. */
static int collect_overrides(struct store *db, const struct wb_campaign *c, struct units *us,
			     struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = store_prepare(db,
				"SELECT d.id, d.path, coalesce(o.mode, '') FROM departments d"
				" LEFT JOIN sc_group_overrides o ON o.department_id = d.id AND o.campaign_id = ?",
				&st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, c->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 1);
		const char *mode = (const char *)sqlite3_column_text(st, 2);
		for (size_t i = 0; path && i < us->n; i++)
			if (strcmp(us->u[i].path, path) == 0) {
				us->u[i].department_id = sqlite3_column_int64(st, 0);
				us->u[i].override = mode && strcmp(mode, "all_consented") == 0 ? WB_OVERRIDE_ALL_CONSENTED
						    : mode && strcmp(mode, "summary_only") == 0 ? WB_OVERRIDE_SUMMARY
						    : WB_OVERRIDE_NONE;
			}
	}
	sqlite3_finalize(st);
	return 0;
}

static int collect(struct store *db, const struct wb_campaign *c, struct units *us,
		   struct yk_errinfo *ei)
{
	int rc = collect_sheets(db, c, us, ei);
	if (!rc)
		rc = collect_targets(db, c, us, ei);
	if (!rc)
		rc = collect_overrides(db, c, us, ei);
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct unit_acc *)a)->path, ((const struct unit_acc *)b)->path);
}

/* Figures of an accumulated unit as an employer may see them. */
static void employer_figures(const struct wb_judge_constants k[2], const struct unit_acc *u,
			     int min_n, struct wb_group_figures *out, int *suppressed)
{
	wb_group_figures(&u->g, &k[0], &k[1], out);
	*suppressed = 0;
	if (u->g.n >= min_n || u->override == WB_OVERRIDE_ALL_CONSENTED)
		return;
	int n = out->n;
	double total = out->total57_mean;
	memset(out, 0, sizeof(*out));
	out->n = n;
	if (u->override == WB_OVERRIDE_SUMMARY)
		out->total57_mean = total;
	else
		*suppressed = 1;
}

int wb_group_analysis(struct store *db, int64_t campaign_id,
		      int (*fn)(void *ctx, const struct wb_unit *u), void *ctx,
		      struct yk_errinfo *ei)
{
	struct wb_campaign c, prev;
	struct units cur = {NULL, 0, 0}, old = {NULL, 0, 0};
	int has_prev = 0;
	int rc = wb__campaign_load(db, campaign_id, &c, ei);
	if (rc)
		return rc;
	if ((rc = collect(db, &c, &cur, ei)))
		goto out;
	{
		/* Last time: the newest campaign that started before this one. */
		sqlite3_stmt *st = NULL;
		if ((rc = store_prepare(db,
					"SELECT id FROM sc_campaigns WHERE starts_at < ? OR (starts_at = ? AND id < ?)"
					" ORDER BY starts_at DESC, id DESC LIMIT 1",
					&st, ei)))
			goto out;
		sqlite3_bind_int64(st, 1, c.starts_at);
		sqlite3_bind_int64(st, 2, c.starts_at);
		sqlite3_bind_int64(st, 3, c.id);
		int64_t pid = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		if (pid && (rc = wb__campaign_load(db, pid, &prev, ei)) == 0 &&
		    (rc = collect(db, &prev, &old, ei)) == 0)
			has_prev = 1;
		if (rc)
			goto out;
	}
	if (!cur.n && !unit_get(&cur, "", 0)) {
		rc = YK_ELIMIT;
		goto out;
	}
	qsort(cur.u, cur.n, sizeof(*cur.u), by_path);
	int min_n = (int)store_setting_int(db, "stress_group_min");
	struct wb_judge_constants k[2];
	wb_judge_from_settings(db, WB_SEX_MALE, &k[0]);
	wb_judge_from_settings(db, WB_SEX_FEMALE, &k[1]);
	for (size_t i = 0; i < cur.n; i++) {
		const struct unit_acc *a = &cur.u[i];
		struct wb_unit u;
		memset(&u, 0, sizeof(u));
		u.department_id = a->department_id;
		yk_strlcpy(u.department, a->path[0] ? a->path : "全体", sizeof(u.department));
		u.depth = a->depth;
		u.targets = a->targets;
		u.override = a->override;
		employer_figures(k, a, min_n, &u.fig, &u.suppressed);
		for (size_t j = 0; has_prev && !u.suppressed && j < old.n; j++)
			if (strcmp(old.u[j].path, a->path) == 0) {
				int sup;
				employer_figures(k, &old.u[j], min_n, &u.prev, &sup);
				u.has_prev = !sup && old.u[j].g.n > 0;
				if (!u.has_prev)
					memset(&u.prev, 0, sizeof(u.prev));
			}
		if ((rc = fn(ctx, &u)) != 0)
			break;
	}
out:
	free(cur.u);
	free(old.u);
	return rc;
}

int wb_group_override_set(struct store *db, const struct audit_actor *actor, int64_t campaign_id,
			  int64_t department_id, enum wb_override mode, struct yk_errinfo *ei)
{
	struct wb_campaign c;
	int rc = wb__campaign_load(db, campaign_id, &c, ei);
	if (rc)
		return rc;
	if ((rc = store_begin(db, ei)))
		return rc;
	sqlite3_stmt *st = NULL;
	const char *sql = mode == WB_OVERRIDE_NONE
				  ? "DELETE FROM sc_group_overrides WHERE campaign_id = ?1 AND department_id = ?2"
				  : "INSERT INTO sc_group_overrides(campaign_id, department_id, mode, set_at)"
				    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET mode = ?3, set_at = ?4";
	const char *name = mode == WB_OVERRIDE_ALL_CONSENTED ? "all_consented"
			   : mode == WB_OVERRIDE_SUMMARY     ? "summary_only" : "none";
	if ((rc = store_prepare(db, sql, &st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, campaign_id);
	sqlite3_bind_int64(st, 2, department_id);
	if (mode != WB_OVERRIDE_NONE) {
		wb__bind_text(st, 3, name);
		sqlite3_bind_int64(st, 4, yk_now_unix());
	}
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		rc = store_err(db, s, ei);
		if (rc == YK_ECONFLICT)
			rc = yk_errinfo_set(ei, YK_ENOTFOUND, "所属が見つかりません");
		goto fail;
	}
	char target[80], detail[64];
	snprintf(target, sizeof(target), "campaign:%lld/department:%lld", (long long)campaign_id,
		 (long long)department_id);
	snprintf(detail, sizeof(detail), "{\"mode\":\"%s\"}", name);
	if ((rc = audit_record(db, actor, "stress.group.override", target, detail, NULL)))
		goto fail;
	return store_commit(db, ei);
fail:
	store_rollback(db);
	return rc;
}

int wb_official_report(struct store *db, int64_t campaign_id, struct wb_official_report *out,
		       struct yk_errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	struct wb_campaign c;
	int rc = wb__campaign_load(db, campaign_id, &c, ei);
	if (rc)
		return rc;
	out->targets = c.targets;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"SELECT s.sex, s.answers, coalesce(i.status, '') FROM sc_sheets s"
				" LEFT JOIN sc_interviews i ON i.sheet_id = s.id"
				" WHERE s.campaign_id = ? AND s.submitted_at IS NOT NULL",
				&st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, campaign_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *sx = (const char *)sqlite3_column_text(st, 0);
		const char *as = (const char *)sqlite3_column_text(st, 1);
		const char *is = (const char *)sqlite3_column_text(st, 2);
		unsigned char a[WB_ITEMS];
		wb__answers_decode(as ? as : "", as ? strlen(as) : 0, a);
		enum wb_sex sex = sx && sx[0] == 'M' ? WB_SEX_MALE : WB_SEX_FEMALE;
		struct wb_score sc;
		if (wb_score_sheet(a, sex, &c.t, &sc) != 0)
			continue;
		out->examined++;
		out->high_stress_sum += sc.sum_high;
		out->high_stress_soten += sc.soten_high;
		out->high_stress += wb_score_high(&sc, c.method);
		if (is && is[0] && strcmp(is, "withdrawn") != 0)
			out->interviews_applied++;
		if (is && strcmp(is, "done") == 0)
			out->interviews_done++;
	}
	sqlite3_finalize(st);
	return 0;
}
