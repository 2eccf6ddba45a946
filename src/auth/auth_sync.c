/* auth: roster sync (人事異動) and accounts made from the roster.
 *
 * The full roster file is compared with the staff table: new people,
 * people back on the roster, changes of department / DX区分 / name /
 * e-mail, and people missing from the file (retired: kept with left_at,
 * accounts disabled). The same comparison serves the preview and the
 * apply; the apply runs it again inside its one write transaction, so what
 * is applied is what the database holds at that moment, and the
 * fingerprint lets the caller insist that it equals the preview. */
#include <string.h>

#include "auth/auth_int.h"
#include "core/banned.h"

/* ---- comparing ------------------------------------------------------------ */

struct sync_run {
	struct store *db;
	struct auth_roster_sync *out;
	size_t cap;
	const struct auth_staff **sorted; /* file rows by employee number */
	size_t nrows;
	struct ingest_seen new_depts;     /* preview: distinct missing departments */
	struct yk_buf print;              /* what the fingerprint is taken over */
};

static struct auth_sync_change *change_add(struct sync_run *r, enum auth_sync_kind kind)
{
	struct auth_roster_sync *o = r->out;
	if (o->nchanges == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		o->changes = yk_xrealloc(o->changes, r->cap * sizeof(*o->changes));
	}
	struct auth_sync_change *c = &o->changes[o->nchanges++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	return c;
}

static int cmp_staff_no(const void *a, const void *b)
{
	const struct auth_staff *x = *(const struct auth_staff *const *)a;
	const struct auth_staff *y = *(const struct auth_staff *const *)b;
	return strcmp(x->employee_no, y->employee_no);
}

static int in_file(const struct sync_run *r, const char *employee_no)
{
	size_t lo = 0, hi = r->nrows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->sorted[mid]->employee_no, employee_no);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

#define STAFF_NOW_COLUMNS                                                                \
	"s.id, s.employee_no, s.name, d.path, s.tier, coalesce(s.email, ''),"             \
	" coalesce(s.left_at, 0),"                                                        \
	" (SELECT count(*) FROM users u WHERE u.staff_id = s.id AND u.disabled = 0)"      \
	" FROM staff s JOIN departments d ON d.id = s.department_id"

/* Compares one file row with its database row, if any. */
static int compare_row(struct sync_run *r, const struct auth_staff *row, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(r->db, "SELECT " STAFF_NOW_COLUMNS " WHERE s.employee_no = ?1", &st, ei);
	if (rc)
		return rc;
	store_bind_text(st, 1, row->employee_no);
	if ((rc = store_row(r->db, st, ei)) < 0)
		return rc;
	struct auth_sync_change *c;
	if (rc == 0) {
		c = change_add(r, AUTH_SYNC_NEW);
		r->out->added++;
	} else {
		char name[AUTH_NAME_MAX + 1], dept[AUTH_DEPT_PATH_MAX + 1], tier[32],
			email[AUTH_EMAIL_MAX + 1];
		store_col_text(st, 2, name, sizeof(name));
		store_col_text(st, 3, dept, sizeof(dept));
		store_col_text(st, 4, tier, sizeof(tier));
		store_col_text(st, 5, email, sizeof(email));
		int64_t left_at = sqlite3_column_int64(st, 6);
		int64_t accounts = sqlite3_column_int64(st, 7);
		store_reset(st);
		unsigned what = (strcmp(dept, row->department_path) ? AUTH_SYNC_DEPT : 0) |
				(strcmp(tier, row->tier) ? AUTH_SYNC_TIER : 0) |
				(strcmp(name, row->name) ? AUTH_SYNC_NAME : 0) |
				(strcmp(email, row->email) ? AUTH_SYNC_EMAIL : 0);
		if (!what && !left_at) {
			r->out->unchanged++;
			return 0;
		}
		c = change_add(r, left_at ? AUTH_SYNC_RETURNED : AUTH_SYNC_CHANGED);
		if (left_at)
			r->out->returned++;
		else
			r->out->changed++;
		if (what & AUTH_SYNC_DEPT)
			r->out->transfers++;
		c->what = what;
		c->accounts = accounts;
		yk_strlcpy(c->old_name, name, sizeof(c->old_name));
		yk_strlcpy(c->old_department, dept, sizeof(c->old_department));
		yk_strlcpy(c->old_tier, tier, sizeof(c->old_tier));
		yk_strlcpy(c->old_email, email, sizeof(c->old_email));
	}
	c->line = (long)row->id;
	yk_strlcpy(c->employee_no, row->employee_no, sizeof(c->employee_no));
	yk_strlcpy(c->name, row->name, sizeof(c->name));
	yk_strlcpy(c->department, row->department_path, sizeof(c->department));
	yk_strlcpy(c->tier, row->tier, sizeof(c->tier));
	yk_strlcpy(c->email, row->email, sizeof(c->email));
	if (c->kind == AUTH_SYNC_NEW || (c->what & AUTH_SYNC_DEPT)) {
		struct auth_department d;
		rc = auth_dept_find(r->db, row->department_path, &d);
		if (rc == YK_ENOTFOUND &&
		    !ingest_seen_add(&r->new_depts, row->department_path, strlen(row->department_path),
				     c->line))
			r->out->departments_created++;
		else if (rc && rc != YK_ENOTFOUND)
			return rc;
	}
	return 0;
}

static int gone_row(void *vctx, sqlite3_stmt *st)
{
	struct sync_run *r = vctx;
	const char *no = store_col_str(st, 1);
	if (in_file(r, no))
		return 0;
	struct auth_sync_change *c = change_add(r, AUTH_SYNC_GONE);
	r->out->gone++;
	yk_strlcpy(c->employee_no, no, sizeof(c->employee_no));
	store_col_text(st, 2, c->name, sizeof(c->name));
	store_col_text(st, 3, c->department, sizeof(c->department));
	store_col_text(st, 4, c->tier, sizeof(c->tier));
	store_col_text(st, 5, c->email, sizeof(c->email));
	yk_strlcpy(c->old_name, c->name, sizeof(c->old_name));
	yk_strlcpy(c->old_department, c->department, sizeof(c->old_department));
	yk_strlcpy(c->old_tier, c->tier, sizeof(c->old_tier));
	yk_strlcpy(c->old_email, c->email, sizeof(c->old_email));
	c->accounts = sqlite3_column_int64(st, 7);
	return 0;
}

static void fingerprint(struct sync_run *r)
{
	struct auth_roster_sync *o = r->out;
	yk_buf_reset(&r->print);
	for (size_t i = 0; i < o->nchanges; i++) {
		const struct auth_sync_change *c = &o->changes[i];
		if (yk_buf_addf(&r->print, "%d\t%u\t%s\t%s\t%s\t%s\t%s\n", (int)c->kind, c->what,
				c->employee_no, c->name, c->department, c->tier, c->email) != 0)
			break;
	}
	unsigned char h[32];
	yk_sha256(r->print.data ? r->print.data : "", r->print.len, h);
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < AUTH_SYNC_FINGERPRINT_LEN / 2; i++) {
		o->fingerprint[2 * i] = hex[h[i] >> 4];
		o->fingerprint[2 * i + 1] = hex[h[i] & 15];
	}
	o->fingerprint[AUTH_SYNC_FINGERPRINT_LEN] = '\0';
}

