/* wellbeing/sheet: campaigns, answer sheets saved as they go, results,
 * consent, 面接指導 applications and the implementer's list and export.
 * The role rules of SPEC §4 are checked here (not only in the route
 * table): see struct wb_viewer in wellbeing.h. */
#include "wb_int.h"
#include "core/banned.h"

#define DRAFT_ANSWERS "000000000000000000000000000000000000000000000000000000000"

/* ---- small helpers ---------------------------------------------------------- */

void wb__bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

void wb__col_text(sqlite3_stmt *st, int i, char *out, size_t outsz)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	yk_strlcpy(out, t ? t : "", outsz);
}

void wb__answers_decode(const char *s, size_t len, unsigned char out[WB_ITEMS])
{
	for (size_t i = 0; i < WB_ITEMS; i++)
		out[i] = (unsigned char)(i < len && s[i] >= '1' && s[i] <= '4' ? s[i] - '0' : 0);
}

void wb__answers_encode(const unsigned char a[WB_ITEMS], char out[WB_ITEMS + 1])
{
	for (int i = 0; i < WB_ITEMS; i++)
		out[i] = (char)('0' + (a[i] <= 4 ? a[i] : 0));
	out[WB_ITEMS] = '\0';
}

int wb__path_within(const char *path, const char *unit)
{
	size_t n = strlen(unit);
	return n && strncmp(path, unit, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

int64_t wb__day_now(void)
{
	return yk_now_unix() / 86400;
}

void wb__day_text(int64_t day, char out[11])
{
	char iso[32];
	yk_time_iso(day * 86400, iso, sizeof(iso));
	memcpy(out, iso, 10);
	out[10] = '\0';
}

int wb__audit(struct store *db, const struct wb_viewer *v, const char *action, const char *target,
	      const char *detail)
{
	static const struct audit_actor cli = {0, "cli", NULL};
	return audit_record(db, v->actor ? v->actor : &cli, action, target, detail, NULL);
}

static int audit(struct store *db, const struct wb_viewer *v, const char *action, int64_t sheet_id,
		 const char *detail)
{
	char target[64];
	snprintf(target, sizeof(target), "sheet:%lld", (long long)sheet_id);
	return wb__audit(db, v, action, target, detail);
}

/* ---- campaigns ---------------------------------------------------------------- */

#define CAMPAIGN_COLS                                                                    \
	"c.id, c.name, c.starts_at, c.ends_at, c.method, c.sum_b_high, c.sum_ac_high,"  \
	" c.sum_b_mid, c.soten_b_high, c.soten_ac_high, c.soten_b_mid, c.reminder_days," \
	" c.created_at, (SELECT count(*) FROM sc_targets t WHERE t.campaign_id = c.id),"  \
	" (SELECT count(*) FROM sc_sheets s WHERE s.campaign_id = c.id"                  \
	"  AND s.submitted_at IS NOT NULL)"

static void campaign_row(sqlite3_stmt *st, struct wb_campaign *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	wb__col_text(st, 1, c->name, sizeof(c->name));
	c->starts_at = sqlite3_column_int64(st, 2);
	c->ends_at = sqlite3_column_int64(st, 3);
	const char *m = (const char *)sqlite3_column_text(st, 4);
	c->method = m && strcmp(m, "soten") == 0 ? WB_METHOD_SOTEN : WB_METHOD_SUM;
	c->t.sum_b_high = sqlite3_column_int(st, 5);
	c->t.sum_ac_high = sqlite3_column_int(st, 6);
	c->t.sum_b_mid = sqlite3_column_int(st, 7);
	c->t.soten_b_high = sqlite3_column_int(st, 8);
	c->t.soten_ac_high = sqlite3_column_int(st, 9);
	c->t.soten_b_mid = sqlite3_column_int(st, 10);
	c->reminder_days = sqlite3_column_int(st, 11);
	c->created_at = sqlite3_column_int64(st, 12);
	c->targets = sqlite3_column_int64(st, 13);
	c->submitted = sqlite3_column_int64(st, 14);
}

static int campaign_one(struct store *db, const char *sql, int64_t id, const char *name,
			struct wb_campaign *out, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, sql, &st, ei);
	if (rc)
		return rc;
	if (name)
		wb__bind_text(st, 1, name);
	else
		sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		campaign_row(st, out);
	else
		rc = s == SQLITE_DONE ? yk_errinfo_set(ei, YK_ENOTFOUND, "実施回が見つかりません")
				      : store_err(db, s, ei);
	sqlite3_finalize(st);
	return rc;
}

int wb__campaign_load(struct store *db, int64_t id, struct wb_campaign *c, struct yk_errinfo *ei)
{
	return campaign_one(db, "SELECT " CAMPAIGN_COLS " FROM sc_campaigns c WHERE c.id = ?", id,
			    NULL, c, ei);
}

int wb_campaign_get(struct store *db, int64_t id, struct wb_campaign *out)
{
	return wb__campaign_load(db, id, out, NULL);
}

int wb_campaign_find(struct store *db, const char *name, struct wb_campaign *out)
{
	return campaign_one(db, "SELECT " CAMPAIGN_COLS " FROM sc_campaigns c WHERE c.name = ?", 0,
			    name, out, NULL);
}

int wb_campaign_list(struct store *db, int (*fn)(void *ctx, const struct wb_campaign *c),
		     void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT " CAMPAIGN_COLS
				   " FROM sc_campaigns c ORDER BY c.starts_at DESC, c.id DESC",
			       &st, NULL);
	if (rc)
		return rc;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct wb_campaign c;
		campaign_row(st, &c);
		if ((rc = fn(ctx, &c)) != 0)
			break;
	}
	if (!rc && s != SQLITE_DONE)
		rc = store_err(db, s, NULL);
	sqlite3_finalize(st);
	return rc;
}

