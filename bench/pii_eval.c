/* bench/pii_eval: quality and speed of the personal-information guard.
 *
 * Quality: precision, recall and F1 per type and overall (micro) on the
 * labelled evaluation sets (tests/data/pii/eval*.txt: our own, the held-out
 * batches and the blind batches 06-11 of issue 14), a span counting as a
 * true positive only when start, end and type all match exactly.
 * Speed: MB/s of pii_scan() on one core, line by line, over the municipal
 * FAQ corpus in ../shared/data (--data to override) and over the evaluation
 * sentences; then the first file's texts without markup line by line, as
 * one document and as that document repeated into one of about 1 MB (the
 * long document's MB/s over the short one's: x1.00 when the cost grows
 * with the length only).
 * Document mode: each file's texts joined by blank lines into one
 * document, one scan a file, scored against the same labels; its anchor is
 * the same texts scanned one by one (recall and precision as a ratio), and
 * its MB/s.
 * Anchor in the same run: a naive regex-only detector (POSIX regcomp for
 * digit runs, phones, postal codes and e-mail, half-width only), scored and
 * timed the same way, with the ratio of the two.
 *
 *   build/release/bench/pii_eval [--eval F]... [--allow F] [--data F]
 *                                [--dicdir D] [--errors] [--no-speed] [FILE...]
 *
 * FILE (or --eval FILE) is any file in the {{TYPE|text}} markup of
 * bench/pii_markup.h, one text per line, '#' lines are comments; without
 * one the files of tests/data/pii/ are scored. Each file gets its own table
 * per type (gold, found, false alarms, P/R/F1), then all files together.
 * --no-speed skips the speed measurement (quality only, a few seconds).
 * A second anchor for the guard's speed: MeCab alone (text_analyze() of
 * text/) over every whole line, the cost of one morphological pass shared
 * by all rules instead of windows around cues. --mecab-pass runs it once
 * over every line of the files (for callgrind: --toggle-collect=mecab_pass).
 * --spans prints every span the guard reports (FILE:LINE start end TYPE),
 * for checking that a speed change leaves the results byte-identical
 * (diff the output of two builds; plain text without markup works too).
 */
#include <regex.h>
#include <stdio.h>
#include <time.h>

#include "pii_markup.h"
#include "pii/pii.h"
#include "text/text.h"

#define EVAL_FILE_MAX (16u * 1024u * 1024u)
#define SPEED_MIN_US 2000000 /* CPU time of each speed measurement */

struct score {
	unsigned tp[PII_TYPE_COUNT], fp[PII_TYPE_COUNT], fn[PII_TYPE_COUNT];
};

struct found {
	size_t start, end;
	enum pii_type type;
};

typedef int (*detect_fn)(void *ctx, const char *text, size_t len, struct found *out, size_t max,
			 size_t *n);

/* ---- our guard ---------------------------------------------------------- */

static int detect_guard(void *ctx, const char *text, size_t len, struct found *out, size_t max,
			size_t *n)
{
	const struct pii_span *sp;
	size_t ns;
	int rc = pii_scan(ctx, text, len, &sp, &ns);
	if (rc)
		return rc;
	*n = 0;
	for (size_t i = 0; i < ns && *n < max; i++) {
		out[*n].start = sp[i].start;
		out[*n].end = sp[i].end;
		out[*n].type = sp[i].type;
		(*n)++;
	}
	return 0;
}

/* ---- MeCab alone over the whole text -------------------------------------- */

struct mecab_whole {
	struct text_tokenizer *tk;
	struct text_morphs morphs;
};

static int detect_mecab_whole(void *ctx, const char *text, size_t len, struct found *out,
			      size_t max, size_t *n)
{
	struct mecab_whole *mw = ctx;
	(void)out, (void)max;
	*n = 0;
	return text_analyze(mw->tk, text, len, &mw->morphs, NULL);
}

/* Every text of a file (markup removed, as pii_scan() sees it) once
 * through MeCab: the instructions of one whole-text pass, for callgrind
 * (not inlined, so that --toggle-collect=mecab_pass finds it). */
