/* survey: results — distributions, top-2 share, free text masked and
 * grouped by key phrases, CSV export. See survey.h. */
#include <sqlite3.h>
#include <string.h>

#include "pii/pii.h"
#include "survey/survey.h"
#include "survey/survey_int.h"
#include "text/text.h"
#include "core/banned.h"

/* ---- the shared units for a front-end without its own ---------------------- */

int survey_text_open(struct store *db, const char *dicdir, struct survey_text *tx,
		     struct yk_errinfo *ei)
{
	memset(tx, 0, sizeof(*tx));
	int rc = text_model_new(dicdir, &tx->model, ei);
	if (rc)
		return rc;
	struct pii_guard_slot *slot = pii_guard_slot_new(tx->model);
	rc = pii_guard_current(slot, db, &tx->guard, ei);
	pii_guard_slot_free(slot);
	if (rc)
		survey_text_release(tx);
	return rc;
}

void survey_text_release(struct survey_text *tx)
{
	pii_guard_free(tx->guard);
	text_model_free(tx->model);
	memset(tx, 0, sizeof(*tx));
}

/* ---- freeing --------------------------------------------------------------- */

void survey_results_free(struct survey_results *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nquestions; i++) {
		struct survey_question_result *q = &r->questions[i];
		free(q->question);
		for (size_t b = 0; b < q->nbuckets; b++)
			free(q->buckets[b].label);
		free(q->buckets);
		for (size_t g = 0; g < q->ngroups; g++) {
			free(q->groups[g].phrase);
			for (size_t e = 0; e < q->groups[g].nexamples; e++)
				free(q->groups[g].examples[e]);
			free(q->groups[g].examples);
		}
		free(q->groups);
	}
	free(r->questions);
	free(r->title);
	free(r);
}

/* ---- free text --------------------------------------------------------------- */

struct term_use {
	char *term;
	size_t answer;
};

static int term_use_cmp(const void *a, const void *b)
{
	const struct term_use *x = a, *y = b;
	int c = strcmp(x->term, y->term);
	if (c)
		return c;
	return x->answer < y->answer ? -1 : x->answer > y->answer;
}

/* A key phrase: a content word or compound of at least two characters. */
static int keep_term(const struct text_token *t)
{
	if (t->kind != TEXT_TOKEN_LEMMA && t->kind != TEXT_TOKEN_COMPOUND)
		return 0;
	if (t->flags & TEXT_TOKEN_STOP || t->term_len == 0 || t->term[0] == TEXT_BIGRAM_PREFIX)
		return 0;
	return yk_utf8_count(t->term, t->term_len) >= 2;
}

/* Masks one answer for display (into shown) and collects its key phrases
 * from the text with every personal-information span removed, so that a
 * name never becomes a phrase. */
static int prepare_answer(const struct survey_text *tx, struct text_tokenizer *tk,
			  struct pii_findings *found, struct pii_mapping *m, const char *text,
			  size_t answer, char **shown, struct term_use **uses, size_t *nuses,
			  size_t *cap)
{
	size_t len = strlen(text);
	int rc = pii_guard_scan(tx->guard, text, len, found);
	if (rc)
		return rc;
	const struct pii_span *spans = found->v;
	size_t nspans = found->n;
	struct yk_buf masked, plain;
	yk_buf_init(&masked, 0);
	yk_buf_init(&plain, 0);
	rc = pii_mask_spans(m, text, len, spans, nspans, &masked);
	size_t at = 0;
	for (size_t i = 0; !rc && i <= nspans; i++) {
		size_t end = i < nspans ? spans[i].byte_start : len;
		if ((rc = yk_buf_add(&plain, text + at, end - at)) == 0 && i < nspans) {
			rc = yk_buf_addc(&plain, ' ');
			at = spans[i].byte_end;
		}
	}
	struct text_norm norm;
	memset(&norm, 0, sizeof(norm));
	struct text_tokens toks;
	memset(&toks, 0, sizeof(toks));
	if (!rc)
		rc = text_normalize(plain.data ? plain.data : "", plain.len, &norm, NULL);
	if (!rc)
		rc = text_tokenize(tk, norm.text, norm.len, &toks, NULL);
	for (size_t i = 0; !rc && i < toks.n; i++) {
		if (!keep_term(&toks.v[i]))
			continue;
		if (*nuses == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*uses = yk_xrealloc(*uses, *cap * sizeof(**uses));
		}
		(*uses)[*nuses].term = yk_xstrndup(toks.v[i].term, toks.v[i].term_len);
		(*uses)[(*nuses)++].answer = answer;
	}
	text_tokens_release(&toks);
	text_norm_release(&norm);
	yk_buf_release(&plain);
	if (rc) {
		yk_buf_release(&masked);
		return rc;
	}
	*shown = yk_buf_detach(&masked, NULL);
	return 0;
}

