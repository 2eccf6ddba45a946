/* pii/context: keyword search in the folded text (text_fold() of text/,
 * the one folding normaliser) and the canonical form used to compare
 * values. */
#include <pthread.h>
#include <stddef.h> /* offsetof() */

#include "pii_int.h"
#include "core/banned.h"

/* Long-vowel marks, hyphens after a digit in a value (0299ー88). */
static int is_long_vowel(uint32_t c) { return c == 0x30FC || c == 0xFF70; }

size_t pii__kw_len(const char *kw)
{
	const unsigned char *k = (const unsigned char *)kw;
	size_t n = 0;
	while (*k) {
		uint32_t c;
		k += pii__kw_decode(k, &c);
		n++;
	}
	return n;
}

/* pii__ends_with() keyword by keyword (lists without an index; and the
 * sanitizer builds' check of the indexed search). */
static size_t ends_with_each(const struct pii__text *t, size_t a, size_t b,
			     const char *const *words)
{
	for (size_t k = 0; words[k]; k++) {
		size_t m = pii__kw_len(words[k]);
		if (m <= b - a && pii__match(t, b - m, words[k]) == m)
			return m;
	}
	return 0;
}

size_t pii__ends_with(const struct pii__text *t, size_t a, size_t b, const char *const *words)
{
	if (b < a || b > t->n)
		return 0;
	const struct pii__kwlist *L = pii__kwlist_get(words);
	if (!L || L->plain)
		return ends_with_each(t, a, b, words);
	/* only the keywords whose last code point is the one before b, in
	 * list order (the chain's order): the same first match */
	long k = pii__kw_ending(t, a, b, L);
	size_t found = k < 0 ? 0 : L->len[k];
#if defined(__SANITIZE_ADDRESS__)
	if (found != ends_with_each(t, a, b, words))
		abort();
#endif
	return found;
}

/* ---- keyword list index ------------------------------------------------------ */

/* Open addressing by the list's address; a slot, once set, never changes
 * (readers need no lock). Entries live until the process exits. */
_Atomic(struct pii__kwlist *) pii__kwlist_slot[PII_KWLIST_SLOTS];
_Static_assert(PII_KWLIST_SLOTS == 512, "pii__kwlist_hash() gives 9 bits");
static pthread_mutex_t kwlist_lock = PTHREAD_MUTEX_INITIALIZER;

static struct pii__kwlist *kwlist_build(const char *const *words)
{
	size_t n = 0;
	while (words[n])
		n++;
	/* not calloc(): the per-keyword arrays (a few kilobytes) are written
	 * for the n keywords and read for them only; the bit filters start
	 * empty, the chain heads are set below */
	struct pii__kwlist *L = yk_xmalloc(sizeof(*L));
	memset(L, 0, offsetof(struct pii__kwlist, len));
	L->cps = NULL;
	atomic_init(&L->cues, NULL);
	L->words = words;
	L->n = n;
	if (n > PII_KWLIST_MAX)
		goto plain;
	memset(L->head, 255, sizeof(L->head));
	memset(L->lhead, 255, sizeof(L->lhead));
	uint8_t tail[256], ltail[256];
	size_t total = 0; /* code points of all keywords (at most one a byte) */
	for (size_t k = 0; k < n; k++)
		total += strlen(words[k]);
	L->cps = yk_xmalloc((total ? total : 1) * sizeof(*L->cps));
	size_t used = 0;
	for (size_t k = 0; k < n; k++) {
		const unsigned char *w = (const unsigned char *)words[k];
		uint32_t c = 0, first = 0;
		size_t len = 0;
		L->off[k] = (uint16_t)used;
		while (*w) {
			w += pii__kw_decode(w, &c);
			if (len++ == 0)
				first = c;
			if (len <= 255)
				L->cps[used++] = c;
		}
		if (len == 0 || len > 255) /* an empty keyword matches everywhere */
			goto plain;
		L->len[k] = (uint8_t)len;
		L->cp0[k] = first;
		unsigned b = pii__kw_bit(first), e = pii__kw_bit(c);
		L->first[b >> 6] |= (uint64_t)1 << (b & 63);
		L->last[e >> 6] |= (uint64_t)1 << (e & 63);
		/* append k to the chain of its first code point's bit */
		L->next[k] = 255;
		if (L->head[b] == 255)
			L->head[b] = (uint8_t)k;
		else
			L->next[tail[b]] = (uint8_t)k;
		tail[b] = (uint8_t)k;
		/* and to the chain of its last code point's bit */
		L->cpl[k] = c;
		L->lnext[k] = 255;
		if (L->lhead[e] == 255)
			L->lhead[e] = (uint8_t)k;
		else
			L->lnext[ltail[e]] = (uint8_t)k;
		ltail[e] = (uint8_t)k;
	}
	return L;
plain:
	/* no index: filters that let everything through */
	L->plain = 1;
	for (size_t b = 0; b < 4; b++)
		L->first[b] = L->last[b] = ~(uint64_t)0;
	return L;
}

#if defined(__SANITIZE_ADDRESS__)
/* A list with automatic storage reusing a static list's address would get
 * that list's index: sanitizer builds (the tests) catch such a caller. */
static void kwlist_verify(const struct pii__kwlist *L, const char *const *words)
{
	for (size_t k = 0; k < L->n; k++)
		if (words[k] != L->words[k] || (!L->plain && pii__kw_len(words[k]) != L->len[k]))
			abort();
	if (words[L->n])
		abort();
}
#endif

/* The lists that sit far from their home slot (two or more slots past
 * it), found again without the probe: a list the inline look-up misses
 * is asked for at every position a rule tests, and the probe walked up to
 * a dozen slots each time. Keyed by another hash of the list's address;
 * a slot holds the last such list seen there (any thread may overwrite
 * it: a reader checks the list it gets, and the lists never change). */
static _Atomic(struct pii__kwlist *) kwlist_far[PII_KWLIST_SLOTS];

static size_t kwlist_far_hash(const char *const *words)
{
	uint64_t a = (uint64_t)(uintptr_t)words;
	return (size_t)((a * 0xC2B2AE3D27D4EB4Fu) >> 55); /* 9 bits */
}

/* The probe from the home slot, and the build of a list not seen yet
 * (out of line: the look-up above it stays a leaf). */
static __attribute__((noinline)) const struct pii__kwlist *kwlist_probe(const char *const *words,
									 size_t f)
{
	size_t h = pii__kwlist_hash(words);
	for (size_t probe = 0; probe < PII_KWLIST_SLOTS; probe++) {
		size_t i = (h + probe) % PII_KWLIST_SLOTS;
		struct pii__kwlist *L = atomic_load_explicit(&pii__kwlist_slot[i], memory_order_acquire);
		if (L && L->words == words) {
#if defined(__SANITIZE_ADDRESS__)
			kwlist_verify(L, words);
#endif
			if (probe >= 2)
				atomic_store_explicit(&kwlist_far[f], L, memory_order_release);
			return L;
		}
		if (L)
			continue;
		/* empty: build under the lock, unless another thread just did */
		pthread_mutex_lock(&kwlist_lock);
		L = atomic_load_explicit(&pii__kwlist_slot[i], memory_order_acquire);
		if (!L) {
			L = kwlist_build(words);
			atomic_store_explicit(&pii__kwlist_slot[i], L, memory_order_release);
			pthread_mutex_unlock(&kwlist_lock);
			return L;
		}
		pthread_mutex_unlock(&kwlist_lock);
		if (L->words == words)
			return L;
	}
	return NULL; /* table full: the plain search */
}

const struct pii__kwlist *pii__kwlist_lookup(const char *const *words)
{
	size_t f = kwlist_far_hash(words);
	struct pii__kwlist *F = atomic_load_explicit(&kwlist_far[f], memory_order_acquire);
	if (F && F->words == words) {
#if defined(__SANITIZE_ADDRESS__)
		kwlist_verify(F, words);
#endif
		return F;
	}
	return kwlist_probe(words, f);
}

/* The search per keyword over [lo, pos): for each keyword its nearest
 * occurrence; the nearest keyword wins, then the longest, then the first
 * in the list. For lists without an index; sanitizer builds check the
 * indexed search of pii__find_before() against it. */
