/* Unit tests for src/ws (生成AIワークスペース): template rendering and
 * validation (data-driven: tests/data/ws/render.json), the seed, template
 * permissions, the citation check (data-driven: tests/data/ws/citations.txt),
 * the guard policies (mask / block / warn) with what is stored and audited,
 * owner-only conversations, the retention purge, and a whole turn against
 * the replay server tests/llm-server/server.mjs (started here on 127.0.0.1
 * with an ephemeral port): the reply is restored as it streams while the
 * request that reached the "model" holds no personal data. */
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "auth/auth.h"
#include "harness.h"
#include "replay_server.h"
#include "llm/llm.h"
#include "ws/ws.h"


/* Fictional personal data: a name with さん, a mobile number and a My
 * Number with a valid check digit. */
#define PII_TEXT "田中一郎さんに090-1234-5678へ折り返すよう伝えてください。マイナンバーは123456789018です。"

static char tmpdir[256];

static struct store *test_db(void)
{
	static int n;
	char path[300];
	if (!tmpdir[0]) {
		yk_strlcpy(tmpdir, "/tmp/yk-ws-XXXXXX", sizeof(tmpdir));
		if (!mkdtemp(tmpdir))
			return NULL;
	}
	snprintf(path, sizeof(path), "%s/%d.db", tmpdir, ++n);
	struct store *db = NULL;
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) != 0)
		return NULL;
	return db;
}

static int64_t add_user(struct store *db, const char *login, unsigned roles)
{
	struct audit_actor cli = {0, "cli", NULL};
	struct auth_user_spec spec = {login, "テスト職員", NULL, NULL, roles};
	char otp[64];
	int64_t id = 0;
	if (auth_user_create(db, &cli, &spec, otp, sizeof(otp), &id, NULL) != 0)
		return 0;
	return id;
}

static int64_t count_rows(struct store *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(db, sql, &st, NULL) != 0)
		return -1;
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return n;
}

/* Concatenation of a text column over rows (for "nothing stored holds X"). */
static void all_text(struct store *db, const char *sql, struct yk_buf *out)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(db, sql, &st, NULL) != 0)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t && (yk_buf_adds(out, t) || yk_buf_addc(out, '\n')))
			break;
	}
	sqlite3_finalize(st);
}

/* ---- templates ------------------------------------------------------------- */

TEST(render_cases_from_data)
{
	json_error_t jerr;
	json_t *cases = json_load_file("tests/data/ws/render.json", 0, &jerr);
	REQUIRE(json_is_array(cases));
	CHECK(json_array_size(cases) >= 10);
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c) {
		const char *note = json_string_value(json_object_get(c, "note"));
		const char *body = json_string_value(json_object_get(c, "body"));
		const char *expect = json_string_value(json_object_get(c, "expect"));
		const char *error = json_string_value(json_object_get(c, "error"));
		struct yk_buf out;
		yk_buf_init(&out, 0);
		struct yk_errinfo ei;
		yk_errinfo_clear(&ei);
		int rc = ws_template_render(body, strlen(body), json_object_get(c, "variables"),
					    json_object_get(c, "vars"), &out, &ei);
		if (expect) {
			if (rc != 0)
				fprintf(stderr, "case %s: %s\n", note, ei.message);
			CHECK_INT(rc, 0);
			CHECK_STR(out.data ? out.data : "", expect);
		} else {
			CHECK_INT(rc, YK_EINVAL);
			if (!strstr(ei.message, error))
				fprintf(stderr, "case %s: got \"%s\"\n", note, ei.message);
			CHECK(strstr(ei.message, error) != NULL);
			/* ws_template_check agrees on definition errors */
			if (strstr(note, "declare") || strstr(note, "malformed") ||
			    strstr(note, "unterminated") || strstr(note, "definition") ||
			    strstr(note, "duplicate"))
				CHECK_INT(ws_template_check(body, strlen(body),
							    json_object_get(c, "variables"), NULL),
					  YK_EINVAL);
		}
		yk_buf_release(&out);
	}
	json_decref(cases);
}