static int thresholds_valid(const struct wb_thresholds *t)
{
	return t->sum_b_high >= 29 && t->sum_b_high <= 116 && t->sum_ac_high >= 26 &&
	       t->sum_ac_high <= 104 && t->sum_b_mid >= 29 && t->sum_b_mid <= 116 &&
	       t->soten_b_high >= 6 && t->soten_b_high <= 30 && t->soten_ac_high >= 12 &&
	       t->soten_ac_high <= 58 && t->soten_b_mid >= 6 && t->soten_b_mid <= 30;
}

int wb_campaign_create(struct store *db, const struct audit_actor *actor,
		       const struct wb_campaign_spec *spec, int64_t *id, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	if ((rc = wb__campaign_insert(db, actor, spec, id, ei))) {
		store_rollback(db);
		return rc;
	}
	return store_commit(db, ei);
}

int wb__campaign_insert(struct store *db, const struct audit_actor *actor,
			const struct wb_campaign_spec *spec, int64_t *id, struct yk_errinfo *ei)
{
	struct wb_thresholds t;
	if (spec->t)
		t = *spec->t;
	else
		wb_thresholds_from_settings(db, &t);
	size_t nl = spec->name ? strlen(spec->name) : 0;
	if (nl == 0 || nl > WB_NAME_MAX || !yk_utf8_valid(spec->name, nl, NULL)) {
		yk_errinfo_at(ei, NULL, 0, "name");
		return yk_errinfo_set(ei, YK_EINVAL, "実施回の名前は 1〜%d バイトで指定してください", WB_NAME_MAX);
	}
	if (spec->ends_at < spec->starts_at) {
		yk_errinfo_at(ei, NULL, 0, "ends_at");
		return yk_errinfo_set(ei, YK_EINVAL, "終了日が開始日より前です");
	}
	if (!thresholds_valid(&t)) {
		yk_errinfo_at(ei, NULL, 0, "thresholds");
		return yk_errinfo_set(ei, YK_EINVAL, "高ストレスの基準値が範囲外です");
	}
	if (spec->reminder_days < 0 || spec->reminder_days > 365) {
		yk_errinfo_at(ei, NULL, 0, "reminder_days");
		return yk_errinfo_set(ei, YK_EINVAL, "リマインドの日数は 0〜365 で指定してください");
	}
	const char *unit = spec->department_path ? spec->department_path : "";
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = store_prepare(db,
				"INSERT INTO sc_campaigns(name, starts_at, ends_at, method, sum_b_high,"
				" sum_ac_high, sum_b_mid, soten_b_high, soten_ac_high, soten_b_mid,"
				" reminder_days, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
				&st, ei)))
		goto fail;
	wb__bind_text(st, 1, spec->name);
	sqlite3_bind_int64(st, 2, spec->starts_at);
	sqlite3_bind_int64(st, 3, spec->ends_at);
	wb__bind_text(st, 4, spec->method == WB_METHOD_SOTEN ? "soten" : "sum");
	sqlite3_bind_int(st, 5, t.sum_b_high);
	sqlite3_bind_int(st, 6, t.sum_ac_high);
	sqlite3_bind_int(st, 7, t.sum_b_mid);
	sqlite3_bind_int(st, 8, t.soten_b_high);
	sqlite3_bind_int(st, 9, t.soten_ac_high);
	sqlite3_bind_int(st, 10, t.soten_b_mid);
	sqlite3_bind_int(st, 11, spec->reminder_days);
	sqlite3_bind_int64(st, 12, yk_now_unix());
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	if (s != SQLITE_DONE) {
		rc = store_err(db, s, ei);
		if (rc == YK_ECONFLICT)
			yk_errinfo_set(ei, rc, "同じ名前の実施回があります");
		goto fail;
	}
	*id = sqlite3_last_insert_rowid(store_handle(db));
	if ((rc = store_prepare(db,
				"INSERT INTO sc_targets(campaign_id, staff_id, department_id)"
				" SELECT ?1, s.id, s.department_id FROM staff s"
				" JOIN departments d ON d.id = s.department_id"
				" WHERE s.left_at IS NULL AND (?2 = '' OR d.path = ?2"
				" OR substr(d.path, 1, length(?2) + 1) = ?2 || '/')",
				&st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, *id);
	wb__bind_text(st, 2, unit);
	s = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	if (s != SQLITE_DONE) {
		rc = store_err(db, s, ei);
		goto fail;
	}
	char target[64], detail[96];
	snprintf(target, sizeof(target), "campaign:%lld", (long long)*id);
	snprintf(detail, sizeof(detail), "{\"method\":\"%s\",\"targets\":%d}",
		 spec->method == WB_METHOD_SOTEN ? "soten" : "sum", sqlite3_changes(store_handle(db)));
	rc = audit_record(db, actor, "stress.campaign.create", target, detail, NULL);
fail:
	return rc;
}

/* ---- sheets -------------------------------------------------------------------- */

static void sheet_row(sqlite3_stmt *st, struct wb_sheet *o)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(st, 0);
	o->campaign_id = sqlite3_column_int64(st, 1);
	o->user_id = sqlite3_column_int64(st, 2);
	o->staff_id = sqlite3_column_int64(st, 3);
	o->department_id = sqlite3_column_int64(st, 4);
	wb__col_text(st, 5, o->department, sizeof(o->department));
	const char *sx = (const char *)sqlite3_column_text(st, 6);
	o->sex = sx && sx[0] == 'M' ? WB_SEX_MALE : sx && sx[0] == 'F' ? WB_SEX_FEMALE : WB_SEX_NONE;
	const char *a = (const char *)sqlite3_column_text(st, 7);
	wb__answers_decode(a ? a : "", a ? (size_t)sqlite3_column_bytes(st, 7) : 0, o->answers);
	for (int i = 0; i < WB_ITEMS; i++)
		o->answered += o->answers[i] != 0;
	const char *src = (const char *)sqlite3_column_text(st, 8);
	o->paper = src && strcmp(src, "paper") == 0;
	o->submitted_at = sqlite3_column_int64(st, 9);
	o->result_seen_at = sqlite3_column_int64(st, 10);
	const char *cons = (const char *)sqlite3_column_text(st, 11);
	o->consent = cons && strcmp(cons, "give") == 0;
	o->consent_at = sqlite3_column_int64(st, 12);
	o->interview_at = sqlite3_column_int64(st, 13);
	wb__col_text(st, 14, o->interview_status, sizeof(o->interview_status));
	o->interview = o->interview_at != 0 && strcmp(o->interview_status, "withdrawn") != 0;
}

