/* The "not personal" filter (issue 14, fifth round): one pass over the
 * candidates of pii_scan(), after the detectors and the layout rules and
 * before the organisation filter of pii_context.c, the allow-list and the
 * overlap resolution (pii.c).
 *
 * Most false alarms on look-alike text are the numbers of organisations,
 * not of persons. This pass drops a phone number, postal code, address or
 * e-mail address when the text's structure says it is an office's:
 *
 * - an organisational unit (…課, …係, …局, …室, …センター, …協議会,
 *   …担当, 株式会社…) stands shortly before it in the same sentence, the
 *   contact label and brackets aside (出入国在留管理局（電話 0570-…）,
 *   福祉総務課へ…（TEL …）), or ends the sentence before a sentence that is
 *   only the number (…係までお電話ください。電話 …), or an office's opening
 *   hours stand before it (受付時間 8:30～17:15 電話 …); an address or
 *   postal code only right after the unit;
 * - it is on a contact line (nothing before it but labels such as TEL,
 *   FAX, 〒 and other contacts) of a signature or letterhead block whose
 *   lines above name an organisation (子育て支援課\n担当 係長\nTEL …,
 *   株式会社…\n〒…);
 * - （代）, the office's switchboard, stands right before or after it, or an
 *   administrative unit in brackets follows it (…（財政課直通）);
 * - an e-mail address is a shared mailbox: its local part is a section or
 *   role (info@, kokuho@, soumu-ka@, bousai-fushimi@), or a label says so
 *   (共有アドレス, 代表メール);
 * - an account's holder (口座名義, or the rest of its table row) is an
 *   organisation (みどり市会計管理者, …義援金).
 *
 * It also drops PERSON candidates that cannot be persons: one holding an
 * organisation's word (京都市会計管理者 in a 口座名義 cell), a Latin name
 * ending in an organisation's or a brand's word (Diners Club), one code
 * point right after a number (1,902,980 通).
 *
 * A person named in between (a PERSON candidate, or a word such as 本人,
 * 自宅, 携帯, 様, さん, 申請者) keeps the value: a person's number right after
 * their name or 携帯/自宅 stays found. Mobile numbers are dropped only by
 * （代）, as pii_context.c does for units: a mobile after a section's name
 * is usually a person's own.
 *
 * Pure function of the folded text and the candidates; no state, so
 * thread-safe as the scanner that calls it.
 */
#include <stdlib.h>
#include <string.h>

#include "pii/pii_int.h"

/* Lines of a signature block looked at above a contact line, and their
 * longest length (a line of a letter's body is longer, or ends in 。). */
#define PUBLIC_BLOCK_LINES 6
#define PUBLIC_BLOCK_LINE_MAX 60
/* Code points before a value searched for an organisational unit, and
 * the most between the unit and the value's labels. */
#define PUBLIC_UNIT_WINDOW 48
#define PUBLIC_UNIT_GAP 12
/* Code points after a PERSON candidate searched for a company's word
 * glued to it (東北あおば損害保険株式会社). */
#define PUBLIC_COMPANY_AFTER 16
/* Code points before a value searched for a sample's marker (申請者欄（例）
 * 住所：… 電話：…). */
#define PUBLIC_SAMPLE_BEFORE 32

static int is_contact(enum pii_type ty)
{
	return ty == PII_PHONE || ty == PII_POSTAL_CODE || ty == PII_ADDRESS || ty == PII_EMAIL;
}

static int is_line_end(uint32_t c) { return c == '\n' || c == '\r'; }

/* 1 when the text holds no line end, so that every line is the whole
 * text (an FAQ answer, a chat message): the walks to a line's start or
 * end below are not needed there (seventh speed round). The text's cues
 * are exact for ASCII. */
static int one_line(const struct pii__text *t)
{
	return !pii__may_have(t, '\n') && !pii__may_have(t, '\r');
}

/* The start of the line holding p: after the last line end before p, or 0. */
static size_t start_of_line(const struct pii__text *t, size_t p)
{
	if (one_line(t))
		return 0;
	while (p > 0 && !is_line_end(t->cp[p - 1]))
		p--;
	return p;
}

/* The end of the line holding p: its line end, or t->n. */
static size_t end_of_line(const struct pii__text *t, size_t p)
{
	if (one_line(t))
		return t->n;
	if (!pii__may_have(t, '\r'))
		return pii__find_cp(t, p, '\n');
	while (p < t->n && !is_line_end(t->cp[p]))
		p++;
	return p;
}


/* One candidate of the list, k its place, at one of its bounds. */
struct public_ref {
	size_t at, k;
};

/* The candidates by their bounds and the text's line starts, built once
 * for the decisions of pii__public_filter()'s last loop: the questions
 * asked of every contact there (a PERSON ending in a window, a contact
 * ending or starting at a position, the start of a line) walked the whole
 * list or text, and a document of many lines cost the square of its
 * length. The decisions change only confidences, never a candidate's
 * bounds, type or place in the list, so the index stays true while they
 * run; a confidence is read when asked. Asked about another list (a
 * part's, in doc_parts_find()) or with no index, the helpers walk
 * the list as before. */
struct public_index {
	const struct pii__cands *c; /* the list indexed; NULL: none */
	struct public_ref *person;  /* PERSON candidates by end, then k */
	struct public_ref *by_end;  /* contacts by end, then k */
	struct public_ref *by_start; /* contacts by start, then k */
	struct public_ref *other;   /* all but PERSON candidates by start, then k */
	size_t *other_reach;        /* the furthest end of other[0..i] */
	struct public_ref *plain;   /* neither contacts nor PERSON by start, then k */
	size_t n_person, n_contact, n_other, n_plain;
	size_t *line; /* the starts of the text's lines, ascending; NULL: none */
	size_t n_line;
};

static int ref_less(const struct public_ref *a, const struct public_ref *b)
{
	return a->at < b->at || (a->at == b->at && a->k < b->k);
}

/* Sorts r[0..n) by at, then k. */
PII_DEFINE_RUNS_SORT(refs_sort, struct public_ref, ref_less)

/* The first of r[0..n) at at or after it. */
static size_t ref_lower(const struct public_ref *r, size_t n, size_t at)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r[mid].at < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ix when it indexes c, else NULL (walk c). */
static const struct public_index *index_of(const struct public_index *ix,
					   const struct pii__cands *c)
{
	return ix && ix->c == c ? ix : NULL;
}

static void public_index_build(struct public_index *ix, const struct pii__text *t,
			       const struct pii__cands *c)
{
	memset(ix, 0, sizeof(*ix));
	if (c->n < PII_INDEX_MIN)
		return;
	ix->c = c;
	ix->person = yk_xmalloc(c->n * sizeof(*ix->person));
	ix->by_end = yk_xmalloc(c->n * sizeof(*ix->by_end));
	ix->by_start = yk_xmalloc(c->n * sizeof(*ix->by_start));
	ix->other = yk_xmalloc(c->n * sizeof(*ix->other));
	ix->other_reach = yk_xmalloc(c->n * sizeof(*ix->other_reach));
	ix->plain = yk_xmalloc(c->n * sizeof(*ix->plain));
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type == PII_PERSON) {
			ix->person[ix->n_person++] = (struct public_ref){v->end, k};
			continue;
		}
		ix->other[ix->n_other++] = (struct public_ref){v->start, k};
		if (is_contact(v->type)) {
			ix->by_end[ix->n_contact] = (struct public_ref){v->end, k};
			ix->by_start[ix->n_contact++] = (struct public_ref){v->start, k};
		} else {
			ix->plain[ix->n_plain++] = (struct public_ref){v->start, k};
		}
	}
	refs_sort(ix->person, ix->n_person);
	refs_sort(ix->by_end, ix->n_contact);
	refs_sort(ix->by_start, ix->n_contact);
	refs_sort(ix->other, ix->n_other);
	refs_sort(ix->plain, ix->n_plain);
	for (size_t i = 0; i < ix->n_other; i++) {
		size_t e = c->v[ix->other[i].k].end;
		ix->other_reach[i] = i && ix->other_reach[i - 1] > e ? ix->other_reach[i - 1] : e;
	}
	if (one_line(t))
		return;
	size_t cap = 64;
	ix->line = yk_xmalloc(cap * sizeof(*ix->line));
	ix->line[ix->n_line++] = 0;
	for (size_t q = 0; q < t->n; q++) {
		if (!is_line_end(t->cp[q]))
			continue;
		if (ix->n_line == cap) {
			cap *= 2;
			ix->line = yk_xrealloc(ix->line, cap * sizeof(*ix->line));
		}
		ix->line[ix->n_line++] = q + 1;
	}
}

static void public_index_release(struct public_index *ix)
{
	free(ix->person);
	free(ix->by_end);
	free(ix->by_start);
	free(ix->other);
	free(ix->other_reach);
	free(ix->plain);
	free(ix->line);
}

/* The start of p's line: after the last line end before p, or 0. */
static size_t line_start(const struct pii__text *t, size_t p, const struct public_index *ix)
{
	if (one_line(t))
		return 0;
	if (!ix || !ix->line)
		return start_of_line(t, p);
	/* the last start at p or before it */
	size_t lo = 0, hi = ix->n_line;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->line[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return ix->line[lo];
}

/* Labels of a contact written before its value (and the separators
 * between several contacts on one line). */
static const char *const contact_labels[] = {
	"電話番号", "電話", "TEL", "Tel", "tel", "FAX", "Fax", "fax", "ファクス", "ファックス",
	"E-mail", "e-mail", "E-Mail", "Email", "email", "Mail", "mail", "メール", "〒", "郵便番号",
	"所在地", "代表", "直通", "(代)", "内線", "IP電話", "ダイヤルイン", "☎",
	"℡",
	/* a notice in simplified Chinese (电话：…; fourteenth round (b)) */
	"电话", NULL,
};

/* Organisational units: a word that ends with one of these names an
 * office, a section or a company. The one-character suffixes need two
 * kanji or katakana before them (健康福祉部, 国保係; not 一部, 教室). */
static const char *const unit_words[] = {
	"センター", "協議会", "委員会", "事務局", "事務所", "出張所", "営業所", "保健所", "支所",
	"相談所", "案内所", "研究所", "診療所", "作業所", "役所", "役場", "本部", "支部", "組合",
	"協会", "公社", "財団", "株式会社", "有限会社", "(株)", "(有)", "商事", "工業", "商会",
	"病院", "クリニック", "郵便局", "窓口", "相談窓口", "部門", "本社", "支社", "支店",
	"ハローワーク", "担当", "薬局", "医院", "歯科", "銀行", "信用金庫", "ホテル", "旅館",
	"広域連合", "投票所", "開票所",
	/* a council, its newsletter's publisher (発行：宮峰市議会 〒…; batch 396) */
	"議会",
	/* a social welfare council, as staff write it (batch 311) */
	"社協",
	/* a notice in simplified Chinese writes 出張所 so (fourteenth round (b)) */
	"出张所",
	/* a clinic named by its department (かなざわ整形外科（076-…）;
	 * thirteenth round (b)) */
	"内科", "外科", "小児科", "眼科", "皮膚科", "耳鼻科", "耳鼻咽喉科", "産婦人科", "精神科",
	"泌尿器科", NULL,
};
static int unit_suffix(uint32_t c)
{
	switch (c) {
	case 0x8AB2: /* 課 */
	case 0x8BFE: /* 课, as a notice in Chinese writes it */
	case 0x4FC2: /* 係 */
	case 0x5C40: /* 局 */
	case 0x5BA4: /* 室 */
	case 0x90E8: /* 部 */
	case 0x7F72: /* 署 */
	case 0x5E81: /* 庁 */
	case 0x9928: /* 館 */
	case 0x5712: /* 園 */
	case 0x793E: /* 社 */
	case 0x5E97: /* 店 */
	case 0x9662: /* 院 */
	case 0x6821: /* 校 (小学校, 県立高校; ninth round) */
		return 1;
	}
	return 0;
}

/* English words that end an office's name. */
static const char *const english_units[] = {
	"Division", "Department", "Section", "Office", "Center", "Centre", "City Hall",
	"Town Hall", "Board of Education", "Bureau", "Library", NULL,
};
/* Words that say someone lives at an address (居住実態, 居住者). */
static const char *const lives_words[] = {"居住", NULL};

/* Opening hours: only an office announces them next to its number (開館：
 * 月～土 9時30分～16時 電話 …, a hall's or a centre's days and hours;
 * batch 416). */
static const char *const hours_words[] = {"受付時間", "開庁時間", "営業時間", "診療時間",
					  "相談時間", "開館", NULL};

/* Words that name a person as the owner of what follows. */
static const char *const person_words[] = {
	"本人", "自宅", "携帯", "家族", "保護者", "世帯主", "様", "さん", "さま", "氏", "の方",
	"た方", "る方", "申請者", "相談者", "届出人", "利用者", "対象者", "来庁者", "私", "夫",
	"妻", "緊急", "実家", "個人", "男性", "女性", "患者", "児童", "生徒", "長男", "長女",
	"次男", "次女", "息子", "娘", "父親", "母親", "祖父", "祖母", "孫", "住所", "住まい",
	"住む", "住ん", "転居", "転入", "転出", NULL,
};
/* In a signature block the lines name units (母子保健係, 市民課), so only
 * these say a person signs it. */
static const char *const signer_words[] = {"本人", "自宅", "携帯", "様", "さん", NULL};
/* A line that addresses the letter (みどり市 市民課 御中): the block below
 * it is the sender's, who may be a person. */
static const char *const addressee_words[] = {"御中", "宛", NULL};

/* Local-part words of a shared mailbox: sections, roles, services. */
static const char *const mailbox_words[] = {
	"info", "information", "contact", "office", "support", "admin", "webmaster", "postmaster",
	"help", "helpdesk", "desk", "center", "centre", "sales", "press", "recruit", "event",
	"events", "noreply", "no-reply", "service", "toiawase", "otoiawase", "uketsuke",
	"madoguchi", "soudan", "sodan", "soumu", "somu", "kokuho", "kokuhou", "bousai", "bosai",
	/* ふるさと納税's desk (blind batches 1184-1199) */
	"furusato", "kifu",
	"shimin", "koho", "kouhou", "fukushi", "kosodate", "zeimu", "nozei", "nouzei", "kyoiku",
	"kyouiku", "jinji", "kikaku", "jimukyoku", "hisho", "kenko", "kenkou", "hoken",
	"nenkin", "kaigo", "shogai", "shougai", "kankyo", "kankyou", "gomi", "suido", "suidou",
	"keiri", "eigyo", "eigyou", "saiyo", "saiyou", "kanko", "kankou", "toshokan", "library",
	"hoiku", "gakko", "school", "kyoiku-iinkai", "jimu", "shien", "chiiki", "kosodate-shien",
	/* romanised section names of municipal offices */
	"kodomo", "seisaku", "machizukuri", "doboku", "douro", "doro", "kensetsu",
	"keikaku", "shisetsu", "kouen", "bunka", "sports", "sangyo",
	"sangyou", "nosei", "nousei", "kyodo", "kyoudou", "jinken", "senkyo", "gikai", "kaikei",
	"zaisei", "joho", "jouhou", "kokusai", "iryo", "iryou", "jido", "jidou", "boshi",
	"korei", "koureisha", "anzen", "shobo", "shoubou", "kikikanri", "hisyo", "shisei",
	/* sixth round: registry, insurance and tax sections */
	"juki", "jyuki", "juminhyo", "koseki", "hokennenkin", "kokuhonenkin", "shiminzei",
	"kazei", "shuno", "shunou", "nozeika", "iryohoken", "kaigohoken",
	/* seventh round: ward, resident, welfare and application sections
	 * (not kanri alone: a person's CC in eval_holdout.txt; not words that
	 * are also given names: toshi, kouki, koki, shoko) */
	"kusei", "kumin", "jumin", "juumin", "shinsei", "tabunka", "hogo", "seikatsu",
	"seikatsuhogo", "suishin", "kyosei", "kyousei", "shohi", "shouhi", "jutaku", "juutaku",
	"kotsu", "koutsu", "kenchiku", "toshikeikaku", "shokou", "rodo", "roudo", "koyo",
	"koyou", "yobo", "yobou", "eisei", "hokenjo", "chosa", "chousa", "tokei", "toukei",
	"kyufu", "kyuufu", "teate", "shomei", "shoumei", "todokede",
	/* eighth round: disaster and children's sections */
	"saigai", "honbu", "taisaku", "hinan", "jidoukan", "jidokan", "kodomokatei",
	"gakkokyoiku", "hoikuen", "youchien", "kenshin", "yobosesshu",
	/* ninth round: contact, budget and public-sector sales sections */
	"renraku", "zaimu", "yosan", "koukyou", "kokyo",
	/* fourteenth round (b): a service's registration address */
	"entry", "touroku", "toroku",
	/* fifteenth round (b): a tax, after its kind (kuminzei, juminzei,
	 * kazei is above) */
	"zei",
	/* twentieth round (b): a company's order and shipping desks */
	"order", "orders", "shukka", "hanbai", NULL,
};
/* Last words of a section's mailbox (soumu-ka, shimin-kakari). */
static const char *const mailbox_tails[] = {"ka", "kakari", "shitsu", "kyoku", "bu", "center",
					    "sec", "div", "dept", "team", NULL};
/* Labels that say the mailbox is shared. */
static const char *const shared_labels[] = {"共有アドレス", "共有メール", "代表アドレス",
					    "代表メール", "窓口アドレス", "部署アドレス",
					    /* 情報システム課（共有）system-kanri@…, and
					     * the address a service registers by
					     * (空メールを送信 → entry@…; fourteenth round (b)) */
					    "(共有)", "空メール",
					    /* 共用アドレス fukkou-kurashi@pref.…
					     * (batches 822-835) */
					    "共用アドレス", "共用メール", NULL};

/* Where applications are sent, before a mail address and ':' or は. */
static const char *const application_labels[] = {"申込", "申込み", "申し込み", "申込先",
						 "申込み先", "申し込み先", "応募", "応募先", NULL};

/* The longest keyword of words (NULL-terminated, static) that ends at p
 * (its last code point at p - 1) and starts at lo or after: its length, or
 * 0. The list's index rules out most positions by the last code point. */
static size_t word_ending_at(const struct pii__text *t, size_t lo, size_t p,
			     const char *const *words)
{
	if (p <= lo)
		return 0;
	const struct pii__kwlist *L = pii__kwlist_get(words);
	if (L && !L->plain && !pii__kw_has(L->last, t->cp[p - 1]))
		return 0;
	size_t best = 0;
	if (L && !L->plain) {
		/* only the keywords ending with that code point, in list order */
		uint32_t c = t->cp[p - 1];
		for (unsigned k = L->lhead[pii__kw_bit(c)]; k != 255; k = L->lnext[k]) {
			size_t m = L->len[k];
			if (L->cpl[k] == c && m > best && m <= p - lo &&
			    pii__match(t, p - m, words[k]) == m)
				best = m;
		}
		return best;
	}
	for (size_t k = 0; words[k]; k++) {
		size_t m = pii__kw_len(words[k]);
		if (m > best && m <= p - lo && pii__match(t, p - m, words[k]) == m)
			best = m;
	}
	return best;
}

/* A PERSON candidate ending in (from, to]. */
static int person_ends_in(const struct pii__cands *c, const struct public_index *ix, size_t from,
			  size_t to)
{
	if ((ix = index_of(ix, c))) {
		for (size_t i = ref_lower(ix->person, ix->n_person, from + 1);
		     i < ix->n_person && ix->person[i].at <= to; i++)
			if (c->v[ix->person[i].k].confidence > 0)
				return 1;
		return 0;
	}
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].confidence > 0 && c->v[k].end > from &&
		    c->v[k].end <= to)
			return 1;
	return 0;
}

/* A person named in [from, to): a PERSON candidate or a person word (業者
 * and 事業者 are companies, not persons). */
static int person_in(const struct pii__text *t, const struct pii__cands *c,
		     const struct public_index *ix, size_t from, size_t to)
{
	if (person_ends_in(c, ix, from, to))
		return 1;
	for (size_t q = from; q < to; q++) {
		size_t m = pii__match_any(t, q, person_words);
		if (m && q + m <= to)
			return 1;
	}
	return 0;
}

/* Inside a candidate other than sp (a place name 加良部 in an address, a
 * branch 本店営業部 in an account), or a value that is no contact between
 * q and sp: a unit word there describes that value, not sp. */
static int other_value_at(const struct pii__cands *c, const struct public_index *ix,
			  const struct pii_span *sp, size_t q)
{
	if ((ix = index_of(ix, c))) {
		/* sp, a contact starting at q or after it, is neither: those
		 * starting before q reach past it, or a value that is no
		 * contact lies in [q, sp's start) */
		size_t i = ref_lower(ix->other, ix->n_other, q);
		if (i && ix->other_reach[i - 1] >= q)
			return 1;
		for (i = ref_lower(ix->plain, ix->n_plain, q);
		     i < ix->n_plain && ix->plain[i].at <= sp->start; i++)
			if (c->v[ix->plain[i].k].end <= sp->start)
				return 1;
		return 0;
	}
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *o = &c->v[k];
		if (o == sp || o->type == PII_PERSON)
			continue;
		if (o->start < q && q <= o->end)
			return 1;
		if (!is_contact(o->type) && o->start >= q && o->end <= sp->start)
			return 1;
	}
	return 0;
}

/* The end of a contact candidate other than sp ending at p, or its start. */
static size_t contact_ending_at(const struct pii__cands *c, const struct public_index *ix,
				const struct pii_span *sp, size_t p)
{
	if ((ix = index_of(ix, c))) {
		/* those ending at p in the list's order: the first found */
		for (size_t i = ref_lower(ix->by_end, ix->n_contact, p);
		     i < ix->n_contact && ix->by_end[i].at == p; i++) {
			const struct pii_span *o = &c->v[ix->by_end[i].k];
			if (o != sp && o->start < p)
				return o->start;
		}
		return p;
	}
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *o = &c->v[k];
		if (o != sp && is_contact(o->type) && o->end == p && o->start < p)
			return o->start;
	}
	return p;
}

/* Walks back from p over spaces, brackets, colons, separators, contact
 * labels and (with c) other contact values: the position where the words
 * before a contact's label end. */
static size_t skip_labels_back(const struct pii__text *t, const struct pii__cands *c,
			       const struct public_index *ix, const struct pii_span *sp, size_t lo,
			       size_t p)
{
	for (;;) {
		if (p <= lo)
			return lo;
		uint32_t ch = t->cp[p - 1];
		if (ch == ' ' || ch == '(' || ch == ':' || ch == '/' || ch == 0x3001 /* 、 */ ||
		    ch == ',' || ch == '|' || ch == 0xFF5C /* ｜ */ || ch == 0x300C /* 「 */ ||
		    ch == '[' || ch == 0x3010 /* 【 */ || ch == ')' || ch == 0x3011 /* 】 */ ||
		    ch == '.' || ch == 0x30FB /* ・ */) {
			p--;
			continue;
		}
		size_t q = c ? contact_ending_at(c, ix, sp, p) : p;
		if (q < p && q >= lo) {
			p = q;
			continue;
		}
		size_t best = word_ending_at(t, lo, p, contact_labels);
		if (!best)
			return p;
		p -= best;
	}
}

static int is_name_char(uint32_t c) { return pii__is_kanji(c) || pii__is_kata(c); }

/* Length of an organisational unit word ending at p (its last code point
 * at p - 1), or 0. */
static size_t unit_ending_at(const struct pii__text *t, size_t lo, size_t p)
{
	if (p <= lo)
		return 0;
	uint32_t last = t->cp[p - 1];
	/* 府中町ハ部68番地2: a lot's 部 of 石川県's towns (イ部, ロ部, ハ部…),
	 * a katakana of the iroha before it and the lot's number after it, is
	 * no unit (batches 578-593) */
	if (last == 0x90E8 /* 部 */ && p - lo >= 2 && t->cp[p - 2] >= 0x30A2 &&
	    t->cp[p - 2] <= 0x30F3 && (p - lo < 3 || !pii__is_kata(t->cp[p - 3])) && p < t->n &&
	    pii__is_digit(t->cp[p]))
		return 0;
	/* two kanji or katakana before a one-character suffix */
	if (unit_suffix(last) && p - lo >= 3 && is_name_char(t->cp[p - 2]) &&
	    is_name_char(t->cp[p - 3]))
		return 3;
	return word_ending_at(t, lo, p, unit_words);
}

/* A landline whose subscriber's part is 1111 (0847-22-1111, 0880-82-1111):
 * the main line an office or a company buys, not a household's (batches
 * 594-609; of 635 such numbers in the labelled sets 5 are a person's).
 * Since session 18 any digit before 111 (0173-72-2111, 0172-52-3111:
 * none of 670 such numbers in the labelled sets is a person's). */
static int main_line_number(const struct pii__text *t, const struct pii__cands *c,
			    const struct public_index *ix, const struct pii_span *sp)
{
	if (sp->end - sp->start < 10 || pii__mobile_at(t, sp->start) ||
	    t->cp[sp->end - 5] != '-' || !pii__is_digit(t->cp[sp->end - 4]) ||
	    !pii__match(t, sp->end - 3, "111"))
		return 0;
	/* a person named right before it owns it (保護者 山田 048-201-1111) */
	size_t q = sp->start;
	while (q > 0 && sp->start - q < 3 &&
	       (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':' || t->cp[q - 1] == '('))
		q--;
	return !person_ends_in(c, ix, q > 0 ? q - 1 : 0, q);
}

/* A note in brackets right after the value that says it is shared or an
 * organisation's main one (…@…or.jp（センター共用）, FAX 0538-…（会社代表）,
 * （代表番号）, a mailbox's （送信専用）; session 18); not its
 * representative's own (（代表者携帯）). */
#define SHARED_NOTE_MAX 12
/* The last code point of an organisation's or a unit's name: 課, 係, 室,
 * 部, 局, 所, 社, 校, 館, 口 (窓口), 署 and the ー of センター. */
static int org_unit_char(uint32_t u)
{
	return u == 0x8AB2 || u == 0x4FC2 || u == 0x5BA4 || u == 0x90E8 || u == 0x5C40 ||
	       u == 0x6240 || u == 0x793E || u == 0x6821 || u == 0x9928 || u == 0x53E3 ||
	       u == 0x7F72 || u == 0x30FC;
}
static int shared_note_after(const struct pii__text *t, const struct pii_span *sp)
{
	size_t q = sp->end;
	if (q < t->n && t->cp[q] == ' ')
		q++;
	if (q >= t->n || t->cp[q] != '(')
		return 0;
	int shared = 0;
	for (size_t r = q + 1; r < t->n && r - q <= SHARED_NOTE_MAX; r++) {
		if (t->cp[r] == ')')
			return shared;
		if (t->cp[r] == '\n' || t->cp[r] == '(')
			return 0;
		if (pii__match(t, r, "代表者"))
			return 0;
		/* a mailbox that only sends (（送信専用）, （返信不可）) */
		if (pii__match(t, r, "送信専用") || pii__match(t, r, "返信不可") ||
		    pii__match(t, r, "配信専用"))
			shared = 1;
		/* an organisation's unit before the word (センター共用, 会社代表,
		 * 学校代表), or 番号 or 電話 after 代表: a family shares a phone
		 * too (（家族共用）) */
		int word = pii__match(t, r, "共用") || pii__match(t, r, "共有") ||
			   pii__match(t, r, "代表");
		if (word && ((r > q + 1 && org_unit_char(t->cp[r - 1])) ||
			     pii__match(t, r, "代表番号") || pii__match(t, r, "代表電話")))
			shared = 1;
	}
	return 0;
}

/* （代） right before or after the value: the office's switchboard. */
static int switchboard(const struct pii__text *t, const struct pii_span *sp)
{
	size_t p = sp->start;
	while (p && t->cp[p - 1] == ' ')
		p--;
	if (p >= 3 && pii__match(t, p - 3, "(代)"))
		return 1;
	return pii__match(t, sp->end, "(代)") != 0 || pii__match(t, sp->end, " (代)") != 0;
}

/* An extension given in brackets right after the number (tel. 0565-…
 * (português: ramal 2350), 0276-…（内線 2211）, (ext. 204)), or after a
 * space: a switchboard's number, an office's (sixteenth round (b)). */
static int extension_after(const struct pii__text *t, const struct pii_span *sp)
{
	static const char *const ext[] = {"ramal", "Ramal", "ext.", "Ext.", "extension", "Extension",
					  "extensión", "内線", NULL};
	size_t q = sp->end;
	if (q < t->n && t->cp[q] == ' ')
		q++;
	/* or 内線 right after the number and a space (五味 健太郎（0266-27-1111
	 * 内線341）; batches 806-821) */
	if (q > sp->end && pii__match(t, q, "内線"))
		return 1;
	if (q >= t->n || t->cp[q] != '(')
		return 0;
	for (size_t k = q + 1; k < t->n && k - q < 24 && t->cp[k] != ')' && !is_line_end(t->cp[k]); k++)
		if (pii__match_any(t, k, ext))
			return 1;
	return 0;
}

/* Does a keyword of w start in [a, b)? */
static int line_has_words(const struct pii__text *t, size_t a, size_t b, const char *const *w)
{
	for (size_t q = a; q < b; q++)
		if (pii__match_any(t, q, w))
			return 1;
	return 0;
}

/* A unit in brackets right after the number: 0299-55-2204（財政課直通）. */
#define PUBLIC_BRACKET_MAX 16
#define PUBLIC_PERSON_REACH 100
/* 課, 係, 局, 部, 署, 庁: units of an administration (not 室, 院, 店...). */
static int admin_suffix(uint32_t c)
{
	return c == 0x8AB2 || c == 0x4FC2 || c == 0x5C40 || c == 0x90E8 || c == 0x7F72 ||
	       c == 0x5E81;
}
static const char *const admin_units[] = {"センター", "事務所", "事務局", "出張所", "支所",
					  "窓口", "役所", "役場", NULL};
static int unit_in_brackets_after(const struct pii__text *t, const struct pii__cands *c,
				  const struct public_index *ix, const struct pii_span *sp)
{
	size_t q = sp->end;
	if (q < t->n && t->cp[q] == ' ')
		q++;
	if (q >= t->n || t->cp[q] != '(')
		return 0;
	size_t a = ++q, b = a;
	while (b < t->n && b < a + PUBLIC_BRACKET_MAX && t->cp[b] != ')' &&
	       !pii__is_boundary(t->cp[b]))
		b++;
	if (b >= t->n || t->cp[b] != ')' || line_has_words(t, a, b, person_words))
		return 0;
	/* a person named shortly before may be reached at their workplace
	 * (安田 和彦 氏…\n連絡先：…（研究室）) */
	if (person_ends_in(c, ix,
			   sp->start > PUBLIC_PERSON_REACH ? sp->start - PUBLIC_PERSON_REACH : 0,
			   sp->start))
		return 0;
	/* administrative units only: a room or a shop may be a person's
	 * workplace */
	for (q = a; q < b; q++) {
		size_t m = unit_ending_at(t, a, q + 1);
		int admin = m && (admin_suffix(t->cp[q]) || word_ending_at(t, a, q + 1, admin_units));
		if (admin && (q + 1 == b || !is_name_char(t->cp[q + 1]) ||
			      pii__match(t, q + 1, "直通") || pii__match(t, q + 1, "代表")))
			return 1;
	}
	return 0;
}

/* Code points of [a, b) outside brackets: a note on the unit
 * (環境保全課（交通公害・騒音振動担当）。電話 …) does not part it from the
 * number. */
static size_t gap_outside_brackets(const struct pii__text *t, size_t a, size_t b)
{
	size_t n = 0, depth = 0;
	for (size_t q = a; q < b; q++) {
		uint32_t ch = t->cp[q];
		if (ch == '(')
			depth++;
		else if (ch == ')' && depth)
			depth--;
		else if (!depth)
			n++;
	}
	return n;
}

/* An organisational unit or opening hours before sp in its sentence, with
 * no person named in between. */