TEST(seed_has_twenty_templates_once)
{
	struct store *db = test_db();
	REQUIRE(db != NULL);
	int64_t staff = add_user(db, "staff1", AUTH_ROLE_STAFF);
	REQUIRE(staff > 0);
	struct ws_user who = {staff, 0, AUTH_ROLE_STAFF, "staff1", NULL};
	json_t *list = NULL;
	REQUIRE(ws_templates_list(db, &who, &list, NULL) == 0);
	json_t *arr = json_object_get(list, "templates");
	CHECK(json_array_size(arr) >= 20);
	/* Every seed template renders once its required variables are filled. */
	size_t i;
	json_t *t;
	json_array_foreach(arr, i, t) {
		CHECK(json_is_true(json_object_get(t, "shared")));
		json_t *vals = json_object();
		size_t k;
		json_t *v;
		json_array_foreach(json_object_get(t, "variables"), k, v)
			json_object_set_new(vals, json_string_value(json_object_get(v, "name")),
					    json_string("テスト"));
		const char *body = json_string_value(json_object_get(t, "body"));
		struct yk_buf out;
		yk_buf_init(&out, 0);
		CHECK_INT(ws_template_render(body, strlen(body), json_object_get(t, "variables"), vals,
					     &out, NULL),
			  0);
		CHECK(out.len > 0 && !strstr(out.data, "{{"));
		yk_buf_release(&out);
		json_decref(vals);
	}
	size_t seeded = json_array_size(arr);
	json_decref(list);
	/* Reading again does not seed twice; deleting all does not bring them back. */
	REQUIRE(ws_templates_list(db, &who, &list, NULL) == 0);
	CHECK_INT(json_array_size(json_object_get(list, "templates")), seeded);
	json_decref(list);
	CHECK_INT(store_exec(db, "DELETE FROM ws_templates", NULL), 0);
	REQUIRE(ws_templates_list(db, &who, &list, NULL) == 0);
	CHECK_INT(json_array_size(json_object_get(list, "templates")), 0);
	json_decref(list);
	store_close(db);
}

TEST(template_permissions)
{
	struct store *db = test_db();
	REQUIRE(db != NULL);
	int64_t a = add_user(db, "staffa", AUTH_ROLE_STAFF), b = add_user(db, "staffb", AUTH_ROLE_STAFF),
		ed = add_user(db, "editor1", AUTH_ROLE_EDITOR);
	REQUIRE(a > 0 && b > 0 && ed > 0);
	struct ws_user ua = {a, 0, AUTH_ROLE_STAFF, "staffa", NULL},
		       ub = {b, 0, AUTH_ROLE_STAFF, "staffb", NULL},
		       ue = {ed, 0, AUTH_ROLE_EDITOR, "editor1", NULL};
	json_error_t jerr;
	json_t *shared = json_loads("{\"name\":\"共有\",\"body\":\"{{x}}を要約\",\"variables\":"
				    "[{\"name\":\"x\",\"label\":\"文\",\"required\":true}],"
				    "\"shared\":true}",
				    0, &jerr);
	json_t *personal = json_loads("{\"name\":\"自分用\",\"body\":\"丁寧に: {{x}}\",\"variables\":"
				      "[{\"name\":\"x\",\"label\":\"文\"}]}",
				      0, &jerr);
	json_t *bad = json_loads("{\"name\":\"誤り\",\"body\":\"{{y}}\",\"variables\":[]}", 0, &jerr);
	REQUIRE(shared && personal && bad);
	int64_t sid = 0, pid = 0, id = 0;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(ws_template_save(db, &ua, 0, shared, &id, &ei), YK_EFORBIDDEN);
	CHECK_INT(ws_template_save(db, &ue, 0, shared, &sid, NULL), 0);
	CHECK_INT(ws_template_save(db, &ua, 0, personal, &pid, NULL), 0);
	CHECK(sid > 0 && pid > 0);
	yk_errinfo_clear(&ei);
	CHECK_INT(ws_template_save(db, &ua, 0, bad, &id, &ei), YK_EINVAL);
	CHECK(strstr(ei.message, "y") != NULL);
	json_t *got = NULL;
	/* b sees the shared one but not a's personal one. */
	CHECK_INT(ws_template_get(db, &ub, sid, &got, NULL), 0);
	json_decref(got);
	CHECK_INT(ws_template_get(db, &ub, pid, &got, NULL), YK_ENOTFOUND);
	CHECK_INT(ws_template_save(db, &ub, pid, personal, &id, NULL), YK_ENOTFOUND);
	CHECK_INT(ws_template_delete(db, &ub, pid, NULL), YK_ENOTFOUND);
	CHECK_INT(ws_template_delete(db, &ua, sid, NULL), YK_EFORBIDDEN);
	/* The kind cannot change on update. */
	CHECK_INT(ws_template_save(db, &ua, pid, shared, &id, NULL), YK_EINVAL);
	CHECK_INT(ws_template_delete(db, &ua, pid, NULL), 0);
	CHECK_INT(ws_template_delete(db, &ue, sid, NULL), 0);
	/* Shared changes are audited, personal ones are not. */
	CHECK_INT(count_rows(db, "SELECT count(*) FROM audit_log WHERE action LIKE 'ws.template.%'"), 2);
	json_decref(shared);
	json_decref(personal);
	json_decref(bad);
	store_close(db);
}

