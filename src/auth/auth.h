/* auth: users, roles, departments, staff roster, passwords, sessions, CSRF,
 * login throttling and the audit log.
 *
 * Feature module: depends on core and store, owns the tables departments,
 * staff, users, user_roles, sessions, login_failures and audit_log (see
 * src/store/migrations/0001_foundation.sql). Knows nothing of HTTP: the api
 * layer passes in the caller's address and cookie token as strings.
 *
 * Every function that changes something takes a struct audit_actor (who does
 * it, from where) and writes the audit log entry in the same transaction as
 * the change, so an acknowledged change always has its audit line.
 *
 * Thread safety: functions are reentrant; each call uses only the store
 * connection it is given (one per thread).
 */
#ifndef YK_AUTH_H
#define YK_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "audit/audit.h"
#include "core/core.h"
#include "ingest/ingest.h"
#include "store/store.h"

/* ---- limits ------------------------------------------------------------ */

#define AUTH_LOGIN_MAX 64         /* bytes; [A-Za-z0-9._@-] */
#define AUTH_NAME_MAX 200         /* bytes, UTF-8 display name */
#define AUTH_EMAIL_MAX 254
#define AUTH_PASSWORD_MAX 256     /* bytes */
#define AUTH_DEPT_PATH_MAX 400    /* bytes, "市民部/市民課" */
#define AUTH_DEPT_DEPTH_MAX 6     /* levels in a department path */
#define AUTH_EMPLOYEE_NO_MAX 32
#define AUTH_TOKEN_LEN 43         /* base64url of 32 random bytes */
#define AUTH_CSRF_LEN 43
#define AUTH_ROSTER_MAX_BYTES (16u << 20)
#define AUTH_ROSTER_MAX_ROWS 100000
#define AUTH_ROSTER_MAX_FIELDS 32   /* columns in one row */
#define AUTH_ROSTER_FIELD_MAX 4096  /* bytes in one cell */
#define AUTH_ONE_TIME_PASSWORD_LEN 16

/* ---- roles ------------------------------------------------------------- */

/* Roles are bits so that a user may hold several and a route may allow
 * several. */
enum auth_role {
	AUTH_ROLE_ADMIN = 1u << 0,       /* users, settings, audit log */
	AUTH_ROLE_EDITOR = 1u << 1,      /* knowledge base, templates, training, reports */
	AUTH_ROLE_STAFF = 1u << 2,       /* use the assistant, own stress check */
	AUTH_ROLE_IMPLEMENTER = 1u << 3, /* 実施者: individual stress-check results */
	AUTH_ROLE_HEAD = 1u << 4,        /* 所属長: own department's 活用状況, 研修 nominations */
};
#define AUTH_ROLE_LAST AUTH_ROLE_HEAD    /* for loops over the bits */
#define AUTH_ROLE_ALL                                                                      \
	(AUTH_ROLE_ADMIN | AUTH_ROLE_EDITOR | AUTH_ROLE_STAFF | AUTH_ROLE_IMPLEMENTER |        \
	 AUTH_ROLE_HEAD)

/* "admin", "editor", "staff", "implementer", "head" for one bit; NULL otherwise. */
const char *auth_role_name(unsigned role);
/* Parses one role name; YK_EINVAL when unknown. */
int auth_role_parse(const char *name, unsigned *role) YK_WUR;
/* Parses "admin,editor" (comma-separated); YK_EINVAL names the bad part. */
int auth_roles_parse(const char *list, unsigned *roles, struct yk_errinfo *ei) YK_WUR;

/* ---- users ------------------------------------------------------------- */

/* A user as read from the database (value type, all strings inline). */
struct auth_user {
	int64_t id;
	char login[AUTH_LOGIN_MAX + 1];
	char display_name[AUTH_NAME_MAX + 1];
	char email[AUTH_EMAIL_MAX + 1];
	int64_t department_id;                   /* 0 = none */
	char department_path[AUTH_DEPT_PATH_MAX + 1];
	unsigned roles;                          /* enum auth_role bits */
	int must_change_password;
	int disabled;
	int sso_only;                            /* no password set */
	int64_t created_at;
};

