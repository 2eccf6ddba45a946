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
 *
 * Since the eighth round also: accounts written with the banks' codes
 * (transfer data, coded_accounts()), and the dropping of an organisation's
 * own account (当社口座, 指定金融機関…).
 */
#include "pii/pii_int.h"

#define DESIG_PARTS 8   /* parts before the number at most */
#define DESIG_TOKEN 20  /* code points of one part at most */

static const char *const bank_suffixes[] = {"銀行", "信用金庫", "信金", "信用組合", "信組",
					    "労働金庫", "ろうきん", "農業協同組合", "農協",
					    "漁業協同組合", "漁協", "中金", "ゆうちょ", "ユウチョ",
					    "ｷﾞﾝｺｳ", "ｼﾝｷﾝ", "ｼﾝｸﾐ", "ﾕｳﾁｮ",
					    /* the credit federations of fishers' and
					     * farmers' cooperatives (天草信漁連, JA信連;
					     * batches 546-553) */
					    "信漁連", "信連",
					    /* the fishers' cooperatives' bank by its brand
					     * (JFマリンバンク; batches 594-609) */
					    "マリンバンク", NULL};
static const char *const type_words[] = {"普通預金", "当座預金", "貯蓄預金", "普通口座", "当座口座",
					 /* a JA's or a JF's savings (普通貯金; batches
					  * 594-609) */
					 "普通貯金", "当座貯金", "貯蓄貯金",
					 "総合口座", "普通", "当座",
					 "貯蓄", "総合", "フツウ", "トウザ", "ﾌﾂｳ", "ﾄｳｻﾞ", NULL};
static const char *const branch_suffixes[] = {"本店営業部", "営業部", "支店", "本店", "出張所",
					      "支所", "本所", "店", "ｼﾃﾝ", "ﾎﾝﾃﾝ",
					      /* a JA's district office (JAしまね 隠岐地区本部;
					       * batches 226-233) */
					      "地区本部", NULL};
/* labels that may stand between the parts and the number */
static const char *const label_words[] = {"口座番号", "記号番号", "記号", "番号", "No.", "NO.",
					  "No", "№", NULL};
/* words and particles that end a label glued before the bank's name
 * (振込先は|みどり銀行, 振込先|京都銀行) */
static const char *const lead_words[] = {"振込先", "振替先", "振込口座", "口座", "先",
					 /* 振込先として北洋銀行… (session 21) */
					 "として", NULL};

static int is_hw_kana(uint32_t c) { return c >= 0xFF66 && c <= 0xFF9F; }

