/* api handlers of 研修 (training): sessions, registration and nomination,
 * quotas, the roll and attendance, session surveys, the training report,
 * series, certifications, subsidies, materials, curricula and outcomes.
 * Staff act for themselves (their roster entry is found from their login);
 * editors and admins manage. The JSON of the reports is shared with the
 * CLI (api_training_report_json, api_cert_report_json). */
#include <string.h>

#include "api_int.h"
#include "survey/survey.h"
#include "training/training.h"
#include "core/banned.h"

static int is_manager(const struct api_call *c)
{
	return (c->session.user.roles & (AUTH_ROLE_ADMIN | AUTH_ROLE_EDITOR)) != 0;
}

int api__my_staff(struct api_call *c, int64_t *staff_id)
{
	int rc = training_staff_of_user(c->db, &c->session.user, staff_id);
	if (rc == YK_ENOTFOUND)
		return yk_errinfo_set(&c->ei, YK_EFORBIDDEN,
				      "職員名簿にあなたの職員番号（またはメールアドレス）が見つかりません。"
				      "管理者に名簿への登録を依頼してください");
	return rc;
}

/* The department subtree a head (所属長) who is not a manager acts for;
 * NULL for managers and for everyone else. */
static const char *head_scope(const struct api_call *c)
{
	const char *path = NULL;
	if (is_manager(c) || !auth_head_scope(&c->session.user, &path))
		return NULL;
	return path;
}

/* The person a request is about: body "employee_no" (managers; with
 * session_id > 0 also a head, for staff of their own department subtree in
 * a quota session), else the caller. */
static int target_staff(struct api_call *c, int64_t session_id, int64_t *staff_id)
{
	const char *no = NULL;
	int rc = api__str(c, "employee_no", 0, AUTH_EMPLOYEE_NO_MAX, &no);
	if (rc)
		return rc;
	if (!no || !*no)
		return api__my_staff(c, staff_id);
	const char *scope = session_id > 0 ? head_scope(c) : NULL;
	if (!is_manager(c) && !scope)
		return yk_errinfo_set(&c->ei, YK_EFORBIDDEN,
				      "ほかの職員の申し込みは所属長・編集者・管理者だけが行えます");
	if ((rc = training_staff_by_number(c->db, no, staff_id)) == YK_ENOTFOUND) {
		yk_errinfo_at(&c->ei, NULL, 0, "employee_no");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "職員番号「%s」が名簿にありません", no);
	}
	if (!rc && scope)
		rc = training_nominee_check(c->db, session_id, *staff_id, scope, &c->ei);
	return rc;
}

static int int_field(struct api_call *c, const char *field, int64_t min, int64_t max, int64_t def,
		     int64_t *out)
{
	json_t *v = c->body ? json_object_get(c->body, field) : NULL;
	*out = def;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」は %lld 以上 %lld 以下の整数で指定してください",
				      field, (long long)min, (long long)max);
	}
	*out = json_integer_value(v);
	return 0;
}

/* ---- sessions ------------------------------------------------------------------ */

static json_t *session_json(const struct training_session *s)
{
	json_t *blocks = json_array(), *instructors = json_array(), *tiers = json_array(),
	       *templates = json_array();
	for (size_t i = 0; i < s->nblocks; i++)
		json_array_append_new(blocks, json_pack("{s:s, s:i}", "label", s->blocks[i].label,
							"minutes", s->blocks[i].minutes));
	for (size_t i = 0; i < s->ninstructors; i++)
		json_array_append_new(instructors, json_string(s->instructors[i]));
	for (unsigned bit = 1; bit <= TRAINING_TIER_GENERAL; bit <<= 1)
		if (s->tiers & bit)
			json_array_append_new(tiers, json_string(training_tier_name(bit)));
	for (size_t i = 0; i < s->ntemplates; i++)
		json_array_append_new(templates, json_integer(s->templates[i]));
	json_t *o = json_pack(
		"{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:o, s:o,"
		" s:I, s:I, s:I}",
		"id", (json_int_t)s->id, "title", s->title, "level", s->level, "date", s->day,
		"start_time", s->start_time, "end_time", s->end_time, "place", s->place, "online_url",
		s->online_url, "description", s->description, "capacity", (json_int_t)s->capacity,
		"recruitment", s->recruitment == TRAINING_QUOTA ? "quota" : "open", "blocks", blocks,
		"instructors", instructors, "tiers", tiers, "template_ids", templates, "registered",
		(json_int_t)s->registered, "waiting", (json_int_t)s->waiting, "attended",
		(json_int_t)s->attended);
	json_object_set_new(o, "series_id", s->series_id ? json_integer(s->series_id) : json_null());
	json_object_set_new(o, "pre_survey_id",
			    s->pre_survey_id ? json_integer(s->pre_survey_id) : json_null());
	json_object_set_new(o, "post_survey_id",
			    s->post_survey_id ? json_integer(s->post_survey_id) : json_null());
	return o;
}

static json_t *my_json(const struct training_my_session *m)
{
	json_t *o = json_pack("{s:s?, s:I, s:b, s:b, s:b}", "status",
			      m->has_registration ? training_reg_status_name(m->status) : NULL,
			      "waiting_position", (json_int_t)m->waiting_position, "attended",
			      m->attended, "pre_answered", m->pre_answered, "post_answered",
			      m->post_answered);
	/* When this place came off the waiting list: the person's notice. */
	json_object_set_new(o, "promoted_at",
			    m->promoted_at ? json_integer((json_int_t)m->promoted_at) : json_null());
	return o;
}

struct my_map {
	struct training_my_session *v;
	size_t n;
};

static int add_my(void *ctx, const struct training_my_session *m)
{
	struct my_map *mm = ctx;
	mm->v = yk_xrealloc(mm->v, (mm->n + 1) * sizeof(*mm->v));
	mm->v[mm->n++] = *m;
	return 0;
}

static const struct training_my_session *my_find(const struct my_map *mm, int64_t session_id)
{
	for (size_t i = 0; i < mm->n; i++)
		if (mm->v[i].session_id == session_id)
			return &mm->v[i];
	return NULL;
}

struct list_ctx {
	json_t *arr;
	const struct my_map *mine;
};

static int add_session(void *ctx, const struct training_session *s)
{
	struct list_ctx *l = ctx;
	json_t *o = session_json(s);
	const struct training_my_session *m = l->mine ? my_find(l->mine, s->id) : NULL;
	json_object_set_new(o, "me", m ? my_json(m) : json_null());
	json_array_append_new(l->arr, o);
	return 0;
}

