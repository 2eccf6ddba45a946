/* training: sessions (勉強会) and series — storing, reading, listing,
 * curriculum blocks, iCalendar. See training.h. */
#include "training/training_int.h"
#include "core/banned.h"

/* ---- curriculum blocks --------------------------------------------------- */

static size_t sep_len(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == '/' || s[0] == ',' || s[0] == '\n' || s[0] == ';'))
		return 1;
	if (len >= 3 && (memcmp(s, "\xef\xbc\x8f", 3) == 0 /* ／ */ ||
			 memcmp(s, "\xe3\x80\x81", 3) == 0 /* 、 */ ||
			 memcmp(s, "\xef\xbc\x8c", 3) == 0 /* ， */))
		return 3;
	return 0;
}

static void trim(const char **s, size_t *len)
{
	while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r'))
		(*s)++, (*len)--;
	while (*len >= 3 && memcmp(*s, "\xe3\x80\x80", 3) == 0)
		*s += 3, *len -= 3;
	for (;;) {
		if (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
			(*len)--;
		else if (*len >= 3 && memcmp(*s + *len - 3, "\xe3\x80\x80", 3) == 0)
			*len -= 3;
		else
			break;
	}
}

static int parse_block(const char *p, size_t n, struct training_block *b, struct yk_errinfo *ei)
{
	trim(&p, &n);
	if (n >= 3 && memcmp(p + n - 3, "\xe5\x88\x86", 3) == 0) /* 分 */
		n -= 3;
	trim(&p, &n);
	int64_t minutes = 0, scale = 1;
	size_t digits = 0;
	while (n && scale <= 1000) {
		if (p[n - 1] >= '0' && p[n - 1] <= '9') {
			minutes += (p[n - 1] - '0') * scale;
			n -= 1;
		} else if (n >= 3 && (unsigned char)p[n - 3] == 0xef && (unsigned char)p[n - 2] == 0xbc &&
			   (unsigned char)p[n - 1] >= 0x90 && (unsigned char)p[n - 1] <= 0x99) {
			minutes += ((unsigned char)p[n - 1] - 0x90) * scale;
			n -= 3;
		} else {
			break;
		}
		scale *= 10;
		digits++;
	}
	trim(&p, &n);
	if (!digits || !n || minutes <= 0 || minutes > 1440)
		return yk_errinfo_set(ei, YK_EINVAL,
				      "カリキュラムは「講義 50分 / 休憩 10分」のように、内容と分数で書いてください");
	if (n > TRAINING_BLOCK_LABEL_MAX)
		return yk_errinfo_set(ei, YK_EINVAL, "カリキュラムの項目名が長すぎます");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return yk_errinfo_set(ei, YK_EINVAL, "カリキュラムの項目名に使えない文字があります");
	if (!yk_utf8_valid(p, n, NULL))
		return yk_errinfo_set(ei, YK_EUTF8, "カリキュラムの文字コードが正しくありません");
	memcpy(b->label, p, n);
	b->label[n] = '\0';
	b->minutes = (int)minutes;
	return 0;
}

int training_blocks_parse(const char *s, size_t len, struct training_block *out, size_t *n,
			  struct yk_errinfo *ei)
{
	*n = 0;
	size_t start = 0;
	for (size_t i = 0; i <= len;) {
		size_t sl = i < len ? sep_len(s + i, len - i) : 1;
		if (!sl) {
			i++;
			continue;
		}
		const char *p = s + start;
		size_t pl = i - start;
		trim(&p, &pl);
		if (pl) {
			if (*n >= TRAINING_BLOCKS_MAX)
				return yk_errinfo_set(ei, YK_ELIMIT, "カリキュラムは %d 項目までです",
						      TRAINING_BLOCKS_MAX);
			int rc = parse_block(p, pl, &out[*n], ei);
			if (rc)
				return rc;
			(*n)++;
		}
		i += sl;
		start = i;
	}
	return 0;
}

/* ---- storing --------------------------------------------------------------- */

static int time_ok(const char *t)
{
	if (!t[0])
		return 1;
	int64_t h, m;
	return strlen(t) == 5 && t[2] == ':' && yk_parse_i64(t, 2, 0, 23, &h) == 0 &&
	       yk_parse_i64(t + 3, 2, 0, 59, &m) == 0;
}

static int check_session(const struct training_session *s, struct yk_errinfo *ei)
{
	int rc;
	if ((rc = training__text(s->title, TRAINING_TITLE_MAX, 1, "title", "研修名", ei)) ||
	    (rc = training__text(s->level, TRAINING_LEVEL_MAX, 0, "level", "対象レベル", ei)) ||
	    (rc = training__text(s->place, TRAINING_PLACE_MAX, 0, "place", "会場", ei)) ||
	    (rc = training__text(s->online_url, TRAINING_URL_MAX, 0, "online_url", "オンライン参加のリンク", ei)) ||
	    (rc = training__text(s->description, TRAINING_DESCRIPTION_MAX, 0, "description", "説明", ei)))
		return rc;
	if (!training_day_valid(s->day, strlen(s->day))) {
		yk_errinfo_at(ei, NULL, 0, "date");
		return yk_errinfo_set(ei, YK_EINVAL, "開催日は YYYY-MM-DD の形で入力してください");
	}
	if (!time_ok(s->start_time) || !time_ok(s->end_time)) {
		yk_errinfo_at(ei, NULL, 0, "start_time");
		return yk_errinfo_set(ei, YK_EINVAL, "時刻は HH:MM の形で入力してください");
	}
	if (s->capacity < 0 || s->capacity > 100000) {
		yk_errinfo_at(ei, NULL, 0, "capacity");
		return yk_errinfo_set(ei, YK_EINVAL, "定員は 0（上限なし）以上の整数で入力してください");
	}
	if (s->online_url[0] && !yk_starts_with(s->online_url, "https://") &&
	    !yk_starts_with(s->online_url, "http://")) {
		yk_errinfo_at(ei, NULL, 0, "online_url");
		return yk_errinfo_set(ei, YK_EINVAL, "オンライン参加のリンクは http(s):// で始めてください");
	}
	for (size_t i = 0; i < s->ninstructors; i++)
		if ((rc = training__text(s->instructors[i], TRAINING_INSTRUCTOR_MAX, 1, "instructors",
					 "講師", ei)) ||
		    strchr(s->instructors[i], '\n')) {
			yk_errinfo_at(ei, NULL, 0, "instructors");
			return rc ? rc : yk_errinfo_set(ei, YK_EINVAL, "講師名に改行は使えません");
		}
	return 0;
}

static int join_fields(const struct training_session *s, struct yk_buf *blocks,
		       struct yk_buf *instructors, struct yk_buf *tiers, struct yk_buf *templates)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < s->nblocks; i++)
		rc = yk_buf_addf(blocks, "%s\t%d\n", s->blocks[i].label, s->blocks[i].minutes);
	for (size_t i = 0; !rc && i < s->ninstructors; i++)
		rc = yk_buf_addf(instructors, "%s\n", s->instructors[i]);
	for (unsigned bit = 1; !rc && bit <= TRAINING_TIER_GENERAL; bit <<= 1)
		if (s->tiers & bit)
			rc = yk_buf_addf(tiers, "%s\n", training_tier_name(bit));
	for (size_t i = 0; !rc && i < s->ntemplates; i++)
		rc = yk_buf_addf(templates, "%lld\n", (long long)s->templates[i]);
	return rc;
}

