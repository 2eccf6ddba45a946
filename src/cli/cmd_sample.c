/* cli/sample: `yakuba sample`, loads the sample data of the fictional city
 * みどり市 (data/seed/, embedded in the binary) in three parts: the staff
 * roster with its departments (staff.csv, through auth), the FAQ
 * (faq.csv) and the internal documents (doc-*.md), both through the
 * knowledge-base import of src/kb. One Japanese summary line per part.
 *
 * Idempotent: running it again changes nothing. The roster import upserts
 * by employee number, and kb_import_file() leaves a source whose bytes have
 * the same SHA-256 alone.
 *
 * The seed folder is flat (the Makefile embeds the files directly in
 * data/seed and does not descend into folders), so documents are told
 * apart by the "doc-" prefix. In the knowledge base every seed file is stored under
 * SAMPLE_SOURCE_PREFIX plus its name without that prefix
 * ("sample/文書管理規程.md"), so that a file an editor imports as "faq.csv"
 * never replaces the sample, nor the other way round. */
#include "auth/auth.h"
#include "cli.h"
#include "core/embed.h"
#include "kb/kb.h"
#include "core/banned.h"

#define SAMPLE_ROSTER "staff.csv"
#define SAMPLE_FAQ "faq.csv"
#define SAMPLE_DOC_PREFIX "doc-"
#define SAMPLE_SOURCE_PREFIX "sample/"

static const struct yk_embedded_file *seed_file(const char *name)
{
	for (const struct yk_embedded_file *f = yk_seed; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static int is_sample_doc(const struct yk_embedded_file *f)
{
	return strncmp(f->name, SAMPLE_DOC_PREFIX, strlen(SAMPLE_DOC_PREFIX)) == 0 &&
	       kb_format_from_name(f->name) != KB_FORMAT_UNKNOWN;
}

static int import_roster(struct store *db)
{
	const struct yk_embedded_file *roster = seed_file(SAMPLE_ROSTER);
	if (!roster) {
		fprintf(stderr, "yakuba: sample data missing from this build (data/seed/%s)\n",
			SAMPLE_ROSTER);
		return CLI_EXIT_FAIL;
	}
	struct audit_actor actor = {0, "cli", NULL};
	struct auth_roster_result *res = yk_xcalloc(1, sizeof(*res));
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = auth_roster_import(db, &actor, (const char *)roster->data, roster->len,
				    SAMPLE_ROSTER, res, &ei);
	if (rc) {
		if (res->problems.count)
			cli_print_problems("yakuba: ", SAMPLE_ROSTER, &res->problems);
		else
			cli_error(rc, &ei);
	} else {
		printf("サンプルの職員名簿を登録しました: %zu 人（新規 %zu、更新 %zu、変更なし %zu）、所属 %zu 件を作成\n",
		       res->rows, res->inserted, res->updated, res->unchanged, res->departments_created);
	}
	free(res);
	return rc ? CLI_EXIT_FAIL : 0;
}

/* Imports one seed file into the knowledge base under its sample name.
 * rep is filled (status, records); problems are printed to stderr. */
static int import_kb_file(struct store *db, const struct yk_embedded_file *f,
			  const char *stored_name, struct kb_report *rep)
{
	char name[KB_NAME_MAX + 1];
	int n = snprintf(name, sizeof(name), "%s%s", SAMPLE_SOURCE_PREFIX, stored_name);
	if (n < 0 || (size_t)n >= sizeof(name)) {
		fprintf(stderr, "yakuba: %s: ファイル名が長すぎます\n", f->name);
		return CLI_EXIT_FAIL;
	}
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = kb_import_file(db, NULL, name, (const char *)f->data, f->len, rep, &ei);
	if (rc == 0)
		return 0;
	if (rep->problems.count == 0)
		cli_error(rc, &ei);
	cli_print_problems("yakuba: ", rep->name, &rep->problems);
	return CLI_EXIT_FAIL;
}

static int import_faq(struct store *db, struct kb_report *rep)
{
	const struct yk_embedded_file *faq = seed_file(SAMPLE_FAQ);
	if (!faq) {
		fprintf(stderr, "yakuba: sample data missing from this build (data/seed/%s)\n",
			SAMPLE_FAQ);
		return CLI_EXIT_FAIL;
	}
	if (import_kb_file(db, faq, SAMPLE_FAQ, rep))
		return CLI_EXIT_FAIL;
	const char *what = rep->status == KB_IMPORT_NEW	       ? "新規"
			   : rep->status == KB_IMPORT_REPLACED ? "置換"
							       : "変更なし";
	printf("サンプルのFAQ: %s%s の %zu 件（%s）\n", SAMPLE_SOURCE_PREFIX, SAMPLE_FAQ,
	       rep->records, what);
	return 0;
}

static int import_docs(struct store *db, struct kb_report *rep)
{
	size_t files = 0, passages = 0, counts[4] = {0};
	int rc = 0;
	for (const struct yk_embedded_file *f = yk_seed; f->name; f++) {
		if (!is_sample_doc(f))
			continue;
		files++;
		if (import_kb_file(db, f, f->name + strlen(SAMPLE_DOC_PREFIX), rep)) {
			rc = CLI_EXIT_FAIL;
			counts[KB_IMPORT_FAILED]++;
			continue;
		}
		counts[rep->status]++;
		passages += rep->records;
	}
	printf("サンプルの文書: %zu ファイル（新規 %zu、置換 %zu、変更なし %zu", files,
	       counts[KB_IMPORT_NEW], counts[KB_IMPORT_REPLACED], counts[KB_IMPORT_UNCHANGED]);
	if (counts[KB_IMPORT_FAILED])
		printf("、失敗 %zu", counts[KB_IMPORT_FAILED]);
	printf("）、段落 %zu 件\n", passages);
	return rc;
}

int cmd_sample(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"sample", "yakuba sample [--db PATH]",
		"架空の自治体「みどり市」のサンプルデータ（所属・職員名簿、FAQ、庁内文書）を登録します。"
		"何度実行しても同じ内容になります（変わっていないものはそのままにします）。",
		0, 0};
	struct cli_run r;
	int rc = cli_run_begin(&r, &cmd, NULL, argc, argv);
	if (rc != CLI_GO)
		return rc;
	struct kb_report *rep = yk_xmalloc(sizeof(*rep));
	/* Each part is independent: a failing one does not hold back the
	 * others, and the exit code reports that something failed. */
	int roster_rc = import_roster(r.db);
	int faq_rc = import_faq(r.db, rep);
	int docs_rc = import_docs(r.db, rep);
	free(rep);
	store_close(r.db);
	return roster_rc || faq_rc || docs_rc ? CLI_EXIT_FAIL : 0;
}