API_HANDLER(training_sessions)
{
	int64_t all, staff_id = 0;
	int rc = api__query_int(c, "all", 0, 1, 0, &all);
	if (rc)
		return rc;
	struct my_map mine = {NULL, 0};
	if (training_staff_of_user(c->db, &c->session.user, &staff_id) == 0 &&
	    (rc = training_my_sessions(c->db, staff_id, add_my, &mine))) {
		free(mine.v);
		return rc;
	}
	char today[11];
	survey_day(yk_now_unix(), today);
	struct list_ctx l = {json_array(), staff_id ? &mine : NULL};
	rc = training_session_list(c->db, all ? NULL : today, add_session, &l);
	free(mine.v);
	if (rc) {
		json_decref(l.arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o, s:b}", "sessions", l.arr, "linked", staff_id != 0));
	return 0;
}

API_HANDLER(training_session)
{
	struct training_session *s = yk_arena_alloc(c->req->arena, sizeof(*s));
	int rc = training_session_get(c->db, c->id, s, &c->ei);
	if (rc)
		return rc;
	json_t *o = session_json(s);
	int64_t staff_id = 0;
	struct my_map mine = {NULL, 0};
	if (training_staff_of_user(c->db, &c->session.user, &staff_id) == 0 &&
	    training_my_sessions(c->db, staff_id, add_my, &mine) == 0) {
		const struct training_my_session *m = my_find(&mine, s->id);
		json_object_set_new(o, "me", m ? my_json(m) : json_null());
	}
	free(mine.v);
	api__reply(c, 200, o);
	return 0;
}

static int str_field(struct api_call *c, const char *field, size_t max, char *out, size_t outsz)
{
	const char *v = NULL;
	int rc = api__str(c, field, 0, max, &v);
	if (!rc)
		yk_strlcpy(out, v ? v : "", outsz);
	return rc;
}

static int session_from_body(struct api_call *c, struct training_session *s)
{
	static const char *const fields[] = {"title", "date", "level", "start_time", "end_time",
					     "place", "online_url", "description", "capacity",
					     "recruitment", "blocks", "instructors", "tiers",
					     "template_ids", "series_id", NULL};
	int rc;
	const char *v = NULL;
	int64_t n;
	if ((rc = api__only_fields(c, fields)) ||
	    (rc = api__str(c, "title", 1, TRAINING_TITLE_MAX, &v)))
		return rc;
	yk_strlcpy(s->title, v, sizeof(s->title));
	if ((rc = api__str(c, "date", 1, 10, &v)))
		return rc;
	yk_strlcpy(s->day, v, sizeof(s->day));
	if ((rc = str_field(c, "level", TRAINING_LEVEL_MAX, s->level, sizeof(s->level))) ||
	    (rc = str_field(c, "start_time", 5, s->start_time, sizeof(s->start_time))) ||
	    (rc = str_field(c, "end_time", 5, s->end_time, sizeof(s->end_time))) ||
	    (rc = str_field(c, "place", TRAINING_PLACE_MAX, s->place, sizeof(s->place))) ||
	    (rc = str_field(c, "online_url", TRAINING_URL_MAX, s->online_url, sizeof(s->online_url))) ||
	    (rc = str_field(c, "description", TRAINING_DESCRIPTION_MAX, s->description,
			    sizeof(s->description))) ||
	    (rc = int_field(c, "capacity", 0, 100000, 0, &s->capacity)) ||
	    (rc = int_field(c, "series_id", 0, INT64_MAX, 0, &s->series_id)))
		return rc;
	if ((rc = api__str(c, "recruitment", 0, 16, &v)))
		return rc;
	if (v && strcmp(v, "quota") != 0 && strcmp(v, "open") != 0) {
		yk_errinfo_at(&c->ei, NULL, 0, "recruitment");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "募集方法は quota（所属ごとの枠）か open（公募）です");
	}
	s->recruitment = v && strcmp(v, "quota") == 0 ? TRAINING_QUOTA : TRAINING_OPEN;
	if ((rc = api__str(c, "blocks", 0, 4096, &v)))
		return rc;
	if (v && (rc = training_blocks_parse(v, strlen(v), s->blocks, &s->nblocks, &c->ei))) {
		yk_errinfo_at(&c->ei, NULL, 0, "blocks");
		return rc;
	}
	json_t *arr = json_object_get(c->body, "instructors"), *e;
	size_t i;
	if (arr && (!json_is_array(arr) || json_array_size(arr) > TRAINING_INSTRUCTORS_MAX)) {
		yk_errinfo_at(&c->ei, NULL, 0, "instructors");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "講師は %d 人までの文字列の配列で指定してください",
				      TRAINING_INSTRUCTORS_MAX);
	}
	json_array_foreach(arr, i, e) {
		if (!json_is_string(e) || json_string_length(e) > TRAINING_INSTRUCTOR_MAX) {
			yk_errinfo_at(&c->ei, NULL, 0, "instructors");
			return yk_errinfo_set(&c->ei, YK_EINVAL, "講師名が正しくありません");
		}
		yk_strlcpy(s->instructors[s->ninstructors++], json_string_value(e),
			   sizeof(s->instructors[0]));
	}
	arr = json_object_get(c->body, "tiers");
	json_array_foreach(arr, i, e) {
		unsigned bit;
		if (!json_is_string(e) || training_tier_parse(json_string_value(e), &bit)) {
			yk_errinfo_at(&c->ei, NULL, 0, "tiers");
			return yk_errinfo_set(&c->ei, YK_EINVAL,
					      "対象は 幹部 / DX推進リーダー / 一般職員 から選んでください");
		}
		s->tiers |= bit;
	}
	arr = json_object_get(c->body, "template_ids");
	if (arr && (!json_is_array(arr) || json_array_size(arr) > TRAINING_TEMPLATES_MAX)) {
		yk_errinfo_at(&c->ei, NULL, 0, "template_ids");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "テンプレートは %d 件までの ID の配列で指定してください",
				      TRAINING_TEMPLATES_MAX);
	}
	json_array_foreach(arr, i, e) {
		if (!json_is_integer(e) || json_integer_value(e) <= 0) {
			yk_errinfo_at(&c->ei, NULL, 0, "template_ids");
			return yk_errinfo_set(&c->ei, YK_EINVAL, "テンプレートの ID が正しくありません");
		}
		s->templates[s->ntemplates++] = json_integer_value(e);
	}
	(void)n;
	return 0;
}

