/* usage: the usage-events unit (活用状況). One row per use of a feature.
 *
 * Sits below the features (qa, ws, training...) and above store: every
 * feature records its uses through usage_record(); adoption reports are
 * built here from the same table, so no feature writes usage SQL itself.
 * Owns the table usage_events (created in migration 0006).
 *
 * Threading: the functions take a struct store (one connection, one thread
 * at a time); they keep no global state.
 */
#ifndef YK_USAGE_H
#define YK_USAGE_H

#include <stdint.h>

#include "audit/audit.h"
#include "core/core.h"
#include "ingest/ingest.h"
#include "store/store.h"

/* One use of a feature. Strings are borrowed for the call. */
struct usage_event {
	int64_t at;            /* unix seconds; 0 = now */
	int64_t user_id;       /* users.id, or <= 0 for an anonymous citizen */
	int64_t department_id; /* departments.id at the time of use, or <= 0 */
	const char *feature;   /* 'ask', 'ask_public', 'chat', 'template', ... */
	const char *outcome;   /* 'answer', 'clarify', 'unknown', 'ok', 'error' */
	int64_t ref_id;        /* e.g. qa_questions.id, or <= 0 */
	int64_t latency_ms;
	int64_t template_id;   /* ws_templates.id of a prompt template use, or <= 0
				  (last, so that older initialisers leave it 0) */
};

/* Records one use. Returns 0 or a yk_err from the store. */
int usage_record(struct store *db, const struct usage_event *ev) YK_WUR;

/* ==== 活用状況: adoption reports and imported usage (usage_time.c,
 * usage_rollup.c, usage_report.c, usage_import.c; tables of migration 0011).
 *
 * Days and months are the city's: Asia/Tokyo (UTC+9, no daylight saving
 * since 1951), whatever the machine's TZ. A "day" is the number of days
 * since 1970-01-01 in JST; a "month" is year*12 + (month-1).
 *
 * Every event is linked to a roster entry (staff): imported events name the
 * employee number; events recorded by yakuba are linked through the user's
 * users.staff_id when they are folded into the roll-ups. Eligible staff are
 * the roster (or the eligible_staff setting for the headline denominator).
 *
 * Privacy: the report holds aggregates only. A department (or tier) with
 * fewer than USAGE_SMALL_GROUP eligible staff is merged into its parent,
 * and so is the smallest sibling when the merged remainder would still be
 * smaller than that (otherwise a subtraction gives it away). Per-person
 * counts come only from usage_adoption_people(), which the api gates. */

#define USAGE_TZ_OFFSET (9 * 3600)      /* Asia/Tokyo */
#define USAGE_FEATURE_MAX 64            /* bytes of a feature name */
#define USAGE_FEATURES_MAX 256          /* distinct feature names */
#define USAGE_PERIOD_DAYS_MAX 3700      /* a report spans at most ~10 years */
#define USAGE_SMALL_GROUP 5             /* smaller groups are merged */
#define USAGE_DEPT_PATH_MAX 400

/* ---- time (pure) ---- */
int32_t usage_day_of(int64_t unix_seconds);     /* JST day number */
int64_t usage_day_start(int32_t day);           /* unix seconds at 00:00 JST */
int32_t usage_day_from_civil(int y, int m, int d);
void usage_day_civil(int32_t day, int *y, int *m, int *d);
int usage_day_weekday(int32_t day);             /* 0 = Monday .. 6 = Sunday */
/* "YYYY-MM-DD" (exactly) into a day; YK_EINVAL for anything else,
 * including 2023-02-30. */
int usage_parse_date(const char *s, size_t len, int32_t *day) YK_WUR;
/* "YYYY-MM-DD" of day into out (>= 11 bytes). */
void usage_format_date(int32_t day, char *out, size_t outsz);
/* Fiscal year (April-March) that day falls in, named by its starting year. */
int usage_fiscal_year(int32_t day);
void usage_fiscal_range(int fy, int32_t *from, int32_t *to);
/* "令和6年度" (令和元年度 for 2019, 平成N年度 before) into out. */
void usage_fiscal_label(int fy, char *out, size_t outsz);
/* A time of use from an imported log, s[0..len) (pure; no NUL needed):
 * "YYYY-MM-DD HH:MM[:SS]" in the city's time zone (also with "/" between
 * the date parts, 1-digit month, day and hour as Excel writes them, or
 * "T" before the time), or ISO 8601 with an offset ("...T09:05:00+09:00",
 * "Z", "+0900"), with optional fractions of a second. Years 2000-2099.
 * YK_EINVAL with a Japanese reason in why (may be NULL). */