#define SHEET_SELECT                                                                        \
	"SELECT s.id, s.campaign_id, s.user_id, s.staff_id, s.department_id,"              \
	" coalesce(d.path, ''), s.sex, s.answers, s.source, coalesce(s.submitted_at, 0),"  \
	" coalesce(s.result_seen_at, 0),"                                                 \
	" (SELECT action FROM sc_consents k WHERE k.sheet_id = s.id ORDER BY k.id DESC LIMIT 1)," \
	" coalesce((SELECT at FROM sc_consents k WHERE k.sheet_id = s.id ORDER BY k.id DESC LIMIT 1), 0)," \
	" coalesce(i.applied_at, 0), coalesce(i.status, '')"                               \
	" FROM sc_sheets s LEFT JOIN departments d ON d.id = s.department_id"             \
	" LEFT JOIN sc_interviews i ON i.sheet_id = s.id "

static int sheet_query(struct store *db, const char *sql, int64_t a, int64_t b, int64_t c,
		       struct wb_sheet *out, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, sql, &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, c);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		sheet_row(st, out);
	else
		rc = s == SQLITE_DONE ? YK_ENOTFOUND : store_err(db, s, ei);
	sqlite3_finalize(st);
	return rc;
}

int wb__sheet_load(struct store *db, int64_t id, struct wb_sheet *out, struct yk_errinfo *ei)
{
	int rc = sheet_query(db, SHEET_SELECT "WHERE s.id = ?1", id, 0, 0, out, ei);
	if (rc == YK_ENOTFOUND)
		yk_errinfo_set(ei, rc, "調査票が見つかりません");
	return rc;
}

