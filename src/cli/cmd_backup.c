/* cli/backup: `yakuba backup DEST`, a consistent online copy through the
 * SQLite backup API; safe while `yakuba serve` keeps writing. */
#include <stdio.h>

#include "cli.h"
#include "core/banned.h"

int cmd_backup(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"backup", "yakuba backup [--db PATH] DEST",
					   "データベースを DEST にオンラインで複製します（サーバー稼働中でも安全です）",
					   1, 1};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, NULL, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct store *db = NULL;
	if (cli_open(db_flag, 0, &db))
		return CLI_EXIT_FAIL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	rc = store_backup(db, pos[0], &ei);
	store_close(db);
	if (rc) {
		cli_error(rc, &ei);
		return CLI_EXIT_FAIL;
	}
	printf("バックアップを作成しました: %s\n", pos[0]);
	return 0;
}