int training_session_save(struct store *db, const struct audit_actor *actor,
			  const struct training_session *s, int64_t *id,
			  struct training_promoted *moved, struct yk_errinfo *ei)
{
	if (moved)
		memset(moved, 0, sizeof(*moved));
	int rc = check_session(s, ei);
	if (rc)
		return rc;
	struct yk_buf blocks, instructors, tiers, templates;
	yk_buf_init(&blocks, 0);
	yk_buf_init(&instructors, 0);
	yk_buf_init(&tiers, 0);
	yk_buf_init(&templates, 0);
	sqlite3_stmt *st = NULL;
	if ((rc = join_fields(s, &blocks, &instructors, &tiers, &templates)) ||
	    (rc = store_begin(db, ei)))
		goto out;
	if (s->series_id > 0 &&
	    training__int(db, "SELECT count(*) FROM training_series WHERE id = ?", s->series_id, 0) <= 0) {
		yk_errinfo_at(ei, NULL, 0, "series_id");
		rc = yk_errinfo_set(ei, YK_EINVAL, "シリーズが見つかりません");
		goto fail;
	}
	if ((rc = store_prepare(
		     db,
		     s->id ? "UPDATE training_sessions SET series_id = ?1, title = ?2, level = ?3,"
			     " day = ?4, start_time = ?5, end_time = ?6, place = ?7, online_url = ?8,"
			     " capacity = ?9, recruitment = ?10, description = ?11, blocks = ?12,"
			     " instructors = ?13, tiers = ?14, templates = ?15 WHERE id = ?16"
			   : "INSERT INTO training_sessions(series_id, title, level, day, start_time,"
			     " end_time, place, online_url, capacity, recruitment, description, blocks,"
			     " instructors, tiers, templates, created_at)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
		     &st, ei)))
		goto fail;
	if (s->series_id > 0)
		sqlite3_bind_int64(st, 1, s->series_id);
	sqlite3_bind_text(st, 2, s->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s->level, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, s->day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, s->start_time, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, s->end_time, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, s->place, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, s->online_url, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, s->capacity);
	sqlite3_bind_text(st, 10, s->recruitment == TRAINING_QUOTA ? "quota" : "open", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, s->description, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, blocks.data ? blocks.data : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, instructors.data ? instructors.data : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, tiers.data ? tiers.data : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, templates.data ? templates.data : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 16, s->id ? s->id : yk_now_unix());
	int r = sqlite3_step(st);
	if (r != SQLITE_DONE) {
		rc = store_err(db, r, ei);
		goto fail;
	}
	if (s->id && sqlite3_changes(store_handle(db)) == 0) {
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "研修が見つかりません");
		goto fail;
	}
	*id = s->id ? s->id : sqlite3_last_insert_rowid(store_handle(db));
	if ((rc = training__audit(db, actor, s->id ? "training.session.update" : "training.session.create",
				  *id, "{\"day\":\"%s\"}", s->day)) ||
	    (s->id && (rc = training__advance(db, actor, *id, "capacity", moved, ei))) ||
	    (rc = store_commit(db, ei)))
		goto fail;
	goto out;
