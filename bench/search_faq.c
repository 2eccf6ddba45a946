/* bench/search_faq: retrieval quality and speed of src/search on the
 * LocalgovFAQ dev split, with SQLite FTS5 as the anchor in the same run.
 *
 *   build/release/bench/search_faq [--data DIR] [--synonyms FILE|none]
 *       [--passages N] [--no-fts] [--rounds N] [--calibrate]
 *       [--k1 X] [--wq X] [--wa X] [--bq X] [--ba X] [--surface X]
 *       [--compound X] [--bigram X] [--stop X] [--syn X] [--rr A,B,C]
 *       [--depth N] [--wk X] [--feedback-sim N] [--dump FILE] [--cold]
 *       [--fresh-queries]
 *
 * DIR defaults to ../shared/data/localgovfaq (run from the repository
 * root); the data is read there and never copied. Metrics follow the
 * dataset README: nDCG@10 (gain = grade), Recall@10, MRR, Hit@1/3/10 on
 * grade-2 entries, from an untimed pass ranking 100 entries. Latency is
 * per query on one thread at k = 10, tokenisation and highlights included,
 * over --rounds further passes of all queries (thread CPU time, and wall). --passages N (default
 * 100000, 0 = skip) also indexes N passages cut from the answers (title =
 * question, body = passage) and reports latency there. --calibrate prints
 * precision and coverage of top-1 answers for decision thresholds.
 * --feedback-sim N measures learning from 👍 instead (feedback_sim()).
 * --dump FILE writes the query terms and the results of every query (id,
 * score, bm25, qcov, dcov, sem exactly, matched terms, spans) at k = 100 and
 * at k = 10, and with --passages the passages' top 10 (all, and public
 * only): diff two dumps to prove that a speed change left the results
 * identical.
 * --cold asks every timed query of a new snapshot of the index (an empty
 * delta applied before it, untimed): nothing a thread keeps across queries
 * of one index state (term idfs, about-field masses; docs/search.md) is
 * valid, as for the first question after an edit. The tokenizer's feature
 * cache stays warm.
 * --fresh-queries drops the query-token cache of the results struct
 * (search_results_forget_queries(), untimed) before every timed query:
 * every question is normalised and tokenised as if asked the first time
 * (the timed passes otherwise ask the 375 questions the untimed pass
 * asked, and the cache holds them all).
 */
#include <inttypes.h>
#include <math.h>

#include "core/core.h"
#include "search/search.h"
#include "text/text.h"

#include "fts_anchor.h"

#define MAX_LINE (1u << 20)
#define TOPN 100u /* ranked for the metrics (untimed pass) */
#define LAT_K 10u /* results per query in the timed passes: an answer and its choices */

struct faq {
	char *id;
	char *q, *a;
	size_t ql, al;
};

struct qrel {
	int qid;
	int64_t doc;
	int grade;
};

struct query {
	int qid;
	char *text;
	size_t len;
};

static struct faq *faqs;
static size_t nfaq;
static struct query *queries;
static size_t nq;
static struct qrel *qrels;
static size_t nqrel;

/* On-CPU time of this thread (microseconds): the "one core" cost of a
 * query, unaffected by other processes on a shared machine. Wall time is
 * printed next to it. */
static double cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void die(const char *msg)
{
	fprintf(stderr, "search_faq: %s\n", msg);
	exit(1);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "search_faq: cannot open %s\n", path);
		exit(1);
	}
	struct yk_buf b;
	yk_buf_init(&b, 0);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (yk_buf_add(&b, chunk, n) != 0)
			die("out of memory");
	fclose(f);
	return yk_buf_detach(&b, len);
}

/* Undoes the README's escaping (\n, \\) and turns the site's ＜改＞ line
 * break marker into a newline. */
static char *unescape_field(const char *s, size_t len, size_t *out_len)
{
	static const char kai[] = "＜改＞";
	char *o = yk_xmalloc(len + 1);
	size_t w = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			o[w++] = s[i + 1] == 'n' ? '\n' : s[i + 1];
			i++;
		} else if (len - i >= sizeof(kai) - 1 && memcmp(s + i, kai, sizeof(kai) - 1) == 0) {
			o[w++] = '\n';
			i += sizeof(kai) - 2;
		} else {
			o[w++] = s[i];
		}
	}
	o[w] = '\0';
	*out_len = w;
	return o;
}

/* Splits a line into up to max tab-separated fields. */
static int split_tabs(char *line, char **f, size_t *fl, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		char *t = strchr(p, '\t');
		f[n] = p;
		fl[n] = t ? (size_t)(t - p) : strlen(p);
		n++;
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

static int64_t parse_int(const char *s, size_t len)
{
	int64_t v = 0;
	if (yk_parse_i64(s, len, INT64_MIN, INT64_MAX, &v) != 0)
		die("bad integer in data");
	return v;
}

/* Calls row() for each line of dir/name that has nf tab-separated fields. */
static void each_row(const char *dir, const char *name, int nf, void (*row)(char **f, size_t *fl))
{
	char path[1024];
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	char *data = slurp(path, &len), *end = data + len;
	for (char *p = data; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl)
			*nl = '\0';
		char *f[3];
		size_t fl[3];
		if (*p && split_tabs(p, f, fl, nf) == nf)
			row(f, fl);
		p = nl ? nl + 1 : end;
	}
	free(data);
}