/* The roster entry and department of a user (0 when none). Reads users
 * and staff (owned by auth) read-only. */
int wb__user_links(struct store *db, int64_t user_id, int64_t *staff_id, int64_t *dept_id,
		      char *tier, size_t tiersz, char *path, size_t pathsz)
{
	sqlite3_stmt *st = NULL;
	*staff_id = *dept_id = 0;
	if (tier)
		tier[0] = '\0';
	if (path)
		path[0] = '\0';
	int rc = store_prepare(db,
			       "SELECT coalesce(u.staff_id, 0),"
			       " coalesce(st.department_id, u.department_id, 0), coalesce(st.tier, ''),"
			       " coalesce(d.path, '')"
			       " FROM users u LEFT JOIN staff st ON st.id = u.staff_id"
			       " LEFT JOIN departments d ON d.id = coalesce(st.department_id, u.department_id)"
			       " WHERE u.id = ?",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*staff_id = sqlite3_column_int64(st, 0);
		*dept_id = sqlite3_column_int64(st, 1);
		if (tier)
			wb__col_text(st, 2, tier, tiersz);
		if (path)
			wb__col_text(st, 3, path, pathsz);
	} else if (s != SQLITE_DONE) {
		rc = store_err(db, s, NULL);
	}
	sqlite3_finalize(st);
	return rc;
}

static int is_worker(struct store *db, const struct wb_viewer *v, const struct wb_sheet *s)
{
	if (v->user_id == 0)
		return 0;
	if (s->user_id == v->user_id)
		return 1;
	int64_t staff_id, dept;
	if (s->staff_id == 0 || wb__user_links(db, v->user_id, &staff_id, &dept, NULL, 0, NULL, 0))
		return 0;
	return staff_id != 0 && staff_id == s->staff_id;
}

static int campaign_open(const struct wb_campaign *c)
{
	int64_t now = yk_now_unix();
	return now >= c->starts_at && now <= c->ends_at;
}

int wb_sheet_mine(struct store *db, const struct wb_viewer *v, int64_t campaign_id, int create,
		  struct wb_sheet *out, struct yk_errinfo *ei)
{
	if (v->user_id == 0)
		return yk_errinfo_set(ei, YK_EFORBIDDEN, "ログインした職員だけが回答できます");
	int64_t staff_id, dept;
	int rc = wb__user_links(db, v->user_id, &staff_id, &dept, NULL, 0, NULL, 0);
	if (rc)
		return rc;
	rc = sheet_query(db, SHEET_SELECT "WHERE s.campaign_id = ?1 AND (s.user_id = ?2"
					  " OR (?3 != 0 AND s.staff_id = ?3))"
					  " ORDER BY s.submitted_at IS NULL, s.id LIMIT 1",
			 campaign_id, v->user_id, staff_id, out, ei);
	if (rc != YK_ENOTFOUND || !create)
		return rc == YK_ENOTFOUND ? yk_errinfo_set(ei, rc, "この実施回の調査票はまだありません") : rc;
	struct wb_campaign c;
	if ((rc = wb__campaign_load(db, campaign_id, &c, ei)))
		return rc;
	if (!campaign_open(&c))
		return yk_errinfo_set(ei, YK_ECONFLICT, "この実施回は回答期間外です");
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"INSERT INTO sc_sheets(campaign_id, user_id, staff_id, department_id, answers,"
				" source, created_at, updated_at) VALUES (?,?,?,?,?,'web',?,?)",
				&st, ei)))
		return rc;
	int64_t now = yk_now_unix();
	sqlite3_bind_int64(st, 1, campaign_id);
	sqlite3_bind_int64(st, 2, v->user_id);
	if (staff_id)
		sqlite3_bind_int64(st, 3, staff_id);
	if (dept)
		sqlite3_bind_int64(st, 4, dept);
	wb__bind_text(st, 5, DRAFT_ANSWERS);
	sqlite3_bind_int64(st, 6, now);
	sqlite3_bind_int64(st, 7, now);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	return wb__sheet_load(db, sqlite3_last_insert_rowid(store_handle(db)), out, ei);
}

