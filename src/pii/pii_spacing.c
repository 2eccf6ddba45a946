/* pii/spacing: the spaces a scan reads past (letter-spaced names, spaced
 * addresses).
 *
 * Text read by OCR from a faxed or scanned form, and text typed on a phone,
 * puts spaces where the rules expect none: a name letter-spaced in its box
 * (高 橋　勇 作, 佐 々木　昌 弘), an address with a space between its parts
 * (釧路市 芦野3丁目 9-12, 埼玉県 川口市 芝新町 5-3-202, 根室市光和町 １丁目
 * ６番地 花咲寮 ３号室). The rules read names and addresses as runs of
 * code points, so they found the pieces (高, 昌 弘) or nothing. Blind
 * batches 512 (OCR) and 513 (phones), first run: R 0.69 and 0.78.
 *
 * pii__spacing_gaps() lists the spaces to take out; pii__scan() scans a
 * copy without them and maps the spans back, so a span covers the spaces
 * inside it (as it covers a quoted cell's quotes, pii.c). Two patterns,
 * nothing else is touched (a text without them is scanned as it is):
 *
 * - Letter-spacing: tokens in a row of one kana or kanji each (the first
 *   may end a longer token after a bracket or a colon, the last may go on
 *   with a bracket: （生徒）工 藤, 結 衣（…; a token opening with 々 always
 *   continues the one before: 佐 々木). Four tokens or more, or three with
 *   both kinds of space (村 上　修), or two after a surname and a full-width
 *   space (熊谷　孝 雄); never two or three with one kind of space, which is
 *   how foreign residents' one-kanji names are written (王 強, 夫 赵 磊).
 *   A given name of two or three lone kanji after a surname of two or
 *   three and one space joins too (三上 清 治, 熊谷　孝 雄), where the
 *   surname is no label or role (氏名, 世帯主...) and no 様, 宅 follows
 *   (坂口 誠 宅).
 *   Where the run mixes half-width spaces with full-width ones, the
 *   full-width ones are the form's separator between surname and given name
 *   and stay (高橋　勇作); where it uses one kind only, every space goes.
 * - Address parts: a token holding a municipality's or prefecture's suffix
 *   after two code points or more of its last run (釧路市, 標茶町字オソツベツ,
 *   東京都江東区; not 中村, 市役所, 付で貴市), not closed by a number or a lot
 *   (…3-5, …5番: the rules read what follows those). After the suffix up
 *   to three place tokens (芦野3丁目, 川湯温泉; not the city again: 宿毛市
 *   宿毛市中央…); after a town's name one place token that ends in its
 *   block and names no municipality (小佐渡 東強清水120番地; not a
 *   facility's 新潟市児童相談所　新潟市中央区…). Then blocks: a number that
 *   opens with neither 0 (a phone) nor a date's or a grouped number's
 *   four digits (2026-12-01, 3902-8461-1759; a lot stays: 1125-3), with
 *   hyphens and numbers (not a postal code's 3-4), 丁目, 番地,
 *   番, 号, 条 or 線 after it, or bare after a town's name or a block
 *   (駅前錦町 ４８, 3丁目 18), or after places where an address's label
 *   stands before on the line or a town opened two places (住所　府中市
 *   上下町上下 ９１８, 福山市 沼隈町 草深 １８９８; never 人口 48, 全壊 242,
 *   a number with 人, 階, 年...
 *   after it, nor a wing: 2号棟); no block after one closed by 号 (4番7号
 *   105号室) or after a number (茶内第２ ３１４番地). A dwelling's name and
 *   its room may follow (メゾン貝塚 103, 花咲寮 ３号室). The spaces between
 *   these tokens go; a chain without a block takes nothing out. After a
 *   label up to seven place tokens (板柳町 大字 福野田 字 実 田 ３２).
 * - Numbers read one box at a time: five digits or hyphens or more, each
 *   alone with one space between (3 1 5 2 9 9 9 2 3 6 3 0, 4 2 1 7 － 5 8
 *   3 0 6 2), or three after a number read whole (0768-52-3 9 1 8).
 *
 * Cost: a byte test (spacing_maybe()) first, per line;
 * eval.txt, a name in most lines: about +2% instructions (31.24 M → 31.8-31.9 M).
 */
