/* training: learning materials and newsletters (views per distinct staff,
 * reach by department and month), tiered curricula and completion, and the
 * before/after outcome of a session. See training.h. */
#include <strings.h>

#include "training/training_int.h"
#include "core/banned.h"

/* ---- materials --------------------------------------------------------------------- */

static const char *mime_of(const char *file_name, const void *data, size_t len)
{
	const unsigned char *d = data;
	size_t n = strlen(file_name);
	if (len >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (len >= 4 && memcmp(d, "PK\x03\x04", 4) == 0 && n >= 5 &&
	    strcasecmp(file_name + n - 5, ".pptx") == 0)
		return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
	return NULL;
}

int training_material_add(struct store *db, const struct audit_actor *actor, const char *title,
			  int newsletter, int64_t issue_no, const char *file_name, const void *data,
			  size_t len, int64_t session_id, int64_t *id, struct yk_errinfo *ei)
{
	int rc;
	if ((rc = training__text(title, TRAINING_TITLE_MAX, 1, "title", "資料名", ei)) ||
	    (rc = training__text(file_name, 200, 1, "file_name", "ファイル名", ei)))
		return rc;
	if (strpbrk(file_name, "/\\\"\r\n")) {
		yk_errinfo_at(ei, NULL, 0, "file_name");
		return yk_errinfo_set(ei, YK_EINVAL, "ファイル名に使えない文字があります");
	}
	if (len > TRAINING_MATERIAL_MAX)
		return yk_errinfo_set(ei, YK_ELIMIT, "ファイルが大きすぎます（%u MB まで）",
				      TRAINING_MATERIAL_MAX >> 20);
	const char *mime = mime_of(file_name, data, len);
	if (!mime) {
		yk_errinfo_at(ei, NULL, 0, "file");
		return yk_errinfo_set(ei, YK_EINVAL, "登録できるのは PDF と PowerPoint（.pptx）のファイルです");
	}
	if (issue_no < 0 || issue_no > 100000) {
		yk_errinfo_at(ei, NULL, 0, "issue_no");
		return yk_errinfo_set(ei, YK_EINVAL, "号数は 0 以上の整数で入力してください");
	}
	if ((rc = store_begin(db, ei)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"INSERT INTO training_materials(title, kind, issue_no, file_name, mime,"
				" content, session_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				&st, ei)) == 0) {
		sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, newsletter ? "newsletter" : "material", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, issue_no);
		sqlite3_bind_text(st, 4, file_name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, mime, -1, SQLITE_STATIC);
		sqlite3_bind_blob64(st, 6, data, len, SQLITE_STATIC);
		if (session_id > 0)
			sqlite3_bind_int64(st, 7, session_id);
		sqlite3_bind_int64(st, 8, yk_now_unix());
		int r = sqlite3_step(st);
		rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
		sqlite3_finalize(st);
		if (rc == YK_ECONFLICT) {
			yk_errinfo_at(ei, NULL, 0, "session_id");
			rc = yk_errinfo_set(ei, YK_EINVAL, "研修が見つかりません");
		}
	}
	if (!rc) {
		*id = sqlite3_last_insert_rowid(store_handle(db));
		rc = training__audit(db, actor, "training.material.add", *id, "{\"bytes\":%zu}", len);
	}
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

int training_material_delete(struct store *db, const struct audit_actor *actor, int64_t id,
			     struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	rc = training__exec(db, "DELETE FROM training_materials WHERE id = ?", id, 0, 1);
	if (rc == YK_ENOTFOUND)
		yk_errinfo_set(ei, rc, "資料が見つかりません");
	if (!rc)
		rc = training__audit(db, actor, "training.material.delete", id, "%s", "");
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

int training_material_list(struct store *db,
			   int (*fn)(void *ctx, const struct training_material *m), void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(
		db,
		"SELECT m.id, m.title, m.kind = 'newsletter', m.issue_no, m.file_name, m.mime,"
		" length(m.content), coalesce(m.session_id, 0), m.created_at,"
		" (SELECT count(*) FROM training_material_views v WHERE v.material_id = m.id)"
		" FROM training_materials m"
		" ORDER BY m.kind = 'newsletter' DESC, CASE WHEN m.kind = 'newsletter' THEN -m.issue_no END,"
		" m.title, m.id",
		&st, NULL);
	if (rc)
		return rc;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct training_material m = {
			sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			sqlite3_column_int(st, 2), sqlite3_column_int64(st, 3),
			(const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
			sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7),
			sqlite3_column_int64(st, 9), sqlite3_column_int64(st, 8)};
		if ((rc = fn(ctx, &m)) != 0)
			break;
	}
	if (!rc && r != SQLITE_DONE)
		rc = store_err(db, r, NULL);
	sqlite3_finalize(st);
	return rc;
}

int training_material_open(struct store *db, int64_t id, int64_t staff_id, char **data, size_t *len,
			   char *file_name, size_t fnsz, char *mime, size_t msz,
			   struct yk_errinfo *ei)
{
	*data = NULL;
	*len = 0;
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT content, file_name, mime FROM training_materials WHERE id = ?",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		*data = yk_xmalloc(*len ? *len : 1);
		if (*len)
			memcpy(*data, sqlite3_column_blob(st, 0), *len);
		training__col(st, 1, file_name, fnsz);
		training__col(st, 2, mime, msz);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_ROW)
		return r == SQLITE_DONE ? yk_errinfo_set(ei, YK_ENOTFOUND, "資料が見つかりません")
					: store_err(db, r, ei);
	if (staff_id <= 0)
		return 0;
	/* A view is counted once per person; the month of the first view is
	 * kept for the reach by month. */
	char today[11];
	training__today(today);
	today[7] = '\0';
	if ((rc = store_begin(db, ei)) == 0) {
		if ((rc = store_prepare(db,
					"INSERT OR IGNORE INTO training_material_views(material_id, staff_id, month)"
					" VALUES (?, ?, ?)",
					&st, ei)) == 0) {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int64(st, 2, staff_id);
			sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
			r = sqlite3_step(st);
			rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
			sqlite3_finalize(st);
		}
		if (rc || (rc = store_commit(db, ei)))
			store_rollback(db);
	}
	if (rc) {
		free(*data);
		*data = NULL;
		*len = 0;
	}
	return rc;
}

int training_material_reach(struct store *db, int64_t material_id,
			    int (*fn)(void *ctx, const struct training_reach_row *r), void *ctx)
{
	struct training__roster ro;
	int rc = training__roster_load(db, 0, &ro);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	/* First month each reader opened the material (or any newsletter). */
	if ((rc = store_prepare(db,
				"SELECT v.staff_id, min(v.month) FROM training_material_views v"
				" JOIN training_materials m ON m.id = v.material_id"
				" WHERE (?1 > 0 AND m.id = ?1) OR (?1 = 0 AND m.kind = 'newsletter')"
				" GROUP BY v.staff_id ORDER BY 2",
				&st, NULL)))
		goto out;
	sqlite3_bind_int64(st, 1, material_id);
	int64_t *dept_readers = yk_xcalloc(ro.ndepts ? ro.ndepts : 1, sizeof(int64_t));
	char month[8] = "";
	int64_t month_readers = 0;
	int r;
	while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
		const struct training__person *p = training__person(&ro, sqlite3_column_int64(st, 0));
		const char *m = (const char *)sqlite3_column_text(st, 1);
		if (!p || !m)
			continue;
		if (strcmp(m, month) != 0) {
			if (month[0]) {
				struct training_reach_row row = {NULL, month, month_readers, (int64_t)ro.npeople};
				rc = fn(ctx, &row);
			}
			yk_strlcpy(month, m, sizeof(month));
			month_readers = 0;
		}
		month_readers++;
		for (size_t d = 0; d < ro.ndepts; d++)
			if (ro.depts[d].id == p->department_id)
				dept_readers[d]++;
	}
	sqlite3_finalize(st);
	if (!rc && month[0]) {
		struct training_reach_row row = {NULL, month, month_readers, (int64_t)ro.npeople};
		rc = fn(ctx, &row);
	}
	for (size_t d = 0; d < ro.ndepts && !rc; d++) {
		if (!ro.depts[d].staff)
			continue;
		struct training_reach_row row = {ro.depts[d].path, NULL, dept_readers[d], ro.depts[d].staff};
		rc = fn(ctx, &row);
	}
	free(dept_readers);
out:
	training__roster_release(&ro);
	return rc;
}

