/* search/semantic.c: term vectors learned from the collection itself (LSA),
 * and the question-to-entry similarity the rerank can use.
 *
 * No pretrained model: at build time the index's own forward lists give a
 * document x term matrix (content lemmas and compounds, log tf x idf, rows
 * of unit length), and a randomized truncated SVD (Halko, Martinsson and
 * Tropp: a Gaussian sketch, power iterations, Cholesky QR, Jacobi on the
 * small l x l problem) gives each term a vector V S^(1/2). An entry's
 * vector is the idf-weighted sum of the vectors of its question's terms
 * (the rerank's "about" field), a query's the same over its own terms;
 * the feature is their cosine. Learned once for a base index
 * (search_index_semantic_build, called where a first base is made final)
 * and read-only after, so any number of queries read it without a lock.
 * Documents added later (an overlay, or a builder after the build) get
 * their vector folded in at query time from their forward lists, with the
 * idf of the terms as learned; terms the model did not see count as
 * absent. A merge keeps the term vectors and folds the overlay in once
 * (search__semantic_merged); learning again is the caller's choice, off
 * the request path (search_semantic_learn, docs/search.md).
 */
#include <math.h>

#include "search/search_int.h"
#include "core/banned.h"

#define SEM_OVERSAMPLE 16u
#define SEM_POWER_ITERS 2
#define SEM_MIN_DF 2u

static int sem_term_kept(const struct search__fwd *fw)
{
	unsigned k = search__fwd_kind(fw);
	return (k == TEXT_TOKEN_LEMMA || k == TEXT_TOKEN_COMPOUND) &&
	       !(search__fwd_flags(fw) & TEXT_TOKEN_STOP);
}

static float sem_idf(uint32_t n, uint32_t df)
{
	return logf(1.0f + ((float)n - (float)df + 0.5f) / ((float)df + 0.5f));
}

/* A deterministic standard normal (xorshift64* and Box-Muller): the same
 * collection gives the same model on every start. */
static double sem_gauss(uint64_t *st)
{
	double u[2];
	for (int i = 0; i < 2; i++) {
		*st ^= *st >> 12;
		*st ^= *st << 25;
		*st ^= *st >> 27;
		uint64_t r = *st * 2685821657736338717ull;
		u[i] = ((double)(r >> 11) + 0.5) / 9007199254740992.0;
	}
	return sqrt(-2.0 * log(u[0])) * cos(6.283185307179586 * u[1]);
}

/* Orthonormalises the l columns of the row-major n x l matrix m in place
 * (Cholesky QR, twice for accuracy). Columns that are numerically
 * dependent become zero. */
static void sem_orth(float *m, size_t n, size_t l)
{
	double *g = yk_xmalloc(l * l * sizeof(double));
	for (int pass = 0; pass < 2; pass++) {
		memset(g, 0, l * l * sizeof(double));
		for (size_t i = 0; i < n; i++) {
			const float *r = m + i * l;
			for (size_t a = 0; a < l; a++) {
				double ra = r[a];
				if (ra == 0)
					continue;
				for (size_t b = a; b < l; b++)
					g[a * l + b] += ra * r[b];
			}
		}
		/* g = R^T R, R upper triangular, stored in g's upper part. */
		for (size_t a = 0; a < l; a++) {
			double d = g[a * l + a];
			for (size_t k = 0; k < a; k++)
				d -= g[k * l + a] * g[k * l + a];
			double rd = d > 1e-12 ? sqrt(d) : 0;
			g[a * l + a] = rd;
			for (size_t b = a + 1; b < l; b++) {
				double v = g[a * l + b];
				for (size_t k = 0; k < a; k++)
					v -= g[k * l + a] * g[k * l + b];
				g[a * l + b] = rd > 0 ? v / rd : 0;
			}
		}
		/* m = m R^-1, row by row (forward substitution). */
		double *x = yk_xmalloc(l * sizeof(double));
		for (size_t i = 0; i < n; i++) {
			float *r = m + i * l;
			for (size_t b = 0; b < l; b++) {
				double v = r[b];
				for (size_t k = 0; k < b; k++)
					v -= x[k] * g[k * l + b];
				x[b] = g[b * l + b] > 0 ? v / g[b * l + b] : 0;
			}
			for (size_t b = 0; b < l; b++)
				r[b] = (float)x[b];
		}
		free(x);
	}
	free(g);
}

