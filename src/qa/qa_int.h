/* qa internals shared by the files of src/qa. Not part of the contract.
 * Every qa file includes this header and no other qa file's, so the files
 * form no circle: qa.c (lifecycle) <- qa_index.c, qa_log.c <- qa_ask.c. */
#ifndef YK_QA_INT_H
#define YK_QA_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "qa/qa.h"

struct text_model;
struct text_tokenizer;
struct search_snapshot;
struct search_results;
struct pii_guard_slot;

#define QA_LOG_ID_BLOCK 4096 /* question ids reserved at once */

/* One queued question-log row (and its usage event). */
struct qa__log_row {
	int64_t id, at, user_id, department_id, top_entry, latency_us;
	enum qa_channel channel;
	enum qa_decision decision;
	float top;
	char token[33];
	char *question; /* masked; owned */
	int64_t shown[QA_SOURCES_MAX]; /* entries shown, in order (migration 0019) */
	size_t n_shown;
};

/* One entry as a question shows it, made when the entry entered the
 * index (full build or delta) and immutable from then on; shared by the
 * snapshots that hold it (refs). The strings live in mem. */
struct qa__entry {
	atomic_uint refs;
	int64_t id;
	bool faq, is_public;
	const char *title, *text, *heading_path, *locator, *url, *category;
	const char *source_name, *external_id;
	struct qa_json_text json; /* members NULL without an encoder */
	struct qa_json_text json_public; /* the same with "" for source_name and
					  * external_id (the public channel's) */
	/* Morpheme boundaries of text for snippet cuts (qa_ask.c), made by the
	 * first question that shows the entry and published once (CAS), filled
	 * a sentence at a time as questions need them; freed with the entry.
	 * NULL until then. */
	_Atomic(struct qa__cuts *) cuts;
	char mem[];
};

/* Where text's morphemes (each with the space before it) start and end,
 * one bit per byte of text: bit i of starts / ends; done marks the bytes
 * of the sentences analysed so far. Written only with atomic ORs. */
struct qa__cuts {
	size_t len;
	uint8_t *starts, *ends, *done;
};
void qa__cuts_free(struct qa__cuts *c); /* NULL is a no-op */

/* The index in use: the search snapshot and the shown entries by id (open
 * addressing, linear probing; id 0 = empty slot), replaced together. */
struct qa__snap {
	atomic_uint refs;
	struct search_snapshot *search;
	struct qa__slot {
		int64_t id;
		struct qa__entry *e;
	} *slots;
	size_t cap, n; /* cap a power of two, n * 2 <= cap */
};

struct qa__snap *qa__snap_ref(struct qa__snap *s);
void qa__snap_unref(struct qa__snap *s); /* NULL is a no-op */
/* The shown entry id in s, or NULL (deleted, hidden, never indexed). */
const struct qa__entry *qa__snap_entry(const struct qa__snap *s, int64_t id);

struct qa {
	struct text_model *model;
	pthread_mutex_t res_mu; /* guards the result-buffer pool */
	struct search_results **res_free;
	size_t res_n, res_cap;

	/* The index (qa_index.c). snap is replaced under build_mu only;
	 * readers pin it through the two epoch counters (qa__snap_get). */
	_Atomic(struct qa__snap *) snap;
	qa_json_encoder json_enc;        /* set before the first build */
	atomic_uint_fast64_t epoch;
	atomic_uint active[2];
	atomic_int_fast64_t applied_seq; /* newest change the snapshot holds */
	pthread_mutex_t build_mu;
	char *db_path;                   /* the database the snapshot is from */
	atomic_uint_fast64_t db_key;     /* hash of db_path, for the fast path */
	atomic_uint_fast64_t rebuilds, deltas;
	/* The semantic model learned again off the request path (qa_index.c):
	 * one learner thread at a time, started under build_mu after a merge
	 * left the model stale, joined by the next start or qa__index_free. */
	pthread_t learner;
	int learner_started;           /* under build_mu: learner to join */
	atomic_int learner_stop;       /* qa is going away: do not start again */
	atomic_int learner_busy;       /* the learner has not finished */
	atomic_uint_fast64_t relearns; /* models learned again and published */