int usage_parse_time(const char *s, size_t len, int64_t *unix_out, char *why,
		     size_t whysz) YK_WUR;

/* Parses 2024, "令和6" or "R6" as a fiscal year. */
int usage_parse_fiscal_year(const char *s, size_t len, int *fy) YK_WUR;

/* A report period from the edge's parameters (any may be NULL or ""):
 * from/to as YYYY-MM-DD (to inclusive), or fy (2024, 令和6, R6: April to
 * March), or month (YYYY-MM). Missing ends default to the fiscal year
 * that contains today (JST, from now) and today. YK_EINVAL with ei->field
 * naming the parameter. *fy_out is the fiscal year when the period is
 * exactly one, else 0. */
int usage_period_parse(const char *from, const char *to, const char *fy, const char *month,
		       int64_t now, int32_t *from_day, int32_t *to_day, int *fy_out,
		       struct yk_errinfo *ei) YK_WUR;

/* ---- roll-ups ---- */

/* Folds every event not yet folded into the roll-up tables, in one
 * writing transaction (takes the store writer mutex; must not be called
 * inside another transaction). Cheap when nothing is new. */
int usage_rollup_update(struct store *db, struct yk_errinfo *ei) YK_WUR;

/* ---- the adoption report ---- */

enum usage_bucket_id { USAGE_B1_9, USAGE_B10_19, USAGE_B20_49, USAGE_B50, USAGE_BUCKETS };
enum usage_tier_id { USAGE_TIER_EXECUTIVE, USAGE_TIER_LEADER, USAGE_TIER_GENERAL, USAGE_TIERS };

struct usage_adoption_query {
	int32_t from_day, to_day;  /* inclusive, JST; to - from < USAGE_PERIOD_DAYS_MAX */
	const char *feature;       /* borrowed; NULL or "" = every feature */
	int64_t department_id;     /* 0 = the whole city, else that subtree */
	int headline_only;         /* only eligible, active, active_rate, uses,
				      active_30d (the rest is left zero/empty) */
};

struct usage_bucket_row {
	const char *label;         /* static: "1-9", "10-19", "20-49", "50+" */
	int64_t users;
	double share;              /* of active users; 0 when none */
};

/* A department with its whole subtree summed (部 = its own staff + 課). */
struct usage_dept_row {
	int64_t id, parent_id;
	char path[USAGE_DEPT_PATH_MAX + 1];
	int depth;                 /* 0 for the top level of the report */
	int64_t eligible, active, uses;
	int merged;                /* number of small departments merged into it */
};

struct usage_tier_row {
	const char *tier;          /* static */
	int64_t eligible, active, uses;
	int suppressed;            /* group too small: active/uses not shown */
};

struct usage_feature_row {
	char name[USAGE_FEATURE_MAX + 1];
	int64_t uses;              /* by the staff in scope */
	int64_t users;             /* distinct staff in scope */
	int64_t all_uses;          /* by everyone incl. citizens; -1 under a department scope */
	int64_t answered, clarify, unknown; /* outcomes (問い合わせAI), whole city */
};

struct usage_month_row {
	int32_t month;             /* year*12 + month-1 */
	int64_t active, uses, new_users;
	int64_t retained;          /* of active, also active next month; -1 = next month outside the period */
};

/* Uses of one prompt template (events with a template_id) by the staff in
 * scope, and how many distinct staff used it. Most used first. */
#define USAGE_TEMPLATE_NAME_MAX 200
struct usage_template_row {
	int64_t template_id;
	char name[USAGE_TEMPLATE_NAME_MAX + 1]; /* "" until the caller names it
						   (usage does not read ws's tables) */
	int64_t uses, users;
	int64_t all_uses;          /* by everyone; -1 under a department scope */
};

struct usage_week_row {
	int32_t start_day;         /* Monday (or the period's first day) */
	int64_t active;
	int64_t uses;
};

