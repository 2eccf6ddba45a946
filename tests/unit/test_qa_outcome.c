/* Unit tests for src/qa/qa_outcome.c: the 👍 rate per channel and the
 * unanswered questions turned into FAQ entries, counted for a period, as
 * 活用状況 quotes them. */
#include <stdlib.h>
#include <unistd.h>

#include "audit/audit.h"
#include "db_fixture.h"
#include "harness.h"
#include "kb/kb.h"
#include "qa/qa.h"

static const struct audit_actor cli = {0, "cli", NULL};
static struct qa *qa;

static const char faq[] =
	"id,question,answer,category,public\n"
	"f1,転入届はどこで出せますか,本庁舎1階の市民課で受け付けます。,届出,1\n"
	"f2,粗大ごみの出し方を教えてください,粗大ごみは申込制です。ごみ対策課へ申し込んでください。,ごみ,1\n";

static struct store *fresh_db(void)
{
	struct store *db = fixture_db("qaout");
	struct kb_report *rep = calloc(1, sizeof(*rep));
	if (!rep || kb_import_file(db, &cli, "faq.csv", faq, sizeof(faq) - 1, rep, NULL) != 0)
		abort();
	free(rep);
	return db;
}

/* Asks q on channel ch; with vote != 0 votes on the answer. Returns the
 * question id. */
static int64_t ask(struct store *db, enum qa_channel ch, const char *q, int vote,
		   enum qa_decision *dec)
{
	struct qa_asker who = {ch, 0, 0};
	struct qa_answer a;
	if (qa_ask(qa, db, &who, q, strlen(q), &a, NULL) != 0)
		abort();
	int64_t id = a.question_id;
	if (dec)
		*dec = a.decision;
	if (vote && qa_feedback(qa, db, id, a.feedback_token, vote, NULL, NULL) != 0)
		abort();
	qa_answer_release(&a);
	return id;
}

TEST(votes_and_unanswered_to_faq)
{
	struct store *db = fresh_db();
	enum qa_decision dec;
	ask(db, QA_CHANNEL_PUBLIC, "転入届はどこで出せますか", 1, &dec);
	REQUIRE(dec == QA_ANSWER);
	ask(db, QA_CHANNEL_PUBLIC, "転入届はどこで出せますか", 1, NULL);
	ask(db, QA_CHANNEL_PUBLIC, "粗大ごみの出し方を教えてください", -1, NULL);
	ask(db, QA_CHANNEL_STAFF, "粗大ごみの出し方を教えてください", 1, NULL);
	int64_t u1 = ask(db, QA_CHANNEL_STAFF, "宇宙旅行の補助金はありますか", 0, &dec);
	REQUIRE(dec != QA_ANSWER);
	int64_t u2 = ask(db, QA_CHANNEL_PUBLIC, "宇宙旅行の補助金について", 0, NULL);
	ask(db, QA_CHANNEL_STAFF, "火星の移住相談の窓口", 0, NULL);
	ask(db, QA_CHANNEL_CLI, "月面の土地の登記", 0, NULL); /* the CLI's: not counted */
	qa_flush(qa);
	int64_t ids[2] = {u1, u2}, entry = 0;
	REQUIRE(qa_resolve(db, &cli, ids, 2, "宇宙旅行の補助金はありますか",
			   "現在、宇宙旅行の補助制度はありません。", "その他", 1, &entry, NULL) == 0);
	int64_t now = yk_now_unix();
	struct qa_outcome o;
	CHECK_INT(qa_outcome_count(db, now - 3600, now + 3600, &o, NULL), 0);
	CHECK_INT(o.votes_up[1], 2);
	CHECK_INT(o.votes_down[1], 1);
	CHECK_INT(o.votes_up[0], 1);
	CHECK_INT(o.votes_down[0], 0);
	CHECK_INT(o.unanswered, 3);
	CHECK_INT(o.unanswered_to_faq, 2);
	CHECK_INT(o.faq_entries, 1);
	/* A period without questions counts nothing; a reversed one is refused. */
	CHECK_INT(qa_outcome_count(db, now - 86400 * 10, now - 86400 * 9, &o, NULL), 0);
	CHECK_INT(o.votes_up[1] + o.votes_down[1] + o.unanswered + o.unanswered_to_faq, 0);
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(qa_outcome_count(db, now, now, &o, &ei), YK_EINVAL);
	store_close(db);
}

static const struct harness_test qa_outcome_tests[] = {
	T(votes_and_unanswered_to_faq),
};

int main(int argc, char **argv)
{
	if (qa_new(NULL, NULL, &qa, NULL) != 0)
		abort();
	yk_log_set_level(YK_LOG_WARN);
	int rc = harness_run("test_qa_outcome", qa_outcome_tests, YK_ARRAY_LEN(qa_outcome_tests),
			     argc, argv);
	qa_free(qa);
	return rc;
}
