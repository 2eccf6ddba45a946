/* api/usage: 活用状況 — the adoption report (JSON and CSV), the admins'
 * per-person counts behind a setting, and the import of usage logs from
 * other tools. Thin: parse the query, call usage, render. The JSON
 * renderer is shared with `yakuba report adoption --json` (api.h). */
#include <math.h>
#include <string.h>

#include "api_int.h"
#include "qa/qa.h"
#include "usage/usage.h"
#include "ws/ws.h"
#include "core/banned.h"

/* ---- the report as JSON (also for the CLI) -------------------------------- */

static json_t *share(double x)
{
	return json_real(round(x * 10000.0) / 10000.0);
}

static json_t *rate(int64_t a, int64_t b)
{
	return share(b > 0 ? (double)a / (double)b : 0);
}

static json_t *date_json(int32_t day)
{
	char buf[16];
	usage_format_date(day, buf, sizeof(buf));
	return json_string(buf);
}

static json_t *period_json(const struct usage_adoption_report *r)
{
	json_t *o = json_pack("{s:o, s:o, s:I}", "from", date_json(r->from_day), "to",
			      date_json(r->to_day), "days",
			      (json_int_t)(r->to_day - r->from_day + 1));
	int32_t fa, fb;
	int fy = usage_fiscal_year(r->from_day);
	usage_fiscal_range(fy, &fa, &fb);
	if (fa == r->from_day && fb == r->to_day) {
		char label[32];
		usage_fiscal_label(fy, label, sizeof(label));
		json_object_set_new(o, "fiscal_year", json_integer(fy));
		json_object_set_new(o, "label", json_string(label));
	} else {
		json_object_set_new(o, "fiscal_year", json_null());
		json_object_set_new(o, "label", json_null());
	}
	return o;
}

static json_t *departments_json(const struct usage_adoption_report *r)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n_departments; i++) {
		const struct usage_dept_row *d = &r->departments[i];
		json_array_append_new(
			arr, json_pack("{s:I, s:s, s:o, s:i, s:I, s:I, s:o, s:I, s:i}", "id",
				       (json_int_t)d->id, "department", d->path, "parent_id",
				       d->parent_id > 0 ? json_integer(d->parent_id) : json_null(),
				       "depth", d->depth, "eligible", (json_int_t)d->eligible, "active",
				       (json_int_t)d->active, "active_rate", rate(d->active, d->eligible),
				       "uses", (json_int_t)d->uses, "merged", d->merged));
	}
	return arr;
}

static json_t *tiers_json(const struct usage_adoption_report *r)
{
	json_t *arr = json_array();
	for (int t = 0; t < USAGE_TIERS; t++) {
		const struct usage_tier_row *x = &r->tiers[t];
		int hide = x->suppressed;
		json_array_append_new(
			arr, json_pack("{s:s, s:I, s:o, s:o, s:o, s:b}", "tier", x->tier, "eligible",
				       (json_int_t)x->eligible,
				       "active", hide ? json_null() : json_integer(x->active),
				       "active_rate", hide ? json_null() : rate(x->active, x->eligible),
				       "uses", hide ? json_null() : json_integer(x->uses),
				       "suppressed", hide));
	}
	return arr;
}

/* 👍 / 👎 on answers and the 👍 rate (null without votes). */
static json_t *votes_json(int64_t up, int64_t down)
{
	return json_pack("{s:I, s:I, s:o}", "up", (json_int_t)up, "down", (json_int_t)down,
			 "up_rate", up + down > 0 ? rate(up, up + down) : json_null());
}

static json_t *templates_json(const struct usage_adoption_report *r)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n_templates; i++) {
		const struct usage_template_row *t = &r->templates[i];
		json_array_append_new(
			arr, json_pack("{s:I, s:o, s:I, s:I, s:o}", "template_id",
				       (json_int_t)t->template_id, "name",
				       t->name[0] ? json_string(t->name) : json_null(), "uses",
				       (json_int_t)t->uses, "users", (json_int_t)t->users, "all_uses",
				       t->all_uses >= 0 ? json_integer(t->all_uses) : json_null()));
	}
	return arr;
}

