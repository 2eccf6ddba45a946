/* api internals shared by the handler files (api_session.c, api_admin.c).
 * Not part of the api contract. */
#ifndef YK_API_INT_H
#define YK_API_INT_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>

#include "api.h"
#include "auth/auth.h"
#include "kb/kb.h"
#include "usage/usage.h"
#include "training/training.h"

struct qa;
struct ws;
struct survey_text;
struct wb_rate;
struct text_model;
struct pii_guard_slot;

struct api {
	struct store_pool *pool;
	int64_t started_at;
	char *dicdir;             /* --dicdir, NULL when not given */
	pthread_mutex_t guard_mu; /* guards the lazy loading of model and guards */
	struct text_model *model; /* the one UniDic model, loaded on first use */
	struct pii_guard_slot *guards; /* the guard in force, shared by qa and ws */
	pthread_mutex_t qa_mu; /* guards the lazy creation of qa */
	struct qa *qa;         /* 問い合わせAI, loaded on first use */
	pthread_mutex_t ws_mu; /* guards the lazy creation of ws */
	struct ws *ws;         /* 生成AIワークスペース, created on first use */
	struct wb_rate *wb_rate; /* opinion-box posting counter (wellbeing, in memory only) */
	struct http_ratelimit *public_rate; /* citizens' questions, per client address */
	_Atomic int64_t retention_at;       /* last daily purge (Unix seconds) */
};

#define API_PUBLIC_RATE_PER_MIN 20 /* citizens' questions per address and minute */
#define API_PUBLIC_RATE_BURST 10

/* One API call in flight: everything a handler needs. */
struct api_call {
	struct api *api;
	struct store *db;
	struct http_request *req;
	struct http_response *resp;
	int has_session;
	struct auth_session session;
	struct audit_actor actor;
	json_t *body;                 /* parsed JSON body or NULL */
	int64_t id;                   /* the {id} path parameter */
	const char *token;            /* session cookie value, arena string */
	struct yk_errinfo ei;
	json_t *error_extra;          /* merged into the error object */
	const char *client_addr;      /* api__client_addr's answer, once asked */
	int64_t retry_after;          /* seconds for Retry-After with YK_ERATE; 0: 60 */
};

/* Sets a 2xx JSON reply; takes ownership of obj. */
void api__reply(struct api_call *c, int status, json_t *obj);

/* Body field readers: they enforce the JSON type, length and UTF-8, and set
 * c->ei (with field) on error. required=0 leaves *out NULL when absent. */
int api__str(struct api_call *c, const char *field, int required, size_t max_len,
	     const char **out) YK_WUR;
/* Refuses any body field not in the NULL-terminated list. */
int api__only_fields(struct api_call *c, const char *const *allowed) YK_WUR;
/* Integer query parameter with bounds; def when absent. */
int api__query_int(struct api_call *c, const char *name, int64_t min, int64_t max, int64_t def,
		   int64_t *out) YK_WUR;

/* Integer body field within [min, max] (a JSON integer, never cast:
 * 4294967297 is not 1). required=0 leaves *out unchanged when absent. */
int api__int(struct api_call *c, const char *field, int required, int64_t min, int64_t max,
	     int64_t *out) YK_WUR;

/* The client's address: the peer, or, when the peer is the reverse proxy
 * of the setting trusted_proxy_addr, the last X-Forwarded-For entry (the
 * one that proxy appended; anything before it is the client's say-so).
 * Borrowed for the request. */
const char *api__client_addr(struct api_call *c);
/* The citizens' rate limit (per api__client_addr): 0 or YK_ERATE. */
int api__public_rate(struct api_call *c) YK_WUR;

json_t *api__user_json(const struct auth_user *u);
/* An import that stored nothing because of problems: c->error_extra gets
 * {"file", "error_count", "details": [{"line", "column", "message",
 * "text"}]} where text is the one display form "FILE:LINE: message"
 * (ingest_problem_format), and c->ei the summary line. Returns err. */
int api__import_problems(struct api_call *c, int err, const char *file,
			 const struct ingest_problems *p);
json_t *api__iso_time(int64_t t);
/* Sets the session cookie (token) or clears it (token NULL). */
void api__set_cookie(struct api_call *c, const char *token, int64_t max_age);

/* The shared 問い合わせAI state, loading the MeCab dictionary on first use
 * (YK_EIO with a message for the admin when it cannot). */
int api__qa(struct api_call *c, struct qa **out) YK_WUR;
/* The guard slot every caller that masks text uses (qa's question log and
 * feedback comments, ws), loading the UniDic model on first use; YK_EMORPH
 * with a message for the admin when it cannot (the log says every place
 * the dictionary was looked for). */
int api__guards(struct api_call *c, struct pii_guard_slot **out) YK_WUR;

/* The shared units for survey free text: the api's one model (borrowed)
 * and the guard in force from api__guards' slot (one reference, dropped by
 * api__survey_text_done). Both NULL with 0 when the dictionary cannot be
 * loaded (free text is then counted, not shown). */
int api__survey_text(struct api_call *c, struct survey_text *tx) YK_WUR;
void api__survey_text_done(struct survey_text *tx);
/* The roster entry of the caller (YK_EFORBIDDEN with a message when the
 * login matches no 職員番号 or e-mail of the roster). */
int api__my_staff(struct api_call *c, int64_t *staff_id) YK_WUR;

/* A survey definition for answering: {"id","title","anonymous","closed",
 * "questions":[{"id","kind","scale","text","required","options":[...]}]}
 * (scale options are the labels 5 → 1). */
struct survey;
struct survey_answer;
json_t *api__survey_json(const struct survey *s);
/* Reads body "answers": [{"question_id", "value" | "choices" | "text"}]
 * against s into an arena array (*n entries). YK_EINVAL with the field. */
int api__survey_answers(struct api_call *c, const struct survey *s,
			struct survey_answer **answers, size_t *n) YK_WUR;

#define API_HANDLER(name) int api_h_##name(struct api_call *c)
#define ROUTE(method, path, roles, handler, flags, limit, summary) API_HANDLER(handler);
#include "routes.def"
#undef ROUTE

#endif