__attribute__((noinline)) static int mecab_pass(struct mecab_whole *mw, const char *text, size_t len, size_t *bytes,
		      size_t *morphs)
{
	struct markup_line ml;
	yk_buf_init(&ml.text, PII_INPUT_MAX);
	size_t i = 0;
	int rc = 0;
	while (i < len && !rc) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		if (e > i && text[i] != '#' && (rc = markup_parse(text + i, e - i, &ml)) == 0 &&
		    ml.text.len && (rc = text_analyze(mw->tk, ml.text.data, ml.text.len, &mw->morphs,
						      NULL)) == 0) {
			*bytes += ml.text.len;
			*morphs += mw->morphs.n;
		}
		i = e + 1;
	}
	yk_buf_release(&ml.text);
	return rc;
}

/* ---- naive regex baseline ------------------------------------------------ */

struct baseline {
	regex_t re[6];
	enum pii_type type[6];
	size_t n;
};

static int baseline_init(struct baseline *b)
{
	static const struct { const char *re; enum pii_type t; } pats[] = {
		{"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", PII_EMAIL},
		{"0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}", PII_PHONE},
		{"[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}", PII_CREDIT_CARD},
		{"[0-9]{13}", PII_JP_CORPORATE_NUMBER},
		{"[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}", PII_JP_MY_NUMBER},
		{"[0-9]{3}-[0-9]{4}", PII_POSTAL_CODE},
	};
	b->n = 0;
	for (size_t i = 0; i < YK_ARRAY_LEN(pats); i++) {
		if (regcomp(&b->re[i], pats[i].re, REG_EXTENDED) != 0)
			return YK_EPARSE;
		b->type[i] = pats[i].t;
		b->n++;
	}
	return 0;
}

static void baseline_release(struct baseline *b)
{
	for (size_t i = 0; i < b->n; i++)
		regfree(&b->re[i]);
}

static int is_digit_byte(char c) { return c >= '0' && c <= '9'; }

/* Earliest match of any pattern from pos; ties to the first pattern. */
static int detect_baseline(void *ctx, const char *text, size_t len, struct found *out,
			   size_t max, size_t *n)
{
	struct baseline *b = ctx;
	char *z = yk_xstrndup(text, len); /* regexec needs NUL termination */
	size_t pos = 0;
	*n = 0;
	while (pos < len && *n < max) {
		size_t best_s = len, best_e = 0;
		enum pii_type best_t = PII_PHONE;
		for (size_t i = 0; i < b->n; i++) {
			regmatch_t m;
			if (regexec(&b->re[i], z + pos, 1, &m, pos ? REG_NOTBOL : 0) != 0)
				continue;
			size_t s = pos + (size_t)m.rm_so, e = pos + (size_t)m.rm_eo;
			/* whole digit runs only */
			if ((s > 0 && is_digit_byte(z[s - 1])) || (e < len && is_digit_byte(z[e])))
				continue;
			if (s < best_s) {
				best_s = s, best_e = e, best_t = b->type[i];
			}
		}
		if (best_s == len)
			break;
		out[*n].start = yk_utf8_count(z, best_s);
		out[*n].end = yk_utf8_count(z, best_e);
		out[*n].type = best_t;
		(*n)++;
		pos = best_e;
	}
	free(z);
	return 0;
}

/* ---- scoring ------------------------------------------------------------- */

static void score_line(struct score *sc, const struct markup_line *ml, const struct found *f,
		       size_t nf, int show, const char *who)
{
	int used[MARKUP_SPANS_MAX] = {0};
	for (size_t i = 0; i < nf; i++) {
		int hit = 0;
		for (size_t g = 0; g < ml->nspan; g++)
			if (!used[g] && ml->span[g].start == f[i].start && ml->span[g].end == f[i].end &&
			    ml->span[g].type == f[i].type) {
				used[g] = 1;
				hit = 1;
				break;
			}
		if (hit) {
			sc->tp[f[i].type]++;
		} else {
			sc->fp[f[i].type]++;
			if (show)
				printf("  %s FP %-20s [%zu,%zu) %s\n", who, pii_type_name(f[i].type),
				       f[i].start, f[i].end, ml->text.data);
		}
	}
	for (size_t g = 0; g < ml->nspan; g++)
		if (!used[g]) {
			sc->fn[ml->span[g].type]++;
			if (show)
				printf("  %s FN %-20s [%zu,%zu) %s\n", who, pii_type_name(ml->span[g].type),
				       ml->span[g].start, ml->span[g].end, ml->text.data);
		}
}