fail:
	store_rollback(db);
out:
	sqlite3_finalize(st);
	yk_buf_release(&blocks);
	yk_buf_release(&instructors);
	yk_buf_release(&tiers);
	yk_buf_release(&templates);
	return rc;
}

int training_session_delete(struct store *db, const struct audit_actor *actor, int64_t id,
			    struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	int64_t pre = training__int(db, "SELECT coalesce(pre_survey_id, 0) FROM training_sessions WHERE id = ?", id, 0);
	int64_t post = training__int(db, "SELECT coalesce(post_survey_id, 0) FROM training_sessions WHERE id = ?", id, 0);
	rc = training__exec(db, "DELETE FROM training_sessions WHERE id = ?", id, 0, 1);
	if (rc == YK_ENOTFOUND)
		yk_errinfo_set(ei, rc, "研修が見つかりません");
	if (!rc && pre > 0)
		rc = survey_delete(db, pre);
	if (!rc && post > 0)
		rc = survey_delete(db, post);
	if (!rc)
		rc = training__audit(db, actor, "training.session.delete", id, "%s", "");
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

/* ---- reading ---------------------------------------------------------------- */

#define SESSION_COLS                                                                      \
	"SELECT s.id, coalesce(s.series_id, 0), s.title, s.level, s.day, s.start_time,"   \
	" s.end_time, s.place, s.online_url, s.capacity, s.recruitment, s.description,"   \
	" s.blocks, s.instructors, s.tiers, s.templates, coalesce(s.pre_survey_id, 0),"   \
	" coalesce(s.post_survey_id, 0),"                                                 \
	" (SELECT count(*) FROM training_registrations r WHERE r.session_id = s.id"       \
	"   AND r.status = 'registered'),"                                                \
	" (SELECT count(*) FROM training_registrations r WHERE r.session_id = s.id"       \
	"   AND r.status = 'waiting'),"                                                   \
	" (SELECT count(*) FROM training_attendance a WHERE a.session_id = s.id)"         \
	" FROM training_sessions s"

static void read_lines(const char *text, void (*fn)(void *ctx, const char *line, size_t len),
		       void *ctx)
{
	for (const char *p = text ? text : ""; *p;) {
		size_t n = strcspn(p, "\n");
		if (n)
			fn(ctx, p, n);
		p += n;
		if (*p)
			p++;
	}
}

static void add_block(void *ctx, const char *line, size_t len)
{
	struct training_session *s = ctx;
	const char *tab = memchr(line, '\t', len);
	if (!tab || s->nblocks >= TRAINING_BLOCKS_MAX)
		return;
	struct training_block *b = &s->blocks[s->nblocks];
	size_t l = (size_t)(tab - line);
	if (l > TRAINING_BLOCK_LABEL_MAX)
		return;
	memcpy(b->label, line, l);
	b->label[l] = '\0';
	int64_t m = 0;
	if (yk_parse_i64(tab + 1, len - l - 1, 0, 100000, &m) == 0) {
		b->minutes = (int)m;
		s->nblocks++;
	}
}

static void add_instructor(void *ctx, const char *line, size_t len)
{
	struct training_session *s = ctx;
	if (s->ninstructors < TRAINING_INSTRUCTORS_MAX && len <= TRAINING_INSTRUCTOR_MAX) {
		memcpy(s->instructors[s->ninstructors], line, len);
		s->instructors[s->ninstructors++][len] = '\0';
	}
}

static void add_tier(void *ctx, const char *line, size_t len)
{
	struct training_session *s = ctx;
	char name[64];
	unsigned bit;
	if (len < sizeof(name)) {
		memcpy(name, line, len);
		name[len] = '\0';
		if (training_tier_parse(name, &bit) == 0)
			s->tiers |= bit;
	}
}

static void add_template(void *ctx, const char *line, size_t len)
{
	struct training_session *s = ctx;
	int64_t id;
	if (s->ntemplates < TRAINING_TEMPLATES_MAX && yk_parse_i64(line, len, 1, INT64_MAX, &id) == 0)
		s->templates[s->ntemplates++] = id;
}

static void read_session(sqlite3_stmt *st, struct training_session *s)
{
	memset(s, 0, sizeof(*s));
	s->id = sqlite3_column_int64(st, 0);
	s->series_id = sqlite3_column_int64(st, 1);
	training__col(st, 2, s->title, sizeof(s->title));
	training__col(st, 3, s->level, sizeof(s->level));
	training__col(st, 4, s->day, sizeof(s->day));
	training__col(st, 5, s->start_time, sizeof(s->start_time));
	training__col(st, 6, s->end_time, sizeof(s->end_time));
	training__col(st, 7, s->place, sizeof(s->place));
	training__col(st, 8, s->online_url, sizeof(s->online_url));
	s->capacity = sqlite3_column_int64(st, 9);
	const char *rec = (const char *)sqlite3_column_text(st, 10);
	s->recruitment = rec && strcmp(rec, "quota") == 0 ? TRAINING_QUOTA : TRAINING_OPEN;
	training__col(st, 11, s->description, sizeof(s->description));
	read_lines((const char *)sqlite3_column_text(st, 12), add_block, s);
	read_lines((const char *)sqlite3_column_text(st, 13), add_instructor, s);
	read_lines((const char *)sqlite3_column_text(st, 14), add_tier, s);
	read_lines((const char *)sqlite3_column_text(st, 15), add_template, s);
	s->pre_survey_id = sqlite3_column_int64(st, 16);
	s->post_survey_id = sqlite3_column_int64(st, 17);
	s->registered = sqlite3_column_int64(st, 18);
	s->waiting = sqlite3_column_int64(st, 19);
	s->attended = sqlite3_column_int64(st, 20);
}

int training_session_get(struct store *db, int64_t id, struct training_session *out,
			 struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, SESSION_COLS " WHERE s.id = ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		read_session(st, out);
	sqlite3_finalize(st);
	if (r == SQLITE_DONE)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "研修が見つかりません");
	return r == SQLITE_ROW ? 0 : store_err(db, r, ei);
}

