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
#include "store/store.h"

struct auth_actor;

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

#endif
