/* api handlers for bulk changes in ナレッジ管理: make the selected FAQ
 * entries public or staff-only, or give them one category, in one call
 * (kb_entry_bulk_public / kb_entry_bulk_category: one transaction, one
 * audit line). The single-entry routes stay in api_qa.c. */
#include <string.h>

#include "api_int.h"
#include "kb/kb.h"
#include "core/banned.h"

/* Reads "ids": a non-empty array of positive integers, at most
 * KB_BULK_MAX, into memory from the request arena. */
static int read_ids(struct api_call *c, int64_t **ids, size_t *n)
{
	json_t *arr = json_object_get(c->body, "ids");
	yk_errinfo_at(&c->ei, NULL, 0, "ids");
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "項目を 1 件以上選んでください（ids）");
	size_t count = json_array_size(arr);
	if (count > KB_BULK_MAX)
		return yk_errinfo_set(&c->ei, YK_ELIMIT, "一度に変更できるのは %d 件までです",
				      KB_BULK_MAX);
	int64_t *out = yk_arena_alloc(c->req->arena, count * sizeof(*out));
	for (size_t i = 0; i < count; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return yk_errinfo_set(&c->ei, YK_EINVAL, "ids は項目番号（正の整数）の配列です");
		out[i] = (int64_t)json_integer_value(v);
	}
	yk_errinfo_at(&c->ei, NULL, 0, "");
	*ids = out;
	*n = count;
	return 0;
}

API_HANDLER(kb_bulk_public)
{
	static const char *const fields[] = {"ids", "public", NULL};
	int64_t *ids = NULL;
	size_t n = 0, changed = 0;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = read_ids(c, &ids, &n)))
		return rc;
	json_t *pub = json_object_get(c->body, "public");
	if (!json_is_boolean(pub)) {
		yk_errinfo_at(&c->ei, NULL, 0, "public");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「public」は true か false で指定してください");
	}
	if ((rc = kb_entry_bulk_public(c->db, &c->actor, ids, n, json_is_true(pub), &changed,
				       &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:I, s:b}", "selected", (json_int_t)n, "changed",
				     (json_int_t)changed, "public", json_is_true(pub)));
	return 0;
}

API_HANDLER(kb_bulk_category)
{
	static const char *const fields[] = {"ids", "category", NULL};
	int64_t *ids = NULL;
	size_t n = 0, changed = 0;
	const char *category = NULL;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = read_ids(c, &ids, &n)) ||
	    (rc = api__str(c, "category", 1, KB_CATEGORY_MAX, &category)))
		return rc;
	if ((rc = kb_entry_bulk_category(c->db, &c->actor, ids, n, category, &changed, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:I, s:s}", "selected", (json_int_t)n, "changed",
				     (json_int_t)changed, "category", category));
	return 0;
}
