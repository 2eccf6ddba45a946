/* bench/search_corpus: speed of src/search at document scale (issue 3,
 * 問い合わせAI), with SQLite FTS5 as the anchor in the same run.
 *
 *   build/release/bench/search_corpus --db PATH [--queries FILE]
 *       [--rounds N] [--self N] [--seed N]
 *
 * PATH is a yakuba database whose knowledge base was filled by
 * `yakuba import` (bench/corpus.sh builds one from the Japanese manuals
 * that Debian packages ship). Every visible entry is read once through
 * kb_entry_foreach() into memory; then, timed separately on this thread:
 *   - our index, built as src/qa/qa.c builds it (a passage's title and
 *     heading path in SEARCH_FIELD_TITLE, its body in SEARCH_FIELD_BODY;
 *     an FAQ entry's question and answer; default parameters and the seed
 *     synonym table, which is what a fresh database holds);
 *   - the FTS5 anchor of bench/fts_anchor.h over the same texts segmented
 *     by the same MeCab, bm25() weights 2:1 like our title:body weights.
 * Queries (FILE, default ../shared/data/localgovfaq/queries-dev.tsv: real
 * citizen questions, "id<TAB>text"; read there, never copied) go through
 * both at k = 10, one engine after the other for each question, for
 * --rounds passes (default 3) after one untimed warm-up pass. FTS5 gets the
 * fair content-word query form; building it (MeCab) is inside its time,
 * as our tokenising is inside ours. Latency is thread CPU time
 * (CLOCK_THREAD_CPUTIME_ID: the cost on one core, whatever the neighbours
 * do) and wall time; QPS is queries per CPU second of one thread.
 *
 * Then a sanity check, not a quality figure: --self N (default 200)
 * passages drawn at random (--seed) are asked for with their own title and
 * first sentence; we count how often that passage, or a passage with the
 * same title, heading path and body (the corpus holds copies), is in each
 * engine's top 10.
 */
#include <malloc.h>
#include <sys/resource.h>

#include "core/core.h"
#include "kb/kb.h"
#include "search/search.h"
#include "store/store.h"
#include "text/text.h"

#include "fts_anchor.h"

#define QUERY_FILE_MAX (16u << 20) /* bytes of the query file */
#define QUERIES_MAX 100000u        /* questions read from it */
#define SELF_QUERY_MAX 600u        /* bytes of a self-retrieval question */
#define K 10u

/* One entry as the index builders see it. */
struct passage {
	int64_t id;
	int is_public;
	int is_faq;
	char *head; /* title + " " + heading path, or the FAQ question */
	char *text; /* body, or the FAQ answer */
	char *title; /* the passage's own title (self-retrieval) */
	size_t head_len, text_len;
	uint64_t key; /* hash of head and text: equal for copies */
};

struct corpus {
	struct passage *v;
	size_t n, cap;
	size_t bytes; /* head + text bytes handed to the indexes */
};

struct query {
	char *text;
	size_t len;
};

static void die(const char *msg)
{
	fprintf(stderr, "search_corpus: %s\n", msg);
	exit(1);
}

/* On-CPU time of this thread (microseconds). */
static double cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static double peak_rss_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

/* Bytes malloc has handed out and not had back (all threads' arenas), and
 * bytes it holds from the kernel: their gap is fragmentation and free
 * memory not yet returned. */
static void malloc_mb(double *in_use, double *held)
{
	struct mallinfo2 mi = mallinfo2();
	*in_use = (double)(mi.uordblks + mi.hblkhd) / 1e6;
	*held = (double)(mi.arena + mi.hblkhd) / 1e6;
}

static uint64_t fnv1a(uint64_t h, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* ---- reading the corpus --------------------------------------------------- */

static int collect(void *ctx, const struct kb_entry *e)
{
	struct corpus *c = ctx;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4096;
		c->v = yk_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	struct passage *p = &c->v[c->n++];
	memset(p, 0, sizeof(*p));
	p->id = e->id;
	p->is_public = e->is_public;
	if (e->kind == KB_KIND_FAQ) {
		p->is_faq = 1;
		p->head = yk_xstrndup(e->question, strlen(e->question));
		p->text = yk_xstrndup(e->answer, strlen(e->answer));
		p->title = yk_xstrndup(e->question, strlen(e->question));
	} else {
		/* As qa.c's add_entry: the title, then the heading path. */
		struct yk_buf b;
		yk_buf_init(&b, 0);
		if (yk_buf_adds(&b, e->title) ||
		    (e->heading_path[0] &&
		     (yk_buf_adds(&b, " ") || yk_buf_adds(&b, e->heading_path))))
			die("out of memory");
		p->head = yk_buf_detach(&b, &p->head_len);
		p->text = yk_xstrndup(e->body, strlen(e->body));
		p->title = yk_xstrndup(e->title, strlen(e->title));
	}
	p->head_len = strlen(p->head);
	p->text_len = strlen(p->text);
	p->key = fnv1a(fnv1a(14695981039346656037ull, p->head, p->head_len + 1), p->text,
		       p->text_len);
	c->bytes += p->head_len + p->text_len;
	return 0;
}

static void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].head);
		free(c->v[i].text);
		free(c->v[i].title);
	}
	free(c->v);
}

