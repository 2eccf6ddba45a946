/* tools/pii_train: trains the guard's learned name model (src/pii/pii_learn.c).
 *
 *   pii_train [--epochs N] [--bags K] -o MODEL FILE...
 *       trains on the labelled files (the {{TYPE|text}} markup of
 *       tests/data/pii/, PERSON spans as names, everything else outside)
 *       and writes the model file the build embeds (yk_pii_model).
 *   pii_train [--epochs N] [--bags K] --eval TESTFILE... -- FILE...
 *       trains on FILE... and prints, for TESTFILE..., exact-span precision
 *       and recall of the rules alone and of the rules with the model at a
 *       series of margins (how PII_LEARN_MIN_MARGIN was chosen);
 *       --show instead of --eval also prints each span the model added at
 *       PII_LEARN_MIN_MARGIN, marked TP or FP, with its context.
 *
 * An averaged structured perceptron (Collins 2002): for each text, decode
 * with the current weights and, where the best tags differ from the
 * labels, add the features of the labels and subtract those of the best
 * tags; the weights kept are the average over every step. Eight of them
 * (--bags), each with its own seed, and the model is the mean of their
 * averaged weights: one perceptron moved about a dozen of the spans it
 * adds on unseen text whenever a few labelled lines changed, the mean of
 * eight moves one (docs/pii.md). Deterministic: the same files give the
 * same model. Runs at build time in about fifteen seconds (release).
 *
 * Built against libyakuba's objects without the model (this file defines
 * an empty yk_pii_model), so the scanner it evaluates runs the rules alone
 * until pii__detector_use_model() hands it the model just trained.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "pii/pii_int.h"
#include "../bench/pii_markup.h"

const struct yk_embedded_file yk_pii_model[] = {{NULL, NULL, 0, NULL}};

#define NB ((size_t)1 << PII_LEARN_BITS)

struct doc {
	uint32_t *cp;   /* folded */
	uint32_t *boff; /* byte offset of each code point */
	size_t n;
	uint8_t *gold; /* tags */
	char *text;    /* plain UTF-8, for the evaluation */
	size_t len;
	uint64_t hash; /* text_hash() of text */
	struct markup_span span[MARKUP_SPANS_MAX];
	size_t nspan;
};

struct docs {
	struct doc *v;
	size_t n, cap;
};

/* FNV-1a of a text's bytes: its place in every epoch's order (train()). */
static uint64_t text_hash(const char *text, size_t len)
{
	uint64_t h = 0xCBF29CE484222325ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 0x100000001B3ULL;
	return h;
}

static int load_file(const char *path, struct docs *out)
{
	struct yk_buf file, line;
	yk_buf_init(&file, (size_t)64 << 20);
	yk_buf_init(&line, (size_t)1 << 20);
	struct markup_line ml;
	yk_buf_init(&ml.text, (size_t)1 << 20);
	int rc = markup_read_file(path, &file);
	if (rc) {
		fprintf(stderr, "pii_train: %s: cannot read\n", path);
		goto out;
	}
	size_t lineno = 0;
	for (size_t i = 0; i < file.len;) {
		size_t e = i;
		while (e < file.len && file.data[e] != '\n')
			e++;
		lineno++;
		size_t a = i;
		i = e + 1;
		if (e == a || file.data[a] == '#')
			continue;
		if ((rc = markup_parse(file.data + a, e - a, &ml)) != 0) {
			fprintf(stderr, "pii_train: %s:%zu: %s\n", path, lineno,
				rc == YK_ELIMIT ? "more than 32 labelled spans" : "broken markup");
			goto out;
		}
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 1024;
			out->v = yk_xrealloc(out->v, out->cap * sizeof(*out->v));
		}
		struct doc *d = &out->v[out->n];
		memset(d, 0, sizeof(*d));
		d->len = ml.text.len;
		d->text = yk_xmalloc(d->len + 1);
		memcpy(d->text, ml.text.data ? ml.text.data : "", d->len);
		d->text[d->len] = 0;
		d->hash = text_hash(d->text, d->len);
		d->cp = yk_xmalloc((d->len + 1) * sizeof(*d->cp));
		uint32_t *boff = yk_xmalloc((d->len + 1) * sizeof(*boff));
		int frc = text_fold_checked(d->text, d->len, d->cp, boff, &d->n);
		if (frc) {
			free(boff);
			fprintf(stderr, "pii_train: %s:%zu: invalid UTF-8\n", path, lineno);
			free(d->text);
			free(d->cp);
			rc = YK_EUTF8;
			goto out;
		}
		d->boff = boff;
		d->gold = yk_xcalloc(d->n + 1, 1);
		d->nspan = ml.nspan;
		memcpy(d->span, ml.span, ml.nspan * sizeof(*ml.span));
		for (size_t k = 0; k < ml.nspan; k++) {
			if (ml.span[k].type != PII_PERSON || ml.span[k].end > d->n)
				continue;
			d->gold[ml.span[k].start] = PII_LEARN_B;
			for (size_t x = ml.span[k].start + 1; x < ml.span[k].end; x++)
				d->gold[x] = PII_LEARN_I;
		}
		out->n++;
	}
