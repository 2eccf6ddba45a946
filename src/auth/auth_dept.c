/* auth: the department tree, addressed by paths such as "市民部/市民課". */
#include <string.h>

#include "auth/auth_int.h"
#include "core/banned.h"

#define DEPT_NAME_MAX_CHARS 100 /* matches the CHECK in the schema */

/* Length of whitespace (ASCII space/tab or U+3000) at s, 0 if none. */
static size_t space_at(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Length of a separator ("/" or full-width "／") at s, 0 if none. */
static size_t sep_at(const char *s, size_t n)
{
	if (n >= 1 && s[0] == '/')
		return 1;
	if (n >= 3 && memcmp(s, "\xEF\xBC\x8F", 3) == 0)
		return 3;
	return 0;
}

int auth_dept_path_normalize(const char *path, size_t len, char *out, size_t outsz,
			     struct yk_errinfo *ei)
{
	yk_errinfo_at(ei, NULL, 0, "department");
	if (!yk_utf8_valid(path, len, NULL))
		return yk_errinfo_set(ei, YK_EINVAL, "所属の文字コードが正しくありません");
	size_t o = 0, i = 0;
	int parts = 0;
	if (outsz == 0)
		return YK_EINVAL;
	while (i <= len) {
		/* One part: [i, end) up to the next separator or the end. */
		size_t end = i, sl = 0;
		while (end < len && (sl = sep_at(path + end, len - end)) == 0)
			end++;
		size_t a = i, b = end, w;
		while (a < b && (w = space_at(path + a, b - a)) != 0)
			a += w;
		for (;;) { /* trim the end: step back over trailing spaces */
			if (b > a && (path[b - 1] == ' ' || path[b - 1] == '\t'))
				b--;
			else if (b >= a + 3 && memcmp(path + b - 3, "\xE3\x80\x80", 3) == 0)
				b -= 3;
			else
				break;
		}
		if (a == b)
			return yk_errinfo_set(ei, YK_EINVAL,
					      len == 0 ? "所属を入力してください"
						       : "所属の階層に空の部分があります（例: 市民部/市民課）");
		for (size_t k = a; k < b; k++)
			if ((unsigned char)path[k] < 0x20 || path[k] == 0x7F)
				return yk_errinfo_set(ei, YK_EINVAL, "所属に制御文字は使えません");
		if (yk_utf8_count(path + a, b - a) > DEPT_NAME_MAX_CHARS)
			return yk_errinfo_set(ei, YK_EINVAL, "所属名は %d 文字以内にしてください",
					      DEPT_NAME_MAX_CHARS);
		if (++parts > AUTH_DEPT_DEPTH_MAX)
			return yk_errinfo_set(ei, YK_EINVAL, "所属の階層は %d 段までです",
					      AUTH_DEPT_DEPTH_MAX);
		size_t need = (parts > 1 ? 1 : 0) + (b - a);
		if (o + need + 1 > outsz || o + need > AUTH_DEPT_PATH_MAX)
			return yk_errinfo_set(ei, YK_EINVAL, "所属が長すぎます");
		if (parts > 1)
			out[o++] = '/';
		memcpy(out + o, path + a, b - a);
		o += b - a;
		if (end >= len)
			break;
		i = end + sl;
	}
	out[o] = '\0';
	yk_errinfo_at(ei, NULL, 0, "");
	return 0;
}

/* Reads a DEPT_COLUMNS row into out (a struct auth_department). */
static int dept_read(void *out, sqlite3_stmt *st)
{
	struct auth_department *d = out;
	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(st, 0);
	d->parent_id = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, d->name, sizeof(d->name));
	store_col_text(st, 3, d->path, sizeof(d->path));
	d->staff_count = sqlite3_column_int64(st, 4);
	d->user_count = sqlite3_column_int64(st, 5);
	d->display_order = sqlite3_column_int64(st, 6);
	d->total_staff_count = sqlite3_column_int64(st, 7);
	d->total_user_count = sqlite3_column_int64(st, 8);
	d->child_count = sqlite3_column_int64(st, 9);
	d->left_staff_count = sqlite3_column_int64(st, 10);
	return 0;
}

/* Staff counts are of current staff: a person who left stays in the roster
 * (left_at set) for history and reports, but is no longer in a department's
 * headcount. They are counted apart because they still keep the department
 * from being deleted. */