/* "id<TAB>text" lines; \n and \\ escapes and the ＜改＞ line-break marker
 * of LocalgovFAQ become line breaks. */
static struct query *read_queries(const char *path, size_t *nq)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "search_corpus: cannot open %s\n", path);
		exit(1);
	}
	struct yk_buf b;
	yk_buf_init(&b, QUERY_FILE_MAX);
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (yk_buf_add(&b, chunk, got) != 0)
			die("query file too large");
	fclose(f);
	size_t len;
	char *data = yk_buf_detach(&b, &len);
	static const char kai[] = "＜改＞";
	struct query *q = NULL;
	size_t n = 0;
	for (char *p = data, *end = data + len; p < end && n < QUERIES_MAX;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end;
		char *tab = memchr(p, '\t', (size_t)(le - p));
		if (tab && tab + 1 < le) {
			const char *s = tab + 1;
			size_t sl = (size_t)(le - s);
			if (sl && s[sl - 1] == '\r')
				sl--;
			char *o = yk_xmalloc(sl + 1);
			size_t w = 0;
			for (size_t i = 0; i < sl; i++) {
				if (s[i] == '\\' && i + 1 < sl) {
					o[w++] = s[i + 1] == 'n' ? '\n' : s[i + 1];
					i++;
				} else if (sl - i >= sizeof(kai) - 1 &&
					   memcmp(s + i, kai, sizeof(kai) - 1) == 0) {
					o[w++] = '\n';
					i += sizeof(kai) - 2;
				} else {
					o[w++] = s[i];
				}
			}
			o[w] = '\0';
			q = yk_xrealloc(q, (n + 1) * sizeof(*q));
			q[n].text = o;
			q[n].len = w;
			n++;
		}
		p = nl ? nl + 1 : end;
	}
	free(data);
	if (n == 0)
		die("no questions read");
	*nq = n;
	return q;
}

/* ---- latency figures -------------------------------------------------------- */

struct timing {
	double *cpu, *wall; /* microseconds per query */
	size_t n;
	double cpu_total;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of v[0..n), which it sorts. */
static double pct(double *v, size_t n, double p)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	return v[(size_t)(p * (double)(n - 1) + 0.5)];
}

struct summary {
	double med, p99, wmed, wp99, qps;
};

static void timing_summary(struct timing *t, struct summary *s)
{
	s->qps = t->cpu_total > 0 ? (double)t->n / (t->cpu_total / 1e6) : 0;
	s->med = pct(t->cpu, t->n, 0.5);
	s->p99 = pct(t->cpu, t->n, 0.99);
	s->wmed = pct(t->wall, t->n, 0.5);
	s->wp99 = pct(t->wall, t->n, 0.99);
}

static void summary_print(const char *name, const struct summary *s, size_t n)
{
	printf("%-8s %zu queries, k=10: cpu median %.3f ms  p99 %.3f ms  QPS %.0f (one core); "
	       "wall median %.3f ms  p99 %.3f ms\n",
	       name, n, s->med / 1e3, s->p99 / 1e3, s->qps, s->wmed / 1e3, s->wp99 / 1e3);
}

/* ---- options -------------------------------------------------------------- */

struct options {
	const char *db, *queries;
	int rounds;
	size_t self;
	uint64_t seed;
};

static int64_t num(const char *s)
{
	int64_t v;
	if (yk_parse_i64(s, strlen(s), 0, INT32_MAX, &v) != 0)
		die("bad number");
	return v;
}