/* What a new user is made from; strings borrowed for the call. */
struct auth_user_spec {
	const char *login;
	const char *display_name;
	const char *email;           /* NULL or "" for none */
	const char *department_path; /* NULL or "" for none; must exist */
	unsigned roles;              /* at least one */
};

/* Creates a user with a generated one-time password (must be changed at
 * first login), written NUL-terminated to otp (>= AUTH_ONE_TIME_PASSWORD_LEN+1
 * bytes). Validates every field (YK_EINVAL, ei->field names it); an existing
 * login is YK_ECONFLICT. Audit: "user.create". */
int auth_user_create(struct store *db, const struct audit_actor *actor,
		     const struct auth_user_spec *spec, char *otp, size_t otpsz,
		     int64_t *id, struct yk_errinfo *ei) YK_WUR;

int auth_user_get(struct store *db, int64_t id, struct auth_user *out) YK_WUR;
/* Login names compare case-insensitively. YK_ENOTFOUND when absent. */
int auth_user_find(struct store *db, const char *login, struct auth_user *out) YK_WUR;

/* Calls fn for every user ordered by login; stops early when fn returns
 * non-zero (that value is returned). */
int auth_user_list(struct store *db, int (*fn)(void *ctx, const struct auth_user *u),
		   void *ctx) YK_WUR;

/* Changes name, e-mail, department and roles (spec->login must match the
 * user's login or be NULL). Removing the last enabled admin's admin role is
 * refused (YK_ECONFLICT). Audit: "user.update" with the old and new roles. */
int auth_user_update(struct store *db, const struct audit_actor *actor, int64_t id,
		     const struct auth_user_spec *spec, struct yk_errinfo *ei) YK_WUR;

/* Disables or enables a user; disabling ends their sessions. Disabling the
 * last enabled admin is refused (YK_ECONFLICT). Audit: "user.disable" /
 * "user.enable". */
int auth_user_set_disabled(struct store *db, const struct audit_actor *actor, int64_t id,
			   int disabled, struct yk_errinfo *ei) YK_WUR;

/* Sets a new one-time password (returned in otp), forces a change at next
 * login and ends the user's sessions. Audit: "user.reset_password". */
int auth_user_reset_password(struct store *db, const struct audit_actor *actor, int64_t id,
			     char *otp, size_t otpsz, struct yk_errinfo *ei) YK_WUR;

/* The user changes their own password: checks the current one (YK_EAUTH),
 * the policy (YK_EINVAL: minimum length from setting password_min_length,
 * not equal to the login, not the current password), stores the Argon2id
 * hash and clears must_change_password. Other sessions of the user end.
 * Audit: "user.change_password". */
int auth_user_change_password(struct store *db, const struct audit_actor *actor, int64_t id,
			      const char *current, const char *next,
			      struct yk_errinfo *ei) YK_WUR;

/* As auth_user_change_password, but the session keep_session_id (the one
 * the user is changing the password from) stays open; every other session
 * of the user ends. Used by the web UI's forced password change. */
int auth_user_change_password_keep(struct store *db, const struct audit_actor *actor, int64_t id,
				   const char *current, const char *next, int64_t keep_session_id,
				   struct yk_errinfo *ei) YK_WUR;

/* ---- passwords (Argon2id, libargon2) ---------------------------------- */

#define AUTH_ARGON2_T_COST 2
#define AUTH_ARGON2_M_COST_KIB 19456 /* 19 MiB (OWASP 2023 baseline) */
#define AUTH_ARGON2_PARALLELISM 1
#define AUTH_PASSWORD_HASH_MAX 160

/* Encoded "$argon2id$v=19$m=...,t=...,p=...$salt$hash" into out. */
int auth_password_hash(const char *password, char *out, size_t outsz) YK_WUR;
/* 1 when password matches encoded, 0 otherwise (also on malformed input). */
int auth_password_verify(const char *encoded, const char *password);
/* Random password from an unambiguous alphabet (no 0/O, 1/l/I). */
void auth_password_generate(char *out, size_t len_plus_nul);

/* ---- sessions ---------------------------------------------------------- */

struct auth_session {
	int64_t id;
	struct auth_user user;
	char csrf[AUTH_CSRF_LEN + 1];
	int64_t created_at;
	int64_t expires_at;     /* absolute expiry */
	int64_t idle_expires_at;
};