int wb_sheet_save(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		  enum wb_sex sex, const unsigned char answers[WB_ITEMS], struct wb_sheet *out,
		  struct yk_errinfo *ei)
{
	struct wb_sheet cur;
	int rc = wb_sheet_mine(db, v, campaign_id, 1, &cur, ei);
	if (rc)
		return rc;
	if (cur.submitted_at)
		return yk_errinfo_set(ei, YK_ECONFLICT, "提出済みの調査票は変更できません");
	struct wb_campaign c;
	if ((rc = wb__campaign_load(db, campaign_id, &c, ei)))
		return rc;
	if (!campaign_open(&c))
		return yk_errinfo_set(ei, YK_ECONFLICT, "この実施回は回答期間外です");
	for (int i = 0; answers && i < WB_ITEMS; i++) {
		if (answers[i] > 4) {
			yk_errinfo_at(ei, NULL, 0, "answers");
			return yk_errinfo_set(ei, YK_EINVAL, "問%d の回答は 1〜4 で指定してください", i + 1);
		}
		if (answers[i])
			cur.answers[i] = answers[i];
	}
	if (sex)
		cur.sex = sex;
	char enc[WB_ITEMS + 1];
	wb__answers_encode(cur.answers, enc);
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"UPDATE sc_sheets SET answers = ?, sex = ?, updated_at = ?"
				" WHERE id = ? AND submitted_at IS NULL",
				&st, ei)))
		return rc;
	wb__bind_text(st, 1, enc);
	wb__bind_text(st, 2, wb_sex_code(cur.sex));
	sqlite3_bind_int64(st, 3, yk_now_unix());
	sqlite3_bind_int64(st, 4, cur.id);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	return wb__sheet_load(db, cur.id, out, ei);
}

int wb_sheet_submit(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		    struct wb_sheet *out, struct yk_errinfo *ei)
{
	struct wb_sheet cur;
	int rc = wb_sheet_mine(db, v, campaign_id, 0, &cur, ei);
	if (rc)
		return rc;
	if (cur.submitted_at)
		return yk_errinfo_set(ei, YK_ECONFLICT, "すでに提出済みです");
	struct wb_campaign c;
	if ((rc = wb__campaign_load(db, campaign_id, &c, ei)))
		return rc;
	if (!campaign_open(&c))
		return yk_errinfo_set(ei, YK_ECONFLICT, "この実施回は回答期間外です");
	for (int i = 0; i < WB_ITEMS; i++)
		if (!cur.answers[i]) {
			yk_errinfo_at(ei, NULL, 0, "answers");
			return yk_errinfo_set(ei, YK_EINVAL,
					      "問%d が未回答です。すべての問に回答してから提出してください", i + 1);
		}
	if (!cur.sex) {
		yk_errinfo_at(ei, NULL, 0, "sex");
		return yk_errinfo_set(ei, YK_EINVAL, "性別を選んでください（素点換算表による評価に必要です）");
	}
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"UPDATE sc_sheets SET submitted_at = ?1, updated_at = ?1"
				" WHERE id = ?2 AND submitted_at IS NULL",
				&st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, yk_now_unix());
	sqlite3_bind_int64(st, 2, cur.id);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	return wb__sheet_load(db, cur.id, out, ei);
}

int wb__sheet_score(const struct wb_sheet *s, const struct wb_campaign *c, struct wb_score *out)
{
	return wb_score_sheet(s->answers, s->sex, &c->t, out);
}

/* The personnel rule: 1 when v may not see sheets of s's unit. */
static int personnel_refused(struct store *db, const struct wb_viewer *v, const char *sheet_path)
{
	if (!store_setting_int(db, "stress_personnel_rule") || v->user_id == 0)
		return 0;
	int64_t staff_id, dept;
	char tier[32], path[WB_PATH_MAX + 1];
	if (wb__user_links(db, v->user_id, &staff_id, &dept, tier, sizeof(tier), path, sizeof(path)))
		return 1; /* cannot tell: refuse */
	return strcmp(tier, AUTH_TIER_EXECUTIVE) == 0 && path[0] && wb__path_within(sheet_path, path);
}