/* A code point that separates parts or ends the designation. */
static int stops(uint32_t c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == ':' || c == ',' || c == '/' ||
	       c == 0x3001 /* 、 */ || c == 0x3002 /* 。 */ || c == 0xFF0F /* ／ */ ||
	       c == 0x300C || c == 0x300D /* 「」 */ || c == '(' || c == ')' || c == '=' ||
	       c == 0x2192 /* → */ || c == 0xFF5C || c == '|' || c == ';' || c == 0x30FB /* ・ */;
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

/* The の at i is inside the bank's name, not a particle before it: one
 * kanji on each side, the first opening the part at st and the second
 * right before the suffix at s (火の国信用金庫, 杜の都信用金庫; twenty-
 * seventh round). A possessive is said after a longer word (本人の,
 * 口座名義の) or before a longer name (母の静岡銀行). */
static int no_inside_bank_name(const struct pii__text *t, size_t st, size_t i, size_t s)
{
	return i == st + 1 && s == i + 2 && pii__is_kanji(t->cp[st]) && pii__is_kanji(t->cp[i + 1]);
}

/* Start of the bank's name in the part [a, b) that holds its suffix at s:
 * after a label or a particle glued before it. */
/* The kana run that holds i follows a word in kanji or katakana inside
 * [a, i] (同じ, 届出のあった), not opening the part: a cooperative's name
 * in kana before its kanji (つがる弘前農業協同組合) is the bank's own. */
static int kana_after_word(const struct pii__text *t, size_t a, size_t i)
{
	size_t r = i;
	while (r > a && pii__is_hira(t->cp[r - 1]))
		r--;
	return r > a && (pii__is_kanji(t->cp[r - 1]) || pii__is_kata(t->cp[r - 1]));
}

static size_t bank_name_start(const struct pii__text *t, size_t a, size_t s)
{
	size_t st = a;
	for (size_t i = a; i < s; i++) {
		size_t m = pii__match_any(t, i, lead_words);
		if (m && i + m <= s)
			st = i + m;
		uint32_t c = t->cp[i];
		if (c == 0x306E /* の */ && no_inside_bank_name(t, st, i, s))
			continue;
		if (i > a && (c == 0x306F /* は */ || c == 0x3078 /* へ */ || c == 0x3092 /* を */ ||
			      c == 0x306B /* に */ || c == 0x3067 /* で */ || c == 0x304C /* が */ ||
			      c == 0x306E /* の */) &&
		    (pii__is_kanji(t->cp[i - 1]) || pii__is_kata(t->cp[i - 1])))
			st = i + 1;
		/* 新しいのは西京銀行: は after kana, a kanji or katakana name
		 * after it (batches 578-593); not が (するが富士銀行) nor て
		 * (JAいわて花巻) */
		else if (i > a && c == 0x306F /* は */ && pii__is_hira(t->cp[i - 1]) &&
			 ((i + 1 < s && (pii__is_kanji(t->cp[i + 1]) || pii__is_kata(t->cp[i + 1]))) ||
			  /* メモではJA阿蘇… (session 21) */
			  (i + 1 <= s && i + 1 < t->n && pii__is_latin_upper(t->cp[i + 1]))))
			st = i + 1;
		/* 掛金（年額8,400円）は三十三銀行…: a particle opening the part,
		 * after a bracket that closes the subject (batches 744-757) */
		/* 前回と同じ鹿児島銀行, 届出のあった気仙沼信用金庫: a word's
		 * inflected end in kana before a bank's name in kanji (not
		 * the bank's keyword itself: みちのく銀行, きらやか銀行;
		 * session 21) */
		else if (i > a && (c == 0x305F /* た */ || c == 0x3058 /* じ */ || c == 0x308B /* る */) &&
			 i + 1 < s && pii__is_kanji(t->cp[i + 1]) && kana_after_word(t, a, i))
			st = i + 1;
		/* 給与口座これで合っとる？香川銀行, いつもの豊和銀行, 12月15日
		 * までに大分みらい信用金庫, 口座から盛岡信用金庫: a question's
		 * or a sentence's mark, or a particle after kana, right before
		 * the bank's name in kanji or katakana (session 22's read files;
		 * not が: するが富士銀行) */
		else if ((c == '?' || c == '!' || c == 0x3002 /* 。 */ || c == 0x3001 /* 、 */) &&
			 i + 1 < s)
			st = i + 1;
		else if (i > a && (c == 0x306E /* の */ || c == 0x306B /* に */) &&
			 pii__is_hira(t->cp[i - 1]) && i + 1 < s &&
			 (pii__is_kanji(t->cp[i + 1]) || pii__is_kata(t->cp[i + 1])))
			st = i + 1;
		else if (pii__match(t, i, "から") == 2 && i + 2 < s &&
			 (pii__is_kanji(t->cp[i + 2]) || pii__is_kata(t->cp[i + 2])))
			st = i + 2;
		else if (i == a && (c == 0x306F /* は */ || c == 0x304C /* が */ || c == 0x3092 /* を */ ||
				    c == 0x306B /* に */ || c == 0x3067 /* で */ || c == 0x3078 /* へ */) &&
			 i + 1 < s && pii__is_kanji(t->cp[i + 1]))
			st = i + 1;
	}
	/* "大阪信用金庫 生野支店 普通 3019824" in a CSV cell: the quote that
	 * opens the cell is not the bank's name */
	while (st < s && (t->cp[st] == '"' || t->cp[st] == '\''))
		st++;
	/* 振込先としてゆうちょ銀行: the bank named by its brand in kana; the
	 * kana glued before it are the sentence's (twenty-fifth round (d)) */
	if (st < s && pii__is_hira(t->cp[s - 1]) && pii__match(t, s, "ゆうちょ"))
		st = s;
	/* 当面ゆうちょ銀行: so after a kanji word too (session 21) */
	if (st < s && pii__is_kanji(t->cp[s - 1]) && pii__match(t, s, "ゆうちょ"))
		st = s;
	return st;
}

/* The bank's name in the part right before [a, q) (a region of a
 * cooperative: JAみどり 東部地区 本町支店 普通 …): the start of the
 * designation there, or (size_t)-1. Asked only after a branch was read,
 * so one unknown part between a bank and its branch is all it allows
 * (twenty-fifth round (d)). */
static size_t bank_before_part(const struct pii__text *t, size_t a)
{
	if (a < 2 || t->cp[a - 1] != ' ' || t->cp[a - 2] == ' ' || pii__raw_tab(t, a - 1))
		return (size_t)-1;
	size_t q = a - 1, b = q;
	while (b > 0 && !stops(t->cp[b - 1]) && q - b < DESIG_TOKEN)
		b--;
	if (b == q || (b > 0 && !stops(t->cp[b - 1])))
		return (size_t)-1;
	size_t be = 0, bs = bank_in(t, b, q, &be);
	if (bs == q && q - b > 2 && pii__match(t, b, "JA") && !pii__is_alpha(t->cp[b + 2]))
		bs = b;
	if (bs == q)
		return (size_t)-1;
	return bank_name_start(t, b, bs);
}

/* Where an agricultural cooperative's brand (JA and no Latin letter
 * after it) opens the part [a, q) or follows a particle in it; q when it
 * does not. */
static size_t ja_brand_in(const struct pii__text *t, size_t a, size_t q)
{
	for (size_t i = a; i + 2 < q; i++) {
		if (!pii__match(t, i, "JA") || pii__is_alpha(t->cp[i + 2]))
			continue;
		uint32_t p = i > a ? t->cp[i - 1] : 0;
		if (i == a || p == 0x306F /* は */ || p == 0x3078 /* へ */ || p == 0x3092 /* を */ ||
		    p == 0x306B /* に */ || p == 0x3067 /* で */ || p == 0x304C /* が */ ||
		    p == 0x306E /* の */)
			return i;
	}
	return q;
}

static int digit_or_hyphen(uint32_t c) { return pii__is_digit(c) || c == '-'; }
static int digit_cp(uint32_t c) { return pii__is_digit(c); }
/* 〇一二…九: ゆうちょ's branches are named by numerals in kanji (〇一八) */
static int kanji_numeral(uint32_t c)
{
	return c == 0x3007 || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB ||
	       c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D;
}

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
	int tabbed = 0;   /* a tab crossed: only a bank's name ends the walk */
	int branch = 0;   /* a branch's part read */
	size_t kigou = SIZE_MAX; /* where a part opening with 記号 starts */
	for (int part = 0; part < DESIG_PARTS && q > 0; part++) {
		/* one space between parts (a glued label is a part too) */
		if (t->cp[q - 1] == ' ') {
			if (q < 2 || t->cp[q - 2] == ' ')
				break;
			/* 百五銀行<TAB>津新町支店<TAB>普通<TAB>7043128: tab cells
			 * hold the parts only up to a bank's name (thirteenth
			 * round (b)) */
			tabbed |= pii__raw_tab(t, q - 1);
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
			/* (0123), (456): the bank's or the branch's code */
			if (o > 0 && t->cp[o - 1] == '(' && q - 1 - o >= 3 && q - 1 - o <= 4 &&
			    all_of(t, o, q - 1, digit_cp)) {
				q = o - 1;
				glued_ok = 1;
				continue;
			}
			/* (普通): the account's type in brackets, or its first
			 * kanji alone there (今市支店（普）1206843); the branch
			 * may be glued before the bracket (session 26's read
			 * files) */
			static const char *const short_types[] = {"普", "当", "貯", NULL};
			if (o > 0 && t->cp[o - 1] == '(' &&
			    (pii__ends_with(t, o, q - 1, type_words) == q - 1 - o ||
			     (q - 1 - o == 1 && pii__match_any(t, o, short_types)))) {
				seen_type = 1;
				q = o - 1;
				glued_ok = 1;
				continue;
			}
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
		/* JAみどり: an agricultural cooperative by its brand; after a
		 * particle glued before it too (口座はJAおきなわ 南浜支店…;
		 * batch 329) */
		if (bs == q && q - a > 2)
			bs = ja_brand_in(t, a, q);
		if (bs < q) {
			start = bank_name_start(t, a, bs);
			return start;
		}
		if (pii__ends_with(t, a, q, type_words)) {
			seen_type = 1;
			if (all_of(t, a, q, is_hw_kana))
				hw_start = a;
		} else if (all_of(t, a, q, is_hw_kana)) {
			if (!seen_type || ++hw_parts > 2)
				break;
			hw_start = a;
		} else if (pii__ends_with(t, a, q, branch_suffixes) || pii__ends_with(t, a, q, label_words) ||
			   all_of(t, a, q, digit_or_hyphen) || pii__match(t, a, "記号") || pii__match(t, a, "番号") ||
			   (q - a == 3 && all_of(t, a, q, kanji_numeral))) {
			/* branch, label, the ゆうちょ 記号 value, or its branch
			 * named in kanji numerals (ゆうちょ銀行 一〇八 普通 4462190) */
			branch |= pii__ends_with(t, a, q, branch_suffixes) != 0;
			if (pii__match(t, a, "記号"))
				kigou = a;
		} else {
			size_t bk = branch && !tabbed ? bank_before_part(t, a) : (size_t)-1;
			if (bk != (size_t)-1)
				return bk;
			break;
		}
		q = a;
	}
	/* half-width kana without a bank word: bank and branch before ﾌﾂｳ */
	if (seen_type && hw_parts >= 1 && !tabbed)
		return hw_start;
	/* ゆうちょ口座：記号17470 番号28193041: no bank in the walk, which
	 * stopped at a label's colon right before the 記号 part: the
	 * designation is what follows the label, 記号 and all (session 26's
	 * read files) */
	if (start == s && kigou != SIZE_MAX && kigou > 0 && t->cp[kigou - 1] == ':')
		return kigou;
	return start;
}

/* ---- accounts written with the banks' codes (eighth round) ----------------
 *
 * Transfer data names a bank and a branch by their codes: 4 digits for the
 * bank, 3 for the branch, each optionally followed by its name in
 * half-width kana, then the account type (1 普通, 2 当座, 4 貯蓄, 9 other)
 * and the 7-digit number. Written in fixed width (a 全銀 record:
 * 20168ﾁﾕｳｺﾞｸ<pad>251ﾂｼﾏ<pad>11840229, the clearing code left blank or
 * given), in cells (0168<TAB>ﾁﾕｳｺﾞｸ<TAB>251<TAB>ﾂｼﾏ<TAB>1<TAB>1840337), with
 * spaces (0144 ﾎｯｺｸ 106 ｶﾅｻﾞﾜｴｷﾏｴ 1 2017734) or as codes only in a comma
 * or tab row that holds a name in half-width kana (0149,205,1,4408175),
 * the whole designation is one JP_BANK_ACCOUNT, and a recipient's name in
 * half-width kana right after the number (the fixed-width record) a
 * PERSON. A payer's header record (opening with 1) is not read. */

#define CODED_NAME_MAX 15 /* code points of a bank's or branch's name */
#define CODED_PAD_MAX 24  /* a name and its padding */

/* Code points of names in transfer data: half-width kana and the few signs
 * the format allows (ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ). */
static int coded_letter(uint32_t c)
{
	return is_hw_kana(c) || c == '-' || c == '(' || c == ')' || c == '.';
}

/* Exactly n digits at i (no digit after them). */
static int digits_at(const struct pii__text *t, size_t i, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (i + k >= t->n || !pii__is_digit(t->cp[i + k]))
			return 0;
	return i + n >= t->n || !pii__is_digit(t->cp[i + n]);
}

/* Separators between the parts: a run of spaces (the padding of a fixed
 * width, or one space), one comma, or one tab. Returns the end, and the
 * kind seen in *sep (' ', ',' or '\t') when it differs from 0. */
static size_t coded_sep(const struct pii__text *t, size_t i, size_t max, uint32_t *sep)
{
	if (i < t->n && t->cp[i] == ',') {
		*sep = ',';
		return i + 1;
	}
	if (i < t->n && pii__raw_tab(t, i)) {
		*sep = '\t';
		return i + 1;
	}
	size_t j = i;
	while (j < t->n && t->cp[j] == ' ' && !pii__raw_tab(t, j) && j - i < max)
		j++;
	if (j > i)
		*sep = ' ';
	return j;
}

/* A code of n digits at i, then a name (optional), each followed by a
 * separator. Returns where the next part starts (0: no such part) and
 * whether a name was there. */
static size_t coded_part(const struct pii__text *t, size_t i, size_t n, int *named, uint32_t *sep)
{
	if (!digits_at(t, i, n))
		return 0;
	size_t j = i + n;
	uint32_t s0 = 0;
	j = coded_sep(t, j, 2, &s0);
	*named = 0;
	size_t a = j;
	while (j < t->n && coded_letter(t->cp[j]) && j - a < CODED_NAME_MAX)
		j++;
	if (j > a) {
		if (!is_hw_kana(t->cp[a]))
			return 0;
		*named = 1;
		size_t e = coded_sep(t, j, CODED_PAD_MAX - (j - a), sep);
		return e > j ? e : 0;
	}
	if (!s0)
		return 0;
	*sep = s0;
	return j;
}

/* A line of the text that holds half-width kana (the holder's name). */
static int line_has_hw_kana(const struct pii__text *t, size_t i)
{
	size_t a = i, b = i;
	while (a > 0 && t->cp[a - 1] != '\n')
		a--;
	while (b < t->n && t->cp[b] != '\n')
		b++;
	for (size_t k = a; k < b; k++)
		if (is_hw_kana(t->cp[k]))
			return 1;
	return 0;
}

/* The coded designation starting at i (the bank's code); its end or 0. */
static size_t coded_account_at(const struct pii__text *t, size_t i)
{
	int bank_named, branch_named;
	uint32_t s1 = 0, s2 = 0, s3 = 0;
	size_t b = coded_part(t, i, 4, &bank_named, &s1);
	if (!b)
		return 0;
	size_t a = coded_part(t, b, 3, &branch_named, &s2);
	if (!a || bank_named != branch_named)
		return 0;
	/* the type, with or without the clearing code before it, then the
	 * number: 11840229, 000011840229, 1 3015572, 1,4408175 */
	size_t d = a;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - a < 13)
		d++;
	size_t typ, e;
	if (d - a == 8 || d - a == 12) {
		typ = d - 8, e = d;
	} else if (d - a == 1 || d - a == 5) {
		typ = d - 1;
		size_t n = coded_sep(t, d, 1, &s3);
		if (n == d || !digits_at(t, n, 7))
			return 0;
		e = n + 7;
	} else {
		return 0;
	}
	uint32_t ty = t->cp[typ];
	if (ty != '1' && ty != '2' && ty != '4' && ty != '9')
		return 0;
	if (e < t->n && pii__is_digit(t->cp[e]))
		return 0;
	/* a sample of zeros (0000,000,1,0000000) */
	size_t zeros = 0;
	for (size_t k = e - 7; k < e; k++)
		zeros += t->cp[k] == '0';
	if (zeros == 7)
		return 0;
	/* codes only: cells of one kind, in a row that names its holder, and
	 * not under a header naming the number's column (ｺｳｻﾞﾊﾞﾝｺﾞｳ, 口座番号):
	 * such a table holds each code in its own column, and the number
	 * cell alone is the account (batch 20 labels it so) */
	if (!bank_named) {
		static const char *const number_columns[] = {"口座番号", "ｺｳｻﾞﾊﾞﾝｺﾞｳ", NULL};
		if (s1 != s2 || s1 == ' ' || (s3 && s3 != s1) || !line_has_hw_kana(t, i))
			return 0;
		for (size_t k = 0; k < i; k++)
			if (pii__match_any(t, k, number_columns))
				return 0;
	}
	return e;
}