static int find_before_each(const struct pii__text *t, size_t lo, size_t pos,
			    const char *const *kws, size_t *dist)
{
	int best = -1;
	size_t best_dist = 0, best_len = 0;
	/* which code points (hashed into 256 bits) the window holds: a
	 * keyword whose first code point is not there is skipped */
	uint64_t present[4] = {0, 0, 0, 0};
	for (size_t q = lo; q < pos; q++) {
		unsigned b = pii__kw_bit(t->cp[q]);
		present[b >> 6] |= (uint64_t)1 << (b & 63);
	}
	for (size_t k = 0; kws[k]; k++) {
		uint32_t first;
		const unsigned char *kw = (const unsigned char *)kws[k];
		size_t off = pii__kw_decode(kw, &first);
		if (!pii__kw_has(present, first))
			continue;
		size_t kl = 1;
		while (kw[off]) {
			uint32_t c;
			off += pii__kw_decode(kw + off, &c);
			kl++;
		}
		if (kl > pos - lo)
			continue;
		/* nearest occurrence: scan start positions from the right */
		for (size_t q = pos - kl + 1; q-- > lo;) {
			if (t->cp[q] == first && pii__match(t, q, kws[k])) {
				size_t d = pos - (q + kl);
				if (best < 0 || d < best_dist || (d == best_dist && kl > best_len)) {
					best = (int)k;
					best_dist = d;
					best_len = kl;
				}
				break;
			}
		}
	}
	*dist = best_dist;
	return best;
}

int pii__find_before(const struct pii__text *t, size_t pos, size_t window, const char *const *kws,
		     size_t *dist)
{
	size_t lo = pos > window ? pos - window : 0;
	for (size_t q = pos; q > lo; q--)
		if (pii__is_boundary(t->cp[q - 1])) {
			lo = q;
			break;
		}
	int best = -1;
	size_t best_dist = 0, best_len = 0;
	const struct pii__kwlist *L = pii__kwlist_get(kws);
	if (L && !L->plain) {
		/* with the list's index: every start position once, and only the
		 * keywords that start with its code point. The nearest keyword
		 * wins, then the longest, then the first in the list: the same
		 * answer as find_before_each() (an occurrence that is not its
		 * keyword's nearest is never better than that one). */
		for (size_t q = lo; q < pos; q++) {
			uint32_t c = t->cp[q];
			if (!pii__kw_has(L->first, c))
				continue;
			for (unsigned k = L->head[pii__kw_bit(c)]; k != 255; k = L->next[k]) {
				size_t kl = L->len[k];
				if (L->cp0[k] != c || kl > pos - q || !pii__kw_tail(t, q, L, k))
					continue;
				size_t d = pos - (q + kl);
				if (best < 0 || d < best_dist || (d == best_dist && kl > best_len) ||
				    (d == best_dist && kl == best_len && (int)k < best)) {
					best = (int)k;
					best_dist = d;
					best_len = kl;
				}
			}
		}
#if defined(__SANITIZE_ADDRESS__)
		size_t d_each;
		if (find_before_each(t, lo, pos, kws, &d_each) != best || (best >= 0 && d_each != best_dist))
			abort();
#endif
	} else {
		best = find_before_each(t, lo, pos, kws, &best_dist);
	}
	if (best >= 0 && dist)
		*dist = best_dist;
	return best;
}

int pii__find_after(const struct pii__text *t, size_t pos, size_t window, const char *const *kws)
{
	const struct pii__kwlist *L = pii__kwlist_get(kws);
	for (size_t q = pos; q < t->n && q < pos + window; q++) {
		if (pii__is_boundary(t->cp[q]))
			return 0;
		if (L && !pii__kw_has(L->first, t->cp[q]))
			continue;
		for (size_t k = 0; kws[k]; k++)
			if (pii__match(t, q, kws[k]))
				return 1;
	}
	return 0;
}

int pii__canon(const char *s, size_t len, struct yk_buf *out)
{
	size_t i = 0;
	uint32_t prev = 0;
	/* appended in blocks, not a yk_buf_add() per code point (this runs
	 * for every candidate when there is an allow-list) */
	char blk[256];
	size_t nb = 0;
	while (i < len) {
		uint32_t c = (unsigned char)s[i];
		/* inline for ASCII (numbers, mail addresses: most candidates) and
		 * for what text_fold_cp() leaves alone (kana, kanji: U+3001 ..
		 * U+FE57, as text_fold_checked() relies on) */
		if (c < 0x80) {
			if (c == '\t')
				c = ' ';
			i++;
		} else {
			i += yk_utf8_decode(s + i, len - i, &c);
			if (c < 0x3001 || c > 0xFE57)
				c = text_fold_cp(c);
		}
		if (is_long_vowel(c) && pii__is_digit(prev))
			c = '-';
		prev = c;
		if (c == ' ' || c == '-' || c == '(' || c == ')')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		if (nb + 4 > sizeof(blk)) {
			int rc = yk_buf_add(out, blk, nb);
			if (rc)
				return rc;
			nb = 0;
		}
		if (c < 0x80)
			blk[nb++] = (char)c;
		else
			nb += yk_utf8_encode(c, blk + nb);
	}
	return nb ? yk_buf_add(out, blk, nb) : 0;
}

/* ---- contacts of an organisation -------------------------------------------- */

/* Words that make the phone numbers, postal codes, addresses and mail
 * addresses after them an organisation's published contact, not a person's:
 * the city's own offices (代表, 直通, 公用携帯, 庁舎), other public bodies and
 * facilities, companies, and the labels that introduce them (所在地,
 * 問合せ先). */
static const char *const office_words[] = {
	"代表", "直通", "内線", "公用", "市役所", "区役所", "役所", "役場", "庁舎", "事務所",
	"事務局", "出張所", "センター", "法務局", "協会", "会館", "株式会社", "有限会社",
	"(株)", "業者", "病院",
	/* the company forms written as one sign (㈱十勝管工 帯広市… 0155-…;
	 * text folding leaves them as they are; session 18) */
	"㈱", "㈲", "(有)",
	/* care services for children and the elderly, whose offices are
	 * named before their numbers (放課後等デイサービス かがやき TEL
	 * 0235-…, 訪問看護ステーション; session 18) */
	"デイサービス", "放課後等デイ", "看護ステーション", "ヘルパーステーション",
	"ケアステーション", "グループホーム",
	"保育園", "幼稚園", "学校", "所在地", "問合せ先", "問い合わせ先", "問合わせ先", "施設",
	"事業所", "法人", "機構", "年金事務所", "組合", "郵便局", "支所",
	"公民館", "図書館", "県庁", "公園", "体育館", "美術館", "博物館", "保育所",
	/* a children's hall, as a city's lists of after-school clubs name
	 * it after a club's address (…1番地（緑ケ丘児童館内）, batch 350) */
	"児童館",
	/* public bodies named before their number (seventh round) */
	"ハローワーク", "税務署", "警察署", "消防署", "広域連合",
	/* a court named before its address (枚方簡易裁判所：〒…; batches
	 * 594-609) */
	"裁判所",
	/* a venue (会場：クリエート浜松 3階（…）), a section named after an
	 * address it receives mail at (…1番1号 市民課郵送担当あて) (eighth
	 * round) */
	"会場", "担当あて", "担当宛", "課あて", "課宛", "係あて", "係宛",
	/* where a form is handed in: an office or a company, never a
	 * person (提出先 〒794-…; tenth round (a)) */
	"提出先", "申請先", "届出先",
	/* facilities named before their address in brackets (国際交流ラウンジ
	 * （…）), and a facility's 位置 in an ordinance */
	"ラウンジ", "プラザ", "ホール", "位置",
	/* a port's or a bus station's terminal before its number
	 * (twenty-sixth round (d)) */
	"ターミナル",
	/* a section's name standing before its number (市民課 075-…, 資格係
	 * 電話 …; not 課長) */
	"課 ", "係 ", "課:", "係:",
	/* and before a bracket holding its number (…あんしん課（FAX 099-…）;
	 * twenty-sixth round (d)); a person named in the bracket owns it */
	"課(", "係(",
	/* offices abroad and companies written in Latin letters */
	"Embassy", "Consulate", "Office", "City Hall", "Center", "Centre", "Inc.", "Ltd.",
	"University", "Hospital", "Company",
	/* an office's unit signing an English reply, its city after a
	 * comma (Tax Division, Haura City, TEL 046-…; not …Bureau. Your
	 * registered address is…, a sentence's end) */
	"Division,", "Department,", "Section,",
	/* a company's head office as a field's label (本店：…市…1号,
	 * 本店所在地); not a bank's 本店営業部 in an account */
	"本店:", "本店所在地",
	/* and in Spanish and Portuguese, as a city's notices for residents
	 * from abroad name its offices (Oficina de…, Prefeitura de…;
	 * twenty-second round (b)) */
	"Oficina", "Ayuntamiento", "Municipalidad", "Prefeitura",
	/* a business's or an event's booking line in an English notice
	 * (Reservation: 093-…; seventeenth round (b)) */
	"Reservation", "reservation", "Reservations", "Booking",
	/* public bodies and firms named before their numbers (肝属家畜保健
	 * 衛生所 0994-…, 会津若松商工会議所（…1番5号 TEL …）, 福山海運
	 * （フェリーよなくに）0980-…; batches 714-729) */
	"衛生所", "保健所", "診療所", "研究所", "試験場", "相談所", "営業所", "商工会",
	"海運", "汽船", "運輸", NULL,
};
/* Words that make what follows a person's own, whatever organisation was
 * named before them. */
