/* api handlers of the survey module: a survey's definition, its results
 * (JSON and CSV), closing and reopening; and the JSON of survey results and
 * of survey definitions that the training routes and the CLI share. */
#include <string.h>

#include "api_int.h"
#include "audit/audit.h"
#include "pii/pii.h"
#include "survey/survey.h"
#include "core/banned.h"

/* ---- free text: the shared model and guard ---------------------------------- */

int api__survey_text(struct api_call *c, struct survey_text *tx)
{
	tx->model = NULL;
	tx->guard = NULL;
	struct pii_guard_slot *slot = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (api__guards(c, &slot) != 0 || !slot) {
		yk_errinfo_clear(&c->ei); /* results without phrases rather than none */
		return 0;
	}
	if (pii_guard_current(slot, c->db, &tx->guard, &ei) != 0) {
		yk_log(YK_LOG_WARN, "survey: free text shown as counts only: %s", ei.message);
		return 0;
	}
	tx->model = c->api->model;
	return 0;
}

void api__survey_text_done(struct survey_text *tx)
{
	pii_guard_free(tx->guard); /* the model stays the api's */
	tx->guard = NULL;
	tx->model = NULL;
}

/* ---- JSON of results -------------------------------------------------------------- */

static json_t *question_json(const struct survey_question_result *q)
{
	json_t *dist = json_array(), *groups = json_array();
	for (size_t b = 0; b < q->nbuckets; b++)
		json_array_append_new(dist, json_pack("{s:s, s:i, s:I, s:f}", "label", q->buckets[b].label,
						      "value", q->buckets[b].value, "count",
						      (json_int_t)q->buckets[b].count, "share",
						      q->buckets[b].share));
	for (size_t g = 0; g < q->ngroups; g++) {
		json_t *ex = json_array();
		for (size_t e = 0; e < q->groups[g].nexamples; e++)
			json_array_append_new(ex, json_string(q->groups[g].examples[e]));
		json_array_append_new(groups, json_pack("{s:s, s:I, s:o}", "phrase", q->groups[g].phrase,
							"count", (json_int_t)q->groups[g].count,
							"examples", ex));
	}
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:o, s:o}", "question_id",
			      (json_int_t)q->question_id, "question", q->question, "kind",
			      survey_kind_name(q->kind), "scale", survey_scale_name(q->scale),
			      "responses", (json_int_t)q->responses, "top2_share",
			      q->top2_share >= 0 ? json_real(q->top2_share) : json_null(),
			      "distribution", dist, "groups", groups);
	if (q->kind == SURVEY_SCALE)
		json_object_set_new(o, "mean", json_real(q->mean));
	return o;
}

json_t *api_survey_results_json(const struct survey_results *r)
{
	json_t *qs = json_array();
	for (size_t i = 0; i < r->nquestions; i++)
		json_array_append_new(qs, question_json(&r->questions[i]));
	return json_pack("{s:I, s:s, s:b, s:I, s:I, s:f, s:b, s:i, s:o}", "survey_id",
			 (json_int_t)r->survey_id, "title", r->title, "anonymous", r->anonymous,
			 "responses", (json_int_t)r->responses, "invited", (json_int_t)r->invited,
			 "response_rate", r->response_rate, "withheld", r->withheld,
			 "min_responses", SURVEY_ANON_MIN_RESPONSES, "questions", qs);
}

/* ---- JSON of a definition, and answers ----------------------------------------------- */

json_t *api__survey_json(const struct survey *s)
{
	json_t *qs = json_array();
	for (size_t i = 0; i < s->nquestions; i++) {
		const struct survey_question *q = &s->questions[i];
		json_t *opts = json_array();
		if (q->kind == SURVEY_SCALE)
			for (int v = SURVEY_POINTS; v >= 1; v--)
				json_array_append_new(opts, json_pack("{s:i, s:s}", "value", v, "label",
								      survey_scale_label(q->scale, v)));
		else
			for (size_t k = 0; k < q->nchoices; k++)
				json_array_append_new(opts, json_pack("{s:i, s:s}", "value", (int)k,
								      "label", q->choices[k]));
		json_array_append_new(qs, json_pack("{s:I, s:s, s:s, s:s, s:b, s:o}", "id",
						    (json_int_t)q->id, "kind", survey_kind_name(q->kind),
						    "scale", survey_scale_name(q->scale), "text",
						    q->text, "required", q->required, "options", opts));
	}
	return json_pack("{s:I, s:s, s:b, s:b, s:I, s:o}", "id", (json_int_t)s->id, "title",
			 s->title, "anonymous", s->anonymous, "closed", s->closed, "responses",
			 (json_int_t)s->responses, "questions", qs);
}

static int answer_error(struct api_call *c, size_t i, const char *msg)
{
	char field[48];
	snprintf(field, sizeof(field), "answers[%zu]", i);
	yk_errinfo_at(&c->ei, NULL, 0, field);
	return yk_errinfo_set(&c->ei, YK_EINVAL, "%s", msg);
}

