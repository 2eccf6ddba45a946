/* training: 人材育成 — study sessions (勉強会) and series, recruitment by
 * department quota or open call with a waiting list, attendance, session
 * surveys (through survey/), certifications with "someone nearby" coverage,
 * fee subsidies, learning materials and newsletters with their reach,
 * tiered curricula, and the before/after usage of attendees (through
 * usage/).
 *
 * Feature module above survey, usage, auth (the roster: staff, departments
 * and users are read through auth's functions, never its tables) and store.
 * Owns the training_* tables of migration 0013_training.sql. Knows nothing
 * of HTTP: api_training.c and the CLI (cmd_training.c, cmd_cert.c,
 * cmd_report_training.c) turn its typed results into JSON or text.
 *
 * People: every registration, attendance, certification and view belongs to
 * a roster entry (staff.id). A login user is matched to the roster by
 * login == 職員番号, else by e-mail (training_staff_of_user).
 *
 * Changes are audited (audit_record, action "training.*") in the same
 * transaction as the change. Days are 'YYYY-MM-DD' (Japan time).
 *
 * Ownership: structs returned through **out are owned by the caller and
 * freed with the matching _free (NULL is a no-op); strings in value structs
 * passed to callbacks are valid during the callback only.
 *
 * Thread safety: reentrant; each call uses only the store connection it is
 * given (one per thread).
 */
#ifndef YK_TRAINING_H
#define YK_TRAINING_H

#include <stddef.h>
#include <stdint.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/core.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "survey/survey.h"
#include "usage/usage.h"

/* ---- limits ------------------------------------------------------------ */

#define TRAINING_TITLE_MAX 200
#define TRAINING_LEVEL_MAX 100
#define TRAINING_PLACE_MAX 200
#define TRAINING_URL_MAX 500
#define TRAINING_DESCRIPTION_MAX 4000
#define TRAINING_BLOCKS_MAX 12          /* curriculum blocks of a session */
#define TRAINING_BLOCK_LABEL_MAX 60
#define TRAINING_INSTRUCTORS_MAX 10
#define TRAINING_INSTRUCTOR_MAX 100
#define TRAINING_TEMPLATES_MAX 50       /* prompt templates handed out */
#define TRAINING_CERT_NAME_MAX 100
#define TRAINING_EVIDENCE_MAX 500
#define TRAINING_IMPORT_ROWS_MAX 20000
#define TRAINING_MATERIAL_MAX (32u << 20) /* bytes of one uploaded file */
#define TRAINING_USAGE_DAYS 30          /* before/after window */

/* Tiers (the roster's 役割), as bits for a session's target tiers. */
enum training_tier {
	TRAINING_TIER_EXECUTIVE = 1u << 0, /* 幹部 */
	TRAINING_TIER_DX_LEADER = 1u << 1, /* DX推進リーダー */
	TRAINING_TIER_GENERAL = 1u << 2,   /* 一般職員 */
};
/* Name of one tier bit (static) or NULL; parse gives YK_EINVAL. */
const char *training_tier_name(unsigned bit);
int training_tier_parse(const char *name, unsigned *bit) YK_WUR;

/* 1 when s (len bytes) is a real calendar day 'YYYY-MM-DD'. Pure. */
int training_day_valid(const char *s, size_t len);

/* ---- sessions ------------------------------------------------------------ */

struct training_block {
	char label[TRAINING_BLOCK_LABEL_MAX + 1];
	int minutes;
};

/* Parses curriculum blocks written as staff write them:
 * "講義 50分 / 休憩 10分 / 実践 60分" (separators '/', '／', ',', '、' or
 * newlines; minutes as the last number of each part, 分 optional). Pure.
 * YK_EINVAL (message names the part) or YK_ELIMIT past
 * TRAINING_BLOCKS_MAX. */
int training_blocks_parse(const char *s, size_t len, struct training_block *out, size_t *n,
			  struct yk_errinfo *ei) YK_WUR;

enum training_recruitment { TRAINING_OPEN, TRAINING_QUOTA };

