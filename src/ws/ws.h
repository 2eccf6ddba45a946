/* ws: 生成AIワークスペース — chat with the configured model through the
 * personal-information guard, prompt templates, conversations stored with
 * personal information masked, and grounded answers (numbered sources from
 * the knowledge base, citations checked).
 *
 * Feature module above pii (guard), llm (model client), qa (retrieval), kb
 * (source text) and auth (audit). Owns the tables of migration 0007_ws.sql:
 * ws_templates, ws_conversations, ws_messages, ws_state. Knows nothing of
 * HTTP: the api layer streams the events this module produces, the CLI
 * prints them.
 *
 * A turn (one question and its answer) runs in two steps so that the caller
 * can refuse early with a plain error: ws_chat_prepare()/ws_generate_prepare()
 * validate, render the template, run the guard and store the user's message
 * (masked); ws_turn_run() then talks to the model, streams the restored
 * reply and stores the answer (masked). docs/ws.md has the flow.
 *
 * Results are jansson objects (the API prints them as they are).
 *
 * Thread safety: one struct ws is shared by all threads (its detector
 * snapshot and its table of per-conversation placeholder mappings are
 * locked inside). A struct ws_turn belongs to one thread at a time; it may
 * be prepared on one thread and run on another. Every function takes the
 * calling thread's own store connection.
 */
#ifndef YK_WS_H
#define YK_WS_H

#include <jansson.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "store/store.h"

struct qa;
struct llm_config;

/* ---- limits -------------------------------------------------------------- */

#define WS_TEXT_MAX (32 * 1024)            /* bytes of one message from staff */
#define WS_TEMPLATE_NAME_MAX 200           /* bytes */
#define WS_TEMPLATE_CATEGORY_MAX 100
#define WS_TEMPLATE_DESCRIPTION_MAX 1000
#define WS_TEMPLATE_BODY_MAX (16 * 1024)
#define WS_TEMPLATE_VARS_MAX 20            /* variables of one template */
#define WS_VAR_NAME_MAX 32                 /* [a-z0-9_], starting with a letter */
#define WS_VAR_LABEL_MAX 200
#define WS_VAR_VALUE_MAX (16 * 1024)       /* bytes of one filled-in value */
#define WS_PERSONAL_TEMPLATES_MAX 200      /* personal templates per member of staff */
#define WS_HISTORY_MESSAGES_MAX 20         /* earlier messages sent with a turn */
#define WS_HISTORY_BYTES_MAX (64 * 1024)   /* and their bytes */
#define WS_CONVERSATION_MESSAGES_MAX 500   /* messages in one conversation */
#define WS_LIST_MAX 200                    /* conversations listed */
#define WS_TITLE_CHARS 40                  /* code points of a conversation title */
#define WS_MAPPINGS_MAX 256                /* conversations whose mapping is kept */
#define WS_MAPPING_IDLE_SECONDS 3600       /* a mapping unused this long is wiped */
#define WS_SOURCES_MAX 5                   /* sources sent with a grounded question */
#define WS_SOURCE_CHARS 1500               /* code points of one source's text */
#define WS_CITATIONS_MAX 32                /* distinct [n] kept from an answer */
#define WS_ALLOW_LIST_MAX 1024             /* bytes of the pii_allow_list setting */

/* The answer when no source is good enough (no model call). */
#define WS_UNKNOWN_ANSWER \
	"分かりません。ナレッジに該当する情報が見つかりませんでした。担当課にご確認ください。"
/* The label every generated text carries. */
#define WS_AI_LABEL "AI生成"

/* Who acts: from the session (api) or the CLI (user_id 0). Strings borrowed. */
struct ws_user {
	int64_t user_id;
	int64_t department_id;
	unsigned roles;      /* enum auth_role bits */
	const char *login;
	const char *ip;      /* NULL for the CLI */
};

/* ---- context --------------------------------------------------------------- */

struct ws;

struct pii_guard_slot;

/* guards: the process's guard slot (pii/), borrowed, must outlive ws; every
 * text ws masks (questions, template fills, replies, the preview) goes
 * through the guard in force there. NULL: ws makes a slot of its own whose
 * guards find UniDic by the dictionary search (CLI and tests). */
int ws_new(struct pii_guard_slot *guards, struct ws **out, struct yk_errinfo *ei) YK_WUR;
void ws_free(struct ws *ws); /* NULL is a no-op; wipes the mappings it holds */

/* {"configured": bool, "model": "...", "pii_policy": "mask",
 *  "retention_days": n, "message": "..."} — message is the Japanese sentence
 * for the UI when no model is configured. */
int ws_status(struct store *db, json_t **out, struct yk_errinfo *ei) YK_WUR;

/* ---- templates ------------------------------------------------------------- */

/* Checks a template definition: variables is a JSON array of
 * {"name","label","multiline","required"} (at most WS_TEMPLATE_VARS_MAX,
 * names unique [a-z][a-z0-9_]*), and every {{name}} in body is declared.
 * Pure. YK_EINVAL with a Japanese message naming the problem (ei->field
 * "body" or "variables"). */
