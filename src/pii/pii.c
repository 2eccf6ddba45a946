/* pii: detector and scanner lifecycle and the scan pipeline: validate,
 * fold (text_fold), run the detectors, drop allow-listed values, resolve
 * overlaps. */
#include "pii_int.h"
#include "core/banned.h"

struct pii_detector {
	struct text_model *model; /* one reference; NULL when no_person */
	char **allow;             /* canonical forms, sorted */
	size_t nallow;
	const struct pii__learn_model *learn; /* NULL: none, or no_person */
	float learn_margin;
};

struct pii_scanner {
	const struct pii_detector *det;
	struct text_tokenizer *tk;    /* from the model's pool; NULL when no_person */
	struct pii__person *person;
	uint32_t *cp;
	uint32_t *boff; /* PII_INPUT_MAX < 4 GiB, so 32 bits suffice */
	uint32_t *nl;   /* the distances to the line breaks (pii__text.nl) */
	size_t cap; /* entries of cp/boff/nl */
	struct pii__cands cand;
	struct pii__cands places; /* the tables' district cells (pii__detect_tables()) */
	struct pii_span *out;
	size_t cap_out;
	struct yk_buf canon;
	struct pii__cues cues; /* of the text being scanned */
	struct pii__learn_buf learn;
	struct pii__persons persons; /* of the candidates, before the last filter */
	/* unquote_rows(): the text without its cells' quotes, and where
	 * they were (code point and byte of the copy, ascending) */
	struct yk_buf uq;
	struct gapmap *rm;
	size_t nrm, cap_rm;
	/* spaced_copy(): the text without the spaces of pii__spacing_gaps() */
	struct pii__gaps gaps;
	struct yk_buf sp;
	struct gapmap *sm;
	size_t nsm, cap_sm;
};

static const char *const type_names[] = {
#define PII_X(e, name, label, display) name,
	PII_TYPES(PII_X)
#undef PII_X
};
static const char *const type_labels[] = {
#define PII_X(e, name, label, display) label,
	PII_TYPES(PII_X)
#undef PII_X
};

static const char *const type_displays[] = {
#define PII_X(e, name, label, display) display,
	PII_TYPES(PII_X)
#undef PII_X
};

const char *pii_type_display(enum pii_type t)
{
	return (unsigned)t < PII_TYPE_COUNT ? type_displays[t] : "不明";
}

const char *pii_type_name(enum pii_type t)
{
	return (unsigned)t < PII_TYPE_COUNT ? type_names[t] : "UNKNOWN";
}

const char *pii_type_label(enum pii_type t)
{
	return (unsigned)t < PII_TYPE_COUNT ? type_labels[t] : "不明";
}

int pii_type_parse(const char *name, size_t len, enum pii_type *out)
{
	for (size_t i = 0; i < PII_TYPE_COUNT; i++)
		if (strlen(type_names[i]) == len && memcmp(type_names[i], name, len) == 0) {
			*out = (enum pii_type)i;
			return 0;
		}
	return YK_ENOTFOUND;
}

int pii_policy_parse(const char *s, enum pii_policy *out)
{
	if (strcmp(s, "mask") == 0)
		*out = PII_POLICY_MASK;
	else if (strcmp(s, "block") == 0)
		*out = PII_POLICY_BLOCK;
	else if (strcmp(s, "warn") == 0)
		*out = PII_POLICY_WARN;
	else
		return YK_EINVAL;
	return 0;
}

void pii__cand_add(struct pii__cands *c, const struct pii__text *t, size_t start, size_t end,
		   enum pii_type type, double confidence)
{
	if (end <= start || end > t->n)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->v = yk_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	struct pii_span *s = &c->v[c->n++];
	s->start = start;
	s->end = end;
	s->byte_start = t->boff[start];
	s->byte_end = t->boff[end];
	s->type = type;
	s->confidence = confidence;
}