static const char *const personal_words[] = {
	"本人", "自宅", "携帯", "緊急", "保護者", "世帯主", "申請者", "届出人", "住居地", "新住所",
	"前住所", "転出先", "転入先", "送付先", "居所", "代表者",
	/* 公用携帯が足りないので、私用の 090-…: a staff member's private
	 * phone set against the office's (thirty-fifth round) */
	"私用",
	/* a relative's home, whatever facility the sentence named before
	 * (病院じゃなくて娘さんの家、松本市…; batches 562-577) */
	"さんの家", "の実家", "実家",
	/* a writer's own place (病院なので 私のところに送り直して 〒…;
	 * batches 578-593) */
	"私のところ", "私の家", "私宛", "私あて",
	/* a staff member's own address set against the office's (庁舎のメールが
	 * 使えないので個人アドレス（…）から; batches 714-729) */
	"個人アドレス", "個人のアドレス", "個人メール", "個人の携帯",
	/* a relative's or a group's new representative's contact after the
	 * hospital or the group was named (病院に搬送、奥さんの電話は088-…,
	 * 新代表の住所は…; batches 822-835) */
	"さんの電話", "さんの携帯", "さんの住所", "さんの連絡先", "新代表", "前代表", NULL,
};

/* For a mobile number only words that name the office's own phone count:
 * a mobile under 問い合わせ先 or after a section's name is usually the
 * person's own (こども家庭課 090-…), a 公用携帯 is not. */
static const char *const office_phone_words[] = {"代表", "直通", "内線", "公用", "業務用", NULL};

int pii__mobile_at(const struct pii__text *t, size_t i)
{
	if (i + 3 < t->n && t->cp[i] == '+' && t->cp[i + 1] == '8' && t->cp[i + 2] == '1')
		i += t->cp[i + 3] == '-' || t->cp[i + 3] == ' ' ? 4 : 3;
	else if (i < t->n && t->cp[i] == '0')
		i++;
	else
		return 0;
	return i + 1 < t->n && (t->cp[i] == '7' || t->cp[i] == '8' || t->cp[i] == '9') &&
	       t->cp[i + 1] == '0';
}

static int word_at(const struct pii__text *t, size_t q, const char *const *words)
{
	return pii__match_any(t, q, words) != 0;
}

/* The office word [q, q + m) opening a section's name (学校教育課へ連絡済み、
 * …, 公園緑地課から…; twenty-sixth round (d)): kanji after the word up
 * to 課, 係 or 室, then a particle, before the value at s. The section is
 * the word's head and the particle makes it the clause's partner, not
 * the owner of what follows (課 and 係 before a space or ':' are words of
 * their own). */
static int section_named_after(const struct pii__text *t, size_t q, size_t m, size_t s)
{
	size_t e = q + m;
	if (!pii__is_kanji(t->cp[e - 1]))
		return 0;
	while (e < s && e - q - m < 6 && pii__is_kanji(t->cp[e]))
		e++;
	return e > q + m && e < s &&
	       (t->cp[e - 1] == 0x8AB2 /* 課 */ || t->cp[e - 1] == 0x4FC2 /* 係 */ ||
		t->cp[e - 1] == 0x5BA4 /* 室 */) &&
	       pii__is_particle(t->cp[e]);
}

/* Is q inside an address other than sp? Its building (国際交流会館B棟412)
 * names no office of the address after it (…412→仙台市…: where a person
 * moved; seventh round). */
static int in_other_address(const struct pii__cands *c, const struct pii_span *sp, size_t q)
{
	for (size_t k = 0; k < c->n; k++)
		if (&c->v[k] != sp && c->v[k].type == PII_ADDRESS && c->v[k].start <= q &&
		    q < c->v[k].end)
			return 1;
	return 0;
}

/* Labels of an office's number in announcements (問合せ 022-…, 問い合わせ：
 * 0299-…): a landline right after them is the office's; a person named in
 * between owns it (問い合わせ：長野 恵様（連絡先 …）). Not for addresses:
 * a question quoted after 問い合わせ may hold the asker's. */
static const char *const inquiry_words[] = {"問合せ", "問い合わせ", "問合わせ", NULL};

/* Where applications are taken (申込 048-…, 申込先：0155-…; 048-… へお申
 * 込みください, 0155-… までお申し込みを): a landline named as the desk
 * that takes a notice's applications is its organiser's, as an inquiry
 * line is (batches 426 and 427). The label ends right before the number
 * (申込者 is the applicant), or the request follows it after へ, まで or
 * に. s and e are the number's bounds. */
static const char *const application_words[] = {"申込", "申込み", "申し込み", "申込先",
						"申込み先", "申し込み先", NULL};
static const char *const application_requests[] = {"申込", "申し込", "お申込", "お申し込",
						   NULL};

static int application_desk(const struct pii__text *t, size_t s, size_t e)
{
	size_t q = s;
	while (q > 0 && s - q < 3 && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':'))
		q--;
	if (q > 1 && pii__ends_with(t, q > 6 ? q - 6 : 0, q, application_words))
		return 1;
	size_t a = e;
	while (a < t->n && a - e < 2 && t->cp[a] == ' ')
		a++;
	if (a < t->n && (t->cp[a] == 0x3078 /* へ */ || t->cp[a] == 0x306B /* に */))
		a++;
	else if (pii__match(t, a, "まで"))
		a += 2;
	else
		return 0;
	/* (自宅 0155-… までお申し込みを: a person's own line, named so) */
	size_t d;
	return pii__match_any(t, a, application_requests) != 0 &&
	       pii__find_before(t, s, 8, personal_words, &d) < 0;
}

/* A fax number in brackets after FAX that the text asks to send to
 * (…までにFAX（088-866-2141）でお知らせください; batches 538-545): the
 * asking office's, as an application desk's is. s and e are the
 * number's bounds. */
static int reply_fax(const struct pii__text *t, size_t s, size_t e)
{
	static const char *const fax_words[] = {"FAX", "Fax", "ファクス", "ファックス", NULL};
	static const char *const replies[] = {"お知らせ", "ご連絡", "ご回答", "ご返信", "ご提出",
					      "お送り", "送信", "送付", "回答", "返信", NULL};
	if (s < 4 || t->cp[s - 1] != '(' || e + 2 >= t->n || t->cp[e] != ')' ||
	    t->cp[e + 1] != 0x3067 /* で */)
		return 0;
	return pii__ends_with(t, s - 1 > 6 ? s - 7 : 0, s - 1, fax_words) &&
	       pii__match_any(t, e + 2, replies);
}

/* Code points of a mail address. */
static int mail_char(uint32_t c)
{
	return pii__is_alnum(c) || c == '.' || c == '-' || c == '_' || c == '@';
}

/* A number written right after a mailbox of a local government's domain
 * (shiminzei@city.….jp／053-…, sai-suishin@city.…（TEL 092-…）): the
 * office's line, a section's or its staff's at work (no labelled file has
 * such a number as personal). The separators between are a slash, a
 * space, a bracket, a colon and TEL/FAX/電話. */
static int after_section_mailbox(const struct pii__text *t, size_t s)
{
	static const char *const labels[] = {"TEL", "Tel", "FAX", "Fax", "電話", NULL};
	size_t q = s;
	for (int step = 0; step < 4 && q > 0; step++) {
		uint32_t ch = t->cp[q - 1];
		if (ch == ' ' || ch == '/' || ch == '(' || ch == ':' || ch == 0x3001 /* 、 */) {
			q--;
			continue;
		}
		size_t m = 0;
		for (size_t k = 0; labels[k] && !m; k++) {
			size_t l = pii__kw_len(labels[k]);
			if (q >= l && pii__match(t, q - l, labels[k]) == l)
				m = l;
		}
		if (!m)
			break;
		q -= m;
	}
	size_t a = q;
	while (a > 0 && mail_char(t->cp[a - 1]) && q - a < 80)
		a--;
	size_t at = a;
	while (at < q && t->cp[at] != '@')
		at++;
	if (at == q || at == a)
		return 0;
	static const char *const gov[] = {"city.", "pref.", "town.", "vill.", ".lg.jp", NULL};
	int public_domain = 0;
	for (size_t k = at + 1; k < q && !public_domain; k++)
		public_domain = pii__match_any(t, k, gov) != 0;
	return public_domain;
}

/* A number on the line right after an organisation's 所在地 line (請求者：
 * 弁護士法人…\n所在地：…\n電話：076-…): a person's form says 住所. */
static int after_location_line(const struct pii__text *t, size_t s)
{
	size_t ls = s;
	while (ls > 0 && t->cp[ls - 1] != '\n')
		ls--;
	if (ls == 0 || s - ls > 8)
		return 0;
	size_t ps = ls - 1;
	while (ps > 0 && t->cp[ps - 1] != '\n')
		ps--;
	return pii__match(t, ps, "所在地") != 0;
}