int wb_result_get(struct store *db, const struct wb_viewer *v, int64_t sheet_id,
		  struct wb_sheet *sheet, struct wb_score *score, struct yk_errinfo *ei)
{
	int rc = wb__sheet_load(db, sheet_id, sheet, ei);
	if (rc == YK_ENOTFOUND && !(v->roles & AUTH_ROLE_IMPLEMENTER))
		return yk_errinfo_set(ei, YK_EFORBIDDEN, "この結果を見る権限がありません");
	if (rc)
		return rc;
	int worker = is_worker(db, v, sheet);
	if (!worker) {
		if (!(v->roles & AUTH_ROLE_IMPLEMENTER))
			return yk_errinfo_set(ei, YK_EFORBIDDEN, "この結果を見る権限がありません");
		if (personnel_refused(db, v, sheet->department)) {
			if ((rc = audit(db, v, "stress.result.refused", sheet_id,
					"{\"rule\":\"personnel_authority\"}")))
				return rc;
			return yk_errinfo_set(ei, YK_EFORBIDDEN,
					      "人事権のある実施者は自分の所属の個人結果を見られません");
		}
	}
	if (!sheet->submitted_at)
		return yk_errinfo_set(ei, YK_ECONFLICT, "未提出の調査票には結果がありません");
	struct wb_campaign c;
	if ((rc = wb__campaign_load(db, sheet->campaign_id, &c, ei)))
		return rc;
	if ((rc = wb__sheet_score(sheet, &c, score)))
		return yk_errinfo_set(ei, rc, "調査票が不完全なため採点できません");
	if (worker) {
		if (!sheet->result_seen_at) {
			sqlite3_stmt *st = NULL;
			if ((rc = store_prepare(db,
						"UPDATE sc_sheets SET result_seen_at = ? WHERE id = ?"
						" AND result_seen_at IS NULL",
						&st, ei)))
				return rc;
			sheet->result_seen_at = yk_now_unix();
			sqlite3_bind_int64(st, 1, sheet->result_seen_at);
			sqlite3_bind_int64(st, 2, sheet_id);
			int s = sqlite3_step(st);
			sqlite3_finalize(st);
			if (s != SQLITE_DONE)
				return store_err(db, s, ei);
		}
		return 0;
	}
	return audit(db, v, "stress.result.view", sheet_id, NULL);
}

static int consent_row(struct store *db, int64_t sheet_id, const char *action, const char *via,
		       struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "INSERT INTO sc_consents(sheet_id, action, via, at) VALUES (?,?,?,?)",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, sheet_id);
	wb__bind_text(st, 2, action);
	wb__bind_text(st, 3, via);
	sqlite3_bind_int64(st, 4, yk_now_unix());
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

/* Loads a sheet the caller must be the worker of, with the result seen. */
static int own_seen_sheet(struct store *db, const struct wb_viewer *v, int64_t sheet_id,
			  struct wb_sheet *s, struct yk_errinfo *ei)
{
	int rc = wb__sheet_load(db, sheet_id, s, ei);
	if (rc == YK_ENOTFOUND || (!rc && !is_worker(db, v, s)))
		return yk_errinfo_set(ei, YK_EFORBIDDEN, "本人だけが行えます");
	if (rc)
		return rc;
	if (!s->submitted_at || !s->result_seen_at)
		return yk_errinfo_set(ei, YK_ECONFLICT,
				      "結果を確認してからお選びください（結果の確認前には同意や申出はできません）");
	return 0;
}

int wb_consent_set(struct store *db, const struct wb_viewer *v, int64_t sheet_id, int give,
		   struct yk_errinfo *ei)
{
	struct wb_sheet s;
	int rc = own_seen_sheet(db, v, sheet_id, &s, ei);
	if (rc)
		return rc;
	if (!give && s.interview)
		return yk_errinfo_set(ei, YK_ECONFLICT,
				      "面接指導を申し出ているため、同意を取り消すには申出の取り下げを実施者に連絡してください");
	if (s.consent == !!give)
		return 0; /* already so: nothing new to record */
	return consent_row(db, sheet_id, give ? "give" : "revoke", "consent", ei);
}

int wb_interview_apply(struct store *db, const struct wb_viewer *v, int64_t sheet_id,
		       struct yk_errinfo *ei)
{
	struct wb_sheet s;
	int rc = own_seen_sheet(db, v, sheet_id, &s, ei);
	if (rc)
		return rc;
	if (s.interview)
		return yk_errinfo_set(ei, YK_ECONFLICT, "すでに申し出ています");
	if ((rc = store_begin(db, ei)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"INSERT INTO sc_interviews(sheet_id, applied_at, status, updated_at)"
				" VALUES (?1, ?2, 'applied', ?2) ON CONFLICT(sheet_id) DO UPDATE SET"
				" applied_at = ?2, status = 'applied', done_at = NULL, updated_at = ?2",
				&st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, sheet_id);
	sqlite3_bind_int64(st, 2, yk_now_unix());
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE) {
		rc = store_err(db, r, ei);
		goto fail;
	}
	/* The application counts as consent (SPEC §4). */
	if ((rc = consent_row(db, sheet_id, "give", "interview", ei)))
		goto fail;
	return store_commit(db, ei);
fail:
	store_rollback(db);
	return rc;
}

