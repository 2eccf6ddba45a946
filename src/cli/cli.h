/* cli: the command-line front-end. main.c dispatches to one cmd_* function
 * per subcommand (listed once in commands.def); each parses its options with
 * cli_parse() and calls the library modules directly, never through HTTP.
 * Exit codes: 0 success, 1 failure of the operation, 2 usage error. */
#ifndef YK_CLI_H
#define YK_CLI_H

#include "core/core.h"
#include "ingest/ingest.h"
#include "store/store.h"

#define CLI_EXIT_FAIL 1
#define CLI_EXIT_USAGE 2
#define CLI_MAX_POSITIONAL 64

struct cli_opt {
	const char *name;      /* long name without "--" */
	const char *arg;       /* metavariable ("PATH"), NULL for a flag */
	const char *help;      /* one line, Japanese */
	const char **value;    /* set for options with an argument */
	int *flag;             /* set to 1 for flags */
	const char ***multi;   /* repeatable option: array of CLI_MAX_POSITIONAL */
	int *multi_count;
};

struct cli_cmd {
	const char *name;
	const char *usage;     /* "yakuba init [--db PATH]" */
	const char *summary;   /* one line, Japanese */
	int min_args, max_args;
};

/* Parses argv[1..] of a subcommand (argv[0] is its name). Every command
 * accepts --db PATH and --help; pass opts terminated by a {NULL} entry.
 * Positional arguments go to pos (CLI_MAX_POSITIONAL room), their number to
 * *npos. Returns 0, or -1 when --help was printed (exit 0), or
 * CLI_EXIT_USAGE after printing a one-line error. */
int cli_parse(const struct cli_cmd *cmd, const struct cli_opt *opts, int argc, char **argv,
	      const char **db_flag, const char **pos, int *npos);

/* --db flag, else $YAKUBA_DB, else ./yakuba.db */
const char *cli_db_path(const char *flag);

/* Opens (and migrates) the database, printing an error line on failure. */
int cli_open(const char *db_flag, int create, struct store **db);

/* Prints "yakuba: <message>" to stderr (and the errinfo detail). */
void cli_error(int err, const struct yk_errinfo *ei);

/* Prints an import's problems to stderr, one "prefixFILE:LINE: message"
 * line each (ingest_problem_format, the form the web pages show too),
 * then "prefixFILE: ほかに N 件の問題があります" when some were not kept. */
void cli_print_problems(const char *prefix, const char *file, const struct ingest_problems *p);

/* Commands with actions ("yakuba user add ..."): argv[0] is the command,
 * argv[1] the action. Prints the action list for --help or a missing or
 * unknown action (exit 0 / CLI_EXIT_USAGE). */
struct cli_action {
	const char *name;
	int (*fn)(int argc, char **argv); /* argv[0] is the action */
	const char *summary;
};
int cli_dispatch(const char *cmd, const struct cli_action *actions, int argc, char **argv);

/* Reads a whole file of at most max bytes (owned buffer, NUL-terminated).
 * Prints "yakuba: PATH: reason" and returns non-zero on failure. */
int cli_read_file(const char *path, size_t max, char **data, size_t *len);

#define CMD(name, summary) int cmd_##name(int argc, char **argv);
#include "commands.def"
#undef CMD

/* Actions of `yakuba report` that live with their feature's command file. */
int cli_report_stress(int argc, char **argv); /* cmd_stresscheck.c */

#endif