static const char *const houses[] = {"家屋", "住家", "住宅", "居宅", "建物", "物件", NULL};

/* A house named right before q (家屋, 住家, 住宅, 居宅, with の between or not;
 * 建物所在地 of a demolition's or damage's application, twenty-eighth round (c);
 * 物件所在地 of a vacant-house bank's entry, an owner's house, batch 353). */
static int house_before(const struct pii__text *t, size_t q)
{
	if (q > 0 && t->cp[q - 1] == 0x306E /* の */)
		q--;
	return q >= 2 && pii__match_any(t, q - 2, houses) == 2;
}

/* A farm named right before the 所在地 label at q (農場所在地, 牧場の所在地)
 * under a person named before it (報告者：日高 昭二⏎農場所在地：…, a
 * livestock keeper's report; batch 420, as batch 270 writes 住所（農場所在地
 * と同じ）): a family farm's location is its keeper's place. A company's
 * farm names no person before it. */
#define FARM_KEEPER_REACH 160 /* code points: the report's lines above */
static size_t last_person_end(const struct pii__cands *c, const struct pii__persons *p, size_t lo,
			      size_t hi);
static int farm_before(const struct pii__text *t, const struct pii__cands *c,
		       const struct pii__persons *p, size_t q)
{
	static const char *const farms[] = {"農場", "牧場", NULL};
	size_t f = q > 0 && t->cp[q - 1] == 0x306E /* の */ ? q - 1 : q;
	if (f < 2 || pii__match_any(t, f - 2, farms) != 2)
		return 0;
	/* (the persons' index: a long document's 所在地 lines do not walk
	 * the whole list each) */
	return last_person_end(c, p, f > FARM_KEEPER_REACH ? f - FARM_KEEPER_REACH : 0, f - 2) != 0;
}

/* The same house named in brackets right after the label at q
 * (所在地（家屋）：…; twenty-sixth round (d)): the label is the house's. */
static int house_after(const struct pii__text *t, size_t q)
{
	return q + 3 < t->n && t->cp[q] == '(' && pii__match_any(t, q + 1, houses) == 2 &&
	       t->cp[q + 3] == ')';
}

/* A bracket that says the location is also someone's home (自宅), right
 * after the 所在地 label at q (所在地（代表者自宅兼事務所）：…) or right
 * after the address [.., e) (…506番地（代表者自宅兼店舗）; batches
 * 194-201): a small business run from its owner's house. */
static int bracket_says_home(const struct pii__text *t, size_t o)
{
	for (size_t k = o + 1; k + 1 < t->n && k - o < 16 && t->cp[k] != ')'; k++)
		if (t->cp[k] == 0x81EA /* 自 */ && t->cp[k + 1] == 0x5B85 /* 宅 */)
			return 1;
	return 0;
}

static int home_note(const struct pii__text *t, size_t q, size_t e)
{
	if (q + 3 < t->n && t->cp[q + 3] == '(')
		return bracket_says_home(t, q + 3);
	return e < t->n && t->cp[e] == '(' && bracket_says_home(t, e);
}

/* The labels of the one who lives at a 所在地 (a damage survey's). */
static const char *const resident_labels[] = {"居住者", "世帯主", NULL};

/* The 所在地 label at q opens its line and the next line opens with the
 * label of the one who lives there (所在地：…\n居住者：…, 世帯主：…): the
 * location is a dwelling and its resident's address, as a damage survey's
 * (twenty-seventh round (g)). An office's 所在地 is followed by its phone
 * or hours, never by a resident. */
static int resident_line_after(const struct pii__text *t, size_t q)
{
	if (q > 0 && t->cp[q - 1] != '\n')
		return 0;
	size_t e = q;
	while (e < t->n && t->cp[e] != '\n' && e - q < 80)
		e++;
	if (e >= t->n || t->cp[e] != '\n')
		return 0;
	size_t m = pii__match_any(t, e + 1, resident_labels);
	return m && e + 1 + m < t->n && (t->cp[e + 1 + m] == ':' || t->cp[e + 1 + m] == ' ');
}

/* The 所在地 label at q opens its line and the line right above opens
 * with the resident's label (世帯主：…\n所在地：…, as a damage survey
 * writes the household first; twenty-seventh round): the location is
 * that household's dwelling, as resident_line_after() reads the other
 * order. */
static int resident_line_before(const struct pii__text *t, size_t q)
{
	if (q < 2 || t->cp[q - 1] != '\n')
		return 0;
	size_t ls = q - 1;
	while (ls > 0 && t->cp[ls - 1] != '\n' && q - ls < 80)
		ls--;
	if (ls > 0 && t->cp[ls - 1] != '\n')
		return 0;
	size_t m = pii__match_any(t, ls, resident_labels);
	return m && ls + m < q && (t->cp[ls + m] == ':' || t->cp[ls + m] == ' ');
}

/* A pet's register (犬の登録, 所在地変更届): the 所在地 at q is where the
 * dog or cat is kept, its owner's home, when a line opening with the
 * owner's label (所有者：…, 飼い主：…) comes before it in a text that names
 * the animal (batches 562-577). */
static int pet_location(const struct pii__text *t, size_t q)
{
	static const char *const owners[] = {"所有者", "飼い主", "飼主", NULL};
	if ((!pii__may_have(t, 0x72AC /* 犬 */) && !pii__may_have(t, 0x732B /* 猫 */)) ||
	    !pii__may_have_any(t, owners))
		return 0;
	for (size_t k = 0; k < q; k++) {
		size_t m;
		if ((k == 0 || t->cp[k - 1] == '\n') && (m = pii__match_any(t, k, owners)) &&
		    k + m < q && (t->cp[k + m] == ':' || t->cp[k + m] == ' '))
			return 1;
	}
	return 0;
}

/* A sole proprietor's record: 屋号 (a trade name, which only a person
 * trading in their own name has; a company has 商号), 個人事業 or 個人経営
 * before q, and a person named before q. Their business's 所在地 is that person's
 * place (事業所所在地：… under 氏名：…\n屋号：…; twenty-fourth round (c));
 * a company's or facility's 所在地 names no 屋号. */
static int sole_proprietor_before(const struct pii__text *t, const struct pii__cands *c, size_t q)
{
	if (!pii__may_have(t, 0x5C4B /* 屋 */) && !pii__may_have(t, 0x500B /* 個 */))
		return 0;
	/* 個人経営 too: 申請者：…（個人経営、…）\n所在地：… of a farmer's
	 * or a shop owner's application */
	static const char *const trade_words[] = {"屋号", "個人事業", "個人経営", NULL};
	int trade = 0;
	for (size_t k = 0; k < q && !trade; k++)
		trade = pii__match_any(t, k, trade_words) != 0;
	if (!trade)
		return 0;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].end <= q)
			return 1;
	return 0;
}

/* A staff member's own direct line in a signature: a line opened by 直通
 * alone under the line that ends with a person's name, other contact lines
 * (TEL …（課代表）, 内線 …) between (当山 里奈\n直通 098-…; tenth round
 * (a)). 係直通, …（直通） and 直通 after a unit on its line name the unit's
 * line. */
static const char *const between_labels[] = {"TEL", "Tel", "電話", "FAX", "Fax", "内線", "代表",
					      "直通", "公用携帯", NULL};

/* …人事部の岡部 真由美です。…\n直通 075-…: the writer of a message who
 * named themself (a PERSON after の and before です) owns the 直通 line
 * under its body, as the one under a signature's name. Asked only of a
 * line opened by 直通 whose lines above are no contact lines. */
static int self_introduced_before(const struct pii__cands *c, const struct pii__text *t, size_t ls)
{
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type == PII_PERSON && v->confidence > 0 && v->end < ls && v->start > 0 &&
		    t->cp[v->start - 1] == 0x306E /* の */ && pii__match(t, v->end, "です"))
			return 1;
	}
	return 0;
}

/* A person found (not dropped) whose name ends at x, or (start) starts
 * at x (a signature's name before its unit: 海東 理恵（…係）). */
static int person_edge_at(const struct pii__cands *c, size_t x, int start)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].confidence > 0 &&
		    (start ? c->v[k].start : c->v[k].end) == x)
			return 1;
	return 0;
}

static int person_ends_at(const struct pii__cands *c, size_t x)
{
	return person_edge_at(c, x, 0);
}