/* ---- allow-list ----------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_allow(struct pii_detector *d, const char *s, size_t len, struct yk_errinfo *ei)
{
	int rc = 0;
	struct yk_buf b;
	yk_buf_init(&b, PII_ALLOW_ENTRY_MAX * 2);
	size_t cap = 0, line = 0, i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && s[e] != '\n')
			e++;
		line++;
		size_t a = i, z = e;
		while (a < z && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
			a++;
		while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '\r'))
			z--;
		i = e + 1;
		if (a == z || s[a] == '#')
			continue;
		if (z - a > PII_ALLOW_ENTRY_MAX) {
			rc = yk_errinfo_set(ei, YK_ELIMIT, "許可リスト %zu 行目が長すぎます", line);
			goto out;
		}
		if (!yk_utf8_valid(s + a, z - a, NULL)) {
			rc = yk_errinfo_set(ei, YK_EUTF8, "許可リスト %zu 行目の文字コードが正しくありません",
					    line);
			goto out;
		}
		if (d->nallow == PII_ALLOW_MAX) {
			rc = yk_errinfo_set(ei, YK_ELIMIT, "許可リストは %d 件までです", PII_ALLOW_MAX);
			goto out;
		}
		yk_buf_reset(&b);
		rc = pii__canon(s + a, z - a, &b);
		if (rc)
			goto out;
		if (d->nallow == cap) {
			cap = cap ? cap * 2 : 16;
			d->allow = yk_xrealloc(d->allow, cap * sizeof(*d->allow));
		}
		d->allow[d->nallow++] = yk_xstrndup(b.data ? b.data : "", b.len);
	}
	if (d->nallow)
		qsort(d->allow, d->nallow, sizeof(*d->allow), cmp_str);
out:
	yk_buf_release(&b);
	return rc;
}

static int allowed(const struct pii_detector *d, const char *s)
{
	return d->nallow && bsearch(&s, d->allow, d->nallow, sizeof(*d->allow), cmp_str) != NULL;
}

/* ---- lifecycle ------------------------------------------------------------ */

int pii_detector_new(const struct pii_config *cfg, struct pii_detector **out,
		     struct yk_errinfo *ei)
{
	static const struct pii_config defaults = {0};
	if (!cfg)
		cfg = &defaults;
	struct pii_detector *d = yk_xcalloc(1, sizeof(*d));
	int rc = 0;
	if (cfg->allow && cfg->allow_len) {
		rc = load_allow(d, cfg->allow, cfg->allow_len, ei);
		if (rc)
			goto out;
	}
	if (!cfg->no_person) {
		(void)pii__names_get(); /* ENAMDICT, once per process, here rather than in a scan */
		d->learn = pii__learn_embedded();
		d->learn_margin = PII_LEARN_MIN_MARGIN;
		if (cfg->model) {
			d->model = text_model_ref(cfg->model);
		} else if (text_model_new(cfg->dicdir, &d->model, ei) != 0) {
			rc = YK_EMORPH; /* ei names every place tried */
			goto out;
		}
	}
out:
	if (rc) {
		pii_detector_free(d);
		d = NULL;
	}
	*out = d;
	return rc;
}

void pii__detector_use_model(struct pii_detector *d, const struct pii__learn_model *m,
			      float min_margin)
{
	if (d->model) {
		d->learn = m;
		d->learn_margin = min_margin;
	}
}

void pii_detector_free(struct pii_detector *d)
{
	if (!d)
		return;
	text_model_free(d->model);
	for (size_t i = 0; i < d->nallow; i++)
		free(d->allow[i]);
	free(d->allow);
	free(d);
}

int pii_scanner_new(const struct pii_detector *d, struct pii_scanner **out,
		    struct yk_errinfo *ei)
{
	struct pii_scanner *s = yk_xcalloc(1, sizeof(*s));
	s->det = d;
	yk_buf_init(&s->canon, PII_INPUT_MAX);
	yk_buf_init(&s->uq, PII_INPUT_MAX);
	yk_buf_init(&s->sp, PII_INPUT_MAX);
	if (d->model) {
		if (text_tokenizer_take(d->model, &s->tk, ei) != 0) {
			pii_scanner_free(s);
			*out = NULL;
			return YK_EMORPH;
		}
		s->person = pii__person_new();
	}
	*out = s;
	return 0;
}

void pii_scanner_free(struct pii_scanner *s)
{
	if (!s)
		return;
	text_tokenizer_give(s->tk);
	pii__person_free(s->person);
	free(s->cp);
	free(s->boff);
	free(s->nl);
	free(s->cand.v);
	free(s->places.v);
	free(s->out);
	pii__learn_buf_free(&s->learn);
	pii__persons_release(&s->persons);
	yk_buf_release(&s->canon);
	yk_buf_release(&s->uq);
	free(s->rm);
	free(s->gaps.v);
	yk_buf_release(&s->sp);
	free(s->sm);
	free(s);
}

/* ---- scan ----------------------------------------------------------------- */