/* ---- citations ----------------------------------------------------------------- */

TEST(citation_cases_from_data)
{
	FILE *f = fopen("tests/data/ws/citations.txt", "r");
	REQUIRE(f != NULL);
	char line[1024];
	int cases = 0;
	while (fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		char *col[5];
		int k = 0;
		char *p = line;
		while (k < 5) {
			col[k++] = p;
			char *tab = strchr(p, '\t');
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		REQUIRE(k == 5);
		struct ws_citations c;
		ws_citations_check(col[1], strlen(col[1]), (size_t)strtoul(col[0], NULL, 10), &c);
		char got[128] = "";
		size_t g = 0;
		for (size_t i = 0; i < c.n; i++)
			g += (size_t)snprintf(got + g, sizeof(got) - g, "%s%u", i ? "," : "", c.cited[i]);
		if (!c.n)
			yk_strlcpy(got, "-", sizeof(got));
		if (strcmp(got, col[2]) != 0)
			fprintf(stderr, "case \"%s\"\n", col[1]);
		CHECK_STR(got, col[2]);
		CHECK_INT(c.invalid, strtoul(col[3], NULL, 10));
		CHECK_INT(c.verified, strtoul(col[4], NULL, 10));
		cases++;
	}
	fclose(f);
	CHECK(cases >= 10);
}

/* ---- guard and conversations -------------------------------------------------- */

TEST(guard_preview_reports_spans_in_code_points)
{
	struct store *db = test_db();
	REQUIRE(db != NULL);
	struct ws *ws = NULL;
	REQUIRE(ws_new(NULL, &ws, NULL) == 0);
	json_t *g = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = ws_guard(ws, db, PII_TEXT, strlen(PII_TEXT), &g, &ei);
	if (rc)
		fprintf(stderr, "guard: %s\n", ei.message);
	REQUIRE(rc == 0);
	json_t *counts = json_object_get(g, "counts");
	CHECK_INT(json_integer_value(json_object_get(counts, "PHONE")), 1);
	CHECK_INT(json_integer_value(json_object_get(counts, "JP_MY_NUMBER")), 1);
	CHECK_INT(json_integer_value(json_object_get(counts, "PERSON")), 1);
	const char *masked = json_string_value(json_object_get(g, "masked"));
	CHECK(strstr(masked, "〔電話1〕") != NULL);
	CHECK(strstr(masked, "090") == NULL && strstr(masked, "田中") == NULL);
	/* "田中一郎" starts at code point 0; the phone number after "さんに" */
	size_t i;
	json_t *s;
	int seen_phone = 0;
	json_array_foreach(json_object_get(g, "spans"), i, s) {
		if (strcmp(json_string_value(json_object_get(s, "type")), "PHONE") == 0) {
			CHECK_INT(json_integer_value(json_object_get(s, "start")), 7);
			CHECK_INT(json_integer_value(json_object_get(s, "end")), 20);
			seen_phone = 1;
		}
	}
	CHECK(seen_phone);
	CHECK_STR(json_string_value(json_object_get(g, "policy")), "mask");
	json_decref(g);
	CHECK_INT(ws_guard(ws, db, "", 0, &g, NULL), YK_EINVAL);
	CHECK_INT(ws_guard(ws, db, "\xff", 1, &g, NULL), YK_EUTF8);
	ws_free(ws);
	store_close(db);
}

static int64_t prepare_turn(struct ws *ws, struct store *db, const struct ws_user *who,
			    int64_t conversation, const char *text, struct ws_turn **t,
			    struct yk_errinfo *ei)
{
	struct ws_chat_input in = {conversation, text, 0, NULL, 1, NULL, NULL, 0};
	yk_errinfo_clear(ei);
	return ws_chat_prepare(ws, db, who, &in, t, NULL, ei);
}

TEST(policies_mask_block_warn)
{
	struct store *db = test_db();
	REQUIRE(db != NULL);
	int64_t u = add_user(db, "staffp", AUTH_ROLE_STAFF);
	REQUIRE(u > 0);
	struct ws_user who = {u, 0, AUTH_ROLE_STAFF, "staffp", NULL};
	struct ws *ws = NULL;
	REQUIRE(ws_new(NULL, &ws, NULL) == 0);
	struct ws_turn *t = NULL;
	struct yk_errinfo ei;

	/* mask (default): the model gets placeholders. */
	REQUIRE(prepare_turn(ws, db, &who, 0, PII_TEXT, &t, &ei) == 0);
	json_t *meta = ws_turn_meta(t);
	const char *masked = json_string_value(json_object_get(meta, "masked"));
	CHECK(strstr(masked, "〔氏名1〕") != NULL && strstr(masked, "〔個人番号1〕") != NULL);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(meta, "pii"), "total")), 3);
	int64_t conv = json_integer_value(json_object_get(meta, "conversation_id"));
	CHECK(conv > 0);
	json_decref(meta);
	ws_turn_free(ws, t);

	/* block: refused, the types named, nothing stored. */
	REQUIRE(store_setting_set(db, "pii_policy", "block", 0, NULL) == 0);
	int64_t before = count_rows(db, "SELECT count(*) FROM ws_messages");
	CHECK_INT(prepare_turn(ws, db, &who, 0, PII_TEXT, &t, &ei), YK_EPII_BLOCKED);
	CHECK(t == NULL);
	json_t *blocked = NULL;
	struct ws_chat_input bin = {0, PII_TEXT, 0, NULL, 1, NULL, NULL, 0};
	CHECK_INT(ws_chat_prepare(ws, db, &who, &bin, &t, &blocked, NULL), YK_EPII_BLOCKED);
	REQUIRE(blocked != NULL);
	CHECK_INT(json_array_size(json_object_get(blocked, "types")), 3);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(blocked, "counts"), "PHONE")), 1);
	json_decref(blocked);
	CHECK(strstr(ei.message, "電話") != NULL && strstr(ei.message, "個人番号") != NULL);
	CHECK_INT(count_rows(db, "SELECT count(*) FROM ws_messages"), before);
	/* A text without personal data still passes under block. */
	CHECK_INT(prepare_turn(ws, db, &who, 0, "住民票の写しの交付手数料を教えてください", &t, &ei), 0);
	ws_turn_free(ws, t);

	/* warn: sent as typed, stored masked, counted. */
	REQUIRE(store_setting_set(db, "pii_policy", "warn", 0, NULL) == 0);
	REQUIRE(prepare_turn(ws, db, &who, 0, PII_TEXT, &t, &ei) == 0);
	meta = ws_turn_meta(t);
	CHECK_STR(json_string_value(json_object_get(json_object_get(meta, "pii"), "policy")), "warn");
	json_decref(meta);
	ws_turn_free(ws, t);

	/* Whatever the policy, no stored message and no audit detail holds a value. */
	struct yk_buf all;
	yk_buf_init(&all, 0);
	all_text(db, "SELECT content FROM ws_messages", &all);
	all_text(db, "SELECT title FROM ws_conversations", &all);
	all_text(db, "SELECT coalesce(detail, '') FROM audit_log", &all);
	REQUIRE(all.data != NULL);
	CHECK(strstr(all.data, "090-1234-5678") == NULL);
	CHECK(strstr(all.data, "123456789018") == NULL);
	CHECK(strstr(all.data, "田中") == NULL);
	CHECK(strstr(all.data, "\"PHONE\":1") != NULL); /* the counts are there */
	yk_buf_release(&all);
	CHECK_INT(count_rows(db, "SELECT count(*) FROM audit_log WHERE action = 'ws.pii'"), 4);
	ws_free(ws);
	store_close(db);
}

