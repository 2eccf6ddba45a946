/* audit: the audit log, usable by every module that changes something,
 * without depending on passwords, sessions or any feature.
 *
 * Foundation module: depends on core and store, owns the table audit_log
 * (created by migration 0001_foundation.sql). auth, kb, qa, ws and the
 * features after them record their changes here; the api layer lists and
 * exports the log for admins.
 *
 * Who acted travels as a struct audit_actor, filled by the front-end: the
 * api layer from the session (user id, login) and the request (client
 * address), the CLI as {0, "cli", NULL}. Feature functions take it as
 * `const struct audit_actor *actor` and pass it down unchanged.
 *
 * Same transaction: audit_record() writes on the connection it is given.
 * Call it inside the transaction of the change it records (between
 * store_begin and store_commit), so that an acknowledged change always has
 * its audit row and a rolled-back change has none.
 *
 * Thread safety: functions are reentrant; each call uses only the store
 * connection it is given (one per thread, see store.h).
 */
#ifndef YK_AUDIT_H
#define YK_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "store/store.h"

struct json_t; /* jansson's json_t, for audit_record_json */

/* ---- limits ------------------------------------------------------------- */

#define AUDIT_LOGIN_MAX 64      /* bytes of the actor's login kept */
#define AUDIT_ACTION_MAX 63     /* bytes of an action: [a-z0-9_.] */
#define AUDIT_TARGET_MAX 255    /* bytes of a target */
#define AUDIT_DETAIL_MAX 4000   /* bytes of a detail */
#define AUDIT_ADDRESS_MAX 63    /* bytes of a client address */
#define AUDIT_LIST_MAX 1000     /* entries per audit_list page */

/* ---- who is acting ------------------------------------------------------ */

/* A value type; strings are borrowed for the call that receives it. */
struct audit_actor {
	int64_t user_id;     /* users.id; 0 for the CLI / system */
	const char *login;   /* "cli" or "system" when user_id is 0; NULL = "system" */
	const char *address; /* client IP address; NULL for the CLI */
};

/* ---- recording ---------------------------------------------------------- */

/* Appends one row: now, the actor (NULL = "system"), action ("user.create",
 * "kb.import": lower-case ASCII, digits, '_' and '.'), target (what was
 * acted on, e.g. a login or file name; NULL for none) and detail (NULL,
 * or text / a JSON object text; UTF-8). detail must never hold passwords,
 * tokens, or personal data beyond the target's name.
 * Errors: YK_EINVAL for an action, target or detail past its limit or not
 * valid UTF-8 (ei says which); store errors as mapped by store_err. */
int audit_record(struct store *db, const struct audit_actor *actor, const char *action,
		 const char *target, const char *detail, struct yk_errinfo *ei) YK_WUR;

/* The same with the detail given as a jansson object, which is consumed
 * (json_decref'd, also on error; NULL for none) and stored as compact JSON
 * with sorted keys. */
int audit_record_json(struct store *db, const struct audit_actor *actor, const char *action,
		      const char *target, struct json_t *detail, struct yk_errinfo *ei) YK_WUR;

/* ---- the actions ---------------------------------------------------------- */

/* Every action is listed once, with its Japanese label, in
 * src/audit/actions.def: the writers' codes and the labels the 監査ログ
 * page and the CSV export show come from that one table. audit_record()
 * accepts an unlisted action (a row is never lost over a label) but logs a
 * warning; test_audit fails on an action-shaped string in src/ that is not
 * listed. */

/* The label of action (static storage), or NULL when it is not listed. */
const char *audit_action_label(const char *action);
/* Number of listed actions; audit_action_at(i) for i below it gives the
 * i-th code and label in table order (static storage), or 0 past it. */
size_t audit_action_count(void);
int audit_action_at(size_t i, const char **code, const char **label);

/* ---- reading ------------------------------------------------------------ */

/* One row as read (value type, strings inline and NUL-terminated; longer
 * stored values are cut). */
struct audit_entry {
	int64_t id;
	int64_t at;                           /* Unix seconds (UTC) */
	int64_t user_id;                      /* 0 = CLI / system */
	char actor[AUDIT_LOGIN_MAX + 1];
	char action[AUDIT_ACTION_MAX + 1];
	char target[AUDIT_TARGET_MAX + 1];    /* "" when none */
	char detail[AUDIT_DETAIL_MAX + 1];    /* "" when none */
	char address[AUDIT_ADDRESS_MAX + 1];  /* "" when none */
};

/* Newest first. action_prefix (NULL = all) filters by action or action
 * family ("login" matches "login" and "login.failed", not "loginx");
 * before_id > 0 pages backwards (entries with a smaller id); limit is
 * 1..AUDIT_LIST_MAX (others: 100). fn is called per entry (borrowed for
 * the call); a non-zero return stops and is returned. */
int audit_list(struct store *db, const char *action_prefix, int64_t before_id, int64_t limit,
	       int (*fn)(void *ctx, const struct audit_entry *e), void *ctx) YK_WUR;

/* The whole log, or the range [from, to) in Unix seconds (0 = open), as
 * CSV appended to out: a header row (番号, 日時, 利用者, 操作, 操作の内容
 * (the action's label, "" for an unlisted one), 対象, 詳細, 接続元), times
 * in Japan Standard Time, UTF-8
 * with BOM so that Excel opens it correctly, every cell quoted and cells
 * that start with = + - @ tab or CR prefixed with ' against formula
 * injection. YK_ELIMIT when out's limit is passed. */
int audit_export_csv(struct store *db, int64_t from, int64_t to, struct yk_buf *out) YK_WUR;

/* ---- retention ------------------------------------------------------------ */

/* Deletes the rows older than before (Unix seconds) in its own
 * transaction, and records how many in an "audit.purge" row (when any).
 * *deleted (may be NULL) gets the count. */
int audit_purge(struct store *db, int64_t before, int64_t *deleted) YK_WUR;

#endif
