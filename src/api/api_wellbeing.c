/* api handlers of メンタルヘルス (src/wellbeing): the stress-check
 * questionnaire, the worker's own sheet and result, consent and 面接指導,
 * the implementer's list and export, group analysis and the official
 * report figures, the anonymous opinion box and the self-care chat.
 *
 * The route table already refuses admin-only and editor-only callers on
 * every individual route; the wellbeing module checks again (worker or
 * implementer) so that no other caller of the module can bypass it. */
#include <pthread.h>
#include <string.h>

#include "api_int.h"
#include "llm/llm.h"
#include "survey/survey.h"
#include "text/text.h"
#include "wellbeing/wellbeing.h"
#include "ws/ws.h"
#include "core/banned.h"


static void viewer_init(struct api_call *c, struct wb_viewer *v)
{
	v->user_id = c->session.user.id;
	v->roles = c->session.user.roles;
	v->actor = &c->actor;
}

static json_t *time_or_null(int64_t t)
{
	return t ? api__iso_time(t) : json_null();
}

/* The workspace (for its guard: the process's one personal-information
 * detector), created on first use like api_ws.c does. */
static int wb_ws(struct api_call *c, struct ws **out)
{
	struct api *api = c->api;
	int rc = 0;
	pthread_mutex_lock(&api->ws_mu);
	if (!api->ws)
		rc = ws_new(NULL, &api->ws, &c->ei);
	*out = api->ws;
	pthread_mutex_unlock(&api->ws_mu);
	return rc;
}

/* "YYYY-MM-DD" as the start (or end) of that day in Japan (UTC+9). */
static int parse_day(const char *s, int end_of_day, int64_t *out)
{
	int64_t y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || yk_parse_i64(s, 4, 2000, 2100, &y) ||
	    yk_parse_i64(s + 5, 2, 1, 12, &m) || yk_parse_i64(s + 8, 2, 1, 31, &d))
		return YK_EINVAL;
	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	*out = days * 86400 - 9 * 3600 + (end_of_day ? 86399 : 0);
	return 0;
}

/* ---- questionnaire ---------------------------------------------------------------- */

API_HANDLER(sc_items)
{
	const struct wb_item *it = wb_items();
	const struct wb_scale *sc = wb_scales();
	json_t *domains = json_array();
	const char letters[] = "ABCD";
	for (int d = 0; d < 4; d++) {
		json_t *items = json_array(), *choices = NULL;
		for (int i = 0; i < WB_ITEMS; i++) {
			if (it[i].domain != letters[d])
				continue;
			if (!choices)
				choices = json_pack("[s,s,s,s]", it[i].choices[0], it[i].choices[1],
						    it[i].choices[2], it[i].choices[3]);
			json_array_append_new(items, json_pack("{s:i, s:s, s:s, s:s}", "q", it[i].q, "code",
							       it[i].code, "text", it[i].text, "sub_prompt",
							       it[i].sub_prompt));
		}
		json_array_append_new(domains,
				      json_pack("{s:s#, s:s, s:s, s:o, s:o}", "domain", &letters[d], (size_t)1,
						"title", wb_domain_title(letters[d]), "instruction",
						wb_domain_instruction(letters[d]), "choices", choices, "items", items));
	}
	json_t *scales = json_array();
	for (int i = 0; i < WB_SCALES; i++)
		json_array_append_new(scales, json_pack("{s:s, s:s#, s:b}", "name", sc[i].name, "domain",
							&sc[i].domain, (size_t)1, "burden", sc[i].burden));
	api__reply(c, 200, json_pack("{s:o, s:o, s:i}", "domains", domains, "scales", scales, "count",
				     WB_ITEMS));
	return 0;
}

static const char *method_name(enum wb_method m)
{
	return m == WB_METHOD_SOTEN ? "soten" : "sum";
}

struct campaigns_ctx {
	struct api_call *c;
	json_t *arr;
};

static int campaign_item(void *ctx, const struct wb_campaign *cp)
{
	struct campaigns_ctx *x = ctx;
	struct wb_viewer v;
	viewer_init(x->c, &v);
	struct wb_sheet s;
	int has = wb_sheet_mine(x->c->db, &v, cp->id, 0, &s, NULL) == 0;
	int64_t now = yk_now_unix();
	json_t *o = json_pack("{s:I, s:s, s:o, s:o, s:s, s:b, s:I, s:I}", "id", (json_int_t)cp->id,
			      "name", cp->name, "starts_at", api__iso_time(cp->starts_at), "ends_at",
			      api__iso_time(cp->ends_at), "method", method_name(cp->method), "open",
			      now >= cp->starts_at && now <= cp->ends_at, "targets", (json_int_t)cp->targets,
			      "submitted", (json_int_t)cp->submitted);
	json_object_set_new(o, "reminder_days", json_integer(cp->reminder_days));
	json_object_set_new(o, "thresholds",
			    json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}", "sum_b_high", cp->t.sum_b_high,
				      "sum_ac_high", cp->t.sum_ac_high, "sum_b_mid", cp->t.sum_b_mid,
				      "soten_b_high", cp->t.soten_b_high, "soten_ac_high",
				      cp->t.soten_ac_high, "soten_b_mid", cp->t.soten_b_mid));
	json_object_set_new(o, "my_sheet",
			    has ? json_pack("{s:I, s:i, s:b}", "id", (json_int_t)s.id, "answered",
					    s.answered, "submitted", s.submitted_at != 0)
				: json_null());
	json_array_append_new(x->arr, o);
	return 0;
}

API_HANDLER(sc_campaigns)
{
	struct campaigns_ctx x = {c, json_array()};
	int rc = wb_campaign_list(c->db, campaign_item, &x);
	if (rc) {
		json_decref(x.arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "campaigns", x.arr));
	return 0;
}

static int body_int(struct api_call *c, const char *field, int64_t min, int64_t max, int64_t def,
		    int64_t *out)
{
	json_t *v = json_object_get(c->body, field);
	*out = def;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」は %lld〜%lld の整数で指定してください", field,
				      (long long)min, (long long)max);
	}
	*out = json_integer_value(v);
	return 0;
}