int wb_interview_update(struct store *db, const struct wb_viewer *v, int64_t sheet_id,
			const char *status, struct yk_errinfo *ei)
{
	if (!(v->roles & AUTH_ROLE_IMPLEMENTER))
		return yk_errinfo_set(ei, YK_EFORBIDDEN, "実施者だけが行えます");
	if (!status || (strcmp(status, "done") != 0 && strcmp(status, "withdrawn") != 0)) {
		yk_errinfo_at(ei, NULL, 0, "status");
		return yk_errinfo_set(ei, YK_EINVAL, "状態は done または withdrawn で指定してください");
	}
	struct wb_sheet s;
	int rc = wb__sheet_load(db, sheet_id, &s, ei);
	if (rc)
		return rc;
	if (personnel_refused(db, v, s.department))
		return yk_errinfo_set(ei, YK_EFORBIDDEN, "人事権のある実施者は自分の所属の申出を扱えません");
	if (!s.interview_at)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "面接指導の申出がありません");
	if ((rc = store_begin(db, ei)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"UPDATE sc_interviews SET status = ?1, updated_at = ?2,"
				" done_at = CASE WHEN ?1 = 'done' THEN ?2 ELSE NULL END WHERE sheet_id = ?3",
				&st, ei)))
		goto fail;
	wb__bind_text(st, 1, status);
	sqlite3_bind_int64(st, 2, yk_now_unix());
	sqlite3_bind_int64(st, 3, sheet_id);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE) {
		rc = store_err(db, r, ei);
		goto fail;
	}
	char detail[64];
	snprintf(detail, sizeof(detail), "{\"status\":\"%s\"}", status);
	if ((rc = audit(db, v, "stress.interview.update", sheet_id, detail)))
		goto fail;
	return store_commit(db, ei);
fail:
	store_rollback(db);
	return rc;
}

/* ---- the implementer's list and export ------------------------------------------------ */

#define LIST_SQL                                                                          \
	"SELECT s.id, coalesce(st.employee_no, ''), coalesce(st.name, u.display_name, ''),"   \
	" coalesce(d.path, ''), s.sex, s.answers, coalesce(s.submitted_at, 0),"             \
	" coalesce((SELECT action FROM sc_consents k WHERE k.sheet_id = s.id"               \
	"  ORDER BY k.id DESC LIMIT 1), ''), coalesce(i.applied_at, 0), coalesce(i.status, '')" \
	" FROM sc_sheets s LEFT JOIN staff st ON st.id = s.staff_id"                        \
	" LEFT JOIN users u ON u.id = s.user_id"                                            \
	" LEFT JOIN departments d ON d.id = s.department_id"                                \
	" LEFT JOIN sc_interviews i ON i.sheet_id = s.id"                                   \
	" WHERE s.campaign_id = ? ORDER BY d.path, st.employee_no, s.id"

int wb_result_list(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		   enum wb_list_filter filter,
		   int (*fn)(void *ctx, const struct wb_result_row *r), void *ctx,
		   struct yk_errinfo *ei)
{
	if (!(v->roles & AUTH_ROLE_IMPLEMENTER))
		return yk_errinfo_set(ei, YK_EFORBIDDEN, "個人の結果は実施者だけが見られます");
	struct wb_campaign c;
	int rc = wb__campaign_load(db, campaign_id, &c, ei);
	if (rc)
		return rc;
	char detail[64];
	snprintf(detail, sizeof(detail), "{\"filter\":%d}", (int)filter);
	char target[64];
	snprintf(target, sizeof(target), "campaign:%lld", (long long)campaign_id);
	static const struct audit_actor cli = {0, "cli", NULL};
	if ((rc = audit_record(db, v->actor ? v->actor : &cli, "stress.result.list", target, detail, NULL)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db, LIST_SQL, &st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, campaign_id);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct wb_result_row r;
		memset(&r, 0, sizeof(r));
		r.sheet_id = sqlite3_column_int64(st, 0);
		wb__col_text(st, 1, r.employee_no, sizeof(r.employee_no));
		wb__col_text(st, 2, r.name, sizeof(r.name));
		wb__col_text(st, 3, r.department, sizeof(r.department));
		const char *sx = (const char *)sqlite3_column_text(st, 4);
		r.sex = sx && sx[0] == 'M' ? WB_SEX_MALE : sx && sx[0] == 'F' ? WB_SEX_FEMALE : WB_SEX_NONE;
		r.submitted = sqlite3_column_int64(st, 6) != 0;
		char cons[16];
		wb__col_text(st, 7, cons, sizeof(cons));
		r.consent = strcmp(cons, "give") == 0;
		r.interview_at = sqlite3_column_int64(st, 8);
		wb__col_text(st, 9, r.interview_status, sizeof(r.interview_status));
		r.interview = r.interview_at != 0 && strcmp(r.interview_status, "withdrawn") != 0;
		if (r.submitted) {
			unsigned char a[WB_ITEMS];
			const char *as = (const char *)sqlite3_column_text(st, 5);
			wb__answers_decode(as ? as : "", as ? strlen(as) : 0, a);
			struct wb_score sc;
			if (wb_score_sheet(a, r.sex, &c.t, &sc) == 0)
				r.high = wb_score_high(&sc, c.method);
		}
		if (personnel_refused(db, v, r.department))
			continue;
		if ((filter == WB_LIST_HIGH && !r.high) || (filter == WB_LIST_INTERVIEW && !r.interview))
			continue;
		if ((rc = fn(ctx, &r)) != 0)
			break;
	}
	if (!rc && s != SQLITE_DONE && s != SQLITE_ROW)
		rc = store_err(db, s, ei);
	sqlite3_finalize(st);
	return rc;
}