/* Checks login + password and opens a session. The cookie token (random
 * 256 bits, base64url) goes to token (>= AUTH_TOKEN_LEN+1 bytes); only its
 * SHA-256 is stored. Errors: YK_EAUTH (unknown login or wrong password: the
 * same error and roughly the same time either way), YK_EDISABLED,
 * YK_ERATE (too many failures for this login from this address, or from
 * this address, within login_lockout_minutes: see auth_throttle_begin),
 * YK_EDIRECTORY (directory login is on and the directory cannot be reached
 * or its settings are incomplete; the attempt still counts in the
 * throttle). A session of a user who must change the password
 * is still opened; auth_session_lookup reports must_change_password and the
 * api refuses everything but the password change. Audit: "login" or
 * "login.failed" (with the reason, never the password). */
int auth_login(struct store *db, const char *login, const char *password, const char *ip,
	       char *token, size_t tokensz, struct auth_session *out,
	       struct yk_errinfo *ei) YK_WUR;

/* Opens a session for a user vouched for by the trusted SSO proxy. An
 * unknown login whose value matches a roster employee number (or e-mail)
 * creates a user with role staff from the roster; otherwise YK_EAUTH. An
 * admin gets YK_EFORBIDDEN unless the setting sso_allow_admin is on (and a
 * session SSO opened stops working for a user who became admin). Audit: "login.sso" (and "user.create" when provisioned). */
int auth_login_sso(struct store *db, const char *login, const char *ip, char *token,
		   size_t tokensz, struct auth_session *out, struct yk_errinfo *ei) YK_WUR;

/* Resolves a cookie token: YK_EAUTH when unknown, expired (idle or
 * absolute) or the user is disabled. Refreshes the idle expiry (written at
 * most once a minute to keep reads cheap). */
int auth_session_lookup(struct store *db, const char *token, struct auth_session *out) YK_WUR;

/* The newest live session that SSO opened for login (case-insensitive), as
 * auth_session_lookup resolves it: so that cookieless requests from the
 * trusted proxy reuse one session per user instead of opening one each.
 * YK_EAUTH when there is none (or it may not be used: see sso_allow_admin). */
int auth_session_sso_find(struct store *db, const char *login, struct auth_session *out) YK_WUR;

/* Ends the session of token without an audit row (a browser that logs in
 * again replaces its session). 0 also when there was no such session;
 * YK_EAUTH when token is not shaped like one. */
int auth_session_end(struct store *db, const char *token) YK_WUR;

/* Timer work: deletes expired sessions (idle or absolute) and login
 * failures older than the lockout window. */
int auth_housekeeping(struct store *db) YK_WUR;

/* ---- login throttling ----------------------------------------------------
 *
 * Attempts are throttled per (scope, name, client address) and per client
 * address: past login_max_failures (resp. login_max_failures_ip) failures
 * within login_lockout_minutes, each attempt waits AUTH_THROTTLE_DELAY
 * seconds, doubling with each further failure, at most the window. Nobody
 * can slow down an account from another address. Names are stored only as
 * a keyed digest. auth_login uses scope "login"; the api uses "password"
 * for the current-password check of /me/password. */
#define AUTH_THROTTLE_DELAY 30 /* seconds, first delay past the threshold */

struct auth_attempt {
	char pair_key[128];
	int64_t pair_row, addr_row; /* the reservation rows */
	int64_t retry_after;        /* seconds, set with YK_ERATE */
};

/* Counts one attempt before the secret is checked, atomically with the
 * check of the limits (parallel attempts cannot all pass a stale count).
 * YK_ERATE (retry_after and a Japanese message set) when it must wait. */
int auth_throttle_begin(struct store *db, const char *scope, const char *name, const char *ip,
			struct auth_attempt *out, struct yk_errinfo *ei) YK_WUR;
/* The secret was right (succeeded): the pair's failures are forgotten and
 * the address's reservation taken back. A failure keeps the reservation. */
void auth_throttle_end(struct store *db, const struct auth_attempt *a, int succeeded);

/* Ends the session of token. Audit: "logout". */
int auth_logout(struct store *db, const struct audit_actor *actor, const char *token) YK_WUR;

