/* wellbeing: メンタルヘルス. The legal stress check (職業性ストレス簡易調査票,
 * 57 items) scored exactly as ../shared/specs/stresscheck/SPEC.md defines,
 * campaigns and answer sheets, consent and 面接指導 applications, group
 * analysis (集団分析, 仕事のストレス判定図) that protects small units, the
 * anonymous opinion box, and the safety layer of the self-care chat (the
 * crisis detector).
 *
 * Feature module: depends on core, store, auth (audit, roster, departments)
 * and pii (masking of opinion-box text). Owns the tables of migration 0012
 * (sc_*, ob_*, wb_*). Knows nothing of HTTP or JSON: functions return typed
 * structs, the api and cli layers render them.
 *
 * Who sees what (SPEC §4) is enforced here as well as in the route table:
 * every function that reads an individual sheet takes a struct wb_viewer
 * and refuses (YK_EFORBIDDEN) anybody who is neither the worker nor an
 * implementer; every implementer read writes an audit row.
 *
 * Official data: the item wording and the 素点換算表 are the two CSV files
 * of data/stresscheck/ (copied from the spec folder), compiled into the
 * binary and read once (thread-safe, pthread_once) on first use.
 *
 * Thread safety: the scoring functions and the crisis detector are pure
 * and reentrant. Database functions use only the connection given.
 */
#ifndef YK_WELLBEING_H
#define YK_WELLBEING_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "ingest/ingest.h"
#include "store/store.h"

struct audit_actor;

/* ---- the questionnaire --------------------------------------------------- */

#define WB_ITEMS 57
#define WB_SCALES 19
#define WB_SCALES_JUDGED 18 /* 満足度 (the last scale) is not used for 判定 */

enum wb_sex { WB_SEX_NONE = 0, WB_SEX_MALE = 1, WB_SEX_FEMALE = 2 };
enum wb_method { WB_METHOD_SUM = 1, WB_METHOD_SOTEN = 2 };

/* One item of the form (SPEC §1.2). Strings are static, UTF-8. */
struct wb_item {
	int q;                  /* 1..57 */
	char domain;            /* 'A', 'B', 'C', 'D' */
	const char *code;       /* "A1" */
	const char *text;       /* 題文 (for C items: the person, 上司 ...) */
	const char *sub_prompt; /* C items: the question they answer; "" otherwise */
	const char *choices[4]; /* labels of box 1..4, left to right */
	int scale;              /* index into wb_scales() */
	int sum_reversed;       /* 合計点数法: recode 5-x */
	int soten_reversed;     /* scale raw score takes 5-x (else x) */
};

/* One of the 19 尺度, in the order of SPEC §1.2 (A: 0-8, B: 9-14,
 * C: 15-17, D: 18). */
struct wb_scale {
	const char *name;  /* exactly as SPEC §1.2, e.g. "心理的な仕事の負担（量）" */
	char domain;
	int burden;        /* 1: points 5..1 (more = more stress); 0: points 1..5 */
	int raw_min, raw_max;
};

/* The tables (static, never NULL; the data is checked when first read and
 * the process aborts if the compiled-in files are inconsistent, which the
 * unit tests rule out). wb_items() has WB_ITEMS entries, wb_scales()
 * WB_SCALES. */
const struct wb_item *wb_items(void);
const struct wb_scale *wb_scales(void);
/* Printed instruction (教示) of a domain 'A'..'D' (static). */
const char *wb_domain_instruction(char domain);
const char *wb_domain_title(char domain);

/* Evaluation point 1..5 of a scale raw score for sex (the column of the
 * 素点換算表, SPEC §2(b) rule 3: the column's point, not the rank);
 * 0 when raw is outside the scale's range or sex is unknown. */
int wb_soten_points(int scale, enum wb_sex sex, int raw);

/* ---- scoring --------------------------------------------------------------- */

/* High-stress thresholds of both methods (SPEC §2; defaults = the MHLW
 * 評価基準の例, settings stress_* let a city change them after 衛生委員会
 * deliberation). */