static int save_session(struct api_call *c, int64_t id)
{
	struct training_session *s = yk_arena_alloc(c->req->arena, sizeof(*s));
	int rc = session_from_body(c, s);
	if (rc)
		return rc;
	s->id = id;
	int64_t new_id = 0;
	struct training_promoted moved;
	rc = training_session_save(c->db, &c->actor, s, &new_id, &moved, &c->ei);
	size_t npromoted = moved.n;
	training_promoted_release(&moved);
	if (rc || (rc = training_session_get(c->db, new_id, s, &c->ei)))
		return rc;
	json_t *o = session_json(s);
	/* How many came off the waiting list (a raised capacity). */
	json_object_set_new(o, "promoted", json_integer((json_int_t)npromoted));
	api__reply(c, id ? 200 : 201, o);
	return 0;
}

API_HANDLER(training_session_create)
{
	return save_session(c, 0);
}

API_HANDLER(training_session_update)
{
	return save_session(c, c->id);
}

API_HANDLER(training_session_delete)
{
	int rc = training_session_delete(c->db, &c->actor, c->id, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:I}", "deleted", (json_int_t)c->id));
	return 0;
}

API_HANDLER(training_session_ics)
{
	struct training_session *s = yk_arena_alloc(c->req->arena, sizeof(*s));
	int rc = training_session_get(c->db, c->id, s, &c->ei);
	if (rc)
		return rc;
	const char *host = http_header(c->req, "Host");
	char h[128];
	size_t n = 0;
	for (; host && host[n] && n + 1 < sizeof(h) && host[n] != ':'; n++)
		h[n] = (host[n] >= 'a' && host[n] <= 'z') || (host[n] >= 'A' && host[n] <= 'Z') ||
				       (host[n] >= '0' && host[n] <= '9') || host[n] == '.' ||
				       host[n] == '-'
			       ? host[n]
			       : '-';
	h[n] = '\0';
	yk_buf_reset(&c->resp->body);
	if ((rc = training_session_ics(s, h, &c->resp->body)))
		return rc;
	c->resp->status = 200;
	c->resp->content_type = "text/calendar; charset=utf-8";
	http_response_header(c->resp, "Content-Disposition",
			     yk_arena_printf(c->req->arena, "attachment; filename=\"training-%lld.ics\"",
					     (long long)c->id));
	return 0;
}

/* ---- registration ------------------------------------------------------------------ */

API_HANDLER(training_register)
{
	static const char *const fields[] = {"employee_no", NULL};
	int64_t staff_id;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = target_staff(c, c->id, &staff_id)))
		return rc;
	int64_t mine = 0;
	int nominated = training_staff_of_user(c->db, &c->session.user, &mine) != 0 || mine != staff_id;
	enum training_reg_status st;
	if ((rc = training_register(c->db, &c->actor, c->id, staff_id,
				    nominated ? c->session.user.id : 0, &st, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:s}", "session_id", (json_int_t)c->id, "status",
				     training_reg_status_name(st)));
	return 0;
}

API_HANDLER(training_cancel)
{
	static const char *const fields[] = {"employee_no", NULL};
	int64_t staff_id, promoted = 0;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = target_staff(c, c->id, &staff_id)) ||
	    (rc = training_cancel(c->db, &c->actor, c->id, staff_id, &promoted, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:s, s:b}", "session_id", (json_int_t)c->id, "status",
				     "cancelled", "promoted", promoted != 0));
	return 0;
}

/* ---- quotas ---------------------------------------------------------------------------- */

static int add_fill(void *ctx, const struct training_quota_fill *q)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:I, s:I}", "department_id",
					     (json_int_t)q->department_id, "department", q->department,
					     "quota", (json_int_t)q->quota, "registered",
					     (json_int_t)q->registered, "attended",
					     (json_int_t)q->attended));
	return 0;
}

API_HANDLER(training_quotas)
{
	json_t *arr = json_array();
	int rc = training_quota_list(c->db, c->id, add_fill, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:I, s:o}", "session_id", (json_int_t)c->id, "quotas", arr));
	return 0;
}

API_HANDLER(training_quotas_put)
{
	static const char *const fields[] = {"quotas", NULL};
	int rc = api__only_fields(c, fields);
	if (rc)
		return rc;
	json_t *arr = json_object_get(c->body, "quotas"), *e;
	size_t i, npromoted = 0;
	if (!json_is_array(arr) || json_array_size(arr) > 2000) {
		yk_errinfo_at(&c->ei, NULL, 0, "quotas");
		return yk_errinfo_set(&c->ei, YK_EINVAL,
				      "「quotas」は [{\"department_id\", \"quota\"}] の配列で指定してください");
	}
	json_array_foreach(arr, i, e) {
		json_t *d = json_object_get(e, "department_id"), *q = json_object_get(e, "quota");
		if (!json_is_integer(d) || !json_is_integer(q)) {
			yk_errinfo_at(&c->ei, NULL, 0, "quotas");
			return yk_errinfo_set(&c->ei, YK_EINVAL, "所属 ID と枠は整数で指定してください");
		}
		struct training_promoted moved;
		rc = training_quota_set(c->db, &c->actor, c->id, json_integer_value(d),
					json_integer_value(q), &moved, &c->ei);
		npromoted += moved.n;
		training_promoted_release(&moved);
		if (rc)
			return rc;
	}
	json_t *arr2 = json_array();
	if ((rc = training_quota_list(c->db, c->id, add_fill, arr2))) {
		json_decref(arr2);
		return rc;
	}
	/* promoted: how many came off the waiting list (raised quotas). */
	api__reply(c, 200, json_pack("{s:I, s:o, s:I}", "session_id", (json_int_t)c->id, "quotas",
				     arr2, "promoted", (json_int_t)npromoted));
	return 0;
}

/* ---- roll and attendance --------------------------------------------------------------- */

static int add_roll(void *ctx, const struct training_roll_entry *e)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:I, s:b}", "staff_id",
					     (json_int_t)e->staff_id, "employee_no", e->employee_no,
					     "name", e->name, "department", e->department, "tier",
					     e->tier, "status",
					     e->has_registration ? training_reg_status_name(e->status) : NULL,
					     "waiting_position", (json_int_t)e->waiting_position,
					     "attended", e->attended));
	return 0;
}