static void faq_row(char **f, size_t *fl)
{
	faqs = yk_xrealloc(faqs, (nfaq + 1) * sizeof(*faqs));
	struct faq *x = &faqs[nfaq++];
	x->id = yk_xstrndup(f[0], fl[0]);
	x->q = unescape_field(f[1], fl[1], &x->ql);
	x->a = unescape_field(f[2], fl[2], &x->al);
}

static void query_row(char **f, size_t *fl)
{
	queries = yk_xrealloc(queries, (nq + 1) * sizeof(*queries));
	struct query *x = &queries[nq++];
	x->qid = (int)parse_int(f[0], fl[0]);
	x->text = unescape_field(f[1], fl[1], &x->len);
}

static void qrel_row(char **f, size_t *fl)
{
	qrels = yk_xrealloc(qrels, (nqrel + 1) * sizeof(*qrels));
	struct qrel *x = &qrels[nqrel++];
	x->qid = (int)parse_int(f[0], fl[0]);
	x->doc = parse_int(f[1], fl[1]);
	x->grade = (int)parse_int(f[2], fl[2]);
}

static void load_data(const char *dir)
{
	each_row(dir, "faq.tsv", 3, faq_row);
	each_row(dir, "queries-dev.tsv", 2, query_row);
	each_row(dir, "qrels-dev.tsv", 3, qrel_row);
	if (nfaq == 0 || nq == 0 || nqrel == 0)
		die("no data read");
}

static int grade_of(int qid, int64_t doc)
{
	for (size_t i = 0; i < nqrel; i++)
		if (qrels[i].qid == qid && qrels[i].doc == doc)
			return qrels[i].grade;
	return 0;
}

/* ---- metrics ---------------------------------------------------------------- */

struct metrics {
	struct search_eval ev;
	double *lat_us; /* wall */
	double *cpu_us; /* on-CPU */
	size_t nlat;
};

static void metrics_add(struct metrics *m, int qid, const int64_t *ranked, size_t n)
{
	struct search_judgement j[SEARCH_EVAL_MAX_JUDGED];
	size_t nj = 0;
	for (size_t i = 0; i < nqrel && nj < SEARCH_EVAL_MAX_JUDGED; i++)
		if (qrels[i].qid == qid) {
			j[nj].id = qrels[i].doc;
			j[nj].grade = qrels[i].grade;
			nj++;
		}
	search_eval_add(&m->ev, ranked, n, j, nj);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, size_t n, double p)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i];
}

static void metrics_print(const char *name, struct metrics *m)
{
	struct search_eval e;
	search_eval_mean(&m->ev, &e);
	double total = 0;
	for (size_t i = 0; i < m->nlat; i++)
		total += m->cpu_us[i];
	double qps = total > 0 ? (double)m->nlat / (total / 1e6) : 0;
	printf("%-8s nDCG@10 %.4f  Recall@10 %.4f  MRR %.4f  Hit@1 %.4f  Hit@3 %.4f  "
	       "Hit@10 %.4f  (%zu queries)\n",
	       name, e.ndcg10, e.recall10, e.mrr, e.hit1, e.hit3, e.hit10, e.queries);
	double med = pct(m->cpu_us, m->nlat, 0.5), p99 = pct(m->cpu_us, m->nlat, 0.99);
	double wmed = pct(m->lat_us, m->nlat, 0.5), wp99 = pct(m->lat_us, m->nlat, 0.99);
	printf("%-8s latency (k=10) cpu median %.1f us  p99 %.1f us  QPS %.0f (one core); wall "
	       "median %.1f us  p99 %.1f us\n",
	       name, med, p99, qps, wmed, wp99);
}

/* ---- options ------------------------------------------------------------------ */

struct options {
	const char *data;
	const char *synonyms;
	const char *dump; /* --dump FILE, or NULL */
	const char *features; /* --features FILE, or NULL */
	size_t passages;
	int fts, rounds, calibrate, show, cold;
	int fresh; /* --fresh-queries */
	int fbsim; /* --feedback-sim N: answers a simulated user looks at (0 = off) */
	struct search_params p;
};

static float argf(const char *s)
{
	char *e;
	float v = strtof(s, &e);
	if (*e)
		die("bad number");
	return v;
}