/* ---- curricula --------------------------------------------------------------------- */

int training_curriculum_set(struct store *db, const struct audit_actor *actor, unsigned tier,
			    const int64_t *session_ids, size_t nsessions, const int64_t *material_ids,
			    size_t nmaterials, struct yk_errinfo *ei)
{
	const char *name = training_tier_name(tier);
	if (!name) {
		yk_errinfo_at(ei, NULL, 0, "tier");
		return yk_errinfo_set(ei, YK_EINVAL, "対象は 幹部 / DX推進リーダー / 一般職員 から選んでください");
	}
	if (nsessions + nmaterials > 200)
		return yk_errinfo_set(ei, YK_ELIMIT, "必修の項目は 200 件までです");
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db, "DELETE FROM training_curriculum WHERE tier = ?", &st, ei)) == 0) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		int r = sqlite3_step(st);
		rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
		sqlite3_finalize(st);
	}
	if (!rc)
		rc = store_prepare(db,
				   "INSERT INTO training_curriculum(tier, session_id, material_id) VALUES (?, ?, ?)",
				   &st, ei);
	for (size_t i = 0; !rc && i < nsessions + nmaterials; i++) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		if (i < nsessions)
			sqlite3_bind_int64(st, 2, session_ids[i]);
		else
			sqlite3_bind_int64(st, 3, material_ids[i - nsessions]);
		int r = sqlite3_step(st);
		rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
		if (rc == YK_ECONFLICT)
			rc = yk_errinfo_set(ei, YK_EINVAL, "研修または資料が見つかりません");
	}
	if (!rc)
		sqlite3_finalize(st);
	else if (st)
		sqlite3_finalize(st);
	if (!rc)
		rc = training__audit(db, actor, "training.curriculum", 0,
				     "{\"tier\":\"%s\",\"items\":%zu}", name, nsessions + nmaterials);
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

