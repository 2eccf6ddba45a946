/* training: the roster snapshot, people lookup, tiers, days and the small
 * helpers the other training files share. See training.h. */
#include <stdarg.h>
#include <strings.h>

#include "audit/audit.h"
#include "survey/survey.h"
#include "training/training_int.h"
#include "core/banned.h"

/* ---- tiers and days --------------------------------------------------------- */

static const char *const tier_names[] = {AUTH_TIER_EXECUTIVE, AUTH_TIER_DX_LEADER,
					 AUTH_TIER_GENERAL};

const char *training_tier_name(unsigned bit)
{
	for (unsigned i = 0; i < YK_ARRAY_LEN(tier_names); i++)
		if (bit == 1u << i)
			return tier_names[i];
	return NULL;
}

int training_tier_parse(const char *name, unsigned *bit)
{
	for (unsigned i = 0; name && i < YK_ARRAY_LEN(tier_names); i++)
		if (strcmp(name, tier_names[i]) == 0) {
			*bit = 1u << i;
			return 0;
		}
	return YK_EINVAL;
}

int training_day_valid(const char *s, size_t len)
{
	if (!s || len != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	int64_t y, m, d;
	if (yk_parse_i64(s, 4, 1900, 2999, &y) || yk_parse_i64(s + 5, 2, 1, 12, &m) ||
	    yk_parse_i64(s + 8, 2, 1, 31, &d))
		return 0;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

void training__today(char out[11])
{
	survey_day(yk_now_unix(), out);
}

/* ---- helpers ------------------------------------------------------------- */

/* Both helpers run the connection's cached statement for sql (a static
 * string), so repeated calls do not prepare it again. */
int training__exec(struct store *db, const char *sql, int64_t a, int64_t b, int must_change)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, sql, &st, NULL);
	if (rc)
		return rc;
	int np = sqlite3_bind_parameter_count(st);
	if (np >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (np >= 2)
		sqlite3_bind_int64(st, 2, b);
	if ((rc = store_step_done(db, st, NULL)))
		return rc;
	return must_change && sqlite3_changes(store_handle(db)) == 0 ? YK_ENOTFOUND : 0;
}

int64_t training__int(struct store *db, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = NULL;
	if (store_stmt(db, sql, &st, NULL))
		return -1;
	int np = sqlite3_bind_parameter_count(st);
	if (np >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (np >= 2)
		sqlite3_bind_int64(st, 2, b);
	int64_t v = -1;
	if (store_row(db, st, NULL) == 1) {
		v = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return v;
}

int training__audit(struct store *db, const struct audit_actor *actor, const char *action,
		    int64_t target_id, const char *fmt, ...)
{
	char detail[512], target[32];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	snprintf(target, sizeof(target), "%lld", (long long)target_id);
	struct audit_actor cli = {0, "cli", NULL};
	return audit_record(db, actor ? actor : &cli, action, target, detail[0] ? detail : NULL, NULL);
}

int training__text(const char *s, size_t max, int required, const char *field, const char *label,
		   struct yk_errinfo *ei)
{
	size_t len = s ? strlen(s) : 0;
	yk_errinfo_at(ei, NULL, 0, field);
	if (required && len == 0)
		return yk_errinfo_set(ei, YK_EINVAL, "「%s」を入力してください", label);
	if (len > max)
		return yk_errinfo_set(ei, YK_EINVAL, "「%s」が長すぎます（%zu バイトまで）", label, max);
	if (len && !yk_utf8_valid(s, len, NULL))
		return yk_errinfo_set(ei, YK_EUTF8, "「%s」の文字コードが正しくありません", label);
	yk_errinfo_at(ei, NULL, 0, "");
	return 0;
}

int training__ids(struct store *db, sqlite3_stmt *st, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	size_t cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = yk_xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : store_err(db, r, NULL);
}

int training__roster_rows(struct store *db, const char *sql, int64_t a, int person_col,
			  training__row_fn row, const struct training__sink *k)
{
	struct training__roster ro;
	int rc = training__roster_load(db, 0, &ro);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db, sql, &st, NULL)) == 0) {
		sqlite3_bind_int64(st, 1, a);
		int r;
		while ((r = sqlite3_step(st)) == SQLITE_ROW)
			if ((rc = row(k, training__person(&ro, sqlite3_column_int64(st, person_col)),
				      st)) != 0)
				break;
		if (!rc && r != SQLITE_DONE)
			rc = store_err(db, r, NULL);
		sqlite3_finalize(st);
	}
	training__roster_release(&ro);
	return rc;
}

