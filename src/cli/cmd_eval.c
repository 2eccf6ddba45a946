/* cli/eval: `yakuba eval --queries Q.tsv [--qrels R.tsv] [--run OUT]
 * [--k 100] [--json] [--curve] [--curve-json OUT] [--target-precision P]`
 * ranks the knowledge base in the database for each query, writes a TREC
 * run file, and with judgements prints nDCG@10, Recall@10, MRR, Hit@1/3/10,
 * what qa_ask would decide (direct answers and their precision, もしかして,
 * 分かりません, with the thresholds in the database's settings) and the
 * median and 99th-percentile time per query. --curve adds the
 * coverage/precision curve of the answer thresholds and a two-fold choice
 * of them (tune on one half of the queries, measure on the other). */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "cli.h"
#include "qa/qa.h"
#include "search/search.h"
#include "core/banned.h"

#define EVAL_FILE_MAX (64u << 20)
#define EVAL_K_MAX 1000

/* The two-fold grid of answer thresholds (score x lead) and the curve's
 * lead steps. */
#define GRID_TOP_STEP 0.02f
#define GRID_TOP_MAX 0.60f
#define GRID_LEAD_STEP 0.01f
#define GRID_LEAD_MAX 0.40f
#define CURVE_LEAD_STEP 0.02f
#define CURVE_LEAD_MAX 0.30f

/* One judged query as the decision sees it. */
struct decided {
	struct qa_rank_info info;
	int top_relevant; /* the top entry is judged grade >= 1 */
};

struct share {
	size_t n, direct, direct_ok, suggest, none;
};

static void share_add(struct share *s, const struct search_decide_params *p,
		      const struct decided *d)
{
	s->n++;
	enum qa_decision dec = qa_decide(p, &d->info);
	if (dec == QA_ANSWER) {
		s->direct++;
		s->direct_ok += (size_t)d->top_relevant;
	} else if (dec == QA_CLARIFY) {
		s->suggest++;
	} else {
		s->none++;
	}
}

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

/* Queries [from, n) stepping by step (2: one half) under p. */
static struct share share_of(const struct decided *d, size_t n, size_t from, size_t step,
			     const struct search_decide_params *p)
{
	struct share s = {0};
	for (size_t i = from; i < n; i += step)
		share_add(&s, p, &d[i]);
	return s;
}

/* The thresholds giving the most direct answers at precision >= target on
 * queries [from, n) by step; ties go to the higher precision. 0 when no
 * point reaches the target. */
static int tune(const struct decided *d, size_t n, size_t from, size_t step, double target,
		const struct search_decide_params *base, struct search_decide_params *best)
{
	int found = 0;
	struct share bs = {0};
	for (int a = 0; (float)a * GRID_TOP_STEP <= GRID_TOP_MAX + 1e-6f; a++)
		for (int b = 0; (float)b * GRID_LEAD_STEP <= GRID_LEAD_MAX + 1e-6f; b++) {
			struct search_decide_params p = *base;
			p.answer_min_top = (float)a * GRID_TOP_STEP;
			p.answer_min_lead = (float)b * GRID_LEAD_STEP;
			struct share s = share_of(d, n, from, step, &p);
			if (s.direct == 0 || ratio(s.direct_ok, s.direct) < target)
				continue;
			if (!found || s.direct > bs.direct ||
			    (s.direct == bs.direct &&
			     ratio(s.direct_ok, s.direct) > ratio(bs.direct_ok, bs.direct))) {
				found = 1;
				bs = s;
				*best = p;
			}
		}
	return found;
}

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

/* The coverage/precision curve of the lead threshold at the score
 * threshold in use, and the two-fold choice of both thresholds: tuned on
 * the even-numbered judged queries and measured on the odd ones, then the
 * other way round. Printed when print, added to j when given, and written
 * as the settings page's asset to path when given. */