static double ratio(unsigned a, unsigned b) { return b ? (double)a / b : 0.0; }
static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

static void print_score(const char *title, const struct score *sc, int per_type, double *f1_out,
			double *p_out, double *r_out)
{
	unsigned tp = 0, fp = 0, fn = 0;
	if (title[0])
		printf("\n%s\n", title);
	if (per_type)
		printf("  %-24s %5s %5s %5s %5s %7s %7s %7s\n", "type", "gold", "tp", "fp", "fn",
		       "prec", "recall", "f1");
	for (size_t t = 0; t < PII_TYPE_COUNT; t++) {
		tp += sc->tp[t], fp += sc->fp[t], fn += sc->fn[t];
		/* per_type 2: only the types that occur (per-file tables) */
		if (!per_type || (per_type == 2 && sc->tp[t] + sc->fp[t] + sc->fn[t] == 0))
			continue;
		double p = ratio(sc->tp[t], sc->tp[t] + sc->fp[t]);
		double r = ratio(sc->tp[t], sc->tp[t] + sc->fn[t]);
		printf("  %-24s %5u %5u %5u %5u %7.3f %7.3f %7.3f\n", pii_type_name((enum pii_type)t),
		       sc->tp[t] + sc->fn[t], sc->tp[t], sc->fp[t], sc->fn[t], p, r, f1(p, r));
	}
	double p = ratio(tp, tp + fp), r = ratio(tp, tp + fn);
	printf("  %-24s %5u %5u %5u %5u %7.3f %7.3f %7.3f\n", "OVERALL (micro)", tp + fn, tp, fp, fn,
	       p, r, f1(p, r));
	*f1_out = f1(p, r);
	*p_out = p;
	*r_out = r;
}

static int64_t cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

#define SPEED_ROUNDS 5

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Runs fn over every line of text, in SPEED_ROUNDS rounds of at least
 * SPEED_MIN_US/SPEED_ROUNDS of this thread's CPU time each; MB/s (10^6
 * bytes per second) of CPU time. The machine is shared, so wall time
 * measures the neighbours and even CPU time is noisy: the best round is
 * returned (the least disturbed), the median in *median and the wall-clock
 * MB/s over all rounds in *wall. */
static double speed(detect_fn fn, void *ctx, const char *text, size_t len, double *median,
		    double *wall)
{
	static struct found f[1024];
	double rate[SPEED_ROUNDS];
	size_t all_bytes = 0;
	int64_t w0 = yk_mono_us();
	for (int r = 0; r < SPEED_ROUNDS; r++) {
		size_t bytes = 0;
		int64_t c0 = cpu_us(), c1;
		do {
			size_t i = 0;
			while (i < len) {
				size_t e = i;
				while (e < len && text[e] != '\n')
					e++;
				size_t n;
				if (fn(ctx, text + i, e - i, f, YK_ARRAY_LEN(f), &n) == 0)
					bytes += e - i + 1;
				i = e + 1;
			}
			c1 = cpu_us();
		} while (c1 - c0 < SPEED_MIN_US / SPEED_ROUNDS);
		rate[r] = (double)bytes / (double)(c1 - c0);
		all_bytes += bytes;
	}
	*wall = (double)all_bytes / (double)(yk_mono_us() - w0);
	qsort(rate, SPEED_ROUNDS, sizeof(rate[0]), cmp_double);
	*median = rate[SPEED_ROUNDS / 2];
	return rate[SPEED_ROUNDS - 1];
}

/* speed() of the guard on text as one document (one pii_scan() a round's
 * pass, not one a line). */
static double speed_document(struct pii_scanner *sc, const char *text, size_t len,
			     double *median)
{
	double rate[SPEED_ROUNDS];
	for (int r = 0; r < SPEED_ROUNDS; r++) {
		size_t bytes = 0;
		int64_t c0 = cpu_us(), c1;
		do {
			const struct pii_span *sp;
			size_t n;
			if (pii_scan(sc, text, len, &sp, &n) == 0)
				bytes += len;
			c1 = cpu_us();
		} while (c1 - c0 < SPEED_MIN_US / SPEED_ROUNDS);
		rate[r] = (double)bytes / (double)(c1 - c0);
	}
	qsort(rate, SPEED_ROUNDS, sizeof(rate[0]), cmp_double);
	*median = rate[SPEED_ROUNDS / 2];
	return rate[SPEED_ROUNDS - 1];
}

