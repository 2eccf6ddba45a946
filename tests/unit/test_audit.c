/* Unit tests for src/audit: recording (in the caller's transaction, with
 * its checks), listing with prefix filter and paging, and the CSV export
 * (BOM, Japan time, formula-safe cells). */
#include <ftw.h>
#include <jansson.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "db_fixture.h"
#include "audit/audit.h"

static struct store *fresh_db(void)
{
	return fixture_db("audit");
}

struct collected {
	int n;
	struct audit_entry last;
	int64_t ids[16];
};

static int collect(void *ctx, const struct audit_entry *e)
{
	struct collected *c = ctx;
	if (c->n < 16)
		c->ids[c->n] = e->id;
	c->n++;
	c->last = *e;
	return 0;
}

static int count(struct store *db, const char *prefix)
{
	struct collected *c = yk_xcalloc(1, sizeof(*c));
	int rc = audit_list(db, prefix, 0, 100, collect, c);
	int n = rc ? -1 : c->n;
	free(c);
	return n;
}

TEST(record_fields_and_defaults)
{
	struct store *db = fresh_db();
	struct audit_actor a = {42, "suzuki", "192.0.2.7"};
	int64_t before = yk_now_unix();
	REQUIRE(audit_record(db, &a, "user.update", "tanaka", "{\"roles\":[\"staff\"]}", NULL) == 0);
	struct collected *c = yk_xcalloc(1, sizeof(*c));
	CHECK_INT(audit_list(db, NULL, 0, 10, collect, c), 0);
	CHECK_INT(c->n, 1);
	CHECK_INT(c->last.user_id, 42);
	CHECK_STR(c->last.actor, "suzuki");
	CHECK_STR(c->last.action, "user.update");
	CHECK_STR(c->last.target, "tanaka");
	CHECK_STR(c->last.detail, "{\"roles\":[\"staff\"]}");
	CHECK_STR(c->last.address, "192.0.2.7");
	CHECK(c->last.at >= before && c->last.at <= yk_now_unix());
	/* No actor: "system", no user, no address; no target, no detail. */
	REQUIRE(audit_record(db, NULL, "ws.purge", NULL, NULL, NULL) == 0);
	memset(c, 0, sizeof(*c));
	CHECK_INT(audit_list(db, "ws", 0, 10, collect, c), 0);
	CHECK_INT(c->n, 1);
	CHECK_STR(c->last.actor, "system");
	CHECK_INT(c->last.user_id, 0);
	CHECK_STR(c->last.target, "");
	CHECK_STR(c->last.detail, "");
	CHECK_STR(c->last.address, "");
	/* A jansson detail is consumed and stored with sorted keys. */
	REQUIRE(audit_record_json(db, &a, "kb.import", "faq.csv",
				  (struct json_t *)json_pack("{s:i, s:i}", "rows", 3, "added", 2),
				  NULL) == 0);
	memset(c, 0, sizeof(*c));
	CHECK_INT(audit_list(db, "kb.import", 0, 10, collect, c), 0);
	CHECK_STR(c->last.detail, "{\"added\":2,\"rows\":3}");
	free(c);
	store_close(db);
}

TEST(record_refuses_bad_input)
{
	struct store *db = fresh_db();
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(audit_record(db, NULL, "", NULL, NULL, &ei), YK_EINVAL);
	CHECK_INT(audit_record(db, NULL, "User.Create", NULL, NULL, &ei), YK_EINVAL);
	CHECK_INT(audit_record(db, NULL, "user create", NULL, NULL, &ei), YK_EINVAL);
	CHECK_INT(audit_record(db, NULL, NULL, NULL, NULL, &ei), YK_EINVAL);
	char target[AUDIT_TARGET_MAX + 2];
	memset(target, 'x', sizeof(target) - 1);
	target[sizeof(target) - 1] = '\0';
	CHECK_INT(audit_record(db, NULL, "user.create", target, NULL, &ei), YK_EINVAL);
	CHECK(strstr(ei.message, "target") != NULL);
	target[AUDIT_TARGET_MAX] = '\0'; /* exactly at the limit */
	CHECK_INT(audit_record(db, NULL, "user.create", target, NULL, &ei), 0);
	CHECK_INT(audit_record(db, NULL, "user.create", "x", "\xff", &ei), YK_EINVAL);
	/* A consumed detail is released on error too (ASan would see a leak). */
	CHECK_INT(audit_record_json(db, NULL, "BAD", NULL, (struct json_t *)json_object(), &ei),
		  YK_EINVAL);
	CHECK_INT(count(db, NULL), 1);
	store_close(db);
}