int training_session_list(struct store *db, const char *from_day,
			  int (*fn)(void *ctx, const struct training_session *s), void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, SESSION_COLS " WHERE ?1 IS NULL OR s.day >= ?1 ORDER BY s.day, s.id",
			       &st, NULL);
	if (rc)
		return rc;
	if (from_day)
		sqlite3_bind_text(st, 1, from_day, -1, SQLITE_STATIC);
	struct training_session *s = yk_xmalloc(sizeof(*s));
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		read_session(st, s);
		if ((rc = fn(ctx, s)) != 0)
			break;
	}
	if (!rc && r != SQLITE_DONE)
		rc = store_err(db, r, NULL);
	free(s);
	sqlite3_finalize(st);
	return rc;
}

/* ---- iCalendar -------------------------------------------------------------- */

/* Appends "NAME:value" folded at 75 octets without splitting a UTF-8
 * sequence; a TEXT value (text 1) is escaped (RFC 5545 3.3.11), a URI or
 * a date is not (3.3.13: a backslash in a link would break it). */
static int ics_value(struct yk_buf *out, const char *name, const char *value, int text)
{
	struct yk_buf line;
	yk_buf_init(&line, 0);
	int rc = yk_buf_addf(&line, "%s:", name);
	for (const char *p = value; !rc && *p; p++) {
		if (text && (*p == '\\' || *p == ';' || *p == ','))
			rc = yk_buf_addc(&line, '\\') || yk_buf_addc(&line, *p);
		else if (*p == '\n')
			rc = yk_buf_adds(&line, "\\n");
		else if (*p != '\r')
			rc = yk_buf_addc(&line, *p);
	}
	size_t col = 0;
	for (size_t i = 0; !rc && i < line.len;) {
		size_t n = 1;
		unsigned char c = (unsigned char)line.data[i];
		if (c >= 0xf0)
			n = 4;
		else if (c >= 0xe0)
			n = 3;
		else if (c >= 0xc0)
			n = 2;
		if (col + n > 75) {
			rc = yk_buf_adds(out, "\r\n ");
			col = 1;
		}
		if (!rc)
			rc = yk_buf_add(out, line.data + i, n);
		col += n;
		i += n;
	}
	if (!rc)
		rc = yk_buf_adds(out, "\r\n");
	yk_buf_release(&line);
	return rc;
}