static int compare_all(struct sync_run *r, const struct auth_staff *rows, size_t n,
		       struct yk_errinfo *ei)
{
	struct auth_roster_sync *o = r->out;
	free(o->changes);
	o->changes = NULL;
	o->nchanges = 0;
	r->cap = 0;
	o->added = o->returned = o->changed = o->gone = o->unchanged = o->transfers = 0;
	o->departments_created = 0;
	ingest_seen_release(&r->new_depts);
	memset(&r->new_depts, 0, sizeof(r->new_depts));
	int rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = compare_row(r, &rows[i], ei)))
			return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(r->db,
			     "SELECT " STAFF_NOW_COLUMNS " WHERE s.left_at IS NULL ORDER BY s.employee_no",
			     &st, ei)) ||
	    (rc = store_each(r->db, st, gone_row, r, ei)))
		return rc;
	fingerprint(r);
	return 0;
}

/* ---- applying ------------------------------------------------------------- */

static int staff_write(struct store *db, const struct audit_actor *actor,
		       const struct auth_sync_change *c, struct auth_roster_sync *o,
		       struct yk_errinfo *ei)
{
	int64_t dept = 0;
	int rc = auth__dept_ensure_tx(db, actor, c->department, &dept, &o->departments_created, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
			     c->kind == AUTH_SYNC_NEW
				     ? "INSERT INTO staff(employee_no, name, department_id, tier, email,"
				       " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
				     : "UPDATE staff SET name = ?2, department_id = ?3, tier = ?4,"
				       " email = ?5, updated_at = ?6, left_at = NULL WHERE employee_no = ?1",
			     &st, ei)))
		return rc;
	store_bind_text(st, 1, c->employee_no);
	store_bind_text(st, 2, c->name);
	sqlite3_bind_int64(st, 3, dept);
	store_bind_text(st, 4, c->tier);
	store_bind_opt_text(st, 5, c->email);
	sqlite3_bind_int64(st, 6, yk_now_unix());
	if ((rc = store_step_done(db, st, ei)) || c->kind == AUTH_SYNC_NEW)
		return rc;
	/* Linked accounts follow the roster's department and name. */
	if ((rc = store_stmt(db,
			     "UPDATE users SET department_id = ?2, display_name = ?3, updated_at = ?4"
			     " WHERE staff_id = (SELECT id FROM staff WHERE employee_no = ?1)"
			     " AND (department_id IS NOT ?2 OR display_name <> ?3)",
			     &st, ei)))
		return rc;
	store_bind_text(st, 1, c->employee_no);
	sqlite3_bind_int64(st, 2, dept);
	store_bind_text(st, 3, c->name);
	sqlite3_bind_int64(st, 4, yk_now_unix());
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	if (c->what & AUTH_SYNC_DEPT)
		o->accounts_moved += (size_t)sqlite3_changes(store_handle(db));
	return 0;
}

