/* cli/import: the one shape of a file import on the command line (staff,
 * users, usage, cert, survey, training attend, stresscheck): read the file
 * under its limit, check it, open the database, store it all or nothing,
 * and print problems as FILE:LINE: message (ingest_problem_format) with one
 * closing line saying that nothing was stored. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "core/banned.h"

int cli_import_file(const struct cli_import *imp, const char *db_flag, const char *file)
{
	char *data = NULL;
	size_t len = 0;
	if (cli_read_file(file, imp->max_bytes, &data, &len))
		return CLI_EXIT_FAIL;
	struct ingest_problems *p = yk_xcalloc(1, sizeof(*p));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct store *db = NULL;
	int open_failed = 0;
	int rc = imp->parse ? imp->parse(imp->ctx, data, len, file, p) : 0;
	if (!rc && (rc = cli_open(db_flag, 0, &db)))
		open_failed = 1; /* cli_open has said why */
	else if (!rc)
		rc = imp->store(imp->ctx, db, data, len, file, p, &ei);
	if (rc && p->count) {
		cli_print_problems("", file, p);
		fprintf(stderr, "%s: 問題があるため、%s\n", file,
			imp->nothing ? imp->nothing : "このファイルからは何も登録していません");
	} else if (rc && !open_failed) {
		cli_error(rc, &ei);
	}
	store_close(db);
	free(p);
	free(data);
	return rc ? CLI_EXIT_FAIL : 0;
}