/* 1 when token equals the session's CSRF token (constant time). */
int auth_csrf_ok(const struct auth_session *s, const char *token);

/* ---- departments ------------------------------------------------------- */

struct auth_department {
	int64_t id;
	int64_t parent_id; /* 0 = top level */
	char name[AUTH_NAME_MAX + 1];
	char path[AUTH_DEPT_PATH_MAX + 1];
	int64_t staff_count; /* roster entries directly in this department */
	int64_t user_count;
	int64_t display_order;     /* 0..AUTH_DEPT_ORDER_MAX; siblings sort by it, then name */
	int64_t total_staff_count; /* roster entries here and in every department below */
	int64_t total_user_count;
	int64_t child_count;       /* departments directly below */
};

/* Normalises and checks a path: parts separated by "/" (full-width "／"
 * accepted), each trimmed and non-empty, at most AUTH_DEPT_DEPTH_MAX parts.
 * Writes the canonical form ("市民部/市民課") to out. */
int auth_dept_path_normalize(const char *path, size_t len, char *out, size_t outsz,
			     struct yk_errinfo *ei) YK_WUR;
/* Creates the department and any missing parents; an existing path is not
 * an error (its id is returned). Audit: "dept.create" per new department. */
int auth_dept_ensure(struct store *db, const struct audit_actor *actor, const char *path,
		     int64_t *id, struct yk_errinfo *ei) YK_WUR;
int auth_dept_find(struct store *db, const char *path, struct auth_department *out) YK_WUR;
/* Ordered by path (parents before children). */
int auth_dept_list(struct store *db, int (*fn)(void *ctx, const struct auth_department *d),
		   void *ctx) YK_WUR;
/* Renames the last part of a department's path (children follow).
 * Audit: "dept.rename". */
int auth_dept_rename(struct store *db, const struct audit_actor *actor, int64_t id,
		     const char *new_name, struct yk_errinfo *ei) YK_WUR;
/* Removes an empty department (no children, staff or users; otherwise
 * YK_ECONFLICT saying what is still there). Audit: "dept.delete". */
int auth_dept_delete(struct store *db, const struct audit_actor *actor, int64_t id,
		     struct yk_errinfo *ei) YK_WUR;

#define AUTH_DEPT_ORDER_MAX 9999
/* Sets the display order of a department among its siblings (0..
 * AUTH_DEPT_ORDER_MAX; YK_EINVAL outside, YK_ENOTFOUND for no such id).
 * Audit: "dept.order" with from / to. */
int auth_dept_set_order(struct store *db, const struct audit_actor *actor, int64_t id,
			int64_t display_order, struct yk_errinfo *ei) YK_WUR;

/* Department heads (所属長): a user holding AUTH_ROLE_HEAD acts for their
 * own department and every department below it, and for nothing else.
 * auth_head_scope sets *path to that department's path (borrowed from u)
 * and returns 1; it returns 0 (path NULL) when u has no head role or no
 * department: such a user has no head scope at all. */
int auth_head_scope(const struct auth_user *u, const char **path);
/* 1 when dept_path is scope_path or a department below it ("市民部" covers
 * "市民部/市民課" but not "市民部2"); 0 otherwise, and for NULL or "". */
int auth_dept_within(const char *dept_path, const char *scope_path);

/* ---- staff roster ------------------------------------------------------ */

/* Roster tiers (DX区分; the column 役割 of older files is the same). */
#define AUTH_TIER_EXECUTIVE "幹部"
#define AUTH_TIER_DX_LEADER "DX推進リーダー"
#define AUTH_TIER_GENERAL "一般職員"

struct auth_staff {
	int64_t id;
	char employee_no[AUTH_EMPLOYEE_NO_MAX + 1];
	char name[AUTH_NAME_MAX + 1];
	char department_path[AUTH_DEPT_PATH_MAX + 1];
	char tier[32];
	char email[AUTH_EMAIL_MAX + 1];
	int64_t left_at; /* 0 = current staff; else when they left the roster */
};

/* The outcome of a roster import. problems holds every problem with the
 * line where its row starts (src/ingest/ingest.h; show them with
 * ingest_problem_format(file, ...)). Messages name columns as the file
 * does and carry no personal data beyond what the file says of itself. */