struct linked_users {
	int64_t id[16];
	char login[16][AUTH_LOGIN_MAX + 1];
	size_t n;
};

static int linked_row(void *vctx, sqlite3_stmt *st)
{
	struct linked_users *l = vctx;
	if (l->n == YK_ARRAY_LEN(l->id))
		return 1; /* the rest in the next round */
	l->id[l->n] = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, l->login[l->n], sizeof(l->login[0]));
	l->n++;
	return 0;
}

/* Retires one person: left_at set, every enabled linked account disabled
 * with its sessions ended and its own audit row. */
static int staff_retire(struct store *db, const struct audit_actor *actor,
			const struct auth_sync_change *c, int64_t now, struct auth_roster_sync *o,
			struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "UPDATE staff SET left_at = ?2, updated_at = ?2 WHERE employee_no = ?1",
			    &st, ei);
	if (rc)
		return rc;
	store_bind_text(st, 1, c->employee_no);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = store_step_done(db, st, ei)))
		return rc;
	for (;;) {
		struct linked_users l;
		l.n = 0;
		if ((rc = store_stmt(db,
				     "SELECT u.id, u.login FROM users u JOIN staff s ON s.id = u.staff_id"
				     " WHERE s.employee_no = ?1 AND u.disabled = 0 ORDER BY u.id",
				     &st, ei)))
			return rc;
		store_bind_text(st, 1, c->employee_no);
		if ((rc = store_each(db, st, linked_row, &l, ei)) < 0)
			return rc;
		if (l.n == 0)
			return 0;
		for (size_t i = 0; i < l.n; i++) {
			if ((rc = store_stmt(db,
					     "UPDATE users SET disabled = 1, updated_at = ?2 WHERE id = ?1",
					     &st, ei)))
				return rc;
			sqlite3_bind_int64(st, 1, l.id[i]);
			sqlite3_bind_int64(st, 2, now);
			if ((rc = store_step_done(db, st, ei)) ||
			    (rc = auth__sessions_end(db, l.id[i], 0, ei)) ||
			    (rc = audit_record_json(db, actor, "user.disable", l.login[i],
						    json_pack("{s:s, s:s}", "via", "staff.sync",
							      "employee_no", c->employee_no),
						    ei)))
				return rc;
			o->accounts_disabled++;
		}
	}
}