/* A recipient written right after the number that is a company
 * (ｶ)ｷﾕｳｼﾕｳﾃﾞ-ﾀ, ﾕ)ｵｶﾀﾞﾃﾞﾝｷ, ﾃﾝｼﾞﾝ(ｶ): the bracket of a legal form in the
 * half-width name glued to the number. Its account is not personal. */
static int company_recipient(const struct pii__text *t, size_t e)
{
	for (size_t k = e; k < t->n && k - e < 30; k++) {
		if (t->cp[k] == ')' || t->cp[k] == '(')
			return 1;
		if (!coded_letter(t->cp[k]) &&
		    !(t->cp[k] == ' ' && !pii__raw_tab(t, k) && k + 1 < t->n && is_hw_kana(t->cp[k + 1])))
			break;
	}
	return 0;
}

static void coded_accounts(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have_digit(t) || !pii__may_have_class(t, PII_CUE_KATA))
		return;
	for (size_t i = 0; i + 12 < t->n; i++) {
		/* a code opens a line or follows a separator: test the cheaper
		 * separator first (most digits are inside numbers or text) */
		if (!pii__is_digit(t->cp[i]))
			continue;
		if (i > 0 && t->cp[i - 1] != '\n' && t->cp[i - 1] != ' ' && t->cp[i - 1] != ',') {
			while (i + 1 < t->n && pii__is_digit(t->cp[i + 1]))
				i++;
			continue;
		}
		size_t s = i;
		if (i == 0 || t->cp[i - 1] == '\n') {
			/* a 全銀 data record opens with its kind 2; a header (1:
			 * the payer's own account), a trailer (8) or an end
			 * record (9) is no account */
			if (t->cp[i] == '1') {
				while (i + 1 < t->n && t->cp[i + 1] != '\n')
					i++;
				continue;
			}
			if (t->cp[i] != '2')
				goto skip;
			s = i + 1;
			if (s < t->n && t->cp[s] == ' ')
				s++; /* 2 0005ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ: fields spaced out */
		} else if (!(t->cp[i - 1] == ' ' || t->cp[i - 1] == ',')) {
			goto skip;
		}
		size_t e = coded_account_at(t, s);
		if (e && company_recipient(t, e)) {
			i = e;
			continue;
		}
		if (e) {
			pii__cand_add(c, t, s, e, PII_JP_BANK_ACCOUNT, 0.97);
			size_t n = e;
			while (n < t->n && (is_hw_kana(t->cp[n]) ||
					    (t->cp[n] == ' ' && n > e && n + 1 < t->n &&
					     is_hw_kana(t->cp[n + 1]) && !pii__raw_tab(t, n))))
				n++;
			if (n - e >= 2)
				pii__cand_add(c, t, e, n, PII_PERSON, 0.9);
			i = e;
			continue;
		}
	skip:
		while (i + 1 < t->n && pii__is_digit(t->cp[i + 1]))
			i++;
	}
}