#include <string.h>

#include "pii/pii_int.h"

enum { TOK_MAX = 512 };

struct tok {
	size_t b, e;   /* bytes of the token */
	size_t gb;     /* bytes: the space group after it, [e, gb) */
	uint32_t c0, c1, clast, cprev; /* first two, last, before the last */
	size_t ncp;    /* code points */
	int wide;      /* the group after it holds U+3000 */
	int ngroup;    /* code points of the group after it */
};

static int is_sp(uint32_t c) { return c == ' ' || c == 0x3000; }

static int cjk(uint32_t c)
{
	return pii__is_kanji(c) || pii__is_hira(c) || (c >= 0x30A1 && c <= 0x30FA) ||
	       c == 0x30FC || c == 0x3006 || c == 0x30F6;
}

static int digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static int hyphen(uint32_t c)
{
	return c == '-' || c == 0xFF0D || c == 0x2010 || c == 0x2011 || c == 0x2012 ||
	       c == 0x2013 || c == 0x2014 || c == 0x2212 || c == 0x30FC;
}

static inline __attribute__((always_inline)) uint32_t cp_at(const char *s, size_t len, size_t *i)
{
	uint32_t c;
	*i += yk_utf8_decode(s + *i, len - *i, &c);
	return c;
}

/* The code points of token k, decoded into buf (at most cap). */
static size_t tok_cps(const char *s, const struct tok *t, uint32_t *buf, size_t cap)
{
	size_t n = 0;
	for (size_t i = t->b; i < t->e && n < cap;)
		buf[n++] = cp_at(s, t->e, &i);
	return n;
}

/* Neither kana nor kanji nor a letter or a digit: what may stand around a
 * lone token (a space, a bracket, a colon, the line's end). */
static int apart(uint32_t c) { return !cjk(c) && !digit(c) && !pii__is_alnum(c) && c != 0; }

/* ---- letter-spacing ------------------------------------------------------ */

static int lone(const struct tok *t) { return t->ncp == 1 && cjk(t->c0); }

/* A run may open with the last kana or kanji of a longer token after a
 * bracket, a colon or a label's punctuation (申請者（生徒）工 藤). */
static int lone_at_end(const struct tok *t)
{
	return lone(t) || (t->ncp > 1 && cjk(t->clast) && !cjk(t->cprev) && !digit(t->cprev) &&
			   !pii__is_alnum(t->cprev) && t->cprev != ' ');
}

/* ...and close with a kana or kanji a bracket follows (結 衣（茶内小…). */
static int lone_at_start(const struct tok *t)
{
	return lone(t) || (t->ncp > 1 && cjk(t->c0) && !cjk(t->c1) && !digit(t->c1) &&
			   !pii__is_alnum(t->c1));
}

static int group_ok(const struct tok *t) { return t->ngroup >= 1 && t->ngroup <= 3 && t->wide <= 1; }

/* ---- address parts ------------------------------------------------------- */

static int muni_suffix(uint32_t c)
{
	return c == 0x90FD /* 都 */ || c == 0x9053 /* 道 */ || c == 0x5E9C /* 府 */ ||
	       c == 0x770C /* 県 */ || c == 0x5E02 /* 市 */ || c == 0x533A /* 区 */ ||
	       c == 0x753A /* 町 */ || c == 0x6751 /* 村 */ || c == 0x90E1 /* 郡 */;
}

/* The token's last run of kana, kanji and digits holds a municipality's
 * suffix after two code points or more of that run. */
static int anchor(const char *s, const struct tok *t)
{
	uint32_t cp[64];
	size_t n = tok_cps(s, t, cp, 64);
	size_t a = n;
	while (a > 0 && (cjk(cp[a - 1]) || digit(cp[a - 1]) || hyphen(cp[a - 1])) &&
	       (cp[a - 1] == 0x306E /* の: 住の江 */ || cp[a - 1] == 0x3084 /* や */ ||
		!pii__is_particle(cp[a - 1])))
		a--;
	for (size_t i = a + 2; i < n; i++)
		if (muni_suffix(cp[i]))
			return 1;
	return 0;
}