static void parse_args(int argc, char **argv, struct options *o)
{
	o->db = NULL;
	o->queries = "../shared/data/localgovfaq/queries-dev.tsv";
	o->rounds = 3;
	o->self = 200;
	o->seed = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (i + 1 >= argc)
			die("option needs a value (--db PATH [--queries FILE] [--rounds N] "
			    "[--self N] [--seed N])");
		const char *v = argv[++i];
		if (!strcmp(a, "--db"))
			o->db = v;
		else if (!strcmp(a, "--queries"))
			o->queries = v;
		else if (!strcmp(a, "--rounds"))
			o->rounds = (int)num(v);
		else if (!strcmp(a, "--self"))
			o->self = (size_t)num(v);
		else if (!strcmp(a, "--seed"))
			o->seed = (uint64_t)num(v);
		else
			die("unknown option");
	}
	if (!o->db)
		die("--db PATH is required");
	if (o->rounds < 1)
		o->rounds = 1;
}

/* ---- the engines -------------------------------------------------------------- */

static struct search_index *build_ours(struct corpus *c, struct text_tokenizer *tk)
{
	struct yk_errinfo ei;
	struct search_index *idx = search_index_new(NULL);
	size_t sl = 0;
	const char *syn = search_synonyms_seed(&sl);
	yk_errinfo_clear(&ei);
	if (syn && search_index_set_synonyms(idx, tk, syn, sl, &ei) != 0)
		die(ei.message);
	double use0, held0, use1, held1;
	malloc_mb(&use0, &held0);
	int64_t w0 = yk_mono_us();
	double c0 = cpu_us();
	for (size_t i = 0; i < c->n; i++) {
		const struct passage *p = &c->v[i];
		struct search_doc d;
		memset(&d, 0, sizeof(d));
		d.id = p->id;
		d.is_public = p->is_public;
		int hf = p->is_faq ? SEARCH_FIELD_QUESTION : SEARCH_FIELD_TITLE;
		int tf = p->is_faq ? SEARCH_FIELD_ANSWER : SEARCH_FIELD_BODY;
		d.field[hf] = p->head;
		d.field_len[hf] = p->head_len;
		d.field[tf] = p->text;
		d.field_len[tf] = p->text_len;
		yk_errinfo_clear(&ei);
		int rc = search_index_add(idx, tk, &d, &ei);
		/* qa.c logs and skips an entry it cannot index; so do we. */
		if (rc == YK_EIO)
			die(ei.message);
		if (rc)
			fprintf(stderr, "search_corpus: entry %lld not indexed: %s\n",
				(long long)p->id, ei.message);
	}
	search_index_trim(idx); /* as qa.c does after a build */
	double secs = (cpu_us() - c0) / 1e6, wall = (double)(yk_mono_us() - w0) / 1e6;
	struct search_stats st;
	search_index_stats(idx, &st);
	malloc_mb(&use1, &held1);
	printf("yakuba   index: %zu docs, %zu terms, %zu postings, %zu tokens; %.1f MB of heap "
	       "(search_index_stats); malloc in use +%.1f MB, held from the kernel +%.1f MB\n",
	       st.docs, st.terms, st.postings, st.tokens, (double)st.bytes / 1e6, use1 - use0,
	       held1 - held0);
	printf("yakuba   build: %.1f MB of text in %.1f s CPU (%.2f MB/s per core, normalising "
	       "and MeCab included); wall %.1f s; peak RSS now %.0f MiB\n",
	       (double)c->bytes / 1e6, secs, (double)c->bytes / 1e6 / secs, wall, peak_rss_mib());
	return idx;
}

static void build_fts(struct fts_anchor *fa, struct corpus *c, struct text_tokenizer *tk)
{
	double heap0 = fts_anchor_heap_mb();
	int64_t w0 = yk_mono_us();
	double c0 = cpu_us();
	fts_anchor_open(fa, tk, 2.0, 1.0);
	for (size_t i = 0; i < c->n; i++) {
		const struct passage *p = &c->v[i];
		fts_anchor_add(fa, p->id, p->head, p->head_len, p->text, p->text_len);
	}
	fts_anchor_commit(fa);
	double secs = (cpu_us() - c0) / 1e6, wall = (double)(yk_mono_us() - w0) / 1e6;
	printf("fts5     index: in-memory database, %.1f MB of SQLite heap\n",
	       fts_anchor_heap_mb() - heap0);
	printf("fts5     build: %.1f MB of text in %.1f s CPU (%.2f MB/s per core, normalising "
	       "and MeCab included); wall %.1f s; peak RSS now %.0f MiB\n",
	       (double)c->bytes / 1e6, secs, (double)c->bytes / 1e6 / secs, wall, peak_rss_mib());
}

/* Our top k ids for q into ids; returns how many. */
static size_t ask_ours(struct search_index *idx, struct text_tokenizer *tk, const char *q,
		       size_t len, struct search_results *res, int64_t *ids)
{
	struct search_opts so = {K, 0};
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (search_query(idx, tk, q, len, &so, res, &ei) != 0)
		die(ei.message);
	for (size_t i = 0; i < res->n; i++)
		ids[i] = res->hits[i].id;
	return res->n;
}