TEST(record_lives_and_dies_with_the_transaction)
{
	struct store *db = fresh_db();
	REQUIRE(store_begin(db, NULL) == 0);
	REQUIRE(audit_record(db, NULL, "dept.create", "市民部", NULL, NULL) == 0);
	store_rollback(db);
	CHECK_INT(count(db, NULL), 0);
	REQUIRE(store_begin(db, NULL) == 0);
	REQUIRE(audit_record(db, NULL, "dept.create", "市民部", NULL, NULL) == 0);
	REQUIRE(store_commit(db, NULL) == 0);
	CHECK_INT(count(db, NULL), 1);
	CHECK_INT(store_stmt_busy_count(db), 0);
	store_close(db);
}

TEST(list_prefix_paging_and_stop)
{
	struct store *db = fresh_db();
	struct audit_actor a = {7, "admin", "10.1.1.1"};
	static const char *const actions[] = {"login", "login.failed", "loginx", "user.create",
					      "login"};
	for (size_t i = 0; i < YK_ARRAY_LEN(actions); i++)
		REQUIRE(audit_record(db, &a, actions[i], "t", NULL, NULL) == 0);
	CHECK_INT(count(db, "login"), 3); /* login, login.failed, login; not loginx */
	CHECK_INT(count(db, "login.failed"), 1);
	CHECK_INT(count(db, NULL), 5);
	struct collected *c = yk_xcalloc(1, sizeof(*c));
	CHECK_INT(audit_list(db, NULL, 0, 2, collect, c), 0);
	CHECK_INT(c->n, 2);
	CHECK_INT(c->ids[0], 5); /* newest first */
	CHECK_INT(c->ids[1], 4);
	memset(c, 0, sizeof(*c));
	CHECK_INT(audit_list(db, NULL, 4, 2, collect, c), 0);
	CHECK_INT(c->ids[0], 3);
	CHECK_INT(c->ids[1], 2);
	free(c);
	CHECK_INT(store_stmt_busy_count(db), 0);
	store_close(db);
}

static int stop_now(void *ctx, const struct audit_entry *e)
{
	(void)e;
	++*(int *)ctx;
	return 9;
}

TEST(list_callback_stops)
{
	struct store *db = fresh_db();
	for (int i = 0; i < 3; i++)
		REQUIRE(audit_record(db, NULL, "login", NULL, NULL, NULL) == 0);
	int n = 0;
	CHECK_INT(audit_list(db, NULL, 0, 100, stop_now, &n), 9);
	CHECK_INT(n, 1);
	CHECK_INT(store_stmt_busy_count(db), 0); /* stopping early still ends the read */
	store_close(db);
}

TEST(csv_export_is_formula_safe_with_bom_and_range)
{
	struct store *db = fresh_db();
	struct audit_actor a = {7, "=cmd|' /C calc'!A0", "10.1.1.1"};
	REQUIRE(audit_record(db, &a, "login", "x", NULL, NULL) == 0);
	REQUIRE(audit_record(db, &a, "login.failed", "y", "{\"reason\":\"bad_password\"}", NULL) == 0);
	REQUIRE(audit_record(db, &a, "user.create", "@SUM(1)", NULL, NULL) == 0);
	struct yk_buf out;
	yk_buf_init(&out, 0);
	REQUIRE(audit_export_csv(db, 0, 0, &out) == 0);
	CHECK(yk_starts_with(out.data, "\xEF\xBB\xBF\"番号\",\"日時（日本時間）\""));
	CHECK(strstr(out.data, "\"'=cmd|' /C calc'!A0\"") != NULL);
	CHECK(strstr(out.data, "\"'@SUM(1)\"") != NULL);
	CHECK(strstr(out.data, "\"{\"\"reason\"\":\"\"bad_password\"\"}\"") != NULL);
	CHECK(strstr(out.data, "\"10.1.1.1\"\r\n") != NULL);
	size_t lines = 0;
	for (size_t i = 0; i < out.len; i++)
		lines += out.data[i] == '\n';
	CHECK_INT(lines, 4);
	yk_buf_reset(&out);
	REQUIRE(audit_export_csv(db, 1, 2, &out) == 0); /* 1970: nothing */
	lines = 0;
	for (size_t i = 0; i < out.len; i++)
		lines += out.data[i] == '\n';
	CHECK_INT(lines, 1);
	yk_buf_release(&out);
	/* A buffer limit is honoured. */
	yk_buf_init(&out, 120);
	CHECK_INT(audit_export_csv(db, 0, 0, &out), YK_ELIMIT);
	yk_buf_release(&out);
	CHECK_INT(store_stmt_busy_count(db), 0);
	store_close(db);
}