API_HANDLER(training_roll)
{
	const char *q = http_query(c->req, "q");
	if (q && strlen(q) > 100)
		return yk_errinfo_set(&c->ei, YK_EINVAL, "検索語が長すぎます");
	struct training_session *s = yk_arena_alloc(c->req->arena, sizeof(*s));
	int rc = training_session_get(c->db, c->id, s, &c->ei);
	if (rc)
		return rc;
	json_t *arr = json_array();
	if ((rc = training_roll(c->db, c->id, q, add_roll, arr))) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:I, s:o}", "session_id", (json_int_t)c->id, "entries", arr));
	return 0;
}

struct nominee_ctx {
	const char *scope;
	json_t *quotas, *staff;
};

static int add_scoped_fill(void *ctx, const struct training_quota_fill *q)
{
	struct nominee_ctx *n = ctx;
	return !n->scope || auth_dept_within(q->department, n->scope) ? add_fill(n->quotas, q) : 0;
}

static int add_nominee(void *ctx, const struct training_roll_entry *e)
{
	struct nominee_ctx *n = ctx;
	return add_roll(n->staff, e);
}

/* GET …/{id}/nominees: for a head, their subtree's quotas and staff; for a
 * manager, every department's. */
API_HANDLER(training_nominees)
{
	struct nominee_ctx n = {head_scope(c), json_array(), json_array()};
	struct training_session *s = yk_xmalloc(sizeof(*s));
	int rc = training_session_get(c->db, c->id, s, &c->ei);
	if (!rc)
		rc = training_quota_list(c->db, c->id, add_scoped_fill, &n);
	if (!rc)
		rc = training_nominees(c->db, c->id, n.scope, add_nominee, &n);
	if (!rc)
		api__reply(c, 200, json_pack("{s:I, s:s, s:s?, s:o, s:o}", "session_id",
					     (json_int_t)c->id, "recruitment",
					     s->recruitment == TRAINING_QUOTA ? "quota" : "open", "scope",
					     n.scope, "quotas", n.quotas, "staff", n.staff));
	else {
		json_decref(n.quotas);
		json_decref(n.staff);
	}
	free(s);
	return rc;
}

API_HANDLER(training_attend)
{
	static const char *const fields[] = {"staff_id", "present", NULL};
	int64_t staff_id;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = int_field(c, "staff_id", 1, INT64_MAX, 0, &staff_id)))
		return rc;
	json_t *p = json_object_get(c->body, "present");
	if (!staff_id || !json_is_boolean(p)) {
		yk_errinfo_at(&c->ei, NULL, 0, staff_id ? "present" : "staff_id");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「staff_id」と「present」（true/false）を指定してください");
	}
	if ((rc = training_attend_set(c->db, &c->actor, c->id, staff_id, json_is_true(p), &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:I, s:b}", "session_id", (json_int_t)c->id, "staff_id",
				     (json_int_t)staff_id, "present", json_is_true(p)));
	return 0;
}

/* ---- session surveys ----------------------------------------------------------------------- */

static int phase_of(struct api_call *c, const char *v, enum training_phase *phase)
{
	if (!v || !*v) {
		*phase = TRAINING_POST;
		return 0;
	}
	if (training_phase_parse(v, phase)) {
		yk_errinfo_at(&c->ei, NULL, 0, "phase");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「phase」は pre（事前）か post（事後）です");
	}
	return 0;
}

API_HANDLER(training_survey_create)
{
	static const char *const fields[] = {"phase", NULL};
	const char *v = NULL;
	enum training_phase phase;
	int64_t survey_id;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "phase", 0, 8, &v)) ||
	    (rc = phase_of(c, v, &phase)) ||
	    (rc = training_survey_ensure(c->db, &c->actor, c->id, phase, &survey_id, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:s, s:I}", "session_id", (json_int_t)c->id, "phase",
				     phase == TRAINING_PRE ? "pre" : "post", "survey_id",
				     (json_int_t)survey_id));
	return 0;
}

static int session_survey_id(struct api_call *c, enum training_phase phase, int64_t *id)
{
	struct training_session *s = yk_arena_alloc(c->req->arena, sizeof(*s));
	int rc = training_session_get(c->db, c->id, s, &c->ei);
	if (rc)
		return rc;
	*id = phase == TRAINING_PRE ? s->pre_survey_id : s->post_survey_id;
	if (!*id)
		return yk_errinfo_set(&c->ei, YK_ENOTFOUND, "この研修のアンケートはまだありません");
	return 0;
}

API_HANDLER(training_survey_form)
{
	enum training_phase phase;
	int64_t survey_id, staff_id = 0;
	int rc;
	if ((rc = phase_of(c, http_query(c->req, "phase"), &phase)) ||
	    (rc = session_survey_id(c, phase, &survey_id)))
		return rc;
	struct survey *s = NULL;
	if ((rc = survey_get(c->db, survey_id, &s, &c->ei)))
		return rc;
	json_t *o = api__survey_json(s);
	survey_free(s);
	int answered = training_staff_of_user(c->db, &c->session.user, &staff_id) == 0 &&
		       survey_has_answered(c->db, survey_id, staff_id) == 1;
	json_object_set_new(o, "answered", json_boolean(answered));
	json_object_set_new(o, "phase", json_string(phase == TRAINING_PRE ? "pre" : "post"));
	api__reply(c, 200, o);
	return 0;
}

API_HANDLER(training_survey_answer)
{
	static const char *const fields[] = {"phase", "answers", NULL};
	const char *v = NULL;
	enum training_phase phase;
	int64_t survey_id, staff_id;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "phase", 0, 8, &v)) ||
	    (rc = phase_of(c, v, &phase)) || (rc = api__my_staff(c, &staff_id)) ||
	    (rc = session_survey_id(c, phase, &survey_id)))
		return rc;
	struct survey *s = NULL;
	struct survey_answer *answers;
	size_t n;
	if ((rc = survey_get(c->db, survey_id, &s, &c->ei)))
		return rc;
	rc = api__survey_answers(c, s, &answers, &n);
	survey_free(s);
	if (rc || (rc = training_survey_answer(c->db, c->id, phase, staff_id, answers, n, &c->ei)))
		return rc;
	api__reply(c, 201, json_pack("{s:b}", "answered", 1));
	return 0;
}

/* ---- the training report ----------------------------------------------------------------- */

static json_t *phase_json(const struct survey_results *r)
{
	if (!r)
		return json_null();
	return api_survey_results_json(r);
}

