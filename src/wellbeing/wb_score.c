/* wellbeing/score: both high-stress methods of SPEC §2 (合計点数法 and
 * 素点換算表), the parsers of the `stresscheck score` input, and the
 * 仕事のストレス判定図 of SPEC §3 with the group accumulator. Pure. */
#include <math.h>

#include "wellbeing.h"
#include "core/banned.h"

/* Scales of the 判定図 (indices into wb_scales(), SPEC §3.1). */
#define J_QUANT 0   /* 心理的な仕事の負担（量） */
#define J_CONTROL 5 /* 仕事のコントロール度 */
#define J_BOSS 15   /* 上司からのサポート */
#define J_PEER 16   /* 同僚からのサポート */

void wb_thresholds_default(struct wb_thresholds *t)
{
	t->sum_b_high = 77;
	t->sum_ac_high = 76;
	t->sum_b_mid = 63;
	t->soten_b_high = 12;
	t->soten_ac_high = 26;
	t->soten_b_mid = 17;
}

void wb_thresholds_from_settings(struct store *db, struct wb_thresholds *t)
{
	t->sum_b_high = (int)store_setting_int(db, "stress_sum_b_high");
	t->sum_ac_high = (int)store_setting_int(db, "stress_sum_ac_high");
	t->sum_b_mid = (int)store_setting_int(db, "stress_sum_b_mid");
	t->soten_b_high = (int)store_setting_int(db, "stress_soten_b_high");
	t->soten_ac_high = (int)store_setting_int(db, "stress_soten_ac_high");
	t->soten_b_mid = (int)store_setting_int(db, "stress_soten_b_mid");
}

int wb_score_sheet(const unsigned char answers[WB_ITEMS], enum wb_sex sex,
		   const struct wb_thresholds *t, struct wb_score *out)
{
	const struct wb_item *it = wb_items();
	const struct wb_scale *sc = wb_scales();
	memset(out, 0, sizeof(*out));
	if (sex != WB_SEX_MALE && sex != WB_SEX_FEMALE)
		return YK_EINVAL;
	for (int i = 0; i < WB_ITEMS; i++) {
		int x = answers[i];
		if (x < 1 || x > 4)
			return YK_EINVAL;
		int sum_value = it[i].sum_reversed ? 5 - x : x;
		switch (it[i].domain) {
		case 'A': out->sum_a += sum_value; break;
		case 'B': out->sum_b += sum_value; break;
		case 'C': out->sum_c += sum_value; break;
		default: break; /* D is not used by either method */
		}
		out->raw[it[i].scale] += it[i].soten_reversed ? 5 - x : x;
	}
	for (int s = 0; s < WB_SCALES; s++) {
		out->points[s] = wb_soten_points(s, sex, out->raw[s]);
		if (s >= WB_SCALES_JUDGED)
			continue;
		switch (sc[s].domain) {
		case 'A': out->soten_a += out->points[s]; break;
		case 'B': out->soten_b += out->points[s]; break;
		default: out->soten_c += out->points[s]; break;
		}
	}
	out->sum_high = out->sum_b >= t->sum_b_high ||
			(out->sum_a + out->sum_c >= t->sum_ac_high && out->sum_b >= t->sum_b_mid);
	out->soten_high = out->soten_b <= t->soten_b_high ||
			  (out->soten_a + out->soten_c <= t->soten_ac_high &&
			   out->soten_b <= t->soten_b_mid);
	return 0;
}

int wb_score_high(const struct wb_score *s, enum wb_method m)
{
	return m == WB_METHOD_SOTEN ? s->soten_high : s->sum_high;
}

