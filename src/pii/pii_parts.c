/* pii/parts: the parts of a document (texts pasted one after another with
 * blank lines between, pii__part_next()) and a scan's candidates grouped
 * by the part their start lies in. Rules that take one place of a text as
 * evidence for another (a name written again, a speaker heard twice, "this
 * notice names nobody") ask them part by part, so that a document reads
 * each pasted text as the text alone is read. One collection serves
 * pii_bare.c's name rules and pii_public.c's notices.
 *
 * Pure functions of the folded text and the candidates; thread-safe as the
 * scanner that calls them.
 */
#include <stdlib.h>
#include <string.h>

#include "pii/pii_int.h"

int pii__parts_make(const struct pii__text *t, const struct pii__cands *c, size_t n,
		    struct pii__parts *g)
{
	memset(g, 0, sizeof(*g));
	if (pii__part_end(t, 0) == t->n)
		return 0;
	size_t at = 0, a, z, np = 0, cap = 0;
	while (pii__part_next(t, &at, &a, &z)) {
		if (np == cap) {
			cap = cap ? 2 * cap : 16;
			g->bound = yk_xrealloc(g->bound, 2 * cap * sizeof(*g->bound));
		}
		g->bound[2 * np] = a;
		g->bound[2 * np + 1] = z;
		np++;
	}
	g->n = np;
	pii__parts_group(g, c, n);
	return 1;
}

void pii__parts_group(struct pii__parts *g, const struct pii__cands *c, size_t n)
{
	free(g->first);
	free(g->idx);
	size_t np = g->n;
	size_t *part_of = yk_xmalloc((n ? n : 1) * sizeof(*part_of));
	g->first = yk_xcalloc(np + 2, sizeof(*g->first));
	for (size_t k = 0; k < n; k++) {
		part_of[k] = pii__parts_at(g, c->v[k].start);
		g->first[part_of[k] + 2]++;
	}
	for (size_t p = 0; p < np; p++)
		g->first[p + 2] += g->first[p + 1];
	g->idx = yk_xmalloc((n ? n : 1) * sizeof(*g->idx));
	for (size_t k = 0; k < n; k++)
		g->idx[g->first[part_of[k] + 1]++] = k;
	free(part_of);
}

size_t pii__parts_at(const struct pii__parts *g, size_t x)
{
	size_t lo = 0, hi = g->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (g->bound[2 * mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void pii__parts_release(struct pii__parts *g)
{
	free(g->bound);
	free(g->first);
	free(g->idx);
	memset(g, 0, sizeof(*g));
}
