/* ws/guard: the workspace context — the guard slot (pii/: the guard in
 * force, swapped when the allow-list or policy setting changes), the
 * in-memory placeholder mappings of conversations, the guard preview for
 * the UI and the status. See ws.h. */
#include <string.h>

#include "llm/llm.h"
#include "ws_int.h"
#include "core/banned.h"

int ws_new(struct pii_guard_slot *guards, struct ws **out, struct yk_errinfo *ei)
{
	(void)ei;
	struct ws *ws = yk_xcalloc(1, sizeof(*ws));
	pthread_mutex_init(&ws->mu, NULL);
	ws->own_guards = guards == NULL;
	ws->guards = guards ? guards : pii_guard_slot_new(NULL);
	*out = ws;
	return 0;
}

void ws_free(struct ws *ws)
{
	if (!ws)
		return;
	if (ws->own_guards)
		pii_guard_slot_free(ws->guards);
	for (size_t i = 0; i < WS_MAPPINGS_MAX; i++)
		pii_mapping_free(ws->maps[i].map);
	pthread_mutex_destroy(&ws->mu);
	free(ws);
}

int ws__guard(struct ws *ws, struct store *db, struct pii_guard **out, struct yk_errinfo *ei)
{
	int rc = pii_guard_current(ws->guards, db, out, ei);
	if (rc == YK_EMORPH) {
		yk_log(YK_LOG_ERROR, "ws: the guard cannot load: %s", ei ? ei->message : "");
		yk_errinfo_set(ei, rc, "%s", yk_err_message(rc));
	}
	return rc;
}

enum pii_policy ws__policy(struct store *db)
{
	char v[STORE_SETTING_MAX_VALUE];
	enum pii_policy p = PII_POLICY_MASK;
	if (store_setting_get(db, "pii_policy", v, sizeof(v)) != 0 || pii_policy_parse(v, &p) != 0) {
		yk_log(YK_LOG_WARN, "ws: pii_policy is not mask, block or warn; masking");
		p = PII_POLICY_MASK;
	}
	return p;
}

const char *ws__policy_name(enum pii_policy p)
{
	return p == PII_POLICY_BLOCK ? "block" : p == PII_POLICY_WARN ? "warn" : "mask";
}

json_t *ws__counts_json(const struct pii_counts *c)
{
	json_t *o = json_object();
	for (int t = 0; t < PII_TYPE_COUNT; t++)
		if (c->n[t])
			json_object_set_new(o, pii_type_name((enum pii_type)t), json_integer(c->n[t]));
	return o;
}

/* ---- per-conversation mappings --------------------------------------------- */

/* A slot for a new mapping: a free one, else the least recently used idle
 * one (its values wiped). -1 when every slot is busy. Caller holds ws->mu. */
static int mapping_slot_locked(struct ws *ws, int64_t now)
{
	int free_slot = -1, oldest = -1;
	for (int i = 0; i < WS_MAPPINGS_MAX; i++) {
		struct ws__mapping *m = &ws->maps[i];
		if (m->conversation_id && !m->busy && now - m->used_at > WS_MAPPING_IDLE_SECONDS) {
			pii_mapping_free(m->map); /* wipes the values */
			memset(m, 0, sizeof(*m));
		}
		if (!m->conversation_id && free_slot < 0)
			free_slot = i;
		if (m->conversation_id && !m->busy &&
		    (oldest < 0 || m->used_at < ws->maps[oldest].used_at))
			oldest = i;
	}
	if (free_slot < 0 && oldest >= 0) {
		pii_mapping_free(ws->maps[oldest].map);
		memset(&ws->maps[oldest], 0, sizeof(ws->maps[oldest]));
		free_slot = oldest;
	}
	return free_slot;
}

int ws__mapping_take(struct ws *ws, int64_t conversation_id, struct pii_mapping **map, int *slot)
{
	*map = NULL;
	*slot = -1;
	if (conversation_id <= 0) {
		*map = pii_mapping_new();
		return 0;
	}
	int rc = 0;
	pthread_mutex_lock(&ws->mu);
	for (int i = 0; i < WS_MAPPINGS_MAX; i++) {
		struct ws__mapping *m = &ws->maps[i];
		if (m->conversation_id == conversation_id) {
			if (m->busy) {
				rc = YK_EBUSY;
			} else {
				m->busy = 1;
				*map = m->map;
				*slot = i;
			}
			goto out;
		}
	}
	*map = pii_mapping_new();
	int i = mapping_slot_locked(ws, yk_now_unix());
	if (i >= 0) {
		ws->maps[i].conversation_id = conversation_id;
		ws->maps[i].map = *map;
		ws->maps[i].used_at = yk_now_unix();
		ws->maps[i].busy = 1;
		*slot = i;
	}
out:
	pthread_mutex_unlock(&ws->mu);
	return rc;
}