static void parse_args(int argc, char **argv, struct options *o)
{
	o->data = "../shared/data/localgovfaq";
	o->synonyms = NULL;
	o->dump = NULL;
	o->features = NULL;
	o->passages = 100000;
	o->fts = 1;
	o->rounds = 3;
	o->calibrate = 0;
	o->show = 0;
	o->cold = 0;
	o->fresh = 0;
	o->fbsim = 0;
	search_params_default(&o->p);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--no-fts")) {
			o->fts = 0;
			continue;
		}
		if (!strcmp(a, "--calibrate")) {
			o->calibrate = 1;
			continue;
		}
		if (!strcmp(a, "--cold")) {
			o->cold = 1;
			continue;
		}
		if (!strcmp(a, "--fresh-queries")) {
			o->fresh = 1;
			continue;
		}
		if (!v)
			die("option needs a value");
		i++;
		if (!strcmp(a, "--data"))
			o->data = v;
		else if (!strcmp(a, "--synonyms"))
			o->synonyms = v;
		else if (!strcmp(a, "--features"))
			o->features = v;
		else if (!strcmp(a, "--dump"))
			o->dump = v;
		else if (!strcmp(a, "--passages"))
			o->passages = (size_t)parse_int(v, strlen(v));
		else if (!strcmp(a, "--feedback-sim"))
			o->fbsim = (int)parse_int(v, strlen(v));
		else if (!strcmp(a, "--wk"))
			o->p.field_w[SEARCH_FIELD_ASKED] = argf(v);
		else if (!strcmp(a, "--show"))
			o->show = (int)parse_int(v, strlen(v));
		else if (!strcmp(a, "--rounds"))
			o->rounds = (int)parse_int(v, strlen(v));
		else if (!strcmp(a, "--depth"))
			o->p.rerank_depth = (unsigned)parse_int(v, strlen(v));
		else if (!strcmp(a, "--k1"))
			o->p.k1 = argf(v);
		else if (!strcmp(a, "--wq"))
			o->p.field_w[SEARCH_FIELD_QUESTION] = argf(v);
		else if (!strcmp(a, "--wa"))
			o->p.field_w[SEARCH_FIELD_ANSWER] = argf(v);
		else if (!strcmp(a, "--bq"))
			o->p.b[SEARCH_FIELD_QUESTION] = argf(v);
		else if (!strcmp(a, "--ba"))
			o->p.b[SEARCH_FIELD_ANSWER] = argf(v);
		else if (!strcmp(a, "--surface"))
			o->p.kind_w[TEXT_TOKEN_SURFACE] = argf(v);
		else if (!strcmp(a, "--compound"))
			o->p.kind_w[TEXT_TOKEN_COMPOUND] = argf(v);
		else if (!strcmp(a, "--bigram"))
			o->p.kind_w[TEXT_TOKEN_BIGRAM] = argf(v);
		else if (!strcmp(a, "--stop"))
			o->p.stop_w = argf(v);
		else if (!strcmp(a, "--syn"))
			o->p.synonym_w = argf(v);
		else if (!strcmp(a, "--sem"))
			o->p.rr_sem = argf(v);
		else if (!strcmp(a, "--semdim"))
			o->p.sem_dim = (unsigned)argf(v);
		else if (!strcmp(a, "--rr")) {
			if (sscanf(v, "%f,%f,%f", &o->p.rr_bm25, &o->p.rr_qcov, &o->p.rr_dcov) != 3)
				die("--rr wants A,B,C");
		} else
			die("unknown option");
	}
}

/* ---- our index -------------------------------------------------------------------- */

static void print_stats(const char *name, struct search_index *idx)
{
	struct search_stats st;
	search_index_stats(idx, &st);
	printf("%s %zu docs, %zu terms, %zu postings, %zu tokens, %.1f MB of heap\n", name,
	       st.docs, st.terms, st.postings, st.tokens, (double)st.bytes / 1e6);
}

/* The search document of an FAQ entry, as src/qa builds it; asked (may be
 * NULL) are the questions it learned from 👍. */
static void faq_doc(const struct faq *x, const char *asked, size_t asked_len,
		    struct search_doc *d)
{
	memset(d, 0, sizeof(*d));
	d->id = parse_int(x->id, strlen(x->id));
	d->ext_id = x->id;
	d->ext_id_len = strlen(x->id);
	d->field[SEARCH_FIELD_QUESTION] = x->q;
	d->field_len[SEARCH_FIELD_QUESTION] = x->ql;
	d->field[SEARCH_FIELD_ANSWER] = x->a;
	d->field_len[SEARCH_FIELD_ANSWER] = x->al;
	d->field[SEARCH_FIELD_ASKED] = asked;
	d->field_len[SEARCH_FIELD_ASKED] = asked_len;
	d->is_public = 1;
}

static struct search_index *build_faq_index(struct options *o, struct text_tokenizer *tk)
{
	struct yk_errinfo ei;
	struct search_index *idx = search_index_new(&o->p);
	int64_t t0 = yk_mono_us();
	double c0 = cpu_us();
	size_t bytes = 0;
	for (size_t i = 0; i < nfaq; i++) {
		struct search_doc d;
		faq_doc(&faqs[i], NULL, 0, &d);
		bytes += faqs[i].ql + faqs[i].al;
		yk_errinfo_clear(&ei);
		if (search_index_add(idx, tk, &d, &ei) != 0) {
			fprintf(stderr, "faq %s: %s\n", faqs[i].id, ei.message);
			exit(1);
		}
	}
	search_index_trim(idx); /* as src/qa does after a build */
	double secs = (cpu_us() - c0) / 1e6;
	double sem0 = cpu_us();
	search_index_semantic_build(idx); /* as a snapshot does */
	if (o->p.sem_dim)
		printf("semantic %u dimensions built in %.2f s CPU\n", o->p.sem_dim,
		       (cpu_us() - sem0) / 1e6);
	print_stats("index   ", idx);
	printf("index    %zu entries, %.1f MB of text in %.2f s CPU (%.2f MB/s, tokenising "
	       "included; wall %.2f s)\n",
	       nfaq, (double)bytes / 1e6, secs, (double)bytes / 1e6 / secs,
	       (double)(yk_mono_us() - t0) / 1e6);
	if (strcmp(o->synonyms ? o->synonyms : "", "none") != 0) {
		size_t sl = 0;
		char *owned = NULL;
		const char *syn;
		if (o->synonyms) {
			owned = slurp(o->synonyms, &sl);
			syn = owned;
		} else {
			syn = search_synonyms_seed(&sl);
		}
		if (syn) {
			yk_errinfo_clear(&ei);
			if (search_index_set_synonyms(idx, tk, syn, sl, &ei) != 0) {
				fprintf(stderr, "synonyms:%ld: %s\n", ei.line, ei.message);
				exit(1);
			}
		}
		free(owned);
	}
	return idx;
}

