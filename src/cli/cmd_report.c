/* cli/report: `yakuba report ACTION`. Reports of the features; each action
 * lives with its feature's command file (stress: cmd_stresscheck.c;
 * training, certifications: cmd_report_training.c).
 * Group figures only: individual data never leaves through a report. */
#include "cli.h"
#include "core/banned.h"

int cmd_report(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"stress", cli_report_stress, "ストレスチェックの集団分析と報告の数値"},
		{"training", cli_report_training, "研修ごとの出席・リピーター・事後アンケートの回答率と集計"},
		{"certifications", cli_report_certifications, "資格保有者のいる所属の数と、資格ごと・所属ごとの保有者数"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("report", actions, argc, argv);
}