int pii__staff_direct_line(const struct pii__text *t, const struct pii__cands *c,
			   const struct pii_span *sp)
{
	if (sp->type != PII_PHONE ||
	    (!pii__may_have(t, 0x76F4 /* 直 */) && !pii__may_have(t, 0x516C /* 公 */)))
		return 0;
	size_t ls = sp->start;
	while (ls > 0 && t->cp[ls - 1] != '\n')
		ls--;
	/* the label right before the number: 直通, or a staff member's
	 * official mobile, 公用携帯 or 携帯（公用） (eighteenth round (b)) */
	size_t q = sp->start;
	while (q > ls && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':' || t->cp[q - 1] == '(' ||
			  t->cp[q - 1] == 0x306F /* は */))
		q--;
	static const char *const own_labels[] = {"直通", "公用携帯", "携帯(公用)", "携帯（公用）", NULL};
	size_t lab = q;
	for (size_t k = 0; own_labels[k] && lab == q; k++) {
		size_t m = pii__kw_len(own_labels[k]);
		if (m <= q - ls && pii__match(t, q - m, own_labels[k]) == m)
			lab = q - m;
	}
	if (lab == q)
		return 0;
	/* ご不明な点は私の直通0263-…まで, 私の直通（053-…）: the writer's own
	 * line (session 21) */
	if (lab >= ls + 2 && pii__match(t, lab - 2, "私の"))
		return 1;
	/* 大場の直通0237-…: the line of the person found before の (session
	 * 23; 担当直通 may be a unit's: 国保担当直通) */
	if (lab > ls && t->cp[lab - 1] == 0x306E /* の */ && person_ends_at(c, lab - 1))
		return 1;
	/* 直通029-…か携帯070-…へ: a direct line offered beside the same
	 * person's mobile */
	if (pii__match(t, lab, "直通") && sp->end + 3 < t->n &&
	    (pii__match(t, sp->end, "か携帯") || pii__match(t, sp->end, "または携帯") ||
	     pii__match(t, sp->end, "、携帯")))
		return 1;
	/* 不明点があれば直通090-…までお願いします: a mobile after 直通 is a
	 * staff member's own, as no office's published line is a mobile's
	 * (batches 554-561) */
	if (pii__mobile_at(t, sp->start) && pii__match(t, lab, "直通"))
		return 1;
	/* 田中（公用携帯 080-…）: the label opens a bracket right after a
	 * person's name, whose own official mobile it is (batches 402-405);
	 * an honorific and a particle may stand between (清水さんへ（直通 …）;
	 * session 26's read files) */
	if (lab > ls && t->cp[lab - 1] == '(') {
		size_t pe = lab - 1;
		static const char *const particles[] = {"へ", "に", "まで", NULL};
		static const char *const honorifics[] = {"さん", "様", "氏", NULL};
		long m;
		if ((m = pii__ending_word(t, pe > ls + 2 ? pe - 2 : ls, pe, particles)) >= 0)
			pe -= pii__kw_len(particles[m]);
		if ((m = pii__ending_word(t, pe > ls + 2 ? pe - 2 : ls, pe, honorifics)) >= 0)
			pe -= pii__kw_len(honorifics[m]);
		if (person_ends_at(c, pe))
			return 1;
	}
	/* 久保 俊介　直通 090-…: the label right after a person's name on
	 * its line, a space between, as a signature's one line writes the
	 * name and its own line (batches 530-537) */
	if (lab > ls && t->cp[lab - 1] == ' ') {
		size_t pe = lab;
		while (pe > ls && t->cp[pe - 1] == ' ')
			pe--;
		if (person_ends_at(c, pe))
			return 1;
	}
	/* 担当 須藤、直通 027-…: the label after a person found on its line
	 * and 、, or after 、 in a text whose writer named themself (session
	 * 25's read files; after 。 below) */
	if (lab > ls && t->cp[lab - 1] == 0x3001 /* 、 */ &&
	    (person_ends_at(c, lab - 1) || self_introduced_before(c, t, lab)))
		return 1;
	/* 折り返しは直通 0499…, 折り返し先：直通 028-…: the number to call
	 * back is the caller's or the writer's own (session 26's read files;
	 * a unit's number for calling back is written 課の代表番号) */
	{
		size_t r = lab;
		while (r > ls && (t->cp[r - 1] == ' ' || t->cp[r - 1] == ':' ||
				  t->cp[r - 1] == 0x306F /* は */))
			r--;
		if (r > ls && t->cp[r - 1] == 0x5148 /* 先 */)
			r--;
		static const char *const call_back[] = {"折り返し", "折返し", NULL};
		if (pii__ending_word(t, ls, r, call_back) >= 0)
			return 1;
	}
	/* 植松（内線2314／直通 087-…）: the bracket that holds the label after
	 * a slash and another contact label opens right after a person's name
	 * (session 26's read files); 収納係（内線 2315／直通 …） is a unit's */
	if (lab > ls && (t->cp[lab - 1] == '/' || t->cp[lab - 1] == 0xFF0F /* ／ */)) {
		size_t b = lab - 1;
		while (b > ls && t->cp[b - 1] != '(' && t->cp[b - 1] != ')' && lab - b < 16)
			b--;
		if (b > ls && t->cp[b - 1] == '(' && pii__match_any(t, b, between_labels) &&
		    person_ends_at(c, b - 1))
			return 1;
	}
	/* …の戸高です。直通 0987-…, …課の小原です。書類の件は直通 0197-…: a
	 * writer who named themself offers their 直通 right after that
	 * sentence or a sentence or two later, no unit named between the
	 * sentence's start and the label (sessions 25 and 26's read files;
	 * 課の直通, 窓口直通 are a unit's) */
	if (lab > ls && (t->cp[lab - 1] == 0x3002 || pii__match(t, lab, "直通"))) {
		size_t b = lab;
		while (b > ls && t->cp[b - 1] != 0x3002 /* 。 */ && lab - b < 12)
			b--;
		if (b > ls && t->cp[b - 1] == 0x3002 && self_introduced_before(c, t, b)) {
			static const char *const units[] = {"課", "係", "室", "所", "センター", "窓口",
							    "代表", "担当", "局", "部", NULL};
			int unit = 0;
			for (size_t k = b; k < lab && !unit; k++)
				unit = pii__match_any(t, k, units) != 0;
			if (!unit)
				return 1;
		}
	}
	/* the label opens its line, or follows a slash on a contact line
	 * (TEL 06-…（課代表）／直通 06-…) */
	size_t o = ls;
	while (o < lab && t->cp[o] == ' ')
		o++;
	if (o != lab) {
		if (lab == ls || (t->cp[lab - 1] != '/' && t->cp[lab - 1] != 0xFF0F /* ／ */) ||
		    !pii__match_any(t, o, between_labels))
			return 0;
	}
	for (int up = 0; up < 3 && ls >= 2; up++) {
		size_t pe = ls - 1; /* the line above ends here */
		while (pe > 0 && (t->cp[pe - 1] == ' ' || t->cp[pe - 1] == '\r'))
			pe--;
		if (person_ends_at(c, pe))
			return 1;
		size_t pls = pe;
		while (pls > 0 && t->cp[pls - 1] != '\n')
			pls--;
		size_t r = pls;
		while (r < pe && t->cp[r] == ' ')
			r++;
		/* 海東 理恵（高島市長寿介護課 地域支援係）⏎直通 0740-…: the line
		 * above opens with a person's name and its unit in brackets
		 * closes it (session 25's read files) */
		if (up == 0 && pe > pls && t->cp[pe - 1] == ')' && person_edge_at(c, r, 1))
			return 1;
		if (!pii__match_any(t, r, between_labels))
			return self_introduced_before(c, t, ls);
		ls = pls;
	}
	return 0;
}

/* 施設に入るので住所を下関市…から施設へ移します: 住所 with a particle or a
 * colon right before the address names it as someone's own, whatever
 * office or facility the sentence named before (seventeenth round (b)).
 * Not an office's 住所 (施設の住所は, センター住所:): 住所 must not follow
 * の nor continue a word of kanji or katakana. */
static int own_address_label(const struct pii__text *t, size_t s)
{
	size_t q = s;
	while (q > 0 && s - q < 2 && t->cp[q - 1] == ' ')
		q--;
	/* 住所は同社寮の鳰浜市…: a few words ending in の between the label
	 * and the address say what the place is, not whose (batch 266) */
	if (q > 2 && t->cp[q - 1] == 0x306E /* の */) {
		size_t p = q - 1;
		while (p > 0 && q - 1 - p < 6 &&
		       (pii__is_kanji(t->cp[p - 1]) || pii__is_kata(t->cp[p - 1])))
			p--;
		if (p < q - 1 && p > 0 &&
		    (t->cp[p - 1] == 0x306F /* は */ || t->cp[p - 1] == 0x304C /* が */))
			q = p;
	}
	if (q < 3 || (t->cp[q - 1] != 0x3092 /* を */ && t->cp[q - 1] != 0x306F /* は */ &&
		      t->cp[q - 1] != 0x304C /* が */))
		return 0;
	q--;
	if (!pii__match(t, q - 2, "住所"))
		return 0;
	q -= 2;
	if (q == 0)
		return 1;
	uint32_t b = t->cp[q - 1];
	return b != 0x306E /* の */ && !pii__is_kanji(b) && !pii__is_kata(b);
}

