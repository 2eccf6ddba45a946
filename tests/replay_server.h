/* replay_server: starts the OpenAI-compatible replay server of our own
 * (tests/llm-server/server.mjs) for a C test program, once, and stops it at
 * exit. Shared by test_llm.c and test_ws.c. The server records every request
 * body in replay_record_path (JSON lines), binds 127.0.0.1 on an ephemeral
 * port and exits when its stdin closes. Test-only; single-threaded use. */
#ifndef YK_REPLAY_SERVER_H
#define YK_REPLAY_SERVER_H

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/core.h"

extern char **environ;

static pid_t replay_pid = -1;
static int replay_stdin = -1;
static unsigned replay_port_no;
static char replay_dir[64];
static char replay_record_path[128];

static void replay_stop(void)
{
	if (replay_pid > 0) {
		close(replay_stdin);
		kill(replay_pid, SIGTERM);
		waitpid(replay_pid, NULL, 0);
		replay_pid = -1;
		unlink(replay_record_path);
		rmdir(replay_dir);
	}
}

/* The server's port (starting it on first use), or 0 when it cannot start. */
static unsigned replay_port(void)
{
	if (replay_port_no)
		return replay_port_no;
	int out[2], in[2];
	yk_strlcpy(replay_dir, "/tmp/yk-replay-XXXXXX", sizeof(replay_dir));
	if (!mkdtemp(replay_dir))
		return 0;
	snprintf(replay_record_path, sizeof(replay_record_path), "%s/requests.jsonl", replay_dir);
	if (pipe(out) || pipe(in))
		return 0;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	char *argv[] = {"node", "tests/llm-server/server.mjs", "--record", replay_record_path,
			"--exit-on-stdin-close", NULL};
	int rc = posix_spawnp(&replay_pid, "node", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	replay_stdin = in[1];
	if (rc) {
		replay_pid = -1;
		close(out[0]);
		return 0;
	}
	atexit(replay_stop);
	char line[64];
	size_t n = 0;
	struct pollfd pfd = {out[0], POLLIN, 0};
	while (n + 1 < sizeof(line) && poll(&pfd, 1, 10000) > 0) {
		ssize_t r = read(out[0], line + n, 1);
		if (r <= 0 || line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	close(out[0]);
	int64_t port;
	if (strncmp(line, "PORT ", 5) != 0 ||
	    yk_parse_i64(line + 5, strlen(line + 5), 1, 65535, &port) != 0)
		return 0;
	replay_port_no = (unsigned)port;
	return replay_port_no;
}

#endif
