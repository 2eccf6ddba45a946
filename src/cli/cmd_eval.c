/* cli/eval: `yakuba eval --queries Q.tsv [--qrels R.tsv] [--run OUT]
 * [--k 100]` ranks the knowledge base in the database for each query,
 * writes a TREC run file, and with judgements prints nDCG@10, Recall@10,
 * MRR, Hit@1/3/10 and the median and 99th-percentile time per query. */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "qa/qa.h"
#include "search/search.h"
#include "core/banned.h"

#define EVAL_FILE_MAX (64u << 20)
#define EVAL_K_MAX 1000

/* A judgement: the qrels' external id resolved to an entry id (a judged
 * id missing from the knowledge base gets a negative id that no ranking
 * contains, so it counts as not found). */
struct qrel {
	char *qid;
	int64_t entry;
	int grade;
};

struct ranked {
	int64_t *ids;
	size_t n, cap;
	FILE *run;
	const char *qid;
};

static int take(void *ctx, int64_t id, const char *ext_id, float score)
{
	struct ranked *r = ctx;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 128;
		r->ids = yk_xrealloc(r->ids, r->cap * sizeof(*r->ids));
	}
	r->ids[r->n++] = id;
	if (r->run)
		fprintf(r->run, "%s Q0 %s %zu %.6f yakuba\n", r->qid, ext_id, r->n, (double)score);
	return 0;
}

/* Splits a TSV line in place into at most max fields; returns the count. */
static size_t split_tab(char *line, char **f, size_t max)
{
	size_t n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

/* The entry with this external id (the first, if several sources share
 * it), or the negative placeholder. */
static int64_t resolve_ext_id(struct store *db, const char *ext, int64_t missing)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(db, "SELECT min(id) FROM kb_entries WHERE external_id = ?", &st, NULL) != 0)
		return missing;
	sqlite3_bind_text(st, 1, ext, -1, SQLITE_TRANSIENT);
	int64_t id = missing;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* Cuts the next line out of *cursor (in place, CR dropped); NULL at the
 * end. */
static char *next_line(char **cursor)
{
	char *line = *cursor;
	if (!line || !*line)
		return NULL;
	char *nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*cursor = nl + 1;
	} else {
		*cursor = line + strlen(line);
	}
	line[strcspn(line, "\r")] = '\0';
	return line;
}