struct auth_roster_result {
	char file[256];
	size_t rows;              /* data rows read */
	size_t inserted, updated, unchanged;
	size_t departments_created;
	struct ingest_problems problems;
};

/* One parsed roster row; strings point into parser-owned memory valid
 * during the callback only. */
struct auth_roster_row {
	long line;
	const char *employee_no, *name, *department_path, *tier, *email;
};

/* Pure parser (no I/O, no globals, no NUL termination assumed) on the
 * import unit (ingest_table): UTF-8 or CP932, with or without BOM; CSV, or
 * TSV when filename ends in ".tsv"; the header row maps English names
 * employee_no,name,department,tier,email or Japanese 職員番号,氏名,所属,
 * DX区分,メール (also 名前, 部署, 区分, 役割 (older files), メールアドレス); unknown columns are a
 * problem naming them. Each row is validated (required fields, tier one of
 * the three, e-mail shape, department path, duplicate employee numbers).
 * fn is called for each valid row while no problem has been found. Every
 * problem goes to res->problems; returns YK_EPARSE if there was any, so the
 * caller stores nothing. YK_ELIMIT past the AUTH_ROSTER_MAX_* limits. */
int auth_roster_parse(const char *bytes, size_t len, const char *filename,
		      int (*fn)(void *ctx, const struct auth_roster_row *row), void *ctx,
		      struct auth_roster_result *res) YK_WUR;

/* Parses and, only if the whole file is valid, upserts every row by
 * employee number in one transaction (creating departments as needed).
 * On any error nothing is stored and res lists the errors.
 * Audit: "staff.import" with the counts. */
int auth_roster_import(struct store *db, const struct audit_actor *actor, const char *bytes,
		       size_t len, const char *filename, struct auth_roster_result *res,
		       struct yk_errinfo *ei) YK_WUR;

/* Current roster entries (staff who left are not listed), ordered by
 * department path then employee number; query (may be NULL) filters by
 * substring of name, number or department. */
int auth_staff_list(struct store *db, const char *query, int64_t offset, int64_t limit,
		    int (*fn)(void *ctx, const struct auth_staff *s), void *ctx,
		    int64_t *total) YK_WUR;

/* ---- roster sync (人事異動) ---------------------------------------------- */

/* The full roster replaces the current one: people missing from the file
 * have left (退職・転出) and are retired, not deleted: the row stays with
 * left_at set, for history and reports, and their linked accounts are
 * disabled with their sessions ended. A transfer moves the person and every
 * account linked to them (users.staff_id) to the new department; usage
 * already recorded keeps the department of the time of use. */

#define AUTH_STAFF_INCLUDE_LEFT 1u /* auth_staff_query: list those who left too */

/* As auth_staff_list, with flags (AUTH_STAFF_INCLUDE_LEFT); s->left_at
 * tells who left. */
int auth_staff_query(struct store *db, const char *query, unsigned flags, int64_t offset,
		     int64_t limit, int (*fn)(void *ctx, const struct auth_staff *s), void *ctx,
		     int64_t *total) YK_WUR;

enum auth_sync_kind {
	AUTH_SYNC_NEW = 1,      /* not on the roster before */
	AUTH_SYNC_RETURNED = 2, /* had left, is on the file again */
	AUTH_SYNC_CHANGED = 3,  /* department, tier, name or e-mail differ */
	AUTH_SYNC_GONE = 4,     /* current staff missing from the file: retired */
};

/* What changed for a AUTH_SYNC_CHANGED (or RETURNED) entry. */
#define AUTH_SYNC_DEPT 1u
#define AUTH_SYNC_TIER 2u
#define AUTH_SYNC_NAME 4u
#define AUTH_SYNC_EMAIL 8u

/* One difference between the database and the file (value type). old_*
 * hold the database's values (empty for NEW), the others the file's
 * (the database's for GONE). */
struct auth_sync_change {
	enum auth_sync_kind kind;
	unsigned what;          /* AUTH_SYNC_* bits */
	long line;              /* line of the file; 0 for GONE */
	char employee_no[AUTH_EMPLOYEE_NO_MAX + 1];
	char name[AUTH_NAME_MAX + 1], old_name[AUTH_NAME_MAX + 1];
	char department[AUTH_DEPT_PATH_MAX + 1], old_department[AUTH_DEPT_PATH_MAX + 1];
	char tier[32], old_tier[32];
	char email[AUTH_EMAIL_MAX + 1], old_email[AUTH_EMAIL_MAX + 1];
	int64_t accounts;       /* enabled accounts linked to this person */
};