struct wb_thresholds {
	int sum_b_high;   /* ㋐ B >= 77 */
	int sum_ac_high;  /* ㋑ A + C >= 76 ... */
	int sum_b_mid;    /* ... and B >= 63 */
	int soten_b_high; /* ㋐ B <= 12 */
	int soten_ac_high;/* ㋑ A + C <= 26 ... */
	int soten_b_mid;  /* ... and B <= 17 */
};
void wb_thresholds_default(struct wb_thresholds *t);
/* Reads the six settings stress_sum_* / stress_soten_*. */
void wb_thresholds_from_settings(struct store *db, struct wb_thresholds *t);

/* A scored sheet (value type). */
struct wb_score {
	int sum_a, sum_b, sum_c; /* 合計点数法 domain sums */
	int sum_high;            /* selected by ㋐ or ㋑ */
	int soten_a, soten_b, soten_c; /* 素点換算表: domain point totals */
	int soten_high;
	int raw[WB_SCALES];      /* scale raw scores */
	int points[WB_SCALES];   /* evaluation points 1..5 */
};

/* Scores a complete sheet: answers[i] is the box 1..4 of item i+1. An
 * answer outside 1..4 (an incomplete sheet) or an unknown sex is
 * YK_EINVAL: an incomplete sheet is never scored (SPEC §0). Pure. */
int wb_score_sheet(const unsigned char answers[WB_ITEMS], enum wb_sex sex,
		   const struct wb_thresholds *t, struct wb_score *out) YK_WUR;
/* 1 when the method's high-stress flag is set in s. */
int wb_score_high(const struct wb_score *s, enum wb_method m);

/* Parses a sex: "M", "F", "男", "女" (also "male"/"female", "1"/"2" as on
 * many paper forms: 1 = 男, 2 = 女). Pure. YK_EINVAL otherwise. */
int wb_sex_parse(const char *s, size_t len, enum wb_sex *out) YK_WUR;
const char *wb_sex_code(enum wb_sex sex); /* "M", "F" or "" */

/* Parses one line "SEX<TAB>ANSWERS" of `yakuba stresscheck score` (ANSWERS:
 * exactly 57 digits 1..4; a trailing CR is allowed). Pure, no NUL
 * termination needed. YK_EINVAL with the reason in ei->message. */
int wb_score_line_parse(const char *s, size_t len, enum wb_sex *sex,
			unsigned char answers[WB_ITEMS], struct yk_errinfo *ei) YK_WUR;

/* ---- 仕事のストレス判定図 (SPEC §3) ------------------------------------- */

/* National means and coefficients of one sex: 量的負担, コントロール,
 * 上司の支援, 同僚の支援. */
struct wb_judge_constants {
	double mean[4];
	double coef[4];
};
/* Defaults: male M1 (8.7/7.9/7.5/8.1; SPEC §3.3 flags the male
 * コントロール/上司 means as unresolved, settings stress_judge_male_means
 * change them), female 7.9/7.2/6.6/8.2. */
void wb_judge_defaults(enum wb_sex sex, struct wb_judge_constants *out);
/* Reads stress_judge_{male,female}_{means,coefs} ("a,b,c,d"); falls back
 * to the defaults for an unreadable value. */
void wb_judge_from_settings(struct store *db, enum wb_sex sex, struct wb_judge_constants *out);
/* Parses "a,b,c,d" (four decimals). Pure. */
int wb_judge_parse4(const char *s, double out[4]) YK_WUR;

struct wb_health_risk {
	double a;     /* 健康リスクA (量−コントロール) */
	double b;     /* 健康リスクB (職場の支援) */
	double total; /* a * b / 100 */
};
/* From group means q, c, s, w (full precision; SPEC §3.4: display rounded,
 * export unrounded). */
void wb_health_risk(const struct wb_judge_constants *k, double q, double c, double s, double w,
		    struct wb_health_risk *out);

/* Accumulates scored sheets of one unit (value type; zero it to start). */
struct wb_group {
	int n, n_sex[3];                /* by enum wb_sex */
	int high_sum, high_soten;
	double judge_sum[3][4];         /* per sex: 量, コントロール, 上司, 同僚 raw sums */
	double raw_sum[WB_SCALES];
	double total57_sum;             /* sum of all 57 answers (summary-only mode) */
};
void wb_group_add(struct wb_group *g, enum wb_sex sex, const unsigned char answers[WB_ITEMS],
		  const struct wb_score *s);