int ws_template_check(const char *body, size_t len, const json_t *variables,
		      struct yk_errinfo *ei) YK_WUR;

/* Fills in body's {{name}} placeholders from values (a JSON object of
 * strings) and appends the text to out. Pure. Errors (YK_EINVAL, message
 * naming every offending variable, ei->field "vars"): a required variable
 * missing or blank; a value for a variable the template does not declare;
 * a value that is not a string or longer than WS_VAR_VALUE_MAX; a
 * placeholder not declared. Optional variables left out become "".
 * YK_ELIMIT from out. */
int ws_template_render(const char *body, size_t len, const json_t *variables,
		       const json_t *values, struct yk_buf *out, struct yk_errinfo *ei) YK_WUR;

/* Fills ws_templates from data/seed/templates.json the first time the table
 * is read (a flag in ws_state: deleting them all later does not bring them
 * back). Returns 0 also when already seeded. */
int ws_templates_seed(struct store *db, struct yk_errinfo *ei) YK_WUR;

/* {"templates": [template...]}: the shared ones and who's own, by category
 * then name. A template: {"id","name","category","description","body",
 * "variables","shared","usage_count","updated_at"}. Seeds first. */
int ws_templates_list(struct store *db, const struct ws_user *who, json_t **out,
		      struct yk_errinfo *ei) YK_WUR;
/* One template who may use (shared, or own). YK_ENOTFOUND otherwise. */
int ws_template_get(struct store *db, const struct ws_user *who, int64_t id, json_t **out,
		    struct yk_errinfo *ei) YK_WUR;
/* Creates (id 0) or replaces template id from spec {"name", "category",
 * "description", "body", "variables", "shared"}. Shared templates need the
 * editor or admin role (YK_EFORBIDDEN); personal ones belong to who (a
 * personal template of someone else is YK_ENOTFOUND); "shared" cannot
 * change on update. Validation as ws_template_check plus lengths
 * (YK_EINVAL, ei->field). Audit "ws.template.create" / "ws.template.update"
 * for shared templates. *id_out gets the id. */
int ws_template_save(struct store *db, const struct ws_user *who, int64_t id, const json_t *spec,
		     int64_t *id_out, struct yk_errinfo *ei) YK_WUR;
/* Same permissions. Audit "ws.template.delete" for shared templates. */
int ws_template_delete(struct store *db, const struct ws_user *who, int64_t id,
		       struct yk_errinfo *ei) YK_WUR;

/* ---- the guard ------------------------------------------------------------- */

/* Scans text for the UI's highlight before sending:
 * {"spans": [{"type","label","start","end"}] (code points, half-open),
 *  "masked": "...", "counts": {"PERSON": 1, ...}, "total": n,
 *  "policy": "mask"|"block"|"warn"}. Records nothing. Errors: YK_EINVAL
 * (empty, over WS_TEXT_MAX), YK_EUTF8, YK_EMORPH. */
int ws_guard(struct ws *ws, struct store *db, const char *text, size_t len, json_t **out,
	     struct yk_errinfo *ei) YK_WUR;

/* ---- turns ----------------------------------------------------------------- */

struct ws_turn;

struct ws_chat_input {
	int64_t conversation_id;  /* 0: a new conversation */
	const char *text;         /* may be NULL/"" with a template */
	int64_t template_id;      /* 0: none */
	const json_t *vars;       /* values for the template (object), borrowed */
	int store;                /* 0: keep nothing (the CLI; also when who has no user id) */
	/* Optional, for the CLI (all borrowed until ws_turn_free): */
	const char *system;       /* NULL: the workspace's own system prompt */
	const char *feature;      /* NULL: "chat" or "template" (usage accounting) */
	int no_stream;            /* 1: ask the model for one whole reply */
};

/* Prepares a chat turn: purges expired conversations, renders the template
 * (text, if any, is appended after it), runs the guard with the pii_policy
 * setting and stores the user's message masked in the conversation (new or
 * who's own: YK_ENOTFOUND otherwise). Policies:
 *   mask  (default) the model gets placeholders (〔氏名1〕); the reply is
 *         restored for the user;
 *   block YK_EPII_BLOCKED when anything is found; ei->message names the
 *         types (and ws_turn is not created);
 *   warn  the text goes as typed; the counts are recorded.
 * Every policy stores masked text and writes the audit entry "ws.pii"
 * (counts per type only, never values) when something was found.
 * Errors: YK_EINVAL (empty, too long; template errors), YK_EUTF8,
 * YK_ENOTFOUND, YK_EPII_BLOCKED, YK_EMORPH, YK_EBUSY (a turn of the same
 * conversation is running), store errors. *out owned (ws_turn_free).
 * blocked (optional): on YK_EPII_BLOCKED, a new object {"types": ["PHONE",
 * ...], "counts": {"PHONE": 1, ...}} for the error body; NULL otherwise. */
