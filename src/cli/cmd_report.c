/* cli/report: `yakuba report KIND ...` — reports for budget requests,
 * council answers and DX plans. One row of the table below per kind, so
 * that `report training` or `report certifications` are one function and
 * one line each; the kind's function parses its own options with
 * cli_parse() and may live with its feature's command file (stress:
 * cmd_stresscheck.c; training and certifications: cmd_report_training.c).
 * Group figures only: individual data never leaves
 * through a report. Here: adoption (活用状況). */
#include <string.h>

#include "api/api.h"
#include "auth/auth.h"
#include "cli.h"
#include "usage/usage.h"
#include "core/banned.h"

/* ---- adoption ------------------------------------------------------------- */

static void print_adoption_text(const struct usage_adoption_report *r)
{
	char from[16], to[16], label[32] = "";
	usage_format_date(r->from_day, from, sizeof(from));
	usage_format_date(r->to_day, to, sizeof(to));
	int32_t fa, fb;
	int fy = usage_fiscal_year(r->from_day);
	usage_fiscal_range(fy, &fa, &fb);
	if (fa == r->from_day && fb == r->to_day)
		usage_fiscal_label(fy, label, sizeof(label));
	printf("活用状況 %s〜%s%s%s%s\n", from, to, label[0] ? "（" : "", label,
	       label[0] ? "）" : "");
	if (r->department[0])
		printf("所属: %s\n", r->department);
	if (r->feature[0])
		printf("機能: %s\n", r->feature);
	printf("対象職員 %lld 人%s、利用した職員 %lld 人（利用率 %.1f%%）、利用 %lld 回\n",
	       (long long)r->eligible, r->eligible_from_setting ? "（設定値）" : "",
	       (long long)r->active, r->active_rate * 100.0, (long long)r->uses);
	printf("利用回数の分布:");
	for (int b = 0; b < USAGE_BUCKETS; b++)
		printf(" %s回 %lld 人（%.0f%%）", r->buckets[b].label, (long long)r->buckets[b].users,
		       r->buckets[b].share * 100.0);
	printf("\n所属別（対象 / 利用 / 回数）:\n");
	for (size_t i = 0; i < r->n_departments; i++) {
		const struct usage_dept_row *d = &r->departments[i];
		printf("  %*s%s\t%lld\t%lld\t%lld\n", d->depth * 2, "", d->path,
		       (long long)d->eligible, (long long)d->active, (long long)d->uses);
	}
	printf("月別（利用した職員 / 回数）:\n");
	for (size_t i = 0; i < r->n_months; i++)
		printf("  %04d-%02d\t%lld\t%lld\n", r->months[i].month / 12,
		       r->months[i].month % 12 + 1, (long long)r->months[i].active,
		       (long long)r->months[i].uses);
}

