/* store: SQLite connections, numbered migrations embedded at build time,
 * transactions, online backup, per-thread pool and settings. See store.h. */
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "core/embed.h"
#include "store.h"
#include "core/banned.h"

#define STORE_STR_(x) #x
#define STORE_STR(x) STORE_STR_(x)

/* The statement cache: open addressing on the hash of the SQL text; the
 * text itself is the statement's (sqlite3_sql), so nothing is copied. */
struct stmt_slot {
	uint64_t hash;
	sqlite3_stmt *st; /* NULL = empty */
};

#define STORE_STMT_BY_ADDR 64 /* a power of two */

struct store {
	sqlite3 *db;
	char *path;
	int holds_writer; /* this connection holds writer_mu (inside store_begin) */
	struct stmt_slot *stmts;
	size_t stmt_cap, stmt_count;
	/* In front of stmts: the statement last found for an SQL string at
	 * its address (store_stmt). */
	struct {
		const char *sql; /* the caller's pointer, compared, never read */
		sqlite3_stmt *st;
	} stmt_by_addr[STORE_STMT_BY_ADDR];
	struct setting_cached *settings; /* by position in setting_defs; lazily */
	int settings_dirty;              /* this transaction wrote a setting */
	int64_t settings_seen;           /* store_settings_seen's generation; 0 = none */
	int read_depth;                  /* store_read_begin nesting */
	int read_began;                  /* ... and the outermost one began a transaction */
	struct {
		const char *name; /* borrowed string constant; NULL = free slot */
		void *data;
		void (*free_fn)(void *);
	} clientdata[STORE_CLIENTDATA_MAX];
};

/* A setting's stored value as this connection last read it. */
struct setting_cached {
	char *value; /* NULL: not read yet */
	uint64_t gen;
	int64_t read_us;
	sqlite3_int64 changes; /* the connection's total changes when read */
	int64_t seen;          /* db->settings_seen when read */
};

/* Bumped when a setting is written in this process (at the write and at
 * the end of its transaction): every connection's cached values are then
 * read again. Writes by another process are seen within
 * STORE_SETTING_CACHE_MS. */
static atomic_uint_fast64_t settings_gen;

static void settings_cache_free(struct store *db);

static void settings_changed(struct store *db)
{
	if (db->settings_dirty) {
		db->settings_dirty = 0;
		atomic_fetch_add(&settings_gen, 1);
	}
}

/* One writer at a time inside this process. SQLite allows one writer per
 * database anyway; queueing on a mutex hands the lock over at once, where
 * SQLite's busy handler would sleep in growing steps (1, 2, 5... ms) and
 * collapse throughput when many threads write. Other processes (a CLI
 * import while the server runs) still meet the busy timeout. */
static pthread_mutex_t writer_mu = PTHREAD_MUTEX_INITIALIZER;

sqlite3 *store_handle(struct store *db)
{
	return db->db;
}

const char *store_path(const struct store *db)
{
	return db->path;
}

void *store_clientdata(struct store *db, const char *name)
{
	for (size_t i = 0; i < STORE_CLIENTDATA_MAX; i++)
		if (db->clientdata[i].name && strcmp(db->clientdata[i].name, name) == 0)
			return db->clientdata[i].data;
	return NULL;
}

int store_set_clientdata(struct store *db, const char *name, void *data, void (*free_fn)(void *))
{
	size_t free_slot = STORE_CLIENTDATA_MAX;
	for (size_t i = 0; i < STORE_CLIENTDATA_MAX; i++) {
		if (db->clientdata[i].name && strcmp(db->clientdata[i].name, name) == 0) {
			if (db->clientdata[i].free_fn && db->clientdata[i].data != data)
				db->clientdata[i].free_fn(db->clientdata[i].data);
			db->clientdata[i].data = data;
			db->clientdata[i].free_fn = free_fn;
			return 0;
		}
		if (!db->clientdata[i].name && free_slot == STORE_CLIENTDATA_MAX)
			free_slot = i;
	}
	if (free_slot == STORE_CLIENTDATA_MAX) {
		if (free_fn)
			free_fn(data);
		return YK_ELIMIT;
	}
	db->clientdata[free_slot].name = name;
	db->clientdata[free_slot].data = data;
	db->clientdata[free_slot].free_fn = free_fn;
	return 0;
}

int store_err(struct store *db, int rc, struct yk_errinfo *ei)
{
	int err;
	switch (rc & 0xFF) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return 0;
	case SQLITE_CONSTRAINT:
		err = YK_ECONFLICT;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		err = YK_EBUSY;
		break;
	case SQLITE_NOMEM:
		err = YK_ENOMEM;
		break;
	case SQLITE_TOOBIG:
		err = YK_ELIMIT;
		break;
	default:
		err = YK_EDB;
	}
	if (ei)
		yk_errinfo_set(ei, err, "%s", db && db->db ? sqlite3_errmsg(db->db) : sqlite3_errstr(rc));
	return err;
}

int store_prepare(struct store *db, const char *sql, sqlite3_stmt **stmt, struct yk_errinfo *ei)
{
	int rc = sqlite3_prepare_v2(db->db, sql, -1, stmt, NULL);
	if (rc != SQLITE_OK) {
		*stmt = NULL;
		return store_err(db, rc, ei);
	}
	return 0;
}

/* ---- statement toolkit --------------------------------------------------- */