struct usage_adoption_report {
	int32_t from_day, to_day;
	char feature[USAGE_FEATURE_MAX + 1];
	int64_t department_id;
	char department[USAGE_DEPT_PATH_MAX + 1]; /* "" for the whole city */
	int64_t eligible;          /* roster in scope, or the eligible_staff setting */
	int64_t roster_eligible;
	int eligible_from_setting;
	int64_t active, uses, active_30d;
	double active_rate;
	struct usage_bucket_row buckets[USAGE_BUCKETS];
	struct usage_tier_row tiers[USAGE_TIERS];
	int64_t minutes_per_use;   /* setting usage_minutes_per_use */
	int64_t citizen_questions, citizen_answered, citizen_clarify, citizen_unknown;
	size_t n_departments, n_features, n_months, n_weeks;
	struct usage_dept_row *departments;      /* owned by the report */
	struct usage_feature_row *features;
	struct usage_month_row *months;
	struct usage_week_row *weeks;
	size_t n_templates;
	struct usage_template_row *templates;    /* owned; empty under a feature
						    filter other than "template" */
	/* Outcome figures of 問い合わせAI that live in qa's tables: usage does
	 * not read them; the caller (api_adoption_outcomes) fills them in
	 * before rendering. qa_filled = 0: not known. Index 0 staff, 1 citizens. */
	int qa_filled;
	int64_t votes_up[2], votes_down[2];
	int64_t unanswered, unanswered_to_faq, faq_entries_from_unanswered;
};

/* Folds new events, then computes the report. YK_EINVAL for a bad period
 * (to < from, too long) or an unknown department, YK_EFORBIDDEN for a
 * department scope with fewer than USAGE_SMALL_GROUP eligible staff.
 * *out is owned by the caller (usage_adoption_report_free). */
int usage_adoption_report(struct store *db, const struct usage_adoption_query *q,
			  struct usage_adoption_report **out, struct yk_errinfo *ei) YK_WUR;
void usage_adoption_report_free(struct usage_adoption_report *r); /* NULL is a no-op */

/* One table of the report as CSV (UTF-8 with BOM, formula-safe cells):
 * table is "summary", "buckets", "departments", "tiers", "features",
 * "months", "weeks" or "templates"; YK_EINVAL otherwise. Japanese column
 * headings. */
int usage_adoption_csv(const struct usage_adoption_report *r, const char *table,
		       struct yk_buf *out) YK_WUR;
extern const char *const usage_adoption_tables[]; /* NULL-terminated */

/* Japanese label of a feature name ("ask" -> "問い合わせAI（職員）",
 * "external:trial" -> "外部ツール（trial）") into out. */
void usage_feature_label(const char *name, char *out, size_t outsz);

/* Per-person counts in the period (staff in scope with at least one use),
 * ordered by department and employee number, never by use. The caller
 * decides who may see this (admins, setting usage_per_person) and audits. */
struct usage_person_row {
	const char *employee_no, *name, *department; /* borrowed for the callback */
	int64_t uses;
};
int usage_adoption_people(struct store *db, const struct usage_adoption_query *q,
			  int (*fn)(void *ctx, const struct usage_person_row *row), void *ctx,
			  struct yk_errinfo *ei) YK_WUR;

/* ---- usage logs of other tools (usage_import.c) ---- */

#define USAGE_IMPORT_MAX_BYTES (256u << 20)  /* one file */
#define USAGE_IMPORT_MAX_ROWS 5000000        /* data rows of one file */

struct usage_import_result {
	size_t rows;        /* data rows read */
	size_t inserted;    /* new events */
	size_t duplicates;  /* rows imported before (the same import key) */
	struct ingest_problems problems; /* why the file was refused */
};

/* Checks a usage log without storing (pure: no I/O, no globals): columns
 * employee_no,at,feature (or 職員番号,日時,機能; UTF-8 or CP932, BOM,
 * CSV quoting, by ingest_table), every `at` readable by usage_parse_time,
 * features of at most USAGE_FEATURE_MAX bytes and USAGE_FEATURES_MAX
 * kinds, employee numbers of at most AUTH_EMPLOYEE_NO_MAX bytes. Whether
 * the employee numbers are on the roster is checked by usage_import.
 * Returns 0, or YK_EPARSE / YK_ELIMIT with every problem in p. */
int usage_import_check(const char *bytes, size_t len, struct ingest_problems *p) YK_WUR;