/* The figures of a unit. */
struct wb_group_figures {
	int n, n_male, n_female;
	int high_sum, high_soten;
	double scale_mean[WB_SCALES];
	double judge_mean[3][4];        /* per sex (index enum wb_sex), 0 when none */
	int has_sex[3];
	struct wb_health_risk risk[3];  /* per sex; [0] = count-weighted 男女計 (参考値) */
	double total57_mean;
};
void wb_group_figures(const struct wb_group *g, const struct wb_judge_constants *male,
		      const struct wb_judge_constants *female, struct wb_group_figures *out);

/* ---- who is asking --------------------------------------------------------- */

/* The caller of a database function. Individual answers and results are
 * for the worker (the sheet's user, or the user linked to the sheet's
 * roster entry) and for implementers (AUTH_ROLE_IMPLEMENTER: 実施者 and
 * 実施事務従事者) only; admin and editor get YK_EFORBIDDEN. */
struct wb_viewer {
	int64_t user_id;                /* 0 for the CLI (system) */
	unsigned roles;                 /* enum auth_role bits */
	const struct audit_actor *actor; /* borrowed; for the audit rows */
};

/* ---- campaigns ------------------------------------------------------------- */

#define WB_NAME_MAX 200
#define WB_PATH_MAX 400

struct wb_campaign {
	int64_t id;
	char name[WB_NAME_MAX + 1];
	int64_t starts_at, ends_at;     /* Unix seconds; answering is open in [starts, ends] */
	enum wb_method method;          /* the method used to select high stress */
	struct wb_thresholds t;
	int reminder_days;
	int64_t created_at;
	int64_t targets;                /* staff in scope */
	int64_t submitted;              /* sheets submitted (examined) */
};

/* What a campaign is made from; strings borrowed for the call. */
struct wb_campaign_spec {
	const char *name;
	int64_t starts_at, ends_at;
	enum wb_method method;
	const struct wb_thresholds *t;   /* NULL: the settings stress_* */
	int reminder_days;
	const char *department_path;     /* NULL/"": the whole roster; else that unit and below */
};

/* Creates a campaign and snapshots its target staff from the roster.
 * YK_ECONFLICT for an existing name, YK_EINVAL (ei->field) for a bad
 * field. Audit: "stress.campaign.create". */
int wb_campaign_create(struct store *db, const struct audit_actor *actor,
		       const struct wb_campaign_spec *spec, int64_t *id,
		       struct yk_errinfo *ei) YK_WUR;
int wb_campaign_get(struct store *db, int64_t id, struct wb_campaign *out) YK_WUR;
int wb_campaign_find(struct store *db, const char *name, struct wb_campaign *out) YK_WUR;
/* Newest first. fn returning non-zero stops the walk (that value returned). */
int wb_campaign_list(struct store *db, int (*fn)(void *ctx, const struct wb_campaign *c),
		     void *ctx) YK_WUR;

/* ---- answer sheets ----------------------------------------------------------- */

struct wb_sheet {
	int64_t id, campaign_id;
	int64_t user_id, staff_id, department_id;
	char department[WB_PATH_MAX + 1];
	enum wb_sex sex;
	unsigned char answers[WB_ITEMS]; /* 0 = not answered yet */
	int answered;                    /* answers given so far */
	int paper;                       /* imported from a paper sheet */
	int64_t submitted_at;            /* 0 = draft */
	int64_t result_seen_at;          /* 0 = the worker has not seen the result */
	int consent;                     /* current consent to give the employer the result */
	int64_t consent_at;              /* time of the last give / revoke */
	int interview;                   /* 面接指導 applied (0/1) */
	int64_t interview_at;
	char interview_status[16];       /* "applied", "done", "withdrawn" or "" */
};

/* The caller's own sheet of a campaign; with create, a draft is made when
 * there is none (only while the campaign is open: else YK_ECONFLICT).
 * YK_ENOTFOUND without create when there is none. */
int wb_sheet_mine(struct store *db, const struct wb_viewer *v, int64_t campaign_id, int create,
		  struct wb_sheet *out, struct yk_errinfo *ei) YK_WUR;
