/* training internals shared by the training_*.c files. Not part of the
 * contract. */
#ifndef YK_TRAINING_INT_H
#define YK_TRAINING_INT_H

#include <sqlite3.h>

#include "training/training.h"

/* A snapshot of the roster read through auth's functions (the training
 * module never reads auth's tables itself). */
struct training__person {
	int64_t staff_id;
	char *employee_no, *name, *department, *tier, *email;
	int64_t department_id;
	int64_t user_id; /* matched login user, 0 when none */
};
struct training__dept {
	int64_t id, parent_id;
	char *path;
	int64_t staff;   /* roster entries directly in it */
};
struct training__roster {
	struct training__person *people; /* sorted by staff_id */
	size_t npeople, cap;
	struct training__dept *depts;    /* sorted by path (parents first) */
	size_t ndepts, dcap;
	struct training__person **by_no; /* sorted by employee_no */
};

/* Loads staff and departments (and, with users, matches login users). */
int training__roster_load(struct store *db, int with_users, struct training__roster *r) YK_WUR;
void training__roster_release(struct training__roster *r);
const struct training__person *training__person(const struct training__roster *r, int64_t staff_id);
const struct training__person *training__person_by_number(const struct training__roster *r,
							  const char *no);
const struct training__dept *training__dept(const struct training__roster *r, int64_t id);
const struct training__dept *training__dept_by_path(const struct training__roster *r,
						    const char *path);

/* Runs sql with up to two integer parameters (bound when the statement has
 * them); YK_ENOTFOUND when nothing changed and must_change. */
int training__exec(struct store *db, const char *sql, int64_t a, int64_t b, int must_change) YK_WUR;
/* First column of a one-row query, or -1 on error. */
int64_t training__int(struct store *db, const char *sql, int64_t a, int64_t b);
/* audit_record with a detail object built from printf arguments. */
int training__audit(struct store *db, const struct audit_actor *actor, const char *action,
		    int64_t target_id, const char *fmt, ...) YK_WUR YK_PRINTF(5, 6);
/* Checks a required/optional UTF-8 text field; YK_EINVAL with the field. */
int training__text(const char *s, size_t max, int required, const char *field, const char *label,
		   struct yk_errinfo *ei) YK_WUR;
/* The first column of every row of st (prepared and bound by the caller)
 * into an owned array (*ids, *n); finalizes st. */
int training__ids(struct store *db, sqlite3_stmt *st, int64_t **ids, size_t *n) YK_WUR;
/* Where the list functions deliver their rows: the caller's callback
 * (one of them set) and its context. */
struct training__sink {
	void *ctx;
	int (*cert)(void *ctx, const struct training_cert *c);
	int (*subsidy)(void *ctx, const struct training_subsidy *s);
	int (*member)(void *ctx, const struct training_series_member *m);
};
/* Loads the roster (without users) and runs sql with ?1 bound to a,
 * calling row for every result row with the person of staff id column
 * person_col (NULL when not on the roster); a non-zero return of row stops
 * and is returned. The one shape of the list functions that join rows to
 * people. */
typedef int (*training__row_fn)(const struct training__sink *k, const struct training__person *p,
				sqlite3_stmt *st);
int training__roster_rows(struct store *db, const char *sql, int64_t a, int person_col,
			  training__row_fn row, const struct training__sink *k) YK_WUR;
/* The start of an all-or-nothing import of n rows: YK_ELIMIT past
 * TRAINING_IMPORT_ROWS_MAX, else the roster loaded into ro and a
 * transaction begun (on error neither is left to release). */
int training__import_begin(struct store *db, size_t n, const char *file,
			   struct training__roster *ro, struct yk_errinfo *ei) YK_WUR;
/* Reads session_id into an owned *s (free()) and loads the roster (without
 * users) into ro; on error neither is left to release. */
int training__session_roster(struct store *db, int64_t session_id, struct training_session **s,
			     struct training__roster *ro, struct yk_errinfo *ei) YK_WUR;
/* Inside the caller's transaction: moves the waiting list of session_id
 * up, first come first served, while the capacity and the quotas leave
 * room; audits each move "training.promote" with reason ("capacity",
 * "quota") and appends it to moved (may be NULL). */
int training__advance(struct store *db, const struct audit_actor *actor, int64_t session_id,
		      const char *reason, struct training_promoted *moved,
		      struct yk_errinfo *ei) YK_WUR;
/* Copies column col of st (NULL as "") into out. */
void training__col(sqlite3_stmt *st, int col, char *out, size_t outsz);
/* Today in Japan time. */
void training__today(char out[11]);

#endif
