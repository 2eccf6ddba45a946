/* search/eval.c: retrieval quality metrics (nDCG@10, Recall@10, MRR,
 * Hit@k) over graded judgements. Pure arithmetic; the definitions are those
 * of the LocalgovFAQ README so that figures compare with published ones. */
#include <math.h>

#include "search/search.h"
#include "core/banned.h"

static int grade_in(const struct search_judgement *j, size_t nj, int64_t id)
{
	for (size_t i = 0; i < nj; i++)
		if (j[i].id == id)
			return j[i].grade;
	return 0;
}

void search_eval_add(struct search_eval *e, const int64_t *ranked, size_t nranked,
		     const struct search_judgement *judged, size_t njudged)
{
	int grades[SEARCH_EVAL_MAX_JUDGED];
	size_t ng = 0;
	int top = e->top_grade > 0 ? e->top_grade : 2;
	int has_top = 0;
	if (njudged > SEARCH_EVAL_MAX_JUDGED)
		njudged = SEARCH_EVAL_MAX_JUDGED;
	for (size_t i = 0; i < njudged; i++) {
		if (judged[i].grade <= 0)
			continue;
		grades[ng++] = judged[i].grade;
		if (judged[i].grade >= top)
			has_top = 1;
	}
	if (ng == 0)
		return;
	/* Ideal DCG: the ten best grades, best first (insertion sort, ng small). */
	for (size_t i = 1; i < ng; i++) {
		int g = grades[i];
		size_t k = i;
		while (k > 0 && grades[k - 1] < g) {
			grades[k] = grades[k - 1];
			k--;
		}
		grades[k] = g;
	}
	double idcg = 0, dcg = 0, rr = 0;
	for (size_t i = 0; i < ng && i < 10; i++)
		idcg += grades[i] / log2((double)i + 2);
	size_t found10 = 0, first_top = 0;
	for (size_t r = 0; r < nranked; r++) {
		int g = grade_in(judged, njudged, ranked[r]);
		if (r < 10 && g > 0) {
			dcg += g / log2((double)r + 2);
			found10++;
		}
		if (g > 0 && rr == 0)
			rr = 1.0 / (double)(r + 1);
		if (g >= top && first_top == 0)
			first_top = r + 1;
	}
	e->queries++;
	e->ndcg10 += dcg / idcg;
	e->recall10 += (double)found10 / (double)ng;
	e->mrr += rr;
	if (has_top) {
		e->queries_top++;
		e->hit1 += first_top == 1;
		e->hit3 += first_top >= 1 && first_top <= 3;
		e->hit10 += first_top >= 1 && first_top <= 10;
	}
}

void search_eval_mean(const struct search_eval *e, struct search_eval *mean)
{
	double n = e->queries ? (double)e->queries : 1, n2 = e->queries_top ? (double)e->queries_top : 1;
	memset(mean, 0, sizeof(*mean));
	mean->top_grade = e->top_grade;
	mean->queries = e->queries;
	mean->queries_top = e->queries_top;
	mean->ndcg10 = e->ndcg10 / n;
	mean->recall10 = e->recall10 / n;
	mean->mrr = e->mrr / n;
	mean->hit1 = e->hit1 / n2;
	mean->hit3 = e->hit3 / n2;
	mean->hit10 = e->hit10 / n2;
}