/* A conversation's placeholders stop at PII_MAPPING_MAX values, and the
 * refusal names that limit, not the text's length. */
TEST(conversation_values_limit_is_named)
{
	struct store *db = test_db();
	REQUIRE(db != NULL);
	int64_t u = add_user(db, "staffl", AUTH_ROLE_STAFF);
	REQUIRE(u > 0);
	struct ws_user who = {u, 0, AUTH_ROLE_STAFF, "staffl", NULL};
	struct ws *ws = NULL;
	REQUIRE(ws_new(NULL, &ws, NULL) == 0);
	struct ws_turn *t = NULL;
	struct yk_errinfo ei;
	enum { PER_TURN = 1250 }; /* 8 turns hold the limit, the 9th passes it */
	int64_t conv = 0;
	int rc = 0, turn;
	struct yk_buf text;
	yk_buf_init(&text, WS_TEXT_MAX);
	for (turn = 0; turn < 9 && rc == 0; turn++) {
		yk_buf_reset(&text);
		for (int i = 0; i < PER_TURN; i++) {
			int v = turn * PER_TURN + i;
			REQUIRE(yk_buf_addf(&text, "電話：090-%04d-%04d\n", 2000 + v / 5000,
					    3000 + v % 5000) == 0);
		}
		REQUIRE(yk_buf_addc(&text, '\0') == 0);
		rc = (int)prepare_turn(ws, db, &who, conv, text.data, &t, &ei);
		if (rc == 0) {
			json_t *meta = ws_turn_meta(t);
			conv = json_integer_value(json_object_get(meta, "conversation_id"));
			json_decref(meta);
			ws_turn_free(ws, t);
		}
	}
	CHECK_INT(turn, 9);
	CHECK_INT(rc, YK_ELIMIT);
	CHECK(strstr(ei.message, "個人情報の値が多すぎます") != NULL);
	CHECK(strstr(ei.message, "10000 種類まで") != NULL);
	CHECK(strstr(ei.message, "長すぎます") == NULL);
	yk_buf_release(&text);
	ws_free(ws);
	store_close(db);
}