/* Speed of the guard on documents: the texts of eval (markup) joined by
 * blank lines into one document, the server's normal case (a memo, a
 * pasted table, an e-mail), and that document repeated into one of about
 * LONG_DOCUMENT bytes. Its anchor is the same texts line by line; the
 * long document's MB/s over the short one's shows whether the cost grows
 * with the length only (x1.00) or faster. */
#define LONG_DOCUMENT (1000u * 1000u)
static int document_speed(struct pii_scanner *sc, const char *eval, size_t len)
{
	struct yk_buf doc, longdoc;
	yk_buf_init(&doc, PII_INPUT_MAX);
	yk_buf_init(&longdoc, PII_INPUT_MAX);
	struct markup_span *gold = NULL;
	size_t ngold = 0;
	int rc = markup_document(eval, len, &doc, &gold, &ngold);
	free(gold);
	while (!rc && doc.len > 0 && longdoc.len < LONG_DOCUMENT)
		rc = (longdoc.len && yk_buf_add(&longdoc, "\n\n", 2)) ||
		     yk_buf_add(&longdoc, doc.data, doc.len);
	if (!rc) {
		double dm, lm, tm, tw;
		double t = speed(detect_guard, sc, doc.data, doc.len, &tm, &tw);
		double d = speed_document(sc, doc.data, doc.len, &dm);
		double l = speed_document(sc, longdoc.data, longdoc.len, &lm);
		printf("  the same texts without markup (%.1f KB): line by line %.2f MB/s [%.2f]; "
		       "as one document %.2f MB/s [%.2f], document/line by line x%.2f\n"
		       "  that document repeated into one of %.1f KB: %.2f MB/s [%.2f]; "
		       "long/short document x%.2f\n",
		       (double)doc.len / 1e3, t, tm, d, dm, t > 0 ? d / t : 0.0,
		       (double)longdoc.len / 1e3, l, lm, d > 0 ? l / d : 0.0);
	}
	yk_buf_release(&doc);
	yk_buf_release(&longdoc);
	return rc;
}

/* --spans: the file whose guard spans are printed, NULL otherwise */
static const char *spans_path;

static int run_eval(detect_fn fn, void *ctx, const char *eval, size_t len, struct score *sc,
		    int show, const char *who, size_t *nlines, size_t *nneg)
{
	struct markup_line ml;
	yk_buf_init(&ml.text, PII_INPUT_MAX);
	static struct found f[1024];
	size_t i = 0, lineno = 0;
	int rc = 0;
	*nlines = *nneg = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && eval[e] != '\n')
			e++;
		lineno++;
		if (e > i && eval[i] != '#') {
			if ((rc = markup_parse(eval + i, e - i, &ml)) != 0) {
				fprintf(stderr, "eval line %zu: broken markup\n", lineno);
				break;
			}
			size_t n;
			if ((rc = fn(ctx, ml.text.data ? ml.text.data : "", ml.text.len, f,
				     YK_ARRAY_LEN(f), &n)) != 0) {
				fprintf(stderr, "eval line %zu: %s\n", lineno, yk_err_code(rc));
				break;
			}
			score_line(sc, &ml, f, n, show, who);
			if (spans_path && fn == detect_guard)
				for (size_t k = 0; k < n; k++)
					printf("%s:%zu %zu %zu %s\n", spans_path, lineno, f[k].start,
					       f[k].end, pii_type_name(f[k].type));
			(*nlines)++;
			*nneg += ml.nspan == 0;
		}
		i = e + 1;
	}
	yk_buf_release(&ml.text);
	return rc;
}

/* ---- document mode --------------------------------------------------------
 * The guard sees a whole text, and a pasted document holds many parts: a
 * chat, a form, a table, a notice. Each file's texts are joined by blank
 * lines into one document, scanned in one call, and scored against the
 * same labels moved to their place in it; the anchor is the same texts
 * scanned one by one (the figures above). A document may differ where one
 * part's context reaches into another's (a table's header, a sample's
 * note, a label). */

static int cmp_doc_span(const void *a, const void *b)
{
	const struct markup_span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return (x->type > y->type) - (x->type < y->type);
}

