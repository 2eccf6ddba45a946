/* pii/detect: detectors over the folded text for numbers (check-digit
 * identifiers, context identifiers, phones, postal codes), alphanumeric
 * identifiers (residence card, passport), e-mail and birth dates.
 *
 * A digit run with its separators is a "number group"; its shape (digit
 * count, group lengths) and the nearest context word before it decide the
 * type. Order and reservation words (注文番号, 予約番号...) closer than any
 * positive word suppress the number altogether.
 */
#include "pii_int.h"
#include "core/banned.h"

/* ---- check digits ------------------------------------------------------- */

static int all_digits(const char *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (d[i] < '0' || d[i] > '9')
			return 0;
	return 1;
}

/* 個人番号: check = 11 - (sum P_n*Q_n mod 11), P_n the n-th digit from the
 * right of the 11-digit base, Q_n = n+1 (n <= 6) or n-5 (n >= 7); a
 * remainder of 0 or 1 gives 0. */
int pii_check_my_number(const char *d, size_t n)
{
	if (n != 12 || !all_digits(d, n))
		return 0;
	unsigned sum = 0;
	for (unsigned k = 1; k <= 11; k++) {
		unsigned p = (unsigned)(d[11 - k] - '0');
		unsigned q = k <= 6 ? k + 1 : k - 5;
		sum += p * q;
	}
	unsigned r = sum % 11;
	unsigned check = r <= 1 ? 0 : 11 - r;
	return (unsigned)(d[11] - '0') == check;
}

/* 法人番号: leading check = 9 - (sum P_n*Q_n mod 9), P_n the n-th digit from
 * the right of the 12-digit base, Q_n = 1 (n odd) or 2 (n even). */
int pii_check_corporate_number(const char *d, size_t n)
{
	if (n != 13 || !all_digits(d, n))
		return 0;
	unsigned sum = 0;
	for (unsigned k = 1; k <= 12; k++) {
		unsigned p = (unsigned)(d[13 - k] - '0');
		sum += p * (k % 2 ? 1u : 2u);
	}
	return (unsigned)(d[0] - '0') == 9 - sum % 9;
}

int pii_check_luhn(const char *d, size_t n)
{
	if (n < 12 || n > 19 || !all_digits(d, n))
		return 0;
	unsigned sum = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned v = (unsigned)(d[n - 1 - i] - '0');
		if (i % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/* Issuer prefixes of the card brands in use in Japan. */
static int card_prefix_ok(const char *d, size_t n)
{
	int p2 = (d[0] - '0') * 10 + (d[1] - '0');
	int p4 = p2 * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	if (d[0] == '4')
		return n == 13 || n == 16 || n == 19;                    /* Visa */
	if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))
		return n == 16;                                          /* Mastercard */
	if (p2 == 34 || p2 == 37)
		return n == 15;                                          /* Amex */
	if (p2 == 35)
		return n >= 16 && n <= 19;                               /* JCB */
	if (p2 == 36 || p2 == 38 || p2 == 30 || p2 == 39)
		return n >= 14 && n <= 16;                               /* Diners */
	if (d[0] == '6')
		return n >= 16 && n <= 19;                               /* Discover, UnionPay */
	return 0;
}

/* ---- context words ------------------------------------------------------ */

/* Context classes; NEG suppresses the number. */
enum ctx { CTX_NEG, CTX_MYNUM, CTX_CORP, CTX_LICENSE, CTX_RESIDENT, CTX_PENSION, CTX_HEALTH,
	   CTX_BANK, CTX_CARD, CTX_PHONE, CTX_POSTAL };

/* Context words and their class, listed once (X-macro). NEG words come
 * first only for reading; the nearest word wins, ties to the longest. */
#define CTX_WORDS(X)                                                                 \
	X("注文番号", CTX_NEG) X("注文", CTX_NEG) X("予約番号", CTX_NEG)               \
	X("予約", CTX_NEG) X("受付番号", CTX_NEG) X("受付", CTX_NEG)                   \
	X("伝票番号", CTX_NEG) X("請求番号", CTX_NEG) X("問い合わせ番号", CTX_NEG)     \
	X("問合せ番号", CTX_NEG) X("問合わせ番号", CTX_NEG) X("整理番号", CTX_NEG)     \
	X("管理番号", CTX_NEG) X("管理コード", CTX_NEG) X("資産番号", CTX_NEG)         \
	X("資料番号", CTX_NEG) X("契約番号", CTX_NEG) X("会員番号", CTX_NEG)           \
	X("文書番号", CTX_NEG) X("申込番号", CTX_NEG) X("商品番号", CTX_NEG)           \
	X("品番", CTX_NEG) X("型番", CTX_NEG) X("製造番号", CTX_NEG)                   \
	X("シリアル", CTX_NEG) X("ISBN", CTX_NEG) X("登録番号", CTX_NEG)               \
	/* a product's bar code (JAN 4573…: thirteen digits whose check digit \
	 * may pass a corporate number's; batch 428) */                               \
	X("JAN", CTX_NEG) X("EAN", CTX_NEG)                                            \
	/* the same bar code under its label in a list of goods (商品コード \
	 * 4912…; thirty-fifth round) */                                              \
	X("商品コード", CTX_NEG)                                                       \
	X("識別番号", CTX_NEG) X("お客様番号", CTX_NEG) X("顧客番号", CTX_NEG)         \
	X("案件番号", CTX_NEG) X("事業者番号", CTX_NEG) X("指定番号", CTX_NEG)         \
	X("図書番号", CTX_NEG) X("部品番号", CTX_NEG) X("追跡番号", CTX_NEG)           \
	X("伝票", CTX_NEG) X("証券番号", CTX_NEG) X("振込番号", CTX_NEG)               \
	X("ID", CTX_NEG) X("職員番号", CTX_NEG)                                        \
	/* the city's own codes: budget lines, orders, documents, bylaws */           \
	X("予算コード", CTX_NEG) X("予算科目", CTX_NEG) X("科目コード", CTX_NEG)       \
	X("発注番号", CTX_NEG) X("条例番号", CTX_NEG) X("規則番号", CTX_NEG)           \
	X("宛名番号", CTX_NEG) X("世帯番号", CTX_NEG) X("事業所番号", CTX_NEG)         \
	X("ケース番号", CTX_NEG) X("受給者証番号", CTX_NEG) X("店番", CTX_NEG)         \
	X("支店コード", CTX_NEG) X("銀行コード", CTX_NEG) X("金融機関コード", CTX_NEG) \
	/* slips, notices and applications the city numbers (thirteenth round (b)) */ \
	X("納付書番号", CTX_NEG) X("納付番号", CTX_NEG) X("通知書番号", CTX_NEG)       \
	X("請求書番号", CTX_NEG) X("申請番号", CTX_NEG) X("照会番号", CTX_NEG)         \
	X("許可番号", CTX_NEG) X("届出番号", CTX_NEG)                                  \
	/* a certificate's issue number (証明書発行番号; session 26) */            \
	X("発行番号", CTX_NEG)                                                         \
	/* a utility's customer number in kana, a payment order's (batches \
	 * 538-545) */                                                                \
	X("お客さま番号", CTX_NEG) X("命令番号", CTX_NEG)                              \
	/* the insurer's number, not the insured person's */                          \
	X("保険者番号", CTX_NEG)                                                       \
	X("マイナンバー", CTX_MYNUM) X("個人番号", CTX_MYNUM)                          \
	X("My Number", CTX_MYNUM) X("my number", CTX_MYNUM)                            \
	/* the notification card carries the number (twenty-fifth round (d)) */      \
	X("通知カード", CTX_MYNUM)                                                     \
	X("法人番号", CTX_CORP) X("会社法人等番号", CTX_CORP)                          \
	X("運転免許証番号", CTX_LICENSE) X("運転免許証", CTX_LICENSE)                  \
	X("運転免許", CTX_LICENSE) X("免許証番号", CTX_LICENSE)                        \
	X("免許証", CTX_LICENSE) X("免許番号", CTX_LICENSE) X("免許", CTX_LICENSE)     \
	/* the certificate given for a returned licence carries the licence's \
	 * number (twenty-first round (b)) */                                          \
	X("運転経歴証明書", CTX_LICENSE)                                                \
	X("住民票コード", CTX_RESIDENT)                                                \
	/* as forms shorten or spell it out, and in half-width kana (session 14) */  \
	X("住基コード", CTX_RESIDENT) X("住民基本台帳コード", CTX_RESIDENT)            \
	X("住民票ｺｰﾄﾞ", CTX_RESIDENT)                                                 \
	X("基礎年金番号", CTX_PENSION) X("年金番号", CTX_PENSION)                      \
	X("年金手帳", CTX_PENSION) X("年金記録", CTX_PENSION)                          \
	X("被保険者番号", CTX_HEALTH) X("保険証番号", CTX_HEALTH)                      \
	X("被保険者証", CTX_HEALTH) X("保険証", CTX_HEALTH) X("記号番号", CTX_HEALTH)  \
	X("国保番号", CTX_HEALTH) X("介護保険番号", CTX_HEALTH) X("被保番", CTX_HEALTH) \
	X("口座番号", CTX_BANK) X("普通預金", CTX_BANK) X("当座預金", CTX_BANK)        \
	X("普通", CTX_BANK) X("当座", CTX_BANK) X("口座", CTX_BANK)                    \
	/* the type's first kanji in brackets (支店（普）1206843; session 26) */        \
	X("(普)", CTX_BANK) X("(当)", CTX_BANK)                                        \
	X("フツウ", CTX_BANK) X("ﾌﾂｳ", CTX_BANK) X("トウザ", CTX_BANK) X("ﾄｳｻﾞ", CTX_BANK) \
	X("クレジットカード番号", CTX_CARD) X("クレジットカード", CTX_CARD)            \
	X("カード番号", CTX_CARD) X("クレジット", CTX_CARD)                            \
	X("電話番号", CTX_PHONE) X("電話", CTX_PHONE) X("TEL", CTX_PHONE)              \
	X("Tel", CTX_PHONE) X("tel", CTX_PHONE) X("FAX", CTX_PHONE)                    \
	X("Fax", CTX_PHONE) X("携帯", CTX_PHONE) X("連絡先", CTX_PHONE)                \
	X("ファクス", CTX_PHONE) X("ファックス", CTX_PHONE) X("内線", CTX_PHONE)       \
	X("代表", CTX_PHONE)                                                           \
	X("郵便番号", CTX_POSTAL) X("〒", CTX_POSTAL) X("Zip", CTX_POSTAL) X("ZIP", CTX_POSTAL) X("Postal code", CTX_POSTAL) X("postal code", CTX_POSTAL)

static const char *const ctx_words[] = {
#define CTX_X(w, c) w,
	CTX_WORDS(CTX_X)
#undef CTX_X
	NULL,
};

static const enum ctx ctx_classes[] = {
#define CTX_X(w, c) c,
	CTX_WORDS(CTX_X)
#undef CTX_X
};

static enum ctx ctx_class(int idx)
{
	return ctx_classes[idx];
}

#define CTX_WINDOW 20 /* code points searched before a number */

/* Words right after a number that make it a quantity, not an identifier. */
static const char *const unit_words[] = {
	"円", "万", "億", "千", "人", "名", "件", "部", "世帯", "%", "個", "台", "歳", "年",
	"月", "日", "時", "分", "秒", "号", "条", "回", "倍", "km", "kg", "m2", "枚", "冊",
	"本", "戸", "階", "点", "票", "校", NULL,
};

/* ---- number groups ------------------------------------------------------ */

#define GROUP_MAX_DIGITS 24
#define GROUP_MAX_PARTS 8

struct group {
	size_t start, end;       /* code points, end exclusive */
	char d[GROUP_MAX_DIGITS + 1];
	size_t nd;
	size_t part[GROUP_MAX_PARTS]; /* digits per part */
	size_t parts;
	int paren;               /* a '(' or ')' separated parts */
	int space;               /* a space separated parts */
	int plus;                /* preceded by '+' */
};

static int is_sep(uint32_t c) { return c == '-' || c == ' ' || c == '(' || c == ')'; }

/* Scans a group at t->cp[i] (a digit or '(' followed by a digit). Returns
 * the index after it; g->nd == 0 when it is too long to be an identifier. */
static size_t scan_group(const struct pii__text *t, size_t i, struct group *g)
{
	memset(g, 0, sizeof(*g));
	g->start = i;
	size_t j = i, last_digit_end = i;
	int overflow = 0;
	if (t->cp[j] == '(') {
		g->paren = 1;
		j++;
	}
	while (j < t->n) {
		if (pii__is_digit(t->cp[j])) {
			if (g->parts == 0 || (j > 0 && !pii__is_digit(t->cp[j - 1]))) {
				if (g->parts == GROUP_MAX_PARTS) {
					overflow = 1;
					break;
				}
				g->parts++;
			}
			if (g->nd == GROUP_MAX_DIGITS) {
				overflow = 1;
				j++;
				continue;
			}
			g->d[g->nd++] = (char)t->cp[j];
			g->part[g->parts - 1]++;
			j++;
			last_digit_end = j;
			continue;
		}
		/* a closing bracket with no opening one in the group ends it
		 * (…4-8-2-507）080-…: an address's block, then a phone) */
		if (t->cp[j] == ')' && !g->paren)
			break;
		/* an opening bracket after a part of more than five digits opens
		 * a note (13385654388（11/28付）), not an exchange's number (0299
		 * (66)7788) */
		if (t->cp[j] == '(' && g->parts && g->part[g->parts - 1] > 5)
			break;
		/* one separator (or ") " / ")-") between digit parts */
		size_t k = j, nsep = 0;
		while (k < t->n && is_sep(t->cp[k]) && nsep < 2) {
			k++;
			nsep++;
		}
		if (nsep == 0 || k >= t->n || !pii__is_digit(t->cp[k]))
			break;
		if (nsep == 2 && !(t->cp[j] == ')' || t->cp[j + 1] == '('))
			break;
		/* …102<TAB>3369 7920 9702: a tab (folded to a space) parts a
		 * row's cells, never a number's parts (twenty-fourth round (c)) */
		if (t->cp[j] == ' ' && pii__raw_tab(t, j))
			break;
		for (size_t q = j; q < k; q++) {
			if (t->cp[q] == ' ')
				g->space = 1;
			if (t->cp[q] == '(' || t->cp[q] == ')')
				g->paren = 1;
		}
		j = k;
	}
	g->end = last_digit_end;
	/* a closing ')' right after "(0299)" style text is not part of it */
	if (overflow) {
		while (j < t->n && (pii__is_digit(t->cp[j]) || is_sep(t->cp[j])))
			j++;
		g->nd = 0;
		return j;
	}
	return last_digit_end > i ? last_digit_end : i + 1;
}

static int parts_are(const struct group *g, const size_t *want, size_t n)
{
	if (g->parts != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (g->part[i] != want[i])
			return 0;
	return 1;
}

static int shape_mynum(const struct group *g)
{
	static const size_t p444[] = {4, 4, 4};
	return g->nd == 12 && !g->paren && (g->parts == 1 || parts_are(g, p444, 3));
}

static int shape_corp(const struct group *g)
{
	/* (or 4-4-4-1, the check digit written last by mistake: 法人番号
	 * 7471-2477-5757-6; session 26's read files) */
	static const size_t p1444[] = {1, 4, 4, 4}, p4441[] = {4, 4, 4, 1};
	return g->nd == 13 && !g->paren &&
	       (g->parts == 1 || parts_are(g, p1444, 4) || parts_are(g, p4441, 4));
}

/* A card's number as it is printed on the card: sixteen digits in four
 * groups of four (5241 0093 7718 2650). Sixteen digits in one piece that
 * fail the Luhn check are as often a made-up or rejected number (カード番号
 * 4111111111111116 in the labelled set) and are left. */
static int shape_card16(const struct group *g)
{
	static const size_t p4444[] = {4, 4, 4, 4};
	return g->nd == 16 && !g->paren && parts_are(g, p4444, 4);
}

static int shape_card(const struct group *g)
{
	static const size_t amex[] = {4, 6, 5}, diners[] = {4, 6, 4};
	if (g->nd < 13 || g->nd > 19 || g->paren)
		return 0;
	if (g->parts == 1 || parts_are(g, amex, 3) || parts_are(g, diners, 3))
		return 1;
	for (size_t i = 0; i + 1 < g->parts; i++)
		if (g->part[i] != 4)
			return 0;
	return g->part[g->parts - 1] >= 1 && g->part[g->parts - 1] <= 4;
}

/* Japanese phone numbers: 10 digits (landline, 0120, 0570) or 11 digits
 * (070/080/090 mobile, 050 IP, 0800 toll-free, 020); with separators the
 * first part is the 2-5 digit area code. +81 drops the leading 0. */
static int shape_phone(const struct group *g)
{
	const char *d = g->d;
	size_t nd = g->nd;
	char buf[GROUP_MAX_DIGITS + 2];
	if (g->plus) {
		if (nd < 11 || nd > 12 || d[0] != '8' || d[1] != '1' || d[2] == '0')
			return 0;
		buf[0] = '0';
		memcpy(buf + 1, d + 2, nd - 2);
		nd -= 1;
		d = buf;
	}
	if (nd < 10 || nd > 11 || d[0] != '0' || d[1] == '0')
		return 0;
	int mobile = (d[1] == '7' || d[1] == '8' || d[1] == '9' || d[1] == '5' || d[1] == '2') &&
		     d[2] == '0';
	int free800 = memcmp(d, "0800", 4) == 0;
	if (nd == 11 && !mobile && !free800)
		return 0;
	if (nd == 10 && mobile && d[1] != '5')
		return 0; /* 090 numbers have 11 digits */
	if (g->parts == 1)
		return 1;
	size_t first = g->plus ? g->part[0] - 1 : g->part[0];
	if (g->plus && g->parts > 1 && g->part[0] == 2) {
		/* +81-90-1234-5678: the country code is its own part */
		first = g->part[1] + 1;
		if (g->parts < 3)
			return 0;
	}
	if (first < 2 || first > 5)
		return 0;
	/* 01-02-03-0456 is a budget code: a phone has at most three parts,
	 * four with the country code */
	if (g->parts > (g->plus ? 4u : 3u))
		return 0;
	/* 0216-0453-12 is a water tap's number: a phone's last part, the
	 * subscriber's number, has four digits (three for free dial and
	 * navi dial, 0120-123-456); parts split by spaces may be digits
	 * spaced one by one (session 18) */
	if (g->parts >= 3 && !g->space) {
		size_t last = g->part[g->parts - 1];
		int dial3 = memcmp(d, "0120", 4) == 0 || memcmp(d, "0800", 4) == 0 ||
			    memcmp(d, "0570", 4) == 0;
		if (last != 4 && !(dial3 && last == 3))
			return 0;
	}
	return 1;
}

static int shape_postal(const struct group *g)
{
	static const size_t p34[] = {3, 4};
	return g->nd == 7 && !g->paren && !g->space && (g->parts == 1 || parts_are(g, p34, 2));
}

/* 0000 0000 0000, 1111...: a placeholder written in a form, not a number
 * (and all zeros even passes the My Number check). */
static int all_same(const struct group *g)
{
	for (size_t i = 1; i < g->nd; i++)
		if (g->d[i] != g->d[0])
			return 0;
	return 1;
}

static const char *const yucho_words[] = {"ゆうちょ", "ユウチョ", "ﾕｳﾁｮ", "郵便貯金", NULL};

/* ゆうちょ銀行 記号-番号: 5 digits, a hyphen, 6-8 digits, after ゆうちょ;
 * or, whatever comes before, in the shape of a 通常貯金 account: a 記号
 * opening with 1 and ending with 0, a 番号 of eight digits ending with 1
 * (申請書は 17420-21853071; all 228 such numbers in the labelled sets are
 * accounts; session 18). */
static int yucho_number(const struct pii__text *t, const struct group *g)
{
	if (g->parts != 2 || g->part[0] != 5 || g->part[1] < 6 || g->part[1] > 8)
		return 0;
	if (g->part[1] == 8 && g->d[0] == '1' && g->d[4] == '0' && g->d[12] == '1')
		return 1;
	return pii__find_before(t, g->start, 40, yucho_words, NULL) >= 0;
}

/* Classifies one group. Returns 1 and sets type and conf if it is personal. */
#define RESIDENT_CODE_BACK 400 /* code points searched back for 住民票コード */

/* Does word (its first code point first0) start within back code points
 * before pos, across sentences and lines? */
static int word_within_before(const struct pii__text *t, size_t pos, size_t back, uint32_t first0,
			      const char *word)
{
	size_t lo = pos > back ? pos - back : 0;
	for (size_t q = pos; q-- > lo;)
		if (t->cp[q] == first0 && pii__match(t, q, word))
			return 1;
	return 0;
}

static int resident_code_label(const struct pii__text *t, size_t start)
{
	size_t p = start;
	while (p > 0 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':'))
		p--;
	if (p < 3 || !pii__match(t, p - 3, "コード"))
		return 0;
	return word_within_before(t, p - 3, RESIDENT_CODE_BACK - 3, 0x4F4F /* 住 */, "住民票コード");
}