size_t pii__bracket_date(const struct pii__text *t, size_t i, size_t *end)
{
	if (i < t->n && t->cp[i] == ' ')
		i++;
	if (i + 1 >= t->n || t->cp[i] != '(')
		return 0;
	size_t e = pii__date_end(t, i + 1);
	if (!e || e >= t->n || (t->cp[e] != ')' && t->cp[e] != 0x3001 /* 、 */) || e - i < 7)
		return 0;
	*end = e;
	return i + 1;
}

/* A full date in brackets right after a person's name is that person's
 * birth date (夫 大西 亮（1994年1月11日）, 患者 石田 義男（S9.2.18）): the
 * bracket closes right after the date, so 佐藤様（11月4日来庁） is no birth
 * date. Runs after the name detectors, over their candidates. */
static void birth_dates_after_names(const struct pii__text *t, struct pii__cands *c, size_t from)
{
	size_t n = c->n;
	for (size_t k = from; k < n; k++) {
		size_t s, e;
		if (c->v[k].type == PII_PERSON && (s = pii__bracket_date(t, c->v[k].end, &e)))
			pii__cand_add(c, t, s, e, PII_DATE_OF_BIRTH, 0.9);
	}
}

/* A surname alone right before a phone number, in a list of contacts
 * (保護者名簿: 浅井　080-…; 連絡網: 秋山 → 伊東（075-…）): 2-4 kanji that
 * ENAMDICT lists as a surname, opening a line or after a space, an arrow,
 * 、 or ':', and followed by spaces or an opening bracket and the number.
 * Words that name the line rather than a person (自宅, 代表…) are not. */
static const char *const contact_words[] = {"自宅", "携帯", "代表", "直通", "内線", "電話", "連絡先",
					    "本人", "窓口", "担当", "緊急", "勤務先", "職場", "実家",
					    "会社", "本庁", "夜間", "日中", "平日", "休日", "祖母", "祖父",
					    "長男", "長女", "次男", "次女", "家族", "受付", "学校", "支所",
					    "留守", "不在", "予備", "土日", "祝日", "週末", "午前", "午後",
					    /* a shared mailbox's note (…@….jp（共通）), tenth round */
					    "共通", "共用", "専用", "公用", NULL};

/* Offices listed by the district they serve, one a line before its phone
 * (包括 高台 053-…, 保健センター 北部 …): the word before the space ends
 * with one of these, the district is a place (tenth round); or a
 * union's or an association's office before its line (…漁業協同組合 本所
 * 0153-…, …観光協会 本部 …; session 13). */
static const char *const office_list_words[] = {"包括", "支所", "分室", "出張所", "公民館",
						"児童館", "地区", "校区", "センター", "組合",
						"協会", NULL};

/* A name alone in brackets right after a phone number or a mail address
 * (…@example.ne.jp（黒川 真）): 1-3 kanji that ENAMDICT lists as a surname,
 * a space and a given name of 1-4 kanji or kana, then ）; a surname of 2-3
 * kanji alone only after a mail address (電話…（土地） is a qualifier); not
 * a word of the line (自宅, 勤務先…). */
static void surname_in_brackets_after(const struct pii__text *t, struct pii__cands *c, size_t k,
				      const struct pii__names *names)
{
	size_t a = c->v[k].end;
	if (a + 2 >= t->n || t->cp[a] != '(')
		return;
	a++;
	size_t b = a;
	while (b < t->n && pii__is_kanji(t->cp[b]) && b - a < 4)
		b++;
	if (b - a < 1 || b - a > 3 || b >= t->n)
		return;
	size_t e = b;
	if (t->cp[b] == ' ' && b + 1 < t->n) {
		size_t g = b + 1;
		while (g < t->n && (pii__is_kanji(t->cp[g]) || pii__is_hira(t->cp[g]) ||
				    pii__is_kata(t->cp[g])) && g - b <= 4)
			g++;
		if (g - b - 1 >= 1 && g - b - 1 <= 4)
			e = g;
	}
	/* a surname alone is too often a word there (（土地）, （母）): a full
	 * name with its space, or a surname alone after a mail address */
	if (e >= t->n || t->cp[e] != ')' ||
	    (e == b && (b - a < 2 || c->v[k].type != PII_EMAIL)) ||
	    !(pii__names_lookup(names, t->cp + a, b - a) & PII_NAME_SURNAME))
		return;
	int stop = 0;
	for (size_t w = 0; contact_words[w] && !stop; w++)
		stop = pii__match(t, a, contact_words[w]) != 0;
	if (!stop)
		pii__cand_add(c, t, a, e, PII_PERSON, 0.8);
}