/* Callers pass their SQL as string constants, so the text at one address
 * is nearly always the statement found there last time: a look-up by
 * address, confirmed by comparing the text (strcmp is vectorised), costs a
 * few dozen instructions where hashing the text byte by byte cost about a
 * thousand (a question reads or writes through about ten statements). A
 * buffer reused for other SQL fails the comparison and takes the hash. */
static size_t stmt_addr_slot(const char *sql)
{
	return (size_t)((((uintptr_t)sql >> 3) * 0x9E3779B97F4A7C15ull) >> 58) &
	       (STORE_STMT_BY_ADDR - 1);
}

static uint64_t sql_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void stmt_cache_grow(struct store *db)
{
	size_t ncap = db->stmt_cap ? db->stmt_cap * 2 : 64;
	struct stmt_slot *n = yk_xcalloc(ncap, sizeof(*n));
	for (size_t i = 0; i < db->stmt_cap; i++) {
		if (!db->stmts[i].st)
			continue;
		size_t j = db->stmts[i].hash & (ncap - 1);
		while (n[j].st)
			j = (j + 1) & (ncap - 1);
		n[j] = db->stmts[i];
	}
	free(db->stmts);
	db->stmts = n;
	db->stmt_cap = ncap;
}

int store_stmt(struct store *db, const char *sql, sqlite3_stmt **out, struct yk_errinfo *ei)
{
	size_t a = stmt_addr_slot(sql);
	if (db->stmt_by_addr[a].sql == sql && strcmp(sqlite3_sql(db->stmt_by_addr[a].st), sql) == 0) {
		sqlite3_stmt *st = db->stmt_by_addr[a].st;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		*out = st;
		return 0;
	}
	uint64_t h = sql_hash(sql);
	if (db->stmt_cap) {
		for (size_t j = h & (db->stmt_cap - 1); db->stmts[j].st; j = (j + 1) & (db->stmt_cap - 1)) {
			if (db->stmts[j].hash == h && strcmp(sqlite3_sql(db->stmts[j].st), sql) == 0) {
				sqlite3_stmt *st = db->stmts[j].st;
				sqlite3_reset(st);
				sqlite3_clear_bindings(st);
				db->stmt_by_addr[a].sql = sql;
				db->stmt_by_addr[a].st = st;
				*out = st;
				return 0;
			}
		}
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		*out = NULL;
		return store_err(db, rc, ei);
	}
	if ((db->stmt_count + 1) * 2 > db->stmt_cap)
		stmt_cache_grow(db);
	size_t j = h & (db->stmt_cap - 1);
	while (db->stmts[j].st)
		j = (j + 1) & (db->stmt_cap - 1);
	db->stmts[j].hash = h;
	db->stmts[j].st = st;
	db->stmt_count++;
	db->stmt_by_addr[a].sql = sql;
	db->stmt_by_addr[a].st = st;
	*out = st;
	return 0;
}

int store_step_done(struct store *db, sqlite3_stmt *st, struct yk_errinfo *ei)
{
	int rc = sqlite3_step(st);
	int err = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? 0 : store_err(db, rc, ei);
	sqlite3_reset(st);
	return err;
}

int store_each(struct store *db, sqlite3_stmt *st, int (*fn)(void *ctx, sqlite3_stmt *row),
	       void *ctx, struct yk_errinfo *ei)
{
	int rc = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = fn(ctx, st)) != 0)
			break;
	if (rc == 0 && s != SQLITE_DONE)
		rc = store_err(db, s, ei);
	sqlite3_reset(st);
	return rc;
}

int store_row(struct store *db, sqlite3_stmt *st, struct yk_errinfo *ei)
{
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		return 1;
	int rc = s == SQLITE_DONE ? 0 : store_err(db, s, ei);
	sqlite3_reset(st);
	return rc;
}

int store_one(struct store *db, sqlite3_stmt *st, int (*read)(void *ctx, sqlite3_stmt *row),
	      void *ctx, struct yk_errinfo *ei)
{
	int rc = store_row(db, st, ei);
	if (rc == 1) {
		rc = read(ctx, st);
		sqlite3_reset(st);
	} else if (rc == 0) {
		rc = YK_ENOTFOUND;
	}
	return rc;
}

static int read_int(void *ctx, sqlite3_stmt *row)
{
	*(int64_t *)ctx = sqlite3_column_int64(row, 0);
	return 0;
}

int store_one_int(struct store *db, sqlite3_stmt *st, int64_t *out, struct yk_errinfo *ei)
{
	return store_one(db, st, read_int, out, ei);
}

void store_reset(sqlite3_stmt *st)
{
	sqlite3_reset(st);
}

size_t store_stmt_busy_count(struct store *db)
{
	size_t n = 0;
	for (size_t i = 0; i < db->stmt_cap; i++)
		n += db->stmts[i].st && sqlite3_stmt_busy(db->stmts[i].st);
	return n;
}

void store_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s)
		sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, idx);
}

void store_bind_opt_text(sqlite3_stmt *st, int idx, const char *s)
{
	store_bind_text(st, idx, s && *s ? s : NULL);
}

void store_bind_opt_id(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, idx, id);
	else
		sqlite3_bind_null(st, idx);
}

void store_bind_opt_count(sqlite3_stmt *st, int idx, int64_t n)
{
	if (n >= 0)
		sqlite3_bind_int64(st, idx, n);
	else
		sqlite3_bind_null(st, idx);
}

