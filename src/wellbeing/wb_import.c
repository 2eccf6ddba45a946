/* wellbeing/import: paper stress-check sheets (`yakuba stresscheck import
 * --campaign NAME FILE.csv`). The file is read by the one CSV unit
 * (src/ingest/: UTF-8 or CP932, BOM, quoted fields, header mapping,
 * line-numbered problems); this file only knows the columns and the checks.
 * All or nothing: the sheets are stored in one transaction, and only when
 * no row had a problem. */
#include <pthread.h>

#include "ingest/ingest.h"
#include "wb_int.h"
#include "core/banned.h"

#define COL_EMPLOYEE 0
#define COL_SEX 1
#define COL_Q1 2
#define NCOLS (2 + WB_ITEMS)

static struct ingest_column columns[NCOLS];
static char names[WB_ITEMS][2][16]; /* "q12", "問12" */
static pthread_once_t columns_once = PTHREAD_ONCE_INIT;

static void columns_init(void)
{
	columns[COL_EMPLOYEE] = (struct ingest_column){
		"employee_no", "職員番号", INGEST_REQUIRED | INGEST_NONEMPTY, {"社員番号", "職員No", NULL}};
	columns[COL_SEX] = (struct ingest_column){"sex", "性別", INGEST_REQUIRED | INGEST_NONEMPTY, {NULL}};
	for (int i = 0; i < WB_ITEMS; i++) {
		snprintf(names[i][0], sizeof(names[i][0]), "q%d", i + 1);
		snprintf(names[i][1], sizeof(names[i][1]), "問%d", i + 1);
		columns[COL_Q1 + i] = (struct ingest_column){names[i][0], names[i][1],
							     INGEST_REQUIRED | INGEST_NONEMPTY, {NULL}};
	}
}

struct paper_row {
	int64_t staff_id, department_id, existing_sheet;
	enum wb_sex sex;
	unsigned char answers[WB_ITEMS];
};

struct import_ctx {
	struct store *db;
	int64_t campaign_id; /* 0 when the campaign does not exist yet */
	struct ingest_seen seen;
	struct paper_row *rows;
	size_t n, cap;
	size_t rows_seen;
	int failed_db;
	sqlite3_stmt *find_staff; /* prepared once per import: checked per row */
	sqlite3_stmt *find_sheet;
};

/* Roster lookup (staff is owned by auth; read-only). */
static int staff_find(struct import_ctx *x, const char *no, int64_t *staff_id, int64_t *dept_id)
{
	if (!x->find_staff &&
	    store_prepare(x->db, "SELECT id, department_id FROM staff WHERE employee_no = ?",
			  &x->find_staff, NULL) != 0)
		return YK_EDB;
	sqlite3_stmt *st = x->find_staff;
	sqlite3_reset(st);
	wb__bind_text(st, 1, no);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*staff_id = sqlite3_column_int64(st, 0);
		*dept_id = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return s == SQLITE_ROW ? 0 : s == SQLITE_DONE ? YK_ENOTFOUND : YK_EDB;
}

/* The person's sheet in the campaign: its id (0 when none) and whether it
 * was submitted. */
static int sheet_of(struct import_ctx *x, int64_t staff_id, int64_t *id, int *submitted)
{
	*id = 0;
	*submitted = 0;
	if (!x->campaign_id)
		return 0;
	if (!x->find_sheet &&
	    store_prepare(x->db,
			  "SELECT id, submitted_at IS NOT NULL FROM sc_sheets"
			  " WHERE campaign_id = ? AND staff_id = ?",
			  &x->find_sheet, NULL) != 0)
		return YK_EDB;
	sqlite3_stmt *st = x->find_sheet;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, x->campaign_id);
	sqlite3_bind_int64(st, 2, staff_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*submitted = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return 0;
}

static int check_row(void *vctx, const struct ingest_row *row, struct ingest_problems *p)
{
	struct import_ctx *x = vctx;
	struct paper_row r;
	memset(&r, 0, sizeof(r));
	x->rows_seen++;
	if (!row->ok)
		return 0; /* an empty required value: already a problem */
	const char *no = row->value[COL_EMPLOYEE];
	long first = ingest_seen_add(&x->seen, no, row->len[COL_EMPLOYEE], row->line);
	if (first)
		ingest_row_problem(row, p, COL_EMPLOYEE, "が %ld 行目と重複しています", first);
	int rc = staff_find(x, no, &r.staff_id, &r.department_id);
	if (rc == YK_ENOTFOUND)
		ingest_row_problem(row, p, COL_EMPLOYEE, ": 「%s」は職員名簿にありません", no);
	else if (rc) {
		x->failed_db = 1;
		return rc;
	}
	if (wb_sex_parse(row->value[COL_SEX], row->len[COL_SEX], &r.sex))
		ingest_row_problem(row, p, COL_SEX, ": M・F・男・女 のいずれかで書いてください");
	for (int i = 0; i < WB_ITEMS; i++) {
		const char *v = row->value[COL_Q1 + i];
		if (row->len[COL_Q1 + i] != 1 || v[0] < '1' || v[0] > '4') {
			ingest_row_problem(row, p, COL_Q1 + i, ": 回答は 1〜4（用紙の左からの位置）で書いてください");
			continue;
		}
		r.answers[i] = (unsigned char)(v[0] - '0');
	}
	if (r.staff_id) {
		int submitted;
		if (sheet_of(x, r.staff_id, &r.existing_sheet, &submitted)) {
			x->failed_db = 1;
			return YK_EDB;
		}
		if (submitted)
			ingest_row_problem(row, p, COL_EMPLOYEE, ": この職員はこの実施回にすでに回答を提出しています");
	}
	if (p->count)
		return 0; /* nothing will be stored: stop collecting */
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->rows = yk_xrealloc(x->rows, x->cap * sizeof(*x->rows));
	}
	x->rows[x->n++] = r;
	return 0;
}

