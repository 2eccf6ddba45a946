/* Bank account designations (issue 14, fourth round).
 *
 * An account written in running text as bank, branch, type and number
 * together (横浜銀行 鶴見支店 普通 1538204, ゆうちょ銀行 記号14370 番号28815491,
 * ﾐﾂｲｽﾐﾄﾓ ｷﾖｳﾄ ﾌﾂｳ 7726301) is one designation, and the whole of it is
 * masked: the bank and branch narrow the number down to one person's
 * account as much as the digits do. The number detectors find the number
 * (and the ゆうちょ 記号/番号 values); this pass, over their candidates,
 * widens each account number to the designation written right before it.
 * Parts are separated by single spaces (not tabs: a tab separates table
 * cells, which hold one part each), never by a colon, a comma or a line
 * end, so a form with one labelled field per line (金融機関：…\n口座番号：…)
 * keeps the number alone.
 */
#include "pii/pii_int.h"

#define DESIG_PARTS 8   /* parts before the number at most */
#define DESIG_TOKEN 20  /* code points of one part at most */

static const char *const bank_suffixes[] = {"銀行", "信用金庫", "信金", "信用組合", "労働金庫",
					    "農業協同組合", "農協", "ゆうちょ", "ユウチョ",
					    "ｷﾞﾝｺｳ", "ｼﾝｷﾝ", "ｼﾝｸﾐ", "ﾕｳﾁｮ", NULL};
static const char *const type_words[] = {"普通預金", "当座預金", "貯蓄預金", "普通", "当座",
					 "貯蓄", "総合", "フツウ", "トウザ", "ﾌﾂｳ", "ﾄｳｻﾞ", NULL};
static const char *const branch_suffixes[] = {"本店営業部", "営業部", "支店", "本店", "出張所",
					      "支所", "店", "ｼﾃﾝ", "ﾎﾝﾃﾝ", NULL};
/* labels that may stand between the parts and the number */
static const char *const label_words[] = {"口座番号", "記号番号", "記号", "番号", NULL};
/* words and particles that end a label glued before the bank's name
 * (振込先は|みどり銀行, 振込先|京都銀行) */
static const char *const lead_words[] = {"振込先", "振替先", "振込口座", "口座", "先", NULL};

static int is_hw_kana(uint32_t c) { return c >= 0xFF66 && c <= 0xFF9F; }

/* A code point that separates parts or ends the designation. */
static int stops(uint32_t c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == ':' || c == ',' || c == '/' ||
	       c == 0x3001 /* 、 */ || c == 0x3002 /* 。 */ || c == 0xFF0F /* ／ */ ||
	       c == 0x300C || c == 0x300D /* 「」 */ || c == '(' || c == ')' || c == '=' ||
	       c == 0x2192 /* → */ || c == 0xFF5C || c == '|' || c == ';' || c == 0x30FB /* ・ */;
}

/* 1 when the input byte of code point i is a tab (the fold makes it a space). */
static int is_tab(const struct pii__text *t, size_t i) { return t->raw[t->boff[i]] == '\t'; }

/* Does [a, b) end with one of words? Returns the keyword's length or 0. */
static size_t ends_with(const struct pii__text *t, size_t a, size_t b, const char *const *words)
{
	for (size_t k = 0; words[k]; k++) {
		size_t m = pii__kw_len(words[k]);
		if (m <= b - a && pii__match(t, b - m, words[k]) == m)
			return m;
	}
	return 0;
}

/* Position of the first bank suffix in [a, b), its end in *e; or b. */
static size_t bank_in(const struct pii__text *t, size_t a, size_t b, size_t *e)
{
	for (size_t i = a; i < b; i++) {
		size_t m = pii__match_any(t, i, bank_suffixes);
		if (m && i + m <= b) {
			*e = i + m;
			return i;
		}
	}
	return b;
}

/* Start of the bank's name in the part [a, b) that holds its suffix at s:
 * after a label or a particle glued before it. */
