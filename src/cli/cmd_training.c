/* cli/training: `yakuba training add|list|quota|register|cancel|roll|attend`
 * — study sessions from the command line, for batch work. Every change
 * goes through src/training/ exactly as the web pages do. */
#include <string.h>

#include "cli.h"
#include "training/training.h"
#include "core/banned.h"

#define NO_OPT {NULL, NULL, NULL, NULL, NULL, NULL, NULL}

static const struct audit_actor cli_actor = {0, "cli", NULL};

static int parse_id(const char *what, const char *s, int64_t *id)
{
	if (!s || yk_parse_i64(s, strlen(s), 1, INT64_MAX, id) != 0) {
		fprintf(stderr, "yakuba training: %s には正の整数の ID を指定してください\n", what);
		return CLI_EXIT_USAGE;
	}
	return 0;
}

/* cli_run_parse, then --session (the option's value, set by the parse)
 * read as a positive id: CLI_GO, or the exit status. */
static int parse_with_session(struct cli_run *r, const struct cli_cmd *cmd,
			      const struct cli_opt *opts, int argc, char **argv,
			      const char *const *session, int64_t *sid)
{
	int rc = cli_run_parse(r, cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	return parse_id("--session", *session, sid) ? CLI_EXIT_USAGE : CLI_GO;
}

static int training_add(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"training add",
		"yakuba training add --title T --date YYYY-MM-DD [--capacity N] [--level L] [OPTIONS]",
		"研修（勉強会）を登録し、最後の行に新しい研修の ID を表示します", 0, 0};
	const char *title = NULL, *date = NULL, *capacity = NULL, *level = NULL, *recruitment = NULL,
		   *place = NULL, *url = NULL, *start = NULL, *end = NULL, *blocks = NULL,
		   *series = NULL;
	const struct cli_opt opts[] = {
		{"title", "T", "研修名", &title, NULL, NULL, NULL},
		{"date", "YYYY-MM-DD", "開催日", &date, NULL, NULL, NULL},
		{"capacity", "N", "定員（0 または省略で上限なし）", &capacity, NULL, NULL, NULL},
		{"level", "L", "対象レベル（初学者向け、課題解決など）", &level, NULL, NULL, NULL},
		{"recruitment", "open|quota", "募集方法（公募 open、所属ごとの枠 quota）", &recruitment, NULL, NULL, NULL},
		{"place", "会場", "会場", &place, NULL, NULL, NULL},
		{"url", "URL", "オンライン参加のリンク", &url, NULL, NULL, NULL},
		{"start", "HH:MM", "開始時刻", &start, NULL, NULL, NULL},
		{"end", "HH:MM", "終了時刻", &end, NULL, NULL, NULL},
		{"blocks", "内容", "カリキュラム（例: \"講義 50分 / 休憩 10分 / 実践 60分\"）", &blocks, NULL, NULL, NULL},
		{"series", "ID", "シリーズ（勉強会の連続開催）の ID", &series, NULL, NULL, NULL},
		NO_OPT,
	};
	struct cli_run r;
	int rc = cli_run_parse(&r, &cmd, opts, argc, argv);
	if (rc != CLI_GO)
		return rc;
	if (!title || !date) {
		fprintf(stderr, "yakuba training add: --title と --date は必須です (yakuba training add --help)\n");
		return CLI_EXIT_USAGE;
	}
	struct training_session *s = yk_xcalloc(1, sizeof(*s));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	yk_strlcpy(s->title, title, sizeof(s->title));
	yk_strlcpy(s->day, date, sizeof(s->day));
	yk_strlcpy(s->level, level ? level : "", sizeof(s->level));
	yk_strlcpy(s->place, place ? place : "", sizeof(s->place));
	yk_strlcpy(s->online_url, url ? url : "", sizeof(s->online_url));
	yk_strlcpy(s->start_time, start ? start : "", sizeof(s->start_time));
	yk_strlcpy(s->end_time, end ? end : "", sizeof(s->end_time));
	rc = 0;
	if ((title && strlen(title) >= sizeof(s->title)) || strlen(date) >= sizeof(s->day) ||
	    (start && strlen(start) >= sizeof(s->start_time)) || (end && strlen(end) >= sizeof(s->end_time)))
		rc = yk_errinfo_set(&ei, YK_EINVAL, "研修名・日付・時刻の形式が正しくありません");
	if (!rc && capacity && yk_parse_i64(capacity, strlen(capacity), 0, 100000, &s->capacity))
		rc = yk_errinfo_set(&ei, YK_EINVAL, "--capacity は 0 以上の整数で指定してください");
	if (!rc && series && yk_parse_i64(series, strlen(series), 1, INT64_MAX, &s->series_id))
		rc = yk_errinfo_set(&ei, YK_EINVAL, "--series は ID（正の整数）で指定してください");
	if (!rc && recruitment) {
		if (strcmp(recruitment, "quota") == 0)
			s->recruitment = TRAINING_QUOTA;
		else if (strcmp(recruitment, "open") != 0)
			rc = yk_errinfo_set(&ei, YK_EINVAL, "--recruitment は open か quota です");
	}
	if (!rc && blocks)
		rc = training_blocks_parse(blocks, strlen(blocks), s->blocks, &s->nblocks, &ei);
	if (rc) {
		cli_error(rc, &ei);
		free(s);
		return CLI_EXIT_USAGE;
	}
	if (cli_run_open(&r, 0) != CLI_GO) {
		free(s);
		return CLI_EXIT_FAIL;
	}
	int64_t id = 0;
	if (!(rc = training_session_save(r.db, &cli_actor, s, &id, NULL, &r.ei)))
		printf("研修「%s」（%s）を登録しました。研修 ID:\n%lld\n", s->title, s->day, (long long)id);
	free(s);
	return cli_run_end(&r, rc);
}