struct training_session {
	int64_t id;
	int64_t series_id;                       /* 0 = none */
	char title[TRAINING_TITLE_MAX + 1];
	char level[TRAINING_LEVEL_MAX + 1];      /* 初学者向け, 課題解決, or free text */
	char day[11];
	char start_time[6], end_time[6];        /* 'HH:MM' or "" */
	char place[TRAINING_PLACE_MAX + 1];
	char online_url[TRAINING_URL_MAX + 1];
	char description[TRAINING_DESCRIPTION_MAX + 1];
	int64_t capacity;                        /* 0 = no cap */
	enum training_recruitment recruitment;
	struct training_block blocks[TRAINING_BLOCKS_MAX];
	size_t nblocks;
	char instructors[TRAINING_INSTRUCTORS_MAX][TRAINING_INSTRUCTOR_MAX + 1];
	size_t ninstructors;
	unsigned tiers;                          /* enum training_tier bits; 0 = everyone */
	int64_t templates[TRAINING_TEMPLATES_MAX]; /* ws_templates ids handed out */
	size_t ntemplates;
	int64_t pre_survey_id, post_survey_id;  /* 0 = none */
	/* counts, filled when read */
	int64_t registered, waiting, attended;
};

/* The people one call moved up from a waiting list, in the order they
 * moved (first come, first served). staff_ids is owned: release with
 * training_promoted_release (which leaves an empty value). */
struct training_promoted {
	int64_t *staff_ids;
	size_t n;
};
void training_promoted_release(struct training_promoted *p);

/* Creates (s->id == 0) or replaces session s->id from the fields of s
 * (counts ignored). Checks: title, a valid day, times 'HH:MM', lengths,
 * capacity >= 0, series exists (YK_EINVAL with ei->field). *id gets the
 * id. Audit "training.session.create" / ".update". When an update leaves
 * room (a raised or removed capacity), the waiting list moves up in order
 * in the same transaction, each move audited "training.promote"; moved
 * (may be NULL; zeroed first) gets who, in order (the caller releases it,
 * also on error). */
int training_session_save(struct store *db, const struct audit_actor *actor,
			  const struct training_session *s, int64_t *id,
			  struct training_promoted *moved, struct yk_errinfo *ei) YK_WUR;
int training_session_delete(struct store *db, const struct audit_actor *actor, int64_t id,
			    struct yk_errinfo *ei) YK_WUR;
int training_session_get(struct store *db, int64_t id, struct training_session *out,
			 struct yk_errinfo *ei) YK_WUR;
/* Sessions by day then id; from_day (NULL = all) keeps day >= from_day. */
int training_session_list(struct store *db, const char *from_day,
			  int (*fn)(void *ctx, const struct training_session *s), void *ctx) YK_WUR;

/* The session as an iCalendar (RFC 5545) VEVENT in a VCALENDAR, CRLF lines,
 * floating local times (Japan) or an all-day event without times. */
int training_session_ics(const struct training_session *s, const char *host, struct yk_buf *out) YK_WUR;

/* ---- series ------------------------------------------------------------ */

int training_series_create(struct store *db, const struct audit_actor *actor, const char *title,
			   const char *exam, int64_t *id, struct yk_errinfo *ei) YK_WUR;
/* Records a member's exam outcome (took, passed: passed implies took).
 * Audit "training.series.result". */
int training_series_result(struct store *db, const struct audit_actor *actor, int64_t series_id,
			   int64_t staff_id, int took_exam, int passed, struct yk_errinfo *ei) YK_WUR;

struct training_series_info {
	int64_t id;
	char title[TRAINING_TITLE_MAX + 1];
	char exam[TRAINING_CERT_NAME_MAX + 1];
	int64_t sessions, members, took_exam, passed;
};
/* Series by id; members counts the people of training_series_members. */
int training_series_list(struct store *db,
			 int (*fn)(void *ctx, const struct training_series_info *s), void *ctx) YK_WUR;
/* One series; YK_ENOTFOUND when none. */
int training_series_get(struct store *db, int64_t id, struct training_series_info *out,
			struct yk_errinfo *ei) YK_WUR;

/* A member of a series: everyone with an exam outcome recorded and everyone
 * who attended one of its meetings. Strings valid during the callback. */
struct training_series_member {
	int64_t staff_id;
	const char *employee_no, *name, *department;
	int64_t attended;  /* meetings of the series attended */
	int took_exam, passed;
};
/* Members of series_id by staff id. */
int training_series_members(struct store *db, int64_t series_id,
			    int (*fn)(void *ctx, const struct training_series_member *m),
			    void *ctx) YK_WUR;

/* ---- people -------------------------------------------------------------- */

/* The roster entry of a login user: users.login equal to a 職員番号, else
 * the same e-mail (case-insensitive). YK_ENOTFOUND when none. */
int training_staff_of_user(struct store *db, const struct auth_user *u, int64_t *staff_id) YK_WUR;
/* The roster entry with employee number no; YK_ENOTFOUND when none. */
int training_staff_by_number(struct store *db, const char *no, int64_t *staff_id) YK_WUR;

