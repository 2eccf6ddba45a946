/* store: SQLite connections, migrations, transactions, settings, backup.
 *
 * Sits just above core. Feature modules that own tables (auth, kb, ...) run
 * their SQL through the sqlite3 handle of a struct store, always with
 * prepared statements, and map SQLite result codes with store_err().
 *
 * Threading: a struct store is one connection and belongs to one thread at
 * a time. The server keeps one connection per worker thread through a
 * struct store_pool (connections are opened lazily per thread and closed when
 * the thread exits or the pool is freed).
 *
 * Every connection runs in WAL mode with foreign_keys=ON, synchronous=FULL
 * (a write we acknowledged survives kill -9 and power loss) and a busy
 * timeout, so concurrent writers wait instead of failing.
 */
#ifndef YK_STORE_H
#define YK_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/core.h"

#define STORE_BUSY_TIMEOUT_MS 10000
/* Each connection's page cache, KiB (SQLite's default, stated so that the
 * server's memory has a written bound: one connection per HTTP worker, the
 * question-log writer and housekeeping). Must stay a plain number: it is
 * pasted into the PRAGMA. */
#define STORE_PAGE_CACHE_KIB 2048

struct store;

enum store_open_flags {
	STORE_OPEN_CREATE = 1,   /* create the file if it does not exist */
	STORE_OPEN_MIGRATE = 2,  /* apply pending migrations */
};

/* A migration whose text starts with this line runs with foreign keys off
 * (set around its transaction) and commits only when PRAGMA
 * foreign_key_check finds nothing: for a table rebuild (create new, copy,
 * drop old, rename) of a table that others reference, whose DROP would
 * otherwise fire their ON DELETE actions. */
#define STORE_MIGRATION_FK_OFF "-- store: foreign_keys=OFF\n"

/* Opens path. Without STORE_OPEN_CREATE a missing file is YK_ENOTFOUND.
 * A database whose schema is newer than this binary is refused with
 * YK_EVERSION. On error *out is NULL and ei says why. */
int store_open(const char *path, int flags, struct store **out, struct yk_errinfo *ei) YK_WUR;
void store_close(struct store *db); /* NULL is a no-op */

/* The raw handle, borrowed for the connection's lifetime. */
sqlite3 *store_handle(struct store *db);
const char *store_path(const struct store *db);

/* A module's data kept with one connection (as sqlite3_set_clientdata in
 * newer SQLite): name is a string constant of the owning module, e.g.
 * "auth:sessions"; free_fn (may be NULL) is called on the data when it is
 * replaced or the connection closes. A connection is used by one thread at
 * a time, and so is its data. At most STORE_CLIENTDATA_MAX names per
 * connection; a new name beyond that is YK_ELIMIT (free_fn is then called
 * on data). store_clientdata returns NULL for a name never set. */
#define STORE_CLIENTDATA_MAX 4
void *store_clientdata(struct store *db, const char *name);
int store_set_clientdata(struct store *db, const char *name, void *data,
			 void (*free_fn)(void *)) YK_WUR;

/* Maps a SQLite result code to yk_err, copying sqlite3_errmsg into ei:
 * CONSTRAINT -> YK_ECONFLICT, BUSY/LOCKED -> YK_EBUSY, NOMEM -> YK_ENOMEM,
 * anything else -> YK_EDB. */
int store_err(struct store *db, int sqlite_rc, struct yk_errinfo *ei);

/* Prepares sql on db as a statement the caller owns (sqlite3_finalize it);
 * errors are mapped by store_err. Modules use store_stmt() instead; this
 * is for the one-off statements of store itself (migrations). */
int store_prepare(struct store *db, const char *sql, sqlite3_stmt **stmt,
		  struct yk_errinfo *ei) YK_WUR;

/* ---- statement toolkit (what every table-owning module uses) ----------- */

/* The connection's cached statement for sql, prepared on first use and
 * kept until store_close. It comes back reset with its bindings cleared;
 * the connection owns it: never finalize it. Bind with sqlite3_bind_* or
 * the helpers below, then run it with store_step_done, store_each or
 * store_row (each leaves it reset, so that no read transaction stays
 * open). sql must be one of the program's static statements (the cache
 * is keyed by its text and grows with their number, not with input).
 * Using the same statement again while it is still being stepped (from
 * inside a store_each callback, say) resets it under the outer user:
 * don't. */
int store_stmt(struct store *db, const char *sql, sqlite3_stmt **out,
	       struct yk_errinfo *ei) YK_WUR;

/* Steps a statement that returns no rows (or whose rows are not wanted)
 * once, then resets it. 0 or the mapped error. */
int store_step_done(struct store *db, sqlite3_stmt *st, struct yk_errinfo *ei) YK_WUR;

