/* training: certifications (資格), "someone nearby" coverage, the nearest
 * holder, and exam-fee subsidies. See training.h. */
#include "training/training_int.h"
#include "core/banned.h"

/* ---- kinds ---------------------------------------------------------------------- */

int training_cert_kinds(struct store *db, int (*fn)(void *ctx, const struct training_cert_kind *k),
			void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT k.id, k.name, (SELECT count(DISTINCT c.staff_id) FROM training_certs c"
			       " WHERE c.kind_id = k.id AND c.confirmed) FROM training_cert_kinds k ORDER BY k.id",
			       &st, NULL);
	if (rc)
		return rc;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct training_cert_kind k = {sqlite3_column_int64(st, 0),
					       (const char *)sqlite3_column_text(st, 1),
					       sqlite3_column_int64(st, 2)};
		if ((rc = fn(ctx, &k)) != 0)
			break;
	}
	if (!rc && r != SQLITE_DONE)
		rc = store_err(db, r, NULL);
	sqlite3_finalize(st);
	return rc;
}

int training_cert_kind_add(struct store *db, const struct audit_actor *actor, const char *name,
			   int64_t *id, struct yk_errinfo *ei)
{
	int rc = training__text(name, TRAINING_CERT_NAME_MAX, 1, "name", "資格名", ei);
	if (rc || (rc = store_begin(db, ei)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db, "INSERT INTO training_cert_kinds(name) VALUES (?)", &st, ei)) == 0) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		int r = sqlite3_step(st);
		rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
		sqlite3_finalize(st);
		if (rc == YK_ECONFLICT)
			yk_errinfo_set(ei, rc, "資格「%s」はすでに登録されています", name);
	}
	if (!rc) {
		*id = sqlite3_last_insert_rowid(store_handle(db));
		rc = training__audit(db, actor, "training.cert.kind", *id, "%s", "");
	}
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

static int64_t kind_id(struct store *db, const char *name)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(db, "SELECT id FROM training_cert_kinds WHERE name = ?", &st, NULL))
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return id;
}

/* ---- records ---------------------------------------------------------------------- */

static int upsert_cert(struct store *db, int64_t staff_id, int64_t kind, const char *acquired_on,
		       const char *evidence, int confirmed, int64_t by_user, int64_t *id,
		       struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(
		db,
		"INSERT INTO training_certs(staff_id, kind_id, acquired_on, evidence, confirmed,"
		" confirmed_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
		" ON CONFLICT(staff_id, kind_id) DO UPDATE SET acquired_on = ?3, evidence = ?4,"
		" confirmed = max(confirmed, ?5), confirmed_by = coalesce(?6, confirmed_by)"
		" RETURNING id",
		&st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, staff_id);
	sqlite3_bind_int64(st, 2, kind);
	sqlite3_bind_text(st, 3, acquired_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, evidence ? evidence : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, confirmed ? 1 : 0);
	if (confirmed && by_user > 0)
		sqlite3_bind_int64(st, 6, by_user);
	sqlite3_bind_int64(st, 7, yk_now_unix());
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW && id)
		*id = sqlite3_column_int64(st, 0);
	if (r == SQLITE_ROW)
		r = sqlite3_step(st);
	sqlite3_finalize(st);
	rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
	if (rc == YK_ECONFLICT)
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "職員が名簿に見つかりません");
	return rc;
}

