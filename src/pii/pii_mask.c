/* pii/mask: reversible placeholders. A mapping gives each distinct value
 * (per type, compared in canonical form) a numbered placeholder 〔氏名1〕;
 * pii_restore() replaces the placeholders in a model's reply by the values.
 * Policies mask / block / warn and the per-type counts for the audit log. */
#include "pii_int.h"
#include "core/banned.h"

struct mapping_entry {
	enum pii_type type;
	unsigned idx;   /* 1-based, per type */
	uint64_t hash;  /* of type and canonical value */
	char *canon;    /* owned */
	char *value;    /* owned: the text as first seen */
	size_t value_len;
};

/* The entries are found by two open-addressed tables of entry indexes (+1;
 * 0: an empty slot), one by type and canonical value (masking), one by
 * type and number (restoring): with PII_MAPPING_MAX values a linear search
 * cost 10^8 compares a text. The tables hold no values. */
struct pii_mapping {
	struct mapping_entry *v;
	size_t n, cap;
	unsigned next_idx[PII_TYPE_COUNT];
	uint32_t *by_value, *by_idx; /* owned: slots entries each (a power of two) */
	size_t slots;
	int full; /* the last masking stopped at a value with no room left */
};
_Static_assert(PII_MAPPING_MAX < UINT32_MAX / 4, "a slot holds an entry's index + 1");

struct pii_mapping *pii_mapping_new(void)
{
	return yk_xcalloc(1, sizeof(struct pii_mapping));
}

static void wipe(char *p, size_t n)
{
	volatile char *v = p;
	while (n--)
		*v++ = 0;
}

void pii_mapping_free(struct pii_mapping *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		wipe(m->v[i].canon, strlen(m->v[i].canon));
		wipe(m->v[i].value, m->v[i].value_len);
		free(m->v[i].canon);
		free(m->v[i].value);
	}
	free(m->v);
	free(m->by_value);
	free(m->by_idx);
	free(m);
}

size_t pii_mapping_count(const struct pii_mapping *m)
{
	return m ? m->n : 0;
}

int pii_mapping_full(const struct pii_mapping *m)
{
	return m ? m->full : 0;
}

static uint64_t fnv1a(enum pii_type type, const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)type;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t idx_hash(enum pii_type type, unsigned idx)
{
	uint64_t h = ((uint64_t)type << 32 | idx) * 0x9E3779B97F4A7C15ULL;
	return h ^ h >> 29;
}

/* The first empty slot of table tab from hash h (linear probing). */
static size_t slot_free(const uint32_t *tab, size_t slots, uint64_t h)
{
	size_t i = (size_t)h & (slots - 1);
	while (tab[i])
		i = (i + 1) & (slots - 1);
	return i;
}

static void slots_put(struct pii_mapping *m, size_t e)
{
	const struct mapping_entry *x = &m->v[e];
	m->by_value[slot_free(m->by_value, m->slots, x->hash)] = (uint32_t)e + 1;
	m->by_idx[slot_free(m->by_idx, m->slots, idx_hash(x->type, x->idx))] = (uint32_t)e + 1;
}

/* Room for one entry more with the tables at most half full. */
static void slots_grow(struct pii_mapping *m)
{
	if (2 * (m->n + 1) <= m->slots)
		return;
	free(m->by_value);
	free(m->by_idx);
	m->slots = m->slots ? 2 * m->slots : 32;
	m->by_value = yk_xcalloc(m->slots, sizeof(*m->by_value));
	m->by_idx = yk_xcalloc(m->slots, sizeof(*m->by_idx));
	for (size_t e = 0; e < m->n; e++)
		slots_put(m, e);
}

/* Finds or adds the entry for a value; YK_ELIMIT when the mapping is full. */
static int mapping_get(struct pii_mapping *m, enum pii_type type, const char *value, size_t len,
		       struct yk_buf *canon, const struct mapping_entry **out)
{
	yk_buf_reset(canon);
	int rc = pii__canon(value, len, canon);
	if (rc)
		return rc;
	const char *cs = canon->data ? canon->data : "";
	uint64_t h = fnv1a(type, cs, canon->len);
	for (size_t i = m->slots ? (size_t)h & (m->slots - 1) : 0; m->slots && m->by_value[i];
	     i = (i + 1) & (m->slots - 1)) {
		const struct mapping_entry *x = &m->v[m->by_value[i] - 1];
		if (x->hash == h && x->type == type && strcmp(x->canon, cs) == 0) {
			*out = x;
			return 0;
		}
	}
	if (m->n == PII_MAPPING_MAX) {
		m->full = 1;
		return YK_ELIMIT;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->v = yk_xrealloc(m->v, m->cap * sizeof(*m->v));
	}
	slots_grow(m);
	struct mapping_entry *e = &m->v[m->n++];
	e->type = type;
	e->idx = ++m->next_idx[type];
	e->hash = h;
	e->canon = yk_xstrndup(cs, canon->len);
	e->value = yk_xstrndup(value, len);
	e->value_len = len;
	slots_put(m, m->n - 1);
	*out = e;
	return 0;
}

static int add_placeholder(struct yk_buf *out, const struct mapping_entry *e)
{
	return yk_buf_addf(out, "〔%s%u〕", pii_type_label(e->type), e->idx);
}