static size_t ask_fts(struct fts_anchor *fa, struct text_tokenizer *tk, const char *q,
		      size_t len, int64_t *ids)
{
	char *m = fts_query_content(tk, q, len);
	size_t n = fts_anchor_query(fa, m, K, ids);
	free(m);
	return n;
}

static void run_queries(struct options *o, struct search_index *idx, struct fts_anchor *fa,
			struct text_tokenizer *tk, struct query *qs, size_t nq)
{
	struct search_results res = {0};
	int64_t ids[K];
	size_t cap = nq * (size_t)o->rounds;
	struct timing ours = {yk_xcalloc(cap, sizeof(double)), yk_xcalloc(cap, sizeof(double)), 0, 0};
	struct timing fts = {yk_xcalloc(cap, sizeof(double)), yk_xcalloc(cap, sizeof(double)), 0, 0};
	size_t empty_ours = 0, empty_fts = 0;
	/* Round 0 warms caches and is not timed. Each question goes to both
	 * engines back to back, so that both see the same machine load. */
	for (int round = 0; round <= o->rounds; round++)
		for (size_t i = 0; i < nq; i++) {
			int64_t w0 = yk_mono_us();
			double c0 = cpu_us();
			size_t n = ask_ours(idx, tk, qs[i].text, qs[i].len, &res, ids);
			double c1 = cpu_us();
			int64_t w1 = yk_mono_us();
			size_t m = ask_fts(fa, tk, qs[i].text, qs[i].len, ids);
			double c2 = cpu_us();
			int64_t w2 = yk_mono_us();
			if (round == 0) {
				empty_ours += n == 0;
				empty_fts += m == 0;
				continue;
			}
			ours.cpu[ours.n] = c1 - c0;
			ours.wall[ours.n++] = (double)(w1 - w0);
			ours.cpu_total += c1 - c0;
			fts.cpu[fts.n] = c2 - c1;
			fts.wall[fts.n++] = (double)(w2 - w1);
			fts.cpu_total += c2 - c1;
		}
	struct summary so, sf;
	timing_summary(&ours, &so);
	timing_summary(&fts, &sf);
	printf("queries  %zu questions x %d rounds (after one untimed round); no result: yakuba "
	       "%zu, fts5 %zu\n",
	       nq, o->rounds, empty_ours, empty_fts);
	summary_print("yakuba", &so, ours.n);
	summary_print("fts5", &sf, fts.n);
	printf("ratio    fts5/yakuba (how many times faster we are): cpu median %.1fx  p99 %.1fx  "
	       "QPS %.1fx; wall median %.1fx  p99 %.1fx\n",
	       so.med > 0 ? sf.med / so.med : 0, so.p99 > 0 ? sf.p99 / so.p99 : 0,
	       sf.qps > 0 ? so.qps / sf.qps : 0, so.wmed > 0 ? sf.wmed / so.wmed : 0,
	       so.wp99 > 0 ? sf.wp99 / so.wp99 : 0);
	search_results_release(&res);
	free(ours.cpu);
	free(ours.wall);
	free(fts.cpu);
	free(fts.wall);
}

/* ---- self-retrieval sanity check ------------------------------------------- */

/* Length of the first sentence of s: up to and including the first 。,
 * ．, ！, ？ or line break, at most SELF_QUERY_MAX / 2 bytes, cut at a
 * character boundary. */
