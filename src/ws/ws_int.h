/* ws internals shared by ws_template.c, ws_guard.c, ws_turn.c and
 * ws_conv.c. Not part of the ws contract (see ws.h). */
#ifndef YK_WS_INT_H
#define YK_WS_INT_H

#include <pthread.h>

#include "auth/auth.h"
#include "pii/pii.h"
#include "ws.h"

/* One variable of a template, borrowed from its JSON definition. */
struct ws__var {
	const char *name;
	const char *label;
	int multiline;
	int required;
};

/* Parses and validates a variables array into vars (WS_TEMPLATE_VARS_MAX
 * entries). YK_EINVAL with a message (field "variables"). */
int ws__vars_parse(const json_t *variables, struct ws__var *vars, size_t *n,
		   struct yk_errinfo *ei) YK_WUR;

/* A conversation's placeholder mapping, kept in memory only. */
struct ws__mapping {
	int64_t conversation_id;
	struct pii_mapping *map;
	int64_t used_at; /* yk_now_unix() of the last turn */
	int busy;        /* a turn holds it */
};

struct ws {
	pthread_mutex_t mu;
	struct pii_guard_slot *guards;            /* the guard in force (borrowed or own) */
	int own_guards;
	struct ws__mapping maps[WS_MAPPINGS_MAX]; /* conversation_id 0 = free slot */
};

/* The guard in force for db's settings (one reference: pii_guard_free()).
 * YK_EMORPH with the dictionary search's message when it cannot be built. */
int ws__guard(struct ws *ws, struct store *db, struct pii_guard **out,
	      struct yk_errinfo *ei) YK_WUR;

/* The effective pii_policy setting (an unreadable value means mask). */
enum pii_policy ws__policy(struct store *db);
const char *ws__policy_name(enum pii_policy p);

/* {"PERSON": 1, ...} from counts. */
json_t *ws__counts_json(const struct pii_counts *c);

/* Actor for the audit log from who. */
void ws__actor(const struct ws_user *who, struct audit_actor *a);

/* Mapping table: takes the conversation's mapping (a new one when none is
 * kept, or when conversation_id is 0), marking it busy; YK_EBUSY when a
 * turn of that conversation is running. *slot is -1 for a mapping that is
 * not kept (conversation 0): the caller then owns *map. */
int ws__mapping_take(struct ws *ws, int64_t conversation_id, struct pii_mapping **map,
		     int *slot) YK_WUR;
/* Keeps map (taken for conversation 0) under the new conversation's id;
 * returns its slot (busy), or -1 when none is free (the caller keeps
 * owning map). */
int ws__mapping_keep(struct ws *ws, int64_t conversation_id, struct pii_mapping *map);
/* Ends a turn's hold on the mapping (frees it when slot is -1). */
void ws__mapping_give(struct ws *ws, int slot, struct pii_mapping *map);
void ws__mapping_forget(struct ws *ws, int64_t conversation_id);

/* Storage of conversations (ws_conv.c). */
int ws__conversation_create(struct store *db, const struct ws_user *who, const char *kind,
			    const char *title, size_t title_len, int64_t template_id, int64_t *id,
			    struct yk_errinfo *ei) YK_WUR;
int ws__conversation_check_owner(struct store *db, const struct ws_user *who, int64_t id,
				 struct yk_errinfo *ei) YK_WUR;
int ws__message_add(struct store *db, int64_t conversation_id, const char *role,
		    const char *content, size_t len, const char *pii_counts, const char *meta_json,
		    int64_t *id, struct yk_errinfo *ei) YK_WUR;
/* The last messages of a conversation (oldest first) within the history
 * limits, as {"role","content"} objects, excluding message skip_id. */
int ws__history(struct store *db, int64_t conversation_id, int64_t skip_id, json_t **out,
		struct yk_errinfo *ei) YK_WUR;
int ws__template_used(struct store *db, int64_t id) YK_WUR;

#endif