int training_curriculum_list(struct store *db,
			     int (*fn)(void *ctx, const struct training_curriculum_item *i), void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT c.tier, coalesce(c.session_id, 0), coalesce(c.material_id, 0),"
			       " coalesce(s.title, m.title, '') FROM training_curriculum c"
			       " LEFT JOIN training_sessions s ON s.id = c.session_id"
			       " LEFT JOIN training_materials m ON m.id = c.material_id ORDER BY c.tier, c.id",
			       &st, NULL);
	if (rc)
		return rc;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct training_curriculum_item it = {(const char *)sqlite3_column_text(st, 0),
						      sqlite3_column_int64(st, 1),
						      sqlite3_column_int64(st, 2),
						      (const char *)sqlite3_column_text(st, 3)};
		if ((rc = fn(ctx, &it)) != 0)
			break;
	}
	if (!rc && r != SQLITE_DONE)
		rc = store_err(db, r, NULL);
	sqlite3_finalize(st);
	return rc;
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* Sorted staff ids that did the item (attended the session or opened the
 * material). */
static int item_people(struct store *db, int64_t session_id, int64_t material_id, int64_t **ids,
		       size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       session_id ? "SELECT staff_id FROM training_attendance WHERE session_id = ?"
					  : "SELECT staff_id FROM training_material_views WHERE material_id = ?",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, session_id ? session_id : material_id);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = yk_xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (*n)
		qsort(*ids, *n, sizeof(**ids), id_cmp);
	return 0;
}

struct req_item {
	int64_t session_id, material_id;
	int64_t *ids;
	size_t n;
};

struct req_collect {
	const char *tier;
	struct req_item *items;
	size_t n;
};

static int collect_item(void *ctx, const struct training_curriculum_item *it)
{
	struct req_collect *c = ctx;
	if (strcmp(it->tier, c->tier) != 0)
		return 0;
	c->items = yk_xrealloc(c->items, (c->n + 1) * sizeof(*c->items));
	struct req_item *x = &c->items[c->n++];
	memset(x, 0, sizeof(*x));
	x->session_id = it->session_id;
	x->material_id = it->material_id;
	return 0;
}

