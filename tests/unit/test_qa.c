/* Unit tests for src/qa: asking over a small FAQ of our own writing, the
 * decision, the public boundary, feedback tokens, the masked question log,
 * unanswered groups and resolving them, synonyms, the index following
 * changes and the public rate limit. (Metrics: test_search.) */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "auth/auth.h"
#include "db_fixture.h"
#include "harness.h"
#include "kb/kb.h"
#include "qa/qa.h"
#include "qa/qa_int.h"
#include "search/search.h"
#include "api/api.h"
#include "http/http.h"
#include "text/text.h"

static const struct audit_actor cli = {0, "cli", NULL};
static struct qa *qa;

static const char faq[] =
	"id,question,answer,category,public\n"
	"f1,転入届はどこで出せますか,本庁舎1階の市民課で受け付けます。引っ越してから14日以内に届け出てください。,届出,1\n"
	"f2,粗大ごみの出し方を教えてください,粗大ごみは申込制です。ごみ対策課へ電話で申し込み、指定日に出してください。,ごみ,1\n"
	"f3,職員の旅費の精算はどうすればよいですか,出張から5日以内に旅費精算書を庶務担当へ提出します。,庶務,0\n"
	"f4,マイナンバーカードの受け取りに必要なもの,交付通知書と本人確認書類を持って市民課へお越しください。,マイナンバー,1\n"
	"f5,保育所の入所申込みの時期,4月入所の申込みは前年の11月に子育て支援課で受け付けます。,子育て,1\n";

static struct store *fresh_db(void)
{
	struct store *db = fixture_db("qa");
	struct kb_report *rep = calloc(1, sizeof(*rep));
	if (!rep || kb_import_file(db, &cli, "faq.csv", faq, sizeof(faq) - 1, rep, NULL) != 0)
		abort();
	free(rep);
	return db;
}

static json_t *ask_as(struct store *db, enum qa_channel ch, const char *q)
{
	struct qa_asker who = {ch, 0, 0};
	struct qa_answer a;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = qa_ask(qa, db, &who, q, strlen(q), &a, &ei);
	if (rc) {
		fprintf(stderr, "qa_ask(%s): %d %s\n", q, rc, ei.message);
		return NULL;
	}
	json_t *out = api_qa_answer_json(&a);
	qa_answer_release(&a);
	return out;
}

static const char *decision(json_t *r)
{
	return json_string_value(json_object_get(r, "decision"));
}

static const char *top_source_ext(json_t *r)
{
	json_t *s = json_array_get(json_object_get(r, "sources"), 0);
	return s ? json_string_value(json_object_get(s, "external_id")) : "";
}

TEST(answers_with_source_and_highlights)
{
	struct store *db = fresh_db();
	json_t *r = ask_as(db, QA_CHANNEL_STAFF, "粗大ごみの出し方");
	REQUIRE(r != NULL);
	CHECK_STR(decision(r), "answer");
	json_t *ans = json_object_get(r, "answer");
	CHECK(strstr(json_string_value(json_object_get(ans, "text")), "申込制") != NULL);
	CHECK_STR(top_source_ext(r), "f2");
	json_t *src = json_array_get(json_object_get(r, "sources"), 0);
	const char *snip = json_string_value(json_object_get(src, "snippet"));
	json_t *hl = json_object_get(src, "highlights");
	REQUIRE(snip && json_array_size(hl) >= 1);
	/* Each highlight is a code-point range inside the snippet. */
	size_t ncp = yk_utf8_count(snip, strlen(snip));
	size_t i;
	json_t *h;
	json_array_foreach(hl, i, h) {
		json_int_t a = json_integer_value(json_array_get(h, 0));
		json_int_t b = json_integer_value(json_array_get(h, 1));
		CHECK(a >= 0 && a < b && (size_t)b <= ncp);
	}
	CHECK_STR(json_string_value(json_object_get(src, "source_name")), "faq.csv");
	CHECK_INT(strlen(json_string_value(json_object_get(r, "feedback_token"))), 32);
	qa_flush(qa);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM usage_events WHERE feature = 'ask'"
			      " AND outcome = 'answer'"),
		  1);
	json_decref(r);
	store_close(db);
}

TEST(synonyms_and_unknown)
{
	struct store *db = fresh_db();
	/* 個人番号 is only a synonym of マイナンバー in the seed table. */
	json_t *r = ask_as(db, QA_CHANNEL_STAFF, "個人番号カードの受け取り");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f4");
	CHECK(strcmp(decision(r), "unknown") != 0);
	json_decref(r);
	r = ask_as(db, QA_CHANNEL_STAFF, "宇宙旅行の補助金はありますか");
	REQUIRE(r != NULL);
	CHECK_STR(decision(r), "unknown");
	CHECK(json_is_null(json_object_get(r, "answer")));
	json_decref(r);
	store_close(db);
}

TEST(public_channel_never_sees_private_entries)
{
	struct store *db = fresh_db();
	json_t *r = ask_as(db, QA_CHANNEL_STAFF, "職員の旅費の精算");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f3");
	json_decref(r);
	r = ask_as(db, QA_CHANNEL_PUBLIC, "職員の旅費の精算");
	REQUIRE(r != NULL);
	char *text = json_dumps(r, 0);
	CHECK(strstr(text, "旅費精算書") == NULL);
	CHECK(strstr(text, "\"external_id\"") == NULL);
	CHECK(strstr(text, "\"source_name\"") == NULL);
	free(text);
	json_decref(r);
	qa_flush(qa);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM usage_events WHERE feature = 'ask_public'"), 1);
	store_close(db);
}

TEST(question_log_is_masked_and_feedback_needs_token)
{
	struct store *db = fresh_db();
	json_t *r = ask_as(db, QA_CHANNEL_STAFF, "山田太郎さんから090-1234-5678に電話。粗大ごみの件");
	REQUIRE(r != NULL);
	int64_t id = json_integer_value(json_object_get(r, "question_id"));
	const char *token = json_string_value(json_object_get(r, "feedback_token"));
	qa_flush(qa);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions WHERE question LIKE '%090%'"
			      " OR question LIKE '%山田%'"),
		  0);
	qa_flush(qa);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions WHERE question LIKE '%〔電話1〕%'"), 1);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(qa_feedback(qa, db, id, "00000000000000000000000000000000", -1, NULL, &ei),
		  YK_EFORBIDDEN);
	CHECK_INT(qa_feedback(qa, db, id, token, 2, NULL, &ei), YK_EINVAL);
	CHECK_INT(qa_feedback(qa, db, id + 100, token, 1, NULL, &ei), YK_ENOTFOUND);
	CHECK_INT(qa_feedback(qa, db, id, token, 1, "助かりました", &ei), 0);
	CHECK_INT(qa_feedback(qa, db, id, token, -1, "やはり違いました", &ei), 0); /* replaces */
	CHECK_INT(fixture_int(db, "SELECT vote FROM qa_feedback"), -1);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_feedback"), 1);
	json_decref(r);
	store_close(db);
}

/* The question log and feedback comments go through the one guard: the
 * pii_allow_list setting keeps the city's own number, a name is masked,
 * and a comment is stored masked too. */
