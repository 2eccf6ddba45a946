/* api handlers of the 生成AIワークスペース (src/ws): status, the guard
 * preview, chat and grounded answers streamed as server-sent events,
 * conversations and prompt templates.
 *
 * Streaming: the handler does everything that can fail with a plain JSON
 * error (validation, the personal-information guard, storing the question)
 * on the MHD worker, then turns the response into a stream, queues the
 * "meta" event and starts a producer thread for the model call. The
 * producer opens its own database connection (the pool's connections
 * belong to the MHD threads) and passes the stream's cancel flag to the
 * model client, so a closed browser tab aborts the upstream request. */
#include <pthread.h>
#include <string.h>

#include "api_int.h"
#include "llm/llm.h"
#include "qa/qa.h"
#include "ws/ws.h"
#include "core/banned.h"

#define WS_SSE_CONTENT_TYPE "text/event-stream; charset=utf-8"
#define WS_SSE_KEEPALIVE ":\n\n"
#define WS_SSE_KEEPALIVE_MS 1000 /* a vanished client is noticed within this */

static int api_ws(struct api_call *c, struct ws **out)
{
	struct api *api = c->api;
	struct pii_guard_slot *guards = NULL;
	int rc = api__guards(c, &guards);
	if (rc)
		return rc;
	pthread_mutex_lock(&api->ws_mu);
	if (!api->ws)
		rc = ws_new(guards, &api->ws, &c->ei);
	*out = api->ws;
	pthread_mutex_unlock(&api->ws_mu);
	return rc;
}

static void who_init(struct api_call *c, struct ws_user *who)
{
	who->user_id = c->session.user.id;
	who->department_id = c->session.user.department_id;
	who->roles = c->session.user.roles;
	who->login = c->session.user.login;
	who->ip = c->req->client_ip;
}

/* Optional positive integer field (0 when absent). */
static int body_id(struct api_call *c, const char *field, int64_t *out)
{
	json_t *v = json_object_get(c->body, field);
	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		yk_errinfo_at(&c->ei, NULL, 0, field);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「%s」は正の整数で指定してください", field);
	}
	*out = json_integer_value(v);
	return 0;
}

/* The model configuration, or 503 not_configured with a plain sentence. */
static int model_config(struct api_call *c, struct llm_config *cfg)
{
	int rc = llm_config_from_settings(c->db, cfg, &c->ei);
	if (rc == YK_ENOTCONFIGURED)
		return yk_errinfo_set(&c->ei, rc,
				      "生成AIが設定されていません。管理者に「生成AIサーバーの URL」の設定を依頼してください");
	return rc;
}

/* ---- server-sent events --------------------------------------------------------- */

struct ws_job {
	struct ws *ws;
	struct ws_turn *turn;
	struct llm_config cfg;
	char *db_path;
	struct http_stream *stream;
	int64_t conversation_id;
};

/* Writes one event; data is compact JSON (one line). */
static int sse_event(struct http_stream *s, const char *name, json_t *data)
{
	char *text = json_dumps(data, JSON_COMPACT);
	json_decref(data);
	if (!text)
		return YK_ENOMEM;
	struct yk_buf b;
	yk_buf_init(&b, 0);
	int rc = yk_buf_addf(&b, "event: %s\ndata: %s\n\n", name, text);
	free(text);
	if (!rc)
		rc = http_stream_write(s, b.data, b.len);
	yk_buf_release(&b);
	return rc;
}

static int sse_delta(void *ctx, const char *text, size_t len)
{
	return sse_event(ctx, "delta", json_pack("{s:s%}", "text", text, len)) != 0;
}

static void sse_error(struct http_stream *s, int err, const char *message)
{
	if (sse_event(s, "error", json_pack("{s:s, s:s}", "code", yk_err_code(err), "message",
					    message && *message ? message : yk_err_message(err))) != 0)
		yk_log(YK_LOG_INFO, "ws: error event not delivered (client gone)");
}