/* Steps through every row, calling fn(ctx, st) with the statement on the
 * row (read it with sqlite3_column_* / store_col_*). fn returning non-zero
 * stops; that value is returned. The statement is reset in every case.
 * Returns 0 after the last row, or the mapped error. */
int store_each(struct store *db, sqlite3_stmt *st, int (*fn)(void *ctx, sqlite3_stmt *row),
	       void *ctx, struct yk_errinfo *ei) YK_WUR;

/* A single-row read: steps once; with a row, returns read(ctx, st) (0 for
 * success); without one, YK_ENOTFOUND; or the mapped error. The statement
 * is reset in every case. */
int store_one(struct store *db, sqlite3_stmt *st, int (*read)(void *ctx, sqlite3_stmt *row),
	      void *ctx, struct yk_errinfo *ei) YK_WUR;

/* A single integer (count(*), max(...)): column 0 of the first row into
 * *out (0 for SQL NULL); YK_ENOTFOUND without a row; reset in every case. */
int store_one_int(struct store *db, sqlite3_stmt *st, int64_t *out,
		  struct yk_errinfo *ei) YK_WUR;

/* Steps once for a single-row read: 1 with the statement on the row (read
 * it, then call store_reset), 0 when there is no row, or the mapped error
 * (negative); in the last two cases the statement is already reset. */
int store_row(struct store *db, sqlite3_stmt *st, struct yk_errinfo *ei) YK_WUR;
/* Resets a statement after store_row (ends its read). */
void store_reset(sqlite3_stmt *st);

/* For tests: how many of db's cached statements are still being stepped
 * (a non-zero value after an operation means a missing reset). */
size_t store_stmt_busy_count(struct store *db);

/* Bind helpers. Text is copied (SQLITE_TRANSIENT). */
void store_bind_text(sqlite3_stmt *st, int idx, const char *s);     /* NULL -> NULL */
void store_bind_opt_text(sqlite3_stmt *st, int idx, const char *s); /* NULL or "" -> NULL */
void store_bind_opt_id(sqlite3_stmt *st, int idx, int64_t id);      /* <= 0 -> NULL */
void store_bind_opt_count(sqlite3_stmt *st, int idx, int64_t n);    /* < 0 -> NULL */

/* Column helpers: a text column as a string that is never NULL ("" for
 * NULL; valid until the statement moves on), or copied into out
 * (NUL-terminated; a longer value is cut at a UTF-8 character boundary
 * within outsz - 1 bytes). */
const char *store_col_str(sqlite3_stmt *st, int col);
void store_col_text(sqlite3_stmt *st, int col, char *out, size_t outsz);
/* Runs SQL without results (DDL, simple updates). */
int store_exec(struct store *db, const char *sql, struct yk_errinfo *ei) YK_WUR;

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Rollback never fails visibly.
 * store_begin also takes the process's writer mutex (one writing
 * transaction at a time in this process, handed over without SQLite's
 * sleeping busy handler); a successful commit or any rollback releases it.
 * So every store_begin must end in store_commit or store_rollback (after a
 * failed commit: rollback), and no thread may wait for another thread's
 * writing transaction while holding one. Not nestable. */
int store_begin(struct store *db, struct yk_errinfo *ei) YK_WUR;
/* store_begin for best-effort writes on a request's path (a session's idle
 * time): YK_EBUSY at once, without waiting, when another writing
 * transaction of this process holds the writer mutex (the question-log
 * writer's group commit, whose fsync or checkpoint may take milliseconds),
 * or when db's thread itself is inside one. */
int store_try_begin(struct store *db, struct yk_errinfo *ei) YK_WUR;
int store_commit(struct store *db, struct yk_errinfo *ei) YK_WUR;
void store_rollback(struct store *db);

/* One read transaction (deferred BEGIN ... COMMIT) around several reads
 * that belong together, so that they see one state of the database and
 * pay for one snapshot instead of one per statement (in WAL mode each
 * autocommit statement takes and drops a read lock and checks the WAL
 * index). Nestable, and a no-op inside any transaction already open
 * (store_begin's included). Only reads may run in between: the caller
 * writes after store_read_end. store_read_end never fails visibly. */
int store_read_begin(struct store *db, struct yk_errinfo *ei) YK_WUR;
void store_read_end(struct store *db);

/* Highest migration applied to db, and the highest this binary knows. */
int store_schema_version(struct store *db, int64_t *version) YK_WUR;
int64_t store_schema_latest(void);

/* Consistent online copy of the whole database to dest (overwritten),
 * using the SQLite backup API in steps so that writers are not blocked for
 * long. Safe while a server writes to the same file. */
int store_backup(struct store *db, const char *dest, struct yk_errinfo *ei) YK_WUR;

/* ---- connection pool (one connection per thread) ----------------------- */

