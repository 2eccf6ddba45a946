/* Fuzz target: department path normalisation. The result is idempotent,
 * valid UTF-8, within the limits, and never has empty parts. */
#include <string.h>

#include "auth/auth.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char out[AUTH_DEPT_PATH_MAX + 1], again[AUTH_DEPT_PATH_MAX + 1];
	if (auth_dept_path_normalize((const char *)data, size, out, sizeof(out), NULL) != 0)
		return 0;
	size_t n = strlen(out);
	if (n == 0 || n > AUTH_DEPT_PATH_MAX || !yk_utf8_valid(out, n, NULL) || out[0] == '/' ||
	    out[n - 1] == '/' || strstr(out, "//"))
		__builtin_trap();
	if (auth_dept_path_normalize(out, n, again, sizeof(again), NULL) != 0 ||
	    strcmp(out, again) != 0)
		__builtin_trap();
	return 0;
}