static size_t first_sentence(const char *s, size_t len)
{
	size_t i = 0, lim = len < SELF_QUERY_MAX / 2 ? len : SELF_QUERY_MAX / 2;
	while (i < lim) {
		if (s[i] == '\n')
			return i;
		if (i + 3 <= len && (!memcmp(s + i, "。", 3) || !memcmp(s + i, "．", 3) ||
				     !memcmp(s + i, "！", 3) || !memcmp(s + i, "？", 3)))
			return i + 3;
		i++;
	}
	while (i > 0 && i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static uint64_t next_random(uint64_t *state)
{
	/* xorshift64*: reproducible draws for a given --seed. */
	uint64_t x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 2685821657736338717ull;
}

/* 1 when one of ids[0..n) is the passage c->v[at] or a copy of it. */
static int found(const struct corpus *c, const int64_t *ids, size_t n, size_t at)
{
	for (size_t r = 0; r < n; r++) {
		/* Entry ids grow with position (kb_entry_foreach is in id order). */
		size_t lo = 0, hi = c->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (c->v[mid].id < ids[r])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < c->n && c->v[lo].id == ids[r] && c->v[lo].key == c->v[at].key)
			return 1;
	}
	return 0;
}

static void self_check(struct options *o, struct corpus *c, struct search_index *idx,
		       struct fts_anchor *fa, struct text_tokenizer *tk)
{
	if (o->self == 0 || c->n == 0)
		return;
	struct search_results res = {0};
	int64_t ids[K];
	uint64_t st = o->seed * 0x9E3779B97F4A7C15ull + 1;
	size_t asked = 0, hit_ours = 0, hit_fts = 0, exact_ours = 0, exact_fts = 0;
	char q[SELF_QUERY_MAX + 2];
	for (size_t tries = 0; asked < o->self && tries < o->self * 10; tries++) {
		size_t at = (size_t)(next_random(&st) % c->n);
		const struct passage *p = &c->v[at];
		size_t tl = strlen(p->title);
		if (tl > SELF_QUERY_MAX / 2)
			continue;
		size_t sl = first_sentence(p->text, p->text_len);
		if (tl + sl == 0)
			continue;
		memcpy(q, p->title, tl);
		q[tl] = ' ';
		memcpy(q + tl + 1, p->text, sl);
		size_t ql = tl + 1 + sl;
		q[ql] = '\0';
		asked++;
		size_t n = ask_ours(idx, tk, q, ql, &res, ids);
		hit_ours += (size_t)found(c, ids, n, at);
		for (size_t r = 0; r < n; r++)
			exact_ours += ids[r] == p->id;
		n = ask_fts(fa, tk, q, ql, ids);
		hit_fts += (size_t)found(c, ids, n, at);
		for (size_t r = 0; r < n; r++)
			exact_fts += ids[r] == p->id;
	}
	printf("sanity   self-retrieval (a sanity check, not a quality figure): %zu random passages "
	       "asked for with their own title + first sentence; the passage or an identical copy "
	       "in the top 10: yakuba %.1f%%, fts5 %.1f%% (that very passage: %.1f%%, %.1f%%)\n",
	       asked, asked ? 100.0 * (double)hit_ours / (double)asked : 0.0,
	       asked ? 100.0 * (double)hit_fts / (double)asked : 0.0,
	       asked ? 100.0 * (double)exact_ours / (double)asked : 0.0,
	       asked ? 100.0 * (double)exact_fts / (double)asked : 0.0);
	search_results_release(&res);
}

int main(int argc, char **argv)
{
	struct options o;
	struct yk_errinfo ei;
	struct store *db = NULL;
	struct text_model *model = NULL;
	struct text_tokenizer *tk = NULL;
	struct corpus c = {0};
	size_t nq = 0;

	parse_args(argc, argv, &o);
	struct query *qs = read_queries(o.queries, &nq);
	yk_errinfo_clear(&ei);
	if (store_open(o.db, 0, &db, &ei) != 0)
		die(ei.message);
	int64_t w0 = yk_mono_us();
	double c0 = cpu_us();
	if (kb_entry_foreach(db, collect, &c) != 0)
		die("reading kb_entries failed");
	store_close(db);
	size_t npass = 0;
	for (size_t i = 0; i < c.n; i++)
		npass += !c.v[i].is_faq;
	printf("corpus   %zu visible entries (%zu passages, %zu FAQ), %.1f MB of text (title + "
	       "heading path + body); read in %.1f s CPU, %.1f s wall; peak RSS now %.0f MiB\n",
	       c.n, npass, c.n - npass, (double)c.bytes / 1e6, (cpu_us() - c0) / 1e6,
	       (double)(yk_mono_us() - w0) / 1e6, peak_rss_mib());
	if (c.n == 0)
		die("the knowledge base is empty");

	yk_errinfo_clear(&ei);
	if (text_model_new(NULL, &model, &ei) != 0 || text_tokenizer_new(model, &tk, &ei) != 0)
		die(ei.message);
	struct search_index *idx = build_ours(&c, tk);
	struct fts_anchor fa;
	build_fts(&fa, &c, tk);
	run_queries(&o, idx, &fa, tk, qs, nq);
	self_check(&o, &c, idx, &fa, tk);
	printf("memory   peak RSS %.0f MiB (corpus copy in memory + both indexes)\n", peak_rss_mib());

	fts_anchor_close(&fa);
	search_index_free(idx);
	text_tokenizer_free(tk);
	text_model_free(model);
	corpus_free(&c);
	for (size_t i = 0; i < nq; i++)
		free(qs[i].text);
	free(qs);
	return 0;
}