static int store_rows(struct store *db, int64_t campaign_id, const struct import_ctx *x,
		      struct yk_errinfo *ei)
{
	int64_t now = yk_now_unix();
	sqlite3_stmt *upd = NULL, *ins = NULL;
	int rc = store_prepare(db,
			       "UPDATE sc_sheets SET sex = ?1, answers = ?2, source = 'paper',"
			       " department_id = ?3, submitted_at = ?4, updated_at = ?4 WHERE id = ?5",
			       &upd, ei);
	if (!rc)
		rc = store_prepare(db,
				   "INSERT INTO sc_sheets(sex, answers, department_id, submitted_at, created_at,"
				   " updated_at, campaign_id, staff_id, source)"
				   " VALUES (?1, ?2, ?3, ?4, ?4, ?4, ?5, ?6, 'paper')",
				   &ins, ei);
	for (size_t i = 0; !rc && i < x->n; i++) {
		const struct paper_row *r = &x->rows[i];
		sqlite3_stmt *st = r->existing_sheet ? upd : ins;
		char enc[WB_ITEMS + 1];
		wb__answers_encode(r->answers, enc);
		sqlite3_reset(st);
		wb__bind_text(st, 1, wb_sex_code(r->sex));
		wb__bind_text(st, 2, enc);
		sqlite3_bind_int64(st, 3, r->department_id);
		sqlite3_bind_int64(st, 4, now);
		sqlite3_bind_int64(st, 5, r->existing_sheet ? r->existing_sheet : campaign_id);
		if (!r->existing_sheet)
			sqlite3_bind_int64(st, 6, r->staff_id);
		int s = sqlite3_step(st);
		if (s != SQLITE_DONE)
			rc = store_err(db, s, ei);
	}
	sqlite3_finalize(upd);
	sqlite3_finalize(ins);
	return rc;
}

int wb_import_paper(struct store *db, const struct audit_actor *actor, const char *campaign_name,
		    const char *bytes, size_t len, struct wb_import_result *res,
		    struct yk_errinfo *ei)
{
	pthread_once(&columns_once, columns_init);
	memset(res, 0, sizeof(*res));
	struct wb_campaign c;
	int64_t campaign_id = 0;
	int rc = wb_campaign_find(db, campaign_name, &c);
	if (rc == 0)
		campaign_id = c.id;
	else if (rc != YK_ENOTFOUND)
		return rc;
	struct import_ctx x;
	memset(&x, 0, sizeof(x));
	x.db = db;
	x.campaign_id = campaign_id;
	struct ingest_problems *p = &res->problems;
	ingest_problems_init(p);
	struct ingest_spec spec = {columns, NCOLS, ',', INGEST_UNKNOWN_REPORT,
				   {WB_IMPORT_MAX_BYTES, WB_IMPORT_MAX_ROWS, 0, 0}};
	rc = ingest_table(&spec, bytes, len, check_row, &x, p);
	res->rows = x.rows_seen;
	if (rc || p->count) {
		if (!rc)
			rc = YK_EPARSE;
		if (x.failed_db)
			yk_errinfo_set(ei, YK_EDB, "職員名簿を読めませんでした");
		goto out;
	}
	if (x.n == 0) {
		rc = yk_errinfo_set(ei, YK_EINVAL, "取り込む行がありません");
		goto out;
	}
	if ((rc = store_begin(db, ei)))
		goto out;
	if (!campaign_id) {
		int64_t day = wb__day_now();
		struct wb_campaign_spec cs = {campaign_name, day * 86400, day * 86400 + 86399,
					      WB_METHOD_SUM, NULL, 0, NULL};
		if ((rc = wb__campaign_insert(db, actor, &cs, &campaign_id, ei)))
			goto rollback;
		res->campaign_created = 1;
	}
	if ((rc = store_rows(db, campaign_id, &x, ei)))
		goto rollback;
	char target[64], detail[64];
	snprintf(target, sizeof(target), "campaign:%lld", (long long)campaign_id);
	snprintf(detail, sizeof(detail), "{\"sheets\":%zu}", x.n);
	if ((rc = audit_record(db, actor, "stress.import", target, detail, NULL)))
		goto rollback;
	if ((rc = store_commit(db, ei)))
		goto rollback;
	res->imported = x.n;
	goto out;
rollback:
	store_rollback(db);
out:
	sqlite3_finalize(x.find_staff);
	sqlite3_finalize(x.find_sheet);
	ingest_seen_release(&x.seen);
	free(x.rows);
	return rc;
}