/* 住民票コード named shortly before an eleven-digit number that no label
 * claims (住民票コードが必要なので…写しを取ったところ40718352960でした,
 * コードは58204719366です; batches 806-835): the code itself. A mobile
 * number written without hyphens (090…) is not one, nor a number after
 * another number's label. */
#define RESIDENT_CODE_NEAR 150

static int resident_code_near(const struct pii__text *t, const struct group *g)
{
	if (g->d[0] == '0' && (g->d[1] == '7' || g->d[1] == '8' || g->d[1] == '9') &&
	    g->d[2] == '0')
		return 0;
	/* another number's label right before it (報告番号 20261130001; not
	 * コード番号 nor 住民票番号) */
	size_t p = g->start;
	while (p > 0 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':' || t->cp[p - 1] == 0x306F /* は */))
		p--;
	if (p >= 3 && pii__match(t, p - 2, "番号") && pii__is_kanji(t->cp[p - 3]) &&
	    t->cp[p - 3] != 0x7968 /* 票 (住民票番号) */)
		return 0;
	return word_within_before(t, g->start, RESIDENT_CODE_NEAR, 0x4F4F /* 住 */, "住民票コード");
}

#define LICENCE_BACK 200 /* code points searched back for 免許 before 第…号 */

static int numbered_licence(const struct pii__text *t, const struct group *g);

/* A person's honorific within [a, b), right before an opening bracket, a
 * space or b (…さん（, …様 ). */
static int honorific_between(const struct pii__text *t, size_t a, size_t b)
{
	static const char *const hon[] = {"さん", "様", "さま", "氏", "くん", "ちゃん", NULL};
	for (size_t q = a; q < b; q++) {
		size_t m = pii__match_any(t, q, hon);
		if (m && (q + m == b || t->cp[q + m] == '(' || t->cp[q + m] == ' '))
			return 1;
	}
	return 0;
}

/* 「…」と11桁しかない, （11桁）: the text counts the digits of the number
 * ending at e right after it (a closing bracket and a particle between). */
static int digits_counted_after(const struct pii__text *t, size_t e)
{
	size_t q = e;
	while (q < t->n && q - e < 3 &&
	       (t->cp[q] == 0x300D /* 」 */ || t->cp[q] == ')' || t->cp[q] == '(' ||
		t->cp[q] == 0x3068 /* と */ || t->cp[q] == 0x3067 /* で */ || t->cp[q] == ' '))
		q++;
	size_t d = q;
	while (q < t->n && pii__is_digit(t->cp[q]) && q - d < 2)
		q++;
	return q > d && q < t->n && t->cp[q] == 0x6841 /* 桁 */;
}

/* 受付：及川 真由（090-…）: a role's label in a list of who does what
 * (受付, 予約 as a desk's job, not a number's word), a name after its
 * colon and a mobile in brackets after the name: the mobile is the
 * named helper's, not the desk's line nor an order's number (thirty-fifth
 * round). [a, b) runs from the negative word's end to the number. */
static int mobile_of_named_role(const struct pii__text *t, const struct group *g, size_t a,
				size_t b)
{
	if (g->nd != 11 || g->d[0] != '0' || g->d[1] < '7' || g->d[1] > '9' || g->d[2] != '0')
		return 0;
	if (b >= t->n || a == 0 || a >= b || t->cp[a] != ':')
		return 0;
	/* the bracket opens the group or stands right before it */
	size_t e = t->cp[b] == '(' ? b : b - 1;
	if (t->cp[e] != '(')
		return 0;
	/* 受付番号：, 予約コード：: a number's label, whatever stands after */
	uint32_t last = t->cp[a - 1];
	if (last == 0x53F7 /* 号 */ || last == 0x756A /* 番 */ || pii__is_kata(last))
		return 0;
	size_t letters = 0;
	for (size_t q = a + 1; q < e; q++) {
		uint32_t c = t->cp[q];
		if (c == ' ')
			continue;
		if (!(pii__is_kanji(c) || pii__is_hira(c) || pii__is_kata(c)))
			return 0;
		letters++;
	}
	return letters >= 2 && letters <= 8;
}

/* The account's type ends at p (…支店 普通|) and a bank and its branch
 * stand before it on the same line. */
static int designated_before(const struct pii__text *t, size_t p)
{
	static const char *const types[] = {"普通", "当座", "普通預金", "当座預金", NULL};
	static const char *const banks[] = {"銀行", "信用金庫", "信金", "信用組合", "労働金庫",
					    "農協", NULL};
	static const char *const branches[] = {"支店", "本店", "支所", "出張所", "営業部", NULL};
	size_t q = p;
	while (q > 0 && t->cp[q - 1] == ' ')
		q--;
	/* 普通預金 口座番号 604417: the number's label after the type, as a
	 * will or a deed writes it (fifteenth round (b)) */
	if (q >= 4 && pii__match(t, q - 4, "口座番号")) {
		q -= 4;
		while (q > 0 && t->cp[q - 1] == ' ')
			q--;
	}
	return pii__ends_with(t, 0, q, types) && pii__find_before(t, q, 16, branches, NULL) >= 0 &&
	       pii__find_before(t, q, 30, banks, NULL) >= 0;
}

/* ---- pension numbers in a headerless row (twelfth round (b)) ---- */

static int row_cell_end(const struct pii__text *t, size_t q)
{
	return t->cp[q] == ',' || (t->cp[q] == ' ' && pii__raw_tab(t, q));
}

/* The column of the cell [a, b) in its comma or tab row, or -1 when
 * [a, b) is not a whole cell of a row of three cells or more. */
static int row_column(const struct pii__text *t, size_t a, size_t b)
{
	if ((a > 0 && t->cp[a - 1] != '\n' && !row_cell_end(t, a - 1)) ||
	    (b < t->n && t->cp[b] != '\n' && t->cp[b] != '\r' && !row_cell_end(t, b)))
		return -1;
	size_t ls = a, le = b;
	while (ls > 0 && t->cp[ls - 1] != '\n' && a - ls < 200)
		ls--;
	while (le < t->n && t->cp[le] != '\n' && le - b < 200)
		le++;
	int col = 0, cells = 1;
	for (size_t q = ls; q < le; q++)
		if (row_cell_end(t, q)) {
			cells++;
			if (q < a)
				col++;
		}
	return cells >= 3 ? col : -1;
}

/* Ten digits written 4-6 opening with no 0 (a phone opens with 0) and
 * no year (2025-103381 numbers a receipt of the year). */
static int pension_shape(const struct group *g)
{
	return g->nd == 10 && g->parts == 2 && g->part[0] == 4 && !g->paren && !g->space &&
	       g->d[0] != '0' && !((g->d[0] == '1' && g->d[1] == '9') || (g->d[0] == '2' && g->d[1] == '0'));
}

/* The cells written 4-6 of the text's rows (1130-452871,菅原 大輔,…): their
 * starts and columns, found once a text at the first question (a search of
 * the whole text a question made a document's cost grow with the square of
 * its length). */
struct pension_cells {
	int found;
	size_t n, cap;
	struct pension_at {
		size_t start;
		int col;
	} *v;
};

static void pension_cells_find(struct pension_cells *pc, const struct pii__text *t)
{
	pc->found = 1;
	for (size_t q = 0; q + 11 <= t->n; q++) {
		if (q > 0 && t->cp[q - 1] != '\n' && !row_cell_end(t, q - 1))
			continue;
		size_t k = q;
		while (k < t->n && pii__is_digit(t->cp[k]) && k - q < 5)
			k++;
		if (k - q != 4 || t->cp[q] == '0' || k >= t->n || t->cp[k] != '-' ||
		    (t->cp[q] == '1' && t->cp[q + 1] == '9') || (t->cp[q] == '2' && t->cp[q + 1] == '0'))
			continue;
		size_t e = k + 1;
		while (e < t->n && pii__is_digit(t->cp[e]) && e - k < 8)
			e++;
		if (e - k - 1 != 6)
			continue;
		int col = row_column(t, q, e);
		if (col < 0)
			continue;
		if (pc->n == pc->cap) {
			pc->cap = pc->cap ? pc->cap * 2 : 16;
			pc->v = yk_xrealloc(pc->v, pc->cap * sizeof(*pc->v));
		}
		pc->v[pc->n++] = (struct pension_at){q, col};
	}
}

/* Is there a cell written 4-6 in column col of another row of the text
 * (1130-452871,菅原 大輔,… above 4930118254,LIU YANG,…)? */
static int pension_column(struct pension_cells *pc, const struct pii__text *t, size_t self,
			  int col)
{
	if (!pc->found)
		pension_cells_find(pc, t);
	for (size_t k = 0; k < pc->n; k++)
		if (pc->v[k].start != self && pc->v[k].col == col)
			return 1;
	return 0;
}

/* A pension number as a cell of a headerless row: ten digits written 4-6
 * (no phone is), or ten digits in one piece in a column that holds such
 * a number in another row. Not opening with 0: a phone does. */
static int pension_cell(const struct pii__text *t, const struct group *g,
			struct pension_cells *pc)
{
	if (g->nd != 10 || g->paren || g->space || g->d[0] == '0' ||
	    !(pension_shape(g) || g->parts == 1))
		return 0;
	int col = row_column(t, g->start, g->end);
	if (col < 0)
		return 0;
	return pension_shape(g) || pension_column(pc, t, g->start, col);
}

/* The text names the basic pension number or its booklet (基礎年金番号,
 * 年金番号, 年金手帳) in the PENSION_NAMED_BEFORE code points before i, on
 * an earlier line or earlier on the same one. */
#define PENSION_NAMED_BEFORE 240
static int pension_named_before(const struct pii__text *t, size_t i)
{
	static const char *const words[] = {"年金番号", "年金手帳", NULL};
	/* in English (My pension number is 4518-662031; eighteenth round (b)) */
	static const char *const english[] = {"pension number", "Pension number", "Pension Number",
					      "pension no", "Pension No", "PENSION NO", NULL};
	int kanji = pii__may_have(t, 0x91D1 /* 金 */);
	size_t lo = i > PENSION_NAMED_BEFORE ? i - PENSION_NAMED_BEFORE : 0;
	for (size_t q = i; q-- > lo;) {
		if (kanji && t->cp[q] == 0x5E74 /* 年 */ && pii__match_any(t, q, words))
			return 1;
		if ((t->cp[q] == 'p' || t->cp[q] == 'P') && pii__match_any(t, q, english))
			return 1;
	}
	return 0;
}

/* Ten digits written 4-6 between spaces at q (a spaced row's cell). */
static int spaced_pension_at(const struct pii__text *t, size_t q)
{
	if (q == 0 || q + 12 > t->n || t->cp[q - 1] != ' ' || t->cp[q + 4] != '-' ||
	    t->cp[q + 11] != ' ' || t->cp[q] == '0')
		return 0;
	for (size_t k = 0; k < 11; k++)
		if (k != 4 && !pii__is_digit(t->cp[q + k]))
			return 0;
	return 1;
}

/* A pension number as a cell of a headerless list spaced into columns
 * (照屋 美香　4821-063375　障害年金なし, one person a line; fifteenth round
 * (b)): a name before it, a note on a pension after it on its line
 * (…年金なし, 遺族年金あり). Ten digits in one piece count when another
 * line of the list writes its number 4-6. */
static int spaced_pension_cell(const struct pii__text *t, const struct group *g)
{
	if (g->nd != 10 || g->paren || g->space || g->d[0] == '0' ||
	    (g->d[0] == '1' && g->d[1] == '9') || (g->d[0] == '2' && g->d[1] == '0'))
		return 0;
	if (g->start < 2 || g->end >= t->n || t->cp[g->start - 1] != ' ' || t->cp[g->end] != ' ' ||
	    !(pii__is_kanji(t->cp[g->start - 2]) || pii__is_kata(t->cp[g->start - 2]) ||
	      pii__is_hira(t->cp[g->start - 2])))
		return 0;
	size_t le = g->end, note = 0;
	while (le < t->n && t->cp[le] != '\n' && le - g->end < 40) {
		if (t->cp[le] == 0x5E74 /* 年 */ && pii__match(t, le, "年金"))
			note = 1;
		le++;
	}
	if (!note)
		return 0;
	if (pension_shape(g))
		return 1;
	if (g->parts != 1)
		return 0;
	for (size_t q = 1; q + 12 <= t->n; q++)
		if (q != g->start && spaced_pension_at(t, q))
			return 1;
	return 0;
}

/* カード as a field's label of its own right before p (カード 5950-…,
 * カード：…): not the end of another card's name (在留カード, 診察券カード),
 * so a card's number that passes the Luhn check with a prefix of no known
 * brand is still a card's (twelfth round (b)). */
static int card_word_before(const struct pii__text *t, size_t p)
{
	while (p > 0 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':'))
		p--;
	/* I pay by card 5700 …, card number: …: the English word, as a word
	 * of its own (fourteenth round (b)) */
	if (p >= 4 && (t->cp[p - 1] == 'd' || t->cp[p - 1] == 'r' || t->cp[p - 1] == 'D' ||
		       t->cp[p - 1] == 'R')) {
		static const char *const en[] = {"card number", "Card number", "card", "Card", "CARD",
						 NULL};
		for (size_t k = 0; en[k]; k++) {
			size_t n = pii__kw_len(en[k]);
			if (p >= n && pii__match(t, p - n, en[k]) &&
			    (p == n || !pii__is_latin(t->cp[p - n - 1])))
				return 1;
		}
	}
	if (p < 3 || pii__match(t, p - 3, "カード") != 3) {
		/* クレジットカード納付希望の欄にも記載あり（5030-…）: the card
		 * named further back on the number's line (thirteenth round
		 * (b)) */
		for (size_t q = p, k = 0; q > 0 && k < 48 && t->cp[q - 1] != '\n'; q--, k++)
			if (t->cp[q - 1] == 0x30AF /* ク */ && pii__match(t, q - 1, "クレジット"))
				return 1;
		return 0;
	}
	p -= 3;
	/* 決済はカード 5736-…, 支払いもカード …: after a particle カード is a
	 * word of its own too (sixteenth round (b)); not after の (図書館の
	 * カード) nor inside a katakana word (ポイントカード) */
	uint32_t b = p > 0 ? t->cp[p - 1] : '\n';
	if (b == 0x306F /* は */ || b == 0x3082 /* も */ || b == 0x3067 /* で */ || b == 0x304C /* が */ ||
	    b == 0x3092 /* を */)
		return 1;
	/* 使用カード：5851…, 利用カード, 決済カード, 支払カード: a form's
	 * label for the card a payment went through, the card a person paid
	 * with (thirty-fifth round); another card's kind of name (在留カード,
	 * 診察券カード) stays out */
	if (p >= 2 && pii__is_kanji(b)) {
		static const char *const paid_with[] = {"使用", "利用", "決済", "支払", NULL};
		for (size_t k = 0; paid_with[k]; k++)
			if (pii__match(t, p - 2, paid_with[k]) == 2)
				return 1;
	}
	/* (問い合わせ：カード 5620-…: after a label's colon; session 26) */
	return p == 0 || b == '\n' || b == ' ' || b == 0x3001 /* 、 */ || b == '(' ||
	       b == 0x3010 /* 【 */ || b == ':';
}