/* Eigen-decomposition of the symmetric l x l matrix a (destroyed) by
 * cyclic Jacobi rotations: eigenvalues in ev, eigenvectors in the
 * columns of w (row-major). */
static void sem_jacobi(double *a, size_t l, double *ev, double *w)
{
	for (size_t i = 0; i < l; i++)
		for (size_t j = 0; j < l; j++)
			w[i * l + j] = i == j;
	for (int sweep = 0; sweep < 60; sweep++) {
		double off = 0, tot = 0;
		for (size_t i = 0; i < l; i++)
			for (size_t j = 0; j < l; j++) {
				tot += a[i * l + j] * a[i * l + j];
				if (i != j)
					off += a[i * l + j] * a[i * l + j];
			}
		if (off <= 1e-22 * tot)
			break;
		for (size_t p = 0; p < l; p++)
			for (size_t q = p + 1; q < l; q++) {
				double apq = a[p * l + q];
				if (fabs(apq) < 1e-300)
					continue;
				double th = (a[q * l + q] - a[p * l + p]) / (2 * apq);
				double t = (th >= 0 ? 1.0 : -1.0) / (fabs(th) + sqrt(th * th + 1));
				double c = 1 / sqrt(t * t + 1), s = t * c;
				for (size_t k = 0; k < l; k++) {
					double akp = a[k * l + p], akq = a[k * l + q];
					a[k * l + p] = c * akp - s * akq;
					a[k * l + q] = s * akp + c * akq;
				}
				for (size_t k = 0; k < l; k++) {
					double apk = a[p * l + k], aqk = a[q * l + k];
					a[p * l + k] = c * apk - s * aqk;
					a[q * l + k] = s * apk + c * aqk;
				}
				for (size_t k = 0; k < l; k++) {
					double wkp = w[k * l + p], wkq = w[k * l + q];
					w[k * l + p] = c * wkp - s * wkq;
					w[k * l + q] = s * wkp + c * wkq;
				}
			}
	}
	for (size_t i = 0; i < l; i++)
		ev[i] = a[i * l + i];
}

/* The sparse document x term matrix: CSR over live slots. */
struct sem_csr {
	uint32_t nrows, ncols;
	uint32_t *rowptr; /* nrows + 1 */
	uint32_t *col;
	float *val;
};

static void sem_csr_release(struct sem_csr *x)
{
	free(x->rowptr);
	free(x->col);
	free(x->val);
}

/* y (nrows x l) = X z (z: ncols x l) */
static void sem_mul(const struct sem_csr *x, const float *z, float *y, size_t l)
{
	memset(y, 0, (size_t)x->nrows * l * sizeof(float));
	for (uint32_t i = 0; i < x->nrows; i++) {
		float *yr = y + (size_t)i * l;
		for (uint32_t e = x->rowptr[i]; e < x->rowptr[i + 1]; e++) {
			const float *zr = z + (size_t)x->col[e] * l;
			float v = x->val[e];
			for (size_t c = 0; c < l; c++)
				yr[c] += v * zr[c];
		}
	}
}

/* z (ncols x l) = X^T y (y: nrows x l) */
static void sem_mul_t(const struct sem_csr *x, const float *y, float *z, size_t l)
{
	memset(z, 0, (size_t)x->ncols * l * sizeof(float));
	for (uint32_t i = 0; i < x->nrows; i++) {
		const float *yr = y + (size_t)i * l;
		for (uint32_t e = x->rowptr[i]; e < x->rowptr[i + 1]; e++) {
			float *zr = z + (size_t)x->col[e] * l;
			float v = x->val[e];
			for (size_t c = 0; c < l; c++)
				zr[c] += v * yr[c];
		}
	}
}

