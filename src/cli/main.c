/* cli/main: entry point of the yakuba binary. Dispatches to the
 * subcommands of commands.def and holds the option parser they share. */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "core/banned.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
#define CMD(name, summary) {#name, cmd_##name, summary},
#include "commands.def"
#undef CMD
};

static void print_main_help(FILE *f)
{
	fprintf(f, "使い方: yakuba COMMAND [OPTIONS]\n\n"
		   "yakuba は自治体職員のための AI アシスタントです。\n\nコマンド:\n");
	for (size_t i = 0; i < YK_ARRAY_LEN(commands); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n共通オプション:\n"
		   "  --db PATH   データベースファイル（既定: $YAKUBA_DB、なければ ./yakuba.db）\n"
		   "  --help      コマンドの使い方を表示します\n\n"
		   "各コマンドの詳細: yakuba COMMAND --help\n");
}

const char *cli_db_path(const char *flag)
{
	if (flag && *flag)
		return flag;
	const char *env = getenv("YAKUBA_DB");
	if (env && *env)
		return env;
	return "yakuba.db";
}

void cli_error(int err, const struct yk_errinfo *ei)
{
	char detail[1024];
	yk_errinfo_format(ei, detail, sizeof(detail));
	if (detail[0])
		fprintf(stderr, "yakuba: %s\n", detail);
	else
		fprintf(stderr, "yakuba: %s (%s)\n", yk_err_message(err), yk_err_code(err));
}

void cli_print_problems(const char *prefix, const char *file, const struct ingest_problems *p)
{
	size_t kept = ingest_problems_kept(p);
	for (size_t i = 0; i < kept; i++) {
		char line[INGEST_MESSAGE_MAX + 300];
		ingest_problem_format(file, &p->item[i], line, sizeof(line));
		fprintf(stderr, "%s%s\n", prefix, line);
	}
	if (p->count > kept)
		fprintf(stderr, "%s%s: ほかに %zu 件の問題があります\n", prefix, file && *file ? file : "-",
			p->count - kept);
}

int cli_open(const char *db_flag, int create, struct store **db)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = store_open(cli_db_path(db_flag),
			    STORE_OPEN_MIGRATE | (create ? STORE_OPEN_CREATE : 0), db, &ei);
	if (rc)
		cli_error(rc, &ei);
	return rc;
}

int cli_run_parse(struct cli_run *r, const struct cli_cmd *cmd, const struct cli_opt *opts,
		  int argc, char **argv)
{
	r->db_flag = NULL;
	r->npos = 0;
	r->db = NULL;
	yk_errinfo_clear(&r->ei);
	int rc = cli_parse(cmd, opts, argc, argv, &r->db_flag, r->pos, &r->npos);
	return rc == 0 ? CLI_GO : rc < 0 ? 0 : rc;
}

int cli_run_open(struct cli_run *r, int create)
{
	return cli_open(r->db_flag, create, &r->db) ? CLI_EXIT_FAIL : CLI_GO;
}

int cli_run_begin(struct cli_run *r, const struct cli_cmd *cmd, const struct cli_opt *opts,
		  int argc, char **argv)
{
	int rc = cli_run_parse(r, cmd, opts, argc, argv);
	return rc == CLI_GO ? cli_run_open(r, 0) : rc;
}

int cli_run_end(struct cli_run *r, int rc)
{
	if (rc)
		cli_error(rc, &r->ei);
	store_close(r->db);
	r->db = NULL;
	return rc ? CLI_EXIT_FAIL : 0;
}

static void print_cmd_help(const struct cli_cmd *cmd, const struct cli_opt *opts)
{
	printf("使い方: %s\n\n%s\n\nオプション:\n", cmd->usage, cmd->summary);
	printf("  %-24s %s\n", "--db PATH", "データベースファイル（既定: $YAKUBA_DB、なければ ./yakuba.db）");
	for (const struct cli_opt *o = opts; o && o->name; o++) {
		char left[64];
		snprintf(left, sizeof(left), "--%s%s%s", o->name, o->arg ? " " : "",
			 o->arg ? o->arg : "");
		printf("  %-24s %s\n", left, o->help);
	}
	printf("  %-24s %s\n", "--help", "この説明を表示します");
}

static int usage_error(const struct cli_cmd *cmd, const char *what, const char *arg)
{
	fprintf(stderr, "yakuba %s: %s%s%s (yakuba %s --help)\n", cmd->name, what,
		arg ? ": " : "", arg ? arg : "", cmd->name);
	return CLI_EXIT_USAGE;
}