/* ---- recruitment --------------------------------------------------------- */

/* Department quota of a quota session; quota 0 removes the row. The
 * department must exist. Audit "training.quota". A raised quota moves
 * that department's waiting staff up in order as far as the quota and the
 * capacity allow (audit "training.promote" each; moved as for
 * training_session_save). */
int training_quota_set(struct store *db, const struct audit_actor *actor, int64_t session_id,
		       int64_t department_id, int64_t quota, struct training_promoted *moved,
		       struct yk_errinfo *ei) YK_WUR;

struct training_quota_fill {
	int64_t department_id;
	const char *department;  /* path */
	int64_t quota;
	int64_t registered;      /* registered staff of that department */
	int64_t attended;
};
/* Per-department fill against quota, by department path. */
int training_quota_list(struct store *db, int64_t session_id,
			int (*fn)(void *ctx, const struct training_quota_fill *q), void *ctx) YK_WUR;

enum training_reg_status { TRAINING_REGISTERED, TRAINING_WAITING, TRAINING_CANCELLED };
const char *training_reg_status_name(enum training_reg_status s); /* "registered"... */

/* Registers staff_id for a session. nominated_by is the user id of the
 * head or admin who nominates (0 when staff register themselves).
 * Open call: registered while under capacity, else on the waiting list.
 * Quota: only staff of a department with a quota, up to that quota
 * (YK_ECONFLICT "定員（所属の枠）に達しています" past it), and the
 * capacity if set (then the waiting list). Registering again while
 * registered or waiting is YK_ECONFLICT. *status gets the outcome.
 * Audit "training.register". */
int training_register(struct store *db, const struct audit_actor *actor, int64_t session_id,
		      int64_t staff_id, int64_t nominated_by, enum training_reg_status *status,
		      struct yk_errinfo *ei) YK_WUR;
/* Cancels; a freed place goes to the first on the waiting list who may
 * take it (promoted_staff_id gets them, or 0). Audit "training.cancel",
 * and "training.promote" for the one who moved up. */
int training_cancel(struct store *db, const struct audit_actor *actor, int64_t session_id,
		    int64_t staff_id, int64_t *promoted_staff_id, struct yk_errinfo *ei) YK_WUR;

/* One line of a session's roll: the registrations, attendees and (with a
 * query) any staff member matching it, for taking attendance. */
struct training_roll_entry {
	int64_t staff_id;
	const char *employee_no, *name, *department, *tier;
	int has_registration;
	enum training_reg_status status;
	int64_t waiting_position;  /* 1-based on the waiting list, else 0 */
	int attended;
};
/* The registrations (registered, waiting, cancelled) and attendees of a
 * session by department then number; with query, roster entries whose
 * name or number contains it are added (walk-ins). */
int training_roll(struct store *db, int64_t session_id, const char *query,
		  int (*fn)(void *ctx, const struct training_roll_entry *e), void *ctx) YK_WUR;

/* Nomination by a department head (所属長, auth_head_scope): the session
 * must recruit by department quota and staff_id's department must be
 * scope_path or below it (auth_dept_within). 0, or YK_EFORBIDDEN with the
 * reason; YK_ENOTFOUND for no such session. The head then registers
 * through training_register with nominated_by, so the quota holds as for
 * anyone. */
int training_nominee_check(struct store *db, int64_t session_id, int64_t staff_id,
			   const char *scope_path, struct yk_errinfo *ei) YK_WUR;
/* The people a head (scope_path) or a manager (NULL: the whole roster) may
 * nominate, with their registration and attendance for session_id, by
 * department then number (entries as training_roll). */
int training_nominees(struct store *db, int64_t session_id, const char *scope_path,
		      int (*fn)(void *ctx, const struct training_roll_entry *e), void *ctx) YK_WUR;

/* The sessions staff_id is registered or waiting for or attended. */
struct training_my_session {
	int64_t session_id;
	int has_registration;
	enum training_reg_status status;
	int64_t waiting_position;
	int64_t promoted_at;  /* Unix seconds it came off the waiting list, else 0 */
	int attended;
	int pre_answered, post_answered;
};
int training_my_sessions(struct store *db, int64_t staff_id,
			 int (*fn)(void *ctx, const struct training_my_session *m), void *ctx) YK_WUR;

/* ---- attendance ----------------------------------------------------------- */