static int unit_before(const struct pii__text *t, const struct pii__cands *c,
		       const struct public_index *ix, const struct pii_span *sp)
{
	size_t lo = pii__clause_start(t, sp->start, PUBLIC_UNIT_WINDOW);
	size_t label = skip_labels_back(t, c, ix, sp, lo, sp->start);
	/* a sentence that is only the number (…入所係までお電話ください。電話
	 * 0299-…) belongs to the sentence before it */
	if (sp->type == PII_PHONE && label == lo && lo && t->cp[lo - 1] == 0x3002 /* 。 */)
		lo = pii__clause_start(t, lo - 1, PUBLIC_UNIT_WINDOW);
	for (size_t q = sp->start; q > lo; q--) {
		size_t m = pii__match_any(t, q - 1, hours_words);
		int hit = m && q - 1 + m <= sp->start;
		if (!hit) {
			/* a unit is a whole word: not 課長, 係員, 局面; but the
			 * unit's duty desk glued to it is the unit's (総務課当直
			 * （043-…）; twenty-eighth round (c)) */
			static const char *const duty_desks[] = {"当直", "宿直", "日直", NULL};
			if (q < sp->start && is_name_char(t->cp[q]) &&
			    !pii__match_any(t, q, contact_labels) && !pii__match_any(t, q, duty_desks))
				continue;
			/* an address or postal code only right after the unit
			 * (株式会社みどり設備 みどり市本町…): in a sentence the
			 * place is often where a person moved (市民課で…新住所) */
			if (sp->type != PII_PHONE && label != q)
				continue;
			/* and a phone number close after it (福祉総務課へ提出して
			 * ください（TEL …）), not at the end of a clause about what a
			 * person did there (市民課で住民票を取得した際の連絡先 …) */
			hit = unit_ending_at(t, lo, q) != 0 &&
			      (label <= q + PUBLIC_UNIT_GAP ||
			       gap_outside_brackets(t, q, label) <= PUBLIC_UNIT_GAP) &&
			      !other_value_at(c, ix, sp, q);
		}
		if (hit)
			return !person_in(t, c, ix, q, sp->start);
	}
	return 0;
}


/* A separator line opening a signature (--, ---, ――, ＿＿, ====). */
static int separator_line(const struct pii__text *t, size_t a, size_t b)
{
	size_t n = 0;
	for (size_t q = a; q < b; q++) {
		uint32_t ch = t->cp[q];
		if (ch == ' ')
			continue;
		if (ch != '-' && ch != '=' && ch != '_' && ch != '*' && ch != 0xFF3F /* ＿ */ &&
		    ch != 0x2501 && ch != 0x2015)
			return 0;
		n++;
	}
	return n >= 2;
}

/* Does any unit word or hours word occur in the line [a, b)? */
static int line_names_office(const struct pii__text *t, size_t a, size_t b)
{
	static const char *const legal_forms[] = {"株式会社", "有限会社", "合同会社", NULL};
	for (size_t q = a + 1; q <= b; q++) {
		/* a company's legal form before its name (有限会社金磯オート
		 * サービス: 社 and a name's character after it are no 課長;
		 * batches 562-577) */
		if (q >= a + 4 && t->cp[q - 1] == 0x793E /* 社 */ && pii__ends_with(t, a, q, legal_forms))
			return 1;
		if (q < b && is_name_char(t->cp[q]) && unit_ending_at(t, a, q) == 3)
			continue; /* 課長, 係員 */
		if (unit_ending_at(t, a, q))
			return 1;
	}
	return line_has_words(t, a, b, hours_words);
}

/* A person named on the line [a, b) right after a unit word and a space
 * (千葉市 環境局 収集業務課 桜井, …手当担当 宮本（内線2341）), on a line
 * with no field's colon: a staff member signing
 * for the section, as no resident signs (twenty-eighth round (c)). */
static int staff_after_unit_at(const struct pii__text *t, const struct pii_span *v, size_t a,
			       size_t b)
{
	return v->type == PII_PERSON && v->confidence > 0 && v->start > a + 1 && v->end <= b &&
	       t->cp[v->start - 1] == ' ' && unit_ending_at(t, a, v->start - 1);
}

static int staff_after_unit(const struct pii__text *t, const struct pii__cands *c,
			    const struct public_index *ix, size_t a, size_t b)
{
	/* a form's field (療養を受けた者：…) is no signature */
	for (size_t q = a; q < b; q++)
		if (t->cp[q] == ':')
			return 0;
	if ((ix = index_of(ix, c))) {
		/* a name starting after a + 1 ends after it */
		for (size_t i = ref_lower(ix->person, ix->n_person, a + 2);
		     i < ix->n_person && ix->person[i].at <= b; i++)
			if (staff_after_unit_at(t, &c->v[ix->person[i].k], a, b))
				return 1;
		return 0;
	}
	for (size_t k = 0; k < c->n; k++)
		if (staff_after_unit_at(t, &c->v[k], a, b))
			return 1;
	return 0;
}

/* The line [a, b) is a person's name and, in brackets closing the line,
 * the business they run in their own name (安曇 孝夫（安曇農園）): the
 * signature is the person's, the business no office (twenty-eighth round
 * (c)). 収集業務課 桜井 names the office first. */
static const char *const own_business_forms[] = {"株式会社", "有限会社", "合同会社", "合資会社", "(株)",
						  "(有)", "法人", "組合", NULL};

static int own_business_name(const struct pii__text *t, const struct pii_span *v, size_t a,
			     size_t b)
{
	return v->type == PII_PERSON && v->confidence > 0 && v->start == a && v->end < b &&
	       t->cp[v->end] == '(';
}

static int own_business_line(const struct pii__text *t, const struct pii__cands *c,
			     const struct public_index *ix, size_t a, size_t b)
{
	if (b < a + 4 || t->cp[b - 1] != ')')
		return 0;
	/* the first such name of the list */
	const struct pii_span *v = NULL;
	if ((ix = index_of(ix, c))) {
		size_t first = c->n;
		for (size_t i = ref_lower(ix->person, ix->n_person, a);
		     i < ix->n_person && ix->person[i].at < b; i++)
			if (ix->person[i].k < first &&
			    own_business_name(t, &c->v[ix->person[i].k], a, b))
				first = ix->person[i].k;
		v = first < c->n ? &c->v[first] : NULL;
	} else {
		for (size_t k = 0; k < c->n && !v; k++)
			if (own_business_name(t, &c->v[k], a, b))
				v = &c->v[k];
	}
	if (!v)
		return 0;
	for (size_t q = v->end + 1; q + 1 < b; q++)
		if (t->cp[q] == '(' || t->cp[q] == ')')
			return 0;
	/* 山田 太郎（株式会社山田商事）: a company's staff */
	return !line_has_words(t, v->end + 1, b - 1, own_business_forms);
}

/* A reply's quote marks opening the line at a (> , > > ): where the
 * quoted line's own text starts. */
static size_t quote_marks_end(const struct pii__text *t, size_t a, size_t e)
{
	size_t q = a;
	while (q < e && t->cp[q] == '>') {
		q++;
		while (q < e && t->cp[q] == ' ')
			q++;
	}
	return q;
}

/* sp is on a contact line (only labels and other contacts before it) of a
 * block whose lines above name an organisation and no person. A block
 * quoted in a reply (> 〒…) is read without its quote marks. */
static int signature_contact(const struct pii__text *t, const struct pii__cands *c,
			     const struct public_index *ix, const struct pii_span *sp)
{
	size_t line = line_start(t, sp->start, ix);
	size_t ls = quote_marks_end(t, line, sp->start);
	if (skip_labels_back(t, c, ix, sp, ls, sp->start) != ls)
		return 0;
	int office = 0, staff = 0, k_sep = 0, unit_staff = 0;
	size_t b = line; /* end of the line above (exclusive, at its line end) */
	for (int k = 0; k < PUBLIC_BLOCK_LINES && b > 0; k++) {
		size_t e = b - 1; /* the line end */
		if (t->cp[e] == '\n' && e && t->cp[e - 1] == '\r')
			e--;
		size_t a = e;
		while (a && !is_line_end(t->cp[a - 1]))
			a--;
		line = a; /* where the next line above ends */
		a = quote_marks_end(t, a, e);
		if (a == e || separator_line(t, a, e)) {
			k_sep = separator_line(t, a, e);
			break; /* a blank line or a separator starts the block */
		}
		if (e - a > PUBLIC_BLOCK_LINE_MAX)
			break;
		int sentence = 0;
		for (size_t q = a; q < e; q++)
			sentence |= t->cp[q] == 0x3002 /* 。 */;
		if (sentence)
			break;
		if (line_has_words(t, a, e, addressee_words))
			break;
		if (line_has_words(t, a, e, signer_words))
			return 0;
		/* a staff member's name in an office's block (sixth round):
		 * 戸籍住民課 住民記録係\n及川 翔太\n〒…; the block is the
		 * office's when a line of it names the office */
		staff |= person_ends_in(c, ix, a, e);
		office |= line_names_office(t, a, e) && !own_business_line(t, c, ix, a, e);
		unit_staff |= staff_after_unit(t, c, ix, a, e);
		b = line;
	}
	if (staff && (!office || k_sep == 0) && !unit_staff)
		return 0;
	/* the staff member's own direct line (pii_context.c) */
	if (staff && pii__staff_direct_line(t, c, sp))
		return 0;
	if (!office || sp->type == PII_PHONE)
		return office;
	/* a person's address block puts the name under the address
	 * (〒…\nみどり市…\n山田 太郎) */
	size_t q = sp->end, lines = 0;
	for (; q < t->n && lines < 2; q++) {
		if (is_line_end(t->cp[q])) {
			if (q + 1 < t->n && is_line_end(t->cp[q + 1]))
				break;
			lines++;
		}
	}
	return !person_ends_in(c, ix, sp->end, q);
}

/* [a, b) is w (ASCII, any case). Compared from the first letter, without
 * strlen(): most words of a list differ there. */
static int ascii_lower_eq(const struct pii__text *t, size_t a, size_t b, const char *w)
{
	size_t i = 0;
	for (; w[i]; i++) {
		if (a + i >= b)
			return 0;
		uint32_t ch = t->cp[a + i];
		if (ch >= 'A' && ch <= 'Z')
			ch += 'a' - 'A';
		if (ch != (unsigned char)w[i])
			return 0;
	}
	return a + i == b;
}

/* The length of w when it opens [a, b) (ASCII, any case), else 0. */
static size_t ascii_lower_prefix(const struct pii__text *t, size_t a, size_t b, const char *w)
{
	size_t i = 0;
	for (; w[i]; i++) {
		if (a + i >= b)
			return 0;
		uint32_t ch = t->cp[a + i];
		if (ch >= 'A' && ch <= 'Z')
			ch += 'a' - 'A';
		if (ch != (unsigned char)w[i])
			return 0;
	}
	return i;
}

static int letters_only(const struct pii__text *t, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (!pii__is_alpha(t->cp[k]))
			return 0;
	return 1;
}

/* Code points of a word that in_list() lower-cases into a buffer; longer
 * ones are compared word by word (no list word is this long). */
#define PUBLIC_LIST_WORD_MAX 32

/* The ASCII letters of t->cp[a..b) in lower case, as a text of its own
 * (for the keyword index; no cues, no bytes). */
static struct pii__text lower_text(const struct pii__text *t, size_t a, size_t b, uint32_t *buf)
{
	for (size_t k = a; k < b; k++) {
		uint32_t ch = t->cp[k];
		buf[k - a] = ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
	}
	return (struct pii__text){.cp = buf, .n = b - a};
}

/* [a, b) is a word of w (lower-case ASCII words; the text in any case):
 * lower-cased once, then looked up through the list's index. */
static int in_list(const struct pii__text *t, size_t a, size_t b, const char *const *w)
{
	if (b > a && b - a <= PUBLIC_LIST_WORD_MAX) {
		uint32_t buf[PUBLIC_LIST_WORD_MAX];
		struct pii__text lt = lower_text(t, a, b, buf);
		return pii__is_word(&lt, 0, lt.n, w);
	}
	for (size_t k = 0; w[k]; k++)
		if (ascii_lower_eq(t, a, b, w[k]))
			return 1;
	return 0;
}

/* A shared mailbox: the local part's first word is a section or role
 * (info@, kokuho@, bousai-fushimi@), or its last a section's ending
 * (soumu-ka@), or a label before it says so. */
static int shared_mailbox(const struct pii__text *t, const struct pii__cands *c,
			  const struct public_index *ix, const struct pii_span *sp)
{
	size_t at = sp->start;
	while (at < sp->end && t->cp[at] != '@')
		at++;
	if (at == sp->end)
		return 0;
	/* the local part as a whole (kyoiku-iinkai) or its words; a number
	 * after a section's word numbers the section (eigyo2@…) */
	size_t ad = at;
	while (ad > sp->start + 2 && pii__is_digit(t->cp[ad - 1]) && at - ad < 2)
		ad--;
	if (in_list(t, sp->start, at, mailbox_words) ||
	    (ad < at && in_list(t, sp->start, ad, mailbox_words)))
		return 1;
	/* two sections' words written together (hoikushisetsu@…): a word of
	 * the list opening a local part of letters only, and the rest a word
	 * of it */
	if (at - sp->start >= 6 && at - sp->start <= 24 && letters_only(t, sp->start, at)) {
		/* only the words that open with the local part's first letter */
		const struct pii__kwlist *L = pii__kwlist_get(mailbox_words);
		uint32_t buf[24];
		struct pii__text lt = lower_text(t, sp->start, at, buf);
		for (size_t k = 0; mailbox_words[k]; k++) {
			if (L && !L->plain && L->cp0[k] != lt.cp[0])
				continue;
			size_t n = ascii_lower_prefix(t, sp->start, at, mailbox_words[k]);
			if (n >= 3 && sp->start + n + 3 <= at &&
			    in_list(t, sp->start + n, at, mailbox_words))
				return 1;
		}
	}
	size_t w0 = sp->start, w = w0;
	while (w < at && t->cp[w] != '-' && t->cp[w] != '.' && t->cp[w] != '_')
		w++;
	if (w < at && in_list(t, w0, w, mailbox_words))
		return 1;
	size_t wl = at;
	while (wl > sp->start && t->cp[wl - 1] != '-' && t->cp[wl - 1] != '.' && t->cp[wl - 1] != '_')
		wl--;
	if (wl > sp->start && in_list(t, wl, at, mailbox_tails))
		return 1;
	/* a section's name as the last word after a city's short code
	 * (kf-hokennenkin, ama-koho; not taro.info), or after a ward's or a
	 * service's name joined by a hyphen (wakabayashi-jumin,
	 * smart-shinsei; a person's is t-yamada, yuko-mori) */
	if (wl > sp->start && (w - w0 <= 3 || t->cp[wl - 1] == '-') &&
	    in_list(t, wl, at, mailbox_words))
		return 1;
	size_t lo = pii__clause_start(t, sp->start, PUBLIC_UNIT_WINDOW);
	for (size_t q = sp->start; q-- > lo;) {
		size_t m = pii__match_any(t, q, shared_labels);
		if (m && q + m <= sp->start)
			return !person_in(t, c, ix, q + m, sp->start);
	}
	/* where applications go (申込は …@… まで, 応募先：…@…) in a text that
	 * names no one and has no person's word (様, 本人…): the organiser's
	 * desk (twenty-sixth round (d)); a text naming its organiser keeps it */
	size_t q = sp->start;
	while (q > lo && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':'))
		q--;
	if (q > lo && t->cp[q - 1] == 0x306F /* は */)
		q--;
	return q < sp->start && pii__ends_with(t, lo, q, application_labels) &&
	       !person_in(t, c, ix, 0, t->n);
}

/* Holders of an account that are organisations (口座名義 みどり市会計管理者,
 * 名義「京都市災害義援金」, 株式会社…): the account is theirs. */
static const char *const holder_labels[] = {"口座名義", "名義人", "名義", NULL};
static const char *const org_holder_words[] = {
	"会計管理者", "株式会社", "有限会社", "(株)", "(有)", "義援金", "基金", "協会", "組合",
	"法人", "事務局", "委員会", "協議会", "財団", "市長", "町長", "村長", "知事", "収入役",
	"実行委員会", "センター",
	/* associations that collect money (thirteenth round (b)) */
	"募金会", "連合会", "振興会", "後援会", "共済会", "自治会", "町内会",
	/* 会計管理者 as a bank prints the holder, in kana (ﾖｺﾊﾏｼｶｲｹｲｶﾝﾘｼｬ;
	 * banks write the small ｬ large; fourteenth round (b)) */
	"ｶｲｹｲｶﾝﾘｼｬ", "ｶｲｹｲｶﾝﾘｼﾔ", "カイケイカンリシャ", "カイケイカンリシヤ", NULL,
};
#define PUBLIC_HOLDER_WINDOW 24

/* A holder written in kana after a company's legal form in brackets, as
 * banks print it (カ）ニイガタ…, (ｶ)ﾐﾄﾞﾘ…, ﾕ)…): one to three kana letters
 * and ）, an opening bracket before them or not, then a kana letter. */
static size_t legal_form_at(const struct pii__text *t, size_t q)
{
	size_t a = q;
	if (a < t->n && t->cp[a] == '(')
		a++;
	size_t b = a;
	while (b < t->n && pii__is_kata(t->cp[b]) && b - a < 4)
		b++;
	if (b == a || b - a > 3 || b + 1 >= t->n || t->cp[b] != ')' || !pii__is_kata(t->cp[b + 1]))
		return 0;
	return b + 1 - q;
}

/* The line right above the account's opens with a holder's label and
 * names an organisation (口座名義：蕨市会計管理者⏎普通預金 口座番号 …;
 * twentieth round (b)). */
static int organisation_holder_above(const struct pii__text *t, const struct pii_span *sp)
{
	size_t ls = sp->start;
	while (ls > 0 && t->cp[ls - 1] != '\n' && sp->start - ls < 40)
		ls--;
	if (ls < 2 || t->cp[ls - 1] != '\n')
		return 0;
	size_t ps = ls - 1;
	while (ps > 0 && t->cp[ps - 1] != '\n' && ls - ps < 40)
		ps--;
	size_t m = pii__match_any(t, ps, holder_labels);
	if (!m)
		return 0;
	for (size_t h = ps + m; h + 1 < ls; h++)
		if (pii__match_any(t, h, org_holder_words))
			return 1;
	return 0;
}

static int organisation_holder(const struct pii__text *t, const struct pii_span *sp)
{
	if (organisation_holder_above(t, sp))
		return 1;
	size_t q = sp->end, hi = sp->end + PUBLIC_HOLDER_WINDOW;
	/* the holder right after the number (…普通 1035528　カ）ニイガタ…) */
	size_t h0 = q;
	while (h0 < t->n && t->cp[h0] == ' ')
		h0++;
	if (legal_form_at(t, h0))
		return 1;
	int crossed = 0;
	for (; q < t->n && q < hi; q++) {
		if (pii__is_boundary(t->cp[q])) {
			/* the holder's line right under the account's
			 * (…普通 0123486\n口座名義：高松市会計管理者; thirteenth
			 * round (b)) */
			if (t->cp[q] == '\n' && !crossed && q + 1 < t->n &&
			    pii__match_any(t, q + 1, holder_labels)) {
				crossed = 1;
				continue;
			}
			break;
		}
		size_t m = pii__match_any(t, q, holder_labels);
		if (!m)
			continue;
		/* the holder's name: up to the end of its clause or bracket;
		 * a company's legal form in kana opening it (名義 ﾕ)ｻﾂﾏ…) */
		size_t hs = q + m;
		/* 口座名義（カナ）: the label's note is no legal form */
		static const char *const kana_notes[] = {"(カナ)", "(ｶﾅ)", "(フリガナ)", "(ﾌﾘｶﾞﾅ)", NULL};
		hs += pii__match_any(t, hs, kana_notes);
		while (hs < t->n && (t->cp[hs] == ' ' || t->cp[hs] == ':'))
			hs++;
		if (legal_form_at(t, hs))
			return 1;
		for (size_t h = q + m; h < t->n && h < q + m + PUBLIC_HOLDER_WINDOW; h++) {
			uint32_t ch = t->cp[h];
			if (pii__is_boundary(ch) || ch == 0x3001 /* 、 */ || ch == ',' ||
			    ch == 0x300D /* 」 */ || ch == ')')
				break;
			if (pii__match_any(t, h, org_holder_words))
				return 1;
		}
		return 0;
	}
	return 0;
}

/* An account whose row names an organisation as its holder (a table
 * 口座名義 cell: 京都銀行,市役所支店,101,当座,0001234,京都市会計管理者) and no
 * person. */
static int organisation_row(const struct pii__text *t, const struct pii__cands *c,
			    const struct public_index *ix, const struct pii_span *sp)
{
	size_t e = sp->end;
	while (e < t->n && !pii__is_boundary(t->cp[e]))
		e++;
	/* up to the row's next account, whose bank may be a 組合 (旧口座 and
	 * 新口座 cells: …普通 1102735,飛騨信用組合 白川支店…; batches 562-577) */
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_JP_BANK_ACCOUNT && c->v[k].start >= sp->end &&
		    c->v[k].start < e)
			e = c->v[k].start;
	return line_has_words(t, sp->end, e, org_holder_words) &&
	       !person_ends_in(c, ix, sp->end, e);
}

/* A current account (当座) in a text that registers a company by its
 * corporate number (株式会社ホクセツ（法人番号 …）⏎振込先：北洋銀行 本店営業部
 * 当座 1102938), with no person on the account's line: the company's
 * (twentieth round (b)). Persons' accounts in such texts (a salary's,
 * a debtor's) are 普通 or name their holder. */
/* Where a candidate's text-wide questions (is a person named here? a
 * corporate number? a clock's range?) are asked: the part of a document
 * (between blank lines) that holds it, or the whole text for a text of one
 * part and for a candidate that runs over a part's edge (struct doc_parts,
 * doc_scope()). A document that pastes a bid result beside a case memo
 * names people in the memo, not in the bid result. */
struct scope {
	size_t s, e; /* the part, or [0, t->n) */
	size_t j;    /* its index in struct doc_parts, SIZE_MAX: the whole text */
};

static int person_named_in(const struct pii__cands *c, struct scope sc)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_PERSON && c->v[k].confidence > 0 && c->v[k].start >= sc.s &&
		    c->v[k].end <= sc.e)
			return 1;
	return 0;
}

static int company_current_account(const struct pii__text *t, const struct pii__cands *c,
				   const struct public_index *ix, const struct pii_span *sp,
				   struct scope sc)
{
	/* 当座 in the designation, or right before the number alone */
	int current = 0;
	size_t from = sp->start >= 8 ? sp->start - 8 : 0;
	for (size_t q = from; q + 1 < sp->end && !current; q++)
		current = t->cp[q] == 0x5F53 /* 当 */ && t->cp[q + 1] == 0x5EA7 /* 座 */;
	if (!current)
		return 0;
	int corporate = 0;
	for (size_t k = 0; k < c->n && !corporate; k++)
		corporate = c->v[k].type == PII_JP_CORPORATE_NUMBER && c->v[k].start >= sc.s &&
			    c->v[k].end <= sc.e;
	if (!corporate)
		return 0;
	size_t a = sp->start, b = sp->end;
	while (a > 0 && !pii__is_boundary(t->cp[a - 1]))
		a--;
	while (b < t->n && !pii__is_boundary(t->cp[b]))
		b++;
	return !person_ends_in(c, ix, a, b);
}

/* twenty-fifth round (d): the record names the company's representative
 * (代表取締役 松永 義和, 代表者：…): a company run by a named person, the
 * subject of the record (a seizure's 滞納者, a 相談者's firm), whose
 * account is as much its owner's as the firm's. A supplier's record
 * naming its clerk (担当者) is not that. */
static int representative_named(const struct pii__text *t, const struct pii__cands *c,
				struct scope sc)
{
	/* (代表社員: a 合同会社's, 代表者：代表社員 葛西 亮; batches 562-577) */
	static const char *const rep_words[] = {"代表取締役", "代表者", "代表社員", NULL};
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *v = &c->v[k];
		if (v->type != PII_PERSON || v->confidence <= 0 || v->start < sc.s || v->end > sc.e)
			continue;
		size_t q = v->start;
		while (q > 0 && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':') && v->start - q < 3)
			q--;
		if (pii__ends_with(t, q >= 8 ? q - 8 : 0, q, rep_words))
			return 1;
	}
	return 0;
}

/* A corporate number whose check digit fails, taken right after its label
 * (pii_detect.c), in a text that names no person: a company's number in a
 * record of companies (入札結果, 指定管理者, a register's correction), not a
 * person's own company mistyped (twenty-first round (b)). */
/* The digits of a number's span into d (at most 15); 0 when it holds more. */
static size_t span_digits(const struct pii__text *t, const struct pii_span *sp, char d[16])
{
	size_t n = 0;
	for (size_t q = sp->start; q < sp->end; q++)
		if (pii__is_digit(t->cp[q])) {
			if (n == 15)
				return 0;
			d[n++] = (char)('0' + (t->cp[q] - '0'));
		}
	return n;
}

static int corporate_mistyped(const struct pii__text *t, const struct pii__cands *c,
			      const struct pii_span *sp, struct scope sc)
{
	char d[16];
	size_t n = span_digits(t, sp, d);
	if (!n || pii_check_corporate_number(d, n))
		return 0;
	return !person_named_in(c, sc);
}

/* twenty-second round (b): a public body's own corporate number. The number
 * of a body with no registry entry is its check digit, then 000012 and the
 * rest for an organ of the State (国税庁 7000012050002), or 000020 and the
 * six-digit code of the local public body (a 市町村, a 都道府県, a 一部事務組合);
 * a company's number opens with its registry office's code, never 0000. Such
 * a number is published by 国税庁 and names no one. */
static int public_body_corporate(const struct pii__text *t, const struct pii_span *sp)
{
	char d[16];
	size_t n = span_digits(t, sp, d);
	return n == 13 && (memcmp(d + 1, "000012", 6) == 0 || memcmp(d + 1, "000020", 6) == 0);
}

/* Last words of a name in Latin letters that make it an organisation's or
 * a brand's (Diners Club, American Express, Sakura Trading Company). */
static const char *const latin_org_words[] = {
	"club", "express", "bank", "inc", "corp", "corporation", "company", "co", "ltd",
	"llc", "group", "association", "foundation", "center", "centre", "office", "hotel",
	"school", "university", "college", "hospital", "clinic", "church", "airlines",
	"airways", "card", "services", "service", "systems", "holdings", "international",
	"japan", "trading", "city", "prefecture",
	/* a firm's unit (From: HR Dept., …; batches 530-537) */
	"dept", "department", "division", NULL,
};

/* A firm's legal form right after a name in Latin letters (Hekikai Seiki
 * Co., Ltd.; batches 530-537): the words name the firm. */
static int latin_firm_after(const struct pii__text *t, const struct pii_span *sp)
{
	static const char *const forms[] = {" Co.", " Co,", " Ltd", " Inc", " Corp", " K.K.",
					    " LLC", NULL};
	return sp->end < t->n && t->cp[sp->end] == ' ' && pii__match_any(t, sp->end, forms);
}

/* A PERSON candidate that is no person: it holds an organisation's word
 * (京都市会計管理者 under 口座名義, 株式会社…), it is written in Latin letters
 * and ends with an organisation's or brand's word, or it is one code point
 * right after a number (1,902,980 通: a counter). */
/* The name of sp followed by its 市, 町, 村 or 区 occurs elsewhere in the
 * text without 長 after it: the text names that municipality. */
static int municipality_elsewhere(const struct pii__text *t, const struct pii_span *sp)
{
	size_t len = sp->end - sp->start;
	uint32_t kind = t->cp[sp->end];
	for (size_t q = 0; q + len + 1 < t->n; q++) {
		if (q == sp->start || t->cp[q + len] != kind || t->cp[q + len + 1] == 0x9577 ||
		    memcmp(t->cp + q, t->cp + sp->start, len * sizeof(*t->cp)) != 0)
			continue;
		return 1;
	}
	return 0;
}

/* Countries residents come from, a PERSON span of their own in statistics
 * and notes ((トルコ19、中国8、…), （台湾 1,402人）; twentieth round (a)). */
static const char *const person_countries[] = {
	"中国", "韓国", "台湾", "米国", "英国", "北朝鮮", "ベトナム", "フィリピン", "ブラジル",
	"ネパール", "ペルー", "インドネシア", "ミャンマー", "スリランカ", "インド", "タイ",
	"トルコ", "ロシア", "モンゴル", "カンボジア", "バングラデシュ", "パキスタン", "アメリカ",
	"イギリス", "フランス", "ドイツ", "カナダ",
	/* in a bracket after a name in Latin letters, read as its reading
	 * (O'NEILL SEAN（アイルランド）; batches 234-241) */
	"アイルランド", "オーストラリア", "ニュージーランド", "イタリア", "スペイン",
	"ポルトガル", "メキシコ", "ボリビア", "パラグアイ", "アルゼンチン", "コロンビア",
	"マレーシア", "シンガポール", "ラオス", "ウズベキスタン", "ウクライナ", "ナイジェリア",
	"ガーナ", "エジプト", "イラン", "アフガニスタン", "バングラデシュ", NULL,
};

/* Titles that stand where a name would, a chat's sender or a speaker
 * named by the post alone ([08:45] 室長：…; batches 266-273). */
static const char *const bare_titles[] = {
	"室長", "課長", "係長", "部長", "所長", "館長", "園長", "校長", "教頭", "主任", "主査", "主事",
	"主幹", "参事", "局長", "次長", "班長", "会長", "議長", "委員長", "理事長", "副市長",
	"副町長", "副村長", "教育長", "センター長", NULL,
};

/* Statuses of residence written in a bracket after a name (Paredes, Elvis
 * （定住者）; batches 218-225). */
static const char *const residence_statuses[] = {
	"定住者", "永住者", "特別永住者", "日本人の配偶者等", "永住者の配偶者等", "家族滞在",
	"技能実習", "特定技能", "特定活動", "留学", "技術・人文知識・国際業務", "技人国",
	"難民", NULL,
};

/* Legal forms of companies written before their names (株式会社田中工務店). */
static const char *const company_forms[] = {"株式会社", "有限会社", "合同会社", "合資会社",
					    "合名会社", NULL};

/* Opening hours written as a range of clock times (9:00〜19:00, 8:30-17:15)
 * anywhere in the text. */
static int clock_range_in(const struct pii__text *t, struct scope sc)
{
	if (!pii__may_have(t, ':'))
		return 0;
	for (size_t q = sc.s + 1; q + 4 < sc.e; q++) {
		if (t->cp[q] != ':' || !pii__is_digit(t->cp[q - 1]) || !pii__is_digit(t->cp[q + 1]) ||
		    !pii__is_digit(t->cp[q + 2]))
			continue;
		uint32_t d = t->cp[q + 3];
		if ((d == 0x301C /* 〜 */ || d == '~' || d == '-') && pii__is_digit(t->cp[q + 4]))
			return 1;
	}
	return 0;
}

/* twenty-fifth round (d): a company's own corporate number in a public
 * text that names no person, given as a fact of the company rather than as
 * a party's in a record (落札者 株式会社…（法人番号 …）, a contract's, a tax
 * return's: those keep it). Two shapes: the number as the subject of a
 * sentence that says whose it is (法人番号 N は株式会社…のもの, …の架空例), or the
 * number in a profile of the company's service desk, whose opening hours
 * the text gives (…相談室（受付 9:00〜19:00）。法人番号 N。所在地 …). A
 * number in brackets after the company's name is the record's. */
static int company_own_corporate(const struct pii__text *t, const struct pii__cands *c,
				 const struct pii_span *sp, struct scope sc)
{
	if (person_named_in(c, sc))
		return 0;
	size_t q = sp->start;
	while (q > 0 && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':'))
		q--;
	if (q >= 4 && pii__match(t, q - 4, "法人番号"))
		q -= 4;
	if (q > 0 && t->cp[q - 1] == '(')
		return 0;
	size_t e = sp->end;
	if (e < t->n && t->cp[e] == ' ')
		e++;
	if (e < t->n && t->cp[e] == 0x306F /* は */) {
		int form = 0;
		for (size_t r = e + 1; r + 2 < t->n && !pii__is_boundary(t->cp[r]) && t->cp[r] != 0x3002;
		     r++) {
			form = form || pii__match_any(t, r, company_forms);
			/* …のもの, …の架空例 (twenty-sixth round (d): an の
			 * after the company's name says whose the number is) */
			if (form && t->cp[r] == 0x306E /* の */)
				return 1;
		}
	}
	return clock_range_in(t, sc);
}

/* twenty-sixth round (d): a phone or a corporate number that its sentence
 * says is published (公表): in a note in brackets after it (…0565-33-1123
 * （いずれも公表番号）), or, a corporate number, before it with no person
 * named between (法人番号公表サイトで検索した…法人：株式会社…（N））. Not
 * 公表しない, 非公表, 未公表. */