API_HANDLER(sc_campaign_create)
{
	static const char *const fields[] = {"name", "starts_on", "ends_on", "method", "department",
					     "reminder_days", "thresholds", NULL};
	const char *name, *starts, *ends, *method, *dept;
	int64_t reminder;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "name", 1, WB_NAME_MAX, &name)) ||
	    (rc = api__str(c, "starts_on", 1, 10, &starts)) || (rc = api__str(c, "ends_on", 1, 10, &ends)) ||
	    (rc = api__str(c, "method", 0, 10, &method)) ||
	    (rc = api__str(c, "department", 0, WB_PATH_MAX, &dept)) ||
	    (rc = body_int(c, "reminder_days", 0, 365, 7, &reminder)))
		return rc;
	struct wb_campaign_spec spec = {name, 0, 0, WB_METHOD_SUM, NULL, (int)reminder, dept};
	if (parse_day(starts, 0, &spec.starts_at) || parse_day(ends, 1, &spec.ends_at)) {
		yk_errinfo_at(&c->ei, NULL, 0, "starts_on");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "期間は YYYY-MM-DD で指定してください");
	}
	if (method && strcmp(method, "soten") == 0)
		spec.method = WB_METHOD_SOTEN;
	else if (method && strcmp(method, "sum") != 0) {
		yk_errinfo_at(&c->ei, NULL, 0, "method");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "評価方法は sum（合計点数法）または soten（素点換算表）です");
	}
	struct wb_thresholds t;
	json_t *th = json_object_get(c->body, "thresholds");
	if (th && !json_is_null(th)) {
		static const char *const keys[6] = {"sum_b_high", "sum_ac_high", "sum_b_mid",
						    "soten_b_high", "soten_ac_high", "soten_b_mid"};
		wb_thresholds_from_settings(c->db, &t);
		int *dst[6] = {&t.sum_b_high, &t.sum_ac_high, &t.sum_b_mid, &t.soten_b_high,
			       &t.soten_ac_high, &t.soten_b_mid};
		if (!json_is_object(th)) {
			yk_errinfo_at(&c->ei, NULL, 0, "thresholds");
			return yk_errinfo_set(&c->ei, YK_EINVAL, "「thresholds」はオブジェクトで指定してください");
		}
		for (int i = 0; i < 6; i++) {
			json_t *v = json_object_get(th, keys[i]);
			/* Range-checked as JSON, never cast: 4294967373 is not 77. */
			if (v && (!json_is_integer(v) || json_integer_value(v) < 0 ||
				  json_integer_value(v) > 1000)) {
				yk_errinfo_at(&c->ei, NULL, 0, keys[i]);
				return yk_errinfo_set(&c->ei, YK_EINVAL,
						      "基準値は 0 から 1000 の整数で指定してください");
			}
			if (v)
				*dst[i] = (int)json_integer_value(v);
		}
		spec.t = &t;
	}
	int64_t id;
	if ((rc = wb_campaign_create(c->db, &c->actor, &spec, &id, &c->ei)))
		return rc;
	api__reply(c, 201, json_pack("{s:I}", "id", (json_int_t)id));
	return 0;
}

/* ---- the worker's sheet ---------------------------------------------------------------- */

static json_t *sheet_json(const struct wb_sheet *s)
{
	json_t *answers = json_array();
	for (int i = 0; i < WB_ITEMS; i++)
		json_array_append_new(answers, s->answers[i] ? json_integer(s->answers[i]) : json_null());
	json_t *o = json_pack("{s:I, s:I, s:s, s:o, s:i, s:b, s:o, s:o}", "id", (json_int_t)s->id,
			      "campaign_id", (json_int_t)s->campaign_id, "sex", wb_sex_code(s->sex),
			      "answers", answers, "answered", s->answered, "submitted",
			      s->submitted_at != 0, "submitted_at", time_or_null(s->submitted_at),
			      "result_seen_at", time_or_null(s->result_seen_at));
	json_object_set_new(o, "paper", json_boolean(s->paper));
	json_object_set_new(o, "consent", json_boolean(s->consent));
	json_object_set_new(o, "consent_at", time_or_null(s->consent_at));
	json_object_set_new(o, "interview", json_boolean(s->interview));
	json_object_set_new(o, "interview_at", time_or_null(s->interview_at));
	json_object_set_new(o, "interview_status", json_string(s->interview_status));
	return o;
}

API_HANDLER(sc_sheet_get)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	struct wb_sheet s;
	int rc = wb_sheet_mine(c->db, &v, c->id, 0, &s, &c->ei);
	if (rc == YK_ENOTFOUND) {
		struct wb_campaign cp;
		if ((rc = wb_campaign_get(c->db, c->id, &cp)))
			return yk_errinfo_set(&c->ei, rc, "実施回が見つかりません");
		api__reply(c, 200, json_pack("{s:n}", "sheet"));
		return 0;
	}
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:o}", "sheet", sheet_json(&s)));
	return 0;
}

API_HANDLER(sc_sheet_put)
{
	static const char *const fields[] = {"sex", "answers", NULL};
	const char *sex_s;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "sex", 0, 8, &sex_s)))
		return rc;
	enum wb_sex sex = WB_SEX_NONE;
	if (sex_s && sex_s[0] && wb_sex_parse(sex_s, strlen(sex_s), &sex)) {
		yk_errinfo_at(&c->ei, NULL, 0, "sex");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "性別は M または F で指定してください");
	}
	unsigned char a[WB_ITEMS];
	memset(a, 0, sizeof(a));
	json_t *arr = json_object_get(c->body, "answers");
	if (arr && !json_is_null(arr)) {
		/* Either the full array of 57 (null = not answered) or an object
		 * {"12": 3} of the answers that changed. */
		if (json_is_array(arr) && json_array_size(arr) == WB_ITEMS) {
			for (size_t i = 0; i < WB_ITEMS; i++) {
				json_t *x = json_array_get(arr, i);
				if (json_is_null(x))
					continue;
				if (!json_is_integer(x) || json_integer_value(x) < 1 || json_integer_value(x) > 4)
					goto bad;
				a[i] = (unsigned char)json_integer_value(x);
			}
		} else if (json_is_object(arr)) {
			const char *k;
			json_t *x;
			json_object_foreach(arr, k, x) {
				int64_t q;
				if (yk_parse_i64(k, strlen(k), 1, WB_ITEMS, &q) || !json_is_integer(x) ||
				    json_integer_value(x) < 1 || json_integer_value(x) > 4)
					goto bad;
				a[q - 1] = (unsigned char)json_integer_value(x);
			}
		} else {
			goto bad;
		}
	}
	struct wb_viewer v;
	viewer_init(c, &v);
	struct wb_sheet s;
	if ((rc = wb_sheet_save(c->db, &v, c->id, sex, a, &s, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:o}", "sheet", sheet_json(&s)));
	return 0;
bad:
	yk_errinfo_at(&c->ei, NULL, 0, "answers");
	return yk_errinfo_set(&c->ei, YK_EINVAL,
			      "回答は 57 個の配列（1〜4 または null）か {\"問番号\": 1〜4} で指定してください");
}

API_HANDLER(sc_sheet_submit)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	struct wb_sheet s;
	int rc = wb_sheet_submit(c->db, &v, c->id, &s, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:o}", "sheet", sheet_json(&s)));
	return 0;
}