/* Employee numbers of one kind, for the audit row (at most 500). */
static json_t *numbers_json(const struct auth_roster_sync *o, enum auth_sync_kind kind,
			    unsigned what)
{
	json_t *a = json_array();
	for (size_t i = 0; i < o->nchanges && json_array_size(a) < 500; i++)
		if (o->changes[i].kind == kind && (!what || (o->changes[i].what & what)))
			json_array_append_new(a, json_string(o->changes[i].employee_no));
	return a;
}

static int apply_changes(struct store *db, const struct audit_actor *actor,
			 struct auth_roster_sync *o, struct yk_errinfo *ei)
{
	int64_t now = yk_now_unix();
	int64_t admins_before = 0, admins = 0;
	int rc;
	if ((rc = auth__other_admins(db, 0, &admins_before)))
		return rc;
	o->departments_created = 0;
	for (size_t i = 0; i < o->nchanges; i++) {
		const struct auth_sync_change *c = &o->changes[i];
		rc = c->kind == AUTH_SYNC_GONE ? staff_retire(db, actor, c, now, o, ei)
					       : staff_write(db, actor, c, o, ei);
		if (rc) {
			if (c->line)
				yk_errinfo_at(ei, o->parse.file, c->line, NULL);
			return rc;
		}
	}
	if ((rc = auth__other_admins(db, 0, &admins)))
		return rc;
	if (admins == 0 && admins_before > 0)
		return yk_errinfo_set(ei, YK_ECONFLICT,
				      "名簿から外れる職員のアカウントに最後の管理者が含まれるため、"
				      "取り込みません。先にほかの利用者を管理者にしてください");
	json_t *detail = json_pack(
		"{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "rows",
		(json_int_t)o->parse.rows, "added", (json_int_t)o->added, "returned",
		(json_int_t)o->returned, "changed", (json_int_t)o->changed, "transfers",
		(json_int_t)o->transfers, "gone", (json_int_t)o->gone, "accounts_disabled",
		(json_int_t)o->accounts_disabled, "accounts_moved", (json_int_t)o->accounts_moved,
		"departments_created", (json_int_t)o->departments_created, "new",
		numbers_json(o, AUTH_SYNC_NEW, 0), "left", numbers_json(o, AUTH_SYNC_GONE, 0),
		"transferred", numbers_json(o, AUTH_SYNC_CHANGED, AUTH_SYNC_DEPT), "returned_staff",
		numbers_json(o, AUTH_SYNC_RETURNED, 0));
	return audit_record_json(db, actor, "staff.sync", o->parse.file, detail, ei);
}

/* A refused apply leaves an audit row of its own (in its own transaction). */
static void audit_refused(struct store *db, const struct audit_actor *actor, const char *file,
			  int err, const struct yk_errinfo *why)
{
	if (store_begin(db, NULL))
		return;
	if (audit_record_json(db, actor, "staff.sync.refused", file,
			      json_pack("{s:s, s:s}", "error", yk_err_code(err), "reason",
					why && why->message[0] ? why->message : ""),
			      NULL) ||
	    store_commit(db, NULL))
		store_rollback(db);
}

