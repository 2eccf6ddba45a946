/* Internal helpers shared by the auth module's files. Not part of the
 * module's contract (that is auth.h). */
#ifndef YK_AUTH_INT_H
#define YK_AUTH_INT_H

#include <jansson.h>
#include <sqlite3.h>

#include "auth/auth.h"

/* Field checks; 0 or YK_EINVAL with a Japanese message and ei->field. */
int auth__check_login(const char *login, struct yk_errinfo *ei);
int auth__check_name(const char *name, const char *field, const char *label, size_t max,
		     struct yk_errinfo *ei);
int auth__check_email(const char *email, struct yk_errinfo *ei);

/* Ensures a department path inside the caller's transaction; *created is
 * incremented for each department made. */
int auth__dept_ensure_tx(struct store *db, const struct audit_actor *actor, const char *path,
			 int64_t *id, size_t *created, struct yk_errinfo *ei);

/* How many session checks on db's connection the session cache answered
 * (auth_session.c), for the tests. */
uint64_t auth__session_cache_hits(struct store *db);

/* Ends every session of user except keep_session_id (0 = all). */
int auth__sessions_end(struct store *db, int64_t user_id, int64_t keep_session_id,
		       struct yk_errinfo *ei);

/* Parses a whole roster file into an owned array of rows (auth_staff with
 * id = the row's line); on any problem nothing is returned, res and ei say
 * why. */
int auth__roster_collect(const char *bytes, size_t len, const char *filename,
			 struct auth_roster_result *res, struct auth_staff **rows, size_t *n,
			 struct yk_errinfo *ei);

/* Creates a password-less or password user linked to a roster entry inside
 * the caller's transaction (no audit). hash NULL = SSO only. */
int auth__user_insert_tx(struct store *db, const char *login, const char *name,
			 const char *email, int64_t dept_id, int64_t staff_id, const char *hash,
			 unsigned roles, int64_t *id, struct yk_errinfo *ei);

/* Number of enabled admins other than user id (0: none besides). */
int auth__other_admins(struct store *db, int64_t id, int64_t *n);

/* Directory login: the account of the current roster entry employee_no
 * (found, linked or created), in its own transaction. YK_ENOTFOUND when
 * the number is not current staff. */
int auth__ldap_user(struct store *db, const char *employee_no, const char *ip,
		    struct auth_user *out, struct yk_errinfo *ei);

#endif