TEST(conversations_are_owner_only)
{
	struct store *db = test_db();
	REQUIRE(db != NULL);
	int64_t a = add_user(db, "owner1", AUTH_ROLE_STAFF),
		adm = add_user(db, "admin1", AUTH_ROLE_ADMIN);
	REQUIRE(a > 0 && adm > 0);
	struct ws_user ua = {a, 0, AUTH_ROLE_STAFF, "owner1", NULL},
		       uadm = {adm, 0, AUTH_ROLE_ADMIN, "admin1", NULL};
	struct ws *ws = NULL;
	REQUIRE(ws_new(NULL, &ws, NULL) == 0);
	struct ws_turn *t = NULL;
	struct yk_errinfo ei;
	REQUIRE(prepare_turn(ws, db, &ua, 0, PII_TEXT, &t, &ei) == 0);
	json_t *meta = ws_turn_meta(t);
	int64_t conv = json_integer_value(json_object_get(meta, "conversation_id"));
	json_decref(meta);
	ws_turn_free(ws, t);
	/* A second turn in the same conversation keeps the numbering. */
	REQUIRE(prepare_turn(ws, db, &ua, conv, "田中一郎さんへの返信を考えてください", &t, &ei) == 0);
	meta = ws_turn_meta(t);
	CHECK(strstr(json_string_value(json_object_get(meta, "masked")), "〔氏名1〕") != NULL);
	json_decref(meta);
	ws_turn_free(ws, t);

	json_t *got = NULL;
	REQUIRE(ws_conversation_get(db, &ua, conv, &got, NULL) == 0);
	json_t *msgs = json_object_get(got, "messages");
	CHECK_INT(json_array_size(msgs), 2);
	CHECK(strstr(json_string_value(json_object_get(json_array_get(msgs, 0), "content")),
		     "〔電話1〕") != NULL);
	json_decref(got);
	REQUIRE(ws_conversations_list(db, &ua, &got, NULL) == 0);
	CHECK_INT(json_array_size(json_object_get(got, "conversations")), 1);
	json_decref(got);
	/* Nobody else, admins included, reads, continues or deletes it. */
	CHECK_INT(ws_conversation_get(db, &uadm, conv, &got, NULL), YK_ENOTFOUND);
	CHECK_INT(prepare_turn(ws, db, &uadm, conv, "続き", &t, &ei), YK_ENOTFOUND);
	CHECK_INT(ws_conversation_delete(ws, db, &uadm, conv, NULL), YK_ENOTFOUND);
	REQUIRE(ws_conversations_list(db, &uadm, &got, NULL) == 0);
	CHECK_INT(json_array_size(json_object_get(got, "conversations")), 0);
	json_decref(got);
	CHECK_INT(ws_conversation_delete(ws, db, &ua, conv, NULL), 0);
	CHECK_INT(count_rows(db, "SELECT count(*) FROM ws_messages"), 0);
	CHECK_INT(ws_conversation_delete(ws, db, &ua, conv, NULL), YK_ENOTFOUND);
	ws_free(ws);
	store_close(db);
}