struct decision_row {
	float top, margin, lead;
	int correct; /* top-1 has grade >= 1 */
	int in3;     /* a grade >= 1 entry in the top 3 */
};

/* One line of --dump: pass, query, rank, id, scores exactly (%.9g gives
 * back every bit of a float), and the
 * matched terms and highlight spans (they are results too). */
static void dump_hit(FILE *f, const char *pass, int qid, size_t rank, const struct search_hit *h)
{
	fprintf(f, "%s\t%d\t%zu\t%" PRId64 "\t%s\t%.9g\t%.9g\t%.9g\t%.9g\t%.9g\t", pass, qid,
		rank + 1, h->id, h->ext_id, (double)h->score, (double)h->bm25, (double)h->qcov,
		(double)h->dcov, (double)h->sem);
	for (size_t j = 0; j < h->n_matched; j++)
		fprintf(f, "%s%u", j ? "," : "", (unsigned)h->matched[j]);
	fputc('\t', f);
	for (size_t j = 0; j < h->n_spans; j++)
		fprintf(f, "%s%u:%u-%u", j ? "," : "", (unsigned)h->spans[j].field,
			(unsigned)h->spans[j].start, (unsigned)h->spans[j].end);
	fputc('\n', f);
}

/* The timed query, a function of its own so that callgrind can count its
 * instructions alone: valgrind --tool=callgrind --collect-atstart=no
 * --toggle-collect=timed_query build/release/bench/search_faq --no-fts
 * --passages 0 --rounds 1 gives instructions per query at k = 10 (divide
 * by the number of queries). */
__attribute__((noinline, noclone)) static int timed_query(struct search_index *idx,
						 const struct search_snapshot *sn,
						 struct text_tokenizer *tk, const struct query *q,
						 const struct search_opts *so,
						 struct search_results *res, struct yk_errinfo *ei)
{
	if (sn)
		return search_snapshot_query(sn, tk, q->text, q->len, so, res, ei);
	return search_query(idx, tk, q->text, q->len, so, res, ei);
}