static int has_digit(const char *s, const struct tok *t)
{
	for (size_t i = t->b; i < t->e;) {
		uint32_t c = cp_at(s, t->e, &i);
		if (digit(c))
			return 1;
	}
	return 0;
}

/* Kanji that may follow a block's number inside the block. */
static int block_word(uint32_t c)
{
	return c == 0x4E01 /* 丁 */ || c == 0x756A /* 番 */ || c == 0x53F7 /* 号 */ ||
	       c == 0x6761 /* 条 */ || c == 0x7DDA /* 線 */ || c == 0x5730 /* 地 */;
}

/* A block at the token's start: 9-12, ３丁目, ５８６番地, 75番地, 2-5です. */
static int block(const char *s, const struct tok *t)
{
	uint32_t cp[64];
	size_t n = tok_cps(s, t, cp, 64);
	size_t i = 0, d = 0;
	while (i < n && digit(cp[i]))
		i++, d++;
	if (d == 0 || d > 4 || cp[0] == '0' || cp[0] == 0xFF10)
		return 0;
	/* 2026-12-01, 2026/12/1: a date (a lot of four digits stays: 1125-3) */
	if (d == 4 && i < n && (hyphen(cp[i]) || cp[i] == '/' || cp[i] == '.')) {
		size_t k = i + 1, m = 0;
		while (k < n && digit(cp[k]))
			k++, m++;
		/* (and 3902-8461-1759: a number in groups of four) */
		if (cp[i] == '/' || cp[i] == '.' || (m >= 1 && m <= 2 && k < n && cp[k] == cp[i]) ||
		    m >= 4)
			return 0;
	}
	if (i == n)
		return 1;
	uint32_t c = cp[i];
	if (hyphen(c) && c != 0x30FC) {
		/* 699-0502: a postal code */
		size_t k = i + 1, d2 = 0;
		while (k < n && digit(cp[k]))
			k++, d2++;
		if (d == 3 && d2 == 4)
			return 0;
		return d2 > 0;
	}
	/* 2号棟, 3号館: a building's wing, read with the lot before it */
	if (c == 0x53F7 /* 号 */ && i + 1 < n && (cp[i + 1] == 0x68DF /* 棟 */ || cp[i + 1] == 0x9928 /* 館 */))
		return 0;
	if (block_word(c))
		return 1;
	/* a room or a lot with kana after it (9-12です), or a bracket */
	return pii__is_hira(c) || c == 0xFF08 || c == '(' || c == 0xFF09 || c == ')' || c == 0x3001 ||
	       c == 0x3002;
}

/* A block with its shape: hyphens, or 丁目, 番, 号, 条, 線 after the
 * number. A bare number (４８, 18) is a block only after a town's name or
 * a block (…駅前錦町 ４８, 3丁目 18, ７５番地 ２), never after a word
 * (日南市 人口 48, 氷見市 全壊 242). */
static int shaped_block(const char *s, const struct tok *t)
{
	uint32_t cp[8];
	size_t n = tok_cps(s, t, cp, 8), i = 0;
	while (i < n && digit(cp[i]))
		i++;
	return i < n && ((hyphen(cp[i]) && cp[i] != 0x30FC) || block_word(cp[i]));
}

static int bare_block_after(uint32_t c)
{
	return c == 0x753A /* 町 */ || c == 0x6751 /* 村 */ || c == 0x76EE /* 目 */ ||
	       c == 0x6761 /* 条 */ || c == 0x5730 /* 地 */ || c == 0x7DDA /* 線 */ ||
	       c == 0x756A /* 番 */ || pii__is_kata(c);
}

/* A place token that ends in a block (豊洲4-2-11-1405, 芦野3丁目). */
static int place_block(const char *s, const struct tok *t)
{
	uint32_t cp[20];
	size_t n = tok_cps(s, t, cp, 20), i = 0;
	while (i < n && cjk(cp[i]))
		i++;
	if (i == 0 || i == n || !digit(cp[i]) || cp[i] == '0' || cp[i] == 0xFF10)
		return 0;
	size_t d = 0;
	while (i < n && digit(cp[i]))
		i++, d++;
	if (d > 4 || i == n)
		return 0;
	return (hyphen(cp[i]) && cp[i] != 0x30FC && i + 1 < n && digit(cp[i + 1])) ||
	       block_word(cp[i]);
}

