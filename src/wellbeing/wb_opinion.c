/* wellbeing/opinion: the anonymous opinion box (意見箱) and its keyed,
 * daily-rotated rate limit, plus the stored self-care conversations.
 *
 * Unlinkability by construction: ob_posts has no author column, no
 * address, no rowid (the primary key is 16 random bytes, so neither the
 * physical order nor the listed order follows arrival), and only the day.
 * The rate limiter never writes anything to disk. */
#include <pthread.h>

#include "wb_int.h"
#include "core/banned.h"

const char *const wb_opinion_categories[] = {
	"業務の進め方", "職場環境", "人員・体制", "ハラスメント・人間関係", "研修・キャリア", "福利厚生",
	"その他", NULL};

/* ---- rate limit ---------------------------------------------------------------- */

struct rate_slot {
	unsigned char key[16]; /* first half of SHA-256(secret || day || user id) */
	int used;              /* 0 = empty slot */
	int count;
};

struct wb_rate {
	pthread_mutex_t mu;
	int64_t day;
	unsigned char secret[32];
	struct rate_slot *slot; /* open addressing, WB_RATE_SLOTS */
	size_t nused;
};

struct wb_rate *wb_rate_new(void)
{
	struct wb_rate *r = yk_xcalloc(1, sizeof(*r));
	pthread_mutex_init(&r->mu, NULL);
	r->day = -1;
	r->slot = yk_xcalloc(WB_RATE_SLOTS, sizeof(*r->slot));
	return r;
}

void wb_rate_free(struct wb_rate *r)
{
	if (!r)
		return;
	memset(r->secret, 0, sizeof(r->secret));
	pthread_mutex_destroy(&r->mu);
	free(r->slot);
	free(r);
}

int wb_rate_take(struct wb_rate *r, int64_t user_id, int limit, int64_t day_override)
{
	int64_t day = day_override >= 0 ? day_override : wb__day_now();
	int rc = 0;
	pthread_mutex_lock(&r->mu);
	if (day != r->day) {
		/* A new day: forget every counter and the key they were made with. */
		yk_random_bytes(r->secret, sizeof(r->secret));
		memset(r->slot, 0, WB_RATE_SLOTS * sizeof(*r->slot));
		r->nused = 0;
		r->day = day;
	}
	unsigned char msg[32 + 16], h[32];
	memcpy(msg, r->secret, 32);
	for (int i = 0; i < 8; i++) {
		msg[32 + i] = (unsigned char)((uint64_t)day >> (8 * i));
		msg[40 + i] = (unsigned char)((uint64_t)user_id >> (8 * i));
	}
	yk_sha256(msg, sizeof(msg), h);
	memset(msg, 0, sizeof(msg));
	size_t i = ((size_t)h[0] | (size_t)h[1] << 8 | (size_t)h[2] << 16) % WB_RATE_SLOTS;
	for (size_t probes = 0;; probes++, i = (i + 1) % WB_RATE_SLOTS) {
		struct rate_slot *s = &r->slot[i];
		if (s->used && memcmp(s->key, h, 16) == 0) {
			if (s->count >= limit)
				rc = YK_ERATE;
			else
				s->count++;
			break;
		}
		if (!s->used) {
			/* Keep a quarter free so that probing stays short. */
			if (r->nused >= WB_RATE_SLOTS - WB_RATE_SLOTS / 4) {
				rc = YK_ERATE;
				break;
			}
			memcpy(s->key, h, 16);
			s->used = 1;
			s->count = limit > 0 ? 1 : 0;
			rc = limit > 0 ? 0 : YK_ERATE;
			r->nused++;
			break;
		}
	}
	pthread_mutex_unlock(&r->mu);
	return rc;
}

/* ---- posts ------------------------------------------------------------------------ */

static int category_ok(const char *c)
{
	for (const char *const *p = wb_opinion_categories; *p; p++)
		if (strcmp(*p, c) == 0)
			return 1;
	return 0;
}

int wb_opinion_post(struct store *db, const char *category, int64_t department_id,
		    const char *body, size_t len, char key_hex[WB_OPINION_KEY_HEX + 1],
		    struct yk_errinfo *ei)
{
	if (!category || !category_ok(category)) {
		yk_errinfo_at(ei, NULL, 0, "category");
		return yk_errinfo_set(ei, YK_EINVAL, "分類を一覧から選んでください");
	}
	if (len == 0 || len > WB_OPINION_BODY_MAX || !yk_utf8_valid(body, len, NULL)) {
		yk_errinfo_at(ei, NULL, 0, "body");
		return yk_errinfo_set(ei, YK_EINVAL, "意見は 1〜%d バイトで入力してください", WB_OPINION_BODY_MAX);
	}
	unsigned char key[16];
	yk_random_bytes(key, sizeof(key));
	char day[11];
	wb__day_text(wb__day_now(), day);
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "INSERT INTO ob_posts(key, day, category, department_id, body)"
			       " VALUES (?, ?, ?, (SELECT id FROM departments WHERE id = ?), ?)",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, key, sizeof(key), SQLITE_TRANSIENT);
	wb__bind_text(st, 2, day);
	wb__bind_text(st, 3, category);
	sqlite3_bind_int64(st, 4, department_id);
	sqlite3_bind_text(st, 5, body, (int)len, SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	yk_hex(key, sizeof(key), key_hex);
	return 0;
}