const char *store_col_str(sqlite3_stmt *st, int col)
{
	const char *v = (const char *)sqlite3_column_text(st, col);
	return v ? v : "";
}

void store_col_text(sqlite3_stmt *st, int col, char *out, size_t outsz)
{
	if (!outsz)
		return;
	const char *v = store_col_str(st, col);
	size_t n = yk_strlcpy(out, v, outsz);
	if (n >= outsz) { /* cut: never in the middle of a UTF-8 character */
		size_t k = outsz - 1;
		while (k > 0 && ((unsigned char)v[k] & 0xC0) == 0x80)
			k--;
		out[k] = '\0';
	}
}

int store_exec(struct store *db, const char *sql, struct yk_errinfo *ei)
{
	int rc = sqlite3_exec(db->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_err(db, rc, ei);
}

/* BEGIN and COMMIT as cached statements: sqlite3_exec parses its text on
 * every call, and the question-log writer begins and commits a
 * transaction every few milliseconds. */
static int exec_cached(struct store *db, const char *sql, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, sql, &st, ei);
	return rc ? rc : store_step_done(db, st, ei);
}

/* BEGIN IMMEDIATE with writer_mu already taken; releases it on failure. */
static int begin_holding_writer(struct store *db, struct yk_errinfo *ei)
{
	db->holds_writer = 1;
	int rc = exec_cached(db, "BEGIN IMMEDIATE", ei);
	if (rc) {
		db->holds_writer = 0;
		pthread_mutex_unlock(&writer_mu);
	}
	return rc;
}

int store_begin(struct store *db, struct yk_errinfo *ei)
{
	pthread_mutex_lock(&writer_mu);
	return begin_holding_writer(db, ei);
}

int store_try_begin(struct store *db, struct yk_errinfo *ei)
{
	if (db->holds_writer || pthread_mutex_trylock(&writer_mu) != 0)
		return yk_errinfo_set(ei, YK_EBUSY, "another write is in progress");
	return begin_holding_writer(db, ei);
}

static void writer_release(struct store *db)
{
	if (db->holds_writer && sqlite3_get_autocommit(db->db)) {
		db->holds_writer = 0;
		pthread_mutex_unlock(&writer_mu);
	}
}

int store_commit(struct store *db, struct yk_errinfo *ei)
{
	int rc = exec_cached(db, "COMMIT", ei);
	settings_changed(db);
	writer_release(db); /* still held if COMMIT failed: the caller rolls back */
	return rc;
}

void store_rollback(struct store *db)
{
	if (!sqlite3_get_autocommit(db->db))
		(void)sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
	settings_changed(db);
	writer_release(db);
}

int store_read_begin(struct store *db, struct yk_errinfo *ei)
{
	if (db->read_depth++ > 0 || !sqlite3_get_autocommit(db->db))
		return 0;
	int rc = exec_cached(db, "BEGIN", ei);
	if (rc)
		db->read_depth--;
	else
		db->read_began = 1;
	return rc;
}

