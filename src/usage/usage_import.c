/* usage: import of usage logs exported from other tools, so that 活用状況
 * covers tools that are not yakuba. The file is read by the shared ingest
 * unit (UTF-8 or CP932, BOM, quoting, Japanese or English column names);
 * each row is checked here (time, feature), then every employee number
 * against the roster; any problem refuses the whole file. Each row gets an
 * import key so that importing the same rows again adds nothing. The rows
 * are folded into the roll-ups in the same transaction. See usage.h. */
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
	uint32_t emp, feature;
	long line;
	uint32_t dup; /* identical rows before this one in the file */
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
	ps->rows[ps->n++] = (struct row){at, (uint32_t)e, (uint32_t)f, row->line, 0};
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

static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->emp != y->emp)
		return x->emp < y->emp ? -1 : 1;
	if (x->feature != y->feature)
		return x->feature < y->feature ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Sorts by time (the at index then grows at its end) and numbers identical
 * rows, so that "the n-th identical row" is part of each row's key. */
static void number_duplicates(struct parse *ps)
{
	qsort(ps->rows, ps->n, sizeof(*ps->rows), cmp_rows);
	for (size_t i = 1; i < ps->n; i++) {
		const struct row *a = &ps->rows[i - 1];
		struct row *b = &ps->rows[i];
		if (a->at == b->at && a->emp == b->emp && a->feature == b->feature)
			b->dup = a->dup + 1;
	}
}

/* 4 bytes of the JST day first (keys of a log then arrive roughly in
 * order, keeping the unique index's inserts local), then 12 bytes of the
 * SHA-256 of employee number, time, feature and n. */
static void import_key(const struct parse *ps, const struct row *r, unsigned char key[16])
{
	char text[256];
	int n = snprintf(text, sizeof(text), "%s\x1f%lld\x1f%s\x1f%u",
			 interned_str(&ps->emps, r->emp), (long long)r->at,
			 interned_str(&ps->features, r->feature), r->dup);
	unsigned char h[32];
	yk_sha256(text, n > 0 ? (size_t)n : 0, h);
	uint32_t day = (uint32_t)usage_day_of(r->at);
	key[0] = (unsigned char)(day >> 24);
	key[1] = (unsigned char)(day >> 16);
	key[2] = (unsigned char)(day >> 8);
	key[3] = (unsigned char)day;
	memcpy(key + 4, h, 12);
}

static int insert_rows(struct store *db, const struct parse *ps, const int64_t *staff_id,
		       struct usage_fold *fold, int64_t *last, struct usage_import_result *res,
		       struct yk_errinfo *ei)
{
	sqlite3_stmt *ins = NULL;
	int rc = store_stmt(db,
			    "INSERT OR IGNORE INTO usage_events(at, staff_id, feature, outcome, import_key)"
			    " VALUES (?1, ?2, ?3, 'ok', ?4)",
			    &ins, ei);
	if (rc)
		return rc;
	sqlite3 *h = store_handle(db);
	for (size_t i = 0; i < ps->n && !rc; i++) {
		const struct row *r = &ps->rows[i];
		unsigned char key[16];
		import_key(ps, r, key);
		const char *feat = interned_str(&ps->features, r->feature);
		sqlite3_bind_int64(ins, 1, r->at);
		sqlite3_bind_int64(ins, 2, staff_id[r->emp]);
		sqlite3_bind_text(ins, 3, feat, -1, SQLITE_STATIC);
		sqlite3_bind_blob(ins, 4, key, sizeof(key), SQLITE_STATIC);
		if ((rc = store_step_done(db, ins, ei)))
			break;
		if (sqlite3_changes(h) == 0) {
			res->duplicates++;
			continue;
		}
		res->inserted++;
		*last = sqlite3_last_insert_rowid(h);
		rc = usage__fold_add(db, fold, r->at, staff_id[r->emp], feat, strlen(feat), "ok", 0);
	}
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
		      const struct parse *ps, const int64_t *staff_id,
		      struct usage_import_result *res, struct yk_errinfo *ei)
{
	struct usage_fold *fold = usage__fold_new();
	int64_t last = 0;
	int64_t old_cache = cache_size_set(db, -IMPORT_CACHE_KIB);
	int rc = store_begin(db, ei);
	if (rc)
		goto out;
	/* Events recorded meanwhile are folded first, so that the folded mark
	 * can move past the rows inserted here. */
	char detail[256];
	if ((rc = usage__fold_pending(db, fold, &last)) ||
	    (rc = insert_rows(db, ps, staff_id, fold, &last, res, ei)) ||
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
	number_duplicates(&ps);
	rc = store_rows(db, actor, filename, &ps, staff_id, res, ei);
out:
	if (rc && res->problems.count)
		ingest_problems_errinfo(&res->problems, filename, rc, ei);
	free(staff_id);
	parse_release(&ps);
	return rc;
}