json_t *api_training_report_json(const struct training_report *r)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->nsessions; i++) {
		const struct training_report_session *s = &r->sessions[i];
		const struct survey_results *post = s->post;
		json_t *qs = json_array();
		if (post) {
			json_t *full = api_survey_results_json(post);
			json_array_extend(qs, json_object_get(full, "questions"));
			json_decref(full);
		}
		json_t *o = json_pack(
			"{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:b, s:o, s:o}", "id",
			(json_int_t)s->id, "title", s->title, "date", s->day, "level", s->level,
			"capacity", (json_int_t)s->capacity, "registered", (json_int_t)s->registered,
			"waiting", (json_int_t)s->waiting, "attendees", (json_int_t)s->attendees,
			"repeat_attendees", (json_int_t)s->repeat_attendees, "responses",
			(json_int_t)(post ? post->responses : 0), "response_rate",
			post ? post->response_rate : 0.0, "withheld", post ? post->withheld : 0,
			"questions", qs, "pre", phase_json(s->pre));
		json_object_set_new(o, "post_survey_id",
				    post ? json_integer(post->survey_id) : json_null());
		json_array_append_new(arr, o);
	}
	return json_pack("{s:o}", "sessions", arr);
}

API_HANDLER(training_report)
{
	struct survey_text tx;
	struct training_report *r = NULL;
	int rc = api__survey_text(c, &tx);
	if (rc)
		return rc;
	rc = training_report_build(c->db, &tx, &r, &c->ei);
	api__survey_text_done(&tx);
	if (rc)
		return rc;
	api__reply(c, 200, api_training_report_json(r));
	training_report_free(r);
	return 0;
}

/* ---- series ------------------------------------------------------------------------------- */

static int add_series(void *ctx, const struct training_series_info *s)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I}", "id",
					     (json_int_t)s->id, "title", s->title, "exam", s->exam,
					     "sessions", (json_int_t)s->sessions, "members",
					     (json_int_t)s->members, "took_exam",
					     (json_int_t)s->took_exam, "passed", (json_int_t)s->passed));
	return 0;
}

API_HANDLER(training_series)
{
	json_t *arr = json_array();
	int rc = training_series_list(c->db, add_series, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "series", arr));
	return 0;
}

static int add_member(void *ctx, const struct training_series_member *m)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:I, s:b, s:b}", "staff_id",
					     (json_int_t)m->staff_id, "employee_no", m->employee_no,
					     "name", m->name, "department", m->department, "attended",
					     (json_int_t)m->attended, "took_exam", m->took_exam,
					     "passed", m->passed));
	return 0;
}

struct series_sessions {
	int64_t series_id;
	json_t *arr;
};

static int add_series_session(void *ctx, const struct training_session *s)
{
	struct series_sessions *ss = ctx;
	if (s->series_id == ss->series_id)
		json_array_append_new(ss->arr, session_json(s));
	return 0;
}

/* GET /api/v1/training/series/{id}: the series, its meetings and members. */
API_HANDLER(training_series_get)
{
	struct training_series_info info;
	struct series_sessions ss = {c->id, json_array()};
	json_t *members = json_array();
	int rc = training_series_get(c->db, c->id, &info, &c->ei);
	if (!rc)
		rc = training_session_list(c->db, NULL, add_series_session, &ss);
	if (!rc)
		rc = training_series_members(c->db, c->id, add_member, members);
	if (rc) {
		json_decref(ss.arr);
		json_decref(members);
		return rc;
	}
	json_t *o = json_array();
	add_series(o, &info);
	api__reply(c, 200, json_pack("{s:O, s:o, s:o}", "series", json_array_get(o, 0), "sessions",
				     ss.arr, "members", members));
	json_decref(o);
	return 0;
}

API_HANDLER(training_series_create)
{
	static const char *const fields[] = {"title", "exam", NULL};
	const char *title, *exam;
	int64_t id;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "title", 1, TRAINING_TITLE_MAX, &title)) ||
	    (rc = api__str(c, "exam", 0, TRAINING_CERT_NAME_MAX, &exam)) ||
	    (rc = training_series_create(c->db, &c->actor, title, exam, &id, &c->ei)))
		return rc;
	api__reply(c, 201, json_pack("{s:I}", "id", (json_int_t)id));
	return 0;
}

API_HANDLER(training_series_result)
{
	static const char *const fields[] = {"employee_no", "took_exam", "passed", NULL};
	int64_t staff_id;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = target_staff(c, 0, &staff_id)))
		return rc;
	json_t *took = json_object_get(c->body, "took_exam"), *passed = json_object_get(c->body, "passed");
	if ((took && !json_is_boolean(took)) || (passed && !json_is_boolean(passed))) {
		yk_errinfo_at(&c->ei, NULL, 0, "passed");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "受験・合格は true か false で指定してください");
	}
	if ((rc = training_series_result(c->db, &c->actor, c->id, staff_id, json_is_true(took),
					 json_is_true(passed), &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:b, s:b}", "took_exam", json_is_true(took) || json_is_true(passed),
				     "passed", json_is_true(passed)));
	return 0;
}

/* ---- certifications --------------------------------------------------------------------------- */

static int add_cert(void *ctx, const struct training_cert *x)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id",
					     (json_int_t)x->id, "employee_no", x->employee_no, "name",
					     x->name, "department", x->department, "certification",
					     x->certification, "acquired_on", x->acquired_on,
					     "evidence", x->evidence, "confirmed", x->confirmed));
	return 0;
}

static int add_kind(void *ctx, const struct training_cert_kind *k)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)k->id, "name",
					     k->name, "holders", (json_int_t)k->holders));
	return 0;
}

API_HANDLER(training_cert_kinds)
{
	json_t *arr = json_array();
	int rc = training_cert_kinds(c->db, add_kind, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "certifications", arr));
	return 0;
}

API_HANDLER(training_cert_kind_add)
{
	static const char *const fields[] = {"name", NULL};
	const char *name;
	int64_t id;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "name", 1, TRAINING_CERT_NAME_MAX, &name)) ||
	    (rc = training_cert_kind_add(c->db, &c->actor, name, &id, &c->ei)))
		return rc;
	api__reply(c, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name));
	return 0;
}

API_HANDLER(training_certs)
{
	json_t *arr = json_array();
	int rc = training_cert_list(c->db, 0, add_cert, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "certs", arr));
	return 0;
}