int training_completion(struct store *db,
			int (*fn)(void *ctx, const struct training_completion_row *r), void *ctx)
{
	struct training__roster ro;
	int rc = training__roster_load(db, 0, &ro);
	if (rc)
		return rc;
	for (unsigned bit = 1; bit <= TRAINING_TIER_GENERAL && !rc; bit <<= 1) {
		const char *tier = training_tier_name(bit);
		struct req_collect c = {tier, NULL, 0};
		if ((rc = training_curriculum_list(db, collect_item, &c)))
			break;
		for (size_t i = 0; i < c.n && !rc; i++)
			rc = item_people(db, c.items[i].session_id, c.items[i].material_id, &c.items[i].ids,
					 &c.items[i].n);
		int64_t *dstaff = yk_xcalloc(ro.ndepts ? ro.ndepts : 1, sizeof(int64_t));
		int64_t *ddone = yk_xcalloc(ro.ndepts ? ro.ndepts : 1, sizeof(int64_t));
		int64_t staff = 0, done = 0;
		for (size_t p = 0; p < ro.npeople && !rc; p++) {
			const struct training__person *x = &ro.people[p];
			if (strcmp(x->tier, tier) != 0)
				continue;
			/* A tier with nothing required has nobody "completed": an
			 * empty curriculum is not 100% done. */
			int complete = c.n > 0;
			for (size_t i = 0; i < c.n && complete; i++)
				complete = c.items[i].n &&
					   bsearch(&x->staff_id, c.items[i].ids, c.items[i].n,
						   sizeof(int64_t), id_cmp) != NULL;
			staff++;
			done += complete;
			for (size_t d = 0; d < ro.ndepts; d++)
				if (ro.depts[d].id == x->department_id) {
					dstaff[d]++;
					ddone[d] += complete;
				}
		}
		if (!rc) {
			struct training_completion_row total = {tier, NULL, (int64_t)c.n, staff, done};
			rc = fn(ctx, &total);
		}
		for (size_t d = 0; d < ro.ndepts && !rc; d++) {
			if (!dstaff[d])
				continue;
			struct training_completion_row row = {tier, ro.depts[d].path, (int64_t)c.n,
							      dstaff[d], ddone[d]};
			rc = fn(ctx, &row);
		}
		free(dstaff);
		free(ddone);
		for (size_t i = 0; i < c.n; i++)
			free(c.items[i].ids);
		free(c.items);
	}
	training__roster_release(&ro);
	return rc;
}

/* ---- outcome --------------------------------------------------------------------- */

static int64_t day_start(const char *day)
{
	/* Days from the civil date (Howard Hinnant's algorithm), 00:00 JST. */
	int64_t y, m, d;
	if (yk_parse_i64(day, 4, 0, 9999, &y) || yk_parse_i64(day + 5, 2, 1, 12, &m) ||
	    yk_parse_i64(day + 8, 2, 1, 31, &d))
		return 0;
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	return days * 86400 - 9 * 3600;
}

int training_outcome(struct store *db, int64_t session_id, struct training_outcome *out,
		     struct yk_errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	struct training_session *s = yk_xmalloc(sizeof(*s));
	int rc = training_session_get(db, session_id, s, ei);
	if (rc) {
		free(s);
		return rc;
	}
	struct training__roster ro;
	if ((rc = training__roster_load(db, 1, &ro))) {
		free(s);
		return rc;
	}
	int64_t pivot = day_start(s->day);
	out->session_id = session_id;
	survey_day(pivot - TRAINING_USAGE_DAYS * 86400, out->from);
	survey_day(pivot, out->pivot);
	survey_day(pivot + TRAINING_USAGE_DAYS * 86400, out->to);
	int64_t *att = NULL, *cohort = yk_xcalloc(ro.npeople + 1, sizeof(int64_t)),
		*others = yk_xcalloc(ro.npeople + 1, sizeof(int64_t));
	size_t natt = 0, nc = 0, no = 0;
	if ((rc = item_people(db, session_id, 0, &att, &natt)) == 0) {
		for (size_t i = 0; i < ro.npeople; i++) {
			const struct training__person *p = &ro.people[i];
			if (!p->user_id)
				continue;
			if (natt && bsearch(&p->staff_id, att, natt, sizeof(int64_t), id_cmp))
				cohort[nc++] = p->user_id;
			else
				others[no++] = p->user_id;
		}
		rc = usage_compare(db, pivot, TRAINING_USAGE_DAYS, cohort, nc, others, no,
				   &out->attendees, &out->others, ei);
		out->ntemplates = s->ntemplates;
		if (!rc)
			rc = usage_template_compare(db, pivot, TRAINING_USAGE_DAYS, s->templates,
						    s->ntemplates, cohort, nc, others, no,
						    &out->templates_attendees,
						    &out->templates_others, ei);
	}
	free(att);
	free(cohort);
	free(others);
	training__roster_release(&ro);
	free(s);
	return rc;
}