#define DEPT_COLUMNS                                                                  \
	"d.id, coalesce(d.parent_id, 0), d.name, d.path,"                              \
	" (SELECT count(*) FROM staff s WHERE s.department_id = d.id"                  \
	"  AND s.left_at IS NULL),"                                                    \
	" (SELECT count(*) FROM users u WHERE u.department_id = d.id),"                \
	" d.display_order,"                                                            \
	" (SELECT count(*) FROM departments x CROSS JOIN staff s"                      \
	"  ON s.department_id = x.id AND s.left_at IS NULL"                            \
	"  WHERE x.id = d.id OR substr(x.path, 1, length(d.path) + 1) = d.path || '/'),"   \
	" (SELECT count(*) FROM departments x CROSS JOIN users u"                      \
	"  ON u.department_id = x.id"                                                  \
	"  WHERE x.id = d.id OR substr(x.path, 1, length(d.path) + 1) = d.path || '/'),"   \
	" (SELECT count(*) FROM departments c WHERE c.parent_id = d.id),"              \
	" (SELECT count(*) FROM staff s WHERE s.department_id = d.id"                  \
	"  AND s.left_at IS NOT NULL)"

static int dept_by_path(struct store *db, const char *canon, struct auth_department *out)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT " DEPT_COLUMNS " FROM departments d WHERE d.path = ?", &st,
			       NULL);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, canon, -1, SQLITE_TRANSIENT);
	return store_one(db, st, dept_read, out, NULL);
}

static int dept_by_id(struct store *db, int64_t id, struct auth_department *out)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT " DEPT_COLUMNS " FROM departments d WHERE d.id = ?", &st,
			       NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return store_one(db, st, dept_read, out, NULL);
}

int auth_dept_find(struct store *db, const char *path, struct auth_department *out)
{
	char canon[AUTH_DEPT_PATH_MAX + 1];
	int rc = auth_dept_path_normalize(path, strlen(path), canon, sizeof(canon), NULL);
	if (rc)
		return rc;
	return dept_by_path(db, canon, out);
}

int auth__dept_ensure_tx(struct store *db, const struct audit_actor *actor, const char *path,
			 int64_t *id, size_t *created, struct yk_errinfo *ei)
{
	char canon[AUTH_DEPT_PATH_MAX + 1];
	int rc = auth_dept_path_normalize(path, strlen(path), canon, sizeof(canon), ei);
	if (rc)
		return rc;
	int64_t parent = 0;
	size_t n = strlen(canon);
	for (size_t end = 0; end <= n; end++) {
		if (end < n && canon[end] != '/')
			continue;
		char prefix[AUTH_DEPT_PATH_MAX + 1];
		memcpy(prefix, canon, end);
		prefix[end] = '\0';
		struct auth_department d;
		rc = dept_by_path(db, prefix, &d);
		if (rc == 0) {
			parent = d.id;
			continue;
		}
		if (rc != YK_ENOTFOUND)
			return rc;
		const char *name = strrchr(prefix, '/');
		name = name ? name + 1 : prefix;
		sqlite3_stmt *st = NULL;
		if ((rc = store_stmt(db,
					"INSERT INTO departments(parent_id, name, path, created_at)"
					" VALUES (?, ?, ?, ?)",
					&st, ei)))
			return rc;
		if (parent)
			sqlite3_bind_int64(st, 1, parent);
		else
			sqlite3_bind_null(st, 1);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, prefix, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, yk_now_unix());
		if ((rc = store_step_done(db, st, ei)))
			return rc;
		parent = sqlite3_last_insert_rowid(store_handle(db));
		if ((rc = audit_record(db, actor, "dept.create", prefix, NULL, NULL)))
			return rc;
		if (created)
			(*created)++;
	}
	*id = parent;
	return 0;
}