static json_t *method_json(int a, int b, int cc, int high)
{
	return json_pack("{s:i, s:i, s:i, s:b}", "A", a, "B", b, "C", cc, "high", high);
}

API_HANDLER(sc_result)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	struct wb_sheet s;
	struct wb_score sc;
	int rc = wb_result_get(c->db, &v, c->id, &s, &sc, &c->ei);
	if (rc)
		return rc;
	struct wb_campaign cp;
	if ((rc = wb_campaign_get(c->db, s.campaign_id, &cp)))
		return rc;
	const struct wb_scale *scales = wb_scales();
	json_t *arr = json_array();
	for (int i = 0; i < WB_SCALES; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s#, s:i, s:i, s:b}", "name", scales[i].name,
						     "domain", &scales[i].domain, (size_t)1, "raw",
						     sc.raw[i], "points", sc.points[i], "burden",
						     scales[i].burden));
	int high = wb_score_high(&sc, cp.method);
	json_t *o = json_pack("{s:o, s:s, s:s, s:o, s:o, s:o, s:b}", "sheet", sheet_json(&s), "campaign",
			      cp.name, "method", method_name(cp.method), "sum",
			      method_json(sc.sum_a, sc.sum_b, sc.sum_c, sc.sum_high), "soten",
			      method_json(sc.soten_a, sc.soten_b, sc.soten_c, sc.soten_high), "scales",
			      arr, "high_stress", high);
	json_object_set_new(
		o, "message",
		json_string(high ? "あなたはストレスの程度が高い状態（高ストレス者）に該当します。"
				   "医師による面接指導を受けることをおすすめします。"
				   "これは診断ではありません。面接指導を希望する場合は、下のボタンから申し出てください。"
				 : "ストレスの程度は高ストレスの基準に該当しませんでした。"
				   "気になることがあれば、いつでも相談窓口をご利用ください。"));
	api__reply(c, 200, o);
	return 0;
}

API_HANDLER(sc_consent)
{
	static const char *const fields[] = {"consent", NULL};
	int rc = api__only_fields(c, fields);
	if (rc)
		return rc;
	json_t *v = json_object_get(c->body, "consent");
	if (!json_is_boolean(v)) {
		yk_errinfo_at(&c->ei, NULL, 0, "consent");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「consent」は true または false で指定してください");
	}
	struct wb_viewer vw;
	viewer_init(c, &vw);
	if ((rc = wb_consent_set(c->db, &vw, c->id, json_is_true(v), &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:b}", "consent", json_is_true(v)));
	return 0;
}

API_HANDLER(sc_interview)
{
	static const char *const fields[] = {NULL};
	int rc = api__only_fields(c, fields);
	if (rc)
		return rc;
	struct wb_viewer v;
	viewer_init(c, &v);
	if ((rc = wb_interview_apply(c->db, &v, c->id, &c->ei)))
		return rc;
	api__reply(c, 201, json_pack("{s:b, s:b}", "applied", 1, "consent", 1));
	return 0;
}

API_HANDLER(sc_interview_status)
{
	static const char *const fields[] = {"status", NULL};
	const char *status;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "status", 1, 16, &status)))
		return rc;
	struct wb_viewer v;
	viewer_init(c, &v);
	if ((rc = wb_interview_update(c->db, &v, c->id, status, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:s}", "status", status));
	return 0;
}

/* ---- implementer ---------------------------------------------------------------------------- */

static int result_row(void *ctx, const struct wb_result_row *r)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b}", "sheet_id",
			      (json_int_t)r->sheet_id, "employee_no", r->employee_no, "name", r->name,
			      "department", r->department, "sex", wb_sex_code(r->sex), "submitted",
			      r->submitted, "high_stress", r->high, "consent", r->consent, "interview",
			      r->interview);
	json_object_set_new(o, "interview_status", json_string(r->interview_status));
	json_object_set_new(o, "interview_at", time_or_null(r->interview_at));
	json_array_append_new(ctx, o);
	return 0;
}

API_HANDLER(sc_results)
{
	const char *f = http_query(c->req, "filter");
	enum wb_list_filter filter = WB_LIST_ALL;
	if (f && strcmp(f, "high") == 0)
		filter = WB_LIST_HIGH;
	else if (f && strcmp(f, "interview") == 0)
		filter = WB_LIST_INTERVIEW;
	else if (f && f[0] && strcmp(f, "all") != 0)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "filter は all / high / interview のいずれかです");
	struct wb_viewer v;
	viewer_init(c, &v);
	json_t *arr = json_array();
	int rc = wb_result_list(c->db, &v, c->id, filter, result_row, arr, &c->ei);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "results", arr));
	return 0;
}

API_HANDLER(sc_export)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	yk_buf_reset(&c->resp->body);
	int rc = wb_result_export_csv(c->db, &v, c->id, &c->resp->body, &c->ei);
	if (rc) {
		yk_buf_reset(&c->resp->body);
		return rc;
	}
	c->resp->status = 200;
	c->resp->content_type = "text/csv; charset=utf-8";
	http_response_header(c->resp, "Content-Disposition",
			     "attachment; filename=\"stresscheck-results.csv\"");
	return 0;
}

/* ---- the employer's view of consented results ------------------------------------------------ */

static json_t *scales_json(const struct wb_score *sc)
{
	const struct wb_scale *scales = wb_scales();
	json_t *arr = json_array();
	for (int i = 0; i < WB_SCALES; i++)
		json_array_append_new(arr, json_pack("{s:s, s:i, s:i}", "name", scales[i].name, "raw",
						     sc->raw[i], "points", sc->points[i]));
	return arr;
}

static int consented_item(void *ctx, const struct wb_consented *r)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:b, s:s, s:b, s:s}", "sheet_id",
			      (json_int_t)r->sheet_id, "employee_no", r->employee_no, "name", r->name,
			      "department", r->department, "consent_at", api__iso_time(r->consent_at),
			      "consent_via", r->via_interview ? "interview" : "consent", "interview",
			      r->interview, "interview_status", r->interview_status, "high_stress", r->high,
			      "method", method_name(r->method));
	if (r->scope_full) {
		json_object_set_new(o, "sum", method_json(r->score.sum_a, r->score.sum_b, r->score.sum_c,
							  r->score.sum_high));
		json_object_set_new(o, "soten", method_json(r->score.soten_a, r->score.soten_b,
							    r->score.soten_c, r->score.soten_high));
		json_object_set_new(o, "scales", scales_json(&r->score));
	}
	json_array_append_new(ctx, o);
	return 0;
}