static int said_published(const struct pii__text *t, const struct pii__cands *c,
			  const struct pii_span *sp)
{
	size_t a = pii__clause_start(t, sp->start, 160);
	int open = 0; /* a bracket opened after the value and not closed */
	for (size_t q = a; q + 1 < t->n && !pii__is_boundary(t->cp[q]) && q < sp->end + 80; q++) {
		if (q >= sp->end && t->cp[q] == '(')
			open = 1;
		else if (t->cp[q] == ')')
			open = 0;
		if ((q >= sp->start && q < sp->end) || (q >= sp->end && !open) ||
		    t->cp[q] != 0x516C /* 公 */ || t->cp[q + 1] != 0x8868 /* 表 */)
			continue;
		if ((q > 0 && (t->cp[q - 1] == 0x975E /* 非 */ || t->cp[q - 1] == 0x672A /* 未 */)) ||
		    (q + 2 < t->n && (t->cp[q + 2] == 0x3057 /* し */ || t->cp[q + 2] == 0x305B /* せ */)))
			continue;
		if (q >= sp->end)
			return 1;
		/* before it: only a corporate number, public by design (a
		 * phone after …公表している番号ではなく、私の携帯 is the writer's) */
		if (sp->type != PII_JP_CORPORATE_NUMBER)
			continue;
		int person = 0;
		for (size_t k = 0; k < c->n && !person; k++)
			person = c->v[k].type == PII_PERSON && c->v[k].confidence > 0 &&
				 c->v[k].start > q && c->v[k].end <= sp->start;
		if (!person)
			return 1;
	}
	return 0;
}

/* A placeholder of one Latin letter written over and over (XXXX XXXX,
 * xxx-xxxx): a dummy that masks a value, no one's name (twenty-sixth
 * round (e)). */
static int letter_placeholder(const struct pii__text *t, const struct pii_span *sp)
{
	uint32_t l = 0;
	size_t letters = 0;
	for (size_t q = sp->start; q < sp->end; q++) {
		uint32_t ch = t->cp[q];
		if (ch == ' ' || ch == '-')
			continue;
		if (!pii__is_alpha(ch) || (l && ch != l))
			return 0;
		l = ch;
		letters++;
	}
	return letters >= 3;
}

/* A task's status mark after the task and a space (鍵交換 済, 書類返送 未,
 * 確認 了; twenty-sixth round (e)): one kanji of a checklist's marks
 * ending its item (the line's end, a space, 、 or 。) after a space and
 * a word of 2+ kanji ENAMDICT lists as no surname. 田中 済 (a surname and
 * a given name) stays. */
static int status_mark(const struct pii__text *t, const struct pii_span *sp)
{
	static const uint32_t marks[] = {0x6E08 /* 済 */, 0x672A /* 未 */, 0x4E86 /* 了 */,
					 0x5B8C /* 完 */, 0x53EF /* 可 */, 0x5426 /* 否 */};
	size_t s = sp->start;
	if (sp->end != s + 1 || s < 3 || t->cp[s - 1] != ' ' || !pii__is_kanji(t->cp[s - 2]))
		return 0;
	int mark = 0;
	for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
		mark |= t->cp[s] == marks[k];
	uint32_t f = sp->end < t->n ? t->cp[sp->end] : '\n';
	if (!mark || !(f == '\n' || f == ' ' || f == 0x3001 || f == 0x3002))
		return 0;
	size_t a = s - 1;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && s - 1 - a < 8)
		a--;
	const struct pii__names *names = pii__names_get();
	return s - 1 - a >= 2 &&
	       !(names && (pii__names_lookup(names, t->cp + a, s - 1 - a) & PII_NAME_SURNAME));
}

/* Latin words opening with a capitalised word of lower-case letters
 * after its capital, another word all lower case and no particle of a
 * name (da, van, bin…): a phrase (Tsunami warning. Evacuate…; batches
 * 458-461), not a name. A word runs on across a hyphen or an apostrophe
 * (Park Seo-yeon); names written lower case first (mendoza flores,
 * KATHERINE) and handles are left to the rules that found them. */
static int latin_phrase(const struct pii__text *t, const struct pii_span *sp)
{
	int first = 1, lower = 0;
	for (size_t i = sp->start; i < sp->end;) {
		uint32_t c = t->cp[i];
		if (c == ' ' || c == '.' || c == ',') {
			i++;
			continue;
		}
		if (!pii__is_latin(c))
			return 0;
		size_t e = i;
		while (e < sp->end && (pii__is_latin(t->cp[e]) || t->cp[e] == '-' || t->cp[e] == '\''))
			e++;
		if (first) {
			/* Tsunami: a capital, then lower case only */
			if (!pii__is_latin_upper(c) || e - i < 2)
				return 0;
			for (size_t q = i + 1; q < e; q++)
				if (!pii__is_alpha(t->cp[q]) || pii__is_latin_upper(t->cp[q]))
					return 0;
			first = 0;
		} else if (!pii__is_latin_upper(c)) {
			int all = 1;
			for (size_t q = i; q < e && all; q++)
				all = pii__is_alpha(t->cp[q]) && !pii__is_latin_upper(t->cp[q]);
			if (all && !pii__latin_particle(t, i, e))
				lower = 1;
		}
		i = e;
	}
	return lower;
}

/* A road's class (市道 湊線, 農道 岩首棚田線 in a snow-clearing plan's rows;
 * batches 466-469): a road's name after it, or the class read with it,
 * is no one's. */
static const char *const road_classes[] = {"市道", "町道", "村道", "区道", "県道", "府道",
					   "都道", "道道", "国道", "農道", "林道", NULL};

static int road_name(const struct pii__text *t, const struct pii_span *sp)
{
	size_t m = (size_t)pii__match_any(t, sp->start, road_classes);
	if (m && sp->start + m < sp->end && t->cp[sp->start + m] == ' ')
		return 1;
	size_t b = sp->start;
	if (b > 0 && t->cp[b - 1] == ' ')
		b--;
	return b >= 2 && pii__ends_with(t, b - 2, b, road_classes) != 0;
}

/* A day of the week at q opening its line, a colon after it: a rota's row
 * (月：ポ語A・越語). */
static int weekday_row_at(const struct pii__text *t, size_t q)
{
	static const uint32_t days[] = {0x6708 /* 月 */, 0x706B /* 火 */, 0x6C34 /* 水 */,
					0x6728 /* 木 */, 0x91D1 /* 金 */, 0x571F /* 土 */,
					0x65E5 /* 日 */};
	if (q + 1 >= t->n || (q > 0 && t->cp[q - 1] != '\n') || t->cp[q + 1] != ':')
		return 0;
	for (size_t k = 0; k < YK_ARRAY_LEN(days); k++)
		if (t->cp[q] == days[k])
			return 1;
	return 0;
}

/* 月：ポ語A…⏎火：ポ語A…: a one-kanji speaker that is a day of the week, on
 * a line that a rota's row opens, another day opening a line next to it
 * (a weekly timetable, not a chat; 金 is a surname, 金：はい alone stays
 * one; batches 530-537). */
static int weekday_rota(const struct pii__text *t, const struct pii_span *sp)
{
	if (sp->end != sp->start + 1 || !weekday_row_at(t, sp->start))
		return 0;
	/* the line above or the one below opens with another day */
	size_t e = sp->start;
	while (e < t->n && t->cp[e] != '\n')
		e++;
	if (e + 1 < t->n && weekday_row_at(t, e + 1) && t->cp[e + 1] != t->cp[sp->start])
		return 1;
	if (sp->start >= 2) {
		size_t a = sp->start - 1;
		while (a > 0 && t->cp[a - 1] != '\n')
			a--;
		if (weekday_row_at(t, a) && t->cp[a] != t->cp[sp->start])
			return 1;
	}
	return 0;
}

/* 巡回：岩井→浦富→田後→網代（岩美町）: a name of kanji between arrows on
 * a line of three arrows or more, no honorific after it, is a stop of a
 * route, not a person (a handover writes 上原→島袋さん, one arrow;
 * batches 554-561). */
/* A span of kanji glued to an arrow before or after it, no honorific
 * after it (a handover writes 上原→島袋さん): its line in [*a, *e), or 0. */
static int arrow_span_line(const struct pii__text *t, const struct pii_span *sp, size_t *a,
			   size_t *e)
{
	static const char *const honorifics[] = {"さん", "様", "氏", "君", "くん", "ちゃん", NULL};
	if (!pii__is_kanji(t->cp[sp->start]) ||
	    !((sp->start > 0 && t->cp[sp->start - 1] == 0x2192 /* → */) ||
	      (sp->end < t->n && t->cp[sp->end] == 0x2192)) ||
	    pii__match_any(t, sp->end, honorifics))
		return 0;
	*a = sp->start, *e = sp->end;
	while (*a > 0 && !is_line_end(t->cp[*a - 1]))
		(*a)--;
	while (*e < t->n && !is_line_end(t->cp[*e]))
		(*e)++;
	return 1;
}

static int route_stop(const struct pii__text *t, const struct pii_span *sp)
{
	size_t a, e;
	if (sp->end - sp->start > 4 || !arrow_span_line(t, sp, &a, &e))
		return 0;
	size_t arrows = 0;
	int route = 0;
	/* and the line says it is a route: its word, or a municipality
	 * named in brackets after the stops (a chain of surnames, a
	 * handover's, says neither) */
	static const char *const route_words[] = {"巡回", "ルート", "経路", "コース", "経由", "方面",
						  "便", "運行", NULL};
	for (size_t q = a; q < e; q++) {
		arrows += t->cp[q] == 0x2192;
		/* (発 after a time: 8:30発, a departure; not 発送, 開発) */
		route |= pii__match_any(t, q, route_words) != 0 ||
			 (t->cp[q] == 0x767A /* 発 */ && q > a && pii__is_digit(t->cp[q - 1])) ||
			 (t->cp[q] == ')' && q > a &&
			  (t->cp[q - 1] == 0x5E02 /* 市 */ || t->cp[q - 1] == 0x753A /* 町 */ ||
			   t->cp[q - 1] == 0x6751 /* 村 */));
	}
	return arrows >= 3 && route;
}

/* An animal's sex in the brackets after a name or around it (こむぎ（柴・
 * メス）, ハナ（雑種・メス・15歳）: a dog's or a cat's register; batches
 * 562-577): the name is a pet's, and so is its breed inside them. */
static const char *const pet_sexes[] = {"オス", "メス", "去勢", "避妊", NULL};

static int pet_bracket(const struct pii__text *t, const struct pii_span *sp)
{
	size_t open = sp->end, q;
	if (open >= t->n || t->cp[open] != '(') {
		/* or the name inside the brackets (the breed): back to '(' on
		 * the line, no ')' between */
		for (q = sp->start; q > 0 && sp->start - q < 10; q--) {
			uint32_t ch = t->cp[q - 1];
			if (ch == '(' || ch == ')' || is_line_end(ch))
				break;
		}
		if (q == 0 || t->cp[q - 1] != '(')
			return 0;
		open = q - 1;
	}
	for (q = open + 1; q < t->n && q - open < 24 && t->cp[q] != ')' && !is_line_end(t->cp[q]);
	     q++) {
		/* a word of its own, not inside a reading's katakana (大杉 紀子
		 * （オオスギ ノリコ）; session 25's read files) */
		size_t m = (size_t)pii__match_any(t, q, pet_sexes);
		if (m && !pii__is_kata(t->cp[q - 1]) && (q + m >= t->n || !pii__is_kata(t->cp[q + m])))
			return 1;
	}
	return 0;
}

/* A pet's date of birth on its register (犬の生年月日：2026年7月20日). */
static int pet_birth_date(const struct pii__text *t, const struct pii_span *sp)
{
	static const char *const pet_dob[] = {"犬の生年月日", "猫の生年月日", "ペットの生年月日",
					      "犬生年月日", "猫生年月日", NULL};
	size_t b = sp->start;
	while (b > 0 && (t->cp[b - 1] == ' ' || t->cp[b - 1] == ':'))
		b--;
	return sp->start - b < 4 && pii__ends_with(t, b >= 8 ? b - 8 : 0, b, pet_dob) != 0;
}

/* A shop's kind and its name after a space (カフェ ゆきみち, 喫茶 みどり,
 * スナック 花: a trade name, read as a surname and a given name; batches
 * 562-577). */
static int shop_kind_head(const struct pii__text *t, const struct pii_span *sp)
{
	static const char *const shop_kinds[] = {"カフェ", "喫茶", "ベーカリー", "サロン", "食堂",
						 "レストラン", "スナック", "居酒屋", "民宿", "旅館",
						 "ペンション", "ギャラリー", "ショップ", NULL};
	size_t m = pii__match_any(t, sp->start, shop_kinds);
	return m && sp->start + m + 1 < sp->end && t->cp[sp->start + m] == ' ';
}

/* A relation or a crew's role called with さん or 様 (娘さん立会い, 照明さん
 * から連絡: batches 578-593), the span's last word: nobody's name. Not 孫,
 * a Chinese surname (孫さん). */
static const char *const called_roles[] = {
	"娘", "息子", "奥", "嫁", "婿", "姪", "甥", "兄", "姉", "弟", "妹", "祖母", "祖父",
	"照明", "音響", "舞台", "大工", "大家", "管理人", "運転手", "ガイド", NULL};

static int called_role(const struct pii__text *t, const struct pii_span *sp)
{
	/* the span's last word (a head of another word before a space is
	 * trimmed later: 14時 娘さん) */
	size_t w = sp->end;
	while (w > sp->start && t->cp[w - 1] != ' ')
		w--;
	return (pii__match(t, sp->end, "さん") || pii__match(t, sp->end, "様")) &&
	       pii__is_word(t, w, sp->end, called_roles);
}

/* 﨑津 12:05 → 一町田 12:18 →…: a stop of a timetable, a place and its
 * time with an arrow before the place or after the time (batches
 * 594-609). */
static int timetable_stop(const struct pii__text *t, const struct pii_span *sp)
{
	size_t q = sp->end;
	if (sp->end - sp->start > 6 || !pii__is_kanji(t->cp[sp->start]) || q + 5 > t->n ||
	    t->cp[q] != ' ' || !pii__is_digit(t->cp[q + 1]))
		return 0;
	q++;
	size_t d = q;
	while (q < t->n && pii__is_digit(t->cp[q]) && q - d < 3)
		q++;
	if (q - d < 1 || q - d > 2 || q + 2 >= t->n || t->cp[q] != ':' || !pii__is_digit(t->cp[q + 1]) ||
	    !pii__is_digit(t->cp[q + 2]))
		return 0;
	q += 3;
	int after = q + 1 < t->n && t->cp[q] == ' ' && t->cp[q + 1] == 0x2192 /* → */;
	int before = sp->start >= 2 && t->cp[sp->start - 1] == ' ' && t->cp[sp->start - 2] == 0x2192;
	return after || before;
}

/* 長崎→福江,大人,10350 or 福江→長崎 片道 2時間: a place on either side
 * of an arrow glued to it, on a line of a fare, a crossing or a walk's
 * time (運航, 片道, 大人, 約2時間; batches 626-641), with no honorific
 * after it (a handover writes 上原→島袋さん). */
static int fare_route_end(const struct pii__text *t, const struct pii_span *sp)
{
	static const char *const trip_words[] = {"片道", "往復", "大人", "小人", "運航", "運賃",
						 "所要", "航路", NULL};
	size_t a, e;
	if (!arrow_span_line(t, sp, &a, &e))
		return 0;
	for (size_t q = a; q < e; q++)
		if (pii__match_any(t, q, trip_words) ||
		    (t->cp[q] == 0x7D04 /* 約 */ && q + 1 < e && pii__is_digit(t->cp[q + 1])))
			return 1;
	return 0;
}

/* Roles and relations written glued before a full name (長男津和崎 亮,
 * 代表取締役志鷹 利明, 警備員佐古田 勇; batches 806-835). */
static const char *const glued_role_words[] = {"長男", "長女", "次男", "次女", "三男", "三女",
					       "代表取締役", "取締役", "警備員", "社長", "会長",
					       "店主", "院長", "理事長", "組合長", "専務", NULL};

/* A full name found with its surname cut after such a role (和崎 亮 of
 * 長男津和崎 亮): one kanji between the role's end and the name's start is
 * the surname's head, the surname then 2-4 kanji (two kanji between were
 * tried: a held-out name lost its start). */
static void heads_after_glued_roles(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct pii_span *v = &c->v[i];
		size_t s = v->start;
		if (v->type != PII_PERSON || s < 3 || !pii__is_kanji(t->cp[s - 1]) ||
		    !pii__is_kanji(t->cp[s]))
			continue;
		size_t sp = s;
		while (sp < v->end && pii__is_kanji(t->cp[sp]))
			sp++;
		if (sp >= v->end || t->cp[sp] != ' ')
			continue;
		if (sp - (s - 1) <= 4 &&
		    pii__ends_with(t, s - 1 > 5 ? s - 6 : 0, s - 1, glued_role_words))
			pii__span_set(v, t, s - 1, v->end);
	}
}

/* The place glued after a cooperative's letters is the cooperative's
 * (JA鶴岡, JA庄内みどり, JF…; batches 806-821): a name found from it is
 * dropped, or starts after the space when one follows the place (JA鶴岡
 * 鈴木: the staff member is 鈴木). */
static void cooperative_places(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct pii_span *v = &c->v[i];
		size_t s = v->start;
		if (v->type != PII_PERSON || s < 2 || t->cp[s - 2] != 'J' ||
		    !(t->cp[s - 1] == 'A' || t->cp[s - 1] == 'F') ||
		    (s >= 3 && pii__is_alpha(t->cp[s - 3])))
			continue;
		size_t sp = s;
		while (sp < v->end && t->cp[sp] != ' ')
			sp++;
		if (sp + 1 < v->end)
			pii__span_set(v, t, sp + 1, v->end);
		else
			v->confidence = 0;
	}
}

/* Does a line of the text open with the member of staff's turn (職員：,
 * 窓口：, 担当：)? Then the text is a dialogue written down. */
static int staff_turn_in(const struct pii__text *t)
{
	static const char *const staff[] = {"職員:", "職員 :", "窓口:", "担当:", "係:", NULL};
	if (pii__match_any(t, 0, staff))
		return 1;
	for (size_t q = pii__find_cp(t, 0, '\n'); q + 1 < t->n; q = pii__find_cp(t, q + 1, '\n'))
		if (pii__match_any(t, q + 1, staff))
			return 1;
	return 0;
}

/* The first word of a caller's or a visitor's turn in a dialogue written
 * down (相談者：佐田の沈下橋のとこ, 相談者：あの、平良でカフェをやってる…,
 * 来庁者：はい、片島の母のことで; session 21's read files and session 20's
 * limits), before の, に, へ, から or で (not です): the place they speak
 * of, which the turn's label would make a name. Fillers of a few kana
 * closed by 、 may come first. */
static int dialogue_turn_place(const struct pii__text *t, const struct pii_span *sp)
{
	size_t e = sp->end;
	if (e + 1 >= t->n || t->cp[e + 1] == 0x3001 /* 、 */)
		return 0;
	/* a place is one word: no full name (宮国 ヨシの長男) */
	for (size_t k = sp->start; k < e; k++)
		if (t->cp[k] == ' ')
			return 0;
	uint32_t a = t->cp[e];
	if (!(a == 0x306E /* の */ || a == 0x306B /* に */ || a == 0x3078 /* へ */ ||
	      pii__match(t, e, "から") ||
	      (a == 0x3067 /* で */ && t->cp[e + 1] != 0x3059 /* す */ && t->cp[e + 1] != 0x3054 /* ご */)))
		return 0;
	size_t q = sp->start;
	/* fillers: a few kana and 、 (あの、, はい、, えっと、) */
	if (q > 0 && t->cp[q - 1] == 0x3001 /* 、 */) {
		size_t f = q - 1;
		while (f > 0 && (pii__is_hira(t->cp[f - 1]) || t->cp[f - 1] == 0x30FC /* ー */) &&
		       q - f <= 7)
			f--;
		if (f == q - 1)
			return 0;
		q = f;
	}
	if (q > 0 && t->cp[q - 1] == ' ')
		q--;
	if (q < 2 || t->cp[q - 1] != ':')
		return 0;
	size_t l = q - 1;
	while (l > 0 && (pii__is_kanji(t->cp[l - 1]) || pii__is_kata(t->cp[l - 1])) && q - 1 - l < 6)
		l--;
	if (l == q - 1 || (l > 0 && t->cp[l - 1] != '\n') || pii__match(t, l, "職員"))
		return 0;
	return staff_turn_in(t);
}

static int head_title_before(const struct pii__text *t, size_t q);

static int not_a_person(const struct pii__text *t, const struct pii_span *sp)
{
	/* a place where someone lives or stays or from which they moved (城辺の
	 * 友利に住んでる友利です, 大阪から移住, 弟の博之が富山におります;
	 * session 21's read files) */
	static const char *const place_after[] = {"に住ん", "に住む", "に住ま", "に在住", "から移住",
						  /* 弟が富山におります */
						  "におり", "にいる", "にいます", NULL};
	if (pii__match_any(t, sp->end, place_after))
		return 1;
	if (pii__may_have(t, ':') && dialogue_turn_place(t, sp))
		return 1;
	/* 様子 is a word, not 様 after a name (現地 大和様子見); a name in
	 * 「…」 before 欄 names a form's field (「中村（妻）」欄は空欄; the
	 * learned model retrained on session 21's read files reads both) */
	if (pii__match(t, sp->end, "様子"))
		return 1;
	/* 伊賀市長（公印省略）: a head's title with the seal left off and no
	 * name after it signs for the municipality the word before it
	 * names (session 26's read files) */
	for (size_t q = sp->end + 2; q <= sp->end + 3 && q < t->n; q++)
		if (head_title_before(t, q) && pii__match(t, q, "(公印省略)"))
			return 1;
	/* 長女様のアドレス: an honorific alone is no name; 子 男、出生日時…: a
	 * child's sex in a birth record (男 or 女 alone); 新氏 原: the new
	 * surname's label (新 or 旧 alone before 氏) (session 26's read
	 * files) */
	if (sp->end - sp->start == 1) {
		uint32_t x = t->cp[sp->start];
		if (x == 0x69D8 /* 様 */ || x == 0x6BBF /* 殿 */ || x == 0x7537 /* 男 */ ||
		    x == 0x5973 /* 女 */)
			return 1;
		if ((x == 0x65B0 /* 新 */ || x == 0x65E7 /* 旧 */) && sp->end < t->n &&
		    t->cp[sp->end] == 0x6C0F /* 氏 */)
			return 1;
	}
	if (sp->start > 0 && t->cp[sp->start - 1] == 0x300C /* 「 */) {
		size_t q = sp->end;
		while (q < t->n && q - sp->end < 8 && t->cp[q] != 0x300D /* 」 */ && t->cp[q] != '\n' &&
		       t->cp[q] != 0x300C)
			q++;
		if (q + 1 < t->n && t->cp[q] == 0x300D && t->cp[q + 1] == 0x6B04 /* 欄 */)
			return 1;
	}
	if (pii__may_have(t, 0x2192 /* → */) && fare_route_end(t, sp))
		return 1;
	if (pii__may_have(t, 0x2192 /* → */) && timetable_stop(t, sp))
		return 1;
	if (called_role(t, sp))
		return 1;
	/* ひっこし しました (batches 730-743): hiragana closing on a polite
	 * verb's ending is a sentence, no name; nor まずお before 名前 (the
	 * honorific お of お名前) */
	{
		static const char *const endings[] = {"ました", "ます", "です", "ません", "でした", NULL};
		int kana = 1;
		for (size_t q = sp->start; q < sp->end && kana; q++)
			kana = pii__is_hira(t->cp[q]) || t->cp[q] == ' ';
		if (kana && sp->end - sp->start >= 4 &&
		    pii__ending_word(t, sp->start + 1, sp->end, endings) >= 0)
			return 1;
		if (kana && t->cp[sp->end - 1] == 0x304A /* お */ && pii__match(t, sp->end, "名前"))
			return 1;
	}
	/* ハローワーク村山（TEL …）: the office's town after its name
	 * (batches 790-805) */
	if (sp->start >= 6 && pii__match(t, sp->start - 6, "ハローワーク") == 6)
		return 1;
	/* R8修-0932 (batches 714-729): one kanji inside a code, after a
	 * letter or a digit and before a hyphen or a digit */
	if (sp->end == sp->start + 1 && sp->start > 0 && sp->end < t->n &&
	    pii__is_alnum(t->cp[sp->start - 1]) &&
	    (t->cp[sp->end] == '-' || pii__is_digit(t->cp[sp->end])))
		return 1;
	/* 問：…⏎答：…, a record's question and answer; 不明, 未定 or 調査中 in
	 * a name's cell (batches 594-609); a word of time */
	static const char *const no_name_words[] = {"問", "答", "不明", "未定", "未記入", "調査中",
						    "該当なし",
						    /* words of time before は (今後は…,
						     * 日中は不在がち; batches 610-625) */
						    "今後", "以後", "以降", "日中", "今回", "次回",
						    "前回", "当日", "翌日", "本日", NULL};
	if (pii__is_word(t, sp->start, sp->end, no_name_words) &&
	    (sp->end - sp->start > 1 || (sp->end < t->n && t->cp[sp->end] == ':')))
		return 1;
	/* …地域交通担当 行: a return envelope's 行 after the unit it goes to
	 * (batches 578-593) */
	if (sp->end == sp->start + 1 && t->cp[sp->start] == 0x884C /* 行 */ && sp->start > 0 &&
	    t->cp[sp->start - 1] == ' ' && (sp->end == t->n || is_line_end(t->cp[sp->end])))
		return 1;
	if (shop_kind_head(t, sp))
		return 1;
	if (pii__may_have(t, '(') && pet_bracket(t, sp))
		return 1;
	if (route_stop(t, sp))
		return 1;
	if (status_mark(t, sp))
		return 1;
	if (weekday_rota(t, sp))
		return 1;
	/* お孫さん, お嫁さん: one kanji between お and さん or 様 is a
	 * relation named politely, not a name (batches 530-553) */
	if (sp->end == sp->start + 1 && sp->start > 0 && t->cp[sp->start - 1] == 0x304A /* お */ &&
	    (pii__match(t, sp->end, "さん") || pii__match(t, sp->end, "様")))
		return 1;
	/* a municipality's name before its office (上雪川市役所, 上雪川市 長寿
	 * 支援課御中; batch 295) */
	static const char *const muni_office[] = {"市役所", "町役場", "村役場", "区役所", "市役場",
						  "市議会", "町議会", "村議会", NULL};
	if (pii__match_any(t, sp->end, muni_office))
		return 1;
	if (sp->end + 2 < t->n && (t->cp[sp->end] == 0x5E02 /* 市 */ || t->cp[sp->end] == 0x753A /* 町 */ ||
				   t->cp[sp->end] == 0x6751 /* 村 */) &&
	    t->cp[sp->end + 1] == ' ') {
		for (size_t q = sp->end + 2; q < t->n && q - sp->end < 12 && !is_line_end(t->cp[q]); q++)
			if (t->cp[q] == 0x8AB2 /* 課 */ || t->cp[q] == 0x90E8 /* 部 */ ||
			    t->cp[q] == 0x4FC2 /* 係 */)
				return 1;
	}
	if (pii__is_word(t, sp->start, sp->end, person_countries) ||
	    pii__is_word(t, sp->start, sp->end, residence_statuses) ||
	    pii__is_word(t, sp->start, sp->end, bare_titles))
		return 1;
	if (pii__is_alpha(t->cp[sp->start]) && letter_placeholder(t, sp))
		return 1;
	if (line_has_words(t, sp->start, sp->end, org_holder_words))
		return 1;
	if (pii__is_latin(t->cp[sp->start]) && latin_phrase(t, sp))
		return 1;
	if (road_name(t, sp))
		return 1;
	if (pii__is_latin(t->cp[sp->end - 1]) && latin_firm_after(t, sp))
		return 1;
	if (pii__is_latin(t->cp[sp->end - 1])) {
		size_t w = sp->end;
		while (w > sp->start && pii__is_latin(t->cp[w - 1]))
			w--;
		if (w > sp->start && in_list(t, w, sp->end, latin_org_words))
			return 1;
	}
	/* one kanji after a number and a space (3 件), but not a chat
	 * line's speaker after its time (09:14 辻：; session 21) */
	if (sp->end - sp->start == 1 && sp->start >= 2 && t->cp[sp->start - 1] == ' ' &&
	    pii__is_digit(t->cp[sp->start - 2]) && !(sp->end < t->n && t->cp[sp->end] == ':'))
		return 1;
	/* a form's label read as a given name (健保組|合 記号 6701): no one is
	 * named 記号 or 番号 (fifteenth round (b)) */
	if (sp->end - sp->start >= 3 && t->cp[sp->end - 3] == ' ' &&
	    (pii__match(t, sp->end - 2, "記号") || pii__match(t, sp->end - 2, "番号")))
		return 1;
	/* さんさん after it (塚口さんさんタウン, a shopping centre; さんさん is
	 * 燦々): no name takes さん twice, so the first さん is no honorific
	 * (the lead's look at the FAQ corpus, 2026-12-05 night) */
	if (pii__match(t, sp->end, "さんさん"))
		return 1;
	/* 貴 of 貴殿, 貴様, 貴君 (a letter's "you", cut before its
	 * honorific by MeCab): no one's name; twenty-fourth round (b) */
	if (sp->end - sp->start == 1 && t->cp[sp->start] == 0x8CB4 /* 貴 */ && sp->end < t->n &&
	    (t->cp[sp->end] == 0x6BBF /* 殿 */ || t->cp[sp->end] == 0x69D8 /* 様 */ ||
	     t->cp[sp->end] == 0x541B /* 君 */))
		return 1;
	/* 子ども read as a name's end (堺市子|ども青少年局), eighth round */
	if (t->cp[sp->end - 1] == 0x5B50 /* 子 */ && sp->end + 1 < t->n &&
	    t->cp[sp->end] == 0x3069 /* ど */ && t->cp[sp->end + 1] == 0x3082 /* も */)
		return 1;
	/* a company's name that opens with a place (東北|あおば損害保険株式会社) */
	int company = pii__may_have(t, 0x682A /* 株 */) || pii__may_have(t, 0x6709 /* 有 */);
	for (size_t q = sp->end; company && q < t->n && q < sp->end + PUBLIC_COMPANY_AFTER; q++) {
		uint32_t ch = t->cp[q];
		if (ch == ' ' || pii__is_boundary(ch) || ch == 0x3001 || ch == '(' || ch == ',' ||
		    ch == ':' || ch == 0x306E /* の */)
			break;
		if (pii__match(t, q, "株式会社") || pii__match(t, q, "有限会社"))
			return q > sp->end;
	}
	/* a name glued inside a company's name after its legal form
	 * (合同会社ヌワン田中ファーム, 株式会社田中工務店; twentieth round (a)) */
	if (pii__may_have(t, 0x4F1A /* 会 */) && pii__may_have(t, 0x793E /* 社 */)) {
		for (size_t q = sp->start; q >= 4 && sp->start - q < PUBLIC_COMPANY_AFTER; q--) {
			if (t->cp[q - 2] == 0x4F1A && t->cp[q - 1] == 0x793E &&
			    pii__match_any(t, q - 4, company_forms) == 4)
				return 1;
			uint32_t ch = t->cp[q - 1];
			/* not past の (株式会社みなと印刷の大島: the staff member) */
			if (!(pii__is_kanji(ch) || pii__is_kata(ch) || pii__is_hira(ch) ||
			      pii__is_latin(ch)) || ch == 0x306E /* の */)
				break;
		}
	}
	/* a municipality's head (金沢市長) or a town's name in an address read
	 * as one (金沢|市長坂台): a place ENAMDICT lists, right before 市長,
	 * 町長, 村長 or 区長, that the text names as a municipality elsewhere
	 * (金沢市住民基本台帳…; 田中市長 alone stays a mayor's name), eighth
	 * round */
	if (sp->end + 1 < t->n && t->cp[sp->end + 1] == 0x9577 /* 長 */ &&
	    (t->cp[sp->end] == 0x5E02 /* 市 */ || t->cp[sp->end] == 0x753A /* 町 */ ||
	     t->cp[sp->end] == 0x6751 /* 村 */ || t->cp[sp->end] == 0x533A /* 区 */) &&
	    sp->end - sp->start <= 4) {
		const struct pii__names *names = pii__names_get();
		/* or that ends its line (a notice's sender: 福山市長⏎), opens
		 * an election's name (上田市長選挙) or is addressed (福井市長
		 * 様), twentieth round (a) */
		size_t q = sp->end + 2;
		if (q + 1 < t->n && t->cp[q] == ' ')
			q++;
		int head = q >= t->n || t->cp[q] == '\n' || t->cp[q] == 0x9078 /* 選 */ ||
			   t->cp[q] == 0x69D8 /* 様 */ || t->cp[q] == 0x6BBF /* 殿 */;
		/* or the head's full name follows, its parts spaced (岡崎市長
		 * 中根 康浩は…; twenty-sixth round (e)); 田中市長 登壇 stays */
		if (!head && q > sp->end + 2) {
			size_t r = q;
			while (r < t->n && pii__is_kanji(t->cp[r]) && r - q < 4)
				r++;
			head = r - q >= 1 && r - q <= 3 && r + 1 < t->n && t->cp[r] == ' ' &&
			       pii__is_kanji(t->cp[r + 1]);
		}
		/* or 市 and a town's name to 町 or 村 follow (出雲|市長浜町B社
		 * opening a list's line: a city and its town, no mayor;
		 * twenty-fourth round (b)) */
		if (t->cp[sp->end] == 0x5E02 /* 市 */) {
			size_t r = sp->end + 1;
			while (r < t->n && pii__is_kanji(t->cp[r]) && r - sp->end <= 5)
				r++;
			if (r - sp->end >= 3 && r - sp->end <= 5 &&
			    (t->cp[r - 1] == 0x753A /* 町 */ || t->cp[r - 1] == 0x6751 /* 村 */))
				head = 1;
		}
		if (names && (pii__names_lookup(names, t->cp + sp->start, sp->end - sp->start) &
			      PII_NAME_PLACE) &&
		    (head || municipality_elsewhere(t, sp)))
			return 1;
	}
	return 0;
}