/* Saves answers as they go (resumable): sex (WB_SEX_NONE keeps it) and the
 * answers whose value is 1..4 (0 keeps the stored one). The caller's own
 * draft only, while the campaign is open; a submitted sheet is
 * YK_ECONFLICT. */
int wb_sheet_save(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		  enum wb_sex sex, const unsigned char answers[WB_ITEMS], struct wb_sheet *out,
		  struct yk_errinfo *ei) YK_WUR;
/* Submits the caller's draft: every answer and the sex are required
 * (YK_EINVAL naming the first missing item). */
int wb_sheet_submit(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		    struct wb_sheet *out, struct yk_errinfo *ei) YK_WUR;

/* An individual result. The worker reading their own submitted sheet marks
 * it seen (result_seen_at, which enables the consent question). An
 * implementer may read any sheet, unless the personnel rule refuses it
 * (setting stress_personnel_rule: an implementer whose roster tier is 幹部
 * is refused sheets of their own unit and below, audited
 * "stress.result.refused"); every implementer read is audited
 * "stress.result.view". Anybody else: YK_EFORBIDDEN. A draft has no
 * result (YK_ECONFLICT). */
int wb_result_get(struct store *db, const struct wb_viewer *v, int64_t sheet_id,
		  struct wb_sheet *sheet, struct wb_score *score, struct yk_errinfo *ei) YK_WUR;

/* The worker gives (give=1) or revokes (0) consent to give the employer
 * the result. Only the worker; only after they have seen the result
 * (YK_ECONFLICT otherwise). Recorded with its time; a history is kept. */
int wb_consent_set(struct store *db, const struct wb_viewer *v, int64_t sheet_id, int give,
		   struct yk_errinfo *ei) YK_WUR;
/* The worker applies for a 面接指導 (申出) on a submitted sheet whose
 * result they have seen. Counts as consent (SPEC §4). Seen only by
 * implementers. YK_ECONFLICT when already applied. */
int wb_interview_apply(struct store *db, const struct wb_viewer *v, int64_t sheet_id,
		       struct yk_errinfo *ei) YK_WUR;
/* Implementer: sets an application's status ("done" or "withdrawn").
 * Audit: "stress.interview.update". */
int wb_interview_update(struct store *db, const struct wb_viewer *v, int64_t sheet_id,
			const char *status, struct yk_errinfo *ei) YK_WUR;

/* Filters of wb_result_list. */
enum wb_list_filter { WB_LIST_ALL = 0, WB_LIST_HIGH = 1, WB_LIST_INTERVIEW = 2 };

/* One line of the implementer's list (no answers). */
struct wb_result_row {
	int64_t sheet_id;
	char employee_no[33];
	char name[WB_NAME_MAX + 1];
	char department[WB_PATH_MAX + 1];
	enum wb_sex sex;
	int submitted;
	int high;                 /* by the campaign's method; 0 for a draft */
	int consent;
	int interview;
	char interview_status[16];
	int64_t interview_at;
};

/* Implementer only (else YK_EFORBIDDEN): the sheets of a campaign, with
 * the personnel rule applied (refused units are left out). Audit:
 * "stress.result.list" (one row per call). */
int wb_result_list(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		   enum wb_list_filter filter,
		   int (*fn)(void *ctx, const struct wb_result_row *r), void *ctx,
		   struct yk_errinfo *ei) YK_WUR;
/* Implementer only: every submitted sheet of a campaign as CSV (UTF-8 with
 * BOM; employee_no, department, sex, q1..q57, both methods' totals and
 * flags). Audit: "stress.export". */
int wb_result_export_csv(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
			 struct yk_buf *out, struct yk_errinfo *ei) YK_WUR;

/* ---- the employer's view of consented results (SPEC §4) -------------------------- */

/* One individual result the worker consented to give the employer (consent
 * given after seeing the result, or a 面接指導 application, and not
 * revoked since). What it carries follows the setting
 * stress_consent_scope: "full" gives the scores as notified to the
 * worker; "high_stress_only" only whether the worker was selected as high
 * stress and a 面接指導 is recommended (score zeroed, scope_full 0). */