int auth_roster_sync(struct store *db, const struct audit_actor *actor, const char *bytes,
		     size_t len, const char *filename, int apply, const char *expect,
		     struct auth_roster_sync *out, struct yk_errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	const char *file = filename && *filename ? filename : "roster.csv";
	struct auth_staff *rows = NULL;
	size_t n = 0;
	struct sync_run r;
	memset(&r, 0, sizeof(r));
	r.db = db;
	r.out = out;
	yk_buf_init(&r.print, 0);
	int began = 0;
	int rc = auth__roster_collect(bytes, len, file, &out->parse, &rows, &n, ei);
	if (rc)
		goto out;
	if (n == 0) {
		rc = yk_errinfo_set(ei, YK_EPARSE,
				    "%s: 職員が 1 人もいません。名簿の全員が退職扱いになるため取り込みません",
				    file);
		ingest_problem(&out->parse.problems, YK_EPARSE, 0,
			       "職員が 1 人もいません。名簿の全員が退職扱いになるため取り込みません");
		goto out;
	}
	r.sorted = yk_xmalloc(n * sizeof(*r.sorted));
	for (size_t i = 0; i < n; i++)
		r.sorted[i] = &rows[i];
	qsort(r.sorted, n, sizeof(*r.sorted), cmp_staff_no);
	r.nrows = n;
	if (apply) {
		if ((rc = store_begin(db, ei)))
			goto out;
		began = 1;
	}
	if ((rc = compare_all(&r, rows, n, ei)))
		goto out;
	if (!apply)
		goto out;
	if (expect && *expect && strcmp(expect, out->fingerprint) != 0) {
		rc = yk_errinfo_set(ei, YK_ECONFLICT,
				    "プレビューの後に名簿が変わっています。もう一度プレビューしてください");
		goto out;
	}
	if ((rc = apply_changes(db, actor, out, ei)) || (rc = store_commit(db, ei)))
		goto out;
	began = 0;
	out->applied = 1;
out:
	if (began)
		store_rollback(db);
	if (rc && apply) {
		out->accounts_disabled = out->accounts_moved = 0;
		audit_refused(db, actor, file, rc, ei);
	}
	ingest_seen_release(&r.new_depts);
	yk_buf_release(&r.print);
	free(r.sorted);
	free(rows);
	return rc;
}

void auth_roster_sync_release(struct auth_roster_sync *s)
{
	if (!s)
		return;
	free(s->changes);
	s->changes = NULL;
	s->nchanges = 0;
}

/* ---- accounts from the roster ----------------------------------------------- */

struct pick {
	struct auth_accounts_result *out;
	size_t cap;
	int64_t *staff_id; /* parallel to out->items */
	int64_t *dept_id;
	int has_account_col;
};

static struct auth_account_issued *pick_add(struct pick *p)
{
	struct auth_accounts_result *o = p->out;
	if (o->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		o->items = yk_xrealloc(o->items, p->cap * sizeof(*o->items));
		p->staff_id = yk_xrealloc(p->staff_id, p->cap * sizeof(*p->staff_id));
		p->dept_id = yk_xrealloc(p->dept_id, p->cap * sizeof(*p->dept_id));
	}
	struct auth_account_issued *it = &o->items[o->n++];
	memset(it, 0, sizeof(*it));
	return it;
}

#define PICK_COLUMNS                                                                    \
	"s.id, s.employee_no, s.name, d.path, d.id, coalesce(s.email, ''),"              \
	" (SELECT u.login FROM users u WHERE u.staff_id = s.id OR u.login = s.employee_no" \
	" ORDER BY u.id LIMIT 1)"                                                         \
	" FROM staff s JOIN departments d ON d.id = s.department_id"