static void add_group(struct survey_question_result *q, const char *phrase, char **shown,
		      const size_t *members, size_t n)
{
	struct survey_text_group *g = &q->groups[q->ngroups++];
	g->phrase = yk_xstrdup(phrase);
	g->count = (int64_t)n;
	size_t k = n < SURVEY_GROUP_EXAMPLES_MAX ? n : SURVEY_GROUP_EXAMPLES_MAX;
	g->examples = yk_xcalloc(k ? k : 1, sizeof(char *));
	for (size_t i = 0; i < k; i++)
		g->examples[g->nexamples++] = yk_xstrdup(shown[members[i]]);
}

/* Greedy grouping: the phrase shared by most answers not yet grouped (a
 * longer phrase on a tie) takes them, until no phrase is shared by two;
 * the rest is その他. */
static void group_texts(struct survey_question_result *q, char **shown, size_t nans,
			struct term_use *uses, size_t nuses)
{
	if (nuses)
		qsort(uses, nuses, sizeof(*uses), term_use_cmp);
	size_t w = 0; /* one use per (term, answer) */
	for (size_t i = 0; i < nuses; i++) {
		if (w && strcmp(uses[w - 1].term, uses[i].term) == 0 &&
		    uses[w - 1].answer == uses[i].answer) {
			free(uses[i].term);
			continue;
		}
		uses[w++] = uses[i];
	}
	nuses = w;
	unsigned char *taken = yk_xcalloc(nans ? nans : 1, 1);
	size_t *members = yk_xcalloc(nans ? nans : 1, sizeof(size_t));
	q->groups = yk_xcalloc(SURVEY_GROUPS_MAX, sizeof(*q->groups));
	while (q->ngroups + 1 < SURVEY_GROUPS_MAX) {
		size_t best = SIZE_MAX, best_n = 0;
		for (size_t i = 0; i < nuses;) {
			size_t j = i, n = 0;
			for (; j < nuses && strcmp(uses[j].term, uses[i].term) == 0; j++)
				n += !taken[uses[j].answer];
			if (n > best_n ||
			    (n == best_n && n && strlen(uses[i].term) > strlen(uses[best].term))) {
				best = i;
				best_n = n;
			}
			i = j;
		}
		if (best_n < 2)
			break;
		size_t n = 0;
		for (size_t j = best; j < nuses && strcmp(uses[j].term, uses[best].term) == 0; j++)
			if (!taken[uses[j].answer]) {
				taken[uses[j].answer] = 1;
				members[n++] = uses[j].answer;
			}
		add_group(q, uses[best].term, shown, members, n);
	}
	size_t n = 0;
	for (size_t i = 0; i < nans; i++)
		if (!taken[i])
			members[n++] = i;
	if (n)
		add_group(q, "その他", shown, members, n);
	for (size_t i = 0; i < nuses; i++)
		free(uses[i].term);
	free(taken);
	free(members);
}

