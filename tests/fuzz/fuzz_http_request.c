/* Fuzz target: the pure request checks of the http layer. The target
 * check (control characters in the decoded path) and the X-Forwarded-For
 * reader must never read past len, and the address they accept must be a
 * NUL-terminated literal that fits its buffer. The input's first byte picks
 * the output size for the forwarded-client reader. */
#include <arpa/inet.h>

#include "http/http.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size == 0)
		return 0;
	size_t outsz = 1 + data[0] % 64;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	(void)http_target_check(s, n);
	char out[64];
	if (http_forwarded_client(s, n, out, outsz) == 0) {
		size_t len = strnlen(out, outsz);
		if (len == outsz || len == 0)
			__builtin_trap();
		unsigned char bin[16];
		if (inet_pton(AF_INET, out, bin) != 1 && inet_pton(AF_INET6, out, bin) != 1)
			__builtin_trap();
	}
	return 0;
}