static void surnames_before_phones(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	size_t n = c->n;
	for (size_t k = 0; names && k < n; k++) {
		if (c->v[k].type == PII_PHONE || c->v[k].type == PII_EMAIL)
			surname_in_brackets_after(t, c, k, names);
		if (c->v[k].type != PII_PHONE)
			continue;
		size_t b = c->v[k].start;
		if (b > 0 && t->cp[b - 1] == '(')
			b--;
		else
			while (b > 0 && t->cp[b - 1] == ' ')
				b--;
		if (b == c->v[k].start)
			continue;
		size_t a = b;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && b - a <= 4)
			a--;
		if (b - a < 2 || b - a > 4)
			continue;
		if (a > 0) {
			uint32_t p = t->cp[a - 1];
			if (p != '\n' && p != ' ' && p != 0x2192 /* → */ && p != 0x3001 /* 、 */ &&
			    p != ':' && p != '>')
				continue;
		}
		int stop = 0;
		for (size_t w = 0; contact_words[w] && !stop; w++)
			stop = pii__match(t, a, contact_words[w]) != 0;
		if (a >= 3 && t->cp[a - 1] == ' ') {
			size_t o = a - 1;
			while (o > 0 && t->cp[o - 1] != ' ' && t->cp[o - 1] != '\n' && a - o <= 6)
				o--;
			/* the word ends with one of them (保健センター 北部) */
			stop = stop || pii__ends_with(t, o, a - 1, office_list_words) != 0;
		}
		if (stop || !(pii__names_lookup(names, t->cp + a, b - a) & PII_NAME_SURNAME))
			continue;
		pii__cand_add(c, t, a, b, PII_PERSON, 0.7);
	}
}

/* Order for overlap resolution: start, then longer first. */
static int cmp_span(const void *a, const void *b)
{
	const struct pii_span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->confidence > y->confidence ? -1 : x->confidence < y->confidence;
}

/* Of two overlapping spans, keeps the more confident; on a tie the longer. */
static int wins(const struct pii_span *a, const struct pii_span *b)
{
	if (a->confidence != b->confidence)
		return a->confidence > b->confidence;
	return a->end - a->start >= b->end - b->start;
}

/* Fills *q, whose seen[] must be all zero. */
static void cues_fill(const uint32_t *cp, size_t n, struct pii__cues *q)
{
	unsigned cls = 0;
	uint32_t words = 0; /* in a register, stored once */
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];
		if (c < 0x80) {
			q->ascii[c >> 6] |= (uint64_t)1 << (c & 63);
			continue;
		}
		unsigned b = pii__cue_bit(c);
		q->seen[b >> 6] |= (uint64_t)1 << (b & 63);
		words |= (uint32_t)1 << (b >> 6);
		/* the common kanji and hiragana first, one compare each */
		if (c - 0x4E00u <= 0x9FFFu - 0x4E00u)
			cls |= PII_CUE_KANJI;
		else if (c - 0x3041u <= 0x309Fu - 0x3041u)
			cls |= PII_CUE_HIRA;
		else if (pii__is_kanji(c))
			cls |= PII_CUE_KANJI;
		else if (pii__is_hira(c))
			cls |= PII_CUE_HIRA;
		else if (pii__is_kata(c))
			cls |= PII_CUE_KATA;
		else if (pii__is_latin(c))
			cls |= PII_CUE_LATIN_X;
		else if (c >= 0xAC00 && c <= 0xD7A3)
			cls |= PII_CUE_HANGUL;
		else if (pii__abugida(c))
			cls |= PII_CUE_ABUGIDA;
	}
	q->cls = cls;
	q->words = words;
}

void pii__cues_build(const uint32_t *cp, size_t n, struct pii__cues *q)
{
	memset(q, 0, sizeof(*q));
	cues_fill(cp, n, q);
}

void pii__cues_rebuild(const uint32_t *cp, size_t n, struct pii__cues *q)
{
	/* a short text's filter (one or two words of seen[] filled) is
	 * cleared word by word, a longer one at once */
	uint32_t w = q->words, rest = w & (w - 1);
	if (rest & (rest - 1)) {
		memset(q->seen, 0, sizeof(q->seen));
	} else {
		for (; w; w &= w - 1)
			q->seen[__builtin_ctz(w)] = 0;
	}
	q->ascii[0] = q->ascii[1] = 0;
	q->cls = 0;
	q->words = 0;
	cues_fill(cp, n, q);
}

