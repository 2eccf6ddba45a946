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
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	if (!(rc = store_backup(r.db, r.pos[0], &r.ei)))
		printf("バックアップを作成しました: %s\n", r.pos[0]);
	return cli_run_end(&r, rc);
}
