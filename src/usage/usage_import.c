/* usage: import of usage logs exported from other tools, so that 活用状況
 * covers tools that are not yakuba. The file is read by the shared ingest
 * unit (UTF-8 or CP932, BOM, quoting, Japanese or English column names);
 * each row is checked here (time, feature), then every employee number
 * against the roster; any problem refuses the whole file. Rows are stored
 * in their own table, usage_imported (migration 0027: time, staff, feature
 * and n as integers, one B-tree keyed by them), so that importing the same
 * rows again finds them and adds nothing; rows the retention purged are
 * found by their import key. The rows are folded into the roll-ups in the
 * same transaction. See usage.h. */
#include <string.h>

#include "auth/auth.h"
#include "usage/usage_int.h"
#include "core/banned.h"

static const struct ingest_column columns[] = {
	{"employee_no", "職員番号", INGEST_REQUIRED | INGEST_NONEMPTY, {"社員番号", "職員コード", NULL}},
	{"at", "日時", INGEST_REQUIRED | INGEST_NONEMPTY, {"利用日時", "time", "timestamp", NULL}},
	{"feature", "機能", INGEST_REQUIRED | INGEST_NONEMPTY, {"ツール", "tool", NULL}},
};
enum { COL_EMP, COL_AT, COL_FEATURE };

/* ---- strings kept once (employee numbers, features) ----------------------- */

struct interned {
	struct yk_buf text; /* NUL-separated */
	size_t *off;
	size_t n, cap;
	size_t *slot;       /* open addressing: index + 1, 0 = empty */
	size_t nslot;
};

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static const char *interned_str(const struct interned *t, size_t i)
{
	return t->text.data + t->off[i];
}

/* Index of s, or (size_t)-1 when absent. */
static size_t interned_find(const struct interned *t, const char *s, size_t len)
{
	if (!t->nslot)
		return (size_t)-1;
	size_t j = hash_bytes(s, len) & (t->nslot - 1);
	while (t->slot[j]) {
		const char *x = interned_str(t, t->slot[j] - 1);
		if (strlen(x) == len && memcmp(x, s, len) == 0)
			return t->slot[j] - 1;
		j = (j + 1) & (t->nslot - 1);
	}
	return (size_t)-1;
}

static size_t intern(struct interned *t, const char *s, size_t len)
{
	size_t found = interned_find(t, s, len);
	if (found != (size_t)-1)
		return found;
	if ((t->n + 1) * 2 > t->nslot) {
		size_t ns = t->nslot ? t->nslot * 2 : 1024;
		size_t *slot = yk_xcalloc(ns, sizeof(*slot));
		for (size_t i = 0; i < t->n; i++) {
			const char *x = interned_str(t, i);
			size_t j = hash_bytes(x, strlen(x)) & (ns - 1);
			while (slot[j])
				j = (j + 1) & (ns - 1);
			slot[j] = i + 1;
		}
		free(t->slot);
		t->slot = slot;
		t->nslot = ns;
	}
	size_t j = hash_bytes(s, len) & (t->nslot - 1);
	while (t->slot[j])
		j = (j + 1) & (t->nslot - 1);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->off = yk_xrealloc(t->off, t->cap * sizeof(*t->off));
	}
	t->off[t->n] = t->text.len;
	/* The buffer has no limit; its size is bounded by the file's. */
	if (yk_buf_add(&t->text, s, len) || yk_buf_addc(&t->text, '\0'))
		abort();
	t->slot[j] = t->n + 1;
	return t->n++;
}

static void interned_release(struct interned *t)
{
	yk_buf_release(&t->text);
	free(t->off);
	free(t->slot);
}

/* ---- reading --------------------------------------------------------------- */

struct row {
	int64_t at;
	int64_t staff_id;   /* staff.id, set once the roster is checked */
	int64_t feature_id; /* usage_features.id, set inside the transaction */
	uint32_t emp, feature; /* interned employee number and feature name */
	long line;
	uint32_t dup; /* identical rows before this one in the file (n) */
	uint8_t known; /* imported before: not stored again */
};

struct parse {
	struct interned emps, features;
	struct row *rows;
	size_t n, cap;
	int collect;  /* keep rows (usage_import), or only check */
	size_t seen;  /* data rows read */
	char emp_name[INGEST_COLUMN_NAME_MAX]; /* the column as the file names it */
};