int ws__mapping_keep(struct ws *ws, int64_t conversation_id, struct pii_mapping *map)
{
	pthread_mutex_lock(&ws->mu);
	int i = mapping_slot_locked(ws, yk_now_unix());
	if (i >= 0) {
		ws->maps[i].conversation_id = conversation_id;
		ws->maps[i].map = map;
		ws->maps[i].used_at = yk_now_unix();
		ws->maps[i].busy = 1;
	}
	pthread_mutex_unlock(&ws->mu);
	return i;
}

void ws__mapping_give(struct ws *ws, int slot, struct pii_mapping *map)
{
	if (slot < 0) {
		pii_mapping_free(map);
		return;
	}
	pthread_mutex_lock(&ws->mu);
	ws->maps[slot].busy = 0;
	ws->maps[slot].used_at = yk_now_unix();
	pthread_mutex_unlock(&ws->mu);
}

void ws__mapping_forget(struct ws *ws, int64_t conversation_id)
{
	pthread_mutex_lock(&ws->mu);
	for (int i = 0; i < WS_MAPPINGS_MAX; i++) {
		struct ws__mapping *m = &ws->maps[i];
		if (m->conversation_id == conversation_id && !m->busy) {
			pii_mapping_free(m->map);
			memset(m, 0, sizeof(*m));
		}
	}
	pthread_mutex_unlock(&ws->mu);
}

/* ---- preview and status ------------------------------------------------------ */

int ws_guard(struct ws *ws, struct store *db, const char *text, size_t len, json_t **out,
	     struct yk_errinfo *ei)
{
	*out = NULL;
	if (len == 0 || len > WS_TEXT_MAX) {
		yk_errinfo_at(ei, NULL, 0, "text");
		return yk_errinfo_set(ei, YK_EINVAL, "文章は 1 バイト以上 %d バイト以下で入力してください",
				      WS_TEXT_MAX);
	}
	if (!yk_utf8_valid(text, len, NULL))
		return yk_errinfo_set(ei, YK_EUTF8, "文字コードが正しくありません");
	struct pii_guard *g = NULL;
	struct pii_findings f = {0};
	struct pii_mapping *map = pii_mapping_new();
	struct yk_buf masked;
	yk_buf_init(&masked, 2 * WS_TEXT_MAX);
	int rc;
	if ((rc = ws__guard(ws, db, &g, ei)) || (rc = pii_guard_scan(g, text, len, &f)) ||
	    (rc = pii_mask_spans(map, text, len, f.v, f.n, &masked)))
		goto out;
	struct pii_counts counts;
	memset(&counts, 0, sizeof(counts));
	json_t *arr = json_array();
	for (size_t i = 0; i < f.n; i++) {
		counts.n[f.v[i].type]++;
		counts.total++;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:I}", "type",
						     pii_type_name(f.v[i].type), "label",
						     pii_type_label(f.v[i].type), "start",
						     (json_int_t)f.v[i].start, "end",
						     (json_int_t)f.v[i].end));
	}
	*out = json_pack("{s:o, s:s%, s:o, s:I, s:s}", "spans", arr, "masked",
			 masked.data ? masked.data : "", masked.len, "counts",
			 ws__counts_json(&counts), "total", (json_int_t)counts.total, "policy",
			 ws__policy_name(pii_guard_policy(g)));
out:
	if (rc == YK_EMORPH)
		yk_errinfo_set(ei, rc, "%s", yk_err_message(rc));
	pii_findings_release(&f);
	pii_guard_free(g);
	pii_mapping_free(map);
	yk_buf_release(&masked);
	return rc;
}

int ws_status(struct store *db, json_t **out, struct yk_errinfo *ei)
{
	(void)ei;
	struct llm_config cfg;
	struct yk_errinfo lei;
	yk_errinfo_clear(&lei);
	int rc = llm_config_from_settings(db, &cfg, &lei);
	const char *message = rc == 0 ? ""
			      : rc == YK_ENOTCONFIGURED
				  ? "生成AIが設定されていません。管理者に「生成AIサーバーの URL」の設定を依頼してください"
				  : "生成AIの設定に誤りがあります。管理者にお問い合わせください";
	*out = json_pack("{s:b, s:s, s:s, s:I, s:s}", "configured", rc == 0, "model",
			 rc == 0 ? cfg.model : "", "pii_policy", ws__policy_name(ws__policy(db)),
			 "retention_days", (json_int_t)store_setting_int(db, "ws_retention_days"),
			 "message", message);
	return 0;
}