/* ---- keyword matching (the slow paths of pii__match_any()) ----------------- */

size_t pii__match_chain(const struct pii__text *t, size_t i, const struct pii__kwlist *L)
{
	uint32_t c = t->cp[i];
	for (unsigned k = L->head[pii__kw_bit(c)]; k != 255; k = L->next[k]) {
		size_t m = L->cp0[k] == c ? pii__kw_tail(t, i, L, k) : 0;
		if (m)
			return m;
	}
	return 0;
}

/* The code point at i is encoded to UTF-8 once and compared with each
 * keyword's first bytes before the whole keyword is matched. */
size_t pii__match_plain(const struct pii__text *t, size_t i, const char *const *words)
{
	uint32_t c = t->cp[i];
	unsigned char u0, u1 = 0, u2 = 0;
	if (c < 0x80) {
		u0 = (unsigned char)c;
	} else if (c < 0x800) {
		u0 = (unsigned char)(0xC0 | c >> 6);
		u1 = (unsigned char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		u0 = (unsigned char)(0xE0 | c >> 12);
		u1 = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		u2 = (unsigned char)(0x80 | (c & 0x3F));
	} else {
		u0 = (unsigned char)(0xF0 | c >> 18);
		u1 = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	}
	for (size_t k = 0; words[k]; k++) {
		const unsigned char *w = (const unsigned char *)words[k];
		if (w[0] != u0 || (u1 && w[1] != u1) || (u2 && w[2] != u2))
			continue;
		size_t m = pii__match(t, i, words[k]);
		if (m)
			return m;
	}
	return 0;
}

int pii__is_word_slow(const struct pii__text *t, size_t i, size_t e, const char *const *words,
		      const struct pii__kwlist *L)
{
	if (L && !L->plain)
		return pii__kw_equal(t, i, e, L) >= 0;
	for (size_t k = 0; words[k]; k++)
		if (pii__match(t, i, words[k]) == e - i)
			return 1;
	return 0;
}

const struct pii__kwcues *pii__kwlist_cues(const struct pii__kwlist *L)
{
	struct pii__cues all = {{0, 0}, {0}, 0, 0};
	uint32_t c[PII_KWLIST_MAX];
	size_t n = 0;
	for (size_t k = 0; k < L->n; k++) {
		pii__kw_decode((const unsigned char *)L->words[k], &c[n]);
		if (++n == PII_KWLIST_MAX || k + 1 == L->n) {
			struct pii__cues part;
			pii__cues_build(c, n, &part);
			for (size_t j = 0; j < 2; j++)
				all.ascii[j] |= part.ascii[j];
			for (size_t j = 0; j < PII_CUES_BITS / 64; j++)
				all.seen[j] |= part.seen[j];
			n = 0;
		}
	}
	struct pii__kwcues *F = yk_xcalloc(1, sizeof(*F));
	F->ascii[0] = all.ascii[0];
	F->ascii[1] = all.ascii[1];
	for (size_t j = 0; j < PII_CUES_BITS / 64; j++) {
		F->seen[j] = all.seen[j];
		if (all.seen[j])
			F->words |= (uint32_t)1 << j;
	}
	/* the first to publish wins; the index lives until the process exits */
	struct pii__kwcues *none = NULL;
	struct pii__kwlist *W = (struct pii__kwlist *)L;
	if (!atomic_compare_exchange_strong_explicit(&W->cues, &none, F, memory_order_acq_rel,
						     memory_order_acquire)) {
		free(F);
		return none;
	}
	return F;
}

int pii_scan(struct pii_scanner *s, const char *text, size_t len, const struct pii_span **spans,
	     size_t *nspans)
{
	return pii__scan(s, text, len, 1, spans, nspans);
}

/* ---- copies of the text ---------------------------------------------------- */

/* What a copy of the text left out (a quoted cell's quotes, the spaces of
 * pii__spacing_gaps()): where, in the copy, and the code points and bytes
 * left out up to there, that place included. */
struct gapmap {
	size_t cp, byte, cumcp, cumb;
};

/* What was left out before x of the copy (at x too for a span's start: a
 * cell's opening quote, or the spaces, before its first code point are not
 * its own; only before x for its end). */
static size_t shift_before(const struct gapmap *m, size_t n, size_t x, int byte, int at)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t p = byte ? m[mid].byte : m[mid].cp;
		if (p < x || (at && p == x))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return 0;
	return byte ? m[lo - 1].cumb : m[lo - 1].cumcp;
}