/* sn (--cold): a snapshot over idx, replaced before every timed query. */
static void run_ours(struct options *o, struct search_index *idx, struct search_snapshot **sn,
		     struct text_tokenizer *tk, struct metrics *m, struct decision_row *rows)
{
	struct search_results res = {0};
	struct search_opts so = {TOPN, 0};
	struct yk_errinfo ei;
	int64_t ranked[TOPN];
	FILE *dump = NULL, *feat = NULL;
	if (o->dump && !(dump = fopen(o->dump, "w")))
		die("cannot write the --dump file");
	if (o->features && !(feat = fopen(o->features, "w")))
		die("cannot write the --features file");
	m->lat_us = yk_xcalloc(nq * (size_t)o->rounds, sizeof(double));
	m->cpu_us = yk_xcalloc(nq * (size_t)o->rounds, sizeof(double));
	/* Round 0 ranks TOPN for the metrics; rounds 1..N are timed at LAT_K. */
	for (int round = 0; round <= o->rounds; round++) {
		so.k = round == 0 ? TOPN : LAT_K;
		for (size_t i = 0; i < nq; i++) {
			if (round > 0 && sn) {
				struct search_delta none;
				struct search_snapshot *next = NULL;
				memset(&none, 0, sizeof(none));
				if (search_snapshot_apply(*sn, tk, &none, &next, &ei) != 0)
					die(ei.message);
				search_snapshot_unref(*sn);
				*sn = next;
			}
			if (round > 0 && o->fresh)
				search_results_forget_queries(&res);
			int64_t t0 = yk_mono_us();
			double c0 = cpu_us();
			yk_errinfo_clear(&ei);
			if ((round > 0 ? timed_query(idx, sn ? *sn : NULL, tk, &queries[i], &so, &res,
						     &ei)
				       : search_query(idx, tk, queries[i].text, queries[i].len, &so,
						      &res, &ei)) != 0) {
				fprintf(stderr, "query %d: %s\n", queries[i].qid, ei.message);
				exit(1);
			}
			if (round > 0) {
				m->cpu_us[m->nlat] = cpu_us() - c0;
				m->lat_us[m->nlat++] = (double)(yk_mono_us() - t0);
				for (size_t r = 0; dump && round == 1 && r < res.n; r++)
					dump_hit(dump, "k10", queries[i].qid, r, &res.hits[r]);
				continue;
			}
			for (size_t r = 0; r < res.n; r++)
				ranked[r] = res.hits[r].id;
			metrics_add(m, queries[i].qid, ranked, res.n);
			for (size_t r = 0; feat && r < res.n; r++)
				fprintf(feat, "%d\t%zu\t%" PRId64 "\t%d\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\n",
					queries[i].qid, r + 1, res.hits[r].id,
					grade_of(queries[i].qid, res.hits[r].id), (double)res.hits[r].score,
					(double)res.hits[r].bm25, (double)res.hits[r].qcov,
					(double)res.hits[r].dcov, (double)res.hits[r].sem);
			for (size_t t = 0; dump && t < res.n_qterms; t++) {
				const struct search_qterm *qt = &res.qterms[t];
				fprintf(dump, "term\t%d\t%zu\t%s\t%u\t%u\t%u\t%.9g\t%.9g\t%u\n",
					queries[i].qid, t, qt->text, qt->kind, qt->synonym, qt->stop,
					(double)qt->weight, (double)qt->idf, qt->df);
			}
			for (size_t r = 0; dump && r < res.n; r++)
				dump_hit(dump, "k100", queries[i].qid, r, &res.hits[r]);
			if (o->show > 0 && res.n > 0 && grade_of(queries[i].qid, res.hits[0].id) == 0) {
				/* Misses, for error analysis: the query, our top 3 and
				 * the judged entries' questions. */
				o->show--;
				printf("MISS q%d %s\n", queries[i].qid, queries[i].text);
				for (size_t r = 0; r < res.n && r < 3; r++)
					for (size_t f = 0; f < nfaq; f++)
						if (parse_int(faqs[f].id, strlen(faqs[f].id)) == res.hits[r].id)
							printf("   got %.3f %s\n", (double)res.hits[r].score,
							       faqs[f].q);
				for (size_t j = 0; j < nqrel; j++)
					if (qrels[j].qid == queries[i].qid)
						for (size_t f = 0; f < nfaq; f++)
							if (parse_int(faqs[f].id, strlen(faqs[f].id)) ==
							    qrels[j].doc) {
								size_t rk = 0;
								for (size_t r = 0; r < res.n; r++)
									if (res.hits[r].id == qrels[j].doc)
										rk = r + 1;
								printf("   want g%d rank %zu %s\n", qrels[j].grade,
								       rk, faqs[f].q);
							}
			}
			rows[i].top = res.top;
			rows[i].margin = res.margin;
			rows[i].lead = res.lead;
			rows[i].correct = res.n > 0 && grade_of(queries[i].qid, res.hits[0].id) > 0;
			rows[i].in3 = 0;
			for (size_t r = 0; r < res.n && r < 3; r++)
				if (grade_of(queries[i].qid, res.hits[r].id) > 0)
					rows[i].in3 = 1;
		}
	}
	if (dump && fclose(dump) != 0)
		die("cannot write the --dump file");
	if (feat && fclose(feat) != 0)
		die("cannot write the --features file");
	search_results_release(&res);
}

static void calibrate(struct decision_row *rows)
{
	printf("calibration: share of questions answered and precision of the top-1 answer\n");
	printf("  top>=  margin>=  answered  precision\n");
	static const float tops[] = {0.3f, 0.4f, 0.45f, 0.5f, 0.55f, 0.6f, 0.65f, 0.7f};
	static const float margins[] = {0.0f, 0.03f, 0.05f, 0.1f};
	for (size_t a = 0; a < YK_ARRAY_LEN(tops); a++)
		for (size_t b = 0; b < YK_ARRAY_LEN(margins); b++) {
			size_t ans = 0, ok = 0;
			for (size_t i = 0; i < nq; i++)
				if (rows[i].top >= tops[a] && rows[i].margin >= margins[b]) {
					ans++;
					ok += (size_t)rows[i].correct;
				}
			printf("  %.2f   %.2f     %5.1f%%    %5.1f%%\n", (double)tops[a],
			       (double)margins[b], 100.0 * (double)ans / (double)nq,
			       ans ? 100.0 * (double)ok / (double)ans : 0.0);
		}
	printf("  by top score: questions, top-1 correct, a correct entry in the top 3\n");
	static const float bins[] = {0.0f, 0.15f, 0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.5f, 0.6f, 1.01f};
	for (size_t b = 0; b + 1 < YK_ARRAY_LEN(bins); b++) {
		size_t cnt = 0, ok1 = 0, ok3 = 0;
		for (size_t i = 0; i < nq; i++)
			if (rows[i].top >= bins[b] && rows[i].top < bins[b + 1]) {
				cnt++;
				ok1 += (size_t)rows[i].correct;
				ok3 += (size_t)rows[i].in3;
			}
		printf("  [%.2f, %.2f)  %3zu  %5.1f%%  %5.1f%%\n", (double)bins[b], (double)bins[b + 1],
		       cnt, cnt ? 100.0 * (double)ok1 / (double)cnt : 0.0,
		       cnt ? 100.0 * (double)ok3 / (double)cnt : 0.0);
	}
	size_t dec[3] = {0, 0, 0}, okd[3] = {0, 0, 0}, ok3d[3] = {0, 0, 0};
	for (size_t i = 0; i < nq; i++) {
		enum search_decision d = search_decide(NULL, rows[i].top, rows[i].lead);
		dec[d]++;
		okd[d] += (size_t)rows[i].correct;
		ok3d[d] += (size_t)rows[i].in3;
	}
	static const char *names[3] = {"answer", "clarify", "unknown"};
	for (int d = 0; d < 3; d++)
		printf("decide   %-8s %5.1f%% of questions, top-1 correct in %5.1f%%, top-3 in %5.1f%%\n",
		       names[d], 100.0 * (double)dec[d] / (double)nq,
		       dec[d] ? 100.0 * (double)okd[d] / (double)dec[d] : 0.0,
		       dec[d] ? 100.0 * (double)ok3d[d] / (double)dec[d] : 0.0);
}