out:
	yk_buf_release(&ml.text);
	yk_buf_release(&line);
	yk_buf_release(&file);
	return rc;
}

static void docs_free(struct docs *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].cp);
		free(d->v[i].boff);
		free(d->v[i].gold);
		free(d->v[i].text);
	}
	free(d->v);
}

/* ---- the perceptron -------------------------------------------------------- */

struct trainer {
	float *w;    /* current weights (NB x 3) */
	double *u;   /* sum of step x update, for the average */
	float tr[3][3];
	double tru[3][3];
	double t;    /* steps so far (from 1) */
	struct pii__learn_buf b;
	const struct doc *d; /* the text being updated */
};

static void score_cb(void *arg, size_t i, const uint32_t *f, size_t k)
{
	struct trainer *T = arg;
	float s0 = 0, s1 = 0, s2 = 0;
	for (size_t j = 0; j < k; j++) {
		const float *w = T->w + (size_t)f[j] * 3;
		s0 += w[0], s1 += w[1], s2 += w[2];
	}
	T->b.em[i * 3] = s0;
	T->b.em[i * 3 + 1] = s1;
	T->b.em[i * 3 + 2] = s2;
}

static void update_cb(void *arg, size_t i, const uint32_t *f, size_t k)
{
	struct trainer *T = arg;
	int g = T->d->gold[i], p = T->b.tag[i];
	if (g == p)
		return;
	for (size_t j = 0; j < k; j++) {
		size_t x = (size_t)f[j] * 3;
		T->w[x + g] += 1, T->u[x + g] += T->t;
		T->w[x + p] -= 1, T->u[x + p] -= T->t;
	}
}

struct order_key {
	uint64_t key;
	size_t i;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* One perceptron: each epoch visits the texts in an order given by a hash
 * of each text's own bytes with the seed and the epoch, so a text added to
 * the files takes its place among the others and leaves their order as it
 * was (a shuffle of the list would move every text). The averaged weights
 * are added to aw (NB x 3) and atr. */
static void train(struct trainer *T, const struct docs *D, int epochs, uint64_t seed, double *aw,
		  double atr[3][3])
{
	memset(T->w, 0, NB * 3 * sizeof(*T->w));
	memset(T->u, 0, NB * 3 * sizeof(*T->u));
	memset(T->tr, 0, sizeof(T->tr));
	memset(T->tru, 0, sizeof(T->tru));
	T->t = 1;
	struct order_key *order = yk_xmalloc((D->n ? D->n : 1) * sizeof(*order));
	for (int ep = 0; ep < epochs; ep++) {
		uint64_t salt = pii__mix64(seed ^ ((uint64_t)(ep + 1) * 0x9E3779B97F4A7C15ULL));
		for (size_t i = 0; i < D->n; i++)
			order[i] = (struct order_key){pii__mix64(D->v[i].hash ^ salt), i};
		qsort(order, D->n, sizeof(*order), order_cmp);
		size_t wrong = 0;
		for (size_t k = 0; k < D->n; k++) {
			const struct doc *d = &D->v[order[k].i];
			if (d->n == 0)
				continue;
			pii__learn_sweep(d->cp, d->n, d->text, d->boff, &T->b, NULL, score_cb, T);
			pii__learn_viterbi(&T->b, d->n, T->tr);
			if (memcmp(T->b.tag, d->gold, d->n) != 0) {
				wrong++;
				T->d = d;
				pii__learn_sweep(d->cp, d->n, d->text, d->boff, &T->b, NULL, update_cb, T);
				/* the steps from the O before the text and into
				 * the O after it count too (pii__learn_viterbi()) */
				for (size_t i = 0; i <= d->n; i++) {
					int g0 = i ? d->gold[i - 1] : PII_LEARN_O;
					int g1 = i < d->n ? d->gold[i] : PII_LEARN_O;
					int p0 = i ? T->b.tag[i - 1] : PII_LEARN_O;
					int p1 = i < d->n ? T->b.tag[i] : PII_LEARN_O;
					if (g0 == p0 && g1 == p1)
						continue;
					T->tr[g0][g1] += 1, T->tru[g0][g1] += T->t;
					T->tr[p0][p1] -= 1, T->tru[p0][p1] -= T->t;
				}
			}
			T->t += 1;
		}
		if (ep + 1 == epochs)
			fprintf(stderr, "pii_train: seed %llx: epoch %d: %zu of %zu texts tagged wrong\n",
				(unsigned long long)seed, ep + 1, wrong, D->n);
	}
	for (size_t x = 0; x < NB * 3; x++)
		aw[x] += (double)T->w[x] - T->u[x] / T->t;
	for (int x = 0; x < 3; x++)
		for (int y = 0; y < 3; y++)
			atr[x][y] += (double)T->tr[x][y] - T->tru[x][y] / T->t;
	free(order);
}

/* The averaged weights aw (NB x 3) and transitions atr, quantised to
 * int16, as the bytes of a model file (the buckets with a weight); *len
 * gets their length. */
static unsigned char *model_file(const double *aw, const double atr[3][3], size_t *len)
{
	double maxabs = 0;
	for (size_t i = 0; i < NB * 3; i++)
		if (fabs(aw[i]) > maxabs)
			maxabs = fabs(aw[i]);
	struct pii__learn_header h;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, PII_LEARN_MAGIC, 4);
	h.bits = PII_LEARN_BITS;
	h.scale = maxabs > 0 ? (float)(maxabs / 32767.0) : 1.0f;
	for (int x = 0; x < 3; x++)
		for (int y = 0; y < 3; y++)
			h.tr[x][y] = (float)atr[x][y];
	unsigned char *out = yk_xmalloc(sizeof(h) + NB * PII_LEARN_ENTRY);
	unsigned char *p = out + sizeof(h);
	for (uint32_t i = 0; i < NB; i++) {
		int16_t w[3];
		for (int y = 0; y < 3; y++)
			w[y] = (int16_t)lrint(aw[(size_t)i * 3 + (size_t)y] / h.scale);
		if (!w[0] && !w[1] && !w[2])
			continue;
		memcpy(p, &i, 4);
		memcpy(p + 4, w, 6);
		p += PII_LEARN_ENTRY;
		h.count++;
	}
	memcpy(out, &h, sizeof(h));
	*len = (size_t)(p - out);
	return out;
}

