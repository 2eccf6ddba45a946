/* api: the JSON API under /api/v1/. One route table (routes.def) says
 * which roles may call each route; this layer matches the route, resolves
 * the caller's session (cookie or trusted SSO header), checks role, CSRF
 * token and forced password change, parses the JSON body within limits,
 * calls one thin handler, and maps yk_err to an HTTP status and the error
 * body {"error":{"code":"...","message":"..."}}.
 *
 * Sits above the feature modules (auth, ...) and below server/. Handlers
 * never hold state between requests; each runs on an HTTP worker thread
 * with that thread's own database connection from the store pool.
 */
#ifndef YK_API_H
#define YK_API_H

#include <jansson.h>
#include <stddef.h>

#include "core/core.h"
#include "http/http.h"
#include "store/store.h"

#define API_BODY_MAX (1u << 20)            /* default JSON body limit */
#define API_JSON_DEPTH_MAX 32              /* nesting of arrays/objects */
#define API_JSON_STRING_MAX (64 * 1024)    /* bytes of one JSON string */
#define API_SESSION_COOKIE "yakuba_session"
#define API_CSRF_HEADER "X-CSRF-Token"
#define API_LIST_LIMIT_MAX 500

/* Flags of routes.def */
#define ROUTE_F_NO_CSRF (1u << 0)
#define ROUTE_F_PWCHANGE (1u << 1)
#define ROUTE_F_RAW_BODY (1u << 2)

/* Route description for introspection (`yakuba routes`, tests, docs). */
struct api_route_info {
	const char *method;
	const char *path;
	unsigned roles;      /* enum auth_role bits; 0 when public */
	int is_public;
	unsigned flags;
	size_t body_limit;
	const char *summary;
};

/* The table of routes.def; *n gets its length. Static. */
const struct api_route_info *api_routes(size_t *n);

struct api;

/* Application state over a database path (opens the per-thread pool and
 * checks/migrates the schema). dicdir is the --dicdir flag for UniDic (NULL:
 * not given; see text_model_new()), copied. Owned by the caller; api_free()
 * after the HTTP server has stopped. */
int api_new(const char *db_path, const char *dicdir, struct api **out,
	    struct yk_errinfo *ei) YK_WUR;
void api_free(struct api *api);

/* The JSON of an answer as POST /api/v1/ask returns it (docs/API.md), also
 * printed by `yakuba ask --json`. New reference. */
struct qa_answer;
json_t *api_qa_answer_json(const struct qa_answer *a);
/* The same JSON text appended to b (which must have no limit): what the
 * ask routes send, without building a jansson tree. */
struct yk_buf;
void api_qa_answer_write(const struct qa_answer *a, struct yk_buf *b);

/* The struct http_app callbacks; ctx is the struct api. */
void api_handle(void *ctx, struct http_request *req, struct http_response *resp);
size_t api_body_limit(void *ctx, const char *method, const char *path);
/* Who may frame a web asset: for /public.html (the citizens' page that
 * widget.js embeds) 'self' plus the valid origins of the setting
 * public_frame_ancestors; NULL (nobody) for every other page. */
const char *api_frame_ancestors(void *ctx, const struct http_request *req);
/* The addresses of trusted reverse proxies, space-separated, into out:
 * trusted_proxy_addr, and sso_proxy_addr while sso_enabled. "" when none.
 * The http layer exempts them from the per-address connection limit. */
void api_trusted_proxies(struct api *api, char *out, size_t outsz);
/* Keeps from list (space-separated) the entries shaped like an origin,
 * http(s)://host[:port] with host of letters, digits, '.', '-', joined by
 * single spaces into out. Pure; exposed for tests. */
void api_origins_filter(const char *list, char *out, size_t outsz);

/* Timer work (the server calls it every few minutes): expired sessions and
 * old login failures are deleted. Thread-safe. */
void api_housekeeping(struct api *api);

/* Pure pre-check of JSON text before it reaches the parser: nesting depth
 * and string lengths within API_JSON_DEPTH_MAX / API_JSON_STRING_MAX.
 * Returns 0 or YK_ELIMIT (ei says which limit). Does not validate JSON. */
int api_json_check_limits(const char *s, size_t len, struct yk_errinfo *ei) YK_WUR;

/* 活用状況: the adoption report as the JSON text that
 * GET /api/v1/reports/adoption returns, for `yakuba report adoption --json`
 * (one renderer for both edges). Owned by the caller (free()). */
struct usage_adoption_report;
char *api_adoption_json(const struct usage_adoption_report *r, int pretty);
/* Fills in what the report needs from other features' tables: the 👍 rate
 * and the unanswered questions turned into FAQ entries (qa_outcome_count)
 * and the names of shared prompt templates (ws). Call it before
 * api_adoption_json / usage_adoption_csv; without it those figures are
 * absent. Returns 0 or a yk_err from the store. */
struct store;
int api_adoption_extras(struct store *db, struct usage_adoption_report *r) YK_WUR;

/* HTTP status for a yk_err (400, 401, 403, 404, 409, 413, 429, 500...). */
int api_status_for(int err);

/* 人材育成: the JSON of typed survey and training results, shared by the
 * API and the CLI's --json (`yakuba report training|certifications`).
 * New references, owned by the caller. */
struct json_t;
struct survey_results;
struct training_report;
struct training_cert_report;
struct json_t *api_survey_results_json(const struct survey_results *r);
struct json_t *api_training_report_json(const struct training_report *r);
struct json_t *api_cert_report_json(const struct training_cert_report *r);
/* メンタルヘルス: one unit of the group analysis as the employer may see it
 * (a suppressed unit: department, n, suppressed only). full adds what the
 * page needs (ids, depth, targets, override, by sex, last year); without
 * it, the figures of `yakuba report stress --json`. */
struct wb_unit;
struct json_t *api_stress_unit_json(const struct wb_unit *u, int full);

#endif