/* …6番21号の本庁舎2階, …1番地の町役場: the address is of a public body's
 * building named right after it and の (twenty-second round (b)); the
 * address of a city hall or a town office is published whoever works
 * there, where …2号の事業所 may be a person's workplace. */
static int public_building_after(const struct pii__text *t, size_t q)
{
	static const char *const buildings[] = {"本庁舎", "庁舎", "市役所", "区役所", "役場",
						"町役場", "村役場", "県庁", NULL};
	return q + 2 < t->n && t->cp[q] == 0x306E /* の */ && pii__match_any(t, q + 1, buildings);
}

/* …資産税課に電話して再発行してもらってください。電話番号は 076-… :
 * a sentence that is only the number's label (電話番号は, 電話：) right
 * after a sentence telling the reader to phone a section (…課に電話,
 * …窓口までお電話) gives that section's number (twenty-second round (b)).
 * The sentence of the label is [b + 1, p), the one before ends at b;
 * 母に電話して… names no section. */
static int section_called_before(const struct pii__text *t, size_t b, size_t p)
{
	if (p - b > 10)
		return 0;
	int label = 0;
	for (size_t q = b + 1; q < p; q++) {
		if (pii__is_digit(t->cp[q]) || t->cp[q] == 0x3001 /* 、 */)
			return 0;
		label |= pii__match(t, q, "電話") != 0;
	}
	if (!label)
		return 0;
	static const char *const sections[] = {"課", "係", "窓口", "センター", "担当", NULL};
	size_t lo = b > 60 ? b - 60 : 0;
	for (size_t q = b; q-- > lo && !pii__is_boundary(t->cp[q]);) {
		size_t m = t->cp[q] == 0x96FB /* 電 */ ? pii__match(t, q, "電話") : 0;
		if (!m)
			continue;
		size_t r = q;
		if (r > 0 && t->cp[r - 1] == 0x304A /* お */)
			r--;
		size_t pm = r >= 2 && pii__match(t, r - 2, "まで") ? 2
			    : r >= 1 && (t->cp[r - 1] == 0x306B /* に */ || t->cp[r - 1] == 0x3078 /* へ */)
				? 1
				: 0;
		if (pm && pii__ending_word(t, lo, r - pm, sections) >= 0)
			return 1;
	}
	return 0;
}

static int size_less(const size_t *a, const size_t *b) { return *a < *b; }
PII_DEFINE_RUNS_SORT(sizes_sort, size_t, size_less)

void pii__persons_index(struct pii__persons *p, const struct pii__cands *c)
{
	if (c->n > p->cap) {
		p->cap = c->n;
		p->starts = yk_xrealloc(p->starts, p->cap * sizeof(*p->starts));
		p->ends = yk_xrealloc(p->ends, p->cap * sizeof(*p->ends));
	}
	p->n = 0;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON) {
			p->starts[p->n] = c->v[k].start;
			p->ends[p->n++] = c->v[k].end;
		}
	sizes_sort(p->starts, p->n);
	sizes_sort(p->ends, p->n);
}

void pii__persons_release(struct pii__persons *p)
{
	free(p->starts);
	free(p->ends);
	*p = (struct pii__persons){0};
}

/* The largest end in [lo, hi] (lo > 0) of a PERSON candidate, or 0 when
 * none ends there. The walks below ask of every position whether a person
 * ends (or starts) there: they ask once a walk, from p when given. */
static size_t last_person_end(const struct pii__cands *c, const struct pii__persons *p, size_t lo,
			      size_t hi)
{
	if (p) {
		size_t i = pii__keys_below(p->ends, p->n, 1, hi + 1);
		return i > 0 && p->ends[i - 1] >= lo ? p->ends[i - 1] : 0;
	}
	size_t best = 0;
	for (size_t k = 0; k < c->n; k++) {
		size_t e = c->v[k].end;
		if (c->v[k].type == PII_PERSON && e >= lo && e <= hi && e > best)
			best = e;
	}
	return best;
}

/* NGUYEN VAN DUC,…,有限会社長瀬プレス,鴫野原市…3-6-2 長瀬寮201: an address
 * filling a comma or tab cell of a row that names a person in an earlier
 * cell, the organisation's word at q in a cell between (batches 402-405):
 * the row is the person's, the company their employer, and the address
 * where they live (the employer's dormitory). */
static int person_row_cell(const struct pii__text *t, const struct pii__cands *c,
			   const struct pii__persons *p, const struct pii_span *sp, size_t q)
{
	if (sp->type != PII_ADDRESS || sp->start < 2)
		return 0;
	uint32_t sep = t->cp[sp->start - 1];
	if (sep != ',' && !(sep == ' ' && pii__raw_tab(t, sp->start - 1)))
		return 0;
	/* the organisation's cell: the separator before it on the row */
	size_t b = q;
	while (b > 0 && t->cp[b - 1] != sep && t->cp[b - 1] != '\n' && q - b < 40)
		b--;
	if (b == 0 || t->cp[b - 1] != sep || (sep == ' ' && !pii__raw_tab(t, b - 1)))
		return 0;
	size_t ls = b - 1;
	while (ls > 0 && t->cp[ls - 1] != '\n' && b - ls < 300)
		ls--;
	return last_person_end(c, p, ls + 1, b - 1) != 0;
}

/* The smallest start in [lo, hi) of a PERSON candidate, or SIZE_MAX - 1
 * when none starts there. */
static size_t first_person_start(const struct pii__cands *c, const struct pii__persons *p,
				 size_t lo, size_t hi)
{
	if (p) {
		size_t i = pii__keys_below(p->starts, p->n, 1, lo);
		return i < p->n && p->starts[i] < hi ? p->starts[i] : SIZE_MAX - 1;
	}
	size_t best = SIZE_MAX - 1;
	for (size_t k = 0; k < c->n; k++) {
		size_t s = c->v[k].start;
		if (c->v[k].type == PII_PERSON && s >= lo && s < hi && s < best)
			best = s;
	}
	return best;
}

/* 吉岡 正和様の…。事業所：吉岡機業場 0772-…: a business after an office's
 * label (事業所：) whose name opens with the surname of a person named
 * before it in a spaced full name (the surname's kanji, then a space, a
 * PERSON candidate starting there) is that person's family business, and
 * its line theirs, as a sole proprietor's is (thirty-fifth round). [s, ..)
 * is the business's name after the label's colon; the persons looked at
 * end within the reach before it. */
#define FAMILY_BUSINESS_REACH 200
static int family_business_at(const struct pii__text *t, const struct pii__cands *c,
			      const struct pii__persons *p, size_t s)
{
	size_t ne = s;
	while (ne < t->n && ne - s < 12 && pii__is_kanji(t->cp[ne]))
		ne++;
	if (ne - s < 3)
		return 0;
	size_t lo = s > FAMILY_BUSINESS_REACH ? s - FAMILY_BUSINESS_REACH : 0;
	for (size_t k = lo; k + 2 < s; k++) {
		/* a surname of one to three kanji, alone before a space */
		if (t->cp[k] != t->cp[s] || (k > 0 && pii__is_kanji(t->cp[k - 1])))
			continue;
		size_t L = 1;
		while (L < 3 && k + L < s && t->cp[k + L] == t->cp[s + L] && pii__is_kanji(t->cp[k + L]))
			L++;
		if (k + L >= s || t->cp[k + L] != ' ' || L >= ne - s || !pii__is_kanji(t->cp[k + L - 1]))
			continue;
		if (first_person_start(c, p, k, k + 1) == k)
			return 1;
	}
	return 0;
}

/* The cells of the comma or tab row [ls, le) (a tab is folded to a space
 * and told by its input byte): their number, 0 when the line has no
 * such separator; *first_end the end of the first cell. */
static size_t row_cells(const struct pii__text *t, size_t ls, size_t le, int tab, size_t *first_end)
{
	size_t n = 1;
	*first_end = le;
	for (size_t q = ls; q < le; q++)
		if (tab ? pii__raw_tab(t, q) : t->cp[q] == ',') {
			if (n == 1)
				*first_end = q;
			n++;
		}
	return n > 1 ? n : 0;
}

/* The kind of service a care or medical provider's cell ends with
 * (居宅介護支援, 通所介護, 訪問看護, 介護老人福祉施設). */
static const char *const service_kinds[] = {"支援", "介護", "看護", "施設", "事業所", "薬局",
					     "診療所", "クリニック", NULL};

/* The first cell [ls, fe) of a row [ls, le) names an organisation by an
 * office word (株式会社京都ライフガス 山科営業所, 生協宅配センター伏見), or
 * the second names the kind of service it gives (ひだまりケア,居宅介護支援,
 * …; batches 458-461): a list of providers, not of their clients, whose
 * cell would say 要介護 or 要支援. */