static void job_free(struct ws_job *j)
{
	ws_turn_free(j->ws, j->turn);
	free(j->db_path);
	free(j);
}

static void *ws_producer(void *arg)
{
	struct ws_job *j = arg;
	struct store *db = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	json_t *done = NULL;
	int rc = store_open(j->db_path, 0, &db, &ei);
	if (rc == 0)
		rc = ws_turn_run(j->ws, db, j->turn, &j->cfg, http_stream_cancelled(j->stream),
				 sse_delta, j->stream, &done, &ei);
	if (rc == 0) {
		json_object_set_new(done, "conversation_id", json_integer(j->conversation_id));
		if (sse_event(j->stream, "done", done) != 0)
			yk_log(YK_LOG_INFO, "ws: done event not delivered (client gone)");
	} else if (rc != YK_ECANCELED) {
		yk_log(YK_LOG_WARN, "ws: turn failed: %s (%s)", ei.message, yk_err_code(rc));
		sse_error(j->stream, rc, rc == YK_EDB ? NULL : ei.message);
	}
	store_close(db);
	http_stream_close(j->stream);
	job_free(j);
	return NULL;
}

/* Turns the response into an event stream for a prepared turn. */
static int start_stream(struct api_call *c, struct ws *ws, struct ws_turn *turn,
			const struct llm_config *cfg)
{
	struct ws_job *j = yk_xcalloc(1, sizeof(*j));
	j->ws = ws;
	j->turn = turn;
	j->cfg = *cfg;
	j->db_path = yk_xstrdup(store_path(c->db));
	json_t *meta = ws_turn_meta(turn);
	j->conversation_id = json_integer_value(json_object_get(meta, "conversation_id"));
	if (http_respond_stream(c->resp, 200, WS_SSE_CONTENT_TYPE, &j->stream) != 0) {
		json_decref(meta);
		job_free(j);
		return yk_errinfo_set(&c->ei, YK_EINVAL, "response is already a stream");
	}
	http_stream_keepalive(j->stream, WS_SSE_KEEPALIVE, WS_SSE_KEEPALIVE_MS);
	int rc = sse_event(j->stream, "meta", meta);
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (rc == 0 && pthread_create(&t, &attr, ws_producer, j) == 0) {
		pthread_attr_destroy(&attr);
		return 0;
	}
	pthread_attr_destroy(&attr);
	sse_error(j->stream, YK_EBUSY, NULL);
	http_stream_close(j->stream);
	job_free(j);
	return 0; /* the response is the stream with its error event */
}

API_HANDLER(ws_chat)
{
	static const char *const fields[] = {"conversation_id", "text", "template_id", "vars", NULL};
	const char *text;
	struct ws_chat_input in = {0, NULL, 0, NULL, 1, NULL, NULL, 0};
	struct llm_config cfg;
	struct ws *ws;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "text", 0, WS_TEXT_MAX, &text)) ||
	    (rc = body_id(c, "conversation_id", &in.conversation_id)) ||
	    (rc = body_id(c, "template_id", &in.template_id)))
		return rc;
	in.text = text;
	in.vars = json_object_get(c->body, "vars");
	if (in.vars && !json_is_object(in.vars)) {
		yk_errinfo_at(&c->ei, NULL, 0, "vars");
		return yk_errinfo_set(&c->ei, YK_EINVAL, "「vars」はオブジェクトで指定してください");
	}
	if ((rc = model_config(c, &cfg)) || (rc = api_ws(c, &ws)))
		return rc;
	struct ws_user who;
	who_init(c, &who);
	struct ws_turn *turn = NULL;
	if ((rc = ws_chat_prepare(ws, c->db, &who, &in, &turn, &c->error_extra, &c->ei)))
		return rc;
	return start_stream(c, ws, turn, &cfg);
}