#define AUTH_SYNC_FINGERPRINT_LEN 16 /* hex characters */

/* The outcome of auth_roster_sync. Release with auth_roster_sync_release. */
struct auth_roster_sync {
	struct auth_roster_result parse; /* file, rows, problems */
	size_t added, returned, changed, gone, unchanged;
	size_t transfers;                /* changes with AUTH_SYNC_DEPT */
	size_t departments_created;      /* (to be) created */
	size_t accounts_disabled, accounts_moved;
	int applied;
	/* Identifies this exact set of changes (hex of SHA-256 over them), so
	 * that an apply can insist on the preview the admin saw. */
	char fingerprint[AUTH_SYNC_FINGERPRINT_LEN + 1];
	struct auth_sync_change *changes; /* owned; file order, then GONE by number */
	size_t nchanges;
};

/* Compares the full roster in bytes (same format as auth_roster_import)
 * with the database. With apply == 0 it is a preview: nothing is written.
 * With apply != 0 every change is made in one transaction with an audit
 * row "staff.sync" (counts and the employee numbers concerned) and
 * "user.disable" for each account disabled. expect (NULL or "") is a
 * fingerprint from a preview: when it differs from this sync's, nothing is
 * written and YK_ECONFLICT says the roster changed since the preview.
 * Refused (nothing written, YK_EPARSE, problems in out->parse.problems or
 * ei): a file with any problem, a file without any staff, a retirement
 * that would disable the last enabled admin (YK_ECONFLICT). The refusal is
 * audit-logged ("staff.sync.refused") when apply was asked for. */
int auth_roster_sync(struct store *db, const struct audit_actor *actor, const char *bytes,
		     size_t len, const char *filename, int apply, const char *expect,
		     struct auth_roster_sync *out, struct yk_errinfo *ei) YK_WUR;
void auth_roster_sync_release(struct auth_roster_sync *s);

/* ---- accounts from the roster -------------------------------------------- */

#define AUTH_ACCOUNTS_BATCH_MAX 5000 /* accounts made in one call */

/* Which roster entries get an account: the listed employee numbers and/or
 * every current staff member of department (a path) and everything under
 * it. Strings borrowed for the call. */
struct auth_accounts_request {
	const char *const *employee_nos; /* may be NULL */
	size_t n_employee_nos;
	const char *department;          /* NULL or "" for none */
	unsigned roles;                  /* 0 = staff */
	int sso_only;                    /* no password: needs sso_enabled or ldap_enabled */
};

/* One line of the sheet handed out (value type). */
struct auth_account_issued {
	char employee_no[AUTH_EMPLOYEE_NO_MAX + 1];
	char name[AUTH_NAME_MAX + 1];
	char department[AUTH_DEPT_PATH_MAX + 1];
	char email[AUTH_EMAIL_MAX + 1];
	char login[AUTH_LOGIN_MAX + 1];
	char one_time_password[AUTH_ONE_TIME_PASSWORD_LEN + 1]; /* "" when sso_only or skipped */
	int created;            /* 0: skipped, see skipped_reason */
	char skipped_reason[160];
};

struct auth_accounts_result {
	size_t created, skipped;
	struct auth_account_issued *items; /* owned; release wipes the passwords */
	size_t n;
};

/* Creates accounts (login = employee number, display name, e-mail and
 * department from the roster, linked to the entry so that they follow
 * transfers) in one transaction, with one-time passwords unless sso_only.
 * Staff who already have an account (linked, or login = employee number)
 * are skipped and listed. An unknown or retired employee number, an
 * unknown department or an empty selection is YK_EINVAL / YK_ENOTFOUND;
 * more than AUTH_ACCOUNTS_BATCH_MAX is YK_ELIMIT. Audit: "user.create"
 * (via roster) per account. */
int auth_accounts_from_roster(struct store *db, const struct audit_actor *actor,
			      const struct auth_accounts_request *req,
			      struct auth_accounts_result *out, struct yk_errinfo *ei) YK_WUR;