/* Office hours in brackets right after the number (011-211-2045（平日9:00～
 * 17:00）, (Mon-Fri 9:00-17:00)): a range of clock times; a time alone
 * (（16時以降）, a person's callback hours) or hours in words (（平日9時〜17時）,
 * when a person can be reached, eval.txt) are none. */
/* The opening bracket right after sp (spaces allowed), or 0. */
static size_t bracket_after(const struct pii__text *t, const struct pii_span *sp)
{
	size_t q = sp->end;
	while (q < t->n && t->cp[q] == ' ')
		q++;
	return q < t->n && t->cp[q] == '(' ? q : 0;
}

/* twenty-sixth round (d): a postal code with its area in brackets right
 * after it and nothing else there (郵便番号 123-4567（北浜市港町）は…): the
 * bracket names the district the code serves, with no lot, so the code
 * is spoken of as the area's; a person's is written before a full
 * address, not a town in brackets. */
static int postal_area_named(const struct pii__text *t, const struct pii_span *sp)
{
	size_t q = bracket_after(t, sp);
	/* 〒332-0034 の地域（川口市並木）: the area's word between
	 * (twenty-eighth round (c)) */
	static const char *const area_words[] = {"の地域", "地域", "の区域", "区域", NULL};
	if (!q) {
		size_t a = sp->end, m;
		while (a < t->n && t->cp[a] == ' ')
			a++;
		if ((m = pii__match_any(t, a, area_words)) && a + m < t->n && t->cp[a + m] == '(')
			q = a + m;
	}
	if (!q)
		return 0;
	size_t e = q + 1;
	while (e < t->n && e - q <= 20 &&
	       (pii__is_kanji(t->cp[e]) || pii__is_kata(t->cp[e]) || pii__is_hira(t->cp[e])))
		e++;
	return e - q >= 3 && e < t->n && t->cp[e] == ')';
}

static int hours_after(const struct pii__text *t, const struct pii_span *sp)
{
	size_t q = bracket_after(t, sp);
	if (!q)
		return 0;
	int colon = 0, range = 0;
	for (size_t k = q + 1; k < t->n && k < q + 24 && t->cp[k] != ')'; k++) {
		if (t->cp[k] == ':' && k > 0 && pii__is_digit(t->cp[k - 1]))
			colon++;
		if ((t->cp[k] == 0xFF5E /* ～ */ || t->cp[k] == 0x301C || t->cp[k] == '~' ||
		     t->cp[k] == '-') && colon)
			range = 1;
	}
	return colon >= 2 && range;
}

/* A line open around the clock, said in brackets right after the number
 * (0120-…（24時間）, （24時間受付）): a service's line, never a person's
 * (twenty-first round (b)). */
static int around_the_clock_after(const struct pii__text *t, const struct pii_span *sp)
{
	size_t q = bracket_after(t, sp);
	if (!q)
		return 0;
	for (size_t k = q + 1; k + 4 <= t->n && k < q + 12 && t->cp[k] != ')'; k++)
		if (t->cp[k] == '2' && pii__match(t, k, "24時間")) {
			/* the hours alone or with the line's word (受付, 対応,
			 * 365日), not a sentence about someone at home */
			static const char *const service[] = {")", "受付", "対応", "365日", "年中無休", NULL};
			return pii__match_any(t, k + 4, service) != 0;
		}
	return 0;
}

/* 予約専用電話 0178-…, 相談専用ダイヤル：…: a label that names the line as
 * dedicated to a service, right before the number (twenty-first round
 * (b)). */
static int dedicated_line_before(const struct pii__text *t, const struct pii_span *sp)
{
	static const char *const dedicated[] = {"専用電話", "専用ダイヤル", "専用回線", "専用番号", NULL};
	size_t p = sp->start;
	while (p > 0 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':' || t->cp[p - 1] == '('))
		p--;
	return p >= 4 && pii__ends_with(t, p >= 6 ? p - 6 : 0, p, dedicated) != 0;
}

/* A line of a directory of offices: a ward's, city's or town's name alone
 * before the number (鶴見区 045-…), in a list of two lines or more of that
 * shape. */
static int place_suffix(uint32_t c)
{
	return c == 0x533A /* 区 */ || c == 0x5E02 /* 市 */ || c == 0x753A /* 町 */ ||
	       c == 0x6751 /* 村 */;
}

static int place_line_at(const struct pii__text *t, size_t ls, size_t *num)
{
	size_t q = ls;
	while (q < t->n && (pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]) ||
			    pii__is_hira(t->cp[q])) && q - ls < 8)
		q++;
	if (q - ls < 2)
		return 0;
	if (!place_suffix(t->cp[q - 1]))
		return 0;
	while (q < t->n && t->cp[q] == ' ')
		q++;
	if (q >= t->n || !pii__is_digit(t->cp[q]))
		return 0;
	*num = q;
	return 1;
}

/* The kinds of area a list of places ends with (上町・本町地区). */
static const char *const area_tails[] = {"地区", "地域", "校区", "町内", "方面", NULL};

/* Does the ・ at q join a list of places that ends with an area's kind
 * (（北浜・南浜地区）, 北浜・西町・東町地域)? */
static int area_list_at(const struct pii__text *t, size_t q)
{
	/* the list runs on over kanji, ヶ (松ヶ丘) and ・ to its area's kind */
	size_t r = q + 1;
	while (r < t->n && (pii__is_kanji(t->cp[r]) || t->cp[r] == 0x30FB || t->cp[r] == 0x30F6) &&
	       r - q < 24)
		r++;
	if (r >= q + 3 && pii__ending_word(t, q + 1, r, area_tails) >= 0)
		return 1;
	/* or an item of the list is a town named 〜台 or 〜丘 (担当：上野田・
	 * 中里・若草台; batches 202-209): a list of districts */
	size_t l = q;
	while (l > 0 && (pii__is_kanji(t->cp[l - 1]) || t->cp[l - 1] == 0x30FB) && q - l < 24)
		l--;
	for (size_t k = l + 1; k <= r; k++)
		if ((k == r || t->cp[k] == 0x30FB) && k >= l + 3 &&
		    (t->cp[k - 1] == 0x53F0 /* 台 */ || t->cp[k - 1] == 0x4E18 /* 丘 */) &&
		    pii__is_kanji(t->cp[k - 2]) && pii__is_kanji(t->cp[k - 3]))
			return 1;
	return 0;
}

/* The words of AREA_WORD_MIN to AREA_WORD_MAX code points right before
 * or right after a ・ that joins a list of areas, gathered once a text and
 * sorted: asked of each name, the text's every ・ was walked. */
#define AREA_WORD_MIN 2
#define AREA_WORD_MAX 4
struct area_word {
	size_t len;
	uint32_t cp[AREA_WORD_MAX];
};
struct area_words {
	int built;
	struct area_word *w;
	size_t n, cap;
};

static int area_word_cmp(const void *x, const void *y)
{
	const struct area_word *a = x, *b = y;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	for (size_t i = 0; i < a->len; i++)
		if (a->cp[i] != b->cp[i])
			return a->cp[i] < b->cp[i] ? -1 : 1;
	return 0;
}

static void area_word_add(struct area_words *aw, const struct pii__text *t, size_t s, size_t len)
{
	if (aw->n == aw->cap) {
		aw->cap = aw->cap ? 2 * aw->cap : 16;
		aw->w = yk_xrealloc(aw->w, aw->cap * sizeof(*aw->w));
	}
	struct area_word *w = &aw->w[aw->n++];
	memset(w, 0, sizeof(*w));
	w->len = len;
	memcpy(w->cp, t->cp + s, len * sizeof(*t->cp));
}

static void area_words_build(struct area_words *aw, const struct pii__text *t)
{
	aw->built = 1;
	for (size_t q = pii__find_cp(t, 0, 0x30FB /* ・ */); q < t->n;
	     q = pii__find_cp(t, q + 1, 0x30FB)) {
		if (!area_list_at(t, q))
			continue;
		for (size_t len = AREA_WORD_MIN; len <= AREA_WORD_MAX; len++) {
			/* the word right before this ・ (not the end of a longer
			 * one), or right after it */
			if (q >= len && (q == len || !pii__is_kanji(t->cp[q - len - 1])))
				area_word_add(aw, t, q - len, len);
			if (q + 1 + len <= t->n)
				area_word_add(aw, t, q + 1, len);
		}
	}
	if (aw->n)
		qsort(aw->w, aw->n, sizeof(*aw->w), area_word_cmp);
}

/* Does the word [s, e) (AREA_WORD_MIN to AREA_WORD_MAX code points) stand
 * in a list of places joined by ・ that ends with an area's kind
 * (（北浜・南浜地区）, 北浜・西町・東町地域) somewhere in the text? */
static int word_in_area_list(const struct pii__text *t, size_t s, size_t e, struct area_words *aw)
{
	if (!aw->built)
		area_words_build(aw, t);
	if (!aw->n)
		return 0;
	struct area_word key;
	memset(&key, 0, sizeof(key));
	key.len = e - s;
	memcpy(key.cp, t->cp + s, key.len * sizeof(*t->cp));
	return bsearch(&key, aw->w, aw->n, sizeof(*aw->w), area_word_cmp) != NULL;
}

/* A place of a list of areas (安否確認（北浜・南浜地区）) read as a
 * surname: the word alone, where the text lists it among places joined by
 * ・ before 地区, 地域…, is no one, there or elsewhere in the text
 * (北浜の北浜 太郎さん: the first 北浜 is the place), unless an honorific
 * or a given name follows it (北浜さん); twenty-first round (a). */
static int area_place_word(const struct pii__text *t, const struct pii_span *sp,
			   struct area_words *aw)
{
	size_t len = sp->end - sp->start;
	if (len < AREA_WORD_MIN || len > AREA_WORD_MAX)
		return 0;
	for (size_t k = sp->start; k < sp->end; k++)
		if (!pii__is_kanji(t->cp[k]))
			return 0;
	uint32_t n = sp->end < t->n ? t->cp[sp->end] : '\n';
	if (n == 0x3055 /* さ */ || n == 0x69D8 /* 様 */ || n == 0x6C0F /* 氏 */ ||
	    n == 0x304F /* く */ || n == 0x3061 /* ち */ || n == 0x6BBF /* 殿 */ || n == ' ')
		return 0;
	return word_in_area_list(t, sp->start, sp->end, aw);
}

/* A published notice's number (八戸市告示第318号, 公告第12号): 告示 or 公告,
 * 第 and a digit; twenty-first round (a). */
static int notice_number(const struct pii__text *t)
{
	for (size_t i = pii__find_cp(t, 2, 0x7B2C /* 第 */); i + 1 < t->n;
	     i = pii__find_cp(t, i + 1, 0x7B2C))
		if ((pii__match(t, i - 2, "告示") || pii__match(t, i - 2, "公告")) &&
		    pii__is_digit(t->cp[i + 1]))
			return 1;
	return 0;
}

/* An official letter of the office (汐観第2318号⏎令和8年11月20日⏎…会長 様⏎
 * 汐見ヶ浜市長 石川 隆⏎海岸占用許可について（通知）; batches 458-461): a
 * line that is a document's number alone (kanji, 第, digits, 号) and a
 * title line closed by （通知）, （回答） or （依頼）. The head signs it in
 * that role, as a published notice. */
static int official_letter(const struct pii__text *t)
{
	static const char *const kinds[] = {"(通知)", "(回答)", "(依頼)", NULL};
	int number = 0, title = 0;
	for (size_t ls = 0; ls < t->n && !(number && title);) {
		size_t le = end_of_line(t, ls), k = ls;
		while (k < le && pii__is_kanji(t->cp[k]) && t->cp[k] != 0x7B2C /* 第 */)
			k++;
		if (!number && k > ls && k + 2 < le && t->cp[k] == 0x7B2C && t->cp[le - 1] == 0x53F7 /* 号 */) {
			size_t d = k + 1;
			while (d < le && pii__is_digit(t->cp[d]))
				d++;
			number = d > k + 1 && d + 1 == le;
		}
		if (!title && le >= ls + 4 && pii__ends_with(t, ls, le, kinds))
			title = 1;
		ls = le + 1;
	}
	return number && title;
}

/* A public announcement: a line closing with （お知らせ） (…の事業認定申請に
 * ついて（お知らせ）⏎…⏎令和8年12月7日⏎飯田市長 佐藤 健; batches 758-773),
 * a notice to everyone, signed by the office. */
static int announcement(const struct pii__text *t)
{
	static const char *const kinds[] = {"(お知らせ)", NULL};
	for (size_t ls = 0; ls < t->n;) {
		size_t le = end_of_line(t, ls);
		if (le >= ls + 6 && pii__ends_with(t, ls, le, kinds))
			return 1;
		ls = le + 1;
	}
	return 0;
}

/* The head of a municipality signing a published notice in that role
 * (告示第N号 … ⏎令和8年11月27日⏎北浜市長　山田 太郎): the name alone on
 * its line after the place's name and 市長, 町長, 村長 or 区長 and a space,
 * in a text that carries a notice's number. The batches' convention: the
 * office holder named in the notice is no private person; the same name
 * in minutes (〔市長 山田 太郎 登壇〕) or anywhere else stays one
 * (twenty-first round (a)). */
/* [.., q) ends with the title of a municipality's or a prefecture's head
 * (市長, 区長, 町長, 村長; 県知事, 都知事, 道知事, 府知事). */
static int head_title_before(const struct pii__text *t, size_t q)
{
	if (q >= 2 && t->cp[q - 1] == 0x9577 /* 長 */)
		return place_suffix(t->cp[q - 2]);
	if (q >= 3 && t->cp[q - 1] == 0x4E8B /* 事 */ && t->cp[q - 2] == 0x77E5 /* 知 */) {
		uint32_t c = t->cp[q - 3];
		return c == 0x770C /* 県 */ || c == 0x90FD /* 都 */ || c == 0x9053 /* 道 */ ||
		       c == 0x5E9C /* 府 */;
	}
	return 0;
}

static int notice_signer(const struct pii__text *t, const struct pii_span *sp)
{
	size_t ls = start_of_line(t, sp->start), le = end_of_line(t, sp->end);
	/* the office: kanji from the line's start to 市長 (a part of the name
	 * found alone lies after it, too: 北浜市長　山田 | 太郎) */
	size_t q = ls;
	/* a place's name may be of one kanji (堺市長) or of kana (いわき市長,
	 * つくば市長; twenty-fifth round (e)) */
	while (q < sp->start && (pii__is_kanji(t->cp[q]) || pii__is_hira(t->cp[q]) ||
				 pii__is_kata(t->cp[q])))
		q++;
	/* or the office closes the notice's line after a space or 。 (…の公募
	 * について 豊田市長 太田 稔彦, （告示第431号）。新宿区長 吉住健一。;
	 * twenty-sixth round (e)): the office is read back from the name */
	if (q < ls + 3 || q >= sp->start || t->cp[q] != ' ' || !head_title_before(t, q)) {
		q = sp->start;
		while (q > ls && sp->start - q < 12 && !head_title_before(t, q) &&
		       (pii__is_kanji(t->cp[q - 1]) || t->cp[q - 1] == ' '))
			q--;
		size_t a = q;
		while (a > ls && q - a < 10 && (pii__is_kanji(t->cp[a - 1]) || pii__is_hira(t->cp[a - 1]) ||
						pii__is_kata(t->cp[a - 1])))
			a--;
		if (a == ls || t->cp[q] != ' ' || q - a < 3 ||
		    !(t->cp[a - 1] == ' ' || t->cp[a - 1] == 0x3002 /* 。 */))
			return 0;
	}
	if (q < ls + 3 || q >= sp->start || t->cp[q] != ' ' || !head_title_before(t, q))
		return 0;
	/* the name ends the line, or 。 does, or the seal's note (伊賀市長
	 * 岡本 栄（公印省略）; session 26's read files) */
	if (le > q && t->cp[le - 1] == 0x3002)
		le--;
	if (le >= q + 6 && pii__match(t, le - 6, "(公印省略)"))
		le -= 6;
	for (size_t k = q; k < le; k++)
		if (t->cp[k] != ' ' && !pii__is_kanji(t->cp[k]) && !pii__is_hira(t->cp[k]) &&
		    !pii__is_kata(t->cp[k]))
			return 0;
	if (notice_number(t) || official_letter(t) || announcement(t))
		return 1;
	/* or a text of several lines whose line the head's name closes, the
	 * office a city's, a town's or a village's (not 副市長, 前町長; not
	 * 区長, a district's head too: 北中町区長 北中 昭): a notice signed,
	 * of any kind (公告⏎…⏎令和8年12月7日⏎足利市長　早川 尚秀; session 25's
	 * read files) */
	size_t o = q - 2;
	while (o > ls && (pii__is_kanji(t->cp[o - 1]) || pii__is_hira(t->cp[o - 1]) ||
			  pii__is_kata(t->cp[o - 1])))
		o--;
	return pii__find_cp(t, 0, '\n') < t->n && q - 2 > o && t->cp[q - 2] != 0x533A /* 区 */ &&
	       !(t->cp[q - 3] == 0x526F /* 副 */ || t->cp[q - 3] == 0x524D /* 前 */ ||
		 t->cp[q - 3] == 0x5143 /* 元 */);
}

/* The kinds of a sole trader's establishment that close its name
 * (金城ゴム工業所, 田中工務店). */
static const char *const trade_kinds[] = {"工業所", "製作所", "工務店", "商店", "工房", "製麺所",
					  "鉄工所",
					  /* a bank's name opening with a place's word
					   * (湘南なぎさ信用金庫; batches 458-461) */
					  "信用金庫", "信用組合", "銀行", NULL};

/* A name glued into an establishment's name (事業：比嘉ゴム工業所（…）,
 * 上原工務店; twenty-fifth round (e)): kanji or katakana right after the
 * span, without a particle or a space, to a word of trade_kinds ending
 * the run. The owner's name elsewhere (比嘉 昌樹) stays. */
static int trade_name_holder(const struct pii__text *t, const struct pii_span *sp)
{
	static const uint32_t particles[] = {0x306E /* の */, 0x304C /* が */, 0x306F /* は */,
					     0x306B /* に */, 0x3092 /* を */, 0x3068 /* と */,
					     0x3082 /* も */, 0x3084 /* や */, 0x3078 /* へ */,
					     0x3067 /* で */};
	size_t q = sp->end;
	/* kana of the business's own name may come between (湘南なぎさ信用金庫),
	 * not an honorific or a particle (田中さん, 田中の工務店) */
	static const char *const honorifics[] = {"さん", "さま", "ちゃん", "くん", NULL};
	if (pii__match_any(t, q, honorifics))
		return 0;
	/* (a full name, its parts spaced, opens no business's name) */
	int spaced = 0;
	for (size_t k = sp->start; k < sp->end && !spaced; k++)
		spaced = t->cp[k] == ' ';
	while (q < t->n &&
	       (pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]) ||
		(pii__is_hira(t->cp[q]) && !spaced)) &&
	       q - sp->end < 10) {
		int particle = 0;
		for (size_t k = 0; k < YK_ARRAY_LEN(particles) && !particle; k++)
			particle = t->cp[q] == particles[k];
		if (particle)
			return 0;
		q++;
	}
	if (q == sp->end || q - sp->end >= 10)
		return 0;
	for (size_t a = sp->end; a < q; a++) {
		size_t len = (size_t)pii__match_any(t, a, trade_kinds);
		if (len && a + len == q)
			return 1;
	}
	return 0;
}

/* A town's or a village's name read as a person's (…の所得証明は双葉町
 * から取り寄せ; twenty-fifth round (e)): 3-4 kanji ending in 町 or 村 that
 * ENAMDICT lists as a place, with no honorific after it. */
static int town_word(const struct pii__text *t, const struct pii_span *sp)
{
	size_t n = sp->end - sp->start;
	uint32_t l = t->cp[sp->end - 1];
	if (n < 3 || n > 4 || (l != 0x753A /* 町 */ && l != 0x6751 /* 村 */))
		return 0;
	for (size_t q = sp->start; q < sp->end; q++)
		if (!pii__is_kanji(t->cp[q]))
			return 0;
	if (sp->end < t->n && (t->cp[sp->end] == 0x69D8 /* 様 */ || t->cp[sp->end] == 0x6C0F /* 氏 */ ||
			       pii__match(t, sp->end, "さん")))
		return 0;
	const struct pii__names *names = pii__names_get();
	return names && (pii__names_lookup(names, t->cp + sp->start, n) & PII_NAME_PLACE);
}

/* Separators between the entries of a directory written on one line
 * (安塚区 025-…／浦川原区 025-…, 札幌市 011-…、旭川市 0166-…). */
static int entry_sep(uint32_t c) { return c == '/' || c == 0x3001 /* 、 */ || c == 0x30FB /* ・ */; }

/* The entry of a directory ending right before p (its number's last
 * digit at p - 1): a place's name, spaces and the number, the name opening
 * the line or following an entry separator or a space. */
static int place_entry_before(const struct pii__text *t, size_t p)
{
	size_t q = p;
	while (q > 0 && (pii__is_digit(t->cp[q - 1]) || t->cp[q - 1] == '-' ||
			 t->cp[q - 1] == '(' || t->cp[q - 1] == ')') && p - q < 16)
		q--;
	if (q == p || !pii__is_digit(t->cp[q]))
		return 0;
	size_t b = q;
	while (b > 0 && t->cp[b - 1] == ' ')
		b--;
	if (b == q || b < 2 || !place_suffix(t->cp[b - 1]))
		return 0;
	size_t a = b;
	while (a > 0 && (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1]) ||
			 pii__is_hira(t->cp[a - 1])) && b - a < 8)
		a--;
	return b - a >= 2 && (a == 0 || is_line_end(t->cp[a - 1]) || entry_sep(t->cp[a - 1]) ||
			      t->cp[a - 1] == ' ');
}

/* Skips the separators after an entry ending at e (one line end at most):
 * where the next entry would open, or 0 when none is there. */
static size_t next_entry_at(const struct pii__text *t, size_t e)
{
	size_t q = e;
	int lines = 0, seps = 0;
	while (q < t->n && (t->cp[q] == ' ' || entry_sep(t->cp[q]) || is_line_end(t->cp[q]))) {
		lines += is_line_end(t->cp[q]);
		seps += entry_sep(t->cp[q]);
		q++;
	}
	return lines <= 1 && seps <= 1 && q > e ? q : 0;
}

/* Back from a over the spaces, entry separators and line ends between two
 * entries of a list: where they begin, with how many line ends and
 * separators they hold. */
static size_t seps_before(const struct pii__text *t, size_t a, int *lines, int *seps)
{
	size_t p = a;
	*lines = *seps = 0;
	while (p > 0 && (t->cp[p - 1] == ' ' || entry_sep(t->cp[p - 1]) || is_line_end(t->cp[p - 1]))) {
		*lines += is_line_end(t->cp[p - 1]);
		*seps += entry_sep(t->cp[p - 1]);
		p--;
	}
	return p;
}

/* The number at sp is an entry of a directory of offices written on one
 * line or one a line: the place's name before it, and an entry of the
 * same shape right before or after it (issue 14, ninth round: a list of
 * district offices, 安塚区 025-…／浦川原区 025-…). */
static int directory_line(const struct pii__text *t, const struct pii_span *sp)
{
	if (!place_entry_before(t, sp->end))
		return 0;
	size_t e = sp->end;
	if (e < t->n && !is_line_end(t->cp[e]) && !entry_sep(t->cp[e]) && t->cp[e] != ' ')
		return 0;
	/* the entry after */
	size_t nx = next_entry_at(t, e), num;
	if (nx && nx < t->n && place_line_at(t, nx, &num))
		return 1;
	/* the entry before: its number ends where the separators before
	 * this entry's name begin */
	size_t a = sp->start;
	while (a > 0 && t->cp[a - 1] == ' ')
		a--;
	while (a > 0 && (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1]) ||
			 pii__is_hira(t->cp[a - 1])) && sp->start - a < 16)
		a--;
	int lines, seps;
	size_t p = seps_before(t, a, &lines, &seps);
	return p < a && lines + seps <= 1 && p > 0 && place_entry_before(t, p);
}

/* A list of offices' numbers under a heading that names offices (各総合支所
 * の電話番号：中之島 0258-…、越路 0258-…; ninth round): each entry is a
 * place's name of 2-8 kanji or kana, spaces and a landline, the entries
 * separated by 、, ／, ・ or line ends; the heading, before the first entry
 * on its line or on the line above, holds a word of an office's place.
 * The numbers are the offices', and the entries' names no persons (a
 * district's name is often a surname: 越路, 三島). */
static const char *const office_place_words[] = {
	"支所", "出張所", "事務所", "役場", "役所", "庁舎", "連絡所", "分室", "センター", "公民館",
	"窓口", "各区", "各町", "各市", "市町村", "各地区", NULL,
};

static int list_name_char(uint32_t c) { return pii__is_kanji(c) || pii__is_kata(c) || pii__is_hira(c); }

/* Words of a list of staff or of persons (窓口担当：山田 0299-…, 緊急連絡網). */
static const char *const staff_words[] = {"担当", "職員", "連絡網", "名簿", "者", "員", NULL};

/* [a, b) may be the kind of office before a place's name: no staff's or
 * person's word (担当 山田 048-…, 保護者 川口 048-… are persons). */
static int office_kind(const struct pii__text *t, size_t a, size_t b)
{
	return !line_has_words(t, a, b, staff_words) && !line_has_words(t, a, b, person_words);
}

/* The name of the entry whose number starts at num: its start, or
 * SIZE_MAX. */
static size_t entry_name_before(const struct pii__text *t, size_t num)
{
	size_t b = num;
	while (b > 0 && t->cp[b - 1] == ' ')
		b--;
	if (b == num)
		return SIZE_MAX;
	size_t a = b;
	while (a > 0 && list_name_char(t->cp[a - 1]) && b - a <= 8)
		a--;
	if (b - a < 2 || b - a > 8)
		return SIZE_MAX;
	/* the kind of office before the place's name, opening the line or the
	 * entry (包括 高台 053-…, 公民館 中央 …; tenth round (a)) */
	if (a >= 2 && t->cp[a - 1] == ' ' && list_name_char(t->cp[a - 2])) {
		size_t k = a - 1;
		while (k > 0 && list_name_char(t->cp[k - 1]) && a - 1 - k < 6)
			k--;
		if (a - 1 - k <= 6 && (k == 0 || is_line_end(t->cp[k - 1]) || entry_sep(t->cp[k - 1])) &&
		    office_kind(t, k, a - 1))
			a = k;
	}
	if (a > 0 && !is_line_end(t->cp[a - 1]) && !entry_sep(t->cp[a - 1]) && t->cp[a - 1] != ' ' &&
	    t->cp[a - 1] != ':')
		return SIZE_MAX;
	return a;
}

/* The start of the number of the entry before the name at a (separators
 * between, one line end at most), or SIZE_MAX. */
static size_t entry_number_before(const struct pii__text *t, size_t a)
{
	int lines, seps;
	size_t p = seps_before(t, a, &lines, &seps);
	if (p == a || lines > 1 || seps > 1 || p == 0 || !pii__is_digit(t->cp[p - 1]))
		return SIZE_MAX;
	size_t q = p;
	while (q > 0 && (pii__is_digit(t->cp[q - 1]) || t->cp[q - 1] == '-') && p - q < 14)
		q--;
	return q;
}

/* A staff's word in [a, b) that is not inside an office's name: 障害者相談
 * 支援センター, 民生委員協議会事務所 name offices, whose run of kanji and
 * kana goes on to an office's word (sixteenth round (b)). */
static int staff_outside_office(const struct pii__text *t, size_t a, size_t b)
{
	for (size_t q = a; q < b; q++) {
		size_t m = pii__match_any(t, q, staff_words);
		if (!m)
			continue;
		size_t r = q + m;
		int office = 0;
		for (; r < b && list_name_char(t->cp[r]) && !office; r++)
			office = pii__match_any(t, r, office_place_words) != 0;
		if (!office)
			return 1;
	}
	return 0;
}

static int office_heading_list(const struct pii__text *t, const struct pii_span *sp,
			       size_t *name_a)
{
	size_t a = entry_name_before(t, sp->start);
	if (a == SIZE_MAX)
		return 0;
	*name_a = a;
	/* the entry after, or one before */
	int entries = 1;
	size_t nx = next_entry_at(t, sp->end);
	if (nx && nx < t->n) {
		size_t q = nx;
		while (q < t->n && list_name_char(t->cp[q]) && q - nx <= 8)
			q++;
		size_t d = q;
		while (d < t->n && t->cp[d] == ' ')
			d++;
		/* 包括 和合 053-…: the office's kind, then the place's name */
		if (d == q + 1 && d < t->n && list_name_char(t->cp[d]) && office_kind(t, nx, q)) {
			size_t w = d;
			while (w < t->n && list_name_char(t->cp[w]) && w - d <= 8)
				w++;
			q = w, d = w;
			while (d < t->n && t->cp[d] == ' ')
				d++;
		}
		if (q - nx >= 2 && d > q && d < t->n && pii__is_digit(t->cp[d]))
			entries++;
	}
	/* back to the first entry */
	size_t first = a;
	for (int k = 0; k < 32; k++) {
		size_t num = entry_number_before(t, first);
		if (num == SIZE_MAX)
			break;
		size_t pa = entry_name_before(t, num);
		if (pa == SIZE_MAX)
			break;
		first = pa, entries++;
	}
	if (entries < 2)
		return 0;
	/* the heading: the line's text before the first entry, or the line
	 * above when the entry opens its line */
	size_t he = first;
	while (he > 0 && (t->cp[he - 1] == ' ' || t->cp[he - 1] == ':'))
		he--;
	if (he == 0)
		return 0;
	if (is_line_end(t->cp[he - 1]))
		he--;
	size_t hs = he;
	while (hs > 0 && !is_line_end(t->cp[hs - 1]) && he - hs < 60)
		hs--;
	/* not a list of staff or of persons (窓口担当：山田 0299-…、佐藤 …,
	 * 緊急連絡網) */
	return line_has_words(t, hs, he, office_place_words) && !staff_outside_office(t, hs, he) &&
	       !line_has_words(t, hs, he, person_words);
}

/* The entry NAME（0165-43-5100） whose landline sp is in the brackets:
 * the name's start (2-8 kanji or kana after a line's start, an entry
 * separator, a colon or a space), or SIZE_MAX. */