/* The spans of a copy, back to the offsets of the text it was made from. */
static void map_back(struct pii_span *v, size_t nv, const struct gapmap *m, size_t n)
{
	for (size_t i = 0; i < nv; i++) {
		v[i].start += shift_before(m, n, v[i].start, 0, 1);
		v[i].end += shift_before(m, n, v[i].end, 0, 0);
		v[i].byte_start += shift_before(m, n, v[i].byte_start, 1, 1);
		v[i].byte_end += shift_before(m, n, v[i].byte_end, 1, 0);
	}
}

/* ---- quoted CSV rows ------------------------------------------------------ */

/* A spreadsheet's CSV export quotes its cells ("松本 千尋","1995/03/19"),
 * and the rules read rows of bare cells (松本 千尋,1995/03/19): on the
 * labelled texts' quoted rows they found 47 of 51 values, and all 51 with
 * the quotes taken out. So a text holding quoted cells is scanned as a
 * copy without the quotes of its simple cells, and the spans are mapped
 * back: a simple cell opens with " at the line's start or after a comma or
 * a tab, and its next " closes it before a comma, a tab or the line's end
 * (\r too), with no comma or tab inside ("21,600" keeps its quotes). */
static int has_quoted_cells(const char *text, size_t len)
{
	return memmem(text, len, "\",\"", 3) || memmem(text, len, "\"\t\"", 3);
}

static int cell_sep(char c)
{
	return c == ',' || c == '\t';
}

static void quote_removed(struct pii_scanner *s, size_t cp, size_t byte)
{
	if (s->nrm == s->cap_rm) {
		s->cap_rm = s->cap_rm ? 2 * s->cap_rm : 64;
		s->rm = yk_xrealloc(s->rm, s->cap_rm * sizeof(*s->rm));
	}
	s->rm[s->nrm] = (struct gapmap){cp, byte, s->nrm + 1, s->nrm + 1};
	s->nrm++;
}

/* Copies [a, e) of the text into s->uq; *cps counts its code points. */
static int copy_bytes(struct pii_scanner *s, const char *text, size_t a, size_t e, size_t *cps)
{
	for (size_t i = a; i < e; i++)
		*cps += ((unsigned char)text[i] & 0xC0) != 0x80;
	return yk_buf_add(&s->uq, text + a, e - a);
}

/* s->uq and s->rm from text (valid UTF-8: a quote removed sits between a
 * separator or a line's start and a cell's first byte, or between its last
 * byte and a separator or a line's end, so the copy is valid too). */
static int unquote_rows(struct pii_scanner *s, const char *text, size_t len)
{
	yk_buf_reset(&s->uq);
	s->nrm = 0;
	size_t cps = 0;
	for (size_t a = 0; a < len;) {
		const char *nl = memchr(text + a, '\n', len - a);
		size_t e = nl ? (size_t)(nl - text) : len;
		size_t next = nl ? e + 1 : len;
		if (!has_quoted_cells(text + a, e - a)) {
			if (copy_bytes(s, text, a, next, &cps))
				return YK_ELIMIT;
			a = next;
			continue;
		}
		size_t from = a; /* bytes not yet copied */
		for (size_t i = a; i < e; i++) {
			if (text[i] != '"' || (i > a && !cell_sep(text[i - 1])))
				continue;
			size_t q = i + 1;
			while (q < e && text[q] != '"' && !cell_sep(text[q]))
				q++;
			if (q >= e || text[q] != '"' ||
			    !(q + 1 == e || cell_sep(text[q + 1]) || text[q + 1] == '\r'))
				continue;
			if (copy_bytes(s, text, from, i, &cps))
				return YK_ELIMIT;
			quote_removed(s, cps, s->uq.len);
			if (copy_bytes(s, text, i + 1, q, &cps))
				return YK_ELIMIT;
			quote_removed(s, cps, s->uq.len);
			from = q + 1;
			i = q;
		}
		if (copy_bytes(s, text, from, next, &cps))
			return YK_ELIMIT;
		a = next;
	}
	return 0;
}

/* ---- spaces read past (pii_spacing.c) ------------------------------------ */