static json_t *features_json(const struct usage_adoption_report *r)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n_features; i++) {
		const struct usage_feature_row *f = &r->features[i];
		char label[160];
		usage_feature_label(f->name, label, sizeof(label));
		json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:o}", "feature", f->name, "label", label,
				      "uses", (json_int_t)f->uses, "users", (json_int_t)f->users,
				      "all_uses",
				      f->all_uses >= 0 ? json_integer(f->all_uses) : json_null());
		if (f->answered || f->clarify || f->unknown)
			json_object_set_new(o, "outcomes",
					    json_pack("{s:I, s:I, s:I}", "answered",
						      (json_int_t)f->answered, "clarify",
						      (json_int_t)f->clarify, "unknown",
						      (json_int_t)f->unknown));
		int ch = strcmp(f->name, "ask") == 0 ? 0 : strcmp(f->name, "ask_public") == 0 ? 1 : -1;
		if (ch >= 0 && r->qa_filled)
			json_object_set_new(o, "votes", votes_json(r->votes_up[ch], r->votes_down[ch]));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *months_json(const struct usage_adoption_report *r)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n_months; i++) {
		const struct usage_month_row *m = &r->months[i];
		char label[16];
		snprintf(label, sizeof(label), "%04d-%02d", m->month / 12, m->month % 12 + 1);
		json_array_append_new(
			arr, json_pack("{s:s, s:I, s:I, s:I, s:o, s:o}", "month", label, "active",
				       (json_int_t)m->active, "uses", (json_int_t)m->uses,
				       "new_users", (json_int_t)m->new_users, "retained",
				       m->retained >= 0 ? json_integer(m->retained) : json_null(),
				       "retention",
				       m->retained >= 0 ? rate(m->retained, m->active) : json_null()));
	}
	return arr;
}

static json_t *weeks_json(const struct usage_adoption_report *r)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n_weeks; i++)
		json_array_append_new(arr, json_pack("{s:o, s:I, s:o}", "week",
						     date_json(r->weeks[i].start_day), "active",
						     (json_int_t)r->weeks[i].active, "uses",
						     r->weeks[i].uses >= 0
							     ? json_integer(r->weeks[i].uses)
							     : json_null()));
	return arr;
}