static int decision_curve(const struct decided *d, size_t n, const struct search_decide_params *th,
			  double target, int print, json_t *j, const char *path)
{
	json_t *points = json_array(), *folds = json_array();
	if (print)
		printf("\ncurve at score >= %.2f (direct share, precision of direct answers):\n"
		       "  lead>=  direct   relevant  もしかして  分かりません\n",
		       (double)th->answer_min_top);
	for (int b = 0; (float)b * CURVE_LEAD_STEP <= CURVE_LEAD_MAX + 1e-6f; b++) {
		struct search_decide_params p = *th;
		p.answer_min_lead = (float)b * CURVE_LEAD_STEP;
		struct share s = share_of(d, n, 0, 1, &p);
		if (print)
			printf("  %.2f    %5.1f%%   %5.1f%%    %5.1f%%      %5.1f%%\n",
			       (double)p.answer_min_lead, 100.0 * ratio(s.direct, s.n),
			       100.0 * ratio(s.direct_ok, s.direct), 100.0 * ratio(s.suggest, s.n),
			       100.0 * ratio(s.none, s.n));
		json_array_append_new(
			points, json_pack("{s:f, s:f, s:f, s:f, s:f}", "answer_min_lead",
					  round((double)p.answer_min_lead * 100.0) / 100.0,
					  "direct_share", ratio(s.direct, s.n), "direct_precision",
					  ratio(s.direct_ok, s.direct), "suggest_share",
					  ratio(s.suggest, s.n), "none_share", ratio(s.none, s.n)));
	}
	if (print)
		printf("\ntwo-fold choice (most direct answers at precision >= %.2f on the tuning half):\n",
		       target);
	double unseen_share = 0, unseen_prec = 0;
	int folds_found = 0;
	for (size_t f = 0; f < 2; f++) {
		struct search_decide_params best;
		if (!tune(d, n, f, 2, target, th, &best)) {
			if (print)
				printf("  tuned on the %s half: no threshold reaches %.2f\n",
				       f ? "odd" : "even", target);
			continue;
		}
		struct share t = share_of(d, n, f, 2, &best), u = share_of(d, n, 1 - f, 2, &best);
		folds_found++;
		unseen_share += ratio(u.direct, u.n);
		unseen_prec += ratio(u.direct_ok, u.direct);
		if (print)
			printf("  tuned on the %s half: score >= %.2f, lead >= %.2f: tuning half %.1f%% "
			       "direct (%.1f%% relevant); unseen half %.1f%% direct (%.1f%% relevant)\n",
			       f ? "odd" : "even", (double)best.answer_min_top,
			       (double)best.answer_min_lead, 100.0 * ratio(t.direct, t.n),
			       100.0 * ratio(t.direct_ok, t.direct), 100.0 * ratio(u.direct, u.n),
			       100.0 * ratio(u.direct_ok, u.direct));
		json_array_append_new(
			folds, json_pack("{s:s, s:f, s:f, s:f, s:f, s:f, s:f}", "tuned_on",
					 f ? "odd" : "even", "answer_min_score",
					 round((double)best.answer_min_top * 100.0) / 100.0,
					 "answer_min_lead",
					 round((double)best.answer_min_lead * 100.0) / 100.0,
					 "tune_direct_share", ratio(t.direct, t.n),
					 "tune_direct_precision", ratio(t.direct_ok, t.direct),
					 "unseen_direct_share", ratio(u.direct, u.n),
					 "unseen_direct_precision", ratio(u.direct_ok, u.direct)));
	}
	if (print && folds_found)
		printf("  mean over the unseen halves: %.1f%% direct, %.1f%% relevant\n",
		       100.0 * unseen_share / folds_found, 100.0 * unseen_prec / folds_found);
	json_t *doc = json_pack("{s:I, s:f, s:f, s:f, s:f, s:o, s:o}", "queries", (json_int_t)n,
				"answer_min_score", round((double)th->answer_min_top * 100.0) / 100.0,
				"answer_min_lead", round((double)th->answer_min_lead * 100.0) / 100.0,
				"clarify_min_score", round((double)th->clarify_min_top * 100.0) / 100.0,
				"target_precision", target, "curve", points, "twofold", folds);
	int rc = 0;
	if (path && json_dump_file(doc, path, JSON_INDENT(1) | JSON_REAL_PRECISION(4)) != 0) {
		fprintf(stderr, "yakuba: %s: %s\n", path, strerror(errno));
		rc = CLI_EXIT_FAIL;
	}
	if (j)
		json_object_set(j, "decision_curve", doc);
	json_decref(doc);
	return rc;
}