/* Ticks (present 1) or unticks one person. Audit "training.attend". */
int training_attend_set(struct store *db, const struct audit_actor *actor, int64_t session_id,
			int64_t staff_id, int present, struct yk_errinfo *ei) YK_WUR;

/* Employee numbers read from a CSV column (borrowed), with their lines. */
struct training_number_list {
	const char *const *numbers;
	const long *lines;
	size_t n;
};
/* Employee numbers read from an attendance CSV / TSV (.tsv) through the
 * import unit: column employee_no / 職員番号 (other columns ignored), UTF-8
 * or CP932, BOM, quoted newlines. Pure. Problems go to p (with their
 * lines); YK_EPARSE when there is any, and out is then empty. Owned
 * copies: training_numbers_release. */
struct training_numbers {
	char **numbers;
	long *lines;
	size_t n, cap;
};
int training_numbers_parse(const char *bytes, size_t len, const char *file,
			   struct training_numbers *out, struct ingest_problems *p) YK_WUR;
void training_numbers_release(struct training_numbers *n);

/* Marks every listed person present, all or nothing: an unknown number is
 * YK_EPARSE "file:line: 職員番号「…」が名簿にありません". *added gets how
 * many were not yet marked. Audit "training.attend.import". */
int training_attend_import(struct store *db, const struct audit_actor *actor, int64_t session_id,
			   const struct training_number_list *list, const char *file,
			   size_t *added, struct yk_errinfo *ei) YK_WUR;

/* ---- session surveys ------------------------------------------------------ */

enum training_phase { TRAINING_PRE, TRAINING_POST };
/* "pre" / "post"; parse gives YK_EINVAL otherwise. */
int training_phase_parse(const char *s, enum training_phase *out) YK_WUR;

/* Creates the session's pre- or post-survey from the built-in template
 * (or returns the one it has). */
int training_survey_ensure(struct store *db, const struct audit_actor *actor, int64_t session_id,
			   enum training_phase phase, int64_t *survey_id,
			   struct yk_errinfo *ei) YK_WUR;
/* Answers for staff_id: the pre-survey is for the registered and waiting,
 * the post-survey for attendees (YK_EFORBIDDEN otherwise). */
int training_survey_answer(struct store *db, int64_t session_id, enum training_phase phase,
			   int64_t staff_id, const struct survey_answer *answers, size_t n,
			   struct yk_errinfo *ei) YK_WUR;
/* Imports a forms export into the session's survey of phase (created from
 * the file when missing: anonymous unless it has 職員番号). */
int training_survey_import(struct store *db, const struct audit_actor *actor, int64_t session_id,
			   enum training_phase phase, const struct survey_table *t,
			   const char *file, struct survey_import_result *res,
			   struct yk_errinfo *ei) YK_WUR;

/* ---- the training report ------------------------------------------------ */

struct training_report_session {
	int64_t id;
	char title[TRAINING_TITLE_MAX + 1];
	char day[11];
	char level[TRAINING_LEVEL_MAX + 1];
	int64_t capacity, registered, waiting;
	int64_t attendees;
	int64_t repeat_attendees;     /* attendees who attended an earlier session */
	struct survey_results *post;  /* post-survey results, NULL when none */
	struct survey_results *pre;   /* pre-survey results, NULL when none */
};

struct training_report {
	struct training_report_session *sessions; /* by day, then id */
	size_t nsessions;
};

/* Every session with attendance and survey results (invited = attendees
 * for the post-survey, registrations for the pre-survey). tx as in
 * survey_results (NULL: free text counted only). */
int training_report_build(struct store *db, const struct survey_text *tx,
			  struct training_report **out, struct yk_errinfo *ei) YK_WUR;
void training_report_free(struct training_report *r);

/* ---- certifications --------------------------------------------------------- */

struct training_cert_kind {
	int64_t id;
	const char *name;
	int64_t holders;    /* staff with a confirmed record */
};
int training_cert_kinds(struct store *db, int (*fn)(void *ctx, const struct training_cert_kind *k),
			void *ctx) YK_WUR;
/* Adds a certification name (admin). YK_ECONFLICT when it exists. */
int training_cert_kind_add(struct store *db, const struct audit_actor *actor, const char *name,
			   int64_t *id, struct yk_errinfo *ei) YK_WUR;

struct training_cert {
	int64_t id;
	int64_t staff_id;
	const char *employee_no, *name, *department;
	const char *certification;
	const char *acquired_on;
	const char *evidence;
	int confirmed;
};
/* Records (or updates) staff_id's certification by name (an unknown name
 * is YK_EINVAL). confirmed: admins record confirmed, staff unconfirmed.
 * Audit "training.cert.record". */