int wb_opinion_list(struct store *db, int (*fn)(void *ctx, const struct wb_opinion *o),
		    void *ctx, struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT p.key, p.day, p.category, coalesce(d.path, ''), p.body, p.status,"
			       " p.reason, p.reply, coalesce(p.reply_day, '')"
			       " FROM ob_posts p LEFT JOIN departments d ON d.id = p.department_id"
			       " ORDER BY p.key",
			       &st, ei);
	if (rc)
		return rc;
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct wb_opinion o;
		memset(&o, 0, sizeof(o));
		if (sqlite3_column_bytes(st, 0) == 16)
			yk_hex(sqlite3_column_blob(st, 0), 16, o.key);
		wb__col_text(st, 1, o.day, sizeof(o.day));
		wb__col_text(st, 2, o.category, sizeof(o.category));
		wb__col_text(st, 3, o.department, sizeof(o.department));
		o.body = (const char *)sqlite3_column_text(st, 4);
		wb__col_text(st, 5, o.status, sizeof(o.status));
		o.reason = (const char *)sqlite3_column_text(st, 6);
		o.reply = (const char *)sqlite3_column_text(st, 7);
		wb__col_text(st, 8, o.reply_day, sizeof(o.reply_day));
		if ((rc = fn(ctx, &o)) != 0)
			break;
	}
	if (!rc && s != SQLITE_DONE && s != SQLITE_ROW)
		rc = store_err(db, s, ei);
	sqlite3_finalize(st);
	return rc;
}

static int unhex(const char *h, unsigned char out[16])
{
	if (!h || strlen(h) != WB_OPINION_KEY_HEX)
		return -1;
	for (int i = 0; i < 16; i++) {
		int v = 0;
		for (int k = 0; k < 2; k++) {
			char c = h[2 * i + k];
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
			if (d < 0)
				return -1;
			v = v * 16 + d;
		}
		out[i] = (unsigned char)v;
	}
	return 0;
}

int wb_opinion_update(struct store *db, const struct audit_actor *actor, const char *key_hex,
		      const char *status, const char *reason, const char *reply,
		      struct yk_errinfo *ei)
{
	static const char *const statuses[] = {"受付", "検討中", "対応済", "対応しない"};
	unsigned char key[16];
	if (unhex(key_hex, key))
		return yk_errinfo_set(ei, YK_ENOTFOUND, "意見が見つかりません");
	int ok = 0;
	for (size_t i = 0; status && i < YK_ARRAY_LEN(statuses); i++)
		ok |= strcmp(status, statuses[i]) == 0;
	if (!ok) {
		yk_errinfo_at(ei, NULL, 0, "status");
		return yk_errinfo_set(ei, YK_EINVAL, "状態は 受付・検討中・対応済・対応しない のいずれかです");
	}
	reason = reason ? reason : "";
	reply = reply ? reply : "";
	if (strcmp(status, "対応しない") == 0 && !reason[0]) {
		yk_errinfo_at(ei, NULL, 0, "reason");
		return yk_errinfo_set(ei, YK_EINVAL, "「対応しない」ときは理由を書いてください");
	}
	if (strlen(reason) > WB_OPINION_REPLY_MAX || strlen(reply) > WB_OPINION_REPLY_MAX) {
		yk_errinfo_at(ei, NULL, 0, "reply");
		return yk_errinfo_set(ei, YK_EINVAL, "回答と理由は %d バイトまでです", WB_OPINION_REPLY_MAX);
	}
	char day[11];
	wb__day_text(wb__day_now(), day);
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = store_prepare(db,
				"UPDATE ob_posts SET status = ?, reason = ?, reply = ?3,"
				" reply_day = CASE WHEN ?3 = '' THEN NULL WHEN ?3 = reply THEN reply_day ELSE ?4 END"
				" WHERE key = ?5",
				&st, ei)))
		goto fail;
	wb__bind_text(st, 1, status);
	wb__bind_text(st, 2, reason);
	wb__bind_text(st, 3, reply);
	wb__bind_text(st, 4, day);
	sqlite3_bind_blob(st, 5, key, sizeof(key), SQLITE_TRANSIENT);
	int s = sqlite3_step(st);
	int changed = sqlite3_changes(store_handle(db));
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		rc = store_err(db, s, ei);
		goto fail;
	}
	if (!changed) {
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "意見が見つかりません");
		goto fail;
	}
	char target[48], detail[64];
	snprintf(target, sizeof(target), "opinion:%s", key_hex);
	snprintf(detail, sizeof(detail), "{\"status\":\"%s\"}", status);
	if ((rc = audit_record(db, actor, "opinion.update", target, detail, NULL)))
		goto fail;
	return store_commit(db, ei);
fail:
	store_rollback(db);
	return rc;
}

/* ---- stored self-care conversations ------------------------------------------------ */

int wb_chat_store(struct store *db, int64_t owner_id, const char *messages_json, int64_t *id,
		  struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "INSERT INTO wb_chats(owner_id, messages, created_at) VALUES (?,?,?)",
			       &st, ei);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, owner_id);
	wb__bind_text(st, 2, messages_json);
	sqlite3_bind_int64(st, 3, yk_now_unix());
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, ei);
	*id = sqlite3_last_insert_rowid(store_handle(db));
	return 0;
}

int wb_chat_list(struct store *db, int64_t owner_id, int (*fn)(void *ctx, const struct wb_chat *c),
		 void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db,
			       "SELECT id, created_at, messages FROM wb_chats WHERE owner_id = ?"
			       " ORDER BY id DESC",
			       &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, owner_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct wb_chat c = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
				    (const char *)sqlite3_column_text(st, 2)};
		if ((rc = fn(ctx, &c)) != 0)
			break;
	}
	sqlite3_finalize(st);
	return rc;
}

int wb_chat_delete(struct store *db, int64_t owner_id, int64_t id)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(db, "DELETE FROM wb_chats WHERE id = ? AND owner_id = ?", &st, NULL);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, owner_id);
	int s = sqlite3_step(st);
	int n = sqlite3_changes(store_handle(db));
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_err(db, s, NULL);
	return n ? 0 : YK_ENOTFOUND;
}
