/* Fuzz target: the users CSV parser (auth_users_csv_parse). Rows handed to
 * the callback have a valid login, a non-empty name and known roles. */
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int check_row(void *ctx, const struct auth_users_row *r)
{
	(void)ctx;
	size_t n = strlen(r->login);
	if (n == 0 || n > AUTH_LOGIN_MAX || !r->name[0] || (r->roles & ~(unsigned)AUTH_ROLE_ALL))
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct auth_roster_result *res = malloc(sizeof(*res));
	if (!res)
		return 0;
	(void)!auth_users_csv_parse((const char *)data, size, "users.csv", check_row, NULL, res);
	if (ingest_problems_kept(&res->problems) > INGEST_PROBLEMS_KEPT)
		__builtin_trap();
	free(res);
	return 0;
}