void store_read_end(struct store *db)
{
	if (db->read_depth == 0 || --db->read_depth > 0 || !db->read_began)
		return;
	db->read_began = 0;
	if (!sqlite3_get_autocommit(db->db) && exec_cached(db, "COMMIT", NULL) != 0)
		(void)sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- migrations -------------------------------------------------------- */

/* Migration files are named NNNN_name.sql; the number is the version. */
static int64_t migration_version(const char *name)
{
	int64_t v = 0;
	size_t n = 0;
	while (isdigit((unsigned char)name[n]))
		n++;
	if (n == 0 || yk_parse_i64(name, n, 1, 1000000, &v) != 0)
		return 0;
	return v;
}

int64_t store_schema_latest(void)
{
	int64_t max = 0;
	for (const struct yk_embedded_file *f = yk_migrations; f->name; f++) {
		int64_t v = migration_version(f->name);
		if (v > max)
			max = v;
	}
	return max;
}

int store_schema_version(struct store *db, int64_t *version)
{
	/* Cached statements: GET /api/v1/health asks on every call. A cached
	 * statement whose table does not exist yet cannot be prepared, so the
	 * existence check comes first. */
	sqlite3_stmt *st = NULL;
	*version = 0;
	int rc = store_stmt(db, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'",
			    &st, NULL);
	if (rc)
		return rc;
	int exists = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
	if (!exists)
		return 0;
	if ((rc = store_stmt(db, "SELECT coalesce(max(version), 0) FROM schema_migrations", &st,
			     NULL)))
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* Applies migration f (version v) in its own transaction unless it was
 * applied before: 0 applied, 1 already there, or a negative error. With
 * fk_off (foreign keys are off on the connection), the commit waits for
 * PRAGMA foreign_key_check to find no broken reference. */
static int migrate_one(struct store *db, const struct yk_embedded_file *f, int64_t v, int fk_off,
		       struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *chk = NULL;
	if ((rc = store_prepare(db, "SELECT 1 FROM schema_migrations WHERE version = ?", &chk, ei)))
		goto fail;
	sqlite3_bind_int64(chk, 1, v);
	int applied = sqlite3_step(chk) == SQLITE_ROW;
	sqlite3_finalize(chk);
	if (applied) {
		store_rollback(db);
		return 1;
	}
	char *errmsg = NULL;
	int src = sqlite3_exec(db->db, (const char *)f->data, NULL, NULL, &errmsg);
	if (src != SQLITE_OK) {
		rc = yk_errinfo_set(ei, YK_EDB, "migration %s failed: %s", f->name,
				    errmsg ? errmsg : sqlite3_errstr(src));
		sqlite3_free(errmsg);
		goto fail;
	}
	if (fk_off) {
		if ((rc = store_prepare(db, "PRAGMA foreign_key_check", &chk, ei)))
			goto fail;
		src = sqlite3_step(chk);
		if (src == SQLITE_ROW) {
			const unsigned char *t = sqlite3_column_text(chk, 0);
			rc = yk_errinfo_set(ei, YK_EDB,
					    "migration %s failed: a row of %s refers to a missing row",
					    f->name, t ? (const char *)t : "?");
		} else if (src != SQLITE_DONE) {
			rc = store_err(db, src, ei);
		}
		sqlite3_finalize(chk);
		if (rc)
			goto fail;
	}
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"INSERT INTO schema_migrations(version, name, applied_at)"
				" VALUES (?, ?, ?)",
				&st, ei)))
		goto fail;
	sqlite3_bind_int64(st, 1, v);
	sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, yk_now_unix());
	rc = store_step_done(db, st, ei);
	sqlite3_finalize(st);
	if (rc || (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

static int migrate(struct store *db, struct yk_errinfo *ei)
{
	int64_t current = 0;
	int rc = store_exec(db,
			    "CREATE TABLE IF NOT EXISTS schema_migrations ("
			    " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
			    " applied_at INTEGER NOT NULL) STRICT",
			    ei);
	if (rc)
		return rc;
	if ((rc = store_schema_version(db, &current)))
		return rc;
	int64_t latest = store_schema_latest();
	if (current > latest)
		return yk_errinfo_set(ei, YK_EVERSION,
				      "%s: schema version %lld is newer than this yakuba (%lld); "
				      "use a newer yakuba binary",
				      db->path, (long long)current, (long long)latest);
	/* Apply every migration not yet recorded, in version order (the
	 * generated table is sorted by file name, which is the version order
	 * because names are zero-padded). A gap filled later (a migration
	 * numbered below one already applied, from a parallel branch) is
	 * applied too. The check runs inside the write transaction so that two
	 * processes opening the file at once do not both apply it. */
	for (const struct yk_embedded_file *f = yk_migrations; f->name; f++) {
		int64_t v = migration_version(f->name);
		/* A migration that rebuilds a table another one references
		 * (SQLite's "make other kinds of table schema changes": create the
		 * new table, copy, drop the old, rename) runs with foreign keys
		 * off, as SQLite prescribes: else dropping the old table would
		 * fire the children's ON DELETE CASCADE. The pragma is a no-op
		 * inside a transaction, so it is set around it, and
		 * foreign_key_check must find nothing before the commit. */
		int fk_off = f->len >= sizeof(STORE_MIGRATION_FK_OFF) - 1 &&
			     memcmp(f->data, STORE_MIGRATION_FK_OFF,
				    sizeof(STORE_MIGRATION_FK_OFF) - 1) == 0;
		if (fk_off && (rc = store_exec(db, "PRAGMA foreign_keys=OFF", ei)))
			return rc;
		rc = migrate_one(db, f, v, fk_off, ei);
		if (fk_off) {
			int rc2 = store_exec(db, "PRAGMA foreign_keys=ON", ei);
			if (!rc)
				rc = rc2;
		}
		if (rc > 0)
			continue; /* applied before */
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- open / close ------------------------------------------------------ */

/* SQLite's page buffers from one pool made once, not from malloc. In WAL
 * mode every commit of the question-log writer makes each other
 * connection drop its cached pages at its next read and read them again:
 * a malloc and a free of about 4.3 KiB per page, many times a second,
 * interleaved with every other allocation of the threads that ask. The
 * freed page chunks were the largest group of free chunks left in glibc's
 * arenas under mixed load (malloc_info: about 350 of 4.1-4.6 KiB in one
 * arena), which kept the heap glibc holds growing while the heap in use
 * stayed flat (docs/bench.md, fifth round). Pages beyond the pool come
 * from malloc as before. The pool is touched once at start-up (SQLite
 * threads a free list through it): STORE_PAGE_POOL x (4 KiB + header) of
 * resident memory that does not grow. */
#define STORE_PAGE_POOL 1024   /* pages, shared by every connection */
#define STORE_PAGE_POOL_SZ 4096 /* the page size (SQLite's default) */

static void *page_pool; /* the process's, never freed (SQLite keeps using it) */

static void page_pool_setup(void)
{
	int hdr = 0;
	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK || hdr <= 0)
		return;
	/* A buffer of our own: with NULL SQLite would only make each
	 * connection's first pages one bulk allocation, not share a pool. */
	size_t slot = ((size_t)STORE_PAGE_POOL_SZ + (size_t)hdr + 15) & ~(size_t)15;
	page_pool = yk_xmalloc(slot * STORE_PAGE_POOL);
	/* Fails (SQLITE_MISUSE) if SQLite was initialised already: pages then
	 * come from malloc, as before. */
	if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, page_pool, (int)slot, STORE_PAGE_POOL) !=
	    SQLITE_OK) {
		free(page_pool);
		page_pool = NULL;
	}
}

static pthread_once_t page_pool_once = PTHREAD_ONCE_INIT;

int store_open(const char *path, int flags, struct store **out, struct yk_errinfo *ei)
{
	struct store *db = NULL;
	int rc = 0;
	*out = NULL;
	pthread_once(&page_pool_once, page_pool_setup);
	struct stat stbuf;
	if (!(flags & STORE_OPEN_CREATE) && stat(path, &stbuf) != 0) {
		return yk_errinfo_set(ei, YK_ENOTFOUND,
				      "%s: database not found (create it with `yakuba init`)", path);
	}
	db = yk_xcalloc(1, sizeof(*db));
	db->path = yk_xstrdup(path);
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
		     ((flags & STORE_OPEN_CREATE) ? SQLITE_OPEN_CREATE : 0);
	int src = sqlite3_open_v2(path, &db->db, oflags, NULL);
	if (src != SQLITE_OK) {
		rc = yk_errinfo_set(ei, YK_EDB, "%s: cannot open database: %s", path,
				    db->db ? sqlite3_errmsg(db->db) : sqlite3_errstr(src));
		goto out;
	}
	sqlite3_extended_result_codes(db->db, 1);
	sqlite3_busy_timeout(db->db, STORE_BUSY_TIMEOUT_MS);
	/* journal_mode returns a row; sqlite3_exec ignores it. Checking the
	 * header here turns "not a database" into a clear message. No
	 * mmap_size: every commit of the question-log writer makes the other
	 * connections drop their pages at their next read, and with a mapping
	 * SQLite then unmaps the whole file: under wrk, munmap and the page
	 * faults after it took about 9 % of the server's samples, pread(2)
	 * without the mapping about 3 %. */
	src = sqlite3_exec(db->db,
			   "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			   " PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF;"
			   " PRAGMA cache_size=-" STORE_STR(STORE_PAGE_CACHE_KIB) ";",
			   NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		rc = yk_errinfo_set(ei, YK_EDB, "%s: cannot use database: %s", path,
				    sqlite3_errmsg(db->db));
		goto out;
	}
	if (flags & STORE_OPEN_MIGRATE) {
		if ((rc = migrate(db, ei)))
			goto out;
	} else {
		int64_t v = 0;
		if ((rc = store_schema_version(db, &v)))
			goto out;
		if (v > store_schema_latest()) {
			rc = yk_errinfo_set(ei, YK_EVERSION,
					    "%s: schema version %lld is newer than this yakuba (%lld)",
					    path, (long long)v, (long long)store_schema_latest());
			goto out;
		}
	}
	*out = db;
	db = NULL;
out:
	store_close(db);
	return rc;
}

void store_close(struct store *db)
{
	if (!db)
		return;
	store_rollback(db); /* a transaction left open must not keep the writer lock */
	for (size_t i = 0; i < STORE_CLIENTDATA_MAX; i++)
		if (db->clientdata[i].name && db->clientdata[i].free_fn)
			db->clientdata[i].free_fn(db->clientdata[i].data);
	for (size_t i = 0; i < db->stmt_cap; i++)
		sqlite3_finalize(db->stmts[i].st);
	free(db->stmts);
	settings_cache_free(db);
	sqlite3_close_v2(db->db);
	free(db->path);
	free(db);
}

/* ---- backup ------------------------------------------------------------ */

int store_backup(struct store *db, const char *dest, struct yk_errinfo *ei)
{
	sqlite3 *out = NULL;
	int rc = 0;
	char tmp[4096];
	if (snprintf(tmp, sizeof(tmp), "%s.tmp-%d", dest, (int)getpid()) >= (int)sizeof(tmp))
		return yk_errinfo_set(ei, YK_EINVAL, "%s: path too long", dest);
	unlink(tmp);
	int src = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (src != SQLITE_OK) {
		rc = yk_errinfo_set(ei, YK_EIO, "%s: cannot create: %s", dest,
				    out ? sqlite3_errmsg(out) : sqlite3_errstr(src));
		goto out;
	}
	sqlite3_backup *bk = sqlite3_backup_init(out, "main", db->db, "main");
	if (!bk) {
		rc = yk_errinfo_set(ei, YK_EDB, "backup failed: %s", sqlite3_errmsg(out));
		goto out;
	}
	/* Copy in steps of 256 pages; a write by another connection restarts
	 * the copy, which the step loop absorbs. */
	do {
		src = sqlite3_backup_step(bk, 256);
		if (src == SQLITE_BUSY || src == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (src == SQLITE_OK || src == SQLITE_BUSY || src == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (src != SQLITE_DONE) {
		rc = yk_errinfo_set(ei, YK_EDB, "backup failed: %s", sqlite3_errstr(src));
		goto out;
	}
	/* The copy is a plain rollback-journal file, ready to open anywhere. */
	src = sqlite3_exec(out, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		rc = yk_errinfo_set(ei, YK_EDB, "backup failed: %s", sqlite3_errmsg(out));
		goto out;
	}
	sqlite3_close(out);
	out = NULL;
	if (rename(tmp, dest) != 0) {
		rc = yk_errinfo_set(ei, YK_EIO, "%s: cannot write backup", dest);
		goto out;
	}
out:
	if (out)
		sqlite3_close(out);
	if (rc)
		unlink(tmp);
	return rc;
}

/* ---- pool -------------------------------------------------------------- */

struct pool_slot {
	struct store *db;
	struct pool_slot *next;
};

struct store_pool {
	char *path;
	pthread_key_t key;
	pthread_mutex_t lock;
	struct pool_slot *slots; /* every connection handed out, for shutdown */
};

int store_pool_new(const char *path, struct store_pool **out, struct yk_errinfo *ei)
{
	struct store *probe = NULL;
	*out = NULL;
	int rc = store_open(path, STORE_OPEN_MIGRATE, &probe, ei);
	if (rc)
		return rc;
	store_close(probe);
	struct store_pool *p = yk_xcalloc(1, sizeof(*p));
	p->path = yk_xstrdup(path);
	pthread_mutex_init(&p->lock, NULL);
	/* No destructor: worker threads live as long as the server, and
	 * store_pool_free() closes everything after they have been joined. */
	if (pthread_key_create(&p->key, NULL) != 0) {
		free(p->path);
		free(p);
		return yk_errinfo_set(ei, YK_ENOMEM, "cannot create thread key");
	}
	*out = p;
	return 0;
}

struct store *store_pool_get(struct store_pool *pool)
{
	struct pool_slot *slot = pthread_getspecific(pool->key);
	if (slot)
		return slot->db;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct store *db = NULL;
	if (store_open(pool->path, 0, &db, &ei) != 0) {
		yk_log(YK_LOG_ERROR, "store: cannot open %s: %s", pool->path, ei.message);
		return NULL;
	}
	slot = yk_xcalloc(1, sizeof(*slot));
	slot->db = db;
	pthread_mutex_lock(&pool->lock);
	slot->next = pool->slots;
	pool->slots = slot;
	pthread_mutex_unlock(&pool->lock);
	pthread_setspecific(pool->key, slot);
	return db;
}

void store_pool_free(struct store_pool *pool)
{
	if (!pool)
		return;
	struct pool_slot *s = pool->slots;
	while (s) {
		struct pool_slot *next = s->next;
		store_close(s->db);
		free(s);
		s = next;
	}
	pthread_key_delete(pool->key);
	pthread_mutex_destroy(&pool->lock);
	free(pool->path);
	free(pool);
}

/* ---- settings ---------------------------------------------------------- */

static const struct store_setting_def setting_defs[] = {
#define SETTING(key, type, def, min, max, label, help) \
	{#key, STORE_SETTING_##type, def, min, max, label, help},
#define SETTING_CHOICE(key, value, label)
#include "settings.def"
#undef SETTING_CHOICE
#undef SETTING
};

static const struct store_setting_choice setting_choices[] = {
#define SETTING(key, type, def, min, max, label, help)
#define SETTING_CHOICE(key, value, label) {#key, value, label},
#include "settings.def"
#undef SETTING_CHOICE
#undef SETTING
};

const struct store_setting_def *store_setting_defs(size_t *n)
{
	*n = YK_ARRAY_LEN(setting_defs);
	return setting_defs;
}

/* The definitions' positions sorted by key, for a binary search: a
 * question reads about seven settings, and the linear search compared 35
 * keys each time (1.2 K instructions a read). */
static uint16_t setting_order[YK_ARRAY_LEN(setting_defs)];
static pthread_once_t setting_order_once = PTHREAD_ONCE_INIT;

static int setting_order_cmp(const void *a, const void *b)
{
	return strcmp(setting_defs[*(const uint16_t *)a].key, setting_defs[*(const uint16_t *)b].key);
}

static void setting_order_make(void)
{
	for (size_t i = 0; i < YK_ARRAY_LEN(setting_defs); i++)
		setting_order[i] = (uint16_t)i;
	qsort(setting_order, YK_ARRAY_LEN(setting_defs), sizeof(setting_order[0]),
	      setting_order_cmp);
}

const struct store_setting_def *store_setting_find(const char *key)
{
	pthread_once(&setting_order_once, setting_order_make);
	size_t lo = 0, hi = YK_ARRAY_LEN(setting_defs);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct store_setting_def *d = &setting_defs[setting_order[mid]];
		int c = strcmp(key, d->key);
		if (c == 0)
			return d;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The choices of one key are contiguous in settings.def. */
const struct store_setting_choice *store_setting_choices(const char *key, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < YK_ARRAY_LEN(setting_choices); i++) {
		if (strcmp(setting_choices[i].key, key) != 0)
			continue;
		size_t j = i;
		while (j < YK_ARRAY_LEN(setting_choices) && strcmp(setting_choices[j].key, key) == 0)
			j++;
		*n = j - i;
		return &setting_choices[i];
	}
	return NULL;
}

const char *store_setting_choice_label(const char *key, const char *value)
{
	size_t n;
	const struct store_setting_choice *c = store_setting_choices(key, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].value, value) == 0)
			return c[i].label;
	return NULL;
}

const char *store_setting_type_name(enum store_setting_type t)
{
	static const char *const names[] = {"int",    "bool",    "string",  "secret",
					    "enum",   "url",     "ipaddr",  "decimal",
					    "origins", "numlist"};
	return (unsigned)t < YK_ARRAY_LEN(names) ? names[t] : "string";
}

static const char *setting_env(const char *key)
{
	char name[128] = "YAKUBA_";
	size_t n = strlen(name);
	for (const char *p = key; *p && n + 1 < sizeof(name); p++)
		name[n++] = (char)toupper((unsigned char)*p);
	name[n] = '\0';
	return getenv(name);
}

int store_setting_from_env(const char *key)
{
	return setting_env(key) != NULL;
}

/* A plain decimal: optional '-', digits, optional '.' and digits. strtod
 * alone would also take "inf", "0x1p3" and leading blanks. */
static int decimal_parse(const char *s, size_t len, double *out)
{
	char buf[64];
	size_t i = 0, digits = 0;
	if (len == 0 || len >= sizeof(buf))
		return -1;
	if (s[i] == '-')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (i != len || digits == 0)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*out = strtod(buf, NULL);
	return 0;
}

/* http:// or https:// then a host of letters, digits, '.', '-', '[', ']',
 * ':' (IPv6); then, when allow_path, anything without blanks. */
static int url_valid(const char *s, size_t len, int allow_path)
{
	size_t skip;
	if (len >= 7 && strncmp(s, "http://", 7) == 0)
		skip = 7;
	else if (len >= 8 && strncmp(s, "https://", 8) == 0)
		skip = 8;
	else
		return 0;
	size_t host = 0, i = skip;
	for (; i < len && s[i] != '/' && s[i] != '?' && s[i] != '#'; i++, host++) {
		unsigned char ch = (unsigned char)s[i];
		if (!isalnum(ch) && !strchr(".-[]:_", ch))
			return 0;
	}
	if (host == 0 || s[skip] == ':' || s[skip] == '.')
		return 0;
	if (i < len && !allow_path)
		return 0;
	for (; i < len; i++)
		if ((unsigned char)s[i] <= 0x20)
			return 0;
	return 1;
}

static int ipaddr_valid(const char *s)
{
	unsigned char buf[16];
	return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

static int setting_validate_typed(const struct store_setting_def *d, const char *value,
				  size_t len, struct yk_errinfo *ei)
{
	int64_t v;
	double x;
	switch (d->type) {
	case STORE_SETTING_INT:
		if (yk_parse_i64(value, len, d->min, d->max, &v) != 0)
			return yk_errinfo_set(ei, YK_EINVAL,
					      "「%s」は %lld から %lld までの整数にしてください",
					      d->label, (long long)d->min, (long long)d->max);
		break;
	case STORE_SETTING_BOOL:
		if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0)
			return yk_errinfo_set(ei, YK_EINVAL, "「%s」は 0（無効）か 1（有効）にしてください",
					      d->label);
		break;
	case STORE_SETTING_STRING:
	case STORE_SETTING_SECRET:
		break;
	case STORE_SETTING_ENUM: {
		if (store_setting_choice_label(d->key, value))
			break;
		size_t n, used = 0;
		const struct store_setting_choice *c = store_setting_choices(d->key, &n);
		char list[256] = "";
		for (size_t i = 0; i < n && used < sizeof(list); i++) {
			int w = snprintf(list + used, sizeof(list) - used, "%s%s（%s）",
					 i ? "、" : "", c[i].label, c[i].value);
			if (w < 0)
				break;
			used += (size_t)w;
		}
		return yk_errinfo_set(ei, YK_EINVAL, "「%s」は %s のどれかにしてください", d->label,
				      list);
	}
	case STORE_SETTING_URL:
		if (len > 0 && !url_valid(value, len, 1))
			return yk_errinfo_set(ei, YK_EINVAL,
					      "「%s」は http:// か https:// で始まる URL にしてください（空欄なら使いません）",
					      d->label);
		break;
	case STORE_SETTING_IPADDR:
		if (len > 0 && !ipaddr_valid(value))
			return yk_errinfo_set(ei, YK_EINVAL,
					      "「%s」は 1 つの IP アドレス（例: 127.0.0.1）にしてください",
					      d->label);
		break;
	case STORE_SETTING_DECIMAL:
		if (len > 0 && (decimal_parse(value, len, &x) != 0 || x < (double)d->min ||
				x > (double)d->max))
			return yk_errinfo_set(ei, YK_EINVAL,
					      "「%s」は %lld から %lld までの数値にしてください（空欄ならサーバーの既定値）",
					      d->label, (long long)d->min, (long long)d->max);
		break;
	case STORE_SETTING_ORIGINS:
		for (size_t i = 0; i < len;) {
			while (i < len && value[i] == ' ')
				i++;
			size_t j = i;
			while (j < len && value[j] != ' ')
				j++;
			if (j > i && !url_valid(value + i, j - i, 0))
				return yk_errinfo_set(ei, YK_EINVAL,
						      "「%s」の「%.*s」はオリジン（https://www.city.example.jp のように、パスを付けない形）ではありません",
						      d->label, (int)(j - i > 100 ? 100 : j - i),
						      value + i);
			i = j;
		}
		break;
	case STORE_SETTING_NUMLIST: {
		int64_t count = 0;
		for (size_t i = 0; i <= len; count++) {
			size_t j = i;
			while (j < len && value[j] != ',')
				j++;
			size_t a = i, b = j;
			while (a < b && value[a] == ' ')
				a++;
			while (b > a && value[b - 1] == ' ')
				b--;
			if (decimal_parse(value + a, b - a, &x) != 0 || count >= d->min) {
				count = -1;
				break;
			}
			i = j + 1;
		}
		if (count != d->min)
			return yk_errinfo_set(ei, YK_EINVAL,
					      "「%s」は %lld 個の数値をカンマ区切りで指定してください",
					      d->label, (long long)d->min);
		break;
	}
	}
	return 0;
}

int store_setting_validate(const struct store_setting_def *d, const char *value,
			   struct yk_errinfo *ei)
{
	size_t len = strlen(value);
	yk_errinfo_at(ei, NULL, 0, d->key);
	if (len >= STORE_SETTING_MAX_VALUE)
		return yk_errinfo_set(ei, YK_EINVAL, "「%s」が長すぎます（%d バイトまで）", d->label,
				      STORE_SETTING_MAX_VALUE - 1);
	if (!yk_utf8_valid(value, len, NULL))
		return yk_errinfo_set(ei, YK_EINVAL, "「%s」の文字コードが UTF-8 ではありません",
				      d->label);
	for (const char *p = value; *p; p++)
		if ((unsigned char)*p < 0x20)
			return yk_errinfo_set(ei, YK_EINVAL, "「%s」に改行や制御文字は使えません",
					      d->label);
	return setting_validate_typed(d, value, len, ei);
}

static int setting_validate(const struct store_setting_def *d, const char *value,
			    struct yk_errinfo *ei)
{
	return store_setting_validate(d, value, ei);
}

static void settings_cache_free(struct store *db)
{
	for (size_t i = 0; db->settings && i < YK_ARRAY_LEN(setting_defs); i++)
		free(db->settings[i].value);
	free(db->settings);
	db->settings = NULL;
}

/* The stored value of d (or its default when none is stored) into out,
 * from this connection's cache while it is fresh: a question reads four
 * settings (the session's idle time, SSO, the guard's policy and
 * allow-list), which were four SQLite read transactions. 0, or -1 when
 * the database could not be read (nothing cached then). */
static int setting_stored(struct store *db, const struct store_setting_def *d, char *out,
			  size_t outsz)
{
	size_t idx = (size_t)(d - setting_defs);
	uint64_t gen = atomic_load(&settings_gen);
	int64_t now = yk_mono_us();
	/* Any write on this connection (raw SQL on settings included) drops
	 * its cache. */
	sqlite3_int64 changes = sqlite3_total_changes64(db->db);
	if (!db->settings)
		db->settings = yk_xcalloc(YK_ARRAY_LEN(setting_defs), sizeof(*db->settings));
	struct setting_cached *c = &db->settings[idx];
	if (c->value && c->gen == gen && c->changes == changes && c->seen == db->settings_seen &&
	    now - c->read_us < (int64_t)STORE_SETTING_CACHE_MS * 1000) {
		yk_strlcpy(out, c->value, outsz);
		return 0;
	}
	char v[STORE_SETTING_MAX_VALUE];
	yk_strlcpy(v, d->default_value, sizeof(v));
	sqlite3_stmt *st = NULL;
	if (store_stmt(db, "SELECT value FROM settings WHERE key = ?", &st, NULL) != 0)
		return -1;
	sqlite3_bind_text(st, 1, d->key, -1, SQLITE_STATIC);
	int row = store_row(db, st, NULL);
	if (row == 1) {
		const char *sv = store_col_str(st, 0);
		if (setting_validate(d, sv, NULL) == 0)
			yk_strlcpy(v, sv, sizeof(v));
		store_reset(st);
	}
	if (row < 0)
		return -1;
	free(c->value);
	c->value = yk_xstrdup(v);
	c->gen = gen;
	c->read_us = now;
	c->changes = changes;
	c->seen = db->settings_seen;
	yk_strlcpy(out, v, outsz);
	return 0;
}

void store_settings_seen(struct store *db, int64_t gen)
{
	if (db && gen != 0)
		db->settings_seen = gen;
}

int store_setting_get(struct store *db, const char *key, char *out, size_t outsz)
{
	const struct store_setting_def *d = store_setting_find(key);
	if (!d)
		return YK_ENOTFOUND;
	const char *env = setting_env(key);
	if (env && setting_validate(d, env, NULL) == 0) {
		yk_strlcpy(out, env, outsz);
		return 0;
	}
	if (!db || setting_stored(db, d, out, outsz) != 0)
		yk_strlcpy(out, d->default_value, outsz);
	return 0;
}

int64_t store_setting_int(struct store *db, const char *key)
{
	char buf[STORE_SETTING_MAX_VALUE];
	int64_t v = 0;
	if (store_setting_get(db, key, buf, sizeof(buf)) != 0)
		return 0;
	if (yk_parse_i64(buf, strlen(buf), INT64_MIN, INT64_MAX, &v) != 0)
		return 0;
	return v;
}

int store_setting_set(struct store *db, const char *key, const char *value, int64_t by_user,
		      struct yk_errinfo *ei)
{
	const struct store_setting_def *d = store_setting_find(key);
	if (!d)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "%s: unknown setting", key);
	int rc = setting_validate(d, value, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_stmt(db,
			     "INSERT INTO settings(key, value, updated_at, updated_by)"
			     " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET"
			     " value = ?2, updated_at = ?3, updated_by = ?4",
			     &st, ei)))
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, yk_now_unix());
	store_bind_opt_id(st, 4, by_user);
	rc = store_step_done(db, st, ei);
	/* Every connection reads the settings again: now (this connection
	 * sees its own write; in autocommit everyone does), and once more when
	 * the transaction ends, so that no connection keeps a value it read
	 * before the commit. */
	db->settings_dirty = 1;
	settings_changed(db);
	db->settings_dirty = !sqlite3_get_autocommit(db->db);
	return rc;
}
