/* fuzz_text: libFuzzer target for the text pipeline (normalise + tokenise).
 *
 * For any bytes: text_normalize() either fails with YK_EUTF8/YK_ELIMIT or
 * gives valid UTF-8 whose offset map is monotone and stays inside the
 * input; text_tokenize() over that text gives tokens inside the normalised
 * text on character boundaries, whose mapped original spans stay inside the
 * input. The MeCab model is loaded once. */
#include "core/core.h"
#include "text/text.h"

#define FUZZ_MAX_INPUT 8192u

static struct text_model *model;
static struct text_tokenizer *tk;
static struct text_tokens toks;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (!model) {
		if (text_model_new(NULL, &model, NULL) != 0 ||
		    text_tokenizer_new(model, &tk, NULL) != 0)
			abort();
	}
	const char *s = (const char *)data;
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