/* ---- SQLite FTS5 anchor ---------------------------------------------------------- */

/* content_only 0: every MeCab segment OR-ed; 1: content words only. */
static void run_fts(struct options *o, struct text_tokenizer *tk, struct metrics *m,
		    int content_only)
{
	struct fts_anchor fa;
	/* Column weights 3:1, the same question preference our default has. */
	fts_anchor_open(&fa, tk, 3.0, 1.0);
	int64_t t0 = yk_mono_us();
	for (size_t i = 0; i < nfaq; i++)
		fts_anchor_add(&fa, parse_int(faqs[i].id, strlen(faqs[i].id)), faqs[i].q, faqs[i].ql,
			       faqs[i].a, faqs[i].al);
	fts_anchor_commit(&fa);
	printf("fts5     indexed in %.2f s (MeCab segmentation included)\n",
	       (double)(yk_mono_us() - t0) / 1e6);
	int64_t ranked[TOPN];
	m->lat_us = yk_xcalloc(nq * (size_t)o->rounds, sizeof(double));
	m->cpu_us = yk_xcalloc(nq * (size_t)o->rounds, sizeof(double));
	for (int round = 0; round <= o->rounds; round++) {
		for (size_t i = 0; i < nq; i++) {
			int64_t s0 = yk_mono_us();
			double c0 = cpu_us();
			char *seg = content_only ? NULL : segment(tk, queries[i].text, queries[i].len);
			char *fq = content_only
					   ? fts_query_content(tk, queries[i].text, queries[i].len)
					   : fts_query(seg);
			size_t n = fts_anchor_query(&fa, fq, round == 0 ? TOPN : LAT_K, ranked);
			if (round > 0) {
				m->cpu_us[m->nlat] = cpu_us() - c0;
				m->lat_us[m->nlat++] = (double)(yk_mono_us() - s0);
			}
			free(seg);
			free(fq);
			if (round == 0)
				metrics_add(m, queries[i].qid, ranked, n);
		}
	}
	fts_anchor_close(&fa);
}

/* ---- 100k passages: latency at scale -------------------------------------------- */