/* ---- the table of actions ------------------------------------------------- */

/* 1 when s[0..n) has the shape of an action with at least one dot. */
static int dotted_action_shape(const char *s, size_t n)
{
	if (n == 0 || n > AUDIT_ACTION_MAX || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	int dots = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '.') {
			if (i + 1 == n || s[i + 1] == '.')
				return 0;
			dots++;
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return 0;
	}
	return dots > 0;
}

/* Dotted strings in src/ that are not actions: file names by extension,
 * and SQL column references. */
static int not_an_action(const char *s, size_t n)
{
	static const char *const ext[] = {".c", ".h", ".def", ".csv", ".tsv", ".json", ".html",
					  ".db", ".jp", ".md", ".txt", ".sql", ".js", ".css"};
	static const char *const other[] = {"q.at", "s.id"};
	for (size_t i = 0; i < YK_ARRAY_LEN(ext); i++) {
		size_t m = strlen(ext[i]);
		if (n > m && memcmp(s + n - m, ext[i], m) == 0)
			return 1;
	}
	for (size_t i = 0; i < YK_ARRAY_LEN(other); i++)
		if (strlen(other[i]) == n && memcmp(s, other[i], n) == 0)
			return 1;
	return 0;
}

struct scan {
	int files, actions, missing;
	char first_missing[160];
};
static struct scan scan_state;

/* Reads the string literals of one C file (comments and character
 * constants skipped) and checks every action-shaped one. */
static void scan_c_text(const char *path, const char *p, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (p[i] == '/' && i + 1 < len && p[i + 1] == '/') {
			while (i < len && p[i] != '\n')
				i++;
		} else if (p[i] == '/' && i + 1 < len && p[i + 1] == '*') {
			i += 2;
			while (i + 1 < len && !(p[i] == '*' && p[i + 1] == '/'))
				i++;
			i += 2;
		} else if (p[i] == '\'') {
			i++;
			while (i < len && p[i] != '\'')
				i += p[i] == '\\' ? 2 : 1;
			i++;
		} else if (p[i] == '"') {
			size_t start = ++i;
			while (i < len && p[i] != '"')
				i += p[i] == '\\' ? 2 : 1;
			size_t n = i - start;
			i++;
			if (!dotted_action_shape(p + start, n) || not_an_action(p + start, n))
				continue;
			char code[AUDIT_ACTION_MAX + 1];
			memcpy(code, p + start, n);
			code[n] = '\0';
			scan_state.actions++;
			if (!audit_action_label(code) && scan_state.missing++ == 0)
				snprintf(scan_state.first_missing, sizeof(scan_state.first_missing),
					 "%s: \"%s\"", path, code);
		} else
			i++;
	}
}

static int scan_file(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)ftw;
	size_t n = strlen(path);
	if (type != FTW_F || n < 3 || (strcmp(path + n - 2, ".c") != 0 && strcmp(path + n - 2, ".h") != 0))
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 1;
	char *text = yk_xmalloc((size_t)sb->st_size + 1);
	size_t got = fread(text, 1, (size_t)sb->st_size, f);
	fclose(f);
	scan_c_text(path, text, got);
	free(text);
	scan_state.files++;
	return 0;
}