/* Words that make the account after them an organisation's: a company's
 * own (当社口座（静岡銀行…）, 弊社), the city's designated bank or public
 * funds (指定金融機関 …, 公金, 会計管理者; not 公金受取口座, a person's), in
 * the same line, at most ORG_ACCOUNT_WINDOW code points before the
 * designation. */
#define ORG_ACCOUNT_WINDOW 16
static const char *const org_account_words[] = {"当社", "弊社", "指定金融機関", "公金",
						"会計管理者", "収納代理", NULL};

static int organisation_account(const struct pii__text *t, size_t s)
{
	for (size_t q = s; q > 0 && s - q < ORG_ACCOUNT_WINDOW; q--) {
		if (t->cp[q - 1] == '\n' || t->cp[q - 1] == 0x3002 /* 。 */)
			return 0;
		size_t m = pii__match_any(t, q - 1, org_account_words);
		/* 公金受取口座: the account a person registers to receive
		 * public money is theirs (thirteenth round (b)) */
		if (m && !(m == 2 && pii__match(t, q - 1, "公金受取")))
			return 1;
	}
	return 0;
}

static void drop_organisation_accounts(const struct pii__text *t, struct pii__cands *c)
{
	size_t k = 0;
	for (size_t j = 0; j < c->n; j++) {
		/* from the designation's start (the number's own candidate
		 * looks back over the bank and branch written before it) */
		if (c->v[j].type == PII_JP_BANK_ACCOUNT &&
		    organisation_account(t, designation_start(t, c->v[j].start)))
			continue;
		c->v[k++] = c->v[j];
	}
	c->n = k;
}

