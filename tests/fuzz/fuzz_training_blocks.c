/* Fuzz target: curriculum blocks as staff write them ("講義 50分 / 休憩
 * 10分"). A successful parse gives at most TRAINING_BLOCKS_MAX blocks, each
 * with a non-empty valid UTF-8 label within its limit and 1..1440 minutes. */
#include <string.h>

#include "training/training.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct training_block b[TRAINING_BLOCKS_MAX];
	size_t n = 0;
	if (training_blocks_parse((const char *)data, size, b, &n, NULL) != 0)
		return 0;
	if (n > TRAINING_BLOCKS_MAX)
		__builtin_trap();
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(b[i].label);
		if (!len || len > TRAINING_BLOCK_LABEL_MAX || !yk_utf8_valid(b[i].label, len, NULL) ||
		    b[i].minutes < 1 || b[i].minutes > 1440)
			__builtin_trap();
	}
	return 0;
}