/* The token p opens with the municipality that ends token a (宿毛市
 * 宿毛市中央三丁目…: the city written twice, the address after it). */
static int repeats(const char *s, const struct tok *a, const struct tok *p)
{
	size_t b = a->e; /* the start of the last run of kanji */
	int in = 0;
	for (size_t i = a->b; i < a->e;) {
		size_t at = i;
		int k = pii__is_kanji(cp_at(s, a->e, &i));
		if (k && !in)
			b = at;
		in = k;
	}
	if (!in)
		return 0;
	size_t m = a->e - b;
	return m >= 6 && p->e - p->b > m && memcmp(s + b, s + p->b, m) == 0;
}

/* A place token between the municipality and the block: kana, kanji and
 * digits only, short (芦野3丁目, 川湯温泉, 睦, 西17条南, 豊洲4-2-11-1405). */
static int place(const char *s, const struct tok *t)
{
	if (t->ncp > 20)
		return 0;
	uint32_t cp[20];
	size_t n = tok_cps(s, t, cp, 20);
	for (size_t i = 0; i < n; i++)
		if ((!cjk(cp[i]) && !digit(cp[i]) && !hyphen(cp[i])) ||
		    (pii__is_particle(cp[i]) && cp[i] != 0x306E /* の */ && cp[i] != 0x3084 /* や */))
			return 0;
	return cjk(cp[0]);
}

/* A dwelling's name after the blocks: katakana or kanji, no digit first. */
static int dwelling(const char *s, const struct tok *t)
{
	if (t->ncp > 15 || !cjk(t->c0))
		return 0;
	uint32_t cp[16];
	size_t n = tok_cps(s, t, cp, 16);
	for (size_t i = 0; i < n; i++)
		if (!cjk(cp[i]) && !digit(cp[i]) && !pii__is_alpha(cp[i]))
			return 0;
	return 1;
}

/* A room: 1-4 digits, 号室 or 号 or kana or the end after them. */
static int room(const char *s, const struct tok *t)
{
	uint32_t cp[16];
	size_t n = tok_cps(s, t, cp, 16);
	size_t i = 0;
	while (i < n && digit(cp[i]))
		i++;
	if (i == 0 || i > 4)
		return 0;
	return i == n || cp[i] == 0x53F7 || pii__is_hira(cp[i]) || cp[i] == 0xFF09 || cp[i] == ')';
}

/* ---- gaps ---------------------------------------------------------------- */

static void gap_add(struct pii__gaps *g, size_t b, size_t e)
{
	if (b >= e)
		return;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->v = yk_xrealloc(g->v, g->cap * sizeof(*g->v));
	}
	g->v[g->n].b = b;
	g->v[g->n].e = e;
	g->n++;
}

/* The half-width spaces of the group after token t (the full-width one
 * stays), or the whole group. */
static void group_gap(const char *s, const struct tok *t, int keep_wide, struct pii__gaps *g)
{
	if (!keep_wide || !t->wide) {
		gap_add(g, t->e, t->gb);
		return;
	}
	for (size_t i = t->e; i < t->gb;) {
		size_t a = i;
		uint32_t c = cp_at(s, t->gb, &i);
		if (c == ' ')
			gap_add(g, a, i);
	}
}

/* Two or three kanji that may be a surname before a letter-spaced given
 * name (三上 清 治, 熊谷　孝 雄); not a label or a role (氏名 張 偉, 世帯主
 * 王 偉, 申請者 …), whose one-kanji name after it stays as written. */