/* 振込先：Vietcombank Ha Noi Branch 0011004392817: an account abroad after
 * a transfer's label (振込先, 送金先, 振替先), its bank written in Latin
 * letters (seventeenth round (b)). The words after the label name a bank
 * (a word ending in bank or Bank; Branch, Banco, Banque, Agencia), then
 * eight to sixteen digits
 * end the account; the span runs from the bank's name to the digits.
 * Walks the positions of 先 only. */
static size_t latin_bank_account_end(const struct pii__text *t, size_t i)
{
	size_t j = i;
	int bank = 0, words = 0;
	while (j < t->n && words < 8) {
		size_t w = j;
		while (j < t->n && pii__is_latin(t->cp[j]) && j - w < 24)
			j++;
		if (j == w)
			break;
		if ((j - w >= 4 && (pii__match(t, j - 4, "bank") || pii__match(t, j - 4, "Bank") ||
				    pii__match(t, j - 4, "BANK"))) ||
		    pii__match(t, w, "Branch") == j - w || pii__match(t, w, "Banco") == j - w ||
		    pii__match(t, w, "Banque") == j - w || pii__match(t, w, "Agencia") == j - w)
			bank = 1;
		words++;
		if (j >= t->n || t->cp[j] != ' ')
			return 0;
		j++;
		if (j < t->n && pii__is_digit(t->cp[j]))
			break;
	}
	if (!bank || j >= t->n || !pii__is_digit(t->cp[j]))
		return 0;
	size_t d = j;
	while (j < t->n && pii__is_digit(t->cp[j]) && j - d <= 16)
		j++;
	if (j - d < 8 || j - d > 16 || (j < t->n && (pii__is_alnum(t->cp[j]) || t->cp[j] == '-')))
		return 0;
	return j;
}

