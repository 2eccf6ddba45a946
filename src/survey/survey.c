/* survey: scales, built-in templates, creating surveys and storing
 * responses. Results are in survey_results.c, the forms import in
 * survey_forms.c. See survey.h for the contract and docs/survey.md for why
 * anonymous responses cannot be joined to people. */
#include <sqlite3.h>
#include <string.h>

#include "survey/survey.h"
#include "survey/survey_int.h"
#include "core/banned.h"

/* ---- names and scales ---------------------------------------------------- */

static const char *const kind_names[] = {"scale", "single", "multiple", "text"};

const char *survey_kind_name(enum survey_kind k)
{
	return (unsigned)k < YK_ARRAY_LEN(kind_names) ? kind_names[k] : "text";
}

int survey_kind_parse(const char *s, enum survey_kind *out)
{
	for (size_t i = 0; s && i < YK_ARRAY_LEN(kind_names); i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum survey_kind)i;
			return 0;
		}
	return YK_EINVAL;
}

const char *survey_scale_name(enum survey_scale s)
{
	return s == SURVEY_SCALE_SATISFACTION ? "satisfaction"
	       : s == SURVEY_SCALE_USEFULNESS ? "usefulness"
					      : "";
}

int survey_scale_parse(const char *s, enum survey_scale *out)
{
	if (s && strcmp(s, "satisfaction") == 0)
		*out = SURVEY_SCALE_SATISFACTION;
	else if (s && strcmp(s, "usefulness") == 0)
		*out = SURVEY_SCALE_USEFULNESS;
	else
		return YK_EINVAL;
	return 0;
}

/* Index 0 is value 5 (best). */
static const char *const satisfaction_labels[SURVEY_POINTS] = {
	"満足", "やや満足", "どちらともいえない", "やや不満", "不満"};
static const char *const usefulness_labels[SURVEY_POINTS] = {
	"使える", "やや使える", "どちらともいえない", "あまり使えない", "使えない"};

static const char *const *scale_labels(enum survey_scale s)
{
	return s == SURVEY_SCALE_SATISFACTION ? satisfaction_labels
	       : s == SURVEY_SCALE_USEFULNESS ? usefulness_labels
					      : NULL;
}

const char *survey_scale_label(enum survey_scale s, int value)
{
	const char *const *l = scale_labels(s);
	if (!l || value < 1 || value > SURVEY_POINTS)
		return NULL;
	return l[SURVEY_POINTS - value];
}

static int is_space_at(const char *s, size_t len, size_t *adv)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) {
		*adv = 1;
		return 1;
	}
	if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) { /* U+3000 */
		*adv = 3;
		return 1;
	}
	return 0;
}

void survey__trim(const char **s, size_t *len)
{
	size_t adv;
	while (*len && is_space_at(*s, *len, &adv)) {
		*s += adv;
		*len -= adv;
	}
	while (*len) {
		if ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r' ||
		    (*s)[*len - 1] == '\n')
			(*len)--;
		else if (*len >= 3 && memcmp(*s + *len - 3, "\xe3\x80\x80", 3) == 0)
			*len -= 3;
		else
			break;
	}
}

static int label_on(enum survey_scale s, const char *label, size_t len, int *value)
{
	const char *const *l = scale_labels(s);
	for (int i = 0; l && i < SURVEY_POINTS; i++)
		if (strlen(l[i]) == len && memcmp(l[i], label, len) == 0) {
			*value = SURVEY_POINTS - i;
			return 1;
		}
	return 0;
}

int survey_scale_value(enum survey_scale s, const char *label, size_t len, int *value)
{
	survey__trim(&label, &len);
	if (s != SURVEY_SCALE_NONE)
		return label_on(s, label, len, value);
	return label_on(SURVEY_SCALE_SATISFACTION, label, len, value) ||
	       label_on(SURVEY_SCALE_USEFULNESS, label, len, value);
}