static void sem_terms_unref(struct search__semterms *t)
{
	if (!t || atomic_fetch_sub_explicit(&t->refs, 1, memory_order_acq_rel) != 1)
		return;
	free(t->row);
	free(t->tvec);
	free(t->idf);
	free(t);
}

void search__semantic_unref(struct search__semantic *m)
{
	if (!m || atomic_fetch_sub_explicit(&m->refs, 1, memory_order_acq_rel) != 1)
		return;
	sem_terms_unref(m->terms);
	free(m->dvec);
	free(m);
}

/* A model over the term vectors t (a reference taken) with room for the
 * entry vectors of ndocs slots. */
static struct search__semantic *sem_new(struct search__semterms *t, uint32_t ndocs)
{
	struct search__semantic *m = yk_xcalloc(1, sizeof(*m));
	atomic_init(&m->refs, 1);
	atomic_fetch_add_explicit(&t->refs, 1, memory_order_relaxed);
	m->terms = t;
	m->dim = t->dim;
	m->nterms = t->nterms;
	m->nvec = t->nvec;
	m->row = t->row;
	m->tvec = t->tvec;
	m->idf = t->idf;
	m->ndocs = ndocs;
	m->dvec = yk_xcalloc((size_t)(ndocs ? ndocs : 1) * m->dim, sizeof(float));
	return m;
}

/* Vocabulary: kept terms (content lemma / compound) in >= SEM_MIN_DF live
 * documents; row[t] is the term's column, UINT32_MAX when not kept. */
static uint32_t sem_vocab(const struct search_index *idx, uint32_t *row)
{
	uint8_t *kept = yk_xcalloc(idx->nterms ? idx->nterms : 1, 1);
	for (uint32_t s = 0; s < idx->ndocs; s++) {
		const struct search__doc *d = &idx->docs[s];
		if (!idx->dhot[s].live)
			continue;
		for (uint32_t e = 0; e < d->nfwd; e++)
			if (d->fwd[e].field != SEARCH_FIELD_ASKED && sem_term_kept(&d->fwd[e]))
				kept[d->fwd[e].term] = 1;
	}
	uint32_t n = 0;
	for (uint32_t t = 0; t < idx->nterms; t++)
		row[t] = kept[t] && idx->terms[t].df >= SEM_MIN_DF ? n++ : UINT32_MAX;
	free(kept);
	return n;
}

static void sem_matrix(const struct search_index *idx, const uint32_t *row, uint32_t ncols,
		       struct sem_csr *x)
{
	x->nrows = idx->nlive;
	x->ncols = ncols;
	x->rowptr = yk_xmalloc(((size_t)x->nrows + 1) * sizeof(uint32_t));
	size_t cap = 1024, nnz = 0;
	x->col = yk_xmalloc(cap * sizeof(uint32_t));
	x->val = yk_xmalloc(cap * sizeof(float));
	uint32_t *tf = yk_xcalloc(ncols ? ncols : 1, sizeof(uint32_t));
	uint32_t *seen = yk_xmalloc((ncols ? ncols : 1) * sizeof(uint32_t));
	uint32_t r = 0;
	for (uint32_t s = 0; s < idx->ndocs; s++) {
		const struct search__doc *d = &idx->docs[s];
		if (!idx->dhot[s].live)
			continue;
		x->rowptr[r] = (uint32_t)nnz;
		uint32_t nseen = 0;
		for (uint32_t e = 0; e < d->nfwd; e++) {
			const struct search__fwd *fw = &d->fwd[e];
			if (fw->field == SEARCH_FIELD_ASKED || !sem_term_kept(fw))
				continue;
			uint32_t c = row[fw->term];
			if (c == UINT32_MAX)
				continue;
			if (tf[c]++ == 0)
				seen[nseen++] = c;
		}
		if (nnz + nseen > cap) {
			while (nnz + nseen > cap)
				cap *= 2;
			x->col = yk_xrealloc(x->col, cap * sizeof(uint32_t));
			x->val = yk_xrealloc(x->val, cap * sizeof(float));
		}
		for (uint32_t i = 0; i < nseen; i++) {
			uint32_t c = seen[i];
			x->col[nnz + i] = c;
			x->val[nnz + i] = 1.0f + logf((float)tf[c]); /* idf: sem_weight */
			tf[c] = 0;
		}
		nnz += nseen;
		r++;
	}
	x->rowptr[r] = (uint32_t)nnz;
	free(tf);
	free(seen);
}