API_HANDLER(training_cert_record)
{
	static const char *const fields[] = {"employee_no", "certification", "acquired_on", "evidence", NULL};
	const char *cert, *day, *evidence;
	int64_t staff_id, id;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = target_staff(c, 0, &staff_id)) ||
	    (rc = api__str(c, "certification", 1, TRAINING_CERT_NAME_MAX, &cert)) ||
	    (rc = api__str(c, "acquired_on", 1, 10, &day)) ||
	    (rc = api__str(c, "evidence", 0, TRAINING_EVIDENCE_MAX, &evidence)))
		return rc;
	int confirmed = (c->session.user.roles & AUTH_ROLE_ADMIN) != 0;
	if ((rc = training_cert_record(c->db, &c->actor, staff_id, cert, day, evidence, confirmed, &id,
				       &c->ei)))
		return rc;
	api__reply(c, 201, json_pack("{s:I, s:b}", "id", (json_int_t)id, "confirmed", confirmed));
	return 0;
}

API_HANDLER(training_cert_confirm)
{
	int rc = training_cert_confirm(c->db, &c->actor, c->id, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:b}", "id", (json_int_t)c->id, "confirmed", 1));
	return 0;
}

API_HANDLER(training_cert_delete)
{
	int64_t owner = 0;
	int rc = 0;
	if (!(c->session.user.roles & AUTH_ROLE_ADMIN) && (rc = api__my_staff(c, &owner)))
		return rc;
	if ((rc = training_cert_delete(c->db, &c->actor, c->id, owner, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:I}", "deleted", (json_int_t)c->id));
	return 0;
}

json_t *api_cert_report_json(const struct training_cert_report *r)
{
	json_t *certs = json_array(), *depts = json_array();
	for (size_t i = 0; i < r->ncertifications; i++)
		json_array_append_new(certs, json_pack("{s:s, s:I}", "name", r->by_certification[i].name,
						       "holders", (json_int_t)r->by_certification[i].holders));
	for (size_t i = 0; i < r->ndepartments; i++)
		json_array_append_new(depts, json_pack("{s:s, s:I, s:I}", "department",
						       r->by_department[i].department, "staff",
						       (json_int_t)r->by_department[i].staff, "holders",
						       (json_int_t)r->by_department[i].holders));
	return json_pack("{s:I, s:I, s:f, s:o, s:o}", "departments", (json_int_t)r->departments,
			 "departments_with_holder", (json_int_t)r->departments_with_holder, "coverage",
			 r->departments ? (double)r->departments_with_holder / (double)r->departments : 0.0,
			 "by_certification", certs, "by_department", depts);
}

API_HANDLER(training_cert_report)
{
	struct training_cert_report *r = NULL;
	int rc = training_cert_report_build(c->db, &r, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, api_cert_report_json(r));
	training_cert_report_free(r);
	return 0;
}

/* ---- my page --------------------------------------------------------------------------------- */

static int add_subsidy(void *ctx, const struct training_subsidy *s)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "id",
					     (json_int_t)s->id, "name", s->name, "department",
					     s->department, "certification", s->certification, "amount",
					     (json_int_t)s->amount, "status",
					     training_subsidy_status_name(s->status), "note", s->note,
					     "applied_on", s->applied_on));
	return 0;
}

API_HANDLER(training_me)
{
	int64_t staff_id;
	int rc = training_staff_of_user(c->db, &c->session.user, &staff_id);
	if (rc == YK_ENOTFOUND) {
		/* Not an error for the page: it explains what is missing. */
		api__reply(c, 200, json_pack("{s:b, s:[], s:[], s:n}", "linked", 0, "certs", "subsidies",
					     "nearest_holder"));
		return 0;
	}
	if (rc)
		return rc;
	json_t *certs = json_array(), *subs = json_array();
	struct training_nearest near;
	if ((rc = training_cert_list(c->db, staff_id, add_cert, certs)) ||
	    (rc = training_subsidy_list(c->db, staff_id, add_subsidy, subs)) ||
	    (rc = training_nearest_holder(c->db, staff_id, &near))) {
		json_decref(certs);
		json_decref(subs);
		return rc;
	}
	json_t *n = near.found ? json_pack("{s:s, s:s, s:s, s:b}", "name", near.name, "department",
					   near.department, "certification", near.certification,
					   "same_department", near.same_department)
			       : json_null();
	api__reply(c, 200, json_pack("{s:b, s:I, s:o, s:o, s:o}", "linked", 1, "staff_id",
				     (json_int_t)staff_id, "certs", certs, "subsidies", subs,
				     "nearest_holder", n));
	return 0;
}

/* ---- subsidies ------------------------------------------------------------------------------- */

API_HANDLER(training_subsidies)
{
	json_t *arr = json_array();
	int rc = training_subsidy_list(c->db, 0, add_subsidy, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "subsidies", arr));
	return 0;
}

API_HANDLER(training_subsidy_apply)
{
	static const char *const fields[] = {"employee_no", "certification", "amount", "note", NULL};
	const char *cert, *note;
	int64_t staff_id, amount, id;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = target_staff(c, 0, &staff_id)) ||
	    (rc = api__str(c, "certification", 1, TRAINING_CERT_NAME_MAX, &cert)) ||
	    (rc = api__str(c, "note", 0, TRAINING_EVIDENCE_MAX, &note)) ||
	    (rc = int_field(c, "amount", 0, 10000000, 0, &amount)) ||
	    (rc = training_subsidy_apply(c->db, &c->actor, staff_id, cert, amount, note, &id, &c->ei)))
		return rc;
	api__reply(c, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "applied"));
	return 0;
}

API_HANDLER(training_subsidy_status)
{
	static const char *const fields[] = {"status", NULL};
	const char *v;
	enum training_subsidy_status st;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "status", 1, 16, &v)))
		return rc;
	if (training_subsidy_status_parse(v, &st)) {
		yk_errinfo_at(&c->ei, NULL, 0, "status");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "状態は approved / paid / rejected のいずれかです");
	}
	if ((rc = training_subsidy_set_status(c->db, &c->actor, c->id, st, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:s}", "id", (json_int_t)c->id, "status", v));
	return 0;
}

/* ---- materials and newsletters --------------------------------------------------------------- */

static int add_material(void *ctx, const struct training_material *m)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:I, s:I, s:o}", "id", (json_int_t)m->id,
			      "title", m->title, "kind", m->newsletter ? "newsletter" : "material",
			      "issue_no", (json_int_t)m->issue_no, "file_name", m->file_name, "mime",
			      m->mime, "size", (json_int_t)m->size, "viewers", (json_int_t)m->viewers,
			      "created_at", api__iso_time(m->created_at));
	json_object_set_new(o, "session_id", m->session_id ? json_integer(m->session_id) : json_null());
	json_array_append_new(ctx, o);
	return 0;
}