static int ics_line(struct yk_buf *out, const char *name, const char *value)
{
	return ics_value(out, name, value, 1);
}

static void ics_stamp(const char *day, const char *time, char *out, size_t outsz)
{
	if (time[0])
		snprintf(out, outsz, "%.4s%.2s%.2sT%.2s%.2s00", day, day + 5, day + 8, time, time + 3);
	else
		snprintf(out, outsz, "%.4s%.2s%.2s", day, day + 5, day + 8);
}

int training_session_ics(const struct training_session *s, const char *host, struct yk_buf *out)
{
	char uid[160], start[32], end[32], now[80];
	snprintf(uid, sizeof(uid), "training-%lld@%.100s", (long long)s->id, host && *host ? host : "yakuba");
	time_t t = (time_t)yk_now_unix();
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(now, sizeof(now), "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	ics_stamp(s->day, s->start_time, start, sizeof(start));
	ics_stamp(s->day, s->end_time[0] ? s->end_time : s->start_time, end, sizeof(end));
	int timed = s->start_time[0] != '\0';
	struct yk_buf desc;
	yk_buf_init(&desc, 0);
	int rc = 0;
	if (s->level[0])
		rc = yk_buf_addf(&desc, "対象: %s\n", s->level);
	for (size_t i = 0; !rc && i < s->nblocks; i++)
		rc = yk_buf_addf(&desc, "%s %d分\n", s->blocks[i].label, s->blocks[i].minutes);
	if (!rc && s->description[0])
		rc = yk_buf_adds(&desc, s->description);
	if (!rc)
		rc = yk_buf_adds(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//yakuba//training//JA\r\n"
				      "CALSCALE:GREGORIAN\r\nBEGIN:VEVENT\r\n");
	if (!rc)
		rc = ics_line(out, "UID", uid) || ics_line(out, "DTSTAMP", now) ||
		     ics_line(out, timed ? "DTSTART" : "DTSTART;VALUE=DATE", start) ||
		     (timed && s->end_time[0] ? ics_line(out, "DTEND", end) : 0) ||
		     ics_line(out, "SUMMARY", s->title) ||
		     (s->place[0] ? ics_line(out, "LOCATION", s->place) : 0) ||
		     (s->online_url[0] ? ics_value(out, "URL", s->online_url, 0) : 0) ||
		     (desc.len ? ics_line(out, "DESCRIPTION", desc.data) : 0);
	if (!rc)
		rc = yk_buf_adds(out, "END:VEVENT\r\nEND:VCALENDAR\r\n");
	yk_buf_release(&desc);
	return rc ? YK_ELIMIT : 0;
}

/* ---- series ----------------------------------------------------------------- */

int training_series_create(struct store *db, const struct audit_actor *actor, const char *title,
			   const char *exam, int64_t *id, struct yk_errinfo *ei)
{
	int rc;
	if ((rc = training__text(title, TRAINING_TITLE_MAX, 1, "title", "シリーズ名", ei)) ||
	    (rc = training__text(exam, TRAINING_CERT_NAME_MAX, 0, "exam", "試験", ei)) ||
	    (rc = store_begin(db, ei)))
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db, "INSERT INTO training_series(title, exam, created_at) VALUES (?, ?, ?)",
				&st, ei)) == 0) {
		sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, exam ? exam : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, yk_now_unix());
		int r = sqlite3_step(st);
		rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
		sqlite3_finalize(st);
	}
	if (!rc) {
		*id = sqlite3_last_insert_rowid(store_handle(db));
		rc = training__audit(db, actor, "training.series.create", *id, "%s", "");
	}
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