/* Scores the document of the file's texts into sc; its bytes and the
 * thread CPU microseconds of its scan into *bytes and *us. */
static int run_document(struct pii_scanner *sc, const char *eval, size_t len, struct score *score,
			size_t *bytes, int64_t *us)
{
	struct yk_buf doc;
	yk_buf_init(&doc, PII_INPUT_MAX);
	struct markup_span *gold = NULL, *found = NULL;
	size_t ngold = 0, nfound = 0;
	int rc = markup_document(eval, len, &doc, &gold, &ngold);
	const struct pii_span *sp = NULL;
	size_t ns = 0;
	int64_t c0 = cpu_us();
	if (!rc)
		rc = pii_scan(sc, doc.data ? doc.data : "", doc.len, &sp, &ns);
	*us = cpu_us() - c0;
	*bytes = doc.len;
	if (!rc) {
		found = yk_xmalloc((ns ? ns : 1) * sizeof(*found));
		for (size_t k = 0; k < ns; k++)
			found[nfound++] = (struct markup_span){sp[k].start, sp[k].end, sp[k].type};
		qsort(gold, ngold, sizeof(*gold), cmp_doc_span);
		qsort(found, nfound, sizeof(*found), cmp_doc_span);
		size_t x = 0, y = 0;
		while (x < ngold || y < nfound) {
			int c = x == ngold ? 1 : y == nfound ? -1 : cmp_doc_span(&gold[x], &found[y]);
			if (c == 0)
				score->tp[gold[x].type]++, x++, y++;
			else if (c < 0)
				score->fn[gold[x].type]++, x++;
			else
				score->fp[found[y].type]++, y++;
		}
	}
	free(gold);
	free(found);
	yk_buf_release(&doc);
	return rc;
}

#define EVAL_FILES_MAX 64