static void run_passages(struct options *o, struct text_tokenizer *tk)
{
	struct search_index *idx = search_index_new(&o->p);
	struct yk_errinfo ei;
	size_t n = 0;
	double build0 = cpu_us();
	/* Passages of about 200 bytes cut at 。 from every answer, repeated
	 * with new ids until N: realistic term statistics at scale. */
	for (size_t copy = 0; n < o->passages; copy++) {
		for (size_t i = 0; i < nfaq && n < o->passages; i++) {
			const char *a = faqs[i].a, *end = a + faqs[i].al;
			while (a < end && n < o->passages) {
				const char *cut = a;
				while (cut < end && (cut - a < 200)) {
					const char *dot = strstr(cut, "。");
					if (!dot || dot >= end) {
						cut = end;
						break;
					}
					cut = dot + 3;
				}
				struct search_doc d;
				memset(&d, 0, sizeof(d));
				d.id = (int64_t)n;
				d.field[SEARCH_FIELD_TITLE] = faqs[i].q;
				d.field_len[SEARCH_FIELD_TITLE] = faqs[i].ql;
				d.field[SEARCH_FIELD_BODY] = a;
				d.field_len[SEARCH_FIELD_BODY] = (size_t)(cut - a);
				d.is_public = (n % 2) == 0;
				if (search_index_add(idx, tk, &d, &ei) != 0)
					die("passage add failed");
				n++;
				a = cut;
			}
		}
	}
	search_index_trim(idx);
	printf("passages %zu indexed in %.1f s CPU\n", n, (cpu_us() - build0) / 1e6);
	double sem0 = cpu_us();
	search_index_semantic_build(idx);
	if (o->p.sem_dim)
		printf("passages semantic %u dimensions built in %.2f s CPU\n", o->p.sem_dim,
		       (cpu_us() - sem0) / 1e6);
	print_stats("passages", idx);
	struct search_results res = {0};
	struct search_opts so = {10, 0};
	double *lat = yk_xcalloc(nq * (size_t)o->rounds, sizeof(double));
	double *wall = yk_xcalloc(nq * (size_t)o->rounds, sizeof(double));
	size_t nl = 0;
	double total = 0;
	for (int round = 0; round < o->rounds; round++)
		for (size_t i = 0; i < nq; i++) {
			if (o->fresh)
				search_results_forget_queries(&res);
			int64_t s0 = yk_mono_us();
			double c0 = cpu_us();
			if (search_query(idx, tk, queries[i].text, queries[i].len, &so, &res, NULL) != 0)
				die("passage query failed");
			lat[nl] = cpu_us() - c0;
			wall[nl] = (double)(yk_mono_us() - s0);
			total += lat[nl++];
		}
	/* --dump: the passages' results too (untimed), all of them and the
	 * public ones (search_opts.public_only): a larger index, another
	 * field mix, and the filtered accumulation. */
	FILE *dump = NULL;
	if (o->dump && !(dump = fopen(o->dump, "a")))
		die("cannot write the --dump file");
	for (int pub = 0; dump && pub < 2; pub++) {
		so.public_only = pub;
		for (size_t i = 0; i < nq; i++) {
			if (search_query(idx, tk, queries[i].text, queries[i].len, &so, &res, NULL) != 0)
				die("passage query failed");
			for (size_t r = 0; r < res.n; r++)
				dump_hit(dump, pub ? "p10pub" : "p10", queries[i].qid, r, &res.hits[r]);
		}
	}
	if (dump && fclose(dump) != 0)
		die("cannot write the --dump file");
	double med = pct(lat, nl, 0.5), p99 = pct(lat, nl, 0.99);
	double wmed = pct(wall, nl, 0.5), wp99 = pct(wall, nl, 0.99);
	printf("passages latency cpu median %.1f us  p99 %.1f us  QPS %.0f (one core, k=10); wall "
	       "median %.1f us  p99 %.1f us\n",
	       med, p99, (double)nl / (total / 1e6), wmed, wp99);
	free(lat);
	free(wall);
	search_results_release(&res);
	search_index_free(idx);
}

/* What learning from 👍 does to the ranking (docs/search.md), by two-fold
 * cross-validation over the dev queries: the queries of one half are
 * asked; a simulated user looks at the first --feedback-sim answers and
 * votes 👍 for the first one that is judged relevant (grade >= 1); each
 * liked query text goes to that entry's asked field, as src/qa does with
 * staff votes. The other half is measured before and after, so no query
 * is ever scored with its own vote. */
static void feedback_sim(struct options *o, struct text_tokenizer *tk)
{
	struct metrics before = {0}, after = {0};
	struct search_results res = {0};
	struct search_opts so = {TOPN, 0};
	struct yk_errinfo ei;
	int64_t ranked[TOPN];
	size_t liked = 0;
	for (int fold = 0; fold < 2; fold++) {
		struct search_index *idx = build_faq_index(o, tk);
		struct yk_buf *asked = yk_xcalloc(nfaq, sizeof(*asked));
		for (size_t f = 0; f < nfaq; f++)
			yk_buf_init(&asked[f], 0);
		so.k = (unsigned)o->fbsim;
		for (size_t i = 0; i < nq; i++) {
			if ((int)(i % 2) != fold)
				continue;
			if (search_query(idx, tk, queries[i].text, queries[i].len, &so, &res, &ei) != 0)
				die(ei.message);
			for (size_t r = 0; r < res.n; r++) {
				if (grade_of(queries[i].qid, res.hits[r].id) == 0)
					continue;
				for (size_t f = 0; f < nfaq; f++)
					if (parse_int(faqs[f].id, strlen(faqs[f].id)) == res.hits[r].id &&
					    (yk_buf_add(&asked[f], "\n", asked[f].len ? 1 : 0) ||
					     yk_buf_add(&asked[f], queries[i].text, queries[i].len)))
						die("out of memory");
				liked++;
				break;
			}
		}
		so.k = TOPN;
		for (int pass = 0; pass < 2; pass++) {
			for (size_t f = 0; pass == 1 && f < nfaq; f++) {
				if (!asked[f].len)
					continue;
				struct search_doc d;
				faq_doc(&faqs[f], asked[f].data, asked[f].len, &d);
				if (search_index_add(idx, tk, &d, &ei) != 0)
					die(ei.message);
			}
			for (size_t i = 0; i < nq; i++) {
				if ((int)(i % 2) == fold)
					continue;
				if (search_query(idx, tk, queries[i].text, queries[i].len, &so, &res, &ei) != 0)
					die(ei.message);
				for (size_t r = 0; r < res.n; r++)
					ranked[r] = res.hits[r].id;
				metrics_add(pass ? &after : &before, queries[i].qid, ranked, res.n);
			}
		}
		for (size_t f = 0; f < nfaq; f++)
			yk_buf_release(&asked[f]);
		free(asked);
		search_index_free(idx);
	}
	printf("feedback %zu 👍 from the asking halves (a user looks at the first %d answers; asked "
	       "field weight %.2f)\n",
	       liked, o->fbsim, (double)o->p.field_w[SEARCH_FIELD_ASKED]);
	struct search_eval b, a;
	search_eval_mean(&before.ev, &b);
	search_eval_mean(&after.ev, &a);
	const char *names[2] = {"fb-off", "fb-on"};
	const struct search_eval *ev[2] = {&b, &a};
	for (int i = 0; i < 2; i++)
		printf("%-8s nDCG@10 %.4f  Recall@10 %.4f  MRR %.4f  Hit@1 %.4f  Hit@3 %.4f  Hit@10 "
		       "%.4f  (%zu held-out queries)\n",
		       names[i], ev[i]->ndcg10, ev[i]->recall10, ev[i]->mrr, ev[i]->hit1, ev[i]->hit3,
		       ev[i]->hit10, ev[i]->queries);
	printf("ratio    fb-on vs fb-off nDCG@10 %.3fx  MRR %.3fx  Hit@1 %.3fx\n",
	       b.ndcg10 > 0 ? a.ndcg10 / b.ndcg10 : 0, b.mrr > 0 ? a.mrr / b.mrr : 0,
	       b.hit1 > 0 ? a.hit1 / b.hit1 : 0);
	search_results_release(&res);
}