void auth_accounts_result_release(struct auth_accounts_result *r);

/* ---- users from a CSV file ----------------------------------------------- */

#define AUTH_USERS_CSV_MAX_BYTES (4u << 20)

/* One parsed row of a users file; strings point into parser-owned memory
 * valid during the callback only. roles is 0 when the cell is empty. */
struct auth_users_row {
	long line;
	const char *login, *name, *department_path, *email, *employee_no;
	unsigned roles;
};

/* Pure parser (no I/O, no globals) on the import unit: header row with
 * login,name,department,roles,email,employee_no or ログイン名,氏名,所属,
 * 権限,メール,職員番号 (ログイン名 and 氏名 required; 権限 is a list such as
 * "staff,editor", empty = staff). Each row is checked (login shape and
 * repeats in the file, name, e-mail, department path, 権限). fn sees each
 * valid row while no problem has been found; returns YK_EPARSE when any
 * (all in res->problems). */
int auth_users_csv_parse(const char *bytes, size_t len, const char *filename,
			 int (*fn)(void *ctx, const struct auth_users_row *row), void *ctx,
			 struct auth_roster_result *res) YK_WUR;

/* Creates every account of a users file in one transaction, or none: a
 * login already taken, a department that does not exist or an employee
 * number that is not current staff is a problem at its line (in
 * res->problems, YK_EPARSE). With an employee number the account is linked
 * to the roster entry (and takes its department when the row has none).
 * One-time passwords as auth_accounts_from_roster (none with sso_only,
 * which needs sso_enabled or ldap_enabled). Audit: "user.create" (via
 * import) per account, "users.import" with the count. */
int auth_users_import(struct store *db, const struct audit_actor *actor, const char *bytes,
		      size_t len, const char *filename, int sso_only,
		      struct auth_accounts_result *out, struct auth_roster_result *res,
		      struct yk_errinfo *ei) YK_WUR;

/* ---- directory login (LDAP / Active Directory) ----------------------------- */

/* With the setting ldap_enabled, auth_login also accepts the directory
 * password: a login whose local password does not match is tried by an
 * LDAP simple bind (OpenLDAP libldap; ldaps:// or StartTLS with the CA file
 * of ldap_ca_file, certificates always verified). The bind DN comes from
 * ldap_bind_dn_pattern ("{login}@city.local", "uid={login},ou=...") or,
 * when that is empty, from a search under ldap_search_base with
 * ldap_search_filter (exactly one entry), bound as ldap_search_bind_dn or
 * anonymously. The entry's ldap_employee_attr (or the login itself when the
 * entry has none) is the employee number, which must be current staff on
 * the roster: the session is then opened for the account linked to that
 * roster entry (or whose login is the employee number), created on first
 * login as a password-less staff account following the roster. An empty
 * password is never sent (it would be an anonymous bind). Audit: "login"
 * with "via": "ldap"; failures as "login.failed" with reasons
 * "directory_rejected", "not_on_roster", "directory_unavailable". */

#define AUTH_LDAP_VALUE_MAX 512 /* bytes of a DN or filter built from a pattern */

/* Pure: pattern with every "{login}" replaced by login, escaped for a DN
 * (RFC 4514: , + " \ < > ; = # at the start, leading/trailing space) when
 * for_filter is 0, or for a search filter (RFC 4515: * ( ) \ NUL) when 1.
 * YK_ELIMIT when out is too small, YK_EINVAL when pattern has no {login}. */
int auth_ldap_expand(const char *pattern, const char *login, int for_filter, char *out,
		     size_t outsz) YK_WUR;

/* Checks login and password against the directory configured in settings.
 * On success writes the employee number found (NUL-terminated) to
 * employee_no. YK_EAUTH: rejected or no such user; YK_EDIRECTORY: the directory
 * cannot be reached (ei says so in Japanese); YK_EINVAL: incomplete
 * settings. Never logs the password. Thread-safe (one LDAP handle per
 * call). */
int auth_ldap_check(struct store *db, const char *login, const char *password, char *employee_no,
		    size_t employee_no_sz, struct yk_errinfo *ei) YK_WUR;

#endif