static const char *consent_scope(struct api_call *c)
{
	char scope[64];
	if (store_setting_get(c->db, "stress_consent_scope", scope, sizeof(scope)) == 0 &&
	    strcmp(scope, "full") == 0)
		return "full";
	return "high_stress_only";
}

API_HANDLER(sc_consented)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	json_t *arr = json_array();
	int rc = wb_consented_list(c->db, &v, c->id, consented_item, arr, &c->ei);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:s, s:o}", "scope", consent_scope(c), "results", arr));
	return 0;
}

API_HANDLER(sc_consented_one)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	struct wb_consented r;
	int rc = wb_consented_get(c->db, &v, c->id, &r, &c->ei);
	if (rc)
		return rc;
	json_t *arr = json_array();
	consented_item(arr, &r);
	json_t *o = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	api__reply(c, 200, o);
	return 0;
}

/* ---- reminders -------------------------------------------------------------------------------- */

static int reminder_item(void *ctx, const struct wb_reminder *r)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:o, s:i, s:b, s:b, s:o}", "campaign_id",
					     (json_int_t)r->campaign_id, "name", r->name, "ends_at",
					     api__iso_time(r->ends_at), "days_left", r->days_left, "urgent",
					     r->urgent, "started", r->started, "round_at",
					     time_or_null(r->round_at)));
	return 0;
}

API_HANDLER(sc_reminders)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	json_t *arr = json_array();
	int rc = wb_reminders_mine(c->db, &v, reminder_item, arr, &c->ei);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "reminders", arr));
	return 0;
}

static int pending_item(void *ctx, const struct wb_pending *p)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "employee_no", p->employee_no, "name",
					     p->name, "department", p->department));
	return 0;
}

API_HANDLER(sc_pending)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	json_t *arr = json_array();
	int64_t n = 0;
	int rc = wb_pending_list(c->db, &v, c->id, pending_item, arr, &n, &c->ei);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:I, s:o}", "count", (json_int_t)n, "staff", arr));
	return 0;
}

API_HANDLER(sc_remind)
{
	static const char *const fields[] = {NULL};
	struct wb_viewer v;
	viewer_init(c, &v);
	int64_t n = 0;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = wb_reminder_send(c->db, &v, c->id, &n, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:I}", "pending", (json_int_t)n));
	return 0;
}

/* ---- pulse surveys ------------------------------------------------------------------------------- */

/* questions: [{"kind": "scale" | "text", "text"}] into an arena array;
 * scale questions use the 満足 … 不満 labels. */
static int pulse_questions(struct api_call *c, struct survey_question_spec **out, size_t *n)
{
	json_t *qs = json_object_get(c->body, "questions");
	size_t k = json_is_array(qs) ? json_array_size(qs) : 0;
	yk_errinfo_at(&c->ei, NULL, 0, "questions");
	if (k == 0 || k > WB_PULSE_QUESTIONS_MAX)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "設問は 1〜%d 問の配列で指定してください",
				      WB_PULSE_QUESTIONS_MAX);
	struct survey_question_spec *q = yk_arena_alloc(c->req->arena, k * sizeof(*q));
	for (size_t i = 0; i < k; i++) {
		json_t *e = json_array_get(qs, i);
		const char *kind = json_string_value(json_object_get(e, "kind"));
		const char *text = json_string_value(json_object_get(e, "text"));
		memset(&q[i], 0, sizeof(q[i]));
		if (!kind || !text || (strcmp(kind, "scale") != 0 && strcmp(kind, "text") != 0))
			return yk_errinfo_set(&c->ei, YK_EINVAL,
					      "各設問は kind（scale / text）と text で指定してください");
		q[i].kind = kind[0] == 's' ? SURVEY_SCALE : SURVEY_TEXT;
		q[i].scale = kind[0] == 's' ? SURVEY_SCALE_SATISFACTION : SURVEY_SCALE_NONE;
		q[i].text = text;
		q[i].required = kind[0] == 's';
	}
	yk_errinfo_clear(&c->ei);
	*out = q;
	*n = k;
	return 0;
}

API_HANDLER(pulse_create)
{
	static const char *const fields[] = {"title", "closes_on", "department_ids", "questions", NULL};
	const char *title, *closes_on;
	int rc;
	struct wb_pulse_spec spec;
	memset(&spec, 0, sizeof(spec));
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "title", 1, WB_NAME_MAX, &title)) ||
	    (rc = api__str(c, "closes_on", 1, 10, &closes_on)))
		return rc;
	if (parse_day(closes_on, 1, &spec.closes_at) != 0) {
		yk_errinfo_at(&c->ei, NULL, 0, "closes_on");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "締切は YYYY-MM-DD で指定してください");
	}
	json_t *ids = json_object_get(c->body, "department_ids");
	size_t nd = json_is_array(ids) ? json_array_size(ids) : 0;
	if (nd == 0 || nd > WB_PULSE_UNITS_MAX) {
		yk_errinfo_at(&c->ei, NULL, 0, "department_ids");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "対象の所属を 1〜%d 件選んでください", WB_PULSE_UNITS_MAX);
	}
	int64_t *d = yk_arena_alloc(c->req->arena, nd * sizeof(*d));
	for (size_t i = 0; i < nd; i++) {
		json_t *e = json_array_get(ids, i);
		if (!json_is_integer(e) || json_integer_value(e) <= 0) {
			yk_errinfo_at(&c->ei, NULL, 0, "department_ids");
			return yk_errinfo_set(&c->ei, YK_EINVAL, "所属は正の整数の ID で指定してください");
		}
		d[i] = json_integer_value(e);
	}
	struct survey_question_spec *q = NULL;
	if ((rc = pulse_questions(c, &q, &spec.nquestions)))
		return rc;
	spec.title = title;
	spec.department_ids = d;
	spec.ndepartments = nd;
	spec.questions = q;
	int64_t id = 0;
	if ((rc = wb_pulse_open(c->db, &c->actor, &spec, &id, &c->ei)))
		return rc;
	api__reply(c, 201, json_pack("{s:I}", "id", (json_int_t)id));
	return 0;
}