static int write_model(const unsigned char *d, size_t len, const char *path)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "pii_train: %s: cannot write\n", path);
		return 1;
	}
	fwrite(d, 1, len, f);
	if (fclose(f) != 0) {
		fprintf(stderr, "pii_train: %s: write error\n", path);
		return 1;
	}
	fprintf(stderr, "pii_train: %zu of %zu buckets hold a weight (%zu bytes)\n",
		(len - sizeof(struct pii__learn_header)) / PII_LEARN_ENTRY, NB, len);
	return 0;
}

/* ---- evaluation ------------------------------------------------------------ */

/* Prints a span the model added (its confidence is the model's) with its
 * context, as TP or FP. */
static void show_added(const struct doc *d, const struct pii_span *s, int hit)
{
	size_t a = s->byte_start > 24 ? s->byte_start - 24 : 0, z = s->byte_end + 24;
	if (z > d->len)
		z = d->len;
	while (a > 0 && ((unsigned char)d->text[a] & 0xC0) == 0x80)
		a--;
	while (z < d->len && ((unsigned char)d->text[z] & 0xC0) == 0x80)
		z++;
	printf("  %s %.*s   [%.*s]\n", hit ? "TP" : "FP", (int)(s->byte_end - s->byte_start),
	       d->text + s->byte_start, (int)(z - a), d->text + a);
}