struct wb_consented {
	int64_t sheet_id;
	char employee_no[33];
	char name[WB_NAME_MAX + 1];
	char department[WB_PATH_MAX + 1];
	int64_t consent_at;          /* the give that stands */
	int via_interview;           /* consent by a 面接指導 application */
	int interview;               /* 面接指導 applied and not withdrawn */
	char interview_status[16];
	int high;                    /* by the campaign's method */
	enum wb_method method;
	int scope_full;
	struct wb_score score;       /* scope_full only */
};

/* Administrator (AUTH_ROLE_ADMIN, the employer side) only, else
 * YK_EFORBIDDEN: the consented results of a campaign, in department and
 * employee-number order. Consent is read at the call, so a revoked
 * consent removes the row at once. Every row shown is an audit row
 * "stress.employer.view" (target sheet:ID), and the call one
 * "stress.employer.list". */
int wb_consented_list(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		      int (*fn)(void *ctx, const struct wb_consented *r), void *ctx,
		      struct yk_errinfo *ei) YK_WUR;
/* One consented result (administrator only; audit "stress.employer.view").
 * YK_ENOTFOUND when the sheet has no standing consent: the employer
 * cannot tell a refused consent from a missing sheet. */
int wb_consented_get(struct store *db, const struct wb_viewer *v, int64_t sheet_id,
		     struct wb_consented *out, struct yk_errinfo *ei) YK_WUR;

/* ---- reminders ---------------------------------------------------------------------- */

/* An open campaign the caller is in scope of and has not submitted. */
struct wb_reminder {
	int64_t campaign_id;
	char name[WB_NAME_MAX + 1];
	int64_t ends_at;
	int days_left;               /* whole days until ends_at (0 on the last day) */
	int urgent;                  /* days_left < the campaign's reminder_days */
	int started;                 /* a draft exists */
	int64_t round_at;            /* newest reminder round of the campaign, 0 = none */
};
/* The caller's reminders (portal), oldest deadline first. No audit: it is
 * the worker's own state. */
int wb_reminders_mine(struct store *db, const struct wb_viewer *v,
		      int (*fn)(void *ctx, const struct wb_reminder *r), void *ctx,
		      struct yk_errinfo *ei) YK_WUR;

/* Staff in scope who have not submitted (SPEC §4 allows the employer to
 * know whether someone took the check, never the result or progress:
 * a draft counts as not submitted and is not told apart). */
struct wb_pending {
	char employee_no[33];
	char name[WB_NAME_MAX + 1];
	char department[WB_PATH_MAX + 1];
};
/* Administrator or implementer: the pending staff of a campaign. Audit
 * "stress.pending.list" with the count. */
int wb_pending_list(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		    int (*fn)(void *ctx, const struct wb_pending *p), void *ctx, int64_t *count,
		    struct yk_errinfo *ei) YK_WUR;
/* Administrator or implementer: records a reminder round (the portal of
 * every pending person shows it). *pending: how many were pending. The
 * campaign must be open (YK_ECONFLICT). Audit "stress.reminder.send". */
int wb_reminder_send(struct store *db, const struct wb_viewer *v, int64_t campaign_id,
		     int64_t *pending, struct yk_errinfo *ei) YK_WUR;

/* ---- pulse surveys (パルスサーベイ) ------------------------------------------------ */

/* A short periodic anonymous survey, opened by an administrator for target
 * departments, to check whether measures helped. Each target unit answers
 * its own anonymous survey of the survey module (no link from an answer to
 * a person: the response has no staff id, only the day); "has answered"
 * is kept apart by the survey module. A member of staff belongs to the
 * target unit their department lies in (units may not overlap). Results
 * come by unit, with the group analysis's rule: a unit under
 * stress_group_min respondents shows only its name, n and suppressed. */
#define WB_PULSE_UNITS_MAX 200
#define WB_PULSE_QUESTIONS_MAX 10

struct survey_question_spec;
struct survey_answer;
struct survey;
struct survey_results;
struct survey_text;

/* Strings and arrays borrowed for the call. */
struct wb_pulse_spec {
	const char *title;
	int64_t closes_at;                        /* answering until then (Unix seconds) */
	const int64_t *department_ids;            /* 1..WB_PULSE_UNITS_MAX, no overlaps */
	size_t ndepartments;
	const struct survey_question_spec *questions; /* 1..WB_PULSE_QUESTIONS_MAX */
	size_t nquestions;
};