TEST(retention_purge)
{
	struct store *db = test_db();
	REQUIRE(db != NULL);
	int64_t a = add_user(db, "staffr", AUTH_ROLE_STAFF);
	REQUIRE(a > 0);
	struct ws_user ua = {a, 0, AUTH_ROLE_STAFF, "staffr", NULL};
	struct ws *ws = NULL;
	REQUIRE(ws_new(NULL, &ws, NULL) == 0);
	struct ws_turn *t = NULL;
	struct yk_errinfo ei;
	for (int i = 0; i < 3; i++) {
		REQUIRE(prepare_turn(ws, db, &ua, 0, "議事録の整理をお願いします", &t, &ei) == 0);
		ws_turn_free(ws, t);
	}
	/* Two conversations were last used 40 days ago. */
	CHECK_INT(store_exec(db, "UPDATE ws_conversations SET updated_at = updated_at - 40 * 86400"
				 " WHERE id IN (SELECT id FROM ws_conversations ORDER BY id LIMIT 2)",
			     NULL),
		  0);
	int64_t deleted = -1, now = yk_now_unix();
	REQUIRE(store_setting_set(db, "ws_retention_days", "0", 0, NULL) == 0);
	CHECK_INT(ws_purge(db, now, &deleted, NULL), 0);
	CHECK_INT(deleted, 0); /* 0 = keep forever */
	REQUIRE(store_setting_set(db, "ws_retention_days", "60", 0, NULL) == 0);
	CHECK_INT(ws_purge(db, now, &deleted, NULL), 0);
	CHECK_INT(deleted, 0);
	REQUIRE(store_setting_set(db, "ws_retention_days", "30", 0, NULL) == 0);
	CHECK_INT(ws_purge(db, now, &deleted, NULL), 0);
	CHECK_INT(deleted, 2);
	CHECK_INT(count_rows(db, "SELECT count(*) FROM ws_conversations"), 1);
	CHECK_INT(count_rows(db, "SELECT count(*) FROM ws_messages"), 1);
	CHECK_INT(count_rows(db, "SELECT count(*) FROM audit_log WHERE action = 'ws.purge'"), 1);
	/* A chat purges too: age the last one and start a new turn. */
	CHECK_INT(store_exec(db, "UPDATE ws_conversations SET updated_at = updated_at - 31 * 86400",
			     NULL),
		  0);
	REQUIRE(prepare_turn(ws, db, &ua, 0, "新しい相談です", &t, &ei) == 0);
	ws_turn_free(ws, t);
	CHECK_INT(count_rows(db, "SELECT count(*) FROM ws_conversations"), 1);
	ws_free(ws);
	store_close(db);
}

/* ---- a whole turn against the replay server --------------------------------------- */