static int pick_row(void *vctx, sqlite3_stmt *st)
{
	struct pick *p = vctx;
	/* The same person picked twice (number and department) counts once. */
	int64_t sid = sqlite3_column_int64(st, 0);
	for (size_t i = 0; i < p->out->n; i++)
		if (p->staff_id[i] == sid)
			return 0;
	if (p->out->n >= AUTH_ACCOUNTS_BATCH_MAX)
		return YK_ELIMIT;
	struct auth_account_issued *it = pick_add(p);
	p->staff_id[p->out->n - 1] = sid;
	store_col_text(st, 1, it->employee_no, sizeof(it->employee_no));
	store_col_text(st, 2, it->name, sizeof(it->name));
	store_col_text(st, 3, it->department, sizeof(it->department));
	store_col_text(st, 5, it->email, sizeof(it->email));
	p->dept_id[p->out->n - 1] = sqlite3_column_int64(st, 4);
	yk_strlcpy(it->login, it->employee_no, sizeof(it->login));
	if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
		char existing[AUTH_LOGIN_MAX + 1];
		store_col_text(st, 6, existing, sizeof(existing));
		snprintf(it->skipped_reason, sizeof(it->skipped_reason),
			 "アカウントがあります（%s）", existing);
	} else if (auth__check_login(it->employee_no, NULL) != 0) {
		yk_strlcpy(it->skipped_reason, "職員番号をログイン名に使えません",
			   sizeof(it->skipped_reason));
	}
	return 0;
}

static int pick_staff(struct store *db, const struct auth_accounts_request *req, struct pick *p,
		      struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc;
	for (size_t i = 0; i < req->n_employee_nos; i++) {
		const char *no = req->employee_nos[i];
		if ((rc = store_stmt(db,
				     "SELECT " PICK_COLUMNS " WHERE s.employee_no = ?1 AND s.left_at IS NULL",
				     &st, ei)))
			return rc;
		store_bind_text(st, 1, no);
		size_t before = p->out->n;
		int64_t dup = 0;
		for (size_t k = 0; k < before; k++)
			if (strcmp(p->out->items[k].employee_no, no) == 0)
				dup = 1;
		if ((rc = store_each(db, st, pick_row, p, ei)))
			return rc == YK_ELIMIT ? yk_errinfo_set(ei, rc, "一度に作れるアカウントは %d 件までです",
								AUTH_ACCOUNTS_BATCH_MAX)
					       : rc;
		if (p->out->n == before && !dup) {
			yk_errinfo_at(ei, NULL, 0, "employee_nos");
			return yk_errinfo_set(ei, YK_ENOTFOUND,
					      "職員番号「%.32s」は現在の名簿にありません", no);
		}
	}
	if (req->department && *req->department) {
		struct auth_department d;
		rc = auth_dept_find(db, req->department, &d);
		if (rc) {
			yk_errinfo_at(ei, NULL, 0, "department");
			return rc == YK_ENOTFOUND || rc == YK_EINVAL
				       ? yk_errinfo_set(ei, YK_ENOTFOUND, "所属「%.200s」が見つかりません",
							req->department)
				       : rc;
		}
		if ((rc = store_stmt(db,
				     "SELECT " PICK_COLUMNS " WHERE s.left_at IS NULL"
				     " AND (d.path = ?1 OR substr(d.path, 1, length(?1) + 1) = ?1 || '/')"
				     " ORDER BY d.path, s.employee_no",
				     &st, ei)))
			return rc;
		store_bind_text(st, 1, d.path);
		if ((rc = store_each(db, st, pick_row, p, ei)))
			return rc == YK_ELIMIT ? yk_errinfo_set(ei, rc, "一度に作れるアカウントは %d 件までです",
								AUTH_ACCOUNTS_BATCH_MAX)
					       : rc;
	}
	return 0;
}