struct store_pool;
/* Checks that path opens (and migrates it) before returning. */
int store_pool_new(const char *path, struct store_pool **out, struct yk_errinfo *ei) YK_WUR;
/* The calling thread's connection, opened on first use; NULL when it cannot
 * be opened (logged). Borrowed until the thread exits or the pool is freed. */
struct store *store_pool_get(struct store_pool *pool);
/* Closes every connection; call after all worker threads have stopped. */
void store_pool_free(struct store_pool *pool);

/* ---- settings ---------------------------------------------------------- */

/* SECRET is a string that is never shown back (API keys): the API reports
 * only whether it is set, and the audit log only that it changed. */
enum store_setting_type {
	STORE_SETTING_INT,
	STORE_SETTING_BOOL,
	STORE_SETTING_STRING,
	STORE_SETTING_SECRET,
	STORE_SETTING_ENUM,    /* one of its store_setting_choice values */
	STORE_SETTING_URL,     /* "" or http(s)://host... without spaces */
	STORE_SETTING_IPADDR,  /* "" or one IPv4 / IPv6 address */
	STORE_SETTING_DECIMAL, /* "" or a decimal number in [min, max] */
	STORE_SETTING_ORIGINS, /* space-separated http(s)://host[:port] */
	STORE_SETTING_NUMLIST, /* exactly min comma-separated decimal numbers */
};

/* One allowed value of an ENUM setting, with its Japanese label. */
struct store_setting_choice {
	const char *key;
	const char *value;
	const char *label;
};

struct store_setting_def {
	const char *key;
	enum store_setting_type type;
	const char *default_value;
	int64_t min, max;         /* INT only */
	const char *label;        /* Japanese, for the admin UI */
	const char *help;
};

#define STORE_SETTING_MAX_VALUE 1024
#define STORE_SETTING_CACHE_MS 1000 /* another process's setting change seen within */

/* The table from settings.def; *n gets its length. Static. */
const struct store_setting_def *store_setting_defs(size_t *n);
const struct store_setting_def *store_setting_find(const char *key);
/* The allowed values of an ENUM setting in display order (static); *n gets
 * their count, 0 (and NULL) for any other key. */
const struct store_setting_choice *store_setting_choices(const char *key, size_t *n);
/* The Japanese label of value for an ENUM setting, NULL when none. */
const char *store_setting_choice_label(const char *key, const char *value);
/* "int", "bool", "string", "secret", "enum", "url", "ipaddr", "decimal",
 * "origins" or "numlist" (the API and the admin page use these names). */
const char *store_setting_type_name(enum store_setting_type t);
/* Checks value against the definition without storing it: 0, or YK_EINVAL
 * with a Japanese message naming the setting's label in ei (field = key). */
int store_setting_validate(const struct store_setting_def *d, const char *value,
			   struct yk_errinfo *ei) YK_WUR;

/* Effective value of key (environment YAKUBA_<KEY> > stored > default),
 * NUL-terminated into out. YK_ENOTFOUND for an unknown key. The stored
 * value is cached per connection: a write through store_setting_set in
 * this process is seen at once by every connection (the cache is dropped
 * at the write and again when its transaction ends), any write on the
 * same connection drops that connection's cache, and a write by another
 * process (or raw SQL on another connection) is seen within
 * STORE_SETTING_CACHE_MS, or at once after store_settings_seen. */
int store_setting_get(struct store *db, const char *key, char *out, size_t outsz) YK_WUR;

/* The settings generation (settings_state.gen, migration 0031), as a
 * column expression: triggers bump it on every change of the settings
 * table by any connection or process. A module that runs one statement per
 * request anyway adds it as a column (one subquery, about 2 K instructions,
 * instead of a statement of its own) and hands the value to
 * store_settings_seen. */
#define STORE_SETTINGS_GEN_SQL "(SELECT gen FROM settings_state WHERE id = 1)"
/* Tells db the settings generation a statement of this connection just
 * read (STORE_SETTINGS_GEN_SQL). From then on a value db cached under
 * another generation is read again: so a change made by another process
 * before that statement is seen at once by every store_setting_get after
 * it, instead of within STORE_SETTING_CACHE_MS. 0 is ignored. */
void store_settings_seen(struct store *db, int64_t gen);
/* Effective value as an integer (INT and BOOL settings); the default when
 * the stored value cannot be read. */
int64_t store_setting_int(struct store *db, const char *key);
/* 1 when the effective value comes from the environment (read-only in UI). */
int store_setting_from_env(const char *key);
/* Validates value against the definition (type, range, length, UTF-8) and
 * stores it. YK_ENOTFOUND for an unknown key, YK_EINVAL with detail in ei. */
int store_setting_set(struct store *db, const char *key, const char *value,
		      int64_t by_user, struct yk_errinfo *ei) YK_WUR;

#endif