int main(int argc, char **argv)
{
	const char *eval_paths[EVAL_FILES_MAX];
	size_t neval = 0;
	const char *allow_path = "tests/data/pii/allow.txt";
	const char *data_path = "../shared/data/localgovfaq/faq.tsv", *dicdir = NULL;
	int show = 0, no_speed = 0, spans = 0, mecab_only = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--errors") == 0)
			show = 1;
		else if (strcmp(argv[i], "--no-speed") == 0)
			no_speed = 1;
		else if (strcmp(argv[i], "--spans") == 0)
			spans = 1;
		else if (strcmp(argv[i], "--mecab-pass") == 0)
			mecab_only = 1;
		else if (argv[i][0] != '-' && neval < EVAL_FILES_MAX)
			eval_paths[neval++] = argv[i];
		else if (i + 1 < argc && strcmp(argv[i], "--eval") == 0 && neval < EVAL_FILES_MAX)
			eval_paths[neval++] = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--allow") == 0)
			allow_path = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--data") == 0)
			data_path = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--dicdir") == 0)
			dicdir = argv[++i];
		else {
			fprintf(stderr,
				"usage: %s [--eval F]... [--allow F] [--data F] [--dicdir D] [--errors] "
				"[--no-speed] [--spans] [--mecab-pass] [FILE...] (at most %d files)\n",
				argv[0], EVAL_FILES_MAX);
			return 2;
		}
	}
	if (neval == 0) {
		static const char *const defaults[] = {
			"tests/data/pii/eval.txt",         "tests/data/pii/eval_holdout.txt",
			"tests/data/pii/eval_blind06.txt", "tests/data/pii/eval_blind07.txt",
			"tests/data/pii/eval_blind08.txt", "tests/data/pii/eval_blind09.txt",
			"tests/data/pii/eval_blind10.txt", "tests/data/pii/eval_blind11.txt",
		};
		for (size_t k = 0; k < YK_ARRAY_LEN(defaults); k++)
			eval_paths[neval++] = defaults[k];
	}
	int rc, exit_code = 1;
	struct yk_buf eval, allow, data;
	yk_buf_init(&eval, EVAL_FILE_MAX);
	yk_buf_init(&allow, EVAL_FILE_MAX);
	yk_buf_init(&data, 64u * 1024u * 1024u);
	struct pii_detector *det = NULL;
	struct pii_scanner *sc = NULL;
	struct text_model *model = NULL;
	struct mecab_whole mw = {NULL, {NULL, 0, 0}};
	struct baseline base;
	base.n = 0;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (markup_read_file(allow_path, &allow)) {
		fprintf(stderr, "cannot read %s (run from the repository root)\n", allow_path);
		goto out;
	}
	int have_data = markup_read_file(data_path, &data) == 0;
	{
		/* ENAMDICT: size and load time (once per process) */
		struct timespec a, b;
		size_t entries = 0, bytes = 0;
		clock_gettime(CLOCK_MONOTONIC, &a);
		int nrc = pii_names_info(&entries, &bytes);
		clock_gettime(CLOCK_MONOTONIC, &b);
		double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
		if (nrc == 0)
			printf("ENAMDICT: %zu written forms in %.1f MB, loaded in %.0f ms\n\n", entries,
			       (double)bytes / 1e6, ms);
		else
			printf("ENAMDICT: not found (Debian package enamdict)\n\n");
		/* the learned name model (src/pii/pii_learn.c): size and load time */
		size_t feats = 0, mbytes = 0;
		clock_gettime(CLOCK_MONOTONIC, &a);
		nrc = pii_learn_info(&feats, &mbytes);
		clock_gettime(CLOCK_MONOTONIC, &b);
		ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
		if (nrc == 0)
			printf("name model: %zu buckets with a weight, %.1f MB in memory, loaded in %.1f ms\n\n",
			       feats, (double)mbytes / 1e6, ms);
		else
			printf("name model: none in this build\n\n");
	}
	struct pii_config cfg = {.dicdir = dicdir, .allow = allow.data, .allow_len = allow.len};
	if ((rc = pii_detector_new(&cfg, &det, &ei)) || (rc = pii_scanner_new(det, &sc, &ei))) {
		fprintf(stderr, "pii: %s\n", ei.message[0] ? ei.message : yk_err_code(rc));
		goto out;
	}
	if (baseline_init(&base))
		goto out;
	if (text_model_new(dicdir, &model, &ei) || text_tokenizer_new(model, &mw.tk, &ei)) {
		fprintf(stderr, "text: %s\n", ei.message[0] ? ei.message : "no model");
		goto out;
	}
	if (mecab_only) {
		size_t bytes = 0, morphs = 0;
		for (size_t f = 0; f < neval; f++) {
			yk_buf_reset(&eval);
			if (markup_read_file(eval_paths[f], &eval) ||
			    mecab_pass(&mw, eval.data, eval.len, &bytes, &morphs))
				goto out;
		}
		printf("MeCab over every text: %zu bytes (markup removed), %zu morphemes\n", bytes,
		       morphs);
		exit_code = 0;
		goto out;
	}

	struct score all_guard = {0}, all_base = {0}, all_doc = {0};
	size_t doc_bytes = 0;
	int64_t doc_us = 0;
	double gf, gp, gr, bf, bp, br;
	size_t total_lines = 0, total_neg = 0;
	for (size_t f = 0; f < neval; f++) {
		struct score s_guard = {0}, s_base = {0};
		size_t nlines, nneg;
		yk_buf_reset(&eval);
		if (markup_read_file(eval_paths[f], &eval)) {
			fprintf(stderr, "cannot read %s (run from the repository root)\n", eval_paths[f]);
			goto out;
		}
		spans_path = spans ? eval_paths[f] : NULL;
		if (run_eval(detect_guard, sc, eval.data, eval.len, &s_guard, show, "guard", &nlines,
			     &nneg) ||
		    run_eval(detect_baseline, &base, eval.data, eval.len, &s_base, 0, "base", &nlines,
			     &nneg))
			goto out;
		printf("%s: %zu sentences (%zu without personal information)\n", eval_paths[f], nlines,
		       nneg);
		print_score("", &s_guard, 2, &gf, &gp, &gr);
		total_lines += nlines, total_neg += nneg;
		size_t dbytes = 0;
		int64_t dus = 0;
		if (run_document(sc, eval.data, eval.len, &all_doc, &dbytes, &dus))
			goto out;
		doc_bytes += dbytes, doc_us += dus;
		for (size_t t = 0; t < PII_TYPE_COUNT; t++) {
			all_guard.tp[t] += s_guard.tp[t], all_guard.fp[t] += s_guard.fp[t];
			all_guard.fn[t] += s_guard.fn[t];
			all_base.tp[t] += s_base.tp[t], all_base.fp[t] += s_base.fp[t];
			all_base.fn[t] += s_base.fn[t];
		}
	}
	printf("\nall evaluation files: %zu sentences (%zu without personal information)\n",
	       total_lines, total_neg);
	print_score("guard (pii_scan, exact span and type):", &all_guard, 1, &gf, &gp, &gr);
	print_score("baseline (naive POSIX regex):", &all_base, 1, &bf, &bp, &br);
	printf("\nquality: guard F1 %.3f vs baseline F1 %.3f (x%.2f); recall %.3f vs %.3f; "
	       "precision %.3f vs %.3f\n",
	       gf, bf, bf > 0 ? gf / bf : 0.0, gr, br, gp, bp);
	double df, dp, dr;
	print_score("document mode (each file's texts joined by blank lines, one scan a file):",
		    &all_doc, 1, &df, &dp, &dr);
	printf("\ndocument mode: recall %.3f vs %.3f text by text (x%.3f); precision %.3f vs %.3f "
	       "(x%.3f); %.1f KB in %.0f ms of CPU, %.2f MB/s\n",
	       dr, gr, gr > 0 ? dr / gr : 0.0, dp, gp, gp > 0 ? dp / gp : 0.0, (double)doc_bytes / 1e3,
	       (double)doc_us / 1e3, doc_us > 0 ? (double)doc_bytes / (double)doc_us : 0.0);

	if (no_speed) {
		exit_code = 0;
		goto out;
	}
	/* speed over the first evaluation file and the FAQ corpus */
	yk_buf_reset(&eval);
	if (markup_read_file(eval_paths[0], &eval))
		goto out;
	printf("\nspeed (one core, line by line; MB/s of thread CPU time: best of %d rounds, "
	       "median in brackets, wall clock last):\n",
	       SPEED_ROUNDS);
	double gm, bm, gw, bw;
	double g_eval = speed(detect_guard, sc, eval.data, eval.len, &gm, &gw);
	double b_eval = speed(detect_baseline, &base, eval.data, eval.len, &bm, &bw);
	double mm, mwall;
	double m_eval = speed(detect_mecab_whole, &mw, eval.data, eval.len, &mm, &mwall);
	printf("  %s (%.1f KB, markup included):\n"
	       "    guard %.2f MB/s [%.2f] wall %.2f; baseline %.2f MB/s [%.2f] wall %.2f; "
	       "guard/baseline x%.2f\n"
	       "    MeCab alone over whole lines %.2f MB/s [%.2f]; guard/MeCab-whole x%.2f\n",
	       eval_paths[0], (double)eval.len / 1e3, g_eval, gm, gw, b_eval, bm, bw,
	       b_eval > 0 ? g_eval / b_eval : 0.0, m_eval, mm, m_eval > 0 ? g_eval / m_eval : 0.0);
	if (document_speed(sc, eval.data, eval.len))
		goto out;
	if (have_data) {
		double g_data = speed(detect_guard, sc, data.data, data.len, &gm, &gw);
		double b_data = speed(detect_baseline, &base, data.data, data.len, &bm, &bw);
		double m_data = speed(detect_mecab_whole, &mw, data.data, data.len, &mm, &mwall);
		printf("  %s (%.1f KB):\n"
		       "    guard %.2f MB/s [%.2f] wall %.2f; baseline %.2f MB/s [%.2f] wall %.2f; "
		       "guard/baseline x%.2f\n"
		       "    MeCab alone over whole lines %.2f MB/s [%.2f]; guard/MeCab-whole x%.2f\n",
		       data_path, (double)data.len / 1e3, g_data, gm, gw, b_data, bm, bw,
		       b_data > 0 ? g_data / b_data : 0.0, m_data, mm,
		       m_data > 0 ? g_data / m_data : 0.0);
	} else {
		printf("  %s: not found, skipped (--data PATH)\n", data_path);
	}
	exit_code = 0;
out:
	text_morphs_release(&mw.morphs);
	text_tokenizer_free(mw.tk);
	text_model_free(model);
	baseline_release(&base);
	pii_scanner_free(sc);
	pii_detector_free(det);
	yk_buf_release(&eval);
	yk_buf_release(&allow);
	yk_buf_release(&data);
	return exit_code;
}