/* Checks the file as above and every employee number against the roster;
 * only if there is no problem at all, stores the rows in one transaction
 * in usage_imported (migration 0027; not in usage_events), folded into the
 * roll-ups at once, and audits "usage.import" with the counts. A row whose
 * key (time, staff member, feature, and how many identical rows came
 * before it in the file) is already stored, or was stored and purged by
 * the retention (usage_purged_import_keys), is skipped: importing the same
 * file, or an overlapping export, twice adds nothing. On error nothing is stored; res->problems lists the problems
 * (file name not included: format them with ingest_problem_format) and ei
 * has the first. res is owned by the caller (it is large: allocate it). */
int usage_import(struct store *db, const struct audit_actor *actor, const char *bytes, size_t len,
		 const char *filename, struct usage_import_result *res,
		 struct yk_errinfo *ei) YK_WUR;
/* ==== before / after (usage_compare.c): the use of yakuba by a cohort of
 * users (the attendees of a training session) in the days before and
 * after a moment, beside another group (staff who did not attend). */

enum usage_group {
	USAGE_GROUP_ASK,      /* 問い合わせAI: feature 'ask' */
	USAGE_GROUP_GENAI,    /* 生成AI: 'chat', 'ask_generate' */
	USAGE_GROUP_TEMPLATE, /* prompt templates: 'template' */
	USAGE_GROUPS
};
/* Japanese label of a group (static). */
const char *usage_group_label(enum usage_group g);

struct usage_cohort_counts {
	int64_t people;                     /* users in the cohort */
	int64_t active_before, active_after; /* users with at least one use */
	int64_t events_before[USAGE_GROUPS], events_after[USAGE_GROUPS];
};

/* Counts the events of users_a and of users_b (users.id arrays, borrowed,
 * need not be sorted) in [pivot - days*86400, pivot) and [pivot, pivot +
 * days*86400). A user in both lists counts in a only. Raw events where
 * the retention kept them; the JST days up to the retention's horizon
 * (usage_rollup_state.purged_before) from the roll-ups, by each user's
 * roster entry (users.staff_id or a login equal to an employee number;
 * users without one count no uses there), a day before pivot's day as
 * before. Folds pending events first when it reads the roll-ups (then
 * must not be called inside a transaction). */
int usage_compare(struct store *db, int64_t pivot, int64_t days, const int64_t *users_a, size_t na,
		  const int64_t *users_b, size_t nb, struct usage_cohort_counts *a,
		  struct usage_cohort_counts *b, struct yk_errinfo *ei) YK_WUR;

/* ==== retention (usage_retention.c) ==== */

struct usage_purge_counts {
	int64_t events;      /* usage_events rows deleted */
	int64_t import_keys; /* import keys kept in usage_purged_import_keys */
	int64_t imported;    /* usage_imported rows deleted */
};

/* Deletes the usage events older than before (Unix seconds) that are
 * already in the roll-ups (it folds pending events first), never the
 * newest event, and the imported rows (usage_imported) older than before,
 * so that 活用状況 reports are the same before and after. Imported rows
 * leave their import key behind: re-importing them is counted as
 * duplicates, not added again. One writing transaction (must
 * not be called inside another); audits "usage.purge" with the counts
 * when anything was deleted, and moves usage_rollup_state.purged_before
 * (usage_compare reads the days before it from the roll-ups). out (may be
 * NULL) gets the counts. */
int usage_retention_purge(struct store *db, int64_t before, struct usage_purge_counts *out,
			  struct yk_errinfo *ei) YK_WUR;

/* ==== uses of given prompt templates (usage_template.c): the templates
 * handed out at a training session, by its attendees and by others, in
 * the same windows as usage_compare. A use is one turn with the template
 * sent to the model: a usage event with that template_id whose outcome is
 * not 'blocked'. */
struct usage_template_counts {
	int64_t users_before, users_after; /* users with at least one use */
	int64_t uses_before, uses_after;
};
/* Counts uses of any of templates (ws_templates ids, borrowed, any order)
 * by users_a and by users_b in [pivot - days*86400, pivot) and [pivot,
 * pivot + days*86400). A user in both lists counts in a only. nt 0: all
 * zero. */
int usage_template_compare(struct store *db, int64_t pivot, int64_t days,
			   const int64_t *templates, size_t nt, const int64_t *users_a, size_t na,
			   const int64_t *users_b, size_t nb, struct usage_template_counts *a,
			   struct usage_template_counts *b, struct yk_errinfo *ei) YK_WUR;

#endif