/* Administrator: opens a pulse survey (one anonymous survey per unit, the
 * unit's staff counted as invited). YK_EINVAL (ei->field) for a bad
 * field, overlapping or unknown units. Audit "pulse.open". */
int wb_pulse_open(struct store *db, const struct audit_actor *actor, const struct wb_pulse_spec *spec,
		  int64_t *id, struct yk_errinfo *ei) YK_WUR;

struct wb_pulse {
	int64_t id;
	char title[WB_NAME_MAX + 1];
	int64_t opened_at, closes_at;
	int open;                 /* now <= closes_at */
	int units;
	int64_t invited, responses;
};
/* Every pulse survey, newest first (figures only, no answers). */
int wb_pulse_list(struct store *db, int (*fn)(void *ctx, const struct wb_pulse *p), void *ctx,
		  struct yk_errinfo *ei) YK_WUR;

/* An open pulse survey of the caller's unit. */
struct wb_pulse_mine {
	int64_t pulse_id;
	char title[WB_NAME_MAX + 1];
	int64_t closes_at;
	int64_t survey_id;        /* the unit's survey (its questions: survey_get) */
	int answered;
};
/* The caller's open pulse surveys (none when the caller is not in the
 * roster or in no target unit). */
int wb_pulse_mine(struct store *db, const struct wb_viewer *v,
		  int (*fn)(void *ctx, const struct wb_pulse_mine *p), void *ctx,
		  struct yk_errinfo *ei) YK_WUR;
/* The survey the caller answers for pulse_id (YK_ENOTFOUND when the caller
 * is in none of its units; YK_EFORBIDDEN when not in the roster). */
int wb_pulse_survey_of(struct store *db, const struct wb_viewer *v, int64_t pulse_id,
		       int64_t *survey_id, struct yk_errinfo *ei) YK_WUR;
/* Stores the caller's answers anonymously (survey_submit with the roster
 * entry, which only marks "has answered"). YK_ECONFLICT once closed or
 * answered. */
int wb_pulse_answer(struct store *db, const struct wb_viewer *v, int64_t pulse_id,
		    const struct survey_answer *answers, size_t n, struct yk_errinfo *ei) YK_WUR;

/* One unit's results: results is NULL when suppressed (borrowed during the
 * callback). comments is 1 when its free text is shown (grouped key phrases
 * and masked examples in results), 0 when only counted. */
struct wb_pulse_unit {
	int64_t department_id;
	char department[WB_PATH_MAX + 1];
	int64_t n, invited;
	int suppressed;
	int comments;
	const struct survey_results *results;
};
/* Results by unit, in department order. Employer-facing: the suppression
 * rule always holds (there is no override for pulse surveys).
 * Free text is counted for every caller. Its content (key phrases and at
 * most SURVEY_GROUP_EXAMPLES_MAX examples per phrase, masked by tx's
 * guard) goes only to the 実施者: v holds AUTH_ROLE_IMPLEMENTER, tx has a
 * model and a guard, and the unit has stress_group_min (never below 10)
 * respondents or more; such a read is audited "pulse.comments.view"
 * (target "pulse:ID") before anything is handed out. v and tx may be NULL
 * (counts only). */
int wb_pulse_results(struct store *db, const struct wb_viewer *v, const struct survey_text *tx,
		     int64_t pulse_id, int (*fn)(void *ctx, const struct wb_pulse_unit *u),
		     void *ctx, struct yk_errinfo *ei) YK_WUR;

/* ---- paper sheets ---------------------------------------------------------- */

#define WB_IMPORT_MAX_BYTES (16u << 20)
#define WB_IMPORT_MAX_ROWS 100000

struct wb_import_result {
	size_t rows;                 /* data rows read */
	size_t imported;             /* sheets stored (0 on any error) */
	int campaign_created;
	struct ingest_problems problems; /* the shared import unit's list */
};

/* Imports paper sheets into campaign_name (created with the settings'
 * defaults, the whole roster in scope and today as its period when it
 * does not exist): columns employee_no,sex,q1..q57 (or 職員番号,性別,
 * 問1..問57), sex M/F/男/女, answers 1..4 = the box on the form. Every
 * employee number must be in the roster (the department comes from there)
 * and appear once; a sheet already submitted for that person in the
 * campaign is an error. All or nothing: on any problem nothing is stored
 * and res lists them (line + message, shown as FILE:LINE: message).
 * Audit: "stress.import" with the count. */