static int pulse_item(void *ctx, const struct wb_pulse *p)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:o, s:o, s:b, s:i, s:I, s:I}", "id", (json_int_t)p->id,
					     "title", p->title, "opened_at", api__iso_time(p->opened_at),
					     "closes_at", api__iso_time(p->closes_at), "open", p->open, "units",
					     p->units, "invited", (json_int_t)p->invited, "responses",
					     (json_int_t)p->responses));
	return 0;
}

API_HANDLER(pulse_list)
{
	json_t *arr = json_array();
	int rc = wb_pulse_list(c->db, pulse_item, arr, &c->ei);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "pulses", arr));
	return 0;
}

struct pulse_mine_ctx {
	struct api_call *c;
	json_t *arr;
};

static int pulse_mine_item(void *ctx, const struct wb_pulse_mine *p)
{
	struct pulse_mine_ctx *m = ctx;
	json_t *o = json_pack("{s:I, s:s, s:o, s:b}", "id", (json_int_t)p->pulse_id, "title", p->title,
			      "closes_at", api__iso_time(p->closes_at), "answered", p->answered);
	if (!p->answered) {
		struct survey *sv = NULL;
		int rc = survey_get(m->c->db, p->survey_id, &sv, &m->c->ei);
		if (rc) {
			json_decref(o);
			return rc;
		}
		json_object_set_new(o, "survey", api__survey_json(sv));
		survey_free(sv);
	}
	json_array_append_new(m->arr, o);
	return 0;
}

API_HANDLER(pulse_mine)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	struct pulse_mine_ctx m = {c, json_array()};
	int rc = wb_pulse_mine(c->db, &v, pulse_mine_item, &m, &c->ei);
	if (rc) {
		json_decref(m.arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "pulses", m.arr));
	return 0;
}

API_HANDLER(pulse_answer)
{
	static const char *const fields[] = {"answers", NULL};
	struct wb_viewer v;
	viewer_init(c, &v);
	/* No trace of who answered in the access log (the survey keeps only
	 * "has answered", apart from the answers). */
	c->req->log_user_id = 0;
	c->req->client_ip = "-";
	int64_t survey_id = 0;
	struct survey *sv = NULL;
	struct survey_answer *answers = NULL;
	size_t n = 0;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = wb_pulse_survey_of(c->db, &v, c->id, &survey_id, &c->ei)) ||
	    (rc = survey_get(c->db, survey_id, &sv, &c->ei)))
		return rc;
	if (!(rc = api__survey_answers(c, sv, &answers, &n)))
		rc = wb_pulse_answer(c->db, &v, c->id, answers, n, &c->ei);
	survey_free(sv);
	if (rc)
		return rc;
	api__reply(c, 201, json_pack("{s:b}", "answered", 1));
	return 0;
}

static int pulse_unit_item(void *ctx, const struct wb_pulse_unit *u)
{
	json_t *o = json_pack("{s:s, s:I, s:b}", "department", u->department, "n", (json_int_t)u->n,
			      "suppressed", u->suppressed);
	if (!u->suppressed) {
		json_object_set_new(o, "invited", json_integer(u->invited));
		json_object_set_new(o, "comments", json_boolean(u->comments));
		json_object_set_new(o, "results", api_survey_results_json(u->results));
	}
	json_array_append_new(ctx, o);
	return 0;
}

API_HANDLER(pulse_results)
{
	struct wb_viewer v;
	viewer_init(c, &v);
	/* The dictionary and guard only for whoever may read free text. */
	struct survey_text tx = {NULL, NULL};
	int rc = 0;
	if ((v.roles & AUTH_ROLE_IMPLEMENTER) && (rc = api__survey_text(c, &tx)))
		return rc;
	json_t *arr = json_array();
	rc = wb_pulse_results(c->db, &v, &tx, c->id, pulse_unit_item, arr, &c->ei);
	api__survey_text_done(&tx);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:I, s:o}", "pulse_id", (json_int_t)c->id, "units", arr));
	return 0;
}

/* ---- group figures -------------------------------------------------------------------------- */

static json_t *risk_json(const struct wb_health_risk *r)
{
	return json_pack("{s:f, s:f, s:f}", "A", r->a, "B", r->b, "total", r->total);
}

json_t *api_stress_unit_json(const struct wb_unit *u, int full)
{
	if (u->suppressed)
		return json_pack("{s:s, s:i, s:b}", "department", u->department, "n", u->fig.n,
				 "suppressed", 1);
	const struct wb_scale *sc = wb_scales();
	json_t *o = json_pack("{s:s, s:i, s:b}", "department", u->department, "n", u->fig.n,
			      "suppressed", 0);
	if (u->override == WB_OVERRIDE_SUMMARY) {
		json_object_set_new(o, "summary_only", json_true());
		json_object_set_new(o, "total57_mean", json_real(u->fig.total57_mean));
		return o;
	}
	if (full) {
		json_object_set_new(o, "department_id", json_integer(u->department_id));
		json_object_set_new(o, "depth", json_integer(u->depth));
		json_object_set_new(o, "targets", json_integer(u->targets));
		json_object_set_new(o, "override",
				    json_boolean(u->override == WB_OVERRIDE_ALL_CONSENTED));
	}
	json_object_set_new(o, "high_stress",
			    json_pack("{s:i, s:i}", "sum", u->fig.high_sum, "soten", u->fig.high_soten));
	json_t *scales = json_object();
	for (int i = 0; i < WB_SCALES; i++)
		json_object_set_new(scales, sc[i].name, json_real(u->fig.scale_mean[i]));
	json_object_set_new(o, "scales", scales);
	json_object_set_new(o, "health_risk", risk_json(&u->fig.risk[0]));
	if (!full)
		return o;
	json_t *by_sex = json_object();
	static const char *const names[3] = {"", "male", "female"};
	for (int sx = 1; sx <= 2; sx++) {
		if (!u->fig.has_sex[sx])
			continue;
		const double *m = u->fig.judge_mean[sx];
		json_object_set_new(
			by_sex, names[sx],
			json_pack("{s:i, s:{s:f, s:f, s:f, s:f}, s:o}", "n",
				  sx == 1 ? u->fig.n_male : u->fig.n_female, "means", "quantity", m[0],
				  "control", m[1], "supervisor", m[2], "coworker", m[3], "health_risk",
				  risk_json(&u->fig.risk[sx])));
	}
	json_object_set_new(o, "by_sex", by_sex);
	if (u->has_prev)
		json_object_set_new(o, "previous",
				    json_pack("{s:i, s:o, s:{s:i, s:i}}", "n", u->prev.n, "health_risk",
					      risk_json(&u->prev.risk[0]), "high_stress", "sum",
					      u->prev.high_sum, "soten", u->prev.high_soten));
	return o;
}

