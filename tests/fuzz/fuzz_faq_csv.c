/* libFuzzer target for the FAQ table parsers (src/kb/kb_faq.c): the first
 * byte picks CSV, TSV, JSON or JSONL (its value modulo 4), the rest is the
 * file. Besides the sanitizers it checks the parsers' promises: every
 * record handed out has a non-empty question and answer in valid UTF-8, a
 * successful parse reports no problem, and a failure always reports one. */
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
	if (r->kind != KB_KIND_FAQ || !r->question[0] || !r->answer[0] || r->line < 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const enum kb_format formats[] = {KB_FORMAT_CSV, KB_FORMAT_TSV, KB_FORMAT_JSON,
						 KB_FORMAT_JSONL};
	static const char *const names[] = {"fuzz.csv", "fuzz.tsv", "fuzz.json", "fuzz.jsonl"};
	static struct kb_report rep;
	size_t i = data[0] % 4;
	enum kb_format f = formats[i];
	kb_report_init(&rep, names[i]);
	int rc = kb_parse_format(f, (const char *)data + 1, size - 1, check_record, NULL, &rep);
	if (rc == 0 && (rep.problems.count != 0 || rep.records == 0))
		abort();
	if (rc != 0 && rep.problems.count == 0)
		abort();
	return 0;
}