static json_t *report_json(const struct usage_adoption_report *r)
{
	json_t *buckets = json_array();
	for (int b = 0; b < USAGE_BUCKETS; b++)
		json_array_append_new(buckets, json_pack("{s:s, s:I, s:o}", "label",
							 r->buckets[b].label, "users",
							 (json_int_t)r->buckets[b].users, "share",
							 share(r->buckets[b].share)));
	double hours = (double)(r->uses + r->citizen_answered) * (double)r->minutes_per_use / 60.0;
	char assumption[256];
	snprintf(assumption, sizeof(assumption),
		 "職員の利用 1 回と、住民の質問に回答できた 1 件を、それぞれ %lld 分の業務の削減として試算しています（設定で変更できます）",
		 (long long)r->minutes_per_use);
	json_t *o = json_pack(
		"{s:o, s:o, s:o, s:I, s:s, s:I, s:I, s:o, s:I, s:I, s:o}", "period", period_json(r),
		"department",
		r->department_id ? json_pack("{s:I, s:s}", "id", (json_int_t)r->department_id, "path",
					     r->department)
				 : json_null(),
		"feature", r->feature[0] ? json_string(r->feature) : json_null(), "eligible",
		(json_int_t)r->eligible, "eligible_source",
		r->eligible_from_setting ? "setting" : "roster", "roster_eligible",
		(json_int_t)r->roster_eligible, "active", (json_int_t)r->active, "active_rate",
		share(r->active_rate), "uses", (json_int_t)r->uses, "active_30d",
		(json_int_t)r->active_30d, "buckets", buckets);
	json_object_set_new(o, "by_department", departments_json(r));
	json_object_set_new(o, "by_tier", tiers_json(r));
	json_object_set_new(o, "by_feature", features_json(r));
	json_object_set_new(o, "by_month", months_json(r));
	json_object_set_new(o, "by_week", weeks_json(r));
	json_object_set_new(o, "citizens",
			    json_pack("{s:I, s:I, s:I, s:I, s:o}", "questions",
				      (json_int_t)r->citizen_questions, "answered",
				      (json_int_t)r->citizen_answered, "clarify",
				      (json_int_t)r->citizen_clarify, "unknown",
				      (json_int_t)r->citizen_unknown, "answered_rate",
				      rate(r->citizen_answered, r->citizen_questions)));
	json_object_set_new(o, "outcomes",
			    json_pack("{s:I, s:I, s:o, s:s}", "answered_without_staff",
				      (json_int_t)r->citizen_answered, "minutes_per_use",
				      (json_int_t)r->minutes_per_use, "hours_saved",
				      json_real(round(hours * 10.0) / 10.0), "assumption",
				      assumption));
	json_object_set_new(o, "by_template", templates_json(r));
	json_t *out = json_object_get(o, "outcomes");
	if (r->qa_filled) {
		json_object_set_new(out, "unanswered_questions", json_integer(r->unanswered));
		json_object_set_new(out, "unanswered_to_faq", json_integer(r->unanswered_to_faq));
		json_object_set_new(out, "faq_entries_from_unanswered",
				    json_integer(r->faq_entries_from_unanswered));
		json_object_set_new(out, "citizen_votes", votes_json(r->votes_up[1], r->votes_down[1]));
		json_object_set_new(out, "staff_votes", votes_json(r->votes_up[0], r->votes_down[0]));
	}
	json_object_set_new(o, "privacy", json_pack("{s:i}", "small_group", USAGE_SMALL_GROUP));
	return o;
}

char *api_adoption_json(const struct usage_adoption_report *r, int pretty)
{
	/* Ratios are rounded to 4 decimals; 10 significant digits print them
	 * as 0.0952, not 0.095199999999999993. */
	json_t *o = report_json(r);
	char *text = json_dumps(o, (pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_REAL_PRECISION(10));
	json_decref(o);
	return text;
}

int api_adoption_extras(struct store *db, struct usage_adoption_report *r)
{
	struct qa_outcome qo;
	int rc = qa_outcome_count(db, usage_day_start(r->from_day), usage_day_start(r->to_day + 1),
				  &qo, NULL);
	if (rc)
		return rc;
	memcpy(r->votes_up, qo.votes_up, sizeof(r->votes_up));
	memcpy(r->votes_down, qo.votes_down, sizeof(r->votes_down));
	r->unanswered = qo.unanswered;
	r->unanswered_to_faq = qo.unanswered_to_faq;
	r->faq_entries_from_unanswered = qo.faq_entries;
	r->qa_filled = 1;
	/* Names of shared templates only: a personal template's name is its
	 * owner's business (user 0 owns none, so ws shows it only shared ones). */
	const struct ws_user nobody = {0, 0, 0, "", NULL};
	for (size_t i = 0; i < r->n_templates; i++) {
		json_t *t = NULL;
		if (ws_template_get(db, &nobody, r->templates[i].template_id, &t, NULL) == 0) {
			const char *name = json_string_value(json_object_get(t, "name"));
			yk_strlcpy(r->templates[i].name, name ? name : "", sizeof(r->templates[i].name));
		}
		json_decref(t);
	}
	return 0;
}

/* ---- handlers ------------------------------------------------------------- */

static int head_scope(struct api_call *c, struct usage_adoption_query *q);

static int read_query(struct api_call *c, struct usage_adoption_query *q)
{
	memset(q, 0, sizeof(*q));
	int fy;
	int rc = usage_period_parse(http_query(c->req, "from"), http_query(c->req, "to"),
				    http_query(c->req, "fy"), http_query(c->req, "month"),
				    yk_now_unix(), &q->from_day, &q->to_day, &fy, &c->ei);
	if (rc)
		return rc;
	const char *feature = http_query(c->req, "feature");
	if (feature && strlen(feature) > USAGE_FEATURE_MAX) {
		yk_errinfo_at(&c->ei, NULL, 0, "feature");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "機能の指定が長すぎます");
	}
	q->feature = feature && *feature ? feature : NULL;
	const char *dept = http_query(c->req, "department");
	if (dept && *dept) {
		int64_t id;
		if (yk_parse_i64(dept, strlen(dept), 1, INT64_MAX, &id) == 0) {
			q->department_id = id;
		} else {
			struct auth_department d;
			if (strlen(dept) > AUTH_DEPT_PATH_MAX || auth_dept_find(c->db, dept, &d) != 0) {
				yk_errinfo_at(&c->ei, NULL, 0, "department");
				return yk_errinfo_set(&c->ei, YK_ENOTFOUND, "所属が見つかりません");
			}
			q->department_id = d.id;
		}
	}
	return head_scope(c, q);
}