static int office_cell(const struct pii__text *t, size_t ls, size_t le, int tab, size_t fe)
{
	for (size_t q = ls; q < fe; q++)
		if (word_at(t, q, office_words))
			return 1;
	if (fe >= le)
		return 0;
	size_t a = fe + 1, e = a;
	while (e < le && !(tab ? pii__raw_tab(t, e) : t->cp[e] == ','))
		e++;
	return e > a + 1 && e - a <= 12 && t->cp[a] != 0x8981 /* 要 */ &&
	       pii__ends_with(t, a, e, service_kinds);
}

#define ORG_ROWS_LOOKED 8  /* rows above and below a contact's row looked at */
#define ORG_ROW_MAX 400     /* code points of a row read (a longer line is no list's) */

/* 洛北新聞販売所<TAB>北区小山上総町15<TAB>075-441-0092<TAB>協定締結 R3 among
 * rows whose first cells name companies and centres: a headerless list of
 * organisations (partners of an agreement, suppliers) holds their
 * addresses and landlines, also in a row whose name carries no office
 * word. The row names no person; every row of the list next to it (the
 * same separator and number of cells, two at least) opens with an office
 * word. */
static int organisation_list_row(const struct pii__text *t, const struct pii__cands *c,
				 const struct pii__persons *p, const struct pii_span *sp)
{
	size_t ls = sp->start;
	while (ls > 0 && t->cp[ls - 1] != '\n' && sp->start - ls < ORG_ROW_MAX)
		ls--;
	if (ls > 0 && t->cp[ls - 1] != '\n')
		return 0;
	size_t le = pii__find_cp_in(t, sp->end, ls + ORG_ROW_MAX < t->n ? ls + ORG_ROW_MAX : t->n, '\n');
	if (le - ls >= ORG_ROW_MAX)
		return 0;
	int tab = 0;
	for (size_t q = ls; q < le && !tab; q++)
		tab = pii__raw_tab(t, q);
	size_t fe, n = row_cells(t, ls, le, tab, &fe);
	if (n < 3 || sp->start < fe)
		return 0;
	if (first_person_start(c, p, ls, le) < le)
		return 0;
	size_t rows = 0;
	/* the rows above */
	for (size_t a = ls, r = 0; a > 0 && r < ORG_ROWS_LOOKED; r++) {
		size_t pe = a - 1, pa = pe;
		while (pa > 0 && t->cp[pa - 1] != '\n')
			pa--;
		size_t pfe;
		if (pe - pa >= ORG_ROW_MAX || row_cells(t, pa, pe, tab, &pfe) != n)
			break;
		if (!office_cell(t, pa, pe, tab, pfe))
			return 0;
		rows++;
		a = pa;
	}
	/* and below */
	for (size_t b = le, r = 0; b < t->n && r < ORG_ROWS_LOOKED; r++) {
		size_t na = b + 1, nfe;
		if (na >= t->n)
			break;
		size_t ne = pii__find_cp_in(t, na, na + ORG_ROW_MAX < t->n ? na + ORG_ROW_MAX : t->n, '\n');
		if (ne - na >= ORG_ROW_MAX || row_cells(t, na, ne, tab, &nfe) != n)
			break;
		if (!office_cell(t, na, ne, tab, nfe))
			return 0;
		rows++;
		b = ne;
	}
	return rows >= 2;
}

/* （潮見市営しおかぜ斎場 0193-…）: a landline in brackets after the name
 * of a facility run by a municipality (…市営, 町営, 村営, 県営, 区営, 都営,
 * 公営 at the bracket's opening name) is the facility's. Not a public
 * housing estate's (市営住宅, 団地, アパート): a tenant's home. */
static int municipal_facility_bracket(const struct pii__text *t, size_t s)
{
	size_t q = s;
	while (q > 0 && t->cp[q - 1] == ' ')
		q--;
	size_t o = q;
	while (o > 0 && q - o < 24 && t->cp[o - 1] != '(' && t->cp[o - 1] != ')' &&
	       !pii__is_boundary(t->cp[o - 1]) && !pii__is_digit(t->cp[o - 1]))
		o--;
	if (o == 0 || o == q || t->cp[o - 1] != '(')
		return 0;
	static const char *const homes[] = {"住宅", "団地", "アパート", NULL};
	int run = 0;
	for (size_t k = o; k + 1 < q; k++) {
		if (pii__match_any(t, k, homes))
			return 0;
		uint32_t u = t->cp[k];
		if (!run && t->cp[k + 1] == 0x55B6 /* 営 */ &&
		    (u == 0x5E02 /* 市 */ || u == 0x753A /* 町 */ || u == 0x6751 /* 村 */ ||
		     u == 0x770C /* 県 */ || u == 0x533A /* 区 */ || u == 0x90FD /* 都 */ ||
		     u == 0x516C /* 公 */))
			run = 1;
	}
	return run;
}

int pii__organisation_contact(const struct pii__text *t, const struct pii__cands *c,
			      const struct pii_span *sp)
{
	return pii__organisation_contact_at(t, c, sp, NULL);
}

/* A particle opening the word at q (から, まで, or one of pii__is_particle()
 * before a kanji or a katakana: に病院, not にしの病院, a name in kana). */
static int particle_word_at(const struct pii__text *t, size_t q)
{
	size_t m = pii__match(t, q, "から");
	if (!m)
		m = pii__match(t, q, "まで");
	if (!m && q < t->n && pii__is_particle(t->cp[q]))
		m = 1;
	return m && q + m < t->n && (pii__is_kanji(t->cp[q + m]) || pii__is_kata(t->cp[q + m]));
}

