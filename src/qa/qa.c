/* qa: lifecycle, tokenizers (from text/'s pool) and the public rate limit.
 * The index is in qa_index.c, asking in qa_ask.c, the log in qa_log.c. */
#include <pthread.h>
#include <string.h>

#include "pii/pii.h"
#include "qa/qa_int.h"
#include "search/search.h"
#include "text/text.h"
#include "core/banned.h"

int qa_new(const char *dicdir, struct pii_guard_slot *guards, struct qa **out,
	   struct yk_errinfo *ei)
{
	struct qa *qa = yk_xcalloc(1, sizeof(*qa));
	int rc = text_model_new(dicdir, &qa->model, ei);
	if (rc) {
		free(qa);
		return rc;
	}
	qa->guards = guards;
	if (!guards) {
		qa->guards = pii_guard_slot_new(qa->model);
		qa->own_guards = 1;
	}
	pthread_mutex_init(&qa->res_mu, NULL);
	pthread_mutex_init(&qa->build_mu, NULL);
	pthread_mutex_init(&qa->rate_mu, NULL);
	pthread_mutex_init(&qa->log_mu, NULL);
	pthread_mutex_init(&qa->writer_ctl_mu, NULL);
	pthread_mutex_init(&qa->id_mu, NULL);
	pthread_cond_init(&qa->log_wake, NULL);
	pthread_cond_init(&qa->log_room, NULL);
	pthread_cond_init(&qa->log_done, NULL);
	atomic_init(&qa->snap, NULL);
	atomic_init(&qa->epoch, 0);
	atomic_init(&qa->active[0], 0);
	atomic_init(&qa->active[1], 0);
	atomic_init(&qa->applied_seq, -1);
	atomic_init(&qa->db_key, 0);
	atomic_init(&qa->rebuilds, 0);
	atomic_init(&qa->deltas, 0);
	*out = qa;
	return 0;
}

void qa_free(struct qa *qa)
{
	if (!qa)
		return;
	qa__log_stop(qa); /* writes every queued question first */
	for (size_t i = 0; i < qa->nqueue; i++)
		free(qa->queue[i].question);
	free(qa->queue);
	free(qa->id_path);
	qa__index_free(qa);
	if (qa->own_guards)
		pii_guard_slot_free(qa->guards);
	for (size_t i = 0; i < qa->res_n; i++) {
		search_results_release(qa->res_free[i]);
		free(qa->res_free[i]);
	}
	free(qa->res_free);
	text_model_free(qa->model);
	pthread_mutex_destroy(&qa->res_mu);
	pthread_mutex_destroy(&qa->build_mu);
	pthread_mutex_destroy(&qa->rate_mu);
	pthread_mutex_destroy(&qa->log_mu);
	pthread_mutex_destroy(&qa->writer_ctl_mu);
	pthread_mutex_destroy(&qa->id_mu);
	pthread_cond_destroy(&qa->log_wake);
	pthread_cond_destroy(&qa->log_room);
	pthread_cond_destroy(&qa->log_done);
	free(qa);
}

int qa__tk_get(struct qa *qa, struct text_tokenizer **tk, struct yk_errinfo *ei)
{
	return text_tokenizer_take(qa->model, tk, ei);
}

void qa__tk_put(struct qa *qa, struct text_tokenizer *tk)
{
	(void)qa;
	text_tokenizer_give(tk);
}

struct search_results *qa__res_get(struct qa *qa)
{
	pthread_mutex_lock(&qa->res_mu);
	struct search_results *r = qa->res_n ? qa->res_free[--qa->res_n] : NULL;
	pthread_mutex_unlock(&qa->res_mu);
	return r ? r : yk_xcalloc(1, sizeof(*r));
}

void qa__res_put(struct qa *qa, struct search_results *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&qa->res_mu);
	if (qa->res_n == qa->res_cap) {
		qa->res_cap = qa->res_cap ? qa->res_cap * 2 : 8;
		qa->res_free = yk_xrealloc(qa->res_free, qa->res_cap * sizeof(*qa->res_free));
	}
	qa->res_free[qa->res_n++] = r;
	pthread_mutex_unlock(&qa->res_mu);
}

/* ---- public rate limit -------------------------------------------------- */

int qa_public_rate_check(struct qa *qa, const char *addr)
{
	uint64_t h = 1469598103934665603u;
	for (const char *p = addr ? addr : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	int64_t now = yk_now_ms();
	const double rate = QA_PUBLIC_RATE_PER_MIN / 60000.0; /* tokens per ms */
	pthread_mutex_lock(&qa->rate_mu);
	struct qa_bucket *b = &qa->buckets[h % QA_RATE_BUCKETS];
	if (b->key != h) { /* a new address takes the slot (collisions share) */
		b->key = h;
		b->tokens = QA_PUBLIC_RATE_BURST;
		b->at_ms = now;
	}
	b->tokens += (double)(now - b->at_ms) * rate;
	if (b->tokens > QA_PUBLIC_RATE_BURST)
		b->tokens = QA_PUBLIC_RATE_BURST;
	b->at_ms = now;
	int ok = b->tokens >= 1.0;
	if (ok)
		b->tokens -= 1.0;
	pthread_mutex_unlock(&qa->rate_mu);
	return ok ? 0 : YK_ERATE;
}