TEST(every_action_written_in_src_has_a_japanese_label)
{
	memset(&scan_state, 0, sizeof(scan_state));
	REQUIRE(nftw("src", scan_file, 16, FTW_PHYS) == 0);
	CHECK(scan_state.files > 100);   /* the tree was really read */
	CHECK(scan_state.actions > 80);  /* and its actions found */
	if (scan_state.missing)
		fprintf(stderr, "  not in src/audit/actions.def: %s (%d in all)\n",
			scan_state.first_missing, scan_state.missing);
	CHECK_INT(scan_state.missing, 0);
	/* Undotted actions cannot be told from other words: they are named. */
	CHECK(audit_action_label("login") != NULL);
	CHECK(audit_action_label("logout") != NULL);
}

TEST(the_scanner_finds_an_unlisted_action_and_skips_comments)
{
	memset(&scan_state, 0, sizeof(scan_state));
	static const char src[] =
		"/* \"not.scanned\" */ x = audit_record(db, a, \"widget.frobnicate\", NULL);\n"
		"// \"also.not\"\n c = '\"'; f(\"faq.csv\", \"user.create\", \"q.at\", \"a\\\"b.c\");\n";
	scan_c_text("t.c", src, sizeof(src) - 1);
	CHECK_INT(scan_state.actions, 2); /* widget.frobnicate and user.create */
	CHECK_INT(scan_state.missing, 1);
	CHECK(strstr(scan_state.first_missing, "widget.frobnicate") != NULL);
}

TEST(action_table_codes_are_valid_unique_and_labelled)
{
	size_t n = audit_action_count();
	CHECK(n > 80);
	const char *code, *label;
	for (size_t i = 0; i < n; i++) {
		REQUIRE(audit_action_at(i, &code, &label));
		/* a valid action: lower-case ASCII, digits, '_' and '.' */
		int ok = code[0] != '\0' && strlen(code) <= AUDIT_ACTION_MAX;
		for (const char *c = code; *c; c++)
			ok &= (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '.';
		CHECK(ok);
		/* Japanese: at least one byte past ASCII */
		int jp = 0;
		for (const char *c = label; *c; c++)
			jp |= (unsigned char)*c >= 0x80;
		CHECK(jp);
		for (size_t j = 0; j < i; j++) {
			const char *other, *l2;
			REQUIRE(audit_action_at(j, &other, &l2));
			CHECK(strcmp(code, other) != 0);
		}
	}
	CHECK(!audit_action_at(n, &code, &label));
	CHECK(audit_action_label("training.promote") != NULL);
	CHECK(audit_action_label("no.such.action") == NULL);
	CHECK(audit_action_label(NULL) == NULL);
}

TEST(csv_export_carries_the_label_beside_the_code)
{
	struct store *db = fresh_db();
	REQUIRE(audit_record(db, NULL, "qa.purge", "qa_questions", NULL, NULL) == 0);
	REQUIRE(audit_record(db, NULL, "zz.unlisted", NULL, NULL, NULL) == 0); /* kept, unlabelled */
	struct yk_buf out;
	yk_buf_init(&out, 0);
	REQUIRE(audit_export_csv(db, 0, 0, &out) == 0);
	CHECK(strstr(out.data, "\"操作\",\"操作の内容\",\"対象\"") != NULL);
	CHECK(strstr(out.data, "\"qa.purge\",\"質問記録の保存期間切れの削除\",\"qa_questions\"") != NULL);
	CHECK(strstr(out.data, "\"zz.unlisted\",\"\",\"\"") != NULL);
	yk_buf_release(&out);
	store_close(db);
}

TEST_MAIN(T(record_fields_and_defaults), T(record_refuses_bad_input),
	  T(record_lives_and_dies_with_the_transaction), T(list_prefix_paging_and_stop),
	  T(list_callback_stops), T(csv_export_is_formula_safe_with_bom_and_range),
	  T(every_action_written_in_src_has_a_japanese_label),
	  T(the_scanner_finds_an_unlisted_action_and_skips_comments),
	  T(action_table_codes_are_valid_unique_and_labelled),
	  T(csv_export_carries_the_label_beside_the_code))