int pii__organisation_contact_at(const struct pii__text *t, const struct pii__cands *c,
				 const struct pii_span *sp, const struct pii__persons *p)
{
	if (pii__staff_direct_line(t, c, sp))
		return 0;
	if (sp->type == PII_ADDRESS && own_address_label(t, sp->start))
		return 0;
	int landline = sp->type == PII_PHONE && !pii__mobile_at(t, sp->start);
	/* (a mobile under a 所在地 line may be the owner's of a damaged
	 * house: only landlines there) */
	if (sp->type == PII_PHONE &&
	    (after_section_mailbox(t, sp->start) || (landline && after_location_line(t, sp->start))))
		return 1;
	if (landline && (application_desk(t, sp->start, sp->end) || reply_fax(t, sp->start, sp->end)))
		return 1;
	if (landline && pii__may_have(t, 0x55B6 /* 営 */) && pii__may_have(t, '(') &&
	    municipal_facility_bracket(t, sp->start))
		return 1;
	if ((landline || sp->type == PII_ADDRESS) && pii__may_have(t, '\n') &&
	    (pii__may_have(t, ',') || pii__may_have(t, ' ')) && organisation_list_row(t, c, p, sp))
		return 1;
	size_t lo = sp->start > PII_ORG_WINDOW ? sp->start - PII_ORG_WINDOW : 0;
	const char *const *office = sp->type == PII_PHONE && pii__mobile_at(t, sp->start)
					    ? office_phone_words
					    : office_words;
	/* the end of the last person named in the window (a person's end at
	 * q + 1 for q below sp->start: found once, not at every q; the
	 * walk meets it first, going back) */
	size_t pe = SIZE_MAX;
	for (size_t q = sp->start; q-- > lo;) {
		uint32_t ch = t->cp[q];
		if (pii__is_boundary(ch)) {
			/* a facility's name as the sentence right before its
			 * address (中央図書館。尼崎市北城内27。電話…) */
			if (ch == 0x3002 /* 。 */ && landline && section_called_before(t, q, sp->start))
				return 1;
			/* (an office word ending at q: pii__ends_with() asks the
			 * list's index for the words ending in cp[q - 1], where a
			 * loop over all 86 decoded each one's length) */
			if (ch == 0x3002 /* 。 */ && sp->start - q <= 2 && sp->type != PII_EMAIL &&
			    pii__ends_with(t, 0, q, office_words))
				return 1;
			break;
		}
		/* a person named in between owns what follows */
		if (pe == SIZE_MAX)
			pe = last_person_end(c, p, lo + 1, sp->start);
		if (q + 1 == pe)
			return 0;
		if (word_at(t, q, personal_words) &&
		    !(q >= 2 && pii__match(t, q - 2, "公用")))
			return 0;
		/* 祖父母宅（宮津市…）, 親戚宅（…）: a home named by whose it is,
		 * its address in the bracket right after it, whatever office a
		 * sentence named before (…学校統合後の…; thirty-fifth round);
		 * not a housing's name (市営住宅（…）) */
		if (ch == 0x5B85 /* 宅 */ && q + 2 == sp->start && t->cp[q + 1] == '(' && q > 0 &&
		    pii__is_kanji(t->cp[q - 1]) && t->cp[q - 1] != 0x4F4F /* 住 */)
			return 0;
		/* 内線 4412　yuko-mori@…: a phone's qualifier says nothing of
		 * the mail address after it (ninth round; a shared mailbox is
		 * dropped by pii_public.c) */
		if (sp->type == PII_EMAIL && word_at(t, q, office_phone_words))
			continue;
		/* (新代表, 前代表: a group's representative, a person; the
		 * walk meets 新代表 of personal_words next) */
		if (q > 0 && t->cp[q] == 0x4EE3 /* 代 */ &&
		    (t->cp[q - 1] == 0x65B0 /* 新 */ || t->cp[q - 1] == 0x524D /* 前 */))
			continue;
		/* (代表社員の連絡先：090-…: a company's representative's mobile,
		 * a person's, not the company's main line; session 26's read
		 * files) */
		if (sp->type == PII_PHONE && !landline && t->cp[q] == 0x4EE3 /* 代 */ &&
		    (pii__match(t, q, "代表社員") || pii__match(t, q, "代表取締役")))
			continue;
		if (word_at(t, q, office) && !(sp->type == PII_ADDRESS && in_other_address(c, sp, q)) &&
		    !section_named_after(t, q, pii__match_any(t, q, office), sp->start)) {
			/* 被災家屋の所在地, 住家所在地: a house's location is its
			 * owner's address (eighth round) */
			if (pii__match(t, q, "所在地") &&
			    (house_before(t, q) || house_after(t, q + 3) || farm_before(t, c, p, q) ||
			     home_note(t, q, sp->end) ||
			     sole_proprietor_before(t, c, q) || resident_line_after(t, q) ||
			     resident_line_before(t, q) || pet_location(t, q)))
				return 0;
			size_t om = pii__match_any(t, q, office);
			if (sp->type == PII_PHONE && q + om + 1 < sp->start && t->cp[q + om] == ':' &&
			    family_business_at(t, c, p, q + om + 1))
				return 0;
			return !person_row_cell(t, c, p, sp, q);
		}
		size_t im = landline ? pii__match_any(t, q, inquiry_words) : 0;
		/* not 問合せ者, 問い合わせ人, 問合せ元: the asker */
		if (im && !(q + im < t->n && (t->cp[q + im] == 0x8005 /* 者 */ ||
					      t->cp[q + im] == 0x4EBA /* 人 */ ||
					      t->cp[q + im] == 0x5143 /* 元 */)))
			return 1;
	}
	/* 049-222-1111（代表）: the office's own line (not （内線 12）, which a
	 * person's contact at work may carry, and not （代表者携帯）: 代表者
	 * is a company's representative, a person, and the phone theirs;
	 * batch 346) */
	if (sp->type == PII_PHONE && sp->end + 1 < t->n && t->cp[sp->end] == '(' &&
	    ((pii__match(t, sp->end + 1, "代表") && !pii__match(t, sp->end + 1, "代表者")) ||
	     pii__match(t, sp->end + 1, "直通") || pii__match(t, sp->end + 1, "課代表") ||
	     pii__match(t, sp->end + 1, "係代表")))
		return 1;
	/* 06-…（生活支援）または 06-…（介護保険）: a landline followed by the
	 * section or service it reaches, in brackets, is the office's
	 * (eighteenth round (b)); a bracket of kanji and kana only that
	 * ends with such a word (子育て支援: kana inside) */
	if (landline && sp->end + 2 < t->n && t->cp[sp->end] == '(') {
		static const char *const sections[] = {"課", "係", "担当", "窓口", "支援", "保険",
						       "相談", "受付", "センター", NULL};
		size_t q = sp->end + 1;
		while (q < t->n && q - sp->end <= 9 && (pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]) ||
			pii__is_hira(t->cp[q])))
			q++;
		/* a person named shortly before may be reached there (講師
		 * 山田 太郎 氏\n電話 …（財政課）) */
		int person = 0;
		for (size_t k = 0; k < c->n && !person; k++)
			person = c->v[k].type == PII_PERSON && c->v[k].end <= sp->start &&
				 c->v[k].end + 40 >= sp->start;
		if (!person && q > sp->end + 1 && q < t->n && t->cp[q] == ')' &&
		    pii__ends_with(t, sp->end + 1, q, sections))
			return 1;
	}
	/* 〒350-8601 市役所内, …は市役所本庁舎専用; an office named right
	 * after its address (〒350-8601 みどり市中央一丁目1番1号 みどり市役所):
	 * the postal code looks across the address, the address a few code
	 * points past its end; a person named first owns them */
	if (sp->type == PII_POSTAL_CODE || sp->type == PII_ADDRESS) {
		size_t reach = sp->type == PII_POSTAL_CODE ? 4 : 0;
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].type == PII_ADDRESS && c->v[k].start >= sp->end &&
			    c->v[k].start <= sp->end + 1)
				reach = c->v[k].end - sp->end;
		size_t from = sp->end;
		/* 〒350-1111 みどり郵便局: the office's name after a space */
		if (sp->type == PII_POSTAL_CODE && reach == 4 && sp->end < t->n &&
		    t->cp[sp->end] == ' ')
			reach = 1 + PII_ORG_AFTER;
		else if (sp->type == PII_ADDRESS || reach > 4) {
			/* the office's name stands apart from the address (…1番1号
			 * みどり市役所), not …2号の事業所に勤務 (a person's workplace) */
			from = sp->end + (reach > 4 ? reach : 0);
			if (sp->type == PII_ADDRESS && public_building_after(t, from))
				return 1;
			if (from >= t->n || (t->cp[from] != ' ' && t->cp[from] != '('))
				return 0;
			/* …9544-2 から塩尻協立病院まで: a particle after the space
			 * goes on the sentence, not an office's name (batches
			 * 562-577) */
			if (t->cp[from] == ' ' && particle_word_at(t, from + 1))
				return 0;
			reach = from - sp->end + PII_ORG_AFTER;
		}
		size_t ps = SIZE_MAX; /* the first person's start in the reach */
		for (size_t q = sp->end; q < t->n && q < sp->end + reach; q++) {
			if (pii__is_boundary(t->cp[q]) || t->cp[q] == 0x3001 /* 、 */ ||
			    word_at(t, q, personal_words))
				break;
			if (ps == SIZE_MAX)
				ps = first_person_start(c, p, q, sp->end + reach);
			if (q == ps)
				return 0;
			if (word_at(t, q, office_words))
				return 1;
		}
	}
	return 0;
}

/* A form pasted one value a line (seventeenth round (b)): the label alone
 * on its line, the value alone on the next (生年月日⏎1996/03/14,
 * 旅券番号⏎C7812046, 〒⏎335-0031, 生年月日⏎S18.2.11). The value [i, e)
 * opens its line and ends it (spaces and one bracket around it allowed);
 * the line above is short (at most 16 code points), holds no digit and no
 * sentence's punctuation, and holds one of kws, at its end or before a
 * short note of no hiragana. Returns that word's index in kws, or -1,
 * and sets *kw_end (when not NULL) to where the word ends: a caller that
 * looks at the label's neighbours needs it there, not at the value. A
 * label line with more words (生年月日を記入してください) is a sentence,
 * not a label, and is too long or punctuated. */
int pii__label_line_before(const struct pii__text *t, size_t i, size_t e, const char *const *kws,
			   size_t *kw_end)
{
	size_t ls = i;
	while (ls > 0 && i - ls < 3 &&
	       (t->cp[ls - 1] == ' ' || t->cp[ls - 1] == '(' || t->cp[ls - 1] == '['))
		ls--;
	if (ls < 2 || t->cp[ls - 1] != '\n')
		return -1;
	size_t q = e;
	while (q < t->n && q - e < 3 && (t->cp[q] == ' ' || t->cp[q] == ')' || t->cp[q] == ']'))
		q++;
	if (q < t->n && t->cp[q] != '\n' && t->cp[q] != '\r')
		return -1;
	size_t pe = ls - 1;
	if (pe > 0 && t->cp[pe - 1] == '\r')
		pe--;
	while (pe > 0 && (t->cp[pe - 1] == ' ' || t->cp[pe - 1] == ':'))
		pe--;
	size_t ps = pe;
	while (ps > 0 && t->cp[ps - 1] != '\n') {
		uint32_t ch = t->cp[ps - 1];
		if (pe - ps >= 16 || pii__is_digit(ch) || ch == 0x3002 /* 。 */ ||
		    ch == 0x3001 /* 、 */ || ch == ',')
			return -1;
		ps--;
	}
	if (ps == pe)
		return -1;
	/* the word ends the label or a short note of no hiragana follows it
	 * (旅券番号, 生年月日（西暦）; not 〒の書き方) */
	size_t d;
	int k = pii__find_before(t, pe, pe - ps, kws, &d);
	if (k < 0 || d > 6)
		return -1;
	for (size_t q2 = pe - d; q2 < pe; q2++)
		if (t->cp[q2] >= 0x3041 && t->cp[q2] <= 0x309F)
			return -1;
	if (kw_end)
		*kw_end = pe - d;
	return k;
}