static int text_result(struct store *db, const struct survey_text *tx,
		       struct survey_question_result *q, struct yk_errinfo *ei)
{
	struct text_tokenizer *tk = NULL;
	int rc = text_tokenizer_take(tx->model, &tk, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	/* Random response ids make this order random too. */
	rc = store_prepare(db,
			       "SELECT text FROM survey_answers WHERE question_id = ? AND text <> ''"
			       " ORDER BY response_id",
			       &st, ei);
	if (rc) {
		text_tokenizer_give(tk);
		return rc;
	}
	sqlite3_bind_int64(st, 1, q->question_id);
	struct pii_findings found = {0};
	char **shown = NULL;
	size_t nans = 0, cap = 0, nuses = 0, ucap = 0;
	struct term_use *uses = NULL;
	struct pii_mapping *m = pii_mapping_new();
	int s;
	while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
		if (nans == cap) {
			cap = cap ? cap * 2 : 32;
			shown = yk_xrealloc(shown, cap * sizeof(*shown));
		}
		rc = prepare_answer(tx, tk, &found, m, (const char *)sqlite3_column_text(st, 0),
				    nans, &shown[nans], &uses, &nuses, &ucap);
		if (!rc)
			nans++;
	}
	sqlite3_finalize(st);
	text_tokenizer_give(tk);
	pii_findings_release(&found);
	pii_mapping_free(m);
	if (!rc)
		group_texts(q, shown, nans, uses, nuses);
	else
		for (size_t i = 0; i < nuses; i++)
			free(uses[i].term);
	for (size_t i = 0; i < nans; i++)
		free(shown[i]);
	free(shown);
	free(uses);
	return rc;
}

/* ---- counting ------------------------------------------------------------ */

static int count_values(struct store *db, struct survey_question_result *q, int64_t *counts,
			size_t n, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT value, count(*) FROM survey_answers WHERE question_id = ?"
			    " GROUP BY value",
			    &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, q->question_id);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t v = sqlite3_column_int64(st, 0);
		if (v >= 0 && (size_t)v < n)
			counts[v] = sqlite3_column_int64(st, 1);
	}
	rc = s == SQLITE_DONE ? 0 : store_err(db, s, ei);
	store_reset(st);
	return rc;
}

static int question_result(struct store *db, const struct survey_question *sq,
			   const struct survey_text *tx, int figures,
			   struct survey_question_result *q, struct yk_errinfo *ei)
{
	q->question_id = sq->id;
	q->question = yk_xstrdup(sq->text);
	q->kind = sq->kind;
	q->scale = sq->scale;
	q->top2_share = -1;
	q->responses = survey__count(
		db, "SELECT count(DISTINCT response_id) FROM survey_answers WHERE question_id = ?",
		sq->id, 0);
	if (q->responses < 0)
		return YK_EDB;
	if (!figures)
		return 0;
	if (sq->kind == SURVEY_TEXT)
		return tx && tx->model && tx->guard ? text_result(db, tx, q, ei) : 0;
	int64_t counts[SURVEY_CHOICES_MAX + SURVEY_POINTS + 1];
	memset(counts, 0, sizeof(counts));
	int rc = count_values(db, q, counts, YK_ARRAY_LEN(counts), ei);
	if (rc)
		return rc;
	double denom = q->responses > 0 ? (double)q->responses : 0;
	if (sq->kind == SURVEY_SCALE) {
		q->buckets = yk_xcalloc(SURVEY_POINTS, sizeof(*q->buckets));
		double sum = 0;
		for (int v = SURVEY_POINTS; v >= 1; v--) {
			struct survey_bucket *b = &q->buckets[q->nbuckets++];
			b->label = yk_xstrdup(survey_scale_label(sq->scale, v));
			b->value = v;
			b->count = counts[v];
			b->share = denom > 0 ? (double)counts[v] / denom : 0;
			sum += (double)v * (double)counts[v];
		}
		q->top2_share = denom > 0 ? (double)(counts[5] + counts[4]) / denom : 0;
		q->mean = denom > 0 ? sum / denom : 0;
		return 0;
	}
	q->buckets = yk_xcalloc(sq->nchoices ? sq->nchoices : 1, sizeof(*q->buckets));
	for (size_t k = 0; k < sq->nchoices; k++) {
		struct survey_bucket *b = &q->buckets[q->nbuckets++];
		b->label = yk_xstrdup(sq->choices[k]);
		b->value = (int)k;
		b->count = counts[k];
		b->share = denom > 0 ? (double)counts[k] / denom : 0;
	}
	return 0;
}