static int unit_item(void *ctx, const struct wb_unit *u)
{
	json_array_append_new(ctx, api_stress_unit_json(u, 1));
	return 0;
}

API_HANDLER(sc_analysis)
{
	json_t *arr = json_array();
	int rc = wb_group_analysis(c->db, c->id, unit_item, arr, &c->ei);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	struct wb_judge_constants m, f;
	wb_judge_from_settings(c->db, WB_SEX_MALE, &m);
	wb_judge_from_settings(c->db, WB_SEX_FEMALE, &f);
	json_t *ref = json_pack("{s:[f,f,f,f], s:[f,f,f,f]}", "male", m.mean[0], m.mean[1], m.mean[2],
				m.mean[3], "female", f.mean[0], f.mean[1], f.mean[2], f.mean[3]);
	api__reply(c, 200, json_pack("{s:o, s:o, s:I}", "units", arr, "national_means", ref,
				     "min_group", (json_int_t)store_setting_int(c->db, "stress_group_min")));
	return 0;
}

API_HANDLER(sc_override)
{
	static const char *const fields[] = {"department_id", "mode", NULL};
	const char *mode;
	int64_t dept;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "mode", 1, 20, &mode)) ||
	    (rc = body_int(c, "department_id", 1, INT64_MAX, 0, &dept)))
		return rc;
	enum wb_override m = strcmp(mode, "all_consented") == 0 ? WB_OVERRIDE_ALL_CONSENTED
			     : strcmp(mode, "summary_only") == 0 ? WB_OVERRIDE_SUMMARY
			     : strcmp(mode, "none") == 0        ? WB_OVERRIDE_NONE
								 : (enum wb_override)-1;
	if ((int)m < 0 || !dept) {
		yk_errinfo_at(&c->ei, NULL, 0, (int)m < 0 ? "mode" : "department_id");
		return yk_errinfo_set(&c->ei, YK_EINVAL,
				      "mode は all_consented / summary_only / none、department_id は所属の番号です");
	}
	if ((rc = wb_group_override_set(c->db, &c->actor, c->id, dept, m, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:s}", "mode", mode));
	return 0;
}

API_HANDLER(sc_report)
{
	struct wb_official_report r;
	struct wb_campaign cp;
	int rc;
	if ((rc = wb_campaign_get(c->db, c->id, &cp)) ||
	    (rc = wb_official_report(c->db, c->id, &r, &c->ei)))
		return rc == YK_ENOTFOUND ? yk_errinfo_set(&c->ei, rc, "実施回が見つかりません") : rc;
	api__reply(c, 200,
		   json_pack("{s:s, s:o, s:o, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "campaign", cp.name,
			     "starts_at", api__iso_time(cp.starts_at), "ends_at", api__iso_time(cp.ends_at),
			     "method", method_name(cp.method), "targets", (json_int_t)r.targets,
			     "examined", (json_int_t)r.examined, "high_stress", (json_int_t)r.high_stress,
			     "high_stress_sum", (json_int_t)r.high_stress_sum, "high_stress_soten",
			     (json_int_t)r.high_stress_soten, "interviews_applied",
			     (json_int_t)r.interviews_applied, "interviews_done",
			     (json_int_t)r.interviews_done));
	return 0;
}

/* ---- opinion box ------------------------------------------------------------------------------ */

static int opinion_item(void *ctx, const struct wb_opinion *o)
{
	json_t *x = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "key", o->key, "day", o->day,
			      "category", o->category, "department", o->department, "body",
			      o->body ? o->body : "", "status", o->status, "reason",
			      o->reason ? o->reason : "", "reply", o->reply ? o->reply : "");
	json_object_set_new(x, "reply_day", o->reply_day[0] ? json_string(o->reply_day) : json_null());
	json_array_append_new(ctx, x);
	return 0;
}

static int dept_item(void *ctx, const struct auth_department *d)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s}", "id", (json_int_t)d->id, "path", d->path));
	return 0;
}

API_HANDLER(opinions)
{
	json_t *arr = json_array(), *cats = json_array(), *depts = json_array();
	int rc = wb_opinion_list(c->db, opinion_item, arr, &c->ei);
	if (!rc)
		rc = auth_dept_list(c->db, dept_item, depts); /* for the optional 所属 of a post */
	if (rc) {
		json_decref(arr);
		json_decref(cats);
		json_decref(depts);
		return rc;
	}
	for (const char *const *p = wb_opinion_categories; *p; p++)
		json_array_append_new(cats, json_string(*p));
	api__reply(c, 200, json_pack("{s:o, s:o, s:o}", "opinions", arr, "categories", cats,
				     "departments", depts));
	return 0;
}

API_HANDLER(opinion_post)
{
	static const char *const fields[] = {"category", "body", "department_id", NULL};
	const char *category, *body;
	int64_t dept;
	int rc;
	/* No trace of the author in the access log: no user id, no address. */
	c->req->log_user_id = 0;
	c->req->client_ip = "-";
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "category", 1, WB_OPINION_CATEGORY_MAX, &category)) ||
	    (rc = api__str(c, "body", 1, WB_OPINION_BODY_MAX, &body)) ||
	    (rc = body_int(c, "department_id", 0, INT64_MAX, 0, &dept)))
		return rc;
	int limit = (int)store_setting_int(c->db, "opinion_daily_limit");
	if (wb_rate_take(c->api->wb_rate, c->session.user.id, limit, -1) != 0)
		return yk_errinfo_set(&c->ei, YK_ERATE, "今日の投稿の上限（%d 件）に達しました。明日またお寄せください", limit);
	/* Mask names and numbers with the process's guard before storing. */
	struct ws *ws;
	json_t *g = NULL;
	if ((rc = wb_ws(c, &ws)) || (rc = ws_guard(ws, c->db, body, strlen(body), &g, &c->ei)))
		return rc;
	const char *masked = json_string_value(json_object_get(g, "masked"));
	char key[WB_OPINION_KEY_HEX + 1];
	rc = wb_opinion_post(c->db, category, dept, masked ? masked : "", masked ? strlen(masked) : 0,
			     key, &c->ei);
	int64_t masked_count = json_integer_value(json_object_get(g, "total"));
	json_decref(g);
	if (rc)
		return rc;
	api__reply(c, 201, json_pack("{s:b, s:I}", "posted", 1, "masked", (json_int_t)masked_count));
	return 0;
}