static int check_row(void *ctx, const struct ingest_row *row, struct ingest_problems *p)
{
	struct parse *ps = ctx;
	ps->seen++;
	if (!ps->emp_name[0])
		yk_strlcpy(ps->emp_name, row->name[COL_EMP], sizeof(ps->emp_name));
	if (!row->ok)
		return 0;
	int64_t at = 0;
	char why[256];
	int bad = 0;
	if (row->len[COL_EMP] > AUTH_EMPLOYEE_NO_MAX) {
		ingest_row_problem(row, p, COL_EMP, "が長すぎます（%d バイトまで）", AUTH_EMPLOYEE_NO_MAX);
		bad = 1;
	}
	if (usage_parse_time(row->value[COL_AT], row->len[COL_AT], &at, why, sizeof(why))) {
		ingest_row_problem(row, p, COL_AT, ": %s", why);
		bad = 1;
	}
	if (row->len[COL_FEATURE] > USAGE_FEATURE_MAX) {
		ingest_row_problem(row, p, COL_FEATURE, "が長すぎます（%d バイトまで）",
				   USAGE_FEATURE_MAX);
		bad = 1;
	}
	if (bad)
		return 0;
	size_t f = intern(&ps->features, row->value[COL_FEATURE], row->len[COL_FEATURE]);
	if (f >= USAGE_FEATURES_MAX) {
		ingest_row_problem(row, p, COL_FEATURE, ": 機能の種類が多すぎます（%d 種類まで）",
				   USAGE_FEATURES_MAX);
		return 0;
	}
	size_t e = intern(&ps->emps, row->value[COL_EMP], row->len[COL_EMP]);
	if (!ps->collect)
		return 0;
	/* Rows are kept even after a problem: the roster check still names
	 * every unknown employee number with its line. */
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 4096;
		ps->rows = yk_xrealloc(ps->rows, ps->cap * sizeof(*ps->rows));
	}
	ps->rows[ps->n++] = (struct row){at, 0, 0, (uint32_t)e, (uint32_t)f, row->line, 0, 0};
	return 0;
}

static void parse_release(struct parse *ps)
{
	interned_release(&ps->emps);
	interned_release(&ps->features);
	free(ps->rows);
}

static int parse_file(const char *bytes, size_t len, struct parse *ps, struct ingest_problems *p)
{
	const struct ingest_spec spec = {
		columns, YK_ARRAY_LEN(columns), ',', INGEST_UNKNOWN_REPORT,
		{USAGE_IMPORT_MAX_BYTES, USAGE_IMPORT_MAX_ROWS, 0, 0}};
	yk_buf_init(&ps->emps.text, 0);
	yk_buf_init(&ps->features.text, 0);
	return ingest_table(&spec, bytes, len, check_row, ps, p);
}

int usage_import_check(const char *bytes, size_t len, struct ingest_problems *p)
{
	struct parse ps;
	memset(&ps, 0, sizeof(ps));
	int rc = parse_file(bytes, len, &ps, p);
	parse_release(&ps);
	return rc;
}

/* ---- the roster ------------------------------------------------------------ */

struct roster_map {
	const struct interned *emps;
	int64_t *staff_id; /* per interned employee number; 0 = not on the roster */
};

static int match_staff(void *ctx, const struct auth_staff *s)
{
	struct roster_map *m = ctx;
	size_t i = interned_find(m->emps, s->employee_no, strlen(s->employee_no));
	if (i != (size_t)-1)
		m->staff_id[i] = s->id;
	return 0;
}

/* Every row whose employee number is not on the roster is a problem. Staff
 * who have left (retired rows, staff.left_at) are on it: a log of the past
 * names them, and their uses of that time count. */
static int check_roster(struct store *db, const struct parse *ps, int64_t *staff_id,
			struct ingest_problems *p)
{
	struct roster_map m = {&ps->emps, staff_id};
	int64_t total;
	int rc = auth_staff_query(db, NULL, AUTH_STAFF_INCLUDE_LEFT, 0, INT32_MAX, match_staff, &m,
				  &total);
	if (rc)
		return rc;
	for (size_t i = 0; i < ps->n; i++)
		if (!staff_id[ps->rows[i].emp])
			ingest_problem_col(p, YK_EPARSE, ps->rows[i].line,
					   ps->emp_name[0] ? ps->emp_name : columns[COL_EMP].label,
					   ": 職員番号「%s」は職員名簿にありません",
					   interned_str(&ps->emps, ps->rows[i].emp));
	return p->count ? YK_EPARSE : 0;
}