int wb_import_paper(struct store *db, const struct audit_actor *actor, const char *campaign_name,
		    const char *bytes, size_t len, struct wb_import_result *res,
		    struct yk_errinfo *ei) YK_WUR;

/* ---- group analysis ---------------------------------------------------------- */

enum wb_override { WB_OVERRIDE_NONE = 0, WB_OVERRIDE_ALL_CONSENTED = 1, WB_OVERRIDE_SUMMARY = 2 };

/* One unit of the analysis: a department with every unit below it
 * (roll-up), or the whole organisation (department_id 0, name "全体"). */
struct wb_unit {
	int64_t department_id;
	char department[WB_PATH_MAX + 1];
	int depth;                         /* 0 for the whole organisation */
	int targets;                       /* staff in scope */
	int suppressed;                    /* n < stress_group_min and no override */
	enum wb_override override;
	struct wb_group_figures fig;       /* all zero when suppressed */
	int has_prev;                      /* last campaign's figures of the same unit */
	struct wb_group_figures prev;
};

/* Group analysis of a campaign: calls fn for the whole organisation first,
 * then every department with respondents (in it or below), by path. A
 * unit under stress_group_min respondents is suppressed (fig zeroed; only
 * n and the name survive) unless an override is set: all_consented shows
 * all figures, summary_only only n and the 57-item total mean (the other
 * figures stay zeroed). prev: the newest earlier campaign's figures of the
 * same unit, under the same rule. Readable by every employer-facing role;
 * it never touches individual results. */
int wb_group_analysis(struct store *db, int64_t campaign_id,
		      int (*fn)(void *ctx, const struct wb_unit *u), void *ctx,
		      struct yk_errinfo *ei) YK_WUR;
/* Sets (mode != NONE) or clears an override for a unit. Audit:
 * "stress.group.override" with the mode. */
int wb_group_override_set(struct store *db, const struct audit_actor *actor, int64_t campaign_id,
			  int64_t department_id, enum wb_override mode,
			  struct yk_errinfo *ei) YK_WUR;

/* The numbers of the 労働基準監督署 report (様式第6号の3). */
struct wb_official_report {
	int64_t targets;          /* 在籍労働者数 in scope */
	int64_t examined;         /* 検査を受けた労働者数 */
	int64_t high_stress;      /* by the campaign's method */
	int64_t high_stress_sum, high_stress_soten;
	int64_t interviews_applied;
	int64_t interviews_done;  /* 面接指導を受けた労働者数 */
};
int wb_official_report(struct store *db, int64_t campaign_id, struct wb_official_report *out,
		       struct yk_errinfo *ei) YK_WUR;

/* ---- anonymous opinion box ---------------------------------------------------- */

#define WB_OPINION_BODY_MAX 4000   /* bytes */
#define WB_OPINION_CATEGORY_MAX 50 /* bytes */
#define WB_OPINION_REPLY_MAX 4000
#define WB_OPINION_KEY_HEX 32

/* Categories offered in the form. */
extern const char *const wb_opinion_categories[];

/* Counts posts per account per day without storing who posted: the key of
 * a user for the day is SHA-256(secret || day || user id), the secret is
 * random, held in memory only and replaced when the day changes (so
 * yesterday's counters cannot be recomputed by anyone, and a restart
 * starts the day's counts afresh). Thread-safe (internal mutex). At most
 * WB_RATE_SLOTS accounts per day are tracked; past that posting is refused
 * (YK_ERATE) rather than uncounted. */
#define WB_RATE_SLOTS 65536
struct wb_rate;
struct wb_rate *wb_rate_new(void);
void wb_rate_free(struct wb_rate *r); /* NULL is a no-op */
/* Takes one post from the allowance of user_id for today (limit per day);
 * YK_ERATE when used up. day_override (tests) replaces today's day number
 * when >= 0. */
int wb_rate_take(struct wb_rate *r, int64_t user_id, int limit, int64_t day_override) YK_WUR;

