/* qa: retrieval metrics with LocalgovFAQ's definitions (nDCG@10 with
 * gain = grade and log2(rank+1) discount, Recall@10, MRR, Hit@k on grade 2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qa/qa.h"
#include "core/banned.h"

static int grade_of(const char *id, const struct qa_judgement *j, size_t nj)
{
	for (size_t i = 0; i < nj; i++)
		if (strcmp(j[i].id, id) == 0)
			return j[i].grade;
	return 0;
}

static int cmp_grade_desc(const void *a, const void *b)
{
	return *(const int *)b - *(const int *)a;
}

void qa_metrics_add(struct qa_metrics *m, const char *const *ranked, size_t n,
		    const struct qa_judgement *j, size_t nj)
{
	size_t relevant = 0;
	int has_grade2 = 0;
	for (size_t i = 0; i < nj; i++) {
		relevant += j[i].grade >= 1;
		has_grade2 |= j[i].grade >= 2;
	}
	if (relevant == 0)
		return;
	double dcg = 0, idcg = 0, rr = 0;
	size_t found10 = 0, first2 = 0;
	for (size_t r = 0; r < n; r++) {
		int g = grade_of(ranked[r], j, nj);
		if (g >= 1 && rr == 0)
			rr = 1.0 / (double)(r + 1);
		if (r < 10) {
			dcg += g / log2((double)r + 2.0);
			found10 += g >= 1;
		}
		if (g >= 2 && !first2)
			first2 = r + 1;
	}
	int *grades = malloc(nj * sizeof(*grades));
	if (!grades)
		abort();
	for (size_t i = 0; i < nj; i++)
		grades[i] = j[i].grade;
	qsort(grades, nj, sizeof(*grades), cmp_grade_desc);
	for (size_t i = 0; i < nj && i < 10; i++)
		if (grades[i] > 0)
			idcg += grades[i] / log2((double)i + 2.0);
	free(grades);
	m->queries++;
	m->ndcg10 += idcg > 0 ? dcg / idcg : 0;
	m->recall10 += (double)found10 / (double)relevant;
	m->mrr += rr;
	if (has_grade2) {
		m->hit_queries++;
		m->hit1 += first2 >= 1 && first2 <= 1;
		m->hit3 += first2 >= 1 && first2 <= 3;
		m->hit10 += first2 >= 1 && first2 <= 10;
	}
}

void qa_metrics_finish(struct qa_metrics *m)
{
	double q = m->queries ? (double)m->queries : 1.0;
	double h = m->hit_queries ? (double)m->hit_queries : 1.0;
	m->ndcg10 /= q;
	m->recall10 /= q;
	m->mrr /= q;
	m->hit1 /= h;
	m->hit3 /= h;
	m->hit10 /= h;
}