TEST(question_log_and_comments_use_the_guard_with_its_allow_list)
{
	struct store *db = fresh_db();
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	REQUIRE(store_setting_set(db, "pii_allow_list", "0299-55-1234", 0, &ei) == 0);
	json_t *r = ask_as(db, QA_CHANNEL_STAFF, "0299-55-1234に電話した田中様の件");
	REQUIRE(r != NULL);
	int64_t id = json_integer_value(json_object_get(r, "question_id"));
	const char *token = json_string_value(json_object_get(r, "feedback_token"));
	qa_flush(qa);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions WHERE question LIKE '%0299-55-1234%'"
			      " AND question NOT LIKE '%田中%' AND question LIKE '%〔氏名1〕%'"),
		  1);
	CHECK_INT(qa_feedback(qa, db, id, token, -1, "鈴木一郎さんの携帯090-8765-4321に折り返し", &ei), 0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_feedback WHERE comment LIKE '%090%'"
			      " OR comment LIKE '%鈴木%'"),
		  0);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_feedback WHERE comment LIKE '%〔電話1〕%'"), 1);
	json_decref(r);
	store_close(db);
}

TEST(unanswered_groups_and_resolve)
{
	struct store *db = fresh_db();
	const char *qs[] = {"犬の登録はどこでできますか", "犬の登録の場所を知りたい",
			    "犬の登録はどこでできますか", "宇宙旅行の補助金"};
	for (size_t i = 0; i < 4; i++)
		json_decref(ask_as(db, QA_CHANNEL_STAFF, qs[i]));
	/* A down-voted answer joins the list too. */
	json_t *r = ask_as(db, QA_CHANNEL_STAFF, "粗大ごみの出し方");
	REQUIRE(r != NULL);
	REQUIRE(qa_feedback(qa, db, json_integer_value(json_object_get(r, "question_id")),
			    json_string_value(json_object_get(r, "feedback_token")), -1, NULL,
			    NULL) == 0);
	json_decref(r);
	json_t *u = NULL;
	REQUIRE(qa_unanswered(qa, db, 50, &u, NULL) == 0);
	json_t *groups = json_object_get(u, "groups");
	REQUIRE(json_array_size(groups) == 3);
	json_t *g0 = json_array_get(groups, 0);
	CHECK_INT(json_integer_value(json_object_get(g0, "count")), 3); /* the dog questions */
	CHECK(strstr(json_string_value(json_object_get(g0, "question")), "犬") != NULL);
	CHECK_STR(json_string_value(json_object_get(g0, "reason")), "unanswered");
	int found_down = 0;
	size_t i;
	json_t *g;
	json_array_foreach(groups, i, g)
		found_down |= strcmp(json_string_value(json_object_get(g, "reason")), "downvoted") == 0;
	CHECK(found_down);
	/* Resolve the dog group with a new FAQ entry. */
	json_t *ids = json_object_get(g0, "question_ids");
	int64_t qids[8];
	size_t n = json_array_size(ids);
	REQUIRE(n == 3);
	for (size_t k = 0; k < n; k++)
		qids[k] = json_integer_value(json_array_get(ids, k));
	int64_t entry;
	REQUIRE(qa_resolve(db, &cli, qids, n, "犬の登録はどこでできますか",
			   "犬の登録は環境政策課の窓口で受け付けています。", "ペット", 1, &entry,
			   NULL) == 0);
	json_decref(u);
	REQUIRE(qa_unanswered(qa, db, 50, &u, NULL) == 0);
	CHECK_INT(json_array_size(json_object_get(u, "groups")), 2);
	json_decref(u);
	/* The index follows: the same question is now answered by the entry. */
	r = ask_as(db, QA_CHANNEL_STAFF, "犬の登録はどこでできますか");
	REQUIRE(r != NULL);
	CHECK_STR(decision(r), "answer");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(r, "answer"), "id")), entry);
	json_decref(r);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM audit_log WHERE action = 'qa.resolve'"), 1);
	/* Dismissing removes the rest. */
	int64_t rest[1];
	REQUIRE(qa_unanswered(qa, db, 50, &u, NULL) == 0);
	json_array_foreach(json_object_get(u, "groups"), i, g) {
		rest[0] = json_integer_value(json_array_get(json_object_get(g, "question_ids"), 0));
		CHECK_INT(qa_dismiss(db, &cli, rest, 1, NULL), 0);
	}
	json_decref(u);
	REQUIRE(qa_unanswered(qa, db, 50, &u, NULL) == 0);
	CHECK_INT(json_array_size(json_object_get(u, "groups")), 0);
	json_decref(u);
	store_close(db);
}

TEST(hidden_entries_and_synonym_edits_reach_the_index)
{
	struct store *db = fresh_db();
	json_t *r = ask_as(db, QA_CHANNEL_STAFF, "粗大ごみの出し方");
	REQUIRE(r != NULL);
	int64_t id = json_integer_value(json_object_get(json_object_get(r, "answer"), "id"));
	json_decref(r);
	REQUIRE(kb_entry_set_hidden(db, &cli, id, 1, NULL) == 0);
	r = ask_as(db, QA_CHANNEL_STAFF, "粗大ごみの出し方");
	REQUIRE(r != NULL);
	CHECK(strcmp(top_source_ext(r), "f2") != 0);
	json_decref(r);
	/* A new synonym group: 転居届 = 転入届 for this city. */
	json_t *s = NULL;
	REQUIRE(qa_synonyms_get(db, &s, NULL) == 0);
	size_t before = json_array_size(json_object_get(s, "groups"));
	CHECK(before >= 50); /* seeded */
	json_t *groups = json_deep_copy(json_object_get(s, "groups"));
	json_array_append_new(groups, json_pack("[s,s]", "ウェルカム届", "転入届"));
	CHECK_INT(qa_synonyms_put(db, &cli, groups, NULL), 0);
	r = ask_as(db, QA_CHANNEL_STAFF, "ウェルカム届");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f1");
	json_decref(r);
	/* Bad groups are refused whole. */
	json_t *bad = json_pack("[[s]]", "ひとつだけ");
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(qa_synonyms_put(db, &cli, bad, &ei), YK_EINVAL);
	CHECK(strstr(ei.message, "1 番目のグループ") != NULL);
	json_decref(bad);
	bad = json_pack("[[s,s]]", "タブ\tあり", "x");
	CHECK_INT(qa_synonyms_put(db, &cli, bad, &ei), YK_EINVAL);
	json_decref(bad);
	json_t *after = NULL;
	REQUIRE(qa_synonyms_get(db, &after, NULL) == 0);
	CHECK_INT(json_array_size(json_object_get(after, "groups")), before + 1);
	/* Emptying on purpose does not bring the seed back. */
	json_t *none = json_array();
	CHECK_INT(qa_synonyms_put(db, &cli, none, NULL), 0);
	json_decref(none);
	json_decref(after);
	REQUIRE(qa_synonyms_get(db, &after, NULL) == 0);
	CHECK_INT(json_array_size(json_object_get(after, "groups")), 0);
	json_decref(after);
	json_decref(groups);
	json_decref(s);
	store_close(db);
}

