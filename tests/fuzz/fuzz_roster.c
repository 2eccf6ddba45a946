/* Fuzz target: the staff roster parser (encoding detection, CSV, header
 * mapping, row validation). Every reported row must hold valid UTF-8 and a
 * canonical department path; error lines must lie inside the input. */
#include <string.h>

#include "auth/auth.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int check_row(void *ctx, const struct auth_roster_row *r)
{
	(void)ctx;
	const char *f[] = {r->employee_no, r->name, r->department_path, r->tier, r->email};
	for (size_t i = 0; i < 5; i++)
		if (!yk_utf8_valid(f[i], strlen(f[i]), NULL))
			__builtin_trap();
	char canon[AUTH_DEPT_PATH_MAX + 1];
	if (auth_dept_path_normalize(r->department_path, strlen(r->department_path), canon,
				     sizeof(canon), NULL) != 0 ||
	    strcmp(canon, r->department_path) != 0)
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct auth_roster_result res;
	int rc = auth_roster_parse((const char *)data, size, "fuzz.csv", check_row, NULL, &res);
	long lines = 1;
	for (size_t i = 0; i < size; i++) /* LF, CRLF, or a bare CR ends a line */
		lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	/* CP932 decoding keeps line ends, so no line can pass the input's count. */
	for (size_t i = 0; i < ingest_problems_kept(&res.problems); i++)
		if (res.problems.item[i].line < 0 || res.problems.item[i].line > lines)
			__builtin_trap();
	if (rc == 0 && res.problems.count != 0)
		__builtin_trap();
	return 0;
}