API_HANDLER(training_materials)
{
	json_t *arr = json_array();
	int rc = training_material_list(c->db, add_material, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "materials", arr));
	return 0;
}

static int query_id(struct api_call *c, const char *name, int64_t *out)
{
	return api__query_int(c, name, 0, INT64_MAX, 0, out);
}

API_HANDLER(training_material_add)
{
	const char *title = http_query(c->req, "title"), *file = http_query(c->req, "filename");
	int64_t newsletter, issue, session_id, id;
	int rc;
	if ((rc = api__query_int(c, "newsletter", 0, 1, 0, &newsletter)) ||
	    (rc = api__query_int(c, "issue_no", 0, 100000, 0, &issue)) ||
	    (rc = query_id(c, "session_id", &session_id)))
		return rc;
	if (!c->req->body_len)
		return yk_errinfo_set(&c->ei, YK_EPARSE, "ファイルが空です");
	if ((rc = training_material_add(c->db, &c->actor, title, (int)newsletter, issue, file,
					c->req->body, c->req->body_len, session_id, &id, &c->ei)))
		return rc;
	api__reply(c, 201, json_pack("{s:I}", "id", (json_int_t)id));
	return 0;
}

API_HANDLER(training_material_delete)
{
	int rc = training_material_delete(c->db, &c->actor, c->id, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:I}", "deleted", (json_int_t)c->id));
	return 0;
}

/* RFC 5987 filename*= for a UTF-8 file name. */
static const char *disposition(struct api_call *c, const char *name)
{
	struct yk_buf b;
	yk_buf_init(&b, 4096);
	int rc = yk_buf_adds(&b, "attachment; filename=\"download\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; !rc && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '-' || *p == '_')
			rc = yk_buf_addc(&b, (char)*p);
		else
			rc = yk_buf_addf(&b, "%%%02X", *p);
	}
	const char *out = rc ? "attachment" : yk_arena_strdup(c->req->arena, b.data);
	yk_buf_release(&b);
	return out;
}

API_HANDLER(training_material_file)
{
	int64_t staff_id = 0;
	if (training_staff_of_user(c->db, &c->session.user, &staff_id) != 0)
		staff_id = 0; /* a login without a roster entry: not counted */
	char *data = NULL, name[256], mime[128];
	size_t len = 0;
	int rc = training_material_open(c->db, c->id, staff_id, &data, &len, name, sizeof(name), mime,
					sizeof(mime), &c->ei);
	if (rc)
		return rc;
	yk_buf_reset(&c->resp->body);
	rc = yk_buf_add(&c->resp->body, data, len);
	free(data);
	if (rc)
		return rc;
	c->resp->status = 200;
	c->resp->content_type = yk_arena_strdup(c->req->arena, mime);
	http_response_header(c->resp, "Content-Disposition", disposition(c, name));
	return 0;
}

static int add_reach(void *ctx, const struct training_reach_row *r)
{
	json_t **two = ctx;
	if (r->month)
		json_array_append_new(two[0], json_pack("{s:s, s:I, s:I}", "month", r->month, "readers",
							(json_int_t)r->readers, "staff",
							(json_int_t)r->staff));
	else
		json_array_append_new(two[1], json_pack("{s:s, s:I, s:I}", "department", r->department,
							"readers", (json_int_t)r->readers, "staff",
							(json_int_t)r->staff));
	return 0;
}

static int reach(struct api_call *c, int64_t id)
{
	json_t *two[2] = {json_array(), json_array()};
	int rc = training_material_reach(c->db, id, add_reach, two);
	if (rc) {
		json_decref(two[0]);
		json_decref(two[1]);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o, s:o}", "by_month", two[0], "by_department", two[1]));
	return 0;
}

API_HANDLER(training_material_reach)
{
	return reach(c, c->id);
}

API_HANDLER(training_newsletter_reach)
{
	return reach(c, 0);
}

/* ---- curricula ------------------------------------------------------------------------------ */

static int add_item(void *ctx, const struct training_curriculum_item *it)
{
	json_t *o = json_pack("{s:s, s:s}", "tier", it->tier, "title", it->title);
	json_object_set_new(o, "session_id", it->session_id ? json_integer(it->session_id) : json_null());
	json_object_set_new(o, "material_id", it->material_id ? json_integer(it->material_id) : json_null());
	json_array_append_new(ctx, o);
	return 0;
}

API_HANDLER(training_curriculum)
{
	json_t *arr = json_array();
	int rc = training_curriculum_list(c->db, add_item, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "items", arr));
	return 0;
}

static int id_array(struct api_call *c, const char *field, int64_t **ids, size_t *n)
{
	json_t *arr = json_object_get(c->body, field), *e;
	size_t i;
	*ids = NULL;
	*n = 0;
	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > 200) {
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」は ID の配列（200 件まで）で指定してください", field);
	}
	*ids = yk_arena_alloc(c->req->arena, (json_array_size(arr) + 1) * sizeof(int64_t));
	json_array_foreach(arr, i, e) {
		if (!json_is_integer(e) || json_integer_value(e) <= 0) {
			yk_errinfo_at(&c->ei, NULL, 0, field);
			return yk_errinfo_set(&c->ei, YK_EINVAL, "ID は正の整数で指定してください");
		}
		(*ids)[(*n)++] = json_integer_value(e);
	}
	return 0;
}

API_HANDLER(training_curriculum_put)
{
	static const char *const fields[] = {"tier", "session_ids", "material_ids", NULL};
	const char *tier;
	unsigned bit = 0;
	int64_t *sids, *mids;
	size_t ns, nm;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "tier", 1, 64, &tier)) ||
	    (rc = id_array(c, "session_ids", &sids, &ns)) || (rc = id_array(c, "material_ids", &mids, &nm)))
		return rc;
	if (training_tier_parse(tier, &bit)) {
		yk_errinfo_at(&c->ei, NULL, 0, "tier");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "対象は 幹部 / DX推進リーダー / 一般職員 から選んでください");
	}
	if ((rc = training_curriculum_set(c->db, &c->actor, bit, sids, ns, mids, nm, &c->ei)))
		return rc;
	return api_h_training_curriculum(c);
}

