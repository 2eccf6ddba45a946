/* server: start, wait for a signal, drain, stop. See server.h. */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>

#include "api/api.h"
#include "http/http.h"
#include "server.h"
#include "core/banned.h"

int server_parse_listen(const char *s, char *addr, size_t addrsz, uint16_t *port)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || (size_t)(colon - s) >= addrsz)
		return YK_EINVAL;
	int64_t p;
	if (yk_parse_i64(colon + 1, strlen(colon + 1), 0, 65535, &p) != 0)
		return YK_EINVAL;
	memcpy(addr, s, (size_t)(colon - s));
	addr[colon - s] = '\0';
	struct in_addr tmp;
	if (inet_pton(AF_INET, addr, &tmp) != 1)
		return YK_EINVAL;
	*port = (uint16_t)p;
	return 0;
}

int server_run(const struct server_options *opts, struct yk_errinfo *ei)
{
	struct api *api = NULL;
	struct http_server *srv = NULL;
	int rc;

	/* Block the stop signals in every thread (MHD's workers inherit this
	 * mask) and take them synchronously below. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((rc = api_new(opts->db_path, opts->dicdir, &api, ei)))
		goto out;
	struct http_app app = {api, api_handle, api_body_limit, api_frame_ancestors};
	struct http_server_options hopts = {opts->listen_addr, opts->port, opts->threads,
					    opts->web_dir};
	if ((rc = http_server_start(&hopts, &app, &srv, ei)))
		goto out;
	printf("listening on http://%s:%u\n", opts->listen_addr, (unsigned)http_server_port(srv));
	fflush(stdout);
	yk_log(YK_LOG_INFO, "server: ready (database %s)", opts->db_path);

	int sig = 0;
	sigwait(&stop, &sig);
	yk_log(YK_LOG_INFO, "server: %s received, draining", sig == SIGTERM ? "SIGTERM" : "SIGINT");
out:
	http_server_stop(srv, SERVER_DRAIN_MS);
	api_free(api);
	if (!rc)
		yk_log(YK_LOG_INFO, "server: stopped cleanly");
	return rc;
}