static size_t bracket_entry_name(const struct pii__text *t, const struct pii_span *sp)
{
	if (sp->type != PII_PHONE || sp->start < 3 || sp->end >= t->n || t->cp[sp->start - 1] != '(' ||
	    t->cp[sp->end] != ')' || pii__mobile_at(t, sp->start))
		return SIZE_MAX;
	size_t b = sp->start - 1, a = b;
	while (a > 0 && list_name_char(t->cp[a - 1]) && b - a <= 8)
		a--;
	if (b - a < 2 || b - a > 8 ||
	    (a > 0 && !is_line_end(t->cp[a - 1]) && !entry_sep(t->cp[a - 1]) && t->cp[a - 1] != ':' &&
	     t->cp[a - 1] != ' '))
		return SIZE_MAX;
	return a;
}

/* A list of offices with their landlines in brackets under a heading on
 * the line that names offices (地域包括支援センター一覧：東光（0165-43-…）、
 * 永山（0165-47-…）、…; batch 295): two entries at least on the line; the
 * numbers are the offices', the names (districts, often surnames) no
 * persons. */
static void bracket_office_lists(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n, done = 0; /* lines before done are decided */
	for (size_t i = 0; i < n; i++) {
		size_t a = bracket_entry_name(t, &c->v[i]);
		if (a == SIZE_MAX || a < done)
			continue;
		size_t ls = a;
		while (ls > 0 && !is_line_end(t->cp[ls - 1]))
			ls--;
		size_t le = c->v[i].end;
		while (le < t->n && !is_line_end(t->cp[le]))
			le++;
		done = le;
		/* the line's entries (the candidates ending in order), the
		 * heading before the first */
		size_t ent[16], name[16], ne = 0;
		for (size_t k = 0; k < n && ne < YK_ARRAY_LEN(ent); k++) {
			size_t ka = c->v[k].start < ls || c->v[k].end > le
					    ? SIZE_MAX
					    : bracket_entry_name(t, &c->v[k]);
			if (ka != SIZE_MAX)
				ent[ne] = k, name[ne++] = ka;
		}
		size_t first = a;
		for (size_t q = 0; q < ne; q++)
			if (name[q] < first)
				first = name[q];
		if (ne < 2 || first == ls || !line_has_words(t, ls, first, office_place_words) ||
		    line_has_words(t, ls, first, person_words) || staff_outside_office(t, ls, first))
			continue;
		for (size_t q = 0; q < ne; q++) {
			c->v[ent[q]].confidence = 0;
			for (size_t z = 0; z < n; z++)
				if (c->v[z].type == PII_PERSON && c->v[z].start >= name[q] &&
				    c->v[z].end <= c->v[ent[q]].start - 1)
					c->v[z].confidence = 0;
		}
	}
}

static void office_lists(const struct pii__text *t, struct pii__cands *c)
{
	if (pii__may_have(t, '('))
		bracket_office_lists(t, c);
	size_t n = c->n;
	for (size_t i = 0; i < n; i++) {
		struct pii_span *sp = &c->v[i];
		size_t a;
		if (sp->type != PII_PHONE || pii__mobile_at(t, sp->start) ||
		    !office_heading_list(t, sp, &a))
			continue;
		sp->confidence = 0;
		size_t b = a;
		while (b < sp->start && (list_name_char(t->cp[b]) ||
					 (t->cp[b] == ' ' && b + 1 < sp->start &&
					  list_name_char(t->cp[b + 1]))))
			b++;
		for (size_t k = 0; k < n; k++)
			if (c->v[k].type == PII_PERSON && c->v[k].start >= a && c->v[k].end <= b)
				c->v[k].confidence = 0;
	}
}

/* A date right before 死亡, 没 or 逝去 is no birth date. */
static int death_date(const struct pii__text *t, const struct pii_span *sp)
{
	static const char *const death[] = {"死亡", "没", "逝去", "死去", "に死亡", NULL};
	return pii__match_any(t, sp->end, death) != 0;
}

/* ---- samples on forms (seventh round) ---- */

/* Words that name a form's filled-in sample. */
static const char *const sample_words[] = {"記入例", "記載例", "見本", NULL};

/* Is a sample word at q a heading: right after the line's start (or an
 * opening bracket) and followed by a bracket, a colon, a space or the
 * line's end (記入例（窓口掲示）, 【記入例】; not 記入例の件)? */
static int sample_heading_at(const struct pii__text *t, size_t q)
{
	size_t m = pii__match_any(t, q, sample_words);
	if (!m)
		return 0;
	uint32_t a = q + m < t->n ? t->cp[q + m] : '\n';
	return is_line_end(a) || a == '(' || a == ')' || a == 0x3011 /* 】 */ || a == ':' ||
	       a == ' ';
}

/* Does the title line opening at q end with a sample word of its own:
 * after a space or an opening bracket, followed only by closing brackets
 * up to the line's end (住民異動届（記入例）, 届出書 記入例, ＜依頼書 記入例＞,
 * 【申請書】見本; twelfth round (b))? A word inside the title's sentence
 * (記入例の配布について) does not count. */
static int sample_title_end(const struct pii__text *t, size_t q)
{
	size_t le = q;
	while (le < t->n && !is_line_end(t->cp[le]) && le - q < 60)
		le++;
	if (le < t->n && !is_line_end(t->cp[le]))
		return 0;
	/* 在留カード（見本）の読み方, 【記入例】の書き方: a title (no full stop)
	 * that calls its subject a sample in brackets (fourteenth round (b)) */
	for (size_t k = q + 1; k + 1 < le; k++)
		if ((t->cp[k - 1] == '(' || t->cp[k - 1] == 0x3010 /* 【 */) &&
		    t->cp[k] != '(' && t->cp[k] != 0x3010) {
			size_t m = pii__match_any(t, k, sample_words);
			if (m && k + m < le && (t->cp[k + m] == ')' || t->cp[k + m] == 0x3011)) {
				size_t f = q;
				while (f < le && t->cp[f] != 0x3002 /* 。 */)
					f++;
				return f == le;
			}
		}
	size_t e = le;
	while (e > q && (t->cp[e - 1] == ' ' || t->cp[e - 1] == ')' || t->cp[e - 1] == 0x3011 /* 】 */ ||
			 t->cp[e - 1] == '>' || t->cp[e - 1] == 0xFF1E /* ＞ */ || t->cp[e - 1] == ']'))
		e--;
	size_t m = pii__ends_with(t, q, e, sample_words);
	if (!m || e - q < m + 1)
		return 0;
	uint32_t p = t->cp[e - m - 1];
	return p == ' ' || p == '(' || p == 0x3010 /* 【 */ || p == '<' || p == 0xFF1C /* ＜ */ ||
	       p == '[' || p == 0x3011 /* 】 */ || p == ')';
}

static int bullet(uint32_t c);

/* A form's sample named in the languages of foreign residents' forms
 * (Exemplo de preenchimento, Halimbawa ng pagsulat, Mẫu điền, 填写示例,
 * Sample, Example), opening the first line. */
static const char *const foreign_sample_words[] = {
	"Exemplo", "EXEMPLO", "Halimbawa", "HALIMBAWA", "Mẫu", "Ejemplo", "Sample", "SAMPLE",
	"Example", "EXAMPLE", "填写示例", "填写样本", "样本", "示例", NULL,
};

/* inline: called for every text and every part of a document */
__attribute__((always_inline)) static inline int foreign_sample_title(const struct pii__text *t,
								   size_t q)
{
	if (q < t->n && (t->cp[q] == 0x3010 /* 【 */ || t->cp[q] == '[' || t->cp[q] == '('))
		q++;
	size_t m = pii__match_any(t, q, foreign_sample_words);
	return m && (q + m >= t->n || !pii__is_alpha(t->cp[q + m]));
}

/* A line that says the text is a sample (※これは記入例です, 以上は記載例。,
 * 上記は見本です): the line holds nothing but a mark, これは/以上は/上記は,
 * the sample word, です and a full stop. */
static int sample_said_line(const struct pii__text *t)
{
	static const char *const this_is[] = {"これは", "以上は", "上記は", "この用紙は", NULL};
	for (size_t ls = 0; ls < t->n;) {
		size_t q = ls;
		while (q < t->n && (t->cp[q] == ' ' || t->cp[q] == 0x203B /* ※ */ || bullet(t->cp[q])))
			q++;
		size_t lead = q;
		q += pii__match_any(t, q, this_is);
		size_t m = pii__match_any(t, q, sample_words);
		if (m) {
			q += m;
			size_t desu = pii__match(t, q, "です");
			q += desu;
			if (q - m - desu == lead && lead == ls && !desu)
				q = ls; /* 記入例 alone: a heading, not a statement */
			while (q < t->n && (t->cp[q] == 0x3002 /* 。 */ || t->cp[q] == ' '))
				q++;
			if (q >= t->n || is_line_end(t->cp[q]))
				return 1;
		}
		ls = end_of_line(t, ls);
		ls++;
	}
	return 0;
}

/* The text is a form's sample, whose name, address and numbers are made
 * up: its first line is headed by 記入例, 記載例 or 見本 (or by a foreign
 * resident's word for a sample: Exemplo, Halimbawa…), a line says the
 * text is one (※これは記入例です; thirteenth round (b)), or a line says
 * that its sample is fictitious (※この記入例の氏名・住所は架空のもの,
 * 写真の見本は「名古屋 花子」（架空）). */
static int sample_text(const struct pii__text *t)
{
	size_t q = 0;
	while (q < t->n && (is_line_end(t->cp[q]) || t->cp[q] == ' '))
		q++;
	if (foreign_sample_title(t, q))
		return 1;
	/* 例 or 本, and 架 for the last form */
	if (!pii__may_have(t, 0x4F8B /* 例 */) && !pii__may_have(t, 0x672C /* 本 */))
		return 0;
	if (q < t->n && (t->cp[q] == 0x3010 /* 【 */ || t->cp[q] == '['))
		q++;
	if (sample_heading_at(t, q))
		return 1;
	if (sample_title_end(t, q))
		return 1;
	if (sample_said_line(t))
		return 1;
	if (!pii__may_have(t, 0x67B6 /* 架 */))
		return 0;
	for (size_t ls = 0; ls < t->n;) {
		size_t le = ls;
		int sample = 0, made_up = 0;
		for (; le < t->n && !is_line_end(t->cp[le]); le++) {
			sample |= pii__match_any(t, le, sample_words) != 0;
			made_up |= pii__match(t, le, "架空") != 0;
		}
		if (sample && made_up)
			return 1;
		ls = le + 1;
	}
	return 0;
}

/* A value given as a sample inside a text that is no sample as a whole
 * (issue 14, ninth round): a bracket right after it names it one
 * (1234567（記入例）, （記入例・実際の番号ではありません）), or a sample's
 * marker stands before it on its line (基礎年金番号欄の記載例：1234-…,
 * （例：AB12345678CD）, 申請者欄（例）住所：… 電話：…). 例 alone counts only
 * as a word of its own: after a bracket, a space or the line's start and
 * before a colon or a closing bracket (not 条例）, 例外, 例えば). */
static int sample_marker_at(const struct pii__text *t, size_t q)
{
	size_t m = pii__match_any(t, q, sample_words);
	if (!m && t->cp[q] == 0x4F8B /* 例 */) {
		uint32_t p = q > 0 ? t->cp[q - 1] : '\n';
		/* …（10桁、例：1520000000）: after a list's comma too
		 * (sixteenth round (b)) */
		/* 住所表記の例：旧 中区元城町103-2, 書き方の例：…: a way of
		 * writing named before の例 and its colon (seventeenth round
		 * (b)) */
		static const char *const ways[] = {"表記", "書き方", "記入", "記載", "入力", "表示",
						   NULL};
		if (p == 0x306E /* の */ && q + 1 < t->n && t->cp[q + 1] == ':')
			for (size_t w = 0; ways[w]; w++) {
				size_t wl = pii__kw_len(ways[w]);
				if (q >= wl + 1 && pii__match(t, q - 1 - wl, ways[w]) == wl)
					return 1;
			}
		if (p != '(' && p != 0x3010 /* 【 */ && p != '[' && p != ' ' && p != 0x3001 /* 、 */ &&
		    p != ',' && !is_line_end(p))
			return 0;
		m = 1;
	}
	if (!m || q + m >= t->n)
		return 0;
	uint32_t a = t->cp[q + m];
	/* （例 AB12345678CD）: 例 opening a bracket, a space after it
	 * (twentieth round (b)) */
	if (m == 1 && a == ' ' && q > 0 && t->cp[q - 1] == '(')
		return 1;
	return a == ':' || a == ')' || a == 0x3011 /* 】 */ || a == ']' ||
	       (m > 1 && (a == 0x30FB /* ・ */ || a == '(' || a == ' '));
}

/* A value quoted and then called a sample (記入例にある「口座番号 1234567」
 * 「090-0000-0000」は見本です, 「那覇 太郎」は架空の例): the quote holds the
 * value, other quotes may follow, then は or も and a sample word
 * (tenth round (a)), or のように/のような (an illustration). */
static int quoted_sample(const struct pii__text *t, const struct pii_span *sp)
{
	size_t q = sp->start;
	while (q > 0 && sp->start - q < 24 && t->cp[q - 1] != 0x300C /* 「 */ &&
	       t->cp[q - 1] != 0x300D && !is_line_end(t->cp[q - 1]))
		q--;
	if (q == 0 || t->cp[q - 1] != 0x300C)
		return 0;
	size_t e = sp->end;
	for (int quotes = 0; quotes < 6; quotes++) {
		while (e < t->n && e - sp->end < 160 && t->cp[e] != 0x300D && t->cp[e] != 0x300C &&
		       !is_line_end(t->cp[e]))
			e++;
		if (e >= t->n || t->cp[e] != 0x300D)
			return 0;
		e++;
		while (e < t->n && (t->cp[e] == 0x3001 || t->cp[e] == 0x30FB || t->cp[e] == ' '))
			e++;
		if (e < t->n && t->cp[e] == 0x300C) {
			e++;
			continue; /* another quote */
		}
		break;
	}
	/* 「6124873」のように0落ちする: a quote that illustrates a way of
	 * writing (fourteenth round (b)) */
	if (pii__match(t, e, "のように") || pii__match(t, e, "のような"))
		return 1;
	if (e + 1 >= t->n || (t->cp[e] != 0x306F /* は */ && t->cp[e] != 0x3082 /* も */))
		return 0;
	e++;
	return pii__match_any(t, e, sample_words) || pii__match(t, e, "架空") ||
	       pii__match(t, e, "例で") || pii__match(t, e, "例と");
}

/* A value quoted after a sample word in its sentence (記入例は 基礎年金番号
 * 「1234-567890」で作ってあります, 記入例の個人番号欄は「123456789012」のまま;
 * sixteenth round (b); 例示 too, twenty-sixth round (d)): the quote closes right after the value, and the
 * sentence that quotes it speaks of the sample. */
static int quote_after_sample(const struct pii__text *t, const struct pii_span *sp)
{
	if (sp->end >= t->n || t->cp[sp->end] != 0x300D /* 」 */)
		return 0;
	/* the quote may hold the value's label too (「普通 1234567」) */
	size_t o = sp->start;
	while (o > 0 && sp->start - o < 12 && t->cp[o - 1] != 0x300C /* 「 */ &&
	       t->cp[o - 1] != 0x300D && !is_line_end(t->cp[o - 1]))
		o--;
	if (o == 0 || t->cp[o - 1] != 0x300C)
		return 0;
	size_t lo = o > PUBLIC_SAMPLE_BEFORE ? o - PUBLIC_SAMPLE_BEFORE : 0;
	for (size_t q = o - 1; q-- > lo && !pii__is_boundary(t->cp[q]);) {
		if ((t->cp[q] == 0x8A18 /* 記 */ || t->cp[q] == 0x898B /* 見 */) &&
		    pii__match_any(t, q, sample_words))
			return 1;
		/* …の例示として資料に「1234 5678 9012」を使う: 例示として or
		 * 例示に says the quote is an example (twenty-sixth round (d);
		 * not 例示の件, a topic) */
		if (t->cp[q] == 0x4F8B /* 例 */ && pii__match(t, q, "例示") && q + 2 < t->n &&
		    (t->cp[q + 2] == 0x3068 /* と(して) */ || t->cp[q + 2] == 0x306B /* に */))
			return 1;
	}
	return 0;
}

static int sample_value(const struct pii__text *t, const struct pii_span *sp)
{
	/* 例, 本 or 架 for a sample's words, よ for のように */
	if (!pii__may_have(t, 0x4F8B /* 例 */) && !pii__may_have(t, 0x672C /* 本 */) &&
	    !pii__may_have(t, 0x67B6 /* 架 */) && !pii__may_have(t, 0x3088 /* よ */))
		return 0;
	if (pii__may_have(t, 0x300C /* 「 */) && (quoted_sample(t, sp) || quote_after_sample(t, sp)))
		return 1;
	size_t e = sp->end;
	while (e < t->n && t->cp[e] == ' ')
		e++;
	if (e + 1 < t->n && t->cp[e] == '(' &&
	    (sample_marker_at(t, e + 1) || pii__match(t, e + 1, "架空")))
		return 1;
	/* 記入例の番号 1234 5678 9018 は見本用で…: the value then は and a
	 * sample word (batch 306) */
	static const char *const called_sample[] = {"は見本", "は記入例", "は記載例", "は架空", NULL};
	if (pii__match_any(t, e, called_sample))
		return 1;
	/* 基礎年金番号（1234-567890）は記入例です: the same after the
	 * value's closing bracket (blind batches 1184-1199) */
	if (e < t->n && t->cp[e] == ')' && sp->start > 0 && t->cp[sp->start - 1] == '(' &&
	    pii__match_any(t, e + 1, called_sample))
		return 1;
	/* only 例 and the first code points of the sample words (記入例,
	 * 記載例, 見本) can open a marker; the marker stands in the value's
	 * sentence, a few fields before it */
	size_t lo = sp->start > PUBLIC_SAMPLE_BEFORE ? sp->start - PUBLIC_SAMPLE_BEFORE : 0;
	for (size_t q = sp->start; q-- > lo && !pii__is_boundary(t->cp[q]);) {
		uint32_t ch = t->cp[q];
		if ((ch == 0x4F8B /* 例 */ || ch == 0x8A18 /* 記 */ || ch == 0x898B /* 見 */) &&
		    sample_marker_at(t, q))
			return 1;
	}
	return 0;
}

/* A number written as one end of a range (被保険者番号 9999000001～
 * 9999000050: a block of numbers, test data or a batch) is nobody's. */
static int range_end(uint32_t c) { return c == 0xFF5E /* ～ */ || c == 0x301C /* 〜 */ || c == '~'; }

static int range_value(const struct pii__text *t, const struct pii_span *sp)
{
	switch (sp->type) {
	case PII_JP_HEALTH_INSURANCE:
	case PII_JP_BASIC_PENSION_NUMBER:
	case PII_JP_RESIDENT_CODE:
	case PII_JP_MY_NUMBER:
	case PII_JP_DRIVERS_LICENSE:
	case PII_JP_BANK_ACCOUNT:
		break;
	case PII_PHONE:
		/* digits alone (納付書番号 0123456789～0123456799); a phone
		 * written with its hyphens is not read as a range's end */
		if (!pii__all_digits(t, sp->start, sp->end))
			return 0;
		break;
	default:
		return 0;
	}
	if (sp->end + 1 < t->n && range_end(t->cp[sp->end]) && pii__is_digit(t->cp[sp->end + 1]))
		return 1;
	return sp->start >= 2 && range_end(t->cp[sp->start - 1]) &&
	       pii__is_digit(t->cp[sp->start - 2]);
}

/* A number after a service's named line (ねんきんダイヤル 0570-…,
 * マイナンバー総合フリーダイヤル 0120-…; seventh round): the word ダイヤル
 * with the service's name before it. フリーダイヤル or ナビダイヤル alone
 * names no service: a person may give such a number too (cases.txt). */
static int service_dial_before(const struct pii__text *t, const struct pii_span *sp)
{
	size_t p = sp->start;
	while (p > 0 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':' || t->cp[p - 1] == '('))
		p--;
	/* 高齢者見守りホットライン 0120-…: a service's hotline, its name of
	 * two letters at least right before (twenty-eighth round (c)) */
	if (p >= 8 && pii__match(t, p - 6, "ホットライン") == 6) {
		uint32_t a = t->cp[p - 7], b = t->cp[p - 8];
		return (pii__is_kanji(a) || pii__is_kata(a) || pii__is_hira(a)) &&
		       (pii__is_kanji(b) || pii__is_kata(b) || pii__is_hira(b));
	}
	static const char dial[] = "ダイヤル";
	if (p < 4 || pii__match(t, p - 4, dial) != 4)
		return 0;
	p -= 4;
	if (p >= 3 && pii__match(t, p - 3, "フリー") == 3)
		p -= 3;
	else if (p >= 2 && pii__match(t, p - 2, "ナビ") == 2)
		p -= 2;
	/* the service's name right before: two kanji or katakana (総合, ねん
	 * きん as a word of its own: hiragana from a space or the line's
	 * start, not 折り返しは) */
	if (p < 2)
		return 0;
	if ((pii__is_kanji(t->cp[p - 1]) || pii__is_kata(t->cp[p - 1])) &&
	    (pii__is_kanji(t->cp[p - 2]) || pii__is_kata(t->cp[p - 2])))
		return 1;
	size_t h = p;
	while (h > 0 && pii__is_hira(t->cp[h - 1]))
		h--;
	return p - h >= 3 && (h == 0 || t->cp[h - 1] == ' ' || is_line_end(t->cp[h - 1]));
}

/* Code points of a field's label opening a contact line (本件問合せ：,
 * 送付先：, お問い合わせ：). */
#define PUBLIC_LINE_LABEL_MAX 12

/* 1 when [ls, pos) holds only a field's label opening the line, contact
 * labels, separators (spaces, /, ・, :) and contact candidates of c: a line
 * of contacts (送付先：saigai-taisaku@…／FAX 078-…). */
static int contact_line_prefix(const struct pii__text *t, const struct pii__cands *c,
			       const struct public_index *ix, size_t ls, size_t pos)
{
	size_t q = ls;
	while (q < pos && t->cp[q] == ' ')
		q++;
	/* a field's label and its colon */
	for (size_t k = q; k < pos && k - q <= PUBLIC_LINE_LABEL_MAX; k++) {
		if (t->cp[k] == ':') {
			q = k + 1;
			break;
		}
		if (t->cp[k] == ' ' || t->cp[k] == '@' || pii__is_digit(t->cp[k]))
			break;
	}
	while (q < pos) {
		uint32_t ch = t->cp[q];
		if (ch == ' ' || ch == '/' || ch == ':' || ch == 0x30FB) {
			q++;
			continue;
		}
		size_t m = pii__match_any(t, q, contact_labels), end = 0;
		if (m) {
			q += m;
			continue;
		}
		if ((ix = index_of(ix, c)))
			for (size_t i = ref_lower(ix->by_start, ix->n_contact, q);
			     i < ix->n_contact && ix->by_start[i].at == q && !end; i++)
				end = c->v[ix->by_start[i].k].end;
		else
			for (size_t k = 0; k < c->n && !end; k++)
				if (c->v[k].start == q && is_contact(c->v[k].type))
					end = c->v[k].end;
		if (!end)
			return 0;
		q = end;
	}
	return 1;
}

/* A shared mailbox of c within [ls, le) on a line of contacts: its start,
 * or le. */
static size_t shared_mailbox_in(const struct pii__text *t, const struct pii__cands *c,
				const struct public_index *ix, size_t ls, size_t le)
{
	if ((ix = index_of(ix, c))) {
		/* the mailboxes within the line, asked in the list's order */
		size_t from = ref_lower(ix->by_start, ix->n_contact, ls), to = from, n = 0;
		for (; to < ix->n_contact && ix->by_start[to].at <= le; to++)
			n += c->v[ix->by_start[to].k].type == PII_EMAIL;
		if (!n)
			return le;
		size_t *ks = yk_xmalloc(n * sizeof(*ks)), m = 0, at = le;
		for (size_t i = from; i < to; i++)
			if (c->v[ix->by_start[i].k].type == PII_EMAIL)
				ks[m++] = ix->by_start[i].k;
		qsort(ks, m, sizeof(*ks), pii__cmp_sizes);
		for (size_t i = 0; i < m && at == le; i++) {
			const struct pii_span *e = &c->v[ks[i]];
			if (e->end <= le && contact_line_prefix(t, c, ix, ls, e->start) &&
			    shared_mailbox(t, c, ix, e))
				at = e->start;
		}
		free(ks);
		return at;
	}
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *e = &c->v[k];
		if (e->type == PII_EMAIL && e->start >= ls && e->end <= le &&
		    contact_line_prefix(t, c, ix, ls, e->start) && shared_mailbox(t, c, ix, e))
			return e->start;
	}
	return le;
}

/* A phone number, postal code or address on a line of contacts that holds
 * an office's shared mailbox before it (問合せ：gikai-chosa@…／078-…), or on
 * the line right after such a line (…／FAX 078-…\n〒650-8567 神戸市…): the
 * office's contacts, written together (eighth round). Not a mobile. */
static int shared_contact_line(const struct pii__text *t, const struct pii__cands *c,
			       const struct public_index *ix, const struct pii_span *sp)
{
	if (sp->type == PII_EMAIL || (sp->type == PII_PHONE && pii__mobile_at(t, sp->start)) ||
	    !pii__may_have(t, '@'))
		return 0;
	size_t ls = line_start(t, sp->start, ix);
	if (!contact_line_prefix(t, c, ix, ls, sp->start))
		return 0;
	if (shared_mailbox_in(t, c, ix, ls, sp->start) < sp->start)
		return 1;
	if (ls < 2)
		return 0;
	size_t pe = ls - 1, pls = pe;
	while (pls > 0 && !is_line_end(t->cp[pls - 1]))
		pls--;
	size_t m = shared_mailbox_in(t, c, ix, pls, pe);
	return m < pe && !person_in(t, c, ix, pls, sp->start);
}

/* A landline in brackets or after a space right after a title with no name
 * (回答者 総務課長（088-…）, 総務課長 088-…: the section's line, given for its
 * head whoever holds the post;
 * tenth round (a)). A name before the title owns the number (斉藤係長（…）),
 * and so does a mobile. */
static int title_in_brackets_before(const struct pii__text *t, const struct pii__cands *c,
				    const struct public_index *ix, const struct pii_span *sp)
{
	size_t p = sp->start;
	if (p < 4 || (t->cp[p - 1] != '(' && t->cp[p - 1] != ' ') || t->cp[p - 2] != 0x9577 /* 長 */ ||
	    !unit_suffix(t->cp[p - 3]) || pii__mobile_at(t, sp->start))
		return 0;
	/* the unit's word before the title (総務課長, 福祉部長), opening a
	 * word after a space, a colon or the line's start */
	size_t w = p - 3;
	while (w > 0 && pii__is_kanji(t->cp[w - 1]) && p - 3 - w < 8)
		w--;
	if (w == p - 3 || (w > 0 && t->cp[w - 1] != ' ' && t->cp[w - 1] != ':' &&
			   !is_line_end(t->cp[w - 1])))
		return 0;
	return !person_ends_in(c, ix, w > 3 ? w - 3 : 0, p - 1);
}

/* ---- public places, one to a line (twelfth round (b)) ---- */

/* Words that end the name of a public place or an institution. */
static const char *const facility_suffix[] = {
	"保育園", "保育所", "こども園", "幼稚園", "学校", "病院", "医院", "クリニック", "センター",
	"会館", "館", "園", "支所", "出張所", "役所", "役場", "庁舎", "署",
	/* courts and national offices (thirteenth round (b)) */
	"裁判所", "法務局", "年金事務所", "労働基準監督署", "支部",
	/* a facility's kind before its name (特別養護老人ホーム 松寿荘（…）) */
	"ホーム", "施設",
	/* a city's depot (白見除雪基地<TAB>address<TAB>phone, batch 397) */
	"基地", NULL,
};
/* The name ending at p opens with a municipality's (尾鈴浜市防災備蓄倉庫,
 * 青葉町中央公民館): two to five kanji or kana and 市, 町 or 村 opening a
 * word that stands alone (a line's start, a colon, a space, a bracket or
 * 、 before it), two kanji or katakana of the place's own name after the
 * suffix and no dwelling's word in it (市営住宅, 町営団地: homes). A
 * municipality names its own facilities so; no one's home or a relative's
 * town is written glued to the city's name that way (batch 420). */
static int municipal_facility_name(const struct pii__text *t, size_t p)
{
	size_t a = p;
	while (a > 0 && p - a < 16 && (is_name_char(t->cp[a - 1]) || pii__is_hira(t->cp[a - 1])))
		a--;
	if (a == p || (a > 0 && !is_line_end(t->cp[a - 1]) && t->cp[a - 1] != ':' &&
		       t->cp[a - 1] != ' ' && t->cp[a - 1] != '(' && t->cp[a - 1] != 0x3001 /* 、 */))
		return 0;
	size_t k = a + 2;
	while (k < p && k - a <= 5 && t->cp[k] != 0x5E02 /* 市 */ && t->cp[k] != 0x753A /* 町 */ &&
	       t->cp[k] != 0x6751 /* 村 */)
		k++;
	if (k >= p || k - a > 5 || p - k - 1 < 2)
		return 0;
	static const char *const homes[] = {"住宅", "団地", "アパート", "寮", "荘", "宅", NULL};
	for (size_t q = a; q < p; q++) {
		if (pii__is_hira(t->cp[q]) && q > k)
			return 0; /* a phrase, not a name */
		if (pii__is_digit(t->cp[q]) || t->cp[q] == 0x5B57 /* 字 */ ||
		    pii__match_any(t, q, homes))
			return 0;
	}
	for (size_t q = k + 1; q < k + 3; q++)
		if (!is_name_char(t->cp[q]))
			return 0;
	return 1;
}

/* A contact inside the bracket right after a facility's name, the
 * facility's own (ひばり野こども園（杜の浦市ひばり野三丁目2番1号、022-…）,
 * 日和ヶ丘集会所（…）; batches 298-299): no person named in the bracket, and
 * a phone there a landline. */
static int facility_bracket(const struct pii__text *t, const struct pii__cands *c,
			    const struct public_index *ix, const struct pii_span *sp)
{
	/* public places only: not a home for the elderly or a facility a
	 * person lives in (有料老人ホーム（旭川市…）に入居, batch 147) */
	static const char *const places[] = {"保育園", "保育所", "こども園", "幼稚園", "学校", "病院",
					     "医院", "クリニック", "センター", "会館", "公民館",
					     "図書館", "体育館", "集会所", "支所", "出張所", "役所",
					     "役場", "庁舎", "署", "ホール", "公園",
					     /* a funeral hall, a works (霧里町斎場（…）は稼働,
					      * 冷凍工場（0153-…）; batches 394-395); not a shop,
					      * which a family's business may be (店舗（…）の土地,
					      * batch 115) */
					     "斎場", "火葬場", "工場", "浄水場",
					     /* shrines, temples and historic sites
					      * (大寧寺（長門市深川湯本1074）, 萩・明倫学舎
					      * （…）, 恵美須ヶ鼻造船所跡（…）; session 25's read
					      * files): no one's home; a temple's word
					      * that is also a surname (小野寺（…）) stays */
					     "神社", "大社", "神宮", "八幡宮", "天満宮", "学舎",
					     "所跡", "城跡", "館跡", "遺跡", "寺", NULL};
	static const char *const lives[] = {"に入居", "に入所", "で暮ら", "に住", NULL};
	if (sp->type != PII_PHONE && sp->type != PII_ADDRESS && sp->type != PII_POSTAL_CODE)
		return 0;
	if (sp->type == PII_PHONE && pii__mobile_at(t, sp->start))
		return 0;
	size_t q = sp->start;
	while (q > 0 && sp->start - q < 40 && t->cp[q - 1] != '(' && t->cp[q - 1] != ')' &&
	       !is_line_end(t->cp[q - 1]))
		q--;
	if (q < 3 || t->cp[q - 1] != '(')
		return 0;
	size_t p = q - 1, lo = p > 12 ? p - 12 : 0;
	/* or a lodging's name after its kind (民宿 大浦荘（字大浦、TEL …）,
	 * ペンション 椿（…）; batch 311) */
	static const char *const lodging[] = {"民宿", "旅館", "ホテル", "ペンション", "ゲストハウス",
					      NULL};
	size_t pm = pii__ends_with(t, lo, p, places);
	if (pm && t->cp[p - 1] == 0x5BFA /* 寺 */) {
		size_t w = p;
		while (w > 0 && pii__is_kanji(t->cp[w - 1]) && p - w < 8)
			w--;
		const struct pii__names *names = pii__names_get();
		if (p - w < 2 ||
		    (names && (pii__names_lookup(names, t->cp + w, p - w) & PII_NAME_SURNAME)))
			pm = 0;
	}
	if (!pm && !line_has_words(t, lo, p, lodging) && !municipal_facility_name(t, p))
		return 0;
	size_t e = sp->end;
	while (e < t->n && e - sp->end < 40 && t->cp[e] != ')' && !is_line_end(t->cp[e]))
		e++;
	return e < t->n && t->cp[e] == ')' && !pii__match_any(t, e + 1, lives) &&
	       !person_in(t, c, ix, q, e);
}