int training_cert_record(struct store *db, const struct audit_actor *actor, int64_t staff_id,
			 const char *certification, const char *acquired_on, const char *evidence,
			 int confirmed, int64_t *id, struct yk_errinfo *ei) YK_WUR;
int training_cert_confirm(struct store *db, const struct audit_actor *actor, int64_t cert_id,
			  struct yk_errinfo *ei) YK_WUR;
/* Deletes a record; owner_staff_id > 0 restricts to that person's own. */
int training_cert_delete(struct store *db, const struct audit_actor *actor, int64_t cert_id,
			 int64_t owner_staff_id, struct yk_errinfo *ei) YK_WUR;
/* Records of staff_id (0: everyone's), by department, number, name. */
int training_cert_list(struct store *db, int64_t staff_id,
		       int (*fn)(void *ctx, const struct training_cert *c), void *ctx) YK_WUR;

/* One row of a certification CSV (employee_no,certification,acquired_on). */
struct training_cert_row {
	const char *employee_no, *certification, *acquired_on;
	long line;
};
/* A certification CSV (employee_no / 職員番号, certification / 資格,
 * acquired_on / 取得日; YYYY-MM-DD or YYYY/MM/DD) through the import unit.
 * Pure; problems as training_numbers_parse. Owned copies:
 * training_cert_rows_release. */
struct training_cert_rows {
	struct training_cert_row *rows;
	size_t n, cap;
};
int training_cert_parse(const char *bytes, size_t len, const char *file,
			struct training_cert_rows *out, struct ingest_problems *p) YK_WUR;
void training_cert_rows_release(struct training_cert_rows *c);

/* All or nothing (confirmed records): any unknown number or name or a bad
 * day is YK_EPARSE "file:line: reason". *stored gets the rows written.
 * Audit "training.cert.import". */
int training_cert_import(struct store *db, const struct audit_actor *actor,
			 const struct training_cert_row *rows, size_t n, const char *file,
			 size_t *stored, struct yk_errinfo *ei) YK_WUR;

struct training_cert_dept {
	char *department;
	int64_t staff;
	int64_t holders;
};
struct training_cert_count {
	char *name;
	int64_t holders;
};
struct training_cert_report {
	int64_t departments;             /* departments with staff */
	int64_t departments_with_holder; /* ... with at least one confirmed holder */
	struct training_cert_count *by_certification;
	size_t ncertifications;
	struct training_cert_dept *by_department; /* departments with staff, by path */
	size_t ndepartments;
};
int training_cert_report_build(struct store *db, struct training_cert_report **out,
			       struct yk_errinfo *ei) YK_WUR;
void training_cert_report_free(struct training_cert_report *r);

/* The holder of a confirmed certification nearest to staff_id: in the same
 * department, else elsewhere in the same 課 (the first two parts of the
 * department path, with every 係 below it), else in the same 部 (the first
 * part and everything under it); not the person themself. found 0 when
 * nobody. */
struct training_nearest {
	int found;
	int same_department;    /* 1: same 課, 0: same 部 */
	char name[AUTH_NAME_MAX + 1];
	char department[AUTH_DEPT_PATH_MAX + 1];
	char certification[TRAINING_CERT_NAME_MAX + 1];
};
int training_nearest_holder(struct store *db, int64_t staff_id, struct training_nearest *out) YK_WUR;

/* ---- fee subsidies ------------------------------------------------------- */

enum training_subsidy_status {
	TRAINING_SUBSIDY_APPLIED, TRAINING_SUBSIDY_APPROVED, TRAINING_SUBSIDY_PAID,
	TRAINING_SUBSIDY_REJECTED,
};
const char *training_subsidy_status_name(enum training_subsidy_status s);
int training_subsidy_status_parse(const char *s, enum training_subsidy_status *out) YK_WUR;

struct training_subsidy {
	int64_t id, staff_id;
	const char *name, *department, *certification;
	int64_t amount;                   /* yen */
	enum training_subsidy_status status;
	const char *note, *applied_on;
};
/* Applies for a subsidy of amount yen for an exam. Audit "training.subsidy.apply". */
int training_subsidy_apply(struct store *db, const struct audit_actor *actor, int64_t staff_id,
			   const char *certification, int64_t amount, const char *note,
			   int64_t *id, struct yk_errinfo *ei) YK_WUR;