TEST(question_validation)
{
	struct store *db = fresh_db();
	struct qa_asker who = {QA_CHANNEL_STAFF, 0, 0};
	struct qa_answer out;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(qa_ask(qa, db, &who, " 　\n", strlen(" 　\n"), &out, &ei), YK_EINVAL);
	CHECK_STR(ei.field, "question");
	CHECK_INT(qa_ask(qa, db, &who, "\xff\xfe", 2, &out, &ei), YK_EUTF8);
	char big[QA_QUESTION_MAX + 2];
	memset(big, 'a', sizeof(big));
	CHECK_INT(qa_ask(qa, db, &who, big, sizeof(big), &out, &ei), YK_EINVAL);
	qa_flush(qa);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions"), 0);
	store_close(db);
}

/* Staff 👍 teaches an entry the words of the question (SEARCH_FIELD_ASKED):
 * a later question in those words finds it. Citizens' votes, masked
 * questions and a 👍 taken back teach nothing; the learned words are never
 * shown; a new process (full build) knows what a running one learned
 * incrementally. Own qa instances: generations of different test
 * databases may coincide. */
static json_t *ask_with(struct qa *q, struct store *db, enum qa_channel ch, const char *text)
{
	struct qa_asker who = {ch, 0, 0};
	struct qa_answer a;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (qa_ask(q, db, &who, text, strlen(text), &a, &ei) != 0) {
		fprintf(stderr, "qa_ask(%s): %s\n", text, ei.message);
		return NULL;
	}
	json_t *out = api_qa_answer_json(&a);
	qa_answer_release(&a);
	return out;
}

/* Score of the entry with external id ext among the sources, 0 if absent. */
static double source_score(json_t *r, const char *ext)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(r, "sources"), i, s) {
		const char *e = json_string_value(json_object_get(s, "external_id"));
		if (e && strcmp(e, ext) == 0)
			return json_real_value(json_object_get(s, "score"));
	}
	return 0;
}

static int vote_on(struct qa *q, struct store *db, enum qa_channel ch, const char *text, int vote)
{
	json_t *r = ask_with(q, db, ch, text);
	if (!r)
		return -1;
	int rc = qa_feedback(q, db, json_integer_value(json_object_get(r, "question_id")),
			     json_string_value(json_object_get(r, "feedback_token")), vote, NULL,
			     NULL);
	json_decref(r);
	return rc;
}

TEST(staff_thumbs_up_teaches_the_entry_a_phrasing)
{
	struct store *db = fresh_db();
	struct qa *q = NULL;
	REQUIRE(qa_new(NULL, NULL, &q, NULL) == 0);
	const char *later = "住民異動届の窓口";
	json_t *r = ask_with(q, db, QA_CHANNEL_STAFF, later);
	REQUIRE(r != NULL);
	double before = source_score(r, "f1");
	CHECK(strcmp(top_source_ext(r), "f1") != 0 || strcmp(decision(r), "answer") != 0);
	json_decref(r);

	/* A citizen's 👍 and a 👍 on a masked question teach nothing. */
	CHECK_INT(vote_on(q, db, QA_CHANNEL_PUBLIC, "転入届はどこで出せますか。住民異動届の窓口", 1), 0);
	CHECK_INT(vote_on(q, db, QA_CHANNEL_STAFF,
			  "転入届はどこで出せますか。住民異動届の窓口 090-1234-5678", 1), 0);
	CHECK_INT(fixture_int(db, "SELECT learned_gen FROM qa_state"), 1); /* the staff vote */
	r = ask_with(q, db, QA_CHANNEL_STAFF, later);
	REQUIRE(r != NULL);
	CHECK(fabs(source_score(r, "f1") - before) < 1e-6);
	json_decref(r);

	/* A staff member's 👍 does. */
	r = ask_with(q, db, QA_CHANNEL_STAFF, "転入届はどこで出せますか。住民異動届の窓口");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f1");
	int64_t qid = json_integer_value(json_object_get(r, "question_id"));
	char token[64];
	yk_strlcpy(token, json_string_value(json_object_get(r, "feedback_token")), sizeof(token));
	json_decref(r);
	CHECK_INT(qa_feedback(q, db, qid, token, 1, NULL, NULL), 0);
	CHECK_INT(qa_feedback(q, db, qid, token, 1, "二度目", NULL), 0); /* no change: no new generation */
	CHECK_INT(fixture_int(db, "SELECT learned_gen FROM qa_state"), 2);
	r = ask_with(q, db, QA_CHANNEL_STAFF, later);
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f1");
	double learned = source_score(r, "f1");
	CHECK(learned > before);
	/* The learned words are never shown: not in any snippet. */
	char *text = json_dumps(r, 0);
	CHECK(strstr(text, "住民異動届") == NULL);
	free(text);
	json_decref(r);

	/* A new process builds the whole index and knows it too. */
	struct qa *q2 = NULL;
	REQUIRE(qa_new(NULL, NULL, &q2, NULL) == 0);
	r = ask_with(q2, db, QA_CHANNEL_STAFF, later);
	REQUIRE(r != NULL);
	CHECK(fabs(source_score(r, "f1") - learned) < 1e-4);
	json_decref(r);

	/* Taking the 👍 back (👎) un-teaches, in both. */
	CHECK_INT(qa_feedback(q, db, qid, token, -1, NULL, NULL), 0);
	CHECK_INT(fixture_int(db, "SELECT learned_gen FROM qa_state"), 3);
	struct qa *both[2] = {q, q2};
	for (int i = 0; i < 2; i++) {
		r = ask_with(both[i], db, QA_CHANNEL_STAFF, later);
		REQUIRE(r != NULL);
		CHECK(fabs(source_score(r, "f1") - before) < 1e-4);
		json_decref(r);
	}
	qa_free(q2);
	qa_free(q);
	store_close(db);
}

/* Each kind of change reaches the very next question through a delta:
 * the rebuild counter stays at the first build. Own qa instance, so the
 * counters are this test's. */