static int print_session(void *ctx, const struct training_session *s)
{
	(void)ctx;
	printf("%lld\t%s\t%s\t%s\t%s\t定員 %lld\t申込 %lld\t待ち %lld\t出席 %lld\n", (long long)s->id,
	       s->day, s->title, s->level[0] ? s->level : "-",
	       s->recruitment == TRAINING_QUOTA ? "所属枠" : "公募", (long long)s->capacity,
	       (long long)s->registered, (long long)s->waiting, (long long)s->attended);
	return 0;
}

static int training_list(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"training list", "yakuba training list",
					   "研修の一覧（ID, 日付, 研修名, 対象, 募集方法, 定員, 申込, 待ち, 出席）", 0, 0};
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	return cli_run_end(&r, training_session_list(r.db, NULL, print_session, NULL));
}

static int training_quota(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"training quota", "yakuba training quota --session ID --department 所属 --quota N",
		"所属ごとの枠を設定します（0 で枠を外します）", 0, 0};
	const char *session = NULL, *dept = NULL, *quota = NULL;
	const struct cli_opt opts[] = {
		{"session", "ID", "研修 ID", &session, NULL, NULL, NULL},
		{"department", "所属", "所属のパス（例: 市民部/市民課）", &dept, NULL, NULL, NULL},
		{"quota", "N", "推薦できる人数", &quota, NULL, NULL, NULL},
		NO_OPT,
	};
	struct cli_run r;
	int64_t sid, q;
	int rc = parse_with_session(&r, &cmd, opts, argc, argv, &session, &sid);
	if (rc != CLI_GO)
		return rc;
	if (!dept || !quota || yk_parse_i64(quota, strlen(quota), 0, 10000, &q)) {
		fprintf(stderr, "yakuba training quota: --department と --quota（0 以上の整数）を指定してください\n");
		return CLI_EXIT_USAGE;
	}
	if (cli_run_open(&r, 0) != CLI_GO)
		return CLI_EXIT_FAIL;
	struct auth_department *d = yk_xcalloc(1, sizeof(*d));
	struct training_promoted moved = {NULL, 0};
	if ((rc = auth_dept_find(r.db, dept, d)))
		yk_errinfo_set(&r.ei, rc, "所属「%s」が見つかりません", dept);
	else
		rc = training_quota_set(r.db, &cli_actor, sid, d->id, q, &moved, &r.ei);
	if (!rc && moved.n)
		printf("%s: 枠 %lld 人（キャンセル待ちの %zu 人が繰り上がりました）\n", d->path, (long long)q,
		       moved.n);
	else if (!rc)
		printf("%s: 枠 %lld 人\n", d->path, (long long)q);
	training_promoted_release(&moved);
	free(d);
	return cli_run_end(&r, rc);
}

static int reg_action(int argc, char **argv, int cancel)
{
	static const struct cli_cmd reg = {"training register",
					   "yakuba training register --session ID --employee-no 職員番号",
					   "職員を研修に申し込みます（定員を超えるとキャンセル待ち）", 0, 0};
	static const struct cli_cmd can = {"training cancel",
					   "yakuba training cancel --session ID --employee-no 職員番号",
					   "申し込みを取り消します（キャンセル待ちの先頭が繰り上がります）", 0, 0};
	const char *session = NULL, *no = NULL;
	const struct cli_opt opts[] = {
		{"session", "ID", "研修 ID", &session, NULL, NULL, NULL},
		{"employee-no", "職員番号", "職員番号", &no, NULL, NULL, NULL},
		NO_OPT,
	};
	struct cli_run r;
	int64_t sid, staff_id = 0;
	int rc = parse_with_session(&r, cancel ? &can : &reg, opts, argc, argv, &session, &sid);
	if (rc != CLI_GO)
		return rc;
	if (!no) {
		fprintf(stderr, "yakuba training: --employee-no を指定してください\n");
		return CLI_EXIT_USAGE;
	}
	if (cli_run_open(&r, 0) != CLI_GO)
		return CLI_EXIT_FAIL;
	if ((rc = training_staff_by_number(r.db, no, &staff_id)))
		yk_errinfo_set(&r.ei, rc, "職員番号「%s」が名簿にありません", no);
	if (!rc && cancel) {
		int64_t promoted = 0;
		if (!(rc = training_cancel(r.db, &cli_actor, sid, staff_id, &promoted, &r.ei)))
			printf("%s: 取り消しました%s\n", no, promoted ? "（キャンセル待ちの方が繰り上がりました）" : "");
	} else if (!rc) {
		enum training_reg_status st;
		if (!(rc = training_register(r.db, &cli_actor, sid, staff_id, 0, &st, &r.ei)))
			printf("%s: %s\n", no, st == TRAINING_WAITING ? "キャンセル待ち" : "申し込みました");
	}
	return cli_run_end(&r, rc);
}