/* Stores a post. body must already be masked by the guard (the api layer
 * runs the process's one detector on it); category one of
 * wb_opinion_categories; department_id 0 for none. Stores no author, no
 * address and only the day; the key is random. */
int wb_opinion_post(struct store *db, const char *category, int64_t department_id,
		    const char *body, size_t len, char key_hex[WB_OPINION_KEY_HEX + 1],
		    struct yk_errinfo *ei) YK_WUR;

struct wb_opinion {
	char key[WB_OPINION_KEY_HEX + 1];
	char day[11];
	char category[WB_OPINION_CATEGORY_MAX + 1];
	char department[WB_PATH_MAX + 1];
	const char *body;   /* borrowed during the callback */
	char status[16];
	const char *reason; /* borrowed during the callback */
	const char *reply;  /* borrowed during the callback */
	char reply_day[11];
};

/* Every post in key order (random, so not the order of arrival). */
int wb_opinion_list(struct store *db, int (*fn)(void *ctx, const struct wb_opinion *o),
		    void *ctx, struct yk_errinfo *ei) YK_WUR;
/* Sets status (受付 / 検討中 / 対応済 / 対応しない; 対応しない needs a
 * reason) and the public reply ("" keeps none). Audit: "opinion.update"
 * (target: the post's key; never anything about an author). */
int wb_opinion_update(struct store *db, const struct audit_actor *actor, const char *key_hex,
		      const char *status, const char *reason, const char *reply,
		      struct yk_errinfo *ei) YK_WUR;

/* ---- self-care chat safety ------------------------------------------------------ */

/* One turn of the self-care chat, as the front-ends accept it. */
#define WB_CHAT_TEXT_MAX 4000      /* bytes of one message */
#define WB_CHAT_MESSAGES_MAX 40    /* messages sent back with each turn */

enum wb_crisis {
	WB_CRISIS_NONE = 0,
	WB_CRISIS_SUICIDE = 1,   /* suicidal ideation, direct or indirect (消えたい) */
	WB_CRISIS_SELF_HARM = 2,
	WB_CRISIS_HARM_OTHERS = 3,
};

/* Crisis detector over (text, len), UTF-8 (invalid bytes are dropped and
 * never match; only the last 16 KB, what is said now, is read). Returns the
 * kind of crisis the text expresses, or NONE. Concepts over the lemmas of
 * the one tokenizer (death, disappearance, self-injury, violence ...) with
 * the modality that follows them (wish, volition, plan), after hyperbole,
 * idiom, third-person, fiction and work-task filters: 「死ぬほど忙しい」
 * 「締切で死にそう」 are not a crisis; 「死のうかな」「いなくなりたい」 are.
 * tk: a tokenizer used by this thread only for the call (borrowed); NULL
 * runs only the small surface lexicon (much lower recall; callers that
 * answer people always pass one). Deterministic: depends on nothing but
 * (text, len) and the dictionary. Thread-safe with one tokenizer per
 * thread. */
struct text_tokenizer;
enum wb_crisis wb_crisis_detect(struct text_tokenizer *tk, const char *text, size_t len);
const char *wb_crisis_name(enum wb_crisis c); /* "none", "suicide", ... */

/* The answer given at once (before any model call, with or without a model)
 * when the detector fires: the city's contact (setting wellbeing_contact,
 * may be "") and the national lines. Appended to out. */
int wb_crisis_reply(const char *city_contact, struct yk_buf *out) YK_WUR;

/* The system prompt of the self-care chat (static). */
const char *wb_selfcare_system_prompt(void);

/* Stored self-care conversations (only when the user chooses to keep one). */
int wb_chat_store(struct store *db, int64_t owner_id, const char *messages_json,
		  int64_t *id, struct yk_errinfo *ei) YK_WUR;
struct wb_chat {
	int64_t id;
	int64_t created_at;
	const char *messages_json; /* borrowed during the callback */
};
int wb_chat_list(struct store *db, int64_t owner_id,
		 int (*fn)(void *ctx, const struct wb_chat *c), void *ctx) YK_WUR;
/* The owner's own only (YK_ENOTFOUND otherwise). */
int wb_chat_delete(struct store *db, int64_t owner_id, int64_t id) YK_WUR;

#endif
