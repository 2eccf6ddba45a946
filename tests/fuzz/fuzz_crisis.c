/* Fuzz target: the crisis detector. Any bytes (invalid UTF-8 included)
 * give one of the four answers, without reading past len, and the answer
 * never depends on anything but (data, size). */
#include <string.h>

#include "wellbeing/wellbeing.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	enum wb_crisis c = wb_crisis_detect((const char *)data, size);
	if (c != WB_CRISIS_NONE && c != WB_CRISIS_SUICIDE && c != WB_CRISIS_SELF_HARM &&
	    c != WB_CRISIS_HARM_OTHERS)
		__builtin_trap();
	if (wb_crisis_detect((const char *)data, size) != c) /* deterministic */
		__builtin_trap();
	return 0;
}