int training_series_result(struct store *db, const struct audit_actor *actor, int64_t series_id,
			   int64_t staff_id, int took_exam, int passed, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"INSERT INTO training_series_members(series_id, staff_id, took_exam, passed)"
				" VALUES (?1, ?2, ?3, ?4) ON CONFLICT(series_id, staff_id) DO UPDATE"
				" SET took_exam = ?3, passed = ?4",
				&st, ei)) == 0) {
		sqlite3_bind_int64(st, 1, series_id);
		sqlite3_bind_int64(st, 2, staff_id);
		sqlite3_bind_int(st, 3, took_exam || passed);
		sqlite3_bind_int(st, 4, passed ? 1 : 0);
		int r = sqlite3_step(st);
		rc = r == SQLITE_DONE ? 0 : store_err(db, r, ei);
		sqlite3_finalize(st);
		if (rc == YK_ECONFLICT)
			rc = yk_errinfo_set(ei, YK_ENOTFOUND, "シリーズまたは職員が見つかりません");
	}
	if (!rc)
		rc = training__audit(db, actor, "training.series.result", series_id,
				     "{\"staff_id\":%lld,\"took_exam\":%d,\"passed\":%d}",
				     (long long)staff_id, took_exam || passed, passed ? 1 : 0);
	if (rc || (rc = store_commit(db, ei)))
		store_rollback(db);
	return rc;
}