/* 会社連絡先：丸浜水産加工 0153-64-7711, 勤務先電話：0155-…: a landline on a
 * line whose label opens with the employer (会社, 勤務先, 職場) is the
 * company's switchboard (batch 395), unless a person is named between the
 * label and the number; a mobile there is the person's own (勤務先 …、携帯
 * 080-…, labelled in batches 172-229). */
static int workplace_landline(const struct pii__text *t, const struct pii__cands *c,
			      const struct public_index *ix, const struct pii_span *sp)
{
	static const char *const heads[] = {"会社", "勤務先", "職場", NULL};
	if (sp->type != PII_PHONE || pii__mobile_at(t, sp->start))
		return 0;
	size_t ls = sp->start;
	while (ls > 0 && !is_line_end(t->cp[ls - 1]) && sp->start - ls < 40)
		ls--;
	if ((ls > 0 && !is_line_end(t->cp[ls - 1])) || !pii__match_any(t, ls, heads))
		return 0;
	size_t k = ls;
	while (k < sp->start && k - ls < 10 && t->cp[k] != ':')
		k++;
	return k < sp->start && t->cp[k] == ':' && !person_in(t, c, ix, k, sp->start);
}

/* Is a corporate number's candidate on the line [ls, le)? */
static int corporate_number_in(const struct pii__cands *c, const struct public_index *ix,
			       size_t ls, size_t le)
{
	if ((ix = index_of(ix, c))) {
		for (size_t i = ref_lower(ix->plain, ix->n_plain, ls);
		     i < ix->n_plain && ix->plain[i].at < le; i++)
			if (c->v[ix->plain[i].k].type == PII_JP_CORPORATE_NUMBER)
				return 1;
		return 0;
	}
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_JP_CORPORATE_NUMBER && c->v[k].start >= ls &&
		    c->v[k].end <= le)
			return 1;
	return 0;
}

/* 屋号<TAB>代表者<TAB>法人番号<TAB>連絡先⏎株式会社浦明観光（旅館 浦明楼）<TAB>
 * 小林 真司<TAB>7899…<TAB>0772-…: a landline filling a comma or tab cell
 * of a row that opens with a company (its form opening or closing the
 * first cell) and gives the company's corporate number: the company's
 * line, the person in the row its representative (thirty-fifth round). A
 * sole trader's row (民宿…<TAB>西村 大輔<TAB>（個人事業）<TAB>090-…) has no
 * company nor corporate number, and a mobile is its holder's own. */
static int company_row_landline(const struct pii__text *t, const struct pii__cands *c,
				const struct public_index *ix, const struct pii_span *sp)
{
	if (sp->type != PII_PHONE || sp->start < 2 || pii__mobile_at(t, sp->start))
		return 0;
	uint32_t sep = t->cp[sp->start - 1];
	if (sep != ',' && !(sep == ' ' && pii__raw_tab(t, sp->start - 1)))
		return 0;
	size_t ls = sp->start;
	while (ls > 0 && !is_line_end(t->cp[ls - 1]) && sp->start - ls < 200)
		ls--;
	if (ls > 0 && !is_line_end(t->cp[ls - 1]))
		return 0;
	size_t fe = ls; /* the first cell's end */
	while (fe < sp->start && !(t->cp[fe] == sep && (sep == ',' || pii__raw_tab(t, fe))))
		fe++;
	if (fe >= sp->start - 1 || fe - ls < 5)
		return 0;
	/* （旅館 浦明楼）: the company's trade name in brackets closes the cell */
	size_t ce = fe;
	if (t->cp[ce - 1] == ')')
		while (ce > ls + 1 && t->cp[ce - 1] != '(')
			ce--;
	if (t->cp[ce - 1] == '(')
		ce--;
	if (!pii__match_any(t, ls, company_forms) && !pii__ends_with(t, ls, ce, company_forms))
		return 0;
	size_t le = sp->end;
	while (le < t->n && !is_line_end(t->cp[le]))
		le++;
	return corporate_number_in(c, ix, ls, le);
}

/* 2026,霧里町字琴浦17番地,丸浜水産加工株式会社,TRAN VAN HIEU,…: an
 * address filling a comma or tab cell with the next cell a company (its
 * form, 株式会社…, opening or closing the cell), no person named before it
 * on the row: the payer's or the employer's address, the person's data after
 * it (a 給与支払報告書's rows; batch 394). A person's address with the
 * employer after it (氏名,住所,勤務先) has the person before it. */
static int company_cell_address(const struct pii__text *t, const struct pii__cands *c,
				const struct public_index *ix, const struct pii_span *sp)
{
	if (sp->type != PII_ADDRESS || sp->start == 0 || sp->end + 4 >= t->n)
		return 0;
	uint32_t sep = t->cp[sp->end];
	if (sep != ',' && !(sep == ' ' && pii__raw_tab(t, sp->end)))
		return 0;
	if (t->cp[sp->start - 1] != sep || (sep == ' ' && !pii__raw_tab(t, sp->start - 1)))
		return 0;
	size_t ns = sp->end + 1, ne = ns;
	while (ne < t->n && ne - ns < 40 && t->cp[ne] != sep && !is_line_end(t->cp[ne]))
		ne++;
	if (ne - ns < 5 || !(pii__match_any(t, ns, company_forms) ||
			     pii__ends_with(t, ns, ne, company_forms)))
		return 0;
	size_t ls = sp->start;
	while (ls > 0 && !is_line_end(t->cp[ls - 1]) && sp->start - ls < 200)
		ls--;
	return !person_in(t, c, ix, ls, sp->start);
}

/* 松尾 勝さん（鴫保2-0377）: a short word of kanji and two numbers, the
 * last zero-padded to four or five digits, read as a town and its lot: a
 * file's or a case's number (a record's series and its serial), as no
 * lot or house number is written with a leading zero (batches 402-405). */
static int padded_code_address(const struct pii__text *t, const struct pii_span *sp)
{
	/* after a label (住所：本町2-0377) it is what the label says */
	size_t q = sp->start;
	while (q > 0 && t->cp[q - 1] == ' ')
		q--;
	if (q > 0 && t->cp[q - 1] == ':') /* ： folded */
		return 0;
	size_t j = sp->start;
	while (j < sp->end && j - sp->start < 5 && pii__is_kanji(t->cp[j]))
		j++;
	if (j == sp->start || j - sp->start > 4)
		return 0;
	size_t d = j;
	while (j < sp->end && pii__is_digit(t->cp[j]) && j - d < 4)
		j++;
	if (j == d || j + 1 >= sp->end || t->cp[j] != '-' || t->cp[j + 1] != '0')
		return 0;
	size_t z = ++j;
	while (j < sp->end && pii__is_digit(t->cp[j]))
		j++;
	return j == sp->end && j - z >= 4 && j - z <= 5;
}

/* The hiragana of a romanised word cp[0..n) of lower-case letters (Hepburn
 * or kunrei: yamada, satou, tsuchiya, hattori, honma) into out[0..max):
 * its length, or 0 when some letters read as no kana. */
static size_t romaji_kana(const uint32_t *cp, size_t n, uint32_t *out, size_t max)
{
	/* the syllables, longest spelling first where one opens another */
	static const struct {
		const char *r;
		const char *k;
	} syl[] = {
		{"kya", "きゃ"}, {"kyu", "きゅ"}, {"kyo", "きょ"}, {"gya", "ぎゃ"}, {"gyu", "ぎゅ"},
		{"gyo", "ぎょ"}, {"sha", "しゃ"}, {"shu", "しゅ"}, {"sho", "しょ"}, {"shi", "し"},
		{"sya", "しゃ"}, {"syu", "しゅ"}, {"syo", "しょ"}, {"cha", "ちゃ"}, {"chu", "ちゅ"},
		{"cho", "ちょ"}, {"chi", "ち"}, {"tya", "ちゃ"}, {"tyu", "ちゅ"}, {"tyo", "ちょ"},
		{"tsu", "つ"}, {"nya", "にゃ"}, {"nyu", "にゅ"}, {"nyo", "にょ"}, {"hya", "ひゃ"},
		{"hyu", "ひゅ"}, {"hyo", "ひょ"}, {"bya", "びゃ"}, {"byu", "びゅ"}, {"byo", "びょ"},
		{"pya", "ぴゃ"}, {"pyu", "ぴゅ"}, {"pyo", "ぴょ"}, {"mya", "みゃ"}, {"myu", "みゅ"},
		{"myo", "みょ"}, {"rya", "りゃ"}, {"ryu", "りゅ"}, {"ryo", "りょ"}, {"zya", "じゃ"},
		{"zyu", "じゅ"}, {"zyo", "じょ"}, {"ja", "じゃ"}, {"ju", "じゅ"}, {"jo", "じょ"},
		{"ji", "じ"}, {"ka", "か"}, {"ki", "き"}, {"ku", "く"}, {"ke", "け"}, {"ko", "こ"},
		{"ga", "が"}, {"gi", "ぎ"}, {"gu", "ぐ"}, {"ge", "げ"}, {"go", "ご"}, {"sa", "さ"},
		{"si", "し"}, {"su", "す"}, {"se", "せ"}, {"so", "そ"}, {"za", "ざ"}, {"zi", "じ"},
		{"zu", "ず"}, {"ze", "ぜ"}, {"zo", "ぞ"}, {"ta", "た"}, {"ti", "ち"}, {"tu", "つ"},
		{"te", "て"}, {"to", "と"}, {"da", "だ"}, {"di", "ぢ"}, {"du", "づ"}, {"de", "で"},
		{"do", "ど"}, {"na", "な"}, {"ni", "に"}, {"nu", "ぬ"}, {"ne", "ね"}, {"no", "の"},
		{"ha", "は"}, {"hi", "ひ"}, {"fu", "ふ"}, {"hu", "ふ"}, {"he", "へ"}, {"ho", "ほ"},
		{"ba", "ば"}, {"bi", "び"}, {"bu", "ぶ"}, {"be", "べ"}, {"bo", "ぼ"}, {"pa", "ぱ"},
		{"pi", "ぴ"}, {"pu", "ぷ"}, {"pe", "ぺ"}, {"po", "ぽ"}, {"ma", "ま"}, {"mi", "み"},
		{"mu", "む"}, {"me", "め"}, {"mo", "も"}, {"ya", "や"}, {"yu", "ゆ"}, {"yo", "よ"},
		{"ra", "ら"}, {"ri", "り"}, {"ru", "る"}, {"re", "れ"}, {"ro", "ろ"}, {"wa", "わ"},
		{"wo", "を"}, {"a", "あ"}, {"i", "い"}, {"u", "う"}, {"e", "え"}, {"o", "お"},
	};
	size_t i = 0, k = 0;
	while (i < n) {
		if (k + 2 > max)
			return 0;
		uint32_t x = cp[i];
		/* a doubled consonant (hattori), or t before ch (hotchi): っ;
		 * not n or m, which double as ん (honna, kamma) */
		if (i + 1 < n && x != 'n' && x != 'm' && !strchr("aiueo", (int)x) &&
		    (cp[i + 1] == x || (x == 't' && cp[i + 1] == 'c'))) {
			out[k++] = 0x3063;
			i++;
			continue;
		}
		size_t s = 0, m = 0;
		for (; s < YK_ARRAY_LEN(syl); s++) {
			m = strlen(syl[s].r);
			size_t q = 0;
			while (q < m && i + q < n && cp[i + q] == (unsigned char)syl[s].r[q])
				q++;
			if (q == m)
				break;
		}
		if (s == YK_ARRAY_LEN(syl)) {
			/* n or m before a consonant or at the end (honma, sampei): ん */
			if ((x == 'n' || (x == 'm' && i + 1 < n && strchr("bmp", (int)cp[i + 1]))) &&
			    (i + 1 == n || !strchr("aiueoy", (int)cp[i + 1]))) {
				out[k++] = 0x3093;
				i++;
				continue;
			}
			return 0;
		}
		/* the kana of a syllable are one or two code points of 3 bytes */
		const char *kp = syl[s].k;
		for (size_t b = 0; kp[b]; b += 3)
			out[k++] = ((uint32_t)(kp[b] & 0x0F) << 12) | ((uint32_t)(kp[b + 1] & 0x3F) << 6) |
				   (uint32_t)(kp[b + 2] & 0x3F);
		i += m;
	}
	return k;
}

/* 1 when the lower-case word cp[0..n) reads as a name in ENAMDICT, as
 * written or with its last o long (sato: さとう, endo: えんどう). */
static int romaji_name(const uint32_t *cp, size_t n)
{
	const struct pii__names *names = pii__names_get();
	uint32_t kana[32];
	size_t k;
	if (!names || n > 16 || !(k = romaji_kana(cp, n, kana, YK_ARRAY_LEN(kana) - 1)))
		return 0;
	const unsigned read = PII_NAME_SURNAME_KANA | PII_NAME_GIVEN_KANA;
	if (pii__names_lookup_kana(names, kana, k) & read)
		return 1;
	if (cp[n - 1] != 'o')
		return 0;
	kana[k++] = 0x3046; /* う */
	return (pii__names_lookup_kana(names, kana, k) & read) != 0;
}

/* iju@city.miyamine.gifu.jp, shiminka@town.…: a mailbox at a
 * municipality's own domain (city., town., vill., pref. opening it) whose
 * local part is one word of lower-case letters is a section's shared
 * mailbox; its staff's own addresses carry their names with a separator or
 * a digit (yamada.nana@, t-yamazaki@, uno-k382@; batches 396-397, and
 * held-out batches 185-285 before them). A person named before it on its
 * line owns it (担当者：福田（fukuda@city.…）), and so does a name alone that
 * ENAMDICT reads (yamada@city.…, through its romanised reading,
 * romaji_name()). */
static int municipal_mailbox(const struct pii__text *t, const struct pii__cands *c,
			     const struct public_index *ix, const struct pii_span *sp)
{
	static const char *const bodies[] = {"city.", "town.", "vill.", "pref.", NULL};
	if (sp->type != PII_EMAIL)
		return 0;
	size_t at = sp->start;
	while (at < sp->end && t->cp[at] >= 'a' && t->cp[at] <= 'z')
		at++;
	if (at == sp->start || at - sp->start > 16 || at >= sp->end || t->cp[at] != '@' ||
	    !pii__match_any(t, at + 1, bodies))
		return 0;
	size_t ls = sp->start;
	while (ls > 0 && !is_line_end(t->cp[ls - 1]) && sp->start - ls < 80)
		ls--;
	/* a name alone is a person's own (yamada@, satou@), unless the line
	 * right above names the section and no one (…地域振興課 移住定住係
	 * 0983-…⏎メール：iju@city.…; batch 420): the section's contact block,
	 * the mailbox under its name and number; a word ENAMDICT happens to
	 * read (iju: 伊寿) names no staff member there */
	if (romaji_name(t->cp + sp->start, at - sp->start)) {
		if (ls < 2 || !is_line_end(t->cp[ls - 1]) || sp->start - ls > 12)
			return 0;
		/* (…移住定住係⏎〒629-…⏎TEL …（代表） FAX …⏎メール iju@town.…:
		 * the office's address and its switchboard's lines between the
		 * section's name and the mailbox are its block too; thirty-fifth
		 * round) */
		static const char *const contact_lines[] = {"〒", "代表", "FAX", "TEL", NULL};
		size_t le = ls - 1;
		for (int up = 0; up < 3 && le > 0; up++) {
			size_t ps = le;
			while (ps > 0 && !is_line_end(t->cp[ps - 1]) && le - ps < 80)
				ps--;
			if (line_names_office(t, ps, le))
				return !person_in(t, c, ix, ps, sp->start);
			if (ps < 2 || !is_line_end(t->cp[ps - 1]) ||
			    !line_has_words(t, ps, le, contact_lines))
				return 0;
			le = ps - 1;
		}
		return 0;
	}
	return !person_in(t, c, ix, ls, sp->start);
}

/* Words that name an office on an address's line. */
static const char *const office_line_words[] = {"役所", "役場", "庁舎", "支所", "出張所", NULL};

static int bullet(uint32_t c)
{
	return c == 0x30FB /* ・ */ || c == '-' || c == '*' || c == 0x25CF /* ● */ ||
	       c == 0x25CB /* ○ */ || c == 0x25A0 /* ■ */ || c == 0x25A1 /* □ */ ||
	       c == 0x25C6 /* ◆ */ || c == 0x2022 /* • */;
}

/* A municipality's name alone in [a, b): two to eight kanji or kana
 * ending with 市, 町, 村 or 区 (つくば市, 柏市). */
static int municipality_cell(const struct pii__text *t, size_t a, size_t b)
{
	if (b - a < 2 || b - a > 8)
		return 0;
	uint32_t l = t->cp[b - 1];
	if (l != 0x5E02 /* 市 */ && l != 0x753A /* 町 */ && l != 0x6751 /* 村 */ && l != 0x533A /* 区 */)
		return 0;
	for (size_t q = a; q < b; q++)
		if (!list_name_char(t->cp[q]))
			return 0;
	return 1;
}

static int cell_end(const struct pii__text *t, size_t q)
{
	return t->cp[q] == ',' || (t->cp[q] == ' ' && pii__raw_tab(t, q));
}

/* Cell [x, y) opens with the same words as the cell [a, b). */
static int cell_opens_with(const struct pii__text *t, size_t x, size_t y, size_t a, size_t b)
{
	if (y - x <= b - a)
		return 0;
	for (size_t q = 0; q < b - a; q++)
		if (t->cp[x + q] != t->cp[a + q])
			return 0;
	return 1;
}

/* A row of comma or tab cells that holds only codes (digits), a
 * municipality's name and the number (082015,水戸市,0292321111): a table
 * of municipalities' numbers, headed or not. A postal code (〒930-8510)
 * is a code too, and an address in the row's municipality (富山市<TAB>
 * 076-…<TAB>〒…<TAB>富山市新桜町…) is its office's: a table of the
 * municipalities' switchboards and offices (fourteenth round (b)). A
 * person's name or any other word in the row makes it no such table. */
static int municipality_row(const struct pii__text *t, const struct pii_span *sp, size_t ls,
			    size_t le)
{
	int towns = 0, cells = 0;
	size_t ta = 0, tb = 0, own_s = 0, own_e = 0;
	size_t addr_s[4], addr_e[4], na = 0;
	for (size_t a = ls; a <= le;) {
		size_t b = a;
		while (b < le && !cell_end(t, b))
			b++;
		size_t x = a, y = b;
		while (x < y && t->cp[x] == ' ')
			x++;
		while (y > x && t->cp[y - 1] == ' ')
			y--;
		cells++;
		if (x >= sp->start && y <= sp->end) {
			own_s = x, own_e = y;
		} else if (x < y) {
			size_t d = x + (t->cp[x] == 0x3012 /* 〒 */);
			int digits = d < y;
			for (size_t q = d; q < y && digits; q++)
				digits = pii__is_digit(t->cp[q]) || t->cp[q] == '-';
			if (municipality_cell(t, x, y))
				towns++, ta = x, tb = y;
			else if (!digits && na < 4 && y - x <= 40)
				addr_s[na] = x, addr_e[na++] = y;
			else if (!digits)
				return 0;
		}
		a = b + 1;
	}
	if (cells < 3 || towns != 1)
		return 0;
	for (size_t k = 0; k < na; k++)
		if (!cell_opens_with(t, addr_s[k], addr_e[k], ta, tb))
			return 0;
	/* the address itself lies in the row's municipality */
	return sp->type != PII_ADDRESS || (own_e > own_s && cell_opens_with(t, own_s, own_e, ta, tb));
}

/* The end of the list's first ADDRESS that starts in [from, to] (and
 * ends after 0), or 0. */
static size_t address_end_in(const struct pii__cands *c, const struct public_index *ix, size_t from,
			     size_t to)
{
	if ((ix = index_of(ix, c))) {
		size_t first = c->n;
		for (size_t i = ref_lower(ix->by_start, ix->n_contact, from);
		     i < ix->n_contact && ix->by_start[i].at <= to; i++) {
			size_t k = ix->by_start[i].k;
			if (k < first && c->v[k].type == PII_ADDRESS && c->v[k].end)
				first = k;
		}
		return first < c->n ? c->v[first].end : 0;
	}
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_ADDRESS && c->v[k].start >= from && c->v[k].start <= to &&
		    c->v[k].end)
			return c->v[k].end;
	return 0;
}

/* The contact sp stands on a line that belongs to a public place: a
 * comma or tab row of a municipality's codes, name and number; a line
 * opening (after a list's mark) with the name of a facility (・柏の葉保育園
 * 柏市… 04-…, 中央図書館 …); a postal code opening a line that names an
 * office after the address (〒… 旭川市… 旭川市役所 市民課). Never on a line
 * that names a person or a person's word. */
static int public_place_line(const struct pii__text *t, const struct pii__cands *c,
			     const struct public_index *ix, const struct pii_span *sp)
{
	if (sp->type != PII_PHONE && sp->type != PII_ADDRESS && sp->type != PII_POSTAL_CODE)
		return 0;
	if (sp->type == PII_PHONE && pii__mobile_at(t, sp->start))
		return 0;
	/* lines longer than 160 code points are prose, not a place's line:
	 * the walks stop there (a paragraph of an FAQ answer holds many
	 * numbers, and walking it whole for each cost more than the rule) */
	size_t ls = sp->start, le = sp->end;
	if (one_line(t)) {
		/* what the walks below find: the whole text, or more than 160 */
		ls = 0, le = t->n;
	} else {
		while (ls > 0 && !is_line_end(t->cp[ls - 1]) && le - ls <= 160)
			ls--;
		while (le < t->n && !is_line_end(t->cp[le]) && le - ls <= 160)
			le++;
	}
	if (le - ls > 160 || person_in(t, c, ix, ls, le))
		return 0;
	if ((sp->type == PII_PHONE || pii__may_have(t, ',') || memchr(t->raw, '\t', t->len)) &&
	    municipality_row(t, sp, ls, le))
		return 1;
	size_t p = ls;
	while (p < sp->start && (bullet(t->cp[p]) || t->cp[p] == ' '))
		p++;
	/* 郵送請求：〒…, 郵送の場合：〒…: a short label before the postal
	 * code (thirteenth round (b)) */
	if (sp->type != PII_PHONE && p < sp->start && t->cp[p] == 0x3010 /* 【 */) {
		/* 【郵送請求の送付先】〒…: a bracketed heading */
		size_t k = p;
		while (k < sp->start && t->cp[k] != 0x3011 /* 】 */ && k - p <= PUBLIC_LINE_LABEL_MAX)
			k++;
		if (k + 1 < sp->start && t->cp[k] == 0x3011 && t->cp[k + 1] == 0x3012)
			p = k + 1;
	}
	if (sp->type != PII_PHONE) {
		size_t k = p;
		while (k < sp->start && k - p < PUBLIC_LINE_LABEL_MAX && t->cp[k] != ':' &&
		       t->cp[k] != 0x3012 /* 〒 */ && !pii__is_digit(t->cp[k]))
			k++;
		if (k + 1 < sp->start && t->cp[k] == ':' && t->cp[k + 1] == 0x3012)
			p = k + 1;
	}
	if (p < sp->start && t->cp[p] == 0x3012 /* 〒 */) {
		if (sp->type == PII_PHONE)
			return 0;
		size_t e = sp->end;
		while (e < le && t->cp[e] != ' ')
			e++;
		if (line_has_words(t, e, le, office_line_words))
			return 1;
		/* or a section's name after the address (市民課郵送担当,
		 * 保育幼稚園課 入所係 宛): after the address's candidate, so that
		 * a building's name (シャトー西院507) is not read as one */
		size_t ae = sp->type == PII_ADDRESS ? sp->end
						    : address_end_in(c, ix, sp->end, sp->end + 2);
		if (!ae) /* no address read (北1条西2丁目 has no block) */
			ae = e;
		/* 〒071-8501 上雪川市永山町8丁目2番1号⏎上雪川市役所 福祉部…: the
		 * address ends its line and the next line opens with the
		 * office (an envelope's or a letter's sender; batches 294-295) */
		if (ae == le && le < t->n) {
			size_t ns = le + 1, ne = ns;
			while (ne < t->n && !is_line_end(t->cp[ne]) && ne - ns < 16)
				ne++;
			if (line_has_words(t, ns, ne, office_line_words) &&
			    !person_in(t, c, ix, ns, ne))
				return 1;
		}
		return ae < le && t->cp[ae] == ' ' && line_names_office(t, ae, le);
	}
	size_t te = p;
	while (te < sp->start && (list_name_char(t->cp[te]) || pii__is_digit(t->cp[te])) && te - p < 20)
		te++;
	/* 京都家庭裁判所：京都市…: the facility's name and a colon
	 * (thirteenth round (b)) */
	if (te == p || te >= sp->start || (t->cp[te] != ' ' && t->cp[te] != ':'))
		return 0;
	/* two code points at least before the suffix (楽園 is no place's name) */
	size_t m = pii__ends_with(t, p, te, facility_suffix);
	return m && te - p >= m + 2;
}


static int latin_unit_in(const struct pii__text *t, size_t a, size_t p);
#define PUBLIC_LATIN_CLAUSE 60 /* code points searched back for an office in Latin letters */

/* A phone inside the brackets right after an office named in English
 * (…School Affairs Division (1-4-1 Chuo, Mito; tel. 029-…), the Tax
 * Section (tel. 0299-…)): the office's line (twelfth round (b)). Not
 * when a person's span or word stands in the brackets. */
static int english_office_bracket(const struct pii__text *t, const struct pii__cands *c,
				  const struct public_index *ix, const struct pii_span *sp)
{
	size_t q = sp->start;
	while (q > 0 && sp->start - q < 48 && t->cp[q - 1] != '(' && t->cp[q - 1] != ')' &&
	       !is_line_end(t->cp[q - 1]))
		q--;
	if (q < 2 || t->cp[q - 1] != '(' || person_in(t, c, ix, q, sp->start))
		return 0;
	size_t p = q - 1;
	while (p > 0 && t->cp[p - 1] == ' ')
		p--;
	size_t m = pii__ends_with(t, p >= 24 ? p - 24 : 0, p, english_units);
	if (m && (p == m || !pii__is_latin(t->cp[p - m - 1])))
		return 1;
	/* …liên hệ văn phòng thuế của quận (Kokurakita 093-…): the office
	 * named earlier in the bracket's sentence, a landline in the
	 * bracket (twenty-eighth round (c)) */
	return !pii__mobile_at(t, sp->start) &&
	       latin_unit_in(t, pii__clause_start(t, p, PUBLIC_LATIN_CLAUSE), p);
}

/* Words that name an office in the languages of the notices a city
 * writes for its foreign residents (Prefeitura de Toyohashi, Seção de
 * Habitação, Municipio); the English ones are english_units. */
static const char *const foreign_units[] = {"Prefeitura", "Seção", "Secretaria", "Municipio",
					    "Munisipyo", "Ayuntamiento",
					    /* Vietnamese: an office (twenty-eighth round (c)) */
					    "văn phòng", "Văn phòng", NULL};

/* Whether an office's word in Latin letters (english_units or
 * foreign_units) stands as a word of its own in [a, p). */
static int latin_unit_in(const struct pii__text *t, size_t a, size_t p)
{
	for (size_t q = a; q < p; q++) {
		if (q > a && pii__is_latin(t->cp[q - 1]))
			continue;
		size_t m = pii__match_any(t, q, english_units);
		if (!m || (q + m < t->n && pii__is_latin(t->cp[q + m])))
			m = pii__match_any(t, q, foreign_units);
		if (m && (q + m >= t->n || !pii__is_latin(t->cp[q + m])))
			return 1;
	}
	return 0;
}

/* A phone right after an office named in Latin letters, a colon or
 * spaces between (Tottori City Tax Division 0857-…, Prefeitura de Izumo:
 * 0853-… (ramal 1150)): the office's number (fourteenth round (b)). The
 * unit must be a word of its own (not Officer), and no person's span or
 * word may stand between it and the number. */
static int english_office_before(const struct pii__text *t, const struct pii__cands *c,
				 const struct public_index *ix, const struct pii_span *sp)
{
	size_t p = sp->start;
	while (p > 0 && sp->start - p < 3 && (t->cp[p - 1] == ' ' || t->cp[p - 1] == ':'))
		p--;
	if (p == 0 || p == sp->start || !pii__is_latin(t->cp[p - 1]))
		return 0;
	size_t a = p;
	while (a > 0 && p - a < 48 &&
	       (pii__is_latin(t->cp[a - 1]) || t->cp[a - 1] == ' ' || t->cp[a - 1] == '&'))
		a--;
	return latin_unit_in(t, a, p) && !person_in(t, c, ix, a, sp->start);
}

/* ---- a public place's contacts in brackets (fifteenth round (b)) ---- */

/* Words that end the name of a place the public goes to, or of a service
 * it calls, when the place's address or number follows in brackets
 * (那覇家庭裁判所（那覇市…、098-…）, 函館アリーナ（函館市…）, 電話通訳（03-…）).
 * Not a home (ホーム, 施設: a resident's address) nor a room or a shop. */
static const char *const bracket_places[] = {
	"裁判所", "法務局", "税務署", "年金事務所", "事務所", "役所", "役場", "庁舎", "支所",
	"出張所", "センター", "会館", "体育館", "公民館", "図書館", "アリーナ", "ホール", "プラザ",
	"学校", "公園", "通訳", "窓口",
	/* a holiday's or a night's doctor the public calls (sixteenth
	 * round (b)) */
	"当番医", "診療所", NULL,
};

/* The value sp stands in brackets (alone or after the place's other
 * contacts and their labels) right after the name of a public place, or
 * after an office named in a foreign notice's sentence (Prefeitura de
 * Toyonaka, 1º andar (豊中市…)). No person's span or word between. */
static int place_bracket(const struct pii__text *t, const struct pii__cands *c,
			 const struct public_index *ix, const struct pii_span *sp)
{
	if (sp->type == PII_PHONE && pii__mobile_at(t, sp->start))
		return 0;
	size_t q = sp->start;
	while (q > 0 && sp->start - q < 40 && t->cp[q - 1] != '(' && t->cp[q - 1] != ')' &&
	       !pii__is_boundary(t->cp[q - 1]))
		q--;
	if (q == 0 || t->cp[q - 1] != '(' || skip_labels_back(t, c, ix, sp, q, sp->start) != q)
		return 0;
	size_t p = q - 1;
	while (p > 0 && t->cp[p - 1] == ' ')
		p--;
	size_t lo = p > 24 ? p - 24 : 0;
	size_t m = pii__ends_with(t, lo, p, bracket_places);
	if (m && p >= m + 2 && p - m >= lo && is_name_char(t->cp[p - m - 1]) &&
	    is_name_char(t->cp[p - m - 2]))
	{
		/* a person's place in the clause (勤務先の保育園（…）, 自宅近くの
		 * センター) may give a number of theirs */
		size_t cs = pii__clause_start(t, p - m, PUBLIC_UNIT_WINDOW);
		/* a chat's speaker before a colon is no one's place */
		for (size_t k = cs; k < p; k++)
			if (t->cp[k] == ':')
				cs = k + 1;
		static const char *const theirs[] = {"勤務先", "勤め先", "職場", NULL};
		return !person_in(t, c, ix, cs, sp->start) &&
		       !line_has_words(t, cs, p, person_words) &&
		       !line_has_words(t, cs, p, theirs);
	}
	/* a foreign notice: an office's word earlier in the sentence, Latin
	 * text between */
	if (p == 0 || !(pii__is_latin(t->cp[p - 1]) || pii__is_digit(t->cp[p - 1]) ||
			t->cp[p - 1] == ',' || t->cp[p - 1] == '.'))
		return 0;
	size_t a = p;
	while (a > 0 && p - a < 80 && !pii__is_boundary(t->cp[a - 1]) && t->cp[a - 1] != ')' &&
	       (t->cp[a - 1] < 0x3000 || t->cp[a - 1] == 0xBA /* º */))
		a--;
	return latin_unit_in(t, a, p) && !person_in(t, c, ix, a, sp->start);
}

