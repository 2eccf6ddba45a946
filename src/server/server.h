/* server: the HTTP front-end's lifecycle. Wires the api application into
 * the http daemon, prints where it listens, and on SIGTERM/SIGINT stops
 * accepting, drains in-flight requests and closes the database cleanly.
 * The top of the dependency graph with cli/. */
#ifndef YK_SERVER_H
#define YK_SERVER_H

#include <stdint.h>

#include "core/core.h"

#define SERVER_DRAIN_MS 10000 /* longest wait for in-flight requests on shutdown */
#define SERVER_HOUSEKEEPING_S 300 /* expired sessions are purged this often */

struct server_options {
	const char *db_path;
	const char *listen_addr; /* IPv4 address */
	uint16_t port;           /* 0 = ephemeral */
	const char *web_dir;     /* NULL: embedded assets */
	unsigned threads;        /* 0 = one per core */
	const char *dicdir;      /* --dicdir for UniDic; NULL: the search of text/ */
	unsigned per_addr_max;   /* connections per client address; 0 = HTTP default */
	/* The access log: NULL for stderr (journald under systemd), or a file
	 * rotated at access_log_max_bytes (0 = HTTP_ACCESS_LOG_DEFAULT_MB MiB)
	 * keeping access_log_keep older files (see http_access_log_new). */
	const char *access_log;
	uint64_t access_log_max_bytes;
	unsigned access_log_keep;
};

/* Parses "ADDR:PORT" (IPv4) into addr (>= 16 bytes) and port. */
int server_parse_listen(const char *s, char *addr, size_t addrsz, uint16_t *port) YK_WUR;

/* Runs until SIGTERM or SIGINT. Prints "listening on http://ADDR:PORT" on
 * stdout once ready. Sets the umask to 077 and takes group/other bits off
 * the database files; purges expired sessions every SERVER_HOUSEKEEPING_S.
 * Returns 0 after a clean shutdown. */
int server_run(const struct server_options *opts, struct yk_errinfo *ei) YK_WUR;

#endif