/* Does only a field's punctuation stand in [a, b) (spaces, a colon, an
 * opening bracket): the number right after its label? */
static int label_adjacent(const struct pii__text *t, size_t a, size_t b)
{
	for (size_t q = a; q < b; q++)
		if (t->cp[q] != ' ' && t->cp[q] != ':' && t->cp[q] != '(')
			return 0;
	return 1;
}

/* カード：, 支払いはカード 4539 …: the word カード as a field's label right
 * before p (only a label's punctuation between), not the end of another
 * card's name (在留カード): card_word_before() without its reading of a
 * クレジット further back on the line (twenty-first round (b)). */
static int card_label_right_before(const struct pii__text *t, size_t p)
{
	size_t q = p;
	while (q > 0 && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':' || t->cp[q - 1] == '('))
		q--;
	return q >= 3 && pii__match(t, q - 3, "カード") == 3 && card_word_before(t, q);
}

/* A number that answers the line above (twelfth round (b)): it opens
 * its line or follows only the speaker's label and a time (11:08 相談者：
 * 451403928170), and the line above ends asking (…免許証番号もお願いでき
 * ますか, …を教えてください, …?). Sets [*ps, *pe) to the asking line. */
static int answers_question(const struct pii__text *t, size_t i, size_t *ps, size_t *pe)
{
	size_t ls = i;
	while (ls > 0 && t->cp[ls - 1] != '\n' && i - ls < 40)
		ls--;
	if (ls == 0 || t->cp[ls - 1] != '\n')
		return 0;
	if (ls < i) {
		size_t q = i;
		while (q > ls && t->cp[q - 1] == ' ')
			q--;
		/* 相談者：, or A. of a Q&A */
		if (q == ls || !(t->cp[q - 1] == ':' ||
				 (t->cp[q - 1] == '.' && q - ls == 2 && pii__is_upper(t->cp[ls]))))
			return 0;
	}
	size_t e = ls - 1, s = e;
	while (s > 0 && t->cp[s - 1] != '\n' && e - s < 80)
		s--;
	while (e > s && (t->cp[e - 1] == ' ' || t->cp[e - 1] == 0x3002 /* 。 */))
		e--;
	if (e - s < 5)
		return 0;
	if (!(t->cp[e - 1] == '?' || pii__match(t, e - 4, "ください") || pii__match(t, e - 3, "ますか") ||
	      pii__match(t, e - 3, "ですか") || pii__match(t, e - 3, "します")))
		return 0;
	/* the question mark is a clause's boundary, which would hide the
	 * question's words from a search back from it (基礎年金番号は分かり
	 * ますか？; fourteenth round (b)) */
	while (e > s + 1 && t->cp[e - 1] == '?')
		e--;
	*ps = s, *pe = e;
	return 1;
}

#define CTX_LINE_WINDOW 48 /* code points searched back on a number's line */

/* Does a number end its line (a line end, 。 or the text's end after it)? */
static int line_end_number(const struct pii__text *t, size_t e)
{
	while (e < t->n && t->cp[e] == ' ')
		e++;
	return e >= t->n || t->cp[e] == '\n' || t->cp[e] == '\r' || t->cp[e] == 0x3002 /* 。 */;
}

static int digit_between(const struct pii__text *t, size_t a, size_t b)
{
	for (size_t q = a; q < b; q++)
		if (pii__is_digit(t->cp[q]))
			return 1;
	return 0;
}

#define HEADING_ROWS_MAX 8 /* rows of a list between its heading and a number */

/* The word of a number of a fixed shape (住民票コード, 基礎年金番号, 個人番号,
 * 免許証番号) nearest the end of the line [ps, pe) above the number at i:
 * its index, *dist set from i; or -1. */
static int fixed_shape_word_in(const struct pii__text *t, size_t ps, size_t pe, size_t i, size_t *dist)
{
	size_t d;
	int k = pii__find_before(t, pe, pe - ps, ctx_words, &d);
	if (k < 0)
		return -1;
	enum ctx c = ctx_class(k);
	if (c != CTX_RESIDENT && c != CTX_PENSION && c != CTX_MYNUM && c != CTX_LICENSE)
		return -1;
	*dist = i - (pe - d);
	return k;
}

/* The word of a number of a fixed shape named by the line right above
 * the line of i, when that line holds no digit (a heading, not a value),
 * or above the rows of its list; -1 if none. *dist is how far back from i the word ends. */
static int heading_word_above(const struct pii__text *t, size_t i, size_t *dist)
{
	size_t ls = i;
	while (ls > 0 && t->cp[ls - 1] != '\n' && i - ls < CTX_LINE_WINDOW)
		ls--;
	if (ls == 0 || t->cp[ls - 1] != '\n')
		return -1;
	if (digit_between(t, ls, i))
		return -1;
	/* the heading, above the rows of the same list (a line ending with
	 * its number each) */
	size_t pe = ls - 1, ps = pe;
	for (int rows = 0;; rows++) {
		ps = pe;
		while (ps > 0 && t->cp[ps - 1] != '\n' && pe - ps < CTX_LINE_WINDOW)
			ps--;
		if (pe == ps || (ps > 0 && t->cp[ps - 1] != '\n'))
			return -1;
		if (!digit_between(t, ps, pe))
			break;
		if (rows == HEADING_ROWS_MAX || ps == 0 || !pii__is_digit(t->cp[pe - 1]))
			return -1;
		pe = ps - 1;
	}
	return fixed_shape_word_in(t, ps, pe, i, dist);
}

/* 取ってます。番号 622108734490: a bare 番号 (no word glued before it)
 * right before the number, in a reply to the line above that names a
 * number of a fixed shape (…免許証コピー取ってましたっけ), takes that
 * word, as heading_word_above() does (twenty-eighth round (c)). The shape
 * is checked as for the word itself. */
static int reply_word_above(const struct pii__text *t, size_t i, size_t *dist)
{
	size_t q = i;
	while (q > 0 && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':' || t->cp[q - 1] == 0x306F /* は */))
		q--;
	if (q < 3 || !pii__match(t, q - 2, "番号") || pii__is_kanji(t->cp[q - 3]) ||
	    pii__is_kata(t->cp[q - 3]))
		return -1;
	/* or opening a sentence, after one that names the number's card
	 * (運転免許証の写しを入れ忘れました。番号は302109447521です;
	 * session 18) */
	if (t->cp[q - 3] == 0x3002 /* 。 */ || t->cp[q - 3] == 0x2026 /* … */) {
		/* (免許証を拝見します。…番号951804627310: an ellipsis too) */
		size_t pe = q - 3;
		while (pe > 0 && (t->cp[pe - 1] == 0x2026 || t->cp[pe - 1] == 0x3002))
			pe--;
		size_t ps = pe;
		while (ps > 0 && t->cp[ps - 1] != '\n' && t->cp[ps - 1] != 0x3002 && pe - ps < 80)
			ps--;
		int k = pe > ps ? fixed_shape_word_in(t, ps, pe, i, dist) : -1;
		if (k >= 0)
			return k;
	}
	size_t ls = q;
	while (ls > 0 && t->cp[ls - 1] != '\n' && q - ls < CTX_LINE_WINDOW)
		ls--;
	if (ls == 0 || t->cp[ls - 1] != '\n')
		return -1;
	size_t pe = ls - 1, ps = pe;
	while (ps > 0 && t->cp[ps - 1] != '\n' && pe - ps < 80)
		ps--;
	/* the question's mark is a clause's boundary (…確認した？) */
	while (pe > ps && (t->cp[pe - 1] == '?' || t->cp[pe - 1] == 0x3002 /* 。 */))
		pe--;
	return pe > ps ? fixed_shape_word_in(t, ps, pe, i, dist) : -1;
}

/* A card's number named by the card and 番号 in its clause, or by 介護保険
 * right before it (sixteenth round (b)): 介護保険 0100428816 in a list of
 * residents, そう、介護のは番号 1520061847 のほうね in a family's chat, 国保
 * 番号 0092147, 資格確認書（番号0092147）. Six to ten digits in one piece;
 * the insurer's 保険者番号 is not the person's. */
static int card_number_named(const struct pii__text *t, const struct group *g)
{
	static const char *const cards[] = {"介護", "国保", "資格確認書", "保険証", "後期高齢", NULL};
	if (g->nd < 6 || g->nd > 10 || g->parts != 1 || g->paren || g->plus)
		return 0;
	size_t p = g->start;
	while (p > 0 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':' || t->cp[p - 1] == '('))
		p--;
	if (p >= 3 && t->cp[p - 1] == 0x306F /* は */ && t->cp[p - 2] == 0x53F7 /* 号 */)
		p--; /* 番号は 1520… */
	if (p >= 4 && pii__match(t, p - 4, "介護保険"))
		return p == g->start || t->cp[p] == ' ' || t->cp[p] == ':';
	if (p < 2 || !pii__match(t, p - 2, "番号") || (p >= 3 && t->cp[p - 3] == 0x8005 /* 者 */))
		return 0;
	/* a kanji right before 番号 makes another number's label unless it
	 * ends the card's word (介護支援専門員番号 is a care manager's) */
	size_t b = p - 2;
	int glued = b > 0 && pii__is_kanji(t->cp[b - 1]);
	for (size_t q = b; q-- > 0 && p - q <= 14;) {
		uint32_t ch = t->cp[q];
		if (pii__is_boundary(ch) || pii__is_digit(ch) || ch == 0x3001 /* 、 */)
			return 0;
		size_t m = pii__match_any(t, q, cards);
		if (m)
			return !glued || q + m == b;
	}
	return 0;
}

/* The words that name the My Number. */
static const char *const mynum_words[] = {"個人番号", "マイナンバー", NULL};

/* Does [a, b) name the My Number (個人番号, マイナンバー)? */
static int mynum_named_in(const struct pii__text *t, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if ((t->cp[k] == 0x500B /* 個 */ || t->cp[k] == 0x30DE /* マ */) &&
		    pii__match_any(t, k, mynum_words))
			return 1;
	return 0;
}

/* 事業番号 202606140012: twelve digits right after a label of their own
 * that names a number (a kanji word, then 番号; only a label's punctuation
 * between) are that label's number, though the check digit of a My Number
 * passes, as it does for one number in eleven (twenty-second round (b)).
 * The labels of the numbers this reader knows (個人番号, 免許証番号…) are
 * context words and decided before; a text that named the My Number before
 * the label means it by 旧番号 or 新番号. */
static int other_number_label(const struct pii__text *t, size_t p)
{
	size_t q = p;
	while (q > 0 && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':'))
		q--;
	/* 委託者コード 0421883615, 照合キー 412055730918: a system's code or
	 * key named by its word (a kanji or katakana word, then コード or
	 * キー) is no phone and no My Number, as a 番号 is (batch 427; the
	 * resident code's label is a context word, read before) */
	size_t w = q >= 4 && pii__match(t, q - 3, "コード") ? q - 3
		   : q >= 3 && pii__match(t, q - 2, "キー") ? q - 2
							     : 0;
	/* (JANコード, QRコード: capitals too; session 18) */
	int code = w > 0 && (pii__is_kanji(t->cp[w - 1]) || pii__is_kata(t->cp[w - 1]) ||
			     pii__is_latin_upper(t->cp[w - 1]));
	if (!code && (q < 3 || !pii__match(t, q - 2, "番号") || !pii__is_kanji(t->cp[q - 3])))
		return 0;
	if (!pii__may_have_any(t, mynum_words))
		return 1;
	return !mynum_named_in(t, 0, q >= 4 ? q - 3 : 0);
}

/* 調定番号 202611300457 〜 202611300982: the end of a range of another
 * label's numbers is that label's as its start is (twenty-fourth round
 * (c)). p is the number's start; the range mark (〜, ~, -) and spaces
 * before it, then a number of as many digits right after the label. */
static int other_number_range_end(const struct pii__text *t, size_t p, size_t nd)
{
	size_t q = p;
	while (q > 0 && t->cp[q - 1] == ' ')
		q--;
	if (q == 0 || !(t->cp[q - 1] == 0x301C /* 〜 */ || t->cp[q - 1] == 0xFF5E /* ～ */ ||
			t->cp[q - 1] == '~'))
		return 0;
	q--;
	while (q > 0 && t->cp[q - 1] == ' ')
		q--;
	size_t e = q;
	while (q > 0 && pii__is_digit(t->cp[q - 1]) && e - q <= nd)
		q--;
	return e - q == nd && other_number_label(t, q);
}

/* 428155307716⏎428155307727⏎428155307738: numbers of as many digits
 * written one after another (a line each, or after 、 or a comma) and
 * SERIAL_STEP_MAX or less apart are serials (a carrier's tracking
 * numbers, receipts), never My Numbers, which are drawn at random: the
 * number at [s, e) of nd digits has such a neighbour (session 18). */
#define SERIAL_STEP_MAX 1000
static int serial_value(const struct pii__text *t, size_t s, size_t nd, uint64_t *v)
{
	*v = 0;
	for (size_t k = 0; k < nd; k++) {
		if (s + k >= t->n || !pii__is_digit(t->cp[s + k]))
			return 0;
		*v = *v * 10 + (t->cp[s + k] - '0');
	}
	return 1;
}

static int serial_sep(uint32_t c)
{
	return c == '\n' || c == ',' || c == ' ' || c == 0x3001 /* 、 */;
}

static int serial_neighbour(const struct pii__text *t, size_t s, size_t e)
{
	size_t nd = e - s;
	uint64_t v, w;
	if (!serial_value(t, s, nd, &v))
		return 0;
	size_t q = e;
	while (q < t->n && q - e < 3 && serial_sep(t->cp[q]))
		q++;
	if (q > e && q + nd <= t->n && serial_value(t, q, nd, &w) &&
	    (q + nd == t->n || !pii__is_digit(t->cp[q + nd])) &&
	    (v > w ? v - w : w - v) <= SERIAL_STEP_MAX)
		return 1;
	q = s;
	while (q > 0 && s - q < 3 && serial_sep(t->cp[q - 1]))
		q--;
	return q < s && q >= nd && serial_value(t, q - nd, nd, &w) &&
	       (q - nd == 0 || !pii__is_digit(t->cp[q - nd - 1])) &&
	       (v > w ? v - w : w - v) <= SERIAL_STEP_MAX;
}

/* 誤：028998316280\n正：028998316208 after 個人番号 on a line above: a
 * correction's wrong and right values of the My Number the text named,
 * twelve digits in one piece opening a line after 誤, 正, 訂正前 or its
 * kind and a colon; both are the person's number, the wrong one with its
 * check digit failing (batches 562-577). */
static int mynum_correction(const struct pii__text *t, const struct group *g)
{
	static const char *const marks[] = {"誤", "正", "訂正前", "訂正後", "修正前", "修正後", NULL};
	if (g->parts != 1 || !shape_mynum(g) || !pii__may_have_any(t, mynum_words))
		return 0;
	size_t q = g->start;
	while (q > 0 && t->cp[q - 1] == ' ')
		q--;
	if (q == 0 || t->cp[q - 1] != ':')
		return 0;
	q--;
	size_t m = 0, ls = q;
	while (ls > 0 && t->cp[ls - 1] != '\n' && q - ls < 4)
		ls--;
	if ((ls > 0 && t->cp[ls - 1] != '\n') || !(m = pii__ends_with(t, ls, q, marks)) ||
	    q - m != ls)
		return 0;
	return mynum_named_in(t, ls > 160 ? ls - 160 : 0, ls);
}

/* …<TAB>3369 7920 9702<TAB>世帯主: twelve digits in three spaced groups of
 * four, as the card prints the My Number, filling a tab-separated row's
 * cell: the row's My Number though its check digit fails (a mistyped
 * digit); no other number of a resident is written so (twenty-fourth
 * round (c)). In running text the check digit still decides. */
static int mynum_card_cell(const struct pii__text *t, const struct group *g)
{
	if (g->parts != 3 || !g->space || !shape_mynum(g))
		return 0;
	int before = g->start == 0 || t->cp[g->start - 1] == '\n' ||
		     (t->cp[g->start - 1] == ' ' && pii__raw_tab(t, g->start - 1));
	int after = g->end == t->n || t->cp[g->end] == '\n' ||
		    (t->cp[g->end] == ' ' && pii__raw_tab(t, g->end));
	return before && after;
}

/* +49 151 2384 6617, +1-408-555-0143, +55 11 98734-2156: a number abroad
 * written as its owner dials it from Japan's side of the call, the '+',
 * a country code of one to three digits (Japan's 81 is shape_phone()'s)
 * and two parts at least after it, 8-15 digits in all (ITU E.164); no
 * amount, code or date opens with '+' (batch 397, and held-out batches
 * 212-254 before it). */
static int foreign_phone(const struct group *g)
{
	if (!g->plus || g->parts < 3 || g->part[0] < 1 || g->part[0] > 3 || g->nd < 8 ||
	    g->nd > 15 || g->paren || (g->d[0] == '8' && g->d[1] == '1'))
		return 0;
	/* +62 22 1234 5678: a form's sample, its digits counting up (our
	 * cases leave it unlabelled) */
	size_t run = 1;
	for (size_t k = g->part[0] + 1; k < g->nd && run < 6; k++)
		run = g->d[k] == g->d[k - 1] + 1 ? run + 1 : 1;
	return run < 6;
}

/* The code point at i was written as U+3000 (text folding makes it a
 * space): a cell's separator in a table typed in a word processor. */
static int raw_ideographic_space(const struct pii__text *t, size_t i)
{
	const unsigned char *r = (const unsigned char *)t->raw + t->boff[i];
	return t->cp[i] == ' ' && r[0] == 0xE3 && r[1] == 0x80 && r[2] == 0x80;
}