static int surname_like(const struct tok *t)
{
	if (!pii__is_kanji(t->c0) || !pii__is_kanji(t->c1) || !pii__is_kanji(t->clast))
		return 0;
	static const uint32_t ends[] = {0x540D /* 名 */, 0x8005 /* 者 */, 0x4EBA /* 人 */,
					0x4E3B /* 主 */, 0x524D /* 前 */, 0x6B04 /* 欄 */,
					0x65B9 /* 方 */, 0x69D8 /* 様 */, 0x5F53 /* 当 */,
					0x54E1 /* 員 */, 0x9577 /* 長 */, 0x5148 /* 先 */};
	for (size_t i = 0; i < YK_ARRAY_LEN(ends); i++)
		if (t->clast == ends[i])
			return 0;
	return 1;
}

/* 様, 宅, 殿, 氏, 君, 方, 家 after a name (坂口 誠 宅): not its part. */
static int honorific(const struct tok *t)
{
	uint32_t c = t->c0;
	return (t->ncp == 1 || apart(t->c1)) &&
	       (c == 0x69D8 || c == 0x5B85 || c == 0x6BBF || c == 0x6C0F || c == 0x541B ||
		c == 0x65B9 || c == 0x5BB6);
}

static int opens_kuri(const struct tok *t) { return t->c0 == 0x3005; /* 々 */ }

/* Letter-spaced runs. A run is a longest sequence of lone tokens (the
 * first may end a longer token, the last may go on with a bracket; a token
 * opening with 々 belongs to the one before) with groups of one to three
 * spaces between them. A name of foreign residents is written with one
 * space between one-kanji parts (王 強, 朴 敏, 夫 赵 磊, 子 王 子軒), so a
 * run is joined only when it holds four tokens or more, or three with both
 * kinds of space (村 上　修); 々 always joins the token before it (佐 々木). */
static void letter_runs(const char *s, const struct tok *v, size_t n, struct pii__gaps *g)
{
	for (size_t k = 0; k + 1 < n;) {
		if (!group_ok(&v[k]) || !(lone_at_end(&v[k]) || opens_kuri(&v[k + 1]))) {
			k++;
			continue;
		}
		size_t j = k + 1; /* the run is [k, j] */
		while ((lone(&v[j]) || opens_kuri(&v[j])) && group_ok(&v[j]) && j + 1 < n &&
		       (lone(&v[j + 1]) || opens_kuri(&v[j + 1]) || lone_at_start(&v[j + 1])))
			j++;
		if (!(lone(&v[j]) || opens_kuri(&v[j]) || lone_at_start(&v[j]))) {
			k++;
			continue;
		}
		int wide = 0, plain = 0;
		for (size_t x = k; x < j; x++) {
			wide |= v[x].wide > 0;
			plain |= v[x].wide == 0;
		}
		size_t len = j - k + 1;
		/* 熊谷　孝 雄, 小野寺　拓 海: a given name letter-spaced after
		 * a surname and a full-width space, a full-width space, a
		 * bracket or the line's end after it */
		int given = (len == 2 || len == 3) && !wide && k > 0 && lone(&v[k]) && !honorific(&v[j]) &&
			    v[k - 1].ngroup == 1 &&
			    v[k - 1].ncp >= 2 && v[k - 1].ncp <= 3 && surname_like(&v[k - 1]) &&
			    (v[j].wide || v[j].ngroup == 0 || !lone(&v[j]));
		if (len >= 4 || (len == 3 && wide && plain) || given) {
			for (size_t x = k; x < j; x++)
				group_gap(s, &v[x], wide && plain, g);
		} else {
			for (size_t x = k; x < j; x++)
				if (opens_kuri(&v[x + 1]) && !v[x].wide)
					group_gap(s, &v[x], 0, g);
		}
		k = j + 1;
	}
}

/* An address's label on the line before token k (住所, 所在地, 住まい,
 * 住戸, 居所, 使用場所, 設置場所). */
static int label_before(const char *s, const struct tok *v, size_t k)
{
	static const char *const labels[] = {"住所", "所在地", "住まい", "住戸", "居所", "場所", NULL};
	size_t a = v[0].b, e = v[k].b;
	for (size_t i = 0; labels[i]; i++)
		if (memmem(s + a, e - a, labels[i], strlen(labels[i])))
			return 1;
	return 0;
}