static int evaluate(const struct docs *test, const struct pii__learn_model *m, int show)
{
	static const float margins[] = {-1, 0, 10, 20, 30, 40, 50, 60, 80, 100, 150, 200};
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct pii_config cfg = {0};
	struct pii_detector *det = NULL;
	struct pii_scanner *sc = NULL;
	int rc = pii_detector_new(&cfg, &det, &ei);
	if (!rc)
		rc = pii_scanner_new(det, &sc, &ei);
	if (rc) {
		fprintf(stderr, "pii_train: %s\n", ei.message[0] ? ei.message : yk_err_code(rc));
		goto out;
	}
	for (size_t k = 0; k < sizeof(margins) / sizeof(*margins); k++) {
		pii__detector_use_model(det, margins[k] < 0 ? NULL : m, margins[k]);
		size_t tp = 0, fp = 0, gold = 0, ptp = 0, pfp = 0, pgold = 0;
		for (size_t i = 0; i < test->n; i++) {
			const struct doc *d = &test->v[i];
			const struct pii_span *s;
			size_t ns;
			if ((rc = pii_scan(sc, d->text, d->len, &s, &ns)) != 0)
				goto out;
			gold += d->nspan;
			for (size_t g = 0; g < d->nspan; g++)
				pgold += d->span[g].type == PII_PERSON;
			for (size_t j = 0; j < ns; j++) {
				int hit = 0;
				for (size_t g = 0; g < d->nspan && !hit; g++)
					hit = d->span[g].start == s[j].start && d->span[g].end == s[j].end &&
					      d->span[g].type == s[j].type;
				tp += hit, fp += !hit;
				if (show && margins[k] == PII_LEARN_MIN_MARGIN &&
				    s[j].confidence == PII_LEARN_CONFIDENCE)
					show_added(d, &s[j], hit);
				if (s[j].type == PII_PERSON)
					ptp += hit, pfp += !hit;
			}
		}
		if (margins[k] < 0)
			printf("rules alone     ");
		else
			printf("margin %6.0f   ", (double)margins[k]);
		printf(" P %.3f R %.3f (tp %zu, fn %zu, fp %zu)   PERSON %zu/%zu fp %zu\n",
		       tp + fp ? (double)tp / (double)(tp + fp) : 1.0,
		       gold ? (double)tp / (double)gold : 1.0, tp, gold - tp, fp, ptp, pgold, pfp);
	}
out:
	pii_scanner_free(sc);
	pii_detector_free(det);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	int epochs = 10, bags = 8, ai = 1;
	const char *outpath = NULL;
	struct docs train_docs = {0}, test_docs = {0};
	int eval = 0, show = 0, rc = 1;
	if (ai < argc && strcmp(argv[ai], "--epochs") == 0 && ai + 1 < argc) {
		char *end;
		long v = strtol(argv[ai + 1], &end, 10);
		epochs = *end || v < 1 || v > 100 ? 0 : (int)v;
		ai += 2;
	}
	if (ai < argc && strcmp(argv[ai], "--bags") == 0 && ai + 1 < argc) {
		char *end;
		long v = strtol(argv[ai + 1], &end, 10);
		bags = *end || v < 1 || v > 32 ? 0 : (int)v;
		ai += 2;
	}
	if (ai + 1 < argc && strcmp(argv[ai], "-o") == 0) {
		outpath = argv[ai + 1];
		ai += 2;
	} else if (ai < argc && (strcmp(argv[ai], "--eval") == 0 || strcmp(argv[ai], "--show") == 0)) {
		eval = 1;
		show = strcmp(argv[ai], "--show") == 0;
		for (ai++; ai < argc && strcmp(argv[ai], "--") != 0; ai++)
			if (load_file(argv[ai], &test_docs))
				goto out;
		ai++;
	}
	if ((!outpath && !eval) || ai >= argc || epochs < 1 || epochs > 100 || bags < 1) {
		fprintf(stderr, "usage: pii_train [--epochs N] [--bags K] -o MODEL FILE...\n"
				"       pii_train [--epochs N] [--bags K] --eval|--show TESTFILE... -- FILE...\n");
		return 2;
	}
	for (; ai < argc; ai++)
		if (load_file(argv[ai], &train_docs))
			goto out;
	struct trainer T;
	memset(&T, 0, sizeof(T));
	T.w = yk_xmalloc(NB * 3 * sizeof(*T.w));
	T.u = yk_xmalloc(NB * 3 * sizeof(*T.u));
	double *aw = yk_xcalloc(NB * 3, sizeof(*aw)), atr[3][3] = {{0}};
	uint64_t seed = 0x2545F4914F6CDD1DULL;
	for (int k = 0; k < bags; k++, seed = pii__mix64(seed))
		train(&T, &train_docs, epochs, seed, aw, atr);
	for (size_t x = 0; x < NB * 3; x++)
		aw[x] /= bags;
	for (int x = 0; x < 3; x++)
		for (int y = 0; y < 3; y++)
			atr[x][y] /= bags;
	size_t len;
	unsigned char *file = model_file(aw, atr, &len);
	free(aw);
	free(T.w);
	free(T.u);
	pii__learn_buf_free(&T.b);
	if (eval) {
		/* the model as the scan will read it from the embedded file */
		struct pii__learn_model m;
		m.w = yk_xmalloc(sizeof(*m.w) * NB);
		rc = pii__learn_parse(file, len, &m) ? 1 : evaluate(&test_docs, &m, show);
		free(m.w);
	} else {
		rc = write_model(file, len, outpath);
	}
	free(file);
out:
	docs_free(&train_docs);
	docs_free(&test_docs);
	return rc;
}