int api__survey_answers(struct api_call *c, const struct survey *s,
			struct survey_answer **answers, size_t *n)
{
	json_t *arr = c->body ? json_object_get(c->body, "answers") : NULL;
	*answers = NULL;
	*n = 0;
	if (!json_is_array(arr)) {
		yk_errinfo_at(&c->ei, NULL, 0, "answers");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「answers」は配列で指定してください");
	}
	if (json_array_size(arr) > SURVEY_QUESTIONS_MAX)
		return answer_error(c, SURVEY_QUESTIONS_MAX, "回答が多すぎます");
	*answers = yk_arena_alloc(c->req->arena, (json_array_size(arr) + 1) * sizeof(**answers));
	size_t i;
	json_t *a;
	json_array_foreach(arr, i, a) {
		static const char *const keys[] = {"question_id", "value", "choices", "text", NULL};
		const char *key;
		json_t *v;
		if (!json_is_object(a))
			return answer_error(c, i, "回答はオブジェクトで指定してください");
		json_object_foreach(a, key, v) {
			int ok = 0;
			for (const char *const *k = keys; *k; k++)
				ok |= strcmp(*k, key) == 0;
			if (!ok)
				return answer_error(c, i, "回答に不明な項目があります");
		}
		struct survey_answer *x = &(*answers)[*n];
		memset(x, 0, sizeof(*x));
		json_t *qid = json_object_get(a, "question_id");
		if (!json_is_integer(qid))
			return answer_error(c, i, "「question_id」は整数で指定してください");
		x->question_id = json_integer_value(qid);
		const struct survey_question *q = NULL;
		for (size_t k = 0; k < s->nquestions; k++)
			if (s->questions[k].id == x->question_id)
				q = &s->questions[k];
		if (!q)
			return answer_error(c, i, "このアンケートにない設問への回答があります");
		json_t *val = json_object_get(a, "value"), *ch = json_object_get(a, "choices"),
		       *txt = json_object_get(a, "text");
		if (q->kind == SURVEY_SCALE || q->kind == SURVEY_SINGLE) {
			if (!json_is_integer(val) || json_integer_value(val) < -1 ||
			    json_integer_value(val) > 1000)
				return answer_error(c, i, "「value」は整数で指定してください");
			x->value = (int)json_integer_value(val);
		} else if (q->kind == SURVEY_MULTIPLE) {
			size_t k;
			json_t *e;
			if (!json_is_array(ch))
				return answer_error(c, i, "「choices」は選択肢の番号の配列で指定してください");
			json_array_foreach(ch, k, e) {
				if (!json_is_integer(e) || json_integer_value(e) < 0 ||
				    json_integer_value(e) >= (json_int_t)q->nchoices)
					return answer_error(c, i, "選択肢の番号が正しくありません");
				x->choices |= 1u << json_integer_value(e);
			}
		} else {
			if (txt && !json_is_string(txt))
				return answer_error(c, i, "「text」は文字列で指定してください");
			if (txt && strlen(json_string_value(txt)) != json_string_length(txt))
				return answer_error(c, i, "自由記述に使えない文字（NUL）があります");
			x->text = txt ? json_string_value(txt) : "";
		}
		(*n)++;
	}
	return 0;
}

/* ---- routes -------------------------------------------------------------------------- */

API_HANDLER(survey_get)
{
	struct survey *s = NULL;
	int rc = survey_get(c->db, c->id, &s, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, api__survey_json(s));
	survey_free(s);
	return 0;
}

static int load_results(struct api_call *c, struct survey_results **r)
{
	int64_t invited;
	struct survey_text tx;
	int rc;
	if ((rc = api__query_int(c, "invited", 0, 10000000, 0, &invited)) ||
	    (rc = api__survey_text(c, &tx)))
		return rc;
	rc = survey_results(c->db, c->id, invited, &tx, r, &c->ei);
	api__survey_text_done(&tx);
	return rc;
}

API_HANDLER(survey_results)
{
	struct survey_results *r = NULL;
	int rc = load_results(c, &r);
	if (rc)
		return rc;
	api__reply(c, 200, api_survey_results_json(r));
	survey_results_free(r);
	return 0;
}

API_HANDLER(survey_results_csv)
{
	struct survey_results *r = NULL;
	int rc = load_results(c, &r);
	if (rc)
		return rc;
	yk_buf_reset(&c->resp->body);
	rc = survey_results_csv(r, &c->resp->body);
	survey_results_free(r);
	if (rc)
		return rc;
	c->resp->status = 200;
	c->resp->content_type = "text/csv; charset=utf-8";
	http_response_header(c->resp, "Content-Disposition",
			     yk_arena_printf(c->req->arena,
					     "attachment; filename=\"survey-%lld.csv\"", (long long)c->id));
	return 0;
}

API_HANDLER(survey_close)
{
	static const char *const fields[] = {"closed", NULL};
	int rc = api__only_fields(c, fields);
	if (rc)
		return rc;
	json_t *v = c->body ? json_object_get(c->body, "closed") : NULL;
	if (!json_is_boolean(v)) {
		yk_errinfo_at(&c->ei, NULL, 0, "closed");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「closed」は true か false で指定してください");
	}
	if ((rc = survey_set_closed(c->db, c->id, json_is_true(v))))
		return rc == YK_ENOTFOUND ? yk_errinfo_set(&c->ei, rc, "アンケートが見つかりません") : rc;
	if ((rc = audit_record(c->db, &c->actor, json_is_true(v) ? "survey.close" : "survey.open",
			       yk_arena_printf(c->req->arena, "%lld", (long long)c->id), NULL, NULL)))
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:b}", "id", (json_int_t)c->id, "closed", json_is_true(v)));
	return 0;
}