int ws_chat_prepare(struct ws *ws, struct store *db, const struct ws_user *who,
		    const struct ws_chat_input *in, struct ws_turn **out, json_t **blocked,
		    struct yk_errinfo *ei) YK_WUR;

/* Prepares a grounded answer: the question is guarded as above, the masked
 * question retrieves from the knowledge base with qa (only what qa would
 * answer or offer as close; at most WS_SOURCES_MAX sources), and the model
 * gets the numbered sources ([1] title + text) with a system prompt that
 * requires citations [n]. With no good source the turn answers
 * WS_UNKNOWN_ANSWER without calling the model. Stored as a conversation of
 * kind "generate" when in->store. */
int ws_generate_prepare(struct ws *ws, struct qa *qa, struct store *db, const struct ws_user *who,
			const char *question, size_t len, int store, struct ws_turn **out,
			json_t **blocked, struct yk_errinfo *ei) YK_WUR;

/* The "meta" event: {"conversation_id", "masked", "pii": {"policy",
 * "counts", "total"}, "sources": [{"n","id","title","url"}] (generate only)}.
 * New reference (caller owns). */
json_t *ws_turn_meta(const struct ws_turn *t);
/* 1 when the turn needs no model (the grounded "分かりません"). */
int ws_turn_needs_model(const struct ws_turn *t);

/* Receives restored reply text (valid UTF-8, len > 0); non-zero cancels. */
typedef int (*ws_delta_fn)(void *ctx, const char *text, size_t len);

/* Runs the turn on db (the calling thread's connection): sends the masked
 * messages (history of the conversation included) to the model, passes the
 * reply restored in pieces to on_delta (a placeholder split across pieces
 * is held back until complete), stores the reply masked, records
 * llm_usage and usage_events (feature "chat", "template" or
 * "ask_generate") and returns the "done" object:
 *   {"usage": {"prompt_tokens","completion_tokens"}|null, "citations": [n...],
 *    "verified": bool, "label": "AI生成", "finish_reason": "..."}
 * ("citations"/"verified" also for chat: a chat answer has no sources, so it
 * is never verified). db may be NULL for a turn that stores nothing (no
 * usage rows then). cfg NULL only for a turn that needs no model. cancel
 * (optional) aborts the model request from any thread. Errors as llm_chat()
 * (ei->message is a Japanese sentence for staff). */
int ws_turn_run(struct ws *ws, struct store *db, struct ws_turn *t, const struct llm_config *cfg,
		atomic_int *cancel, ws_delta_fn on_delta, void *ctx, json_t **done,
		struct yk_errinfo *ei) YK_WUR;
void ws_turn_free(struct ws *ws, struct ws_turn *t); /* NULL is a no-op */

/* ---- conversations --------------------------------------------------------- */

/* {"conversations": [{"id","kind","title","created_at","updated_at",
 *  "message_count"}]}: who's own, newest first, at most WS_LIST_MAX. */
int ws_conversations_list(struct store *db, const struct ws_user *who, json_t **out,
			  struct yk_errinfo *ei) YK_WUR;
/* {"id","kind","title",...,"messages": [{"id","role","content","pii_counts",
 *  "meta","at"}]} with content as stored (masked). Owner only
 * (YK_ENOTFOUND for anyone else, admins included). */
int ws_conversation_get(struct store *db, const struct ws_user *who, int64_t id, json_t **out,
			struct yk_errinfo *ei) YK_WUR;
/* Owner only. Also forgets the conversation's placeholder mapping. */
int ws_conversation_delete(struct ws *ws, struct store *db, const struct ws_user *who, int64_t id,
			   struct yk_errinfo *ei) YK_WUR;
/* Deletes conversations not used for ws_retention_days days (nothing when
 * the setting is 0) as of now (Unix seconds). *deleted (optional) gets the
 * count. Audit "ws.purge" when anything was deleted. */
int ws_purge(struct store *db, int64_t now, int64_t *deleted, struct yk_errinfo *ei) YK_WUR;

/* Opens the database at path, runs ws_purge and logs the count; errors are
 * logged, not returned (for the server's start: a purge that fails must not
 * keep the service down). */
void ws_purge_at_start(const char *path);

/* ---- citations (pure) -------------------------------------------------------- */

struct ws_citations {
	unsigned cited[WS_CITATIONS_MAX]; /* distinct valid numbers, first use order */
	size_t n;
	size_t invalid;                   /* [n] referring to no source sent */
	int verified;                     /* n > 0 and invalid == 0 */
};

/* Finds [n] (ASCII or full-width brackets and digits, also 【n】) in
 * answer[0..len) and checks each against nsources (valid: 1..nsources).
 * "[1][2]" and "[1, 2]" both cite 1 and 2. */
void ws_citations_check(const char *answer, size_t len, size_t nsources,
			struct ws_citations *out);

#endif