void survey_day(int64_t t, char out[11])
{
	time_t jst = (time_t)(t + 9 * 3600);
	struct tm tm;
	gmtime_r(&jst, &tm);
	char buf[48];
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	yk_strlcpy(out, buf, 11);
}

/* ---- templates ----------------------------------------------------------- */

static const char *const pre_use_choices[] = {
	"まだ使ったことがない", "試したことがある", "ときどき業務で使っている", "日常的に業務で使っている"};
static const struct survey_question_spec pre_questions[] = {
	{SURVEY_SINGLE, SURVEY_SCALE_NONE, "生成AIをこれまでどのくらい使っていますか？",
	 pre_use_choices, YK_ARRAY_LEN(pre_use_choices), 0},
	{SURVEY_TEXT, SURVEY_SCALE_NONE,
	 "ご自身の業務で生成AIをどのように活用予定で、どのようなことを講師に相談したいですか？",
	 NULL, 0, 1},
};
static const struct survey_question_spec post_questions[] = {
	{SURVEY_SCALE, SURVEY_SCALE_SATISFACTION, "本日の研修の満足度を教えてください。", NULL, 0, 1},
	{SURVEY_SCALE, SURVEY_SCALE_USEFULNESS, "研修の内容は業務で使えそうですか？", NULL, 0, 1},
	{SURVEY_TEXT, SURVEY_SCALE_NONE, "研修の感想、今後取り上げてほしい内容があればご記入ください。",
	 NULL, 0, 0},
};
static const struct survey_spec templates[] = {
	{"事前アンケート", 0, pre_questions, YK_ARRAY_LEN(pre_questions)},
	{"事後アンケート", 1, post_questions, YK_ARRAY_LEN(post_questions)},
};

const struct survey_spec *survey_template_spec(enum survey_template t)
{
	return t == SURVEY_TEMPLATE_PRE ? &templates[0] : &templates[1];
}

/* ---- creating ------------------------------------------------------------ */

static int check_text(const char *s, size_t max, const char *field, struct yk_errinfo *ei)
{
	size_t len = s ? strlen(s) : 0;
	const char *t = s;
	size_t tl = len;
	if (s)
		survey__trim(&t, &tl);
	yk_errinfo_at(ei, NULL, 0, field);
	if (!s || tl == 0)
		return yk_errinfo_set(ei, YK_EINVAL, "「%s」を入力してください", field);
	if (len > max)
		return yk_errinfo_set(ei, YK_EINVAL, "「%s」が長すぎます（%zu バイトまで）", field, max);
	if (!yk_utf8_valid(s, len, NULL))
		return yk_errinfo_set(ei, YK_EUTF8, "「%s」の文字コードが正しくありません", field);
	return 0;
}

static int check_question(const struct survey_question_spec *q, size_t i, struct yk_errinfo *ei)
{
	char field[64];
	snprintf(field, sizeof(field), "questions[%zu].text", i);
	int rc = check_text(q->text, SURVEY_QUESTION_MAX, field, ei);
	if (rc)
		return rc;
	snprintf(field, sizeof(field), "questions[%zu]", i);
	yk_errinfo_at(ei, NULL, 0, field);
	switch (q->kind) {
	case SURVEY_SCALE:
		if (!scale_labels(q->scale))
			return yk_errinfo_set(ei, YK_EINVAL, "%zu 問目の尺度が正しくありません", i + 1);
		return 0;
	case SURVEY_SINGLE:
	case SURVEY_MULTIPLE:
		if (q->nchoices < 2 || q->nchoices > SURVEY_CHOICES_MAX)
			return yk_errinfo_set(ei, YK_EINVAL, "%zu 問目の選択肢は 2〜%d 個にしてください",
					      i + 1, SURVEY_CHOICES_MAX);
		for (size_t k = 0; k < q->nchoices; k++) {
			snprintf(field, sizeof(field), "questions[%zu].choices[%zu]", i, k);
			if (q->choices[k] && strchr(q->choices[k], '\n')) {
				yk_errinfo_at(ei, NULL, 0, field);
				return yk_errinfo_set(ei, YK_EINVAL, "選択肢に改行は使えません");
			}
			if ((rc = check_text(q->choices[k], SURVEY_CHOICE_MAX, field, ei)))
				return rc;
		}
		return 0;
	case SURVEY_TEXT:
		return 0;
	}
	return yk_errinfo_set(ei, YK_EINVAL, "%zu 問目の種類が正しくありません", i + 1);
}

