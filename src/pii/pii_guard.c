/* pii/guard: the one guard object (detector + allow-list + policy) that every
 * caller masking text shares, its scanner pool, and the slot that holds the
 * guard in force for the current settings and swaps it when they change. */
#include <pthread.h>

#include "pii_int.h"
#include "core/banned.h"

#define GUARD_POOL_MAX 64 /* idle scanners kept */

struct pii_guard {
	pthread_mutex_t mu; /* guards refs and the pool */
	int refs;
	struct pii_detector *det;
	enum pii_policy policy;
	struct pii_scanner **pool;
	size_t npool;
	char *allow_setting; /* the pii_allow_list value it was built from (slots) */
};

int pii_guard_new(const struct pii_guard_config *cfg, struct pii_guard **out,
		  struct yk_errinfo *ei)
{
	*out = NULL;
	struct pii_config dc = {.model = cfg->model,
				.allow = cfg->allow,
				.allow_len = cfg->allow_len,
				.no_person = cfg->no_person};
	struct pii_detector *det = NULL;
	int rc = pii_detector_new(&dc, &det, ei);
	if (rc)
		return rc;
	struct pii_guard *g = yk_xcalloc(1, sizeof(*g));
	pthread_mutex_init(&g->mu, NULL);
	g->refs = 1;
	g->det = det;
	g->policy = cfg->policy;
	*out = g;
	return 0;
}

struct pii_guard *pii_guard_ref(struct pii_guard *g)
{
	pthread_mutex_lock(&g->mu);
	g->refs++;
	pthread_mutex_unlock(&g->mu);
	return g;
}

void pii_guard_free(struct pii_guard *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&g->mu);
	int last = --g->refs == 0;
	pthread_mutex_unlock(&g->mu);
	if (!last)
		return;
	for (size_t i = 0; i < g->npool; i++)
		pii_scanner_free(g->pool[i]);
	free(g->pool);
	pii_detector_free(g->det);
	free(g->allow_setting);
	pthread_mutex_destroy(&g->mu);
	free(g);
}

enum pii_policy pii_guard_policy(const struct pii_guard *g)
{
	return g->policy;
}

void pii_findings_release(struct pii_findings *f)
{
	if (!f)
		return;
	free(f->v);
	memset(f, 0, sizeof(*f));
}

/* ---- the scanner pool --------------------------------------------------------- */

static int scanner_take(struct pii_guard *g, struct pii_scanner **out)
{
	pthread_mutex_lock(&g->mu);
	*out = g->npool ? g->pool[--g->npool] : NULL;
	pthread_mutex_unlock(&g->mu);
	if (*out)
		return 0;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = pii_scanner_new(g->det, out, &ei);
	if (rc)
		yk_log(YK_LOG_ERROR, "pii: cannot create a scanner: %s", ei.message);
	return rc;
}

static void scanner_give(struct pii_guard *g, struct pii_scanner *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&g->mu);
	if (g->npool < GUARD_POOL_MAX) {
		if (!g->pool)
			g->pool = yk_xcalloc(GUARD_POOL_MAX, sizeof(*g->pool));
		g->pool[g->npool++] = s;
		s = NULL;
	}
	pthread_mutex_unlock(&g->mu);
	pii_scanner_free(s);
}

/* ---- masking ------------------------------------------------------------------ */

int pii_guard_scan(struct pii_guard *g, const char *text, size_t len, struct pii_findings *out)
{
	struct pii_scanner *s = NULL;
	const struct pii_span *spans;
	size_t n;
	out->n = 0;
	int rc = scanner_take(g, &s);
	if (rc || (rc = pii_scan(s, text, len, &spans, &n)))
		goto out;
	if (n > out->cap) {
		out->cap = n;
		out->v = yk_xrealloc(out->v, n * sizeof(*out->v));
	}
	if (n)
		memcpy(out->v, spans, n * sizeof(*spans));
	out->n = n;
out:
	scanner_give(g, s);
	return rc;
}