TEST(changes_reach_the_next_question_without_a_rebuild)
{
	struct store *db = fresh_db();
	struct qa *q = NULL;
	REQUIRE(qa_new(NULL, NULL, &q, NULL) == 0);
	json_t *r = ask_with(q, db, QA_CHANNEL_STAFF, "粗大ごみの出し方");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f2");
	int64_t f2 = json_integer_value(json_object_get(json_object_get(r, "answer"), "id"));
	json_decref(r);
	struct qa_index_stats st;
	qa_index_stats(q, &st);
	CHECK_INT(st.rebuilds, 1);
	CHECK_INT(st.deltas, 0);
	CHECK_INT(st.docs, 5);

	/* Edit: the entry now speaks of 家電リサイクル. */
	struct kb_entry_spec spec;
	memset(&spec, 0, sizeof(spec));
	spec.kind = KB_KIND_FAQ;
	spec.question = "家電リサイクルの申込み方法";
	spec.answer = "エアコンやテレビは家電リサイクル受付センターへ申し込んでください。";
	spec.is_public = 1;
	REQUIRE(kb_entry_update(db, &cli, f2, &spec, NULL) == 0);
	r = ask_with(q, db, QA_CHANNEL_STAFF, "家電リサイクルの申込み");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f2");
	CHECK(strstr(json_string_value(json_object_get(json_array_get(json_object_get(r, "sources"), 0),
							 "snippet")),
		      "家電リサイクル受付センター") != NULL);
	json_decref(r);
	r = ask_with(q, db, QA_CHANNEL_STAFF, "粗大ごみの出し方");
	REQUIRE(r != NULL);
	CHECK(strcmp(top_source_ext(r), "f2") != 0);
	json_decref(r);
	qa_index_stats(q, &st);
	CHECK_INT(st.rebuilds, 1);
	CHECK_INT(st.deltas, 1);

	/* Hide, then show again. */
	REQUIRE(kb_entry_set_hidden(db, &cli, f2, 1, NULL) == 0);
	r = ask_with(q, db, QA_CHANNEL_STAFF, "家電リサイクルの申込み");
	REQUIRE(r != NULL);
	CHECK(strcmp(top_source_ext(r), "f2") != 0);
	json_decref(r);
	REQUIRE(kb_entry_set_hidden(db, &cli, f2, 0, NULL) == 0);
	r = ask_with(q, db, QA_CHANNEL_STAFF, "家電リサイクルの申込み");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f2");
	json_decref(r);

	/* A new entry, then its deletion. */
	int64_t added = 0;
	spec.question = "図書館の開館時間を知りたい";
	spec.answer = "中央図書館は午前9時から午後7時まで開いています。";
	REQUIRE(kb_entry_create(db, &cli, &spec, &added, NULL) == 0);
	r = ask_with(q, db, QA_CHANNEL_PUBLIC, "図書館の開館時間");
	REQUIRE(r != NULL);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(json_object_get(r, "sources"), 0),
						     "id")),
		  added);
	json_decref(r);
	REQUIRE(kb_entry_delete(db, &cli, added, NULL) == 0);
	r = ask_with(q, db, QA_CHANNEL_PUBLIC, "図書館の開館時間");
	REQUIRE(r != NULL);
	CHECK_INT(json_array_size(json_object_get(r, "sources")), 0);
	json_decref(r);

	/* A synonym change. */
	r = ask_with(q, db, QA_CHANNEL_STAFF, "ミドリパス");
	REQUIRE(r != NULL);
	CHECK_INT(json_array_size(json_object_get(r, "sources")), 0);
	json_decref(r);
	json_t *groups = json_pack("[[s,s]]", "ミドリパス", "転入届");
	REQUIRE(qa_synonyms_put(db, &cli, groups, NULL) == 0);
	json_decref(groups);
	r = ask_with(q, db, QA_CHANNEL_STAFF, "ミドリパス");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f1");
	json_decref(r);

	qa_index_stats(q, &st);
	CHECK_INT(st.rebuilds, 1);
	CHECK_INT(st.deltas, 6);
	CHECK_INT(st.docs, 5);
	/* Nothing changed: no delta either. */
	r = ask_with(q, db, QA_CHANNEL_STAFF, "ミドリパス");
	json_decref(r);
	qa_index_stats(q, &st);
	CHECK_INT(st.deltas, 6);
	/* A new process starts from a full build and agrees. */
	struct qa *q2 = NULL;
	REQUIRE(qa_new(NULL, NULL, &q2, NULL) == 0);
	r = ask_with(q2, db, QA_CHANNEL_STAFF, "家電リサイクルの申込み");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "f2");
	json_decref(r);
	qa_free(q2);
	qa_free(q);
	store_close(db);
}

/* Every question is logged once qa_free returns (the writer drains), with
 * distinct ids; a second instance on the same database takes other ids. */
TEST(question_log_drains_and_ids_do_not_collide)
{
	struct store *db = fresh_db();
	struct qa *a = NULL, *b = NULL;
	REQUIRE(qa_new(NULL, NULL, &a, NULL) == 0);
	REQUIRE(qa_new(NULL, NULL, &b, NULL) == 0);
	for (int i = 0; i < 40; i++) {
		json_t *r = ask_with(i % 2 ? a : b, db, QA_CHANNEL_STAFF,
				     i % 3 ? "転入届はどこで出せますか" : "保育所の申込み");
		REQUIRE(r != NULL);
		json_decref(r);
	}
	qa_free(a);
	qa_free(b);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions"), 40);
	CHECK_INT(fixture_int(db, "SELECT count(DISTINCT id) FROM qa_questions"), 40);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM usage_events WHERE ref_id IN"
			      " (SELECT id FROM qa_questions)"),
		  40);
	store_close(db);
}

/* Question ids come in blocks of QA_LOG_ID_BLOCK; when half of a block is
 * used, the writer reserves the next one inside one of its group commits,
 * so that no question waits for a synced reservation of its own. Ids stay
 * distinct and every row is written. */
TEST(question_ids_reserved_ahead_by_the_writer)
{
	struct store *db = fresh_db();
	struct qa *q = NULL;
	REQUIRE(qa_new(NULL, NULL, &q, NULL) == 0);
	const int n = QA_LOG_ID_BLOCK / 2 + 2;
	int failed = 0;
	for (int i = 0; i < n; i++) {
		struct qa_asker who = {QA_CHANNEL_STAFF, 0, 0};
		struct qa_answer a;
		const char *text = i % 2 ? "転入届" : "保育所";
		if (qa_ask(q, db, &who, text, strlen(text), &a, NULL) != 0)
			failed++;
		else
			qa_answer_release(&a);
	}
	CHECK_INT(failed, 0);
	qa_flush(q);
	/* The first block was reserved by the first question, the second by
	 * the writer: no question reserved it. */
	CHECK_INT(fixture_int(db, "SELECT question_ids_reserved FROM qa_state"), 2 * QA_LOG_ID_BLOCK);
	pthread_mutex_lock(&q->id_mu);
	CHECK(q->id_end2 - q->id_next2 == QA_LOG_ID_BLOCK);
	CHECK(q->id_next2 == q->id_end);
	/* Use up the first block: the next question takes the second. */
	q->id_next = q->id_end;
	pthread_mutex_unlock(&q->id_mu);
	json_t *r = ask_with(q, db, QA_CHANNEL_STAFF, "転入届");
	REQUIRE(r != NULL);
	CHECK(json_integer_value(json_object_get(r, "question_id")) == QA_LOG_ID_BLOCK + 1);
	json_decref(r);
	qa_free(q);
	CHECK_INT(fixture_int(db, "SELECT question_ids_reserved FROM qa_state"), 2 * QA_LOG_ID_BLOCK);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions"), n + 1);
	CHECK_INT(fixture_int(db, "SELECT count(DISTINCT id) FROM qa_questions"), n + 1);
	CHECK_INT(fixture_int(db, "SELECT max(id) FROM qa_questions"), QA_LOG_ID_BLOCK + 1);
	store_close(db);
}

/* Askers on several threads while an editor changes entries: every
 * question answers, none waits for a rebuild (run under ThreadSanitizer
 * by `make tsan`). */
struct asker {
	const char *path;
	struct qa *qa;
	int failures, asked;
};