static int add_completion(void *ctx, const struct training_completion_row *r)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s?, s:I, s:I, s:I, s:f}", "tier", r->tier,
					     "department", r->department, "required",
					     (json_int_t)r->required, "staff", (json_int_t)r->staff,
					     "completed", (json_int_t)r->completed, "rate",
					     r->staff ? (double)r->completed / (double)r->staff : 0.0));
	return 0;
}

API_HANDLER(training_completion)
{
	json_t *arr = json_array();
	int rc = training_completion(c->db, add_completion, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	api__reply(c, 200, json_pack("{s:o}", "rows", arr));
	return 0;
}

/* ---- outcome --------------------------------------------------------------------------------- */

static json_t *cohort_json(const struct usage_cohort_counts *k)
{
	json_t *groups = json_array();
	static const char *const keys[USAGE_GROUPS] = {"ask", "genai", "template"};
	for (int g = 0; g < USAGE_GROUPS; g++)
		json_array_append_new(groups, json_pack("{s:s, s:s, s:I, s:I}", "group", keys[g], "label",
							usage_group_label((enum usage_group)g), "before",
							(json_int_t)k->events_before[g], "after",
							(json_int_t)k->events_after[g]));
	return json_pack("{s:I, s:I, s:I, s:o}", "people", (json_int_t)k->people, "active_before",
			 (json_int_t)k->active_before, "active_after", (json_int_t)k->active_after,
			 "groups", groups);
}

static json_t *templates_json(const struct usage_template_counts *k)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "users_before", (json_int_t)k->users_before,
			 "users_after", (json_int_t)k->users_after, "uses_before",
			 (json_int_t)k->uses_before, "uses_after", (json_int_t)k->uses_after);
}

API_HANDLER(training_outcome)
{
	struct training_outcome o;
	int rc = training_outcome(c->db, c->id, &o, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:I, s:s, s:s, s:s, s:i, s:o, s:o, s:{s:I, s:o, s:o}}",
				     "session_id", (json_int_t)o.session_id, "from", o.from, "date",
				     o.pivot, "to", o.to, "days", TRAINING_USAGE_DAYS, "attendees",
				     cohort_json(&o.attendees), "others", cohort_json(&o.others),
				     "handed_out", "templates", (json_int_t)o.ntemplates, "attendees",
				     templates_json(&o.templates_attendees), "others",
				     templates_json(&o.templates_others)));
	return 0;
}

/* ---- CSV imports (the shared import unit) ------------------------------------------ */

static const char *upload_name(struct api_call *c, const char *def)
{
	const char *f = http_query(c->req, "filename");
	return f && *f && strlen(f) <= 200 ? f : def;
}

/* A storing error that names a line reads "file:line: reason" in the
 * message too, as on the command line. */
static int with_place(struct api_call *c, int rc)
{
	if (rc && c->ei.line > 0 && c->ei.file[0]) {
		char text[sizeof(c->ei.message)];
		yk_errinfo_format(&c->ei, text, sizeof(text));
		yk_strlcpy(c->ei.message, text, sizeof(c->ei.message));
	}
	return rc;
}

/* The problems of an import as the error's details, and its first one as
 * the message ("file:line: reason"). */
static int import_problems(struct api_call *c, const char *file, int rc, const struct ingest_problems *p)
{
	if (!p->count)
		return rc;
	json_t *details = json_array();
	char text[INGEST_MESSAGE_MAX + 300];
	for (size_t i = 0; i < ingest_problems_kept(p); i++) {
		ingest_problem_format(file, &p->item[i], text, sizeof(text));
		json_array_append_new(details, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)p->item[i].line,
							 "message", p->item[i].message, "text", text));
	}
	c->error_extra = json_pack("{s:o, s:I, s:s}", "details", details, "error_count",
				   (json_int_t)p->count, "file", file);
	return with_place(c, ingest_problems_errinfo(p, file, rc, &c->ei));
}

API_HANDLER(training_attend_import)
{
	const char *file = upload_name(c, "attendance.csv");
	struct ingest_problems *p = yk_arena_alloc(c->req->arena, sizeof(*p));
	struct training_numbers nums;
	int rc = training_numbers_parse(c->req->body ? c->req->body : "", c->req->body_len, file, &nums, p);
	if (rc)
		return import_problems(c, file, rc, p);
	struct training_number_list list = {(const char *const *)nums.numbers, nums.lines, nums.n};
	size_t added = 0;
	rc = training_attend_import(c->db, &c->actor, c->id, &list, file, &added, &c->ei);
	size_t rows = nums.n;
	training_numbers_release(&nums);
	if (rc)
		return with_place(c, rc);
	api__reply(c, 200, json_pack("{s:s, s:I, s:I}", "file", file, "rows", (json_int_t)rows, "added",
				     (json_int_t)added));
	return 0;
}

API_HANDLER(training_survey_import)
{
	const char *file = upload_name(c, "survey.csv");
	enum training_phase phase;
	int rc = phase_of(c, http_query(c->req, "phase"), &phase);
	if (rc)
		return rc;
	struct ingest_problems *p = yk_arena_alloc(c->req->arena, sizeof(*p));
	struct survey_forms f;
	if ((rc = survey_forms_parse(c->req->body ? c->req->body : "", c->req->body_len, file, &f, p)))
		return import_problems(c, file, rc, p);
	struct survey_table t;
	survey_forms_table(&f, &t);
	struct survey_import_result res;
	rc = training_survey_import(c->db, &c->actor, c->id, phase, &t, file, &res, &c->ei);
	survey_forms_release(&f);
	if (rc)
		return with_place(c, rc);
	api__reply(c, 200, json_pack("{s:s, s:I, s:I, s:I}", "file", file, "survey_id",
				     (json_int_t)res.survey_id, "rows", (json_int_t)res.rows,
				     "questions_added", (json_int_t)res.questions_added));
	return 0;
}

API_HANDLER(training_cert_import)
{
	const char *file = upload_name(c, "certifications.csv");
	struct ingest_problems *p = yk_arena_alloc(c->req->arena, sizeof(*p));
	struct training_cert_rows rows;
	int rc = training_cert_parse(c->req->body ? c->req->body : "", c->req->body_len, file, &rows, p);
	if (rc)
		return import_problems(c, file, rc, p);
	size_t stored = 0;
	rc = training_cert_import(c->db, &c->actor, rows.rows, rows.n, file, &stored, &c->ei);
	training_cert_rows_release(&rows);
	if (rc)
		return with_place(c, rc);
	api__reply(c, 200, json_pack("{s:s, s:I}", "file", file, "stored", (json_int_t)stored));
	return 0;
}