static void latin_bank_accounts(const struct pii__text *t, struct pii__cands *c)
{
	static const char *const labels[] = {"振込先", "送金先", "振替先", NULL};
	for (size_t q = pii__find_cp(t, 2, 0x5148 /* 先 */); q < t->n;
	     q = pii__find_cp(t, q + 1, 0x5148)) {
		if (pii__match_any(t, q - 2, labels) != 3)
			continue;
		size_t i = q + 1;
		while (i < t->n && i - q < 4 && (t->cp[i] == ' ' || t->cp[i] == ':' ||
						 t->cp[i] == 0x306F /* は */))
			i++;
		if (i >= t->n || !pii__is_latin_upper(t->cp[i]))
			continue;
		size_t e = latin_bank_account_end(t, i);
		if (e)
			pii__cand_add(c, t, i, e, PII_JP_BANK_ACCOUNT, 0.9);
	}
}

/* 琉球銀行,3021957: a comma row's cell that is a bank's name, then a cell
 * of the seven digits of an account (the row's last cell or one before
 * another): a payment list exported without its header (twenty-first
 * round (b)). The bank and the number are one designation; a branch or a
 * type in cells between is read by designation_start() from the number. */
static void bank_cell_accounts(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i + 8 <= t->n; i++) {
		i = pii__skip_to_cp(t, i, ',');
		if (i + 8 > t->n)
			break;
		if (!digits_at(t, i + 1, 7) ||
		    (i + 8 < t->n && t->cp[i + 8] != ',' && t->cp[i + 8] != '\n' && t->cp[i + 8] != '\r'))
			continue;
		/* 青森銀行,弘前支店,普通,1173058: the branch's and the type's
		 * cells may stand between the bank's and the number's
		 * (twenty-eighth round (c)); nothing else may */
		size_t ce = i, cs = i;
		int bank = 0;
		for (int cells = 0; cells < 3 && !bank; cells++) {
			cs = ce;
			while (cs > 0 && t->cp[cs - 1] != ',' && t->cp[cs - 1] != '\n' && ce - cs <= DESIG_TOKEN)
				cs--;
			if (cs == ce || (cs > 0 && t->cp[cs - 1] != ',' && t->cp[cs - 1] != '\n'))
				break;
			bank = pii__ends_with(t, cs, ce, bank_suffixes) != 0;
			if (bank)
				break;
			if (cs == 0 || t->cp[cs - 1] != ',' ||
			    !(pii__ends_with(t, cs, ce, type_words) || pii__ends_with(t, cs, ce, branch_suffixes)))
				break;
			ce = cs - 1;
		}
		if (!bank || organisation_account(t, cs))
			continue;
		/* 預金：青森銀行,…: the field's label opens the line's first cell */
		for (size_t q = cs; q < ce; q++)
			if (t->cp[q] == ':')
				cs = q + 1;
		while (cs < ce && t->cp[cs] == ' ')
			cs++;
		pii__cand_add(c, t, cs, i + 8, PII_JP_BANK_ACCOUNT, 0.9);
	}
}