static int eq(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

int wb_sex_parse(const char *s, size_t len, enum wb_sex *out)
{
	*out = WB_SEX_NONE;
	if (eq(s, len, "M") || eq(s, len, "m") || eq(s, len, "男") || eq(s, len, "男性") ||
	    eq(s, len, "male") || eq(s, len, "1"))
		*out = WB_SEX_MALE;
	else if (eq(s, len, "F") || eq(s, len, "f") || eq(s, len, "女") || eq(s, len, "女性") ||
		 eq(s, len, "female") || eq(s, len, "2"))
		*out = WB_SEX_FEMALE;
	return *out ? 0 : YK_EINVAL;
}

const char *wb_sex_code(enum wb_sex sex)
{
	return sex == WB_SEX_MALE ? "M" : sex == WB_SEX_FEMALE ? "F" : "";
}

int wb_score_line_parse(const char *s, size_t len, enum wb_sex *sex,
			unsigned char answers[WB_ITEMS], struct yk_errinfo *ei)
{
	if (len && s[len - 1] == '\r')
		len--;
	const char *tab = memchr(s, '\t', len);
	if (!tab)
		return yk_errinfo_set(ei, YK_EINVAL, "性別と回答の間にタブがありません");
	size_t sl = (size_t)(tab - s);
	if (wb_sex_parse(s, sl, sex))
		return yk_errinfo_set(ei, YK_EINVAL, "性別は M / F / 男 / 女 のいずれかで指定してください");
	const char *a = tab + 1;
	size_t al = len - sl - 1;
	if (al != WB_ITEMS)
		return yk_errinfo_set(ei, YK_EINVAL, "回答は 57 桁の数字が必要です（%zu 文字あります）", al);
	for (size_t i = 0; i < al; i++) {
		if (a[i] < '1' || a[i] > '4')
			return yk_errinfo_set(ei, YK_EINVAL, "問%zu の回答は 1〜4 の数字で指定してください", i + 1);
		answers[i] = (unsigned char)(a[i] - '0');
	}
	return 0;
}

/* ---- 判定図 ---------------------------------------------------------------- */

void wb_judge_defaults(enum wb_sex sex, struct wb_judge_constants *out)
{
	static const struct wb_judge_constants male = {{8.7, 7.9, 7.5, 8.1},
						       {0.076, -0.089, -0.097, -0.097}};
	static const struct wb_judge_constants female = {{7.9, 7.2, 6.6, 8.2},
							 {0.048, -0.056, -0.097, -0.097}};
	*out = sex == WB_SEX_FEMALE ? female : male;
}

int wb_judge_parse4(const char *s, double out[4])
{
	const char *p = s;
	for (int i = 0; i < 4; i++) {
		char *end;
		while (*p == ' ')
			p++;
		double v = strtod(p, &end);
		if (end == p || !isfinite(v) || fabs(v) > 1000)
			return YK_EINVAL;
		out[i] = v;
		p = end;
		while (*p == ' ')
			p++;
		if (i < 3 && *p++ != ',')
			return YK_EINVAL;
	}
	return *p ? YK_EINVAL : 0;
}

void wb_judge_from_settings(struct store *db, enum wb_sex sex, struct wb_judge_constants *out)
{
	wb_judge_defaults(sex, out);
	char v[STORE_SETTING_MAX_VALUE];
	double tmp[4];
	int male = sex != WB_SEX_FEMALE;
	if (store_setting_get(db, male ? "stress_judge_male_means" : "stress_judge_female_means", v,
			      sizeof(v)) == 0 &&
	    wb_judge_parse4(v, tmp) == 0)
		memcpy(out->mean, tmp, sizeof(tmp));
	if (store_setting_get(db, male ? "stress_judge_male_coefs" : "stress_judge_female_coefs", v,
			      sizeof(v)) == 0 &&
	    wb_judge_parse4(v, tmp) == 0)
		memcpy(out->coef, tmp, sizeof(tmp));
}

void wb_health_risk(const struct wb_judge_constants *k, double q, double c, double s, double w,
		    struct wb_health_risk *out)
{
	out->a = 100.0 * exp((q - k->mean[0]) * k->coef[0] + (c - k->mean[1]) * k->coef[1]);
	out->b = 100.0 * exp((s - k->mean[2]) * k->coef[2] + (w - k->mean[3]) * k->coef[3]);
	out->total = out->a * out->b / 100.0;
}

void wb_group_add(struct wb_group *g, enum wb_sex sex, const unsigned char answers[WB_ITEMS],
		  const struct wb_score *s)
{
	static const int judged[4] = {J_QUANT, J_CONTROL, J_BOSS, J_PEER};
	g->n++;
	g->n_sex[sex]++;
	g->high_sum += s->sum_high;
	g->high_soten += s->soten_high;
	for (int k = 0; k < 4; k++)
		g->judge_sum[sex][k] += s->raw[judged[k]];
	for (int i = 0; i < WB_SCALES; i++)
		g->raw_sum[i] += s->raw[i];
	for (int i = 0; i < WB_ITEMS; i++)
		g->total57_sum += answers[i];
}

void wb_group_figures(const struct wb_group *g, const struct wb_judge_constants *male,
		      const struct wb_judge_constants *female, struct wb_group_figures *out)
{
	memset(out, 0, sizeof(*out));
	out->n = g->n;
	out->n_male = g->n_sex[WB_SEX_MALE];
	out->n_female = g->n_sex[WB_SEX_FEMALE];
	out->high_sum = g->high_sum;
	out->high_soten = g->high_soten;
	if (g->n == 0)
		return;
	for (int i = 0; i < WB_SCALES; i++)
		out->scale_mean[i] = g->raw_sum[i] / g->n;
	out->total57_mean = g->total57_sum / g->n;
	int weighted = 0;
	for (int sx = WB_SEX_MALE; sx <= WB_SEX_FEMALE; sx++) {
		int n = g->n_sex[sx];
		if (!n)
			continue;
		out->has_sex[sx] = 1;
		for (int k = 0; k < 4; k++)
			out->judge_mean[sx][k] = g->judge_sum[sx][k] / n;
		const double *m = out->judge_mean[sx];
		wb_health_risk(sx == WB_SEX_MALE ? male : female, m[0], m[1], m[2], m[3], &out->risk[sx]);
		/* 男女計: respondent-count-weighted reference (SPEC §3.4). */
		out->risk[0].a += out->risk[sx].a * n;
		out->risk[0].b += out->risk[sx].b * n;
		out->risk[0].total += out->risk[sx].total * n;
		weighted += n;
	}
	if (weighted) {
		out->has_sex[0] = 1;
		out->risk[0].a /= weighted;
		out->risk[0].b /= weighted;
		out->risk[0].total /= weighted;
	}
}