/* ---- storing --------------------------------------------------------------- */

/* Rows are stored in the order of usage_imported's key (time, staff member,
 * feature, n): a log in time order then appends to the B-tree, and
 * identical rows sit side by side to be numbered. Identical rows keep their
 * order in the file (the line), so that n is "the n-th such row". */
static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->staff_id != y->staff_id)
		return x->staff_id < y->staff_id ? -1 : 1;
	if (x->feature_id != y->feature_id)
		return x->feature_id < y->feature_id ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Gives each row its staff and feature ids, sorts and numbers identical
 * rows. Inside the transaction (new feature names are created). */
static int prepare_rows(struct store *db, struct parse *ps, const int64_t *staff_id,
			struct yk_errinfo *ei)
{
	int64_t fid[USAGE_FEATURES_MAX];
	for (size_t i = 0; i < ps->features.n; i++) {
		const char *name = interned_str(&ps->features, i);
		int rc = usage__feature_id(db, name, strlen(name), &fid[i]);
		if (rc)
			return yk_errinfo_set(ei, rc, "usage: feature ids");
	}
	for (size_t i = 0; i < ps->n; i++) {
		struct row *r = &ps->rows[i];
		r->staff_id = staff_id[r->emp];
		r->feature_id = fid[r->feature];
	}
	qsort(ps->rows, ps->n, sizeof(*ps->rows), cmp_rows);
	for (size_t i = 1; i < ps->n; i++) {
		const struct row *a = &ps->rows[i - 1];
		struct row *b = &ps->rows[i];
		if (a->at == b->at && a->staff_id == b->staff_id && a->feature_id == b->feature_id)
			b->dup = a->dup + 1;
	}
	return 0;
}

void usage__import_key(const char *employee_no, size_t elen, int64_t at, const char *feature,
		       size_t flen, uint32_t n, unsigned char key[USAGE_IMPORT_KEY_LEN])
{
	char text[256];
	int len = snprintf(text, sizeof(text), "%.*s\x1f%lld\x1f%.*s\x1f%u", (int)elen, employee_no,
			   (long long)at, (int)flen, feature, n);
	if (len < 0)
		len = 0;
	else if ((size_t)len >= sizeof(text))
		len = (int)sizeof(text) - 1;
	unsigned char h[32];
	yk_sha256(text, (size_t)len, h);
	uint32_t day = (uint32_t)usage_day_of(at);
	key[0] = (unsigned char)(day >> 24);
	key[1] = (unsigned char)(day >> 16);
	key[2] = (unsigned char)(day >> 8);
	key[3] = (unsigned char)day;
	memcpy(key + 4, h, USAGE_IMPORT_KEY_LEN - 4);
}

/* Rows removed by the retention purge leave their import key behind
 * (usage_purged_import_keys); a key starts with its JST day, so the
 * greatest key says up to which day a row may have been purged. Only rows
 * up to that day are hashed and looked up: *last_day is INT32_MIN when
 * nothing was ever purged. */
static int purged_last_day(struct store *db, int32_t *last_day, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	*last_day = INT32_MIN;
	int rc = store_stmt(db, "SELECT max(import_key) FROM usage_purged_import_keys", &st, ei);
	if (rc)
		return rc;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW && sqlite3_column_bytes(st, 0) >= 4) {
		const unsigned char *k = sqlite3_column_blob(st, 0);
		*last_day = (int32_t)((uint32_t)k[0] << 24 | (uint32_t)k[1] << 16 |
				      (uint32_t)k[2] << 8 | (uint32_t)k[3]);
	}
	store_reset(st);
	return s == SQLITE_ROW ? 0 : store_err(db, s, ei);
}