int pii_guard_mask(struct pii_guard *g, struct pii_mapping *m, enum pii_policy policy,
		   const char *text, size_t len, struct yk_buf *out, struct pii_counts *counts)
{
	struct pii_scanner *s = NULL;
	int rc = scanner_take(g, &s);
	if (!rc)
		rc = pii_mask(s, m, policy, text, len, out, counts);
	scanner_give(g, s);
	return rc;
}

int pii_guard_redact(struct pii_guard *g, const char *text, size_t len, struct yk_buf *out,
		     struct pii_counts *counts)
{
	struct pii_mapping *m = pii_mapping_new();
	size_t at = out->len;
	int rc = pii_guard_mask(g, m, PII_POLICY_MASK, text, len, out, counts);
	pii_mapping_free(m);
	if (rc) { /* nothing partial may be stored */
		out->len = at;
		if (out->data)
			out->data[at] = '\0';
	}
	return rc;
}

/* ---- the slot ------------------------------------------------------------------ */

struct pii_guard_slot {
	pthread_mutex_t mu; /* guards cur */
	struct text_model *model;
	struct pii_guard *cur;
};

struct pii_guard_slot *pii_guard_slot_new(struct text_model *model)
{
	struct pii_guard_slot *s = yk_xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->mu, NULL);
	s->model = model ? text_model_ref(model) : NULL;
	return s;
}

void pii_guard_slot_free(struct pii_guard_slot *s)
{
	if (!s)
		return;
	pii_guard_free(s->cur);
	text_model_free(s->model);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

/* The setting is one line for the admin form: values separated by commas
 * (ASCII or 、); the detector wants one per line. */
static int allow_lines(const char *setting, struct yk_buf *out)
{
	for (const char *p = setting; *p; p++) {
		int rc;
		if (*p == ',')
			rc = yk_buf_addc(out, '\n');
		else if (strncmp(p, "、", strlen("、")) == 0)
			rc = yk_buf_addc(out, '\n'), p += strlen("、") - 1;
		else
			rc = yk_buf_addc(out, *p);
		if (rc)
			return rc;
	}
	return 0;
}

int pii_guard_current(struct pii_guard_slot *s, struct store *db, struct pii_guard **out,
		      struct yk_errinfo *ei)
{
	char allow[STORE_SETTING_MAX_VALUE] = "", pol[STORE_SETTING_MAX_VALUE] = "";
	enum pii_policy policy = PII_POLICY_MASK;
	*out = NULL;
	if (store_setting_get(db, "pii_allow_list", allow, sizeof(allow)) != 0)
		allow[0] = '\0';
	if (store_setting_get(db, "pii_policy", pol, sizeof(pol)) != 0 ||
	    pii_policy_parse(pol, &policy) != 0) {
		yk_log(YK_LOG_WARN, "pii: pii_policy is not mask, block or warn; masking");
		policy = PII_POLICY_MASK;
	}
	pthread_mutex_lock(&s->mu);
	if (s->cur && s->cur->policy == policy && strcmp(s->cur->allow_setting, allow) == 0)
		*out = pii_guard_ref(s->cur);
	pthread_mutex_unlock(&s->mu);
	if (*out)
		return 0;

	/* Built outside the lock: readers keep using the guard in force. Two
	 * threads may both build one after a change; the later swap wins and
	 * the other guard is freed when its caller is done. */
	struct yk_buf lines;
	yk_buf_init(&lines, 2 * STORE_SETTING_MAX_VALUE);
	int rc = allow_lines(allow, &lines);
	struct pii_guard_config cfg = {.model = s->model,
				       .allow = lines.data,
				       .allow_len = lines.len,
				       .policy = policy};
	struct pii_guard *g = NULL;
	if (!rc)
		rc = pii_guard_new(&cfg, &g, ei);
	yk_buf_release(&lines);
	if (rc)
		return rc;
	g->allow_setting = yk_xstrdup(allow);
	pthread_mutex_lock(&s->mu);
	struct pii_guard *old = s->cur;
	s->cur = pii_guard_ref(g);
	pthread_mutex_unlock(&s->mu);
	pii_guard_free(old);
	*out = g;
	return 0;
}