int cmd_eval(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"eval", "yakuba eval --queries Q.tsv [--qrels R.tsv] [--run OUT] [--k 100]",
		"検索の精度を評価します（Q.tsv: 質問ID<TAB>質問、R.tsv: 質問ID<TAB>項目ID<TAB>等級）",
		0, 0};
	const char *queries = NULL, *qrels = NULL, *run = NULL, *kstr = "100";
	const char *curve_json = NULL, *target_str = "0.85";
	int json = 0, curve = 0;
	const struct cli_opt opts[] = {
		{"queries", "Q.tsv", "評価する質問（必須）", &queries, NULL, NULL, NULL},
		{"qrels", "R.tsv", "正解（項目 ID は取り込んだ FAQ の id 列）", &qrels, NULL, NULL, NULL},
		{"run", "OUT", "TREC 形式のランキングを書き出すファイル", &run, NULL, NULL, NULL},
		{"k", "N", "質問ごとに順位付けする件数（既定 100）", &kstr, NULL, NULL, NULL},
		{"json", NULL, "結果を JSON で出力します", NULL, &json, NULL, NULL},
		{"curve", NULL, "直接回答のしきい値ごとの回答率と正しさ、2 分割での選び方を表示します（--qrels が必要）",
		 NULL, &curve, NULL, NULL},
		{"curve-json", "OUT", "しきい値の曲線を設定画面用の JSON で書き出すファイル", &curve_json, NULL,
		 NULL, NULL},
		{"target-precision", "P", "2 分割で選ぶときに求める直接回答の正しさ（既定 0.85）", &target_str,
		 NULL, NULL, NULL},
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
	char *tend = NULL;
	double target = strtod(target_str, &tend);
	if (!tend || *tend || tend == target_str || !(target >= 0 && target <= 1)) {
		fprintf(stderr, "yakuba eval: --target-precision must be 0 to 1 (yakuba eval --help)\n");
		return CLI_EXIT_USAGE;
	}
	if ((curve || curve_json) && !qrels) {
		fprintf(stderr, "yakuba eval: --curve needs --qrels (yakuba eval --help)\n");
		return CLI_EXIT_USAGE;
	}
	char *qdata = NULL, *rdata = NULL;
	size_t qlen, rlen = 0;
	struct qrel *rel = NULL;
	size_t nrel = 0;
	int64_t *times = NULL;
	size_t ntimes = 0;
	struct decided *dec = NULL;
	size_t ndec = 0;
	json_t *out_json = NULL;
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
	if ((rc = qa_rank(qa, db, "", 0, 1, 0, take, &warm, NULL, &ei)))
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
		struct qa_rank_info info;
		rc = qa_rank(qa, db, f[1], strlen(f[1]), (unsigned)k, 0, take, &r, &info, &ei);
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
			if (nj) {
				/* Judged queries only, as the metrics count them. */
				int ok = 0;
				for (size_t i = 0; i < nj; i++)
					if (j[i].id == info.top_id && info.top_id && j[i].grade >= 1)
						ok = 1;
				dec = yk_xrealloc(dec, (ndec + 1) * sizeof(*dec));
				dec[ndec++] = (struct decided){info, ok};
			}
			free(j);
		}
		free(r.ids);
		nq++;
	}
	if (ntimes > 1)
		qsort(times, ntimes, sizeof(*times), cmp_i64);
	struct search_decide_params th;
	qa_thresholds(db, &th);
	struct share all = share_of(dec, ndec, 0, 1, &th);
	double med = ntimes ? (double)times[ntimes / 2] / 1000.0 : 0.0;
	double p99 = ntimes ? (double)times[(ntimes * 99) / 100] / 1000.0 : 0.0;
	struct search_eval mean;
	memset(&mean, 0, sizeof(mean));
	if (rdata)
		search_eval_mean(&m, &mean);
	if (json) {
		out_json = json_pack("{s:I}", "queries", (json_int_t)nq);
		if (rdata) {
			json_object_set_new(out_json, "judged_queries", json_integer((json_int_t)mean.queries));
			json_object_set_new(out_json, "ndcg10", json_real(mean.ndcg10));
			json_object_set_new(out_json, "recall10", json_real(mean.recall10));
			json_object_set_new(out_json, "mrr", json_real(mean.mrr));
			json_object_set_new(out_json, "hit1", json_real(mean.hit1));
			json_object_set_new(out_json, "hit3", json_real(mean.hit3));
			json_object_set_new(out_json, "hit10", json_real(mean.hit10));
			json_object_set_new(out_json, "direct_share", json_real(ratio(all.direct, all.n)));
			json_object_set_new(out_json, "direct_precision",
					    json_real(ratio(all.direct_ok, all.direct)));
			json_object_set_new(out_json, "suggest_share", json_real(ratio(all.suggest, all.n)));
			json_object_set_new(out_json, "none_share", json_real(ratio(all.none, all.n)));
			json_object_set_new(out_json, "thresholds",
					    json_pack("{s:f, s:f, s:f}", "answer_min_score",
						      (double)th.answer_min_top, "answer_min_lead",
						      (double)th.answer_min_lead, "clarify_min_score",
						      (double)th.clarify_min_top));
		}
		json_object_set_new(out_json, "median_ms", json_real(med));
		json_object_set_new(out_json, "p99_ms", json_real(p99));
	} else {
		printf("queries            %zu\n", nq);
		if (rdata) {
			printf("judged queries     %zu\n", mean.queries);
			printf("nDCG@10            %.4f\n", mean.ndcg10);
			printf("Recall@10          %.4f\n", mean.recall10);
			printf("MRR                %.4f\n", mean.mrr);
			printf("Hit@1 (grade 2)    %.4f\n", mean.hit1);
			printf("Hit@3 (grade 2)    %.4f\n", mean.hit3);
			printf("Hit@10 (grade 2)   %.4f\n", mean.hit10);
			printf("direct answers     %.4f (relevant: %.4f)\n", ratio(all.direct, all.n),
			       ratio(all.direct_ok, all.direct));
			printf("もしかして         %.4f\n", ratio(all.suggest, all.n));
			printf("分かりません       %.4f\n", ratio(all.none, all.n));
			printf("thresholds         score >= %.2f, lead >= %.2f; もしかして from %.2f\n",
			       (double)th.answer_min_top, (double)th.answer_min_lead,
			       (double)th.clarify_min_top);
		}
		if (ntimes) {
			printf("median ms/query    %.3f\n", med);
			printf("p99 ms/query       %.3f\n", p99);
		}
	}
	if ((curve || curve_json) &&
	    decision_curve(dec, ndec, &th, target, curve && !json, out_json, curve_json) != 0) {
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	if (out_json) {
		char *text = json_dumps(out_json, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
		printf("%s\n", text);
		free(text);
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
	json_decref(out_json);
	free(dec);
	free(times);
	free(rel);
	free(qdata);
	free(rdata);
	return rc;
}