/* A separator of cells at i: a comma or a tab (folded to a space). */
static int cell_sep_at(const struct pii__text *t, size_t i)
{
	return i < t->n && (t->cp[i] == ',' || pii__raw_tab(t, i));
}

/* ゆうちょ銀行,18350,21736541: a row's cell naming ゆうちょ (which has no
 * branches nor types, but a 記号 of five digits and a 番号 of six to eight),
 * then those two cells (or one, 18350-21736541): one designation, as the labelled sets take a
 * bank's cells across a row. The bank's cell opens at a separator or a
 * line's start; the number ends its cell. Walks the positions of ゆ only. */
static void yucho_cell_accounts(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t q = pii__find_cp(t, 0, 0x3086 /* ゆ */); q < t->n;
	     q = pii__find_cp(t, q + 1, 0x3086)) {
		size_t m = pii__match(t, q, "ゆうちょ銀行");
		if (!m)
			m = pii__match(t, q, "ゆうちょ");
		if (!m || !(q == 0 || t->cp[q - 1] == '\n' || cell_sep_at(t, q - 1)))
			continue;
		size_t a = q + m;
		/* each value may carry its label in its cell (ゆうちょ銀行,記号
		 * 12380,番号45261871; batches 530-537) */
		size_t l1 = cell_sep_at(t, a) ? pii__match(t, a + 1, "記号") : 0;
		if (!cell_sep_at(t, a) || !digits_at(t, a + 1 + l1, 5))
			continue;
		/* or both in one cell, parted by a hyphen (ゆうちょ銀行,
		 * 18450-21736951; batches 562-577) */
		size_t mid = a + 6 + l1;
		int hyphen = mid < t->n && t->cp[mid] == '-';
		/* or labelled, a space between (記号12370 番号28815061;
		 * batches 626-641) */
		int spaced = l1 && mid + 1 < t->n && t->cp[mid] == ' ' && pii__match(t, mid + 1, "番号");
		if (!hyphen && !spaced && (!cell_sep_at(t, mid) || t->cp[a] != t->cp[mid]))
			continue;
		size_t b = mid + 1;
		if (l1 && !hyphen)
			b += pii__match(t, b, "番号");
		size_t e = b;
		while (e < t->n && pii__is_digit(t->cp[e]) && e - b <= 8)
			e++;
		if (e - b < 6 || e - b > 8 ||
		    (e < t->n && !cell_sep_at(t, e) && t->cp[e] != '\n' && t->cp[e] != '\r'))
			continue;
		if (!organisation_account(t, q))
			pii__cand_add(c, t, q, e, PII_JP_BANK_ACCOUNT, 0.97);
	}
}

/* 3860,芸予銀行,本町支店,普通,4402187: a cell of four digits before a bank
 * named in its own letters is the row's amount or count, not the bank's
 * code, unless the branch's code of three digits is written too (codes
 * come in pairs: 0158,京都銀行,112,…). Such a designation opens at the
 * bank's cell. */