int training__import_begin(struct store *db, size_t n, const char *file,
			   struct training__roster *ro, struct yk_errinfo *ei)
{
	if (n > TRAINING_IMPORT_ROWS_MAX) {
		yk_errinfo_at(ei, file, 0, "");
		return yk_errinfo_set(ei, YK_ELIMIT, "行が多すぎます（%d 行まで）", TRAINING_IMPORT_ROWS_MAX);
	}
	int rc = training__roster_load(db, 0, ro);
	if (!rc && (rc = store_begin(db, ei)))
		training__roster_release(ro);
	return rc;
}

int training__session_roster(struct store *db, int64_t session_id, struct training_session **s,
			     struct training__roster *ro, struct yk_errinfo *ei)
{
	*s = yk_xmalloc(sizeof(**s));
	int rc = training_session_get(db, session_id, *s, ei);
	if (!rc)
		rc = training__roster_load(db, 0, ro);
	if (rc) {
		free(*s);
		*s = NULL;
	}
	return rc;
}

void training__col(sqlite3_stmt *st, int col, char *out, size_t outsz)
{
	const char *v = (const char *)sqlite3_column_text(st, col);
	yk_strlcpy(out, v ? v : "", outsz);
}

/* ---- roster snapshot ------------------------------------------------------- */

static int add_dept(void *ctx, const struct auth_department *d)
{
	struct training__roster *r = ctx;
	if (r->ndepts == r->dcap) {
		r->dcap = r->dcap ? r->dcap * 2 : 64;
		r->depts = yk_xrealloc(r->depts, r->dcap * sizeof(*r->depts));
	}
	struct training__dept *x = &r->depts[r->ndepts++];
	x->id = d->id;
	x->parent_id = d->parent_id;
	x->path = yk_xstrdup(d->path);
	x->staff = d->staff_count;
	return 0;
}

static int add_person(void *ctx, const struct auth_staff *s)
{
	struct training__roster *r = ctx;
	if (r->npeople == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->people = yk_xrealloc(r->people, r->cap * sizeof(*r->people));
	}
	struct training__person *p = &r->people[r->npeople++];
	memset(p, 0, sizeof(*p));
	p->staff_id = s->id;
	p->employee_no = yk_xstrdup(s->employee_no);
	p->name = yk_xstrdup(s->name);
	p->department = yk_xstrdup(s->department_path);
	p->tier = yk_xstrdup(s->tier);
	p->email = yk_xstrdup(s->email);
	const struct training__dept *d = training__dept_by_path(r, s->department_path);
	p->department_id = d ? d->id : 0;
	return 0;
}

static int person_cmp(const void *a, const void *b)
{
	const struct training__person *x = a, *y = b;
	return x->staff_id < y->staff_id ? -1 : x->staff_id > y->staff_id;
}

static int number_cmp(const void *a, const void *b)
{
	const struct training__person *const *x = a, *const *y = b;
	return strcmp((*x)->employee_no, (*y)->employee_no);
}

const struct training__person *training__person_by_number(const struct training__roster *r,
							  const char *no)
{
	struct training__person key, *kp = &key;
	key.employee_no = (char *)no;
	struct training__person **hit =
		r->npeople ? bsearch(&kp, r->by_no, r->npeople, sizeof(kp), number_cmp) : NULL;
	return hit ? *hit : NULL;
}

static int dept_cmp(const void *a, const void *b)
{
	return strcmp(((const struct training__dept *)a)->path,
		      ((const struct training__dept *)b)->path);
}

static int match_user(void *ctx, const struct auth_user *u)
{
	struct training__roster *r = ctx;
	for (size_t i = 0; i < r->npeople; i++) {
		struct training__person *p = &r->people[i];
		if (p->user_id)
			continue;
		if (strcmp(p->employee_no, u->login) == 0 ||
		    (p->email[0] && u->email[0] && strcasecmp(p->email, u->email) == 0)) {
			p->user_id = u->id;
			break;
		}
	}
	return 0;
}