/* Moves applied → approved → paid (or → rejected); other moves are
 * YK_ECONFLICT. Audit "training.subsidy.status". */
int training_subsidy_set_status(struct store *db, const struct audit_actor *actor, int64_t id,
				enum training_subsidy_status status, struct yk_errinfo *ei) YK_WUR;
int training_subsidy_list(struct store *db, int64_t staff_id,
			  int (*fn)(void *ctx, const struct training_subsidy *s), void *ctx) YK_WUR;

/* ---- materials and newsletters -------------------------------------------- */

struct training_material {
	int64_t id;
	const char *title;
	int newsletter;           /* 1: newsletter issue, 0: material */
	int64_t issue_no;
	const char *file_name, *mime;
	int64_t size;
	int64_t session_id;       /* handed out at a session, or 0 */
	int64_t viewers;          /* distinct staff who opened it */
	int64_t created_at;
};
/* Stores an uploaded PDF or PPTX (checked by magic bytes; YK_EINVAL
 * otherwise). Audit "training.material.add". */
int training_material_add(struct store *db, const struct audit_actor *actor, const char *title,
			  int newsletter, int64_t issue_no, const char *file_name,
			  const void *data, size_t len, int64_t session_id, int64_t *id,
			  struct yk_errinfo *ei) YK_WUR;
int training_material_delete(struct store *db, const struct audit_actor *actor, int64_t id,
			     struct yk_errinfo *ei) YK_WUR;
/* Newsletters by issue number (newest first), then materials by title. */
int training_material_list(struct store *db,
			   int (*fn)(void *ctx, const struct training_material *m), void *ctx) YK_WUR;
/* The file (owned by the caller: free(*data)); counts a view for staff_id
 * (> 0) once per person. */
int training_material_open(struct store *db, int64_t id, int64_t staff_id, char **data, size_t *len,
			   char *file_name, size_t fnsz, char *mime, size_t msz,
			   struct yk_errinfo *ei) YK_WUR;

/* Reach of material_id (0: every newsletter): distinct readers by
 * department and by month of first view, against the staff count. */
struct training_reach_row {
	const char *department;   /* path; NULL in the per-month rows */
	const char *month;        /* 'YYYY-MM'; NULL in the per-department rows */
	int64_t readers;
	int64_t staff;            /* staff of that department (or all staff) */
};
int training_material_reach(struct store *db, int64_t material_id,
			    int (*fn)(void *ctx, const struct training_reach_row *r), void *ctx) YK_WUR;

/* ---- tiered curricula ---------------------------------------------------- */

/* Replaces the required items of tier (one enum training_tier bit). */
int training_curriculum_set(struct store *db, const struct audit_actor *actor, unsigned tier,
			    const int64_t *session_ids, size_t nsessions,
			    const int64_t *material_ids, size_t nmaterials,
			    struct yk_errinfo *ei) YK_WUR;
struct training_curriculum_item {
	const char *tier;
	int64_t session_id, material_id;  /* one is 0 */
	const char *title;
};
int training_curriculum_list(struct store *db,
			     int (*fn)(void *ctx, const struct training_curriculum_item *i),
			     void *ctx) YK_WUR;
/* Completion per tier and department: staff of the tier in the department,
 * and those who attended every required session and opened every
 * required material. Rows with department NULL are the tier's totals. */
struct training_completion_row {
	const char *tier;
	const char *department;
	int64_t required;         /* items of the tier */
	int64_t staff;
	int64_t completed;
};
int training_completion(struct store *db,
			int (*fn)(void *ctx, const struct training_completion_row *r), void *ctx) YK_WUR;

/* ---- outcome: usage before and after --------------------------------------- */

/* Use of yakuba by the attendees of session_id in the TRAINING_USAGE_DAYS
 * days before its day (00:00 Japan time) and the days from it, beside
 * roster staff with a login who did not attend, per usage group
 * (問い合わせAI, 生成AI, templates; usage.h), and the uses of the templates
 * the session handed out. Staff are matched to logins as in
 * training_staff_of_user. */
struct training_outcome {
	int64_t session_id;
	char from[11], pivot[11], to[11];  /* days: [from, pivot) and [pivot, to) */
	struct usage_cohort_counts attendees, others;
	/* the session's own handed-out templates (usage_template_compare);
	 * all zero when it handed out none */
	size_t ntemplates;
	struct usage_template_counts templates_attendees, templates_others;
};
int training_outcome(struct store *db, int64_t session_id, struct training_outcome *out,
		     struct yk_errinfo *ei) YK_WUR;

#endif