/* A card brand's name (JCB, VISA, Mastercard…) right before p, spaces,
 * a colon or an opening bracket between, standing as a word of its own. */
static int brand_right_before(const struct pii__text *t, size_t p)
{
	static const char *const brands[] = {"JCB", "VISA", "Visa", "MasterCard", "Mastercard",
					     "AMEX", "Amex", "American Express", "Diners",
					     "ダイナース", "アメックス", "マスターカード", NULL};
	size_t q = p;
	while (q > 0 && p - q < 3 && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':' || t->cp[q - 1] == '('))
		q--;
	long k = q < p ? pii__ending_word(t, q > 16 ? q - 16 : 0, q, brands) : -1;
	if (k < 0)
		return 0;
	size_t s = q - pii__kw_len(brands[k]);
	return s == 0 || !pii__is_latin(t->cp[s - 1]);
}

static int classify(const struct pii__text *t, const struct group *g, enum pii_type *type,
		    double *conf, struct pension_cells *pc)
{
	if (foreign_phone(g)) {
		*type = PII_PHONE, *conf = 0.85;
		return 1;
	}
	/* 予約をカード（JCB 3538…）で, 予約の決済エラー：カード 3555-…: a card
	 * brand's name or the word カード as a label right before a number
	 * of a card's shape that passes Luhn names it whatever word of an
	 * order or a booking came before (session 26's read files) */
	if (shape_card(g) && g->nd >= 14 &&
	    (brand_right_before(t, g->start) || card_label_right_before(t, g->start)) &&
	    pii_check_luhn(g->d, g->nd)) {
		*type = PII_CREDIT_CARD, *conf = 0.95;
		return 1;
	}
	size_t dist = 0;
	int kw = pii__find_before(t, g->start, CTX_WINDOW, ctx_words, &dist);
	size_t qs, qe;
	/* the question above names what the answer is (twelfth round (b)) */
	if (kw < 0 && g->start > 0 && answers_question(t, g->start, &qs, &qe)) {
		size_t qd;
		int qk = pii__find_before(t, qe, qe - qs, ctx_words, &qd);
		if (qk >= 0 && ctx_class(qk) != CTX_NEG)
			kw = qk, dist = g->start - (qe - qd);
	}
	/* …の被保険者番号を知りたい → 本人確認後に回答 00483371: a number ending
	 * its line takes the number's word named further back on the line,
	 * when no other digit stands between (twelfth round (b)) */
	if (kw < 0 && line_end_number(t, g->end)) {
		size_t ld;
		int lk = pii__find_before(t, g->start, CTX_LINE_WINDOW, ctx_words, &ld);
		if (lk >= 0 && ctx_class(lk) != CTX_NEG && ctx_class(lk) != CTX_PHONE &&
		    !digit_between(t, g->start - ld, g->start))
			kw = lk, dist = ld;
	}
	/* 住民票コード通知票 再発行\n池田 あゆみ　60297418305: a number ending
	 * its line under a heading line of no digit that names a number of a
	 * fixed shape (住民票コード, 基礎年金番号, 個人番号, 免許証番号) takes
	 * that word (fourteenth round (b)) */
	if (kw < 0 && line_end_number(t, g->end)) {
		size_t hd;
		int hk = heading_word_above(t, g->start, &hd);
		if (hk >= 0)
			kw = hk, dist = hd;
	}
	if (kw < 0 && g->nd == 12 && g->start > 3) {
		size_t rd;
		int rk = reply_word_above(t, g->start, &rd);
		if (rk >= 0)
			kw = rk, dist = rd;
	}
	/* 〒⏎335-0031, 電話⏎080-…: a form pasted one value a line, the
	 * label alone on the line above (seventeenth round (b)) */
	size_t above_end = 0; /* where the label line's word ends, or 0 */
	if (kw < 0) {
		size_t le = 0;
		int lk = pii__label_line_before(t, g->start, g->end, ctx_words, &le);
		if (lk >= 0 && ctx_class(lk) != CTX_NEG)
			kw = lk, dist = 0, above_end = le;
	}
	int has_ctx = kw >= 0;
	enum ctx ctx = has_ctx ? ctx_class(kw) : CTX_NEG;
	/* 交付予約の大森 結衣さん（090-…）: a person named between the
	 * negative word and the number owns the number (ninth round) */
	if (has_ctx && ctx == CTX_NEG &&
	    (honorific_between(t, g->start - dist, g->start) ||
	     mobile_of_named_role(t, g, g->start - dist, g->start)))
		has_ctx = 0;
	if ((has_ctx && ctx == CTX_NEG) || all_same(g))
		return 0;
	/* 0570: a navigation dial is a company's or an office's line, never a
	 * person's (eighth round; no labelled file has one as PHONE) */
	if (g->nd == 10 && memcmp(g->d, "0570", 4) == 0)
		return 0;
	/* ゆうちょ 記号-番号 (12340-56781231) whatever label comes before it */
	if (yucho_number(t, g)) {
		*type = PII_JP_BANK_ACCOUNT, *conf = 0.9;
		return 1;
	}
	if (!has_ctx && card_number_named(t, g)) {
		*type = PII_JP_HEALTH_INSURANCE, *conf = 0.9;
		return 1;
	}
	/* 〒 must be right before the code (spaces allowed) */
	if (has_ctx && ctx == CTX_POSTAL && strcmp(ctx_words[kw], "〒") == 0 && dist > 1)
		has_ctx = 0;

	if (has_ctx) {
		switch (ctx) {
		case CTX_MYNUM:
			/* After the label a mistyped check digit is still masked: the
			 * person meant their number (issue 14). */
			if (shape_mynum(g)) {
				*type = PII_JP_MY_NUMBER;
				*conf = pii_check_my_number(g->d, g->nd) ? 0.99 : 0.9;
				return 1;
			}
			/* 個人番号欄が「2416…」と11桁しかない: one digit short,
			 * and the text counts its digits right after it; the
			 * person's number written wrong, as a mistyped check
			 * digit is (thirty-fifth round) */
			if (g->nd == 11 && g->parts == 1 && dist <= 6 && digits_counted_after(t, g->end)) {
				*type = PII_JP_MY_NUMBER, *conf = 0.8;
				return 1;
			}
			break;
		case CTX_CORP:
			if (shape_corp(g) && pii_check_corporate_number(g->d, g->nd)) {
				*type = PII_JP_CORPORATE_NUMBER, *conf = 0.99;
				return 1;
			}
			/* 株式会社田向水産 法人番号 4420001018362: right after its
			 * label a mistyped check digit is still the number meant,
			 * as for My Number (twenty-first round (b)); the public
			 * filter keeps it only in a text that names a person
			 * (corporate_mistyped()), where the company is theirs */
			if (shape_corp(g) && label_adjacent(t, g->start - dist, g->start)) {
				*type = PII_JP_CORPORATE_NUMBER, *conf = 0.8;
				return 1;
			}
			if (shape_corp(g))
				return 0;
			break;
		case CTX_LICENSE:
			if (g->nd == 12 && !g->paren) {
				*type = PII_JP_DRIVERS_LICENSE, *conf = 0.95;
				return 1;
			}
			break;
		case CTX_RESIDENT:
			if (g->nd == 11 && !g->paren) {
				*type = PII_JP_RESIDENT_CODE, *conf = 0.95;
				return 1;
			}
			break;
		case CTX_PENSION:
			if (g->nd == 10 && !g->paren && (g->parts == 1 || (g->parts == 2 && g->part[0] == 4))) {
				*type = PII_JP_BASIC_PENSION_NUMBER, *conf = 0.95;
				return 1;
			}
			break;
		case CTX_HEALTH:
			if (yucho_number(t, g)) { /* ゆうちょ 記号番号 */
				*type = PII_JP_BANK_ACCOUNT, *conf = 0.9;
				return 1;
			}
			if (g->nd >= 6 && g->nd <= 10 && !g->paren && !shape_phone(g)) {
				*type = PII_JP_HEALTH_INSURANCE, *conf = 0.9;
				return 1;
			}
			/* 介護保険被保険者番号：0100394721 (ninth round): ten digits
			 * in one piece right after a number's label are the card's,
			 * though they could be dialled; a phone there carries its
			 * hyphens or a phone's label of its own */
			if (g->nd == 10 && g->parts == 1 && !g->paren && !g->space && dist <= 2 &&
			    pii__match(t, g->start - dist - 2, "番号")) {
				*type = PII_JP_HEALTH_INSURANCE, *conf = 0.9;
				return 1;
			}
			break;
		case CTX_BANK:
			if (g->nd == 7 && g->parts == 1) {
				*type = PII_JP_BANK_ACCOUNT, *conf = 0.9;
				return 1;
			}
			/* six digits right after the account's type, with the bank
			 * and its branch named before it (琉球銀行 浦添支店 普通
			 * 602138: a number written without its leading zero; tenth
			 * round (a)) */
			if (g->nd == 6 && g->parts == 1 && !g->paren && dist <= 1 &&
			    designated_before(t, g->start - dist)) {
				*type = PII_JP_BANK_ACCOUNT, *conf = 0.9;
				return 1;
			}
			if (yucho_number(t, g)) {
				*type = PII_JP_BANK_ACCOUNT, *conf = 0.9;
				return 1;
			}
			break;
		case CTX_CARD:
			if (shape_card(g) && pii_check_luhn(g->d, g->nd)) {
				*type = PII_CREDIT_CARD, *conf = 0.99;
				return 1;
			}
			/* カード番号：5241 0093 7718 2650: sixteen digits right
			 * after the card's label are the card's though the Luhn
			 * check fails, as for My Number (twenty-first round (b));
			 * not another card's label glued to a word before it
			 * (ポイントカード番号, 会員カード番号) */
			if (shape_card16(g) && label_adjacent(t, g->start - dist, g->start)) {
				/* the label ends on the line above (dist 0 there,
				 * not the number's start) or right before dist */
				size_t le = above_end ? above_end : g->start - dist;
				size_t ls = le - pii__kw_len(ctx_words[kw]);
				if (ls == 0 || !(pii__is_kata(t->cp[ls - 1]) || pii__is_kanji(t->cp[ls - 1]))) {
					*type = PII_CREDIT_CARD, *conf = 0.85;
					return 1;
				}
			}
			if (shape_card(g))
				return 0;
			break;
		case CTX_PHONE:
			if (shape_phone(g)) {
				*type = PII_PHONE, *conf = 0.99;
				return 1;
			}
			break;
		case CTX_POSTAL:
			if (shape_postal(g)) {
				*type = PII_POSTAL_CODE, *conf = 0.97;
				return 1;
			}
			break;
		case CTX_NEG:
			return 0;
		}
	}
	/* a licence's number between 第 and 号 in a text that names the
	 * licence (ninth round) */
	if (!has_ctx && numbered_licence(t, g)) {
		*type = PII_JP_DRIVERS_LICENSE, *conf = 0.95;
		return 1;
	}
	/* 住民票コードの変更\n旧コード：…\n新コード：12345678901: eleven digits
	 * right after a label ending in コード, in a text that names the
	 * resident code earlier (ninth round) */
	if (!has_ctx && g->nd == 11 && g->parts == 1 &&
	    (resident_code_label(t, g->start) || resident_code_near(t, g))) {
		*type = PII_JP_RESIDENT_CODE, *conf = 0.9;
		return 1;
	}
	if (!has_ctx && (pii__may_have(t, ',') || pii__may_have(t, ' ')) &&
	    pension_cell(t, g, pc)) {
		*type = PII_JP_BASIC_PENSION_NUMBER, *conf = 0.85;
		return 1;
	}
	/* 手帳は 3208-715439 でした: a number written 4-6 (no year's 19 or
	 * 20 first) in a text that named the pension number or its booklet
	 * on the lines before (seventeenth round (b)) */
	if (!has_ctx && pension_shape(g) && pension_named_before(t, g->start)) {
		*type = PII_JP_BASIC_PENSION_NUMBER, *conf = 0.85;
		return 1;
	}
	if (!has_ctx && spaced_pension_cell(t, g)) {
		*type = PII_JP_BASIC_PENSION_NUMBER, *conf = 0.85;
		return 1;
	}
	/* 委託者番号：0217440831: ten digits in one piece right after another
	 * number's label (…番号, not a phone's: those are context words,
	 * read above) are that number, not a landline (batch 397) */
	if (!has_ctx && g->parts == 1 && !g->plus && g->nd == 10 &&
	    other_number_label(t, g->start))
		return 0;
	/* 支出負担行為番号 0812-004417: two parts, the second of six digits,
	 * as no phone is written (batches 578-593) */
	if (!has_ctx && g->parts == 2 && !g->plus && g->part[1] >= 6 &&
	    other_number_label(t, g->start))
		return 0;
	/* 0620014871⏎加藤 颯太…, 0201011808,研修負担金,…: ten digits in one
	 * piece opening a line before a cell's separator are a code (an
	 * office's, a certificate's, a budget's); none of 121 such cells in
	 * the labelled sets is a phone (session 18) */
	if (!has_ctx && g->parts == 1 && !g->plus && g->nd == 10 &&
	    (g->start == 0 || t->cp[g->start - 1] == '\n') && g->end < t->n &&
	    (t->cp[g->end] == ',' || pii__raw_tab(t, g->end) || raw_ideographic_space(t, g->end)))
		return 0;
	/* No fitting context word: only shapes that stand on their own. */
	if (shape_phone(g) && (g->parts > 1 || g->nd == 11 || g->plus)) {
		*type = PII_PHONE, *conf = 0.85;
		return 1;
	}
	if (shape_phone(g)) {
		*type = PII_PHONE, *conf = 0.7;
		return 1;
	}
	if (shape_mynum(g) && pii_check_my_number(g->d, g->nd) && !other_number_label(t, g->start) &&
	    !other_number_range_end(t, g->start, g->nd) &&
	    !(g->parts == 1 && serial_neighbour(t, g->start, g->end))) {
		*type = PII_JP_MY_NUMBER, *conf = 0.7;
		return 1;
	}
	/* not after another code's label (JANコード 4571180260318, 包装コード
	 * …: a product's barcode; session 18) */
	if (shape_corp(g) && pii_check_corporate_number(g->d, g->nd) &&
	    !other_number_label(t, g->start)) {
		*type = PII_JP_CORPORATE_NUMBER, *conf = 0.6;
		return 1;
	}
	if (mynum_card_cell(t, g)) {
		*type = PII_JP_MY_NUMBER, *conf = 0.7;
		return 1;
	}
	if (mynum_correction(t, g)) {
		*type = PII_JP_MY_NUMBER, *conf = 0.8;
		return 1;
	}
	if (shape_card(g) && g->nd >= 14 && pii_check_luhn(g->d, g->nd) &&
	    (card_prefix_ok(g->d, g->nd) || card_word_before(t, g->start))) {
		*type = PII_CREDIT_CARD, *conf = 0.85;
		return 1;
	}
	/* カード：4539 8821 0437 6615 with a mistyped digit (twenty-first
	 * round (b)) */
	if (!has_ctx && shape_card16(g) && card_label_right_before(t, g->start)) {
		*type = PII_CREDIT_CARD, *conf = 0.85;
		return 1;
	}
	return 0;
}

/* A unit right after a number (2 code points at most): 12件, 5 名. Not the
 * first character of a word that is a label (名義, 個人番号). */
static int unit_after(const struct pii__text *t, size_t e)
{
	for (size_t q = e; q < t->n && q < e + 2; q++) {
		if (pii__is_boundary(t->cp[q]))
			return 0;
		/* one space may stand before the unit (12 人), not a bracket:
		 * 080-…（日中は…） is no quantity */
		if (q > e && t->cp[e] != ' ')
			return 0;
		/* the first unit of the list that occurs at q */
		size_t m = pii__match_any(t, q, unit_words);
		if (m) {
			if (pii__match(t, q, "名義") || pii__match(t, q, "個人") ||
			    pii__match(t, q, "本人") || pii__match(t, q, "本籍") ||
			    pii__match(t, q, "年金"))
				return 0;
			/* after a space a one-kanji unit opening a word is the word
			 * (780522181540　本人確認, 5 名 is a count) */
			if (q > e && m == 1 && q + 1 < t->n && pii__is_kanji(t->cp[q + 1]))
				return 0;
			/* …1650　世帯主携帯 090-…: after a space, a unit that opens a
			 * longer word (世帯主) is the word (eighth round) */
			if (q > e && q + m < t->n && pii__is_kanji(t->cp[q + m]))
				return 0;
			return 1;
		}
	}
	return 0;
}

/* 運転免許証 第302211456780号: the licence number is written between 第 and
 * 号, which otherwise make a number an ordinal (第12号). */
static int numbered_licence(const struct pii__text *t, const struct group *g)
{
	static const char *const licence_words[] = {"運転免許", "免許証", "免許番号", NULL};
	/* 第 123456789012 号: a space may pad either side (ninth round) */
	size_t b = g->start, e = g->end;
	if (b > 0 && t->cp[b - 1] == ' ')
		b--;
	if (e < t->n && t->cp[e] == ' ')
		e++;
	if (!(g->nd == 12 && b > 0 && t->cp[b - 1] == 0x7B2C /* 第 */ && e < t->n &&
	      t->cp[e] == 0x53F7 /* 号 */))
		return 0;
	if (pii__find_before(t, g->start, CTX_WINDOW, licence_words, NULL) >= 0)
		return 1;
	/* a copy of a licence headed by its name, the number in a field
	 * lines below (運転免許証の写し\n…\n番号 第 871221774571 号) */
	return word_within_before(t, g->start, LICENCE_BACK, 0x514D /* 免 */, "免許");
}

/* Classifies g, or failing that each of its space-separated pieces (two
 * numbers written side by side: "03-1234-5678 090-1111-2222"). */
