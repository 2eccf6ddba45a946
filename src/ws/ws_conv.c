/* ws/conv: the conversations of staff and their messages (stored masked),
 * owner-only reading and deletion, the history sent with a turn and the
 * retention purge. See ws.h. */
#include <string.h>

#include "ws_int.h"
#include "core/banned.h"

int ws__conversation_create(struct store *db, const struct ws_user *who, const char *kind,
			    const char *title, size_t title_len, int64_t template_id, int64_t *id,
			    struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "INSERT INTO ws_conversations(owner_id, kind, title, template_id,"
			       " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
			       &st, ei);
	if (rc)
		return rc;
	/* The title: the first WS_TITLE_CHARS code points, one line. */
	size_t cut = 0, cps = 0;
	while (cut < title_len && cps < WS_TITLE_CHARS && title[cut] != '\n') {
		cut++;
		while (cut < title_len && ((unsigned char)title[cut] & 0xC0) == 0x80)
			cut++;
		cps++;
	}
	int64_t now = yk_now_unix();
	sqlite3_bind_int64(st, 1, who->user_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, title, (int)cut, SQLITE_TRANSIENT);
	if (template_id > 0)
		sqlite3_bind_int64(st, 4, template_id);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, now);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	*id = sqlite3_last_insert_rowid(store_handle(db));
	return 0;
}

int ws__conversation_check_owner(struct store *db, const struct ws_user *who, int64_t id,
				 struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "SELECT owner_id FROM ws_conversations WHERE id = ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW && sqlite3_column_int64(st, 0) == who->user_id && who->user_id > 0)
		rc = 0;
	else if (s == SQLITE_ROW || s == SQLITE_DONE)
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "会話が見つかりません");
	else
		rc = store_err(db, s, ei);
	sqlite3_finalize(st);
	return rc;
}

int ws__message_add(struct store *db, int64_t conversation_id, const char *role,
		    const char *content, size_t len, const char *pii_counts, const char *meta_json,
		    int64_t *id, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int64_t n = 0;
	int rc = store_prepare(db, "SELECT count(*) FROM ws_messages WHERE conversation_id = ?", &st,
			       ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, conversation_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (n >= WS_CONVERSATION_MESSAGES_MAX)
		return yk_errinfo_set(ei, YK_ELIMIT,
				      "会話が長くなりすぎました（%d 件まで）。新しい会話を始めてください",
				      WS_CONVERSATION_MESSAGES_MAX);
	if ((rc = store_prepare(db,
				"INSERT INTO ws_messages(conversation_id, role, content, pii_counts, meta,"
				" at) VALUES (?, ?, ?, ?, ?, ?)",
				&st, ei)))
		return rc;
	int64_t now = yk_now_unix();
	sqlite3_bind_int64(st, 1, conversation_id);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, content, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, pii_counts ? pii_counts : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, meta_json ? meta_json : "{}", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, now);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	if (id)
		*id = sqlite3_last_insert_rowid(store_handle(db));
	if ((rc = store_prepare(db, "UPDATE ws_conversations SET updated_at = ? WHERE id = ?", &st,
				ei)))
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, conversation_id);
	s = sqlite3_step(st);
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : store_err(db, s, ei);
}

int ws__history(struct store *db, int64_t conversation_id, int64_t skip_id, json_t **out,
		struct yk_errinfo *ei)
{
	*out = NULL;
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT role, content FROM ws_messages WHERE conversation_id = ? AND"
			       " id <> ? ORDER BY id DESC LIMIT ?",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, conversation_id);
	sqlite3_bind_int64(st, 2, skip_id);
	sqlite3_bind_int(st, 3, WS_HISTORY_MESSAGES_MAX);
	json_t *rev = json_array();
	size_t bytes = 0;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 1);
		if (bytes + n > WS_HISTORY_BYTES_MAX)
			break; /* older messages do not fit: the newest matter most */
		bytes += n;
		json_array_append_new(rev, json_pack("{s:s, s:s}", "role",
						     (const char *)sqlite3_column_text(st, 0),
						     "content",
						     (const char *)sqlite3_column_text(st, 1)));
	}
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE) {
		json_decref(rev);
		return store_err(db, s, ei);
	}
	json_t *arr = json_array();
	for (size_t i = json_array_size(rev); i > 0; i--)
		json_array_append(arr, json_array_get(rev, i - 1));
	json_decref(rev);
	*out = arr;
	return 0;
}

static json_t *iso(int64_t t)
{
	char buf[32];
	yk_time_iso(t, buf, sizeof(buf));
	return json_string(buf);
}