static int insert_question(struct store *db, int64_t survey_id, int64_t position,
			   const struct survey_question_spec *q, int64_t *qid,
			   struct yk_errinfo *ei)
{
	struct yk_buf choices;
	yk_buf_init(&choices, 0);
	for (size_t k = 0; k < q->nchoices && (q->kind == SURVEY_SINGLE || q->kind == SURVEY_MULTIPLE);
	     k++)
		if ((k && yk_buf_addc(&choices, '\n')) || yk_buf_adds(&choices, q->choices[k])) {
			yk_buf_release(&choices);
			return YK_ELIMIT;
		}
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "INSERT INTO survey_questions(survey_id, position, kind, scale, text,"
			       " choices, required) VALUES (?, ?, ?, ?, ?, ?, ?)",
			       &st, ei);
	if (!rc) {
		sqlite3_bind_int64(st, 1, survey_id);
		sqlite3_bind_int64(st, 2, position);
		sqlite3_bind_text(st, 3, survey_kind_name(q->kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, q->kind == SURVEY_SCALE ? survey_scale_name(q->scale) : "",
				  -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, q->text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, choices.data ? choices.data : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 7, q->required ? 1 : 0);
		int s = sqlite3_step(st);
		rc = s == SQLITE_DONE ? 0 : store_err(db, s, ei);
		if (!rc && qid)
			*qid = sqlite3_last_insert_rowid(store_handle(db));
	}
	sqlite3_finalize(st);
	yk_buf_release(&choices);
	return rc;
}

int survey__create_in_tx(struct store *db, const struct survey_spec *spec, int64_t *id,
			 struct yk_errinfo *ei)
{
	int rc = check_text(spec->title, SURVEY_TITLE_MAX, "title", ei);
	if (rc)
		return rc;
	if (spec->nquestions > SURVEY_QUESTIONS_MAX) {
		yk_errinfo_at(ei, NULL, 0, "questions");
		return yk_errinfo_set(ei, YK_EINVAL, "設問は %d 問までです", SURVEY_QUESTIONS_MAX);
	}
	for (size_t i = 0; i < spec->nquestions; i++)
		if ((rc = check_question(&spec->questions[i], i, ei)))
			return rc;
	yk_errinfo_at(ei, NULL, 0, "");
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"INSERT INTO survey_surveys(title, anonymous, created_at) VALUES (?, ?, ?)",
				&st, ei)))
		return rc;
	sqlite3_bind_text(st, 1, spec->title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, spec->anonymous ? 1 : 0);
	sqlite3_bind_int64(st, 3, yk_now_unix());
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	*id = sqlite3_last_insert_rowid(store_handle(db));
	for (size_t i = 0; i < spec->nquestions; i++)
		if ((rc = insert_question(db, *id, (int64_t)i + 1, &spec->questions[i], NULL, ei)))
			return rc;
	return 0;
}

