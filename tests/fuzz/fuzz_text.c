/* fuzz_text: libFuzzer target for the text pipeline (normalise + tokenise)
 * and the two places where outside text enters the search index: a query
 * (citizens type it) and a synonym table (editors upload it).
 *
 * For any bytes: text_normalize() either fails with YK_EUTF8/YK_ELIMIT or
 * gives valid UTF-8 whose offset map is monotone and stays inside the
 * input; text_tokenize() over that text gives tokens inside the normalised
 * text on character boundaries, whose mapped original spans stay inside the
 * input. The MeCab model is loaded once. */
#include "core/core.h"
#include "search/search.h"
#include "text/text.h"

#define FUZZ_MAX_INPUT 8192u

static struct text_model *model;
static struct text_tokenizer *tk;
static struct text_tokens toks;
static struct search_index *idx;
static struct search_results res;

static void add_doc(int64_t id, const char *q, const char *a)
{
	struct search_doc d;
	memset(&d, 0, sizeof(d));
	d.id = id;
	d.field[SEARCH_FIELD_QUESTION] = q;
	d.field_len[SEARCH_FIELD_QUESTION] = strlen(q);
	d.field[SEARCH_FIELD_ANSWER] = a;
	d.field_len[SEARCH_FIELD_ANSWER] = strlen(a);
	d.is_public = 1;
	if (search_index_add(idx, tk, &d, NULL) != 0)
		abort();
}

/* Any query: no crash, results sorted, spans inside the fields. */
static void check_query(const char *s, size_t size)
{
	struct search_opts o = {5, 0};
	int rc = search_query(idx, tk, s, size, &o, &res, NULL);
	if (rc != 0) {
		if (rc != YK_EUTF8 && rc != YK_ELIMIT)
			abort();
		return;
	}
	for (size_t i = 0; i < res.n; i++) {
		if (res.hits[i].score < 0 || res.hits[i].score > 1)
			abort();
		if (i > 0 && res.hits[i].score > res.hits[i - 1].score)
			abort();
		for (size_t k = 0; k < res.hits[i].n_spans; k++)
			if (res.hits[i].spans[k].start >= res.hits[i].spans[k].end ||
			    res.hits[i].spans[k].field >= SEARCH_NFIELDS)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (!model) {
		if (text_model_new(NULL, &model, NULL) != 0 ||
		    text_tokenizer_new(model, &tk, NULL) != 0)
			abort();
		idx = search_index_new(NULL);
		add_doc(1, "転入届はどこに出せばよいですか。", "市民課窓口で受け付けます。");
		add_doc(2, "ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞの申請", "郵送やスマートフォンで申請できます。");
		add_doc(3, "粗大ごみの出し方", "受付センターへ電話で申し込んでください。");
	}
	const char *s = (const char *)data;
	check_query(s, size);
	/* As a synonym table: accepted or refused with a known error. */
	int src = search_index_set_synonyms(idx, tk, s, size, NULL);
	if (src != 0 && src != YK_EUTF8 && src != YK_EPARSE && src != YK_ELIMIT)
		abort();
	if (src == 0)
		check_query("転入届の申請", strlen("転入届の申請"));
	struct text_norm n;
	int rc = text_normalize(s, size, &n, NULL);
	if (rc != 0) {
		if (rc != YK_EUTF8 || yk_utf8_valid(s, size, NULL))
			abort();
		return 0;
	}
	if (!yk_utf8_valid(n.text, n.len, NULL) || n.text[n.len] != '\0')
		abort();
	for (size_t i = 0; i < n.len; i++) {
		if (n.orig_start[i] >= n.orig_end[i] || n.orig_end[i] > size)
			abort();
		if (i > 0 && (n.orig_start[i] < n.orig_start[i - 1] ||
			      n.orig_end[i] < n.orig_end[i - 1]))
			abort();
	}
	if (text_tokenize(tk, n.text, n.len, &toks, NULL) != 0)
		abort();
	for (size_t i = 0; i < toks.n; i++) {
		const struct text_token *k = &toks.v[i];
		if (k->start >= k->end || k->end > n.len || k->term_len == 0 ||
		    k->term_len > TEXT_MAX_TERM || k->pos >= toks.npos)
			abort();
		if (((unsigned char)n.text[k->start] & 0xC0) == 0x80)
			abort();
		if (k->end < n.len && ((unsigned char)n.text[k->end] & 0xC0) == 0x80)
			abort();
		size_t os, oe;
		text_norm_map(&n, k->start, k->end, &os, &oe);
		if (os >= oe || oe > size)
			abort();
	}
	text_norm_release(&n);
	return 0;
}
