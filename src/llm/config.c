/* llm/config: turns the llm_* and embed_* settings (store, with the
 * environment YAKUBA_LLM_URL etc. taking precedence inside
 * store_setting_get) into a struct llm_config, and records token usage in
 * the llm_usage table (migration 0004). The only SQL of the llm module. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "llm/llm.h"
#include "store/store.h"
#include "core/banned.h"

static int setting(struct store *db, const char *key, char *out, size_t outsz)
{
	/* Every key used here is in settings.def; an unknown key is a bug. */
	if (store_setting_get(db, key, out, outsz) != 0)
		out[0] = '\0';
	return 0;
}

static int check_url(const char *key, const char *url, struct yk_errinfo *ei)
{
	if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0)
		return yk_errinfo_set(ei, YK_EINVAL,
				      "%s は http:// または https:// で始まる URL にしてください", key);
	if (strpbrk(url, " \t\r\n"))
		return yk_errinfo_set(ei, YK_EINVAL, "%s に空白を含めることはできません", key);
	return 0;
}

/* Settings shared by chat and embeddings: auth style and timeouts. */
static int common_settings(struct store *db, struct llm_config *out, struct yk_errinfo *ei)
{
	char v[STORE_SETTING_MAX_VALUE];
	setting(db, "llm_api_key_header", v, sizeof(v));
	if (v[0] == '\0' || strcasecmp(v, "authorization") == 0)
		out->auth_style = LLM_AUTH_BEARER;
	else if (strcasecmp(v, "api-key") == 0)
		out->auth_style = LLM_AUTH_API_KEY;
	else
		return yk_errinfo_set(ei, YK_EINVAL,
				      "llm_api_key_header は authorization か api-key にしてください");
	int64_t secs = store_setting_int(db, "llm_timeout_seconds");
	if (secs < 1)
		secs = 1;
	out->total_timeout_ms = (long)(secs * 1000);
	if (out->connect_timeout_ms > out->total_timeout_ms)
		out->connect_timeout_ms = out->total_timeout_ms;
	if (out->idle_timeout_ms > out->total_timeout_ms)
		out->idle_timeout_ms = out->total_timeout_ms;
	return 0;
}

int llm_config_from_settings(struct store *db, struct llm_config *out, struct yk_errinfo *ei)
{
	char v[STORE_SETTING_MAX_VALUE];
	int rc;
	llm_config_init(out);
	if ((rc = common_settings(db, out, ei)))
		return rc;
	setting(db, "llm_model", out->model, sizeof(out->model));
	setting(db, "llm_api_key", out->api_key, sizeof(out->api_key));
	int64_t max_tokens = store_setting_int(db, "llm_max_tokens");
	out->max_tokens = max_tokens > 0 && max_tokens <= 1000000 ? (int)max_tokens : 0;
	setting(db, "llm_temperature", v, sizeof(v));
	if (v[0] == '\0') {
		out->temperature = -1;
	} else {
		char *end = NULL;
		double t = strtod(v, &end);
		if (end == v || *end != '\0' || !isfinite(t) || t < 0 || t > 2)
			return yk_errinfo_set(ei, YK_EINVAL,
					      "llm_temperature は 0 から 2 までの数値にしてください");
		out->temperature = t;
	}
	setting(db, "llm_url", out->base_url, sizeof(out->base_url));
	if (out->base_url[0] == '\0')
		return yk_errinfo_set(ei, YK_ENOTCONFIGURED, "%s",
				      llm_error_staff_message(YK_ENOTCONFIGURED));
	return check_url("llm_url", out->base_url, ei);
}

int llm_embed_config_from_settings(struct store *db, struct llm_config *out,
				   struct yk_errinfo *ei)
{
	int rc;
	llm_config_init(out);
	if ((rc = common_settings(db, out, ei)))
		return rc;
	out->max_tokens = 0;
	out->temperature = -1;
	setting(db, "embed_model", out->model, sizeof(out->model));
	setting(db, "embed_api_key", out->api_key, sizeof(out->api_key));
	setting(db, "embed_url", out->base_url, sizeof(out->base_url));
	if (out->base_url[0] == '\0')
		return yk_errinfo_set(ei, YK_ENOTCONFIGURED,
				      "埋め込みサーバーが設定されていません（embed_url）");
	return check_url("embed_url", out->base_url, ei);
}

/* ---- usage accounting ---------------------------------------------------- */

int llm_usage_record(struct store *db, const struct llm_usage_record *rec,
		     struct yk_errinfo *ei)
{
	sqlite3_stmt *st = NULL;
	int rc;
	size_t flen = rec->feature ? strlen(rec->feature) : 0;
	if (flen == 0 || flen > LLM_USAGE_MAX_FEATURE)
		return yk_errinfo_set(ei, YK_EINVAL, "llm usage: feature must be 1..%d bytes",
				      LLM_USAGE_MAX_FEATURE);
	for (size_t i = 0; i < flen; i++)
		if ((unsigned char)rec->feature[i] < 0x21 || (unsigned char)rec->feature[i] > 0x7e)
			return yk_errinfo_set(ei, YK_EINVAL, "llm usage: feature must be ASCII");
	if (rec->model && !yk_utf8_valid(rec->model, strlen(rec->model), NULL))
		return yk_errinfo_set(ei, YK_EINVAL, "llm usage: model is not UTF-8");
	if ((rc = store_stmt(db,
				"INSERT INTO llm_usage(at, user_id, department_id, feature,"
				" template_id, model, prompt_tokens, completion_tokens,"
				" latency_ms, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				&st, ei)))
		return rc;
	sqlite3_bind_int64(st, 1, rec->at > 0 ? rec->at : yk_now_unix());
	store_bind_opt_id(st, 2, rec->user_id);
	store_bind_opt_id(st, 3, rec->department_id);
	sqlite3_bind_text(st, 4, rec->feature, (int)flen, SQLITE_STATIC);
	store_bind_opt_id(st, 5, rec->template_id);
	store_bind_opt_text(st, 6, rec->model);
	store_bind_opt_count(st, 7, rec->usage.prompt_tokens);
	store_bind_opt_count(st, 8, rec->usage.completion_tokens);
	sqlite3_bind_int64(st, 9, rec->latency_ms >= 0 ? rec->latency_ms : 0);
	sqlite3_bind_text(st, 10, yk_err_code(rec->outcome), -1, SQLITE_STATIC);
	return store_step_done(db, st, ei);
}