static void address_runs(const char *s, const struct tok *v, size_t n, struct pii__gaps *g)
{
	for (size_t k = 0; k + 1 < n; k++) {
		/* an anchor that ends in a number has its block already
		 * (芝原市けやき台3-5 けやき台団地14-208) */
		uint32_t z = v[k].clast;
		if (v[k].ngroup < 1 || v[k].ngroup > 2 || digit(z) || !anchor(s, &v[k]))
			continue;
		/* …三丁目5番 けやき台団地…: a block closed by its lot (番, 号,
		 * 番地) is read with the building after it by the rules */
		if ((z == 0x756A /* 番 */ || z == 0x53F7 /* 号 */ || z == 0x5730 /* 地 */) &&
		    has_digit(s, &v[k]))
			continue;
		size_t j = k + 1, places = 0, last = 0;
		/* place tokens after a municipality's suffix (埼玉県 川口市,
		 * 釧路市 芦野3丁目); after a town's name only one that ends in
		 * its block and names no municipality (朱鷺野市小佐渡 東強清水
		 * 120番地; not 新潟市児童相談所　新潟市中央区…, a facility's) */
		int named = muni_suffix(z) || z == 0x5B57 /* 弘前市大字 富田町 */;
		/* a city written twice (宿毛市 宿毛市中央…) is no chain */
		size_t most = !named ? 0u : label_before(s, v, k) ? 6u : 3u;
		while (j < n && places <= most && !block(s, &v[j]) && place(s, &v[j]) &&
		       (named ? !repeats(s, &v[k], &v[j])
			      : place_block(s, &v[j]) && !anchor(s, &v[j])) &&
		       v[j - 1].ngroup >= 1 && v[j - 1].ngroup <= 2) {
			if (place_block(s, &v[j]))
				last = j;
			j++;
			places++;
		}
		/* blocks; never two numbers glued (茶内第２ ３１４番地), nor a
		 * room to a block closed by 号 (…4番7号 105号室 is read so) */
		/* a bare number after the places too, where a label says an
		 * address follows or a town opened them (福山市 沼隈町 草深
		 * １８９８; not 氷見市　全壊 242) */
		int bare_ok = label_before(s, v, k) ||
			      (places >= 2 && (v[k + 1].clast == 0x753A /* 町 */ ||
					       v[k + 1].clast == 0x6751 /* 村 */));
		while (j < n && v[j - 1].ngroup >= 1 && v[j - 1].ngroup <= 2 && block(s, &v[j]) &&
		       !digit(v[j - 1].clast) && v[j - 1].clast != 0x53F7 /* 号 */ &&
		       (shaped_block(s, &v[j]) || bare_block_after(v[j - 1].clast) ||
			(bare_ok && last == 0))) {
			last = j;
			j++;
		}
		if (!last)
			continue;
		if (last + 2 < n && v[last].ngroup >= 1 && v[last].ngroup <= 2 &&
		    dwelling(s, &v[last + 1]) && v[last + 1].ngroup >= 1 && v[last + 1].ngroup <= 2 &&
		    room(s, &v[last + 2]))
			last += 2;
		for (size_t x = k; x < last; x++)
			gap_add(g, v[x].e, v[x].gb);
		k = last;
	}
}

/* ---- numbers read digit by digit ---------------------------------------- */

static int digit_tok(const struct tok *t)
{
	return t->ncp == 1 && (digit(t->c0) || hyphen(t->c0));
}

/* A number OCR read from a form's boxes, one digit to a box: five digits
 * or hyphens or more, each alone, one space between them (3 1 5 2 9 9 9 2
 * 3 6 3 0, 4 2 1 7 － 5 8 3 0 6 2), or three after a number read whole
 * (0768-52-3 9 1 8). The spaces go. */