static int was_purged(struct store *db, const struct parse *ps, const struct row *r, int *purged,
		      struct yk_errinfo *ei)
{
	unsigned char key[USAGE_IMPORT_KEY_LEN];
	const char *emp = interned_str(&ps->emps, r->emp);
	const char *feat = interned_str(&ps->features, r->feature);
	usage__import_key(emp, strlen(emp), r->at, feat, strlen(feat), r->dup, key);
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db, "SELECT 1 FROM usage_purged_import_keys WHERE import_key = ?1", &st,
			    ei);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, key, sizeof(key), SQLITE_STATIC);
	int s = sqlite3_step(st);
	*purged = s == SQLITE_ROW;
	store_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

/* The greatest time stored in usage_imported (INT64_MIN when empty): a
 * row after it is new without a look-up, which is the common case of a
 * tool's log exported month after month. */
static int stored_last_at(struct store *db, int64_t *last_at, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	*last_at = INT64_MIN;
	int rc = store_stmt(db, "SELECT max(at) FROM usage_imported", &st, ei);
	if (rc)
		return rc;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*last_at = sqlite3_column_int64(st, 0);
	store_reset(st);
	return s == SQLITE_ROW ? 0 : store_err(db, s, ei);
}

static int is_stored(struct store *db, const struct row *r, int *stored, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_stmt(db,
			    "SELECT 1 FROM usage_imported"
			    " WHERE at = ?1 AND staff_id = ?2 AND feature_id = ?3 AND n = ?4",
			    &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->at);
	sqlite3_bind_int64(st, 2, r->staff_id);
	sqlite3_bind_int64(st, 3, r->feature_id);
	sqlite3_bind_int64(st, 4, r->dup);
	int s = sqlite3_step(st);
	*stored = s == SQLITE_ROW;
	store_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

/* Marks the rows imported before: still stored (their key is in
 * usage_imported) or stored and purged (their import key is kept). */
static int mark_known(struct store *db, struct parse *ps, struct usage_import_result *res,
		      struct yk_errinfo *ei)
{
	int32_t purged_day;
	int64_t last_at;
	int rc = purged_last_day(db, &purged_day, ei);
	if (rc || (rc = stored_last_at(db, &last_at, ei)))
		return rc;
	for (size_t i = 0; i < ps->n && !rc; i++) {
		struct row *r = &ps->rows[i];
		int known = 0;
		if (r->at <= last_at)
			rc = is_stored(db, r, &known, ei);
		if (!rc && !known && purged_day != INT32_MIN && usage_day_of(r->at) <= purged_day)
			rc = was_purged(db, ps, r, &known, ei);
		r->known = (uint8_t)known;
		res->duplicates += (size_t)known;
	}
	return rc;
}

/* Rows per INSERT statement (see usage_rollup.c: one step for many rows). */
#define INSERT_BATCH 32
#define ROW "(?,?,?,?)"
#define ROWS4 ROW "," ROW "," ROW "," ROW
#define ROWS16 ROWS4 "," ROWS4 "," ROWS4 "," ROWS4
#define INSERT_SQL "INSERT INTO usage_imported(at, staff_id, feature_id, n) VALUES "

static void bind_row(sqlite3_stmt *st, int base, const struct row *r)
{
	sqlite3_bind_int64(st, base + 1, r->at);
	sqlite3_bind_int64(st, base + 2, r->staff_id);
	sqlite3_bind_int64(st, base + 3, r->feature_id);
	sqlite3_bind_int64(st, base + 4, r->dup);
}

/* Inserts the rows not imported before, INSERT_BATCH per statement (in key
 * order: the rows are sorted), and folds them. */
static int insert_rows(struct store *db, struct parse *ps, struct usage_fold *fold,
		       struct usage_import_result *res, struct yk_errinfo *ei)
{
	sqlite3_stmt *one = NULL, *many = NULL;
	int rc = mark_known(db, ps, res, ei);
	if (rc || (rc = store_stmt(db, INSERT_SQL ROW, &one, ei)) ||
	    (rc = store_stmt(db, INSERT_SQL ROWS16 "," ROWS16, &many, ei)))
		return rc;
	int64_t ok = usage__fold_outcome(fold, "ok");
	const struct row *batch[INSERT_BATCH];
	int nb = 0;
	for (size_t i = 0; i < ps->n && !rc; i++) {
		const struct row *r = &ps->rows[i];
		if (r->known)
			continue;
		res->inserted++;
		usage__fold_add_id(fold, r->at, r->staff_id, r->feature_id, ok, 0);
		batch[nb++] = r;
		if (nb == INSERT_BATCH) {
			for (int k = 0; k < nb; k++)
				bind_row(many, 4 * k, batch[k]);
			rc = store_step_done(db, many, ei);
			nb = 0;
		}
	}
	for (int k = 0; k < nb && !rc; k++) {
		bind_row(one, 0, batch[k]);
		rc = store_step_done(db, one, ei);
	}
	store_reset(one);
	store_reset(many);
	return rc;
}

/* SQLite's page cache of the connection while an import writes: a file of
 * a million rows dirties some 100 MB of table and index pages, and the
 * default cache (2 MB) spills them to the WAL and reads them back many
 * times over (a third of the import's time in perf). The old size comes
 * back afterwards. */
#define IMPORT_CACHE_KIB 65536

/* Sets PRAGMA cache_size (pages, or KiB when negative); returns the old
 * value in the same form. */
static int64_t cache_size_set(struct store *db, int64_t value)
{
	sqlite3 *h = store_handle(db);
	sqlite3_stmt *st = NULL;
	int64_t old = -2000;
	if (sqlite3_prepare_v2(h, "PRAGMA cache_size", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		old = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", (long long)value);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		yk_log(YK_LOG_WARN, "usage: the page cache could not be resized for the import");
	return old;
}

static int store_rows(struct store *db, const struct audit_actor *actor, const char *filename,
		      struct parse *ps, const int64_t *staff_id, struct usage_import_result *res,
		      struct yk_errinfo *ei)
{
	struct usage_fold *fold = usage__fold_new();
	int64_t last = 0;
	int64_t old_cache = cache_size_set(db, -IMPORT_CACHE_KIB);
	int rc = store_begin(db, ei);
	if (rc)
		goto out;
	/* Events recorded meanwhile are folded in the same pass (one flush). */
	char detail[256];
	if ((rc = usage__fold_pending(db, fold, &last)) ||
	    (rc = prepare_rows(db, ps, staff_id, ei)) ||
	    (rc = insert_rows(db, ps, fold, res, ei)) ||
	    (rc = usage__fold_flush(db, fold, last)))
		goto fail;
	snprintf(detail, sizeof(detail), "{\"rows\":%zu,\"inserted\":%zu,\"duplicates\":%zu}",
		 res->rows, res->inserted, res->duplicates);
	if ((rc = audit_record(db, actor, "usage.import", filename, detail, ei)) ||
	    (rc = store_commit(db, ei)))
		goto fail;
	goto out;
fail:
	store_rollback(db);
out:
	cache_size_set(db, old_cache);
	usage__fold_free(fold);
	return rc;
}

static int cmp_problems(const void *a, const void *b)
{
	const struct ingest_problem *x = a, *y = b;
	return x->line < y->line ? -1 : x->line > y->line;
}

int usage_import(struct store *db, const struct audit_actor *actor, const char *bytes, size_t len,
		 const char *filename, struct usage_import_result *res, struct yk_errinfo *ei)
{
	memset(res, 0, sizeof(*res));
	struct parse ps;
	memset(&ps, 0, sizeof(ps));
	ps.collect = 1;
	int64_t *staff_id = NULL;
	int rc = parse_file(bytes, len, &ps, &res->problems);
	res->rows = ps.seen;
	if (rc && rc != YK_EPARSE)
		goto out;
	/* Even a file with other problems gets its employee numbers checked,
	 * so that one round of corrections is enough. */
	staff_id = yk_xcalloc(ps.emps.n + 1, sizeof(*staff_id));
	int rrc = check_roster(db, &ps, staff_id, &res->problems);
	if (rrc && rrc != YK_EPARSE) {
		rc = rrc;
		goto out;
	}
	if (rc || rrc || res->problems.count) {
		/* Parse problems first, roster ones after: show them by line. */
		qsort(res->problems.item, ingest_problems_kept(&res->problems),
		      sizeof(res->problems.item[0]), cmp_problems);
		rc = YK_EPARSE;
		goto out;
	}
	rc = store_rows(db, actor, filename, &ps, staff_id, res, ei);
out:
	if (rc && res->problems.count)
		ingest_problems_errinfo(&res->problems, filename, rc, ei);
	free(staff_id);
	parse_release(&ps);
	return rc;
}