static int report_adoption(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"report adoption",
		"yakuba report adoption [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--fy 年度] [--month YYYY-MM]"
		" [--feature F] [--department 所属] [--json | --csv [--table 表]]",
		"活用状況（対象職員、利用した職員、利用率、利用回数の分布、所属別・区分別・機能別・月別）を出力します。"
		"日付は日本時間、--to はその日を含みます。既定は今年度の初めから今日まで",
		0, 0};
	const char *from = NULL, *to = NULL, *fy = NULL, *month = NULL, *feature = NULL,
		   *dept = NULL, *table = NULL;
	int as_json = 0, as_csv = 0;
	const struct cli_opt opts[] = {
		{"from", "YYYY-MM-DD", "開始日（日本時間）", &from, NULL, NULL, NULL},
		{"to", "YYYY-MM-DD", "終了日（この日を含む）", &to, NULL, NULL, NULL},
		{"fy", "年度", "年度で指定（2024、令和6 など。4 月〜3 月）", &fy, NULL, NULL, NULL},
		{"month", "YYYY-MM", "月で指定", &month, NULL, NULL, NULL},
		{"feature", "F", "機能で絞り込み（ask、chat、external:trial など）", &feature, NULL,
		 NULL, NULL},
		{"department", "所属", "所属（例: 市民部）とその下の課だけを集計", &dept, NULL, NULL,
		 NULL},
		{"json", NULL, "JSON で出力します（API と同じ形）", NULL, &as_json, NULL, NULL},
		{"csv", NULL, "CSV で出力します（BOM 付き UTF-8）", NULL, &as_csv, NULL, NULL},
		{"table", "表", "CSV の表: summary, buckets, departments, tiers, features, months, weeks"
				" （既定: すべてを順に）",
		 &table, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	struct cli_run run;
	int rc = cli_run_parse(&run, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	if (as_json && as_csv) {
		fprintf(stderr, "yakuba report adoption: --json と --csv は同時に指定できません\n");
		return CLI_EXIT_USAGE;
	}
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct usage_adoption_query q;
	memset(&q, 0, sizeof(q));
	int fy_out;
	if ((rc = usage_period_parse(from, to, fy, month, yk_now_unix(), &q.from_day, &q.to_day,
				     &fy_out, &ei))) {
		fprintf(stderr, "yakuba report adoption: --%s: %s\n", ei.field, ei.message);
		return CLI_EXIT_USAGE;
	}
	q.feature = feature;
	if (cli_run_open(&run, 0) != CLI_GO)
		return CLI_EXIT_FAIL;
	struct store *db = run.db;
	struct usage_adoption_report *r = NULL;
	if (dept && *dept) {
		struct auth_department d;
		if (auth_dept_find(db, dept, &d) != 0) {
			fprintf(stderr, "yakuba: 所属「%s」が見つかりません\n", dept);
			store_close(db);
			return CLI_EXIT_FAIL;
		}
		q.department_id = d.id;
	}
	if ((rc = usage_adoption_report(db, &q, &r, &ei)) || (rc = api_adoption_extras(db, r))) {
		usage_adoption_report_free(r);
		cli_error(rc, &ei);
		store_close(db);
		return CLI_EXIT_FAIL;
	}
	if (as_json) {
		char *text = api_adoption_json(r, 1);
		printf("%s\n", text ? text : "{}");
		free(text);
	} else if (as_csv) {
		struct yk_buf b;
		yk_buf_init(&b, 0);
		for (const char *const *t = usage_adoption_tables; *t && !rc; t++) {
			if (table && strcmp(table, *t) != 0)
				continue;
			yk_buf_reset(&b);
			rc = usage_adoption_csv(r, *t, &b);
			/* One stream: the BOM only before the first table. */
			const char *p = b.data;
			size_t n = b.len;
			if (t != usage_adoption_tables && !table && n >= 3) {
				p += 3;
				n -= 3;
				fputs("\r\n", stdout);
			}
			if (!rc)
				fwrite(p, 1, n, stdout);
		}
		yk_buf_release(&b);
		if (table && !rc) {
			int known = 0;
			for (const char *const *t = usage_adoption_tables; *t; t++)
				known |= strcmp(*t, table) == 0;
			if (!known) {
				fprintf(stderr, "yakuba report adoption: --table: 不明な表です: %s\n",
					table);
				rc = CLI_EXIT_USAGE;
			}
		}
	} else {
		print_adoption_text(r);
	}
	usage_adoption_report_free(r);
	store_close(db);
	return rc == CLI_EXIT_USAGE ? CLI_EXIT_USAGE : rc ? CLI_EXIT_FAIL : 0;
}

/* ---- the kinds ------------------------------------------------------------- */

int cmd_report(int argc, char **argv)
{
	static const struct cli_action kinds[] = {
		{"adoption", report_adoption, "活用状況（利用率、利用回数の分布、所属別・月別など）"},
		{"stress", cli_report_stress, "ストレスチェックの集団分析と報告の数値"},
		{"training", cli_report_training, "研修ごとの出席・リピーター・事後アンケートの回答率と集計"},
		{"certifications", cli_report_certifications, "資格保有者のいる所属の数と、資格ごと・所属ごとの保有者数"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("report", kinds, argc, argv);
}