int survey_create(struct store *db, const struct survey_spec *spec, int64_t *id,
		  struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	if ((rc = survey__create_in_tx(db, spec, id, ei)) || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

int64_t survey__count(struct store *db, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = NULL; /* the connection's cached statement */
	if (store_stmt(db, sql, &st, NULL))
		return -1;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	int64_t n = -1;
	if (store_row(db, st, NULL) == 1) {
		n = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return n;
}

int survey__add_question_in_tx(struct store *db, int64_t survey_id,
			       const struct survey_question_spec *q, int64_t *question_id,
			       struct yk_errinfo *ei)
{
	int rc = check_question(q, 0, ei);
	if (rc)
		return rc;
	int64_t pos = survey__count(
		db, "SELECT coalesce(max(position), 0) + 1 FROM survey_questions WHERE survey_id = ?",
		survey_id, 0);
	if (pos < 0)
		return YK_EDB;
	return insert_question(db, survey_id, pos, q, question_id, ei);
}

int survey_add_question(struct store *db, int64_t survey_id, const struct survey_question_spec *q,
			int64_t *question_id, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	int64_t exists = survey__count(db, "SELECT count(*) FROM survey_surveys WHERE id = ?",
				       survey_id, 0);
	int64_t answered = survey__count(
		db, "SELECT count(*) FROM survey_responses WHERE survey_id = ?", survey_id, 0);
	if (exists <= 0)
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "アンケートが見つかりません");
	else if (answered != 0)
		rc = yk_errinfo_set(ei, YK_ECONFLICT, "回答があるアンケートには設問を追加できません");
	else
		rc = survey__add_question_in_tx(db, survey_id, q, question_id, ei);
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

static int exec_id(struct store *db, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, sql, &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, NULL);
	return sqlite3_changes(store_handle(db)) ? 0 : YK_ENOTFOUND;
}

int survey_set_closed(struct store *db, int64_t survey_id, int closed)
{
	return exec_id(db, "UPDATE survey_surveys SET closed = ?2 WHERE id = ?1", survey_id,
		       closed ? 1 : 0);
}

int survey_delete(struct store *db, int64_t survey_id)
{
	return exec_id(db, "DELETE FROM survey_surveys WHERE id = ?", survey_id, 0);
}

/* ---- reading ------------------------------------------------------------- */

static char **split_lines(const char *s, size_t *n)
{
	*n = 0;
	if (!s || !*s)
		return NULL;
	size_t count = 1;
	for (const char *p = s; *p; p++)
		count += *p == '\n';
	char **v = yk_xcalloc(count, sizeof(*v));
	const char *p = s;
	for (;;) {
		const char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		v[(*n)++] = yk_xstrndup(p, l);
		if (!e)
			break;
		p = e + 1;
	}
	return v;
}

void survey_free(struct survey *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nquestions; i++) {
		free(s->questions[i].text);
		for (size_t k = 0; k < s->questions[i].nchoices; k++)
			free(s->questions[i].choices[k]);
		free(s->questions[i].choices);
	}
	free(s->questions);
	free(s->title);
	free(s);
}

int survey_get(struct store *db, int64_t id, struct survey **out, struct yk_errinfo *ei)
{
	*out = NULL;
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT title, anonymous, closed FROM survey_surveys WHERE id = ?",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_finalize(st);
		return s == SQLITE_DONE ? yk_errinfo_set(ei, YK_ENOTFOUND, "アンケートが見つかりません")
					: store_err(db, s, ei);
	}
	struct survey *sv = yk_xcalloc(1, sizeof(*sv));
	sv->id = id;
	sv->title = yk_xstrdup((const char *)sqlite3_column_text(st, 0));
	sv->anonymous = sqlite3_column_int(st, 1);
	sv->closed = sqlite3_column_int(st, 2);
	sqlite3_finalize(st);
	sv->responses = survey__count(db, "SELECT count(*) FROM survey_responses WHERE survey_id = ?",
				      id, 0);
	if ((rc = store_prepare(db,
				"SELECT id, kind, scale, text, choices, required FROM survey_questions"
				" WHERE survey_id = ? ORDER BY position",
				&st, ei))) {
		survey_free(sv);
		return rc;
	}
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (sv->nquestions == cap) {
			cap = cap ? cap * 2 : 8;
			sv->questions = yk_xrealloc(sv->questions, cap * sizeof(*sv->questions));
		}
		struct survey_question *q = &sv->questions[sv->nquestions++];
		memset(q, 0, sizeof(*q));
		q->id = sqlite3_column_int64(st, 0);
		if (survey_kind_parse((const char *)sqlite3_column_text(st, 1), &q->kind))
			q->kind = SURVEY_TEXT;
		if (survey_scale_parse((const char *)sqlite3_column_text(st, 2), &q->scale))
			q->scale = SURVEY_SCALE_NONE;
		q->text = yk_xstrdup((const char *)sqlite3_column_text(st, 3));
		q->choices = split_lines((const char *)sqlite3_column_text(st, 4), &q->nchoices);
		q->required = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		survey_free(sv);
		return store_err(db, s, ei);
	}
	*out = sv;
	return 0;
}