int pii_mask_spans(struct pii_mapping *m, const char *text, size_t len,
		   const struct pii_span *spans, size_t nspans, struct yk_buf *out)
{
	struct yk_buf canon;
	yk_buf_init(&canon, PII_INPUT_MAX);
	size_t pos = 0;
	int rc = 0;
	if (m)
		m->full = 0;
	for (size_t i = 0; i < nspans; i++) {
		const struct pii_span *sp = &spans[i];
		if (sp->byte_start < pos || sp->byte_end > len || sp->byte_end <= sp->byte_start) {
			rc = YK_EINVAL; /* spans not from this text */
			goto out;
		}
		rc = yk_buf_add(out, text + pos, sp->byte_start - pos);
		if (rc)
			goto out;
		const struct mapping_entry *e;
		rc = mapping_get(m, sp->type, text + sp->byte_start, sp->byte_end - sp->byte_start,
				 &canon, &e);
		if (rc)
			goto out;
		rc = add_placeholder(out, e);
		if (rc)
			goto out;
		pos = sp->byte_end;
	}
	rc = yk_buf_add(out, text + pos, len - pos);
out:
	if (canon.data)
		wipe(canon.data, canon.len);
	yk_buf_release(&canon);
	return rc;
}

int pii_mask(struct pii_scanner *s, struct pii_mapping *m, enum pii_policy policy,
	     const char *text, size_t len, struct yk_buf *out, struct pii_counts *counts)
{
	const struct pii_span *spans;
	size_t n;
	if (counts)
		memset(counts, 0, sizeof(*counts));
	if (policy == PII_POLICY_MASK && !m)
		return YK_EINVAL;
	if (m)
		m->full = 0;
	int rc = pii_scan(s, text, len, &spans, &n);
	if (rc)
		return rc;
	if (counts) {
		for (size_t i = 0; i < n; i++)
			counts->n[spans[i].type]++;
		counts->total = (unsigned)n;
	}
	switch (policy) {
	case PII_POLICY_MASK:
		return pii_mask_spans(m, text, len, spans, n, out);
	case PII_POLICY_BLOCK:
		if (n)
			return YK_EPII_BLOCKED;
		return yk_buf_add(out, text, len);
	case PII_POLICY_WARN:
		return yk_buf_add(out, text, len);
	}
	return YK_EINVAL;
}

/* Reads a placeholder at reply[i] (which starts with 〔). Returns its byte
 * length and the entry, or 0. Digits may be ASCII or full-width. */
static size_t read_placeholder(const struct pii_mapping *m, const char *r, size_t len, size_t i,
			       const struct mapping_entry **out)
{
	static const char open[] = "〔", close[] = "〕";
	size_t j = i + sizeof(open) - 1, lab = j;
	/* label: up to the first digit */
	while (j < len && j - i < PII_PLACEHOLDER_MAX) {
		uint32_t c;
		size_t k = yk_utf8_decode(r + j, len - j, &c);
		if (pii__is_digit(text_fold_cp(c)) || c == 0x3015)
			break;
		j += k;
	}
	size_t lab_len = j - lab;
	unsigned idx = 0;
	size_t nd = 0;
	while (j < len && nd < 6) {
		uint32_t c;
		size_t k = yk_utf8_decode(r + j, len - j, &c);
		c = text_fold_cp(c);
		if (!pii__is_digit(c))
			break;
		idx = idx * 10 + (c - '0');
		nd++;
		j += k;
	}
	if (!nd || lab_len == 0 || len - j < sizeof(close) - 1 ||
	    memcmp(r + j, close, sizeof(close) - 1) != 0 || !m->slots)
		return 0;
	size_t type = 0; /* the labels are distinct: one type at most */
	while (type < PII_TYPE_COUNT && (strlen(pii_type_label((enum pii_type)type)) != lab_len ||
					 memcmp(pii_type_label((enum pii_type)type), r + lab, lab_len)))
		type++;
	if (type == PII_TYPE_COUNT)
		return 0;
	uint64_t h = idx_hash((enum pii_type)type, idx);
	for (size_t s = (size_t)h & (m->slots - 1); m->by_idx[s]; s = (s + 1) & (m->slots - 1)) {
		const struct mapping_entry *x = &m->v[m->by_idx[s] - 1];
		if (x->idx == idx && x->type == (enum pii_type)type) {
			*out = x;
			return j + sizeof(close) - 1 - i;
		}
	}
	return 0;
}

int pii_restore(const struct pii_mapping *m, const char *reply, size_t len, struct yk_buf *out)
{
	static const char open[] = "〔";
	const size_t ol = sizeof(open) - 1;
	size_t pos = 0, i = 0;
	while (i + ol <= len) {
		if (memcmp(reply + i, open, ol) != 0) {
			i++;
			continue;
		}
		const struct mapping_entry *e = NULL;
		size_t k = m ? read_placeholder(m, reply, len, i, &e) : 0;
		if (!k) {
			i += ol;
			continue;
		}
		int rc = yk_buf_add(out, reply + pos, i - pos);
		if (!rc)
			rc = yk_buf_add(out, e->value, e->value_len);
		if (rc)
			return rc;
		i += k;
		pos = i;
	}
	return yk_buf_add(out, reply + pos, len - pos);
}

void pii_counts_format(const struct pii_counts *c, char *out, size_t outsz)
{
	size_t w = 0;
	if (outsz)
		out[0] = '\0';
	for (size_t t = 0; t < PII_TYPE_COUNT && outsz; t++) {
		if (!c->n[t])
			continue;
		int k = snprintf(out + w, outsz - w, "%s%s=%u", w ? "," : "",
				 pii_type_name((enum pii_type)t), c->n[t]);
		if (k < 0 || (size_t)k >= outsz - w) {
			out[w] = '\0';
			return;
		}
		w += (size_t)k;
	}
}
