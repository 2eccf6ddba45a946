/* Fuzz target: building an LDAP DN or search filter from a typed login
 * (auth_ldap_expand). The input is "pattern\nlogin". Whatever the login,
 * the result never carries an unescaped character that would change the
 * DN's or filter's structure: outside the pattern's own text, every
 * special character appears only as a \XX escape. */
#include <string.h>

#include "auth/auth.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check(const char *pattern, const char *login, int for_filter)
{
	char out[AUTH_LDAP_VALUE_MAX];
	if (auth_ldap_expand(pattern, login, for_filter, out, sizeof(out)) != 0)
		return;
	/* Replace the login by a marker: the pattern parts must be intact and
	 * the expansion of the login must contain no special character. */
	const char *specials = for_filter ? "*()" : ",+\"<>;=";
	size_t n = strlen(out);
	if (n >= sizeof(out))
		__builtin_trap();
	char alone[AUTH_LDAP_VALUE_MAX];
	if (auth_ldap_expand("{login}", login, for_filter, alone, sizeof(alone)) != 0)
		__builtin_trap(); /* the whole fitted, so the part alone fits too */
	for (const char *p = alone; *p; p++) {
		if (*p == '\\') {
			if (!p[1] || !p[2])
				__builtin_trap();
			p += 2;
			continue;
		}
		if (strchr(specials, *p) || (unsigned char)*p < 0x20)
			__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char buf[1024];
	if (size >= sizeof(buf))
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	char *nl = memchr(buf, '\n', size);
	if (!nl)
		return 0;
	*nl = '\0';
	check(buf, nl + 1, 0);
	check(buf, nl + 1, 1);
	return 0;
}
