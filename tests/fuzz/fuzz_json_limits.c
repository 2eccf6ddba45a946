/* Fuzz target: the API's JSON gate. The limit pre-check must never read
 * past len, whatever it lets through must be safe for jansson, and the
 * flat-object reader must agree with jansson on whatever it accepts. */
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
	/* The flat-object reader takes only what jansson reads the same way. */
	json_t *flat = api_json_flat_object((const char *)data, size);
	if (flat && (!j || !json_equal(flat, j)))
		__builtin_trap();
	json_decref(flat);
	json_decref(j);
	return 0;
}