struct dept_by_id {
	int64_t id;
	struct auth_department *out;
	int found;
};

static int match_dept_id(void *ctx, const struct auth_department *d)
{
	struct dept_by_id *m = ctx;
	if (d->id != m->id)
		return 0;
	*m->out = *d;
	m->found = 1;
	return 1;
}

/* A department head (所属長) who is not also an admin or editor sees their
 * own department and the ones below it only: without a department= the
 * report is narrowed to their department; asking for any other one is 403
 * (saying so beats a report that silently shows something else). */
static int head_scope(struct api_call *c, struct usage_adoption_query *q)
{
	const struct auth_user *u = &c->session.user;
	if (!c->has_session || (u->roles & (AUTH_ROLE_ADMIN | AUTH_ROLE_EDITOR)))
		return 0;
	const char *scope = NULL;
	if (!auth_head_scope(u, &scope))
		return yk_errinfo_set(&c->ei, YK_EFORBIDDEN,
				      "活用状況を表示する権限がありません（所属長に所属が設定されていません）");
	if (!q->department_id) {
		q->department_id = u->department_id;
		return 0;
	}
	struct auth_department d;
	struct dept_by_id m = {q->department_id, &d, 0};
	int rc = auth_dept_list(c->db, match_dept_id, &m);
	if (rc < 0)
		return rc;
	if (!m.found) {
		yk_errinfo_at(&c->ei, NULL, 0, "department");
		return yk_errinfo_set(&c->ei, YK_ENOTFOUND, "所属が見つかりません");
	}
	if (!auth_dept_within(d.path, scope)) {
		yk_errinfo_at(&c->ei, NULL, 0, "department");
		return yk_errinfo_set(&c->ei, YK_EFORBIDDEN,
				      "所属長は自分の所属とその下の所属の活用状況だけを表示できます");
	}
	return 0;
}

API_HANDLER(adoption_report)
{
	struct usage_adoption_query q;
	struct usage_adoption_report *r = NULL;
	int rc = read_query(c, &q);
	if (rc || (rc = usage_adoption_report(c->db, &q, &r, &c->ei)))
		return rc;
	if ((rc = api_adoption_extras(c->db, r))) {
		usage_adoption_report_free(r);
		return rc;
	}
	char *text = api_adoption_json(r, 0);
	usage_adoption_report_free(r);
	yk_buf_reset(&c->resp->body);
	rc = text ? yk_buf_adds(&c->resp->body, text) : YK_ENOMEM;
	free(text);
	if (rc)
		return rc;
	c->resp->status = 200;
	c->resp->content_type = "application/json; charset=utf-8";
	return 0;
}

