/* libFuzzer target for the FAQ table parser (src/kb/kb_faq.c): the first
 * byte picks CSV or TSV (even / odd), the rest is the file. Besides the
 * sanitizers it checks the parser's promises: every record it hands out has
 * a non-empty question and answer in valid UTF-8, and a successful parse
 * reports no problem. */
#include <stdint.h>

#include "kb/kb.h"

static int check_record(void *ctx, const struct kb_record *r)
{
	(void)ctx;
	const char *fields[] = {r->question, r->answer, r->external_id, r->category, r->url};
	for (size_t i = 0; i < YK_ARRAY_LEN(fields); i++)
		if (!fields[i] || !yk_utf8_valid(fields[i], strlen(fields[i]), NULL) ||
		    strlen(fields[i]) > KB_FIELD_MAX)
			abort();
	if (r->kind != KB_KIND_FAQ || !r->question[0] || !r->answer[0] || r->line < 2)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static struct kb_report rep;
	enum kb_format f = (data[0] & 1) ? KB_FORMAT_TSV : KB_FORMAT_CSV;
	kb_report_init(&rep, f == KB_FORMAT_TSV ? "fuzz.tsv" : "fuzz.csv");
	int rc = kb_parse_format(f, (const char *)data + 1, size - 1, check_record, NULL, &rep);
	if (rc == 0 && (rep.problem_count != 0 || rep.records == 0))
		abort();
	if (rc != 0 && rep.problem_count == 0)
		abort();
	return 0;
}