/* The people of a series: those with an exam outcome row and those who
 * attended one of its meetings (a study group's members are who comes). */
#define SERIES_PEOPLE(id)                                                                  \
	"SELECT m.staff_id, m.took_exam AS took, m.passed AS passed, 0 AS att"               \
	" FROM training_series_members m WHERE m.series_id = " id                             \
	" UNION ALL SELECT a.staff_id, 0, 0, 1 FROM training_attendance a"                   \
	" JOIN training_sessions t ON t.id = a.session_id WHERE t.series_id = " id

struct series_one {
	int64_t id;
	struct training_series_info *out;
	int found;
};

static int series_pick(void *ctx, const struct training_series_info *s)
{
	struct series_one *one = ctx;
	if (s->id == one->id) {
		*one->out = *s;
		one->found = 1;
	}
	return 0;
}

int training_series_get(struct store *db, int64_t id, struct training_series_info *out,
			struct yk_errinfo *ei)
{
	struct series_one one = {id, out, 0};
	int rc = training_series_list(db, series_pick, &one);
	if (!rc && !one.found)
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "シリーズが見つかりません");
	return rc;
}

static int member_row(const struct training__sink *k, const struct training__person *p,
		      sqlite3_stmt *st)
{
	if (!p)
		return 0;
	struct training_series_member m = {p->staff_id, p->employee_no, p->name, p->department,
					   sqlite3_column_int64(st, 3), sqlite3_column_int(st, 1),
					   sqlite3_column_int(st, 2)};
	return k->member(k->ctx, &m);
}

int training_series_members(struct store *db, int64_t series_id,
			    int (*fn)(void *ctx, const struct training_series_member *m), void *ctx)
{
	struct training__sink k = {.ctx = ctx, .member = fn};
	return training__roster_rows(db,
				     "SELECT staff_id, max(took), max(passed), sum(att) FROM ("
				     SERIES_PEOPLE("?1") ") GROUP BY staff_id ORDER BY staff_id",
				     series_id, 0, member_row, &k);
}

int training_series_list(struct store *db,
			 int (*fn)(void *ctx, const struct training_series_info *s), void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(
		db,
		"SELECT s.id, s.title, s.exam,"
		" (SELECT count(*) FROM training_sessions t WHERE t.series_id = s.id),"
		" (SELECT count(DISTINCT staff_id) FROM (" SERIES_PEOPLE("s.id") ")),"
		" (SELECT count(*) FROM training_series_members m WHERE m.series_id = s.id AND m.took_exam),"
		" (SELECT count(*) FROM training_series_members m WHERE m.series_id = s.id AND m.passed)"
		" FROM training_series s ORDER BY s.id",
		&st, NULL);
	if (rc)
		return rc;
	struct training_series_info info;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&info, 0, sizeof(info));
		info.id = sqlite3_column_int64(st, 0);
		training__col(st, 1, info.title, sizeof(info.title));
		training__col(st, 2, info.exam, sizeof(info.exam));
		info.sessions = sqlite3_column_int64(st, 3);
		info.members = sqlite3_column_int64(st, 4);
		info.took_exam = sqlite3_column_int64(st, 5);
		info.passed = sqlite3_column_int64(st, 6);
		if ((rc = fn(ctx, &info)) != 0)
			break;
	}
	if (!rc && r != SQLITE_DONE)
		rc = store_err(db, r, NULL);
	sqlite3_finalize(st);
	return rc;
}
