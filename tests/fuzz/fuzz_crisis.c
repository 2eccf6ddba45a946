/* Fuzz target: the crisis detector. Any bytes (invalid UTF-8 included)
 * give one of the four answers, with and without the tokenizer, without
 * reading past len, and the answer never depends on anything but
 * (data, size). */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "wellbeing/wellbeing.h"

#define FUZZ_MAX_INPUT (64u * 1024u)

static struct text_model *model;
static struct text_tokenizer *tk;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check_kind(enum wb_crisis c)
{
	if (c != WB_CRISIS_NONE && c != WB_CRISIS_SUICIDE && c != WB_CRISIS_SELF_HARM &&
	    c != WB_CRISIS_HARM_OTHERS)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (!model && (text_model_new(NULL, &model, NULL) != 0 || text_tokenizer_new(model, &tk, NULL) != 0))
		abort();
	enum wb_crisis c = wb_crisis_detect(tk, (const char *)data, size);
	check_kind(c);
	if (wb_crisis_detect(tk, (const char *)data, size) != c) /* deterministic */
		__builtin_trap();
	check_kind(wb_crisis_detect(NULL, (const char *)data, size));
	return 0;
}