/* ---- answering ----------------------------------------------------------- */

int survey_has_answered(struct store *db, int64_t survey_id, int64_t staff_id)
{
	int64_t n = survey__count(db,
				  "SELECT count(*) FROM survey_answered WHERE survey_id = ? AND staff_id = ?",
				  survey_id, staff_id);
	return n < 0 ? YK_EDB : n > 0;
}

static const struct survey_question *find_question(const struct survey *sv, int64_t id)
{
	for (size_t i = 0; i < sv->nquestions; i++)
		if (sv->questions[i].id == id)
			return &sv->questions[i];
	return NULL;
}

static int check_answers(const struct survey *sv, const struct survey_answer *a, size_t n,
			 struct yk_errinfo *ei)
{
	char field[48];
	for (size_t i = 0; i < n; i++) {
		snprintf(field, sizeof(field), "answers[%zu]", i);
		yk_errinfo_at(ei, NULL, 0, field);
		const struct survey_question *q = find_question(sv, a[i].question_id);
		if (!q)
			return yk_errinfo_set(ei, YK_EINVAL, "このアンケートにない設問への回答があります");
		for (size_t k = 0; k < i; k++)
			if (a[k].question_id == a[i].question_id)
				return yk_errinfo_set(ei, YK_EINVAL, "同じ設問に 2 回回答しています");
		switch (q->kind) {
		case SURVEY_SCALE:
			if (a[i].value < 1 || a[i].value > SURVEY_POINTS)
				return yk_errinfo_set(ei, YK_EINVAL, "「%s」の回答は 1〜5 で選んでください",
						      q->text);
			break;
		case SURVEY_SINGLE:
			if (a[i].value < 0 || (size_t)a[i].value >= q->nchoices)
				return yk_errinfo_set(ei, YK_EINVAL, "「%s」の選択肢が正しくありません",
						      q->text);
			break;
		case SURVEY_MULTIPLE:
			if (q->nchoices < 32 && (a[i].choices >> q->nchoices) != 0)
				return yk_errinfo_set(ei, YK_EINVAL, "「%s」の選択肢が正しくありません",
						      q->text);
			break;
		case SURVEY_TEXT: {
			size_t len = a[i].text ? strlen(a[i].text) : 0;
			if (len > SURVEY_TEXT_MAX)
				return yk_errinfo_set(ei, YK_EINVAL,
						      "自由記述は %d バイトまでです", SURVEY_TEXT_MAX);
			if (len && !yk_utf8_valid(a[i].text, len, NULL))
				return yk_errinfo_set(ei, YK_EUTF8, "自由記述の文字コードが正しくありません");
			break;
		}
		}
	}
	for (size_t k = 0; k < sv->nquestions; k++) {
		const struct survey_question *q = &sv->questions[k];
		if (!q->required)
			continue;
		int found = 0;
		for (size_t i = 0; i < n && !found; i++)
			if (a[i].question_id == q->id) {
				const char *t = a[i].text;
				size_t tl = t ? strlen(t) : 0;
				if (t)
					survey__trim(&t, &tl);
				found = q->kind == SURVEY_TEXT ? tl > 0
					: q->kind == SURVEY_MULTIPLE ? a[i].choices != 0
								   : 1;
			}
		if (!found) {
			yk_errinfo_at(ei, NULL, 0, "answers");
			return yk_errinfo_set(ei, YK_EINVAL, "「%s」に回答してください", q->text);
		}
	}
	yk_errinfo_at(ei, NULL, 0, "");
	return 0;
}