API_HANDLER(opinion_update)
{
	static const char *const fields[] = {"key", "status", "reason", "reply", NULL};
	const char *key, *status, *reason, *reply;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "key", 1, WB_OPINION_KEY_HEX, &key)) ||
	    (rc = api__str(c, "status", 1, 32, &status)) ||
	    (rc = api__str(c, "reason", 0, WB_OPINION_REPLY_MAX, &reason)) ||
	    (rc = api__str(c, "reply", 0, WB_OPINION_REPLY_MAX, &reply)) ||
	    (rc = wb_opinion_update(c->db, &c->actor, key, status, reason, reply, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:s}", "status", status));
	return 0;
}

/* ---- self-care chat ---------------------------------------------------------------------------- */

/* The turn's messages: 1..WB_CHAT_MESSAGES_MAX of {role: user|assistant,
 * content}, the last one the user's. */
static int chat_messages(struct api_call *c, json_t **out)
{
	json_t *msgs = json_object_get(c->body, "messages");
	size_t n = json_is_array(msgs) ? json_array_size(msgs) : 0;
	yk_errinfo_at(&c->ei, NULL, 0, "messages");
	if (n == 0 || n > WB_CHAT_MESSAGES_MAX)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「messages」は 1〜%d 件の配列で指定してください",
				      WB_CHAT_MESSAGES_MAX);
	for (size_t i = 0; i < n; i++) {
		json_t *m = json_array_get(msgs, i);
		const char *role = json_string_value(json_object_get(m, "role"));
		json_t *ct = json_object_get(m, "content");
		if (!role || (strcmp(role, "user") != 0 && strcmp(role, "assistant") != 0) ||
		    !json_is_string(ct) || json_string_length(ct) == 0 ||
		    json_string_length(ct) > WB_CHAT_TEXT_MAX ||
		    strlen(json_string_value(ct)) != json_string_length(ct))
			return yk_errinfo_set(&c->ei, YK_EINVAL,
					      "各メッセージは role（user / assistant）と content（1〜%d バイト）で指定してください",
					      WB_CHAT_TEXT_MAX);
		if (i == n - 1 && strcmp(role, "user") != 0)
			return yk_errinfo_set(&c->ei, YK_EINVAL, "最後のメッセージは利用者の発言にしてください");
	}
	yk_errinfo_clear(&c->ei);
	*out = msgs;
	return 0;
}

/* The first crisis any user message of the turn shows, or NONE. The
 * detector reads lemmas: a tokenizer from the process's one UniDic model
 * (loaded with the guard). Without the dictionary the surface lexicon
 * still runs: the contacts must never depend on the model loading. */
static enum wb_crisis chat_crisis(struct api_call *c, json_t *msgs)
{
	struct pii_guard_slot *guards = NULL;
	struct text_tokenizer *tk = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (api__guards(c, &guards) != 0 || !c->api->model ||
	    text_tokenizer_take(c->api->model, &tk, &ei) != 0) {
		yk_log(YK_LOG_ERROR, "wellbeing: crisis detector without the dictionary: %s", ei.message);
		tk = NULL;
		yk_errinfo_clear(&c->ei);
	}
	enum wb_crisis found = WB_CRISIS_NONE;
	for (size_t i = 0; i < json_array_size(msgs) && !found; i++) {
		json_t *m = json_array_get(msgs, i);
		json_t *ct = json_object_get(m, "content");
		if (strcmp(json_string_value(json_object_get(m, "role")), "user") == 0)
			found = wb_crisis_detect(tk, json_string_value(ct), json_string_length(ct));
	}
	text_tokenizer_give(tk);
	return found;
}

/* The answer to a crisis: at once, no model involved. */
static int crisis_text(struct api_call *c, struct yk_buf *out)
{
	char contact[STORE_SETTING_MAX_VALUE];
	if (store_setting_get(c->db, "wellbeing_contact", contact, sizeof(contact)) != 0)
		contact[0] = '\0';
	return wb_crisis_reply(contact, out);
}

/* ---- the turn as server-sent events --------------------------------------------------------------
 *
 * Like the 生成AI chat (api_ws.c): everything that can fail with a plain
 * JSON error (validation, the crisis check, the model configuration, the
 * guard) runs on the MHD worker; then the response becomes a stream:
 *   meta  {"crisis": bool, "kind": "...", "ai": bool}
 *   delta {"text": "..."}   (the crisis answer is one delta)
 *   done  {"crisis", "ai", "saved_id"?}
 *   error {"code", "message"}
 * A producer thread makes the model call with the stream's cancel flag (a
 * closed tab aborts it) and, only when the user ticked 保存, stores the
 * turn through its own database connection. */

#define WB_SSE_TYPE "text/event-stream; charset=utf-8"
#define WB_SSE_KEEPALIVE_MS 1000

struct wb_chat_job {
	struct http_stream *stream;
	struct llm_config cfg;
	struct llm_message lm[WB_CHAT_MESSAGES_MAX + 1];
	size_t nlm;
	json_t *keep;     /* owns the masked strings lm points into, and the turn's messages */
	json_t *msgs;     /* the turn as sent (for 保存), owned */
	char *crisis;     /* the crisis answer, or NULL for a model turn */
	enum wb_crisis kind;
	int save;
	int64_t owner_id;
	char *db_path;
	struct yk_buf reply;
};

static int sse_send(struct http_stream *st, const char *name, json_t *data)
{
	char *text = json_dumps(data, JSON_COMPACT);
	json_decref(data);
	struct yk_buf b;
	yk_buf_init(&b, 0);
	int rc = text ? yk_buf_addf(&b, "event: %s\ndata: %s\n\n", name, text) : YK_ENOMEM;
	if (!rc)
		rc = http_stream_write(st, b.data, b.len);
	free(text);
	yk_buf_release(&b);
	return rc;
}

static int job_delta(void *ctx, const char *text, size_t len)
{
	struct wb_chat_job *j = ctx;
	if (yk_buf_add(&j->reply, text, len) != 0)
		return 1;
	return sse_send(j->stream, "delta", json_pack("{s:s%}", "text", text, len)) != 0;
}

static void job_free(struct wb_chat_job *j)
{
	json_decref(j->keep);
	json_decref(j->msgs);
	free(j->crisis);
	free(j->db_path);
	yk_buf_release(&j->reply);
	free(j);
}

