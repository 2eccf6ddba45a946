/* pii/overlaps: "does a kept candidate overlap [s, e)?" as a look-up, for
 * the rules that ask it at every place a name is written again and for the
 * learned model's spans (pii_bare.c, pii_learn.c). A long document's list
 * holds thousands of candidates and a name repeated in a register is asked
 * about thousands of times: walking the list at each question cost the
 * square of the length (cell_names_repeat(), 8,000 identical rows).
 *
 * The candidates are kept in ascending runs of (start, largest end so far,
 * the candidate that has it): run 0 made from the whole list, the others
 * from the candidates added since, in the order they were added (a rule
 * adds its places ascending, so one run a walk). A run answers with one
 * binary search: one of its candidates starting before e reaches past s.
 * Too many runs, or added ones outnumbering the first run, make the
 * index again from the whole list. A candidate lowered to the floor since
 * it was noted is found out when it is the one that answers, and the
 * index is made again without it (no rule that asks lowers at the same
 * time, so this is rare; a "no" stays right whatever was lowered).
 *
 * Pure functions of the candidate list; thread-safe as the scanner that
 * calls them.
 */
#include <stdlib.h>
#include <string.h>

#include "pii/pii_int.h"

#define START_LESS(a, b) ((a)->start < (b)->start)
PII_DEFINE_RUNS_SORT(entries_sort, struct pii__overlap_entry, START_LESS)

/* How many of the run's n entries start before x. */
static size_t entries_below(const struct pii__overlap_entry *v, size_t n, size_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].start < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The candidates the index answers for: those before upto, or all. */
static size_t overlaps_limit(const struct pii__overlaps *x)
{
	return x->upto < x->c->n ? x->upto : x->c->n;
}

static int counts(const struct pii__overlaps *x, const struct pii_span *w)
{
	return w->confidence > x->floor;
}

/* Appends candidate k to run r, its largest end carried on. */
static void run_add(struct pii__overlaps *x, unsigned r, size_t k)
{
	const struct pii_span *w = &x->c->v[k];
	if (x->nrun[r] == x->caprun[r]) {
		x->caprun[r] = x->caprun[r] ? 2 * x->caprun[r] : 16;
		x->run[r] = yk_xrealloc(x->run[r], x->caprun[r] * sizeof(*x->run[r]));
	}
	struct pii__overlap_entry *v = x->run[r], *last = x->nrun[r] ? &v[x->nrun[r] - 1] : NULL;
	struct pii__overlap_entry *o = &v[x->nrun[r]++];
	o->start = w->start;
	o->maxend = w->end;
	o->who = k;
	if (last && last->maxend >= w->end) {
		o->maxend = last->maxend;
		o->who = last->who;
	}
}

/* Makes run 0 from every candidate before the limit that counts; the
 * other runs are emptied. */
static void overlaps_build(struct pii__overlaps *x)
{
	size_t m = overlaps_limit(x), n = 0;
	for (unsigned r = 1; r < x->runs; r++)
		x->nrun[r] = 0;
	x->runs = 1;
	if (x->caprun[0] < m) {
		free(x->run[0]);
		x->caprun[0] = m;
		x->run[0] = yk_xmalloc(m * sizeof(*x->run[0]));
	}
	struct pii__overlap_entry *v = x->run[0];
	for (size_t k = 0; k < m; k++) {
		const struct pii_span *w = &x->c->v[k];
		if (!counts(x, w))
			continue;
		v[n].start = w->start;
		v[n].maxend = w->end;
		v[n++].who = k;
	}
	entries_sort(v, n);
	for (size_t j = 1; j < n; j++)
		if (v[j - 1].maxend >= v[j].maxend) {
			v[j].maxend = v[j - 1].maxend;
			v[j].who = v[j - 1].who;
		}
	x->nrun[0] = n;
	x->seen = m;
}

/* Notes the candidates added since the last question: each goes on the
 * last run (the first too) when it starts at or after that run's last
 * start, else opens a run. */
static void overlaps_note(struct pii__overlaps *x)
{
	size_t m = overlaps_limit(x), side = 0;
	for (unsigned r = 1; r < x->runs; r++)
		side += x->nrun[r];
	for (size_t k = x->seen; k < m; k++) {
		const struct pii_span *w = &x->c->v[k];
		if (!counts(x, w))
			continue;
		unsigned r = x->runs - 1;
		if (x->nrun[r] && x->run[r][x->nrun[r] - 1].start > w->start) {
			if (x->runs == PII_OVERLAPS_RUNS || side >= x->nrun[0]) {
				overlaps_build(x);
				return;
			}
			r = x->runs++;
			x->nrun[r] = 0;
		}
		run_add(x, r, k);
		side++;
	}
	x->seen = m;
}

void pii__overlaps_init(struct pii__overlaps *x, const struct pii__cands *c, size_t upto,
			double floor)
{
	memset(x, 0, sizeof(*x));
	x->c = c;
	x->upto = upto;
	x->floor = floor;
}

int pii__overlaps_any(struct pii__overlaps *x, size_t s, size_t e)
{
	size_t m = overlaps_limit(x);
	if (!x->runs && m < PII_INDEX_MIN) {
		for (size_t k = 0; k < m; k++) {
			const struct pii_span *w = &x->c->v[k];
			if (w->start < e && w->end > s && counts(x, w))
				return 1;
		}
		return 0;
	}
	if (!x->runs)
		overlaps_build(x);
	else if (x->seen < m)
		overlaps_note(x);
	for (;;) {
		int stale = 0;
		for (unsigned r = 0; r < x->runs; r++) {
			size_t lo = entries_below(x->run[r], x->nrun[r], e);
			if (!lo || x->run[r][lo - 1].maxend <= s)
				continue;
			if (counts(x, &x->c->v[x->run[r][lo - 1].who]))
				return 1;
			stale = 1; /* lowered since: the index again, without it */
		}
		if (!stale)
			return 0;
		overlaps_build(x);
	}
}

void pii__overlaps_release(struct pii__overlaps *x)
{
	for (unsigned r = 0; r < PII_OVERLAPS_RUNS; r++)
		free(x->run[r]);
}