static size_t bank_name_start(const struct pii__text *t, size_t a, size_t s)
{
	size_t st = a;
	for (size_t i = a; i < s; i++) {
		size_t m = pii__match_any(t, i, lead_words);
		if (m && i + m <= s)
			st = i + m;
		uint32_t c = t->cp[i];
		if (i > a && (c == 0x306F /* は */ || c == 0x3078 /* へ */ || c == 0x3092 /* を */ ||
			      c == 0x306B /* に */ || c == 0x3067 /* で */ || c == 0x304C /* が */ ||
			      c == 0x306E /* の */) &&
		    (pii__is_kanji(t->cp[i - 1]) || pii__is_kata(t->cp[i - 1])))
			st = i + 1;
	}
	return st;
}

static int digit_or_hyphen(uint32_t c) { return pii__is_digit(c) || c == '-'; }

/* 1 when [a, b) is not empty and every code point of it passes ok. */
static int all_of(const struct pii__text *t, size_t a, size_t b, int (*ok)(uint32_t))
{
	for (size_t i = a; i < b; i++)
		if (!ok(t->cp[i]))
			return 0;
	return b > a;
}

/* The start of the designation that ends at s (the number's start), or s. */
static size_t designation_start(const struct pii__text *t, size_t s)
{
	size_t q = s, start = s;
	int seen_type = 0, hw_parts = 0;
	size_t hw_start = s;
	int glued_ok = 1; /* a label glued to the number, a part glued to (店番 N) */
	for (int part = 0; part < DESIG_PARTS && q > 0; part++) {
		/* one space between parts (a glued label is a part too) */
		if (t->cp[q - 1] == ' ') {
			if (is_tab(t, q - 1) || q < 2 || t->cp[q - 2] == ' ')
				break;
			q--;
		} else if (!glued_ok && t->cp[q - 1] != ')') {
			break;
		}
		glued_ok = 0;
		size_t a = q;
		if (t->cp[q - 1] == ')') {
			/* a branch number in brackets: (店番 214) */
			size_t o = q - 1;
			while (o > 0 && t->cp[o - 1] != '(' && q - o < 12 && !pii__is_boundary(t->cp[o - 1]))
				o--;
			if (o == 0 || t->cp[o - 1] != '(' || !pii__match(t, o, "店番"))
				break;
			q = o - 1;
			glued_ok = 1;
			continue;
		}
		while (a > 0 && !stops(t->cp[a - 1]) && q - a < DESIG_TOKEN)
			a--;
		if (a == q || (a > 0 && !stops(t->cp[a - 1])))
			break;
		size_t be = 0, bs = bank_in(t, a, q, &be);
		if (bs < q) {
			start = bank_name_start(t, a, bs);
			return start;
		}
		if (ends_with(t, a, q, type_words)) {
			seen_type = 1;
			if (all_of(t, a, q, is_hw_kana))
				hw_start = a;
		} else if (all_of(t, a, q, is_hw_kana)) {
			if (!seen_type || ++hw_parts > 2)
				break;
			hw_start = a;
		} else if (ends_with(t, a, q, branch_suffixes) || ends_with(t, a, q, label_words) ||
			   all_of(t, a, q, digit_or_hyphen) || pii__match(t, a, "記号") || pii__match(t, a, "番号")) {
			/* branch, label, or the ゆうちょ 記号 value */
		} else {
			break;
		}
		q = a;
	}
	/* half-width kana without a bank word: bank and branch before ﾌﾂｳ */
	if (seen_type && hw_parts >= 1)
		return hw_start;
	return start;
}

void pii__bank_designations(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_JP_BANK_ACCOUNT)
			continue;
		size_t s = c->v[k].start;
		size_t d = designation_start(t, s);
		if (d >= s)
			continue;
		pii__cand_add(c, t, d, c->v[k].end, PII_JP_BANK_ACCOUNT, 0.97);
	}
}