int main(int argc, char **argv)
{
	struct options o;
	struct yk_errinfo ei;
	struct text_model *model;
	struct text_tokenizer *tk;
	parse_args(argc, argv, &o);
	load_data(o.data);
	yk_errinfo_clear(&ei);
	if (text_model_new(NULL, &model, &ei) != 0 || text_tokenizer_new(model, &tk, &ei) != 0)
		die(ei.message);
	printf("data     %zu FAQ entries, %zu dev queries, %zu judgements (%s)\n", nfaq, nq, nqrel,
	       o.data);
	printf("params   k1 %.2f  w(q,a) %.2f,%.2f  b(q,a) %.2f,%.2f  kind(l,s,c,b) "
	       "%.2f,%.2f,%.2f,%.2f  stop %.2f  syn %.2f  rerank %.2f,%.2f,%.2f depth %u\n",
	       (double)o.p.k1, (double)o.p.field_w[0], (double)o.p.field_w[1], (double)o.p.b[0],
	       (double)o.p.b[1], (double)o.p.kind_w[0], (double)o.p.kind_w[1],
	       (double)o.p.kind_w[2], (double)o.p.kind_w[3], (double)o.p.stop_w,
	       (double)o.p.synonym_w, (double)o.p.rr_bm25, (double)o.p.rr_qcov,
	       (double)o.p.rr_dcov, o.p.rerank_depth);

	if (o.fbsim) {
		feedback_sim(&o, tk);
		return 0;
	}
	struct search_index *idx = build_faq_index(&o, tk);
	/* --cold: the snapshot holds idx's reference from here on. */
	struct search_snapshot *sn = o.cold ? search_snapshot_new(idx) : NULL;
	struct metrics ours = {0}, fts = {0};
	struct decision_row *rows = yk_xcalloc(nq, sizeof(*rows));
	run_ours(&o, idx, sn ? &sn : NULL, tk, &ours, rows);
	metrics_print("yakuba", &ours);
	if (o.calibrate)
		calibrate(rows);
	if (o.fts) {
		struct metrics fts_cw = {0};
		run_fts(&o, tk, &fts, 0);
		metrics_print("fts5", &fts);
		run_fts(&o, tk, &fts_cw, 1);
		metrics_print("fts5-cw", &fts_cw);
		struct search_eval oe, xe;
		search_eval_mean(&ours.ev, &oe);
		double on = oe.ndcg10;
		double om = pct(ours.cpu_us, ours.nlat, 0.5), op = pct(ours.cpu_us, ours.nlat, 0.99);
		struct metrics *anchors[2] = {&fts, &fts_cw};
		static const char *names[2] = {"fts5", "fts5-cw"};
		for (int a = 0; a < 2; a++) {
			struct metrics *x = anchors[a];
			search_eval_mean(&x->ev, &xe);
			double xn = xe.ndcg10;
			double xm = pct(x->cpu_us, x->nlat, 0.5), xp = pct(x->cpu_us, x->nlat, 0.99);
			printf("ratio    yakuba vs %-7s nDCG@10 %.2fx  median latency %.1fx faster  p99 "
			       "%.1fx faster\n",
			       names[a], xn > 0 ? on / xn : 0, om > 0 ? xm / om : 0, op > 0 ? xp / op : 0);
		}
		free(fts_cw.lat_us);
		free(fts_cw.cpu_us);
	}
	if (o.passages > 0)
		run_passages(&o, tk);

	free(rows);
	free(ours.lat_us);
	free(fts.lat_us);
	free(ours.cpu_us);
	free(fts.cpu_us);
	if (sn)
		search_snapshot_unref(sn);
	else
		search_index_free(idx);
	text_tokenizer_free(tk);
	text_model_free(model);
	for (size_t i = 0; i < nfaq; i++) {
		free(faqs[i].id);
		free(faqs[i].q);
		free(faqs[i].a);
	}
	for (size_t i = 0; i < nq; i++)
		free(queries[i].text);
	free(faqs);
	free(queries);
	free(qrels);
	return 0;
}
