/* server: start, wait for a signal, drain, stop. See server.h. */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include "api/api.h"
#include "http/http.h"
#include "store/store.h"
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

/* The housekeeping thread: expired sessions and old login failures go on
 * a timer, not only when someone logs in. */
struct housekeeper {
	struct api *api;
	int interval_s;
	pthread_mutex_t mu;
	pthread_cond_t cond;
	int stop;
};

static void *housekeeping_main(void *arg)
{
	struct housekeeper *hk = arg;
	pthread_mutex_lock(&hk->mu);
	while (!hk->stop) {
		pthread_mutex_unlock(&hk->mu);
		api_housekeeping(hk->api);
		pthread_mutex_lock(&hk->mu);
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += hk->interval_s;
		while (!hk->stop && pthread_cond_timedwait(&hk->cond, &hk->mu, &ts) == 0)
			;
	}
	pthread_mutex_unlock(&hk->mu);
	return NULL;
}

/* Files we create are the owner's alone whatever the umask (the database,
 * its WAL and shared-memory files, backups, exports); a database made by
 * an older yakuba with group/other bits loses them here. */
static void db_files_private(const char *db_path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < YK_ARRAY_LEN(suffixes); i++) {
		char p[4096];
		struct stat st;
		if ((size_t)snprintf(p, sizeof(p), "%s%s", db_path, suffixes[i]) >= sizeof(p))
			continue;
		if (stat(p, &st) == 0 && (st.st_mode & 077)) {
			if (chmod(p, st.st_mode & 0700) == 0)
				yk_log(YK_LOG_WARN, "server: %s was readable by others; now 0600", p);
		}
	}
}

int server_run(const struct server_options *opts, struct yk_errinfo *ei)
{
	struct api *api = NULL;
	struct http_server *srv = NULL;
	struct http_access_log *alog = NULL;
	struct housekeeper hk = {NULL, SERVER_HOUSEKEEPING_S, PTHREAD_MUTEX_INITIALIZER,
				 PTHREAD_COND_INITIALIZER, 0};
	pthread_t hk_thread;
	int hk_started = 0;
	int rc;

	/* Block the stop signals in every thread (MHD's workers inherit this
	 * mask) and take them synchronously below. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	umask(077);
	if (opts->access_log &&
	    (rc = http_access_log_new(opts->access_log,
				      opts->access_log_max_bytes
					      ? opts->access_log_max_bytes
					      : (uint64_t)HTTP_ACCESS_LOG_DEFAULT_MB << 20,
				      opts->access_log_keep, &alog, ei)))
		goto out;
	if ((rc = api_new(opts->db_path, opts->dicdir, &api, ei)))
		goto out;
	db_files_private(opts->db_path);
	hk.api = api;
	/* Tests shorten the period; not a setting an admin needs. */
	const char *every = getenv("YAKUBA_HOUSEKEEPING_SECONDS");
	int64_t every_s;
	if (every && yk_parse_i64(every, strlen(every), 1, 86400, &every_s) == 0)
		hk.interval_s = (int)every_s;
	hk_started = pthread_create(&hk_thread, NULL, housekeeping_main, &hk) == 0;
	struct http_app app = {api, api_handle, api_body_limit, api_frame_ancestors};
	/* The reverse proxies configured now are exempt from the per-address
	 * connection limit (a change of these settings needs a restart). */
	char proxies[2 * STORE_SETTING_MAX_VALUE];
	api_trusted_proxies(api, proxies, sizeof(proxies));
	struct http_server_options hopts = {opts->listen_addr, opts->port, opts->threads,
					    opts->web_dir, opts->per_addr_max, proxies, alog};
	if ((rc = http_server_start(&hopts, &app, &srv, ei)))
		goto out;
	printf("listening on http://%s:%u\n", opts->listen_addr, (unsigned)http_server_port(srv));
	fflush(stdout);
	yk_log(YK_LOG_INFO, "server: ready (database %s)", opts->db_path);

	int sig = 0;
	sigwait(&stop, &sig);
	yk_log(YK_LOG_INFO, "server: %s received, draining", sig == SIGTERM ? "SIGTERM" : "SIGINT");
out:
	if (hk_started) {
		pthread_mutex_lock(&hk.mu);
		hk.stop = 1;
		pthread_cond_signal(&hk.cond);
		pthread_mutex_unlock(&hk.mu);
		pthread_join(hk_thread, NULL);
	}
	http_server_stop(srv, SERVER_DRAIN_MS);
	api_free(api);
	http_access_log_free(alog);
	if (!rc)
		yk_log(YK_LOG_INFO, "server: stopped cleanly");
	return rc;
}