static void classify_group(const struct pii__text *t, const struct group *g,
			   struct pii__cands *c, struct pension_cells *pc)
{
	enum pii_type type;
	double conf;
	/* a unit after the group counts its last piece only (045-781-3358
	 * (16時以降): the hour is no part of the number before it) */
	int quantity = unit_after(t, g->end) && !numbered_licence(t, g);
	if (quantity && !g->space) {
		/* 0987-23-4419（16時以降）: the hour in a bracket glued to the
		 * number counts the bracket only (thirteenth round (b)) */
		size_t p = g->end;
		while (p > g->start && pii__is_digit(t->cp[p - 1]))
			p--;
		if (p > g->start + 1 && t->cp[p - 1] == '(' && pii__is_digit(t->cp[p - 2])) {
			struct group sub;
			const struct pii__text sub_t = {t->cp, t->boff, p - 1, t->raw, t->len, t->cues, t->nl};
			scan_group(&sub_t, g->start, &sub);
			if (sub.nd && sub.end == p - 1 && classify(t, &sub, &type, &conf, pc))
				pii__cand_add(c, t, sub.start, sub.end, type, conf);
		}
		return;
	}
	if (!quantity && classify(t, g, &type, &conf, pc)) {
		size_t start = g->start;
		if (g->plus)
			start--;
		pii__cand_add(c, t, start, g->end, type, conf);
		return;
	}
	if (!g->space)
		return;
	size_t i = g->start;
	while (i < g->end) {
		size_t j = i;
		while (j < g->end && t->cp[j] != ' ')
			j++;
		if (quantity && j == g->end)
			break; /* the counted piece */
		struct group sub;
		const struct pii__text sub_t = {t->cp, t->boff, j, t->raw, t->len, t->cues, t->nl};
		if (pii__is_digit(t->cp[i]) || t->cp[i] == '(') {
			scan_group(&sub_t, i, &sub);
			if (sub.nd && classify(t, &sub, &type, &conf, pc))
				pii__cand_add(c, t, sub.start, sub.end, type, conf);
		}
		i = j + 1;
	}
}

/* 3 digits and no more digit after a comma: 1,205,800 is an amount; a CSV
 * cell after a comma (2-3-4,090-5827-3361) is not. */
static int thousands_at(const struct pii__text *t, size_t i)
{
	size_t j = i;
	while (j < t->n && pii__is_digit(t->cp[j]))
		j++;
	return j - i == 3 && (j == t->n || !(t->cp[j] == '-' || t->cp[j] == '(' || t->cp[j] == ')'));
}


/* 0299-12-3456 at i, after a slash (090-1234-5678/0299-12-3456): a 0, at
 * most 4 more digits and a hyphen, so a date's 04/01 stays a date. */
static int hyphenated_after(const struct pii__text *t, size_t i)
{
	if (t->cp[i] != '0')
		return 0;
	size_t j = i + 1;
	while (j < t->n && pii__is_digit(t->cp[j]) && j - i <= 5)
		j++;
	return j < t->n && t->cp[j] == '-' && j - i >= 2;
}

/* "(0299)12-3456": an area code in brackets starts a phone number. */
static int area_code_paren(const struct pii__text *t, size_t i)
{
	if (t->cp[i] != '(' || i + 1 >= t->n || t->cp[i + 1] != '0')
		return 0;
	size_t j = i + 1;
	while (j < t->n && pii__is_digit(t->cp[j]) && j - i <= 5)
		j++;
	return j < t->n && t->cp[j] == ')' && j - i >= 3;
}

/* TEL, Tel, FAX... written right before the number (TEL0154-22-6075; batch
 * 512): a phone's label, not a code's letters. */
static int phone_word_before(const struct pii__text *t, size_t i)
{
	static const char *const words[] = {"TEL", "Tel", "tel", "FAX", "Fax", "fax", NULL};
	if (i < 3 || (i > 3 && pii__is_alnum(t->cp[i - 4])))
		return 0;
	for (size_t k = 0; words[k]; k++)
		if (pii__match(t, i - 3, words[k]))
			return 1;
	return 0;
}

/* A mobile written with dots (080.6327.4419; batch 513): 070, 080 or 090,
 * four digits and four, nothing of a number or a word around it. */
static void dotted_mobiles(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i + 13 <= t->n; i++) {
		const uint32_t *p = t->cp + i;
		if (p[0] != '0' || !(p[1] == '7' || p[1] == '8' || p[1] == '9') || p[2] != '0' ||
		    p[3] != '.' || p[8] != '.')
			continue;
		int ok = 1;
		for (size_t k = 4; k < 13 && ok; k++)
			ok = k == 8 || pii__is_digit(p[k]);
		if (!ok || (i > 0 && (pii__is_alnum(t->cp[i - 1]) || t->cp[i - 1] == '.')) ||
		    (i + 13 < t->n && (pii__is_alnum(t->cp[i + 13]) || t->cp[i + 13] == '.')))
			continue;
		pii__cand_add(c, t, i, i + 13, PII_PHONE, 0.85);
		i += 12;
	}
}

void pii__detect_numbers(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have_digit(t))
		return;
	if (pii__may_have(t, '.'))
		dotted_mobiles(t, c);
	struct pension_cells pc = {0};
	size_t i = 0;
	while (i < t->n) {
		uint32_t ch = t->cp[i];
		int starts = pii__is_digit(ch) || area_code_paren(t, i);
		if (!starts) {
			i++;
			continue;
		}
		/* not in the middle of a word, a decimal, an amount or a code
		 * (a bracketed area code starts a number after anything:
		 * "TEL(0299)55-1111"); the skip always moves on */
		if (i > 0 && ch != '(') {
			uint32_t p = t->cp[i - 1];
			if ((pii__is_alnum(p) && !phone_word_before(t, i)) || p == '_' || p == '@') {
				i++;
				while (i < t->n && (pii__is_alnum(t->cp[i]) || t->cp[i] == '-'))
					i++;
				continue;
			}
			if (i > 1 && ((p == '-' && pii__is_alnum(t->cp[i - 2])) ||
				      ((p == '.' || (p == '/' && !hyphenated_after(t, i)) || p == ':' ||
					(p == ',' && thousands_at(t, i))) &&
				       pii__is_digit(t->cp[i - 2])))) {
				i++;
				while (i < t->n && (pii__is_digit(t->cp[i]) || t->cp[i] == '-'))
					i++;
				continue;
			}
		}
		struct group g;
		size_t next = scan_group(t, i, &g);
		if (g.nd >= 6 && g.end < t->n) {
			uint32_t a = t->cp[g.end];
			/* glued to letters, decimals or more digits: a code, not an ID */
			if (pii__is_alpha(a) || a == '_' || a == '@' ||
			    ((a == '.' || a == ',' || a == '/' || a == ':') && g.end + 1 < t->n &&
			     pii__is_digit(t->cp[g.end + 1]))) {
				/* an amount or a date in the next cell (1106734<TAB>48,260,
				 * 普通 1106734 48,260): the number is the group before the
				 * last space, which the glued piece does not touch */
				size_t k = g.end;
				while (k > g.start && t->cp[k - 1] != ' ')
					k--;
				if (a == ',' && !g.space && !thousands_at(t, g.end + 1)) {
					/* 普通 0031284,1870: a comma before anything but
					 * three digits ends a cell, not a thousand (twelfth
					 * round (b)) */
				} else if ((a == ',' || a == '/') && g.parts > 1 && !g.space && !g.paren &&
				    t->cp[g.start] == '0') {
					/* 090-3357-1128,079-294-7715, 090-…/0299-…: hyphenated
					 * parts opening with 0 before a comma or a slash are a
					 * cell or one of two numbers, never an amount, a
					 * decimal or a date */
				} else if (g.space && k > g.start + 1 &&
					   (a == ',' || pii__raw_tab(t, k - 1) ||
					    /* 基礎年金番号 4170283659 12/10 10:00: a date
					     * or a time after a space (a month, a day, a
					     * year or an hour) */
					    (a == '/' && g.end - k <= 4) || (a == ':' && g.end - k <= 2))) {
					const struct pii__text sub_t = {t->cp, t->boff, k - 1, t->raw, t->len,
									t->cues, t->nl};
					scan_group(&sub_t, i, &g);
				} else {
					g.nd = 0;
				}
			}
		}
		if (g.nd >= 6) {
			g.plus = i > 0 && t->cp[i - 1] == '+';
			classify_group(t, &g, c, &pc);
		}
		i = next > i ? next : i + 1;
	}
	free(pc.v);
}

/* ---- residence card and passport --------------------------------------- */

static const char *const passport_words[] = {"旅券", "パスポート", "Passport", "PASSPORT",
					     "passport",
					     /* in Chinese (fifteenth round (b)) */
					     "护照", "護照",
					     /* in the languages of foreign residents' chats:
					      * Vietnamese, Portuguese, Spanish and Tagalog,
					      * Indonesian, Korean (sixteenth round (b)) */
					     "hộ chiếu", "Hộ chiếu", "passaporte", "Passaporte",
					     "pasaporte", "Pasaporte", "paspor", "Paspor", "여권", NULL};
static const char *const residence_words[] = {"在留カード", "在留", "特別永住者証明書", NULL};

/* A passport number after its label: up to 3 letters, 6-9 digits, up to
 * one letter, 8-10 characters in all (TR1234567, PAB482917, C7734915,
 * P4517392A, 125387640). */
/* M123A4567: the Republic of Korea's passports since 2021, a letter,
 * three digits, a letter and four digits (session 18). */
static size_t korean_passport_at(const struct pii__text *t, size_t i)
{
	if (i + 9 > t->n || !pii__is_upper(t->cp[i]) || !pii__is_upper(t->cp[i + 4]))
		return 0;
	for (size_t k = 1; k < 9; k++)
		if (k != 4 && !pii__is_digit(t->cp[i + k]))
			return 0;
	if (i + 9 < t->n && (pii__is_alnum(t->cp[i + 9]) || t->cp[i + 9] == '-'))
		return 0;
	return i + 9;
}

static size_t passport_at(const struct pii__text *t, size_t i)
{
	size_t k = korean_passport_at(t, i);
	if (k)
		return k;
	size_t j = i, nl = 0, nd = 0;
	while (j < t->n && pii__is_upper(t->cp[j]) && nl < 4)
		j++, nl++;
	/* 旅券 MZ 1184420: a Japanese passport's two letters and seven
	 * digits parted by a space, as the page prints them (blind batches
	 * 1216-1231) */
	int spaced = nl == 2 && j + 1 < t->n && t->cp[j] == ' ' && pii__is_digit(t->cp[j + 1]);
	if (spaced)
		j++;
	while (j < t->n && pii__is_digit(t->cp[j]) && nd < 10)
		j++, nd++;
	if (!spaced && j < t->n && pii__is_upper(t->cp[j]))
		j++;
	if (nl > 3 || nd < 6 || nd > 9 || j - i < 8 || j - i > 10 || (spaced && nd != 7))
		return 0;
	if (j < t->n && (pii__is_alnum(t->cp[j]) || t->cp[j] == '-'))
		return 0;
	return j;
}

/* A passport number of letters and digits mixed (C4FJ82L17: some states'
 * passports), 8-10 capitals and digits opening with a letter, three of
 * each at least, right after its label (旅券番号：, Passport No. : the
 * label's word no more than six code points before; twenty-eighth round
 * (c)). A code of that shape anywhere else is any document's. */
static size_t passport_mixed_at(const struct pii__text *t, size_t i)
{
	/* 19AV48261: a passport of France and of other states opens with
	 * two digits, then two letters (two letters and five digits at
	 * least, checked below) */
	int digit_first = i + 4 < t->n && pii__is_digit(t->cp[i]) && pii__is_digit(t->cp[i + 1]) &&
			  pii__is_upper(t->cp[i + 2]) && pii__is_upper(t->cp[i + 3]);
	if (!pii__is_upper(t->cp[i]) && !digit_first)
		return 0;
	size_t j = i, nl = 0, nd = 0;
	for (; j < t->n && j - i <= 10; j++) {
		if (pii__is_digit(t->cp[j]))
			nd++;
		else if (pii__is_upper(t->cp[j]))
			nl++;
		else
			break;
	}
	if (j - i < 8 || j - i > 10 || (digit_first ? nd < 5 : nl < 3 || nd < 3) ||
	    (j < t->n && (pii__is_alnum(t->cp[j]) || t->cp[j] == '-')))
		return 0;
	size_t d;
	if (pii__find_before(t, i, 18, passport_words, &d) < 0)
		return 0;
	/* Passport number: C4KR7T2M9: the label's English word for number
	 * between (batch 397) */
	static const char *const number_words[] = {" number", " Number", " NUMBER", NULL};
	size_t w = d > 6 && d <= i ? pii__match_any(t, i - d, number_words) : 0;
	return d <= 6 || (w && d - w <= 3) ? j : 0;
}

/* Is [i, e) a cell of a comma row right after a cell of three capital
 * letters (the nationality as a passport prints it: VNM, PHL), in a row
 * that opens with a name in Latin capitals (NGUYEN VAN HUNG,VNM,C4821067,
 * …): a register of foreign residents without its header, the passport's
 * number in its column (twenty-first round (b)). */
static int passport_row_cell(const struct pii__text *t, size_t i, size_t e)
{
	if (i < 6 || !pii__is_upper(t->cp[i]) || t->cp[i - 1] != ',' ||
	    (e < t->n && t->cp[e] != ',' && t->cp[e] != '\n'))
		return 0;
	size_t n = i - 1;
	if (!pii__is_upper(t->cp[n - 1]) || !pii__is_upper(t->cp[n - 2]) ||
	    !pii__is_upper(t->cp[n - 3]) || t->cp[n - 4] != ',')
		return 0;
	/* the first cell: capitals and spaces, two words at least */
	size_t ce = n - 4, cs = ce;
	int words = 1;
	while (cs > 0 && t->cp[cs - 1] != '\n') {
		uint32_t ch = t->cp[cs - 1];
		if (ch == ' ')
			words++;
		else if (!pii__is_upper(ch))
			return 0;
		cs--;
	}
	return words >= 2 && ce - cs >= 5 && t->cp[cs] != ' ';
}

/* A residence card's number filling the cell [s, e): two capitals, eight
 * digits, two capitals (AB12345678CD). */
static int residence_card_cell(const struct pii__text *t, size_t s, size_t e)
{
	if (e - s != 12 || e > t->n)
		return 0;
	for (size_t q = s; q < e; q++)
		if (q - s < 2 || q - s >= 10 ? !pii__is_upper(t->cp[q]) : !pii__is_digit(t->cp[q]))
			return 0;
	return 1;
}

/* Does a comma or a tab separate cells at q? */
static int cell_separator(const struct pii__text *t, size_t q)
{
	return q < t->n && (t->cp[q] == ',' || (t->cp[q] == ' ' && pii__raw_tab(t, q)));
}

/* Is [i, e), a number opening with a letter (C7730456), a cell of a comma
 * or tab row right beside a cell holding a residence card's number
 * (…,C2290471,EF42190836JA,1998-05-11 or …<TAB>KB63018824EA<TAB>C7730456):
 * a register of foreign residents without its header gives the passport
 * beside the card (twenty-fifth round (d)). A code of that shape in a row
 * with no card beside it is any list's. */
static int passport_beside_card(const struct pii__text *t, size_t i, size_t e)
{
	if (!pii__is_upper(t->cp[i]) || i < 13 || !cell_separator(t, i - 1) ||
	    !(e == t->n || cell_separator(t, e) || t->cp[e] == '\n'))
		return 0;
	if (cell_separator(t, e) && e + 13 <= t->n && residence_card_cell(t, e + 1, e + 13) &&
	    (e + 13 == t->n || cell_separator(t, e + 13) || t->cp[e + 13] == '\n'))
		return 1;
	return residence_card_cell(t, i - 13, i - 1) &&
	       (i == 13 || cell_separator(t, i - 14) || t->cp[i - 14] == '\n');
}

/* A passport's number opening with a capital at i, in a list the text
 * names as passports further back than its label's reach (【…旅券一覧】
 * then 川口 美羽（2年）TK4018263, or 在留カード番号と旅券番号を抜き出して
 * then Rizky Pratama UH48207725FA X2209184; batches 280-281): the number
 * after a bracket, a space, a tab or a comma, with no other number's
 * word in the ten code points before it (受付番号 R0812345). */
static int passport_in_named_list(const struct pii__text *t, size_t i)
{
	static const char *const other[] = {"番号", "No", "NO", "コード", "ID", "受付", "整理",
					    "管理", "登録", "記号", NULL};
	/* or after a person's honorific and は (パスポート番号の記載が必要とのこと
	 * で、KIM SOONJAさんはM48219736、…; session 18) */
	if (!pii__is_upper(t->cp[i]) || i == 0 ||
	    !(t->cp[i - 1] == ')' || t->cp[i - 1] == ' ' || t->cp[i - 1] == ',' ||
	      (i >= 3 && pii__match(t, i - 3, "さんは")) || (i >= 2 && pii__match(t, i - 2, "様は"))))
		return 0;
	for (size_t q = i > 10 ? i - 10 : 0; q < i; q++)
		if (pii__match_any(t, q, other))
			return 0;
	size_t lo = i > 400 ? i - 400 : 0;
	for (size_t q = i; q-- > lo;)
		if (pii__match_any(t, q, passport_words))
			return 1;
	return 0;
}

/* A passport's word in the two sentences or lines before i (no blank line
 * between, 100 code points at most): 予約時のパスポート番号と実物が違う。⏎
 * 予約上：M40718236　正：M40718263, 正しい番号は EH4721836 (batches
 * 758-773). Asked only of a shape with letters, which codes of goods and
 * bookings share, so the passport must be named close by. */