/* A CSV cell, formula-safe and quoted when needed. */
static int csv_cell(struct yk_buf *b, const char *s)
{
	return yk_buf_add_csv_cell(b, s, 0);
}

int wb_result_export_csv(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
			 struct yk_buf *out, struct yk_errinfo *ei)
{
	if (!(v->roles & AUTH_ROLE_IMPLEMENTER))
		return yk_errinfo_set(ei, YK_EFORBIDDEN, "個人データの出力は実施者だけが行えます");
	struct wb_campaign c;
	int rc = wb__campaign_load(db, campaign_id, &c, ei);
	if (rc)
		return rc;
	char target[64];
	snprintf(target, sizeof(target), "campaign:%lld", (long long)campaign_id);
	static const struct audit_actor cli = {0, "cli", NULL};
	if ((rc = audit_record(db, v->actor ? v->actor : &cli, "stress.export", target, NULL, NULL)))
		return rc;
	rc = yk_buf_adds(out, "\xEF\xBB\xBF" "employee_no,department,sex");
	for (int i = 1; !rc && i <= WB_ITEMS; i++)
		rc = yk_buf_addf(out, ",q%d", i);
	if (!rc)
		rc = yk_buf_adds(out, ",sum_a,sum_b,sum_c,sum_high,soten_a,soten_b,soten_c,soten_high,"
				      "consent,interview\r\n");
	sqlite3_stmt *st = NULL;
	if (rc || (rc = store_prepare(db, LIST_SQL, &st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, campaign_id);
	int s;
	while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
		if (!sqlite3_column_int64(st, 6))
			continue; /* drafts are not exported */
		char dept[WB_PATH_MAX + 1], no[64], sx[4], cons[16], ist[16];
		wb__col_text(st, 1, no, sizeof(no));
		wb__col_text(st, 3, dept, sizeof(dept));
		wb__col_text(st, 4, sx, sizeof(sx));
		wb__col_text(st, 7, cons, sizeof(cons));
		wb__col_text(st, 9, ist, sizeof(ist));
		if (personnel_refused(db, v, dept))
			continue;
		unsigned char a[WB_ITEMS];
		const char *as = (const char *)sqlite3_column_text(st, 5);
		wb__answers_decode(as ? as : "", as ? strlen(as) : 0, a);
		struct wb_score sc;
		enum wb_sex sex = sx[0] == 'M' ? WB_SEX_MALE : WB_SEX_FEMALE;
		if (wb_score_sheet(a, sex, &c.t, &sc) != 0)
			continue;
		if ((rc = csv_cell(out, no)) || (rc = yk_buf_addc(out, ',')) || (rc = csv_cell(out, dept)) ||
		    (rc = yk_buf_addf(out, ",%s", sx)))
			break;
		for (int i = 0; !rc && i < WB_ITEMS; i++)
			rc = yk_buf_addf(out, ",%d", a[i]);
		if (!rc)
			rc = yk_buf_addf(out, ",%d,%d,%d,%d,%d,%d,%d,%d,%d,%d\r\n", sc.sum_a, sc.sum_b,
					 sc.sum_c, sc.sum_high, sc.soten_a, sc.soten_b, sc.soten_c,
					 sc.soten_high, strcmp(cons, "give") == 0,
					 ist[0] && strcmp(ist, "withdrawn") != 0);
	}
	sqlite3_finalize(st);
	if (rc)
		yk_errinfo_set(ei, rc, "出力が大きすぎます");
	return rc;
}