int survey_results(struct store *db, int64_t survey_id, int64_t invited,
		   const struct survey_text *tx, struct survey_results **out, struct yk_errinfo *ei)
{
	*out = NULL;
	struct survey *sv = NULL;
	int rc = survey_get(db, survey_id, &sv, ei);
	if (rc)
		return rc;
	struct survey_results *r = yk_xcalloc(1, sizeof(*r));
	r->survey_id = survey_id;
	r->title = yk_xstrdup(sv->title);
	r->anonymous = sv->anonymous;
	r->responses = sv->responses;
	r->invited = invited > 0 ? invited : 0;
	r->response_rate = r->invited ? (double)r->responses / (double)r->invited : 0;
	r->withheld = sv->anonymous && r->responses < SURVEY_ANON_MIN_RESPONSES;
	r->questions = yk_xcalloc(sv->nquestions ? sv->nquestions : 1, sizeof(*r->questions));
	for (size_t i = 0; i < sv->nquestions && !rc; i++, r->nquestions++)
		rc = question_result(db, &sv->questions[i], tx, !r->withheld, &r->questions[i], ei);
	survey_free(sv);
	if (rc) {
		survey_results_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* ---- CSV ------------------------------------------------------------------- */

/* One cell, always quoted and formula-safe (yk_buf_add_csv_cell), then its
 * separator. */
static int csv_cell(struct yk_buf *out, const char *s, int last)
{
	int rc = yk_buf_add_csv_cell(out, s, 1);
	return rc ? rc : yk_buf_adds(out, last ? "\r\n" : ",");
}

int survey_results_csv(const struct survey_results *r, struct yk_buf *out)
{
	int rc = yk_buf_adds(out, "\xef\xbb\xbf");
	if (!rc)
		rc = yk_buf_adds(out, "\"設問\",\"選択肢\",\"件数\",\"割合\"\r\n");
	char num[32], share[32];
	for (size_t i = 0; !rc && i < r->nquestions; i++) {
		const struct survey_question_result *q = &r->questions[i];
		for (size_t b = 0; !rc && b < q->nbuckets; b++) {
			snprintf(num, sizeof(num), "%lld", (long long)q->buckets[b].count);
			snprintf(share, sizeof(share), "%.4f", q->buckets[b].share);
			rc = csv_cell(out, q->question, 0) || csv_cell(out, q->buckets[b].label, 0) ||
			     csv_cell(out, num, 0) || csv_cell(out, share, 1);
		}
		for (size_t g = 0; !rc && g < q->ngroups; g++) {
			snprintf(num, sizeof(num), "%lld", (long long)q->groups[g].count);
			rc = csv_cell(out, q->question, 0) || csv_cell(out, q->groups[g].phrase, 0) ||
			     csv_cell(out, num, 0) || csv_cell(out, "", 1);
		}
		if (!rc && !q->nbuckets && !q->ngroups) {
			snprintf(num, sizeof(num), "%lld", (long long)q->responses);
			rc = csv_cell(out, q->question, 0) || csv_cell(out, "（回答数）", 0) ||
			     csv_cell(out, num, 0) || csv_cell(out, "", 1);
		}
	}
	return rc ? YK_ELIMIT : 0;
}