API_HANDLER(adoption_csv)
{
	const char *table = http_query(c->req, "table");
	if (!table || !*table)
		table = "summary";
	int known = 0;
	for (const char *const *t = usage_adoption_tables; *t; t++)
		known |= strcmp(*t, table) == 0;
	if (!known) {
		yk_errinfo_at(&c->ei, NULL, 0, "table");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "表の指定が正しくありません");
	}
	struct usage_adoption_query q;
	struct usage_adoption_report *r = NULL;
	int rc = read_query(c, &q);
	if (rc || (rc = usage_adoption_report(c->db, &q, &r, &c->ei)))
		return rc;
	yk_buf_reset(&c->resp->body);
	if (!(rc = api_adoption_extras(c->db, r)))
		rc = usage_adoption_csv(r, table, &c->resp->body);
	char name[128];
	char from[16], to[16];
	usage_format_date(r->from_day, from, sizeof(from));
	usage_format_date(r->to_day, to, sizeof(to));
	snprintf(name, sizeof(name), "attachment; filename=\"adoption-%s-%s-%s.csv\"", table, from,
		 to);
	usage_adoption_report_free(r);
	if (rc)
		return rc;
	c->resp->status = 200;
	c->resp->content_type = "text/csv; charset=utf-8";
	http_response_header(c->resp, "Content-Disposition", yk_arena_strdup(c->req->arena, name));
	return 0;
}

struct people_json {
	json_t *arr;
};

static int add_person(void *ctx, const struct usage_person_row *p)
{
	struct people_json *pj = ctx;
	json_array_append_new(pj->arr, json_pack("{s:s, s:s, s:s, s:I}", "employee_no",
						 p->employee_no, "name", p->name, "department",
						 p->department, "uses", (json_int_t)p->uses));
	return 0;
}

API_HANDLER(adoption_people)
{
	if (!store_setting_int(c->db, "usage_per_person"))
		return yk_errinfo_set(&c->ei, YK_EFORBIDDEN,
				      "職員ごとの利用回数は、設定「職員ごとの利用回数の表示」を有効にしたときだけ表示できます");
	struct usage_adoption_query q;
	int rc = read_query(c, &q);
	if (rc)
		return rc;
	char from[16], to[16], detail[256];
	usage_format_date(q.from_day, from, sizeof(from));
	usage_format_date(q.to_day, to, sizeof(to));
	snprintf(detail, sizeof(detail), "{\"from\":\"%s\",\"to\":\"%s\",\"department_id\":%lld}",
		 from, to, (long long)q.department_id);
	/* The look is audited before the data leaves. */
	if ((rc = audit_record(c->db, &c->actor, "usage.per_person.view", NULL, detail, &c->ei)))
		return rc;
	struct people_json pj = {json_array()};
	if ((rc = usage_adoption_people(c->db, &q, add_person, &pj, &c->ei))) {
		json_decref(pj.arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "people", pj.arr));
	return 0;
}

API_HANDLER(usage_import)
{
	const char *filename = http_query(c->req, "filename");
	if (!filename || !*filename)
		filename = "usage.csv";
	if (strlen(filename) > 200) {
		yk_errinfo_at(&c->ei, NULL, 0, "filename");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "ファイル名が長すぎます");
	}
	if (!c->req->body_len)
		return yk_errinfo_set(&c->ei, YK_EPARSE, "ファイルが空です");
	struct usage_import_result *res = yk_arena_alloc(c->req->arena, sizeof(*res));
	int rc = usage_import(c->db, &c->actor, c->req->body, c->req->body_len, filename, res, &c->ei);
	if (rc)
		return api__import_problems(c, rc, filename, &res->problems);
	api__reply(c, 200, json_pack("{s:s, s:I, s:I, s:I}", "file", filename, "rows",
				     (json_int_t)res->rows, "inserted", (json_int_t)res->inserted,
				     "duplicates", (json_int_t)res->duplicates));
	return 0;
}