	/* The question log (qa_log.c). */
	pthread_mutex_t log_mu;
	pthread_cond_t log_wake, log_room, log_done;
	struct qa__log_row *queue;
	size_t nqueue, capqueue;
	uint64_t queued_total, written_total; /* rows ever queued / written */
	int writer_running, writer_stop, flush_req;
	pthread_mutex_t writer_ctl_mu;   /* serialises starting and stopping */
	pthread_t writer;
	char *log_path;                  /* the database the writer writes to */
	pthread_mutex_t id_mu;
	int64_t id_next, id_end;         /* reserved question ids [next, end) */
	char *id_path;
	/* The next block, reserved ahead by the writer inside one of its group
	 * commits when half of the current block is used (id_ahead_wanted), so
	 * that no question waits for a synced reservation of its own. Empty
	 * when id_next2 == id_end2; valid only for id_path. */
	int64_t id_next2, id_end2;
	int id_ahead_wanted;

	/* Masking for the log and feedback comments (qa__mask_for_log). */
	struct pii_guard_slot *guards;
	int own_guards; /* the slot is qa's own (qa_new got NULL) */

};

int qa__tk_get(struct qa *qa, struct text_tokenizer **tk, struct yk_errinfo *ei);
void qa__tk_put(struct qa *qa, struct text_tokenizer *tk);
/* A reusable search result buffer (its scratch arrays stay allocated
 * between questions: no calloc of per-document arrays per question). */
struct search_results *qa__res_get(struct qa *qa);
void qa__res_put(struct qa *qa, struct search_results *r);

/* qa_index.c. Brings the snapshot up to date with db and returns it
 * pinned (release with qa__snap_unref). The one read it makes per
 * question also reads the settings generation, handed to
 * store_settings_seen (so settings read after it are current) and to
 * *settings_gen when not NULL (0 when it was read inside a transaction:
 * a value that a rollback may take back is not for caching). */
int qa__index_current(struct qa *qa, struct store *db, struct text_tokenizer *tk,
		      int64_t *settings_gen,
		      struct qa__snap **out, struct yk_errinfo *ei);
void qa__index_free(struct qa *qa);
/* Fills qa_synonyms from the seed file when it has never been filled. */
int qa__synonyms_seed(struct store *db, struct yk_errinfo *ei);
/* The synonym table as TSV (one group per line) for the index. */
int qa__synonyms_tsv(struct store *db, struct yk_buf *out, struct yk_errinfo *ei);

/* qa_log.c. Takes a fresh question id (reserved in blocks in qa_state). */
int qa__log_id(struct qa *qa, struct store *db, int64_t *id, struct yk_errinfo *ei);
/* Queues row (takes over row->question) for db's writer. */
int qa__log_queue(struct qa *qa, struct store *db, struct qa__log_row *row,
		  struct yk_errinfo *ei);
void qa__log_stop(struct qa *qa);

/* qa_ask.c. The one place the question log's text is masked (to become
 * the shared guard object). */
void qa__mask_for_log(struct qa *qa, struct store *db, const char *q, size_t len,
		      const char *notice, struct yk_buf *out);

/* The questions the 未回答 list shows (qa_unanswered) and a retention purge
 * keeps: not resolved, not dismissed, and either not answered, voted 👎,
 * or answered only with もしかして and not voted on. Over qa_questions q
 * LEFT JOIN qa_feedback f. */
#define QA_OPEN_QUESTION_SQL                                                               \
	"q.resolved_entry_id IS NULL AND q.dismissed = 0 AND (q.decision = 'unknown'"      \
	" OR f.vote = -1 OR (q.decision = 'clarify' AND f.vote IS NULL))"

#endif