int ws_conversations_list(struct store *db, const struct ws_user *who, json_t **out,
			  struct yk_errinfo *ei)
{
	*out = NULL;
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT c.id, c.kind, c.title, c.created_at, c.updated_at,"
			       " (SELECT count(*) FROM ws_messages m WHERE m.conversation_id = c.id)"
			       " FROM ws_conversations c WHERE c.owner_id = ?"
			       " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, who->user_id);
	sqlite3_bind_int(st, 2, WS_LIST_MAX);
	json_t *arr = json_array();
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(
			arr, json_pack("{s:I, s:s, s:s, s:o, s:o, s:I}", "id",
				       (json_int_t)sqlite3_column_int64(st, 0), "kind",
				       (const char *)sqlite3_column_text(st, 1), "title",
				       (const char *)sqlite3_column_text(st, 2), "created_at",
				       iso(sqlite3_column_int64(st, 3)), "updated_at",
				       iso(sqlite3_column_int64(st, 4)), "message_count",
				       (json_int_t)sqlite3_column_int64(st, 5)));
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		json_decref(arr);
		return store_err(db, s, ei);
	}
	*out = json_pack("{s:o}", "conversations", arr);
	return 0;
}

int ws_conversation_get(struct store *db, const struct ws_user *who, int64_t id, json_t **out,
			struct yk_errinfo *ei)
{
	*out = NULL;
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT kind, title, template_id, created_at, updated_at FROM"
			       " ws_conversations WHERE id = ? AND owner_id = ?",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, who->user_id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		sqlite3_finalize(st);
		return s == SQLITE_DONE ? yk_errinfo_set(ei, YK_ENOTFOUND, "会話が見つかりません")
					: store_err(db, s, ei);
	}
	json_t *conv = json_pack("{s:I, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)id, "kind",
				 (const char *)sqlite3_column_text(st, 0), "title",
				 (const char *)sqlite3_column_text(st, 1), "template_id",
				 sqlite3_column_type(st, 2) == SQLITE_NULL
					 ? json_null()
					 : json_integer(sqlite3_column_int64(st, 2)),
				 "created_at", iso(sqlite3_column_int64(st, 3)), "updated_at",
				 iso(sqlite3_column_int64(st, 4)));
	sqlite3_finalize(st);
	if ((rc = store_prepare(db,
				"SELECT id, role, content, pii_counts, meta, at FROM ws_messages"
				" WHERE conversation_id = ? ORDER BY id",
				&st, ei))) {
		json_decref(conv);
		return rc;
	}
	sqlite3_bind_int64(st, 1, id);
	json_t *msgs = json_array();
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		json_error_t jerr;
		json_t *meta = json_loads((const char *)sqlite3_column_text(st, 4), 0, &jerr);
		json_array_append_new(
			msgs, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id",
					(json_int_t)sqlite3_column_int64(st, 0), "role",
					(const char *)sqlite3_column_text(st, 1), "content",
					(const char *)sqlite3_column_text(st, 2), "pii_counts",
					(const char *)sqlite3_column_text(st, 3), "meta",
					meta ? meta : json_object(), "at",
					iso(sqlite3_column_int64(st, 5))));
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		json_decref(conv);
		json_decref(msgs);
		return store_err(db, s, ei);
	}
	json_object_set_new(conv, "messages", msgs);
	*out = conv;
	return 0;
}

int ws_conversation_delete(struct ws *ws, struct store *db, const struct ws_user *who, int64_t id,
			   struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "DELETE FROM ws_conversations WHERE id = ? AND owner_id = ?", &st,
			       ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, who->user_id);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	if (sqlite3_changes(store_handle(db)) == 0)
		return yk_errinfo_set(ei, YK_ENOTFOUND, "会話が見つかりません");
	if (ws)
		ws__mapping_forget(ws, id);
	return 0;
}

int ws_purge(struct store *db, int64_t now, int64_t *deleted, struct yk_errinfo *ei)
{
	if (deleted)
		*deleted = 0;
	int64_t days = store_setting_int(db, "ws_retention_days");
	if (days <= 0)
		return 0;
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "DELETE FROM ws_conversations WHERE updated_at < ?", &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, now - days * 86400);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	int64_t n = sqlite3_changes(store_handle(db));
	if (deleted)
		*deleted = n;
	if (n > 0) {
		struct audit_actor a = {0, "system", NULL};
		char detail[96];
		snprintf(detail, sizeof(detail), "{\"deleted\":%lld,\"retention_days\":%lld}",
			 (long long)n, (long long)days);
		if ((rc = audit_record(db, &a, "ws.purge", "conversations", detail, NULL)))
			return yk_errinfo_set(ei, rc, "audit log write failed");
	}
	return 0;
}

void ws_purge_at_start(const char *path)
{
	struct store *db = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int64_t n = 0;
	int rc = store_open(path, STORE_OPEN_MIGRATE, &db, &ei);
	if (rc == 0)
		rc = ws_purge(db, yk_now_unix(), &n, &ei);
	if (rc)
		yk_log(YK_LOG_WARN, "ws: retention purge failed: %s", ei.message);
	else if (n > 0)
		yk_log(YK_LOG_INFO, "ws: deleted %lld conversation(s) past their retention",
		       (long long)n);
	store_close(db);
}