static void sem_weight(const struct search_index *idx, const uint32_t *row, struct sem_csr *x)
{
	float *idf = yk_xmalloc((x->ncols ? x->ncols : 1) * sizeof(float));
	for (uint32_t t = 0; t < idx->nterms; t++)
		if (row[t] != UINT32_MAX)
			idf[row[t]] = sem_idf(idx->nlive, idx->terms[t].df);
	for (uint32_t i = 0; i < x->nrows; i++) {
		double norm = 0;
		for (uint32_t e = x->rowptr[i]; e < x->rowptr[i + 1]; e++) {
			x->val[e] *= idf[x->col[e]];
			norm += (double)x->val[e] * x->val[e];
		}
		float inv = norm > 0 ? (float)(1.0 / sqrt(norm)) : 0;
		for (uint32_t e = x->rowptr[i]; e < x->rowptr[i + 1]; e++)
			x->val[e] *= inv;
	}
	free(idf);
}

/* The entry vector of slot (of part x) into out[dim], unit length or all
 * zero: the idf-weighted sum of the model's vectors of the about field's
 * distinct kept terms, each weighted by its idf when the model was
 * learned. Terms of x are looked up in base by text when x is not the
 * base. */
void search__semantic_doc_vec(const struct search__semantic *m, const struct search_index *base,
			      const struct search_index *x, uint32_t slot, float *out)
{
	uint32_t dim = m->dim;
	memset(out, 0, dim * sizeof(float));
	const struct search__dhot *h = &x->dhot[slot];
	int f = h->len[SEARCH_FIELD_QUESTION] > 0 ? SEARCH_FIELD_QUESTION
		: h->len[SEARCH_FIELD_TITLE] > 0  ? SEARCH_FIELD_TITLE
						  : -1;
	if (f < 0)
		return;
	const struct search__doc *d = &x->docs[slot];
	uint32_t done[64];
	uint32_t ndone = 0;
	for (uint32_t e = d->field_begin[f]; e < d->field_begin[f + 1]; e++) {
		const struct search__fwd *fw = &d->fwd[e];
		if (!sem_term_kept(fw))
			continue;
		uint32_t t = fw->term;
		if (x != base) {
			const struct search__term *tr = &x->terms[t];
			t = search__term_find(base, x->pool + tr->str_off, tr->str_len);
			if (t == UINT32_MAX)
				continue;
		}
		if (t >= m->nterms || m->row[t] == UINT32_MAX)
			continue;
		int dup = 0;
		for (uint32_t i = 0; i < ndone && !dup; i++)
			dup = done[i] == t;
		if (dup)
			continue;
		if (ndone < 64)
			done[ndone++] = t;
		uint32_t r = m->row[t];
		search__semantic_axpy(out, m->idf[r], m->tvec + (size_t)r * dim, dim);
	}
	double n2 = 0;
	for (uint32_t c = 0; c < dim; c++)
		n2 += (double)out[c] * out[c];
	if (n2 <= 0)
		return;
	float inv = (float)(1.0 / sqrt(n2));
	for (uint32_t c = 0; c < dim; c++)
		out[c] *= inv;
}