int auth_accounts_from_roster(struct store *db, const struct audit_actor *actor,
			      const struct auth_accounts_request *req,
			      struct auth_accounts_result *out, struct yk_errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	struct pick p;
	memset(&p, 0, sizeof(p));
	p.out = out;
	char (*hash)[AUTH_PASSWORD_HASH_MAX] = NULL;
	unsigned roles = req->roles ? req->roles : AUTH_ROLE_STAFF;
	int rc;
	if (roles & ~(unsigned)AUTH_ROLE_ALL) {
		yk_errinfo_at(ei, NULL, 0, "roles");
		rc = yk_errinfo_set(ei, YK_EINVAL, "権限の指定が正しくありません");
		goto out;
	}
	if (req->n_employee_nos == 0 && !(req->department && *req->department)) {
		rc = yk_errinfo_set(ei, YK_EINVAL, "職員か所属を選んでください");
		goto out;
	}
	if (req->sso_only && !store_setting_int(db, "sso_enabled") &&
	    !store_setting_int(db, "ldap_enabled")) {
		yk_errinfo_at(ei, NULL, 0, "sso_only");
		rc = yk_errinfo_set(ei, YK_EINVAL,
				    "パスワードなし（SSO・ディレクトリ）のアカウントは、シングルサインオンか"
				    "ディレクトリ認証を有効にしてから作れます");
		goto out;
	}
	if ((rc = pick_staff(db, req, &p, ei)))
		goto out;
	/* Argon2id is slow on purpose: hash before taking the write lock. */
	hash = yk_xcalloc(out->n ? out->n : 1, sizeof(*hash));
	for (size_t i = 0; i < out->n; i++) {
		struct auth_account_issued *it = &out->items[i];
		if (it->skipped_reason[0] || req->sso_only)
			continue;
		auth_password_generate(it->one_time_password, sizeof(it->one_time_password));
		if ((rc = auth_password_hash(it->one_time_password, hash[i], sizeof(hash[i])))) {
			rc = yk_errinfo_set(ei, rc, "パスワードを作成できませんでした");
			goto out;
		}
	}
	if ((rc = store_begin(db, ei)))
		goto out;
	for (size_t i = 0; i < out->n; i++) {
		struct auth_account_issued *it = &out->items[i];
		struct auth_user existing;
		if (!it->skipped_reason[0] && auth_user_find(db, it->login, &existing) == 0)
			snprintf(it->skipped_reason, sizeof(it->skipped_reason),
				 "アカウントがあります（%s）", existing.login);
		if (it->skipped_reason[0]) {
			it->one_time_password[0] = '\0';
			out->skipped++;
			continue;
		}
		int64_t uid = 0;
		if ((rc = auth__user_insert_tx(db, it->login, it->name, it->email, p.dept_id[i], p.staff_id[i],
					       req->sso_only ? NULL : hash[i], roles, &uid, ei)) ||
		    (rc = audit_record_json(db, actor, "user.create", it->login,
					    json_pack("{s:s, s:s, s:b}", "via", "roster",
						      "employee_no", it->employee_no, "sso_only",
						      req->sso_only != 0),
					    ei))) {
			store_rollback(db);
			goto out;
		}
		it->created = 1;
		out->created++;
	}
	if ((rc = store_commit(db, ei)))
		store_rollback(db);
out:
	if (hash) {
		explicit_bzero(hash, (out->n ? out->n : 1) * sizeof(*hash));
		free(hash);
	}
	free(p.staff_id);
	free(p.dept_id);
	if (rc) {
		auth_accounts_result_release(out);
		out->created = out->skipped = 0;
	}
	return rc;
}

void auth_accounts_result_release(struct auth_accounts_result *r)
{
	if (!r)
		return;
	if (r->items) {
		explicit_bzero(r->items, r->n * sizeof(*r->items));
		free(r->items);
	}
	r->items = NULL;
	r->n = 0;
}