int cmd_eval(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"eval", "yakuba eval --queries Q.tsv [--qrels R.tsv] [--run OUT] [--k 100]",
		"検索の精度を評価します（Q.tsv: 質問ID<TAB>質問、R.tsv: 質問ID<TAB>項目ID<TAB>等級）",
		0, 0};
	const char *queries = NULL, *qrels = NULL, *run = NULL, *kstr = "100";
	const struct cli_opt opts[] = {
		{"queries", "Q.tsv", "評価する質問（必須）", &queries, NULL, NULL, NULL},
		{"qrels", "R.tsv", "正解（項目 ID は取り込んだ FAQ の id 列）", &qrels, NULL, NULL, NULL},
		{"run", "OUT", "TREC 形式のランキングを書き出すファイル", &run, NULL, NULL, NULL},
		{"k", "N", "質問ごとに順位付けする件数（既定 100）", &kstr, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	int64_t k;
	if (!queries) {
		fprintf(stderr, "yakuba eval: missing option: --queries (yakuba eval --help)\n");
		return CLI_EXIT_USAGE;
	}
	if (yk_parse_i64(kstr, strlen(kstr), 1, EVAL_K_MAX, &k) != 0) {
		fprintf(stderr, "yakuba eval: --k must be 1 to %d (yakuba eval --help)\n", EVAL_K_MAX);
		return CLI_EXIT_USAGE;
	}
	char *qdata = NULL, *rdata = NULL;
	size_t qlen, rlen = 0;
	struct qrel *rel = NULL;
	size_t nrel = 0;
	int64_t *times = NULL;
	size_t ntimes = 0;
	FILE *runf = NULL;
	struct store *db = NULL;
	struct qa *qa = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	rc = CLI_EXIT_FAIL;
	if (cli_read_file(queries, EVAL_FILE_MAX, &qdata, &qlen) ||
	    (qrels && cli_read_file(qrels, EVAL_FILE_MAX, &rdata, &rlen)) || cli_open(db_flag, 0, &db))
		goto out;
	if (rdata) {
		long lineno = 0;
		char *cur = rdata, *line;
		while ((line = next_line(&cur))) {
			lineno++;
			if (line[0] == '\0')
				continue;
			char *f[4];
			size_t n = split_tab(line, f, 4);
			int64_t g;
			if (n != 3 || yk_parse_i64(f[2], strlen(f[2]), 0, 100, &g) != 0) {
				fprintf(stderr, "%s:%ld: 質問ID<TAB>項目ID<TAB>等級（0〜100 の整数）の形ではありません\n",
					qrels, lineno);
				goto out;
			}
			rel = yk_xrealloc(rel, (nrel + 1) * sizeof(*rel));
			rel[nrel] = (struct qrel){f[0], resolve_ext_id(db, f[1], -(int64_t)nrel - 1),
						  (int)g};
			nrel++;
		}
	}
	if (run && !(runf = fopen(run, "w"))) {
		fprintf(stderr, "yakuba: %s: %s\n", run, strerror(errno));
		goto out;
	}
	if ((rc = qa_new(NULL, NULL, &qa, &ei)))
		goto fail;
	struct ranked warm = {0};
	/* Build the index before timing anything. */
	if ((rc = qa_rank(qa, db, "", 0, 1, 0, take, &warm, &ei)))
		goto fail;
	struct search_eval m;
	memset(&m, 0, sizeof(m));
	long lineno = 0;
	size_t nq = 0;
	char *cur = qdata, *line;
	while ((line = next_line(&cur))) {
		lineno++;
		if (line[0] == '\0')
			continue;
		char *f[3];
		size_t n = split_tab(line, f, 3);
		if (n != 2 || !f[0][0]) {
			fprintf(stderr, "%s:%ld: 質問ID<TAB>質問 の形ではありません\n", queries, lineno);
			rc = CLI_EXIT_FAIL;
			goto out;
		}
		struct ranked r = {NULL, 0, 0, runf, f[0]};
		int64_t t0 = yk_mono_us();
		rc = qa_rank(qa, db, f[1], strlen(f[1]), (unsigned)k, 0, take, &r, &ei);
		int64_t dt = yk_mono_us() - t0;
		if (rc) {
			yk_errinfo_at(&ei, queries, lineno, NULL);
			free(r.ids);
			goto fail;
		}
		times = yk_xrealloc(times, (ntimes + 1) * sizeof(*times));
		times[ntimes++] = dt;
		if (rdata) {
			struct search_judgement *j = yk_xcalloc(nrel ? nrel : 1, sizeof(*j));
			size_t nj = 0;
			for (size_t i = 0; i < nrel; i++)
				if (strcmp(rel[i].qid, f[0]) == 0)
					j[nj++] = (struct search_judgement){rel[i].entry, rel[i].grade};
			search_eval_add(&m, r.ids, r.n, j, nj);
			free(j);
		}
		free(r.ids);
		nq++;
	}
	if (ntimes > 1)
		qsort(times, ntimes, sizeof(*times), cmp_i64);
	printf("queries            %zu\n", nq);
	if (rdata) {
		struct search_eval mean;
		search_eval_mean(&m, &mean);
		m = mean;
		printf("judged queries     %zu\n", m.queries);
		printf("nDCG@10            %.4f\n", m.ndcg10);
		printf("Recall@10          %.4f\n", m.recall10);
		printf("MRR                %.4f\n", m.mrr);
		printf("Hit@1 (grade 2)    %.4f\n", m.hit1);
		printf("Hit@3 (grade 2)    %.4f\n", m.hit3);
		printf("Hit@10 (grade 2)   %.4f\n", m.hit10);
	}
	if (ntimes) {
		printf("median ms/query    %.3f\n", (double)times[ntimes / 2] / 1000.0);
		printf("p99 ms/query       %.3f\n", (double)times[(ntimes * 99) / 100] / 1000.0);
	}
	rc = 0;
	goto out;
fail:
	cli_error(rc, &ei);
	rc = CLI_EXIT_FAIL;
out:
	if (runf && fclose(runf) != 0 && rc == 0) {
		fprintf(stderr, "yakuba: %s: %s\n", run, strerror(errno));
		rc = CLI_EXIT_FAIL;
	}
	qa_free(qa);
	store_close(db);
	free(times);
	free(rel);
	free(qdata);
	free(rdata);
	return rc;
}