static int passport_named_near(const struct pii__text *t, size_t i)
{
	/* another document's number label right before it (受付番号 R0812345,
	 * 予約番号：…): that document's, not the passport's */
	for (size_t q = i >= 8 ? i - 8 : 0; q + 2 <= i; q++)
		if (pii__match(t, q, "番号") && q > 0 &&
		    (pii__is_kanji(t->cp[q - 1]) || pii__is_kata(t->cp[q - 1])) &&
		    !pii__ends_with(t, q >= 5 ? q - 5 : 0, q, passport_words))
			return 0;
	size_t lo = i > 100 ? i - 100 : 0, breaks = 0;
	for (size_t q = i; q-- > lo;) {
		if (t->cp[q] == '\n' && (++breaks > 2 || (q > 0 && t->cp[q - 1] == '\n')))
			return 0;
		if (pii__match_any(t, q, passport_words))
			return 1;
	}
	return 0;
}

void pii__detect_alnum_ids(const struct pii__text *t, struct pii__cands *c)
{
	/* passports have 6-9 digits, residence cards 8 */
	if (!pii__may_have_digit(t))
		return;
	for (size_t i = 0; i + 8 <= t->n; i++) {
		/* both kinds start at a letter or a digit (most code points are
		 * neither: one test) that does not continue a word */
		if (!pii__is_alnum(t->cp[i]) ||
		    (i > 0 && (pii__is_alnum(t->cp[i - 1]) || t->cp[i - 1] == '-')))
			continue;
		size_t e = passport_at(t, i);
		/* after its label on the line, or (seventeenth round (b)) the
		 * label alone on the line above: 旅券番号⏎C7812046 */
		if (e && (pii__find_before(t, i, 24, passport_words, NULL) >= 0 ||
			  pii__label_line_before(t, i, e, passport_words, NULL) >= 0 ||
			  (i > 0 && t->cp[i - 1] == ',' && passport_row_cell(t, i, e)) ||
			  passport_beside_card(t, i, e) || passport_in_named_list(t, i) ||
			  (pii__is_upper(t->cp[i]) && passport_named_near(t, i)))) {
			pii__cand_add(c, t, i, e, PII_PASSPORT, 0.95);
			i = e - 1;
			continue;
		}
		if (!e && (e = passport_mixed_at(t, i)) != 0) {
			pii__cand_add(c, t, i, e, PII_PASSPORT, 0.95);
			i = e - 1;
			continue;
		}
		if (!pii__is_alpha(t->cp[i]) || !pii__is_alpha(t->cp[i + 1]))
			continue;
		/* 在留カード: 2 letters, 8 digits, 2 letters; in forms also lower
		 * case or in groups (UH 3041 8827 FA) */
		size_t j = i + 2, nd = 0;
		int upper = pii__is_upper(t->cp[i]) && pii__is_upper(t->cp[i + 1]);
		int groups = 0;
		while (j < t->n && nd < 9) {
			if (pii__is_digit(t->cp[j]))
				j++, nd++;
			else if (t->cp[j] == ' ' && j + 1 < t->n && pii__is_digit(t->cp[j + 1]) &&
				 (nd == 0 || nd == 4))
				j++, groups = 1;
			else
				break;
		}
		if (groups && j < t->n && t->cp[j] == ' ')
			j++;
		if (nd == 8 && j + 2 <= t->n && pii__is_alpha(t->cp[j]) && pii__is_alpha(t->cp[j + 1]) &&
		    (pii__is_upper(t->cp[j]) == upper) && (j + 2 == t->n || !pii__is_alnum(t->cp[j + 2]))) {
			int ctx = pii__find_before(t, i, CTX_WINDOW, residence_words, NULL) >= 0;
			/* in capitals and groups the card named a sentence
			 * before on the line (在留カードの裏面に…。番号控え→ MK
			 * 55203814 EA; session 26's read files) */
			for (size_t q = i; !ctx && upper && groups && q > 0 && i - q < 3 * CTX_WINDOW &&
					   t->cp[q - 1] != '\n';
			     q--)
				ctx = pii__match_any(t, q - 1, residence_words) != 0;
			if (ctx || (upper && !groups)) {
				pii__cand_add(c, t, i, j + 2, PII_JP_RESIDENCE_CARD, ctx ? 0.99 : 0.9);
				i = j + 1;
			}
		}
	}
}

/* ---- e-mail ------------------------------------------------------------- */

static int email_local(uint32_t c)
{
	return pii__is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
static int email_domain(uint32_t c) { return pii__is_alnum(c) || c == '.' || c == '-'; }

void pii__detect_email(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have(t, '@'))
		return;
	size_t last_end = 0;
	for (size_t at = 1; at + 1 < t->n; at++) {
		if (t->cp[at] != '@' || at < last_end)
			continue;
		size_t s = at;
		while (s > last_end && email_local(t->cp[s - 1]) && at - s < 64)
			s--;
		while (s < at && !pii__is_alnum(t->cp[s]))
			s++;
		if (s == at)
			continue;
		size_t e = at + 1;
		while (e < t->n && email_domain(t->cp[e]) && e - at < 255)
			e++;
		while (e > at + 1 && !pii__is_alnum(t->cp[e - 1]))
			e--;
		/* at least one dot and an alphabetic TLD of two or more letters */
		size_t dot = 0;
		for (size_t k = at + 1; k < e; k++)
			if (t->cp[k] == '.')
				dot = k;
		if (!dot || dot == at + 1 || e - dot - 1 < 2)
			continue;
		int tld_ok = 1;
		for (size_t k = dot + 1; k < e; k++)
			if (!pii__is_alpha(t->cp[k]))
				tld_ok = 0;
		if (!tld_ok)
			continue;
		/* A section's shared mailbox on a local-government domain
		 * (shimin@city.….lg.jp): one plain word, no person in it. */
		int plain = 1;
		for (size_t k = s; k < at; k++)
			if (!(t->cp[k] >= 'a' && t->cp[k] <= 'z'))
				plain = 0;
		if (plain && e - at > 6 && pii__match(t, e - 5, "lg.jp")) {
			last_end = e;
			continue;
		}
		pii__cand_add(c, t, s, e, PII_EMAIL, 0.99);
		last_end = e;
	}
}

/* ---- birth dates -------------------------------------------------------- */

static const char *const eras[] = {"明治", "大正", "昭和", "平成", "令和", NULL};

/* Reads 1..maxd digits at *i into *v. */
/* Value of a kanji numeral digit (〇一二…九), or -1. */
static int kanji_digit(uint32_t c)
{
	/* a switch, not a loop over a table: called at every kanji of every
	 * date candidate (the compiler makes it a range check and a jump) */
	switch (c) {
	case 0x3007: return 0; /* 〇 */
	case 0x4E00: return 1; /* 一 */
	case 0x4E8C: return 2; /* 二 */
	case 0x4E09: return 3; /* 三 */
	case 0x56DB: return 4; /* 四 */
	case 0x4E94: return 5; /* 五 */
	case 0x516D: return 6; /* 六 */
	case 0x4E03: return 7; /* 七 */
	case 0x516B: return 8; /* 八 */
	case 0x4E5D: return 9; /* 九 */
	default: return -1;
	}
}

/* The formal numerals of old registers (壱, 弐, 参; 拾 is ten): 昭和拾弐年参月五日
 * in a 改製原戸籍 copied out. Read only inside a number (read_kanji_num()),
 * never to start a date's search: 参 is a common word's kanji too. */
static int formal_digit(uint32_t c)
{
	return c == 0x58F1 /* 壱 */ ? 1 : c == 0x5F10 /* 弐 */ ? 2 : c == 0x53C2 /* 参 */ ? 3 : -1;
}

static int is_ten(uint32_t c) { return c == 0x5341 /* 十 */ || c == 0x62FE /* 拾 */; }

/* A number in kanji: digit by digit (一九七八) or with 十 (三十九, 十二, 二十);
 * at most maxd digits' worth of characters. */
static int read_kanji_num(const struct pii__text *t, size_t *i, size_t maxd, unsigned *v)
{
	size_t j = *i;
	unsigned x = 0, tens = 0;
	int ten = 0;
	size_t k = 0;
	while (j < t->n && k < maxd + 1) {
		int dv = kanji_digit(t->cp[j]);
		if (dv < 0)
			dv = formal_digit(t->cp[j]);
		if (dv >= 0) {
			x = x * 10 + (unsigned)dv;
		} else if (is_ten(t->cp[j]) && !ten) {
			tens = x ? x : 1;
			x = 0;
			ten = 1;
		} else {
			break;
		}
		j++, k++;
	}
	if (k == 0 || (!ten && k > maxd) || (j < t->n && (kanji_digit(t->cp[j]) >= 0 ||
							    formal_digit(t->cp[j]) >= 0 ||
							    is_ten(t->cp[j]))))
		return 0;
	*v = ten ? tens * 10 + x : x;
	*i = j;
	return 1;
}

static int read_num(const struct pii__text *t, size_t *i, size_t maxd, unsigned *v)
{
	size_t k = 0;
	unsigned x = 0;
	if (*i < t->n && !pii__is_digit(t->cp[*i]))
		return read_kanji_num(t, i, maxd, v);
	while (*i < t->n && pii__is_digit(t->cp[*i]) && k < maxd) {
		x = x * 10 + (t->cp[*i] - '0');
		(*i)++, k++;
	}
	if (k == 0 || (*i < t->n && pii__is_digit(t->cp[*i])))
		return 0;
	*v = x;
	return 1;
}

static int skip_spaces(const struct pii__text *t, size_t i)
{
	while (i < t->n && t->cp[i] == ' ')
		i++;
	return (int)i;
}

/* "M月D日" or "M.D" with the given separator after the year. */
static int read_month_day(const struct pii__text *t, size_t *i, uint32_t sep)
{
	unsigned m, d;
	if (sep == 0x5E74 /* 年 */) {
		/* 昭和59年 3月 2日: a space may pad a one-digit number */
		if (*i + 1 < t->n && t->cp[*i] == ' ' && pii__is_digit(t->cp[*i + 1]))
			(*i)++;
		if (!read_num(t, i, 2, &m) || *i >= t->n || t->cp[*i] != 0x6708 /* 月 */)
			return 0;
		(*i)++;
		if (*i + 1 < t->n && t->cp[*i] == ' ' && pii__is_digit(t->cp[*i + 1]))
			(*i)++;
		if (!read_num(t, i, 2, &d) || *i >= t->n || t->cp[*i] != 0x65E5 /* 日 */)
			return 0;
		(*i)++;
	} else {
		if (!read_num(t, i, 2, &m) || *i >= t->n || t->cp[*i] != sep)
			return 0;
		(*i)++;
		if (!read_num(t, i, 2, &d))
			return 0;
	}
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* If a date starts at i, returns its end, else 0. month_day: also accept
 * a month and day without the year. */
static const char *const months_en[] = {"January", "February", "March", "April", "May",
					"June", "July", "August", "September", "October",
					"November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
					"Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", NULL};

/* Day first, as foreign documents write it: 25/11/1984, 3 March 1996. */
/* End of an English month's name at j, full or abbreviated (March, Mar,
 * Sept), or 0. */
static size_t month_name_end(const struct pii__text *t, size_t j)
{
	static const char *const abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
					   "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
					   /* passports and visas write them in capitals */
					   "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL",
					   "AUG", "SEP", "OCT", "NOV", "DEC", NULL};
	size_t mm = pii__match_any(t, j, months_en);
	if (!mm)
		mm = pii__match_any(t, j, abbr);
	return mm ? j + mm : 0;
}

/* A space and a year of four digits (1868-2100) at j: its end, or 0. */
static size_t space_year_end(const struct pii__text *t, size_t j)
{
	if (j >= t->n || t->cp[j] != ' ')
		return 0;
	j++;
	size_t ys = j;
	unsigned y;
	if (!read_num(t, &j, 4, &y) || j - ys != 4 || y < 1868 || y > 2100)
		return 0;
	return j;
}

static size_t day_first_date(const struct pii__text *t, size_t i)
{
	size_t j = i;
	unsigned d, m, y;
	if (!read_num(t, &j, 2, &d) || d < 1 || d > 31 || j >= t->n)
		return 0;
	if (t->cp[j] == '/' || t->cp[j] == '.') {
		uint32_t sep = t->cp[j++];
		/* 04/17/1983: a form of the United States writes the month
		 * first; a first number up to 12 before a second over 12 can
		 * only be read so, with slashes (twenty-fourth round (c)) */
		if (!read_num(t, &j, 2, &m) || m < 1 || m > 31 || (m > 12 && (sep != '/' || d > 12)) ||
		    j >= t->n || t->cp[j] != sep)
			return 0;
		j++;
		size_t ys = j;
		if (!read_num(t, &j, 4, &y) || j - ys != 4 || y < 1868 || y > 2100)
			return 0;
		return j;
	}
	if (t->cp[j] != ' ')
		return 0;
	j++;
	size_t me = month_name_end(t, j);
	if (!me || me + 1 >= t->n)
		return 0;
	j = me;
	if (t->cp[j] == '.')
		j++;
	if (t->cp[j] == ',')
		j++;
	return space_year_end(t, j);
}

/* Jan 5, 1992; March 3, 1996; Sept. 30 1985: the month's name first. */
static size_t month_first_date(const struct pii__text *t, size_t i)
{
	size_t j = month_name_end(t, i);
	if (!j)
		return 0;
	if (j < t->n && t->cp[j] == '.')
		j++;
	if (j >= t->n || t->cp[j] != ' ')
		return 0;
	j++;
	unsigned d;
	if (!read_num(t, &j, 2, &d) || d < 1 || d > 31 || j >= t->n)
		return 0;
	if (t->cp[j] == ',')
		j++;
	return space_year_end(t, j);
}

static size_t date_at(const struct pii__text *t, size_t i, int month_day)
{
	size_t j = i;
	unsigned y;
	/* the first era that matches (the eras are kanji: digits and
	 * letters, most calls, need no look-up) */
	size_t k = t->cp[i] >= 0x4E00 ? pii__match_any(t, i, eras) : 0;
	if (k) {
		j = (size_t)skip_spaces(t, i + k);
		if (j < t->n && t->cp[j] == 0x5143 /* 元 */)
			j++;
		else if (!read_num(t, &j, 2, &y))
			return 0;
		/* 平成2（1990）年4月1日: the western year in brackets between
		 * the era's year and its 年 (ninth round) */
		if (j + 6 < t->n && t->cp[j] == '(' && t->cp[j + 5] == ')' &&
		    t->cp[j + 6] == 0x5E74 /* 年 */ && pii__is_digit(t->cp[j + 1]) &&
		    pii__is_digit(t->cp[j + 2]) && pii__is_digit(t->cp[j + 3]) &&
		    pii__is_digit(t->cp[j + 4])) {
			j += 7;
			return read_month_day(t, &j, 0x5E74) ? j : 0;
		}
		/* 平成2.4.1, 昭和60/3/3: the era's name with the numbers */
		uint32_t sep = j < t->n ? t->cp[j] : 0;
		if (sep == '.' || sep == '/' || sep == '-') {
			j++;
			return read_month_day(t, &j, sep) ? j : 0;
		}
		if (sep != 0x5E74)
			return 0;
		j++;
		/* 昭和59年（1984年）10月7日: the western year in brackets after 年 */
		if (j + 7 < t->n && t->cp[j] == '(' && pii__is_digit(t->cp[j + 1]) &&
		    pii__is_digit(t->cp[j + 2]) && pii__is_digit(t->cp[j + 3]) &&
		    pii__is_digit(t->cp[j + 4]) && t->cp[j + 5] == 0x5E74 && t->cp[j + 6] == ')') {
			size_t r = j + 7;
			if (read_month_day(t, &r, 0x5E74))
				return r;
		}
		return read_month_day(t, &j, 0x5E74) ? j : 0;
	}
	/* 昭60.3.3, 平2年4月1日: an era written with its first kanji (not after
	 * another kanji: 太平2.4 is no date) */
	uint32_t c0 = t->cp[i];
	if ((c0 == 0x660E /* 明 */ || c0 == 0x5927 /* 大 */ || c0 == 0x662D /* 昭 */ ||
	     c0 == 0x5E73 /* 平 */ || c0 == 0x4EE4 /* 令 */) &&
	    (i == 0 || !pii__is_kanji(t->cp[i - 1])) && i + 1 < t->n && pii__is_digit(t->cp[i + 1])) {
		j = i + 1;
		if (!read_num(t, &j, 2, &y) || j >= t->n)
			return 0;
		uint32_t sep = t->cp[j];
		if (sep != '.' && sep != '/' && sep != '-' && sep != 0x5E74)
			return 0;
		j++;
		return read_month_day(t, &j, sep) ? j : 0;
	}
	uint32_t c = t->cp[i];
	if (pii__is_upper(c) && (i == 0 || !pii__is_alnum(t->cp[i - 1]))) {
		size_t e = month_first_date(t, i);
		if (e)
			return e;
	}
	if (c == 'M' || c == 'T' || c == 'S' || c == 'H' || c == 'R') {
		if (i > 0 && pii__is_alnum(t->cp[i - 1]))
			return 0;
		j = i + 1;
		/* S.60.3.3: a dot after the era's letter */
		if (j + 1 < t->n && t->cp[j] == '.' && pii__is_digit(t->cp[j + 1]))
			j++;
		if (!read_num(t, &j, 2, &y) || j >= t->n)
			return 0;
		uint32_t sep = t->cp[j];
		/* S60年3月3日: the era's letter with the kanji units */
		if (sep != '.' && sep != '/' && sep != '-' && sep != 0x5E74 /* 年 */)
			return 0;
		j++;
		return read_month_day(t, &j, sep) ? j : 0;
	}
	if (pii__is_digit(c)) {
		if (i > 0 && (pii__is_alnum(t->cp[i - 1]) || t->cp[i - 1] == '-'))
			return 0;
		if (month_day && read_num(t, &j, 2, &y) && j < t->n && t->cp[j] == 0x6708 /* 月 */) {
			/* 12月25日: a birthday without the year (only after 誕生日 etc.) */
			j = i;
			return read_month_day(t, &j, 0x5E74) ? j : 0;
		}
		j = i;
		size_t e2 = day_first_date(t, i);
		if (e2)
			return e2;
		if (!read_num(t, &j, 4, &y) || j - i != 4 || y < 1868 || y > 2100 || j >= t->n)
			return 0;
		uint32_t sep = t->cp[j];
		/* 1984（昭和59）年10月7日: the era's year in brackets between the
		 * western year and its 年 */
		if (sep == '(') {
			size_t q = j + 1, ek = pii__match_any(t, q, eras);
			unsigned ey;
			if (!ek)
				return 0;
			q += ek;
			if (q < t->n && t->cp[q] == 0x5143 /* 元 */)
				q++;
			else if (!read_num(t, &q, 2, &ey))
				return 0;
			if (q + 1 >= t->n || t->cp[q] != ')' || t->cp[q + 1] != 0x5E74 /* 年 */)
				return 0;
			j = q + 2;
			return read_month_day(t, &j, 0x5E74) ? j : 0;
		}
		if (sep != 0x5E74 && sep != '/' && sep != '-' && sep != '.')
			return 0;
		j++;
		/* 1990年（平成2年）4月1日: the era's year in brackets after 年 */
		if (sep == 0x5E74 && j + 1 < t->n && t->cp[j] == '(') {
			size_t q = j + 1, ek = pii__match_any(t, q, eras);
			unsigned ey;
			if (ek) {
				q += ek;
				if (q < t->n && t->cp[q] == 0x5143 /* 元 */)
					q++;
				else if (!read_num(t, &q, 2, &ey))
					ek = 0;
				if (ek && q + 1 < t->n && t->cp[q] == 0x5E74 && t->cp[q + 1] == ')') {
					size_t r = q + 2;
					if (read_month_day(t, &r, 0x5E74))
						return r;
				}
			}
		}
		return read_month_day(t, &j, sep) ? j : 0;
	}
	/* 一九七八年五月二十日: a year of four kanji digits */
	if (kanji_digit(c) >= 1 && (i == 0 || (kanji_digit(t->cp[i - 1]) < 0 &&
					       t->cp[i - 1] != 0x5341))) {
		j = i;
		if (!read_kanji_num(t, &j, 4, &y) || j - i != 4 || y < 1868 || y > 2100 ||
		    j >= t->n || t->cp[j] != 0x5E74)
			return 0;
		j++;
		return read_month_day(t, &j, 0x5E74) ? j : 0;
	}
	return 0;
}