int cli_parse(const struct cli_cmd *cmd, const struct cli_opt *opts, int argc, char **argv,
	      const char **db_flag, const char **pos, int *npos)
{
	*npos = 0;
	int only_pos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
			if (*npos >= CLI_MAX_POSITIONAL)
				return usage_error(cmd, "too many arguments", NULL);
			pos[(*npos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_cmd_help(cmd, opts);
			return -1;
		}
		if (a[1] != '-')
			return usage_error(cmd, "unknown option", a);
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		const char *value = eq ? eq + 1 : NULL;
		if (nlen == 2 && strncmp(name, "db", 2) == 0) {
			if (!value) {
				if (i + 1 >= argc)
					return usage_error(cmd, "option needs an argument", a);
				value = argv[++i];
			}
			*db_flag = value;
			continue;
		}
		const struct cli_opt *o = opts;
		for (; o && o->name; o++)
			if (strlen(o->name) == nlen && strncmp(o->name, name, nlen) == 0)
				break;
		if (!o || !o->name)
			return usage_error(cmd, "unknown option", a);
		if (!o->arg) {
			if (value)
				return usage_error(cmd, "option takes no argument", a);
			*o->flag = 1;
			continue;
		}
		if (!value) {
			if (i + 1 >= argc)
				return usage_error(cmd, "option needs an argument", a);
			value = argv[++i];
		}
		if (o->multi) {
			if (*o->multi_count >= CLI_MAX_POSITIONAL)
				return usage_error(cmd, "option given too many times", a);
			(*o->multi)[(*o->multi_count)++] = value;
		} else {
			*o->value = value;
		}
	}
	if (*npos < cmd->min_args)
		return usage_error(cmd, "missing argument", cmd->usage);
	if (cmd->max_args >= 0 && *npos > cmd->max_args)
		return usage_error(cmd, "too many arguments", pos[cmd->max_args]);
	return 0;
}

int cli_dispatch(const char *cmd, const struct cli_action *actions, int argc, char **argv)
{
	const char *a = argc >= 2 ? argv[1] : NULL;
	int help = a && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0);
	if (a && !help)
		for (const struct cli_action *x = actions; x->name; x++)
			if (strcmp(x->name, a) == 0)
				return x->fn(argc - 1, argv + 1);
	FILE *f = help ? stdout : stderr;
	if (!help)
		fprintf(f, "yakuba %s: %s%s (yakuba %s --help)\n", cmd,
			a ? "unknown action: " : "missing action", a ? a : "", cmd);
	if (help) {
		fprintf(f, "使い方: yakuba %s ACTION [OPTIONS]\n\n操作:\n", cmd);
		for (const struct cli_action *x = actions; x->name; x++)
			fprintf(f, "  %-16s %s\n", x->name, x->summary);
		fprintf(f, "\n各操作の詳細: yakuba %s ACTION --help\n", cmd);
	}
	return help ? 0 : CLI_EXIT_USAGE;
}

int cli_read_file(const char *path, size_t max, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "yakuba: %s: %s\n", path, strerror(errno));
		return CLI_EXIT_FAIL;
	}
	struct yk_buf b;
	yk_buf_init(&b, max);
	char chunk[65536];
	size_t n;
	int rc = 0;
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = yk_buf_add(&b, chunk, n);
	if (!rc && ferror(f))
		rc = YK_EIO;
	fclose(f);
	if (rc) {
		fprintf(stderr, "yakuba: %s: %s\n", path,
			rc == YK_ELIMIT ? "ファイルが大きすぎます" : strerror(errno));
		yk_buf_release(&b);
		return CLI_EXIT_FAIL;
	}
	*data = yk_buf_detach(&b, len);
	return 0;
}

/* glibc's allocator, set once before any thread starts. By default it
 * raises its mmap and trim thresholds each time a large block is freed
 * (up to 32 and 64 MiB): after the index build freed its growing arrays,
 * later large blocks (an index merge, the question-log queue after a burst)
 * came from the arenas and an arena's free top stayed resident (19 MiB of
 * a 20 MiB arena in bench/mixed.sh). Fixed values keep blocks of 1 MiB and
 * more in their own mappings, unmapped when freed, and give back an
 * arena's free top beyond 4 MiB. docs/bench.md has the measurements. */
#define CLI_MMAP_THRESHOLD (1 << 20)
#define CLI_TRIM_THRESHOLD (4 << 20)

int main(int argc, char **argv)
{
	mallopt(M_MMAP_THRESHOLD, CLI_MMAP_THRESHOLD);
	mallopt(M_TRIM_THRESHOLD, CLI_TRIM_THRESHOLD);
	/* Whatever the caller's umask: the database, its WAL, backups and
	 * exports hold staff data and are the owner's alone (0600). */
	umask(077);
	if (argc < 2) {
		print_main_help(stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		print_main_help(stdout);
		return 0;
	}
	for (size_t i = 0; i < YK_ARRAY_LEN(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "yakuba: unknown command '%s' (yakuba --help)\n", argv[1]);
	return CLI_EXIT_USAGE;
}