static void *asker_main(void *arg)
{
	struct asker *k = arg;
	struct store *db = NULL;
	if (store_open(k->path, 0, &db, NULL) != 0) {
		k->failures++;
		return NULL;
	}
	for (int i = 0; i < 60; i++) {
		struct qa_asker who = {QA_CHANNEL_STAFF, 0, 0};
		struct qa_answer a;
		const char *q = i % 2 ? "転入届はどこで出せますか" : "マイナンバーカードの受け取り";
		if (qa_ask(k->qa, db, &who, q, strlen(q), &a, NULL) != 0) {
			k->failures++;
			continue;
		}
		if (a.n_sources == 0)
			k->failures++;
		else
			k->asked++;
		qa_answer_release(&a);
	}
	store_close(db);
	return NULL;
}

TEST(askers_during_edits)
{
	struct store *db = fresh_db();
	struct qa *q = NULL;
	REQUIRE(qa_new(NULL, NULL, &q, NULL) == 0);
	json_t *r = ask_with(q, db, QA_CHANNEL_STAFF, "保育所の申込み");
	REQUIRE(r != NULL);
	int64_t id = json_integer_value(json_object_get(json_array_get(json_object_get(r, "sources"), 0),
						       "id"));
	json_decref(r);
	struct asker k[2] = {{store_path(db), q, 0, 0}, {store_path(db), q, 0, 0}};
	pthread_t th[2];
	for (int i = 0; i < 2; i++)
		REQUIRE(pthread_create(&th[i], NULL, asker_main, &k[i]) == 0);
	struct kb_entry_spec spec;
	memset(&spec, 0, sizeof(spec));
	spec.kind = KB_KIND_FAQ;
	spec.question = "保育所の入所申込みの時期";
	spec.is_public = 1;
	char answer[128];
	for (int i = 0; i < 30; i++) {
		snprintf(answer, sizeof(answer), "4月入所の申込みは前年の11月%d日までです。", i + 1);
		spec.answer = answer;
		CHECK_INT(kb_entry_update(db, &cli, id, &spec, NULL), 0);
		r = ask_with(q, db, QA_CHANNEL_STAFF, "保育所の申込み");
		REQUIRE(r != NULL);
		char want[32];
		snprintf(want, sizeof(want), "11月%d日", i + 1);
		CHECK(strstr(json_string_value(json_object_get(
				     json_array_get(json_object_get(r, "sources"), 0), "snippet")),
			     want) != NULL);
		json_decref(r);
	}
	for (int i = 0; i < 2; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(k[i].failures, 0);
		CHECK_INT(k[i].asked, 60);
	}
	struct qa_index_stats st;
	qa_index_stats(q, &st);
	CHECK_INT(st.rebuilds, 1);
	CHECK(st.deltas >= 1 && st.deltas <= 30);
	qa_free(q);
	CHECK_INT(fixture_int(db, "SELECT count(*) FROM qa_questions"), 1 + 120 + 30);
	store_close(db);
}


/* n generated entries (external ids PREFIX first.., questions about
 * "WORD N") imported as one file, like an editor's import. */
static void import_generated(struct store *db, const char *name, const char *prefix,
			     const char *word, int first, int n)
{
	size_t cap = (size_t)n * 160 + 64, len = 0;
	char *csv = malloc(cap);
	struct kb_report *rep = calloc(1, sizeof(*rep));
	if (!csv || !rep)
		abort();
	len += (size_t)snprintf(csv, cap, "id,question,answer,category,public\n");
	for (int i = first; i < first + n; i++)
		len += (size_t)snprintf(csv + len, cap - len,
					"%s%d,%s%dの利用申込み,%s%dは電話か窓口で申し込めます。,施設,1\n",
					prefix, i, word, i, word, i);
	kb_report_init(rep, name);
	if (kb_import_file(db, &cli, name, csv, len, rep, NULL) != 0)
		abort();
	free(rep);
	free(csv);
}

/* Issue 9: a merge keeps the search snapshot's semantic model, so the
 * editor's request that merges does not learn it again; a learner thread
 * does, while askers ask, and publishes it by the usual swap. qa_free
 * waits for a learner still at work. */
TEST(a_merge_leaves_learning_to_a_background_thread)
{
	struct store *db = fresh_db();
	import_generated(db, "g1.csv", "g", "会館", 0, 240);
	struct qa *q = NULL;
	REQUIRE(qa_new(NULL, NULL, &q, NULL) == 0);
	json_t *r = ask_with(q, db, QA_CHANNEL_STAFF, "転入届はどこで出せますか");
	REQUIRE(r != NULL);
	json_decref(r);
	struct qa_index_stats st;
	qa_index_stats(q, &st);
	CHECK_INT(st.rebuilds, 1);
	CHECK_INT(st.docs, 245);
	CHECK_INT(st.relearns, 0);

	struct asker k[2] = {{store_path(db), q, 0, 0}, {store_path(db), q, 0, 0}};
	pthread_t th[2];
	for (int i = 0; i < 2; i++)
		REQUIRE(pthread_create(&th[i], NULL, asker_main, &k[i]) == 0);
	/* More entries than the overlay holds: the editor's refresh merges. */
	import_generated(db, "g2.csv", "h", "公民館", 1000, SEARCH_OVERLAY_MAX + 10);
	REQUIRE(qa_index_refresh(q, db, NULL) == 0);
	qa_index_stats(q, &st);
	CHECK_INT(st.merges, 1);
	CHECK_INT(st.rebuilds, 1);
	CHECK_INT(st.docs, 245 + SEARCH_OVERLAY_MAX + 10);
	for (int i = 0; i < 6000 && st.relearns == 0; i++) {
		usleep(20000);
		qa_index_stats(q, &st);
	}
	CHECK_INT(st.relearns, 1);
	for (int i = 0; i < 2; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(k[i].failures, 0);
		CHECK_INT(k[i].asked, 60);
	}
	r = ask_with(q, db, QA_CHANNEL_STAFF, "公民館1012の利用申込み");
	REQUIRE(r != NULL);
	CHECK_STR(top_source_ext(r), "h1012");
	json_decref(r);
	qa_index_stats(q, &st);
	CHECK_INT(st.rebuilds, 1);
	CHECK_INT(st.merges, 1);

	/* A second merge starts the learner again; qa goes away meanwhile. */
	import_generated(db, "g3.csv", "k", "体育館", 5000, SEARCH_OVERLAY_MAX + 10);
	REQUIRE(qa_index_refresh(q, db, NULL) == 0);
	qa_index_stats(q, &st);
	CHECK_INT(st.merges, 2);
	CHECK_INT(st.rebuilds, 1);
	qa_free(q);
	store_close(db);
}

/* Issue 15: a question given only もしかして choices is open work like a
 * 分かりません, with its channel and the entries it was offered; the
 * thresholds come from the settings. */