static void digit_runs(const struct tok *v, size_t n, struct pii__gaps *g)
{
	for (size_t k = 0; k + 1 < n;) {
		int head = !digit_tok(&v[k]) && digit(v[k].clast) && v[k].ncp <= 12;
		if (!(digit_tok(&v[k]) || head) || v[k].ngroup != 1) {
			k++;
			continue;
		}
		size_t j = k + 1, digits = digit_tok(&v[k]) && digit(v[k].c0);
		while (j < n && digit_tok(&v[j])) {
			digits += digit(v[j].c0) != 0;
			if (v[j].ngroup != 1 || j + 1 >= n || !digit_tok(&v[j + 1]))
				break;
			j++;
		}
		if (j >= n)
			j = n - 1;
		size_t len = j - k + 1;
		if (!digit_tok(&v[j]) || !digit(v[j].c0) || len < (head ? 4u : 5u) ||
		    digits < (head ? 3u : 4u)) {
			k++;
			continue;
		}
		for (size_t x = k; x < j; x++)
			gap_add(g, v[x].e, v[x].gb);
		k = j + 1;
	}
}

/* Tokens of the line [a, e): runs without spaces, tabs or ends of line,
 * with the group of spaces after each. */
static size_t line_tokens(const char *s, size_t a, size_t e, struct tok *v, size_t cap)
{
	size_t n = 0, i = a;
	while (i < e && n < cap) {
		size_t p = i;
		uint32_t c = cp_at(s, e, &p);
		if (is_sp(c) || c == '\t' || c == '\r') {
			i = p;
			continue;
		}
		struct tok *t = &v[n];
		memset(t, 0, sizeof(*t));
		t->b = i;
		while (i < e) {
			p = i;
			c = cp_at(s, e, &p);
			if (is_sp(c) || c == '\t' || c == '\r')
				break;
			if (t->ncp == 0)
				t->c0 = c;
			else if (t->ncp == 1)
				t->c1 = c;
			t->cprev = t->clast;
			t->clast = c;
			t->ncp++;
			i = p;
		}
		t->e = t->gb = i;
		while (i < e) {
			p = i;
			c = cp_at(s, e, &p);
			if (!is_sp(c))
				break;
			t->wide += c == 0x3000;
			t->ngroup++;
			i = p;
		}
		t->gb = i;
		/* a group before a tab or the line's end joins nothing */
		if (i >= e || c == '\t' || c == '\r')
			t->ngroup = 0;
		n++;
	}
	return n;
}

/* ---- the quick test ------------------------------------------------------ */

/* The code point ending right before byte i (ASCII, or a three-byte
 * sequence: kana, kanji, full-width forms); 0 for anything else or at the
 * start. Byte tests only: the text may not be valid yet. */
static uint32_t cp_ending(const unsigned char *s, size_t i, size_t *start)
{
	*start = i;
	if (i == 0)
		return 0;
	if (s[i - 1] < 0x80) {
		*start = i - 1;
		return s[i - 1];
	}
	if (i < 3 || (s[i - 3] & 0xF0) != 0xE0 || (s[i - 2] & 0xC0) != 0x80 || (s[i - 1] & 0xC0) != 0x80)
		return 0;
	*start = i - 3;
	return ((uint32_t)(s[i - 3] & 0x0F) << 12) | ((uint32_t)(s[i - 2] & 0x3F) << 6) | (s[i - 1] & 0x3F);
}