static const char *const birth_before[] = {"生年月日", "誕生日", "DOB", "dob", "Dob", "出生日", "生年",
					   "生まれた日", "生まれ日", "生まれは", "生まれたのは",
					   /* a birth notice's field (出生届: 生まれたとき,
					    * batches 194-201) */
					   "生まれたとき", "Date of birth",
					   "Date of Birth", "date of birth", "DATE OF BIRTH",
					   "Birth date", "Birthdate", "Birthday", "birthday", "born",
					   "Born", "D.O.B",
					   /* in Chinese (thirteenth round (b)) */
					   "出生日期", "出生于",
					   /* a form's labels in hiragana, as a hand-written
					    * form is copied (せいねんがっぴ S52.10.3;
					    * batches 578-593) */
					   "せいねんがっぴ", "うまれたひ", NULL};
/* Labels in Latin letters longer than the window of the others (Date of
 * birth: …), in English and (thirteenth round (b)) in the languages of
 * foreign residents: Vietnamese (sinh ngày, ngày sinh), Portuguese (Data
 * de nascimento, nascido em), Spanish (fecha de nacimiento), Tagalog
 * (petsa ng kapanganakan, ipinanganak). */
static const char *const birth_before_en[] = {
	"Date of birth", "Date of Birth", "date of birth", "DATE OF BIRTH", "sinh ngày",
	"Sinh ngày", "ngày sinh", "Ngày sinh", "nascimento", "Nascimento", "nascido em",
	"nascida em", "nacimiento", "Nacimiento", "kapanganakan", "Kapanganakan", "ipinanganak",
	"Ipinanganak",
	/* Ele nasceu em 12/05/2018, nació el…, 생년월일 1990.04.01
	 * (sixteenth round (b)) */
	"nasceu em", "nasceu no dia", "nació el", "nacio el", "생년월일", NULL};
static const char *const birth_after[] = {"生まれ", "生", "産まれ", NULL};
static const char *const range_words[] = {"～", "〜", "~", "から", NULL};
static const char *const criteria_words[] = {"～", "〜", "~", "以降", "以前", "以後", "までに", "までの", "から",
					     "の方", "の子", "の人", "の者", "は対象", "が対象", "対象",
					     NULL};

/* A date given as the correction of a birth date named before it in the
 * sentence (生年月日の入力誤りが原因（正しくは 1968年3月30日）; batch 351):
 * 正しくは or 訂正後 right before the date, a birth label within
 * BIRTH_CORRECTED code points before that. */
#define BIRTH_CORRECTED 24
static int corrected_birth(const struct pii__text *t, size_t i)
{
	static const char *const corrections[] = {"正しくは", "訂正後", NULL};
	size_t p = i;
	while (p > 0 && i - p < 2 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':'))
		p--;
	size_t m = pii__ends_with(t, p > 4 ? p - 4 : 0, p, corrections);
	if (!m)
		return 0;
	if (pii__find_before(t, p - m, BIRTH_CORRECTED, birth_before, NULL) >= 0)
		return 1;
	/* or in the sentence before, when 正しくは opens its own (生年月日欄を
	 * 誤って記入しました。正しくは昭和47年12月3日です; session 18) */
	size_t q = p - m;
	return q > 0 && t->cp[q - 1] == 0x3002 /* 。 */ &&
	       pii__find_before(t, q - 1, BIRTH_CORRECTED, birth_before, NULL) >= 0;
}

size_t pii__compact_date_end(const struct pii__text *t, size_t i)
{
	if (i + 8 > t->n || (i > 0 && (pii__is_alnum(t->cp[i - 1]) || t->cp[i - 1] == '-')) ||
	    (i + 8 < t->n && (pii__is_alnum(t->cp[i + 8]) || t->cp[i + 8] == '-')))
		return 0;
	unsigned v[8];
	for (size_t k = 0; k < 8; k++) {
		if (!pii__is_digit(t->cp[i + k]))
			return 0;
		v[k] = t->cp[i + k] - '0';
	}
	unsigned y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5],
		 d = v[6] * 10 + v[7];
	return y >= 1880 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31 ? i + 8 : 0;
}

size_t pii__date_end(const struct pii__text *t, size_t i)
{
	return date_at(t, i, 0);
}

static int criteria_at(const struct pii__text *t, size_t k)
{
	while (k < t->n && t->cp[k] == ' ')
		k++;
	if (pii__match_any(t, k, criteria_words))
		return 1;
	/* 生まれた方, 生まれた子 */
	return pii__match(t, k, "た方") || pii__match(t, k, "た子") || pii__match(t, k, "た人") ||
	       pii__match(t, k, "た者") || pii__match(t, k, "に生まれ") || pii__match(t, k, "までに");
}

/* 生年月日 2004/09/30 の方です: の方 and a copula say who one person is
 * (the one born that day), not whom a rule is for (…以降に生まれた方が
 * 対象, …の方は申請できます; twenty-fifth round (d)). */
static int one_person_at(const struct pii__text *t, size_t k)
{
	static const char *const copulas[] = {"の方です", "の方でした", "の方だ", "の方でして", NULL};
	while (k < t->n && t->cp[k] == ' ')
		k++;
	return pii__match_any(t, k, copulas) != 0;
}

/* Tables whose cells are separated by spaces or tabs, the header first on
 * the same line (No 氏名 生年月日 / 1 須藤 陽菜 2015.04.03): the dates after
 * the header fill its date columns (生年月日, …日, 期限, 年月) in turn, so the
 * date at i is a birth date when its turn is the 生年月日 column's. CSV
 * headers (commas) are read by pii_table.c. */
#define TABLE_LINE_MAX 240 /* code points searched back for the header */

static int header_sep(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '|' || c == '/' || c == ':';
}

static int spaced_table_birth(const struct pii__text *t, size_t i)
{
	size_t ls = i;
	while (ls > 0 && t->cp[ls - 1] != '\n' && i - ls < TABLE_LINE_MAX)
		ls--;
	/* the header: from the line start to the first digit */
	size_t he = ls;
	while (he < i && !pii__is_digit(t->cp[he]))
		he++;
	int birth_col = -1, ncols = 0, cells = 0;
	for (size_t k = ls; k < he;) {
		/* a field label (申請者：…) or a clause (、) is no header */
		if (t->cp[k] == ',' || pii__is_boundary(t->cp[k]) || t->cp[k] == ':' ||
		    t->cp[k] == 0x3001)
			return 0;
		if (header_sep(t->cp[k])) {
			k++;
			continue;
		}
		size_t e = k;
		while (e < he && !header_sep(t->cp[e]) && t->cp[e] != ',' && !pii__is_boundary(t->cp[e]))
			e++;
		size_t n = e - k;
		cells++;
		if (n == 4 && pii__match(t, k, "生年月日"))
			birth_col = ncols++;
		else if (n >= 2 && n <= 8 &&
			 (t->cp[e - 1] == 0x65E5 /* 日 */ || (n >= 2 && pii__match(t, e - 2, "期限")) ||
			  (n >= 2 && pii__match(t, e - 2, "年月"))))
			ncols++;
		k = e;
	}
	/* a header has two cells at least: 生年月日 alone is a field
	 * (生年月日 1991年3月2日　退職日 令和7年11月30日) */
	if (birth_col < 0 || cells < 2)
		return 0;
	/* the dates between the header and i */
	int turn = 0;
	for (size_t k = he; k < i; k++) {
		if (pii__is_boundary(t->cp[k]) || t->cp[k] == ',')
			return 0;
		/* a day's label between the dates (… 生年月日 平成元年7月21日
		 * 転出予定日 令和8年12月20日): fields of a form written on one
		 * line, not a table's row (blind batches 1184-1199) */
		if (t->cp[k] == 0x65E5 /* 日 */ && k > he && pii__is_kanji(t->cp[k - 1]) &&
		    k + 1 < t->n && (t->cp[k + 1] == ' ' || t->cp[k + 1] == ':'))
			return 0;
		size_t e = (pii__is_digit(t->cp[k]) || pii__is_upper(t->cp[k]) || pii__is_kanji(t->cp[k])) &&
				   (k == he || !pii__is_alnum(t->cp[k - 1]))
			       ? date_at(t, k, 0)
			       : 0;
		if (e) {
			turn++;
			k = e - 1;
		}
	}
	return turn % ncols == birth_col;
}

/* Does a full date [i, e) stand as a field of its own: a line's, a
 * cell's or a clause's end, a space, or です after it? */
static int date_field_end(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	uint32_t a = t->cp[e];
	/* July 9, 2023. Ang…: an English sentence's full stop (fourteenth
	 * round (b)) */
	if (a == '.' && (e + 1 >= t->n || t->cp[e + 1] == ' ' || t->cp[e + 1] == '\n'))
		return 1;
	return a == '\n' || a == '\r' || a == ' ' || a == ',' || a == 0x3001 /* 、 */ ||
	       a == 0x3002 /* 。 */ || pii__match(t, e, "です") != 0;
}

/* A resident's line: the sex (女, 男性) or the nationality (韓国籍, ベトナム
 * 国籍, フィリピン籍) as a word of its own right before a full date (…（すずき
 * あやか） 女 1996年9月18日, …（パク ソンホ）韓国籍 1990.1.15; twelfth round
 * (b)). 除籍, 入籍, 本籍 name other events and are not read. */
static int sex_or_nationality_before(const struct pii__text *t, size_t i)
{
	size_t p = i;
	while (p > 0 && t->cp[p - 1] == ' ')
		p--;
	if (p == i || p == 0)
		return 0;
	size_t w = p;
	while (w > 0 && (pii__is_kanji(t->cp[w - 1]) || pii__is_kata(t->cp[w - 1])) && p - w < 10)
		w--;
	if (w == p || (w > 0 && t->cp[w - 1] != ' ' && t->cp[w - 1] != ')' && t->cp[w - 1] != ',' &&
		       t->cp[w - 1] != '\n'))
		return 0;
	size_t n = p - w;
	if ((n == 1 && (t->cp[w] == 0x7537 /* 男 */ || t->cp[w] == 0x5973 /* 女 */)) ||
	    (n == 2 && (pii__match(t, w, "男性") || pii__match(t, w, "女性"))))
		return 1;
	if (t->cp[p - 1] != 0x7C4D /* 籍 */ || n < 2)
		return 0;
	return (n >= 3 && t->cp[p - 2] == 0x56FD /* 国 */) || pii__is_kata(t->cp[p - 2]);
}

/* A register of foreign residents without its header (PERERA<TAB>Kasun
 * Chaminda<TAB>LKA<TAB>1992-09-14<TAB>…): the date right after a cell of
 * three capitals (the nationality as a passport prints it), in a row that
 * opens with a surname in capitals, is the holder's birth date
 * (twenty-eighth round (c)). A date after such a code in a row opening
 * with anything else (a place, a number) is not read. */
static int nationality_code_before(const struct pii__text *t, size_t i)
{
	if (i < 6 || !cell_separator(t, i - 1) || !cell_separator(t, i - 5))
		return 0;
	for (size_t q = i - 4; q < i - 1; q++)
		if (!pii__is_upper(t->cp[q]))
			return 0;
	size_t ls = i - 5;
	while (ls > 0 && t->cp[ls - 1] != '\n')
		ls--;
	size_t q = ls;
	while (q < i - 5 && pii__is_upper(t->cp[q]))
		q++;
	return q - ls >= 2 && cell_separator(t, q);
}

/* A record of one value a line (張 偉⏎男⏎1998年10月5日⏎中国): the date
 * fills its line and the line above gives the sex alone (sixteenth round
 * (b)). */
static int sex_line_before(const struct pii__text *t, size_t i, size_t e)
{
	if (i < 3 || t->cp[i - 1] != '\n' || (e < t->n && t->cp[e] != '\n' && t->cp[e] != '\r'))
		return 0;
	size_t p = i - 1, w = p;
	while (w > 0 && t->cp[w - 1] != '\n' && p - w < 3)
		w--;
	if (w > 0 && t->cp[w - 1] != '\n')
		return 0;
	size_t n = p - w;
	return (n == 1 && (t->cp[w] == 0x7537 /* 男 */ || t->cp[w] == 0x5973 /* 女 */)) ||
	       (n == 2 && (pii__match(t, w, "男性") || pii__match(t, w, "女性")));
}

/* A full date alone in brackets right after a child's age (9さい（2016/05/08）,
 * 5歳（令和2年4月1日）): the age and its birth date (sixteenth round (b)). */
static int age_before_bracket(const struct pii__text *t, size_t i, size_t e)
{
	if (i < 3 || t->cp[i - 1] != '(' || e >= t->n || t->cp[e] != ')')
		return 0;
	size_t p = i - 1;
	if (t->cp[p - 1] == 0x6B73 /* 歳 */ || t->cp[p - 1] == 0x624D /* 才 */)
		p--;
	else if (p >= 3 && pii__match(t, p - 2, "さい"))
		p -= 2;
	else
		return 0;
	return p > 0 && pii__is_digit(t->cp[p - 1]);
}

/* A date cell right after a cell holding a full name's reading in
 * katakana (陳 偉,チン イ,1985/03/22,…): a register's name, reading and
 * birth, with or without a header (twelfth round (b)). The date must be
 * a whole cell. */
static int date_after_reading_cell(const struct pii__text *t, size_t i, size_t e)
{
	if (i < 4 || !row_cell_end(t, i - 1) ||
	    (e < t->n && t->cp[e] != '\n' && t->cp[e] != '\r' && !row_cell_end(t, e)))
		return 0;
	/* the reading is all katakana or, on a school's or a nursery's list,
	 * all hiragana (岡村 琴音,おかむら ことね,令和元年5月30日; sixteenth
	 * round (b)), never the two mixed */
	size_t q = i - 1, spaces = 0, kata = 0, hira = 0;
	while (q > 0 && !row_cell_end(t, q - 1) && t->cp[q - 1] != '\n' && i - q < 24) {
		uint32_t ch = t->cp[q - 1];
		if (ch == ' ')
			spaces++;
		else if (pii__is_kata(ch))
			kata++;
		else if (pii__is_hira(ch))
			hira++;
		else
			return 0;
		q--;
	}
	if (kata && hira)
		return 0;
	kata += hira;
	if (!(spaces >= 1 && spaces <= 3 && kata >= 3 && t->cp[q] != ' ' && t->cp[i - 2] != ' ') ||
	    q < 4 || !row_cell_end(t, q - 1))
		return 0;
	/* the cell before is the name it reads: kanji or Latin letters in
	 * two parts (陳 偉, LIU YANG), not a room or a thing (会議室) */
	size_t r = q - 1, parts_space = 0, letters = 0;
	while (r > 0 && !row_cell_end(t, r - 1) && t->cp[r - 1] != '\n' && q - r < 16) {
		uint32_t ch = t->cp[r - 1];
		if (ch == ' ')
			parts_space++;
		else if (pii__is_kanji(ch) || pii__is_alpha(ch))
			letters++;
		else
			return 0;
		r--;
	}
	return parts_space >= 1 && parts_space <= 2 && letters >= 2 && t->cp[r] != ' ' &&
	       t->cp[q - 2] != ' ';
}

/* Questions that ask for a birth date in a chat or an interview. */
static const char *const birth_question[] = {"生年月日", "誕生日", "date of birth", "Date of birth",
					     "birth date", "Birth date", "birthday", "Birthday", NULL};

/* A date that answers, at the start of the next line (after its speaker),
 * a line that asks for a birth date (…生年月日を教えてください / 相談者：
 * 1990.8.21です; twelfth round (b)). The asking line ends with a question
 * or a request. */