TEST(suggested_questions_reach_unanswered_with_channel_and_shown)
{
	struct store *db = fresh_db();
	/* No lead is enough: every matched question gets もしかして. */
	REQUIRE(store_setting_set(db, "qa_answer_min_lead", "1", 0, NULL) == 0);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(store_setting_set(db, "qa_answer_min_lead", "1.5", 0, &ei), YK_EINVAL);
	CHECK_INT(store_setting_set(db, "qa_clarify_min_score", "-0.1", 0, NULL), YK_EINVAL);
	json_t *r = ask_as(db, QA_CHANNEL_PUBLIC, "粗大ごみの出し方");
	REQUIRE(r != NULL);
	CHECK_STR(decision(r), "clarify");
	json_t *srcs = json_object_get(r, "sources");
	REQUIRE(json_array_size(srcs) >= 1);
	int64_t first = json_integer_value(json_object_get(json_array_get(srcs, 0), "id"));
	int64_t qid = json_integer_value(json_object_get(r, "question_id"));
	json_decref(r);
	/* A もしかして question the asker voted 👍 on was helped: not listed. */
	r = ask_as(db, QA_CHANNEL_STAFF, "保育所の入所申込みの時期");
	REQUIRE(r != NULL);
	CHECK_STR(decision(r), "clarify");
	REQUIRE(qa_feedback(qa, db, json_integer_value(json_object_get(r, "question_id")),
			    json_string_value(json_object_get(r, "feedback_token")), 1, NULL,
			    NULL) == 0);
	json_decref(r);
	qa_flush(qa);
	/* The log row holds what was shown, in order. */
	char sql[160];
	snprintf(sql, sizeof(sql),
		 "SELECT CAST(shown_entry_ids AS INTEGER) = %lld AND channel = 'public'"
		 " FROM qa_questions WHERE id = %lld",
		 (long long)first, (long long)qid);
	CHECK_INT(fixture_int(db, sql), 1);
	json_t *u = NULL;
	REQUIRE(qa_unanswered(qa, db, 50, &u, NULL) == 0);
	json_t *groups = json_object_get(u, "groups");
	REQUIRE(json_array_size(groups) == 1);
	json_t *g = json_array_get(groups, 0);
	CHECK_STR(json_string_value(json_object_get(g, "question")), "粗大ごみの出し方");
	CHECK_STR(json_string_value(json_object_get(g, "reason")), "suggested");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(g, "channels"), "public")), 1);
	CHECK(json_object_get(json_object_get(g, "channels"), "staff") == NULL);
	json_t *shown = json_array_get(json_object_get(g, "shown"), 0);
	REQUIRE(shown != NULL);
	CHECK_INT(json_integer_value(json_object_get(shown, "id")), first);
	CHECK_STR(json_string_value(json_object_get(shown, "title")), "粗大ごみの出し方を教えてください");
	CHECK_STR(json_string_value(json_object_get(shown, "kind")), "faq");
	json_decref(u);
	/* A shown entry deleted since is left out, not an error. */
	REQUIRE(kb_entry_delete(db, &cli, first, NULL) == 0);
	REQUIRE(qa_unanswered(qa, db, 50, &u, NULL) == 0);
	g = json_array_get(json_object_get(u, "groups"), 0);
	REQUIRE(g != NULL);
	json_t *sh;
	size_t i;
	json_array_foreach(json_object_get(g, "shown"), i, sh)
		CHECK(json_integer_value(json_object_get(sh, "id")) != first);
	json_decref(u);
	/* Thresholds back to 0: the same kind of question is answered. */
	REQUIRE(store_setting_set(db, "qa_answer_min_lead", "0", 0, NULL) == 0);
	REQUIRE(store_setting_set(db, "qa_answer_min_score", "0", 0, NULL) == 0);
	r = ask_as(db, QA_CHANNEL_STAFF, "マイナンバーカードの受け取り");
	REQUIRE(r != NULL);
	CHECK_STR(decision(r), "answer");
	json_decref(r);
	store_close(db);
}

/* The thresholds are kept per connection between questions, under the
 * settings generation: a change by another process (raw SQL on another
 * connection here: no in-process signal) decides the very next question,
 * without waiting for STORE_SETTING_CACHE_MS. */
TEST(thresholds_changed_by_another_process_decide_the_next_question)
{
	struct store *db = fresh_db();
	REQUIRE(store_setting_set(db, "qa_answer_min_lead", "0", 0, NULL) == 0);
	REQUIRE(store_setting_set(db, "qa_answer_min_score", "0", 0, NULL) == 0);
	struct store *other = NULL;
	REQUIRE(store_open(store_path(db), 0, &other, NULL) == 0);
	for (int round = 0; round < 2; round++) {
		json_t *r = ask_as(db, QA_CHANNEL_STAFF, "マイナンバーカードの受け取り");
		REQUIRE(r != NULL);
		CHECK_STR(decision(r), "answer");
		json_decref(r);
		r = ask_as(db, QA_CHANNEL_STAFF, "マイナンバーカードの受け取り"); /* cached now */
		REQUIRE(r != NULL);
		CHECK_STR(decision(r), "answer");
		json_decref(r);
		/* No lead is enough: もしかして from the next question on. */
		REQUIRE(store_exec(other,
				   "UPDATE settings SET value = '1' WHERE key = 'qa_answer_min_lead'",
				   NULL) == 0);
		r = ask_as(db, QA_CHANNEL_STAFF, "マイナンバーカードの受け取り");
		REQUIRE(r != NULL);
		CHECK_STR(decision(r), "clarify");
		json_decref(r);
		/* A row deleted: the default applies at once, and 0 again. */
		REQUIRE(store_exec(other, "DELETE FROM settings WHERE key = 'qa_answer_min_lead'",
				   NULL) == 0);
		REQUIRE(store_exec(other,
				   "INSERT INTO settings(key, value, updated_at)"
				   " VALUES ('qa_answer_min_lead', '0', 0)",
				   NULL) == 0);
	}
	store_close(other);
	store_close(db);
}

/* Adds a public FAQ entry; returns its id. */
static int64_t add_faq(struct store *db, const char *question, const char *answer)
{
	struct kb_entry_spec spec;
	memset(&spec, 0, sizeof(spec));
	spec.kind = KB_KIND_FAQ;
	spec.question = question;
	spec.answer = answer;
	spec.is_public = 1;
	int64_t id = 0;
	if (kb_entry_create(db, &cli, &spec, &id, NULL) != 0)
		abort();
	return id;
}

/* 「市長の交際費」 shares only 費 with 高額療養費: not an answer, not a source. */
TEST(weak_matches_are_not_shown)
{
	struct store *db = fresh_db();
	int64_t id = add_faq(db, "高額療養費の申請方法",
			     "医療費の自己負担が限度額を超えたときは、保険年金課に申請すると払い戻しを受けられます。");
	json_t *r = ask_as(db, QA_CHANNEL_STAFF, "市長の交際費");
	REQUIRE(r != NULL);
	CHECK_STR(decision(r), "unknown");
	CHECK_INT(json_array_size(json_object_get(r, "sources")), 0);
	CHECK_INT(json_array_size(json_object_get(r, "related")), 0);
	json_decref(r);
	/* The strong word still finds it. */
	r = ask_as(db, QA_CHANNEL_STAFF, "高額療養費");
	REQUIRE(r != NULL);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(json_object_get(r, "sources"), 0),
						     "id")),
		  id);
	json_decref(r);
	/* qa_decide agrees with qa_ask on a weak top. */
	struct qa_rank_info info = {1, 0.9f, 0.9f, true};
	CHECK_INT(qa_decide(NULL, &info), QA_UNKNOWN);
	info.top_weak = false;
	CHECK_INT(qa_decide(NULL, &info), QA_ANSWER);
	info.top_id = 0;
	CHECK_INT(qa_decide(NULL, &info), QA_UNKNOWN);
	store_close(db);
}

