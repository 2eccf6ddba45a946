/* qa: asking — the question check, ranking over the current snapshot, the
 * typed answer (struct qa_answer) with its snippets, and the masked row
 * queued for the question log. */
#include <stdlib.h>
#include <string.h>

#include "kb/kb.h"
#include "pii/pii.h"
#include "qa/qa_int.h"
#include "search/search.h"
#include "text/text.h"
#include "core/banned.h"

#define QA_RANK_K KB_GET_MANY_MAX /* hits ranked per question: sources + related */

/* ---- the question ------------------------------------------------------------- */

static int is_space_at(const char *p, size_t n)
{
	if (n && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		return 1;
	if (n >= 3 && (unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] == 0x80)
		return 3;
	return 0;
}

static int is_space_before(const char *p, size_t n)
{
	if (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
		return 1;
	if (n >= 3 && (unsigned char)p[n - 3] == 0xE3 && (unsigned char)p[n - 2] == 0x80 &&
	    (unsigned char)p[n - 1] == 0x80)
		return 3;
	return 0;
}

int qa_question_check(const char **q, size_t *len, struct yk_errinfo *ei)
{
	yk_errinfo_at(ei, NULL, 0, "question");
	if (*len > QA_QUESTION_MAX)
		return yk_errinfo_set(ei, YK_EINVAL, "質問が長すぎます（%d バイトまで）",
				      QA_QUESTION_MAX);
	if (!yk_utf8_valid(*q, *len, NULL))
		return yk_errinfo_set(ei, YK_EUTF8, "質問の文字コードが正しくありません");
	const char *p = *q;
	size_t n = *len;
	int k;
	while ((k = is_space_at(p, n)))
		p += k, n -= (size_t)k;
	while ((k = is_space_before(p, n)))
		n -= (size_t)k;
	if (n == 0)
		return yk_errinfo_set(ei, YK_EINVAL, "質問を入力してください");
	if (memchr(p, '\0', n))
		return yk_errinfo_set(ei, YK_EINVAL, "質問に NUL 文字は使えません");
	*q = p;
	*len = n;
	yk_errinfo_at(ei, NULL, 0, "");
	return 0;
}

/* ---- masking for the log ------------------------------------------------------- */

/* Masks personal information in a text before it is stored (the question
 * log serves editors, who need the gist, not the caller's phone number; a
 * feedback comment likewise). Uses the process's one guard, so the
 * pii_allow_list setting applies. On any failure the text is not kept
 * verbatim either: notice (e.g. 〔記録できない質問〕) is stored instead. */
void qa__mask_for_log(struct qa *qa, struct store *db, const char *q, size_t len,
		      const char *notice, struct yk_buf *out)
{
	struct pii_guard *g = NULL;
	yk_buf_reset(out);
	if (pii_guard_current(qa->guards, db, &g, NULL) != 0 ||
	    pii_guard_redact(g, q, len, out, NULL) != 0 || (len > 0 && out->len == 0)) {
		yk_buf_reset(out);
		if (yk_buf_adds(out, notice))
			abort(); /* no limit set: unreachable */
	}
	pii_guard_free(g);
}

/* ---- ranking ------------------------------------------------------------------- */

/* The one ranking path (qa_ask and qa_rank): the current snapshot, then
 * search. The results own everything they point to; the snapshot is
 * handed to *pin when asked for (the shown entries' text lives there),
 * else released. */
static int rank(struct qa *qa, struct store *db, struct text_tokenizer *tk, const char *q,
		size_t len, unsigned k, int public_only, struct search_results *res,
		struct qa__snap **pin, int64_t *settings_gen, struct yk_errinfo *ei)
{
	struct qa__snap *snap = NULL;
	int rc = qa__index_current(qa, db, tk, settings_gen, &snap, ei);
	if (rc)
		return rc;
	struct search_opts opts = {k, public_only};
	rc = search_snapshot_query(snap->search, tk, q, len, &opts, res, ei);
	if (pin && !rc)
		*pin = snap;
	else
		qa__snap_unref(snap);
	return rc;
}

/* ---- the decision ---------------------------------------------------------------- */

/* A hit is strong when it matched at least one query term of two or more
 * characters that is neither request phrasing nor a word of more than a
 * fifth of the entries (a handful in a tiny collection). */
static bool hit_strong(const struct search_results *res, const struct search_hit *h)
{
	for (size_t i = 0; i < h->n_matched; i++) {
		const struct search_qterm *t = &res->qterms[h->matched[i]];
		if (t->stop || (t->idf < QA_STRONG_MIN_IDF && t->df > 3))
			continue;
		if (yk_utf8_count(t->text, strlen(t->text)) >= 2)
			return true;
	}
	return false;
}

static void rank_info(const struct search_results *res, struct qa_rank_info *info)
{
	memset(info, 0, sizeof(*info));
	if (res->n == 0)
		return;
	info->top_id = res->hits[0].id;
	info->top = res->top;
	info->lead = res->lead;
	info->top_weak = !hit_strong(res, &res->hits[0]);
}

/* The effective value of a DECIMAL setting, def when empty. */
static float setting_float(struct store *db, const char *key, float def)
{
	char buf[STORE_SETTING_MAX_VALUE];
	if (store_setting_get(db, key, buf, sizeof(buf)) != 0 || !buf[0])
		return def;
	char *end = NULL;
	double v = strtod(buf, &end); /* validated as a decimal in [0, 1] when stored */
	return end && *end == '\0' && v >= 0 && v <= 1 ? (float)v : def;
}

void qa_thresholds(struct store *db, struct search_decide_params *out)
{
	search_decide_params_default(out);
	if (!db)
		return;
	out->answer_min_top = setting_float(db, "qa_answer_min_score", out->answer_min_top);
	out->answer_min_lead = setting_float(db, "qa_answer_min_lead", out->answer_min_lead);
	out->clarify_min_top = setting_float(db, "qa_clarify_min_score", out->clarify_min_top);
}

/* The thresholds of one connection (store_clientdata), kept while the
 * settings generation that the question's one read returned (settings_gen
 * of qa__index_current) stays the same: any change of the settings table,
 * by this process or another (the CLI), moves it, so the next question
 * reads the three settings again. Reading and parsing them each time was
 * about 8 K instructions a question. gen 0: not cached. */
#define QA_THRESHOLDS_DATA "qa:thresholds"

struct thresholds_cached {
	int64_t gen;
	struct search_decide_params p;
};

static void thresholds_for(struct store *db, int64_t gen, struct search_decide_params *out)
{
	struct thresholds_cached *c = gen ? store_clientdata(db, QA_THRESHOLDS_DATA) : NULL;
	if (c && c->gen == gen) {
		*out = c->p;
		return;
	}
	qa_thresholds(db, out);
	if (!gen)
		return;
	if (!c) {
		c = yk_xcalloc(1, sizeof(*c));
		if (store_set_clientdata(db, QA_THRESHOLDS_DATA, c, free) != 0)
			return; /* no slot left: read each time (c was freed) */
	}
	c->gen = gen;
	c->p = *out;
}

enum qa_decision qa_decide(const struct search_decide_params *p, const struct qa_rank_info *info)
{
	/* Nothing, or only one-character and common words in common: 分かりません. */
	if (info->top_id == 0 || info->top_weak)
		return QA_UNKNOWN;
	enum search_decision d = search_decide(p, info->top, info->lead);
	return d == SEARCH_DECIDE_ANSWER ? QA_ANSWER : d == SEARCH_DECIDE_CLARIFY ? QA_CLARIFY : QA_UNKNOWN;
}

int qa_rank(struct qa *qa, struct store *db, const char *query, size_t len, unsigned k,
	    int public_only,
	    int (*fn)(void *ctx, int64_t id, const char *ext_id, float score), void *ctx,
	    struct qa_rank_info *info, struct yk_errinfo *ei)
{
	struct text_tokenizer *tk = NULL;
	int rc = qa__tk_get(qa, &tk, ei);
	if (rc)
		return rc;
	struct search_results *res = qa__res_get(qa);
	rc = rank(qa, db, tk, query, len, k < 3 ? 3 : k, public_only, res, NULL, NULL, ei);
	qa__tk_put(qa, tk);
	if (rc == 0 && info)
		rank_info(res, info);
	if (res->n > k)
		res->n = k; /* ranked 3 for the lead */
	for (size_t i = 0; rc == 0 && i < res->n; i++) {
		char fallback[32];
		const char *ext = res->hits[i].ext_id;
		if (!ext || !*ext) {
			snprintf(fallback, sizeof(fallback), "#%lld", (long long)res->hits[i].id);
			ext = fallback;
		}
		rc = fn(ctx, res->hits[i].id, ext, res->hits[i].score);
	}
	qa__res_put(qa, res);
	return rc;
}

/* ---- snippets ------------------------------------------------------------------- */

void qa__cuts_free(struct qa__cuts *c)
{
	if (!c)
		return;
	free(c->starts);
	free(c->ends);
	free(c->done);
	free(c);
}

/* The bitmaps of struct qa__cuts are shared by every question that shows
 * the entry and written by whichever analyses a sentence first: bits are
 * only ever set (OR), a sentence's start/end bits before its done bits
 * (release), read after its done bits (acquire). */
static bool bit_at(const uint8_t *bits, size_t i)
{
	return __atomic_load_n(&bits[i >> 3], __ATOMIC_RELAXED) & (1u << (i & 7));
}

static void bit_set(uint8_t *bits, size_t i, int order)
{
	__atomic_fetch_or(&bits[i >> 3], (uint8_t)(1u << (i & 7)), order);
}

/* The entry's boundary bitmaps (empty at first), made by the first
 * question that shows it and published on the entry: the entry and its
 * text are immutable, so this is derived data like its JSON, not a cache
 * of answers. */
static struct qa__cuts *entry_cuts(const struct qa__entry *e, size_t len)
{
	/* cuts is the one member of an entry written after it was made: the
	 * entry itself is not const (qa_index.c allocates it). */
	_Atomic(struct qa__cuts *) *slot = (_Atomic(struct qa__cuts *) *)&e->cuts;
	struct qa__cuts *c = atomic_load_explicit(slot, memory_order_acquire);
	if (c)
		return c;
	c = yk_xcalloc(1, sizeof(*c));
	c->len = len;
	c->starts = yk_xcalloc(len / 8 + 1, 1);
	c->ends = yk_xcalloc(len / 8 + 1, 1);
	c->done = yk_xcalloc(len / 8 + 1, 1);
	struct qa__cuts *none = NULL;
	if (!atomic_compare_exchange_strong_explicit(slot, &none, c, memory_order_acq_rel,
						     memory_order_acquire)) {
		qa__cuts_free(c); /* another question published first */
		c = none;
	}
	return c;
}

/* The length of a sentence end (。！？ or a line break) ending right
 * before byte i, or 0. */
static size_t sentence_end_before(const char *t, size_t i)
{
	static const char *const marks[] = {"。", "！", "？"};
	if (i >= 1 && t[i - 1] == '\n')
		return 1;
	for (size_t k = 0; i >= 3 && k < YK_ARRAY_LEN(marks); k++)
		if (memcmp(t + i - 3, marks[k], 3) == 0)
			return 3;
	return 0;
}

/* Makes sure the morpheme boundaries of every sentence that meets
 * text[from, to) are in c: a sentence not analysed yet goes through MeCab
 * on its own (so its boundaries do not depend on which question asked
 * first), from the last sentence end before it to the next one after.
 * -1 when MeCab fails. */
static int cuts_cover(struct qa__cuts *c, struct text_tokenizer *tk, const char *text, size_t from,
		      size_t to)
{
	size_t len = c->len;
	struct text_morphs m;
	memset(&m, 0, sizeof(m));
	int rc = 0;
	for (size_t i = from; i < to && i < len;) {
		if (__atomic_load_n(&c->done[i >> 3], __ATOMIC_ACQUIRE) & (1u << (i & 7))) {
			i++;
			continue;
		}
		size_t s0 = i, s1 = i + 1;
		while (s0 > 0 && !sentence_end_before(text, s0))
			s0--;
		while (s1 < len && !sentence_end_before(text, s1))
			s1++;
		if (!tk || text_analyze(tk, text + s0, s1 - s0, &m, NULL) != 0) {
			rc = -1;
			break;
		}
		for (size_t k = 0; k < m.n; k++) {
			size_t st = s0 + m.v[k].start - m.v[k].space, en = s0 + m.v[k].end;
			if (st < en && en <= s1) {
				bit_set(c->starts, st, __ATOMIC_RELAXED);
				bit_set(c->ends, en, __ATOMIC_RELAXED);
			}
		}
		for (size_t k = s0; k < s1; k++)
			bit_set(c->done, k, __ATOMIC_RELEASE);
		i = s1;
	}
	text_morphs_release(&m);
	return rc;
}

/* Moves a byte offset back to the start of its UTF-8 character. */
static size_t cp_floor(const char *s, size_t off)
{
	while (off > 0 && ((unsigned char)s[off] & 0xC0) == 0x80)
		off--;
	return off;
}

/* Byte offset n characters after (or before, n < 0) off. Forward, each
 * step lands on the next byte after off that is no UTF-8 continuation byte
 * (10xxxxxx), or on len: the n-th such byte. Eight bytes are counted at a
 * time while they hold fewer of them than are left (a snippet is 160
 * characters, about 480 bytes, and this ran byte by byte). */
static size_t cp_step(const char *s, size_t len, size_t off, long n)
{
	if (n > 0 && off < len) {
		size_t i = off + 1;
		while (len - i >= 8) {
			uint64_t x;
			memcpy(&x, s + i, 8);
			/* bit 7 of each continuation byte: bit 7 set, bit 6 clear */
			uint64_t cont = x & ~(x << 1) & 0x8080808080808080u;
			long starts = 8 - (long)(((cont >> 7) * 0x0101010101010101u) >> 56);
			if (starts >= n)
				break;
			n -= starts;
			i += 8;
		}
		for (; i < len; i++)
			if (((unsigned char)s[i] & 0xC0) != 0x80 && --n == 0)
				return i;
		return len;
	}
	for (; n < 0 && off > 0; n++)
		off = cp_floor(s, off - 1);
	return off;
}

/* Characters looked at on each side of a cut to find a morpheme
 * boundary (MeCab reads the window only, not the whole text). */
#define SNIPPET_WINDOW 16

/* A clause or sentence end (、。，．！？ or a line break) at byte i: its length. */
static size_t clause_end_at(const char *t, size_t len, size_t i)
{
	static const char *const marks[] = {"、", "。", "，", "．", "！", "？"};
	if (t[i] == '\n')
		return 1;
	for (size_t k = 0; k < YK_ARRAY_LEN(marks); k++)
		if (len - i >= 3 && memcmp(t + i, marks[k], 3) == 0)
			return 3;
	return 0;
}

/* Right after the nearest clause end within SNIPPET_WINDOW characters
 * before off (a snippet then starts or ends with a whole clause), or
 * SIZE_MAX when there is none. */
static size_t clause_cut(const char *text, size_t len, size_t off)
{
	size_t lo = cp_step(text, len, off, -SNIPPET_WINDOW);
	for (size_t i = cp_floor(text, off > 0 ? off - 1 : 0); i >= lo && i < off;
	     i = i > 0 ? cp_floor(text, i - 1) : SIZE_MAX) {
		size_t k = clause_end_at(text, len, i);
		if (k)
			return i + k;
		if (i == 0)
			break;
	}
	return SIZE_MAX;
}

/* Moves the cut at byte off of text back to a boundary: right after a
 * clause end (、。) close before it when there is one; else to the start
 * of the morpheme it falls in (at_end = 0: the snippet's start, so the
 * word is kept whole) or to the end of the last whole morpheme before it
 * (at_end = 1: the snippet's end), looking SNIPPET_WINDOW characters to
 * each side (a boundary at the window's own edge does not count, as when
 * MeCab read the window alone). The morphemes are those of the
 * sentences around the cut, analysed once per entry (cuts_cover); when
 * MeCab fails or no boundary fits, off stays (a character boundary). */
static size_t word_cut(struct text_tokenizer *tk, const struct qa__entry *e, size_t len,
		       size_t off, int at_end)
{
	const char *text = e->text;
	size_t c = clause_cut(text, len, off);
	if (c != SIZE_MAX && c > 0)
		return c;
	size_t w0 = cp_step(text, len, off, -SNIPPET_WINDOW);
	size_t w1 = cp_step(text, len, off, SNIPPET_WINDOW);
	struct qa__cuts *cuts = entry_cuts(e, len);
	if (cuts->len != len || cuts_cover(cuts, tk, text, w0, w1) != 0)
		return off;
	if (!at_end) {
		/* The last start at or before off, if its morpheme covers off:
		 * morphemes do not overlap, so it ends at the first end after it. */
		for (size_t st = off + 1; st-- > w0;) {
			if (!bit_at(cuts->starts, st))
				continue;
			if (st == w0 && w0 != 0)
				return off;
			size_t en = st + 1;
			while (en < w1 && !bit_at(cuts->ends, en))
				en++;
			return off < en ? st : off; /* else off falls between morphemes */
		}
		return off;
	}
	for (size_t en = off; en > w0; en--)
		if (bit_at(cuts->ends, en) && (en < w1 || w1 == len))
			return en;
	return off;
}

/* Code points of s[0..off) for increasing offsets, each counted once. */
struct cp_counter {
	const char *s;
	size_t off; /* bytes counted so far */
	size_t n;   /* code points before off, plus the base */
};

static size_t cp_count_to(struct cp_counter *c, size_t off)
{
	if (off < c->off) { /* backwards: recount from the start */
		c->n -= yk_utf8_count(c->s, c->off);
		c->off = 0;
	}
	c->n += yk_utf8_count(c->s + c->off, off - c->off);
	c->off = off;
	return c->n;
}

/* The snippet of text around the first match in field, cut at morpheme
 * boundaries (text/ via MeCab), with the matches as [start, end)
 * code-point ranges relative to the snippet. */
static void snippet(struct text_tokenizer *tk, const struct qa__entry *e,
		    const struct search_hit *h, uint32_t field, struct qa_source *out)
{
	const char *text = e->text;
	size_t len = strlen(text);
	size_t first = len;
	for (size_t i = 0; i < h->n_spans; i++)
		if (h->spans[i].field == field && h->spans[i].start < first)
			first = h->spans[i].start;
	if (first >= len)
		first = 0;
	size_t a = cp_step(text, len, cp_floor(text, first), -QA_SNIPPET_CHARS / 4);
	size_t b = cp_step(text, len, a, QA_SNIPPET_CHARS);
	if (a > 0)
		a = word_cut(tk, e, len, a, 0);
	if (b < len) {
		size_t end = word_cut(tk, e, len, b, 1);
		if (end > a)
			b = end;
	}
	int pre = a > 0, post = b < len;
	struct yk_buf sn;
	yk_buf_init(&sn, 0);
	if ((pre && yk_buf_adds(&sn, "…")) || yk_buf_add(&sn, text + a, b - a) ||
	    (post && yk_buf_adds(&sn, "…")))
		abort(); /* no limit set: unreachable */
	out->snippet = sn.data ? yk_buf_detach(&sn, NULL) : yk_xstrdup("");
	yk_buf_release(&sn);
	/* When the entry's JSON text is the text itself in quotes, nothing in
	 * it is escaped or replaced: neither is anything in a slice cut at
	 * characters, nor in "…". */
	const char *jt = e->json.text;
	out->snippet_plain = jt && strlen(jt) == len + 2 && memcmp(jt + 1, text, len) == 0;
	out->highlights = yk_xcalloc(h->n_spans + 1, sizeof(*out->highlights));
	out->n_highlights = 0;
	/* Code-point offsets counted on from the last one (spans come sorted
	 * by start within a field; a span that starts before the last counted
	 * byte, e.g. one overlapping it, is counted from the snippet's start). */
	struct cp_counter cc = {text + a, 0, pre ? 1 : 0};
	for (size_t i = 0; i < h->n_spans; i++) {
		const struct search_span *s = &h->spans[i];
		if (s->field != field || s->end > len || s->start >= s->end)
			continue;
		size_t st = s->start < a ? a : s->start, en = s->end > b ? b : s->end;
		if (st >= en)
			continue;
		st = cp_floor(text, st);
		size_t cs = cp_count_to(&cc, st - a);
		size_t ce = cp_count_to(&cc, en - a);
		if (ce > cs)
			out->highlights[out->n_highlights++] =
				(struct qa_highlight){(uint32_t)cs, (uint32_t)ce};
	}
}

/* The entry's fields are borrowed from the snapshot the answer pins. */
static void source_fill(struct text_tokenizer *tk, const struct qa__entry *e,
			const struct search_hit *h, int channel_public, struct qa_source *s)
{
	memset(s, 0, sizeof(*s));
	s->id = e->id;
	s->faq = e->faq;
	s->title = e->title;
	s->text = e->text;
	s->heading_path = e->heading_path;
	s->locator = e->locator;
	s->url = e->url;
	s->category = e->category;
	s->source_name = channel_public ? "" : e->source_name;
	s->external_id = channel_public ? "" : e->external_id;
	s->json = !e->json.title ? NULL : channel_public ? &e->json_public : &e->json;
	s->score = h->score;
	snippet(tk, e, h, s->faq ? SEARCH_FIELD_ANSWER : SEARCH_FIELD_BODY, s);
}

static void source_release(struct qa_source *s)
{
	free(s->snippet);
	free(s->highlights);
	memset(s, 0, sizeof(*s));
}

void qa_answer_release(struct qa_answer *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n_sources; i++)
		source_release(&a->sources[i]);
	qa__snap_unref(a->pin_);
	memset(a, 0, sizeof(*a));
}

const char *qa_decision_name(enum qa_decision d)
{
	return d == QA_ANSWER ? "answer" : d == QA_CLARIFY ? "clarify" : "unknown";
}

/* ---- the answer ----------------------------------------------------------------- */

/* Feedback tokens come from a per-thread block of getrandom(2) bytes
 * (QA_TOKEN_POOL: 256 tokens) instead of one system call a question; each
 * byte is handed out once and wiped from the block. The process never
 * forks a copy of itself (subprocesses are posix_spawn'ed), so no two
 * copies of a block exist. */
#define QA_TOKEN_POOL 4096

static _Thread_local struct {
	unsigned char bytes[QA_TOKEN_POOL];
	size_t used;
} token_pool = {.used = QA_TOKEN_POOL};

static void token_random(unsigned char *out, size_t n)
{
	if (n > QA_TOKEN_POOL) {
		yk_random_bytes(out, n);
		return;
	}
	if (QA_TOKEN_POOL - token_pool.used < n) {
		yk_random_bytes(token_pool.bytes, QA_TOKEN_POOL);
		token_pool.used = 0;
	}
	memcpy(out, token_pool.bytes + token_pool.used, n);
	memset(token_pool.bytes + token_pool.used, 0, n);
	token_pool.used += n;
}

/* Decides and fills sources and related from the ranked hits. Entries
 * that matched only weakly (hit_strong) are not shown at all. */
static int assemble(struct store *db, int64_t settings_gen, struct text_tokenizer *tk,
		    const struct qa__snap *snap, const struct search_results *res, int public_only,
		    struct qa_answer *out)
{
	/* The shown entries come from the snapshot the hits were ranked on:
	 * no database read (its deltas keep them exact). */
	size_t n = res->n < QA_RANK_K ? res->n : QA_RANK_K;
	struct search_decide_params p;
	struct qa_rank_info info;
	thresholds_for(db, settings_gen, &p);
	rank_info(res, &info);
	enum qa_decision d = qa_decide(&p, &info);
	int answered = 0;
	for (size_t i = 0; i < n; i++) {
		const struct search_hit *h = &res->hits[i];
		const struct qa__entry *e = qa__snap_entry(snap, h->id);
		if (!e)
			continue; /* not shown (cannot happen: the same snapshot) */
		/* Defence in depth: the index filters too. */
		if (public_only && !e->is_public)
			continue;
		if (!hit_strong(res, h))
			continue; /* one character or a common word in common */
		if (i == 0 && d == QA_ANSWER)
			answered = 1;
		if (out->n_sources < QA_SOURCES_MAX &&
		    (i == 0 || h->score >= res->top * QA_SOURCE_MIN_RATIO))
			source_fill(tk, e, h, public_only, &out->sources[out->n_sources++]);
		/* Related questions: other FAQ entries not far below the top. */
		if (i > 0 && e->faq && out->n_related < QA_RELATED_MAX &&
		    h->score >= res->top * QA_RELATED_MIN_RATIO) {
			struct qa_related *r = &out->related[out->n_related++];
			r->id = e->id;
			r->question = e->title;
			r->json_question = e->json.title;
			r->score = h->score;
		}
	}
	if (d == QA_ANSWER && !answered)
		d = QA_CLARIFY; /* the top entry vanished meanwhile */
	if (d == QA_CLARIFY && out->n_sources == 0)
		d = QA_UNKNOWN; /* nothing left to offer */
	out->decision = d;
	out->top_score = res->top;
	out->margin = res->margin;
	return 0;
}

int qa_ask(struct qa *qa, struct store *db, const struct qa_asker *who, const char *question,
	   size_t len, struct qa_answer *out, struct yk_errinfo *ei)
{
	int64_t t0 = yk_mono_us();
	memset(out, 0, sizeof(*out));
	const char *q = question;
	int rc = qa_question_check(&q, &len, ei);
	if (rc)
		return rc;
	int public_only = who->channel == QA_CHANNEL_PUBLIC;
	out->public_channel = public_only;
	struct text_tokenizer *tk = NULL;
	if ((rc = qa__tk_get(qa, &tk, ei)))
		return rc;
	struct search_results *res = qa__res_get(qa);
	struct qa__snap *snap = NULL;
	int64_t settings_gen = 0;
	rc = rank(qa, db, tk, q, len, QA_RANK_K, public_only, res, &snap, &settings_gen, ei);
	out->pin_ = snap; /* released with the answer */
	if (!rc && (rc = assemble(db, settings_gen, tk, snap, res, public_only, out)))
		yk_errinfo_set(ei, rc, "回答の項目を読めませんでした");
	qa__tk_put(qa, tk); /* after assemble: snippets are cut at morphemes */
	int64_t top_entry = !rc && res->n ? res->hits[0].id : 0;
	qa__res_put(qa, res);
	if (rc || (rc = qa__log_id(qa, db, &out->question_id, ei))) {
		qa_answer_release(out);
		return rc;
	}
	unsigned char raw[16];
	token_random(raw, sizeof(raw));
	yk_hex(raw, sizeof(raw), out->feedback_token);
	struct yk_buf masked;
	yk_buf_init(&masked, 0);
	qa__mask_for_log(qa, db, q, len, "〔記録できない質問〕", &masked);
	struct qa__log_row row = {
		.id = out->question_id,
		.at = yk_now_unix(),
		.user_id = who->user_id,
		.department_id = who->department_id,
		.top_entry = top_entry,
		.latency_us = yk_mono_us() - t0,
		.channel = who->channel,
		.decision = out->decision,
		.top = out->top_score,
		.question = yk_buf_detach(&masked, NULL),
	};
	for (size_t i = 0; i < out->n_sources; i++)
		row.shown[row.n_shown++] = out->sources[i].id;
	yk_buf_release(&masked);
	memcpy(row.token, out->feedback_token, sizeof(row.token));
	return qa__log_queue(qa, db, &row, ei);
}