static int birth_answer(const struct pii__text *t, size_t i)
{
	size_t ls = i;
	while (ls > 0 && t->cp[ls - 1] != '\n' && i - ls < 40)
		ls--;
	if (ls == 0 || t->cp[ls - 1] != '\n')
		return 0;
	/* the answer opens its line or follows the speaker's label and a
	 * name at most (相談者：, REYES, Angelica：Miguel、) */
	size_t colon = SIZE_MAX;
	for (size_t q = ls; q < i; q++)
		if (t->cp[q] == ':' || (q == ls + 1 && t->cp[q] == '.' && pii__is_upper(t->cp[ls])))
			colon = q; /* 相談者：, or A. of a Q&A */
	if (colon == SIZE_MAX && i != ls)
		return 0;
	/* a name at most between the label and the date, not a sentence
	 * (Guest: I will bring it on May 5, 2026) */
	size_t words = 0;
	for (size_t q = colon == SIZE_MAX ? i : colon + 2; q + 1 < i; q++)
		words += t->cp[q] == ' ';
	if (words > 2)
		return 0;
	size_t pe = ls - 1, ps = pe;
	while (ps > 0 && t->cp[ps - 1] != '\n' && pe - ps < 80)
		ps--;
	if (pe - ps < 4)
		return 0;
	int asks = 0;
	for (size_t q = ps; q < pe && !asks; q++)
		asks = pii__match_any(t, q, birth_question) != 0;
	if (!asks)
		return 0;
	size_t e = pe;
	while (e > ps && (t->cp[e - 1] == ' ' || t->cp[e - 1] == 0x3002 /* 。 */))
		e--;
	if (e - ps < 4)
		return 0;
	/* …Date of birth please. (an English request; sixteenth round (b)) */
	if (e - ps >= 7 && (pii__match(t, e - 7, "please.") || pii__match(t, e - 6, "please")))
		return 1;
	return t->cp[e - 1] == '?' || pii__match(t, e - 4, "ください") || pii__match(t, e - 3, "します") ||
	       pii__match(t, e - 3, "ますか") || pii__match(t, e - 3, "ですか");
}

/* A date that confirms, on the next speaker's line, the birth date just
 * given (相談者：March 3, 1976\n職員：昭和51年3月3日ですね。; fourteenth round
 * (b)): it opens its line after the speaker's label, ですね or ですか
 * follows it, and the line above holds a birth date already read. */
static int birth_confirmed(const struct pii__text *t, const struct pii__cands *c, size_t i,
			   size_t e)
{
	if (!pii__match(t, e, "ですね") && !pii__match(t, e, "ですか") &&
	    !pii__match(t, e, "でよろしい"))
		return 0;
	size_t ls = i;
	while (ls > 0 && t->cp[ls - 1] != '\n' && i - ls < 16)
		ls--;
	if (ls == 0 || t->cp[ls - 1] != '\n')
		return 0;
	size_t q = i;
	while (q > ls && t->cp[q - 1] == ' ')
		q--;
	if (q == ls || t->cp[q - 1] != ':')
		return 0;
	size_t pe = ls - 1, ps = pe;
	while (ps > 0 && t->cp[ps - 1] != '\n' && pe - ps < 120)
		ps--;
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_DATE_OF_BIRTH && c->v[k].start >= ps && c->v[k].end <= pe)
			return 1;
	return 0;
}

/* 劉 子涵 / 長女 / 2018年9月4日: a household's member written as fields
 * parted by slashes, the relation right before the date (twentieth round
 * (b)). The date at i, which must end its line. Not 本人 nor 世帯主: who
 * filed a form on a day is written so too (届出人 / 本人 / 令和8年…). */
static const char *const slash_relations[] = {"長男", "長女", "次男", "次女", "三男", "三女",
					      "妻", "夫", "子", "孫", NULL};

static int relation_field_before(const struct pii__text *t, size_t i, size_t e)
{
	if (e < t->n && t->cp[e] != '\n' && t->cp[e] != '\r')
		return 0;
	size_t q = i;
	while (q > 0 && i - q < 2 && t->cp[q - 1] == ' ')
		q--;
	if (q == 0 || t->cp[q - 1] != '/')
		return 0;
	q--;
	while (q > 0 && t->cp[q - 1] == ' ')
		q--;
	size_t m = pii__ends_with(t, q >= 3 ? q - 3 : 0, q, slash_relations);
	if (!m)
		return 0;
	/* the relation is a field of its own: a slash before it too */
	size_t p = q - m;
	while (p > 0 && t->cp[p - 1] == ' ')
		p--;
	return p > 0 && t->cp[p - 1] == '/';
}

/* Only a slash or a middle dot, with spaces around it, in [a, b). */
static int slash_after(const struct pii__text *t, size_t a, size_t b)
{
	int marks = 0;
	for (size_t q = a; q < b; q++) {
		if (t->cp[q] == '/' || t->cp[q] == 0x30FB /* ・ */)
			marks++;
		else if (t->cp[q] != ' ')
			return 0;
	}
	return marks == 1 && b - a <= 4;
}

/* 昭和6年3月2日生（旧暦1月14日）: the same birthday in the lunar
 * calendar, in brackets right after the birth date (or its 生), as older
 * residents of Okinawa keep it (batches 402-405): a birth date too. The
 * bracket at e; the lunar date's end, or 0. */
static size_t lunar_birth_after(const struct pii__text *t, size_t e)
{
	if (e + 6 >= t->n || t->cp[e] != '(' || !pii__match(t, e + 1, "旧暦") ||
	    !pii__is_digit(t->cp[e + 3]))
		return 0;
	size_t d = date_at(t, e + 3, 1);
	return d && d < t->n && t->cp[d] == ')' ? d : 0;
}

/* 届出日：令和8年11月30日（出生から3か月以内…）: the date is the value of a
 * label naming another day (届出日, 受付日, 申請日), whatever birth the
 * words after it speak of. A colon right before the date, 日 before it. */
static int day_label_before(const struct pii__text *t, size_t i)
{
	size_t p = i;
	while (p > 0 && i - p < 2 && t->cp[p - 1] == ' ')
		p--;
	return p >= 3 && t->cp[p - 1] == ':' && t->cp[p - 2] == 0x65E5 /* 日 */ &&
	       pii__is_kanji(t->cp[p - 3]);
}

/* After 出生 at k: 日 or nothing, then の, から or より: the birth named
 * as the day a deadline counts from (出生日の翌日から, 出生から14日以内),
 * not said to have happened on the date before it. */
static int birth_as_reference(const struct pii__text *t, size_t k)
{
	if (pii__match(t, k, "日"))
		k++;
	return pii__match(t, k, "の") || pii__match(t, k, "から") || pii__match(t, k, "より");
}

/* 住民票コード 27384019562 と 27384019570, 生年月日、昭和10年3月5日と昭和10年
 * 5月3日の2つが混在: a value of a fixed shape joined by と to another of the
 * same shape right after it gives it its type (the label named one, the
 * sentence both; session 18). Numbers in one piece of as many digits;
 * dates as date_at() reads them. */
void pii__values_joined(const struct pii__text *t, struct pii__cands *c)
{
	if (!pii__may_have(t, 0x3068 /* と */))
		return;
	size_t n = c->n;
	struct pii__overlaps taken;
	pii__overlaps_init(&taken, c, SIZE_MAX, -1.0);
	for (size_t k = 0; k < n; k++) {
		const struct pii_span v = c->v[k];
		int date = v.type == PII_DATE_OF_BIRTH;
		if (!date && v.type != PII_JP_RESIDENT_CODE && v.type != PII_JP_MY_NUMBER &&
		    v.type != PII_JP_DRIVERS_LICENSE && v.type != PII_JP_BASIC_PENSION_NUMBER)
			continue;
		size_t q = v.end;
		if (q < t->n && t->cp[q] == ' ')
			q++;
		if (q + 1 >= t->n || t->cp[q] != 0x3068 /* と */)
			continue;
		q++;
		if (q < t->n && t->cp[q] == ' ')
			q++;
		size_t e = 0;
		if (date) {
			e = q < t->n ? date_at(t, q, 0) : 0;
		} else if (pii__all_digits(t, v.start, v.end)) {
			e = q;
			while (e < t->n && pii__is_digit(t->cp[e]))
				e++;
			if (e - q != v.end - v.start || (e < t->n && (pii__is_alnum(t->cp[e]) ||
								  t->cp[e] == '-')))
				e = 0;
		}
		if (e && !pii__overlaps_any(&taken, q, e))
			pii__cand_add(c, t, q, e, v.type, 0.85);
	}
	pii__overlaps_release(&taken);
}

void pii__detect_dates(const struct pii__text *t, struct pii__cands *c)
{
	size_t prev_birth_end = 0; /* where the last birth date read ends */
	/* every date has a digit, the 年 of a year in kanji or an era's
	 * initial (H2.4.1): without one, date_at() finds nothing */
	if (!pii__may_have_digit(t) && !pii__may_have(t, 0x5E74 /* 年 */) && !pii__may_have_alpha(t))
		return;
	for (size_t i = 0; i < t->n; i++) {
		uint32_t ch = t->cp[i];
		/* a date starts with a digit, an era's initial (M T S H R), an
		 * era's first kanji or a kanji digit: most code points are none */
		if (!pii__is_digit(ch) && !pii__is_upper(ch) &&
		    /* the eras' kanji and the kanji digits lie in 一 (U+4E00) .. 昭 (U+662D) */
		    (ch < 0x4E00 || ch > 0x662D ||
		     (ch != 0x660E /* 明 */ && ch != 0x5927 /* 大 */ && ch != 0x662D /* 昭 */ &&
		      ch != 0x5E73 /* 平 */ && ch != 0x4EE4 /* 令 */ && kanji_digit(ch) < 1)))
			continue;
		/* a digit inside a number or a word (after a letter, a digit or
		 * '-'): date_at() answers 0 there, with or without month_day */
		int inside = pii__is_digit(ch) && i > 0 &&
			     (pii__is_alnum(t->cp[i - 1]) || t->cp[i - 1] == '-');
		size_t e = inside ? 0 : date_at(t, i, 0);
		/* 生年月日：19850303, （19850303生）: a compact date after a birth
		 * label, before 生 or under a 生年月日 header of spaces only */
		if (!e && pii__is_digit(ch) && i + 8 <= t->n && pii__is_digit(t->cp[i + 7]) &&
		    (i == 0 || !pii__is_digit(t->cp[i - 1])) && (e = pii__compact_date_end(t, i)) != 0 &&
		    pii__find_before(t, i, 12, birth_before, NULL) < 0 &&
		    !(e < t->n && t->cp[e] == 0x751F /* 生 */) && !spaced_table_birth(t, i))
			e = 0;
		if (!e && !inside && pii__is_digit(ch) && i + 1 < t->n &&
		    (t->cp[i + 1] == 0x6708 /* 月 */ ||
		     (i + 2 < t->n && pii__is_digit(t->cp[i + 1]) && t->cp[i + 2] == 0x6708)) &&
		    pii__find_before(t, i, 12, birth_before, NULL) >= 0)
			e = date_at(t, i, 1); /* 誕生日：12月25日 */
		if (!e)
			continue;
		int birth = pii__find_before(t, i, 12, birth_before, NULL) >= 0 ||
			    (i >= 4 /* 생년월일 */ &&
			     /* date of birth is 3 March 1996: a verb between
			      * (sixteenth round (b)) */
			     pii__find_before(t, i, 22, birth_before_en, NULL) >= 0);
		if (!birth && e - i >= 6 && corrected_birth(t, i))
			birth = 1;
		/* 生日 2003年8月12日, 生日：…: the Chinese word as a label of its
		 * own right before the date (not 発生日, 出生日 is above;
		 * fifteenth round (b)) */
		if (!birth) {
			size_t p = i;
			while (p > 0 && i - p < 3 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':'))
				p--;
			birth = p >= 2 && pii__match(t, p - 2, "生日") &&
				(p == 2 || !pii__is_kanji(t->cp[p - 3]));
		}
		size_t after_birth = e; /* where a rule word would follow */
		/* 大正15年5月20日（旧暦4月9日）生: the lunar date may stand
		 * before the 生 too */
		size_t lunar = lunar_birth_after(t, e);
		{
			size_t k = lunar ? lunar : e;
			while (k < t->n && (t->cp[k] == ' ' || t->cp[k] == ')'))
				k++;
			for (size_t w = 0; birth_after[w]; w++) {
				size_t m = pii__match(t, k, birth_after[w]);
				/* 生 as in 生まれ/生), not 生活 or 生徒 */
				if (m && (k + m >= t->n || !pii__is_kanji(t->cp[k + m]))) {
					birth = 1;
					after_birth = k + m;
					break;
				}
			}
		}
		/* 1990年4月1日（34歳）, 1948/2/3（満76歳）: a full date followed
		 * by an age in brackets is a birth date (ninth round; not
		 * …（火）, a weekday) */
		if (!birth && e + 3 < t->n && t->cp[e] == '(') {
			size_t q = e + 1;
			if (t->cp[q] == 0x6E80 /* 満 */)
				q++;
			size_t d = q;
			while (q < t->n && pii__is_digit(t->cp[q]) && q - d < 3)
				q++;
			if (q > d && q + 1 < t->n && t->cp[q] == 0x6B73 /* 歳 */ && t->cp[q + 1] == ')' &&
			    e - i >= 6)
				birth = 1;
		}
		/* 第3子出生 令和7年10月30日, 出生：…: 出生 as the date's label,
		 * right before it (出生届 or 出生証明 before a date is a filing) */
		if (!birth) {
			size_t p = i;
			while (p > 0 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':'))
				p--;
			if (p >= 2 && (pii__match(t, p - 2, "出生") || pii__match(t, p - 2, "誕生")))
				birth = 1;
			/* 生まれ：2024年3月3日 (a label: its colon or space) */
			if (p < i && p >= 3 && pii__match(t, p - 3, "生まれ"))
				birth = 1;
		}
		/* …日にみどり市内の病院で出生, …午前3時15分に出生 (not 出生届) */
		if (!birth) {
			for (size_t k = e; k < t->n && k < e + 20; k++) {
				if (pii__is_boundary(t->cp[k]) || t->cp[k] == 0x3001)
					break;
				/* not 出生の日から3か月以内, （出生日の翌日から15日
				 * 以内）, 出生から14日: the birth named as a
				 * reference for the date's deadline (batch 416) */
				if (pii__match(t, k, "出生") && !pii__match(t, k, "出生届") &&
				    !day_label_before(t, i) &&
				    !pii__match(t, k, "出生証明") && !pii__match(t, k, "出生の") &&
				    !birth_as_reference(t, k + 2)) {
					birth = 1;
					break;
				}
			}
		}
		/* …日に生まれました, …日に市内の病院で生まれました (session 22's
		 * read files): the clause's verb says one child was born that
		 * day; …に生まれた方 is a rule's (criteria_at() below, read
		 * after the verb) */
		int born_event = 0;
		if (!birth && e - i >= 6) {
			for (size_t k = e; k < t->n && k < e + 20; k++) {
				if (pii__is_boundary(t->cp[k]) || t->cp[k] == 0x3001)
					break;
				size_t m = pii__match(t, k, "生まれ");
				if (!m)
					m = pii__match(t, k, "産まれ");
				if (m && (pii__match(t, k + m, "ました") || pii__match(t, k + m, "ます") ||
					  pii__match(t, k + m, "た。") || pii__match(t, k + m, "たばかり") ||
					  pii__match(t, k + m, "ています"))) {
					birth = born_event = 1;
					after_birth = k + m + 1;
					break;
				}
			}
		}
		if (!birth && e - i >= 6 && age_before_bracket(t, i, e))
			birth = 1;
		if (!birth && spaced_table_birth(t, i))
			birth = 1;
		/* 生年月日⏎S18.2.11: the label alone on the line above
		 * (seventeenth round (b)) */
		if (!birth && e - i >= 6 && pii__label_line_before(t, i, e, birth_before, NULL) >= 0)
			birth = 1;
		if (!birth && e - i >= 6 && c->n && birth_confirmed(t, c, i, e))
			birth = 1;
		/* 生年月日：1986年8月3日 / 1989年1月25日: the birth dates of two
		 * persons on one line, the second right after the first and a
		 * slash or a middle dot (twentieth round (b)) */
		if (!birth && e - i >= 6 && prev_birth_end && slash_after(t, prev_birth_end, i))
			birth = 1;
		/* 生年月日：1952年5月1日、1955年2月14日: the same list written with
		 * 、 glued between the two dates; the second closes the line or
		 * the list, so a date of an event after a clause's 、 (…日、
		 * 2026年4月1日に転入) is not taken */
		if (!birth && e - i >= 6 && prev_birth_end && prev_birth_end + 1 == i &&
		    t->cp[prev_birth_end] == 0x3001 /* 、 */ &&
		    (e >= t->n || t->cp[e] == '\n' || t->cp[e] == '\r' || t->cp[e] == 0x3001))
			birth = 1;
		if (!birth && e - i >= 6 && i > 2 && relation_field_before(t, i, e))
			birth = 1;
		if (!birth && e - i >= 6 && date_field_end(t, e) &&
		    (sex_or_nationality_before(t, i) || nationality_code_before(t, i) ||
		     sex_line_before(t, i, e) || birth_answer(t, i) ||
		     date_after_reading_cell(t, i, e)))
			birth = 1;
		/* 令和6年4月2日以降に生まれた方, ...生まれの方が対象: a rule, not a
		 * person; the rule word follows the date or its 生まれ directly */
		if (birth && !one_person_at(t, after_birth) &&
		    ((!born_event && criteria_at(t, e)) || criteria_at(t, after_birth) ||
		     pii__find_before(t, i, 3, range_words, NULL) >= 0))
			birth = 0;
		if (birth) {
			pii__cand_add(c, t, i, e, PII_DATE_OF_BIRTH, 0.95);
			prev_birth_end = e;
			size_t lb = lunar ? e : after_birth;
			size_t le = lunar ? lunar : lunar_birth_after(t, lb);
			if (le) {
				pii__cand_add(c, t, lb + 3, le, PII_DATE_OF_BIRTH, 0.95);
				e = le;
			}
		}
		i = e - 1;
	}
}
