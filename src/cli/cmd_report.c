/* cli/report: `yakuba report ACTION`. Reports of the features; each action
 * lives with its feature's command file (stress: cmd_stresscheck.c).
 * Group figures only: individual data never leaves through a report. */
#include "cli.h"
#include "core/banned.h"

int cmd_report(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"stress", cli_report_stress, "ストレスチェックの集団分析と報告の数値"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("report", actions, argc, argv);
}