static int training_register_cmd(int argc, char **argv)
{
	return reg_action(argc, argv, 0);
}

static int training_cancel_cmd(int argc, char **argv)
{
	return reg_action(argc, argv, 1);
}

static int print_roll(void *ctx, const struct training_roll_entry *e)
{
	(void)ctx;
	printf("%s\t%s\t%s\t%s\t%s\n", e->employee_no, e->name, e->department,
	       !e->has_registration ? "-"
	       : e->status == TRAINING_WAITING ? "キャンセル待ち"
	       : e->status == TRAINING_CANCELLED ? "取消"
						 : "申込",
	       e->attended ? "出席" : "-");
	return 0;
}

static int training_roll_cmd(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"training roll", "yakuba training roll --session ID [--query 文字]",
					   "申込者と出席者の名簿（職員番号, 氏名, 所属, 申込, 出欠）", 0, 0};
	const char *session = NULL, *query = NULL;
	const struct cli_opt opts[] = {
		{"session", "ID", "研修 ID", &session, NULL, NULL, NULL},
		{"query", "文字", "氏名・職員番号で検索します", &query, NULL, NULL, NULL},
		NO_OPT,
	};
	struct cli_run r;
	int64_t sid;
	int rc = parse_with_session(&r, &cmd, opts, argc, argv, &session, &sid);
	if (rc != CLI_GO)
		return rc;
	if (cli_run_open(&r, 0) != CLI_GO)
		return CLI_EXIT_FAIL;
	return cli_run_end(&r, training_roll(r.db, sid, query, print_roll, NULL));
}

struct attend_ctx {
	int64_t session_id;
	struct training_numbers nums;
	int parsed;
	size_t added;
};

static int attend_parse(void *ctx, const char *data, size_t len, const char *file,
			struct ingest_problems *p)
{
	struct attend_ctx *x = ctx;
	int rc = training_numbers_parse(data, len, file, &x->nums, p);
	x->parsed = !rc;
	return rc;
}

static int attend_store(void *ctx, struct store *db, const char *data, size_t len,
			const char *file, struct ingest_problems *p, struct yk_errinfo *ei)
{
	struct attend_ctx *x = ctx;
	(void)data, (void)len, (void)p;
	struct training_number_list list = {(const char *const *)x->nums.numbers, x->nums.lines,
					    x->nums.n};
	return training_attend_import(db, &cli_actor, x->session_id, &list, file, &x->added, ei);
}

static int training_attend(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"training attend", "yakuba training attend --session ID FILE.csv",
		"出席者の CSV（列 employee_no / 職員番号。UTF-8 または Shift_JIS）から出席を記録します。"
		"誤りのある行が 1 行でもあれば何も記録しません",
		1, 1};
	const char *session = NULL;
	const struct cli_opt opts[] = {
		{"session", "ID", "研修 ID", &session, NULL, NULL, NULL},
		NO_OPT,
	};
	struct cli_run r;
	int64_t sid;
	int rc = parse_with_session(&r, &cmd, opts, argc, argv, &session, &sid);
	if (rc != CLI_GO)
		return rc;
	struct attend_ctx x = {sid, {NULL, NULL, 0, 0}, 0, 0};
	const struct cli_import imp = {INGEST_BYTES_MAX, "このファイルからは何も記録していません",
				       attend_parse, attend_store, &x};
	rc = cli_import_file(&imp, r.db_flag, r.pos[0]);
	if (!rc)
		printf("%s: %zu 人の出席を記録しました（新たに記録 %zu 人）\n", r.pos[0], x.nums.n, x.added);
	if (x.parsed)
		training_numbers_release(&x.nums);
	return rc;
}

int cmd_training(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{"add", training_add, "研修を登録します（最後の行に ID）"},
		{"list", training_list, "研修の一覧"},
		{"quota", training_quota, "所属ごとの枠を設定します"},
		{"register", training_register_cmd, "職員を申し込みます"},
		{"cancel", training_cancel_cmd, "申し込みを取り消します"},
		{"roll", training_roll_cmd, "申込者・出席者の名簿"},
		{"attend", training_attend, "出席者 CSV を取り込みます"},
		{NULL, NULL, NULL},
	};
	return cli_dispatch("training", actions, argc, argv);
}
