/* api internals shared by the handler files (api_session.c, api_admin.c).
 * Not part of the api contract. */
#ifndef YK_API_INT_H
#define YK_API_INT_H

#include <jansson.h>
#include <pthread.h>

#include "api.h"
#include "auth/auth.h"
#include "kb/kb.h"

struct qa;
struct ws;
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
};

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

#define API_HANDLER(name) int api_h_##name(struct api_call *c)
#define ROUTE(method, path, roles, handler, flags, limit, summary) API_HANDLER(handler);
#include "routes.def"
#undef ROUTE

#endif
