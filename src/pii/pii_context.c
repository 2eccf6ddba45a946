/* pii/context: keyword search in the folded text (text_fold() of text/,
 * the one folding normaliser) and the canonical form used to compare
 * values. */
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
	/* which code points (modulo 64) the window holds: a keyword whose
	 * first code point is not there is skipped after one decode (this
	 * runs for every number and date: the hot path) */
	uint64_t present = 0;
	for (size_t q = lo; q < pos; q++)
		present |= (uint64_t)1 << (t->cp[q] & 63);
	for (size_t k = 0; kws[k]; k++) {
		const unsigned char *kw = (const unsigned char *)kws[k];
		uint32_t first;
		size_t kl = 1, off = pii__kw_decode(kw, &first);
		if (!(present >> (first & 63) & 1))
			continue;
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
	if (best >= 0 && dist)
		*dist = best_dist;
	return best;
}

int pii__find_after(const struct pii__text *t, size_t pos, size_t window, const char *const *kws)
{
	for (size_t q = pos; q < t->n && q < pos + window; q++) {
		if (pii__is_boundary(t->cp[q]))
			return 0;
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
	while (i < len) {
		uint32_t c;
		i += yk_utf8_decode(s + i, len - i, &c);
		c = text_fold_cp(c);
		if (is_long_vowel(c) && pii__is_digit(prev))
			c = '-';
		prev = c;
		if (c == ' ' || c == '-' || c == '(' || c == ')')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		char enc[4];
		size_t k = yk_utf8_encode(c, enc);
		int rc = yk_buf_add(out, enc, k);
		if (rc)
			return rc;
	}
	return 0;
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
	"(株)", "業者", "病院", "保育園", "幼稚園", "学校", "所在地", "問合せ先", "問い合わせ先",
	"問合わせ先", "施設", "事業所", "法人", "機構", "年金事務所", "組合", "郵便局", "支所",
	"公民館", "図書館", "県庁",
	/* a section's name standing before its number (市民課 075-…, 資格係
	 * 電話 …; not 課長) */
	"課 ", "係 ", "課:", "係:",
	/* offices abroad and companies written in Latin letters */
	"Embassy", "Consulate", "Office", "City Hall", "Center", "Centre", "Inc.", "Ltd.",
	"University", "Hospital", "Company", NULL,
};
/* Words that make what follows a person's own, whatever organisation was
 * named before them. */
static const char *const personal_words[] = {
	"本人", "自宅", "携帯", "緊急", "保護者", "世帯主", "申請者", "届出人", "住居地", "新住所",
	"前住所", "転出先", "転入先", "送付先", "居所", NULL,
};

/* For a mobile number only words that name the office's own phone count:
 * a mobile under 問い合わせ先 or after a section's name is usually the
 * person's own (こども家庭課 090-…), a 公用携帯 is not. */
static const char *const office_phone_words[] = {"代表", "直通", "内線", "公用", "業務用", NULL};

static int mobile_at(const struct pii__text *t, size_t i)
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

int pii__organisation_contact(const struct pii__text *t, const struct pii__cands *c,
			      const struct pii_span *sp)
{
	size_t lo = sp->start > PII_ORG_WINDOW ? sp->start - PII_ORG_WINDOW : 0;
	const char *const *office = sp->type == PII_PHONE && mobile_at(t, sp->start)
					    ? office_phone_words
					    : office_words;
	for (size_t q = sp->start; q-- > lo;) {
		uint32_t ch = t->cp[q];
		if (pii__is_boundary(ch))
			break;
		/* a person named in between owns what follows */
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].type == PII_PERSON && c->v[k].end == q + 1)
				return 0;
		if (word_at(t, q, personal_words) &&
		    !(q >= 2 && pii__match(t, q - 2, "公用")))
			return 0;
		if (word_at(t, q, office))
			return 1;
	}
	/* 049-222-1111（代表）: the office's own line (not （内線 12）, which a
	 * person's contact at work may carry) */
	if (sp->type == PII_PHONE && sp->end + 1 < t->n && t->cp[sp->end] == '(' &&
	    (pii__match(t, sp->end + 1, "代表") || pii__match(t, sp->end + 1, "直通")))
		return 1;
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
			if (from >= t->n || (t->cp[from] != ' ' && t->cp[from] != '('))
				return 0;
			reach = from - sp->end + PII_ORG_AFTER;
		}
		for (size_t q = sp->end; q < t->n && q < sp->end + reach; q++) {
			if (pii__is_boundary(t->cp[q]) || t->cp[q] == 0x3001 /* 、 */ ||
			    word_at(t, q, personal_words))
				break;
			for (size_t k = 0; k < c->n; k++)
				if (c->v[k].type == PII_PERSON && c->v[k].start == q)
					return 0;
			if (word_at(t, q, office_words))
				return 1;
		}
	}
	return 0;
}