static int insert_answer(struct store *db, sqlite3_stmt *st, const char *rid, int64_t qid,
			 int value, const char *text, struct yk_errinfo *ei)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, rid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, qid);
	sqlite3_bind_int(st, 3, value);
	sqlite3_bind_text(st, 4, text ? text : "", -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	return s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

static int store_response(struct store *db, const struct survey *sv, int64_t staff_id,
			  const struct survey_answer *a, size_t n, struct yk_errinfo *ei)
{
	if (sv->closed)
		return yk_errinfo_set(ei, YK_ECONFLICT, "このアンケートは締め切られています");
	if (staff_id > 0) {
		int done = survey_has_answered(db, sv->id, staff_id);
		if (done < 0)
			return done;
		if (done)
			return yk_errinfo_set(ei, YK_ECONFLICT, "このアンケートには回答済みです");
		sqlite3_stmt *st = NULL;
		int rc = store_prepare(db, "INSERT INTO survey_answered(survey_id, staff_id) VALUES (?, ?)",
				       &st, ei);
		if (rc)
			return rc;
		sqlite3_bind_int64(st, 1, sv->id);
		sqlite3_bind_int64(st, 2, staff_id);
		int s = sqlite3_step(st);
		sqlite3_finalize(st);
		if (s != SQLITE_DONE)
			return store_err(db, s, ei);
	}
	/* The response's key is random: nothing about it (no rowid, no
	 * storage position) follows the order of arrival. */
	unsigned char raw[16];
	char rid[33], day[11];
	yk_random_bytes(raw, sizeof(raw));
	yk_hex(raw, sizeof(raw), rid);
	survey_day(yk_now_unix(), day);
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "INSERT INTO survey_responses(id, survey_id, staff_id, anonymous, day)"
			       " VALUES (?, ?, ?, ?, ?)",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, rid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, sv->id);
	if (!sv->anonymous && staff_id > 0)
		sqlite3_bind_int64(st, 3, staff_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, sv->anonymous ? 1 : 0);
	sqlite3_bind_text(st, 5, day, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	if ((rc = store_prepare(db,
				"INSERT INTO survey_answers(response_id, question_id, value, text)"
				" VALUES (?, ?, ?, ?)",
				&st, ei)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct survey_question *q = find_question(sv, a[i].question_id);
		if (q->kind == SURVEY_MULTIPLE) {
			for (size_t k = 0; k < q->nchoices && !rc; k++)
				if (a[i].choices & (1u << k))
					rc = insert_answer(db, st, rid, q->id, (int)k, NULL, ei);
		} else if (q->kind == SURVEY_TEXT) {
			const char *t = a[i].text;
			size_t tl = t ? strlen(t) : 0;
			if (t)
				survey__trim(&t, &tl);
			if (tl) {
				char *copy = yk_xstrndup(t, tl);
				rc = insert_answer(db, st, rid, q->id, 0, copy, ei);
				free(copy);
			}
		} else {
			rc = insert_answer(db, st, rid, q->id, a[i].value, NULL, ei);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

int survey__submit_loaded(struct store *db, const struct survey *sv, int64_t staff_id,
			  const struct survey_answer *answers, size_t n, struct yk_errinfo *ei)
{
	int rc = check_answers(sv, answers, n, ei);
	return rc ? rc : store_response(db, sv, staff_id, answers, n, ei);
}

int survey_submit(struct store *db, int64_t survey_id, int64_t staff_id,
		  const struct survey_answer *answers, size_t n, int in_tx, struct yk_errinfo *ei)
{
	struct survey *sv = NULL;
	int rc = survey_get(db, survey_id, &sv, ei);
	if (rc)
		return rc;
	if ((rc = check_answers(sv, answers, n, ei)))
		goto out;
	if (!in_tx && (rc = store_begin(db, ei)))
		goto out;
	rc = store_response(db, sv, staff_id, answers, n, ei);
	if (!in_tx) {
		if (rc || (rc = store_commit(db, ei)))
			store_rollback(db);
	}
out:
	survey_free(sv);
	return rc;
}
