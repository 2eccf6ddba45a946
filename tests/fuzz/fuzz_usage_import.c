/* Fuzz target: the usage-log import check (through the ingest reader) and
 * the time parser of usage logs. A file that passes has no problem listed;
 * a problem always has a message; a parsed time lies in 2000-2099. */
#include <stdlib.h>

#include "usage/usage.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data;
	int64_t t;
	char why[256];
	if (usage_parse_time(s, size < 64 ? size : 64, &t, why, sizeof(why)) == 0 &&
	    (t < 946600000 || t > 4102500000))
		__builtin_trap();
	struct ingest_problems *p = calloc(1, sizeof(*p));
	if (!p)
		return 0;
	int rc = usage_import_check(s, size, p);
	if (rc == 0 && p->count != 0)
		__builtin_trap();
	if (rc != 0 && p->count == 0 && rc != YK_EIO)
		__builtin_trap();
	for (size_t i = 0; i < ingest_problems_kept(p); i++)
		if (!p->item[i].message[0])
			__builtin_trap();
	free(p);
	return 0;
}