static void amount_before_bank_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *v = &c->v[k];
		size_t s = v->start;
		if (v->type != PII_JP_BANK_ACCOUNT || v->end - s < 10 || !digits_at(t, s, 4) ||
		    !cell_sep_at(t, s + 4) || (s > 0 && !cell_sep_at(t, s - 1) && t->cp[s - 1] != '\n'))
			continue;
		size_t b = s + 5, be = b;
		while (be < v->end && !cell_sep_at(t, be))
			be++;
		if (be == b || !pii__ends_with(t, b, be, bank_suffixes) || is_hw_kana(t->cp[b]))
			continue;
		int branch_code = 0;
		for (size_t q = be; q + 4 < v->end && !branch_code; q++)
			branch_code = cell_sep_at(t, q) && digits_at(t, q + 1, 3) && cell_sep_at(t, q + 4);
		if (!branch_code)
			pii__span_set(v, t, b, v->end);
	}
}

/* 中標津町農業協同組合,本所,普通,0412638,堆肥舎補修,1240000 (batches
 * 744-757): a cell of digits alone read as an account by the type word of
 * the designation before it, which has its own number, in the same row,
 * cells of words between: an amount of the row, no second account. The
 * accounts' ends are sorted once; each cell of digits walks back over its
 * row (ROW_WALK_MAX code points) to the commas where a longer designation
 * may end. */
#define ROW_WALK_MAX 64

/* Pairs (end, start) of the accounts, by end, then by start: at one end
 * the longest first. */
static int end_start_cmp(const void *a, const void *b)
{
	const size_t *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

static void amounts_after_designation(const struct pii__text *t, struct pii__cands *c)
{
	size_t na = 0, cells = 0;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_JP_BANK_ACCOUNT) {
			na++;
			cells += c->v[k].start > 0 && t->cp[c->v[k].start - 1] == ',' &&
				 pii__all_digits(t, c->v[k].start, c->v[k].end);
		}
	if (na < 2 || !cells)
		return;
	size_t *es = yk_xmalloc(2 * na * sizeof(*es));
	size_t m = 0;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_JP_BANK_ACCOUNT) {
			es[2 * m] = c->v[k].end;
			es[2 * m++ + 1] = c->v[k].start;
		}
	qsort(es, m, 2 * sizeof(*es), end_start_cmp);
	size_t w = 0;
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *v = &c->v[k];
		int amount = 0;
		if (v->type == PII_JP_BANK_ACCOUNT && v->start > 1 && t->cp[v->start - 1] == ',' &&
		    pii__all_digits(t, v->start, v->end)) {
			/* back over the row: the commas before, words between */
			int words = 0;
			for (size_t q = v->start - 1; q > 0 && v->start - q < ROW_WALK_MAX && !amount; q--) {
				uint32_t ch = t->cp[q - 1];
				if (ch == '\n')
					break;
				if (ch == ',' && words) {
					/* the longest account ending at the comma */
					size_t i = pii__keys_below(es, m, 2, q - 1);
					amount = i < m && es[2 * i] == q - 1 &&
						 es[2 * i] - es[2 * i + 1] > v->end - v->start;
				}
				words |= pii__is_kanji(ch) || pii__is_kata(ch) || pii__is_hira(ch);
			}
		}
		if (!amount)
			c->v[w++] = *v;
	}
	c->n = w;
	free(es);
}

void pii__bank_designations(const struct pii__text *t, struct pii__cands *c)
{
	if (pii__may_have(t, 0x3086 /* ゆ */) && pii__may_have_digit(t) &&
	    (pii__may_have(t, ',') || pii__may_have(t, ' ')))
		yucho_cell_accounts(t, c);
	if (pii__may_have(t, ',') || pii__may_have(t, ' '))
		amount_before_bank_trimmed(t, c);
	coded_accounts(t, c);
	if (pii__may_have(t, ',') && pii__may_have_digit(t))
		bank_cell_accounts(t, c);
	if (pii__may_have(t, 0x5148 /* 先 */) && pii__may_have_digit(t))
		latin_bank_accounts(t, c);
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		if (c->v[k].type != PII_JP_BANK_ACCOUNT)
			continue;
		/* ゆうちょ銀行は記号5桁・番号8桁: a count of digits, a form's
		 * rule, no value (batches 578-593); pii__public_filter() drops
		 * it */
		if (c->v[k].end < t->n && t->cp[c->v[k].end] == 0x6841 /* 桁 */) {
			c->v[k].confidence = 0;
			continue;
		}
		size_t s = c->v[k].start;
		size_t d = designation_start(t, s);
		if (d >= s)
			continue;
		pii__cand_add(c, t, d, c->v[k].end, PII_JP_BANK_ACCOUNT, 0.97);
	}
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_JP_BANK_ACCOUNT) {
			drop_organisation_accounts(t, c);
			break;
		}
	if (pii__may_have(t, ','))
		amounts_after_designation(t, c);
}