/* Snippets start and end where MeCab puts a morpheme boundary. */
TEST(snippets_cut_at_word_boundaries)
{
	struct store *db = fresh_db();
	static const char answer[] = "生活保護を受けている世帯や、災害で住宅に大きな被害を受けた世帯などは、"
				     "申請により上下水道の基本料金が減額されることがあります。"
				     "申請には、対象となることを確かめる書類と、上下水道局から届いた検針票が必要です。"
				     "受付は上下水道局お客さまセンターの窓口で、平日の午前8時30分から午後5時15分までです。"
				     "郵送でも受け付けますので、申請書をホームページから印刷してお使いください。"
				     "なお、下水道使用料の減免は、前年度の所得や世帯の人数によって認められないことがあります。"
				     "詳しくは、お客さまセンターへお問い合わせください。"
				     "減額が認められた場合は、申請した月の次の検針分から新しい料金になります。"
				     "さかのぼって減額することはできませんので、早めに申請してください。"
				     "世帯の状況が変わったときは、その月のうちに届け出てください。"
				     "届出がないまま減額を受け続けた場合は、差額をお支払いいただきます。";
	int64_t id = add_faq(db, "下水道使用料の減免", answer);
	json_t *r = ask_as(db, QA_CHANNEL_STAFF, "前年度の人数");
	REQUIRE(r != NULL);
	json_t *src = NULL, *x;
	size_t i;
	json_array_foreach(json_object_get(r, "sources"), i, x)
		if (json_integer_value(json_object_get(x, "id")) == id)
			src = x;
	REQUIRE(src != NULL);
	const char *snip = json_string_value(json_object_get(src, "snippet"));
	REQUIRE(snip != NULL);
	/* Cut on both sides: the match is in the middle of a long answer. */
	REQUIRE(strncmp(snip, "…", 3) == 0);
	size_t sl = strlen(snip);
	REQUIRE(sl > 6 && strcmp(snip + sl - 3, "…") == 0);
	const char *body = snip + 3;
	size_t blen = sl - 6;
	const char *at;
	for (at = answer; *at && strncmp(at, body, blen) != 0; at++)
		;
	REQUIRE(*at);
	size_t start = (size_t)(at - answer), end = start + blen;
	/* Both ends are morpheme boundaries of the whole answer. */
	struct text_model *m = NULL;
	struct text_tokenizer *tk = NULL;
	REQUIRE(text_model_new(NULL, &m, NULL) == 0);
	REQUIRE(text_tokenizer_new(m, &tk, NULL) == 0);
	struct text_morphs ms;
	memset(&ms, 0, sizeof(ms));
	REQUIRE(text_analyze(tk, answer, strlen(answer), &ms, NULL) == 0);
	int start_ok = 0, end_ok = 0;
	for (size_t k = 0; k < ms.n; k++) {
		start_ok |= ms.v[k].start - ms.v[k].space == start || ms.v[k].start == start;
		end_ok |= ms.v[k].end == end;
	}
	CHECK(start_ok);
	CHECK(end_ok);
	text_morphs_release(&ms);
	text_tokenizer_free(tk);
	text_model_free(m);
	json_decref(r);
	store_close(db);
}

/* The word boundaries of an entry are found once (the first question
 * that shows it) and published for every later one: questions racing to
 * show a never-shown entry from several threads (ThreadSanitizer in
 * `make tsan`) get the very snippet that one thread alone gets, and so
 * does the next question. */
struct snippet_asker {
	const char *path;
	struct qa *qa;
	pthread_barrier_t *go;
	char *answer; /* the answer JSON from "decision" on */
};

static char *answer_body(const struct qa_answer *a);

static void *snippet_asker_main(void *arg)
{
	struct snippet_asker *k = arg;
	struct store *db = NULL;
	if (store_open(k->path, 0, &db, NULL) != 0)
		return NULL;
	pthread_barrier_wait(k->go);
	struct qa_asker who = {QA_CHANNEL_STAFF, 0, 0};
	struct qa_answer a;
	const char *q = "前年度の人数";
	if (qa_ask(k->qa, db, &who, q, strlen(q), &a, NULL) == 0) {
		k->answer = answer_body(&a);
		qa_answer_release(&a);
	}
	store_close(db);
	return NULL;
}

TEST(snippet_cuts_found_once_under_concurrent_askers)
{
	struct store *db = fresh_db();
	add_faq(db, "下水道使用料の減免",
		"生活保護を受けている世帯や、災害で住宅に大きな被害を受けた世帯などは申請により"
		"上下水道の基本料金が減額されることがありますが、受付は上下水道局お客さまセンター"
		"の窓口で平日の午前8時30分から午後5時15分までで郵送でも受け付けますので申請書を"
		"ホームページから印刷してお使いくださいなお下水道使用料の減免は前年度の所得や世帯の"
		"人数によって認められないことがありますので詳しくはお客さまセンターへお問い合わせ"
		"ください減額が認められた場合は申請した月の次の検針分から新しい料金になります"
		"さかのぼって減額することはできませんので早めに申請してください");
	/* One thread alone, on its own qa: the reference. */
	struct qa *q1 = NULL;
	REQUIRE(qa_new(NULL, NULL, &q1, NULL) == 0);
	pthread_barrier_t go1;
	pthread_barrier_init(&go1, NULL, 1);
	struct snippet_asker ref = {store_path(db), q1, &go1, NULL};
	snippet_asker_main(&ref);
	qa_free(q1);
	pthread_barrier_destroy(&go1);
	REQUIRE(ref.answer != NULL);
	CHECK(strstr(ref.answer, "\"snippet\":\"…") != NULL); /* cut at its start */
	/* Four at once on a fresh qa: all race to find the cuts. */
	struct qa *q4 = NULL;
	REQUIRE(qa_new(NULL, NULL, &q4, NULL) == 0);
	/* Build the index first so that the threads race on the cuts only. */
	json_t *warm = ask_with(q4, db, QA_CHANNEL_STAFF, "住民票");
	json_decref(warm);
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, 4);
	struct snippet_asker k[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		k[i] = (struct snippet_asker){store_path(db), q4, &go, NULL};
		REQUIRE(pthread_create(&th[i], NULL, snippet_asker_main, &k[i]) == 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		REQUIRE(k[i].answer != NULL);
		CHECK_STR(k[i].answer, ref.answer);
		free(k[i].answer);
	}
	pthread_barrier_destroy(&go);
	/* And later, from the published cuts. */
	struct snippet_asker again = {store_path(db), q4, &go1, NULL};
	pthread_barrier_init(&go1, NULL, 1);
	snippet_asker_main(&again);
	pthread_barrier_destroy(&go1);
	REQUIRE(again.answer != NULL);
	CHECK_STR(again.answer, ref.answer);
	free(again.answer);
	free(ref.answer);
	qa_free(q4);
	store_close(db);
}

