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

/* The frame of one command: its parsed arguments, the database once
 * opened, and where its errors are described. Every list, report and
 * change command starts and ends through it, so that parsing, opening and
 * the exit status are written once:
 *
 *	struct cli_run r;
 *	int rc = cli_run_begin(&r, &cmd, opts, argc, argv);
 *	if (rc != CLI_GO)
 *		return rc;
 *	rc = feature_list(r.db, print_row, NULL);
 *	return cli_run_end(&r, rc);
 *
 * Commands that check their options before touching the database call
 * cli_run_parse, check, then cli_run_open. */
struct cli_run {
	const char *db_flag;                 /* --db, or NULL */
	const char *pos[CLI_MAX_POSITIONAL]; /* positional arguments (borrowed from argv) */
	int npos;
	struct store *db;                    /* owned; NULL until cli_run_open */
	struct yk_errinfo ei;                /* the command's error detail, cleared */
};
/* "Go on" from the cli_run_* starters; any other value is the exit status
 * to return at once. */
#define CLI_GO (-100)
/* Parses argv (cli_parse) into r. CLI_GO, or 0 after --help, or
 * CLI_EXIT_USAGE after the usage error line. */
int cli_run_parse(struct cli_run *r, const struct cli_cmd *cmd, const struct cli_opt *opts,
		  int argc, char **argv);
/* Opens (and migrates) the database of r (create: may create it). CLI_GO,
 * or CLI_EXIT_FAIL after the error line. */
int cli_run_open(struct cli_run *r, int create);
/* cli_run_parse then cli_run_open(r, 0). */
int cli_run_begin(struct cli_run *r, const struct cli_cmd *cmd, const struct cli_opt *opts,
		  int argc, char **argv);
/* Ends a command begun with cli_run_*: rc != 0 is printed with r->ei
 * (cli_error), the database is closed. Returns 0 or CLI_EXIT_FAIL. */
int cli_run_end(struct cli_run *r, int rc);

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

/* One file import, all or nothing (cli_import.c). parse (optional) checks
 * the file before the database is opened; store writes it. A step that
 * finds problems in the file adds them to p (ingest_problem) and returns
 * non-zero; any other failure goes to ei. ctx is the command's own state,
 * from which it prints its success line after cli_import_file returns 0. */
struct cli_import {
	size_t max_bytes;
	const char *nothing; /* after "FILE: 問題があるため、"; NULL: "このファイルからは何も登録していません" */
	int (*parse)(void *ctx, const char *data, size_t len, const char *file,
		     struct ingest_problems *p);
	int (*store)(void *ctx, struct store *db, const char *data, size_t len, const char *file,
		     struct ingest_problems *p, struct yk_errinfo *ei);
	void *ctx;
};
/* Reads file (at most imp->max_bytes), runs parse, opens the database
 * (db_flag) and runs store. Problems are printed one per line
 * (cli_print_problems) followed by "FILE: 問題があるため、<nothing>"; other
 * errors by cli_error. Returns 0 or CLI_EXIT_FAIL. */
int cli_import_file(const struct cli_import *imp, const char *db_flag, const char *file);

/* Kinds of `yakuba report` for 人材育成 (cmd_report_training.c); argv[0]
 * is the kind ("training", "certifications"). */
int cli_report_training(int argc, char **argv);
int cli_report_certifications(int argc, char **argv);

#define CMD(name, summary) int cmd_##name(int argc, char **argv);
#include "commands.def"
#undef CMD

/* Actions of `yakuba report` that live with their feature's command file. */
int cli_report_stress(int argc, char **argv); /* cmd_stresscheck.c */

#endif
