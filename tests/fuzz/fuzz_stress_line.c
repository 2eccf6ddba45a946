/* Fuzz target: the `stresscheck score` line parser and the scorer. A line
 * that parses always scores, and every score lies inside the ranges of
 * SPEC §2 (sum A 17-68, B 29-116, C 9-36; points 1..5 on every scale). */
#include <string.h>

#include "wellbeing/wellbeing.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	enum wb_sex sex;
	unsigned char a[WB_ITEMS];
	struct yk_errinfo ei;
	if (wb_score_line_parse((const char *)data, size, &sex, a, &ei) != 0)
		return 0;
	struct wb_thresholds t;
	wb_thresholds_default(&t);
	struct wb_score s;
	if (wb_score_sheet(a, sex, &t, &s) != 0)
		__builtin_trap();
	if (s.sum_a < 17 || s.sum_a > 68 || s.sum_b < 29 || s.sum_b > 116 || s.sum_c < 9 ||
	    s.sum_c > 36 || s.soten_b < 6 || s.soten_b > 30)
		__builtin_trap();
	for (int i = 0; i < WB_SCALES; i++)
		if (s.points[i] < 1 || s.points[i] > 5)
			__builtin_trap();
	return 0;
}