/* Stores the turn and its reply: only because the user asked to. */
static int job_save(struct wb_chat_job *j, int64_t *id, struct yk_errinfo *ei)
{
	struct store *db = NULL;
	int rc = store_open(j->db_path, 0, &db, ei);
	if (rc)
		return rc;
	json_t *all = json_deep_copy(j->msgs);
	json_array_append_new(all, json_pack("{s:s, s:s%}", "role", "assistant", "content",
					     j->reply.data ? j->reply.data : "", j->reply.len));
	char *txt = json_dumps(all, JSON_COMPACT);
	json_decref(all);
	rc = txt ? wb_chat_store(db, j->owner_id, txt, id, ei) : YK_ENOMEM;
	free(txt);
	store_close(db);
	return rc;
}

static void *chat_producer(void *arg)
{
	struct wb_chat_job *j = arg;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = 0;
	if (j->crisis) {
		rc = job_delta(j, j->crisis, strlen(j->crisis)) ? YK_ECANCELED : 0;
	} else {
		struct llm_chat_result res;
		memset(&res, 0, sizeof(res));
		struct llm_chat_request req = {j->lm, j->nlm, 1, job_delta, j,
					       http_stream_cancelled(j->stream)};
		rc = llm_chat(&j->cfg, &req, &res, &ei);
		llm_chat_result_release(&res);
	}
	int64_t id = 0;
	if (rc == 0 && j->save)
		rc = job_save(j, &id, &ei);
	if (rc == 0) {
		json_t *done = json_pack("{s:b, s:s, s:b}", "crisis", j->crisis != NULL, "kind",
					 wb_crisis_name(j->kind), "ai", j->crisis == NULL);
		if (id)
			json_object_set_new(done, "saved_id", json_integer(id));
		if (sse_send(j->stream, "done", done) != 0)
			yk_log(YK_LOG_INFO, "wellbeing: done event not delivered (client gone)");
	} else if (rc != YK_ECANCELED) {
		const char *msg = rc == YK_EDB ? yk_err_message(rc)
			       : (ei.message[0] ? ei.message : llm_error_staff_message(rc));
		if (sse_send(j->stream, "error", json_pack("{s:s, s:s}", "code", yk_err_code(rc), "message",
							   msg)) != 0)
			yk_log(YK_LOG_INFO, "wellbeing: error event not delivered (client gone)");
	}
	http_stream_close(j->stream);
	job_free(j);
	return NULL;
}

/* The model's messages: every one passes the guard first (the text leaves
 * the process masked), after the self-care system prompt. */
static int chat_model_messages(struct api_call *c, struct wb_chat_job *j)
{
	struct ws *ws;
	int rc = wb_ws(c, &ws);
	size_t n = json_array_size(j->msgs);
	j->lm[0].role = "system";
	j->lm[0].content = wb_selfcare_system_prompt();
	for (size_t i = 0; i < n && !rc; i++) {
		json_t *m = json_array_get(j->msgs, i);
		json_t *ct = json_object_get(m, "content");
		json_t *g = NULL;
		if ((rc = ws_guard(ws, c->db, json_string_value(ct), json_string_length(ct), &g, &c->ei)))
			break;
		json_t *masked = json_object_get(g, "masked");
		json_array_append(j->keep, masked);
		json_decref(g);
		j->lm[i + 1].role = json_string_value(json_object_get(m, "role"));
		j->lm[i + 1].content = json_string_value(masked);
	}
	j->nlm = n + 1;
	return rc;
}

API_HANDLER(wb_chat)
{
	static const char *const fields[] = {"messages", "save", NULL};
	json_t *msgs = NULL;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = chat_messages(c, &msgs)))
		return rc;
	struct wb_chat_job *j = yk_xcalloc(1, sizeof(*j));
	yk_buf_init(&j->reply, 0);
	j->keep = json_array();
	j->msgs = json_incref(msgs);
	j->save = json_is_true(json_object_get(c->body, "save"));
	j->owner_id = c->session.user.id;
	j->db_path = yk_xstrdup(store_path(c->db));
	/* Safety first: before any model call, with or without a model. */
	j->kind = chat_crisis(c, msgs);
	if (j->kind) {
		struct yk_buf b;
		yk_buf_init(&b, 0);
		rc = crisis_text(c, &b);
		j->crisis = rc ? NULL : yk_xstrdup(b.data ? b.data : "");
		yk_buf_release(&b);
	} else {
		rc = llm_config_from_settings(c->db, &j->cfg, &c->ei);
		if (rc == YK_ENOTCONFIGURED)
			rc = yk_errinfo_set(&c->ei, rc,
					    "生成AIが設定されていないため、相談チャットは使えません。つらいときは相談窓口をご利用ください");
		if (!rc)
			rc = chat_model_messages(c, j);
	}
	if (rc || (rc = http_respond_stream(c->resp, 200, WB_SSE_TYPE, &j->stream)) != 0) {
		job_free(j);
		return rc;
	}
	http_stream_keepalive(j->stream, ":\n\n", WB_SSE_KEEPALIVE_MS);
	rc = sse_send(j->stream, "meta", json_pack("{s:b, s:s, s:b}", "crisis", j->kind != WB_CRISIS_NONE,
						   "kind", wb_crisis_name(j->kind), "ai", !j->kind));
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (rc == 0 && pthread_create(&t, &attr, chat_producer, j) == 0) {
		pthread_attr_destroy(&attr);
		return 0;
	}
	pthread_attr_destroy(&attr);
	if (sse_send(j->stream, "error", json_pack("{s:s, s:s}", "code", yk_err_code(YK_EBUSY), "message",
						   yk_err_message(YK_EBUSY))) != 0)
		yk_log(YK_LOG_INFO, "wellbeing: error event not delivered (client gone)");
	http_stream_close(j->stream);
	job_free(j);
	return 0; /* the response is the stream with its error event */
}

static int chat_item(void *ctx, const struct wb_chat *ch)
{
	json_t *msgs = json_loads(ch->messages_json ? ch->messages_json : "[]", 0, NULL);
	json_array_append_new(ctx, json_pack("{s:I, s:o, s:o}", "id", (json_int_t)ch->id, "created_at",
					     api__iso_time(ch->created_at), "messages",
					     msgs ? msgs : json_array()));
	return 0;
}

API_HANDLER(wb_chats)
{
	json_t *arr = json_array();
	int rc = wb_chat_list(c->db, c->session.user.id, chat_item, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "chats", arr));
	return 0;
}

API_HANDLER(wb_chat_delete)
{
	int rc = wb_chat_delete(c->db, c->session.user.id, c->id);
	if (rc == YK_ENOTFOUND)
		return yk_errinfo_set(&c->ei, rc, "相談が見つかりません");
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:b}", "deleted", 1));
	return 0;
}