/* A number the reader is told to call or send to as a section's (…は係の
 * 番号なので, FAX（03-…）でご提出ください): after the value, は and a unit
 * ending in the number's word, or で/へ/まで and a request to send. No
 * person's word before it in its clause (ご自宅のFAX…へお送りください). */
static int office_number_after(const struct pii__text *t, const struct pii__cands *c,
			       const struct public_index *ix, const struct pii_span *sp)
{
	if (sp->type != PII_PHONE || pii__mobile_at(t, sp->start))
		return 0;
	size_t e = sp->end;
	if (e < t->n && t->cp[e] == ')')
		e++;
	if (e >= t->n)
		return 0;
	int hit = 0;
	if (t->cp[e] == 0x306F /* は */) {
		size_t k = e + 1;
		while (k < t->n && is_name_char(t->cp[k]) && k - e <= 10)
			k++;
		static const char *const number_words[] = {"の番号", "の電話", "の代表", "の直通", NULL};
		/* 係の番号: the unit's suffix alone names the reader's section */
		hit = k > e + 1 &&
		      (unit_ending_at(t, e + 1, k) || (k == e + 2 && unit_suffix(t->cp[e + 1]))) &&
		      pii__match_any(t, k, number_words);
	} else {
		static const char *const to_words[] = {"で", "へ", "まで", NULL};
		static const char *const send_words[] = {"ご提出", "提出", "お送り", "送信", "ご送付",
							 "送付", "ご返送", "返送", "お申し込み", NULL};
		size_t m = pii__match_any(t, e, to_words);
		size_t k = e + m;
		size_t w = m ? pii__match_any(t, k, send_words) : 0;
		if (w) {
			size_t r = k + w;
			while (r < t->n && r - k < 12 && !pii__is_boundary(t->cp[r]) &&
			       !pii__match(t, r, "ください"))
				r++;
			hit = pii__match(t, r, "ください") != 0;
		}
	}
	if (!hit)
		return 0;
	size_t lo = pii__clause_start(t, sp->start, PUBLIC_UNIT_WINDOW);
	return !person_in(t, c, ix, lo, sp->start) &&
	       !line_has_words(t, lo, sp->start, person_words);
}

/* A placeholder number (098-000-0000, 03-0000-0000): its two last groups
 * all zeros, as a form's sample or a redacted number writes it. */
static int zero_number(const struct pii__text *t, const struct pii_span *sp)
{
	size_t q = sp->end, zeros = 0, groups = 0;
	while (q > sp->start && groups < 2) {
		uint32_t ch = t->cp[q - 1];
		if (ch == '-')
			groups++;
		else if (ch == '0')
			zeros++;
		else
			return 0;
		q--;
	}
	return groups == 2 && zeros >= 7;
}

/* The line of [ls, le) opens (after spaces and a list's mark) with a word
 * of w. */
static int line_opens_with(const struct pii__text *t, size_t ls, size_t le, const char *const *w)
{
	while (ls < le && (t->cp[ls] == ' ' || bullet(t->cp[ls])))
		ls++;
	return ls < le && pii__match_any(t, ls, w) != 0;
}

/* An address or postal code on a line labelled 住所 or 所在地 inside a
 * notice's block about an office's window: the line above opens with 場所
 * or 会場 and names an office (場所：…区役所 本庁舎1階 …窓口), or the line
 * below opens with the office's hours (受付時間：8:30〜17:00) (fifteenth
 * round (b)). Never with a person's span or word on the three lines. */
/* 1 when [a, b) holds an address candidate. */
static int address_on(const struct pii__cands *c, size_t a, size_t b)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_ADDRESS && c->v[k].start >= a && c->v[k].end <= b)
			return 1;
	return 0;
}

static int office_window_block(const struct pii__text *t, const struct pii__cands *c,
			       const struct public_index *ix, const struct pii_span *sp)
{
	if (sp->type != PII_ADDRESS && sp->type != PII_POSTAL_CODE && sp->type != PII_PHONE)
		return 0;
	size_t ls = start_of_line(t, sp->start), le = end_of_line(t, sp->end);
	static const char *const labels[] = {"住所", "所在地", NULL};
	static const char *const postal_mark[] = {"〒", NULL};
	/* a line of the office's contacts with no label (〒722-8501 尾道市…
	 * TEL 0848-…), two lines at most below the place's line (sixteenth
	 * round (b)); its phone is the office's too */
	int bare = !line_opens_with(t, ls, le, labels);
	if (bare && (!line_opens_with(t, ls, le, postal_mark) || !address_on(c, ls, le)))
		return 0;
	if (!bare && sp->type == PII_PHONE)
		return 0;
	static const char *const place_labels[] = {"場所", "会場", NULL};
	static const char *const office_words[] = {"役所", "役場", "庁舎", "支所", "出張所",
						   "窓口", "センター", NULL};
	size_t pa = ls, pe = ls;
	int above = 0;
	for (int up = 0; up < (bare ? 3 : 1) && pa > 0 && !above; up++) {
		pe = pa - 1;
		pa = pe;
		while (pa > 0 && !is_line_end(t->cp[pa - 1]))
			pa--;
		above = pe > pa && line_opens_with(t, pa, pe, place_labels) &&
			line_has_words(t, pa, pe, office_words);
	}
	size_t na = le < t->n ? le + 1 : le, ne = na;
	ne = end_of_line(t, ne);
	int below = !bare && ne > na && line_opens_with(t, na, ne, hours_words);
	if (!above && !below)
		return 0;
	/* the line above is looked at for a person even when only the hours
	 * below speak for the office (申請者 …\n住所：…\n受付時間 …) */
	size_t a = pa, b = below ? ne : le;
	/* the lines between a bare line and the place's list what to bring
	 * (本人確認書類): their words are not looked at, their spans are */
	if (bare)
		return !person_ends_in(c, ix, a, b) && !person_in(t, c, ix, pa, pe) &&
		       !person_in(t, c, ix, ls, sp->start);
	/* the label's 住所 is a person's word elsewhere: words are looked for
	 * around it, spans everywhere */
	return !person_ends_in(c, ix, a, b) && !person_in(t, c, ix, a, ls) &&
	       !person_in(t, c, ix, le, b) &&
	       !person_in(t, c, ix, ls + 2, sp->start);
}

/* （㈱エフレジ 0120-834-271）, （株式会社ミドリ 06-…）: a bracket that holds
 * only a company, named with its legal form, and the number (twentieth
 * round (b)). */
static int company_bracket(const struct pii__text *t, const struct pii_span *sp)
{
	static const char *const forms[] = {"㈱", "㈲", "(株)", "(有)", "株式会社", "有限会社",
					    "合同会社", NULL};
	if (sp->end >= t->n || t->cp[sp->end] != ')')
		return 0;
	size_t q = sp->start;
	while (q > 0 && t->cp[q - 1] == ' ')
		q--;
	size_t we = q;
	while (q > 0 && we - q < 24 && t->cp[q - 1] != '(' &&
	       (pii__is_kata(t->cp[q - 1]) || pii__is_kanji(t->cp[q - 1]) ||
		pii__is_alpha(t->cp[q - 1]) || t->cp[q - 1] == 0x3231 /* ㈱ */ ||
		t->cp[q - 1] == 0x3232 /* ㈲ */ || t->cp[q - 1] == ')'))
		q--;
	/* (株) opens with its own bracket: the company's bracket is before */
	if (q >= 2 && t->cp[q - 1] == '(' && pii__match(t, q - 1, "(株)") == 3)
		q--;
	if (q == 0 || q == we || t->cp[q - 1] != '(')
		return 0;
	for (size_t k = q; k < we; k++)
		if (pii__match_any(t, k, forms))
			return 1;
	return 0;
}

/* An address followed on its line by a phone's label and a landline
 * with opening hours in brackets (地址：…町大字津留1200番地　電話：096-…
 * （平日8:30～17:15）, a town's notice in Chinese; twenty-seventh round):
 * only an office announces hours, and the address before its number is
 * that office's, as the number is (hours_after()). A person named
 * before them in the clause owns them instead. */
static int address_before_office_hours(const struct pii__text *t, const struct pii__cands *c,
				       const struct public_index *ix, const struct pii_span *sp)
{
	static const char *const phone_labels[] = {"電話", "电话", "TEL", "Tel", NULL};
	size_t q = sp->end;
	while (q < t->n && t->cp[q] == ' ' && q - sp->end < 3)
		q++;
	size_t m = pii__match_any(t, q, phone_labels);
	if (!m)
		return 0;
	q += m;
	if (pii__match(t, q, "番号"))
		q += 2;
	while (q < t->n && (t->cp[q] == ':' || t->cp[q] == ' ') && q - sp->end < 12)
		q++;
	size_t e = q;
	while (e < t->n && (pii__is_digit(t->cp[e]) || t->cp[e] == '-') && e - q < 14)
		e++;
	if (e - q < 10 || t->cp[q] != '0' || pii__mobile_at(t, q))
		return 0;
	struct pii_span phone = {.start = q, .end = e, .type = PII_PHONE};
	return hours_after(t, &phone) &&
	       !person_in(t, c, ix, pii__clause_start(t, sp->start, 100), sp->start);
}

/* FAX 0880-…-2551 または地域包括支援センター 0880-…-2125, 出欠は…までに
 * 0880-…-2125 または本メールに返信で: a landline offered as one way of
 * answering an office, the other way being the office's own number (a
 * unit's phone, by unit_before()) or a reply to the office's own mail. One
 * owner for both, as for contacts written together (batches 414-417). */
static int office_alternative_after(const struct pii__text *t, const struct pii__cands *c,
				    const struct public_index *ix, const struct pii_span *sp)
{
	size_t q = sp->end;
	while (q < t->n && q - sp->end < 2 && t->cp[q] == ' ')
		q++;
	size_t m = pii__match(t, q, "または");
	if (!m)
		m = pii__match(t, q, "又は");
	if (!m)
		return 0;
	q += m;
	static const char *const own_mail[] = {"本メール", "このメール", NULL};
	if (pii__match_any(t, q, own_mail))
		return 1;
	/* the next phone, on this line and close after the word */
	const struct pii_span *o = NULL;
	if ((ix = index_of(ix, c))) {
		for (size_t i = ref_lower(ix->by_start, ix->n_contact, q);
		     i < ix->n_contact && ix->by_start[i].at <= q + PUBLIC_UNIT_WINDOW && !o; i++)
			if (c->v[ix->by_start[i].k].type == PII_PHONE)
				o = &c->v[ix->by_start[i].k];
	} else {
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].type == PII_PHONE && c->v[k].start >= q &&
			    c->v[k].start <= q + PUBLIC_UNIT_WINDOW && (!o || c->v[k].start < o->start))
				o = &c->v[k];
	}
	if (!o)
		return 0;
	for (size_t k = q; k < o->start; k++)
		if (pii__is_boundary(t->cp[k]))
			return 0;
	return !pii__mobile_at(t, o->start) && unit_before(t, c, ix, o);
}

static int not_personal(const struct pii__text *t, const struct pii__cands *c,
			const struct public_index *ix, const struct pii_span *sp)
{
	if (sp->type == PII_ADDRESS && address_before_office_hours(t, c, ix, sp))
		return 1;
	if (sp->type != PII_EMAIL && office_window_block(t, c, ix, sp))
		return 1;
	if (sp->type == PII_PHONE && zero_number(t, sp))
		return 1;
	if (sp->type != PII_EMAIL && pii__may_have(t, '(') && place_bracket(t, c, ix, sp))
		return 1;
	if (office_number_after(t, c, ix, sp))
		return 1;
	if (sp->type == PII_PHONE && pii__may_have(t, '(') && english_office_bracket(t, c, ix, sp))
		return 1;
	if (sp->type == PII_PHONE && english_office_before(t, c, ix, sp))
		return 1;
	if (public_place_line(t, c, ix, sp))
		return 1;
	if (sp->type == PII_PHONE && title_in_brackets_before(t, c, ix, sp))
		return 1;
	if (sp->type == PII_PHONE && pii__may_have(t, '(') && company_bracket(t, sp) &&
	    !pii__mobile_at(t, sp->start))
		return 1;
	if ((sp->type == PII_EMAIL || sp->type == PII_PHONE) && pii__may_have(t, '(') &&
	    shared_note_after(t, sp))
		return 1;
	/* a mail address with a person's name in it is theirs even at work:
	 * only a shared mailbox is the office's */
	if (sp->type == PII_EMAIL)
		return shared_mailbox(t, c, ix, sp);
	if (sp->type == PII_PHONE &&
	    (switchboard(t, sp) || service_dial_before(t, sp) || main_line_number(t, c, ix, sp)))
		return 1;
	/* with an extension the number is a switchboard's, even under a
	 * staff member's name (及川 沙織⏎TEL 022-…（内線 2371）) */
	if (sp->type == PII_PHONE && pii__may_have(t, '(') && extension_after(t, sp))
		return 1;
	if (sp->type == PII_PHONE && pii__mobile_at(t, sp->start))
		return 0;
	if (sp->type == PII_PHONE && dedicated_line_before(t, sp))
		return 1;
	if (sp->type == PII_PHONE &&
	    (((hours_after(t, sp) || around_the_clock_after(t, sp)) &&
	      !person_in(t, c, ix, pii__clause_start(t, sp->start, 100), sp->start)) ||
	     (directory_line(t, sp) &&
	      !person_in(t, c, ix, pii__clause_start(t, sp->start, 60), sp->start))))
		return 1;
	if (unit_before(t, c, ix, sp) || signature_contact(t, c, ix, sp) ||
	    (sp->type == PII_PHONE && unit_in_brackets_after(t, c, ix, sp)) ||
	    shared_contact_line(t, c, ix, sp) ||
	    (sp->type == PII_PHONE && office_alternative_after(t, c, ix, sp)))
		return 1;
	/* TEL 084-…-2345 / FAX 084-…-2347: contacts written together on one
	 * line have one owner; a landline after the line's first phone is
	 * the office's when that phone is, by this filter or by
	 * pii__organisation_contact() (twentieth round (b)) */
	if (sp->type == PII_PHONE) {
		size_t ls = line_start(t, sp->start, ix);
		if (!contact_line_prefix(t, c, ix, ls, sp->start))
			return 0;
		/* the line's first phone, which has none before it: one level
		 * of recursion at most, however many phones the line holds */
		const struct pii_span *first = NULL;
		if ((ix = index_of(ix, c))) {
			/* by start, then place: the first found */
			for (size_t i = ref_lower(ix->by_start, ix->n_contact, ls);
			     i < ix->n_contact && ix->by_start[i].at <= sp->start && !first; i++) {
				const struct pii_span *o = &c->v[ix->by_start[i].k];
				if (o != sp && o->type == PII_PHONE && o->end <= sp->start)
					first = o;
			}
		} else {
			for (size_t k = 0; k < c->n; k++) {
				const struct pii_span *o = &c->v[k];
				if (o != sp && o->type == PII_PHONE && o->start >= ls &&
				    o->end <= sp->start && (!first || o->start < first->start))
					first = o;
			}
		}
		if (first && !pii__mobile_at(t, first->start))
			return not_personal(t, c, ix, first) ||
			       pii__organisation_contact(t, c, first);
	}
	return 0;
}

/* ---- a text that names nobody (thirteenth round (b)) ---- */



/* Does the text hold no candidate but landlines, postal codes, addresses,
 * corporate numbers and shared mailboxes? A mobile number or a personal
 * mailbox is somebody's. */
static int nobody_in_text(const struct pii__text *t, const struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		const struct pii_span *sp = &c->v[k];
		switch (sp->type) {
		case PII_POSTAL_CODE:
		case PII_ADDRESS:
		case PII_JP_CORPORATE_NUMBER:
			break;
		case PII_PHONE:
			if (pii__mobile_at(t, sp->start))
				return 0;
			break;
		case PII_EMAIL:
			break;
		default:
			return 0;
		}
	}
	/* the mailboxes last: the costliest question */
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_EMAIL && !shared_mailbox(t, c, NULL, &c->v[k]))
			return 0;
	return 1;
}

/* No person's word anywhere in the text (様, さん, 本人, 住所, 申請者, 居住…). */
static int no_person_word(const struct pii__text *t)
{
	if (pii__may_have_any(t, person_words) && line_has_words(t, 0, t->n, person_words))
		return 0;
	return !pii__may_have(t, 0x5C45 /* 居 */) || !line_has_words(t, 0, t->n, lives_words);
}

/* Words of a notice's title: what a city posts or sends to many (お知らせ,
 * ご案内, 募集, 一覧, 各種連絡先, 手引き, 説明会, 概要), in Japanese, Chinese,
 * English, Portuguese, Tagalog and Vietnamese. */
static const char *const notice_words[] = {
	"お知らせ", "案内", "募集", "通知", "一覧", "連絡先", "手引き", "説明会", "概要",
	"要項", "のしおり", "Q&A", "FAQ", "よくある質問", "Notice", "NOTICE", "Information", "Aviso", "Comunicado",
	"Paalala", "Anunsyo", "Thông báo", "通知", "说明会", NULL,
};

/* Lines of a notice at least: a title and two lines under it. A resident's
 * message of one or two lines that names a section (保育課に相談しました。
 * 折り返しは 0299-…) is not one. */
#define PUBLIC_NOTICE_LINES 3

/* Does the text open with a notice's title: a first line with no 。 that
 * opens with a bracketed heading (【…】), holds a notice word or names an
 * office (福井市 障がい福祉課 各種連絡先, Toyohashi City Hall), with two
 * more lines or more under it? A title that addresses someone (…御中, …様,
 * …への, …あて) opens a letter. */
static int notice_title(const struct pii__text *t)
{
	size_t a = 0;
	while (a < t->n && (is_line_end(t->cp[a]) || t->cp[a] == ' '))
		a++;
	size_t e = a;
	e = end_of_line(t, e);
	if (e == a || e - a > PUBLIC_BLOCK_LINE_MAX)
		return 0;
	int lines = 1;
	for (size_t q = e; q < t->n && lines < PUBLIC_NOTICE_LINES; q++)
		if (is_line_end(t->cp[q]) && q + 1 < t->n && !is_line_end(t->cp[q + 1]))
			lines++;
	if (lines < PUBLIC_NOTICE_LINES)
		return 0;
	for (size_t q = a; q < e; q++)
		if (t->cp[q] == 0x3002 /* 。 */)
			return 0;
	/* a title written to an office (保育課への連絡, 市民課あて) opens a
	 * resident's message, not the office's notice */
	static const char *const written_to[] = {"への", "あて", "宛て", NULL};
	if (line_has_words(t, a, e, addressee_words) || line_has_words(t, a, e, signer_words) ||
	    line_has_words(t, a, e, written_to))
		return 0;
	return t->cp[a] == 0x3010 /* 【 */ || line_has_words(t, a, e, notice_words) ||
	       line_names_office(t, a, e) || line_has_words(t, a, e, english_units) ||
	       line_has_words(t, a, e, foreign_units);
}

/* A notice that names nobody: its landlines, postal codes and addresses
 * are the office's or the places' it announces (a list of counters, a
 * table of facilities, a mailing instruction, a polling place), as every
 * such text of the batches is. */
/* A text that opens with what it announces, up to its colon: a place's or
 * a service's name and what is said of it (…センター（…）の利用案内：,
 * 〇〇のお知らせ：), in one paragraph that a notice's title of its own line would
 * head (twenty-first round (b)). */
#define PUBLIC_OPENING_MAX 40
static int notice_opening(const struct pii__text *t)
{
	/* what is announced, of something named before it (not a field's
	 * label: 連絡先：) */
	static const char *const opening_words[] = {"利用案内", "の案内", "のご案内", "のお知らせ",
						    "募集案内", NULL};
	size_t a = 0;
	while (a < t->n && (is_line_end(t->cp[a]) || t->cp[a] == ' '))
		a++;
	for (size_t q = a; q < t->n && q - a < PUBLIC_OPENING_MAX; q++) {
		uint32_t ch = t->cp[q];
		if (is_line_end(ch) || ch == 0x3002 /* 。 */)
			return 0;
		if (ch == ':')
			return q > a && pii__ends_with(t, a, q, opening_words) != 0;
	}
	return 0;
}

/* Notice: Okinawa City Hall will be closed …: a text that opens with a
 * notice's word (a few words after it at most) and a colon, and whose
 * first sentence after the colon names a public office, is that office's
 * notice though it is one line; its phone, address and postal code are
 * the office's, as under a notice's title (twenty-fourth round (c)).
 * Notice: my neighbour … names no office. */
static int notice_label(const struct pii__text *t)
{
	static const char *const label_words[] = {"Notice", "NOTICE", "Aviso", "Comunicado",
						  "Paalala", "Anunsyo", "Thông báo", "お知らせ", NULL};
	size_t a = 0;
	while (a < t->n && (is_line_end(t->cp[a]) || t->cp[a] == ' '))
		a++;
	size_t m = pii__match_any(t, a, label_words), q = a + m;
	if (!m || (q < t->n && pii__is_latin(t->cp[q])))
		return 0;
	while (q < t->n && q - a < PUBLIC_OPENING_MAX && t->cp[q] != ':' && !is_line_end(t->cp[q]) &&
	       t->cp[q] != '.' && t->cp[q] != 0x3002 /* 。 */)
		q++;
	if (q >= t->n || t->cp[q] != ':')
		return 0;
	size_t s = q + 1, e = s;
	while (e < t->n && !is_line_end(t->cp[e]) && t->cp[e] != 0x3002 /* 。 */ &&
	       !(t->cp[e] == '.' && (e + 1 >= t->n || t->cp[e + 1] == ' ')))
		e++;
	return latin_unit_in(t, s, e) || line_names_office(t, s, e);
}

/* A public office's guidance with no title, in a text that names no one
 * (no person's candidate, no mobile, only shared mailboxes, no person's
 * word; twenty-fourth round (c)). Its landline is the office's when the
 * sentence gives it as the office's (…市民税課のメールアドレスは …、FAXは
 * 098-… です: a unit, の and a contact's word before the number), or when
 * the number's sentence is its label alone after a sentence that sets a
 * service at an office (場所は…市役所本庁舎1階、市民相談室です。…電話
 * 0852-…). A resident writing to a section (保育課に相談しました。折り返し
 * は 0299-…) does neither. g caches what the answers share (struct guidance). */
static const char *const contact_words[] = {"メールアドレス", "電話番号", "電話", "FAX", "ファクス",
					    "ファックス", "連絡先", NULL};

static int office_own_contact(const struct pii__text *t, size_t cs, size_t p)
{
	for (size_t q = cs + 1; q < p; q++)
		if (t->cp[q] == 0x306E /* の */ && pii__match_any(t, q + 1, contact_words) &&
		    unit_ending_at(t, cs, q))
			return 1;
	return 0;
}

/* The text's first sentence names an office and says what it does, not
 * what the writer did (久留米市 外国人相談窓口（…）は毎週…に開設。,
 * …は静岡県運転免許センターで受け付けています。; twenty-eighth round (c)):
 * an office's notice, whose number given by its label alone is the
 * office's. 保育課に相談しました。 is a resident's report. */
static int office_opens_text(const struct pii__text *t)
{
	size_t e = 0;
	while (e < t->n && t->cp[e] != 0x3002 /* 。 */ && !is_line_end(t->cp[e]) && e < 160)
		e++;
	if (e >= t->n || t->cp[e] != 0x3002)
		return 0;
	for (size_t q = 0; q + 1 < e; q++)
		if (t->cp[q] == 0x3057 /* し */ && t->cp[q + 1] == 0x305F /* た */)
			return 0;
	return line_names_office(t, 0, e);
}

/* What the parts of a document are asked once each (struct doc_parts,
 * below): does the part (or a text of one part) name nobody
 * (nobody_in_text(), and no_person_word()), does it open with an office's
 * sentence (office_opens_text())? */
struct doc_parts;
static struct scope doc_scope(const struct doc_parts *dp, const struct pii__text *t,
			      const struct pii_span *sp);
static int nobody_in_scope(struct doc_parts *dp, const struct pii__text *t,
			   const struct pii__cands *c, struct scope sc, int persons);
static int office_opens_scope(struct doc_parts *dp, const struct pii__text *t, struct scope sc);

/* What office_guidance_line() learns of the whole text once and asks at
 * every phone: a document of many lines walked from its start to each
 * phone's clause for the venue's words (tenth speed round). */
struct guidance {
	struct doc_parts *dp; /* the parts' verdicts */
	size_t *venue; /* where the venue words start, ascending; NULL: not walked */
	size_t n_venue;
};

static int venue_at_office_before(const struct pii__text *t, size_t cs, size_t p,
				  struct scope sc, struct guidance *g)
{
	static const char *const labels[] = {"電話番号", "電話", "TEL", "Tel", "FAX", NULL};
	size_t a = cs, b = p;
	while (a < b && (t->cp[a] == ' ' || t->cp[a] == 0x300C /* 「 */))
		a++;
	while (b > a && (t->cp[b - 1] == ' ' || t->cp[b - 1] == ':'))
		b--;
	/* 予約は電話054-…: a topic of a few kana or kanji and は before the
	 * label (twenty-eighth round (c)) */
	size_t topic = a;
	while (topic < b && topic - a < 5 && (is_name_char(t->cp[topic]) || pii__is_hira(t->cp[topic])) &&
	       t->cp[topic] != 0x306F /* は */)
		topic++;
	if (topic > a && topic < b && t->cp[topic] == 0x306F && pii__match_any(t, topic + 1, labels) == b - topic - 1)
		a = topic + 1;
	if (b == a || pii__match_any(t, a, labels) != b - a)
		return 0;
	if (office_opens_scope(g->dp, t, sc))
		return 1;
	static const char *const venues[] = {"場所は", "会場は", "窓口は", NULL};
	if (!pii__may_have_any(t, venues))
		return 0;
	if (!g->venue) {
		/* the words' first code points found by pii__find_cp() */
		static const uint32_t first[] = {0x5834 /* 場 */, 0x4F1A /* 会 */, 0x7A93 /* 窓 */};
		size_t cap = 8;
		g->venue = yk_xmalloc(cap * sizeof(*g->venue));
		struct pii__walk w;
		pii__walk_init(&w, t, 0, first, 3);
		for (size_t q = pii__walk_next(&w); q < t->n; q = pii__walk_next(&w)) {
			if (!pii__match_any(t, q, venues))
				continue;
			if (g->n_venue == cap) {
				cap *= 2;
				g->venue = yk_xrealloc(g->venue, cap * sizeof(*g->venue));
			}
			g->venue[g->n_venue++] = q;
		}
	}
	for (size_t j = 0; j < g->n_venue && g->venue[j] < cs; j++) {
		size_t q = g->venue[j];
		size_t e = q + 3;
		while (e < cs && !pii__is_boundary(t->cp[e]))
			e++;
		if (line_names_office(t, q + 3, e))
			return 1;
	}
	return 0;
}

static int office_guidance_line(const struct pii__text *t, const struct pii__cands *c,
				const struct pii_span *sp, struct guidance *g)
{
	if (sp->type != PII_PHONE || pii__mobile_at(t, sp->start))
		return 0;
	/* the sentence's structure first: the text's half walks every
	 * candidate and mailbox */
	size_t cs = pii__clause_start(t, sp->start, PII_ORG_WINDOW);
	struct scope sc = doc_scope(g->dp, t, sp);
	if (!office_own_contact(t, cs, sp->start) &&
	    !venue_at_office_before(t, cs, sp->start, sc, g))
		return 0;
	return nobody_in_scope(g->dp, t, c, sc, 1);
}

static int mail_destination_postal(const struct pii__text *t, const struct pii__cands *c,
				   const struct public_index *ix, const struct pii_span *sp,
				   struct doc_parts *dp);

/* The address right after a postal code given as where to send things
 * (〒920-8577 金沢市広坂1-1-1 あてに): the office's, as its code is. */
static int mail_destination_address(const struct pii__text *t, const struct pii__cands *c,
				    const struct public_index *ix, const struct pii_span *sp,
				    struct doc_parts *dp)
{
	size_t p = sp->start;
	while (p > 0 && t->cp[p - 1] == ' ')
		p--;
	if (p >= sp->start)
		return 0;
	if ((ix = index_of(ix, c))) {
		for (size_t i = ref_lower(ix->by_end, ix->n_contact, p);
		     i < ix->n_contact && ix->by_end[i].at == p; i++)
			if (c->v[ix->by_end[i].k].type == PII_POSTAL_CODE)
				return mail_destination_postal(t, c, ix, &c->v[ix->by_end[i].k], dp);
		return 0;
	}
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].type == PII_POSTAL_CODE && c->v[k].end == p)
			return mail_destination_postal(t, c, ix, &c->v[k], dp);
	return 0;
}

/* twenty-seventh round (g): a postal code given as where to send things
 * (郵送の場合は〒…まで, 〒…宛て) with no address after it, in a text that
 * names an office and no person: an office's own code, which its notice
 * prints for every reader. A resident writes their code before their
 * address, or names themselves or a person's word (自宅, 実家) in its
 * sentence. */
static int mail_destination_postal(const struct pii__text *t, const struct pii__cands *c,
				   const struct public_index *ix, const struct pii_span *sp,
				   struct doc_parts *dp)
{
	if (sp->type != PII_POSTAL_CODE || sp->start == 0 || t->cp[sp->start - 1] != 0x3012 /* 〒 */)
		return 0;
	size_t q = sp->end;
	while (q < t->n && t->cp[q] == ' ')
		q++;
	/* 〒920-8577 金沢市広坂1-1-1 あてに: the office's address between the
	 * code and the destination's word (twenty-eighth round (c)) */
	const struct pii_span *ad = NULL;
	if ((ix = index_of(ix, c))) {
		for (size_t i = ref_lower(ix->by_start, ix->n_contact, q);
		     i < ix->n_contact && ix->by_start[i].at == q && !ad; i++)
			if (c->v[ix->by_start[i].k].type == PII_ADDRESS)
				ad = &c->v[ix->by_start[i].k];
	} else {
		for (size_t k = 0; k < c->n && !ad; k++)
			if (c->v[k].type == PII_ADDRESS && c->v[k].start == q)
				ad = &c->v[k];
	}
	if (ad) {
		q = ad->end;
		while (q < t->n && t->cp[q] == ' ')
			q++;
	}
	static const char *const destination[] = {"まで", "宛て", "宛", "あて", NULL};
	if (!pii__match_any(t, q, destination))
		return 0;
	/* the person's words looked for in the code's sentence only: the
	 * notice's other sentences name whom a service is for (児童扶養手当) */
	size_t cs = pii__clause_start(t, sp->start, 160), ce = q;
	while (ce < t->n && !pii__is_boundary(t->cp[ce]))
		ce++;
	struct scope sc = doc_scope(dp, t, sp);
	return !line_has_words(t, cs, ce, person_words) && line_names_office(t, sc.s, sc.e) &&
	       nobody_in_scope(dp, t, c, sc, 0);
}

static int notice_of_nobody(const struct pii__text *t, const struct pii__cands *c)
{
	return nobody_in_text(t, c) && (notice_title(t) || notice_opening(t) || notice_label(t)) &&
	       no_person_word(t);
}

/* Lines of a sample block at most, and the longest heading line. */
#define PUBLIC_SAMPLE_BLOCK_LINES 12
#define PUBLIC_SAMPLE_HEADING_MAX 40

/* A sample block inside a text (請求書の記入例\n　請求者氏名：…\n　生年月日：…):
 * a line of no sentence that ends with a sample word, after の, a space, a
 * bracket or nothing, and the indented lines right under it; the
 * candidates on those lines are made up (thirteenth round (b)). The first
 * line that is not indented ends the block. */