int auth_dept_ensure(struct store *db, const struct audit_actor *actor, const char *path,
		     int64_t *id, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	if ((rc = auth__dept_ensure_tx(db, actor, path, id, NULL, ei)) || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

struct dept_each {
	int (*fn)(void *ctx, const struct auth_department *d);
	void *ctx;
	struct auth_department d;
};

static int dept_row(void *vctx, sqlite3_stmt *st)
{
	struct dept_each *e = vctx;
	dept_read(&e->d, st);
	return e->fn(e->ctx, &e->d);
}

int auth_dept_list(struct store *db, int (*fn)(void *ctx, const struct auth_department *d),
		   void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT " DEPT_COLUMNS " FROM departments d ORDER BY d.path", &st,
			       NULL);
	if (rc)
		return rc;
	struct dept_each e = {.fn = fn, .ctx = ctx}; /* with one row's value inside */
	return store_each(db, st, dept_row, &e, NULL);
}

int auth_dept_rename(struct store *db, const struct audit_actor *actor, int64_t id,
		     const char *new_name, struct yk_errinfo *ei)
{
	char canon_name[AUTH_DEPT_PATH_MAX + 1];
	int rc = auth_dept_path_normalize(new_name, strlen(new_name), canon_name,
					  sizeof(canon_name), ei);
	if (rc)
		return rc;
	yk_errinfo_at(ei, NULL, 0, "name");
	if (strchr(canon_name, '/'))
		return yk_errinfo_set(ei, YK_EINVAL, "所属名に / は使えません");
	if ((rc = store_begin(db, ei)))
		return rc;
	struct auth_department d, clash;
	char new_path[AUTH_DEPT_PATH_MAX + 1];
	if ((rc = dept_by_id(db, id, &d))) {
		yk_errinfo_set(ei, rc, "所属が見つかりません");
		goto fail;
	}
	const char *slash = strrchr(d.path, '/');
	size_t plen = slash ? (size_t)(slash - d.path) + 1 : 0;
	if (plen + strlen(canon_name) > AUTH_DEPT_PATH_MAX) {
		rc = yk_errinfo_set(ei, YK_EINVAL, "所属が長すぎます");
		goto fail;
	}
	memcpy(new_path, d.path, plen);
	yk_strlcpy(new_path + plen, canon_name, sizeof(new_path) - plen);
	if (strcmp(new_path, d.path) == 0) {
		store_rollback(db);
		return 0;
	}
	if (dept_by_path(db, new_path, &clash) == 0) {
		rc = yk_errinfo_set(ei, YK_ECONFLICT, "同じ名前の所属が既にあります");
		goto fail;
	}
	sqlite3_stmt *st = NULL;
	/* The department and every descendant: replace the path prefix. */
	if ((rc = store_stmt(db,
				"UPDATE departments SET path = ?1 || substr(path, length(?2) + 1),"
				" name = CASE WHEN id = ?3 THEN ?4 ELSE name END"
				" WHERE id = ?3 OR substr(path, 1, length(?2) + 1) = ?2 || '/'",
				&st, ei)))
		goto fail;
	sqlite3_bind_text(st, 1, new_path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, d.path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_text(st, 4, canon_name, -1, SQLITE_TRANSIENT);
	if ((rc = store_step_done(db, st, ei)))
		goto fail;
	if ((rc = audit_record_json(db, actor, "dept.rename", d.path,
				   json_pack("{s:s}", "new_path", new_path), NULL)) ||
	    (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

int auth_dept_delete(struct store *db, const struct audit_actor *actor, int64_t id,
		     struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	struct auth_department d;
	if ((rc = dept_by_id(db, id, &d))) {
		yk_errinfo_set(ei, rc, "所属が見つかりません");
		goto fail;
	}
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db, "SELECT count(*) FROM departments WHERE parent_id = ?", &st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	int64_t children = 0;
	if ((rc = store_one_int(db, st, &children, ei)))
		goto fail;
	if (children || d.staff_count || d.left_staff_count || d.user_count) {
		rc = yk_errinfo_set(ei, YK_ECONFLICT,
				    "所属「%s」は空ではないため削除できません（下位の所属 %lld 件、"
				    "名簿の職員 %lld 人、退職した職員の記録 %lld 人、利用者 %lld 人）",
				    d.path, (long long)children, (long long)d.staff_count,
				    (long long)d.left_staff_count, (long long)d.user_count);
		goto fail;
	}
	if ((rc = store_stmt(db, "DELETE FROM departments WHERE id = ?", &st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_done(db, st, ei)) ||
	    (rc = audit_record(db, actor, "dept.delete", d.path, NULL, NULL)) || (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

int auth_dept_set_order(struct store *db, const struct audit_actor *actor, int64_t id,
			int64_t display_order, struct yk_errinfo *ei)
{
	if (display_order < 0 || display_order > AUTH_DEPT_ORDER_MAX) {
		yk_errinfo_at(ei, NULL, 0, "display_order");
		return yk_errinfo_set(ei, YK_EINVAL, "表示順は 0 から %d までの整数にしてください",
				      AUTH_DEPT_ORDER_MAX);
	}
	struct auth_department d;
	sqlite3_stmt *st = NULL;
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	if (dept_by_id(db, id, &d) != 0) {
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "所属が見つかりません");
		goto fail;
	}
	if ((rc = store_stmt(db, "UPDATE departments SET display_order = ? WHERE id = ?", &st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, display_order);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = store_step_done(db, st, ei)))
		goto fail;
	if ((rc = audit_record_json(db, actor, "dept.order", d.path,
				   json_pack("{s:I, s:I}", "from", (json_int_t)d.display_order, "to",
					     (json_int_t)display_order),
				   NULL)) ||
	    (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

int auth_head_scope(const struct auth_user *u, const char **path)
{
	*path = NULL;
	if (!(u->roles & AUTH_ROLE_HEAD) || !u->department_id || !u->department_path[0])
		return 0;
	*path = u->department_path;
	return 1;
}

int auth_dept_within(const char *dept_path, const char *scope_path)
{
	if (!dept_path || !scope_path || !scope_path[0])
		return 0;
	size_t n = strlen(scope_path);
	return strncmp(dept_path, scope_path, n) == 0 && (dept_path[n] == '\0' || dept_path[n] == '/');
}