int training_cert_record(struct store *db, const struct audit_actor *actor, int64_t staff_id,
			 const char *certification, const char *acquired_on, const char *evidence,
			 int confirmed, int64_t *id, struct yk_errinfo *ei)
{
	int rc;
	if ((rc = training__text(certification, TRAINING_CERT_NAME_MAX, 1, "certification", "資格", ei)) ||
	    (rc = training__text(evidence, TRAINING_EVIDENCE_MAX, 0, "evidence", "証明", ei)))
		return rc;
	if (!acquired_on || !training_day_valid(acquired_on, strlen(acquired_on))) {
		yk_errinfo_at(ei, NULL, 0, "acquired_on");
		return yk_errinfo_set(ei, YK_EINVAL, "取得日は YYYY-MM-DD の形で入力してください");
	}
	if ((rc = store_begin(db, ei)))
		return rc;
	int64_t kind = kind_id(db, certification);
	if (kind < 0)
		rc = YK_EDB;
	else if (kind == 0) {
		yk_errinfo_at(ei, NULL, 0, "certification");
		rc = yk_errinfo_set(ei, YK_EINVAL, "資格「%s」は登録されていません（管理者が追加できます）",
				    certification);
	}
	if (!rc)
		rc = upsert_cert(db, staff_id, kind, acquired_on, evidence, confirmed,
				 actor ? actor->user_id : 0, id, ei);
	if (!rc)
		rc = training__audit(db, actor, "training.cert.record", *id,
				     "{\"staff_id\":%lld,\"confirmed\":%d}", (long long)staff_id,
				     confirmed ? 1 : 0);
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

int training_cert_confirm(struct store *db, const struct audit_actor *actor, int64_t cert_id,
			  struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	rc = training__exec(db, "UPDATE training_certs SET confirmed = 1, confirmed_by = ?2 WHERE id = ?1",
			    cert_id, actor ? actor->user_id : 0, 1);
	if (rc == YK_ENOTFOUND)
		yk_errinfo_set(ei, rc, "資格の記録が見つかりません");
	if (!rc)
		rc = training__audit(db, actor, "training.cert.confirm", cert_id, "%s", "");
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

int training_cert_delete(struct store *db, const struct audit_actor *actor, int64_t cert_id,
			 int64_t owner_staff_id, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	rc = owner_staff_id > 0
		     ? training__exec(db, "DELETE FROM training_certs WHERE id = ? AND staff_id = ?",
				      cert_id, owner_staff_id, 1)
		     : training__exec(db, "DELETE FROM training_certs WHERE id = ?", cert_id, 0, 1);
	if (rc == YK_ENOTFOUND)
		yk_errinfo_set(ei, rc, "資格の記録が見つかりません");
	if (!rc)
		rc = training__audit(db, actor, "training.cert.delete", cert_id, "%s", "");
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

static int cert_row(const struct training__sink *k, const struct training__person *p,
		    sqlite3_stmt *st)
{
	if (!p)
		return 0;
	struct training_cert c = {sqlite3_column_int64(st, 0), p->staff_id, p->employee_no, p->name,
				  p->department, (const char *)sqlite3_column_text(st, 2),
				  (const char *)sqlite3_column_text(st, 3),
				  (const char *)sqlite3_column_text(st, 4), sqlite3_column_int(st, 5)};
	return k->cert(k->ctx, &c);
}

int training_cert_list(struct store *db, int64_t staff_id,
		       int (*fn)(void *ctx, const struct training_cert *c), void *ctx)
{
	struct training__sink k = {.ctx = ctx, .cert = fn};
	return training__roster_rows(db,
				     "SELECT c.id, c.staff_id, k.name, c.acquired_on, c.evidence, c.confirmed"
				     " FROM training_certs c JOIN training_cert_kinds k ON k.id = c.kind_id"
				     " WHERE ?1 = 0 OR c.staff_id = ?1 ORDER BY c.staff_id, k.id",
				     staff_id, 1, cert_row, &k);
}

int training_cert_import(struct store *db, const struct audit_actor *actor,
			 const struct training_cert_row *rows, size_t n, const char *file,
			 size_t *stored, struct yk_errinfo *ei)
{
	*stored = 0;
	struct training__roster ro;
	int rc = training__import_begin(db, n, file, &ro, ei);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct training_cert_row *row = &rows[i];
		yk_errinfo_at(ei, file, row->line, "");
		const struct training__person *p = training__person_by_number(&ro, row->employee_no);
		int64_t kind = kind_id(db, row->certification);
		if (!p)
			rc = yk_errinfo_set(ei, YK_EPARSE, "職員番号「%s」が名簿にありません", row->employee_no);
		else if (kind < 0)
			rc = YK_EDB;
		else if (kind == 0)
			rc = yk_errinfo_set(ei, YK_EPARSE,
					    "資格「%s」は登録されていません（yakuba の画面で管理者が追加できます）",
					    row->certification);
		else if (!training_day_valid(row->acquired_on, strlen(row->acquired_on)))
			rc = yk_errinfo_set(ei, YK_EPARSE, "取得日「%s」は YYYY-MM-DD の形で書いてください",
					    row->acquired_on);
		else
			rc = upsert_cert(db, p->staff_id, kind, row->acquired_on, NULL, 1,
					 actor ? actor->user_id : 0, NULL, ei);
		if (!rc)
			(*stored)++;
	}
	if (!rc) {
		yk_errinfo_at(ei, NULL, 0, "");
		rc = training__audit(db, actor, "training.cert.import", 0, "{\"rows\":%zu}", n);
	}
	if (rc || (rc = store_commit(db, ei))) {
		store_rollback(db);
		*stored = 0;
	}
	training__roster_release(&ro);
	return rc;
}

/* ---- coverage ------------------------------------------------------------------- */

/* Staff ids with at least one confirmed certification, sorted. */
static int holder_ids(struct store *db, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT DISTINCT staff_id FROM training_certs WHERE confirmed ORDER BY staff_id",
			       &st, NULL);
	return rc ? rc : training__ids(db, st, ids, n);
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int is_holder(const int64_t *ids, size_t n, int64_t id)
{
	return n && bsearch(&id, ids, n, sizeof(id), id_cmp) != NULL;
}

void training_cert_report_free(struct training_cert_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ncertifications; i++)
		free(r->by_certification[i].name);
	free(r->by_certification);
	for (size_t i = 0; i < r->ndepartments; i++)
		free(r->by_department[i].department);
	free(r->by_department);
	free(r);
}

static int add_kind(void *ctx, const struct training_cert_kind *k)
{
	struct training_cert_report *r = ctx;
	r->by_certification = yk_xrealloc(r->by_certification,
					  (r->ncertifications + 1) * sizeof(*r->by_certification));
	r->by_certification[r->ncertifications].name = yk_xstrdup(k->name);
	r->by_certification[r->ncertifications++].holders = k->holders;
	return 0;
}

int training_cert_report_build(struct store *db, struct training_cert_report **out,
			       struct yk_errinfo *ei)
{
	*out = NULL;
	struct training__roster ro;
	int rc = training__roster_load(db, 0, &ro);
	if (rc)
		return rc;
	int64_t *holders = NULL;
	size_t nh = 0;
	struct training_cert_report *r = yk_xcalloc(1, sizeof(*r));
	if ((rc = holder_ids(db, &holders, &nh)) || (rc = training_cert_kinds(db, add_kind, r)))
		goto out;
	r->by_department = yk_xcalloc(ro.ndepts ? ro.ndepts : 1, sizeof(*r->by_department));
	for (size_t d = 0; d < ro.ndepts; d++) {
		int64_t staff = 0, h = 0;
		for (size_t i = 0; i < ro.npeople; i++)
			if (ro.people[i].department_id == ro.depts[d].id) {
				staff++;
				h += is_holder(holders, nh, ro.people[i].staff_id);
			}
		if (!staff)
			continue;
		struct training_cert_dept *x = &r->by_department[r->ndepartments++];
		x->department = yk_xstrdup(ro.depts[d].path);
		x->staff = staff;
		x->holders = h;
		r->departments++;
		r->departments_with_holder += h > 0;
	}
out:
	(void)ei;
	free(holders);
	training__roster_release(&ro);
	if (rc) {
		training_cert_report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* The first confirmed certification name of a holder (for display). */
static void first_cert(struct store *db, int64_t staff_id, char *out, size_t outsz)
{
	sqlite3_stmt *st = NULL;
	out[0] = '\0';
	if (store_prepare(db,
			  "SELECT k.name FROM training_certs c JOIN training_cert_kinds k ON k.id = c.kind_id"
			  " WHERE c.staff_id = ? AND c.confirmed ORDER BY c.acquired_on LIMIT 1",
			  &st, NULL))
		return;
	sqlite3_bind_int64(st, 1, staff_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		training__col(st, 0, out, outsz);
	sqlite3_finalize(st);
}

int training_nearest_holder(struct store *db, int64_t staff_id, struct training_nearest *out)
{
	memset(out, 0, sizeof(*out));
	struct training__roster ro;
	int rc = training__roster_load(db, 0, &ro);
	if (rc)
		return rc;
	int64_t *holders = NULL;
	size_t nh = 0;
	const struct training__person *me = training__person(&ro, staff_id);
	if (!me) {
		rc = YK_ENOTFOUND;
		goto out;
	}
	if ((rc = holder_ids(db, &holders, &nh)))
		goto out;
	/* The person's 課 is the first two parts of their department path
	 * (a 係 below it belongs to it), their 部 the first part. Nearest
	 * first: the same department, then the rest of the 課, then the 部. */
	char ka[AUTH_DEPT_PATH_MAX + 1], bu[AUTH_DEPT_PATH_MAX + 1];
	yk_strlcpy(bu, me->department, sizeof(bu));
	char *cut = strchr(bu, '/');
	if (cut)
		*cut = '\0';
	yk_strlcpy(ka, me->department, sizeof(ka));
	cut = strchr(ka, '/');
	if (!cut)
		ka[0] = '\0'; /* someone in a 部 itself belongs to no 課 */
	else if ((cut = strchr(cut + 1, '/')))
		*cut = '\0';
	const struct training__person *best = NULL;
	int best_rank = 3;
	for (size_t i = 0; i < ro.npeople && best_rank > 0; i++) {
		const struct training__person *p = &ro.people[i];
		if (p == me || !is_holder(holders, nh, p->staff_id) || !me->department[0])
			continue;
		int rank = p->department_id == me->department_id	 ? 0
			   : auth_dept_within(p->department, ka) ? 1
			   : auth_dept_within(p->department, bu) ? 2
								  : 3;
		if (rank < best_rank) {
			best = p;
			best_rank = rank;
		}
	}
	int best_same = best_rank <= 1;
	if (best) {
		out->found = 1;
		out->same_department = best_same;
		yk_strlcpy(out->name, best->name, sizeof(out->name));
		yk_strlcpy(out->department, best->department, sizeof(out->department));
		first_cert(db, best->staff_id, out->certification, sizeof(out->certification));
	}
out:
	free(holders);
	training__roster_release(&ro);
	return rc;
}

/* ---- subsidies -------------------------------------------------------------------- */

static const char *const subsidy_names[] = {"applied", "approved", "paid", "rejected"};

const char *training_subsidy_status_name(enum training_subsidy_status s)
{
	return (unsigned)s < YK_ARRAY_LEN(subsidy_names) ? subsidy_names[s] : "applied";
}

int training_subsidy_status_parse(const char *s, enum training_subsidy_status *out)
{
	for (size_t i = 0; s && i < YK_ARRAY_LEN(subsidy_names); i++)
		if (strcmp(s, subsidy_names[i]) == 0) {
			*out = (enum training_subsidy_status)i;
			return 0;
		}
	return YK_EINVAL;
}

int training_subsidy_apply(struct store *db, const struct audit_actor *actor, int64_t staff_id,
			   const char *certification, int64_t amount, const char *note, int64_t *id,
			   struct yk_errinfo *ei)
{
	int rc = training__text(note, TRAINING_EVIDENCE_MAX, 0, "note", "備考", ei);
	if (rc)
		return rc;
	if (amount < 0 || amount > 10000000) {
		yk_errinfo_at(ei, NULL, 0, "amount");
		return yk_errinfo_set(ei, YK_EINVAL, "金額は 0 以上の整数（円）で入力してください");
	}
	if ((rc = store_begin(db, ei)))
		return rc;
	int64_t kind = certification ? kind_id(db, certification) : 0;
	char today[11];
	training__today(today);
	sqlite3_stmt *st = NULL;
	if (kind <= 0) {
		yk_errinfo_at(ei, NULL, 0, "certification");
		rc = yk_errinfo_set(ei, YK_EINVAL, "資格が登録されていません");
	} else if ((rc = store_prepare(db,
				       "INSERT INTO training_subsidies(staff_id, kind_id, amount, status,"
				       " note, applied_on, updated_at) VALUES (?, ?, ?, 'applied', ?, ?, ?)",
				       &st, ei)) == 0) {
		sqlite3_bind_int64(st, 1, staff_id);
		sqlite3_bind_int64(st, 2, kind);
		sqlite3_bind_int64(st, 3, amount);
		sqlite3_bind_text(st, 4, note ? note : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, today, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 6, yk_now_unix());
		int r = sqlite3_step(st);
		rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
		sqlite3_finalize(st);
		if (rc == YK_ECONFLICT)
			rc = yk_errinfo_set(ei, YK_ENOTFOUND, "職員が名簿に見つかりません");
	}
	if (!rc) {
		*id = sqlite3_last_insert_rowid(store_handle(db));
		rc = training__audit(db, actor, "training.subsidy.apply", *id,
				     "{\"staff_id\":%lld,\"amount\":%lld}", (long long)staff_id,
				     (long long)amount);
	}
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

int training_subsidy_set_status(struct store *db, const struct audit_actor *actor, int64_t id,
				enum training_subsidy_status status, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	enum training_subsidy_status cur = TRAINING_SUBSIDY_APPLIED;
	int found = 0;
	if ((rc = store_prepare(db, "SELECT status FROM training_subsidies WHERE id = ?", &st, ei)) == 0) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			found = training_subsidy_status_parse((const char *)sqlite3_column_text(st, 0),
							      &cur) == 0;
		sqlite3_finalize(st);
	}
	int ok = (cur == TRAINING_SUBSIDY_APPLIED &&
		  (status == TRAINING_SUBSIDY_APPROVED || status == TRAINING_SUBSIDY_REJECTED)) ||
		 (cur == TRAINING_SUBSIDY_APPROVED &&
		  (status == TRAINING_SUBSIDY_PAID || status == TRAINING_SUBSIDY_REJECTED));
	if (!rc && !found)
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "補助の申請が見つかりません");
	else if (!rc && !ok)
		rc = yk_errinfo_set(ei, YK_ECONFLICT, "この申請は「%s」のため、その状態にはできません",
				    training_subsidy_status_name(cur));
	if (!rc && (rc = store_prepare(db,
				       "UPDATE training_subsidies SET status = ?, updated_at = ? WHERE id = ?",
				       &st, ei)) == 0) {
		sqlite3_bind_text(st, 1, training_subsidy_status_name(status), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, yk_now_unix());
		sqlite3_bind_int64(st, 3, id);
		int r = sqlite3_step(st);
		rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
		sqlite3_finalize(st);
	}
	if (!rc)
		rc = training__audit(db, actor, "training.subsidy.status", id, "{\"status\":\"%s\"}",
				     training_subsidy_status_name(status));
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

static int subsidy_row(const struct training__sink *k, const struct training__person *p,
		       sqlite3_stmt *st)
{
	struct training_subsidy s;
	memset(&s, 0, sizeof(s));
	s.id = sqlite3_column_int64(st, 0);
	s.staff_id = sqlite3_column_int64(st, 1);
	s.name = p ? p->name : "";
	s.department = p ? p->department : "";
	s.certification = (const char *)sqlite3_column_text(st, 2);
	s.amount = sqlite3_column_int64(st, 3);
	if (training_subsidy_status_parse((const char *)sqlite3_column_text(st, 4), &s.status))
		s.status = TRAINING_SUBSIDY_APPLIED;
	s.note = (const char *)sqlite3_column_text(st, 5);
	s.applied_on = (const char *)sqlite3_column_text(st, 6);
	return k->subsidy(k->ctx, &s);
}

int training_subsidy_list(struct store *db, int64_t staff_id,
			  int (*fn)(void *ctx, const struct training_subsidy *s), void *ctx)
{
	struct training__sink k = {.ctx = ctx, .subsidy = fn};
	return training__roster_rows(db,
				     "SELECT s.id, s.staff_id, k.name, s.amount, s.status, s.note, s.applied_on"
				     " FROM training_subsidies s JOIN training_cert_kinds k ON k.id = s.kind_id"
				     " WHERE ?1 = 0 OR s.staff_id = ?1 ORDER BY s.id DESC",
				     staff_id, 1, subsidy_row, &k);
}