static size_t count_cps(const char *s, size_t a, size_t e)
{
	size_t n = 0;
	for (size_t i = a; i < e; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static int spaced_copy(struct pii_scanner *s, const char *text, size_t len)
{
	yk_buf_reset(&s->sp);
	s->nsm = 0;
	size_t from = 0, cps = 0, cumcp = 0, cumb = 0;
	for (size_t i = 0; i < s->gaps.n; i++) {
		const struct pii__gap *g = &s->gaps.v[i];
		if (yk_buf_add(&s->sp, text + from, g->b - from))
			return YK_ELIMIT;
		cps += count_cps(text, from, g->b);
		cumcp += count_cps(text, g->b, g->e);
		cumb += g->e - g->b;
		if (s->nsm == s->cap_sm) {
			s->cap_sm = s->cap_sm ? 2 * s->cap_sm : 16;
			s->sm = yk_xrealloc(s->sm, s->cap_sm * sizeof(*s->sm));
		}
		s->sm[s->nsm++] = (struct gapmap){cps, s->sp.len, cumcp, cumb};
		from = g->e;
	}
	return yk_buf_add(&s->sp, text + from, len - from) ? YK_ELIMIT : 0;
}

static int scan_text(struct pii_scanner *s, const char *text, size_t len, int cues,
		     const struct pii_span **spans, size_t *nspans);

/* scan_text() of the text, or of its copy without the gaps, mapped back */
static int scan_spaced(struct pii_scanner *s, const char *text, size_t len, int cues,
		       const struct pii_span **spans, size_t *nspans, int valid)
{
	/* (the gaps are read safely from any bytes; the text is validated
	 * before its copy is made, as removing bytes could mend it) */
	if (!pii__spacing_gaps(text, len, &s->gaps))
		return scan_text(s, text, len, cues, spans, nspans);
	if (!valid && !yk_utf8_valid(text, len, NULL))
		return YK_EUTF8;
	if (spaced_copy(s, text, len))
		return YK_ELIMIT;
	int rc = scan_text(s, s->sp.data, s->sp.len, cues, spans, nspans);
	if (rc)
		return rc;
	map_back(s->out, *nspans, s->sm, s->nsm);
	return 0;
}

int pii__scan(struct pii_scanner *s, const char *text, size_t len, int cues,
	      const struct pii_span **spans, size_t *nspans)
{
	*spans = NULL;
	*nspans = 0;
	if (len > PII_INPUT_MAX)
		return YK_ELIMIT;
	if (!memchr(text, '"', len) || !has_quoted_cells(text, len))
		return scan_spaced(s, text, len, cues, spans, nspans, 0);
	if (!yk_utf8_valid(text, len, NULL))
		return YK_EUTF8;
	if (unquote_rows(s, text, len))
		return YK_ELIMIT;
	int rc = scan_spaced(s, s->uq.data, s->uq.len, cues, spans, nspans, 1);
	if (rc)
		return rc;
	/* the spans of the copy, back to the text's offsets (the scanner
	 * owns them) */
	map_back(s->out, *nspans, s->rm, s->nrm);
	return 0;
}

static int scan_text(struct pii_scanner *s, const char *text, size_t len, int cues,
		     const struct pii_span **spans, size_t *nspans)
{
	if (len + 1 > s->cap) {
		s->cap = len + 1;
		free(s->cp);
		free(s->boff);
		free(s->nl);
		s->cp = yk_xmalloc(s->cap * sizeof(*s->cp));
		s->boff = yk_xmalloc(s->cap * sizeof(*s->boff));
		s->nl = yk_xmalloc(s->cap * sizeof(*s->nl));
	}
	/* one pass: validate and fold (text_fold() after yk_utf8_valid()) */
	size_t n;
	if (text_fold_checked(text, len, s->cp, s->boff, &n))
		return YK_EUTF8;
	pii__kanji_ke(s->cp, n);
	/* the shared cue pass: what the text holds, for the rules to skip
	 * what cannot occur */
	if (cues)
		pii__cues_rebuild(s->cp, n, &s->cues);
	/* each position's distance to its line's end, from the back (see
	 * pii__text.nl) */
	for (size_t i = n, d = 0; i-- > 0;) {
		d = s->cp[i] == '\n' ? 0 : d + 1;
		s->nl[i] = (uint32_t)d;
	}
	const struct pii__text t = {s->cp, s->boff, n, text, len, cues ? &s->cues : NULL, s->nl};
	s->cand.n = 0;
	pii__detect_email(&t, &s->cand);
	pii__detect_numbers(&t, &s->cand);
	pii__detect_alnum_ids(&t, &s->cand);
	pii__detect_dates(&t, &s->cand);
	pii__values_joined(&t, &s->cand);
	pii__detect_address(&t, &s->cand);
	pii__detect_foreign_address(&t, &s->cand);
	pii__detect_fields(&t, &s->cand);
	s->places.n = 0;
	pii__detect_tables(&t, &s->cand, &s->places);
	if (s->tk) {
		int rc = pii__detect_person(s->person, s->tk, &t, &s->cand);
		if (rc)
			return rc;
	}
	pii__bare_rules(&t, &s->cand);
	surnames_before_phones(&t, &s->cand);
	birth_dates_after_names(&t, &s->cand, 0);
	pii__bank_designations(&t, &s->cand);
	pii__layout_rules(&t, &s->cand);
	/* (a tab is folded to a space); 、 before a postal code after an
	 * address */
	if (pii__may_have(&t, ',') || pii__may_have(&t, ' ') || pii__may_have(&t, 0x3001))
		pii__postal_cells(&t, &s->cand);
	/* the learned model's names, where no rule found anything */
	size_t ruled = s->cand.n;
	if (s->tk)
		pii__learned_names(&t, &s->cand, &s->learn, s->det->learn, s->det->learn_margin,
				   s->tk);
	/* names whose parts the rules or the model found apart */
	pii__names_whole(&t, &s->cand);
	/* the cells after the names added since the layout rules ran, and
	 * the dates in brackets after them (選手：小笠原 凛（2010年7月9日）,
	 * the model's name; batches 458-461) */
	if (s->cand.n > ruled) {
		pii__birth_date_cells_late(&t, &s->cand);
		birth_dates_after_names(&t, &s->cand, ruled);
	}
	pii__memo_names(&t, &s->cand);
	pii__places_no_names(&s->cand, &s->places);
	pii__route_places(&t, &s->cand);
	pii__facility_list_places(&t, &s->cand);
	pii__public_filter(&t, &s->cand);

	/* allow-list, and the published contacts of organisations (the
	 * persons found, indexed once for the contacts' windows) */
	const struct pii__persons *persons = NULL;
	if (s->cand.n >= PII_INDEX_MIN) {
		pii__persons_index(&s->persons, &s->cand);
		persons = &s->persons;
	}
	size_t k = 0;
	for (size_t i = 0; i < s->cand.n; i++) {
		struct pii_span *c = &s->cand.v[i];
		if ((c->type == PII_PHONE || c->type == PII_POSTAL_CODE || c->type == PII_ADDRESS ||
		     c->type == PII_EMAIL) &&
		    pii__organisation_contact_at(&t, &s->cand, c, persons))
			continue;
		if (s->det->nallow) {
			yk_buf_reset(&s->canon);
			if (pii__canon(text + c->byte_start, c->byte_end - c->byte_start, &s->canon) == 0 &&
			    allowed(s->det, s->canon.data ? s->canon.data : ""))
				continue;
		}
		s->cand.v[k++] = *c;
	}
	s->cand.n = k;

	/* overlaps: sweep in start order, keeping the winner of each clash
	 * (a few candidates, the usual case, sorted by insertion: stable, as
	 * glibc's merge sort is, so equal spans keep their order) */
	if (s->cand.n > 16) {
		qsort(s->cand.v, s->cand.n, sizeof(*s->cand.v), cmp_span);
	} else {
		for (size_t i = 1; i < s->cand.n; i++) {
			struct pii_span x = s->cand.v[i];
			size_t j = i;
			for (; j > 0 && cmp_span(&s->cand.v[j - 1], &x) > 0; j--)
				s->cand.v[j] = s->cand.v[j - 1];
			s->cand.v[j] = x;
		}
	}
	if (s->cand.n > s->cap_out) {
		s->cap_out = s->cand.n;
		s->out = yk_xrealloc(s->out, s->cap_out * sizeof(*s->out));
	}
	size_t m = 0;
	for (size_t i = 0; i < s->cand.n; i++) {
		const struct pii_span *c = &s->cand.v[i];
		size_t j = m;
		int lost = 0;
		while (j && c->start < s->out[j - 1].end) {
			if (!wins(c, &s->out[j - 1])) {
				lost = 1;
				break;
			}
			j--;
		}
		if (lost)
			continue;
		m = j;
		s->out[m++] = *c;
	}
	*spans = s->out;
	*nspans = m;
	return 0;
}