static void setup(void)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (qa_new(NULL, NULL, &qa, &ei) != 0) {
		fprintf(stderr, "qa_new: %s\n", ei.message);
		abort();
	}
	yk_log_set_level(YK_LOG_WARN);
}

/* The answer JSON from after '"decision"' (question id and token differ). */
static char *answer_body(const struct qa_answer *a)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	api_qa_answer_write(a, &b);
	const char *d = strstr(b.data, ",\"decision\"");
	char *out = strdup(d ? d : "");
	yk_buf_release(&b);
	return out;
}

/* The entries a question shows come from the index snapshot, not from the
 * database: a display-only edit (the category) and a text edit reach the
 * very next answer by a delta; an answer taken before the edit keeps the
 * text it was ranked on (it pins its snapshot); the JSON made once per
 * entry by the encoder is byte for byte what escaping on every question
 * writes, quotes and line breaks included. */
TEST(shown_entries_come_from_the_snapshot)
{
	struct store *db = fresh_db();
	struct qa *plain = NULL, *enc = NULL;
	REQUIRE(qa_new(NULL, NULL, &plain, NULL) == 0);
	REQUIRE(qa_new(NULL, NULL, &enc, NULL) == 0);
	qa_set_json_encoder(enc, http_json_str);
	struct qa_asker who = {QA_CHANNEL_STAFF, 0, 0};
	const char *q = "粗大ごみの出し方";
	struct qa_answer before, a, b;
	REQUIRE(qa_ask(enc, db, &who, q, strlen(q), &before, NULL) == 0);
	REQUIRE(before.n_sources > 0 && before.sources[0].json != NULL);
	int64_t f2 = before.sources[0].id;
	CHECK_STR(before.sources[0].category, "ごみ");
	CHECK_STR(before.sources[0].json->category, "\"ごみ\"");
	CHECK_STR(before.sources[0].json->external_id, "\"f2\"");
	/* Nothing to escape in that answer: its snippet is written as is, and
	 * the bytes are those the escaping writer makes. */
	CHECK(before.sources[0].snippet_plain);
	REQUIRE(qa_ask(plain, db, &who, q, strlen(q), &b, NULL) == 0);
	CHECK(!b.sources[0].snippet_plain); /* no encoder: not known */
	char *jbefore = answer_body(&before), *jplain = answer_body(&b);
	CHECK_STR(jbefore, jplain);
	free(jbefore);
	free(jplain);
	qa_answer_release(&b);
	/* Citizens get neither internal name, as text or as JSON. */
	struct qa_asker citizen = {QA_CHANNEL_PUBLIC, 0, 0};
	REQUIRE(qa_ask(enc, db, &citizen, q, strlen(q), &a, NULL) == 0);
	REQUIRE(a.n_sources > 0 && a.sources[0].json != NULL);
	CHECK_INT(a.sources[0].id, f2);
	CHECK_STR(a.sources[0].external_id, "");
	CHECK_STR(a.sources[0].source_name, "");
	CHECK_STR(a.sources[0].json->external_id, "\"\"");
	CHECK_STR(a.sources[0].json->source_name, "\"\"");
	CHECK_STR(a.sources[0].json->category, "\"ごみ\"");
	qa_answer_release(&a);

	/* Display only: the category. */
	size_t changed = 0;
	REQUIRE(kb_entry_bulk_category(db, &cli, &f2, 1, "資源\"循環\"", &changed, NULL) == 0);
	CHECK_INT(changed, 1);
	REQUIRE(qa_ask(enc, db, &who, q, strlen(q), &a, NULL) == 0);
	REQUIRE(a.n_sources > 0);
	CHECK_INT(a.sources[0].id, f2);
	CHECK_STR(a.sources[0].category, "資源\"循環\"");
	CHECK_STR(a.sources[0].json->category, "\"資源\\\"循環\\\"\"");
	qa_answer_release(&a);
	/* The answer from before still reads its own snapshot's entry. */
	CHECK_STR(before.sources[0].category, "ごみ");
	qa_answer_release(&before);

	/* The text, with a quote and a line break to escape. */
	struct kb_entry_spec spec;
	memset(&spec, 0, sizeof(spec));
	spec.kind = KB_KIND_FAQ;
	spec.question = "粗大ごみの出し方を教えてください";
	spec.answer = "粗大ごみは\"申込制\"です。\n電話で申し込み、指定日に出してください。";
	spec.category = "ごみ";
	spec.is_public = 1;
	REQUIRE(kb_entry_update(db, &cli, f2, &spec, NULL) == 0);
	REQUIRE(qa_ask(enc, db, &who, q, strlen(q), &a, NULL) == 0);
	REQUIRE(qa_ask(plain, db, &who, q, strlen(q), &b, NULL) == 0);
	REQUIRE(a.n_sources > 0 && b.n_sources > 0);
	CHECK_STR(a.sources[0].text, spec.answer);
	CHECK(b.sources[0].json == NULL); /* no encoder: the writer escapes */
	CHECK(!a.sources[0].snippet_plain); /* a quote and a line break */
	char *ja = answer_body(&a), *jb = answer_body(&b);
	CHECK(strstr(ja, "\\\"申込制\\\"です。\\u000a") != NULL);
	CHECK_STR(ja, jb);
	free(ja);
	free(jb);
	qa_answer_release(&a);
	qa_answer_release(&b);

	/* Deleted: not shown by the next question. */
	REQUIRE(kb_entry_delete(db, &cli, f2, NULL) == 0);
	REQUIRE(qa_ask(enc, db, &who, q, strlen(q), &a, NULL) == 0);
	for (size_t i = 0; i < a.n_sources; i++)
		CHECK(a.sources[i].id != f2);
	qa_answer_release(&a);
	struct qa_index_stats st;
	qa_index_stats(enc, &st);
	CHECK_INT(st.rebuilds, 1);
	CHECK_INT(st.deltas, 3);
	qa_free(plain);
	qa_free(enc);
	store_close(db);
}

static const struct harness_test qa_tests[] = {
	T(answers_with_source_and_highlights),
	T(synonyms_and_unknown),
	T(public_channel_never_sees_private_entries),
	T(question_log_is_masked_and_feedback_needs_token),
	T(question_log_and_comments_use_the_guard_with_its_allow_list),
	T(unanswered_groups_and_resolve),
	T(suggested_questions_reach_unanswered_with_channel_and_shown),
	T(thresholds_changed_by_another_process_decide_the_next_question),
	T(weak_matches_are_not_shown),
	T(snippets_cut_at_word_boundaries), T(snippet_cuts_found_once_under_concurrent_askers),
	T(hidden_entries_and_synonym_edits_reach_the_index),
	T(staff_thumbs_up_teaches_the_entry_a_phrasing),
	T(question_validation),
	T(changes_reach_the_next_question_without_a_rebuild),
	T(question_log_drains_and_ids_do_not_collide),
	T(question_ids_reserved_ahead_by_the_writer),
	T(askers_during_edits), T(a_merge_leaves_learning_to_a_background_thread),
	T(shown_entries_come_from_the_snapshot),
};

int main(int argc, char **argv)
{
	setup();
	int rc = harness_run("test_qa", qa_tests, YK_ARRAY_LEN(qa_tests), argc, argv);
	qa_free(qa);
	return rc;
}