static void sample_blocks(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t ls = 0; ls < t->n;) {
		size_t le = ls;
		le = end_of_line(t, le);
		size_t e = le;
		while (e > ls && (t->cp[e - 1] == ' ' || t->cp[e - 1] == ')' ||
				  t->cp[e - 1] == 0x3011 /* 】 */ || t->cp[e - 1] == ':'))
			e--;
		/* every sample word ends with 例 or 本 */
		size_t m = e > ls && e - ls <= PUBLIC_SAMPLE_HEADING_MAX &&
				   (t->cp[e - 1] == 0x4F8B /* 例 */ || t->cp[e - 1] == 0x672C /* 本 */)
			   ? pii__ends_with(t, ls, e, sample_words)
			   : 0;
		int heading = m != 0;
		for (size_t q = ls; q < le && heading; q++)
			heading = t->cp[q] != 0x3002 /* 。: a sentence, not a heading */;
		if (heading && e - m > ls) {
			uint32_t p = t->cp[e - m - 1];
			heading = p == 0x306E /* の */ || p == ' ' || p == '(' || p == 0x3010 /* 【 */ ||
				  p == 0x30FB /* ・ */;
		}
		ls = le < t->n ? le + 1 : le;
		if (!heading)
			continue;
		size_t bs = ls, be = ls;
		for (int k = 0; k < PUBLIC_SAMPLE_BLOCK_LINES && be < t->n && t->cp[be] == ' '; k++) {
			be = end_of_line(t, be);
			if (be < t->n)
				be++;
		}
		if (be == bs)
			continue;
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i].start >= bs && c->v[i].end <= be)
				c->v[i].confidence = 0;
		ls = be;
	}
}

/* A number's counter read as a name's first word (受付13番 比嘉様, 第2号
 * 山田 太郎): one kanji glued to a digit before it, then a space; no one's
 * surname is written glued to a number. The name starts after the space;
 * twenty-first round (a). */
static void counter_before_name(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct pii_span *v = &c->v[i];
		size_t s = v->start;
		if (v->type != PII_PERSON || s == 0 || v->end < s + 3 || !pii__is_digit(t->cp[s - 1]) ||
		    !pii__is_kanji(t->cp[s]) || t->cp[s + 1] != ' ')
			continue;
		pii__span_set(v, t, s + 2, v->end);
	}
}

/* The part [s, e) as a text of its own: its code points from 0, the byte
 * offsets the input's (raw stays the input; len ends at the part's end). */
static struct pii__text part_text(const struct pii__text *t, size_t s, size_t e)
{
	return (struct pii__text){t->cp + s, t->boff + s, e - s, t->raw, t->boff[e], NULL,
				   t->nl ? t->nl + s : NULL};
}

/* Made-up samples (sample_text()), judged part by part: a document of
 * several parts between blank lines that quotes a filled-in form's
 * sample (【記入例】…※記入例の番号は架空のものです) keeps the real values of
 * its other parts; a 65-part document lost every one of its 201 values to
 * one such part. A text of one part is judged whole, as before. Returns
 * 1 when the whole text is a sample (nothing in it is anyone's). */
/* The parts of a document of several: a part has no cues of its own, and
 * where the document's next 例 and 本 stand (found once each, as the parts
 * go forward) says whether it may hold a sample word (each ends with one);
 * a part with neither is asked only for a foreign sample's title, not
 * walked line by line as sample_text() walks a part (tenth speed round).
 * Out of line: a text of one part, a line's scan, keeps sample_text()
 * inline. */
static __attribute__((noinline)) void samples_in_parts(const struct pii__text *t,
						       struct pii__cands *c,
						       const struct pii__parts *tp)
{
	static const uint32_t mark_cp[2] = {0x4F8B /* 例 */, 0x672C /* 本 */};
	size_t next[2];
	for (int j = 0; j < 2; j++)
		next[j] = pii__may_have(t, mark_cp[j]) ? pii__find_cp(t, 0, mark_cp[j]) : t->n;
	for (size_t k = 0; k < tp->n; k++) {
		size_t bs = tp->bound[2 * k], be = tp->bound[2 * k + 1];
		int marks = 0;
		for (int j = 0; j < 2; j++) {
			if (next[j] < bs)
				next[j] = pii__find_cp(t, bs, mark_cp[j]);
			marks |= next[j] < be;
		}
		const struct pii__text part = part_text(t, bs, be);
		/* a part opens with no blank (pii__part_next() skips them) */
		if (marks ? sample_text(&part) : foreign_sample_title(&part, 0))
			for (size_t i = 0; i < c->n; i++)
				if (c->v[i].start >= bs && c->v[i].end <= be)
					c->v[i].confidence = 0;
	}
}

static int samples_dropped(const struct pii__text *t, struct pii__cands *c,
			   const struct pii__parts *tp)
{
	if (!tp->n)
		return sample_text(t);
	samples_in_parts(t, c, tp);
	return 0;
}

/* The parts of a text (between blank lines) and what is asked of each
 * once: is it an office's notice naming nobody (notice_of_nobody(): its
 * landlines, postal codes and addresses are the office's), does it name
 * nobody at all, does it open with an office's sentence. A document that
 * pastes a notice beside a case memo names people in the memo, and judged
 * whole its notice's contacts were counted personal; each part is judged
 * alone, a text of one part whole, as before. A candidate that runs over a
 * part's edge makes the part no such notice, and its questions are asked
 * of the whole text. */
struct part_cands {
	size_t s, e;     /* the part */
	int spoilt;      /* a candidate runs over its edge */
	size_t from, n;  /* its candidates in sub[from, from + n), in c's order */
	signed char nobody, opens; /* nobody_in_text() && no_person_word(),
				    * office_opens_text(); -1: not yet */
};

struct doc_parts {
	int whole;               /* a text of one part: notice_of_nobody() */
	struct part_cands *parts; /* the parts, in order (NULL: one part) */
	size_t np;
	const struct pii__parts *tp; /* their bounds */
	struct pii_span *sub;    /* the parts' candidates, from their starts */
	struct { size_t s, e; } *notice; /* the parts that are such notices */
	size_t n_notice;
	signed char nobody, opens; /* the whole text's; -1: not yet */
};

/* The parts of t, each with the candidates that lie in it (their bounds
 * from its start), from the candidates grouped by part
 * (pii__parts_group()): asked part by part, the whole list was walked for
 * every part. A candidate that runs over a part's edge lies in no part
 * and spoils every part it overlaps. */
static void doc_parts_find(const struct pii__text *t, const struct pii__cands *c,
			   struct pii__parts *tp, struct doc_parts *dp)
{
	*dp = (struct doc_parts){0, NULL, 0, tp, NULL, NULL, 0, -1, -1};
	if (!c->n)
		return;
	if (!tp->n) {
		dp->whole = notice_of_nobody(t, c);
		return;
	}
	pii__parts_group(tp, c, c->n);
	size_t np = tp->n, cap = 0, total = 0;
	struct part_cands *parts = yk_xmalloc(np * sizeof(*parts));
	for (size_t j = 0; j < np; j++)
		parts[j] = (struct part_cands){tp->bound[2 * j], tp->bound[2 * j + 1], 0, 0, 0, -1, -1};
	struct pii_span *sub = yk_xmalloc(c->n * sizeof(*sub));
	for (size_t j = 0; j < np; j++) {
		struct part_cands *pc = &parts[j];
		pc->from = total;
		for (size_t m = tp->first[j]; m < tp->first[j + 1]; m++) {
			const struct pii_span *v = &c->v[tp->idx[m]];
			if (v->start >= pc->s && v->end <= pc->e) {
				/* code points from the part's start; the byte
				 * offsets stay the input's, as the part's boff
				 * gives them */
				sub[total] = *v;
				sub[total].start -= pc->s;
				sub[total].end -= pc->s;
				total++;
				pc->n++;
				continue;
			}
			for (size_t q = j; q < np && parts[q].s < v->end; q++)
				if (parts[q].e > v->start)
					parts[q].spoilt = 1;
		}
	}
	dp->parts = parts;
	dp->np = np;
	dp->sub = sub;
	for (size_t j = 0; j < np; j++) {
		const struct part_cands *pc = &parts[j];
		if (pc->spoilt || !pc->n)
			continue;
		const struct pii__text part = part_text(t, pc->s, pc->e);
		const struct pii__cands in = {sub + pc->from, pc->n, pc->n};
		if (!notice_of_nobody(&part, &in))
			continue;
		if (dp->n_notice == cap) {
			cap = cap ? 2 * cap : 4;
			dp->notice = yk_xrealloc(dp->notice, cap * sizeof(*dp->notice));
		}
		dp->notice[dp->n_notice].s = pc->s;
		dp->notice[dp->n_notice].e = pc->e;
		dp->n_notice++;
	}
}

static void doc_parts_release(struct doc_parts *dp)
{
	free(dp->parts);
	free(dp->sub);
	free(dp->notice);
}

/* Does v lie in a part that is an office's notice naming nobody? The
 * parts are in order and apart: only the last that starts at v's start or
 * before it can hold it. */
static int notice_part_of(const struct doc_parts *dp, const struct pii_span *v)
{
	if (dp->whole)
		return 1;
	size_t lo = 0, hi = dp->n_notice;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (dp->notice[mid].s <= v->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && v->end <= dp->notice[lo - 1].e;
}

/* The scope of sp's text-wide questions: its part, unless the text is of
 * one part or the part is spoilt (then the whole text). */
static struct scope doc_scope(const struct doc_parts *dp, const struct pii__text *t,
			      const struct pii_span *sp)
{
	struct scope whole = {0, t->n, SIZE_MAX};
	if (!dp->parts)
		return whole;
	size_t j = pii__parts_at(dp->tp, sp->start);
	if (dp->parts[j].spoilt || sp->start < dp->parts[j].s ||
	    sp->end > dp->parts[j].e)
		return whole;
	return (struct scope){dp->parts[j].s, dp->parts[j].e, j};
}

/* The scope as a text of its own with its candidates (from its start). */
static void scope_view(const struct doc_parts *dp, const struct pii__text *t,
		       const struct pii__cands *c, struct scope sc, struct pii__text *vt,
		       struct pii__cands *vc)
{
	if (sc.j == SIZE_MAX) {
		*vt = *t;
		*vc = *c;
		return;
	}
	const struct part_cands *pc = &dp->parts[sc.j];
	*vt = part_text(t, pc->s, pc->e);
	*vc = (struct pii__cands){dp->sub + pc->from, pc->n, pc->n};
}

/* nobody_in_text() of the scope alone, and with no person's word in it
 * (persons = 0, cached). */
static int nobody_in_scope(struct doc_parts *dp, const struct pii__text *t,
			   const struct pii__cands *c, struct scope sc, int persons)
{
	signed char *v = sc.j == SIZE_MAX ? &dp->nobody : &dp->parts[sc.j].nobody;
	if (persons && *v >= 0)
		return *v;
	struct pii__text vt;
	struct pii__cands vc;
	scope_view(dp, t, c, sc, &vt, &vc);
	if (!persons)
		return nobody_in_text(&vt, &vc);
	*v = (signed char)(nobody_in_text(&vt, &vc) && no_person_word(&vt));
	return *v;
}

static int office_opens_scope(struct doc_parts *dp, const struct pii__text *t, struct scope sc)
{
	if (sc.j == SIZE_MAX) {
		if (dp->opens < 0)
			dp->opens = (signed char)office_opens_text(t);
		return dp->opens;
	}
	struct part_cands *pc = &dp->parts[sc.j];
	if (pc->opens < 0) {
		const struct pii__text part = part_text(t, pc->s, pc->e);
		pc->opens = (signed char)office_opens_text(&part);
	}
	return pc->opens;
}

/* Titles that end a name's span when a rule or the model read them into
 * it (青木 隆医師, 大石 仁人議員): no name ends with them. */
static const char *const span_tail_titles[] = {"医師", "議員", "委員長", "委員", "議長", "主査",
					       "主任", "主事", "主幹", "参事", "保健師", "技師",
					       "教諭", "社長", "課長", "係長", "部長", NULL};

/* A PERSON span that runs into a title glued after the name, or over a
 * space into the next field's label (処理担当：片山　確認者：野口): cut back
 * to the name. */
static void person_tails_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct pii_span *v = &c->v[i];
		if (v->type != PII_PERSON || v->end - v->start < 3)
			continue;
		size_t s = v->start, e = v->end;
		size_t m = pii__ends_with(t, s + 2, e, span_tail_titles);
		if (m && pii__is_kanji(t->cp[e - m - 1]) && pii__is_kanji(t->cp[e - m])) {
			pii__span_set(v, t, s, e - m);
			continue;
		}
		/* a particle between a name and a company (相談者 河合 祐介は
		 * 合同会社カワイ工房; batches 266-273): the name ends before it */
		for (size_t p = s + 2; p + 1 < e; p++)
			if ((t->cp[p] == 0x306F /* は */ || t->cp[p] == 0x304C /* が */) &&
			    pii__is_kanji(t->cp[p - 1]) &&
			    (pii__is_kanji(t->cp[p + 1]) || pii__is_kata(t->cp[p + 1])) &&
			    pii__match_any(t, p + 1, company_forms)) {
				e = p;
				pii__span_set(v, t, s, e);
				break;
			}
		/* a phone's word glued after the name (浜本 直樹携帯), or a
		 * space and は going on the sentence (中村 タケシ ロドリゴ は自営;
		 * batches 626-641) */
		static const char *const contact_tails[] = {"携帯", "自宅", NULL};
		size_t ct = pii__ends_with(t, s + 2, e, contact_tails);
		if (ct && e - ct > s + 1 && t->cp[e - ct - 1] != ' ') {
			e -= ct;
			pii__span_set(v, t, s, e);
		}
		/* 分 after a full name, its parts spaced, closing an item (資格
		 * 取得届、加藤 美咲分）; session 25's read files): the form's share
		 * for the person; no given name ends with 分 */
		if (e - s >= 4 && t->cp[e - 1] == 0x5206 /* 分 */ && pii__is_kanji(t->cp[e - 2]) &&
		    pii__find_cp_in(t, s + 1, e - 2, ' ') < e - 2 &&
		    (e == t->n || t->cp[e] == ')' || t->cp[e] == 0x3001 /* 、 */ ||
		     t->cp[e] == 0x306E /* の */ || is_line_end(t->cp[e]))) {
			e--;
			pii__span_set(v, t, s, e);
		}
		for (size_t p = s + 2; p + 2 < e; p++)
			if (t->cp[p] == ' ' && t->cp[p + 1] == 0x306F /* は */ &&
			    pii__is_kanji(t->cp[p + 2])) {
				e = p;
				pii__span_set(v, t, s, e);
				break;
			}
		/* a role or a relation and a space opening the span (児童 アーシャ;
		 * batches 266-273): the name is after the space */
		static const char *const role_heads[] = {"児童", "生徒", "園児", "利用者", "対象者",
							 "本人", "申請者", "相談者",
							 /* 家主 関根氏 (batches 790-805; not
							  * 大家, a surname too: 大家 ミヨ) */
							 "家主", "地主", "管理人", NULL};
		size_t rh = pii__match_any(t, s, role_heads);
		if (rh && s + rh + 1 < e && t->cp[s + rh] == ' ') {
			pii__span_set(v, t, s + rh + 1, e);
			s = v->start;
		}
		/* a title's first part glued to the name, the title after the
		 * span (○吉川副委員長, 三浦民生委員; batches 250-257) */
		static const char *const title_heads[] = {"副", "民生", "主任児童", NULL};
		static const char *const titles_after[] = {"委員長", "委員", "議長", "会長", "部長",
							   "課長", "所長", "館長", "校長", "理事長",
							   "主査", "主幹", "参事", "市長", "町長",
							   "村長", "区長", "センター長", NULL};
		size_t h = pii__ends_with(t, s + 2, e, title_heads);
		if (h && e < t->n && pii__match_any(t, e, titles_after) &&
		    pii__is_kanji(t->cp[e - h - 1])) {
			pii__span_set(v, t, s, e - h);
			continue;
		}
		/* 阿部 勝男さんの妻 阿部 ヨシ子 (batches 744-757): two persons
		 * read as one over an honorific, の and a relation; the span
		 * ends before the honorific, the relative is a span of its own */
		{
			size_t p = s + 2, hm = 0;
			for (; p + 3 < e && !hm; p++)
				if ((hm = pii__match(t, p, "さんの")) == 0)
					hm = pii__match(t, p, "様の");
			if (hm) {
				p--;
				size_t r = p + hm;
				while (r < e && pii__is_kanji(t->cp[r]) && r - (p + hm) < 3)
					r++;
				int relative = r > p + hm && r + 2 < e && t->cp[r] == ' ';
				pii__span_set(v, t, s, p);
				if (relative) {
					double conf = v->confidence;
					pii__cand_add(c, t, r + 1, e, PII_PERSON, conf);
				}
				continue;
			}
		}
		/* ファム・ティ・ラン ベトナム語 (batches 730-743): the language
		 * after the name, a country's name and 語 */
		if (e < t->n && t->cp[e] == 0x8A9E /* 語 */) {
			size_t q = e;
			while (q > s + 1 && t->cp[q - 1] != ' ')
				q--;
			if (q > s + 1 && t->cp[q - 1] == ' ' && pii__is_word(t, q, e, person_countries)) {
				pii__span_set(v, t, s, q - 1);
				continue;
			}
		}
		/* 榎木 隆獣医師 (batches 714-729): 獣 of 獣医 read into the
		 * given name */
		if (e < t->n && t->cp[e - 1] == 0x7363 /* 獣 */ && t->cp[e] == 0x533B /* 医 */ &&
		    pii__is_kanji(t->cp[e - 2])) {
			pii__span_set(v, t, s, e - 1);
			continue;
		}
		/* …, a space, then a label of one who acts (…者) before a colon */
		if (e < t->n && t->cp[e] == ':' && t->cp[e - 1] == 0x8005 /* 者 */) {
			size_t sp = e - 1;
			while (sp > s && pii__is_kanji(t->cp[sp - 1]) && e - sp < 4)
				sp--;
			if (sp > s + 1 && t->cp[sp - 1] == ' ' && e - sp >= 2)
				pii__span_set(v, t, s, sp - 1);
		}
	}
}

/* Twenty-eighth round (batches 378-381): two heads that open a PERSON
 * candidate without being a name.
 *
 * - The parties of a contract or an agreement are called 甲, 乙, 丙 and 丁
 *   (甲：北浜町\n乙：株式会社…, 甲は乙に…): one of these letters alone,
 *   before a colon or a particle, is a party's label, never a surname.
 * - A relation of two kanji glued before a spaced name (長男森 一樹は,
 *   次女林 恵子（…）): the relation is no part of the name, which starts
 *   after it. Only where a kanji follows the relation and a space is
 *   inside the span, so 長男 as a name's own start is not cut.
 * - A place or a word of 1-3 kanji, a space, then a full name written
 *   together (内覧：12/19 奥平　桐山航平様, 訪問先 上原 北村正夫様): four
 *   kanji or more after the space are no given name but a surname
 *   ENAMDICT lists and a given name, so the span starts at them. */
static const char *const glued_relations[] = {"長男", "長女", "次男", "次女", "三男", "三女",
					      "四男", "四女", "養子", "養女", "実父", "実母",
					      "義父", "義母", NULL};

static int contract_party(const struct pii__text *t, const struct pii_span *v)
{
	if (v->end != v->start + 1)
		return 0;
	uint32_t c = t->cp[v->start];
	if (c != 0x7532 /* 甲 */ && c != 0x4E59 /* 乙 */ && c != 0x4E19 /* 丙 */ &&
	    c != 0x4E01 /* 丁 */)
		return 0;
	if (v->end >= t->n)
		return 0;
	uint32_t n = t->cp[v->end];
	return n == ':' || n == 0x306F /* は */ || n == 0x304C /* が */ || n == 0x306B /* に */ ||
	       n == 0x3068 /* と */ || n == 0x306E /* の */ || n == 0x3092 /* を */ ||
	       n == 0x53CA /* 及 */ || n == 0x304A /* お */;
}

static int place_before_full_name(const struct pii__text *t, struct pii_span *v)
{
	size_t s = v->start, e = v->end, sp = s;
	while (sp < e && pii__is_kanji(t->cp[sp]))
		sp++;
	if (sp == s || sp - s > 3 || sp + 5 > e || t->cp[sp] != ' ')
		return 0;
	for (size_t q = sp + 1; q < e; q++)
		if (!pii__is_kanji(t->cp[q]))
			return 0;
	if (e - sp - 1 > 6)
		return 0;
	const struct pii__names *names = pii__names_get();
	if (!names)
		return 0;
	/* the surname of 2-3 kanji, a given name of 1-3 after it */
	for (size_t l = 3; l >= 2; l--) {
		size_t g = sp + 1 + l;
		if (g >= e || e - g > 3)
			continue;
		if (pii__names_lookup(names, t->cp + sp + 1, l) & PII_NAME_SURNAME) {
			pii__span_set(v, t, sp + 1, e);
			return 1;
		}
	}
	return 0;
}

static void person_heads_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct pii_span *v = &c->v[i];
		if (v->type != PII_PERSON)
			continue;
		if (contract_party(t, v)) {
			v->confidence = 0;
			continue;
		}
		size_t s = v->start, e = v->end;
		/* …本町48番地 西田様宅, …3番地 小林さん: a lot's unit after its
		 * number read as a surname before the name after the space
		 * (batches 538-545): the name is what follows the space */
		static const char *const lot_units[] = {"番地", "番", "号", "丁目", NULL};
		size_t lu;
		if (s > 0 && pii__is_digit(t->cp[s - 1]) && (lu = pii__match_any(t, s, lot_units)) &&
		    s + lu + 1 < e && t->cp[s + lu] == ' ' && pii__is_kanji(t->cp[s + lu + 1])) {
			pii__span_set(v, t, s + lu + 1, e);
			continue;
		}
		if (e - s < 5)
			continue;
		if (place_before_full_name(t, v))
			continue;
		size_t m = pii__match_any(t, s, glued_relations);
		if (!m || !pii__is_kanji(t->cp[s + m]) || (s > 0 && pii__is_kanji(t->cp[s - 1])))
			continue;
		for (size_t p = s + m + 1; p + 1 < e && p <= s + m + 3; p++)
			if (t->cp[p] == ' ') {
				pii__span_set(v, t, s + m, e);
				break;
			}
	}
}

/* Soy Jorge Flores…, mãe do Heitor…, papá de Valentina: a Spanish or
 * Portuguese verb, or a particle after a word of the sentence, read into
 * a Latin name's start (batches 554-561): the name starts after it. A
 * surname that opens with its particle (申請者 da Silva Pereira, João)
 * follows no Latin word and keeps it. */
static void latin_heads_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	static const char *const verbs[] = {"Soy ", "Sou ", NULL};
	static const char *const particles[] = {"do ", "da ", "de ", "del ", "dos ", "das ", NULL};
	for (size_t i = 0; i < c->n; i++) {
		struct pii_span *v = &c->v[i];
		size_t s = v->start, e = v->end, m;
		if (v->type != PII_PERSON || !pii__is_latin(t->cp[s]))
			continue;
		m = pii__match_any(t, s, verbs);
		if (!m && s >= 2 && t->cp[s - 1] == ' ' && pii__is_latin(t->cp[s - 2]) &&
		    !pii__is_latin_upper(t->cp[s - 2]))
			m = pii__match_any(t, s, particles);
		if (m && s + m < e && pii__is_latin_upper(t->cp[s + m]))
			pii__span_set(v, t, s + m, e);
	}
}

/* Nationalities written as three capitals after a name in Latin letters
 * (PRASETYO, Agus　INA on a crew list; batches 226-233): IOC and ISO codes
 * of the countries most of a city's foreign residents come from. */
static const char *const nation_codes[] = {
	"INA", "IDN", "PHI", "PHL", "VIE", "VNM", "CHN", "KOR", "BRA", "PER", "NEP", "NPL",
	"MYA", "MMR", "THA", "IND", "SRI", "LKA", "BAN", "BGD", "PAK", "MGL", "MNG", "CAM",
	"KHM", "LAO", "TPE", "TWN", "USA", "BOL", "PAR", "PRY", "ARG", "COL", "MEX", "UZB",
	"NGR", "NGA", "GHA", "TUR", "RUS", "UKR", NULL,
};

/* A name in Latin letters ending in a space and such a code: the code is
 * no part of the name. */
static void nation_codes_trimmed(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct pii_span *v = &c->v[i];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || e - s < 6 || t->cp[e - 4] != ' ' ||
		    !pii__is_latin(t->cp[s]) || !pii__is_latin(t->cp[e - 5]) ||
		    (e < t->n && pii__is_latin(t->cp[e])))
			continue;
		if (pii__is_word(t, e - 3, e, nation_codes))
			pii__span_set(v, t, s, e - 4);
	}
}

/* A name of the list other than its i-th, confident, ending at p; by
 * the PERSON candidates by end (ends, n), or walking the list. */
static int named_before(const struct pii__cands *c, const struct public_ref *ends, size_t n,
			size_t i, size_t p)
{
	if (ends) {
		for (size_t j = ref_lower(ends, n, p); j < n && ends[j].at == p; j++)
			if (ends[j].k != i && c->v[ends[j].k].confidence > 0.5)
				return 1;
		return 0;
	}
	for (size_t k = 0; k < c->n; k++)
		if (k != i && c->v[k].type == PII_PERSON && c->v[k].end == p &&
		    c->v[k].confidence > 0.5)
			return 1;
	return 0;
}

/* A prefecture's name in the bracket right after a person's name (長男
 * 内藤 修（東京、連絡取れず）: where he lives) or before a number's 第
 * (登録番号 東京 第5123号: a register's); batches 226-233. The names are
 * looked up by their ends (the loop changes only confidences, read when
 * asked) once the list is long. */
static void prefecture_places(const struct pii__text *t, struct pii__cands *c)
{
	struct public_ref *ends = NULL;
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct pii_span *v = &c->v[i];
		size_t s = v->start, e = v->end;
		if (v->type != PII_PERSON || e - s > 4)
			continue;
		int placed = e + 1 < t->n && t->cp[e] == ' ' && t->cp[e + 1] == 0x7B2C /* 第 */;
		if (!placed && s >= 2 && t->cp[s - 1] == '(') {
			if (!ends && c->n >= PII_INDEX_MIN) {
				ends = yk_xmalloc(c->n * sizeof(*ends));
				for (size_t k = 0; k < c->n; k++)
					if (c->v[k].type == PII_PERSON)
						ends[n++] = (struct public_ref){c->v[k].end, k};
				refs_sort(ends, n);
			}
			placed = named_before(c, ends, n, i, s - 1);
		}
		if (placed && pii__prefecture_name(t, s, e))
			c->v[i].confidence = 0;
	}
	free(ends);
}

void pii__public_filter(const struct pii__text *t, struct pii__cands *c)
{
	if (pii__may_have_class(t, PII_CUE_KANJI))
		person_tails_trimmed(t, c);
	if (pii__may_have_alpha(t)) {
		nation_codes_trimmed(t, c);
		latin_heads_trimmed(t, c);
	}
	/* the parts between blank lines, found once for samples_dropped()
	 * and doc_parts_find() (no parts made: one part) */
	struct pii__parts tp;
	memset(&tp, 0, sizeof(tp));
	if (c->n)
		(void)pii__parts_make(t, c, 0, &tp);
	if (c->n && samples_dropped(t, c, &tp)) {
		c->n = 0; /* a made-up sample: nothing in it is anyone's */
		return; /* a text of one part: tp holds no parts */
	}
	/* decided on the list as it was (a dropped value still counts as a
	 * contact on its line for the values after it), then compacted; a
	 * candidate's confidence is in (0, 1], so 0 marks a dropped one */
	if (pii__may_have(t, 'J'))
		cooperative_places(t, c);
	if (pii__may_have(t, ' ') && pii__may_have_class(t, PII_CUE_KANJI))
		heads_after_glued_roles(t, c);
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].type == PII_PERSON && not_a_person(t, &c->v[i]))
			c->v[i].confidence = 0;
	if (pii__may_have_class(t, PII_CUE_KANJI))
		person_heads_trimmed(t, c);
	prefecture_places(t, c);
	/* twenty-first round (a): a mayor (or a governor) signing a notice,
	 * or an official letter (（通知）, （回答）, （依頼）; batches 458-461);
	 * session 25: or any text of several lines the head's name closes a
	 * line of */
	if (pii__may_have(t, 0x9577 /* 長 */) || pii__may_have(t, 0x77E5 /* 知 */))
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i].type == PII_PERSON && notice_signer(t, &c->v[i]))
				c->v[i].confidence = 0;
	/* twenty-fifth round (e): a trader's establishment, a town */
	if (pii__may_have_any(t, trade_kinds) || pii__may_have(t, 0x753A /* 町 */) ||
	    pii__may_have(t, 0x6751 /* 村 */))
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i].type == PII_PERSON &&
			    (trade_name_holder(t, &c->v[i]) || town_word(t, &c->v[i])))
				c->v[i].confidence = 0;
	if (pii__may_have_digit(t) && pii__may_have(t, ' '))
		counter_before_name(t, c);
	/* and a place of a list of areas */
	if (pii__may_have(t, 0x30FB /* ・ */) &&
	    (pii__may_have(t, 0x533A /* 区 */) || pii__may_have(t, 0x57DF /* 域 */) ||
	     pii__may_have(t, 0x5185 /* 内 */) || pii__may_have(t, 0x9762 /* 面 */) ||
	     pii__may_have(t, 0x53F0 /* 台 */) || pii__may_have(t, 0x4E18 /* 丘 */))) {
		struct area_words aw = {0, NULL, 0, 0};
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i].type == PII_PERSON && area_place_word(t, &c->v[i], &aw))
				c->v[i].confidence = 0;
		free(aw.w);
	}
	/* every sample word ends with 例 or 本 */
	if (pii__may_have(t, 0x4F8B /* 例 */) || pii__may_have(t, 0x672C /* 本 */))
		sample_blocks(t, c);
	if (pii__may_have_any(t, office_place_words))
		office_lists(t, c);
	if (pii__may_have(t, 0x516C /* 公 */) && pii__may_have(t, 0x8868 /* 表 */))
		for (size_t i = 0; i < c->n; i++)
			if ((c->v[i].type == PII_PHONE || c->v[i].type == PII_JP_CORPORATE_NUMBER) &&
			    said_published(t, c, &c->v[i]))
				c->v[i].confidence = 0;
	struct public_index ix;
	public_index_build(&ix, t, c);
	struct doc_parts dp;
	doc_parts_find(t, c, &tp, &dp);
	struct guidance guidance = {&dp, NULL, 0};
	for (size_t i = 0; i < c->n; i++) {
		/* where the value's text-wide questions are asked */
		const struct scope sc = doc_scope(&dp, t, &c->v[i]);
		if ((c->v[i].type != PII_EMAIL && is_contact(c->v[i].type) &&
		     notice_part_of(&dp, &c->v[i])) ||
		    office_guidance_line(t, c, &c->v[i], &guidance) ||
		    (is_contact(c->v[i].type) && not_personal(t, c, &ix, &c->v[i])) ||
		    sample_value(t, &c->v[i]) || range_value(t, &c->v[i]) ||
		    (pii__may_have(t, '(') && facility_bracket(t, c, &ix, &c->v[i])) ||
		    workplace_landline(t, c, &ix, &c->v[i]) ||
		    company_row_landline(t, c, &ix, &c->v[i]) ||
		    company_cell_address(t, c, &ix, &c->v[i]) ||
		    (c->v[i].type == PII_ADDRESS && padded_code_address(t, &c->v[i])) ||
		    municipal_mailbox(t, c, &ix, &c->v[i]) ||
		    (c->v[i].type == PII_DATE_OF_BIRTH &&
		     (death_date(t, &c->v[i]) || pet_birth_date(t, &c->v[i]))) ||
		    (c->v[i].type == PII_POSTAL_CODE &&
		     (postal_area_named(t, &c->v[i]) ||
		      mail_destination_postal(t, c, &ix, &c->v[i], &dp))) ||
		    (c->v[i].type == PII_ADDRESS && pii__may_have(t, 0x3012 /* 〒 */) &&
		     mail_destination_address(t, c, &ix, &c->v[i], &dp)) ||
		    (c->v[i].type == PII_JP_BANK_ACCOUNT &&
		     (organisation_holder(t, &c->v[i]) || organisation_row(t, c, &ix, &c->v[i]) ||
		      (company_current_account(t, c, &ix, &c->v[i], sc) &&
		       !representative_named(t, c, sc)))) ||
		    (c->v[i].type == PII_JP_CORPORATE_NUMBER &&
		     (corporate_mistyped(t, c, &c->v[i], sc) || public_body_corporate(t, &c->v[i]) ||
		      company_own_corporate(t, c, &c->v[i], sc))))
			c->v[i].confidence = 0;
	}
	doc_parts_release(&dp);
	pii__parts_release(&tp);
	if (guidance.venue)
		free(guidance.venue);
	public_index_release(&ix);
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].confidence > 0)
			c->v[k++] = c->v[i];
	c->n = k;
}
