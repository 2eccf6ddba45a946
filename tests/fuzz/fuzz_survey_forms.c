/* Fuzz target: a forms-service export read into a survey table
 * (survey_forms_parse on the shared import unit). A successful parse has a
 * header, every row as wide as the header, valid UTF-8 cells within the
 * limit, and lines that never go backwards. */
#include <string.h>

#include "ingest/ingest.h"
#include "survey/survey.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct ingest_problems *p = calloc(1, sizeof(*p));
	struct survey_forms f;
	if (!p)
		return 0;
	if (survey_forms_parse((const char *)data, size, "f.csv", &f, p) == 0) {
		if (!f.header || p->count)
			__builtin_trap();
		long last = 0;
		for (size_t i = 0; i < f.nrows; i++) {
			if (f.lines[i] <= last)
				__builtin_trap();
			last = f.lines[i];
			for (size_t j = 0; j < f.ncols; j++) {
				size_t n = strlen(f.rows[i][j]);
				if (n > SURVEY_TEXT_MAX || !yk_utf8_valid(f.rows[i][j], n, NULL))
					__builtin_trap();
			}
		}
		survey_forms_release(&f);
	}
	free(p);
	return 0;
}
