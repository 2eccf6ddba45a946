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

/* Ends every session of user except keep_session_id (0 = all). */
int auth__sessions_end(struct store *db, int64_t user_id, int64_t keep_session_id,
		       struct yk_errinfo *ei);

#endif
