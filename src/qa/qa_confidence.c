/* qa/qa_confidence.c: the chance that the top entry answers the question,
 * which the answer decision thresholds (qa_decide, setting
 * qa_answer_min_confidence), and the fit of that model for `yakuba eval`.
 *
 * A logistic model over four features of the ranking (qa.h,
 * QA_CONF_FEATURES): the top score, its lead over the third hit, and how
 * much of the question's content the top entry covers in its own question
 * and anywhere (search_hit.qcov, qa_rank_info.qcov_all). Its coefficients
 * were fitted on the LocalgovFAQ dev split by qa_confidence_fit() (`yakuba
 * eval --curve` prints them); docs/decisions/0019 says how they were
 * measured two-fold. Pure functions: no state, thread-safe.
 */
#include <math.h>
#include <string.h>

#include "qa/qa.h"
#include "core/banned.h"

/* Fitted on all 375 judged dev questions (`yakuba eval --curve`, "model
 * fitted on all judged questions"); bias first, then the features in the
 * order of qa_confidence_features(). */
static const struct qa_confidence_model builtin = {
	{-0.9666, 6.1462, 7.0058, -2.9562, -1.9832},
};

void qa_confidence_features(const struct qa_rank_info *info, double x[QA_CONF_FEATURES])
{
	x[0] = info->top;
	x[1] = info->lead;
	x[2] = info->qcov;
	x[3] = info->qcov_all;
}

float qa_confidence(const struct qa_confidence_model *m, const struct qa_rank_info *info)
{
	if (!m)
		m = &builtin;
	if (info->top_id == 0)
		return 0;
	double x[QA_CONF_FEATURES], s = m->w[0];
	qa_confidence_features(info, x);
	for (size_t i = 0; i < QA_CONF_FEATURES; i++)
		s += m->w[i + 1] * x[i];
	return (float)(1.0 / (1.0 + exp(-s)));
}

/* ---- the fit (Newton's method on the L2-penalised log-likelihood) -------------- */

#define K (QA_CONF_FEATURES + 1)

/* Solves a x = b in place (Gauss-Jordan with partial pivoting); 0, or -1
 * when a is singular. */
static int solve(double a[K][K], double b[K])
{
	for (size_t c = 0; c < K; c++) {
		size_t piv = c;
		for (size_t r = c + 1; r < K; r++)
			if (fabs(a[r][c]) > fabs(a[piv][c]))
				piv = r;
		if (fabs(a[piv][c]) < 1e-12)
			return -1;
		if (piv != c) {
			double t[K];
			memcpy(t, a[c], sizeof(t));
			memcpy(a[c], a[piv], sizeof(t));
			memcpy(a[piv], t, sizeof(t));
			double u = b[c];
			b[c] = b[piv];
			b[piv] = u;
		}
		for (size_t r = 0; r < K; r++) {
			if (r == c)
				continue;
			double f = a[r][c] / a[c][c];
			for (size_t k = c; k < K; k++)
				a[r][k] -= f * a[c][k];
			b[r] -= f * b[c];
		}
	}
	for (size_t c = 0; c < K; c++)
		b[c] /= a[c][c];
	return 0;
}

int qa_confidence_fit(const struct qa_rank_info *info, const int *label, size_t n, size_t from,
		      size_t step, double l2, struct qa_confidence_model *out)
{
	/* Standardised features, so that one penalty suits them all; the
	 * coefficients go back to raw units at the end. */
	double mu[QA_CONF_FEATURES] = {0}, sd[QA_CONF_FEATURES] = {0};
	size_t m = 0;
	for (size_t i = from; i < n; i += step, m++) {
		double x[QA_CONF_FEATURES];
		qa_confidence_features(&info[i], x);
		for (size_t j = 0; j < QA_CONF_FEATURES; j++)
			mu[j] += x[j];
	}
	if (m < 2 || step == 0)
		return YK_EINVAL;
	for (size_t j = 0; j < QA_CONF_FEATURES; j++)
		mu[j] /= (double)m;
	for (size_t i = from; i < n; i += step) {
		double x[QA_CONF_FEATURES];
		qa_confidence_features(&info[i], x);
		for (size_t j = 0; j < QA_CONF_FEATURES; j++)
			sd[j] += (x[j] - mu[j]) * (x[j] - mu[j]);
	}
	for (size_t j = 0; j < QA_CONF_FEATURES; j++) {
		sd[j] = sqrt(sd[j] / (double)m);
		if (sd[j] < 1e-9)
			sd[j] = 1;
	}
	double w[K] = {0};
	for (int it = 0; it < 100; it++) {
		double g[K] = {0}, h[K][K];
		memset(h, 0, sizeof(h));
		for (size_t i = from; i < n; i += step) {
			double x[QA_CONF_FEATURES], z[K] = {1};
			qa_confidence_features(&info[i], x);
			for (size_t j = 0; j < QA_CONF_FEATURES; j++)
				z[j + 1] = (x[j] - mu[j]) / sd[j];
			double s = 0;
			for (size_t j = 0; j < K; j++)
				s += w[j] * z[j];
			double p = 1.0 / (1.0 + exp(-s)), y = label[i] ? 1.0 : 0.0;
			for (size_t a = 0; a < K; a++) {
				g[a] += (p - y) * z[a];
				for (size_t b = 0; b < K; b++)
					h[a][b] += p * (1 - p) * z[a] * z[b];
			}
		}
		for (size_t a = 1; a < K; a++) {
			g[a] += l2 * w[a];
			h[a][a] += l2;
		}
		if (solve(h, g) != 0)
			return YK_EINVAL;
		double step_max = 0;
		for (size_t a = 0; a < K; a++) {
			w[a] -= g[a];
			if (fabs(g[a]) > step_max)
				step_max = fabs(g[a]);
		}
		if (step_max < 1e-9)
			break;
	}
	out->w[0] = w[0];
	for (size_t j = 0; j < QA_CONF_FEATURES; j++) {
		out->w[j + 1] = w[j + 1] / sd[j];
		out->w[0] -= w[j + 1] * mu[j] / sd[j];
	}
	return 0;
}