struct search__semantic *search__semantic_build(const struct search_index *idx, unsigned dim)
{
	if (dim == 0 || idx->nlive < SEARCH_SEMANTIC_MIN_DOCS)
		return NULL;
	if (dim > SEARCH_SEMANTIC_MAX_DIM)
		dim = SEARCH_SEMANTIC_MAX_DIM;
	struct search__semantic *m = NULL;
	struct sem_csr x = {0};
	float *omega = NULL, *y = NULL, *z = NULL;
	double *c = NULL, *ev = NULL, *w = NULL;
	uint32_t *row = yk_xmalloc((idx->nterms ? idx->nterms : 1) * sizeof(uint32_t));
	uint32_t ncols = sem_vocab(idx, row);
	/* A small vocabulary or collection bounds the rank. */
	size_t l = (size_t)dim + SEM_OVERSAMPLE;
	if (l > ncols)
		l = ncols;
	if (l > idx->nlive)
		l = idx->nlive;
	if (dim > l)
		dim = (unsigned)l;
	if (dim < 2) {
		free(row);
		return NULL;
	}
	sem_matrix(idx, row, ncols, &x);
	sem_weight(idx, row, &x);

	/* Range of X: Y = X Omega, refined by power iterations. A term's row
	 * of Omega is seeded by the term's text, so that the same documents
	 * give the same model whatever the term ids and slot order (a merged
	 * base and a rebuilt one). */
	omega = yk_xmalloc((size_t)ncols * l * sizeof(float));
	for (uint32_t t = 0; t < idx->nterms; t++) {
		if (row[t] == UINT32_MAX)
			continue;
		const struct search__term *tr = &idx->terms[t];
		uint64_t st = 0x9E3779B97F4A7C15ull;
		for (uint32_t i = 0; i < tr->str_len; i++)
			st = (st ^ (uint8_t)idx->pool[tr->str_off + i]) * 0x100000001B3ull;
		if (st == 0)
			st = 1;
		float *om = omega + (size_t)row[t] * l;
		for (size_t i = 0; i < l; i++)
			om[i] = (float)sem_gauss(&st);
	}
	y = yk_xmalloc((size_t)x.nrows * l * sizeof(float));
	z = omega; /* ncols x l, reused */
	sem_mul(&x, omega, y, l);
	for (int it = 0; it < SEM_POWER_ITERS; it++) {
		sem_orth(y, x.nrows, l);
		sem_mul_t(&x, y, z, l);
		sem_orth(z, ncols, l);
		sem_mul(&x, z, y, l);
	}
	sem_orth(y, x.nrows, l);
	/* Bt = X^T Q (ncols x l); B B^T = Bt^T Bt = W diag(ev) W^T. */
	sem_mul_t(&x, y, z, l);
	c = yk_xcalloc(l * l, sizeof(double));
	for (size_t j = 0; j < ncols; j++) {
		const float *r = z + j * l;
		for (size_t a = 0; a < l; a++)
			for (size_t b = a; b < l; b++)
				c[a * l + b] += (double)r[a] * r[b];
	}
	for (size_t a = 0; a < l; a++)
		for (size_t b = 0; b < a; b++)
			c[a * l + b] = c[b * l + a];
	ev = yk_xmalloc(l * sizeof(double));
	w = yk_xmalloc(l * l * sizeof(double));
	sem_jacobi(c, l, ev, w);
	/* The dim largest: V S = Bt W[:, top]; term vector V S^(1/2) =
	 * Bt W / sqrt(s). */
	size_t order[SEARCH_SEMANTIC_MAX_DIM + SEM_OVERSAMPLE];
	for (size_t i = 0; i < l; i++)
		order[i] = i;
	for (size_t i = 1; i < l; i++)
		for (size_t j = i; j > 0 && ev[order[j]] > ev[order[j - 1]]; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	/* Stored rounded up to SEARCH_SEMANTIC_LANES; the tail stays zero. */
	struct search__semterms *tt = yk_xcalloc(1, sizeof(*tt));
	atomic_init(&tt->refs, 1);
	tt->dim = (dim + SEARCH_SEMANTIC_LANES - 1) / SEARCH_SEMANTIC_LANES * SEARCH_SEMANTIC_LANES;
	tt->nterms = idx->nterms;
	tt->learned = idx->nlive;
	tt->row = row;
	row = NULL;
	tt->nvec = ncols;
	tt->tvec = yk_xcalloc((size_t)ncols * tt->dim, sizeof(float));
	tt->idf = yk_xmalloc((ncols ? ncols : 1) * sizeof(float));
	for (uint32_t t = 0; t < idx->nterms; t++)
		if (tt->row[t] != UINT32_MAX)
			tt->idf[tt->row[t]] = sem_idf(idx->nlive, idx->terms[t].df);
	for (size_t j = 0; j < ncols; j++) {
		const float *r = z + j * l;
		float *tv = tt->tvec + j * tt->dim;
		for (size_t k = 0; k < dim; k++) {
			size_t col = order[k];
			double sv = ev[col] > 0 ? sqrt(ev[col]) : 0;
			double v = 0;
			for (size_t a = 0; a < l; a++)
				v += (double)r[a] * w[a * l + col];
			/* v = (V S)_jk; the term vector is V S^(1/2) */
			tv[k] = sv > 0 ? (float)(v / sqrt(sv)) : 0;
		}
	}
	/* Entry vectors of every base slot. */
	m = sem_new(tt, idx->ndocs);
	sem_terms_unref(tt); /* m holds it */
	for (uint32_t s = 0; s < idx->ndocs; s++)
		search__semantic_doc_vec(m, idx, idx, s, m->dvec + (size_t)s * m->dim);
	free(row);
	sem_csr_release(&x);
	free(omega);
	free(y);
	free(c);
	free(ev);
	free(w);
	return m;
}

void search_index_semantic_build(struct search_index *idx)
{
	pthread_rwlock_wrlock(&idx->lock);
	search__semantic_unref(idx->sem);
	idx->sem = search__semantic_build(idx, idx->p.sem_dim);
	pthread_rwlock_unlock(&idx->lock);
}

struct search__semantic *search__semantic_remapped(const struct search__semantic *m,
						   const uint32_t *map, uint32_t nold)
{
	/* Slots the model had a row for come first (the map keeps order);
	 * later ones stay folded in at query time. */
	uint32_t rows = 0;
	for (uint32_t s = 0; s < nold && s < m->ndocs; s++)
		rows += map[s] != UINT32_MAX;
	struct search__semantic *n = sem_new(m->terms, rows);
	for (uint32_t s = 0; s < nold && s < m->ndocs; s++)
		if (map[s] != UINT32_MAX)
			memcpy(n->dvec + (size_t)map[s] * m->dim, m->dvec + (size_t)s * m->dim,
			       m->dim * sizeof(float));
	n->folded = m->folded;
	n->removed = m->removed;
	return n;
}

struct search__semantic *search__semantic_merged(const struct search__semantic *m,
						 const struct search_index *old_base,
						 const struct search_index *ov,
						 const struct search_index *nb)
{
	struct search__semantic *n = sem_new(m->terms, nb->ndocs);
	uint32_t dim = m->dim, folded = 0, replaced = 0;
	for (uint32_t s = 0; s < nb->ndocs; s++) {
		if (!nb->dhot[s].live)
			continue;
		int64_t id = nb->docs[s].id;
		float *out = n->dvec + (size_t)s * dim;
		uint32_t os = ov ? search__id_find(ov, id, NULL) : UINT32_MAX;
		if (os != UINT32_MAX) {
			search__semantic_doc_vec(m, old_base, ov, os, out);
			folded++;
			replaced += search__id_find(old_base, id, NULL) != UINT32_MAX;
			continue;
		}
		uint32_t bs = search__id_find(old_base, id, NULL);
		if (bs != UINT32_MAX && bs < m->ndocs)
			memcpy(out, m->dvec + (size_t)bs * dim, dim * sizeof(float));
	}
	/* The base documents nb did not keep were removed or replaced. */
	uint32_t kept = nb->nlive - folded, gone = old_base->nlive - kept;
	n->folded = m->folded + folded;
	n->removed = m->removed + (gone > replaced ? gone - replaced : 0);
	return n;
}