struct deltas {
	struct yk_buf text;
	int n;
};

static int on_delta(void *ctx, const char *text, size_t len)
{
	struct deltas *d = ctx;
	d->n++;
	return yk_buf_add(&d->text, text, len) != 0;
}

TEST(turn_restores_the_reply_and_sends_no_personal_data)
{
	unsigned port = replay_port();
	REQUIRE(port > 0);
	struct store *db = test_db();
	REQUIRE(db != NULL);
	int64_t u = add_user(db, "staffturn", AUTH_ROLE_STAFF);
	REQUIRE(u > 0);
	struct ws_user who = {u, 0, AUTH_ROLE_STAFF, "staffturn", NULL};
	struct ws *ws = NULL;
	REQUIRE(ws_new(NULL, &ws, NULL) == 0);
	struct llm_config cfg;
	llm_config_init(&cfg);
	snprintf(cfg.base_url, sizeof(cfg.base_url), "http://127.0.0.1:%u/v1", port);
	yk_strlcpy(cfg.model, "echo", sizeof(cfg.model)); /* the reply is our message */
	cfg.total_timeout_ms = 20000;
	struct ws_turn *t = NULL;
	struct yk_errinfo ei;
	REQUIRE(prepare_turn(ws, db, &who, 0, PII_TEXT, &t, &ei) == 0);
	struct deltas d;
	yk_buf_init(&d.text, 0);
	d.n = 0;
	json_t *done = NULL;
	yk_errinfo_clear(&ei);
	int rc = ws_turn_run(ws, db, t, &cfg, NULL, on_delta, &d, &done, &ei);
	if (rc)
		fprintf(stderr, "run: %s\n", ei.message);
	CHECK_INT(rc, 0);
	/* Placeholders arrive split in 3-character pieces, yet the user sees
	 * the whole original text restored. */
	CHECK(d.n > 5);
	CHECK_STR(d.text.data ? d.text.data : "", PII_TEXT);
	CHECK_STR(json_string_value(json_object_get(done, "label")), "AI生成");
	CHECK(json_is_false(json_object_get(done, "verified")));
	CHECK_INT(json_integer_value(json_object_get(json_object_get(done, "usage"), "prompt_tokens")),
		  42);
	json_decref(done);
	ws_turn_free(ws, t);
	/* What reached the model: placeholders only. */
	FILE *f = fopen(replay_record_path, "r");
	REQUIRE(f != NULL);
	struct yk_buf rec;
	yk_buf_init(&rec, 0);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		CHECK_INT(yk_buf_add(&rec, buf, n), 0);
	fclose(f);
	REQUIRE(rec.data != NULL);
	CHECK(strstr(rec.data, "〔電話1〕") != NULL);
	CHECK(strstr(rec.data, "090-1234-5678") == NULL);
	CHECK(strstr(rec.data, "123456789018") == NULL);
	CHECK(strstr(rec.data, "田中") == NULL);
	yk_buf_release(&rec);
	/* Stored masked, usage recorded. */
	struct yk_buf all;
	yk_buf_init(&all, 0);
	all_text(db, "SELECT content FROM ws_messages WHERE role = 'assistant'", &all);
	REQUIRE(all.data != NULL);
	CHECK(strstr(all.data, "〔電話1〕") != NULL && strstr(all.data, "090") == NULL);
	yk_buf_release(&all);
	CHECK_INT(count_rows(db, "SELECT count(*) FROM llm_usage WHERE feature = 'chat' AND"
				 " prompt_tokens = 42"),
		  1);
	CHECK_INT(count_rows(db, "SELECT count(*) FROM usage_events WHERE feature = 'chat' AND"
				 " outcome = 'ok'"),
		  1);
	yk_buf_release(&d.text);
	ws_free(ws);
	store_close(db);
}

TEST_MAIN(T(render_cases_from_data), T(conversation_values_limit_is_named), T(seed_has_twenty_templates_once), T(template_permissions),
	  T(citation_cases_from_data), T(guard_preview_reports_spans_in_code_points),
	  T(policies_mask_block_warn), T(conversations_are_owner_only), T(retention_purge),
	  T(turn_restores_the_reply_and_sends_no_personal_data))