int training__roster_load(struct store *db, int with_users, struct training__roster *r)
{
	memset(r, 0, sizeof(*r));
	int rc = auth_dept_list(db, add_dept, r);
	if (!rc) {
		qsort(r->depts, r->ndepts, sizeof(*r->depts), dept_cmp);
		int64_t total = 0;
		rc = auth_staff_list(db, NULL, 0, AUTH_ROSTER_MAX_ROWS, add_person, r, &total);
	}
	if (!rc) {
		qsort(r->people, r->npeople, sizeof(*r->people), person_cmp);
		r->by_no = yk_xcalloc(r->npeople ? r->npeople : 1, sizeof(*r->by_no));
		for (size_t i = 0; i < r->npeople; i++)
			r->by_no[i] = &r->people[i];
		qsort(r->by_no, r->npeople, sizeof(*r->by_no), number_cmp);
	}
	if (!rc && with_users)
		rc = auth_user_list(db, match_user, r);
	if (rc)
		training__roster_release(r);
	return rc;
}

void training__roster_release(struct training__roster *r)
{
	for (size_t i = 0; i < r->npeople; i++) {
		free(r->people[i].employee_no);
		free(r->people[i].name);
		free(r->people[i].department);
		free(r->people[i].tier);
		free(r->people[i].email);
	}
	free(r->people);
	free(r->by_no);
	for (size_t i = 0; i < r->ndepts; i++)
		free(r->depts[i].path);
	free(r->depts);
	memset(r, 0, sizeof(*r));
}

const struct training__person *training__person(const struct training__roster *r, int64_t staff_id)
{
	struct training__person key;
	key.staff_id = staff_id;
	return r->npeople ? bsearch(&key, r->people, r->npeople, sizeof(key), person_cmp) : NULL;
}

const struct training__dept *training__dept(const struct training__roster *r, int64_t id)
{
	for (size_t i = 0; i < r->ndepts; i++)
		if (r->depts[i].id == id)
			return &r->depts[i];
	return NULL;
}

const struct training__dept *training__dept_by_path(const struct training__roster *r,
						    const char *path)
{
	struct training__dept key;
	key.path = (char *)path;
	return r->ndepts ? bsearch(&key, r->depts, r->ndepts, sizeof(key), dept_cmp) : NULL;
}

/* ---- people --------------------------------------------------------------- */

struct user_match {
	const struct auth_user *u;
	int64_t staff_id;
	int by_email;
};

static int find_for_user(void *ctx, const struct auth_staff *s)
{
	struct user_match *m = ctx;
	if (strcmp(s->employee_no, m->u->login) == 0) {
		m->staff_id = s->id;
		m->by_email = 0;
		return 1;
	}
	if (!m->staff_id && s->email[0] && m->u->email[0] && strcasecmp(s->email, m->u->email) == 0) {
		m->staff_id = s->id;
		m->by_email = 1;
	}
	return 0;
}

int training_staff_of_user(struct store *db, const struct auth_user *u, int64_t *staff_id)
{
	struct user_match m = {u, 0, 0};
	int64_t total = 0;
	/* The login narrows the roster to the entries containing it (cheap on
	 * every page load); only a login that is not a 職員番号 needs the whole
	 * roster for the e-mail match. */
	int rc = auth_staff_list(db, u->login, 0, AUTH_ROSTER_MAX_ROWS, find_for_user, &m, &total);
	if (rc < 0)
		return rc;
	if (!m.staff_id && u->email[0] &&
	    (rc = auth_staff_list(db, NULL, 0, AUTH_ROSTER_MAX_ROWS, find_for_user, &m, &total)) < 0)
		return rc;
	*staff_id = m.staff_id;
	return m.staff_id ? 0 : YK_ENOTFOUND;
}

struct number_match {
	const char *no;
	int64_t staff_id;
};

static int find_number(void *ctx, const struct auth_staff *s)
{
	struct number_match *m = ctx;
	if (strcmp(s->employee_no, m->no) == 0) {
		m->staff_id = s->id;
		return 1;
	}
	return 0;
}

int training_staff_by_number(struct store *db, const char *no, int64_t *staff_id)
{
	struct number_match m = {no, 0};
	int64_t total = 0;
	*staff_id = 0;
	if (!no || !*no)
		return YK_ENOTFOUND;
	/* The query narrows by substring; the exact match is checked here. */
	int rc = auth_staff_list(db, no, 0, AUTH_ROSTER_MAX_ROWS, find_number, &m, &total);
	if (rc < 0)
		return rc;
	*staff_id = m.staff_id;
	return m.staff_id ? 0 : YK_ENOTFOUND;
}
