/* Fuzz target: the API's JSON gate. The limit pre-check must never read
 * past len, and whatever it lets through must be safe for jansson. */
#include <jansson.h>

#include "api/api.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (api_json_check_limits((const char *)data, size, NULL) != 0)
		return 0;
	if (!yk_utf8_valid((const char *)data, size, NULL))
		return 0;
	json_error_t err;
	json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
	json_decref(j);
	return 0;
}