/* The code point opening at byte i, as cp_ending(); *end after it. */
static uint32_t cp_opening(const unsigned char *s, size_t len, size_t i, size_t *end)
{
	*end = i;
	if (i >= len)
		return 0;
	if (s[i] < 0x80) {
		*end = i + 1;
		return s[i];
	}
	if (i + 3 > len || (s[i] & 0xF0) != 0xE0 || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
		return 0;
	*end = i + 3;
	return ((uint32_t)(s[i] & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
}


/* 1 when a space of the line may be one pii__spacing_gaps() takes out: a
 * digit after it, a municipality's suffix or a lone kana or kanji before
 * it, a lone one or 々 after it. Most texts (田中 太郎, 3月 5日) have none;
 * byte tests, any input. */
/* Whether the eight bytes x hold the byte b (the "has zero byte" test of
 * x ^ b...b; it may answer yes for a word without b, never no for one
 * with it). */
static inline int has_byte(uint64_t x, unsigned char b)
{
	uint64_t y = x ^ (0x0101010101010101ULL * b);
	return ((y - 0x0101010101010101ULL) & ~y & 0x8080808080808080ULL) != 0;
}

/* The first position from i (i < len) where spacing_maybe() may find a
 * space, eight bytes a test: a word without ' ' and without 0x80 holds no
 * space, and starts no U+3000 (E3 80 80) but at its last byte, whose 80
 * lies beyond it; so the next test starts there. The byte loop took most
 * of pii__spacing_gaps()' time on texts of few spaces. */
static inline size_t skip_spaceless(const unsigned char *s, size_t i, size_t len)
{
	while (len - i >= 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (has_byte(x, ' ') || has_byte(x, 0x80))
			break;
		i += 7;
	}
	return i;
}

static int spacing_maybe(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 1; i < len; i++) {
		i = skip_spaceless(s, i, len); /* still < len */
		size_t w;
		if (s[i] == ' ')
			w = 1;
		else if (s[i] == 0xE3 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x80)
			w = 3;
		else
			continue;
		size_t ps, pe, ne, ne2;
		uint32_t prev = cp_ending(s, i, &ps);
		uint32_t next = cp_opening(s, len, i + w, &ne);
		if (prev < 0x80 && next < 0x80) {
			if (digit(prev) && digit(next)) /* 5 1 3 2: boxes */
				return 1;
			i += w - 1;
			continue;
		}
		/* a number after a town's name or a block (駅前錦町 ４８, 3丁目
		 * 18, ４－ ７), after a digit (3 1 5 2, boxes), not after a
		 * label (予約番号 402133778510: the commonest such space) */
		if ((digit(next) && (bare_block_after(prev) || digit(prev) || hyphen(prev))) ||
		    muni_suffix(prev) || next == 0x3005)
			return 1;
		if (cjk(prev)) {
			uint32_t pp = cp_ending(s, ps, &pe);
			if (ps == 0 || pp == ' ' || pp == '\n' || apart(pp))
				return 1;
			/* a town's name before the space (釧路市武佐 ３丁目,
			 * 朱鷺野市小佐渡 東強清水120番地) */
			for (size_t k = 0; k < 12 && cjk(pp); k++) {
				if (muni_suffix(pp))
					return 1;
				pp = cp_ending(s, pe, &pe);
			}
		}
		if (cjk(next)) {
			uint32_t nn = cp_opening(s, len, ne, &ne2);
			if (ne >= len || nn == ' ' || nn == '\n' || apart(nn))
				return 1;
		}
		i += w - 1;
	}
	return 0;
}

/* The gaps from `from` on, which three passes over one line added each in
 * its own order, sorted and merged where they touch: the copy is made
 * from them in order. */
static void gaps_order(struct pii__gaps *g, size_t from)
{
	for (size_t i = from + 1; i < g->n; i++) {
		struct pii__gap x = g->v[i];
		size_t j = i;
		for (; j > from && g->v[j - 1].b > x.b; j--)
			g->v[j] = g->v[j - 1];
		g->v[j] = x;
	}
	size_t m = from;
	for (size_t i = from; i < g->n; i++) {
		if (m > from && g->v[m - 1].e >= g->v[i].b) {
			if (g->v[i].e > g->v[m - 1].e)
				g->v[m - 1].e = g->v[i].e;
			continue;
		}
		g->v[m++] = g->v[i];
	}
	g->n = m;
}

/* The gaps of the line [a, e) that holds a candidate space. */
static __attribute__((noinline)) void line_gaps(const char *s, size_t a, size_t e,
						struct pii__gaps *g)
{
	struct tok v[TOK_MAX];
	size_t n = line_tokens(s, a, e, v, TOK_MAX);
	if (n < 2)
		return;
	size_t before = g->n;
	letter_runs(s, v, n, g);
	digit_runs(v, n, g);
	address_runs(s, v, n, g);
	gaps_order(g, before);
}

size_t pii__spacing_gaps(const char *s, size_t len, struct pii__gaps *g)
{
	g->n = 0;
	for (size_t a = 0; a < len;) {
		const char *nl = memchr(s + a, '\n', len - a);
		size_t e = nl ? (size_t)(nl - s) : len;
		if (spacing_maybe(s + a, e - a)) /* most lines hold no such space */
			line_gaps(s, a, e, g);
		a = nl ? e + 1 : len;
	}
	return g->n;
}