API_HANDLER(ask_generate)
{
	static const char *const fields[] = {"question", NULL};
	const char *q;
	struct llm_config cfg;
	struct ws *ws;
	struct qa *qa;
	int rc;
	if ((rc = api__only_fields(c, fields)) ||
	    (rc = api__str(c, "question", 1, QA_QUESTION_MAX, &q)) || (rc = model_config(c, &cfg)) ||
	    (rc = api_ws(c, &ws)) || (rc = api__qa(c, &qa)))
		return rc;
	struct ws_user who;
	who_init(c, &who);
	struct ws_turn *turn = NULL;
	if ((rc = ws_generate_prepare(ws, qa, c->db, &who, q, strlen(q), 1, &turn, &c->error_extra,
				      &c->ei)))
		return rc;
	return start_stream(c, ws, turn, &cfg);
}

/* ---- status, guard, conversations ------------------------------------------------ */

API_HANDLER(ws_status)
{
	json_t *out = NULL;
	int rc = ws_status(c->db, &out, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, out);
	return 0;
}

API_HANDLER(ws_guard)
{
	static const char *const fields[] = {"text", NULL};
	const char *text;
	struct ws *ws;
	json_t *out = NULL;
	int rc;
	if ((rc = api__only_fields(c, fields)) || (rc = api__str(c, "text", 1, WS_TEXT_MAX, &text)) ||
	    (rc = api_ws(c, &ws)) || (rc = ws_guard(ws, c->db, text, strlen(text), &out, &c->ei)))
		return rc;
	api__reply(c, 200, out);
	return 0;
}

API_HANDLER(ws_conversations)
{
	struct ws_user who;
	who_init(c, &who);
	json_t *out = NULL;
	int rc;
	/* Expired conversations are never listed, even before the next chat. */
	if ((rc = ws_purge(c->db, yk_now_unix(), NULL, &c->ei)) ||
	    (rc = ws_conversations_list(c->db, &who, &out, &c->ei)))
		return rc;
	api__reply(c, 200, out);
	return 0;
}

API_HANDLER(ws_conversation)
{
	struct ws_user who;
	who_init(c, &who);
	json_t *out = NULL;
	int rc = ws_conversation_get(c->db, &who, c->id, &out, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, out);
	return 0;
}

API_HANDLER(ws_conversation_delete)
{
	struct ws_user who;
	who_init(c, &who);
	struct ws *ws;
	int rc;
	if ((rc = api_ws(c, &ws)) || (rc = ws_conversation_delete(ws, c->db, &who, c->id, &c->ei)))
		return rc;
	api__reply(c, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}

/* ---- templates ------------------------------------------------------------------- */

API_HANDLER(ws_templates)
{
	struct ws_user who;
	who_init(c, &who);
	json_t *out = NULL;
	int rc = ws_templates_list(c->db, &who, &out, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, out);
	return 0;
}

static int template_save(struct api_call *c, int64_t id)
{
	static const char *const fields[] = {"name", "category", "description", "body", "variables",
					     "shared", NULL};
	struct ws_user who;
	who_init(c, &who);
	int64_t new_id = 0;
	json_t *out = NULL;
	int rc;
	if ((rc = api__only_fields(c, fields)) ||
	    (rc = ws_template_save(c->db, &who, id, c->body, &new_id, &c->ei)) ||
	    (rc = ws_template_get(c->db, &who, new_id, &out, &c->ei)))
		return rc;
	api__reply(c, id ? 200 : 201, out);
	return 0;
}

API_HANDLER(ws_template_create)
{
	return template_save(c, 0);
}

API_HANDLER(ws_template_update)
{
	return template_save(c, c->id);
}

API_HANDLER(ws_template_delete)
{
	struct ws_user who;
	who_init(c, &who);
	int rc = ws_template_delete(c->db, &who, c->id, &c->ei);
	if (rc)
		return rc;
	api__reply(c, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}
